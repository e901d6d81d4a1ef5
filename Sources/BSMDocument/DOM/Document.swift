/// What kind of input a document came from.
public enum InputKind: String, Sendable, Codable {
    case html
    case text
    case eml
}

/// A parsed message body: the node table (node 0 is the document node), its source, and facts
/// gathered while parsing.
public struct Document: Sendable {
    public var nodes: [Node]
    public let source: SourceText
    public let kind: InputKind
    /// True when the source has no `<html>`, `<head>` or `<body>` tag of its own: a fragment.
    public let isFragment: Bool
    /// Number of recoverable parse errors libxml2 reported.
    public let parseErrorCount: Int

    public init(nodes: [Node], source: SourceText, kind: InputKind, isFragment: Bool, parseErrorCount: Int = 0) {
        self.nodes = nodes
        self.source = source
        self.kind = kind
        self.isFragment = isFragment
        self.parseErrorCount = parseErrorCount
    }

    public static let rootID: NodeID = 0

    @inlinable public subscript(id: NodeID) -> Node { nodes[id] }

    /// `self[id].attributeNode(name)`, reading the node in place (no copy of the whole node).
    @inlinable public func attributeNode(of id: NodeID, _ name: String) -> Attribute? {
        nodes.withUnsafeBufferPointer { buf in
            for a in buf[id].attributes where a.name == name { return a }
            return nil
        }
    }

    /// `self[id].attribute(name)`, reading the node in place (no copy of the whole node).
    @inlinable public func attribute(of id: NodeID, _ name: String) -> String? {
        nodes.withUnsafeBufferPointer { buf in
            for a in buf[id].attributes where a.name == name { return a.value }
            return nil
        }
    }

    public var count: Int { nodes.count }

    /// Document-order traversal (pre-order); the node table is already in document order.
    public var allIDs: Range<NodeID> { 0..<nodes.count }

    /// The first element with this name, in document order.
    public func firstElement(named name: String) -> NodeID? {
        for i in nodes.indices where nodes[i].kind == .element && nodes[i].name == name { return i }
        return nil
    }

    public func elements(named name: String) -> [NodeID] {
        nodes.indices.filter { nodes[$0].kind == .element && nodes[$0].name == name }
    }

    /// Element children of a node.
    public func elementChildren(_ id: NodeID) -> [NodeID] {
        nodes[id].children.filter { nodes[$0].kind == .element }
    }

    /// Ancestors from the parent up to the document node.
    public func ancestors(_ id: NodeID) -> AncestorSequence { AncestorSequence(document: self, start: nodes[id].parent) }

    public struct AncestorSequence: Sequence, IteratorProtocol {
        let document: Document
        var current: NodeID?
        init(document: Document, start: NodeID?) {
            self.document = document
            self.current = start
        }
        public mutating func next() -> NodeID? {
            guard let c = current else { return nil }
            current = document.nodes[c].parent
            return c
        }
    }

    /// The closest ancestor element (or self) with one of the names.
    public func closest(_ id: NodeID, named names: Set<String>) -> NodeID? {
        var cur: NodeID? = id
        while let c = cur {
            if nodes[c].kind == .element, names.contains(nodes[c].name) { return c }
            cur = nodes[c].parent
        }
        return nil
    }

    /// Concatenated text of all descendant text nodes (not raw text or comments).
    public func textContent(_ id: NodeID) -> String {
        var out = ""
        var stack = [id]
        while let n = stack.popLast() {
            let node = nodes[n]
            if node.kind == .text { out += node.text }
            stack.append(contentsOf: node.children.reversed())
        }
        return out
    }

    /// The source line of a position, for code frames.
    public func snippet(_ id: NodeID, maxLength: Int = 200) -> String {
        let n = nodes[id]
        let s = source.text(n.decodedStart, n.decodedEnd)
        if s.count <= maxLength { return s }
        return String(s.prefix(maxLength)) + "…"
    }

    /// Element and text sibling index helpers for selectors.
    public func elementIndex(_ id: NodeID) -> (index: Int, count: Int) {
        guard let p = nodes[id].parent else { return (1, 1) }
        var idx = 0, count = 0
        for c in nodes[p].children where nodes[c].kind == .element {
            count += 1
            if c == id { idx = count }
        }
        return (idx, count)
    }
}
