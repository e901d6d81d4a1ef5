import BSMDocument

/// Per-element facts the selector matcher needs, computed once per document.
struct ElementFacts: Sendable {
    /// Parent element (-1 when the parent is the document node or missing).
    var parentElement: Int32 = -1
    var previousElementSibling: Int32 = -1
    /// 1-based positions among element siblings, from the start and end (positions among
    /// same-name siblings are computed on demand: few selectors ask for them).
    var index: Int32 = 1
    var indexFromEnd: Int32 = 1
    var isEmpty = true
    var id: String?
    var classes: [String] = []
}

/// A 128-bit Bloom filter of names (element names, ids, classes): no false negatives.
struct NameBloom: Sendable, Equatable {
    var lo: UInt64 = 0
    var hi: UInt64 = 0

    static func bit(_ s: String) -> NameBloom {
        var h: UInt64 = 0xcbf29ce484222325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100000001b3
        }
        let k = (h ^ (h >> 29)) & 127
        return k < 64 ? NameBloom(lo: 1 << k, hi: 0) : NameBloom(lo: 0, hi: 1 << (k - 64))
    }

    mutating func formUnion(_ o: NameBloom) {
        lo |= o.lo
        hi |= o.hi
    }

    /// True when every bit of `o` is set here.
    func contains(_ o: NameBloom) -> Bool { o.lo & ~lo == 0 && o.hi & ~hi == 0 }

    /// Names an ancestor must carry for `s` to match: the element names, ids and classes of the
    /// compounds joined to the subject by child/descendant combinators (each of those compounds
    /// must match an ancestor). Stops at the first sibling combinator.
    static func ancestorRequirements(_ s: ComplexSelector) -> NameBloom {
        var need = NameBloom()
        var k = 1
        while k < s.compounds.count, k - 1 < s.combinators.count {
            switch s.combinators[k - 1] {
            case .child, .descendant: break
            case .nextSibling, .subsequentSibling: return need
            }
            let c = s.compounds[k]
            if let t = c.typeName { need.formUnion(bit(t)) }
            for x in c.simple {
                switch x {
                case .id(let v), .className(let v): need.formUnion(bit(v))
                default: break
                }
            }
            k += 1
        }
        return need
    }
}

/// Selector matching against a `Document`, right to left, with a step budget that bounds
/// pathological backtracking.
///
/// Browsers put the rows written straight inside a `<table>` into a `<tbody>` they create;
/// libxml2 leaves them in the table. Selectors see the browsers' tree: each run of `tr`
/// children of a `table` gets an implied `tbody` element (no attributes, index `nodes.count`
/// and up in `facts`), so `table > tbody > tr` matches such rows and `table > tr` does not, and
/// the rows' positions (`:first-child`, `+`) count among the rows of their `tbody`.
///
/// A class (immutable): the cascade asks it about every candidate selector of every element, and
/// a struct of a document and four tables was copied — each reference retained and released —
/// into each of those calls.
final class SelectorMatcher: Sendable {
    let document: Document
    /// Per node, then per implied `tbody` (from `document.nodes.count` on).
    let facts: [ElementFacts]
    /// Per element: names, ids and classes of its ancestor elements (the `parentElement` chain).
    let ancestors: [NameBloom]
    /// The number of nodes: facts at or above it are implied `tbody` elements.
    let nodeCount: Int
    /// For tables with implied bodies: each body's (implied or written) position among the
    /// table's bodies, from the start and from the end (`tbody:first-of-type`).
    let bodyTypePositions: [Int32: (Int32, Int32)]
    static let budget = 200_000

