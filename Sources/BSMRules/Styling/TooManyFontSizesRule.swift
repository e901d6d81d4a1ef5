import BSMDocument
import BSMEngine
import BSMStyle

/// `too-many-font-sizes`: visible text renders in more than three distinct font sizes.
public struct TooManyFontSizesRule: Rule {
    public static let metadata = RuleMetadata(
        id: "too-many-font-sizes",
        name: "Too many font sizes",
        category: .styling,
        defaultSeverity: .error,
        summary: "Text renders in more than 3 distinct font sizes",
        rationale: """
        Amazon's styling rules forbid fonts in more than three sizes (styling rule 7). bsmlint computes the font \
        size of every piece of visible text through the cascade (author CSS, `<font size>`, user-agent sizes of \
        headings and `small`/`big`, `em`/`%`/keywords relative to the parent, 16 px initially) and counts the \
        distinct sizes.
        """,
        fix: "Use at most three font sizes, e.g. one for body text, one for headings and one for fine print; remove the others or make them match.",
        decisions: [
            "Sizes are computed px values rounded to the nearest 0.5 px; 13.33 px (`small`) counts as 13.5 px. The finding shows the rounded sizes.",
            "Only text that renders counts: text nodes holding something other than Unicode whitespace (`&nbsp;`, hair spaces) or zero-width characters (placeholders count as text), outside `<head>`, `<script>`, `<style>`, rendered and visible at that width, not inside an `opacity: 0` element nor cut off by a box of zero height (`max-height: 0; overflow: hidden`, the hidden-preheader idiom), not in a `transparent` colour. Text with a computed size of 0 is invisible and not counted; a spacer holding only a hair space in `font-size: 1px` is not text. An element's font size without text in it never counts.",
            "A size that cannot be computed (`calc()`, `var()`, a placeholder) is left out; unknown sizes never make a finding.",
            "The finding lists each size in order of first use with its line, and the element name when the size is a user-agent default (`24px (h1, line 8)`); it is reported once per document, at the start tag of the element holding the first text in the fourth size.",
            "With several reference widths (`@media` rules may change sizes), widths that give the same list of sizes share one finding; a width with a different list gets its own finding naming that width.",
            "Outlook-only conditional content is not in the document and is not counted.",
            "Text pseudo-elements count with their own size: a `::first-letter` or `::first-line` size where the element has text (a 54 px drop cap is a size), a `::before`/`::after` size when its `content` shows text; each is listed as `54px (::first-letter, line N)` with the line of its declaration. A size set only on `:hover` or another user-action state is not counted.",
        ],
        options: [RuleOptionSpec(name: "max", type: "integer", defaultValue: "3", summary: "Most distinct font sizes allowed.")],
        failing: [
            RuleExample("<h1>Your order</h1>\n<p>Hello,</p>\n<p style=\"font-size: 14px\">Details</p>\n↓<small>Fine print</small>",
                        note: "32 px (h1), 16 px, 14 px and 13.5 px (`small`)."),
            RuleExample("<p style=\"font-size:12px\">A</p><p style=\"font-size:14px\">B</p><p style=\"font-size:18px\">C</p>↓<p style=\"font-size:22px\">D</p>"),
            RuleExample("<font size=\"2\">A</font> <font size=\"3\">B</font> <font size=\"4\">C</font> ↓<font size=\"5\">D</font>"),
            RuleExample("<style>\n  .big { font-size: 1.5em; }\n  .huge { font-size: 200%; }\n</style>\n<p>A <span class=\"big\">B</span></p>\n<h2>C</h2>\n<p class=\"huge\">D ↓<small>E</small></p>",
                        note: "16 px, 24 px (`1.5em` and `h2` share one size), 32 px (`200%`), then `small` inside it: 26.67 px, counted as 26.5 px."),
            RuleExample("<style>\n  @media (max-width: 480px) { .s { font-size: 11px; } }\n</style>\n<h1>Title</h1><p>Body</p><h2>Sub</h2>↓<p class=\"s\">Small print</p>",
                        config: "referenceWidths: [600, 375]", note: "Three sizes at 600 px; a fourth at 375 px."),
            RuleExample("<p>Hello {{buyer_name}},</p><h3>Order</h3><h2>Status</h2>↓<h1>Thanks</h1>", note: "Placeholders count as text."),
            RuleExample("<style>\n  .dropcap::first-letter { font-size: 48px; }\n</style>\n<h1>Your order</h1>\n<p style=\"font-size: 14px\">Hello</p>\n↓<p class=\"dropcap\">Thanks for shopping.</p>", note: "32 px (h1), 14 px, 48 px (the drop cap) and 16 px."),
        ],
        passing: [
            RuleExample("<h1>Your order</h1>\n<p>Hello,</p>\n<p style=\"font-size: 12px\">Fine print</p>", note: "Exactly three sizes are allowed."),
            RuleExample("<p style=\"font-size:14px\">A</p><p style=\"font-size:14.2px\">B</p><p style=\"font-size:13.9px\">C</p><p>D</p>",
                        note: "14.2 and 13.9 round to 14 px: two sizes."),
            RuleExample("<h1>Title</h1><p>Body</p><h2>Sub</h2><h3></h3><div style=\"font-size: 40px\"> &nbsp; </div>",
                        note: "Elements without text do not count."),
            RuleExample("<h1>Title</h1><p>Body</p><h2>Sub</h2><p style=\"display:none; font-size:9px\">Hidden preheader</p>"),
            RuleExample("<h1>Title</h1><p>Body</p><h2>Sub</h2><p style=\"font-size: calc(1em + 2px)\">Unknown</p>", note: "An unknown size is not counted."),
            RuleExample("<!--[if mso]><p style=\"font-size:9px\">Outlook</p><![endif]--><h1>Title</h1><p>Body</p><h2>Sub</h2>"),
            RuleExample("<style>\n  a:hover { font-size: 20px; }\n  .x::before { content: \"\"; font-size: 30px; }\n</style>\n<h1>Your order</h1>\n<p style=\"font-size: 14px\">Hello <a href=\"https://www.amazon.com/\">orders</a></p>\n<p class=\"x\">Thanks</p>", note: "A hover size and an empty generated box add no size: 32, 14 and 16 px."),
            RuleExample("<div style=\"max-height: 0; overflow: hidden; font-size: 1px\">Preview text for the inbox</div>\n<h1>Your order</h1>\n<p style=\"font-size: 14px\">Hello</p>\n<p>Thanks</p>", note: "A hidden preheader (cut off by a zero-height box) shows no text: 32, 14 and 16 px."),
        ],
        judgesWholeMessage: true
    )

