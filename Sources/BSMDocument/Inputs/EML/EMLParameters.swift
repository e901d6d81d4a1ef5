/// A structured MIME header value (`Content-Type`, `Content-Disposition`): the lowercased main
/// value and its parameters. Parameter names are lowercased; values are unquoted and decoded
/// (RFC 2231 `name*=charset'lang'%XX` and `name*0*=`/`name*1=` continuations, RFC 2047
/// encoded-words in plain values as many mailers write them).
struct EMLHeaderParams: Sendable, Hashable {
    var value: String
    var params: [String: String]

    subscript(_ name: String) -> String? { params[name] }

    /// Maximum RFC 2231 continuation sections joined for one parameter.
    static let maxSections = 1000

    static func parse(_ s: String) -> EMLHeaderParams {
        let b = Array(s.utf8)
        let n = b.count
        var i = 0
        skipSpace(b, &i)
        // Main value: a token up to `;`, whitespace or a comment.
        let vStart = i
        while i < n, b[i] != 0x3B, !isSpace(b[i]), b[i] != 0x28 { i += 1 }
        let value = String(decoding: b[vStart..<i], as: UTF8.self).lowercased()

        var raw: [(name: String, value: [UInt8])] = []
        while i < n {
            // Separators, stray whitespace and comments.
            if b[i] == 0x3B || isSpace(b[i]) { i += 1; continue }
            if b[i] == 0x28 { skipComment(b, &i); continue }
            let nStart = i
            while i < n, b[i] != 0x3D, b[i] != 0x3B, !isSpace(b[i]) { i += 1 }
            let name = String(decoding: b[nStart..<i], as: UTF8.self).lowercased()
            skipSpace(b, &i)
            guard i < n, b[i] == 0x3D, !name.isEmpty else {
                // A token without `=`: skip to the next separator.
                while i < n, b[i] != 0x3B { i += 1 }
                continue
            }
            i += 1
            skipSpace(b, &i)
            var v: [UInt8] = []
            if i < n, b[i] == 0x22 {
                i += 1
                while i < n, b[i] != 0x22 {
                    if b[i] == 0x5C, i + 1 < n, b[i + 1] == 0x22 || b[i + 1] == 0x5C {
                        v.append(b[i + 1])
                        i += 2
                    } else {
                        v.append(b[i])
                        i += 1
                    }
                }
                if i < n { i += 1 }  // closing quote
            } else {
                // Unquoted: up to `;`, or up to whitespace followed by another `name=`
                // (a missing semicolon), keeping inner spaces of sloppy values like `a b.pdf`.
                let st = i
                while i < n, b[i] != 0x3B {
                    if isSpace(b[i]) {
                        var w = i
                        while w < n, isSpace(b[w]) { w += 1 }
                        if startsParameter(b, w) { break }
                        i = w
                        continue
                    }
                    i += 1
                }
                var e = i
                while e > st, isSpace(b[e - 1]) { e -= 1 }
                v = Array(b[st..<e])
            }
            raw.append((name, v))
        }
        return EMLHeaderParams(value: value, params: combine(raw))
    }

    /// True when `b[i...]` starts with `token=` (a parameter after a missing semicolon).
    private static func startsParameter(_ b: [UInt8], _ i: Int) -> Bool {
        var j = i
        let st = j
        while j < b.count, isTokenChar(b[j]) { j += 1 }
        guard j > st else { return false }
        while j < b.count, isSpace(b[j]) { j += 1 }
        return j < b.count && b[j] == 0x3D
    }

    /// Joins RFC 2231 sections and decodes every value.
    private static func combine(_ raw: [(name: String, value: [UInt8])]) -> [String: String] {
        var plain: [String: String] = [:]
        var sections: [String: [(index: Int, extended: Bool, value: [UInt8])]] = [:]
        for (name, value) in raw {
            if let star = name.firstIndex(of: "*") {
                let base = String(name[..<star])
                var rest = name[name.index(after: star)...]
                var extended = false
                if rest.hasSuffix("*") {
                    extended = true
                    rest = rest.dropLast()
                } else if rest.isEmpty {
                    extended = true
                }
                let index: Int
                if rest.isEmpty {
                    index = 0
                } else if rest.allSatisfy({ $0.isASCII && $0.isNumber }), let k = Int(rest), k < maxSections {
                    index = k
                } else {
                    if plain[name] == nil { plain[name] = decodePlain(value) }
                    continue
                }
                guard !base.isEmpty else { continue }
                if sections[base, default: []].count < maxSections {
                    sections[base, default: []].append((index, extended, value))
                }
            } else if plain[name] == nil {
                plain[name] = decodePlain(value)
            }
        }
        for (base, parts) in sections {
            let sorted = parts.enumerated().sorted { ($0.element.index, $0.offset) < ($1.element.index, $1.offset) }.map(\.element)
            var bytes: [UInt8] = []
            var charset: String?
            for (k, part) in sorted.enumerated() {
                guard part.extended else {
                    bytes += part.value
                    continue
                }
                var v = part.value
                if k == 0 {
                    // charset'language'value
                    if let q1 = v.firstIndex(of: 0x27), let q2 = v[(q1 + 1)...].firstIndex(of: 0x27) {
                        let cs = String(decoding: v[..<q1], as: UTF8.self)
                        charset = cs.isEmpty ? nil : cs
                        v = Array(v[(q2 + 1)...])
                    }
                }
                bytes += EMLTransferDecoding.percentDecode(v)
            }
            plain[base] = EMLText.string(bytes, charset: charset)
        }
        return plain
    }

    private static func decodePlain(_ v: [UInt8]) -> String {
        let s = EMLText.string(v[...])
        return s.contains("=?") ? EMLEncodedWords.decode(s) : s
    }

    private static func skipComment(_ b: [UInt8], _ i: inout Int) {
        var depth = 0
        while i < b.count {
            switch b[i] {
            case 0x28: depth += 1
            case 0x29: depth -= 1
            case 0x5C: i += 1
            default: break
            }
            i += 1
            if depth <= 0 { return }
        }
    }

    /// The first token of a value with comments and whitespace removed, lowercased
    /// (`Content-Transfer-Encoding: Base64 (a comment)` → `base64`).
    static func token(_ s: String) -> String {
        let b = Array(s.utf8)
        var i = 0
        while i < b.count {
            if isSpace(b[i]) { i += 1; continue }
            if b[i] == 0x28 { skipComment(b, &i); continue }
            break
        }
        let st = i
        while i < b.count, !isSpace(b[i]), b[i] != 0x28, b[i] != 0x3B { i += 1 }
        return String(decoding: b[st..<i], as: UTF8.self).lowercased()
    }

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }
    @inline(__always) static func skipSpace(_ b: [UInt8], _ i: inout Int) { while i < b.count, isSpace(b[i]) { i += 1 } }
    @inline(__always) static func isTokenChar(_ c: UInt8) -> Bool {
        c > 0x20 && c < 0x7F && c != 0x3D && c != 0x3B && c != 0x22 && c != 0x28 && c != 0x29 && c != 0x2C
    }
}
