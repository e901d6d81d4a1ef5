import Foundation
import BSMDocument

/// A URL, email address or telephone number found in plain text.
public struct TextMatch: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `scheme://...` (http, https, ftp).
        case url
        /// `www.example.com/...` without a scheme.
        case wwwURL
        /// `example.com/path` without a scheme or `www.` (known TLDs only).
        case bareDomain
        /// `//host/path` (attribute values only).
        case protocolRelative
        case email
        /// `name [at] example [dot] com`, `name(at)example.de`.
        case obfuscatedEmail
        case phone
        /// A 17-digit Amazon order id `123-1234567-1234567`.
        case orderID
    }

    public let text: String
    /// UTF-8 offsets in the scanned string.
    public let utf8Range: Range<Int>
    public let kind: Kind

    public init(text: String, utf8Range: Range<Int>, kind: Kind) {
        self.text = text
        self.utf8Range = utf8Range
        self.kind = kind
    }
}

/// Hand-written, linear-time scanners for URLs, email addresses and telephone numbers in plain
/// text (visible text, alt text, subjects, attribute values).
public enum URLScanner {
    public enum Context: Sendable {
        /// Running text: `//host` is not a URL.
        case text
        /// A whole attribute value: a value starting with `//host` is a protocol-relative URL.
        case attribute
    }

    /// Top-level domains accepted for bare domains (`example.com/path`). Deliberately small:
    /// Amazon marketplaces, common generic TLDs and link shorteners. `e.g.`, `file.txt`,
    /// `readme.md` and `3.5` are not domains.
    public static let bareDomainTLDs: Set<String> = [
        "com", "net", "org", "info", "biz", "io", "co", "shop", "store", "online", "site", "app",
        "de", "fr", "es", "it", "uk", "jp", "ca", "mx", "br", "in", "au", "nl", "se", "pl", "be",
        "sg", "ae", "sa", "eg", "tr", "cn", "ie", "nz", "at", "ch", "eu", "us", "me", "ly", "gl",
        "to", "ru", "dk", "no", "fi", "pt",
    ]

    // MARK: URLs

    public static func urls(in s: String, context: Context = .text) -> [TextMatch] {
        let b = Array(s.utf8)
        let n = b.count
        var out: [TextMatch] = []
        var i = 0
        if context == .attribute {
            while i < n, isSpace(b[i]) { i += 1 }
            if i + 2 < n, b[i] == 0x2F, b[i + 1] == 0x2F, isHostByte(b[i + 2]) {
                let end = urlEnd(b, from: i + 2)
                if end > i + 2 {
                    out.append(match(b, i..<end, .protocolRelative))
                    i = end
                }
            }
        }
        while i < n {
            let c = b[i]
            guard isAlpha(c), i == 0 || !isURLPrefixByte(b[i - 1]) || (b[i - 1] >= 0x80 && !isWordScalarBefore(b, i)) else {
                i += 1
                continue
            }
            if let schemeLen = schemePrefix(b, at: i) {
                let hostStart = i + schemeLen
                if hostStart < n, isHostByte(b[hostStart]) || b[hostStart] == 0x7B || b[hostStart] == 0x5B {
                    let end = urlEnd(b, from: hostStart)
                    if end > hostStart {
                        out.append(match(b, i..<end, .url))
                        i = end
                        continue
                    }
                }
            }
            if hasPrefixCI(b, "www.", at: i), i + 4 < n, isAlnum(b[i + 4]) {
                let end = urlEnd(b, from: i + 4)
                out.append(match(b, i..<end, .wwwURL))
                i = end
                continue
            }
            let (domainEnd, ok) = bareDomain(b, at: i)
            if ok {
                var end = domainEnd
                if end < n, b[end] == 0x2F || b[end] == 0x3F || b[end] == 0x23 || b[end] == 0x3A {
                    end = urlEnd(b, from: end)
                    out.append(match(b, i..<end, .bareDomain))
                    i = end
                    continue
                }
                if isDomainWithoutPath(b, i..<domainEnd) {
                    out.append(match(b, i..<end, .bareDomain))
                    i = end
                    continue
                }
            }
            // Skip the rest of this word.
            i = max(i + 1, domainEnd)
        }
        return out
    }

    /// Top-level domains that are also English words (`order.It should`, `box.in the meantime`).
    static let wordTLDs: Set<String> = ["it", "in", "me", "at", "no", "to", "us", "be"]
    /// Words that, right after a word-TLD, show a sentence going on (`box.in the meantime`):
    /// a missing space after a full stop, not a domain.
    static let sentenceWords: Set<String> = [
        "the", "a", "an", "and", "or", "but", "to", "of", "for", "with", "on", "at", "in", "your", "you", "we", "it",
        "this", "that", "is", "was", "will", "be", "as", "if", "so", "what", "when", "noon", "all", "our", "my", "me",
    ]

