import ArgumentParser
import BSMEngine
import BSMReporters
import BSMRules
import Foundation

/// A progress bar on stderr for long batches: only when stderr is a terminal and `CI` is not
/// set (so never in CI logs or redirected output), shown once a batch has run for half a
/// second, redrawn at most ten times a second, and erased before the summary.
struct ProgressBar {
    let total: Int
    let enabled: Bool
    private let started = Linter.now()
    private var lastDraw = 0.0
    private var drawn = false
    private var done = 0

    static func shouldShow(environment: [String: String] = ProcessInfo.processInfo.environment,
                           stderrIsTerminal: Bool = isatty(STDERR_FILENO) == 1) -> Bool {
        guard stderrIsTerminal else { return false }
        if let ci = environment["CI"], !ci.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return true
    }

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled && total > 1
    }

    /// The bar text for `done` of `total` after `elapsed` seconds (no terminal codes).
    static func render(done: Int, total: Int, elapsed: Double, width: Int = 24) -> String {
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        var eta = "--"
        if rate > 0 {
            let s = Int((Double(total - done) / rate).rounded())
            eta = s >= 3600 ? "\(s / 3600)h\(String(format: "%02d", (s % 3600) / 60))m" : s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
        }
        return "\(bar) \(done)/\(total) files  \(String(format: "%.1f", rate)) files/s  ETA \(eta)"
    }

    mutating func tick() {
        guard enabled else { return }
        done += 1
        let now = Linter.now()
        let elapsed = now - started
        guard elapsed >= 0.5, now - lastDraw >= 0.1 || done == total else { return }
        lastDraw = now
        drawn = true
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(ProgressBar.render(done: done, total: total, elapsed: elapsed))".utf8))
    }

    mutating func clear() {
        guard drawn else { return }
        drawn = false
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}

/// `--print-config FILE`: the configuration that applies to FILE, after defaults, the
/// `.bsmlint.yml` found for it (or `--config`) and the command line.
enum PrintConfig {
    indirect enum Value {
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
        case list([Value])
        case map([(String, Value)])
    }

    static func build(file: String, resolver: inout ConfigResolver, ignoreFile: IgnoreFile?) throws -> Value {
        let source = resolver.configPath(forFile: file)
        let linter = try resolver.linter(forFile: file)
        let c = linter.configuration
        let enabled = Dictionary(linter.rules.map { ($0.id, $0.severity) }, uniquingKeysWith: { a, _ in a })
        var rules: [(String, Value)] = []
        for t in BuiltinRules.all {
            let m = t.metadata
            var entry: [(String, Value)] = [("severity", .string(enabled[m.id]?.rawValue ?? "off"))]
            let setting = c.rules[m.id]
            if !m.options.isEmpty {
                var opts: [(String, Value)] = []
                for spec in m.options {
                    if let v = setting?.options.values[spec.name] {
                        opts.append((spec.name, value(v)))
                    } else {
                        opts.append((spec.name, .string(spec.defaultValue)))
                    }
                }
                entry.append(("options", .map(opts)))
            }
            rules.append((m.id, .map(entry)))
        }
        let unusedLevel: String
        switch c.rules[UnusedDirective.id]?.level {
        case .off?: unusedLevel = "off"
        case .on(let s)?: unusedLevel = s.rawValue
        case nil: unusedLevel = "warning"
        }
        rules.append((UnusedDirective.id, .map([("severity", .string(c.onlyRules.map { $0.contains(UnusedDirective.id) } == false ? "off" : unusedLevel))])))
        var placeholders: [Value] = []
        for p in c.placeholders {
            var m: [(String, Value)] = []
            if let o = p.open { m.append(("open", .string(o))) }
            if let cl = p.close { m.append(("close", .string(cl))) }
            if let r = p.regex { m.append(("regex", .string(r))) }
            placeholders.append(.map(m))
        }
        let ignoredBy = ignoreFile?.ignoreReason(forFile: file) ?? resolver.ignoreReason(forFile: file)
        return .map([
            ("file", .string(file)),
            ("configFile", source.map { .string(ReportContext(workingDirectory: FileManager.default.currentDirectoryPath).relativePath($0)) } ?? .null),
            ("ignored", ignoredBy.map { .string($0) } ?? .bool(false)),
            ("referenceWidths", .list(c.referenceWidths.map { .number($0) })),
            ("marketplace", .string(c.marketplace)),
            ("onlyRules", c.onlyRules.map { .list($0.sorted().map { .string($0) }) } ?? .null),
            ("rules", .map(rules)),
            ("placeholders", .list(placeholders)),
            ("replaceDefaultPlaceholders", .bool(c.replaceDefaultPlaceholders)),
            ("ignore", .list(c.ignore.map { .string($0) })),
            ("ignoreFile", ignoreFile.map { .string($0.sourcePath) } ?? .null),
            ("allowedDomains", .list(c.allowedDomains.map { .string($0) })),
            ("spelling", .map([("words", .list(c.spellingWords.map { .string($0) }))])),
            ("spApiType", c.spApiType.map { .string($0.name) } ?? .null),
            ("campaigns", .list(c.campaigns.map { camp in
                .map([("name", .string(camp.name)), ("requestAReviewButton", .bool(camp.requestAReviewButton)),
                      ("steps", .list(camp.steps.map { .map([("template", .string($0.template)), ("after", .string($0.after))]) }))])
            })),
            ("limits", .map([
                ("maxFileBytes", .number(Double(c.limits.maxFileBytes))),
                ("maxDepth", .number(Double(c.limits.maxDepth))),
                ("maxNodes", .number(Double(c.limits.maxNodes))),
                ("maxAttributes", .number(Double(c.limits.maxAttributes))),
                ("timeoutSeconds", .number(c.limits.timeoutSeconds)),
            ])),
        ])
    }

