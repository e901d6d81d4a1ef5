import ArgumentParser
import BSMReporters
import BSMEngine
import Foundation

/// `--format NAME[=FILE]` (repeatable) and `--output FILE`, shared by `check` and `merge`.
enum ReportOutputs {
    /// Usage errors: an unknown format, an empty `FORMAT=`, `-o` when every format names its
    /// file, two reports to one file (they would share a temporary file and corrupt each
    /// other), and more than one report on stdout (`-f json -f sarif` would write a JSON
    /// document followed by a SARIF log: neither parses).
    ///
    /// `baseline`: the `--write-baseline` file, which must not be a report's file either.
    static func validate(_ formats: [String], output: String?, baseline: String? = nil) throws {
        let (formats, output) = standardOutput(formats, output)
        if baseline == "-" {
            throw ValidationError("--write-baseline -: a baseline is a file read back by later runs; name one (e.g. .bsmlint-baseline.json)")
        }
        var files: [String] = []
        var toStdout: [String] = []
        for f in formats {
            let parts = f.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let name = parts.first ?? f
            guard ReporterFormat(rawValue: name) != nil else {
                throw ValidationError("unknown format '\(name)' (known: \(ReporterFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if parts.count == 2 {
                guard !parts[1].isEmpty else { throw ValidationError("--format \(f): the file name after '=' is empty") }
                files.append(parts[1])
            } else {
                toStdout.append(name)
            }
        }
        if let output {
            // -o names the file of the (first) format given without one; none left means it
            // would be silently ignored.
            if !formats.isEmpty, files.count == formats.count {
                throw ValidationError("--output \(output): every --format already names its file (FORMAT=FILE)")
            }
            files.append(output)
            if !toStdout.isEmpty { toStdout.removeFirst() }
        }
        if toStdout.count > 1 {
            throw ValidationError("only one report can go to stdout, but \(toStdout.map { "--format \($0)" }.joined(separator: " and ")) have no file: give the others one (FORMAT=FILE, or --output for the first)")
        }
        // Compared as the files they name (`r.json`, `./r.json`, `d/../r.json`, `$PWD/r.json`).
        var seen = Set<String>()
        for f in files where !seen.insert(canonicalPath(f)).inserted {
            throw ValidationError("two reports are written to '\(f)': give each format its own file")
        }
        if let baseline, seen.contains(canonicalPath(baseline)) {
            throw ValidationError("--write-baseline \(baseline): a report is written to the same file; give the baseline its own file")
        }
    }

    /// `-` as a report's file is standard output, as for most command-line tools: `-o -` and
    /// `--format json=-` write to stdout (a file named `-` is `./-`).
    static func standardOutput(_ formats: [String], _ output: String?) -> ([String], String?) {
        (formats.map { $0.hasSuffix("=-") ? String($0.dropLast(2)) : $0 }, output == "-" ? nil : output)
    }

    /// The file a path names: absolute, `.`/`..` resolved, its directory's symbolic links
    /// resolved when the directory exists (`/dev/stdout` and the like stay as written).
    static func canonicalPath(_ path: String) -> String {
        let absolute = Glob.absolute(path) as NSString
        let dir = InputCollector.realPath(PathText.directory(of: absolute as String))
        return (dir.hasSuffix("/") ? dir : dir + "/") + absolute.lastPathComponent
    }

    /// Each format with its file (nil: stdout); `-o` goes to the first format without one.
    static func resolve(_ formats: [String], default name: String, output: String?) -> [(ReporterFormat, String?)] {
        let (formats, output) = standardOutput(formats, output)
        var outputs: [(ReporterFormat, String?)] = []
        for f in formats.isEmpty ? [name] : formats {
            let parts = f.split(separator: "=", maxSplits: 1).map(String.init)
            guard let fmt = ReporterFormat(rawValue: parts[0]) else { continue }
            outputs.append((fmt, parts.count == 2 ? parts[1] : nil))
        }
        if let output, let i = outputs.firstIndex(where: { $0.1 == nil }) { outputs[i].1 = output }
        return outputs
    }

    /// Colour for text on a terminal, unless `--no-color` or `NO_COLOR` is set to a non-empty
    /// value (no-color.org: "when present and not an empty string"; `NO_COLOR=` keeps colour).
    static func colorAllowed(noColor: Bool, environment: [String: String], stdoutIsTerminal: Bool) -> Bool {
        !noColor && (environment["NO_COLOR"] ?? "").isEmpty && stdoutIsTerminal
    }

    /// Opens a sink per output; colour only for text on a terminal (`colorAllowed`).
    /// On failure every sink opened so far is discarded and the error names the output.
    static func open(_ outputs: [(ReporterFormat, String?)], noColor: Bool, context: ReportContext) throws -> [OutputSink] {
        let colorOK = colorAllowed(noColor: noColor, environment: ProcessInfo.processInfo.environment,
                                   stdoutIsTerminal: isatty(STDOUT_FILENO) == 1)
        var sinks: [OutputSink] = []
        for (fmt, path) in outputs {
            do {
                sinks.append(try OutputSink(reporter: fmt.make(color: colorOK && path == nil && fmt == .text, context: context), path: path))
            } catch {
                for i in sinks.indices { sinks[i].discard() }
                throw SinkError(description: "cannot write \(path ?? "stdout"): \(error)")
            }
        }
        return sinks
    }
}

/// `--max-warnings N`, shared by `check` and `merge` (same meaning, same exit statuses).
enum WarningGate {
    static func validate(_ max: Int?) throws {
        // -1 is "no limit", as ESLint's --max-warnings takes it.
        if let m = max, m < -1 { throw ValidationError("--max-warnings must be 0 or more (or -1: no limit), got \(m)") }
    }

    /// Exit 1 for errors, then for more warnings than `max` (saying so on stderr, after `prefix`).
    static func exit(errors: Int, warnings: Int, max: Int?, prefix: String) throws {
        if errors > 0 { throw ExitCode(1) }
        if let max, max >= 0, warnings > max {
            FileHandle.standardError.write(Data("\(prefix): \(warnings) warning\(warnings == 1 ? "" : "s"), more than --max-warnings \(max)\n".utf8))
            throw ExitCode(1)
        }
    }
}