    let max: Int

    public init(options: RuleOptions) throws {
        max = try options.integer("max", default: 3)
    }

    public var interest: NodeInterest { NodeInterest(text: true, needs: .styles) }

    public struct State {
        /// Text nodes with visible characters, in document order.
        var texts: [NodeID] = []
    }

    public func makeState(_ context: RuleContext) -> State { State() }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {
        // Fields read in place: a copied `Node` retains and releases each of its strings and arrays.
        let nodes = context.document.nodes
        guard nodes[id].kind == .text, nodes[id].flags.isDisjoint(with: .notContent), let p = nodes[id].parent,
              nodes[p].kind == .element, !nodes[id].isBlankText else { return }
        state.texts.append(id)
    }

    struct Use {
        var size: Double
        var text: NodeID
        var element: NodeID
        var label: String
    }

    /// The first of `texts` (text nodes in document order) after element `e` — with `inside`, only
    /// one inside `e` (node ids are in document order, so a subtree's texts come first).
    static func firstText(after e: NodeID, in texts: [NodeID], inside: Bool, _ doc: Document) -> NodeID? {
        guard let t = texts.first(where: { $0 > e }) else { return nil }
        guard inside else { return t }
        var cur = doc[t].parent
        while let c = cur {
            if c == e { return t }
            cur = doc[c].parent
        }
        return nil
    }

    public func finish(_ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {
        guard !state.texts.isEmpty else { return }
        let doc = context.document
        var done: [[Double]] = []
        let pseudo = OverrideCheck.conditionalDeclarations(context).filter { $0.pseudoElement != nil && $0.properties.contains(.fontSize) }
        for styled in context.styles {
            var uses: [Use] = []
            var seen = Set<Double>()
            // Sizes of text pseudo-elements (a `::first-letter` drop cap, a `::before` label), by
            // the first text they style: counted where that text is.
            var pseudoAt: [NodeID: [(size: Double, label: String)]] = [:]
            for c in pseudo where c.widths.contains(styled.width) {
                // `::first-line`/`::first-letter` style the element's first text; `::before`/`::after`
                // show their own (counted at the next text, or the element's first).
                let generated = c.pseudoElement == "before" || c.pseudoElement == "after"
                guard !generated || c.generatesText,
                      let d = context.styleEngine?.allDeclarations[c.declaration],
                      let value = d.longhands.last(where: { $0.property == .fontSize })?.value,
                      let px = styled.fontSizePx(value, inside: c.element),
                      let t = TooManyFontSizesRule.firstText(after: c.element, in: state.texts, inside: !generated, doc) else { continue }
                // A generated box shows where its element is visible (it has a size of its own); a
                // first letter or line, where the text it styles shows (a `font-size: 0` cell
                // with sized text inside still has a visible first letter).
                if generated ? !styled.isVisible(c.element) : !(doc[t].parent.map(styled.showsText) ?? false) { continue }
                let size = (px * 2).rounded() / 2
                pseudoAt[t, default: []].append((size, "\(StyleSources.px(size))px (::\(c.pseudoElement ?? ""), line \(d.range.start.line))"))
            }
            for t in state.texts {
                guard let e = doc[t].parent, styled.showsText(e) else { continue }
                let st = styled.style(of: e)
                guard st.fontSizeKnown, st.fontSizePx > 0 else { continue }
                for p in pseudoAt[t] ?? [] where p.size > 0 && seen.insert(p.size).inserted {
                    uses.append(Use(size: p.size, text: t, element: e, label: p.label))
                }
                let size = (st.fontSizePx * 2).rounded() / 2
                guard size > 0, seen.insert(size).inserted else { continue }
                let src = StyleSources.source(of: e, .fontSize, in: styled)
                let line = doc[t].range.start.line
                let label: String
                if case .userAgent = styled.origin(of: e, for: .fontSize).origin {
                    label = "\(StyleSources.px(size))px (\(doc[src.element].name), line \(line))"
                } else {
                    label = "\(StyleSources.px(size))px (line \(line))"
                }
                uses.append(Use(size: size, text: t, element: e, label: label))
            }
            guard uses.count > max else { continue }
            let key = uses.map(\.size)
            if done.contains(key) { continue }
            done.append(key)
            let at = uses[max]
            let list = uses.map(\.label).joined(separator: ", ")
            report.report("Text uses \(uses.count) font sizes: Amazon allows at most \(max)", node: doc[at.element],
                          evidence: "\(uses.count) font sizes: \(list)", width: styled.width)
        }
    }
}
