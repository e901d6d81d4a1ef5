import Foundation

/// Outlook conditional comments (`<!--[if mso]>…<![endif]-->` and the downlevel-revealed
/// `<!--[if !mso]><!-->…<!--<![endif]-->` pair). libxml2 sees both as plain comments.
public enum ConditionalComments {
    public static func classify(_ text: String) -> ConditionalComment? {
        // On bytes for ASCII text: a conditional comment can hold a whole section of the message,
        // and a trimmed copy of each comment, searched by `Character`, cost more than the rest of
        // the comment's handling. Text with other characters keeps the reading by `Character`
        // (a combining mark or joiner next to the syntax makes one cluster with it).
        guard ASCII.isASCII(text) else { return classifyByCharacter(text) }
        var text = text
        return text.withUTF8 { b -> ConditionalComment? in
            var lo = 0, hi = b.count
            while lo < hi, ASCII.isHTMLSpace(b[lo]) { lo += 1 }
            while hi > lo, ASCII.isHTMLSpace(b[hi - 1]) { hi -= 1 }
            let t = UnsafeBufferPointer(rebasing: b[lo..<hi])
            if t.elementsEqual("<![endif]".utf8) { return .revealedEnd }
            guard t.starts(with: "[if".utf8), let close = t.firstIndex(of: 0x5D) else { return nil }  // `]`
            let condition = String(decoding: UnsafeBufferPointer(rebasing: t[3..<close]), as: UTF8.self).trimmingASCIIWhitespace()
            let rest = UnsafeBufferPointer(rebasing: t[(close + 1)...])
            // `]><!` or `]><!-` (at most one character after `><!`: `-->` is not part of the text).
            if rest.starts(with: "><!".utf8), rest.count <= 4 {
                return .revealedStart(condition: condition)
            }
            if rest.starts(with: ">".utf8), t.count >= 9, UnsafeBufferPointer(rebasing: t[(t.count - 9)...]).elementsEqual("<![endif]".utf8) {
                return .downlevelHidden(condition: condition)
            }
            return nil
        }
    }

    /// `classify` by `Character` (grapheme clusters), for text that is not ASCII.
    static func classifyByCharacter(_ text: String) -> ConditionalComment? {
        let t = text.trimmingASCIIWhitespace()
        if t == "<![endif]" { return .revealedEnd }
        guard t.hasPrefix("[if"), let close = t.firstIndex(of: "]") else { return nil }
        let condition = String(t[t.index(t.startIndex, offsetBy: 3)..<close]).trimmingASCIIWhitespace()
        let rest = t[t.index(after: close)...]
        if rest == "><!" || rest.hasPrefix("><!") && rest.count <= 4 { return .revealedStart(condition: condition) }
        if rest.hasPrefix(">") && t.hasSuffix("<![endif]") { return .downlevelHidden(condition: condition) }
        return nil
    }

    /// The markup inside a downlevel-hidden comment (between `]>` and `<![endif]`), with its
    /// decoded offset inside the comment text.
    public static func hiddenContent(_ text: String) -> Substring? {
        guard let open = text.range(of: "]>"), let close = text.range(of: "<![endif]", options: .backwards),
              open.upperBound <= close.lowerBound else { return nil }
        return text[open.upperBound..<close.lowerBound]
    }
}
