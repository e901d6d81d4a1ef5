/// The longhand properties the cascade models.
public enum StyleProperty: Int, CaseIterable, Sendable, Hashable {
    case display, color, backgroundColor, backgroundImage
    case fontSize, fontFamily, fontWeight, fontStyle, lineHeight
    case textAlign, direction, visibility, whiteSpace, letterSpacing, listStyleType, listStyleImage, textIndent
    case opacity, width, minWidth, maxWidth, height, minHeight, maxHeight
    case marginTop, marginRight, marginBottom, marginLeft
    case paddingTop, paddingRight, paddingBottom, paddingLeft
    case borderTopWidth, borderRightWidth, borderBottomWidth, borderLeftWidth
    case borderTopStyle, borderRightStyle, borderBottomStyle, borderLeftStyle
    case float, boxSizing, verticalAlign, borderSpacing, webkitTextFillColor, borderCollapse
    case overflowX, overflowY

    /// CSS name of the property.
    public var cssName: String { StyleProperty.names[rawValue] }

    /// True for properties inherited by default.
    public var isInherited: Bool {
        switch self {
        case .color, .fontSize, .fontFamily, .fontWeight, .fontStyle, .lineHeight, .textAlign, .direction,
             .visibility, .whiteSpace, .letterSpacing, .listStyleType, .listStyleImage, .textIndent, .borderSpacing,
             .webkitTextFillColor, .borderCollapse:
            return true
        default:
            return false
        }
    }

    static let names: [String] = [
        "display", "color", "background-color", "background-image",
        "font-size", "font-family", "font-weight", "font-style", "line-height",
        "text-align", "direction", "visibility", "white-space", "letter-spacing", "list-style-type",
        "list-style-image", "text-indent",
        "opacity", "width", "min-width", "max-width", "height", "min-height", "max-height",
        "margin-top", "margin-right", "margin-bottom", "margin-left",
        "padding-top", "padding-right", "padding-bottom", "padding-left",
        "border-top-width", "border-right-width", "border-bottom-width", "border-left-width",
        "border-top-style", "border-right-style", "border-bottom-style", "border-left-style",
        "float", "box-sizing", "vertical-align", "border-spacing", "-webkit-text-fill-color", "border-collapse",
        "overflow-x", "overflow-y",
    ]

    static let byName: [String: StyleProperty] = {
        var d: [String: StyleProperty] = [:]
        for p in StyleProperty.allCases { d[p.cssName] = p }
        return d
    }()

    /// Looks a property up by CSS name.
    public init?(cssName: String) {
        guard let p = StyleProperty.byName[cssName] else { return nil }
        self = p
    }

    static let count = StyleProperty.allCases.count
}

/// A specified value of one longhand, parsed once per declaration.
public enum CSSValue: Sendable, Hashable {
    /// Lowercased keyword (including `inherit`, `initial`, `unset`).
    case keyword(String)
    /// Length with a lowercased unit (`px`, `em`, `rem`, `pt`, …).
    case length(Double, String)
    case percentage(Double)
    case number(Double)
    case color(RGBA)
    case currentColor
    case url(String)
    /// Free text (font-family lists).
    case text(String)
    /// Valid but not evaluable here (`calc()`, `var()`, `max-content`, …): computes to unknown.
    case unknown
}

/// One longhand set by a declaration.
public struct Longhand: Sendable, Hashable {
    /// The physical property set — in left-to-right text, for a logical one (`padding-inline-start`
    /// is `padding-left`).
    public let property: StyleProperty
    public let value: CSSValue
    /// Set by an inline-axis logical property: in right-to-left text the cascade applies it to
    /// the mirrored side (`padding-inline-start` is `padding-right` there).
    public let flipsInRTL: Bool

    public init(property: StyleProperty, value: CSSValue, flipsInRTL: Bool = false) {
        self.property = property
        self.value = value
        self.flipsInRTL = flipsInRTL
    }

    /// The same longhand set by an inline-axis logical property.
    func flippingInRTL() -> Longhand { Longhand(property: property, value: value, flipsInRTL: true) }
}

extension StyleProperty {
    /// The property on the other inline side (`margin-left` ↔ `margin-right`); itself when it
    /// has no side.
    var mirrored: StyleProperty {
        switch self {
        case .marginLeft: return .marginRight
        case .marginRight: return .marginLeft
        case .paddingLeft: return .paddingRight
        case .paddingRight: return .paddingLeft
        case .borderLeftWidth: return .borderRightWidth
        case .borderRightWidth: return .borderLeftWidth
        case .borderLeftStyle: return .borderRightStyle
        case .borderRightStyle: return .borderLeftStyle
        default: return self
        }
    }
}

