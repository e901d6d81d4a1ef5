import Foundation

/// `.bsmlintignore`: gitignore syntax, read from the working directory (patterns are relative to
/// it). Blank lines and `#` comments are skipped, `\#` and `\!` escape, `!pattern` re-includes,
/// a trailing `/` matches a directory and everything under it, a leading or inner `/` anchors the
/// pattern to the working directory, otherwise it matches a name at any depth. The last matching
/// pattern decides. Matching uses `Glob`, as the `ignore` list of `.bsmlint.yml` does.
public struct IgnoreFile: Sendable {
    public static let fileName = ".bsmlintignore"

    public struct Pattern: Sendable, Hashable {
        public var glob: String
        public var negated: Bool
        public var line: Int
    }

    public var patterns: [Pattern]
    /// Absolute directory the patterns are relative to.
    public var baseDirectory: String
    public var sourcePath: String

    public init(text: String, baseDirectory: String, sourcePath: String) {
        self.baseDirectory = (baseDirectory as NSString).standardizingPath
        self.sourcePath = sourcePath
        var out: [Pattern] = []
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            var line = String(raw)
            if line.hasSuffix("\r") { line.removeLast() }
            // Trailing spaces are ignored unless escaped.
            while line.hasSuffix(" ") && !line.hasSuffix("\\ ") { line.removeLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            var negated = false
            if line.hasPrefix("!") {
                negated = true
                line.removeFirst()
            } else if line.hasPrefix("\\!") || line.hasPrefix("\\#") {
                line.removeFirst()
            }
            line = line.replacingOccurrences(of: "\\ ", with: " ")
            if line.isEmpty || line == "/" { continue }
            out.append(Pattern(glob: line, negated: negated, line: i + 1))
        }
        patterns = out
    }

    /// The working directory's `.bsmlintignore`, if there is one.
    public static func load(in directory: String = FileManager.default.currentDirectoryPath) throws -> IgnoreFile? {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError.badValue(key: fileName, reason: "cannot read \(path)")
        }
        return IgnoreFile(text: String(decoding: data, as: UTF8.self), baseDirectory: directory, sourcePath: fileName)
    }

    /// Why `path` is ignored, or nil. Paths outside the base directory are never ignored.
    public func ignoreReason(forFile path: String) -> String? {
        let abs = Glob.absolute(path)
        guard abs.hasPrefix(baseDirectory + "/") else { return nil }
        let rel = String(abs.dropFirst(baseDirectory.count + 1))
        var decided: Pattern?
        for p in patterns where IgnoreFile.matches(p.glob, rel) { decided = p }
        guard let d = decided, !d.negated else { return nil }
        return "ignored by '\(d.glob)' in \(sourcePath) (line \(d.line))"
    }

    /// gitignore: a pattern matching a directory ignores everything under it.
    static func matches(_ glob: String, _ rel: String) -> Bool {
        if Glob.matches(pattern: glob, path: rel) { return true }
        var dirs: [Substring] = rel.split(separator: "/")
        dirs.removeLast()
        var prefix = ""
        for d in dirs {
            prefix += prefix.isEmpty ? String(d) : "/" + d
            let g = glob.hasSuffix("/") ? String(glob.dropLast()) : glob
            if Glob.matches(pattern: g, path: prefix) { return true }
        }
        return false
    }
}
