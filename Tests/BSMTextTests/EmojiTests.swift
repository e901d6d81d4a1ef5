import Testing
@testable import BSMText

@Suite struct EmojiTests {
    func texts(_ s: String) -> [String] { EmojiScanner.scan(s).map(\.text) }

    @Test func presentationEmoji() {
        let m = EmojiScanner.scan("Thanks 😀!")
        #expect(m.count == 1)
        #expect(m.first?.text == "😀")
        #expect(m.first?.kind == .presentation)
        #expect(m.first?.utf8Range == 7..<11)
        #expect(m.first?.characterOffset == 7)
        #expect(m.first?.codePoints == "U+1F600")
    }

    @Test func heartNeedsVariationSelector() {
        #expect(texts("I ❤ it").isEmpty)
        let m = EmojiScanner.scan("I ❤️ it")
        #expect(m.map(\.text) == ["❤️"])
        #expect(m.first?.kind == .variationSelector)
        #expect(m.first?.utf8Range == 2..<8)
    }

    @Test func textStyleSymbolsAreNotEmoji() {
        #expect(texts("© 2024 Brand® Name™ ★★★★★ ☺ 0123456789 # * ← ✓").isEmpty)
        #expect(!EmojiScanner.containsEmoji("© ® ™ ❤ ★"))
        #expect(EmojiScanner.containsEmoji("ok 👍"))
    }

    @Test func smileyTextVersusEmoji() {
        #expect(texts("☺").isEmpty)
        #expect(texts("☺️") == ["☺️"])
        #expect(texts("©️") == ["©️"])
        // U+FE0E forces text presentation, even for an emoji-presentation character.
        #expect(texts("⌚\u{FE0E}").isEmpty)
        #expect(texts("⌚") == ["⌚"])
    }

    @Test func keycaps() {
        let m = EmojiScanner.scan("Step 1️⃣ then #️⃣ and 2⃣")
        #expect(m.map(\.text) == ["1️⃣", "#️⃣", "2⃣"])
        #expect(m.allSatisfy { $0.kind == .keycap })
        #expect(texts("Step 1 then # and *").isEmpty)
    }

    @Test func flagsAndTagSequences() {
        let m = EmojiScanner.scan("Made in 🇺🇸 and 🇩🇪")
        #expect(m.map(\.text) == ["🇺🇸", "🇩🇪"])
        #expect(m.allSatisfy { $0.kind == .flag })
        let scotland = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}"
        let t = EmojiScanner.scan("Go \(scotland)!")
        #expect(t.count == 1)
        #expect(t.first?.kind == .tagSequence)
        #expect(t.first?.text == scotland)
    }

    @Test func zwjSequenceIsOneMatch() {
        let family = "👨\u{200D}👩\u{200D}👧"
        let m = EmojiScanner.scan("Our \(family) team")
        #expect(m.count == 1)
        #expect(m.first?.text == family)
        #expect(m.first?.kind == .zwjSequence)
        #expect(m.first?.utf8Range == 4..<(4 + family.utf8.count))
        #expect(m.first?.characterOffset == 4)
        #expect(texts("❤️\u{200D}🔥").count == 1)
    }

    @Test func skinToneModifier() {
        let m = EmojiScanner.scan("👍🏽 great")
        #expect(m.map(\.text) == ["👍🏽"])
        #expect(m.first?.kind == .modifierSequence)
        #expect(m.first?.utf8Range == 0..<8)
    }

    @Test func offsetsAfterMultiByteText() {
        let s = "Größe 日本語 ok 🎉 fin ✅"
        let m = EmojiScanner.scan(s)
        #expect(m.map(\.text) == ["🎉", "✅"])
        let bytes = Array(s.utf8)
        for e in m {
            #expect(String(decoding: bytes[e.utf8Range], as: UTF8.self) == e.text)
            #expect(String(Array(s)[e.characterOffset]) == e.text)
        }
        #expect(m.first?.characterOffset == 13)
        // Substring scanning reports offsets relative to the substring.
        let sub = s.dropFirst(6)
        #expect(EmojiScanner.scan(sub).first?.characterOffset == 7)
    }

    @Test func asciiAndLongInputs() {
        #expect(EmojiScanner.scan(String(repeating: "abc #1 * ", count: 50_000)).isEmpty)
        #expect(EmojiScanner.scan(String(repeating: "a😀", count: 20_000)).count == 20_000)
    }

    @Test(arguments: [
        "https://twemoji.maxcdn.com/v/latest/72x72/1f600.png",
        "https://cdn.jsdelivr.net/gh/twitter/twemoji@14.0.2/assets/72x72/1f600.png",
        "https://cdnjs.cloudflare.com/ajax/libs/twemoji/14.0.2/72x72/1f44d.png",
        "https://abs.twimg.com/emoji/v2/72x72/1f600.png",
        "https://emoji.slack-edge.com/T123/party/abc.gif",
        "https://fonts.gstatic.com/s/e/notoemoji/latest/1f600/512.png",
        "https://s.w.org/images/core/emoji/14.0.0/72x72/1f600.png",
        "https://em-content.zobj.net/thumbs/120/apple/354/grinning-face_1f600.png",
        "//emojipedia-us.s3.amazonaws.com/thumbs/120/apple/1f600.png",
        "HTTPS://S.W.ORG/images/core/emoji/14.0.0/svg/2705.svg",
    ])
    func emojiCDNs(_ url: String) {
        #expect(EmojiScanner.isEmojiCDNURL(url), "\(url)")
    }

    @Test(arguments: [
        "https://cdn.jsdelivr.net/npm/bootstrap@5/dist/css/bootstrap.min.css",
        "https://m.media-amazon.com/images/I/71abc.jpg",
        "https://example.com/emoji/1f600.png",
        "https://s.w.org/images/logo.png",
        "images/emoji.png",
        "{{emoji_url}}",
    ])
    func notEmojiCDNs(_ url: String) {
        #expect(!EmojiScanner.isEmojiCDNURL(url), "\(url)")
    }
}
