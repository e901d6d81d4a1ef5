/// Textual path operations that never trap. Foundation's `NSString.deletingLastPathComponent`
/// (swift-corelibs-foundation, Swift 6.3 on Linux) stops the process on a one-character path
/// (`a`, `-`, `b/`): a template or report named so must not crash a run.
public enum PathText {
    /// The path without its last component, as `NSString.deletingLastPathComponent` answers it:
    /// `a/b` → `a`, `a/b/` → `a`, `/a` → `/`, `a` → ``, `/` → `/`, `` → ``.
    public static func directory(of path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        if p == "/" { return "/" }
        guard let slash = p.lastIndex(of: "/") else { return "" }
        var dir = p[..<slash]
        while dir.count > 1, dir.hasSuffix("/") { dir = dir.dropLast() }
        return dir.isEmpty ? "/" : String(dir)
    }
}
