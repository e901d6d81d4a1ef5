import BSMDocument

/// CSS Syntax Level 3 parser: stylesheets (qualified rules, at-rules) and declaration lists,
/// with the spec's error recovery. Works on a flat token array plus a table of matching
/// brackets, so nesting never recurses (only `@media` nests, bounded by `maxMediaDepth`).
struct CSSParser {
    static let maxMediaDepth = 16

    let bytes: [UInt8]
    let tokens: [CSSToken]
    /// For an opening token (function, `(`, `[`, `{`): index of its matching closer, or
    /// `tokens.count` when unclosed.
    let close: [Int]
    /// Buffer offset → decoded document offset (nil: identity).
    let mapOffset: [Int]?
    let source: SourceText

    init(bytes: [UInt8], range: Range<Int>, mapOffset: [Int]?, source: SourceText) {
        self.bytes = bytes
        self.tokens = CSSTokenizer.tokenize(bytes, range: range)
        self.mapOffset = mapOffset
        self.source = source
        self.close = CSSParser.matchBrackets(tokens)
    }

    static func matchBrackets(_ tokens: [CSSToken]) -> [Int] {
        var close = [Int](repeating: -1, count: tokens.count)
        var stack: [Int] = []
        for (i, t) in tokens.enumerated() {
            switch t.kind {
            case .function, .leftParen, .leftBracket, .leftBrace:
                stack.append(i)
            case .rightParen, .rightBracket, .rightBrace:
                guard let top = stack.last else { continue }
                let open = tokens[top].kind
                let ok = (t.kind == .rightParen && (open == .function || open == .leftParen))
                    || (t.kind == .rightBracket && open == .leftBracket)
                    || (t.kind == .rightBrace && open == .leftBrace)
                if ok {
                    close[top] = i
                    stack.removeLast()
                }
            default:
                continue
            }
        }
        for i in stack { close[i] = tokens.count }
        return close
    }

    @inline(__always) func docOffset(_ o: Int) -> Int {
        guard let m = mapOffset else { return o }
        return m[max(0, min(o, m.count - 1))]
    }

    /// Index just past the component value starting at `i` (skips whole blocks/functions).
    @inline(__always) func skipComponent(_ i: Int) -> Int {
        let c = close[i]
        return c >= 0 ? c + 1 : i + 1
    }

    func text(_ lo: Int, _ hi: Int) -> String {
        guard lo < hi else { return "" }
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }

    /// Trims whitespace tokens from both ends of `lo..<hi`.
    func trimmed(_ lo: Int, _ hi: Int) -> Range<Int> {
        var a = lo, b = hi
        while a < b, tokens[a].kind == .whitespace { a += 1 }
        while b > a, tokens[b - 1].kind == .whitespace { b -= 1 }
        return a..<b
    }

    // MARK: - Entry points

    static func parseStylesheet(bytes: [UInt8], range: Range<Int>, mapOffset: [Int]?, source: SourceText,
                                resolver: inout PositionResolver, styleNode: NodeID?, media: [MediaQueryList] = [],
                                into sheet: inout Stylesheet) {
        let p = CSSParser(bytes: bytes, range: range, mapOffset: mapOffset, source: source)
        p.consumeRuleList(0, p.tokens.count, topLevel: true, media: media, depth: 0, styleNode: styleNode,
                          resolver: &resolver, sheet: &sheet)
    }

    static func parseDeclarationList(bytes: [UInt8], range: Range<Int>, mapOffset: [Int]?, source: SourceText,
                                     resolver: inout PositionResolver, context: DeclarationContext,
                                     into sheet: inout Stylesheet) {
        let p = CSSParser(bytes: bytes, range: range, mapOffset: mapOffset, source: source)
        p.consumeDeclarations(0, p.tokens.count, context: context, resolver: &resolver, sheet: &sheet)
    }

    // MARK: - Rules

    func consumeRuleList(_ lo: Int, _ hi: Int, topLevel: Bool, media: [MediaQueryList], depth: Int,
                         styleNode: NodeID?, resolver: inout PositionResolver, sheet: inout Stylesheet) {
        var i = lo
        while i < hi {
            switch tokens[i].kind {
            case .whitespace:
                i += 1
            case .cdo where topLevel, .cdc where topLevel:
                // CSS Syntax 3 ("consume a list of rules"): `<!--` and `-->` are skipped at the
                // top level of a sheet; inside a block they start a qualified rule.
                i += 1
            case .atKeyword:
                i = consumeAtRule(i, hi, media: media, depth: depth, styleNode: styleNode, resolver: &resolver, sheet: &sheet)
            default:
                i = consumeQualifiedRule(i, hi, media: media, styleNode: styleNode, resolver: &resolver, sheet: &sheet)
            }
        }
    }

