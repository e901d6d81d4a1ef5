import BSMEngine

/// What some formats need beyond the results: rule documentation (SARIF `tool.driver.rules`,
/// JUnit test cases) and the directory paths are made relative to.
public struct ReportContext: Sendable {
    /// Every rule the run knows, in registry order (SARIF lists them all; `ruleIndex` points here).
    public var rules: [RuleMetadata]
    /// Rules enabled by the run's base configuration, in order: the JUnit test cases of a file
    /// (minus those not applicable to it).
    public var enabledRuleIds: [String]
    /// Absolute path of the working directory; paths under it are reported relative to it
    /// (SARIF `%SRCROOT%`, GitHub annotations). Nil: paths are reported as given.
    public var workingDirectory: String?
    /// Absolute base for rule documentation links (`helpUri` is `docs/rules/ID.md`).
    public var documentationBase: String

    public static let defaultDocumentationBase = "https://github.com/bsmlint/bsmlint/blob/main/"
    public static let informationUri = "https://github.com/bsmlint/bsmlint"

    public init(rules: [RuleMetadata] = [], enabledRuleIds: [String]? = nil, workingDirectory: String? = nil,
                documentationBase: String = ReportContext.defaultDocumentationBase) {
        self.rules = rules
        self.enabledRuleIds = enabledRuleIds ?? rules.map(\.id)
        self.workingDirectory = workingDirectory
        self.documentationBase = documentationBase
    }

    /// `path` relative to the working directory when it lies under it (`./` and `..` segments
    /// resolved), else as given.
    public func relativePath(_ path: String) -> String {
        guard let wd = workingDirectory, !wd.isEmpty else { return ReportPaths.tidy(path) }
        let absolute = path.hasPrefix("/") ? ReportPaths.tidy(path) : ReportPaths.tidy(wd + "/" + path)
        let base = wd.hasSuffix("/") ? String(wd.dropLast()) : wd
        if absolute.hasPrefix(base + "/") { return String(absolute.dropFirst(base.count + 1)) }
        return path.hasPrefix("/") ? absolute : ReportPaths.tidy(path)
    }

    /// An absolute documentation link for a rule's (relative) help URI.
    public func absoluteHelpUri(_ uri: String) -> String {
        if uri.contains("://") { return uri }
        return documentationBase + uri
    }
}

/// Extra numbers known only at the end of a run, beyond `RunSummary`.
public struct RunExtras: Sendable, Hashable {
    /// Findings hidden because they are in the `--baseline` file (nil: no baseline given).
    public var baselineSuppressed: Int?
    /// Files not checked because their configuration file is invalid (the run exits 2).
    public var configurationErrors: Int
    public init(baselineSuppressed: Int? = nil, configurationErrors: Int = 0) {
        self.baselineSuppressed = baselineSuppressed
        self.configurationErrors = configurationErrors
    }
}

/// A reporter that can show `RunExtras` in its summary. The CLI calls `end(_:extras:)` instead
/// of `end(_:)` on such reporters.
public protocol ExtrasReporter: Reporter {
    mutating func end(_ summary: RunSummary, extras: RunExtras) -> String
    /// `end(_:extras:)` as UTF-8 bytes, for writers: a reporter that holds its output as bytes
    /// returns them without turning megabytes into a `String` (which validates every byte).
    mutating func endUTF8(_ summary: RunSummary, extras: RunExtras) -> [UInt8]
}

extension ExtrasReporter {
    public mutating func endUTF8(_ summary: RunSummary, extras: RunExtras) -> [UInt8] {
        Array(end(summary, extras: extras).utf8)
    }
}

/// Path helpers shared by the formats.
public enum ReportPaths {
    /// Removes empty and `.` segments and resolves `..` where possible (purely textual).
    public static func tidy(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var out: [Substring] = []
        for seg in path.split(separator: "/", omittingEmptySubsequences: true) {
            if seg == "." { continue }
            if seg == "..", let last = out.last, last != ".." { out.removeLast(); continue }
            if seg == "..", absolute { continue }
            out.append(seg)
        }
        let joined = out.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// Percent-encodes a path for a URI reference: RFC 3986 unreserved characters and `/` stay,
    /// every other UTF-8 byte becomes `%XX`.
    public static func uriEncode(_ path: String) -> String {
        let hex = Array("0123456789ABCDEF")
        var out = ""
        for b in path.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out.append("%")
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            }
        }
        return out
    }
}

/// XML 1.0 text: markup characters escaped, characters XML cannot carry (most C0 controls,
/// U+FFFE/U+FFFF) replaced by U+FFFD.
public enum XMLText {
    public static func escape(_ s: String, attribute: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += attribute ? "&quot;" : "\""
            case "'": out += attribute ? "&apos;" : "'"
            case "\n": out += attribute ? "&#10;" : "\n"
            case "\r": out += "&#13;"
            case "\t": out += attribute ? "&#9;" : "\t"
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }
}
