import BSMDocument
import BSMEngine
import BSMStyle

/// `margin-too-wide`: a text-bearing box's left or right inset from the message edge exceeds
/// 20% of the reference width.
public struct MarginTooWideRule: Rule {
    public static let metadata = RuleMetadata(
        id: "margin-too-wide",
        name: "Margin too wide",
        category: .styling,
        defaultSeverity: .error,
        summary: "Text is inset from the left or right edge of the message by more than 20% of the maximum width",
        rationale: """
        Amazon's styling rules forbid message margins over 20% of the maximum width (styling rule 4): Amazon \
        renders the message in its own frame, and wide margins squeeze the text into a narrow column. bsmlint \
        measures, for every element that renders text, the horizontal space between the message edge and the \
        text made of margins, borders, padding, centring of narrow boxes and empty spacer cells, at each \
        reference width W (default 600 px).
        """,
        fix: """
        Reduce the margin or padding, widen the centred table or wrapper, or remove the empty spacer cell so that \
        each side stays within 20% of W (120 px at 600 px).
        """,
        decisions: [
            "The inset of a side is the sum, over the text's element and all its ancestors, of margins, borders, padding, the space that centring adds to a box narrower than its container (auto margins, `align=center` on a table, `<center>` or an `align=center` container), and, for a table cell, the empty spacer cells and cell spacing between the cell and the table's edge. User-agent defaults count too (`blockquote` and `ul`/`ol` indentation, the 2 px `border-spacing` and 1 px cell padding of a table without `cellspacing`/`cellpadding`).",
            "Free space beside a left-aligned (or right-aligned, or floated) box with an explicit width is not a margin: a 200 px button or a 300 px column is narrow, not indented. Only centring turns free space into inset, split evenly on both sides. An `inline-block` in a line centred by `text-align: center` (or `align=center`) is centred with the other inline-blocks, tables and images of that line: their widths together decide the free space.",
            "`text-indent` moves only the first line and is not an inset.",
            "In a table with `border-collapse: collapse` neighbouring cells share one border, the widest of those meeting at a column edge (the table's own at its outer edges), and the table has no padding (CSS 2.1 §17.6.2): `<table border=\"1\" style=\"border-collapse: collapse\">` with a 118 px spacer cell insets the next cell by 1 + 118 + 1 = 120 px, not the 122 px of separated borders.",
            "Logical properties count as the side they are on: `padding-inline-start`, `margin-inline`, `border-inline-start` … are the left side in left-to-right text and the right side in right-to-left text (`dir`, `direction`); `inline-size`/`max-inline-size` are widths.",
            "A table cell is empty (a spacer) when it holds no such text and no image or other replaced content rendered and visible at that width (a cell holding only `display:none` text or a hidden image is a spacer); a spacer image — an `img` without alt text that renders at most 2 px high or whose file is named spacer, blank, clear, pixel, transparent, shim or 1x1 — is no content either (`<td width=\"130\"><img src=\"spacer.gif\" width=\"130\" height=\"1\"></td>` is a 130 px spacer). A cell of an earlier row whose `rowspan` reaches the text's row stands beside that row's cells: a tall spacer column is reported once, at that cell.",
            "A side that has a sibling column holding content between it and the message edge is an interior side and is not measured: a table cell with a content-holding cell of any row of its table in the strip between it and the table's edge (an empty cell in a column that holds content in other rows is part of that column), or an `inline-block`/floated box with a content-holding `inline-block`/floated sibling before (after) it. Spacer cells between content columns are gutters, not margins. A content cell that spans both the strip and the text's cell (a full-width header row) is not a side column.",
            "Exactly 20% passes (120 px at 600 px); anything over fails. The limit is the `maxPercent` option.",
            "The finding is reported once, where the inset first goes over the limit on the way from the message edge to the text: in the box whose own margin, border, padding or centring takes the inset over the limit, at the declaration that adds the largest part of that box's share (`padding-left: 25%`, `margin-left: 150px` …; with `padding-left: 100px` outside and `padding-left: 30px` inside, the 30 px declaration: the inset was 100 px, within the limit, before it), at the start tag carrying a presentational attribute (`cellpadding`, `hspace`), at the `margin`/`margin-left` declaration whose `auto` centres a narrow box (`margin: 0 auto`; `margin-right` when only it is declared), at the start tag of a box centred otherwise (`<table width=\"300\" align=\"center\">`, a table inside `<center>`, an image in a centred line), or at the widest empty spacer cell. Every text below it shares that one finding; left and right insets from the same declaration are one finding.",
            "The evidence names the source and the inset at that point: `padding-left: 25% → 150px of 600px (> 20%)`. With several reference widths the finding names the first width it fails at and lists the others.",
            "An inset is measured from the message edge inwards, so what is known before an unknown size still counts: once the known margins, padding and spacers outside the text are over the limit, an unknown size further in (a table without a width, a `calc()` or placeholder padding) does not take the finding back. In a table of unknown width, a cell's left side is measured when the columns before it have known widths; its right side needs the table's width.",
            "Unknown sizes (percentages of an unknown width, `calc()`, placeholders, cells of a table whose column widths are unknown) never produce a finding. A size written with a placeholder (`width=\"{{w}}\"`, `width: {{w}}`, `cellpadding=\"%%pad%%\"`) is unknown, not invalid: it is not dropped in favour of `auto`, and whatever depends on it (percentages of it, the cells placed after it) is unknown too.",
            "Text-bearing element: an element with a direct text child that is not only Unicode whitespace (`&nbsp;`, hair spaces …) or zero-width characters (placeholders count as text), rendered and showing at that width. Text hidden at a width is not measured there. Text that does not show is not text-bearing: `display: none`, `visibility: hidden`, `opacity: 0` on it or an ancestor, a zero-height or zero-width box that cuts it off (`max-height: 0; overflow: hidden`, the hidden-preheader idiom), `font-size: 0` or a transparent colour (`StyledDocument.showsText`).",
            "Outlook-only conditional content (`<!--[if mso]>`) is not in the document and is not measured.",
        ],
        options: [RuleOptionSpec(name: "maxPercent", type: "number", defaultValue: "20",
                                 summary: "Largest inset allowed on either side, in percent of the reference width (more than 0, at most 100).")],
        failing: [
            RuleExample("<table width=\"600\" cellpadding=\"0\" cellspacing=\"0\"><tr>↓<td width=\"130\"><img src=\"https://example.com/spacer.gif\" width=\"130\" height=\"1\" alt=\"\"></td><td>Your order has shipped.</td></tr></table>", note: "A cell holding only a spacer image is an empty spacer cell."),
            RuleExample("↓<body leftmargin=\"130\"><p>Your order has shipped.</p></body>", note: "`<body leftmargin|rightmargin|marginwidth>` set its margins (HTML's rendering rules)."),
            RuleExample("<div style=\"↓padding-left: 20.1%\">Hello, your order has shipped.</div>",
                        note: "20.1% of 600 px is 120.6 px: over the limit."),
            RuleExample("<table width=\"600\" cellspacing=\"0\" cellpadding=\"0\"><tr>↓<td width=\"150\"><span style=\"display:none\">x</span></td><td>Hi</td></tr></table>",
                        note: "A cell whose only content is hidden is an empty spacer."),
            RuleExample("<table width=\"600\" cellspacing=\"0\" cellpadding=\"0\">\n  <tr>↓<td rowspan=\"2\" width=\"150\"></td><td>A</td></tr>\n  <tr><td>B</td></tr>\n</table>",
                        note: "A spacer cell spanning two rows is one spacer column: one finding, at it."),
            RuleExample("↓<table width=\"300\" align=\"center\">\n  <tr><td>Hello</td></tr>\n</table>",
                        note: "A centred 300 px table leaves 150 px (25%) on each side."),
            RuleExample("<table width=\"600\" cellspacing=\"0\" cellpadding=\"0\">\n  <tr>↓<td width=\"150\">&nbsp;</td><td>Hello</td></tr>\n</table>",
                        note: "An empty 150 px spacer cell is a 150 px inset."),
            RuleExample("<style>\n  .wrap { ↓padding: 0 130px; }\n</style>\n<div class=\"wrap\"><p>Hello</p><p>Thanks</p></div>",
                        note: "Both sides come from one declaration: one finding for every paragraph inside."),
            RuleExample("<style>\n  @media (max-width: 480px) { .c { ↓padding-left: 80px; } }\n</style>\n<div class=\"c\">Hello</div>",
                        config: "referenceWidths: [600, 375]", note: "Fails only at 375 px, where the media query applies (80 px > 75 px)."),
            RuleExample("<blockquote>A<blockquote>B<blockquote>C↓<blockquote>D</blockquote></blockquote></blockquote></blockquote>",
                        note: "Each blockquote indents 40 px by default: the fourth level reaches 160 px."),
            RuleExample("<center>↓<table width=\"300\"><tr><td>Hello</td></tr></table></center>"),
            RuleExample("<div dir=\"rtl\"><p style=\"↓padding-inline-start: 130px\">مرحبا بكم</p></div>", note: "The inline start is the right side in right-to-left text: 130 px of 600 px."),
            RuleExample("<div style=\"width: 300px; ↓margin: 0 auto\">Hello</div>",
                        note: "Centred by auto margins: reported at the margin declaration."),
            RuleExample("<style>\n  .w { max-width: 300px; ↓margin-left: auto; margin-right: auto; }\n</style>\n<div class=\"w\"><p>Hello</p></div>",
                        note: "Both sides are one finding, at the `margin-left` declaration."),
            RuleExample("<table width=\"600\" cellspacing=\"0\" cellpadding=\"0\">\n  <tr><td colspan=\"3\"><img src=\"https://example.com/header.png\" width=\"600\" alt=\"Header\"></td></tr>\n  <tr>↓<td width=\"130\"></td><td>Hello</td>↓<td width=\"130\"></td></tr>\n</table>",
                        note: "Spacer columns on both sides (one finding each): a full-width header above them does not make them content columns."),
            RuleExample("<div style=\"↓padding-left: 200px\">\n  <table><tr><td>Hello</td></tr></table>\n</div>", note: "A table without a width inside does not take back the padding outside it."),
            RuleExample("<table><tr><td><p style=\"↓padding-left: 200px\">Hello</p></td></tr></table>", note: "The left side of a table without a width is known."),
            RuleExample("<table cellpadding=\"0\" cellspacing=\"0\"><tr>↓<td width=\"200\"></td><td>Hello</td></tr></table>", note: "A 200 px spacer column in a table without a width."),
        ],
        passing: [
            RuleExample("<table width=\"600\" cellpadding=\"0\" cellspacing=\"0\"><tr><td width=\"130\"><img src=\"https://example.com/logo.png\" width=\"130\" height=\"40\" alt=\"Example Co.\"></td><td>Your order has shipped.</td></tr></table>", note: "A logo column holds content: a two-column layout, not an inset."),
            RuleExample("<body leftmargin=\"0\" marginwidth=\"0\" topmargin=\"0\"><p>Your order has shipped.</p></body>"),
            RuleExample("<table width=\"600\" style=\"border-collapse: collapse; padding: 130px\"><tr><td>Hello</td></tr></table>", note: "A table with collapsed borders has no padding."),
            RuleExample("<div style=\"padding-left: 20%\">Exactly 20% (120 px of 600 px) is allowed.</div>"),
            RuleExample("<div style=\"padding-left: 200px; max-height: 0; overflow: hidden\">Preview text for the inbox</div>\n<p>Hello</p>",
                        note: "A hidden preheader shows no text: its inset is not measured."),
            RuleExample("<table width=\"400\" align=\"center\" cellspacing=\"0\" cellpadding=\"0\">\n  <tr><td>Hello</td></tr>\n</table>",
                        note: "A centred 400 px table leaves 100 px (16.7%) on each side."),
            RuleExample("<table width=\"600\" cellspacing=\"0\" cellpadding=\"0\">\n  <tr><td width=\"300\">Left column</td><td width=\"300\">Right column</td></tr>\n</table>",
                        note: "A two-column layout has no margin between its columns."),
            RuleExample("<div style=\"padding-left: calc(100% - 10px)\">Unknown size</div>", note: "Unknown sizes never fail."),
            RuleExample("<table width=\"600\" cellspacing=\"0\" cellpadding=\"0\">\n  <tr><td width=\"{{gutter}}\">&nbsp;</td><td>Hello</td></tr>\n</table>",
                        note: "A spacer cell whose width is a placeholder is unknown, not an unspecified cell sharing the row."),
            RuleExample("<div style=\"width: {{w}}\"><p style=\"padding-left: 50%\">Hello</p></div>",
                        note: "A percentage of a container whose width is a placeholder is unknown."),
            RuleExample("<table width=\"600\" cellspacing=\"0\" cellpadding=\"0\">\n  <tr><td>Latest articles</td><td>&nbsp;</td></tr>\n  <tr><td width=\"300\">First article</td><td width=\"300\">Second article</td></tr>\n</table>",
                        note: "An empty cell in a column that holds content in other rows is part of a content column, not a margin."),
            RuleExample("<div style=\"display: none; padding-left: 300px\">Hidden preheader</div><p>Hello</p>"),
            RuleExample("<table width=\"200\" align=\"center\"><tr><td><img src=\"https://example.com/logo.png\" width=\"180\" alt=\"Logo\"></td></tr></table>",
                        note: "No text: a narrow centred logo is not a text margin."),
            RuleExample("<!--[if mso]><table width=\"200\" align=\"center\"><tr><td>Outlook</td></tr></table><![endif]-->\n<p>Hello</p>",
                        note: "Outlook-only conditional content is not measured."),
            RuleExample("<div><div style=\"display: inline-block; width: 300px\">Column A</div><div style=\"display: inline-block; width: 300px\">Column B</div></div>",
                        note: "Side-by-side columns and the free space beside a narrow box are not margins."),
            RuleExample("<table cellpadding=\"0\" cellspacing=\"0\"><tr><td width=\"200\">Menu</td><td style=\"padding-right: {{pad}}\">Hello</td></tr></table>", note: "A 200 px content column is not a margin; the right side of a table without a width is unknown."),
        ]
    )

