import BSMDocument
import Foundation

/// An .eml's decoded subject line.
public struct SubjectLine: Sendable, Hashable {
    public var text: String
    public var range: SourceRange
    public init(text: String, range: SourceRange) {
        self.text = text
        self.range = range
    }
}

/// An .eml attachment as rules see it.
public struct AttachmentInfo: Sendable, Hashable {
    public var name: String?
    public var contentType: String
    public var size: Int
    public var range: SourceRange
    /// `Content-ID` without its angle brackets (what an HTML body's `cid:` URL names).
    public var contentID: String?
    /// The first 32 bytes of the decoded part (signature and dimensions of an image).
    public var head: [UInt8]
    public init(name: String?, contentType: String, size: Int, range: SourceRange, contentID: String? = nil, head: [UInt8] = []) {
        self.head = head
        self.name = name
        self.contentType = contentType
        self.size = size
        self.range = range
        self.contentID = contentID
    }
}

extension Array where Element == AttachmentInfo {
    /// The MIME part a `cid:` URL names (RFC 2392: its Content-ID, percent-decoded), or nil.
    public func part(forCID url: String) -> AttachmentInfo? {
        guard url.utf8.count > 4, url.lowercased().hasPrefix("cid:") else { return nil }
        let id = String(url.dropFirst(4))
        let cid = id.removingPercentEncoding ?? id
        return first { $0.contentID == cid }
    }
}

/// One input ready to lint: its parsed body and, for .eml, its envelope.
public struct LintInput: Sendable {
    public var path: String
    public var kind: InputKind
    public var byteCount: Int
    public var document: Document
    public var subject: SubjectLine?
    public var attachments: [AttachmentInfo]
    /// Non-fatal notes about the input (fallback decoding, NUL bytes, MIME problems).
    public var notes: [String]
    /// An .eml's other body parts (`EMLMessage.otherBodyParts`), each parsed on its own: the
    /// rules that judge occurrences check them too; those that judge the whole message
    /// (`RuleMetadata.judgesWholeMessage`) read the primary part only.
    public var otherParts: [Document] = []

    public init(path: String, kind: InputKind, byteCount: Int, document: Document, subject: SubjectLine? = nil,
                attachments: [AttachmentInfo] = [], notes: [String] = []) {
        self.path = path
        self.kind = kind
        self.byteCount = byteCount
        self.document = document
        self.subject = subject
        self.attachments = attachments
        self.notes = notes
    }

    /// The encoding the body was decoded from.
    public var encoding: String { document.source.encoding }
}

/// The result for one input, whatever happened to it.
public struct FileResult: Sendable {
    public enum Status: String, Sendable { case checked, skipped, error }
    public var path: String
    public var kind: InputKind?
    public var byteCount: Int
    public var encoding: String?
    public var status: Status
    public var findings: [Finding]
    /// Rules that do not apply to this kind of input.
    public var notApplicable: [String]
    /// The rules this file's configuration enabled (before `notApplicable` is taken out), in
    /// registry order: what JUnit lists as test cases. Nil for a file that was not checked, or
    /// when unknown.
    public var enabledRules: [String]?
    /// The reference widths and marketplace this file's configuration checked it at (a
    /// `.bsmlint.yml` of its own may differ from the run's `settings`). Nil when not checked.
    public var referenceWidths: [Double]?
    public var marketplace: String?
    public var skipReason: String?
    public var durationMs: Double
    /// Source lines for code frames (text reporter); only the lines findings point at.
    public var sourceLines: [Int: String]
    /// Non-fatal notes about the input (fallback decoding, NUL bytes, MIME problems).
    public var notes: [String]
    /// Where the time went (`--stats`).
    public var timings: PhaseTimings

    public init(path: String, kind: InputKind?, byteCount: Int, encoding: String?, status: Status,
                findings: [Finding], notApplicable: [String] = [], skipReason: String? = nil,
                durationMs: Double = 0, sourceLines: [Int: String] = [:], notes: [String] = [],
                timings: PhaseTimings = PhaseTimings(), enabledRules: [String]? = nil,
                referenceWidths: [Double]? = nil, marketplace: String? = nil) {
        self.enabledRules = enabledRules
        self.referenceWidths = referenceWidths
        self.marketplace = marketplace
        self.notes = notes
        self.timings = timings
        self.path = path
        self.kind = kind
        self.byteCount = byteCount
        self.encoding = encoding
        self.status = status
        self.findings = findings
        self.notApplicable = notApplicable
        self.skipReason = skipReason
        self.durationMs = durationMs
        self.sourceLines = sourceLines
    }

    public func count(_ s: Severity) -> Int { findings.reduce(0) { $0 + ($1.severity == s ? 1 : 0) } }
}

/// Milliseconds spent per phase of checking one file (summed over files for `--stats`).
public struct PhaseTimings: Sendable, Hashable {
    /// Read, decode and parse (libxml2) into the document.
    public var load: Double = 0
    /// CSS parse, selector matching, cascade and layout-lite for every reference width.
    public var style: Double = 0
    /// The visible-text model.
    public var text: Double = 0
    /// The walk and every rule's visits and finish.
    public var rules: Double = 0
    /// Directives, sorting, snippets and fingerprints.
    public var findings: Double = 0
    /// Per rule (only when the linter measures rules).
    public var perRule: [String: Double] = [:]

    public init() {}

    public mutating func add(_ o: PhaseTimings) {
        load += o.load
        style += o.style
        text += o.text
        rules += o.rules
        findings += o.findings
        for (k, v) in o.perRule { perRule[k, default: 0] += v }
    }
}
