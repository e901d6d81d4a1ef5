import BSMDocument
import BSMStyle

/// Image URLs in author CSS (`url()` in properties that load images), shared by the image rules.
enum CSSImageURLs {
    static let imageProperties: Set<String> = [
        "background", "background-image", "list-style", "list-style-image", "border-image", "border-image-source",
        "content", "-webkit-border-image", "mask-image", "-webkit-mask-image",
    ]

    struct Reference {
        let declaration: Declaration
        let url: String
    }

    /// Image properties grouped by the value they set: declarations of one group compete in the
    /// cascade (`background: red` after `background-image: url(…)` removes the image).
    static let imageGroups: [String: Int] = [
        "background": 0, "background-image": 0,
        "list-style": 1, "list-style-image": 1,
        "border-image": 2, "border-image-source": 2,
        "-webkit-border-image": 3,
        "content": 4,
        "mask-image": 5,
        "-webkit-mask-image": 6,
    ]

    /// URLs of image-loading declarations that are used: that win the cascade for their image
    /// property on at least one element, or on the `::before`/`::after`/`::first-line`/
    /// `::first-letter`/`::marker` box of one, at at least one reference width (`@media`
    /// evaluated there). Inline declarations take part like any other.
    static func references(_ engine: StyleEngine, widths: [Double]) -> [Reference] {
        let decls = engine.allDeclarations
        var applied: [Bool]?  // built on the first image declaration
        var out: [Reference] = []
        for i in decls.indices where imageProperties.contains(decls[i].property) {
            if applied == nil { applied = engine.winningDeclarationMask(groups: imageGroups, widths: widths) }
            guard let applied, applied[i] else { continue }
            for u in urls(in: decls[i].tokens) { out.append(Reference(declaration: decls[i], url: u)) }
        }
        return out
    }

    /// False when no author CSS of the document (`<style>` text, `style` attributes) could load an
    /// image insecurely: it holds no `http:` (any case) and no `//` other than after a scheme's
    /// colon (`https://` is fine; `//cdn…` is protocol-relative). Lets a rule skip the cascade for
    /// the many templates without such CSS. (A scheme spelt with CSS escapes, `ht\74p:`, is not
    /// looked for: no mail template writes one.)
    static func mayHaveInsecureURLs(_ doc: Document) -> Bool {
        doc.source.utf8.withUnsafeBufferPointer { p in
            let n = p.count
            func suspicious(_ lo: Int, _ hi: Int) -> Bool {
                var p3: UInt8 = 0, p2: UInt8 = 0, p1: UInt8 = 0
                var i = max(0, lo)
                let end = min(hi, n)
                while i < end {
                    let raw = p[i]
                    let b = (raw >= 0x41 && raw <= 0x5A) ? raw | 0x20 : raw
                    if b == 0x3A, p1 == 0x70, p2 == 0x74, p3 == 0x74 { return true }   // "ttp:" (http:)
                    if b == 0x2F, p1 == 0x2F, p2 != 0x3A { return true }             // "//" not after ':'
                    p3 = p2
                    p2 = p1
                    p1 = b
                    i += 1
                }
                return false
            }
            for node in doc.nodes {
                if node.kind == .rawText {
                    if let parent = node.parent, doc.nodes[parent].name == "style", suspicious(node.decodedStart, node.decodedEnd) { return true }
                } else if node.kind == .element, !node.attributes.isEmpty, let a = node.attributeNode("style") {
                    if let span = a.valueSpan {
                        if suspicious(span.lowerBound, span.upperBound) { return true }
                    } else if a.value.contains("//") || a.value.lowercased().contains("http:") {
                        return true
                    }
                }
            }
            return false
        }
    }

    /// `url(x)` and `url("x")` values in a token list.
    static func urls(in tokens: [CSSToken]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            if t.kind == .url {
                out.append(t.value.trimmingASCIIWhitespace())
            } else if t.kind == .function, t.value.lowercased() == "url" || t.value.lowercased() == "image-set" || t.value.lowercased() == "-webkit-image-set" {
                var j = i + 1
                while j < tokens.count, tokens[j].kind == .whitespace { j += 1 }
                if j < tokens.count, tokens[j].kind == .string { out.append(tokens[j].value.trimmingASCIIWhitespace()) }
            }
            i += 1
        }
        return out
    }
}
