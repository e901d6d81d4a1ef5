@testable import BSMEngine
import Foundation
import Testing

/// Overlapping arguments list every file once, in a stable order, without a set of every file.
struct InputCollectorTests {
    func tree() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bsmlint-collect-\(UUID().uuidString)")
        for rel in ["a.html", "sub/b.html", "sub/c.txt", "sub/deeper/d.eml", "notes.md"] {
            let u = root.appendingPathComponent(rel)
            try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("<p>x</p>".utf8).write(to: u)
        }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("link").path,
                                                   withDestinationPath: root.appendingPathComponent("sub").path)
        return root
    }

    func names(_ items: [InputItem], _ root: URL) -> [String] {
        items.map { item -> String in
            let real = URL(fileURLWithPath: item.path).resolvingSymlinksInPath().path
            return String(real.dropFirst(root.resolvingSymlinksInPath().path.count + 1))
        }.sorted()
    }

    @Test func overlappingArgumentsListEachFileOnce() throws {
        let root = try tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let r = root.path
        let all = ["a.html", "sub/b.html", "sub/c.txt", "sub/deeper/d.eml"]
        for args in [[r], [r, r + "/sub"], [r + "/sub", r], [r + "/a.html", r], [r, r + "/a.html"], [r, r + "/./sub/../sub"],
                     [r + "/sub/b.html", r + "/sub", r]] {
            let items = InputCollector.collect(args, stdinName: nil)
            #expect(names(items, root) == all, "\(args.map { $0.replacingOccurrences(of: r, with: "R") })")
        }
        // The symbolic link to `sub` is the same directory: its files are not listed twice.
        #expect(InputCollector.collect([r], stdinName: nil).count == 4)
        #expect(InputCollector.collect([r + "/link", r + "/sub"], stdinName: nil).count == 3)
    }
}

/// A directory argument without templates is reported (a wrong path must not pass a CI job).
struct EmptyDirectoryTests {
    @Test func aDirectoryWithoutTemplatesIsAProblem() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bsmlint-empty-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("empty/.hidden"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: root.appendingPathComponent("empty/notes.md"))
        try Data("<p>x</p>".utf8).write(to: root.appendingPathComponent("empty/.hidden/a.html"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("full"), withIntermediateDirectories: true)
        try Data("<p>x</p>".utf8).write(to: root.appendingPathComponent("full/a.html"))
        let items = InputCollector.collect([root.appendingPathComponent("empty").path], stdinName: nil)
        #expect(items.count == 1)
        if case .problem(_, let reason) = items.first {
            #expect(reason.contains("no templates"))
        } else {
            Issue.record("expected a problem, got \(items)")
        }
        // Named twice, a directory with templates is listed once and is no problem.
        let full = root.appendingPathComponent("full").path
        #expect(InputCollector.collect([full, full], stdinName: nil) == [.file(full + "/a.html", walked: true)])
    }
}

/// `**` in a pattern: zero or more directories (bash `globstar`, git), not one.
struct GlobStarTests {
    @Test func doubleStarMatchesAnyDepth() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bsmlint-globstar-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for rel in ["exports/a.html", "exports/x/y/b.html", "exports/z/c.html", "exports/z/n.txt",
                    "exports/.hidden/h.html", "exports/node_modules/m.html", "exports/[odd]/o.html"] {
            let u = root.appendingPathComponent(rel)
            try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("<p>x</p>".utf8).write(to: u)
        }
        let r = root.path
        func paths(_ pattern: String) -> [String] {
            InputCollector.collect([pattern], stdinName: nil).map { item -> String in
                if case .problem(let p, _) = item { return "problem:" + p }
                return String(item.path.dropFirst(r.count + 1))
            }.sorted()
        }
        #expect(paths("\(r)/exports/**/*.html") == ["exports/[odd]/o.html", "exports/a.html", "exports/x/y/b.html", "exports/z/c.html"])
        #expect(paths("\(r)/exports/**/y/*.html") == ["exports/x/y/b.html"])
        // A `*` names `node_modules` like any directory; only `**` does not enter it.
        #expect(paths("\(r)/exports/*/**/*.html") == ["exports/[odd]/o.html", "exports/node_modules/m.html", "exports/x/y/b.html", "exports/z/c.html"])
        #expect(paths("\(r)/exports/**") == ["exports/[odd]/o.html", "exports/a.html", "exports/x/y/b.html", "exports/z/c.html", "exports/z/n.txt"])
        #expect(paths("\(r)/exports/**/*.htm") == ["problem:\(r)/exports/**/*.htm"])  // still reported when nothing matches
        // Brace sets (bash, ESLint, fast-glob): expanded before matching.
        #expect(paths("\(r)/exports/**/*.{html,txt}") == ["exports/[odd]/o.html", "exports/a.html", "exports/x/y/b.html", "exports/z/c.html", "exports/z/n.txt"])
        #expect(paths("\(r)/exports/{x/y,z}/*.html") == ["exports/x/y/b.html", "exports/z/c.html"])
        #expect(paths("\(r)/exports/**/*.{htm,eml}") == ["problem:\(r)/exports/**/*.{htm,eml}"])
        #expect(paths("\(r)/" + String(repeating: "{a,b}", count: 9)) == ["problem:\(r)/" + String(repeating: "{a,b}", count: 9)])
    }

    @Test func braceSetsExpand() {
        #expect(InputCollector.expandBraces("a/{x,y}/*.{html,htm}") == ["a/x/*.html", "a/x/*.htm", "a/y/*.html", "a/y/*.htm"])
        #expect(InputCollector.expandBraces("a/{x,{y,z}w}") == ["a/x", "a/yw", "a/zw"])
        #expect(InputCollector.expandBraces("{x}/{a,b}") == ["{x}/a", "{x}/b"])  // no comma: literal
        #expect(InputCollector.expandBraces("a/{x,y") == ["a/{x,y"])  // unclosed: literal
        #expect(InputCollector.expandBraces("a/\\{x,y}") == ["a/\\{x,y}"])  // escaped
        #expect(InputCollector.expandBraces(String(repeating: "{a,b}", count: 8))?.count == 256)
        #expect(InputCollector.expandBraces(String(repeating: "{a,b}", count: 9)) == nil)  // over the bound: refused
        #expect(InputCollector.expandBraces(String(repeating: "{a,b}", count: 40)) == nil)  // and fast
    }
}