    /// Returns the index after the at-rule.
    func consumeAtRule(_ start: Int, _ hi: Int, media: [MediaQueryList], depth: Int, styleNode: NodeID?,
                       resolver: inout PositionResolver, sheet: inout Stylesheet) -> Int {
        let name = tokens[start].value.lowercasedFast()
        var j = start + 1
        var blockStart = -1
        while j < hi {
            let k = tokens[j].kind
            if k == .semicolon { break }
            if k == .leftBrace {
                blockStart = j
                break
            }
            j = skipComponent(j)
        }
        let preludeEnd = min(j, hi)
        let blockEnd = blockStart >= 0 ? min(close[blockStart], hi) : preludeEnd
        let next = min(hi, blockEnd + 1)
        let endOffset: Int = {
            if blockStart >= 0 { return blockEnd < tokens.count ? tokens[blockEnd].end : tokens[max(start, min(hi, tokens.count) - 1)].end }
            return preludeEnd < tokens.count && preludeEnd < hi ? tokens[preludeEnd].end : tokens[max(start, preludeEnd - 1)].end
        }()
        // Positions are resolved in increasing order (cheap for the resolver): start now, end after
        // the block's contents.
        let startPos = resolver.position(docOffset(tokens[start].start))
        func range(_ resolver: inout PositionResolver) -> SourceRange {
            SourceRange(start: startPos, end: resolver.position(docOffset(endOffset)))
        }
        let decoded = docOffset(tokens[start].start)..<max(docOffset(tokens[start].start), docOffset(endOffset))
        switch name {
        case "media":
            guard blockStart >= 0 else { return next }
            let prelude = trimmed(start + 1, preludeEnd)
            let mq = MediaQueryList.parse(Array(tokens[prelude]), text: text(prelude.isEmpty ? 0 : tokens[prelude.lowerBound].start,
                                                                           prelude.isEmpty ? 0 : tokens[prelude.upperBound - 1].end))
            if depth < CSSParser.maxMediaDepth {
                consumeRuleList(blockStart + 1, blockEnd, topLevel: false, media: media + [mq], depth: depth + 1,
                                styleNode: styleNode, resolver: &resolver, sheet: &sheet)
            }
        case "supports":
            // Feature queries are taken to hold in the clients that render the message (they
            // test features every current client has), so their rules apply; `not …` and a
            // malformed condition (`@supports -ko-blockdefs`, a template language's block, not
            // CSS) do not.
            guard blockStart >= 0 else { return next }
            let prelude = trimmed(start + 1, preludeEnd)
            guard let first = prelude.first.map({ tokens[$0] }), first.kind == .leftParen || first.kind == .function else { return next }
            if depth < CSSParser.maxMediaDepth {
                consumeRuleList(blockStart + 1, blockEnd, topLevel: false, media: media, depth: depth + 1,
                                styleNode: styleNode, resolver: &resolver, sheet: &sheet)
            }
        case "font-face":
            guard blockStart >= 0 else { return next }
            let index = sheet.fontFaces.count
            let first = sheet.declarations.count
            consumeDeclarations(blockStart + 1, blockEnd, context: .fontFace(index: index, styleNode: styleNode),
                                resolver: &resolver, sheet: &sheet)
            sheet.fontFaces.append(FontFaceRule(range: range(&resolver), declarations: first..<sheet.declarations.count,
                                                media: media, styleNode: styleNode, decodedRange: decoded))
        case "import":
            let prelude = trimmed(start + 1, preludeEnd)
            guard !prelude.isEmpty else { return next }
            var url: String?
            var k = prelude.lowerBound
            let t = tokens[k]
            if t.kind == .url || t.kind == .string {
                url = t.value
                k += 1
            } else if t.kind == .function, t.value.lowercasedFast() == "url" {
                let inner = trimmed(k + 1, min(close[k], prelude.upperBound))
                if inner.count == 1, tokens[inner.lowerBound].kind == .string { url = tokens[inner.lowerBound].value }
                k = skipComponent(k)
            }
            if let url {
                let rest = trimmed(min(k, prelude.upperBound), prelude.upperBound)
                let mediaText = rest.isEmpty ? "" : text(tokens[rest.lowerBound].start, tokens[rest.upperBound - 1].end)
                sheet.imports.append(ImportRule(url: url, mediaText: mediaText, range: range(&resolver), styleNode: styleNode,
                                                decodedRange: decoded))
            }
        default:
            break
        }
        return next
    }

