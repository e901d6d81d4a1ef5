/// How serious a finding is: `error` breaks the policy, `warning` likely breaks it (heuristic),
/// `info` needs a human look. `off` is only a configuration value.
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    case info
    case warning
    case error

    private var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A rule's configured level: a severity, or off.
public enum RuleLevel: Sendable, Hashable {
    case off
    case on(Severity)

    public init?(_ text: String) {
        switch text.lowercased() {
        case "off", "false", "0", "disable", "disabled": self = .off
        case "error", "on", "true", "2": self = .on(.error)
        case "warning", "warn", "1": self = .on(.warning)
        case "info": self = .on(.info)
        default: return nil
        }
    }

    public var severity: Severity? {
        if case .on(let s) = self { return s }
        return nil
    }
}
