import BSMDocument

/// Rules bucketed by the key of their subject compound selector.
struct RuleIndex: Sendable {
    struct Ref: Sendable {
        var rule: Int32
        var selector: Int32
        /// Names some ancestor must carry (`NameBloom.ancestorRequirements`).
        var ancestors: NameBloom
    }

    var byID: [String: [Ref]] = [:]
    var byClass: [String: [Ref]] = [:]
    var byType: [String: [Ref]] = [:]
    var universal: [Ref] = []

    init(_ rules: [StyleRule]) {
        for (ri, r) in rules.enumerated() {
            for (si, s) in r.selectors.enumerated() where !s.hasPseudoElement {
                let ref = Ref(rule: Int32(ri), selector: Int32(si), ancestors: NameBloom.ancestorRequirements(s))
                switch SelectorKey.of(s) {
                case .id(let v): byID[v, default: []].append(ref)
                case .className(let v): byClass[v, default: []].append(ref)
                case .type(let v): byType[v, default: []].append(ref)
                case .universal: universal.append(ref)
                }
            }
        }
    }

    /// Calls `body` with every candidate selector for the element (a selector may come up once per bucket).
    func forEachCandidate(name: String, facts: ElementFacts, _ body: (Ref) -> Void) {
        if let id = facts.id, let l = byID[id] { l.forEach(body) }
        for c in facts.classes { if let l = byClass[c] { l.forEach(body) } }
        if let l = byType[name] { l.forEach(body) }
        universal.forEach(body)
    }

    /// Calls `body` once for each selector of `rules` (indexed here) that matches element `id`.
    /// `seen` is scratch space, emptied first.
    func forEachMatch(_ rules: [StyleRule], element id: NodeID, name: String, matcher: SelectorMatcher,
                      seen: inout Set<Int64>, _ body: (Ref, ComplexSelector) -> Void) {
        seen.removeAll(keepingCapacity: true)
        forEachCandidate(name: name, facts: matcher.facts[id]) { ref in
            guard seen.insert((Int64(ref.rule) << 32) | Int64(ref.selector)).inserted,
                  matcher.mayMatch(ref.ancestors, id) else { return }
            let sel = rules[Int(ref.rule)].selectors[Int(ref.selector)]
            if matcher.matches(sel, id) { body(ref, sel) }
        }
    }
}

/// Computed styles of a document: one value per element, shared by its non-element children.
struct StyleTable: Sendable {
    /// Per node: index into `values` (0: the initial style, used by the document node).
    var slot: [Int32]
    var values: [ComputedStyle]

    subscript(id: NodeID) -> ComputedStyle { values[Int(slot[id])] }
}

/// One declaration (or hint) that applies to one element, with its cascade key.
struct CascadeEntry: Sendable {
    enum Source: UInt8, Sendable { case userAgent, author, hint }
    var source: Source
    /// Declaration index (UA sheet or author) or hint index.
    var index: Int32
    /// Author rule index whose `@media` conditions gate this entry (-1: unconditional).
    var mediaRule: Int32
    /// level (4 bits) | specificity (30 bits) | order (30 bits).
    var key: UInt64

    static func key(level: UInt64, specificity: Specificity, order: Int) -> UInt64 {
        (level << 60) | (specificity.packed << 30) | UInt64(min(order, (1 << 30) - 1))
    }
}

/// Parses a document's CSS once, indexes and matches rules once, and resolves computed styles
/// and layout-lite boxes for one or more reference widths.
///
/// ```swift
/// let styles = StyleEngine(document: doc)
/// let styled = styles.resolve(width: 600)
/// styled.style(of: id).fontSizePx
/// styled.origin(of: id, for: .color)
/// styled.box(of: id)?.width
/// ```
public struct StyleEngine: Sendable {
    struct Tables: Sendable {
        let document: Document
        let stylesheet: Stylesheet
        let hints: [Hint]
        let entries: [CascadeEntry]
        let entryStart: [Int32]
        let mediaRules: [Int32]
        let usesViewportUnits: Bool
        let bodyID: NodeID?
        /// The document's selector facts, kept for later matching (`conditionalDeclarations`).
        let matcher: SelectorMatcher
    }

