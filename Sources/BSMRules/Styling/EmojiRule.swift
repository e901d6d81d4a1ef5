import BSMDocument
import BSMEngine
import BSMText

/// `emoji`: emoji in text, accessible-name attributes, the subject, or images from emoji CDNs.
public struct EmojiRule: Rule {
    public static let metadata = RuleMetadata(
        id: "emoji",
        name: "Emoji",
        category: .styling,
        defaultSeverity: .error,
        summary: "An emoji appears in the text, an alt/title/aria-label, the subject, or as an emoji-CDN image",
        rationale: """
        Amazon does not allow emojis in buyer-seller messages (styling rule 2); messages that contain them are \
        blocked. bsmlint follows Unicode Technical Standard #51: a character is an emoji when it is presented as one.
        """,
        fix: "Remove the emoji or replace it with words.",
        decisions: [
            "Emoji are characters with Emoji_Presentation, pictographs followed by U+FE0F, keycap sequences (1️⃣), flags (regional-indicator pairs and tag sequences), skin-tone modifiers and ZWJ sequences; a ZWJ sequence such as 👨‍👩‍👧 is one finding.",
            "Text-style characters without U+FE0F are not emoji: ©, ®, ™, ❤, ★, ☺, digits, `#`, `*`; U+FE0E forces text presentation.",
            "Checked: visible text (not `<title>`, `<style>`, `<script>` or comments), the `alt`, `title` and `aria-label` attributes, the text a browser shows from attributes (a button's `value` on `<input type=submit|button|reset>`, a field's `placeholder`), an .eml's decoded Subject, and image URLs (`img src` and `srcset`, `picture > source srcset`, `input[type=image]`, SVG `image`) on known emoji CDNs (Twemoji, Noto emoji, Slack, WordPress emoji, Emojipedia).",
            "One element, one emoji: an image from an emoji CDN is one finding at its start tag, with the emoji its `alt`/`aria-label` repeats in the evidence (WordPress's `wp-smiley` and Gmail's emoji images; another emoji in its `title` is reported on its own); the same emoji in several attributes of one element (`alt` and `aria-label`, `title`) is one finding, at the first.",
            "Plain-text messages are checked too. Emoji written next to each other (⭐⭐⭐⭐⭐, or separated only by spaces) are one finding at the first, in text and in attributes alike; others are reported each at its own line:column. The subject gets one finding (its position is the header's) naming every emoji in it.",
        ],
        failing: [
            RuleExample("<p>Thanks ↓<img draggable=\"false\" class=\"emoji\" alt=\"😀\" aria-label=\"😀\" src=\"https://s.w.org/images/core/emoji/15.0.3/72x72/1f600.png\"></p>", note: "An emoji image: one finding, its alt and aria-label in the evidence."),
            RuleExample("<a href=\"https://www.amazon.com/gp/css/order-history\" title=\"↓🎁 Your gift\" aria-label=\"🎁 Your gift\">Your gift</a>", note: "The same emoji in two attributes: one finding."),
            RuleExample("<p>Thanks for your order ↓😀</p>"),
            RuleExample("<p>We ↓❤️ our customers</p>", note: "A heart followed by U+FE0F is an emoji."),
            RuleExample("<img src=\"https://example.com/a.png\" alt=\"Star ↓⭐ rating\">"),
            RuleExample("<img src=\"https://example.com/a.png\" alt=\"Rated ↓⭐⭐⭐⭐⭐\">", note: "Adjacent emoji are one finding."),
            RuleExample("Your order shipped ↓🇺🇸\nThanks!", kind: .text),
            RuleExample("<p>Family ↓👨‍👩‍👧 pack</p>", note: "A ZWJ sequence is one emoji."),
            RuleExample("<p>Rate us ↓⭐⭐⭐⭐⭐ — or ↓👍🏽</p>", note: "A run of emoji is one finding; a separate one is another."),
            RuleExample("↓<img src=\"https://twemoji.maxcdn.com/v/latest/72x72/1f600.png\" alt=\"smile\">"),
            RuleExample("↓<img src=\"https://example.com/smile.png\" srcset=\"https://twemoji.maxcdn.com/v/latest/72x72/1f600.png 2x\" alt=\"smile\">",
                        note: "A `srcset` candidate loads from the emoji CDN too."),
            RuleExample("<p>Tone ↓🏻 swatch</p>", note: "A skin-tone modifier alone has Emoji_Presentation."),
            RuleExample("<input type=\"submit\" value=\"Send ↓🚀\">", note: "A button's label is text the reader sees."),
        ],
        passing: [
            RuleExample("<p>Thanks for your order!</p>"),
            RuleExample("<p>Brand™ and Company® © 2024 ★★★★★ ❤</p>", note: "Text-style characters are not emoji."),
            RuleExample("<p>Press 1 or # for help</p>"),
            RuleExample("<head><title>Hi 😀</title></head><body><p>Hello</p></body>", note: "`<title>` is not message content."),
            RuleExample("Thank you for your purchase.\nBest regards", kind: .text),
        ],
        appliesTo: [.html, .text, .eml]
    )

    static let attributes = ["alt", "title", "aria-label"]

    /// Attributes a browser shows as text on this element: a button's label (`value` of
    /// `<input type=submit|button|reset>`) and a field's `placeholder`.
    static func shownAttributes(of id: NodeID, _ doc: Document) -> [String] {
        switch doc.nodes[id].name {
        case "input":
            let type = doc.attribute(of: id, "type")?.lowercased() ?? "text"
            return type == "submit" || type == "button" || type == "reset" ? ["value"] : ["placeholder"]
        case "textarea":
            return ["placeholder"]
        default:
            return []
        }
    }

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { NodeInterest(allElements: true, text: true) }

