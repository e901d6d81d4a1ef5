import BSMDocument
import BSMEngine

/// `valid-aria`: unknown `aria-*` attributes, invalid roles, `aria-hidden` on focusable elements.
public struct ValidAriaRule: Rule {
    public static let metadata = RuleMetadata(
        id: "valid-aria",
        name: "Valid ARIA",
        category: .accessibility,
        defaultSeverity: .error,
        summary: "An unknown `aria-*` attribute, an invalid `role`, or `aria-hidden=\"true\"` on a focusable element",
        rationale: """
        Assistive technology ignores misspelled ARIA (`aria-labeledby`) and invalid roles, so the name or role the \
        author meant never reaches the reader. A focusable element hidden with `aria-hidden="true"` can still be \
        tabbed to, but is announced as nothing (WCAG 4.1.2, Name, Role, Value).
        """,
        fix: "Correct the attribute or role name (the message suggests the closest valid one), or remove it; take hidden links out of the tab order (`tabindex=\"-1\"`) or stop hiding them.",
        decisions: [
            "A `role` made of placeholders (`role=\"{{role}}\"`) is unknown and never reported.",
            "Valid attributes and roles are WAI-ARIA 1.2 plus the 1.3 additions browsers ship (`aria-description`, `aria-braillelabel`, role `mark`, …), DPUB-ARIA and Graphics-ARIA; the table is `Support/ARIA.swift`. Roles compare case-insensitively.",
            "Each `role` token must be a concrete role: abstract roles (`widget`, `section`, `landmark`, …) and unknown words are reported, once per `role` attribute, even in a fallback list. An empty `role` is ignored.",
            "Focusable means in the tab order: `a`/`area` with `href`, `button`, `select`, `textarea`, `input` (not `type=hidden`), `iframe`, `summary`, media with `controls`, `contenteditable`, or `tabindex` ≥ 0; `disabled` controls (also with a `tabindex`), form controls inside a `<fieldset disabled>` (except inside its first `<legend>`) and `tabindex=\"-1\"` are not focusable. Links inside a disabled fieldset are not form controls and stay focusable.",
            "Hidden elements (`display:none`, `hidden`, inside `aria-hidden=\"true\"`) are checked too: the markup is wrong whether or not it is shown, and mail clients that drop `display:none` (a hidden preheader in some Outlook versions) show it. axe-core skips hidden elements, so it does not report an invalid role on a hidden preheader table.",
            "Findings point at the offending attribute. Attribute values other than `aria-hidden` are not validated.",
        ],
        failing: [
            RuleExample("<div ↓aria-labeledby=\"title\">Hello</div>", note: "Misspelled: the message suggests aria-labelledby."),
            RuleExample("<table ↓role=\"presentational\"><tr><td>Hi</td></tr></table>"),
            RuleExample("<a href=\"https://example.com/help\" ↓aria-hidden=\"true\">Help</a>"),
            RuleExample("<div ↓role=\"widget\">Abstract roles are not for content</div>"),
            RuleExample("<span tabindex=\"0\" ↓aria-hidden=\"TRUE\">Skip</span>\n<p ↓aria-foo=\"x\">Hi</p>"),
            RuleExample("<fieldset disabled><legend><button ↓aria-hidden=\"true\">Edit</button></legend>\n<a href=\"https://example.com/help\" ↓aria-hidden=\"true\">Help</a></fieldset>", note: "The first legend of a disabled fieldset is not disabled, and a link is not a form control."),
        ],
        passing: [
            RuleExample("<div role=\"{{role}}\">Hello</div>", note: "A placeholder role is unknown."),
            RuleExample("<table role=\"presentation\"><tr><td>Hi</td></tr></table>"),
            RuleExample("<img src=\"https://example.com/divider.png\" alt=\"\" aria-hidden=\"true\">"),
            RuleExample("<a href=\"https://example.com\" aria-hidden=\"true\" tabindex=\"-1\"><img src=\"https://example.com/a.png\" alt=\"\"></a>", note: "Not in the tab order."),
            RuleExample("<div role=\"SWITCH checkbox\" aria-checked=\"false\" aria-describedby=\"hint\">Notify me</div>"),
            RuleExample("<button disabled aria-hidden=\"true\">Buy</button>\n<p role=\"doc-subtitle\" aria-description=\"note\">Sub</p>"),
            RuleExample("<fieldset disabled><button aria-hidden=\"true\">Buy</button>\n<input type=\"text\" aria-hidden=\"true\"></fieldset>", note: "Controls in a disabled fieldset are disabled, so not focusable."),
        ],
        wcag: "4.1.2 Name, Role, Value (Level A)"
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { .everyElement }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let node = context.node(id)
        guard !node.attributes.isEmpty else { return }
        for a in node.attributes {
            if a.name.hasPrefix("aria-") {
                if !ARIA.attributes.contains(a.name) {
                    let hint = ARIA.suggestion(for: a.name).map { "; did you mean \($0)?" } ?? ""
                    report.report("Unknown ARIA attribute \(a.name)\(hint)", at: a.range, evidence: "\(a.name)=\"\(a.value)\"")
                } else if a.name == "aria-hidden", ARIA.isAriaHidden(node),
                          ARIA.isFocusable(id, in: context.document, disabledByFieldset: context.derived.value("ARIA.disabledByFieldset") {
                              ARIA.disabledByFieldset(context.document)
                          }) {
                    report.report("aria-hidden=\"true\" on a focusable <\(node.name)>: it can be tabbed to but is announced as nothing",
                                  at: a.range, evidence: "<\(node.name) aria-hidden=\"\(a.value)\">")
                }
            } else if a.name == "role" {
                // A role made only of placeholders (`role="{{role}}"`) is unknown: never reported.
                if context.placeholders.isPlaceholderOnly(a.value) { continue }
                let tokens = ARIA.roleTokens(a.value).filter { !context.placeholders.containsPlaceholder($0) }
                let abstract = tokens.filter { ARIA.abstractRoles.contains($0) }
                let unknown = tokens.filter { !ARIA.roles.contains($0) && !ARIA.abstractRoles.contains($0) }
                var parts: [String] = []
                if !unknown.isEmpty { parts.append("\(unknown.map { "\"\($0)\"" }.joined(separator: ", ")) is not an ARIA role") }
                if !abstract.isEmpty { parts.append("\(abstract.map { "\"\($0)\"" }.joined(separator: ", ")) is an abstract role") }
                if !parts.isEmpty {
                    report.report("Invalid role: \(parts.joined(separator: "; "))", at: a.range, evidence: "role=\"\(a.value)\"")
                }
            }
        }
    }
}
