import BSMDocument
import BSMEngine
import BSMStyle

/// `line-height-override`: the author sets the line height of text.
public struct LineHeightOverrideRule: Rule {
    public static let metadata = RuleMetadata(
        id: "line-height-override",
        name: "Line height override",
        category: .styling,
        defaultSeverity: .error,
        summary: "Author CSS sets line-height on text (also via the font shorthand)",
        rationale: """
        Amazon forbids overriding its default line height (styling rule 6). bsmlint resolves the cascade and reports \
        each declaration that decides the line height of visible text.
        """,
        fix: "Remove the line-height declarations (and the `/line-height` part of `font` shorthands).",
        decisions: [
            "Text that does not show is not text-bearing: `display: none`, `visibility: hidden`, `opacity: 0` on it or an ancestor, a zero-height or zero-width box that cuts it off (`max-height: 0; overflow: hidden`, the hidden-preheader idiom), `font-size: 0` or a transparent colour (`StyledDocument.showsText`).",
            "`line-height: normal` is the default, not an override, whoever writes it: a `font` shorthand without a `/line-height` part resets line height to `normal` and is not reported.",
            "Only text-bearing elements count; an inherited line height is reported once, at the declaration, with the number of text elements it reaches.",
            "A declaration in a rule that matches nothing, or that loses the cascade, is not reported.",
            "A rule that applies only in a state the reader brings about (`a:hover`) or to a text pseudo-element (`::first-line`, `::first-letter`, text-showing `::before`/`::after`) is read too, with the condition in the evidence; `line-height: normal` there is not an override either.",
        ],
        failing: [
            RuleExample("<p style=\"↓line-height: 20px\">Hello</p>"),
            RuleExample("<style>\n  td { ↓line-height: 1.6; }\n</style>\n<table><tr><td>Hello</td></tr></table>"),
            RuleExample("<div style=\"↓font: 14px/22px Arial\">Hello</div>", note: "The `font` shorthand's `/22px` sets the line height."),
            RuleExample("<div style=\"↓line-height: 150%\"><p>One</p><p>Two</p></div>"),
            RuleExample("<style>\n  p::first-line { ↓line-height: 2; }\n</style>\n<p>Hello</p>"),
        ],
        passing: [
            RuleExample("<p>Hello</p>"),
            RuleExample("<p style=\"font: 14px Arial\">Hello</p>", note: "No `/line-height` part: line height stays normal (the font family is another rule's matter)."),
            RuleExample("<p style=\"line-height: normal\">Hello</p>"),
            RuleExample("<style>.unused { line-height: 2; }</style><p>Hello</p>"),
            RuleExample("<div style=\"line-height: 30px\"><img src=\"https://example.com/a.png\" alt=\"\"></div>", note: "No text under it."),
        ]
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(needs: [.styles, .text]) }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        var hits = OverrideCheck.hits(context, property: .lineHeight) { style, po in
            guard po.origin.isAuthor else { return false }
            if case .normal = style.lineHeight { return false }
            return true
        }
        hits += OverrideCheck.conditionalHits(context, property: .lineHeight, existing: hits) { _, value in
            if case .keyword(let k) = value, k == "normal" || k == "initial" || k == "inherit" || k == "unset" || k == "revert" || k == "revert-layer" { return false }
            return true
        }
        OverrideCheck.report(hits, context, &report) { _ in "Line height overridden: Amazon does not allow changing the default line height" }
    }
}
