/// Index of a node in its `Document`'s node table.
public typealias NodeID = Int

public enum NodeKind: UInt8, Sendable {
    case document
    case element
    case text
    /// Raw text of `<style>`/`<script>` (libxml2's CDATA-like content).
    case rawText
    case comment
}

/// Outlook conditional-comment role of a comment node.
public enum ConditionalComment: Sendable, Hashable {
    /// `<!--[if mso]> … <![endif]-->`: one comment whose content only Outlook renders.
    case downlevelHidden(condition: String)
    /// `<!--[if !mso]><!-->`: opens markup that every client renders (downlevel-revealed).
    case revealedStart(condition: String)
    /// `<!--<![endif]-->`: closes a downlevel-revealed block.
    case revealedEnd
}

public struct Attribute: Sendable, Hashable {
    /// Lowercased name as written (namespaced names keep their prefix, e.g. `xmlns:v`).
    public var name: String
    /// Value with entities decoded; for boolean attributes, the empty string.
    public var value: String
    /// From the first character of the name to just past the value (or the name).
    public var range: SourceRange
    /// The value without its quotes, when the attribute has one.
    public var valueRange: SourceRange?
    /// Decoded-buffer offsets of the raw value (between the quotes).
    public var valueSpan: Range<Int>?

    public init(name: String, value: String, range: SourceRange, valueRange: SourceRange? = nil, valueSpan: Range<Int>? = nil) {
        self.name = name
        self.value = value
        self.range = range
        self.valueRange = valueRange
        self.valueSpan = valueSpan
    }
}

/// Where a node sits, computed once while the tree is built (self or an ancestor).
public struct NodeFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Inside `<head>`.
    public static let inHead = NodeFlags(rawValue: 1)
    /// Inside `<title>`.
    public static let inTitle = NodeFlags(rawValue: 2)
    /// Inside an element whose content is never rendered as text: `script`, `style`, `noscript`,
    /// `template`.
    public static let inNonRendered = NodeFlags(rawValue: 4)
    /// Inside `<svg>` or `<math>` (foreign content: its `title` is not the document's title).
    public static let inForeign = NodeFlags(rawValue: 8)

    /// Not message content: head, title, script/style.
    public static let notContent: NodeFlags = [.inHead, .inTitle, .inNonRendered]

    /// The flags an element named `name` adds for itself and its descendants, inside an element
    /// with `inherited` flags. In SVG, `title`, `desc` and `metadata` are never rendered: the
    /// `title` names the graphic (read by the accessible-name computation), it is not the
    /// document's `<title>`.
    public static func own(_ name: String, inside inherited: NodeFlags = []) -> NodeFlags {
        switch name {
        case "head": return .inHead
        case "title": return inherited.contains(.inForeign) ? .inNonRendered : .inTitle
        case "desc", "metadata": return inherited.contains(.inForeign) ? .inNonRendered : []
        case "svg", "math": return .inForeign
        case "script", "style", "noscript", "template": return .inNonRendered
        default: return []
        }
    }
}

/// One node of the document tree. Value type; relations are indices into `Document.nodes`.
public struct Node: Sendable {
    public var kind: NodeKind
    /// Lowercased element name, with its namespace prefix when written (`v:rect`, `o:p`);
    /// empty for other kinds.
    public var name: String
    public var attributes: [Attribute]
    /// Text of a text, raw-text or comment node (entities decoded); empty for elements.
    public var text: String {
        didSet { isBlankText = BlankText.isBlank(text) }
    }
    /// The text renders nothing (`BlankText`): decided once, when the text is set (rules and
    /// layout ask it of every text node).
    public private(set) var isBlankText: Bool
    public var parent: NodeID?
    public var children: [NodeID]
    /// Element: its start tag (`<` to `>`). Text: the text run. Comment: `<!--` to `-->`.
    public var range: SourceRange
    /// Decoded-buffer offsets of `range` (for snippets and re-scanning).
    public var decodedStart: Int
    public var decodedEnd: Int
    /// True for elements the parser implied without a tag in the source (`html`, `body`, `p`).
    public var isImplied: Bool
    /// For comments: their Outlook conditional role.
    public var conditional: ConditionalComment?
    /// Depth from the document node (document = 0).
    public var depth: Int
    /// Position in the tree (inside head, title, script/style).
    public var flags: NodeFlags = []

    public init(kind: NodeKind, name: String = "", attributes: [Attribute] = [], text: String = "",
                parent: NodeID? = nil, range: SourceRange, decodedStart: Int = 0, decodedEnd: Int = 0,
                isImplied: Bool = false, depth: Int = 0) {
        self.kind = kind
        self.name = name
        self.attributes = attributes
        self.text = text
        self.isBlankText = BlankText.isBlank(text)
        self.parent = parent
        self.children = []
        self.range = range
        self.decodedStart = decodedStart
        self.decodedEnd = decodedEnd
        self.isImplied = isImplied
        self.conditional = nil
        self.depth = depth
    }

    @inlinable public var isElement: Bool { kind == .element }

    // The accessors below are inlinable so that `document.nodes[id].attribute(…)` in other modules
    // reads the node in place instead of copying it (and retaining every field) for the call.

    /// Value of the first attribute with that (lowercase) name.
    @inlinable public func attribute(_ name: String) -> String? {
        for a in attributes where a.name == name { return a.value }
        return nil
    }

    @inlinable public func attributeNode(_ name: String) -> Attribute? {
        for a in attributes where a.name == name { return a }
        return nil
    }

    @inlinable public func hasAttribute(_ name: String) -> Bool { attributes.contains { $0.name == name } }

    /// Local name without a namespace prefix (`v:rect` → `rect`).
    public var localName: String {
        if let i = name.firstIndex(of: ":") { return String(name[name.index(after: i)...]) }
        return name
    }

    /// The class names of the `class` attribute (`Node.classNames(in:)`).
    public var classList: [String] {
        guard let c = attribute("class") else { return [] }
        return Node.classNames(in: c)
    }

    /// The class names of a `class` value: split at ASCII white space (space, tab, LF, CR, FF), as
    /// HTML does, on bytes (a split by `Character` walked grapheme clusters and left `a\r\nb`, one
    /// cluster, unsplit).
    public static func classNames(in value: String) -> [String] {
        var out: [String] = []
        var v = value
        v.withUTF8 { buf in
            var start = -1
            for i in 0..<buf.count {
                let b = buf[i]
                if ASCII.isHTMLSpace(b) {
                    if start >= 0 {
                        out.append(String(decoding: UnsafeBufferPointer(rebasing: buf[start..<i]), as: UTF8.self))
                        start = -1
                    }
                } else if start < 0 {
                    start = i
                }
            }
            if start >= 0 { out.append(String(decoding: UnsafeBufferPointer(rebasing: buf[start...]), as: UTF8.self)) }
        }
        return out
    }
}
