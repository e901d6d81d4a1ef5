#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level scanning of start tags in the decoded UTF-8 buffer: where a tag begins, and where
/// each attribute's name and value are. libxml2 keeps no columns, so bsmlint finds them itself.
enum StartTagScanner {
    struct RawAttribute {
        var nameStart: Int
        var nameEnd: Int
        var valueStart: Int?
        var valueEnd: Int?
        /// Just past the value's closing quote (or the name for boolean attributes).
        var end: Int

        func rawValue(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
            guard let s = valueStart, let e = valueEnd, s <= e, e <= bytes.count else { return "" }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[s..<e]), as: UTF8.self)
        }
    }

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always) static func isNameByte(_ b: UInt8) -> Bool {
        isLetter(b) || (b >= 0x30 && b <= 0x39) || b == 0x3A || b == 0x2D || b == 0x5F || b == 0x2E
    }

    /// First `<rawname` at or after `from` and before `to` whose name equals `name` (libxml2's
    /// lowercased name) or ends with `:name` (namespace prefixes libxml2 drops).
    static func findTagStart(in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int,
                             name: UnsafeBufferPointer<UInt8>) -> (Int, String)? {
        var i = max(0, from)
        while i < to {
            if bytes[i] == 0x3C, i + 1 < to, isLetter(bytes[i + 1]) {
                var j = i + 1
                while j < to, isNameByte(bytes[j]) { j += 1 }
                let len = j - (i + 1)
                if matches(bytes, i + 1, len, name) {
                    return (i, String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 1)..<j]), as: UTF8.self))
                }
                i = j
                continue
            }
            i += 1
        }
        return nil
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ s: Int, _ len: Int, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        func eq(_ off: Int, _ count: Int) -> Bool {
            guard count == name.count else { return false }
            for k in 0..<count where lower(bytes[off + k]) != lower(name[k]) { return false }
            return true
        }
        if eq(s, len) { return true }
        // `o:p` → `p`: compare the part after the last colon.
        var k = s + len - 1
        while k >= s, bytes[k] != 0x3A { k -= 1 }
        if k >= s { return eq(k + 1, s + len - (k + 1)) }
        return false
    }

    /// The `>` that ends a start tag, searching from `from` (inside the tag) up to `to`: the
    /// first one outside a quoted attribute value (`alt="a > b"`); `to` when the tag is unfinished.
    static func tagClose(in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        var j = from
        var quote: UInt8 = 0
        while j < to {
            let c = bytes[j]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == 0x22 || c == 0x27 {
                quote = c
            } else if c == 0x3E {
                return j
            }
            j += 1
        }
        return to
    }

    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }

    /// True when the bytes at `k` are `name` (lower case; compared caselessly) followed by `>`,
    /// `/` or white space: a tag of that name starts (or ends) there.
    static func startsName(_ name: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at k: Int) -> Bool {
        guard k + name.count < bytes.count else { return false }
        for (o, c) in name.enumerated() where lower(bytes[k + o]) != c { return false }
        let after = bytes[k + name.count]
        return after == 0x3E || after == 0x2F || after == 0x20 || (after >= 0x09 && after <= 0x0D)
    }

    /// Where the end tag `</name` (any letter case, followed by `>`, `/` or white space) first
    /// starts at or after `from`: the end of an element whose content is text (`<style>`,
    /// `<script>`, `<title>`, `<textarea>`, `<xmp>`). `memchr` from `<` to `<`.
    static func endTag(_ name: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var q = from
        while let lt = find(endTagOpener, in: bytes, from: q) {
            if startsName(name, in: bytes, at: lt + 2) { return lt }
            q = lt + 1
        }
        return nil
    }

    static let endTagOpener: [UInt8] = [0x3C, 0x2F]

    /// The first `needle` at or after `from` (exact bytes): `memchr` to each of its first byte,
    /// then a compare.
    static func find(_ needle: [UInt8], in p: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let n = p.count, m = needle.count
        guard let base = p.baseAddress, m > 0 else { return nil }
        var i = max(0, from)
        while i + m <= n {
            guard let hit = memchr(base + i, Int32(needle[0]), n - i) else { return nil }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            guard i + m <= n else { return nil }
            var k = 1
            while k < m, p[i + k] == needle[k] { k += 1 }
            if k == m { return i }
            i += 1
        }
        return nil
    }

    /// Attributes between the tag name and `tagEnd` (just past `>`), as the HTML tokenizer sees them.
    static func scanAttributes(in bytes: UnsafeBufferPointer<UInt8>, tagStart: Int, nameLength: Int, tagEnd: Int) -> [RawAttribute] {
        var out: [RawAttribute] = []
        var i = tagStart + 1 + nameLength
        let end = max(i, tagEnd - 1)  // exclude '>'
        while i < end {
            let b = bytes[i]
            if ASCII.isHTMLSpace(b) || b == 0x2F { i += 1; continue }
            // Attribute name: up to space, '/', '>', '='.
            let ns = i
            i += 1
            while i < end, !ASCII.isHTMLSpace(bytes[i]), bytes[i] != 0x2F, bytes[i] != 0x3D, bytes[i] != 0x3E { i += 1 }
            let ne = i
            var j = i
            while j < end, ASCII.isHTMLSpace(bytes[j]) { j += 1 }
            if j < end, bytes[j] == 0x3D {
                j += 1
                while j < end, ASCII.isHTMLSpace(bytes[j]) { j += 1 }
                if j < end, bytes[j] == 0x22 || bytes[j] == 0x27 {
                    let q = bytes[j]
                    let vs = j + 1
                    var k = vs
                    while k < end, bytes[k] != q { k += 1 }
                    out.append(RawAttribute(nameStart: ns, nameEnd: ne, valueStart: vs, valueEnd: k, end: min(k + 1, end)))
                    i = k + 1
                } else {
                    let vs = j
                    var k = j
                    while k < end, !ASCII.isHTMLSpace(bytes[k]), bytes[k] != 0x3E { k += 1 }
                    out.append(RawAttribute(nameStart: ns, nameEnd: ne, valueStart: vs, valueEnd: k, end: k))
                    i = k
                }
            } else {
                out.append(RawAttribute(nameStart: ns, nameEnd: ne, valueStart: nil, valueEnd: nil, end: ne))
                i = ne
            }
        }
        return out
    }
}
