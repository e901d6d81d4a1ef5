/// Walks the MIME tree of one message without recursion: an explicit stack of entities, each
/// split at most once, so time is bounded by (nesting limit × file size) and memory by the
/// part limit, whatever the input.
struct EMLReader {
    let bytes: [UInt8]
    let lines: EMLLines
    let limits: EMLLimits

    private var problems: [String] = []
    private var attachments: [EMLAttachment] = []
    private var bodies: [EMLBodyPart] = []
    /// Why some parts were not read (a nesting or part-count limit), if any.
    private var unreadParts: String?
    private var partCount = 0
    private var stopped = false
    private var depthReported = false
    private var fieldCount = 0
    private var fieldsReported = false

    init(bytes: [UInt8], limits: EMLLimits) {
        self.bytes = bytes
        self.lines = EMLLines(bytes)
        self.limits = limits
    }

    /// One MIME entity to read: `bytes[start..<end]` (headers and body).
    struct Entity {
        var start: Int
        var end: Int
        /// Number of multiparts around this entity (0 for the message itself).
        var depth: Int
        var inAlternative: Bool
        var inRelated: Bool
        /// Subtype of the enclosing multipart (`mixed`, `alternative`, `digest`, ...).
        var parentSubtype: String?
        var indexInParent: Int
        var isRoot: Bool { depth == 0 }
    }

    mutating func read() -> EMLMessage {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let rootBlock = readHeaderBlock(start: start, end: bytes.count, isRoot: true)
        var message = EMLMessage()
        message.headers = rootBlock.headers
        message.subject = rootBlock.first("subject")?.value
        if rootBlock.headers.isEmpty, rootBlock.droppedFields == 0 {
            problems.append("no header block at the top of the file; the whole file is read as a text/plain body")
        }

        var stack: [(Entity, EMLHeaderBlock?)] = [
            (Entity(start: start, end: bytes.count, depth: 0, inAlternative: false, inRelated: false,
                    parentSubtype: nil, indexInParent: 0), rootBlock),
        ]
        while let (entity, block) = stack.popLast() {
            let children = visit(entity, block ?? readHeaderBlock(start: entity.start, end: entity.end, isRoot: false))
            // Reversed so that parts come off the stack in file order.
            for child in children.reversed() { stack.append((child, nil)) }
        }

        // Bodies: first text/html (one inside multipart/alternative wins), first text/plain.
        let html = bodies.firstIndex { $0.contentType == "text/html" && $0.isInAlternative }
            ?? bodies.firstIndex { $0.contentType == "text/html" }
        let text = bodies.firstIndex { $0.contentType == "text/plain" }
        let primary = html ?? text
        message.htmlPart = html.map { bodies[$0] }
        message.textPart = text.map { bodies[$0] }
        message.otherBodyParts = bodies.indices.filter { $0 != primary }.map { bodies[$0] }
        message.attachments = attachments
        message.problems = problems
        message.unreadParts = unreadParts
        return message
    }

    private func lineNumber(_ offset: Int) -> Int { lines.index(containing: offset) + 1 }

    /// A header block, within what is left of the message-wide header field budget.
    private mutating func readHeaderBlock(start: Int, end: Int, isRoot: Bool) -> EMLHeaderBlock {
        let block = EMLHeaderBlock.parse(lines, start: start, end: end, allowMboxFromLine: isRoot,
                                         maxFields: max(0, limits.maxHeaderFields - fieldCount))
        fieldCount += block.headers.count
        if block.droppedFields > 0, !fieldsReported {
            fieldsReported = true
            problems.append("line \(lineNumber(block.start)): more than \(limits.maxHeaderFields) header fields (a fixed limit of the MIME reader); the rest are skipped")
        }
        return block
    }