/// Shorthand expansion and value parsing.
enum Longhands {
    static let lengthUnits: Set<String> = [
        "px", "em", "rem", "pt", "pc", "in", "cm", "mm", "q", "ex", "ch", "vw", "vh", "vmin", "vmax",
    ]
    static let globals: Set<String> = ["inherit", "initial", "unset", "revert", "revert-layer"]

    /// Top-level component values (a token, or a function with its arguments), whitespace dropped.
    static func components(_ t: [CSSToken]) -> [ArraySlice<CSSToken>] {
        var out: [ArraySlice<CSSToken>] = []
        var i = 0
        while i < t.count {
            let k = t[i].kind
            if k == .whitespace || k == .comment {
                i += 1
                continue
            }
            if k == .function || k == .leftParen || k == .leftBracket || k == .leftBrace {
                var depth = 0
                var j = i
                while j < t.count {
                    switch t[j].kind {
                    case .function, .leftParen, .leftBracket, .leftBrace: depth += 1
                    case .rightParen, .rightBracket, .rightBrace: depth -= 1
                    default: break
                    }
                    j += 1
                    if depth == 0 { break }
                }
                out.append(t[i..<j])
                i = j
                continue
            }
            out.append(t[i...i])
            i += 1
        }
        return out
    }

    static func ident(_ c: ArraySlice<CSSToken>) -> String? {
        guard c.count == 1, let t = c.first, t.kind == .ident else { return nil }
        return t.value.lowercasedFast()
    }

    /// Length, percentage, unitless number (quirks: px), `auto` or an unevaluable function.
    static func length(_ c: ArraySlice<CSSToken>, auto: Bool = true, negative: Bool = true) -> CSSValue? {
        guard let t = c.first else { return nil }
        if t.kind == .function {
            let n = t.value.lowercasedFast()
            return ["calc", "min", "max", "clamp", "var", "-webkit-calc", "env"].contains(n) ? .unknown : nil
        }
        guard c.count == 1 else { return nil }
        switch t.kind {
        case .dimension:
            let u = t.lowercasedUnit
            guard lengthUnits.contains(u), negative || t.number >= 0 else { return nil }
            return .length(t.number, u)
        case .percentage:
            guard negative || t.number >= 0 else { return nil }
            return .percentage(t.number)
        case .number:
            guard negative || t.number >= 0 else { return nil }
            return .length(t.number, "px")
        case .ident:
            let v = t.value.lowercasedFast()
            if v == "auto" { return auto ? .keyword("auto") : nil }
            if ["max-content", "min-content", "fit-content", "-webkit-fill-available", "-moz-available", "stretch",
                "fill-available", "none"].contains(v) {
                return v == "none" ? .keyword("none") : .unknown
            }
            return nil
        default:
            return nil
        }
    }

    /// Valid colour functions this model cannot evaluate.
    static let unevaluableColorFunctions: Set<String> = ["var", "color-mix", "env", "attr", "color", "contrast-color"]

    static func color(_ c: ArraySlice<CSSToken>) -> CSSValue? {
        if let i = ident(c), i == "currentcolor" { return .currentColor }
        if let rgba = CSSColor.parse(c) { return .color(rgba) }
        if let i = ident(c), CSSColor.systemColors.contains(i) { return .unknown }
        // Valid colours this model cannot evaluate: a colour that is still set, but unknown.
        if let i = c.firstIndex(where: { $0.kind != .whitespace }), c[i].kind == .function {
            let name = c[i].value.lowercasedFast()
            if name == "light-dark" {
                // Two arguments, or the declaration is invalid.
                guard let close = c.lastIndex(where: { $0.kind == .rightParen }), close > i,
                      CSSColor.lightArgument(c[(i + 1)..<close]) != nil else { return nil }
                return .unknown
            }
            if unevaluableColorFunctions.contains(name) { return .unknown }
        }
        return nil
    }

    static func borderWidth(_ c: ArraySlice<CSSToken>) -> CSSValue? {
        if let i = ident(c) {
            switch i {
            case "thin": return .length(1, "px")
            case "medium": return .length(3, "px")
            case "thick": return .length(5, "px")
            default: return nil
            }
        }
        guard let v = length(c, auto: false, negative: false) else { return nil }
        if case .percentage = v { return nil }
        return v
    }

    static let borderStyles: Set<String> = [
        "none", "hidden", "dotted", "dashed", "solid", "double", "groove", "ridge", "inset", "outset",
    ]

    static func keyword(_ c: ArraySlice<CSSToken>, _ allowed: Set<String>?) -> CSSValue? {
        guard let i = ident(c) else { return nil }
        if let allowed, !allowed.contains(i) { return nil }
        return .keyword(i)
    }

