import BSMDocument
import BSMEngine
import Foundation
@testable import BSMRules
import Testing

/// Focused tests of the measuring styling rules: evidence text, reference widths, boundaries.
@Suite struct StylingMeasureTests {
    func lint(_ type: any Rule.Type, _ html: String, widths: [Int]? = nil) throws -> [Finding] {
        let config = widths.map { "referenceWidths: [\($0.map(String.init).joined(separator: ", "))]" }
        return try lintExample(type, RuleExample(html, config: config)).findings
    }

    // MARK: consecutive-line-breaks

    @Test func lineBreakEvidenceGivesTheRunLength() throws {
        let four = try lint(ConsecutiveLineBreaksRule.self, "<p>A<br><br><br><br>B</p><p>C<br><br><br>D</p>")
        #expect(four.map(\.evidence) == ["4 line breaks in a row, over the limit from this <br>",
                                         "3 line breaks in a row, over the limit from this <br>"])
        #expect(four.map(\.range.start.column) == [13, 38])
        let mixed = try lint(ConsecutiveLineBreaksRule.self, "<p>A</p><p>&nbsp;</p><br><div><br></div><br><p>B</p>")
        #expect(mixed.map(\.evidence) == ["4 line breaks in a row, over the limit from this <div>"])
        let text = try lintExample(ConsecutiveLineBreaksRule.self, RuleExample("Hi\n\n\n\n\nthere\n\n\nbye\n", kind: .text)).findings
        #expect(text.map(\.evidence) == ["5 consecutive newlines, over the limit from this one", "3 consecutive newlines, over the limit from this one"])
        #expect(text.map(\.range.start.line) == [3, 8])
    }

    // MARK: margin-too-wide

    @Test func marginEvidenceNamesTheDeclaration() throws {
        let f = try lint(MarginTooWideRule.self, "<div style=\"padding-left: 25%\"><p>One</p><p>Two</p></div>")
        #expect(f.count == 1)
        #expect(f.first?.evidence == "padding-left: 25% → 150px of 600px (> 20%)")
        #expect(f.first?.referenceWidth == 600)
        #expect(f.first?.range.start.column == 13)
        #expect(f.first?.message.contains("left edge") == true)
    }

    @Test func marginMediaQueryAtTheSecondWidth() throws {
        let html = """
        <style>
          .box { padding: 0 20px; }
          @media (max-width: 480px) { .box { padding-left: 100px; } }
        </style>
        <div class="box">Hello</div>
        """
        let one = try lint(MarginTooWideRule.self, html, widths: [600])
        #expect(one.isEmpty)
        let two = try lint(MarginTooWideRule.self, html, widths: [600, 375])
        #expect(two.count == 1)
        let f = try #require(two.first)
        #expect(f.referenceWidth == 375)
        #expect(f.evidence == "padding-left: 100px → 100px of 375px (> 20%)")
        #expect(f.range.start.line == 3)
        #expect(f.message.contains("26.7% of 375px"))
    }

    @Test func marginFailingAtBothWidthsIsOneFinding() throws {
        let f = try lint(MarginTooWideRule.self, "<div style=\"margin-left: 200px\">Hello</div>", widths: [600, 375])
        #expect(f.count == 1)
        #expect(f.first?.referenceWidth == 600)
        #expect(f.first?.evidence == "margin-left: 200px → 200px of 600px (> 20%); also at 375px")
    }

    @Test func marginBoundaries() throws {
        #expect(try lint(MarginTooWideRule.self, "<div style=\"padding-left: 120px\">Edge</div>").isEmpty)
        #expect(try lint(MarginTooWideRule.self, "<div style=\"padding-right: 120.6px\">Edge</div>").count == 1)
        // 20% of 375 px is 75 px.
        #expect(try lint(MarginTooWideRule.self, "<div style=\"padding-left: 75px\">Edge</div>", widths: [375]).isEmpty)
        #expect(try lint(MarginTooWideRule.self, "<div style=\"padding-left: 76px\">Edge</div>", widths: [375]).count == 1)
    }

    @Test func marginCentredTables() throws {
        let narrow = try lint(MarginTooWideRule.self, "<table width=\"300\" align=\"center\" cellspacing=\"0\" cellpadding=\"0\"><tr><td>Hi</td></tr></table>")
        #expect(narrow.count == 1)
        #expect(narrow.first?.evidence == "<table> 300px wide, centred → 150px of 600px (> 20%)")
        #expect(narrow.first?.message.contains("left and right edges") == true)
        #expect(try lint(MarginTooWideRule.self, "<table width=\"400\" align=\"center\"><tr><td>Hi</td></tr></table>").isEmpty)
    }

    @Test func marginAccumulatesAncestors() throws {
        // 100 px body padding is fine; the paragraph's 30 px takes it over: reported at the paragraph's declaration.
        let html = "<div style=\"padding-left: 100px\">\n<p>Fine</p>\n<p style=\"margin-left: 30px\">Too far</p>\n</div>"
        let f = try lint(MarginTooWideRule.self, html)
        #expect(f.count == 1)
        #expect(f.first?.range.start.line == 3)
        #expect(f.first?.evidence == "margin-left: 30px → 130px of 600px (> 20%)")
    }

    @Test func marginSpacerCellsAndColumns() throws {
        let spacer = try lint(MarginTooWideRule.self, "<table width=\"600\" cellspacing=\"0\" cellpadding=\"0\"><tr><td width=\"150\">&nbsp;</td><td>Text</td></tr></table>")
        #expect(spacer.count == 1)
        #expect(spacer.first?.evidence == "empty spacer cell width=\"150\" → 150px of 600px (> 20%)")
        let columns = try lint(MarginTooWideRule.self, "<table width=\"600\" cellspacing=\"0\" cellpadding=\"0\"><tr><td width=\"150\"><img src=\"https://e.com/a.png\" width=\"150\" alt=\"A\"></td><td>Text</td></tr></table>")
        #expect(columns.isEmpty)
    }

    @Test func marginWorkaroundsForLayoutLite() throws {
        // An inline-block centred by its parent's text-align (layout-lite leaves it at the left).
        let inline = try lint(MarginTooWideRule.self, "<div style=\"text-align:center\"><div style=\"display:inline-block;width:200px\">Inline block</div></div>")
        #expect(inline.count == 1)
        #expect(inline.first?.evidence == "<div> 200px wide, centred → 200px of 600px (> 20%)")
        #expect(inline.first?.range.start.column == 32)
        // Side-by-side inline-block columns in a centred line are columns, not margins.
        let columns = "<div style=\"text-align:center\"><div style=\"display:inline-block;width:200px\">A</div><div style=\"display:inline-block;width:200px\">B</div></div>"
        #expect(try lint(MarginTooWideRule.self, columns).isEmpty)
        // A spacer cell holding only a hair space is still empty.
        let hair = try lint(MarginTooWideRule.self, "<table width=\"600\" cellspacing=\"0\" cellpadding=\"0\"><tr><td width=\"150\">&#8202;</td><td>Text</td></tr></table>")
        #expect(hair.count == 1)
    }

    // MARK: image-too-wide

    @Test func imageEvidenceAndWidths() throws {
        let html = "<table width=\"600\" cellspacing=\"0\" cellpadding=\"0\"><tr><td><img src=\"https://e.com/a.png\" width=\"100%\" alt=\"A\"></td></tr></table>"
        let f = try lint(ImageTooWideRule.self, html)
        #expect(f.count == 1)
        #expect(f.first?.evidence == "width=\"100%\" → 600px of 600px (> 80%)")
        let half = "<table width=\"600\" cellspacing=\"0\" cellpadding=\"0\"><tr><td width=\"50%\"><img src=\"https://e.com/a.png\" width=\"100%\" alt=\"A\"></td><td>x</td></tr></table>"
        #expect(try lint(ImageTooWideRule.self, half).isEmpty)
        let media = "<style>@media (max-width: 480px) { .i { width: 320px; } }</style><img class=\"i\" src=\"https://e.com/a.png\" width=\"200\" alt=\"A\">"
        let m = try lint(ImageTooWideRule.self, media, widths: [600, 375])
        #expect(m.count == 1)
        #expect(m.first?.referenceWidth == 375)
        #expect(m.first?.evidence == "width: 320px → 320px of 375px (> 80%)")
    }

    // MARK: too-many-font-sizes

    @Test func fontSizeEvidenceListsFirstUses() throws {
        let html = "<h1>Title</h1>\n<p>Body</p>\n<p style=\"font-size: 14px\">Small</p>\n<small>Fine</small>"
        let f = try lint(TooManyFontSizesRule.self, html)
        #expect(f.count == 1)
        #expect(f.first?.evidence == "4 font sizes: 32px (h1, line 1), 16px (line 2), 14px (line 3), 13.5px (small, line 4)")
        #expect(f.first?.range.start.line == 4)
    }

    @Test func fontSizesPerWidth() throws {
        let html = "<style>@media (max-width: 480px) { .a { font-size: 11px; } }</style><h1>T</h1><p>B</p><h2>S</h2><p class=\"a\">x</p>"
        #expect(try lint(TooManyFontSizesRule.self, html, widths: [600]).isEmpty)
        let f = try lint(TooManyFontSizesRule.self, html, widths: [600, 375])
        #expect(f.count == 1)
        #expect(f.first?.referenceWidth == 375)
    }

    @Test func fontSizeSpacersAndHiddenTextDoNotCount() throws {
        let html = "<h1>T</h1><p>B</p><h2>S</h2><div style=\"height:40px;font-size:1px\">\u{200A}</div><div style=\"opacity:0;font-size:2px\">preheader</div>"
        #expect(try lint(TooManyFontSizesRule.self, html).isEmpty)
    }

    // MARK: tracking-pixel

    @Test func trackerPatternsLoadOnce() {
        #expect(OpenTrackers.patterns.count == 489)
        #expect(OpenTrackers.any != nil)
        // Every shipped pattern compiles (they are compiled lazily, one by one, as URLs need them).
        let regexes = OpenTrackers.Regexes()
        #expect(OpenTrackers.patterns.indices.allSatisfy { regexes.regex($0) != nil })
        #expect(OpenTrackers.match("https://trk.klaviyomail.com/open/abc", regexes)?.tracker == "Klaviyo")
        #expect(OpenTrackers.match("https://example.com/logo.png", regexes) == nil)
        // Hostile input is capped, and ends quickly.
        let long = "https://example.com/" + String(repeating: "a/", count: 50_000)
        let start = Date()
        #expect(OpenTrackers.match(long, regexes) == nil)
        #expect(Date().timeIntervalSince(start) < 5)
    }

    /// Object-storage hosts serve uploaded files: the list's host-less path patterns do not apply
    /// to them (a Firebase Storage object path is `/o/<name>`), host-named patterns still do.
    @Test func trackerPathPatternsSkipFileStorage() {
        let regexes = OpenTrackers.Regexes()
        #expect(OpenTrackers.match("https://firebasestorage.googleapis.com/v0/b/shop.appspot.com/o/logo.png?alt=media", regexes) == nil)
        #expect(OpenTrackers.match("https://shop-assets.s3.eu-west-1.amazonaws.com/e/o/banner.png", regexes) == nil)
        #expect(OpenTrackers.match("https://news.example-shop.com/O/a1b2c3/d4e5f6", regexes)?.tracker == "Epsilon")
        #expect(OpenTrackers.match("https://is-tracking-pixel-api-prod.appspot.com/o/x.png", regexes) != nil)
        #expect(OpenTrackers.match("https://gridinbound.blob.core.windows.net/o/x.png", regexes)?.tracker == "Microsoft")
        #expect(OpenTrackers.isFileStorage("https://user@Files.Storage.GoogleAPIs.com:8443/b/o/x"))
        #expect(!OpenTrackers.isFileStorage("/o/logo.png") && !OpenTrackers.isFileStorage("images/o/logo.png"))
        #expect(OpenTrackers.isFileStorage("//bucket.s3.amazonaws.com/o/x.png"))
        #expect(OpenTrackers.isFileStorage("https://s3.us-east-2.amazonaws.com/bucket/o/x.png"))
        #expect(!OpenTrackers.isFileStorage("https://ec2-52-26-194-35.us-west-2.compute.amazonaws.com/o/x"))
        #expect(!OpenTrackers.isFileStorage("https://evilfirebasestorage.googleapis.com.example.com/o/x"))
        #expect(!OpenTrackers.isFileStorage("https://my-app.appspot.com/lt.php?l=open"), "App Engine runs code")
        #expect(!OpenTrackers.isFileStorage("https://ap-1234.s3-object-lambda.us-east-1.amazonaws.com/o/x"))
        #expect(OpenTrackers.match("https://my-app.appspot.com/lt.php?x=1&l=open", regexes) != nil)
    }

    /// The literal prefilter never hides a match: on a URL synthesised from every pattern, the
    /// prefiltered matcher agrees with the plain alternation of all 489 patterns.
    @Test func trackerPrefilterAgreesWithTheFullAlternation() throws {
        let any = try #require(OpenTrackers.any)
        let regexes = OpenTrackers.Regexes()
        var agreed = 0
        for p in OpenTrackers.patterns {
            var u = p.source
            for (a, b) in [("\\?", "?"), ("\\.", "."), ("\\/", "/"), ("\\-", "-"), ("[0-9]+", "42"), ("[a-z0-9_]+", "ab1"),
                           ("[a-z0-9]+", "ab1"), ("[^/]+", "xy"), (".*", ""), (".+", "z"), ("\\d+", "42"), ("\\w+", "ab"), ("^", ""), ("$", "")] {
                u = u.replacingOccurrences(of: a, with: b)
            }
            for url in ["https://\(u)", "https://mail.example.com/\(u)x=1", u.uppercased()] {
                let ns = NSRange(location: 0, length: url.utf16.count)
                let reference = any.firstMatch(in: url, options: [], range: ns) != nil
                #expect((OpenTrackers.match(url, regexes) != nil) == reference, "\(p.source) on \(url)")
                if reference { agreed += 1 }
            }
        }
        #expect(agreed > 800, "most synthesised URLs match their own pattern")
    }

    @Test func trackingPixelReasons() throws {
        let spacer = try lint(TrackingPixelRule.self, "<img src=\"https://e.com/spacer.gif\" width=\"1\" height=\"1\" alt=\"\">")
        #expect(spacer.count == 1)
        #expect(spacer.first?.evidence == "width=\"1\" height=\"1\" → 1×1px")
        let tracker = try lint(TrackingPixelRule.self, "<img src=\"https://trk.klaviyomail.com/open?x=1\" width=\"600\" height=\"200\" alt=\"\">")
        #expect(tracker.first?.message.contains("Klaviyo") == true)
        let zero = try lint(TrackingPixelRule.self, "<img src=\"https://e.com/a.png\" style=\"max-height: 0\" alt=\"\">")
        #expect(zero.first?.evidence == "max-height: 0 (zero size)")
        #expect(try lint(TrackingPixelRule.self, "<img src=\"https://e.com/a.png\" width=\"2\" height=\"3\" alt=\"\">").isEmpty)
    }

    // MARK: fixtures

    func lintFixture(_ name: String) throws -> [Finding] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("Fixtures/styling/\(name)").path
        let bytes = try #require(FileManager.default.contents(atPath: path))
        var config = Configuration()
        config.merge(try ConfigParser.parse(yaml: "referenceWidths: [600, 375]", path: "t.yml", knownRules: BuiltinRules.ids))
        let types: [any Rule.Type] = [MarginTooWideRule.self, ImageTooWideRule.self, TooManyFontSizesRule.self, TrackingPixelRule.self]
        let linter = try Linter(ruleTypes: types, configuration: config)
        return linter.check(path: path, bytes: Array(bytes)).findings.filter { f in types.contains { $0.metadata.id == f.ruleId } }
    }

    // MARK: override rules at a later width

    @Test func overrideAtALaterWidthCountsAndNamesThatWidth() throws {
        let html = """
        <style>
        @media screen and (max-width: 480px) { .c { text-align: center !important; color: #333333; } }
        </style>
        <div><p class="c">One</p><p class="c">Two</p><p class="c">Three</p></div>
        """
        for widths in [[600, 375], [375, 600]] {
            let align = try lint(TextAlignOverrideRule.self, html, widths: widths)
            #expect(align.count == 1)
            #expect(align.first?.message.hasPrefix("Text is aligned center") == true)
            #expect(align.first?.evidence == ".c { text-align: center } → 3 text elements at 375px")
            let color = try lint(FontColorOverrideRule.self, html, widths: widths)
            #expect(color.first?.evidence?.contains("→ 3 text elements") == true)
            #expect(color.first?.referenceWidth == 375)
        }
    }

    @Test func unevaluableColoursAreStillOverrides() throws {
        // light-dark(): the light scheme's colour; color-mix() and system colours: set, unknown.
        for value in ["light-dark(#333333, #eeeeee)", "color-mix(in srgb, red 50%, blue)", "LinkText", "CanvasText",
                      "light-dark(var(--a), #fff)"] {
            let f = try lint(FontColorOverrideRule.self, "<p style=\"color: \(value)\">Hello</p>")
            #expect(f.count == 1, "color: \(value)")
        }
        #expect(try lint(FontColorOverrideRule.self, "<p style=\"color: light-dark(#333)\">Hello</p>").isEmpty)
    }

    @Test func cleanFixturePassesAtBothWidths() throws {
        let f = try lintFixture("clean.html")
        #expect(f.isEmpty, "\(f.map { "\($0.ruleId) \($0.range.start) \($0.evidence ?? "")" })")
    }

    @Test func violationsFixtureReportsEachProblemOnce() throws {
        let f = try lintFixture("violations.html")
        let got = f.map { "\($0.ruleId)@\($0.range.start.line):\($0.range.start.column)@\(Int($0.referenceWidth ?? 0))" }.sorted()
        #expect(got == [
            "image-too-wide@15:5@600",
            "margin-too-wide@19:3@600",
            "margin-too-wide@8:41@375",
            "too-many-font-sizes@17:5@600",
            "tracking-pixel@22:3@0",
            "tracking-pixel@23:3@0",
        ])
        let fonts = try #require(f.first { $0.ruleId == "too-many-font-sizes" })
        #expect(fonts.evidence == "4 font sizes: 32px (h1, line 12), 16px (line 14), 18.5px (h3, line 16), 11px (line 17)")
    }

    // MARK: insecure-image pre-check (skips the cascade)

    @Test func insecureCSSPrecheckFindsEveryURLForm() throws {
        func may(_ html: String) throws -> Bool {
            CSSImageURLs.mayHaveInsecureURLs(try HTMLParser.parse(SourceText(string: html)))
        }
        // Forms the rule reports: each must build the cascade.
        #expect(try may("<style>.a { background: URL( 'HTTP://x.test/a.png' ) }</style><p class=a>x</p>"))
        #expect(try may("<style>.a { background-image: url(//cdn.test/a.png) }</style><p class=a>x</p>"))
        #expect(try may("<div style=\"background: url(&quot;http://x.test/a.png&quot;)\">x</div>"))
        #expect(try may("<div style=\"background: url(&#39;//x.test/a.png&#39;)\">x</div>"))
        #expect(try may("<style>.a { background-image: -webkit-image-set(\"a.png\" 1x) }</style>"))
        // No insecure url(): the cascade is not needed.
        #expect(try !may("<style>/* see http://example.com */ .a { background: url(https://x.test/a.png) }</style>"))
        #expect(try !may("<div style=\"font-family: Arial; color: #333\">see http://example.com //x</div>"))
        #expect(try !may("<style>.a { background: url(images/a.png) }</style><a href=\"http://x.test\">x</a>"))
    }
}

/// What an inline image's first bytes say (.eml `cid:` parts): GIF magic, PNG/GIF pixel size.
@Suite struct ImageHeaderTests {
    @Test func signaturesAndSizes() throws {
        let png1 = [UInt8](Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==") ?? Data())
        let size = try #require(ImageHeader.size(Array(png1.prefix(32))))
        #expect(size.width == 1 && size.height == 1 && size.format == "PNG")
        let gif = Array("GIF89a".utf8) + [0x58, 0x02, 0x2C, 0x01] + [UInt8](repeating: 0, count: 8)
        #expect(ImageHeader.isGIF(gif))
        let g = try #require(ImageHeader.size(gif))
        #expect(g.width == 600 && g.height == 300 && g.format == "GIF")
        #expect(!ImageHeader.isGIF(Array("GIF90a".utf8)))
        #expect(ImageHeader.size(Array("\u{FF}\u{D8}\u{FF}".utf8)) == nil, "JPEG sizes are not read")
        #expect(ImageHeader.size([]) == nil)
    }
}
