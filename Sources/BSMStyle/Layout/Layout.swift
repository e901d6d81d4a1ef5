import BSMDocument

/// A layout-lite box: horizontal position and width inside `[0, W]`. Values are nil when unknown
/// (rules must not guess a violation from an unknown).
public struct Box: Sendable, Hashable {
    /// Left edge of the border box.
    public var x: Double?
    /// Border-box width.
    public var width: Double?
    /// Left edge of the content box (after border and padding).
    public var contentX: Double?
    public var contentWidth: Double?
    /// Resolved left/right margins (auto margins resolved when centring is known).
    public var marginLeft: Double?
    public var marginRight: Double?
    /// Border-box height when an explicit px height (CSS or `height` attribute) is set; nil otherwise.
    public var height: Double?
    /// True when the box was centred (auto margins, `align=center` on a table, `<center>` or an
    /// `align=center` container, `text-align:center` for inline images).
    public var isCentered = false
    /// For table cells: the cell holds no text (whitespace and `&nbsp;` ignored) and no image or
    /// other replaced content.
    public var isSpacerCell = false
    /// True for table cells.
    public var isTableCell = false
    /// For table cells: the rows the cell spans as layout-lite placed it (`rowspan`, at least 1).
    public var rowSpan = 1
    /// For boxes on a line of columns (`inlineLine >= 0`): false when the box holds no text and
    /// no replaced content (an empty spacer column).
    public var holdsContent = true
    /// Line of atomic inline boxes (inline-block columns, images) this box sits on; boxes with the
    /// same value share a line (-1: not on such a line).
    public var inlineLine: Int = -1
    /// The left and right border widths the box uses when they are not its computed ones: a
    /// table with collapsed borders and its cells take half of each shared edge. Nil: its own.
    public var usedBorders: (left: Double, right: Double)? {
        get { usedBorderLeft.map { ($0, usedBorderRight ?? 0) } }
        set { usedBorderLeft = newValue?.left; usedBorderRight = newValue?.right }
    }
    var usedBorderLeft: Double?
    var usedBorderRight: Double?

    /// Right edge of the border box.
    public var right: Double? {
        guard let x, let width else { return nil }
        return x + width
    }

    public var contentRight: Double? {
        guard let contentX, let contentWidth else { return nil }
        return contentX + contentWidth
    }
}

/// Layout-lite as described in RULES.md: blocks fill their container, explicit widths (px, %, em,
/// attributes) with min/max clamps, auto-margin and legacy centring, tables with column widths
/// from cells and `<col>`, `cellspacing`, `cellpadding`, `colspan`/`rowspan`; floats and inline
/// boxes approximated as blocks.
struct LayoutLite {
    let doc: Document
    let styles: StyleTable
    let rendered: [Bool]
    let width: Double
    var boxes: [Box?]
    /// Content box each node offers to its children.
    var cbX: [Double?]
    var cbW: [Double?]
    /// Positions of atomic inline boxes (inline-block, images, …) laid out as line runs.
    var runPlacement: [NodeID: (x: Double?, centered: Bool, line: Int)] = [:]
    var lineCounter = 0
    /// Position of each node among its parent's children.
    var indexInParent: [Int32]

    /// Columns beyond this are not laid out (bounded work on hostile tables).
    static let maxColumns = 2_000
    /// (`picture` is not replaced: it is an inline container of its `<img>`, which is.)
    static let replaced: Set<String> = ["img", "svg", "video", "canvas", "object", "embed", "iframe", "audio"]

    init(doc: Document, styles: StyleTable, rendered: [Bool], width: Double) {
        self.doc = doc
        self.styles = styles
        self.rendered = rendered
        self.width = width
        boxes = [Box?](repeating: nil, count: doc.nodes.count)
        cbX = [Double?](repeating: nil, count: doc.nodes.count)
        cbW = [Double?](repeating: nil, count: doc.nodes.count)
        indexInParent = [Int32](repeating: 0, count: doc.nodes.count)
        for n in doc.nodes {
            for (k, c) in n.children.enumerated() where c < indexInParent.count { indexInParent[c] = Int32(k) }
        }
    }

