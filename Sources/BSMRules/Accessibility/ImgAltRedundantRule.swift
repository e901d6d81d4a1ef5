import BSMDocument
import BSMEngine
import Foundation

/// `img-alt-redundant`: alt text that is a file name, a URL, or a generic word.
public struct ImgAltRedundantRule: Rule {
    public static let metadata = RuleMetadata(
        id: "img-alt-redundant",
        name: "Redundant alt text",
        category: .accessibility,
        defaultSeverity: .warning,
        summary: "Alt text is a file name, a URL, or only \"image\", \"photo\", \"picture\", \"logo\", \"spacer\" and the like",
        rationale: """
        Screen readers already announce "image"; alt text that only says "image", "logo" or "IMG_2041.jpg" tells the \
        reader nothing about what the picture shows (WCAG 1.1.1, Non-text Content). A spacer or decoration should \
        have `alt=""` so it is skipped.
        """,
        fix: "Describe what the image shows or does (\"Acme Outdoor\", \"Blue kettle, front view\"), or use `alt=\"\"` for decoration.",
        decisions: [
            "Generic words are kept per language (en, es, fr, de, it, ja, pt) in `Support/NonDescriptiveText.swift` and compared after normalisation (case, accents, widths); an alt made only of such words and numbers (\"Logo image\", \"photo 2\") is generic, also when articles and prepositions join them (\"Image of the logo\", \"Image du logo\", \"Imagen del logotipo\", \"Foto des Logos\"; the function words are listed next to the generic words). \"Acme logo\" names the brand and \"Image of a blue kettle\" describes the picture: both pass.",
            "A file name is a single word ending in an image extension (`banner.png`), a camera/export name (`IMG_2041`, `DSC0012`), or the image's own file name without extension (`src=…/hero_v2.jpg alt=\"hero_v2\"`).",
            "A URL is an alt that starts with a scheme (`https:`, `cid:`, `data:`), `//` or `www.`. A bare domain (`acme.com`, a logo that shows the web address) is `linked-logo`'s business.",
            "Checked on `img`, `area` and `input[type=image]`; reported at the `alt` attribute. An empty or placeholder-only alt passes.",
        ],
        failing: [
            RuleExample("<img src=\"https://example.com/a.png\" ↓alt=\"image\">"),
            RuleExample("<img src=\"https://example.com/logo.png\" ↓alt=\"logo.png\">"),
            RuleExample("<img src=\"https://example.com/a.png\" ↓alt=\"https://example.com/a.png\">"),
            RuleExample("<img src=\"https://example.com/1.jpg\" ↓alt=\"Imagen\">\n<img src=\"https://example.com/2.jpg\" ↓alt=\"画像\">\n<img src=\"https://example.com/3.jpg\" ↓alt=\"Bild\">"),
            RuleExample("<img src=\"https://example.com/p.jpg\" ↓alt=\"IMG_2041\"> <img src=\"https://example.com/l.png\" ↓alt=\"Logo image\">"),
            RuleExample("<img src=\"https://example.com/img/hero_v2.jpg\" ↓alt=\"hero_v2\">"),
            RuleExample("<img src=\"https://example.com/1.png\" ↓alt=\"Image of the logo\">\n<img src=\"https://example.com/2.png\" ↓alt=\"Imagen del logotipo\">\n<img src=\"https://example.com/3.png\" ↓alt=\"Foto des Logos\">", note: "Articles and prepositions add nothing to generic words."),
        ],
        passing: [
            RuleExample("<img src=\"https://example.com/logo.png\" alt=\"Acme Outdoor logo\">"),
            RuleExample("<img src=\"https://example.com/spacer.gif\" alt=\"\">", note: "Decorative images have empty alt."),
            RuleExample("<img src=\"https://example.com/k.jpg\" alt=\"Photo of the blue kettle, front view\">"),
            RuleExample("<img src=\"https://example.com/p.jpg\" alt=\"{{product_name}}\">"),
            RuleExample("<img src=\"https://example.com/map.png\" alt=\"Map: our store is next to the station\">"),
        ],
        wcag: "1.1.1 Non-text Content (Level A)"
    )

    /// `name.ext` with an image extension, no spaces or slashes.
    static let fileNamePattern = try? NSRegularExpression(
        pattern: "^[^\\s/\\\\]+\\.(png|jpe?g|gif|webp|svg|bmp|tiff?|ico|heic|avif)$", options: [.caseInsensitive])
    /// Camera and export names: IMG_2041, DSC0012, PXL_20230101_…, Screenshot-2023….
    static let cameraNamePattern = try? NSRegularExpression(
        pattern: "^(img|dsc|dscn|dscf|dcim|pxl|mvimg|screenshot|screen shot|photo|image)[ _-]?\\d{3,}[\\w -]*$", options: [.caseInsensitive])

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { .elements(["img", "area", "input"]) }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let node = context.node(id)
        guard node.flags.isDisjoint(with: .notContent) else { return }
        if node.name == "input", node.attribute("type")?.lowercased() != "image" { return }
        guard let a = node.attributeNode("alt") else { return }
        let alt = AccessibleNameResolver.collapse(a.value)
        guard !alt.isEmpty, !context.placeholders.containsPlaceholder(alt) else { return }
        guard let why = ImgAltRedundantRule.problem(alt, src: node.attribute("src")) else { return }
        report.report("Alt text \"\(alt)\" \(why): describe what the image shows, or use alt=\"\" for decoration",
                      at: a.range, evidence: "alt=\"\(a.value)\"")
    }

    /// Why an alt text says nothing, or nil.
    static func problem(_ alt: String, src: String?) -> String? {
        let lower = alt.lowercased()
        for p in ["http://", "https://", "//", "www.", "cid:", "data:", "file:"] where lower.hasPrefix(p) {
            return "is a URL"
        }
        let r = NSRange(alt.startIndex..., in: alt)
        if fileNamePattern?.firstMatch(in: alt, range: r) != nil || cameraNamePattern?.firstMatch(in: alt, range: r) != nil {
            return "is a file name"
        }
        if let src, let base = fileBaseName(src), base.count >= 3, base.lowercased() == lower, base.contains(where: { $0 == "_" || $0 == "-" || $0.isNumber }) {
            return "is the image's file name"
        }
        if NonDescriptiveText.isGenericAlt(alt) { return "only names the kind of picture" }
        return nil
    }

    /// The last path segment of a URL without its extension.
    static func fileBaseName(_ src: String) -> String? {
        var path = Substring(src)
        if let q = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<q] }
        guard let last = path.split(separator: "/").last, let dot = last.lastIndex(of: ".") else { return nil }
        return String(last[..<dot])
    }
}
