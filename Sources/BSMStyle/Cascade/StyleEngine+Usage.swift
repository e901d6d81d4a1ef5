import BSMDocument

extension StyleEngine {
    /// Indices (into `allDeclarations`) of author declarations that apply to at least one
    /// element at some width: inline declarations, and declarations of rules whose selectors
    /// matched an element. A rule that matches nothing loads nothing.
    public func appliedDeclarationIndices() -> Set<Int> {
        let mask = appliedDeclarationMask()
        var out = Set<Int>()
        for i in mask.indices where mask[i] { out.insert(i) }
        return out
    }

    /// `appliedDeclarationIndices()` as one flag per author declaration (cheaper to build and test).
    public func appliedDeclarationMask() -> [Bool] {
        let decls = stylesheet.declarations
        var mask = [Bool](repeating: false, count: decls.count)
        for e in entries where e.source == .author && Int(e.index) < mask.count { mask[Int(e.index)] = true }
        for i in decls.indices {
            if case .inlineStyle = decls[i].context { mask[i] = true }
        }
        return mask
    }

    /// Pseudo-elements whose rules style a box generated for (or inside) the element the rest of
    /// the selector matches: `X::before` applies when `X` matches.
    static let generatedPseudoElements: Set<String> = ["before", "after", "first-line", "first-letter", "marker"]

    /// One flag per author declaration: true when the declaration wins the cascade, among the
    /// declarations of its group, for at least one element (or one `::before`/`::after`/
    /// `::first-line`/`::first-letter`/`::marker` box of an element) at at least one of `widths`.
    ///
    /// `groups` maps property names to a group: the declarations of one group set the same value
    /// (`background` and `background-image` both set the background image; give them one group).
    /// Declarations of other properties are never flagged. A rule's `@media` conditions must hold
    /// at the width; inline declarations always take part; `!important`, specificity and source
    /// order decide as in the cascade. Presentational attributes and the user-agent sheet lose to
    /// any author declaration and are not considered. Pseudo-element rules compete only with the
    /// rules for the same pseudo-element of the same element, and never with the element's own.
    ///
    /// `schemes`: the colour schemes to evaluate `@media` in at each width (the light one of the
    /// measuring model by default; an image rule adds the dark one, whose readers load its images).
    ///
    /// Work: one pass over the cascade entries per distinct set of active `@media` rules, plus one
    /// selector match per element for pseudo-element rules when some hold a grouped declaration.
    public func winningDeclarationMask(groups: [String: Int], widths: [Double],
                                       schemes: [ColorScheme] = [.light]) -> [Bool] {
        let decls = stylesheet.declarations
        var mask = [Bool](repeating: false, count: decls.count)
        var groupOf = [Int32](repeating: -1, count: decls.count)
        var groupCount = 0
        for i in decls.indices {
            guard let g = groups[decls[i].property], g >= 0 else { continue }
            groupOf[i] = Int32(g)
            groupCount = max(groupCount, g + 1)
        }
        guard groupCount > 0 else { return mask }
        let rules = stylesheet.rules

        // Distinct activity vectors of the media-gated rules over the widths.
        var actives: [[Bool]] = []
        for w in widths.isEmpty ? [600] : widths {
            for scheme in schemes {
                var a = [Bool](repeating: true, count: rules.count)
                for r in rules.indices where !rules[r].media.isEmpty {
                    a[r] = rules[r].media.allSatisfy { $0.matches(width: w, scheme: scheme) }
                }
                if !actives.contains(a) { actives.append(a) }
            }
        }

        // Elements' own declarations (inline and matched rules).
        var bestKey = [UInt64](repeating: 0, count: groupCount)
        var bestDecl = [Int32](repeating: -1, count: groupCount)
        let nodes = document.nodes
        for id in nodes.indices where nodes[id].kind == .element {
            let lo = Int(entryStart[id]), hi = Int(entryStart[id + 1])
            guard lo < hi else { continue }
            var any = false
            for ei in lo..<hi where entries[ei].source == .author && groupOf[Int(entries[ei].index)] >= 0 {
                any = true
                break
            }
            guard any else { continue }
            for a in actives {
                for g in 0..<groupCount { bestDecl[g] = -1 }
                for ei in lo..<hi {
                    let e = entries[ei]
                    guard e.source == .author else { continue }
                    let di = Int(e.index)
                    let g = Int(groupOf[di])
                    guard g >= 0 else { continue }
                    if e.mediaRule >= 0, !(Int(e.mediaRule) < a.count && a[Int(e.mediaRule)]) { continue }
                    if bestDecl[g] < 0 || e.key >= bestKey[g] {
                        bestKey[g] = e.key
                        bestDecl[g] = Int32(di)
                    }
                }
                for g in 0..<groupCount where bestDecl[g] >= 0 { mask[Int(bestDecl[g])] = true }
            }
        }

        // Pseudo-element rules: `X::before` competes for the `::before` box of elements `X` matches.
        var pseudoRules: [StyleRule] = []
        var pseudoNames: [[String]] = []  // per synthetic rule, per selector
        var pseudoOrigin: [Int] = []  // per synthetic rule, its index in `rules`
        for (ri, r) in rules.enumerated() {
            guard r.declarations.contains(where: { groupOf[$0] >= 0 }) else { continue }
            var selectors: [ComplexSelector] = []
            var names: [String] = []
            for s in r.selectors {
                guard let form = s.removingConditions(states: []), let pe = form.pseudoElement,
                      StyleEngine.generatedPseudoElements.contains(pe) else { continue }
                // The pseudo-element's own specificity (0,0,1) is the same for every competitor.
                selectors.append(form.selector)
                names.append(pe)
            }
            guard !selectors.isEmpty else { continue }
            pseudoRules.append(StyleRule(selectorText: r.selectorText, selectors: selectors, declarations: r.declarations,
                                         media: r.media, order: r.order, range: r.range, styleNode: r.styleNode))
            pseudoNames.append(names)
            pseudoOrigin.append(ri)
        }
        guard !pseudoRules.isEmpty else { return mask }
        let index = RuleIndex(pseudoRules)
        struct Candidate {
            var pseudo: String
            var group: Int
            var key: UInt64
            var declaration: Int
            var rule: Int
        }
        var candidates: [Candidate] = []
        var seen = Set<Int64>()  // (rule, selector) pairs already tried for this element
        for id in nodes.indices where nodes[id].kind == .element {
            candidates.removeAll(keepingCapacity: true)
            index.forEachMatch(pseudoRules, element: id, name: nodes[id].name, matcher: matcher, seen: &seen) { ref, sel in
                let rule = pseudoRules[Int(ref.rule)]
                let pseudo = pseudoNames[Int(ref.rule)][Int(ref.selector)]
                for di in rule.declarations where groupOf[di] >= 0 && (decls[di].isUnderstood || decls[di].loadsURL) {
                    let level = decls[di].important ? Level.authorImportant : Level.authorNormal
                    candidates.append(Candidate(pseudo: pseudo, group: Int(groupOf[di]),
                                                key: CascadeEntry.key(level: level, specificity: sel.specificity, order: di),
                                                declaration: di, rule: Int(ref.rule)))
                }
            }
            guard !candidates.isEmpty else { continue }
            for a in actives {
                var best: [String: Candidate] = [:]
                for c in candidates {
                    if !a[pseudoOrigin[c.rule]] { continue }
                    let k = "\(c.pseudo)|\(c.group)"
                    if let b = best[k], b.key > c.key { continue }
                    best[k] = c
                }
                for c in best.values { mask[c.declaration] = true }
            }
        }
        return mask
    }
}
