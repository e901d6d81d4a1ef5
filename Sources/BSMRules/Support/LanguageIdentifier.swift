import CCLD2

/// Language identification with Compact Language Detector 2 (thread-safe: CLD2 keeps no state).
enum LanguageIdentifier {
    struct Result: Sendable, Hashable {
        /// ISO 639-1 code (`en`, `ja`, …); `un` when unknown.
        let language: String
        /// Share of the text in that language, percent.
        let percent: Int
        let reliable: Bool
    }

    static func detect(_ text: String) -> Result {
        var code = [CChar](repeating: 0, count: 16)
        var percent: Int32 = 0
        var reliable: Int32 = 0
        var bytes = Array(text.utf8).map { CChar(bitPattern: $0) }
        bytes.append(0)
        let count = Int32(bytes.count - 1)
        _ = bytes.withUnsafeBufferPointer { buf in
            code.withUnsafeMutableBufferPointer { c in
                ccld2_detect(buf.baseAddress, count, c.baseAddress, Int32(c.count), &percent, &reliable)
            }
        }
        let lang = String(decoding: code.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // CLD2 names some languages with longer codes (`zh-Hant`); keep the primary subtag.
        let primary = lang.split(separator: "-").first.map(String.init) ?? "un"
        return Result(language: primary, percent: Int(percent), reliable: reliable != 0)
    }
}

/// Languages a buyer may be written to on each marketplace (the marketplace language, or a
/// language the site offers as the buyer's preference).
enum MarketplaceLanguages {
    static let table: [String: [String]] = [
        "amazon.com": ["en", "es"],
        "amazon.ca": ["en", "fr"],
        "amazon.com.mx": ["es"],
        "amazon.com.br": ["pt"],
        "amazon.co.uk": ["en"],
        "amazon.de": ["de", "en"],
        "amazon.fr": ["fr"],
        "amazon.it": ["it"],
        "amazon.es": ["es"],
        "amazon.nl": ["nl", "en"],
        "amazon.se": ["sv", "en"],
        "amazon.pl": ["pl"],
        "amazon.com.be": ["fr", "nl", "en"],
        "amazon.com.tr": ["tr"],
        "amazon.ae": ["ar", "en"],
        "amazon.sa": ["ar", "en"],
        "amazon.eg": ["ar", "en"],
        "amazon.in": ["en", "hi"],
        "amazon.co.jp": ["ja", "en"],
        "amazon.com.au": ["en"],
        "amazon.sg": ["en"],
        "amazon.ie": ["en"],
        "amazon.co.za": ["en"],
    ]

    static func allowed(_ marketplace: String) -> [String] { table[marketplace.lowercased()] ?? ["en"] }
}