    let maxPercent: Double

    public init(options: RuleOptions) throws {
        maxPercent = try options.percent("maxPercent", default: 20)
    }

    public var interest: NodeInterest { NodeInterest(text: true, needs: .styles) }

    public struct State {
        /// Text-bearing elements in document order.
        var elements: [NodeID] = []
        var seen = Set<NodeID>()
    }

    public func makeState(_ context: RuleContext) -> State { State() }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {
        // Fields read in place: a copied `Node` retains and releases each of its strings and arrays.
        let nodes = context.document.nodes
        guard nodes[id].kind == .text, nodes[id].flags.isDisjoint(with: .notContent), let p = nodes[id].parent,
              nodes[p].kind == .element, !nodes[id].isBlankText else { return }
        if state.seen.insert(p).inserted { state.elements.append(p) }
    }

    // MARK: - Measuring

    enum Side: Int { case left = 0, right = 1 }

    /// Where an inset crosses the limit.
    struct Introducer {
        var range: SourceRange
        var text: String
        /// Inset of the side right after the introducing element.
        var inset: Double
    }

    enum SideState {
        case unknown
        /// A content column lies between this side and the message edge.
        case interior
        /// Inset so far, and the introducer once the inset went over the limit.
        case measured(Double, Int?)
    }

    /// The two sides' states, held inline (a node state is built for every element).
    struct SidePair {
        var left: SideState
        var right: SideState

