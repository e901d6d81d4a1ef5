import FuzzSupport
import BSMDocument
import BSMStyle

/// CSS on arbitrary text: the tokenizer, the stylesheet and declaration-list parsers, the selector
/// parser, colour parsing, and the cascade (selector matching included) over a small fixed
/// document whose `<style>` block and `style` attribute carry the input.
enum FuzzCSS {
    static let head = "<html><head><style>"
    static let middle = """
    </style></head><body><table width="600"><tr><td class="a b" id="c">
    <div lang="en"><p class="a">x <a href="https://amazon.com">y</a> <img src="https://a/b.png" alt="" width="700"></p>
    <ul><li>1</li><li class="b">2</li><li id="z">3</li></ul><span></span><p style="
    """
    static let tail = "\">z</p></div></td></tr></table></body></html>"

    static func run(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        let css = String(decoding: fuzzBytes(data, size), as: UTF8.self)
        _ = CSSTokenizer.tokenize(css)
        _ = CSSTokenizer.tokenize(css, keepComments: true)
        let sheet = Stylesheet.parse(css)
        _ = Stylesheet.parseDeclarations(css)
        _ = SelectorParser.parse(css)
        for rule in sheet.rules.prefix(32) { _ = rule.selectors.map { $0.specificity } }
        _ = CSSColor.parse(css)
        _ = CSSColor.parseLegacy(css)
        // The same text in a <style> block and (with quotes dropped) in a style attribute.
        let attr = css.replacingOccurrences(of: "\"", with: "'")
        let page = head + css + middle + attr + tail
        if let doc = try? HTMLParser.parse(SourceText(string: page)) {
            let engine = StyleEngine(document: doc)
            _ = engine.resolve(width: 375)
        }
        return 0
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzCSS.run(data, size)
}

runFuzzer(fuzzTestOneInput, warmUp: ["", "p{color:red} a:not(.b) > c + d ~ e[f=g]{margin:0 auto !important} @media (max-width:600px){td{width:100%}} @font-face{src:url(x)} @import url(y);"])
