import Foundation
import BSMDocument
import BSMEngine
import BSMStyle

/// `color-contrast`: text whose colour and background are both known contrasts too little.
public struct ColorContrastRule: Rule {
    public static let metadata = RuleMetadata(
        id: "color-contrast",
        name: "Colour contrast",
        category: .accessibility,
        defaultSeverity: .error,
        summary: "Text and background colours that are both known have a contrast ratio under 4.5:1 (3:1 for large text)",
        rationale: """
        Low-contrast text cannot be read by people with low vision or in bright light, and fails WCAG 1.4.3. \
        bsmlint computes the WCAG 2.x relative luminance of the resolved text colour and the nearest resolved \
        background — from the cascade, not by guessing.
        """,
        fix: "Darken the text or lighten the background until the ratio reaches 4.5:1 (3:1 for large text); or remove both overrides and let Amazon's defaults apply.",
        decisions: [
            "A colour holding a placeholder (`bgcolor=\"{{bg}}\"`, `color: {{text_color}}`, `<font color=\"%%c%%\">`) or one that cannot be evaluated (`var()`) is unknown, for the text and for the background behind it: never reported.",
            "Text colour: the computed `color` (or `-webkit-text-fill-color`), with transparency composited over the background. The message background is white and the text black unless the template sets them.",
            "Background: the nearest ancestor's `background-color`, `bgcolor` or `background` shorthand colour, semi-transparent layers composited; a background image between the text and a known colour makes the background unknown, and unknown is never reported.",
            "Colour attributes (`bgcolor`, `<font color>`, `<body text link>`) are read as HTML reads them (its legacy colour rules), not as CSS: `color=\"ccc\"` is #0c0c0c (only `#ccc` is the three-digit form) and `bgcolor=\"#00000080\"` is navy #000080 (no alpha).",
            "An ancestor's partial `opacity` (0 < opacity < 1) is not composited: text is measured at its own colours (`opacity: 0` hides it).",
            "Large text is at least 24px, or at least 18.66px and bold (font-weight 700 or more): its threshold is 3:1. A size that cannot be known (a placeholder, `clamp()`, `calc()` with mixed units, `var()`, `<font size=\"{{s}}\">`) may be large, and so may an unknown weight at 18.66px or more: such text is held to 3:1 too (a rule never guesses a violation from an unknown).",
            "Only visible text counts; fully transparent text is invisible, not low-contrast, and is left to other rules. An element's own text is checked only when it has a letter or digit: white space alone (`&nbsp;`, hair or zero-width spaces in spacer cells) is nothing to read, and a lone separator or icon glyph (`·`, `•`, ` - ` between two links, `▤`, an emoji) is decoration, which WCAG 1.4.3 exempts.",
            "One finding per distinct cause (text colour, background, size class and the declaration that set the colour), with the number of text elements in the evidence (each element once, also when a child element splits its text). It is placed where the problem is introduced: at the text colour's declaration, or the element whose attribute sets it (`<font color>`, `<body text>`); when the text keeps its default colour, at the background's declaration or the start tag of the element with `bgcolor`; otherwise at the first text element. With several reference widths, it says at which width it fails when not at all.",
        ],
        failing: [
            RuleExample("<p style=\"font-size: clamp(24px, 5vw, 40px); ↓color: #aaaaaa\">Welcome back</p>", note: "2.32:1 fails at any size."),
            RuleExample("<p style=\"↓color: #777\">Your order has shipped.</p>", note: "#777 on white is 4.47:1 (ratios are cut, not rounded, to two decimals: a failing ratio never reads as the limit)."),
            RuleExample("<table>\n  <tr>\n    ↓<td bgcolor=\"#333333\">Dark cell, default black text</td>\n  </tr>\n</table>"),
            RuleExample("<style>\n  .muted { ↓color: #aaaaaa; }\n</style>\n<p class=\"muted\">Small print</p><p class=\"muted\">More</p>"),
            RuleExample("<div style=\"background-color: #0a3d62\"><p style=\"↓color: #1e3799\">Blue on navy</p></div>"),
            RuleExample("<h1 style=\"↓color: #aaaaaa\">Big but too light</h1>", note: "#aaa on white is 2.32:1, below even the 3:1 of large text."),
            RuleExample("<table role=\"presentation\"><tr>↓<td bgcolor=\"#333333\"><p>First</p><p>Second</p></td></tr></table>", note: "Default text on a dark cell: reported once, at the cell that sets the background."),
            RuleExample("<div style=\"↓background-color: #222222\"><p>Hello</p><p>World</p></div>"),
        ],
        passing: [
            RuleExample("<p style=\"font-size: {{hero_size}}; color: #949494\">Welcome back</p>", note: "3.03:1 fails normal text but passes large text, and the size is unknown."),
            RuleExample("<table><tr><td bgcolor=\"#000000\"><font color=\"{{text_color}}\">Hello</font></td></tr></table>", note: "A placeholder text colour is unknown."),
            RuleExample("<table><tr><td bgcolor=\"{{bg}}\"><p style=\"color: #777777\">Hello</p></td></tr></table>", note: "A placeholder background is unknown."),
            RuleExample("<p style=\"color: #767676\">Your order has shipped.</p>", note: "#767676 on white is 4.54:1."),
            RuleExample("<p>Default black on white</p>"),
            RuleExample("<h1 style=\"color: #888888\">Large heading</h1>", note: "32px text needs 3:1; #888 on white is 3.54:1."),
            RuleExample("<table><tr><td style=\"background: url(https://example.com/bg.jpg) #ffffff\"><p style=\"color: #cccccc\">Over an image</p></td></tr></table>", note: "A background image makes the background unknown."),
            RuleExample("<div style=\"background-color: #000000\"><p style=\"color: #ffffff\">White on black</p></div>"),
            RuleExample("<div style=\"opacity: 0\"><p style=\"color: #ffffff\">Preview text</p></div><p>Hello</p>", note: "Text inside an `opacity: 0` wrapper shows nothing to judge."),
        ],
        wcag: "1.4.3 Contrast (Minimum) (Level AA)"
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(needs: [.styles, .text]) }

