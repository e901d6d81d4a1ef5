import CLibXML2

/// Errors that stop one input from being checked. Each becomes an `input-error` finding.
public enum InputError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(String)
    case tooLarge(bytes: Int, limit: Int)
    case tooDeep(depth: Int, limit: Int)
    case tooManyNodes(count: Int, limit: Int)
    case tooManyAttributes(line: Int, limit: Int)
    case binary(String)
    case parseFailed(String)
    case timeLimit(seconds: Double)
    case malformed(String)

    public var description: String {
        switch self {
        case .unreadable(let why): return "cannot read the file: \(why)"
        case .tooLarge(let b, let l): return "file is \(b) bytes, over the size limit of \(l) bytes (limits.maxFileBytes)"
        case .tooDeep(let d, let l): return "elements nest \(d) deep, over the depth limit of \(l) (limits.maxDepth)"
        case .tooManyNodes(let c, let l): return "document has more than \(l) nodes (\(c) seen; limits.maxNodes)"
        case .tooManyAttributes(let line, let l): return "an element on line \(line) has more than \(l) attributes (limits.maxAttributes)"
        case .binary(let why): return "not a text template: \(why)"
        case .parseFailed(let why): return "cannot parse: \(why)"
        case .timeLimit(let s): return "checking took longer than the time limit of \(s) s (limits.timeoutSeconds)"
        case .malformed(let why): return "malformed input: \(why)"
        }
    }
}

/// Limits applied while building a document.
public struct ParseLimits: Sendable, Hashable {
    public var maxDepth: Int
    public var maxNodes: Int
    /// Attributes on one start tag. libxml2 checks each attribute against every earlier one, so
    /// a tag with 100,000 attributes costs it minutes: such input is refused before parsing.
    public var maxAttributes: Int
    public init(maxDepth: Int = 5_000, maxNodes: Int = 2_000_000, maxAttributes: Int = 2_000) {
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxAttributes = maxAttributes
    }
}

/// The libxml2 HTML parser, wrapped: bytes in, a `Document` with exact positions out. This file
/// and its shim are the only code in bsmlint that touches libxml2.
public enum HTMLParser {
    /// libxml2 must be initialised once per process before parsing on several threads.
    public static func initialize() { _ = libxmlInitialized }
    private static let libxmlInitialized: Bool = {
        bsm_xml_init()
        return true
    }()

    static let options: Int32 = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NODEFDTD.rawValue
        | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue
        | HTML_PARSE_IGNORE_ENC.rawValue) | Int32(XML_PARSE_HUGE.rawValue)

    /// Parses decoded source as HTML.
    ///
    /// bsmlint builds its own tree from libxml2's SAX events (start/end element, characters,
    /// CDATA, comment, processing instruction) and does not let libxml2 build one: the events
    /// carry everything the tree needs, and copying a libxml2 tree cost as much as parsing it.
    /// The hooks reproduce what libxml2's own tree builder (`xmlSAX2*`) would have made:
    /// adjacent text merged into one node, text outside any element dropped, an element closed
    /// without an event when its start tag never ends, a top-level element after the root closed
    /// placed inside the first root element.
    public static func parse(_ source: SourceText, kind: InputKind = .html, limits: ParseLimits = ParseLimits()) throws -> Document {
        initialize()
        guard !source.utf8.isEmpty else {
            return Document(nodes: [Node(kind: .document, range: SourceRange(at: .start))], source: source,
                            kind: kind, isFragment: true)
        }
        // libxml2 takes the buffer's length as an `int`.
        guard source.utf8.count < Int(Int32.max) else {
            throw InputError.tooLarge(bytes: source.utf8.count, limit: Int(Int32.max) - 1)
        }
        if let offset = AttributeCounter.firstTagOver(limits.maxAttributes, in: source.utf8) {
            throw InputError.tooManyAttributes(line: source.position(offset).line, limit: limits.maxAttributes)
        }
        let state = ParseState(source: source, limits: limits)
        var errors: Int32 = 0
        var sax = htmlSAXHandler()
        xmlSAX2InitHtmlDefaultSAXHandler(&sax)
        sax.startElement = hookStartElement
        sax.endElement = hookEndElement
        sax.characters = hookCharacters
        sax.ignorableWhitespace = hookIgnorableWhitespace
        sax.cdataBlock = hookCDataBlock
        sax.comment = hookComment
        sax.processingInstruction = hookProcessingInstruction
        sax.reference = nil
        sax.warning = nil
        sax.error = nil
        sax.serror = hookStructuredError
        let unmanaged = Unmanaged.passRetained(state)
        defer { unmanaged.release() }
        // `<!--` inside title/textarea/xmp made text (RCDATAText), then HTML5-only named references
        // rewritten to decimal ones of the same length (HTML5Entities): both keep every offset.
        let text = RCDATAText.neutralize(source.utf8) ?? source.utf8
        let input = HTML5Entities.rewrite(text) ?? text
        let docPtr: htmlDocPtr? = input.withUnsafeBufferPointer { buf -> htmlDocPtr? in
            guard let base = buf.baseAddress else { return nil }
            state.tree.bytes = buf
            defer { state.tree.bytes = nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buf.count) { cbuf in
                bsm_html_parse(cbuf, Int32(buf.count), &sax, unmanaged.toOpaque(), options, &errors)
            }
        }
        guard let doc = docPtr else { throw InputError.parseFailed("libxml2 returned no document") }
        xmlFreeDoc(doc)
        if let failure = state.tree.failure { throw failure }
        return state.tree.finish(kind: kind)
    }
}

