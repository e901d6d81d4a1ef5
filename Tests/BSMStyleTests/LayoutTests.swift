import Testing
import Foundation
import BSMDocument
@testable import BSMStyle

@Suite struct LayoutTests {
    @Test func percentImageInHalfCell() throws {
        let s = try Styled("""
        <table id=t width="600" cellpadding="0" cellspacing="0" border="0"><tr>
        <td id=a width="50%"><img id=img src="x.png" width="100%"></td><td id=b>text</td></tr></table>
        """)
        #expect(try s.box("t").width == 600)
        #expect(try s.box("a").width == 300)
        #expect(try s.box("b").x == 300 && s.box("b").width == 300)
        #expect(try s.box("img").width == 300)
        #expect(try s.box("img").x == 0)
    }

    /// Collapsed borders are shared: half of each edge to each side, no table padding.
    @Test func collapsedBorders() throws {
        let s = try Styled("""
        <table id=t width="600" border="1" cellspacing="0" cellpadding="0" style="border-collapse: collapse; padding: 20px"><tr>
        <td id=a width="118"></td><td id=b>Hello</td></tr></table>
        <table id=u width="600" border="1" cellspacing="0" cellpadding="0"><tr><td id=c width="118"></td><td id=d>Hi</td></tr></table>
        <table id=v width="600" cellspacing="0" cellpadding="0" style="border-collapse: collapse; border-left: 6px solid"><tr>
        <td id=e style="border-left: 2px solid; border-right: 4px solid">x</td><td id=f style="border-left: 1px solid">y</td></tr></table>
        """)
        // 1 (the outer edge: half the table's, half the cell's) + 118 + 1 (the shared edge) = 120.
        #expect(try s.box("b").contentX == 120)
        #expect(try s.box("a").x == 0.5)
        // Separated borders: table 1 + cell 1 + 118 + cell 1 + cell 1 = 122.
        #expect(try s.box("d").contentX == 122)
        // The widest border at an edge wins: 6 (table) outside, 4 (e's right) between e and f.
        #expect(try s.box("e").contentX == 6)
        #expect(try s.box("f").x.map { $0 + 2 } == s.box("f").contentX)
        // The collapsing model has no table padding: the table's own content box starts after half its edge.
        let p = try Styled("<table id=t width=\"600\" style=\"border-collapse: collapse; padding: 130px\"><tr><td id=c>Hello</td></tr></table>")
        #expect(try p.box("t").contentX == 0 && p.box("c").x == 0)
        #expect(try p.box("t").usedBorders.map { $0.left } == 0)
    }

    @Test func cellpaddingAndSpacing() throws {
        let s = try Styled("""
        <table id=t width="600" cellpadding="10" cellspacing="0"><tr><td id=c>x</td></tr></table>
        <table id=t2 width="600" cellpadding="0" cellspacing="10"><tr><td id=c1>x</td><td id=c2>y</td></tr></table>
        """)
        let c = try s.box("c")
        #expect(c.x == 0 && c.width == 600)
        #expect(c.contentX == 10 && c.contentWidth == 580)
        // 600 - 3 × 10 spacing = 570 shared by two cells.
        #expect(try s.box("c1").x == 10 && s.box("c1").width == 285)
        #expect(try s.box("c2").x == 305 && s.box("c2").width == 285)
    }

    @Test func colspanAndFixedColumns() throws {
        let s = try Styled("""
        <table id=t width="600" cellpadding="0" cellspacing="0"><tr><td id=a width="150">&nbsp;</td><td id=b>x</td><td id=c width="150"></td></tr>
        <tr><td id=wide colspan="2">x</td><td id=d>y</td></tr></table>
        """)
        #expect(try s.box("a").width == 150)
        #expect(try s.box("a").isSpacerCell)
        #expect(try s.box("c").isSpacerCell)
        #expect(try !s.box("b").isSpacerCell)
        #expect(try s.box("b").x == 150 && s.box("b").width == 300)
        #expect(try s.box("wide").x == 0 && s.box("wide").width == 450)
        #expect(try s.box("d").x == 450 && s.box("d").width == 150)
    }