    static func run(doc: Document, styles: StyleTable, rendered: [Bool], width: Double) -> [Box?] {
        var l = LayoutLite(doc: doc, styles: styles, rendered: rendered, width: width)
        l.layoutAll()
        return l.boxes
    }

    func isReplaced(_ id: NodeID) -> Bool {
        let name = doc.nodes[id].name
        if LayoutLite.replaced.contains(name) { return true }
        if name == "input" { return true }
        return false
    }

    mutating func layoutAll() {
        let nodes = doc.nodes
        for id in nodes.indices {
            guard let p = nodes[id].parent else {
                cbX[id] = 0
                cbW[id] = width
                continue
            }
            guard nodes[id].kind == .element, rendered[id] else {
                cbX[id] = cbX[p]
                cbW[id] = cbW[p]
                continue
            }
            let st = styles[id]
            if boxes[id] == nil {
                if st.display == .contents || (st.display.isTablePart && st.display != .tableCaption) {
                    // Table parts are placed by their table; stray ones are treated as blocks below.
                    if !st.display.isTablePart || hasTableAncestorLayout(id) {
                        cbX[id] = cbX[p]
                        cbW[id] = cbW[p]
                        continue
                    }
                }
                if runPlacement[id] == nil {
                    if st.float != .none, !st.display.isTablePart {
                        layoutFloatRun(from: id, parent: p)
                    } else if isAtomicInline(id) {
                        layoutInlineRun(from: id, parent: p)
                    }
                }
                boxes[id] = blockBox(id, st, parentStyle: styles[p], cx: cbX[p], cw: cbW[p])
            }
            if let b = boxes[id] {
                cbX[id] = b.contentX
                cbW[id] = b.contentWidth
            } else {
                cbX[id] = cbX[p]
                cbW[id] = cbW[p]
            }
            if st.display == .table || st.display == .inlineTable { layoutTable(id) }
        }
    }

    func hasTableAncestorLayout(_ id: NodeID) -> Bool {
        var cur = doc.nodes[id].parent
        while let c = cur {
            let d = styles[c].display
            if d == .table || d == .inlineTable { return true }
            if !d.isTablePart { return false }
            cur = doc.nodes[c].parent
        }
        return false
    }

    func edges(_ st: ComputedStyle, cw: Double?) -> (ml: Double?, mr: Double?, mlAuto: Bool, mrAuto: Bool, pl: Double?, pr: Double?) {
        let mlAuto = st.margin.left == .auto, mrAuto = st.margin.right == .auto
        return (mlAuto ? 0 : st.margin.left.resolve(cw), mrAuto ? 0 : st.margin.right.resolve(cw), mlAuto, mrAuto,
                st.padding.left.resolve(cw), st.padding.right.resolve(cw))
    }

    /// Border-box width from a specified width (content-box unless `box-sizing: border-box`).
    func borderBoxWidth(_ w: Length, _ st: ComputedStyle, cw: Double?, pl: Double?, pr: Double?, isTable: Bool) -> Double? {
        guard let v = w.resolve(cw) else { return nil }
        if st.borderBox || isTable { return v }
        guard let pl, let pr else { return nil }
        return v + pl + pr + st.borderWidth.left + st.borderWidth.right
    }

    /// Inline-level boxes that sit on a line as a unit: inline-block/-table/-flex/-grid and
    /// replaced elements (images), when not floated.
    func isAtomicInline(_ id: NodeID) -> Bool {
        let st = styles[id]
        guard st.float == .none else { return false }
        switch st.display {
        case .inlineBlock, .inlineTable, .inlineFlex, .inlineGrid: return true
        case .inline: return isReplaced(id)
        default: return false
        }
    }

    /// The rendered element siblings from `first` on that satisfy `member`, up to the first
    /// element that does not or the first text that is not white space (comments and hidden
    /// elements in between are skipped).
    func siblingRun(from first: NodeID, parent p: NodeID, _ member: (NodeID) -> Bool) -> [NodeID] {
        let nodes = doc.nodes
        let siblings = nodes[p].children
        let start = Int(indexInParent[first])
        guard start < siblings.count, siblings[start] == first else { return [] }
        var members: [NodeID] = []
        scan: for k in start..<siblings.count {
            let s = siblings[k]
            let n = nodes[s]
            switch n.kind {
            case .text:
                for u in n.text.unicodeScalars {
                    switch u.value {
                    case 0x20, 0x09, 0x0A, 0x0D, 0x0C: continue
                    default: break scan
                    }
                }
            case .element:
                if !rendered[s] { continue }
                if member(s) { members.append(s) } else { break scan }
            default:
                continue
            }
        }
        return members
    }

