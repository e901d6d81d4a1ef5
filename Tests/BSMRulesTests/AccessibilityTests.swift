import BSMDocument
import BSMEngine
import BSMText
import Foundation
@testable import BSMRules
import Testing

/// Parses HTML and returns the document with the first element of a name.
private func parse(_ html: String) throws -> Document {
    try HTMLParser.parse(SourceText(string: html))
}

private func name(of element: String, in html: String, index: Int = 0) throws -> AccessibleName {
    let doc = try parse(html)
    let ids = doc.elements(named: element)
    let id = try #require(ids.count > index ? ids[index] : nil, "no <\(element)> #\(index)")
    var resolver = AccessibleNameResolver(document: doc)
    return resolver.name(of: id)
}

/// Positions ("line:column") of a rule's findings on some code.
private func positions(_ type: any Rule.Type, _ code: String, kind: InputKind = .html) throws -> [String] {
    let (findings, _) = try lintExample(type, RuleExample(code, kind: kind))
    return findings.map { "\($0.range.start.line):\($0.range.start.column)" }
}

private func messages(_ type: any Rule.Type, _ code: String) throws -> [String] {
    try lintExample(type, RuleExample(code)).findings.map(\.message)
}

@Suite struct AccessibleNameTests {
    @Test func contentsAndImageAlt() throws {
        let n = try name(of: "a", in: "<a href=\"#\">Track <b>your</b>\n<img src=\"x.png\" alt=\"package\"></a>")
        #expect(n.text == "Track your package")
        #expect(n.source == .contents)
    }

    @Test func labelledByResolvesIdsInOrderAndBeatsAriaLabel() throws {
        let html = "<p id=\"b\">order</p><p id=\"a\">Track</p><a href=\"#\" aria-labelledby=\"a missing b\" aria-label=\"ignored\">x</a>"
        let n = try name(of: "a", in: html)
        #expect(n.text == "Track order")
        #expect(n.source == .labelledBy)
    }

    @Test func labelledByIsNotFollowedTwice() throws {
        let html = "<span id=\"x\" aria-labelledby=\"y\">Outer</span><span id=\"y\">Inner</span><a href=\"#\" aria-labelledby=\"x\"></a>"
        #expect(try name(of: "a", in: html).text == "Outer")
    }

    @Test func labelledByToMissingIdsFallsBack() throws {
        let n = try name(of: "a", in: "<a href=\"#\" aria-labelledby=\"nope\" title=\"Help\"></a>")
        #expect(n.text == "Help")
        #expect(n.source == .title)
    }

    @Test func ariaLabelBeatsContents() throws {
        let n = try name(of: "a", in: "<a href=\"#\" aria-label=\"  Read the return policy \">Read more</a>")
        #expect(n.text == "Read the return policy")
        #expect(n.source == .ariaLabel)
    }

    @Test func hiddenContentGivesNothing() throws {
        let html = "<a href=\"#\"><span aria-hidden=\"true\">→</span><span style=\"display: none\">x</span><span hidden>y</span>&nbsp;&#8203;</a>"
        #expect(try name(of: "a", in: html).isEmpty)
    }

    @Test func hiddenTextIsUsedThroughLabelledBy() throws {
        let html = "<span id=\"l\" hidden>Hidden label</span><a href=\"#\" aria-labelledby=\"l\">x</a>"
        #expect(try name(of: "a", in: html).text == "Hidden label")
    }

    @Test func descendantTitleFillsAnEmptyChild() throws {
        #expect(try name(of: "a", in: "<a href=\"#\"><span title=\"Home\"></span></a>").text == "Home")
    }

    @Test func blockChildrenSeparateWords() throws {
        #expect(try name(of: "a", in: "<a href=\"#\"><div>Track</div><div>order</div></a>").text == "Track order")
    }

    @Test func imageNameIsAltOnly() throws {
        #expect(try name(of: "img", in: "<img src=\"a.png\" alt=\"Acme\">").source == .alt)
        #expect(try name(of: "img", in: "<img src=\"a.png\" alt=\"\">").isEmpty)
        #expect(try name(of: "img", in: "<img src=\"a.png\" title=\"Tip\">").source == .title)
    }

    @Test func deepNestingDoesNotRecurse() throws {
        let html = "<a href=\"#\">" + String(repeating: "<span>", count: 3000) + "deep" + String(repeating: "</span>", count: 3000) + "</a>"
        #expect(try name(of: "a", in: html).text == "deep")
    }
}

@Suite struct LanguageTagTests {
    @Test(arguments: [
        "en", "EN-us", "es-419", "zh-Hant-TW", "sr-Latn-RS", "de-DE-1996", "sl-rozaj-biske", "en-US-x-twain",
        "x-private", "i-klingon", "en-GB-oed", "zh-yue-HK", "en-a-bbb-b-ccc", "fil-PH", "haw", "qaa", "und", "ja-JP",
        "qtz", "mul", "zxx", "yue", "cmn-Hans-CN", "sla", "es-150", "en-001", "en-EU", "sr-Latn-YU", "sq-XK", "en-QM", "en-ZZ",
        "en-AA", "zh-Qaaa", "zh-Qabx", "de-Latf", "ar-Arab-EG", "pt-BR", "nb-NO", "iw-IL",
    ])
    func valid(_ tag: String) {
        #expect(LanguageTag.validate(tag) == nil, "\(tag)")
    }