    @Test func percentColumnsOver100AreScaled() throws {
        let s = try Styled("<table width=600 cellpadding=0 cellspacing=0><tr><td id=a width=\"75%\">a</td><td id=b width=\"75%\">b</td></tr></table>")
        #expect(try s.box("a").width == 300 && s.box("b").x == 300)
    }

    @Test func nestedCentredTables() throws {
        let s = try Styled("""
        <table id=outer width="100%" cellpadding="0" cellspacing="0"><tr><td id=oc align="center">
        <table id=inner width="400" cellpadding="0" cellspacing="0"><tr><td id=ic>x</td></tr></table>
        <table id=t3 align="center" width="50%" cellpadding="0" cellspacing="0"><tr><td>y</td></tr></table>
        </td></tr></table>
        """, width: 600)
        #expect(try s.box("outer").width == 600)
        #expect(try s.box("oc").width == 600)
        let inner = try s.box("inner")
        #expect(inner.x == 100 && inner.width == 400 && inner.isCentered)
        #expect(try s.box("ic").x == 100 && s.box("ic").width == 400)
        #expect(try s.box("t3").x == 150 && s.box("t3").width == 300)
    }

    @Test func autoMarginsAndPadding() throws {
        let s = try Styled("""
        <div id=d style="width: 400px; margin: 0 auto"><p id=p style="margin:0; padding: 0 20px">x</p></div>
        <div id=e style="max-width: 500px; padding-left: 10%; border-left: 5px solid"><img id=i src=a.png style="width:100%; max-width: 100px"></div>
        <center><div id=f style="width: 200px">c</div></center>
        <div id=g style="margin-left: 50px; width: 2em">g</div>
        """)
        let d = try s.box("d")
        #expect(d.x == 100 && d.width == 400 && d.isCentered)
        let p = try s.box("p")
        #expect(p.x == 100 && p.width == 400 && p.contentX == 120 && p.contentWidth == 360)
        let e = try s.box("e")
        #expect(e.width == 565)  // max-width limits the content box: 500 + 10% of 600 + 5 border
        #expect(e.contentX == 65)
        #expect(e.contentWidth == 500)
        #expect(try s.box("i").width == 100)
        #expect(try s.box("f").x == 200)
        #expect(try s.box("g").x == 50 && s.box("g").width == 32)
    }

    @Test func unknownsStayUnknown() throws {
        let s = try Styled("""
        <div id=w style="width: calc(100% - 20px)"><div id=inside>x</div></div>
        <img id=noattr src=a.png>
        <table id=auto><tr><td id=ac>x</td><td id=bc>y</td></tr></table>
        <table id=known><tr><td id=k1 width="100">x</td><td width="200">y</td></tr></table>
        """)
        #expect(try s.box("w").width == nil)
        #expect(try s.box("w").x == 0)
        #expect(try s.box("inside").width == nil)
        #expect(try s.box("noattr").width == nil)
        #expect(try s.box("auto").width == nil)
        #expect(try s.box("ac").width == nil)
        // An auto-width table whose columns are all known is as wide as its columns: cells are
        // 100 + 2×1px UA padding and 200 + 2, plus 3 × 2px UA spacing.
        #expect(try s.box("known").width == 310)
        #expect(try s.box("k1").width == 102 && s.box("k1").x == 2)
    }

    @Test func imagePercentOfKnownContainerAndRightAlign() throws {
        let s = try Styled("""
        <div style="width: 500px"><p id=p style="text-align:right"><img id=i src=a width="100"></p>
        <p style="text-align:center"><img id=j src=a width="50%"></p></div>
        """)
        #expect(try s.box("i").x == 400)
        #expect(try s.box("j").x == 125 && s.box("j").width == 250)
    }