        subscript(i: Int) -> SideState {
            get { i == 0 ? left : right }
            set { if i == 0 { left = newValue } else { right = newValue } }
        }
    }

    static let bothSides: [Side] = [.left, .right]

    struct NodeState {
        var sides: SidePair
        /// Content box offered to children.
        var refX: Double?
        var refW: Double?
    }

    struct Component {
        var amount: Double
        var range: SourceRange
        var text: String
    }

    enum Contribution {
        case unknown
        case interior
        case parts([Component])
    }

    /// Measures one reference width.
    struct Measure {
        let styled: StyledDocument
        let doc: Document
        let limit: Double
        let hasContent: [Bool]
        /// Per node (an array: a dictionary hashed every id).
        var memo: [NodeState?]
        var introducers: [Introducer] = []
        /// Horizontal extents of content-holding cells per table (`lo` nil: placed after a column
        /// of unknown width; `hi` infinite: the cell's width is unknown).
        var columnCache: [NodeID: [(lo: Double?, hi: Double)]] = [:]
        /// Cells of earlier rows spanning into a row, per row.
        var spanCache: [NodeID: [NodeID]] = [:]

        init(styled: StyledDocument, limit: Double, hasContent: [Bool]) {
            self.styled = styled
            self.doc = styled.document
            self.limit = limit
            self.hasContent = hasContent
            self.memo = [NodeState?](repeating: nil, count: styled.document.nodes.count)
        }

