/// BCP 47 (RFC 5646) language tags: well-formedness, plus a check of the primary language
/// subtag against ISO 639-1 and the 3-letter codes mail is actually written in. The tables live
/// here and nowhere else.
enum LanguageTag {
    /// Why a tag is not valid.
    enum Problem: Sendable, Hashable, CustomStringConvertible {
        case empty
        /// Not well-formed; the subtag (or character) that broke the grammar.
        case malformed(String)
        /// `en_US`: underscores instead of hyphens.
        case underscore
        /// Well-formed, but the primary language is not a known code.
        case unknownLanguage(String)
        /// A variant or extension singleton that appears twice.
        case duplicate(String)

        var description: String {
            switch self {
            case .empty: return "the value is empty"
            case .malformed(let s): return "it is not a well-formed BCP 47 tag (at \"\(s)\")"
            case .underscore: return "subtags are separated by hyphens, not underscores (en-US, not en_US)"
            case .unknownLanguage(let s): return "\"\(s)\" is not an ISO 639 language code"
            case .duplicate(let s): return "the subtag \"\(s)\" appears twice"
            }
        }
    }

    /// ISO 639-1 two-letter codes (including the deprecated `in`, `iw`, `ji`, `jw`, `mo`, which
    /// the IANA registry still lists).
    static let iso639_1: Set<String> = [
        "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh", "bi", "bm",
        "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv", "dz", "ee",
        "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu",
        "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "in", "io",
        "is", "it", "iu", "iw", "ja", "ji", "jv", "jw", "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr",
        "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk",
        "ml", "mn", "mo", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny",
        "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc",
        "sd", "se", "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te",
        "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi",
        "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
    ]

    /// Three-letter codes in common use without a two-letter form (ISO 639-2/3), and the
    /// special codes `mul`, `und`, `zxx`, `mis`. Rare languages are not listed: a tag with an
    /// unlisted 3-letter language is reported as unknown.
    static let iso639_3Common: Set<String> = [
        "ace", "ach", "ady", "afh", "ain", "akk", "ale", "alt", "ang", "anp", "arn", "arp", "ast", "awa", "bal",
        "ban", "bas", "bej", "bem", "bho", "bik", "bin", "bla", "bua", "bug", "byn", "cad", "car", "ceb", "chm",
        "chr", "chy", "ckb", "cmn", "cop", "crh", "csb", "dak", "dar", "del", "dgr", "din", "doi", "dsb", "dua",
        "dyu", "efi", "egy", "eka", "ewo", "fan", "fat", "fil", "fon", "fur", "gaa", "gay", "gez", "gil", "gon",
        "gor", "grc", "gsw", "guz", "gwi", "hai", "hak", "haw", "hil", "hmn", "hsb", "hup", "iba", "ilo", "inh",
        "jbo", "jpr", "jrb", "kaa", "kab", "kac", "kam", "kbd", "kha", "kmb", "kok", "kos", "kpe", "krc", "krl",
        "kru", "ksh", "kum", "lad", "lah", "lam", "lez", "lol", "loz", "lua", "lui", "lun", "luo", "lus", "mad",
        "mag", "mai", "mak", "man", "mas", "mdf", "mdr", "men", "mfe", "mic", "min", "mis", "mnc", "mni", "moh",
        "mos", "mul", "mus", "mwl", "mwr", "myv", "nan", "nap", "nds", "new", "nia", "niu", "nog", "non", "nqo",
        "nso", "nus", "nwc", "nym", "nyn", "nyo", "nzi", "osa", "ota", "pag", "pal", "pam", "pap", "pau", "peo",
        "phn", "pon", "pro", "raj", "rap", "rar", "rom", "rup", "sad", "sah", "sam", "sas", "sat", "scn", "sco",
        "sel", "sga", "shn", "sid", "sma", "smj", "smn", "sms", "snk", "sog", "srn", "srr", "suk", "sus", "sux",
        "swb", "syc", "syr", "tem", "ter", "tet", "tig", "tiv", "tkl", "tlh", "tli", "tmh", "tog", "tpi", "tsi",
        "tum", "tvl", "tyv", "tzm", "udm", "uga", "umb", "und", "vai", "vot", "wal", "war", "was", "wuu", "xal",
        "yao", "yap", "yue", "zap", "zbl", "zen", "zgh", "zun", "zxx", "zza",
    ]

