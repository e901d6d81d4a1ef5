import Foundation
@testable import BSMDocument

/// Fixtures live in `Fixtures/eml` at the package root.
enum EMLFixture {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/eml")

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// The same file with CRLF line endings.
    static func crlf(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + bytes.count / 20)
        for b in bytes {
            if b == 0x0A { out.append(0x0D) }
            out.append(b)
        }
        return out
    }
}

/// Where a byte string first occurs in a file, as a `SourcePosition` computed independently of
/// the reader (1-based line, 1-based column in Unicode scalars, 0-based byte offset).
func expectedPosition(of needle: String, in file: [UInt8]) -> SourcePosition? {
    let n = Array(needle.utf8)
    guard !n.isEmpty, file.count >= n.count else { return nil }
    for i in 0...(file.count - n.count) where Array(file[i..<(i + n.count)]) == n {
        var line = 1
        var lineStart = 0
        for k in 0..<i where file[k] == 0x0A {
            line += 1
            lineStart = k + 1
        }
        let column = String(decoding: file[lineStart..<i], as: UTF8.self).unicodeScalars.count + 1
        return SourcePosition(line: line, column: column, offset: i)
    }
    return nil
}

func utf8(_ s: String) -> [UInt8] { Array(s.utf8) }
