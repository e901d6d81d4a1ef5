/// Limits for reading one .eml file. Beyond `maxParts` parts or `maxDepth` nested multiparts the
/// reader records a problem and stops reading further parts; beyond `maxBytes` it refuses the file.
/// Together they bound time (about `maxDepth` passes over the file) and memory, whatever the input.
public struct EMLLimits: Sendable, Hashable {
    public var maxParts: Int
    public var maxDepth: Int
    public var maxBytes: Int
    /// Header fields read in the whole message (all parts together); further fields are
    /// skipped, with a problem.
    public var maxHeaderFields: Int

    public init(maxParts: Int = 1000, maxDepth: Int = 20, maxBytes: Int = 64 * 1024 * 1024,
                maxHeaderFields: Int = 50_000) {
        self.maxParts = maxParts
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
        self.maxHeaderFields = maxHeaderFields
    }
}

/// A header value: unfolded raw text, its RFC 2047-decoded form, and where the value is in the
/// .eml file (first to last non-blank byte of the value, across folded lines).
public struct EMLHeaderValue: Sendable, Hashable {
    public var raw: String
    public var decoded: String
    public var range: SourceRange

    public init(raw: String, decoded: String, range: SourceRange) {
        self.raw = raw
        self.decoded = decoded
        self.range = range
    }
}

/// One header field, unfolded.
public struct EMLHeader: Sendable, Hashable {
    /// The name as written (`Subject`, `content-type`).
    public var name: String { didSet { lowercasedName = name.lowercased() } }
    /// Unfolded value, line breaks removed, leading/trailing whitespace trimmed.
    public var rawValue: String
    /// `rawValue` with RFC 2047 encoded-words decoded.
    public var decodedValue: String
    /// The whole field, name through the end of the value.
    public var range: SourceRange
    /// The value only.
    public var valueRange: SourceRange
    /// `name` lowercased, for case-insensitive lookups.
    public private(set) var lowercasedName: String

    public init(name: String, rawValue: String, decodedValue: String, range: SourceRange, valueRange: SourceRange) {
        self.name = name
        self.rawValue = rawValue
        self.decodedValue = decodedValue
        self.range = range
        self.valueRange = valueRange
        self.lowercasedName = name.lowercased()
    }

    public var value: EMLHeaderValue { EMLHeaderValue(raw: rawValue, decoded: decodedValue, range: valueRange) }
}

/// A text/html or text/plain body part.
public struct EMLBodyPart: Sendable {
    /// Lowercased `type/subtype`.
    public var contentType: String
    /// Lowercased `charset` parameter, nil when none was declared.
    public var charset: String?
    /// The transfer encoding applied: `7bit`, `8bit`, `binary`, `quoted-printable` or `base64`
    /// (an unknown encoding is read as `binary` and recorded as a problem).
    public var transferEncoding: String
    /// Body after transfer decoding, before charset decoding.
    public var decodedBytes: [UInt8]
    /// 0-based line index and byte offset in the .eml where the raw body starts.
    public var bodyLine: Int
    public var bodyOffset: Int
    /// True for 7bit/8bit/binary bodies: decoded bytes are the file's bytes, so positions in
    /// `source(html:)` are positions in the .eml file.
    public var positionsMapToFile: Bool
    /// For a quoted-printable or base64 body: where each decoded byte is in the .eml, so that
    /// positions in `source(html:)` are positions in the .eml file too.
    public var fileLocator: FileLocator?
    /// `Content-Disposition` type (`inline`), nil when absent.
    public var disposition: String?
    /// The part's own headers (for a single-part message: the message headers).
    public var headers: [EMLHeader]
    /// Where the part's headers are in the .eml (empty range at the part start when it has none).
    public var headerRange: SourceRange
    /// Where the raw (still transfer-encoded) body is in the .eml.
    public var bodyRange: SourceRange
    /// True when the part sits inside a multipart/alternative.
    public var isInAlternative: Bool

    public func source(html: Bool) -> SourceText {
        let text = TextDecoder.decode(decodedBytes, html: html, declaredCharset: charset,
                                      baseLine: positionsMapToFile ? bodyLine : 0,
                                      baseOffset: positionsMapToFile ? bodyOffset : 0).source
        if !positionsMapToFile, let fileLocator { return text.locating(in: fileLocator) }
        return text
    }

    /// The body as text (charset decoded; for HTML without a declared charset a `<meta>` is honoured).
    public var text: String {
        String(decoding: source(html: contentType == "text/html").utf8, as: UTF8.self)
    }
}