    /// The immutable tables, shared: a copy of the engine (each `StyledDocument` holds one)
    /// costs one retain instead of one per table.
    let storage: SharedValue<Tables>

    /// The document the styles belong to.
    public var document: Document { storage.value.document }
    /// All author CSS: `<style>` sheets (in document order) and `style=""` declarations.
    public var stylesheet: Stylesheet { storage.value.stylesheet }
    var hints: [Hint] { storage.value.hints }
    var entries: [CascadeEntry] { storage.value.entries }
    /// `entries[entryStart[n]..<entryStart[n + 1]]` apply to node `n`.
    var entryStart: [Int32] { storage.value.entryStart }
    /// Author rules with `@media` conditions that matched at least one element.
    var mediaRules: [Int32] { storage.value.mediaRules }
    var usesViewportUnits: Bool { storage.value.usesViewportUnits }
    var bodyID: NodeID? { storage.value.bodyID }
    var matcher: SelectorMatcher { storage.value.matcher }

    /// Every author declaration (sheets, `@font-face`, inline styles) in source order.
    public var allDeclarations: [Declaration] { stylesheet.declarations }
    /// `@font-face` rules of all sheets.
    public var fontFaces: [FontFaceRule] { stylesheet.fontFaces }
    /// `@import` rules of all sheets (never fetched).
    public var imports: [ImportRule] { stylesheet.imports }
    /// Valid author style rules in source order.
    public var rules: [StyleRule] { stylesheet.rules }

    /// The user-agent sheet's rule index (the same for every document).
    static let uaIndex = RuleIndex(UserAgentSheet.sheet.rules)

    /// Levels of the cascade (higher wins).
    enum Level {
        static let uaNormal: UInt64 = 0
        static let hint: UInt64 = 1
        static let authorNormal: UInt64 = 2
        static let inlineNormal: UInt64 = 3
        static let authorImportant: UInt64 = 4
        static let inlineImportant: UInt64 = 5
        static let uaImportant: UInt64 = 6
    }

