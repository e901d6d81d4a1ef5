#ifndef BSM_LIBXML2_SHIM_H
#define BSM_LIBXML2_SHIM_H
// The only place bsmlint touches libxml2's headers. Debian builds libxml2 with ICU; Foundation
// bundles its own ICU, and a module that sees both fails to build ("UErrorCode has different
// definitions"). The ICU members are trailing struct fields Swift never touches, so turn them off.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <string.h>

/// Initialise libxml2 once per process (thread-safe after this call).
static inline void bsm_xml_init(void) { xmlInitParser(); }

/// Parse `size` bytes of UTF-8 HTML with the given SAX handler (copied into the context) and
/// private pointer. Mirrors htmlDoRead's explicit-encoding path so a `<meta charset>` in the
/// already-transcoded buffer cannot switch the decoder. Returns the document libxml2 made (with
/// bsmlint's handlers it holds at most a DOCTYPE; caller frees with xmlFreeDoc) or NULL.
static inline htmlDocPtr bsm_html_parse(const char *buffer, int size, const htmlSAXHandler *sax,
                                        void *priv, int options, int *errorCount) {
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(buffer, size);
    if (ctxt == NULL) return NULL;
    if (ctxt->sax != NULL) memcpy(ctxt->sax, sax, sizeof(htmlSAXHandler));
    ctxt->userData = ctxt;
    ctxt->_private = priv;
    htmlCtxtUseOptions(ctxt, options);
    xmlCharEncodingHandlerPtr hdlr = xmlFindCharEncodingHandler("UTF-8");
    if (hdlr != NULL) {
        xmlSwitchToEncoding(ctxt, hdlr);
        if (ctxt->input != NULL) {
            if (ctxt->input->encoding != NULL) xmlFree((xmlChar *)ctxt->input->encoding);
            ctxt->input->encoding = xmlStrdup((const xmlChar *)"UTF-8");
        }
    }
    htmlParseDocument(ctxt);
    htmlDocPtr doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    if (errorCount != NULL) *errorCount = ctxt->wellFormed ? 0 : 1;
    htmlFreeParserCtxt(ctxt);
    return doc;
}

/// Byte offset (in the parsed buffer) of the parser's cursor.
static inline long bsm_ctxt_offset(void *ctx) {
    htmlParserCtxtPtr ctxt = (htmlParserCtxtPtr)ctx;
    if (ctxt == NULL || ctxt->input == NULL || ctxt->input->cur == NULL || ctxt->input->base == NULL) return -1;
    return (long)ctxt->input->consumed + (long)(ctxt->input->cur - ctxt->input->base);
}

static inline void *bsm_ctxt_private(void *ctx) { return ((htmlParserCtxtPtr)ctx)->_private; }
static inline xmlNodePtr bsm_ctxt_node(void *ctx) { return ((htmlParserCtxtPtr)ctx)->node; }
static inline xmlDocPtr bsm_ctxt_doc(void *ctx) { return ((htmlParserCtxtPtr)ctx)->myDoc; }

/// Depth of the parser's open-element name stack. libxml2 closes an element without an
/// endElement event when its start tag never ends ("Couldn't find end of Start Tag"); a SAX
/// consumer keeps its own stack in step with this one.
static inline int bsm_ctxt_name_depth(void *ctx) { return ((htmlParserCtxtPtr)ctx)->nameNr; }
/// True when the document has a DOCTYPE node (libxml2 makes it the document's first child).
static inline int bsm_ctxt_has_dtd(void *ctx) {
    htmlParserCtxtPtr ctxt = (htmlParserCtxtPtr)ctx;
    return ctxt->myDoc != NULL && ctxt->myDoc->intSubset != NULL;
}

static inline void bsm_xml_free(void *p) { if (p != NULL) xmlFree(p); }
#endif
