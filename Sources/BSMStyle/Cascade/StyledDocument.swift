import BSMDocument

/// Computed styles and layout-lite boxes of every node at one reference width.
///
/// Immutable; its tables live in one shared storage object, so a copy (rules iterate over the
/// widths, closures capture them) costs one retain instead of one per table.
public struct StyledDocument: Sendable {
    struct Tables: Sendable {
        let width: Double
        let engine: StyleEngine
        let styles: StyleTable
        let origins: [OriginRef]
        let rendered: [Bool]
        let boxes: [Box?]
        /// Hidden by an effect on the node or an ancestor: `opacity: 0`, or a box of zero height
        /// or width (`max-height: 0`, `max-width: 0`) that cuts its overflow off (the
        /// hidden-preheader idiom).
        let concealed: [Bool]
    }

    let storage: SharedValue<Tables>

    init(engine: StyleEngine, width: Double, styles: StyleTable, origins: [OriginRef], rendered: [Bool]) {
        let boxes = LayoutLite.run(doc: engine.document, styles: styles, rendered: rendered, width: width)
        let nodes = engine.document.nodes
        var concealed = [Bool](repeating: false, count: nodes.count)
        for id in nodes.indices {
            if let p = nodes[id].parent, concealed[p] {
                concealed[id] = true
            } else if nodes[id].kind == .element {
                let st = styles[id]
                concealed[id] = st.opacity <= 0 || StyledDocument.clipsToNothing(st)
            }
        }
        storage = SharedValue(Tables(width: width, engine: engine, styles: styles, origins: origins, rendered: rendered,
                                     boxes: boxes, concealed: concealed))
    }

    /// Whether a box of zero height or width cuts off all it holds: `max-height: 0` (or
    /// `height: 0`) with `overflow: hidden` and no padding (the hidden-preheader idiom), likewise
    /// across. Sizes and overflow clip only block containers (not inline boxes; a table cell's
    /// height is a minimum).
    static func clipsToNothing(_ st: ComputedStyle) -> Bool {
        switch st.display {
        case .block, .inlineBlock, .listItem, .flex, .inlineFlex, .grid, .inlineGrid, .flowRoot: break
        default: return false
        }
        // `overflow` clips at the padding box: padding (`height: 0; padding-bottom: 56.25%`, the
        // aspect-ratio box) leaves room to show.
        return (st.clipsOverflowY && (st.height.isZero || st.maxHeight.isZero) && st.padding.top.isZero && st.padding.bottom.isZero)
            || (st.clipsOverflowX && (st.width.isZero || st.maxWidth.isZero) && st.padding.left.isZero && st.padding.right.isZero)
    }

    /// The outermost ancestor of a node whose zero-size box cuts it off (`max-height: 0;
    /// overflow: hidden` around it), or nil.
    public func clippingAncestor(of id: NodeID) -> NodeID? {
        let nodes = document.nodes
        guard id >= 0, id < nodes.count else { return nil }
        var outer: NodeID?
        var cur = nodes[id].parent
        while let c = cur, nodes[c].kind == .element {
            if StyledDocument.clipsToNothing(style(of: c)) { outer = c }
            cur = nodes[c].parent
        }
        return outer
    }

    /// The reference width `W` these styles and boxes were resolved for.
    public var width: Double { storage.value.width }
    var engine: StyleEngine { storage.value.engine }
    var styles: StyleTable { storage.value.styles }
    var origins: [OriginRef] { storage.value.origins }
    var rendered: [Bool] { storage.value.rendered }
    var boxes: [Box?] { storage.value.boxes }

    public var document: Document { engine.document }

    /// Computed style of a node (text and other non-element nodes get their parent's).
    public func style(of id: NodeID) -> ComputedStyle {
        let t = storage.value
        guard id >= 0, id < t.styles.slot.count else { return .initial }
        return t.styles.values[Int(t.styles.slot[id])]
    }

    /// `style(of: id).display`, `.float`, `.height` and `.opacity` without copying the whole computed style
    /// (loops over every element ask only these).
    public func display(of id: NodeID) -> Display {
        guard id >= 0, id < storage.value.styles.slot.count else { return ComputedStyle.initial.display }
        return storage.value.styles.values[Int(storage.value.styles.slot[id])].display
    }

    public func float(of id: NodeID) -> FloatSide {
        guard id >= 0, id < storage.value.styles.slot.count else { return ComputedStyle.initial.float }
        return storage.value.styles.values[Int(storage.value.styles.slot[id])].float
    }

    public func height(of id: NodeID) -> Length {
        guard id >= 0, id < storage.value.styles.slot.count else { return ComputedStyle.initial.height }
        return storage.value.styles.values[Int(storage.value.styles.slot[id])].height
    }

    /// Whether the node's text keeps its line breaks (`white-space: pre`, `pre-wrap`,
    /// `pre-line`, `break-spaces`), without copying the style.
    public func keepsLineBreaks(_ id: NodeID) -> Bool {
        guard id >= 0, id < storage.value.styles.slot.count else { return false }
        switch storage.value.styles.values[Int(storage.value.styles.slot[id])].whiteSpace {
        case "pre", "pre-wrap", "pre-line", "break-spaces": return true
        default: return false
        }
    }

