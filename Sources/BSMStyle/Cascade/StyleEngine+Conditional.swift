import BSMDocument

/// An author declaration that decides a property only while the reader interacts with the
/// message (`a:hover`, `a:visited`, `input:focus`) or for a box generated in or for an element
/// (`p::first-letter`, `.note::before`). A static rendering never applies it, so the cascade
/// leaves it out; it still restyles text the reader sees.
public struct ConditionalDeclaration: Sendable, Hashable {
    /// Index into `StyleEngine.allDeclarations`.
    public let declaration: Int
    /// The element in the state, or the element whose pseudo-element box the declaration styles.
    public let element: NodeID
    /// The user-action pseudo-classes assumed to hold (`["hover"]`), in selector order.
    public let states: [String]
    /// `before`, `after`, `first-line` or `first-letter`; nil when the element itself is styled.
    public let pseudoElement: String?
    /// For `::before`/`::after`: the box shows text (its winning `content` holds a non-blank
    /// string, `counter()`, `counters()`, `attr()` or a quote).
    public let generatesText: Bool
    /// The reference widths at which the declaration applies (its `@media` holds) and wins.
    public internal(set) var widths: [Double]
    /// The asked-for properties it sets and wins (a `font` shorthand may win the size and lose
    /// the family), in `StyleProperty` order.
    public internal(set) var properties: [StyleProperty]

    /// The condition as written in CSS: `:hover`, `::first-letter`, `:hover::before`.
    public var condition: String { ConditionalDeclaration.condition(states: states, pseudoElement: pseudoElement) }

    static func condition(states: [String], pseudoElement: String?) -> String {
        states.map { ":" + $0 }.joined() + (pseudoElement.map { "::" + $0 } ?? "")
    }
}

extension StyleEngine {
    /// User-action pseudo-classes: states a reader brings about (pointing at a link, focusing a
    /// field, a visited link, the target of a fragment link).
    public static let userActionStates = Set(userActionStateOrder)

    /// The same states in a fixed order: a state's bit in `stateMask` is its index.
    static let userActionStateOrder = ["hover", "focus", "active", "visited", "focus-within", "focus-visible", "target"]

    /// The user-action states as bits (by `userActionStateOrder`), for sets of states.
    static let stateBits: [String: UInt8] = Dictionary(uniqueKeysWithValues: userActionStateOrder.enumerated().map { ($1, UInt8(1) << $0) })
    static let stateMaskCount = 1 << userActionStateOrder.count

    static func stateMask(_ states: [String]) -> UInt8 {
        var m: UInt8 = 0
        for s in states { m |= stateBits[s] ?? 0 }
        return m
    }

    /// Pseudo-elements whose boxes hold text of the element (`::first-line`, `::first-letter`) or
    /// text generated for it (`::before`, `::after`).
    static let textPseudoElements: Set<String> = ["before", "after", "first-line", "first-letter"]

