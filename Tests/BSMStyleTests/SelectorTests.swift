import Testing
import BSMDocument
@testable import BSMStyle

private func sel(_ s: String) throws -> ComplexSelector {
    let l = try #require(SelectorParser.parse(s))
    return l[0]
}

private func matchIDs(_ doc: Document, _ selector: String) throws -> [String] {
    let m = SelectorMatcher(document: doc)
    let list = try #require(SelectorParser.parse(selector))
    return doc.nodes.indices.filter { i in
        doc.nodes[i].kind == .element && list.contains { m.matches($0, i) }
    }.compactMap { doc.nodes[$0].attribute("id") }
}

@Suite struct SelectorTests {
    let doc: Document

    init() throws {
        doc = try parseHTML("""
        <html><body><div id="d" class="box main" lang="en-US" data-x="abc def">
        <p id="p1" class="a">one</p><p id="p2" title="Hello">two</p><span id="s1"></span><p id="p3" class="a b">three</p>
        <o:p id="op">x</o:p>
        <a id="l1" href="x">L</a><a id="l2">N</a>
        </div><table id="t"><tr id="r1"><td id="c1">1</td><td id="c2"></td></tr></table></body></html>
        """)
    }

    @Test func classListSplitsAtASCIIWhiteSpaceOnly() throws {
        #expect(Node.classNames(in: "  a\tb\nc\r\nd\u{0C}e  ") == ["a", "b", "c", "d", "e"])
        #expect(Node.classNames(in: "") == [])
        #expect(Node.classNames(in: " \t ") == [])
        // A no-break space and other Unicode spaces are part of a class name (HTML splits at ASCII white space).
        #expect(Node.classNames(in: "caf\u{E9}\u{A0}x bl\u{F6}d") == ["caf\u{E9}\u{A0}x", "bl\u{F6}d"])
        let d = try parseHTML("<p class=\"x\r\ny\" id=\"p\">a</p>")
        #expect(try matchIDs(d, ".y") == ["p"])
        #expect(try matchIDs(d, ".x.y") == ["p"])
        #expect(try matchIDs(d, "[class~=y]") == ["p"], "[class~=…] splits like the class list")
    }

    @Test func specificityValues() throws {
        #expect(try sel("*").specificity == Specificity(0, 0, 0))
        #expect(try sel("li").specificity == Specificity(0, 0, 1))
        #expect(try sel("ul li").specificity == Specificity(0, 0, 2))
        #expect(try sel("ul ol+li").specificity == Specificity(0, 0, 3))
        #expect(try sel("h1 + *[rel=up]").specificity == Specificity(0, 1, 1))
        #expect(try sel("ul ol li.red").specificity == Specificity(0, 1, 3))
        #expect(try sel("li.red.level").specificity == Specificity(0, 2, 1))
        #expect(try sel("#x34y").specificity == Specificity(1, 0, 0))
        #expect(try sel("#s12:not(FOO)").specificity == Specificity(1, 0, 1))
        #expect(try sel("p::first-line").specificity == Specificity(0, 0, 2))
        #expect(try sel("a:hover").specificity == Specificity(0, 1, 1))
    }

    @Test func simpleSelectors() throws {
        #expect(try matchIDs(doc, ".a") == ["p1", "p3"])
        #expect(try matchIDs(doc, "p.a.b") == ["p3"])
        #expect(try matchIDs(doc, "#p2") == ["p2"])
        #expect(try matchIDs(doc, "P#p2") == ["p2"])  // type selectors are case-insensitive
        #expect(try matchIDs(doc, "o\\:p") == ["op"])
        #expect(try matchIDs(doc, "td") == ["c1", "c2"])
    }

    @Test func attributeSelectors() throws {
        #expect(try matchIDs(doc, "[title]") == ["p2"])
        #expect(try matchIDs(doc, "[title=Hello]") == ["p2"])
        #expect(try matchIDs(doc, "[title=hello]").isEmpty)
        #expect(try matchIDs(doc, "[title=hello i]") == ["p2"])
        #expect(try matchIDs(doc, "[data-x~=def]") == ["d"])
        #expect(try matchIDs(doc, "[lang|=en]") == ["d"])
        #expect(try matchIDs(doc, "[data-x^=ab]") == ["d"])
        #expect(try matchIDs(doc, "[data-x$=ef]") == ["d"])
        #expect(try matchIDs(doc, "[data-x*=\"c d\"]") == ["d"])
        #expect(try matchIDs(doc, "[class~=b]") == ["p3"])
    }