    static func fontSize(_ c: ArraySlice<CSSToken>) -> CSSValue? {
        if let i = ident(c) {
            return FontSizes.keywords[i] != nil || i == "smaller" || i == "larger" ? .keyword(i) : nil
        }
        guard let v = length(c, auto: false, negative: false) else { return nil }
        if case .keyword = v { return nil }
        return v
    }

    static func lineHeight(_ c: ArraySlice<CSSToken>) -> CSSValue? {
        if let i = ident(c) { return i == "normal" ? .keyword("normal") : nil }
        guard let t = c.first else { return nil }
        if c.count == 1, t.kind == .number { return t.number >= 0 ? .number(t.number) : nil }
        guard let v = length(c, auto: false, negative: false) else { return nil }
        if case .keyword = v { return nil }
        return v
    }

    static func url(_ c: ArraySlice<CSSToken>) -> CSSValue? {
        guard let t = c.first else { return nil }
        if t.kind == .url { return .url(t.value) }
        if t.kind == .function {
            let n = t.value.lowercasedFast()
            if n == "url" || n == "src" {
                if let s = c.first(where: { $0.kind == .string }) { return .url(s.value) }
                return nil
            }
            if n.hasSuffix("gradient") || n == "image-set" || n == "-webkit-image-set" || n == "var" { return .unknown }
        }
        if let i = ident(c), i == "none" { return .keyword("none") }
        return nil
    }

    static func familyText(_ comps: ArraySlice<ArraySlice<CSSToken>>) -> CSSValue? {
        var s = ""
        for c in comps {
            for t in c {
                if t.kind == .comma {
                    s += ","
                } else {
                    if !s.isEmpty, !s.hasSuffix(",") { s += " " } else if s.hasSuffix(",") { s += " " }
                    s += t.cssText
                }
            }
        }
        return s.isEmpty ? nil : .text(s)
    }

    static let sides: [[StyleProperty]] = []

    static func four(_ comps: [ArraySlice<CSSToken>], _ props: [StyleProperty],
                     _ parse: (ArraySlice<CSSToken>) -> CSSValue?) -> [Longhand] {
        guard (1...4).contains(comps.count) else { return [] }
        var v: [CSSValue] = []
        for c in comps {
            guard let x = parse(c) else { return [] }
            v.append(x)
        }
        let t = v[0], r = v.count > 1 ? v[1] : v[0], b = v.count > 2 ? v[2] : v[0], l = v.count > 3 ? v[3] : r
        return [Longhand(property: props[0], value: t), Longhand(property: props[1], value: r),
                Longhand(property: props[2], value: b), Longhand(property: props[3], value: l)]
    }

    static let marginProps: [StyleProperty] = [.marginTop, .marginRight, .marginBottom, .marginLeft]
    static let paddingProps: [StyleProperty] = [.paddingTop, .paddingRight, .paddingBottom, .paddingLeft]
    static let borderWidthProps: [StyleProperty] = [.borderTopWidth, .borderRightWidth, .borderBottomWidth, .borderLeftWidth]
    static let borderStyleProps: [StyleProperty] = [.borderTopStyle, .borderRightStyle, .borderBottomStyle, .borderLeftStyle]

    /// Longhands a shorthand (or longhand) name covers, for global keywords.
    static func covered(_ p: String) -> [StyleProperty] {
        switch p {
        case "margin": return marginProps
        case "padding": return paddingProps
        case "border-width": return borderWidthProps
        case "border-style": return borderStyleProps
        case "border": return borderWidthProps + borderStyleProps
        case "border-top": return [.borderTopWidth, .borderTopStyle]
        case "border-right": return [.borderRightWidth, .borderRightStyle]
        case "border-bottom": return [.borderBottomWidth, .borderBottomStyle]
        case "border-left": return [.borderLeftWidth, .borderLeftStyle]
        case "background": return [.backgroundColor, .backgroundImage]
        case "font": return [.fontSize, .fontFamily, .fontWeight, .fontStyle, .lineHeight]
        case "list-style": return [.listStyleType, .listStyleImage]
        case "overflow": return [.overflowX, .overflowY]
        default:
            if let x = StyleProperty(cssName: p) { return [x] }
            return []
        }
    }

    /// Box-size properties (widths, heights, margins, paddings) whose placeholder values are
    /// unknown sizes rather than invalid declarations.
    /// Colour properties whose placeholder value (`color: {{text_color}}`) is an unknown colour.
    static let colorProperties: Set<String> = ["color", "background-color", "background"]