    /// Author declarations of `properties` that apply only in a user-action state of an element
    /// or to one of its text pseudo-elements, and win there, at each of `widths`.
    ///
    /// Competition follows the cascade: in a state, the element's own declarations take part
    /// (`<a style="color:red">` beats `a:hover { color: blue }`), and so do the other rules for
    /// the same state; a pseudo-element's rules compete only with the rules for the same
    /// pseudo-element of the same element. A rule's `@media` conditions must hold at the width.
    /// Rules whose selectors have no such condition are the cascade's and are not listed.
    ///
    /// Meant for text properties: a state or a `::first-line`/`::first-letter` rule is matched
    /// only against elements holding text (not only white space) outside `<head>`/`<style>`;
    /// `::before`/`::after` rules, whose boxes show text of their own, against every element.
    ///
    /// Work: nothing unless some rule has a user-action state or a text pseudo-element; then one
    /// selector match per element and candidate rule.
    public func conditionalDeclarations(properties: Set<StyleProperty>, widths: [Double]) -> [ConditionalDeclaration] {
        let decls = stylesheet.declarations
        let rules = stylesheet.rules
        var wanted: UInt64 = 0  // `properties` as bits (StyleProperty has fewer than 64 cases)
        for p in properties { wanted |= 1 << UInt64(p.rawValue) }
        func setsProperty(_ di: Int) -> Bool { decls[di].longhands.contains { wanted & (1 << UInt64($0.property.rawValue)) != 0 } }
        /// A selector that can only apply in a state or to a pseudo-element (cheap test first).
        func isConditional(_ s: ComplexSelector) -> Bool {
            s.compounds.contains { c in
                c.pseudoElement != nil || c.simple.contains { x in
                    if case .pseudoClass(.never(let n)) = x { return StyleEngine.userActionStates.contains(n) }
                    return false
                }
            }
        }

        // The conditional selectors, with their conditions taken out, as rules of their own.
        struct Form { var states: [String]; var pseudo: String?; var condition: String }
        // Two sets: `::before`/`::after` (they show text of their own) and the rest (they restyle
        // the element's text, so only elements holding text are matched against them).
        struct SyntheticRules {
            var rules: [StyleRule] = []
            var forms: [[Form]] = []
            var origin: [Int] = []
        }
        var generated = SyntheticRules(), inText = SyntheticRules()
        for (ri, r) in rules.enumerated() where r.selectors.contains(where: isConditional) {
            let hasProperty = r.declarations.contains(where: setsProperty)
            let hasContent = r.declarations.contains { decls[$0].property == "content" }
            guard hasProperty || hasContent else { continue }
            var selectors: [[ComplexSelector]] = [[], []]  // generated, inText
            var fs: [[Form]] = [[], []]
            for s in r.selectors {
                guard let f = s.removingConditions(states: StyleEngine.userActionStates) else { continue }
                if let pe = f.pseudoElement {
                    guard StyleEngine.textPseudoElements.contains(pe) else { continue }
                    guard hasProperty || pe == "before" || pe == "after" else { continue }
                } else {
                    guard !f.states.isEmpty, hasProperty else { continue }
                }
                let condition = ConditionalDeclaration.condition(states: f.states, pseudoElement: f.pseudoElement)
                let k = f.pseudoElement == "before" || f.pseudoElement == "after" ? 0 : 1
                selectors[k].append(f.selector)
                fs[k].append(Form(states: f.states, pseudo: f.pseudoElement, condition: condition))
            }
            for k in 0..<2 where !selectors[k].isEmpty {
                let rule = StyleRule(selectorText: r.selectorText, selectors: selectors[k], declarations: r.declarations,
                                     media: r.media, order: r.order, range: r.range, styleNode: r.styleNode)
                if k == 0 {
                    generated.rules.append(rule); generated.forms.append(fs[k]); generated.origin.append(ri)
                } else {
                    inText.rules.append(rule); inText.forms.append(fs[k]); inText.origin.append(ri)
                }
            }
        }
        guard !generated.rules.isEmpty || !inText.rules.isEmpty else { return [] }

        // Widths grouped by which rules' `@media` hold.
        var groups: [(active: [Bool], widths: [Double])] = []
        for w in widths.isEmpty ? [600] : widths {
            var a = [Bool](repeating: true, count: rules.count)
            for r in rules.indices where !rules[r].media.isEmpty { a[r] = rules[r].media.allSatisfy { $0.matches(width: w) } }
            if let k = groups.firstIndex(where: { $0.active == a }) { groups[k].widths.append(w) } else { groups.append((a, [w])) }
        }

        struct Candidate {
            var form: Form
            var property: StyleProperty
            var key: UInt64
            var declaration: Int
            var rule: Int  // index into `rules`
        }
        struct Content {
            var states: [String]
            var pseudo: String?
            var key: UInt64
            var rule: Int
            var text: Bool
        }
        struct Slot: Hashable {  // what competes: one property in one condition
            var condition: String
            var property: StyleProperty
        }
        struct Found: Hashable {
            var declaration: Int
            var element: NodeID
            var condition: String
        }
        let generatedIndex = RuleIndex(generated.rules), inTextIndex = RuleIndex(inText.rules)
        let nodes = document.nodes
        // Elements with text below them (not only white space), outside head/script/style.
        var holdsText = [Bool](repeating: false, count: inText.rules.isEmpty ? 0 : nodes.count)
        if !inText.rules.isEmpty {
            for id in nodes.indices.reversed() {
                if nodes[id].kind == .text, nodes[id].flags.isDisjoint(with: .notContent), !nodes[id].isBlankText {
                    holdsText[id] = true
                }
                if holdsText[id], let p = nodes[id].parent { holdsText[p] = true }
            }
        }
        var out: [ConditionalDeclaration] = []
        var outIndex: [Found: Int] = [:]
        var candidates: [Candidate] = []
        var contents: [Content] = []
        var seen = Set<Int64>()
        for id in nodes.indices where nodes[id].kind == .element {
            candidates.removeAll(keepingCapacity: true)
            contents.removeAll(keepingCapacity: true)
            func take(_ set: SyntheticRules, _ ref: RuleIndex.Ref, _ sel: ComplexSelector) {
                let rule = set.rules[Int(ref.rule)]
                let form = set.forms[Int(ref.rule)][Int(ref.selector)]
                let origin = set.origin[Int(ref.rule)]
                for di in rule.declarations {
                    let level = decls[di].important ? Level.authorImportant : Level.authorNormal
                    let key = CascadeEntry.key(level: level, specificity: sel.specificity, order: di)
                    if decls[di].property == "content", form.pseudo == "before" || form.pseudo == "after" {
                        contents.append(Content(states: form.states, pseudo: form.pseudo, key: key, rule: origin,
                                                text: StyleEngine.contentGeneratesText(decls[di])))
                    }
                    for l in decls[di].longhands where wanted & (1 << UInt64(l.property.rawValue)) != 0 {
                        candidates.append(Candidate(form: form, property: l.property, key: key, declaration: di, rule: origin))
                    }
                }
            }
            if !generated.rules.isEmpty {
                generatedIndex.forEachMatch(generated.rules, element: id, name: nodes[id].name, matcher: matcher, seen: &seen) {
                    take(generated, $0, $1)
                }
            }
            if !inText.rules.isEmpty, holdsText[id] {
                inTextIndex.forEachMatch(inText.rules, element: id, name: nodes[id].name, matcher: matcher, seen: &seen) {
                    take(inText, $0, $1)
                }
            }
            guard !candidates.isEmpty else { continue }
            for g in groups {
                // The element's own winning keys, which a state's declarations must beat.
                var ownKey: [StyleProperty: UInt64] = [:]
                if candidates.contains(where: { $0.form.pseudo == nil }) {
                    for ei in Int(entryStart[id])..<Int(entryStart[id + 1]) {
                        let e = entries[ei]
                        guard e.source == .author else { continue }
                        if e.mediaRule >= 0, !(Int(e.mediaRule) < g.active.count && g.active[Int(e.mediaRule)]) { continue }
                        for l in decls[Int(e.index)].longhands where wanted & (1 << UInt64(l.property.rawValue)) != 0 {
                            ownKey[l.property] = max(ownKey[l.property] ?? 0, e.key)
                        }
                    }
                }
                var best: [Slot: Candidate] = [:]
                for c in candidates where g.active[c.rule] {
                    let k = Slot(condition: c.form.condition, property: c.property)
                    if let b = best[k], b.key > c.key { continue }
                    best[k] = c
                }
                // A pseudo-element's `content` in a condition: the winner among the rules for the
                // same pseudo-element whose states all hold (`::before` still applies on `:hover`).
                // The best `content` per pseudo-element and set of states (a bit mask of the
                // user-action states, order aside), built once; a lookup takes the best over the
                // subsets of the form's states (at most 2^7). Linear in the rules, however many
                // state combinations a sheet writes.
                var bestContent: [String: [Content?]] = [:]
                for c in contents where g.active[c.rule] {
                    guard let pe = c.pseudo else { continue }
                    let m = Int(StyleEngine.stateMask(c.states))
                    var slots = bestContent[pe] ?? [Content?](repeating: nil, count: StyleEngine.stateMaskCount)
                    if let b = slots[m], b.key > c.key { continue }
                    slots[m] = c
                    bestContent[pe] = slots
                }
                func generatesText(_ f: Form) -> Bool {
                    guard let pe = f.pseudo, let slots = bestContent[pe] else { return false }
                    let m = Int(StyleEngine.stateMask(f.states))
                    var winner: Content?
                    var sub = m
                    while true {  // every subset of m, m itself first, down to the empty set
                        if let c = slots[sub], winner.map({ c.key > $0.key }) ?? true { winner = c }
                        if sub == 0 { break }
                        sub = (sub - 1) & m
                    }
                    return winner?.text ?? false
                }
                for c in best.values.sorted(by: { $0.declaration < $1.declaration }) {
                    if c.form.pseudo == nil, let own = ownKey[c.property], own > c.key { continue }
                    let k = Found(declaration: c.declaration, element: id, condition: c.form.condition)
                    if let i = outIndex[k] {
                        if !out[i].widths.contains(g.widths[0]) { out[i].widths += g.widths }
                        if !out[i].properties.contains(c.property) { out[i].properties.append(c.property) }
                        continue
                    }
                    outIndex[k] = out.count
                    out.append(ConditionalDeclaration(declaration: c.declaration, element: id, states: c.form.states,
                                                      pseudoElement: c.form.pseudo,
                                                      generatesText: generatesText(c.form),
                                                      widths: g.widths, properties: [c.property]))
                }
            }
        }
        for i in out.indices {
            out[i].widths.sort { a, b in (widths.firstIndex(of: a) ?? 0) < (widths.firstIndex(of: b) ?? 0) }
            out[i].properties.sort { $0.rawValue < $1.rawValue }
        }
        return out
    }

