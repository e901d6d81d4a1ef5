/// Content-Transfer-Encoding decoders (RFC 2045 §6.7, §6.8) and the byte helpers the .eml reader
/// shares. All of them are lenient: they never fail, they decode what can be decoded.
enum EMLTransferDecoding {
    // MARK: - quoted-printable

    /// Decodes quoted-printable `bytes[start..<end]`: `=XX` escapes (either hex case), soft line
    /// breaks (`=` at the end of a line), trailing whitespace on a line removed. A `=` that does
    /// not start a valid escape is kept literally. Hard line breaks keep their original bytes
    /// (CRLF, LF or CR).
    static func quotedPrintable(_ b: [UInt8], from start: Int, to end: Int) -> [UInt8] {
        var none: [Int]?
        return quotedPrintable(b, from: start, to: end, offsets: &none)
    }

    /// Quoted-printable decoding that also records, when `offsets` is non-nil, the file offset of
    /// each decoded byte (an escape's `=`), plus one past the end.
    static func quotedPrintable(_ b: [UInt8], from start: Int, to end: Int, offsets: inout [Int]?) -> [UInt8] {
        let lo = max(0, min(start, b.count)), hi = max(lo, min(end, b.count))
        var out = [UInt8]()
        out.reserveCapacity(hi - lo)
        let record = offsets != nil
        var map: [Int] = []
        if record { map.reserveCapacity(hi - lo + 1) }
        defer { if record { map.append(hi); offsets = map } }
        var ls = lo
        while ls < hi {
            var ce = ls
            while ce < hi, b[ce] != 0x0A, b[ce] != 0x0D { ce += 1 }
            var next = ce
            if next < hi {
                next += (b[next] == 0x0D && next + 1 < hi && b[next + 1] == 0x0A) ? 2 : 1
            }
            var e = ce
            while e > ls, b[e - 1] == 0x20 || b[e - 1] == 0x09 { e -= 1 }
            var soft = false
            if e > ls, b[e - 1] == 0x3D {
                soft = true
                e -= 1
            }
            var i = ls
            while i < e {
                let c = b[i]
                if c == 0x3D, i + 2 < e, let h = hexValue(b[i + 1]), let l = hexValue(b[i + 2]) {
                    out.append(h << 4 | l)
                    if record { map.append(i) }
                    i += 3
                } else {
                    out.append(c)
                    if record { map.append(i) }
                    i += 1
                }
            }
            if !soft, next > ce {
                out.append(contentsOf: b[ce..<next])
                if record { map.append(contentsOf: ce..<next) }
            }
            ls = next
        }
        return out
    }

    static func quotedPrintable(_ b: [UInt8]) -> [UInt8] { quotedPrintable(b, from: 0, to: b.count) }

    /// RFC 2047 "Q" encoding: like quoted-printable, plus `_` stands for a space.
    static func qEncoding(_ b: ArraySlice<UInt8>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(b.count)
        var i = b.startIndex
        let e = b.endIndex
        while i < e {
            let c = b[i]
            if c == 0x5F {
                out.append(0x20)
                i += 1
            } else if c == 0x3D, i + 2 < e, let h = hexValue(b[i + 1]), let l = hexValue(b[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(c)
                i += 1
            }
        }
        return out
    }

    // MARK: - base64

    /// Decodes base64 `bytes[start..<end]`, skipping whitespace and any byte outside the alphabet
    /// (the URL-safe `-` and `_` are accepted too). Missing padding is tolerated; a `=` ends the
    /// current quantum, so concatenated padded chunks decode too. Returns the bytes and the
    /// number of skipped non-whitespace bytes.
    static func base64(_ b: [UInt8], from start: Int, to end: Int) -> (bytes: [UInt8], invalid: Int) {
        var none: [Int]?
        return base64(b, from: start, to: end, offsets: &none)
    }

    /// Base64 decoding that also records, when `offsets` is non-nil, the file offset of each
    /// decoded byte (the symbol its first bits come from), plus one past the end.
    static func base64(_ b: [UInt8], from start: Int, to end: Int, offsets: inout [Int]?) -> (bytes: [UInt8], invalid: Int) {
        let lo = max(0, min(start, b.count)), hi = max(lo, min(end, b.count))
        var out = [UInt8]()
        out.reserveCapacity((hi - lo) / 4 * 3 + 3)
        let record = offsets != nil
        var map: [Int] = []
        if record { map.reserveCapacity((hi - lo) / 4 * 3 + 4) }
        var at = [0, 0, 0, 0]   // file offsets of the current quantum's symbols
        var acc: UInt32 = 0
        var n = 0
        var invalid = 0
        var i = lo
        func flushMapped() {
            let before = out.count
            flush(&acc, &n, &out)
            if record { for k in 0..<(out.count - before) { map.append(at[k]) } }
        }
        while i < hi {
            let c = b[i]
            let v = base64Table[Int(c)]
            if v >= 0 {
                acc = acc << 6 | UInt32(v)
                at[n] = i
                n += 1
                if n == 4 {
                    out.append(UInt8(truncatingIfNeeded: acc >> 16))
                    out.append(UInt8(truncatingIfNeeded: acc >> 8))
                    out.append(UInt8(truncatingIfNeeded: acc))
                    if record { map.append(at[0]); map.append(at[1]); map.append(at[2]) }
                    acc = 0
                    n = 0
                }
            } else if c == 0x3D {
                flushMapped()
            } else if !(c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C) {
                invalid += 1
            }
            i += 1
        }
        flushMapped()
        if record { map.append(hi); offsets = map }
        return (out, invalid)
    }

    static func base64(_ b: [UInt8]) -> [UInt8] { base64(b, from: 0, to: b.count).bytes }

    /// Emits the bytes of a partial quantum (2 symbols → 1 byte, 3 → 2; a lone symbol carries
    /// fewer than 8 bits and is dropped).
    private static func flush(_ acc: inout UInt32, _ n: inout Int, _ out: inout [UInt8]) {
        switch n {
        case 2:
            out.append(UInt8(truncatingIfNeeded: acc >> 4))
        case 3:
            out.append(UInt8(truncatingIfNeeded: acc >> 10))
            out.append(UInt8(truncatingIfNeeded: acc >> 2))
        default:
            break
        }
        acc = 0
        n = 0
    }

    static let base64Table: [Int8] = {
        var t = [Int8](repeating: -1, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            t[Int(c)] = Int8(i)
        }
        t[Int(UInt8(ascii: "-"))] = 62
        t[Int(UInt8(ascii: "_"))] = 63
        return t
    }()

    // MARK: - helpers

    @inline(__always) static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    /// `%XX` percent-decoding (RFC 2231 extended values); an invalid `%` stays literal.
    static func percentDecode(_ b: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == 0x25, i + 2 < b.count, let h = hexValue(b[i + 1]), let l = hexValue(b[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return out
    }
}