    /// Parses every `<style>` sheet (honouring `<style media>`) and `style` attribute once, maps
    /// presentational attributes, indexes rules by their subject's id/class/tag key and matches
    /// every element once. Never throws or traps on malformed CSS.
    ///
    /// `containsPlaceholder` tells whether a value holds a template placeholder (merge field): a
    /// box size (`width`, `height`, margins, paddings, `cellpadding`, `hspace`) written with one,
    /// as an attribute or a CSS value, is unknown rather than invalid (an invalid one would be
    /// dropped, leaving `auto`: a size guessed from nothing). Without it, only CSS values holding
    /// a `{}`/`[]` block (`{{w}}`, `[[w]]`) are taken for placeholders.
    ///
    /// `cache`: parses of `style=""` values shared by the documents of a batch (templates exported
    /// from one tool repeat the same inline styles file after file).
    public init(document: Document, containsPlaceholder: ((String) -> Bool)? = nil, cache: CSSParseCache? = nil) {
        let nodes = document.nodes
        let source = document.source
        var sheet = Stylesheet()
        var resolver = PositionResolver(source: source)
        // Per element: its `style=""` declarations, `inlineStart[id]..<inlineEnd[id]` (empty: none).
        var inlineStart = [Int32](repeating: 0, count: nodes.count)
        var inlineEnd = [Int32](repeating: 0, count: nodes.count)

        var inlineSeen = InlineStyleCache()

        // 1. Parse author CSS in document order.
        for id in nodes.indices {
            let kind = nodes[id].kind
            if kind == .rawText, let p = nodes[id].parent, nodes[p].kind == .element, nodes[p].name == "style" {
                var media: [MediaQueryList] = []
                if let m = nodes[p].attribute("media"), !m.trimmingASCIISpaces().isEmpty {
                    media = [MediaQueryList.parse(CSSTokenizer.tokenize(m), text: m)]
                }
                let lo = max(0, min(nodes[id].decodedStart, source.utf8.count))
                let hi = max(lo, min(nodes[id].decodedEnd, source.utf8.count))
                StyleEngine.parseSheet(source: source, range: lo..<hi, styleNode: p, media: media,
                                       mediaText: nodes[p].attribute("media") ?? "", resolver: &resolver,
                                       sheet: &sheet, cache: cache)
            } else if kind == .element, let a = nodes[id].attributeNode("style") {
                let first = sheet.declarations.count
                StyleEngine.parseInline(a, element: id, tagStart: nodes[id].decodedStart, tagEnd: nodes[id].decodedEnd,
                                        source: source, resolver: &resolver, sheet: &sheet, seen: &inlineSeen, cache: cache)
                if sheet.declarations.count > first {
                    inlineStart[id] = Int32(first)
                    inlineEnd[id] = Int32(sheet.declarations.count)
                }
            }
        }
        if let containsPlaceholder {
            StyleEngine.markPlaceholderValues(&sheet, containsPlaceholder)
        }
        var viewport = false
        for d in sheet.declarations {
            for l in d.longhands {
                if case .length(_, let u) = l.value, u == "vw" || u == "vmin" || u == "vmax" { viewport = true }
            }
        }

        // Author declarations that get cascade entries: those the cascade models, and those that
        // load a resource (`content: url(…)`, `border-image: url(…)`), which set no modelled
        // longhand but whose use (`winningDeclarationMask`) is told from the entries.
        let inCascade = sheet.declarations.map { !$0.longhands.isEmpty || $0.loadsURL }

        // 2. Index rules; match every element once.
        let ua = UserAgentSheet.sheet
        let uaIndex = StyleEngine.uaIndex
        let authorIndex = RuleIndex(sheet.rules)
        let matcher = SelectorMatcher(document: document)
        let body = document.firstElement(named: "body")
        let bodyLink = PresentationalHints.bodyLinkHint(document, body: body, containsPlaceholder: containsPlaceholder)
        var hints: [Hint] = []
        var entries: [CascadeEntry] = []
        entries.reserveCapacity(nodes.count * 8)
        var entryStart = [Int32](repeating: 0, count: nodes.count + 1)
        var mediaUsed = Set<Int32>()
        var tableOf = [Int32](repeating: -1, count: nodes.count)  // closest table ancestor (inclusive)
        var matched: [(rule: Int32, spec: Specificity)] = []

        func collect(_ index: RuleIndex, _ rules: [StyleRule], name: String, id: NodeID) {
            matched.removeAll(keepingCapacity: true)
            // The element's ancestor names, read once for all its candidates.
            let present = matcher.ancestors[id]
            index.forEachCandidate(name: name, facts: matcher.facts[id]) { ref in
                // An ancestor the selector needs is certainly missing: it cannot match.
                guard present.contains(ref.ancestors) else { return }
                let r = Int(ref.rule), s = Int(ref.selector)
                let spec = rules[r].selectors[s].specificity
                if let k = matched.firstIndex(where: { $0.rule == ref.rule }) {
                    if spec > matched[k].spec, matcher.matches(rules[r].selectors[s], id) { matched[k].spec = spec }
                    return
                }
                if matcher.matches(rules[r].selectors[s], id) { matched.append((ref.rule, spec)) }
            }
        }

        for id in nodes.indices {
            entryStart[id] = Int32(entries.count)
            if let p = nodes[id].parent { tableOf[id] = tableOf[p] }
            guard nodes[id].kind == .element else { continue }
            let name = nodes[id].name
            let parentTable = tableOf[id]
            if name == "table" { tableOf[id] = Int32(id) }

            collect(uaIndex, ua.rules, name: name, id: id)
            for m in matched {
                for di in ua.rules[Int(m.rule)].declarations where !ua.declarations[di].longhands.isEmpty {
                    let imp = ua.declarations[di].important
                    entries.append(CascadeEntry(source: .userAgent, index: Int32(di), mediaRule: -1,
                                                key: CascadeEntry.key(level: imp ? Level.uaImportant : Level.uaNormal,
                                                                      specificity: m.spec, order: di)))
                }
            }
            for h in PresentationalHints.hints(for: id, in: document, bodyLink: bodyLink,
                                               closestTable: parentTable >= 0 ? Int(parentTable) : nil,
                                               containsPlaceholder: containsPlaceholder) {
                entries.append(CascadeEntry(source: .hint, index: Int32(hints.count), mediaRule: -1,
                                            key: CascadeEntry.key(level: Level.hint, specificity: .zero, order: hints.count)))
                hints.append(h)
            }
            if !sheet.rules.isEmpty {
                collect(authorIndex, sheet.rules, name: name, id: id)
                for m in matched {
                    let rule = sheet.rules[Int(m.rule)]
                    let gate: Int32 = rule.media.isEmpty ? -1 : m.rule
                    if gate >= 0 { mediaUsed.insert(gate) }
                    for di in rule.declarations where inCascade[di] {
                        let imp = sheet.declarations[di].important
                        entries.append(CascadeEntry(source: .author, index: Int32(di), mediaRule: gate,
                                                    key: CascadeEntry.key(level: imp ? Level.authorImportant : Level.authorNormal,
                                                                          specificity: m.spec, order: di)))
                    }
                }
            }
            if inlineStart[id] < inlineEnd[id] {
                for di in Int(inlineStart[id])..<Int(inlineEnd[id]) where inCascade[di] {
                    let imp = sheet.declarations[di].important
                    entries.append(CascadeEntry(source: .author, index: Int32(di), mediaRule: -1,
                                                key: CascadeEntry.key(level: imp ? Level.inlineImportant : Level.inlineNormal,
                                                                      specificity: .zero, order: di)))
                }
            }
        }
        entryStart[nodes.count] = Int32(entries.count)
        storage = SharedValue(Tables(document: document, stylesheet: sheet, hints: hints, entries: entries, entryStart: entryStart,
                                     mediaRules: mediaUsed.sorted(), usesViewportUnits: viewport, bodyID: body,
                                     matcher: matcher))
    }

