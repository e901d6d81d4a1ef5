import BSMDocument
@testable import BSMEngine
import BSMRules
import Foundation
import Testing

@Suite struct ConfigTests {
    let known: Set<String> = BuiltinRules.ids.union([UnusedDirective.id])

    @Test func parsesEveryKey() throws {
        let yaml = """
        referenceWidths: [600, 375]
        marketplace: amazon.de
        rules:
          emoji: warning
          insecure-image: { severity: off }
        placeholders:
          - { open: "<<", close: ">>" }
        ignore: ["drafts/**"]
        limits: { maxFileBytes: 1000, timeoutSeconds: 2 }
        """
        let layer = try ConfigParser.parse(yaml: yaml, path: "/x/.bsmlint.yml", knownRules: known)
        var c = Configuration()
        c.merge(layer)
        #expect(c.referenceWidths == [600, 375])
        #expect(c.marketplace == "amazon.de")
        #expect(c.rules["emoji"]?.level == .on(.warning))
        #expect(c.rules["insecure-image"]?.level == .off)
        #expect(c.placeholders == [PlaceholderSpec(open: "<<", close: ">>")])
        #expect(c.ignore == ["drafts/**"])
        #expect(c.limits.maxFileBytes == 1000)
        #expect(c.limits.timeoutSeconds == 2)
    }

    @Test(arguments: [
        ("rules: { no-such-rule: error }", "unknown rule"),
        ("referenceWidths: [20]", "between 100 and 4000"),
        ("marketplace: amazon.moon", "unknown marketplace"),
        ("colour: red", "unknown key"),
        ("zeta: 1\ncolour: red\nalpha: 2\nmarketplace: amazon.de", "unknown keys 'alpha', 'colour', 'zeta' (known:"),
        ("rules: { emoji: loud }", "error, warning, info, off"),
        ("rules: [", "invalid configuration"),
        ("limits: { maxFileBytes: -1 }", "positive"),
        ("placeholders: [ { regex: \"(\" } ]", "invalid regex"),
        ("rules:\n  emoji: warning\nrules:\n  insecure-image: off", "the key 'rules' appears twice in one mapping (lines 1 and 3)"),
        ("rules: { emoji: warning, emoji: off }", "the key 'emoji' appears twice"),
    ])
    func rejectsBadConfig(_ yaml: String, _ expected: String) {
        do {
            _ = try ConfigParser.parse(yaml: yaml, path: "/x/.bsmlint.yml", knownRules: known)
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
            #expect("\(error)".contains("/x/.bsmlint.yml"))
        }
    }

    /// Every current Amazon marketplace is accepted (amazon.co.za since 2024, amazon.ie since 2025).
    @Test func acceptsEveryMarketplace() throws {
        let all = ["amazon.com", "amazon.ca", "amazon.com.mx", "amazon.com.br", "amazon.co.uk", "amazon.de", "amazon.fr",
                   "amazon.it", "amazon.es", "amazon.nl", "amazon.se", "amazon.pl", "amazon.com.be", "amazon.com.tr",
                   "amazon.ae", "amazon.sa", "amazon.eg", "amazon.in", "amazon.co.jp", "amazon.sg", "amazon.com.au",
                   "amazon.co.za", "amazon.ie"]
        #expect(Set(Configuration.knownMarketplaces) == Set(all))
        for m in all {
            let layer = try ConfigParser.parse(yaml: "marketplace: \(m)", path: "/x/.bsmlint.yml", knownRules: known)
            #expect(layer.marketplace == m)
        }
    }

