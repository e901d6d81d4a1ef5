import BSMDocument
import Foundation

/// A sentence or word of a text.
public struct TextSegment: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case sentence
        /// Letters (possibly with digits, inner apostrophes/hyphens: `don't`, `e-mail`, `B07XJ8C8F5`).
        case word
        /// Digits with inner `.`, `,` or `-` (`3.5`, `1,000`, `2024-01-15`).
        case number
        /// A 17-digit Amazon order id `123-1234567-1234567`.
        case orderID
        case url
        case email
        case placeholder
    }

    /// Writing system of a word (Japanese has no spaces: words are runs of one script).
    public enum Script: Sendable, Hashable {
        /// Latin and other alphabetic scripts, digits.
        case latin
        case han
        case hiragana
        case katakana
        case hangul
        case none
    }

    public let text: String
    /// UTF-8 offsets in the segmented string.
    public let utf8Range: Range<Int>
    public let kind: Kind
    public let script: Script

    public init(text: String, utf8Range: Range<Int>, kind: Kind, script: Script = .none) {
        self.text = text
        self.utf8Range = utf8Range
        self.kind = kind
        self.script = script
    }
}

/// What a line break in message text is, for sentence segmentation.
public enum LineBreakKind: Sendable, Hashable {
    /// Between two blocks (paragraphs, cells) or at a rule: always ends a sentence.
    case hard
    /// A `<br>`: a sentence runs on across it only after a comma, semicolon or dash (“If you are
    /// happy with your purchase,<br>please leave …”), not after a word (“leave a review<br>free
    /// returns …” are two lines of a list).
    case lineBreak
    /// A line break of the source or of plain text (a wrap, or a line of a paragraph): a
    /// sentence runs on across it after a word too (“… please leave us a⏎five-star review”).
    case wrap
}

/// Sentence and word segmentation for en, es, fr, de, it and ja message text.
public enum TextSegmenter {
    // MARK: Abbreviations

    /// Lower-cased abbreviations (without the final period) that do not end a sentence.
    public static let abbreviations: [String: Set<String>] = [
        "en": ["mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "e.g", "i.e", "approx", "inc",
               "ltd", "co", "corp", "dept", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
               "sept", "oct", "nov", "dec", "tue", "thu", "fri", "a.m",
               "p.m", "u.s", "u.k", "ave", "blvd", "rd", "mt", "esp", "cf", "viz", "ca", "incl"],
        "de": ["z.b", "u.a", "d.h", "bzw", "ca", "evtl", "ggf", "inkl", "usw", "vgl", "str", "hr",
               "fr", "dr", "prof", "s.o", "s.u", "u.u", "sog", "zzgl", "abs", "bspw", "etc", "gem",
               "mwst", "ust", "max", "min", "u.v.m", "o.ä", "z.t", "i.d.r", "lt", "allg", "jh"],
        "es": ["sr", "sra", "srta", "dr", "dra", "ud", "uds", "pág", "pag", "p.ej", "aprox", "av",
               "avda", "atte", "dpto", "depto", "etc", "ej", "gral", "lic", "ing", "sres", "vd", "vds"],
        "fr": ["m", "mm", "mme", "mmes", "mlle", "dr", "p.ex", "env", "cf", "etc", "av", "bd", "ex",
               "svp", "st", "ste", "réf", "ref", "resp", "apr", "hab", "c.-à-d", "c.à.d"],
        "it": ["sig", "sigg", "sig.ra", "sig.na", "dott", "dott.ssa", "ing", "avv", "ecc", "prof",
               "geom", "rag", "arch", "p.es", "pag", "cfr", "ca", "gent", "spett", "egr"],
    ]

    /// Abbreviations that do not end a sentence only when a number follows (`Nr. 5`, `No. 3`).
    public static let numberAbbreviations: Set<String> = [
        "no", "nr", "nº", "n°", "n", "núm", "num", "art", "p", "pp", "vol", "fig", "tel", "tlf",
        "ref", "pos", "kap", "bd", "s", "n.º",
    ]

    /// Abbreviations of one language that are ordinary words ending sentences in another
    /// (`gem.` in English, `ex.`, `m.`): left out when no language is given.
    static let ambiguousAbbreviations: Set<String> = [
        "gem", "ex", "m", "mm", "hab", "rag", "arch", "ing", "ste", "gent", "egr", "resp", "av", "lic", "ej",
    ]

