import Foundation

/// `--changed-since REF`: the files git reports as added, modified or renamed between REF (or
/// rather its merge base with HEAD, as a pull request diff shows) and the working tree, plus
/// untracked files that are not ignored. Deleted files have nothing to lint.
public enum ChangedFiles {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    struct Output { var status: Int32; var stdout: String; var stderr: String }

    static func git(_ args: [String], in directory: String) throws -> Output {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git"] + args
        p.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch {
            throw Failure(description: "--changed-since needs git, which could not be started: \(error.localizedDescription)")
        }
        // Read stderr on another thread while stdout is drained (a full pipe would block git).
        let errData = ErrorOutput()
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errData.set(err.fileHandleForReading.readDataToEndOfFile())
            finished.signal()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        finished.wait()
        return Output(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData.get(), as: UTF8.self))
    }

    final class ErrorOutput: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func set(_ d: Data) { lock.withLock { data = d } }
        func get() -> Data { lock.withLock { data } }
    }

    /// Absolute, standardised paths of the changed files.
    public static func list(since ref: String, in directory: String = FileManager.default.currentDirectoryPath) throws -> Set<String> {
        let top = try git(["rev-parse", "--show-toplevel"], in: directory)
        guard top.status == 0 else {
            throw Failure(description: "--changed-since: \(directory) is not in a git repository (git: \(top.stderr.trimmingCharacters(in: .whitespacesAndNewlines)))")
        }
        let root = top.stdout.trimmingCharacters(in: .newlines)
        let verify = try git(["rev-parse", "--verify", "--quiet", "\(ref)^{commit}"], in: directory)
        guard verify.status == 0 else {
            throw Failure(description: "--changed-since: '\(ref)' is not a commit in this repository (fetch it first, e.g. git fetch origin \(ref), or use a deeper clone)")
        }
        var base = verify.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let mergeBase = try git(["merge-base", base, "HEAD"], in: directory)
        if mergeBase.status == 0 { base = mergeBase.stdout.trimmingCharacters(in: .whitespacesAndNewlines) }
        let diff = try git(["-c", "core.quotepath=off", "diff", "--name-only", "-z", "--diff-filter=AMR", base, "--"], in: root)
        guard diff.status == 0 else {
            throw Failure(description: "--changed-since: git diff failed: \(diff.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        let untracked = try git(["ls-files", "-z", "--others", "--exclude-standard"], in: root)
        guard untracked.status == 0 else {
            throw Failure(description: "--changed-since: git ls-files failed: \(untracked.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        var out = Set<String>()
        for name in (diff.stdout.split(separator: "\0") + untracked.stdout.split(separator: "\0")) where !name.isEmpty {
            out.insert(((root as NSString).appendingPathComponent(String(name)) as NSString).standardizingPath)
        }
        return out
    }

    /// The inputs that are changed files; standard input and inputs that could not be expanded
    /// (a missing file named on the command line) stay.
    public static func filter(_ items: [InputItem], changed: Set<String>) -> [InputItem] {
        items.filter { item in
            guard case .file(let p, _) = item else { return true }
            let abs = Glob.absolute(p)
            if changed.contains(abs) { return true }
            // Through a symlinked directory (e.g. /tmp on macOS).
            return changed.contains((abs as NSString).resolvingSymlinksInPath)
        }
    }
}
