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
            "Text that does not show is not text-bearing: `display: none`, `visibility: hidden`, `opacity: 0` on it or an ancestor, a zero-height or zero-width box that cuts it off (`max-height: 0; overflow: hidden`, the hidden-preheader idiom), `font-size: 0` or a transparent colour (`StyledDocument.showsText`).",
            "Only text-bearing elements count: elements that render visible text (placeholders count as text). A font set on a wrapper reaches its text by inheritance and is reported once, at the declaration, with the number of text elements it reaches.",
            "A declaration in a rule that matches no element, or that loses the cascade everywhere, is not reported.",
            "Every `@font-face` rule is reported: it exists only to change the font.",
            "With several reference widths, a declaration that applies only under some `@media` widths says at which.",
            "A `<font face>`, `font-family` or `font` family made only of placeholders (`face=\"{{brand_font}}\"`, `font-family: {{brand_font}}`, `font: 14px {{brand_font}}`) is unknown and not reported, as RULES.md requires of a value made only of a placeholder; a list with a real family beside a placeholder still is.",
            "A rule that applies only in a state the reader brings about (`a:hover`, `a:focus`) or to a text pseudo-element (`::first-line`, `::first-letter`, and `::before`/`::after` whose `content` shows text) changes the font of text the reader sees: reported like any declaration, with the condition in the evidence, and competing as in the cascade.",
        ],
        failing: [
            RuleExample("<p style=\"↓font: caption\">Hello</p>", note: "A system font keyword sets the family (the client's caption font)."),
            RuleExample("<p style=\"↓font-family: Georgia, serif\">Hello</p>"),
            RuleExample("<style>\n  body { ↓font-family: Arial, sans-serif; }\n</style>\n<p>Hello</p><p>World</p>"),
            RuleExample("<p>↓<font face=\"Verdana\">Hello</font></p>"),
            RuleExample("<div style=\"↓font: 14px/1.4 Helvetica, Arial\">Hello</div>", note: "The `font` shorthand sets the family."),
            RuleExample("<style>\n  ↓@font-face { font-family: Brand; src: url(https://example.com/b.woff2); }\n</style>\n<p>Hi</p>"),
            RuleExample("<style>\n  p::first-line { ↓font-family: Georgia, serif; }\n</style>\n<p>Hello</p>"),
            RuleExample("<p style=\"↓font-family: {{brand_font}}, Arial\">Hello</p>", note: "A real family beside the placeholder is an override."),
            RuleExample("<p style=\"↓font: 14px {{brand_font}}, Arial\">Hello</p>", note: "The same in the `font` shorthand."),
            RuleExample("<html lang=\"en\"><head><title>Order</title></head>\n<div style=\"display: none\">Preview text</div>\n<body style=\"↓font-family: Helvetica, Arial\"><p>Hello</p></body></html>", note: "A hidden preview before `<body>` (react-email): the body's own style still applies, as in browsers."),
        ],
        passing: [
            RuleExample("<p>Hello</p>"),
            RuleExample("<p><font face=\"{{brand_font}}\">Hello</font></p>", note: "A placeholder face is unknown."),
            RuleExample("<style>.unused { font-family: Arial; }</style><p>Hello</p>", note: "Matches no element."),
            RuleExample("<div style=\"font-family: Arial\"><img src=\"https://example.com/a.png\" alt=\"\"></div>", note: "No text under it."),
            RuleExample("<p style=\"font-size: 14px; color: inherit\">Hello</p>"),
            RuleExample("<p style=\"display:none; font-family: Arial\">Hidden</p>", note: "Hidden text is not rendered."),
            RuleExample("<style>\n  a:hover { font-family: inherit; }\n</style>\n<p><a href=\"https://www.amazon.com/\">Your orders</a></p>", note: "`inherit` keeps the font."),
            RuleExample("<p style=\"font-family: {{brand_font}}\">Hello</p>", note: "A family made only of a placeholder is unknown."),
            RuleExample("<p style=\"font: 14px {{brand_font}}\">Hello</p>", note: "So is the shorthand's; its 14px size is known."),
        ]
    )

    public init(options: RuleOptions) throws {}

    /// True when every family of a list is a placeholder (`font-family: {{brand_font}}`): the font
    /// is unknown, as for `<font face="{{f}}">` (RULES.md: a value made only of a placeholder is
    /// never flagged).
    static func isPlaceholderValue(_ value: CSSValue, _ d: Declaration, _ context: RuleContext) -> Bool {
        guard context.placeholders.containsPlaceholder(d.value) else { return false }
        switch value {
        // The family text is rebuilt from tokens (`{ { brand_font } }`): compare it without spaces.
        case .text(let families): return isPlaceholderList(String(families.unicodeScalars.filter { $0 != " " }), context)
        // `{{font}}` parses as a block: the family is not evaluable.
        case .unknown: return context.placeholders.containsPlaceholder(d.value)
        default: return false
        }
    }

    static func isPlaceholderList(_ families: String, _ context: RuleContext) -> Bool {
        guard context.placeholders.containsPlaceholder(families) else { return false }
        let parts = families.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return !parts.isEmpty && parts.allSatisfy { context.placeholders.containsPlaceholder($0) }
    }

    public var interest: NodeInterest { NodeInterest(needs: [.styles, .text]) }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let declarations = context.styleEngine?.allDeclarations ?? []
        var hits = OverrideCheck.hits(context, property: .fontFamily, byOrigin: true) { _, po in
            guard po.origin.isAuthor else { return false }
            switch po.origin {
            case .stylesheet(let i, _, _), .inlineStyle(let i, _):
                guard i < declarations.count,
                      let value = declarations[i].longhands.last(where: { $0.property == .fontFamily })?.value else { return true }
                return !FontFamilyOverrideRule.isPlaceholderValue(value, declarations[i], context)
            default:
                return true
            }
        }
        hits += OverrideCheck.conditionalHits(context, property: .fontFamily, existing: hits) { d, value in
            if case .keyword(let k) = value, k == "inherit" || k == "unset" || k == "revert" || k == "revert-layer" { return false }
            return !FontFamilyOverrideRule.isPlaceholderValue(value, d, context)
        }
        OverrideCheck.report(hits, context, &report) { _ in "Font family overridden: Amazon does not allow changing the default font" }
        for face in context.styleEngine?.fontFaces ?? [] {
            report.report("@font-face loads a custom font: Amazon does not allow changing the default font", at: face.range,
                          evidence: "@font-face")
        }
    }
}
