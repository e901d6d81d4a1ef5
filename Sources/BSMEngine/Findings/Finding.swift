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
        self.helpUri = helpUri ?? Finding.helpUri(ruleId)
    }

    /// The rule page of `ruleId`, relative to the repository (`docs/rules/<id>.md`).
    public static func helpUri(_ ruleId: String) -> String { "docs/rules/\(ruleId).md" }
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
        String(unsafeUninitializedCapacity: 16) { buf in
            for i in 0..<16 {
                let d = UInt8(truncatingIfNeeded: (v >> UInt64(60 - 4 * i)) & 0xF)
                buf[i] = d < 10 ? 0x30 + d : 0x57 + d
            }
            return 16
        }
    }

    /// FNV-1a state, fed piece by piece (same result as hashing the concatenated string).
    struct Hasher64 {
        var h: UInt64 = 0xcbf29ce484222325
        mutating func byte(_ b: UInt8) {
            h ^= UInt64(b)
            h = h &* 0x100000001b3
        }
        mutating func string(_ s: String) {
            var s = s
            s.withUTF8 { for b in $0 { byte(b) } }
        }
        /// Decimal digits of a number, as `"\(n)"` would print them.
        /// The decimal digits of `n` (what `"\(n)"` writes), without building a string.
        mutating func decimal<T: BinaryInteger>(_ n: T) { ASCII.decimal(n) { byte($0) } }
        /// The text with whitespace runs collapsed to one space and trimmed (split + join).
        mutating func normalized(_ s: String) {
            var s = s
            // Byte-wise only when it equals the Character-wise split: ASCII without CR (CR LF is
            // one Character, and a combining mark after a space makes a non-space Character).
            let simple = s.withUTF8 { $0.allSatisfy { $0 < 0x80 && $0 != 0x0D } }
            if !simple {
                string(s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " "))
                return
            }
            s.withUTF8 { bytes in
                var pendingSpace = false, any = false
                for b in bytes {
                    if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                        pendingSpace = any
                    } else {
                        if pendingSpace { byte(0x20); pendingSpace = false }
                        byte(b)
                        any = true
                    }
                }
            }
        }
    }

    /// Assigns fingerprints to findings of one file (in place).
    public static func assign(_ findings: inout [Finding]) {
        var seen: [UInt64: Int] = [:]
        for i in findings.indices {
            // fnv1a64("<ruleId>\u{1}<normalized snippet>\u{1}<evidence>\u{1}<message>"), without building it.
            var k = Hasher64()
            k.string(findings[i].ruleId)
            k.byte(1)
            if let s = findings[i].snippet { k.normalized(s) }
            k.byte(1)
            if let e = findings[i].evidence { k.string(e) }
            k.byte(1)
            k.string(findings[i].message)
            let key = k.h
            let n = seen[key, default: 0]
            seen[key] = n + 1
            // fnv1a64("<key>#<n>")
            var f = Hasher64()
            f.decimal(key)
            f.byte(0x23)
            f.decimal(n)
            findings[i].fingerprint = hex(f.h)
        }
    }
}
