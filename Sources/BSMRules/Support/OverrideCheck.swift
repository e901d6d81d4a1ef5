import BSMDocument
import BSMEngine
import BSMStyle

/// Shared logic of the override rules (font family, colour, line height, alignment): find the
/// text-bearing elements whose computed value comes from the author, group them by the
/// declaration or attribute that set it, and report once at that declaration.
enum OverrideCheck {
    struct Hit {
        var origin: StyleOrigin
        /// Where the value was introduced: the declaring element (itself or the ancestor it was inherited from).
        var element: NodeID
        var firstTextElement: NodeID
        var count: Int
        var widths: [Double]
        /// For a declaration that applies only in a user-action state or to a pseudo-element
        /// (`ConditionalDeclaration`): its conditions (`:hover`, `::first-letter`); empty otherwise.
        var conditions: [String] = []
    }

    /// Elements that render visible text directly (parents of the text model's runs), in order.
    /// Runs of only whitespace, `&nbsp;` or zero-width characters render no text (RULES.md: a
    /// text-bearing element "renders non-whitespace text"): a spacer cell holding `&nbsp;` is not
    /// text-bearing.
    static func textBearingElements(_ context: RuleContext) -> [NodeID] {
        context.derived.value("OverrideCheck.textBearingElements") { computeTextBearingElements(context) }
    }

    private static func computeTextBearingElements(_ context: RuleContext) -> [NodeID] {
        var out: [NodeID] = []
        var seen = Set<NodeID>()
        let doc = context.document
        for run in context.text.runs {
            // The same test as margin-too-wide and too-many-font-sizes.
            guard let p = doc.nodes[run.node].parent, !seen.contains(p), !doc.nodes[run.node].isBlankText else { continue }
            seen.insert(p)
            out.append(p)
        }
        return out
    }

    /// Groups the text-bearing elements whose `property` is flagged by `isOverride` by origin.
    /// `byOrigin`: the verdict depends only on the origin (not on the element's style or on where
    /// it inherited from), so it is asked once per origin.
    /// `subject`: the element whose value styles a text-bearing element's text, when that is not
    /// the element itself (`text-align` aligns the lines of the block container around it);
    /// the origin and the verdict are its, the count is of text-bearing elements.
    static func hits(_ context: RuleContext, property: StyleProperty, byOrigin verdictPerOrigin: Bool = false,
                     subject: ((StyledDocument, NodeID) -> NodeID)? = nil,
                     isOverride: (ComputedStyle, PropertyOrigin) -> Bool) -> [Hit] {
        var byOrigin: [StyleOrigin: Int] = [:]
        // Origins and hit indices by the styles' compact origin key: each `StyleOrigin` is built
        // and hashed once per key instead of once per element.
        var originByKey: [Int64: StyleOrigin] = [:]
        var hitByKey: [Int64: Int] = [:]
        var verdictByKey: [Int64: Bool] = [:]
        var hits: [Hit] = []
        let elements = textBearingElements(context)
        for styled in context.styles {
            var seenHere = Set<Int>()  // indices into `hits` (one per origin)
            for text in elements where styled.showsText(text) {
                let id = subject?(styled, text) ?? text
                let (key, inheritedFrom) = styled.originKey(of: id, for: property)
                let origin: StyleOrigin
                if let o = originByKey[key] {
                    origin = o
                } else {
                    origin = styled.origin(of: id, for: property).origin
                    originByKey[key] = origin
                }
                let po = PropertyOrigin(origin: origin, inheritedFrom: inheritedFrom)
                if verdictPerOrigin, let v = verdictByKey[key] {
                    guard v else { continue }
                } else {
                    let v = isOverride(styled.style(of: id), po)
                    if verdictPerOrigin { verdictByKey[key] = v }
                    guard v else { continue }
                }
                var known = hitByKey[key]
                if known == nil, let i = byOrigin[origin] {
                    known = i
                    hitByKey[key] = i
                }
                if let i = known {
                    if seenHere.insert(i).inserted, !hits[i].widths.contains(styled.width) { hits[i].widths.append(styled.width) }
                    // Counted at the first width it applies at (the one the finding names).
                    if styled.width == hits[i].widths.first { hits[i].count += 1 }
                } else {
                    byOrigin[po.origin] = hits.count
                    hitByKey[key] = hits.count
                    seenHere.insert(hits.count)
                    hits.append(Hit(origin: po.origin, element: po.inheritedFrom ?? id, firstTextElement: text, count: 1,
                                    widths: [styled.width]))
                }
            }
        }
        return hits
    }

