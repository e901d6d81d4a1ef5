import Testing
import BSMDocument
@testable import BSMStyle

/// Parses a UTF-8 string as HTML.
func parseHTML(_ s: String) throws -> Document {
    let decoded = TextDecoder.decode(Array(s.utf8), html: true)
    return try HTMLParser.parse(decoded.source)
}

/// Elements with this name, in document order.
func elements(_ doc: Document, _ name: String) -> [NodeID] { doc.elements(named: name) }

/// The first element whose id attribute is `id`.
func byID(_ doc: Document, _ id: String) -> NodeID? {
    doc.nodes.indices.first { doc.nodes[$0].kind == .element && doc.nodes[$0].attribute("id") == id }
}

struct Styled {
    let doc: Document
    let engine: StyleEngine
    let styled: StyledDocument

    init(_ html: String, width: Double = 600, containsPlaceholder: ((String) -> Bool)? = nil) throws {
        doc = try parseHTML(html)
        engine = StyleEngine(document: doc, containsPlaceholder: containsPlaceholder)
        styled = engine.resolve(width: width)
    }

    func id(_ s: String) throws -> NodeID { try #require(byID(doc, s)) }
    func style(_ s: String) throws -> ComputedStyle { styled.style(of: try id(s)) }
    func box(_ s: String) throws -> Box { try #require(styled.box(of: try id(s))) }
}
