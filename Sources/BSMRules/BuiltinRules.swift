import BSMEngine

/// Every rule bsmlint ships, in documentation order. Adding a rule = one file + one line here;
/// a test checks that ids are unique, kebab-case, and documented.
public enum BuiltinRules {
    public static let all: [any Rule.Type] = [
        // Styling
        InsecureImageRule.self,
        EmojiRule.self,
        GIFImageRule.self,
        ConsecutiveLineBreaksRule.self,
        FontFamilyOverrideRule.self,
        FontColorOverrideRule.self,
        LineHeightOverrideRule.self,
        TextAlignOverrideRule.self,
        // Content
        OrderIDMissingRule.self,
        ContactInfoRule.self,
        InsecureLinkRule.self,
        ExternalLinkRule.self,
        OptOutLinkRule.self,
        LinkedLogoRule.self,
        ProductImageRule.self,
        ActiveContentRule.self,
        ImportantSubjectRule.self,
        AttachmentNotAllowedRule.self,
        SPAPILimitsRule.self,
    ]

    public static let ids: Set<String> = Set(all.map { $0.metadata.id })

    public static func type(for id: String) -> (any Rule.Type)? { all.first { $0.metadata.id == id } }
}
