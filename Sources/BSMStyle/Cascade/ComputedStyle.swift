import BSMDocument

/// A computed length of a box property.
public enum Length: Sendable, Hashable {
    case auto
    case px(Double)
    /// Percentage of the containing block's width.
    case percent(Double)
    /// `max-width: none`.
    case none
    /// Set to something not evaluable here (`calc()`, `var()`, `fit-content`, …).
    case unknown

    /// A zero length (`0`, `0px`, `0%`).
    public var isZero: Bool {
        switch self {
        case .px(let v), .percent(let v): return v <= 0
        default: return false
        }
    }

    /// Resolves against a containing-block width (nil when unknown or auto/none).
    public func resolve(_ containing: Double?) -> Double? {
        switch self {
        case .px(let v): return v
        case .percent(let p): return containing.map { $0 * p / 100 }
        default: return nil
        }
    }

    public var isAuto: Bool { self == .auto }
}

/// Four sides of a box property.
public struct Edges<T: Sendable & Hashable>: Sendable, Hashable {
    public var top: T
    public var right: T
    public var bottom: T
    public var left: T

    public init(_ all: T) {
        top = all
        right = all
        bottom = all
        left = all
    }
}

/// Computed `display` (raw values are the CSS keywords).
public enum Display: String, Sendable, Hashable {
    case none, block, inline, inlineBlock = "inline-block", listItem = "list-item", table, inlineTable = "inline-table"
    case tableRow = "table-row", tableCell = "table-cell", tableRowGroup = "table-row-group"
    case tableHeaderGroup = "table-header-group", tableFooterGroup = "table-footer-group"
    case tableColumn = "table-column", tableColumnGroup = "table-column-group", tableCaption = "table-caption"
    case flex, inlineFlex = "inline-flex", grid, inlineGrid = "inline-grid", contents, flowRoot = "flow-root"

    /// Display of a keyword (`-webkit-box` and unknown ones map to block/inline guesses).
    static func from(_ k: String) -> Display? {
        // The user-agent sheet's values first (every element asks): `init(rawValue:)` looks a
        // string up in a table, a comparison of short strings costs less.
        switch k {
        case "block": return .block
        case "table-cell": return .tableCell
        case "table-row": return .tableRow
        case "inline": return .inline
        case "none": return Display.none
        case "table": return .table
        case "inline-block": return .inlineBlock
        default: break
        }
        if let d = Display(rawValue: k) { return d }
        switch k {
        case "-webkit-box", "-webkit-flex", "-ms-flexbox": return .flex
        case "-webkit-inline-box", "-ms-inline-flexbox": return .inlineFlex
        case "run-in": return .block
        default: return nil
        }
    }

    public var isTablePart: Bool {
        switch self {
        case .tableRow, .tableCell, .tableRowGroup, .tableHeaderGroup, .tableFooterGroup, .tableColumn,
             .tableColumnGroup, .tableCaption:
            return true
        default:
            return false
        }
    }
}

/// Computed `text-align` keyword (`-webkit-center` is `.center` plus `centersBlocks`).
public enum TextAlign: String, Sendable, Hashable {
    case start, end, left, right, center, justify
}

/// Computed `direction`.
public enum Direction: String, Sendable, Hashable { case ltr, rtl }

/// Computed `visibility`.
public enum Visibility: String, Sendable, Hashable { case visible, hidden, collapse }

/// Computed `float` (`align=left/right` on tables and images maps here).
public enum FloatSide: String, Sendable, Hashable { case none, left, right }

/// Computed `line-height`.
public enum LineHeight: Sendable, Hashable {
    case normal
    /// Unitless factor (inherited as a factor).
    case factor(Double)
    case px(Double)
    case unknown
}

