import BSMDocument

/// A presentational attribute mapped into the cascade (HTML "presentational hints").
struct Hint: Sendable {
    /// Attribute name (`align`, `width`, `cellpadding`, …).
    var attribute: String
    /// Element carrying the attribute (may be an ancestor table for `cellpadding`/`border`, or
    /// `body` for `link`).
    var element: NodeID
    var range: SourceRange
    var longhands: [Longhand]
}

enum PresentationalHints {
    static let textAlignElements: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "caption", "thead", "tbody", "tfoot",
        "center", "legend",
    ]
    /// Elements whose `align=center` also centres child blocks (`text-align: -webkit-center`).
    static let blockCentering: Set<String> = ["div", "td", "th", "tr", "thead", "tbody", "tfoot", "caption", "center"]
    static let dimensionElements: Set<String> = [
        "table", "td", "th", "col", "colgroup", "img", "hr", "iframe", "embed", "object", "video", "canvas",
        "input", "applet", "svg", "marquee",
    ]
    static let nonZeroDimension: Set<String> = ["table", "td", "th", "col", "colgroup"]
    static let bgcolorElements: Set<String> = ["body", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "marquee"]
    static let backgroundElements: Set<String> = ["body", "table", "tr", "td", "th", "thead", "tbody", "tfoot"]
    /// Attribute names `hints(for:)` maps (the cases of its switch).
    static let hintAttributes: Set<String> = [
        "align", "width", "height", "bgcolor", "background", "text", "color", "face", "size", "hspace", "vspace",
        "valign", "nowrap", "cellspacing", "border", "dir",
        "leftmargin", "rightmargin", "topmargin", "bottommargin", "marginwidth", "marginheight",
    ]
    static let floatElements: Set<String> = ["img", "object", "embed", "iframe", "input", "applet"]

    /// Parses an HTML dimension value: `600`, `600px`, ` 50% ` → px or percentage.
    static func dimension(_ raw: String, nonZero: Bool) -> CSSValue? {
        // Leading ASCII digits with at most one dot, read on bytes (every table cell's `width`
        // comes here), then `%` or not.
        let t = raw.trimmingASCIISpaces()
        let u = t.utf8
        var end = u.startIndex
        var sawDot = false
        while end < u.endIndex {
            let c = u[end]
            if c >= 0x30 && c <= 0x39 {
            } else if c == 0x2E && !sawDot {
                sawDot = true
            } else {
                break
            }
            end = u.index(after: end)
        }
        guard let v = Double(t[..<end]) else { return nil }
        if nonZero && v == 0 { return nil }
        if end < u.endIndex, u[end] == 0x25 { return .percentage(v) }
        return .length(v, "px")
    }

    /// An SVG `width`/`height` attribute with a unit, as the CSS property would read it; nil for
    /// a bare number (user units: the HTML dimension reading gives the same px) or a value CSS
    /// rejects.
    static func svgLength(_ attribute: String, _ raw: String) -> [Longhand]? {
        let v = raw.trimmingASCIISpaces()
        guard let last = v.utf8.last, !(last >= 0x30 && last <= 0x39), last != 0x2E,
              v.utf8.allSatisfy({ $0 != 0x3B && $0 != 0x7B && $0 != 0x7D && $0 != 0x21 }) else { return nil }
        let longhands = Stylesheet.parseDeclarations("\(attribute): \(v)").first?.longhands ?? []
        return longhands.isEmpty ? nil : longhands
    }

    static func integer(_ raw: String) -> Double? {
        // ASCII: the same on bytes. Leading whitespace is skipped (CR LF is one Character, not
        // trimmed, and not a digit), then the leading digits are read; trailing trimming cannot
        // change the leading digits.
        var r = raw
        let fast: Double?? = r.withUTF8 { b in
            guard b.allSatisfy({ $0 < 0x80 }) else { return .none }
            var i = 0
            while i < b.count {
                let c = b[i]
                if c == 0x0D, i + 1 < b.count, b[i + 1] == 0x0A { break }
                guard c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C else { break }
                i += 1
            }
            let start = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            if i == start { return .some(nil) }
            return .some(Double(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)))
        }
        if let fast { return fast }
        let s = raw.trimmingASCIISpaces()
        var digits = ""
        for c in s {
            if c.isASCII && c.isNumber { digits.append(c) } else { break }
        }
        return Double(digits)
    }

    static func lh(_ p: StyleProperty, _ v: CSSValue) -> Longhand { Longhand(property: p, value: v) }

    /// Hints applying to element `e`.
    /// True when an attribute value is not a plain HTML length (`600`, ` 50% `, `600px`) and
    /// holds a placeholder: the size it sets is unknown.
    static func isPlaceholderSize(_ v: String, _ containsPlaceholder: ((String) -> Bool)?) -> Bool {
        guard let containsPlaceholder else { return false }
        let plain = v.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || b == 0x2E || b == 0x25 || b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
                || b == 0x0C || b == 0x70 || b == 0x78 || b == 0x50 || b == 0x58
        }
        return !plain && containsPlaceholder(v)
    }

    /// HTML's `dir=auto`: `rtl` when the first letter of the element's text (descendants with
    /// their own `dir`, `script` and `style` skipped) is a right-to-left letter (Hebrew, Arabic,
    /// Syriac, Thaana, N'Ko and the other right-to-left blocks), else `ltr`.
    static func autoDirection(_ e: NodeID, _ doc: Document) -> String {
        var stack = Array(doc.nodes[e].children.reversed())
        while let n = stack.popLast() {
            switch doc.nodes[n].kind {
            case .text:
                for u in doc.nodes[n].text.unicodeScalars where u.properties.isAlphabetic {
                    return isRightToLeft(u) ? "rtl" : "ltr"
                }
            case .element:
                let name = doc.nodes[n].name
                if name == "script" || name == "style" || doc.nodes[n].hasAttribute("dir") { continue }
                stack.append(contentsOf: doc.nodes[n].children.reversed())
            default:
                continue
            }
        }
        return "ltr"
    }

    /// Letters of the right-to-left scripts (bidi classes R and AL).
    static func isRightToLeft(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF: return true
        default: return false
        }
    }

    /// A colour attribute: unknown when it holds a placeholder (`bgcolor="{{bg}}"`,
    /// `%%text_color%%`: HTML would read any text as some colour); else its colour as HTML
    /// reads it; nil when it is empty or `transparent` (the attribute is ignored).
    static func colorValue(_ v: String, _ containsPlaceholder: ((String) -> Bool)?) -> CSSValue? {
        if containsPlaceholder?(v) == true { return .unknown }
        return CSSColor.parseLegacy(v).map { .color($0) }
    }

    /// True when every comma-separated part of a list holds a placeholder (`{{font}}`,
    /// `%%font%%, [[fallback]]`): nothing in it is known.
    static func isPlaceholderOnlyList(_ v: String, _ containsPlaceholder: ((String) -> Bool)?) -> Bool {
        guard let containsPlaceholder else { return false }
        let parts = v.split(separator: ",").map { String($0).trimmingASCIISpaces() }.filter { !$0.isEmpty }
        return !parts.isEmpty && parts.allSatisfy(containsPlaceholder)
    }

    /// `<body link>` as the hint every `<a href>` gets (read once per document), or nil.
    static func bodyLinkHint(_ doc: Document, body: NodeID?, containsPlaceholder: ((String) -> Bool)?) -> Hint? {
        // A placeholder colour (`link="{{link_color}}"`) is unknown, as for `text=`.
        guard let b = body, let a = doc.nodes[b].attributeNode("link"), let c = colorValue(a.value, containsPlaceholder) else { return nil }
        return Hint(attribute: "link", element: b, range: a.range, longhands: [lh(.color, c)])
    }

    /// `bodyLink`: `bodyLinkHint` of the document.
    static func hints(for e: NodeID, in doc: Document, bodyLink: Hint?, closestTable: NodeID?,
                      containsPlaceholder: ((String) -> Bool)? = nil) -> [Hint] {
        let name = doc.nodes[e].name
        var out: [Hint] = []
        func add(_ a: Attribute, _ lhs: [Longhand], element: NodeID? = nil) {
            guard !lhs.isEmpty else { return }
            out.append(Hint(attribute: a.name, element: element ?? e, range: a.range, longhands: lhs))
        }
        for a in doc.nodes[e].attributes {
            // Most attributes (class, style, href, src, …) map to nothing: one lookup, not a
            // string comparison per case below.
            guard hintAttributes.contains(a.name) else { continue }
            let v = a.value
            switch a.name {
            case "align":
                let k = v.trimmingASCIISpaces().lowercasedFast()
                if name == "table" {
                    switch k {
                    case "center", "middle": add(a, [lh(.marginLeft, .keyword("auto")), lh(.marginRight, .keyword("auto"))])
                    case "left": add(a, [lh(.float, .keyword("left"))])
                    case "right": add(a, [lh(.float, .keyword("right"))])
                    default: break
                    }
                } else if textAlignElements.contains(name) {
                    switch k {
                    case "left", "right", "justify": add(a, [lh(.textAlign, .keyword(k))])
                    case "center", "middle":
                        add(a, [lh(.textAlign, .keyword(blockCentering.contains(name) ? "-webkit-center" : "center"))])
                    default: break
                    }
                } else if floatElements.contains(name) {
                    if k == "left" || k == "right" { add(a, [lh(.float, .keyword(k))]) }
                } else if name == "hr" {
                    switch k {
                    case "left": add(a, [lh(.marginLeft, .length(0, "px")), lh(.marginRight, .keyword("auto"))])
                    case "right": add(a, [lh(.marginLeft, .keyword("auto")), lh(.marginRight, .length(0, "px"))])
                    case "center": add(a, [lh(.marginLeft, .keyword("auto")), lh(.marginRight, .keyword("auto"))])
                    default: break
                    }
                }
            case "width", "height":
                guard dimensionElements.contains(name) else { continue }
                if name == "input", doc.nodes[e].attribute("type")?.lowercasedFast() != "image" { continue }
                if isPlaceholderSize(v, containsPlaceholder) {
                    add(a, [lh(a.name == "width" ? .width : .height, .unknown)])
                    continue
                }
                // SVG's `width`/`height` are CSS lengths (`31em`, `10cm`), not HTML dimensions
                // (which read `31em` as 31 px); a bare number is user units, i.e. px.
                if name == "svg", let css = svgLength(a.name, v) {
                    add(a, css)
                    continue
                }
                guard let d = dimension(v, nonZero: nonZeroDimension.contains(name)) else { continue }
                add(a, [lh(a.name == "width" ? .width : .height, d)])
            case "bgcolor":
                guard bgcolorElements.contains(name), let c = colorValue(v, containsPlaceholder) else { continue }
                add(a, [lh(.backgroundColor, c)])
            case "background":
                guard backgroundElements.contains(name) else { continue }
                let u = v.trimmingASCIISpaces()
                if !u.isEmpty { add(a, [lh(.backgroundImage, .url(u))]) }
            case "text":
                if name == "body", let c = colorValue(v, containsPlaceholder) { add(a, [lh(.color, c)]) }
            case "color":
                if name == "font" || name == "basefont", let c = colorValue(v, containsPlaceholder) { add(a, [lh(.color, c)]) }
            case "face":
                // A face made only of placeholders (`face="{{brand_font}}"`) is unknown, not an
                // override (RULES.md: an attribute made only of a placeholder is never flagged).
                if name == "font", !v.trimmingASCIISpaces().isEmpty, !isPlaceholderOnlyList(v, containsPlaceholder) {
                    add(a, [lh(.fontFamily, .text(v.trimmingASCIISpaces()))])
                }
            case "size":
                if name == "font" || name == "basefont" {
                    let s = v.trimmingASCIISpaces()
                    var n: Int?
                    if s.hasPrefix("+"), let x = integer(String(s.dropFirst())) { n = 3 + CSSToken.clampInt(x, limit: 100) } else if s.hasPrefix("-"), let x = integer(String(s.dropFirst())) { n = 3 - CSSToken.clampInt(x, limit: 100) } else if let x = integer(s) { n = CSSToken.clampInt(x, limit: 100) }
                    if let n {
                        let k = max(1, min(7, n))
                        add(a, [lh(.fontSize, .length(FontSizes.fontElement[k - 1], "px"))])
                    } else if containsPlaceholder?(s) == true {
                        add(a, [lh(.fontSize, .unknown)])  // `<font size="{{s}}">`: a size, unknown
                    }
                }
            case "hspace":
                if floatElements.contains(name), isPlaceholderSize(v, containsPlaceholder) {
                    add(a, [lh(.marginLeft, .unknown), lh(.marginRight, .unknown)])
                } else if floatElements.contains(name), let x = integer(v) {
                    add(a, [lh(.marginLeft, .length(x, "px")), lh(.marginRight, .length(x, "px"))])
                }
            case "leftmargin", "rightmargin", "topmargin", "bottommargin", "marginwidth", "marginheight":
                // HTML's rendering section ("The page"): `<body marginwidth>` sets the left and
                // right margins, `marginheight` the top and bottom ones; where it is absent (or
                // not a number), `leftmargin`, `rightmargin`, `topmargin`, `bottommargin` set theirs.
                guard name == "body", let x = integer(v), x >= 0 else { continue }
                let px = CSSValue.length(x, "px")
                let wins = { (n: String) in doc.nodes[e].attribute(n).flatMap(integer) != nil }
                switch a.name {
                case "marginwidth": add(a, [lh(.marginLeft, px), lh(.marginRight, px)])
                case "marginheight": add(a, [lh(.marginTop, px), lh(.marginBottom, px)])
                case "leftmargin": if !wins("marginwidth") { add(a, [lh(.marginLeft, px)]) }
                case "rightmargin": if !wins("marginwidth") { add(a, [lh(.marginRight, px)]) }
                case "topmargin": if !wins("marginheight") { add(a, [lh(.marginTop, px)]) }
                default: if !wins("marginheight") { add(a, [lh(.marginBottom, px)]) }
                }
            case "vspace":
                if floatElements.contains(name), let x = integer(v) {
                    add(a, [lh(.marginTop, .length(x, "px")), lh(.marginBottom, .length(x, "px"))])
                }
            case "valign":
                if ["td", "th", "tr", "thead", "tbody", "tfoot", "col", "colgroup"].contains(name) {
                    let k = v.trimmingASCIISpaces().lowercasedFast()
                    if ["top", "middle", "bottom", "baseline"].contains(k) { add(a, [lh(.verticalAlign, .keyword(k))]) }
                }
            case "nowrap":
                if name == "td" || name == "th" { add(a, [lh(.whiteSpace, .keyword("nowrap"))]) }
            case "cellspacing":
                if name == "table", let x = integer(v) { add(a, [lh(.borderSpacing, .length(x, "px"))]) }
            case "border":
                if name == "table", let x = integer(v) ?? (v.isEmpty ? 1 : nil) {
                    let w = CSSValue.length(x, "px"), s = CSSValue.keyword(x > 0 ? "outset" : "none")
                    add(a, Longhands.borderWidthProps.map { lh($0, w) } + Longhands.borderStyleProps.map { lh($0, s) })
                } else if name == "img" || name == "object", let x = integer(v) {
                    let w = CSSValue.length(x, "px"), s = CSSValue.keyword(x > 0 ? "solid" : "none")
                    add(a, Longhands.borderWidthProps.map { lh($0, w) } + Longhands.borderStyleProps.map { lh($0, s) })
                }
            case "dir":
                let k = v.trimmingASCIISpaces().lowercasedFast()
                if k == "ltr" || k == "rtl" { add(a, [lh(.direction, .keyword(k))]) }
                // `dir=auto`: the direction of the first strong character of the element's text.
                if k == "auto" { add(a, [lh(.direction, .keyword(autoDirection(e, doc)))]) }
            default:
                continue
            }
        }
        // Attributes of an ancestor mapped onto this element.
        if (name == "td" || name == "th"), let t = closestTable {
            if let a = doc.attributeNode(of: t, "cellpadding"), isPlaceholderSize(a.value, containsPlaceholder) {
                out.append(Hint(attribute: "cellpadding", element: t, range: a.range,
                                longhands: Longhands.paddingProps.map { lh($0, .unknown) }))
            } else if let a = doc.attributeNode(of: t, "cellpadding"), let x = integer(a.value) {
                let p = CSSValue.length(x, "px")
                out.append(Hint(attribute: "cellpadding", element: t, range: a.range,
                                longhands: Longhands.paddingProps.map { lh($0, p) }))
            }
            if let a = doc.attributeNode(of: t, "border"), let x = integer(a.value) ?? (a.value.isEmpty ? 1 : nil), x > 0 {
                out.append(Hint(attribute: "border", element: t, range: a.range,
                                longhands: Longhands.borderWidthProps.map { lh($0, .length(1, "px")) }
                                    + Longhands.borderStyleProps.map { lh($0, .keyword("inset")) }))
            }
        }
        if name == "a", let link = bodyLink, doc.nodes[e].hasAttribute("href") { out.append(link) }
        return out
    }
}
