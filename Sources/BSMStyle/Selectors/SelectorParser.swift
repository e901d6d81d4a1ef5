/// Parses Selectors Level 3 (+ `:not()` with selector lists) from CSS tokens. Returns nil for an
/// invalid selector list (the rule is then dropped, per spec).
public enum SelectorParser {
    /// `:not()` nesting limit.
    static let maxNesting = 16
    /// Compound limit per complex selector (longer selectors are treated as invalid).
    static let maxCompounds = 256

    /// Parses a selector list from CSS text.
    public static func parse(_ text: String) -> [ComplexSelector]? {
        let toks = CSSTokenizer.tokenize(text)
        return parseList(toks[...])
    }

    static func parseList(_ tokens: ArraySlice<CSSToken>, depth: Int = 0) -> [ComplexSelector]? {
        guard depth <= maxNesting else { return nil }
        var result: [ComplexSelector] = []
        var start = tokens.startIndex
        var nest = 0
        var i = tokens.startIndex
        while i <= tokens.endIndex {
            if i == tokens.endIndex || (tokens[i].kind == .comma && nest == 0) {
                guard let c = parseComplex(tokens[start..<i], depth: depth) else { return nil }
                result.append(c)
                start = i + 1
                if i == tokens.endIndex { break }
            } else {
                switch tokens[i].kind {
                case .function, .leftParen, .leftBracket, .leftBrace: nest += 1
                case .rightParen, .rightBracket, .rightBrace: nest -= 1
                default: break
                }
            }
            i += 1
        }
        return result.isEmpty ? nil : result
    }

    static func parseComplex(_ t: ArraySlice<CSSToken>, depth: Int) -> ComplexSelector? {
        var compounds: [CompoundSelector] = []  // left to right while parsing
        var combinators: [Combinator] = []
        var pending: Combinator?
        var sawSpace = false
        var i = t.startIndex
        while i < t.endIndex {
            let tok = t[i]
            if tok.kind == .whitespace {
                sawSpace = true
                i += 1
                continue
            }
            if tok.kind == .delim, tok.value == ">" || tok.value == "+" || tok.value == "~" {
                guard !compounds.isEmpty, pending == nil else { return nil }
                pending = tok.value == ">" ? .child : (tok.value == "+" ? .nextSibling : .subsequentSibling)
                sawSpace = false
                i += 1
                continue
            }
            if !compounds.isEmpty {
                if let p = pending {
                    combinators.append(p)
                } else if sawSpace {
                    combinators.append(.descendant)
                } else {
                    return nil
                }
                // A pseudo-element must be last.
                if compounds[compounds.count - 1].pseudoElement != nil { return nil }
            }
            pending = nil
            sawSpace = false
            guard let c = parseCompound(t, &i, depth: depth) else { return nil }
            compounds.append(c)
            if compounds.count > maxCompounds { return nil }
        }
        guard !compounds.isEmpty, pending == nil else { return nil }
        var spec = Specificity.zero
        for c in compounds { spec = spec + specificity(of: c) }
        return ComplexSelector(compounds: compounds.reversed(), combinators: combinators.reversed(), specificity: spec)
    }

    static func specificity(of c: CompoundSelector) -> Specificity {
        var s = Specificity(0, 0, c.typeName != nil ? 1 : 0)
        if c.pseudoElement != nil { s.c += 1 }
        for x in c.simple {
            switch x {
            case .id: s.a += 1
            case .className, .attribute, .pseudoClass: s.b += 1
            case .not(let list):
                let m = list.map(\.specificity).max() ?? .zero
                s = s + m
            }
        }
        return s
    }

    static let neverPseudo: Set<String> = [
        "hover", "focus", "active", "visited", "target", "focus-within", "focus-visible", "checked",
        "disabled", "enabled", "indeterminate", "default", "valid", "invalid", "in-range", "out-of-range",
        "required", "optional", "read-only", "read-write", "placeholder-shown", "autofill", "-webkit-autofill",
        "target-within", "playing", "paused", "fullscreen", "modal", "user-invalid", "user-valid",
    ]
    static let legacyPseudoElements: Set<String> = ["before", "after", "first-line", "first-letter"]

