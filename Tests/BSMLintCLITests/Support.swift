import Foundation
import Testing

/// Runs the built `bsmlint` executable as a subprocess.
enum BSMLint {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = repo.appendingPathComponent("Fixtures/cli")

    /// Where the executable is: `BSMLINT_BIN`, else next to the test bundle (SwiftPM puts
    /// products and the .xctest in one directory), else the package's `.build/debug`.
    static let executable: URL? = {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["BSMLINT_BIN"], !env.isEmpty {
            candidates.append(URL(fileURLWithPath: env))
        }
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("bsmlint"))
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("bsmlint"))
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("bsmlint"))
        for b in Bundle.allBundles where b.bundleURL.pathExtension == "xctest" {
            candidates.append(b.bundleURL.deletingLastPathComponent().appendingPathComponent("bsmlint"))
        }
        candidates.append(repo.appendingPathComponent(".build/debug/bsmlint"))
        return candidates.first { fm.isExecutableFile(atPath: $0.path) }
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `unprivileged`: as root, run bsmlint as `nobody` through setpriv(1), so file permissions
    /// apply (root reads and searches everything); otherwise as the current user.
    static func run(_ args: [String], stdin: Data? = nil, in directory: URL? = nil, unprivileged: Bool = false,
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> Result {
        var exe = try #require(executable, "bsmlint executable not found: build it (swift build) or set BSMLINT_BIN",
                               sourceLocation: sourceLocation)
        var args = args
        if unprivileged, geteuid() == 0 {
            args = Unprivileged.prefix + [exe.path] + args
            exe = URL(fileURLWithPath: Unprivileged.setpriv)
        }
        let tmp = try TempDir()
        let outURL = tmp.url.appendingPathComponent("stdout"), errURL = tmp.url.appendingPathComponent("stderr")
        try #require(FileManager.default.createFile(atPath: outURL.path, contents: nil))
        try #require(FileManager.default.createFile(atPath: errURL.path, contents: nil))
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let p = Process()
        p.executableURL = exe
        p.arguments = args
        p.currentDirectoryURL = directory ?? repo
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        p.environment = env
        p.standardOutput = out
        p.standardError = err
        let input = Pipe()
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        p.waitUntilExit()
        try out.close()
        try err.close()
        return Result(status: p.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// Runs `check … --format json` and parses stdout.
    static func json(_ args: [String], stdin: Data? = nil, in directory: URL? = nil, unprivileged: Bool = false,
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> (Result, [String: Any]) {
        let r = try run(["check", "--format", "json"] + args, stdin: stdin, in: directory, unprivileged: unprivileged,
                        sourceLocation: sourceLocation)
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        return (r, try #require(doc, "stdout is not a JSON object: \(r.stdout.prefix(300)) stderr: \(r.stderr)",
                                sourceLocation: sourceLocation))
    }
}

/// Running bsmlint without root's privileges, for tests of permission errors.
enum Unprivileged {
    static let setpriv = "/usr/bin/setpriv"
    static let prefix = ["--reuid=65534", "--regid=65534", "--clear-groups"]

    /// Nil when permissions are enforced for bsmlint (not root, or root with setpriv able to
    /// start it as nobody); else why not.
    static let unavailableReason: String? = {
        if geteuid() != 0 { return nil }
        guard FileManager.default.isExecutableFile(atPath: setpriv) else {
            return "running as root without setpriv(1): permissions are not enforced for root"
        }
        guard let r = try? BSMLint.run(["--version"], unprivileged: true), r.status == 0 else {
            return "running as root, and bsmlint cannot be started as nobody (is the build directory readable by others?)"
        }
        return nil
    }()
}

/// A temporary directory removed when the value goes away.
final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("bsmlint-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit {
        // Undo chmod 000 so removal works when not root.
        if let e = FileManager.default.enumerator(atPath: url.path) {
            for case let name as String in e {
                chmod(url.appendingPathComponent(name).path, 0o700)
            }
        }
        try? FileManager.default.removeItem(at: url)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }
    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let u = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: u)
        return u.path
    }
    func contents() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }
}

extension Dictionary where Key == String, Value == Any {
    var files: [[String: Any]] { (self["files"] as? [[String: Any]]) ?? [] }
    var summary: [String: Any] { (self["summary"] as? [String: Any]) ?? [:] }
}

extension Dictionary where Key == String, Value == Any {
    var findings: [[String: Any]] { (self["findings"] as? [[String: Any]]) ?? [] }
    var ruleIds: [String] { findings.compactMap { $0["ruleId"] as? String } }
}

func normalisingDuration(_ s: String) -> String {
    s.replacing(try! Regex(#""durationMs":[-0-9.eE+]+"#), with: #""durationMs":0"#)
}
