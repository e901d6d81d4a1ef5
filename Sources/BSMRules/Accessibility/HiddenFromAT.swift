import BSMDocument
import BSMEngine

/// Whether an element or one of its ancestors is hidden from assistive technology
/// (`aria-hidden="true"`, `hidden`, `display:none`/`visibility:hidden`; see
/// `AccessibleNameResolver.isHidden`), memoised so deep trees stay linear. When the cascade was
/// computed, it alone answers for CSS, as axe-core sees it: an element it hides at every
/// reference width (`display:none` from a `<style>` class, as on a preheader) is hidden, one it
/// shows is not (an inline `display:none` that a `<style>` rule overrides with `!important` —
/// the mobile-only block — or a `visibility: visible` child of a `visibility: hidden` box).
struct HiddenFromAT: Sendable {
    var memo: [NodeID: Bool] = [:]

    mutating func isHidden(_ id: NodeID, in context: RuleContext) -> Bool {
        let cascade = !context.styles.isEmpty
        // `area` never renders a box (the image that uses its map does): only its own markup counts.
        if context.document[id].name != "area", !context.isRendered(id) { return true }
        return isHidden(id, in: context.document, inlineCSS: !cascade)
    }

    /// `inlineCSS`: read `display`/`visibility` from `style` attributes (no cascade was computed).
    mutating func isHidden(_ id: NodeID, in doc: Document, inlineCSS: Bool = true) -> Bool {
        var path: [NodeID] = []
        var cur: NodeID? = id
        var result = false
        while let c = cur {
            if let known = memo[c] {
                result = known
                break
            }
            if doc[c].kind == .element, AccessibleNameResolver.isHidden(doc[c], inlineCSS: inlineCSS) {
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