// MARK: - SAX hooks (C callbacks; state comes from ctxt->_private)

private func state(_ ctx: UnsafeMutableRawPointer?) -> ParseState? {
    guard let ctx, let p = bsm_ctxt_private(ctx) else { return nil }
    let st = Unmanaged<ParseState>.fromOpaque(p).takeUnretainedValue()
    return st.tree.failure == nil ? st : nil
}

private let hookStartElement: startElementSAXFunc = { ctx, name, atts in
    guard let ctx, let st = state(ctx), let name else { return }
    st.tree.sync(openElements: Int(bsm_ctxt_name_depth(ctx)) - 1)
    st.tree.elementStarted(name: name, atts: atts, cursor: Int(bsm_ctxt_offset(ctx)), hasDoctype: bsm_ctxt_has_dtd(ctx) != 0)
    if st.tree.failure != nil { xmlStopParser(ctx.assumingMemoryBound(to: xmlParserCtxt.self)) }
}

private let hookEndElement: endElementSAXFunc = { ctx, name in
    guard let ctx, let st = state(ctx), name != nil else { return }
    st.tree.sync(openElements: Int(bsm_ctxt_name_depth(ctx)))
    st.tree.elementEnded(cursor: Int(bsm_ctxt_offset(ctx)))
}

private let hookCharacters: charactersSAXFunc = { ctx, ch, len in
    guard let ctx, let st = state(ctx) else { return }
    st.tree.sync(openElements: Int(bsm_ctxt_name_depth(ctx)))
    st.tree.textAdded(kind: .text, ch, Int(len), cursor: Int(bsm_ctxt_offset(ctx)))
    if st.tree.failure != nil { xmlStopParser(ctx.assumingMemoryBound(to: xmlParserCtxt.self)) }
}

private let hookIgnorableWhitespace: ignorableWhitespaceSAXFunc = { ctx, _, _ in
    guard let ctx, let st = state(ctx) else { return }
    st.tree.advance(to: Int(bsm_ctxt_offset(ctx)))
}

private let hookCDataBlock: cdataBlockSAXFunc = { ctx, value, len in
    guard let ctx, let st = state(ctx) else { return }
    st.tree.sync(openElements: Int(bsm_ctxt_name_depth(ctx)))
    st.tree.textAdded(kind: .rawText, value, Int(len), cursor: Int(bsm_ctxt_offset(ctx)))
    if st.tree.failure != nil { xmlStopParser(ctx.assumingMemoryBound(to: xmlParserCtxt.self)) }
}

private let hookStructuredError: xmlStructuredErrorFunc = { userData, _ in
    // userData is the parser context for parser errors.
    guard let userData, let st = state(userData) else { return }
    st.tree.errorCount += 1
}

private let hookComment: commentSAXFunc = { ctx, value in
    guard let ctx, let st = state(ctx) else { return }
    st.tree.sync(openElements: Int(bsm_ctxt_name_depth(ctx)))
    st.tree.commentAdded(value, cursor: Int(bsm_ctxt_offset(ctx)))
    if st.tree.failure != nil { xmlStopParser(ctx.assumingMemoryBound(to: xmlParserCtxt.self)) }
}

private let hookProcessingInstruction: processingInstructionSAXFunc = { ctx, _, _ in
    guard let ctx, let st = state(ctx) else { return }
    st.tree.sync(openElements: Int(bsm_ctxt_name_depth(ctx)))
    st.tree.processingInstructionAdded()
}

// MARK: - Parse state

/// Per-parse state reached from the SAX hooks. A class because libxml2 holds a pointer to it;
/// it never escapes `HTMLParser.parse`. The work is done by its `TreeBuilder` value, so that a
/// callback makes one dynamically checked access to the state, not one per field.
final class ParseState {
    var tree: TreeBuilder
    init(source: SourceText, limits: ParseLimits) { tree = TreeBuilder(source: source, limits: limits) }
}

/// The tree being built from SAX events.
///
/// Nodes are appended in event order, which is document (pre-)order. While parsing, a node
/// holds decoded-buffer offsets only (`decodedStart`/`decodedEnd`; an attribute's offsets sit
/// in its `range` with `line == 0`, or `line == -1` for an attribute that takes its element's
/// range); `finish` turns them into positions in one forward pass.
struct TreeBuilder {
    let source: SourceText
    let limits: ParseLimits
    var bytes: UnsafeBufferPointer<UInt8>?
    var nodes: [Node]
    /// Open elements, innermost last, in step with libxml2's name stack.
    var open: [NodeID] = []
    /// The text or raw-text node the next characters extend (libxml2 merges adjacent text).
    var pendingText: NodeID?
    var pendingBytes: [UInt8] = []
    /// Whether the document's first child (in libxml2's tree) is an element; nil: no child yet.
    var firstTopLevelIsElement: Bool?
    /// End of the last construct whose source extent is known; searches for the next start there.
    var lastEnd = 0
    /// How far `addDroppedBreaks` has looked for `</br>`.
    var breakScanEnd = 0
    var errorCount = 0
    var sawDocumentTag = false
    var failure: InputError?

    init(source: SourceText, limits: ParseLimits) {
        self.source = source
        self.limits = limits
        nodes = [Node(kind: .document, range: SourceRange(at: .start), depth: 0)]
        nodes.reserveCapacity(max(16, source.utf8.count / 40))
    }

