/// What counts as rendered text, one definition for layout-lite (empty spacer cells, content
/// columns) and the rules that look for text-bearing elements.
public enum VisibleText {
    /// Elements that are content by themselves, text or not: a cell holding one is not an empty
    /// spacer, a column holding one is a content column.
    public static let contentElements: Set<String> = [
        "img", "svg", "video", "canvas", "object", "embed", "iframe", "picture", "input", "button", "textarea",
        "select", "hr", "audio",
    ]

    /// True for text that renders nothing: only Unicode whitespace (`&nbsp;`, hair spaces …) and
    /// zero-width characters. Placeholders are text.
    public static func isBlank(_ s: String) -> Bool {
        // ASCII first, byte by byte: the only ASCII white space is TAB…CR and SPACE (Unicode
        // White_Space), so any other ASCII byte is visible text — most runs answer at their first
        // byte without a Unicode property lookup. Non-ASCII text takes the scalar loop below.
        // (Template text is mostly the white space between tags, so this loop runs to the end often.)
        let ascii: Bool? = s.utf8.withContiguousStorageIfAvailable { p in
            for b in p {
                if b >= 0x80 { return nil }
                if b != 0x20 && b &- 0x09 > 4 { return false }
            }
            return true
        } ?? nil
        if let ascii { return ascii }
        for u in s.unicodeScalars where !rendersNothing(u) { return false }
        return true
    }

    /// True for a character that renders nothing: white space (every Unicode space: `&nbsp;`,
    /// hair and em spaces, the ideographic space …) or a zero-width or invisible format character.
    @inline(__always) public static func rendersNothing(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0xA0, 0x200B, 0x200C, 0x200D, 0xFEFF, 0x34F, 0xAD, 0x2060: return true
        default: return u.properties.isWhitespace
        }
    }

    /// The UTF-8 offset in `s` of the first character in `range` that renders something; nil
    /// when none does.
    public static func firstVisibleOffset(in s: String, range: Range<Int>) -> Int? {
        let utf8 = s.utf8
        let lo = max(0, min(range.lowerBound, utf8.count)), hi = max(lo, min(range.upperBound, utf8.count))
        guard lo < hi else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: lo), end = utf8.index(utf8.startIndex, offsetBy: hi)
        var offset = lo
        for u in s.unicodeScalars[start..<end] {
            if !rendersNothing(u) { return offset }
            offset += UTF8.width(u)
        }
        return nil
    }
}
