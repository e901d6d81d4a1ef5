import BSMDocument
import BSMEngine
import BSMText

/// `review-request-repeat`: more than one message of a campaign requests a review, or a review
/// request while the campaign uses Amazon's Request-a-Review button.
public struct ReviewRequestRepeatRule: Rule {
    public static let metadata = RuleMetadata(
        id: "review-request-repeat",
        name: "Repeated review request",
        category: .content,
        defaultSeverity: .error,
        summary: "More than one message of the same campaign requests a review, or a message requests one while the campaign uses Amazon's Request-a-Review button",
        rationale: """
        A review or feedback may be requested once per order: with Amazon's Request-a-Review button / Solicitations \
        API or with one custom message, never both, and never twice. bsmlint knows a template's place in a sequence \
        from the `campaigns:` section of .bsmlint.yml.
        """,
        fix: "Keep the review request in one step of the campaign, or set `requestAReviewButton: false` and stop using the button.",
        decisions: [
            "Configuration: `campaigns: [{ name, requestAReviewButton: true|false, steps: [{ template: \"glob or path\", after: \"7d from delivery\" }] }]`; templates are relative to the configuration file. Without campaigns the rule reports nothing.",
            "A message requests a review when a sentence holds a review/feedback/rating word and an asking word (leave, share, please, would appreciate, deje, laissez, hinterlassen, lascia, お願い …) of the phrase packs (all six languages); “the IP65 rating” is not a request.",
            "The finding is on the offending template, at its first review sentence: every step after the first one that requests a review (in the order the steps are listed), naming the earlier step; with `requestAReviewButton: true`, every step that requests a review. Other steps' templates are read from disk; an unreadable one counts as not requesting.",
        ],
        failing: [
            RuleExample("<p>Your order arrived.</p><p>↓Please leave a review on Amazon.</p>",
                        config: "campaigns:\n  - name: post-purchase\n    requestAReviewButton: true\n    steps:\n      - { template: example.html, after: 7d from delivery }"),
            RuleExample("<p>↓We would love your feedback.</p>",
                        config: "campaigns:\n  - name: twice\n    steps:\n      - { template: example.html, after: 5d from delivery }\n      - { template: \"*.html\", after: 12d from delivery }",
                        note: "The same template sent by two steps: the second request is a repeat."),
            RuleExample("↓Deja tu reseña en Amazon, por favor.", kind: .text,
                        config: "campaigns:\n  - name: es\n    requestAReviewButton: true\n    steps:\n      - { template: \"*.txt\", after: 6d from delivery }"),
            RuleExample("<p>↓Hinterlassen Sie bitte eine Bewertung.</p>",
                        config: "campaigns:\n  - name: de\n    requestAReviewButton: true\n    steps:\n      - { template: \"example.*\", after: 10d from delivery }"),
        ],
        passing: [
            RuleExample("<p>Please leave a review on Amazon.</p>", note: "No campaigns configured."),
            RuleExample("<p>Please leave a review on Amazon.</p>",
                        config: "campaigns:\n  - name: one\n    requestAReviewButton: false\n    steps:\n      - { template: example.html, after: 7d from delivery }"),
            RuleExample("<p>Your order needs a delivery appointment.</p>",
                        config: "campaigns:\n  - name: button\n    requestAReviewButton: true\n    steps:\n      - { template: example.html, after: 1d from order }"),
            RuleExample("<p>Laissez un avis, s'il vous plaît.</p>",
                        config: "campaigns:\n  - name: other\n    requestAReviewButton: true\n    steps:\n      - { template: other.html, after: 7d from delivery }"),
            RuleExample("<p>Please review the engraving proof and confirm the spelling.</p>",
                        config: "campaigns:\n  - name: button\n    requestAReviewButton: true\n    steps:\n      - { template: example.html, after: 1d from order }",
                        note: "“Review” as a verb on something else is no review request (the same test as `review-incentive`)."),
        ],
        appliesTo: [.html, .text, .eml],
        policy: "Who may be messaged: one review request per order",
        judgesWholeMessage: true
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(needs: [.text]) }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let memberships = CampaignMembership.of(context)
        guard !memberships.isEmpty else { return }
        guard let request = ReviewRequest.sentences(in: context.text, placeholders: context.placeholders).first else { return }
        let at = ContentFindings.range(request.range, context)
        let base = context.configuration.campaignBaseDirectory
        var reported = Set<String>()
        for m in memberships {
            let c = m.campaign
            if c.requestAReviewButton {
                if reported.insert(c.name).inserted {
                    report.report("Campaign “\(c.name)” uses Amazon's Request-a-Review button, and this message (step \(m.stepIndex + 1)) requests a review too: \(ContentFindings.quote(request.text))",
                                  at: at, evidence: "campaign \(c.name), step \(m.stepIndex + 1): \(m.step.template)")
                }
                continue
            }
            // An earlier step that requests a review.
            for j in 0..<m.stepIndex {
                let earlier = c.steps[j]
                let requests: Bool
                if CampaignMembership.matches(earlier, path: context.input.path, base: base) {
                    requests = true
                } else {
                    requests = CampaignMembership.files(of: earlier, base: base).contains {
                        ReviewRequest.fileRequestsReview($0, context: context) ?? false
                    }
                }
                if requests, reported.insert(c.name).inserted {
                    report.report("Campaign “\(c.name)” already requests a review in step \(j + 1) (\(earlier.template)); step \(m.stepIndex + 1) requests one again: \(ContentFindings.quote(request.text))",
                                  at: at, evidence: "campaign \(c.name): steps \(j + 1) and \(m.stepIndex + 1)")
                    break
                }
            }
        }
    }
}
