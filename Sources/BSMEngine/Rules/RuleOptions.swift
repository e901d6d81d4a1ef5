/// A rule's options as given in configuration: string-keyed scalar or list values.
public struct RuleOptions: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case string(String)
        case number(Double)
        case bool(Bool)
        case list([String])
    }

    public var values: [String: Value]

    public init(_ values: [String: Value] = [:]) { self.values = values }

    public static let empty = RuleOptions()

    /// A finite number (`.nan` and `.inf` are YAML numbers too, and would silently turn a
    /// comparison against them off).
    public func number(_ key: String, default d: Double) throws -> Double {
        guard let v = values[key] else { return d }
        var parsed: Double?
        switch v {
        case .number(let n): parsed = n
        case .string(let s): parsed = Double(s)
        default: break
        }
        guard let n = parsed else { throw ConfigError.badOption(key: key, reason: "expected a number") }
        guard n.isFinite else { throw ConfigError.badOption(key: key, reason: "expected a finite number, got \(n)") }
        return n
    }

    /// A percentage of the reference width: more than 0, at most 100.
    public func percent(_ key: String, default d: Double) throws -> Double {
        let n = try number(key, default: d)
        guard n > 0, n <= 100 else {
            throw ConfigError.badOption(key: key, reason: "expected a percentage more than 0 and at most 100, got \(RuleOptions.format(n))")
        }
        return n
    }

    /// `20` rather than `20.0` in messages.
    static func format(_ n: Double) -> String {
        n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
    }

    /// A whole number in `range` (counts, maxima): `Int(n)` on an arbitrary YAML number could trap.
    public func integer(_ key: String, default d: Int, range: ClosedRange<Int> = 0...1_000_000) throws -> Int {
        let n = try number(key, default: Double(d))
        guard n == n.rounded(), n >= Double(range.lowerBound), n <= Double(range.upperBound) else {
            throw ConfigError.badOption(key: key, reason: "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return Int(n)
    }

    public func bool(_ key: String, default d: Bool) throws -> Bool {
        guard let v = values[key] else { return d }
        if case .bool(let b) = v { return b }
        if case .string(let s) = v, let b = Bool(s.lowercased()) { return b }
        throw ConfigError.badOption(key: key, reason: "expected true or false")
    }

    public func strings(_ key: String, default d: [String]) throws -> [String] {
        guard let v = values[key] else { return d }
        switch v {
        case .list(let l): return l
        case .string(let s): return [s]
        default: throw ConfigError.badOption(key: key, reason: "expected a list of strings")
        }
    }

    public func string(_ key: String, default d: String) throws -> String {
        guard let v = values[key] else { return d }
        if case .string(let s) = v { return s }
        throw ConfigError.badOption(key: key, reason: "expected a string")
    }

    /// Rejects keys the rule does not know, so typos in config are reported.
    public func validate(known: [RuleOptionSpec], ruleId: String) throws {
        let names = Set(known.map(\.name))
        // Sorted, so the first unknown key reported does not depend on dictionary order.
        for k in values.keys.sorted() where !names.contains(k) {
            let known = names.isEmpty ? "\(ruleId) has no options, only a severity"
                : "known: \(names.sorted().joined(separator: ", "))"
            throw ConfigError.badOption(key: k, reason: "unknown option for rule \(ruleId) (\(known))")
        }
    }
}

public enum ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    case badOption(key: String, reason: String)
    case unknownRule(String)
    case badValue(key: String, reason: String)
    case unreadable(path: String, reason: String)
    case syntax(path: String, reason: String)

    public var description: String {
        switch self {
        case .badOption(let k, let r): return "option '\(k)': \(r)"
        case .unknownRule(let id):
            if id == InputErrorRule.id { return "'\(id)' cannot be configured: a file that could not be checked is always reported" }
            return "unknown rule '\(id)' (see `bsmlint rules`)"
        case .badValue(let k, let r): return "'\(k)': \(r)"
        case .unreadable(let p, let r): return "\(p): cannot read configuration: \(r)"
        case .syntax(let p, let r): return "\(p): invalid configuration: \(r)"
        }
    }
}
