/* dynlib.c: libraries loaded on first use (dynlib.h). A library is opened with
 * RTLD_NOW | RTLD_LOCAL, every function of its table looked up, and never unloaded. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dynlib.h"

static void dynlib_open(struct dynlib *lib)
{
	void *h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		const char *e = dlerror();
		snprintf(lib->why, sizeof(lib->why), "%s", e ? e : lib->soname);
		lib->state = -1;
		return;
	}
	for (size_t i = 0; i < lib->nfns; i++) {
		void *f = dlsym(h, lib->fns[i].name);
		if (f == NULL) {
			snprintf(lib->why, sizeof(lib->why), "%s lacks %s", lib->soname,
			         lib->fns[i].name);
			lib->state = -1;
			return;
		}
		/* POSIX: a function's address from dlsym is a void * of the same bytes */
		memcpy((char *)lib->table + lib->fns[i].offset, &f, sizeof(f));
	}
	if (lib->init != NULL)
		lib->init();
	lib->state = 1;
}

const char *dynlib_load(struct dynlib *lib)
{
	pthread_mutex_lock(&lib->lock);
	if (lib->state == 0)
		dynlib_open(lib);
	int state = lib->state;
	pthread_mutex_unlock(&lib->lock);
	return state == 1 ? NULL : lib->why;
}

void dynlib_need(struct dynlib *lib)
{
	const char *why = dynlib_load(lib);
	if (why != NULL) {
		fprintf(stderr, "reportgen: cannot load %s, which %s: %s\n", lib->soname, lib->role,
		        why);
		exit(3);
	}
}