    static let layoutLengthProperties: Set<String> = [
        "width", "height", "min-width", "min-height", "max-width", "max-height",
        "margin", "margin-top", "margin-right", "margin-bottom", "margin-left",
        "padding", "padding-top", "padding-right", "padding-bottom", "padding-left",
    ]

    /// Font properties whose value decides a measurement (the distinct font sizes, large text
    /// for contrast): a placeholder value makes them unknown rather than invalid.
    static let fontMetricProperties: Set<String> = ["font", "font-size", "font-weight"]

    /// The properties whose placeholder value is unknown rather than invalid (box sizes, colours,
    /// font sizes and weights).
    static let placeholderUnknownProperties = layoutLengthProperties.union(colorProperties).union(fontMetricProperties)

    /// A logical property's longhands set to an unknown value when its physical property's
    /// placeholder value is unknown (`padding-inline-start: %%pad%%px`); nil for other properties.
    static func logicalPlaceholderLonghands(_ p: String) -> [Longhand]? {
        if let m = logicalLonghands[p], placeholderUnknownProperties.contains(m.physical) {
            let l = placeholderLonghands(m.physical)
            return m.inline ? l.map { $0.flippingInRTL() } : l
        }
        if let pair = logicalPairs[p], placeholderUnknownProperties.contains(pair.start) {
            let l = placeholderLonghands(pair.start) + placeholderLonghands(pair.end)
            return pair.inline ? l.map { $0.flippingInRTL() } : l
        }
        return nil
    }

    /// Every longhand of `p` set to an unknown value.
    static func unknownLonghands(_ p: String) -> [Longhand] {
        covered(p).map { Longhand(property: $0, value: .unknown) }
    }

    /// `font: 14px/20px {{brand_font}}`: everything but the family is written out, so the size,
    /// weight and line height are known; the family keeps the placeholder as written, for the
    /// font-family rule to judge (a family made only of placeholders is unknown; one beside a
    /// real family is an override). Nil when a placeholder stands anywhere else
    /// (`font: {{size}} Arial`).
    static func fontWithPlaceholderFamily(_ tokens: [CSSToken]) -> [Longhand]? {
        var out: [CSSToken] = []
        var depth = 0
        var text = "", start = 0
        for t in tokens {
            switch t.kind {
            case .leftBrace, .leftBracket:
                if depth == 0 { text = ""; start = t.start }
                text += t.kind == .leftBrace ? "{" : "["
                depth += 1
            case .rightBrace, .rightBracket:
                guard depth > 0 else { return nil }
                text += t.kind == .rightBrace ? "}" : "]"
                depth -= 1
                // The block as one word, spelt as written (`{{brand_font}}`).
                if depth == 0 { out.append(CSSToken(kind: .ident, start: start, end: t.end, value: text)) }
            default:
                if depth == 0 { out.append(t) } else { text += t.value }
            }
        }
        guard depth == 0 else { return nil }
        let parsed = font(components(out))
        return parsed.isEmpty ? nil : parsed
    }

    /// What a declaration whose value is a placeholder sets: its longhands, unknown. A `font`
    /// placeholder sets only the size and weight (unknown measurements); its family and line
    /// height are left to the other declarations, never reported from a placeholder.
    static func placeholderLonghands(_ p: String) -> [Longhand] {
        if p == "font" { return [Longhand(property: .fontSize, value: .unknown), Longhand(property: .fontWeight, value: .unknown)] }
        return unknownLonghands(p)
    }

    // Keyword sets of `expand`, built once.
    static let fontWeightKeywords: Set<String> = ["normal", "bold", "bolder", "lighter"]
    static let fontStyleKeywords: Set<String> = ["normal", "italic", "oblique"]
    static let textAlignKeywords: Set<String> = ["left", "right", "center", "justify", "start", "end", "-webkit-center", "-moz-center", "-webkit-left", "-webkit-right", "-moz-left", "-moz-right", "match-parent", "-webkit-match-parent", "-webkit-auto", "justify-all"]
    static let directionKeywords: Set<String> = ["ltr", "rtl"]
    static let visibilityKeywords: Set<String> = ["visible", "hidden", "collapse"]
    static let floatKeywords: Set<String> = ["left", "right", "none", "inline-start", "inline-end"]
    static let overflowKeywords: Set<String> = ["visible", "hidden", "clip", "scroll", "auto", "overlay"]
    static let borderCollapseKeywords: Set<String> = ["collapse", "separate"]
    static let boxSizingKeywords: Set<String> = ["content-box", "border-box"]
    /// Property names `expand` can turn into longhands (longhands and the shorthands it knows);
    /// anything else expands to nothing, whatever its value.
    static let expandable: Set<String> = Set(StyleProperty.names).union([
        "background", "font", "list-style", "margin", "padding", "border-width", "border-style", "border",
        "border-top", "border-right", "border-bottom", "border-left", "overflow",
    ])

