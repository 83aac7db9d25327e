/* xmllib.c: libxml2 loaded on first use (xmllib.h, through dynlib.c). The library is the one
 * the build compiled against: CMake passes its soname (RG_XML2_SONAME), so the headers'
 * types and the loaded code agree. */
#include "dynlib.h"
#include "xmllib.h"

#ifndef RG_XML2_SONAME
#define RG_XML2_SONAME "libxml2.so.2"
#endif

struct xmllib rg_xml;

static const struct dynlib_fn xmllib_fns[] = {
#define XMLLIB_FN(f) DYNLIB_FN(struct xmllib, f),
        XMLLIB_FUNCTIONS(XMLLIB_FN)
#undef XMLLIB_FN
};

static void xmllib_init(void)
{
	rg_xml.xmlInitParser(); /* once, before any thread uses it, as libxml2 asks */
}

static struct dynlib xmllib =
        DYNLIB_INIT(RG_XML2_SONAME, "writes and checks XML", xmllib_fns, &rg_xml, xmllib_init);

const char *xmllib_load(void)
{
	return dynlib_load(&xmllib);
}
