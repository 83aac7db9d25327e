/* dynlib.h: libraries loaded the first time a document needs them (dynlib.c), so that a
 * process pays at start-up only for those it uses for every format. Each such library has
 * a module here (xmllib, idnlib, jpglib, hblib) with a table of the functions reportgen calls,
 * members typed by the library's own declarations, filled by dynlib_load. */
#ifndef RG_DYNLIB_H
#define RG_DYNLIB_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

/* One function: its name and where its pointer goes in the module's table. */
struct dynlib_fn {
	const char *name;
	size_t offset;
};

struct dynlib {
	const char *soname; /* the library the build compiled against (CMake reads it) */
	const char *role;   /* what it does for reportgen, for messages: "writes ..." */
	const struct dynlib_fn *fns;
	size_t nfns;
	void *table;          /* the module's table, all NULL until loaded */
	void (*init)(void);   /* called once after loading, or NULL */
	pthread_mutex_t lock; /* PTHREAD_MUTEX_INITIALIZER; held while loading */
	int state;            /* 0 not tried, 1 loaded, -1 failed (why says why) */
	char why[256];
};

/* A dynlib_fn for member f of table type T. */
#define DYNLIB_FN(T, f)            \
	{                          \
#f, offsetof(T, f) \
	}

/* The initialiser of a module's struct dynlib: its library, role, functions (an array of
 * dynlib_fn), table and init (or NULL). */
#define DYNLIB_INIT(so, rl, fnarray, tbl, initfn)                                                 \
	{                                                                                         \
		.soname = (so), .role = (rl), .fns = (fnarray),                                   \
		.nfns = sizeof(fnarray) / sizeof((fnarray)[0]), .table = (tbl), .init = (initfn), \
		.lock = PTHREAD_MUTEX_INITIALIZER                                                 \
	}

/* Loads lib (once for the process; safe from any thread). NULL when it is loaded, else
 * why not, the dynamic loader's message, for a diagnostic. */
const char *dynlib_load(struct dynlib *lib);

/* dynlib_load for a library the package depends on and that reportgen cannot do without
 * where it is asked for: when it does not load, says so ("reportgen: cannot load
 * libidn2, which ...: why") and exits 3, as running out of memory does. */
void dynlib_need(struct dynlib *lib);

#endif
