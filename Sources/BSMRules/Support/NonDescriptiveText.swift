import BSMText

/// Words and phrases that say nothing about a link's target or an image's content, per
/// language. Data only: add a language by adding a row. Entries are matched against a whole
/// link text / alt text after `normalizedForMatching` (case, accents, widths ignored) and after
/// stripping punctuation, arrows and symbols at both ends.
enum NonDescriptiveText {
    /// Link texts that do not describe the target (WCAG 2.4.4, technique F84).
    static let linkPhrases: [String: [String]] = [
        "en": [
            "click here", "click", "here", "click this link", "click on this link", "tap here", "press here",
            "go here", "this link", "link", "this",
            "read more", "more", "learn more", "see more", "view more", "find out more", "more info",
            "more information", "info", "continue reading", "this page",
        ],
        "es": [
            "haga clic aquí", "haz clic aquí", "haga click aquí", "haz click aquí", "clic aquí", "click aquí",
            "pulse aquí", "pulsa aquí", "pinche aquí", "pincha aquí", "presione aquí", "presiona aquí", "toque aquí",
            "toca aquí", "aquí", "este enlace", "enlace", "link", "leer más", "más", "ver más", "saber más", "más información",
            "info", "sigue leyendo",
        ],
        "fr": [
            "cliquez ici", "cliquer ici", "clique ici", "appuyez ici", "cliquez sur ce lien", "cliquez sur le lien",
            "cliquer sur ce lien", "clique sur ce lien", "ici", "ce lien", "lien", "lire la suite",
            "la suite", "suite", "en savoir plus", "plus", "voir plus", "plus d'infos", "plus d'informations",
        ],
        "de": [
            "hier klicken", "klicken sie hier", "klicke hier", "hier tippen", "tippen sie hier", "tippe hier", "hier",
            "dieser link", "link", "mehr", "weiterlesen",
            "mehr lesen", "mehr erfahren", "mehr infos", "mehr informationen", "hier entlang",
        ],
        "it": [
            "clicca qui", "fai clic qui", "fare clic qui", "premi qui", "tocca qui", "clicca su questo link",
            "clicca questo link", "fai clic su questo link", "clicca", "qui", "questo link", "link", "collegamento",
            "leggi di più", "leggi tutto", "di più", "scopri di più", "altro", "maggiori informazioni", "più info",
        ],
        "ja": [
            "こちら", "コチラ", "ここ", "ここをクリック", "こちらをクリック", "クリック", "クリックしてください", "ここをクリックしてください",
            "こちらをクリックしてください", "リンク", "こちらから", "詳しくはこちら", "詳細はこちら", "続きを読む",
            "もっと見る", "もっと読む",
        ],
        "pt": [
            "clique aqui", "toque aqui", "clique neste link", "aqui", "este link", "link", "leia mais", "saiba mais", "mais", "ver mais",
        ],
    ]

    /// Alt texts that name the kind of picture instead of what it shows. Any number of these
    /// words (plus numbers) is still only generic: "logo image", "photo 2".
    static let altWords: [String: [String]] = [
        "en": [
            "image", "images", "img", "photo", "photos", "photograph", "picture", "pic", "logo", "spacer", "icon",
            "graphic", "banner", "blank", "placeholder", "pixel", "untitled", "alt", "alt text", "shim",
            "transparent", "thumbnail", "gif", "jpg", "jpeg", "png", "null", "none", "empty", "decoration", "logos",
            "icons", "pictures",
        ],
        "es": ["imagen", "imágenes", "foto", "fotografía", "logo", "logotipo", "icono", "espaciador", "gráfico", "banner"],
        "fr": ["image", "photo", "logo", "icône", "espaceur", "illustration", "bannière", "graphique", "visuel"],
        "de": [
            "bild", "bildes", "foto", "fotos", "logo", "logos", "symbol", "grafik", "platzhalter", "abstandhalter",
            "banner", "abbildung",
        ],
        "it": ["immagine", "foto", "logo", "icona", "spaziatore", "grafica", "banner", "illustrazione"],
        "ja": ["画像", "写真", "ロゴ", "アイコン", "イメージ", "スペーサー", "バナー", "画像なし", "ロゴ画像"],
        "pt": ["imagem", "foto", "logo", "logotipo", "ícone", "espaçador"],
    ]

