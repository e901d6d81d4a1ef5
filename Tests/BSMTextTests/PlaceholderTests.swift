import Foundation
import Testing
@testable import BSMText

@Suite struct PlaceholderTests {
    let pm = PlaceholderMatcher()

    @Test(arguments: [
        "{{order.id}}", "{{{x}}}", "{% x %}", "[[ContactUs]]", "%%buyer_first_name%%", "#order_id#",
        "{amazon_order_id}", "#?OrderNumber?#", "${var}", "*|FNAME|*", "[store_name]", "<%= x %>",
        "{{ order.id | upcase }}", "[StoreName]", "[buyer.name]",
    ])
    func everySyntaxIsOnePlaceholder(_ p: String) {
        #expect(pm.isPlaceholderOnly(p), "\(p)")
        #expect(pm.isPlaceholderOnly("  \(p)\n"), "\(p) with whitespace")
        let text = "Hello \(p), thanks"
        let found = pm.placeholders(in: text)
        #expect(found.count == 1, "\(p)")
        #expect(found.first?.text == p)
        #expect(found.first?.utf8Range.lowerBound == 6)
        #expect(pm.containsPlaceholder(text))
    }

    @Test func innerNamesAndPatternNames() {
        let found = pm.placeholders(in: "Dear {{ buyer.name }}, order #order_id# from [store_name].")
        #expect(found.map(\.inner) == ["buyer.name", "order_id", "store_name"])
        #expect(found.map(\.patternName) == ["mustache", "hash", "bracket"])
    }

    @Test(arguments: [
        "#fff", "color: #333333;", "a { color: red }", "see [1] and [2]", "#1 and #2 sellers",
        "p{margin:0}", "#fff#", "[Important] your order", "[note]", "C# and F#", "50% off, 20% more",
        "{}", "{{ }}", "[click here](https://x.com)", "#abc123#", "plain text", "price: $5 {not a var}",
        "a[b_c]",
    ])
    func nearMissesAreNotPlaceholders(_ s: String) {
        #expect(!pm.containsPlaceholder(s), "\(s)")
        #expect(pm.placeholders(in: s).isEmpty, "\(s)")
    }

    /// Seller tools write field names as words: `[Order ID]`, `{Buyer Name}`, `%%Order Number%%`
    /// (audit, ninth session). Only capitalised words naming an order id or ending in a field
    /// noun count; ordinary bracketed words stay text.
    @Test func fieldNamesWrittenAsWords() {
        for s in ["[Order ID]", "[Amazon Order ID]", "{Order ID}", "%%Order Number%%", "#Order ID#", "[Buyer Name]", "{Tracking Number}"] {
            #expect(pm.placeholders(in: "Hi, your order \(s) has shipped.").map(\.text) == [s], "\(s)")
        }
        #expect(pm.isOrderIDPlaceholder("[Order ID]") && pm.isOrderIDPlaceholder("{Order Number}"))
        #expect(!pm.isOrderIDPlaceholder("[Buyer Name]"))
        for s in ["[Important Notice]", "[see attached]", "[Order  ID]", "[ Order ID]", "[Order ID ]", "{a b}", "[Order ID](https://x.com)",
                  "[One Two Three Four Name]", "x[Order ID]"] {
            #expect(pm.placeholders(in: s).isEmpty, "\(s)")
        }
    }

    @Test func twoCharacterDelimitersMayCarryAUnit() {
        // `width: %%w%%px`, `font-size: #?size?#px`: the unit glued after is not part of it.
        #expect(pm.placeholders(in: "%%w%%px").map(\.text) == ["%%w%%"])
        #expect(pm.placeholders(in: "#?size?#px").map(\.text) == ["#?size?#"])
        // One-character delimiters still need a word boundary after: `#id#abc`, `[x]y`.
        #expect(pm.placeholders(in: "#order#abc").isEmpty)
        #expect(pm.placeholders(in: "[store_name]abc").isEmpty)
    }

    @Test func matchesReturnsStringRanges() {
        let text = "Größe: {{size}} – Bestellung %%order_number%%"
        let ranges = pm.matches(in: text)
        #expect(ranges.map { String(text[$0]) } == ["{{size}}", "%%order_number%%"])
        let sub = text[text.index(text.startIndex, offsetBy: 7)...]
        #expect(pm.matches(in: sub).map { String(text[$0]) } == ["{{size}}", "%%order_number%%"])
        // UTF-8 offsets count the two-byte ö and ß.
        #expect(pm.utf8Ranges(in: text).first == 9..<17)
    }

