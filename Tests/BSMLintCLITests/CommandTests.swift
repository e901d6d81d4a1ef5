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

/// Paths and rule choices audit U found wrong: one-character names crashed Foundation's path
/// code, `-` was no stdout, and the configuration overrode the command line's rule choices.
@Suite struct CommandLineWinsTests {
    @Test func oneCharacterPathsAndDashAsStdout() throws {
        let tmp = try TempDir()
        _ = try tmp.write("b", "<p>Order 112-3456789-0123456 😀</p>")
        let named = try BSMLint.run(["check", "b"], in: tmp.url)
        #expect(named.status == 1, "a template named with one letter is checked: \(named.stderr)")
        #expect(named.stdout.contains("[emoji]"))
        #expect(try BSMLint.run(["check", "b", "-f", "json", "-o", "r"], in: tmp.url).status == 1)
        #expect(FileManager.default.fileExists(atPath: tmp.url.appendingPathComponent("r").path))
        let dash = try BSMLint.run(["check", "b", "-f", "json", "-o", "-"], in: tmp.url)
        #expect(dash.status == 1)
        #expect(dash.stdout.hasPrefix("{") && dash.stdout.contains("\"emoji\""))
        #expect(!FileManager.default.fileExists(atPath: tmp.url.appendingPathComponent("-").path))
        let eq = try BSMLint.run(["check", "b", "-f", "sarif=-"], in: tmp.url)
        #expect(eq.status == 1)
        let isSARIF = eq.stdout.contains("\"version\":\"2.1.0\"")
        #expect(isSARIF, "a SARIF log on stdout")
        let twoStdout = try BSMLint.run(["check", "b", "-f", "json=-", "-f", "sarif"], in: tmp.url)
        #expect(twoStdout.status == 2 && twoStdout.stderr.contains("only one report can go to stdout"))
        let baseline = try BSMLint.run(["check", "b", "--write-baseline", "-"], in: tmp.url)
        #expect(baseline.status == 2 && baseline.stderr.contains("--write-baseline -"))
        let stdinName = try BSMLint.run(["check", "-", "--stdin-filename", "x"], stdin: Data("<p>Hi 😀</p>".utf8), in: tmp.url)
        #expect(stdinName.status == 1 && stdinName.stdout.contains("[emoji]"))
    }

    @Test func commandLineRuleChoicesWinOverTheConfiguration() throws {
        let tmp = try TempDir()
        _ = try tmp.write("d/note.txt", "Order 112-3456789-0123456\n\nThanks 😀\n\n\n\nBye\n")
        _ = try tmp.write("d/.bsmlint.yml", "rules:\n  emoji: off\n")
        let only = try BSMLint.run(["check", "d/note.txt", "--only-rule", "emoji"], in: tmp.url)
        #expect(only.status == 1 && only.stdout.contains("[emoji]"), "--only-rule runs a rule the file turns off")
        let off = try BSMLint.run(["check", "d/note.txt", "--only-rule", "emoji", "--rule", "emoji=off"], in: tmp.url)
        #expect(!off.stdout.contains("[emoji]"), "unless the command line itself turns it off")
        _ = try tmp.write("only.yml", "onlyRules: [emoji]\n")
        let added = try BSMLint.run(["check", "d/note.txt", "-c", "only.yml", "--rule", "consecutive-line-breaks=error"], in: tmp.url)
        #expect(added.stdout.contains("[consecutive-line-breaks]") && added.stdout.contains("[emoji]"))
        let plain = try BSMLint.run(["check", "d/note.txt", "-c", "only.yml"], in: tmp.url)
        #expect(!plain.stdout.contains("[consecutive-line-breaks]") && plain.stdout.contains("[emoji]"))
    }
}