    /// Elements that show an image of their own (an emoji picture): `ImageURLs.elementNames` less
    /// the table and block elements whose `background` attribute paints behind content — asking
    /// those too cost a third of this rule's time for no emoji.
    static let imageElements: Set<String> = ["img", "source", "input", "image"]

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let doc = context.document
        switch doc.nodes[id].kind {
        case .text:
            if !doc.nodes[id].flags.isDisjoint(with: .notContent) { return }
            let text = doc.nodes[id].text
            for run in EmojiRule.runs(EmojiScanner.scan(text), in: text) {
                report.report("\(run.describe) in the text: Amazon does not allow emojis",
                              at: doc.sourceRange(inText: id, run.range), evidence: run.text)
            }
        case .element:
            // Attribute values are decoded: an emoji there is a non-ASCII value (most elements
            // have none, and skip the look-ups by name), and an image URL needs an attribute.
            if doc.nodes[id].attributes.isEmpty { return }
            var found: [(name: String, attribute: Attribute, run: Run)] = []
            if doc.nodes[id].attributes.contains(where: { !ASCII.isASCII($0.value) }) {
                let n = doc.nodes[id].name.utf8.count  // (a length test first: most elements are neither)
                let shown = (n == 5 || n == 8) ? EmojiRule.shownAttributes(of: id, doc) : []
                for name in shown.isEmpty ? EmojiRule.attributes : EmojiRule.attributes + shown {
                    guard let a = doc.attributeNode(of: id, name) else { continue }
                    for run in EmojiRule.runs(EmojiScanner.scan(a.value), in: a.value) { found.append((name, a, run)) }
                }
            }
            // Every image URL of the element (`src`, `srcset` candidates, `picture > source`), once
            // per element; the emoji its `alt`/`aria-label` repeats is the same one (WordPress and
            // Gmail write a typed emoji as such an image).
            if EmojiRule.imageElements.contains(doc.nodes[id].name) {
                let cdn = ImageURLs.references(of: id, in: doc).filter { EmojiScanner.isEmojiCDNURL($0.url) }
                if !cdn.isEmpty {
                    var evidence = cdn.map { "\($0.attribute.name)=\"\($0.url)\"" }
                    for f in found where (f.name == "alt" || f.name == "aria-label") && !evidence.contains("\(f.name)=\"\(f.attribute.value)\"") {
                        evidence.append("\(f.name)=\"\(f.attribute.value)\"")
                    }
                    report.report("Image from an emoji CDN: an emoji picture is still an emoji", node: doc[id],
                                  evidence: evidence.joined(separator: "; "))
                    // Its text alternatives are that emoji, and so is a `title` that repeats it;
                    // another emoji in the `title` says more.
                    let own = Set(found.filter { $0.name == "alt" || $0.name == "aria-label" }.map(\.run.text))
                    found.removeAll { $0.name == "alt" || $0.name == "aria-label" || own.contains($0.run.text) }
                }
            }
            // The same emoji in several attributes of one element (`alt` and `aria-label`, `title`)
            // is one finding, at the first.
            var firstIn: [String: String] = [:]  // emoji text → the attribute it was reported in
            for f in found {
                if let first = firstIn[f.run.text], first != f.name { continue }
                firstIn[f.run.text] = f.name
                let others = found.filter { $0.run.text == f.run.text && $0.name != f.name }.map(\.name)
                var evidence = "\(f.name)=\"\(f.attribute.value)\""
                if !others.isEmpty { evidence += "; also in " + Array(Set(others)).sorted().joined(separator: ", ") }
                report.report("\(f.run.describe) in the \(f.name) attribute: Amazon does not allow emojis",
                              at: doc.sourceRange(inAttribute: f.attribute, f.run.range), evidence: evidence)
            }
        default:
            break
        }
    }

    struct Run {
        var range: Range<Int>
        var matches: [EmojiMatch]
        var text: String { matches.map(\.text).joined() }
        var describe: String {
            matches.count == 1 ? "Emoji \(matches[0].text) (\(matches[0].codePoints))" : "\(matches.count) emoji \(text)"
        }
    }

    /// Groups emoji separated by nothing but spaces into one run.
    static func runs(_ matches: [EmojiMatch], in text: String) -> [Run] {
        if matches.isEmpty { return [] }
        let bytes = Array(text.utf8)
        var out: [Run] = []
        for m in matches {
            // Extended in place: a copy of the last run, modified and stored back, copied its
            // `matches` on every append (quadratic on 100,000 adjacent emoji).
            if let i = out.indices.last {
                let upper = out[i].range.upperBound
                let gap = bytes[upper..<max(upper, m.utf8Range.lowerBound)]
                if gap.allSatisfy({ $0 == 0x20 }) {
                    out[i].range = out[i].range.lowerBound..<m.utf8Range.upperBound
                    out[i].matches.append(m)
                    continue
                }
            }
            out.append(Run(range: m.utf8Range, matches: [m]))
        }
        return out
    }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        guard let subject = context.input.subject else { return }
        // One finding for the subject (its position is the header's), naming every emoji in it.
        let found = EmojiScanner.scan(subject.text)
        guard !found.isEmpty else { return }
        let what = found.count == 1 ? "Emoji \(found[0].text) (\(found[0].codePoints))" : "\(found.count) emoji \(found.map(\.text).joined())"
        report.report("\(what) in the subject: Amazon does not allow emojis", at: subject.range, evidence: "Subject: \(subject.text)")
    }
}