    @Test func invalid() {
        #expect(LanguageTag.validate("") == .empty)
        #expect(LanguageTag.validate("  ") == .empty)
        #expect(LanguageTag.validate("en_US") == .underscore)
        #expect(LanguageTag.validate("english") == .unknownLanguage("english"))
        #expect(LanguageTag.validate("xx") == .unknownLanguage("xx"))
        #expect(LanguageTag.validate("en-") == .malformed("-"))
        #expect(LanguageTag.validate("e") == .malformed("e"))
        #expect(LanguageTag.validate("en-US-US") == .malformed("us"))
        #expect(LanguageTag.validate("de-1996-1996") == .duplicate("1996"))
        #expect(LanguageTag.validate("en-a-bbb-a-ccc") == .duplicate("a"))
        #expect(LanguageTag.validate("en-a") == .malformed("a"))
        #expect(LanguageTag.validate("en-x") == .malformed("x"))
        #expect(LanguageTag.validate("en-abcdefghi") == .malformed("abcdefghi"))
        #expect(LanguageTag.validate("en US") == .malformed("en us"))
        #expect(LanguageTag.validate("fr-ça") == .malformed("ça"))
        // Registered subtags (the shipped list).
        #expect(LanguageTag.validate("esp") == .unknownLanguage("esp"))
        #expect(LanguageTag.validate("jap") == .unknownLanguage("jap"))
        #expect(LanguageTag.validate("qua-US") == nil)  // Quapaw: q-codes above qtz are ordinary 639-3 codes
        #expect(LanguageTag.validate("quu") == .unknownLanguage("quu"))
        #expect(LanguageTag.validate("zh-CHS") == .unknownLanguage("chs"))
        #expect(LanguageTag.validate("en-UK") == .unknownRegion("UK"))
        #expect(LanguageTag.validate("en-EN") == .unknownRegion("EN"))
        #expect(LanguageTag.validate("es-999") == .unknownRegion("999"))
        #expect(LanguageTag.validate("zh-Hanz-CN") == .unknownScript("Hanz"))
        #expect(LanguageTag.validate("zh-Qaby") == .unknownScript("Qaby"))
        #expect(LanguageTag.validate("en-QL") == .unknownRegion("QL"))
        #expect(LanguageTag.Problem.unknownRegion("UK").description.contains("\"GB\""))
    }

    @Test func shippedSubtagList() throws {
        let list = try #require(LanguageSubtags.shipped)
        #expect(list.languages.count > 7_900 && list.scripts.count > 150 && list.regions.count > 270)
        #expect(list.languages.contains("arz") && list.languages.contains("afa") && !list.languages.contains("esp"))
        #expect(list.regions.contains("gb") && list.regions.contains("419") && !list.regions.contains("uk"))
        #expect(LanguageSubtags.parse("language aaa\nscript latn\n") == nil)
        #expect(LanguageSubtags.parse("# c\nlanguage aaa\nscript Latn\nregion GB 419\n")?.regions == ["gb", "419"])
    }

    @Test func primaryLanguage() {
        #expect(LanguageTag.primaryLanguage("pt-BR") == "pt")
        #expect(LanguageTag.primaryLanguage(" ES ") == "es")
        #expect(LanguageTag.primaryLanguage("") == nil)
    }
}

@Suite struct ARIATableTests {
    @Test func focusable() throws {
        let doc = try parse("""
        <a href="#">a</a><a name="x">b</a><button>c</button><button disabled>d</button><input type="hidden">\
        <input type="text"><span tabindex="0">e</span><span tabindex="-1">f</span><a href="#" tabindex="-1">g</a>\
        <div contenteditable>h</div><video controls></video><p>i</p>
        """)
        let els = doc.allIDs.filter { doc[$0].kind == .element && !["html", "head", "body"].contains(doc[$0].name) }
        let got = els.map { ARIA.isFocusable(doc[$0]) }
        #expect(got == [true, false, true, false, false, true, true, false, false, true, true, false])
    }

    @Test func rolesAndAttributes() throws {
        #expect(ARIA.roles.contains("presentation") && ARIA.roles.contains("doc-subtitle") && ARIA.roles.contains("graphics-symbol"))
        #expect(ARIA.roles.isDisjoint(with: ARIA.abstractRoles))
        #expect(ARIA.attributes.allSatisfy { $0.hasPrefix("aria-") })
        #expect(ARIA.suggestion(for: "aria-labeledby") == "aria-labelledby")
        #expect(ARIA.suggestion(for: "aria-discribedby") == "aria-describedby")
        #expect(ARIA.suggestion(for: "aria-zzzzzzzzzzzz") == nil)
        let doc = try parse("<div role=\"foo BUTTON link\">x</div>")
        let div = try #require(doc.firstElement(named: "div"))
        #expect(ARIA.explicitRole(doc[div]) == "button")
    }
}

@Suite struct NonDescriptiveTextTests {
    @Test(arguments: [
        ("click here", "en"), ("  Click Here! ", "en"), ("Read more »", "en"), ("→ more", "en"), ("LINK", "en"),
        ("Haga clic aquí", "es"), ("haga clic aqui", "es"), ("Cliquez ici", "fr"), ("En savoir plus…", "fr"),
        ("Hier klicken", "de"), ("Mehr erfahren", "de"), ("Clicca qui", "it"), ("Leggi di più", "it"),
        ("こちら", "ja"), ("ここをクリック", "ja"), ("詳しくはこちら。", "ja"), ("ｺﾁﾗ", "ja"), ("ＣＬＩＣＫ　ＨＥＲＥ", "en"),
    ])
    func nonDescriptiveLinks(_ text: String, _ lang: String) {
        #expect(NonDescriptiveText.nonDescriptiveLinkLanguage(text) != nil, "\(text)")
        if lang != "en" {
            // A phrase shared with another language may be attributed to either; these are not shared.
            #expect(NonDescriptiveText.nonDescriptiveLinkLanguage(text) == lang, "\(text)")
        }
    }

    @Test(arguments: ["Track your package", "Click here to track your package", "Return policy", "ここで注文を確認", ""])
    func descriptiveLinks(_ text: String) {
        #expect(NonDescriptiveText.nonDescriptiveLinkLanguage(text) == nil, "\(text)")
    }

