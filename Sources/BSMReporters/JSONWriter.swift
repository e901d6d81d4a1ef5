import BSMDocument
import BSMEngine

/// A minimal JSON writer over UTF-8 bytes (no Foundation on the hot path; stable key order as in
/// REPORT.md).
public struct JSONWriter {
    private var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    public init() { bytes.reserveCapacity(1024) }

    /// The JSON text written so far.
    public var out: String { String(decoding: bytes, as: UTF8.self) }

    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `s` as a JSON string literal: quotes, backslashes, control characters and the
    /// JavaScript line separators U+2028/U+2029 escaped; everything else copied as UTF-8 runs.
    public static func escape(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { buf in
            var runStart = 0
            var i = 0
            let n = buf.count
            @inline(__always) func flush(_ end: Int) {
                if end > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<end])) }
            }
            while i < n {
                let b = buf[i]
                // Most bytes need nothing: one test, no switch.
                if b >= 0x20, b != 0x22, b != 0x5C, b != 0xE2 {
                    i += 1
                    continue
                }
                var skip = 1
                switch b {
                case 0x22: flush(i); out.append(0x5C); out.append(0x22)
                case 0x5C: flush(i); out.append(0x5C); out.append(0x5C)
                case 0x0A: flush(i); out.append(0x5C); out.append(0x6E)
                case 0x0D: flush(i); out.append(0x5C); out.append(0x72)
                case 0x09: flush(i); out.append(0x5C); out.append(0x74)
                case 0x00..<0x20:
                    flush(i)
                    out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                case 0xE2 where i + 2 < n && buf[i + 1] == 0x80 && (buf[i + 2] == 0xA8 || buf[i + 2] == 0xA9):
                    // U+2028 / U+2029: valid JSON, but not JavaScript string literals.
                    flush(i)
                    out.append(contentsOf: [0x5C, 0x75, 0x32, 0x30, 0x32, buf[i + 2] == 0xA8 ? 0x38 : 0x39])
                    skip = 3
                default:
                    i += 1  // another character starting with 0xE2
                    continue
                }
                i += skip
                runStart = i
            }
            flush(n)
        }
        out.append(0x22)
    }

    /// String form of `escape`, for callers that build text.
    public static func escape(_ s: String, into out: inout String) {
        var b: [UInt8] = []
        escape(s, into: &b)
        out += String(decoding: b, as: UTF8.self)
    }

    private mutating func literal(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { bytes.append(0x2C) }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func key(_ k: String?) {
        separator()
        if let k {
            JSONWriter.escape(k, into: &bytes)
            bytes.append(0x3A)
        }
    }

    /// A key written in the source (ASCII letters: nothing to escape), copied as it is.
    private mutating func key(literal k: StaticString) {
        separator()
        bytes.append(0x22)
        k.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(0x22)
        bytes.append(0x3A)
    }

    /// `string(_:_:)`, `int(_:_:)` and `number(_:_:)` for keys written in the source (the
    /// per-finding fields: ten keys for each of thousands of findings).
    mutating func string(literal k: StaticString, _ v: String) { key(literal: k); JSONWriter.escape(v, into: &bytes) }
    mutating func int(literal k: StaticString, _ v: Int) { key(literal: k); ASCII.decimal(v) { bytes.append($0) } }
    mutating func number(literal k: StaticString, _ v: Double) {
        key(literal: k)
        numberValue(v)
    }

    public mutating func beginObject(_ k: String? = nil) { key(k); bytes.append(0x7B); needsComma.append(false) }
    public mutating func endObject() { needsComma.removeLast(); bytes.append(0x7D) }
    public mutating func beginArray(_ k: String? = nil) { key(k); bytes.append(0x5B); needsComma.append(false) }
    public mutating func endArray() { needsComma.removeLast(); bytes.append(0x5D) }
    public mutating func string(_ k: String?, _ v: String) { key(k); JSONWriter.escape(v, into: &bytes) }
    public mutating func optionalString(_ k: String?, _ v: String?) {
        if let v { string(k, v) } else { key(k); literal("null") }
    }
    public mutating func int(_ k: String?, _ v: Int) { key(k); ASCII.decimal(v) { bytes.append($0) } }
    public mutating func bool(_ k: String?, _ v: Bool) { key(k); if v { literal("true") } else { literal("false") } }
    public mutating func number(_ k: String?, _ v: Double) {
        key(k)
        numberValue(v)
    }

    private mutating func numberValue(_ v: Double) {
        if v.isFinite {
            if v == v.rounded(), abs(v) < 1e15 { ASCII.decimal(Int(v)) { bytes.append($0) } } else {
                bytes.append(contentsOf: String((v * 1000).rounded() / 1000).utf8)
            }
        } else { literal("null") }
    }
    /// Inserts already-serialised JSON.
    public mutating func raw(_ k: String?, _ json: String) { key(k); bytes.append(contentsOf: json.utf8) }

    /// Inserts already-serialised JSON held as UTF-8 bytes.
    mutating func raw(_ k: String?, bytes json: [UInt8]) { key(k); bytes.append(contentsOf: json) }

    /// The UTF-8 bytes written so far.
    var utf8: [UInt8] { bytes }

    /// The JSON text written so far followed by `suffix` (one conversion, no second copy).
    func out(appending suffix: StaticString) -> String {
        var b = bytes
        suffix.withUTF8Buffer { b.append(contentsOf: $0) }
        return String(decoding: b, as: UTF8.self)
    }
}

