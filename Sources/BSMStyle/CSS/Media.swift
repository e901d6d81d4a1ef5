/// The colour scheme a message is rendered in (`prefers-color-scheme`). The measuring model
/// renders the light scheme; a rule may ask how the message looks in the dark one.
public enum ColorScheme: String, Sendable, Hashable {
    case light, dark
}

/// A media query list (`@media screen and (max-width: 600px), print`), evaluated against a
/// reference width and a colour scheme. Width features and `prefers-color-scheme` are
/// understood; any other feature never matches.
public struct MediaQueryList: Sendable, Hashable {
    public let queries: [MediaQuery]
    /// The prelude text as written.
    public let text: String

    /// An empty list matches everything (`@media {}` is `@media all`).
    public func matches(width: Double, scheme: ColorScheme = .light) -> Bool {
        if queries.isEmpty { return true }
        return queries.contains { $0.matches(width: width, scheme: scheme) }
    }

    /// True when the result can differ between widths.
    public var dependsOnWidth: Bool { queries.contains { q in q.features.contains { $0.understood && $0.colorScheme == nil } } }

    /// True when the result can differ between the light and the dark scheme.
    public var dependsOnColorScheme: Bool { queries.contains { q in q.features.contains { $0.colorScheme != nil } } }

    static func parse(_ tokens: [CSSToken], text: String) -> MediaQueryList {
        var queries: [MediaQuery] = []
        var current: [CSSToken] = []
        var depth = 0
        for t in tokens {
            switch t.kind {
            case .function, .leftParen, .leftBracket, .leftBrace: depth += 1
            case .rightParen, .rightBracket, .rightBrace: depth = max(0, depth - 1)
            default: break
            }
            if t.kind == .comma && depth == 0 {
                queries.append(MediaQuery.parse(current))
                current = []
            } else {
                current.append(t)
            }
        }
        if !current.isEmpty || !queries.isEmpty { queries.append(MediaQuery.parse(current)) }
        return MediaQueryList(queries: queries, text: text)
    }
}

/// One media query: `[only|not] type [and (feature)]*` or `(feature) [and (feature)]*`.
public struct MediaQuery: Sendable, Hashable {
    public enum MediaType: Sendable, Hashable { case all, screen, print, other }

    /// One feature of a query: a width condition `lower <= width <= upper` (px, either bound
    /// optional, strictness kept) or, when `colorScheme` is set, `(prefers-color-scheme: …)`.
    public struct Feature: Sendable, Hashable {
        public var min: Double?
        public var max: Double?
        public var minExclusive = false
        public var maxExclusive = false
        /// The scheme a `prefers-color-scheme` feature asks for (nil: a width feature).
        public var colorScheme: ColorScheme?
        /// False when the feature is neither a width nor a colour-scheme feature, or its value is
        /// not understood: it never holds.
        public var understood = true

        func matches(_ w: Double, _ scheme: ColorScheme) -> Bool {
            guard understood else { return false }
            if let c = colorScheme { return c == scheme }
            if let m = min { if minExclusive ? !(w > m) : !(w >= m) { return false } }
            if let m = max { if maxExclusive ? !(w < m) : !(w <= m) { return false } }
            return true
        }
    }

    public let negated: Bool
    public let type: MediaType
    public let features: [Feature]
    /// False for a query that failed to parse (it then matches nothing, as `not all`).
    public let valid: Bool

    public func matches(width: Double, scheme: ColorScheme = .light) -> Bool {
        guard valid else { return false }
        var ok: Bool
        switch type {
        case .all, .screen: ok = true
        case .print, .other: ok = false
        }
        if ok { ok = features.allSatisfy { $0.matches(width, scheme) } }
        return negated ? !ok : ok
    }

    static let invalid = MediaQuery(negated: false, type: .other, features: [], valid: false)

