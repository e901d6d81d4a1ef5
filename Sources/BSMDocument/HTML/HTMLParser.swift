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
    public static func parse(_ source: SourceText, kind: InputKind = .html, limits: ParseLimits = ParseLimits()) throws -> Document {
        initialize()
        let state = ParseState(source: source)
        var errors: Int32 = 0
        var sax = htmlSAXHandler()
        xmlSAX2InitHtmlDefaultSAXHandler(&sax)
        sax.startElement = hookStartElement
        sax.endElement = hookEndElement
        sax.characters = hookCharacters
        sax.ignorableWhitespace = hookIgnorableWhitespace
        sax.cdataBlock = hookCDataBlock
        sax.comment = hookComment
        sax.warning = nil
        sax.error = nil
        sax.serror = hookStructuredError
        guard !source.utf8.isEmpty else {
            return Document(nodes: [Node(kind: .document, range: SourceRange(at: .start))], source: source,
                            kind: kind, isFragment: true)
        }
        if let offset = AttributeCounter.firstTagOver(limits.maxAttributes, in: source.utf8) {
            throw InputError.tooManyAttributes(line: source.position(offset).line, limit: limits.maxAttributes)
        }
        let unmanaged = Unmanaged.passRetained(state)
        defer { unmanaged.release() }
        let docPtr: htmlDocPtr? = source.utf8.withUnsafeBufferPointer { buf -> htmlDocPtr? in
            state.bytes = buf
            defer { state.bytes = nil }
            return buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { cbuf in
                bsm_html_parse(cbuf, Int32(buf.count), &sax, unmanaged.toOpaque(), options, &errors)
            }
        }
        guard let doc = docPtr else { throw InputError.parseFailed("libxml2 returned no document") }
        defer { xmlFreeDoc(doc) }
        return try state.buildDocument(doc, kind: kind, errors: state.errorCount, limits: limits)
    }
}

// MARK: - SAX hooks (C callbacks; state comes from ctxt->_private)

private func state(_ ctx: UnsafeMutableRawPointer?) -> ParseState? {
    guard let ctx, let p = bsm_ctxt_private(ctx) else { return nil }
    return Unmanaged<ParseState>.fromOpaque(p).takeUnretainedValue()
}

private let hookStartElement: startElementSAXFunc = { ctx, name, atts in
    xmlSAX2StartElement(ctx, name, atts)
    guard let ctx, let st = state(ctx), let name, let node = bsm_ctxt_node(ctx) else { return }
    st.elementStarted(node: node, name: name, cursor: Int(bsm_ctxt_offset(ctx)))
}

private let hookEndElement: endElementSAXFunc = { ctx, name in
    xmlSAX2EndElement(ctx, name)
    guard let ctx, let st = state(ctx), let name else { return }
    st.elementEnded(name: name, cursor: Int(bsm_ctxt_offset(ctx)))
}

private let hookCharacters: charactersSAXFunc = { ctx, ch, len in
    guard let ctx else { return }
    let parent = bsm_ctxt_node(ctx)
    let before = parent?.pointee.last
    xmlSAX2Characters(ctx, ch, len)
    guard let st = state(ctx), let parent else { return }
    st.textAdded(node: parent.pointee.last, previous: before, cursor: Int(bsm_ctxt_offset(ctx)))
}

private let hookIgnorableWhitespace: ignorableWhitespaceSAXFunc = { ctx, _, _ in
    guard let ctx, let st = state(ctx) else { return }
    st.advance(to: Int(bsm_ctxt_offset(ctx)))
}

private let hookCDataBlock: cdataBlockSAXFunc = { ctx, value, len in
    guard let ctx else { return }
    let parent = bsm_ctxt_node(ctx)
    let before = parent?.pointee.last
    xmlSAX2CDataBlock(ctx, value, len)
    guard let st = state(ctx), let parent else { return }
    st.textAdded(node: parent.pointee.last, previous: before, cursor: Int(bsm_ctxt_offset(ctx)))
}

