import BSMDocument
import BSMEngine

/// `img-alt`: an image without a text alternative.
public struct ImgAltRule: Rule {
    public static let metadata = RuleMetadata(
        id: "img-alt",
        name: "Image alt",
        category: .accessibility,
        defaultSeverity: .error,
        summary: "An `img`, `area`, `input[type=image]` or VML image has no `alt` (and no `aria-label`/`aria-labelledby`/`role=presentation`)",
        rationale: """
        Without `alt`, screen readers read the image's file name ("banner_final_v3 dot png") and readers with images \
        blocked — the default in many mail clients — see nothing where the content should be (WCAG 1.1.1, Non-text \
        Content).
        """,
        fix: "Add `alt` describing the image (`alt=\"Acme Outdoor\"`), or `alt=\"\"` when it is decoration.",
        decisions: [
            "An `aria-labelledby` holding a placeholder (`aria-labelledby=\"{{id}}\"`) refers to ids filled in later: the name is unknown, so it is not reported as missing (the same for link names and headings).",
            "`alt=\"\"` marks a decorative image and passes, as do `role=\"presentation\"`/`\"none\"`, `aria-hidden=\"true\"`, a non-blank `aria-label`, and an `aria-labelledby` that resolves to text. `title` alone is not a text alternative.",
            "An image hidden from everyone — itself or an ancestor with `hidden`, `aria-hidden=\"true\"`, or `display:none`/`visibility:hidden` as the cascade computes them at every reference width — inline or from a `<style>` sheet; an inline `display:none` that a sheet overrides (`display: block !important`, the mobile-only block) does not hide, nor does a hidden ancestor hide a `visibility: visible` descendant (a preheader or a desktop-only block hidden by a class) — is neither shown nor announced and is not reported (as in axe-core).",
            "`input[type=image]` is a button and `area` with `href` is an image-map link: their `alt` is their accessible name, so it must not be empty or blank (`alt=\"\"`, `alt=\" \"`) unless `aria-label`/`aria-labelledby` names them, and `role=\"presentation\"` does not excuse them (it is ignored on focusable elements). An `area` without `href` is not checked. `link-name` leaves image-map links to this rule.",
            "VML images in Outlook conditional comments (`<!--[if mso]>…<![endif]-->`) are parsed and checked: `v:image` needs `alt`; `v:imagedata` needs `alt` or `o:title` (on itself or its shape); a shape (`v:rect`, `v:roundrect`, `v:oval`, `v:shape`) filled with an image (`v:fill src`) needs `alt`, unless it holds a `v:textbox` — then the image is a background behind text, like the HTML `background` attribute, and decorative. Likewise a `v:image` with a negative `z-index` (MJML's hero background) sits behind the content and is decorative. Positions inside the comment map back to the file.",
            "Plain `<img>` tags inside conditional comments are not checked (they duplicate the images of the normal markup).",
            "Each image is reported at its start tag (a VML fill at its shape's start tag).",
        ],
        failing: [
            RuleExample("<p>Thanks!</p>\n↓<img src=\"https://example.com/banner.png\" width=\"600\">"),
            RuleExample("↓<input type=\"image\" src=\"https://example.com/go.png\" alt=\"\">", note: "An image button needs a non-empty alt."),
            RuleExample("<img src=\"https://example.com/map.png\" usemap=\"#m\" alt=\"Store map\">\n<map name=\"m\">↓<area shape=\"rect\" coords=\"0,0,10,10\" href=\"https://example.com/store\"></map>"),
            RuleExample("<img src=\"https://example.com/map.png\" usemap=\"#m\" alt=\"Store map\">\n<map name=\"m\">↓<area shape=\"rect\" coords=\"0,0,10,10\" href=\"https://example.com/store\" alt=\"\"></map>", note: "An image-map link's alt is its name: empty is not allowed."),
            RuleExample("<!--[if mso]>\n↓<v:image xmlns:v=\"urn:schemas-microsoft-com:vml\" src=\"https://example.com/hero.png\" style=\"width:600px;height:300px\" />\n<![endif]-->\n<p>Hello</p>", note: "A VML image in an Outlook-only block."),
            RuleExample("↓<img src=\"https://example.com/logo.png\" title=\"Acme\">", note: "`title` is not a text alternative."),
            RuleExample("<!--[if gte mso 9]>↓<v:rect style=\"width:600px;height:200px\" stroked=\"false\"><v:fill type=\"frame\" src=\"https://example.com/promo.jpg\" /></v:rect><![endif]-->"),
        ],
        passing: [
            RuleExample("<img src=\"https://example.com/a.png\" aria-labelledby=\"{{caption_id}}\">", note: "A placeholder `aria-labelledby` names ids filled in later: unknown, not missing."),
            RuleExample("<img src=\"https://example.com/divider.png\" alt=\"\">", note: "`alt=\"\"` marks a decorative image."),
            RuleExample("<img src=\"https://example.com/logo.png\" alt=\"Acme Outdoor\">"),
            RuleExample("<div style=\"display:none\"><img src=\"https://example.com/mobile-hero.png\"></div>", note: "Hidden from everyone."),
            RuleExample("<style>.preheader { display: none; }</style>\n<div class=\"preheader\"><img src=\"https://example.com/dot.png\"></div>", note: "Hidden by the cascade at every reference width."),
            RuleExample("<img src=\"https://example.com/spacer.png\" role=\"presentation\">\n<img src=\"https://example.com/x.png\" aria-label=\"Acme\">"),
            RuleExample("<img src=\"https://example.com/map.png\" usemap=\"#m\" alt=\"Store map\">\n<map name=\"m\"><area shape=\"rect\" coords=\"0,0,10,10\" href=\"https://example.com/store\" alt=\"Our store\"><area shape=\"rect\" coords=\"10,0,20,10\" alt=\"\"></map>", note: "An `area` without `href` is not a link."),
            RuleExample("<p id=\"cap\">Our new kettle</p><img src=\"https://example.com/k.png\" aria-labelledby=\"cap\">"),
            RuleExample("<!--[if mso]><v:rect style=\"width:600px\"><v:fill type=\"tile\" src=\"https://example.com/bg.png\" /><v:textbox><p>Hello</p></v:textbox></v:rect><![endif]-->", note: "A VML background behind text is decorative."),
            RuleExample("<!--[if mso]><v:image src=\"https://example.com/hero.png\" alt=\"Summer sale\" /><![endif]-->"),
            RuleExample("<!--[if mso | IE]><table role=\"presentation\"><tr><td><v:image style=\"position:absolute;top:0;width:600px;z-index:-3;\" src=\"https://example.com/bg.jpg\" /><![endif]-->", note: "A VML image behind the content (negative z-index) is a background."),
        ],
        wcag: "1.1.1 Non-text Content (Level A)"
    )

