import BSMDocument
import BSMText
import Foundation

/// The WAI-ARIA data the accessibility rules share (WAI-ARIA 1.2, plus the 1.3 drafts that
/// browsers already ship, DPUB-ARIA 1.1 and Graphics-ARIA 1.0). One table, so a new attribute
/// or role is added in one place.
enum ARIA {
    /// Every `aria-*` state and property (ARIA 1.2; `aria-description`, `aria-braillelabel`,
    /// `aria-brailleroledescription`, `aria-colindextext`, `aria-rowindextext` from 1.3;
    /// the deprecated `aria-grabbed`/`aria-dropeffect` are still valid attributes).
    static let attributes: Set<String> = [
        "aria-activedescendant", "aria-atomic", "aria-autocomplete", "aria-braillelabel",
        "aria-brailleroledescription", "aria-busy", "aria-checked", "aria-colcount", "aria-colindex",
        "aria-colindextext", "aria-colspan", "aria-controls", "aria-current", "aria-describedby",
        "aria-description", "aria-details", "aria-disabled", "aria-dropeffect", "aria-errormessage",
        "aria-expanded", "aria-flowto", "aria-grabbed", "aria-haspopup", "aria-hidden", "aria-invalid",
        "aria-keyshortcuts", "aria-label", "aria-labelledby", "aria-level", "aria-live", "aria-modal",
        "aria-multiline", "aria-multiselectable", "aria-orientation", "aria-owns", "aria-placeholder",
        "aria-posinset", "aria-pressed", "aria-readonly", "aria-relevant", "aria-required",
        "aria-roledescription", "aria-rowcount", "aria-rowindex", "aria-rowindextext", "aria-rowspan",
        "aria-selected", "aria-setsize", "aria-sort", "aria-valuemax", "aria-valuemin", "aria-valuenow",
        "aria-valuetext",
    ]

    /// Concrete roles an author may use.
    static let roles: Set<String> = [
        // WAI-ARIA 1.2
        "alert", "alertdialog", "application", "article", "banner", "blockquote", "button", "caption", "cell",
        "checkbox", "code", "columnheader", "combobox", "complementary", "contentinfo", "definition", "deletion",
        "dialog", "directory", "document", "emphasis", "feed", "figure", "form", "generic", "grid", "gridcell",
        "group", "heading", "img", "insertion", "link", "list", "listbox", "listitem", "log", "main", "marquee",
        "math", "menu", "menubar", "menuitem", "menuitemcheckbox", "menuitemradio", "meter", "navigation", "none",
        "note", "option", "paragraph", "presentation", "progressbar", "radio", "radiogroup", "region", "row",
        "rowgroup", "rowheader", "scrollbar", "search", "searchbox", "separator", "slider", "spinbutton", "status",
        "strong", "subscript", "superscript", "switch", "tab", "table", "tablist", "tabpanel", "term", "textbox",
        "time", "timer", "toolbar", "tooltip", "tree", "treegrid", "treeitem",
        // WAI-ARIA 1.3 drafts shipped by browsers
        "comment", "image", "mark", "suggestion",
        // DPUB-ARIA 1.1
        "doc-abstract", "doc-acknowledgments", "doc-afterword", "doc-appendix", "doc-backlink", "doc-biblioentry",
        "doc-bibliography", "doc-biblioref", "doc-chapter", "doc-colophon", "doc-conclusion", "doc-cover",
        "doc-credit", "doc-credits", "doc-dedication", "doc-endnote", "doc-endnotes", "doc-epigraph",
        "doc-epilogue", "doc-errata", "doc-example", "doc-footnote", "doc-foreword", "doc-glossary",
        "doc-glossref", "doc-index", "doc-introduction", "doc-noteref", "doc-notice", "doc-pagebreak",
        "doc-pagefooter", "doc-pageheader", "doc-pagelist", "doc-part", "doc-preface", "doc-prologue",
        "doc-pullquote", "doc-qna", "doc-subtitle", "doc-tip", "doc-toc",
        // Graphics-ARIA 1.0
        "graphics-document", "graphics-object", "graphics-symbol",
    ]

    /// Abstract roles: part of the taxonomy, never valid in content.
    static let abstractRoles: Set<String> = [
        "command", "composite", "input", "landmark", "range", "roletype", "section", "sectionhead", "select",
        "structure", "widget", "window",
    ]

    /// Elements whose implicit role takes its name from content (HTML-AAM), when they are the
    /// element being named.
    static let nameFromContentElements: Set<String> = [
        "a", "button", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "summary", "option",
    ]
    /// Roles that support name from content (WAI-ARIA 1.2, "Roles Supporting Name from Content").
    static let nameFromContentRoles: Set<String> = [
        "button", "cell", "checkbox", "columnheader", "gridcell", "heading", "link", "menuitem", "menuitemcheckbox",
        "menuitemradio", "option", "radio", "row", "rowheader", "switch", "tab", "tooltip", "treeitem",
        "doc-backlink", "doc-biblioref", "doc-glossref", "doc-noteref",
    ]
    /// Roles that remove an element's semantics.
    static let presentationalRoles: Set<String> = ["presentation", "none"]

    /// Elements that take keyboard focus by themselves (when not `disabled`).
    static let focusableElements: Set<String> = ["button", "select", "textarea", "iframe", "summary", "embed", "object"]
    /// Elements focusable only with `href`.
    static let focusableWithHref: Set<String> = ["a", "area"]
    /// Media elements focusable with `controls`.
    static let focusableWithControls: Set<String> = ["audio", "video"]
    /// Elements that honour `disabled`.
    static let disableable: Set<String> = ["button", "input", "select", "textarea", "fieldset", "optgroup", "option"]

