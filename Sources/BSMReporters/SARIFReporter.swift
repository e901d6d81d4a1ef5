import BSMEngine

/// `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. One run;
/// `tool.driver.rules` documents every known rule; each finding is a result located in its file
/// (relative to `%SRCROOT%`, the working directory) with a line-independent partial fingerprint.
/// Files that could not be checked are both an `input-error` result (so the counts agree with the
/// JSON report) and a tool execution notification; skipped files are notifications of level `note`.
public struct SARIFReporter: ExtrasReporter {
    public static let formatName = "sarif"
    public static let schemaUri = "https://json.schemastore.org/sarif-2.1.0.json"
    public static let fingerprintKey = "bsmlintFingerprint/v1"

    let context: ReportContext
    private var run: RunInfo?
    private var ruleIds: [String] = []
    private var ruleIndex: [String: Int] = [:]
    private var results: [String] = []
    private var notifications: [String] = []

    public init(context: ReportContext = ReportContext()) {
        self.context = context
        for r in context.rules where ruleIndex[r.id] == nil {
            ruleIndex[r.id] = ruleIds.count
            ruleIds.append(r.id)
        }
        for id in [InputErrorRule.id, UnusedDirective.id] where ruleIndex[id] == nil {
            ruleIndex[id] = ruleIds.count
            ruleIds.append(id)
        }
    }