    /// Articles and prepositions that only join generic words ("Image of the logo", "Image du
    /// logo", "Imagen del logotipo", "Foto des Logos"). They never make an alt generic alone:
    /// at least one generic word is needed, and any other word ("Image of a blue kettle") makes
    /// it descriptive.
    static let altFunctionWords: [String: [String]] = [
        "en": ["of", "the", "a", "an", "for", "with"],
        "es": ["de", "del", "el", "la", "los", "las", "un", "una", "para", "con"],
        "fr": ["de", "du", "des", "le", "la", "les", "l", "d", "un", "une", "pour", "avec"],
        "de": ["des", "der", "die", "das", "dem", "den", "vom", "von", "ein", "eine", "eines", "einer", "für", "mit"],
        "it": ["di", "del", "della", "dello", "dei", "delle", "il", "lo", "la", "l", "un", "una", "per", "con"],
        "pt": ["de", "do", "da", "dos", "das", "o", "a", "os", "as", "um", "uma", "para", "com"],
    ]

    /// Normalized link phrases, with the language they come from.
    static let normalizedLinkPhrases: [String: String] = {
        var out: [String: String] = [:]
        for (lang, list) in linkPhrases.sorted(by: { $0.key < $1.key }) {
            for p in list where out[key(p)] == nil { out[key(p)] = lang }
        }
        return out
    }()

    static let normalizedAltWords: Set<String> = {
        var out = Set<String>()
        for list in altWords.values { for w in list { out.insert(key(w)) } }
        return out
    }()

    static let normalizedAltFunctionWords: Set<String> = {
        var out = Set<String>()
        for list in altFunctionWords.values { for w in list { out.insert(key(w)) } }
        return out
    }()

    /// The comparison key: normalized for matching, ends stripped of anything but letters and
    /// digits, inner whitespace collapsed.
    static func key(_ s: String) -> String {
        let n = normalizedForMatching(s)
        let chars = Array(n)
        var start = 0, end = chars.count
        while start < end, !isWordChar(chars[start]) { start += 1 }
        while end > start, !isWordChar(chars[end - 1]) { end -= 1 }
        var out = ""
        var space = false
        for c in chars[start..<end] {
            // Whitespace, zero-width spaces and hyphens between words separate words ("Click-here").
            if c.isWhitespace || c == "\u{200B}" || c == "\u{200C}" || c == "\u{FEFF}" || isHyphen(c) {
                space = true
            } else {
                if space, !out.isEmpty { out.append(" ") }
                space = false
                out.append(c)
            }
        }
        return out
    }

    static func isWordChar(_ c: Character) -> Bool { c.isLetter || c.isNumber }

    /// Hyphen-minus and the Unicode hyphens (not dashes: "Read more — returns" keeps its dash).
    static func isHyphen(_ c: Character) -> Bool { c == "-" || c == "\u{2010}" || c == "\u{2011}" }

    /// The language whose phrase list holds this link text, or nil when it is descriptive.
    static func nonDescriptiveLinkLanguage(_ text: String) -> String? {
        let k = key(text)
        guard !k.isEmpty else { return nil }
        return normalizedLinkPhrases[k]
    }

    /// True when the alt text is made only of generic picture words (and numbers, `_`, `-`),
    /// possibly joined by function words ("Image of the logo").
    static func isGenericAlt(_ text: String) -> Bool {
        let k = key(text)
        guard !k.isEmpty else { return false }
        if normalizedAltWords.contains(k) { return true }
        // Split on anything that is not a letter (an apostrophe too: "l'image" is "l" + "image");
        // every piece must be a generic word or a function word, and one at least generic.
        var pieces: [String] = []
        var cur = ""
        for c in k {
            if c.isLetter {
                cur.append(c)
            } else {
                if !cur.isEmpty { pieces.append(cur) }
                cur = ""
            }
        }
        if !cur.isEmpty { pieces.append(cur) }
        guard pieces.contains(where: { normalizedAltWords.contains($0) }) else { return false }
        return pieces.allSatisfy { normalizedAltWords.contains($0) || normalizedAltFunctionWords.contains($0) }
    }
}
