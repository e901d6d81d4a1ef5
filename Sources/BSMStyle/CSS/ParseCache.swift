import BSMDocument
import Foundation

/// Parsed `style=""` values and `<style>` sheets shared by the documents of one run, so that a
/// batch of templates exported from the same tool parses each distinct inline style and sheet
/// once (the corpus: 12,794 `style` attributes, 1,974 distinct values; 504 sheets, 201
/// distinct, 42 % of the sheet bytes repeats).
///
/// A value's declarations depend only on its bytes; where they are (token and declaration
/// offsets, lines and columns) and which element they belong to differ between occurrences,
/// and `StyleEngine` sets those afresh for each; likewise a sheet's rules (their indices, order,
/// `<style>` node and positions). Bounded: at most `capacity` values of at most `maxValueLength`
/// bytes, and `sheetCapacity` sheets of at most `maxSheetLength` bytes (`sheetBytesLimit` and
/// `keptDeclarationsLimit` in all), are kept
/// (others are parsed every time), so memory stays flat however long the batch. Thread-safe:
/// the batch's workers share one.
public final class CSSParseCache: @unchecked Sendable {
    public static let capacity = 8192
    public static let maxValueLength = 2048

    /// At most this many `<style>` sheets of at most `maxSheetLength` bytes are kept.
    public static let sheetCapacity = 256
    public static let maxSheetLength = 256 * 1024
    /// The kept sheets' text in all, and their declarations: a parse takes ≈ 50 times its
    /// text in memory (≈ 0.7 KB per declaration with its tokens, selectors and rules), and a
    /// 100,000-file batch must stay under 100 MB (docs/performance.md, run J).
    public static let sheetBytesLimit = 1024 * 1024
    public static let keptDeclarationsLimit = 3_000
    /// Sheets shorter than this are parsed every time (the key costs what the parse does).
    static let minSheetLength = 256

    /// A `<style>` sheet as parsed in one document: what it appended to that document's
    /// `Stylesheet` (and the counts and offset it appended them at).
    struct SheetParse {
        let base: Int
        let firstRule: Int, firstDeclaration: Int, firstFontFace: Int
        let rules: [StyleRule]
        let declarations: [Declaration]
        let fontFaces: [FontFaceRule]
        let imports: [ImportRule]
        let droppedRules: Int
    }

    /// A sheet's text (by its hash and length: no copy of the text is made to look it up) and
    /// its `<style media>` value: the inputs of its parse. A kept sheet also keeps its text, and
    /// a hit is confirmed byte for byte.
    struct SheetKey: Hashable {
        let hash: Int
        let length: Int
        /// The `media` value's bytes (a `String` would compare canonically equivalent texts equal).
        let media: [UInt8]

        init(_ text: UnsafeBufferPointer<UInt8>, media: String) {
            var h = Hasher()
            h.combine(bytes: UnsafeRawBufferPointer(text))
            hash = h.finalize()
            length = text.count
            self.media = Array(media.utf8)
        }
    }

    private struct KeptSheet {
        let text: [UInt8]
        let parse: SheetParse
    }

    private let lock = NSLock()
    /// Guarded by `lock`.
    private var sheets: [SheetKey: KeptSheet] = [:]
    private var sheetBytes = 0
    private var keptDeclarations = 0
    /// Hashes of the sheets met once: a sheet is kept when it comes a second time, so the
    /// cache holds the sheets a batch repeats, not every one-off (the corpus: 145 sheets of
    /// 256 bytes or more, 25 of them repeated — 94 KB of text kept instead of 727 KB).
    private var metOnce = Set<Int>()
    static let metOnceCapacity = 65_536
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

    /// Number of sheets kept.
    var sheetCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return sheets.count
    }

    /// The kept parse of the sheet `text` (with `key`), if any.
    func sheet(_ key: SheetKey, text: UnsafeBufferPointer<UInt8>) -> SheetParse? {
        lock.lock()
        defer { lock.unlock() }
        guard let kept = sheets[key] else { return nil }
        return kept.text.withUnsafeBufferPointer { ASCII.sameBytes($0, text) } ? kept.parse : nil
    }

    /// True when `key` was met before (its parse is worth keeping); notes it otherwise.
    func isRepeat(_ key: SheetKey) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if metOnce.contains(key.hashValue) { return true }
        if metOnce.count < CSSParseCache.metOnceCapacity { metOnce.insert(key.hashValue) }
        return false
    }

    func storeSheet(_ key: SheetKey, text: UnsafeBufferPointer<UInt8>, _ parse: SheetParse) {
        lock.lock()
        defer { lock.unlock() }
        guard sheets.count < CSSParseCache.sheetCapacity, sheetBytes + text.count <= CSSParseCache.sheetBytesLimit,
              keptDeclarations + parse.declarations.count <= CSSParseCache.keptDeclarationsLimit,
              sheets[key] == nil else { return }
        sheets[key] = KeptSheet(text: Array(text), parse: parse)
        sheetBytes += text.count
        keptDeclarations += parse.declarations.count
    }

    func storeInlineStyle(_ value: String, base: Int, _ declarations: [Declaration]) {
        guard value.utf8.count <= CSSParseCache.maxValueLength else { return }
        lock.lock()
        defer { lock.unlock() }
        if inline.count < limit, inline[value] == nil { inline[value] = (base, declarations) }
    }
}
