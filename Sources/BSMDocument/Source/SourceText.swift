#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A position in an input file: 1-based line and column (columns count Unicode scalar values of
/// the decoded line; CR, LF and CRLF each end one line) and the 0-based byte offset in the original
/// file's bytes.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static let start = SourcePosition(line: 1, column: 1, offset: 0)

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool { lhs.offset < rhs.offset }

    public var description: String { "\(line):\(column)" }
}

/// A half-open range of source: `start` is the first character, `end` is just past the last one.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    public init(at position: SourcePosition) {
        self.start = position
        self.end = position
    }

    /// Length in bytes of the original file.
    public var length: Int { max(0, end.offset - start.offset) }

    public var description: String { "\(start)-\(end)" }
}

/// The text of one input after decoding: a UTF-8 buffer (what the parsers read) plus what is
/// needed to turn an offset in that buffer into a `SourcePosition` of the original file.
/// Where a part's bytes come from in its file when a transfer encoding (quoted-printable, base64)
/// makes the part's bytes differ from the file's: the file offset of each part byte (and one past
/// the end), and the file's lines, so positions and snippets are those of the file.
public struct FileLocator: Sendable {
    let fileOffsets: [Int]
    let lines: EMLLines

    init(fileOffsets: [Int], lines: EMLLines) {
        self.fileOffsets = fileOffsets
        self.lines = lines
    }

    func fileOffset(_ partOffset: Int) -> Int {
        guard !fileOffsets.isEmpty else { return 0 }
        return fileOffsets[max(0, min(partOffset, fileOffsets.count - 1))]
    }

    /// The file's line (1-based) without its terminator.
    func lineText(_ line: Int) -> String {
        let li = line - 1
        guard li >= 0, li < lines.starts.count else { return "" }
        let (end, _) = lines.bounds(li, limit: lines.bytes.count)
        return TextDecoder.decode(Array(lines.bytes[lines.starts[li]..<end]), html: false).source.text(0, Int.max)
    }
}

public struct SourceText: Sendable {
    /// Decoded text as UTF-8 bytes (NUL bytes replaced by spaces so offsets stay aligned).
    public let utf8: [UInt8]
    /// Name of the encoding the original bytes were decoded from (`utf-8`, `windows-1252`, ...).
    public let encoding: String
    /// How the encoding was chosen (`bom`, `meta`, `http-equiv`, `default`, `fallback`, `declared`).
    public let encodingSource: String
    /// Number of bytes in the original input.
    public let originalByteCount: Int
    /// Number of NUL bytes replaced while decoding.
    public let nulCount: Int
    /// Offsets (in `utf8`) where each line starts.
    public let lineStarts: [Int]
    /// Checkpoints mapping decoded offsets to original offsets; between checkpoints the delta is
    /// constant. Empty when the mapping is the identity.
    let offsetMap: [(decoded: Int, original: Int)]
    /// Added to every line and offset: used when this text is a part embedded in a larger file
    /// (an .eml body part sent as 7bit/8bit).
    public let baseLine: Int
    public let baseOffset: Int
    /// Set for a transfer-encoded .eml part: positions are computed in the file through it.
    public let locator: FileLocator?

    public init(utf8: [UInt8], encoding: String, encodingSource: String, originalByteCount: Int,
                nulCount: Int = 0, offsetMap: [(decoded: Int, original: Int)] = [],
                baseLine: Int = 0, baseOffset: Int = 0, locator: FileLocator? = nil) {
        self.locator = locator
        self.utf8 = utf8
        self.encoding = encoding
        self.encodingSource = encodingSource
        self.originalByteCount = originalByteCount
        self.nulCount = nulCount
        self.offsetMap = offsetMap
        self.baseLine = baseLine
        self.baseOffset = baseOffset
        (self.lineStarts, self.scalarCheckpoints) = SourceText.computeIndexes(utf8)
        // Whole blocks are ASCII when their scalars equal their bytes; the tail is tested here.
        let whole = (scalarCheckpoints.count - 1) * SourceText.checkpointStride
        self.isASCII = scalarCheckpoints.last == whole
            && utf8.withUnsafeBufferPointer { ASCII.isASCII(UnsafeBufferPointer(rebasing: $0[min(whole, $0.count)...])) }
    }

