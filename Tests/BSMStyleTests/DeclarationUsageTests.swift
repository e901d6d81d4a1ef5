import Testing
import BSMDocument
@testable import BSMStyle

/// `winningDeclarationMask`: which author declarations win the cascade for their group somewhere.
@Suite struct DeclarationUsageTests {
    static let groups: [String: Int] = ["background": 0, "background-image": 0, "content": 1, "border-image": 2]

    /// Values of the declarations of `property` flagged by the mask, in source order.
    func used(_ html: String, widths: [Double] = [600], schemes: [ColorScheme] = [.light], property: String? = nil) throws -> [String] {
        let engine = StyleEngine(document: try parseHTML(html))
        let mask = engine.winningDeclarationMask(groups: DeclarationUsageTests.groups, widths: widths, schemes: schemes)
        #expect(mask.count == engine.allDeclarations.count)
        return engine.allDeclarations.indices.filter { mask[$0] && (property == nil || engine.allDeclarations[$0].property == property) }
            .map { engine.allDeclarations[$0].value }
    }

    @Test func losingDeclarationIsNotUsed() throws {
        let html = """
        <style>.x { background-image: url(http://a/x.png); } .x.y { background-image: url(https://a/x.png); }</style>
        <p class="x y">Hi</p>
        """
        #expect(try used(html) == ["url(https://a/x.png)"])
        // On another element the first rule wins: both are used.
        #expect(try used(html + "<p class=\"x\">B</p>") == ["url(http://a/x.png)", "url(https://a/x.png)"])
    }

    @Test func colourSchemes() throws {
        let html = """
        <style>
        .h { background-image: url(https://a/light.png) }
        @media (prefers-color-scheme: dark) { .h { background-image: url(http://a/dark.png) !important } }
        @media (prefers-color-scheme: light) { .k { background-image: url(https://a/k.png) } }
        </style>
        <div class="h">Hi</div><div class="k">Ho</div>
        """
        #expect(try used(html) == ["url(https://a/light.png)", "url(https://a/k.png)"])
        #expect(try used(html, schemes: [.dark]) == ["url(http://a/dark.png)"])
        #expect(try used(html, schemes: [.light, .dark]) == ["url(https://a/light.png)", "url(http://a/dark.png)", "url(https://a/k.png)"])
    }

    @Test func shorthandCompetesWithLonghand() throws {
        #expect(try used("<style>.x { background-image: url(a.gif) } .x.y { background: red }</style><p class=\"x y\">Hi</p>")
                == ["red"])
        #expect(try used("<style>.x { background-image: url(a.gif) } .x.y { background-image: none }</style><p class=\"x y\">Hi</p>")
                == ["none"])
        // Another group does not compete.
        #expect(try used("<style>.x { background-image: url(a.gif) } .x.y { color: red }</style><p class=\"x y\">Hi</p>")
                == ["url(a.gif)"])
    }

    @Test func importantAndInline() throws {
        // Inline beats a rule; an important rule beats inline.
        #expect(try used("<style>p { background-image: url(a.png) }</style><p style=\"background-image: url(b.png)\">Hi</p>")
                == ["url(b.png)"])
        #expect(try used("<style>p { background-image: url(a.png) !important }</style><p style=\"background-image: url(b.png)\">Hi</p>")
                == ["url(a.png)"])
        // Unmodelled properties holding a URL take part too (inline and in sheets).
        #expect(try used("<style>p { border-image: url(a.png) 30 round }</style><p style=\"content: url(c.png)\">Hi</p>")
                == ["url(a.png) 30 round", "url(c.png)"])
        #expect(try used("<style>.unused { border-image: url(a.png) 30 }</style><p>Hi</p>") == [])
    }

    @Test func mediaEvaluatedAtEachWidth() throws {
        let css = """
        <style>
        @media print { .x { background-image: url(print.png) } }
        @media (min-width: 700px) { .x { background-image: url(wide.png) } }
        @media (max-width: 480px) { .x { background-image: url(phone.png) } }
        </style><p class="x">Hi</p>
        """
        #expect(try used(css) == [])
        #expect(try used(css, widths: [600, 375]) == ["url(phone.png)"])
        #expect(try used(css, widths: [800]) == ["url(wide.png)"])
    }

    @Test func pseudoElementRulesApplyWhereTheirElementMatches() throws {
        #expect(try used("<style>p::after { content: url(a.png) }</style><p>A</p>") == ["url(a.png)"])
        #expect(try used("<style>.n:before { background-image: url(a.png) }</style><p class=\"n\">A</p>") == ["url(a.png)"])
        #expect(try used("<style>::before { background-image: url(a.png) }</style><p>A</p>") == ["url(a.png)"])
        #expect(try used("<style>div p:first-letter { background: url(a.png) }</style><div><p>A</p></div>") == ["url(a.png)"])
        // No element matches the selector before the pseudo-element.
        #expect(try used("<style>.none::after { content: url(a.png) }</style><p>A</p>") == [])
        // Competes with rules for the same box only; the element's own rule is not beaten by it.
        #expect(try used("""
        <style>p::before { content: url(a.png) } p.x::before { content: url(b.png) } p.x { background-image: url(c.png) }
        p::after { content: url(d.png) }</style><p class="x">A</p>
        """) == ["url(b.png)", "url(c.png)", "url(d.png)"])
        // @media gates pseudo-element rules too.
        #expect(try used("<style>@media print { p::after { content: url(a.png) } }</style><p>A</p>") == [])
    }

    @Test func pseudoElementRulesDoNotStyleTheElement() throws {
        let s = try Styled("<style>p::before { background-image: url(a.png); width: 10px }</style><p id=p>A</p>")
        #expect(try s.style("p").backgroundImage == nil)
        #expect(try s.style("p").width == .auto)
    }
}
