/* xmllib.c: libxml2 loaded on first use (xmllib.h). The library is the one the build
 * compiled against: CMake passes its soname (RG_XML2_SONAME), so the headers' types and the
 * loaded code agree. It is never unloaded. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#include "xmllib.h"

#ifndef RG_XML2_SONAME
#define RG_XML2_SONAME "libxml2.so.2"
#endif

struct xmllib rg_xml;
static pthread_once_t xmllib_once = PTHREAD_ONCE_INIT;
static char xmllib_why[256];

static void xmllib_open(void)
{
	void *h = dlopen(RG_XML2_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		const char *e = dlerror();
		snprintf(xmllib_why, sizeof(xmllib_why), "%s",
		         e ? e : "cannot load " RG_XML2_SONAME);
		return;
	}
	struct xmllib x;
	const char *missing = NULL;
#define XMLLIB_LOAD(f)                      \
	*(void **)&x.f = dlsym(h, #f);      \
	if (x.f == NULL && missing == NULL) \
		missing = #f;
	XMLLIB_FUNCTIONS(XMLLIB_LOAD)
#undef XMLLIB_LOAD
	if (missing != NULL) {
		snprintf(xmllib_why, sizeof(xmllib_why), "%s lacks %s", RG_XML2_SONAME, missing);
		return;
	}
	x.xmlInitParser(); /* once, before any thread uses it, as libxml2 asks */
	rg_xml = x;
}

const char *xmllib_load(void)
{
	pthread_once(&xmllib_once, xmllib_open);
	return rg_xml.xmlNewDoc != NULL ? NULL : xmllib_why;
}
