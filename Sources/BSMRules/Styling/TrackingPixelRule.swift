import BSMDocument
import BSMEngine
import BSMStyle
import BSMText

/// `tracking-pixel`: a tiny, hidden or known open-tracking image.
public struct TrackingPixelRule: Rule {
    public static let metadata = RuleMetadata(
        id: "tracking-pixel",
        name: "Tracking pixel",
        category: .styling,
        defaultSeverity: .error,
        summary: "An image renders at most 2×2 px, is hidden, or its URL matches a known open-tracking pattern",
        rationale: """
        Amazon forbids tracking pixels and tracking images (content rule 9): a message may not report back when \
        the buyer opens it. An image that is too small to see, hidden from view, or served by a known open-tracking \
        service exists only to be loaded, so bsmlint treats it as a tracking pixel.
        """,
        fix: "Remove the image (and the tracking from your sending tool); Amazon does not allow open tracking in buyer-seller messages.",
        decisions: [
            "The URL test covers every image resource `insecure-image` checks: `img src/srcset`, `source srcset` (a `<picture>` shows it), `input[type=image]`, `video poster`, `background=` on tables, rows, cells and `body`, SVG `image href`, and CSS `url()` in image properties (background, list-style, border-image, content) of declarations that take effect at a reference width — reported at the element or at the declaration. For these other resources (a `<picture>`'s `<source>` too: its WebP/AVIF variants are theme assets more often than beacons) only the patterns that name a host count (`trk.klaviyomail.com`, `.awstrack.me/I0/`): the list's path and query patterns (`/O/[a-z0-9_-]+`, `/t/x/y`, `/1.gif`) match ordinary sprites and backgrounds, which are never beacons. The size and hidden tests measure `img` and `input[type=image]` only: a CSS background's painted size is not modelled.",
            "Size: the image is a tracking pixel when both its width and its height are known and at most 2 px (attributes or CSS, after the cascade, bounded by px `max-width`/`max-height` and then `min-width`/`min-height`, which win as in CSS: `width=\"1\" style=\"min-width:120px\"` renders 120 px wide). An image with no size of its own in a dimension takes its px `max-width`/`max-height` there when it is at most 2 px (`max-width: 1px; max-height: 1px` renders at most 1×1 px, whatever the picture). An image with only one known dimension is not measured; unknown sizes never make a finding.",
            "A spacer GIF that renders at 1×1 px is a tracking pixel too: RULES.md defines the rule by size, and Amazon's scanner cannot tell a 1×1 spacer from a 1×1 beacon. Spacers that stretch (`width=\"20\" height=\"1\"`) are not. (GIFs are also reported by `gif-image`.)",
            "Hidden: `display:none` on the image or an ancestor, `visibility:hidden`, `opacity:0` on the image or an ancestor, or a zero width or height (`width=\"0\"`, `max-height:0`). The image must be hidden or tiny at every reference width; when every configured width is wider than a phone and the template has `@media` rules, it is also checked at 375 px, so an image shown only on phones is not a tracking pixel.",
            "Colour schemes: the measuring model renders the light scheme (`@media (prefers-color-scheme: light)` rules apply, `dark` ones do not). An image hidden there but shown in the dark scheme at some reference width (a dark-mode logo swap: `display: none`, then `display: block` in `@media (prefers-color-scheme: dark)`) is seen by readers in dark mode and is not a hidden image (the dark scheme is checked at the reference widths and, as above, at 375 px); its light-scheme twin, hidden only in dark mode, is not hidden either.",
            "URL: `src` and `srcset` URLs are tested against the 489 open-tracking patterns of MailTrackerBlocker (BSD-3, `Data/trackers`), case-insensitively; only the first 2048 characters of a URL are tested. A URL that is only a placeholder (`src=\"{{pixel}}\"`) is unknown for this test, but the size and hidden tests still apply; a placeholder host leaves a path that can still be a tracker's (`{{ shop.url }}/tools/emails/open/…` is Shopify's open pixel), tested against the patterns specific enough to name it (a literal of 8 characters or more: not `/t/x/y`, which a theme asset `{{ shop.url }}/cdn/shop/t/3/assets/logo.png` matches). `data:` and `cid:` URLs are never trackers. An .eml's inline image (`cid:`) shown at its own size (no `width`/`height` anywhere) has the size its data says: a PNG or GIF part of at most 2×2 px is a pixel. On hosts that serve uploaded files (Firebase Storage, Google Cloud Storage, Amazon S3, Azure Blob Storage, Google Drive, Dropbox, Shopify's and Cloudinary's CDNs, Imgur; not App Engine or S3 Object Lambda, which run code) the path names an uploaded file, so the list's patterns without a host (Epsilon's `/O/[a-z0-9_-]+`, Customer.io's `/e/o/.+`, Pepipost's `[A-Z]{9}\\?id=`, which Google Drive's `thumbnail?id=` matches, …) are not applied: a Firebase logo at `…/o/logo.png?alt=media` is no Epsilon pixel; patterns that name a host still apply.",
            "One finding per image, at its start tag; the message names the first reason (URL, size, hidden) and the evidence lists every reason found. Images hidden by an ancestor (`display:none`, `visibility:hidden`, `opacity:0` on a wrapper) are reported once, at the start tag of the hiding element, except an image inside that also matches a tracker URL: that one is reported at its own start tag, with the hiding in its evidence (a wrapper holding only such an image gets no second finding).",
            "Outlook-only conditional content is not in the document and is not checked.",
        ],
        failing: [
            RuleExample("↓<img src=\"{{ shop.url }}/tools/emails/open/{{ email.id }}\" alt=\"\">", note: "A placeholder host, but Shopify's open-tracking path."),
            RuleExample("↓<img src=\"https://example.com/o.png\" style=\"max-width: 1px; max-height: 1px\" alt=\"\">", note: "No size of its own, but it renders at most 1×1 px."),
            RuleExample("<picture>↓<source srcset=\"https://trk.klaviyomail.com/open?id=123\"><img src=\"https://example.com/sale.png\" width=\"300\" height=\"100\" alt=\"Sale\"></picture>", note: "The `<source>` is the image a `<picture>` shows."),
            RuleExample("<div style=\"↓background-image: url(https://trk.klaviyomail.com/open?id=123)\">Your order has shipped.</div>", note: "A CSS image is reported at its declaration."),
            RuleExample("<table><tr>↓<td background=\"https://trk.klaviyomail.com/open?id=123\">Your order has shipped.</td></tr></table>"),
            RuleExample("<p>Your order has shipped.</p>\n↓<div style=\"max-height: 0; overflow: hidden\"><img src=\"https://example.com/p.png\" width=\"100\" height=\"50\" alt=\"\"></div>", note: "Cut off by a wrapper of zero height (the hidden-preheader idiom)."),
            RuleExample("From: a@example.com\nSubject: Your order\nMIME-Version: 1.0\nContent-Type: multipart/related; boundary=b\n\n--b\nContent-Type: text/html; charset=utf-8\n\n<p>Order 112-3456789-0123456 has shipped.</p>↓<img src=\"cid:p@shop\" alt=\"\">\n--b\nContent-Type: image/png\nContent-ID: <p@shop>\nContent-Transfer-Encoding: base64\n\niVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\n--b--\n", kind: .eml, note: "An inline 1×1 PNG shown at its own size."),
            RuleExample("<p>Thanks for your order.</p>\n↓<img src=\"https://example.com/open.png\" width=\"1\" height=\"1\" alt=\"\">"),
            RuleExample("↓<img src=\"https://example.com/images/spacer.gif\" style=\"width: 2px; height: 2px\" alt=\"\">",
                        note: "A 2×2 spacer is a tracking pixel too."),
            RuleExample("↓<div style=\"display: none\"><img src=\"https://example.com/a.png\" alt=\"\"><img src=\"https://example.com/b.png\" alt=\"\"></div>",
                        note: "Reported once, at the element that hides the images."),
            RuleExample("↓<img src=\"https://trk.klaviyomail.com/open?id=123\" alt=\"\">", note: "A known open-tracking service (Klaviyo)."),
            RuleExample("↓<img src=\"https://news.example-shop.com/O/a1b2c3d4e5/f6a7b8c9d0\" alt=\"\">",
                        note: "A path pattern of the list (Epsilon's `/O/…`) on an ordinary host."),
            RuleExample("↓<img src=\"{{pixel_url}}\" width=\"1\" height=\"1\" alt=\"\">", note: "A placeholder URL is unknown, but the size still tells."),
            RuleExample("↓<img src=\"https://example.com/b.png\" style=\"opacity: 0\" alt=\"\">"),
            RuleExample("↓<img src=\"https://example.com/c.png\" width=\"0\" height=\"0\" alt=\"\">"),
            RuleExample("<style>\n  .beacon { display: none; }\n  @media (prefers-color-scheme: dark) { .beacon { border: 1px solid #fff; } }\n</style>\n↓<img class=\"beacon\" src=\"https://example.com/e.png\" alt=\"\">",
                        note: "Hidden in the dark scheme too."),
            RuleExample("↓<img src=\"https://example.com/d.png\" width=\"120\" height=\"40\" style=\"max-width: 2px; max-height: 2px\" alt=\"\">",
                        note: "The maximum sizes make it render 2×2 px."),
        ],
        passing: [
            RuleExample("<div style=\"background-image: url(https://example.com/paper.png)\">Your order has shipped.</div>"),
            RuleExample("<img src=\"https://example.com/logo.png\" width=\"3\" height=\"2\" alt=\"Logo\">", note: "3×2 px is larger than 2×2 px."),
            RuleExample("<img src=\"https://example.com/logo.png\" width=\"1\" height=\"1\" style=\"min-width: 120px; min-height: 40px\" alt=\"Logo\">",
                        note: "The minimum sizes make it render 120×40 px."),
            RuleExample("<img src=\"https://example.com/divider.png\" width=\"1\" alt=\"\">", note: "Height unknown: not measured."),
            RuleExample("<img src=\"{{tracking_url}}\" alt=\"\">", note: "A placeholder URL is unknown."),
            RuleExample("<style>\n  .m { display: none; }\n  @media (max-width: 480px) { .m { display: block !important; } }\n</style>\n<img class=\"m\" src=\"https://example.com/mobile.png\" alt=\"Mobile banner\">",
                        note: "Shown on phones: not hidden."),
            RuleExample("<style>\n  .logo-dark { display: none; }\n  @media (prefers-color-scheme: dark) {\n    .logo-light { display: none !important; }\n    .logo-dark { display: block !important; }\n  }\n</style>\n<img class=\"logo-light\" src=\"https://example.com/logo.png\" alt=\"Example Co.\">\n<img class=\"logo-dark\" src=\"https://example.com/logo-white.png\" alt=\"Example Co.\">",
                        note: "A dark-mode logo swap: the white logo shows in dark mode."),
            RuleExample("<!--[if mso]><img src=\"https://example.com/open.png\" width=\"1\" height=\"1\"><![endif]-->\n<p>Hello</p>"),
            RuleExample("<img src=\"https://example.com/photo.jpg\" width=\"300\" height=\"200\" alt=\"Photo\">"),
            RuleExample("<img src=\"https://firebasestorage.googleapis.com/v0/b/shop.appspot.com/o/logo.png?alt=media\" width=\"200\" height=\"80\" alt=\"Example Co.\">",
                        note: "A Firebase Storage file: its `/o/` path is no Epsilon tracker."),
        ]
    )