    @Test func onlyRulesRestrictsTheRuleSet() throws {
        let layer = try ConfigParser.parse(yaml: "onlyRules: [emoji]\nrules: { emoji: warning }", path: "/x/.bsmlint.yml", knownRules: known)
        var c = Configuration()
        c.merge(layer)
        let linter = try Linter(ruleTypes: BuiltinRules.all, configuration: c)
        #expect(linter.rules.map(\.id) == ["emoji"])
        #expect(linter.rules.first?.severity == .warning)
        #expect(throws: ConfigError.self) {
            _ = try ConfigParser.parse(yaml: "onlyRules: [nope]", path: "/x/.bsmlint.yml", knownRules: known)
        }
    }

    @Test func unknownRuleOptionIsAnError() throws {
        var c = Configuration()
        c.rules["emoji"] = RuleSetting(level: nil, options: RuleOptions(["bogus": .bool(true)]))
        #expect(throws: ConfigError.self) { _ = try Linter(ruleTypes: BuiltinRules.all, configuration: c) }
    }

    /// Measuring rules compare against `maxPercent`: NaN (which fails every comparison, so the
    /// rule went quiet), infinities, zero, negatives and more than 100 are refused, naming the
    /// file and the key (audit G, bugs 3 and 6).
    @Test(arguments: [".nan", "-.inf", ".inf", "\"nan\"", "0", "-5", "101", "abc"])
    func percentOptionsMustBePercentages(_ value: String) throws {
        for rule in ["margin-too-wide", "image-too-wide"] {
            let yaml = "rules:\n  \(rule): { options: { maxPercent: \(value) } }\n"
            let layer = try ConfigParser.parse(yaml: yaml, path: "/x/.bsmlint.yml", knownRules: known)
            var c = Configuration()
            c.merge(layer)
            do {
                _ = try Linter(ruleTypes: BuiltinRules.all, configuration: c)
                Issue.record("accepted maxPercent: \(value) for \(rule)")
            } catch {
                #expect("\(error)".hasPrefix("/x/.bsmlint.yml: invalid configuration: rules.\(rule).options.maxPercent: expected a "), "\(error)")
            }
        }
    }

    @Test func percentOptionsInRangeAreAccepted() throws {
        for value in ["0.5", "50", "100"] {
            let layer = try ConfigParser.parse(yaml: "rules:\n  image-too-wide: { options: { maxPercent: \(value) } }\n",
                                               path: "/x/.bsmlint.yml", knownRules: known)
            var c = Configuration()
            c.merge(layer)
            let linter = try Linter(ruleTypes: BuiltinRules.all, configuration: c)
            #expect(linter.rules.contains { $0.id == "image-too-wide" })
        }
    }

    /// Integer and number options refuse NaN and infinities with the key and file named.
    @Test(arguments: [
        ("too-many-font-sizes", "max", ".nan"),
        ("consecutive-line-breaks", "max", ".inf"),
        ("spelling", "suggestions", ".nan"),
    ])
    func nonFiniteOptionsAreRefused(_ rule: String, _ key: String, _ value: String) throws {
        let layer = try ConfigParser.parse(yaml: "rules:\n  \(rule): { options: { \(key): \(value) } }\n",
                                           path: "/x/.bsmlint.yml", knownRules: known)
        var c = Configuration()
        c.merge(layer)
        do {
            _ = try Linter(ruleTypes: BuiltinRules.all, configuration: c)
            Issue.record("accepted \(key): \(value) for \(rule)")
        } catch {
            #expect("\(error)".hasPrefix("/x/.bsmlint.yml: invalid configuration: rules.\(rule).options.\(key): expected a finite number"), "\(error)")
        }
    }

    /// Option errors name the file and the full key; an unknown option lists the known ones, or
    /// says that the rule has none (the list was empty).
    @Test func optionErrorsNameTheFileAndKey() throws {
        func error(_ yaml: String) throws -> String {
            let layer = try ConfigParser.parse(yaml: yaml, path: "/cfg/.bsmlint.yml", knownRules: known)
            var c = Configuration()
            c.merge(layer)
            do {
                _ = try Linter(ruleTypes: BuiltinRules.all, configuration: c)
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        #expect(try error("rules: { too-many-font-sizes: { options: { max: abc } } }")
                == "/cfg/.bsmlint.yml: invalid configuration: rules.too-many-font-sizes.options.max: expected a number")
        #expect(try error("rules: { emoji: { options: { x: 1 } } }")
                == "/cfg/.bsmlint.yml: invalid configuration: rules.emoji.options.x: unknown option for rule emoji (emoji has no options, only a severity)")
        #expect(try error("rules: { margin-too-wide: { options: { maxPrecent: 5 } } }")
                == "/cfg/.bsmlint.yml: invalid configuration: rules.margin-too-wide.options.maxPrecent: unknown option for rule margin-too-wide (known: maxPercent)")
        // A rule that is off, or left out by onlyRules, still has its options checked.
        #expect(try error("rules: { margin-too-wide: { severity: off, options: { maxPrecent: 5 } } }")
                .hasSuffix("rules.margin-too-wide.options.maxPrecent: unknown option for rule margin-too-wide (known: maxPercent)"))
        #expect(try error("onlyRules: [emoji]\nrules: { image-too-wide: { options: { maxPercent: .nan } } }")
                .hasPrefix("/cfg/.bsmlint.yml: invalid configuration: rules.image-too-wide.options.maxPercent:"))
        #expect(try error("rules: { margin-too-wide: { severity: off, options: { maxPercent: 30 } } }") == "accepted")
    }

    @Test func nearestConfigFileWins() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("bsmlint-cfg-\(UUID().uuidString)")
        let sub = tmp.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        try Data("rules: { emoji: off }\n".utf8).write(to: tmp.appendingPathComponent(".bsmlint.yml"))
        try Data("rules: { emoji: warning }\nignore: [\"skip-*.html\"]\n".utf8).write(to: tmp.appendingPathComponent("a/.bsmlint.yml"))
        var r = try ConfigResolver(explicitPath: nil, commandLine: ConfigurationLayer(), ruleTypes: BuiltinRules.all)
        let deep = sub.appendingPathComponent("t.html").path
        #expect(r.configPath(forFile: deep) == tmp.appendingPathComponent("a/.bsmlint.yml").path)
        let l = try r.linter(forFile: deep)
        #expect(l.configuration.rules["emoji"]?.level == .on(.warning))
        let top = try r.linter(forFile: tmp.appendingPathComponent("t.html").path)
        #expect(top.configuration.rules["emoji"]?.level == .off)
        #expect(r.ignoreReason(forFile: sub.appendingPathComponent("skip-1.html").path) != nil)
        #expect(r.ignoreReason(forFile: deep) == nil)
    }

    @Test(arguments: [
        ("*.html", "a/b/c.html", true),
        ("drafts/**", "drafts/x/y.html", true),
        ("drafts/**", "other/drafts.html", false),
        ("/top.html", "top.html", true),
        ("a/*/c.html", "a/b/c.html", true),
        ("a/*/c.html", "a/b/x/c.html", false),
        ("**/c.html", "a/b/c.html", true),
        ("te?t.txt", "test.txt", true),
    ])
    func globs(_ pattern: String, _ path: String, _ expected: Bool) {
        #expect(Glob.matches(pattern: pattern, path: path) == expected)
    }
}