    @Test func placeholdersGluedToJapaneseText() {
        #expect(pm.placeholders(in: "注文番号#order_id#です").map(\.text) == ["#order_id#"])
        #expect(pm.placeholders(in: "ストア[store_name]より").map(\.text) == ["[store_name]"])
        #expect(pm.placeholders(in: "Größe#order_id#").isEmpty)
    }

    @Test func maskingKeepsOffsets() {
        let text = "Hallo {{käufer}}, Bestellung #order_id#."
        let masked = pm.masking(text)
        #expect(masked.utf8.count == text.utf8.count)
        #expect(masked == "Hallo " + String(repeating: " ", count: "{{käufer}}".utf8.count) + ", Bestellung "
            + String(repeating: " ", count: 10) + ".")
        #expect(pm.masking("no placeholders") == "no placeholders")
        #expect(pm.masking("{{x}}", filler: 0x5F) == "_____")
    }

    @Test func tripleBracesStayWhole() {
        let found = pm.placeholders(in: "{{{body}}} and {{x}}")
        #expect(found.map(\.text) == ["{{{body}}}", "{{x}}"])
    }

    @Test func placeholderOnlyRequiresTheWholeValue() {
        #expect(!pm.isPlaceholderOnly("{{a}}{{b}}"))
        #expect(!pm.isPlaceholderOnly("{{base_url}}/track"))
        #expect(!pm.isPlaceholderOnly("Order {{order.id}}"))
        #expect(!pm.isPlaceholderOnly(""))
    }

    @Test(arguments: [
        "{{order.id}}", "{amazon_order_id}", "#?OrderNumber?#", "[order-id]", "orderId", "%%order_number%%",
        "{{ order.id | upcase }}", "#ORDER_ID#", "${orderNo}", "*|ORDER_NUMBER|*", "{{bestellnummer}}",
        "[numero_pedido]", "{{número_pedido}}", "{{numéro_de_commande}}", "%%注文番号%%", "{{注文ID}}", "<%= @order.order_id %>",
    ])
    func orderIDPlaceholders(_ s: String) {
        #expect(pm.isOrderIDPlaceholder(s), "\(s)")
    }

    @Test(arguments: ["{{order.date}}", "{{buyer_name}}", "%%orders%%", "[store_name]", "{{id}}", "#order#"])
    func notOrderIDPlaceholders(_ s: String) {
        #expect(!pm.isOrderIDPlaceholder(s), "\(s)")
    }

    @Test func configuredDelimitersAndRegexes() throws {
        let custom = PlaceholderMatcher(additional: [
            PlaceholderPattern(name: "angle", open: "<<", close: ">>", content: .identifier),
            try PlaceholderPattern(name: "at", regex: "@@([A-Za-z_]+)@@"),
        ])
        let found = custom.placeholders(in: "Hi <<first_name>>, order @@order_id@@ and {{x}}")
        #expect(found.map(\.text) == ["<<first_name>>", "@@order_id@@", "{{x}}"])
        #expect(found[1].inner == "order_id")
        #expect(custom.isOrderIDPlaceholder("@@order_id@@"))
        #expect(custom.isPlaceholderOnly("<<x>>"))
        // Only the configured pattern: defaults are gone.
        let only = PlaceholderMatcher(patterns: [PlaceholderPattern(name: "angle", open: "<<", close: ">>")])
        #expect(only.placeholders(in: "{{x}} <<y>>").map(\.text) == ["<<y>>"])
        #expect(throws: (any Error).self) { try PlaceholderPattern(name: "bad", regex: "([") }
    }

    @Test func longInputsAreLinear() {
        let junk = String(repeating: "{{{{[[#%%${*|<%", count: 20_000)
        let clock = ContinuousClock()
        let t = clock.measure { _ = pm.placeholders(in: junk) }
        #expect(t < .seconds(5))
        let many = String(repeating: "{{x}} ", count: 10_000)
        #expect(pm.placeholders(in: many).count == 10_000)
    }
}
