import Foundation
import Testing

@Suite struct CommandTests {
    @Test func rulesListsTheBuiltinRules() throws {
        let r = try BSMLint.run(["rules"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("  insecure-image ") && $0.contains("error") })
        #expect(lines.contains { $0.hasPrefix("  emoji ") && $0.contains("error") })
        #expect(r.stdout.contains("`bsmlint explain ID`"))
    }

    @Test func rulesAsJSON() throws {
        let r = try BSMLint.run(["rules", "--json"])
        #expect(r.status == 0)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let ids = list.compactMap { $0["id"] as? String }
        #expect(ids.contains("insecure-image") && ids.contains("emoji"))
        #expect(ids.count == Set(ids).count)
        for rule in list {
            #expect(rule["defaultSeverity"] as? String == "error" || rule["defaultSeverity"] as? String == "warning"
                    || rule["defaultSeverity"] as? String == "info")
            #expect((rule["summary"] as? String)?.isEmpty == false)
        }
    }

    @Test func explainPrintsTheRuleDocumentation() throws {
        let r = try BSMLint.run(["explain", "emoji"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("emoji"))
        // Same text as the generated page docs/rules/emoji.md.
        let page = try String(contentsOf: BSMLint.repo.appendingPathComponent("docs/rules/emoji.md"), encoding: .utf8)
        #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == page.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The engine's own rule ids appear in every report: `explain` and `rules` know them, and
    /// `explain` prints their generated page (audit G, bug 9).
    @Test(arguments: ["input-error", "unused-disable-directive"])
    func engineRulesAreExplainedAndListed(_ id: String) throws {
        let r = try BSMLint.run(["explain", id])
        #expect(r.status == 0, "\(r.stderr)")
        let page = try String(contentsOf: BSMLint.repo.appendingPathComponent("docs/rules/\(id).md"), encoding: .utf8)
        #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == page.trimmingCharacters(in: .whitespacesAndNewlines))
        let rules = try BSMLint.run(["rules"])
        #expect(rules.stdout.split(separator: "\n").contains { $0.hasPrefix("  \(id) ") })
        let json = try BSMLint.run(["rules", "--json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(list.contains { $0["id"] as? String == id })
    }

    @Test func initWritesAConfigThatCheckAccepts() throws {
        let tmp = try TempDir()
        let r = try BSMLint.run(["init"], in: tmp.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: tmp.path(".bsmlint.yml")))
        let again = try BSMLint.run(["init"], in: tmp.url)
        #expect(again.status == 2, "refuses to overwrite")
        try tmp.write("a.html", "<div lang=\"en\" dir=\"ltr\"><p>Hello, about your order {{order.id}}: could you confirm the delivery address?</p></div>\n")
        let check = try BSMLint.run(["check", "a.html"], in: tmp.url)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }
}