    /// The same text, with positions computed in a file through `locator`.
    public func locating(in locator: FileLocator) -> SourceText {
        SourceText(utf8: utf8, encoding: encoding, encodingSource: encodingSource, originalByteCount: originalByteCount,
                   nulCount: nulCount, offsetMap: offsetMap, baseLine: 0, baseOffset: 0, locator: locator)
    }

    /// Scalars (non-continuation bytes) in `utf8[0 ..< k * checkpointStride]`, for each k: makes
    /// a column O(stride) instead of O(line length), so positions on a one-line (minified)
    /// template of thousands of elements are not quadratic.
    let scalarCheckpoints: [Int]
    static let checkpointStride = 4096
    /// Every byte is ASCII (most templates: entities for the rest): a column is then a byte
    /// count, and positions need no scalar counting.
    let isASCII: Bool

    /// Line starts (the same as `computeLineStarts`) and scalar checkpoints, word at a time:
    /// line feeds found with `memchr` when the text has no CR, scalars counted eight bytes at a
    /// time (a continuation byte is `10xxxxxx`).
    static func computeIndexes(_ bytes: [UInt8]) -> (lineStarts: [Int], checkpoints: [Int]) {
        var checkpoints = [0]
        checkpoints.reserveCapacity(bytes.count / checkpointStride + 1)
        let starts: [Int] = bytes.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return [0] }
            let n = p.count
            let raw = UnsafeRawPointer(base)
            // Scalars per block.
            var scalars = 0
            var blockStart = 0
            while blockStart + checkpointStride <= n {
                var continuation = 0
                var i = blockStart
                let end = blockStart + checkpointStride
                while i < end {
                    let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    continuation += (w & ~(w << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
                    i += 8
                }
                scalars += checkpointStride - continuation
                checkpoints.append(scalars)
                blockStart = end
            }
            // Line starts.
            if memchr(base, 0x0D, n) == nil {
                var out = [0]
                out.reserveCapacity(n / 40 + 1)
                var i = 0
                while i < n, let hit = memchr(base + i, 0x0A, n - i) {
                    i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                    out.append(i)
                }
                return out
            }
            return computeLineStarts(bytes)
        }
        return (starts, checkpoints)
    }


    /// Scalars in `utf8[0 ..< offset]`.
    func scalarCount(upTo offset: Int) -> Int {
        let k = min(offset / SourceText.checkpointStride, scalarCheckpoints.count - 1)
        return scalarCheckpoints[k] + ASCII.scalarCount(utf8, from: k * SourceText.checkpointStride, to: offset)
    }

    /// Plain UTF-8 text (tests, fragments). Offsets are identical to the decoded buffer.
    public init(string: String) {
        self.init(utf8: Array(string.utf8), encoding: "utf-8", encodingSource: "default",
                  originalByteCount: string.utf8.count)
    }

    static func computeLineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x0A {
                starts.append(i + 1)
            } else if b == 0x0D {
                if i + 1 < n, bytes[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
        return starts
    }

    /// Original-file byte offset of a decoded offset.
    public func originalOffset(_ decoded: Int) -> Int {
        if let locator { return locator.fileOffset(partOffset(decoded)) }
        return partOffset(decoded) + baseOffset
    }

    /// Offset in the bytes this text was decoded from (before `baseOffset`).
    func partOffset(_ decoded: Int) -> Int {
        guard !offsetMap.isEmpty else { return decoded }
        // Last checkpoint at or before `decoded`.
        var lo = 0, hi = offsetMap.count - 1
        if decoded < offsetMap[0].decoded { return decoded }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if offsetMap[mid].decoded <= decoded { lo = mid } else { hi = mid - 1 }
        }
        let cp = offsetMap[lo]
        return cp.original + (decoded - cp.decoded)
    }

