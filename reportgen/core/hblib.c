/* hblib.c: HarfBuzz loaded on first use (hblib.h, through dynlib.c), by the soname of the
 * libharfbuzz-subset the build compiled against (RG_HB_SONAME); its own dependency,
 * libharfbuzz, comes with it, and dlsym on it finds the functions of both. */
#include "dynlib.h"
#include "hblib.h"

#ifndef RG_HB_SONAME
#define RG_HB_SONAME "libharfbuzz-subset.so.0"
#endif

struct hblib rg_hb;

static const struct dynlib_fn hblib_fns[] = {
#define HBLIB_FN(f) DYNLIB_FN(struct hblib, f),
        HBLIB_FUNCTIONS(HBLIB_FN)
#undef HBLIB_FN
};

static struct dynlib hblib =
        DYNLIB_INIT(RG_HB_SONAME, "makes the PDF's font subsets", hblib_fns, &rg_hb, NULL);

void hblib_need(void)
{
	dynlib_need(&hblib);
}

void hblib_prepare(bool forks)
{
	if (forks)
		dynlib_load(&hblib);
}
