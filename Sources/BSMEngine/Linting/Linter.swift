import BSMDocument
import BSMStyle
import BSMText
#if canImport(Glibc)
import Glibc
#endif

/// Runs the configured rules over inputs: one parse and one walk per document, each node handed
/// to the rules subscribed to it.
public struct Linter: Sendable {
    public let configuration: Configuration
    /// Enabled rules, in registry order.
    public let rules: [ConfiguredRule]
    /// Their ids (each checked file's `enabledRules`; one array shared by every result).
    public let enabledRuleIds: [String]
    /// Every known rule id (for directives and config validation).
    public let knownRuleIds: Set<String>
    let byElement: [String: [Int]]
    let everyElement: [Int]
    let onText: [Int]
    let onRawText: [Int]
    let onComments: [Int]
    var unusedDirectiveSeverity: Severity?
    public let placeholders: PlaceholderMatcher
    /// Union of what the enabled rules need.
    let needs: RuleNeeds
    /// Inline-style parses shared by every document this linter (and its copies, the batch's
    /// workers) checks.
    let cssCache = CSSParseCache()

    public init(ruleTypes: [any Rule.Type], configuration: Configuration) throws {
        self.configuration = configuration
        var known = Set(ruleTypes.map { $0.metadata.id })
        known.insert(UnusedDirective.id)
        known.insert(InputErrorRule.id)
        knownRuleIds = known
        var enabled: [ConfiguredRule] = []
        for type in ruleTypes {
            let meta = type.metadata
            let setting = configuration.rules[meta.id] ?? RuleSetting()
            let level = setting.level ?? .on(meta.defaultSeverity)
            let runs = level.severity != nil && configuration.onlyRules.map { $0.contains(meta.id) } != false
            // Options given to a rule that is off (or left out by onlyRules) are still checked:
            // a typo must not wait until the rule is turned on to be reported.
            guard runs || !setting.options.values.isEmpty else { continue }
            let rule: any Rule
            do {
                try setting.options.validate(known: meta.options, ruleId: meta.id)
                rule = try type.init(options: setting.options)
            } catch let e as ConfigError {
                // Options come only from configuration files: name the file and the full key
                // (`rules.ID.options.KEY`), as every other configuration error does.
                if case .badOption(let key, let reason) = e {
                    throw Linter.configurationError(configuration, key: "rules.\(meta.id).options.\(key)", reason: reason)
                }
                throw Linter.configurationError(configuration, key: "rules.\(meta.id)", reason: e.description)
            }
            guard runs, let severity = level.severity else { continue }
            enabled.append(ConfiguredRule(rule: rule, severity: severity))
        }
        rules = enabled
        enabledRuleIds = enabled.map(\.id)
        needs = enabled.reduce(into: RuleNeeds()) { $0.formUnion($1.rule.interest.needs) }
        var byElement: [String: [Int]] = [:]
        var every: [Int] = [], text: [Int] = [], raw: [Int] = [], comments: [Int] = []
        for (i, r) in enabled.enumerated() {
            let interest = r.rule.interest
            if interest.allElements { every.append(i) }
            for name in interest.elementNames { byElement[name, default: []].append(i) }
            if interest.text { text.append(i) }
            if interest.rawText { raw.append(i) }
            if interest.comments { comments.append(i) }
        }
        self.byElement = byElement
        everyElement = every
        onText = text
        onRawText = raw
        onComments = comments
        var patterns: [PlaceholderPattern] = []
        for (i, p) in configuration.placeholders.enumerated() {
            if let r = p.regex {
                do { patterns.append(try PlaceholderPattern(name: "config-\(i)", regex: r)) } catch {
                    throw Linter.configurationError(configuration, key: "placeholders", reason: "invalid regex '\(r)'")
                }
            } else if let o = p.open, let c = p.close {
                patterns.append(PlaceholderPattern(name: "config-\(i)", open: o, close: c))
            }
        }
        placeholders = configuration.replaceDefaultPlaceholders
            ? PlaceholderMatcher(patterns: patterns) : PlaceholderMatcher(additional: patterns)
        switch configuration.rules[UnusedDirective.id]?.level {
        case .off?: unusedDirectiveSeverity = nil
        case .on(let s)?: unusedDirectiveSeverity = s
        case nil: unusedDirectiveSeverity = .warning
        }
        if let only = configuration.onlyRules, !only.contains(UnusedDirective.id) { unusedDirectiveSeverity = nil }
    }