    @Test func layoutAtTwoWidths() throws {
        let doc = try parseHTML("""
        <style>@media (max-width: 480px) { .col { display: block !important; width: 100% !important } }</style>
        <table width="100%" cellpadding=0 cellspacing=0><tr><td id=a class=col width="50%">a</td><td id=b class=col>b</td></tr></table>
        """)
        let e = StyleEngine(document: doc)
        let r = e.resolve(widths: [600, 375])
        let a = try #require(byID(doc, "a"))
        #expect(r[0].box(of: a)?.width == 300)
        #expect(r[1].box(of: a)?.width == 375)
        #expect(r[1].style(of: a).display == .block)
    }
}

@Suite struct CorpusTests {
    static let root = "/work/shared/corpus/public"
    static var available: Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: root, isDirectory: &isDir) && isDir.boolValue
    }

    @Test(.enabled(if: CorpusTests.available, "public corpus folder is absent"))
    func resolvesWholeCorpusWithoutCrashing() throws {
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: CorpusTests.root) else { return }
        var files: [String] = []
        while let p = e.nextObject() as? String { if p.lowercased().hasSuffix(".html") { files.append(p) } }
        #expect(files.count > 100)
        var styledCount = 0
        for f in files {
            guard let data = fm.contents(atPath: CorpusTests.root + "/" + f) else { continue }
            let decoded = TextDecoder.decode([UInt8](data), html: true)
            guard let doc = try? HTMLParser.parse(decoded.source) else { continue }
            let engine = StyleEngine(document: doc)
            let results = engine.resolve(widths: [600, 375])
            #expect(results.count == 2)
            if let body = doc.firstElement(named: "body") {
                #expect(results[0].box(of: body)?.width == 600, "\(f)")
                #expect(results[0].style(of: body).fontSizePx > 0)
            }
            if !engine.allDeclarations.isEmpty { styledCount += 1 }
        }
        #expect(styledCount > 50)
    }
}

@Suite struct RobustnessTests {
    @Test func hugeNumbersNeverTrap() throws {
        let s = try Styled("""
        <style>p:nth-child(99999999999999999999999n+99999999999999999999) { font-weight: 1e400; width: 1e400px }
        .z { font-size: -5px; margin: 1e308px; opacity: 7 }</style>
        <table><tr><td colspan="99999999999999999999" rowspan="99999999999">x</td><td width="1e999">y</td></tr></table>
        <p class=z id=p>a</p><font size="+99999999999999999999">f</font><img id=i width="99999999999999999999999" height="1">
        """)
        #expect(try s.style("p").fontSizePx == 16)  // negative font-size is invalid
        #expect(try s.style("p").opacity == 1)  // clamped to [0, 1]
        #expect(try s.box("i").width ?? 0 > 1e20)
        #expect(try s.box("i").height == 1)
    }

    @Test func manyColumnsAreBounded() throws {
        let row = String(repeating: "<td colspan=1000>x</td>", count: 50)
        let s = try Styled("<table id=t width=600><tr>\(row)</tr></table>")
        #expect(try s.box("t").width == 600)
    }

    @Test func garbageCSSAndAttributes() throws {
        let junk = "<style>}{;;@media{{{ a{color:rgb(}b{url(  x y) } @import; @font-face; \\</style>"
            + "<div style='color:\"unterminated; width:: 5px; ;;; }{ margin: 1px'>x</div><p style=\"\">y</p>"
        let s = try Styled(junk)
        #expect(s.doc.count > 0)
        let d = try #require(s.doc.firstElement(named: "div"))
        #expect(s.styled.box(of: d)?.width == 600)
    }
}

@Suite struct InsetTests {
    @Test func columnsAreNotInsetButSpacersAre() throws {
        let s = try Styled("""
        <table width="600" cellpadding="0" cellspacing="0"><tr>
        <td id=a width="300"><p id=pa style="margin:0">left</p></td><td id=b width="300"><p id=pb style="margin:0">right</p></td></tr></table>
        <table width="600" cellpadding="0" cellspacing="0"><tr>
        <td width="150">&nbsp;</td><td id=c style="padding: 0 10px"><p id=pc style="margin:0">text</p></td><td width="50"></td></tr></table>
        """)
        let a = s.styled.inset(of: try s.id("pa"))
        #expect(a.left == 0 && a.right == 0)
        let b = s.styled.inset(of: try s.id("pb"))
        #expect(b.left == 0 && b.right == 0)
        let c = s.styled.inset(of: try s.id("pc"))
        #expect(c.left == 160 && c.right == 60)
    }

