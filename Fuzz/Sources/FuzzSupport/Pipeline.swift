import BSMDocument
import BSMEngine
import BSMRules
#if canImport(Glibc)
import Glibc
#endif

/// The whole pipeline (load, decode, parse, style, text model, every rule, findings) on bytes.
public enum FuzzPipeline {
    /// Built once per process (a fuzz harness only): every built-in rule, default configuration.
    nonisolated(unsafe) static var cached: Linter?

    static func linter() -> Linter? {
        if let l = cached { return l }
        var config = Configuration()
        // libFuzzer's own -timeout (10 s) catches a hang; the engine's budget must fire first.
        config.limits.timeoutSeconds = 5
        cached = try? Linter(ruleTypes: BuiltinRules.all, configuration: config)
        return cached
    }

    public static func run(_ data: UnsafePointer<UInt8>?, _ size: Int, path: String, kind: InputKind) -> Int32 {
        guard let linter = linter() else {
            print("fuzz: the linter could not be built")
            exit(1)
        }
        let bytes = Array(fuzzBytes(data, size))
        let r = linter.check(path: path, bytes: bytes, kindHint: kind)
        // The invariants: the result names the input; an error is exactly one input-error with a reason.
        precondition(r.path == path && r.byteCount == size, "result does not describe its input")
        if r.status == .error {
            precondition(r.findings.count == 1 && r.findings.first?.ruleId == InputErrorRule.id
                         && r.findings.first?.message.isEmpty == false, "error result without one input-error")
        }
        // Every finding's position is inside the input's lines.
        for f in r.findings {
            precondition(f.range.start.line >= 1 && f.range.start.column >= 1, "finding before the start of the input")
        }
        return 0
    }
}

/// Inputs run before fuzzing starts (see `runFuzzer`): touch every lazily built table.
public let pipelineWarmUp: [String] = [
    "",
    """
    <html lang="en"><head><style>@media (max-width:480px){p{font-size:12px}} td.a{margin:0 auto}</style></head>
    <body><table width="700"><tr><td class="a"><p style="color:#777;background:url(http://x/y.gif)">Hello {{name}},
    your order 123-1234567-1234567 shipped 😀. Call +1 (555) 123-4567 or mail a@b.com. <a href="http://example.com/x?utm=1">Leave a review</a>
    <img src="http://x/p.gif" width="1" height="1"><img src="https://x/big.png" width="900"></p>
    <p lang="de">Vielen Dank für Ihre Bestellung. Bitte bewerten Sie uns.</p><p lang="fr">Merci beaucoup pour votre commande.</p>
    <p lang="es">Gracias por su pedido.</p><p lang="it">Grazie per il tuo ordine.</p></td></tr></table></body></html>
    """,
    "Hello ${name}, thanks for your order 123-1234567-1234567! Please leave 5 stars: https://amazon.com/review 🙂\n",
    "From: a@b.c\r\nSubject: =?utf-8?q?Hi?=\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nHi =C3=A9\r\n--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\nPHA+SGk8L3A+\r\n--b--\r\n",
]
