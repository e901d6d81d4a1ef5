import BSMDocument
import BSMEngine
import BSMText
import Foundation

/// `promotional-content`: coupons, promo codes, "% off", sales, cross-selling, links to
/// storefronts or other listings, social-media follow requests.
public struct PromotionalContentRule: Rule {
    public static let metadata = RuleMetadata(
        id: "promotional-content",
        name: "Promotional content",
        category: .content,
        defaultSeverity: .error,
        summary: "Coupons, promo or discount codes, “% off”, sales, cross-selling, links to storefronts or other listings (/dp/, /stores/, ?me=), social-media follow requests",
        rationale: """
        Buyer-seller messages may not be marketing: no coupons, promotions, promotion of other products or referral \
        to third-party products (POLICY: messages that are not permitted). Amazon blocks such messages.
        """,
        fix: "Remove the offer, the code, the link to other listings or the store, and the follow request.",
        decisions: [
            "Per sentence, the `promotional`, `cross-sell` and `follow` sections of the phrase packs (all six languages) are matched; one finding per sentence, at its start, naming the phrases.",
            "A percentage is promotional only when an offer word follows it (`20% off`, `-15 % de descuento`, `10 % Rabatt`, `20%オフ`) or a saving verb precedes it (`save 20%`): “20% of our packaging is recycled” passes. Between the verb and the number may stand “up to”/“hasta”/“jusqu'à”/“bis zu”/“fino al”, an article and “extra”/“further” (“Ahorra un 15 %”, “Risparmia il 10 %”, “Save an extra 10%”); a saving followed by of/de/di/d'/an names a resource saved (“El nuevo modelo ahorra un 15 % de energía”) and passes.",
            "A discount code is named by a verb of using or entering a code (`code-use`: “utilice / introduzca el código”, “usi / inserisca il codice”, “utilisez / saisissez le code”, “profitez de votre code”, “verwenden / geben Sie den Code”, “enter / apply / redeem the code”, コード…ご利用/入力) followed by the code itself: upper-case letters, digits allowed, at least four characters (`GRACIAS15`, `LUMI15`, `WELCOME`), or a discount-code merge field (`{{coupon_code}}`). A lower-case word (“el código postal”, “il codice di tracciamento”) or digits alone (a locker or pickup code, “den Code 482913”) are no discount code, and neither is a code in a sentence about a return, a warranty, tracking, a pickup, verification, signing in or security (`not-offer-code`: “Inserisca il codice RMA123 nel modulo di reso”, “Enter the code ABCD1234 to verify your email”); in a sentence written in capitals (“PLEASE ENTER THE CODE SHOWN IN THE APP”) a code must hold a digit; Japanese コード must stand alone (not バーコード, QRコード, 認証コード).",
            "Links (`href` of `a`/`area`, and URLs in the text, with or without `https://`/`www.`: `amazon.com/dp/…`, `instagram.com/myshop`; a listing path without a scheme counts on an Amazon host) to product listings (`/dp/`, `/gp/product/`), storefronts (`/stores/`, `/shops/`, `seller=`, `?me=`/`&me=`) and social media (facebook, instagram, tiktok, x/twitter, pinterest, youtube, linkedin, fb.me, t.me: profiles and share links alike) are reported at the link; a bare URL that is also a link's `href` is reported once, at the link.",
            "An .eml's decoded Subject is checked too (one finding at the header).",
            "“Free shipping” alone is not promotional (it states a fact of the order).",
            "German adjectives and possessives are inflected: “weitere* produkte”, “andere* produkte”, “besuch* ... unser* *shop” take in “unsere anderen Produkte”, “unsere weiteren Produkte”, “Besuchen Sie unseren Amazon-Shop” (and “unseren Amazon Shop”); “die weiteren Produkte Ihrer Bestellung” is fulfilment (`not-promotional`).",
            "A store or shop named is not cross-selling; sending the buyer there is: “visit / check out / browse / discover … our store”, “find … in our store”, “Besuchen Sie … unseren Shop”, “visite nuestra tienda”, “découvrez notre boutique”, “visita il nostro negozio”, 当店の他の商品, ストアページもご覧 are reported; “thank you for shopping in our store”, “shipped from our shop”, “Vielen Dank für Ihren Einkauf in unserem Shop”, 当店の商品をお買い上げいただき (the usual thanks for a purchase) and a replacement 新商品 are not.",
            "Fulfilment wording is not promotional: a phrase hit that overlaps a `not-promotional` phrase is dropped (“your order now has a tracking number”, “the other products in your order will ship tomorrow” and its es/fr/it/de/ja forms, “use the code 482913 to open the parcel locker”, 新商品と交換いたします). Bare words with an everyday meaning are only listed in their offer shape: “clearance sale” (not “customs clearance”), “liquidación total” (not “liquidación de aduanas”), “also available in our …” (not “the invoice is also available in your account”).",
        ],
        failing: [
            RuleExample("<p>↓次回のお買い物で使える10%OFFクーポンをお送りします。</p>"),
            RuleExample("<p>↓While you wait, check out our full collection on our website.</p>"),
            RuleExample("<p>See our other colours at ↓amazon.com/dp/B08XYZ1234 and follow us on ↓instagram.com/myshop</p>", note: "URLs written without a scheme."),
            RuleExample("<p>↓Buy 2 get 1 free this week! ↓Tag us on TikTok. ↓Complete your set with the matching mugs.</p>"),
            RuleExample("<p>↓Redeem code WELCOME10 on our site to access member prices.</p>"),
            RuleExample("<p>↓Use code SAVE10 for 10% off your next order.</p>"),
            RuleExample("<p>Thanks! ↓Check out our other products in our store.</p>"),
            RuleExample("<p>See more: ↓<a href=\"https://www.amazon.com/stores/page/ABC\">our brand store</a></p>"),
            RuleExample("<p>↓Follow us on Instagram for news.</p>"),
            RuleExample("<p>↓Usa el código promocional VERANO y obtén un 15% de descuento.</p>"),
            RuleExample("<p>↓Profitieren Sie von 10 % Rabatt auf Ihre nächste Bestellung.</p>"),
            RuleExample("Your order is on its way.\n\nAlso try ↓https://www.amazon.com/dp/B07XJ8C8F5 for the matching lid.", kind: .text),
            RuleExample("<p>↓今ならクーポンコードで20%オフ！</p>"),
            RuleExample("<p>↓Visit our Amazon storefront to see our full range.</p>", note: "Cross-selling."),
            RuleExample("<p>↓Tell your friends about us and both of you get a discount.</p>", note: "A referral offer."),
            RuleExample("<p>Your order has shipped. ↓Our clearance sale ends on Sunday.</p>"),
            RuleExample("<p>↓Order now and get the matching lid.</p>"),
            RuleExample("<p>↓Nuestros otros productos están en liquidación total.</p>"),
            RuleExample("<p>↓Entdecken Sie unsere anderen Produkte.</p>", note: "Inflected German cross-selling."),
            RuleExample("<p>↓Besuchen Sie unseren Amazon-Shop.</p>"),
            RuleExample("From: shop@example.com\nSubject: ↓20% off all kettles this week\nContent-Type: text/plain; charset=utf-8\n\nPlease confirm the delivery date of order 123-1234567-1234567.\n",
                        kind: .eml, note: "The subject of an .eml is checked too."),
            RuleExample("<p>↓Find more great gifts in our store.</p>"),
            RuleExample("<p>↓当店の他の商品もぜひご覧ください。</p>"),
            RuleExample("<p>↓Ahorra un 15 % en tu próximo pedido con el código GRACIAS15.</p>", note: "An article between the saving verb and the number."),
            RuleExample("<p>↓Risparmi il 10% sul prossimo ordine.</p>"),
            RuleExample("<p>↓Utilice el código VERANO10 en su próxima compra.</p>", note: "A verb of using a code, and the code."),
            RuleExample("<p>↓Inserisca il codice GRAZIE10 al momento del pagamento.</p>"),
            RuleExample("<p>↓Profitez de votre code LUMI15 pour votre prochaine commande.</p>"),
            RuleExample("<p>↓Geben Sie den Code DANKE10 bei Ihrer nächsten Bestellung ein.</p>"),
            RuleExample("<p>↓次回のお買い物でコード THANKS10 をご利用ください。</p>"),
        ],
        passing: [
            RuleExample("<p>Geben Sie dort bitte den Code PK7Q2 ein, um das Paket abzuholen. Sulla pagina del prodotto può scegliere Iscriviti e risparmia.</p>", note: "A pickup code; Amazon's Subscribe & Save."),
            RuleExample("<p>The shirt is 100% off-white cotton.</p>"),
            RuleExample("<p>Use the code XK4F9P2Q to activate your software licence, or redeem the code ABCD1234 in the app to access the e-book you bought.</p>", note: "A digital access or activation key is no discount code."),
            RuleExample("<p>20% of our packaging is recycled.</p>"),
            RuleExample("<p>Your order qualifies for free shipping.</p>"),
            RuleExample("<p>Please see the instructions: <a href=\"https://www.amazon.com/gp/help/customer/display.html\">help</a></p>"),
            RuleExample("<p>Votre commande a bien été préparée.</p>"),
            RuleExample("<p>Il 50% del prezzo è stato rimborsato.</p>"),
            RuleExample("<p>Your parcel is waiting for customs clearance; could you send us your tax ID?</p>", note: "Customs clearance is no sale."),
            RuleExample("<p>The invoice is also available in your Amazon account.</p>"),
            RuleExample("<p>Your order now has a tracking number.</p>"),
            RuleExample("<p>Please use the code 482913 to open the parcel locker.</p>", note: "A locker code, not a promo code."),
            RuleExample("<p>The other products in your order will ship tomorrow.</p>", note: "Fulfilment, not cross-selling."),
            RuleExample("<p>Los otros productos de su pedido se enviarán mañana.</p>"),
            RuleExample("<p>Su paquete está pendiente de la liquidación de aduanas.</p>"),
            RuleExample("<p>不良品のため、新商品と交換いたします。</p>", note: "A replacement, not a new product line."),
            RuleExample("<p>Die weiteren Produkte Ihrer Bestellung werden morgen versandt.</p>", note: "Fulfilment, not cross-selling."),
            RuleExample("<p>Thank you for shopping in our store. Your order 112-3456789-0123456 has arrived safely?</p>", note: "Naming the store is not sending the buyer there."),
            RuleExample("<p>当店の商品をお買い上げいただきありがとうございます。</p>", note: "The usual thanks for a purchase."),
            RuleExample("<p>Vielen Dank für Ihren Einkauf in unserem Shop.</p>"),
            RuleExample("<p>Por favor, introduzca el código postal correcto en su cuenta.</p>", note: "No code follows the code word."),
            RuleExample("<p>Verwenden Sie den Code 482913 an der Packstation.</p>", note: "Digits alone: a locker code."),
            RuleExample("<p>Inserisca il codice RMA123 nel modulo di reso.</p>", note: "A return code."),
            RuleExample("<p>認証コード ABC123 を入力してください。</p>", note: "A verification code, not a discount code."),
            RuleExample("<p>El nuevo modelo ahorra un 15 % de energía.</p>", note: "A resource saved, not an offer."),
        ],
        appliesTo: [.html, .text, .eml],
        policy: "Not permitted: marketing"
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(elements: ["a", "area"], needs: [.text, .sentences]) }

