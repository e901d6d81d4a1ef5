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
            guard let base = buf.baseAddress, StartTagScanner.find(opener, in: buf, from: 0) != nil else { return }
            let n = buf.count
            var i = 0
            while i < n {
                guard let p = memchr(base + i, 0x3C, n - i) else { break }
                i = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
                guard i + 1 < n else { break }
                // A comment outside those elements is one: skip it whole.
                if i + 3 < n, buf[i + 1] == 0x21, buf[i + 2] == 0x2D, buf[i + 3] == 0x2D {
                    i = (StartTagScanner.find(closer, in: buf, from: i + 4) ?? n) + 3
                    continue
                }
                let first = StartTagScanner.lower(buf[i + 1])
                guard first == 0x74 || first == 0x78,
                      let name = names.first(where: { StartTagScanner.startsName($0, in: buf, at: i + 1) }) else { i += 1; continue }
                let contentStart = StartTagScanner.tagClose(in: buf, from: i + 1 + name.count, to: n) + 1
                // The closing tag, in any letter case.
                let close = StartTagScanner.endTag(name, in: buf, from: contentStart) ?? n
                var from = contentStart
                while from < close, let at = StartTagScanner.find(opener, in: buf, from: from), at < close {
                    hits.append(at)
                    from = at + 4
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
