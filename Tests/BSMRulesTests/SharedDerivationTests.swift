import Foundation
import BSMDocument
import BSMEngine
import BSMStyle
@testable import BSMRules
import Testing

/// Values several rules derive from one document (`DerivedValues`), and the byte-level fast
/// paths of the rules' shared helpers.
@Suite struct SharedDerivationTests {
    @Test func derivedValueIsMadeOncePerKey() {
        let derived = DerivedValues()
        var made = 0
        let a = derived.value("a") { made += 1; return [1, 2, 3] }
        let again = derived.value("a") { made += 1; return [9] }
        let b = derived.value("b") { made += 1; return "other" }
        #expect(a == [1, 2, 3] && again == [1, 2, 3] && b == "other")
        #expect(made == 2)
    }

    func findings(_ types: [any Rule.Type], _ html: String) throws -> [String] {
        let linter = try Linter(ruleTypes: types, configuration: Configuration())
        return linter.check(path: "t.html", bytes: Array(html.utf8)).findings
            .filter { f in types.contains { $0.metadata.id == f.ruleId } }
            .map { "\($0.ruleId) \($0.range.start) \($0.evidence ?? "")" }
    }

    /// gif-image and insecure-image share the CSS image references: together they report what
    /// each reports alone.
    @Test func rulesSharingReferencesReportWhatTheyReportAlone() throws {
        let html = """
        <style>
          .a { background-image: url(http://example.com/a.gif); }
          .b { background: url(https://example.com/b.gif) no-repeat; }
          .c { background-image: url(http://example.com/c.png); }
        </style>
        <div class="a">1</div><div class="b">2</div><div class="c">3</div>
        """
        let gif = try findings([GIFImageRule.self], html)
        let insecure = try findings([InsecureImageRule.self], html)
        #expect(gif.count == 2 && insecure.count == 2)
        #expect(Set(try findings([GIFImageRule.self, InsecureImageRule.self], html)) == Set(gif + insecure))
    }

    @Test func blankTextIsWhiteSpaceOrZeroWidthOnly() {
        for s in ["", " ", "\n\t \r\u{C}\u{B}", "\u{A0}", "\u{200B}\u{FEFF}", " \u{2003} \u{3000}", "\u{AD}"] {
            #expect(BlankText.isBlank(s), "\(s.debugDescription)")
        }
        for s in ["a", " a", "\u{A0}x", "   .", "\u{2003}é", "é", "\u{1C}", "{{name}}"] {
            #expect(!BlankText.isBlank(s), "\(s.debugDescription)")
        }
        // A node decides it once, when its text is set, and again whenever the text changes.
        var n = Node(kind: .text, text: " \u{A0} ", range: SourceRange(at: SourcePosition(line: 1, column: 1, offset: 0)))
        #expect(n.isBlankText)
        n.text = "Hi"
        #expect(!n.isBlankText)
        n.text = "\u{200B}"
        #expect(n.isBlankText)
        // Every text node the parser builds agrees with the definition.
        if let doc = try? HTMLParser.parse(SourceText(string: "<p> </p><p>&nbsp;x</p><div>\n\t</div><p>&#8203;</p>"), kind: .html) {
            let texts = doc.nodes.filter { $0.kind == .text }
            #expect(texts.map(\.isBlankText) == [true, false, true, true], "set by the parser, text by text")
        } else {
            Issue.record("parse failed")
        }
    }

    @Test func collapsingSpacesMatchesSplitAndJoin() {
        func reference(_ s: String) -> String {
            s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
        }
        for s in ["", " ", "td", "table td.x", " td", "td ", "a  b", "a\nb", "a,\n  b", "a\r\nb", "\tx\t", "é  ü", "p > a:hover"] {
            #expect(OverrideCheck.collapsingSpaces(s) == reference(s), "\(s.debugDescription)")
        }
    }
}

/// The phrase packs' wildcards work only at a word's ends (`review*`, `*bewertung`): a `*` inside
/// a word would never match (review Z: `con*nerie*`).
@Suite struct PhrasePackSyntaxTests {
    @Test func wildcardsSitAtWordEnds() throws {
        let dir = try #require(PhrasePacks.directory)
        let files = (FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
            .filter { $0.pathExtension == "txt" }
        #expect(files.count >= 10)
        var bad: [String] = []
        for f in files {
            for line in try String(contentsOf: f, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("[") {
                for word in line.split(separator: " ") where word.dropFirst().dropLast().contains("*") {
                    bad.append("\(f.lastPathComponent): \(line)")
                }
            }
        }
        #expect(bad.isEmpty, "\(bad)")
    }
}

@Suite struct SPAPITagTests {
    /// Links in angle brackets are no tags; tags written without a space are (review Z).
    @Test func autolinksAndTags() {
        for text in ["see <https://www.ups.com/track?id=1&x=2>", "mail <mailto:a@b.example>", "write to <a@b.example>"] {
            #expect(SPAPILimitsRule.firstTag(in: text) == nil, "\(text)")
        }
        for text in ["<img\tsrc=\"https://x.example/a.png\">", "<img/src=\"https://x.example/a.png\">", "<a/href=https://x.example>", "<b>hi</b>"] {
            #expect(SPAPILimitsRule.firstTag(in: text) != nil, "\(text)")
        }
    }
}
