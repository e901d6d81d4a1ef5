import BSMDocument
import Foundation

/// Generates `docs/rules/<id>.md` from rule metadata, so the docs can never drift from the
/// examples the tests run.
public enum RuleDocs {
    public static func markdown(_ m: RuleMetadata) -> String {
        var s = "# `\(m.id)`\n\n"
        s += "> \(m.summary)\n\n"
        s += "| | |\n|---|---|\n"
        s += "| Category | \(m.category.rawValue) |\n"
        s += "| Default severity | `\(m.defaultSeverity.rawValue)` |\n"
        s += "| Applies to | \(m.appliesTo.map(\.rawValue).sorted().joined(separator: ", ")) |\n"
        let notApplicable = Set([InputKind.html, .text, .eml]).subtracting(m.appliesTo)
        // The engine's own rules are not run per file, so no report lists them as not applicable.
        if !notApplicable.isEmpty, m.category != .meta, m.category != .input {
            s += "| Not applicable to | \(notApplicable.map(\.rawValue).sorted().joined(separator: ", ")) (the rule is skipped and the report lists it under `notApplicable`) |\n"
        }
        if m.appliesTo.contains(.eml), m.category != .meta, m.category != .input {
            s += m.judgesWholeMessage
                ? "| .eml body parts | judges the message once as a whole (the primary body part — the HTML, else the text — with the subject, attachments and campaign), not each part |\n"
                : "| .eml body parts | every body part (HTML, text alternative, further text parts); a finding a part repeats from another is reported once |\n"
        }
        if let w = m.wcag { s += "| WCAG | \(w) |\n" }
        if let p = m.policy { s += "| Policy | \(p) |\n" }
        s += "| Can be disabled | \(m.canBeDisabled ? "yes" : "no") |\n\n"
        s += "## Why\n\n\(m.rationale)\n\n"
        if !m.decisions.isEmpty {
            s += "## How bsmlint decides\n\n"
            for d in m.decisions { s += "- \(d)\n" }
            s += "\n"
        }
        s += "## How to fix\n\n\(m.fix)\n\n"
        s += "## Options\n\n"
        if !m.canBeDisabled {
            s += "None: it cannot be configured or turned off.\n\n"
        } else if m.options.isEmpty {
            s += "None. Configure the severity only:\n\n```yaml\nrules:\n  \(m.id): warning   # error | warning | info | off\n```\n\n"
        } else {
            s += "| Option | Type | Default | Meaning |\n|---|---|---|---|\n"
            for o in m.options { s += "| `\(o.name)` | \(o.type) | `\(o.defaultValue)` | \(o.summary) |\n" }
            s += "\n```yaml\nrules:\n  \(m.id):\n    severity: \(m.defaultSeverity.rawValue)\n    options:\n"
            for o in m.options { s += "      \(o.name): \(o.defaultValue)\n" }
            s += "```\n\n"
        }
        if !m.failing.isEmpty {
            s += "## Failing examples\n\nEach `↓` marks where bsmlint reports the finding (line:column).\n\n"
            for e in m.failing { s += example(e) }
        }
        if !m.passing.isEmpty {
            s += "## Passing examples\n\n"
            for e in m.passing { s += example(e) }
        }
        if let text = m.suppression {
            s += "## Suppressing\n\n\(text)\n"
        } else if m.appliesTo == [.eml] {
            // Findings in the message's headers come before any comment of its HTML body.
            s += "## Suppressing\n\nIn the message's HTML body, a directive that is not re-enabled covers the whole message, headers included:\n\n```html\n<!-- bsmlint-disable \(m.id) -- reason -->\n```\n"
        } else {
            s += "## Suppressing\n\n```html\n<!-- bsmlint-disable-next \(m.id) -- reason -->\n```\n"
        }
        return s
    }

    static func example(_ e: RuleExample) -> String {
        var s = ""
        if let n = e.note { s += "\(n)\n\n" }
        if let c = e.config { s += "With configuration:\n\n```yaml\n\(c)\n```\n\n" }
        let lang: String
        switch e.kind {
        case .html: lang = "html"
        case .text: lang = "text"
        case .eml: lang = "eml"
        }
        s += "```\(lang)\n\(e.code)\n```\n\n"
        return s
    }

    public static func index(_ all: [RuleMetadata]) -> String {
        var s = "# bsmlint rules\n\nGenerated from rule metadata by `bsmlint docs`; do not edit by hand.\n\n"
        var cat: RuleCategory?
        for m in all {
            if m.category != cat {
                cat = m.category
                s += "\n## \(m.category.rawValue.capitalized)\n\n| Rule | Default | Summary |\n|---|---|---|\n"
            }
            s += "| [`\(m.id)`](\(m.id).md) | \(m.defaultSeverity.rawValue) | \(m.summary) |\n"
        }
        return s
    }

    /// Writes (or, with `checkOnly`, compares) every page. Returns the files that differ.
    public static func write(_ all: [RuleMetadata], to directory: String, checkOnly: Bool) throws -> [String] {
        var pages: [(String, String)] = all.map { ("\($0.id).md", markdown($0)) }
        pages.append(("README.md", index(all)))
        var stale: [String] = []
        if !checkOnly { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        for (name, text) in pages {
            let path = (directory as NSString).appendingPathComponent(name)
            let existing = FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
            if existing != text {
                stale.append(name)
                if !checkOnly { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) }
            }
        }
        return stale
    }
}