    /// Grandfathered tags (RFC 5646 §2.2.8), matched whole and case-insensitively.
    static let grandfathered: Set<String> = [
        "en-gb-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux", "i-mingo",
        "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-be-fr", "sgn-be-nl", "sgn-ch-de", "art-lojban",
        "cel-gaulish", "no-bok", "no-nyn", "zh-guoyu", "zh-hakka", "zh-min", "zh-min-nan", "zh-xiang",
    ]

    /// Checks a tag; nil when it is valid.
    static func validate(_ raw: String) -> Problem? {
        let tag = raw.trimmingASCIISpaces()
        if tag.isEmpty { return .empty }
        let lower = tag.lowercased()
        if grandfathered.contains(lower) { return nil }
        if lower.contains("_") { return .underscore }
        let parts = lower.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        for p in parts where p.isEmpty || p.count > 8 || !p.utf8.allSatisfy(isAlphanumeric) {
            return .malformed(p.isEmpty ? "-" : p)
        }
        var i = 0
        // Private-use tag on its own: x-whatever.
        if parts[0] == "x" { return privateUse(parts, from: 0) }
        let language = parts[0]
        guard isAlpha(language), (2...3).contains(language.count) || (4...8).contains(language.count) else {
            return .malformed(language)
        }
        i = 1
        // extlang: up to three 3-letter subtags after a 2–3 letter language.
        if language.count <= 3 {
            var ext = 0
            while i < parts.count, ext < 3, parts[i].count == 3, isAlpha(parts[i]) {
                i += 1
                ext += 1
            }
        }
        // script
        if i < parts.count, parts[i].count == 4, isAlpha(parts[i]) { i += 1 }
        // region
        if i < parts.count, (parts[i].count == 2 && isAlpha(parts[i])) || (parts[i].count == 3 && isDigits(parts[i])) { i += 1 }
        // variants
        var seen = Set<String>()
        while i < parts.count, isVariant(parts[i]) {
            if !seen.insert(parts[i]).inserted { return .duplicate(parts[i]) }
            i += 1
        }
        // extensions
        var singletons = Set<String>()
        while i < parts.count, parts[i].count == 1, parts[i] != "x" {
            let s = parts[i]
            if !singletons.insert(s).inserted { return .duplicate(s) }
            i += 1
            var n = 0
            while i < parts.count, (2...8).contains(parts[i].count) {
                i += 1
                n += 1
            }
            if n == 0 { return .malformed(s) }
        }
        if i < parts.count {
            if parts[i] == "x" {
                if let p = privateUse(parts, from: i) { return p }
            } else {
                return .malformed(parts[i])
            }
        }
        return knownLanguage(language) ? nil : .unknownLanguage(language)
    }

    /// The primary language subtag (lowercased) of a tag, when it has one.
    static func primaryLanguage(_ tag: String) -> String? {
        let lower = tag.trimmingASCIISpaces().lowercased()
        guard let first = lower.split(separator: "-").first, first.count >= 2 else { return nil }
        return String(first)
    }

    static func knownLanguage(_ language: String) -> Bool {
        switch language.count {
        case 2: return iso639_1.contains(language)
        case 3:
            // qaa–qtz are reserved for local use and are valid.
            if language.hasPrefix("q"), let c = language.utf8.dropFirst().first, c >= 0x61, c <= 0x74 { return true }
            return iso639_3Common.contains(language)
        default: return false
        }
    }

    private static func privateUse(_ parts: [String], from i: Int) -> Problem? {
        guard i + 1 < parts.count else { return .malformed("x") }
        return nil
    }

    private static func isVariant(_ s: String) -> Bool {
        if (5...8).contains(s.count) { return true }
        if s.count == 4, let c = s.utf8.first, c >= 0x30, c <= 0x39 { return true }
        return false
    }

    private static func isAlpha(_ s: String) -> Bool { s.utf8.allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A } }
    private static func isDigits(_ s: String) -> Bool { s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    private static func isAlphanumeric(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A)
    }
}

extension String {
    /// Without leading and trailing ASCII whitespace.
    func trimmingASCIISpaces() -> String {
        let b = Array(utf8)
        var s = 0, e = b.count
        while s < e, b[s] == 0x20 || b[s] == 0x09 || b[s] == 0x0A || b[s] == 0x0D || b[s] == 0x0C { s += 1 }
        while e > s, b[e - 1] == 0x20 || b[e - 1] == 0x09 || b[e - 1] == 0x0A || b[e - 1] == 0x0D || b[e - 1] == 0x0C { e -= 1 }
        return String(decoding: b[s..<e], as: UTF8.self)
    }
}
