import ArgumentParser
import BSMDocument
import BSMEngine
import BSMReporters
import BSMRules
import Foundation

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check templates: files, directories (recursively: .html, .htm, .txt, .eml), globs, or - for stdin.",
        discussion: """
        Exit status: 0 no errors (and warnings within --max-warnings), 1 errors or too many warnings, \
        2 usage, configuration or internal error, 130 interrupted (reports finished, marked incomplete).
        """
    )

    @Argument(help: "Files, directories, glob patterns, or - for standard input.") var paths: [String] = []

    @Option(name: [.customShort("f", allowingJoined: true), .customLong("format")], parsing: .singleValue,
            help: "Output format: text, json, jsonl, sarif, github, junit, checkstyle, html. Repeat for several; NAME=FILE writes that format to FILE.")
    var formats: [String] = []

    @Option(name: [.customShort("o", allowingJoined: true), .long], help: "Write the (single or first) report to FILE instead of stdout (written atomically).") var output: String?

    @Option(name: .customLong("rule"), parsing: .singleValue, help: "Override a rule: ID=error|warning|info|off (repeatable); a rule turned on here runs even under onlyRules in configuration.")
    var ruleOverrides: [String] = []

    @Option(name: .customLong("only-rule"), parsing: .singleValue, help: "Run only this rule (repeatable), even where configuration turns it off; overrides onlyRules in configuration.")
    var onlyRules: [String] = []

    @Option(name: .customLong("reference-width"), parsing: .singleValue, help: "Reference width in px (default 600). Repeatable.")
    var referenceWidths: [Double] = []

    @Option(help: "Marketplace, e.g. amazon.com, amazon.de.") var marketplace: String?

    @Option(name: .customLong("sp-api-type"), help: "SP-API mode: check as this Messaging API message type (e.g. confirmCustomizationDetails, createUnexpectedProblem).")
    var spApiType: String?

    @Option(name: .customLong("max-warnings"), help: "Exit 1 when there are more warnings than this (-1: no limit, as ESLint).") var maxWarnings: Int?

    @Option(name: [.customShort("j", allowingJoined: true), .long], help: "Files checked in parallel (default: all cores).") var jobs: Int?

    @Option(name: [.customShort("c", allowingJoined: true), .long], help: "Use this configuration file instead of the .bsmlint.yml found upward from each file.") var config: String?

    @Option(name: .customLong("stdin-filename"), help: "Path the input read from - stands for: its kind, configuration and ignore rules (.bsmlintignore, ignore:) apply.") var stdinFilename: String?

    @Option(help: "Check only shard K of N (1-based, e.g. 2/8): a stable share of the inputs by path hash, for spreading a batch over machines; `bsmlint merge` joins the reports.")
    var shard: String?

    @Flag(help: "Report errors only.") var quiet = false

    @Flag(help: "Print where the time went (per phase and per rule) and finding counts to stderr.") var stats = false

    @Flag(name: .customLong("no-color"), help: "Never colour text output.") var noColor = false

    // CI options (docs/ci.md).
    @Option(name: .customLong("baseline"), help: "Report only findings not recorded in this baseline file (from --write-baseline).")
    var baselinePath: String?

    @Option(name: .customLong("write-baseline"), help: "Record every finding of this run in FILE (JSON, written atomically); exit 0 unless an input could not be checked.")
    var writeBaselinePath: String?

    @Option(name: .customLong("changed-since"), help: "Check only templates added, modified or renamed since this git ref (merge base with HEAD), plus untracked ones.")
    var changedSince: String?

    @Option(name: .customLong("print-config"), help: "Print the configuration that applies to FILE (YAML; JSON with --format json) and exit.")
    var printConfig: String?

    /// Path checks, also run when the paths are taken from the command line by
    /// `PathArguments` after the parser's own validation.
    func validatePaths() throws {
        if paths.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("- (standard input) is given more than once: it can be read only once")
        }
    }

    mutating func validate() throws {
        if paths.isEmpty && printConfig == nil { throw ValidationError("give at least one file, directory, glob or -") }
        try validatePaths()
        for o in ruleOverrides {
            let parts = o.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, RuleLevel(String(parts[1])) != nil else {
                throw ValidationError("--rule expects ID=error|warning|info|off, got '\(o)'")
            }
            let id = String(parts[0])
            guard BuiltinRules.ids.contains(id) || id == UnusedDirective.id else {
                if id == InputErrorRule.id { throw ValidationError("--rule: \(ConfigError.unknownRule(id))") }
                throw ValidationError("--rule: unknown rule '\(id)'; `bsmlint rules` lists them")
            }
        }
        for id in onlyRules where !(BuiltinRules.ids.contains(id) || id == UnusedDirective.id) {
            throw ValidationError("--only-rule: unknown rule '\(id)'; `bsmlint rules` lists them")
        }
        // Written as "not inside" so NaN (`--reference-width nan`), which fails every
        // comparison, is refused too.
        for w in referenceWidths where !(w >= 100 && w <= 4000) {
            throw ValidationError("--reference-width must be a number of px between 100 and 4000, got \(w)")
        }
        try WarningGate.validate(maxWarnings)
        if let m = marketplace, !Configuration.knownMarketplaces.contains(m.lowercased()) {
            throw ValidationError("unknown marketplace '\(m)' (known: \(Configuration.knownMarketplaces.joined(separator: ", ")))")
        }
        if let t = spApiType, SPAPIMessageType.named(t) == nil {
            throw ValidationError("unknown --sp-api-type '\(t)' (known: \(SPAPIMessageType.names.joined(separator: ", ")))")
        }
        if let s = shard, Shard(s) == nil { throw ValidationError("--shard expects K/N with 1 <= K <= N, got '\(s)'") }
        if let j = jobs, j < 1 { throw ValidationError("--jobs must be at least 1") }
        try ReportOutputs.validate(formats, output: output, baseline: writeBaselinePath)
    }

    func run() async throws {
        let started = Linter.now()
        // Command-line layer of configuration.
        var cli = ConfigurationLayer()
        cli.isCommandLine = true
        if !referenceWidths.isEmpty { cli.referenceWidths = referenceWidths }
        if let m = marketplace { cli.marketplace = m.lowercased() }
        if !onlyRules.isEmpty { cli.onlyRules = Set(onlyRules) }
        if let t = spApiType { cli.spApiType = SPAPIMessageType.named(t) }
        for o in ruleOverrides {
            let parts = o.split(separator: "=", maxSplits: 1).map(String.init)
            cli.rules[parts[0]] = RuleSetting(level: RuleLevel(parts[1]))
        }
        let resolver: ConfigResolver
        do {
            resolver = try ConfigResolver(explicitPath: config, commandLine: cli, ruleTypes: BuiltinRules.all)
        } catch {
            FileHandle.standardError.write(Data("bsmlint: \(error)\n".utf8))
            throw ExitCode(2)
        }

        if let file = printConfig {
            try printConfiguration(file: file, resolver: resolver)
            return
        }
        let ci = try loadCIInputs()

        // Outputs.
        var sinks: [OutputSink]
        do {
            sinks = try ReportOutputs.open(ReportOutputs.resolve(formats, default: "text", output: output),
                                           noColor: noColor, context: reportContext(resolver))
        } catch {
            FileHandle.standardError.write(Data("bsmlint: \(error)\n".utf8))
            throw ExitCode(2)
        }

        // Inputs.
        var items = InputCollector.collect(paths, stdinName: stdinFilename)
        if let changed = ci.changed { items = ChangedFiles.filter(items, changed: changed) }
        let shard = self.shard.flatMap(Shard.init)
        if let shard { items = items.filter { shard.contains($0.path) } }
        let primary = resolver.base
        let run = RunInfo(referenceWidths: primary.referenceWidths, marketplace: primary.marketplace,
                          enabledRules: resolver.baseEnabledRuleIds,
                          shard: shard)
        do {
            for i in sinks.indices { try sinks[i].begin(run) }
        } catch {
            FileHandle.standardError.write(Data("bsmlint: cannot write report: \(error)\n".utf8))
            for i in sinks.indices { sinks[i].discard() }
            throw ExitCode(2)
        }

        var summary = RunSummary()
        var timings = PhaseTimings()
        let jobCount = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let quiet = self.quiet
        var outcome = BatchRunner.Outcome()
        var baselineSuppressed = 0
        var newBaseline = Baseline()
        let (baseline, recordBaseline) = (ci.baseline, writeBaselinePath != nil)
        var progress = ProgressBar(total: items.count, enabled: ProgressBar.shouldShow())
        let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
        let interrupt = Interrupt.install()
        defer { interrupt.uninstall() }
        do {
            outcome = try await BatchRunner.run(items: items, resolver: resolver, jobs: jobCount, measureRules: stats,
                                                ignoreFile: ci.ignoreFile) { result in
                var r = result
                if recordBaseline { newBaseline.record(r) }
                if let baseline { baselineSuppressed += baseline.filter(&r) }
                if quiet { r.findings = r.findings.filter { $0.severity == .error } }
                summary.add(r)
                timings.add(r.timings)
                // A report streaming to the terminal erases the progress bar before it writes.
                for i in sinks.indices { try sinks[i].file(r) { if stdoutIsTerminal { progress.clear() } } }
                progress.tick()
                if interrupt.fired { throw Interrupt.Stop() }
            }
        } catch is Interrupt.Stop {
            // Ctrl-C / SIGTERM: finish the reports with what was checked, marked incomplete
            // (summary.complete = false), then exit 130 below.
            // A signal during the last file leaves nothing unreported: that run is complete.
            summary.complete = summary.files >= items.count
        } catch {
            FileHandle.standardError.write(Data("bsmlint: \(error)\n".utf8))
            for i in sinks.indices { sinks[i].discard() }
            throw ExitCode(2)
        }
        progress.clear()
        summary.durationMs = (Linter.now() - started) * 1000
        if stats { FileHandle.standardError.write(Data(StatsTable.render(timings, summary).utf8)) }
        do {
            let extras = RunExtras(baselineSuppressed: baseline == nil ? nil : baselineSuppressed,
                                   configurationErrors: outcome.configurationErrors)
            for i in sinks.indices { try sinks[i].finish(summary, extras: extras) }
        } catch {
            FileHandle.standardError.write(Data("bsmlint: cannot write report: \(error)\n".utf8))
            for i in sinks.indices { sinks[i].discard() }
            throw ExitCode(2)
        }
        if !summary.complete {
            FileHandle.standardError.write(Data("bsmlint: interrupted after \(summary.files) file\(summary.files == 1 ? "" : "s"); the report is incomplete\n".utf8))
            throw ExitCode(130)
        }
        if let path = baselinePath, baselineSuppressed > 0 {
            let n = baselineSuppressed
            FileHandle.standardError.write(Data("bsmlint: \(n) known finding\(n == 1 ? "" : "s") hidden by the baseline \(path)\n".utf8))
        }
        if let path = writeBaselinePath, outcome.configurationErrors == 0 {
            do { try newBaseline.write(to: path) } catch {
                FileHandle.standardError.write(Data("bsmlint: \(error)\n".utf8))
                throw ExitCode(2)
            }
            let n = newBaseline.entries.count
            FileHandle.standardError.write(Data("bsmlint: wrote \(n) finding\(n == 1 ? "" : "s") to the baseline \(path)\n".utf8))
        }
        if outcome.configurationErrors > 0 {
            // The report lists those files as input errors; the exit status says it is a
            // configuration problem, not a finding in the templates (README: exit 2).
            let n = outcome.configurationErrors
            let files = outcome.configurationProblems.count
            FileHandle.standardError.write(Data("bsmlint: \(n) file\(n == 1 ? "" : "s") not checked: invalid configuration file\(files == 1 ? "" : "s")\n".utf8))
            // Which file and why, also when every report goes to a file (a CI log shows this).
            for problem in outcome.configurationProblems { FileHandle.standardError.write(Data("bsmlint: \(problem)\n".utf8)) }
            throw ExitCode(2)
        }
        // The baseline accepts today's findings; inputs that could not be checked are not in it.
        if writeBaselinePath != nil {
            if summary.inputErrors > 0 { throw ExitCode(1) }
            return
        }
        try WarningGate.exit(errors: summary.errors, warnings: summary.warnings, max: maxWarnings, prefix: "bsmlint")
    }
}

