import Testing
import BSMDocument
@testable import BSMStyle

@Suite struct CascadeTests {
    /// Colours holding a placeholder, or not evaluable (`var()`), are unknown, for text and background.
    @Test func unknownColours() throws {
        let s = try Styled("""
        <div style="color: {{c}}"><p id="a">A</p></div>
        <p id="b" style="color: var(--fg)">B</p>
        <p id="c" style="color: red">C</p>
        <table><tr><td id="d" bgcolor="{{bg}}"><p id="e">E</p></td><td id="f" style="background-color: #000">F</td></tr></table>
        """, containsPlaceholder: { $0.contains("{{") })
        #expect(try !s.style("a").colorKnown, "inherited from an unknown colour")
        #expect(try !s.style("b").colorKnown)
        #expect(try s.style("c").colorKnown)
        #expect(try !s.style("d").backgroundColorKnown)
        #expect(s.styled.backgroundColor(behind: try s.id("e")) == nil)
        #expect(s.styled.backgroundColor(behind: try s.id("f")) == RGBA(0, 0, 0))
    }

    /// Logical properties set the physical side their direction gives them, in cascade order
    /// with the physical properties.
    @Test func logicalProperties() throws {
        let s = try Styled("""
        <p id="a" style="padding-inline-start: 30px; margin-inline: 5px 7px; border-inline-end: 2px solid">A</p>
        <div dir="rtl"><p id="b" style="padding-inline-start: 30px; margin-inline: 5px 7px">B</p></div>
        <p id="c" style="padding-left: 10px; padding-inline-start: 20px">C</p>
        <p id="d" style="padding-inline-start: 20px; padding-left: 10px">D</p>
        <p id="e" style="direction: rtl; padding-inline-end: 9px; margin-block: 3px; max-inline-size: 300px">E</p>
        <p id="f" style="margin-inline: auto; inline-size: 50%; padding-inline: 4px">F</p>
        <p id="g" style="padding-inline: 1px 2px 3px">G</p>
        """)
        let a = try s.style("a")
        #expect(a.padding.left == .px(30) && a.padding.right == .px(0))
        #expect(a.margin.left == .px(5) && a.margin.right == .px(7))
        #expect(a.borderWidth.right == 2 && a.borderWidth.left == 0)
        let b = try s.style("b")
        #expect(b.padding.right == .px(30) && b.padding.left == .px(0), "inline-start is the right side in rtl")
        #expect(b.margin.right == .px(5) && b.margin.left == .px(7))
        #expect(try s.style("c").padding.left == .px(20), "the later declaration wins")
        #expect(try s.style("d").padding.left == .px(10))
        let e = try s.style("e")
        #expect(e.padding.left == .px(9) && e.margin.top == .px(3) && e.margin.bottom == .px(3) && e.maxWidth == .px(300))
        let f = try s.style("f")
        #expect(f.margin.left == .auto && f.margin.right == .auto && f.width == .percent(50))
        #expect(f.padding.left == .px(4) && f.padding.right == .px(4))
        #expect(try s.style("g").padding.left == .px(0), "three values: invalid, dropped")
    }

    /// `rem` is relative to the root element's font size (the initial 16 px on the root itself).
    @Test func remFollowsTheRootFontSize() throws {
        let s = try Styled("""
        <html id="r" style="font-size: 62.5%; padding-left: 1rem"><body><p id="a" style="font-size: 2.4rem; padding-left: 7rem">A</p></body></html>
        """)
        #expect(try s.style("r").fontSizePx == 10)
        #expect(try s.style("a").fontSizePx == 24)
        #expect(try s.style("a").padding.left == .px(70))
        #expect(try s.style("r").padding.left == .px(10), "on the root, 1rem is its own computed size")
        let plain = try Styled("<p id=\"a\" style=\"font-size: 2rem\">A</p>")
        #expect(try plain.style("a").fontSizePx == 32)
    }

