import Foundation

/// Outlook conditional comments (`<!--[if mso]>…<![endif]-->` and the downlevel-revealed
/// `<!--[if !mso]><!-->…<!--<![endif]-->` pair). libxml2 sees both as plain comments.
public enum ConditionalComments {
    public static func classify(_ text: String) -> ConditionalComment? {
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