    /// Box-size, colour and font-size/weight declarations the cascade dropped as invalid whose
    /// value holds a placeholder (`width: %%w%%px`, `color: {{text_color}}`, `font-size: *|S|*`)
    /// become unknown sizes, colours and weights.
    static func markPlaceholderValues(_ sheet: inout Stylesheet, _ containsPlaceholder: (String) -> Bool) {
        for i in sheet.declarations.indices {
            let d = sheet.declarations[i]
            guard d.longhands.isEmpty else { continue }
            let logical = Longhands.logicalPlaceholderLonghands(d.property)
            guard logical != nil || Longhands.placeholderUnknownProperties.contains(d.property),
                  containsPlaceholder(d.value) else { continue }
            sheet.declarations[i] = Declaration(property: d.property, value: d.value, tokens: d.parsedTokens,
                                                tokenShift: d.tokenShift, important: d.important,
                                                range: d.range, decodedRange: d.decodedRange, context: d.context,
                                                longhands: logical ?? Longhands.placeholderLonghands(d.property))
        }
    }

    /// Parses one `<style>` sheet (`range` of the decoded source) into `sheet`; a sheet with the
    /// same text and `media` already parsed in a document of the batch is replayed from `cache`
    /// instead: its rules and declarations re-indexed and re-numbered for this document, their
    /// offsets shifted and positions resolved afresh, tokens, selectors and longhands shared.
    static func parseSheet(source: SourceText, range: Range<Int>, styleNode: NodeID, media: [MediaQueryList], mediaText: String,
                           resolver: inout PositionResolver, sheet: inout Stylesheet, cache: CSSParseCache?) {
        guard let cache, range.count >= CSSParseCache.minSheetLength, range.count <= CSSParseCache.maxSheetLength else {
            CSSParser.parseStylesheet(bytes: source.utf8, range: range, mapOffset: nil, source: source,
                                      resolver: &resolver, styleNode: styleNode, media: media, into: &sheet)
            return
        }
        source.utf8.withUnsafeBufferPointer { all in
            let text = UnsafeBufferPointer(rebasing: all[range])
            let key = CSSParseCache.SheetKey(text, media: mediaText)
            if let hit = cache.sheet(key, text: text) {
                replay(hit, at: range.lowerBound, styleNode: styleNode, resolver: &resolver, sheet: &sheet)
                return
            }
            let r0 = sheet.rules.count, d0 = sheet.declarations.count, f0 = sheet.fontFaces.count, i0 = sheet.imports.count
            let dropped0 = sheet.droppedRules
            CSSParser.parseStylesheet(bytes: source.utf8, range: range, mapOffset: nil, source: source,
                                      resolver: &resolver, styleNode: styleNode, media: media, into: &sheet)
            guard cache.isRepeat(key) else { return }
            cache.storeSheet(key, text: text, CSSParseCache.SheetParse(
                base: range.lowerBound, firstRule: r0, firstDeclaration: d0, firstFontFace: f0,
                rules: Array(sheet.rules[r0...]), declarations: Array(sheet.declarations[d0...]),
                fontFaces: Array(sheet.fontFaces[f0...]), imports: Array(sheet.imports[i0...]),
                droppedRules: sheet.droppedRules - dropped0))
        }
    }