    /// Lays out a run of consecutive atomic inline siblings (whitespace, comments and hidden
    /// elements between them allowed) on lines of the parent's content box: boxes sit side by
    /// side, wrap when a line is full, and each line is aligned by the parent's `text-align`.
    mutating func layoutInlineRun(from first: NodeID, parent p: NodeID) {
        let members = siblingRun(from: first, parent: p) { isAtomicInline($0) }
        guard !members.isEmpty else { return }
        let cx = cbX[p], cw = cbW[p]
        let align = styles[p].physicalTextAlign
        struct Item { var id: NodeID; var outer: Double?; var ml: Double? }
        var lines: [[Item]] = []
        var current: [Item] = []
        var cursor: Double? = 0
        for m in members {
            let st = styles[m]
            let e = edges(st, cw: cw)
            let w = resolvedWidth(m, st, cw: cw, e: e)
            var outer: Double? = nil
            if let w, let ml = e.ml, let mr = e.mr { outer = w + ml + mr }
            if let o = outer, let cw, let c = cursor, !current.isEmpty, c + o > cw + 0.5 {
                lines.append(current)
                current = []
                cursor = 0
            }
            current.append(Item(id: m, outer: outer, ml: e.ml))
            cursor = cursor.flatMap { c in outer.map { c + $0 } }
        }
        if !current.isEmpty { lines.append(current) }
        for line in lines {
            lineCounter += 1
            var total: Double? = 0
            for it in line { total = total.flatMap { t in it.outer.map { t + $0 } } }
            var offset: Double?
            switch align {
            case .center: offset = total.flatMap { t in cw.map { max(0, ($0 - t) / 2) } }
            case .right: offset = total.flatMap { t in cw.map { max(0, $0 - t) } }
            default: offset = 0
            }
            var prefix: Double? = 0
            for it in line {
                var x: Double? = nil
                if let cx, let o = offset, let pre = prefix, let ml = it.ml { x = cx + o + pre + ml }
                runPlacement[it.id] = (x, align == .center && (offset ?? 0) > 0, lineCounter)
                prefix = prefix.flatMap { pr in it.outer.map { pr + $0 } }
            }
        }
    }

    /// Lays out consecutive floated siblings: left floats stack from the left edge, right floats
    /// from the right edge, and a float that does not fit starts a new line. Floats on one line
    /// share an `inlineLine` id (they are columns for the inset).
    mutating func layoutFloatRun(from first: NodeID, parent p: NodeID) {
        let members = siblingRun(from: first, parent: p) { styles[$0].float != .none && !styles[$0].display.isTablePart }
        guard !members.isEmpty else { return }
        let cx = cbX[p], cw = cbW[p]
        var left: Double? = 0, right: Double? = 0
        lineCounter += 1
        for m in members {
            let st = styles[m]
            let e = edges(st, cw: cw)
            let w = resolvedWidth(m, st, cw: cw, e: e)
            var outer: Double? = nil
            if let w, let ml = e.ml, let mr = e.mr { outer = w + ml + mr }
            if let o = outer, let cw, let l = left, let r = right, l + r > 0, l + r + o > cw + 0.5 {
                lineCounter += 1
                left = 0
                right = 0
            }
            var x: Double? = nil
            if st.float == .left {
                if let cx, let l = left, let ml = e.ml { x = cx + l + ml }
                left = left.flatMap { l in outer.map { l + $0 } }
            } else {
                if let cx, let cw, let r = right, let o = outer, let ml = e.ml { x = cx + cw - r - o + ml }
                right = right.flatMap { r in outer.map { r + $0 } }
            }
            runPlacement[m] = (x, false, lineCounter)
        }
    }

