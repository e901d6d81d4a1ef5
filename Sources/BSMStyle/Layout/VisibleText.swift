import BSMDocument

/// What counts as rendered text, one definition for layout-lite (empty spacer cells, content
/// columns) and the rules that look for text-bearing elements.
public enum VisibleText {
    /// Elements that are content by themselves, text or not: a cell holding one is not an empty
    /// spacer, a column holding one is a content column.
    public static let contentElements: Set<String> = [
        "img", "svg", "video", "canvas", "object", "embed", "iframe", "picture", "input", "button", "textarea",
        "select", "hr", "audio",
    ]

    /// The UTF-8 offset in `s` of the first character in `range` that renders something; nil
    /// when none does.
    public static func firstVisibleOffset(in s: String, range: Range<Int>) -> Int? {
        let utf8 = s.utf8
        let lo = max(0, min(range.lowerBound, utf8.count)), hi = max(lo, min(range.upperBound, utf8.count))
        guard lo < hi else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: lo), end = utf8.index(utf8.startIndex, offsetBy: hi)
        var offset = lo
        for u in s.unicodeScalars[start..<end] {
            if !BlankText.rendersNothing(u) { return offset }
            offset += UTF8.width(u)
        }
        return nil
    }
}
