import Foundation
import BSMDocument

/// Inline directives in HTML comments:
/// `<!-- bsmlint-disable rule-a, rule-b -- reason -->` (until `bsmlint-enable` or the end; in an
/// .eml, one never re-enabled covers the headers too),
/// `<!-- bsmlint-enable rule-a -->`, `<!-- bsmlint-disable-next rule-a -->` (the next element,
/// with everything inside it). Without rule ids a directive covers every rule.
/// Directives that suppress nothing are reported as `unused-disable-directive`.
public struct Directives: Sendable {
    public struct Region: Sendable {
        /// nil = every rule.
        public var rules: Set<String>?
        public var start: Int
        public var end: Int
        public var directive: SourceRange
        public var text: String
        /// Which directive (comment) made it: `bsmlint-enable` may split one into several regions.
        public var directiveIndex = 0
        /// Ids it names that are no rule (reported as such, not as unused).
        public var unknownRules: Set<String> = []
    }

    public private(set) var regions: [Region] = []
    /// Malformed directives (unknown rule ids), reported as findings.
    public private(set) var problems: [(range: SourceRange, message: String)] = []

    public init() {}

    public static let prefix = "bsmlint-"

    /// Collects directives from a document's comments.
    public init(document: Document, knownRules: Set<String>) {
        var open: [Region] = []
        let nodes = document.nodes
        var directiveIndex = 0
        for id in nodes.indices where nodes[id].kind == .comment {
            let raw = nodes[id].text.trimmingASCIIWhitespace()
            guard raw.hasPrefix(Directives.prefix) else { continue }
            // Split "command rules -- reason".
            var body = Substring(raw)
            if let r = raw.range(of: " --") { body = raw[raw.startIndex..<r.lowerBound] }
            let parts = body.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            guard let command = parts.first else { continue }
            let list = parts.count > 1 ? parts[1].split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init) : []
            let ruleSet: Set<String>? = list.isEmpty ? nil : Set(list)
            let range = nodes[id].range
            var unknown: Set<String> = []
            if let rs = ruleSet {
                unknown = rs.subtracting(knownRules)
                if !unknown.isEmpty {
                    problems.append((range, "Directive names unknown rule(s): \(unknown.sorted().joined(separator: ", "))"))
                }
            }
            directiveIndex += 1
            switch command {
            case "bsmlint-disable":
                open.append(Region(rules: ruleSet, start: range.end.offset, end: Int.max, directive: range, text: raw,
                                   directiveIndex: directiveIndex, unknownRules: unknown))
            case "bsmlint-enable":
                // Close matching open regions (all of them when no ids are given).
                var remaining: [Region] = []
                for var r in open {
                    let closes: Bool
                    if let rs = ruleSet {
                        if let own = r.rules {
                            let left = own.subtracting(rs)
                            if left.isEmpty { closes = true } else {
                                // Split: the enabled rules end here, the rest stay open.
                                var closed = r
                                closed.rules = own.intersection(rs)
                                closed.end = range.start.offset
                                if !(closed.rules ?? []).isEmpty { regions.append(closed) }
                                r.rules = left
                                remaining.append(r)
                                continue
                            }
                        } else { closes = false }
                    } else { closes = true }
                    if closes {
                        r.end = range.start.offset
                        regions.append(r)
                    } else { remaining.append(r) }
                }
                open = remaining
            case "bsmlint-disable-next", "bsmlint-disable-next-element":
                // What comes next in document order after the comment: an element (with
                // everything in it) or a run of text that is not blank ("Hi 😀" right after the
                // comment), as a reader of the template sees it.
                var target: NodeID?
                var k = id + 1
                while k < nodes.count {
                    if nodes[k].kind == .element && !nodes[k].isImplied { target = k; break }
                    if nodes[k].kind == .text && !nodes[k].isBlankText { target = k; break }
                    k += 1
                }
                if let t = target {
                    regions.append(Region(rules: ruleSet, start: nodes[t].range.start.offset,
                                          end: Directives.subtreeEnd(document, t), directive: range, text: raw,
                                          directiveIndex: directiveIndex, unknownRules: unknown))
                } else {
                    problems.append((range, "bsmlint-disable-next has no element or text after it"))
                }
            default:
                problems.append((range, "Unknown directive '\(command)' (use bsmlint-disable, bsmlint-enable, bsmlint-disable-next)"))
            }
        }
        // In an .eml the headers (Subject) and the MIME headers of attachments before the body
        // come before any comment: a `bsmlint-disable` never re-enabled covers the whole message,
        // headers included, as a file-wide switch (there is nowhere else to put one).
        if document.kind == .eml {
            for i in open.indices { open[i].start = 0 }
        }
        regions.append(contentsOf: open)
    }

    /// Largest original end offset in the subtree of `id`.
    static func subtreeEnd(_ doc: Document, _ id: NodeID) -> Int {
        var end = doc.nodes[id].range.end.offset
        var stack = [id]
        while let n = stack.popLast() {
            end = max(end, doc.nodes[n].range.end.offset)
            stack.append(contentsOf: doc.nodes[n].children)
        }
        return end
    }

    public var isEmpty: Bool { regions.isEmpty && problems.isEmpty }

    /// Removes suppressed findings; returns what is left and findings for unused directives.
    public func apply(to findings: [Finding], unusedSeverity: Severity?) -> [Finding] {
        guard !regions.isEmpty || !problems.isEmpty else { return findings }
        // Per region, the rules whose findings it suppressed (a directive naming several rules
        // is judged rule by rule, as ESLint's --report-unused-disable-directives does).
        var usedRules = [Set<String>](repeating: [], count: regions.count)
        // One sweep in source order: the regions that cover a finding are those started at or
        // before it and not yet ended (findings × regions was quadratic on documents with
        // thousands of directives).
        let regionOrder = regions.indices.sorted { regions[$0].start < regions[$1].start }
        let findingOrder = findings.indices.sorted { findings[$0].range.start.offset < findings[$1].range.start.offset }
        var suppressed = [Bool](repeating: false, count: findings.count)
        var active: [Int] = []
        var next = 0
        for fi in findingOrder where findings[fi].ruleId != InputErrorRule.id {
            let f = findings[fi]
            let offset = f.range.start.offset
            while next < regionOrder.count, regions[regionOrder[next]].start <= offset {
                active.append(regionOrder[next])
                next += 1
            }
            active.removeAll { regions[$0].end <= offset }
            for i in active where regions[i].rules == nil || regions[i].rules?.contains(f.ruleId) == true {
                suppressed[fi] = true
                usedRules[i].insert(f.ruleId)
            }
        }
        var kept: [Finding] = []
        kept.reserveCapacity(findings.count)
        for (fi, f) in findings.enumerated() where !suppressed[fi] { kept.append(f) }
        if let sev = unusedSeverity {
            // One verdict per directive (`bsmlint-enable` may split one into several regions):
            // its first region, what it names and what it suppressed, by directive index.
            let count = (regions.map(\.directiveIndex).max() ?? 0) + 1
            var first = [Int?](repeating: nil, count: count)
            var named = [Set<String>](repeating: [], count: count), usedBy = named
            for (i, r) in regions.enumerated() {
                let k = r.directiveIndex
                if first[k] == nil { first[k] = i }
                if let rs = r.rules { named[k].formUnion(rs) }
                usedBy[k].formUnion(usedRules[i])
            }
            for k in 0..<count {
                guard let i = first[k] else { continue }
                let r = regions[i]
                // Unknown ids are reported as such (problems), not again as unused.
                let unused = named[k].subtracting(usedBy[k]).subtracting(r.unknownRules)
                let message: String
                if usedBy[k].isEmpty {
                    guard r.rules == nil || !unused.isEmpty else { continue }
                    let what = r.rules == nil ? "all rules" : unused.sorted().joined(separator: ", ")
                    message = "Unused directive: nothing of \(what) was reported here; remove it"
                } else {
                    // Some rules named were used: the others are reported.
                    guard r.rules != nil, !unused.isEmpty else { continue }
                    message = "Unused directive for \(unused.sorted().joined(separator: ", ")): nothing of it was reported here; remove it from the directive"
                }
                kept.append(Finding(ruleId: UnusedDirective.id, severity: sev, message: message, range: r.directive, evidence: r.text))
            }
            for p in problems {
                kept.append(Finding(ruleId: UnusedDirective.id, severity: sev, message: p.message, range: p.range))
            }
        }
        return kept
    }
}

/// Metadata of the engine's own rule for directives that suppress nothing.
public enum UnusedDirective {
    public static let id = "unused-disable-directive"
}
