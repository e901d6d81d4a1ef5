import Testing
import BSMDocument
@testable import BSMStyle

/// `conditionalDeclarations`: declarations that apply only in a user-action state or to a text
/// pseudo-element, and win there.
@Suite struct ConditionalDeclarationTests {
    struct Row: Equatable, CustomStringConvertible {
        var value: String
        var element: String
        var condition: String
        var generatesText: Bool
        var widths: [Double]
        var description: String { "\(value) @\(element) \(condition) text=\(generatesText) \(widths)" }
    }

    func rows(_ html: String, widths: [Double] = [600],
              properties: Set<StyleProperty> = [.color, .fontFamily, .lineHeight]) throws -> [Row] {
        let doc = try parseHTML(html)
        let engine = StyleEngine(document: doc)
        return engine.conditionalDeclarations(properties: properties, widths: widths).map { c in
            Row(value: engine.allDeclarations[c.declaration].value,
                element: doc.nodes[c.element].attribute("id") ?? doc.nodes[c.element].name,
                condition: c.condition, generatesText: c.generatesText, widths: c.widths)
        }
    }

    @Test func userActionStates() throws {
        let html = """
        <style>a:hover { color: red } a:visited { color: blue } p:focus-within { line-height: 2 } td:checked { color: green }</style>
        <p id="p"><a id="a" href="https://x">Link</a></p><table><tr><td>x</td></tr></table>
        """
        // In document order of the elements; `:checked` is not a user action (and matches nothing here).
        #expect(try rows(html) == [
            Row(value: "2", element: "p", condition: ":focus-within", generatesText: false, widths: [600]),
            Row(value: "red", element: "a", condition: ":hover", generatesText: false, widths: [600]),
            Row(value: "blue", element: "a", condition: ":visited", generatesText: false, widths: [600]),
        ])
    }

    @Test func stateCompetesWithTheElementsOwnDeclarations() throws {
        // Inline beats the state rule; a weaker static rule loses to it; `!important` wins back.
        #expect(try rows("<style>a:hover { color: red }</style><a id=\"a\" href=\"x\" style=\"color: blue\">L</a>").isEmpty)
        #expect(try rows("<style>a:hover { color: red } a { color: blue }</style><a id=\"a\" href=\"x\">L</a>").map(\.value) == ["red"])
        #expect(try rows("<style>a:hover { color: red !important }</style><a id=\"a\" href=\"x\" style=\"color: blue\">L</a>")
                .map(\.value) == ["red"])
        // Two rules for the same state: the later one wins; a different state is reported on its own.
        #expect(try rows("<style>a:hover { color: red } a:hover { color: green } a:active { color: gray }</style><a id=\"a\" href=\"x\">L</a>")
                .map(\.value) == ["green", "gray"])
    }

    @Test func pseudoElements() throws {
        let html = """
        <style>
        p::first-letter { font-family: Georgia } .x::before { content: "» "; color: red } .y::after { content: ""; color: blue }
        p::selection { color: pink } li::marker { color: teal } .z::before { color: orange }
        </style>
        <p id="p" class="x y z">Hello</p><ul><li>i</li></ul>
        """
        #expect(try rows(html) == [
            Row(value: "Georgia", element: "p", condition: "::first-letter", generatesText: false, widths: [600]),
            Row(value: "blue", element: "p", condition: "::after", generatesText: false, widths: [600]),
            Row(value: "orange", element: "p", condition: "::before", generatesText: true, widths: [600]),
        ])
        // `.z::before` comes later with the same specificity: it wins the `::before` colour over
        // `.x::before`, and takes the box's text from `.x::before`'s content; `::selection` and
        // `::marker` are not text pseudo-elements.
    }

    @Test func stateOfAPseudoElementKeepsItsContent() throws {
        // `a:hover::before` sets only a colour: the box's text comes from `a::before`, which
        // still applies on hover; a hover rule's own `content: none` would take it away.
        let html = """
        <style>
        a::before { content: "→ " } a:hover::before { color: red }
        b::before { content: "★" } b:hover::before { content: none; color: blue }
        i:hover::before { color: green }
        </style>
        <p><a id="a" href="https://x">Link</a> <b id="b">Bold</b> <i id="i">It</i></p>
        """
        #expect(try rows(html) == [
            Row(value: "red", element: "a", condition: ":hover::before", generatesText: true, widths: [600]),
            Row(value: "blue", element: "b", condition: ":hover::before", generatesText: false, widths: [600]),
            Row(value: "green", element: "i", condition: ":hover::before", generatesText: false, widths: [600]),
        ])
    }

    @Test func mediaPerWidthAndNothingWithoutConditions() throws {
        let html = "<style>@media (max-width: 480px) { a:hover { color: red } } p { color: blue }</style><p><a id=\"a\" href=\"x\">L</a></p>"
        #expect(try rows(html, widths: [600, 375]) == [Row(value: "red", element: "a", condition: ":hover", generatesText: false, widths: [375])])
        #expect(try rows(html, widths: [600]).isEmpty)
        #expect(try rows("<style>p { color: blue } a:hover { background: red }</style><p>x</p>").isEmpty)
        #expect(try rows("<style>a:hover { color: red }</style><p>x</p>").isEmpty)  // matches nothing
    }

    @Test func propertiesFitTheBitSet() {
        // `conditionalDeclarations` keeps the asked-for properties as bits of a UInt64.
        #expect(StyleProperty.count <= 64)
    }

    @Test func contentTests() throws {
        func text(_ v: String) -> Bool { StyleEngine.contentGeneratesText(Stylesheet.parseDeclarations("content: \(v)")[0]) }
        #expect(text("\"x\""))
        #expect(text("counter(item) \". \""))
        #expect(text("attr(title)"))
        #expect(text("open-quote"))
        #expect(!text("\"\""))
        #expect(!text("\" \""))
        #expect(!text("none"))
        #expect(!text("url(a.png)"))
    }
}
