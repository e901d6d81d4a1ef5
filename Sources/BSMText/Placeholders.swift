import Foundation
import BSMDocument

/// What the text between a placeholder's delimiters may be.
public enum PlaceholderContent: Sendable, Hashable {
    /// Any text without newlines that does not contain the opening delimiter (nor braces, for
    /// brace-delimited syntaxes), at most `maxLength` bytes, not blank
    /// (`{{ order.id | upcase }}`, `<%= x %>`, `[[Contact Us]]`).
    case text(maxLength: Int)
    /// An identifier: starts with an ASCII letter or `_`, then letters, digits, `_`, `.`, `-`,
    /// ending in a letter, digit or `_`. No spaces.
    /// (`%%buyer_first_name%%`, `#?OrderNumber?#`, `{amazon_order_id}`.)
    case identifier
    /// An identifier that also looks like a merge field rather than a word: it contains a `_`,
    /// `.` or `-` between letters/digits, or a lower-to-upper case change (`storeName`). Used
    /// for single square brackets so that `[Important]`, `[1]`, `[note]`, `[SALE]` are not
    /// placeholders while `[store_name]`, `[order-id]`, `[buyer.name]`, `[StoreName]` are.
    case compoundIdentifier
    /// An identifier that is not a CSS hex colour (`fff`, `333333`, `abcd`): used for `#x#`.
    case nonHexIdentifier
}

/// One placeholder syntax.
public struct PlaceholderPattern: Sendable {
    public enum Matcher: Sendable {
        case delimited(open: String, close: String, content: PlaceholderContent, wordBoundary: Bool)
        case regex(NSRegularExpression)
    }

    /// A short name (`mustache`, `liquid-tag`, ...) reported with each match.
    public let name: String
    public let matcher: Matcher

    /// A delimiter pair. `wordBoundary` requires that the opening delimiter is not preceded by a
    /// letter, digit or `_` (so `C#` or `a[b_c]` do not open a placeholder; kana and kanji
    /// may precede it).
    public init(name: String, open: String, close: String,
                content: PlaceholderContent = .text(maxLength: 200), wordBoundary: Bool = false) {
        self.name = name
        self.matcher = .delimited(open: open, close: close, content: content, wordBoundary: wordBoundary)
    }

    /// A user-supplied regular expression, compiled once here. The whole match is the
    /// placeholder; the first capture group, if any, is its inner name.
    public init(name: String, regex: String) throws {
        self.name = name
        self.matcher = .regex(try NSRegularExpression(pattern: regex, options: []))
    }
}

/// A placeholder found in text.
public struct PlaceholderMatch: Sendable, Hashable {
    /// The placeholder including its delimiters.
    public let text: String
    /// The text between the delimiters, trimmed (`order.id` for `{{ order.id }}`).
    public let inner: String
    /// UTF-8 offsets in the scanned text.
    public let utf8Range: Range<Int>
    /// Name of the pattern that matched.
    public let patternName: String
}

/// Recognises merge-field placeholders of seller tools (POLICY.md, "Placeholders found in
/// exported templates"). Delimited syntaxes (the built-in ones and configured delimiter pairs)
/// are matched by a hand-written byte scanner in linear time: each attempt looks at most a
/// bounded number of bytes ahead. Configured regular expressions are compiled once, when their
/// `PlaceholderPattern` is made.
///
/// False-positive guards of the built-in syntaxes:
/// - `#name#` needs an identifier that is not all hex digits, not preceded by a letter/digit
///   and not followed by one: `#fff`, `color: #333333;`, "#1 and #2", `C# and F#` don't match.
/// - `{name}` needs an identifier (no spaces, colons or semicolons): CSS blocks don't match.
/// - `[name]` needs a compound identifier (see `PlaceholderContent.compoundIdentifier`) and is
///   not a Markdown link `[x](...)`: `[1]`, `[Important]` don't match.
public struct PlaceholderMatcher: Sendable {
    public let patterns: [PlaceholderPattern]
    /// Delimited patterns, longest opening delimiter first (ties keep configuration order).
    private let delimited: [Delimited]
    private let regexes: [(name: String, regex: NSRegularExpression)]
    /// Bytes that can start a delimited placeholder (fast skip).
    /// Per byte value: whether some delimited syntax opens with it (a table: the scan tests
    /// every byte of a message's text).
    private let isOpener: [Bool]

