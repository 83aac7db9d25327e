/* jpglib.c: libjpeg loaded on first use (jpglib.h, through dynlib.c), by the soname of the
 * library the build compiled against (RG_JPEG_SONAME). */
#include "dynlib.h"
#include "jpglib.h"

#ifndef RG_JPEG_SONAME
#define RG_JPEG_SONAME "libjpeg.so.62"
#endif

struct jpglib rg_jpg;

static const struct dynlib_fn jpglib_fns[] = {
#define JPGLIB_FN(f) DYNLIB_FN(struct jpglib, f),
        JPGLIB_FUNCTIONS(JPGLIB_FN)
#undef JPGLIB_FN
};

static struct dynlib jpglib =
        DYNLIB_INIT(RG_JPEG_SONAME, "reads JPEG images", jpglib_fns, &rg_jpg, NULL);

void jpglib_need(void)
{
	dynlib_need(&jpglib);
}
