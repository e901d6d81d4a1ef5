import BSMDocument
import BSMEngine
import BSMStyle
import BSMText

/// `insecure-image`: an image loaded over `http:`.
public struct InsecureImageRule: Rule {
    public static let metadata = RuleMetadata(
        id: "insecure-image",
        name: "Insecure image",
        category: .styling,
        defaultSeverity: .error,
        summary: "An image resource is loaded over http: instead of https:",
        rationale: """
        Amazon's guidelines forbid insecure images (styling rule 10): every image in a buyer-seller message must be \
        served over https. Mail clients also block or warn about mixed content, so an http image may not show at all.
        """,
        fix: "Serve the image over https (change `http://` to `https://`, or host it where https is available).",
        decisions: [
            "Checked: `img src` and `srcset`, `picture > source srcset/src`, `input[type=image] src`, `video poster`, the `background` attribute (tables, cells, body), SVG `image href` (else `xlink:href`: when both are there, `href` is the one loaded), and CSS `url()` in `background`, `background-image`, `list-style(-image)`, `border-image(-source)` and `content` declarations, inline or in `<style>`.",
            "A CSS declaration counts only when it is used: it wins the cascade for its image (`background` and `background-image` compete for the background image; `list-style`/`list-style-image`, `border-image`/`border-image-source`, `content` and `mask-image` likewise) on at least one element, or on the `::before`, `::after`, `::first-line`, `::first-letter` or `::marker` box of one (legacy `:before`/`:after` too; such a rule applies wherever the selector before the pseudo-element matches, and competes only with rules for the same box), at at least one reference width with `@media` evaluated there, in the light or the dark colour scheme (readers in dark mode load the images of `@media (prefers-color-scheme: dark)`). A rule that matches nothing, sits in `@media print` or in a `@media` block that holds at no reference width in either scheme, or loses the cascade on every element it matches (`.x { background-image: url(http://…) }` under `.x.y { background-image: url(https://…) }`) loads nothing. An element hidden with `display: none` still counts: mail clients may fetch its images.",
            "A protocol-relative URL (`//cdn.example.com/a.png`) is reported as a warning: it inherits the scheme of wherever the message is opened.",
            "A URL that is only a placeholder (`src=\"{{banner}}\"`) or whose scheme and host are a placeholder is unknown and never reported; `http://{{host}}/a.png` is still http.",
            "The finding is placed at the start tag (or the CSS declaration) that loads the image, with the attribute or declaration as evidence; an element with several insecure URLs (`src` and `srcset`) gets one finding listing them all, and so does a CSS declaration with several insecure `url()`s (an error when one is http).",
            "Outlook-only content inside `<!--[if mso]>` blocks is not checked.",
        ],
        failing: [
            RuleExample("↓<image src=\"http://example.com/logo.png\" alt=\"Logo\">", note: "Outside SVG, HTML parsers read `<image>` as `<img>`."),
            RuleExample("<div style=\"↓background-image: url(http://example.com/a.png), url(http://example.com/b.png)\">Hi</div>", note: "One finding for the declaration, however many http URLs it holds."),
            RuleExample("<p>Thanks!</p>\n↓<img src=\"http://cdn.example.com/banner.png\" alt=\"Banner\">"),
            RuleExample("<table>\n  <tr>\n    ↓<td background=\"http://example.com/bg.jpg\">Hello</td>\n  </tr>\n</table>"),
            RuleExample("↓<img src=\"https://example.com/a.png\" srcset=\"https://example.com/a.png 1x, http://example.com/a@2x.png 2x\" alt=\"A\">"),
            RuleExample("<picture>↓<source srcset=\"HTTP://example.com/a.webp\" type=\"image/webp\"><img src=\"https://example.com/a.png\" alt=\"A\"></picture>"),
            RuleExample("↓<img src=\"http://example.com/a.png\" srcset=\"http://example.com/a@2x.png 2x\" alt=\"A\">", note: "One finding per element, listing every http URL in the evidence."),
            RuleExample("↓<img src=\"//cdn.example.com/logo.png\" alt=\"Logo\">", note: "Protocol-relative: reported as a warning."),
            RuleExample("↓<input type=\"image\" src=\"http://example.com/button.png\" alt=\"Go\">"),
            RuleExample("<style>\n  .hero { ↓background-image: url(http://example.com/hero.jpg); }\n</style>\n<div class=\"hero\">Hi</div>"),
            RuleExample("<div style=\"color: #333; ↓background: #fff url('http://example.com/bg.png') no-repeat\">Hi</div>"),
            RuleExample("<style>\n  p::after { ↓content: url(http://example.com/badge.png); }\n</style>\n<p>Hi</p>",
                        note: "A `::after` rule applies wherever `p` matches."),
            RuleExample("<style>\n  .note:before { ↓background-image: url(http://example.com/i.png); }\n</style>\n<p class=\"note\">Hi</p>",
                        note: "Legacy single-colon pseudo-element."),
            RuleExample("<style>\n  @media (max-width: 600px) { .x { ↓background-image: url(http://example.com/x.png); } }\n</style>\n<p class=\"x\">Hi</p>",
                        note: "The media query holds at W = 600 px."),
            RuleExample("<style>\n  .hdr { background-image: url(https://example.com/light.png); }\n  @media (prefers-color-scheme: dark) { .hdr { ↓background-image: url(http://example.com/dark.png) !important; } }\n</style>\n<div class=\"hdr\">Your order</div>",
                        note: "Readers in dark mode load the dark header over http."),
        ],
        passing: [
            RuleExample("<div background=\"http://example.com/bg.jpg\">Hello</div>", note: "Browsers ignore `background=` on a `div`: nothing is loaded."),
            RuleExample("<img src=\"https://cdn.example.com/banner.png\" alt=\"Banner\">"),
            RuleExample("<img src=\"{{banner_url}}\" alt=\"Banner\">", note: "A placeholder URL is unknown, not insecure."),
            RuleExample("<a href=\"http://example.com\">link</a>", note: "Links are the `insecure-link` rule's business."),
            RuleExample("<img src=\"cid:logo@example\" alt=\"Logo\"><img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"Dot\">"),
            RuleExample("<!--[if mso]><img src=\"http://example.com/outlook.png\"><![endif]-->\n<p>Hello</p>", note: "Outlook-only conditional content is not measured."),
            RuleExample("<style>.unused { background-image: url(http://example.com/x.png); }</style><p>Hi</p>", note: "A rule that matches no element loads nothing."),
            RuleExample("<style>\n  @media print { .x { background-image: url(http://example.com/x.png); } }\n</style>\n<p class=\"x\">Hi</p>",
                        note: "`@media print` never holds on screen."),
            RuleExample("<style>\n  @media (min-width: 700px) { .x { background-image: url(http://example.com/x.png); } }\n</style>\n<p class=\"x\">Hi</p>",
                        note: "The media query holds at no reference width (600 px)."),
            RuleExample("<style>\n  .x { background-image: url(http://example.com/x.png); }\n  .x.y { background: url(https://example.com/x.png); }\n</style>\n<p class=\"x y\">Hi</p>",
                        note: "The http declaration loses the cascade on the only element it matches."),
            RuleExample("<svg width=\"100\" height=\"100\"><image href=\"https://example.com/a.png\" xlink:href=\"http://example.com/a.png\" width=\"100\" height=\"100\"/></svg>", note: "SVG 2 loads `href` when both are given."),
        ]
    )

