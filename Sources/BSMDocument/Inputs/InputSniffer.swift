/// Decides what an input is from its name and first bytes, and rejects what is not text.
public enum InputSniffer {
    /// The kind implied by a file name's extension, or nil when it says nothing.
    public static func kind(forPath path: String) -> InputKind? {
        let lower = path.lowercased()
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".xhtml") { return .html }
        if lower.hasSuffix(".txt") || lower.hasSuffix(".text") { return .text }
        if lower.hasSuffix(".eml") { return .eml }
        return nil
    }

    /// Whether a directory walk picks the file up.
    public static func isTemplatePath(_ path: String) -> Bool { kind(forPath: path) != nil }

    /// Why the bytes are not a text template (a known binary format, or NUL-heavy), or nil.
    public static func binaryReason(_ bytes: [UInt8]) -> String? {
        func starts(_ sig: [UInt8]) -> Bool { bytes.count >= sig.count && bytes[0..<sig.count].elementsEqual(sig) }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return "PNG image data" }
        if starts([0x47, 0x49, 0x46, 0x38]) { return "GIF image data" }
        if starts([0xFF, 0xD8, 0xFF]) { return "JPEG image data" }
        if starts([0x25, 0x50, 0x44, 0x46]) { return "PDF document" }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return "ZIP archive (docx/xlsx/zip)" }
        if starts([0x1F, 0x8B]) { return "gzip data" }
        if starts([0x7F, 0x45, 0x4C, 0x46]) { return "ELF executable" }
        // UTF-16 text has NULs in every other byte: let the decoder handle it.
        if (bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
            || TextDecoder.sniffUTF16WithoutBOM(bytes) != nil {
            return nil
        }
        let count = min(bytes.count, 8192)
        guard count > 0 else { return nil }
        var nul = 0, control = 0
        bytes.withUnsafeBufferPointer { p in
            for i in 0..<count {
                let b = p[i]
                if b >= 0x20 { continue }
                if b == 0 { nul += 1 } else if b < 0x09 || (b > 0x0D && b != 0x1B) { control += 1 }
            }
        }
        if nul * 10 > count { return "binary data (\(nul) NUL bytes in the first \(count))" }
        // Random bytes carry about 11% C0 controls; a text template, almost none.
        if nul + control >= 16, (nul + control) * 20 > count { return "binary data (\(nul + control) control bytes in the first \(count))" }
        return nil
    }

    /// For files without a telling extension: HTML if it has tags, else text.
    public static func kind(sniffing bytes: [UInt8]) -> InputKind {
        let head = bytes.prefix(4096)
        var i = head.startIndex
        while i < head.endIndex - 1 {
            if head[i] == 0x3C {
                let n = head[i + 1] | 0x20
                if (n >= 0x61 && n <= 0x7A) || head[i + 1] == 0x21 { return .html }
            }
            i += 1
        }
        return .text
    }
}
