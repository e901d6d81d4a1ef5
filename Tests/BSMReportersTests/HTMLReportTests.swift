import BSMDocument
import BSMEngine
import BSMReporters
import BSMRules
import Foundation
import Testing

enum Hostile {
    /// A template whose text, attributes and file name try to break out of the report's markup.
    static let template = """
    <html><body>
    <p>Hi "><img src=x onerror="document.body.setAttribute('data-pwned','1')"> &lt;script&gt;document.title='pwned'&lt;/script&gt; 🎉</p>
    <img src="http://cdn.example.com/a.png?q=\\"><script>document.title='pwned2'</script>" alt="<script>x</script>">
    <p>'`${alert(1)}` </textarea></pre></svg>🎉</p>
    </body></html>

    """
    static let path = "templates/<script>alert('p')</script>\"><img src=x onerror=alert(3)>.html"

    static func results() throws -> [FileResult] {
        let linter = try Linter(ruleTypes: [InsecureImageRule.self, EmojiRule.self], configuration: Configuration())
        let r = linter.check(path: path, bytes: Array(template.utf8))
        return [r]
    }

    static func html() throws -> String { Render.output(.html, try results()) }
}

@Suite struct HTMLReportTests {
    @Test func hostileTemplateTextIsEscaped() throws {
        let results = try Hostile.results()
        let findings = results[0].findings
        // The rules really saw the hostile text: its evidence and source lines reach the report.
        #expect(findings.contains { $0.ruleId == "insecure-image" })
        #expect(findings.filter { $0.ruleId == "emoji" }.count == 2)
        let out = try Hostile.html()
        // Exactly one script element: the report's own sorter, at the end.
        #expect(out.components(separatedBy: "<script").count == 2)
        #expect(out.components(separatedBy: "</script>").count == 2)
        #expect(!out.contains("<img"), "no image element at all")
        #expect(!out.contains("onerror=\""), "no live event handler attribute")
        #expect(!out.contains("\"><img") && !out.contains("\"><script"), "no attribute break-out")
        #expect(out.contains("&quot;&gt;&lt;img src=x onerror=&quot;document.body.setAttribute(&#39;data-pwned&#39;,&#39;1&#39;)&quot;&gt;"))
        #expect(out.contains("templates/&lt;script&gt;alert(&#39;p&#39;)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(3)&gt;.html"))
        #expect(out.contains("/textarea&gt;&lt;/pre&gt;&lt;/svg&gt;"))
        #expect(!out.contains("</textarea>") && !out.contains("</pre></svg>"))
        #expect(out.contains("&#39;&#96;${alert(1)}&#96;"))
    }

    @Test func selfContainedWithoutNetwork() throws {
        let out = Render.output(.html, try Fixtures.lint() + Sample.results + Hostile.results())
        #expect(out.hasPrefix("<!DOCTYPE html>\n"))
        #expect(out.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"))
        // Nothing is loaded: no external stylesheet, script, image, font or frame.
        for bad in ["<link", " src=\"", "<iframe", "@import", "url(", "<object", "<embed"] {
            #expect(!out.contains(bad), "\(bad)")
        }
        // Summary, chart, table and sections.
        #expect(out.contains("<div class=\"card error\"><b>11</b>errors</div>"))
        #expect(out.contains("<svg id=\"chart\""))
        #expect(out.contains("<title>emoji: 5 errors</title>"))
        #expect(out.contains("<table id=\"files\">"))
        #expect(out.components(separatedBy: "<tr data-order=").count - 1 == 12)
        #expect(out.contains("<mark>&lt;img src=&quot;http://cdn.example.com/banner.png&quot; alt=&quot;Banner&quot;&gt;</mark>"))
        #expect(out.hasSuffix("</html>\n"))
    }

    @Test func wellFormedAsHTMLForLibxml2() throws {
        let out = try Hostile.html()
        guard let xmllint = XMLLint.path else { return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bsmlint-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("r.html")
        try Data(out.utf8).write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: xmllint)
        p.arguments = ["--html", "--noout", "--xpath", "count(//script)", file.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        // libxml2's HTML 4 parser complains about the (valid HTML5) inline svg on stderr.
        p.standardError = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(text.hasPrefix("1"), "libxml2's HTML parser finds one script element: \(text)")
    }
}

/// Renders the report in headless Chromium (Debian's `chromium`): it loads, the hostile template's
/// script and handlers do not run, and a screenshot is produced.
enum Chromium {
    static let path: String? = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func run(_ args: [String]) throws -> (Int32, String) {
        let exe = try #require(path)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["timeout", "90", exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                       "--disable-dev-shm-usage", "--user-data-dir=\(FileManager.default.temporaryDirectory.path)/bsmlint-chromium-\(UUID().uuidString)"] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

@Suite(.enabled(if: Chromium.path != nil, "needs Debian's chromium"), .serialized)
struct HTMLChromiumTests {
    @Test func rendersWithoutRunningTemplateScriptAndTakesAScreenshot() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bsmlint-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html")
        try Data(Render.output(.html, try Fixtures.lint() + Hostile.results()).utf8).write(to: page)

        let (status, dom) = try Chromium.run(["--dump-dom", page.absoluteString])
        #expect(status == 0)
        #expect(dom.contains("<title>bsmlint report</title>"), "the title was not changed by an injected script")
        #expect(!dom.contains("data-pwned=\"1\""), "no injected handler ran")
        #expect(dom.contains("<body>"))
        #expect(dom.contains("<table id=\"files\">"))

        let shot = dir.appendingPathComponent("shot.png")
        let (status2, _) = try Chromium.run(["--screenshot=\(shot.path)", "--window-size=1200,1600", page.absoluteString])
        #expect(status2 == 0)
        let png = try Data(contentsOf: shot)
        #expect(png.count > 10_000)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR width and height (big-endian at bytes 16...23).
        let bytes = Array(png)
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1200 && height == 1600)
    }
}

@Suite(.enabled(if: SchemaValidator.enabled, SchemaValidator.skipComment))
struct BaselineSchemaTests {
    @Test func jsonWithBaselineSuppressedMatchesTheReportSchemas() throws {
        var json = JSONReporter(), jsonl = JSONLReporter()
        let run = RunInfo(referenceWidths: [600], marketplace: "amazon.com")
        var a = json.begin(run), b = jsonl.begin(run)
        var s = RunSummary()
        for r in try Fixtures.lint() {
            s.add(r)
            a += json.file(r)
            b += jsonl.file(r)
        }
        a += json.end(s, extras: RunExtras(baselineSuppressed: 4))
        b += jsonl.end(s, extras: RunExtras(baselineSuppressed: 4))
        #expect(a.contains(#""baselineSuppressed":4"#) && b.contains(#""baselineSuppressed":4"#))
        let r1 = try SchemaValidator.validate(a, schema: Repo.jsonSchema, kind: "json")
        #expect(r1.status == 0, "\(r1.output)")
        let r2 = try SchemaValidator.validate(b, schema: Repo.jsonlSchema, kind: "jsonl")
        #expect(r2.status == 0, "\(r2.output)")
        let bad = try SchemaValidator.validate(a.replacingOccurrences(of: #""baselineSuppressed":4"#, with: #""baselineSuppressed":-1"#),
                                               schema: Repo.jsonSchema, kind: "json")
        #expect(bad.status == 1)
    }
}
