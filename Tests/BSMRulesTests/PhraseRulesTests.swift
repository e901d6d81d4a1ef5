import BSMDocument
import BSMEngine
import Foundation
@testable import BSMRules
import Testing

/// Lints `code` with the given rules and YAML configuration.
private func lint(_ code: String, rules: [any Rule.Type], yaml: String? = nil, path: String = "t.html",
                  configPath: String = "t.yml") throws -> [Finding] {
    var config = Configuration()
    if let yaml { config.merge(try ConfigParser.parse(yaml: yaml, path: configPath, knownRules: BuiltinRules.ids)) }
    config.rules[UnusedDirective.id] = RuleSetting(level: .off)
    let linter = try Linter(ruleTypes: rules, configuration: config)
    let result = linter.check(path: path, bytes: Array(code.utf8))
    #expect(result.status == .checked)
    return result.findings.filter { f in rules.contains { $0.metadata.id == f.ruleId } }
}

private let phraseRules: [any Rule.Type] = [
    PromotionalContentRule.self, ReviewIncentiveRule.self, ReviewConditionalRule.self, ReviewRemovalRule.self,
    NonPermittedMessageRule.self, SensitiveContentRule.self,
]

@Suite struct PhrasePackTests {
    @Test func everyLanguagePackLoads() {
        for section in ["review", "request", "review-request", "incentive", "removal", "promotional", "permitted", "offensive"] {
            let langs = Set(PhrasePacks.section(section).patterns.map(\.language))
            #expect(langs == Set(PhrasePacks.languages), "section \(section) has \(langs.sorted())")
        }
    }

    @Test func wildcardsGapsAndJapanese() {
        func hits(_ section: String, _ text: String) -> [String] {
            PhrasePacks.section(section).hits(in: SentenceView(standalone: text, placeholders: nil)).map(\.phrase)
        }
        #expect(hits("removal", "Could you remove your negative review?") == ["remov* ... {review}"])
        #expect(hits("removal", "We update our products based on customer reviews.").isEmpty)
        #expect(hits("incentive", "Get a FREE Gift Card").contains("free"))
        #expect(hits("review", "Ihre Kundenbewertung").contains("*bewertung"))
        #expect(hits("incentive", "レビューで無料プレゼント") == ["無料", "プレゼント"])
        #expect(hits("removal", "評価の変更をお願いします").count == 1)
        #expect(hits("review", "Vielen Dank für Ihren Einkauf").isEmpty)
        #expect(hits("offensive", "Der Fuchs ist schnell").isEmpty)
    }
}

@Suite struct PhraseRuleTests {
    @Test func nearMissesPass() throws {
        #expect(try lint("<p>Your order ships with free shipping.</p>", rules: phraseRules).isEmpty)
        #expect(try lint("<p>20% of our packaging is recycled.</p>", rules: phraseRules).isEmpty)
        #expect(try lint("<p>Please share your honest experience with the product. Please confirm your size.</p>", rules: phraseRules).isEmpty)
    }

    @Test func findingQuotesSentenceAtExactPosition() throws {
        let f = try lint("<p>Hello.</p>\n<p>Thanks! Leave a review and get a free gift card.</p>", rules: [ReviewIncentiveRule.self])
        #expect(f.count == 1)
        #expect(f.first?.range.start.line == 2)
        #expect(f.first?.range.start.column == 12)
        #expect(f.first?.message.contains("“Leave a review and get a free gift card.”") == true)
        #expect(f.first?.evidence?.contains("gift card") == true)
    }

