import BSMText

/// Words and phrases that say nothing about a link's target or an image's content, per
/// language. Data only: add a language by adding a row. Entries are matched against a whole
/// link text / alt text after `normalizedForMatching` (case, accents, widths ignored) and after
/// stripping punctuation, arrows and symbols at both ends.
enum NonDescriptiveText {
    /// Link texts that do not describe the target (WCAG 2.4.4, technique F84).
    static let linkPhrases: [String: [String]] = [
        "en": [
            "click here", "click", "here", "click this link", "tap here", "go here", "this link", "link", "this",
            "read more", "more", "learn more", "see more", "view more", "find out more", "more info",
            "more information", "info", "continue reading", "this page",
        ],
        "es": [
            "haga clic aquí", "haz clic aquí", "clic aquí", "click aquí", "pulse aquí", "pulsa aquí", "pincha aquí",
            "aquí", "este enlace", "enlace", "link", "leer más", "más", "ver más", "saber más", "más información",
            "info", "sigue leyendo",
        ],
        "fr": [
            "cliquez ici", "cliquer ici", "clique ici", "appuyez ici", "ici", "ce lien", "lien", "lire la suite",
            "la suite", "suite", "en savoir plus", "plus", "voir plus", "plus d'infos", "plus d'informations",
        ],
        "de": [
            "hier klicken", "klicken sie hier", "klicke hier", "hier", "dieser link", "link", "mehr", "weiterlesen",
            "mehr lesen", "mehr erfahren", "mehr infos", "mehr informationen", "hier entlang",
        ],
        "it": [
            "clicca qui", "fai clic qui", "fare clic qui", "clicca", "qui", "questo link", "link", "collegamento",
            "leggi di più", "leggi tutto", "di più", "scopri di più", "altro", "maggiori informazioni", "più info",
        ],
        "ja": [
            "こちら", "コチラ", "ここ", "ここをクリック", "こちらをクリック", "クリック", "クリックしてください", "ここをクリックしてください",
            "こちらをクリックしてください", "リンク", "こちらから", "詳しくはこちら", "詳細はこちら", "続きを読む",
            "もっと見る", "もっと読む",
        ],
        "pt": [
            "clique aqui", "aqui", "este link", "link", "leia mais", "saiba mais", "mais", "ver mais",
        ],
    ]

    /// Alt texts that name the kind of picture instead of what it shows. Any number of these
    /// words (plus numbers) is still only generic: "logo image", "photo 2".
    static let altWords: [String: [String]] = [
        "en": [
            "image", "images", "img", "photo", "photos", "photograph", "picture", "pic", "logo", "spacer", "icon",
            "graphic", "banner", "blank", "placeholder", "pixel", "untitled", "alt", "alt text", "shim",
            "transparent", "thumbnail", "gif", "jpg", "jpeg", "png", "null", "none", "empty", "decoration",
        ],
        "es": ["imagen", "imágenes", "foto", "fotografía", "logo", "logotipo", "icono", "espaciador", "gráfico", "banner"],
        "fr": ["image", "photo", "logo", "icône", "espaceur", "illustration", "bannière", "graphique", "visuel"],
        "de": ["bild", "foto", "logo", "symbol", "grafik", "platzhalter", "abstandhalter", "banner", "abbildung"],
        "it": ["immagine", "foto", "logo", "icona", "spaziatore", "grafica", "banner", "illustrazione"],
        "ja": ["画像", "写真", "ロゴ", "アイコン", "イメージ", "スペーサー", "バナー", "画像なし", "ロゴ画像"],
        "pt": ["imagem", "foto", "logo", "logotipo", "ícone", "espaçador"],
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
            if c.isWhitespace || c == "\u{200B}" || c == "\u{200C}" || c == "\u{FEFF}" {
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

    /// The language whose phrase list holds this link text, or nil when it is descriptive.
    static func nonDescriptiveLinkLanguage(_ text: String) -> String? {
        let k = key(text)
        guard !k.isEmpty else { return nil }
        return normalizedLinkPhrases[k]
    }

    /// True when the alt text is made only of generic picture words (and numbers, `_`, `-`).
    static func isGenericAlt(_ text: String) -> Bool {
        let k = key(text)
        guard !k.isEmpty else { return false }
        if normalizedAltWords.contains(k) { return true }
        // Split on anything that is not a letter; every piece must be a generic word.
        var pieces: [String] = []
        var cur = ""
        for c in k {
            if c.isLetter || c == "'" {
                cur.append(c)
            } else {
                if !cur.isEmpty { pieces.append(cur) }
                cur = ""
            }
        }
        if !cur.isEmpty { pieces.append(cur) }
        guard !pieces.isEmpty else { return false }
        return pieces.allSatisfy { normalizedAltWords.contains($0) }
    }
}