    static let allAbbreviations: Set<String> = abbreviations.values
        .reduce(into: Set<String>()) { $0.formUnion($1) }
        .subtracting(ambiguousAbbreviations)

    /// Month names after which `3.` is an ordinal (`am 3. Mai`), lower-cased.
    static let monthNames: Set<String> = [
        "januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august",
        "september", "oktober", "november", "dezember",
    ]

    static let cjkTerminators: Set<Character> = ["。", "！", "？", "｡", "．"]
    static let terminators: Set<Character> = [".", "!", "?", "…", "‼", "⁉", "⁈", "⁇"]
    static let closers: Set<Character> = ["\"", "'", ")", "]", "}", "»", "”", "’", "」", "』", "）", "】", "〉", "》", "〕", "›"]

    // MARK: Sentences

    /// Sentences with UTF-8 offset ranges, trimmed of surrounding whitespace. A sentence ends at
    /// `.`, `!`, `?`, `…` followed by whitespace (or the end), at `。！？` (no space needed), and
    /// at a blank line (or at every line break when `newlineIsBoundary`). Abbreviations
    /// (`e.g.`, `Mr.`, `z.B.`, `Nr. 5`, `Sra.`, `p.ex.`, `Sig.`), initials, decimals, URLs, a
    /// period followed by a lower-case word, and German ordinals before a month do not end one.
    /// `language` (`en`, `de`, `es`, `fr`, `it`) picks its abbreviation list; nil uses all.
    /// `lineBreak` (given the UTF-8 offset of a line break) tells what it is (`LineBreakKind`):
    /// with `newlineIsBoundary`, a sentence runs on across a `.lineBreak` or `.wrap` when the
    /// line does not end a sentence and the next one goes on in lower case (“… with your
    /// purchase,⏎please leave …”), or after a Japanese comma (、); see `runsOn`.
    public static func sentences(_ text: String, language: String? = nil,
                                 newlineIsBoundary: Bool = false,
                                 lineBreak: ((Int) -> LineBreakKind)? = nil) -> [TextSegment] {
        let chars = Array(text)
        var offsets: [Int] = []
        offsets.reserveCapacity(chars.count + 1)
        var off = 0
        for c in chars {
            offsets.append(off)
            off += c.utf8.count
        }
        offsets.append(off)
        let abbrevs: Set<String>
        if let lang = language?.lowercased().split(separator: "-").first.map(String.init), let set = abbreviations[lang] {
            abbrevs = set
        } else {
            abbrevs = allAbbreviations
        }
        var out: [TextSegment] = []
        let n = chars.count
        var start = 0
        func emit(_ end: Int) {
            var s = start, e = end
            while s < e, chars[s].isWhitespace { s += 1 }
            while e > s, chars[e - 1].isWhitespace { e -= 1 }
            if e > s {
                let r = offsets[s]..<offsets[e]
                out.append(TextSegment(text: String(chars[s..<e]), utf8Range: r, kind: .sentence))
            }
            start = end
        }
        var i = 0
        while i < n {
            let ch = chars[i]
            if cjkTerminators.contains(ch) {
                var j = i + 1
                while j < n, cjkTerminators.contains(chars[j]) || terminators.contains(chars[j]) || closers.contains(chars[j]) { j += 1 }
                emit(j)
                i = j
                continue
            }
            if terminators.contains(ch) {
                var j = i + 1
                while j < n, terminators.contains(chars[j]) { j += 1 }
                let runIsSinglePeriod = ch == "." && j == i + 1
                while j < n, closers.contains(chars[j]) { j += 1 }
                if j < n, !chars[j].isWhitespace {
                    // Japanese text glued to an ASCII `?`/`!` still starts a new sentence.
                    let cjkNext = chars[j].unicodeScalars.first.map(NormalizedText.isCJK) ?? false
                    if !(cjkNext && ch != "." && ch != "…") {
                        i = j
                        continue
                    }
                    emit(j)
                    i = j
                    continue
                }
                // Next word after the whitespace; a blank line (or any line break when
                // `newlineIsBoundary`) always ends the sentence, a single hard wrap does not.
                var k = j
                var newlines = 0
                while k < n, chars[k].isWhitespace {
                    if chars[k].isNewline { newlines += chars[k] == "\u{2029}" ? 2 : 1 }
                    k += 1
                }
                let nextChar: Character? = k < n ? chars[k] : nil
                let forced = newlines >= 2 || (newlineIsBoundary && newlines >= 1)
                if !forced, let nc = nextChar, nc.isLowercase, ch == "." || ch == "…" {
                    i = j
                    continue
                }
                if runIsSinglePeriod, !forced, nextChar != nil,
                   isNonTerminalPeriod(chars, periodAt: i, next: k, abbrevs: abbrevs) {
                    i = j
                    continue
                }
                emit(j)
                i = j
                continue
            }
            if ch.isNewline {
                if newlineIsBoundary {
                    if let lineBreak, case let kind = lineBreak(offsets[i]), kind != .hard,
                       runsOn(chars, acrossBreakAt: i, wrap: kind == .wrap) {
                        i += 1
                        continue
                    }
                    emit(i + 1)
                    i += 1
                    continue
                }
                var k = i + 1
                var newlines = ch == "\u{2029}" ? 2 : 1
                while k < n, chars[k].isWhitespace {
                    if chars[k].isNewline { newlines += chars[k] == "\u{2029}" ? 2 : 1 }
                    k += 1
                }
                if newlines >= 2 {
                    emit(k)
                    i = k
                    continue
                }
            }
            i += 1
        }
        emit(n)
        return out
    }