    /// Fixtures/phrases/review-sentences.tsv: review requests and near misses (the blind audit's
    /// cases among them) with the review rules that must fire on each.
    @Test func reviewSentences() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("Fixtures/phrases/review-sentences.tsv"), encoding: .utf8)
        let rules: [any Rule.Type] = [ReviewIncentiveRule.self, ReviewConditionalRule.self, ReviewRemovalRule.self]
        var count = 0
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            count += 1
            let want = parts[0] == "-" ? Set<String>() : Set(parts[0].split(separator: ",").map { "review-" + $0 })
            let got = Set(try lint("<p>\(parts[1])</p>", rules: rules).map(\.ruleId))
            #expect(got == want, "\(parts[1])")
        }
        #expect(count >= 90)
    }

    @Test func accentAndCaseInsensitive() throws {
        let f = try lint("<p>DEJA TU RESENA Y RECIBE UN CUPON.</p>", rules: [ReviewIncentiveRule.self])
        #expect(f.count == 1)
    }

    @Test func promotionalLinksAreReportedOnce() throws {
        let html = "<p>More: <a href=\"https://www.amazon.com/dp/B07XJ8C8F5\">https://www.amazon.com/dp/B07XJ8C8F5</a></p>"
        let f = try lint(html, rules: [PromotionalContentRule.self])
        #expect(f.count == 1)
        #expect(f.first?.message.contains("/dp/") == true)
    }

    @Test func sensitiveWordInAltText() throws {
        let f = try lint("<img src=\"https://e.com/a.png\" alt=\"Nothing porn here\">", rules: [SensitiveContentRule.self])
        #expect(f.count == 1)
        #expect(f.first?.range.start.column == 45)
    }

    @Test func nonPermittedNamesCategoryAndPhrases() throws {
        let f = try lint("<p>Your order has shipped. Your tracking number is 1Z999.</p>", rules: [NonPermittedMessageRule.self])
        #expect(f.count == 1)
        #expect(f.first?.severity == .warning)
        #expect(f.first?.message.contains("shipping confirmation") == true)
        #expect(f.first?.message.contains("“has shipped”") == true)
        #expect(f.first?.message.contains("“tracking number”") == true)
    }
}

@Suite struct LanguageTests {
    /// The measurement behind language-mismatch's choice of CLD2 (see its decisions).
    @Test func cld2AccuracyOnShortSentences() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("Fixtures/phrases/langid-short.tsv"), encoding: .utf8)
        var total = 0, correct = 0
        var perLanguage: [String: Int] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            total += 1
            perLanguage[parts[0], default: 0] += 1
            if LanguageIdentifier.detect(parts[1]).language == parts[0] { correct += 1 }
        }
        #expect(total == 150)
        #expect(perLanguage.values.allSatisfy { $0 == 25 })
        #expect(correct >= 140, "CLD2 got \(correct)/\(total)")
    }

    @Test func marketplaceTableAndHtmlLang() throws {
        let german = "<p>Vielen Dank für Ihre Bestellung. Bitte bestätigen Sie uns die gewünschte Farbe für die Gravur.</p>"
        #expect(try lint(german, rules: [LanguageMismatchRule.self], yaml: "marketplace: amazon.de").isEmpty)
        let f = try lint(german, rules: [LanguageMismatchRule.self], yaml: "marketplace: amazon.co.uk")
        #expect(f.count == 1)
        #expect(f.first?.message.contains("German (de)") == true)
        #expect(f.first?.evidence?.contains("CLD2") == true)
        let und = "<html lang=\"und\"><body><p>Thank you for your order. Could you please confirm the colour you would like?</p></body></html>"
        #expect(try lint(und, rules: [LanguageMismatchRule.self]).isEmpty)
    }
}

@Suite struct SpellingTests {
    @Test func hunspellDictionariesAndConcurrentUse() async throws {
        let en = try #require(SpellChecker.shared.dictionary(for: "en"))
        #expect(en.spell("receive"))
        #expect(!en.spell("recieve"))
        #expect(en.suggest("recieve").contains("receive"))
        for lang in ["es", "fr", "de", "it"] { #expect(SpellChecker.shared.dictionary(for: lang) != nil, "\(lang)") }
        // One handle shared by many tasks: its lock serialises the calls.
        let results = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<32 {
                group.addTask { i % 2 == 0 ? en.spell("receive") : !en.spell("recieve") }
            }
            var all: [Bool] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 32 && results.allSatisfy { $0 })
    }

    @Test func missingDictionarySaysSoOnce() throws {
        let f = try lint("<html lang=\"nl\"><body><p>Bedankt voor uw bestelling. Kunt u de kleur bevestigen?</p></body></html>",
                         rules: [SpellingRule.self])
        #expect(f.count == 1)
        #expect(f.first?.severity == .info)
        #expect(f.first?.message.contains("no hunspell dictionary") == true)
    }

