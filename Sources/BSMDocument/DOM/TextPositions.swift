/// Maps offsets inside a node's decoded text (entities expanded, CRLF possibly folded) back to
/// the source, so a finding inside a text run or an attribute value points at the exact
/// character, even after `&amp;`, `&#128512;` or a line break.
extension Document {
    /// Decoded-buffer offset of UTF-8 offset `textOffset` in the text of a text/raw-text node.
    public func decodedOffset(inText id: NodeID, textOffset: Int) -> Int {
        let n = nodes[id]
        return Document.align(raw: source.utf8, rawStart: n.decodedStart, rawEnd: n.decodedEnd,
                              text: Array(n.text.utf8), textOffset: textOffset)
    }

    /// Source range of the UTF-8 range `r` of a text node's text.
    public func sourceRange(inText id: NodeID, _ r: Range<Int>) -> SourceRange {
        let s = decodedOffset(inText: id, textOffset: r.lowerBound)
        let e = decodedOffset(inText: id, textOffset: r.upperBound)
        return source.range(s, max(s, e))
    }

    /// Source range of the UTF-8 range `r` of an attribute's decoded value; the attribute's
    /// start when the value has no position (implied or merged attributes).
    public func sourceRange(inAttribute a: Attribute, _ r: Range<Int>) -> SourceRange {
        guard let span = a.valueSpan else { return a.range }
        let rawStart = span.lowerBound, rawEnd = span.upperBound
        let text = Array(a.value.utf8)
        let s = Document.align(raw: source.utf8, rawStart: rawStart, rawEnd: rawEnd, text: text, textOffset: r.lowerBound)
        let e = Document.align(raw: source.utf8, rawStart: rawStart, rawEnd: rawEnd, text: text, textOffset: r.upperBound)
        return source.range(s, max(s, e))
    }

    /// Walks raw source and decoded text together; an `&…;` entity or numeric reference in the
    /// raw source stands for the decoded characters it produced.
    static func align(raw: [UInt8], rawStart: Int, rawEnd: Int, text: [UInt8], textOffset: Int) -> Int {
        var i = rawStart
        var j = 0
        let target = min(max(0, textOffset), text.count)
        let end = min(rawEnd, raw.count)
        while j < target, i < end {
            let rb = raw[i], tb = text[j]
            if rb == tb && rb != 0x26 {
                i += 1
                j += 1
                continue
            }
            if rb == 0x0D {
                // CR or CRLF folded to LF in the decoded text.
                if tb == 0x0A { j += 1 }
                i += (i + 1 < end && raw[i + 1] == 0x0A && tb == 0x0A) ? 2 : 1
                continue
            }
            if rb == 0x3C && tb != 0x3C {
                // Markup the parser dropped inside one text run (a stray `</pre>`, a
                // processing instruction): skip it in the source.
                var k = i + 1
                while k < end, raw[k] != 0x3E { k += 1 }
                i = min(end, k + 1)
                continue
            }
            if rb == 0x26 {
                // An entity: find its end, then skip the decoded scalar(s) it became.
                var k = i + 1
                while k < end, k - i <= 40, raw[k] != 0x3B, raw[k] != 0x26, raw[k] != 0x3C, !ASCII.isHTMLSpace(raw[k]) { k += 1 }
                let hasSemicolon = k < end && raw[k] == 0x3B
                let rawLen = (hasSemicolon ? k + 1 : k) - i
                // Literal '&' (not an entity) when the text has '&' here and the raw run is not a reference.
                if tb == 0x26 && (rawLen == 1 || !hasSemicolon || Array(raw[i..<(i + rawLen)]) == Array(text[j..<min(text.count, j + rawLen)])) {
                    if rawLen > 1, j + rawLen <= text.count, Array(raw[i..<(i + rawLen)]) == Array(text[j..<(j + rawLen)]) {
                        // Unknown entity kept literally.
                        i += rawLen
                        j += rawLen
                    } else {
                        i += 1
                        j += 1
                    }
                    continue
                }
                i += max(1, rawLen)
                j += scalarLength(text, j)
                continue
            }
            // A character XML does not allow (C0 controls other than tab, LF and CR; U+FFFE,
            // U+FFFF): libxml2 drops it from the text, so only the source moves on.
            if let dropped = xmlInvalidLength(raw, i, end) {
                i += dropped
                continue
            }
            // Anything else that does not line up (normalised whitespace): advance both by one scalar.
            i += scalarLength(raw, i)
            j += scalarLength(text, j)
        }
        // A position at the start of a character that follows dropped markup lies after it.
        while i < end, raw[i] == 0x3C, j >= text.count || text[j] != 0x3C {
            var k = i + 1
            while k < end, raw[k] != 0x3E { k += 1 }
            guard k < end else { break }
            i = k + 1
        }
        return min(i, end)
    }


    /// The length of the character at `i` when XML forbids it (libxml2 leaves it out of text):
    /// a C0 control other than tab, LF or CR, or U+FFFE/U+FFFF; nil otherwise.
    @inline(__always) static func xmlInvalidLength(_ b: [UInt8], _ i: Int, _ end: Int) -> Int? {
        let c = b[i]
        if c < 0x20 { return c == 0x09 || c == 0x0A || c == 0x0D ? nil : 1 }
        if c == 0xEF, i + 2 < end, b[i + 1] == 0xBF, b[i + 2] == 0xBE || b[i + 2] == 0xBF { return 3 }
        return nil
    }

    @inline(__always) static func scalarLength(_ b: [UInt8], _ i: Int) -> Int {
        guard i < b.count else { return 1 }
        let c = b[i]
        if c < 0x80 { return 1 }
        if c >= 0xF0 { return 4 }
        if c >= 0xE0 { return 3 }
        if c >= 0xC0 { return 2 }
        return 1
    }
}