    /// Whether a sentence goes on across the line break at `i`: the line before ends in a comma,
    /// semicolon or dash — or, for a `wrap`, also in a letter or digit; for a `<br>`, in an
    /// article or preposition, or before a conjunction — (not `.`, `!`, `?`, `:`,
    /// a label, or a closing quote), and the next line, with no blank line between, starts with a
    /// lower-case letter (not a digit: `1. …⏎2. …` and `1 star …⏎5 stars …` are list lines) —
    /// or, after a comma, semicolon or dash ending a line of four words or more, a capital; or
    /// the line ends with a Japanese comma (、，).
    static func runsOn(_ chars: [Character], acrossBreakAt i: Int, wrap: Bool) -> Bool {
        var p = i - 1
        while p >= 0, chars[p].isWhitespace {
            if chars[p].isNewline { return false }
            p -= 1
        }
        var k = i + 1
        while k < chars.count, chars[k].isWhitespace {
            if chars[k].isNewline { return false }
            k += 1
        }
        guard p >= 0, k < chars.count else { return false }
        let prev = chars[p], next = chars[k]
        if prev == "、" || prev == "，" { return true }
        let clause = prev == "," || prev == ";" || prev == "-" || prev == "–" || prev == "—"
        // After a `<br>`, a line that ends in an article or preposition, or a next line that
        // starts with a conjunction, is one sentence too (“leave us a<br>5-star review”, “leave
        // us a quick review<br>and get a gift card”); a list line is neither (“leave a
        // review<br>free returns …”).
        if !clause, prev.isLetter {
            // Written in lower case: `Plan A`, `the US` end a line.
            if danglingWords.contains(word(in: chars, endingAt: p)) { return true }
            // (`And get …` in capitals too: a line does not start a sentence with a conjunction.)
            if continuationWords.contains(word(in: chars, startingAt: k).lowercased()) { return true }
            if !wrap { return false }
        }
        guard clause || (wrap && (prev.isLetter || prev.isNumber)) else { return false }
        if next.isLowercase { return true }
        // A hard-wrapped line of plain text (50 characters or more, ending in a word) goes on into
        // a capital too: “… your new⏎BrewMaster kettle”, “… which⏎I hope”.
        guard next.isUppercase else { return false }
        if wrap, !clause {
            // The pronoun `I` goes on a sentence whatever the line's length (“… which⏎I hope …”).
            if next == "I", k + 1 < chars.count, chars[k + 1] == " " || chars[k + 1] == "'" || chars[k + 1] == "’" { return true }
            return line(in: chars, endingAt: p).characters >= 50
        }
        // A clause of four words or more left open by a comma goes on even in upper case (“If you
        // are happy with your purchase,⏎Please leave …”); a greeting does not (“Hi John,⏎Thank you …”).
        return line(in: chars, endingAt: p).words >= 4
    }