        mutating func state(of e: NodeID) -> NodeState {
            var chain: [NodeID] = []
            var cur: NodeID? = e
            while let c = cur, memo[c] == nil {
                chain.append(c)
                cur = doc.nodes[c].parent
            }
            var parent = cur.flatMap { memo[$0] }
                ?? NodeState(sides: SidePair(left: .measured(0, nil), right: .measured(0, nil)), refX: 0, refW: styled.width)
            for id in chain.reversed() {
                let s = step(id, parent)
                memo[id] = s
                parent = s
            }
            return parent
        }

        mutating func step(_ id: NodeID, _ p: NodeState) -> NodeState {
            guard doc.nodes[id].kind == .element, styled.isRendered(id), let b = styled.box(of: id) else { return p }
            let st = styled.style(of: id)
            var next = p
            next.refX = b.contentX
            next.refW = b.contentWidth
            for side in MarginTooWideRule.bothSides {
                guard case .measured(let inset, let crossed) = p.sides[side.rawValue] else { continue }
                let contribution = contribution(id, st, b, side, p)
                switch contribution {
                case .unknown, .interior:
                    // An inset already over the limit stays over it: what lies inside it (a table
                    // of unknown width, a content column) cannot take back the margin outside it.
                    if crossed != nil {
                        next.sides[side.rawValue] = .measured(inset, crossed)
                    } else if case .interior = contribution {
                        next.sides[side.rawValue] = .interior
                    } else {
                        next.sides[side.rawValue] = .unknown
                    }
                case .parts(let parts):
                    let total = inset + parts.reduce(0) { $0 + $1.amount }
                    var c = crossed
                    if c == nil, total > limit + 1e-6, let big = parts.max(by: { $0.amount < $1.amount }), big.amount > 0 {
                        introducers.append(Introducer(range: big.range, text: big.text, inset: total))
                        c = introducers.count - 1
                    }
                    next.sides[side.rawValue] = .measured(total, c)
                }
            }
            return next
        }