    /// A bare domain with nothing after it (`acme-shop.com`, `Amazon.com`, `mionegozio.it`) is a
    /// domain when its top-level domain is written in one case (`.com`, `.COM`, not `.It`), and,
    /// for a TLD that is also an English word, when no English sentence goes on after it
    /// (`box.in the meantime`); `example.it/path` (with a path) is a URL whatever its TLD.
    static func isDomainWithoutPath(_ b: [UInt8], _ r: Range<Int>) -> Bool {
        var k = r.upperBound
        while k > r.lowerBound, b[k - 1] != 0x2E { k -= 1 }
        let tld = b[k..<r.upperBound]
        guard !tld.isEmpty else { return false }
        let upper = tld.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }, lower = tld.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }
        guard upper || lower else { return false }
        guard wordTLDs.contains(String(decoding: tld, as: UTF8.self).lowercased()) else { return true }
        var i = r.upperBound
        guard i < b.count, b[i] == 0x20 else { return true }
        i += 1
        var j = i
        while j < b.count, isAlpha(b[j]) { j += 1 }
        return !sentenceWords.contains(String(decoding: b[i..<j], as: UTF8.self).lowercased())
    }

    /// Length of `http://`, `https://` or `ftp://` at `i` (any letter case).
    static func schemePrefix(_ b: [UInt8], at i: Int) -> Int? {
        for p in ["https://", "http://", "ftp://"] where hasPrefixCI(b, p, at: i) { return p.utf8.count }
        return nil
    }

    /// Parses `label(.label)+` at `i`; ok when the last label is a known TLD and the domain is
    /// not glued to a word, an `@` (email local part) or a digit run. Returns the end scanned.
    static func bareDomain(_ b: [UInt8], at i: Int) -> (Int, Bool) {
        let n = b.count
        var j = i
        var labelStart = i
        var labels = 0
        var lastLabel = i..<i
        while j < n {
            labelStart = j
            while j < n, isAlnum(b[j]) || b[j] == 0x2D { j += 1 }
            if j == labelStart { break }
            lastLabel = labelStart..<j
            labels += 1
            if j + 1 < n, b[j] == 0x2E, isAlnum(b[j + 1]) { j += 1 } else { break }
        }
        guard labels >= 2 else { return (j, false) }
        if j < n, b[j] == 0x40 || b[j] == 0x5F { return (j, false) }
        if j < n, b[j] >= 0x80 {
            // Glued to a letter (`amazon.comé`), but `amazon.com’s` and `amazon.co.jpで` are fine.
            let sc = decodeScalar(b, at: j).0
            if (sc.properties.isAlphabetic || sc.properties.numericType != nil) && !NormalizedText.isCJK(sc) {
                return (j, false)
            }
        }
        let tld = String(decoding: b[lastLabel], as: UTF8.self).lowercased()
        guard tld.utf8.allSatisfy(isAlpha), bareDomainTLDs.contains(tld) else { return (j, false) }
        return (j, true)
    }

    /// End of a URL starting at `from`: runs to whitespace, `<`, `>`, `"`, a backtick, a
    /// non-ASCII space/punctuation character or kana/kanji (Japanese text glued to a URL), then trims trailing punctuation (and unbalanced
    /// closing brackets).
    static func urlEnd(_ b: [UInt8], from: Int) -> Int {
        let n = b.count
        var j = from
        // Kana/kanji end a URL, except inside a host label made of them (`https://例え.jp`).
        var inHost = true
        var labelHasASCII = false
        while j < n {
            let c = b[j]
            if c < 0x80 {
                if c <= 0x20 || c == 0x3C || c == 0x3E || c == 0x22 || c == 0x60 || c == 0x7F { break }
                if c == 0x2F || c == 0x3F || c == 0x23 { inHost = false }
                if c == 0x2E { labelHasASCII = false } else if isAlnum(c) { labelHasASCII = true }
                j += 1
            } else {
                let (scalar, len) = decodeScalar(b, at: j)
                let cjkInHostLabel = inHost && !labelHasASCII && NormalizedText.isCJK(scalar)
                if !cjkInHostLabel, isURLStopScalar(scalar) { break }
                j += len
            }
        }
        return trimTrailing(b, from: from, to: j)
    }

    static func trimTrailing(_ b: [UInt8], from: Int, to: Int) -> Int {
        // Bracket balance, counted once and updated while trimming (linear).
        var parens = 0, squares = 0, braces = 0
        for k in from..<to {
            switch b[k] {
            case 0x28: parens += 1
            case 0x29: parens -= 1
            case 0x5B: squares += 1
            case 0x5D: squares -= 1
            case 0x7B: braces += 1
            case 0x7D: braces -= 1
            default: break
            }
        }
        var end = to
        while end > from {
            let c = b[end - 1]
            switch c {
            case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x27, 0x22, 0x2A:
                end -= 1
            case 0x29 where parens < 0:
                parens += 1
                end -= 1
            case 0x5D where squares < 0:
                squares += 1
                end -= 1
            case 0x7D where braces < 0:
                braces += 1
                end -= 1
            default:
                return end
            }
        }
        return end
    }

    static func isURLStopScalar(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if s.properties.isWhitespace || NormalizedText.isCJK(s) { return true }
        if (0x2000...0x206F).contains(v) || (0x3000...0x303F).contains(v) || (0xFF00...0xFFEF).contains(v) { return true }
        return v == 0xAB || v == 0xBB || v == 0xA0
    }

    // MARK: Emails

    /// Email addresses, plus bracket-obfuscated ones (`name [at] example [dot] com`).
    public static func emails(in s: String) -> [TextMatch] {
        let b = Array(s.utf8)
        let n = b.count
        var out: [TextMatch] = []
        var lastEnd = 0
        var i = 0
        while i < n {
            if b[i] == 0x40 {
                var j = i
                while j > lastEnd, isLocalByte(b[j - 1]) { j -= 1 }
                while j < i, b[j] == 0x2E { j += 1 }
                if j < i, b[i - 1] != 0x2E, !isURLUserInfo(b, before: j), let end = domainEnd(b, from: i + 1, obfuscated: false) {
                    out.append(match(b, j..<end, .email))
                    lastEnd = end
                    i = end
                    continue
                }
            } else if let atLen = obfuscatedAt(b, at: i) {
                // Local part right before (one optional space).
                var k = i
                if k > lastEnd, b[k - 1] == 0x20 { k -= 1 }
                var j = k
                while j > lastEnd, isLocalByte(b[j - 1]) { j -= 1 }
                var d = i + atLen
                if d < n, b[d] == 0x20 { d += 1 }
                if j < k, isAlnum(b[j]), let end = domainEnd(b, from: d, obfuscated: true) {
                    out.append(match(b, j..<end, .obfuscatedEmail))
                    lastEnd = end
                    i = end
                    continue
                }
            }
            i += 1
        }
        return out
    }

    /// The text before an `@` is the user info of a URL (`https://amazon.com@evil.net/x`,
    /// `ftp://user:pass@host`): `scheme://` and then only user-info characters up to `j`. Such a
    /// match is the URL's (its host is after the `@`), not an email address.
    static func isURLUserInfo(_ b: [UInt8], before j: Int) -> Bool {
        var k = j
        while k > 0 {
            let c = b[k - 1]
            guard isLocalByte(c) || c == 0x3A || c == 0x21 || c == 0x24 || c == 0x26 || c == 0x27 || c == 0x2A
                || c == 0x2C || c == 0x3B || c == 0x3D || c == 0x7E else { break }
            k -= 1
        }
        return k >= 3 && b[k - 1] == 0x2F && b[k - 2] == 0x2F && b[k - 3] == 0x3A
    }

    /// `[at]`, `(at)`, `{at}`, `[@]`, `(@)` at `i`.
    static func obfuscatedAt(_ b: [UInt8], at i: Int) -> Int? {
        guard b[i] == 0x5B || b[i] == 0x28 || b[i] == 0x7B else { return nil }
        for word in ["at", "@", " at ", "arroba", "chez"] {
            let w = Array(word.utf8)
            if hasPrefixCI(b, word, at: i + 1), i + 1 + w.count < b.count {
                let close = b[i + 1 + w.count]
                if close == 0x5D || close == 0x29 || close == 0x7D { return w.count + 2 }
            }
        }
        return nil
    }

    /// End of `label(.label)+` with an alphabetic ASCII TLD of 2+ letters; `obfuscated` also
    /// accepts `[dot]`/`(dot)` (with optional spaces) as the dot. Labels before the TLD may hold
    /// letters of other alphabets (an internationalized domain: `info@müller.de`), but not kana
    /// or kanji, which in Japanese text follow an address without a space.
    static func domainEnd(_ b: [UInt8], from: Int, obfuscated: Bool) -> Int? {
        let n = b.count
        var j = from
        var labels = 0
        var lastLabel = from..<from
        while j < n {
            let start = j
            while j < n {
                if isAlnum(b[j]) || b[j] == 0x2D { j += 1; continue }
                if b[j] >= 0x80, let len = idnLetterLength(b, at: j) { j += len; continue }
                break
            }
            if j == start { break }
            lastLabel = start..<j
            labels += 1
            if j + 1 < n, b[j] == 0x2E, isAlnum(b[j + 1]) || (b[j + 1] >= 0x80 && idnLetterLength(b, at: j + 1) != nil) { j += 1; continue }
            if obfuscated {
                var k = j
                if k < n, b[k] == 0x20 { k += 1 }
                if k < n, b[k] == 0x5B || b[k] == 0x28 || b[k] == 0x7B, hasPrefixCI(b, "dot", at: k + 1),
                   k + 4 < n, b[k + 4] == 0x5D || b[k + 4] == 0x29 || b[k + 4] == 0x7D {
                    k += 5
                    if k < n, b[k] == 0x20 { k += 1 }
                    if k < n, isAlnum(b[k]) { j = k; continue }
                }
            }
            break
        }
        guard labels >= 2, lastLabel.count >= 2, b[lastLabel].allSatisfy(isAlpha) else { return nil }
        // `logo@2x.jpg` is a retina image file name, not an address.
        if fileExtensions.contains(String(decoding: b[lastLabel], as: UTF8.self).lowercased()) { return nil }
        return j
    }

    /// Byte length of a letter (or combining mark) of a non-CJK alphabet at `i`, or nil.
    static func idnLetterLength(_ b: [UInt8], at i: Int) -> Int? {
        let (u, len) = decodeScalar(b, at: i)
        guard u != "\u{FFFD}", !NormalizedText.isCJK(u), !(0x3000...0x303F).contains(u.value), !(0xFF00...0xFFEF).contains(u.value) else { return nil }
        let p = u.properties
        return p.isAlphabetic || p.generalCategory == .nonspacingMark ? len : nil
    }

    /// File extensions that are no top-level domains (`.zip` and `.mov` are, so they are not here).
    static let fileExtensions: Set<String> = [
        "jpg", "jpeg", "png", "gif", "webp", "svg", "bmp", "tif", "tiff", "heic", "avif", "ico",
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "csv", "txt", "htm", "html", "css", "js", "json", "mp3", "mp4",
    ]

    // MARK: Telephone numbers

    /// Words that announce a phone number (lower case). A Latin one counts only at the start of
    /// a word (`Tel.`, `Telefon`, `llámanos`; not `Hotel`, `Bestellung`, `cancellation`).
    static let phoneKeywords = [
        "tel", "phone", "call", "fax", "mobile", "cell", "whatsapp", "telefon", "teléfono",
        "telefono", "téléphone", "llam", "llám", "appel", "anruf", "handy", "móvil", "portable",
        "cellulare", "電話", "携帯", "☎", "📞",
    ]

    /// True when lower-cased `window` (the text before a number) holds a phone keyword where a
    /// word starts (CJK words and symbols anywhere). `startsMidWord`: the window was cut inside a
    /// word, so its first letters cannot start a keyword.
    public static func hasPhoneKeyword(in window: String, startsMidWord: Bool) -> Bool {
        for k in phoneKeywords {
            let latin = k.unicodeScalars.first.map { $0.isASCII } ?? false
            var from = window.startIndex
            while from < window.endIndex, let r = window.range(of: k, range: from..<window.endIndex) {
                if !latin { return true }
                let atStart = r.lowerBound == window.startIndex
                if atStart ? !startsMidWord : !window[window.index(before: r.lowerBound)].isLetter { return true }
                from = window.index(after: r.lowerBound)
            }
        }
        return false
    }

    /// True when the byte before `i` is a letter or inside a multi-byte character (a window
    /// starting at `i` would begin inside a word).
    public static func cutsWord(_ b: [UInt8], at i: Int) -> Bool {
        guard i > 0, i <= b.count else { return false }
        let p = b[i - 1]
        return p >= 0x80 || (p | 0x20 >= 0x61 && p | 0x20 <= 0x7A)
    }

    /// Telephone numbers: 7–15 digits with the usual separators (space, `-`, `.`, `/`,
    /// parentheses), optionally starting with `+`. Not phone numbers: order ids
    /// (`112-3456789-0123456`), dates, prices (currency sign or decimal part next to the
    /// number), thousands groups, postcodes and other short numbers, ASINs and tracking numbers
    /// (letters, more than 15 digits, or 4-digit blocks). A run of digits without separators
    /// or `+` counts only after a phone keyword (`Tel:`, `call`, `Telefon`, `電話`...).
    ///
    /// Numbers written with full-width digits and signs (`０３－１２３４－５６７８`), no-break or
    /// thin spaces (`+1&nbsp;800&nbsp;555&nbsp;1234`), non-breaking hyphens or `ー` between
    /// digits are read as their ASCII forms; the match keeps the original text and offsets.
    public static func phoneNumbers(in s: String) -> [TextMatch] {
        let original = Array(s.utf8)
        guard let folded = foldPhoneCharacters(original) else {
            return allPhoneRanges(original).map { match(original, $0, .phone) }
        }
        return allPhoneRanges(folded.bytes).map { r in
            match(original, folded.origin[r.lowerBound]..<folded.origin[r.upperBound], .phone)
        }
    }

    /// Digit numbers and vanity numbers, in text order (a vanity number overlapping a digit
    /// number is dropped).
    static func allPhoneRanges(_ b: [UInt8]) -> [Range<Int>] {
        let digits = phoneNumberRanges(b)
        let vanity = vanityNumberRanges(b).filter { v in !digits.contains { $0.overlaps(v) } }
        guard !vanity.isEmpty else { return digits }
        return (digits + vanity).sorted { $0.lowerBound < $1.lowerBound }
    }

    /// North American toll-free numbers spelt with letters: `1-800-FLOWERS`, `800-GOT-JUNK`,
    /// `(888) PIZZA-42`, `+1 877 CONTACTS`. A toll-free code (800, 833, 844, 855, 866, 877, 888;
    /// after an optional `1`/`+1` or in parentheses), a separator (a space only after `1`/`+1` or
    /// parentheses: `800 BLANKETS` is a count), then 7–10 capital letters and digits in groups
    /// joined by `-`, at least 3 of them letters, ending where a word ends (not before `.com`).
    /// Capitals only: `1-800-Flowers.com` and `the 800-page manual` are no numbers.
    static func vanityNumberRanges(_ b: [UInt8]) -> [Range<Int>] {
        let n = b.count
        var out: [Range<Int>] = []
        @inline(__always) func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
        @inline(__always) func isSep(_ c: UInt8) -> Bool { c == 0x2D || c == 0x20 || c == 0x2E }
        var i = 0
        while i + 3 < n {
            guard b[i] == 0x38, b[i + 1] == b[i + 2], b[i + 1] == 0x30 || (b[i + 1] >= 0x33 && b[i + 1] <= 0x38) else {
                i += 1
                continue
            }
            var begin = i
            var j = i + 3
            if begin > 0, b[begin - 1] == 0x28 {
                guard j < n, b[j] == 0x29 else { i += 1; continue }
                begin -= 1
                j += 1
            }
            // `1-800`, `1 (800)`, `+1 800`.
            if begin >= 2, isSep(b[begin - 1]) || (b[begin] == 0x28 && b[begin - 1] == 0x20), b[begin - 2] == 0x31 {
                begin -= 2
                if begin >= 1, b[begin - 1] == 0x2B { begin -= 1 }
            }
            if begin > 0, isNumberGlueBefore(b, begin) || b[begin - 1] == 0x2D { i += 3; continue }
            // One or two separator bytes, then the tail.
            var k = j
            while k < n, k - j < 2, isSep(b[k]) { k += 1 }
            guard k > j, k < n, isUpper(b[k]) || isDigit(b[k]) else { i += 3; continue }
            // A bare `800 WORDS` is a count ("TRUSTED BY 800 RETAILERS"): after a space the code
            // needs a `1`/`+1` before it or parentheses around it.
            if begin == i, b[j..<k].contains(0x20) { i += 3; continue }
            var alnum = 0, letters = 0, end = k, p = k
            while p < n {
                if isUpper(b[p]) { letters += 1; alnum += 1; p += 1; end = p; continue }
                if isDigit(b[p]) { alnum += 1; p += 1; end = p; continue }
                if b[p] == 0x2D, p + 1 < n, isUpper(b[p + 1]) || isDigit(b[p + 1]) { p += 1; continue }
                break
            }
            let wordEnds = end == n || !(isAlpha(b[end]) || isDigit(b[end]) || b[end] == 0x5F || b[end] == 0x40 || b[end] >= 0x80)
            let domain = end + 1 < n && b[end] == 0x2E && isAlpha(b[end + 1])
            if alnum >= 7, alnum <= 10, letters >= 3, wordEnds, !domain {
                out.append(begin..<end)
                i = end
            } else {
                i += 3
            }
        }
        return out
    }

    /// `s` with the characters of telephone numbers folded to ASCII (see `phoneNumbers`).
    public static func foldedPhoneText(_ s: String) -> String {
        guard let f = foldPhoneCharacters(Array(s.utf8)) else { return s }
        return String(decoding: f.bytes, as: UTF8.self)
    }

    /// Full-width digits and `＋－（）．／`, no-break, figure, thin and ideographic spaces,
    /// hyphen, non-breaking hyphen, figure dash and minus, and `ー` between digits, folded to
    /// one ASCII byte each, with the original offset of every folded byte (and of the end); a
    /// soft hyphen or zero-width space after a digit is dropped (`113-1234&shy;567-…`).
    /// nil when there is nothing to fold.
    static func foldPhoneCharacters(_ b: [UInt8]) -> (bytes: [UInt8], origin: [Int])? {
        guard b.contains(where: { $0 == 0xC2 || $0 == 0xE2 || $0 == 0xE3 || $0 == 0xEF }) else { return nil }
        var out: [UInt8] = []
        var origin: [Int] = []
        out.reserveCapacity(b.count)
        origin.reserveCapacity(b.count + 1)
        var changed = false
        var i = 0
        while i < b.count {
            let c = b[i]
            if c >= 0xC2 {
                let (u, len) = decodeScalar(b, at: i)
                // A soft hyphen or a zero-width space inside a number shows nothing: dropped.
                if u.value == 0x00AD || u.value == 0x200B, let last = out.last, isDigit(last) {
                    i += len
                    changed = true
                    continue
                }
                var ascii: UInt8?
                switch u.value {
                case 0xFF10...0xFF19: ascii = UInt8(truncatingIfNeeded: 0x30 + u.value - 0xFF10)
                case 0x00A0, 0x2007, 0x2009, 0x202F, 0x3000: ascii = 0x20
                case 0x2010, 0x2011, 0x2012, 0x2212, 0xFF0D: ascii = 0x2D
                case 0xFF0B: ascii = 0x2B
                case 0xFF08: ascii = 0x28
                case 0xFF09: ascii = 0x29
                case 0xFF0E: ascii = 0x2E
                case 0xFF0F: ascii = 0x2F
                case 0x30FC:
                    // The prolonged sound mark is a hyphen only between digits (`03ー1234ー5678`).
                    if let last = out.last, isDigit(last), i + len < b.count {
                        let next = decodeScalar(b, at: i + len).0.value
                        if (0x30...0x39).contains(next) || (0xFF10...0xFF19).contains(next) { ascii = 0x2D }
                    }
                default: break
                }
                if let a = ascii {
                    out.append(a)
                    origin.append(i)
                    i += len
                    changed = true
                    continue
                }
            }
            out.append(c)
            origin.append(i)
            i += 1
        }
        origin.append(b.count)
        return changed ? (out, origin) : nil
    }

    /// Telephone number ranges in ASCII-folded bytes.
    static func phoneNumberRanges(_ b: [UInt8]) -> [Range<Int>] {
        let n = b.count
        var out: [Range<Int>] = []
        var i = 0
        while i < n {
            let c = b[i]
            let startsNumber = isDigit(c) || ((c == 0x2B || c == 0x28) && i + 1 < n && isDigit(b[i + 1]))
            guard startsNumber, i == 0 || !isNumberGlueBefore(b, i) else {
                i += 1
                continue
            }
            // Consume digits and short separator runs.
            var j = i
            var groups: [Int] = []
            var seps = Set<UInt8>()
            var gapSeps: [ArraySlice<UInt8>] = []
            var digits = 0
            var parens = false
            let plus = c == 0x2B
            if plus { j += 1 }
            var run = 0
            var end = j
            while j < n {
                let d = b[j]
                if isDigit(d) {
                    run += 1
                    digits += 1
                    j += 1
                    end = j
                    continue
                }
                if run > 0 { groups.append(run); run = 0 }
                // Separator run of at most 3 bytes, then a digit.
                var k = j
                while k < n, k - j < 3, b[k] == 0x20 || b[k] == 0x2D || b[k] == 0x2E || b[k] == 0x2F || b[k] == 0x28 || b[k] == 0x29 {
                    k += 1
                }
                guard k > j, k < n, isDigit(b[k]) else { break }
                for x in b[j..<k] {
                    if x == 0x28 || x == 0x29 { parens = true } else { seps.insert(x) }
                }
                gapSeps.append(b[j..<k])
                j = k
            }
            if run > 0 { groups.append(run) }
            var begin = i
            i = max(end, i + 1)
            // `(03-1234-5678)`: a parenthesis that encloses the whole number is not an area code's;
            // the number starts at its first digit.
            if c == 0x28, !b[begin..<end].contains(0x29) {
                begin += 1
                parens = gapSeps.dropFirst().contains { $0.contains(0x28) || $0.contains(0x29) }
            }
            guard digits >= 7, digits <= 15 else { continue }
            if end < n, isAlnum(b[end]) || b[end] == 0x25 || b[end] == 0x5F { continue }
            if end + 1 < n, b[end] == 0x2C || b[end] == 0x2E, isDigit(b[end + 1]) { continue }
            if end < n, b[end] >= 0x80, decodeScalar(b, at: end).0.properties.generalCategory == .currencySymbol { continue }
            let keyword = hasPhoneKeyword(b, before: begin)
            // The next groups of an identifier written in groups (`1Z 999 AA1 01 2345 678 4`, UPS):
            // a number right after a letters-and-digits group is part of it.
            if !plus, !keyword, followsMixedGroup(b, begin) { continue }
            if !plus {
                if isDatePrefix(groups, gapSeps) { continue }
                if isOtherNumber(groups, seps, b, at: begin) { continue }
                if !keyword {
                    if groups.count == 1 { continue }
                    let firstDigit = b[begin] == 0x28 ? b[begin + 1] : b[begin]
                    if isThousandsLike(groups, seps, b, at: b[begin] == 0x28 ? begin + 1 : begin) { continue }
                    if groups.count >= 3, groups.allSatisfy({ $0 == 4 }) { continue }
                    // Without `+` or a keyword: a trunk prefix `0`, an area code in
                    // parentheses, 10+ digits (NANP), or a US local `555-1234`.
                    let local = groups == [3, 4] && seps.isSubset(of: [0x2D, 0x2E])
                    guard firstDigit == 0x30 || parens || digits >= 10 || local else { continue }
                }
            }
            out.append(begin..<end)
        }
        return out
    }

    /// A number glued to what precedes it: a letter/digit, a currency sign, `#`, or a
    /// digit-separator continuing an earlier number.
    static func isNumberGlueBefore(_ b: [UInt8], _ i: Int) -> Bool {
        let p = b[i - 1]
        if isAlnum(p) || p == 0x23 || p == 0x24 || p == 0x5F || p == 0x40 { return true }
        if p == 0x2E || p == 0x2C || p == 0x2D || p == 0x2F, i >= 2, isDigit(b[i - 2]) { return true }
        if p >= 0x80 {
            var k = i - 1
            while k > 0, b[k] & 0xC0 == 0x80 { k -= 1 }
            let sc = decodeScalar(b, at: k).0
            if sc.properties.generalCategory == .currencySymbol { return true }
            if sc.properties.isAlphabetic, !NormalizedText.isCJK(sc) { return true }
        }
        if p == 0x20, i >= 2, b[i - 2] == 0x24 || b[i - 2] >= 0x80 {
            var k = i - 2
            while k > 0, b[k] & 0xC0 == 0x80 { k -= 1 }
            if decodeScalar(b, at: k).0.properties.generalCategory == .currencySymbol { return true }
        }
        return false
    }

    /// True when the number at `i` continues a UPS tracking number written in groups
    /// (`1Z 999 AA1 01 2345 678 4`): single spaces back through letter-and-digit groups to one
    /// that starts with `1Z`. (Other letters-and-digits groups before a number — a postcode
    /// `M1 1AE`, `24h` — do not make it an identifier.)
    static func followsMixedGroup(_ b: [UInt8], _ i: Int) -> Bool {
        var end = i
        for _ in 0..<6 {
            guard end >= 2, b[end - 1] == 0x20 else { return false }
            var k = end - 2
            while k > 0, isAlnum(b[k - 1]) { k -= 1 }
            guard isAlnum(b[k]) else { return false }
            if end - 1 - k >= 2, b[k] == 0x31, b[k + 1] | 0x20 == 0x7A { return true }
            end = k
        }
        return false
    }

    static func hasPhoneKeyword(_ b: [UInt8], before i: Int) -> Bool {
        let lo = max(0, i - 32)
        var start = lo
        while start < i, b[start] & 0xC0 == 0x80 { start += 1 }
        let window = String(decoding: b[start..<i], as: UTF8.self).lowercased()
        return hasPhoneKeyword(in: window, startsMidWord: cutsWord(b, at: start))
    }

    /// The number starts with a date: three groups joined by the same `.`, `/` or `-`
    /// (`15.01.2024`, `2024-01-15 10:30`, also `15. 01. 2024`). A fourth group joined by that separator again is no
    /// date: `01.23.45.67.89` is a French telephone number.
    static func isDatePrefix(_ g: [Int], _ gaps: [ArraySlice<UInt8>]) -> Bool {
        // `03. 04. 2024` (German, often with no-break spaces) is written like `03.04.2024`.
        let gaps = gaps.map { $0.count == 2 && $0.first == 0x2E && $0.last == 0x20 ? $0.prefix(1) : $0 }
        guard g.count >= 3, gaps.count >= 2, gaps[0].count == 1, gaps[0].elementsEqual(gaps[1]),
              let s = gaps[0].first, s == 0x2E || s == 0x2F || s == 0x2D else { return false }
        if gaps.count >= 3, gaps[2].elementsEqual(gaps[0]) { return false }
        return (g[0] <= 2 && g[1] <= 2 && (g[2] == 2 || g[2] == 4)) || (g[0] == 4 && g[1] <= 2 && g[2] <= 2)
    }

    /// ZIP+4 postcodes (`12345-6789`), year ranges (`2023-2024`), ISBN-13 (`978-3-16-148410-0`).
    static func isOtherNumber(_ g: [Int], _ seps: Set<UInt8>, _ b: [UInt8], at i: Int) -> Bool {
        if g == [5, 4], seps == [0x2D] { return true }
        if g == [4, 4], i + 1 < b.count, (b[i] == 0x31 && b[i + 1] == 0x39) || (b[i] == 0x32 && b[i + 1] == 0x30),
           i + 6 < b.count, (b[i + 5] == 0x31 && b[i + 6] == 0x39) || (b[i + 5] == 0x32 && b[i + 6] == 0x30) { return true }
        if g.reduce(0, +) == 13, g.count > 1, i + 2 < b.count, b[i] == 0x39, b[i + 1] == 0x37,
           b[i + 2] == 0x38 || b[i + 2] == 0x39 { return true }
        return false
    }

    static func isThousandsLike(_ g: [Int], _ seps: Set<UInt8>, _ b: [UInt8], at i: Int) -> Bool {
        guard g.count >= 2, seps.count == 1, let s = seps.first, s == 0x2E || s == 0x20 || s == 0x2C else { return false }
        guard i < b.count, b[i] != 0x30 else { return false }
        return g[0] <= 3 && g.dropFirst().allSatisfy { $0 == 3 }
    }

    // MARK: Order ids

    /// Amazon order ids (`\d{3}-\d{7}-\d{7}`) not glued to other digits or hyphenated number
    /// groups (for the `order-id-missing` rule). Digits and hyphens typed in full width or as
    /// Unicode hyphens (`１１２－３４５６７８９－０１２３４５６`, U+2011) are read as their ASCII
    /// forms, as for telephone numbers; the match keeps the original text and offsets.
    public static func orderIDs(in s: String) -> [TextMatch] {
        let original = Array(s.utf8)
        guard let folded = foldPhoneCharacters(original) else {
            return orderIDRanges(original).map { match(original, $0, .orderID) }
        }
        return orderIDRanges(folded.bytes).map { r in
            match(original, folded.origin[r.lowerBound]..<folded.origin[r.upperBound], .orderID)
        }
    }

    static func orderIDRanges(_ b: [UInt8]) -> [Range<Int>] {
        let n = b.count
        var out: [Range<Int>] = []
        var i = 0
        while i + 19 <= n {
            guard isDigit(b[i]), i == 0 || !(isDigit(b[i - 1]) || b[i - 1] == 0x2D || isAlpha(b[i - 1])) else {
                i += 1
                continue
            }
            var ok = b[i + 3] == 0x2D && b[i + 11] == 0x2D
            if ok {
                for k in 0..<19 where k != 3 && k != 11 && !isDigit(b[i + k]) {
                    ok = false
                    break
                }
            }
            let end = i + 19
            if ok, end < n, isDigit(b[end]) || isAlpha(b[end]) || (b[end] == 0x2D && end + 1 < n && isDigit(b[end + 1])) {
                ok = false
            }
            if ok {
                out.append(i..<end)
                i = end
            } else {
                i += 1
            }
        }
        return out
    }

    // MARK: Bytes

    static func match(_ b: [UInt8], _ r: Range<Int>, _ kind: TextMatch.Kind) -> TextMatch {
        TextMatch(text: String(decoding: b[r], as: UTF8.self), utf8Range: r, kind: kind)
    }

    static func decodeScalar(_ b: [UInt8], at i: Int) -> (Unicode.Scalar, Int) {
        let c = b[i]
        var len = 1
        var v = UInt32(c)
        if c >= 0xF0 { len = 4; v = UInt32(c & 0x07) }
        else if c >= 0xE0 { len = 3; v = UInt32(c & 0x0F) }
        else if c >= 0xC0 { len = 2; v = UInt32(c & 0x1F) }
        else if c >= 0x80 { return ("\u{FFFD}", 1) }
        guard i + len <= b.count else { return ("\u{FFFD}", 1) }
        for k in 1..<max(len, 1) where len > 1 {
            let x = b[i + k]
            guard x & 0xC0 == 0x80 else { return ("\u{FFFD}", 1) }
            v = (v << 6) | UInt32(x & 0x3F)
        }
        return (Unicode.Scalar(v) ?? "\u{FFFD}", len)
    }

    static func hasPrefixCI(_ b: [UInt8], _ p: String, at i: Int) -> Bool {
        var k = i
        for x in p.utf8 {
            guard k < b.count else { return false }
            let y = b[k]
            let ly = (y >= 0x41 && y <= 0x5A) ? y | 0x20 : y
            if ly != x { return false }
            k += 1
        }
        return true
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    @inline(__always) static func isAlnum(_ c: UInt8) -> Bool { isDigit(c) || isAlpha(c) }
    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }
    static func isHostByte(_ c: UInt8) -> Bool { isAlnum(c) || c >= 0x80 }
    /// Bytes that, right before a letter, mean the letter is not the start of a URL.
    static func isURLPrefixByte(_ c: UInt8) -> Bool {
        isAlnum(c) || c == 0x2E || c == 0x2D || c == 0x5F || c == 0x40 || c == 0x2F || c >= 0x80
            || c == 0x7B || c == 0x25 || c == 0x23
    }
    /// Whether the scalar ending right before byte `i` is a letter or digit of a script written
    /// with spaces (so a URL or placeholder glued to it is part of a word). Kana and kanji are
    /// not: Japanese text has no spaces before URLs or merge fields.
    static func isWordScalarBefore(_ b: [UInt8], _ i: Int) -> Bool {
        guard i > 0 else { return false }
        let p = b[i - 1]
        if p < 0x80 { return isAlnum(p) || p == 0x5F }
        var k = i - 1
        while k > 0, b[k] & 0xC0 == 0x80 { k -= 1 }
        let sc = decodeScalar(b, at: k).0
        guard sc.properties.isAlphabetic || sc.properties.numericType != nil else { return false }
        return !NormalizedText.isCJK(sc) && !(0x3000...0x303F).contains(sc.value) && !(0xFF00...0xFFEF).contains(sc.value)
    }

    static func isLocalByte(_ c: UInt8) -> Bool {
        isAlnum(c) || c == 0x2E || c == 0x5F || c == 0x25 || c == 0x2B || c == 0x2D
    }
}

