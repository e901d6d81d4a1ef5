/// Text that renders nothing: only white space (every Unicode space: `&nbsp;`, hair and em
/// spaces, the ideographic space …) and zero-width or invisible format characters. Placeholders
/// are text. The one definition behind `Node.isBlankText` and the rules' blank-text tests.
public enum BlankText {
    public static func isBlank(_ s: String) -> Bool {
        // ASCII first, byte by byte: the only ASCII white space is TAB…CR and SPACE (Unicode
        // White_Space), so any other ASCII byte is visible text — most runs answer at their first
        // byte without a Unicode property lookup. Non-ASCII text takes the scalar loop below.
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

    /// True for a character that renders nothing: white space or a zero-width or invisible
    /// format character.
    @inline(__always) public static func rendersNothing(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0xA0, 0x200B, 0x200C, 0x200D, 0xFEFF, 0x34F, 0xAD, 0x2060: return true
        default: return u.properties.isWhitespace
        }
    }
}
