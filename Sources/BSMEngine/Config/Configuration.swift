import BSMDocument

/// Per-file resource limits. Hitting one yields an `input-error` naming the limit.
public struct Limits: Sendable, Hashable {
    public var maxFileBytes: Int = 20_000_000
    public var maxDepth: Int = 5_000
    public var maxNodes: Int = 2_000_000
    public var timeoutSeconds: Double = 10

    public init() {}

    public var parseLimits: ParseLimits { ParseLimits(maxDepth: maxDepth, maxNodes: maxNodes) }
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

    public init() {}

    /// True when `host` is one of `allowedDomains` or a subdomain of one.
    public func isAllowedDomain(_ host: String) -> Bool {
        let h = host.lowercased()
        return allowedDomains.contains { h == $0 || h.hasSuffix("." + $0) }
    }

    public static let knownMarketplaces: [String] = [
        "amazon.com", "amazon.ca", "amazon.com.mx", "amazon.com.br", "amazon.co.uk", "amazon.de", "amazon.fr",
        "amazon.it", "amazon.es", "amazon.nl", "amazon.se", "amazon.pl", "amazon.com.be", "amazon.com.tr",
        "amazon.ae", "amazon.sa", "amazon.eg", "amazon.in", "amazon.co.jp", "amazon.com.au", "amazon.sg",
    ]

    /// Applies another layer (a later one wins for every key it sets).
    public mutating func merge(_ other: ConfigurationLayer) {
        if let w = other.referenceWidths { referenceWidths = w }
        if let m = other.marketplace { marketplace = m }
        for (id, s) in other.rules {
            var cur = rules[id] ?? RuleSetting()
            if let l = s.level { cur.level = l }
            for (k, v) in s.options.values { cur.options.values[k] = v }
            rules[id] = cur
        }
        if let p = other.placeholders { placeholders += p }
        if let r = other.replaceDefaultPlaceholders { replaceDefaultPlaceholders = r }
        ignore += other.ignore
        if let v = other.maxFileBytes { limits.maxFileBytes = v }
        if let v = other.maxDepth { limits.maxDepth = v }
        if let v = other.maxNodes { limits.maxNodes = v }
        if let v = other.timeoutSeconds { limits.timeoutSeconds = v }
        if let d = other.allowedDomains { allowedDomains = d }
        if let t = other.spApiType { spApiType = t }
        if let s = other.sourcePath { sourcePath = s }
    }
}

/// One layer of configuration (a file or the command line): only what it sets.
public struct ConfigurationLayer: Sendable {
    public var referenceWidths: [Double]?
    public var marketplace: String?
    public var rules: [String: RuleSetting] = [:]
    public var placeholders: [PlaceholderSpec]?
    public var replaceDefaultPlaceholders: Bool?
    public var ignore: [String] = []
    public var maxFileBytes: Int?
    public var maxDepth: Int?
    public var maxNodes: Int?
    public var timeoutSeconds: Double?
    public var allowedDomains: [String]?
    public var spApiType: SPAPIMessageType?
    public var sourcePath: String?
    /// Directory the ignore globs are relative to.
    public var baseDirectory: String?

    public init() {}
}
