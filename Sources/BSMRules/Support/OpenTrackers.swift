import Foundation

/// Known email open-tracking URL patterns (`Data/trackers/open-trackers.tsv`, BSD-3, see the
/// LICENSE beside it), compiled once per process.
enum OpenTrackers {
    struct Pattern: Sendable {
        let tracker: String
        let source: String
        let regex: NSRegularExpression
    }

    /// Only this many UTF-16 units of a URL are tested (bounds the regex work on hostile input).
    static let maxURLLength = 2048

    static let patterns: [Pattern] = load()

    /// All patterns as one alternation: a URL that matches none is rejected in one pass.
    static let any: NSRegularExpression? = {
        let alternatives = patterns.map { "(?:\($0.source))" }.joined(separator: "|")
        guard !alternatives.isEmpty else { return nil }
        return try? NSRegularExpression(pattern: alternatives, options: [.caseInsensitive])
    }()

    static func load() -> [Pattern] {
        guard let url = Bundle.module.url(forResource: "open-trackers", withExtension: "tsv", subdirectory: "Data/trackers"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return parse(text)
    }

    /// Parses `tracker<TAB>pattern` lines; `#` comments, the header and invalid patterns are skipped.
    static func parse(_ text: String) -> [Pattern] {
        var out: [Pattern] = []
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            if line.hasPrefix("#") { continue }
            let cols = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard cols.count == 2 else { continue }
            let name = String(cols[0]), source = String(cols[1])
            if name == "tracker" && source == "pattern" { continue }
            guard !source.isEmpty, let re = try? NSRegularExpression(pattern: source, options: [.caseInsensitive]) else { continue }
            out.append(Pattern(tracker: name, source: source, regex: re))
        }
        return out
    }

    /// The first pattern a URL matches, or nil.
    static func match(_ url: String) -> Pattern? {
        let u = url.utf16.count > maxURLLength ? String(decoding: Array(url.utf16.prefix(maxURLLength)), as: UTF16.self) : url
        let range = NSRange(location: 0, length: u.utf16.count)
        if let any, any.firstMatch(in: u, options: [], range: range) == nil { return nil }
        return patterns.first { $0.regex.firstMatch(in: u, options: [], range: range) != nil }
    }
}