    /// Returns the index after the rule.
    func consumeQualifiedRule(_ start: Int, _ hi: Int, media: [MediaQueryList], styleNode: NodeID?,
                              resolver: inout PositionResolver, sheet: inout Stylesheet) -> Int {
        var j = start
        while j < hi, tokens[j].kind != .leftBrace { j = skipComponent(j) }
        guard j < hi else { return hi }  // EOF in prelude: parse error, rule dropped
        let blockEnd = min(close[j], hi)
        let prelude = trimmed(start, j)
        guard !prelude.isEmpty else {
            sheet.droppedRules += 1
            return min(hi, blockEnd + 1)
        }
        let selectorText = text(tokens[prelude.lowerBound].start, tokens[prelude.upperBound - 1].end)
        guard let selectors = SelectorParser.parseList(tokens[prelude]) else {
            sheet.droppedRules += 1
            return min(hi, blockEnd + 1)
        }
        let ruleIndex = sheet.rules.count
        let first = sheet.declarations.count
        let startOff = docOffset(tokens[prelude.lowerBound].start)
        let startPos = resolver.position(startOff)
        consumeDeclarations(j + 1, blockEnd, context: .styleRule(rule: ruleIndex, styleNode: styleNode),
                            resolver: &resolver, sheet: &sheet)
        let endOff = docOffset(blockEnd < tokens.count ? tokens[blockEnd].end : tokens[tokens.count - 1].end)
        let range = SourceRange(start: startPos, end: resolver.position(endOff))
        sheet.rules.append(StyleRule(selectorText: selectorText, selectors: selectors,
                                     declarations: first..<sheet.declarations.count, media: media,
                                     order: ruleIndex, range: range, styleNode: styleNode,
                                     decodedRange: startOff..<max(startOff, endOff)))
        return min(hi, blockEnd + 1)
    }

    // MARK: - Declarations

    func consumeDeclarations(_ lo: Int, _ hi: Int, context: DeclarationContext, resolver: inout PositionResolver,
                             sheet: inout Stylesheet) {
        var i = lo
        while i < hi {
            let k = tokens[i].kind
            if k == .whitespace || k == .semicolon {
                i += 1
                continue
            }
            var j = i
            while j < hi, tokens[j].kind != .semicolon { j = skipComponent(j) }
            j = min(j, hi)
            if k == .ident {
                if let d = makeDeclaration(i, j, context: context, resolver: &resolver) { sheet.declarations.append(d) }
            }
            // at-rules and junk: skipped up to the next top-level semicolon
            i = j + 1
        }
    }

    func makeDeclaration(_ lo: Int, _ hi: Int, context: DeclarationContext, resolver: inout PositionResolver) -> Declaration? {
        let nameTok = tokens[lo]
        var k = lo + 1
        while k < hi, tokens[k].kind == .whitespace { k += 1 }
        guard k < hi, tokens[k].kind == .colon else { return nil }
        var value = trimmed(k + 1, hi)
        let all = trimmed(lo, hi)
        var important = false
        if value.count >= 2, tokens[value.upperBound - 1].kind == .ident,
           tokens[value.upperBound - 1].value.lowercasedFast() == "important" {
            var b = value.upperBound - 2
            while b > value.lowerBound, tokens[b].kind == .whitespace { b -= 1 }
            if tokens[b].isDelim("!") {
                important = true
                value = trimmed(value.lowerBound, b)
            }
        }
        let name = nameTok.value.hasPrefix("--") ? nameTok.value : nameTok.value.lowercasedFast()
        let valueText = value.isEmpty ? "" : text(tokens[value.lowerBound].start, tokens[value.upperBound - 1].end)
        var toks = Array(tokens[value])
        if mapOffset != nil {
            for t in toks.indices {
                toks[t].start = docOffset(toks[t].start)
                toks[t].end = docOffset(toks[t].end)
            }
        }
        let s = docOffset(nameTok.start)
        let e = docOffset(tokens[all.upperBound - 1].end)
        let range = SourceRange(start: resolver.position(s), end: resolver.position(e))
        let longhands = Longhands.expand(property: name, tokens: toks)
        return Declaration(property: name, value: valueText, tokens: toks, important: important, range: range,
                           decodedRange: s..<max(s, e), context: context, longhands: longhands)
    }
}
