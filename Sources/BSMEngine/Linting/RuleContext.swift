import BSMDocument
import BSMStyle
import BSMText

/// Everything a rule may read about the input being checked. Built once per document and
/// shared by every rule; read-only.
public struct RuleContext: Sendable {
    public let input: LintInput
    public let configuration: Configuration
    /// Merge-field recogniser (built-in syntaxes plus configured ones), compiled once per run.
    public let placeholders: PlaceholderMatcher
    /// The visible text, when an enabled rule asked for it (`RuleNeeds.text`); else empty.
    public let text: TextModel
    /// The parsed author CSS and cascade, when an enabled rule asked for styles (`RuleNeeds.styles`).
    public let styleEngine: StyleEngine?
    /// Computed styles and layout-lite boxes, one per reference width (same order as
    /// `referenceWidths`); empty when no rule asked for styles or the input is plain text.
    public let styles: [StyledDocument]
    /// The visible text's sentences, prepared once (`RuleNeeds.sentences`); else empty.
    public let sentences: [PreparedSentence]

    public init(input: LintInput, configuration: Configuration, placeholders: PlaceholderMatcher,
                text: TextModel? = nil, styleEngine: StyleEngine? = nil, styles: [StyledDocument] = [],
                sentences: [PreparedSentence] = []) {
        self.sentences = sentences
        self.input = input
        self.configuration = configuration
        self.placeholders = placeholders
        self.text = text ?? TextModel.empty
        self.styleEngine = styleEngine
        self.styles = styles
    }

    /// False when the node is not rendered at any reference width (`display:none` on it or an
    /// ancestor, or `visibility:hidden`). True when styles were not computed.
    public func isRendered(_ id: NodeID) -> Bool {
        if styles.isEmpty { return true }
        return styles.contains { $0.isVisible(id) }
    }

    @inlinable public var document: Document { input.document }
    public var source: SourceText { input.document.source }
    public var kind: InputKind { input.kind }
    public var referenceWidths: [Double] { configuration.referenceWidths }

    @inlinable public func node(_ id: NodeID) -> Node { input.document.nodes[id] }
}
