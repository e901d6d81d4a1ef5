import BSMDocument
import BSMEngine
import BSMText

/// `attachment-not-allowed`: an .eml attachment of a type or purpose Amazon does not accept,
/// more than 5 attachments, or more than 10 MB in total.
public struct AttachmentNotAllowedRule: Rule {
    public static let metadata = RuleMetadata(
        id: "attachment-not-allowed",
        name: "Attachment not allowed",
        category: .content,
        defaultSeverity: .error,
        summary: "An .eml attachment that is not an invoice, warranty or instructions document, of a type other than pdf/doc/docx/txt/jpg/jpeg/png, more than 5, or over 10 MB in total",
        rationale: """
        Amazon allows only product instructions, warranty information and invoices as attachments (content rule 5); \
        Seller Central accepts pdf, doc, docx, txt, jpg, jpeg and png files, at most 5, up to 10 MB in total.
        """,
        fix: "Attach only the invoice, warranty or instructions, as pdf/doc/docx/txt/jpg/png, at most 5 files and 10 MB; name the file after what it is (`Invoice-112-3456789-0123456.pdf`).",
        decisions: [
            "The type comes from the file name's extension, or from the Content-Type when there is no name (`application/pdf`, `application/msword`, the docx type, `text/plain`, `image/jpeg`, `image/png`).",
            "The purpose comes from the file name: words for invoice, warranty and instructions in en es fr de it ja (`invoice`, `receipt`, `factura`, `facture`, `Rechnung`, `fattura`, `請求書`; `warranty`, `garantía`, `Garantie`, `garanzia`, `保証書`; `manual`, `instructions`, `Anleitung`, `notice`, `istruzioni`, `説明書`…), matched inside words (`Bedienungsanleitung.pdf`).",
            "A name that states another purpose (`coupon`, `voucher`, `catalog`, `flyer`, `brochure`, `newsletter`, `promo`, `Gutschein`, `cupón`, `catalogue`, `buono`, `クーポン`…) is an error; a name that states no purpose (`scan.pdf`, `IMG_1234.jpg`) is a warning, since the content may still be one of the three.",
            "Inline parts count: Amazon counts every MIME part with a file as an attachment. More than 5 is reported at the sixth; over 10 MB (10 × 1024 × 1024 bytes of decoded content) at the attachment that crosses the limit.",
            "Each finding is placed at the attachment's MIME headers.",
            "Other renderings of the message inside `multipart/alternative` — AMP's `text/x-amp-html`, `text/watch-html`, an Outlook `text/calendar` invitation — carry no file and are not attachments (nor checked as the body: the `text/html` part is). Given a file name or `Content-Disposition: attachment`, they are.",
        ],
        failing: [
            RuleExample("From: a@example.com\nSubject: Order 112-3456789-0123456\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\nHello\n--b\n↓Content-Type: application/zip; name=invoice.zip\nContent-Disposition: attachment; filename=invoice.zip\n\nPK\n--b--\n", kind: .eml, note: "zip is not an accepted type."),
            RuleExample("From: a@example.com\nSubject: Order 112-3456789-0123456\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\nHola\n--b\n↓Content-Type: application/pdf\nContent-Disposition: attachment; filename=\"cupon-descuento.pdf\"\n\n%PDF\n--b--\n", kind: .eml),
            RuleExample("From: a@example.com\nSubject: Order 112-3456789-0123456\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\nHallo\n--b\n↓Content-Type: application/pdf\nContent-Disposition: attachment; filename=\"scan.pdf\"\n\n%PDF\n--b--\n", kind: .eml, note: "No purpose in the name: a warning."),
            RuleExample("From: a@example.com\nSubject: Order 112-3456789-0123456\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\nHi\n--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"invoice1.pdf\"\n\n%PDF\n--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"invoice2.pdf\"\n\n%PDF\n--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"invoice3.pdf\"\n\n%PDF\n--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"invoice4.pdf\"\n\n%PDF\n--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"invoice5.pdf\"\n\n%PDF\n--b\n↓Content-Type: application/pdf\nContent-Disposition: attachment; filename=\"invoice6.pdf\"\n\n%PDF\n--b--\n", kind: .eml, note: "More than 5: reported at the sixth."),
        ],
        passing: [
            RuleExample("From: a@example.com\nSubject: Order 112-3456789-0123456\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\nHello\n--b\nContent-Type: text/x-amp-html; charset=utf-8\n\n<html amp4email><body><p>Hello</p></body></html>\n--b\nContent-Type: text/html; charset=utf-8\n\n<p>Hello</p>\n--b--\n", kind: .eml, note: "An AMP alternative of the body is not an attachment."),
            RuleExample("From: a@example.com\nSubject: Order 112-3456789-0123456\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\nHello\n--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"Invoice-112-3456789-0123456.pdf\"\n\n%PDF\n--b--\n", kind: .eml),
            RuleExample("From: a@example.com\nSubject: Bestellung 112-3456789-0123456\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\nHallo\n--b\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\nContent-Disposition: attachment; filename=\"Bedienungsanleitung.docx\"\n\nPK\n--b--\n", kind: .eml),
            RuleExample("From: a@example.com\nSubject: 注文 112-3456789-0123456\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\nこんにちは\n--b\nContent-Type: image/jpeg\nContent-Disposition: attachment; filename*=UTF-8''%E4%BF%9D%E8%A8%BC%E6%9B%B8.jpg\n\nJFIF\n--b--\n", kind: .eml, note: "保証書 (warranty card), RFC 2231 name."),
            RuleExample("From: a@example.com\nSubject: Ordine 112-3456789-0123456\nContent-Type: text/plain; charset=utf-8\n\nNessun allegato\n", kind: .eml),
        ],
        appliesTo: [.eml],
        judgesWholeMessage: true
    )

