import Foundation
import Yams

/// Reads `.bsmlint.yml`. Unknown keys, unknown rule ids and bad values are errors that name the
/// file and the key, so a typo never silently disables a check.
public enum ConfigParser {
    public static let fileNames = [".bsmlint.yml", ".bsmlint.yaml"]

    public static let topLevelKeys: Set<String> = [
        "referenceWidths", "reference-widths", "marketplace", "rules", "onlyRules", "placeholders", "ignore", "limits", "extends",
        "campaigns", "spelling", "words", "allowedDomains", "spApiType",
    ]

    public static func parse(yaml: String, path: String, knownRules: Set<String>) throws -> ConfigurationLayer {
        // Yams builds the document tree recursively and traps on a non-scalar mapping key (`[]: x`,
        // found by fuzzing), so the text's shape is checked before composing and the tree's before
        // converting it (`docs/robustness.md`).
        if let reason = shapeProblem(yaml) { throw ConfigError.syntax(path: path, reason: reason) }
        let loaded: Any?
        do {
            let node = try Yams.compose(yaml: yaml)
            if let node, let reason = treeProblem(node) { throw ConfigError.syntax(path: path, reason: reason) }
            loaded = node?.any
        } catch let e as ConfigError {
            throw e
        } catch {
            throw ConfigError.syntax(path: path, reason: "\(error)".split(separator: "\n").first.map(String.init) ?? "YAML error")
        }
        var layer = ConfigurationLayer()
        layer.sourcePath = path
        layer.baseDirectory = PathText.directory(of: path)
        guard let root = loaded else { return layer }
        guard let dict = root as? [String: Any] else {
            throw ConfigError.syntax(path: path, reason: "the top level must be a mapping")
        }
        // Every unknown key, in a stable order (a dictionary's order changes from run to run).
        let unknown = dict.keys.filter { !topLevelKeys.contains($0) }.sorted()
        if !unknown.isEmpty {
            let what = unknown.count == 1 ? "unknown key '\(unknown[0])'" : "unknown keys " + unknown.map { "'\($0)'" }.joined(separator: ", ")
            throw ConfigError.syntax(path: path, reason: "\(what) (known: \(topLevelKeys.sorted().joined(separator: ", ")))")
        }
        for key in dict.keys.sorted() {
            guard let value = dict[key] else { continue }
            // A key with nothing after it (YAML null), e.g. `rules:` whose entries are all
            // commented out as `bsmlint init` writes them, leaves the defaults.
            if value is NSNull { continue }
            switch key {
            case "referenceWidths", "reference-widths":
                layer.referenceWidths = try widths(value, path: path)
            case "marketplace":
                guard let m = value as? String else { throw ConfigError.syntax(path: path, reason: "'marketplace' must be a string like amazon.com") }
                guard Configuration.knownMarketplaces.contains(m.lowercased()) else {
                    throw ConfigError.syntax(path: path, reason: "unknown marketplace '\(m)' (known: \(Configuration.knownMarketplaces.joined(separator: ", ")))")
                }
                layer.marketplace = m.lowercased()
            case "rules":
                guard let rules = value as? [String: Any] else { throw ConfigError.syntax(path: path, reason: "'rules' must be a mapping of rule id to setting") }
                for (id, setting) in rules {
                    guard knownRules.contains(id) else { throw ConfigError.syntax(path: path, reason: ConfigError.unknownRule(id).description) }
                    layer.rules[id] = try ruleSetting(setting, id: id, path: path)
                }
            case "onlyRules":
                guard let list = value as? [Any], !list.isEmpty else {
                    throw ConfigError.syntax(path: path, reason: "'onlyRules' must be a non-empty list of rule ids")
                }
                let ids = Set(list.map { "\($0)" })
                for id in ids where !knownRules.contains(id) {
                    throw ConfigError.syntax(path: path, reason: "onlyRules: " + ConfigError.unknownRule(id).description)
                }
                layer.onlyRules = ids
            case "placeholders":
                let (specs, replace) = try placeholders(value, path: path)
                layer.placeholders = specs
                layer.replaceDefaultPlaceholders = replace
            case "ignore":
                guard let list = value as? [Any] else { throw ConfigError.syntax(path: path, reason: "'ignore' must be a list of glob patterns") }
                layer.ignore = list.map { "\($0)" }
            case "limits":
                try limits(value, into: &layer, path: path)
            case "campaigns":
                layer.campaigns = try campaigns(value, path: path)
            case "spelling":
                guard let d = value as? [String: Any] else { throw ConfigError.syntax(path: path, reason: "'spelling' must be a mapping with 'words'") }
                for (k, v) in d {
                    guard k == "words" else { throw ConfigError.syntax(path: path, reason: "spelling: unknown key '\(k)' (words)") }
                    layer.spellingWords += try wordList(v, key: "spelling.words", path: path)
                }
            case "words":
                layer.spellingWords += try wordList(value, key: "words", path: path)
            case "allowedDomains":
                layer.allowedDomains = try allowedDomains(value, path: path)
            case "spApiType":
                guard let name = value as? String, let t = SPAPIMessageType.named(name) else {
                    throw ConfigError.syntax(path: path, reason: "unknown spApiType '\(value)' (known: \(SPAPIMessageType.names.joined(separator: ", ")))")
                }
                layer.spApiType = t
            case "extends":
                throw ConfigError.syntax(path: path, reason: "'extends' is reserved; configuration files are found upward from each template and the nearest one applies")
            default:
                break
            }
        }
        return layer
    }

