import BSMDocument
import Foundation
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
    /// Values several rules derive from this document, computed once (see `DerivedValues`).
    public let derived = DerivedValues()

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

/// Values derived from one document that several rules need (the CSS image references of
/// `gif-image` and `insecure-image`, the text-bearing elements of the override rules): the
/// first rule that asks computes one, the others reuse it. One per document (`RuleContext`).
/// A document's rules run on one thread; the lock only makes sharing the context safe.
public final class DerivedValues: @unchecked Sendable {
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var values: [String: Any] = [:]

    public init() {}

    /// The value stored under `key`, made by `make` on first use. `key` names what is derived
    /// (and from which inputs): the same key must always mean the same value type.
    public func value<T>(_ key: String, _ make: () -> T) -> T {
        lock.lock()
        let known = values[key] as? T
        lock.unlock()
        if let known { return known }
        let v = make()
        lock.lock()
        values[key] = v
        lock.unlock()
        return v
    }
}
