/// The tool's identity in reports.
public enum BSMLintVersion {
    public static let name = "bsmlint"
    public static let current = "0.1.0"
    public static let policy = "amazon-bsm-2020"
    public static let reportSchemaVersion = 1
}

/// What a run was asked to do, for report headers.
public struct RunInfo: Sendable {
    public var referenceWidths: [Double]
    public var marketplace: String
    /// The rules the run's base configuration enables, in registry order (reports write it as
    /// `settings.enabledRules`; a file whose own configuration differs carries its own list).
    /// Nil when unknown.
    public var enabledRules: [String]?
    /// `check --shard K/N`: which share of the inputs the run checked (reports write it as
    /// `settings.shard`, so `bsmlint merge` can tell when a shard is missing). Nil: not sharded.
    public var shard: Shard?
    public init(referenceWidths: [Double], marketplace: String, enabledRules: [String]? = nil, shard: Shard? = nil) {
        self.referenceWidths = referenceWidths
        self.marketplace = marketplace
        self.enabledRules = enabledRules
        self.shard = shard
    }
}

/// Totals over a run; every reporter prints the same numbers.
public struct RunSummary: Sendable {
    public struct RuleCount: Sendable, Hashable {
        public var errors = 0
        public var warnings = 0
        public var infos = 0
        public var files = 0
        public init() {}
    }

    public var files = 0
    public var filesWithErrors = 0
    public var filesWithWarnings = 0
    public var inputErrors = 0
    public var skipped = 0
    public var errors = 0
    public var warnings = 0
    public var infos = 0
    public var byRule: [String: RuleCount] = [:]
    public var durationMs: Double = 0
    /// False when the run was interrupted before every input was reported.
    public var complete = true

    public init() {}

    public mutating func add(_ r: FileResult) {
        files += 1
        if r.status == .error { inputErrors += 1 }
        if r.status == .skipped { skipped += 1 }
        var fileErr = false, fileWarn = false
        var seenRules = Set<String>()
        for f in r.findings {
            var c = byRule[f.ruleId] ?? RuleCount()
            switch f.severity {
            case .error: errors += 1; c.errors += 1; fileErr = true
            case .warning: warnings += 1; c.warnings += 1; fileWarn = true
            case .info: infos += 1; c.infos += 1
            }
            if seenRules.insert(f.ruleId).inserted { c.files += 1 }
            byRule[f.ruleId] = c
        }
        if fileErr { filesWithErrors += 1 }
        if fileWarn { filesWithWarnings += 1 }
    }
}
