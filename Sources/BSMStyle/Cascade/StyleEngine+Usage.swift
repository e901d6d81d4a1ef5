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
}
