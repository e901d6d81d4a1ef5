import BSMDocument
import BSMEngine
import BSMStyle

/// `image-too-wide`: an image or graphic renders wider than 80% of the reference width.
public struct ImageTooWideRule: Rule {
    public static let metadata = RuleMetadata(
        id: "image-too-wide",
        name: "Image too wide",
        category: .styling,
        defaultSeverity: .error,
        summary: "An image or graphic renders wider than 80% of the maximum message width",
        rationale: """
        Amazon's styling rules forbid images or graphics larger than 80% of the maximum width (styling rule 5). \
        bsmlint computes each image's rendered width with layout-lite at every reference width W (default 600 px): \
        `width` attributes and CSS in px, % or em, clamped by `min-width`/`max-width`, inside the real width of \
        the cell or block that holds it.
        """,
        fix: "Make the image at most 80% of the message width (480 px at 600 px), e.g. `width=\"480\"` or `max-width: 80%`.",
        decisions: [
            "Checked elements: `img`, `svg`, `input[type=image]`, `video`, `canvas`, `object`, `embed`, and `picture` through the `<img>` it shows: a `picture` is an inline container, not a replaced box (its `<source>`s only choose the file), so its own `width` does not apply and the image inside is measured against the picture's container (`<picture><img width=\"100%\"></picture>` in a full-width cell is 600 px wide).",
            "The width is the layout-lite border-box width (padding and borders included), after `min-width`/`max-width` clamps, resolved against the content width of the containing cell or block: `width=\"100%\"` in a full-width cell fails, the same image in a 50% cell passes.",
            "Exactly 80% passes (480 px at 600 px); anything over fails. The limit is the `maxPercent` option.",
            "An image without a known width (no `width` attribute or CSS, a placeholder, `calc()`, a percentage of an unknown container) is never reported: bsmlint does not fetch images to learn their intrinsic size.",
            "Images not rendered at a width (`display:none` on them or an ancestor, `visibility:hidden`, or cut off by a wrapper of zero height or width with `overflow: hidden`, the hidden-preheader idiom) are not measured at that width.",
            "The finding is placed at the image's start tag, once per image; the evidence names the attribute or declaration that set the width (and an author `max-width` or `min-width` that bounds it) and the rendered width (`width=\"100%\" → 600px of 600px (> 80%)`). With several reference widths it names the first width that fails and lists the others.",
        ],
        options: [RuleOptionSpec(name: "maxPercent", type: "number", defaultValue: "80",
                                 summary: "Widest an image may render, in percent of the reference width (more than 0, at most 100).")],
        failing: [
            RuleExample("<table width=\"600\" cellspacing=\"0\" cellpadding=\"0\"><tr><td>↓<img src=\"https://example.com/banner.png\" width=\"100%\" alt=\"Banner\"></td></tr></table>",
                        note: "`width=\"100%\"` in a full-width cell renders 600 px wide."),
            RuleExample("↓<img src=\"https://example.com/hero.jpg\" width=\"600\" alt=\"Hero\">"),
            RuleExample("<p>↓<img src=\"https://example.com/a.png\" style=\"width: 81%\" alt=\"A\"></p>", note: "81% of 600 px is 486 px."),
            RuleExample("<style>\n  .hero { width: 100%; max-width: 560px; }\n</style>\n↓<img class=\"hero\" src=\"https://example.com/hero.jpg\" alt=\"Hero\">"),
            RuleExample("↓<video width=\"500\" poster=\"https://example.com/p.png\"></video>"),
            RuleExample("↓<svg width=\"100%\" height=\"40\" viewBox=\"0 0 10 1\"></svg>"),
            RuleExample("↓<svg width=\"31em\" height=\"10\" viewBox=\"0 0 10 1\"></svg>", note: "SVG's `width` is a CSS length: 31em = 496 px (an `<img width=\"31em\">` is 31 px, as HTML reads it)."),
            RuleExample("<picture><source srcset=\"https://example.com/a.webp\" type=\"image/webp\">↓<img src=\"https://example.com/a.png\" width=\"100%\" alt=\"A\"></picture>",
                        note: "The image inside a `picture` fills its container."),
            RuleExample("↓<img src=\"https://example.com/b.png\" width=\"340\" alt=\"B\">", config: "referenceWidths: [600, 375]",
                        note: "340 px is fine at 600 px but over 300 px (80% of 375 px)."),
        ],
        passing: [
            RuleExample("<div style=\"max-height: 0; overflow: hidden\"><img src=\"https://example.com/wide.png\" width=\"600\" alt=\"Banner\"></div>", note: "Cut off by a wrapper of zero height: not shown."),
            RuleExample("<picture style=\"width: 600px\"><img src=\"https://example.com/a.png\" width=\"100\" alt=\"A\"></picture>",
                        note: "`width` does not apply to an inline `picture`: the image renders 100 px wide."),
            RuleExample("<table width=\"600\" cellspacing=\"0\" cellpadding=\"0\"><tr><td width=\"50%\"><img src=\"https://example.com/a.png\" width=\"100%\" alt=\"A\"></td><td width=\"50%\">Text</td></tr></table>",
                        note: "`width=\"100%\"` in a 50% cell renders 300 px wide."),
            RuleExample("<img src=\"https://example.com/logo.png\" width=\"480\" alt=\"Logo\">", note: "Exactly 80% is allowed."),
            RuleExample("<img src=\"https://example.com/photo.png\" alt=\"Photo\">", note: "No known width: never reported."),
            RuleExample("<img src=\"https://example.com/a.png\" width=\"{{img_width}}\" alt=\"A\">", note: "A placeholder width is unknown."),
            RuleExample("<div style=\"width: {{wrapper_width}}\"><img src=\"https://example.com/a.png\" width=\"100%\" alt=\"A\"></div>",
                        note: "A container whose width is a placeholder has an unknown width, and so has 100% of it."),
            RuleExample("<img src=\"https://example.com/a.png\" style=\"width: 100%; max-width: 300px\" alt=\"A\">"),
            RuleExample("<div style=\"display: none\"><img src=\"https://example.com/a.png\" width=\"600\" alt=\"A\"></div><p>Hi</p>"),
            RuleExample("<!--[if mso]><img src=\"https://example.com/wide.png\" width=\"600\"><![endif]-->\n<p>Hello</p>",
                        note: "Outlook-only conditional content is not measured."),
        ]
    )

