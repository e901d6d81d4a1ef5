import BSMDocument
import BSMEngine
import BSMStyle
import BSMText
import Foundation

/// `gif-image`: a GIF image.
public struct GIFImageRule: Rule {
    public static let metadata = RuleMetadata(
        id: "gif-image",
        name: "GIF image",
        category: .styling,
        defaultSeverity: .error,
        summary: "An image is a GIF (.gif path, data:image/gif, format=gif / fm=gif, or a local file with GIF magic bytes)",
        rationale: "Amazon's styling rules forbid GIFs in buyer-seller messages (styling rule 3), animated or not.",
        fix: "Convert the image to PNG or JPEG (and drop animation).",
        decisions: [
            "Checked wherever an image is loaded: `img src/srcset`, `picture > source`, `input[type=image]`, `video poster`, the `background` attribute, SVG `image href`, and CSS `url()` in image properties (`background(-image)`, `list-style(-image)`, `border-image(-source)`, `content`, `mask-image`), inline or in `<style>`.",
            "A CSS declaration counts only when it is used: it wins the cascade for its image (`background` and `background-image` compete for the background image, and so on) on at least one element, or on the `::before`, `::after`, `::first-line`, `::first-letter` or `::marker` box of one (legacy `:before`/`:after` too), at at least one reference width with `@media` evaluated there, in the light or the dark colour scheme (readers in dark mode load the images of `@media (prefers-color-scheme: dark)`). A rule that matches nothing, sits in `@media print` or in a `@media` block that holds at no reference width in either scheme, or loses on every element it matches (to `background-image: none`, say) loads nothing.",
            "A URL is a GIF when its path ends in `.gif` (any case, before `?` or `#`), it is `data:image/gif`, or its query asks an image CDN for GIF output (`format=gif`, `fm=gif`, `fmt=gif`, `f=gif`, `output=gif`), or Cloudinary's path asks for it (`/image/upload/f_gif,w_600/…`).",
            "A `.gif` path is a GIF whatever the file holds. Any other relative URL is resolved against the template's folder; when that file exists and starts with `GIF87a`/`GIF89a` it is a GIF too (`banner.png` that is really a GIF). Nothing is ever fetched over the network.",
            "A URL made only of a placeholder is unknown and never reported; a placeholder base or host before a known path (`{{cdn}}/banner.gif`, `{{name}}.gif`) leaves the path to judge.",
            "Reported once per element (an `img` whose `src` and `srcset` candidates are GIFs is one finding, every GIF URL in the evidence) and once per CSS declaration, however many GIF `url()`s it holds.",
            "In an .eml, an image referred to by `cid:` is a GIF when its MIME part (matched by `Content-ID`) is `image/gif`, named `*.gif`, or its decoded bytes start with the GIF magic bytes (`GIF87a`/`GIF89a`) whatever its type says.",
        ],
        failing: [
            RuleExample("↓<img src=\"https://res.cloudinary.com/shop/image/upload/f_gif,w_600/banner\" alt=\"Banner\">", note: "Cloudinary delivers it as a GIF."),
            RuleExample("<div style=\"↓background-image: url(https://example.com/a.gif), url(https://example.com/b.gif)\">Hi</div>", note: "One finding for the declaration."),
            RuleExample("↓<img src=\"https://cdn.example.com/anim.gif\" alt=\"Dancing box\">"),
            RuleExample("↓<img src=\"https://img.example.com/banner.GIF?v=3\" alt=\"Banner\">"),
            RuleExample("↓<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" alt=\"\">"),
            RuleExample("↓<img src=\"https://images.example.com/photo?fm=gif&w=300\" alt=\"Photo\">"),
            RuleExample("↓<img src=\"https://example.com/a.gif\" srcset=\"https://example.com/a.gif 1x, https://example.com/b.gif 2x\" alt=\"A\">",
                        note: "One finding for the element, every GIF URL in the evidence."),
            RuleExample("<table><tr>↓<td background=\"https://example.com/bg.gif\">Hi</td></tr></table>"),
            RuleExample("<p style=\"↓background-image:url(https://example.com/dots.gif)\">Hi</p>"),
            RuleExample("<style>\n  p::after { ↓content: url(https://example.com/spinner.gif); }\n</style>\n<p>Hi</p>",
                        note: "A `::after` rule applies wherever `p` matches."),
            RuleExample("↓<img src=\"{{cdn_base}}/images/banner.gif\" alt=\"Sale\">", note: "A placeholder base with a `.gif` path is still a GIF."),
            RuleExample("From: a@example.com\nSubject: Your order\nMIME-Version: 1.0\nContent-Type: multipart/related; boundary=b\n\n--b\nContent-Type: text/html; charset=utf-8\n\n<p>Thanks!</p>↓<img src=\"cid:thanks@shop\" alt=\"Thanks\">\n--b\nContent-Type: image/gif\nContent-ID: <thanks@shop>\nContent-Disposition: inline\n\nGIF89a\n--b--\n", kind: .eml, note: "An inline image whose MIME part is a GIF."),
            RuleExample("From: a@example.com\nSubject: Your order\nMIME-Version: 1.0\nContent-Type: multipart/related; boundary=b\n\n--b\nContent-Type: text/html; charset=utf-8\n\n<p>Thanks!</p>↓<img src=\"cid:hero@shop\" alt=\"Thanks\">\n--b\nContent-Type: image/png; name=hero.png\nContent-ID: <hero@shop>\nContent-Transfer-Encoding: base64\n\nR0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==\n--b--\n", kind: .eml, note: "Labelled PNG, but its bytes are a GIF."),
        ],
        passing: [
            RuleExample("<img src=\"https://cdn.example.com/logo.png\" alt=\"Logo\">"),
            RuleExample("<img src=\"{{gif_banner}}\" alt=\"Banner\">", note: "A placeholder is unknown."),
            RuleExample("<img src=\"https://example.com/gifts.jpg\" alt=\"Gifts\">"),
            RuleExample("<a href=\"https://example.com/guide.gif\">guide</a>", note: "A link is not an image."),
            RuleExample("<img src=\"https://images.example.com/photo?fm=webp&w=300\" alt=\"Photo\">"),
            RuleExample("<style>\n  @media print { .x { background-image: url(https://example.com/x.gif); } }\n</style>\n<p class=\"x\">Hi</p>",
                        note: "`@media print` never holds on screen."),
            RuleExample("<style>\n  .x { background-image: url(https://example.com/x.gif); }\n  .x.y { background-image: none; }\n</style>\n<p class=\"x y\">Hi</p>",
                        note: "The GIF declaration loses the cascade on the only element it matches."),
            RuleExample("From: a@example.com\nSubject: Your order\nMIME-Version: 1.0\nContent-Type: multipart/related; boundary=b\n\n--b\nContent-Type: text/html; charset=utf-8\n\n<p>Thanks!</p><img src=\"cid:logo@shop\" alt=\"Logo\">\n--b\nContent-Type: image/png\nContent-ID: <logo@shop>\n\nPNG\n--b--\n", kind: .eml),
        ]
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(elements: ImageURLs.elementNames, needs: .styles) }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        guard let engine = context.styleEngine else { return }
        // Once per declaration, at its first GIF `url()`.
        for (d, urls) in CSSImageURLs.byDeclaration(CSSImageURLs.shared(engine, context)) {
            guard let why = urls.lazy.compactMap({ GIFImageRule.gifReason($0, context: context) }).first else { continue }
            report.report("Image is a GIF (\(why)): Amazon does not allow GIFs", at: d.range, evidence: "\(d.property): \(d.value)")
        }
    }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        // Once per element (its `src` and `srcset` candidates together), at the first GIF; the
        // evidence lists every GIF URL.
        var first: String?
        var evidence: [String] = []
        for ref in ImageURLs.references(of: id, in: context.document) {
            guard let why = GIFImageRule.gifReason(ref.url, context: context) else { continue }
            if first == nil { first = why }
            evidence.append("\(ref.attribute.name)=\"\(ref.url)\"")
        }
        if let why = first {
            report.report("Image is a GIF (\(why)): Amazon does not allow GIFs", node: context.node(id),
                          evidence: evidence.joined(separator: "; "))
        }
    }

    static let gifQueryKeys: Set<String> = ["format", "fm", "fmt", "f", "output", "type"]

    /// True for a URL that `gifReason` certainly finds no GIF in, decided on its bytes without
    /// parsing: printable ASCII (so URLInfo's trimming and tab/newline removal leave it as is),
    /// `http://` or `https://` (a scheme: never a local file), and no `gif` anywhere in any case
    /// (a `.gif` path and a `…=gif` query both need it).
    static func cannotBeGIF(_ url: String) -> Bool {
        var u = url
        return u.withUTF8 { b in
            guard b.count >= 7 else { return false }
            for c in b where c <= 0x20 || c >= 0x7F { return false }
            @inline(__always) func lower(_ i: Int) -> UInt8 { b[i] >= 0x41 && b[i] <= 0x5A ? b[i] | 0x20 : b[i] }
            guard lower(0) == 0x68, lower(1) == 0x74, lower(2) == 0x74, lower(3) == 0x70 else { return false }
            let afterScheme: Int
            if b[4] == 0x3A { afterScheme = 5 } else if lower(4) == 0x73, b[5] == 0x3A { afterScheme = 6 } else { return false }
            guard afterScheme + 1 < b.count, b[afterScheme] == 0x2F, b[afterScheme + 1] == 0x2F else { return false }
            var i = 0
            while i + 2 < b.count {
                if lower(i) == 0x67, lower(i + 1) == 0x69, lower(i + 2) == 0x66 { return false }
                i += 1
            }
            return true
        }
    }

    /// Why a URL is a GIF, or nil.
    static func gifReason(_ url: String, context: RuleContext) -> String? {
        if cannotBeGIF(url) { return nil }
        let lower = url.lowercased()
        if lower.hasPrefix("data:") {
            return lower.hasPrefix("data:image/gif") ? "data:image/gif" : nil
        }
        // An .eml's inline image, by Content-ID (RFC 2392): its part's type or file name decides.
        if lower.hasPrefix("cid:") {
            guard let part = context.input.attachments.part(forCID: url) else { return nil }
            if part.contentType == "image/gif" { return "cid: part of type image/gif" }
            if let name = part.name, name.lowercased().hasSuffix(".gif") { return "cid: part named \(name)" }
            if ImageHeader.isGIF(part.head) { return "cid: part with GIF magic bytes" }
            return nil
        }
        let info = URLInfo.parse(url, placeholders: context.placeholders)
        // Only a URL made of nothing but a placeholder is unknown: a placeholder host or base
        // (`{{cdn}}/banner.gif`, `{{name}}.gif`) leaves a path that says GIF.
        if info.isPlaceholderOnly { return nil }
        let path = info.path.lowercased()
        if path.hasSuffix(".gif") { return ".gif path" }
        // Cloudinary's delivery transformation `f_gif` (`/image/upload/f_gif,w_600/…`).
        if let host = info.host?.lowercased(), host == "cloudinary.com" || host.hasSuffix(".cloudinary.com"),
           path.split(separator: "/").contains(where: { $0.split(separator: ",").contains("f_gif") }) { return "Cloudinary f_gif" }
        if let q = info.query?.lowercased() {
            for pair in q.split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                if kv.count == 2, gifQueryKeys.contains(String(kv[0])), kv[1] == "gif" { return "\(kv[0])=gif" }
            }
        }
        // A local file next to the template: its magic bytes decide.
        if info.scheme == nil, info.host == nil, !info.isProtocolRelative, !path.isEmpty,
           !context.placeholders.containsPlaceholder(url), context.input.path.hasPrefix("<") == false {
            let dir = PathText.directory(of: context.input.path)
            let file = (dir as NSString).appendingPathComponent(info.path.removingPercentEncoding ?? info.path)
            if let h = FileHandle(forReadingAtPath: file) {
                defer { try? h.close() }
                if let d = try? h.read(upToCount: 6), ImageHeader.isGIF([UInt8](d)) {
                    return "local file with GIF magic bytes"
                }
            }
        }
        return nil
    }
}