    static func widths(_ value: Any, path: String) throws -> [Double] {
        let items: [Any] = (value as? [Any]) ?? [value]
        var out: [Double] = []
        for i in items {
            guard let w = number(i), w >= 100, w <= 4000 else {
                throw ConfigError.syntax(path: path, reason: "referenceWidths: '\(i)' is not a width in px between 100 and 4000")
            }
            out.append(w)
        }
        if out.isEmpty { throw ConfigError.syntax(path: path, reason: "referenceWidths is empty") }
        return out
    }

    static func number(_ v: Any) -> Double? {
        if let i = v as? Int { return Double(i) }
        if let d = v as? Double { return d }
        if let s = v as? String { return Double(s.replacingOccurrences(of: "px", with: "")) }
        return nil
    }

    static func ruleSetting(_ value: Any, id: String, path: String) throws -> RuleSetting {
        if let s = value as? String {
            guard let l = RuleLevel(s) else { throw ConfigError.syntax(path: path, reason: "rules.\(id): '\(s)' is not one of error, warning, info, off") }
            return RuleSetting(level: l)
        }
        if let b = value as? Bool { return RuleSetting(level: b ? nil : .off) }
        guard let d = value as? [String: Any] else {
            throw ConfigError.syntax(path: path, reason: "rules.\(id) must be a severity (error, warning, info, off) or a mapping with 'severity' and 'options'")
        }
        var setting = RuleSetting()
        for (k, v) in d {
            switch k {
            case "severity", "level":
                if let b = v as? Bool {
                    // YAML 1.1 reads a bare `off`/`on` as a boolean.
                    setting.level = b ? nil : .off
                    continue
                }
                guard let s = v as? String, let l = RuleLevel(s) else { throw ConfigError.syntax(path: path, reason: "rules.\(id).severity must be error, warning, info or off") }
                setting.level = l
            case "options":
                guard let o = v as? [String: Any] else { throw ConfigError.syntax(path: path, reason: "rules.\(id).options must be a mapping") }
                for (ok, ov) in o { setting.options.values[ok] = optionValue(ov) }
            default:
                throw ConfigError.syntax(path: path, reason: "rules.\(id): unknown key '\(k)' (use severity, options)")
            }
        }
        return setting
    }

