import BSMEngine

/// Every rule bsmlint ships, in documentation order. Adding a rule = one file + one line here;
/// a test checks that ids are unique, kebab-case, and documented.
public enum BuiltinRules {
    public static let all: [any Rule.Type] = [
        // Styling (RULES.md order)
        MarginTooWideRule.self,
        ImageTooWideRule.self,
        TooManyFontSizesRule.self,
        FontFamilyOverrideRule.self,
        FontColorOverrideRule.self,
        LineHeightOverrideRule.self,
        TextAlignOverrideRule.self,
        ConsecutiveLineBreaksRule.self,
        InsecureImageRule.self,
        EmojiRule.self,
        GIFImageRule.self,
        TrackingPixelRule.self,
        // Accessibility
        ImgAltRule.self,
        ImgAltRedundantRule.self,
        HtmlLangRule.self,
        ContentLangRule.self,
        DocumentTitleRule.self,
        LayoutTableRoleRule.self,
        PresentationRoleConflictRule.self,
        LinkNameRule.self,
        LinkTextRule.self,
        HeadingOrderRule.self,
        ColorContrastRule.self,
        ValidAriaRule.self,
        ObsoleteMotionRule.self,
        // Content (phrases)
        PromotionalContentRule.self,
        ReviewIncentiveRule.self,
        ReviewConditionalRule.self,
        ReviewRemovalRule.self,
        ReviewRequestRepeatRule.self,
        NonPermittedMessageRule.self,
        SensitiveContentRule.self,
        SpellingRule.self,
        LanguageMismatchRule.self,
        SendWindowRule.self,
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

    /// Every rule id a report can carry, documented: the built-in rules, then the engine's own
    /// (`unused-disable-directive`, `input-error`). `bsmlint docs` writes a page for each,
    /// `bsmlint explain` and `bsmlint rules` know them all.
    public static let documented: [RuleMetadata] = all.map { $0.metadata } + EngineRules.metadata

    public static func type(for id: String) -> (any Rule.Type)? { all.first { $0.metadata.id == id } }
}
