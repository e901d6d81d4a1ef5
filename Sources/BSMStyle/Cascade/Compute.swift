/// Four per-side values held inline (no array allocation per element).
struct Sides<T> {
    var v0, v1, v2, v3: T
    init(_ all: T) { (v0, v1, v2, v3) = (all, all, all, all) }
    subscript(i: Int) -> T {
        get {
            switch i {
            case 0: return v0
            case 1: return v1
            case 2: return v2
            default: return v3
            }
        }
        set {
            switch i {
            case 0: v0 = newValue
            case 1: v1 = newValue
            case 2: v2 = newValue
            default: v3 = newValue
            }
        }
    }
}

/// Turns cascaded (winning) values into computed values, inheriting from the parent.
struct StyleComputer {
    let width: Double
    /// The root element's font size, what `rem` is relative to (the initial 16 px until the root
    /// element is computed; `rem` on the root itself is relative to the initial size).
    var rootFontSize: Double = FontSizes.initial

    init(width: Double) { self.width = width }

    func lengthPx(_ n: Double, _ unit: String, fontSize: Double) -> Double? {
        switch unit {
        case "px": return n
        case "em": return n * fontSize
        case "rem": return n * rootFontSize
        case "ex", "ch": return n * fontSize / 2
        case "pt": return n * 4 / 3
        case "pc": return n * 16
        case "in": return n * 96
        case "cm": return n * 96 / 2.54
        case "mm": return n * 96 / 25.4
        case "q": return n * 96 / 101.6
        case "vw": return n * width / 100
        default: return nil
        }
    }

    func length(_ v: CSSValue, fontSize: Double) -> Length {
        switch v {
        case .length(let n, let u): return lengthPx(n, u, fontSize: fontSize).map { .px($0) } ?? .unknown
        case .percentage(let p): return .percent(p)
        case .keyword("auto"): return .auto
        case .keyword("none"): return .none
        default: return .unknown
        }
    }

    /// Copies one property's computed value.
    static func copy(_ p: StyleProperty, from s: ComputedStyle, to d: inout ComputedStyle) {
        switch p {
        case .display: d.display = s.display
        case .color:
            d.color = s.color
            d.colorKnown = s.colorKnown
        case .backgroundColor:
            d.backgroundColor = s.backgroundColor
            d.backgroundColorKnown = s.backgroundColorKnown
        case .backgroundImage:
            d.backgroundImage = s.backgroundImage
            d.hasNonURLBackgroundImage = s.hasNonURLBackgroundImage
        case .fontSize:
            d.fontSizePx = s.fontSizePx
            d.fontSizeKnown = s.fontSizeKnown
        case .fontFamily: d.fontFamily = s.fontFamily
        case .fontWeight:
            d.fontWeight = s.fontWeight
            d.fontWeightKnown = s.fontWeightKnown
        case .fontStyle: d.italic = s.italic
        case .lineHeight: d.lineHeight = s.lineHeight
        case .textAlign:
            d.textAlign = s.textAlign
            d.centersBlocks = s.centersBlocks
        case .direction: d.direction = s.direction
        case .visibility: d.visibility = s.visibility
        case .whiteSpace: d.whiteSpace = s.whiteSpace
        case .letterSpacing: d.letterSpacingPx = s.letterSpacingPx
        case .listStyleType: d.listStyleType = s.listStyleType
        case .listStyleImage: d.listStyleImage = s.listStyleImage
        case .textIndent: d.textIndent = s.textIndent
        case .opacity: d.opacity = s.opacity
        case .width: d.width = s.width
        case .minWidth: d.minWidth = s.minWidth
        case .maxWidth: d.maxWidth = s.maxWidth
        case .height: d.height = s.height
        case .minHeight: d.minHeight = s.minHeight
        case .maxHeight: d.maxHeight = s.maxHeight
        case .marginTop: d.margin.top = s.margin.top
        case .marginRight: d.margin.right = s.margin.right
        case .marginBottom: d.margin.bottom = s.margin.bottom
        case .marginLeft: d.margin.left = s.margin.left
        case .paddingTop: d.padding.top = s.padding.top
        case .paddingRight: d.padding.right = s.padding.right
        case .paddingBottom: d.padding.bottom = s.padding.bottom
        case .paddingLeft: d.padding.left = s.padding.left
        case .borderTopWidth: d.borderWidth.top = s.borderWidth.top
        case .borderRightWidth: d.borderWidth.right = s.borderWidth.right
        case .borderBottomWidth: d.borderWidth.bottom = s.borderWidth.bottom
        case .borderLeftWidth: d.borderWidth.left = s.borderWidth.left
        case .borderTopStyle, .borderRightStyle, .borderBottomStyle, .borderLeftStyle: break
        case .float: d.float = s.float
        case .overflowX: d.clipsOverflowX = s.clipsOverflowX
        case .overflowY: d.clipsOverflowY = s.clipsOverflowY
        case .boxSizing: d.borderBox = s.borderBox
        case .verticalAlign: d.verticalAlign = s.verticalAlign
        case .borderSpacing: d.borderSpacingPx = s.borderSpacingPx
        case .webkitTextFillColor: d.webkitTextFillColor = s.webkitTextFillColor
        case .borderCollapse: d.borderCollapse = s.borderCollapse
        }
    }

