import BSMDocument
import BSMStyle

/// The visible text of a message as the content rules read it: every rendered text run, joined
/// in document order with a line break between blocks, mapped back to exact source positions.
/// Placeholders are recognised once here, so no rule mistakes `{{order.id}}` for text or a URL.
public struct TextModel: Sendable {
    /// One text node's contribution to `text`.
    public struct Run: Sendable, Hashable {
        public let node: NodeID
        /// UTF-8 range of the run in `TextModel.text`.
        public let range: Range<Int>
    }

    /// All visible text; blocks are separated by "\n". In HTML, white space inside a text run
    /// (a line break, tab or carriage return of the source's formatting) renders as a space and is
    /// one here (byte for byte, so offsets still map to the source), except in `<pre>`.
    public let text: String
    public let runs: [Run]
    /// Placeholders in `text`.
    public let placeholders: [PlaceholderMatch]
    /// UTF-8 offsets in `text` of the line breaks this model put in: between two blocks or after
    /// an `<hr>` (`.hard`), or for a `<br>` inside a block (`.lineBreak`). Every other line break —
    /// of `<pre>` text, of plain text — is a `.wrap`. (A line break of the HTML source outside
    /// `<pre>` is a space in `text`, as browsers show it.) A sentence may run on across a `<br>` or a
    /// wrap (“… with your purchase,<br>please leave …”), never across a hard one; see
    /// `TextSegmenter.sentences`.
    /// (Offsets in increasing order, each with its kind: appended as the text is built, looked
    /// up by binary search.)
    public let lineBreaks: [(offset: Int, kind: LineBreakKind)]

    /// A model with no text (for rules that did not ask for one).
    public static let empty = TextModel(text: "", runs: [], placeholders: [])

    init(text: String, runs: [Run], placeholders: [PlaceholderMatch], lineBreaks: [(offset: Int, kind: LineBreakKind)] = []) {
        self.text = text
        self.runs = runs
        self.placeholders = placeholders
        self.lineBreaks = lineBreaks
    }

    /// Elements whose text keeps its line breaks (HTML's preformatted elements); compared, not
    /// hashed (asked for every element).
    static func isPreformatted(_ name: String) -> Bool {
        name == "pre" || name == "textarea" || name == "listing" || name == "plaintext" || name == "xmp"
    }

    /// HTML text with its line feeds, carriage returns, tabs and form feeds as spaces (how they
    /// render outside `<pre>`), byte for byte; the string itself when it has none.
    static func collapsedControls(_ s: String) -> String {
        @inline(__always) func isControl(_ c: UInt8) -> Bool { c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C }
        var s = s
        let collapsed: String? = s.withUTF8 { b in
            guard b.contains(where: isControl) else { return nil }
            return String(unsafeUninitializedCapacity: b.count) { out in
                for i in 0..<b.count { out[i] = isControl(b[i]) ? 0x20 : b[i] }
                return b.count
            }
        }
        return collapsed ?? s
    }

