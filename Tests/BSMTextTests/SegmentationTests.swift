import Testing
@testable import BSMText

@Suite struct SentenceTests {
    func sentences(_ s: String, _ lang: String? = nil) -> [String] {
        TextSegmenter.sentences(s, language: lang).map(\.text)
    }

    @Test func englishWithAbbreviations() {
        let s = "Hello Mr. Smith, thanks for order 112-3456789-0123456. Items, e.g. the 3.5 mm cable, ship today! Any questions? Write to us."
        #expect(sentences(s, "en") == [
            "Hello Mr. Smith, thanks for order 112-3456789-0123456.",
            "Items, e.g. the 3.5 mm cable, ship today!",
            "Any questions?",
            "Write to us.",
        ])
        #expect(sentences(s) == sentences(s, "en"))
    }

    /// An abbreviation written with a space (`z. B.`, `d. h.`, `e. g.`) does not end the sentence;
    /// a short word before a period and a capital still does.
    @Test func spacedAbbreviations() {
        #expect(sentences("Hinterlassen Sie eine Bewertung, z. B. auf Amazon, und erhalten Sie etwas. Danke!", "de") == [
            "Hinterlassen Sie eine Bewertung, z. B. auf Amazon, und erhalten Sie etwas.", "Danke!",
        ])
        #expect(sentences("Das ist neu, d. h. Sie sparen. Gut.", "de") == ["Das ist neu, d. h. Sie sparen.", "Gut."])
        #expect(sentences("Small parts, e. g. Screws, ship apart. Ok.", "en") == ["Small parts, e. g. Screws, ship apart.", "Ok."])
        #expect(sentences("We got it. Do you?", "en") == ["We got it.", "Do you?"])
    }

    @Test func offsetsAreUTF8() {
        let s = "Größe passt. Danke!"
        let seg = TextSegmenter.sentences(s)
        #expect(seg.map(\.text) == ["Größe passt.", "Danke!"])
        #expect(seg.map(\.utf8Range) == [0..<14, 15..<21])
        let bytes = Array(s.utf8)
        for x in seg { #expect(String(decoding: bytes[x.utf8Range], as: UTF8.self) == x.text) }
    }

    @Test func german() {
        let s = "Vielen Dank für Ihre Bestellung Nr. 123. Das Paket kommt z.B. am 3. Mai an. Bewertungen helfen uns usw. sehr."
        #expect(sentences(s, "de") == [
            "Vielen Dank für Ihre Bestellung Nr. 123.",
            "Das Paket kommt z.B. am 3. Mai an.",
            "Bewertungen helfen uns usw. sehr.",
        ])
    }

    @Test func spanish() {
        let s = "¿Recibió su pedido? ¡Gracias por su compra! Estimada Sra. García, le escribimos hoy."
        #expect(sentences(s, "es") == [
            "¿Recibió su pedido?",
            "¡Gracias por su compra!",
            "Estimada Sra. García, le escribimos hoy.",
        ])
    }

    @Test func french() {
        let s = "Bonjour M. Dupont. Votre commande, p.ex. le livre, est arrivée. Merci !"
        #expect(sentences(s, "fr") == [
            "Bonjour M. Dupont.",
            "Votre commande, p.ex. le livre, est arrivée.",
            "Merci !",
        ])
    }

    @Test func italian() {
        let s = "Gentile Sig. Rossi, grazie. La consegna è prevista domani."
        #expect(sentences(s, "it") == ["Gentile Sig. Rossi, grazie.", "La consegna è prevista domani."])
    }

    @Test func japanese() {
        let s = "ご注文ありがとうございます。商品は発送されました！ご質問はありますか？「はい」"
        #expect(sentences(s) == ["ご注文ありがとうございます。", "商品は発送されました！", "ご質問はありますか？", "「はい」"])
        #expect(sentences("書いていただけますか?よろしくお願いします") == ["書いていただけますか?", "よろしくお願いします"])
    }

    @Test func quotesUrlsAndBlankLines() {
        #expect(sentences("He said \"Thanks.\" Then left.") == ["He said \"Thanks.\"", "Then left."])
        #expect(sentences("Visit https://www.amazon.com/review. Thanks") == ["Visit https://www.amazon.com/review.", "Thanks"])
        #expect(sentences("Hello Maria\n\nYour order shipped") == ["Hello Maria", "Your order shipped"])
        #expect(sentences("Hello Maria\nYour order shipped") == ["Hello Maria\nYour order shipped"])
        #expect(TextSegmenter.sentences("Hello Maria\nYour order shipped", newlineIsBoundary: true).map(\.text)
            == ["Hello Maria", "Your order shipped"])
        #expect(sentences("Wait... what happened?") == ["Wait... what happened?"])
        // A hard-wrapped line does not end a sentence after an abbreviation.
        #expect(sentences("Cables, e.g.\nthe USB one, ship today.\nThanks!") == ["Cables, e.g.\nthe USB one, ship today.", "Thanks!"])
        #expect(sentences("Dear Mr.\n\nSmith") == ["Dear Mr.", "Smith"])
        #expect(sentences("Steps:\n1. Open the box\n2. Read the manual. Done.") == ["Steps:\n1. Open the box\n2. Read the manual.", "Done."])
        #expect(sentences("Hello\u{2029}World") == ["Hello", "World"])
        #expect(sentences("").isEmpty)
        #expect(sentences("   \n ").isEmpty)
    }

    @Test func wordsThatLookLikeAbbreviationsEndSentences() {
        #expect(sentences("I sat. Then I left. It is a gem. Great.") == ["I sat.", "Then I left.", "It is a gem.", "Great."])
        #expect(sentences("Das ist gem. Abs. 3 gilt.", "de") == ["Das ist gem. Abs. 3 gilt."])
        #expect(sentences("The answer is no. Item no. 5 is here.") == ["The answer is no.", "Item no. 5 is here."])
    }

    @Test func longInput() {
        let s = String(repeating: "This is fine. ", count: 20_000)
        #expect(TextSegmenter.sentences(s).count == 20_000)
    }
}

