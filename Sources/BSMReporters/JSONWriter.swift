import BSMDocument
import BSMEngine

/// A minimal JSON writer (no Foundation on the hot path; stable key order as in REPORT.md).
public struct JSONWriter {
    public private(set) var out = ""
    private var needsComma: [Bool] = [false]

    public init() { out.reserveCapacity(1024) }

    public static func escape(_ s: String, into out: inout String) {
        out.append("\"")
        for u in s.unicodeScalars {
            switch u {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "\u{2028}": out.append("\\u2028")
            case "\u{2029}": out.append("\\u2029")
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out.append("\\u" + String(repeating: "0", count: 4 - h.count) + h)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out.append("\"")
    }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { out.append(",") }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func key(_ k: String?) {
        separator()
        if let k {
            JSONWriter.escape(k, into: &out)
            out.append(":")
        }
    }

    public mutating func beginObject(_ k: String? = nil) { key(k); out.append("{"); needsComma.append(false) }
    public mutating func endObject() { needsComma.removeLast(); out.append("}") }
    public mutating func beginArray(_ k: String? = nil) { key(k); out.append("["); needsComma.append(false) }
    public mutating func endArray() { needsComma.removeLast(); out.append("]") }
    public mutating func string(_ k: String?, _ v: String) { key(k); JSONWriter.escape(v, into: &out) }
    public mutating func optionalString(_ k: String?, _ v: String?) {
        if let v { string(k, v) } else { key(k); out.append("null") }
    }
    public mutating func int(_ k: String?, _ v: Int) { key(k); out.append(String(v)) }
    public mutating func bool(_ k: String?, _ v: Bool) { key(k); out.append(v ? "true" : "false") }
    public mutating func number(_ k: String?, _ v: Double) {
        key(k)
        if v.isFinite {
            if v == v.rounded(), abs(v) < 1e15 { out.append(String(Int(v))) } else {
                out.append(String((v * 1000).rounded() / 1000))
            }
        } else { out.append("null") }
    }
    /// Inserts already-serialised JSON.
    public mutating func raw(_ k: String?, _ json: String) { key(k); out.append(json) }
}

/// The shapes of REPORT.md, shared by the JSON and JSONL reporters.
enum ReportJSON {
    static func file(_ r: FileResult, into w: inout JSONWriter, key: String? = nil) {
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
        w.beginArray("findings")
        for f in r.findings { finding(f, into: &w) }
        w.endArray()
        w.endObject()
    }

    static func finding(_ f: Finding, into w: inout JSONWriter) {
        w.beginObject()
        w.string("ruleId", f.ruleId)
        w.string("severity", f.severity.rawValue)
        w.string("message", f.message)
        w.int("line", f.range.start.line)
        w.int("column", f.range.start.column)
        w.int("endLine", f.range.end.line)
        w.int("endColumn", f.range.end.column)
        w.int("offset", f.range.start.offset)
        w.int("length", f.range.length)
        if let e = f.evidence { w.string("evidence", e) }
        if let s = f.snippet { w.string("snippet", s) }
        if let width = f.referenceWidth { w.number("referenceWidth", width) }
        w.string("helpUri", f.helpUri)
        w.string("fingerprint", f.fingerprint)
        w.endObject()
    }

    static func summary(_ s: RunSummary, into w: inout JSONWriter, key: String? = "summary") {
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
        w.endObject()
    }

    static func header(_ run: RunInfo, into w: inout JSONWriter) {
        w.int("schemaVersion", BSMLintVersion.reportSchemaVersion)
        w.beginObject("tool")
        w.string("name", BSMLintVersion.name)
        w.string("version", BSMLintVersion.current)
        w.endObject()
        w.string("policy", BSMLintVersion.policy)
        w.beginObject("settings")
        w.beginArray("referenceWidths")
        for x in run.referenceWidths { w.number(nil, x) }
        w.endArray()
        w.string("marketplace", run.marketplace)
        w.endObject()
    }
}

/// `--format json`: one document, as REPORT.md. Files are rendered as they arrive and the
/// document is assembled at the end (summary first, as the contract shows).
public struct JSONReporter: Reporter {
    public static let formatName = "json"
    private var run: RunInfo?
    private var files: [String] = []

    public init() {}

    public mutating func begin(_ run: RunInfo) -> String {
        self.run = run
        return ""
    }

    public mutating func file(_ result: FileResult) -> String {
        var w = JSONWriter()
        ReportJSON.file(result, into: &w)
        files.append(w.out)
        return ""
    }

    public mutating func end(_ summary: RunSummary) -> String {
        var w = JSONWriter()
        w.beginObject()
        ReportJSON.header(run ?? RunInfo(referenceWidths: [600], marketplace: "amazon.com"), into: &w)
        ReportJSON.summary(summary, into: &w)
        w.beginArray("files")
        for f in files { w.raw(nil, f) }
        w.endArray()
        w.endObject()
        files = []
        return w.out + "\n"
    }
}

/// `--format jsonl`: one file object per line as each file finishes, then `{"summary": …}`.
public struct JSONLReporter: Reporter {
    public static let formatName = "jsonl"
    private var run: RunInfo?
    public init() {}

    public mutating func begin(_ run: RunInfo) -> String {
        self.run = run
        return ""
    }

    public mutating func file(_ result: FileResult) -> String {
        var w = JSONWriter()
        ReportJSON.file(result, into: &w)
        return w.out + "\n"
    }

    public mutating func end(_ summary: RunSummary) -> String {
        var w = JSONWriter()
        w.beginObject()
        ReportJSON.summary(summary, into: &w)
        if let run {
            w.beginObject("settings")
            w.beginArray("referenceWidths")
            for x in run.referenceWidths { w.number(nil, x) }
            w.endArray()
            w.string("marketplace", run.marketplace)
            w.endObject()
        }
        w.endObject()
        return w.out + "\n"
    }
}