    /// Logical properties (CSS Logical Properties 1) in a horizontal writing mode, as the
    /// physical property they set in left-to-right text, and whether they follow the inline
    /// direction (then the cascade mirrors them in right-to-left text).
    static let logicalLonghands: [String: (physical: String, inline: Bool)] = [
        "margin-inline-start": ("margin-left", true), "margin-inline-end": ("margin-right", true),
        "padding-inline-start": ("padding-left", true), "padding-inline-end": ("padding-right", true),
        "border-inline-start": ("border-left", true), "border-inline-end": ("border-right", true),
        "border-inline-start-width": ("border-left-width", true), "border-inline-end-width": ("border-right-width", true),
        "border-inline-start-style": ("border-left-style", true), "border-inline-end-style": ("border-right-style", true),
        "margin-block-start": ("margin-top", false), "margin-block-end": ("margin-bottom", false),
        "padding-block-start": ("padding-top", false), "padding-block-end": ("padding-bottom", false),
        "border-block-start": ("border-top", false), "border-block-end": ("border-bottom", false),
        "inline-size": ("width", false), "min-inline-size": ("min-width", false), "max-inline-size": ("max-width", false),
        "block-size": ("height", false), "min-block-size": ("min-height", false), "max-block-size": ("max-height", false),
    ]

    /// Logical two-value shorthands: `start [end]` → the physical start and end properties (in
    /// left-to-right text), and whether they follow the inline direction.
    static let logicalPairs: [String: (start: String, end: String, inline: Bool)] = [
        "margin-inline": ("margin-left", "margin-right", true), "padding-inline": ("padding-left", "padding-right", true),
        "border-inline-width": ("border-left-width", "border-right-width", true),
        "border-inline-style": ("border-left-style", "border-right-style", true),
        "margin-block": ("margin-top", "margin-bottom", false), "padding-block": ("padding-top", "padding-bottom", false),
        "border-block-width": ("border-top-width", "border-bottom-width", false),
        "border-block-style": ("border-top-style", "border-bottom-style", false),
    ]

    /// `border-inline` / `border-block`: one border value for both sides.
    static let logicalBorders: [String: (String, String, inline: Bool)] = [
        "border-inline": ("border-left", "border-right", true), "border-block": ("border-top", "border-bottom", false),
    ]

    /// A logical property's longhands, through the physical property it stands for.
    static func expandLogical(property p: String, tokens: [CSSToken]) -> [Longhand]? {
        func mark(_ l: [Longhand], _ inline: Bool) -> [Longhand] { inline ? l.map { $0.flippingInRTL() } : l }
        if let m = logicalLonghands[p] { return mark(expand(property: m.physical, tokens: tokens), m.inline) }
        if let b = logicalBorders[p] {
            let first = expand(property: b.0, tokens: tokens)
            guard !first.isEmpty else { return [] }
            return mark(first + expand(property: b.1, tokens: tokens), b.inline)
        }
        guard let pair = logicalPairs[p] else { return nil }
        let comps = components(tokens)
        // One value (also a global keyword, a `var()` or a placeholder) sets both sides.
        if comps.count != 2 || tokens.contains(where: { $0.kind == .function && $0.value.lowercasedFast() == "var" }) {
            let start = expand(property: pair.start, tokens: tokens)
            guard !start.isEmpty else { return [] }
            return mark(start + expand(property: pair.end, tokens: tokens), pair.inline)
        }
        let start = expand(property: pair.start, tokens: Array(comps[0]))
        let end = expand(property: pair.end, tokens: Array(comps[1]))
        guard !start.isEmpty, !end.isEmpty else { return [] }
        return mark(start + end, pair.inline)
    }

    /// Parses a declaration's value into longhands. Returns [] for unknown properties or invalid values.
    /// What `expand` does with a property name: one dictionary look-up instead of a string
    /// `switch` and three set look-ups per declaration.
    enum ExpandKind: Sendable {
        case display, color, webkitTextFillColor, backgroundColor, backgroundImage, background, fontSize, fontFamily, fontWeight, fontStyle, lineHeight, font, textAlign, direction, visibility, whiteSpace, letterSpacing, listStyleType, listStyleImage, listStyle, textIndent, opacity, widthGroup, maxWidthGroup, marginTopGroup, paddingTopGroup, margin, padding, borderWidth, borderStyle, borderTopWidthGroup, borderTopStyleGroup, borderGroup, float, overflowX, overflowY, overflow, borderCollapse, boxSizing, verticalAlign, borderSpacing, other
    }