    /// True when a `content` value shows text: a string with a non-blank character, `counter()`,
    /// `counters()`, `attr()`, or an opening or closing quote.
    static func contentGeneratesText(_ d: Declaration) -> Bool {
        for t in d.tokens {
            switch t.kind {
            case .string:
                if t.value.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) { return true }
            case .function:
                let n = t.value.lowercasedFast()
                if n == "counter" || n == "counters" || n == "attr" { return true }
            case .ident:
                let n = t.value.lowercasedFast()
                if n == "open-quote" || n == "close-quote" { return true }
            default:
                break
            }
        }
        return false
    }
}

extension StyledDocument {
    /// The font size in px of a box inside `element` (a `::first-letter`, a `::before`) whose
    /// winning `font-size` value is `value`, computed from the element's size as the cascade
    /// computes a child's; nil when it cannot be known (`calc()`, a placeholder, an unknown parent).
    public func fontSizePx(_ value: CSSValue, inside element: NodeID) -> Double? {
        let parent = style(of: element)
        var s = parent
        switch value {
        case .keyword(let k) where k == "inherit" || k == "unset" || k == "revert" || k == "revert-layer":
            break
        case .keyword("initial"):
            return FontSizes.initial
        default:
            var borderNone = Sides(true), borderWidth = Sides(0.0)
            var computer = StyleComputer(width: width)
            let nodes = document.nodes
            if let root = nodes[Document.rootID].children.first(where: { nodes[$0].kind == .element }),
               style(of: root).fontSizeKnown {
                computer.rootFontSize = style(of: root).fontSizePx
            }
            computer.apply(.fontSize, value, &s, parent, &borderNone, &borderWidth)
        }
        return s.fontSizeKnown && s.fontSizePx > 0 ? s.fontSizePx : nil
    }
}