    /// The kind of the line break at a UTF-8 offset of `text`: one this model put in, else a wrap.
    public func lineBreak(at offset: Int) -> LineBreakKind {
        var lo = 0, hi = lineBreaks.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let o = lineBreaks[mid].offset
            if o == offset { return lineBreaks[mid].kind }
            if o < offset { lo = mid + 1 } else { hi = mid - 1 }
        }
        return .wrap
    }

    /// Elements whose boundaries separate text into blocks (a `<br>` is a line break too).
    public static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th",
        "thead", "tr", "ul",
    ]

    /// Builds the model. `isHidden`: whether an element is hidden (its text is not in the model). When
    /// `hiddenIsComputed`, it answers from computed styles, which already account for ancestors
    /// (`display: none` hides the subtree; `visibility` is inherited, and a `visibility: visible`
    /// descendant of a hidden box shows); otherwise a hidden element hides its subtree.
    /// `keepsLineBreaks`: whether an element's text keeps its line breaks besides the `<pre>`
    /// family (computed `white-space: pre`, `pre-wrap`, `pre-line`, `break-spaces`).
    public init(document: Document, placeholders matcher: PlaceholderMatcher, isHidden: (NodeID) -> Bool = { _ in false },
                hiddenIsComputed: Bool = false, keepsLineBreaks: ((NodeID) -> Bool)? = nil) {
        var out = ""
        var runs: [Run] = []
        let nodes = document.nodes
        // Nearest block ancestor per element, computed in document order (parents come first).
        var blockOf = [NodeID](repeating: 0, count: nodes.count)
        var hidden = [Bool](repeating: false, count: nodes.count)
        // Hidden by the document's structure (`<head>`, `<script>`, Outlook-only blocks), whatever CSS says.
        var structural = [Bool](repeating: false, count: nodes.count)
        var lastBlock: NodeID = -1
        var pendingBreak = false, pendingRule = false
        var breaks: [(offset: Int, kind: LineBreakKind)] = []
        var utf8Count = 0
        let isHTML = document.kind != .text
        var pre = [Bool](repeating: false, count: isHTML ? nodes.count : 0)
        for id in nodes.indices {
            let parent = nodes[id].parent ?? 0
            switch nodes[id].kind {
            case .document:
                blockOf[id] = id
            case .element:
                structural[id] = structural[parent] || !nodes[id].flags.isDisjoint(with: .notContent)
                hidden[id] = structural[id] || (!hiddenIsComputed && hidden[parent]) || isHidden(id)
                blockOf[id] = TextModel.blockElements.contains(nodes[id].name) ? id : blockOf[parent]
                if nodes[id].name == "br" { pendingBreak = true }
                if nodes[id].name == "hr" { pendingBreak = true; pendingRule = true }
                if isHTML {
                    pre[id] = pre[parent] || TextModel.isPreformatted(nodes[id].name) || (keepsLineBreaks?(id) ?? false)
                }
            case .text:
                blockOf[id] = blockOf[parent]
                if hidden[parent] || !nodes[id].flags.isDisjoint(with: .notContent) { continue }
                // Whitespace-only runs between blocks carry nothing.
                if ASCII.isAllHTMLSpace(nodes[id].text) {
                    if !out.isEmpty, blockOf[id] == lastBlock, !pendingBreak { out += " "; utf8Count += 1 }
                    continue
                }
                if !out.isEmpty, blockOf[id] != lastBlock || pendingBreak {
                    // Between blocks, or after a rule: hard. A `<br>` inside the block is a line break.
                    breaks.append((utf8Count, blockOf[id] != lastBlock || pendingRule ? .hard : .lineBreak))
                    out += "\n"
                    utf8Count += 1
                }
                pendingBreak = false
                pendingRule = false
                lastBlock = blockOf[id]
                let start = utf8Count
                if isHTML, !pre[parent] {
                    out += TextModel.collapsedControls(nodes[id].text)
                } else {
                    out += nodes[id].text
                }
                utf8Count += nodes[id].text.utf8.count
                runs.append(Run(node: id, range: start..<utf8Count))
            case .rawText, .comment:
                blockOf[id] = blockOf[parent]
            }
        }
        text = out
        self.runs = runs
        placeholders = matcher.placeholders(in: out)
        lineBreaks = breaks
    }

    /// The run containing a UTF-8 offset of `text` (the run that starts at it, at a boundary).
    public func run(containing offset: Int) -> Run? {
        var lo = 0, hi = runs.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = runs[mid].range
            if offset < r.lowerBound { hi = mid - 1 } else if offset >= r.upperBound { lo = mid + 1 } else { return runs[mid] }
        }
        return nil
    }

    /// Where the visible text starts: from its first character that renders something (not white
    /// space — `&nbsp;`, a hair space in a spacer — nor a zero-width character) to the end of
    /// that run; nil when the message shows no text. Message-level findings are placed here.
    public var firstVisibleRange: Range<Int>? {
        for run in runs {
            if let i = VisibleText.firstVisibleOffset(in: text, range: run.range) {
                return i..<run.range.upperBound
            }
        }
        return nil
    }

    /// Source range of a UTF-8 range of `text`. Ranges that cross runs end at the last run's end.
    public func sourceRange(_ r: Range<Int>, in document: Document) -> SourceRange? {
        guard let first = run(containing: r.lowerBound) ?? runs.first(where: { $0.range.lowerBound >= r.lowerBound }) else { return nil }
        let startInRun = max(0, r.lowerBound - first.range.lowerBound)
        let start = document.decodedOffset(inText: first.node, textOffset: startInRun)
        let last = run(containing: max(r.lowerBound, r.upperBound - 1)) ?? first
        let endInRun = min(last.range.count, max(0, r.upperBound - last.range.lowerBound))
        let end = document.decodedOffset(inText: last.node, textOffset: endInRun)
        return document.source.range(start, max(start, end))
    }

    /// Sentences of the visible text (placeholders kept whole). Block boundaries end sentences
    /// (`blocksEndSentences`); any other line break ends one unless the sentence runs on across
    /// it (`TextSegmenter.runsOn`). Without `blocksEndSentences`, only blank lines and
    /// punctuation end sentences.
    public func sentences(language: String? = nil, blocksEndSentences: Bool = true) -> [TextSegment] {
        TextSegmenter.sentences(text, language: language, newlineIsBoundary: blocksEndSentences,
                                lineBreak: { lineBreak(at: $0) })
    }

    /// True when a UTF-8 range of `text` lies inside a placeholder.
    public func isInsidePlaceholder(_ r: Range<Int>) -> Bool {
        placeholders.contains { $0.utf8Range.lowerBound <= r.lowerBound && r.upperBound <= $0.utf8Range.upperBound }
    }
}