@Suite struct WordTests {
    func words(_ s: String) -> [String] { TextSegmenter.words(s).map(\.text) }

    @Test func keepsIdsNumbersAndUrls() {
        let seg = TextSegmenter.words("Order 112-3456789-0123456 costs 3.5 EUR (1,000 pts); see https://www.amazon.de/review?x=1, mail help@shop.com.")
        #expect(seg.map(\.text) == ["Order", "112-3456789-0123456", "costs", "3.5", "EUR", "1,000", "pts", "see",
                                    "https://www.amazon.de/review?x=1", "mail", "help@shop.com"])
        #expect(seg[1].kind == .orderID)
        #expect(seg[3].kind == .number)
        #expect(seg[8].kind == .url)
        #expect(seg[10].kind == .email)
        #expect(seg[0].kind == .word)
    }

    @Test func apostrophesHyphensAbbreviations() {
        #expect(words("Don't forget l'avis, e-mail z.B. U.S.A. rock'n'roll") ==
                ["Don't", "forget", "l'avis", "e-mail", "z.B", "U.S.A", "rock'n'roll"])
        #expect(words("Straße Reseña ¿Qué? ¡Sí!") == ["Straße", "Reseña", "Qué", "Sí"])
        #expect(words("end.Start -- well") == ["end", "Start", "well"])
    }

    @Test func japaneseRunsOfOneScript() {
        let seg = TextSegmenter.words("ご注文ありがとうございます。アマゾンのレビューをお願いします。Amazonで")
        #expect(seg.map(\.text) == ["ご", "注文", "ありがとうございます", "アマゾン", "の", "レビュー", "をお", "願", "いします", "Amazon", "で"])
        #expect(seg[1].script == .han)
        #expect(seg[3].script == .katakana)
        #expect(seg[2].script == .hiragana)
        #expect(seg[9].script == .latin)
    }

    @Test func offsetsAndPlaceholders() {
        let s = "Héllo {{buyer.name}}, 注文 ok"
        let seg = TextSegmenter.words(s, placeholders: PlaceholderMatcher())
        #expect(seg.map(\.text) == ["Héllo", "{{buyer.name}}", "注文", "ok"])
        #expect(seg[1].kind == .placeholder)
        let bytes = Array(s.utf8)
        for w in seg { #expect(String(decoding: bytes[w.utf8Range], as: UTF8.self) == w.text) }
        #expect(seg[0].utf8Range == 0..<6)
        // Without a matcher the placeholder's name is split into words.
        #expect(TextSegmenter.words(s).map(\.text).contains("buyer"))
    }

    @Test func fullWidthLettersAndDigits() {
        #expect(words("ＡＢＣ１２３ テスト") == ["ＡＢＣ１２３", "テスト"])
    }

    @Test func orderIDRecognition() {
        #expect(TextSegmenter.isOrderID("112-3456789-0123456"))
        #expect(!TextSegmenter.isOrderID("112-3456789-012345"))
        #expect(!TextSegmenter.isOrderID("112 3456789 0123456"))
    }
}