    /// Text that shows: not hidden by display/visibility, by `opacity: 0` or a zero-height box
    /// cutting it off on it or an ancestor, by a zero font size or a transparent colour.
    @Test func textThatShows() throws {
        let s = try Styled("""
        <div style="max-height: 0; overflow: hidden"><p id="a">A</p></div>
        <div id="bd" style="height: 0px; overflow: visible hidden"><p id="b">B</p></div>
        <div id="cd" style="max-height: 0"><p id="c">C</p></div>
        <div style="height: 0; overflow-y: auto"><p id="d">D</p></div>
        <div style="opacity: 0"><p id="e">E</p></div>
        <p id="f" style="font-size: 0">F</p>
        <p id="g" style="color: transparent">G</p>
        <p id="h" style="visibility: hidden">H</p>
        <p id="i" style="overflow: hidden; max-height: 20px">I</p>
        <p id="j">J</p>
        <p id="k" style="overflow: hidden hidden hidden; max-height: 0">K</p>
        <div style="max-width: 0; overflow: hidden"><p id="l">L</p></div>
        <div style="max-height: 0; overflow: hidden visible"><p id="m">M</p></div>
        <table><tr><td id="n" style="height: 0; overflow: hidden">N</td></tr></table>
        <span style="max-height: 0; overflow: hidden"><b id="o">O</b></span>
        """)
        // `n`, `o`: a table cell's height is a minimum; an inline box has no height to clip at.
        let shows = try ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o"].filter { s.styled.showsText(try s.id($0)) }
        // `c`: no clipping without overflow; `k`: an invalid `overflow` is dropped; `m`: only
        // the width is clipped, and the height is the zero one.
        #expect(shows == ["c", "i", "j", "k", "m", "n", "o"])
        #expect(try s.style("bd").clipsOverflowY)
        #expect(try !s.style("cd").clipsOverflowY)
        #expect(try !s.style("b").clipsOverflowY, "not inherited")
    }

    /// `@supports` blocks apply unless negated or malformed (a template language's `@supports -ko-blockdefs`).
    @Test func supportsBlocks() throws {
        let s = try Styled("""
        <style>
        @supports (display: block) { #a { color: red } }
        @supports selector(p > a) { #b { color: red } }
        @supports not (display: grid) { #c { color: red } }
        @supports -ko-blockdefs { #d { color: red } }
        </style>
        <p id="a">A</p><p id="b">B</p><p id="c">C</p><p id="d">D</p>
        """)
        #expect(try s.style("a").color == RGBA(255, 0, 0))
        #expect(try s.style("b").color == RGBA(255, 0, 0))
        #expect(try s.style("c").color == .black)
        #expect(try s.style("d").color == .black)
    }

    @Test func importanceSpecificityAndSourceOrder() throws {
        let s = try Styled("""
        <style>
        p { color: red }
        #a { color: green }
        p { color: blue }
        .x { color: olive !important }
        #b.y { color: purple !important }
        p.y { color: lime !important }
        </style>
        <p id="a">a</p><p id="b" class="x y">b</p><p id="c">c</p>
        """)
        #expect(try s.style("a").color == CSSColor.named("green"))  // id beats later type
        #expect(try s.style("b").color == CSSColor.named("purple"))  // important: specificity among importants
        #expect(try s.style("c").color == CSSColor.named("blue"))  // later equal-specificity wins
    }

    @Test func inlineStyleAndImportant() throws {
        let s = try Styled("""
        <style>#a { color: red } #b { color: red !important }</style>
        <p id="a" style="color: blue">a</p><p id="b" style="color: blue">b</p><p id="c" style="color: blue !important">c</p>
        """)
        #expect(try s.style("a").color == CSSColor.named("blue"))
        #expect(try s.style("b").color == CSSColor.named("red"))
        #expect(try s.style("c").color == CSSColor.named("blue"))
        let o = s.styled.origin(of: try s.id("a"), for: .color)
        guard case .inlineStyle(let di, let range) = o.origin else {
            Issue.record("expected inline origin, got \(o.origin)")
            return
        }
        #expect(o.inheritedFrom == nil)
        #expect(s.engine.allDeclarations[di].property == "color")
        #expect(range.start.line == 2 && range.start.column == 18)
        #expect(range.end.column == 29)
    }