        mutating func contribution(_ id: NodeID, _ st: ComputedStyle, _ b: Box, _ side: Side, _ p: NodeState) -> Contribution {
            var parts: [Component] = []
            let left = side == .left
            // Offset of the border box inside the parent's content box.
            if b.isTableCell, let row = doc.nodes[id].parent {
                // The left strip needs only the cell's and the table's left edges (known in a table
                // of unknown width up to its first column of unknown width); the right one needs both
                // right edges.
                guard let x = b.x, let px = p.refX else { return .unknown }
                let r: Double
                let hi: Double
                if left {
                    r = b.right ?? x
                    hi = x
                } else {
                    guard let right = b.right, let pw = p.refW else { return .unknown }
                    r = right
                    hi = px + pw
                }
                let lo = left ? px : r
                // The strip between the cell and the table's edge is inset only when no cell of any row
                // holds content there (a content column is not a margin, even where this row leaves it empty).
                if hi - lo > 0.5 {
                    let table = tableOf(row) ?? row
                    let columns = contentCells(of: table)
                    // A cell spanning both the strip and this cell (a full-width header) is not a side column.
                    // A content cell at an unknown place lies right of every cell whose left edge is
                    // known (columns are placed left to right): it may be in a right strip, never in a left one.
                    if columns.contains(where: { c in
                        guard let clo = c.lo else { return !left }
                        return clo < hi - 0.5 && c.hi > lo + 0.5 && !(clo < r + (left ? 1 : 0) - 0.5 && c.hi > x + 0.5)
                    }) {
                        return .interior
                    }
                    let cells = (doc.elementChildren(row) + cellsSpanning(into: row, of: table))
                        .filter { styled.isRendered($0) && styled.box(of: $0)?.isTableCell == true }
                    let outer = cells.filter { c in
                        guard let cb = styled.box(of: c), let cx = cb.x, let cr = cb.right else { return false }
                        return cx >= lo - 0.5 && cr <= hi + 0.5 && c != id
                    }
                    let offset = hi - lo
                    if let spacer = outer.max(by: { (styled.box(of: $0)?.width ?? 0) < (styled.box(of: $1)?.width ?? 0) }) {
                        let w = styled.box(of: spacer)?.width ?? 0
                        let src = StyleSources.source(of: spacer, .width, in: styled)
                        let what = src.isAuthor && !src.isDeclaration ? "empty spacer cell \(src.text)" : "empty spacer cell \(StyleSources.px(w))px wide"
                        parts.append(Component(amount: offset, range: doc[spacer].range, text: what))
                    } else {
                        let src = StyleSources.source(of: table, .borderSpacing, in: styled)
                        let spacing = styled.style(of: table).borderSpacingPx
                        let text = offset > spacing + 0.5 ? "<table> columns left empty"
                            : (src.isAuthor ? src.text : "<table> border-spacing \(StyleSources.px(spacing))px")
                        parts.append(Component(amount: offset, range: src.isDeclaration && offset <= spacing + 0.5 ? src.range : doc[table].range, text: text))
                    }
                } else if hi - lo != 0 {
                    parts.append(Component(amount: hi - lo, range: doc[id].range, text: "<\(doc.nodes[id].name)>"))
                }
            } else {
                if st.display == .inlineBlock || st.display == .inlineTable || st.float != .none, let parent = doc.nodes[id].parent {
                    let sibs = doc.elementChildren(parent)
                    if let idx = sibs.firstIndex(of: id) {
                        let outer = left ? Array(sibs[..<idx]) : Array(sibs[(idx + 1)...])
                        if outer.contains(where: { isContentColumn($0) }) { return .interior }
                    }
                }
                if b.isCentered {
                    guard let x = b.x, let r = b.right, let w = b.width, let px = p.refX, let pw = p.refW else { return .unknown }
                    let offset = left ? x - px : px + pw - r
                    var range = doc.nodes[id].range
                    var text = "<\(doc.nodes[id].name)> \(StyleSources.px(w))px wide, centred"
                    // Centred by auto margins from author CSS: the margin declaration introduces the
                    // inset (one finding for both sides: the `margin-left` one, else `margin-right`).
                    // `align=center`, `<center>` and centred lines keep the start tag.
                    if b.inlineLine < 0, st.margin.left == .auto, st.margin.right == .auto {
                        let l = StyleSources.source(of: id, .marginLeft, in: styled)
                        let src = l.isDeclaration ? l : StyleSources.source(of: id, .marginRight, in: styled)
                        if src.isDeclaration {
                            range = src.range
                            text += " by \(src.text)"
                        }
                    }
                    parts.append(Component(amount: offset, range: range, text: text))
                } else if st.display == .inlineBlock, st.float == .none, !VisibleText.contentElements.contains(doc.nodes[id].name),
                          let parent = doc.nodes[id].parent, styled.style(of: parent).physicalTextAlign == .center {
                    // Layout-lite centres only replaced inline boxes and inline tables in a centred line;
                    // an inline-block is centred there too (see the report's note on the style layer).
                    // The whole line is centred: every inline-block, inline table or image beside it shares the free space.
                    guard let pw = p.refW else { return .unknown }
                    var line = 0.0
                    for sib in doc.elementChildren(parent) where styled.isRendered(sib) {
                        let d = styled.style(of: sib).display
                        guard d == .inlineBlock || d == .inlineTable else { continue }
                        guard let sw = styled.box(of: sib)?.width else { return .unknown }
                        let ss = styled.style(of: sib)
                        line += sw + (ss.margin.left.resolve(pw) ?? 0) + (ss.margin.right.resolve(pw) ?? 0)
                    }
                    let ml = st.margin.left.resolve(pw) ?? 0, mr = st.margin.right.resolve(pw) ?? 0
                    let offset = (left ? ml : mr) + max(0, (pw - line) / 2)
                    parts.append(Component(amount: offset, range: doc.nodes[id].range,
                                           text: "<\(doc.nodes[id].name)> \(StyleSources.px(b.width ?? 0))px wide, centred"))
                } else {
                    let m = left ? st.margin.left : st.margin.right
                    // Table rows and groups have no margins; they span the table's content box.
                    if m != .auto && !st.display.isTablePart {
                        guard let v = (left ? b.marginLeft : b.marginRight) ?? m.resolve(p.refW) else { return .unknown }
                        if v != 0 {
                            let src = StyleSources.source(of: id, left ? .marginLeft : .marginRight, in: styled)
                            parts.append(Component(amount: v, range: src.range, text: src.text))
                        }
                    }
                }
            }
            // The border the box uses (half of each shared edge in a table with collapsed borders).
            let border = b.usedBorders.map { left ? $0.left : $0.right } ?? (left ? st.borderWidth.left : st.borderWidth.right)
            if border != 0 {
                let src = StyleSources.source(of: id, left ? .borderLeftWidth : .borderRightWidth, in: styled)
                parts.append(Component(amount: border, range: src.range, text: src.text))
            }
            let pad: Double?
            if left, let x = b.x, let cx = b.contentX {
                pad = cx - x - border
            } else if !left, let r = b.right, let cr = b.contentRight {
                pad = r - cr - border
            } else {
                pad = (left ? st.padding.left : st.padding.right).resolve(p.refW)
            }
            guard let pad else { return .unknown }
            if pad != 0 {
                let src = StyleSources.source(of: id, left ? .paddingLeft : .paddingRight, in: styled)
                parts.append(Component(amount: pad, range: src.range, text: src.text))
            }
            return .parts(parts)
        }

