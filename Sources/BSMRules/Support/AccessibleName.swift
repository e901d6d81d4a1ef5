import BSMDocument
import BSMText

/// The accessible name of an element, computed with the parts of W3C "Accessible Name and
/// Description Computation 1.2" that apply to static HTML:
/// 1. hidden nodes (`aria-hidden="true"`, `hidden`, inline `display:none`/`visibility:hidden`)
///    contribute nothing, unless reached through `aria-labelledby`;
/// 2. `aria-labelledby`: the names of the referenced elements (ids resolved in the document),
///    joined by spaces; not followed again inside a referenced element;
/// 3. `aria-label` (when not blank);
/// 4. the native text alternative: `alt` of `img`, `area`, `input[type=image]`;
/// 5. the contents, for roles that take their name from content (links, buttons, headings,
///    cells, …) and for every descendant: text, and the text alternative of each child element
///    (so an `img alt` inside a link names the link);
/// 6. `title`, last.
struct AccessibleName: Sendable, Hashable {
    enum Source: String, Sendable, Hashable {
        case labelledBy = "aria-labelledby"
        case ariaLabel = "aria-label"
        case alt
        case contents
        case title
        case none
    }

    /// Whitespace-collapsed, trimmed name.
    var text: String
    var source: Source
    var isEmpty: Bool { text.isEmpty }
}

/// Computes accessible names in one document; resolves `aria-labelledby` ids through an index
/// built the first time it is needed (most templates never use it).
struct AccessibleNameResolver: Sendable {
    let document: Document
    /// Merge fields: an `aria-labelledby` holding one names ids filled in later (unknown, so
    /// taken as a name: never reported as missing).
    let placeholders: PlaceholderMatcher?
    private var idIndex: [String: NodeID]?

    init(document: Document, placeholders: PlaceholderMatcher? = nil) {
        self.document = document
        self.placeholders = placeholders
    }

    /// Elements whose text alternative is `alt`.
    static let altElements: Set<String> = ["img", "area"]

    /// The element with this `id` (the first one, as browsers do).
    mutating func element(withID id: String) -> NodeID? {
        if idIndex == nil {
            var index: [String: NodeID] = [:]
            for (i, n) in document.nodes.enumerated() where n.kind == .element {
                if let v = n.attribute("id"), index[v] == nil { index[v] = i }
            }
            idIndex = index
        }
        return idIndex?[id]
    }

    /// The accessible name of an element.
    mutating func name(of id: NodeID) -> AccessibleName {
        let node = document[id]
        guard node.kind == .element else { return AccessibleName(text: "", source: .none) }
        if let (text, source) = ownName(id, viaLabelledBy: false) {
            return AccessibleName(text: text, source: source)
        }
        if allowsNameFromContent(node) {
            let c = AccessibleNameResolver.collapse(contents(of: id, viaLabelledBy: false))
            if !c.isEmpty { return AccessibleName(text: c, source: .contents) }
        }
        if let t = node.attribute("title").map(AccessibleNameResolver.collapse), !t.isEmpty {
            return AccessibleName(text: t, source: .title)
        }
        return AccessibleName(text: "", source: .none)
    }

