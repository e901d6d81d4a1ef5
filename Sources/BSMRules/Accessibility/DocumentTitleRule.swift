import BSMDocument
import BSMEngine

/// `document-title`: a whole document without a non-empty `<title>`.
public struct DocumentTitleRule: Rule {
    public static let metadata = RuleMetadata(
        id: "document-title",
        name: "Document title",
        category: .accessibility,
        defaultSeverity: .warning,
        summary: "A whole document has no `<title>`, or its `<title>` is empty",
        rationale: """
        The title is the first thing a screen reader announces when a message opens in a browser or a web mail view \
        (WCAG 2.4.2, Page Titled); without it the reader hears a file name or nothing.
        """,
        fix: "Add `<title>` to `<head>` with the message's purpose, e.g. `<title>Your order 123-1234567-1234567</title>`.",
        decisions: [
            "Only whole documents are checked; fragments (no `<html>`, `<head>` or `<body>` tag) and plain text have no place for a title.",
            "A title that is only whitespace is empty; a placeholder (`{{subject}}`) counts as text.",
            "With several `<title>` elements the first one is the title, as in browsers: an empty first title is reported even when a later one has text.",
            "A `<title>` inside `<svg>` or `<math>` names that graphic (see link-name), not the document: it neither gives the document a title nor hides an empty one.",
            "A missing title is reported at `<head>` (or `<html>`, or `<body>` when those are absent); an empty one at its `<title>` tag.",
        ],
        failing: [
            RuleExample("<html lang=\"en\">\n↓<head><meta charset=\"utf-8\"></head>\n<body><svg width=\"24\" height=\"24\"><title>Logo</title></svg><p>Hello</p></body>\n</html>", note: "An SVG's title is not the document's."),
            RuleExample("<html lang=\"en\">\n↓<head><meta charset=\"utf-8\"></head>\n<body><p>Hello</p></body>\n</html>"),
            RuleExample("<html lang=\"en\"><head>↓<title>  </title></head><body><p>Hello</p></body></html>"),
            RuleExample("↓<html lang=\"en\"><body><p>Hello</p></body></html>"),
            RuleExample("↓<body>\n<p>Hello</p>\n</body>"),
            RuleExample("<html lang=\"en\"><head>↓<title></title><title>Your order</title></head><body><p>Hello</p></body></html>", note: "Browsers use the first title."),
        ],
        passing: [
            RuleExample("<html lang=\"en\"><head><title>Your order</title></head><body><p>Hello</p></body></html>"),
            RuleExample("<html lang=\"en\"><head><title>{{subject}}</title></head><body><p>Hello</p></body></html>"),
            RuleExample("<p>Hello, your order has shipped.</p>", note: "A fragment is not a whole document."),
            RuleExample("<head><title>Order &amp; delivery</title></head><body><p>Hi</p></body>"),
        ],
        wcag: "2.4.2 Page Titled (Level A)",
        judgesWholeMessage: true
    )

    public struct State: Sendable {
        var html: NodeID?
        var head: NodeID?
        var body: NodeID?
        var title: NodeID?
        var hasText = false
    }

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { .elements(["html", "head", "body", "title"]) }

    public func makeState(_ context: RuleContext) -> State { State() }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {
        let node = context.node(id)
        switch node.name {
        case "title":
            // The first title element is the document's title (HTML `document.title`); later
            // ones are ignored, so an empty first title is no title.
            // An SVG or MathML `<title>` names its graphic, not the document.
            guard state.title == nil, !node.flags.contains(.inForeign) else { return }
            state.title = id
            state.hasText = !AccessibleNameResolver.collapse(context.document.textContent(id)).isEmpty
        case "html" where !node.isImplied && state.html == nil: state.html = id
        case "head" where !node.isImplied && state.head == nil: state.head = id
        case "body" where !node.isImplied && state.body == nil: state.body = id
        default: break
        }
    }

    public func finish(_ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {
        let doc = context.document
        guard !doc.isFragment, !state.hasText else { return }
        if let t = state.title, !doc[t].isImplied {
            report.report("<title> is empty: give the message a title", node: doc[t])
        } else if let at = state.head ?? state.html ?? state.body {
            report.report("The document has no <title>: add one to <head>", node: doc[at])
        }
    }
}