    /// Border-box width of a non-table-part box from its own style and the container width.
    func resolvedWidth(_ id: NodeID, _ st: ComputedStyle, cw: Double?,
                       e: (ml: Double?, mr: Double?, mlAuto: Bool, mrAuto: Bool, pl: Double?, pr: Double?)) -> Double? {
        let isTable = st.display == .table || st.display == .inlineTable
        let replaced = isReplaced(id)
        var bw: Double?
        var specified = false
        // `width` does not apply to inline non-replaced boxes.
        let w: Length = (st.display == .inline && !replaced) ? .auto : st.width
        switch w {
        case .px, .percent:
            bw = borderBoxWidth(w, st, cw: cw, pl: e.pl, pr: e.pr, isTable: isTable)
            specified = true
        case .unknown:
            bw = nil
            specified = true
        default:
            if replaced || isTable {
                bw = nil
            } else if let cw, let ml = e.ml, let mr = e.mr {
                bw = max(0, cw - ml - mr)
            }
        }
        if bw != nil, st.maxWidth == .unknown || st.minWidth == .unknown {
            // Clamped by an unknown bound (`max-width: {{w}}`, `calc()`): the width is unknown too.
            bw = nil
        } else if let v0 = bw {
            var v = v0
            if let mx = borderBoxWidth(st.maxWidth, st, cw: cw, pl: e.pl, pr: e.pr, isTable: isTable) { v = min(v, mx) }
            if let mn = borderBoxWidth(st.minWidth, st, cw: cw, pl: e.pl, pr: e.pr, isTable: isTable) { v = max(v, mn) }
            bw = v
        } else if !specified, !replaced, !isTable, st.maxWidth != .none {
            bw = nil
        }
        return bw
    }

    func blockBox(_ id: NodeID, _ st: ComputedStyle, parentStyle: ComputedStyle, cx: Double?, cw: Double?) -> Box {
        let e = edges(st, cw: cw)
        let bw = resolvedWidth(id, st, cw: cw, e: e)
        var box = Box()
        box.width = bw
        box.marginLeft = e.ml
        box.marginRight = e.mr
        if let placed = runPlacement[id] {
            box.x = placed.x
            box.isCentered = placed.centered
            box.inlineLine = placed.line
            box.holdsContent = !isEmptyOfContent(id)
            fillContent(&box, st, cw: cw)
            box.height = explicitHeight(st, cw: cw)
            return box
        }
        let inlineLevel = st.display == .inline || st.display == .inlineBlock || st.display == .inlineTable
        if let cx {
            if let w = bw, let cw {
                let free = cw - w - (e.mlAuto ? 0 : e.ml ?? 0) - (e.mrAuto ? 0 : e.mr ?? 0)
                if e.mlAuto && e.mrAuto {
                    let m = max(0, free / 2)
                    box.x = cx + (e.ml ?? 0) + m
                    let left = (e.ml ?? 0) + m
                    box.marginLeft = left
                    box.marginRight = cw - w - left
                    box.isCentered = free > 0
                } else if e.mlAuto {
                    box.x = cx + max(0, free)
                    box.marginLeft = max(0, free)
                } else if st.float == .right || (inlineLevel && parentStyle.physicalTextAlign == .right) {
                    box.x = cx + cw - w - (e.mr ?? 0)
                } else if (parentStyle.centersBlocks && !inlineLevel && st.float == .none)
                            || (inlineLevel && st.float == .none && parentStyle.physicalTextAlign == .center) {
                    box.x = cx + (e.ml ?? 0) + max(0, free / 2)
                    box.isCentered = free > 0
                } else if let ml = e.ml {
                    box.x = cx + ml
                }
            } else if !e.mlAuto, st.float != .right, !(inlineLevel && parentStyle.physicalTextAlign != .left
                                                             && parentStyle.physicalTextAlign != .justify),
                      !(parentStyle.centersBlocks && !inlineLevel && bw != nil), let ml = e.ml {
                box.x = cx + ml
            }
        }
        fillContent(&box, st, cw: cw)
        box.height = explicitHeight(st, cw: cw)
        return box
    }

