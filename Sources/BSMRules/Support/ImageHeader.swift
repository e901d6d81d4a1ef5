/// What an image's first bytes say: its format and its own size in pixels (PNG, GIF, JPEG is
/// not read: its size sits after a variable number of segments). Used for an .eml's inline
/// (`cid:`) parts, whose bytes travel with the message.
enum ImageHeader {
    /// `GIF87a` / `GIF89a`.
    static func isGIF(_ head: [UInt8]) -> Bool {
        head.count >= 6 && head[0] == 0x47 && head[1] == 0x49 && head[2] == 0x46 && head[3] == 0x38
            && (head[4] == 0x37 || head[4] == 0x39) && head[5] == 0x61
    }

    /// Width and height in pixels, with the format's name, when the header holds them.
    static func size(_ head: [UInt8]) -> (width: Int, height: Int, format: String)? {
        // PNG: signature, then the IHDR chunk: length (4), "IHDR", width and height (big-endian).
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        if head.count >= 24, Array(head[0..<8]) == png, head[12] == 0x49, head[13] == 0x48, head[14] == 0x44, head[15] == 0x52 {
            func be(_ i: Int) -> Int { Int(head[i]) << 24 | Int(head[i + 1]) << 16 | Int(head[i + 2]) << 8 | Int(head[i + 3]) }
            return (be(16), be(20), "PNG")
        }
        // GIF: logical screen width and height (little-endian) after the signature.
        if head.count >= 10, isGIF(head) {
            return (Int(head[6]) | Int(head[7]) << 8, Int(head[8]) | Int(head[9]) << 8, "GIF")
        }
        return nil
    }
}