    static func level(_ s: Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    public mutating func begin(_ run: RunInfo) -> String {
        self.run = run
        return ""
    }

    private mutating func index(of id: String) -> Int {
        if let i = ruleIndex[id] { return i }
        ruleIndex[id] = ruleIds.count
        ruleIds.append(id)
        return ruleIds.count - 1
    }

    private func artifactLocation(_ path: String, into w: inout JSONWriter) {
        let rel = context.relativePath(path)
        w.beginObject("artifactLocation")
        if rel.hasPrefix("/") {
            w.string("uri", "file://" + ReportPaths.uriEncode(rel))
        } else {
            w.string("uri", ReportPaths.uriEncode(rel))
            w.string("uriBaseId", "%SRCROOT%")
        }
        w.endObject()
    }

    public mutating func file(_ r: FileResult) -> String {
        for f in r.findings {
            var w = JSONWriter()
            w.beginObject()
            w.string("ruleId", f.ruleId)
            w.int("ruleIndex", index(of: f.ruleId))
            w.string("level", Self.level(f.severity))
            w.beginObject("message")
            w.string("text", f.message)
            w.endObject()
            w.beginArray("locations")
            w.beginObject()
            w.beginObject("physicalLocation")
            artifactLocation(r.path, into: &w)
            w.beginObject("region")
            let start = f.range.start, end = f.range.end
            w.int("startLine", max(1, start.line))
            w.int("startColumn", max(1, start.column))
            // SARIF's end column is the column after the last character, as bsmlint's is; an empty
            // range ends where it starts.
            let endLine = max(max(1, start.line), end.line)
            w.int("endLine", endLine)
            w.int("endColumn", endLine == max(1, start.line) ? max(max(1, start.column), end.column) : max(1, end.column))
            if f.ruleId != InputErrorRule.id {
                w.int("byteOffset", max(0, start.offset))
                w.int("byteLength", max(0, f.range.length))
            }
            if let s = f.snippet {
                w.beginObject("snippet")
                w.string("text", s)
                w.endObject()
            }
            w.endObject()
            w.endObject()
            w.endObject()
            w.endArray()
            w.beginObject("partialFingerprints")
            w.string(Self.fingerprintKey, f.fingerprint)
            w.endObject()
            if f.evidence != nil || f.referenceWidth != nil {
                w.beginObject("properties")
                if let e = f.evidence { w.string("evidence", e) }
                if let width = f.referenceWidth { w.number("referenceWidth", width) }
                w.endObject()
            }
            w.endObject()
            results.append(w.out)
        }
        if r.status == .error || r.status == .skipped {
            var w = JSONWriter()
            w.beginObject()
            w.string("level", r.status == .error ? "error" : "note")
            w.beginObject("message")
            let why = r.status == .error ? (r.findings.first?.message ?? "could not be checked") : (r.skipReason ?? "skipped")
            w.string("text", (r.status == .error ? "Not checked: " : "Skipped: ") + why)
            w.endObject()
            w.beginArray("locations")
            w.beginObject()
            w.beginObject("physicalLocation")
            artifactLocation(r.path, into: &w)
            w.endObject()
            w.endObject()
            w.endArray()
            if r.status == .error {
                w.beginObject("descriptor")
                w.string("id", InputErrorRule.id)
                w.endObject()
            }
            w.endObject()
            notifications.append(w.out)
        }
        return ""
    }

    public mutating func end(_ summary: RunSummary) -> String { end(summary, extras: RunExtras()) }

    public mutating func end(_ summary: RunSummary, extras: RunExtras) -> String {
        let meta = Dictionary(context.rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var w = JSONWriter()
        w.beginObject()
        w.string("$schema", Self.schemaUri)
        w.string("version", "2.1.0")
        w.beginArray("runs")
        w.beginObject()
        w.beginObject("tool")
        w.beginObject("driver")
        w.string("name", BSMLintVersion.name)
        w.string("semanticVersion", BSMLintVersion.current)
        w.string("version", BSMLintVersion.current)
        w.string("informationUri", ReportContext.informationUri)
        w.beginArray("rules")
        // The engine's own ids (input-error, unused-disable-directive) have metadata and doc
        // pages like the rules, so their helpUri is the same docs/rules/ID.md as in JSON/HTML.
        for id in ruleIds { descriptor(id, meta[id] ?? EngineRules.metadata(for: id), into: &w) }
        w.endArray()
        w.endObject()
        w.endObject()
        w.beginArray("invocations")
        w.beginObject()
        // A run that exits 2 (an invalid configuration file left files unchecked) did not succeed.
        w.bool("executionSuccessful", summary.complete && extras.configurationErrors == 0)
        w.beginArray("toolExecutionNotifications")
        for n in notifications { w.raw(nil, n) }
        w.endArray()
        w.endObject()
        w.endArray()
        if let wd = context.workingDirectory {
            w.beginObject("originalUriBaseIds")
            w.beginObject("%SRCROOT%")
            w.string("uri", "file://" + ReportPaths.uriEncode(wd.hasSuffix("/") ? wd : wd + "/"))
            w.endObject()
            w.endObject()
        }
        w.string("columnKind", "unicodeCodePoints")
        w.beginArray("results")
        for r in results { w.raw(nil, r) }
        w.endArray()
        w.beginObject("properties")
        w.string("policy", BSMLintVersion.policy)
        if let run {
            w.beginArray("referenceWidths")
            for x in run.referenceWidths { w.number(nil, x) }
            w.endArray()
            w.string("marketplace", run.marketplace)
        }
        ReportJSON.summary(summary, into: &w, extras: extras)
        w.endObject()
        w.endObject()
        w.endArray()
        w.endObject()
        results = []
        notifications = []
        return w.out + "\n"
    }

    private func descriptor(_ id: String, _ m: RuleMetadata?, into w: inout JSONWriter) {
        w.beginObject()
        w.string("id", id)
        let level: String
        if let m {
            w.string("name", Self.pascalName(m.name))
            w.beginObject("shortDescription")
            w.string("text", m.summary)
            w.endObject()
            w.beginObject("fullDescription")
            w.string("text", m.rationale)
            w.endObject()
            w.string("helpUri", context.absoluteHelpUri(m.helpUri))
            w.beginObject("help")
            w.string("text", "\(m.summary)\n\n\(m.rationale)\n\nHow to fix: \(m.fix)")
            var md = "**\(m.name)** (`\(m.id)`): \(m.summary)\n\n\(m.rationale)\n\n**How to fix:** \(m.fix)"
            if let wcag = m.wcag { md += "\n\nWCAG: \(wcag)" }
            if let policy = m.policy { md += "\n\nPolicy: \(policy)" }
            md += "\n\n[Rule documentation](\(context.absoluteHelpUri(m.helpUri)))"
            w.string("markdown", md)
            w.endObject()
            level = Self.level(m.defaultSeverity)
        } else {
            // A rule id this build does not know (from a merged report of another version).
            let (name, text) = (Self.pascalName(id), "bsmlint rule \(id).")
            w.string("name", name)
            w.beginObject("shortDescription")
            w.string("text", text)
            w.endObject()
            w.beginObject("fullDescription")
            w.string("text", text)
            w.endObject()
            w.string("helpUri", context.absoluteHelpUri("docs/rules/\(id).md"))
            w.beginObject("help")
            w.string("text", text)
            w.string("markdown", text)
            w.endObject()
            level = "error"
        }
        w.beginObject("defaultConfiguration")
        w.string("level", level)
        w.endObject()
        w.beginObject("properties")
        w.beginArray("tags")
        w.string(nil, "bsmlint")
        if let m { w.string(nil, m.category.rawValue) }
        w.endArray()
        w.endObject()
        w.endObject()
    }

    /// "Consecutive line breaks" → "ConsecutiveLineBreaks" (SARIF names are identifiers).
    static func pascalName(_ s: String) -> String {
        var out = ""
        var upper = true
        for ch in s {
            if ch.isLetter || ch.isNumber {
                out += upper ? ch.uppercased() : String(ch)
                upper = false
            } else {
                upper = true
            }
        }
        return out.isEmpty ? "Rule" : out
    }
}