    /// A configuration error at `key`: naming the configuration file it was read from, when
    /// there is one (`FILE: invalid configuration: KEY: REASON`).
    static func configurationError(_ configuration: Configuration, key: String, reason: String) -> ConfigError {
        if let path = configuration.sourcePath { return .syntax(path: path, reason: "\(key): \(reason)") }
        return .badValue(key: key, reason: reason)
    }

    /// Rules that do not apply to this kind of input.
    public func notApplicable(to kind: InputKind) -> [String] {
        rules.filter { !$0.metadata.appliesTo.contains(kind) }.map(\.id)
    }

    /// Time each rule's visits and finish (`--stats`); off by default (it costs a clock read per call).
    public var measureRules = false

    /// Lints a loaded input. Throws `InputError.timeLimit` when the per-file budget runs out.
    public func lint(_ input: LintInput, deadline: Double? = nil) throws -> [Finding] {
        var t = PhaseTimings()
        return try lint(input, deadline: deadline, timings: &t)
    }

    /// Lints a loaded input, recording where the time went. An .eml's other body parts
    /// (`LintInput.otherParts`) are checked too, by the rules that judge occurrences. A finding a
    /// part repeats from the primary part or an earlier part (the same rule about the same thing:
    /// `repeatKey`, e.g. the text alternative of the HTML) is reported once, where it was found
    /// first — also when a directive suppressed it there. The primary part's directives cover
    /// every part (a file-wide `bsmlint-disable` in the HTML covers the text alternative); a part's
    /// own comments (an HTML part) cover its findings.
    public func lint(_ input: LintInput, deadline: Double?, timings: inout PhaseTimings) throws -> [Finding] {
        guard !input.otherParts.isEmpty else {
            return try lintDocument(input, deadline: deadline, timings: &timings, wholeMessage: true, directives: true)
        }
        var findings = try lintDocument(input, deadline: deadline, timings: &timings, wholeMessage: true, directives: false)
        var seen = Set(findings.map(Linter.repeatKey))
        for doc in input.otherParts {
            let part = LintInput(path: input.path, kind: input.kind, byteCount: input.byteCount, document: doc)
            let more = try lintDocument(part, deadline: deadline, timings: &timings, wholeMessage: false, directives: false)
            let fresh = more.filter { !seen.contains(Linter.repeatKey($0)) }
            seen.formUnion(more.map(Linter.repeatKey))
            findings += Directives(document: doc, knownRules: knownRuleIds).apply(to: fresh, unusedSeverity: nil)
        }
        findings = Directives(document: input.document, knownRules: knownRuleIds).apply(to: findings, unusedSeverity: unusedDirectiveSeverity)
        findings.sort { a, b in
            if a.range.start.offset != b.range.start.offset { return a.range.start.offset < b.range.start.offset }
            return a.ruleId < b.ruleId
        }
        Fingerprint.assign(&findings)
        return findings
    }

