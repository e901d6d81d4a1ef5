import Foundation

/// Resolves the configuration of each file: defaults, then `--config` or the nearest
/// `.bsmlint.yml` above the file, then the command line. Caches by directory; used from one
/// thread before work is handed out.
public struct ConfigResolver {
    public let ruleTypes: [any Rule.Type]
    public let knownRules: Set<String>
    let explicit: ConfigurationLayer?
    let commandLine: ConfigurationLayer
    /// Defaults + explicit file + command line: the settings reported in the run header.
    public let base: Configuration
    /// The rules `base` enables, in registry order (the run header's `enabledRules`).
    public let baseEnabledRuleIds: [String]
    private var byDirectory: [String: String?] = [:]
    private var layers: [String: ConfigurationLayer] = [:]
    private var linters: [String: Linter] = [:]

    public init(explicitPath: String?, commandLine: ConfigurationLayer, ruleTypes: [any Rule.Type]) throws {
        self.ruleTypes = ruleTypes
        var known = Set(ruleTypes.map { $0.metadata.id })
        known.insert(UnusedDirective.id)
        knownRules = known
        self.commandLine = commandLine
        if let p = explicitPath {
            explicit = try ConfigParser.load(path: p, knownRules: known)
        } else {
            explicit = nil
        }
        var b = Configuration()
        if let explicit { b.merge(explicit) }
        b.merge(commandLine)
        base = b
        // Validate options of the base configuration up front (a bad option is a usage error); the
        // linter is the one every file without a configuration file of its own gets.
        let baseLinter = try Linter(ruleTypes: ruleTypes, configuration: b)
        baseEnabledRuleIds = baseLinter.enabledRuleIds
        linters[explicit?.sourcePath ?? ""] = baseLinter
    }

    /// The configuration file that applies to a file, if any.
    public mutating func configPath(forFile path: String) -> String? {
        if let e = explicit { return e.sourcePath }
        let dir = PathText.directory(of: path)
        let key = dir.isEmpty ? "." : dir
        if let cached = byDirectory[key] { return cached }
        let found = ConfigParser.find(from: key)
        byDirectory[key] = found
        return found
    }

    /// The linter (and configuration) for a file. Throws `ConfigError` for a bad config file.
    public mutating func linter(forFile path: String) throws -> Linter {
        let cfgPath = configPath(forFile: path)
        let key = cfgPath ?? ""
        if let l = linters[key] { return l }
        var config = Configuration()
        if let e = explicit {
            config.merge(e)
        } else if let p = cfgPath {
            let layer: ConfigurationLayer
            if let cached = layers[p] { layer = cached } else {
                layer = try ConfigParser.load(path: p, knownRules: knownRules)
                layers[p] = layer
            }
            config.merge(layer)
        }
        config.merge(commandLine)
        let linter = try Linter(ruleTypes: ruleTypes, configuration: config)
        linters[key] = linter
        return linter
    }

    /// Why a file is skipped by the `ignore` globs of its configuration, or nil.
    public mutating func ignoreReason(forFile path: String) -> String? {
        guard let cfgPath = configPath(forFile: path) else { return nil }
        let layer: ConfigurationLayer?
        if let e = explicit { layer = e } else { layer = layers[cfgPath] ?? (try? ConfigParser.load(path: cfgPath, knownRules: knownRules)) }
        guard let layer, !layer.ignore.isEmpty else { return nil }
        // A discovered `.bsmlint.yml` matches below its own directory; one given with `--config`
        // (kept in `ci/`, `.config/` …) matches from the working directory, as ESLint reads the
        // patterns of a `-c` configuration.
        let base = explicit != nil ? "." : (layer.baseDirectory ?? ".")
        let absolute = Glob.absolute(path)
        let absBase = Glob.absolute(base.isEmpty ? "." : base)
        var rel = absolute
        if absolute.hasPrefix(absBase + "/") { rel = String(absolute.dropFirst(absBase.count + 1)) }
        for g in layer.ignore where Glob.matches(pattern: g, path: rel) {
            return "ignored by '\(g)' in \(cfgPath)"
        }
        return nil
    }
}

/// gitignore-style globs: `*` within a segment, `**` across segments, `?`, and a pattern without
/// a slash matches the file name at any depth.
public enum Glob {
    /// The absolute, lexically normalised path (`.`, `..` and repeated `/` removed; symbolic
    /// links are not resolved: Foundation's `standardizingPath` does that with a system call per
    /// component, which a 100,000-file batch paid once per file).
    public static func absolute(_ p: String) -> String {
        let s = p.hasPrefix("/") ? p : FileManager.default.currentDirectoryPath + "/" + p
        var parts: [Substring] = []
        for c in s.split(separator: "/", omittingEmptySubsequences: true) {
            if c == "." { continue }
            if c == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(c)
        }
        return "/" + parts.joined(separator: "/")
    }

    public static func matches(pattern raw: String, path: String) -> Bool {
        var pattern = raw
        if pattern.hasSuffix("/") { pattern += "**" }
        let anchored = pattern.contains("/")
        if pattern.hasPrefix("/") { pattern.removeFirst() }
        if !anchored {
            // Match any path segment sequence ending in the name, or a directory on the way.
            let parts = path.split(separator: "/").map(String.init)
            for i in parts.indices where match(Array(pattern.unicodeScalars), 0, Array(parts[i].unicodeScalars), 0) {
                return true
            }
            return false
        }
        return match(Array(pattern.unicodeScalars), 0, Array(path.unicodeScalars), 0)
    }

    /// Iterative-with-memo wildcard matcher (no exponential backtracking).
    static func match(_ p: [Unicode.Scalar], _ pi0: Int, _ s: [Unicode.Scalar], _ si0: Int) -> Bool {
        var memo = Set<Int>()
        func go(_ pi: Int, _ si: Int) -> Bool {
            let key = pi * (s.count + 1) + si
            if memo.contains(key) { return false }
            var pi = pi, si = si
            while pi < p.count {
                let c = p[pi]
                if c == "*" {
                    let doubleStar = pi + 1 < p.count && p[pi + 1] == "*"
                    if doubleStar {
                        var next = pi + 2
                        if next < p.count, p[next] == "/" { next += 1 }
                        var k = si
                        while k <= s.count {
                            if go(next, k) { return true }
                            k += 1
                        }
                        memo.insert(key)
                        return false
                    }
                    var k = si
                    while true {
                        if go(pi + 1, k) { return true }
                        if k >= s.count || s[k] == "/" { break }
                        k += 1
                    }
                    memo.insert(key)
                    return false
                }
                guard si < s.count else { memo.insert(key); return false }
                if c == "?" {
                    if s[si] == "/" { memo.insert(key); return false }
                } else if c != s[si] {
                    memo.insert(key)
                    return false
                }
                pi += 1
                si += 1
            }
            if si == s.count { return true }
            memo.insert(key)
            return false
        }
        return go(pi0, si0)
    }
}