    @Test func combinators() throws {
        #expect(try matchIDs(doc, "div p") == ["p1", "p2", "p3"])
        #expect(try matchIDs(doc, "body > p").isEmpty)
        #expect(try matchIDs(doc, "div > p.a") == ["p1", "p3"])
        #expect(try matchIDs(doc, "#p1 + p") == ["p2"])
        #expect(try matchIDs(doc, "#p1 ~ p") == ["p2", "p3"])
        // Browsers put the row in an implied tbody.
        #expect(try matchIDs(doc, "table > tr > td").isEmpty)
        #expect(try matchIDs(doc, "table > tbody > tr > td") == ["c1", "c2"])
        #expect(try matchIDs(doc, "html body div span") == ["s1"])
    }

    @Test func impliedTableBodies() throws {
        let d = try parseHTML("""
        <table id="t"><caption id="cap">C</caption><tr id="r1"><td id="a">1</td></tr>
        <!-- a comment --><tr id="r2"><td id="b">2</td></tr><tfoot id="f"><tr id="r3"><td id="c">3</td></tr></tfoot>
        <tr id="r4"><td id="d">4</td></tr></table>
        <table id="u"><tbody id="ub"><tr id="s1"><td id="e">5</td></tr></tbody></table>
        """)
        // Rows written straight in the table: a tbody per run of rows (r1 r2, then r4).
        #expect(try matchIDs(d, "table > tbody > tr") == ["r1", "r2", "r4", "s1"])
        #expect(try matchIDs(d, "table > tr").isEmpty)
        #expect(try matchIDs(d, "tbody td") == ["a", "b", "d", "e"])
        #expect(try matchIDs(d, "tfoot > tr") == ["r3"])
        // Positions count among the rows of a body; the table's children count a body once.
        #expect(try matchIDs(d, "tbody > tr:first-child") == ["r1", "r4", "s1"])
        #expect(try matchIDs(d, "tr:last-child") == ["r2", "r3", "r4", "s1"])
        #expect(try matchIDs(d, "tr + tr") == ["r2"])
        #expect(try matchIDs(d, "caption + tbody td") == ["a", "b"])
        #expect(try matchIDs(d, "tbody + tfoot") == ["f"])
        #expect(try matchIDs(d, "tfoot:nth-child(3)") == ["f"])
        #expect(try matchIDs(d, "tbody:first-child td") == ["e"])
        // Of-type positions count a table's bodies, implied and written.
        #expect(try matchIDs(d, "#t > tbody:first-of-type > tr") == ["r1", "r2"])
        #expect(try matchIDs(d, "#t > tbody:last-of-type > tr") == ["r4"])
        #expect(try matchIDs(d, "tbody:only-of-type > tr") == ["s1"])
        let w = try parseHTML("<table><tr id=\"a\"><td>1</td></tr><tbody id=\"b\"><tr id=\"c\"><td>2</td></tr></tbody></table>")
        #expect(try matchIDs(w, "tbody:first-of-type > tr") == ["a"])
        #expect(try matchIDs(w, "tbody:last-of-type") == ["b"])
        // An implied body has no attributes, id or class, and is not the root.
        #expect(try matchIDs(d, "tbody[id] td") == ["e"])
        #expect(try matchIDs(d, "tbody:not([id]) > tr") == ["r1", "r2", "r4"])
        #expect(try matchIDs(d, "#t > :not(caption):not(tfoot) > tr") == ["r1", "r2", "r4"])
    }