    func explicitHeight(_ st: ComputedStyle, cw: Double?) -> Double? {
        guard case .px(var h) = st.height else { return nil }
        if case .px(let mx) = st.maxHeight { h = min(h, mx) }
        if case .px(let mn) = st.minHeight { h = max(h, mn) }
        if st.borderBox { return h }
        guard let pt = st.padding.top.resolve(cw), let pb = st.padding.bottom.resolve(cw) else { return nil }
        return h + pt + pb + st.borderWidth.top + st.borderWidth.bottom
    }

    /// `borders`: the left and right border widths the box uses, when not its own (a cell of a
    /// table with collapsed borders takes half of each shared edge).
    func fillContent(_ box: inout Box, _ st: ComputedStyle, cw: Double?, borders: (left: Double, right: Double)? = nil) {
        let pl = st.padding.left.resolve(cw), pr = st.padding.right.resolve(cw)
        let bl = borders?.left ?? st.borderWidth.left, br = borders?.right ?? st.borderWidth.right
        if let x = box.x, let pl { box.contentX = x + bl + pl }
        if let w = box.width, let pl, let pr {
            box.contentWidth = max(0, w - bl - br - pl - pr)
        }
    }

    // MARK: - Tables

    struct Cell {
        var id: NodeID
        var col: Int
        var span: Int
        var rowSpan: Int
    }

    func attrInt(_ id: NodeID, _ name: String, default d: Int, max m: Int) -> Int {
        guard let v = doc.nodes[id].attribute(name), let x = PresentationalHints.integer(v) else { return d }
        return Swift.max(1, Swift.min(m, CSSToken.clampInt(x)))
    }

