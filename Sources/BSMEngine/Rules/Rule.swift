import BSMDocument

/// Derived models a rule reads; the engine builds each once per document, only when an
/// enabled rule needs it.
public struct RuleNeeds: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// The cascade and layout-lite per reference width (`RuleContext.styles`).
    public static let styles = RuleNeeds(rawValue: 1)
    /// The visible-text model (`RuleContext.text`); implies styles, which decide visibility.
    public static let text = RuleNeeds(rawValue: 2)
    /// The visible text's sentences, normalised and tokenised once for every phrase rule
    /// (`RuleContext.sentences`); implies text.
    public static let sentences = RuleNeeds(rawValue: 4)
}

/// Which nodes a rule wants to see during the single walk over a document.
public struct NodeInterest: Sendable, Hashable {
    public var elementNames: Set<String>
    public var allElements: Bool
    public var text: Bool
    public var rawText: Bool
    public var comments: Bool
    public var needs: RuleNeeds

    public init(elements: Set<String> = [], allElements: Bool = false, text: Bool = false,
                rawText: Bool = false, comments: Bool = false, needs: RuleNeeds = []) {
        self.elementNames = elements
        self.allElements = allElements
        self.text = text
        self.rawText = rawText
        self.comments = comments
        self.needs = needs
    }

    public static let none = NodeInterest()
    public static func elements(_ names: Set<String>) -> NodeInterest { NodeInterest(elements: names) }
    public static let everyElement = NodeInterest(allElements: true)
    public static let textNodes = NodeInterest(text: true)
}

/// A check. One file per rule in `BSMRules`: the struct holds its metadata (id, severity,
/// summary, rationale, options, failing and passing examples) and its logic. Rules are
/// created once per configuration and must be thread-safe values; per-document state lives in
/// `State`, made fresh for each document.
public protocol Rule: Sendable {
    associatedtype State = Void
    static var metadata: RuleMetadata { get }
    /// Builds the rule from its options (`rules.<id>.options` in config); throws `ConfigError`
    /// for a bad option.
    init(options: RuleOptions) throws
    /// Nodes the rule subscribes to in the walk.
    var interest: NodeInterest { get }
    func makeState(_ context: RuleContext) -> State
    func visit(_ node: NodeID, _ context: RuleContext, _ state: inout State, _ report: inout FindingSink)
    /// Called once after the walk (whole-document rules report here).
    func finish(_ context: RuleContext, _ state: inout State, _ report: inout FindingSink)
}

extension Rule where State == Void {
    public func makeState(_ context: RuleContext) {}
}

extension Rule {
    public func visit(_ node: NodeID, _ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {}
    public func finish(_ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {}
    public var metadata: RuleMetadata { Self.metadata }
}

/// Collects one rule's findings for one document.
public struct FindingSink: Sendable {
    public let ruleId: String
    public let severity: Severity
    public private(set) var findings: [Finding] = []
    /// Findings past `FindingSink.maxPerDocument`, counted but not kept: a hostile template with
    /// 100,000 styled paragraphs must not hold 100,000 findings per rule in memory.
    public private(set) var dropped = 0

    /// Findings one rule keeps for one document; the rest are summed up in one last finding.
    public static let maxPerDocument = 1_000

    /// `Finding.helpUri` of this rule's findings, built once (not once per finding).
    private let helpUri: String

    public init(ruleId: String, severity: Severity) {
        self.ruleId = ruleId
        self.severity = severity
        self.helpUri = Finding.helpUri(ruleId)
    }

    public mutating func report(_ message: String, at range: SourceRange, evidence: String? = nil,
                                width: Double? = nil, severity override: Severity? = nil) {
        guard findings.count < FindingSink.maxPerDocument else {
            dropped += 1
            return
        }
        findings.append(Finding(ruleId: ruleId, severity: override ?? severity, message: message, range: range,
                                evidence: evidence, referenceWidth: width, helpUri: helpUri))
    }

    /// The findings, with one more that says how many were not kept (at the last one kept).
    var findingsWithOverflowNote: [Finding] {
        guard dropped > 0, let last = findings.last else { return findings }
        return findings + [Finding(ruleId: ruleId, severity: .info,
                                   message: "\(dropped) more \(ruleId) finding\(dropped == 1 ? "" : "s") in this file not listed (at most \(FindingSink.maxPerDocument) per rule and file)",
                                   range: last.range)]
    }

    public mutating func report(_ message: String, node: Node, evidence: String? = nil, width: Double? = nil,
                                severity override: Severity? = nil) {
        report(message, at: node.range, evidence: evidence, width: width, severity: override)
    }
}

/// Type-erased per-document runner of one rule.
protocol RuleRunner {
    var interest: NodeInterest { get }
    mutating func visit(_ node: NodeID, _ context: RuleContext)
    mutating func finish(_ context: RuleContext) -> [Finding]
}

struct ConcreteRunner<R: Rule>: RuleRunner {
    let rule: R
    var state: R.State
    var sink: FindingSink
    var interest: NodeInterest { rule.interest }

    init(rule: R, severity: Severity, context: RuleContext) {
        self.rule = rule
        self.state = rule.makeState(context)
        self.sink = FindingSink(ruleId: R.metadata.id, severity: severity)
    }

    mutating func visit(_ node: NodeID, _ context: RuleContext) {
        rule.visit(node, context, &state, &sink)
    }

    mutating func finish(_ context: RuleContext) -> [Finding] {
        rule.finish(context, &state, &sink)
        return sink.findingsWithOverflowNote
    }
}

/// A configured rule instance with its effective severity.
public struct ConfiguredRule: Sendable {
    public let rule: any Rule
    public let severity: Severity
    public var id: String { type(of: rule).metadata.id }
    public var metadata: RuleMetadata { type(of: rule).metadata }

    public init(rule: any Rule, severity: Severity) {
        self.rule = rule
        self.severity = severity
    }

    func makeRunner(_ context: RuleContext) -> any RuleRunner {
        func open<R: Rule>(_ r: R) -> any RuleRunner { ConcreteRunner(rule: r, severity: severity, context: context) }
        return open(rule)
    }
}
