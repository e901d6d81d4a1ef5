import BSMDocument
import BSMEngine
import BSMStyle
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    /// evaluated there, in the light or the dark colour scheme: readers in dark mode load the
    /// images of `@media (prefers-color-scheme: dark)`). Inline declarations take part like any other.
    static func references(_ engine: StyleEngine, widths: [Double]) -> [Reference] {
        let decls = engine.allDeclarations
        var applied: [Bool]?  // built on the first image declaration
        var out: [Reference] = []
        // A `url()` needs a parenthesis: most declarations (sizes, colours) have none, and the
        // test costs less than hashing the property name.
        for i in decls.indices where ASCII.contains(decls[i].value, byte: 0x28) && imageProperties.contains(decls[i].property) {
            if applied == nil { applied = engine.winningDeclarationMask(groups: imageGroups, widths: widths, schemes: [.light, .dark]) }
            guard let applied, applied[i] else { continue }
            for u in urls(in: decls[i].tokens) { out.append(Reference(declaration: decls[i], url: u)) }
        }
        return out
    }

    /// References grouped by declaration, in order (a declaration's URLs are consecutive): rules
    /// report once per declaration, however many `url()`s it holds.
    static func byDeclaration(_ refs: [Reference]) -> [(declaration: Declaration, urls: [String])] {
        var out: [(declaration: Declaration, urls: [String])] = []
        for r in refs {
            if let last = out.last, last.declaration.decodedRange == r.declaration.decodedRange {
                out[out.count - 1].urls.append(r.url)
            } else {
                out.append((r.declaration, [r.url]))
            }
        }
        return out
    }

    /// `references` of the context's style engine at its reference widths, computed once per
    /// document for every rule that asks (`gif-image`, `insecure-image`).
    static func shared(_ engine: StyleEngine, _ context: RuleContext) -> [Reference] {
        context.derived.value("CSSImageURLs.references") { references(engine, widths: context.referenceWidths) }
    }

    /// False when no author CSS of the document (`<style>` text, `style` attributes) could load an
    /// image insecurely: no `url(` argument starts with `http:` (any case) or `//` (quotes,
    /// whitespace and character references before it skipped; CSS allows no comment there), and
    /// no `image-set(` appears. Lets a rule skip the cascade for the many templates without such
    /// CSS (an `http:` in a comment or a `//` elsewhere no longer builds it). (A URL or scheme spelt with CSS escapes,
    /// `ht\74p:`, is not looked for: no mail template writes one.)
    static func mayHaveInsecureURLs(_ doc: Document) -> Bool {
        doc.source.utf8.withUnsafeBufferPointer { p in
            let n = p.count
            @inline(__always) func lower(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }
            func suspicious(_ lo: Int, _ hi: Int) -> Bool {
                guard let base = p.baseAddress else { return false }
                var i = max(0, lo)
                let end = min(hi, n)
                // Each `(` (few in CSS): is it `url(` or `image-set(`?
                while i < end, let hit = memchr(base + i, 0x28, end - i) {
                    let k = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    i = k + 1
                    if k - 3 >= lo, lower(p[k - 3]) == 0x75, lower(p[k - 2]) == 0x72, lower(p[k - 1]) == 0x6C {  // "url("
                        var j = k + 1
                        while j < end {
                            let c = p[j]
                            if ASCII.isHTMLSpace(c) || c == 0x22 || c == 0x27 {
                                j += 1
                            } else if c == 0x26 {  // &quot; &#39; … in an attribute
                                var e = j + 1
                                while e < end, e - j < 10, p[e] != 0x3B { e += 1 }
                                guard e < end, p[e] == 0x3B else { break }
                                j = e + 1
                            } else {
                                break
                            }
                        }
                        if j + 1 < end, p[j] == 0x2F, p[j + 1] == 0x2F { return true }
                        if j + 4 < end, lower(p[j]) == 0x68, lower(p[j + 1]) == 0x74, lower(p[j + 2]) == 0x74,
                           lower(p[j + 3]) == 0x70, p[j + 4] == 0x3A { return true }
                    } else if k - 9 >= lo, lower(p[k - 9]) == 0x69, lower(p[k - 8]) == 0x6D, lower(p[k - 7]) == 0x61,
                              lower(p[k - 6]) == 0x67, lower(p[k - 5]) == 0x65, p[k - 4] == 0x2D, lower(p[k - 3]) == 0x73,
                              lower(p[k - 2]) == 0x65, lower(p[k - 1]) == 0x74 {  // "image-set("
                        return true
                    }
                }
                return false
            }
            for node in doc.nodes {
                if node.kind == .rawText {
                    if let parent = node.parent, doc.nodes[parent].name == "style", suspicious(node.decodedStart, node.decodedEnd) { return true }
                } else if node.kind == .element, !node.attributes.isEmpty, let a = node.attributeNode("style") {
                    if let span = a.valueSpan {
                        if suspicious(span.lowerBound, span.upperBound) { return true }
                    } else if a.value.contains("//") || a.value.lowercased().contains("http:") {  // no source span: be safe
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
