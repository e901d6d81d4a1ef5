import BSMDocument
import BSMEngine
import BSMText

/// `active-content`: scripts, frames, plug-ins, forms, event handlers and `javascript:` URLs.
public struct ActiveContentRule: Rule {
    public static let metadata = RuleMetadata(
        id: "active-content",
        name: "Active content",
        category: .content,
        defaultSeverity: .error,
        summary: "<script>, <iframe>, <object>, <embed>, <form>, event-handler attributes (on…) or javascript: URLs",
        rationale: """
        Buyer-seller messages are static HTML: Amazon strips or rejects scripts, frames, plug-ins and forms, and \
        mail clients block them. Active content in a template is at best dead weight and at worst gets the message refused.
        """,
        fix: "Remove the element or attribute; link to a page (on Amazon, or necessary for the order) instead of embedding it.",
        decisions: [
            "Elements: `script` (any type, JSON-LD too), `iframe`, `frame`, `frameset`, `object`, `embed`, `applet`, `form`.",
            "Attributes: any `on…` event handler (`onclick`, `onload`, `onerror`, `onmouseover`, `oncommand`, vendor `onwebkit…`…), on any element: `on` followed by letters, since browsers keep adding events. Attribute names that only look so (`online`, `onset`, `only`, `onto` …: custom attributes of templates) are not reported.",
            "URLs with the `javascript:` or `vbscript:` scheme (any case, leading whitespace ignored) in `href`, `src`, `action`, `formaction`, `data`, `xlink:href`. Character references are decoded first, HTML5's named ones too (`javascript&colon;`, `java&Tab;script:`), as mail clients decode them.",
            "One finding per element, at its start tag, listing everything active about it. Outlook-only conditional comments are not parsed as markup and not checked.",
        ],
        failing: [
            RuleExample("<p>Hello</p>\n↓<script>track()</script>"),
            RuleExample("↓<a href=\"javascript:void(0)\" onclick=\"open()\">Öffnen</a>"),
            RuleExample("↓<a href=\"javascript&colon;alert(1)\">Track</a>", note: "An HTML5 named reference (`&colon;`) is decoded as mail clients decode it."),
            RuleExample("↓<img src=\"https://example.com/a.png\" alt=\"A\" onerror=\"this.src='b.png'\">"),
            RuleExample("↓<form action=\"https://example.com/survey\"><input type=\"text\" name=\"q\"></form>"),
            RuleExample("↓<iframe src=\"https://www.youtube.com/embed/x\"></iframe>\n↓<embed src=\"movie.swf\">"),
            RuleExample("↓<object data=\"https://example.com/video.mp4\"></object>"),
        ],
        passing: [
            RuleExample("<p>Thanks! <a href=\"https://www.amazon.com/gp/css/order-history\">Your orders</a></p>"),
            RuleExample("<p>Le mot « javascript: » dans le texte n'est pas un lien.</p>"),
            RuleExample("<div data-onclick=\"x\" class=\"online\">Online</div>", note: "`data-onclick` is not an event handler."),
            RuleExample("<span online=\"yes\" onset=\"2024\">Shop status</span>", note: "`online` and `onset` name no event."),
            RuleExample("<noscript>Aktivieren Sie JavaScript</noscript><p>Hallo</p>"),
        ],
        appliesTo: [.html, .eml]
    )

    static let activeElements: Set<String> = ["script", "iframe", "frame", "frameset", "object", "embed", "applet", "form"]
    static let urlAttributes: Set<String> = ["href", "src", "action", "formaction", "data", "xlink:href", "background", "poster"]

    public init(options: RuleOptions) throws {}

    /// Attribute names that start with `on` but name no event (custom attributes of templates):
    /// `online="yes"` runs nothing. Every other `on` + letters name is treated as a handler —
    /// browsers add events (`oncommand`, `onscrollsnapchange`, vendor `onwebkit…`), and a list
    /// of known ones would let new ones through.
    static let notHandlers: Set<String> = ["online", "only", "onset", "onto", "once", "ongoing", "onward", "onwards", "onion"]

    /// `on` + letters (`onclick`, `ononline`, `onwebkitanimationend`), except `notHandlers`.
    static func isEventHandler(_ name: String) -> Bool {
        name.count > 2 && name.hasPrefix("on") && name.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) && !notHandlers.contains(name)
    }

    public var interest: NodeInterest { NodeInterest(allElements: true) }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let node = context.node(id)
        guard !node.isImplied else { return }
        var reasons: [String] = []
        var evidence: [String] = []
        if ActiveContentRule.activeElements.contains(node.name) {
            reasons.append("<\(node.name)>")
        }
        for a in node.attributes {
            if ActiveContentRule.isEventHandler(a.name) {
                reasons.append("event handler \(a.name)")
                evidence.append("\(a.name)=\"\(a.value)\"")
            } else if ActiveContentRule.urlAttributes.contains(a.name), ActiveContentRule.isScriptURL(a.value) {
                reasons.append("\(a.name) with a script URL")
                evidence.append("\(a.name)=\"\(a.value)\"")
            }
        }
        guard !reasons.isEmpty else { return }
        report.report("Active content (\(reasons.joined(separator: ", "))): messages must be static HTML",
                      node: node, evidence: evidence.isEmpty ? nil : evidence.joined(separator: " "))
    }

    /// `javascript:`/`vbscript:` after leading whitespace and control characters, with tabs
    /// and newlines removed, in any case (as browsers read it).
    static func isScriptURL(_ value: String) -> Bool {
        var s = ""
        for u in value.unicodeScalars where u.value > 0x20 {
            s.unicodeScalars.append(u)
            if s.utf8.count >= 11 { break }
        }
        let l = s.lowercased()
        return l.hasPrefix("javascript:") || l.hasPrefix("vbscript:")
    }
}
