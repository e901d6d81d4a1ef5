import ArgumentParser
import BSMEngine
import BSMReporters
import BSMRules
import Foundation

/// `bsmlint merge`: shard reports (json or jsonl, from `check --shard K/N`) into one report.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the json/jsonl reports of several shards (check --shard K/N) into one report with one summary.",
        discussion: """
        Every file appears once, sorted by path; the summary is recomputed from the files; durationMs is \
        the slowest shard's, baselineSuppressed the sum of the shards'. Reports made with different reference widths or marketplaces, or naming the \
        same file twice, are refused. Shard reports record which shard they are (K/N): every shard 1…N must be \
        given exactly once, else the merged report is written with complete: false and the merge exits 2. \
        Exit status: 0 no errors (and warnings within --max-warnings), 1 errors, too many warnings or an \
        incomplete shard, 2 a report could not be read or merged, or a shard is missing, repeated or of another N.
        """
    )

    @Argument(help: "Shard reports: bsmlint json or jsonl files.") var reports: [String]

    @Option(name: [.customShort("f", allowingJoined: true), .customLong("format")], parsing: .singleValue,
            help: "Output format: text, json, jsonl, sarif, github, junit, checkstyle, html. Repeat for several; NAME=FILE writes that format to FILE.")
    var formats: [String] = []

    @Option(name: [.customShort("o", allowingJoined: true), .long], help: "Write the (single or first) report to FILE instead of stdout (written atomically).") var output: String?

    @Option(name: .customLong("max-warnings"), help: "Exit 1 when the merged report has more warnings than this (as check's, over all shards).")
    var maxWarnings: Int?

    @Flag(help: "Report errors only (as check --quiet: warnings and infos are left out of every format and the summary).")
    var quiet = false

    @Flag(name: .customLong("no-color"), help: "Never colour text output.") var noColor = false

    mutating func validate() throws {
        if reports.isEmpty { throw ValidationError("give the shard reports to merge") }
        try WarningGate.validate(maxWarnings)
        try ReportOutputs.validate(formats, output: output)
    }

    func run() throws {
        let merged: ReportMerger.Merged
        do {
            var read: [ReadReport] = []
            for path in reports {
                let r = try ReportReader.read(path: path)
                if let line = r.truncatedLine {
                    FileHandle.standardError.write(Data("bsmlint merge: \(path):\(line): the last line is cut off mid-way; the files before it are merged\n".utf8))
                }
                read.append(r)
            }
            let versions = Set(read.compactMap(\.toolVersion))
            if versions.count > 1 {
                FileHandle.standardError.write(Data("bsmlint merge: the shards were made by different bsmlint versions (\(versions.sorted().joined(separator: ", ")))\n".utf8))
            }
            merged = try ReportMerger.merge(read, errorsOnly: quiet)
        } catch {
            FileHandle.standardError.write(Data("bsmlint merge: \(error)\n".utf8))
            throw ExitCode(2)
        }
        // Each checked file carries the rules that ran on it (from its shard's report), so
        // JUnit lists the same test cases as the unsharded run; reports without that fall back
        // to the merged settings', else to every rule.
        let context = ReportContext(rules: BuiltinRules.all.map { $0.metadata }, enabledRuleIds: merged.run.enabledRules,
                                    workingDirectory: FileManager.default.currentDirectoryPath)
        var sinks: [OutputSink] = []
        do {
            sinks = try ReportOutputs.open(ReportOutputs.resolve(formats, default: "json", output: output),
                                           noColor: noColor, context: context)
            for i in sinks.indices {
                try sinks[i].begin(merged.run)
                for f in merged.files { try sinks[i].file(f) }
                try sinks[i].finish(merged.summary, extras: merged.extras)
            }
        } catch {
            FileHandle.standardError.write(Data("bsmlint merge: cannot write report: \(error)\n".utf8))
            for i in sinks.indices { sinks[i].discard() }
            throw ExitCode(2)
        }
        if !merged.incompleteShards.isEmpty {
            FileHandle.standardError.write(Data("bsmlint merge: incomplete shard report\(merged.incompleteShards.count == 1 ? "" : "s") (interrupted or killed): \(merged.incompleteShards.joined(separator: ", ")); the merged report says complete: false\n".utf8))
        }
        if !merged.shardProblems.isEmpty {
            for p in merged.shardProblems { FileHandle.standardError.write(Data("bsmlint merge: \(p)\n".utf8)) }
            if merged.incompleteShards.isEmpty {
                FileHandle.standardError.write(Data("bsmlint merge: the merged report says complete: false\n".utf8))
            }
            throw ExitCode(2)
        }
        if !merged.incompleteShards.isEmpty { throw ExitCode(1) }
        try WarningGate.exit(errors: merged.summary.errors, warnings: merged.summary.warnings, max: maxWarnings, prefix: "bsmlint merge")
    }
}
