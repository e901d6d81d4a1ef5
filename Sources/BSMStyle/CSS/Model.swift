import BSMDocument

/// Where an author declaration was written.
public enum DeclarationContext: Sendable, Hashable {
    /// Inside the style rule at this index of `Stylesheet.rules` (from the `<style>` node).
    case styleRule(rule: Int, styleNode: NodeID?)
    /// In the `style` attribute of this element.
    case inlineStyle(element: NodeID)
    /// Inside the `@font-face` rule at this index of `Stylesheet.fontFaces`.
    case fontFace(index: Int, styleNode: NodeID?)
    /// Inside a rule of the built-in user-agent sheet.
    case userAgent
}

/// One CSS declaration (`property: value [!important]`).
public struct Declaration: Sendable {
    /// Property name, ASCII-lowercased (custom properties keep their case).
    public let property: String
    /// Value text exactly as written (after entity decoding for `style=""`), trimmed, without
    /// `!important`.
    public let value: String
    /// Component tokens of the value (whitespace inside kept, trimmed at both ends, no
    /// `!important`); offsets are decoded offsets into `Document.source.utf8` when they can be
    /// mapped, else offsets into the parsed text.
    public var tokens: [CSSToken] {
        guard tokenShift != 0 else { return parsedTokens }
        return parsedTokens.map { t in
            var t = t
            t.start += tokenShift
            t.end += tokenShift
            return t
        }
    }
    /// The tokens as first parsed; `tokens` adds `tokenShift` to their offsets. A repeated
    /// `style=""` value reuses an earlier parse (of this or another document) without copying
    /// its tokens: only the few readers of token offsets pay for the shift.
    let parsedTokens: [CSSToken]
    let tokenShift: Int
    public let important: Bool
    /// From the first character of the property name to the end of the declaration's last token
    /// (the value, or `!important` when present).
    public let range: SourceRange
    /// Decoded-buffer offsets of `range`.
    public let decodedRange: Range<Int>
    public let context: DeclarationContext
    /// The value expanded to the longhands the cascade understands (parsed once). Empty when the
    /// property is not one the cascade models or the value is invalid for it.
    public let longhands: [Longhand]

    /// True when the cascade recognised the property and its value.
    public var isUnderstood: Bool { !longhands.isEmpty }

    init(property: String, value: String, tokens: [CSSToken], tokenShift: Int = 0, important: Bool, range: SourceRange,
         decodedRange: Range<Int>, context: DeclarationContext, longhands: [Longhand]) {
        self.property = property
        self.value = value
        self.parsedTokens = tokens
        self.tokenShift = tokenShift
        self.important = important
        self.range = range
        self.decodedRange = decodedRange
        self.context = context
        self.longhands = longhands
    }

    /// True when the value holds a `url()` (or `src()`) reference.
    public var loadsURL: Bool {
        parsedTokens.contains { t in
            t.kind == .url || (t.kind == .function && (t.value.lowercasedFast() == "url" || t.value.lowercasedFast() == "src"))
        }
    }
}

/// A style rule: selector list plus declarations.
public struct StyleRule: Sendable {
    /// Selector text as written (trimmed).
    public let selectorText: String
    /// Parsed selectors; a rule whose selector list does not parse is dropped (not stored).
    public let selectors: [ComplexSelector]
    /// Indices into `Stylesheet.declarations`.
    public let declarations: Range<Int>
    /// Enclosing `@media` conditions; all must match (empty = unconditional).
    public let media: [MediaQueryList]
    /// Source order among all rules of the document (sheets in document order).
    public let order: Int
    /// From the start of the selector to the closing brace.
    public let range: SourceRange
    public let styleNode: NodeID?
    /// Decoded-buffer offsets of `range` (a sheet reused from another document of the batch is
    /// placed by them).
    var decodedRange: Range<Int> = 0..<0
}

/// An `@font-face` rule.
public struct FontFaceRule: Sendable {
    public let range: SourceRange
    /// Indices into `Stylesheet.declarations`.
    public let declarations: Range<Int>
    public let media: [MediaQueryList]
    public let styleNode: NodeID?
    /// Decoded-buffer offsets of `range`.
    var decodedRange: Range<Int> = 0..<0
}

/// An `@import` rule (never fetched).
public struct ImportRule: Sendable {
    public let url: String
    /// Media query text after the URL, if any.
    public let mediaText: String
    public let range: SourceRange
    public let styleNode: NodeID?
    /// Decoded-buffer offsets of `range`.
    var decodedRange: Range<Int> = 0..<0
}

/// All author CSS of a document (or of one parsed text): rules, declarations, at-rules.
public struct Stylesheet: Sendable {
    public internal(set) var rules: [StyleRule] = []
    /// Every declaration in source order: style-rule, `@font-face` and inline-style declarations.
    public internal(set) var declarations: [Declaration] = []
    public internal(set) var fontFaces: [FontFaceRule] = []
    public internal(set) var imports: [ImportRule] = []
    /// Number of rules dropped because their selector did not parse.
    public internal(set) var droppedRules: Int = 0

    public init() {}

    /// Parses standalone CSS text (offsets/ranges refer to the text itself).
    public static func parse(_ css: String) -> Stylesheet {
        let source = SourceText(string: css)
        var sheet = Stylesheet()
        var resolver = PositionResolver(source: source)
        CSSParser.parseStylesheet(bytes: source.utf8, range: 0..<source.utf8.count, mapOffset: nil,
                                  source: source, resolver: &resolver, styleNode: nil, into: &sheet)
        return sheet
    }

    /// Parses a standalone declaration list (as in a `style` attribute).
    public static func parseDeclarations(_ css: String) -> [Declaration] {
        let source = SourceText(string: css)
        var sheet = Stylesheet()
        var resolver = PositionResolver(source: source)
        CSSParser.parseDeclarationList(bytes: source.utf8, range: 0..<source.utf8.count, mapOffset: nil,
                                       source: source, resolver: &resolver, context: .inlineStyle(element: 0),
                                       into: &sheet)
        return sheet.declarations
    }
}