    mutating func advance(to cursor: Int) {
        if cursor > lastEnd { lastEnd = cursor }
    }

    /// Closes the elements libxml2 closed without an event.
    @inline(__always) mutating func sync(openElements depth: Int) {
        while open.count > max(depth, 0) { open.removeLast() }
    }

    /// Gives the pending text node its text (bytes are collected so a chunk boundary can never
    /// split a character).
    mutating func flushText() {
        guard let id = pendingText else { return }
        if nodes[id].kind == .text, pendingBytes.count >= 10, pendingBytes.contains(0x5B) {
            TreeBuilder.removeBracketConditionals(&pendingBytes)
        }
        nodes[id].text = String(decoding: pendingBytes, as: UTF8.self)
        pendingBytes.removeAll(keepingCapacity: true)
        pendingText = nil
    }

    /// Removes Word/Outlook's comment-less conditionals (`<![if !mso]>`, `<![if !supportLists]>`,
    /// `<![endif]>`) from text: libxml2 passes them on as text, while browsers and mail clients
    /// read them as bogus comments that render nothing. (Positions are unaffected: a text run's
    /// offsets are found by aligning it with the source, which skips markup missing from it.)
    static func removeBracketConditionals(_ b: inout [UInt8]) {
        var out: [UInt8] = []
        var i = 0
        var changed = false
        while i < b.count {
            if b[i] == 0x3C, i + 4 < b.count, b[i + 1] == 0x21, b[i + 2] == 0x5B {
                // `<![if …]>` or `<![endif]>`.
                let word = b[(i + 3)...].prefix(6).map(StartTagScanner.lower)
                // `<![if` followed by a space (or `]`), or `<![endif]` — not `<![iframe…`.
                let isIf = word.count >= 3 && word[0] == 0x69 && word[1] == 0x66 && (ASCII.isHTMLSpace(word[2]) || word[2] == 0x5D)  // "if"
                if isIf || word.starts(with: TreeBuilder.endifBracket) {
                    var j = i + 3
                    while j + 1 < b.count, !(b[j] == 0x5D && b[j + 1] == 0x3E), j - i < 200 { j += 1 }
                    if j + 1 < b.count, b[j] == 0x5D, b[j + 1] == 0x3E {
                        if !changed { out = Array(b[..<i]); changed = true }
                        i = j + 2
                        continue
                    }
                }
            }
            if changed { out.append(b[i]) }
            i += 1
        }
        if changed { b = out }
    }

    /// `</br>` — a common slip — is a line break in browsers (HTML5 parses it as `<br>`), while
    /// libxml2 drops it as a stray end tag. Each one in the source between the last construct and
    /// `limit` (outside comments) becomes a `br` element of the open element, in place; the
    /// offset just past the last one, or nil when there is none.
    mutating func addDroppedBreaks(limit: Int) -> Int? {
        guard let bytes, let base = bytes.baseAddress, let parent = open.last else { return nil }
        let to = min(limit, bytes.count)
        // A span already scanned holds no `</br>` (it would have moved `lastEnd` past it): start
        // after it, so events that do not move `lastEnd` never rescan the same bytes.
        var i = max(lastEnd, breakScanEnd)
        defer { breakScanEnd = max(breakScanEnd, to) }
        var lastBreak: Int?
        while i + 4 < to {
            // Jump to the next `<` (most spans hold one or none).
            guard let p = memchr(base + i, 0x3C, to - i) else { break }
            i = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
            guard i + 4 < to else { break }
            if bytes[i + 1] == 0x21, bytes[i + 2] == 0x2D, bytes[i + 3] == 0x2D {
                i = TreeBuilder.commentEnd(bytes, from: i, to: to)
                continue
            }
            if StartTagScanner.isLetter(bytes[i + 1]) {
                // A start tag: its attribute values may hold `</br>` as text (`alt="a</br>b"`).
                i = StartTagScanner.tagClose(in: bytes, from: i + 2, to: to) + 1
                continue
            }
            guard bytes[i + 1] == 0x2F, bytes[i + 2] | 0x20 == 0x62, bytes[i + 3] | 0x20 == 0x72 else { i += 1; continue }
            var j = i + 4
            while j < to, ASCII.isHTMLSpace(bytes[j]) { j += 1 }
            guard j < to, bytes[j] == 0x3E else { i += 1; continue }
            if lastBreak == nil { flushText() }
            var node = newNode(.element, parent: parent, start: i, end: j + 1)
            node.name = "br"
            guard append(node, parent: parent) != nil else { return lastBreak }
            lastBreak = j + 1
            lastEnd = j + 1
            i = j + 1
        }
        return lastBreak
    }

    /// Appends a node under `parent`, enforcing the depth and node-count limits.
    private mutating func append(_ node: consuming Node, parent: NodeID) -> NodeID? {
        let depth = node.depth
        if depth > limits.maxDepth {
            failure = .tooDeep(depth: depth, limit: limits.maxDepth)
            return nil
        }
        if nodes.count >= limits.maxNodes {
            failure = .tooManyNodes(count: nodes.count, limit: limits.maxNodes)
            return nil
        }
        let id = nodes.count
        // Moved in, not copied (a node's strings and arrays would be retained and released).
        nodes.append(node)
        nodes[parent].children.append(id)
        return id
    }

