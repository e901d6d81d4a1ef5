import BSMDocument

/// The policy area a rule belongs to (RULES.md's tables).
public enum RuleCategory: String, Sendable, CaseIterable, Codable {
    case styling
    case accessibility
    case content
    case input
    case meta
}

/// One option a rule accepts in `.bsmlint.yml` (`rules: { id: { options: { name: value } } }`).
public struct RuleOptionSpec: Sendable, Hashable {
    public var name: String
    public var type: String
    public var defaultValue: String
    public var summary: String

    public init(name: String, type: String, defaultValue: String, summary: String) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.summary = summary
    }
}

/// An example that drives both the rule's tests and its documentation. In `failing` examples a
/// `↓` marks the exact place (line:column) each finding must be reported; the marker is removed
/// before linting.
public struct RuleExample: Sendable, Hashable {
    public var code: String
    public var kind: InputKind
    /// Extra configuration in `.bsmlint.yml` syntax (e.g. `referenceWidths: [600, 375]`).
    public var config: String?
    /// Shown in the docs above the example.
    public var note: String?
    /// For .eml examples: the subject line, and attachments as (name, content type, size).
    public static let marker: Character = "↓"

    public init(_ code: String, kind: InputKind = .html, config: String? = nil, note: String? = nil) {
        self.code = code
        self.kind = kind
        self.config = config
        self.note = note
    }

    /// The code without markers, and the (line, column) of each marker in it.
    public var stripped: (code: String, markers: [(line: Int, column: Int)]) {
        var out = ""
        var markers: [(Int, Int)] = []
        var line = 1, col = 1
        var prevCR = false
        for ch in code.unicodeScalars {
            if ch == "↓" {
                markers.append((line, col))
                continue
            }
            out.unicodeScalars.append(ch)
            if ch == "\n" {
                if !prevCR { line += 1 }
                col = 1
                prevCR = false
            } else if ch == "\r" {
                line += 1
                col = 1
                prevCR = true
            } else {
                col += 1
                prevCR = false
            }
        }
        return (out, markers)
    }
}

/// What a rule is: its id, default severity, documentation and examples.
public struct RuleMetadata: Sendable {
    public var id: String
    public var name: String
    public var category: RuleCategory
    public var defaultSeverity: Severity
    /// One line: what fails.
    public var summary: String
    /// Why Amazon (and the reader) cares, and how bsmlint measures it.
    public var rationale: String
    /// What to change.
    public var fix: String
    /// Decisions where RULES.md is silent, written for the rule's doc page.
    public var decisions: [String]
    public var options: [RuleOptionSpec]
    public var failing: [RuleExample]
    public var passing: [RuleExample]
    /// Input kinds the rule applies to; others say "not applicable".
    public var appliesTo: Set<InputKind>
    /// WCAG success criterion, for accessibility rules.
    public var wcag: String?
    /// Policy reference (POLICY.md item).
    public var policy: String?
    public var canBeDisabled: Bool
    /// The doc page's "Suppressing" text, for rules a `bsmlint-disable` directive cannot
    /// suppress (nil: the directive).
    public var suppression: String?
    /// The rule judges the message as a whole (an order id somewhere, the language, the message
    /// type, the number of font sizes, the subject, attachments, campaigns): an .eml's other body
    /// parts are not checked by it on their own (`LintInput.otherParts`).
    public var judgesWholeMessage: Bool

    public init(id: String, name: String, category: RuleCategory, defaultSeverity: Severity, summary: String,
                rationale: String, fix: String, decisions: [String] = [], options: [RuleOptionSpec] = [],
                failing: [RuleExample], passing: [RuleExample],
                appliesTo: Set<InputKind> = [.html, .eml], wcag: String? = nil, policy: String? = nil,
                canBeDisabled: Bool = true, suppression: String? = nil, judgesWholeMessage: Bool = false) {
        self.suppression = suppression
        self.judgesWholeMessage = judgesWholeMessage
        self.id = id
        self.name = name
        self.category = category
        self.defaultSeverity = defaultSeverity
        self.summary = summary
        self.rationale = rationale
        self.fix = fix
        self.decisions = decisions
        self.options = options
        self.failing = failing
        self.passing = passing
        self.appliesTo = appliesTo
        self.wcag = wcag
        self.policy = policy
        self.canBeDisabled = canBeDisabled
    }

    public var helpUri: String { "docs/rules/\(id).md" }
}