    struct ExpandInfo: Sendable {
        let kind: ExpandKind
        /// A box length or font metric: a `{}`/`[]` placeholder in it is unknown, not invalid.
        let placeholderSensitive: Bool
    }

    static let expandKinds: [String: ExpandKind] = [
        "display": .display,
        "color": .color,
        "-webkit-text-fill-color": .webkitTextFillColor,
        "background-color": .backgroundColor,
        "background-image": .backgroundImage,
        "background": .background,
        "font-size": .fontSize,
        "font-family": .fontFamily,
        "font-weight": .fontWeight,
        "font-style": .fontStyle,
        "line-height": .lineHeight,
        "font": .font,
        "text-align": .textAlign,
        "direction": .direction,
        "visibility": .visibility,
        "white-space": .whiteSpace,
        "letter-spacing": .letterSpacing,
        "list-style-type": .listStyleType,
        "list-style-image": .listStyleImage,
        "list-style": .listStyle,
        "text-indent": .textIndent,
        "opacity": .opacity,
        "width": .widthGroup,
        "height": .widthGroup,
        "min-width": .widthGroup,
        "min-height": .widthGroup,
        "max-width": .maxWidthGroup,
        "max-height": .maxWidthGroup,
        "margin-top": .marginTopGroup,
        "margin-right": .marginTopGroup,
        "margin-bottom": .marginTopGroup,
        "margin-left": .marginTopGroup,
        "padding-top": .paddingTopGroup,
        "padding-right": .paddingTopGroup,
        "padding-bottom": .paddingTopGroup,
        "padding-left": .paddingTopGroup,
        "margin": .margin,
        "padding": .padding,
        "border-width": .borderWidth,
        "border-style": .borderStyle,
        "border-top-width": .borderTopWidthGroup,
        "border-right-width": .borderTopWidthGroup,
        "border-bottom-width": .borderTopWidthGroup,
        "border-left-width": .borderTopWidthGroup,
        "border-top-style": .borderTopStyleGroup,
        "border-right-style": .borderTopStyleGroup,
        "border-bottom-style": .borderTopStyleGroup,
        "border-left-style": .borderTopStyleGroup,
        "border": .borderGroup,
        "border-top": .borderGroup,
        "border-right": .borderGroup,
        "border-bottom": .borderGroup,
        "border-left": .borderGroup,
        "float": .float,
        "overflow-x": .overflowX,
        "overflow-y": .overflowY,
        "overflow": .overflow,
        "border-collapse": .borderCollapse,
        "box-sizing": .boxSizing,
        "vertical-align": .verticalAlign,
        "border-spacing": .borderSpacing,
    ]

    static let expandInfo: [String: ExpandInfo] = Dictionary(uniqueKeysWithValues: expandable.map { name in
        (name, ExpandInfo(kind: expandKinds[name] ?? .other,
                          placeholderSensitive: layoutLengthProperties.contains(name) || fontMetricProperties.contains(name)))
    })

