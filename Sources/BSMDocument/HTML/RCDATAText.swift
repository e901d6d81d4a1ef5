#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `<title>`, `<textarea>` and `<xmp>` hold text in HTML5 (RCDATA / RAWTEXT): a `<!--` there is
/// shown as written. libxml2 2.9 starts a comment at it instead, which swallows the rest of the
/// document — the message body would escape every rule (`<title>Shop <!-- sale</title>` before
/// a body with a telephone number). Before libxml2 reads the bytes, each `<!--` inside such an
/// element becomes `&lt;` (the same four bytes: offsets, lines and columns stay the source's;
/// the element's text reads `<` where `<!--` was).
enum RCDATAText {
    static let names: [[UInt8]] = ["title", "textarea", "xmp"].map { Array($0.utf8) }
    static let opener: [UInt8] = Array("<!--".utf8), closer: [UInt8] = Array("-->".utf8)

    /// The bytes with the comment openers inside those elements neutralised, or nil when there
    /// is none. Jumps from `<` to `<` (`memchr`) and over comments.
    static func neutralize(_ b: [UInt8]) -> [UInt8]? {
        var hits: [Int] = []
        b.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            let n = buf.count
            @inline(__always) func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
            /// The first `needle` at or after `k`: `memchr` to each of its first byte, then a compare.
            func search(_ needle: [UInt8], from k: Int) -> Int? {
                var from = k
                while from + needle.count <= n, let p = memchr(base + from, Int32(needle[0]), n - from) {
                    let at = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
                    guard at + needle.count <= n else { return nil }
                    var ok = true
                    for o in 1..<needle.count where buf[at + o] != needle[o] { ok = false; break }
                    if ok { return at }
                    from = at + 1
                }
                return nil
            }
            guard search(opener, from: 0) != nil else { return }
            func startsName(_ name: [UInt8], at k: Int) -> Bool {
                guard k + name.count < n else { return false }
                for (o, c) in name.enumerated() where lower(buf[k + o]) != c { return false }
                let after = buf[k + name.count]
                return after == 0x3E || after == 0x2F || after == 0x20 || (after >= 0x09 && after <= 0x0D)
            }
            var i = 0
            while i < n {
                guard let p = memchr(base + i, 0x3C, n - i) else { break }
                i = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
                guard i + 1 < n else { break }
                // A comment outside those elements is one: skip it whole.
                if i + 3 < n, buf[i + 1] == 0x21, buf[i + 2] == 0x2D, buf[i + 3] == 0x2D {
                    i = (search(closer, from: i + 4) ?? n) + 3
                    continue
                }
                let first = lower(buf[i + 1])
                guard first == 0x74 || first == 0x78, let name = names.first(where: { startsName($0, at: i + 1) }) else { i += 1; continue }
                // The start tag's end (a `>` in a quoted value does not end it).
                var k = i + 1 + name.count
                var quote: UInt8 = 0
                while k < n {
                    let c = buf[k]
                    if quote != 0 { if c == quote { quote = 0 } } else if c == 0x22 || c == 0x27 { quote = c } else if c == 0x3E { break }
                    k += 1
                }
                // The closing tag, in any letter case.
                var close = n
                var q = k + 1
                while q + 1 + name.count < n, let lt = memchr(base + q, 0x3C, n - q) {
                    let at = base.distance(to: lt.assumingMemoryBound(to: UInt8.self))
                    if at + 1 < n, buf[at + 1] == 0x2F, startsName(name, at: at + 2) { close = at; break }
                    q = at + 1
                }
                var p2 = k + 1
                while p2 < close, let at = search(opener, from: p2), at < close {
                    hits.append(at)
                    p2 = at + 4
                }
                i = close + 1
            }
        }
        guard !hits.isEmpty else { return nil }
        var out = b
        let replacement: [UInt8] = [0x26, 0x6C, 0x74, 0x3B]  // &lt;
        for at in hits { out.replaceSubrange(at..<(at + 4), with: replacement) }
        return out
    }
}