/// The shapes of REPORT.md, shared by the JSON and JSONL reporters.
enum ReportJSON {
    /// `run`: the run's settings; a checked file's `enabledRules`, `referenceWidths` and
    /// `marketplace` are written only when they differ from `settings` (a `.bsmlint.yml` of its
    /// own), so a report does not repeat them for every file.
    static func file(_ r: FileResult, into w: inout JSONWriter, key: String? = nil, run: RunInfo? = nil) {
        w.beginObject(key)
        w.string("path", r.path)
        w.optionalString("kind", r.kind?.rawValue)
        w.int("bytes", r.byteCount)
        w.optionalString("encoding", r.encoding)
        w.string("status", r.status.rawValue)
        if let s = r.skipReason { w.string("reason", s) }
        if !r.notes.isEmpty {
            w.beginArray("notes")
            for n in r.notes { w.string(nil, n) }
            w.endArray()
        }
        if !r.notApplicable.isEmpty {
            w.beginArray("notApplicable")
            for n in r.notApplicable { w.string(nil, n) }
            w.endArray()
        }
        if r.status == .checked, let enabled = r.enabledRules, enabled != run?.enabledRules {
            w.beginArray("enabledRules")
            for id in enabled { w.string(nil, id) }
            w.endArray()
        }
        // Likewise the widths and marketplace of a file's own `.bsmlint.yml`.
        if r.status == .checked, let widths = r.referenceWidths, let run, widths != run.referenceWidths {
            w.beginArray("referenceWidths")
            for x in widths { w.number(nil, x) }
            w.endArray()
        }
        if r.status == .checked, let market = r.marketplace, let run, market != run.marketplace {
            w.string("marketplace", market)
        }
        w.beginArray("findings")
        for f in r.findings { finding(f, into: &w) }
        w.endArray()
        w.endObject()
    }

    static func finding(_ f: Finding, into w: inout JSONWriter) {
        w.beginObject()
        w.string(literal: "ruleId", f.ruleId)
        w.string(literal: "severity", f.severity.rawValue)
        w.string(literal: "message", f.message)
        w.int(literal: "line", f.range.start.line)
        w.int(literal: "column", f.range.start.column)
        w.int(literal: "endLine", f.range.end.line)
        w.int(literal: "endColumn", f.range.end.column)
        w.int(literal: "offset", f.range.start.offset)
        w.int(literal: "length", f.range.length)
        if let e = f.evidence { w.string(literal: "evidence", e) }
        if let s = f.snippet { w.string(literal: "snippet", s) }
        if let width = f.referenceWidth { w.number(literal: "referenceWidth", width) }
        w.string(literal: "helpUri", f.helpUri)
        w.string(literal: "fingerprint", f.fingerprint)
        w.endObject()
    }

