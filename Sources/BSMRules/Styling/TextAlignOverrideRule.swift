import Foundation
import BSMDocument
import BSMEngine
import BSMStyle

/// `text-align-override`: text is aligned other than at the start of its direction.
public struct TextAlignOverrideRule: Rule {
    public static let metadata = RuleMetadata(
        id: "text-align-override",
        name: "Text alignment override",
        category: .styling,
        defaultSeverity: .error,
        summary: "Text alignment differs from the direction's start (text-align center/right/justify/end, align=, <center>)",
        rationale: """
        Amazon forbids message bodies that are centred or otherwise override the default text alignment \
        (styling rule 8). bsmlint resolves the cascade and reports each declaration, attribute or `<center>` that \
        moves visible text away from the start edge.
        """,
        fix: "Remove `text-align`, `align=` on text containers and `<center>`; text then starts at the left (right in RTL).",
        decisions: [
            "Text that does not show is not text-bearing: `display: none`, `visibility: hidden`, `opacity: 0` on it or an ancestor, a zero-height or zero-width box that cuts it off (`max-height: 0; overflow: hidden`, the hidden-preheader idiom), `font-size: 0` or a transparent colour (`StyledDocument.showsText`).",
            "`text-align: left` in left-to-right text (and `right` in right-to-left) is the start edge: not an override.",
            "The direction comes from `dir` (inherited) and CSS `direction`; `dir=\"auto\"` takes it from the element's first letter, as browsers do: right-to-left for Hebrew, Arabic and the other right-to-left scripts, else left-to-right.",
            "`align=center` on a `<table>` centres the table box (a margin matter for `margin-too-wide`), not the text in it; on `p`, `div`, headings, `td`, `th`, `tr` and `caption` it aligns text.",
            "`<center>` is reported at its start tag even though browsers style it with their own sheet; a table header's default centring (`<th>`) is the client's, not the author's, and is not reported.",
            "Only text-bearing elements count; an inherited alignment is reported once, at its declaration, with the number of text elements it reaches.",
            "Text is aligned by its block container (`text-align` applies to block containers and is inherited by the inline content in them): `text-align` on an inline element — a `<span>`, `<a>`, `<strong>` without `display: block`/`inline-block` and not floated — aligns nothing and is not reported, and `<td align=\"center\"><a style=\"text-align: left\">` is centred text, reported at the cell.",
            "Alignment set only in a user-action state (`a:hover { text-align: center }`) or on a pseudo-element is not reported: hovering or focusing does not re-flow a message's blocks, and `::first-line`/`::first-letter` boxes take no alignment (unlike the font, colour and line-height rules, which read such rules).",
        ],
        failing: [
            RuleExample("<p>Hello <span style=\"float: right; ↓text-align: center; width: 200px\">Thanks</span></p>", note: "A floated span is a block box: its alignment applies."),
            RuleExample("<p style=\"↓text-align: center\">Thanks for your order</p>"),
            RuleExample("<table><tr>↓<td align=\"center\">Hello</td></tr></table>"),
            RuleExample("↓<center><p>Hello</p></center>"),
            RuleExample("<style>\n  .body { ↓text-align: justify; }\n</style>\n<div class=\"body\">Hello</div>"),
            RuleExample("<div dir=\"ltr\" style=\"↓text-align: end\">Hello</div>"),
            RuleExample("<p dir=\"auto\" style=\"↓text-align: left\">مرحبا بكم</p>", note: "Arabic text under `dir=auto` starts at the right."),
            RuleExample("<table><tr>↓<td align=\"center\"><a href=\"https://www.amazon.com/gp/css/order-history\" style=\"text-align: left\">Your orders</a></td></tr></table>", note: "The cell centres the link's line; `text-align` on the inline link changes nothing."),
        ],
        passing: [
            RuleExample("<p>Hello</p>"),
            RuleExample("<p style=\"text-align: left\">Hello</p>", note: "Left is the start edge in left-to-right text."),
            RuleExample("<table align=\"center\" width=\"500\"><tr><td>Hello</td></tr></table>", note: "Centring the table is not aligning its text."),
            RuleExample("<div dir=\"rtl\" style=\"text-align: right\">مرحبا</div>", note: "Right is the start edge in right-to-left text."),
            RuleExample("<p dir=\"auto\" style=\"text-align: right\">שלום לכולם</p>", note: "`dir=auto` on Hebrew text is right-to-left."),
            RuleExample("<table><tr><th>Item</th></tr><tr><td>Hello</td></tr></table>", note: "The header cell's default centring is the client's."),
            RuleExample("<p>Hello <span style=\"text-align: center\">there</span></p>", note: "`text-align` on an inline element aligns nothing: the paragraph's lines start at the left."),
        ]
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(needs: [.styles, .text]) }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        // The block container of every node, per reference width (one pass each, document order).
        var containers: [Double: [NodeID]] = [:]
        for styled in context.styles { containers[styled.width] = TextAlignOverrideRule.blockContainers(styled) }
        let hits = OverrideCheck.hits(context, property: .textAlign, subject: { styled, id in
            containers[styled.width].map { id < $0.count ? $0[id] : id } ?? id
        }) { style, po in
            let start: TextAlign = style.direction == .rtl ? .right : .left
            guard style.physicalTextAlign != start else { return false }
            switch po.origin {
            case .stylesheet, .inlineStyle, .presentational: return true
            case .userAgent(let selector): return selector.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == "center" }
            case .initial: return false
            }
        }
        OverrideCheck.report(hits, context, &report) { h in
            "Text is aligned \(TextAlignOverrideRule.describe(h, context, containers)): Amazon does not allow overriding the default alignment"
        }
    }

    static func describe(_ h: OverrideCheck.Hit, _ context: RuleContext, _ containers: [Double: [NodeID]]) -> String {
        // At the width the finding names: the first one the declaration applies at.
        guard let s = context.styles.first(where: { $0.width == h.widths.first }) ?? context.styles.first else {
            return "away from the start"
        }
        let table = containers[s.width] ?? []
        let id = h.firstTextElement < table.count ? table[h.firstTextElement] : h.firstTextElement
        return s.style(of: id).physicalTextAlign.rawValue
    }

    /// For every node, the block container whose `text-align` lays out the lines of its text:
    /// an element itself unless it is inline (`display: inline`, or `contents`, which has no box)
    /// and not floated (a float is a block box), else its parent's container. `text-align` on a
    /// `<span>` or `<a>` aligns nothing. One pass in document order (parents come first).
    static func blockContainers(_ styled: StyledDocument) -> [NodeID] {
        let nodes = styled.document.nodes
        var out = [NodeID](repeating: Document.rootID, count: nodes.count)
        for id in nodes.indices {
            let parent = nodes[id].parent ?? Document.rootID
            guard nodes[id].kind == .element else {
                out[id] = parent == Document.rootID ? id : out[parent]
                continue
            }
            let display = styled.display(of: id)
            let inline = (display == .inline || display == .contents) && styled.float(of: id) == .none
            out[id] = inline && parent != Document.rootID && nodes[parent].kind == .element ? out[parent] : id
        }
        return out
    }
}
