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
            "What a sentence is: it ends at `.`, `!`, `?`, `…`, `。` (not after an abbreviation such as `e.g.`, `z. B.`, `p. ex.`), at a block boundary (`<p>`, `<td>`, `<div>` …) and at a blank line; a line break of the HTML source is a space, as browsers show it; a `<br>` ends the sentence unless the line ends in a comma, semicolon or dash, or in an article or preposition (“leave us a<br>5-star review”), or the next line starts with a conjunction (“…review<br>and get a gift card”) — “If you are happy with your purchase,<br>please leave a review” is one sentence, “1. Return it<br>2. …”, “Leave a review<br>free returns …” and “Thanks<br>The team” are not; a line of plain text or of `<pre>` goes on also after a word when the next line starts in lower case (or, for a hard-wrapped line of 50 characters or more, in a capital: “… your new⏎BrewMaster kettle”); after a comma that ends a line of four words or more, even into a capital (“If you are happy with your purchase,⏎Please leave …”), never after a greeting (“Hi John,⏎Thank you”); `、` always goes on; an `<hr>` always ends it.",
            "A condition asked as a short question of its own (at most 8 words) right before the request counts with it (`condition-question`, or a positive target in a question of at most 7 words: “Happy with your purchase? Leave us a review!”, “Love your new kettle? Rate it on Amazon.”, “Did we earn 5 stars? Tell us in your review.”); a question asking how rather than whether (“How do you like …?”, “Wie gefällt Ihnen …?”, “Comment trouvez-vous …?”) sets no condition; so does a question up to three sentences before a request that refers back to it (`condition-anaphor`: “Were you satisfied? We hope so. If so, please leave a review.”, wenn ja, si c'est le cas, si es así, se sì) or a hope stated in the sentence right before it (`condition-hope`: “We hope you loved it. If so, please leave a review.”, wir hoffen … gefällt, esperamos … guste), and a short sentence right after the request that sets the condition (`condition-after`: “Please leave a review. Only if you are happy, of course.”). Other sentences are read one at a time.",
            "Five star symbols (★★★★★, or 5★) count as a five-star target; in a sentence that asks and gives, leaves or rates (“Please give us ★★★★★ on Amazon”) they are a request by themselves, while “the ★★★★★ energy label” is no request. An honest review request that includes unhappy buyers (“even if you are not happy”) passes: only listed intensifiers (100%, completely, fully …) may stand in an “if you are … happy” condition.",
            "Only a review *request* counts (the same `review-request` phrases as `review-incentive`: leave/write/give … a review, would appreciate a … rating, rate us, laissez un avis, hinterlassen Sie eine Bewertung, lasciaci una recensione, déjenos una reseña, レビュー…お願い …). “Please review the proof and let us know if you are happy with it” and “please review the design; we can change the font if you like” verify a custom design and pass.",
            "A sentence fails when it requests a review and (a) sets a positive condition or target: “if you are happy/satisfied”, “if you liked the product”, “if everything is OK/fine”, “if all went well”, “positive”, “good review”, “5-star”, “5 stars”, “five stars”, `5★`/`★★★★★`, “si está satisfecho”, “si todo ha ido bien”, “si tout s'est bien passé”, “wenn alles in Ordnung ist”, “5 Sterne”, “se tutto è andato bene”, “問題がなければ”, “高評価” …; or (c) dictates the content (“please mention”, “say that”, “write that”, “in your review, …”, “a review and mention / mentioning / and say how …”, “write in your review that …”, “reseña mencionando”, “avis en mentionnant”, “Bewertung und erwähnen Sie”, “recensione menzionando”).",
            "Stars count as the rating itself: “Please leave us 5 stars”, “give us five stars” are requests for a 5-star rating.",
            "“Honest” does not neutralise anything: “If you are happy, please leave an honest review” is still conditional and “an honest 5-star review” still asks for five stars. Only a real balance (“positive or negative”, “good or bad”, “1 to 5 stars”) cancels, and only the target word inside it (“positive” in “positive or negative”); an explicit 5-star target or an if-happy condition elsewhere in the sentence still fails. An honest review request with no condition and no star count passes.",
            "(b) A contact-first cue (“contact us”, “let us know”, “before”, “first”) together with a negative cue (“negative”, “not satisfied”, “1-star”) or “before leaving … review”, in a sentence that requests or mentions leaving a review, fails.",
            "Phrase packs of all six languages are matched per sentence. Reported at the start of the sentence, quoting it and naming the deciding phrases.",
        ],
        failing: [
            RuleExample("<p>Any problem? ↓Please don't leave negative feedback - just reply to this message and we'll sort it out!</p>"),
            RuleExample("<p>Loved your new blanket? ↓Leave us a review on Amazon!</p>"),
            RuleExample("<p>↓If our product met your expectations, we would be grateful for a review.</p>"),
            RuleExample("<p>We hope you loved your new kettle. ↓If so, please leave us a review on Amazon.</p>", note: "“If so” refers back to the hope stated right before."),
            RuleExample("<p>↓If you are happy with your purchase,<br>please leave us a review on Amazon.</p>", note: "A sentence runs on across a `<br>` when the next line goes on in lower case."),
            RuleExample("<p>↓If you are happy with your purchase,\nplease leave us a review on Amazon.</p>", note: "A line break of the source inside a paragraph is a space."),
            RuleExample("<p>↓We would love it if you gave us five stars.</p>"),
            RuleExample("<p>Hat Ihnen das Produkt gefallen? ↓Dann hinterlassen Sie uns gerne eine Bewertung.</p>"),
            RuleExample("<p>¿Te ha gustado el producto? ↓¡Déjanos tu opinión en Amazon!</p>"),
            RuleExample("<p>Happy with your purchase? ↓Leave us a review!</p>"),
            RuleExample("<p>Were you satisfied with your order? We hope so. ↓If so, please leave us a review.</p>", note: "“If so” refers back to the question."),
            RuleExample("<p>↓Please leave a review. Only if you are happy, of course.</p>", note: "The condition follows in a short sentence of its own."),
            RuleExample("<p>Did we earn 5 stars? ↓Tell us in your review.</p>"),
            RuleExample("<p>↓Please give us ★★★★★ on Amazon!</p>"),
            RuleExample("<p>↓Please only leave a review if you're 100% happy.</p>", note: "Contractions are read written out (you're = you are)."),
            RuleExample("<p>↓If you are happy with your purchase, please leave us a review.</p>"),
            RuleExample("<p>↓We would appreciate a 5-star rating on Amazon.</p>"),
            RuleExample("<p>↓If you are not satisfied, please contact us before leaving negative feedback.</p>"),
            RuleExample("<p>↓Si está satisfecho, déjenos una reseña positiva.</p>"),
            RuleExample("<p>↓Wenn Sie zufrieden sind, freuen wir uns über 5 Sterne.</p>"),
            RuleExample("<p>↓In your review, please mention how fast the delivery was.</p>"),
            RuleExample("<p>↓ご満足いただけましたら、高評価のレビューをお願いします。</p>"),
            RuleExample("<p>↓If you are happy with the product, please leave an honest review.</p>", note: "“Honest” does not lift the condition."),
            RuleExample("<p>↓If you are satisfied, we would appreciate your honest feedback.</p>"),
            RuleExample("<p>↓Please leave an honest 5-star review.</p>", note: "Still asks for five stars."),
            RuleExample("<p>↓We would appreciate a 5-star rating, good or bad.</p>", note: "“Good or bad” does not cancel an explicit 5-star target."),
            RuleExample("<p>↓Wenn Sie zufrieden sind, freuen wir uns über Ihre ehrliche Bewertung.</p>"),
            RuleExample("<p>↓Please leave us 5 stars on Amazon.</p>", note: "Stars are the rating."),
            RuleExample("<p>↓We hope you will give us five stars.</p>"),
            RuleExample("<p>↓Please leave a 5★ review.</p>"),
            RuleExample("<p>↓If everything is OK with your order, please leave a review.</p>", note: "A review only if the experience was positive."),
            RuleExample("<p>↓Please leave a review and mention our fast delivery.</p>", note: "Tells the buyer what to write."),
            RuleExample("<p>↓Please write in your review that the mug is sturdy.</p>"),
        ],
        passing: [
            RuleExample("<p>Please leave a review and let us know what you think, good or bad.</p>", note: "A balance asks for any review: its negative word diverts nobody."),
            RuleExample("<p>Is the 5-star rating button missing in your app? If so, please leave a review on the website instead.</p>", note: "“If so” refers to a question about a button, not about being happy."),
            RuleExample("<p>Wie gefällt Ihnen Ihr neuer Wasserkocher? Wir würden uns über eine Bewertung auf Amazon freuen.</p>", note: "“Wie gefällt …?” asks how, not whether: no condition."),
            RuleExample("<p>Did your parcel arrive? Please leave an honest review of the product.</p>", note: "A question that sets no condition on the buyer's satisfaction."),
            RuleExample("<p>Did your parcel arrive safely? If so, please leave an honest review of the product.</p>", note: "“If so” refers to a question that sets no condition on satisfaction."),
            RuleExample("<p>Please leave an honest review. Only if you have questions, contact us first.</p>", note: "An “only if” that sets no positive condition."),
            RuleExample("<p>Please share your honest experience with the product.</p>"),
            RuleExample("<p>We would appreciate your review, good or bad.</p>", note: "A balanced request."),
            RuleExample("<p>We would appreciate your honest review, whether positive or negative.</p>", note: "“Positive” inside “positive or negative” is balance, not a target."),
            RuleExample("<p>Please leave an honest review of the product on Amazon.</p>", note: "Honest, unconditional, no star count."),
            RuleExample("<p>If anything is wrong with the order, please contact us.</p>", note: "Contact offer without a review request."),
            RuleExample("<p>Nous serions ravis de lire votre avis sincère.</p>"),
            RuleExample("<p>Ci farebbe piacere ricevere la tua recensione.</p>"),
            RuleExample("<p>Please review the proof and let us know if you are happy with it before we start engraving.</p>", note: "“Review” as a verb: a design check, not a review request."),
            RuleExample("<p>Please review the design; we can change the font if you like.</p>"),
            RuleExample("<p>We saw in your review that the lid was missing, so we sent a new one.</p>", note: "Reading a review is not dictating one."),
        ],
        appliesTo: [.html, .text, .eml],
        policy: "Content 3"
    )

    /// Words that make five star symbols in an asking sentence a rating request (“Please give us
    /// ★★★★★”), not a label (“the ★★★★★ energy label”).
    static let starVerbs: Set<String> = ["give", "leave", "rate", "rating", "review", "stars", "geben", "bewerten", "donner", "dar", "dare", "deja", "lasciare"]

    public init(options: RuleOptions) throws {}

    /// Words that open a question asking how, not whether (“How do you like your kettle?”, “Wie
    /// gefällt Ihnen …?”): it sets no condition on being happy.
    /// (Not German `was`, which is English “was”: “Was your daughter happy with the gift?”.)
    static let openQuestionWords: Set<String> = ["how", "what", "wie", "comment", "que", "quel", "quelle", "como", "come", "cosa", "quale"]

    static func isOpenQuestion(_ s: PreparedSentence) -> Bool {
        guard let first = s.tokens.first else { return false }
        return openQuestionWords.contains(first)
    }

    /// The sentence ends with a question mark (ASCII or full-width).
    static func isQuestion(_ s: PreparedSentence) -> Bool {
        // Sentences come trimmed; the last non-white-space character decides (no copy).
        guard let last = s.text.last(where: { !$0.isWhitespace }) else { return false }
        return last == "?" || last == "？"
    }

    public var interest: NodeInterest { NodeInterest(needs: [.text, .sentences]) }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let review = PhrasePacks.section("review")
        let conditional = PhrasePacks.section("conditional")
        let balanced = PhrasePacks.section("balanced")
        let negative = PhrasePacks.section("negative")
        let contact = PhrasePacks.section("contact-first")
        let beforeReview = PhrasePacks.section("before-review")
        let dictate = PhrasePacks.section("dictate")
        let ask = PhrasePacks.section("ask")
        let conditionQuestion = PhrasePacks.section("condition-question")
        let anaphor = PhrasePacks.section("condition-anaphor")
        let hope = PhrasePacks.section("condition-hope")
        let after = PhrasePacks.section("condition-after")
        let sentences = context.sentences
        for (si, s) in sentences.enumerated() {
            var requests = ReviewRequests.hits(in: s)
            // Five stars written as symbols in a sentence that asks (“Please give us ★★★★★”) are
            // a request for a five-star rating by themselves.
            if requests.isEmpty, let stars = ReviewRequests.starSymbolTarget(in: s), !ask.hits(in: s).isEmpty,
               s.tokens.contains(where: { ReviewConditionalRule.starVerbs.contains($0) }) {
                requests = [stars]
            }
            let before = beforeReview.hits(in: s)
            guard !requests.isEmpty || !before.isEmpty else { continue }
            var deciding: [PhraseHit] = []
            var what = ""
            // A balance (“positive or negative”) cancels only the target words inside it.
            let balance = balanced.hits(in: s)
            var cond = conditional.hits(in: s).filter { c in
                !balance.contains { $0.range.lowerBound <= c.range.lowerBound && c.range.upperBound <= $0.range.upperBound }
            }
            if let stars = ReviewRequests.starSymbolTarget(in: s) { cond.append(stars) }
            // A condition asked as its own question right before the request (“Happy with your
            // purchase? Leave us a review!”, “Did we earn 5 stars? Tell us in your review.”): the
            // question decides who is asked.
            if cond.isEmpty, !requests.isEmpty, si > 0 {
                let q = sentences[si - 1]
                if ReviewConditionalRule.isQuestion(q), q.wordCount <= 8, !ReviewConditionalRule.isOpenQuestion(q) {
                    cond += conditionQuestion.hits(in: q)
                    // A target in a short question asks for it (“Did we earn 5 stars?”, “Do you think we
                    // deserve five stars?”); in a longer one it is about something else (“Is the
                    // 5-star rating button missing in your app?”).
                    if q.wordCount <= 7 { cond += conditional.hits(in: q).filter { !$0.phrase.hasPrefix("only") } }
                }
                // “Were you satisfied with your order? We hope so. If so, please leave a review.”:
                // an “if so” refers back to a question up to three sentences before.
                if cond.isEmpty, !anaphor.hits(in: s).isEmpty {
                    // Only what asks about being happy counts there: a target word in an unrelated
                    // question (“Is the 5-star rating button missing? If so, …”) sets no condition.
                    for k in stride(from: si - 1, through: max(0, si - 3), by: -1) where ReviewConditionalRule.isQuestion(sentences[k]) {
                        if !ReviewConditionalRule.isOpenQuestion(sentences[k]) { cond += conditionQuestion.hits(in: sentences[k]) }
                        break
                    }
                    // Or to a hope stated right before (“We hope you loved it. If so, please leave a
                    // review.”): the hope is the condition.
                    if cond.isEmpty, !ReviewConditionalRule.isQuestion(sentences[si - 1]) {
                        cond += hope.hits(in: sentences[si - 1])
                    }
                }
            }
            // A short condition right after the request: “Please leave a review. Only if you are
            // happy, of course.”
            if cond.isEmpty, !requests.isEmpty, si + 1 < sentences.count {
                let n = sentences[si + 1]
                let marks = Set(after.hits(in: n).map(\.phrase))
                if n.wordCount <= 8, !marks.isEmpty, ReviewRequests.hits(in: n).isEmpty {
                    // The condition itself decides (“if you are happy”), not the “only if”.
                    cond += conditional.hits(in: n).filter { !marks.contains($0.phrase) && $0.phrase != "only if" }
                }
            }
            if !requests.isEmpty, !cond.isEmpty {
                deciding = cond
                what = "asks for a positive review or only satisfied buyers"
            } else {
                let contacts = contact.hits(in: s)
                // A balance (“good or bad”, “positive or negative”) asks for any review: its
                // negative word diverts nobody.
                let negatives = negative.hits(in: s).filter { n in
                    !balance.contains { $0.range.lowerBound <= n.range.lowerBound && n.range.upperBound <= $0.range.upperBound }
                }
                if !contacts.isEmpty, !negatives.isEmpty || !before.isEmpty {
                    deciding = contacts + negatives + before
                    what = "diverts unhappy buyers from feedback"
                } else if !requests.isEmpty {
                    let d = dictate.hits(in: s)
                    if !d.isEmpty {
                        deciding = d
                        what = "tells the buyer what to write"
                    }
                }
            }
            guard !deciding.isEmpty else { continue }
            deciding.sort { $0.range.lowerBound < $1.range.lowerBound }
            let reviews = review.hits(in: s)
            report.report("Review request that \(what) (\(ContentFindings.phrases(deciding))): \(ContentFindings.quote(s.text))",
                          at: ContentFindings.range(s.range, context),
                          evidence: "request: \(ContentFindings.phrases(requests.isEmpty ? reviews : requests)); deciding: \(ContentFindings.phrases(deciding))")
        }
    }
}
