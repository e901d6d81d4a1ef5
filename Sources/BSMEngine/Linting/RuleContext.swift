import BSMDocument
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

    public init(input: LintInput, configuration: Configuration, placeholders: PlaceholderMatcher, text: TextModel? = nil) {
        self.input = input
        self.configuration = configuration
        self.placeholders = placeholders
        self.text = text ?? TextModel.empty
    }

    public var document: Document { input.document }
    public var source: SourceText { input.document.source }
    public var kind: InputKind { input.kind }
    public var referenceWidths: [Double] { configuration.referenceWidths }

    public func node(_ id: NodeID) -> Node { input.document.nodes[id] }
}