// MARK: - URL classification

/// The parts of a URL from an attribute or text, with placeholders taken into account: a URL
/// made only of a placeholder (`{{link}}`), or whose scheme or host is a placeholder
/// (`{{base_url}}/x`, `https://{{shop_domain}}/x`), is unknown — never `http`.
public struct URLInfo: Sendable, Hashable {
    /// The value as given (trimmed; tabs and newlines removed, as browsers do).
    public let raw: String
    /// Lower-cased scheme (`https`, `http`, `mailto`, `javascript`, `data`...), nil when the
    /// URL is relative, protocol-relative, bare or unknown.
    public let scheme: String?
    /// Lower-cased host without user info, port or trailing dot; nil when absent or unknown.
    public let host: String?
    public let port: Int?
    /// Path (or, for `mailto:`/`tel:`/`data:`..., everything after the scheme), without query
    /// and fragment.
    public let path: String
    public let query: String?
    public let fragment: String?
    /// The whole value is one placeholder.
    public let isPlaceholderOnly: Bool
    /// The scheme or host comes from a placeholder (or the value starts with one).
    public let hasPlaceholderHost: Bool
    /// `//host/path`.
    public let isProtocolRelative: Bool

    /// Nothing can be said about the URL (whole value, or scheme and host, from placeholders).
    /// A literal scheme is still reported when only the host is a placeholder
    /// (`http://{{host}}/x` is http, but its host is unknown).
    public var isUnknown: Bool { isPlaceholderOnly || (hasPlaceholderHost && scheme == nil) }
    /// Where the URL points cannot be known (placeholder host).
    public var isHostUnknown: Bool { isPlaceholderOnly || hasPlaceholderHost }
    public var isHTTP: Bool { scheme == "http" }
    public var isHTTPS: Bool { scheme == "https" }
    /// Relative to the document (no scheme, no host, not a placeholder).
    public var isRelative: Bool { scheme == nil && host == nil && !isUnknown }

