import BSMDocument
import BSMEngine
import BSMText

/// `send-window`: a campaign step more than 30 days after the order, or a review request outside
/// 5–30 days after delivery.
public struct SendWindowRule: Rule {
    public static let metadata = RuleMetadata(
        id: "send-window",
        name: "Send window",
        category: .content,
        defaultSeverity: .error,
        summary: "A campaign step is scheduled more than 30 days after the order, or a review request outside 5–30 days after delivery",
        rationale: """
        Sellers may message buyers only within 30 days of order completion, and Amazon's review-request window is 5 \
        days after delivery to 30 days after delivery. bsmlint reads each template's schedule from the `campaigns:` \
        section of .bsmlint.yml.
        """,
        fix: "Move the step inside the window (review requests: between 5 and 30 days after delivery).",
        decisions: [
            "A review request is a sentence with a review word and an asking word (as in review-request-repeat).",
            "Delays are written `7d from delivery`, `3 days after order`, `12h from order` or `2w from delivery`.",
            "Delivery is never before the order, so any step more than 30 days after delivery is also more than 30 days after the order. A review request `N` days after the order with N < 5 is before the window; with N ≥ 5 after the order the delivery date is unknown and it passes.",
            "Reported on the template of the step: a review request at its first review sentence, any other step at the start of its text. Without campaigns the rule reports nothing.",
        ],
        failing: [
            RuleExample("<p>↓Please leave a review of your purchase.</p>",
                        config: "campaigns:\n  - name: early\n    steps:\n      - { template: example.html, after: 2d from delivery }"),
            RuleExample("<p>↓Please leave a review of your purchase.</p>",
                        config: "campaigns:\n  - name: late\n    steps:\n      - { template: example.html, after: 35d from delivery }"),
            RuleExample("<p>↓Your warranty registration is ready.</p>",
                        config: "campaigns:\n  - name: warranty\n    steps:\n      - { template: example.html, after: 45d from order }"),
            RuleExample("↓Nos encantaría conocer tu opinión sobre el producto.", kind: .text,
                        config: "campaigns:\n  - name: es\n    steps:\n      - { template: \"*.txt\", after: 1w from delivery }\n      - { template: \"*.txt\", after: 1d from order }",
                        note: "Two steps send this template; the second asks for a review one day after the order."),
        ],
        passing: [
            RuleExample("<p>Please leave a review of your purchase.</p>",
                        config: "campaigns:\n  - name: ok\n    steps:\n      - { template: example.html, after: 7d from delivery }"),
            RuleExample("<p>The kettle's IP65 rating means it is splash-proof.</p>",
                        config: "campaigns:\n  - name: tips\n    steps:\n      - { template: example.html, after: 1d from delivery }",
                        note: "A review word without an asking word is not a review request."),
            RuleExample("<p>Please confirm your delivery appointment.</p>",
                        config: "campaigns:\n  - name: bulky\n    steps:\n      - { template: example.html, after: 1d from order }"),
            RuleExample("<p>Bitte hinterlassen Sie eine Bewertung.</p>",
                        config: "campaigns:\n  - name: de\n    steps:\n      - { template: example.html, after: 30d from delivery }"),
            RuleExample("<p>Please leave a review of your purchase.</p>", note: "No campaigns configured."),
        ],
        appliesTo: [.html, .text, .eml],
        policy: "Who may be messaged, when",
        judgesWholeMessage: true
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(needs: [.text]) }

    static func days(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? "\(Int(d)) days" : String(format: "%.1f days", d)
    }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let memberships = CampaignMembership.of(context)
        guard !memberships.isEmpty else { return }
        let request = ReviewRequest.sentences(in: context.text, placeholders: context.placeholders).first
        let textStart = context.text.firstVisibleRange ?? 0..<0
        for m in memberships {
            let s = m.step
            let label = "campaign “\(m.campaign.name)” step \(m.stepIndex + 1) (\(s.after))"
            if s.days > 30 {
                report.report("Scheduled \(SendWindowRule.days(s.days)) after the \(s.anchor.rawValue): messages must be sent within 30 days of the order (\(label))",
                              at: ContentFindings.range(request?.range ?? textStart, context), evidence: "\(s.template): \(s.after)")
                continue
            }
            guard let r = request else { continue }
            if s.days < 5 {
                report.report("Review request scheduled \(SendWindowRule.days(s.days)) after the \(s.anchor.rawValue): Amazon's window opens 5 days after delivery (\(label))",
                              at: ContentFindings.range(r.range, context), evidence: "\(s.template): \(s.after); \(ContentFindings.quote(r.text))")
            }
        }
    }
}
