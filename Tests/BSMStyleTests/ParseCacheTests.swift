import Testing
import BSMDocument
@testable import BSMStyle

/// `CSSParseCache`: an inline style parsed in one document and reused in another gives exactly
/// the declarations a fresh parse gives (offsets, lines and columns, tokens, owner element).
@Suite struct ParseCacheTests {
    /// Everything a declaration carries, comparable.
    struct Snapshot: Equatable {
        var property, value: String
        var important: Bool
        var range: SourceRange
        var decodedRange: Range<Int>
        var context: DeclarationContext
        var longhands: [Longhand]
        var tokens: [CSSToken]

        init(_ d: Declaration) {
            property = d.property
            value = d.value
            important = d.important
            range = d.range
            decodedRange = d.decodedRange
            context = d.context
            longhands = d.longhands
            tokens = d.tokens
        }
    }

    static let first = """
    <p style="color: red; margin: 0 auto !important">Hello</p>
    <img src="https://example.com/a.png" style="width: 300px; background: url(https://example.com/b.png)">
    """
    /// The same values at other offsets, lines and columns, repeated, and next to values the
    /// cache never holds (entities decoded: parsed afresh every time).
    static let second = """
    <!doctype html>
    <table><tr><td>
          <div style="padding: 4px">x</div><p style="color: red; margin: 0 auto !important">Hi</p>
    </td></tr></table>
    <span style="color: &#114;ed">entity</span>
        <img alt="" style="width: 300px; background: url(https://example.com/b.png)" src="https://example.com/a.png">
    <p style="color: red; margin: 0 auto !important">again</p>
    """

    @Test func sharedParsesEqualFreshParses() throws {
        let cache = CSSParseCache()
        _ = StyleEngine(document: try parseHTML(ParseCacheTests.first), cache: cache)
        #expect(cache.count == 2)
        let doc = try parseHTML(ParseCacheTests.second)
        let fresh = StyleEngine(document: doc).allDeclarations.map(Snapshot.init)
        let shared = StyleEngine(document: doc, cache: cache).allDeclarations.map(Snapshot.init)
        #expect(fresh.count == 8)
        #expect(shared == fresh)
        // Offsets of the reused tokens point at this document's text (the two repeats of the
        // first document's value; the entity-decoded `color` points at `&#114;ed`).
        let utf8 = doc.source.utf8
        let reds = StyleEngine(document: doc, cache: cache).allDeclarations.filter { $0.property == "color" }
        #expect(reds.count == 3)
        for d in reds {
            let t = try #require(d.tokens.first)
            #expect(String(decoding: utf8[t.start..<t.end], as: UTF8.self) == (d.range == reds[1].range ? "&#114;ed" : "red"))
        }
        #expect(cache.count == 3, "padding: 4px was added; the entity-decoded value was not")
    }

    /// Everything a style rule carries, comparable.
    struct RuleSnapshot: Equatable {
        var selectorText: String
        var selectors: [ComplexSelector]
        var declarations: Range<Int>
        var media: [MediaQueryList]
        var order: Int
        var range: SourceRange
        var styleNode: NodeID?
        var decodedRange: Range<Int>

        init(_ r: StyleRule) {
            selectorText = r.selectorText
            selectors = r.selectors
            declarations = r.declarations
            media = r.media
            order = r.order
            range = r.range
            styleNode = r.styleNode
            decodedRange = r.decodedRange
        }
    }

    static let sheet = """
    @import url("https://example.com/base.css") screen;
    body { margin: 0; font-family: Arial, sans-serif }
    .header td { padding: 12px 24px !important; background: url(https://example.com/h.png) }
    ..bad { color: red }
    @font-face { font-family: "Brand"; src: url(https://example.com/brand.woff2) }
    @media only screen and (max-width: 480px) {
      .container { width: 100% !important }
      p, li { font-size: 16px; line-height: 1.5 }
    }
    h1 { font-size: 28px; color: #333333 }
    """

    @Test func sharedSheetsEqualFreshParses() throws {
        let cache = CSSParseCache()
        let first = "<html><head><style>\(ParseCacheTests.sheet)</style></head><body><p>a</p></body></html>"
        _ = StyleEngine(document: try parseHTML(first), cache: cache)
        #expect(cache.sheetCount == 0, "a sheet is kept when it comes again")
        _ = StyleEngine(document: try parseHTML(first), cache: cache)
        #expect(cache.sheetCount == 1)
        // The same sheet further down, after an inline style and another sheet (other rule and
        // declaration indices), with a `media` attribute in a third copy (another key).
        let second = """
        <!doctype html>
        <html><head><meta charset="utf-8">
        <style>td { color: blue } .x { margin: 0 }</style>
          <style>\(ParseCacheTests.sheet)</style>
        <style media="screen">\(ParseCacheTests.sheet)</style>
        </head><body><p style="color: red">Hi</p><h1>T</h1></body></html>
        """
        let doc = try parseHTML(second)
        let fresh = StyleEngine(document: doc).stylesheet
        let once = StyleEngine(document: doc, cache: cache).stylesheet  // the plain copy replayed; the media copy met once
        #expect(cache.sheetCount == 1)
        let shared = StyleEngine(document: doc, cache: cache).stylesheet  // both replayed
        #expect(cache.sheetCount == 2, "the media copy is kept apart; the short sheet is never kept")
        #expect(once.rules.map(RuleSnapshot.init) == fresh.rules.map(RuleSnapshot.init))
        #expect(fresh.rules.count == 12 && fresh.fontFaces.count == 2 && fresh.imports.count == 2)
        #expect(shared.rules.map(RuleSnapshot.init) == fresh.rules.map(RuleSnapshot.init))
        #expect(shared.declarations.map(Snapshot.init) == fresh.declarations.map(Snapshot.init))
        #expect(shared.fontFaces.map { [$0.range.start.line, $0.range.start.column, $0.declarations.lowerBound, $0.styleNode ?? -1] }
                == fresh.fontFaces.map { [$0.range.start.line, $0.range.start.column, $0.declarations.lowerBound, $0.styleNode ?? -1] })
        #expect(shared.imports.map { "\($0.url) \($0.mediaText) \($0.range) \($0.styleNode ?? -1)" }
                == fresh.imports.map { "\($0.url) \($0.mediaText) \($0.range) \($0.styleNode ?? -1)" })
        #expect(shared.droppedRules == fresh.droppedRules && fresh.droppedRules == 2)
        // And the cascade agrees.
        let a = StyleEngine(document: doc).resolve(width: 600), b = StyleEngine(document: doc, cache: cache).resolve(width: 600)
        for id in doc.nodes.indices { #expect(a.style(of: id) == b.style(of: id)) }
    }

    @Test func boundedByCountAndLength() throws {
        let cache = CSSParseCache(capacity: 2)
        let long = "width: 1px;" + String(repeating: " color: red;", count: 200)
        let html = """
        <p style="width: 1px">a</p><p style="width: 2px">b</p><p style="width: 3px">c</p><p style="\(long)">d</p>
        """
        let doc = try parseHTML(html)
        let shared = StyleEngine(document: doc, cache: cache).allDeclarations.map(Snapshot.init)
        #expect(cache.count == 2)
        #expect(cache.inlineStyle(long) == nil, "longer than maxValueLength: never kept")
        #expect(shared == StyleEngine(document: doc).allDeclarations.map(Snapshot.init))
    }
}
