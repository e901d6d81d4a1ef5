import BSMDocument
import Foundation

/// One input named on the command line, after expansion.
public enum InputItem: Sendable, Hashable {
    /// A file; `walked` when it was found by walking a directory (not named on the command line).
    case file(String, walked: Bool = false)
    case stdin(name: String, bytes: [UInt8])
    /// A path that could not be expanded (missing, loop): still reported, as an input error.
    case problem(path: String, reason: String)

    /// The name of standard input when `--stdin-filename` gives none.
    public static let defaultStdinName = "<stdin>"

    public var path: String {
        switch self {
        case .file(let p, _): return p
        case .stdin(let n, _): return n
        case .problem(let p, _): return p
        }
    }
}

/// Expands paths, directories and globs into inputs, in a stable order, without following a
/// directory twice (symlink loops).
public enum InputCollector {
    public static func collect(_ paths: [String], stdinName: String?) -> [InputItem] {
        var out: [InputItem] = []
        // Files named one by one (and by globs), by absolute path; directories walked to the
        // end, by real path. A walk's files are not kept in a set: a directory is walked once,
        // so memory does not grow with the number of files found.
        var seen = Set<String>()
        var walked = Set<String>()
        for p in paths {
            if p == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                out.append(.stdin(name: stdinName ?? InputItem.defaultStdinName, bytes: [UInt8](data)))
                continue
            }
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: p, isDirectory: &isDir) {
                if isDir.boolValue {
                    var visited = Set<String>()
                    let before = out.count
                    let walkedBefore = walked.contains(realPath(p))
                    // `dir/` and `dir//` list `dir/x.html`, not `dir//x.html`.
                    var dir = p
                    while dir.count > 1, dir.hasSuffix("/") { dir.removeLast() }
                    walk(directory: dir, into: &out, seen: seen, walked: &walked, visited: &visited)
                    // A directory named on the command line that holds no template is most likely
                    // a wrong path (ESLint and stylelint fail on it too): reported, not passed.
                    if out.count == before, !walkedBefore {
                        out.append(.problem(path: p, reason: "no templates (.html, .htm, .txt, .eml) in this directory"))
                    }
                } else if isNew(file: p, seen: &seen, walked: walked) {
                    out.append(.file(p))
                }
            } else if p.contains("*") || p.contains("?") || p.contains("[") || p.contains("{") {
                // Brace sets first (`*.{html,htm}`, as bash, ESLint and fast-glob read them).
                guard let patterns = expandBraces(p) else {
                    out.append(.problem(path: p, reason: "its brace sets give more than \(InputCollector.maxBraceExpansions) patterns"))
                    continue
                }
                let matches = Array(Set(patterns.flatMap { expandGlob($0) })).sorted()
                if matches.isEmpty { out.append(.problem(path: p, reason: "no file matches this pattern")) }
                for m in matches {
                    var d: ObjCBool = false
                    if FileManager.default.fileExists(atPath: m, isDirectory: &d), d.boolValue {
                        var visited = Set<String>()
                        walk(directory: m, into: &out, seen: seen, walked: &walked, visited: &visited)
                    } else if isNew(file: m, seen: &seen, walked: walked) {
                        out.append(.file(m))
                    }
                }
            } else {
                // lstat sees a dangling symlink that fileExists does not.
                if p.unicodeScalars.contains("\u{FFFD}") {
                    out.append(.problem(path: p, reason: InputCollector.undecodableName))
                } else {
                    out.append(.problem(path: p, reason: missingReason(p)))
                }
            }
        }
        return out
    }

    static let undecodableName = "cannot open the file: its name is not valid UTF-8 (rename it)"

    /// Why a path that `fileExists` denies cannot be checked, from `lstat`'s errno: a missing
    /// file is not the same problem as a directory on the way that cannot be searched
    /// (EACCES, which was reported as "no such file or directory"), a file used as a directory
    /// (ENOTDIR) or a symbolic-link loop (ELOOP).
    static func missingReason(_ p: String) -> String {
        var st = stat()
        if lstat(p, &st) == 0 {
            // The name exists but does not lead to a file: a link to nothing, or to a loop.
            return "cannot read the file: broken symbolic link or unreadable"
        }
        let code = errno
        switch code {
        case ENOENT: return "no such file or directory"
        case EACCES: return "cannot read the file: \(String(cString: strerror(code))) (a directory on its path cannot be searched)"
        default: return "cannot read the file: \(String(cString: strerror(code)))"
        }
    }

    static let skippedDirectories: Set<String> = [".git", "node_modules", ".build", ".svn", ".hg"]

    /// The canonical absolute path (symbolic links resolved), or the lexical one when the
    /// path cannot be resolved.
    public static func realPath(_ p: String) -> String {
        guard let r = realpath(p, nil) else { return Glob.absolute(p) }
        defer { free(r) }
        return String(cString: r)
    }

    /// A file named on the command line or by a glob: new unless named before, or inside a
    /// directory already walked (it was listed then, if it is a template).
    static func isNew(file p: String, seen: inout Set<String>, walked: Set<String>) -> Bool {
        if !walked.isEmpty, InputSniffer.isTemplatePath(p) {
            let dir = PathText.directory(of: p)
            if walked.contains(realPath(dir.isEmpty ? "." : dir)) { return false }
        }
        return seen.insert(Glob.absolute(p)).inserted
    }

    static func walk(directory: String, into out: inout [InputItem], seen: Set<String>, walked: inout Set<String>,
                     visited: inout Set<String>) {
        let real = realPath(directory)
        guard visited.insert(real).inserted else {
            out.append(.problem(path: directory, reason: "directory loop: \(directory) leads back to \(real), already scanned"))
            return
        }
        // Walked before (`dir dir/sub`, or a second link to it): its files are listed already.
        if walked.contains(real) {
            visited.remove(real)
            return
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            out.append(.problem(path: directory, reason: "cannot read the directory: \(error.localizedDescription)"))
            return
        }
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            var isDir: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
            if exists && isDir.boolValue {
                if name.hasPrefix(".") || skippedDirectories.contains(name) { continue }
                walk(directory: path, into: &out, seen: seen, walked: &walked, visited: &visited)
            } else if InputSniffer.isTemplatePath(name) {
                if !exists {
                    // Foundation decodes a name that is not UTF-8 with U+FFFD: that path cannot be
                    // opened, and it is not a broken link. A directory that can be listed but not
                    // searched (mode r--) lists names that cannot be reached: say so.
                    var st = stat()
                    let reason = name.unicodeScalars.contains("\u{FFFD}") ? InputCollector.undecodableName
                        : lstat(path, &st) == 0 ? "cannot read the file: broken symbolic link" : missingReason(path)
                    out.append(.problem(path: path, reason: reason))
                } else if seen.isEmpty || !seen.contains(Glob.absolute(path)) {
                    out.append(.file(path, walked: true))
                }
            }
        }
        visited.remove(real)
        walked.insert(real)
    }

    /// The paths a pattern names, sorted. `**` as a whole path component matches zero or more
    /// directories (`exports/**/*.html` takes in `exports/a.html` and `exports/x/y/b.html`), as in
    /// bash's `globstar`, git and the `ignore` globs; hidden directories and `.git`,
    /// `node_modules`, `.build` … are not entered, as in a directory walk. The other components
    /// are POSIX `glob(3)` patterns (`*`, `?`, `[…]`).
    static func expandGlob(_ pattern: String) -> [String] {
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let star = parts.firstIndex(of: "**") else { return posixGlob(pattern) }
        let prefix = parts[..<star].joined(separator: "/")
        let rest = parts[(star + 1)...].joined(separator: "/")
        // Directories the `**` starts from: the prefix's matches ("" is the working directory).
        let bases: [String]
        if star == 0 {
            bases = [""]
        } else if prefix.isEmpty {
            bases = ["/"]  // the pattern starts with `/**`
        } else {
            bases = posixGlob(prefix).filter { isDirectory($0) }
        }
        var out = Set<String>()
        for base in bases {
            var dirs: [String] = []
            var seenReal = Set<String>()
            collectDirectories(base, into: &dirs, seen: &seenReal)
            for d in dirs {
                if rest.isEmpty {
                    // `dir/**`: the directory, walked as a whole.
                    out.insert(d.isEmpty ? "." : d)
                } else {
                    // The rest under each directory (it may hold another `**`).
                    let dir = d.isEmpty ? "" : escapeGlob(d.hasSuffix("/") ? d : d + "/")
                    for m in expandGlob(dir + rest) where !m.isEmpty { out.insert(m) }
                }
            }
        }
        return out.sorted()
    }

    static let maxBraceExpansions = 256

    /// A pattern with its brace sets expanded, left to right (`a/{x,y}/*.{html,htm}` → four
    /// patterns; nested sets too). A brace without a comma at its level (`{x}`), or unclosed,
    /// stays literal. Nil when the sets give more than `maxBraceExpansions` patterns (the work
    /// stops there: `{a,b}` twenty times is a million).
    static func expandBraces(_ pattern: String) -> [String]? {
        var out: [String] = []
        return expandBraces(pattern, into: &out) ? out : nil
    }

    private static func expandBraces(_ pattern: String, into out: inout [String]) -> Bool {
        let c = Array(pattern)
        var i = 0
        while i < c.count {
            if c[i] == "\\" { i += 2; continue }
            if c[i] == "{" {
                // The matching close and the commas at this level.
                var depth = 0, j = i, commas: [Int] = []
                while j < c.count {
                    if c[j] == "\\" { j += 2; continue }
                    if c[j] == "{" { depth += 1 } else if c[j] == "}" { depth -= 1; if depth == 0 { break } } else if c[j] == ",", depth == 1 { commas.append(j) }
                    j += 1
                }
                if j < c.count, !commas.isEmpty {
                    let head = String(c[..<i]), tail = String(c[(j + 1)...])
                    var bounds = [i] + commas
                    bounds.append(j)
                    for k in 0..<(bounds.count - 1) {
                        let alt = String(c[(bounds[k] + 1)..<bounds[k + 1]])
                        guard expandBraces(head + alt + tail, into: &out) else { return false }
                    }
                    return true
                }
            }
            i += 1
        }
        guard out.count < maxBraceExpansions else { return false }
        out.append(pattern)
        return true
    }

    /// `base` and every directory below it (not hidden, not a skipped tool directory, each real
    /// directory once).
    private static func collectDirectories(_ base: String, into out: inout [String], seen: inout Set<String>) {
        let path = base.isEmpty ? "." : base
        let real = realPath(path)
        guard seen.insert(real).inserted else { return }
        out.append(base)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names.sorted() where !name.hasPrefix(".") && !skippedDirectories.contains(name) {
            let child = base.isEmpty ? name : (base.hasSuffix("/") ? base + name : base + "/" + name)
            if isDirectory(child) { collectDirectories(child, into: &out, seen: &seen) }
        }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &d) && d.boolValue
    }

    /// A literal path as a glob pattern (`*`, `?`, `[`, `\\` escaped).
    private static func escapeGlob(_ s: String) -> String {
        var out = ""
        for c in s {
            if c == "*" || c == "?" || c == "[" || c == "]" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out
    }

    private static func posixGlob(_ pattern: String) -> [String] {
        var g = glob_t()
        defer { globfree(&g) }
        guard glob(pattern, 0, nil, &g) == 0 else { return [] }
        var out: [String] = []
        for i in 0..<Int(g.gl_pathc) {
            if let p = g.gl_pathv[i] { out.append(String(cString: p)) }
        }
        return out.sorted()
    }
}

