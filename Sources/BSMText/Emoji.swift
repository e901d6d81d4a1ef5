import BSMDocument
import Foundation

/// One emoji (UTS #51 sequence) found in text.
public struct EmojiMatch: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A character with Emoji_Presentation (😀), possibly with an emoji modifier.
        case presentation
        /// A text-default character made emoji with U+FE0F (❤️, ☺️).
        case variationSelector
        /// `[0-9#*] FE0F? 20E3` (1️⃣).
        case keycap
        /// A pair of regional indicators (🇺🇸).
        case flag
        /// A tag sequence (🏴󠁧󠁢󠁳󠁣󠁴󠁿 subdivision flags).
        case tagSequence
        /// A modifier base with a skin-tone modifier (👍🏽).
        case modifierSequence
        /// A ZWJ sequence (👨‍👩‍👧), reported once.
        case zwjSequence
    }

    /// The whole sequence (one grapheme cluster).
    public let text: String
    /// UTF-8 offsets in the scanned string.
    public let utf8Range: Range<Int>
    /// Index of the grapheme cluster (`Character`) in the scanned string.
    public let characterOffset: Int
    public let kind: Kind
    /// Code points, `U+1F600 U+FE0F` style (for evidence).
    public var codePoints: String {
        text.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
    }
}

/// Finds emoji per UTS #51 using the standard library's Unicode properties. Iterates grapheme
/// clusters so ZWJ, flag, keycap and modifier sequences are one match each. Text-style
/// characters (©, ®, ™, ❤, ★, ☺, digits, `#`, `*`) are emoji only with U+FE0F; U+FE0E forces
/// text presentation.
public enum EmojiScanner {
    static let vs15: UInt32 = 0xFE0E
    static let vs16: UInt32 = 0xFE0F
    static let zwj: UInt32 = 0x200D
    static let keycapMark: UInt32 = 0x20E3

    public static func scan(_ s: String) -> [EmojiMatch] { scanImpl(s) }
    public static func scan(_ s: Substring) -> [EmojiMatch] { scanImpl(s) }

    public static func containsEmoji(_ s: String) -> Bool {
        guard !ASCII.isASCII(s) else { return false }
        for ch in s where classify(ch) != nil { return true }
        return false
    }

    private static func scanImpl<S: StringProtocol>(_ s: S) -> [EmojiMatch] {
        // ASCII text holds no emoji (keycaps need U+20E3).
        if ASCII.isASCII(s) { return [] }
        // `classify` needs one of these scalars in a cluster (keycap mark, ZWJ, VS16, an
        // Emoji_Presentation or Extended_Pictographic symbol — all in U+2300–2BFF or from U+1F000 —
        // regional indicators, modifiers, tags): text without any holds no emoji.
        if !s.unicodeScalars.contains(where: { sc in
            let v = sc.value
            return (v >= 0x2300 && v <= 0x2BFF) || v == 0x200D || v == 0x20E3 || v == 0xFE0F || v >= 0x1F000
        }) { return [] }
        var out: [EmojiMatch] = []
        var offset = 0
        var index = 0
        for ch in s {
            let len = ch.utf8.count
            if len > 1, let kind = classify(ch) {
                out.append(EmojiMatch(text: String(ch), utf8Range: offset..<(offset + len),
                                      characterOffset: index, kind: kind))
            } else if len > 1 {
                // A skin-tone modifier (Emoji_Presentation) extends whatever precedes it into one
                // grapheme cluster ("a🏻", " 🏻"): alone it still renders as a colour swatch.
                var at = offset
                for sc in ch.unicodeScalars {
                    let n = UTF8.width(sc)
                    if sc.value >= 0x1F3FB && sc.value <= 0x1F3FF {   // Emoji_Modifier: the five skin tones
                        out.append(EmojiMatch(text: String(sc), utf8Range: at..<(at + n), characterOffset: index, kind: .presentation))
                        break
                    }
                    at += n
                }
            }
            offset += len
            index += 1
        }
        return out
    }