    static let allowedExtensions: Set<String> = ["pdf", "doc", "docx", "txt", "jpg", "jpeg", "png"]
    static let allowedTypes: [String: String] = [
        "application/pdf": "pdf", "application/msword": "doc",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
        "text/plain": "txt", "image/jpeg": "jpg", "image/jpg": "jpg", "image/pjpeg": "jpg", "image/png": "png",
    ]
    /// Normalized (`normalizedForMatching`) fragments naming an allowed purpose.
    static let purposeWords = [
        // en
        "invoice", "receipt", "bill", "warranty", "guarantee", "instruction", "manual", "guide", "howto", "how-to", "assembly", "installation", "setup", "user",
        // es
        "factura", "recibo", "garantia", "instrucciones", "manual", "guia", "montaje",
        // fr
        "facture", "recu", "garantie", "notice", "mode d'emploi", "mode-d-emploi", "manuel", "montage",
        // de
        "rechnung", "quittung", "beleg", "garantie", "gewahrleistung", "anleitung", "handbuch", "gebrauchsanweisung", "bedienung", "aufbau",
        // it
        "fattura", "ricevuta", "garanzia", "istruzioni", "manuale", "guida", "montaggio",
        // ja
        "請求書", "領収書", "納品書", "保証", "説明書", "マニュアル", "取扱", "取説",
    ]
    /// Fragments naming a purpose Amazon does not allow.
    static let forbiddenWords = [
        "coupon", "voucher", "catalog", "flyer", "flier", "brochure", "newsletter", "promo", "discount", "offer", "sale",
        "cupon", "descuento", "oferta", "catalogue", "bon de reduction", "reduction", "gutschein", "rabatt", "angebot", "katalog",
        "buono", "sconto", "offerta", "catalogo", "クーポン", "割引", "カタログ", "セール",
    ]
    static let maxCount = 5
    static let maxTotalBytes = 10 * 1024 * 1024

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { .none }

    public func finish(_ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        var total = 0
        var sizeReported = false
        for (index, a) in context.input.attachments.enumerated() {
            let label = a.name.map { "\"\($0)\"" } ?? "(\(a.contentType))"
            let evidence = "\(a.contentType)\(a.name.map { "; name=\($0)" } ?? ""), \(a.size) bytes"
            if index == AttachmentNotAllowedRule.maxCount {
                report.report("More than \(AttachmentNotAllowedRule.maxCount) attachments (\(context.input.attachments.count)): Amazon accepts at most 5",
                              at: a.range, evidence: evidence)
            }
            total += a.size
            if total > AttachmentNotAllowedRule.maxTotalBytes, !sizeReported {
                sizeReported = true
                report.report("Attachments exceed 10 MB in total (\(total) bytes at \(label)): Amazon accepts up to 10 MB",
                              at: a.range, evidence: evidence)
            }
            if let type = AttachmentNotAllowedRule.fileType(a), !AttachmentNotAllowedRule.allowedExtensions.contains(type) {
                report.report("Attachment \(label) is of type \(type): Amazon accepts only pdf, doc, docx, txt, jpg, jpeg and png",
                              at: a.range, evidence: evidence)
                continue
            } else if AttachmentNotAllowedRule.fileType(a) == nil {
                report.report("Attachment \(label) has an unknown file type: Amazon accepts only pdf, doc, docx, txt, jpg, jpeg and png",
                              at: a.range, evidence: evidence)
                continue
            }
            let name = normalizedForMatching(a.name ?? "")
            if let word = AttachmentNotAllowedRule.forbiddenWords.first(where: { name.contains($0) }),
               !AttachmentNotAllowedRule.purposeWords.contains(where: { name.contains($0) }) {
                report.report("Attachment \(label) looks like \(word) material: Amazon allows only invoices, warranty information and instructions",
                              at: a.range, evidence: evidence)
            } else if !AttachmentNotAllowedRule.purposeWords.contains(where: { name.contains($0) }) {
                report.report("Attachment \(label) is not named as an invoice, warranty or instructions: Amazon allows only those",
                              at: a.range, evidence: evidence, severity: .warning)
            }
        }
    }

    /// Lower-case extension of the file name, else the type from the Content-Type; nil when
    /// neither says.
    static func fileType(_ a: AttachmentInfo) -> String? {
        if let n = a.name, let dot = n.lastIndex(of: "."), n.index(after: dot) < n.endIndex {
            let ext = n[n.index(after: dot)...].lowercased()
            if ext.count <= 8, !ext.contains(" ") { return ext }
        }
        let ct = a.contentType.lowercased()
        if let t = allowedTypes[ct] { return t }
        if let slash = ct.firstIndex(of: "/") {
            let sub = ct[ct.index(after: slash)...]
            if !sub.isEmpty, sub != "octet-stream" { return String(sub) }
        }
        return nil
    }
}
