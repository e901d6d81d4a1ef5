import BSMDocument
import BSMEngine
import BSMStyle

/// `consecutive-line-breaks`: more than two line breaks in a row.
public struct ConsecutiveLineBreaksRule: Rule {
    public static let metadata = RuleMetadata(
        id: "consecutive-line-breaks",
        name: "Consecutive line breaks",
        category: .styling,
        defaultSeverity: .error,
        summary: "More than two line breaks in a row (3+ <br>, empty spacer paragraphs, or 3+ newlines in plain text)",
        rationale: """
        Amazon's styling rules allow at most two line breaks in a row (the spacing between paragraphs); \
        longer runs of empty lines are treated as layout abuse and the message is blocked.
        """,
        fix: "Remove the extra breaks: use one paragraph break between paragraphs.",
        decisions: [
            "HTML: a run is made of `<br>` elements and empty spacer blocks (`p`, `div`, `h1`–`h6`, `pre`, `blockquote`, `center` holding only white space, characters that render nothing — `&nbsp;`, `&zwnj;`, zero-width and hair spaces —, comments or `<br>`s); a spacer block holding one `<br>` or only such characters is one break, located at the block (collapsible white space alone takes no line, see below); a block holding several `<br>`s adds one break per `<br>`, located at each (`<p><br><br><br></p>` is three breaks, the third at its third `<br>`). White space, characters that render nothing (`&nbsp;`, `&zwnj;`, `&#8203;`) and comments between them do not end a run; any rendered text, image or other content does, and so does a new table cell (cells sit side by side).",
            "Plain text: a run is newlines separated only by spaces or tabs; CRLF counts once.",
            "The finding is reported once per run, at the first break over the limit (the third), with the run's length as evidence.",
            "An empty block with nothing that takes a line (`<div></div>`, only collapsible whitespace) has no height and is not a break; `&nbsp;` or a `<br>` inside makes it one.",
            "An empty block that draws something — a border or a background (`<div style=\"border-bottom:1px solid #ccc\">&nbsp;</div>`) — is a divider: it ends the run instead of adding to it; borders and backgrounds come from the cascade (class rules included) as well as inline styles and `bgcolor`/`background` attributes. A height alone draws nothing: `<div style=\"height:20px\">&nbsp;</div>` is an empty spacer block, one break, like `<p>&nbsp;</p>`; one fixed lower than a line (`height` or `max-height` under 8 px: `height: 0`, a 1 px hairline spacer) takes no line and is no break.",
            "Content hidden from every client (`<head>`, `<script>`, `<style>`) and Outlook-only conditional blocks are not counted.",
            "A `<br>`, spacer block, text or content that is not rendered (`display: none` on it or an ancestor, from any sheet) neither adds a break nor ends a run. `visibility: hidden` still takes its line and counts.",
            "Each reference width is walked on its own (`@media` rules may hide or show breaks and text): a run that is over the limit only at some widths is reported with the first of them (`at 375px`).",
        ],
        options: [RuleOptionSpec(name: "max", type: "integer", defaultValue: "2", summary: "Most line breaks allowed in a row.")],
        failing: [
            RuleExample("<p>A</p>\n<div style=\"height:20px; line-height:20px\">&nbsp;</div>\n<div style=\"height:20px; line-height:20px\">&nbsp;</div>\n↓<div style=\"height:20px; line-height:20px\">&nbsp;</div>\n<p>B</p>", note: "Fixed-height spacer blocks are empty spacer blocks: a height draws nothing."),
            RuleExample("<p>Hello<br><br>↓<br>World</p>"),
            RuleExample("<p>Hello</p>\n<p>&nbsp;</p>\n<p>&nbsp;</p>\n↓<p>&nbsp;</p>\n<p>World</p>"),
            RuleExample("<div>Hi</div><div><br></div><div><br></div>↓<div><br></div><div>there</div>"),
            RuleExample("Hello,\n\n↓\nThanks", kind: .text, note: "Three newlines in a row are two empty lines."),
            RuleExample("<p>A<br>\n  <!-- spacer -->\n  <br>&nbsp;↓<br><br>B</p>"),
            RuleExample("<p>A<br><span style=\"display: none\">hidden text</span><br>↓<br>B</p>",
                        note: "Hidden text does not end a run."),
            RuleExample("<p>A</p>\n<p><br><br>↓<br></p>\n<p>B</p>", note: "Three `<br>` in one spacer block are three breaks."),
            RuleExample("<p>A</p>\n<p style=\"margin:0; mso-line-height-rule:exactly; line-height:20px\">&nbsp;</p>\n<p style=\"margin:0; border:0; background:transparent\">&nbsp;</p>\n↓<p style=\"margin:0; line-height:20px\">&nbsp;</p>\n<p>B</p>",
                        note: "Line heights, a zero border and a transparent background draw nothing: these are spacers, not dividers."),
            RuleExample("<style>\n  @media (max-width: 480px) { .wide { display: none; } }\n</style>\n<p>A<br><br><span class=\"wide\">desktop text</span>↓<br>B</p>", config: "referenceWidths: [600, 375]", note: "At 375 px the text between the breaks is hidden: three in a row there."),
            RuleExample("<p>Kind regards,</br></br>↓</br>Acme Outdoor</p>", note: "`</br>` is a line break in browsers (HTML5 reads it as `<br>`)."),
            RuleExample("<p>One</p>\n<p>&#8203;</p>\n<div>&#8202;</div>\n↓<p>&zwnj;</p>\n<p>Two</p>",
                        note: "A zero-width space, a hair space or a zero-width non-joiner takes a line as `&nbsp;` does."),
            RuleExample("<p>Two<br>&zwnj;<br>&zwnj;↓<br>&zwnj;Three</p>", note: "`&zwnj;` between breaks shows nothing and does not end the run."),
        ],
        passing: [
            RuleExample("<p>A</p>\n<div style=\"height:0; max-height:0; overflow:hidden\">&nbsp;</div>\n<div style=\"height:20px\">&nbsp;</div>\n<div style=\"height:20px\">&nbsp;</div>\n<p>B</p>", note: "A spacer of zero height takes no line."),
            RuleExample("<p>Hello<br><br>World</p>", note: "Two breaks are allowed."),
            RuleExample("<p>One</p><p>Two</p><p>Three</p>"),
            RuleExample("<p>A<br>B<br>C<br>D</p>", note: "Breaks separated by text are not consecutive."),
            RuleExample("Hello,\n\nThanks\n\nBye", kind: .text),
            RuleExample("<table><tr><td><br><br></td><td><br></td></tr></table>", note: "Cells sit side by side: each cell starts a new run."),
            RuleExample("<p>Text<br><br></p><div style=\"height:1px;border-bottom:1px solid #ccc\">&nbsp;</div><br>More", note: "A divider is not a line break."),
            RuleExample("<style>.hr { border-bottom: 1px solid #ccc; }</style>\n<p>Text<br><br></p><div class=\"hr\">&nbsp;</div><br>More", note: "A divider styled by a class is not a line break either."),
            RuleExample("<p>Hi<br></p><div></div><div></div><div></div><p>There</p>", note: "Empty divs have no height."),
            RuleExample("<p>A<br><br><span style=\"display: none\"><br></span>B</p>", note: "A hidden `<br>` is not a break: two render."),
            RuleExample("<style>.m { display: none; }</style>\n<p>A<br><br><br class=\"m\">B</p>"),
        ],
        appliesTo: [.html, .text, .eml]
    )

