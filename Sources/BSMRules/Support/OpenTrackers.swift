import BSMText
import Foundation

/// Known email open-tracking URL patterns (`Data/trackers/open-trackers.tsv`, BSD-3, see the
/// LICENSE beside it), read and indexed once per process; each regex is compiled once, on the
/// first URL that needs it (`Regexes`).
enum OpenTrackers {
    struct Pattern: Sendable {
        let tracker: String
        let source: String
        /// The pattern names a host (`trk.klaviyomail.com`, `mkt[0-9]+.com/open`,
        /// `.awstrack.me/I0/`), rather than only a path or query (`/O/[a-z0-9_-]+`,
        /// `[A-Z]{9}\?id=`, `/1.gif`) that ordinary asset URLs can match too.
        let namesHost: Bool
        /// The length of the literal every match must contain (0: none), worked out once.
        let literalLength: Int

        init(tracker: String, source: String) {
            self.tracker = tracker
            self.source = source
            namesHost = Pattern.namesHost(source)
            literalLength = OpenTrackers.requiredLiteral(source)?.count ?? 0
        }

        /// Before the first `/`: a dot with a letter after it, not as the first character
        /// alone (`.png1` is a file ending; `.awstrack.me` a host's tail).
        static func namesHost(_ source: String) -> Bool {
            guard !source.hasPrefix("/") else { return false }
            let head = Array(source.unicodeScalars.prefix { $0 != "/" })
            for i in head.indices.dropLast() where head[i] == "." && i > 0 {
                if head[i + 1].properties.isAlphabetic { return true }
            }
            return false
        }
    }

    /// The patterns' regexes, each compiled when a URL first reaches it through the prefilter:
    /// a run tests most URLs against a handful of patterns, and compiling all 489 up front cost
    /// more than the whole run's matching (≈ 5 ms of every process). One per rule instance (so
    /// per run), shared by the run's workers.
    final class Regexes: @unchecked Sendable {
        private let lock = NSLock()
        /// Guarded by `lock`: by pattern index, once compiled; nil for a pattern that does not
        /// compile (it never matches). (Creating this reads nothing: a run without images never
        /// loads the patterns.)
        private var compiled: [Int: NSRegularExpression?] = [:]

        init() {}

        func regex(_ i: Int) -> NSRegularExpression? {
            lock.lock()
            defer { lock.unlock() }
            if let known = compiled[i] { return known }
            let re = try? NSRegularExpression(pattern: OpenTrackers.patterns[i].source, options: [.caseInsensitive])
            compiled[i] = re
            return re
        }
    }

    /// Only this many UTF-16 units of a URL are tested (bounds the regex work on hostile input).
    static let maxURLLength = 2048

    static let patterns: [Pattern] = load()