    /// The characters and words of the line that ends at `end` (back to the previous line break).
    static func line(in chars: [Character], endingAt end: Int) -> (characters: Int, words: Int) {
        var characters = 0, words = 0, inWord = false
        var b = end
        while b >= 0, !chars[b].isNewline {
            let letter = chars[b].isLetter || chars[b].isNumber
            if letter, !inWord { words += 1 }
            inWord = letter
            characters += 1
            b -= 1
        }
        return (characters, words)
    }

    /// Words a line does not end with: articles, possessives and prepositions (as written, in
    /// lower case: `Plan A`, `the US` may end a line).
    static let danglingWords: Set<String> = [
        "a", "an", "the", "your", "our", "my", "to", "of", "for", "with", "and", "or",
        "der", "die", "das", "den", "dem", "ein", "eine", "einen", "einem", "ihre", "ihren", "unsere", "für", "mit", "und",
        "le", "la", "les", "un", "une", "des", "du", "votre", "vos", "notre", "pour", "avec", "et",
        "el", "los", "las", "una", "su", "sus", "nuestra", "nuestro", "para", "con",
        "il", "lo", "gli", "uno", "sua", "tua", "nostra", "per",
    ]

    /// Words a line that goes on a sentence starts with: conjunctions (as written, lower case).
    static let continuationWords: Set<String> = [
        "and", "or", "but", "so", "then", "to", "und", "oder", "aber", "dann", "et", "ou", "mais", "puis",
        "y", "o", "pero", "e", "ma", "poi",
    ]

    /// The word (letters, as written) ending at `end` / starting at `start`.
    static func word(in chars: [Character], endingAt end: Int) -> String {
        var b = end
        while b > 0, chars[b - 1].isLetter { b -= 1 }
        return String(chars[b...end])
    }

    static func word(in chars: [Character], startingAt start: Int) -> String {
        var e = start
        while e < chars.count, chars[e].isLetter { e += 1 }
        return String(chars[start..<e])
    }