    /// (`picture` is measured through its `<img>`.)
    static let graphics: Set<String> = ["img", "svg", "input", "video", "canvas", "object", "embed"]

    let maxPercent: Double

    public init(options: RuleOptions) throws {
        maxPercent = try options.percent("maxPercent", default: 80)
    }

    public var interest: NodeInterest { NodeInterest(elements: ImageTooWideRule.graphics, needs: .styles) }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let node = context.node(id)
        guard node.flags.isDisjoint(with: .notContent) else { return }
        if node.name == "input", node.attribute("type")?.trimmingASCIIWhitespace().lowercased() != "image" { return }
        var first: (styled: StyledDocument, width: Double)?
        var others: [Double] = []
        for styled in context.styles {
            let W = styled.width
            guard W > 0, styled.isRendered(id), styled.style(of: id).visibility == .visible,
                  let w = styled.box(of: id)?.width, w > W * maxPercent / 100 + 1e-6,
                  styled.clippingAncestor(of: id) == nil else { continue }
            if first == nil { first = (styled, w) } else { others.append(W) }
        }
        guard let (styled, w) = first else { return }
        let W = styled.width
        let src = StyleSources.source(of: id, .width, in: styled)
        var evidence = "\(src.isAuthor ? src.text : "<\(node.name)>") → \(StyleSources.px(w))px of \(StyleSources.px(W))px (> \(StyleSources.px(maxPercent))%)"
        let maxSrc = StyleSources.source(of: id, .maxWidth, in: styled)
        if maxSrc.isAuthor, styled.style(of: id).maxWidth != .none { evidence += "; \(maxSrc.text)" }
        // A `min-width` can be what makes it this wide (`width: 100px; min-width: 500px`).
        let minSrc = StyleSources.source(of: id, .minWidth, in: styled)
        let minWidth = styled.style(of: id).minWidth
        if minSrc.isAuthor, minWidth != .auto, minWidth != .px(0) { evidence += "; \(minSrc.text)" }
        if !others.isEmpty { evidence += "; also at " + others.map { "\(StyleSources.px($0))px" }.joined(separator: ", ") }
        report.report("Image renders \(StyleSources.px(w))px wide (\(StyleSources.percent(w, of: W))% of \(StyleSources.px(W))px): Amazon allows images of at most \(StyleSources.px(maxPercent))% of the message width",
                      node: node, evidence: evidence, width: W)
    }
}
