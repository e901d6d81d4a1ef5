/// The Selling Partner Messaging API message types (POLICY.md, "SP-API message types") and
/// what each accepts. The one table of limits: the `spApiType` config key, the
/// `--sp-api-type` option and the `sp-api-limits` rule all read it.
public struct SPAPIMessageType: Sendable, Hashable {
    /// The API operation name, e.g. `confirmCustomizationDetails`.
    public let name: String
    /// Maximum text length in characters; nil when the type takes no text (attachments only).
    public let maxTextLength: Int?
    /// Fewest and most attachments the type accepts (0...0: none).
    public let attachments: ClosedRange<Int>

    public var takesText: Bool { maxTextLength != nil }
    public var takesAttachments: Bool { attachments.upperBound > 0 }

    public static let all: [SPAPIMessageType] = [
        SPAPIMessageType(name: "confirmCustomizationDetails", maxTextLength: 800, attachments: 0...5),
        SPAPIMessageType(name: "createConfirmDeliveryDetails", maxTextLength: 2000, attachments: 0...0),
        SPAPIMessageType(name: "createConfirmOrderDetails", maxTextLength: 2000, attachments: 0...0),
        SPAPIMessageType(name: "createConfirmServiceDetails", maxTextLength: 2000, attachments: 0...0),
        SPAPIMessageType(name: "createUnexpectedProblem", maxTextLength: 2000, attachments: 0...0),
        SPAPIMessageType(name: "createDigitalAccessKey", maxTextLength: 400, attachments: 0...5),
        SPAPIMessageType(name: "createLegalDisclosure", maxTextLength: nil, attachments: 1...5),
        SPAPIMessageType(name: "createWarranty", maxTextLength: nil, attachments: 1...5),
        SPAPIMessageType(name: "sendInvoice", maxTextLength: nil, attachments: 1...5),
    ]

    /// The type with this name (case-insensitive), if any.
    public static func named(_ name: String) -> SPAPIMessageType? {
        let key = name.lowercased()
        return all.first { $0.name.lowercased() == key }
    }

    public static var names: [String] { all.map(\.name) }
}