    @Test func structuralPseudoClasses() throws {
        #expect(try matchIDs(doc, "p:first-child") == ["p1"])
        #expect(try matchIDs(doc, "a:last-child") == ["l2"])
        #expect(try matchIDs(doc, "td:last-child") == ["c2"])
        #expect(try matchIDs(doc, "span:only-of-type") == ["s1"])
        #expect(try matchIDs(doc, "tr:only-child") == ["r1"])
        #expect(try matchIDs(doc, "p:first-of-type") == ["p1"])
        #expect(try matchIDs(doc, "p:last-of-type") == ["p3"])
        #expect(try matchIDs(doc, "div > :nth-child(2n+1)") == ["p1", "s1", "op", "l2"])
        #expect(try matchIDs(doc, "div > :nth-child(even)") == ["p2", "p3", "l1"])
        #expect(try matchIDs(doc, "p:nth-of-type(2)") == ["p2"])
        #expect(try matchIDs(doc, "div > :nth-last-child(1)") == ["l2"])
        #expect(try matchIDs(doc, "p:nth-last-of-type(-n+2)") == ["p2", "p3"])
        #expect(try matchIDs(doc, "div > :nth-child(-n + 2)") == ["p1", "p2"])
        #expect(try matchIDs(doc, ":empty") == ["s1", "c2"])
        #expect(try matchIDs(doc, ":root").isEmpty)  // html has no id; check root separately
        let m = SelectorMatcher(document: doc)
        let html = try #require(doc.firstElement(named: "html"))
        #expect(m.matches(try sel(":root"), html))
    }

    @Test func negationAndLinks() throws {
        #expect(try matchIDs(doc, "p:not(.a)") == ["p2"])
        #expect(try matchIDs(doc, "p:not(.a, #p2)").isEmpty)
        #expect(try matchIDs(doc, "a:not(:not([href]))") == ["l1"])
        #expect(try matchIDs(doc, ":link") == ["l1"])
        #expect(try matchIDs(doc, "a:any-link") == ["l1"])
        #expect(try matchIDs(doc, "a:hover, a:visited, p::before").isEmpty)
    }

    @Test func descendantChainsWithAndWithoutBacktracking() throws {
        let d = try parseHTML("<div class=\"a\"><div id=\"d1\"><section><div id=\"d2\"><p id=\"x\">t</p></div></section></div></div><div class=\"b\"><p id=\"y\">u</p></div>")
        // Only the farther div (d1) has `.a` as its parent: a child combinator further left needs
        // the matcher to try past the closest div (d2).
        #expect(try matchIDs(d, ".a > div p") == ["x"])
        #expect(try matchIDs(d, ".a > div > section p") == ["x"])
        // Descendant-only chains take the closest match at each step.
        #expect(try matchIDs(d, ".a div p") == ["x"])
        #expect(try matchIDs(d, ".a section div p") == ["x"])
        #expect(try matchIDs(d, ".b div p").isEmpty)
        #expect(try matchIDs(d, "section .a p").isEmpty)
        #expect(try matchIDs(d, "div div div p") == ["x"])  // .a, d1 and d2 are three div ancestors
        #expect(try matchIDs(d, "div div div div p").isEmpty)
    }

    @Test func idAfterClassIsMatched() throws {
        // The first `id` and the first `class` count whatever their order (an early `break` once
        // lost every `id` written after `class`).
        let d = try parseHTML("<p class=\"x y\" id=\"intro\">a</p><p id=\"other\" class=\"z\" class=\"w\" id=\"no\">b</p>")
        let m = SelectorMatcher(document: d)
        let ps = d.nodes.indices.filter { d.nodes[$0].name == "p" }
        #expect(m.matches(try sel("#intro"), ps[0]))
        #expect(m.matches(try sel("p.x.y#intro"), ps[0]))
        #expect(m.matches(try sel("#other.z"), ps[1]))
        #expect(!m.matches(try sel(".w"), ps[1]))
        #expect(!m.matches(try sel("#no"), ps[1]))
        let styled = StyleEngine(document: try parseHTML("<style>#intro { color: blue } .x { color: red }</style><p class=\"x\" id=\"intro\">Hi</p>"))
            .resolve(width: 600)
        let p = try #require(styled.document.nodes.indices.first { styled.document.nodes[$0].name == "p" })
        #expect(styled.style(of: p).color == RGBA(0, 0, 255))
    }

