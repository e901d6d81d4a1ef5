import BSMDocument
import BSMEngine
import Foundation
@testable import BSMRules
import Testing

/// Lints an example with only its rule enabled (plus the example's configuration).
func lintExample(_ type: any Rule.Type, _ example: RuleExample) throws -> (findings: [Finding], markers: [(line: Int, column: Int)]) {
    let (code, markers) = example.stripped
    var config = Configuration()
    if let yaml = example.config {
        config.merge(try ConfigParser.parse(yaml: yaml, path: "example.yml", knownRules: BuiltinRules.ids))
    }
    config.rules[UnusedDirective.id] = RuleSetting(level: .off)
    let linter = try Linter(ruleTypes: [type], configuration: config)
    let name: String
    switch example.kind {
    case .html: name = "example.html"
    case .text: name = "example.txt"
    case .eml: name = "example.eml"
    }
    let result = linter.check(path: name, bytes: Array(code.utf8))
    #expect(result.status == .checked, "example did not load: \(result.findings.first?.message ?? "")")
    return (result.findings.filter { $0.ruleId == type.metadata.id }, markers)
}

struct RuleCase: CustomTestStringConvertible, Sendable {
    let id: String
    let index: Int
    let failing: Bool
    var testDescription: String { "\(id) \(failing ? "failing" : "passing") #\(index + 1)" }

    static var all: [RuleCase] {
        BuiltinRules.all.flatMap { t -> [RuleCase] in
            let m = t.metadata
            return m.failing.indices.map { RuleCase(id: m.id, index: $0, failing: true) }
                + m.passing.indices.map { RuleCase(id: m.id, index: $0, failing: false) }
        }
    }
}

@Suite struct RuleExamplesTests {
    /// Every failing example reports exactly at its `↓` markers; every passing example reports nothing.
    @Test(arguments: RuleCase.all)
    func example(_ c: RuleCase) throws {
        let type = try #require(BuiltinRules.type(for: c.id))
        let m = type.metadata
        let ex = c.failing ? m.failing[c.index] : m.passing[c.index]
        let (findings, markers) = try lintExample(type, ex)
        if c.failing {
            #expect(!markers.isEmpty, "failing example without a ↓ marker")
            let got = findings.map { "\($0.range.start.line):\($0.range.start.column)" }.sorted()
            let want = markers.map { "\($0.line):\($0.column)" }.sorted()
            #expect(got == want, "\(c.id) example \(c.index + 1):\n\(ex.code)\nfindings: \(findings.map { "\($0.range.start) \($0.message)" })")
            for f in findings {
                #expect(!f.message.isEmpty)
                #expect(f.fingerprint.count == 16)
            }
        } else {
            #expect(markers.isEmpty, "passing example with a marker")
            #expect(findings.isEmpty, "\(c.id) passing example \(c.index + 1) reported: \(findings.map { "\($0.range.start) \($0.message)" })")
        }
    }

    @Test func registryIsWellFormed() {
        var seen = Set<String>()
        for t in BuiltinRules.all {
            let m = t.metadata
            #expect(seen.insert(m.id).inserted, "duplicate id \(m.id)")
            #expect(m.id.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) != nil, "id not kebab-case: \(m.id)")
            #expect(m.failing.count >= 4, "\(m.id) needs at least 4 failing examples")
            #expect(m.passing.count >= 4, "\(m.id) needs at least 4 passing examples")
            #expect(!m.summary.isEmpty && !m.rationale.isEmpty && !m.fix.isEmpty)
        }
    }

    /// The rule pages in docs/rules are generated from metadata and must be committed up to date
    /// (`swift run bsmlint docs` regenerates them).
    @Test func docsAreUpToDate() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dir = root.appendingPathComponent("docs/rules").path
        let stale = try RuleDocs.write(BuiltinRules.documented, to: dir, checkOnly: true)
        #expect(stale.isEmpty, "docs/rules out of date: \(stale); run `swift run bsmlint docs`")
        // The engine's own ids, which every report can carry, have pages too (audit G, bug 9).
        for id in [InputErrorRule.id, UnusedDirective.id] {
            #expect(FileManager.default.fileExists(atPath: dir + "/\(id).md"), "docs/rules/\(id).md")
        }
    }

    /// The examples on the `unused-disable-directive` page, linted with every rule: failing ones
    /// report it exactly at their `↓` markers, passing ones not at all.
    @Test func engineRuleExamples() throws {
        let m = UnusedDirective.metadata
        #expect(m.failing.count >= 4 && m.passing.count >= 3)
        #expect(InputErrorRule.metadata.failing.isEmpty && !InputErrorRule.metadata.canBeDisabled)
        let linter = try Linter(ruleTypes: BuiltinRules.all, configuration: Configuration())
        for (failing, examples) in [(true, m.failing), (false, m.passing)] {
            for ex in examples {
                let (code, markers) = ex.stripped
                let result = linter.check(path: "example.html", bytes: Array(code.utf8))
                #expect(result.status == .checked)
                let got = result.findings.filter { $0.ruleId == m.id }.map { "\($0.range.start.line):\($0.range.start.column)" }
                #expect(got.sorted() == markers.map { "\($0.line):\($0.column)" }.sorted(), "\(ex.code)")
                #expect(failing ? !markers.isEmpty : markers.isEmpty)
            }
        }
    }
}
