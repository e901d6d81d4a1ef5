import BSMDocument
import BSMEngine
import BSMText

/// `review-incentive`: a review/feedback/rating request and an incentive in the same sentence.
public struct ReviewIncentiveRule: Rule {
    public static let metadata = RuleMetadata(
        id: "review-incentive",
        name: "Review incentive",
        category: .content,
        defaultSeverity: .error,
        summary: "A sentence asks for a review, feedback or rating and offers an incentive (free product, discount, gift card, refund, money, giveaway, future benefit)",
        rationale: """
        Amazon forbids language that incentivises or persuades the buyer to leave a review or feedback: compensation, \
        money, gift cards, free or discounted products, refunds, rebates, reimbursements, future benefits or sweepstakes \
        (content rule 1). Such messages are blocked and the reviews removed.
        """,
        fix: "Ask for a review without offering anything in return, in a sentence of its own.",
        decisions: [
            "Matching is per sentence: a review word (review, feedback, rating, reseña, avis, Bewertung, recensione, レビュー, 評価 …) and an incentive word (free, gift card, discount, refund, coupon, next order, gratis, cadeau, Gutschein, sconto, 無料, クーポン …) must occur in the same sentence; a discount in one sentence and a review request in another is `promotional-content`, not this rule.",
            "The phrase packs (Data/phrases/<lang>.txt) of all six languages (en, es, fr, de, it, ja) are matched on every sentence, case-, accent- and width-insensitively, on word boundaries; Japanese matches without spaces.",
            "“Feel free”, “hassle-free”, “free to” and their equivalents are not incentives.",
            "The finding is reported at the start of the sentence and quotes it with the review and incentive words found.",
        ],
        failing: [
            RuleExample("<p>Thanks for your order. ↓Leave a 5-star review and get a free gift card!</p>"),
            RuleExample("<p>↓Write a review and we will refund 10% of your purchase.</p>"),
            RuleExample("<p>Hola. ↓Deja tu reseña y recibirás un cupón de descuento.</p>"),
            RuleExample("<p>↓Laissez un avis et recevez un cadeau gratuit.</p>"),
            RuleExample("<p>↓Für Ihre Bewertung erhalten Sie einen Gutschein.</p>"),
            RuleExample("<p>↓レビューを書いていただいた方に無料でプレゼントを差し上げます。</p>"),
            RuleExample("Your order 123-1234567-1234567 is here.\n\n↓Post your feedback for a chance to win our monthly giveaway.", kind: .text),
        ],
        passing: [
            RuleExample("<p>Please share your honest experience with the product on Amazon.</p>", note: "A permitted review request: no incentive."),
            RuleExample("<p>Your order ships with free shipping.</p>", note: "An incentive word without a review request."),
            RuleExample("<p>Feel free to leave a review if you have a moment.</p>", note: "“Feel free” is not an incentive."),
            RuleExample("<p>Nos encantaría conocer tu opinión. El envío es gratis.</p>", note: "Review word and incentive are in different sentences."),
            RuleExample("<p>Wir freuen uns über Ihre ehrliche Bewertung.</p>"),
        ],
        appliesTo: [.html, .text, .eml],
        policy: "Content 1"
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(needs: [.text, .sentences]) }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let review = PhrasePacks.section("review")
        let incentive = PhrasePacks.section("incentive")
        let excluded = PhrasePacks.section("not-incentive")
        for s in context.sentences {
            let reviews = review.hits(in: s)
            guard !reviews.isEmpty else { continue }
            let excl = excluded.hits(in: s)
            let incentives = incentive.hits(in: s).filter { h in
                !excl.contains { $0.range.overlaps(h.range) } && !reviews.contains { $0.range.overlaps(h.range) }
            }
            guard !incentives.isEmpty else { continue }
            report.report("Review request with an incentive (\(ContentFindings.phrases(incentives))) in \(ContentFindings.quote(s.text)): Amazon forbids rewarding reviews",
                          at: ContentFindings.range(s.range, context),
                          evidence: "review: \(ContentFindings.phrases(reviews)); incentive: \(ContentFindings.phrases(incentives))")
        }
    }
}