/// Reads a file with a size limit and errno-based reasons.
public enum FileReader {
    public static func read(_ path: String, maxBytes: Int) throws -> [UInt8] {
        // O_NONBLOCK: opening a FIFO (named pipe) for reading would otherwise wait forever for a
        // writer and stall the whole batch.
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { throw InputError.unreadable(String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw InputError.unreadable(String(cString: strerror(errno))) }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw InputError.unreadable("is a directory")
        case S_IFIFO: throw InputError.unreadable("not a regular file: a FIFO (named pipe); use '-' to read standard input")
        case S_IFSOCK: throw InputError.unreadable("not a regular file: a socket")
        default: throw InputError.unreadable("not a regular file: a device")
        }
        // Back to blocking reads for the regular file.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        let size = Int(st.st_size)
        if size > maxBytes { throw InputError.tooLarge(bytes: size, limit: maxBytes) }
        var bytes = [UInt8](repeating: 0, count: max(size, 0))
        var total = 0
        while total < size {
            let n = bytes.withUnsafeMutableBytes { buf in
                Glibc.read(fd, buf.baseAddress.map { $0 + total }, size - total)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError.unreadable(String(cString: strerror(errno)))
            }
            if n == 0 { break }
            total += n
        }
        if total < size { bytes.removeLast(size - total) }
        // A file that grew while reading: read the rest up to the limit.
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, 65536) }
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > maxBytes { throw InputError.tooLarge(bytes: bytes.count, limit: maxBytes) }
        }
        return bytes
    }
}

