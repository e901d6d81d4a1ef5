import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns an input's raw bytes into the UTF-8 `SourceText` every parser reads, choosing the
/// encoding the way a mail client would: byte-order mark, then the charset a caller knows (MIME),
/// then a `<meta>` prescan of the first 1024 bytes (HTML only), then UTF-8 with a per-byte
/// windows-1252 fallback for bytes that are not valid UTF-8.
public enum TextDecoder {
    public struct Result: Sendable {
        public var source: SourceText
        /// Bytes that were not valid UTF-8 and were read as windows-1252.
        public var fallbackBytes: Int
    }

    public static func decode(_ bytes: [UInt8], html: Bool, declaredCharset: String? = nil,
                              baseLine: Int = 0, baseOffset: Int = 0) -> Result {
        // 1. Byte-order marks.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            return utf8(bytes, from: 3, label: "utf-8", how: "bom", baseLine: baseLine, baseOffset: baseOffset)
        }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            return utf16(bytes, from: 2, littleEndian: true, how: "bom", baseLine: baseLine, baseOffset: baseOffset)
        }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            return utf16(bytes, from: 2, littleEndian: false, how: "bom", baseLine: baseLine, baseOffset: baseOffset)
        }
        // 2. UTF-16 without a BOM: NUL bytes in every other position of ASCII-range text.
        if let le = sniffUTF16WithoutBOM(bytes) {
            return utf16(bytes, from: 0, littleEndian: le, how: "sniffed", baseLine: baseLine, baseOffset: baseOffset)
        }
        // 3. A charset the container declared, else a <meta> prescan.
        var label: String?
        var how = "default"
        if let d = declaredCharset, !d.isEmpty {
            label = d
            how = "declared"
        } else if html, let (l, source) = prescanMeta(bytes) {
            label = l
            how = source
        }
        switch normalizedLabel(label) {
        case "utf-8", nil, "utf-16":
            // A <meta> claiming UTF-16 in an ASCII-compatible file means UTF-8 (WHATWG).
            return utf8(bytes, from: 0, label: "utf-8", how: label == nil ? "default" : how,
                        baseLine: baseLine, baseOffset: baseOffset)
        case "windows-1252":
            return windows1252(bytes, how: how, baseLine: baseLine, baseOffset: baseOffset)
        case let other?:
            if let r = iconvDecode(bytes, label: other, how: how, baseLine: baseLine, baseOffset: baseOffset) {
                return r
            }
            return utf8(bytes, from: 0, label: "utf-8", how: "default", baseLine: baseLine, baseOffset: baseOffset)
        }
    }

    /// Maps a charset label to the decoder that handles it (WHATWG treats latin1/ascii as 1252).
    static func normalizedLabel(_ label: String?) -> String? {
        guard let raw = label else { return nil }
        let l = raw.lowercased().trimmingASCIIWhitespace()
        switch l {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": return "utf-8"
        case "utf-16", "utf-16le", "utf-16be", "unicode", "ucs-2": return "utf-16"
        case "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1",
             "l1", "us-ascii", "ascii", "ansi_x3.4-1968", "iso-ir-100", "ibm819", "cp819", "csisolatin1",
             "iso_8859-1:1987", "8859-1":
            return "windows-1252"
        case "": return nil
        default: return l
        }
    }

    // MARK: - <meta> prescan

    /// Finds `<meta charset=X>` or `<meta http-equiv=Content-Type content="...charset=X">` in the
    /// first 1024 bytes. Returns the label and `meta` or `http-equiv`.
    static func prescanMeta(_ bytes: [UInt8]) -> (String, String)? {
        let limit = min(bytes.count, 1024)
        var i = 0
        while i + 5 < limit {
            if bytes[i] == 0x3C, lower(bytes[i + 1]) == 0x6D, lower(bytes[i + 2]) == 0x65,
               lower(bytes[i + 3]) == 0x74, lower(bytes[i + 4]) == 0x61,
               isSpaceOrSlash(bytes[i + 5]) {
                // Collect the tag up to '>' (bounded by the whole file for a tag straddling 1024).
                var j = i + 5
                while j < bytes.count, bytes[j] != 0x3E { j += 1 }
                let tag = String(decoding: bytes[(i + 5)..<j], as: UTF8.self).lowercased()
                if let v = attributeValue(tag, "charset") { return (v, "meta") }
                if let he = attributeValue(tag, "http-equiv"), he.lowercased() == "content-type",
                   let content = attributeValue(tag, "content"), let cs = charsetFromContentType(content) {
                    return (cs, "http-equiv")
                }
                i = j
            } else if bytes[i] == 0x3C, i + 3 < limit, bytes[i + 1] == 0x21, bytes[i + 2] == 0x2D, bytes[i + 3] == 0x2D {
                // Skip comments: a charset inside one is not a declaration.
                var j = i + 4
                while j + 2 < bytes.count, !(bytes[j] == 0x2D && bytes[j + 1] == 0x2D && bytes[j + 2] == 0x3E) { j += 1 }
                i = j + 3
            } else {
                i += 1
            }
        }
        return nil
    }

    /// `charset=X` inside a Content-Type value (quotes allowed).
    public static func charsetFromContentType(_ content: String) -> String? {
        let lower = content.lowercased()
        guard let r = lower.range(of: "charset") else { return nil }
        var rest = lower[r.upperBound...].drop(while: { $0 == " " || $0 == "\t" })
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop(while: { $0 == " " || $0 == "\t" })
        if let q = rest.first, q == "\"" || q == "'" {
            rest = rest.dropFirst()
            let v = rest.prefix(while: { $0 != q })
            return v.isEmpty ? nil : String(v)
        }
        let v = rest.prefix(while: { $0 != ";" && $0 != " " && $0 != "\t" && $0 != "\"" && $0 != "'" })
        return v.isEmpty ? nil : String(v)
    }

    /// Value of attribute `name` in the inside of a tag (already lowercased), parsed the way the
    /// HTML tokenizer reads attributes (so `charset=` inside another attribute's value is not one).
    static func attributeValue(_ tag: String, _ name: String) -> String? {
        let b = Array(tag.utf8)
        var i = 0
        func isWS(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C }
        while i < b.count {
            while i < b.count, isWS(b[i]) || b[i] == 0x2F { i += 1 }
            let ns = i
            while i < b.count, !isWS(b[i]), b[i] != 0x3D, b[i] != 0x2F { i += 1 }
            let attrName = String(decoding: b[ns..<i], as: UTF8.self)
            while i < b.count, isWS(b[i]) { i += 1 }
            var value = ""
            if i < b.count, b[i] == 0x3D {
                i += 1
                while i < b.count, isWS(b[i]) { i += 1 }
                if i < b.count, b[i] == 0x22 || b[i] == 0x27 {
                    let q = b[i]
                    i += 1
                    let vs = i
                    while i < b.count, b[i] != q { i += 1 }
                    value = String(decoding: b[vs..<i], as: UTF8.self)
                    i += 1
                } else {
                    let vs = i
                    while i < b.count, !isWS(b[i]) { i += 1 }
                    value = String(decoding: b[vs..<i], as: UTF8.self)
                }
            }
            if attrName == name { return value.trimmingASCIIWhitespace() }
            if i == ns { i += 1 }
        }
        return nil
    }

    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }
    @inline(__always) static func isSpaceOrSlash(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C || b == 0x2F
    }

    // MARK: - decoders

    /// UTF-8, with each byte that does not start a valid sequence read as windows-1252 and NUL
    /// replaced by a space.
    static func utf8(_ bytes: [UInt8], from start: Int, label: String, how: String,
                     baseLine: Int, baseOffset: Int) -> Result {
        // Fast path: valid UTF-8 without NUL needs no copy and no offset map.
        if start == 0, isCleanUTF8(bytes) {
            let text = SourceText(utf8: bytes, encoding: label, encodingSource: how, originalByteCount: bytes.count,
                                  baseLine: baseLine, baseOffset: baseOffset)
            return Result(source: text, fallbackBytes: 0)
        }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count - start + 16)
        var map: [(decoded: Int, original: Int)] = []
        if start > 0 { map.append((0, start)) }
        var nuls = 0
        var fallback = 0
        var sawMultibyte = false
        var i = start
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0 { out.append(0x20); nuls += 1 } else { out.append(b) }
                i += 1
                continue
            }
            let len = validUTF8SequenceLength(bytes, i)
            if len > 0 {
                sawMultibyte = true
                out.append(contentsOf: bytes[i..<(i + len)])
                i += len
            } else {
                fallback += 1
                appendScalar(windows1252Scalar(b), to: &out)
                i += 1
                map.append((out.count, i))
            }
        }
        let enc = fallback > 0 && !sawMultibyte ? "windows-1252" : label
        let src = fallback > 0 ? (sawMultibyte ? "fallback-mixed" : "fallback") : how
        let text = SourceText(utf8: out, encoding: enc, encodingSource: src, originalByteCount: n,
                              nulCount: nuls, offsetMap: map, baseLine: baseLine, baseOffset: baseOffset)
        return Result(source: text, fallbackBytes: fallback)
    }

    /// True when every byte sequence is valid UTF-8 and there is no NUL: the decoded text is the
    /// input itself. ASCII is skipped eight bytes at a time.
    static func isCleanUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return true }
            let n = buf.count
            if memchr(base, 0, n) != nil { return false }
            let raw = UnsafeRawPointer(base)
            var i = 0
            while i < n {
                while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
                guard i < n else { break }
                if buf[i] < 0x80 { i += 1; continue }
                let len = validUTF8SequenceLength(bytes, i)
                if len == 0 { return false }
                i += len
            }
            return true
        }
    }

    static func windows1252(_ bytes: [UInt8], how: String, baseLine: Int, baseOffset: Int) -> Result {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + 16)
        var map: [(decoded: Int, original: Int)] = []
        var nuls = 0
        for (i, b) in bytes.enumerated() {
            if b < 0x80 {
                if b == 0 { out.append(0x20); nuls += 1 } else { out.append(b) }
            } else {
                appendScalar(windows1252Scalar(b), to: &out)
                map.append((out.count, i + 1))
            }
        }
        let text = SourceText(utf8: out, encoding: "windows-1252", encodingSource: how, originalByteCount: bytes.count,
                              nulCount: nuls, offsetMap: map, baseLine: baseLine, baseOffset: baseOffset)
        return Result(source: text, fallbackBytes: 0)
    }

    static func utf16(_ bytes: [UInt8], from start: Int, littleEndian: Bool, how: String,
                      baseLine: Int, baseOffset: Int) -> Result {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var map: [(decoded: Int, original: Int)] = [(0, start)]
        var nuls = 0
        var i = start
        let n = bytes.count
        func unit(_ k: Int) -> UInt32 {
            littleEndian ? UInt32(bytes[k]) | UInt32(bytes[k + 1]) << 8 : UInt32(bytes[k]) << 8 | UInt32(bytes[k + 1])
        }
        while i + 1 < n {
            var u = unit(i)
            var consumed = 2
            if u >= 0xD800 && u < 0xDC00, i + 3 < n {
                let lo = unit(i + 2)
                if lo >= 0xDC00 && lo < 0xE000 {
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)
                    consumed = 4
                } else { u = 0xFFFD }
            } else if u >= 0xD800 && u < 0xE000 {
                u = 0xFFFD
            }
            if u == 0 { out.append(0x20); nuls += 1 } else { appendScalar(Unicode.Scalar(u) ?? "\u{FFFD}", to: &out) }
            i += consumed
            map.append((out.count, i))
        }
        let text = SourceText(utf8: out, encoding: littleEndian ? "utf-16le" : "utf-16be", encodingSource: how,
                              originalByteCount: n, nulCount: nuls, offsetMap: compress(map),
                              baseLine: baseLine, baseOffset: baseOffset)
        return Result(source: text, fallbackBytes: 0)
    }

    /// True when a declared charset label can be decoded (UTF-8/16, windows-1252 and its
    /// aliases, or anything iconv knows); an unknown one is read as UTF-8.
    public static func canDecode(charset label: String) -> Bool {
        switch normalizedLabel(label) {
        case "utf-8", "utf-16", "windows-1252", nil: return true
        case let other?:
            #if canImport(Glibc) || canImport(Darwin)
            let cd = iconv_open("UTF-8", other.uppercased())
            if cd == iconv_t(bitPattern: -1) { return false }
            iconv_close(cd)
            return true
            #else
            return false
            #endif
        }
    }

    /// Any other charset, through iconv, one character at a time so every character keeps its
    /// original offset. Returns nil when iconv does not know the label.
    static func iconvDecode(_ bytes: [UInt8], label: String, how: String, baseLine: Int, baseOffset: Int) -> Result? {
        #if canImport(Glibc) || canImport(Darwin)
        let cd = iconv_open("UTF-8", label.uppercased())
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        var map: [(decoded: Int, original: Int)] = []
        var nuls = 0
        var i = 0
        var outChunk = [UInt8](repeating: 0, count: 16)
        var input = bytes
        while i < input.count {
            var produced = 0
            var consumedLen = 0
            for len in 1...min(4, input.count - i) {
                let ok: Bool = input.withUnsafeMutableBufferPointer { inBuf in
                    outChunk.withUnsafeMutableBufferPointer { outBuf in
                        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress! + i).assumingMemoryBound(to: CChar.self)
                        var inLeft = len
                        var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                        var outLeft = outBuf.count
                        let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                        if r == -1 && inLeft == len { return false }
                        produced = outBuf.count - outLeft
                        consumedLen = len - inLeft
                        return consumedLen > 0
                    }
                }
                if ok { break }
            }
            if consumedLen == 0 {
                // Invalid byte for this charset: replacement character, one byte.
                appendScalar("\u{FFFD}", to: &out)
                i += 1
                _ = iconv(cd, nil, nil, nil, nil)
            } else {
                for k in 0..<produced {
                    if outChunk[k] == 0 { out.append(0x20); nuls += 1 } else { out.append(outChunk[k]) }
                }
                i += consumedLen
            }
            map.append((out.count, i))
            _ = input  // keep the buffer alive for the closure above
        }
        input = []
        let text = SourceText(utf8: out, encoding: label.lowercased(), encodingSource: how, originalByteCount: bytes.count,
                              nulCount: nuls, offsetMap: compress(map), baseLine: baseLine, baseOffset: baseOffset)
        return Result(source: text, fallbackBytes: 0)
        #else
        return nil
        #endif
    }

    /// Drops checkpoints that do not change the decoded→original delta.
    static func compress(_ map: [(decoded: Int, original: Int)]) -> [(decoded: Int, original: Int)] {
        var out: [(decoded: Int, original: Int)] = []
        out.reserveCapacity(map.count / 4)
        var lastDelta = 0
        for cp in map {
            let d = cp.original - cp.decoded
            if out.isEmpty ? d != 0 : d != lastDelta {
                out.append(cp)
                lastDelta = d
            }
        }
        return out
    }

    /// Length of the valid UTF-8 sequence starting at `i`, or 0.
    static func validUTF8SequenceLength(_ b: [UInt8], _ i: Int) -> Int {
        let n = b.count
        let c = b[i]
        @inline(__always) func cont(_ k: Int) -> Bool { k < n && b[k] & 0xC0 == 0x80 }
        if c >= 0xC2 && c <= 0xDF { return cont(i + 1) ? 2 : 0 }
        if c == 0xE0 { return i + 2 < n && b[i + 1] >= 0xA0 && b[i + 1] <= 0xBF && cont(i + 2) ? 3 : 0 }
        if c == 0xED { return i + 2 < n && b[i + 1] >= 0x80 && b[i + 1] <= 0x9F && cont(i + 2) ? 3 : 0 }
        if c >= 0xE1 && c <= 0xEF { return cont(i + 1) && cont(i + 2) ? 3 : 0 }
        if c == 0xF0 { return i + 3 < n && b[i + 1] >= 0x90 && b[i + 1] <= 0xBF && cont(i + 2) && cont(i + 3) ? 4 : 0 }
        if c >= 0xF1 && c <= 0xF3 { return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0 }
        if c == 0xF4 { return i + 3 < n && b[i + 1] >= 0x80 && b[i + 1] <= 0x8F && cont(i + 2) && cont(i + 3) ? 4 : 0 }
        return 0
    }

    public static func sniffUTF16WithoutBOM(_ b: [UInt8]) -> Bool? {
        let n = min(b.count, 512)
        guard n >= 8 else { return nil }
        var evenZero = 0, oddZero = 0
        var k = 0
        while k + 1 < n {
            if b[k] == 0 { evenZero += 1 }
            if b[k + 1] == 0 { oddZero += 1 }
            k += 2
        }
        let pairs = n / 2
        if oddZero * 10 >= pairs * 9 && evenZero * 10 < pairs { return true }   // "<\0h\0" little-endian
        if evenZero * 10 >= pairs * 9 && oddZero * 10 < pairs { return false }  // "\0<\0h" big-endian
        return nil
    }

    static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    public static func windows1252Scalar(_ b: UInt8) -> Unicode.Scalar {
        if b >= 0x80 && b <= 0x9F { return Unicode.Scalar(cp1252High[Int(b) - 0x80]) ?? "\u{FFFD}" }
        return Unicode.Scalar(b)
    }

    @inline(__always) static func appendScalar(_ s: Unicode.Scalar, to out: inout [UInt8]) {
        var v = s.value
        if v < 0x80 { out.append(UInt8(v)); return }
        if v < 0x800 {
            out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F))); return
        }
        if v < 0x10000 {
            out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F))); return
        }
        if v > 0x10FFFF { v = 0xFFFD }
        out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
        out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
    }
}

