import BSMText

/// Review requests inside a sentence, for `review-incentive` and `review-conditional`: a review,
/// feedback, rating or star word in an asking context (`[review-request]`: “leave … review”,
/// “would appreciate a … rating”, “rate us”, “laissez … avis”, “Bewertung … abgeben”,
/// “レビュー…お願い” …), not the bare word. “Please review the proof”, “IP67 rating”,
/// “avis de passage”, “Bewertung des Schadens” are no requests. A request that overlaps a
/// `[not-review]` phrase (a notice or an assessment: “avis de passage”, “Vielen Dank für Ihre
/// Bewertung”) does not count.
enum ReviewRequests {
    static func hits(in s: SentenceView) -> [PhraseHit] {
        let requests = PhrasePacks.section("review-request").hits(in: s)
        guard !requests.isEmpty else { return [] }
        let blockers = PhrasePacks.section("not-review").hits(in: s)
        guard !blockers.isEmpty else { return requests }
        return requests.filter { r in !blockers.contains { $0.range.overlaps(r.range) } }
    }

    /// A five-star target written with star symbols: `5★`, `5 ⭐`, `★★★★★` (the symbols are no
    /// words, so the phrase packs do not see them).
    static func starSymbolTarget(in s: SentenceView) -> PhraseHit? {
        let stars: Set<UInt32> = [0x2605, 0x2B50, 0x1F31F]
        let chars = Array(s.text)
        var run = 0
        for (i, c) in chars.enumerated() {
            if let u = c.unicodeScalars.first, stars.contains(u.value) {
                run += 1
                if run == 5 { return PhraseHit(phrase: "★★★★★", language: "", range: s.range) }
                if run == 1 {
                    var j = i - 1
                    while j >= 0, chars[j] == " " || chars[j] == "\u{00A0}" { j -= 1 }
                    if j >= 0, chars[j] == "5" || chars[j] == "５" {
                        let before = j - 1
                        if before < 0 || !(chars[before].isNumber) {
                            return PhraseHit(phrase: "5★", language: "", range: s.range)
                        }
                    }
                }
            } else if c != " " {
                run = 0
            }
        }
        return nil
    }
}
