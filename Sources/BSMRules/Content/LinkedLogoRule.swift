import BSMDocument
import BSMEngine
import BSMText

/// `linked-logo`: an image linking to a non-Amazon site, or an image whose alt text or file
/// name shows a web address.
public struct LinkedLogoRule: Rule {
    public static let metadata = RuleMetadata(
        id: "linked-logo",
        name: "Linked logo",
        category: .content,
        defaultSeverity: .error,
        summary: "An image inside a link to a non-Amazon site, or a logo image whose alt text or file name shows a web address",
        rationale: """
        Amazon does not allow logos that contain or display a link to the seller's website (content rule 6). \
        A logo wrapped in a link to the shop, or one that spells out the shop's address, sends the buyer off Amazon.
        """,
        fix: "Remove the link around the image (or link to Amazon), and use a logo without a web address.",
        decisions: [
            "Any image (`img`, `input[type=image]`) inside `<a href>` to a host that is not Amazon's is reported, whatever the image shows: a linked image is how a logo links to a website. Links allowed by `allowedDomains` are still reported: the policy names logos, not necessity.",
            "An image whose `alt` or file name shows a web address (`www.myshop.com`, `https://…`, `myshop.com`) outside Amazon is reported even without a link; a file name is the last path segment without its extension (`logo-myshop.com.png` shows `logo-myshop.com`). A locale variant of a design asset is no web address: `header.de.png`, `hero.es.jpg`, `email-banner.fr.png` (a design word before a two-letter code), while `myshop.de.png` is one.",
            "Placeholder links and relative links are unknown and not reported; `mailto:`/`tel:` links are `contact-info`'s.",
            "One finding per image, at its start tag.",
        ],
        failing: [
            RuleExample("↓<img src=\"https://cdn.example.com/img/myshop.de.png\" alt=\"\">", note: "A shop's address as the file name."),
            RuleExample("<a href=\"https://www.myshop.com\">↓<img src=\"https://cdn.myshop.com/logo.png\" alt=\"My Shop\"></a>"),
            RuleExample("↓<img src=\"https://cdn.example.com/logo.png\" alt=\"Logo www.myshop.de\">"),
            RuleExample("↓<img src=\"https://cdn.example.com/img/logo-myshop.com.png\" alt=\"Logo\">"),
            RuleExample("<p><a href=\"//myshop.fr/\"><span>↓<img src=\"https://cdn.example.com/logo.png\" alt=\"Ma boutique\"></span></a></p>"),
            RuleExample("<a href=\"http://myshop.it\">↓<img src=\"https://cdn.example.com/l.png\" alt=\"Negozio\"></a>"),
            RuleExample("<a href=\"https://myshop.example/\"><table role=\"presentation\"><tr><td>↓<img src=\"https://myshop.example/logo.png\" alt=\"MyShop\"></td></tr></table></a>", note: "An image in a table inside the link."),
        ],
        passing: [
            RuleExample("<img src=\"https://cdn.example.com/img/header.de.png\" alt=\"\"><img src=\"https://cdn.example.com/img/email-banner.fr.png\" alt=\"\">", note: "Locale variants of design assets."),
            RuleExample("<img src=\"https://cdn.example.com/logo.png\" alt=\"My Shop\">"),
            RuleExample("<a href=\"https://www.amazon.de/sp?seller=A1B2C3\"><img src=\"https://cdn.example.com/logo.png\" alt=\"Mein Shop\"></a>"),
            RuleExample("<a href=\"{{store_url}}\"><img src=\"https://cdn.example.com/logo.png\" alt=\"Logo\"></a>"),
            RuleExample("<a href=\"https://example.com\">Text link</a> <img src=\"https://cdn.example.com/photo.jpg\" alt=\"Gravur auf amazon.de bestellt\">", note: "An Amazon address in the alt is fine."),
        ],
        appliesTo: [.html, .eml]
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(elements: ["img", "input"]) }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let doc = context.document
        let node = doc[id]
        if node.name == "input", node.attribute("type")?.lowercased() != "image" { return }
        if let link = ContentLinks.enclosingLink(id, in: doc), let href = doc[link].attribute("href") {
            let info = URLInfo.parse(href, placeholders: context.placeholders)
            if !info.isHostUnknown, info.scheme == nil || info.scheme == "http" || info.scheme == "https",
               let host = info.host, host.contains("."), !ContentLinks.isAmazonHost(host) {
                report.report("Image links to a website outside Amazon (\(host)): Amazon does not allow images or logos that link to other websites",
                              node: node, evidence: "href=\"\(href)\"")
                return
            }
        }
        if let alt = node.attribute("alt"), let shown = LinkedLogoRule.webAddress(in: alt, context.placeholders) {
            report.report("Image alt text shows a web address (\(shown)): Amazon does not allow logos that display a link",
                          node: node, evidence: "alt=\"\(alt)\"")
            return
        }
        if let src = node.attribute("src"), !context.placeholders.isPlaceholderOnly(src) {
            var name = ContentLinks.fileName(src)
            if let dot = name.lastIndex(of: ".") { name = String(name[..<dot]) }
            if let shown = LinkedLogoRule.webAddress(in: name, context.placeholders), !LinkedLogoRule.isLocaleVariant(shown) {
                report.report("Image file name shows a web address (\(shown)): Amazon does not allow logos that display a link",
                              node: node, evidence: "src=\"\(src)\"")
            }
        }
    }

    /// Words that name a part of a template's design, not a shop: `header.de.png`, `hero.es.jpg`
    /// and `email-banner.fr.png` are locale variants of an asset, not web addresses.
    static let assetWords: Set<String> = [
        "header", "footer", "banner", "logo", "hero", "image", "img", "icon", "button", "btn", "bg", "background",
        "photo", "pic", "picture", "spacer", "divider", "headline", "signature",
    ]

    /// A file name like `header.de` or `email-banner.fr`: an asset word, then a two-letter language
    /// or country code.
    static func isLocaleVariant(_ shown: String) -> Bool {
        let parts = shown.lowercased().split(separator: ".")
        guard parts.count == 2, parts[1].count == 2, parts[1].allSatisfy({ $0 >= "a" && $0 <= "z" }) else { return false }
        let last = parts[0].split(whereSeparator: { $0 == "-" || $0 == "_" }).last.map(String.init) ?? ""
        return assetWords.contains(last)
    }

    /// The first non-Amazon web address in a text, if any.
    static func webAddress(in s: String, _ placeholders: PlaceholderMatcher) -> String? {
        guard s.utf8.contains(0x2E) else { return nil }
        for m in URLScanner.urls(in: s) {
            let info = ContentLinks.textURLInfo(m, placeholders: placeholders)
            guard !info.isHostUnknown, let host = info.host, host.contains("."), !ContentLinks.isAmazonHost(host) else { continue }
            return m.text
        }
        return nil
    }
}