    /// Reads one entity; returns the parts of a multipart to read next.
    private mutating func visit(_ e: Entity, _ block: EMLHeaderBlock) -> [Entity] {
        if block.missingSeparator {
            problems.append("line \(lineNumber(block.bodyStart)): no blank line after the headers; the body starts at the first line that is not a header")
        }
        let defaultType = e.parentSubtype == "digest" ? "message/rfc822" : "text/plain"
        var ct = EMLHeaderParams(value: defaultType, params: [:])
        if let h = block.first("content-type") {
            let parsed = EMLHeaderParams.parse(h.rawValue)
            let parts = parsed.value.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty {
                ct = parsed
            } else {
                problems.append("line \(h.range.start.line): Content-Type \"\(h.rawValue)\" is not type/subtype; read as \(defaultType)")
                ct.params = parsed.params
            }
        }
        if ct.value.hasPrefix("multipart/") {
            guard let boundary = ct["boundary"], !boundary.isEmpty else {
                problems.append("line \(lineNumber(block.start)): \(ct.value) without a boundary parameter; its body is read as text/plain")
                leaf(e, block, type: "text/plain", params: ct)
                return []
            }
            if e.depth >= limits.maxDepth {
                if !depthReported {
                    let why = "line \(lineNumber(block.start)): multiparts nested deeper than \(limits.maxDepth) levels (a fixed limit of the MIME reader); the parts inside are not read"
                    problems.append(why)
                    if unreadParts == nil { unreadParts = why }
                    depthReported = true
                }
                return []
            }
            if stopped { return [] }
            return split(e, block, subtype: String(ct.value.dropFirst("multipart/".count)), boundary: Array(boundary.utf8))
        }
        leaf(e, block, type: ct.value, params: ct)
        return []
    }

    // MARK: - multipart

    private mutating func split(_ e: Entity, _ block: EMLHeaderBlock, subtype: String, boundary: [UInt8]) -> [Entity] {
        let b = bytes
        let end = e.end
        var p = block.bodyStart
        var li = p < end ? lines.index(containing: p) : 0
        var prevContentEnd = p
        var partStart: Int?
        var ranges: [(Int, Int)] = []
        var closed = false
        let remaining = max(0, limits.maxParts - partCount)
        var tooMany = false
        while p < end {
            let (ce, next) = lines.bounds(li, limit: end)
            if ce - p >= boundary.count + 2, b[p] == 0x2D, b[p + 1] == 0x2D, isDelimiter(p, ce, boundary) {
                let close = ce - p >= boundary.count + 4 && b[p + boundary.count + 2] == 0x2D && b[p + boundary.count + 3] == 0x2D
                if let s = partStart {
                    ranges.append((s, max(s, prevContentEnd)))
                    if ranges.count > remaining {
                        tooMany = true
                        break
                    }
                }
                if close {
                    closed = true
                    break
                }
                partStart = next
            }
            prevContentEnd = ce
            p = next
            li += 1
        }
        if !closed, !tooMany, let s = partStart {
            ranges.append((s, end))
            if ranges.count > remaining { tooMany = true }
            problems.append("line \(lineNumber(block.start)): the multipart/\(subtype) boundary \"\(String(decoding: boundary, as: UTF8.self))\" is never closed; the last part runs to the end of its container")
        }
        if partStart == nil {
            problems.append("line \(lineNumber(block.start)): multipart/\(subtype) has no part (boundary \"\(String(decoding: boundary, as: UTF8.self))\" not found); its body is read as text/plain")
            leaf(e, block, type: "text/plain", params: EMLHeaderParams(value: "text/plain", params: [:]))
            return []
        }
        if tooMany {
            ranges = Array(ranges.prefix(remaining))
            stopped = true
            let why = "line \(lineNumber(block.start)): more than \(limits.maxParts) MIME parts (a fixed limit of the MIME reader); the rest are not read"
            problems.append(why)
            if unreadParts == nil { unreadParts = why }
        }
        partCount += ranges.count
        return ranges.enumerated().map { k, r in
            Entity(start: r.0, end: r.1, depth: e.depth + 1,
                   inAlternative: e.inAlternative || subtype == "alternative",
                   inRelated: e.inRelated || subtype == "related",
                   parentSubtype: subtype, indexInParent: k)
        }
    }

    /// `--boundary` or `--boundary--`, then only optional whitespace.
    private func isDelimiter(_ p: Int, _ ce: Int, _ boundary: [UInt8]) -> Bool {
        let b = bytes
        var i = p + 2
        for c in boundary {
            if b[i] != c { return false }
            i += 1
        }
        if i + 1 < ce, b[i] == 0x2D, b[i + 1] == 0x2D { i += 2 }
        while i < ce {
            if b[i] != 0x20, b[i] != 0x09 { return false }
            i += 1
        }
        return true
    }