    private struct Delimited: Sendable {
        let name: String
        let open: [UInt8]
        let close: [UInt8]
        let content: PlaceholderContent
        let wordBoundary: Bool
    }

    /// Upper bound on the bytes examined for one identifier-like placeholder.
    static let maxIdentifierLength = 64

    /// The syntaxes listed in POLICY.md. Order matters only between equal-length openers.
    public static let defaultPatterns: [PlaceholderPattern] = [
        PlaceholderPattern(name: "handlebars-raw", open: "{{{", close: "}}}"),
        PlaceholderPattern(name: "mustache", open: "{{", close: "}}"),
        PlaceholderPattern(name: "liquid-tag", open: "{%", close: "%}"),
        PlaceholderPattern(name: "erb", open: "<%", close: "%>"),
        PlaceholderPattern(name: "double-bracket", open: "[[", close: "]]", content: .text(maxLength: 100)),
        PlaceholderPattern(name: "percent", open: "%%", close: "%%", content: .identifier),
        PlaceholderPattern(name: "hash-question", open: "#?", close: "?#", content: .identifier),
        PlaceholderPattern(name: "dollar-brace", open: "${", close: "}", content: .text(maxLength: 100)),
        PlaceholderPattern(name: "mailchimp", open: "*|", close: "|*", content: .text(maxLength: 100)),
        PlaceholderPattern(name: "hash", open: "#", close: "#", content: .nonHexIdentifier, wordBoundary: true),
        PlaceholderPattern(name: "brace", open: "{", close: "}", content: .identifier),
        PlaceholderPattern(name: "bracket", open: "[", close: "]", content: .compoundIdentifier, wordBoundary: true),
    ]

    public init(patterns: [PlaceholderPattern] = PlaceholderMatcher.defaultPatterns) {
        self.patterns = patterns
        var d: [Delimited] = []
        var r: [(String, NSRegularExpression)] = []
        for p in patterns {
            switch p.matcher {
            case let .delimited(open, close, content, wb):
                guard !open.isEmpty, !close.isEmpty else { continue }
                d.append(Delimited(name: p.name, open: Array(open.utf8), close: Array(close.utf8),
                                   content: content, wordBoundary: wb))
            case let .regex(re):
                r.append((p.name, re))
            }
        }
        // Stable sort: longest opener first.
        self.delimited = d.enumerated().sorted {
            $0.element.open.count != $1.element.open.count
                ? $0.element.open.count > $1.element.open.count : $0.offset < $1.offset
        }.map(\.element)
        self.regexes = r
        var table = [Bool](repeating: false, count: 256)
        for first in d.compactMap(\.open.first) { table[Int(first)] = true }
        self.isOpener = table
    }

    /// The default syntaxes plus configured ones.
    public init(additional: [PlaceholderPattern]) {
        self.init(patterns: PlaceholderMatcher.defaultPatterns + additional)
    }

    // MARK: Public queries

    /// All placeholders in `text`, in order, non-overlapping (an earlier start wins, then the
    /// longer match).
    public func placeholders(in text: String) -> [PlaceholderMatch] {
        let bytes = Array(text.utf8)
        var found = scanDelimited(bytes, limit: Int.max)
        if !regexes.isEmpty {
            found += scanRegexes(text)
            found.sort { $0.range.lowerBound != $1.range.lowerBound
                ? $0.range.lowerBound < $1.range.lowerBound : $0.range.count > $1.range.count }
            var kept: [RawMatch] = []
            var end = 0
            for m in found where m.range.lowerBound >= end {
                kept.append(m)
                end = m.range.upperBound
            }
            found = kept
        }
        return found.map { m in
            PlaceholderMatch(text: String(decoding: bytes[m.range], as: UTF8.self),
                             inner: String(decoding: bytes[m.inner], as: UTF8.self)
                                .trimmingWhitespaces(),
                             utf8Range: m.range, patternName: m.name)
        }
    }

