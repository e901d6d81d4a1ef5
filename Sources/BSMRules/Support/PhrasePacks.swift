import BSMDocument
import BSMEngine
import BSMStyle
import BSMText
import Foundation

/// One phrase of a pack, compiled once: word tokens (with `*` wildcards, `...` gaps and
/// `{section}` alternatives) for spaced languages, substring pieces for Japanese.
struct PhrasePattern: Sendable {
    enum Token: Sendable {
        case exact(String)
        case prefix(String)
        case suffix(String)
        case infix(String)
        /// A lone `*`: any one word.
        case any
        /// `...`: up to 3 words.
        case gap
        case alternatives([Token])

        func matches(_ t: String) -> Bool {
            switch self {
            case .exact(let s): return t == s
            case .prefix(let s): return t.hasPrefix(s)
            case .suffix(let s): return t.hasSuffix(s)
            case .infix(let s): return t.contains(s)
            case .any: return true
            case .gap: return true
            case .alternatives(let alts): return alts.contains { $0.matches(t) }
            }
        }
    }

    /// The phrase as written in the pack (shown in findings).
    let source: String
    let language: String
    let section: String
    let tokens: [Token]
    /// Japanese pieces (normalized), joined by `...` gaps of up to 12 characters.
    let cjkPieces: [String]

    var isCJK: Bool { !cjkPieces.isEmpty }

    static let maxGap = 3
    static let maxCJKGapBytes = 36
}

/// A phrase found in a sentence.
struct PhraseHit: Sendable, Hashable {
    /// The phrase as written in the pack.
    let phrase: String
    let language: String
    /// UTF-8 range in `TextModel.text`.
    let range: Range<Int>
}

/// All phrases of one section across languages, indexed by their first word so a sentence is
/// matched in one pass over its words.
struct PhraseIndex: Sendable {
    let name: String
    let patterns: [PhrasePattern]
    private let byFirstWord: [String: [Int]]
    private let byFirstTwoChars: [String: [Int]]
    /// Patterns whose first word is a suffix (`*bewertung`), by its last two characters.
    private let byLastTwoChars: [String: [Int]]
    private let wild: [Int]
    private let cjk: [Int]

    init(name: String, patterns: [PhrasePattern]) {
        self.name = name
        self.patterns = patterns
        var exact: [String: [Int]] = [:], two: [String: [Int]] = [:], last: [String: [Int]] = [:]
        var wild: [Int] = [], cjk: [Int] = []
        for (i, p) in patterns.enumerated() {
            if p.isCJK { cjk.append(i); continue }
            guard let first = p.tokens.first else { continue }
            var keys: [PhrasePattern.Token] = [first]
            if case .alternatives(let alts) = first { keys = alts }
            var indexed = true
            var exactKeys: [String] = [], twoKeys: [String] = [], lastKeys: [String] = []
            for k in keys {
                switch k {
                case .exact(let s): exactKeys.append(s)
                case .prefix(let s) where s.count >= 2: twoKeys.append(String(s.prefix(2)))
                // `{review} … zurückziehen` starts with alternatives holding `*bewertung`: indexed by
                // the ending, so it is not tried at every word of every sentence.
                case .suffix(let s) where s.count >= 2: lastKeys.append(String(s.suffix(2)))
                default: indexed = false
                }
            }
            if indexed {
                for k in Set(exactKeys) { exact[k, default: []].append(i) }
                for k in Set(twoKeys) { two[k, default: []].append(i) }
                for k in Set(lastKeys) { last[k, default: []].append(i) }
            } else {
                wild.append(i)
            }
        }
        byFirstWord = exact
        byFirstTwoChars = two
        byLastTwoChars = last
        self.wild = wild
        self.cjk = cjk
    }

    var isEmpty: Bool { patterns.isEmpty }

    /// Every occurrence of any phrase of the section in the sentence (a phrase once per start).
    func hits(in s: SentenceView) -> [PhraseHit] {
        var out: [PhraseHit] = []
        let toks = s.tokens
        // The candidates of each word are tried straight from the index (no list built per word).
        func attempt(_ c: Int, at i: Int) {
            let p = patterns[c]
            if let end = PhraseIndex.match(p.tokens, 0, toks, i) {
                out.append(PhraseHit(phrase: p.source, language: p.language,
                                     range: s.tokenRanges[i].lowerBound..<s.tokenRanges[end - 1].upperBound))
            }
        }
        for i in toks.indices {
            let t = toks[i]
            if let exact = byFirstWord[t] { for c in exact { attempt(c, at: i) } }
            if !byFirstTwoChars.isEmpty {
                var it = t.makeIterator()
                if let a = it.next(), let b = it.next(), let two = byFirstTwoChars[String([a, b])] {
                    for c in two { attempt(c, at: i) }
                }
            }
            if !byLastTwoChars.isEmpty, t.unicodeScalars.count >= 2 {
                if let l = byLastTwoChars[String(t.suffix(2))] { for c in l { attempt(c, at: i) } }
            }
            for c in wild { attempt(c, at: i) }
        }
        if s.hasCJK {
            for c in cjk {
                let p = patterns[c]
                for r in PhraseIndex.cjkMatches(p.cjkPieces, in: s) {
                    out.append(PhraseHit(phrase: p.source, language: p.language, range: r))
                }
            }
        }
        out.sort { $0.range.lowerBound < $1.range.lowerBound }
        // Two spellings of one phrase (`星5`, `星５`) matching the same words count once.
        var seen = Set<Range<Int>>()
        return out.filter { seen.insert($0.range).inserted }
    }

