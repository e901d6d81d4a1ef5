import BSMDocument
import BSMEngine

/// `link-name`: a link without an accessible name.
public struct LinkNameRule: Rule {
    public static let metadata = RuleMetadata(
        id: "link-name",
        name: "Link name",
        category: .accessibility,
        defaultSeverity: .error,
        summary: "A link has no accessible name (no text, no image alt, no aria-label)",
        rationale: """
        A link without a name is announced as "link" or as its URL, so a screen-reader user cannot know where it \
        goes (WCAG 2.4.4 Link Purpose, 4.1.2 Name, Role, Value). The usual cause in email is a linked image with no \
        or empty alt.
        """,
        fix: "Give the link visible text, or an `alt` to the image inside it, or an `aria-label`.",
        decisions: [
            "Links are `a` elements with an `href` (any value, also `#`); `<a name>` anchors are not links. `area` links are checked by `img-alt`.",
            "The name follows the accessible-name computation for static HTML (`Support/AccessibleName.swift`): `aria-labelledby` (ids resolved in the document; ids that do not exist give nothing), `aria-label`, the contents (text and the `alt` of images inside), and `title` last. Content hidden with `aria-hidden=\"true\"`, `hidden` or an inline `display:none` gives no name.",
            "No-break and zero-width spaces are not a name; a placeholder (`{{link_text}}`) is.",
            "An inline `<svg>` is named by its first `<title>` child (SVG-AAM), after `aria-labelledby`/`aria-label`; its `<desc>` is a description, and neither is rendered text.",
            "Links hidden from assistive technology (`aria-hidden=\"true\"`, `hidden`, `display:none`/`visibility:hidden` as the cascade computes them at every reference width — inline or from a `<style>` sheet; an inline `display:none` that a sheet overrides (`display: block !important`, the mobile-only block) does not hide, nor does a hidden ancestor hide a `visibility: visible` descendant, on the link or an ancestor) are skipped, as `heading-order` skips hidden headings: they are neither shown nor announced. A hidden link that can still be tabbed to is `valid-aria`'s concern.",
            "Reported at the `<a>` start tag.",
        ],
        failing: [
            RuleExample("↓<a href=\"https://www.amazon.com/\"><svg width=\"24\" height=\"24\"><desc>Amazon logo</desc></svg></a>", note: "`<desc>` describes the graphic; it does not name it."),
            RuleExample("<p>Track it here: ↓<a href=\"https://example.com/track\"></a></p>"),
            RuleExample("↓<a href=\"https://example.com\"><img src=\"https://example.com/logo.png\" alt=\"\"></a>", note: "A linked image with empty alt leaves the link nameless."),
            RuleExample("↓<a href=\"https://example.com\"><img src=\"https://example.com/logo.png\"></a>"),
            RuleExample("↓<a href=\"https://example.com\" aria-labelledby=\"nowhere\">&nbsp;</a>"),
            RuleExample("↓<a href=\"#top\"><span aria-hidden=\"true\">↑</span></a>"),
        ],
        passing: [
            RuleExample("<a href=\"https://www.amazon.com/\"><svg role=\"img\" width=\"24\" height=\"24\"><title>Your Amazon orders</title><path d=\"M0 0h24v24H0z\"/></svg></a>", note: "The SVG's `<title>` names the link."),
            RuleExample("<a href=\"https://www.amazon.com/\" aria-labelledby=\"{{label_id}}\"></a>", note: "A placeholder `aria-labelledby`: the name is unknown."),
            RuleExample("<a href=\"https://example.com/track\">Track your package</a>"),
            RuleExample("<a href=\"https://example.com\"><img src=\"https://example.com/logo.png\" alt=\"Acme home page\"></a>"),
            RuleExample("<a href=\"https://example.com\" aria-label=\"Track your package\"><img src=\"https://example.com/t.png\" alt=\"\"></a>"),
            RuleExample("<p id=\"help\">Help centre</p>\n<a href=\"https://example.com/help\" aria-labelledby=\"help\"></a>"),
            RuleExample("<table>\n  <tr style=\"display: none\"><td><a href=\"\"><img src=\"https://example.com/p.png\" alt=\"\"></a></td></tr>\n</table>", note: "A hidden link (here an editor's placeholder row) is neither shown nor announced."),
            RuleExample("<a href=\"https://example.com/faq\" title=\"Frequently asked questions\"></a>", note: "`title` is the last resort, but it is a name."),
            RuleExample("<a name=\"top\"></a>\n<a href=\"{{review_url}}\">{{link_text}}</a>"),
            RuleExample("<a href=\"https://www.amazon.com/gp/your-account/order-history\"><table role=\"presentation\"><tr><td>Track your order</td></tr></table></a>", note: "A link around a table (a linked button or card) is named by the text in the table, as in browsers."),
        ],
        wcag: "2.4.4 Link Purpose (In Context) (Level A); 4.1.2 Name, Role, Value (Level A)"
    )

    public typealias State = AnnouncedLinks

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(elements: ["a"], needs: .styles) }

    public func makeState(_ context: RuleContext) -> State { AnnouncedLinks(context) }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {
        // Only links shown and announced (not hidden from assistive technology).
        guard let name = state.name(of: id, context) else { return }
        let node = context.node(id)
        guard name.isEmpty else { return }
        let href = node.attribute("href") ?? ""
        report.report("Link has no accessible name: add text, an alt to its image, or aria-label", node: node,
                      evidence: "href=\"\(href)\"")
    }
}
