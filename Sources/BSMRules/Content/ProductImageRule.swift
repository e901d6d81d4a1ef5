import BSMDocument
import BSMEngine
import BSMText

/// `product-image`: an image from Amazon's product-image CDN, or one whose alt text or file
/// name names an ASIN.
public struct ProductImageRule: Rule {
    public static let metadata = RuleMetadata(
        id: "product-image",
        name: "Product image",
        category: .content,
        defaultSeverity: .warning,
        summary: "An image of a product listing: an Amazon product-image CDN path (/images/I/), or an alt text or file name naming an ASIN",
        rationale: """
        Amazon does not allow images of the purchased product in messages (content rule 11): it shows the product \
        itself. Listing images are served from Amazon's product-image CDN under `/images/I/`, and sellers often name \
        their own copies after the ASIN.
        """,
        fix: "Remove the product image; Amazon shows the product next to the message.",
        decisions: [
            "A product-image URL is any image URL whose path contains `/images/I/` (Amazon's listing-image path on `m.media-amazon.com`, `images-na.ssl-images-amazon.com`, `images-eu.ssl-images-amazon.com`, `ecx.images-amazon.com` and copies of it elsewhere).",
            "An ASIN is `B0` followed by 8 upper-case letters and digits (at least one of each), as a whole word, in `alt` or in the file name (`B07XJ8C8F5.jpg`, `B07XJ8C8F5_main.png`). Book ASINs (ISBN-10) are not recognised.",
            "Product names cannot be known from the template, so an alt text such as \"Blue mug\" is not reported. A warning: the image might show something else.",
            "Checked: `img src`/`srcset`, `picture > source srcset`, `input[type=image]`, SVG `image`, `video poster` and `background=` on tables, cells and `body` (one finding per element, at its start tag), and CSS images — `background`/`background-image`, `list-style-image`, `content`, `border-image` `url()`s that win the cascade on some element (one finding per declaration), as `insecure-image` reads them.",
        ],
        failing: [
            RuleExample("↓<img src=\"https://m.media-amazon.com/images/I/71abcDEF12L._AC_SL1500_.jpg\" alt=\"Mug\">"),
            RuleExample("↓<img src=\"https://images-na.ssl-images-amazon.com/images/I/51xyz.jpg\" alt=\"Becher\">"),
            RuleExample("↓<img src=\"https://cdn.example.com/p/B07XJ8C8F5.jpg\" alt=\"Tasse\">"),
            RuleExample("↓<img src=\"https://cdn.example.com/p/1.jpg\" alt=\"Produit B07XJ8C8F5\">"),
            RuleExample("<picture>↓<source srcset=\"https://m.media-amazon.com/images/I/71a.webp 1x\"><img src=\"https://cdn.example.com/x.png\" alt=\"x\"></picture>"),
            RuleExample("<table><tr>↓<td background=\"https://m.media-amazon.com/images/I/71abc.jpg\">Thanks for your order</td></tr></table>"),
            RuleExample("<p style=\"↓background-image: url(https://m.media-amazon.com/images/I/71abc.jpg)\">Thanks</p>"),
        ],
        passing: [
            RuleExample("<img src=\"https://m.media-amazon.com/images/G/01/logo.png\" alt=\"Amazon\">", note: "`/images/G/` holds Amazon's own graphics, not listings."),
            RuleExample("<img src=\"https://cdn.example.com/logo.png\" alt=\"Mi tienda\">"),
            RuleExample("<img src=\"https://cdn.example.com/B0BANNER.png\" alt=\"B0 size guide\">", note: "Not ten characters with a digit: not an ASIN."),
            RuleExample("<p>Your ASIN B07XJ8C8F5 is out of stock</p>", note: "Text is not an image."),
            RuleExample("<img src=\"{{product_image}}\" alt=\"{{product_name}}\">"),
        ],
        appliesTo: [.html, .eml]
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(elements: ImageURLs.elementNames, needs: .styles) }

    /// Why an image URL shows a product listing, or nil.
    static func listingReason(_ url: String, _ context: RuleContext) -> String? {
        if context.placeholders.isPlaceholderOnly(url) { return nil }
        let info = URLInfo.parse(url, placeholders: context.placeholders)
        if info.path.contains("/images/I/") {
            return "Amazon product-listing image (/images/I/)"
        }
        if let asin = ProductImageRule.asin(in: ContentLinks.fileName(url)) {
            return "Image file named after ASIN \(asin)"
        }
        return nil
    }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let doc = context.document
        let node = doc[id]
        for ref in ImageURLs.references(of: id, in: doc) {
            guard let why = ProductImageRule.listingReason(ref.url, context) else { continue }
            report.report("\(why): Amazon does not allow images of the purchased product",
                          node: node, evidence: "\(ref.attribute.name)=\"\(ref.url)\"")
            return
        }
        if node.name == "img" || node.name == "input", let alt = node.attribute("alt"), let asin = ProductImageRule.asin(in: alt) {
            report.report("Image alt text names ASIN \(asin): Amazon does not allow images of the purchased product",
                          node: node, evidence: "alt=\"\(alt)\"")
        }
    }

    /// CSS images (`background-image`, `list-style-image`, `content`, `border-image` `url()`s that
    /// win the cascade somewhere): once per declaration.
    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        guard let engine = context.styleEngine else { return }
        for (d, urls) in CSSImageURLs.byDeclaration(CSSImageURLs.shared(engine, context)) {
            guard let why = urls.lazy.compactMap({ ProductImageRule.listingReason($0, context) }).first else { continue }
            report.report("\(why) as a CSS image: Amazon does not allow images of the purchased product",
                          at: d.range, evidence: "\(d.property): \(d.value)")
        }
    }

    /// The first ASIN (`B0` + 8 upper-case alphanumerics, at least one letter and one digit) standing as a
    /// word in `s`.
    static func asin(in s: String) -> String? {
        let b = Array(s.utf8)
        var i = 0
        while i + 10 <= b.count {
            if b[i] == 0x42, b[i + 1] == 0x30, i == 0 || !isWordByte(b[i - 1]) {
                let body = b[(i + 2)..<(i + 10)]
                let ok = body.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) }
                let hasLetter = body.contains { $0 >= 0x41 && $0 <= 0x5A }
                let hasDigit = body.contains { $0 >= 0x30 && $0 <= 0x39 }
                if ok, hasLetter, hasDigit, i + 10 == b.count || !isWordByte(b[i + 10]) {
                    return String(decoding: b[i..<(i + 10)], as: UTF8.self)
                }
            }
            i += 1
        }
        return nil
    }

    static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A)
    }
}
