import BSMDocument
import BSMEngine

/// The links a screen-reader user meets and their accessible names: what `link-name` and
/// `link-text` both judge. A link is an `<a href>` written in the source (not an implied or
/// non-content element) that is not hidden from assistive technology.
public struct AnnouncedLinks: Sendable {
    var names: AccessibleNameResolver
    var hidden = HiddenFromAT()

    init(_ context: RuleContext) {
        names = AccessibleNameResolver(document: context.document, placeholders: context.placeholders)
    }

    /// The accessible name of the link at `id`; nil when it is not an announced link.
    mutating func name(of id: NodeID, _ context: RuleContext) -> AccessibleName? {
        let node = context.node(id)
        guard node.hasAttribute("href"), !node.isImplied, node.flags.isDisjoint(with: .notContent) else { return nil }
        if hidden.isHidden(id, in: context) { return nil }
        return names.name(of: id)
    }
}