    /// Whether one grapheme cluster is an emoji, and which kind.
    public static func classify(_ ch: Character) -> EmojiMatch.Kind? {
        let scalars = ch.unicodeScalars
        guard let first = scalars.first else { return nil }
        if first.value < 0x80 {
            // Only keycaps start with ASCII.
            return isKeycap(scalars) ? .keycap : nil
        }
        if first.value < 0xA9 { return nil }
        let second = scalars.dropFirst().first
        if second?.value == vs15 { return nil }
        let p = first.properties
        if isRegionalIndicator(first) {
            if let s2 = second, isRegionalIndicator(s2) { return .flag }
            return .presentation
        }
        var hasZWJ = false
        var hasModifier = false
        var hasTag = false
        var pictographicParts = 0
        for sc in scalars {
            if sc.value == zwj { hasZWJ = true }
            else if sc.properties.isEmojiModifier { hasModifier = true }
            else if sc.value >= 0xE0020 && sc.value <= 0xE007F { hasTag = true }
            else if sc.properties.isEmoji && sc.value >= 0xA9 { pictographicParts += 1 }
        }
        let baseIsEmoji = p.isEmojiPresentation || (second?.value == vs16 && (p.isEmoji || isPictographic(first)))
        if hasZWJ, pictographicParts >= 2 || (pictographicParts >= 1 && baseIsEmoji) {
            return .zwjSequence
        }
        if hasTag, first.value == 0x1F3F4 { return .tagSequence }
        if hasModifier, p.isEmojiModifierBase { return .modifierSequence }
        if p.isEmojiPresentation { return .presentation }
        if second?.value == vs16, p.isEmoji || isPictographic(first) { return .variationSelector }
        return nil
    }

    static func isRegionalIndicator(_ s: Unicode.Scalar) -> Bool {
        s.value >= 0x1F1E6 && s.value <= 0x1F1FF
    }

    static func isKeycap(_ scalars: Character.UnicodeScalarView) -> Bool {
        var it = scalars.makeIterator()
        guard let base = it.next() else { return false }
        let v = base.value
        guard (v >= 0x30 && v <= 0x39) || v == 0x23 || v == 0x2A else { return false }
        guard var next = it.next() else { return false }
        if next.value == vs16 {
            guard let n = it.next() else { return false }
            next = n
        }
        return next.value == keycapMark
    }