    @Test func genericAlt() {
        for alt in ["image", "Photo", "picture 2", "logo image", "Spacer", "Imagen", "Foto", "Bild", "immagine", "画像", "ロゴ", "IMG"] {
            #expect(NonDescriptiveText.isGenericAlt(alt), "\(alt)")
        }
        for alt in ["Acme logo", "Blue kettle", "2024", "", "Photo of the shop front"] {
            #expect(!NonDescriptiveText.isGenericAlt(alt), "\(alt)")
        }
    }

    @Test func altProblems() {
        #expect(ImgAltRedundantRule.problem("banner_top.PNG", src: nil) == "is a file name")
        #expect(ImgAltRedundantRule.problem("DSC_0042", src: nil) == "is a file name")
        #expect(ImgAltRedundantRule.problem("https://x.com/a.png", src: nil) == "is a URL")
        #expect(ImgAltRedundantRule.problem("hero-2", src: "https://x.com/img/hero-2.jpg?w=600") == "is the image's file name")
        #expect(ImgAltRedundantRule.problem("Acme", src: "https://x.com/acme.png") == nil)
        #expect(ImgAltRedundantRule.problem("Order confirmation.", src: nil) == nil)
    }

    @Test func bareURLs() {
        let p = PlaceholderMatcherFactory.standard
        #expect(LinkTextRule.isBareURL("https://example.com", placeholders: p))
        #expect(LinkTextRule.isBareURL("www.example.com", placeholders: p))
        #expect(LinkTextRule.isBareURL("example.com/track?id=1", placeholders: p))
        #expect(!LinkTextRule.isBareURL("example.com", placeholders: p))
        #expect(!LinkTextRule.isBareURL("Track / return", placeholders: p))
        #expect(!LinkTextRule.isBareURL("1/2", placeholders: p))
    }
}

@Suite struct AccessibilityRuleTests {
    @Test func vmlPositionsMapBackThroughMultibyteTextAndCRLF() throws {
        let code = "<p lang=\"ja\">ご注文 😀</p>\r\n<!--[if mso]>\r\n  <v:rect><v:fill src=\"a.png\" /></v:rect>\r\n  <v:image src=\"b.png\" /><![endif]-->"
        #expect(try positions(ImgAltRule.self, code) == ["3:3", "4:3"])
    }

    @Test func vmlOutsideCommentsAndImagedata() throws {
        #expect(try positions(ImgAltRule.self, "<v:shape><v:imagedata src=\"a.png\" /></v:shape>") == ["1:1"])
        #expect(try positions(ImgAltRule.self, "<v:shape alt=\"Sale\"><v:imagedata src=\"a.png\" /></v:shape>").isEmpty)
        #expect(try positions(ImgAltRule.self, "<!--[if mso]><v:shape><v:imagedata src=\"a.png\" o:title=\"Sale\"/></v:shape><![endif]-->").isEmpty)
    }

    @Test func imgAltExemptions() throws {
        #expect(try positions(ImgAltRule.self, "<img src=\"a.png\" aria-hidden=\"true\">").isEmpty)
        #expect(try positions(ImgAltRule.self, "<img src=\"a.png\" aria-labelledby=\"nope\">") == ["1:1"])
        #expect(try positions(ImgAltRule.self, "<map><area shape=\"rect\" coords=\"0,0,1,1\"></map>").isEmpty)
        #expect(try positions(ImgAltRule.self, "<input type=\"image\" src=\"a.png\" aria-label=\"Buy\">").isEmpty)
        #expect(try positions(ImgAltRule.self, "<input type=\"submit\">").isEmpty)
    }

    @Test func layoutTablesReportedOnceEachAndNestedDataTablesCountAlone() throws {
        let code = "<table><tr><td>\n<table><tr><th>H</th></tr></table>\n<table><tr><td>x</td></tr></table>\n</td></tr></table>"
        #expect(try positions(LayoutTableRoleRule.self, code) == ["1:1", "3:1"])
        #expect(try positions(PresentationRoleConflictRule.self, code).isEmpty)
    }

    @Test func presentationConflictIgnoresNestedTables() throws {
        let code = "<table role=\"none\"><tr><td><table role=\"presentation\"><tr><th>x</th></tr></table></td></tr></table>"
        #expect(try positions(PresentationRoleConflictRule.self, code) == ["1:28"])
    }

    @Test func contentLangReportsOnceAndMentionsDir() throws {
        let code = "<p>One</p>\n<p>Two</p>"
        #expect(try positions(ContentLangRule.self, code) == ["1:1"])
        let msg = try messages(ContentLangRule.self, code)
        #expect(msg.count == 1 && msg[0].contains("dir is missing"))
        let withDir = try messages(ContentLangRule.self, "<div dir=\"ltr\"><p>One</p></div>")
        #expect(withDir.count == 1 && !withDir[0].contains("dir is missing"))
        #expect(try positions(ContentLangRule.self, "<div lang=\"en\"><p>One</p></div>\n<p>{{footer}}</p>") == ["2:1"])
        #expect(try positions(ContentLangRule.self, "Plain text", kind: .text).isEmpty)
        let textOnlyEML = "From: a@example.com\r\nSubject: Hi\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello there\r\n"
        #expect(try positions(ContentLangRule.self, textOnlyEML, kind: .eml).isEmpty)
        let htmlEML = "From: a@example.com\r\nSubject: Hi\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hello there</p>\r\n"
        #expect(try positions(ContentLangRule.self, htmlEML, kind: .eml) == ["5:1"])
    }

    @Test func wholeDocumentRulesIgnoreFragmentsAndText() throws {
        for type in [HtmlLangRule.self, DocumentTitleRule.self] as [any Rule.Type] {
            #expect(try positions(type, "<div><p>Hello</p></div>").isEmpty)
            #expect(try positions(type, "Hello there", kind: .text).isEmpty)
        }
        #expect(HtmlLangRule.metadata.appliesTo == [.html, .eml])
        #expect(DocumentTitleRule.metadata.appliesTo == [.html, .eml])
    }

