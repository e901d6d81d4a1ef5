import BSMDocument
import BSMEngine

/// Where image resources are referenced by HTML attributes (shared by the image rules).
enum ImageURLs {
    struct Reference {
        let attribute: Attribute
        /// The URL text and its UTF-8 range inside the attribute value.
        let url: String
        let range: Range<Int>
    }

    /// Elements whose attributes may load an image.
    static let elementNames: Set<String> = ["img", "source", "input", "video", "image", "table", "td", "th", "tr", "body", "tbody", "thead", "tfoot"]
    /// Elements whose `background` attribute paints an image (browsers ignore it elsewhere,
    /// e.g. on a `div`), as the cascade maps it.
    static let backgroundAttributeElements: Set<String> = ["table", "td", "th", "tr", "body", "tbody", "thead", "tfoot"]

    /// Image URLs referenced by one element's attributes.
    static func references(of id: NodeID, in doc: Document) -> [Reference] {
        // Fields are read in place: copying the whole node per element costs more than the checks.
        // An element without attributes references nothing (most elements: no name tests).
        if doc.nodes[id].attributes.isEmpty { return [] }
        let name = doc.nodes[id].name
        var out: [Reference] = []
        func add(_ attr: String) {
            guard let a = doc.attributeNode(of: id, attr) else { return }
            let (trimmed, r) = trim(a.value)
            if !trimmed.isEmpty { out.append(Reference(attribute: a, url: trimmed, range: r)) }
        }
        func addSrcset(_ attr: String) {
            guard let a = doc.attributeNode(of: id, attr) else { return }
            out.append(contentsOf: srcsetCandidates(a))
        }
        switch name {
        case "img":
            add("src")
            addSrcset("srcset")
        case "source":
            addSrcset("srcset")
            if doc.attribute(of: id, "type")?.lowercased().hasPrefix("image/") == true || doc.nodes[id].parent.map({ doc.nodes[$0].name == "picture" }) == true { add("src") }
        case "input":
            if doc.attribute(of: id, "type")?.lowercased() == "image" { add("src") }
        case "video":
            add("poster")
        case "image":
            if doc.nodes[id].flags.contains(.inForeign) {
                // SVG 2: `href` wins over `xlink:href` when both are there; only the winner loads.
                if doc.attribute(of: id, "href") != nil { add("href") } else { add("xlink:href") }
            } else {
                // Outside SVG, HTML parsers read `<image>` as `<img>`.
                add("src")
                addSrcset("srcset")
            }
        default:
            break
        }
        // The attribute first: most cells have none, and the look-up costs less than hashing the name.
        if doc.attributeNode(of: id, "background") != nil, backgroundAttributeElements.contains(name) { add("background") }
        return out
    }

    /// `srcset` candidates: comma-separated "url [descriptor]".
    static func srcsetCandidates(_ a: Attribute) -> [Reference] {
        var out: [Reference] = []
        let bytes = Array(a.value.utf8)
        var i = 0
        while i < bytes.count {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x2C || bytes[i] == 0x09 || bytes[i] == 0x0A { i += 1 }
            let s = i
            while i < bytes.count, bytes[i] != 0x20, bytes[i] != 0x09, bytes[i] != 0x0A { i += 1 }
            var e = i
            // A URL may end with the comma that separates candidates.
            while e > s, bytes[e - 1] == 0x2C { e -= 1 }
            if e > s {
                out.append(Reference(attribute: a, url: String(decoding: bytes[s..<e], as: UTF8.self), range: s..<e))
            }
            // Skip the descriptor up to the next comma.
            while i < bytes.count, bytes[i] != 0x2C { i += 1 }
        }
        return out
    }

    /// True when a trimmed URL starts with `http:` (any case) or `//`, or could once a
    /// placeholder is filled in only if it starts with one (checked by URLInfo later).
    static func mayBeInsecure(_ url: String) -> Bool {
        var it = url.utf8.makeIterator()
        guard let a = it.next(), let b = it.next() else { return false }
        if a == 0x2F && b == 0x2F { return true }
        guard a | 0x20 == 0x68, b | 0x20 == 0x74, let c = it.next(), c | 0x20 == 0x74, let d = it.next(), d | 0x20 == 0x70,
              let e = it.next() else { return false }
        return e == 0x3A
    }

    static func trim(_ v: String) -> (String, Range<Int>) {
        let b = Array(v.utf8)
        var s = 0, e = b.count
        while s < e, b[s] == 0x20 || b[s] == 0x09 || b[s] == 0x0A || b[s] == 0x0D || b[s] == 0x0C { s += 1 }
        while e > s, b[e - 1] == 0x20 || b[e - 1] == 0x09 || b[e - 1] == 0x0A || b[e - 1] == 0x0D || b[e - 1] == 0x0C { e -= 1 }
        return (String(decoding: b[s..<e], as: UTF8.self), s..<e)
    }
}

