import ArgumentParser
import BSMEngine
import BSMReporters
import BSMRules

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List every rule with its default severity and summary.")

    @Flag(help: "Print as JSON.") var json = false

    func run() throws {
        let all = BuiltinRules.documented
        if json {
            var out = "["
            for (i, m) in all.enumerated() {
                if i > 0 { out += "," }
                var s = ""
                JSONEscape.escape(m.summary, into: &s)
                out += "{\"id\":\"\(m.id)\",\"category\":\"\(m.category.rawValue)\",\"defaultSeverity\":\"\(m.defaultSeverity.rawValue)\",\"summary\":\(s)}"
            }
            print(out + "]")
            return
        }
        let width = all.map(\.id.count).max() ?? 20
        var category: RuleCategory?
        for m in all {
            if m.category != category {
                category = m.category
                print("\n\(m.category.rawValue.capitalized)")
            }
            let pad = String(repeating: " ", count: width - m.id.count)
            let sev = m.defaultSeverity.rawValue.padding(7)
            print("  \(m.id)\(pad)  \(sev)  \(m.summary)")
        }
        let engine = EngineRules.metadata.count
        print("\n\(all.count - engine) rules, and \(engine) of the engine's own. `bsmlint explain ID` prints a rule's documentation.")
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Print a rule's documentation.")

    @Argument(help: "Rule id, e.g. insecure-image.") var id: String

    func run() throws {
        guard let metadata = BuiltinRules.documented.first(where: { $0.id == id }) else {
            throw ValidationError("unknown rule '\(id)'; `bsmlint rules` lists them")
        }
        print(RuleDocs.markdown(metadata))
    }
}

struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "docs", abstract: "Write docs/rules/<id>.md for every rule (generated from rule metadata).")

    @Option(help: "Output directory.") var output = "docs/rules"
    @Flag(help: "Only check that the files are up to date; exit 1 when not.") var check = false

    func run() throws {
        let stale = try RuleDocs.write(BuiltinRules.documented, to: output, checkOnly: check)
        if check {
            if !stale.isEmpty {
                print("Out of date: \(stale.joined(separator: ", ")). Run `bsmlint docs`.")
                throw ExitCode(1)
            }
            print("docs up to date")
        } else {
            print("wrote \(BuiltinRules.documented.count) rule pages and index to \(output)")
        }
    }
}

extension String {
    func padding(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
}

enum JSONEscape {
    /// The report writer's escaping (control characters, U+2028/2029 included), so
    /// `rules --json` is valid JSON whatever a summary contains.
    static func escape(_ s: String, into out: inout String) {
        JSONWriter.escape(s, into: &out)
    }
}