    @Test func htmlLangMessageExplainsTheProblem() throws {
        let m = try messages(HtmlLangRule.self, "<html lang=\"en_GB\"><body><p>x</p></body></html>")
        #expect(m.count == 1 && m[0].contains("hyphens"))
    }

    @Test func headingOrderAndEmptyHeadings() throws {
        #expect(try positions(HeadingOrderRule.self, "<h3>a</h3><h4>b</h4><h6>c</h6><h2>d</h2><h3>e</h3>") == ["1:21"])
        #expect(try positions(HeadingOrderRule.self, "<h1>a</h1><h2 aria-hidden=\"true\">x</h2>").isEmpty)
        #expect(try positions(HeadingOrderRule.self, "<h1><span aria-hidden=\"true\">x</span></h1>") == ["1:1"])
        #expect(try positions(HeadingOrderRule.self, "<h1>a</h1><div style=\"display:none\"><h4>x</h4><h5></h5></div><h2>b</h2>").isEmpty)
    }

    @Test func validAriaReportsEachProblemAtItsAttribute() throws {
        let code = "<div role=\"main region\">x</div><div role=\"\">y</div><a href=\"#\" aria-hidden=\"false\">ok</a><p aria-labelledby=\"x\" aria-lable=\"y\">z</p>"
        #expect(try positions(ValidAriaRule.self, code) == ["1:113"])
        let m = try messages(ValidAriaRule.self, "<div role=\"landmark nope\">x</div>")
        #expect(m.count == 1 && m[0].contains("\"nope\" is not an ARIA role") && m[0].contains("\"landmark\" is an abstract role"))
    }

    @Test func linkRulesSkipPlaceholdersAndAnchors() throws {
        #expect(try positions(LinkTextRule.self, "<a href=\"{{url}}\">{{url}}</a>").isEmpty)
        #expect(try positions(LinkNameRule.self, "<a name=\"x\"></a><a id=\"y\"></a>").isEmpty)
        #expect(try positions(LinkNameRule.self, "<a href=\"#\"><img src=\"a.png\" alt=\"\" role=\"presentation\"></a>") == ["1:1"])
        #expect(try positions(LinkTextRule.self, "<a href=\"#\"><span>Click</span> <b>here</b></a>") == ["1:1"])
        // role=presentation is ignored on a focusable link: it keeps its name from content.
        #expect(try positions(LinkNameRule.self, "<a href=\"#\" role=\"presentation\">Track your order</a>").isEmpty)
    }

    @Test func linkNameSkipsHiddenLinks() throws {
        // axe-core skips them too (docs/accessibility-vs-axe.md): an editor's display:none row, hidden or aria-hidden.
        let code = "<table><tr style=\"display: none\"><td><a href=\"\"><img src=\"a.png\" alt=\"\"></a></td></tr></table>"
            + "<div hidden><a href=\"#\"></a></div><a href=\"#\" aria-hidden=\"true\" tabindex=\"-1\"></a><a href=\"#\" style=\"visibility:hidden\"></a>"
        #expect(try positions(LinkNameRule.self, code).isEmpty)
        // Hiding only the contents still leaves the visible link nameless.
        #expect(try positions(LinkNameRule.self, "<a href=\"#\"><span style=\"display:none\">Track</span></a>") == ["1:1"])
    }

    @Test func colorContrastChecksReadableTextOnceEach() throws {
        // Spacer cells hold only no-break, hair or zero-width spaces: no text to read (axe agrees).
        let spacers = "<table><tr><td style=\"color: #999999\">&nbsp;</td><td style=\"color: #aaaaaa\">&#8202;</td>"
            + "<td style=\"color: #bbbbbb\">&#8203;&nbsp;</td></tr></table>"
        #expect(try positions(ColorContrastRule.self, spacers).isEmpty)
        // A separator or icon glyph alone is decoration; letters and digits in any script are text.
        let glyphs = "<p><a href=\"#\">A</a><span style=\"color: #d4d4d4\">·</span><a href=\"#\">B</a></p>"
            + "<p style=\"color: #cccccc\"> - </p><span style=\"color: #dddddd\">&bull;</span>"
        #expect(try positions(ColorContrastRule.self, glyphs).isEmpty)
        #expect(try positions(ColorContrastRule.self, "<p style=\"color: #cccccc\">往期</p><p style=\"color: #dddddd\">5</p>").count == 2)
        // A <p> whose text a child splits is one text element, not two: p + span = 2.
        let (findings, _) = try lintExample(ColorContrastRule.self, RuleExample("<p style=\"color: #999999\">Follow <span>us</span> on&nbsp;Twitter.</p>"))
        #expect(findings.count == 1)
        #expect(findings.first?.evidence?.hasSuffix("→ 2 text elements") == true)
    }

    @Test func svgTitleNamesTheGraphicAndDescIsNoText() throws {
        let link = "<a href=\"https://www.amazon.com/\"><svg role=\"img\"><title>Amazon home</title><desc>A smile</desc><rect/></svg></a>"
        let n = try name(of: "a", in: link)
        #expect(n.text == "Amazon home")
        #expect(n.source == .contents)
        #expect(try positions(LinkNameRule.self, link).isEmpty)
        // <desc> is a description, not text and not a name.
        let descOnly = "<a href=\"https://www.amazon.com/\"><svg><desc>click here</desc></svg></a>"
        #expect(try positions(LinkNameRule.self, descOnly) == ["1:1"])
        #expect(try positions(LinkTextRule.self, descOnly).isEmpty)
        #expect(try positions(HeadingOrderRule.self, "<h1>Hi</h1><h2><svg role=\"img\"><title>Kettle</title></svg></h2>").isEmpty)
        // The flags: an SVG title is not rendered and is not the document's title.
        let doc = try parse("<title>T</title><svg><title>S</title><desc>D</desc><metadata>M</metadata></svg><desc>html</desc>")
        let titles = doc.elements(named: "title")
        #expect(doc[titles[0]].flags.contains(.inTitle))
        #expect(!doc[titles[1]].flags.contains(.inTitle))
        #expect(doc[titles[1]].flags.contains(.inNonRendered))
        #expect(doc.elements(named: "desc").map { doc[$0].flags.contains(.inNonRendered) } == [true, false])
        #expect(doc.elements(named: "metadata").allSatisfy { doc[$0].flags.contains(.inNonRendered) })
    }