    @Test func languageRanges() throws {
        // The div carries lang="en-US"; its descendants inherit it; the table has none.
        #expect(try matchIDs(doc, "p:lang(en)") == ["p1", "p2", "p3"])
        #expect(try matchIDs(doc, "div:lang(EN-us)") == ["d"])
        #expect(try matchIDs(doc, "p:lang(\"en\")") == ["p1", "p2", "p3"])
        #expect(try matchIDs(doc, "p:lang(e)").isEmpty)  // a range matches whole subtags only
        #expect(try matchIDs(doc, "td:lang(en)").isEmpty)
        #expect(try matchIDs(doc, ":lang(de)").isEmpty)
        #expect(try sel("p:lang(en)").specificity == Specificity(0, 1, 1))
        let nested = try parseHTML("<div lang=\"de\"><p id=\"a\" lang=\"fr-CA\">x</p><p id=\"b\">y</p><p id=\"c\" lang=\"\">z</p></div>")
        #expect(try matchIDs(nested, ":lang(fr)") == ["a"])
        #expect(try matchIDs(nested, "p:lang(de)") == ["b"])  // an empty lang is unknown: matches no range
        #expect(SelectorParser.parse("p:lang()") == nil)
        #expect(SelectorParser.parse("p:lang(en, de)") == nil)
    }

    @Test func conditionsTakenOut() throws {
        let f = try #require(try sel("tr:hover td.x:focus::before").removingConditions(states: StyleEngine.userActionStates))
        #expect(f.states == ["hover", "focus"])
        #expect(f.pseudoElement == "before")
        #expect(f.selector.specificity == Specificity(0, 3, 3))
        #expect(try matchIDs(doc, "tr:hover td").isEmpty)
        let m = SelectorMatcher(document: doc)
        let c1 = try #require(doc.nodes.indices.first { doc.nodes[$0].attribute("id") == "c1" })
        #expect(m.matches(try #require(try sel("tr:hover td").removingConditions(states: ["hover"])).selector, c1))
        // Other dynamic pseudo-classes stay and never match.
        #expect(!m.matches(try #require(try sel("td:checked").removingConditions(states: ["hover"])).selector, c1))
        #expect(try sel("a:hover").removingConditions(states: [])?.states == [])
    }

    @Test func nthFormulas() {
        #expect(SelectorParser.parseNth(CSSTokenizer.tokenize("2n+1")[...])! == (2, 1))
        #expect(SelectorParser.parseNth(CSSTokenizer.tokenize("-n+3")[...])! == (-1, 3))
        #expect(SelectorParser.parseNth(CSSTokenizer.tokenize("odd")[...])! == (2, 1))
        #expect(SelectorParser.parseNth(CSSTokenizer.tokenize("3")[...])! == (0, 3))
        #expect(SelectorParser.parseNth(CSSTokenizer.tokenize("n")[...])! == (1, 0))
        #expect(SelectorParser.parseNth(CSSTokenizer.tokenize("2n - 1")[...])! == (2, -1))
        #expect(SelectorParser.parseNth(CSSTokenizer.tokenize("foo")[...]) == nil)
        #expect(SelectorMatcher.nthMatches(2, 1, 5))
        #expect(!SelectorMatcher.nthMatches(2, 1, 4))
        #expect(SelectorMatcher.nthMatches(-1, 3, 3) && !SelectorMatcher.nthMatches(-1, 3, 4))
    }

    @Test func invalidSelectorsAreRejected() {
        #expect(SelectorParser.parse("p:unknown-thing") == nil)
        #expect(SelectorParser.parse("a >> b") == nil)
        #expect(SelectorParser.parse("a,") == nil)
        #expect(SelectorParser.parse("[x=") == nil)
        #expect(SelectorParser.parse("p::before span") == nil)
        #expect(SelectorParser.parse("#1a") == nil)
    }

    @Test func pathologicalDescendantChainIsBounded() throws {
        let deep = String(repeating: "<div>", count: 200) + "<p id=x>x</p>" + String(repeating: "</div>", count: 200)
        let d = try parseHTML(deep)
        let m = SelectorMatcher(document: d)
        let s = try sel(String(repeating: "div ", count: 200) + "span p")
        let x = try #require(byID(d, "x"))
        #expect(!m.matches(s, x))  // terminates (budget) and does not match
    }
}