    static func isNonTerminalPeriod(_ chars: [Character], periodAt i: Int, next k: Int, abbrevs: Set<String>) -> Bool {
        // The token before the period: letters, digits, inner periods and hyphens.
        var s = i
        while s > 0, chars[s - 1].isLetter || chars[s - 1].isNumber || chars[s - 1] == "." || chars[s - 1] == "-"
            || chars[s - 1] == "º" || chars[s - 1] == "°" { s -= 1 }
        guard s < i else { return false }
        let token = String(chars[s..<i]).lowercased()
        let nextIsDigit = k < chars.count && chars[k].isNumber
        if abbrevs.contains(token) { return true }
        // An abbreviation written with a space (`z. B.`, `d. h.`, `e. g.`): this letter group and
        // the next, up to its period, make one of the list.
        if token.count <= 3, token.allSatisfy(\.isLetter), k > i + 1, !chars[(i + 1)..<k].contains(where: \.isNewline) {
            var e = k
            while e < chars.count, e - k <= 3, chars[e].isLetter { e += 1 }
            if e > k, e - k <= 3, e < chars.count, chars[e] == ".",
               abbrevs.contains(token + "." + String(chars[k..<e]).lowercased()) { return true }
            // … and the second half of one (`h.` of `d. h.`).
            var b = s
            while b > 0, chars[b - 1] == " " || chars[b - 1] == "\u{00A0}" { b -= 1 }
            if b < s, b > 0, chars[b - 1] == "." {
                var a = b - 1
                while a > 0, b - 1 - a < 3, chars[a - 1].isLetter { a -= 1 }
                if a < b - 1, a == 0 || !chars[a - 1].isLetter, abbrevs.contains(String(chars[a..<(b - 1)]).lowercased() + "." + token) { return true }
            }
        }
        if numberAbbreviations.contains(token), nextIsDigit { return true }
        // Initials and letter.letter abbreviations: `J.`, `U.S.`, `p.ej.`.
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 1, token.count == 1, chars[s].isLetter, chars[s].isUppercase { return true }
        if parts.count > 1, parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isLetter) }) { return true }
        // List numbering at the start of a line: `1. First item`.
        if token.count <= 3, token.allSatisfy(\.isNumber) {
            var b = s
            while b > 0, chars[b - 1].isWhitespace, !chars[b - 1].isNewline { b -= 1 }
            if b == 0 || chars[b - 1].isNewline { return true }
        }
        // German ordinal before a month: `am 3. Mai`.
        if token.count <= 2, token.allSatisfy(\.isNumber) {
            var e = k
            while e < chars.count, chars[e].isLetter { e += 1 }
            if monthNames.contains(String(chars[k..<e]).lowercased()) { return true }
        }
        return false
    }

    // MARK: Words

    /// Words with UTF-8 offset ranges. Latin-script words keep inner apostrophes (`don't`,
    /// `l'avis`), hyphens (`e-mail`), digits (`B07XJ8C8F5`) and letter.letter abbreviations
    /// (`z.B`); numbers keep inner `.`, `,` and `-` (`3.5`, `1,000`, `112-3456789-0123456`);
    /// URLs and email addresses are one word each, and so are placeholders when a matcher is
    /// given. Japanese (no spaces) is split into runs of one script: kanji, hiragana, katakana
    /// (with `ー`), latin.
    public static func words(_ text: String, placeholders: PlaceholderMatcher? = nil) -> [TextSegment] {
        // Atomic tokens first.
        var atoms: [(Range<Int>, TextSegment.Kind)] = []
        if text.utf8.contains(where: { $0 == 0x2E || $0 == 0x40 || $0 == 0x2F }) {
            atoms += URLScanner.urls(in: text).map { ($0.utf8Range, .url) }
            atoms += URLScanner.emails(in: text).filter { $0.kind == .email }.map { ($0.utf8Range, .email) }
        }
        if let pm = placeholders {
            atoms += pm.placeholders(in: text).map { ($0.utf8Range, .placeholder) }
        }
        atoms.sort { $0.0.lowerBound < $1.0.lowerBound }
        var kept: [(Range<Int>, TextSegment.Kind)] = []
        var lastEnd = 0
        for a in atoms where a.0.lowerBound >= lastEnd {
            kept.append(a)
            lastEnd = a.0.upperBound
        }

        let chars = Array(text)
        let n = chars.count
        var offsets: [Int] = []
        offsets.reserveCapacity(n + 1)
        var off = 0
        for c in chars {
            offsets.append(off)
            off += c.utf8.count
        }
        offsets.append(off)
        let bytes = Array(text.utf8)
        var out: [TextSegment] = []
        var atomIndex = 0
        var i = 0
        while i < n {
            if atomIndex < kept.count, offsets[i] >= kept[atomIndex].0.lowerBound {
                let (r, kind) = kept[atomIndex]
                atomIndex += 1
                if offsets[i] == r.lowerBound {
                    out.append(TextSegment(text: String(decoding: bytes[r], as: UTF8.self), utf8Range: r, kind: kind, script: .latin))
                    while i < n, offsets[i] < r.upperBound { i += 1 }
                    continue
                }
            }
            let cls = charClass(chars[i])
            guard case .alnum(let script) = cls else { i += 1; continue }
            let nextAtom = atomIndex < kept.count ? kept[atomIndex].0.lowerBound : Int.max
            var j = i + 1
            var segmentStart = i  // start of the part after the last inner period
            while j < n, offsets[j] < nextAtom {
                let c = charClass(chars[j])
                if case .alnum(let s2) = c {
                    if joins(script, s2, chars[j]) { j += 1; continue }
                    break
                }
                guard script == .latin, j + 1 < n, offsets[j + 1] < nextAtom,
                      case .alnum(.latin) = charClass(chars[j + 1]) else { break }
                let prev = chars[j - 1], next = chars[j + 1]
                var joined = true
                switch c {
                case .apostrophe where prev.isLetter && next.isLetter:
                    break
                case .hyphen where (prev.isLetter || prev.isNumber) && (next.isLetter || next.isNumber):
                    break
                case .decimalSeparator where prev.isNumber && next.isNumber:
                    break
                case .decimalSeparator where chars[j] == "." && prev.isLetter && next.isLetter && j - segmentStart == 1:
                    segmentStart = j + 1
                default:
                    joined = false
                }
                guard joined else { break }
                j += 2
            }
            let r = offsets[i]..<offsets[j]
            let word = String(chars[i..<j])
            let kind: TextSegment.Kind
            if isOrderID(word) {
                kind = .orderID
            } else if word.allSatisfy({ $0.isNumber || $0 == "." || $0 == "," || $0 == "-" }) {
                kind = .number
            } else {
                kind = .word
            }
            out.append(TextSegment(text: word, utf8Range: r, kind: kind, script: script))
            i = j
        }
        return out
    }

    enum CharClass: Equatable {
        case alnum(TextSegment.Script)
        case apostrophe
        case hyphen
        case decimalSeparator
        case other
    }

    static func charClass(_ ch: Character) -> CharClass {
        guard let u = ch.unicodeScalars.first else { return .other }
        let v = u.value
        if v < 0x80 {
            if (v >= 0x30 && v <= 0x39) || ((v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A) { return .alnum(.latin) }
            if v == 0x27 { return .apostrophe }
            if v == 0x2D { return .hyphen }
            if v == 0x2E || v == 0x2C { return .decimalSeparator }
            return .other
        }
        if v == 0x2019 || v == 0x02BC { return .apostrophe }
        if v == 0x2010 || v == 0x2011 { return .hyphen }
        if (0x3040...0x309F).contains(v) { return .alnum(.hiragana) }
        if (0x30A0...0x30FF).contains(v) || (0x31F0...0x31FF).contains(v) || (0xFF66...0xFF9F).contains(v) {
            return .alnum(.katakana)
        }
        if (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0x20000...0x2FFFF).contains(v) || v == 0x3005 || v == 0x3006 || v == 0x3007 {
            return .alnum(.han)
        }
        if (0xAC00...0xD7AF).contains(v) || (0x1100...0x11FF).contains(v) || (0x3130...0x318F).contains(v) {
            return .alnum(.hangul)
        }
        if ch.isLetter || u.properties.numericType == .decimal { return .alnum(.latin) }
        return .other
    }

    static func joins(_ a: TextSegment.Script, _ b: TextSegment.Script, _ ch: Character) -> Bool {
        if a == b { return true }
        // The prolonged sound mark continues hiragana words too (すごーい).
        if a == .hiragana, ch == "ー" { return true }
        return false
    }

    /// `\d{3}-\d{7}-\d{7}` (ASCII digits).
    public static func isOrderID(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 19, b[3] == 0x2D, b[11] == 0x2D else { return false }
        for (k, c) in b.enumerated() where k != 3 && k != 11 {
            guard c >= 0x30 && c <= 0x39 else { return false }
        }
        return true
    }

    // MARK: Matching

    public static func normalizedForMatching(_ s: String) -> String { BSMText.normalizedForMatching(s) }
}