    static func expand(property p: String, tokens: [CSSToken]) -> [Longhand] {
        // Logical properties are not among the expandable names: the properties the cascade
        // knows pay no logical look-up (only unknown and logical names do).
        guard let info = expandInfo[p] else { return expandLogical(property: p, tokens: tokens) ?? [] }
        let comps = components(tokens)
        guard !comps.isEmpty else { return [] }
        if comps.count == 1, let g = ident(comps[0]), globals.contains(g) {
            let kw = (g == "revert" || g == "revert-layer") ? "unset" : g
            return covered(p).map { Longhand(property: $0, value: .keyword(kw)) }
        }
        if tokens.contains(where: { $0.kind == .function && $0.value.lowercasedFast() == "var" }) {
            return covered(p).map { Longhand(property: $0, value: .unknown) }
        }
        // `width: {{w}}`, `padding: [[pad]]`: no valid box length holds a `{}` or `[]` block, so
        // the value is a template placeholder the tool fills in later: unknown, not invalid (an
        // invalid declaration would be dropped and leave `auto`, a size guessed from nothing).
        // Colours with a `{…}` block are left to `markPlaceholderValues` (as before).
        if info.placeholderSensitive,
           tokens.contains(where: { $0.kind == .leftBrace || $0.kind == .leftBracket }) {
            if p == "font", let known = fontWithPlaceholderFamily(tokens) { return known }
            return placeholderLonghands(p)
        }
        func one(_ prop: StyleProperty, _ parse: (ArraySlice<CSSToken>) -> CSSValue?) -> [Longhand] {
            guard comps.count == 1, let v = parse(comps[0]) else { return [] }
            return [Longhand(property: prop, value: v)]
        }
        switch info.kind {
        case .display: return one(.display) { keyword($0, nil) }
        case .color: return one(.color, color)
        case .webkitTextFillColor: return one(.webkitTextFillColor, color)
        case .backgroundColor: return one(.backgroundColor, color)
        case .backgroundImage:
            guard let v = url(comps[0]) else { return [] }
            return [Longhand(property: .backgroundImage, value: v)]
        case .background:
            var col: CSSValue = .color(.transparent)
            var img: CSSValue = .keyword("none")
            for c in comps {
                if let u = url(c) {
                    img = u
                } else if let v = color(c) {
                    col = v
                } else if c.count == 1, c.first?.kind == .comma {
                    col = .color(.transparent)  // only the last layer has a colour
                }
            }
            return [Longhand(property: .backgroundColor, value: col), Longhand(property: .backgroundImage, value: img)]
        case .fontSize: return one(.fontSize, fontSize)
        case .fontFamily: return familyText(comps[...]).map { [Longhand(property: .fontFamily, value: $0)] } ?? []
        case .fontWeight:
            guard comps.count == 1, let t = comps[0].first else { return [] }
            if t.kind == .number { return [Longhand(property: .fontWeight, value: .number(t.number))] }
            return one(.fontWeight) { keyword($0, fontWeightKeywords) }
        case .fontStyle: return one(.fontStyle) { keyword($0, fontStyleKeywords) }
        case .lineHeight: return one(.lineHeight, lineHeight)
        case .font: return font(comps)
        case .textAlign:
            return one(.textAlign) {
                keyword($0, textAlignKeywords)
            }
        case .direction: return one(.direction) { keyword($0, directionKeywords) }
        case .visibility: return one(.visibility) { keyword($0, visibilityKeywords) }
        case .whiteSpace: return one(.whiteSpace) { keyword($0, nil) }
        case .letterSpacing:
            if let i = ident(comps[0]), i == "normal", comps.count == 1 { return [Longhand(property: .letterSpacing, value: .keyword("normal"))] }
            return one(.letterSpacing) { length($0, auto: false) }
        case .listStyleType: return one(.listStyleType) { keyword($0, nil) }
        case .listStyleImage: return one(.listStyleImage, url)
        case .listStyle:
            var type: CSSValue = .keyword("disc"), img: CSSValue = .keyword("none")
            for c in comps {
                if let u = url(c) {
                    if case .keyword("none") = u { type = .keyword("none") } else { img = u }
                } else if let i = ident(c), i != "inside", i != "outside" {
                    type = .keyword(i)
                }
            }
            return [Longhand(property: .listStyleType, value: type), Longhand(property: .listStyleImage, value: img)]
        case .textIndent: return one(.textIndent) { length($0, auto: false) }
        case .opacity:
            guard comps.count == 1, let t = comps[0].first else { return [] }
            if t.kind == .number { return [Longhand(property: .opacity, value: .number(max(0, min(1, t.number))))] }
            if t.kind == .percentage { return [Longhand(property: .opacity, value: .number(max(0, min(1, t.number / 100))))] }
            return []
        case .widthGroup:
            let prop = StyleProperty(cssName: p) ?? .width
            return one(prop) {
                guard let v = length($0, auto: true, negative: false) else { return nil }
                if case .keyword("none") = v { return nil }
                return v
            }
        case .maxWidthGroup:
            let prop = StyleProperty(cssName: p) ?? .maxWidth
            return one(prop) {
                guard let v = length($0, auto: false, negative: false) else { return nil }
                return v
            }
        case .marginTopGroup:
            let prop = StyleProperty(cssName: p) ?? .marginTop
            return one(prop) { length($0, auto: true) }
        case .paddingTopGroup:
            let prop = StyleProperty(cssName: p) ?? .paddingTop
            return one(prop) { length($0, auto: false, negative: false) }
        case .margin: return four(comps, marginProps) { length($0, auto: true) }
        case .padding: return four(comps, paddingProps) { length($0, auto: false, negative: false) }
        case .borderWidth: return four(comps, borderWidthProps, borderWidth)
        case .borderStyle: return four(comps, borderStyleProps) { keyword($0, borderStyles) }
        case .borderTopWidthGroup:
            let prop = StyleProperty(cssName: p) ?? .borderTopWidth
            return one(prop, borderWidth)
        case .borderTopStyleGroup:
            let prop = StyleProperty(cssName: p) ?? .borderTopStyle
            return one(prop) { keyword($0, borderStyles) }
        case .borderGroup:
            var w: CSSValue = .length(3, "px"), s: CSSValue = .keyword("none")
            for c in comps {
                if let v = borderWidth(c) { w = v } else if let v = keyword(c, borderStyles) { s = v } else if color(c) == nil { return [] }
            }
            let cov = covered(p)
            return cov.map { Longhand(property: $0, value: borderWidthProps.contains($0) ? w : s) }
        case .float: return one(.float) { keyword($0, floatKeywords) }
        case .overflowX: return one(.overflowX) { keyword($0, overflowKeywords) }
        case .overflowY: return one(.overflowY) { keyword($0, overflowKeywords) }
        case .overflow:
            // `overflow: XY` or `overflow: X Y`.
            guard (1...2).contains(comps.count), let x = keyword(comps[0], overflowKeywords),
                  let y = keyword(comps[comps.count - 1], overflowKeywords) else { return [] }
            return [Longhand(property: .overflowX, value: x), Longhand(property: .overflowY, value: y)]
        case .borderCollapse: return one(.borderCollapse) { keyword($0, borderCollapseKeywords) }
        case .boxSizing: return one(.boxSizing) { keyword($0, boxSizingKeywords) }
        case .verticalAlign:
            return one(.verticalAlign) { c in
                if let k = keyword(c, nil) { return k }
                return length(c, auto: false)
            }
        case .borderSpacing:
            guard let v = length(comps[0], auto: false, negative: false) else { return [] }
            return [Longhand(property: .borderSpacing, value: v)]
        default:
            return []
        }
    }