    @Test func inheritanceAndInheritedOrigin() throws {
        let s = try Styled("""
        <style>
        .wrap { color: #333; font-family: Arial, sans-serif; padding-left: 10px }
        </style>
        <div class="wrap" id="w"><p id="p">text <b id="b">bold</b></p></div>
        """)
        let b = try s.style("b")
        #expect(b.color == RGBA(0x33, 0x33, 0x33))
        #expect(b.fontFamily == "Arial, sans-serif")
        #expect(b.fontWeight == 700)
        #expect(b.padding.left == .px(0))  // not inherited
        let o = s.styled.origin(of: try s.id("b"), for: .color)
        #expect(o.inheritedFrom == (try s.id("w")))
        guard case .stylesheet(_, let range, let selector) = o.origin else {
            Issue.record("expected stylesheet origin")
            return
        }
        #expect(selector == ".wrap")
        #expect(range.start.line == 2 && range.start.column == 9)
        #expect(s.styled.origin(of: try s.id("b"), for: .fontWeight).origin == .userAgent(selector: "b, strong"))
        #expect(s.styled.origin(of: try s.id("p"), for: .backgroundColor).origin == .initial)
    }

    @Test func explicitInheritInitialUnset() throws {
        let s = try Styled("""
        <style>div { color: red; border: 2px solid; padding: 4px } p { color: initial } span { color: inherit; padding: inherit } i { color: unset }</style>
        <div><p id="p">x</p><span id="s">y</span><i id="i">z</i></div>
        """)
        #expect(try s.style("p").color == .black)
        #expect(try s.style("s").color == CSSColor.named("red"))
        #expect(try s.style("s").padding.left == .px(4))
        #expect(try s.style("i").color == CSSColor.named("red"))
    }