    func contains(in s: SentenceView) -> Bool { !hits(in: s).isEmpty }

    /// Token index after the match of `pat[k...]` starting at `toks[i]`, or nil. Gaps try at most
    /// `maxGap` skips, so the cost is bounded by the pattern, not the sentence.
    static func match(_ pat: [PhrasePattern.Token], _ k: Int, _ toks: [String], _ i: Int) -> Int? {
        if k == pat.count { return i }
        if case .gap = pat[k] {
            var skip = 0
            while skip <= PhrasePattern.maxGap, i + skip <= toks.count {
                if let e = match(pat, k + 1, toks, i + skip) { return e }
                skip += 1
            }
            return nil
        }
        guard i < toks.count, pat[k].matches(toks[i]) else { return nil }
        return match(pat, k + 1, toks, i + 1)
    }

    static func cjkMatches(_ pieces: [String], in s: SentenceView) -> [Range<Int>] {
        guard let first = pieces.first else { return [] }
        let starts = s.normalized.ranges(of: first)
        if pieces.count == 1 { return starts.map { ($0.lowerBound + s.range.lowerBound)..<($0.upperBound + s.range.lowerBound) } }
        var out: [Range<Int>] = []
        var laterRanges: [[Range<Int>]] = []
        for piece in pieces.dropFirst() { laterRanges.append(s.normalized.ranges(of: piece)) }
        for r in starts {
            var end = r.upperBound
            var ok = true
            for rs in laterRanges {
                // The first later piece starting at or after `end` (ranges are in order: binary
                // search, so a long sentence full of one piece stays O(n log n)).
                let lo = rs.partitioningIndex { $0.lowerBound >= end }
                guard lo < rs.count, rs[lo].lowerBound - end <= PhrasePattern.maxCJKGapBytes else {
                    ok = false
                    break
                }
                end = rs[lo].upperBound
            }
            if ok { out.append((r.lowerBound + s.range.lowerBound)..<(end + s.range.lowerBound)) }
        }
        return out
    }
}

/// Sentences come prepared from the text layer, once per document (`RuleContext.sentences`).
typealias SentenceView = PreparedSentence

extension PreparedSentence {
    /// Index of the first token starting at the absolute UTF-8 `offset`, or nil. Token ranges are
    /// in order (an elision shares its word's range), so this is a binary search: looking up every
    /// phrase hit of a long sentence stays O(hits · log tokens).
    func firstToken(startingAt offset: Int) -> Int? {
        let lo = tokenRanges.partitioningIndex { $0.lowerBound >= offset }
        return lo < tokenRanges.count && tokenRanges[lo].lowerBound == offset ? lo : nil
    }

    /// Index of the last token ending at the absolute UTF-8 `offset`, or nil (binary search).
    func lastToken(endingAt offset: Int) -> Int? {
        let lo = tokenRanges.partitioningIndex { $0.upperBound > offset }
        return lo > 0 && tokenRanges[lo - 1].upperBound == offset ? lo - 1 : nil
    }
}


/// The phrase packs shipped in `Data/phrases/<lang>.txt`, read and compiled once.
enum PhrasePacks {
    static let languages = ["en", "es", "fr", "de", "it", "ja"]

    /// Section name → index over every language.
    static let sections: [String: PhraseIndex] = load()

    /// Languages whose pack file could not be read (reported by no rule; packs are part of the build).
    static func section(_ name: String) -> PhraseIndex {
        sections[name] ?? PhraseIndex(name: name, patterns: [])
    }

    /// The one-word entries of a section (normalized, as the sentence tokens are: `l'` stays
    /// `l'`), for word-list look-ups such as `review-owner`.
    static func words(_ name: String) -> Set<String> {
        var out = Set<String>()
        for p in section(name).patterns where !p.isCJK && !p.source.contains(" ") && !p.source.contains("*") && !p.source.hasPrefix("{") {
            out.insert(normalizedForMatching(p.source))
        }
        return out
    }

