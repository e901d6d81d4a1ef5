import BSMDocument
import BSMEngine

/// `html-lang`: a whole document's `<html>` has no valid `lang`.
public struct HtmlLangRule: Rule {
    public static let metadata = RuleMetadata(
        id: "html-lang",
        name: "Document language",
        category: .accessibility,
        defaultSeverity: .error,
        summary: "A whole document's `<html>` element has no `lang`, or `lang` is not a valid BCP 47 tag",
        rationale: """
        Screen readers pick their voice and pronunciation rules from the document language (WCAG 3.1.1, Language of \
        Page). Without `lang` an English voice reads a Spanish message as gibberish, and translation and spelling \
        tools guess.
        """,
        fix: "Add the message language to the root element: `<html lang=\"en\">` (or `es`, `fr-CA`, `ja`, …).",
        decisions: [
            "Only whole documents are checked: a fragment (no `<html>`, `<head>` or `<body>` tag of its own) and plain-text messages have no root element to carry `lang` (see `content-lang` for the wrapper that survives Amazon's processing).",
            "A document with `<head>`/`<body>` but no `<html>` tag is reported at its first tag.",
            "`xml:lang` alone does not count: in HTML only `lang` sets the language.",
            "Valid means well-formed BCP 47 (language, extlang, script, region, variants, extensions, private use, grandfathered tags) whose subtags are registered: the language is an ISO 639-1 code or an ISO 639-2/3/5 code (`fil`, `yue`, `arz`, `ars`, the special `mul`/`und`/`zxx`/`mis`) or local use `qaa`–`qtz`; a script is ISO 15924 (or private use `Qaaa`–`Qabx`); a region is ISO 3166-1, one of the registry's additions (`EU`, `EZ`, `UN`, `IC`, `EA`, …; deprecated `YU`, `CS`, `SU`, …), a UN M.49 area code it registers (`419`, `150`, `001`, …) or private use (`AA`, `QM`–`QZ`, `XA`–`XZ` — so `XK` for Kosovo — and `ZZ`). `en-UK` is reported (the United Kingdom is `GB`), as are `esp`, `jap` and `zh-CHS`. The lists come from Debian's iso-codes 4.15.0 (LGPL-2.1+, notice in `Data/languages/NOTICE`; `scripts/gen-language-subtags.py` regenerates them); a code ISO adds after that release would be reported until the list is regenerated. Variant subtags (`1996`, `rozaj`) are checked for form only: the registry's variant list is not shipped.",
            "The ISO 639-2 codes of languages that have a two-letter code (`eng`, `deu`/`ger`, `fra`/`fre`, `spa`, `jpn`, …) are not BCP 47 language subtags (RFC 5646 §2.2.1): the message names the two-letter code to use. `en_US`, `english` and `lang=\"\"` are reported, at the attribute. A value holding a placeholder (`lang=\"{{locale}}\"`) is unknown and not reported.",
        ],
        failing: [
            RuleExample("<!DOCTYPE html>\n↓<html>\n<head><title>Your order</title></head>\n<body><p>Hello</p></body>\n</html>"),
            RuleExample("<html ↓lang=\"en_US\">\n<body><p>Hello</p></body>\n</html>", note: "Underscores are not BCP 47."),
            RuleExample("<html ↓lang=\"english\"><body><p>Hello</p></body></html>", note: "Not a language code."),
            RuleExample("<html ↓lang=\"\"><body><p>Hello</p></body></html>"),
            RuleExample("<html ↓lang=\"eng\"><body><p>Hello</p></body></html>", note: "The ISO 639-2 form of `en`: BCP 47 uses `en`."),
            RuleExample("<html ↓lang=\"en-UK\"><body><p>Hello</p></body></html>", note: "`UK` is not a region code: the United Kingdom is `GB`."),
            RuleExample("<html ↓lang=\"esp\"><body><p>Hola</p></body></html>", note: "Not an ISO 639 code (Spanish is `es`)."),
            RuleExample("↓<html xml:lang=\"fr\"><body><p>Bonjour</p></body></html>", note: "`xml:lang` alone does not set the language in HTML."),
            RuleExample("↓<head><title>Order</title></head>\n<body><p>Hello</p></body>", note: "No `<html>` tag: reported at the first tag."),
        ],
        passing: [
            RuleExample("<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>Your order</title></head>\n<body><p>Hello</p></body>\n</html>"),
            RuleExample("<html lang=\"es-419\"><body><p>Hola</p></body></html>"),
            RuleExample("<html lang=\"zh-Hant-TW\"><body><p>您好</p></body></html>"),
            RuleExample("<html lang=\"ars-SA\"><body><p>مرحبا</p></body></html>", note: "A registered 3-letter language (Najdi Arabic) that has no two-letter code."),
            RuleExample("<html lang=\"sq-XK\"><body><p>Përshëndetje</p></body></html>", note: "`XK` (Kosovo) is in the private-use range the registry sets aside."),
            RuleExample("<html LANG=\"de-DE-x-formal\"><body><p>Guten Tag</p></body></html>"),
            RuleExample("<p>Hello, your order has shipped.</p>", note: "A fragment has no root element; `content-lang` covers it."),
            RuleExample("<html lang=\"{{buyer_locale}}\"><body><p>Hello</p></body></html>", note: "A placeholder is filled in at send time."),
        ],
        wcag: "3.1.1 Language of Page (Level A)",
        judgesWholeMessage: true
    )

    public struct State: Sendable {
        var firstTag: NodeID?
        var html: NodeID?
    }

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { .elements(["html", "head", "body"]) }

    public func makeState(_ context: RuleContext) -> State { State() }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {
        let node = context.node(id)
        guard !node.isImplied else { return }
        if state.firstTag == nil { state.firstTag = id }
        if node.name == "html", state.html == nil { state.html = id }
    }

    public func finish(_ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {
        let doc = context.document
        guard !doc.isFragment else { return }
        guard let html = state.html else {
            if let first = state.firstTag {
                report.report("The document has no <html> element with lang: add <html lang=\"…\">", node: doc[first])
            }
            return
        }
        let node = doc[html]
        guard let lang = node.attributeNode("lang") else {
            let xml = node.attribute("xml:lang").map { " (xml:lang=\"\($0)\" alone does not set the language in HTML)" } ?? ""
            report.report("<html> has no lang attribute\(xml): screen readers cannot tell the message language", node: node)
            return
        }
        // A placeholder (`lang="{{locale}}"`) is filled in when the message is sent: unknown, not invalid.
        if context.placeholders.containsPlaceholder(lang.value) { return }
        if let problem = LanguageTag.validate(lang.value) {
            report.report("<html lang=\"\(lang.value)\"> is not a valid language tag: \(problem)", at: lang.range,
                          evidence: "lang=\"\(lang.value)\"")
        }
    }
}