    static let fontStyleWords: Set<String> = ["italic", "oblique"]
    static let fontWeightWords: Set<String> = ["bold", "bolder", "lighter"]
    static let fontOtherWords: Set<String> = [
        "normal", "small-caps", "ultra-condensed", "extra-condensed", "condensed", "semi-condensed",
        "semi-expanded", "expanded", "extra-expanded", "ultra-expanded",
    ]

    /// The system fonts `font` can name alone (`font: caption`): a family (and a size) the
    /// client chooses.
    static let systemFonts: Set<String> = ["caption", "icon", "menu", "message-box", "small-caption", "status-bar"]

    /// `font: [style || variant || weight || stretch]? size [/ line-height]? family`, or a system
    /// font keyword alone (it sets the family, and a size that is unknown here).
    static func font(_ comps: [ArraySlice<CSSToken>]) -> [Longhand] {
        if comps.count == 1, let k = ident(comps[0]), systemFonts.contains(k), let fam = familyText(comps[0...]) {
            return [Longhand(property: .fontStyle, value: .keyword("normal")), Longhand(property: .fontWeight, value: .keyword("normal")),
                    Longhand(property: .fontSize, value: .unknown), Longhand(property: .lineHeight, value: .keyword("normal")),
                    Longhand(property: .fontFamily, value: fam)]
        }
        var style: CSSValue = .keyword("normal"), weight: CSSValue = .keyword("normal")
        var i = 0
        while i < comps.count {
            if let w = ident(comps[i]) {
                if fontStyleWords.contains(w) { style = .keyword(w) } else if fontWeightWords.contains(w) { weight = .keyword(w) } else if fontOtherWords.contains(w) {
                } else {
                    break
                }
                i += 1
            } else if comps[i].count == 1, let t = comps[i].first, t.kind == .number {
                weight = .number(t.number)
                i += 1
            } else {
                break
            }
        }
        guard i < comps.count, let size = fontSize(comps[i]) else { return [] }
        i += 1
        var lh: CSSValue = .keyword("normal")
        if i < comps.count, comps[i].count == 1, comps[i].first?.isDelim("/") == true {
            guard i + 1 < comps.count, let v = lineHeight(comps[i + 1]) else { return [] }
            lh = v
            i += 2
        }
        guard i < comps.count, let fam = familyText(comps[i...]) else { return [] }
        return [Longhand(property: .fontStyle, value: style), Longhand(property: .fontWeight, value: weight),
                Longhand(property: .fontSize, value: size), Longhand(property: .lineHeight, value: lh),
                Longhand(property: .fontFamily, value: fam)]
    }
}

/// Font-size tables from RULES.md.
public enum FontSizes {
    /// Absolute-size keywords in px.
    public static let keywords: [String: Double] = [
        "xx-small": 9, "x-small": 10, "small": 13, "medium": 16, "large": 18, "x-large": 24, "xx-large": 32,
        "xxx-large": 48,
    ]
    /// `<font size=1…7>` in px.
    public static let fontElement: [Double] = [10, 13, 16, 18, 24, 32, 48]
    /// Factor of `smaller`/`larger`, `small`/`big`.
    public static let step = 1.2
    /// The initial (and root) font size.
    public static let initial = 16.0
}
