import Foundation

/// BCP 47 (RFC 5646) language tags: well-formedness, plus a check that the language, extended
/// language, script and region subtags are registered (`LanguageSubtags`: ISO 639, ISO 15924,
/// ISO 3166-1 and the IANA registry's own region codes). Variants are checked for form only. The
/// tables live here and in `Data/languages/subtags.txt`, nowhere else.
enum LanguageTag {
    /// Why a tag is not valid.
    enum Problem: Sendable, Hashable, CustomStringConvertible {
        case empty
        /// Not well-formed; the subtag (or character) that broke the grammar.
        case malformed(String)
        /// `en_US`: underscores instead of hyphens.
        case underscore
        /// Well-formed, but the primary (or extended) language is not a known code.
        case unknownLanguage(String)
        /// Well-formed, but the script subtag is not an ISO 15924 code (as written).
        case unknownScript(String)
        /// Well-formed, but the region subtag is not an ISO 3166-1 or UN M.49 code the registry
        /// holds (as written).
        case unknownRegion(String)
        /// An ISO 639-2 code where BCP 47 uses the ISO 639-1 code: (three-letter, two-letter).
        case twoLetterForm(String, String)
        /// A variant or extension singleton that appears twice.
        case duplicate(String)

        var description: String {
            switch self {
            case .empty: return "the value is empty"
            case .malformed(let s): return "it is not a well-formed BCP 47 tag (at \"\(s)\")"
            case .underscore: return "subtags are separated by hyphens, not underscores (en-US, not en_US)"
            case .unknownLanguage(let s): return "\"\(s)\" is not an ISO 639 language code"
            case .unknownScript(let s): return "\"\(s)\" is not an ISO 15924 script code"
            case .unknownRegion(let s):
                // The commonest mistake gets its answer.
                if s.lowercased() == "uk" { return "\"\(s)\" is not a region code: the United Kingdom is \"GB\" (en-GB)" }
                return "\"\(s)\" is not an ISO 3166-1 or UN M.49 region code"
            case .twoLetterForm(let three, let two): return "\"\(three)\" is the ISO 639-2 form of \"\(two)\"; BCP 47 uses \"\(two)\""
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

    /// ISO 639-2 three-letter codes (terminology and bibliographic forms) of languages that
    /// have an ISO 639-1 two-letter code, mapped to that code. BCP 47 registers only the
    /// two-letter form (RFC 5646 §2.2.1), so `eng`, `deu`/`ger` or `fra`/`fre` are not valid
    /// primary subtags. Every other well-formed 3-letter primary subtag is accepted: the IANA
    /// registry holds all of ISO 639-3 and 639-5 (`arz`, `ars`, `pes`, `yue`, …) and the
    /// local-use range `qaa`–`qtz`.
    ///
    /// Source: the `alpha_3`/`bibliographic` → `alpha_2` pairs of
    /// `/usr/share/iso-codes/json/iso_639-2.json` (Debian `iso-codes` 4.15.0), copied here; the
    /// file is not read at run time.
    static let iso639_2WithTwoLetterCode: [String: String] = [
        "aar": "aa", "abk": "ab", "afr": "af", "aka": "ak", "alb": "sq", "amh": "am", "ara": "ar", "arg": "an",
        "arm": "hy", "asm": "as", "ava": "av", "ave": "ae", "aym": "ay", "aze": "az", "bak": "ba", "bam": "bm",
        "baq": "eu", "bel": "be", "ben": "bn", "bih": "bh", "bis": "bi", "bod": "bo", "bos": "bs", "bre": "br",
        "bul": "bg", "bur": "my", "cat": "ca", "ces": "cs", "cha": "ch", "che": "ce", "chi": "zh", "chu": "cu",
        "chv": "cv", "cor": "kw", "cos": "co", "cre": "cr", "cym": "cy", "cze": "cs", "dan": "da", "deu": "de",
        "div": "dv", "dut": "nl", "dzo": "dz", "ell": "el", "eng": "en", "epo": "eo", "est": "et", "eus": "eu",
        "ewe": "ee", "fao": "fo", "fas": "fa", "fij": "fj", "fin": "fi", "fra": "fr", "fre": "fr", "fry": "fy",
        "ful": "ff", "geo": "ka", "ger": "de", "gla": "gd", "gle": "ga", "glg": "gl", "glv": "gv", "gre": "el",
        "grn": "gn", "guj": "gu", "hat": "ht", "hau": "ha", "heb": "he", "her": "hz", "hin": "hi", "hmo": "ho",
        "hrv": "hr", "hun": "hu", "hye": "hy", "ibo": "ig", "ice": "is", "ido": "io", "iii": "ii", "iku": "iu",
        "ile": "ie", "ina": "ia", "ind": "id", "ipk": "ik", "isl": "is", "ita": "it", "jav": "jv", "jpn": "ja",
        "kal": "kl", "kan": "kn", "kas": "ks", "kat": "ka", "kau": "kr", "kaz": "kk", "khm": "km", "kik": "ki",
        "kin": "rw", "kir": "ky", "kom": "kv", "kon": "kg", "kor": "ko", "kua": "kj", "kur": "ku", "lao": "lo",
        "lat": "la", "lav": "lv", "lim": "li", "lin": "ln", "lit": "lt", "ltz": "lb", "lub": "lu", "lug": "lg",
        "mac": "mk", "mah": "mh", "mal": "ml", "mao": "mi", "mar": "mr", "may": "ms", "mkd": "mk", "mlg": "mg",
        "mlt": "mt", "mon": "mn", "mri": "mi", "msa": "ms", "mya": "my", "nau": "na", "nav": "nv", "nbl": "nr",
        "nde": "nd", "ndo": "ng", "nep": "ne", "nld": "nl", "nno": "nn", "nob": "nb", "nor": "no", "nya": "ny",
        "oci": "oc", "oji": "oj", "ori": "or", "orm": "om", "oss": "os", "pan": "pa", "per": "fa", "pli": "pi",
        "pol": "pl", "por": "pt", "pus": "ps", "que": "qu", "roh": "rm", "ron": "ro", "rum": "ro", "run": "rn",
        "rus": "ru", "sag": "sg", "san": "sa", "sin": "si", "slk": "sk", "slo": "sk", "slv": "sl", "sme": "se",
        "smo": "sm", "sna": "sn", "snd": "sd", "som": "so", "sot": "st", "spa": "es", "sqi": "sq", "srd": "sc",
        "srp": "sr", "ssw": "ss", "sun": "su", "swa": "sw", "swe": "sv", "tah": "ty", "tam": "ta", "tat": "tt",
        "tel": "te", "tgk": "tg", "tgl": "tl", "tha": "th", "tib": "bo", "tir": "ti", "ton": "to", "tsn": "tn",
        "tso": "ts", "tuk": "tk", "tur": "tr", "twi": "tw", "uig": "ug", "ukr": "uk", "urd": "ur", "uzb": "uz",
        "ven": "ve", "vie": "vi", "vol": "vo", "wel": "cy", "wln": "wa", "wol": "wo", "xho": "xh", "yid": "yi",
        "yor": "yo", "zha": "za", "zho": "zh", "zul": "zu",
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
        let written = tag.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
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
        var extlangs: [Int] = []
        if language.count <= 3 {
            while i < parts.count, extlangs.count < 3, parts[i].count == 3, isAlpha(parts[i]) {
                extlangs.append(i)
                i += 1
            }
        }
        // script
        var script: Int?
        if i < parts.count, parts[i].count == 4, isAlpha(parts[i]) {
            script = i
            i += 1
        }
        // region
        var region: Int?
        if i < parts.count, (parts[i].count == 2 && isAlpha(parts[i])) || (parts[i].count == 3 && isDigits(parts[i])) {
            region = i
            i += 1
        }
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
        if let two = iso639_2WithTwoLetterCode[language] { return .twoLetterForm(language, two) }
        guard knownLanguage(language) else { return .unknownLanguage(language) }
        let registry = LanguageSubtags.shipped
        for e in extlangs where !(registry?.knowsLanguage(parts[e]) ?? true) {
            return .unknownLanguage(parts[e])
        }
        if let s = script, !(registry?.knowsScript(parts[s]) ?? true) { return .unknownScript(written[s]) }
        if let r = region, !(registry?.knowsRegion(parts[r]) ?? true) { return .unknownRegion(written[r]) }
        return nil
    }

    /// The primary language subtag (lowercased) of a tag, when it has one.
    static func primaryLanguage(_ tag: String) -> String? {
        let lower = tag.trimmingASCIISpaces().lowercased()
        guard let first = lower.split(separator: "-").first, first.count >= 2 else { return nil }
        return String(first)
    }

    /// A primary language subtag BCP 47 registers: an ISO 639-1 code, or a 3-letter code of
    /// ISO 639-2/3/5 (the special `mul`/`und`/`zxx`/`mis` included) or the local-use range
    /// `qaa`–`qtz` that has no two-letter form. Without the shipped list, any 3-letter code
    /// without a two-letter form. `language` is lowercased and alphabetic.
    static func knownLanguage(_ language: String) -> Bool {
        switch language.count {
        case 2: return iso639_1.contains(language)
        case 3:
            guard iso639_2WithTwoLetterCode[language] == nil else { return false }
            return LanguageSubtags.shipped?.knowsLanguage(language) ?? true
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

/// The registered language, script and region subtags (`Data/languages/subtags.txt`, generated
/// by `scripts/gen-language-subtags.py` from Debian's iso-codes, LGPL-2.1+, notice beside it),
/// read once when a tag is first checked. The private-use ranges are tested here, not listed.
struct LanguageSubtags: Sendable {
    let languages: Set<String>
    let scripts: Set<String>
    let regions: Set<String>

    /// The shipped list; nil when it cannot be read (then only well-formedness and the ISO 639-1
    /// tables are checked: an unreadable list must not turn every tag into a finding).
    static let shipped: LanguageSubtags? = {
        guard let url = Bundle.module.url(forResource: "subtags", withExtension: "txt", subdirectory: "Data/languages"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        return parse(text)
    }()

    /// Parses `type subtag subtag …` lines (`#` comments); nil unless all three types are there.
    static func parse(_ text: String) -> LanguageSubtags? {
        var sets: [String: Set<String>] = [:]
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) where !line.hasPrefix("#") {
            let words = line.split(separator: " ")
            guard let type = words.first else { continue }
            sets[String(type), default: []].formUnion(words.dropFirst().map { $0.lowercased() })
        }
        guard let l = sets["language"], let s = sets["script"], let r = sets["region"],
              !l.isEmpty, !s.isEmpty, !r.isEmpty else { return nil }
        return LanguageSubtags(languages: l, scripts: s, regions: r)
    }

    /// A lowercased 3-letter language subtag: listed, or local use `qaa`–`qtz`.
    func knowsLanguage(_ s: String) -> Bool {
        if languages.contains(s) { return true }
        let b = Array(s.utf8)
        return b.count == 3 && b[0] == 0x71 && b[1] >= 0x61 && b[1] <= 0x74  // q[a-t][a-z]
    }

    /// A lowercased 4-letter script subtag: listed, or private use `Qaaa`–`Qabx`.
    func knowsScript(_ s: String) -> Bool {
        if scripts.contains(s) { return true }
        let b = Array(s.utf8)
        return b.count == 4 && b[0] == 0x71 && b[1] == 0x61 && (b[2] == 0x61 || (b[2] == 0x62 && b[3] <= 0x78))
    }

    /// A lowercased region subtag: listed (ISO 3166-1, the registry's additions, UN M.49), or
    /// private use `AA`, `QM`–`QZ`, `XA`–`XZ`, `ZZ`.
    func knowsRegion(_ s: String) -> Bool {
        if regions.contains(s) { return true }
        let b = Array(s.utf8)
        guard b.count == 2 else { return false }
        return s == "aa" || s == "zz" || b[0] == 0x78 || (b[0] == 0x71 && b[1] >= 0x6D)
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
