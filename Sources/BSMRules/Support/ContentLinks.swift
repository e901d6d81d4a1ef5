import BSMDocument
import BSMEngine
import BSMText
import Foundation

/// Shared by the content rules: Amazon's own hosts, the attributes that hold link targets,
/// and URL scanning of text nodes outside links.
enum ContentLinks {
    /// Findings one content rule reports per document at most: a template with thousands of
    /// addresses or links is one problem, and the work stays bounded on hostile input.
    static let maxFindingsPerDocument = 200

    /// Amazon marketplaces and Amazon-owned short links and CDNs. A host is Amazon's when it is
    /// one of these or a subdomain (`sellercentral.amazon.de`, `m.media-amazon.com`).
    /// `amazon-adsystem.com` (advertising and tracking) is deliberately not included.
    static let amazonDomains: [String] = Configuration.knownMarketplaces + [
        "amazon.cn", "amzn.to", "amzn.eu", "amzn.asia", "amzn.com", "a.co",
        "media-amazon.com", "ssl-images-amazon.com", "images-amazon.com",
    ]

    static func isAmazonHost(_ host: String) -> Bool {
        var h = host.lowercased()
        while h.hasSuffix(".") { h.removeLast() }
        return amazonDomains.contains { h == $0 || h.hasSuffix("." + $0) }
    }

    /// One link target held by an attribute.
    struct Target {
        let attribute: Attribute
        let url: String
    }

    /// Elements whose attributes hold navigation targets (links, form actions, frames).
    static let elementNames: Set<String> = ["a", "area", "form", "button", "input", "iframe", "frame"]

    /// Navigation targets of one element: `a`/`area href`, `form action`, `button`/`input
    /// formaction`, `iframe`/`frame src`.
    static func targets(of node: Node) -> [Target] {
        var names: [String]
        switch node.name {
        case "a", "area": names = ["href"]
        case "form": names = ["action"]
        case "button", "input": names = ["formaction"]
        case "iframe", "frame": names = ["src"]
        default: names = []
        }
        var out: [Target] = []
        for n in names {
            guard let a = node.attributeNode(n) else { continue }
            let v = a.value.trimmingWhitespacesAndNewlines()
            if !v.isEmpty { out.append(Target(attribute: a, url: v)) }
        }
        return out
    }

    /// True when the node has an `<a href>` (or `area`) ancestor: its text is the link's label,
    /// and the link target decides.
    static func isInsideLink(_ id: NodeID, in doc: Document) -> Bool {
        for a in doc.ancestors(id) {
            let n = doc[a]
            if n.kind == .element, n.name == "a", n.hasAttribute("href") { return true }
        }
        return false
    }

    /// The nearest `<a href>` ancestor of a node.
    static func enclosingLink(_ id: NodeID, in doc: Document) -> NodeID? {
        for a in doc.ancestors(id) where doc[a].kind == .element && doc[a].name == "a" && doc[a].hasAttribute("href") {
            return a
        }
        return nil
    }

    /// Text that is message content: not in head/title/script/style.
    static func isContentText(_ node: Node) -> Bool {
        node.kind == .text && node.flags.isDisjoint(with: .notContent)
    }

    /// Host of a URL found in text (`https://x`, `www.x`, `x.com/path`).
    static func textURLInfo(_ m: TextMatch, placeholders: PlaceholderMatcher) -> URLInfo {
        URLInfo.parse(m.text, placeholders: placeholders, bare: m.kind != .url)
    }

    /// Whether `r` overlaps any of `sorted` (ascending, non-overlapping ranges, as the scanners
    /// return them): a binary search, so checking many matches against many ranges stays
    /// O(n log n) on huge inputs.
    static func overlapsAny(_ sorted: [Range<Int>], _ r: Range<Int>) -> Bool {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid].upperBound <= r.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo].lowerBound < r.upperBound && !r.isEmpty
    }

    /// The last path segment of a URL without query/fragment, percent-decoded.
    static func fileName(_ url: String) -> String {
        var s = Substring(url)
        if let q = s.firstIndex(where: { $0 == "?" || $0 == "#" }) { s = s[..<q] }
        if let slash = s.lastIndex(of: "/") { s = s[s.index(after: slash)...] }
        let name = String(s)
        return name.removingPercentEncoding ?? name
    }
}

/// Source ranges of many matches in one text node. `Document.sourceRange(inText:)` re-walks
/// the node from its start for every call; when the node's source bytes are its text (no
/// entities, no folded CRLF; the usual case) an offset maps directly, so a node with
/// thousands of matches stays linear.
struct TextNodeRanges {
    let id: NodeID
    let start: Int?

    init(_ id: NodeID, in doc: Document) {
        self.id = id
        let n = doc[id]
        let text = n.text.utf8
        let raw = doc.source.utf8
        if n.decodedEnd - n.decodedStart == text.count, n.decodedStart >= 0, n.decodedEnd <= raw.count,
           raw[n.decodedStart..<n.decodedEnd].elementsEqual(text) {
            start = n.decodedStart
        } else {
            start = nil
        }
    }

    func range(_ r: Range<Int>, in doc: Document) -> SourceRange {
        guard let s = start else { return doc.sourceRange(inText: id, r) }
        return doc.source.range(s + r.lowerBound, s + r.upperBound)
    }
}

/// Phrase lists shipped as data (`Data/phrases/<lang>/<name>.txt`: one phrase a line, `#`
/// comments). Read once per process.
enum PhraseData {
    static let languages = ["en", "es", "fr", "de", "it", "ja"]

    /// (language, phrase) pairs of every language for one list name.
    static func load(_ name: String) -> [(language: String, phrase: String)] {
        languages.flatMap { lang in (lines(name, subdirectory: "Data/phrases/\(lang)") ?? []).map { (lang, $0) } }
    }

    /// The entries of a shipped `.txt` list: one a line, trimmed, without empty lines and `#`
    /// comments; nil when the file is missing.
    static func lines(_ name: String, subdirectory: String) -> [String]? {
        guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: subdirectory),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
}
