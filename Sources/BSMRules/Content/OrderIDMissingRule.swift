import BSMDocument
import BSMEngine
import BSMText

/// `order-id-missing`: no 17-digit order id and no order-id placeholder in the visible text or
/// the subject.
public struct OrderIDMissingRule: Rule {
    public static let metadata = RuleMetadata(
        id: "order-id-missing",
        name: "Order ID missing",
        category: .content,
        defaultSeverity: .error,
        summary: "Neither a 17-digit order id (123-1234567-1234567) nor an order-id placeholder appears in the visible text or the subject",
        rationale: """
        Amazon requires every buyer-seller message to include the 17-digit order ID it is about (POLICY.md, \
        "Who may be messaged"). bsmlint looks for the id where the buyer reads it: the visible text, or an .eml's subject.
        """,
        fix: "Write the order id into the message, e.g. `Your order {{order.id}}` or `Order 123-1234567-1234567`.",
        decisions: [
            "An order id is `\\d{3}-\\d{7}-\\d{7}`, not glued to other digits, letters or hyphenated number groups. Digits and hyphens typed in full width or as Unicode hyphens (`１１２－３４５６７８９－０１２３４５６`, a non-breaking hyphen, `ー` between digits) are the same id to the buyer and count.",
            "An order-id placeholder is a merge field whose name says order id or order number in any of the supported languages: `{{order.id}}`, `{amazon_order_id}`, `#?OrderNumber?#`, `%%order_number%%`, `{{bestellnummer}}`, `[numero-de-pedido]`, `{{注文番号}}`.",
            "A URL or an attribute holding the id (`href=\"...orderID=123-...\"`, `alt`, `title`) does not count: the buyer does not read it. Neither does hidden text (`display:none`), `<title>` or a comment.",
            "One finding per document, placed at the first visible text (where the buyer starts reading); an empty message is reported at its first element, or the start of the file.",
        ],
        failing: [
            RuleExample("<p>↓Hello, thank you for your order.</p>"),
            RuleExample("<p>↓Your order <a href=\"https://www.amazon.com/gp/your-account/order-details?orderID=112-3456789-0123456\">details</a></p>", note: "An id inside a URL does not count."),
            RuleExample("<div style=\"display:none\">112-3456789-0123456</div>\n<p>↓Hallo, vielen Dank für Ihre Bestellung.</p>", note: "Hidden text does not count."),
            RuleExample("↓Bonjour, merci pour votre commande 112-345678-0123456.", kind: .text, note: "Six digits in the middle group: not an order id."),
            RuleExample("<p>↓Your order {{buyer.name}} <img src=\"https://example.com/a.png\" alt=\"112-3456789-0123456\"></p>", note: "Alt text and other placeholders do not count."),
            RuleExample("<table><tr><td>&nbsp;</td></tr></table>\n<p>↓Hi there, could you confirm the colour?</p>", note: "Reported at the first text that shows, not at an `&nbsp;` spacer."),
        ],
        passing: [
            RuleExample("<p lang=\"ja\">ご注文番号：１１２－３４５６７８９－０１２３４５６</p>", note: "Full-width digits and hyphens: the same id."),
            RuleExample("<p>Your order 112-3456789-0123456 has a question.</p>"),
            RuleExample("<p>Ihre Bestellung {{bestellnummer}}: eine Frage zur Gravur.</p>"),
            RuleExample("Pedido %%order_number%%: ¿podría confirmar la talla?", kind: .text),
            RuleExample("From: seller@example.com\nSubject: Question about order 112-3456789-0123456\nContent-Type: text/plain; charset=utf-8\n\nHello, could you confirm the colour?\n", kind: .eml, note: "The subject counts."),
            RuleExample("<p>ご注文番号：#?OrderNumber?#</p>"),
        ],
        appliesTo: [.html, .text, .eml],
        judgesWholeMessage: true
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(needs: .text) }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let text = context.text
        if OrderIDMissingRule.containsOrderID(text.text, placeholders: text.placeholders, matcher: context.placeholders) { return }
        if let subject = context.input.subject,
           OrderIDMissingRule.containsOrderID(subject.text, placeholders: context.placeholders.placeholders(in: subject.text),
                                              matcher: context.placeholders) {
            return
        }
        let doc = context.document
        let range: SourceRange
        if let first = text.firstVisibleRange, let r = text.sourceRange(first, in: doc) {
            range = r
        } else if let el = doc.allIDs.first(where: { doc[$0].kind == .element && !doc[$0].isImplied }) {
            range = doc[el].range
        } else {
            range = context.source.range(0, 0)
        }
        report.report("No order id: the message must include the 17-digit Amazon order id (123-1234567-1234567) or an order-id placeholder",
                      at: range)
    }

    static func containsOrderID(_ text: String, placeholders: [PlaceholderMatch], matcher: PlaceholderMatcher) -> Bool {
        if placeholders.contains(where: { matcher.isOrderIDPlaceholder($0.text) }) { return true }
        // An id inside a URL written in the text is not the id the buyer reads.
        let urls = URLScanner.urls(in: text).map(\.utf8Range)
        return URLScanner.orderIDs(in: text).contains { !ContentLinks.overlapsAny(urls, $0.utf8Range) }
    }
}
