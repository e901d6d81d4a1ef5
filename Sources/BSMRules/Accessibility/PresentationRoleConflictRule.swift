import BSMDocument
import BSMEngine

/// `presentation-role-conflict`: a presentational table that holds data-table markup.
public struct PresentationRoleConflictRule: Rule {
    public static let metadata = RuleMetadata(
        id: "presentation-role-conflict",
        name: "Presentation role on a data table",
        category: .accessibility,
        defaultSeverity: .error,
        summary: "A table with `role=\"presentation\"`/`\"none\"` holds `th`, `caption`, `scope` or `headers`",
        rationale: """
        `role="presentation"` tells assistive technology the table is only layout, so its header cells and caption \
        are thrown away and the data loses its relationships (WCAG 1.3.1, Info and Relationships). Either the table \
        is data and must keep its semantics, or it is layout and the header markup is wrong.
        """,
        fix: "Remove `role=\"presentation\"` from a data table, or turn the `th`/`caption` of a layout table into `td`/`p` and drop `scope`/`headers`.",
        decisions: [
            "Only the table's own rows are searched: a data table nested inside a presentational layout table is fine.",
            "Reported once per table, at its `<table>` start tag; the evidence names the first header markup found. `summary` is not listed by RULES.md for this rule and is not reported.",
            "The effective role is the first valid token of `role` (ARIA fallback lists are honoured).",
        ],
        failing: [
            RuleExample("↓<table role=\"presentation\">\n  <tr><th>Item</th><th>Qty</th></tr>\n  <tr><td>Mug</td><td>1</td></tr>\n</table>"),
            RuleExample("↓<table role=\"none\"><caption>Your order</caption><tr><td>Mug</td></tr></table>"),
            RuleExample("↓<table role=\"presentation\"><tr><td scope=\"row\">Mug</td><td>1</td></tr></table>"),
            RuleExample("↓<table role=\"Presentation\"><tr><td headers=\"item\">Mug</td></tr></table>"),
        ],
        passing: [
            RuleExample("<table role=\"presentation\"><tr><td>Hello</td></tr></table>"),
            RuleExample("<table><tr><th>Item</th></tr><tr><td>Mug</td></tr></table>"),
            RuleExample("<table role=\"presentation\"><tr><td>\n  <table><tr><th>Item</th></tr><tr><td>Mug</td></tr></table>\n</td></tr></table>", note: "The nested data table has its own semantics."),
            RuleExample("<table role=\"table\"><tr><th>Item</th></tr></table>"),
        ],
        wcag: "1.3.1 Info and Relationships (Level A)"
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { .elements(["table"]) }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let node = context.node(id)
        guard ARIA.isPresentational(node), node.flags.isDisjoint(with: .notContent) else { return }
        let semantics = TableSemantics.analyze(id, in: context.document, includeSummary: false)
        guard let first = semantics.markers.first else { return }
        let pos = context.document[first.node].range.start
        let role = ARIA.explicitRole(node) ?? "presentation"
        report.report("Table with role=\"\(role)\" holds \(first.describe) (line \(pos.line)): header markup is discarded; drop the role or the header markup",
                      node: node, evidence: semantics.markers.prefix(3).map(\.describe).joined(separator: ", "))
    }
}
