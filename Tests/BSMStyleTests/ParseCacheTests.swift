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
