import Foundation
import Testing
@testable import BSMLintCLI

/// `check`'s paths bypass swift-argument-parser (its array arguments are quadratic).
@Suite struct PathArgumentsTests {
    @Test func valueOptionsMatchTheParsersDefinitions() throws {
        let r = try BSMLint.run(["check", "--experimental-dump-help"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        func find(_ c: [String: Any]) -> [String: Any]? {
            if c["commandName"] as? String == "check" { return c }
            for s in (c["subcommands"] as? [[String: Any]]) ?? [] { if let f = find(s) { return f } }
            return nil
        }
        let command = try #require(root["command"] as? [String: Any])
        let check = try #require(find(command))
        var valueOptions = Set<String>(), flags = Set<String>()
        for a in (check["arguments"] as? [[String: Any]]) ?? [] {
            let names = ((a["names"] as? [[String: Any]]) ?? []).compactMap { n -> String? in
                guard let kind = n["kind"] as? String, let name = n["name"] as? String else { return nil }
                return (kind == "short" ? "-" : "--") + name
            }
            if a["kind"] as? String == "option" { valueOptions.formUnion(names) }
            if a["kind"] as? String == "flag" { flags.formUnion(names) }
        }
        #expect(valueOptions == PathArguments.checkValueOptions)
        #expect(flags.isDisjoint(with: PathArguments.checkValueOptions))
        // check's own flags; --help, -h and --version belong to every command.
        #expect(flags.subtracting(["--help", "-h", "--version"]) == PathArguments.checkFlags)
    }

    @Test func splitsPathsFromOptions() throws {
        let s = try #require(PathArguments.split(["check", "a.html", "--format", "json", "b.html", "-c", "x.yml",
                                                  "--quiet", "--rule=emoji=off", "-", "--", "-odd.html", "--format"]))
        #expect(s.paths == ["a.html", "b.html", "-", "-odd.html", "--format"])
        #expect(s.parserArguments == ["check", "--format", "json", "-c", "x.yml", "--quiet", "--rule=emoji=off", "a.html"])
        // The default subcommand: a path first.
        let d = try #require(PathArguments.split(["t.html", "--format", "text"]))
        #expect(d.parserArguments == ["check", "--format", "text", "t.html"])
        #expect(d.paths == ["t.html"])
        // A first path that looks like an option goes after `--`.
        let o = try #require(PathArguments.split(["check", "--", "-x.html", "y.html"]))
        #expect(o.parserArguments == ["check", "--", "-x.html"])
        #expect(o.paths == ["-x.html", "y.html"])
        // The default subcommand opened by one of check's own options.
        let f = try #require(PathArguments.split(["--format", "json", "a.html", "--quiet", "b.html"]))
        #expect(f.parserArguments == ["check", "--format", "json", "--quiet", "a.html"])
        #expect(f.paths == ["a.html", "b.html"])
        let q = try #require(PathArguments.split(["--rule=emoji=off", "a.html"]))
        #expect(q.parserArguments == ["check", "--rule=emoji=off", "a.html"])
        // Other subcommands, help and version are left to the parser.
        #expect(PathArguments.split(["merge", "a.json", "b.json"]) == nil)
        #expect(PathArguments.split(["--version"]) == nil)
        #expect(PathArguments.split(["--help"]) == nil)
        #expect(PathArguments.split(["-h"]) == nil)
        #expect(PathArguments.split(["help", "check"]) == nil)
        #expect(PathArguments.split([]) == nil)
    }

    /// Thousands of paths on the command line (a shell glob) are all checked, in one run,
    /// with options anywhere between them.
    @Test func manyPathsAreAllChecked() throws {
        let tmp = try TempDir()
        var args = ["check", "--jobs", "2"]
        for i in 0..<3_000 {
            let p = try tmp.write("t\(i).html", "<p>Hello \(i)</p>")
            args.append(p)
            if i == 1_500 { args += ["--format", "json"] }
        }
        let r = try BSMLint.run(args)
        #expect(r.status == 0 || r.status == 1, "\(r.stderr)")  // 1: content findings on the tiny templates
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(doc.summary["inputErrors"] as? Int == 0)
        let files = (doc["files"] as? [[String: Any]]) ?? []
        #expect(files.count == 3_000)
        #expect(Set(files.compactMap { $0["path"] as? String }).count == 3_000)
    }

    @Test func optionFirstCommandLinesCheckEveryPath() throws {
        let clean = BSMLint.fixture("clean.html")
        let r = try BSMLint.run(["--format", "json", clean, "--quiet", "-"], stdin: Data("<p>Hi</p>".utf8))
        #expect(r.status == 0 || r.status == 1, "\(r.stderr)")  // 1: findings in the stdin template
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(doc.files.compactMap { $0["path"] as? String }.count == 2)
    }

    @Test func usageErrorsAreUnchanged() throws {
        let missing = try BSMLint.run(["check", "--format"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("format"))
        let none = try BSMLint.run(["check", "--quiet"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("give at least one file"))
        let unknown = try BSMLint.run(["check", "a.html", "--no-such-option", "b.html"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no-such-option"))
    }
}
