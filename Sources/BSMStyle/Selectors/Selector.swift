/// Selector specificity `(a, b, c)`: ids, classes/attributes/pseudo-classes, types.
public struct Specificity: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var a: Int
    public var b: Int
    public var c: Int

    public init(_ a: Int, _ b: Int, _ c: Int) {
        self.a = a
        self.b = b
        self.c = c
    }

    public static let zero = Specificity(0, 0, 0)

    public static func < (l: Specificity, r: Specificity) -> Bool {
        (l.a, l.b, l.c) < (r.a, r.b, r.c)
    }

    public static func + (l: Specificity, r: Specificity) -> Specificity {
        Specificity(l.a + r.a, l.b + r.b, l.c + r.c)
    }

    /// Packed into 30 bits (each part capped at 1023) for cascade sort keys.
    var packed: UInt64 {
        (UInt64(min(a, 1023)) << 20) | (UInt64(min(b, 1023)) << 10) | UInt64(min(c, 1023))
    }

    public var description: String { "(\(a),\(b),\(c))" }
}

/// Combinator between two compound selectors.
public enum Combinator: Sendable, Hashable {
    /// whitespace
    case descendant
    /// `>`
    case child
    /// `+`
    case nextSibling
    /// `~`
    case subsequentSibling
}

/// Attribute selector operators.
public enum AttributeOperator: Sendable, Hashable {
    /// `[a]`
    case exists
    /// `[a=v]`
    case equals
    /// `[a~=v]`
    case includes
    /// `[a|=v]`
    case dashMatch
    /// `[a^=v]`
    case prefix
    /// `[a$=v]`
    case suffix
    /// `[a*=v]`
    case substring
}

/// `[name op "value" i]`.
public struct AttributeSelector: Sendable, Hashable {
    /// Lowercased attribute name.
    public let name: String
    public let op: AttributeOperator
    public let value: String
    /// The `i` flag (ASCII case-insensitive value comparison).
    public let caseInsensitive: Bool
}

/// Kind of an `:nth-*` pseudo-class.
public enum NthKind: Sendable, Hashable {
    case child, lastChild, ofType, lastOfType
}

/// Pseudo-classes understood by the matcher.
public enum PseudoClass: Sendable, Hashable {
    /// `:nth-child(an+b)` and friends; `:first-child` is `nth(.child, 0, 1)` etc.
    case nth(NthKind, a: Int, b: Int)
    case onlyChild
    case onlyOfType
    case empty
    case root
    /// `:link`, `:any-link`: `a`/`area`/`link` with `href`.
    case link
    /// `:lang(en)`: the element's language (its own or closest ancestor's `lang`/`xml:lang`) is the
    /// range or starts with it and a `-`, ASCII case-insensitively. Lowercased.
    case lang(String)
    /// User-action and other dynamic pseudo-classes (`:hover`, `:focus`, `:visited`, …): never match.
    case never(String)
}

/// A simple selector other than a type or universal selector.
public indirect enum SimpleSelector: Sendable, Hashable {
    case id(String)
    case className(String)
    case attribute(AttributeSelector)
    case pseudoClass(PseudoClass)
    /// `:not(list)`: matches when no selector of the list matches.
    case not([ComplexSelector])
}

/// A compound selector: optional type plus simple selectors.
public struct CompoundSelector: Sendable, Hashable {
    /// Lowercased element name (may contain a `:`, e.g. `o:p`); nil for `*` or no type.
    public var typeName: String?
    public var simple: [SimpleSelector]
    /// Pseudo-element (`::before`, `:first-line`); a compound with one never matches an element.
    public var pseudoElement: String?
}

/// A complex selector, stored right to left: `compounds[0]` is the subject and
/// `combinators[i]` joins `compounds[i]` to `compounds[i + 1]` (its left neighbour).
public struct ComplexSelector: Sendable, Hashable {
    public let compounds: [CompoundSelector]
    public let combinators: [Combinator]
    public let specificity: Specificity

    /// True when a pseudo-element appears: the selector never matches an element.
    public var hasPseudoElement: Bool { compounds.contains { $0.pseudoElement != nil } }
}

/// Bucket key of a selector's subject compound (for the rule index).
enum SelectorKey: Hashable {
    case id(String)
    case className(String)
    case type(String)
    case universal

    static func of(_ s: ComplexSelector) -> SelectorKey {
        guard let subject = s.compounds.first else { return .universal }
        for x in subject.simple { if case .id(let v) = x { return .id(v) } }
        for x in subject.simple { if case .className(let v) = x { return .className(v) } }
        if let t = subject.typeName { return .type(t) }
        return .universal
    }
}

extension ComplexSelector {
    /// The selector with the subject's pseudo-element and the dynamic pseudo-classes named in
    /// `states` taken out (`tr:hover td::before` → `tr td`), with what was taken out, in order.
    /// The specificity stays the original's (the removed parts hold in the state or box the
    /// caller asks about). Nil when a compound other than the subject has a pseudo-element (the
    /// parser never builds one). `:not(:hover)` is left as it is.
    func removingConditions(states: Set<String>) -> (selector: ComplexSelector, states: [String], pseudoElement: String?)? {
        guard !compounds.dropFirst().contains(where: { $0.pseudoElement != nil }) else { return nil }
        var removed: [String] = []
        var out = compounds
        for k in out.indices.reversed() {  // left to right, as written
            out[k].simple.removeAll { x in
                guard case .pseudoClass(.never(let name)) = x, states.contains(name) else { return false }
                if !removed.contains(name) { removed.append(name) }
                return true
            }
        }
        let pseudo = out.first?.pseudoElement
        if !out.isEmpty { out[0].pseudoElement = nil }
        return (ComplexSelector(compounds: out, combinators: combinators, specificity: specificity), removed, pseudo)
    }
}
