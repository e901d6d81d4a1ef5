/// A hand-written CSS Syntax Level 3 tokenizer working on UTF-8 bytes.
///
/// Input preprocessing is virtual: CR, FF and CRLF count as newlines and NUL as U+FFFD, but the
/// buffer is never rewritten, so token offsets are offsets into the caller's buffer. The
/// tokenizer always terminates: every step consumes at least one byte.
public struct CSSTokenizer: Sendable {
    let bytes: [UInt8]
    let end: Int
    var pos: Int
    let keepComments: Bool

    /// Tokenizes `bytes[range]` (the whole buffer by default).
    public static func tokenize(_ bytes: [UInt8], range: Range<Int>? = nil, keepComments: Bool = false) -> [CSSToken] {
        let r = range ?? 0..<bytes.count
        var t = CSSTokenizer(bytes: bytes, end: min(r.upperBound, bytes.count), pos: max(0, r.lowerBound),
                             keepComments: keepComments)
        var out: [CSSToken] = []
        out.reserveCapacity(r.count / 3 + 4)
        while let tok = t.next() { out.append(tok) }
        return out
    }

    /// Tokenizes a string (offsets are UTF-8 offsets into it).
    public static func tokenize(_ string: String, keepComments: Bool = false) -> [CSSToken] {
        tokenize(Array(string.utf8), keepComments: keepComments)
    }

    // MARK: - Code point classes

    @inline(__always) func at(_ i: Int) -> Int { i < end ? Int(bytes[i]) : -1 }

    @inline(__always) static func isNewline(_ c: Int) -> Bool { c == 0x0A || c == 0x0D || c == 0x0C }
    @inline(__always) static func isWhitespace(_ c: Int) -> Bool { c == 0x20 || c == 0x09 || isNewline(c) }
    @inline(__always) static func isDigit(_ c: Int) -> Bool { c >= 0x30 && c <= 0x39 }
    @inline(__always) static func isHex(_ c: Int) -> Bool {
        isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }
    @inline(__always) static func isLetter(_ c: Int) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
    /// Ident-start code point: letter, non-ASCII, `_` (NUL counts: it becomes U+FFFD).
    @inline(__always) static func isNameStart(_ c: Int) -> Bool { isLetter(c) || c >= 0x80 || c == 0x5F || c == 0 }
    @inline(__always) static func isName(_ c: Int) -> Bool { isNameStart(c) || isDigit(c) || c == 0x2D }
    static func isNonPrintable(_ c: Int) -> Bool {
        (c >= 0 && c <= 0x08) || c == 0x0B || (c >= 0x0E && c <= 0x1F) || c == 0x7F
    }

    /// §4.3.8: two code points starting at `i` are a valid escape.
    @inline(__always) func isValidEscape(_ i: Int) -> Bool {
        at(i) == 0x5C && !CSSTokenizer.isNewline(at(i + 1))
    }

    /// §4.3.9: three code points starting at `i` would start an ident sequence.
    func startsIdent(_ i: Int) -> Bool {
        let c = at(i)
        if c == 0x2D {
            let n = at(i + 1)
            return CSSTokenizer.isNameStart(n) || n == 0x2D || isValidEscape(i + 1)
        }
        if CSSTokenizer.isNameStart(c) { return true }
        return isValidEscape(i)
    }

    /// §4.3.10: three code points starting at `i` would start a number.
    func startsNumber(_ i: Int) -> Bool {
        let c = at(i)
        if c == 0x2B || c == 0x2D {
            let n = at(i + 1)
            if CSSTokenizer.isDigit(n) { return true }
            return n == 0x2E && CSSTokenizer.isDigit(at(i + 2))
        }
        if c == 0x2E { return CSSTokenizer.isDigit(at(i + 1)) }
        return CSSTokenizer.isDigit(c)
    }

    // MARK: - Consumers

    /// Length in bytes of the UTF-8 sequence starting with `lead` (1 for invalid leads).
    @inline(__always) static func sequenceLength(_ lead: Int) -> Int {
        if lead < 0xC0 { return 1 }
        if lead < 0xE0 { return 2 }
        if lead < 0xF0 { return 3 }
        return 4
    }