    static func summary(_ s: RunSummary, into w: inout JSONWriter, key: String? = "summary", extras: RunExtras = RunExtras()) {
        w.beginObject(key)
        w.int("files", s.files)
        w.int("filesWithErrors", s.filesWithErrors)
        w.int("filesWithWarnings", s.filesWithWarnings)
        w.int("inputErrors", s.inputErrors)
        w.int("skipped", s.skipped)
        w.int("errors", s.errors)
        w.int("warnings", s.warnings)
        w.int("infos", s.infos)
        w.beginObject("byRule")
        for id in s.byRule.keys.sorted() {
            let c = s.byRule[id] ?? RunSummary.RuleCount()
            w.beginObject(id)
            w.int("errors", c.errors)
            w.int("warnings", c.warnings)
            w.int("infos", c.infos)
            w.int("files", c.files)
            w.endObject()
        }
        w.endObject()
        w.number("durationMs", s.durationMs)
        w.bool("complete", s.complete)
        if let n = extras.baselineSuppressed { w.int("baselineSuppressed", n) }
        w.endObject()
    }

    static func header(_ run: RunInfo, into w: inout JSONWriter) {
        w.int("schemaVersion", BSMLintVersion.reportSchemaVersion)
        w.beginObject("tool")
        w.string("name", BSMLintVersion.name)
        w.string("version", BSMLintVersion.current)
        w.endObject()
        w.string("policy", BSMLintVersion.policy)
        settings(run, into: &w)
    }

    /// `settings`: what the run was asked to do (`enabledRules` when known: what merge needs to
    /// list the same JUnit test cases as the run itself).
    static func settings(_ run: RunInfo, into w: inout JSONWriter) {
        w.beginObject("settings")
        w.beginArray("referenceWidths")
        for x in run.referenceWidths { w.number(nil, x) }
        w.endArray()
        w.string("marketplace", run.marketplace)
        if let enabled = run.enabledRules {
            w.beginArray("enabledRules")
            for id in enabled { w.string(nil, id) }
            w.endArray()
        }
        if let shard = run.shard {
            w.beginObject("shard")
            w.int("index", shard.index)
            w.int("count", shard.count)
            w.endObject()
        }
        w.endObject()
    }
}

/// `--format json`: one document, as REPORT.md. Files are rendered as they arrive and the
/// document is assembled at the end (summary first, as the contract shows).
public struct JSONReporter: ExtrasReporter {
    public static let formatName = "json"
    private var run: RunInfo?
    /// Each file's JSON object, as UTF-8 (turned into text once, at the end).
    private var files: [[UInt8]] = []

    public init() {}

    public mutating func begin(_ run: RunInfo) -> String {
        self.run = run
        return ""
    }

    public mutating func file(_ result: FileResult) -> String {
        var w = JSONWriter()
        ReportJSON.file(result, into: &w, run: run)
        files.append(w.utf8)
        return ""
    }

    public mutating func end(_ summary: RunSummary) -> String { end(summary, extras: RunExtras()) }

    public mutating func end(_ summary: RunSummary, extras: RunExtras) -> String {
        String(decoding: endUTF8(summary, extras: extras), as: UTF8.self)
    }

    public mutating func endUTF8(_ summary: RunSummary, extras: RunExtras) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        ReportJSON.header(run ?? RunInfo(referenceWidths: [600], marketplace: "amazon.com"), into: &w)
        ReportJSON.summary(summary, into: &w, extras: extras)
        w.beginArray("files")
        for f in files { w.raw(nil, bytes: f) }
        w.endArray()
        w.endObject()
        files = []
        var out = w.utf8
        out.append(0x0A)
        return out
    }
}

/// `--format jsonl`: one file object per line as each file finishes, then `{"summary": …}`.
public struct JSONLReporter: ExtrasReporter {
    public static let formatName = "jsonl"
    private var run: RunInfo?
    public init() {}

    public mutating func begin(_ run: RunInfo) -> String {
        self.run = run
        return ""
    }

    public mutating func file(_ result: FileResult) -> String {
        var w = JSONWriter()
        ReportJSON.file(result, into: &w, run: run)
        return w.out(appending: "\n")
    }

    public mutating func end(_ summary: RunSummary) -> String { end(summary, extras: RunExtras()) }

    public mutating func end(_ summary: RunSummary, extras: RunExtras) -> String {
        var w = JSONWriter()
        w.beginObject()
        // The stream's own header, on its last line: which schema and tool wrote the lines.
        w.int("schemaVersion", BSMLintVersion.reportSchemaVersion)
        w.beginObject("tool")
        w.string("name", BSMLintVersion.name)
        w.string("version", BSMLintVersion.current)
        w.endObject()
        ReportJSON.summary(summary, into: &w, extras: extras)
        if let run { ReportJSON.settings(run, into: &w) }
        w.endObject()
        return w.out(appending: "\n")
    }
}
