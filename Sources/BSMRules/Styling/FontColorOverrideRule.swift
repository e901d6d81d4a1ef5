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
            "A colour holding a placeholder (`color: {{text_color}}`, `<font color=\"%%c%%\">`, `<body vlink=\"{{v}}\">`) is unknown and not reported.",
            "Any author colour counts, even black: the rule is about overriding, not about the colour chosen (contrast is `color-contrast`). So does a colour this model cannot evaluate — `var()`, `color-mix()`, a system colour such as `LinkText` — which sets the colour all the same; `light-dark(a, b)` is `a` (the measuring model renders the light scheme), and `Canvas`/`CanvasText` are white and black.",
            "Colour schemes: declarations in `@media (prefers-color-scheme: light)` apply; those in `@media (prefers-color-scheme: dark)` do not (the measuring model renders the light scheme) and are not reported.",
            "Only text-bearing elements count; an inherited colour is reported once, at the declaration that sets it, with the number of text elements it reaches.",
            "`-webkit-text-fill-color` paints text too and is reported the same way.",
            "A declaration in a rule that matches nothing, or that loses the cascade, is not reported.",
            "Elements holding only whitespace, `&nbsp;` or zero-width characters render no text and do not count (a spacer cell with `color` and `&nbsp;` passes); nor does text that does not show: `display: none`, `visibility: hidden`, `opacity: 0` on it or an ancestor, a zero-height box that cuts it off (`max-height: 0; overflow: hidden`, the hidden-preheader idiom), `font-size: 0`, `color: transparent`.",
            "`color: currentColor`, `unset` and `revert` keep the inherited colour and are not overrides; `color: initial` resets to black and is.",
            "`<body vlink>`/`<body alink>` (visited and active link colours) never show in a static rendering but colour every link: reported at `<body>` when the message has link text. `<body link>` and `<body text>` go through the cascade like any attribute.",
            "A rule that applies only in a state the reader brings about (`a:hover`, `a:visited`, `a:active`, `:focus`, `tr:hover td`) or to a text pseudo-element (`::first-line`, `::first-letter`, and `::before`/`::after` whose `content` shows text) recolours text the reader sees: reported like any declaration, with the condition in the evidence. It competes as in the cascade: `style=\"color: …\"` on the link beats `a:hover`, and it counts only text that inherits the colour. `::selection` and `::marker` are not read.",
        ],
        failing: [
            RuleExample("<p style=\"↓color: #333333\">Hello</p>"),
            RuleExample("<style>\n  .note { ↓color: red; }\n</style>\n<p class=\"note\">Hello</p>"),
            RuleExample("<style>\n  @supports (display: block) { p { ↓color: red; } }\n</style>\n<p>Hello</p>",
                        note: "A feature query holds in the clients that render the message."),
            RuleExample("<p>↓<font color=\"#ff0000\">Sale</font></p>"),
            RuleExample("↓<body text=\"#222222\"><p>Hello</p></body>"),
            RuleExample("<p style=\"↓-webkit-text-fill-color: blue\">Hello</p>"),
            RuleExample("↓<body vlink=\"#551a8b\"><p>Hello <a href=\"https://www.amazon.com/orders\">Your orders</a></p></body>", note: "The colour of visited links."),
            RuleExample("<style>\n  a:hover { ↓color: #cc0000; }\n</style>\n<p><a href=\"https://www.amazon.com/gp/css/order-history\">Your orders</a></p>", note: "A link colour on hover (or once visited) changes the colour of text, as `<body vlink>` does."),
            RuleExample("<style>\n  p::first-letter { ↓color: #cc0000; }\n</style>\n<p>Hello</p>"),
        ],
        passing: [
            RuleExample("<p style=\"color: {{text_color}}\">Hello</p><p><font color=\"%%link_color%%\">World</font></p>", note: "A colour made of a placeholder is unknown."),
            RuleExample("<p>Hello</p>"),
            RuleExample("<style>.unused { color: red; }</style><p>Hello</p>"),
            RuleExample("<p style=\"background-color: #eeeeee\">Hello</p>", note: "Background colour is not text colour."),
            RuleExample("<div style=\"color: red\"><img src=\"https://example.com/a.png\" alt=\"\"></div>", note: "No text under it."),
            RuleExample("<p><a href=\"https://www.amazon.com\">Your order</a></p>", note: "The link colour is the client's default."),
            RuleExample("<table width=\"600\"><tr><td style=\"font-size:1px; line-height:1px; color:#ffffff\" height=\"20\">&nbsp;</td></tr><tr><td>Hello</td></tr></table>", note: "A spacer cell holding only `&nbsp;` renders no text."),
            RuleExample("<p style=\"color: currentColor\">Hello</p>", note: "`currentColor` on `color` keeps the inherited colour."),
            RuleExample("<body alink=\"#ff0000\"><p>Hello, no links here.</p></body>", note: "No link text to colour."),
            RuleExample("<style>\n  a:hover { color: #cc0000; }\n</style>\n<p><a href=\"https://www.amazon.com/\" style=\"color: inherit\">Your orders</a></p>", note: "The link's own `color: inherit` beats `a:hover`: hovering changes nothing."),
            RuleExample("<style>\n  .note::before { content: \"\"; color: #cc0000; }\n</style>\n<p class=\"note\">Hello</p>", note: "An empty generated box shows no text."),
            RuleExample("<div style=\"max-height: 0; overflow: hidden; color: #ffffff\">Preview text</div><p>Hello</p>", note: "Text cut off by a zero-height box (a hidden preheader) is not text-bearing."),
        ]
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(needs: [.styles, .text]) }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        // A placeholder colour computes to an unknown one (`colorKnown`): only then is the
        // declaration or attribute read for a placeholder. (A placeholder fill colour is dropped
        // by the cascade and never wins.)
        var hits = OverrideCheck.hits(context, property: .color) { st, po in
            po.origin.isAuthor && !FontColorOverrideRule.keepsInheritedColour(po.origin, context)
                && (st.colorKnown || !FontColorOverrideRule.isPlaceholderValue(po.origin, context))
        }
        hits += OverrideCheck.hits(context, property: .webkitTextFillColor) { _, po in
            po.origin.isAuthor && !FontColorOverrideRule.keepsInheritedColour(po.origin, context)
        }
        for property in [StyleProperty.color, .webkitTextFillColor] {
            hits += OverrideCheck.conditionalHits(context, property: property, existing: hits) { d, value in
                switch value {
                case .currentColor: return false
                case .keyword(let k) where k != "initial": return false  // inherit, unset, revert: the colour stays
                default: return !context.placeholders.containsPlaceholder(d.value)
                }
            }
        }
        OverrideCheck.report(hits, context, &report) { _ in "Text colour overridden: Amazon does not allow changing the default font colour" }
        reportLinkStateColours(context, &report)
    }

    /// A colour made of a placeholder (`color: {{text_color}}`, `<font color="%%c%%">`) is
    /// unknown: never reported (RULES.md).
    static func isPlaceholderValue(_ origin: StyleOrigin, _ context: RuleContext) -> Bool {
        switch origin {
        case .stylesheet(let i, _, _), .inlineStyle(let i, _):
            guard let engine = context.styleEngine, i < engine.allDeclarations.count else { return false }
            return context.placeholders.containsPlaceholder(engine.allDeclarations[i].value)
        case .presentational(let attribute, let element, _):
            return context.document[element].attribute(attribute).map { context.placeholders.containsPlaceholder($0) } ?? false
        default:
            return false
        }
    }

    /// `color: currentColor` (and `unset`/`revert`) on `color` keeps the inherited colour: it
    /// changes nothing.
    static func keepsInheritedColour(_ origin: StyleOrigin, _ context: RuleContext) -> Bool {
        let index: Int
        switch origin {
        case .stylesheet(let i, _, _), .inlineStyle(let i, _): index = i
        default: return false
        }
        guard let engine = context.styleEngine, index < engine.allDeclarations.count else { return false }
        let v = engine.allDeclarations[index].value.trimmingASCIIWhitespace().lowercased()
        return v == "currentcolor" || v == "unset" || v == "revert"
    }

    /// `<body vlink>` / `<body alink>` colour links once visited or while clicked: no static
    /// rendering shows those states, so the cascade never applies them, but they set the text
    /// colour of every link in the message. Reported at `<body>` when a link shows text.
    func reportLinkStateColours(_ context: RuleContext, _ report: inout FindingSink) {
        let doc = context.document
        guard let body = doc.firstElement(named: "body") else { return }
        let attrs = ["vlink", "alink"].compactMap { name in doc[body].attribute(name).map { (name, $0) } }
            .filter { !$0.1.trimmingASCIIWhitespace().isEmpty && !context.placeholders.containsPlaceholder($0.1) }
        guard !attrs.isEmpty else { return }
        var links = 0
        let elements = OverrideCheck.textBearingElements(context)
        for id in elements where context.styles.contains(where: { $0.showsText(id) }) {
            var cur: NodeID? = id
            while let c = cur, c != body {
                if doc[c].name == "a", doc[c].hasAttribute("href") { links += 1; break }
                cur = doc[c].parent
            }
        }
        guard links > 0 else { return }
        let evidence = "<body " + attrs.map { "\($0.0)=\"\($0.1)\"" }.joined(separator: " ") + "> → \(links) link text element\(links == 1 ? "" : "s")"
        report.report("Link text colour overridden (\(attrs.map(\.0).joined(separator: ", "))): Amazon does not allow changing the default font colour",
                      node: doc[body], evidence: evidence)
    }
}