/// The computed values of one element (the cascade's output).
public struct ComputedStyle: Sendable, Hashable {
    /// Computed display; `display:none` hides the subtree (see `StyledDocument.isRendered`).
    public var display: Display = .inline
    /// Text colour.
    public var color: RGBA = .black
    /// False when the text colour comes from a value that cannot be evaluated here (a
    /// placeholder such as `color: {{text_color}}`, `var()`): `color` is then not the colour shown.
    public var colorKnown = true
    public var backgroundColor: RGBA = .transparent
    /// False when the background colour is set to a value that cannot be evaluated here
    /// (`bgcolor="{{bg}}"`, `background-color: var(--bg)`).
    public var backgroundColorKnown = true
    /// URL of `background-image` (nil: none or not a URL).
    public var backgroundImage: String?
    /// True when a background image is set to something other than a URL (gradient, var()).
    public var hasNonURLBackgroundImage = false
    public var fontSizePx: Double = FontSizes.initial
    /// False when a font-size could not be evaluated (the parent's size is kept).
    public var fontSizeKnown = true
    /// Author/UA font-family list as written; nil: the user agent's default.
    public var fontFamily: String?
    /// Numeric font weight (`bold` = 700, `bolder`/`lighter` relative to the parent).
    public var fontWeight: Int = 400
    /// False when the weight could not be evaluated (a placeholder, `var()`).
    public var fontWeightKnown = true
    public var italic = false
    public var lineHeight: LineHeight = .normal
    /// Computed `text-align` keyword.
    public var textAlign: TextAlign = .start
    /// True for the legacy centring value (`<center>`, `align=center` on div/td, `-webkit-center`):
    /// block children narrower than their container are centred too.
    public var centersBlocks = false
    public var direction: Direction = .ltr
    public var visibility: Visibility = .visible
    public var whiteSpace = "normal"
    /// nil for `normal`.
    public var letterSpacingPx: Double?
    public var listStyleType = "disc"
    public var listStyleImage: String?
    public var textIndent: Length = .px(0)
    /// Own opacity (not multiplied by ancestors).
    public var opacity: Double = 1
    /// `overflow-x` (or `overflow`) is not `visible`: content beyond the box's width is cut off.
    public var clipsOverflowX = false
    /// `overflow-y` (or `overflow`) is not `visible`: content beyond the box's height is cut off.
    public var clipsOverflowY = false
    public var width: Length = .auto
    public var minWidth: Length = .auto
    public var maxWidth: Length = .none
    public var height: Length = .auto
    public var minHeight: Length = .auto
    public var maxHeight: Length = .none
    /// Margins; percentages are of the containing block width, `auto` centres in layout-lite.
    public var margin = Edges<Length>(.px(0))
    public var padding = Edges<Length>(.px(0))
    /// Used border widths in px (0 when the side's style is none/hidden).
    public var borderWidth = Edges<Double>(0)
    public var float: FloatSide = .none
    /// `box-sizing: border-box`.
    public var borderBox = false
    public var verticalAlign = "baseline"
    /// `border-spacing` (set by `cellspacing`), in px; UA default for tables is 2px.
    public var borderSpacingPx: Double = 0
    /// `border-collapse: collapse` (cells then have no spacing).
    public var borderCollapse = false
    /// `-webkit-text-fill-color`; nil means `currentcolor`.
    public var webkitTextFillColor: RGBA?

    public init() {}

    public static let initial = ComputedStyle()

    /// Text alignment in physical terms (start/end resolved with `direction`).
    public var physicalTextAlign: TextAlign {
        switch textAlign {
        case .start: return direction == .rtl ? .right : .left
        case .end: return direction == .rtl ? .left : .right
        default: return textAlign
        }
    }

    /// The colour glyphs are painted in.
    public var textFillColor: RGBA { webkitTextFillColor ?? color }

    /// True when the element is hidden by `display:none` itself (see `StyledDocument.isRendered`).
    public var isDisplayNone: Bool { display == .none }
}

/// Compact reference to the declaration that produced a computed value.
struct OriginRef: Sendable, Hashable {
    enum Kind: UInt8, Sendable { case initial, userAgent, author, hint }
    var kind: Kind
    /// Declaration index (UA sheet or author) or hint index.
    var index: Int32
    /// Element the value was inherited from (-1: set on the element itself).
    var from: Int32

    static let initial = OriginRef(kind: .initial, index: -1, from: -1)
}

/// Where a computed value came from.
public enum StyleOrigin: Sendable, Hashable {
    /// No declaration: the property's initial value.
    case initial
    /// The built-in user-agent sheet (selector text of the UA rule).
    case userAgent(selector: String)
    /// An author `<style>` declaration: its index in `StyleEngine.allDeclarations`, range and
    /// the selector text of its rule.
    case stylesheet(declaration: Int, range: SourceRange, selector: String)
    /// A `style=""` declaration.
    case inlineStyle(declaration: Int, range: SourceRange)
    /// A presentational attribute (`align`, `width`, `bgcolor`, `<font size>`, `cellpadding`, …) on
    /// `element` (which may be an ancestor, e.g. the table of a cell for `cellpadding`, or `body`
    /// for `link`). `<center>` is styled by the user-agent sheet (`.userAgent(selector: "center")`,
    /// with `inheritedFrom` pointing at the `<center>` element for its content).
    case presentational(attribute: String, element: NodeID, range: SourceRange)

    /// True for author-level origins (style sheets, inline styles, presentational attributes).
    public var isAuthor: Bool {
        switch self {
        case .stylesheet, .inlineStyle, .presentational: return true
        default: return false
        }
    }

    /// Source range of the declaration or attribute, when authored.
    public var range: SourceRange? {
        switch self {
        case .stylesheet(_, let r, _), .inlineStyle(_, let r), .presentational(_, _, let r): return r
        default: return nil
        }
    }
}

/// A computed value's origin plus, for inherited values, the ancestor it was inherited from.
public struct PropertyOrigin: Sendable, Hashable {
    public let origin: StyleOrigin
    /// The ancestor element whose declaration this value was inherited from (nil: set here).
    public let inheritedFrom: NodeID?

    public init(origin: StyleOrigin, inheritedFrom: NodeID?) {
        self.origin = origin
        self.inheritedFrom = inheritedFrom
    }
}