    /// Tracker regexes, compiled as URLs need them, for the whole run.
    let trackers = OpenTrackers.Regexes()

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(elements: ImageURLs.elementNames, needs: .styles) }

    public struct State {
        /// `alternativeRenderings`, resolved the first time an image is hidden.
        var alternatives: [StyledDocument]?
        /// Ancestors already reported for hiding images.
        var hiders = Set<NodeID>()
    }

    public func makeState(_ context: RuleContext) -> State { State() }

    static let phoneWidth = 375.0

    /// The renderings besides the reference widths' in which a hidden image may show: the
    /// light scheme at a phone width (when every reference width is wider than a phone and
    /// styles depend on `@media`), and the dark scheme at every width checked (when some
    /// `@media` rule asks for a colour scheme).
    static func alternativeRenderings(_ engine: StyleEngine, _ styles: [StyledDocument]) -> [StyledDocument] {
        var widths = styles.map(\.width)
        let addPhone = widths.allSatisfy { $0 > 480 }
        if addPhone { widths.append(phoneWidth) }
        var out: [StyledDocument] = []
        if addPhone, engine.hasMediaDependentStyles { out.append(engine.resolve(width: phoneWidth)) }
        if engine.hasColorSchemeStyles { out += widths.map { engine.resolve(width: $0, scheme: .dark) } }
        return out
    }

    enum Status {
        case visible
        case tiny(String)
        /// Hidden, with the evidence and the hiding ancestor (nil: the image itself).
        case hidden(String, NodeID?)
    }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {
        // Fields read in place: most elements visited (table cells, for their `background=`)
        // load nothing, and a copy of each node would cost more than the test.
        let doc = context.document
        guard doc.nodes[id].flags.isDisjoint(with: .notContent) else { return }
        let name = doc.nodes[id].name
        if name == "input", doc.attribute(of: id, "type")?.trimmingASCIIWhitespace().lowercased() != "image" { return }
        // The size and hidden tests measure images: `img`, `input[type=image]`.
        let measured = name == "img" || name == "input"
        let refs = ImageURLs.references(of: id, in: doc)
        if !measured, refs.isEmpty { return }
        let node = context.node(id)
        var reasons: [(message: String, evidence: String)] = []

        // 1. Known open-tracking URL (any element that loads an image).
        for ref in refs {
            if let p = tracker(ref.url, context, hostsOnly: !measured) {
                reasons.append(("Image URL matches a known open-tracking service (\(p.tracker)): Amazon forbids tracking pixels",
                                "\(ref.attribute.name)=\"\(ref.url)\" matches `\(p.source)` (\(p.tracker))"))
                break
            }
        }

        // 2. Tiny or hidden at every width.
        if measured, !context.styles.isEmpty {
            let statuses = context.styles.map { TrackingPixelRule.status(id, $0) }
            var invisible = statuses.allSatisfy { if case .visible = $0 { return false } else { return true } }
            // Hidden here, shown in another rendering readers get: on a phone (a banner shown
            // only by a `max-width` query), or in the dark scheme (a dark-mode logo swap).
            if invisible, statuses.contains(where: { if case .hidden = $0 { return true } else { return false } }),
               let engine = context.styleEngine {
                if state.alternatives == nil { state.alternatives = TrackingPixelRule.alternativeRenderings(engine, context.styles) }
                if state.alternatives?.contains(where: { if case .visible = TrackingPixelRule.status(id, $0) { return true } else { return false } }) == true {
                    invisible = false
                }
            }
            if invisible {
                switch statuses[0] {
                case .tiny(let ev):
                    reasons.append(("Image renders at most 2×2 px: a tracking pixel, which Amazon forbids", ev))
                case .hidden(let ev, let hider):
                    if let hider, reasons.isEmpty {
                        // Reported once where introduced: at the hiding element, for every image inside it.
                        if state.hiders.insert(hider).inserted {
                            report.report("Images inside a hidden element: a hidden image is a tracking image, which Amazon forbids",
                                          node: context.node(hider), evidence: "\(ev) (first hidden <\(node.name)> at line \(node.range.start.line))")
                        }
                        return
                    }
                    reasons.append(("Image is hidden: a hidden image is a tracking image, which Amazon forbids", ev))
                case .visible:
                    break
                }
            }
        }
        // 3. An inline image of an .eml whose own data is at most 2×2 px, shown at its own size.
        if measured, reasons.isEmpty, let styled = context.styles.first, !context.input.attachments.isEmpty,
           let tiny = TrackingPixelRule.tinyInlinePart(id, context, styled) {
            reasons.append(("Image renders at most 2×2 px: a tracking pixel, which Amazon forbids", tiny))
        }
        guard let first = reasons.first else { return }
        report.report(first.message, node: node, evidence: reasons.map(\.evidence).joined(separator: "; "))
    }

    /// CSS images: a declaration that takes effect and loads a known open-tracking URL, reported
    /// once, at the declaration.
    public func finish(_ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {
        guard let engine = context.styleEngine else { return }
        for (d, urls) in CSSImageURLs.byDeclaration(CSSImageURLs.shared(engine, context)) {
            for u in urls {
                guard let p = tracker(u, context, hostsOnly: true) else { continue }
                report.report("Image URL matches a known open-tracking service (\(p.tracker)): Amazon forbids tracking pixels",
                              at: d.range, evidence: "\(d.property): url(\(u)) matches `\(p.source)` (\(p.tracker))")
                break
            }
        }
    }

    /// The open-tracking pattern a URL matches; nil for `data:` and `cid:` URLs and for a URL
    /// made only of a placeholder; a placeholder host leaves a path that can still be a known
    /// tracker's (`{{ shop.url }}/tools/emails/open/…`, Shopify). `hostsOnly`: only patterns that
    /// name a host.
    func tracker(_ url: String, _ context: RuleContext, hostsOnly: Bool) -> OpenTrackers.Pattern? {
        let lower = url.lowercased()
        if lower.hasPrefix("data:") || lower.hasPrefix("cid:") { return nil }
        // The pattern test first: it rejects almost every URL, and is cheaper than parsing it.
        guard let p = OpenTrackers.match(url, trackers, hostsOnly: hostsOnly) else { return nil }
        let info = URLInfo.parse(url, placeholders: context.placeholders)
        if info.isPlaceholderOnly { return nil }
        // A placeholder host: only a pattern specific enough to name the tracker's own path.
        if info.isHostUnknown {
            return OpenTrackers.match(url, trackers, hostsOnly: hostsOnly, specificOnly: true)
        }
        return p
    }

    /// The evidence when `id` shows a `cid:` part of at most 2×2 px at its own size (no width or
    /// height set anywhere): `src="cid:p@x" → a 1×1px PNG`.
    static func tinyInlinePart(_ id: NodeID, _ context: RuleContext, _ styled: StyledDocument) -> String? {
        let st = styled.style(of: id)
        guard st.width == .auto, st.height == .auto else { return nil }
        for ref in ImageURLs.references(of: id, in: context.document) {
            guard let part = context.input.attachments.part(forCID: ref.url),
                  let size = ImageHeader.size(part.head), size.width <= 2, size.height <= 2 else { continue }
            return "\(ref.attribute.name)=\"\(ref.url)\" → a \(size.width)×\(size.height)px \(size.format) shown at its own size"
        }
        return nil
    }

    /// Whether an image is visible, tiny or hidden at one width, with the evidence.
    static func status(_ id: NodeID, _ styled: StyledDocument) -> Status {
        let doc = styled.document
        if !styled.isRendered(id) {
            // The outermost hiding element introduces the problem (nested hidden wrappers are one finding).
            var outer: NodeID?
            var cur: NodeID? = id
            while let c = cur, doc.nodes[c].kind == .element {
                if styled.display(of: c) == .none { outer = c }
                cur = doc.nodes[c].parent
            }
            guard let c = outer else { return .hidden("not rendered", nil) }
            let src = StyleSources.source(of: c, .display, in: styled)
            let text = src.isAuthor ? src.text : "<\(doc[c].name)> is not rendered"
            return .hidden(c == id ? text : "\(text) on <\(doc[c].name)> around it", c == id ? nil : c)
        }
        let st = styled.style(of: id)
        if st.visibility != .visible {
            let src = StyleSources.source(of: id, .visibility, in: styled)
            return .hidden(src.element == id ? src.text : "\(src.text) on <\(doc[src.element].name)> around it",
                           src.element == id ? nil : src.element)
        }
        var transparent: NodeID?
        var cur: NodeID? = id
        while let c = cur, doc.nodes[c].kind == .element {
            if styled.opacity(of: c) <= 0 { transparent = c }
            cur = doc.nodes[c].parent
        }
        if let c = transparent {
            let text = StyleSources.source(of: c, .opacity, in: styled).text
            return .hidden(c == id ? text : "\(text) on <\(doc[c].name)> around it", c == id ? nil : c)
        }
        // A wrapper of zero height or width that cuts off what it holds (the hidden-preheader idiom).
        if let c = styled.clippingAncestor(of: id) {
            let cs = styled.style(of: c)
            let size: StyleProperty = cs.clipsOverflowY && (cs.height.isZero || cs.maxHeight.isZero)
                ? (cs.maxHeight.isZero ? .maxHeight : .height) : (cs.maxWidth.isZero ? .maxWidth : .width)
            let overflow = cs.clipsOverflowY && (size == .maxHeight || size == .height) ? StyleProperty.overflowY : .overflowX
            let text = "\(StyleSources.source(of: c, size, in: styled).text) with \(StyleSources.source(of: c, overflow, in: styled).text)"
            return .hidden("\(text) on <\(doc[c].name)> around it (zero size)", c)
        }
        // The rendered size: `width`/`height` bounded by px `max-*`, then `min-*` (min wins, as in
        // CSS), with the property that decided it.
        func bounded(_ v: Double, _ prop: StyleProperty, _ minL: Length, _ minP: StyleProperty,
                     _ maxL: Length, _ maxP: StyleProperty) -> (Double, StyleProperty) {
            var r = (v, prop)
            if case .px(let mx) = maxL, r.0 > mx { r = (mx, maxP) }
            if case .px(let mn) = minL, r.0 < mn { r = (mn, minP) }
            return r
        }
        // With no size of its own, a px `max-*` of at most 2 px (and no larger `min-*`) bounds it:
        // `max-width: 1px; max-height: 1px` renders at most 1×1 px whatever the picture's size.
        func tinyBound(_ maxL: Length, _ maxP: StyleProperty, _ minL: Length) -> (Double, StyleProperty)? {
            guard case .px(let mx) = maxL, mx <= 2 else { return nil }
            if case .px(let mn) = minL, mn > mx { return nil }
            return (mx, maxP)
        }
        let w: (Double, StyleProperty)? = {
            if case .px(let v) = st.width { return bounded(v, .width, st.minWidth, .minWidth, st.maxWidth, .maxWidth) }
            // layout-lite applies min/max itself
            return styled.box(of: id)?.width.map { ($0, .width) } ?? tinyBound(st.maxWidth, .maxWidth, st.minWidth)
        }()
        let h: (Double, StyleProperty)? = {
            if case .px(let v) = st.height { return bounded(v, .height, st.minHeight, .minHeight, st.maxHeight, .maxHeight) }
            return tinyBound(st.maxHeight, .maxHeight, st.minHeight)
        }()
        for (len, minLen, prop) in [(st.maxWidth, st.minWidth, StyleProperty.maxWidth), (st.maxHeight, st.minHeight, .maxHeight)] {
            var minPositive = false
            if case .px(let m) = minLen, m > 0 { minPositive = true }
            if case .px(let v) = len, v <= 0, !minPositive {
                return .hidden("\(StyleSources.source(of: id, prop, in: styled).text) (zero size)", nil)
            }
        }
        if let (wv, wp) = w, wv <= 0 { return .hidden("\(StyleSources.source(of: id, wp, in: styled).text) (zero size)", nil) }
        if let (hv, hp) = h, hv <= 0 { return .hidden("\(StyleSources.source(of: id, hp, in: styled).text) (zero size)", nil) }
        if let (wv, wp) = w, let (hv, hp) = h, wv <= 2, hv <= 2 {
            let ws = StyleSources.source(of: id, wp, in: styled).text, hs = StyleSources.source(of: id, hp, in: styled).text
            return .tiny("\(ws) \(hs) → \(StyleSources.px(wv))×\(StyleSources.px(hv))px")
        }
        return .visible
    }
}