    @Test func colorContrastNeverGuessesTheSizeClass() throws {
        // #949494 on white is 3.03:1: below 4.5:1 (normal text), above 3:1 (large text).
        let unknownSizes = [
            "<p style=\"font-size: clamp(24px, 5vw, 40px); color: #949494\">A</p>",
            "<p style=\"font-size: {{hero_size}}; color: #949494\">B</p>",
            "<p style=\"font-size: %%size%%px; color: #949494\">C</p>",
            "<p style=\"font-size: var(--big); color: #949494\">D</p>",
            "<p style=\"font: {{font}}; color: #949494\">E</p>",
            "<font size=\"{{s}}\" color=\"#949494\">F</font>",
            "<div style=\"font-size: {{s}}\"><p style=\"font-size: 1.5em; color: #949494\">G</p></div>",
            "<p style=\"font-size: 19px; font-weight: {{w}}; color: #949494\">H</p>",
        ]
        for html in unknownSizes { #expect(try positions(ColorContrastRule.self, html).isEmpty, "\(html)") }
        // A placeholder family leaves the size written before it known (`font: 14px {{brand_font}}`).
        #expect(try positions(ColorContrastRule.self, "<p style=\"font: 14px {{brand_font}}; color: #949494\">M</p>").count == 1)
        #expect(try positions(ColorContrastRule.self, "<p style=\"font: bold 19px/1.4 {{brand_font}}; color: #949494\">N</p>").isEmpty)
        #expect(try positions(FontFamilyOverrideRule.self, "<p style=\"font: 14px {{brand_font}}\">O</p>").isEmpty)
        // Known sizes and weights still decide; an unknown weight below 18.66px cannot make text large.
        #expect(try positions(ColorContrastRule.self, "<p style=\"font-size: 16px; color: #949494\">I</p>").count == 1)
        #expect(try positions(ColorContrastRule.self, "<p style=\"font-size: 16px; font-weight: {{w}}; color: #949494\">J</p>").count == 1)
        #expect(try positions(ColorContrastRule.self, "<p style=\"font-size: 19px; color: #949494\">K</p>").count == 1)
        // Under 3:1 fails at any size.
        let (f, _) = try lintExample(ColorContrastRule.self, RuleExample("<p style=\"font-size: {{s}}; color: #aaaaaa\">L</p>"))
        #expect(f.count == 1)
        #expect(f.first?.evidence?.contains("< 3:1 (large text), unknown-size text") == true)
    }

    @Test func obsoleteMotionReportsEachElement() throws {
        #expect(try positions(ObsoleteMotionRule.self, "<p><blink>x</blink><marquee>y</marquee></p>") == ["1:4", "1:20"])
    }
}

/// A placeholder matcher with the built-in patterns.
enum PlaceholderMatcherFactory {
    static let standard = PlaceholderMatcher()
}

@Suite struct AccessibilityFixtureTests {
    static let accessibilityRules: [any Rule.Type] = BuiltinRules.all.filter { $0.metadata.category == .accessibility }

    static func lintFixture(_ name: String) throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("Fixtures/a11y/\(name)")
        let bytes = try [UInt8](Data(contentsOf: url))
        var config = Configuration()
        config.rules[UnusedDirective.id] = RuleSetting(level: .off)
        let result = try Linter(ruleTypes: accessibilityRules, configuration: config).check(path: name, bytes: bytes)
        #expect(result.status == .checked)
        return result.findings.map { "\($0.ruleId)@\($0.range.start.line):\($0.range.start.column)" }.sorted()
    }

    @Test func everyAccessibilityRuleIsRegisteredWithItsCriterion() {
        let ids = Set(Self.accessibilityRules.map { $0.metadata.id })
        #expect(ids == [
            "img-alt", "img-alt-redundant", "html-lang", "content-lang", "document-title", "layout-table-role",
            "presentation-role-conflict", "link-name", "link-text", "heading-order", "valid-aria", "obsolete-motion",
            "color-contrast",
        ])
        for t in Self.accessibilityRules {
            #expect(t.metadata.wcag?.range(of: #"^\d\.\d\.\d+ "#, options: .regularExpression) != nil, "\(t.metadata.id)")
        }
    }

    @Test func anAccessibleTemplateHasNoFindings() throws {
        #expect(try Self.lintFixture("accessible-order-message.html") == [])
    }

    @Test func anInaccessibleTemplateFailsEachRuleOnce() throws {
        let want = [
            "html-lang@1:1", "document-title@2:7", "layout-table-role@4:1", "link-name@7:7", "img-alt@7:38",
            "content-lang@8:7", "heading-order@9:7", "link-text@10:32", "link-text@11:7",
            "presentation-role-conflict@12:7", "img-alt-redundant@13:49", "obsolete-motion@14:7", "valid-aria@15:12",
            "valid-aria@15:34", "valid-aria@16:42", "img-alt@17:20",
        ].sorted()
        #expect(try Self.lintFixture("inaccessible-order-message.html") == want)
    }
}

