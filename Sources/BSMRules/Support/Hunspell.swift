import CHunspell
import Foundation

/// Hunspell dictionaries, opened once per language and shared. A Hunspell handle is not
/// thread-safe, so every handle is used under its own lock; the table of handles has a lock too.
/// Dictionaries are found in the usual system folders (`BSMLINT_HUNSPELL_PATH` first, a
/// colon-separated list).
final class SpellChecker: @unchecked Sendable {
    /// One open dictionary.
    final class Dictionary: @unchecked Sendable {
        let name: String
        let path: String
        private let handle: OpaquePointer
        private let lock = NSLock()
        /// The dictionary's `SET` encoding; words are converted to it (Debian ships UTF-8).
        private let encoding: String.Encoding

        init?(name: String, aff: String, dic: String) {
            guard let h = Hunspell_create(aff, dic) else { return nil }
            let set = Hunspell_get_dic_encoding(h).map { String(cString: $0).uppercased() } ?? "UTF-8"
            let enc: String.Encoding?
            switch set.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "") {
            case "UTF8": enc = .utf8
            case "ISO88591", "LATIN1": enc = .isoLatin1
            case "ISO88592", "LATIN2": enc = .isoLatin2
            case "ISO885915": enc = .isoLatin1
            case "CP1252", "WINDOWS1252": enc = .windowsCP1252
            default: enc = nil
            }
            guard let encoding = enc else {
                Hunspell_destroy(h)
                return nil
            }
            handle = h
            self.encoding = encoding
            self.name = name
            self.path = dic
        }

        /// The word in the dictionary's encoding, or nil when it cannot be written in it.
        private func encoded(_ word: String) -> [CChar]? {
            if encoding == .utf8 { return word.utf8CString.map { $0 } }
            return word.cString(using: encoding)
        }

        private func decoded(_ c: UnsafePointer<CChar>) -> String {
            if encoding == .utf8 { return String(cString: c) }
            return String(cString: c, encoding: encoding) ?? String(cString: c)
        }

        deinit { Hunspell_destroy(handle) }

        /// True when the (UTF-8) word is in the dictionary.
        func spell(_ word: String) -> Bool {
            guard let w = encoded(word) else { return false }
            lock.lock()
            defer { lock.unlock() }
            return Hunspell_spell(handle, w) != 0
        }

        /// Up to `limit` suggestions.
        func suggest(_ word: String, limit: Int = 3) -> [String] {
            guard let w = encoded(word) else { return [] }
            lock.lock()
            defer { lock.unlock() }
            var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
            let n = Hunspell_suggest(handle, &list, w)
            guard n > 0, let l = list else { return [] }
            defer { Hunspell_free_list(handle, &list, n) }
            var out: [String] = []
            for i in 0..<min(Int(n), limit) {
                if let c = l[i] { out.append(decoded(c)) }
            }
            return out
        }
    }

    static let shared = SpellChecker()

    /// Dictionary file names tried per language, best first.
    static let candidates: [String: [String]] = [
        "en": ["en_US", "en_GB", "en_CA", "en_AU"],
        "es": ["es_ES", "es_MX", "es_US", "es"],
        "fr": ["fr_FR", "fr"],
        "de": ["de_DE", "de_AT", "de_CH"],
        "it": ["it_IT", "it_CH"],
    ]

    static var searchPaths: [String] {
        var dirs: [String] = []
        if let env = ProcessInfo.processInfo.environment["BSMLINT_HUNSPELL_PATH"] {
            dirs += env.split(separator: ":").map(String.init)
        }
        dirs += ["/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell", "/usr/local/share/hunspell",
                 "/opt/homebrew/share/hunspell", "/Library/Spelling"]
        return dirs
    }

    private let lock = NSLock()
    private var opened: [String: Dictionary?] = [:]

    /// Regional dictionaries tried first on a marketplace (`centre` is right on amazon.co.uk).
    static let regional: [String: [String: String]] = [
        "en": ["amazon.co.uk": "en_GB", "amazon.com.au": "en_AU", "amazon.ca": "en_CA", "amazon.sg": "en_GB", "amazon.in": "en_GB", "amazon.ie": "en_GB", "amazon.co.za": "en_GB",
               "amazon.ae": "en_GB", "amazon.sa": "en_GB", "amazon.eg": "en_GB"],
        "es": ["amazon.com.mx": "es_MX", "amazon.com": "es_US"],
        "fr": ["amazon.ca": "fr_CA", "amazon.com.be": "fr_BE"],
        "de": [:],
        "it": [:],
    ]

    /// The dictionary for a language (ISO 639-1), preferring the marketplace's regional variant,
    /// opened on first use; nil when none is installed.
    func dictionary(for language: String, marketplace: String = "") -> Dictionary? {
        var names = SpellChecker.candidates[language] ?? []
        if let r = SpellChecker.regional[language]?[marketplace] {
            names.removeAll { $0 == r }
            names.insert(r, at: 0)
        }
        let key = names.joined(separator: ",")
        lock.lock()
        defer { lock.unlock() }
        if let d = opened[key] { return d }
        var found: Dictionary?
        search: for name in names {
            for dir in SpellChecker.searchPaths {
                let aff = dir + "/" + name + ".aff", dic = dir + "/" + name + ".dic"
                if FileManager.default.isReadableFile(atPath: aff), FileManager.default.isReadableFile(atPath: dic),
                   let d = Dictionary(name: name, aff: aff, dic: dic) {
                    found = d
                    break search
                }
            }
        }
        opened[key] = found
        return found
    }
}