/// Lints inputs on `jobs` workers and hands results back in input order, holding at most a
/// bounded window of finished results.
public enum BatchRunner {
    /// What the CLI needs to know about a batch beyond the per-file results.
    public struct Outcome: Sendable {
        /// Inputs that were not checked because their configuration file is invalid (each is
        /// still reported as an `input-error`; the CLI exits 2 for a configuration error).
        public var configurationErrors = 0
        /// The distinct configuration errors behind them (each names its file and the reason),
        /// in the order met.
        public var configurationProblems: [String] = []
        public init() {}
    }

    @discardableResult
    /// `ignoreFile`: a `.bsmlintignore`; files it matches are reported as skipped, like the
    /// `ignore` globs of their configuration.
    public static func run(items: [InputItem], resolver: ConfigResolver, jobs: Int, measureRules: Bool = false,
                           ignoreFile: IgnoreFile? = nil,
                           emit: (FileResult) throws -> Void) async throws -> Outcome {
        var outcome = Outcome()
        var resolver = resolver
        // Each input is resolved (configuration cached by directory; ignore rules) only when it
        // enters the window: no per-input work list is held for the whole batch, so memory
        // stays flat however many inputs there are. A bad configuration file is an input error
        // for the files under it, not the end of the batch.
        func prepare(_ item: InputItem) -> (Linter?, FileResult?) {
            switch item {
            case .problem(let p, let reason):
                return (nil, .inputError(path: p, kind: InputSniffer.kind(forPath: p), byteCount: 0, reason: reason))
            case .file(let p, _), .stdin(let p, _):
                // A name given to standard input (`--stdin-filename`) is a path like any other:
                // it selects the configuration, and `.bsmlintignore` and the configuration's
                // `ignore` apply to it (as ESLint and Prettier do), so an editor or hook piping
                // an ignored file gets the same answer as `bsmlint check FILE`.
                var byteCount = 0, named = true
                if case .stdin(let name, let bytes) = item { (byteCount, named) = (bytes.count, name != InputItem.defaultStdinName) }
                if named, let why = ignoreFile?.ignoreReason(forFile: p) ?? resolver.ignoreReason(forFile: p) {
                    return (nil, FileResult(path: p, kind: InputSniffer.kind(forPath: p), byteCount: byteCount, encoding: nil,
                                            status: .skipped, findings: [], skipReason: why))
                }
                do {
                    var linter = try resolver.linter(forFile: p)
                    linter.measureRules = measureRules
                    return (linter, nil)
                } catch {
                    outcome.configurationErrors += 1
                    let problem = "\(error)"
                    if !outcome.configurationProblems.contains(problem) { outcome.configurationProblems.append(problem) }
                    return (nil, .inputError(path: p, kind: InputSniffer.kind(forPath: p), byteCount: 0,
                                             reason: "configuration error: \(problem)"))
                }
            }
        }
        // One job: check each input in turn on this task. Handing every file to a child task
        // and back cost two thread switches per file (about 4 % of a corpus run).
        if jobs <= 1 {
            for item in items {
                let (linter, done) = prepare(item)
                if let linter {
                    try emit(lintOne(linter: linter, item: item))
                } else {
                    try emit(done ?? .inputError(path: item.path, kind: nil, byteCount: 0, reason: "internal: no linter"))
                }
            }
            return outcome
        }
        let window = max(1, jobs) * 4
        try await withThrowingTaskGroup(of: (Int, FileResult).self) { group in
            var next = 0
            var nextToEmit = 0
            var pending: [Int: FileResult] = [:]
            var inFlight = 0
            func schedule() {
                while inFlight < max(1, jobs), next < items.count, next < nextToEmit + window {
                    let i = next
                    let item = items[i]
                    next += 1
                    let (linter, done) = prepare(item)
                    guard let linter else {
                        pending[i] = done ?? .inputError(path: item.path, kind: nil, byteCount: 0, reason: "internal: no linter")
                        continue
                    }
                    inFlight += 1
                    group.addTask { (i, lintOne(linter: linter, item: item)) }
                }
            }
            schedule()
            while nextToEmit < items.count {
                if let r = pending.removeValue(forKey: nextToEmit) {
                    try emit(r)
                    nextToEmit += 1
                    schedule()
                    continue
                }
                guard let (i, r) = try await group.next() else { break }
                inFlight -= 1
                pending[i] = r
                schedule()
            }
        }
        return outcome
    }

