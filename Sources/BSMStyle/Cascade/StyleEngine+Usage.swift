import BSMDocument

extension StyleEngine {
    /// Indices (into `allDeclarations`) of author declarations that apply to at least one
    /// element at some width: inline declarations, and declarations of rules whose selectors
    /// matched an element. A rule that matches nothing loads nothing.
    public func appliedDeclarationIndices() -> Set<Int> {
        var out = Set<Int>()
        for e in entries where e.source == .author { out.insert(Int(e.index)) }
        for (i, d) in stylesheet.declarations.enumerated() {
            if case .inlineStyle = d.context { out.insert(i) }
        }
        return out
    }
}