    @Test func skipsIdsPlaceholdersAndConfiguredWords() throws {
        let html = "<p>Order 123-1234567-1234567 for {{buyer_nme}}: the SKU ABC123X and Zorblax fit. Zorblax works. See https://exmple.com/xyzzy or mail a@exmple.com.</p>"
        let f = try lint(html, rules: [SpellingRule.self], yaml: "words: [zorblax]")
        #expect(f.isEmpty, "\(f.map(\.message))")
        let g = try lint("<p>Zorblax works well with every kettle we sell.</p>", rules: [SpellingRule.self])
        #expect(g.count == 1)
        #expect(g.first?.message.contains("en_US") == true)
        #expect(try lint("<p>Merci, très bien.</p>", rules: [SpellingRule.self]).isEmpty, "too short to identify")
    }
}

@Suite struct CampaignTests {
    @Test func parsesCampaigns() throws {
        let yaml = "campaigns:\n  - name: a\n    requestAReviewButton: true\n    steps:\n      - { template: 'x/*.html', after: 7d from delivery }\n      - { template: y.html, after: 2 weeks after order }"
        let layer = try ConfigParser.parse(yaml: yaml, path: "/tmp/c/.bsmlint.yml", knownRules: BuiltinRules.ids)
        let c = try #require(layer.campaigns?.first)
        #expect(c.name == "a" && c.requestAReviewButton)
        #expect(c.steps.map(\.days) == [7, 14])
        #expect(c.steps.map(\.anchor) == [.delivery, .order])
        #expect(throws: ConfigError.self) {
            try ConfigParser.parse(yaml: "campaigns:\n  - steps:\n      - { template: a.html, after: soon }", path: "c.yml", knownRules: BuiltinRules.ids)
        }
        #expect(throws: ConfigError.self) {
            try ConfigParser.parse(yaml: "spelling: { wrds: [a] }", path: "c.yml", knownRules: BuiltinRules.ids)
        }
        let words = try ConfigParser.parse(yaml: "spelling: { words: [Zorblax] }\nwords: [Frob]", path: "c.yml", knownRules: BuiltinRules.ids)
        #expect(Set(words.spellingWords) == ["Zorblax", "Frob"])
    }

    @Test func repeatAcrossTemplatesOnDisk() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bsmlint-campaign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = "<p>Please leave a review of your order.</p>"
        let second = "<p>Did you get a chance to share your feedback?</p>"
        try first.write(to: dir.appendingPathComponent("step1.html"), atomically: true, encoding: .utf8)
        try second.write(to: dir.appendingPathComponent("step2.html"), atomically: true, encoding: .utf8)
        let yaml = "campaigns:\n  - name: follow-up\n    steps:\n      - { template: step1.html, after: 6d from delivery }\n      - { template: step2.html, after: 14d from delivery }"
        let cfg = dir.appendingPathComponent(".bsmlint.yml").path
        let f1 = try lint(first, rules: [ReviewRequestRepeatRule.self, SendWindowRule.self], yaml: yaml,
                          path: dir.appendingPathComponent("step1.html").path, configPath: cfg)
        #expect(f1.isEmpty)
        let f2 = try lint(second, rules: [ReviewRequestRepeatRule.self], yaml: yaml,
                          path: dir.appendingPathComponent("step2.html").path, configPath: cfg)
        #expect(f2.count == 1)
        #expect(f2.first?.message.contains("step 1 (step1.html)") == true)
        #expect(f2.first?.range.start.column == 4)
    }

    @Test func sendWindowBounds() throws {
        func findings(_ after: String, _ body: String = "<p>Please leave a review.</p>") throws -> [Finding] {
            try lint(body, rules: [SendWindowRule.self],
                     yaml: "campaigns:\n  - name: c\n    steps:\n      - { template: t.html, after: \(after) }")
        }
        #expect(try findings("5d from delivery").isEmpty)
        #expect(try findings("30d from delivery").isEmpty)
        #expect(try findings("4d from delivery").count == 1)
        #expect(try findings("31d from delivery").count == 1)
        #expect(try findings("3d from order").count == 1)
        #expect(try findings("31d from order", "<p>Your delivery slot is confirmed for Monday.</p>").count == 1)
        #expect(try findings("3d from order", "<p>Please confirm the engraving text.</p>").isEmpty)
    }
}