extension String {
    /// Trims ASCII whitespace (space, tab, CR, LF, FF) from both ends without Foundation.
    public func trimmingASCIIWhitespace() -> String {
        // Nothing to trim when neither end byte is ASCII white space (the set is ASCII only, so
        // a byte test at each end decides it): no walk by `Character`, no copy.
        let u = utf8
        guard let first = u.first, let last = u.last else { return "" }
        if !ASCII.isHTMLSpace(first), !ASCII.isHTMLSpace(last) { return self }
        let ws: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" || $0 == "\r\n" }
        guard let s = firstIndex(where: { !ws($0) }), let e = lastIndex(where: { !ws($0) }) else { return "" }
        return String(self[s...e])
    }
}

extension String {
    /// Exactly `trimmingCharacters(in: .whitespacesAndNewlines)`, without Foundation's NSString
    /// bridge in the common case: when the first and last bytes are ASCII and not white space
    /// (tab, LF, VT, FF, CR, space — the only ASCII members of that set), nothing is trimmed.
    /// Anything else goes to Foundation. (The bridge was ≈ 2 % of a styling run: every URL.)
    public func trimmingWhitespacesAndNewlines() -> String {
        trimming(.whitespacesAndNewlines) { $0 < 0x80 && $0 != 0x20 && !(0x09...0x0D).contains($0) }
    }

    /// Exactly `trimmingCharacters(in: .whitespaces)` (tab and the Unicode space separators: the
    /// only ASCII members are space and tab), without Foundation when the first and last bytes
    /// are ASCII and neither (every placeholder's inner text goes through it).
    public func trimmingWhitespaces() -> String {
        trimming(.whitespaces) { $0 < 0x80 && $0 != 0x20 && $0 != 0x09 }
    }

    /// `trimmingCharacters(in: set)` (the set built only then), answered without Foundation when the first and last bytes
    /// are ones `keeps` says the set cannot hold (ASCII outside the set): nothing to trim.
    private func trimming(_ set: @autoclosure () -> CharacterSet, keeps: (UInt8) -> Bool) -> String {
        let u = utf8
        guard let first = u.first, let last = u.last else { return "" }
        if keeps(first), keeps(last) { return self }
        return trimmingCharacters(in: set())
    }
}
