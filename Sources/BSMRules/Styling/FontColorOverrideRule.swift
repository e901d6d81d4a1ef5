import BSMDocument
import BSMEngine
import BSMStyle

/// `font-color-override`: the author sets the colour of text.
public struct FontColorOverrideRule: Rule {
    public static let metadata = RuleMetadata(
        id: "font-color-override",
        name: "Font colour override",
        category: .styling,
        defaultSeverity: .error,
        summary: "Author CSS or HTML sets the text colour (color, <font color>, body text/link/vlink/alink, -webkit-text-fill-color)",
        rationale: """
        Amazon forbids overriding the default font colour (styling rule 6). bsmlint resolves the cascade and reports \
        each declaration or attribute that decides the colour of visible text.
        """,
        fix: "Remove the colour declarations and attributes; Amazon's default text colour applies.",
        decisions: [
            "Any author colour counts, even black: the rule is about overriding, not about the colour chosen (contrast is `color-contrast`).",
            "Only text-bearing elements count; an inherited colour is reported once, at the declaration that sets it, with the number of text elements it reaches.",
            "`-webkit-text-fill-color` paints text too and is reported the same way.",
            "A declaration in a rule that matches nothing, or that loses the cascade, is not reported.",
        ],
        failing: [
            RuleExample("<p style=\"↓color: #333333\">Hello</p>"),
            RuleExample("<style>\n  .note { ↓color: red; }\n</style>\n<p class=\"note\">Hello</p>"),
            RuleExample("<p>↓<font color=\"#ff0000\">Sale</font></p>"),
            RuleExample("↓<body text=\"#222222\"><p>Hello</p></body>"),
            RuleExample("<p style=\"↓-webkit-text-fill-color: blue\">Hello</p>"),
        ],
        passing: [
            RuleExample("<p>Hello</p>"),
            RuleExample("<style>.unused { color: red; }</style><p>Hello</p>"),
            RuleExample("<p style=\"background-color: #eeeeee\">Hello</p>", note: "Background colour is not text colour."),
            RuleExample("<div style=\"color: red\"><img src=\"https://example.com/a.png\" alt=\"\"></div>", note: "No text under it."),
            RuleExample("<p><a href=\"https://www.amazon.com\">Your order</a></p>", note: "The link colour is the client's default."),
        ]
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(needs: [.styles, .text]) }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        var hits = OverrideCheck.hits(context, property: .color) { _, po in po.origin.isAuthor }
        hits += OverrideCheck.hits(context, property: .webkitTextFillColor) { _, po in po.origin.isAuthor }
        OverrideCheck.report(hits, context, &report) { _ in "Text colour overridden: Amazon does not allow changing the default font colour" }
    }
}
