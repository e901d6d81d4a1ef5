import Foundation

/// An sRGB colour with alpha; components 0…255, alpha 0…1.
public struct RGBA: Sendable, Hashable, CustomStringConvertible {
    public var r: Double
    public var g: Double
    public var b: Double
    public var a: Double

    public init(_ r: Double, _ g: Double, _ b: Double, _ a: Double = 1) {
        self.r = r
        self.g = g
        self.b = b
        self.a = a
    }

    public static let black = RGBA(0, 0, 0)
    public static let white = RGBA(255, 255, 255)
    public static let transparent = RGBA(0, 0, 0, 0)

    public var isOpaque: Bool { a >= 1 }
    public var isTransparent: Bool { a <= 0 }

    /// `self` painted over an opaque `background`.
    public func over(_ background: RGBA) -> RGBA {
        if a >= 1 { return self }
        return RGBA(r * a + background.r * (1 - a), g * a + background.g * (1 - a), b * a + background.b * (1 - a),
                    1)
    }

    /// WCAG relative luminance.
    public var relativeLuminance: Double {
        func ch(_ v: Double) -> Double {
            let c = v / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)
    }

    public var description: String {
        func h(_ v: Double) -> String {
            let i = Int(max(0, min(255, v.rounded())))
            let s = String(i, radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return a >= 1 ? "#\(h(r))\(h(g))\(h(b))" : "rgba(\(Int(r.rounded())),\(Int(g.rounded())),\(Int(b.rounded())),\(a))"
    }
}

/// CSS colour parsing (CSS Color 4 syntaxes used in email).
public enum CSSColor {
    /// Parses a colour from a single component value's tokens (whitespace tokens allowed around).
    /// `currentcolor` is not handled here.
    public static func parse(_ tokens: ArraySlice<CSSToken>) -> RGBA? {
        var t = tokens.filter { $0.kind != .whitespace && $0.kind != .comment }[...]
        // `light-dark(light, dark)`: the measuring model renders the light scheme. Unwrapped in a
        // loop over one array (nesting is bounded by nothing in CSS, so no recursion).
        var levels = 0
        while let f = t.first, f.kind == .function, f.value.lowercasedFast() == "light-dark",
              let last = t.last, last.kind == .rightParen, t.count >= 2 {
            // Each level scans its arguments: a depth no sheet writes is not evaluated.
            levels += 1
            guard levels <= 16, let light = lightArgument(t.dropFirst().dropLast()) else { return nil }
            t = light
        }
        guard let first = t.first else { return nil }
        switch first.kind {
        case .ident:
            guard t.count == 1 else { return nil }
            let name = first.value.lowercasedFast()
            return named(name) ?? lightSchemeSystemColor(name)
        case .hash:
            guard t.count == 1 else { return nil }
            return hex(first.value)
        case .function:
            guard let last = t.last, last.kind == .rightParen else { return nil }
            t = t.dropFirst().dropLast()
            return function(first.value.lowercasedFast(), Array(t))
        default:
            return nil
        }
    }

    /// The first of two comma-separated arguments (`light-dark(#333, #eee)` → `#333`); nil unless
    /// there are exactly two.
    static func lightArgument(_ t: ArraySlice<CSSToken>) -> ArraySlice<CSSToken>? {
        var depth = 0
        var comma: Int?
        for i in t.indices {
            switch t[i].kind {
            case .function, .leftParen, .leftBracket, .leftBrace: depth += 1
            case .rightParen, .rightBracket, .rightBrace: depth -= 1
            case .comma where depth == 0:
                guard comma == nil else { return nil }
                comma = i
            default: break
            }
        }
        guard let c = comma else { return nil }
        return t[t.startIndex..<c]
    }

    /// `Canvas` and `CanvasText` in the light scheme: the message's white and black.
    static func lightSchemeSystemColor(_ name: String) -> RGBA? {
        switch name {
        case "canvas": return RGBA(255, 255, 255)
        case "canvastext": return RGBA(0, 0, 0)
        default: return nil
        }
    }

    /// CSS system colours (CSS Color 4): `Canvas` and `CanvasText` are the message's white and
    /// black in the light scheme; the others depend on the client and are unknown.
    public static let systemColors: Set<String> = [
        "accentcolor", "accentcolortext", "activetext", "buttonborder", "buttonface", "buttontext", "canvas",
        "canvastext", "field", "fieldtext", "graytext", "highlight", "highlighttext", "linktext", "mark",
        "marktext", "selecteditem", "selecteditemtext", "visitedtext",
    ]

    /// Parses colour text (`"#fff"`, `"rgb(0 0 0 / 50%)"`, `"red"`).
    public static func parse(_ text: String) -> RGBA? {
        let toks = CSSTokenizer.tokenize(text)
        if text.lowercasedFast() == "transparent" { return .transparent }
        return parse(toks[...])
    }

    /// HTML legacy colour attribute parsing (`bgcolor="ffffff"`, `color="#f00"`, `red`).
    public static func parseLegacy(_ raw: String) -> RGBA? {
        // HTML's "rules for parsing a legacy colour value", as browsers read `bgcolor`, `color`,
        // `text` and `link`: `ccc` is #0c0c0c (only `#ccc` is the three-digit form), `#00000080`
        // is #000080 (no alpha), `chucknorris` is #c00000.
        let s = raw.trimmingASCIISpaces()
        if s.isEmpty || s.lowercasedFast() == "transparent" { return nil }
        if let c = named(s.lowercasedFast()) { return c }
        if s.utf8.count == 4, s.utf8.first == 0x23, s.utf8.dropFirst().allSatisfy(isHexDigit) { return hex(String(s.dropFirst())) }
        // Code points above U+FFFF count as "00"; other non-hex characters as "0".
        var digits: [UInt8] = []
        for u in s.unicodeScalars {
            if u.value > 0xFFFF { digits += [0x30, 0x30] } else if u.isASCII, isHexDigit(UInt8(u.value)) { digits.append(UInt8(u.value)) } else { digits.append(0x30) }
            if digits.count >= 128 { break }
        }
        if digits.count > 128 { digits.removeLast(digits.count - 128) }
        var bytes = digits
        if s.hasPrefix("#"), !bytes.isEmpty { bytes.removeFirst() }
        while bytes.isEmpty || bytes.count % 3 != 0 { bytes.append(0x30) }
        var length = bytes.count / 3
        var parts = [Array(bytes[0..<length]), Array(bytes[length..<(2 * length)]), Array(bytes[(2 * length)...])]
        if length > 8 {
            parts = parts.map { Array($0.suffix(8)) }
            length = 8
        }
        while length > 2, parts.allSatisfy({ $0.first == 0x30 }) {
            parts = parts.map { Array($0.dropFirst()) }
            length -= 1
        }
        if length > 2 { parts = parts.map { Array($0.prefix(2)) } }
        let values = parts.map { p in p.reduce(0) { $0 * 16 + hexValue($1) } }
        return RGBA(Double(values[0]), Double(values[1]), Double(values[2]))
    }

    private static func isHexDigit(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
    }

    private static func hexValue(_ b: UInt8) -> Int {
        switch b {
        case 0x30...0x39: return Int(b) - 0x30
        case 0x41...0x46: return Int(b) - 0x41 + 10
        case 0x61...0x66: return Int(b) - 0x61 + 10
        default: return 0
        }
    }

    static func hex(_ v: String) -> RGBA? {
        let d = v.unicodeScalars.map { c -> Int in
            switch c.value {
            case 0x30...0x39: return Int(c.value) - 0x30
            case 0x41...0x46: return Int(c.value) - 0x41 + 10
            case 0x61...0x66: return Int(c.value) - 0x61 + 10
            default: return -1
            }
        }
        if d.contains(-1) { return nil }
        switch d.count {
        case 3: return RGBA(Double(d[0] * 17), Double(d[1] * 17), Double(d[2] * 17))
        case 4: return RGBA(Double(d[0] * 17), Double(d[1] * 17), Double(d[2] * 17), Double(d[3] * 17) / 255)
        case 6: return RGBA(Double(d[0] * 16 + d[1]), Double(d[2] * 16 + d[3]), Double(d[4] * 16 + d[5]))
        case 8:
            return RGBA(Double(d[0] * 16 + d[1]), Double(d[2] * 16 + d[3]), Double(d[4] * 16 + d[5]),
                        Double(d[6] * 16 + d[7]) / 255)
        default: return nil
        }
    }

    /// Splits function arguments into (values, alpha) for both legacy comma and modern syntaxes.
    static func args(_ t: [CSSToken]) -> ([CSSToken], CSSToken?)? {
        if t.contains(where: { $0.kind == .comma }) {
            var vals: [CSSToken] = []
            var expectValue = true
            for x in t {
                if x.kind == .comma {
                    guard !expectValue else { return nil }
                    expectValue = true
                } else {
                    guard expectValue else { return nil }
                    vals.append(x)
                    expectValue = false
                }
            }
            guard !expectValue else { return nil }
            if vals.count == 4 { return (Array(vals[0..<3]), vals[3]) }
            return vals.count == 3 ? (vals, nil) : nil
        }
        if let slash = t.firstIndex(where: { $0.isDelim("/") }) {
            guard slash == 3, t.count == 5 else { return nil }
            return (Array(t[0..<3]), t[4])
        }
        return t.count == 3 ? (t, nil) : nil
    }

    static func alpha(_ t: CSSToken?) -> Double? {
        guard let t else { return 1 }
        switch t.kind {
        case .number: return max(0, min(1, t.number))
        case .percentage: return max(0, min(1, t.number / 100))
        case .ident where t.value.lowercasedFast() == "none": return 0
        default: return nil
        }
    }

    static func function(_ name: String, _ t: [CSSToken]) -> RGBA? {
        guard let (v, a) = args(t), let alpha = alpha(a) else { return nil }
        switch name {
        case "rgb", "rgba":
            var out: [Double] = []
            for x in v {
                switch x.kind {
                case .number: out.append(max(0, min(255, x.number)))
                case .percentage: out.append(max(0, min(255, x.number * 255 / 100)))
                case .ident where x.value.lowercasedFast() == "none": out.append(0)
                default: return nil
                }
            }
            return RGBA(out[0], out[1], out[2], alpha)
        case "hsl", "hsla":
            var h: Double
            switch v[0].kind {
            case .number: h = v[0].number
            case .dimension:
                switch v[0].lowercasedUnit {
                case "deg": h = v[0].number
                case "turn": h = v[0].number * 360
                case "rad": h = v[0].number * 180 / Double.pi
                case "grad": h = v[0].number * 0.9
                default: return nil
                }
            default: return nil
            }
            func pct(_ x: CSSToken) -> Double? {
                if x.kind == .percentage { return max(0, min(100, x.number)) / 100 }
                if x.kind == .number { return max(0, min(100, x.number)) / 100 }
                return nil
            }
            guard let s = pct(v[1]), let l = pct(v[2]) else { return nil }
            h = h.truncatingRemainder(dividingBy: 360)
            if h < 0 { h += 360 }
            func f(_ n: Double) -> Double {
                let k = (n + h / 30).truncatingRemainder(dividingBy: 12)
                let aa = s * min(l, 1 - l)
                return l - aa * max(-1, min(k - 3, 9 - k, 1))
            }
            return RGBA(f(0) * 255, f(8) * 255, f(4) * 255, alpha)
        default:
            return nil
        }
    }

    /// A CSS named colour (or `transparent`).
    public static func named(_ name: String) -> RGBA? {
        if name == "transparent" { return .transparent }
        guard let v = namedColors[name] else { return nil }
        return RGBA(Double((v >> 16) & 0xFF), Double((v >> 8) & 0xFF), Double(v & 0xFF))
    }

    static let namedColors: [String: UInt32] = [
        "aliceblue": 0xF0F8FF, "antiquewhite": 0xFAEBD7, "aqua": 0x00FFFF, "aquamarine": 0x7FFFD4,
        "azure": 0xF0FFFF, "beige": 0xF5F5DC, "bisque": 0xFFE4C4, "black": 0x000000, "blanchedalmond": 0xFFEBCD,
        "blue": 0x0000FF, "blueviolet": 0x8A2BE2, "brown": 0xA52A2A, "burlywood": 0xDEB887, "cadetblue": 0x5F9EA0,
        "chartreuse": 0x7FFF00, "chocolate": 0xD2691E, "coral": 0xFF7F50, "cornflowerblue": 0x6495ED,
        "cornsilk": 0xFFF8DC, "crimson": 0xDC143C, "cyan": 0x00FFFF, "darkblue": 0x00008B, "darkcyan": 0x008B8B,
        "darkgoldenrod": 0xB8860B, "darkgray": 0xA9A9A9, "darkgreen": 0x006400, "darkgrey": 0xA9A9A9,
        "darkkhaki": 0xBDB76B, "darkmagenta": 0x8B008B, "darkolivegreen": 0x556B2F, "darkorange": 0xFF8C00,
        "darkorchid": 0x9932CC, "darkred": 0x8B0000, "darksalmon": 0xE9967A, "darkseagreen": 0x8FBC8F,
        "darkslateblue": 0x483D8B, "darkslategray": 0x2F4F4F, "darkslategrey": 0x2F4F4F, "darkturquoise": 0x00CED1,
        "darkviolet": 0x9400D3, "deeppink": 0xFF1493, "deepskyblue": 0x00BFFF, "dimgray": 0x696969,
        "dimgrey": 0x696969, "dodgerblue": 0x1E90FF, "firebrick": 0xB22222, "floralwhite": 0xFFFAF0,
        "forestgreen": 0x228B22, "fuchsia": 0xFF00FF, "gainsboro": 0xDCDCDC, "ghostwhite": 0xF8F8FF,
        "gold": 0xFFD700, "goldenrod": 0xDAA520, "gray": 0x808080, "green": 0x008000, "greenyellow": 0xADFF2F,
        "grey": 0x808080, "honeydew": 0xF0FFF0, "hotpink": 0xFF69B4, "indianred": 0xCD5C5C, "indigo": 0x4B0082,
        "ivory": 0xFFFFF0, "khaki": 0xF0E68C, "lavender": 0xE6E6FA, "lavenderblush": 0xFFF0F5,
        "lawngreen": 0x7CFC00, "lemonchiffon": 0xFFFACD, "lightblue": 0xADD8E6, "lightcoral": 0xF08080,
        "lightcyan": 0xE0FFFF, "lightgoldenrodyellow": 0xFAFAD2, "lightgray": 0xD3D3D3, "lightgreen": 0x90EE90,
        "lightgrey": 0xD3D3D3, "lightpink": 0xFFB6C1, "lightsalmon": 0xFFA07A, "lightseagreen": 0x20B2AA,
        "lightskyblue": 0x87CEFA, "lightslategray": 0x778899, "lightslategrey": 0x778899,
        "lightsteelblue": 0xB0C4DE, "lightyellow": 0xFFFFE0, "lime": 0x00FF00, "limegreen": 0x32CD32,
        "linen": 0xFAF0E6, "magenta": 0xFF00FF, "maroon": 0x800000, "mediumaquamarine": 0x66CDAA,
        "mediumblue": 0x0000CD, "mediumorchid": 0xBA55D3, "mediumpurple": 0x9370DB, "mediumseagreen": 0x3CB371,
        "mediumslateblue": 0x7B68EE, "mediumspringgreen": 0x00FA9A, "mediumturquoise": 0x48D1CC,
        "mediumvioletred": 0xC71585, "midnightblue": 0x191970, "mintcream": 0xF5FFFA, "mistyrose": 0xFFE4E1,
        "moccasin": 0xFFE4B5, "navajowhite": 0xFFDEAD, "navy": 0x000080, "oldlace": 0xFDF5E6, "olive": 0x808000,
        "olivedrab": 0x6B8E23, "orange": 0xFFA500, "orangered": 0xFF4500, "orchid": 0xDA70D6,
        "palegoldenrod": 0xEEE8AA, "palegreen": 0x98FB98, "paleturquoise": 0xAFEEEE, "palevioletred": 0xDB7093,
        "papayawhip": 0xFFEFD5, "peachpuff": 0xFFDAB9, "peru": 0xCD853F, "pink": 0xFFC0CB, "plum": 0xDDA0DD,
        "powderblue": 0xB0E0E6, "purple": 0x800080, "rebeccapurple": 0x663399, "red": 0xFF0000,
        "rosybrown": 0xBC8F8F, "royalblue": 0x4169E1, "saddlebrown": 0x8B4513, "salmon": 0xFA8072,
        "sandybrown": 0xF4A460, "seagreen": 0x2E8B57, "seashell": 0xFFF5EE, "sienna": 0xA0522D, "silver": 0xC0C0C0,
        "skyblue": 0x87CEEB, "slateblue": 0x6A5ACD, "slategray": 0x708090, "slategrey": 0x708090, "snow": 0xFFFAFA,
        "springgreen": 0x00FF7F, "steelblue": 0x4682B4, "tan": 0xD2B48C, "teal": 0x008080, "thistle": 0xD8BFD8,
        "tomato": 0xFF6347, "turquoise": 0x40E0D0, "violet": 0xEE82EE, "wheat": 0xF5DEB3, "white": 0xFFFFFF,
        "whitesmoke": 0xF5F5F5, "yellow": 0xFFFF00, "yellowgreen": 0x9ACD32,
    ]
}

extension String {
    /// `lowercased()`, returning `self` (no new string) when it is already lowercase ASCII.
    @inline(__always) func lowercasedFast() -> String {
        for b in utf8 where b >= 0x80 || (b >= 0x41 && b <= 0x5A) { return lowercased() }
        return self
    }

    func trimmingASCIISpaces() -> String {
        let ws: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" }
        var s = Substring(self)
        while let f = s.first, ws(f) { s = s.dropFirst() }
        while let l = s.last, ws(l) { s = s.dropLast() }
        return String(s)
    }
}
