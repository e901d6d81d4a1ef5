import BSMDocument

/// What marks a table as a data table (RULES.md: `th`, `caption`, `scope`, `headers`,
/// `summary`), looked up in the table's own rows only: nested tables are their own tables.
struct TableSemantics: Sendable {
    /// The first data-table marker found, with the node that carries it.
    struct Marker: Sendable, Hashable {
        var node: NodeID
        /// `<th>`, `<caption>`, `scope="col"`, `headers="…"` or `summary="…"`.
        var describe: String
    }

    var markers: [Marker] = []
    var isDataTable: Bool { !markers.isEmpty }

    /// Markers of one table; `includeSummary` adds the table's own `summary` attribute.
    static func analyze(_ table: NodeID, in doc: Document, includeSummary: Bool) -> TableSemantics {
        var out = TableSemantics()
        let t = doc[table]
        if includeSummary, let s = t.attribute("summary"), !s.trimmingASCIISpaces().isEmpty {
            out.markers.append(Marker(node: table, describe: "summary=\"\(s)\""))
        }
        var stack = Array(t.children.reversed())
        while let id = stack.popLast() {
            let n = doc[id]
            guard n.kind == .element else { continue }
            if n.name == "table" { continue }
            if n.name == "th" || n.name == "caption" {
                out.markers.append(Marker(node: id, describe: "<\(n.name)>"))
            }
            if let s = n.attribute("scope") {
                out.markers.append(Marker(node: id, describe: "scope=\"\(s)\""))
            }
            if let h = n.attribute("headers") {
                out.markers.append(Marker(node: id, describe: "headers=\"\(h)\""))
            }
            stack.append(contentsOf: n.children.reversed())
        }
        return out
    }
}
