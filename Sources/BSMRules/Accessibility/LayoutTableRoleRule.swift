import BSMDocument
import BSMEngine

/// `layout-table-role`: a layout table without `role="presentation"`/`"none"`.
public struct LayoutTableRoleRule: Rule {
    public static let metadata = RuleMetadata(
        id: "layout-table-role",
        name: "Layout table role",
        category: .accessibility,
        defaultSeverity: .warning,
        summary: "A layout table (no `th`, `caption`, `scope`, `headers`, `summary`) lacks `role=\"presentation\"` or `role=\"none\"`",
        rationale: """
        Email layouts are built from tables. Without `role="presentation"` a screen reader announces each one as a \
        data table ("table with 3 rows and 2 columns") and reads cell coordinates, burying the message under \
        structure that means nothing (WCAG 1.3.1, Info and Relationships).
        """,
        fix: "Add `role=\"presentation\"` to every table used for layout: `<table role=\"presentation\" …>`.",
        decisions: [
            "A `role` holding a placeholder (`role=\"{{role}}\"`) is unknown and the table is not reported.",
            "A table is a data table when its own rows hold a `th`, a `caption`, or a cell with `scope` or `headers`, or the table has a non-empty `summary`; nested tables are judged on their own (a `th` in an inner table does not make the outer one a data table).",
            "Each layout table is reported once, at its `<table>` start tag; `role` is not inherited, so nested layout tables each need it.",
            "A table with any valid explicit role (`presentation`, `none`, or another such as `table` or `grid`) is the author's decision and is not reported; a misspelled role (`presentaion`) is not valid and does not count (`valid-aria` reports it too).",
            "Tables inside Outlook-only `<!--[if mso]>` blocks are not checked.",
        ],
        failing: [
            RuleExample("↓<table width=\"600\" cellpadding=\"0\">\n  <tr><td>Hello, your order has shipped.</td></tr>\n</table>"),
            RuleExample("<table role=\"presentation\"><tr><td>\n  ↓<table><tr><td>Nested layout</td></tr></table>\n</td></tr></table>", note: "role is not inherited by nested tables."),
            RuleExample("↓<table><tr><td>\n  <table><tr><th>Item</th><th>Qty</th></tr><tr><td>Mug</td><td>1</td></tr></table>\n</td></tr></table>", note: "The inner data table does not make the outer table a data table."),
            RuleExample("↓<table role=\"presentaion\"><tr><td>Misspelled role</td></tr></table>"),
            RuleExample("↓<table><thead><tr><td>Item</td></tr></thead><tr><td>Mug</td></tr></table>", note: "`thead` alone is not a data-table marker."),
        ],
        passing: [
            RuleExample("<table role=\"{{table_role}}\"><tr><td>Hello</td></tr></table>", note: "A placeholder role is filled in later: unknown."),
            RuleExample("<table role=\"presentation\" width=\"600\"><tr><td>Hello</td></tr></table>", note: "A layout table with role=\"presentation\"."),
            RuleExample("<table><tr><th>Item</th><th>Qty</th></tr><tr><td>Mug</td><td>1</td></tr></table>", note: "A data table with `<th>` is not a layout table."),
            RuleExample("<table role=\"none\"><tr><td>Hello</td></tr></table>"),
            RuleExample("<table summary=\"Items in your order\"><tr><td>Mug</td><td>1</td></tr></table>"),
            RuleExample("<table><caption>Your order</caption><tr><td>Mug</td></tr></table>"),
            RuleExample("<table><tr><td scope=\"row\">Mug</td><td>1</td></tr></table>"),
        ],
        wcag: "1.3.1 Info and Relationships (Level A)"
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { .elements(["table"]) }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let node = context.node(id)
        guard !node.isImplied, node.flags.isDisjoint(with: .notContent), ARIA.explicitRole(node) == nil else { return }
        // `role="{{role}}"`: the role is filled in later, unknown: not reported.
        if let role = node.attribute("role"), context.placeholders.containsPlaceholder(role) { return }
        let semantics = TableSemantics.analyze(id, in: context.document, includeSummary: true)
        guard !semantics.isDataTable else { return }
        let written = node.attribute("role").map { " (role=\"\($0)\" is not a valid role)" } ?? ""
        report.report("Layout table without role=\"presentation\"\(written): screen readers announce it as a data table",
                      node: node, evidence: "<table> with no th, caption, scope, headers or summary")
    }
}
