import Testing
@testable import BSMStyle

private func kinds(_ s: String) -> [CSSTokenKind] { CSSTokenizer.tokenize(s).map(\.kind) }

@Suite struct TokenizerTests {
    @Test func basicTokenKinds() {
        let toks = CSSTokenizer.tokenize("a{color:red;width:10px;w:50%;o:.5}")
        #expect(toks.map(\.kind) == [.ident, .leftBrace, .ident, .colon, .ident, .semicolon, .ident, .colon, .dimension,
                                     .semicolon, .ident, .colon, .percentage, .semicolon, .ident, .colon, .number, .rightBrace])
        #expect(toks[8].number == 10 && toks[8].unit == "px" && toks[8].isInteger)
        #expect(toks[12].number == 50)
        #expect(toks[16].number == 0.5 && !toks[16].isInteger)
    }

    @Test func punctuationAndBrackets() {
        #expect(kinds("[](),:;") == [.leftBracket, .rightBracket, .leftParen, .rightParen, .comma, .colon, .semicolon])
        #expect(kinds("<!-- -->") == [.cdo, .whitespace, .cdc])
        #expect(kinds("> + ~") == [.delim, .whitespace, .delim, .whitespace, .delim])
    }

    @Test func functionsAtKeywordsHashes() {
        let t = CSSTokenizer.tokenize("rgb(1,2,3) @media #fff #1a")
        #expect(t[0].kind == .function && t[0].value == "rgb")
        let at = t.first { $0.kind == .atKeyword }
        #expect(at?.value == "media")
        let hashes = t.filter { $0.kind == .hash }
        #expect(hashes.map(\.value) == ["fff", "1a"])
        #expect(hashes[0].isIDHash && !hashes[1].isIDHash)
    }

    @Test func stringsAndBadStrings() {
        let t = CSSTokenizer.tokenize("'a\\'b' \"x\ny")
        #expect(t[0].kind == .string && t[0].value == "a'b")
        #expect(t[2].kind == .badString && t[2].value == "x")
        // Unterminated string at EOF is still a string.
        #expect(CSSTokenizer.tokenize("'abc").first?.kind == .string)
    }

    @Test func urlsAndBadURLs() {
        let t = CSSTokenizer.tokenize("url( http://x/a.png ) url(\"q.gif\") url(a b) url(unterminated")
        #expect(t[0].kind == .url && t[0].value == "http://x/a.png")
        #expect(t[2].kind == .function && t[2].value == "url" && t[3].kind == .string)
        let bad = t.filter { $0.kind == .badURL }
        #expect(bad.count == 1)
        #expect(t.last?.kind == .url && t.last?.value == "unterminated")
    }

    @Test func escapes() {
        let t = CSSTokenizer.tokenize("o\\:p \\31 0 \\41x")
        #expect(t[0].kind == .ident && t[0].value == "o:p")
        #expect(t[2].kind == .ident && t[2].value == "10")
        #expect(t[4].value == "Ax")
    }

    @Test func numbersSignsExponents() {
        let t = CSSTokenizer.tokenize("-1.5em +2 1e3 -.5")
        #expect(t[0].kind == .dimension && t[0].number == -1.5 && t[0].unit == "em")
        #expect(t[2].kind == .number && t[2].number == 2)
        #expect(t[4].number == 1000 && !t[4].isInteger)
        #expect(t[6].number == -0.5)
        #expect(kinds("-webkit-box")[0] == .ident)
        #expect(kinds("--x")[0] == .ident)
    }

    @Test func commentsAreSkippedOrKept() {
        #expect(kinds("a/* c */b") == [.ident, .ident])
        #expect(CSSTokenizer.tokenize("a/* c */b", keepComments: true).map(\.kind) == [.ident, .comment, .ident])
        #expect(kinds("a /* unterminated") == [.ident, .whitespace])
    }

    @Test func offsetsAreByteOffsets() {
        let t = CSSTokenizer.tokenize("é{x:y}")
        #expect(t[0].start == 0 && t[0].end == 2)
        #expect(t[1].start == 2)
    }

    @Test func delimForLoneCharacters() {
        let t = CSSTokenizer.tokenize("! * .")
        #expect(t.filter { $0.kind == .delim }.map(\.value) == ["!", "*", "."])
    }
}

