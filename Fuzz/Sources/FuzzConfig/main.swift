import FuzzSupport
import BSMEngine
import BSMRules

/// The configuration loader on arbitrary YAML: parse (every key's validation), merge into the
/// defaults, build a linter with it (rule options), and match its `ignore` globs against a path.
enum FuzzConfig {
    nonisolated(unsafe) static var known: Set<String>?

    static func run(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        let knownRules: Set<String>
        if let k = known { knownRules = k } else {
            knownRules = Set(BuiltinRules.all.map { $0.metadata.id })
            known = knownRules
        }
        let yaml = String(decoding: fuzzBytes(data, size), as: UTF8.self)
        guard let layer = try? ConfigParser.parse(yaml: yaml, path: "/fuzz/.bsmlint.yml", knownRules: knownRules) else {
            return 0
        }
        var config = Configuration()
        config.merge(layer)
        // Rule settings and options, placeholders, spelling words: validated when the linter is
        // built (each rule's init reads its options).
        if !layer.rules.isEmpty || layer.placeholders != nil || layer.onlyRules != nil || !layer.spellingWords.isEmpty {
            _ = try? Linter(ruleTypes: BuiltinRules.all, configuration: config)
        }
        for pattern in config.ignore.prefix(16) {
            _ = Glob.matches(pattern: pattern, path: "/fuzz/templates/a/b/order-123.html")
        }
        return 0
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzConfig.run(data, size)
}

runFuzzer(fuzzTestOneInput, warmUp: ["", "rules:\n  emoji: warning\nignore: [\"drafts/**\"]\nplaceholders:\n  - { regex: \"@@[A-Z]+@@\" }\nlimits: { maxDepth: 10 }\n"])
