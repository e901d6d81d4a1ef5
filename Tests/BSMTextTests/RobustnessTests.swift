import Foundation
import Testing
@testable import BSMText

/// Random inputs built from the characters the scanners care about: every API must return
/// ranges that are in bounds, ordered, non-overlapping and that slice to the reported text.
@Suite struct RobustnessTests {
    struct LCG: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state
        }
    }

    static let pool: [String] = [
        "a", "Z", "é", "ß", "0", "7", " ", "\n", ".", ",", "-", "'", "’", "@", "/", ":", "#", "%", "{", "}",
        "[", "]", "(", ")", "<", ">", "=", "*", "|", "$", "?", "!", "¿", "。", "日", "本", "カ", "ー", "ひ",
        "😀", "❤", "\u{FE0F}", "\u{FE0E}", "\u{200D}", "🇺", "🇸", "1\u{FE0F}\u{20E3}", "👍🏽", "\u{301}", "+",
        "http://", "https://", "www.", ".com", ".de", "{{", "}}", "%%", "order_id", "+1 ", "555", "1234567",
        "\u{A0}", "ＡＢ", "ｶﾞ", "\t", "\"", "€", "z.B.", "Mr.", "e.g.",
    ]

    static func randomText(_ rng: inout LCG, length: Int) -> String {
        var s = ""
        for _ in 0..<length { s += pool[Int(rng.next() % UInt64(pool.count))] }
        return s
    }

    func checkRanges(_ text: String, _ items: [(Range<Int>, String)], ordered: Bool = true, _ what: String) {
        let bytes = Array(text.utf8)
        var lastEnd = 0
        for (r, t) in items {
            #expect(r.lowerBound >= 0 && r.upperBound <= bytes.count && !r.isEmpty, "\(what) range \(r) in \(text.debugDescription)")
            guard r.lowerBound >= 0, r.upperBound <= bytes.count else { continue }
            #expect(String(decoding: bytes[r], as: UTF8.self) == t, "\(what) text in \(text.debugDescription)")
            if ordered { #expect(r.lowerBound >= lastEnd, "\(what) overlap in \(text.debugDescription)") }
            lastEnd = r.upperBound
        }
    }

    @Test func randomInputsKeepInvariants() {
        var rng = LCG(state: 42)
        let pm = PlaceholderMatcher()
        for round in 0..<400 {
            let text = Self.randomText(&rng, length: 1 + round % 60)
            checkRanges(text, pm.placeholders(in: text).map { ($0.utf8Range, $0.text) }, "placeholders")
            checkRanges(text, EmojiScanner.scan(text).map { ($0.utf8Range, $0.text) }, "emoji")
            checkRanges(text, URLScanner.urls(in: text).map { ($0.utf8Range, $0.text) }, "urls")
            checkRanges(text, URLScanner.urls(in: text, context: .attribute).map { ($0.utf8Range, $0.text) }, "attr urls")
            checkRanges(text, URLScanner.emails(in: text).map { ($0.utf8Range, $0.text) }, "emails")
            checkRanges(text, URLScanner.phoneNumbers(in: text).map { ($0.utf8Range, $0.text) }, "phones")
            checkRanges(text, TextSegmenter.sentences(text).map { ($0.utf8Range, $0.text) }, "sentences")
            checkRanges(text, TextSegmenter.words(text, placeholders: pm).map { ($0.utf8Range, $0.text) }, "words")
            let nt = NormalizedText(text)
            for w in nt.tokens.prefix(3) {
                let r = nt.ranges(of: w.normalized)
                #expect(!r.isEmpty || w.normalized.contains(where: { !$0.isLetter && !$0.isNumber }),
                        "own word \(w.normalized.debugDescription) found in \(text.debugDescription)")
            }
            _ = URLInfo.parse(text, placeholders: pm)
            _ = URLInfo.parse(text, placeholders: pm, bare: true)
            _ = EmojiScanner.isEmojiCDNURL(text)
            _ = pm.isOrderIDPlaceholder(text)
            #expect(pm.isPlaceholderOnly(text) == (pm.placeholders(in: text.trimmingCharacters(in: .whitespacesAndNewlines)).count == 1
                && pm.placeholders(in: text.trimmingCharacters(in: .whitespacesAndNewlines)).first?.text
                    == text.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
    }

    @Test func pathologicalLongInputs() {
        let pm = PlaceholderMatcher()
        let inputs = [
            String(repeating: "{", count: 200_000),
            String(repeating: "#a", count: 100_000),
            String(repeating: "[a_b", count: 50_000),
            String(repeating: "a.", count: 100_000),
            String(repeating: "1 ", count: 100_000),
            String(repeating: "x@", count: 100_000),
            String(repeating: "(", count: 100_000) + "https://x.com" + String(repeating: ")", count: 100_000),
        ]
        let clock = ContinuousClock()
        for s in inputs {
            let t = clock.measure {
                _ = pm.placeholders(in: s)
                _ = URLScanner.urls(in: s)
                _ = URLScanner.emails(in: s)
                _ = URLScanner.phoneNumbers(in: s)
                _ = TextSegmenter.sentences(s)
                _ = EmojiScanner.scan(s)
            }
            #expect(t < .seconds(10), "slow on \(s.prefix(8).debugDescription)…: \(t)")
        }
    }

    @Test func phraseMatchingOnLongText() {
        let clock = ContinuousClock()
        var nt: NormalizedText?
        var ja: NormalizedText?
        let t = clock.measure {
            nt = NormalizedText(String(repeating: "Bitte hinterlassen Sie eine Bewertung für Ihre Bestellung. ", count: 5_000))
            ja = NormalizedText(String(repeating: "商品のレビューをお願いします。", count: 5_000))
        }
        #expect(t < .seconds(10), "\(t)")
        #expect(nt?.ranges(of: "eine bewertung").count == 5_000)
        #expect(ja?.ranges(of: "ﾚﾋﾞｭｰ").count == 5_000)
        #expect(nt?.contains(phrase: "gutschein") == false)
    }
}