@Suite struct ParserTests {
    @Test func rulesAndDeclarations() throws {
        let s = Stylesheet.parse("p, .a { color: red !important; margin: 0 auto }\n#x{font-size:12px}")
        #expect(s.rules.count == 2)
        let r = s.rules[0]
        #expect(r.selectorText == "p, .a")
        #expect(r.selectors.count == 2)
        let d = s.declarations[r.declarations.lowerBound]
        #expect(d.property == "color" && d.value == "red" && d.important)
        #expect(d.range.start.column == 9)
        #expect(d.range.end.column == 30)
        let m = s.declarations[r.declarations.lowerBound + 1]
        #expect(m.value == "0 auto" && !m.important)
        #expect(m.longhands.count == 4)
        #expect(s.rules[1].range.start.line == 2)
    }

    @Test func errorRecovery() {
        // Bad declaration skipped, the next one kept; junk rule with bad selector dropped.
        let s = Stylesheet.parse("a { color: ; 12: x; width: 5px } a..b { x: y } b { color: blue } c{color:red")
        let props = s.declarations.map(\.property)
        #expect(props.contains("width"))
        #expect(!props.contains("12"))
        #expect(s.rules.contains { $0.selectorText == "c" })
        #expect(s.droppedRules >= 1)
        // Per spec an unclosed `[` in a prelude swallows the rest of the sheet.
        #expect(Stylesheet.parse("a[ { x: y } b { color: blue }").rules.isEmpty)
        // `<!--` / `-->` are skipped at the top level only; inside a block they start a rule that
        // is dropped (CSS Syntax 3, "consume a list of rules").
        #expect(Stylesheet.parse("<!-- p { color: red } -->").rules.map(\.selectorText) == ["p"])
        #expect(Stylesheet.parse("@media screen { <!-- p { color: red } b { color: blue } }").rules.map(\.selectorText) == ["b"])
    }

    @Test func unknownAtRulesSkippedSafely() {
        // `@charset` and `@keyframes` are skipped; an `@supports` block's rules apply (CascadeTests).
        let s = Stylesheet.parse("@charset 'x'; @keyframes k { from { color: red } } @supports (display:grid) { a { color: red } } p { color: blue }")
        #expect(s.rules.map(\.selectorText) == ["a", "p"])
        #expect(Stylesheet.parse("@font-feature-values x { @styleset { nice: 12 } } p { color: blue }").rules.map(\.selectorText) == ["p"])
    }

    @Test func fontFaceAndImport() {
        let s = Stylesheet.parse("@import url(\"http://f.example/a.css\") screen; @import 'b.css';\n@font-face { font-family: X; src: url(http://f/x.woff) }")
        #expect(s.imports.map(\.url) == ["http://f.example/a.css", "b.css"])
        #expect(s.imports[0].mediaText == "screen")
        #expect(s.fontFaces.count == 1)
        let ff = s.fontFaces[0]
        #expect(ff.range.start.line == 2)
        #expect(s.declarations[ff.declarations].map(\.property) == ["font-family", "src"])
        #expect(s.declarations[ff.declarations.lowerBound + 1].tokens.contains { $0.kind == .url && $0.value == "http://f/x.woff" })
    }

    @Test func mediaRulesCarryConditions() {
        let s = Stylesheet.parse("@media screen and (max-width: 480px) { .m { width: 100% } @media (min-width: 400px) { .n { x: y } } } @media print { .p { color: red } }")
        #expect(s.rules.count == 3)
        #expect(s.rules[0].media.count == 1)
        #expect(s.rules[1].media.count == 2)
        #expect(s.rules[0].media[0].matches(width: 375))
        #expect(!s.rules[0].media[0].matches(width: 600))
        #expect(!s.rules[2].media[0].matches(width: 600))
    }

