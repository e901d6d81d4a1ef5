#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fast ASCII tests for text the rules scan many times.
public enum ASCII {
    /// True when `a` and `b` hold the same bytes (`memcmp`: the generic `elementsEqual` costs
    /// about ten instructions a byte).
    public static func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let pa = a.baseAddress, let pb = b.baseAddress else { return true }
        return memcmp(pa, pb, a.count) == 0
    }

    /// HTML's ASCII white space (CSS's too): space, tab, LF, FF, CR.
    @inlinable public static func isHTMLSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D
    }

    /// Calls `body` with each ASCII digit of `n` in decimal, a `-` first when negative: what
    /// `String(n)` writes, without building the string (JSON numbers, fingerprints).
    @inlinable public static func decimal<T: BinaryInteger>(_ n: T, _ body: (UInt8) -> Void) {
        if n == 0 { body(0x30); return }
        if n < 0 { body(0x2D) }
        var m = n.magnitude
        var div: T.Magnitude = 1
        while m / div >= 10 { div *= 10 }
        while div > 0 {
            body(0x30 + UInt8(m / div))
            m %= div
            div /= 10
        }
    }

    /// True when the UTF-8 of `s` holds the byte `b` (over contiguous UTF-8 without the
    /// generic `Sequence.contains` of the UTF-8 view, which costs hundreds of instructions on a
    /// short string).
    @inlinable public static func contains(_ s: String, byte b: UInt8) -> Bool {
        if let r = s.utf8.withContiguousStorageIfAvailable({ buf -> Bool in
            for x in buf where x == b { return true }
            return false
        }) { return r }
        return s.utf8.contains(b)
    }

    /// True when every byte is below 0x80: eight bytes at a time over contiguous UTF-8 (a
    /// native String or Substring), else byte by byte.
    @inlinable public static func isASCII<S: StringProtocol>(_ s: S) -> Bool {
        if let r = s.utf8.withContiguousStorageIfAvailable({ isASCII($0) }) { return r }
        return s.utf8.allSatisfy { $0 < 0x80 }
    }

    @inlinable public static func isASCII(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = buf.count
        guard let base = buf.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= n {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < n {
            if base[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    /// True when every byte is HTML white space (`isHTMLSpace`), or there is none: a tight loop
    /// over contiguous UTF-8 (most text nodes of a template are the indentation between tags).
    @inlinable public static func isAllHTMLSpace(_ s: String) -> Bool {
        if let r = s.utf8.withContiguousStorageIfAvailable({ p in p.allSatisfy(isHTMLSpace) }) { return r }
        return s.utf8.allSatisfy(isHTMLSpace)
    }

    /// Unicode scalars (UTF-8 lead bytes: every byte but `10xxxxxx`) in `bytes[from..<to]`,
    /// eight bytes at a time. Columns are counted this way for every node's position.
    @inlinable public static func scalarCount(_ bytes: [UInt8], from: Int, to: Int) -> Int {
        bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return 0 }
            let end = Swift.min(to, buf.count)
            var i = Swift.max(0, from)
            var n = 0
            let raw = UnsafeRawPointer(base)
            while i + 8 <= end {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // A continuation byte has bit 7 set and bit 6 clear.
                let continuation = w & ~(w << 1) & 0x8080_8080_8080_8080
                n += 8 - continuation.nonzeroBitCount
                i += 8
            }
            while i < end {
                if base[i] & 0xC0 != 0x80 { n += 1 }
                i += 1
            }
            return n
        }
    }
}
