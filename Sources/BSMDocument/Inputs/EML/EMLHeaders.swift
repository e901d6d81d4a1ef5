/// Line structure of a whole .eml file: where each line starts (CR, LF and CRLF each end one
/// line, as in `SourceText`) and how a byte offset becomes a `SourcePosition` of the file.
struct EMLLines: Sendable {
    let bytes: [UInt8]
    let starts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.starts = SourceText.computeLineStarts(bytes)
    }

    /// 0-based index of the line containing `offset`.
    func index(containing offset: Int) -> Int {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// End of line `li`'s content (before its terminator) and the start of the next line, both
    /// clipped to `limit`.
    @inline(__always) func bounds(_ li: Int, limit: Int) -> (contentEnd: Int, next: Int) {
        let ls = starts[li]
        let nextStart = li + 1 < starts.count ? starts[li + 1] : bytes.count
        var ce = nextStart
        if ce > ls, bytes[ce - 1] == 0x0A {
            ce -= 1
            if ce > ls, bytes[ce - 1] == 0x0D { ce -= 1 }
        } else if ce > ls, bytes[ce - 1] == 0x0D {
            ce -= 1
        }
        return (min(ce, limit), min(nextStart, limit))
    }

    /// Position of a byte offset: 1-based line, 1-based column in Unicode scalars (a byte that is
    /// not valid UTF-8 counts as one, as `TextDecoder` reads it), the offset itself.
    func position(_ offset: Int) -> SourcePosition {
        let off = max(0, min(offset, bytes.count))
        let li = index(containing: off)
        var col = 1
        var i = starts[li]
        while i < off {
            let c = bytes[i]
            if c < 0x80 {
                i += 1
            } else {
                i += max(1, TextDecoder.validUTF8SequenceLength(bytes, i))
            }
            col += 1
        }
        return SourcePosition(line: li + 1, column: col, offset: off)
    }

    func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(start: position(start), end: position(max(start, end)))
    }
}

/// The header block at the top of a message or a body part.
struct EMLHeaderBlock {
    var headers: [EMLHeader]
    /// Offset of the first header byte and end of the last header's content.
    var start: Int
    var end: Int
    /// Where the body starts (after the blank line; at the first non-header line when the blank
    /// line is missing; at the region end when there is no body).
    var bodyStart: Int
    /// True when header lines were followed by a line that is not a header, with no blank line.
    var missingSeparator: Bool
    /// Fields skipped over the `maxFields` limit.
    var droppedFields = 0

    func first(_ lowercasedName: String) -> EMLHeader? {
        headers.first { $0.lowercasedName == lowercasedName }
    }

    /// Reads the header block of `lines.bytes[start..<end]`. A block must start with a
    /// `Name:` line; otherwise it is empty and the body starts at `start`. Continuation lines
    /// (leading space or tab) are unfolded into the field before them. A line holding only
    /// whitespace ends the block like an empty one.
    /// At most `maxFields` fields are kept; the lines of further fields are still skipped so the
    /// body starts in the right place, and `droppedFields` counts them.
    static func parse(_ lines: EMLLines, start: Int, end: Int, allowMboxFromLine: Bool = false,
                      maxFields: Int = .max) -> EMLHeaderBlock {
        let b = lines.bytes
        var fields: [(start: Int, colon: Int, end: Int)] = []
        var dropped = 0
        var inDropped = false
        var bodyStart = end
        var missing = false
        var p = start
        var li = p < end ? lines.index(containing: p) : 0
        var firstLine = true
        while p < end {
            let (ce, next) = lines.bounds(li, limit: end)
            defer {
                p = next
                li += 1
                firstLine = false
            }
            if ce == p {
                bodyStart = next
                break
            }
            if b[p] == 0x20 || b[p] == 0x09 {
                var k = p
                while k < ce, b[k] == 0x20 || b[k] == 0x09 { k += 1 }
                if k == ce {
                    bodyStart = next
                    break
                }
                if inDropped { continue }
                if !fields.isEmpty {
                    fields[fields.count - 1].end = ce
                    continue
                }
                bodyStart = p
                break
            }
            if let colon = headerColon(b, p, ce) {
                if fields.count < maxFields {
                    fields.append((p, colon, ce))
                } else {
                    dropped += 1
                    inDropped = true
                }
                continue
            }
            if firstLine, allowMboxFromLine, ce - p >= 5, Array(b[p..<(p + 5)]) == Array("From ".utf8) {
                continue  // mbox separator line
            }
            bodyStart = p
            missing = !fields.isEmpty || dropped > 0
            break
        }
        let headers = fields.map { makeHeader(lines, $0.start, $0.colon, $0.end) }
        let blockStart = fields.first?.start ?? start
        let blockEnd = fields.last?.end ?? start
        return EMLHeaderBlock(headers: headers, start: blockStart, end: blockEnd, bodyStart: bodyStart,
                              missingSeparator: missing, droppedFields: dropped)
    }

    /// Index of the colon when `b[p..<ce]` is `field-name *WSP ":"`.
    static func headerColon(_ b: [UInt8], _ p: Int, _ ce: Int) -> Int? {
        var i = p
        while i < ce, b[i] > 0x20, b[i] < 0x7F, b[i] != 0x3A { i += 1 }
        guard i > p else { return nil }
        while i < ce, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
        return i < ce && b[i] == 0x3A ? i : nil
    }

    static func makeHeader(_ lines: EMLLines, _ start: Int, _ colon: Int, _ end: Int) -> EMLHeader {
        let b = lines.bytes
        var nameEnd = colon
        while nameEnd > start, b[nameEnd - 1] == 0x20 || b[nameEnd - 1] == 0x09 { nameEnd -= 1 }
        let name = String(decoding: b[start..<nameEnd], as: UTF8.self)
        @inline(__always) func blank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }
        var vs = colon + 1
        while vs < end, blank(b[vs]) { vs += 1 }
        var ve = end
        while ve > vs, blank(b[ve - 1]) { ve -= 1 }
        // Unfold: drop the line breaks, keep the whitespace that starts each continuation line.
        var unfolded = [UInt8]()
        unfolded.reserveCapacity(ve - vs)
        for i in vs..<ve where b[i] != 0x0D && b[i] != 0x0A { unfolded.append(b[i]) }
        let raw = EMLText.string(unfolded[...])
        let decoded = EMLEncodedWords.decode(raw)
        let valueRange = vs < ve ? lines.range(vs, ve) : SourceRange(at: lines.position(colon + 1))
        return EMLHeader(name: name, rawValue: raw, decodedValue: decoded,
                         range: SourceRange(start: lines.position(start), end: valueRange.end), valueRange: valueRange)
    }
}
