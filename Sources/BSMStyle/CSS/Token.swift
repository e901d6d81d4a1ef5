/// Kind of a CSS token (CSS Syntax Module Level 3, §4).
public enum CSSTokenKind: UInt8, Sendable, Hashable {
    case ident, function, atKeyword, hash, string, badString, url, badURL, delim
    case number, percentage, dimension, whitespace, cdo, cdc
    case colon, semicolon, comma
    case leftBracket, rightBracket, leftParen, rightParen, leftBrace, rightBrace
    /// Only produced when the tokenizer is asked to keep comments.
    case comment
}

/// One CSS token. `start`/`end` are byte offsets into the buffer that was tokenized (for
/// tokens held by a `Declaration`: offsets into `Document.source.utf8`, the decoded buffer).
public struct CSSToken: Sendable, Hashable {
    public var kind: CSSTokenKind
    public var start: Int
    public var end: Int
    /// Unescaped value: the name of an ident/function/at-keyword/hash, the contents of a
    /// string/url, the code point of a delim, the unit of a dimension (see `unit`).
    public var value: String
    /// Numeric value of number/percentage/dimension tokens.
    public var number: Double
    /// Unit of a dimension token, as written (compare with `lowercasedUnit`).
    public var unit: String
    /// Number type flag: true for "integer", false for "number".
    public var isInteger: Bool
    /// Hash type flag: true when the hash's value would be a valid identifier ("id").
    public var isIDHash: Bool

    public init(kind: CSSTokenKind, start: Int, end: Int, value: String = "", number: Double = 0,
                unit: String = "", isInteger: Bool = false, isIDHash: Bool = false) {
        self.kind = kind
        self.start = start
        self.end = end
        self.value = value
        self.number = number
        self.unit = unit
        self.isInteger = isInteger
        self.isIDHash = isIDHash
    }

    /// True for a delim token holding exactly this ASCII character.
    @inlinable public func isDelim(_ c: Character) -> Bool { kind == .delim && value.first == c && value.count == 1 }

    /// Lowercased unit of a dimension token.
    public var lowercasedUnit: String { unit.lowercasedFast() }

    /// The token rendered back to CSS text (used to rebuild value and selector text).
    public var cssText: String {
        switch kind {
        case .ident: return value
        case .function: return value + "("
        case .atKeyword: return "@" + value
        case .hash: return "#" + value
        case .string: return "\"" + value + "\""
        case .badString: return "\"" + value
        case .url: return "url(" + value + ")"
        case .badURL: return "url("
        case .delim: return value
        case .number: return CSSToken.format(number, isInteger)
        case .percentage: return CSSToken.format(number, isInteger) + "%"
        case .dimension: return CSSToken.format(number, isInteger) + unit
        case .whitespace: return " "
        case .cdo: return "<!--"
        case .cdc: return "-->"
        case .colon: return ":"
        case .semicolon: return ";"
        case .comma: return ","
        case .leftBracket: return "["
        case .rightBracket: return "]"
        case .leftParen: return "("
        case .rightParen: return ")"
        case .leftBrace: return "{"
        case .rightBrace: return "}"
        case .comment: return ""
        }
    }

    /// Converts to Int, clamping huge or non-finite values (never traps).
    static func clampInt(_ d: Double, limit: Double = 1e9) -> Int {
        if d.isNaN { return 0 }
        return Int(Swift.max(-limit, Swift.min(limit, d)))
    }

    static func format(_ d: Double, _ integer: Bool) -> String {
        if d == d.rounded() && abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }
}