        /// The rendered rows of a table, in order (row groups opened).
        func rows(of table: NodeID) -> [NodeID] {
            var rows: [NodeID] = []
            for c in doc.elementChildren(table) where styled.isRendered(c) {
                switch styled.display(of: c) {
                case .tableRow: rows.append(c)
                case .tableRowGroup, .tableHeaderGroup, .tableFooterGroup:
                    rows += doc.elementChildren(c).filter { styled.isRendered($0) && styled.display(of: $0) == .tableRow }
                default: break
                }
            }
            return rows
        }

        /// Cells of earlier rows whose `rowspan` reaches down into `row`: they stand beside the
        /// row's own cells (a spacer column of one tall cell). Worked out once per table.
        mutating func cellsSpanning(into row: NodeID, of table: NodeID) -> [NodeID] {
            if let known = spanCache[row] { return known }
            let all = rows(of: table)
            var open: [(cell: NodeID, last: Int)] = []  // spanning cells and the last row index they cover
            for (i, r) in all.enumerated() {
                open.removeAll { $0.last < i }
                spanCache[r] = open.map(\.cell)
                // The span layout-lite placed the cell with (its `rowspan`, parsed once, there).
                for c in doc.elementChildren(r) {
                    guard let b = styled.box(of: c), b.isTableCell, b.rowSpan > 1 else { continue }
                    open.append((c, i + b.rowSpan - 1))
                }
            }
            return spanCache[row] ?? []
        }

