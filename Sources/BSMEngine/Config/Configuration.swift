import BSMDocument

/// Per-file resource limits. Hitting one yields an `input-error` naming the limit.
public struct Limits: Sendable, Hashable {
    public var maxFileBytes: Int = 20_000_000
    public var maxDepth: Int = 5_000
    public var maxNodes: Int = 2_000_000
    public var maxAttributes: Int = 2_000
    public var timeoutSeconds: Double = 10

    public init() {}

    public var parseLimits: ParseLimits { ParseLimits(maxDepth: maxDepth, maxNodes: maxNodes, maxAttributes: maxAttributes) }
}

/// An extra placeholder syntax from configuration: either delimiters or a regular expression.
public struct PlaceholderSpec: Sendable, Hashable {
    public var open: String?
    public var close: String?
    public var regex: String?

    public init(open: String? = nil, close: String? = nil, regex: String? = nil) {
        self.open = open
        self.close = close
        self.regex = regex
    }
}

/// One step of a campaign (`campaigns: [{ name, requestAReviewButton, steps: [{ template, after }] }]`).
public struct CampaignStep: Sendable, Hashable {
    public enum Anchor: String, Sendable, Hashable { case order, delivery }
    /// A glob or path of the template this step sends, relative to the configuration file.
    public var template: String
    /// The delay as written (`7d from delivery`).
    public var after: String
    public var days: Double
    public var anchor: Anchor

    public init(template: String, after: String, days: Double, anchor: Anchor) {
        self.template = template
        self.after = after
        self.days = days
        self.anchor = anchor
    }

    /// Parses `7d from delivery`, `3 days after order`, `12h from order`, `2w from delivery`.
    public static func parseDelay(_ s: String) -> (days: Double, anchor: Anchor)? {
        let words = s.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = words.first else { return nil }
        var amountText = first
        var rest = Array(words.dropFirst())
        // `7d`, `7 d`, `7 days`.
        var unit = String(amountText.drop(while: { $0.isNumber || $0 == "." }))
        amountText = String(amountText.prefix(while: { $0.isNumber || $0 == "." }))
        if unit.isEmpty, let u = rest.first { unit = u; rest.removeFirst() }
        guard let amount = Double(amountText), amount >= 0 else { return nil }
        let factor: Double
        switch unit {
        case "d", "day", "days": factor = 1
        case "h", "hour", "hours": factor = 1.0 / 24
        case "w", "week", "weeks": factor = 7
        default: return nil
        }
        guard rest.count == 2, rest[0] == "from" || rest[0] == "after", let anchor = Anchor(rawValue: rest[1]) else { return nil }
        return (amount * factor, anchor)
    }
}

/// A configured message sequence (`campaigns:`).
public struct Campaign: Sendable, Hashable {
    public var name: String
    /// True when the seller also uses Amazon's Request-a-Review button / Solicitations API.
    public var requestAReviewButton: Bool
    public var steps: [CampaignStep]

    public init(name: String, requestAReviewButton: Bool = false, steps: [CampaignStep] = []) {
        self.name = name
        self.requestAReviewButton = requestAReviewButton
        self.steps = steps
    }
}

/// A rule's setting in configuration.
public struct RuleSetting: Sendable, Hashable {
    public var level: RuleLevel?
    public var options: RuleOptions

    public init(level: RuleLevel? = nil, options: RuleOptions = .empty) {
        self.level = level
        self.options = options
    }
}

/// The resolved configuration for one file: defaults, then the `.bsmlint.yml` found upward from
/// the file (or `--config`), then command-line overrides.
public struct Configuration: Sendable {
    public var referenceWidths: [Double] = [600]
    public var marketplace: String = "amazon.com"
    public var rules: [String: RuleSetting] = [:]
    /// When set, only these rules run (SwiftLint's `only_rules`); severities and options still apply.
    public var onlyRules: Set<String>?
    public var placeholders: [PlaceholderSpec] = []
    /// Replace the built-in placeholder syntaxes instead of adding to them.
    public var replaceDefaultPlaceholders = false
    public var ignore: [String] = []
    public var limits = Limits()
    /// Hosts (and their subdomains) that `external-link` accepts besides Amazon's own, e.g.
    /// carriers: `allowedDomains: [ups.com, dhl.de]`. Lower case, no scheme.
    public var allowedDomains: [String] = []
    /// SP-API mode: the message type the template is sent as (`spApiType`, `--sp-api-type`);
    /// nil outside SP-API mode.
    public var spApiType: SPAPIMessageType?
    /// The file this configuration was read from, if any.
    public var sourcePath: String?
    /// Message sequences (`campaigns:`), for `review-request-repeat` and `send-window`.
    public var campaigns: [Campaign] = []
    /// Directory campaign template globs are relative to (the configuration file's).
    public var campaignBaseDirectory: String?
    /// Words the spelling rule accepts (`spelling: { words: [...] }` or top-level `words:`).
    public var spellingWords: [String] = []