    /// The properties whose state and pseudo-element declarations the override rules read (one
    /// `conditionalDeclarations` pass per document serves them all).
    static let conditionalProperties: Set<StyleProperty> = [.color, .webkitTextFillColor, .fontFamily, .lineHeight, .fontSize]

    /// `StyleEngine.conditionalDeclarations` of `conditionalProperties` at the document's widths,
    /// worked out once per document (the override rules and `too-many-font-sizes` read them).
    static func conditionalDeclarations(_ context: RuleContext) -> [ConditionalDeclaration] {
        guard let engine = context.styleEngine else { return [] }
        return context.derived.value("OverrideCheck.conditionalDeclarations") {
            engine.conditionalDeclarations(properties: conditionalProperties, widths: context.styles.map(\.width))
        }
    }

    /// Author declarations of `property` that restyle text only in a user-action state of an
    /// element (`a:hover`, `a:visited`) or in one of its text pseudo-elements (`::first-line`,
    /// `::first-letter`, and `::before`/`::after` that generate text), grouped by declaration.
    /// `isOverride` judges the declaration's value for `property`. Declarations already among
    /// `existing` (reported through the cascade, e.g. `a:link, a:visited { color }`) are left out.
    ///
    /// A state declaration counts the text-bearing elements it recolours: the element itself and
    /// those inside it whose value is inherited from it or from above; one that sets its own
    /// value keeps it. A pseudo-element counts once, when its box holds text.
    static func conditionalHits(_ context: RuleContext, property: StyleProperty, existing: [Hit],
                                isOverride: (Declaration, CSSValue) -> Bool) -> [Hit] {
        guard let engine = context.styleEngine, let first = context.styles.first else { return [] }
        let all = conditionalDeclarations(context).filter { $0.properties.contains(property) }
        guard !all.isEmpty else { return [] }
        var reported = Set<Int>()
        for h in existing {
            if case .stylesheet(let i, _, _) = h.origin { reported.insert(i) }
        }
        let doc = context.document
        let decls = engine.allDeclarations
        let textElements = textBearingElements(context)
        // Per element a conditional declaration styles: how many text-bearing elements a state
        // of it restyles and the first of them, and its first text-bearing element at all. One
        // walk up from each text element: a state of `e` restyles text `t` when `t` is `e`, or
        // takes its value from `e` or from above it — so along the path from `t`, the elements
        // up to where `t`'s value is set are reached (all of them when it is the initial value).
        let n = doc.nodes.count
        var styledElement = [Bool](repeating: false, count: n)
        for c in all where c.element < n { styledElement[c.element] = true }
        var reachCount = [Int](repeating: 0, count: n)
        var reachFirst = [NodeID](repeating: -1, count: n)
        var anyFirst = [NodeID](repeating: -1, count: n)
        for t in textElements where first.showsText(t) {
            let from = first.originKey(of: t, for: property).inheritedFrom
            let setOnItself = from == nil && first.origin(of: t, for: property).origin != .initial
            var reaching = true
            var cur: NodeID? = t
            while let c = cur, c != Document.rootID {
                if styledElement[c] {
                    if anyFirst[c] < 0 { anyFirst[c] = t }
                    if reaching {
                        reachCount[c] += 1
                        if reachFirst[c] < 0 { reachFirst[c] = t }
                    }
                }
                if (c == t && setOnItself) || c == from { reaching = false }
                cur = doc.nodes[c].parent
            }
        }
        var hits: [Hit] = []
        var hitOf: [Int: Int] = [:]
        for c in all where !reported.contains(c.declaration) {
            guard let value = decls[c.declaration].longhands.last(where: { $0.property == property })?.value,
                  isOverride(decls[c.declaration], value) else { continue }
            var count = 0
            var firstText: NodeID?
            switch c.pseudoElement {
            case nil:
                count = reachCount[c.element]
                firstText = reachFirst[c.element] >= 0 ? reachFirst[c.element] : nil
            case "before", "after":
                if c.generatesText, first.isRendered(c.element) { count = 1; firstText = c.element }
            default:  // first-line, first-letter
                if anyFirst[c.element] >= 0 { count = 1; firstText = anyFirst[c.element] }
            }
            guard count > 0, let text = firstText else { continue }
            if let i = hitOf[c.declaration] {
                hits[i].count += count
                if !hits[i].conditions.contains(c.condition) { hits[i].conditions.append(c.condition) }
                for w in c.widths where !hits[i].widths.contains(w) { hits[i].widths.append(w) }
                continue
            }
            guard case .styleRule(let rule, _) = decls[c.declaration].context else { continue }
            hitOf[c.declaration] = hits.count
            hits.append(Hit(origin: .stylesheet(declaration: c.declaration, range: decls[c.declaration].range,
                                                selector: engine.rules[rule].selectorText),
                            element: c.element, firstTextElement: text, count: count, widths: c.widths,
                            conditions: [c.condition]))
        }
        return hits
    }