        /// Extents of the cells of a table (all rows) that hold content.
        mutating func contentCells(of table: NodeID) -> [(lo: Double?, hi: Double)] {
            if let c = columnCache[table] { return c }
            var out: [(lo: Double?, hi: Double)] = []
            for r in rows(of: table) {
                for c in doc.elementChildren(r) {
                    // Own content test: layout-lite's spacer test takes a cell holding only a hair space for content.
                    guard styled.isRendered(c), let cb = styled.box(of: c), cb.isTableCell, c < hasContent.count, hasContent[c] else { continue }
                    out.append((cb.x, cb.x == nil ? .infinity : (cb.right ?? .infinity)))
                }
            }
            columnCache[table] = out
            return out
        }

        /// An `inline-block`/`inline-table`/floated sibling that holds content (a side-by-side column).
        func isContentColumn(_ id: NodeID) -> Bool {
            guard styled.isRendered(id), id < hasContent.count, hasContent[id] else { return false }
            let display = styled.display(of: id)
            return display == .inlineBlock || display == .inlineTable || styled.float(of: id) != .none
        }

        func tableOf(_ id: NodeID) -> NodeID? {
            var cur: NodeID? = id
            while let c = cur {
                if doc.nodes[c].name == "table" { return c }
                cur = doc.nodes[c].parent
            }
            return nil
        }
    }

