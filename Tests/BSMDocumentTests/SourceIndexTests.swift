@testable import BSMDocument
import Testing

/// The one-pass line/checkpoint index equals the two separate scans, on inputs built to put CR,
/// LF, CRLF and multi-byte characters on the 4,096-byte checkpoint boundaries.
struct SourceIndexTests {
    @Test(arguments: [0, 1, 2, 3, 4093, 4094, 4095, 4096, 4097, 8191, 8192], [true, false])
    func onePassIndexMatchesSeparateScans(_ shift: Int, _ withCR: Bool) {
        var pieces: [[UInt8]] = [Array("ab".utf8), [0x0A], Array("é".utf8), Array("😀".utf8), Array("x y".utf8), Array("ß".utf8)]
        if withCR { pieces += [[0x0D, 0x0A], [0x0D]] }
        var bytes = [UInt8](repeating: 0x61, count: shift)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        while bytes.count < 20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes += pieces[Int(state >> 33) % pieces.count]
        }
        let (starts, checkpoints) = SourceText.computeIndexes(bytes)
        #expect(starts == SourceText.computeLineStarts(bytes))
        #expect(checkpoints == Self.scalarCheckpoints(bytes))
    }

    /// The reference: non-continuation bytes before each multiple of the stride, byte by byte.
    static func scalarCheckpoints(_ bytes: [UInt8]) -> [Int] {
        var out = [0], count = 0, i = 0
        for b in bytes {
            if b & 0xC0 != 0x80 { count += 1 }
            i += 1
            if i == SourceText.checkpointStride { out.append(count); i = 0 }
        }
        return out
    }

    @Test func cleanUTF8IsTakenAsIsAndAnythingElseIsNot() {
        #expect(TextDecoder.isCleanUTF8(Array("plain ascii, and then some more ascii text".utf8)))
        #expect(TextDecoder.isCleanUTF8(Array("Grüße aus Köln — 😀 ok".utf8)))
        #expect(TextDecoder.isCleanUTF8([]))
        #expect(!TextDecoder.isCleanUTF8(Array("abcdefgh".utf8) + [0] + Array("ijk".utf8)), "NUL")
        #expect(!TextDecoder.isCleanUTF8(Array("abcdefghijklmnop".utf8) + [0xE9] + Array("t".utf8)), "windows-1252 é")
        #expect(!TextDecoder.isCleanUTF8([0xED, 0xA0, 0x80]), "surrogate")
        #expect(!TextDecoder.isCleanUTF8([0xC0, 0xAF]), "overlong")
        #expect(!TextDecoder.isCleanUTF8(Array("12345678".utf8) + [0xF0, 0x9F, 0x98]), "truncated at the end")
    }
}
