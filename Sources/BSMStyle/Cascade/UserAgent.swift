/// The built-in user-agent sheet (HTML rendering defaults relevant to email; `body` has no
/// 8 px margin, per RULES.md).
enum UserAgentSheet {
    static let css = """
    html, address, blockquote, body, center, dd, details, dialog, dir, div, dl, dt, fieldset, figcaption,
    figure, footer, form, h1, h2, h3, h4, h5, h6, header, hgroup, hr, legend, listing, main, menu, nav, ol,
    p, plaintext, pre, search, section, summary, ul, xmp, article, aside, optgroup, frameset, frame { display: block }
    head, style, script, title, meta, link, base, template, param, datalist, noembed, noframes, area, [hidden] { display: none }
    table { display: table; border-spacing: 2px }
    caption { display: table-caption; text-align: center }
    tr { display: table-row; vertical-align: inherit }
    thead { display: table-header-group; vertical-align: middle }
    tbody { display: table-row-group; vertical-align: middle }
    tfoot { display: table-footer-group; vertical-align: middle }
    col { display: table-column }
    colgroup { display: table-column-group }
    td, th { display: table-cell; padding: 1px; vertical-align: inherit }
    th { font-weight: bold; text-align: center }
    li { display: list-item }
    ul, menu, dir { list-style-type: disc; margin: 1em 0; padding-left: 40px }
    ol { list-style-type: decimal; margin: 1em 0; padding-left: 40px }
    ul ul, ol ul, ul ol, ol ol { margin-top: 0; margin-bottom: 0 }
    dd { margin-left: 40px }
    blockquote, figure { margin: 1em 40px }
    p, dl { margin: 1em 0 }
    h1 { font-size: 2em; margin: .67em 0; font-weight: bold }
    h2 { font-size: 1.5em; margin: .83em 0; font-weight: bold }
    h3 { font-size: 1.17em; margin: 1em 0; font-weight: bold }
    h4 { font-size: 1em; margin: 1.33em 0; font-weight: bold }
    h5 { font-size: .83em; margin: 1.67em 0; font-weight: bold }
    h6 { font-size: .67em; margin: 2.33em 0; font-weight: bold }
    small { font-size: smaller }
    big { font-size: larger }
    sub, sup { font-size: smaller }
    b, strong { font-weight: bolder }
    i, em, cite, var, dfn, address { font-style: italic }
    pre, xmp, plaintext, listing { white-space: pre; margin: 1em 0 }
    hr { border-width: 1px; border-style: inset; margin: .5em 0 }
    fieldset { margin: 0 2px; padding: .35em .75em .625em; border-width: 2px; border-style: groove }
    center { text-align: -webkit-center }
    a:link { color: #0000ee }
    img, input, button, select, textarea, video, canvas, svg, object, embed, iframe { display: inline-block }
    """

    static let sheet: Stylesheet = Stylesheet.parse(css)
}