    /// Whitespace-separated, lowercased tokens of a `role` value.
    static func roleTokens(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" })
            .map { $0.lowercased() }
    }

    /// The role the element takes: the first concrete role in its `role` list (ARIA fallback).
    static func explicitRole(_ node: Node) -> String? {
        guard let v = node.attribute("role") else { return nil }
        return roleTokens(v).first { roles.contains($0) }
    }

    static func isPresentational(_ node: Node) -> Bool {
        explicitRole(node).map { presentationalRoles.contains($0) } ?? false
    }

    /// Global states and properties (WAI-ARIA 1.2 §6.4, with `aria-description` from 1.3): any
    /// of them on an element makes user agents ignore `role="presentation"`/`"none"`.
    static let globalAttributes: Set<String> = [
        "aria-atomic", "aria-busy", "aria-controls", "aria-current", "aria-describedby", "aria-description",
        "aria-details", "aria-disabled", "aria-dropeffect", "aria-errormessage", "aria-flowto", "aria-grabbed",
        "aria-haspopup", "aria-hidden", "aria-invalid", "aria-keyshortcuts", "aria-label", "aria-labelledby",
        "aria-live", "aria-owns", "aria-relevant", "aria-roledescription",
    ]

    /// The explicit role the element really takes, after the presentational-role conflict
    /// resolution (WAI-ARIA 1.2 §9.3): `presentation`/`none` is ignored on a focusable element
    /// or one with a global ARIA attribute (the element keeps its implicit role, so nil).
    /// Nil also when there is no valid explicit role.
    static func effectiveExplicitRole(_ node: Node) -> String? {
        guard let role = explicitRole(node) else { return nil }
        if presentationalRoles.contains(role),
           isFocusable(node) || node.attributes.contains(where: { globalAttributes.contains($0.name) }) {
            return nil
        }
        return role
    }

    /// `aria-hidden="true"` (ASCII case-insensitive, surrounding spaces ignored).
    static func isAriaHidden(_ node: Node) -> Bool {
        guard let v = node.attribute("aria-hidden") else { return false }
        return v.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() == "true"
    }

    /// True when the element is in the sequential focus order: links and areas with `href`,
    /// form controls (not `disabled`, not `input[type=hidden]`), `iframe`, `summary`, media with
    /// `controls`, `contenteditable`, or any element with `tabindex` ≥ 0. A negative `tabindex`
    /// takes it out of the tab order.
    static func isFocusable(_ node: Node) -> Bool {
        guard node.kind == .element else { return false }
        // A disabled control is not focusable, whatever its `tabindex` (HTML "actually disabled").
        if disableable.contains(node.name), node.hasAttribute("disabled") { return false }
        if let t = node.attribute("tabindex"), let v = Int(t.trimmingCharacters(in: .whitespaces)) {
            return v >= 0
        }
        if focusableWithHref.contains(node.name) { return node.hasAttribute("href") }
        if focusableElements.contains(node.name) { return true }
        if node.name == "input" { return node.attribute("type")?.lowercased() != "hidden" }
        if focusableWithControls.contains(node.name) { return node.hasAttribute("controls") }
        if let c = node.attribute("contenteditable") {
            let v = c.lowercased()
            return v == "" || v == "true" || v == "plaintext-only"
        }
        return false
    }

    /// Form controls that a disabled `<fieldset>` disables (HTML §4.10.18.5 "disabled").
    static let fieldsetDisabled: Set<String> = ["button", "input", "select", "textarea", "fieldset"]

    /// `isFocusable`, also knowing the element's place: a form control inside a
    /// `<fieldset disabled>` is disabled — unless it sits in that fieldset's first `<legend>`
    /// child — and so not focusable. Links are not form controls and stay focusable.
    /// `disabled`: the document's `disabledByFieldset` table.
    static func isFocusable(_ id: NodeID, in doc: Document, disabledByFieldset disabled: [Bool]) -> Bool {
        let node = doc[id]
        guard isFocusable(node) else { return false }
        return !(fieldsetDisabled.contains(node.name) && id < disabled.count && disabled[id])
    }

    /// Per node: an ancestor `<fieldset disabled>` disables it (the node is not inside that
    /// fieldset's first `<legend>` child), for a whole document in one pass in document order
    /// (parents come before their children).
    static func disabledByFieldset(_ doc: Document) -> [Bool] {
        let nodes = doc.nodes
        var out = [Bool](repeating: false, count: nodes.count)
        guard nodes.contains(where: { $0.kind == .element && $0.name == "fieldset" && $0.hasAttribute("disabled") }) else { return out }
        for id in nodes.indices {
            guard let p = nodes[id].parent, p < nodes.count else { continue }
            if out[p] { out[id] = true; continue }
            let n = nodes[p]
            if n.kind == .element, n.name == "fieldset", n.hasAttribute("disabled") {
                let firstLegend = n.children.first { nodes[$0].kind == .element && nodes[$0].name == "legend" }
                out[id] = id != firstLegend
            }
        }
        return out
    }

    /// The known attribute closest to an unknown one (edit distance ≤ 2), for "did you mean".
    static func suggestion(for name: String) -> String? {
        var best: (name: String, distance: Int)?
        for a in attributes {
            let d = editDistance(name, a, limit: 2)
            guard d <= 2 else { continue }
            if let b = best, b.distance < d || (b.distance == d && b.name < a) { continue }
            best = (a, d)
        }
        return best?.name
    }
}