    private func newNode(_ kind: NodeKind, parent: NodeID, start: Int, end: Int, implied: Bool = false) -> Node {
        var node = Node(kind: kind, parent: parent, range: SourceRange(at: .start), decodedStart: start, decodedEnd: end,
                        isImplied: implied, depth: nodes[parent].depth + 1)
        node.flags = nodes[parent].flags
        return node
    }

    mutating func elementStarted(name: UnsafePointer<xmlChar>, atts: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
                                 cursor: Int, hasDoctype: Bool) {
        _ = addDroppedBreaks(limit: cursor)
        flushText()
        guard let bytes else { return }
        let nameBytes = UnsafeBufferPointer(start: name, count: strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self)))
        // libxml2 calls startElement with its cursor on the tag's closing `>` (or `/>`).
        var limit = min(cursor >= 0 ? cursor : lastEnd, bytes.count)
        if limit < bytes.count, bytes[limit] == 0x3E {
            limit += 1
        } else if limit + 1 < bytes.count, bytes[limit] == 0x2F, bytes[limit + 1] == 0x3E {
            limit += 2
        }
        var start: Int, end: Int, implied: Bool, rawName: String?
        var raw: [StartTagScanner.RawAttribute] = []
        if let (s, rn) = StartTagScanner.findTagStart(in: bytes, from: lastEnd, to: limit, name: nameBytes),
           limit > 0, bytes[limit - 1] == 0x3E {
            raw = StartTagScanner.scanAttributes(in: bytes, tagStart: s, nameLength: rn.utf8.count, tagEnd: limit)
            (start, end, implied, rawName) = (s, limit, false, rn)
            lastEnd = limit
        } else {
            // Implied by the parser: place it at the construct that implied it.
            var s = min(max(lastEnd, 0), limit)
            var k = limit - 1
            while k >= lastEnd, k >= 0 {
                if bytes[k] == 0x3C { s = k; break }
                k -= 1
            }
            if s > limit { s = limit }
            (start, end, implied, rawName) = (s, s, true, nil)
        }
        // Parent: the innermost open element. With none open, libxml2's tree builder adds the
        // element to the document when it is empty or starts with a DOCTYPE, comment or
        // processing instruction, and otherwise inside the document's first (root) element.
        let parent: NodeID
        if let top = open.last {
            parent = top
        } else if hasDoctype || firstTopLevelIsElement != true {
            parent = Document.rootID
        } else {
            parent = nodes[Document.rootID].children.first ?? Document.rootID
        }
        var node = newNode(.element, parent: parent, start: start, end: end, implied: implied)
        node.name = rawName.map(TreeBuilder.lowercased) ?? String(cString: name)
        node.flags.formUnion(NodeFlags.own(node.name, inside: node.flags))
        if !implied, node.name == "html" || node.name == "body" || node.name == "head" { sawDocumentTag = true }
        node.attributes = buildAttributes(raw: raw, atts: atts)
        guard let id = append(node, parent: parent) else { return }
        if parent == Document.rootID, firstTopLevelIsElement == nil { firstTopLevelIsElement = true }
        open.append(id)
    }

    mutating func elementEnded(cursor: Int) {
        _ = addDroppedBreaks(limit: cursor)
        flushText()
        if !open.isEmpty { open.removeLast() }
        guard let bytes, cursor > 0, cursor <= bytes.count, bytes[cursor - 1] == 0x3E else { return }
        // Accept only an explicit end tag ending at the cursor: `</name   >`.
        var k = cursor - 2
        while k > lastEnd, ASCII.isHTMLSpace(bytes[k]) { k -= 1 }
        while k > lastEnd, StartTagScanner.isNameByte(bytes[k]) { k -= 1 }
        if k >= lastEnd, k >= 1, bytes[k] == 0x2F, bytes[k - 1] == 0x3C { lastEnd = cursor }
    }

    mutating func textAdded(kind: NodeKind, _ ch: UnsafePointer<xmlChar>?, _ len: Int, cursor: Int) {
        // Text outside every element is dropped (libxml2's tree builder has nowhere to put it).
        guard let parent = open.last else { return }
        let breaksEnd = kind == .text ? addDroppedBreaks(limit: cursor) : nil
        if breaksEnd == nil, let id = pendingText, nodes[id].kind == kind, nodes[id].parent == parent {
            nodes[id].decodedEnd = max(nodes[id].decodedEnd, cursor)
        } else {
            flushText()
            let start = breaksEnd ?? textStart(limit: cursor)
            guard let id = append(newNode(kind, parent: parent, start: start, end: max(start, cursor)), parent: parent) else { return }
            pendingText = id
        }
        if let ch, len > 0 { pendingBytes.append(contentsOf: UnsafeBufferPointer(start: ch, count: len)) }
        advance(to: cursor)
    }

    mutating func commentAdded(_ value: UnsafePointer<xmlChar>?, cursor: Int) {
        _ = addDroppedBreaks(limit: cursor)
        flushText()
        guard let bytes else { return }
        let limit = min(max(cursor, 0), bytes.count)
        var start = lastEnd
        var i = lastEnd
        while i + 3 < limit {
            if bytes[i] == 0x3C, bytes[i + 1] == 0x21, bytes[i + 2] == 0x2D, bytes[i + 3] == 0x2D { start = i; break }
            i += 1
        }
        let parent = open.last ?? Document.rootID
        var node = newNode(.comment, parent: parent, start: start, end: limit)
        let text = value.map { String(cString: $0) } ?? ""
        node.text = text
        node.conditional = ConditionalComments.classify(text)
        guard append(node, parent: parent) != nil else { return }
        if parent == Document.rootID, firstTopLevelIsElement == nil { firstTopLevelIsElement = false }
        advance(to: limit)
    }

    /// A processing instruction is no node here, but in libxml2's tree it ends a text run and
    /// can be the document's first child.
    mutating func processingInstructionAdded() {
        flushText()
        if open.isEmpty, firstTopLevelIsElement == nil { firstTopLevelIsElement = false }
    }

    /// Where a text run starts: after the last known construct, skipping markup that produced no
    /// event (stray end tags, DOCTYPE, processing instructions).
    func textStart(limit: Int) -> Int {
        guard let bytes else { return lastEnd }
        var i = lastEnd
        let end = min(limit, bytes.count)
        while i < end {
            var j = i
            while j < end, ASCII.isHTMLSpace(bytes[j]) { j += 1 }
            guard j + 1 < end, bytes[j] == 0x3C else { break }
            let next = bytes[j + 1]
            let isEndTag = next == 0x2F && j + 2 < end && StartTagScanner.isLetter(bytes[j + 2])
            let isDecl = (next == 0x21 && !(j + 3 < end && bytes[j + 2] == 0x2D && bytes[j + 3] == 0x2D)) || next == 0x3F
            guard isEndTag || isDecl else { break }
            var k = j + 2
            while k < end, bytes[k] != 0x3E { k += 1 }
            guard k < end else { break }
            i = k + 1
        }
        return i
    }

    // MARK: finish

    /// Resolves every offset to a position, in document order (start, attributes, end), so the
    /// resolver only moves forward.
    mutating func finish(kind: InputKind) -> Document {
        flushText()
        mergeDiscardedDocumentTags()
        keepTablesInLinks()
        var resolver = PositionResolver(source: source)
        nodes[0].range = SourceRange(at: source.position(0))
        for id in 1..<nodes.count {
            let startPos = resolver.position(nodes[id].decodedStart)
            if nodes[id].attributes.isEmpty {
                nodes[id].range = SourceRange(start: startPos, end: resolver.position(nodes[id].decodedEnd))
                continue
            }
            var attributes = nodes[id].attributes
            nodes[id].attributes = []
            var needsElementRange = false
            for i in attributes.indices {
                let r = attributes[i].range
                if r.start.line < 0 { needsElementRange = true; continue }
                let nameStart = resolver.position(r.start.offset)
                if let vr = attributes[i].valueRange {
                    attributes[i].valueRange = SourceRange(start: resolver.position(vr.start.offset), end: resolver.position(vr.end.offset))
                }
                attributes[i].range = SourceRange(start: nameStart, end: resolver.position(r.end.offset))
            }
            let range = SourceRange(start: startPos, end: resolver.position(nodes[id].decodedEnd))
            if needsElementRange {
                for i in attributes.indices where attributes[i].range.start.line < 0 { attributes[i].range = range }
            }
            nodes[id].range = range
            nodes[id].attributes = attributes
        }
        return Document(nodes: nodes, source: source, kind: kind, isFragment: !sawDocumentTag, parseErrorCount: errorCount)
    }

    /// libxml2 drops an `<html>` or `<body>` start tag that comes after content it has already
    /// placed in an implied one (a template directive on the first line, react-email's hidden
    /// preview `<div>` before `<body>`), attributes and all; browsers add the dropped tag's
    /// attributes to the element (HTML5: those it does not have yet). So does bsmlint: the
    /// element takes the attributes it lacks, with their source positions, and an implied element
    /// takes the dropped tag's place. A document with such a tag is a whole document, not a
    /// fragment.
    mutating func mergeDiscardedDocumentTags() {
        // Only an element libxml2 implied can have had its tag dropped.
        let implied = TreeBuilder.documentTagNames.map { name in
            nodes.indices.first { nodes[$0].kind == .element && nodes[$0].name == name }.flatMap { nodes[$0].isImplied ? $0 : nil }
        }
        guard implied.contains(where: { $0 != nil }) else { return }
        source.utf8.withUnsafeBufferPointer { b in
            // One scan of the source finds both tags.
            let tags = TreeBuilder.firstStartTags(TreeBuilder.documentTagNames, in: b)
            for (k, name) in TreeBuilder.documentTagNames.enumerated() {
                guard let id = implied[k], let tag = tags[k] else { continue }
                sawDocumentTag = true
                for r in StartTagScanner.scanAttributes(in: b, tagStart: tag.start, nameLength: name.utf8.count, tagEnd: tag.end) {
                    let attributeName = TreeBuilder.lowercasedName(UnsafeBufferPointer(rebasing: b[r.nameStart..<r.nameEnd]))
                    guard !nodes[id].attributes.contains(where: { $0.name == attributeName }) else { continue }
                    nodes[id].attributes.append(TreeBuilder.attribute(r, name: attributeName,
                                                                      value: TreeBuilder.decodeCharacterReferences(r.rawValue(b))))
                }
                nodes[id].isImplied = false
                nodes[id].decodedStart = tag.start
                nodes[id].decodedEnd = tag.end
            }
        }
    }

    static let documentTagNames = ["html", "body"]
    static let endifBracket = Array("endif]".utf8)

    /// For each name, the first `<name …>` start tag of the source outside comments and
    /// `<script>`/`<style>` text: its start and just past its `>`. One scan for all the names,
    /// ending when each is found.
    static func firstStartTags(_ names: [String], in b: UnsafeBufferPointer<UInt8>) -> [(start: Int, end: Int)?] {
        let wanted = names.map { Array($0.utf8) }
        var found = [(start: Int, end: Int)?](repeating: nil, count: names.count)
        guard let base = b.baseAddress, let shortest = wanted.map(\.count).min() else { return found }
        var i = 0
        while i + shortest + 1 < b.count, found.contains(where: { $0 == nil }) {
            guard let p = memchr(base + i, 0x3C, b.count - i) else { return found }
            i = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
            guard i + shortest + 1 < b.count else { return found }
            if b[i + 1] == 0x21, i + 3 < b.count, b[i + 2] == 0x2D, b[i + 3] == 0x2D {
                i = TreeBuilder.commentEnd(b, from: i, to: b.count)
                continue
            }
            // The text of `<script>`/`<style>` is not markup: skip to its end tag.
            if let raw = TreeBuilder.rawTextElement(b, at: i) {
                var j = i + 1
                while j + raw.count + 1 < b.count {
                    guard let q = memchr(base + j, 0x3C, b.count - j) else { return found }
                    j = base.distance(to: q.assumingMemoryBound(to: UInt8.self))
                    if j + raw.count + 1 < b.count, b[j + 1] == 0x2F,
                       (0..<raw.count).allSatisfy({ StartTagScanner.lower(b[j + 2 + $0]) == raw[$0] }) { break }
                    j += 1
                }
                i = j + 1
                continue
            }
            for (w, n) in wanted.enumerated() where found[w] == nil && i + n.count + 1 < b.count {
                guard (0..<n.count).allSatisfy({ StartTagScanner.lower(b[i + 1 + $0]) == n[$0] }) else { continue }
                let after = b[i + 1 + n.count]
                guard ASCII.isHTMLSpace(after) || after == 0x3E || after == 0x2F else { continue }
                // The tag ends at the first `>` outside quotes (none: the tag is unfinished).
                let j = StartTagScanner.tagClose(in: b, from: i + 1 + n.count, to: b.count)
                if j < b.count { found[w] = (i, j + 1) } else { return found }
            }
            i += 1
        }
        return found
    }

    /// The name bytes of the raw-text element (`script`, `style`) whose start tag is at `i`.
    static let rawTextNames = [Array("script".utf8), Array("style".utf8)]

    static func rawTextElement(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> [UInt8]? {
        for name in rawTextNames where i + 1 + name.count < b.count {
            guard (0..<name.count).allSatisfy({ StartTagScanner.lower(b[i + 1 + $0]) == name[$0] }) else { continue }
            let after = b[i + 1 + name.count]
            if ASCII.isHTMLSpace(after) || after == 0x3E || after == 0x2F { return name }
        }
        return nil
    }

    /// `&amp;`, `&quot;`, `&apos;`, `&lt;`, `&gt;`, `&nbsp;` and numeric references decoded;
    /// anything else kept as written (for attribute values libxml2 never saw).
    static func decodeCharacterReferences(_ s: String) -> String {
        guard s.utf8.contains(0x26) else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semi = after.prefix(12).firstIndex(of: ";") else { out += "&"; rest = after; continue }
            let body = after[..<semi]
            var decoded: String?
            switch body {
            case "amp": decoded = "&"
            case "quot": decoded = "\""
            case "apos": decoded = "'"
            case "lt": decoded = "<"
            case "gt": decoded = ">"
            case "nbsp": decoded = "\u{A0}"
            default:
                if body.hasPrefix("#x") || body.hasPrefix("#X"), let v = UInt32(body.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) {
                    decoded = String(u)
                } else if body.hasPrefix("#"), let v = UInt32(body.dropFirst()), let u = Unicode.Scalar(v) {
                    decoded = String(u)
                }
            }
            if let decoded {
                out += decoded
                rest = after[after.index(after: semi)...]
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }

    /// Elements that make libxml2 close an open `<a>` when they start (its HTML 4 rules).
    static let linkClosers: Set<String> = ["table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th"]

    /// libxml2 closes an open `<a>` when a table starts (`<a href=…><table>…</table></a>`, a
    /// linked card or button), and then drops the `</a>` as unexpected; browsers keep the table
    /// inside the link (HTML5). The one place where bsmlint's tree leaves libxml2's: the link gets
    /// back what the source puts inside it — the siblings from that table up to its `</a>`. When
    /// no `</a>` follows among those siblings, libxml2's shape is kept.
    ///
    /// Work: each parent's children are walked once; the source is scanned only in the gaps
    /// between the siblings taken (what their subtrees hold belongs to them), so the pass stays
    /// linear however many links a hostile template has.
    mutating func keepTablesInLinks() {
        let utf8 = source.utf8
        for p in nodes.indices where nodes[p].kind == .element || nodes[p].kind == .document {
            let siblings = nodes[p].children
            guard siblings.count > 1, siblings.contains(where: { nodes[$0].kind == .element && nodes[$0].name == "a" }) else { continue }
            // The parent's children rebuilt once (adopted runs left out), not cut per link.
            var kept: [NodeID] = []
            kept.reserveCapacity(siblings.count)
            var changed = false
            var i = 0
            while i < siblings.count {
                let id = siblings[i]
                kept.append(id)
                i += 1
                guard nodes[id].kind == .element, nodes[id].name == "a", !nodes[id].isImplied else { continue }
                var k = i
                while k < siblings.count, nodes[siblings[k]].kind == .comment
                        || (nodes[siblings[k]].kind == .text && nodes[siblings[k]].text.utf8.allSatisfy(ASCII.isHTMLSpace)) { k += 1 }
                guard k < siblings.count, nodes[siblings[k]].kind == .element,
                      TreeBuilder.linkClosers.contains(nodes[siblings[k]].name) else { continue }
                // Closed by its own `</a>` before the table: nothing to give back. (After a
                // subtree's last construct come its elements' end tags: the `</a>` of links
                // inside it are theirs, not this one's.)
                let own = subtreeEnd(id)
                let from = min(own.offset, utf8.count), to = min(nodes[siblings[k]].decodedStart, utf8.count)
                guard from <= to, utf8.withUnsafeBufferPointer({ TreeBuilder.linkEnds($0, from..<to) }) <= own.links else { continue }
                // Take siblings while the gap after each holds no `</a>` of this link.
                var taken = k - i + 1
                var found = false
                var m = k
                while m < siblings.count {
                    let end = subtreeEnd(siblings[m])
                    let gapStart = min(end.offset, utf8.count)
                    let gapEnd = m + 1 < siblings.count ? min(nodes[siblings[m + 1]].decodedStart, utf8.count) : min(followingStart(p), utf8.count)
                    if gapStart <= gapEnd, utf8.withUnsafeBufferPointer({ TreeBuilder.linkEnds($0, gapStart..<gapEnd) }) > end.links {
                        found = true
                        break
                    }
                    guard m + 1 < siblings.count else { break }
                    let next = siblings[m + 1]
                    // Another link starts: in browsers it closes this one (links do not nest).
                    if nodes[next].kind == .element, nodes[next].name == "a" {
                        found = true
                        break
                    }
                    if nodes[next].kind != .element {
                        // A text run libxml2 merged across the dropped `</a>` (`tail</a> out`)
                        // cannot be split here (node ids follow document order): the link ends
                        // before it.
                        let r = min(nodes[next].decodedStart, utf8.count)..<min(nodes[next].decodedEnd, utf8.count)
                        found = !r.isEmpty && utf8.withUnsafeBufferPointer { TreeBuilder.linkEnds($0, r) } > 0
                        break
                    }
                    m += 1
                    taken += 1
                }
                guard found else { continue }
                let adopted = Array(siblings[i..<(i + taken)])
                nodes[id].children += adopted
                for c in adopted { nodes[c].parent = id }
                var stack = adopted
                while let n = stack.popLast() {
                    nodes[n].depth += 1
                    stack.append(contentsOf: nodes[n].children)
                }
                i += taken
                changed = true
            }
            if changed { nodes[p].children = kept }
        }
    }

    /// Where the source of a node's subtree ends, as far as its nodes tell (the end of its last
    /// descendant's construct), and how many links below the node enclose that descendant —
    /// their `</a>` come after it.
    private func subtreeEnd(_ id: NodeID) -> (offset: Int, links: Int) {
        var n = id
        var end = nodes[id].decodedEnd
        var links = 0
        while let last = nodes[n].children.last {
            if n != id, nodes[n].kind == .element, nodes[n].name == "a" { links += 1 }
            n = last
            end = max(end, nodes[n].decodedEnd)
        }
        if n != id, nodes[n].kind == .element, nodes[n].name == "a" { links += 1 }
        return (end, links)
    }

    /// Where the first node after `p`'s subtree starts (the end of the source when none).
    private func followingStart(_ p: NodeID) -> Int {
        var n = p
        while let last = nodes[n].children.last { n = last }
        return n + 1 < nodes.count ? nodes[n + 1].decodedStart : source.utf8.count
    }

    /// With `i` at a `<!--`: the offset just past its `-->`, or `to` when none comes before it.
    static func commentEnd(_ b: UnsafeBufferPointer<UInt8>, from i: Int, to: Int) -> Int {
        guard let base = b.baseAddress else { return to }
        var j = i + 4
        while j < to, let q = memchr(base + j, 0x3E, to - j) {
            let k = base.distance(to: q.assumingMemoryBound(to: UInt8.self))
            j = k + 1
            if k >= i + 6, b[k - 1] == 0x2D, b[k - 2] == 0x2D { return j }
        }
        return to
    }

    /// The number of `</a>` end tags in `range` of the source, outside comments.
    static func linkEnds(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var count = 0
        var i = range.lowerBound
        let to = range.upperBound
        while i + 2 < to {
            guard b[i] == 0x3C else { i += 1; continue }
            if b[i + 1] == 0x21, i + 3 < to, b[i + 2] == 0x2D, b[i + 3] == 0x2D {
                i = commentEnd(b, from: i, to: to)
                continue
            }
            if b[i + 1] == 0x2F, b[i + 2] | 0x20 == 0x61, i + 3 >= to || ASCII.isHTMLSpace(b[i + 3]) || b[i + 3] == 0x3E { count += 1 }
            i += 1
        }
        return count
    }

    /// `s.lowercased()`, without allocating when `s` is already lowercase ASCII.
    static func lowercased(_ s: String) -> String {
        for b in s.utf8 where b >= 0x80 || (b >= 0x41 && b <= 0x5A) { return s.lowercased() }
        return s
    }

    /// Lowercased text of source bytes (ASCII fast path; same result as `String(decoding:).lowercased()`).
    static func lowercasedName<C: Collection<UInt8>>(_ bytes: C) -> String {
        for b in bytes where b >= 0x80 { return String(decoding: bytes, as: UTF8.self).lowercased() }
        return String(unsafeUninitializedCapacity: bytes.count) { buf in
            var i = 0
            for b in bytes {
                buf[i] = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
                i += 1
            }
            return i
        }
    }

    /// An offset placeholder until `finish` resolves it.
    @inline(__always) private static func at(_ offset: Int) -> SourcePosition { SourcePosition(line: 0, column: 0, offset: offset) }

    /// The common case, without copying libxml2's strings: libxml2 read exactly the attributes
    /// the source scan found, in the same order, and no value holds a character reference
    /// (`&`), so each value is its source bytes. Nil when any of that does not hold.
    private func sameAttributes(raw: [StartTagScanner.RawAttribute], atts: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> [Attribute]? {
        guard let bytes, let atts, !raw.isEmpty else { return nil }
        var k = 0, i = 0
        while let n = atts[i] {
            guard k < raw.count else { return nil }
            let r = raw[k]
            // Same name: libxml2's is the source name lowercased (ASCII only here).
            var j = r.nameStart, m = 0
            while j < r.nameEnd {
                let b = bytes[j]
                guard b < 0x80, n[m] != 0, n[m] == ((b >= 0x41 && b <= 0x5A) ? b | 0x20 : b) else { return nil }
                j += 1
                m += 1
            }
            guard n[m] == 0 else { return nil }
            if let vs = r.valueStart, let ve = r.valueEnd {
                guard vs <= ve, ve <= bytes.count else { return nil }
                // A quoted value must end with its quote: an unclosed one runs on in libxml2.
                if vs > 0, bytes[vs - 1] == 0x22 || bytes[vs - 1] == 0x27 {
                    guard ve < bytes.count, bytes[ve] == bytes[vs - 1] else { return nil }
                }
                var q = vs
                while q < ve { if bytes[q] == 0x26 { return nil }; q += 1 }
            }
            k += 1
            i += 2
        }
        guard k == raw.count else { return nil }
        var result: [Attribute] = []
        result.reserveCapacity(raw.count)
        for r in raw {
            let name = TreeBuilder.lowercasedName(UnsafeBufferPointer(rebasing: bytes[r.nameStart..<r.nameEnd]))
            result.append(TreeBuilder.attribute(r, name: name, value: r.rawValue(bytes)))
        }
        return result
    }

    /// A scanned attribute with its source offsets as placeholders; a boolean attribute (no
    /// value in the source) has the empty value.
    private static func attribute(_ r: StartTagScanner.RawAttribute, name: String, value: String) -> Attribute {
        var valueRange: SourceRange?
        if let vs = r.valueStart, let ve = r.valueEnd {
            valueRange = SourceRange(start: TreeBuilder.at(vs), end: TreeBuilder.at(ve))
        }
        let span: Range<Int>? = r.valueStart.flatMap { vs in r.valueEnd.map { vs..<max(vs, $0) } }
        return Attribute(name: name, value: r.valueStart == nil ? "" : value,
                         range: SourceRange(start: TreeBuilder.at(r.nameStart), end: TreeBuilder.at(r.end)),
                         valueRange: valueRange, valueSpan: span)
    }

    /// The start tag's attributes: positions from the source scan (in source order, the first of
    /// a repeated name wins), decoded values from libxml2 (`atts`: name/value pairs). Attributes
    /// libxml2 has that the scan did not see (implied elements) take the element's range.
    private func buildAttributes(raw: [StartTagScanner.RawAttribute], atts: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> [Attribute] {
        if let fast = sameAttributes(raw: raw, atts: atts) { return fast }
        var libValues: [(String, String)] = []
        if let atts {
            var i = 0
            while let n = atts[i] {
                var value = ""
                if let v = atts[i + 1] {
                    value = String(cString: v)
                } else if htmlIsBooleanAttr(n) != 0 {
                    value = String(cString: n)  // libxml2's tree gives a bare boolean attribute its name
                }
                libValues.append((TreeBuilder.lowercased(String(cString: n)), value))
                i += 2
            }
        }
        if raw.isEmpty && libValues.isEmpty { return [] }
        guard let bytes else { return [] }
        var result: [Attribute] = []
        result.reserveCapacity(max(raw.count, libValues.count))
        // Names already taken (first occurrence wins): a linear scan while few, a set beyond.
        var usedSet: Set<String>?
        func isUsed(_ name: String) -> Bool {
            if let usedSet { return usedSet.contains(name) }
            return result.contains { $0.name == name }
        }
        func markUsed(_ name: String) {
            if usedSet != nil {
                usedSet?.insert(name)
            } else if result.count >= 16 {
                usedSet = Set(result.map(\.name)).union([name])
            }
        }
        for r in raw {
            let name = TreeBuilder.lowercasedName(bytes[r.nameStart..<r.nameEnd])
            guard !isUsed(name) else { continue }
            markUsed(name)
            var value: String?
            for (n, v) in libValues where n == name { value = v; break }
            if value == nil, name.utf8.contains(0x3A) {
                let local = name.split(separator: ":").last.map(String.init) ?? name
                for (n, v) in libValues where n == local { value = v; break }
            }
            result.append(TreeBuilder.attribute(r, name: name, value: value ?? r.rawValue(bytes)))
        }
        let elementRange = SourceRange(at: SourcePosition(line: -1, column: 0, offset: 0))
        for (name, value) in libValues where !isUsed(name) {
            markUsed(name)
            result.append(Attribute(name: name, value: value, range: elementRange, valueRange: nil))
        }
        return result
    }
}
