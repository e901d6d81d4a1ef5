import BSMDocument
import BSMEngine
import BSMText

/// `review-removal`: asking to remove, change, update or revise a review, rating or feedback.
public struct ReviewRemovalRule: Rule {
    public static let metadata = RuleMetadata(
        id: "review-removal",
        name: "Review removal request",
        category: .content,
        defaultSeverity: .error,
        summary: "A sentence asks the buyer to remove, change, update or revise a review, rating or feedback",
        rationale: """
        Amazon forbids asking buyers to remove or update an existing review or feedback (content rule 2), even after \
        solving their problem.
        """,
        fix: "Solve the buyer's problem without mentioning their review; Amazon lets buyers change reviews on their own.",
        decisions: [
            "A removal verb (remove, delete, change, update, revise, edit, withdraw, reconsider, eliminar, modifier, löschen, ändern, zurückziehen, überarbeiten, rimuovere, 削除, 変更 …) followed by a review word with at most three words between (review, feedback, rating, avis, Bewertung …), or a review word followed by removed/changed/löschen/zurückziehen/überarbeiten, in the same sentence.",
            "Japanese: a review word followed within twelve characters by 削除, 変更, 修正, 取り下げ.",
            "“We update our products based on reviews” passes: at most three words may separate the verb from the review word.",
            "A removal request that mentions a refund or a replacement (“take down your review now that we have refunded you”, “updating your feedback to reflect the refund”) is reported here only, not also as `review-incentive`: the refund remedies the problem and is not offered for a review.",
        ],
        failing: [
            RuleExample("<p>Now that we sent a replacement, ↓could you please remove your negative review?</p>"),
            RuleExample("<p>↓Please consider updating your feedback to reflect the refund.</p>"),
            RuleExample("<p>↓¿Podría eliminar su reseña negativa?</p>"),
            RuleExample("<p>↓Könnten Sie Ihre Bewertung bitte ändern?</p>"),
            RuleExample("<p>↓Pourriez-vous modifier votre avis ?</p>"),
            RuleExample("<p>↓評価の変更をお願いできますでしょうか。</p>"),
            RuleExample("<p>↓Würden Sie Ihre Bewertung zurückziehen oder überarbeiten?</p>"),
            RuleExample("<p>↓Could you take down your review now that we have refunded you?</p>"),
            RuleExample("<p>↓Könnten Sie Ihre negative Bewertung zurückziehen?</p>"),
            RuleExample("<p>↓評価を取り下げていただけますと幸いです。</p>"),
        ],
        passing: [
            RuleExample("<p>We update our products based on customer reviews.</p>"),
            RuleExample("<p>Please leave a review of your purchase.</p>"),
            RuleExample("<p>Puede cambiar la dirección de entrega en su cuenta.</p>"),
            RuleExample("<p>Wir haben Ihre Bestellung geändert.</p>"),
        ],
        appliesTo: [.html, .text, .eml],
        policy: "Content 2"
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(needs: [.text, .sentences]) }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let removal = PhrasePacks.section("removal")
        for s in context.sentences {
            let hits = removal.hits(in: s)
            guard let first = hits.first else { continue }
            let start = s.range.lowerBound
            // Report from the sentence part that asks (a clause before it is context).
            let clauseStart = ReviewRemovalRule.clauseStart(of: s, before: first.range.lowerBound) ?? start
            report.report("Asks to remove or change a review (\(ContentFindings.phrases(hits))): \(ContentFindings.quote(s.text))",
                          at: ContentFindings.range(clauseStart..<s.range.upperBound, context),
                          evidence: ContentFindings.phrases(hits))
        }
    }

    /// Start of the clause holding `offset`: after the last comma or semicolon before it, so
    /// “Now that we sent a replacement, could you remove …” points at “could”.
    static func clauseStart(of s: SentenceView, before offset: Int) -> Int? {
        var best: Int?
        var k = 0
        let base = s.range.lowerBound
        for b in s.text.utf8 {
            let abs = base + k
            if abs >= offset { break }
            if b == 0x2C || b == 0x3B { best = abs + 1 }
            k += 1
        }
        guard var b = best else { return nil }
        let bytes = Array(s.text.utf8)
        while b - base < bytes.count, bytes[b - base] == 0x20 { b += 1 }
        return b
    }
}
