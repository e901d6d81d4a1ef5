import Foundation
import Testing

/// Issue 8, "nothing lost": a report that cannot be written (full disk, file too large, a device
/// that refuses writes) ends the run with a clear error and exit 2, and leaves no truncated file:
/// reports go to a temporary file renamed into place only when complete, so a report already at
/// the path is left as it was.
@Suite struct FullDiskTests {
    static let inputs = [BSMLint.repo.appendingPathComponent("Fixtures/samples").path]

    /// `/dev/full` accepts the open and fails every write with ENOSPC. It is written in place (a
    /// device is never replaced by a renamed temporary file).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "/dev/full absent"))
    func devFullGivesAClearErrorAndExit2() throws {
        let r = try BSMLint.run(["check", "--format", "json", "-o", "/dev/full"] + Self.inputs)
        #expect(r.status == 2)
        #expect(r.stderr.contains("bsmlint: cannot write report: /dev/full: No space left on device"), "\(r.stderr)")
        var st = stat()
        #expect(stat("/dev/full", &st) == 0 && st.st_mode & S_IFMT == S_IFCHR, "/dev/full is still the device")
        // And with the report on stdout redirected to it: the same clear error.
        let r2 = try NoNetworkTests.shell(["/bin/sh", "-c", "exec \"$0\" check --format json \"$1\" >/dev/full",
                                           try #require(BSMLint.executable).path, Self.inputs[0]])
        #expect(r2.status == 2)
        #expect(r2.output.contains("cannot write report: stdout: No space left on device"), "\(r2.output)")
    }

    /// `-o /dev/stdout` writes through the descriptor (here a file the shell opened), never
    /// renaming a temporary file over the /dev symlink.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/stdout"), "/dev/stdout absent"))
    func outputToDevStdoutIsWrittenInPlace() throws {
        let dir = try TempDir()
        let out = dir.path("out.json")
        let exe = try #require(BSMLint.executable).path
        let r = try NoNetworkTests.shell(["/bin/sh", "-c", "exec \"$0\" check --format json -o /dev/stdout \"$1\" > \"$2\"",
                                          exe, Self.inputs[0], out])
        #expect(r.status == 1, "\(r.output)")  // the samples have errors
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        #expect((doc?["files"] as? [Any])?.isEmpty == false)
        var st = stat()
        #expect(lstat("/dev/stdout", &st) == 0 && st.st_mode & S_IFMT == S_IFLNK, "/dev/stdout is still a symlink")
        #expect(!((try? FileManager.default.contentsOfDirectory(atPath: "/dev")) ?? []).contains { $0.hasPrefix(".stdout.tmp") })
    }

    /// The file-size limit (`ulimit -f`, with SIGXFSZ ignored) makes writes past 1 KiB fail with
    /// EFBIG, as a full disk would with ENOSPC, on any machine and without privileges.
    @Test func aReportThatCannotBeWrittenLeavesTheOldOneAndNoTemporaryFile() throws {
        let dir = try TempDir()
        let report = try dir.write("report.json", "OLD REPORT")
        let exe = try #require(BSMLint.executable).path
        let r = try NoNetworkTests.shell(["/bin/sh", "-c", "trap '' XFSZ; ulimit -f 1; exec \"$0\" check --format json -o \"$1\" \"$2\"",
                                          exe, report, Self.inputs[0]])
        #expect(r.status == 2)
        #expect(r.output.contains("bsmlint: cannot write report: \(report): File too large"), "\(r.output)")
        #expect(try String(contentsOfFile: report, encoding: .utf8) == "OLD REPORT")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["report.json"])
    }

    /// A real full file system: an 8 KiB tmpfs in a user + mount namespace (where allowed).
    static let tmpfsWorks: Bool = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return false }
        let probe = try? NoNetworkTests.shell(["/usr/bin/unshare", "-rm", "/bin/sh", "-c", "mount -t tmpfs -o size=8k tmpfs /tmp"])
        return probe?.status == 0
    }()

    @Test(.enabled(if: FullDiskTests.tmpfsWorks, "cannot mount a tmpfs in a user namespace here (unshare -rm): full-tmpfs test skipped"))
    func aFullFileSystemGivesAClearErrorAndNoTruncatedReport() throws {
        let dir = try TempDir()
        let mnt = dir.path("mnt")
        try FileManager.default.createDirectory(atPath: mnt, withIntermediateDirectories: false)
        let exe = try #require(BSMLint.executable).path
        let script = """
        mount -t tmpfs -o size=8k tmpfs "$1" || exit 99
        printf 'OLD REPORT' > "$1/report.json"
        "$0" check --format json -o "$1/report.json" "$2"
        echo "status=$?"
        echo "content=$(cat "$1/report.json")"
        echo "files=$(ls -A "$1" | tr '\\n' ' ')"
        """
        // Every fixture: a JSON report far over 8 KiB.
        let r = try NoNetworkTests.shell(["/usr/bin/unshare", "-rm", "/bin/sh", "-c", script, exe, mnt,
                                          BSMLint.repo.appendingPathComponent("Fixtures").path])
        #expect(r.output.contains("status=2"), "\(r.output)")
        #expect(r.output.contains("cannot write report: \(mnt)/report.json: No space left on device"), "\(r.output)")
        #expect(r.output.contains("content=OLD REPORT"), "\(r.output)")
        #expect(r.output.contains("files=report.json \n") || r.output.hasSuffix("files=report.json \n"), "\(r.output)")
    }
}
