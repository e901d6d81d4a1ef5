import BSMDocument
import BSMEngine
import Foundation

/// Reads a bsmlint JSON or JSONL report (REPORT.md) back into results, for `bsmlint merge`.
public struct ReadReport: Sendable {
    public var path: String
    public var toolVersion: String?
    public var run: RunInfo?
    public var files: [FileResult]
    /// The shard's own summary: nil when a JSONL stream ended without one (the run was killed).
    public var durationMs: Double?
    public var complete: Bool
    /// The shard's `summary.baselineSuppressed` (nil: it ran without `--baseline`).
    public var baselineSuppressed: Int? = nil
    /// A JSONL report whose last line was cut off mid-way: that line's number (it was not read).
    public var truncatedLine: Int? = nil
}

public struct ReportReadError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

public enum ReportReader {
    public static func read(path: String) throws -> ReadReport {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportReadError(description: "\(path): cannot read the file")
        }
        return try read(data: data, path: path)
    }

    public static func read(data: Data, path: String) throws -> ReadReport {
        // A JSON report is one object with `files`; anything else is read as JSONL.
        if let whole = try? JSONSerialization.jsonObject(with: data) as? [String: Any], whole["files"] != nil {
            return try document(whole, path: path)
        }
        return try lines(data, path: path)
    }

    static func document(_ o: [String: Any], path: String) throws -> ReadReport {
        guard let files = o["files"] as? [[String: Any]] else { throw ReportReadError(description: "\(path): 'files' is not an array of objects") }
        let summary = o["summary"] as? [String: Any]
        var results: [FileResult] = []
        results.reserveCapacity(files.count)
        for (i, f) in files.enumerated() { results.append(try file(f, where: "\(path): files[\(i)]")) }
        let run = try settings(o["settings"], path: path)
        fillEnabledRules(&results, from: run)
        return ReadReport(path: path, toolVersion: (o["tool"] as? [String: Any])?["version"] as? String,
                          run: run, files: results,
                          durationMs: summary?["durationMs"] as? Double,
                          complete: summary.map { ($0["complete"] as? Bool) ?? true } ?? false,
                          baselineSuppressed: summary?["baselineSuppressed"] as? Int)
    }

    static func lines(_ data: Data, path: String) throws -> ReadReport {
        var report = ReadReport(path: path, toolVersion: nil, run: nil, files: [], durationMs: nil, complete: false)
        var lineNumber = 0
        var sawSummary = false
        let all = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for line in all {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            guard let o = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                // The last line cut off mid-way (a shard killed while writing, a copy cut short):
                // the lines before it are read and the report stays incomplete (no summary).
                if lineNumber == all.count, lineNumber > 1, data.last != UInt8(ascii: "\n"), !sawSummary {
                    report.truncatedLine = lineNumber
                    break
                }
                throw ReportReadError(description: "\(path):\(lineNumber): not a JSON object (is this a bsmlint json or jsonl report?)")
            }
            if let summary = o["summary"] as? [String: Any] {
                sawSummary = true
                report.durationMs = summary["durationMs"] as? Double
                report.complete = (summary["complete"] as? Bool) ?? true
                report.baselineSuppressed = summary["baselineSuppressed"] as? Int
                report.run = try settings(o["settings"], path: "\(path):\(lineNumber)")
                report.toolVersion = (o["tool"] as? [String: Any])?["version"] as? String
            } else {
                guard !sawSummary else { throw ReportReadError(description: "\(path):\(lineNumber): a file after the summary line") }
                report.files.append(try file(o, where: "\(path):\(lineNumber)"))
            }
        }
        if lineNumber == 0 || (report.files.isEmpty && !sawSummary) {
            throw ReportReadError(description: "\(path): empty, or not a bsmlint json or jsonl report")
        }
        fillEnabledRules(&report.files, from: report.run)
        return report
    }

    static func settings(_ value: Any?, path: String) throws -> RunInfo? {
        guard let s = value as? [String: Any], let widths = s["referenceWidths"] as? [Double],
              let market = s["marketplace"] as? String else { return nil }
        var shard: Shard?
        if let v = s["shard"] {
            // `check --shard K/N` (reports written before it was recorded have none).
            guard let o = v as? [String: Any], let k = o["index"] as? Int, let n = o["count"] as? Int,
                  let parsed = Shard(index: k, count: n) else {
                throw ReportReadError(description: "\(path): settings.shard must be {\"index\": K, \"count\": N} with 1 <= K <= N")
            }
            shard = parsed
        }
        return RunInfo(referenceWidths: widths, marketplace: market, enabledRules: s["enabledRules"] as? [String], shard: shard)
    }

    /// A checked file without a list of its own ran the rules of the run's settings. (Reports
    /// written before `enabledRules` existed have neither: the files keep nil.)
    static func fillEnabledRules(_ files: inout [FileResult], from run: RunInfo?) {
        guard let enabled = run?.enabledRules else { return }
        for i in files.indices where files[i].status == .checked && files[i].enabledRules == nil {
            files[i].enabledRules = enabled
        }
    }

    static func file(_ o: [String: Any], where place: String) throws -> FileResult {
        guard let path = o["path"] as? String else { throw ReportReadError(description: "\(place): no 'path'") }
        guard let statusText = o["status"] as? String, let status = FileResult.Status(rawValue: statusText) else {
            throw ReportReadError(description: "\(place): 'status' must be checked, skipped or error")
        }
        var findings: [Finding] = []
        for (i, f) in ((o["findings"] as? [[String: Any]]) ?? []).enumerated() {
            guard let ruleId = f["ruleId"] as? String, let sev = (f["severity"] as? String).flatMap(Severity.init(rawValue:)),
                  let message = f["message"] as? String, let line = f["line"] as? Int, let column = f["column"] as? Int,
                  let endLine = f["endLine"] as? Int, let endColumn = f["endColumn"] as? Int,
                  let offset = f["offset"] as? Int, let length = f["length"] as? Int else {
                throw ReportReadError(description: "\(place): findings[\(i)] lacks a field REPORT.md requires")
            }
            let range = SourceRange(start: SourcePosition(line: line, column: column, offset: offset),
                                    end: SourcePosition(line: endLine, column: endColumn, offset: offset + length))
            findings.append(Finding(ruleId: ruleId, severity: sev, message: message, range: range,
                                    evidence: f["evidence"] as? String, snippet: f["snippet"] as? String,
                                    referenceWidth: f["referenceWidth"] as? Double,
                                    fingerprint: (f["fingerprint"] as? String) ?? "", helpUri: f["helpUri"] as? String))
        }
        return FileResult(path: path, kind: (o["kind"] as? String).flatMap(InputKind.init(rawValue:)),
                          byteCount: (o["bytes"] as? Int) ?? 0, encoding: o["encoding"] as? String, status: status,
                          findings: findings, notApplicable: (o["notApplicable"] as? [String]) ?? [],
                          skipReason: o["reason"] as? String, durationMs: 0, notes: (o["notes"] as? [String]) ?? [],
                          enabledRules: o["enabledRules"] as? [String],
                          referenceWidths: (o["referenceWidths"] as? [NSNumber])?.map(\.doubleValue),
                          marketplace: o["marketplace"] as? String)
    }
}