    @Test func presentationalAttributesBelowAuthorCSS() throws {
        let s = try Styled("""
        <style>.t { width: 500px } td.z { background-color: #eee }</style>
        <table id="t" class="t" width="600" bgcolor="#ff0000" align="center" cellpadding="10"><tr>
        <td id="c" class="z" bgcolor="red" align="center" valign="top"><font id="f" size="5" color="#00f" face="Georgia">x</font></td>
        </tr></table>
        <body text="#123456"></body>
        """)
        let t = try s.style("t")
        #expect(t.width == .px(500))  // CSS beats width attribute
        #expect(t.backgroundColor == RGBA(255, 0, 0))
        #expect(t.margin.left == .auto && t.margin.right == .auto)
        #expect(t.textAlign == .start)  // align=center on a table is not text alignment
        let c = try s.style("c")
        #expect(c.backgroundColor == RGBA(0xEE, 0xEE, 0xEE))
        #expect(c.textAlign == .center && c.centersBlocks)
        #expect(c.padding.left == .px(10) && c.padding.top == .px(10))
        #expect(c.verticalAlign == "top")
        let f = try s.style("f")
        #expect(f.fontSizePx == 24)
        #expect(f.color == RGBA(0, 0, 255))
        #expect(f.fontFamily == "Georgia")
        let po = s.styled.origin(of: try s.id("c"), for: .paddingLeft)
        guard case .presentational(let attr, let el, let range) = po.origin else {
            Issue.record("expected presentational origin")
            return
        }
        let tableID = try s.id("t")
        #expect(attr == "cellpadding" && el == tableID)
        #expect(range.start.line == 2)
        let wo = s.styled.origin(of: try s.id("t"), for: .width)
        if case .stylesheet(_, _, let sel) = wo.origin { #expect(sel == ".t") } else { Issue.record("width origin") }
    }

    @Test func bodyTextAndLinkColours() throws {
        let s = try Styled("<body text=\"#111111\" link=\"#00aa00\"><p id=p>x <a id=a href=\"#\">l</a> <a id=n>n</a></p></body>")
        #expect(try s.style("p").color == RGBA(0x11, 0x11, 0x11))
        #expect(try s.style("a").color == RGBA(0, 0xAA, 0))
        #expect(try s.style("n").color == RGBA(0x11, 0x11, 0x11))
        let o = s.styled.origin(of: try s.id("p"), for: .color)
        #expect(o.inheritedFrom == s.doc.firstElement(named: "body"))
        if case .presentational(let attr, _, _) = o.origin { #expect(attr == "text") } else { Issue.record("origin") }
    }

    @Test func userAgentSheet() throws {
        let s = try Styled("""
        <html><head><title>t</title></head><body id="body"><h1 id="h">H</h1><ul id="u"><li id="l">x</li></ul>
        <blockquote id="q">q</blockquote><p id="p">p</p><center id="c"><span id="s">c</span></center></body></html>
        """)
        #expect(try s.style("body").margin.left == .px(0))
        #expect(try s.style("h").display == .block)
        #expect(try s.style("h").fontWeight == 700)
        #expect(try s.style("l").display == .listItem)
        #expect(try s.style("u").padding.left == .px(40))
        #expect(try s.style("q").margin.left == .px(40))
        #expect(try s.style("p").margin.top == .px(16))
        #expect(try s.style("s").textAlign == .center)
        #expect(try s.style("c").centersBlocks)
        let co = s.styled.origin(of: try s.id("s"), for: .textAlign)
        #expect(co.inheritedFrom == (try s.id("c")))
        #expect(co.origin == .userAgent(selector: "center"))
        let title = try #require(s.doc.firstElement(named: "title"))
        #expect(!s.styled.isRendered(title))
        #expect(s.styled.style(of: try #require(s.doc.firstElement(named: "head"))).display == .none)
    }

    @Test func selectorMatchingNothingChangesNothing() throws {
        let html = "<div id=d style=\"padding:3px\"><p id=p>x</p></div>"
        let a = try Styled(html)
        let b = try Styled("<style>.nope > p, #missing { color: red; width: 10px; display: none }</style>" + html)
        for id in ["d", "p"] {
            #expect(try a.style(id) == b.style(id))
            #expect(try a.box(id) == b.box(id))
        }
    }

    @Test func mediaQueriesAtTwoWidths() throws {
        let doc = try parseHTML("""
        <style>
        .c { width: 600px; font-size: 16px }
        @media only screen and (max-width: 480px) { .c { width: 100% !important; font-size: 14px } }
        @media print { .c { color: red } }
        </style>
        <div class="c" id="c">x</div>
        """)
        let engine = StyleEngine(document: doc)
        #expect(engine.hasMediaDependentStyles)
        let r = engine.resolve(widths: [600, 375])
        let id = try #require(byID(doc, "c"))
        #expect(r[0].width == 600 && r[1].width == 375)
        #expect(r[0].style(of: id).width == .px(600))
        #expect(r[0].style(of: id).fontSizePx == 16)
        #expect(r[1].style(of: id).width == .percent(100))
        #expect(r[1].style(of: id).fontSizePx == 14)
        #expect(r[0].style(of: id).color == .black && r[1].style(of: id).color == .black)
        #expect(r[0].box(of: id)?.width == 600)
        #expect(r[1].box(of: id)?.width == 375)
        // Same media outcome → styles shared, layout per width.
        let same = engine.resolve(widths: [600, 700])
        #expect(same[0].style(of: id) == same[1].style(of: id))
        #expect(same[1].box(of: id)?.width == 600)
    }

    @Test func styleElementMediaAttribute() throws {
        let s = try Styled("<style media=\"print\">p { color: red }</style><style>p { font-size: 20px }</style><p id=p>x</p>")
        #expect(try s.style("p").color == .black)
        #expect(try s.style("p").fontSizePx == 20)
    }

    @Test func entityDecodedInlineStyleKeepsRanges() throws {
        let s = try Styled("<p id=p style=\"font-family: &quot;Open Sans&quot;, serif; color: #f00\">x</p>")
        #expect(try s.style("p").fontFamily == "\"Open Sans\", serif")
        #expect(try s.style("p").color == RGBA(255, 0, 0))
        let decls = s.engine.allDeclarations
        #expect(decls.count == 2)
        #expect(decls[1].property == "color")
        // `color` starts at byte 55 of the source: after `style="` (15) + raw text with entities.
        let src = s.doc.source
        #expect(src.text(decls[1].decodedRange.lowerBound, decls[1].decodedRange.upperBound) == "color: #f00")
        #expect(src.text(decls[0].decodedRange.lowerBound, decls[0].decodedRange.upperBound)
                == "font-family: &quot;Open Sans&quot;, serif")
        if case .inlineStyle(let el) = decls[0].context { #expect(el == (try s.id("p"))) } else { Issue.record("context") }
    }

    @Test func allDeclarationsFontFacesImports() throws {
        let s = try Styled("""
        <head><style>@import url(http://x.example/a.css);
        @font-face { font-family: F; src: url(http://x.example/f.woff) }
        .a { background: url(http://x.example/bg.png) #fff }</style></head><div class=a id=a style="background-image:url('http://x.example/i.png')">x</div>
        """)
        #expect(s.engine.imports.first?.url == "http://x.example/a.css")
        #expect(s.engine.fontFaces.count == 1)
        let urls = s.engine.allDeclarations.flatMap { $0.tokens }.filter { $0.kind == .url || $0.kind == .string }.map(\.value)
        #expect(urls == ["http://x.example/f.woff", "http://x.example/bg.png", "http://x.example/i.png"])
        #expect(try s.style("a").backgroundImage == "http://x.example/i.png")
        #expect(try s.style("a").backgroundColor == .white)
        // Token offsets point into the document.
        let bg = try #require(s.engine.allDeclarations.first { $0.property == "background" })
        let u = try #require(bg.tokens.first { $0.kind == .url })
        #expect(s.doc.source.text(u.start, u.end) == "url(http://x.example/bg.png)")
    }
}

@Suite struct DisplayKeywordTests {
    /// The fast path of `Display.from` agrees with `init(rawValue:)` (and `none` is the display
    /// value, not a missing one).
    @Test func everyKeyword() {
        for k in ["block", "table-cell", "table-row", "inline", "none", "table", "inline-block", "list-item", "flex",
                  "table-row-group", "contents", "flow-root"] {
            #expect(Display.from(k) == Display(rawValue: k), "\(k)")
            #expect(Display.from(k) != nil, "\(k)")
        }
        #expect(Display.from("none") == Display.none)
        #expect(Display.from("-webkit-box") == .flex)
        #expect(Display.from("bogus") == nil)
    }
}

@Suite struct InheritanceCopyTests {
    /// `copyInherited` is the per-property `copy` of every inherited property, done at once.
    @Test func copyInheritedEqualsPerPropertyCopies() {
        var p = ComputedStyle()
        p.display = .block; p.color = RGBA(10, 20, 30); p.colorKnown = false
        p.backgroundColor = RGBA(1, 2, 3); p.backgroundColorKnown = false; p.backgroundImage = "a.png"
        p.hasNonURLBackgroundImage = true; p.fontSizePx = 21; p.fontSizeKnown = false; p.fontFamily = "Georgia, serif"
        p.fontWeight = 700; p.fontWeightKnown = false; p.italic = true; p.lineHeight = .px(19); p.textAlign = .right
        p.centersBlocks = true; p.direction = .rtl; p.visibility = .hidden; p.whiteSpace = "pre"; p.letterSpacingPx = 2
        p.listStyleType = "square"; p.listStyleImage = "b.png"; p.textIndent = .px(5); p.opacity = 0.5
        p.clipsOverflowX = true; p.clipsOverflowY = true; p.width = .px(100); p.minWidth = .px(1); p.maxWidth = .px(9)
        p.height = .px(3); p.minHeight = .px(2); p.maxHeight = .px(8); p.margin = Edges(.px(4)); p.padding = Edges(.px(6))
        p.borderWidth = Edges(1); p.float = .left; p.borderBox = true; p.verticalAlign = "top"; p.borderSpacingPx = 7
        p.borderCollapse = true; p.webkitTextFillColor = RGBA(5, 5, 5)
        var one = ComputedStyle.initial
        for prop in StyleComputer.inheritedProperties { StyleComputer.copy(prop, from: p, to: &one) }
        var all = ComputedStyle.initial
        StyleComputer.copyInherited(from: p, to: &all)
        #expect(all == one)
        #expect(all != ComputedStyle.initial)
        #expect(all.width == ComputedStyle.initial.width, "width is not inherited")
    }
}

@Suite struct ValueTests {
    @Test func fontSizes() throws {
        let s = try Styled("""
        <style>.k1 { font-size: x-small } .k2 { font-size: xx-large } .pt { font-size: 12pt } .pc { font-size: 150% }
        .box { font-size: 20px } .r { font-size: 2rem }</style>
        <p id=k1 class=k1>a</p><p id=k2 class=k2>a</p><p id=pt class=pt>a</p>
        <div class=box id=box><h1 id=h1>h</h1><h2 id=h2>h</h2><h6 id=h6>h</h6><small id=sm>s<small id=sm2>s</small></small>
        <span id=sr style="font-size: smaller">x</span><span id=lg style="font-size: larger">x</span><big id=big>b</big>
        <p id=pc class=pc>p</p><p class=r id=r>r</p><p id=em style="font-size:1.5em"><span id=em2 style="font-size:.5em">x</span></p></div>
        """)
        #expect(try s.style("k1").fontSizePx == 10)
        #expect(try s.style("k2").fontSizePx == 32)
        #expect(abs(try s.style("pt").fontSizePx - 16) < 1e-9)
        #expect(try s.style("h1").fontSizePx == 40)  // 2em inside a 20px parent
        #expect(try s.style("h2").fontSizePx == 30)
        #expect(abs(try s.style("h6").fontSizePx - 13.4) < 1e-9)
        #expect(abs(try s.style("sm").fontSizePx - 20 / 1.2) < 1e-9)
        #expect(abs(try s.style("sm2").fontSizePx - 20 / 1.44) < 1e-9)
        #expect(abs(try s.style("sr").fontSizePx - 20 / 1.2) < 1e-9)
        #expect(abs(try s.style("lg").fontSizePx - 24) < 1e-9)
        #expect(abs(try s.style("big").fontSizePx - 24) < 1e-9)
        #expect(try s.style("pc").fontSizePx == 30)
        #expect(try s.style("r").fontSizePx == 32)
        #expect(try s.style("em2").fontSizePx == 15)
        #expect(try s.style("box").fontSizePx == 20)
    }

    @Test func fontElementSizes() throws {
        var html = ""
        for n in 1...7 { html += "<font id=f\(n) size=\(n)>x</font>" }
        html += "<font id=plus size=\"+2\">x</font><font id=minus size=\"-1\">x</font><font id=big size=9>x</font>"
        let s = try Styled(html)
        let expected: [Double] = [10, 13, 16, 18, 24, 32, 48]
        for n in 1...7 { #expect(try s.style("f\(n)").fontSizePx == expected[n - 1]) }
        #expect(try s.style("plus").fontSizePx == 24)
        #expect(try s.style("minus").fontSizePx == 13)
        #expect(try s.style("big").fontSizePx == 48)
    }

    @Test func colours() {
        #expect(CSSColor.parse("red") == RGBA(255, 0, 0))
        #expect(CSSColor.parse("RebeccaPurple") == RGBA(0x66, 0x33, 0x99))
        #expect(CSSColor.parse("#abc") == RGBA(0xAA, 0xBB, 0xCC))
        // light-dark(): the measuring model's light scheme.
        #expect(CSSColor.parse("light-dark(#333, rgb(238, 238, 238))") == RGBA(0x33, 0x33, 0x33))
        #expect(CSSColor.parse("light-dark(rgb(1, 2, 3), #eee)") == RGBA(1, 2, 3))
        #expect(CSSColor.parse("light-dark(#333)") == nil)
        #expect(CSSColor.parse("light-dark(#333, #444, #555)") == nil)
        // Nested: unwrapped in a loop, up to 16 levels; a hostile depth is not evaluated (and
        // neither recurses nor rescans per level).
        func nested(_ n: Int) -> String { String(repeating: "light-dark(", count: n) + "#777" + String(repeating: ", #fff)", count: n) }
        #expect(CSSColor.parse(nested(16)) == RGBA(0x77, 0x77, 0x77))
        #expect(CSSColor.parse(nested(17)) == nil)
        #expect(CSSColor.parse(nested(20_000)) == nil)
        #expect(CSSColor.parse("#abcd") == RGBA(0xAA, 0xBB, 0xCC, Double(0xDD) / 255))
        #expect(CSSColor.parse("#a1b2c3") == RGBA(0xA1, 0xB2, 0xC3))
        #expect(CSSColor.parse("#a1b2c380") == RGBA(0xA1, 0xB2, 0xC3, 128.0 / 255))
        #expect(CSSColor.parse("rgb(1, 2, 3)") == RGBA(1, 2, 3))
        #expect(CSSColor.parse("rgba(1,2,3,.5)") == RGBA(1, 2, 3, 0.5))
        #expect(CSSColor.parse("rgb(1 2 3 / 50%)") == RGBA(1, 2, 3, 0.5))
        #expect(CSSColor.parse("rgb(100%, 0%, 0%)") == RGBA(255, 0, 0))
        #expect(CSSColor.parse("hsl(120, 100%, 50%)") == RGBA(0, 255, 0))
        #expect(CSSColor.parse("hsla(240deg 100% 50% / 0.25)") == RGBA(0, 0, 255, 0.25))
        #expect(CSSColor.parse("hsl(0, 0%, 100%)") == RGBA(255, 255, 255))
        #expect(CSSColor.parse("transparent") == RGBA.transparent)
        #expect(CSSColor.parse("#ggg") == nil)
        #expect(CSSColor.parse("rgb(1,2)") == nil)
        #expect(CSSColor.parseLegacy("ffcc00") == RGBA(255, 0xCC, 0))
        // HTML's legacy colour rules, as browsers read colour attributes.
        #expect(CSSColor.parseLegacy(" #FFCC00 ") == RGBA(255, 0xCC, 0))
        #expect(CSSColor.parseLegacy("#fff") == RGBA(255, 255, 255))
        #expect(CSSColor.parseLegacy("ccc") == RGBA(0x0C, 0x0C, 0x0C), "without # it is not the 3-digit form")
        #expect(CSSColor.parseLegacy("#00000080") == RGBA(0, 0, 0x80), "no alpha: navy")
        #expect(CSSColor.parseLegacy("chucknorris") == RGBA(0xC0, 0, 0))
        #expect(CSSColor.parseLegacy("Red") == RGBA(255, 0, 0))
        #expect(CSSColor.parseLegacy("#1234567890abc") == RGBA(0x12, 0x67, 0xAB))
        #expect(CSSColor.parseLegacy("transparent") == nil && CSSColor.parseLegacy("  ") == nil)
        #expect(abs(RGBA.white.relativeLuminance - 1) < 1e-9)
    }

    @Test func currentColorAndFillColor() throws {
        let s = try Styled("<div id=d style=\"color: #00f; background-color: currentColor; -webkit-text-fill-color: red\"><span id=s style=\"-webkit-text-fill-color: currentcolor\">x</span></div>")
        #expect(try s.style("d").backgroundColor == RGBA(0, 0, 255))
        #expect(try s.style("d").textFillColor == RGBA(255, 0, 0))
        #expect(try s.style("s").textFillColor == RGBA(0, 0, 255))
    }

    @Test func shorthandsAndKeywords() throws {
        let s = try Styled("""
        <div id=a style="font: italic bold 12px/1.5 'Helvetica Neue', Arial; margin: 1px 2px 3px; border: 2px solid red; padding: 1em 5%">x</div>
        <div id=b style="border-left: 4px dotted; border-right-width: 9px; line-height: 20px; text-align: end; direction: rtl; visibility: hidden; opacity: .0">y</div>
        <div id=c style="display:none"><p id=inner>z</p></div>
        """)
        let a = try s.style("a")
        #expect(a.italic && a.fontWeight == 700 && a.fontSizePx == 12)
        #expect(a.lineHeight == .factor(1.5))
        #expect(a.fontFamily == "\"Helvetica Neue\", Arial")
        #expect(a.margin.top == .px(1) && a.margin.right == .px(2) && a.margin.bottom == .px(3) && a.margin.left == .px(2))
        #expect(a.borderWidth.left == 2 && a.borderWidth.top == 2)
        #expect(a.padding.top == .px(12) && a.padding.left == .percent(5))
        let b = try s.style("b")
        #expect(b.borderWidth.left == 4 && b.borderWidth.right == 0)  // right has no style
        #expect(b.lineHeight == .px(20))
        #expect(b.textAlign == .end && b.physicalTextAlign == .left)
        #expect(b.visibility == .hidden && b.opacity == 0)
        #expect(!s.styled.isRendered(try s.id("inner")))
        #expect(s.styled.box(of: try s.id("inner")) == nil)
    }
}

@Suite struct BackgroundTests {
    @Test func backgroundBehindText() throws {
        let s = try Styled("""
        <body bgcolor="#000000"><div style="background: rgba(255,255,255,.5)"><p id=p>x</p></div>
        <div style="background-image: url(a.png)"><p id=q>y</p></div><table bgcolor="#ffffff"><tr><td><span id=r>z</span></td></tr></table></body>
        """)
        let p = try #require(s.styled.backgroundColor(behind: try s.id("p")))
        #expect(abs(p.r - 127.5) < 0.01 && p.a == 1)
        #expect(s.styled.backgroundColor(behind: try s.id("q")) == nil)
        #expect(s.styled.backgroundColor(behind: try s.id("r")) == .white)
        #expect(abs(StyledDocument.contrastRatio(.black, .white) - 21) < 1e-6)
        let plain = try Styled("<p id=p>x</p>")
        #expect(plain.styled.backgroundColor(behind: try plain.id("p")) == .white)
    }
}

@Suite struct EncodingRangeTests {
    @Test func inlineDeclarationRangesInTranscodedInput() throws {
        // windows-1252: é is one byte in the file, two in the decoded buffer.
        var bytes = Array("<meta charset=\"windows-1252\"><p id=p title=\"".utf8)
        bytes.append(0xE9)
        bytes += Array("\" style=\"color:red\">x</p>".utf8)
        let decoded = TextDecoder.decode(bytes, html: true)
        let doc = try HTMLParser.parse(decoded.source)
        let engine = StyleEngine(document: doc)
        let d = try #require(engine.allDeclarations.first)
        #expect(d.property == "color")
        let expectedOffset = bytes.count - "color:red\">x</p>".utf8.count
        #expect(d.range.start.offset == expectedOffset)
        #expect(d.range.end.offset == expectedOffset + 9)
        #expect(doc.source.text(d.decodedRange.lowerBound, d.decodedRange.upperBound) == "color:red")
        let styled = engine.resolve(width: 600)
        #expect(styled.style(of: try #require(byID(doc, "p"))).color == RGBA(255, 0, 0))
    }
}