    static func parse(_ raw: [CSSToken]) -> MediaQuery {
        let toks = raw.filter { $0.kind != .whitespace }
        var i = 0
        var negated = false
        var type: MediaType = .all
        var features: [Feature] = []
        if i < toks.count, toks[i].kind == .ident {
            let v = toks[i].value.lowercasedFast()
            if v == "not" { negated = true; i += 1 } else if v == "only" { i += 1 }
            if i < toks.count, toks[i].kind == .ident {
                switch toks[i].value.lowercasedFast() {
                case "all": type = .all
                case "screen": type = .screen
                case "print": type = .print
                case "and", "or", "not", "only": return invalid
                default: type = .other
                }
                i += 1
            } else if negated {
                return invalid
            }
            if i < toks.count {
                guard toks[i].kind == .ident, toks[i].value.lowercasedFast() == "and" else { return invalid }
                i += 1
                if i >= toks.count { return invalid }
            } else {
                return MediaQuery(negated: negated, type: type, features: [], valid: true)
            }
        }
        // Feature list: (f) and (f) ...
        while i < toks.count {
            guard toks[i].kind == .leftParen else { return invalid }
            var j = i + 1
            var depth = 1
            var inner: [CSSToken] = []
            while j < toks.count {
                let k = toks[j].kind
                if k == .leftParen || k == .function { depth += 1 }
                if k == .rightParen {
                    depth -= 1
                    if depth == 0 { break }
                }
                inner.append(toks[j])
                j += 1
            }
            features.append(parseFeature(inner))
            i = j + 1
            if i < toks.count {
                guard toks[i].kind == .ident, toks[i].value.lowercasedFast() == "and" else { return invalid }
                i += 1
                if i >= toks.count { return invalid }
            }
        }
        return MediaQuery(negated: negated, type: type, features: features, valid: true)
    }

    static func px(_ t: CSSToken) -> Double? {
        switch t.kind {
        case .number: return t.number == 0 ? 0 : nil
        case .dimension:
            switch t.lowercasedUnit {
            case "px": return t.number
            case "em", "rem": return t.number * 16
            case "pt": return t.number * 4 / 3
            case "in": return t.number * 96
            case "cm": return t.number * 96 / 2.54
            case "mm": return t.number * 96 / 25.4
            default: return nil
            }
        default: return nil
        }
    }

    static func isWidthName(_ n: String) -> Bool { n == "width" || n == "device-width" }

    static func parseFeature(_ t: [CSSToken]) -> Feature {
        var unknown = Feature()
        unknown.understood = false
        // (name: value)
        if t.count == 3, t[0].kind == .ident, t[1].kind == .colon {
            let name = t[0].value.lowercasedFast()
            if name == "prefers-color-scheme" {
                guard t[2].kind == .ident, let scheme = ColorScheme(rawValue: t[2].value.lowercasedFast()) else { return unknown }
                var f = Feature()
                f.colorScheme = scheme
                return f
            }
            guard let v = px(t[2]) else { return unknown }
            var f = Feature()
            if name == "min-width" || name == "min-device-width" { f.min = v; return f }
            if name == "max-width" || name == "max-device-width" { f.max = v; return f }
            if isWidthName(name) { f.min = v; f.max = v; return f }
            return unknown
        }
        // Range syntax: (width < 600px), (600px >= width), (400px <= width <= 700px)
        var parts: [[CSSToken]] = [[]]
        var ops: [String] = []
        var k = 0
        while k < t.count {
            if t[k].kind == .delim, t[k].value == "<" || t[k].value == ">" || t[k].value == "=" {
                var op = t[k].value
                if k + 1 < t.count, t[k + 1].isDelim("="), op != "=" { op += "="; k += 1 }
                ops.append(op)
                parts.append([])
            } else {
                parts[parts.count - 1].append(t[k])
            }
            k += 1
        }
        guard ops.count >= 1, ops.count <= 2, parts.allSatisfy({ $0.count == 1 }) else { return unknown }
        var f = Feature()
        func apply(_ value: Double, _ op: String, valueOnLeft: Bool) -> Bool {
            // Normalise to "width OP value".
            var o = op
            if valueOnLeft {
                switch op {
                case "<": o = ">"
                case "<=": o = ">="
                case ">": o = "<"
                case ">=": o = "<="
                default: break
                }
            }
            switch o {
            case "<": f.max = value; f.maxExclusive = true
            case "<=": f.max = value
            case ">": f.min = value; f.minExclusive = true
            case ">=": f.min = value
            case "=": f.min = value; f.max = value
            default: return false
            }
            return true
        }
        if ops.count == 1 {
            let a = parts[0][0], b = parts[1][0]
            if a.kind == .ident, isWidthName(a.value.lowercasedFast()), let v = px(b) {
                return apply(v, ops[0], valueOnLeft: false) ? f : unknown
            }
            if b.kind == .ident, isWidthName(b.value.lowercasedFast()), let v = px(a) {
                return apply(v, ops[0], valueOnLeft: true) ? f : unknown
            }
            return unknown
        }
        let mid = parts[1][0]
        guard mid.kind == .ident, isWidthName(mid.value.lowercasedFast()), let lo = px(parts[0][0]),
              let hi = px(parts[2][0]) else { return unknown }
        guard apply(lo, ops[0], valueOnLeft: true), apply(hi, ops[1], valueOnLeft: false) else { return unknown }
        return f
    }
}
