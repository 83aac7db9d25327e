/* xmllib.h: libxml2, loaded the first time an XML output needs it (xmllib.c). Linking it
 * would load it, ICU and the C++ runtime into every process, for every format: some 2 ms
 * of start-up in a render of about 17. Code that writes or checks XML calls xmllib_load()
 * once, then libxml2's functions through rg_xml: rg_xml.xmlNewDoc(...). Each member has
 * the type of the function the headers declare, so the compiler checks every call. */
#ifndef RG_XMLLIB_H
#define RG_XMLLIB_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>

/* Every libxml2 function reportgen calls. */
#define XMLLIB_FUNCTIONS(X)           \
	X(xmlAllocOutputBuffer)       \
	X(xmlCreatePushParserCtxt)    \
	X(xmlCtxtUseOptions)          \
	X(xmlDocGetRootElement)       \
	X(xmlDocSetRootElement)       \
	X(xmlFreeDoc)                 \
	X(xmlFreeNode)                \
	X(xmlFreeParserCtxt)          \
	X(xmlInitParser)              \
	X(xmlNewChild)                \
	X(xmlNewDoc)                  \
	X(xmlNewDocNode)              \
	X(xmlNewNs)                   \
	X(xmlNewNsProp)               \
	X(xmlNewProp)                 \
	X(xmlNewTextChild)            \
	X(xmlNodeDumpOutput)          \
	X(xmlOutputBufferClose)       \
	X(xmlOutputBufferCreateFile)  \
	X(xmlOutputBufferGetContent)  \
	X(xmlOutputBufferGetSize)     \
	X(xmlOutputBufferWrite)       \
	X(xmlOutputBufferWriteString) \
	X(xmlParseChunk)              \
	X(xmlSetNs)                   \
	X(xmlUnlinkNode)

struct xmllib {
#define XMLLIB_MEMBER(f) __typeof__(f) *f;
	XMLLIB_FUNCTIONS(XMLLIB_MEMBER)
#undef XMLLIB_MEMBER
};

/* Filled by the first successful xmllib_load(); read only after one. */
extern struct xmllib rg_xml;

/* Loads libxml2 (once for the process; safe from any thread). NULL when it is loaded,
 * else why not (the dynamic loader's message), for a diagnostic. */
const char *xmllib_load(void);

#endif