    /// Elements whose subtree renders text or replaced content.
    /// Content is what is rendered and visible at that width: a cell holding only hidden text or a
    /// hidden image is an empty spacer.
    static func contentMap(_ styled: StyledDocument) -> [Bool] {
        let doc = styled.document
        var has = [Bool](repeating: false, count: doc.count)
        let nodes = doc.nodes
        for id in doc.allIDs.reversed() {
            switch nodes[id].kind {
            case .text:
                if nodes[id].flags.isDisjoint(with: .notContent), styled.showsText(id), !nodes[id].isBlankText { has[id] = true }
            case .element:
                if VisibleText.contentElements.contains(nodes[id].name), styled.isVisible(id), !isSpacerImage(id, styled) { has[id] = true }
            default: break
            }
            if has[id], let p = nodes[id].parent { has[p] = true }
        }
        return has
    }


    /// A spacer image keeps its cell an empty spacer: an `img` without alt text that renders at
    /// most 2 px high, or whose file is named as one (`spacer.gif`, `blank.gif`, `clear.png`,
    /// `pixel.gif`, `transparent.gif`, `shim.gif`, `1x1.gif`).
    static func isSpacerImage(_ id: NodeID, _ styled: StyledDocument) -> Bool {
        let doc = styled.document
        guard doc.nodes[id].name == "img" else { return false }
        if let alt = doc.attribute(of: id, "alt"), !alt.trimmingASCIIWhitespace().isEmpty { return false }
        if case .px(let h) = styled.height(of: id), h <= 2 { return true }
        guard let src = doc.attribute(of: id, "src") else { return false }
        let file = ContentLinks.fileName(src)
        let stem = file.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? file
        return spacerNames.contains(stem.lowercased())
    }

    static let spacerNames: Set<String> = ["spacer", "blank", "clear", "pixel", "transparent", "trans", "shim", "1x1", "spacer_gif", "spc", "clearpixel", "clear_pixel", "blank_pixel"]

    struct Pending {
        var range: SourceRange
        var sides: Set<Int>
        var evidence: String
        var inset: Double
        var width: Double
        var otherWidths: [Double] = []
    }

    public func finish(_ context: RuleContext, _ state: inout State, _ report: inout FindingSink) {
        guard !state.elements.isEmpty, !context.styles.isEmpty else { return }
        var pending: [Pending] = []
        var index: [Int: Int] = [:]  // range start offset → pending index
        for styled in context.styles {
            let W = styled.width
            guard W > 0 else { continue }
            var m = Measure(styled: styled, limit: W * maxPercent / 100, hasContent: MarginTooWideRule.contentMap(styled))
            var doneAtWidth = Set<String>()
            for e in state.elements {
                guard styled.showsText(e) else { continue }
                let s = m.state(of: e)
                for side in MarginTooWideRule.bothSides {
                    guard case .measured(let inset, let c?) = s.sides[side.rawValue], inset > m.limit + 1e-6 else { continue }
                    let intro = m.introducers[c]
                    let key = intro.range.start.offset
                    if !doneAtWidth.insert("\(key):\(side.rawValue)").inserted { continue }
                    if let k = index[key] {
                        if pending[k].width == W {
                            pending[k].sides.insert(side.rawValue)
                        } else if !pending[k].otherWidths.contains(W) {
                            pending[k].otherWidths.append(W)
                        }
                    } else {
                        index[key] = pending.count
                        let ev = "\(intro.text) → \(StyleSources.px(intro.inset))px of \(StyleSources.px(W))px (> \(StyleSources.px(maxPercent))%)"
                        pending.append(Pending(range: intro.range, sides: [side.rawValue], evidence: ev, inset: intro.inset, width: W))
                    }
                }
            }
        }
        for p in pending {
            let sides = p.sides.count == 2 ? "left and right edges" : (p.sides.contains(0) ? "left edge" : "right edge")
            var evidence = p.evidence
            if !p.otherWidths.isEmpty {
                evidence += "; also at " + p.otherWidths.map { "\(StyleSources.px($0))px" }.joined(separator: ", ")
            }
            report.report("Text is inset \(StyleSources.px(p.inset))px (\(StyleSources.percent(p.inset, of: p.width))% of \(StyleSources.px(p.width))px) from the \(sides) of the message: Amazon allows margins of at most \(StyleSources.px(maxPercent))%",
                          at: p.range, evidence: evidence, width: p.width)
        }
    }
}