    /// Appends a sheet parsed elsewhere (`parse`, at offset `parse.base`) as if parsed at `base`
    /// under `styleNode`: what `CSSParser.parseStylesheet` would append, field for field (a test
    /// checks it).
    static func replay(_ parse: CSSParseCache.SheetParse, at base: Int, styleNode: NodeID,
                       resolver: inout PositionResolver, sheet: inout Stylesheet) {
        let delta = base - parse.base
        let dr = sheet.rules.count - parse.firstRule
        let dd = sheet.declarations.count - parse.firstDeclaration
        let df = sheet.fontFaces.count - parse.firstFontFace
        func moved(_ r: Range<Int>) -> (SourceRange, Range<Int>) {
            let s = r.lowerBound + delta, e = r.upperBound + delta
            return (SourceRange(start: resolver.position(s), end: resolver.position(e)), s..<e)
        }
        sheet.declarations.reserveCapacity(sheet.declarations.count + parse.declarations.count)
        for d in parse.declarations {
            let context: DeclarationContext
            switch d.context {
            case .styleRule(let rule, _): context = .styleRule(rule: rule + dr, styleNode: styleNode)
            case .fontFace(let index, _): context = .fontFace(index: index + df, styleNode: styleNode)
            case .inlineStyle, .userAgent: context = d.context
            }
            let (range, decoded) = moved(d.decodedRange)
            sheet.declarations.append(Declaration(property: d.property, value: d.value, tokens: d.parsedTokens,
                                                  tokenShift: d.tokenShift + delta, important: d.important,
                                                  range: range, decodedRange: decoded, context: context,
                                                  longhands: d.longhands))
        }
        sheet.rules.reserveCapacity(sheet.rules.count + parse.rules.count)
        for r in parse.rules {
            let (range, decoded) = moved(r.decodedRange)
            sheet.rules.append(StyleRule(selectorText: r.selectorText, selectors: r.selectors,
                                         declarations: (r.declarations.lowerBound + dd)..<(r.declarations.upperBound + dd),
                                         media: r.media, order: r.order + dr, range: range, styleNode: styleNode,
                                         decodedRange: decoded))
        }
        for f in parse.fontFaces {
            let (range, decoded) = moved(f.decodedRange)
            sheet.fontFaces.append(FontFaceRule(range: range,
                                                declarations: (f.declarations.lowerBound + dd)..<(f.declarations.upperBound + dd),
                                                media: f.media, styleNode: styleNode, decodedRange: decoded))
        }
        for i in parse.imports {
            let (range, decoded) = moved(i.decodedRange)
            sheet.imports.append(ImportRule(url: i.url, mediaText: i.mediaText, range: range, styleNode: styleNode,
                                            decodedRange: decoded))
        }
        sheet.droppedRules += parse.droppedRules
    }

    /// Style attribute values already parsed in this document, written as-is in the source (no
    /// entities): value → (decoded offset it was parsed at, its declarations in the sheet).
    /// Templates repeat the same `style=""` many times; a repeat reuses the parse, shifted.
    typealias InlineStyleCache = [String: (base: Int, declarations: Range<Int>)]

