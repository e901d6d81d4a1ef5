import BSMDocument
import BSMEngine
import BSMStyle

/// `font-family-override`: the author sets the font family of text.
public struct FontFamilyOverrideRule: Rule {
    public static let metadata = RuleMetadata(
        id: "font-family-override",
        name: "Font family override",
        category: .styling,
        defaultSeverity: .error,
        summary: "Author CSS or HTML sets the font family of text (font-family, font shorthand, <font face>, @font-face)",
        rationale: """
        Amazon renders messages in its own font and forbids overriding the default font family (styling rule 6). \
        bsmlint resolves the cascade and reports each declaration or attribute that decides the font of visible text.
        """,
        fix: "Remove the font-family declaration (and `<font face>`, `@font-face`); Amazon's default font applies.",
        decisions: [
            "Only text-bearing elements count: elements that render visible text (placeholders count as text). A font set on a wrapper reaches its text by inheritance and is reported once, at the declaration, with the number of text elements it reaches.",
            "A declaration in a rule that matches no element, or that loses the cascade everywhere, is not reported.",
            "Every `@font-face` rule is reported: it exists only to change the font.",
            "With several reference widths, a declaration that applies only under some `@media` widths says at which.",
            "A `<font face>` made only of placeholders (`face=\"{{brand_font}}\"`) is unknown and not reported, as RULES.md requires of an attribute made only of a placeholder; a list with a real family beside a placeholder still is.",
            "A rule that applies only in a state the reader brings about (`a:hover`, `a:focus`) or to a text pseudo-element (`::first-line`, `::first-letter`, and `::before`/`::after` whose `content` shows text) changes the font of text the reader sees: reported like any declaration, with the condition in the evidence, and competing as in the cascade.",
        ],
        failing: [
            RuleExample("<p style=\"↓font-family: Georgia, serif\">Hello</p>"),
            RuleExample("<style>\n  body { ↓font-family: Arial, sans-serif; }\n</style>\n<p>Hello</p><p>World</p>"),
            RuleExample("<p>↓<font face=\"Verdana\">Hello</font></p>"),
            RuleExample("<div style=\"↓font: 14px/1.4 Helvetica, Arial\">Hello</div>", note: "The `font` shorthand sets the family."),
            RuleExample("<style>\n  ↓@font-face { font-family: Brand; src: url(https://example.com/b.woff2); }\n</style>\n<p>Hi</p>"),
            RuleExample("<style>\n  p::first-line { ↓font-family: Georgia, serif; }\n</style>\n<p>Hello</p>"),
        ],
        passing: [
            RuleExample("<p>Hello</p>"),
            RuleExample("<p><font face=\"{{brand_font}}\">Hello</font></p>", note: "A placeholder face is unknown."),
            RuleExample("<style>.unused { font-family: Arial; }</style><p>Hello</p>", note: "Matches no element."),
            RuleExample("<div style=\"font-family: Arial\"><img src=\"https://example.com/a.png\" alt=\"\"></div>", note: "No text under it."),
            RuleExample("<p style=\"font-size: 14px; color: inherit\">Hello</p>"),
            RuleExample("<p style=\"display:none; font-family: Arial\">Hidden</p>", note: "Hidden text is not rendered."),
            RuleExample("<style>\n  a:hover { font-family: inherit; }\n</style>\n<p><a href=\"https://www.amazon.com/\">Your orders</a></p>", note: "`inherit` keeps the font."),
        ]
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(needs: [.styles, .text]) }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        var hits = OverrideCheck.hits(context, property: .fontFamily) { _, po in po.origin.isAuthor }
        hits += OverrideCheck.conditionalHits(context, property: .fontFamily, existing: hits) { _, value in
            if case .keyword(let k) = value, k == "inherit" || k == "unset" || k == "revert" || k == "revert-layer" { return false }
            return true
        }
        OverrideCheck.report(hits, context, &report) { _ in "Font family overridden: Amazon does not allow changing the default font" }
        for face in context.styleEngine?.fontFaces ?? [] {
            report.report("@font-face loads a custom font: Amazon does not allow changing the default font", at: face.range,
                          evidence: "@font-face")
        }
    }
}
