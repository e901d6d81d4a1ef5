import BSMDocument
@testable import BSMEngine
import BSMRules
import Testing

/// The engine tests use two rules whose behaviour they know, so new rules never change them.
let engineTestRules: [any Rule.Type] = [InsecureImageRule.self, EmojiRule.self]

func lint(_ html: String, rules: [any Rule.Type] = engineTestRules, path: String = "t.html") throws -> FileResult {
    let linter = try Linter(ruleTypes: rules, configuration: Configuration())
    return linter.check(path: path, bytes: Array(html.utf8))
}

@Suite struct DirectiveTests {
    let http = "<img src=\"http://x.com/a.png\" alt=\"a\">"

    @Test func disableAndEnable() throws {
        let r = try lint("<!-- bsmlint-disable insecure-image -- legacy banner -->\n\(http)\n<!-- bsmlint-enable insecure-image -->\n\(http)")
        let ids = r.findings.map { "\($0.ruleId)@\($0.range.start.line)" }
        #expect(ids == ["insecure-image@4"])
    }

    @Test func disableNextCoversTheNextElementOnly() throws {
        let r = try lint("<!-- bsmlint-disable-next insecure-image -->\n<div>\(http)</div>\n\(http)")
        #expect(r.findings.map(\.range.start.line) == [3])
    }

    /// Text right after the comment is what comes next (audit U): it is covered, and the
    /// element after it is not.
    @Test func disableNextCoversTheTextRightAfterIt() throws {
        let r = try lint("<div><!-- bsmlint-disable-next emoji -->\nLoose text 😀 here\n<p>After 🎉</p></div>")
        #expect(r.findings.map { "\($0.ruleId)@\($0.range.start.line)" } == ["emoji@3"])
        // Blank text between the comment and the element does not count.
        let e = try lint("<div><!-- bsmlint-disable-next emoji -->\n   \n<p>Hi 😀</p><p>Bye 🎉</p></div>")
        #expect(e.findings.map { "\($0.ruleId)@\($0.range.start.line)" } == ["emoji@3"])
        #expect(e.findings.first?.range.start.column == 19, "the second paragraph's 🎉")
        let none = try lint("<div><p>Hi</p><!-- bsmlint-disable-next emoji --></div>")
        #expect(none.findings.map(\.message) == ["bsmlint-disable-next has no element or text after it"])
    }

    @Test func anOpenDisableInAnEMLCoversItsHeaders() throws {
        // The Subject comes before any comment of the body: a disable never re-enabled covers it.
        func eml(_ body: String) -> String {
            "From: a@example.com\nSubject: Hi 😀\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n\(body)\n"
        }
        let plain = try lint(eml("<p>Hello</p>"), path: "m.eml")
        #expect(plain.findings.map { "\($0.ruleId)@\($0.range.start.line)" } == ["emoji@2"])
        let open = try lint(eml("<!-- bsmlint-disable emoji -- brand name -->\n<p>Hello 😀</p>"), path: "m.eml")
        #expect(open.findings.isEmpty, "subject and body both covered, the directive used")
        // Re-enabled: a region from here to there, as in HTML; the subject is outside it.
        let closed = try lint(eml("<!-- bsmlint-disable emoji -->\n<p>Hello 😀</p>\n<!-- bsmlint-enable emoji -->"), path: "m.eml")
        #expect(closed.findings.map { "\($0.ruleId)@\($0.range.start.line)" } == ["emoji@2"])
        // In HTML an open region still starts at the directive.
        let html = try lint("<p>😀</p>\n<!-- bsmlint-disable emoji -->\n<p>😀</p>")
        #expect(html.findings.map(\.range.start.line) == [1])
    }

    @Test func disableWithoutIdsCoversEveryRule() throws {
        let r = try lint("<!-- bsmlint-disable -->\n<p>😀</p>\(http)")
        #expect(r.findings.isEmpty)
    }

    @Test func unusedDirectiveIsReported() throws {
        let r = try lint("<!-- bsmlint-disable emoji -- nothing here -->\n<p>fine</p>")
        #expect(r.findings.count == 1)
        #expect(r.findings.first?.ruleId == UnusedDirective.id)
        #expect(r.findings.first?.severity == .warning)
        #expect(r.findings.first?.range.start == SourcePosition(line: 1, column: 1, offset: 0))
    }