/// Audit L (accessibility clauses): each item's behaviour, with the boundaries on both sides.
@Suite struct AuditLAccessibilityTests {
    // L3: a heading whose role takes its heading semantics away is no heading.
    @Test func presentationalHeadingIsNeitherEmptyNorInTheOrder() throws {
        #expect(try positions(HeadingOrderRule.self, "<h1>A</h1>\n<h2 role=\"presentation\">Shipping</h2>").isEmpty)
        #expect(try positions(HeadingOrderRule.self, "<h1>A</h1><h2 role=\"none\">B</h2><h2 role=\"NONE\">C</h2>").isEmpty)
        #expect(try positions(HeadingOrderRule.self, "<h1>A</h1><h2 role=\"foo presentation\">B</h2>").isEmpty)
        #expect(try positions(HeadingOrderRule.self, "<h1>A</h1><h2 role=\"none\"></h2><h2 role=\"presentation\"><img src=\"a.png\" alt=\"Acme\"></h2>").isEmpty)
        // The first real heading is the h2: h2 → h3 is fine.
        #expect(try positions(HeadingOrderRule.self, "<h1 role=\"presentation\">A</h1><h2>B</h2><h3>C</h3>").isEmpty)
        // It does not count for the order: h1 → (h2 presentational) → h3 skips.
        #expect(try positions(HeadingOrderRule.self, "<h1>A</h1>\n<h2 role=\"presentation\">B</h2>\n<h3>C</h3>") == ["3:1"])
        // Any other role takes the heading away too; role="heading" keeps it.
        #expect(try positions(HeadingOrderRule.self, "<h1>A</h1><h3 role=\"button\">B</h3>").isEmpty)
        #expect(try positions(HeadingOrderRule.self, "<h1>A</h1><h3 role=\"heading\">B</h3>") == ["1:11"])
    }

    @Test func ignoredPresentationalRoleKeepsTheHeading() throws {
        // A global ARIA attribute or focusability makes user agents ignore presentation/none.
        #expect(try positions(HeadingOrderRule.self, "<h1>A</h1><h3 role=\"presentation\" aria-label=\"B\">x</h3>") == ["1:11"])
        #expect(try positions(HeadingOrderRule.self, "<h1>A</h1><h3 role=\"none\" tabindex=\"0\">B</h3>") == ["1:11"])
        #expect(try positions(HeadingOrderRule.self, "<h1>A</h1><h2 role=\"none\" aria-describedby=\"n\"></h2>") == ["1:11"])
        // Kept a heading by its ARIA attribute, it is named by its text (not "empty").
        #expect(try positions(HeadingOrderRule.self, "<h1>A</h1><h2 role=\"none\" aria-describedby=\"n\">Shipping</h2>").isEmpty)
        let m = try messages(HeadingOrderRule.self, "<h1>A</h1><h2 role=\"none\" aria-describedby=\"n\"></h2>")
        #expect(m == ["Empty <h2>: a heading needs text (or an image with alt)"])
    }

    // L4: an image-map link needs a non-empty alt.
    @Test func areaLinkWithEmptyOrBlankAltIsReported() throws {
        let map = "<img src=\"m.png\" usemap=\"#m\" alt=\"Store map\"><map name=\"m\">"
        // `<area` starts right after the 59-character prefix.
        #expect(map.count == 59)
        #expect(try positions(ImgAltRule.self, map + "<area href=\"https://example.com/s\" alt=\"\"></map>") == ["1:60"])
        #expect(try positions(ImgAltRule.self, map + "<area href=\"https://example.com/s\" alt=\" &nbsp;\"></map>") == ["1:60"])
        #expect(try positions(ImgAltRule.self, map + "<area href=\"https://example.com/s\" role=\"presentation\" alt=\"\"></map>") == ["1:60"])
        let m = try messages(ImgAltRule.self, map + "<area href=\"https://example.com/s\" alt=\"\"></map>")
        #expect(m == ["Image-map <area> link has an empty alt: add alt naming the link target"])
        // A name from aria-label/aria-labelledby, a real alt, or no href (not a link) passes.
        #expect(try positions(ImgAltRule.self, map + "<area href=\"https://example.com/s\" alt=\"\" aria-label=\"Our store\"></map>").isEmpty)
        #expect(try positions(ImgAltRule.self, "<p id=\"s\">Our store</p>" + map + "<area href=\"https://example.com/s\" alt=\"\" aria-labelledby=\"s\"></map>").isEmpty)
        #expect(try positions(ImgAltRule.self, map + "<area href=\"https://example.com/s\" alt=\"Our store\"></map>").isEmpty)
        #expect(try positions(ImgAltRule.self, map + "<area shape=\"rect\" coords=\"0,0,1,1\" alt=\"\"></map>").isEmpty)
        // An ordinary image with alt="" stays decorative.
        #expect(try positions(ImgAltRule.self, "<img src=\"a.png\" alt=\"\">").isEmpty)
    }

    @Test func blankImageButtonAltSaysEmpty() throws {
        let m = try messages(ImgAltRule.self, "<input type=\"image\" src=\"go.png\" alt=\"   \">")
        #expect(m == ["Image button <input type=image> has an empty alt: add alt naming the action"])
        let none = try messages(ImgAltRule.self, "<input type=\"image\" src=\"go.png\">")
        #expect(none == ["Image button <input type=image> has no alt: add alt naming the action"])
    }

    // L5: any well-formed 3-letter language without a two-letter form is valid.
    @Test(arguments: ["arz", "ars", "apc", "ajp", "arb", "pes", "swh", "azb", "zsm", "lzh", "gom", "ase", "ars-SA", "yue-Hant-HK", "qtz", "und", "fil", "cmn-Hans"])
    func registeredThreeLetterLanguagesAreValid(_ tag: String) {
        #expect(LanguageTag.validate(tag) == nil, "\(tag)")
    }