@Suite struct NormalizationTests {
    @Test func folding() {
        #expect(normalizedForMatching("Reseña") == "resena")
        #expect(normalizedForMatching("ＡＢＣ") == "abc")
        #expect(normalizedForMatching("BEWERTUNG") == normalizedForMatching("Bewertung"))
        #expect(normalizedForMatching("Évaluation") == "evaluation")
        #expect(normalizedForMatching("Straße") == "strasse")
        #expect(normalizedForMatching("l’avis") == "l'avis")
        #expect(normalizedForMatching("ｶﾞｲﾄﾞ") == "ガイド")
        #expect(normalizedForMatching("レビューが") == "レビューが")
        #expect(normalizedForMatching("５つ星") == "5つ星")
        #expect(TextSegmenter.normalizedForMatching("ÜBER") == "uber")
    }

    @Test func phrasesOnWordBoundaries() {
        #expect(containsPhrase("deje una reseña", inWords: "Por favor, DEJE una Reseña positiva."))
        #expect(containsPhrase("5-star review", inWords: "Leave a 5-Star Review!"))
        #expect(containsPhrase("bewertung", inWords: "Ihre Bewertung hilft"))
        #expect(!containsPhrase("view", inWords: "Please leave a review"))
        #expect(!containsPhrase("free gift", inWords: "freely gifted"))
        #expect(containsPhrase("review*", inWords: "We appreciate reviewers"))
        #expect(containsPhrase("avis", inWords: "Laissez-nous l’avis"))
        #expect(containsPhrase("don't", inWords: "Please DON’T wait"))
        #expect(containsPhrase("l'avis", inWords: "Donnez-nous L’AVIS"))
        #expect(containsPhrase("votre avis", inWords: "donnez votre avis"))
        #expect(containsPhrase("*bewertung", inWords: "Ihre Produktbewertung bitte"))
        #expect(containsPhrase("*rezension*", inWords: "Kundenrezensionen helfen"))
        #expect(!containsPhrase("*bewertung", inWords: "Bewertungen"))
    }

    @Test func japanesePhrases() {
        #expect(containsPhrase("レビュー", inWords: "商品のﾚﾋﾞｭｰをお願いします"))
        #expect(containsPhrase("お願いします", inWords: "レビューを お願い します"))
        #expect(!containsPhrase("返金", inWords: "レビューをお願いします"))
        let nt = NormalizedText("商品のﾚﾋﾞｭｰをお願い")
        let r = nt.ranges(of: "レビュー")
        #expect(r.count == 1)
        let bytes = Array("商品のﾚﾋﾞｭｰをお願い".utf8)
        #expect(r.first.map { String(decoding: bytes[$0], as: UTF8.self) } == "ﾚﾋﾞｭｰ")
    }

    @Test func phraseRangesPointAtOriginalText() {
        let text = "Bitte hinterlassen Sie eine BEWERTUNG, danke."
        let nt = NormalizedText(text)
        let r = nt.ranges(of: "eine bewertung")
        #expect(r.count == 1)
        let bytes = Array(text.utf8)
        #expect(r.first.map { String(decoding: bytes[$0], as: UTF8.self) } == "eine BEWERTUNG")
    }
}

@Suite struct ContractionTests {
    @Test func englishContractionsAreWrittenOut() {
        #expect(NormalizedText.expandContraction("you'll") == ["you", "will"])
        #expect(NormalizedText.expandContraction("don't") == ["do", "not"])
        #expect(NormalizedText.expandContraction("can't") == ["cannot"])
        #expect(NormalizedText.expandContraction("won't") == ["will", "not"])
        #expect(NormalizedText.expandContraction("we've") == ["we", "have"])
        #expect(NormalizedText.expandContraction("you'd") == nil, "'d is had or would: left as written")
        #expect(NormalizedText.expandContraction("i'm") == ["i", "am"])
        #expect(NormalizedText.expandContraction("it's") == nil, "'s is left alone (is or possessive)")
        #expect(NormalizedText.expandContraction("customer's") == nil)
        #expect(NormalizedText.expandContraction("l'avis") == nil)
        // Both the text and the phrases are read this way.
        let t = NormalizedText("We hope you’ll amend it, we can't wait")
        #expect(t.tokens.map(\.normalized) == ["we", "hope", "you", "will", "amend", "it", "we", "cannot", "wait"])
        #expect(t.contains(phrase: "we hope you will amend"))
        #expect(NormalizedText("We hope you will amend it").contains(phrase: "we hope you'll amend"))
    }
}
