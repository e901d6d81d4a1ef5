import BSMDocument
import BSMEngine

/// Whether an element or one of its ancestors is hidden from assistive technology
/// (`aria-hidden="true"`, `hidden`, inline `display:none`/`visibility:hidden`; see
/// `AccessibleNameResolver.isHidden`), memoised so deep trees stay linear. When the cascade was
/// computed, an element the cascade hides at every reference width (`display:none` from a
/// `<style>` class, as on a preheader) is hidden too, as axe-core sees it.
struct HiddenFromAT: Sendable {
    var memo: [NodeID: Bool] = [:]

    mutating func isHidden(_ id: NodeID, in context: RuleContext) -> Bool {
        // `area` never renders a box (the image that uses its map does): only its own markup counts.
        if context.document[id].name != "area", !context.isRendered(id) { return true }
        return isHidden(id, in: context.document)
    }

    mutating func isHidden(_ id: NodeID, in doc: Document) -> Bool {
        var path: [NodeID] = []
        var cur: NodeID? = id
        var result = false
        while let c = cur {
            if let known = memo[c] {
                result = known
                break
            }
            if doc[c].kind == .element, AccessibleNameResolver.isHidden(doc[c]) {
                result = true
                path.append(c)
                break
            }
            path.append(c)
            cur = doc[c].parent
        }
        // Every node on the path shares the answer of the first hidden or known node above it.
        for p in path { memo[p] = result }
        return result
    }
}
