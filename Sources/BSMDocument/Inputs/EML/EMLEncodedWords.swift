/// Bytes → `String` conversions for header text: raw header bytes (UTF-8, with windows-1252 for
/// bytes that are not), bytes in a MIME charset, and RFC 2047 encoded-words.
enum EMLText {
    /// Raw header bytes: UTF-8 (RFC 6532), each invalid byte read as windows-1252.
    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        let r = TextDecoder.utf8(Array(bytes), from: 0, label: "utf-8", how: "default", baseLine: 0, baseOffset: 0)
        return String(decoding: r.source.utf8, as: UTF8.self)
    }

    /// Bytes in a MIME charset (any label iconv knows; latin-1 and ASCII read as windows-1252;
    /// unknown labels fall back to UTF-8 with windows-1252 for invalid bytes).
    static func string(_ bytes: [UInt8], charset: String?) -> String {
        let label = (charset ?? "").trimmingASCIIWhitespace().lowercased()
        if label.isEmpty { return string(bytes[...]) }
        if label == "utf-16" || label == "utf-16be" || label == "utf-16le" || label == "ucs-2" || label == "unicode" {
            return utf16String(bytes, defaultLittleEndian: label == "utf-16le")
        }
        let normalized = TextDecoder.normalizedLabel(label)
        if normalized == "utf-8" || normalized == "windows-1252", bytes.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        if normalized == "utf-8" { return string(bytes[...]) }
        let r = TextDecoder.decode(bytes, html: false, declaredCharset: label)
        return String(decoding: r.source.utf8, as: UTF8.self)
    }

    private static func utf16String(_ bytes: [UInt8], defaultLittleEndian: Bool) -> String {
        var le = defaultLittleEndian
        var i = 0
        if bytes.count >= 2 {
            if bytes[0] == 0xFF, bytes[1] == 0xFE { le = true; i = 2 } else if bytes[0] == 0xFE, bytes[1] == 0xFF { le = false; i = 2 }
        }
        var units = [UInt16]()
        units.reserveCapacity(bytes.count / 2)
        while i + 1 < bytes.count {
            units.append(le ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}

/// RFC 2047 encoded-words (`=?charset?B?...?=`, `=?charset?Q?...?=`) in header values.
enum EMLEncodedWords {
    struct Word {
        var charset: String
        var bytes: [UInt8]
        var end: Int
    }

    /// Longest encoded-word accepted (RFC 2047 says 75; real mailers write longer ones).
    static let maxWordLength = 4096

    /// Decodes every encoded-word in `s`. Whitespace between two adjacent encoded-words is
    /// dropped, and adjacent words in the same charset are joined before charset decoding so a
    /// multi-byte character split across two words survives. Text that is not an encoded-word is
    /// kept as is.
    static func decode(_ s: String) -> String {
        let b = Array(s.utf8)
        guard b.count >= 8, containsMarker(b) else { return s }
        let scan = Scan(b)
        var out = ""
        var pending: Word?
        var plainStart = 0
        var i = 0
        while i + 1 < b.count {
            guard b[i] == 0x3D, b[i + 1] == 0x3F, let w = parseWord(b, at: i, scan) else {
                i += 1
                continue
            }
            let between = b[plainStart..<i]
            let onlySpace = between.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
            if var p = pending, onlySpace {
                if p.charset == w.charset {
                    p.bytes += w.bytes
                    pending = p
                } else {
                    out += EMLText.string(p.bytes, charset: p.charset)
                    pending = w
                }
            } else {
                if let p = pending { out += EMLText.string(p.bytes, charset: p.charset) }
                out += EMLText.string(between)
                pending = w
            }
            i = w.end
            plainStart = i
        }
        if let p = pending { out += EMLText.string(p.bytes, charset: p.charset) }
        if plainStart < b.count { out += EMLText.string(b[plainStart...]) }
        return out
    }

    private static func containsMarker(_ b: [UInt8]) -> Bool {
        var i = 0
        while i + 1 < b.count {
            if b[i] == 0x3D, b[i + 1] == 0x3F { return true }
            i += 1
        }
        return false
    }

    /// For every index: the next `?`, the next `?=` and the next whitespace at or after it
    /// (`count` when none), so each encoded-word candidate is checked in constant time and a
    /// header full of `=?` stays linear.
    struct Scan {
        var nextQuestion: [Int]
        var nextTerminator: [Int]
        var nextSpace: [Int]

        init(_ b: [UInt8]) {
            let n = b.count
            nextQuestion = [Int](repeating: n, count: n + 1)
            nextTerminator = [Int](repeating: n, count: n + 1)
            nextSpace = [Int](repeating: n, count: n + 1)
            var i = n - 1
            while i >= 0 {
                nextQuestion[i] = b[i] == 0x3F ? i : nextQuestion[i + 1]
                nextTerminator[i] = b[i] == 0x3F && i + 1 < n && b[i + 1] == 0x3D ? i : nextTerminator[i + 1]
                nextSpace[i] = EMLEncodedWords.isSpace(b[i]) ? i : nextSpace[i + 1]
                i -= 1
            }
        }
    }

    /// Parses the encoded-word starting at `start` (which points at `=?`).
    static func parseWord(_ b: [UInt8], at start: Int, _ scan: Scan) -> Word? {
        let limit = min(b.count, start + maxWordLength)
        let csStart = start + 2
        guard csStart < b.count else { return nil }
        let j = scan.nextQuestion[csStart]
        guard j < limit, scan.nextSpace[csStart] > j else { return nil }
        guard j > csStart, j + 2 < limit, b[j + 2] == 0x3F else { return nil }
        var charsetBytes = b[csStart..<j]
        if let star = charsetBytes.firstIndex(of: 0x2A) { charsetBytes = b[csStart..<star] }  // RFC 2231 `*lang`
        guard !charsetBytes.isEmpty else { return nil }
        let enc = b[j + 1] | 0x20
        guard enc == 0x62 || enc == 0x71 else { return nil }  // b / q
        let textStart = j + 3
        let k = scan.nextTerminator[textStart]
        guard k + 1 < limit, scan.nextSpace[textStart] > k else { return nil }
        let text = b[textStart..<k]
        let bytes = enc == 0x62 ? EMLTransferDecoding.base64(Array(text)) : EMLTransferDecoding.qEncoding(text)
        let charset = String(decoding: charsetBytes, as: UTF8.self).lowercased()
        return Word(charset: charset, bytes: bytes, end: k + 2)
    }

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }
}
