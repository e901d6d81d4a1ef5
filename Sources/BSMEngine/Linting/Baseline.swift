import Foundation

/// Known findings recorded by `--write-baseline` and hidden by `--baseline`: each entry is the
/// file's path (relative to the working directory), the rule and the finding's fingerprint, which
/// does not depend on line numbers, so edits elsewhere in the file keep old findings matched.
///
/// File format (JSON): `{"bsmlintBaseline":1,"findings":[{"path":…,"ruleId":…,"fingerprint":…}]}`,
/// sorted, one entry per line so diffs of a baseline review well.
public struct Baseline: Sendable, Equatable {
    public struct Entry: Sendable, Hashable, Comparable {
        public var path: String
        public var ruleId: String
        public var fingerprint: String
        public init(path: String, ruleId: String, fingerprint: String) {
            self.path = path
            self.ruleId = ruleId
            self.fingerprint = fingerprint
        }
        public static func < (a: Entry, b: Entry) -> Bool {
            (a.path, a.ruleId, a.fingerprint) < (b.path, b.ruleId, b.fingerprint)
        }
    }

    public static let formatVersion = 1
    public private(set) var entries: Set<Entry> = []

    public init(entries: Set<Entry> = []) { self.entries = entries }

    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The path as stored: relative to `workingDirectory` when under it, `./` and `..` resolved.
    public static func key(_ path: String, workingDirectory: String = FileManager.default.currentDirectoryPath) -> String {
        let abs = path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
        let std = (abs as NSString).standardizingPath
        let base = (workingDirectory as NSString).standardizingPath
        if std.hasPrefix(base + "/") { return String(std.dropFirst(base.count + 1)) }
        return std
    }

    public mutating func record(_ r: FileResult, workingDirectory: String = FileManager.default.currentDirectoryPath) {
        let p = Baseline.key(r.path, workingDirectory: workingDirectory)
        for f in r.findings where f.ruleId != InputErrorRule.id {
            entries.insert(Entry(path: p, ruleId: f.ruleId, fingerprint: f.fingerprint))
        }
    }

    /// Removes the findings that are in the baseline (never `input-error`); returns how many.
    public func filter(_ r: inout FileResult, workingDirectory: String = FileManager.default.currentDirectoryPath) -> Int {
        guard !entries.isEmpty else { return 0 }
        let p = Baseline.key(r.path, workingDirectory: workingDirectory)
        let before = r.findings.count
        r.findings.removeAll { f in
            f.ruleId != InputErrorRule.id && entries.contains(Entry(path: p, ruleId: f.ruleId, fingerprint: f.fingerprint))
        }
        return before - r.findings.count
    }

    public static func load(path: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(description: "cannot read baseline \(path): \(String(cString: strerror(errno)))")
        }
        let obj: Any
        do { obj = try JSONSerialization.jsonObject(with: data) } catch {
            throw LoadError(description: "baseline \(path) is not valid JSON")
        }
        guard let doc = obj as? [String: Any], let version = doc["bsmlintBaseline"] as? Int else {
            throw LoadError(description: "baseline \(path): not a bsmlint baseline (no \"bsmlintBaseline\" version)")
        }
        guard version == formatVersion else {
            throw LoadError(description: "baseline \(path): version \(version) is not supported (expected \(formatVersion))")
        }
        guard let list = doc["findings"] as? [[String: Any]] else {
            throw LoadError(description: "baseline \(path): \"findings\" must be a list of objects")
        }
        var entries = Set<Entry>()
        for (i, e) in list.enumerated() {
            guard let p = e["path"] as? String, let r = e["ruleId"] as? String, let f = e["fingerprint"] as? String else {
                throw LoadError(description: "baseline \(path): entry \(i) needs string path, ruleId and fingerprint")
            }
            entries.insert(Entry(path: p, ruleId: r, fingerprint: f))
        }
        return Baseline(entries: entries)
    }

    /// The file's text: stable order, one entry per line.
    public func serialized() -> String {
        func q(_ s: String) -> String {
            let data = (try? JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
            let t = String(decoding: data, as: UTF8.self)
            return String(t.dropFirst().dropLast())
        }
        let sorted = entries.sorted()
        var out = "{\"bsmlintBaseline\":\(Baseline.formatVersion),\"findings\":["
        for (i, e) in sorted.enumerated() {
            out += "\n  {\"path\":\(q(e.path)),\"ruleId\":\(q(e.ruleId)),\"fingerprint\":\(q(e.fingerprint))}"
            if i < sorted.count - 1 { out += "," }
        }
        out += sorted.isEmpty ? "]}\n" : "\n]}\n"
        return out
    }

    /// Writes the baseline to a temporary file next to `path`, then renames it into place.
    public func write(to path: String) throws {
        let dir = PathText.directory(of: path)
        let name = (path as NSString).lastPathComponent
        let tmp = ((dir.isEmpty ? "." : dir) as NSString).appendingPathComponent(".\(name).tmp-\(getpid())")
        guard FileManager.default.createFile(atPath: tmp, contents: Data(serialized().utf8)) else {
            throw LoadError(description: "cannot write baseline \(path): \(String(cString: strerror(errno)))")
        }
        if rename(tmp, path) != 0 {
            let why = String(cString: strerror(errno))
            unlink(tmp)
            throw LoadError(description: "cannot write baseline \(path): \(why)")
        }
    }
}
