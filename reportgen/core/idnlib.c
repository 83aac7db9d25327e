/* idnlib.c: libidn2 loaded on first use (idnlib.h, through dynlib.c), by the soname of the
 * library the build compiled against (RG_IDN2_SONAME). */
#include "dynlib.h"
#include "idnlib.h"

#ifndef RG_IDN2_SONAME
#define RG_IDN2_SONAME "libidn2.so.0"
#endif

struct idnlib rg_idn;

static const struct dynlib_fn idnlib_fns[] = {
#define IDNLIB_FN(f) DYNLIB_FN(struct idnlib, f),
        IDNLIB_FUNCTIONS(IDNLIB_FN)
#undef IDNLIB_FN
};

static struct dynlib idnlib = DYNLIB_INIT(RG_IDN2_SONAME, "checks internationalised domain names",
                                          idnlib_fns, &rg_idn, NULL);

void idnlib_need(void)
{
	dynlib_need(&idnlib);
}
