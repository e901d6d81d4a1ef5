import BSMDocument

/// Turns raw bytes into a `LintInput`: size and binary checks, decoding, parsing.
public enum InputLoader {
    public static func load(path: String, bytes: [UInt8], kind hint: InputKind?, limits: Limits) throws -> LintInput {
        if bytes.count > limits.maxFileBytes {
            throw InputError.tooLarge(bytes: bytes.count, limit: limits.maxFileBytes)
        }
        if let why = InputSniffer.binaryReason(bytes) { throw InputError.binary(why) }
        let kind = hint ?? (EMLMessage.looksLikeEML(bytes) ? .eml : InputSniffer.kind(sniffing: bytes))
        switch kind {
        case .html:
            let decoded = TextDecoder.decode(bytes, html: true)
            let doc = try HTMLParser.parse(decoded.source, kind: .html, limits: limits.parseLimits)
            return LintInput(path: path, kind: .html, byteCount: bytes.count, document: doc, notes: notes(decoded))
        case .text:
            let decoded = TextDecoder.decode(bytes, html: false)
            return LintInput(path: path, kind: .text, byteCount: bytes.count, document: PlainText.document(decoded.source),
                             notes: notes(decoded))
        case .eml:
            return try loadEML(path: path, bytes: bytes, limits: limits)
        }
    }

    static func notes(_ d: TextDecoder.Result) -> [String] {
        var out: [String] = []
        if d.fallbackBytes > 0 { out.append("\(d.fallbackBytes) bytes were not valid UTF-8 and were read as windows-1252") }
        if d.source.nulCount > 0 { out.append("\(d.source.nulCount) NUL bytes were replaced by spaces") }
        return out
    }

    static func loadEML(path: String, bytes: [UInt8], limits: Limits) throws -> LintInput {
        let message = try EMLMessage.parse(bytes)
        // Parts a limit left unread could hold anything: the message is not passed as checked.
        if let why = message.unreadParts {
            throw InputError.malformed("\(why), so the message cannot be checked")
        }
        let document: Document
        let notes = message.problems
        if let html = message.htmlPart {
            let source = html.source(html: true)
            document = try HTMLParser.parse(source, kind: .eml, limits: limits.parseLimits)
        } else if let text = message.textPart {
            document = PlainText.document(text.source(html: false))
        } else {
            document = PlainText.document(SourceText(string: ""))
        }
        var subject: SubjectLine?
        if let s = message.subject {
            subject = SubjectLine(text: s.decoded, range: s.range)
        }
        let attachments = message.attachments.map {
            AttachmentInfo(name: $0.filename, contentType: $0.contentType, size: $0.size, range: $0.headerRange,
                           contentID: $0.contentID, head: $0.head)
        }
        var input = LintInput(path: path, kind: .eml, byteCount: bytes.count, document: document, subject: subject,
                              attachments: attachments, notes: notes)
        for part in message.otherBodyParts {
            input.otherParts.append(part.contentType == "text/html"
                ? try HTMLParser.parse(part.source(html: true), kind: .eml, limits: limits.parseLimits)
                : PlainText.document(part.source(html: false)))
        }
        return input
    }
}