    @Test func mediaQueryForms() {
        func mq(_ s: String) -> MediaQueryList {
            MediaQueryList.parse(CSSTokenizer.tokenize(s), text: s)
        }
        #expect(mq("only screen and (max-width: 600px)").matches(width: 600))
        #expect(!mq("only screen and (max-width: 599px)").matches(width: 600))
        #expect(mq("all and (min-width: 30em)").matches(width: 600))
        #expect(!mq("all and (min-width: 30em)").matches(width: 375))
        #expect(mq("not print").matches(width: 600))
        #expect(!mq("print").matches(width: 600))
        #expect(mq("print, screen").matches(width: 600))
        #expect(!mq("(orientation: landscape)").matches(width: 600))
        #expect(mq("(width < 400px)").matches(width: 375))
        #expect(!mq("(width < 400px)").matches(width: 600))
        #expect(mq("(300px <= width <= 500px)").matches(width: 375))
        #expect(!mq("screen and").matches(width: 600))
        // Colour schemes: the measuring model renders the light one.
        #expect(mq("(prefers-color-scheme: light)").matches(width: 600))
        #expect(!mq("(prefers-color-scheme: dark)").matches(width: 600))
        #expect(mq("(prefers-color-scheme: dark)").matches(width: 600, scheme: .dark))
        #expect(!mq("(prefers-color-scheme: light)").matches(width: 600, scheme: .dark))
        #expect(mq("screen and (PREFERS-COLOR-SCHEME: Dark) and (max-width: 480px)").matches(width: 375, scheme: .dark))
        #expect(!mq("screen and (prefers-color-scheme: dark) and (max-width: 480px)").matches(width: 600, scheme: .dark))
        #expect(!mq("(prefers-color-scheme: sepia)").matches(width: 600, scheme: .dark))
        #expect(mq("not all and (prefers-color-scheme: dark)").matches(width: 600))
        #expect(mq("(prefers-color-scheme: dark)").dependsOnColorScheme)
        #expect(!mq("(prefers-color-scheme: dark)").dependsOnWidth)
        #expect(!mq("(max-width: 600px)").dependsOnColorScheme)
        #expect(mq("(max-width: 600px)").dependsOnWidth)
    }

    @Test func inlineDeclarationList() {
        let d = Stylesheet.parseDeclarations("color:red; ; bogus ; font-size: 12px !IMPORTANT; x")
        #expect(d.map(\.property) == ["color", "font-size"])
        #expect(d[1].important)
        #expect(d[1].range.start.column == 22)
    }

    @Test func hostileInputTerminates() {
        let deep = String(repeating: ":not(", count: 5000) + "a" + String(repeating: ")", count: 5000) + "{color:red}"
        let s1 = Stylesheet.parse(deep)
        #expect(s1.rules.isEmpty)
        let long = (0..<10_000).map { "a\($0)" }.joined(separator: " ") + "{color:red}"
        let s2 = Stylesheet.parse(long)
        #expect(s2.rules.isEmpty)  // over the compound limit: dropped
        let list = (0..<10_000).map { ".c\($0)" }.joined(separator: ", ") + "{color:red}"
        let sList = Stylesheet.parse(list)
        #expect(sList.rules.first?.selectors.count == 10_000)
        let s3 = Stylesheet.parse("a { background: url(")
        #expect(s3.rules.count == 1)
        let s4 = Stylesheet.parse(String(repeating: "{[(", count: 3000))
        #expect(s4.rules.isEmpty)
        let s5 = Stylesheet.parse(String(repeating: "@media screen { ", count: 100) + "a{color:red}")
        #expect(s5.rules.isEmpty)
        // One long minified line: positions are resolved incrementally (linear, not quadratic).
        let minified = String(repeating: ".a .b{color:red;margin:0 auto}@media (max-width:600px){.c{width:100%}}", count: 5_000)
        let s6 = Stylesheet.parse(minified)
        #expect(s6.rules.count == 10_000)
        #expect(s6.rules.last?.range.start.line == 1)
        #expect(s6.declarations.count == 15_000)
    }
}