    /// Parses one `style` attribute, mapping value offsets back to the document.
    static func parseInline(_ a: Attribute, element: NodeID, tagStart: Int, tagEnd: Int, source: SourceText,
                            resolver: inout PositionResolver, sheet: inout Stylesheet, seen: inout InlineStyleCache,
                            cache: CSSParseCache? = nil) {
        let value = Array(a.value.utf8)
        guard !value.isEmpty else { return }
        let utf8 = source.utf8
        var rawStart = -1, rawEnd = -1
        // The parser records each attribute value's decoded-buffer span: O(1), no line walk
        // (a line/column lookup per attribute is quadratic on one-line templates).
        if let span = a.valueSpan, span.upperBound <= utf8.count {
            rawStart = span.lowerBound
            rawEnd = span.upperBound
        }
        if rawStart >= 0, rawEnd - rawStart == value.count,
           utf8.withUnsafeBufferPointer({ all in value.withUnsafeBufferPointer { ASCII.sameBytes(UnsafeBufferPointer(rebasing: all[rawStart..<rawEnd]), $0) } }) {
            // The same bytes parse to the same declarations: one parsed at offset `base` (earlier in
            // this document, or in another one of the batch) is replayed for this occurrence at
            // `rawStart` (positions resolved afresh, in order; tokens shared, shifted lazily).
            func replay(_ d: Declaration, base: Int) {
                let delta = rawStart - base
                let s = d.decodedRange.lowerBound + delta, e = d.decodedRange.upperBound + delta
                let range = SourceRange(start: resolver.position(s), end: resolver.position(e))
                sheet.declarations.append(Declaration(property: d.property, value: d.value, tokens: d.parsedTokens,
                                                      tokenShift: d.tokenShift + delta, important: d.important,
                                                      range: range, decodedRange: s..<e,
                                                      context: .inlineStyle(element: element), longhands: d.longhands))
            }
            if let hit = seen[a.value], hit.base <= rawStart {
                // By index: a slice of `sheet.declarations` alive while appending would copy the array.
                for i in hit.declarations { replay(sheet.declarations[i], base: hit.base) }
                return
            }
            let first = sheet.declarations.count
            if let shared = cache?.inlineStyle(a.value) {
                for d in shared.declarations { replay(d, base: shared.base) }
            } else {
                CSSParser.parseDeclarationList(bytes: utf8, range: rawStart..<rawEnd, mapOffset: nil, source: source,
                                               resolver: &resolver, context: .inlineStyle(element: element), into: &sheet)
                cache?.storeInlineStyle(a.value, base: rawStart, Array(sheet.declarations[first...]))
            }
            if seen[a.value] == nil { seen[a.value] = (rawStart, first..<sheet.declarations.count) }
            return
        }
        var map: [Int] = []
        map.reserveCapacity(value.count + 1)
        if rawStart < 0 {
            let at = tagStart
            map = [Int](repeating: at, count: value.count + 1)
        } else {
            var i = rawStart, j = 0
            while j < value.count {
                if i < rawEnd, utf8[i] == value[j] {
                    map.append(i)
                    i += 1
                    j += 1
                } else if i < rawEnd, utf8[i] == 0x26 {
                    var k = i + 1
                    while k < rawEnd, k - i < 40, utf8[k] != 0x3B, utf8[k] != 0x26 { k += 1 }
                    let entEnd = (k < rawEnd && utf8[k] == 0x3B) ? k + 1 : i + 1
                    let len = min(CSSTokenizer.sequenceLength(Int(value[j])), value.count - j)
                    for _ in 0..<len { map.append(i) }
                    j += len
                    i = entEnd
                } else {
                    map.append(min(i, rawEnd))
                    i += 1
                    j += 1
                }
            }
            map.append(min(i, rawEnd))
        }
        CSSParser.parseDeclarationList(bytes: value, range: 0..<value.count, mapOffset: map, source: source,
                                       resolver: &resolver, context: .inlineStyle(element: element), into: &sheet)
    }

    /// Computed styles and boxes at one reference width, in the light colour scheme of the
    /// measuring model unless `scheme` asks for the dark one.
    public func resolve(width: Double, scheme: ColorScheme = .light) -> StyledDocument {
        let active = activeMedia(width, scheme)
        let (styles, origins, rendered) = cascade(active: active, width: width)
        return StyledDocument(engine: self, width: width, styles: styles, origins: origins, rendered: rendered)
    }

