import BSMDocument
import BSMEngine
import BSMRules

/// The whole pipeline (load, decode, parse, style, text model, every rule, findings) on bytes.
public enum FuzzPipeline {
    /// Built once per process: every built-in rule, default configuration.
    nonisolated(unsafe) static var cached: Linter?

    static func linter() -> Linter? {
        if let l = cached { return l }
        var config = Configuration()
        // libFuzzer's own -timeout catches a hang; the budget keeps slow inputs from looking like one.
        config.limits.timeoutSeconds = 5
        cached = try? Linter(ruleTypes: BuiltinRules.all, configuration: config)
        return cached
    }

    public static func run(_ data: UnsafePointer<UInt8>, _ size: Int, path: String, kind: InputKind) -> Int32 {
        guard let linter = linter() else { return -1 }
        let bytes = Array(UnsafeBufferPointer(start: data, count: size))
        let r = linter.check(path: path, bytes: bytes, kindHint: kind)
        // The invariant: a result is a check or exactly one input-error.
        if r.status == .error {
            precondition(r.findings.count == 1 && r.findings[0].ruleId == InputErrorRule.id, "error result without one input-error")
        }
        return 0
    }
}