    // MARK: - leaf parts

    private mutating func leaf(_ e: Entity, _ block: EMLHeaderBlock, type: String, params: EMLHeaderParams) {
        let bodyStart = min(block.bodyStart, e.end)
        let bodyEnd = e.end
        var encoding = "7bit"
        if let h = block.first("content-transfer-encoding") {
            let token = EMLHeaderParams.token(h.rawValue)
            let squeezed = String(token.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
            switch squeezed {
            case "": encoding = "7bit"
            case "7bit", "8bit", "binary": encoding = squeezed
            case "quotedprintable": encoding = "quoted-printable"
            case "base64": encoding = "base64"
            default:
                encoding = "binary"
                problems.append("line \(h.range.start.line): unknown Content-Transfer-Encoding \"\(h.rawValue)\"; the body is read as is")
            }
        }
        let decoded: [UInt8]
        // Body parts map each decoded byte back to the file, so findings point into the .eml.
        var offsets: [Int]? = (type == "text/html" || type == "text/plain") ? [] : nil
        switch encoding {
        case "quoted-printable":
            decoded = EMLTransferDecoding.quotedPrintable(bytes, from: bodyStart, to: bodyEnd, offsets: &offsets)
        case "base64":
            let r = EMLTransferDecoding.base64(bytes, from: bodyStart, to: bodyEnd, offsets: &offsets)
            decoded = r.bytes
            if r.invalid > 0 {
                problems.append("line \(lineNumber(bodyStart)): \(r.invalid) byte(s) outside the base64 alphabet skipped")
            }
        default:
            decoded = Array(bytes[bodyStart..<bodyEnd])
        }

        let dispHeader = block.first("content-disposition")
        let disp = dispHeader.map { EMLHeaderParams.parse($0.rawValue) }
        let dispType = disp.flatMap { $0.value.isEmpty ? nil : $0.value }
        let filename = nonEmpty(disp?["filename"]) ?? nonEmpty(params["name"])
        let headerRange = block.headers.isEmpty
            ? SourceRange(at: lines.position(e.start))
            : lines.range(block.start, block.end)
        let bodyRange = lines.range(bodyStart, bodyEnd)

        let isText = type == "text/html" || type == "text/plain"
        let isBody = isText && dispType != "attachment"
            && (filename == nil || e.isRoot || e.parentSubtype == "alternative"
                || (e.parentSubtype == "related" && e.indexInParent == 0))
        if isBody {
            if let cs = nonEmpty(params["charset"]), !TextDecoder.canDecode(charset: cs) {
                problems.append("line \(lineNumber(block.start)): charset \"\(cs)\" is unknown; the \(type) part is read as UTF-8")
            }
            bodies.append(EMLBodyPart(
                contentType: type, charset: nonEmpty(params["charset"]?.lowercased()), transferEncoding: encoding,
                decodedBytes: decoded, bodyLine: lines.index(containing: bodyStart), bodyOffset: bodyStart,
                positionsMapToFile: encoding == "7bit" || encoding == "8bit" || encoding == "binary",
                fileLocator: (encoding == "quoted-printable" || encoding == "base64") ? offsets.map { FileLocator(fileOffsets: $0, lines: lines) } : nil,
                disposition: dispType, headers: block.headers, headerRange: headerRange, bodyRange: bodyRange,
                isInAlternative: e.inAlternative))
            return
        }
        // Another rendering of the body beside it in multipart/alternative (AMP's
        // text/x-amp-html, text/watch-html, an Outlook text/calendar invitation) with no file:
        // neither the body checked nor an attachment.
        if e.parentSubtype == "alternative", type.hasPrefix("text/"), filename == nil, dispType != "attachment" { return }
        var cid = block.first("content-id")?.rawValue.trimmingASCIIWhitespace()
        if let c = cid, c.hasPrefix("<"), c.hasSuffix(">"), c.count >= 2 { cid = String(c.dropFirst().dropLast()) }
        attachments.append(EMLAttachment(
            filename: filename, contentType: type, size: decoded.count, disposition: dispType,
            contentID: nonEmpty(cid), transferEncoding: encoding, headerRange: headerRange, bodyRange: bodyRange,
            headers: block.headers, isInRelated: e.inRelated, head: Array(decoded.prefix(32))))
    }

    private func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        return s
    }
}