    /// Parses `raw`. `bare`: a scheme-less value starting with a domain (`www.example.com`,
    /// `example.com/path`, as found in text) has that domain as its host.
    public static func parse(_ raw: String, placeholders: PlaceholderMatcher = PlaceholderMatcher(),
                             bare: Bool = false) -> URLInfo {
        var cleaned = raw.trimmingWhitespacesAndNewlines()
        // No tab, CR or LF byte: no such Character either (skips a grapheme walk per URL).
        if cleaned.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            cleaned.removeAll { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        }
        if placeholders.isPlaceholderOnly(cleaned) {
            return URLInfo(raw: cleaned, scheme: nil, host: nil, port: nil, path: "", query: nil, fragment: nil,
                           isPlaceholderOnly: true, hasPlaceholderHost: true, isProtocolRelative: false)
        }
        let phs = placeholders.placeholders(in: cleaned)
        // A placeholder at the start stands for the scheme and host.
        if let first = phs.first, first.utf8Range.lowerBound == 0 {
            let rest = String(decoding: Array(cleaned.utf8)[first.utf8Range.upperBound...], as: UTF8.self)
            let (p, q, f) = splitPath(Substring(rest))
            return URLInfo(raw: cleaned, scheme: nil, host: nil, port: nil, path: p, query: q, fragment: f,
                           isPlaceholderOnly: false, hasPlaceholderHost: true, isProtocolRelative: false)
        }
        var rest = Substring(cleaned)
        var scheme: String?
        // Byte scans: a `data:` URL can be 100 KB, and Character-wise searches segment graphemes.
        if let colon = rest.utf8.firstIndex(of: 0x3A) {
            let cand = rest[..<colon]
            let afterColon = rest[rest.utf8.index(after: colon)...].first
            let looksLikePort = cand.contains(".") && (afterColon?.isNumber ?? false)
            if let f = cand.first, f.isASCII, f.isLetter, !looksLikePort,
               cand.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }) {
                scheme = cand.lowercased()
                rest = rest[rest.utf8.index(after: colon)...]
            }
        }
        var protocolRelative = false
        var authority: Substring?
        if rest.hasPrefix("//") || rest.hasPrefix("\\\\") || (scheme.map(isSpecialScheme) ?? false && (rest.hasPrefix("/\\") || rest.hasPrefix("\\/"))) {
            if scheme == nil { protocolRelative = true }
            rest = rest.dropFirst(2)
            // `https:///host/x`: special schemes skip every further slash (WHATWG URL parsing).
            if scheme.map(isSpecialScheme) ?? false {
                while let f = rest.utf8.first, f == 0x2F || f == 0x5C { rest = rest.dropFirst() }
            }
            let end = rest.utf8.firstIndex(where: { $0 == 0x2F || $0 == 0x3F || $0 == 0x23 || $0 == 0x5C }) ?? rest.endIndex
            authority = rest[..<end]
            rest = rest[end...]
        } else if let s = scheme, isSpecialScheme(s) {
            // `https:example.com` — browsers treat it like `https://example.com`.
            let end = rest.utf8.firstIndex(where: { $0 == 0x2F || $0 == 0x3F || $0 == 0x23 }) ?? rest.endIndex
            authority = rest[..<end]
            rest = rest[end...]
        } else if scheme == nil, bare {
            let end = rest.utf8.firstIndex(where: { $0 == 0x2F || $0 == 0x3F || $0 == 0x23 }) ?? rest.endIndex
            authority = rest[..<end]
            rest = rest[end...]
        }
        var host: String?
        var port: Int?
        var placeholderHost = false
        if var a = authority {
            if let at = a.utf8.lastIndex(of: 0x40) { a = a[a.utf8.index(after: at)...] }
            if placeholders.containsPlaceholder(String(a)) {
                placeholderHost = true
            } else {
                if let colon = a.lastIndex(of: ":"), !a.hasSuffix("]") {
                    port = Int(a[a.index(after: colon)...])
                    a = a[..<colon]
                }
                var h = a.lowercased()
                while h.hasSuffix(".") { h.removeLast() }
                host = h.isEmpty ? nil : h
            }
        }
        let (p, q, f) = splitPath(rest)
        return URLInfo(raw: cleaned, scheme: scheme, host: host, port: port, path: p, query: q, fragment: f,
                       isPlaceholderOnly: false, hasPlaceholderHost: placeholderHost,
                       isProtocolRelative: protocolRelative)
    }

    static func isSpecialScheme(_ s: String) -> Bool { s == "http" || s == "https" || s == "ftp" }

    static func splitPath(_ s: Substring) -> (String, String?, String?) {
        var rest = s
        var fragment: String?
        if let h = rest.utf8.firstIndex(of: 0x23) {
            fragment = String(rest[rest.utf8.index(after: h)...])
            rest = rest[..<h]
        }
        var query: String?
        if let q = rest.utf8.firstIndex(of: 0x3F) {
            query = String(rest[rest.utf8.index(after: q)...])
            rest = rest[..<q]
        }
        return (String(rest), query, fragment)
    }
}

extension URLInfo {
    /// A lower-cased URL without what does not tell two links apart: the `https://`, `http://`
    /// or `//` prefix, a leading `www.` and trailing slashes (`https://www.shop.com/` and
    /// `shop.com` are one link). Used to report a link once however it is spelt.
    public static func comparableForm(_ lowercased: Substring) -> Substring {
        var u = lowercased
        for p in ["https://", "http://", "//"] where u.hasPrefix(p) {
            u = u.dropFirst(p.count)
            break
        }
        if u.hasPrefix("www.") { u = u.dropFirst(4) }
        while u.hasSuffix("/") { u = u.dropLast() }
        return u
    }
}
