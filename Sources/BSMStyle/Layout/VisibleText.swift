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
        for u in s.unicodeScalars {
            switch u.value {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0xA0, 0x200B, 0x200C, 0x200D, 0xFEFF, 0x34F, 0xAD, 0x2060: continue
            default:
                // Every Unicode space (hair space, em space, ideographic space …) renders nothing.
                if u.properties.isWhitespace { continue }
                return false
            }
        }
        return true
    }
}
