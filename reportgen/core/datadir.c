/* datadir.c: the data folder lookup (datadir.h): beside the binary, else $RG_DATADIR, else
 * the source tree for a binary of the build folder. */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datadir.h"

/* Both are set by CMake for the build; without them rule 3 never applies. */
#ifndef RG_SOURCE_DIR
#define RG_SOURCE_DIR ""
#endif
#ifndef RG_BUILD_DIR
#define RG_BUILD_DIR ""
#endif

/* Below PREFIX for PREFIX/bin/reportgen, as the CMake install rules lay it out. */
#define DATADIR_SHARE "/share/reportgen"

static struct {
	char installed[PATH_MAX + sizeof(DATADIR_SHARE)]; /* rule 1's path, "" if unknown */
	int has_installed;                                /* it has templates/ */
	int in_build;                                     /* the binary is in RG_BUILD_DIR */
} datadir_exe;
static pthread_once_t datadir_once = PTHREAD_ONCE_INIT;

static int datadir_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Reads the binary's location once: rule 1's folder and whether rule 3 may apply. */
static void datadir_init(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (slash == NULL)
		return;
	*slash = '\0';
	char bindir[PATH_MAX];
	snprintf(bindir, sizeof(bindir), "%s", exe[0] != '\0' ? exe : "/");
	/* PREFIX is the binary's folder's parent */
	char *up = strrchr(exe, '/');
	if (up != NULL)
		*up = '\0';
	snprintf(datadir_exe.installed, sizeof(datadir_exe.installed), "%s" DATADIR_SHARE,
	         up != NULL ? exe : "");
	char probe[sizeof(datadir_exe.installed) + sizeof("/templates")];
	snprintf(probe, sizeof(probe), "%s/templates", datadir_exe.installed);
	datadir_exe.has_installed = datadir_is_dir(probe);
	char build[PATH_MAX];
	datadir_exe.in_build = RG_BUILD_DIR[0] != '\0' && realpath(RG_BUILD_DIR, build) != NULL &&
	                       strcmp(build, bindir) == 0;
}

const char *datadir_path(enum datadir_from *from)
{
	enum datadir_from dummy;
	if (from == NULL)
		from = &dummy;
	pthread_once(&datadir_once, datadir_init);
	const char *env = getenv("RG_DATADIR");
	if (datadir_exe.has_installed) {
		*from = DATADIR_INSTALLED;
		return datadir_exe.installed;
	}
	if (env != NULL && env[0] != '\0') {
		*from = DATADIR_ENV;
		return env;
	}
	if (datadir_exe.in_build && RG_SOURCE_DIR[0] != '\0') {
		*from = DATADIR_BUILD;
		return RG_SOURCE_DIR;
	}
	*from = DATADIR_MISSING;
	return datadir_exe.installed[0] != '\0' ? datadir_exe.installed
	                                        : "/usr/local/share/reportgen";
}

const char *datadir_from_name(enum datadir_from from)
{
	switch (from) {
	case DATADIR_INSTALLED:
		return "installed beside the binary";
	case DATADIR_ENV:
		return "from RG_DATADIR";
	case DATADIR_BUILD:
		return "the source tree of this build";
	case DATADIR_MISSING:
		break;
	}
	return "not found; install reportgen or set RG_DATADIR";
}