    static func optionValue(_ v: Any) -> RuleOptions.Value {
        if let b = v as? Bool { return .bool(b) }
        if let n = number(v), !(v is String) { return .number(n) }
        if let l = v as? [Any] { return .list(l.map { "\($0)" }) }
        return .string("\(v)")
    }

    static func placeholders(_ value: Any, path: String) throws -> ([PlaceholderSpec], Bool?) {
        var replace: Bool?
        var items: [Any]
        if let d = value as? [String: Any] {
            replace = d["replaceDefaults"] as? Bool
            items = (d["patterns"] as? [Any]) ?? []
        } else if let l = value as? [Any] {
            items = l
        } else {
            throw ConfigError.syntax(path: path, reason: "'placeholders' must be a list of {open, close} or {regex} entries")
        }
        var out: [PlaceholderSpec] = []
        for item in items {
            if let d = item as? [String: Any] {
                if let r = d["regex"] as? String {
                    do { _ = try NSRegularExpression(pattern: r) } catch {
                        throw ConfigError.syntax(path: path, reason: "placeholders: invalid regex '\(r)'")
                    }
                    out.append(PlaceholderSpec(regex: r))
                } else if let o = d["open"] as? String, let c = d["close"] as? String, !o.isEmpty, !c.isEmpty {
                    out.append(PlaceholderSpec(open: o, close: c))
                } else {
                    throw ConfigError.syntax(path: path, reason: "placeholders: each entry needs 'open' and 'close', or 'regex'")
                }
            } else {
                throw ConfigError.syntax(path: path, reason: "placeholders: each entry needs 'open' and 'close', or 'regex'")
            }
        }
        return (out, replace)
    }

    static func wordList(_ value: Any, key: String, path: String) throws -> [String] {
        if value is NSNull { return [] }
        guard let l = value as? [Any] else { throw ConfigError.syntax(path: path, reason: "'\(key)' must be a list of words") }
        return l.map { "\($0)" }
    }

    static func campaigns(_ value: Any, path: String) throws -> [Campaign] {
        guard let list = value as? [Any] else {
            throw ConfigError.syntax(path: path, reason: "'campaigns' must be a list of { name, requestAReviewButton, steps }")
        }
        var out: [Campaign] = []
        for (i, item) in list.enumerated() {
            guard let d = item as? [String: Any] else { throw ConfigError.syntax(path: path, reason: "campaigns[\(i)] must be a mapping") }
            var c = Campaign(name: "campaign \(i + 1)")
            for (k, v) in d {
                switch k {
                case "name": c.name = "\(v)"
                case "requestAReviewButton", "request-a-review-button":
                    guard let b = v as? Bool else { throw ConfigError.syntax(path: path, reason: "campaigns[\(i)].\(k) must be true or false") }
                    c.requestAReviewButton = b
                case "steps":
                    guard let steps = v as? [Any] else { throw ConfigError.syntax(path: path, reason: "campaigns[\(i)].steps must be a list") }
                    for (j, st) in steps.enumerated() {
                        guard let sd = st as? [String: Any], let t = sd["template"] as? String, !t.isEmpty else {
                            throw ConfigError.syntax(path: path, reason: "campaigns[\(i)].steps[\(j)] needs 'template'")
                        }
                        for sk in sd.keys where sk != "template" && sk != "after" {
                            throw ConfigError.syntax(path: path, reason: "campaigns[\(i)].steps[\(j)]: unknown key '\(sk)' (template, after)")
                        }
                        let after = sd["after"].map { "\($0)" } ?? "0d from order"
                        guard let delay = CampaignStep.parseDelay(after) else {
                            throw ConfigError.syntax(path: path, reason: "campaigns[\(i)].steps[\(j)].after: '\(after)' is not like '7d from delivery' or '3d from order'")
                        }
                        c.steps.append(CampaignStep(template: t, after: after, days: delay.days, anchor: delay.anchor))
                    }
                default:
                    throw ConfigError.syntax(path: path, reason: "campaigns[\(i)]: unknown key '\(k)' (name, requestAReviewButton, steps)")
                }
            }
            out.append(c)
        }
        return out
    }