    init(document: Document) {
        self.document = document
        nodeCount = document.nodes.count
        var facts = [ElementFacts](repeating: ElementFacts(), count: document.nodes.count)
        var bodyPositions: [Int32: (Int32, Int32)] = [:]
        let nodes = document.nodes
        for p in nodes.indices {
            let children = nodes[p].children
            if nodes[p].kind == .element {
                var empty = true
                for c in children where nodes[c].kind == .element || nodes[c].kind == .text {
                    empty = false
                    break
                }
                facts[p].isEmpty = empty
                // The first `id` and the first `class` count, in whichever order they are written.
                var sawClass = false
                for a in nodes[p].attributes {
                    if a.name == "id", facts[p].id == nil { facts[p].id = a.value }
                    if a.name == "class", !sawClass {
                        sawClass = true
                        facts[p].classes = Node.classNames(in: a.value)
                    }
                }
            }
            var prev: Int32 = -1
            var k: Int32 = 0
            var count: Int32 = 0
            for c in children where nodes[c].kind == .element { count += 1 }
            guard count > 0 else { continue }
            let parentElement: Int32 = nodes[p].kind == .element ? Int32(p) : -1
            for c in children where nodes[c].kind == .element {
                facts[c].parentElement = parentElement
                facts[c].previousElementSibling = prev
                facts[c].index = k + 1
                facts[c].indexFromEnd = count - k
                prev = Int32(c)
                k += 1
            }
            if parentElement >= 0, nodes[p].name == "table" {
                SelectorMatcher.addImpliedBodies(table: p, nodes: nodes, facts: &facts, bodyPositions: &bodyPositions)
            }
        }
        self.facts = facts
        self.bodyTypePositions = bodyPositions
        // Parents precede children in the node table (an implied `tbody` is filled in when its
        // first row comes), so one forward pass fills the filters.
        var own = [NameBloom](repeating: NameBloom(), count: facts.count)
        var ancestors = [NameBloom](repeating: NameBloom(), count: facts.count)
        let tbody = NameBloom.bit("tbody")
        for e in nodes.indices where nodes[e].kind == .element {
            var b = NameBloom.bit(nodes[e].name)
            if let id = facts[e].id { b.formUnion(NameBloom.bit(id)) }
            for c in facts[e].classes { b.formUnion(NameBloom.bit(c)) }
            own[e] = b
            let p = Int(facts[e].parentElement)
            if p >= nodes.count, own[p] != tbody {
                own[p] = tbody
                let t = Int(facts[p].parentElement)
                var a = ancestors[t]
                a.formUnion(own[t])
                ancestors[p] = a
            }
            if p >= 0 {
                var a = ancestors[p]
                a.formUnion(own[p])
                ancestors[e] = a
            }
        }
        self.ancestors = ancestors
    }

    /// Gives each run of `tr` children of `table` an implied `tbody` (appended to `facts`): the
    /// rows' parent; the rows' positions count among the rows of the run, and the table's
    /// other children count the body as one element.
    static func addImpliedBodies(table p: Int, nodes: [Node], facts: inout [ElementFacts],
                                 bodyPositions: inout [Int32: (Int32, Int32)]) {
        let children = nodes[p].children
        guard children.contains(where: { nodes[$0].kind == .element && nodes[$0].name == "tr" }) else { return }
        // The table's element children as browsers build them: other elements, and bodies.
        var items: [Int32] = []
        var run: [NodeID] = []
        func closeRun() {
            guard !run.isEmpty else { return }
            let v = Int32(facts.count)
            var body = ElementFacts()
            body.parentElement = Int32(p)
            body.isEmpty = false
            facts.append(body)
            for (k, r) in run.enumerated() {
                facts[r].parentElement = v
                facts[r].previousElementSibling = k == 0 ? -1 : Int32(run[k - 1])
                facts[r].index = Int32(k + 1)
                facts[r].indexFromEnd = Int32(run.count - k)
            }
            items.append(v)
            run = []
        }
        for c in children where nodes[c].kind == .element {
            // Text and comments between rows stay inside the body.
            if nodes[c].name == "tr" { run.append(c) } else { closeRun(); items.append(Int32(c)) }
        }
        closeRun()
        for (k, x) in items.enumerated() {
            facts[Int(x)].previousElementSibling = k == 0 ? -1 : items[k - 1]
            facts[Int(x)].index = Int32(k + 1)
            facts[Int(x)].indexFromEnd = Int32(items.count - k)
        }
        let bodies = items.filter { Int($0) >= nodes.count || nodes[Int($0)].name == "tbody" }
        for (k, b) in bodies.enumerated() { bodyPositions[b] = (Int32(k + 1), Int32(bodies.count - k)) }
    }