    /// 0-based line index containing the decoded offset.
    public func lineIndex(_ decoded: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= decoded { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Position of a decoded offset. O(log lines + line length); see `PositionResolver` for
    /// monotonic bulk lookups.
    public func position(_ decoded: Int) -> SourcePosition {
        let off = min(max(0, decoded), utf8.count)
        if let locator { return locator.lines.position(locator.fileOffset(partOffset(off))) }
        let li = lineIndex(off)
        var col = 1
        var i = lineStarts[li]
        if off - i > 2 * SourceText.checkpointStride {
            col += scalarCount(upTo: off) - scalarCount(upTo: i)
            i = off
        }
        if i < off { col += isASCII ? off - i : ASCII.scalarCount(utf8, from: i, to: off) }
        return SourcePosition(line: li + 1 + baseLine, column: col, offset: originalOffset(off))
    }

    public func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(start: position(start), end: position(end))
    }

    /// The decoded text of a line (1-based, as reported), without its terminator.
    public func lineText(_ line: Int) -> String {
        if let locator { return locator.lineText(line) }
        let li = line - 1 - baseLine
        guard li >= 0, li < lineStarts.count else { return "" }
        let s = lineStarts[li]
        var e = li + 1 < lineStarts.count ? lineStarts[li + 1] : utf8.count
        while e > s, utf8[e - 1] == 0x0A || utf8[e - 1] == 0x0D { e -= 1 }
        return String(decoding: utf8[s..<e], as: UTF8.self)
    }

    public var lineCount: Int { lineStarts.count }

    /// Decoded text between two decoded offsets.
    public func text(_ start: Int, _ end: Int) -> String {
        let s = max(0, min(start, utf8.count)), e = max(s, min(end, utf8.count))
        return String(decoding: utf8[s..<e], as: UTF8.self)
    }

    /// Decoded offset of a (1-based, reported) line and column; used by tests and fixtures.
    public func decodedOffset(line: Int, column: Int) -> Int? {
        let li = line - 1 - baseLine
        guard li >= 0, li < lineStarts.count, column >= 1 else { return nil }
        var i = lineStarts[li]
        var col = 1
        while col < column, i < utf8.count {
            i += 1
            while i < utf8.count, utf8[i] & 0xC0 == 0x80 { i += 1 }
            col += 1
        }
        return i
    }
}

/// Resolves many decoded offsets to positions quickly when they arrive in increasing order
/// (document order), falling back to a binary search otherwise. Linear overall for a parse,
/// even on a multi-megabyte single line.
public struct PositionResolver {
    public let source: SourceText
    private var cursorOffset = 0
    private var cursorLine = 0
    private var cursorColumn = 1

    public init(source: SourceText) { self.source = source }

    public mutating func position(_ decoded: Int) -> SourcePosition {
        if source.locator != nil { return source.position(decoded) }
        let off = min(max(0, decoded), source.utf8.count)
        if off < cursorOffset {
            cursorLine = source.lineIndex(off)
            cursorOffset = source.lineStarts[cursorLine]
            cursorColumn = 1
        } else {
            // Move to the line containing `off` if it is beyond the cursor's line: step over a
            // few lines (the usual case in document order), search beyond that.
            let starts = source.lineStarts
            var line = cursorLine
            var steps = 0
            while line + 1 < starts.count, starts[line + 1] <= off, steps < 8 {
                line += 1
                steps += 1
            }
            if line + 1 < starts.count, starts[line + 1] <= off { line = source.lineIndex(off) }
            if line != cursorLine {
                cursorLine = line
                cursorOffset = starts[line]
                cursorColumn = 1
            }
        }
        // Far from the cursor (a step back on a long line): jump using the scalar checkpoints.
        if off - cursorOffset > 2 * SourceText.checkpointStride {
            cursorColumn += source.scalarCount(upTo: off) - source.scalarCount(upTo: cursorOffset)
            cursorOffset = off
        }
        let col = cursorColumn + (off > cursorOffset
            ? (source.isASCII ? off - cursorOffset : ASCII.scalarCount(source.utf8, from: cursorOffset, to: off)) : 0)
        cursorOffset = off
        cursorColumn = col
        return SourcePosition(line: cursorLine + 1 + source.baseLine, column: col,
                              offset: source.originalOffset(off))
    }
}
