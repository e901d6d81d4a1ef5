import BSMDocument
import BSMEngine

/// `content-lang`: message content outside any element carrying `lang` below `<body>`.
public struct ContentLangRule: Rule {
    public static let metadata = RuleMetadata(
        id: "content-lang",
        name: "Content language wrapper",
        category: .accessibility,
        defaultSeverity: .warning,
        summary: "The message content is not inside an element carrying `lang` (the finding also says when `dir` is missing)",
        rationale: """
        Amazon and many mail clients (Gmail, Outlook.com, Yahoo) drop the `<html>` and `<body>` elements, and their \
        `lang` goes with them; screen readers then read the message in the reader's default voice (WCAG 3.1.1, \
        Language of Page). A wrapper element inside the body, such as `<div lang="en" dir="ltr">`, survives.
        """,
        fix: "Wrap the whole message in `<div lang=\"en\" dir=\"ltr\">…</div>` (or the table that holds it: `<table role=\"presentation\" lang=\"en\" dir=\"ltr\">`).",
        decisions: [
            "The content is every visible text run (not `<head>`, `<title>`, `<style>`, `<script>`, nor text hidden from screen readers by `display:none`/`visibility:hidden` as the cascade computes them at every reference width (inline, or from a `<style>` sheet), `hidden` or `aria-hidden=\"true\"` — a hidden preheader is not read; whitespace, `&nbsp;` and zero-width characters do not count; placeholders do). A run is covered when an element between it and `<body>` carries a non-empty `lang`; `lang` on `<html>` or `<body>` does not count, because those elements are what the clients drop.",
            "Reported once per message, at the first text-bearing element whose text is not covered (at the text itself when its element was implied by the parser); the message counts the uncovered runs and says when no element around that text sets `dir` either.",
            "Applies to fragments too: a fragment is exactly what Amazon keeps. Plain-text messages (and .eml messages with only a text/plain part) have no markup to carry a language and are not checked. Whether `lang` is a valid tag is `html-lang`'s check for the root; here any non-empty value counts.",
            "Outlook-only markup in `<!--[if mso]>` comments is not content here.",
        ],
        failing: [
            RuleExample("↓<p>Hello, your order 123-1234567-1234567 has shipped.</p>", note: "The message says dir is missing too."),
            RuleExample("<html lang=\"en\">\n<body>\n  ↓<p>Hello</p>\n</body>\n</html>", note: "`<html lang>` alone is dropped with the `<html>` element."),
            RuleExample("<div lang=\"en\" dir=\"ltr\"><p>Hello</p></div>\n↓<p>Footer text outside the wrapper</p>\n<p>More</p>"),
            RuleExample("<body lang=\"en\" dir=\"ltr\">\n<table role=\"presentation\"><tr>↓<td>Hi</td></tr></table>\n</body>"),
            RuleExample("<div lang=\"\">\n  ↓<h1>Hello</h1>\n</div>", note: "An empty lang is no language."),
            RuleExample("<body>\n  ↓Thanks for your order.\n</body>", note: "Bare text is reported from its first character."),
        ],
        passing: [
            RuleExample("<div lang=\"en\" dir=\"ltr\">\n  <p>Hello, your order has shipped.</p>\n</div>"),
            RuleExample("<html><head><title>Order</title></head><body><div lang=\"es\"><p>Hola</p></div></body></html>"),
            RuleExample("<div lang=\"en\"><p>Hello</p></div>\n<p>&nbsp;</p>", note: "Blank spacer text is not content."),
            RuleExample("<table role=\"presentation\" lang=\"ja\" dir=\"ltr\"><tr><td>ご注文ありがとうございます</td></tr></table>"),
            RuleExample("<span style=\"display: none !important\">Preheader text</span>\n<div lang=\"en\" dir=\"ltr\"><p>Hello</p></div>", note: "A hidden preheader is not read by screen readers."),
            RuleExample("<style>.ph { display: none !important; }</style><span class=\"ph\">Preheader</span><div lang=\"en\" dir=\"ltr\"><p>Hi</p></div>", note: "Hidden by a class at every reference width."),
            RuleExample("Hello, your order has shipped.", kind: .text, note: "Plain text is not applicable."),
        ],
        wcag: "3.1.1 Language of Page (Level A)",
        judgesWholeMessage: true
    )

    public struct State: Sendable {
        /// Per node: inside an element below `<body>` with a non-empty `lang` / any `dir`.
        var lang: [Bool]
        var dir: [Bool]
        /// Hidden from everyone (`display:none`, `visibility:hidden`, `hidden`, `aria-hidden`), as
        /// the other accessibility rules judge it.
        var hidden = HiddenFromAT()
        var first: NodeID?
        var uncovered = 0
        var total = 0
    }

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(allElements: true, text: true, needs: .styles) }

    public func makeState(_ context: RuleContext) -> State {
        let n = context.document.count
        let none = [Bool](repeating: false, count: n)
        return State(lang: none, dir: none)
    }

    static let rootElements: Set<String> = ["html", "body", "head"]

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {
        let node = context.node(id)
        let parent = node.parent ?? 0
        guard id < state.lang.count, parent < state.lang.count else { return }
        switch node.kind {
        case .element:
            let isRoot = ContentLangRule.rootElements.contains(node.name)
            state.lang[id] = state.lang[parent]
                || (!isRoot && node.attribute("lang").map { !$0.trimmingASCIISpaces().isEmpty } == true)
            state.dir[id] = state.dir[parent] || (!isRoot && node.hasAttribute("dir"))
        case .text:
            // Hidden from everyone: by markup, or by the cascade at every reference width (a
            // preheader hidden by a `<style>` class).
            guard node.flags.isDisjoint(with: .notContent), !state.hidden.isHidden(parent, in: context),
                  AccessibleNameResolver.hasVisibleCharacter(node.text) else { return }
            state.total += 1
            if !state.lang[parent] {
                state.uncovered += 1
                if state.first == nil { state.first = id }
            }
        default:
            break
        }
    }

    /// A bare text run's range from its first non-space character (the leading line break and
    /// indentation are not content).
    static func trimmedRange(_ text: Node, _ source: SourceText) -> SourceRange {
        // Skip white space in the source itself: libxml2 may already have dropped it from the
        // node's text (leading space before an implied <body>).
        var i = max(0, text.decodedStart)
        let end = min(text.decodedEnd, source.utf8.count)
        while i < end, ASCII.isHTMLSpace(source.utf8[i]) { i += 1 }
        guard i > text.decodedStart, i < end else { return text.range }
        return SourceRange(start: source.position(i), end: text.range.end)
    }

    public func finish(_ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {
        // An .eml whose only body is text/plain has no markup either.
        guard let first = state.first, context.document.kind != .text else { return }
        let doc = context.document
        let text = doc[first]
        let parent = text.parent ?? 0
        let element = doc[parent]
        let range = element.kind == .element && !element.isImplied && !ContentLangRule.rootElements.contains(element.name)
            ? element.range : ContentLangRule.trimmedRange(text, context.source)
        let runs = state.uncovered == state.total ? "the message text" : "\(state.uncovered) of \(state.total) text runs"
        let dir = state.dir[parent] ? "" : "; dir is missing too"
        let snippet = AccessibleNameResolver.collapse(text.text)
        report.report("Message content is not inside an element with lang (\(runs))\(dir): wrap it in <div lang=\"…\" dir=\"ltr\"> inside <body>",
                      at: range, evidence: snippet.count > 60 ? String(snippet.prefix(60)) + "…" : snippet)
    }
}