    mutating func layoutTable(_ t: NodeID) {
        let st = styles[t]
        guard var tbox = boxes[t] else { return }
        let nodes = doc.nodes
        let spacing = st.borderCollapse ? 0 : st.borderSpacingPx
        // Rows (direct or via row groups), captions, columns.
        var rows: [NodeID] = []
        var groups: [NodeID] = []
        var captions: [NodeID] = []
        var colWidthsFromCols: [Length] = []
        func addCol(_ c: NodeID, _ inherited: Length?) {
            let span = attrInt(c, "span", default: 1, max: 1000)
            let w = styles[c].width == .auto ? (inherited ?? .auto) : styles[c].width
            for _ in 0..<span where colWidthsFromCols.count < LayoutLite.maxColumns { colWidthsFromCols.append(w) }
        }
        for c in nodes[t].children where nodes[c].kind == .element && rendered[c] {
            switch styles[c].display {
            case .tableRow: rows.append(c)
            case .tableRowGroup, .tableHeaderGroup, .tableFooterGroup:
                groups.append(c)
                for r in nodes[c].children where nodes[r].kind == .element && rendered[r] && styles[r].display == .tableRow {
                    rows.append(r)
                }
            case .tableCaption: captions.append(c)
            case .tableColumn: addCol(c, nil)
            case .tableColumnGroup:
                let cols = nodes[c].children.filter { nodes[$0].kind == .element && styles[$0].display == .tableColumn }
                if cols.isEmpty {
                    addCol(c, nil)
                } else {
                    for k in cols { addCol(k, styles[c].width == .auto ? nil : styles[c].width) }
                }
            default: break
            }
        }
        // Grid placement with rowspans.
        var rowCells: [[Cell]] = []
        var occupied: [Int] = []
        var ncols = colWidthsFromCols.count
        for r in rows {
            var cells: [Cell] = []
            var col = 0
            for c in nodes[r].children where nodes[c].kind == .element && rendered[c] && styles[c].display == .tableCell {
                while col < occupied.count, occupied[col] > 0 { col += 1 }
                guard col < LayoutLite.maxColumns else { break }
                let span = Swift.min(attrInt(c, "colspan", default: 1, max: 1000), LayoutLite.maxColumns - col)
                let rspan = attrInt(c, "rowspan", default: 1, max: 65534)
                cells.append(Cell(id: c, col: col, span: span, rowSpan: rspan))
                if occupied.count < col + span { occupied += [Int](repeating: 0, count: col + span - occupied.count) }
                if rspan > 1 { for k in col..<(col + span) { occupied[k] = max(occupied[k], rspan) } }
                col += span
            }
            ncols = max(ncols, col, occupied.count)
            for k in occupied.indices where occupied[k] > 0 { occupied[k] -= 1 }
            rowCells.append(cells)
        }
        guard ncols > 0 else { return }
        // Collapsed borders (CSS 2.1 §17.6.2): neighbouring cells share one border, the widest of
        // those meeting at a column edge (the table's own at the outer edges); each cell takes
        // half of each of its edges, the table half of its outer ones (the other half lies in
        // its margin), and the table has no padding.
        let collapse = st.borderCollapse
        var edges: [Double] = []
        if collapse {
            edges = [Double](repeating: 0, count: ncols + 1)
            edges[0] = st.borderWidth.left
            edges[ncols] = st.borderWidth.right
            for row in rowCells {
                for cell in row {
                    let cs = styles[cell.id], end = min(ncols, cell.col + cell.span)
                    edges[cell.col] = max(edges[cell.col], cs.borderWidth.left)
                    edges[end] = max(edges[end], cs.borderWidth.right)
                }
            }
        }
        func cellBorders(_ cell: Cell) -> (left: Double, right: Double)? {
            guard collapse else { return nil }
            return (edges[cell.col] / 2, edges[min(ncols, cell.col + cell.span)] / 2)
        }
        let bl = collapse ? edges[0] / 2 : st.borderWidth.left, br = collapse ? edges[ncols] / 2 : st.borderWidth.right
        let pl = collapse ? 0 : st.padding.left.resolve(tbox.width), pr = collapse ? 0 : st.padding.right.resolve(tbox.width)
        var inner: Double? = nil
        if let w = tbox.width, let pl, let pr { inner = w - bl - br - pl - pr }
        var avail: Double? = inner.map { max(0, $0 - spacing * Double(ncols + 1)) }

        // Column widths: <col>, then single-span cells (largest wins; px beats %).
        var colPx = [Double?](repeating: nil, count: ncols)
        var colPct = [Double?](repeating: nil, count: ncols)
        var unknownCol = [Bool](repeating: false, count: ncols)
        for (k, w) in colWidthsFromCols.enumerated() where k < ncols {
            switch w {
            case .px(let v): colPx[k] = v
            case .percent(let p): colPct[k] = p
            case .unknown: unknownCol[k] = true
            default: break
            }
        }
        for row in rowCells {
            for cell in row where cell.span == 1 {
                let cs = styles[cell.id]
                switch cs.width {
                case .px(let v):
                    let cpl = cs.padding.left.resolve(inner) ?? 0, cpr = cs.padding.right.resolve(inner) ?? 0
                    let borders = cellBorders(cell) ?? (cs.borderWidth.left, cs.borderWidth.right)
                    let b = cs.borderBox ? v : v + cpl + cpr + borders.left + borders.right
                    colPx[cell.col] = max(colPx[cell.col] ?? 0, b)
                case .percent(let p):
                    colPct[cell.col] = max(colPct[cell.col] ?? 0, p)
                case .unknown:
                    unknownCol[cell.col] = true
                default:
                    break
                }
            }
        }
        // Percentages over 100% are scaled down to fit, as browsers do.
        let pctSum = colPct.compactMap { $0 }.reduce(0, +)
        if pctSum > 100 {
            for k in 0..<ncols { colPct[k] = colPct[k].map { $0 * 100 / pctSum } }
        }
        var widths = [Double?](repeating: nil, count: ncols)
        for k in 0..<ncols {
            if let p = colPct[k], let a = avail {
                widths[k] = a * p / 100
            } else if let v = colPx[k] {
                widths[k] = v
            }
            if unknownCol[k] && colPx[k] == nil && colPct[k] == nil { widths[k] = nil }
        }
        let autoCols = (0..<ncols).filter { widths[$0] == nil && !unknownCol[$0] }
        let known = widths.compactMap { $0 }.reduce(0, +)
        let anyUnknown = unknownCol.contains(true) && (0..<ncols).contains { unknownCol[$0] && widths[$0] == nil }
        if let a = avail {
            if !autoCols.isEmpty && !anyUnknown {
                let share = max(0, a - known) / Double(autoCols.count)
                for k in autoCols { widths[k] = share }
            } else if autoCols.isEmpty && !anyUnknown && known > 0 && known < a {
                let f = a / known
                for k in 0..<ncols { widths[k] = widths[k].map { $0 * f } }
            }
        } else if autoCols.isEmpty && !anyUnknown && st.width == .auto {
            // Auto-width table whose columns are all known: it is as wide as its columns.
            let innerW = known + spacing * Double(ncols + 1)
            if let pl, let pr {
                let w = innerW + bl + br + pl + pr
                tbox = blockBox(t, st, parentStyle: styles[doc.nodes[t].parent ?? 0], cx: cbX[doc.nodes[t].parent ?? 0],
                                cw: cbW[doc.nodes[t].parent ?? 0])
                tbox.width = w
                // Re-place with the now known width.
                let p = doc.nodes[t].parent ?? 0
                if let cx = cbX[p], let cw = cbW[p] {
                    let ml = tbox.marginLeft ?? 0
                    let free = cw - w
                    if st.margin.left == .auto && st.margin.right == .auto || styles[p].centersBlocks {
                        tbox.x = cx + max(0, free / 2)
                        tbox.isCentered = free > 0
                    } else if st.float == .right {
                        tbox.x = cx + cw - w - (tbox.marginRight ?? 0)
                    } else {
                        tbox.x = cx + ml
                    }
                }
                fillContent(&tbox, st, cw: cbW[p])
                boxes[t] = tbox
                cbX[t] = tbox.contentX
                cbW[t] = tbox.contentWidth
                inner = innerW
                avail = known
            }
        }
        let tx: Double? = {
            guard let x = tbox.x, let pl else { return nil }
            return x + bl + pl
        }()
        if collapse {
            // The collapsing model: the table's content box starts after half its outer edge, no padding.
            tbox.usedBorders = (bl, br)
            tbox.contentX = tx
            tbox.contentWidth = inner
            boxes[t] = tbox
            cbX[t] = tx
            cbW[t] = inner
        }
        // Rows, groups, captions span the table's content box.
        for g in groups + rows {
            var b = Box()
            b.x = tx
            b.width = inner
            b.contentX = tx
            b.contentWidth = inner
            boxes[g] = b
        }
        for c in captions { boxes[c] = blockBox(c, styles[c], parentStyle: st, cx: tx, cw: inner) }
        // Cells.
        var prefix = [Double?](repeating: nil, count: ncols + 1)
        prefix[0] = 0
        for k in 0..<ncols { prefix[k + 1] = prefix[k].flatMap { p in widths[k].map { p + $0 } } }
        for row in rowCells {
            for cell in row {
                let end = min(ncols, cell.col + cell.span)
                var b = Box()
                b.isTableCell = true
                if let tx, let before = prefix[cell.col] { b.x = tx + spacing * Double(cell.col + 1) + before }
                if let a = prefix[end], let s = prefix[cell.col] { b.width = a - s + spacing * Double(end - cell.col - 1) }
                b.marginLeft = 0
                b.marginRight = 0
                b.usedBorders = cellBorders(cell)
                fillContent(&b, styles[cell.id], cw: inner, borders: b.usedBorders)
                b.height = explicitHeight(styles[cell.id], cw: inner)
                b.rowSpan = cell.rowSpan
                b.isSpacerCell = isEmptyOfContent(cell.id)
                boxes[cell.id] = b
            }
        }
    }

    /// True when an element holds no visible text (whitespace, `&nbsp;` and zero-width characters
    /// ignored) and no image or other replaced content, counting only what is rendered
    /// (`display`) and visible (`visibility`): a cell holding only hidden text is empty.
    func isEmptyOfContent(_ id: NodeID) -> Bool {
        var stack = doc.nodes[id].children
        while let n = stack.popLast() {
            guard n < rendered.count, rendered[n] else { continue }
            switch doc.nodes[n].kind {
            case .text:
                if styles[n].visibility == .visible, !doc.nodes[n].isBlankText { return false }
            case .element:
                if VisibleText.contentElements.contains(doc.nodes[n].name), styles[n].visibility == .visible { return false }
                stack.append(contentsOf: doc.nodes[n].children)
            default:
                continue
            }
        }
        return true
    }
}