/// SIGINT/SIGTERM during a batch: the first one stops the batch after the file being reported
/// (the reports are finished and marked incomplete); a second one exits at once.
final class Interrupt: @unchecked Sendable {
    struct Stop: Error {}
    private let lock = NSLock()
    private var count = 0
    private var sources: [DispatchSourceSignal] = []

    var fired: Bool { lock.withLock { count > 0 } }

    static func install() -> Interrupt {
        let i = Interrupt()
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [i] in
                let n = i.lock.withLock { () -> Int in
                    i.count += 1
                    return i.count
                }
                if n > 1 { _exit(130) }
            }
            source.resume()
            i.sources.append(source)
        }
        return i
    }

    func uninstall() {
        for s in sources { s.cancel() }
        sources = []
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}

/// Why a report file cannot be written, as the user should read it.
struct SinkError: Error, CustomStringConvertible {
    let description: String
}

/// A report destination: stdout, or a file written to a temporary name and renamed into place
/// when complete, so no reader ever sees half a report.
struct OutputSink {
    var reporter: any Reporter
    let path: String?
    private var buffer: Data = Data()
    private let tempPath: String?
    /// The file the report replaces: `path`, or the file a symbolic link at `path` points to
    /// (the link stays a link).
    private let destination: String?
    private var handle: FileHandle?