    public init(options: RuleOptions) throws {}

    /// No `.styles` need: CSS images need the parsed sheets and matched rules (a rule matching no
    /// element loads nothing), but not computed styles or layout, and most templates have no
    /// insecure CSS URL at all. The engine is built here only when some CSS holds `http:` or `//`,
    /// unless another enabled rule has built it already.
    public var interest: NodeInterest { NodeInterest(elements: ImageURLs.elementNames) }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        guard context.document.kind != .text else { return }
        let references: [CSSImageURLs.Reference]
        if let e = context.styleEngine {
            references = CSSImageURLs.shared(e, context)
        } else {
            guard CSSImageURLs.mayHaveInsecureURLs(context.document) else { return }
            let matcher = context.placeholders
            let engine = StyleEngine(document: context.document, containsPlaceholder: { matcher.containsPlaceholder($0) })
            references = CSSImageURLs.references(engine, widths: context.referenceWidths)
        }
        // Once per declaration, however many insecure `url()`s it holds: an error when one is
        // http, else a warning when one is protocol-relative.
        for (d, urls) in CSSImageURLs.byDeclaration(references) {
            let infos = urls.filter(ImageURLs.mayBeInsecure).map { URLInfo.parse($0, placeholders: context.placeholders) }
                .filter { !$0.isUnknown }
            let http = infos.contains { $0.isHTTP }
            guard http || infos.contains(where: { $0.isProtocolRelative }) else { continue }
            let evidence = "\(d.property): \(d.value)"
            if http {
                report.report("Image is loaded over http: Amazon requires https", at: d.range, evidence: evidence)
            } else {
                report.report("Image URL is protocol-relative (//): it loads over http where the message is viewed over http; use https",
                              at: d.range, evidence: evidence, severity: .warning)
            }
        }
    }

    /// One finding per element (RULES.md: reported once, at the element): an error when some URL
    /// is http, else a warning when some URL is protocol-relative; the evidence lists them all.
    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        var http: [String] = [], relative: [String] = []
        for ref in ImageURLs.references(of: id, in: context.document) {
            // Only `http:` and `//` URLs can be insecure; skip the rest before parsing.
            guard ImageURLs.mayBeInsecure(ref.url) else { continue }
            let info = URLInfo.parse(ref.url, placeholders: context.placeholders)
            if info.isUnknown { continue }
            let evidence = "\(ref.attribute.name)=\"\(ref.url)\""
            if info.isHTTP { http.append(evidence) } else if info.isProtocolRelative { relative.append(evidence) }
        }
        if !http.isEmpty {
            report.report("Image is loaded over http: Amazon requires https", node: context.node(id), evidence: (http + relative).joined(separator: "; "))
        } else if !relative.isEmpty {
            report.report("Image URL is protocol-relative (//): it loads over http where the message is viewed over http; use https",
                          node: context.node(id), evidence: relative.joined(separator: "; "), severity: .warning)
        }
    }
}