    public struct State: Sendable {
        var linked: Set<String> = []
    }

    public func makeState(_ context: RuleContext) -> State { State() }

    /// Listing, store and social-media URL markers (lower-cased URL substrings).
    static let listingMarkers = ["/dp/", "/gp/product/", "/stores/", "/shops/", "?me=", "&me=", "seller=", "/storefront"]
    static let socialHosts = ["facebook.com", "instagram.com", "tiktok.com", "twitter.com", "x.com", "pinterest.com",
                              "youtube.com", "fb.me", "linkedin.com", "t.me"]

    /// A URL as a link's text and its `href` may write it: without scheme, `//`, `www.` and a
    /// trailing `/`, lower case (`https://www.amazon.com/dp/X/` and `amazon.com/dp/X` are one).
    static func linkKey(_ url: String) -> String {
        String(URLInfo.comparableForm(Substring(url.trimmingWhitespacesAndNewlines().lowercased())))
    }

    /// Why a URL is promotional, or nil.
    /// `bare`: a URL written without a scheme or `www.` (`amazon.com/dp/…`, `facebook.com/shop`):
    /// a listing marker counts on an Amazon host only, and a social host on its own.
    static func promotionalLink(_ url: String, bare: Bool = false) -> String? {
        let u = url.lowercased()
        guard bare || u.hasPrefix("http") || u.hasPrefix("//") || u.hasPrefix("www.") else { return nil }
        var host = u
        if let r = host.range(of: "//") { host = String(host[r.upperBound...]) }
        host = String(host.prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" })
        if !bare || ContentLinks.isAmazonHost(host) {
            for m in listingMarkers where u.contains(m) { return "a link to another listing or storefront (\(m))" }
        }
        for s in socialHosts where host == s || host.hasSuffix("." + s) { return "a social-media link (\(s))" }
        return nil
    }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {
        let node = context.document[id]
        guard let href = node.attribute("href") else { return }
        let url = href.trimmingWhitespacesAndNewlines()
        if context.placeholders.isPlaceholderOnly(url) { return }
        guard let why = PromotionalContentRule.promotionalLink(url) else { return }
        state.linked.insert(PromotionalContentRule.linkKey(url))
        report.report("Promotional link: \(why): \(url)", node: node, evidence: "href=\"\(href)\"")
    }

    /// `N %` followed by an offer word, or a saving verb before `N %`. Between the verb and the
    /// number may stand “up to” / “hasta” / “jusqu'à” / “bis zu” / “fino a(l)”, an article
    /// (“ahorra **un** 15 %”, “risparmia **il** 10 %”, “save **an extra** 10 %”) or both
    /// (“hasta un 30 %”). A saving followed by `of`/`de`/`di`/`d'`/`an` is a resource saved (“save
    /// 20% of energy”, “ahorra un 15 % de energía”, “spart 10 % an Strom”), not an offer.
    static let percentPattern: NSRegularExpression? = try? NSRegularExpression(
        pattern: "(?:\\d+(?:[.,]\\d+)?\\s?(?:%|％|percent|per cent|por ciento|pour cent|prozent|per cento)\\s*(?:-\\s*)?(?:off(?![\\w-])|discount|de descuento|de r[ée]duction|de remise|rabatt|di sconto|オフ|引き|割引))"
            + "|(?:\\b(?:save|saving|ahorra|ahorre|ahorras|ahorrar|ahorrará|ahorrarás|économisez|economisez|économise|economise|économiser|economiser|sparen sie|spare|sparst du|risparmia|risparmi|risparmiate|risparmiare|risparmierà|risparmierai)\\s+"
            + "(?:(?:up to|hasta|jusqu['’]à|bis zu|fino a|fino al|fino all['’]|al|ben)\\s*)?"
            + "(?:(?:un|una|el|il|le|l['’]|lo|an|a|the|los|i|les|des|ein)\\s*)?"
            + "(?:(?:extra|further|additional|additionnels?|adicional|ulteriore|weitere)\\s+)?"
            + "\\d+(?:[.,]\\d+)?\\s?%(?!\\s*(?:(?:of|de|di|an|del|della|des|du)\\s|d['’])))"
            + "|(?:(?:^|(?<=\\s))-\\d+\\s?%(?=\\s|$))",
        options: [.caseInsensitive])

    /// A code as written after “the code” in an offer: letters (upper case) with or without
    /// digits, at least four characters (`GRACIAS15`, `LUMI15`, `SAVE-10`, `WELCOME`). Digits
    /// alone are a locker, pickup or postal code; a lower-case word is no code (“el código
    /// postal”, “il codice di tracciamento”).
    static func isOfferCode(_ word: String) -> Bool {
        let w = word.trimmingCharacters(in: CharacterSet(charactersIn: "\"'«»“”„‘’「」『』()（）[]:："))
        guard w.count >= 4, w.count <= 24 else { return false }
        var upper = false
        for u in w.unicodeScalars {
            switch u.value {
            case 0x41...0x5A: upper = true
            case 0x30...0x39, 0x2D, 0x5F: continue
            default: return false
            }
        }
        return upper
    }

    /// A merge field that holds a discount code (`{{coupon_code}}`, `*|PROMO|*`, `[rabattcode]`).
    static func isOfferCodePlaceholder(_ text: String) -> Bool {
        let key = normalizedForMatching(text).filter { $0.isLetter }
        return ["coupon", "cupon", "promo", "discount", "descuento", "voucher", "rabatt", "gutschein", "sconto", "remise", "reduction", "クーポン", "割引"]
            .contains { key.contains($0) }
    }

    /// `code-use` hits (“utilice el código”, “inserisca il codice”, “saisissez le code”, “geben Sie
    /// den Code”, コード…ご利用) that name an actual code: the word after the code word is
    /// code-shaped (`isOfferCode`) or a discount-code merge field, and no `not-offer-code` word
    /// (return, warranty, tracking, locker …) makes it another kind of code. Japanese: a
    /// code-shaped run inside the hit (コード THANKS10 をご利用), and コード is a word of its own
    /// (not バーコード, QRコード, 認証コード).
    static func offerCodeHits(_ s: SentenceView, placeholders: PlaceholderMatcher) -> [PhraseHit] {
        let hits = PhrasePacks.section("code-use").hits(in: s)
        guard !hits.isEmpty else { return [] }
        // A return, warranty, tracking or locker code (“inserisca il codice RMA123 nel modulo di reso”).
        if PhrasePacks.section("not-offer-code").contains(in: s) { return [] }
        let bytes = Array(s.text.utf8)
        let base = s.range.lowerBound
        func original(_ r: Range<Int>) -> String {
            let a = max(0, r.lowerBound - base), b = min(bytes.count, r.upperBound - base)
            return a < b ? String(decoding: bytes[a..<b], as: UTF8.self) : ""
        }
        // A sentence written in capitals (“PLEASE ENTER THE CODE SHOWN IN THE APP”) makes every
        // word look like a code: there, a code must hold a digit (`THANKS10`).
        var upper = 0, lower = 0
        for u in s.text.unicodeScalars where u.properties.isAlphabetic {
            if u.properties.isUppercase { upper += 1 } else if u.properties.isLowercase { lower += 1 }
        }
        let shouting = upper >= 8 && upper > 3 * lower
        func isCode(_ w: String) -> Bool { isOfferCode(w) && (!shouting || w.contains(where: \.isNumber)) }
        var out: [PhraseHit] = []
        for h in hits {
            if h.phrase.unicodeScalars.contains(where: NormalizedText.isCJKScalar) {
                let inside = original(h.range)
                // The character before コード must not extend it (バーコード, QRコード, 認証コード).
                let start = max(0, h.range.lowerBound - base)
                let before = String(decoding: bytes[max(0, start - 4)..<start], as: UTF8.self).unicodeScalars.last
                if let b = before, CharacterSet.alphanumerics.contains(b), !(0x3040...0x309F).contains(b.value) { continue }
                let runs = inside.split { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_")) }
                if let code = runs.first(where: { isCode(String($0)) }) {
                    out.append(PhraseHit(phrase: "\(h.phrase) \(code)", language: h.language, range: h.range))
                }
                continue
            }
            guard let last = s.lastToken(endingAt: h.range.upperBound) else { continue }
            var next = last + 1
            // An elision shares its word's range (`l'` `avis`): skip tokens of the same word.
            while next < s.tokenRanges.count, s.tokenRanges[next] == s.tokenRanges[last] { next += 1 }
            guard next < s.tokenRanges.count else { continue }
            let word = original(s.tokenRanges[next])
            // A merge field of any configured syntax (`{{coupon_code}}`, `*|PROMO|*`, `#?coupon?#`).
            if isCode(word) || placeholders.isPlaceholderOnly(word) && isOfferCodePlaceholder(word) {
                out.append(PhraseHit(phrase: "\(h.phrase) \(word)", language: h.language, range: h.range.lowerBound..<s.tokenRanges[next].upperBound))
            }
        }
        return out
    }

    public func finish(_ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {
        let sections = [PhrasePacks.section("promotional"), PhrasePacks.section("cross-sell"), PhrasePacks.section("follow")]
        let text = context.text.text
        // The text's bytes, made once: per URL token it made the run quadratic (a hostile 2 MB
        // text of `{{…http://http://…` took over 10 s; docs/robustness.md).
        var bytes: [UInt8]?
        for s in context.sentences {
            // Bare URLs: reported each at its own position.
            var urlReported = false
            for (k, tok) in s.tokens.enumerated() where tok.hasPrefix("http") || tok.hasPrefix("www.") {
                let r = s.tokenRanges[k]
                if bytes == nil { bytes = Array(text.utf8) }
                let original = String(decoding: (bytes ?? [])[r], as: UTF8.self)
                guard let why = PromotionalContentRule.promotionalLink(original) else { continue }
                urlReported = true
                if state.linked.contains(PromotionalContentRule.linkKey(original)) { continue }
                report.report("Promotional link in the text: \(why): \(original)", at: ContentFindings.range(r, context), evidence: original)
            }
            // URLs without a scheme or `www.` (`amazon.de/stores/…`, `instagram.com/myshop`).
            if s.text.utf8.contains(0x2E) {
                for m in URLScanner.urls(in: s.text) where m.kind == .bareDomain {
                    guard let why = PromotionalContentRule.promotionalLink(m.text, bare: true) else { continue }
                    urlReported = true
                    if state.linked.contains(PromotionalContentRule.linkKey(m.text)) { continue }
                    let r = (s.range.lowerBound + m.utf8Range.lowerBound)..<(s.range.lowerBound + m.utf8Range.upperBound)
                    report.report("Promotional link in the text: \(why): \(m.text)", at: ContentFindings.range(r, context), evidence: m.text)
                }
            }
            if urlReported { continue }
            let hits = PromotionalContentRule.phraseHits(s, sections, placeholders: context.placeholders)
            guard !hits.isEmpty else { continue }
            report.report("Promotional content (\(ContentFindings.phrases(hits))): \(ContentFindings.quote(s.text))",
                          at: ContentFindings.range(s.range, context), evidence: ContentFindings.phrases(hits))
        }
        if let subject = context.input.subject {
            let hits = PromotionalContentRule.phraseHits(SentenceView(standalone: subject.text, placeholders: context.placeholders), sections,
                                                            placeholders: context.placeholders)
            if !hits.isEmpty {
                report.report("Promotional content in the subject (\(ContentFindings.phrases(hits))): \(ContentFindings.quote(subject.text))",
                              at: subject.range, evidence: "Subject: \(subject.text)")
            }
        }
    }

    /// Phrase and percentage hits of one sentence, in order.
    static func phraseHits(_ s: SentenceView, _ sections: [PhraseIndex], placeholders: PlaceholderMatcher) -> [PhraseHit] {
        var hits: [PhraseHit] = []
        for sec in sections { hits += sec.hits(in: s) }
        hits += offerCodeHits(s, placeholders: placeholders)
        // Fulfilment wording that holds a promotional phrase (“your order now has”, “the other
        // products in your order”, “use the code … to open the locker”, 新商品と交換).
        let blockers = PhrasePacks.section("not-promotional").hits(in: s)
        if !blockers.isEmpty {
            hits.removeAll { h in blockers.contains { $0.range.overlaps(h.range) } }
        }
        if let re = percentPattern {
            let ns = s.text as NSString
            for m in re.matches(in: s.text, range: NSRange(location: 0, length: ns.length)) {
                let matched = ns.substring(with: m.range)
                let startUTF8 = ns.substring(to: m.range.location).utf8.count + s.range.lowerBound
                hits.append(PhraseHit(phrase: matched, language: "", range: startUTF8..<(startUTF8 + matched.utf8.count)))
            }
        }
        hits.sort { $0.range.lowerBound < $1.range.lowerBound }
        return hits
    }
}
