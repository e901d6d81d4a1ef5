import BSMDocument

/// A sentence of the visible text prepared once per document for every phrase look-up:
/// normalised text and word tokens with their positions in `TextModel.text`.
public struct PreparedSentence: Sendable {
    public let text: String
    /// UTF-8 range in `TextModel.text`.
    public let range: Range<Int>
    public let normalized: NormalizedText
    /// Normalized words (elisions split, placeholders, URLs and emails one token each).
    public let tokens: [String]
    /// Absolute UTF-8 ranges of `tokens` in `TextModel.text`.
    public let tokenRanges: [Range<Int>]
    public let hasCJK: Bool

    public init(_ segment: TextSegment, placeholders: PlaceholderMatcher?) {
        text = segment.text
        range = segment.utf8Range
        normalized = NormalizedText(segment.text, placeholders: placeholders)
        let base = segment.utf8Range.lowerBound
        tokens = normalized.tokens.map(\.normalized)
        tokenRanges = normalized.tokens.map { ($0.utf8Range.lowerBound + base)..<($0.utf8Range.upperBound + base) }
        hasCJK = segment.text.unicodeScalars.contains(where: { NormalizedText.isCJKScalar($0) })
    }

    /// A standalone string (an attribute value) as one sentence at offset 0.
    public init(standalone text: String, placeholders: PlaceholderMatcher?) {
        self.init(TextSegment(text: text, utf8Range: 0..<text.utf8.count, kind: .sentence), placeholders: placeholders)
    }

    /// The sentences of a text model, prepared.
    public static func all(_ model: TextModel, placeholders: PlaceholderMatcher) -> [PreparedSentence] {
        model.sentences().map { PreparedSentence($0, placeholders: placeholders) }
    }

    /// Number of words that are not placeholders, numbers, URLs or punctuation, as written: a
    /// contraction written out (`I'm` → `i am`) is one word (its tokens share one range).
    public var wordCount: Int {
        var n = 0
        var last: Range<Int>?
        for (t, r) in zip(tokens, tokenRanges) where t.first.map({ $0.isLetter }) ?? false && r != last {
            n += 1
            last = r
        }
        return n
    }
}

extension NormalizedText {
    public static func isCJKScalar(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return (0x3040...0x30FF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v)
            || (0xFF66...0xFF9F).contains(v)
    }
}
