import BSMDocument
import BSMEngine
import BSMText

/// `review-conditional`: asking for positive reviews, for a review only if happy, to contact the
/// seller before negative feedback, or telling the buyer what to write.
public struct ReviewConditionalRule: Rule {
    public static let metadata = RuleMetadata(
        id: "review-conditional",
        name: "Conditional or steered review request",
        category: .content,
        defaultSeverity: .error,
        summary: "A sentence asks for a positive or 5-star review, for a review only if the buyer is happy, to contact the seller before leaving negative feedback, or tells the buyer what to write",
        rationale: """
        Amazon requires review requests to be neutral: asking only satisfied buyers, asking for positive or 5-star \
        reviews, diverting unhappy buyers away from feedback, or dictating the content is review manipulation \
        (content rule 3).
        """,
        fix: "Ask every buyer for an honest review, with no condition and no wording suggested.",
        decisions: [
            "A sentence fails when it holds a review word and (a) a positive condition or target (“if you are happy”, “if satisfied”, “positive”, “5-star”, “good review”, “si está satisfecho”, “5 Sterne”, “高評価” …), unless it also asks for balance (“good or bad”, “positive or negative”, “honest”); or (b) a contact-first cue (“contact us”, “before”, “first”) together with a negative cue (“negative”, “not satisfied”, “1-star”) or “before leaving … review”; or (c) a dictation cue (“please mention”, “say that”, “write that”).",
            "“Please share your honest experience” is a permitted request and passes. Phrase packs of all six languages are matched per sentence.",
            "Reported at the start of the sentence, quoting it and naming the deciding phrases.",
        ],
        failing: [
            RuleExample("<p>↓If you are happy with your purchase, please leave us a review.</p>"),
            RuleExample("<p>↓We would appreciate a 5-star rating on Amazon.</p>"),
            RuleExample("<p>↓If you are not satisfied, please contact us before leaving negative feedback.</p>"),
            RuleExample("<p>↓Si está satisfecho, déjenos una reseña positiva.</p>"),
            RuleExample("<p>↓Wenn Sie zufrieden sind, freuen wir uns über 5 Sterne.</p>"),
            RuleExample("<p>↓In your review, please mention how fast the delivery was.</p>"),
            RuleExample("<p>↓ご満足いただけましたら、高評価のレビューをお願いします。</p>"),
        ],
        passing: [
            RuleExample("<p>Please share your honest experience with the product.</p>"),
            RuleExample("<p>We would appreciate your review, good or bad.</p>", note: "A balanced request."),
            RuleExample("<p>If anything is wrong with the order, please contact us.</p>", note: "Contact offer without a review request."),
            RuleExample("<p>Nous serions ravis de lire votre avis sincère.</p>"),
            RuleExample("<p>Ci farebbe piacere ricevere la tua recensione.</p>"),
        ],
        appliesTo: [.html, .text, .eml],
        policy: "Content 3"
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(needs: [.text, .sentences]) }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let review = PhrasePacks.section("review")
        let conditional = PhrasePacks.section("conditional")
        let balanced = PhrasePacks.section("balanced")
        let negative = PhrasePacks.section("negative")
        let contact = PhrasePacks.section("contact-first")
        let beforeReview = PhrasePacks.section("before-review")
        let dictate = PhrasePacks.section("dictate")
        for s in context.sentences {
            let reviews = review.hits(in: s)
            guard !reviews.isEmpty else { continue }
            var deciding: [PhraseHit] = []
            var what = ""
            let cond = conditional.hits(in: s)
            if !cond.isEmpty, balanced.hits(in: s).isEmpty {
                deciding = cond
                what = "asks for a positive review or only satisfied buyers"
            } else {
                let contacts = contact.hits(in: s)
                let negatives = negative.hits(in: s)
                let before = beforeReview.hits(in: s)
                if !contacts.isEmpty, !negatives.isEmpty || !before.isEmpty {
                    deciding = contacts + negatives + before
                    what = "diverts unhappy buyers from feedback"
                } else {
                    let d = dictate.hits(in: s)
                    if !d.isEmpty {
                        deciding = d
                        what = "tells the buyer what to write"
                    }
                }
            }
            guard !deciding.isEmpty else { continue }
            deciding.sort { $0.range.lowerBound < $1.range.lowerBound }
            report.report("Review request that \(what) (\(ContentFindings.phrases(deciding))): \(ContentFindings.quote(s.text))",
                          at: ContentFindings.range(s.range, context),
                          evidence: "review: \(ContentFindings.phrases(reviews)); deciding: \(ContentFindings.phrases(deciding))")
        }
    }
}
