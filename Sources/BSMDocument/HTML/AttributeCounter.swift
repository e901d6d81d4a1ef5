#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte scan, before libxml2 sees the input, for start tags with more attributes than a limit.
///
/// libxml2 2.9 compares each attribute of a start tag with every earlier one (duplicate check) and
/// appends each to the end of a linked list, so one tag with 100,000 attributes takes it minutes.
/// Counting first is one linear pass. The count follows HTML's attribute syntax (name, optional
/// `=` and a quoted or unquoted value); comments and the raw text of `<script>`/`<style>` are
/// skipped so that code there is never read as a tag.
enum AttributeCounter {
    /// The byte offset of the first start tag with more than `limit` attributes, or nil.
    static func firstTagOver(_ limit: Int, in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { scan($0, limit) }
    }

    private static func scan(_ p: UnsafeBufferPointer<UInt8>, _ limit: Int) -> Int? {
        let n = p.count
        var i = 0
        guard let base = p.baseAddress else { return nil }
        while i < n {
            // Jump to the next '<'.
            guard let lt = memchr(base + i, 0x3C, n - i) else { break }
            i = base.distance(to: lt.assumingMemoryBound(to: UInt8.self))
            let tagStart = i
            i += 1
            guard i < n else { break }
            if p[i] == 0x21, i + 2 < n, p[i + 1] == 0x2D, p[i + 2] == 0x2D {   // "<!--"
                i = StartTagScanner.find([0x2D, 0x2D, 0x3E], in: p, from: i + 3) ?? n
                continue
            }
            guard StartTagScanner.isLetter(p[i]) else { continue }
            let nameStart = i
            while i < n, !ASCII.isHTMLSpace(p[i]), p[i] != 0x3E, p[i] != 0x2F { i += 1 }
            let rawText = name(p, nameStart, i, is: "script") ? "script" : name(p, nameStart, i, is: "style") ? "style" : nil
            // Every attribute takes at least two bytes (a name byte and a separator, `=` or
            // quote), the last one excepted: a tag that ends, with no quote in it, fewer than
            // 2 × limit bytes on cannot hold more than `limit`. Most tags end here.
            var count = 0
            if let gt = memchr(base + i, 0x3E, n - i) {
                let g = base.distance(to: gt.assumingMemoryBound(to: UInt8.self))
                if g - i < 2 * limit - 2, memchr(base + i, 0x22, g - i) == nil, memchr(base + i, 0x27, g - i) == nil {
                    i = g
                    count = -1
                }
            }
            attributes: while count >= 0, i < n {
                while i < n, ASCII.isHTMLSpace(p[i]) || p[i] == 0x2F { i += 1 }
                guard i < n, p[i] != 0x3E else { break attributes }
                // Name: up to whitespace, '=', '>' or '/' (an '=' may start a name, as in HTML).
                i += 1
                while i < n, !ASCII.isHTMLSpace(p[i]), p[i] != 0x3D, p[i] != 0x3E, p[i] != 0x2F { i += 1 }
                count += 1
                if count > limit { return tagStart }
                var j = i
                while j < n, ASCII.isHTMLSpace(p[j]) { j += 1 }
                guard j < n, p[j] == 0x3D else { continue }
                j += 1
                while j < n, ASCII.isHTMLSpace(p[j]) { j += 1 }
                guard j < n else { i = j; break attributes }
                if p[j] == 0x22 || p[j] == 0x27 {
                    let quote = p[j]
                    j += 1
                    while j < n, p[j] != quote { j += 1 }
                    i = min(n, j + 1)
                } else {
                    while j < n, !ASCII.isHTMLSpace(p[j]), p[j] != 0x3E { j += 1 }
                    i = j
                }
            }
            if let rawText {
                // Skip to the closing tag, compared case-insensitively.
                var k = i
                while k < n {
                    guard let lt = StartTagScanner.find([0x3C, 0x2F], in: p, from: k) else { k = n; break }
                    if name(p, lt + 2, min(n, lt + 2 + rawText.utf8.count), is: rawText) { k = lt; break }
                    k = lt + 2
                }
                i = k
            }
        }
        return nil
    }

    private static func name(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, is lower: String) -> Bool {
        guard to - from == lower.utf8.count else { return false }
        var k = from
        for c in lower.utf8 {
            guard p[k] | 0x20 == c else { return false }
            k += 1
        }
        return true
    }
}
