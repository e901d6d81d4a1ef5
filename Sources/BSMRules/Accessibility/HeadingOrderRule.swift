import BSMDocument
import BSMEngine

/// `heading-order`: heading levels that skip, or empty headings.
public struct HeadingOrderRule: Rule {
    public static let metadata = RuleMetadata(
        id: "heading-order",
        name: "Heading order",
        category: .accessibility,
        defaultSeverity: .warning,
        summary: "Heading levels skip (h1 → h3) or a heading is empty",
        rationale: """
        Screen-reader users move through a message by its headings. A skipped level suggests a missing section, and \
        an empty heading is announced as "heading level 2" with nothing after it (WCAG 1.3.1 Info and Relationships, \
        2.4.6 Headings and Labels).
        """,
        fix: "Use heading levels in order (h1, then h2, then h3 …; going back up is fine) and give every heading text, or use a styled `<p>` instead.",
        decisions: [
            "The first heading may be any level: a message is shown inside a mail client whose own page already has headings, so starting at `<h2>` is common and fine. After it, a heading more than one level deeper than the previous heading is reported.",
            "A heading is empty when its accessible name is empty: no text, no `img` alt, no `aria-label`/`aria-labelledby`. `&nbsp;` and zero-width spaces are empty. An empty heading is reported and does not count for the order.",
            "A heading whose `role` takes its heading semantics away (`role=\"presentation\"`/`\"none\"`, or any other role than `heading`, such as `role=\"button\"`) is not a heading for assistive technology: it is neither reported as empty nor counted for the order. The role is ignored, and the element stays a heading, when user agents ignore it: `presentation`/`none` together with a global ARIA attribute (`aria-label`, `aria-describedby`, …) or on a focusable heading.",
            "Headings hidden from assistive technology (`aria-hidden=\"true\"`, `hidden`, `display:none`/`visibility:hidden` as the cascade computes them at every reference width — inline or from a `<style>` sheet; an inline `display:none` that a sheet overrides (`display: block !important`, the mobile-only block) does not hide, nor does a hidden ancestor hide a `visibility: visible` descendant, on the heading or an ancestor) are skipped. Only `h1`–`h6` are headings here; `role=\"heading\"` with `aria-level` is not considered. Headings in Outlook-only `<!--[if mso]>` blocks are not checked.",
        ],
        failing: [
            RuleExample("<h1>Your order</h1>\n↓<h3>Details</h3>"),
            RuleExample("<h1>A</h1>\n<h2>B</h2>\n↓<h4>C</h4>"),
            RuleExample("<h2>Hello</h2>\n↓<h2>&nbsp;</h2>"),
            RuleExample("↓<h1><img src=\"https://example.com/logo.png\" alt=\"\"></h1>\n<p>Hello</p>", note: "A decorative image gives the heading no name."),
            RuleExample("<h2>Order</h2>↓<h4>Items</h4>↓<h3></h3>"),
            RuleExample("<h1>Order</h1>\n<h2 role=\"presentation\">Styled text</h2>\n↓<h3>Items</h3>", note: "The presentational `h2` is no heading, so the `h3` skips a level after the `h1`."),
        ],
        passing: [
            RuleExample("<h1>Your order</h1>\n<h2>Items</h2>\n<h3>Mug</h3>\n<h2>Delivery</h2>", note: "Going back up a level is fine."),
            RuleExample("<h2>Hello</h2>\n<h3>Your item</h3>", note: "The first heading may be any level."),
            RuleExample("<h1><img src=\"https://example.com/logo.png\" alt=\"Acme Outdoor\"></h1>"),
            RuleExample("<h1 aria-label=\"Order details\"><span></span></h1>"),
            RuleExample("<h1>Hi {{customer_name}}</h1>\n<h2>{{headline}}</h2>"),
            RuleExample("<h1>Your order</h1>\n<h3 role=\"presentation\">Shipping</h3>\n<h2 role=\"none\"></h2>", note: "`role=\"presentation\"`/`\"none\"` removes the heading semantics: not a heading, so neither a skip nor empty."),
            RuleExample("<h1>Your order</h1>\n<h2 role=\"presentation\" aria-label=\"Shipping\"></h2>", note: "`aria-label` makes user agents ignore the presentational role: a heading with a name."),
        ],
        wcag: "1.3.1 Info and Relationships (Level A); 2.4.6 Headings and Labels (Level AA)"
    )

    public struct State: Sendable {
        var names: AccessibleNameResolver
        var last: Int?
        /// Whether an element or one of its ancestors is hidden, memoised so deep trees stay linear.
        var hidden = HiddenFromAT()
    }

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(elements: ["h1", "h2", "h3", "h4", "h5", "h6"], needs: .styles) }

    public func makeState(_ context: RuleContext) -> State { State(names: AccessibleNameResolver(document: context.document, placeholders: context.placeholders)) }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {
        let node = context.node(id)
        guard !node.isImplied, node.flags.isDisjoint(with: .notContent),
              let level = node.name.last?.wholeNumberValue else { return }
        // A heading hidden from assistive technology (itself or by an ancestor) is not in the outline.
        if state.hidden.isHidden(id, in: context) { return }
        // An explicit role other than `heading` (`role="presentation"`, `"none"`, `"button"` …)
        // takes the heading semantics away: assistive technology sees no heading, so it is
        // neither empty nor part of the order. A presentational role that user agents ignore
        // (a global ARIA attribute such as `aria-label`, or a focusable heading) changes nothing.
        if let role = ARIA.effectiveExplicitRole(node), role != "heading" { return }
        if state.names.name(of: id).isEmpty {
            report.report("Empty <\(node.name)>: a heading needs text (or an image with alt)", node: node)
            return
        }
        if let last = state.last, level > last + 1 {
            report.report("Heading level skips from h\(last) to h\(level): use h\(last + 1)", node: node,
                          evidence: "<h\(last)> … <h\(level)>")
        }
        state.last = level
    }
}