    /// Where to report a hit: the declaration; for attributes and user-agent origins
    /// (`<center>`), the element's start tag.
    static func range(_ hit: Hit, _ context: RuleContext) -> SourceRange {
        switch hit.origin {
        case .stylesheet(_, let r, _), .inlineStyle(_, let r): return r
        // A presentational attribute is reported at its element's start tag (RULES.md: "the
        // `<td align=center>`"), the attribute itself in the evidence.
        case .presentational(_, let element, _): return context.document[element].range
        case .userAgent, .initial: return context.document[hit.element].range
        }
    }

    /// `selector { property: value }`, `property: value` (inline) or `attribute="value"`.
    static func evidence(_ hit: Hit, _ context: RuleContext) -> String {
        // Built as UTF-8 bytes and turned into a string once (thousands of findings build one
        // each; string interpolation appended a piece at a time).
        var b: [UInt8] = []
        b.reserveCapacity(128)
        func add(_ s: String) { b.append(contentsOf: s.utf8) }
        func add(_ s: StaticString) { s.withUTF8Buffer { b.append(contentsOf: $0) } }
        func addInt(_ v: Int) { add(String(v)) }
        func addDeclaration(_ index: Int) {  // `property: value`
            guard let engine = context.styleEngine else { return }
            let d = engine.allDeclarations[index]
            add(d.property)
            add(": ")
            add(d.value)
        }
        switch hit.origin {
        case .stylesheet(let index, _, let selector):
            add(collapsingSpaces(selector))
            add(" { ")
            addDeclaration(index)
            add(" }")
        case .inlineStyle(let index, _):
            add("style=\"")
            addDeclaration(index)
            add("\"")
        case .presentational(let attribute, let element, _):
            add("<")
            add(context.document.nodes[element].name)
            add(" ")
            add(attribute)
            add("=\"")
            add(context.document.attribute(of: element, attribute) ?? "")
            add("\">")
        case .userAgent(let selector):
            add("<")
            add(selector)
            add(">")
        case .initial:
            break
        }
        add(" → ")
        addInt(hit.count)
        add(hit.count == 1 ? " text element" : " text elements")
        if !hit.conditions.isEmpty {
            add(" (")
            add(hit.conditions.joined(separator: ", "))
            add(")")
        }
        if context.styles.count > 1, hit.widths.count < context.styles.count {
            add(" at ")
            for (i, w) in hit.widths.enumerated() {
                if i > 0 { add(", ") }
                addInt(Int(w))
                add("px")
            }
        }
        return String(decoding: b, as: UTF8.self)
    }

    /// White-space runs (space, tab, CR, LF) as one space, none at the ends. Most selectors have
    /// nothing to collapse and are returned as they are (thousands of findings build one each).
    static func collapsingSpaces(_ s: String) -> String {
        var previousSpace = true  // a space at the start is trimmed
        var clean = true
        for b in s.utf8 {
            let space = b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D
            if space && (previousSpace || b != 0x20) { clean = false; break }
            previousSpace = space
        }
        if clean && !previousSpace { return s }
        return s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    /// Reports every hit once, in source order.
    static func report(_ hits: [Hit], _ context: RuleContext, _ sink: inout FindingSink, message: (Hit) -> String) {
        let sorted = hits.sorted { range($0, context).start.offset < range($1, context).start.offset }
        let single = context.styles.count == 1
        for h in sorted {
            let width: Double? = single || h.widths.count == context.styles.count ? nil : h.widths.first
            sink.report(message(h), at: range(h, context), evidence: evidence(h, context), width: width)
        }
    }
}