    static func parseCompound(_ t: ArraySlice<CSSToken>, _ i: inout Int, depth: Int) -> CompoundSelector? {
        var c = CompoundSelector(typeName: nil, simple: [], pseudoElement: nil)
        var any = false
        // Type or universal, with an optional namespace prefix.
        if i < t.endIndex {
            let tok = t[i]
            var name: String?
            var isType = false
            if tok.kind == .ident {
                name = tok.value.lowercasedFast(); isType = true
            } else if tok.isDelim("*") {
                isType = true
            } else if tok.isDelim("|") {
                isType = true  // `|E`: no namespace; handled below
            }
            if isType {
                if !tok.isDelim("|") { i += 1 }
                if i < t.endIndex, t[i].isDelim("|"), i + 1 < t.endIndex {
                    let n = t[i + 1]
                    if n.kind == .ident {
                        name = n.value.lowercasedFast(); i += 2
                    } else if n.isDelim("*") {
                        name = nil; i += 2
                    } else {
                        return nil
                    }
                } else if tok.isDelim("|") {
                    return nil
                }
                c.typeName = name
                any = true
            }
        }
        while i < t.endIndex {
            let tok = t[i]
            switch tok.kind {
            case .hash:
                guard tok.isIDHash, c.pseudoElement == nil else { return nil }
                c.simple.append(.id(tok.value))
                i += 1
            case .delim where tok.value == ".":
                guard i + 1 < t.endIndex, t[i + 1].kind == .ident, c.pseudoElement == nil else { return nil }
                c.simple.append(.className(t[i + 1].value))
                i += 2
            case .leftBracket:
                guard let a = parseAttribute(t, &i), c.pseudoElement == nil else { return nil }
                c.simple.append(.attribute(a))
            case .colon:
                i += 1
                guard i < t.endIndex else { return nil }
                if t[i].kind == .colon {
                    // Pseudo-element.
                    i += 1
                    guard i < t.endIndex, c.pseudoElement == nil else { return nil }
                    if t[i].kind == .ident {
                        c.pseudoElement = t[i].value.lowercasedFast()
                        i += 1
                    } else if t[i].kind == .function {
                        c.pseudoElement = t[i].value.lowercasedFast()
                        guard skipFunction(t, &i) else { return nil }
                    } else {
                        return nil
                    }
                } else if t[i].kind == .ident {
                    let name = t[i].value.lowercasedFast()
                    i += 1
                    if legacyPseudoElements.contains(name) {
                        guard c.pseudoElement == nil else { return nil }
                        c.pseudoElement = name
                        continue
                    }
                    guard c.pseudoElement == nil || neverPseudo.contains(name) else { return nil }
                    switch name {
                    case "first-child": c.simple.append(.pseudoClass(.nth(.child, a: 0, b: 1)))
                    case "last-child": c.simple.append(.pseudoClass(.nth(.lastChild, a: 0, b: 1)))
                    case "first-of-type": c.simple.append(.pseudoClass(.nth(.ofType, a: 0, b: 1)))
                    case "last-of-type": c.simple.append(.pseudoClass(.nth(.lastOfType, a: 0, b: 1)))
                    case "only-child": c.simple.append(.pseudoClass(.onlyChild))
                    case "only-of-type": c.simple.append(.pseudoClass(.onlyOfType))
                    case "empty": c.simple.append(.pseudoClass(.empty))
                    case "root": c.simple.append(.pseudoClass(.root))
                    case "link", "any-link": c.simple.append(.pseudoClass(.link))
                    default:
                        guard neverPseudo.contains(name) else { return nil }
                        c.simple.append(.pseudoClass(.never(name)))
                    }
                } else if t[i].kind == .function {
                    let name = t[i].value.lowercasedFast()
                    let open = i
                    guard skipFunction(t, &i) else { return nil }
                    let args = t[(open + 1)..<(i - 1)]
                    guard c.pseudoElement == nil else { return nil }
                    switch name {
                    case "not":
                        guard let list = parseList(trim(args), depth: depth + 1) else { return nil }
                        c.simple.append(.not(list))
                    case "lang":
                        let arg = trim(args)
                        guard arg.count == 1, let tok = arg.first, tok.kind == .ident || tok.kind == .string,
                              !tok.value.isEmpty else { return nil }
                        c.simple.append(.pseudoClass(.lang(tok.value.lowercasedFast())))
                    case "nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type":
                        guard let (a, b) = parseNth(args) else { return nil }
                        let kind: NthKind = name == "nth-child" ? .child : name == "nth-last-child" ? .lastChild
                            : name == "nth-of-type" ? .ofType : .lastOfType
                        c.simple.append(.pseudoClass(.nth(kind, a: a, b: b)))
                    default:
                        return nil
                    }
                } else {
                    return nil
                }
            default:
                guard any || !c.simple.isEmpty || c.pseudoElement != nil else { return nil }
                return c
            }
            any = true
        }
        return any ? c : nil
    }