/// Joins shard reports into one: every file once (sorted by path), one summary.
public enum ReportMerger {
    public struct Merged: Sendable {
        public var run: RunInfo
        public var files: [FileResult]
        public var summary: RunSummary
        /// Summary numbers beyond `RunSummary` (`baselineSuppressed`: the shards' sum).
        public var extras: RunExtras
        /// Shards whose run did not finish (no summary, or `complete: false`).
        public var incompleteShards: [String]
        /// What is wrong with the set of shards (`settings.shard`): a shard missing or given
        /// twice, shards of different counts, a report that does not say which shard it is.
        /// Not empty: the merged report is incomplete and the merge fails (exit 2).
        public var shardProblems: [String] = []
    }

    /// `errorsOnly`: keep only error findings (`--quiet`), before the summary is counted.
    public static func merge(_ reports: [ReadReport], errorsOnly: Bool = false) throws -> Merged {
        guard let first = reports.first else { throw ReportReadError(description: "no reports to merge") }
        // A shard given twice is merged once (its first report), so the duplicate is reported
        // as such rather than as every one of its files being "in both".
        let (shardProblems, repeated) = checkShards(reports)
        let reports = reports.enumerated().filter { !repeated.contains($0.offset) }.map(\.element)
        let run = reports.lazy.compactMap(\.run).first.map {
            RunInfo(referenceWidths: $0.referenceWidths, marketplace: $0.marketplace, enabledRules: $0.enabledRules)
        } ?? RunInfo(referenceWidths: [600], marketplace: "amazon.com")
        for r in reports {
            if let other = r.run, other.referenceWidths != run.referenceWidths || other.marketplace != run.marketplace {
                throw ReportReadError(description: "\(r.path) was made with other settings (reference widths \(other.referenceWidths), \(other.marketplace)) than \(first.path) (\(run.referenceWidths), \(run.marketplace)): its findings cannot be merged")
            }
        }
        var owner: [String: String] = [:]
        var files: [FileResult] = []
        for r in reports {
            for f in r.files {
                if let previous = owner.updateValue(r.path, forKey: f.path) {
                    throw ReportReadError(description: (shardProblems.map { $0 + "; " }.joined()) + "\(f.path) is in both \(previous) and \(r.path): were the shards made with the same --shard N and inputs?")
                }
                var f = f
                if errorsOnly { f.findings = f.findings.filter { $0.severity == .error } }
                files.append(f)
            }
        }
        files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        var summary = RunSummary()
        for f in files { summary.add(f) }
        let incomplete = reports.filter { !$0.complete }.map(\.path)
        summary.complete = incomplete.isEmpty && shardProblems.isEmpty
        // Shards run side by side: the batch took as long as the slowest one.
        summary.durationMs = reports.compactMap(\.durationMs).max() ?? 0
        // Findings hidden by the baseline are not in the files: only the shards' counts know
        // them. Their sum is the unsharded run's count; no shard with --baseline, no count.
        let suppressed = reports.compactMap(\.baselineSuppressed)
        let extras = RunExtras(baselineSuppressed: suppressed.isEmpty ? nil : suppressed.reduce(0, +))
        return Merged(run: run, files: files, summary: summary, extras: extras, incompleteShards: incomplete,
                      shardProblems: shardProblems)
    }

