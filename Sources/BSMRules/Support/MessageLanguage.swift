import Foundation
import BSMDocument
import BSMEngine
import BSMText

/// The language of a message as the language-dependent rules see it.
struct MessageLanguage: Sendable {
    enum Source: String, Sendable { case htmlLang = "<html lang>", detected = "detected (CLD2)"
        case detectedOverLang = "detected (CLD2; <html lang> disagrees)"
    }

    /// Letters the identifier needs before its answer is used (a CJK character counts 3).
    static let minimumLetters = 25

    let language: String
    let source: Source

    /// Words of the visible text without placeholders, URLs, emails, numbers and order ids,
    /// joined by spaces, and their letter count (CJK characters weigh 3).
    static func identifiableText(_ context: RuleContext) -> (text: String, letters: Int) {
        var parts: [String] = []
        var letters = 0
        for w in TextSegmenter.words(context.text.text, placeholders: context.placeholders) where w.kind == .word {
            parts.append(w.text)
            for u in w.text.unicodeScalars where u.properties.isAlphabetic {
                letters += NormalizedText.isCJKScalar(u) ? 3 : 1
            }
        }
        return (parts.joined(separator: " "), letters)
    }

    private struct Identified { let result: LanguageIdentifier.Result?; let letters: Int }

    /// CLD2's answer on the identifiable text (nil under `minimumLetters`), worked out once per
    /// document for every rule that asks.
    private static func identified(_ context: RuleContext) -> Identified {
        context.derived.value("MessageLanguage.identified") {
            let (text, letters) = identifiableText(context)
            return Identified(result: letters >= minimumLetters ? LanguageIdentifier.detect(text) : nil, letters: letters)
        }
    }

    /// CLD2's answer when the text is long enough and CLD2 calls it reliable.
    static func detect(_ context: RuleContext) -> (result: LanguageIdentifier.Result, letters: Int)? {
        let id = identified(context)
        guard let r = id.result, r.reliable, r.language != "un" else { return nil }
        return (r, id.letters)
    }

    /// ISO 639 codes that name no language (`und` undetermined, `mul` several, `zxx` no text).
    static let undetermined: Set<String> = ["und", "mul", "zxx", "mis"]

    /// The primary subtag of the document's `<html lang>`, if any.
    static func htmlLang(_ document: Document) -> (language: String, node: Node)? {
        for n in document.nodes where n.kind == .element && n.name == "html" {
            guard let v = n.attribute("lang")?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            let primary = v.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
            guard primary.count >= 2, primary.count <= 3, primary.allSatisfy({ $0.isLetter }),
                  !undetermined.contains(primary) else { return nil }
            return (primary, n)
        }
        return nil
    }

    /// `<html lang>` (unless a reliable detection covering 80% of the text disagrees), else the
    /// detected language. Nil when there is no `lang` and the text is too short to identify or
    /// CLD2 cannot name one language reliably (mixed-language or filler text).
    static func resolve(_ context: RuleContext) -> MessageLanguage? {
        let reliable = detect(context)?.result
        if let h = htmlLang(context.document) {
            // A wrong `lang` (reported by language-mismatch) must not make every word a typo.
            if let r = reliable, r.language != h.language, r.percent >= 80 {
                return MessageLanguage(language: r.language, source: .detectedOverLang)
            }
            return MessageLanguage(language: h.language, source: .htmlLang)
        }
        guard let r = reliable else { return nil }
        return MessageLanguage(language: r.language, source: .detected)
    }

    private struct Resolved { let language: MessageLanguage? }

    /// `resolve`, worked out once per document for every rule that asks.
    static func shared(_ context: RuleContext) -> MessageLanguage? {
        context.derived.value("MessageLanguage.resolve") { Resolved(language: resolve(context)) }.language
    }

    static let names: [String: String] = [
        "en": "English", "es": "Spanish", "fr": "French", "de": "German", "it": "Italian", "ja": "Japanese",
        "pt": "Portuguese", "nl": "Dutch", "sv": "Swedish", "pl": "Polish", "tr": "Turkish", "ar": "Arabic",
        "hi": "Hindi", "zh": "Chinese", "ko": "Korean", "ru": "Russian", "da": "Danish", "no": "Norwegian",
        "fi": "Finnish", "cs": "Czech", "el": "Greek", "ca": "Catalan", "gl": "Galician", "ro": "Romanian",
    ]

    static func name(_ code: String) -> String { names[code].map { "\($0) (\(code))" } ?? code }
}
