import BSMDocument

/// One problem found in one input, located at the construct that introduces it.
public struct Finding: Sendable, Hashable {
    public var ruleId: String
    public var severity: Severity
    public var message: String
    public var range: SourceRange
    /// The measurement or text that decided it, e.g. `padding-left: 25% = 150px > 20% of 600px`.
    public var evidence: String?
    /// The source text at the location (filled by the engine).
    public var snippet: String?
    /// The reference width the finding fails at, when the rule measures.
    public var referenceWidth: Double?
    /// Stable across unrelated edits (filled by the engine).
    public var fingerprint: String
    public var helpUri: String

    public init(ruleId: String, severity: Severity, message: String, range: SourceRange,
                evidence: String? = nil, snippet: String? = nil, referenceWidth: Double? = nil,
                fingerprint: String = "", helpUri: String? = nil) {
        self.ruleId = ruleId
        self.severity = severity
        self.message = message
        self.range = range
        self.evidence = evidence
        self.snippet = snippet
        self.referenceWidth = referenceWidth
        self.fingerprint = fingerprint
        self.helpUri = helpUri ?? "docs/rules/\(ruleId).md"
    }
}

/// Stable fingerprints: a hash of the rule, the normalised snippet and evidence, and the
/// occurrence index among identical keys, never the line number, so edits above a finding do
/// not change it.
public enum Fingerprint {
    public static func fnv1a64(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100000001b3
        }
        return h
    }

    public static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, 16 - s.count)) + s
    }

    /// Assigns fingerprints to findings of one file (in place).
    public static func assign(_ findings: inout [Finding]) {
        var seen: [UInt64: Int] = [:]
        for i in findings.indices {
            let f = findings[i]
            let normalized = (f.snippet ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
            let key = fnv1a64("\(f.ruleId)\u{1}\(normalized)\u{1}\(f.evidence ?? "")\u{1}\(f.message)")
            let n = seen[key, default: 0]
            seen[key] = n + 1
            findings[i].fingerprint = hex(fnv1a64("\(key)#\(n)"))
        }
    }
}
