import BSMDocument
import BSMEngine
import BSMText

/// `insecure-link`: a link, form action, frame or bare URL in the text that uses `http:`.
public struct InsecureLinkRule: Rule {
    public static let metadata = RuleMetadata(
        id: "insecure-link",
        name: "Insecure link",
        category: .content,
        defaultSeverity: .error,
        summary: "A link or URL (href, form action, frame src, or bare in the text) uses http:",
        rationale: """
        Amazon allows external links only when they are secure (https) and necessary to complete the order \
        (content rule 4); an http link is never allowed, even to Amazon.
        """,
        fix: "Use `https://` (or remove the link if it is not needed for the order).",
        decisions: [
            "Checked: `a`/`area href`, `form action`, `button`/`input formaction`, `iframe`/`frame src`, `http://` URLs written in the message text, and the first `<base href>` (the one browsers use: an http base makes the relative links http; reported once, at the `<base>`).",
            "A URL written as the text of a link is the link's label; the link's `href` decides (`<a href=\"https://x\">http://x</a>` passes).",
            "A link made only of a placeholder, or whose scheme and host come from one (`{{tracking_url}}`, `{{base}}/x`), is unknown and never reported; `http://{{host}}/x` is still http.",
            "Protocol-relative links (`//example.com`) are not reported here: in a message opened over https they are https. `<link>` stylesheets are not links (and are never fetched).",
            "At most 200 findings per document.",
            "Image sources are the `insecure-image` rule's business.",
        ],
        failing: [
            RuleExample("<head>↓<base href=\"http://shop.example.com/\"></head><p><a href=\"help\">Help</a></p>", note: "An http base URL."),
            RuleExample("<p>Track it ↓<a href=\"http://www.ups.com/track\">here</a></p>"),
            RuleExample("<p>Anleitung: ↓http://example.de/anleitung.pdf</p>"),
            RuleExample("↓<form action=\"HTTP://example.com/submit\"><p>Order 112-3456789-0123456</p></form>"),
            RuleExample("↓<iframe src=\"http://example.com/embed\"></iframe>"),
            RuleExample("Voir ↓http://www.amazon.fr/gp/css/order-history pour la commande.", kind: .text, note: "http is insecure even to Amazon."),
        ],
        passing: [
            RuleExample("<p><a href=\"https://www.amazon.com/gp/css/order-history\">Your orders</a></p>"),
            RuleExample("<p><a href=\"{{tracking_url}}\">Track</a> <a href=\"{{base_url}}/help\">Help</a></p>"),
            RuleExample("<p><a href=\"https://example.com/a\">http://example.com/a</a></p>", note: "The href decides, not the label."),
            RuleExample("<img src=\"http://example.com/a.png\" alt=\"A\"><link rel=\"stylesheet\" href=\"http://example.com/a.css\">"),
            RuleExample("Das Handbuch liegt bei: https://example.de/handbuch.pdf", kind: .text),
        ],
        appliesTo: [.html, .text, .eml]
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(elements: ContentLinks.elementNames.union(["base"]), text: true) }

    /// Whether the walk has passed a `<base href>` (only the first one counts).
    public struct State { var sawBaseHref = false }

    public func makeState(_ context: RuleContext) -> State { State() }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {
        let doc = context.document
        let node = doc[id]
        if node.kind == .text {
            guard ContentLinks.isContentText(node), node.text.utf8.count >= 8, node.text.utf8.contains(0x3A) else { return }
            let urls = URLScanner.urls(in: node.text).filter { $0.kind == .url }
            guard !urls.isEmpty, !ContentLinks.isInsideLink(id, in: doc) else { return }
            let ranges = TextNodeRanges(id, in: doc)
            for m in urls where report.findings.count < ContentLinks.maxFindingsPerDocument {
                let info = URLInfo.parse(m.text, placeholders: context.placeholders)
                guard info.isHTTP, !info.isUnknown else { continue }
                report.report("URL \(m.text) in the text uses http: Amazon allows only secure (https) links",
                              at: ranges.range(m.utf8Range, in: doc), evidence: m.text)
            }
            return
        }
        // `<base href="http://…">` (the first one with an href: browsers use only that) makes the
        // message's relative links http ones.
        if node.name == "base" {
            // The walk is in document order: the first `<base href>` it meets is the one used.
            guard let a = node.attributeNode("href"), !state.sawBaseHref else { return }
            state.sawBaseHref = true
            let info = URLInfo.parse(a.value, placeholders: context.placeholders)
            if info.isHTTP, !info.isUnknown {
                report.report("Base URL uses http: relative links of the message resolve to http; Amazon allows only secure (https) links",
                              node: node, evidence: "href=\"\(a.value)\"")
            }
            return
        }
        for t in ContentLinks.targets(of: node) where report.findings.count < ContentLinks.maxFindingsPerDocument {
            let info = URLInfo.parse(t.url, placeholders: context.placeholders)
            guard info.isHTTP, !info.isUnknown else { continue }
            report.report("\(InsecureLinkRule.describe(node.name)) uses http: Amazon allows only secure (https) links",
                          node: node, evidence: "\(t.attribute.name)=\"\(t.url)\"")
        }
    }

    static func describe(_ element: String) -> String {
        switch element {
        case "form": return "Form action"
        case "button", "input": return "Form action (formaction)"
        case "iframe", "frame": return "Frame source"
        default: return "Link"
        }
    }
}