    /// The name from `aria-labelledby`, `aria-label` or `alt`, when the element has one.
    mutating func ownName(_ id: NodeID, viaLabelledBy: Bool) -> (String, AccessibleName.Source)? {
        let node = document[id]
        if !viaLabelledBy, let ref = node.attribute("aria-labelledby") {
            if let placeholders, placeholders.containsPlaceholder(ref) {
                return (AccessibleNameResolver.collapse(ref), .labelledBy)
            }
            var parts: [String] = []
            for token in ref.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" }) {
                guard let target = element(withID: String(token)) else { continue }
                let t: String
                if let (own, _) = ownName(target, viaLabelledBy: true) {
                    t = own
                } else {
                    let c = AccessibleNameResolver.collapse(contents(of: target, viaLabelledBy: true))
                    t = c.isEmpty ? AccessibleNameResolver.collapse(document[target].attribute("title") ?? "") : c
                }
                if !t.isEmpty { parts.append(t) }
            }
            let joined = AccessibleNameResolver.collapse(parts.joined(separator: " "))
            if !joined.isEmpty { return (joined, .labelledBy) }
        }
        if let label = node.attribute("aria-label") {
            let t = AccessibleNameResolver.collapse(label)
            if !t.isEmpty { return (t, .ariaLabel) }
        }
        if AccessibleNameResolver.altElements.contains(node.name) || isImageInput(node) {
            if let alt = node.attribute("alt") {
                let t = AccessibleNameResolver.collapse(alt)
                if !t.isEmpty { return (t, .alt) }
            }
        }
        // SVG (SVG-AAM): the graphic's first `<title>` child names it; `<desc>` describes it
        // and is not part of any name. Neither is rendered text.
        if node.name == "svg" {
            for c in node.children where document[c].kind == .element && document[c].name == "title" {
                let t = AccessibleNameResolver.collapse(document.textContent(c))
                if !t.isEmpty { return (t, .title) }
                break
            }
        }
        return nil
    }

    func isImageInput(_ node: Node) -> Bool {
        node.name == "input" && node.attribute("type")?.lowercased() == "image"
    }

    func allowsNameFromContent(_ node: Node) -> Bool {
        // `presentation`/`none` is ignored on focusable elements and on elements with a global
        // ARIA attribute (ARIA presentational-role conflict resolution): a link stays a link.
        if let role = ARIA.effectiveExplicitRole(node) {
            return ARIA.nameFromContentRoles.contains(role)
        }
        return ARIA.nameFromContentElements.contains(node.name)
    }

    /// True when an element is hidden from assistive technology by its markup: `aria-hidden`,
    /// `hidden`, `<input type=hidden>`, and — unless `inlineCSS` is false because the cascade
    /// answers for CSS (`display: none; display: block`, a `<style>` rule that shows it with
    /// `!important`) — `display:none`/`visibility:hidden` in its `style` attribute.
    static func isHidden(_ node: Node, inlineCSS: Bool = true) -> Bool {
        if ARIA.isAriaHidden(node) || node.hasAttribute("hidden") { return true }
        if node.name == "input", node.attribute("type")?.lowercased() == "hidden" { return true }
        guard inlineCSS, let style = node.attribute("style") else { return false }
        // Bytes, whitespace dropped, ASCII lower-cased: no Foundation search on the hot path.
        var compact: [UInt8] = []
        compact.reserveCapacity(style.utf8.count)
        for b in style.utf8 where b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D {
            compact.append((b >= 0x41 && b <= 0x5A) ? b | 0x20 : b)
        }
        return contains(compact, displayNone) || contains(compact, visibilityHidden)
    }

    static let displayNone = Array("display:none".utf8)
    static let visibilityHidden = Array("visibility:hidden".utf8)

    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard hay.count >= needle.count, let first = needle.first else { return false }
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == first, hay[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }

    /// True when the string has a character that is not whitespace (same test as `collapse`,
    /// without building a string).
    static func hasVisibleCharacter(_ s: String) -> Bool {
        for u in s.unicodeScalars {
            if u.value < 0x80 {
                if u != " " && u != "\t" && u != "\n" && u != "\r" && u != "\u{0B}" && u != "\u{0C}" { return true }
                continue
            }
            switch u {
            case "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{034F}", "\u{00AD}": continue
            default: if !u.properties.isWhitespace { return true }
            }
        }
        return false
    }

    /// The text of an element's contents (iterative walk: templates nest deeply).
    mutating func contents(of id: NodeID, viaLabelledBy: Bool) -> String {
        enum Step {
            case enter(NodeID)
            case exit(NodeID, Int)
        }
        var out = ""
        // Non-blank characters written so far: tells whether a child element gave any text.
        var written = 0
        func append(_ s: String) {
            out += s
            for c in s where !AccessibleNameResolver.isBlank(c) { written += 1 }
        }
        var stack: [Step] = document[id].children.reversed().map { .enter($0) }
        while let step = stack.popLast() {
            switch step {
            case .enter(let c):
                let n = document[c]
                switch n.kind {
                case .text:
                    if n.flags.isDisjoint(with: .notContent) { append(n.text) }
                case .element:
                    if !n.flags.isDisjoint(with: .notContent) { continue }
                    if !viaLabelledBy, AccessibleNameResolver.isHidden(n) { continue }
                    let block = AccessibleNameResolver.blockElements.contains(n.name)
                    if block { out += " " }
                    if let (own, _) = ownName(c, viaLabelledBy: viaLabelledBy) {
                        append(own)
                        if block { out += " " }
                        continue
                    }
                    if n.name == "br" { continue }
                    stack.append(.exit(c, written))
                    for child in n.children.reversed() { stack.append(.enter(child)) }
                default:
                    break
                }
            case .exit(let c, let before):
                let n = document[c]
                // A child that gave no text falls back to its tooltip.
                if written == before, let t = n.attribute("title") { append(" " + t) }
                if AccessibleNameResolver.blockElements.contains(n.name) { out += " " }
            }
        }
        return out
    }

    /// Elements whose boundaries separate words.
    static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
        "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    ]

    /// Characters that render as nothing or as a space.
    static func isBlank(_ c: Character) -> Bool {
        if c.isWhitespace { return true }
        switch c {
        case "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{034F}", "\u{00AD}": return true
        default: return false
        }
    }

    /// Trims and collapses whitespace (including no-break and zero-width spaces).
    static func collapse(_ s: String) -> String {
        var out = ""
        var pendingSpace = false
        for c in s {
            if isBlank(c) {
                pendingSpace = true
            } else {
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(c)
            }
        }
        return out
    }
}