    @Test func iso639_2FormsOfTwoLetterLanguagesNameTheTwoLetterCode() throws {
        #expect(LanguageTag.validate("eng") == .twoLetterForm("eng", "en"))
        #expect(LanguageTag.validate("deu") == .twoLetterForm("deu", "de"))
        #expect(LanguageTag.validate("ger-DE") == .twoLetterForm("ger", "de"))
        #expect(LanguageTag.validate("FRE") == .twoLetterForm("fre", "fr"))
        #expect(LanguageTag.validate("fra") == .twoLetterForm("fra", "fr"))
        #expect(LanguageTag.validate("spa") == .twoLetterForm("spa", "es"))
        #expect(LanguageTag.validate("jpn") == .twoLetterForm("jpn", "ja"))
        #expect(LanguageTag.validate("ind") == .twoLetterForm("ind", "id"))
        #expect(LanguageTag.validate("tgl") == .twoLetterForm("tgl", "tl"))
        #expect(LanguageTag.validate("chi") == .twoLetterForm("chi", "zh"))
        #expect(LanguageTag.validate("zho") == .twoLetterForm("zho", "zh"))
        let m = try messages(HtmlLangRule.self, "<html lang=\"eng\"><body><p>x</p></body></html>")
        #expect(m == ["<html lang=\"eng\"> is not a valid language tag: \"eng\" is the ISO 639-2 form of \"en\"; BCP 47 uses \"en\""])
        #expect(try positions(HtmlLangRule.self, "<html lang=\"arz\"><body><p>x</p></body></html>").isEmpty)
        // Words and unknown two-letter codes are still unknown.
        #expect(LanguageTag.validate("english") == .unknownLanguage("english"))
        #expect(LanguageTag.validate("abcd") == .unknownLanguage("abcd"))
        #expect(LanguageTag.validate("xx") == .unknownLanguage("xx"))
    }

    @Test func twoLetterTableIsConsistent() {
        let table = LanguageTag.iso639_2WithTwoLetterCode
        // 184 languages with a two-letter code, 20 of them with a separate bibliographic form.
        #expect(table.count == 204)
        for (three, two) in table {
            #expect(three.count == 3 && three.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }, "\(three)")
            #expect(LanguageTag.iso639_1.contains(two), "\(three) → \(two)")
        }
        #expect(Set(table.values).count == 184)
    }

    // L6: controls inside <fieldset disabled> are disabled (except in its first legend).
    @Test func controlsInADisabledFieldsetAreNotFocusable() throws {
        let code = "<fieldset disabled><button aria-hidden=\"true\">Buy</button><input type=\"text\" aria-hidden=\"true\">"
            + "<select aria-hidden=\"true\"><option>a</option></select><textarea aria-hidden=\"true\"></textarea>"
            + "<div><fieldset><button aria-hidden=\"true\">Nested</button></fieldset></div></fieldset>"
        #expect(try positions(ValidAriaRule.self, code).isEmpty)
        // The first legend is not disabled; a second legend is; a link is not a form control.
        let legend = "<fieldset disabled><legend><button aria-hidden=\"true\">A</button></legend>"
            + "<legend><button aria-hidden=\"true\">B</button></legend><a href=\"#\" aria-hidden=\"true\">C</a></fieldset>"
        #expect(try positions(ValidAriaRule.self, legend) == ["1:36", "1:140"])
        // A fieldset without disabled disables nothing.
        #expect(try positions(ValidAriaRule.self, "<fieldset><button aria-hidden=\"true\">A</button></fieldset>") == ["1:19"])
        // A disabled control is not focusable even with a tabindex.
        #expect(try positions(ValidAriaRule.self, "<button disabled tabindex=\"0\" aria-hidden=\"true\">A</button>").isEmpty)
    }

    /// The plain definition of `ARIA.disabledByFieldset`, one ancestor walk per node.
    private static func walkDisabled(_ id: NodeID, in doc: Document) -> Bool {
        var child = id
        for a in doc.ancestors(id) {
            let n = doc[a]
            if n.kind == .element, n.name == "fieldset", n.hasAttribute("disabled") {
                let firstLegend = n.children.first { doc[$0].kind == .element && doc[$0].name == "legend" }
                if child != firstLegend { return true }
            }
            child = a
        }
        return false
    }

    @Test func fieldsetDisabledHelper() throws {
        let doc = try parse("<fieldset disabled><legend><input></legend><p><input></p><a href=\"#\">x</a></fieldset><input>")
        let inputs = doc.elements(named: "input")
        let disabled = ARIA.disabledByFieldset(doc)
        #expect(inputs.map { ARIA.isFocusable($0, in: doc, disabledByFieldset: disabled) } == [true, false, true])
        let link = try #require(doc.firstElement(named: "a"))
        #expect(ARIA.isFocusable(link, in: doc, disabledByFieldset: disabled))
        #expect(!disabled[inputs[0]] && disabled[inputs[1]])
        // The one-pass table agrees with the walk on every node, nested fieldsets and legends too.
        let nested = try parse("<fieldset disabled><legend><input><fieldset disabled><legend><input></legend><input></fieldset></legend>"
                               + "<legend><input></legend><fieldset><input></fieldset></fieldset><fieldset><legend><input></legend></fieldset>")
        let table = ARIA.disabledByFieldset(nested)
        #expect(nested.nodes.indices.allSatisfy { table[$0] == Self.walkDisabled($0, in: nested) })
        #expect(ARIA.disabledByFieldset(doc).count == doc.nodes.count)
        #expect(doc.elements(named: "input").map { ARIA.disabledByFieldset(doc)[$0] } == [false, true, false])
    }

