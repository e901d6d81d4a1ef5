import BSMDocument
import BSMEngine
import BSMText

/// `important-subject`: `[Important]` in an .eml subject.
public struct ImportantSubjectRule: Rule {
    public static let metadata = RuleMetadata(
        id: "important-subject",
        name: "[Important] subject",
        category: .content,
        defaultSeverity: .warning,
        summary: "The .eml subject contains [Important] (any letter case)",
        rationale: """
        Sellers mailing from their own client could once mark a critical message `[Important]` to reach buyers \
        who had opted out of unsolicited messages. Amazon has removed that option, and marking a non-critical \
        message `[Important]` was always a violation (POLICY.md, "Subject lines").
        """,
        fix: "Remove `[Important]` from the subject.",
        decisions: [
            "Only an .eml's decoded `Subject:` header is read (RFC 2047 encoded words decoded), not the HTML `<title>`.",
            "Matched after `normalizedForMatching`: any letter case, full-width brackets and letters (`［ＩＭＰＯＲＴＡＮＴ］`), spaces inside the brackets (`[ important ]`).",
            "`Important` without brackets is an ordinary word and passes; the finding is placed at the Subject header's value.",
        ],
        failing: [
            RuleExample("From: seller@example.com\nSubject: ↓[Important] Your order 112-3456789-0123456\nContent-Type: text/plain; charset=utf-8\n\nHello\n", kind: .eml),
            RuleExample("From: seller@example.com\nSubject: ↓Re: [IMPORTANT] delivery\nContent-Type: text/plain; charset=utf-8\n\nHello\n", kind: .eml),
            RuleExample("From: seller@example.com\nSubject: ↓=?UTF-8?Q?=5Bimportant=5D_Lieferung?=\nContent-Type: text/plain; charset=utf-8\n\nHallo\n", kind: .eml, note: "Decoded from an encoded word."),
            RuleExample("From: seller@example.com\nSubject: ↓Commande [ Important ]\nContent-Type: text/plain; charset=utf-8\n\nBonjour\n", kind: .eml),
        ],
        passing: [
            RuleExample("From: seller@example.com\nSubject: Important information about your order\nContent-Type: text/plain; charset=utf-8\n\nHello\n", kind: .eml),
            RuleExample("<html><head><title>[Important] notice</title></head><body><p>Hello</p></body></html>", note: "The HTML title is not the subject."),
            RuleExample("From: seller@example.com\nSubject: Pedido 112-3456789-0123456\nContent-Type: text/plain; charset=utf-8\n\n[Important] en el texto\n", kind: .eml, note: "Only the subject is read."),
            RuleExample("From: seller@example.com\nSubject: [Importante] Ihre Bestellung\nContent-Type: text/plain; charset=utf-8\n\nHallo\n", kind: .eml),
        ],
        appliesTo: [.eml],
        judgesWholeMessage: true
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { .none }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        guard let subject = context.input.subject, ImportantSubjectRule.containsImportant(subject.text) else { return }
        report.report("The subject is marked [Important]: Amazon removed that option and misuse was always a violation",
                      at: subject.range, evidence: "Subject: \(subject.text)")
    }

    static func containsImportant(_ s: String) -> Bool {
        let n = normalizedForMatching(s.count > 2000 ? String(s.prefix(2000)) : s)
        var rest = Substring(n)
        while let open = rest.firstIndex(of: "[") {
            let after = rest[rest.index(after: open)...].drop { $0 == " " }
            if after.hasPrefix("important") {
                let tail = after.dropFirst("important".count).drop { $0 == " " }
                if tail.first == "]" { return true }
            }
            rest = rest[rest.index(after: open)...]
        }
        return false
    }
}
