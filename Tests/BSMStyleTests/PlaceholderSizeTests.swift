import Testing
import BSMDocument
@testable import BSMStyle

/// A box size written with a template placeholder is unknown: never `auto`, never a number.
@Suite struct PlaceholderSizeTests {
    /// Stand-in for BSMText's matcher (BSMStyle cannot import it): `{{…}}` and `%%…%%`.
    static func isPlaceholder(_ s: String) -> Bool { s.contains("{{") || s.contains("%%") }

    @Test func cssPlaceholderWidthIsUnknownAndPropagates() throws {
        let s = try Styled("""
        <div id=d style="width: {{w}}"><p id=p style="padding-left: 50%">Hello</p>
        <img id=img src="https://example.com/a.png" width="100%"></div>
        """)
        #expect(try s.style("d").width == .unknown)
        #expect(try s.box("d").width == nil)
        #expect(try s.box("d").contentWidth == nil)
        // Percentages of an unknown width are unknown.
        #expect(try s.box("p").contentX == nil)
        #expect(try s.box("img").width == nil)
    }

    /// Logical properties with a placeholder are unknown on the side they set.
    @Test func logicalPropertyPlaceholders() throws {
        let s = try Styled("""
        <p id=a style="padding-left: 150px; padding-inline-start: %%pad%%px">A</p>
        <div dir="rtl"><p id=b style="padding-inline-start: {{pad}}">B</p></div>
        <p id=c style="margin-inline: %%m%%px">C</p>
        """, containsPlaceholder: PlaceholderSizeTests.isPlaceholder)
        #expect(try s.style("a").padding.left == .unknown)
        #expect(try s.style("b").padding.right == .unknown && s.style("b").padding.left == .px(0))
        #expect(try s.style("c").margin.left == .unknown && s.style("c").margin.right == .unknown)
    }

    @Test func bracketAndPredicatePlaceholdersInCSS() throws {
        let s = try Styled("""
        <div id=a style="max-width: [[w]]; width: 100%">A</div>
        <div id=b style="width: %%w%%px">B</div>
        <div id=c style="margin: 0 {{m}}">C</div>
        <div id=e style="width: nonsense">E</div>
        """, containsPlaceholder: PlaceholderSizeTests.isPlaceholder)
        #expect(try s.style("a").maxWidth == .unknown)
        #expect(try s.box("a").width == nil, "clamped by an unknown max-width: unknown")
        #expect(try s.style("b").width == .unknown)
        #expect(try s.box("b").width == nil)
        #expect(try s.style("c").margin.left == .unknown)
        #expect(try s.box("c").x == nil)
        // An invalid value without a placeholder is still dropped (auto).
        #expect(try s.style("e").width == .auto)
        #expect(try s.box("e").width == 600)
    }

    @Test func predicatePlaceholderWithoutMatcherStaysInvalid() throws {
        // Without a predicate only `{}`/`[]` blocks are recognised.
        let s = try Styled("<div id=b style=\"width: %%w%%px\">B</div>")
        #expect(try s.style("b").width == .auto)
    }

    @Test func attributePlaceholderWidthIsUnknown() throws {
        let s = try Styled("""
        <table id=t width="600" cellpadding="0" cellspacing="0"><tr><td id=a width="{{w}}">&nbsp;</td><td id=b>Hello</td></tr></table>
        <table id=t2 width="600" cellpadding="{{pad}}" cellspacing="0"><tr><td id=c>Hello</td></tr></table>
        <img id=img src="https://example.com/a.png" width="{{w}}px" height="%%h%%">
        <img id=img2 src="https://example.com/a.png" width="320">
        """, containsPlaceholder: PlaceholderSizeTests.isPlaceholder)
        #expect(try s.style("a").width == .unknown)
        #expect(try s.box("a").width == nil, "not half of the row")
        #expect(try s.box("b").x == nil, "placed after a cell of unknown width")
        #expect(try s.style("c").padding.left == .unknown)
        #expect(try s.box("c").contentX == nil)
        #expect(try s.box("img").width == nil)
        #expect(try s.box("img").height == nil)
        #expect(try s.box("img2").width == 320)
    }

    @Test func unknownColWidth() throws {
        let s = try Styled("""
        <table width="600" cellpadding="0" cellspacing="0"><col style="width: {{w}}"><col>
        <tr><td id=a>&nbsp;</td><td id=b>Hello</td></tr></table>
        """)
        #expect(try s.box("a").width == nil)
        #expect(try s.box("b").x == nil)
    }
}
