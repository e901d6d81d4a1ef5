import BSMDocument
import Foundation
import BSMStyle

/// Where a computed value came from, in the terms a finding needs: the source range to report at
/// and a short evidence text (shared by the measuring rules).
enum StyleSources {
    struct Source {
        /// The declaration (author CSS) or the start tag of the element that carries the value.
        let range: SourceRange
        /// `padding-left: 25%`, `width="100%"`, `<h1> default`, …
        let text: String
        /// The element the value was set on (the element itself or the ancestor it was inherited from).
        let element: NodeID
        /// True when `range` is an author CSS declaration.
        let isDeclaration: Bool
        /// True for author CSS and presentational attributes.
        let isAuthor: Bool
    }

    /// The source of `property` on element `id` at one width.
    static func source(of id: NodeID, _ property: StyleProperty, in styled: StyledDocument) -> Source {
        let doc = styled.document
        let o = styled.origin(of: id, for: property)
        let owner = o.inheritedFrom ?? id
        switch o.origin {
        case .stylesheet(let i, let r, _), .inlineStyle(let i, let r):
            let d = styled.declaration(i)
            let text = "\(d.property): \(d.value.trimmingASCIIWhitespace())\(d.important ? " !important" : "")"
            return Source(range: r, text: text, element: owner, isDeclaration: true, isAuthor: true)
        case .presentational(let attr, let el, _):
            let e = el >= 0 && el < doc.count ? el : owner
            let v = doc[e].attribute(attr) ?? ""
            return Source(range: doc[e].range, text: "\(attr)=\"\(v)\"", element: e, isDeclaration: false, isAuthor: true)
        case .userAgent:
            return Source(range: doc[owner].range, text: "<\(doc[owner].name)> default", element: owner,
                          isDeclaration: false, isAuthor: false)
        case .initial:
            return Source(range: doc[owner].range, text: "<\(doc[owner].name)>", element: owner,
                          isDeclaration: false, isAuthor: false)
        }
    }

    /// A length for evidence: integers without decimals, else up to two decimals.
    static func px(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        // Integers only within Int's range: CSS can say `width: 1e300px` (found by fuzzing).
        if r == r.rounded(), abs(r) < 1e15 { return String(Int(r)) }
        guard r.isFinite, abs(r) < 1e15 else { return String(format: "%g", r) }
        var s = String(format: "%.2f", r)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }

    /// A percentage for messages (one decimal when needed).
    static func percent(_ part: Double, of whole: Double) -> String {
        guard whole > 0 else { return "?" }
        let p = (part / whole * 1000).rounded() / 10
        guard p.isFinite, abs(p) < 1e15 else { return String(format: "%g", p) }
        return p == p.rounded() ? String(Int(p)) : String(format: "%.1f", p)
    }
}
