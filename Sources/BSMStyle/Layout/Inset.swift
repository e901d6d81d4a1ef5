import BSMDocument

extension StyledDocument {
    /// Horizontal inset of a box's content from the message edges, as RULES.md defines it: the
    /// space between `[0, W]` and the content box that is margin, border, padding, centring or
    /// empty spacer cells — space taken by sibling table cells that hold content (other columns)
    /// is not counted. A side is nil when any width it depends on is unknown.
    ///
    /// An inline-level box (inline-block badge, image) that shares its line with text of its parent
    /// is measured as that parent: its own narrow box is not an inset.
    public func inset(of start: NodeID) -> (left: Double?, right: Double?) {
        var id = start
        while let b = box(of: id), let p = document.nodes[id].parent, p != Document.rootID,
              isInlineLevel(style(of: id).display), style(of: id).float == .none, b.width != nil,
              hasOwnText(p) {
            id = p
        }
        guard let b = box(of: id), let cx = b.contentX else { return (nil, nil) }
        var left: Double? = cx
        var right: Double? = b.contentRight.map { width - $0 }
        let nodes = document.nodes
        var cur: NodeID? = id
        while let n = cur {
            if let me = box(of: n), me.inlineLine >= 0, let parent = nodes[n].parent, let myX = me.x {
                // Inline-block columns on the same line.
                for sib in nodes[parent].children where sib != n {
                    guard let sb = box(of: sib), sb.inlineLine == me.inlineLine, sb.holdsContent else { continue }
                    guard let sx = sb.x, let sw = sb.width else {
                        if (sb.x ?? -Double.infinity) < myX { left = nil } else { right = nil }
                        continue
                    }
                    if sx < myX { left = left.map { $0 - sw } } else { right = right.map { $0 - sw } }
                }
            }
            if let cell = box(of: n), cell.isTableCell, let row = nodes[n].parent, let cellX = cell.x {
                for sib in nodes[row].children where sib != n {
                    guard let sb = box(of: sib), sb.isTableCell, !sb.isSpacerCell else { continue }
                    guard let sx = sb.x, let sw = sb.width else {
                        // A content column of unknown position/width: that side is unknown.
                        if (sb.x ?? -Double.infinity) < cellX { left = nil } else { right = nil }
                        continue
                    }
                    if sx < cellX {
                        left = left.map { $0 - sw }
                    } else {
                        right = right.map { $0 - sw }
                    }
                }
            }
            cur = nodes[n].parent
        }
        return (left, right)
    }

    func isInlineLevel(_ d: Display) -> Bool {
        d == .inline || d == .inlineBlock || d == .inlineTable || d == .inlineFlex || d == .inlineGrid
    }

    /// True when the element has a direct text child with visible characters.
    func hasOwnText(_ id: NodeID) -> Bool {
        let nodes = document.nodes
        for c in nodes[id].children where nodes[c].kind == .text {
            for u in nodes[c].text.unicodeScalars {
                switch u.value {
                case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0xA0: continue
                default: return true
                }
            }
        }
        return false
    }
}