/// A part that is not a message body: a file attachment, an inline image of a
/// multipart/related, a calendar invite, a forwarded message, ...
public struct EMLAttachment: Sendable {
    /// Decoded file name (`filename*=` RFC 2231 and RFC 2047 names decoded); from
    /// `Content-Disposition` `filename`, else `Content-Type` `name`.
    public var filename: String?
    /// Lowercased `type/subtype`.
    public var contentType: String
    /// Size in bytes after transfer decoding.
    public var size: Int
    /// Lowercased `Content-Disposition` type (`attachment`, `inline`), nil when absent.
    public var disposition: String?
    /// `Content-ID` without its angle brackets.
    public var contentID: String?
    public var transferEncoding: String
    /// Where the part's headers are in the .eml.
    public var headerRange: SourceRange
    /// Where the raw body is in the .eml.
    public var bodyRange: SourceRange
    public var headers: [EMLHeader]
    /// True when the part sits inside a multipart/related (an image the HTML refers to by `cid:`).
    public var isInRelated: Bool
    /// The first 32 decoded bytes (an image's signature and dimensions: `ImageHeader`).
    public var head: [UInt8] = []

    /// Shown inline rather than offered as a download.
    public var isInline: Bool { disposition == "inline" || (disposition == nil && contentID != nil) }
}

/// A parsed .eml file (RFC 5322 message with MIME, RFC 2045–2049, 2047, 2231).
public struct EMLMessage: Sendable {
    /// Decoded `Subject`, with the range of its value in the file.
    public var subject: EMLHeaderValue?
    /// Top-level header fields in file order, unfolded.
    public var headers: [EMLHeader]
    /// First text/html body part, preferring one inside multipart/alternative.
    public var htmlPart: EMLBodyPart?
    /// First text/plain part that is a body, not an attachment.
    public var textPart: EMLBodyPart?
    /// The other body parts, in file order: a text/plain alternative beside the HTML, a text/plain
    /// part of a multipart/mixed shown with the HTML, a second text part (a signature footer,
    /// Apple Mail's HTML split around an inline image). Mail clients show them too, so they are
    /// checked as well (the primary part is `htmlPart`, else `textPart`).
    public var otherBodyParts: [EMLBodyPart] = []
    /// Set when a limit left parts unread (nesting deeper than 20 multiparts, more than 1,000
    /// parts): what they hold is unknown, so the message cannot be passed as checked.
    public var unreadParts: String?
    public var attachments: [EMLAttachment]
    /// Non-fatal issues found while reading.
    public var problems: [String]

    public init(subject: EMLHeaderValue? = nil, headers: [EMLHeader] = [], htmlPart: EMLBodyPart? = nil,
                textPart: EMLBodyPart? = nil, attachments: [EMLAttachment] = [], problems: [String] = []) {
        self.subject = subject
        self.headers = headers
        self.htmlPart = htmlPart
        self.textPart = textPart
        self.attachments = attachments
        self.problems = problems
    }

    /// First top-level header with that name (case-insensitive).
    public func header(_ name: String) -> EMLHeader? {
        let n = name.lowercased()
        return headers.first { $0.lowercasedName == n }
    }

    /// All top-level headers with that name (case-insensitive), in file order.
    public func headers(named name: String) -> [EMLHeader] {
        let n = name.lowercased()
        return headers.filter { $0.lowercasedName == n }
    }

    /// Reads a message. Throws `InputError.tooLarge` over `limits.maxBytes` and
    /// `InputError.malformed` for input that cannot be a message (empty, binary); everything
    /// else is read leniently, with issues in `problems`.
    public static func parse(_ bytes: [UInt8], limits: EMLLimits = .init()) throws -> EMLMessage {
        if bytes.count > limits.maxBytes { throw InputError.tooLarge(bytes: bytes.count, limit: limits.maxBytes) }
        guard bytes.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0C) }) else {
            throw InputError.malformed("empty message")
        }
        var firstLineEnd = 0
        while firstLineEnd < min(bytes.count, 1024), bytes[firstLineEnd] != 0x0A, bytes[firstLineEnd] != 0x0D {
            if bytes[firstLineEnd] == 0 { throw InputError.malformed("binary data (NUL bytes) where the message headers should be") }
            firstLineEnd += 1
        }
        var reader = EMLReader(bytes: bytes, limits: limits)
        return reader.read()
    }

    /// Content sniffing: true when the bytes start with a header block (an mbox `From ` line
    /// allowed) that has `MIME-Version` or `Content-Type`, or at least two of the usual message
    /// headers (`From`, `To`, `Subject`, `Date`, `Message-ID`, ...).
    public static func looksLikeEML(_ bytes: [UInt8]) -> Bool {
        var window = Array(bytes.prefix(64 * 1024))
        if window.count >= 3, window[0] == 0xEF, window[1] == 0xBB, window[2] == 0xBF { window.removeFirst(3) }
        guard !window.isEmpty else { return false }
        let lines = EMLLines(window)
        let block = EMLHeaderBlock.parse(lines, start: 0, end: window.count, allowMboxFromLine: true)
        guard !block.headers.isEmpty, !block.missingSeparator, !window[..<block.bodyStart].contains(0) else { return false }
        let names = Set(block.headers.map(\.lowercasedName))
        if names.contains("mime-version") { return true }
        if let ct = block.first("content-type"), EMLHeaderParams.parse(ct.rawValue).value.contains("/") { return true }
        let usual: Set<String> = ["from", "to", "subject", "date", "message-id", "cc", "reply-to", "received",
                                  "return-path", "delivered-to", "sender"]
        return names.intersection(usual).count >= 2
    }
}