    @Test func inlineBadgeInTextIsMeasuredAsItsLine() throws {
        let s = try Styled("<div id=d style=\"padding-left:10px\"><span id=b style=\"display:inline-block;width:28px\">1</span> Step one</div>")
        let i = s.styled.inset(of: try s.id("b"))
        #expect(i.left == 10 && i.right == 0)
    }

    @Test func centredNarrowBoxIsInset() throws {
        let s = try Styled("<div style=\"width:300px;margin:0 auto\"><p id=p style=\"margin:0\">x</p></div><div id=u style=\"width:calc(50%)\">y</div>")
        let p = s.styled.inset(of: try s.id("p"))
        #expect(p.left == 150 && p.right == 150)
        let u = s.styled.inset(of: try s.id("u"))
        #expect(u.left == 0 && u.right == nil)
    }
}

@Suite struct InlineRunTests {
    @Test func inlineBlockColumnsSitSideBySide() throws {
        // MJML-style two-column section: inline-block columns in a centred cell.
        let s = try Styled("""
        <table width="600" cellpadding="0" cellspacing="0"><tr><td style="padding: 0 20px; text-align: center">
        <!--[if mso]><table><tr><td><![endif]-->
        <div id=c1 style="display:inline-block; width:50%; max-width:280px"><p id=t1 style="margin:0">a</p></div>
        <div id=c2 style="display:inline-block; width:50%; max-width:280px"><p id=t2 style="margin:0">b</p></div>
        </td></tr></table>
        """)
        #expect(try s.box("c1").x == 20 && s.box("c1").width == 280)
        #expect(try s.box("c2").x == 300 && s.box("c2").width == 280)
        #expect(try !s.box("c1").isCentered)
        let i1 = s.styled.inset(of: try s.id("t1"))
        #expect(i1.left == 20 && i1.right == 20)  // the other column holds content: not an inset
    }

    @Test func centredButtonAndImagesWrap() throws {
        let s = try Styled("""
        <div style="width:600px; text-align:center"><span style="display:inline-block; width:200px" id=btn>Go</span></div>
        <div style="width:600px; text-align:right"><img id=a src=a width=250> <img id=b src=b width=250> <img id=c src=c width=250></div>
        <div style="width:600px"><img id=u src=u> <img id=v src=v width=10></div>
        """)
        let b = try s.box("btn")
        #expect(b.x == 200 && b.isCentered)
        #expect(try s.box("a").x == 100 && s.box("b").x == 350)
        #expect(try s.box("c").x == 350)  // wrapped to a second line, right-aligned
        #expect(try s.box("u").x == 0 && s.box("u").width == nil)
        #expect(try s.box("v").x == nil)  // after an image of unknown width
    }

    @Test func floatedTablesAreColumns() throws {
        let s = try Styled("""
        <table width="600" cellpadding="0" cellspacing="0"><tr><td id=outer style="padding: 0 24px">
        <table id=l align="left" width="264" cellpadding="0" cellspacing="0"><tr><td><p id=pl style="margin:0">left</p></td></tr></table>
        <table id=r align="right" width="264" cellpadding="0" cellspacing="0"><tr><td><p id=pr style="margin:0">right</p></td></tr></table>
        </td></tr></table>
        """)
        #expect(try s.box("l").x == 24)
        #expect(try s.box("r").x == 312)
        let il = s.styled.inset(of: try s.id("pl"))
        // The other column is not inset; the 24px padding and the 24px gutter are.
        #expect(il.left == 24 && il.right == 48)
        let ir = s.styled.inset(of: try s.id("pr"))
        #expect(ir.left == 48 && ir.right == 24)
    }

    @Test func widthDoesNotApplyToInlineNonReplaced() throws {
        let s = try Styled("<div style=\"width:300px\"><span id=s style=\"width:100px\">x</span></div>")
        #expect(try s.box("s").width == 300)
    }
}
