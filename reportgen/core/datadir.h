/* datadir.h: where reportgen finds its data folder (templates/, fonts/, attack/). The one
 * place that decides it. */
#ifndef RG_DATADIR_H
#define RG_DATADIR_H

/* Which rule found the data folder. */
enum datadir_from {
	DATADIR_INSTALLED, /* PREFIX/share/reportgen beside the running PREFIX/bin/reportgen */
	DATADIR_ENV,       /* the environment variable RG_DATADIR */
	DATADIR_BUILD,     /* the source tree, for a binary run from its own build folder */
	DATADIR_MISSING,   /* none: the path returned is the installed one it looked for */
};

/* The data folder, tried in this order:
 *  1. ../share/reportgen relative to the folder of the running binary (read through
 *     /proc/self/exe, links resolved), when that folder has a templates/ folder: an installed
 *     PREFIX/bin/reportgen uses PREFIX/share/reportgen, wherever PREFIX was moved to;
 *  2. $RG_DATADIR, when set and not empty (taken as it is, not checked);
 *  3. the source tree the binary was built from, but only when the binary runs from the
 *     build folder it was built in (the build's own programs and tests).
 * When none applies, the path of rule 1 is returned (so that errors name the file expected
 * there) and *from, when not NULL, is DATADIR_MISSING. The result stays valid until the
 * next call; RG_DATADIR is read on every call, the binary's location once. */
const char *datadir_path(enum datadir_from *from);

/* A few words for how the data folder was found: "installed", "RG_DATADIR", ... */
const char *datadir_from_name(enum datadir_from from);

#endif
