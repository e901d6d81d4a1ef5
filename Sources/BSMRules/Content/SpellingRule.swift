import BSMDocument
import BSMEngine
import BSMText
import Foundation

/// `spelling`: a word is not in the hunspell dictionary of the message language.
public struct SpellingRule: Rule {
    public static let metadata = RuleMetadata(
        id: "spelling",
        name: "Spelling",
        category: .content,
        defaultSeverity: .warning,
        summary: "A word is not in the hunspell dictionary of the message language (placeholders, URLs, configured words, numbers and ALL-CAPS ids skipped)",
        rationale: """
        Amazon lists spelling errors and grammar issues among the content no message may include (content rule 12). \
        bsmlint checks spelling with hunspell and the system dictionaries; grammar is not checked.
        """,
        fix: "Correct the word, or add it (a brand or product name) to `spelling: { words: [...] }` in .bsmlint.yml.",
        decisions: [
            "The language is the primary subtag of `<html lang>`, else the language CLD2 detects (see language-mismatch). Without `lang`, a text under 25 letters (too short to identify) or one CLD2 cannot name reliably (mixed languages, filler) is not spell-checked: guessing the marketplace's language would flag every word of another one. A reliable detection covering at least 80% of the text overrides a disagreeing `<html lang>` (language-mismatch reports the `lang`). Dictionaries: en_US, es_ES, fr_FR, de_DE, it_IT, with the marketplace's regional variant first when installed (en_GB on amazon.co.uk, es_MX on amazon.com.mx, fr_CA on amazon.ca …) (Debian hunspell-en-us, hunspell-en-gb, hunspell-en-au, hunspell-en-ca, hunspell-es, hunspell-fr, hunspell-de-de, hunspell-it: scripts/bootstrap.sh installs them all), searched in BSMLINT_HUNSPELL_PATH, /usr/share/hunspell, /usr/share/myspell/dicts and the Homebrew folder; each finding names the dictionary.",
            "British and American spellings are both correct English, on every marketplace: a word the English dictionary lacks passes when it is a listed British spelling whose American one the dictionary has (or, with a British dictionary, the other way round): -our words (colour, favourite, neighbour …), -ise/-isation (organise, apologise, personalisation …), -tre (centre, litre …), doubled l (travelled, cancelling, labelled …), and words such as catalogue, licence, grey, jewellery, aluminium, tyre, cheque, programme, fulfilment. A list, not a rule: `fourty`, `doctour`, `sise` or `exercize` are still reported.",
            "In a sentence too short for CLD2, the greetings and sign-offs of another language the marketplace allows (the phrase packs' `filler` and `courtesy`: hello, thank you (so much, for your order), have a nice day, merci beaucoup, bonne journée, hallo, vielen Dank, schönen Tag, muchas gracias, grazie mille …) are not spell-checked, provided the message's own language is one it allows (amazon.ca: English and French; amazon.de: German and English; amazon.com: English and Spanish …, as for language-mismatch): “Thank you / Merci” in a French message on amazon.ca, “Hallo” in an English one on amazon.de. Other words of another language inside a sentence are still checked (no second dictionary is opened: each holds megabytes for the whole run).",
            "When no dictionary for the language is installed (or the language has none, such as Japanese), the rule reports nothing but one info finding saying so, at the start of the document; it never fails the run.",
            "Skipped: placeholders, URLs, email addresses, numbers, order ids, words with digits or inner periods (and the parts of a dotted name: `manual.pdf`, `Node.js`), ALL-CAPS words (ids, acronyms), one-letter words, words in `spelling: { words: [...] }` or `words:` (case-insensitive), and—except in German, where every noun is capitalised—capitalised words inside a sentence (names of people, brands and products). A sentence starts after `.`, `!`, `?`, `:`, `;`, a block or a `<br>`; a line break in the source inside a paragraph renders as a space and starts nothing, and the period of an initial or a title (`M. Shanken`, `Dr. Smith`, `Mme. Dupont`) ends no sentence.",
            "Sentences of 25 letters or more that CLD2 reliably identifies as another language (a quotation, the other half of a bilingual template, lorem ipsum) are not spell-checked; `language-mismatch` covers them.",
            "A word followed by a period passes when the dictionary lists it with the period (German abbreviations such as `Nr.`, `ca.`, `bzw.`, `evtl.`, `Tel.`, `usw.`).",
            "Only words written in Latin letters are checked against the (Latin-script) dictionaries: a Russian, Greek or Armenian word in an English message is another language (for `language-mismatch`), not a misspelling.",
            "Beyond hunspell's dictionary: a short list of seller vocabulary per language (`Data/spelling`: `App`, `Timer`, `Lasur`, `locker`, the colour `nude` …); German compounds de_DE cannot build pass when they split into a noun and a noun (`Sendungsnummer` = Sendung+s+Nummer, `Lavendelöl`), a content word and a noun (`Nacktschnecken`) or, written in lower case, a noun and an adjective (`spülmaschinengeeignet`) — words run together (`Ihrebestellung`, `Sehrgeehrte`, `Bestellungwurde`) do not, though a wrong compound of two real nouns does; Spanish verbs with attached pronouns pass when the verb does (`indíquenos`, `indicárnoslo`).",
            "A hyphenated word passes when the whole or every part is in the dictionary. Each distinct misspelled word is reported once, at its first occurrence; the first `suggestions` words per document (default 0) carry up to three hunspell suggestions: the suggestion search costs 30–50 ms a word, the check itself microseconds, so suggestions are opt-in.",
        ],
        options: [
            RuleOptionSpec(name: "suggestions", type: "number", defaultValue: "0",
                           summary: "How many misspelled words per document get hunspell suggestions (each costs about 30 ms)."),
        ],
        failing: [
            RuleExample("<html lang=\"de\"><body><p>Vielen Dank für ↓Ihrebestellung, sie wird ↓heutebereits versandt.</p></body></html>", note: "Words run together are no compound."),
            RuleExample("<html lang=\"es\"><body><p>Por favor, ↓indiquénos su dirección.</p></body></html>", note: "The accent of an attached pronoun stands before the verb's last syllable."),
            RuleExample("<p>We will ↓recieve the parts tomorrow.</p>"),
            RuleExample("<p>Your ↓pakage is ready for collection at the depot.</p>", config: "rules:\n  spelling:\n    options: { suggestions: 1 }",
                        note: "With `suggestions: 1` the finding lists hunspell's suggestions."),
            RuleExample("<html lang=\"es\"><body><p>Gracias por su ↓compar.</p></body></html>"),
            RuleExample("<html lang=\"de\"><body><p>Vielen Dank für Ihre ↓Bestelung.</p></body></html>"),
            RuleExample("<html lang=\"fr\"><body><p>Merci pour votre ↓comande.</p></body></html>"),
            RuleExample("Thank you for your order.\n\nThe ↓adress on the label is incomplete.", kind: .text),
        ],
        passing: [
            RuleExample("<p>The grey cover in your favourite colour is in the catalogue; we will organise the licence and a travelled courier.</p>", note: "British spellings are English too."),
            RuleExample("Bonjour / Hello,\n\nMerci pour votre commande {{order.id}}. Le colis arrivera demain avec la notice de montage.\n\nThank you / Merci", kind: .text, config: "marketplace: amazon.ca", note: "English words in a French message on amazon.ca are in the other allowed dictionary."),
            RuleExample("<p>Russian text: Пустое тело письма. Greek: Καλημέρα.</p>", note: "Words in other scripts are not spell-checked."),
            RuleExample("<html lang=\"de\"><body><p>Ihre Sendungsnummer und die Sendungsverfolgung finden Sie in der App; der Nachforschungsauftrag läuft.</p></body></html>", note: "Compounds of known words, and seller vocabulary."),
            RuleExample("<html lang=\"es\"><body><p>Por favor, indíquenos su dirección o indicárnoslo por mensaje.</p></body></html>", note: "Verbs with attached pronouns."),
            RuleExample("<html lang=\"de\"><body><p>Ihre Rechnung Nr. 4711 kommt ca. am Montag bzw. evtl. am Dienstag.</p></body></html>", note: "Abbreviations de_DE lists with their period."),
            RuleExample("<p>Thank you for your order {{order_id}}, see https://www.amazon.com/gp/help for details.</p>"),
            RuleExample("<p>Your ASIN B07XJ8C8F5 and order 123-1234567-1234567 are confirmed by our QA team.</p>"),
            RuleExample("<p>Your Zorblax blender is ready.</p>", config: "spelling:\n  words: [Zorblax]"),
            RuleExample("<p>Please find the instructions in manual.pdf and the setup notes in readme.txt, attached.</p>", note: "File names (a word joined by a period) are not prose."),
            RuleExample("<html lang=\"it\"><body><p>Grazie per il tuo ordine.</p></body></html>"),
            RuleExample("<p>We hope the Frobnicator works well.</p>", note: "A capitalised word inside a sentence is taken as a name."),
            RuleExample("<p>Merci, très bien.</p>", note: "No `lang` and too short to identify: not checked."),
            RuleExample("<p>Read the docs, follow us on Twitter or\nGithub for updates on your order.</p>", note: "A line break in the source renders as a space: “Github” is a capitalised name inside a sentence, not a sentence start."),
            RuleExample("<p>Thank you for your order. Copyright 2014 M. Shanken Communications.</p>", note: "The period of an initial ends no sentence."),
        ],
        appliesTo: [.html, .text, .eml],
        policy: "Content 12"
    )