    /// Raw lines per language and section.
    static func parse(_ text: String) -> [String: [String]] {
        var out: [String: [String]] = [:]
        var current: String?
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                current = String(line.dropFirst().dropLast())
                continue
            }
            guard let c = current else { continue }
            out[c, default: []].append(line)
        }
        return out
    }

    /// The shipped phrase files' folder (`Data/phrases`).
    static var directory: URL? { Bundle.module.url(forResource: "phrases", withExtension: nil, subdirectory: "Data") }

    static func load() -> [String: PhraseIndex] {
        var bySection: [String: [PhrasePattern]] = [:]
        for lang in languages {
            guard let url = Bundle.module.url(forResource: lang, withExtension: "txt", subdirectory: "Data/phrases"),
                  let data = try? Data(contentsOf: url) else { continue }
            let sections = parse(String(decoding: data, as: UTF8.self))
            for (name, lines) in sections {
                for line in lines {
                    if let p = compile(line, language: lang, section: name, sections: sections) {
                        bySection[name, default: []].append(p)
                    }
                }
            }
        }
        var out: [String: PhraseIndex] = [:]
        for (name, ps) in bySection { out[name] = PhraseIndex(name: name, patterns: ps) }
        return out
    }

    static func compile(_ line: String, language: String, section: String, sections: [String: [String]]) -> PhrasePattern? {
        if line.unicodeScalars.contains(where: NormalizedText.isCJKScalar) {
            let pieces = line.components(separatedBy: "...").map { normalizedForMatching($0).filter { !$0.isWhitespace } }
                .filter { !$0.isEmpty }
            guard !pieces.isEmpty else { return nil }
            return PhrasePattern(source: line, language: language, section: section, tokens: [], cjkPieces: pieces)
        }
        var toks: [PhrasePattern.Token] = []
        for piece in line.split(whereSeparator: { $0.isWhitespace }) {
            let w = String(piece)
            if w == "..." { toks.append(.gap); continue }
            if w == "*" { toks.append(.any); continue }
            if w.hasPrefix("{"), w.hasSuffix("}") {
                let ref = String(w.dropFirst().dropLast())
                var alts: [PhrasePattern.Token] = []
                for entry in sections[ref] ?? [] where !entry.contains(" ") && !entry.hasPrefix("{") {
                    alts += wordTokens(entry)
                }
                guard !alts.isEmpty else { return nil }
                toks.append(.alternatives(alts))
                continue
            }
            toks += wordTokens(w)
        }
        guard !toks.isEmpty else { return nil }
        return PhrasePattern(source: line, language: language, section: section, tokens: toks, cjkPieces: [])
    }

    /// One written word → tokens as the segmenter splits them (`5-star*` → `5-star` prefix, `l'avis` → `l'` `avis`).
    static func wordTokens(_ w: String) -> [PhrasePattern.Token] {
        let trailing = w.hasSuffix("*") && w.count > 1
        let leading = w.hasPrefix("*") && w.count > 1
        var body = Substring(w)
        if trailing { body = body.dropLast() }
        if leading { body = body.dropFirst() }
        var words: [String] = []
        for seg in TextSegmenter.words(normalizedForMatching(String(body))) {
            words += NormalizedText(seg.text).tokens.map(\.normalized)
        }
        var out: [PhrasePattern.Token] = []
        for (k, t) in words.enumerated() {
            let pre = trailing && k == words.count - 1
            let suf = leading && k == 0
            switch (pre, suf) {
            case (true, true): out.append(.infix(t))
            case (true, false): out.append(.prefix(t))
            case (false, true): out.append(.suffix(t))
            case (false, false): out.append(.exact(t))
            }
        }
        return out
    }
}

/// Helpers shared by the content rules.
enum ContentFindings {
    /// A sentence shortened for a message (at most 120 characters), its runs of white space (a
    /// line break, the source's indentation) one space each.
    static func quote(_ s: String) -> String {
        let flat = s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0.isNewline }).joined(separator: " ")
        if flat.count <= 120 { return "“\(flat)”" }
        return "“\(flat.prefix(117))…”"
    }

    /// Distinct phrases of hits, in order, joined for a message.
    static func phrases(_ hits: [PhraseHit]) -> String {
        var seen = Set<String>()
        var out: [String] = []
        for h in hits where seen.insert(h.phrase).inserted { out.append("“\(h.phrase)”") }
        return out.joined(separator: ", ")
    }

    /// The source range of a range of the text model; the document start when unknown.
    static func range(_ r: Range<Int>, _ context: RuleContext) -> SourceRange {
        context.text.sourceRange(r, in: context.document) ?? context.document.source.range(0, 0)
    }
}