    public struct State: Sendable {
        var names: AccessibleNameResolver
        var hidden = HiddenFromAT()
    }

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest {
        NodeInterest(elements: ["img", "area", "input", "v:image", "v:imagedata", "v:fill"], comments: true, needs: .styles)
    }

    public func makeState(_ context: RuleContext) -> State { State(names: AccessibleNameResolver(document: context.document, placeholders: context.placeholders)) }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {
        let doc = context.document
        let node = doc[id]
        switch node.kind {
        case .comment:
            checkConditionalComment(node, context, &report)
        case .element:
            guard node.flags.isDisjoint(with: .notContent) else { return }
            if node.name.hasPrefix("v:") {
                if let (at, message) = ImgAltRule.vmlProblem(id, in: doc) {
                    report.report(message, node: doc[at])
                }
                return
            }
            // An image hidden from everyone (itself or an ancestor: `hidden`, `aria-hidden`,
            // inline `display:none`) is neither seen nor announced, as axe-core also decides.
            if state.hidden.isHidden(id, in: context) { return }
            checkHTMLImage(id, node, &state, &report)
        default:
            break
        }
    }

    func checkHTMLImage(_ id: NodeID, _ node: Node, _ state: inout State, _ report: inout FindingSink) {
        let isInputImage = node.name == "input" && node.attribute("type")?.lowercased() == "image"
        if node.name == "input", !isInputImage { return }
        if node.name == "area", !node.hasAttribute("href") { return }
        // An image button and an image-map link are controls: their alt is their name, so it
        // must not be empty, and `role="presentation"` is ignored on them (they are focusable).
        let isControl = isInputImage || node.name == "area"
        if ARIA.isPresentational(node) && !isControl { return }
        if ARIA.isAriaHidden(node) { return }
        let alt = node.attribute("alt")
        if let alt, !isControl || !AccessibleNameResolver.collapse(alt).isEmpty { return }
        // aria-label / aria-labelledby that give a name.
        if node.hasAttribute("aria-label") || node.hasAttribute("aria-labelledby"),
           let (_, source) = state.names.ownName(id, viaLabelledBy: false), source != .alt {
            return
        }
        let src = node.attribute("src").map { "src=\"\($0)\"" }
        let what: String
        switch node.name {
        case "area": what = "Image-map <area> link"
        case "input": what = "Image button <input type=image>"
        default: what = "Image"
        }
        let tail: String
        switch node.name {
        case "area": tail = "add alt naming the link target"
        case "input": tail = "add alt naming the action"
        default: tail = "add alt text, or alt=\"\" if it is decorative"
        }
        let titleNote = node.hasAttribute("title") ? " (title is not a text alternative)" : ""
        let problem = alt == nil ? "has no alt" : "has an empty alt"
        report.report("\(what) \(problem)\(titleNote): \(tail)", node: node, evidence: src ?? "<\(node.name)>")
    }

