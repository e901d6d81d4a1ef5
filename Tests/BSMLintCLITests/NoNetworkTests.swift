import Foundation
import Testing

/// Issue 8, "no network, ever": `bsmlint check` over every fixture (and the public corpus when
/// present) in a network namespace with no usable interface (`unshare -rn`: only a loopback that
/// is down) under `strace -f -e trace=%network`, which records every socket call of every thread.
/// Nothing may open an Internet socket or connect anywhere but the local syslog socket
/// (`/dev/log`: libdispatch logs there when the namespace refuses it a thread priority).
/// docs/robustness.md explains the method.
@Suite struct NoNetworkTests {
    static let corpus = BSMLint.repo.deletingLastPathComponent().appendingPathComponent("shared/corpus/public")

    /// `strace` (scripts/bootstrap.sh installs it) and permission to trace (ptrace) here.
    static let strace: String? = {
        for p in ["/usr/bin/strace", "/bin/strace"] where FileManager.default.isExecutableFile(atPath: p) {
            if (try? Self.shell([p, "-qq", "-o", "/dev/null", "true"]))?.status == 0 { return p }
        }
        return nil
    }()

    /// `unshare -rn` (user + network namespace) works here (not in every container).
    static let unshare: String? = {
        for p in ["/usr/bin/unshare", "/bin/unshare"] where FileManager.default.isExecutableFile(atPath: p) {
            if (try? Self.shell([p, "-rn", "true"]))?.status == 0 { return p }
        }
        return nil
    }()

    static func shell(_ argv: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: argv[0])
        p.arguments = Array(argv.dropFirst())
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Runs argv under strace (inside the namespace when available); returns the exit status and the
    /// network system calls recorded.
    static func traced(_ argv: [String], strace: String, in dir: TempDir) throws -> (status: Int32, calls: [String]) {
        let log = dir.path("strace-\(UUID().uuidString).log")
        var cmd = [strace, "-f", "-qq", "-e", "trace=%network", "-e", "signal=none", "-o", log] + argv
        if let unshare { cmd = [unshare, "-rn"] + cmd }
        let r = try shell(cmd)
        let calls = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: log))) ?? Data(), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        return (r.status, calls)
    }

    /// A call that reaches for the network: an Internet, packet or netlink socket, or a connect()
    /// or sendto() to anything but the local syslog socket.
    static func isNetworkAttempt(_ line: String) -> Bool {
        if line.contains("socket(") { return !line.contains("socket(AF_UNIX") }
        if line.contains("connect(") || line.contains("sendto(") || line.contains("sendmsg(") {
            return !line.contains("sun_path=\"/dev/log\"")
        }
        return false
    }

    @Test(.enabled(if: NoNetworkTests.strace != nil, "strace is missing or may not trace here (scripts/bootstrap.sh installs it): no-network check skipped"))
    func checkingTheFixturesAndCorpusNeverTouchesTheNetwork() throws {
        let strace = try #require(Self.strace)
        let exe = try #require(BSMLint.executable, "bsmlint executable not found")
        let dir = try TempDir()

        // The detector works: a connect() to loopback is recorded (and refused or unreachable).
        let control = try Self.traced(["/bin/bash", "-c", "echo > /dev/tcp/127.0.0.1/9"], strace: strace, in: dir)
        #expect(control.status != 0)
        #expect(control.calls.contains { $0.contains("connect(") && $0.contains("AF_INET") },
                "strace recorded no connect() for bash's /dev/tcp: \(control.calls)")
        #expect(control.calls.contains(where: Self.isNetworkAttempt))

        var inputs = [BSMLint.repo.appendingPathComponent("Fixtures").path]
        if FileManager.default.fileExists(atPath: Self.corpus.path) {
            inputs.append(Self.corpus.path)
        } else {
            print("NoNetworkTests: ../shared/corpus/public is absent (a user's clone): fixtures only")
        }
        let report = dir.path("report.json")
        let run = try Self.traced([exe.path, "check", "--format", "json", "-o", report, "--jobs", "2"] + inputs,
                                  strace: strace, in: dir)
        // 1: findings (the fixtures have many); 2: some fixtures carry invalid .bsmlint.yml on purpose.
        #expect([0, 1, 2].contains(run.status), "bsmlint exit \(run.status)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        let files = try #require(doc["files"] as? [[String: Any]])
        #expect(files.count >= 60, "the report lists every input")
        let summary = try #require(doc["summary"] as? [String: Any])
        #expect(summary["complete"] as? Bool == true)
        // strace wrote its log (it traced something: at least the execve'd process's calls, if any).
        let attempts = run.calls.filter(Self.isNetworkAttempt)
        #expect(attempts.isEmpty, "network system calls: \(attempts.prefix(10))")
        print("NoNetworkTests: \(files.count) inputs checked, \(run.calls.count) socket calls recorded, "
              + "none to the network (namespace: \(Self.unshare != nil ? "unshare -rn" : "none"))")
    }
}