private let hookStructuredError: xmlStructuredErrorFunc = { userData, _ in
    // userData is the parser context for parser errors.
    guard let userData, let st = state(userData) else { return }
    st.errorCount += 1
}

private let hookComment: commentSAXFunc = { ctx, value in
    guard let ctx else { return }
    xmlSAX2Comment(ctx, value)
    guard let st = state(ctx) else { return }
    let parentLast: xmlNodePtr?
    if let parent = bsm_ctxt_node(ctx) {
        parentLast = parent.pointee.last
    } else if let doc = bsm_ctxt_doc(ctx) {
        parentLast = doc.pointee.last
    } else {
        parentLast = nil
    }
    st.commentAdded(node: parentLast, cursor: Int(bsm_ctxt_offset(ctx)))
}

// MARK: - Parse state

/// Per-parse state reached from the SAX hooks. A class because libxml2 holds a pointer to it;
/// it never escapes `HTMLParser.parse`.
final class ParseState {
    struct Record {
        var start: Int
        var end: Int
        var implied: Bool
        var rawName: String?
        /// Start-tag attributes as scanned from the source.
        var attributes: [StartTagScanner.RawAttribute]
    }

    let source: SourceText
    var bytes: UnsafeBufferPointer<UInt8>?
    var records: [Record] = []
    /// End of the last construct whose source extent is known; searches for the next start there.
    var lastEnd = 0
    var errorCount = 0

    init(source: SourceText) { self.source = source }

    private func tag(_ node: xmlNodePtr, _ index: Int) {
        node.pointee._private = UnsafeMutableRawPointer(bitPattern: index + 1)
    }

    static func recordIndex(_ node: xmlNodePtr) -> Int? {
        guard let p = node.pointee._private else { return nil }
        return Int(bitPattern: p) - 1
    }

    func advance(to cursor: Int) {
        if cursor > lastEnd { lastEnd = cursor }
    }