    /// VML images inside an Outlook conditional comment: the comment's markup is parsed on its
    /// own and positions are mapped back to the file.
    func checkConditionalComment(_ node: Node, _ context: RuleContext, _ report: inout FindingSink) {
        guard case .downlevelHidden? = node.conditional else { return }
        let bytes = context.source.utf8
        let start = node.decodedStart, end = min(node.decodedEnd, bytes.count)
        guard start < end, let (s, e) = ImgAltRule.hiddenContentRange(bytes, start, end),
              ImgAltRule.containsVMLImage(bytes, s, e) else { return }
        let inner = SourceText(utf8: Array(bytes[s..<e]), encoding: "utf-8", encodingSource: "default", originalByteCount: e - s)
        guard let sub = try? HTMLParser.parse(inner, kind: .html) else { return }
        var reported = Set<NodeID>()
        for id in sub.allIDs where sub[id].kind == .element && sub[id].name.hasPrefix("v:") {
            guard let (at, message) = ImgAltRule.vmlProblem(id, in: sub), reported.insert(at).inserted else { continue }
            let n = sub[at]
            let range = context.source.range(s + n.decodedStart, s + max(n.decodedStart, n.decodedEnd))
            report.report(message, at: range, evidence: "Outlook-only VML in <!--[if \(ImgAltRule.condition(node))]>")
        }
    }

    static func condition(_ node: Node) -> String {
        if case .downlevelHidden(let c)? = node.conditional { return c }
        return ""
    }

    /// Decoded offsets of the markup between `]>` and `<![endif]` in a comment's source.
    static func hiddenContentRange(_ b: [UInt8], _ start: Int, _ end: Int) -> (Int, Int)? {
        var i = start + 4
        var open: Int?
        while i + 1 < end {
            if b[i] == 0x5D, b[i + 1] == 0x3E { open = i + 2; break }
            i += 1
        }
        guard let s = open else { return nil }
        let endif: [UInt8] = Array("<![endif]".utf8)
        var j = end - endif.count
        while j >= s {
            if b[j] == 0x3C, Array(b[j..<(j + endif.count)]) == endif { return (s, j) }
            j -= 1
        }
        return nil
    }

    /// Cheap test before parsing: `<v:image`, `<v:imagedata` or `<v:fill` in the bytes.
    static func containsVMLImage(_ b: [UInt8], _ s: Int, _ e: Int) -> Bool {
        var i = s
        while i + 3 < e {
            if b[i] == 0x3C, b[i + 1] | 0x20 == 0x76, b[i + 2] == 0x3A {
                let c = b[i + 3] | 0x20
                if c == 0x69 || c == 0x66 { return true }
            }
            i += 1
        }
        return false
    }

    static let vmlShapes: Set<String> = ["v:rect", "v:roundrect", "v:oval", "v:shape"]

    /// A VML element that is an image without a text alternative: where to report it and what to say.
    static func vmlProblem(_ id: NodeID, in doc: Document) -> (NodeID, String)? {
        let node = doc[id]
        func hasAlt(_ n: Node) -> Bool { n.hasAttribute("alt") || n.hasAttribute("o:title") }
        // The nearest enclosing shape (self-closed `<v:fill />` is not closed by the HTML parser,
        // so a shape's later children may end up inside the fill).
        let shape = node.parent.flatMap { doc.closest($0, named: vmlShapes) }
        switch node.name {
        case "v:image":
            if hasAlt(node) || isBehindContent(node) { return nil }
            return (id, "VML image <v:image> has no alt: Outlook's screen-reader users get no text alternative")
        case "v:imagedata":
            guard node.hasAttribute("src") else { return nil }
            if hasAlt(node) || shape.map({ hasAlt(doc[$0]) }) == true { return nil }
            return (shape ?? id, "VML image (<v:imagedata>) has no alt: add alt to the shape")
        case "v:fill":
            guard let src = node.attribute("src"), !src.trimmingASCIISpaces().isEmpty else { return nil }
            guard let shapeID = shape else {
                return (id, "VML image fill <v:fill src> outside a shape has no text alternative")
            }
            let s = doc[shapeID]
            if hasAlt(s) || hasTextbox(shapeID, in: doc) { return nil }
            return (shapeID, "VML <\(s.name)> filled with an image has no alt: add alt to the shape (or a v:textbox if it is a background)")
        default:
            return nil
        }
    }

    /// A VML image stacked behind the content (`z-index` below zero, as MJML's hero section
    /// writes it) is a background, not content.
    static func isBehindContent(_ node: Node) -> Bool {
        guard let style = node.attribute("style") else { return false }
        var compact = ""
        for c in style.lowercased().unicodeScalars where c != " " && c != "\t" && c != "\n" && c != "\r" {
            compact.unicodeScalars.append(c)
        }
        return compact.contains("z-index:-")
    }

    static func hasTextbox(_ id: NodeID, in doc: Document) -> Bool {
        var stack = doc[id].children
        while let c = stack.popLast() {
            if doc[c].name == "v:textbox" { return true }
            stack.append(contentsOf: doc[c].children)
        }
        return false
    }
}