    public init() {}

    /// True when `host` is one of `allowedDomains` or a subdomain of one.
    public func isAllowedDomain(_ host: String) -> Bool {
        let h = host.lowercased()
        return allowedDomains.contains { h == $0 || h.hasSuffix("." + $0) }
    }

    /// Amazon's marketplaces (Seller Central regions: North America, Europe, Middle East, India,
    /// Far East, Australia, South Africa), as `--marketplace` and `marketplace:` accept them.
    public static let knownMarketplaces: [String] = [
        "amazon.com", "amazon.ca", "amazon.com.mx", "amazon.com.br", "amazon.co.uk", "amazon.de", "amazon.fr",
        "amazon.it", "amazon.es", "amazon.nl", "amazon.se", "amazon.pl", "amazon.com.be", "amazon.com.tr",
        "amazon.ie", "amazon.ae", "amazon.sa", "amazon.eg", "amazon.in", "amazon.co.jp", "amazon.com.au", "amazon.sg",
        "amazon.co.za",
    ]

    /// Reference widths as a set in the order given: a width given twice (`[600, 600.0]`, a
    /// default merged with an override) is checked once, so evidence and fingerprints do not
    /// depend on the repeat.
    static func distinct(_ widths: [Double]) -> [Double] {
        var out: [Double] = []
        for w in widths where !out.contains(w) { out.append(w) }
        return out
    }

    /// Applies another layer (a later one wins for every key it sets).
    public mutating func merge(_ other: ConfigurationLayer) {
        if let w = other.referenceWidths { referenceWidths = Configuration.distinct(w) }
        if let m = other.marketplace { marketplace = m }
        if let o = other.onlyRules { onlyRules = o }
        for (id, s) in other.rules {
            var cur = rules[id] ?? RuleSetting()
            if let l = s.level { cur.level = l }
            for (k, v) in s.options.values { cur.options.values[k] = v }
            rules[id] = cur
        }
        if other.isCommandLine {
            // What the command line names wins over the files (as SwiftLint's `--only-rule` and
            // ESLint's `--rule`): `--only-rule X` runs X even where a file turns it off, and
            // `--rule X=error` runs X even under a file's `onlyRules`.
            if let o = other.onlyRules {
                for id in o where rules[id]?.level == .off && other.rules[id]?.level == nil { rules[id]?.level = nil }
            } else if var only = onlyRules {
                for (id, s) in other.rules {
                    if let l = s.level, l != .off { only.insert(id) }
                }
                onlyRules = only
            }
        }
        if let p = other.placeholders { placeholders += p }
        if let r = other.replaceDefaultPlaceholders { replaceDefaultPlaceholders = r }
        ignore += other.ignore
        if let v = other.maxFileBytes { limits.maxFileBytes = v }
        if let v = other.maxDepth { limits.maxDepth = v }
        if let v = other.maxNodes { limits.maxNodes = v }
        if let v = other.maxAttributes { limits.maxAttributes = v }
        if let v = other.timeoutSeconds { limits.timeoutSeconds = v }
        if let d = other.allowedDomains { allowedDomains = d }
        if let t = other.spApiType { spApiType = t }
        if let s = other.sourcePath { sourcePath = s }
        if let c = other.campaigns {
            campaigns = c
            campaignBaseDirectory = other.baseDirectory
        }
        spellingWords += other.spellingWords
    }
}

/// One layer of configuration (a file or the command line): only what it sets.
public struct ConfigurationLayer: Sendable {
    /// The command line's layer: its rule choices win over the files' (see `merge`).
    public var isCommandLine = false
    public var referenceWidths: [Double]?
    public var marketplace: String?
    public var rules: [String: RuleSetting] = [:]
    public var onlyRules: Set<String>?
    public var placeholders: [PlaceholderSpec]?
    public var replaceDefaultPlaceholders: Bool?
    public var ignore: [String] = []
    public var maxFileBytes: Int?
    public var maxDepth: Int?
    public var maxNodes: Int?
    public var maxAttributes: Int?
    public var timeoutSeconds: Double?
    public var allowedDomains: [String]?
    public var spApiType: SPAPIMessageType?
    public var sourcePath: String?
    /// Directory the ignore globs are relative to.
    public var baseDirectory: String?
    public var campaigns: [Campaign]?
    public var spellingWords: [String] = []

    public init() {}
}