    let max: Int

    public init(options: RuleOptions) throws {
        max = try options.integer("max", default: 2)
    }

    public var interest: NodeInterest { NodeInterest(allElements: true, text: true, needs: .styles) }

    /// The walk at one reference width (styles differ by width through `@media`).
    struct Lane {
        var count = 0
        /// Node whose subtree is already counted (an empty spacer block) or not rendered.
        var skipUntil = -1
        var reported = false
        /// The run this lane reported first (an index into `State.found`): it counts the run's
        /// length to its end.
        var counting: Int?
    }

    public struct State {
        /// One lane per reference width (one when the input has no styles).
        var lanes: [Lane]
        /// The runs over the limit: where each is reported, its length there, the widths it fails at.
        var found: [(node: NodeID, count: Int, widths: [Double])] = []
    }

    public func makeState(_ context: RuleContext) -> State {
        State(lanes: [Lane](repeating: Lane(), count: Swift.max(1, context.styles.count)))
    }

    static let spacerBlocks: Set<String> = ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "center"]
    static let cellBoundaries: Set<String> = ["td", "th", "tr", "table", "li"]

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {
        let doc = context.document
        if !doc.nodes[id].flags.isDisjoint(with: .notContent) { return }
        let kind = doc.nodes[id].kind
        if context.kind == .text || (kind == .text && doc.kind == .text) {
            if kind == .text { plainText(id, doc, &report) }
            return
        }
        for k in state.lanes.indices {
            let styled = k < context.styles.count ? context.styles[k] : nil
            visit(id, kind, doc, styled, &state.lanes[k], &state.found)
        }
    }

    /// Reads the node's fields in place (a copy of the whole node for each of the document's
    /// nodes cost more than the rest of the visit).
    private func visit(_ id: NodeID, _ kind: NodeKind, _ doc: Document, _ styled: StyledDocument?, _ lane: inout Lane,
                       _ found: inout [(node: NodeID, count: Int, widths: [Double])]) {
        if id <= lane.skipUntil { return }
        // Not rendered at this width (`display: none` on it or an ancestor): it neither adds a
        // break nor ends a run. (`visibility: hidden` still takes its line.)
        if let styled, kind == .element || kind == .text, !styled.isRendered(id) {
            if kind == .element { lane.skipUntil = ConsecutiveLineBreaksRule.lastDescendant(id, doc) }
            return
        }
        switch kind {
        case .text:
            if !doc.nodes[id].isBlankText { reset(&lane) }
        case .element:
            let name = doc.nodes[id].name
            if name == "br" {
                add(id, styled, &lane, &found)
            } else if ConsecutiveLineBreaksRule.spacerBlocks.contains(name) {
                if ConsecutiveLineBreaksRule.isDrawn(doc.nodes[id]) || styled.map({ ConsecutiveLineBreaksRule.isDrawn(id, $0) }) == true {
                    reset(&lane)
                } else if let breaks = ConsecutiveLineBreaksRule.spacerBreaks(id, doc, rendered: { b in styled?.isRendered(b) ?? true }) {
                    // A spacer fixed lower than a line (`height: 0`, `max-height: 0`, a 1 px
                    // hairline spacer) takes no line.
                    if !(styled.map { ConsecutiveLineBreaksRule.isBelowALine(id, $0) } ?? false) {
                        for b in breaks { add(b, styled, &lane, &found) }
                    }
                    lane.skipUntil = ConsecutiveLineBreaksRule.lastDescendant(id, doc)
                }
            } else if ConsecutiveLineBreaksRule.cellBoundaries.contains(name) || VisibleText.contentElements.contains(name) {
                reset(&lane)
            }
        default:
            break
        }
    }

    private func reset(_ lane: inout Lane) {
        lane.count = 0
        lane.reported = false
        lane.counting = nil
    }

    private func add(_ id: NodeID, _ styled: StyledDocument?, _ lane: inout Lane,
                     _ found: inout [(node: NodeID, count: Int, widths: [Double])]) {
        lane.count += 1
        if let i = lane.counting { found[i].count = lane.count }
        guard lane.count == max + 1, !lane.reported else { return }
        lane.reported = true
        let width = styled?.width ?? 0
        if let i = found.firstIndex(where: { $0.node == id }) {
            found[i].widths.append(width)
        } else {
            lane.counting = found.count
            found.append((id, lane.count, [width]))
        }
    }

    /// Each run over the limit once, at its first break over it; a run that fails at some of
    /// several reference widths names the first of them.
    public func finish(_ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {
        let doc = context.document
        for f in state.found {
            let node = doc[f.node]
            let partial = context.styles.count > 1 && f.widths.count < context.styles.count
            var evidence = "\(f.count) line breaks in a row, over the limit from this <\(node.name)>"
            if partial, f.widths.count > 1 { evidence += "; also at " + f.widths.dropFirst().map { "\(StyleSources.px($0))px" }.joined(separator: ", ") }
            report.report("More than \(max) line breaks in a row: Amazon allows at most \(max)", node: node,
                          evidence: evidence, width: partial ? f.widths.first : nil)
        }
    }

    /// An empty block that draws something (a border, a background) is a divider, not a line
    /// break; a height alone draws nothing (a spacer).
    /// The same test on the cascade: a border or a background from any sheet.
    static func isDrawn(_ id: NodeID, _ styled: StyledDocument) -> Bool {
        let st = styled.style(of: id)
        let b = st.borderWidth
        if b.top > 0 || b.bottom > 0 || b.left > 0 || b.right > 0 { return true }
        if !st.backgroundColor.isTransparent || st.backgroundImage != nil { return true }
        return false
    }

    /// A block whose height is fixed below a line (`height` or `max-height` under 8 px: `0`, a
    /// 1 px hairline spacer): it takes less room than a line break would.
    static func isBelowALine(_ id: NodeID, _ styled: StyledDocument) -> Bool {
        let st = styled.style(of: id)
        if case .px(let h) = st.height, h < minLineHeight { return true }
        if case .px(let h) = st.maxHeight, h < minLineHeight { return true }
        return false
    }

    /// The smallest fixed height that counts as a line (px).
    static let minLineHeight = 8.0

    /// The attributes that draw (a background), whatever the element; inline
    /// styles are read through the cascade above (`mso-line-height-rule`, `border:0` or
    /// `background:transparent` draw nothing).
    static func isDrawn(_ node: Node) -> Bool {
        node.hasAttribute("bgcolor") || node.hasAttribute("background")
    }

    /// Blank text that still takes a line in a block: any character but the collapsible white
    /// space of CSS (space, tab, line feed, carriage return, form feed) — `&nbsp;`, `&zwnj;`, a
    /// zero-width or hair space is text to the line box, which then has a height.
    static func takesLine(_ s: String) -> Bool {
        s.utf8.contains { !ASCII.isHTMLSpace($0) }
    }

    /// The line breaks a block holding only blank text, comments and `<br>`s adds, as the nodes
    /// they are reported at: the block itself when it holds one rendered `<br>` or blank text that
    /// takes a line (`<div><br></div>`, `<p>&nbsp;</p>`, `<p>&#8203;</p>`: an empty spacer block), each `<br>` when it holds
    /// several (`<p><br><br><br></p>` is three breaks, the third at its third `<br>`); nil when it
    /// holds anything else or takes no line (`<div></div>` has no height).
    static func spacerBreaks(_ id: NodeID, _ doc: Document, rendered: (NodeID) -> Bool) -> [NodeID]? {
        var stack = doc[id].children
        var brs: [NodeID] = []
        var nbsp = false
        while let c = stack.popLast() {
            let n = doc[c]
            switch n.kind {
            case .text:
                if !n.isBlankText { return nil }
                if takesLine(n.text) { nbsp = true }
            case .element:
                if n.name == "br" {
                    if rendered(c) { brs.append(c) }
                    continue
                }
                if !(n.name == "span" || n.name == "font" || n.name == "b" || n.name == "i" || n.name == "strong" || n.name == "em" || n.name == "o:p") { return nil }
                stack.append(contentsOf: n.children)
            case .comment, .rawText, .document: break
            }
        }
        if brs.count > 1 { return brs.sorted() }  // node ids are in document order
        return brs.count == 1 || nbsp ? [id] : nil
    }

    static func lastDescendant(_ id: NodeID, _ doc: Document) -> NodeID {
        var cur = id
        while let last = doc[cur].children.last { cur = last }
        return cur
    }

    /// Plain text: newlines separated only by spaces/tabs; report at the first newline over the limit.
    private func plainText(_ id: NodeID, _ doc: Document, _ report: inout FindingSink) {
        let bytes = Array(doc[id].text.utf8)
        var run = 0
        // The newline over the limit of the current run, reported with the run's length when it ends.
        var over: Range<Int>?
        func flush() {
            guard let r = over else { return }
            report.report("More than \(max) line breaks in a row: Amazon allows at most \(max)",
                          at: doc.sourceRange(inText: id, r), evidence: "\(run) consecutive newlines, over the limit from this one")
            over = nil
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D {
                run += 1
                let at = i
                if b == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                if run == max + 1 { over = at..<(i + 1) }
            } else if b != 0x20 && b != 0x09 {
                flush()
                run = 0
            }
            i += 1
        }
        flush()
    }
}