    static func trim(_ s: ArraySlice<CSSToken>) -> ArraySlice<CSSToken> {
        var a = s.startIndex, b = s.endIndex
        while a < b, s[a].kind == .whitespace { a += 1 }
        while b > a, s[b - 1].kind == .whitespace { b -= 1 }
        return s[a..<b]
    }

    /// Moves `i` past a function token and its arguments (to just after the `)`).
    static func skipFunction(_ t: ArraySlice<CSSToken>, _ i: inout Int) -> Bool {
        var depth = 0
        while i < t.endIndex {
            switch t[i].kind {
            case .function, .leftParen, .leftBracket: depth += 1
            case .rightParen, .rightBracket:
                depth -= 1
                if depth == 0 {
                    i += 1
                    return true
                }
            default: break
            }
            i += 1
        }
        return false
    }

    static func parseAttribute(_ t: ArraySlice<CSSToken>, _ i: inout Int) -> AttributeSelector? {
        var j = i + 1
        func skipWS() { while j < t.endIndex, t[j].kind == .whitespace { j += 1 } }
        skipWS()
        guard j < t.endIndex else { return nil }
        var name: String
        if t[j].kind == .ident {
            name = t[j].value.lowercasedFast(); j += 1
        } else if t[j].isDelim("*") {
            name = ""; j += 1
        } else if t[j].isDelim("|") {
            name = ""
        } else {
            return nil
        }
        // Namespace prefix `ns|attr`, `*|attr`, `|attr` (but not the `|=` operator).
        if j + 1 < t.endIndex, t[j].isDelim("|"), t[j + 1].kind == .ident {
            name = t[j + 1].value.lowercasedFast(); j += 2
        }
        guard !name.isEmpty else { return nil }
        skipWS()
        guard j < t.endIndex else { return nil }
        if t[j].kind == .rightBracket {
            i = j + 1
            return AttributeSelector(name: name, op: .exists, value: "", caseInsensitive: false)
        }
        var op: AttributeOperator
        if t[j].isDelim("=") {
            op = .equals; j += 1
        } else if t[j].kind == .delim, j + 1 < t.endIndex, t[j + 1].isDelim("=") {
            switch t[j].value {
            case "~": op = .includes
            case "|": op = .dashMatch
            case "^": op = .prefix
            case "$": op = .suffix
            case "*": op = .substring
            default: return nil
            }
            j += 2
        } else {
            return nil
        }
        skipWS()
        guard j < t.endIndex, t[j].kind == .ident || t[j].kind == .string else { return nil }
        let value = t[j].value
        j += 1
        skipWS()
        var ci = false
        if j < t.endIndex, t[j].kind == .ident {
            let f = t[j].value.lowercasedFast()
            guard f == "i" || f == "s" else { return nil }
            ci = f == "i"
            j += 1
            skipWS()
        }
        guard j < t.endIndex, t[j].kind == .rightBracket else { return nil }
        i = j + 1
        return AttributeSelector(name: name, op: op, value: value, caseInsensitive: ci)
    }

    /// Parses an `An+B` argument.
    static func parseNth(_ args: ArraySlice<CSSToken>) -> (Int, Int)? {
        var s = ""
        for t in args {
            switch t.kind {
            case .whitespace: continue
            case .ident: s += t.value.lowercasedFast()
            case .delim: s += t.value
            case .number:
                guard t.isInteger else { return nil }
                let v = CSSToken.clampInt(t.number)
                if s.hasSuffix("+") || s.hasSuffix("-") { s += String(abs(v)) } else { s += v >= 0 && !s.isEmpty ? "+\(v)" : "\(v)" }
            case .dimension:
                guard t.isInteger else { return nil }
                s += String(CSSToken.clampInt(t.number)) + t.unit.lowercasedFast()
            default: return nil
            }
        }
        if s == "odd" { return (2, 1) }
        if s == "even" { return (2, 0) }
        if let n = s.firstIndex(of: "n") {
            let before = s[s.startIndex..<n]
            let after = s[s.index(after: n)...]
            let a: Int
            switch before {
            case "", "+": a = 1
            case "-": a = -1
            default:
                guard let v = Int(before) else { return nil }
                a = v
            }
            if after.isEmpty { return (a, 0) }
            guard after.first == "+" || after.first == "-", after.count > 1,
                  let b = Int(after.first == "+" ? after.dropFirst() : after) else { return nil }
            return (a, b)
        }
        guard let b = Int(s.hasPrefix("+") ? String(s.dropFirst()) : s) else { return nil }
        return (0, b)
    }
}