    /// The element name, `tbody` for an implied one.
    @inline(__always) func name(_ e: Int) -> String { e < nodeCount ? document.nodes[e].name : "tbody" }

    /// False when `s` (whose `ancestorRequirements` are `need`) certainly does not match `e`.
    @inline(__always) func mayMatch(_ need: NameBloom, _ e: Int) -> Bool { ancestors[e].contains(need) }

    /// True when the selector matches the element.
    func matches(_ s: ComplexSelector, _ e: Int) -> Bool {
        var steps = 0
        return match(s, 0, e, &steps)
    }

    private func match(_ s: ComplexSelector, _ k: Int, _ e: Int, _ steps: inout Int) -> Bool {
        steps += 1
        if steps > SelectorMatcher.budget { return false }
        guard matchCompound(s, k, e, &steps) else { return false }
        return matchLeft(s, k, e, &steps)
    }

    /// With compound `k` matched at `e`: whether the compounds left of it match through their combinators.
    private func matchLeft(_ s: ComplexSelector, _ k: Int, _ e: Int, _ steps: inout Int) -> Bool {
        if k + 1 == s.compounds.count { return true }
        switch s.combinators[k] {
        case .child:
            let p = Int(facts[e].parentElement)
            return p >= 0 && match(s, k + 1, p, &steps)
        case .descendant:
            var p = Int(facts[e].parentElement)
            // Only descendant combinators further left (`.a div p`): the closest ancestor that
            // matches the next compound is the only one worth trying, since any farther one has
            // fewer ancestors left for the rest. Otherwise (`.a > div p`), backtrack.
            var greedy = true
            for c in s.combinators[(k + 1)...] where c != .descendant {
                greedy = false
                break
            }
            while p >= 0 {
                if greedy {
                    steps += 1
                    if matchCompound(s, k + 1, p, &steps) { return matchLeft(s, k + 1, p, &steps) }
                } else if match(s, k + 1, p, &steps) {
                    return true
                }
                if steps > SelectorMatcher.budget { return false }
                p = Int(facts[p].parentElement)
            }
            return false
        case .nextSibling:
            let p = Int(facts[e].previousElementSibling)
            return p >= 0 && match(s, k + 1, p, &steps)
        case .subsequentSibling:
            var p = Int(facts[e].previousElementSibling)
            while p >= 0 {
                if match(s, k + 1, p, &steps) { return true }
                if steps > SelectorMatcher.budget { return false }
                p = Int(facts[p].previousElementSibling)
            }
            return false
        }
    }

    /// Compound `k` of `s`, read in place (a copy of the compound per candidate element — its
    /// strings and array retained and released — cost more than the test).
    private func matchCompound(_ s: ComplexSelector, _ k: Int, _ e: Int, _ steps: inout Int) -> Bool {
        s.compounds.withUnsafeBufferPointer { buf in
            guard k < buf.count, let base = buf.baseAddress else { return false }
            return matchCompound(base + k, e, &steps)
        }
    }

    private func matchCompound(_ c: UnsafePointer<CompoundSelector>, _ e: Int, _ steps: inout Int) -> Bool {
        if c.pointee.pseudoElement != nil { return false }
        if let t = c.pointee.typeName {
            if e < nodeCount {
                if t != document.nodes[e].name { return false }
            } else if t != "tbody" {
                return false
            }
        }
        for x in c.pointee.simple {
            switch x {
            case .id(let v):
                if facts[e].id != v { return false }
            case .className(let v):
                if !facts[e].classes.contains(v) { return false }
            case .attribute(let a):
                if !matchAttribute(a, e) { return false }
            case .pseudoClass(let p):
                if !matchPseudo(p, e) { return false }
            case .not(let list):
                for s in list {
                    if s.hasPseudoElement { continue }
                    if match(s, 0, e, &steps) { return false }
                }
            }
        }
        return true
    }