    /// Computed styles and boxes for several widths; the cascade is only re-run for a width whose
    /// matching `@media` rules differ from an earlier width's.
    public func resolve(widths: [Double]) -> [StyledDocument] {
        var out: [StyledDocument] = []
        var cache: [(key: [Bool], styles: StyleTable, origins: [OriginRef], rendered: [Bool])] = []
        for w in widths {
            let active = activeMedia(w)
            if !usesViewportUnits, let hit = cache.first(where: { $0.key == active }) {
                out.append(StyledDocument(engine: self, width: w, styles: hit.styles, origins: hit.origins,
                                          rendered: hit.rendered))
                continue
            }
            let (s, o, r) = cascade(active: active, width: w)
            cache.append((active, s, o, r))
            out.append(StyledDocument(engine: self, width: w, styles: s, origins: o, rendered: r))
        }
        return out
    }

    /// True when some `@media`-gated rule matches an element, i.e. styles may differ by width.
    public var hasMediaDependentStyles: Bool { !mediaRules.isEmpty || usesViewportUnits }

    /// True when some `@media`-gated rule that matches an element asks for a colour scheme
    /// (`prefers-color-scheme`), i.e. styles may differ between the light and the dark scheme.
    public var hasColorSchemeStyles: Bool {
        mediaRules.contains { r in stylesheet.rules[Int(r)].media.contains { $0.dependsOnColorScheme } }
    }

    /// Activity of each media-gated rule that matched something, in `mediaRules` order.
    func activeMedia(_ width: Double, _ scheme: ColorScheme = .light) -> [Bool] {
        mediaRules.map { r in stylesheet.rules[Int(r)].media.allSatisfy { $0.matches(width: width, scheme: scheme) } }
    }

    func longhands(_ e: CascadeEntry) -> [Longhand] {
        switch e.source {
        case .userAgent: return UserAgentSheet.sheet.declarations[Int(e.index)].longhands
        case .author: return stylesheet.declarations[Int(e.index)].longhands
        case .hint: return hints[Int(e.index)].longhands
        }
    }

