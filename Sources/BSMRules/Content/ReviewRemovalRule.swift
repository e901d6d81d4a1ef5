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
            "A removal verb (remove, delete, change, update, revise, edit, withdraw, reconsider, eliminar, reconsiderar, modifier, retirer, löschen, ändern, zurückziehen, überarbeiten, überdenken, rimuovere, 削除, 変更, 見直し …) followed by a review word with at most three words between (review, feedback, rating, avis, Bewertung …), or a review word followed by removed/changed/löschen/zurückziehen/überdenken/zurücknehmen, in the same sentence.",
            "German separable verbs split around the review word in a main clause count too: “ziehen Sie Ihre negative Bewertung zurück”, “nehmen Sie Ihre Bewertung bitte zurück”, “passen Sie Ihre Bewertung an” (the verb, at most three words, the review word, at most three words, the particle). “Wir nehmen Ihre Bewertung ernst und passen unsere Verpackung an” has no particle after the review word and passes.",
            "Italian *commento* is a review only as the buyer's comment that a removal verb asks about: “rimuovere / modificare il suo (tuo) commento”, “… il commento negativo”; “Può modificare il commento per il corriere?” passes.",
            "Japanese: a review word followed within twelve characters by 削除, 変更, 修正, 取り下げ, and that followed within four characters by a request (お願い, ください, いただけ, もらえ …): 評価の変更をお願い fails; 商品の評価を行い、配送方法を変更しました (an assessment) and デザインのレビュー後、文字を修正します (a statement) pass.",
            "Only a request counts (RULES: “asking to remove …”). The sentence must ask (could you, would you, please, kindly, you can, bitte, könnten Sie, pourriez-vous, veuillez, merci de, podría, por favor, potrebbe, per favore … — section `ask` of the phrase packs) or start a clause with the removal verb (an imperative: “Remove your review”). “Thanks to your review we changed the box” and “Customer feedback changed how we pack our mugs” are statements and pass; so are “your review … we changed” and “we have changed the rating scale” even next to a “please” (a subject pronoun — we, I, they, wir, nous … — between the review word and the participle, or in the two words before the removal verb, makes it a statement).",
            "The review word must name a particular review: an owner word (your, the, this, Ihre, die, votre, l', su, la, sua … — section `review-owner`) or a negative word (negative, bad, negativ …) among the three words before it, with no `review-owner-stop` word (please, and, or, we, you, to …) between. So “review” as a verb passes: “we will update you once we review your return”, “if you want to change the engraving, please review the attached preview”, “you can change or review your order details”, “we will edit the design and review it with you”.",
            "Assessments and notices (`not-review`: “Bewertung des Schadens”, “valoración de su devolución” …) are no reviews: “Nach der Bewertung des Schadens ändern wir die Lieferung” passes.",
            "“We update our products based on reviews” passes: at most three words may separate the verb from the review word.",
            "A removal request that mentions a refund or a replacement (“take down your review now that we have refunded you”, “updating your feedback to reflect the refund”) is reported here only, not also as `review-incentive`: the refund remedies the problem and is not offered for a review.",
        ],
        failing: [
            RuleExample("<p>We saw your 1-star rating. ↓Is there anything we can do to change your mind about the rating?</p>"),
            RuleExample("<p>↓Could you delete the negative comment you left?</p>", note: "A comment the buyer left is their review."),
            RuleExample("<p>The issue is resolved. ↓We hope you'll amend your review. ↓Could you take your review down?</p>"),
            RuleExample("<p>↓Could you please remove your negative feedback about the product design?</p>", note: "Feedback on a design proof passes; feedback about the product is a review."),
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
            RuleExample("<p>Thanks for your patience. ↓Please update the rating you left for us.</p>", note: "“The rating”: a particular review, and the sentence asks."),
            RuleExample("<p>↓Remove your negative feedback and we will refund you.</p>", note: "An imperative asks too."),
            RuleExample("<p>↓Feel free to update your review now that the issue is solved.</p>"),
            RuleExample("<p>Wir würden uns freuen, ↓wenn Sie Ihre Bewertung anpassen.</p>", note: "Reported from the clause that names the change."),
            RuleExample("<p>↓Bitte ziehen Sie Ihre negative Bewertung zurück.</p>", note: "A separable verb split around the review word."),
            RuleExample("<p>↓Bitte passen Sie Ihre Bewertung an.</p>"),
            RuleExample("<p>Wir würden uns freuen, ↓wenn Sie Ihre 1-Sterne-Bewertung noch einmal überdenken und anpassen könnten.</p>"),
            RuleExample("<p>↓Potrebbe rimuovere il suo commento negativo?</p>"),
            RuleExample("<p>↓Nous vous serions reconnaissants de bien vouloir retirer votre commentaire négatif.</p>"),
            RuleExample("<p>↓お手数ですが、レビューの評価を見直していただけませんか。</p>", note: "見直し: reconsider."),
        ],
        passing: [
            RuleExample("<p>Could you update the comment on the gift note? We will print it on the card.</p>"),
            RuleExample("<p>We saw that you couldn't change your review after the app error; that bug is now fixed on our side.</p>", note: "“You couldn't” asks nothing."),
            RuleExample("<p>Sollten Sie Ihr Feedback zum Entwurf noch ändern wollen, schreiben Sie uns bitte bis Freitag.</p>", note: "Feedback on a design proof."),
            RuleExample("<p>Could you change the power rating setting on the inverter to 12 V? Please remove the energy rating sticker before installing it.</p>", note: "A rating of the product, not the buyer's."),
            RuleExample("<p>Please update us with your feedback on the new proof, or send us your feedback on the revised design.</p>", note: "Feedback on a custom design is a permitted purpose."),
            RuleExample("<p>We update our products based on customer reviews.</p>"),
            RuleExample("<p>Please leave a review of your purchase.</p>"),
            RuleExample("<p>Puede cambiar la dirección de entrega en su cuenta.</p>"),
            RuleExample("<p>Wir haben Ihre Bestellung geändert.</p>"),
            RuleExample("<p>We will update you once we review your return.</p>", note: "“Review” as a verb."),
            RuleExample("<p>If you want to change the engraving, please review the attached preview.</p>", note: "“Review” as a verb."),
            RuleExample("<p>You can change or review your order details in your account.</p>", note: "“Review” as a verb."),
            RuleExample("<p>Thanks to your review we changed the box.</p>", note: "A statement, not a request."),
            RuleExample("<p>Please note that we have changed the rating scale of our survey.</p>", note: "The seller is the subject: a statement."),
            RuleExample("<p>Customer feedback changed how we pack our mugs.</p>", note: "A statement, not a request."),
            RuleExample("<p>Nach der Bewertung des Schadens ändern wir die Lieferung.</p>", note: "*Bewertung* as an assessment."),
            RuleExample("<p>商品の評価を行い、配送方法を変更しました。</p>", note: "評価 as an assessment; no request."),
            RuleExample("<p>デザインのレビュー後、文字を修正します。</p>", note: "A design review; no request."),
            RuleExample("<p>Wir nehmen Ihre Bewertung sehr ernst und passen unsere Verpackung an.</p>", note: "A statement; no particle after the review word."),
            RuleExample("<p>Bitte passen Sie die Größe des Armbands an.</p>", note: "No review word."),
            RuleExample("<p>Può modificare il commento per il corriere nelle note di consegna?</p>", note: "*Commento* alone is not a review."),
            RuleExample("<p>設定を見直していただけますか。</p>", note: "No review word."),
        ],
        appliesTo: [.html, .text, .eml],
        policy: "Content 2"
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(needs: [.text, .sentences]) }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        for s in context.sentences {
            let hits = ReviewRemovalRule.requests(in: s)
            guard let first = hits.first else { continue }
            let start = s.range.lowerBound
            // Report from the sentence part that asks (a clause before it is context).
            let clauseStart = ReviewRemovalRule.clauseStart(of: s, before: first.range.lowerBound) ?? start
            report.report("Asks to remove or change a review (\(ContentFindings.phrases(hits))): \(ContentFindings.quote(s.text))",
                          at: ContentFindings.range(clauseStart..<s.range.upperBound, context),
                          evidence: ContentFindings.phrases(hits))
        }
    }

    /// The removal phrases of a sentence that ask the buyer to remove or change their review
    /// (shared with `review-incentive`, which leaves such sentences to this rule):
    /// - a `removal` phrase not overlapping a `not-review` phrase (“Bewertung des Schadens”);
    /// - whose review word is a particular review: a `review-owner` word (your, the, Ihre,
    ///   votre, su …) or a negative word among the three words before it, looking back no
    ///   further than a `review-owner-stop` word (“please review the proof”, “once we review”,
    ///   “change or review”: “review” as a verb has none);
    /// - “review … changed/removed” with no subject pronoun between (“your review we changed”
    ///   is a statement), and no subject pronoun in the two words before a removal verb (“we
    ///   have changed the rating scale”);
    /// - in a sentence that asks (`ask`: could you, please, bitte, pourriez-vous, podría …) or
    ///   starts its clause with the removal verb (an imperative: “Remove your review”).
    /// Japanese: the removal word must be followed within four characters by a request
    /// (変更をお願い, 取り下げていただけ, 削除してください); 評価を行い、…変更しました is a statement.
    static func requests(in s: SentenceView) -> [PhraseHit] {
        let hits = PhrasePacks.section("removal").hits(in: s)
        guard !hits.isEmpty else { return [] }
        let blockers = PhrasePacks.section("not-review").hits(in: s)
        // “you couldn't change your review” (could not) asks nothing: an `ask` hit followed by `not`.
        let asks = PhrasePacks.section("ask").hits(in: s).filter { h in
            guard let k = s.lastToken(endingAt: h.range.upperBound) else { return true }
            // `couldn't` is `could` `not` on one range: the last token there may be the `not`.
            if s.tokens[k] == "not", !h.phrase.hasSuffix("not") { return false }
            return k + 1 >= s.tokens.count || s.tokens[k + 1] != "not"
        }
        let reviewWords = PhrasePacks.section("review").hits(in: s)
        var out: [PhraseHit] = []
        for h in hits where !blockers.contains(where: { $0.range.overlaps(h.range) }) {
            if h.phrase.unicodeScalars.contains(where: NormalizedText.isCJKScalar) {
                // A Japanese (substring) hit: a request right after it.
                if asks.contains(where: { $0.range.lowerBound >= h.range.upperBound && $0.range.lowerBound - h.range.upperBound <= 12 }) {
                    out.append(h)
                }
                continue
            }
            guard let first = s.firstToken(startingAt: h.range.lowerBound),
                  let last = s.lastToken(endingAt: h.range.upperBound), first < last else { continue }
            let reviewFirst = h.phrase.hasPrefix("{review}")
            // The review word: first, last, or between the parts of a separable verb (“ziehen Sie
            // Ihre Bewertung zurück”, “passen Sie Ihre Bewertung an”).
            var reviewIndex = reviewFirst ? first : last
            if !reviewFirst, !h.phrase.hasSuffix("{review}"),
               let w = lastReviewWord(reviewWords, inside: h.range), let k = s.firstToken(startingAt: w.lowerBound) {
                reviewIndex = k
            }
            guard isParticularReview(s, reviewIndex, notBefore: reviewFirst ? 0 : first + 1) else { continue }
            if reviewFirst, (first + 1..<last).contains(where: { subjects.contains(s.tokens[$0]) }) { continue }
            // “we have changed the rating”, “wir ändern die Bewertung”: the seller is the subject.
            if !reviewFirst, (max(0, first - 2)..<first).contains(where: { subjects.contains(s.tokens[$0]) }) { continue }
            let asked = !asks.isEmpty || (!reviewFirst && startsClause(s, tokenIndex: first))
            if asked { out.append(h) }
        }
        return out
    }

    /// The last review word (hits in order of their start) that starts after `range`'s first word
    /// and ends inside it: binary search for the last one starting before its end, then a few
    /// steps back past any that reach beyond it.
    static func lastReviewWord(_ words: [PhraseHit], inside range: Range<Int>) -> Range<Int>? {
        let lo = words.partitioningIndex { $0.range.lowerBound >= range.upperBound }
        var k = lo - 1
        while k >= 0, k >= lo - 4, words[k].range.lowerBound > range.lowerBound {
            if words[k].range.upperBound <= range.upperBound { return words[k].range }
            k -= 1
        }
        return nil
    }

    static let owners = PhrasePacks.words("review-owner").union(PhrasePacks.words("negative"))
    static let ownerStops = PhrasePacks.words("review-owner-stop")
    static let subjects = PhrasePacks.words("subject")

    /// An owner or negative word among the three tokens before `index` (from `notBefore` on),
    /// with no stop word between.
    static func isParticularReview(_ s: SentenceView, _ index: Int, notBefore: Int) -> Bool {
        var k = index - 1
        while k >= max(notBefore, index - 3) {
            let t = s.tokens[k]
            if owners.contains(t) { return true }
            if ownerStops.contains(t) { return false }
            k -= 1
        }
        return false
    }

    /// The token is the first of the sentence or of a clause (after a comma or semicolon).
    static func startsClause(_ s: SentenceView, tokenIndex: Int) -> Bool {
        guard tokenIndex > 0 else { return true }
        let from = max(0, s.tokenRanges[tokenIndex - 1].upperBound - s.range.lowerBound)
        let to = max(from, s.tokenRanges[tokenIndex].lowerBound - s.range.lowerBound)
        // Only the bytes between the two words (not a copy of the sentence per hit).
        let u = s.text.utf8
        guard let a = u.index(u.startIndex, offsetBy: from, limitedBy: u.endIndex),
              let b = u.index(a, offsetBy: to - from, limitedBy: u.endIndex) else { return false }
        return u[a..<b].contains(where: { $0 == 0x2C || $0 == 0x3B })
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