    /// `copy(p, from: s, to: &d)` for every inherited property `p` (`inheritedProperties`), field
    /// by field in one go instead of one `switch` per property (a test checks the two agree).
    static func copyInherited(from s: ComputedStyle, to d: inout ComputedStyle) {
        d.color = s.color
        d.colorKnown = s.colorKnown
        d.fontSizePx = s.fontSizePx
        d.fontSizeKnown = s.fontSizeKnown
        d.fontFamily = s.fontFamily
        d.fontWeight = s.fontWeight
        d.fontWeightKnown = s.fontWeightKnown
        d.italic = s.italic
        d.lineHeight = s.lineHeight
        d.textAlign = s.textAlign
        d.centersBlocks = s.centersBlocks
        d.direction = s.direction
        d.visibility = s.visibility
        d.whiteSpace = s.whiteSpace
        d.letterSpacingPx = s.letterSpacingPx
        d.listStyleType = s.listStyleType
        d.listStyleImage = s.listStyleImage
        d.textIndent = s.textIndent
        d.borderSpacingPx = s.borderSpacingPx
        d.webkitTextFillColor = s.webkitTextFillColor
        d.borderCollapse = s.borderCollapse
    }

    static let order: [StyleProperty] = {
        var order: [StyleProperty] = [.fontSize, .direction, .color]
        for p in StyleProperty.allCases where p != .fontSize && p != .direction && p != .color { order.append(p) }
        return order
    }()
    static let inheritedProperties = StyleProperty.allCases.filter(\.isInherited)
    /// Sorts raw property values into `order` (insertion sort: the list is short), in place.
    static func sortByOrder(_ props: inout [Int]) {
        guard props.count > 1 else { return }
        let rank = StyleComputer.rank
        for i in 1..<props.count {
            let x = props[i]
            var j = i - 1
            while j >= 0, rank[props[j]] > rank[x] {
                props[j + 1] = props[j]
                j -= 1
            }
            props[j + 1] = x
        }
    }

    /// Each property's place in `order`, by raw value.
    static let rank: [Int] = {
        var r = [Int](repeating: 0, count: StyleProperty.count)
        for (i, p) in order.enumerated() { r[p.rawValue] = i }
        return r
    }()
    /// The properties by raw value.
    static let properties: [StyleProperty] = {
        var out = [StyleProperty](repeating: .display, count: StyleProperty.count)
        for p in StyleProperty.allCases { out[p.rawValue] = p }
        return out
    }()

    /// Computes an element's style. `winners[p]` is the cascaded value (nil: none); `origins[p]`
    /// holds the winner's origin on entry and the computed value's origin on return.
    mutating func compute(parent: ComputedStyle, parentID: Int, parentOrigins: [OriginRef],
                          winners: [CSSValue?], touched: [Int], origins: inout [OriginRef]) -> ComputedStyle {
        // `touched`: the properties with a winner, in `order` (`sortByOrder`).
        var s = ComputedStyle.initial
        func inheritedOrigin(_ p: Int) -> OriginRef {
            guard parentID >= 0 else { return .initial }
            var o = parentOrigins[p]
            if o.kind != .initial, o.from < 0 { o.from = Int32(parentID) }
            return o
        }
        // Border styles are not stored; track them locally to compute used border widths.
        // Per side: its border style is `none` or `hidden` (no border drawn); initially `none`.
        var borderNone = Sides<Bool>(true)
        var borderSpec = Sides<Double>(3)
        var borderFromParent = Sides<Bool>(false)

        // Defaults: inherit inherited properties, initial for the rest.
        StyleComputer.copyInherited(from: parent, to: &s)
        for prop in StyleComputer.inheritedProperties where winners[prop.rawValue] == nil {
            origins[prop.rawValue] = inheritedOrigin(prop.rawValue)
        }

        // Order matters: font-size, then direction and color, then the rest. Only the
        // properties with a winner (`touched`, a few of the ~60, sorted by `sortByOrder`) are
        // visited, in that order.
        var rootSizeSet = parentID >= 0
        for pi in touched {
            let prop = StyleComputer.properties[pi]
            // The root element's own size is known once its font-size is: `rem` means it from
            // here on (in the root's other properties too), the initial size before.
            if !rootSizeSet, prop != .fontSize {
                rootFontSize = s.fontSizeKnown ? s.fontSizePx : FontSizes.initial
                rootSizeSet = true
            }
            guard let v = winners[pi] else { continue }
            if case .keyword(let k) = v, k == "inherit" || k == "initial" || k == "unset" {
                let inherit = k == "inherit" || (k == "unset" && prop.isInherited)
                if inherit {
                    StyleComputer.copy(prop, from: parent, to: &s)
                    origins[pi] = inheritedOrigin(pi)
                    if let side = StyleComputer.borderSide(prop) { borderFromParent[side] = true }
                } else {
                    StyleComputer.copy(prop, from: .initial, to: &s)
                    if prop == .borderTopStyle || prop == .borderRightStyle || prop == .borderBottomStyle || prop == .borderLeftStyle {
                        borderNone[StyleComputer.borderSide(prop) ?? 0] = true
                    }
                }
                continue
            }
            apply(prop, v, &s, parent, &borderNone, &borderSpec)
        }
        if !rootSizeSet { rootFontSize = s.fontSizeKnown ? s.fontSizePx : FontSizes.initial }
        for side in 0..<4 {
            if borderFromParent[side] { continue }
            let w = borderNone[side] ? 0 : borderSpec[side]
            switch side {
            case 0: s.borderWidth.top = w
            case 1: s.borderWidth.right = w
            case 2: s.borderWidth.bottom = w
            default: s.borderWidth.left = w
            }
        }
        return s
    }