    static func limits(_ value: Any, into layer: inout ConfigurationLayer, path: String) throws {
        guard let d = value as? [String: Any] else { throw ConfigError.syntax(path: path, reason: "'limits' must be a mapping") }
        for (k, v) in d {
            guard let n = number(v), n > 0, !n.isNaN else { throw ConfigError.syntax(path: path, reason: "limits.\(k) must be a positive number") }
            // `.inf` or 1e300 means "no limit" in effect; Int(n) would trap on it.
            let count = Int(min(n, 1e15))
            switch k {
            case "maxFileBytes": layer.maxFileBytes = count
            case "maxDepth": layer.maxDepth = count
            case "maxNodes": layer.maxNodes = count
            case "maxAttributes": layer.maxAttributes = count
            case "timeoutSeconds": layer.timeoutSeconds = n
            default: throw ConfigError.syntax(path: path, reason: "limits: unknown key '\(k)' (maxFileBytes, maxDepth, maxNodes, maxAttributes, timeoutSeconds)")
            }
        }
    }

    /// `allowedDomains: [ups.com, dhl.de]`: host names, lower-cased; a scheme, `www.` or a
    /// path is an error (so `https://ups.com/track` does not silently allow nothing).
    static func allowedDomains(_ value: Any, path: String) throws -> [String] {
        let items: [Any] = (value as? [Any]) ?? [value]
        var out: [String] = []
        for i in items {
            guard let s = i as? String else {
                throw ConfigError.syntax(path: path, reason: "allowedDomains: '\(i)' is not a domain name like ups.com")
            }
            var d = s.trimmingCharacters(in: .whitespaces).lowercased()
            while d.hasPrefix(".") { d.removeFirst() }
            while d.hasSuffix(".") { d.removeLast() }
            let ok = d.contains(".") && d.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }
            guard ok else {
                throw ConfigError.syntax(path: path, reason: "allowedDomains: '\(s)' is not a domain name like ups.com (no scheme or path)")
            }
            out.append(d)
        }
        return out
    }

    /// Bounds on a configuration's size and shape (far beyond any real `.bsmlint.yml`).
    static let maxBytes = 1_000_000
    static let maxNesting = 64
    static let maxNodes = 100_000

    /// A cheap look at the text before the YAML parser recurses into it: its size, the nesting of
    /// flow collections (`[[[…`, `{{{…`) and of block indicators on one line (`- - - …`).
    static func shapeProblem(_ yaml: String) -> String? {
        let bytes = yaml.utf8
        if bytes.count > maxBytes { return "larger than \(maxBytes) bytes" }
        let deep = "nested more than \(maxNesting) levels deep"
        var flow = 0
        var quote: UInt8 = 0         // the closing quote, or a newline inside a comment
        var lineStart = true         // only block indicators so far on this line
        var indicators = 0
        var pending = false          // an indicator character waiting for the whitespace that makes it one
        var previous: UInt8 = 0x0A
        for b in bytes {
            defer { previous = b }
            if b == 0x0A {
                if quote == 0x0A { quote = 0 }
                if pending { indicators += 1 }
                lineStart = true
                indicators = 0
                pending = false
                continue
            }
            if quote != 0 {
                if b == quote { quote = 0 }
                continue
            }
            let space = b == 0x20 || b == 0x09
            if pending {
                pending = false
                if space {
                    indicators += 1
                    if indicators > maxNesting { return deep }
                    continue
                }
                lineStart = false
            }
            switch b {
            case UInt8(ascii: "#") where previous == 0x20 || previous == 0x09 || previous == 0x0A:
                quote = 0x0A
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                quote = b
                lineStart = false
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flow += 1
                lineStart = false
                if flow > maxNesting { return deep }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                flow = max(0, flow - 1)
            case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
                if lineStart { pending = true }
            default:
                if !space { lineStart = false }
            }
        }
        return nil
    }

    /// The composed tree: mapping keys are scalars (Yams traps on others), nesting and size
    /// (aliases repeat a subtree: `&a [*b, *b, …]` grows exponentially) are bounded.
    static func treeProblem(_ root: Node) -> String? {
        var stack: [(Node, Int)] = [(root, 0)]
        var visited = 0
        while let (node, depth) = stack.popLast() {
            visited += 1
            if visited > maxNodes { return "more than \(maxNodes) values (aliases included)" }
            if depth > maxNesting { return "nested more than \(maxNesting) levels deep" }
            if let m = node.mapping {
                var seen: [String: Int] = [:]
                for (k, v) in m {
                    guard let key = k.scalar?.string else {
                        return "a mapping key must be a plain value, not a list or a mapping (line \(k.mark?.line ?? 0))"
                    }
                    // A second `rules:` would silently replace the first.
                    if let first = seen[key] {
                        return "the key '\(key.prefix(40))' appears twice in one mapping (lines \(first) and \(k.mark?.line ?? 0))"
                    }
                    seen[key] = k.mark?.line ?? 0
                    stack.append((v, depth + 1))
                }
            } else if let s = node.sequence {
                for v in s { stack.append((v, depth + 1)) }
            } else if let s = node.scalar?.string, sexagesimalOverflows(s) {
                return "the number '\(s.prefix(40))' is out of range (line \(node.mark?.line ?? 0))"
            }
        }
        return nil
    }

    /// YAML 1.1 base-60 integers (`1:30:00`): Yams computes them in `Int` with trapping arithmetic
    /// (`211111111000002385:0`, or more than ten `:` parts, found by fuzz-config). The same
    /// computation here, reporting overflow instead.
    static func sexagesimalOverflows(_ s: String) -> Bool {
        guard s.contains(":"), s.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x3A || $0 == 0x2B || $0 == 0x2D || $0 == 0x5F }) else {
            return false
        }
        // Yams drops every `_` first (`2442222222_62200000:0`, found by fuzz-config too).
        var body = Substring(s.replacingOccurrences(of: "_", with: ""))
        if body.hasPrefix("-") || body.hasPrefix("+") { body = body.dropFirst() }
        var base = 1
        var value = 0
        for part in body.components(separatedBy: ":").compactMap({ Int($0, radix: 10) }).reversed() {
            let (product, o1) = part.multipliedReportingOverflow(by: base)
            let (sum, o2) = value.addingReportingOverflow(product)
            let (next, o3) = base.multipliedReportingOverflow(by: 60)
            if o1 || o2 || o3 { return true }
            (value, base) = (sum, next)
        }
        return value == Int.min  // Yams multiplies by the sign
    }

    /// The nearest configuration file at or above `directory`, if any.
    public static func find(from directory: String) -> String? {
        var dir = (directory as NSString).standardizingPath
        if !dir.hasPrefix("/") {
            // Standardise after joining, so "." does not leave "/cwd/./.bsmlint.yml" in messages.
            dir = ((FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(dir) as NSString).standardizingPath
        }
        let fm = FileManager.default
        while true {
            for name in fileNames {
                let p = (dir as NSString).appendingPathComponent(name)
                if fm.fileExists(atPath: p) { return p }
            }
            let parent = PathText.directory(of: dir)
            if parent == dir || parent.isEmpty { return nil }
            dir = parent
        }
    }

    public static func load(path: String, knownRules: Set<String>) throws -> ConfigurationLayer {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw ConfigError.unreadable(path: path, reason: "is a directory, not a configuration file")
            }
            throw ConfigError.unreadable(path: path, reason: "no such file or not readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError.syntax(path: path, reason: "not UTF-8")
        }
        return try parse(yaml: text, path: path, knownRules: knownRules)
    }
}