    /// Extended_Pictographic blocks (the standard library exposes `isEmoji` but not
    /// Extended_Pictographic); used only to accept `X U+FE0F` for symbols outside the Emoji set.
    static func isPictographic(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x2600...0x27BF).contains(v) || (0x2B00...0x2BFF).contains(v)
            || (0x1F000...0x1FAFF).contains(v) || (0x2190...0x21FF).contains(v)
            || (0x2300...0x23FF).contains(v) || (0x25A0...0x25FF).contains(v)
    }

    // MARK: Emoji image CDNs

    /// One rule of the emoji-CDN table: a host (exact or, with a leading `.`, a suffix) and an
    /// optional path fragment that must appear in the lower-cased path.
    public struct CDNRule: Sendable, Hashable {
        public let host: String
        public let pathContains: String?
        public init(host: String, pathContains: String? = nil) {
            self.host = host
            self.pathContains = pathContains
        }
    }

    /// Image hosts that serve emoji pictures (used by the `emoji` rule for `<img>`).
    public static let emojiCDNRules: [CDNRule] = [
        CDNRule(host: "twemoji.maxcdn.com"),
        CDNRule(host: "abs.twimg.com", pathContains: "/emoji"),
        CDNRule(host: "abs-0.twimg.com", pathContains: "/emoji"),
        CDNRule(host: "cdn.jsdelivr.net", pathContains: "emoji"),
        CDNRule(host: "cdnjs.cloudflare.com", pathContains: "emoji"),
        CDNRule(host: "unpkg.com", pathContains: "emoji"),
        CDNRule(host: "maxcdn.bootstrapcdn.com", pathContains: "emoji"),
        CDNRule(host: "emoji.slack-edge.com"),
        CDNRule(host: "a.slack-edge.com", pathContains: "emoji"),
        CDNRule(host: "fonts.gstatic.com", pathContains: "/s/e/notoemoji"),
        CDNRule(host: "ssl.gstatic.com", pathContains: "emoji"),
        CDNRule(host: "mail.google.com", pathContains: "/mail/e/"),
        CDNRule(host: "s.w.org", pathContains: "/images/core/emoji"),
        CDNRule(host: ".emojipedia.org"),
        CDNRule(host: "emojipedia.org"),
        CDNRule(host: "emojipedia-us.s3.amazonaws.com"),
        CDNRule(host: "emojipedia-us.s3.dualstack.us-west-1.amazonaws.com"),
        CDNRule(host: "em-content.zobj.net"),
        CDNRule(host: "github.githubassets.com", pathContains: "/images/icons/emoji/"),
        CDNRule(host: "cdn.joypixels.com"),
        CDNRule(host: "cdn.jsdelivr.net", pathContains: "joypixels"),
        CDNRule(host: "static.xx.fbcdn.net", pathContains: "/images/emoji"),
        CDNRule(host: ".emojione.com"),
        CDNRule(host: "emojicdn.elk.sh"),
        CDNRule(host: "twemoji.twitter.com"),
    ]

    /// True when an image URL points at an emoji picture on a known emoji CDN.
    public static func isEmojiCDNURL(_ url: String) -> Bool {
        if ASCII.isASCII(url) { return isEmojiCDNURLASCII(url) }
        var rest = Substring(url.trimmingWhitespacesAndNewlines().lowercased())
        if let r = rest.range(of: "://") {
            rest = rest[r.upperBound...]
        } else if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
        } else {
            return false
        }
        let hostEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        var host = rest[..<hostEnd]
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if let colon = host.firstIndex(of: ":") { host = host[..<colon] }
        let path = rest[hostEnd...]
        for rule in emojiCDNRules {
            let hostOK = rule.host.hasPrefix(".") ? host.hasSuffix(rule.host) : host == rule.host
            guard hostOK else { continue }
            if let frag = rule.pathContains, !path.contains(frag) { continue }
            return true
        }
        return false
    }

    /// `isEmojiCDNURL` for ASCII URLs, on bytes (no Foundation): the same trimming (ASCII
    /// whitespace), lowercasing, `://` search and host/path tests.
    static func isEmojiCDNURLASCII(_ url: String) -> Bool {
        let raw = Array(url.utf8)
        var s = 0, e = raw.count
        @inline(__always) func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }
        while s < e, isSpace(raw[s]) { s += 1 }
        while e > s, isSpace(raw[e - 1]) { e -= 1 }
        let b = raw[s..<e].map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }
        var start = -1
        var k = 0
        while k + 2 < b.count {
            if b[k] == 0x3A, b[k + 1] == 0x2F, b[k + 2] == 0x2F { start = k + 3; break }
            k += 1
        }
        if start < 0 {
            guard b.count >= 2, b[0] == 0x2F, b[1] == 0x2F else { return false }
            start = 2
        }
        var hostEnd = start
        while hostEnd < b.count, b[hostEnd] != 0x2F, b[hostEnd] != 0x3F, b[hostEnd] != 0x23 { hostEnd += 1 }
        var hs = start, he = hostEnd
        if let at = (hs..<he).last(where: { b[$0] == 0x40 }) { hs = at + 1 }
        if let colon = (hs..<he).first(where: { b[$0] == 0x3A }) { he = colon }
        let host = b[hs..<he], path = b[hostEnd...]
        func contains(_ hay: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
            if needle.isEmpty { return true }
            guard hay.count >= needle.count else { return false }
            var i = hay.startIndex
            while i + needle.count <= hay.endIndex {
                if hay[i..<(i + needle.count)].elementsEqual(needle) { return true }
                i += 1
            }
            return false
        }
        for rule in emojiCDNRules {
            let rh = Array(rule.host.utf8)
            let hostOK = rule.host.hasPrefix(".")
                ? (host.count >= rh.count && host[(host.endIndex - rh.count)...].elementsEqual(rh))
                : host.elementsEqual(rh)
            guard hostOK else { continue }
            if let frag = rule.pathContains, !contains(path, Array(frag.utf8)) { continue }
            return true
        }
        return false
    }
}