    @Test func eachUnusedRuleOfADirectiveIsReported() throws {
        // emoji is suppressed, insecure-image is not: the directive is partly unused.
        let r = try lint("<!-- bsmlint-disable-next emoji, insecure-image -->\n<p>Hi 😀</p>")
        #expect(r.findings.map(\.ruleId) == [UnusedDirective.id])
        #expect(r.findings.first?.message == "Unused directive for insecure-image: nothing of it was reported here; remove it from the directive")
        // Both used: nothing to report; split by bsmlint-enable, judged as one directive.
        #expect(try lint("<!-- bsmlint-disable-next emoji, insecure-image -->\n<p>Hi 😀 \(http)</p>").findings.isEmpty)
        let split = try lint("<!-- bsmlint-disable emoji, insecure-image -->\n<p>😀</p>\n<!-- bsmlint-enable emoji -->\n\(http)")
        #expect(split.findings.isEmpty)
        let splitUnused = try lint("<!-- bsmlint-disable emoji, insecure-image -->\n<p>😀</p>\n<!-- bsmlint-enable emoji -->\n<p>ok</p>")
        #expect(splitUnused.findings.map(\.message) == ["Unused directive for insecure-image: nothing of it was reported here; remove it from the directive"])
        // An unknown id is reported as unknown, not also as unused.
        let typo = try lint("<!-- bsmlint-disable-next emoji, emojii -->\n<p>Hi 😀</p>")
        #expect(typo.findings.map(\.message) == ["Directive names unknown rule(s): emojii"])
        // Only an unknown id: reported as unknown, once.
        #expect(try lint("<!-- bsmlint-disable-next bogus -->\n<p>ok</p>").findings.map(\.message) == ["Directive names unknown rule(s): bogus"])
        // Nothing used at all: the directive as a whole.
        #expect(try lint("<!-- bsmlint-disable-next emoji, insecure-image -->\n<p>ok</p>").findings.map(\.message)
                == ["Unused directive: nothing of emoji, insecure-image was reported here; remove it"])
    }

    @Test func unknownRuleInDirectiveIsReported() throws {
        let r = try lint("<!-- bsmlint-disable-next no-such-rule -->\n<p>x</p>")
        #expect(r.findings.contains { $0.ruleId == UnusedDirective.id && $0.message.contains("no-such-rule") })
    }
}

@Suite struct LinterTests {
    @Test func fingerprintsSurviveEditsAbove() throws {
        let a = try lint("<p>one</p>\n<img src=\"http://x.com/a.png\" alt=\"a\">")
        let b = try lint("<p>one</p>\n<p>an unrelated new paragraph</p>\n\n<img src=\"http://x.com/a.png\" alt=\"a\">")
        #expect(a.findings.count == 1 && b.findings.count == 1)
        #expect(a.findings[0].fingerprint == b.findings[0].fingerprint)
        #expect(a.findings[0].range.start.line != b.findings[0].range.start.line)
    }

    @Test func identicalFindingsGetDistinctFingerprints() throws {
        let r = try lint("<img src=\"http://x.com/a.png\"><img src=\"http://x.com/a.png\">")
        #expect(Set(r.findings.map(\.fingerprint)).count == 2)
    }

    @Test(arguments: [
        ([UInt8](), "checked"),
        ([UInt8](repeating: 0, count: 100), "error"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "error"),
        (Array("<p>caf\u{E9}</p>".utf8), "checked"),
    ])
    func badInputsAreReportedNotFatal(_ bytes: [UInt8], _ status: String) throws {
        let linter = try Linter(ruleTypes: BuiltinRules.all, configuration: Configuration())
        let r = linter.check(path: "x.html", bytes: bytes)
        #expect(r.status.rawValue == status)
        if status == "error" {
            #expect(r.findings.count == 1)
            #expect(r.findings[0].ruleId == "input-error")
            #expect(!r.findings[0].message.isEmpty)
        }
    }

    @Test func sizeLimitIsAnInputError() throws {
        var c = Configuration()
        c.limits.maxFileBytes = 10
        let r = try Linter(ruleTypes: BuiltinRules.all, configuration: c).check(path: "x.html", bytes: Array("<p>more than ten bytes</p>".utf8))
        #expect(r.status == .error)
        #expect(r.findings.first?.message.contains("maxFileBytes") == true)
    }

    @Test func depthLimitIsAnInputError() throws {
        var c = Configuration()
        c.limits.maxDepth = 50
        let html = String(repeating: "<div>", count: 100) + "x"
        let r = try Linter(ruleTypes: BuiltinRules.all, configuration: c).check(path: "x.html", bytes: Array(html.utf8))
        #expect(r.status == .error)
        #expect(r.findings.first?.message.contains("maxDepth") == true)
    }

    @Test func hundredThousandNestedElementsAreAnInputError() throws {
        let html = String(repeating: "<div>", count: 100_000) + "deep" + String(repeating: "</div>", count: 100_000)
        let r = try lint(html)
        #expect(r.status == .error)
        #expect(r.findings.first?.message.contains("limits.maxDepth") == true)
    }

    @Test func nulBytesInsideAttributesDoNotLoseTheDocument() throws {
        var bytes = Array("<p title=\"a".utf8)
        bytes.append(0)
        bytes += Array("b\">x</p><img src=\"http://x.com/a.png\">".utf8)
        let r = try Linter(ruleTypes: engineTestRules, configuration: Configuration()).check(path: "n.html", bytes: bytes)
        #expect(r.status == .checked)
        #expect(r.findings.map(\.ruleId) == ["insecure-image"])
        #expect(r.notes.contains { $0.contains("NUL") })
    }

    @Test func plainTextSaysWhichRulesDoNotApply() throws {
        let r = try lint("Hello 😀\nThanks", path: "m.txt")
        #expect(r.kind == .text)
        #expect(r.findings.map(\.ruleId) == ["emoji"])
        #expect(r.findings.first?.range.start == SourcePosition(line: 1, column: 7, offset: 6))
        #expect(r.notApplicable.contains("insecure-image"))
    }
}