    /// Runs the cascade and value computation for every node.
    func cascade(active: [Bool], width: Double) -> (StyleTable, [OriginRef], [Bool]) {
        let nodes = document.nodes
        let P = StyleProperty.count
        var activeRule = [Bool](repeating: false, count: mediaRules.isEmpty ? 0 : stylesheet.rules.count)
        for (k, r) in mediaRules.enumerated() where Int(r) < activeRule.count { activeRule[Int(r)] = active[k] }
        // Slot 0 is the initial style (document node); each element gets its own slot; other
        // nodes share their parent's slot.
        var styles = StyleTable(slot: [Int32](repeating: 0, count: nodes.count), values: [.initial])
        var origins = [OriginRef](repeating: .initial, count: P)
        // One slot per element: reserve once instead of growing (and copying) the tables.
        var elementCount = 0
        for id in nodes.indices where nodes[id].kind == .element { elementCount += 1 }
        styles.values.reserveCapacity(elementCount + 1)
        origins.reserveCapacity((elementCount + 1) * P)
        var rendered = [Bool](repeating: true, count: nodes.count)
        var winKey = [UInt64](repeating: 0, count: P)
        var winEntry = [Int32](repeating: -1, count: P)
        var winValue = [CSSValue?](repeating: nil, count: P)
        var computer = StyleComputer(width: width)
        var parentBuf = [OriginRef](repeating: .initial, count: P)
        var touched: [Int] = []
        touched.reserveCapacity(P)
        let uaDeclarations = UserAgentSheet.sheet.declarations
        let authorDeclarations = stylesheet.declarations
        var own = [OriginRef](repeating: .initial, count: P)
        var logical: [(key: UInt64, entry: Int32, longhand: Longhand)] = []

        for id in nodes.indices {
            let parent = nodes[id].parent ?? -1
            let parentSlot = parent >= 0 ? Int(styles.slot[parent]) : 0
            if parent >= 0 { rendered[id] = rendered[parent] }
            guard nodes[id].kind == .element else {
                styles.slot[id] = Int32(parentSlot)
                continue
            }
            let parentStyle = styles.values[parentSlot]
            // Only the properties the previous element set need clearing.
            for p in touched {
                winEntry[p] = -1
                winValue[p] = nil
            }
            touched.removeAll(keepingCapacity: true)
            let lo = Int(entryStart[id]), hi = Int(entryStart[id + 1])
            if lo < hi {
                for ei in lo..<hi {
                    let e = entries[ei]
                    if e.mediaRule >= 0, !(Int(e.mediaRule) < activeRule.count && activeRule[Int(e.mediaRule)]) { continue }
                    let lhs: [Longhand]
                    switch e.source {
                    case .userAgent: lhs = uaDeclarations[Int(e.index)].longhands
                    case .author: lhs = authorDeclarations[Int(e.index)].longhands
                    case .hint: lhs = hints[Int(e.index)].longhands
                    }
                    for l in lhs {
                        if l.flipsInRTL {
                            // Its side depends on the element's direction, known once every
                            // declaration has been seen.
                            logical.append((e.key, Int32(ei), l))
                            continue
                        }
                        let p = l.property.rawValue
                        if winEntry[p] < 0 { touched.append(p) }
                        if winEntry[p] < 0 || e.key >= winKey[p] {
                            winKey[p] = e.key
                            winEntry[p] = Int32(ei)
                            winValue[p] = l.value
                        }
                    }
                }
            }
            if !logical.isEmpty {
                // Inline-axis logical properties (`padding-inline-start`) take the side the
                // direction gives them, competing with the physical ones by cascade order.
                var rtl = parentStyle.direction == .rtl
                if case .keyword(let k)? = winValue[StyleProperty.direction.rawValue], k == "rtl" || k == "ltr" { rtl = k == "rtl" }
                for (key, ei, l) in logical {
                    let p = (rtl ? l.property.mirrored : l.property).rawValue
                    if winEntry[p] < 0 { touched.append(p) }
                    if winEntry[p] < 0 || key >= winKey[p] {
                        winKey[p] = key
                        winEntry[p] = ei
                        winValue[p] = l.value
                    }
                }
                logical.removeAll(keepingCapacity: true)
            }
            // Copy the parent's origins out (a slice would keep `origins` shared and force a copy on
            // write), as one block copy.
            let base = parentSlot * P
            origins.withUnsafeBufferPointer { src in
                parentBuf.withUnsafeMutableBufferPointer { dst in
                    for p in 0..<P { dst[p] = src[base + p] }
                }
            }
            // Origins of the winners; the rest (no winner) start from the initial value.
            own.withUnsafeMutableBufferPointer { $0.update(repeating: .initial) }
            for p in touched {  // exactly the properties with a winner
                let e = entries[Int(winEntry[p])]
                let kind: OriginRef.Kind = e.source == .userAgent ? .userAgent : (e.source == .hint ? .hint : .author)
                own[p] = OriginRef(kind: kind, index: e.index, from: -1)
            }
            StyleComputer.sortByOrder(&touched)
            let style = computer.compute(parent: parentStyle, parentID: parentSlot == 0 ? -1 : parent,
                                         parentOrigins: parentBuf, winners: winValue, touched: touched, origins: &own)
            styles.slot[id] = Int32(styles.values.count)
            styles.values.append(style)
            origins.append(contentsOf: own)
            if style.display == .none { rendered[id] = false }
        }
        return (styles, origins, rendered)
    }

    /// Builds the public origin of a compact reference.
    func origin(_ r: OriginRef) -> StyleOrigin {
        switch r.kind {
        case .initial:
            return .initial
        case .userAgent:
            let d = UserAgentSheet.sheet.declarations[Int(r.index)]
            if case .styleRule(let rule, _) = d.context { return .userAgent(selector: UserAgentSheet.sheet.rules[rule].selectorText) }
            return .userAgent(selector: "")
        case .author:
            let i = Int(r.index)
            let d = stylesheet.declarations[i]
            switch d.context {
            case .styleRule(let rule, _): return .stylesheet(declaration: i, range: d.range, selector: stylesheet.rules[rule].selectorText)
            default: return .inlineStyle(declaration: i, range: d.range)
            }
        case .hint:
            let h = hints[Int(r.index)]
            return .presentational(attribute: h.attribute, element: h.element, range: h.range)
        }
    }
}
