import BSMDocument
import BSMEngine
import BSMText

/// `link-text`: link text that does not say where the link goes.
public struct LinkTextRule: Rule {
    public static let metadata = RuleMetadata(
        id: "link-text",
        name: "Link text",
        category: .accessibility,
        defaultSeverity: .warning,
        summary: "Link text is not descriptive: \"click here\", \"here\", \"read more\", \"link\", or a bare URL",
        rationale: """
        Screen-reader users often list a message's links out of context; "click here" five times tells them \
        nothing, and a URL is read out character by character (WCAG 2.4.4, Link Purpose; failure F84).
        """,
        fix: "Say where the link goes: \"Track your package\", \"Read the return policy\".",
        decisions: [
            "A link hidden from everyone (`display: none`, `visibility: hidden` or `aria-hidden` on it or an ancestor, as `link-name` decides) is not checked.",
            "The link's accessible name (`aria-labelledby`, `aria-label`, contents with image alt, `title`) is compared whole, after normalisation (case, accents, full-width forms, a hyphen between words read as a space: \"Click-here\") and after stripping punctuation, arrows and symbols at its ends, against the phrase lists for en, es, fr, de, it, ja and pt in `Support/NonDescriptiveText.swift`. \"Click here to track your package\" is descriptive and passes; an `aria-label` that describes the target overrides vague visible text.",
            "A bare URL is a name that starts with a scheme (`https://`), `//` or `www.`, or a host followed by a path (`example.com/track`). A bare domain (`example.com`) names a site and passes. A placeholder (`{{tracking_url}}`) is unknown and passes.",
            "Reported at the `<a>` start tag. Nameless links are `link-name`'s business.",
        ],
        failing: [
            RuleExample("<p>To track your package ↓<a href=\"https://example.com/track\">click here</a>.</p>"),
            RuleExample("↓<a href=\"https://example.com/returns\">Read more&nbsp;»</a>"),
            RuleExample("↓<a href=\"https://example.com/track?id=1\">https://example.com/track?id=1</a>"),
            RuleExample("↓<a href=\"https://example.com/es\">Haga clic aquí</a>\n↓<a href=\"https://example.com/fr\">Cliquez ICI</a>\n↓<a href=\"https://example.com/de\">Hier klicken</a>\n↓<a href=\"https://example.com/it\">Clicca qui</a>\n↓<a href=\"https://example.com/ja\">こちら</a>"),
            RuleExample("↓<a href=\"https://example.com\"><img src=\"https://example.com/a.png\" alt=\"Link\"></a>", note: "An image's alt is the link text."),
            RuleExample("↓<a href=\"https://example.com/es\">Pinche aquí</a>\n↓<a href=\"https://example.com/fr\">Cliquez sur ce lien</a>\n↓<a href=\"https://example.com/de\">Hier tippen</a>\n↓<a href=\"https://example.com/it\">Premi qui</a>\n↓<a href=\"https://example.com/en\">Click-here</a>", note: "Polite and tap forms, and a hyphen between the words."),
        ],
        passing: [
            RuleExample("<div style=\"display: none\"><a href=\"https://www.amazon.com/\">click here</a></div>", note: "A hidden link is neither shown nor announced."),
            RuleExample("<a href=\"https://example.com/track\">Track your package</a>"),
            RuleExample("<a href=\"https://example.com/returns\" aria-label=\"Read more about returns\">Read more</a>"),
            RuleExample("<a href=\"https://example.com/track\">Click here to track your package</a>"),
            RuleExample("<a href=\"https://example.com/es\">Pinche aquí para ver su pedido</a>\n<a href=\"https://example.com/fr\">Cliquez sur ce lien pour suivre votre colis</a>", note: "The whole text is compared: a descriptive sentence with the same words passes."),
            RuleExample("<a href=\"{{tracking_url}}\">{{tracking_url}}</a>", note: "A placeholder is unknown, not a URL."),
            RuleExample("<a href=\"https://www.example.com\">example.com</a>", note: "A bare domain names the site."),
        ],
        wcag: "2.4.4 Link Purpose (In Context) (Level A)"
    )

    public typealias State = AnnouncedLinks

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(elements: ["a"], needs: .styles) }

    public func makeState(_ context: RuleContext) -> State { AnnouncedLinks(context) }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {
        // Only links shown and announced (not hidden from assistive technology).
        guard let name = state.name(of: id, context) else { return }
        let node = context.node(id)
        guard !name.isEmpty, !context.placeholders.isPlaceholderOnly(name.text) else { return }
        if let lang = NonDescriptiveText.nonDescriptiveLinkLanguage(name.text) {
            report.report("Link text \"\(name.text)\" does not say where the link goes (\(lang)); describe the target",
                          node: node, evidence: "\(name.source.rawValue): \(name.text)")
        } else if LinkTextRule.isBareURL(name.text, placeholders: context.placeholders) {
            report.report("Link text is a bare URL: screen readers spell it out; describe the target instead",
                          node: node, evidence: name.text)
        }
    }

    /// A URL written as text: a scheme, `//` or `www.`, or a host with a path; no spaces.
    static func isBareURL(_ text: String, placeholders: PlaceholderMatcher) -> Bool {
        let t = text.trimmingASCIISpaces()
        guard !t.isEmpty, !t.contains(" ") else { return false }
        let lower = t.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("//") || lower.hasPrefix("www.") {
            return true
        }
        guard let slash = lower.firstIndex(of: "/"), slash != lower.startIndex else { return false }
        let host = lower[..<slash]
        guard host.contains("."), !host.contains("@") else { return false }
        let info = URLInfo.parse("https://" + t, placeholders: placeholders)
        guard !info.isHostUnknown, let h = info.host, let tld = h.split(separator: ".").last else { return false }
        return tld.count >= 2 && tld.allSatisfy(\.isLetter)
    }
}