    struct Key: Hashable {
        var fg: RGBA
        var bg: RGBA
        var large: Bool
        var origin: StyleOrigin
    }

    struct Group {
        var first: NodeID
        var ratio: Double
        /// nil when unknown.
        var fontSize: Double?
        var count: Int
        var widths: [Double]
        var origin: StyleOrigin
        var fg: RGBA
        var bg: RGBA
        var large: Bool
        /// The element and origin of the nearest painted background behind the first element.
        var background: (element: NodeID, origin: StyleOrigin)?
    }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let elements = ColorContrastRule.textElements(context)
        var groups: [Key: Int] = [:]
        var list: [Group] = []
        for styled in context.styles {
            // Text that shows (not hidden by `opacity: 0` on an ancestor either, nor cut off by a
            // zero-height box: a hidden preheader has no contrast to judge).
            for id in elements where styled.showsText(id) {
                let st = styled.style(of: id)
                // An unknown text colour (a placeholder, `var()`) is never reported.
                guard st.colorKnown || st.webkitTextFillColor != nil else { continue }
                let fg = st.textFillColor
                guard fg.a > 0, let bg = styled.backgroundColor(behind: id) else { continue }
                let ratio = StyledDocument.contrastRatio(fg, bg)
                // Large text's 3:1 also when the size may be large: an unknown size (a placeholder,
                // `clamp()`, `var()`), or an unknown weight at a bold-large size. Unknowns never
                // make a finding the known values would not.
                let sizeKnown = st.fontSizeKnown
                let mayBeBold = st.fontWeight >= 700 || !st.fontWeightKnown
                let large = !sizeKnown || st.fontSizePx >= 24 || (st.fontSizePx >= 18.66 && mayBeBold)
                let threshold = large ? 3.0 : 4.5
                // Compare at the precision people quote ratios with (4.48 fails, 4.5 passes).
                guard (ratio * 100).rounded(.down) / 100 < threshold else { continue }
                let property: StyleProperty = st.webkitTextFillColor != nil ? .webkitTextFillColor : .color
                let origin = styled.origin(of: id, for: property).origin
                let key = Key(fg: fg, bg: bg, large: large, origin: origin)
                if let gi = groups[key] {
                    // Counted at the first width it fails at (the one the finding names).
                    if styled.width == list[gi].widths.first { list[gi].count += 1 }
                    if !list[gi].widths.contains(styled.width) { list[gi].widths.append(styled.width) }
                } else {
                    groups[key] = list.count
                    list.append(Group(first: id, ratio: ratio, fontSize: sizeKnown ? st.fontSizePx : nil, count: 1, widths: [styled.width],
                                      origin: origin, fg: fg.over(bg), bg: bg, large: large,
                                      background: ColorContrastRule.backgroundSource(id, styled)))
                }
            }
        }
        let doc = context.document
        for g in list.sorted(by: { ColorContrastRule.at($0, doc).start.offset < ColorContrastRule.at($1, doc).start.offset }) {
            let threshold = g.large ? "3:1 (large text)" : "4.5:1"
            let ratio = String(format: "%.2f", (g.ratio * 100).rounded(.down) / 100)
            let size = g.fontSize.map { $0 == $0.rounded() ? "\(Int($0))px" : String(format: "%.1fpx", $0) } ?? "unknown-size"
            let evidence = "\(g.fg) on \(g.bg) = \(ratio):1 < \(threshold), \(size) text → \(g.count) text element\(g.count == 1 ? "" : "s")"
            let width: Double? = g.widths.count == context.styles.count ? nil : g.widths.first
            report.report("Text contrast \(ratio):1 is below \(threshold)", at: ColorContrastRule.at(g, doc),
                          evidence: evidence, width: width)
        }
    }

    /// Elements that directly hold text with something to read — at least one letter or digit —
    /// each once, in the order of their first text. White space (also no-break, hair and
    /// zero-width spaces, which templates put in spacer cells) is nothing to read, and a lone
    /// separator or icon glyph (`·`, `•`, `|`, `-`, `▤`, an emoji) is decoration, which WCAG 1.4.3
    /// exempts.
    static func textElements(_ context: RuleContext) -> [NodeID] {
        let doc = context.document
        var seen = Set<NodeID>()
        var out: [NodeID] = []
        for run in context.text.runs {
            guard let p = doc[run.node].parent, !seen.contains(p),
                  doc[run.node].text.unicodeScalars.contains(where: isReadable) else { continue }
            seen.insert(p)
            out.append(p)
        }
        return out
    }

    /// A letter or a digit (any script).
    static func isReadable(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// The nearest element (the text's own or an ancestor) that paints a background colour, and
    /// where that colour comes from.
    static func backgroundSource(_ id: NodeID, _ styled: StyledDocument) -> (element: NodeID, origin: StyleOrigin)? {
        let doc = styled.document
        var cur: NodeID? = id
        while let c = cur {
            if doc[c].kind == .element, styled.style(of: c).backgroundColor.a > 0 {
                return (c, styled.origin(of: c, for: .backgroundColor).origin)
            }
            cur = doc[c].parent
        }
        return nil
    }

    /// Where a group is reported (RULES.md: at what introduces the problem): the text colour's
    /// declaration when it is authored in CSS, or the element of the attribute that sets it
    /// (`<font color>`, `<body text>`); when the text keeps its default colour, the background
    /// that makes it unreadable (its declaration, or the start tag of the `bgcolor` element);
    /// else the first affected element's start tag.
    static func at(_ g: Group, _ doc: Document) -> SourceRange {
        switch g.origin {
        case .stylesheet(_, let r, _), .inlineStyle(_, let r): return r
        case .presentational(_, let element, _) where element >= 0 && element < doc.count: return doc[element].range
        default: break
        }
        if let b = g.background {
            switch b.origin {
            case .stylesheet(_, let r, _), .inlineStyle(_, let r): return r
            case .presentational(_, let element, _) where element >= 0 && element < doc.count: return doc[element].range
            default: break
            }
        }
        return doc[g.first].range
    }
}
