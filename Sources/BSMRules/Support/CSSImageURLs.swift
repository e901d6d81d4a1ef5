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

    /// URLs of image-loading declarations that apply to some element (or are inline).
    static func references(_ engine: StyleEngine) -> [Reference] {
        let decls = engine.allDeclarations
        var applied: [Bool]?  // built on the first image declaration
        var out: [Reference] = []
        for i in decls.indices where imageProperties.contains(decls[i].property) {
            if applied == nil { applied = engine.appliedDeclarationMask() }
            guard let applied, applied[i] else { continue }
            for u in urls(in: decls[i].tokens) { out.append(Reference(declaration: decls[i], url: u)) }
        }
        return out
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