/// Folds text for phrase matching: compatibility forms (full-width → half-width, half-width
/// katakana → full-width, ligatures), lower case, diacritics removed (Japanese voicing marks
/// are kept: が stays が), `ß` → `ss`, `æ`/`œ` → `ae`/`oe`, apostrophe variants → `'`, dash
/// variants → `-`, every space → ` `.
public func normalizedForMatching(_ s: String) -> String {
    if ASCII.isASCII(s) {
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        for c in s.utf8 {
            switch c {
            case 0x41...0x5A: out.append(c | 0x20)
            case 0x60: out.append(0x27)
            case 0x09...0x0D: out.append(0x20)
            default: out.append(c)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
    let nfkc = s.precomposedStringWithCompatibilityMapping.lowercased()
    var out = String.UnicodeScalarView()
    for u in nfkc.decomposedStringWithCanonicalMapping.unicodeScalars {
        let v = u.value
        if u.properties.generalCategory == .nonspacingMark, v != 0x3099, v != 0x309A { continue }
        switch v {
        case 0xDF: out.append("s"); out.append("s")
        case 0xE6: out.append("a"); out.append("e")
        case 0x153: out.append("o"); out.append("e")
        case 0xF8: out.append("o")
        case 0x142: out.append("l")
        case 0x111: out.append("d")
        case 0x131: out.append("i")
        case 0x2018, 0x2019, 0x201B, 0x02BC, 0x2032, 0x0060, 0x00B4, 0xFF07: out.append("'")
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212: out.append("-")
        default:
            if u.properties.isWhitespace { out.append(" ") } else { out.append(u) }
        }
    }
    return String(out).precomposedStringWithCanonicalMapping
}

/// True when `phrase` occurs in `text` on word boundaries after `normalizedForMatching` (case,
/// accents, widths, apostrophes ignored). A `*` at the end of a phrase word matches any word
/// starting with it (`review*`), at the start any word ending with it (`*bewertung`), at both
/// ends any word containing it. French/Italian elisions are separate words (`l'avis` holds
/// `avis`). Japanese phrases match as substrings of the normalized text.
public func containsPhrase(_ phrase: String, inWords text: String) -> Bool {
    NormalizedText(text).contains(phrase: phrase)
}

/// A text prepared once for many phrase look-ups (phrase packs).
public struct NormalizedText: Sendable {
    public struct Token: Sendable, Hashable {
        public let normalized: String
        /// UTF-8 range of the word in the original text.
        public let utf8Range: Range<Int>
    }

    public let original: String
    public let tokens: [Token]
    /// Normalized text per grapheme cluster with each cluster's original UTF-8 range; built only
    /// when the text contains kana or kanji (for substring matching of Japanese phrases).
    private let cjkPieces: [(String, Range<Int>)]
    /// Characters of the joined normalized pieces, and the piece each came from.
    private let cjkChars: [Character]
    private let cjkPieceOfChar: [Int]

    /// French/Italian elisions split off a word (`l'avis` → `l'` `avis`).
    static let elisions: Set<String> = [
        "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
        "dell", "dall", "nell", "sull", "all", "un", "quell", "quest", "po",
    ]

    public init(_ text: String, placeholders: PlaceholderMatcher? = nil) {
        original = text
        var toks: [Token] = []
        for w in TextSegmenter.words(text, placeholders: placeholders) {
            let norm = normalizedForMatching(w.text)
            let parts = w.kind == .word ? NormalizedText.splitWord(norm) : [norm]
            for part in parts { toks.append(Token(normalized: part, utf8Range: w.utf8Range)) }
        }
        tokens = toks
        if text.unicodeScalars.contains(where: NormalizedText.isCJK) {
            var pieces: [(String, Range<Int>)] = []
            var off = 0
            for ch in text {
                let len = ch.utf8.count
                if !ch.isWhitespace { pieces.append((normalizedForMatching(String(ch)), off..<(off + len))) }
                off += len
            }
            cjkPieces = pieces
            // Normalized pieces are joined character by character (a piece of one character
            // may normalize to several, `ｶﾞ` → `ガ` or `ﬁ` → `fi`).
            var chars: [Character] = []
            var owner: [Int] = []
            for (k, p) in pieces.enumerated() {
                for c in p.0 {
                    chars.append(c)
                    owner.append(k)
                }
            }
            cjkChars = chars
            cjkPieceOfChar = owner
        } else {
            cjkPieces = []
            cjkChars = []
            cjkPieceOfChar = []
        }
    }

    /// `l'avis` → `l'`, `avis` (normalized words).
    /// A word as the phrase matcher reads it: French/Italian elisions split off (`l'avis`), English
    /// contractions written out (`you'll` → `you will`, `don't` → `do not`, `can't` → `cannot`),
    /// so a phrase written one way matches the other (“we hope you'll amend …” and “we hope you
    /// will amend …”). The possessive/`is` `'s` is left as it is.
    static func splitWord(_ norm: String) -> [String] {
        let elided = splitElision(norm)
        if elided.count > 1 { return elided }
        return expandContraction(norm) ?? elided
    }

    static let contractionSubjects: Set<String> = ["i", "you", "we", "they", "he", "she", "it", "that", "there", "who", "what", "this"]

    /// `you'll` → `you`, `will`; `don't` → `do`, `not`; `can't` → `cannot`; `won't` → `will`, `not`;
    /// nil when the word is no English contraction (`'s` is or possessive, `'d` had or would: left as written).
    static func expandContraction(_ norm: String) -> [String]? {
        guard let ap = norm.lastIndex(of: "'") else { return nil }
        let head = String(norm[..<ap]), tail = String(norm[norm.index(after: ap)...])
        guard !head.isEmpty else { return nil }
        switch tail {
        case "t" where head.hasSuffix("n"):
            let stem = String(head.dropLast())
            switch stem {
            case "ca": return ["cannot"]
            case "wo": return ["will", "not"]
            case "sha": return ["shall", "not"]
            case "": return nil
            default: return [stem, "not"]
            }
        case "ll" where contractionSubjects.contains(head): return [head, "will"]
        case "re" where contractionSubjects.contains(head): return [head, "are"]
        case "ve" where contractionSubjects.contains(head) || head == "could" || head == "would" || head == "should":
            return [head, "have"]
        case "m" where head == "i": return ["i", "am"]
        default: return nil
        }
    }

    static func splitElision(_ norm: String) -> [String] {
        guard let ap = norm.firstIndex(of: "'"), elisions.contains(String(norm[..<ap])),
              norm.index(after: ap) < norm.endIndex else { return [norm] }
        return [String(norm[...ap]), String(norm[norm.index(after: ap)...])]
    }

    static func isCJK(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return (0x3040...0x30FF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v)
            || (0xFF66...0xFF9F).contains(v)
    }

    public func contains(phrase: String) -> Bool { !ranges(of: phrase, limit: 1).isEmpty }

    /// Original UTF-8 ranges where `phrase` occurs (see `containsPhrase(_:inWords:)`).
    public func ranges(of phrase: String, limit: Int = Int.max) -> [Range<Int>] {
        if phrase.unicodeScalars.contains(where: NormalizedText.isCJK) {
            return cjkRanges(of: phrase, limit: limit)
        }
        // Phrase tokens; `*` at the end (start) of a phrase word matches any word starting
        // (ending) with it: `review*`, `*bewertung`.
        var pattern: [(text: String, prefix: Bool, suffix: Bool)] = []
        for piece in phrase.split(whereSeparator: { $0.isWhitespace }) {
            let trailing = piece.hasSuffix("*")
            let leading = piece.hasPrefix("*") && piece.count > 1
            var body = Substring(piece)
            if trailing { body = body.dropLast() }
            if leading { body = body.dropFirst() }
            var ws: [String] = []
            for w in TextSegmenter.words(normalizedForMatching(String(body))) {
                ws += w.kind == .word ? NormalizedText.splitWord(w.text) : [w.text]
            }
            for (k, w) in ws.enumerated() {
                pattern.append((w, trailing && k == ws.count - 1, leading && k == 0))
            }
        }
        guard !pattern.isEmpty, tokens.count >= pattern.count else { return [] }
        var out: [Range<Int>] = []
        var i = 0
        while i + pattern.count <= tokens.count {
            var ok = true
            for (k, p) in pattern.enumerated() {
                let t = tokens[i + k].normalized
                let hit: Bool
                switch (p.prefix, p.suffix) {
                case (true, true): hit = t.contains(p.text)
                case (true, false): hit = t.hasPrefix(p.text)
                case (false, true): hit = t.hasSuffix(p.text)
                case (false, false): hit = t == p.text
                }
                if !hit { ok = false; break }
            }
            if ok {
                out.append(tokens[i].utf8Range.lowerBound..<tokens[i + pattern.count - 1].utf8Range.upperBound)
                if out.count >= limit { return out }
                i += pattern.count
            } else {
                i += 1
            }
        }
        return out
    }

    private func cjkRanges(of phrase: String, limit: Int) -> [Range<Int>] {
        let needle = normalizedForMatching(phrase).filter { !$0.isWhitespace }
        guard !needle.isEmpty, !cjkPieces.isEmpty else { return [] }
        let hay = cjkChars
        let ndl = Array(needle)
        guard ndl.count <= hay.count else { return [] }
        var out: [Range<Int>] = []
        var i = 0
        while i + ndl.count <= hay.count {
            if hay[i] == ndl[0], hay[i..<(i + ndl.count)].elementsEqual(ndl) {
                let a = cjkPieces[cjkPieceOfChar[i]].1.lowerBound
                let b = cjkPieces[cjkPieceOfChar[i + ndl.count - 1]].1.upperBound
                out.append(a..<b)
                if out.count >= limit { return out }
                i += ndl.count
            } else {
                i += 1
            }
        }
        return out
    }
}