    // L7: phrasings that were missing, and the precision around them.
    @Test(arguments: [
        ("Pinche aquí", "es"), ("Presione aquí", "es"), ("Haga click aquí", "es"), ("Haz click aquí", "es"),
        ("Premi qui", "it"), ("Clicca su questo link", "it"), ("Cliquez sur ce lien", "fr"), ("Hier tippen", "de"),
        ("Press here", "en"), ("Click-here", "en"), ("Read-more »", "en"), ("Clique neste link", "pt"),
    ])
    func auditLNonDescriptiveLinks(_ text: String, _ lang: String) {
        #expect(NonDescriptiveText.nonDescriptiveLinkLanguage(text) == lang, "\(text)")
    }

    @Test(arguments: [
        "Pinche aquí para ver su pedido", "Presione aquí para confirmar la dirección", "Premi qui per tracciare il pacco",
        "Cliquez sur ce lien pour suivre votre colis", "Hier tippen, um die Sendung zu verfolgen",
        "Press here to confirm your delivery address", "Self-service returns", "E-mail us", "Here — your order",
    ])
    func auditLDescriptiveLinks(_ text: String) {
        #expect(NonDescriptiveText.nonDescriptiveLinkLanguage(text) == nil, "\(text)")
    }

    // L8: a marquee/blink written inside <head> is shown in the body.
    @Test func obsoleteMotionInHead() throws {
        #expect(try positions(ObsoleteMotionRule.self, "<html lang=\"en\"><head><title>t</title><marquee>Sale</marquee></head><body><p>y</p></body></html>") == ["1:39"])
        #expect(try positions(ObsoleteMotionRule.self, "<html><head>\n<blink>Now</blink>\n</head><body></body></html>") == ["2:1"])
        let hidden = "<html><head><title>t</title><style>blink { }</style><script type=\"text/x-template\"><marquee>a</marquee></script>"
            + "<!-- <blink>b</blink> --><!--[if mso]><marquee>c</marquee><![endif]--></head><body><p>y</p></body></html>"
        #expect(try positions(ObsoleteMotionRule.self, hidden).isEmpty)
    }

    // L9: the first <title> is the document's title.
    @Test func firstTitleWins() throws {
        #expect(try positions(DocumentTitleRule.self, "<html lang=\"en\"><head><title></title><title>Your order</title></head><body><p>x</p></body></html>") == ["1:23"])
        #expect(try positions(DocumentTitleRule.self, "<html lang=\"en\"><head><title> </title></head><body><title>Order</title><p>x</p></body></html>") == ["1:23"])
        #expect(try positions(DocumentTitleRule.self, "<html lang=\"en\"><head><title>Order</title><title></title></head><body><p>x</p></body></html>").isEmpty)
        #expect(try positions(DocumentTitleRule.self, "<html lang=\"en\"><head></head><body><title>Order</title><p>x</p></body></html>").isEmpty)
    }

    // L10: generic words joined by function words are still generic.
    @Test func genericAltWithFunctionWords() {
        for alt in ["Image of the logo", "Image du logo", "Imagen del logotipo", "Foto des Logos", "L'image du logo",
                    "Photo of a logo", "Immagine del logo", "Imagem do logotipo", "Bild des Logos 2"] {
            #expect(NonDescriptiveText.isGenericAlt(alt), "\(alt)")
        }
        for alt in ["Image of a blue kettle", "Logo of Acme", "Photo of the day", "Bild der Woche", "The", "of the",
                    "de la", "Imagen de la tienda"] {
            #expect(!NonDescriptiveText.isGenericAlt(alt), "\(alt)")
        }
    }
}

/// Audit O: the cascade, not the `style` text, decides what CSS hides from assistive technology.
@Suite struct CascadeVisibilityTests {
    @Test func inlineDisplayNoneOverriddenByTheSheetIsShown() throws {
        // The mobile-only block: hidden inline, shown by a `<style>` rule with `!important`.
        let mobile = """
        <style>.m { display: block !important; }</style>
        <h1>Order</h1>
        <div class="m" style="display:none"><h3>Details</h3><img src="https://example.com/a.png"><a href="https://www.amazon.com/"></a></div>
        """
        #expect(try positions(HeadingOrderRule.self, mobile) == ["3:37"])
        #expect(try positions(ImgAltRule.self, mobile) == ["3:53"])
        #expect(try positions(LinkNameRule.self, mobile) == ["3:90"])
        #expect(try positions(HeadingOrderRule.self, "<h1>A</h1><div style=\"display:none; display:block\"><h3>B</h3></div>") == ["1:52"])
        // Still hidden when nothing shows it.
        #expect(try positions(HeadingOrderRule.self, "<h1>A</h1><div style=\"display:none\"><h3>B</h3></div>").isEmpty)
    }

    @Test func visibleChildOfAHiddenBoxIsShown() throws {
        let html = "<h1>A</h1><div style=\"visibility:hidden\"><h2 style=\"visibility:visible\">B</h2></div><h3>C</h3>"
        #expect(try positions(HeadingOrderRule.self, html).isEmpty, "the visible h2 is in the outline")
        let contrast = "<div style=\"visibility:hidden\"><p style=\"visibility:visible; color:#aaaaaa\">Grey</p></div>"
        #expect(try positions(ColorContrastRule.self, contrast).count == 1)
        #expect(try positions(ColorContrastRule.self, "<div style=\"visibility:hidden\"><p style=\"color:#aaaaaa\">Grey</p></div>").isEmpty)
    }

    @Test func placeholderBodyLinkColourIsUnknown() throws {
        let html = "<body link=\"{{link_color}}\"><table><tr><td bgcolor=\"#333333\"><a href=\"https://www.amazon.com/\">Your orders</a></td></tr></table></body>"
        #expect(try positions(ColorContrastRule.self, html).isEmpty)
        let known = "<body link=\"#222222\"><table><tr><td bgcolor=\"#333333\"><a href=\"https://www.amazon.com/\">Your orders</a></td></tr></table></body>"
        #expect(try positions(ColorContrastRule.self, known).count == 1)
    }
}
