/* idnlib.h: libidn2, loaded the first time a host name needs it (idnlib.c): one that is not
 * ASCII, or has an xn-- label. Linking it would load it and libunistring (1.7 MB, its
 * relocations) into every process. Callers call idnlib_need() first, then
 * rg_idn.idn2_to_ascii_8z(...). */
#ifndef RG_IDNLIB_H
#define RG_IDNLIB_H

#include <idn2.h>

/* Every libidn2 function reportgen calls. */
#define IDNLIB_FUNCTIONS(X) \
	X(idn2_free)        \
	X(idn2_to_ascii_8z) \
	X(idn2_to_unicode_8z8z)

struct idnlib {
#define IDNLIB_MEMBER(f) __typeof__(f) *f;
	IDNLIB_FUNCTIONS(IDNLIB_MEMBER)
#undef IDNLIB_MEMBER
};

/* Filled by idnlib_need(); read only after it. */
extern struct idnlib rg_idn;

/* Loads libidn2 (once; safe from any thread), or says why not and exits 3. */
void idnlib_need(void);

#endif