    static func appendScalar(_ v: UInt32, to out: inout [UInt8]) {
        let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    /// Appends the code point at `pos` (whole UTF-8 sequence, NUL as U+FFFD) and advances.
    @inline(__always) mutating func appendCodePoint(to out: inout [UInt8]) {
        let c = at(pos)
        if c == 0 {
            out.append(contentsOf: [0xEF, 0xBF, 0xBD])
            pos += 1
            return
        }
        let n = min(CSSTokenizer.sequenceLength(c), end - pos)
        out.append(contentsOf: bytes[pos..<(pos + n)])
        pos += n
    }

    /// §4.3.7, called with `pos` just after the backslash.
    mutating func consumeEscape(into out: inout [UInt8]) {
        let c = at(pos)
        if c < 0 {
            out.append(contentsOf: [0xEF, 0xBF, 0xBD])
            return
        }
        if CSSTokenizer.isHex(c) {
            var v: UInt32 = 0
            var n = 0
            while n < 6, CSSTokenizer.isHex(at(pos)) {
                let h = at(pos)
                let d: Int = CSSTokenizer.isDigit(h) ? h - 0x30 : (h | 0x20) - 0x61 + 10
                v = v * 16 + UInt32(d)
                pos += 1
                n += 1
            }
            if at(pos) == 0x0D && at(pos + 1) == 0x0A {
                pos += 2
            } else if CSSTokenizer.isWhitespace(at(pos)) {
                pos += 1
            }
            if v == 0 || (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF { v = 0xFFFD }
            CSSTokenizer.appendScalar(v, to: &out)
            return
        }
        appendCodePoint(to: &out)
    }

    /// §4.3.11: consume an ident sequence.
    mutating func consumeName() -> String {
        // Fast path: plain name code points (non-ASCII bytes are name code points), no escapes/NUL.
        let s = pos
        while pos < end {
            let c = Int(bytes[pos])
            guard c != 0, CSSTokenizer.isName(c) else { break }
            pos += 1
        }
        if pos >= end || (bytes[pos] != 0 && bytes[pos] != 0x5C) {
            return String(decoding: bytes[s..<pos], as: UTF8.self)
        }
        var out = Array(bytes[s..<pos])
        while pos < end {
            let c = at(pos)
            if CSSTokenizer.isName(c) {
                appendCodePoint(to: &out)
            } else if isValidEscape(pos) {
                pos += 1
                consumeEscape(into: &out)
            } else {
                break
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// §4.3.12: consume a number.
    mutating func consumeNumber() -> (Double, Bool) {
        let s = pos
        var integer = true
        if at(pos) == 0x2B || at(pos) == 0x2D { pos += 1 }
        while CSSTokenizer.isDigit(at(pos)) { pos += 1 }
        if at(pos) == 0x2E && CSSTokenizer.isDigit(at(pos + 1)) {
            pos += 2
            integer = false
            while CSSTokenizer.isDigit(at(pos)) { pos += 1 }
        }
        let e = at(pos)
        if e == 0x45 || e == 0x65 {
            let n = at(pos + 1)
            if CSSTokenizer.isDigit(n) {
                pos += 2
                integer = false
                while CSSTokenizer.isDigit(at(pos)) { pos += 1 }
            } else if (n == 0x2B || n == 0x2D) && CSSTokenizer.isDigit(at(pos + 2)) {
                pos += 3
                integer = false
                while CSSTokenizer.isDigit(at(pos)) { pos += 1 }
            }
        }
        let text = String(decoding: bytes[s..<pos], as: UTF8.self)
        var value = Double(text) ?? 0
        if !value.isFinite { value = value > 0 ? Double.greatestFiniteMagnitude : -Double.greatestFiniteMagnitude }
        return (value, integer)
    }

    /// §4.3.3: numeric token.
    mutating func consumeNumeric(start: Int) -> CSSToken {
        let (v, integer) = consumeNumber()
        if startsIdent(pos) {
            let unit = consumeName()
            return CSSToken(kind: .dimension, start: start, end: pos, value: unit, number: v, unit: unit, isInteger: integer)
        }
        if at(pos) == 0x25 {
            pos += 1
            return CSSToken(kind: .percentage, start: start, end: pos, number: v, isInteger: integer)
        }
        return CSSToken(kind: .number, start: start, end: pos, number: v, isInteger: integer)
    }

    /// §4.3.4: ident-like token (ident, function, url, bad-url).
    mutating func consumeIdentLike(start: Int) -> CSSToken {
        let name = consumeName()
        if at(pos) == 0x28 {
            if name.count == 3, name.lowercasedFast() == "url" {
                pos += 1
                while CSSTokenizer.isWhitespace(at(pos)) && CSSTokenizer.isWhitespace(at(pos + 1)) { pos += 1 }
                let c0 = at(pos), c1 = at(pos + 1)
                if c0 == 0x22 || c0 == 0x27 || (CSSTokenizer.isWhitespace(c0) && (c1 == 0x22 || c1 == 0x27)) {
                    return CSSToken(kind: .function, start: start, end: pos, value: name)
                }
                return consumeURL(start: start)
            }
            pos += 1
            return CSSToken(kind: .function, start: start, end: pos, value: name)
        }
        return CSSToken(kind: .ident, start: start, end: pos, value: name)
    }

    /// §4.3.6: url token, `pos` just after `url(`.
    mutating func consumeURL(start: Int) -> CSSToken {
        var out: [UInt8] = []
        while CSSTokenizer.isWhitespace(at(pos)) { pos += 1 }
        while true {
            let c = at(pos)
            if c < 0 {
                return CSSToken(kind: .url, start: start, end: pos, value: String(decoding: out, as: UTF8.self))
            }
            if c == 0x29 {
                pos += 1
                return CSSToken(kind: .url, start: start, end: pos, value: String(decoding: out, as: UTF8.self))
            }
            if CSSTokenizer.isWhitespace(c) {
                while CSSTokenizer.isWhitespace(at(pos)) { pos += 1 }
                let n = at(pos)
                if n < 0 || n == 0x29 {
                    if n == 0x29 { pos += 1 }
                    return CSSToken(kind: .url, start: start, end: pos, value: String(decoding: out, as: UTF8.self))
                }
                consumeBadURLRemnants()
                return CSSToken(kind: .badURL, start: start, end: pos)
            }
            if c == 0x22 || c == 0x27 || c == 0x28 || CSSTokenizer.isNonPrintable(c) && c != 0 {
                consumeBadURLRemnants()
                return CSSToken(kind: .badURL, start: start, end: pos)
            }
            if c == 0x5C {
                if isValidEscape(pos) {
                    pos += 1
                    consumeEscape(into: &out)
                } else {
                    consumeBadURLRemnants()
                    return CSSToken(kind: .badURL, start: start, end: pos)
                }
                continue
            }
            appendCodePoint(to: &out)
        }
    }

    /// §4.3.14.
    mutating func consumeBadURLRemnants() {
        while pos < end {
            let c = at(pos)
            if c == 0x29 {
                pos += 1
                return
            }
            if isValidEscape(pos) {
                pos += 1
                var sink: [UInt8] = []
                consumeEscape(into: &sink)
            } else {
                pos += 1
            }
        }
    }

    /// §4.3.5: string token, `pos` just after the opening quote.
    mutating func consumeString(quote: Int, start: Int) -> CSSToken {
        var out: [UInt8] = []
        while true {
            let c = at(pos)
            if c < 0 { return CSSToken(kind: .string, start: start, end: pos, value: String(decoding: out, as: UTF8.self)) }
            if c == quote {
                pos += 1
                return CSSToken(kind: .string, start: start, end: pos, value: String(decoding: out, as: UTF8.self))
            }
            if CSSTokenizer.isNewline(c) {
                return CSSToken(kind: .badString, start: start, end: pos, value: String(decoding: out, as: UTF8.self))
            }
            if c == 0x5C {
                let n = at(pos + 1)
                if n < 0 {
                    pos += 1
                } else if CSSTokenizer.isNewline(n) {
                    pos += (n == 0x0D && at(pos + 2) == 0x0A) ? 3 : 2
                } else {
                    pos += 1
                    consumeEscape(into: &out)
                }
                continue
            }
            appendCodePoint(to: &out)
        }
    }

    // MARK: - Main loop (§4.3.1)

    /// The next token, or nil at the end of input.
    public mutating func next() -> CSSToken? {
        while pos < end {
            let start = pos
            let c = at(pos)
            // Comments.
            if c == 0x2F && at(pos + 1) == 0x2A {
                pos += 2
                while pos < end && !(at(pos) == 0x2A && at(pos + 1) == 0x2F) { pos += 1 }
                pos = min(end, pos + 2)
                if keepComments { return CSSToken(kind: .comment, start: start, end: pos) }
                continue
            }
            if CSSTokenizer.isWhitespace(c) {
                while CSSTokenizer.isWhitespace(at(pos)) { pos += 1 }
                return CSSToken(kind: .whitespace, start: start, end: pos)
            }
            switch c {
            case 0x22, 0x27:
                pos += 1
                return consumeString(quote: c, start: start)
            case 0x23:
                if CSSTokenizer.isName(at(pos + 1)) || isValidEscape(pos + 1) {
                    pos += 1
                    let isID = startsIdent(pos)
                    let name = consumeName()
                    return CSSToken(kind: .hash, start: start, end: pos, value: name, isIDHash: isID)
                }
            case 0x28: pos += 1; return CSSToken(kind: .leftParen, start: start, end: pos)
            case 0x29: pos += 1; return CSSToken(kind: .rightParen, start: start, end: pos)
            case 0x2B:
                if startsNumber(pos) { return consumeNumeric(start: start) }
            case 0x2C: pos += 1; return CSSToken(kind: .comma, start: start, end: pos)
            case 0x2D:
                if startsNumber(pos) { return consumeNumeric(start: start) }
                if at(pos + 1) == 0x2D && at(pos + 2) == 0x3E {
                    pos += 3
                    return CSSToken(kind: .cdc, start: start, end: pos)
                }
                if startsIdent(pos) { return consumeIdentLike(start: start) }
            case 0x2E:
                if startsNumber(pos) { return consumeNumeric(start: start) }
            case 0x3A: pos += 1; return CSSToken(kind: .colon, start: start, end: pos)
            case 0x3B: pos += 1; return CSSToken(kind: .semicolon, start: start, end: pos)
            case 0x3C:
                if at(pos + 1) == 0x21 && at(pos + 2) == 0x2D && at(pos + 3) == 0x2D {
                    pos += 4
                    return CSSToken(kind: .cdo, start: start, end: pos)
                }
            case 0x40:
                if startsIdent(pos + 1) {
                    pos += 1
                    let name = consumeName()
                    return CSSToken(kind: .atKeyword, start: start, end: pos, value: name)
                }
            case 0x5B: pos += 1; return CSSToken(kind: .leftBracket, start: start, end: pos)
            case 0x5C:
                if isValidEscape(pos) { return consumeIdentLike(start: start) }
            case 0x5D: pos += 1; return CSSToken(kind: .rightBracket, start: start, end: pos)
            case 0x7B: pos += 1; return CSSToken(kind: .leftBrace, start: start, end: pos)
            case 0x7D: pos += 1; return CSSToken(kind: .rightBrace, start: start, end: pos)
            default:
                if CSSTokenizer.isDigit(c) { return consumeNumeric(start: start) }
                if CSSTokenizer.isNameStart(c) { return consumeIdentLike(start: start) }
            }
            var out: [UInt8] = []
            appendCodePoint(to: &out)
            return CSSToken(kind: .delim, start: start, end: pos, value: String(decoding: out, as: UTF8.self))
        }
        return nil
    }
}