    /// A literal every match of a pattern must contain (lowercased), or nil when the pattern
    /// has none usable (top-level alternation, or no literal run of 3+ characters).
    static func requiredLiteral(_ source: String) -> [UInt8]? {
        var depth = 0
        var best: [UInt8] = []
        var cur: [UInt8] = []
        var chars = Array(source.unicodeScalars)
        var i = 0
        func flush() {
            if cur.count > best.count { best = cur }
            cur = []
        }
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\\":
                guard i + 1 < chars.count else { flush(); i += 1; continue }
                let n = chars[i + 1]
                if ".-/?=&_:%#+*()[]{}|^$".unicodeScalars.contains(n) {
                    if depth == 0 { cur.append(UInt8(truncatingIfNeeded: n.value)) } else { flush() }
                } else {
                    flush()  // \d, \w, \b…
                }
                i += 2
                continue
            case "(":
                flush(); depth += 1
            case ")":
                flush(); depth = max(0, depth - 1)
            case "|":
                if depth == 0 { return nil }
                flush()
            case ".", "*", "+", "?", "[", "]", "{", "}", "^", "$":
                // A quantifier makes the previous character optional.
                if c == "*" || c == "?" || c == "{" { if !cur.isEmpty { cur.removeLast() } }
                flush()
                if c == "[" { while i < chars.count, chars[i] != "]" { i += 1 } }
                if c == "{" { while i < chars.count, chars[i] != "}" { i += 1 } }
            default:
                if depth == 0, c.isASCII { cur.append(UInt8(ascii: Character(c).lowercased().unicodeScalars.first ?? c)) } else { flush() }
            }
            i += 1
        }
        flush()
        chars = []
        return best.count >= 3 ? best : nil
    }

    /// Patterns indexed by the first three bytes of their required literal; patterns without one
    /// are always tested. A URL is run through the regexes of its candidate patterns only.
    struct Prefilter: Sendable {
        var literals: [(pattern: Int, bytes: [UInt8])] = []
        var byTrigram: [UInt32: [Int]] = [:]
        var always: [Int] = []

        init(_ patterns: [Pattern]) {
            for (pi, p) in patterns.enumerated() {
                guard let lit = OpenTrackers.requiredLiteral(p.source) else { always.append(pi); continue }
                let key = UInt32(lit[0]) << 16 | UInt32(lit[1]) << 8 | UInt32(lit[2])
                byTrigram[key, default: []].append(literals.count)
                literals.append((pi, lit))
            }
        }

        func candidates(_ lower: [UInt8]) -> [Int] {
            var out = Set(always)
            if lower.count >= 3 {
                for i in 0...(lower.count - 3) {
                    let key = UInt32(lower[i]) << 16 | UInt32(lower[i + 1]) << 8 | UInt32(lower[i + 2])
                    guard let list = byTrigram[key] else { continue }
                    for li in list {
                        let lit = literals[li].bytes
                        if i + lit.count <= lower.count, lower[i..<(i + lit.count)].elementsEqual(lit) { out.insert(literals[li].pattern) }
                    }
                }
            }
            return out.sorted()
        }
    }

    static let prefilter = Prefilter(patterns)

    /// All patterns as one alternation: the reference the prefiltered `match` is tested against.
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

    /// Parses `tracker<TAB>pattern` lines; `#` comments, the header and empty patterns are
    /// skipped. (A pattern that does not compile is kept but never matches; every shipped one
    /// compiles, which a test checks.)
    static func parse(_ text: String) -> [Pattern] {
        var out: [Pattern] = []
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            if line.hasPrefix("#") { continue }
            let cols = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard cols.count == 2 else { continue }
            let name = String(cols[0]), source = String(cols[1])
            if name == "tracker" && source == "pattern" { continue }
            guard !source.isEmpty else { continue }
            out.append(Pattern(tracker: name, source: source))
        }
        return out
    }

    /// The first pattern a URL matches, or nil.
    /// `regexes`: the run's compiled patterns (a fresh `Regexes` would compile again).
    /// `hostsOnly`: only the patterns that name a host (for images that are not `<img>`: CSS
    /// backgrounds, sprites, posters, whose asset URLs the path patterns match by accident).
    /// `specificOnly`: besides those, only patterns with a literal of 8 characters or more
    /// (`/tools/emails/open/`, not `/t/x/y`): for a URL whose host is a placeholder.
    static func match(_ url: String, _ regexes: Regexes, hostsOnly: Bool = false, specificOnly: Bool = false) -> Pattern? {
        let u = url.utf16.count > maxURLLength ? String(decoding: Array(url.utf16.prefix(maxURLLength)), as: UTF16.self) : url
        let range = NSRange(location: 0, length: u.utf16.count)
        let lower = u.utf8.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }
        var storage: Bool?  // decided when a host-less pattern is first a candidate
        for pi in prefilter.candidates(lower) {
            if hostsOnly, !patterns[pi].namesHost { continue }
            if specificOnly, !patterns[pi].namesHost, patterns[pi].literalLength < 8 { continue }
            // A file-storage URL's path names an uploaded file (`…/o/logo.png` is a Firebase
            // Storage object): the list's host-less path patterns (`/O/[a-z0-9_-]+`, Epsilon)
            // say nothing about it; patterns naming a host still apply.
            if !patterns[pi].namesHost {
                if storage == nil { storage = isFileStorage(u) }
                if storage == true { continue }
            }
            if regexes.regex(pi)?.firstMatch(in: u, options: [], range: range) != nil { return patterns[pi] }
        }
        return nil
    }

    /// Hosts that serve files their owners uploaded (object storage), by suffix.
    /// (Not App Engine's `*.appspot.com` or S3 Object Lambda: they run code.)
    static let fileStorageHosts = ["firebasestorage.googleapis.com", "storage.googleapis.com",
                                   ".s3.amazonaws.com", ".blob.core.windows.net",
                                   // Files people share or upload for pages and mails: Google Drive
                                   // (`/thumbnail?id=` is no Pepipost beacon), Dropbox, Shopify's
                                   // and Cloudinary's CDNs, Imgur. (Not googleusercontent.com: Gmail's
                                   // image proxy carries the original URL, a tracker's too.)
                                   "drive.google.com", "drive.usercontent.google.com",
                                   "dl.dropboxusercontent.com", "cdn.shopify.com", "res.cloudinary.com", "i.imgur.com"]

    static let noPlaceholders = PlaceholderMatcher()

    /// True when the URL's host is an object-storage host (`fileStorageHosts`, or
    /// `s3.<region>.amazonaws.com` / `<bucket>.s3.<region>.amazonaws.com`).
    static func isFileStorage(_ url: String) -> Bool {
        guard let host = URLInfo.parse(url, placeholders: noPlaceholders).host else { return false }
        for h in fileStorageHosts {
            if h.hasPrefix(".") ? host.hasSuffix(h) : (host == h || host.hasSuffix("." + h)) { return true }
        }
        if host.hasSuffix(".amazonaws.com"), !host.contains("object-lambda") {
            let labels = host.split(separator: ".")
            if labels.count >= 4, labels.dropLast(2).contains(where: { $0 == "s3" || $0.hasPrefix("s3-") }) { return true }
        }
        return false
    }
}