    /// The mark bsmlint's HTML report carries in its `<head>`.
    public static let reportMarker = Array(#"<meta name="generator" content="bsmlint">"#.utf8)

    /// True when the first 1 KB holds `reportMarker` and the report's title.
    static func isReport(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(1024)
        let title = Array("<title>bsmlint report</title>".utf8)
        guard head.count >= title.count,
              head.indices.dropLast(title.count - 1).contains(where: { head[$0] == 0x3C && head[$0..<($0 + title.count)].elementsEqual(title) })
        else { return false }
        guard head.count >= reportMarker.count else { return false }
        return head.indices.dropLast(reportMarker.count - 1).contains { i in
            head[i] == 0x3C && head[i..<(i + reportMarker.count)].elementsEqual(reportMarker)
        }
    }

    /// True when the last line is the text reporter's summary (`✖ 3 problems (2 errors, 1
    /// warning) in 2 files`, `✔ no problems in 4 files`; colours stripped): a text report
    /// (`-o report.txt`) inside a checked directory. A plain-text message never ends that way.
    static func isTextReport(_ bytes: [UInt8]) -> Bool {
        var tail = Array(bytes.suffix(512))
        // Colours: ESC [ … m.
        var plain: [UInt8] = []
        plain.reserveCapacity(tail.count)
        var i = 0
        while i < tail.count {
            if tail[i] == 0x1B, i + 1 < tail.count, tail[i + 1] == 0x5B {
                var j = i + 2
                while j < tail.count, tail[j] != 0x6D, j - i < 12 { j += 1 }
                i = j + 1
                continue
            }
            plain.append(tail[i])
            i += 1
        }
        tail = plain
        while let last = tail.last, last == 0x0A || last == 0x0D || last == 0x20 { tail.removeLast() }
        let start = tail.lastIndex(where: { $0 == 0x0A || $0 == 0x0D }).map { $0 + 1 } ?? 0
        let line = String(decoding: tail[start...], as: UTF8.self)
        let rest: Substring
        if line.hasPrefix("✔ no problems in ") {
            rest = line.dropFirst("✔ no problems in ".count)
        } else if line.hasPrefix("✖ ") {
            let afterMark = line.dropFirst(2)
            let count = afterMark.prefix(while: \.isASCII).prefix(while: \.isNumber)
            guard !count.isEmpty else { return false }
            let words = afterMark.dropFirst(count.count)
            guard words.hasPrefix(" problem"), let r = words.range(of: ") in ") else { return false }
            rest = words[r.upperBound...]
        } else {
            return false
        }
        let files = rest.prefix(while: { $0.isASCII && $0.isNumber })
        return !files.isEmpty && rest.dropFirst(files.count).hasPrefix(" file")
    }

    static func lintOne(linter: Linter, item: InputItem) -> FileResult {
        switch item {
        case .file(let p, let walked):
            do {
                let bytes = try FileReader.read(p, maxBytes: linter.configuration.limits.maxFileBytes)
                // An HTML or text report bsmlint wrote earlier (`-o report.html`, `-o report.txt`
                // inside a checked directory) is listed, not checked as a template. Only a file found by walking a
                // directory: one named on the command line is always checked (a template cannot
                // hide behind a copied marker).
                if walked, isReport(bytes) || (p.lowercased().hasSuffix(".txt") && isTextReport(bytes)) {
                    return FileResult(path: p, kind: InputSniffer.kind(forPath: p), byteCount: bytes.count, encoding: nil,
                                      status: .skipped, findings: [], skipReason: "a bsmlint report, not a template")
                }
                return linter.check(path: p, bytes: bytes)
            } catch {
                return .inputError(path: p, kind: InputSniffer.kind(forPath: p), byteCount: 0, reason: "\(error)")
            }
        case .stdin(let name, let bytes):
            return linter.check(path: name, bytes: bytes)
        case .problem(let p, let reason):
            return .inputError(path: p, kind: nil, byteCount: 0, reason: reason)
        }
    }
}