    static func value(_ v: RuleOptions.Value) -> Value {
        switch v {
        case .string(let s): return .string(s)
        case .number(let n): return .number(n)
        case .bool(let b): return .bool(b)
        case .list(let l): return .list(l.map { .string($0) })
        }
    }

    static func json(_ v: Value) -> String {
        var w = JSONWriter()
        func emit(_ k: String?, _ v: Value) {
            switch v {
            case .string(let s): w.string(k, s)
            case .number(let n): w.number(k, n)
            case .bool(let b): w.bool(k, b)
            case .null: w.optionalString(k, nil)
            case .list(let l):
                w.beginArray(k)
                for x in l { emit(nil, x) }
                w.endArray()
            case .map(let m):
                w.beginObject(k)
                for (key, x) in m { emit(key, x) }
                w.endObject()
            }
        }
        emit(nil, v)
        return w.out + "\n"
    }

    static func yamlScalar(_ v: Value) -> String? {
        switch v {
        case .string(let s):
            var q = ""
            JSONWriter.escape(s, into: &q)
            return q
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .list(let l) where l.isEmpty: return "[]"
        case .map(let m) where m.isEmpty: return "{}"
        case .list(let l) where l.allSatisfy({ if case .list = $0 { return false }; if case .map = $0 { return false }; return true }):
            return "[" + l.compactMap(yamlScalar).joined(separator: ", ") + "]"
        default: return nil
        }
    }

    /// A value in YAML flow style (`{name: "a", steps: [{template: "x"}]}`), nested as deep as it goes.
    static func flow(_ v: Value) -> String {
        switch v {
        case .map(let m): return "{" + m.map { "\($0.0): \(flow($0.1))" }.joined(separator: ", ") + "}"
        case .list(let l): return "[" + l.map(flow).joined(separator: ", ") + "]"
        default: return yamlScalar(v) ?? "null"
        }
    }

    static func yaml(_ v: Value, indent: Int = 0) -> String {
        let pad = String(repeating: " ", count: indent)
        var out = ""
        switch v {
        case .map(let m):
            for (k, x) in m {
                if let s = yamlScalar(x) { out += "\(pad)\(k): \(s)\n" } else { out += "\(pad)\(k):\n" + yaml(x, indent: indent + 2) }
            }
        case .list(let l):
            for x in l {
                if let s = yamlScalar(x) {
                    out += "\(pad)- \(s)\n"
                } else if case .map(let m) = x {
                    // Flow style keeps each item on one line.
                    out += "\(pad)- {" + m.map { "\($0.0): \(flow($0.1))" }.joined(separator: ", ") + "}\n"
                }
            }
        default:
            out += "\(pad)\(yamlScalar(v) ?? "null")\n"
        }
        return out
    }
}

/// What the CI options load before a run; each failure is a usage error (exit 2).
struct CIInputs {
    var baseline: Baseline?
    var changed: Set<String>?
    var ignoreFile: IgnoreFile?
}

extension CheckCommand {
    func loadCIInputs() throws -> CIInputs {
        var out = CIInputs()
        do {
            if let p = baselinePath { out.baseline = try Baseline.load(path: p) }
            if let ref = changedSince { out.changed = try ChangedFiles.list(since: ref) }
            out.ignoreFile = try IgnoreFile.load()
        } catch {
            FileHandle.standardError.write(Data("bsmlint: \(error)\n".utf8))
            throw ExitCode(2)
        }
        return out
    }

    func reportContext(_ resolver: ConfigResolver) -> ReportContext {
        ReportContext(rules: BuiltinRules.all.map { $0.metadata }, enabledRuleIds: resolver.baseEnabledRuleIds,
                      workingDirectory: FileManager.default.currentDirectoryPath)
    }

    func printConfiguration(file: String, resolver: ConfigResolver) throws {
        var resolver = resolver
        let value: PrintConfig.Value
        do {
            value = try PrintConfig.build(file: file, resolver: &resolver, ignoreFile: try IgnoreFile.load())
        } catch {
            FileHandle.standardError.write(Data("bsmlint: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let asJSON = formats.contains { $0 == "json" || $0.hasPrefix("json=") }
        FileHandle.standardOutput.write(Data((asJSON ? PrintConfig.json(value) : PrintConfig.yaml(value)).utf8))
    }
}