    init(reporter: any Reporter, path: String?) throws {
        self.reporter = reporter
        self.path = path
        var destination = path
        var lst = stat()
        if let p = path, lstat(p, &lst) == 0, lst.st_mode & S_IFMT == S_IFLNK, let real = realpath(p, nil) {
            destination = String(cString: real)
            free(real)
        }
        self.destination = destination
        var st = stat()
        let exists = path.map { stat($0, &st) == 0 } ?? false
        if let path, exists, st.st_mode & S_IFMT == S_IFDIR {
            throw SinkError(description: "\(path) is a directory")
        }
        if let path, exists, st.st_mode & S_IFMT != S_IFREG || path.hasPrefix("/dev/") || path.hasPrefix("/proc/") {
            // A device, pipe or terminal (`/dev/full`, a FIFO), or a name for an open descriptor
            // (`-o /dev/stdout`, even when it is a file): written in place. A temporary file renamed
            // onto it would replace the device node or the /dev symlink itself.
            let fd = open(path, O_WRONLY | O_CLOEXEC | (st.st_mode & S_IFMT == S_IFREG ? O_TRUNC : 0))
            guard fd >= 0 else { throw SinkError(description: "\(String(cString: strerror(errno))) (opening \(path))") }
            tempPath = nil
            handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        } else if path != nil, let destination {
            let dir = PathText.directory(of: destination)
            let name = (destination as NSString).lastPathComponent
            let tmp = ((dir.isEmpty ? "." : dir) as NSString).appendingPathComponent(".\(name).tmp-\(getpid())")
            // A new report gets the usual 0666 less the umask; a replaced one keeps its mode.
            let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o666)
            guard fd >= 0 else {
                // Say why (no such directory, permission denied, read-only file system).
                throw SinkError(description: "\(String(cString: strerror(errno))) (creating \(tmp))")
            }
            if exists { _ = fchmod(fd, st.st_mode & 0o7777) }
            close(fd)
            tempPath = tmp
            handle = FileHandle(forWritingAtPath: tmp)
        } else {
            tempPath = nil
        }
    }

    mutating func write(_ s: String) throws {
        guard !s.isEmpty else { return }
        try write(data: Data(s.utf8))
    }

    mutating func write(bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        try write(data: Data(bytes))
    }

    private mutating func write(data: Data) throws {
        do {
            if let handle {
                try handle.write(contentsOf: data)
            } else {
                // The throwing write: the non-throwing one traps on a full disk (ENOSPC) or a
                // closed pipe; this one lets the run end with exit 2 and a clear message.
                try FileHandle.standardOutput.write(contentsOf: data)
            }
        } catch {
            throw SinkError(description: "\(path ?? "stdout"): \(Self.reason(error))")
        }
    }

    /// The system's words for a failed write ("No space left on device"), not Foundation's
    /// "The operation could not be completed".
    static func reason(_ error: Error) -> String {
        var e = error as NSError
        while e.domain != NSPOSIXErrorDomain, let u = e.userInfo[NSUnderlyingErrorKey] as? NSError { e = u }
        if e.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(e.code))) }
        if let c = error as? CocoaError, c.code == .fileWriteOutOfSpace { return String(cString: strerror(ENOSPC)) }
        return "\(error)"
    }

    mutating func begin(_ run: RunInfo) throws {
        let s = reporter.begin(run)
        try write(s)
    }

    /// `beforeStdout` runs before text goes to standard output (to erase a progress bar).
    mutating func file(_ r: FileResult, beforeStdout: () -> Void = {}) throws {
        let text = reporter.file(r)
        if handle == nil, !text.isEmpty { beforeStdout() }
        try write(text)
    }

    /// Abandons a file report: closes and removes the temporary file, leaving any existing
    /// report at `path` untouched.
    mutating func discard() {
        if let handle {
            try? handle.close()
            self.handle = nil
        }
        if let tempPath { unlink(tempPath) }
    }

    mutating func finish(_ summary: RunSummary, extras: RunExtras = RunExtras()) throws {
        if var r = reporter as? any ExtrasReporter {
            let bytes = r.endUTF8(summary, extras: extras)
            reporter = r
            try write(bytes: bytes)
        } else {
            try write(reporter.end(summary))
        }
        if let handle, tempPath == nil {
            // Written in place (a device or pipe): nothing to flush to disk or rename.
            try handle.close()
            self.handle = nil
        }
        if let handle, let tempPath, let path {
            // A full disk may surface only here (delayed allocation): the report is then not renamed.
            do {
                try handle.synchronize()
                try handle.close()
            } catch {
                throw SinkError(description: "\(path): \(Self.reason(error))")
            }
            self.handle = nil
            if rename(tempPath, destination ?? path) != 0 {
                let why = String(cString: strerror(errno))
                unlink(tempPath)
                throw SinkError(description: "rename to \(path) failed: \(why)")
            }
        }
    }
}

/// `--stats`: time per phase (summed over files, so over 100% of wall time with several jobs)
/// and per rule, with finding counts.
enum StatsTable {
    static func render(_ t: PhaseTimings, _ s: RunSummary) -> String {
        func ms(_ v: Double) -> String { String(format: "%10.1f ms", v) }
        var out = "\nbsmlint --stats: \(s.files) files in \(String(format: "%.1f", s.durationMs)) ms wall\n"
        out += "  phase                      time (all jobs)\n"
        for (name, v) in [("read + decode + parse", t.load), ("style + layout", t.style), ("text model", t.text),
                          ("rules", t.rules), ("directives + findings", t.findings)] {
            out += "  \(name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(ms(v))\n"
        }
        if !t.perRule.isEmpty {
            out += "  rule                       time        findings\n"
            for (id, v) in t.perRule.sorted(by: { $0.value > $1.value }) {
                let c = s.byRule[id].map { $0.errors + $0.warnings + $0.infos } ?? 0
                out += "  \(id.padding(toLength: 24, withPad: " ", startingAt: 0)) \(ms(v))  \(String(format: "%8d", c))\n"
            }
        }
        return out
    }
}