    /// Ranges of all placeholders in `text`.
    public func matches(in text: String) -> [Range<String.Index>] {
        let u = text.utf8
        return placeholders(in: text).map {
            u.index(u.startIndex, offsetBy: $0.utf8Range.lowerBound)..<u.index(u.startIndex, offsetBy: $0.utf8Range.upperBound)
        }
    }

    /// Ranges of all placeholders in a substring (indices valid in its base string).
    public func matches(in text: Substring) -> [Range<String.Index>] {
        let u = text.utf8
        return placeholders(in: String(text)).map {
            u.index(u.startIndex, offsetBy: $0.utf8Range.lowerBound)..<u.index(u.startIndex, offsetBy: $0.utf8Range.upperBound)
        }
    }

    /// UTF-8 offset ranges of all placeholders in `text`.
    public func utf8Ranges(in text: String) -> [Range<Int>] {
        placeholders(in: text).map(\.utf8Range)
    }

    /// `text` with every placeholder's bytes replaced by `filler` (an ASCII byte, space by
    /// default), so UTF-8 offsets stay valid: for spelling, language detection or phrase
    /// matching that must not see merge-field names.
    public func masking(_ text: String, filler: UInt8 = 0x20) -> String {
        let found = placeholders(in: text)
        guard !found.isEmpty else { return text }
        var bytes = Array(text.utf8)
        let fill = filler < 0x80 ? filler : 0x20
        for m in found {
            for k in m.utf8Range { bytes[k] = fill }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public func containsPlaceholder(_ text: String) -> Bool {
        if regexes.isEmpty { return !scanDelimited(Array(text.utf8), limit: 1).isEmpty }
        return !placeholders(in: text).isEmpty
    }

    /// True when the whole value (ignoring surrounding whitespace) is exactly one placeholder.
    public func isPlaceholderOnly(_ s: String) -> Bool {
        let t = s.trimmingWhitespacesAndNewlines()
        guard !t.isEmpty else { return false }
        let all = placeholders(in: t)
        return all.count == 1 && all[0].utf8Range == 0..<t.utf8.count
    }

    /// True when a placeholder (with or without its delimiters) names an order id or number:
    /// `{{order.id}}`, `{amazon_order_id}`, `#?OrderNumber?#`, `[order-id]`, `orderId`,
    /// `%%order_number%%`, `{{ order.id | upcase }}`, `{{bestellnummer}}`... Case, accents and
    /// separators are ignored.
    public func isOrderIDPlaceholder(_ placeholderText: String) -> Bool {
        let t = placeholderText.trimmingWhitespacesAndNewlines()
        let found = placeholders(in: t)
        let name = found.count == 1 ? found[0].inner : t
        return PlaceholderMatcher.namesOrderID(name)
    }

    /// Normalised (lower-case letters and digits only) fragments that mark an order-id name.
    static let orderIDNameFragments: [String] = [
        "orderid", "ordernumber", "ordernum", "orderno", "ordernr", "orderref",
        "bestellnummer", "bestellnr", "bestellungid", "auftragsnummer",
        "numeropedido", "numerodepedido", "numerodelpedido", "numpedido", "pedidoid", "idpedido",
        "numerocommande", "numerodecommande", "numcommande", "commandeid", "idcommande", "ncommande",
        "numeroordine", "numerodellordine", "numordine", "idordine", "ordineid",
        "注文番号", "注文id",
    ]

    static func namesOrderID(_ name: String) -> Bool {
        var key = ""
        for ch in name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).unicodeScalars
        where ch.properties.isAlphabetic || ch.properties.numericType != nil {
            key.unicodeScalars.append(ch)
        }
        return orderIDNameFragments.contains { key.contains($0) }
    }

    // MARK: Scanner

    private struct RawMatch {
        let range: Range<Int>
        let inner: Range<Int>
        let name: String
    }

    private func scanDelimited(_ b: [UInt8], limit: Int) -> [RawMatch] {
        var out: [RawMatch] = []
        let n = b.count
        var i = 0
        while i < n {
            guard isOpener[Int(b[i])] else { i += 1; continue }
            var matched: RawMatch?
            for p in delimited {
                if let m = tryMatch(p, b, at: i) { matched = m; break }
            }
            if let m = matched {
                out.append(m)
                if out.count >= limit { return out }
                i = m.range.upperBound
            } else {
                i += 1
            }
        }
        return out
    }

    private static func hasPrefix(_ b: [UInt8], _ p: [UInt8], at i: Int) -> Bool {
        guard i >= 0, i + p.count <= b.count else { return false }
        for k in 0..<p.count where b[i + k] != p[k] { return false }
        return true
    }

    private static func isIdentStart(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
    }

    private static func isAlnum(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    private static func isIdentChar(_ c: UInt8) -> Bool {
        isAlnum(c) || c == 0x5F || c == 0x2E || c == 0x2D
    }

    private static func isHexDigit(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66)
    }

    private func tryMatch(_ p: Delimited, _ b: [UInt8], at i: Int) -> RawMatch? {
        guard Self.hasPrefix(b, p.open, at: i) else { return nil }
        if p.wordBoundary, URLScanner.isWordScalarBefore(b, i) { return nil }
        let start = i + p.open.count
        let n = b.count
        let braceSyntax = p.open.contains(0x7B) || p.close.contains(0x7D)
        switch p.content {
        case .text(let maxLength):
            var j = start
            let limit = min(n, start + maxLength + 1)
            var nonBlank = false
            while j < limit {
                if Self.hasPrefix(b, p.close, at: j) {
                    guard nonBlank else { return nil }
                    return RawMatch(range: i..<(j + p.close.count), inner: start..<j, name: p.name)
                }
                let c = b[j]
                if c == 0x0A || c == 0x0D { return nil }
                if Self.hasPrefix(b, p.open, at: j) { return nil }
                // A brace-delimited placeholder cannot contain braces (keeps `{{{x}}}` whole).
                if braceSyntax, c == 0x7B || c == 0x7D { return nil }
                if c != 0x20 && c != 0x09 { nonBlank = true }
                j += 1
            }
            return nil
        case .identifier, .compoundIdentifier, .nonHexIdentifier:
            guard start < n, Self.isIdentStart(b[start]) else { return nil }
            var j = start
            let limit = min(n, start + Self.maxIdentifierLength + 1)
            while j < limit, Self.isIdentChar(b[j]), !Self.hasPrefix(b, p.close, at: j) {
                j += 1
            }
            // A field name written as words (`[Order ID]`, `{Buyer Name}`, `%%Order Number%%`).
            if j < n, b[j] == 0x20, let spaced = Self.spacedFieldName(b, from: start, close: p.close) {
                let end = spaced.upperBound + p.close.count
                if p.wordBoundary, end < n, Self.isAlnum(b[end]) { return nil }
                if p.content == .compoundIdentifier, end < n, b[end] == 0x28 { return nil }
                return RawMatch(range: i..<end, inner: spaced, name: p.name)
            }
            guard j < n, j > start, Self.hasPrefix(b, p.close, at: j) else { return nil }
            let inner = start..<j
            // Identifiers end in a letter, digit or `_` (not `x.` or `x-`).
            guard let last = b[inner].last, Self.isAlnum(last) || last == 0x5F else { return nil }
            let end = j + p.close.count
            switch p.content {
            case .compoundIdentifier:
                guard Self.isCompound(b[inner]) else { return nil }
                // `[text](url)` is a Markdown link, not a merge field.
                if end < n, b[end] == 0x28 { return nil }
            case .nonHexIdentifier:
                if b[inner].allSatisfy(Self.isHexDigit) { return nil }
            default: break
            }
            // A `#x#` or `[x]` placeholder is not glued to a following word (`#id#abc`); the
            // two-character delimiters are distinctive enough to carry a unit (`%%w%%px`).
            if p.wordBoundary, end < n, Self.isAlnum(b[end]) { return nil }
            return RawMatch(range: i..<end, inner: inner, name: p.name)
        }
    }

    /// Last words of a merge field's name written as words, title case (`[Buyer Name]`,
    /// `{Tracking Number}`, `[Order ID]`).
    /// (Not `code`: `[Discount Code]`, `{Gift Card Code}` are offers written out, which the
    /// promotional rules must read.)
    static let fieldNameNouns: Set<String> = ["name", "id", "number", "no", "title", "url", "link", "date", "email", "address", "asin", "sku"]

    /// The inner range of a field name written as words before `close`: two to four words of
    /// ASCII letters and digits, each starting with a capital, one space apart, at most 40 bytes;
    /// the name must name an order id (`Amazon Order ID`) or end in a field noun (`Buyer Name`,
    /// `Tracking Number`): `[Important Notice]`, `[see attached]`, `{a b}` are no placeholders.
    static func spacedFieldName(_ b: [UInt8], from start: Int, close: [UInt8]) -> Range<Int>? {
        @inline(__always) func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
        guard start < b.count, isUpper(b[start]) else { return nil }
        var j = start, words = 1, lastStart = start
        let limit = min(b.count, start + 41)
        while j < limit, !hasPrefix(b, close, at: j) {
            let c = b[j]
            if c == 0x20 {
                // One space, then a capital: `[Order ID]`, not `[Order  ID]` or `[see attached]`.
                guard j + 1 < limit, isUpper(b[j + 1]) else { return nil }
                words += 1
                lastStart = j + 1
            } else if !isAlnum(c) {
                return nil
            }
            j += 1
        }
        guard j < limit, hasPrefix(b, close, at: j), j > lastStart, (2...4).contains(words) else { return nil }
        // ASCII only here: the name lower-cased without its spaces, and its last word.
        let key = String(decoding: b[start..<j].compactMap { $0 == 0x20 ? nil : ($0 | (isUpper($0) ? 0x20 : 0)) }, as: UTF8.self)
        let last = String(decoding: b[lastStart..<j].map { isUpper($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
        guard fieldNameNouns.contains(last) || orderIDNameFragments.contains(where: { key.contains($0) }) else { return nil }
        return start..<j
    }

    private static func isCompound(_ s: ArraySlice<UInt8>) -> Bool {
        var prev: UInt8 = 0
        var idx = s.startIndex
        while idx < s.endIndex {
            let c = s[idx]
            if c == 0x5F || c == 0x2E || c == 0x2D, idx > s.startIndex, idx + 1 < s.endIndex,
               isAlnum(prev), isAlnum(s[idx + 1]) { return true }
            if c >= 0x41 && c <= 0x5A, prev >= 0x61 && prev <= 0x7A { return true }
            prev = c
            idx += 1
        }
        return false
    }

    private func scanRegexes(_ text: String) -> [RawMatch] {
        var out: [RawMatch] = []
        let ns = NSRange(text.startIndex..<text.endIndex, in: text)
        let u = text.utf8
        func offsets(_ r: NSRange) -> Range<Int>? {
            guard r.location != NSNotFound, let sr = Range(r, in: text) else { return nil }
            let lo = u.distance(from: u.startIndex, to: sr.lowerBound)
            return lo..<(lo + u.distance(from: sr.lowerBound, to: sr.upperBound))
        }
        for (name, re) in regexes {
            for m in re.matches(in: text, options: [], range: ns) where m.range.length > 0 {
                guard let whole = offsets(m.range) else { continue }
                let inner = m.numberOfRanges > 1 ? (offsets(m.range(at: 1)) ?? whole) : whole
                out.append(RawMatch(range: whole, inner: inner, name: name))
            }
        }
        return out
    }
}
