/// Plain-text messages (`.txt`, an .eml's text/plain part, SP-API message bodies): a document
/// with one text node holding the whole text, so rules that read text work unchanged.
public enum PlainText {
    public static func document(_ source: SourceText) -> Document {
        let end = source.utf8.count
        var root = Node(kind: .document, range: SourceRange(at: source.position(0)))
        var nodes = [root]
        if end > 0 {
            let text = Node(kind: .text, text: source.text(0, end), parent: Document.rootID,
                            range: source.range(0, end), decodedStart: 0, decodedEnd: end, depth: 1)
            nodes.append(text)
            root.children = [1]
            nodes[0] = root
        }
        return Document(nodes: nodes, source: source, kind: .text, isFragment: true)
    }
}
