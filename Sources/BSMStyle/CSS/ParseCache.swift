import Foundation

/// Parsed `style=""` values shared by the documents of one run, so that a batch of templates
/// exported from the same tool parses each distinct inline style once (the corpus: 12,794
/// `style` attributes, 1,974 distinct values).
///
/// A value's declarations depend only on its bytes; where they are (token and declaration
/// offsets, lines and columns) and which element they belong to differ between occurrences,
/// and `StyleEngine` sets those afresh for each. Bounded: at most `capacity` values of at most
/// `maxValueLength` bytes are kept (others are parsed every time), so memory stays flat however
/// long the batch. Thread-safe: the batch's workers share one.
public final class CSSParseCache: @unchecked Sendable {
    public static let capacity = 8192
    public static let maxValueLength = 2048

    private let lock = NSLock()
    /// Guarded by `lock`: value → (offset it was parsed at, its declarations).
    private var inline: [String: (base: Int, declarations: [Declaration])] = [:]
    private let limit: Int

    public init(capacity: Int = CSSParseCache.capacity) { limit = capacity }

    /// Number of values kept.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return inline.count
    }

    func inlineStyle(_ value: String) -> (base: Int, declarations: [Declaration])? {
        guard value.utf8.count <= CSSParseCache.maxValueLength else { return nil }
        lock.lock()
        defer { lock.unlock() }
        return inline[value]
    }

    func storeInlineStyle(_ value: String, base: Int, _ declarations: [Declaration]) {
        guard value.utf8.count <= CSSParseCache.maxValueLength else { return }
        lock.lock()
        defer { lock.unlock() }
        if inline.count < limit, inline[value] == nil { inline[value] = (base, declarations) }
    }
}
