import BSMDocument
import BSMEngine
import BSMReporters
import Foundation
import Testing

@Suite struct EscapingTests {
    private func esc(_ s: String) -> String {
        var out = ""
        JSONWriter.escape(s, into: &out)
        return out
    }

    @Test func quotesAndBackslashes() {
        #expect(esc(#"say "hi" \ bye"#) == #""say \"hi\" \\ bye""#)
        #expect(esc(#"C:\path\"x""#) == #""C:\\path\\\"x\"""#)
        #expect(esc("/") == #""/""#, "solidus needs no escape")
    }

    @Test func integersAsStringWouldWriteThem() {
        var samples = [0, 1, -1, 9, 10, -10, 99, 100, 65535, 1_000_000, -987_654_321, Int.max, Int.min, Int.max - 1, Int.min + 1]
        var x = 1
        for _ in 0..<19 {
            samples += [x - 1, x, x + 1, -x]
            x = x.multipliedReportingOverflow(by: 10).overflow ? x : x * 10
        }
        for v in samples {
            var out: [UInt8] = []
            ASCII.decimal(v) { out.append($0) }
            #expect(String(decoding: out, as: UTF8.self) == String(v))
        }
    }

    @Test func controlCharacters() {
        #expect(esc("\n\r\t") == #""\n\r\t""#)
        #expect(esc("\u{0}\u{1}\u{8}\u{B}\u{C}\u{1B}\u{1F}") == #""\u0000\u0001\u0008\u000b\u000c\u001b\u001f""#)
        #expect(esc("\u{7F}") == "\"\u{7F}\"", "DEL is legal in JSON strings")
    }

    @Test func loneCRAndCRLF() {
        // "\r\n" is one Character in Swift but two scalars: both must be escaped.
        #expect(esc("a\rb") == #""a\rb""#)
        #expect(esc("a\r\nb") == #""a\r\nb""#)
        #expect(esc("\r") == #""\r""#)
    }

    @Test func lineAndParagraphSeparators() {
        // Valid in JSON but not in JavaScript source before ES2019: always escaped.
        #expect(esc("a\u{2028}b\u{2029}c") == #""a\u2028b\u2029c""#)
    }

    @Test func nonASCIIIsWrittenAsUTF8() {
        #expect(esc("café 🎉 👩‍💻 🇩🇪 1️⃣") == "\"café 🎉 👩‍💻 🇩🇪 1️⃣\"")
        #expect(esc("\u{FEFF}\u{00A0}") == "\"\u{FEFF}\u{00A0}\"")
        // Other characters whose UTF-8 starts with 0xE2, as U+2028/2029 do, are copied as they are.
        #expect(esc("a—b€c…\u{2027}\u{202A}\u{2029}d") == "\"a—b€c…\u{2027}\u{202A}\\u2029d\"")
    }

    @Test func invalidInputBecomesReplacementCharacters() {
        // Swift strings cannot hold lone surrogates: decoding turns them (and bad UTF-8) into U+FFFD,
        // so the writer never sees one and never has to escape one.
        let fromUTF16 = String(decoding: [0xD800, 0x0041] as [UInt16], as: UTF16.self)
        let fromUTF8 = String(decoding: [0xED, 0xA0, 0x80, 0x41] as [UInt8], as: UTF8.self)
        #expect(fromUTF16.unicodeScalars.first == "\u{FFFD}")
        #expect(esc(fromUTF16) == "\"\u{FFFD}A\"")
        #expect(esc(fromUTF8).hasSuffix("A\""))
        #expect(!esc(fromUTF8).unicodeScalars.contains { (0xD800...0xDFFF).contains($0.value) })
    }

    static let roundTrip: [String] = [
        "", "plain", #"quote " backslash \ slash /"#, "\u{0}\u{1}\u{1F}", "a\rb\r\nc\nd", "\u{2028}\u{2029}",
        "🎉👩‍💻🇩🇪", "\u{7F}\u{80}\u{9F}", "é\u{301}", "<script>alert('x')</script>", String(repeating: "\\\"", count: 50),
    ]

    @Test(arguments: roundTrip)
    func foundationReadsBackWhatWasWritten(_ s: String) throws {
        var w = JSONWriter()
        w.beginArray()
        w.string(nil, s)
        w.endArray()
        let back = try #require(try parseJSON(w.out) as? [String])
        #expect(back == [s])
        #expect(back.first?.unicodeScalars.elementsEqual(s.unicodeScalars) == true)
    }

    @Test func escapingInsideAWholeReport() throws {
        let results = Sample.results
        let doc = try #require(try parseJSON(Render.output(.json, results)) as? [String: Any])
        let files = try #require(doc["files"] as? [[String: Any]])
        #expect(files.map { $0["path"] as? String } == results.map(\.path))
        let odd = try #require(files.last)
        let finding = try #require((odd["findings"] as? [[String: Any]])?.first)
        let message = try #require(finding["message"] as? String)
        #expect(message == results.last?.findings.first?.message)
        #expect(message.unicodeScalars.contains("\u{2028}") && message.unicodeScalars.contains("\r"))
    }

    @Test func numbers() {
        func num(_ v: Double) -> String {
            var w = JSONWriter()
            w.number(nil, v)
            return w.out
        }
        #expect(num(600) == "600")
        #expect(num(375.5) == "375.5")
        #expect(num(12.3456) == "12.346")
        #expect(num(0) == "0")
        #expect(num(-0.0) == "0")
        #expect(num(.nan) == "null")
        #expect(num(.infinity) == "null")
    }

    @Test func nestingAndCommas() throws {
        var w = JSONWriter()
        w.beginObject()
        w.int("a", 1)
        w.beginArray("b")
        w.bool(nil, true)
        w.optionalString(nil, nil)
        w.beginObject()
        w.endObject()
        w.endArray()
        w.raw("c", "[1,2]")
        w.endObject()
        #expect(w.out == #"{"a":1,"b":[true,null,{}],"c":[1,2]}"#)
        _ = try parseJSON(w.out)
    }
}
