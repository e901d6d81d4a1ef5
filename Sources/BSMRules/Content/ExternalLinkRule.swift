import BSMDocument
import BSMEngine
import BSMText

/// `external-link`: an https link or bare URL outside Amazon's domains and the allow-list.
public struct ExternalLinkRule: Rule {
    public static let metadata = RuleMetadata(
        id: "external-link",
        name: "External link",
        category: .content,
        defaultSeverity: .warning,
        summary: "An https link or URL in the text points outside Amazon's domains and the configured allow-list",
        rationale: """
        Amazon allows links to Amazon, and external links only when they are secure and necessary to complete \
        the order (content rule 4). Whether a link is necessary cannot be decided from the template, so bsmlint \
        warns about every external link that is not on the project's allow-list (e.g. the carriers it ships with).
        """,
        fix: "Remove the link, link to Amazon instead, or, when it is needed to complete the order (a carrier's tracking page), add its domain to `allowedDomains` in .bsmlint.yml.",
        decisions: [
            "Amazon's domains: every marketplace (`amazon.com`, `amazon.co.uk`, `amazon.de`, `amazon.co.jp`, `amazon.co.za`, `amazon.ie`, … — the list `--marketplace` accepts — also `amazon.cn`), the short links `amzn.to`, `amzn.eu`, `amzn.asia`, `amzn.com`, `a.co`, and Amazon's image CDNs (`media-amazon.com`, `ssl-images-amazon.com`, `images-amazon.com`), with all subdomains. `amazon-adsystem.com` is advertising and tracking, not a place to send a buyer: it is external.",
            "At most 200 findings per document.",
            "`allowedDomains: [ups.com, dhl.de]` in .bsmlint.yml allows those hosts and their subdomains.",
            "Checked: `a`/`area href`, `form action`, `button`/`input formaction`, `iframe`/`frame src`, and URLs written in the text (`https://…`, `www.…`, `example.com/path` with a known top-level domain, and a bare `acme-shop.com` or `mionegozio.it` whose top-level domain is written in one case and, when it is also an English word, is not followed by an English sentence — `order.It should arrive` or `box.in the meantime` is a missing space, not a domain). The text of a link is its label: the href decides.",
            "`http:` links are reported by `insecure-link` only, not twice. Relative links, `#anchors`, `mailto:`/`tel:` and the domain of an email address written in the text (see `contact-info`), and placeholders (`{{tracking_url}}`, `https://{{shop}}/x`) are never reported.",
            "A URL written in the text with user info (`https://amazon.com@evil.net/x`, `https://user:pass@host/x`) is a URL, not an email address: the part before the `@` is user info, the host after it decides (evil.net: external), as browsers and the `href` check read it. `contact-info` does not report it as an address.",
        ],
        options: [],
        failing: [
            RuleExample("<p>Track your parcel ↓<a href=\"https://www.dhl.de/track?id=1\">here</a>.</p>"),
            RuleExample("<p>Visit our shop at ↓www.example-shop.com</p>"),
            RuleExample("Consulte el manual en ↓https://example.es/manual.pdf", kind: .text),
            RuleExample("<p>↓<a href=\"https://amazon.com.example.net/x\">Amazon</a></p>", note: "A look-alike host is not Amazon."),
            RuleExample("Go to ↓https://amazon.com@evil.net/x", kind: .text, note: "User info before the `@`: the host is evil.net."),
            RuleExample("<p>↓<a href=\"https://www.ups.com/track\">UPS</a></p>", config: "allowedDomains: [dhl.de]"),
        ],
        passing: [
            RuleExample("<p>We shipped your order.It should arrive on Friday. Look in the box.In the meantime, tell.Me if you need anything.</p>", note: "A missing space after a full stop is no domain."),
            RuleExample("<p><a href=\"https://www.amazon.de/gp/css/order-history\">Bestellungen</a> · <a href=\"https://amzn.to/3abc\">Link</a> · <a href=\"https://a.co/d/xyz\">Link</a></p>"),
            RuleExample("<p>Suivez le colis sur <a href=\"https://www.dhl.de/track\">DHL</a> ou https://wwwapps.ups.com/track.</p>", config: "allowedDomains: [ups.com, dhl.de]"),
            RuleExample("<p><a href=\"{{tracking_url}}\">Track</a> <a href=\"https://{{shop_domain}}/x\">Shop</a> <a href=\"#top\">Top</a></p>"),
            RuleExample("<p>Visit <a href=\"http://example.com\">us</a></p>", note: "http links are `insecure-link`'s."),
            RuleExample("Vielen Dank für Ihre Bestellung bei amazon.de!", kind: .text),
            RuleExample("<p><a href=\"https://www.amazon.co.za/gp/css/order-history\">Your orders</a> · <a href=\"https://www.amazon.ie/gp/help\">Help</a></p>", note: "Amazon South Africa and Amazon Ireland are marketplaces."),
            RuleExample("See https://www.amazon.com@amazon.de/gp/help", kind: .text, note: "User info before the `@`: the host is amazon.de."),
        ],
        appliesTo: [.html, .text, .eml]
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(elements: ContentLinks.elementNames, text: true) }

    /// The external host of a URL, or nil when it is Amazon's, allowed, unknown, relative,
    /// http (insecure-link's) or not a web link.
    static func externalHost(_ info: URLInfo, _ config: Configuration) -> String? {
        guard !info.isHostUnknown, !info.isHTTP else { return nil }
        guard info.scheme == nil || info.scheme == "https" || info.scheme == "ftp" else { return nil }
        guard let host = info.host, !host.isEmpty, host.contains(".") else { return nil }
        if ContentLinks.isAmazonHost(host) || config.isAllowedDomain(host) { return nil }
        return host
    }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let doc = context.document
        let node = doc[id]
        if node.kind == .text {
            guard ContentLinks.isContentText(node), node.text.utf8.contains(0x2E) else { return }
            let urls = URLScanner.urls(in: node.text)
            guard !urls.isEmpty, !ContentLinks.isInsideLink(id, in: doc) else { return }
            let phs = context.placeholders.placeholders(in: node.text).map(\.utf8Range)
            let emails = URLScanner.emails(in: node.text).map(\.utf8Range)
            let ranges = TextNodeRanges(id, in: doc)
            for m in urls where !ContentLinks.overlapsAny(phs, m.utf8Range) && !ContentLinks.overlapsAny(emails, m.utf8Range)
                && report.findings.count < ContentLinks.maxFindingsPerDocument {
                let info = ContentLinks.textURLInfo(m, placeholders: context.placeholders)
                guard let host = ExternalLinkRule.externalHost(info, context.configuration) else { continue }
                report.report("URL \(m.text) in the text points outside Amazon (\(host)): external links are allowed only when necessary for the order",
                              at: ranges.range(m.utf8Range, in: doc), evidence: m.text)
            }
            return
        }
        for t in ContentLinks.targets(of: node) where report.findings.count < ContentLinks.maxFindingsPerDocument {
            let info = URLInfo.parse(t.url, placeholders: context.placeholders)
            guard let host = ExternalLinkRule.externalHost(info, context.configuration) else { continue }
            report.report("\(InsecureLinkRule.describe(node.name)) points outside Amazon (\(host)): external links are allowed only when necessary for the order",
                          node: node, evidence: "\(t.attribute.name)=\"\(t.url)\"")
        }
    }
}