    /// What a finding is about, for telling a repeat in another body part: the rule and the
    /// evidence, written the same way — an attribute's value taken out (`href="mailto:a@b.c"`
    /// and the bare `a@b.c` of the text alternative are one address), a URL without its scheme,
    /// `www.` and trailing `/`, a `mailto:` without its `?subject=…`, a telephone number as its
    /// digits.
    static func repeatKey(_ f: Finding) -> String {
        var e = Substring(f.evidence ?? f.message)
        if let eq = e.firstIndex(of: "="), e.hasSuffix("\""), e[e.index(after: eq)...].hasPrefix("\""),
           e[..<eq].allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-" || $0 == ":") }) {
            e = e[e.index(eq, offsetBy: 2)..<e.index(before: e.endIndex)]
        }
        var v = Substring(e.lowercased())
        var phone = false
        for scheme in ["mailto:", "tel:", "sms:", "callto:"] where v.hasPrefix(scheme) {
            phone = scheme != "mailto:"
            v = v.dropFirst(scheme.count)
            if let q = v.firstIndex(of: "?") { v = v[..<q] }
            break
        }
        v = URLInfo.comparableForm(v)
        // A telephone number: its digits (`tel:+18005551234` and `+1 800 555 1234`).
        let digits = v.filter(\.isNumber)
        if phone || (digits.count >= 7 && v.allSatisfy({ $0.isNumber || " +-.()/\u{A0}".contains($0) })) {
            return f.ruleId + "\u{1}#" + String(digits.suffix(10))
        }
        return f.ruleId + "\u{1}" + v
    }

    /// Lints one document; `wholeMessage: false` (an .eml's other body part) leaves out the rules
    /// that judge the message as a whole; `directives: false` leaves the comments' directives to
    /// the caller (`lint` applies them across the parts).
    private func lintDocument(_ input: LintInput, deadline: Double?, timings: inout PhaseTimings,
                              wholeMessage: Bool, directives applyDirectives: Bool) throws -> [Finding] {
        var mark = Linter.now()
        func lap(_ phase: WritableKeyPath<PhaseTimings, Double>) {
            let now = Linter.now()
            timings[keyPath: phase] += (now - mark) * 1000
            mark = now
        }
        var engine: StyleEngine?
        var styled: [StyledDocument] = []
        if !needs.isDisjoint(with: [.styles, .text, .sentences]), input.document.kind != .text {
            let matcher = placeholders
            let e = StyleEngine(document: input.document, containsPlaceholder: { matcher.containsPlaceholder($0) },
                                cache: cssCache)
            engine = e
            styled = e.resolve(widths: configuration.referenceWidths)
        }
        lap(\.style)
        if let deadline, Linter.now() > deadline {
            throw InputError.timeLimit(seconds: configuration.limits.timeoutSeconds)
        }
        var text: TextModel?
        if !needs.isDisjoint(with: [.text, .sentences]) {
            let widths = styled
            text = TextModel(document: input.document, placeholders: placeholders, isHidden: { id in
                !widths.isEmpty && !widths.contains { $0.isVisible(id) }
            }, hiddenIsComputed: !widths.isEmpty, keepsLineBreaks: widths.first.map { styled in
                // Computed, so inherited: `white-space` keeps the source's line breaks here.
                { id in styled.keepsLineBreaks(id) }
            })
        }
        lap(\.text)
        if let deadline, Linter.now() > deadline {
            throw InputError.timeLimit(seconds: configuration.limits.timeoutSeconds)
        }
        var sentences: [PreparedSentence] = []
        if needs.contains(.sentences), let text {
            sentences = PreparedSentence.all(text, placeholders: placeholders)
        }
        lap(\.text)
        let context = RuleContext(input: input, configuration: configuration, placeholders: placeholders, text: text,
                                  styleEngine: engine, styles: styled, sentences: sentences)
        let doc = input.document
        var runners: [any RuleRunner] = []
        var active = [Bool](repeating: false, count: rules.count)
        runners.reserveCapacity(rules.count)
        for (i, r) in rules.enumerated() {
            runners.append(r.makeRunner(context))
            active[i] = r.metadata.appliesTo.contains(input.kind) && (wholeMessage || !r.metadata.judgesWholeMessage)
        }
        let nodes = doc.nodes
        if measureRules {
            try walkMeasured(nodes, context, &runners, active, deadline, &timings)
        } else {
            try walk(nodes, context, &runners, active, deadline)
        }
        lap(\.rules)
        var findings: [Finding] = []
        for i in runners.indices where active[i] {
            // A rule's finish can scan all the text (phrase rules): check the budget between
            // rules so a pathological file overruns it by at most one rule's work.
            if let deadline, Linter.now() > deadline {
                throw InputError.timeLimit(seconds: configuration.limits.timeoutSeconds)
            }
            if measureRules {
                let t0 = Linter.now()
                let f = runners[i].finish(context)
                timings.perRule[rules[i].id, default: 0] += (Linter.now() - t0) * 1000
                findings.append(contentsOf: f)
            } else {
                findings.append(contentsOf: runners[i].finish(context))
            }
        }
        lap(\.rules)
        if let deadline, Linter.now() > deadline {
            throw InputError.timeLimit(seconds: configuration.limits.timeoutSeconds)
        }
        if applyDirectives {
            findings = Directives(document: doc, knownRules: knownRuleIds).apply(to: findings, unusedSeverity: unusedDirectiveSeverity)
        }
        findings.sort { a, b in
            if a.range.start.offset != b.range.start.offset { return a.range.start.offset < b.range.start.offset }
            return a.ruleId < b.ruleId
        }
        // Each line's scalars once: thousands of findings on one long line (a minified
        // template) made this quadratic.
        var lines: [Int: SnippetLine] = [:]
        for i in findings.indices where findings[i].snippet == nil {
            let line = findings[i].range.start.line
            if lines[line] == nil { lines[line] = SnippetLine(doc.source.lineText(line)) }
            findings[i].snippet = lines[line].flatMap { Linter.snippet($0, findings[i].range) }
        }
        Fingerprint.assign(&findings)
        lap(\.findings)
        return findings
    }

    /// The single walk: each node to the rules subscribed to it.
    private func walk(_ nodes: [Node], _ context: RuleContext, _ runners: inout [any RuleRunner], _ active: [Bool],
                      _ deadline: Double?) throws {
        for id in nodes.indices {
            if id & 4095 == 4095, let deadline, Linter.now() > deadline {
                throw InputError.timeLimit(seconds: configuration.limits.timeoutSeconds)
            }
            switch nodes[id].kind {
            case .element:
                for i in everyElement where active[i] { runners[i].visit(id, context) }
                if !byElement.isEmpty, let list = byElement[nodes[id].name] {
                    for i in list where active[i] { runners[i].visit(id, context) }
                }
            case .text:
                for i in onText where active[i] { runners[i].visit(id, context) }
            case .rawText:
                for i in onRawText where active[i] { runners[i].visit(id, context) }
            case .comment:
                for i in onComments where active[i] { runners[i].visit(id, context) }
            case .document:
                break
            }
        }
    }

    /// The same walk, timing every rule call (for `--stats`).
    private func walkMeasured(_ nodes: [Node], _ context: RuleContext, _ runners: inout [any RuleRunner], _ active: [Bool],
                              _ deadline: Double?, _ timings: inout PhaseTimings) throws {
        var spent = [Double](repeating: 0, count: runners.count)
        func call(_ i: Int, _ id: NodeID) {
            let t0 = Linter.now()
            runners[i].visit(id, context)
            spent[i] += Linter.now() - t0
        }
        for id in nodes.indices {
            if id & 4095 == 4095, let deadline, Linter.now() > deadline {
                throw InputError.timeLimit(seconds: configuration.limits.timeoutSeconds)
            }
            switch nodes[id].kind {
            case .element:
                for i in everyElement where active[i] { call(i, id) }
                if let list = byElement[nodes[id].name] { for i in list where active[i] { call(i, id) } }
            case .text: for i in onText where active[i] { call(i, id) }
            case .rawText: for i in onRawText where active[i] { call(i, id) }
            case .comment: for i in onComments where active[i] { call(i, id) }
            case .document: break
            }
        }
        for i in spent.indices where spent[i] > 0 { timings.perRule[rules[i].id, default: 0] += spent[i] * 1000 }
    }

    /// The source text a finding covers, on one line, bounded.
    static func snippet(_ doc: Document, _ range: SourceRange) -> String? {
        snippet(SnippetLine(doc.source.lineText(range.start.line)), range)
    }

    /// A source line as UTF-8, with where each Unicode scalar starts when it is not ASCII
    /// (columns count scalars, REPORT.md: an ASCII line is indexed by byte).
    struct SnippetLine {
        let bytes: [UInt8]
        /// Byte offset of each scalar; nil for an ASCII line (scalar k starts at byte k).
        let scalarStarts: [Int]?

        init(_ text: String) {
            bytes = Array(text.utf8)
            if ASCII.isASCII(text) {
                scalarStarts = nil
            } else {
                var starts: [Int] = []
                starts.reserveCapacity(bytes.count)
                for (i, b) in bytes.enumerated() where b & 0xC0 != 0x80 { starts.append(i) }
                scalarStarts = starts
            }
        }

        var scalarCount: Int { scalarStarts?.count ?? bytes.count }
        func byteOffset(ofScalar k: Int) -> Int {
            guard let starts = scalarStarts else { return k }
            return k < starts.count ? starts[k] : bytes.count
        }
    }

    /// The snippet: the range's text on its first line, at most 200 scalars (to the end of the
    /// line when the range goes on to another line or is empty).
    static func snippet(_ line: SnippetLine, _ range: SourceRange) -> String? {
        let count = line.scalarCount
        guard count > 0 else { return nil }
        // Columns count Unicode scalars (REPORT.md), not Characters: a ZWJ emoji or a combining
        // accent earlier on the line must not shift the snippet.
        let startCol = max(0, range.start.column - 1)
        guard startCol < count else { return nil }
        var endCol = range.end.line == range.start.line ? range.end.column - 1 : count
        if endCol <= startCol { endCol = count }
        endCol = min(endCol, count, startCol + 200)
        // The line's own UTF-8 between the two scalar boundaries (no scalar array per line).
        let lo = line.byteOffset(ofScalar: startCol), hi = line.byteOffset(ofScalar: endCol)
        return String(decoding: line.bytes[lo..<hi], as: UTF8.self)
    }

    /// Monotonic seconds.
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Loads and lints one input; never throws: problems become an `input-error` finding.
    public func check(path: String, bytes: [UInt8], kindHint: InputKind? = nil) -> FileResult {
        let start = Linter.now()
        let deadline = start + configuration.limits.timeoutSeconds
        let kind = kindHint ?? InputSniffer.kind(forPath: path)
        do {
            let input = try InputLoader.load(path: path, bytes: bytes, kind: kind, limits: configuration.limits)
            var timings = PhaseTimings()
            timings.load = (Linter.now() - start) * 1000
            let findings = try lint(input, deadline: deadline, timings: &timings)
            var lines: [Int: String] = [:]
            if !findings.isEmpty {
                // Code frames come from the file as written: for an .eml, the whole message.
                let lineSource = input.kind == .eml ? TextDecoder.decode(bytes, html: false).source : input.document.source
                for f in findings where lines[f.range.start.line] == nil {
                    lines[f.range.start.line] = lineSource.lineText(f.range.start.line)
                }
            }
            return FileResult(path: path, kind: input.kind, byteCount: bytes.count, encoding: input.encoding,
                              status: .checked, findings: findings, notApplicable: notApplicable(to: input.kind),
                              durationMs: (Linter.now() - start) * 1000, sourceLines: lines, notes: input.notes,
                              timings: timings, enabledRules: enabledRuleIds,
                              referenceWidths: configuration.referenceWidths, marketplace: configuration.marketplace)
        } catch {
            return FileResult.inputError(path: path, kind: kind, byteCount: bytes.count, reason: "\(error)",
                                         durationMs: (Linter.now() - start) * 1000)
        }
    }
}

extension FileResult {
    /// A file that could not be checked: listed with one `input-error` finding that says why.
    public static func inputError(path: String, kind: InputKind?, byteCount: Int, reason: String, durationMs: Double = 0) -> FileResult {
        let f = Finding(ruleId: InputErrorRule.id, severity: .error, message: reason,
                        range: SourceRange(at: .start), fingerprint: Fingerprint.hex(Fingerprint.fnv1a64("input-error\u{1}\(reason)")))
        return FileResult(path: path, kind: kind, byteCount: byteCount, encoding: nil, status: .error,
                          findings: [f], durationMs: durationMs)
    }
}

/// The engine's `input-error`: a file that cannot be read, decoded or parsed. Cannot be disabled.
public enum InputErrorRule {
    public static let id = "input-error"
}
