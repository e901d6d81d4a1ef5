// TEMPORARY: replaced by the MIME reader on branch `eml` at merge. Do not extend.
public struct EMLHeaderValue: Sendable { public var decoded: String; public var range: SourceRange }
public struct EMLAttachment: Sendable { public var filename: String?; public var contentType: String; public var size: Int; public var range: SourceRange }
public struct EMLBodyPart: Sendable {
    public var transferEncoding: String
    public var positionsMapToFile: Bool
    public func source(html: Bool) -> SourceText { SourceText(string: "") }
}
public struct EMLMessage: Sendable {
    public var subject: EMLHeaderValue?
    public var htmlPart: EMLBodyPart?
    public var textPart: EMLBodyPart?
    public var attachments: [EMLAttachment]
    public var problems: [String]
    public static func looksLikeEML(_ bytes: [UInt8]) -> Bool { false }
    public static func parse(_ bytes: [UInt8]) throws -> EMLMessage { throw InputError.malformed("MIME reader pending") }
}