    func elementStarted(node: xmlNodePtr, name: UnsafePointer<xmlChar>, cursor: Int) {
        guard let bytes, cursor >= 0 else { return }
        let nameBytes = UnsafeBufferPointer(start: name, count: strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self)))
        // libxml2 calls startElement with its cursor on the tag's closing `>` (or `/>`).
        var limit = min(cursor, bytes.count)
        if limit < bytes.count, bytes[limit] == 0x3E {
            limit += 1
        } else if limit + 1 < bytes.count, bytes[limit] == 0x2F, bytes[limit + 1] == 0x3E {
            limit += 2
        }
        if let (start, rawName) = StartTagScanner.findTagStart(in: bytes, from: lastEnd, to: limit, name: nameBytes),
           limit > 0, bytes[limit - 1] == 0x3E {
            let attrs = StartTagScanner.scanAttributes(in: bytes, tagStart: start, nameLength: rawName.utf8.count, tagEnd: limit)
            records.append(Record(start: start, end: limit, implied: false, rawName: rawName, attributes: attrs))
            tag(node, records.count - 1)
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
            records.append(Record(start: s, end: s, implied: true, rawName: nil, attributes: []))
            tag(node, records.count - 1)
        }
    }

    func elementEnded(name: UnsafePointer<xmlChar>, cursor: Int) {
        guard let bytes, cursor > 0, cursor <= bytes.count, bytes[cursor - 1] == 0x3E else { return }
        // Accept only an explicit end tag ending at the cursor: `</name   >`.
        var k = cursor - 2
        while k > lastEnd, StartTagScanner.isSpace(bytes[k]) { k -= 1 }
        while k > lastEnd, StartTagScanner.isNameByte(bytes[k]) { k -= 1 }
        if k >= lastEnd, k >= 1, bytes[k] == 0x2F, bytes[k - 1] == 0x3C { lastEnd = cursor }
    }

    func textAdded(node: xmlNodePtr?, previous: xmlNodePtr?, cursor: Int) {
        guard let node else { advance(to: cursor); return }
        if node == previous, let idx = ParseState.recordIndex(node) {
            records[idx].end = max(records[idx].end, cursor)
        } else if ParseState.recordIndex(node) == nil {
            let start = textStart(limit: cursor)
            records.append(Record(start: start, end: max(start, cursor), implied: false, rawName: nil, attributes: []))
            tag(node, records.count - 1)
        } else if let idx = ParseState.recordIndex(node) {
            records[idx].end = max(records[idx].end, cursor)
        }
        advance(to: cursor)
    }

    func commentAdded(node: xmlNodePtr?, cursor: Int) {
        guard let bytes else { return }
        let limit = min(max(cursor, 0), bytes.count)
        var start = lastEnd
        var i = lastEnd
        while i + 3 < limit {
            if bytes[i] == 0x3C, bytes[i + 1] == 0x21, bytes[i + 2] == 0x2D, bytes[i + 3] == 0x2D { start = i; break }
            i += 1
        }
        if let node, ParseState.recordIndex(node) == nil {
            records.append(Record(start: start, end: limit, implied: false, rawName: nil, attributes: []))
            tag(node, records.count - 1)
        }
        advance(to: limit)
    }

    /// Where a text run starts: after the last known construct, skipping markup that produced no
    /// event (stray end tags, DOCTYPE, processing instructions).
    func textStart(limit: Int) -> Int {
        guard let bytes else { return lastEnd }
        var i = lastEnd
        let end = min(limit, bytes.count)
        while i < end {
            var j = i
            while j < end, StartTagScanner.isSpace(bytes[j]) { j += 1 }
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

    // MARK: build

    func buildDocument(_ doc: htmlDocPtr, kind: InputKind, errors: Int, limits: ParseLimits) throws -> Document {
        var resolver = PositionResolver(source: source)
        var nodes: [Node] = []
        nodes.reserveCapacity(records.count + 8)
        nodes.append(Node(kind: .document, range: SourceRange(at: source.position(0)), depth: 0))
        var sawDocumentTag = false
        let utf8 = source.utf8

        // Iterative pre-order walk: (libxml2 node, parent id, depth).
        var stack: [(xmlNodePtr, NodeID, Int)] = []
        var child = doc.pointee.children
        var firstLevel: [xmlNodePtr] = []
        while let c = child { firstLevel.append(c); child = c.pointee.next }
        for c in firstLevel.reversed() { stack.append((c, Document.rootID, 1)) }

        while let (ptr, parentID, depth) = stack.popLast() {
            let n = ptr.pointee
            let kind: NodeKind
            switch n.type {
            case XML_ELEMENT_NODE: kind = .element
            case XML_TEXT_NODE: kind = .text
            case XML_CDATA_SECTION_NODE: kind = .rawText
            case XML_COMMENT_NODE: kind = .comment
            default: continue
            }
            if depth > limits.maxDepth { throw InputError.tooDeep(depth: depth, limit: limits.maxDepth) }
            if nodes.count >= limits.maxNodes { throw InputError.tooManyNodes(count: nodes.count, limit: limits.maxNodes) }

            let rec = ParseState.recordIndex(ptr).flatMap { $0 < records.count ? records[$0] : nil }
            let startOff: Int, endOff: Int
            if let rec {
                startOff = rec.start
                endOff = rec.end
            } else {
                let p = nodes[parentID]
                startOff = p.decodedEnd
                endOff = p.decodedEnd
            }
            // Positions are resolved in increasing offset order (start, attributes, end) so the
            // resolver only moves forward.
            let startPos = resolver.position(startOff)
            var attributes: [Attribute] = []
            let endPos: SourcePosition
            if kind == .element {
                (attributes, endPos) = buildAttributes(n.properties, raw: rec?.attributes ?? [], start: startPos,
                                                       endOffset: endOff, resolver: &resolver, utf8: utf8)
            } else {
                endPos = resolver.position(endOff)
            }
            let range = SourceRange(start: startPos, end: endPos)
            var node = Node(kind: kind, parent: parentID, range: range, decodedStart: startOff, decodedEnd: endOff,
                            isImplied: rec?.implied ?? (kind == .element), depth: depth)
            node.flags = nodes[parentID].flags
            switch kind {
            case .element:
                if let raw = rec?.rawName {
                    node.name = ParseState.lowercased(raw)
                } else {
                    node.name = n.name.map { String(cString: $0) } ?? ""
                }
                node.flags.formUnion(NodeFlags.own(node.name))
                if !(rec?.implied ?? true), node.name == "html" || node.name == "body" || node.name == "head" {
                    sawDocumentTag = true
                }
                node.attributes = attributes
            case .text, .rawText:
                node.text = n.content.map { String(cString: $0) } ?? ""
            case .comment:
                let t = n.content.map { String(cString: $0) } ?? ""
                node.text = t
                node.conditional = ConditionalComments.classify(t)
            case .document:
                break
            }
            let id = nodes.count
            nodes.append(node)
            nodes[parentID].children.append(id)
            if kind == .element {
                // Children last to first, so they pop in document order.
                var k = n.last
                while let c = k { stack.append((c, id, depth + 1)); k = c.pointee.prev }
            }
        }
        let root = nodes[0]
        _ = root
        return Document(nodes: nodes, source: source, kind: kind, isFragment: !sawDocumentTag, parseErrorCount: errors)
    }

    /// `s.lowercased()`, without allocating when `s` is already lowercase ASCII.
    static func lowercased(_ s: String) -> String {
        for b in s.utf8 where b >= 0x80 || (b >= 0x41 && b <= 0x5A) { return s.lowercased() }
        return s
    }

    /// Lowercased text of source bytes (ASCII fast path; same result as `String(decoding:).lowercased()`).
    static func lowercasedName(_ bytes: ArraySlice<UInt8>) -> String {
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

    private func buildAttributes(_ first: UnsafeMutablePointer<xmlAttr>?, raw: [StartTagScanner.RawAttribute],
                                 start: SourcePosition, endOffset: Int, resolver: inout PositionResolver,
                                 utf8: [UInt8]) -> ([Attribute], SourcePosition) {
        var libValues: [(String, String)] = []
        var a = first
        while let attr = a {
            let name = attr.pointee.name.map { String(cString: $0) } ?? ""
            var value = ""
            var c = attr.pointee.children
            while let t = c {
                if let content = t.pointee.content {
                    if value.isEmpty { value = String(cString: content) } else { value += String(cString: content) }
                }
                c = t.pointee.next
            }
            libValues.append((ParseState.lowercased(name), value))
            a = attr.pointee.next
        }
        if raw.isEmpty && libValues.isEmpty { return ([], resolver.position(endOffset)) }
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
        // Raw scan order gives positions; libxml2 gives decoded values. First occurrence wins.
        for r in raw {
            let name = ParseState.lowercasedName(utf8[r.nameStart..<r.nameEnd])
            guard !isUsed(name) else { continue }
            markUsed(name)
            var value: String?
            for (n, v) in libValues where n == name { value = v; break }
            if value == nil, name.utf8.contains(0x3A) {
                let local = name.split(separator: ":").last.map(String.init) ?? name
                for (n, v) in libValues where n == local { value = v; break }
            }
            // Resolve in increasing offset order so the resolver only moves forward.
            let nameStart = resolver.position(r.nameStart)
            var valueRange: SourceRange?
            if let vs = r.valueStart, let ve = r.valueEnd {
                valueRange = SourceRange(start: resolver.position(vs), end: resolver.position(ve))
            }
            let range = SourceRange(start: nameStart, end: resolver.position(r.end))
            let isBoolean = r.valueStart == nil
            let span: Range<Int>? = r.valueStart.flatMap { vs in r.valueEnd.map { vs..<max(vs, $0) } }
            result.append(Attribute(name: name, value: isBoolean ? "" : (value ?? r.rawValue(utf8)), range: range,
                                    valueRange: valueRange, valueSpan: span))
        }
        let end = resolver.position(endOffset)
        let elementRange = SourceRange(start: start, end: end)
        // Attributes libxml2 has that the scan did not see (implied elements, merged attributes).
        for (name, value) in libValues where !isUsed(name) {
            markUsed(name)
            result.append(Attribute(name: name, value: value, range: elementRange, valueRange: nil))
        }
        return (result, end)
    }
}