    private func matchAttribute(_ a: AttributeSelector, _ e: Int) -> Bool {
        guard e < nodeCount, let value = document.attribute(of: e, a.name) else { return false }
        if a.op == .exists { return true }
        let v = a.caseInsensitive ? value.lowercasedFast() : value
        let w = a.caseInsensitive ? a.value.lowercasedFast() : a.value
        switch a.op {
        case .exists: return true
        case .equals: return v == w
        case .includes:
            guard !w.isEmpty, !w.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) else { return false }
            // Split like a class list (ASCII white space, CR and LF apart): `[class~=x]` and `.x` agree.
            return Node.classNames(in: v).contains(w)
        case .dashMatch: return v == w || v.hasPrefix(w + "-")
        case .prefix: return !w.isEmpty && v.hasPrefix(w)
        case .suffix: return !w.isEmpty && v.hasSuffix(w)
        case .substring: return !w.isEmpty && v.contains(w)
        }
    }

    /// 1-based position of an element among its same-name element siblings.
    private func typeIndex(_ e: Int, fromEnd: Bool) -> Int32 {
        let nodes = document.nodes
        // A body of a table with implied bodies (implied or written): among the table's bodies.
        if let pos = bodyTypePositions[Int32(e)] { return fromEnd ? pos.1 : pos.0 }
        // A row in an implied body: positions among the rows of the body.
        if e >= nodeCount { return 1 }
        if Int(facts[e].parentElement) >= nodeCount { return fromEnd ? facts[e].indexFromEnd : facts[e].index }
        guard let p = nodes[e].parent else { return 1 }
        var pos: Int32 = 1
        var seen = false
        if fromEnd {
            for c in nodes[p].children.reversed() {
                if c == e { seen = true; break }
                if nodes[c].kind == .element, nodes[c].name == nodes[e].name { pos += 1 }
            }
        } else {
            for c in nodes[p].children {
                if c == e { seen = true; break }
                if nodes[c].kind == .element, nodes[c].name == nodes[e].name { pos += 1 }
            }
        }
        return seen ? pos : 1
    }

    static func nthMatches(_ a: Int, _ b: Int, _ p: Int) -> Bool {
        if a == 0 { return p == b }
        let d = p - b
        return d % a == 0 && d / a >= 0
    }

    private func matchPseudo(_ p: PseudoClass, _ e: Int) -> Bool {
        let f = facts[e]
        switch p {
        case .nth(let kind, let a, let b):
            let pos: Int32
            switch kind {
            case .child: pos = f.index
            case .lastChild: pos = f.indexFromEnd
            case .ofType: pos = typeIndex(e, fromEnd: false)
            case .lastOfType: pos = typeIndex(e, fromEnd: true)
            }
            return SelectorMatcher.nthMatches(a, b, Int(pos))
        case .onlyChild: return f.index == 1 && f.indexFromEnd == 1
        case .onlyOfType: return typeIndex(e, fromEnd: false) == 1 && typeIndex(e, fromEnd: true) == 1
        case .empty: return f.isEmpty
        case .root: return e < nodeCount && f.parentElement < 0 && document.nodes[e].parent == Document.rootID
        case .link:
            guard e < nodeCount else { return false }
            let n = document.nodes[e].name
            return (n == "a" || n == "area" || n == "link") && document.nodes[e].hasAttribute("href")
        case .lang(let range):
            // The closest `lang` (or `xml:lang`) on the element or an ancestor decides; an empty
            // one means "unknown" and matches no range.
            var cur = e
            while cur >= 0 {
                if cur >= nodeCount { cur = Int(facts[cur].parentElement); continue }
                if let v = document.attribute(of: cur, "lang") ?? document.attribute(of: cur, "xml:lang") {
                    let tag = v.trimmingASCIISpaces().lowercasedFast()
                    return tag == range || (tag.hasPrefix(range) && tag.utf8.dropFirst(range.utf8.count).first == UInt8(ascii: "-"))
                }
                cur = Int(facts[cur].parentElement)
            }
            return false
        case .never: return false
        }
    }
}