    public init(options: RuleOptions) throws {
        try options.validate(known: Self.metadata.options, ruleId: Self.metadata.id)
        let n = try options.number("suggestions", default: 0)
        guard n >= 0, n <= 100 else { throw ConfigError.badOption(key: "suggestions", reason: "expected 0 to 100") }
        suggestionLimit = Int(n)
    }

    // The document's prepared sentences (shared with the phrase rules) tell foreign and short
    // lines: no second segmentation of the text.
    public var interest: NodeInterest { NodeInterest(needs: [.text, .sentences]) }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let text = context.text.text
        guard text.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { return }
        // No `lang` and no reliable identification: guessing a dictionary would flag every word
        // of another language, so the text is left alone.
        guard let lang = MessageLanguage.shared(context) else { return }
        guard let dict = SpellChecker.shared.dictionary(for: lang.language, marketplace: context.configuration.marketplace) else {
            report.report("Spelling not checked: no hunspell dictionary for \(MessageLanguage.name(lang.language)) (language from \(lang.source.rawValue)) is installed",
                          at: context.document.source.range(0, 0), evidence: "searched: \(SpellChecker.searchPaths.joined(separator: ", "))",
                          severity: .info)
            return
        }
        // The marketplace's other languages (amazon.ca: en and fr; amazon.de: de and en), when
        // the message's language is one of them: a bilingual greeting or sign-off (“Thank you /
        // Merci”, “Hallo”) is told by the phrase packs' greetings and sign-offs (no dictionary
        // of another language is opened: each holds megabytes for the whole run).
        let languages = MarketplaceLanguages.table[context.configuration.marketplace] ?? []
        let others = languages.contains(lang.language) ? Set(languages.filter { $0 != lang.language }) : []
        let allowed = Set(context.configuration.spellingWords.map { normalizedForMatching($0) })
        let bytes = Array(text.utf8)
        let foreign = SpellingRule.foreignSentences(context, language: lang.language, others: others)
        var f = 0
        var seen = Set<String>()
        // Words found correct, and the German compound test with hunspell's answers memoised and
        // at most 10,000 distinct look-ups per document (a hostile text of long made-up compounds
        // would otherwise ask hunspell hundreds of times per word): past that, no more splitting.
        var correct = Set<String>()
        var known: [String: Bool] = [:]
        let compound: ((String) -> Bool)? = lang.language == "de" ? { word in
            // Past the budget a word is not judged (left unreported) rather than guessed wrong.
            guard known.count < 10_000 else { return true }
            return SpellingRule.isGermanCompound(word, depth: 2) { w in
                if let k = known[w] { return k }
                guard known.count < 10_000 else { return false }
                let k = dict.spell(w)
                known[w] = k
                return k
            }
        } : nil
        for w in TextSegmenter.words(text, placeholders: context.placeholders) where w.kind == .word && w.script == .latin {
            while f < foreign.count, foreign[f].upperBound <= w.utf8Range.lowerBound { f += 1 }
            if f < foreign.count, foreign[f].lowerBound <= w.utf8Range.lowerBound { continue }
            let word = w.text.replacingOccurrences(of: "’", with: "'")
            // Only Latin-script words go to a Latin-script dictionary: Cyrillic, Greek or Armenian
            // words in an English message are another language's, not misspellings.
            guard SpellingRule.isLatinScript(word) else { continue }
            // Part of a dotted token: a file name (`manual.pdf`), `Node.js`, `ASP.NET`.
            if SpellingRule.isInDottedToken(bytes, w.utf8Range) { continue }
            guard SpellingRule.shouldCheck(word, allowed: allowed) else { continue }
            let sentenceStart = SpellingRule.startsSentence(bytes, at: w.utf8Range.lowerBound, in: context.text)
            if lang.language != "de", !sentenceStart, word.first?.isUppercase == true { continue }
            if seen.contains(word) { continue }
            if correct.contains(word) { continue }
            if SpellingRule.isCorrect(word, dict, language: lang.language, compound: compound) {
                correct.insert(word)
                continue
            }
            // An abbreviation the dictionary lists with its period (de_DE `Nr.`, `ca.`, `bzw.`, `Tel.`).
            if w.utf8Range.upperBound < bytes.count, bytes[w.utf8Range.upperBound] == 0x2E, dict.spell(word + ".") { continue }
            seen.insert(word)
            // Hunspell's suggestions are slow (tens of ms a word): only for the first few words.
            let suggestions = seen.count <= suggestionLimit ? dict.suggest(word) : []
            let hint = suggestions.isEmpty ? "" : " (suggestions: \(suggestions.joined(separator: ", ")))"
            report.report("“\(w.text)” is not in the \(dict.name) dictionary\(hint)",
                          at: ContentFindings.range(w.utf8Range, context),
                          evidence: "hunspell \(dict.name) (\(dict.path)); language \(lang.language) from \(lang.source.rawValue)")
        }
    }

    /// Sentences CLD2 reliably identifies as another language than the dictionary's (quotes,
    /// bilingual templates, lorem ipsum): left to `language-mismatch`, not spell-checked. In a
    /// sentence too short for CLD2, the greetings and sign-offs of `others` (the marketplace's
    /// other languages, phrase packs' `filler`: “Thank you” on amazon.ca, “Hallo” on amazon.de)
    /// are left out too. Ranges in order, not overlapping.
    static func foreignSentences(_ context: RuleContext, language: String, others: Set<String>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        let filler = others.isEmpty ? nil : PhrasePacks.section("filler")
        let courtesy = others.isEmpty ? nil : PhrasePacks.section("courtesy")
        for s in context.sentences {
            var letters = 0
            for u in s.text.unicodeScalars where u.properties.isAlphabetic { letters += 1 }
            guard letters >= MessageLanguage.minimumLetters else {
                if let filler, let courtesy, letters > 0 {
                    let hits = (filler.hits(in: s) + courtesy.hits(in: s)).sorted {
                        $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound < $1.range.lowerBound : $0.range.upperBound > $1.range.upperBound
                    }
                    for h in hits where others.contains(h.language) {
                        if let last = out.last, last.upperBound > h.range.lowerBound { continue }
                        out.append(h.range)
                    }
                }
                continue
            }
            let r = LanguageIdentifier.detect(context.placeholders.masking(s.text))
            if r.reliable, r.language != "un", r.language != language { out.append(s.range) }
        }
        return out
    }

    /// Misspelled words per document that get suggestions (option `suggestions`).
    let suggestionLimit: Int

    /// The word holds a Latin letter (Basic Latin, Latin-1, Latin Extended, IPA, ligatures,
    /// full-width Latin): a word of Cyrillic, Greek or Armenian letters only is not checked, one
    /// that mixes them with Latin ones (`Аmazon` with a Cyrillic А) is.
    static func isLatinScript(_ word: String) -> Bool {
        word.unicodeScalars.contains { u in
            switch u.value {
            case 0x41...0x5A, 0x61...0x7A, 0xAA, 0xB5, 0xBA, 0xC0...0x2AF, 0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF,
                 0xAB30...0xAB6F, 0xFB00...0xFB06, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
                return u.properties.isAlphabetic
            default:
                return false
            }
        }
    }

    static func shouldCheck(_ word: String, allowed: Set<String>) -> Bool {
        let letters = word.filter(\.isLetter)
        if letters.count < 2 { return false }
        if word.contains(where: { $0.isNumber || $0 == "." || $0 == "_" }) { return false }
        if letters.allSatisfy({ $0.isUppercase }) { return false }
        // camelCase / inner capitals (iPhone, McDonald) are names.
        if word.dropFirst().contains(where: { $0.isUppercase }) { return false }
        if allowed.contains(normalizedForMatching(word)) { return false }
        return true
    }

    /// True when a `.` joins the word to a letter or digit on either side (`manual.pdf`,
    /// `readme.txt`, `Node.js`): the word is part of a file or product name, not prose.
    static func isInDottedToken(_ bytes: [UInt8], _ r: Range<Int>) -> Bool {
        func alnum(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || (b >= 0x30 && b <= 0x39) || b >= 0x80 }
        if r.lowerBound >= 2, bytes[r.lowerBound - 1] == 0x2E, alnum(bytes[r.lowerBound - 2]) { return true }
        if r.upperBound + 1 < bytes.count, bytes[r.upperBound] == 0x2E, alnum(bytes[r.upperBound + 1]) { return true }
        return false
    }

    /// Seller vocabulary the dictionaries lack (`Data/spelling/<lang>.txt`), per language.
    static let sellerWords: [String: Set<String>] = {
        var out: [String: Set<String>] = [:]
        for lang in ["en", "de", "es", "fr", "it"] {
            if let words = PhraseData.lines(lang, subdirectory: "Data/spelling") { out[lang] = Set(words) }
        }
        return out
    }()

    /// `compound`: the document's German compound test (memoised, with a budget), or nil.
    static func isCorrect(_ word: String, _ dict: SpellChecker.Dictionary, language: String = "",
                          compound: ((String) -> Bool)? = nil) -> Bool {
        if dict.spell(word) { return true }
        if let extra = sellerWords[language], extra.contains(word) || extra.contains(word.lowercased()) { return true }
        if language == "de", let compound, compound(word) { return true }
        if language == "es", isSpanishWithClitics(word, dict) { return true }
        if language == "en", isOtherEnglishSpelling(word, dict) { return true }
        if word.contains("-") {
            let parts = word.split(separator: "-").map(String.init)
            if parts.allSatisfy({ $0.count < 2 || dict.spell($0) }) { return true }
        }
        // Elisions and possessives: l'avis, dell'ordine, customer's.
        if let ap = word.firstIndex(of: "'") {
            let head = String(word[..<ap]), tail = String(word[word.index(after: ap)...])
            if tail.count >= 2, dict.spell(tail), head.count <= 5 { return true }
            if tail == "s" || tail.isEmpty, dict.spell(head) { return true }
        }
        return false
    }

    /// British and American spellings are both English: a word the dictionary lacks is correct
    /// when it is a listed British spelling whose American one is in it (`colour`/`color`,
    /// `organise`/`organize`, `centre`/`center`, `travelled`/`traveled`, `catalogue`, `licence`,
    /// `grey` …, with their endings), or, with a British dictionary, the other way round. A list,
    /// not a rule: `fourty`, `doctour`, `sise` and `exercize` look British or American but are
    /// misspellings.
    static func isOtherEnglishSpelling(_ word: String, _ dict: SpellChecker.Dictionary) -> Bool {
        let w = word.lowercased()
        guard let other = dict.name == "en_US" ? EnglishVariants.american[w] : EnglishVariants.british[w] else { return false }
        return dict.spell(other)
    }

    /// Words that never start a German compound here: articles, pronouns, prepositions and
    /// particles (“Ihrebestellung”, “Sehrgeehrte”, “Vielendank” are words run together).
    static let germanFunctionWords: Set<String> = [
        "ihr", "ihre", "ihren", "ihrem", "ihrer", "ihres", "unser", "unsere", "unseren", "sehr", "mit", "von", "für", "vielen",
        "viele", "die", "der", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "und", "oder", "zu", "zum", "zur",
        "im", "am", "beim", "bei", "auf", "aus", "nach", "vor", "wie", "wir", "sie", "es", "er", "heute", "bereits", "noch",
        "schon", "nicht", "auch", "ist", "sind", "wurde", "wird", "hat", "haben", "freundlichen", "liebe", "lieber", "danke",
    ]

    /// A German compound hunspell's de_DE cannot build (`Sendungsnummer`, `Nachforschungsauftrag`,
    /// `Lavendelöl`, `spülmaschinengeeignet`, `Nacktschnecken`): a noun (with or without a linking
    /// `s`/`es`/`n`/`en`/`e`) and a noun — or, in a word written in lower case, an adjective (`…geeignet`)
    /// — or a content word of 4+ letters before a noun; the second part may itself be such a compound
    /// (`depth`). A noun is a word hunspell knows capitalised but not in lower case. Words run
    /// together (`Ihrebestellung`, `Bestellungwurde`, `Freundlichengrüßen`) do not pass. Only words
    /// of 8 to 40 letters; `spell` memoises hunspell's answers for the document.
    static func isGermanCompound(_ word: String, depth: Int, spell: (String) -> Bool) -> Bool {
        let chars = Array(word)
        // At most 40 letters: a longer token is no compound to split (and splitting is quadratic).
        guard depth > 0, (8...40).contains(chars.count), chars.allSatisfy(\.isLetter) else { return false }
        func capitalized(_ w: String) -> String { w.prefix(1).uppercased() + w.dropFirst() }
        func isNoun(_ w: String) -> Bool { spell(capitalized(w)) && !spell(w.lowercased()) }
        let lowerWord = chars[0].isLowercase
        for i in 3...(chars.count - 2) {
            let left = String(chars[..<i]), rightRaw = String(chars[i...])
            let right = capitalized(rightRaw)
            var heads = [left]
            for link in ["s", "es", "n", "en", "e"] where left.hasSuffix(link) && left.count - link.count >= 3 {
                heads.append(String(left.dropLast(link.count)))
            }
            let nounHead = heads.contains(where: isNoun)
            let contentHead = !nounHead && left.count >= 4 && !germanFunctionWords.contains(left.lowercased()) && spell(left.lowercased())
            guard nounHead || contentHead else { continue }
            let nounRight = isNoun(rightRaw) || (rightRaw.count >= 8 && isGermanCompound(right, depth: depth - 1, spell: spell))
            if nounRight, nounHead || !lowerWord { return true }
            // An adjective after a noun, in a word written in lower case (`spülmaschinengeeignet`, `glutenfreien`).
            if lowerWord, nounHead, spell(rightRaw.lowercased()), !germanFunctionWords.contains(rightRaw.lowercased()) { return true }
        }
        return false
    }

    /// A Spanish verb with clitic pronouns attached (`indíquenos`, `indicárnoslo`, `envíemelo`):
    /// the verb without them, and without the accent they add, is in the dictionary. The added
    /// accent stands before the verb's last syllable (`indíque-nos`), or on an infinitive's
    /// ending (`indicár-noslo`): `indiqué-nos`, `comprá-me` are misspellings.
    static func isSpanishWithClitics(_ word: String, _ dict: SpellChecker.Dictionary) -> Bool {
        let lower = word.lowercased()
        let accented: [Character: Character] = ["á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u"]
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "á", "é", "í", "ó", "ú"]
        for clitic in ["noslo", "nosla", "noslos", "noslas", "selo", "sela", "selos", "selas", "melo", "mela", "telo", "tela",
                       "nos", "les", "los", "las", "me", "te", "se", "le", "lo", "la"] where lower.hasSuffix(clitic) {
            let base = Array(lower.dropLast(clitic.count))
            guard base.count >= 3, let k = base.firstIndex(where: { accented[$0] != nil }) else { continue }
            let afterAccent = base[(k + 1)...]
            let infinitive = afterAccent.elementsEqual(["r"])
            guard infinitive || afterAccent.contains(where: vowels.contains) else { continue }
            let plain = String(base.map { accented[$0] ?? $0 })
            if dict.spell(plain) { return true }
        }
        return false
    }

    /// True when only spaces and an opening quote or bracket separate the word from a sentence
    /// end (`.`, `!`, `?`, `:`), a line break or the start of the text. A line break inside a text
    /// run is the source's and renders as a space (`Docs •⏎Github`); only the breaks between runs
    /// (blocks, `<br>`) end a line. The period of an initial or a title (`M. Shanken`,
    /// `Dr. Smith`) ends no sentence.
    static func startsSentence(_ bytes: [UInt8], at offset: Int, in text: TextModel) -> Bool {
        var i = offset - 1
        while i >= 0 {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x22 || b == 0x27 || b == 0x28 || b == 0x5B || b >= 0x80 && b < 0xC0 {
                i -= 1
                continue
            }
            if b >= 0xC0 { i -= 1; continue }
            if (b == 0x0A || b == 0x0D), text.run(containing: i) != nil { i -= 1; continue }
            if b == 0x2E, endsAbbreviation(bytes, dotAt: i) { return false }
            return b == 0x2E || b == 0x21 || b == 0x3F || b == 0x3A || b == 0x0A || b == 0x0D || b == 0x3B
        }
        return true
    }

    /// Titles whose period is no sentence end.
    static let titles: Set<String> = ["mr", "mrs", "ms", "dr", "st", "prof", "sr", "jr", "mt", "hr", "fr", "sra", "srta", "dott", "sig", "mme", "mlle"]

    /// True when the `.` at `dotAt` ends an initial (`M.`) or a title (`Dr.`): a word of one
    /// capital letter, or a title, right before it.
    static func endsAbbreviation(_ bytes: [UInt8], dotAt: Int) -> Bool {
        var k = dotAt
        while k > 0, (bytes[k - 1] | 0x20) >= 0x61, (bytes[k - 1] | 0x20) <= 0x7A { k -= 1 }
        let word = bytes[k..<dotAt]
        guard !word.isEmpty, k == 0 || !(bytes[k - 1] >= 0x80 || (bytes[k - 1] >= 0x30 && bytes[k - 1] <= 0x39)) else { return false }
        if word.count == 1 { return word[word.startIndex] >= 0x41 && word[word.startIndex] <= 0x5A }
        return titles.contains(String(decoding: word, as: UTF8.self).lowercased())
    }
}