    /// When the reports say which shard they are (`settings.shard`, written by `check --shard
    /// K/N`), every K in 1…N must be there exactly once, all with one N: a glob over the shard
    /// files silently misses a shard whose job died before writing or uploading its report.
    /// Reports that carry no shard at all (unsharded runs, older bsmlint) are not checked.
    /// Returns the problems and the positions of repeated shards' later reports.
    static func checkShards(_ reports: [ReadReport]) -> (problems: [String], repeated: Set<Int>) {
        let sharded = reports.indices.compactMap { i in reports[i].run?.shard.map { (i, $0) } }
        guard !sharded.isEmpty else { return ([], []) }
        var problems: [String] = []
        var repeated = Set<Int>()
        let counts = Set(sharded.map(\.1.count))
        if counts.count > 1 {
            let each = sharded.map { "\(reports[$0.0].path) is shard \($0.1)" }.joined(separator: ", ")
            problems.append("the shard reports were made with different shard counts (\(each)): make every shard with the same --shard K/N")
        }
        var firstOf: [Shard: Int] = [:]
        for (i, shard) in sharded {
            if let first = firstOf[shard] {
                repeated.insert(i)
                problems.append("shard \(shard) is given twice, in \(reports[first].path) and \(reports[i].path) (only the first is merged)")
            } else {
                firstOf[shard] = i
            }
        }
        // A JSONL stream killed before its summary line says nothing about its shard (the
        // settings are on that line): it may be a missing one, and makes the merge incomplete anyway.
        let unnamed = reports.indices.filter { reports[$0].run?.shard == nil }
        let killed = unnamed.filter { reports[$0].run == nil && !reports[$0].complete }
        for i in unnamed where !killed.contains(i) {
            problems.append("\(reports[i].path) does not say which shard it is (made without --shard, or by an older bsmlint): merge the reports of one sharded run, made by one bsmlint")
        }
        if counts.count == 1, let n = counts.first {
            let present = Set(sharded.map(\.1.index))
            let missing = (1...n).filter { !present.contains($0) }
            if missing.count > killed.count {
                let which = missing.map(String.init).joined(separator: ", ")
                var text = missing.count == 1 ? "shard \(which) of \(n) is missing" : "shards \(which) of \(n) are missing"
                text += ": no report given says it is \(missing.count == 1 ? "that shard" : "one of them")"
                if !killed.isEmpty {
                    text += " (\(killed.count) report\(killed.count == 1 ? "" : "s") cut short before the summary line may be \(killed.count == 1 ? "one" : "some") of them)"
                }
                problems.append(text)
            }
        }
        return (problems, repeated)
    }
}