    static func borderSide(_ p: StyleProperty) -> Int? {
        switch p {
        case .borderTopWidth, .borderTopStyle: return 0
        case .borderRightWidth, .borderRightStyle: return 1
        case .borderBottomWidth, .borderBottomStyle: return 2
        case .borderLeftWidth, .borderLeftStyle: return 3
        default: return nil
        }
    }

    func apply(_ prop: StyleProperty, _ v: CSSValue, _ s: inout ComputedStyle, _ parent: ComputedStyle,
               _ borderNone: inout Sides<Bool>, _ borderSpec: inout Sides<Double>) {
        let fs = s.fontSizePx
        switch prop {
        case .display:
            if case .keyword(let k) = v, let d = Display.from(k) { s.display = d }
        case .color:
            switch v {
            case .color(let c):
                s.color = c
                s.colorKnown = true
            case .currentColor:
                s.color = parent.color
                s.colorKnown = parent.colorKnown
            case .unknown: s.colorKnown = false
            default: break
            }
        case .webkitTextFillColor:
            switch v {
            case .color(let c): s.webkitTextFillColor = c
            case .currentColor: s.webkitTextFillColor = nil
            default: break
            }
        case .backgroundColor:
            switch v {
            case .color(let c):
                s.backgroundColor = c
                s.backgroundColorKnown = true
            case .currentColor:
                s.backgroundColor = s.color
                s.backgroundColorKnown = s.colorKnown
            case .unknown: s.backgroundColorKnown = false
            default: break
            }
        case .backgroundImage:
            switch v {
            case .url(let u):
                s.backgroundImage = u.isEmpty ? nil : u
            case .unknown:
                s.backgroundImage = nil
                s.hasNonURLBackgroundImage = true
            default:
                s.backgroundImage = nil
            }
        case .fontSize:
            let pf = parent.fontSizePx
            switch v {
            case .keyword(let k):
                if let px = FontSizes.keywords[k] {
                    s.fontSizePx = px
                } else if k == "smaller" {
                    s.fontSizePx = pf / FontSizes.step
                } else if k == "larger" {
                    s.fontSizePx = pf * FontSizes.step
                }
                s.fontSizeKnown = parent.fontSizeKnown || FontSizes.keywords[k] != nil
            case .length(let n, let u):
                if let px = lengthPx(n, u, fontSize: pf) {
                    s.fontSizePx = px
                    s.fontSizeKnown = (u == "em" || u == "ex" || u == "ch") ? parent.fontSizeKnown : true
                } else {
                    s.fontSizeKnown = false
                }
            case .percentage(let p):
                s.fontSizePx = pf * p / 100
                s.fontSizeKnown = parent.fontSizeKnown
            default:
                s.fontSizeKnown = false
            }
        case .fontFamily:
            if case .text(let t) = v { s.fontFamily = t }
        case .fontWeight:
            s.fontWeightKnown = true
            switch v {
            case .number(let n): s.fontWeight = CSSToken.clampInt(n, limit: 1000)
            case .keyword("normal"): s.fontWeight = 400
            case .keyword("bold"): s.fontWeight = 700
            case .keyword("bolder"):
                let w = parent.fontWeight
                s.fontWeight = w < 350 ? 400 : (w < 550 ? 700 : 900)
            case .keyword("lighter"):
                let w = parent.fontWeight
                s.fontWeight = w < 550 ? 100 : (w < 750 ? 400 : 700)
            case .unknown: s.fontWeightKnown = false
            default: break
            }
            if case .keyword(let k) = v, k == "bolder" || k == "lighter" { s.fontWeightKnown = parent.fontWeightKnown }
        case .fontStyle:
            if case .keyword(let k) = v { s.italic = k == "italic" || k == "oblique" }
        case .lineHeight:
            switch v {
            case .keyword("normal"): s.lineHeight = .normal
            case .number(let n): s.lineHeight = .factor(n)
            case .length(let n, let u): s.lineHeight = lengthPx(n, u, fontSize: fs).map { .px($0) } ?? .unknown
            case .percentage(let p): s.lineHeight = .px(fs * p / 100)
            default: s.lineHeight = .unknown
            }
        case .textAlign:
            guard case .keyword(let k) = v else { return }
            s.centersBlocks = false
            switch k {
            case "left", "-webkit-left", "-moz-left": s.textAlign = .left
            case "right", "-webkit-right", "-moz-right": s.textAlign = .right
            case "center": s.textAlign = .center
            case "-webkit-center", "-moz-center":
                s.textAlign = .center
                s.centersBlocks = true
            case "justify", "justify-all": s.textAlign = .justify
            case "end": s.textAlign = .end
            case "match-parent", "-webkit-match-parent":
                s.textAlign = parent.physicalTextAlign
                s.centersBlocks = parent.centersBlocks
            default: s.textAlign = .start
            }
        case .direction:
            if case .keyword(let k) = v { s.direction = k == "rtl" ? .rtl : .ltr }
        case .visibility:
            if case .keyword(let k) = v { s.visibility = Visibility(rawValue: k) ?? .visible }
        case .whiteSpace:
            if case .keyword(let k) = v { s.whiteSpace = k }
        case .letterSpacing:
            switch v {
            case .keyword("normal"): s.letterSpacingPx = nil
            case .length(let n, let u): s.letterSpacingPx = lengthPx(n, u, fontSize: fs)
            default: break
            }
        case .listStyleType:
            if case .keyword(let k) = v { s.listStyleType = k }
        case .listStyleImage:
            if case .url(let u) = v { s.listStyleImage = u } else { s.listStyleImage = nil }
        case .textIndent: s.textIndent = length(v, fontSize: fs)
        case .opacity:
            if case .number(let n) = v { s.opacity = n }
        case .width: s.width = length(v, fontSize: fs)
        case .minWidth: s.minWidth = length(v, fontSize: fs)
        case .maxWidth: s.maxWidth = length(v, fontSize: fs)
        case .height: s.height = length(v, fontSize: fs)
        case .minHeight: s.minHeight = length(v, fontSize: fs)
        case .maxHeight: s.maxHeight = length(v, fontSize: fs)
        case .marginTop: s.margin.top = length(v, fontSize: fs)
        case .marginRight: s.margin.right = length(v, fontSize: fs)
        case .marginBottom: s.margin.bottom = length(v, fontSize: fs)
        case .marginLeft: s.margin.left = length(v, fontSize: fs)
        case .paddingTop: s.padding.top = length(v, fontSize: fs)
        case .paddingRight: s.padding.right = length(v, fontSize: fs)
        case .paddingBottom: s.padding.bottom = length(v, fontSize: fs)
        case .paddingLeft: s.padding.left = length(v, fontSize: fs)
        case .borderTopWidth, .borderRightWidth, .borderBottomWidth, .borderLeftWidth:
            if case .length(let n, let u) = v, let px = lengthPx(n, u, fontSize: fs), let side = StyleComputer.borderSide(prop) {
                borderSpec[side] = px
            }
        case .borderTopStyle, .borderRightStyle, .borderBottomStyle, .borderLeftStyle:
            if case .keyword(let k) = v, let side = StyleComputer.borderSide(prop) { borderNone[side] = k == "none" || k == "hidden" }
        case .float:
            if case .keyword(let k) = v {
                switch k {
                case "left", "inline-start": s.float = .left
                case "right", "inline-end": s.float = .right
                default: s.float = .none
                }
            }
        case .overflowX:
            if case .keyword(let k) = v { s.clipsOverflowX = k != "visible" }
        case .overflowY:
            if case .keyword(let k) = v { s.clipsOverflowY = k != "visible" }
        case .boxSizing:
            if case .keyword(let k) = v { s.borderBox = k == "border-box" }
        case .verticalAlign:
            switch v {
            case .keyword(let k): s.verticalAlign = k
            default: s.verticalAlign = "length"
            }
        case .borderSpacing:
            if case .length(let n, let u) = v, let px = lengthPx(n, u, fontSize: fs) { s.borderSpacingPx = px }
        case .borderCollapse:
            if case .keyword(let k) = v { s.borderCollapse = k == "collapse" }
        }
    }
}