    public func opacity(of id: NodeID) -> Double {
        guard id >= 0, id < storage.value.styles.slot.count else { return ComputedStyle.initial.opacity }
        return storage.value.styles.values[Int(storage.value.styles.slot[id])].opacity
    }

    /// The declaration (or attribute, UA rule, initial value) that produced a computed value;
    /// for inherited values, also the ancestor it was inherited from.
    public func origin(of id: NodeID, for property: StyleProperty) -> PropertyOrigin {
        let P = StyleProperty.count
        guard id >= 0, id < styles.slot.count else { return PropertyOrigin(origin: .initial, inheritedFrom: nil) }
        let r = origins[Int(styles.slot[id]) * P + property.rawValue]
        return PropertyOrigin(origin: engine.origin(r), inheritedFrom: r.from >= 0 ? NodeID(r.from) : nil)
    }

    /// A cheap identity of `origin(of:for:).origin` (equal keys: equal origins; different keys may
    /// still name equal origins), with the element the value was inherited from. For grouping
    /// many nodes by origin without building each `StyleOrigin`.
    public func originKey(of id: NodeID, for property: StyleProperty) -> (key: Int64, inheritedFrom: NodeID?) {
        let P = StyleProperty.count
        guard id >= 0, id < styles.slot.count else { return (-1, nil) }
        let r = origins[Int(styles.slot[id]) * P + property.rawValue]
        return ((Int64(r.kind.rawValue) << 32) | Int64(UInt32(bitPattern: r.index)), r.from >= 0 ? NodeID(r.from) : nil)
    }

    /// `isRendered(id) && style(of: id).visibility == .visible`, without copying the style.
    public func isVisible(_ id: NodeID) -> Bool {
        let t = storage.value
        guard id >= 0, id < t.rendered.count, t.rendered[id] else { return false }
        guard id < t.styles.slot.count else { return ComputedStyle.initial.visibility == .visible }
        return t.styles.values[Int(t.styles.slot[id])].visibility == .visible
    }

    /// False when the node or an ancestor has `display: none`.
    public func isRendered(_ id: NodeID) -> Bool {
        let t = storage.value
        guard id >= 0, id < t.rendered.count else { return false }
        return t.rendered[id]
    }

    /// True when text in the node (a text node, or an element's own text) can be seen: it is
    /// rendered (`display`) and visible (`visibility`), no `opacity: 0` is on it or an ancestor,
    /// no ancestor box of zero height cuts it off (`max-height: 0; overflow: hidden`, the
    /// hidden-preheader idiom), and its font size is not 0 nor its colour `transparent`.
    public func showsText(_ id: NodeID) -> Bool {
        let t = storage.value
        guard isVisible(id), id < t.concealed.count, !t.concealed[id] else { return false }
        let slot = Int(t.styles.slot[id])
        if t.styles.values[slot].fontSizeKnown, t.styles.values[slot].fontSizePx <= 0 { return false }
        if t.styles.values[slot].colorKnown, t.styles.values[slot].color.a <= 0 { return false }
        return true
    }

    /// The node's layout-lite box (nil: no box — non-elements, `display:none`, `display:contents`).
    public func box(of id: NodeID) -> Box? {
        let t = storage.value
        guard id >= 0, id < t.boxes.count else { return nil }
        return t.boxes[id]
    }

    /// Author declaration by index (as found in `StyleOrigin.stylesheet/inlineStyle`).
    public func declaration(_ index: Int) -> Declaration { engine.stylesheet.declarations[index] }
}

extension StyledDocument {
    /// The opaque colour painted behind a node's text: its own and its ancestors' background
    /// colours composited over the message background (white). Nil when a background image (or
    /// an unevaluable one) lies between, since its colour is unknown.
    public func backgroundColor(behind id: NodeID) -> RGBA? {
        let nodes = document.nodes
        guard id >= 0, id < nodes.count else { return nil }
        var layers: [RGBA] = []
        var cur: NodeID? = nodes[id].kind == .element ? id : nodes[id].parent
        while let n = cur, n != Document.rootID {
            if nodes[n].kind == .element {
                let st = style(of: n)
                // A background image paints over the element's colour: what is behind the text
                // is unknown, whatever the colour.
                if st.backgroundImage != nil || st.hasNonURLBackgroundImage || !st.backgroundColorKnown { return nil }
                if st.backgroundColor.isOpaque {
                    layers.append(st.backgroundColor)
                    break
                }
                if !st.backgroundColor.isTransparent { layers.append(st.backgroundColor) }
            }
            cur = nodes[n].parent
        }
        var result = RGBA.white
        for layer in layers.reversed() { result = layer.over(result) }
        return result
    }

    /// WCAG contrast ratio of two colours (the foreground composited over the opaque background).
    public static func contrastRatio(_ foreground: RGBA, _ background: RGBA) -> Double {
        let fg = foreground.over(background)
        let a = fg.relativeLuminance, b = background.relativeLuminance
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
}
