/* attack_store.c: the ATT&CK versions available: the bundled one and those installed by
 * `reportgen attack import` under the user's data folder; opening one by version; installing
 * an imported one (atomically, by renaming a finished folder into place). */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "attack_import.h"
#include "attack_tsv.h"

#define STORE_MAX_DIRS 8
#define STORE_MAX_OPEN 32

const struct rg_attack *rg_attack_bundled(void)
{
	return &attack_bundled;
}

const char *rg_attack_version(const struct rg_attack *db)
{
	return db->version;
}

int rg_attack_version_cmp(const char *a, const char *b)
{
	return attack_version_cmp(a, b);
}

const char *rg_attack_dir(const struct rg_attack *db)
{
	return db->dir;
}

const char *rg_attack_attribution(const struct rg_attack *db)
{
	return db->attribution;
}

/* The one place that says where installed versions live, most preferred first; the first is
 * where `attack import` installs. Each holds one folder per version (X.Y/). */
size_t rg_attack_dirs(struct rg_arena *a, const char **dirs, size_t max)
{
	size_t n = 0;
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	if (n < max && xdg != NULL && xdg[0] == '/')
		dirs[n++] = rg_arena_printf(a, "%s/reportgen/attack", xdg);
	else if (n < max && home != NULL && home[0] != '\0')
		dirs[n++] = rg_arena_printf(a, "%s/.local/share/reportgen/attack", home);
	return n;
}

/* ---- opening a version ---- */

static struct rg_attack *store_open[STORE_MAX_OPEN];
static size_t store_nopen;

void rg_attack_close_all(void)
{
	for (size_t i = 0; i < store_nopen; i++)
		rg_arena_free(store_open[i]->arena);
	store_nopen = 0;
}

static bool store_isdir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int store_entry_cmp(const void *x, const void *y)
{
	const struct rg_attack_entry *a = x, *b = y;
	int c = attack_version_cmp(a->version, b->version);
	return c != 0 ? c : (a->bundled ? -1 : b->bundled ? 1 : 0);
}

size_t rg_attack_list(struct rg_arena *a, struct rg_attack_entry **out)
{
	const char *dirs[STORE_MAX_DIRS];
	size_t ndirs = rg_attack_dirs(a, dirs, STORE_MAX_DIRS), n = 1, cap = 16;
	struct rg_attack_entry *e = rg_arena_alloc(a, cap * sizeof(*e));
	e[0] = (struct rg_attack_entry){attack_bundled.version, NULL, true, false};
	for (size_t d = 0; d < ndirs; d++) {
		DIR *dp = opendir(dirs[d]);
		struct dirent *de;
		while (dp != NULL && (de = readdir(dp)) != NULL) {
			const char *path = rg_arena_printf(a, "%s/%s", dirs[d], de->d_name);
			if (!attack_version_ok(de->d_name) || !store_isdir(path))
				continue;
			if (n == cap) {
				struct rg_attack_entry *m = rg_arena_alloc(a, 2 * cap * sizeof(*m));
				memcpy(m, e, cap * sizeof(*m));
				e = m;
				cap *= 2;
			}
			bool shadowed = false;
			for (size_t k = 0; k < n; k++)
				shadowed = shadowed || strcmp(e[k].version, de->d_name) == 0;
			e[n++] = (struct rg_attack_entry){rg_arena_strdup(a, de->d_name), path,
			                                  false, shadowed};
		}
		if (dp != NULL)
			closedir(dp);
	}
	qsort(e, n, sizeof(*e), store_entry_cmp);
	*out = e;
	return n;
}

/* "18.1 (bundled), 17.1" for messages. */
static const char *store_available(struct rg_arena *a)
{
	struct rg_attack_entry *e;
	size_t n = rg_attack_list(a, &e);
	const char *s = "";
	for (size_t i = 0; i < n; i++)
		if (!e[i].shadowed)
			s = rg_arena_printf(a, "%s%s%s%s", s, *s ? ", " : "", e[i].version,
			                    e[i].bundled ? " (bundled)" : "");
	return s;
}

const struct rg_attack *rg_attack_open(const char *version, char *err, size_t errsize)
{
	if (!attack_version_ok(version)) {
		snprintf(err, errsize, "'%s' is not an ATT&CK version like %s", version,
		         attack_bundled.version);
		return NULL;
	}
	if (attack_version_cmp(version, attack_bundled.version) == 0)
		return &attack_bundled;
	for (size_t i = 0; i < store_nopen; i++)
		if (attack_version_cmp(version, store_open[i]->version) == 0)
			return store_open[i];
	struct rg_arena *a = rg_arena_new();
	const char *dirs[STORE_MAX_DIRS];
	size_t ndirs = rg_attack_dirs(a, dirs, STORE_MAX_DIRS);
	for (size_t d = 0; d < ndirs; d++) {
		const char *path = rg_arena_printf(a, "%s/%s", dirs[d], version);
		if (!store_isdir(path))
			continue;
		char why[ATTACK_ERR];
		struct rg_attack *db = attack_tsv_read(a, path, why);
		if (db == NULL) {
			snprintf(err, errsize,
			         "ATT&CK v%s is installed in %s but cannot be read (%s); import it "
			         "again with: reportgen attack import enterprise-attack-%s.json",
			         version, path, why, version);
			rg_arena_free(a);
			return NULL;
		}
		if (store_nopen == STORE_MAX_OPEN) {
			snprintf(err, errsize, "more than %d ATT&CK versions in one run",
			         STORE_MAX_OPEN);
			rg_arena_free(a);
			return NULL;
		}
		store_open[store_nopen++] = db;
		return db;
	}
	snprintf(err, errsize,
	         "ATT&CK v%s is not installed (available: %s); install MITRE's release file "
	         "with: reportgen attack import enterprise-attack-%s.json",
	         version, store_available(a), version);
	rg_arena_free(a);
	return NULL;
}

/* ---- installing ---- */

static int store_fail(char *err, size_t errsize, int rc, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
static int store_fail(char *err, size_t errsize, int rc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errsize, fmt, ap);
	va_end(ap);
	return rc;
}

static int store_mkdirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int rc = mkdir(path, 0777);
		*p = '/';
		if (rc != 0 && errno != EEXIST)
			return -1;
	}
	return mkdir(path, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

static void store_rmdir(const char *dir)
{
	static const char *const files[] = {ATTACK_TSV_INFO, ATTACK_TSV_TACTICS,
	                                    ATTACK_TSV_TECHNIQUES};
	char path[4096];
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

static char *store_read_file(const char *path, size_t *len, char *err, size_t errsize)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL) {
		store_fail(err, errsize, 0, "cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	size_t cap = 1 << 20, n;
	char *buf = rg_xmalloc(cap);
	*len = 0;
	while ((n = fread(buf + *len, 1, cap - *len, fp)) > 0) {
		*len += n;
		if (*len == cap)
			buf = rg_xrealloc(buf, cap *= 2);
	}
	bool bad = ferror(fp);
	fclose(fp);
	if (bad) {
		free(buf);
		store_fail(err, errsize, 0, "cannot read %s", path);
		return NULL;
	}
	return buf;
}

/* The newest version there is, leaving out installed copies of `version` (the one being
 * replaced), opened; NULL when none can be read. */
static const struct rg_attack *store_newest_other(struct rg_arena *a, const char *version)
{
	struct rg_attack_entry *e;
	size_t n = rg_attack_list(a, &e);
	char err[ATTACK_ERR];
	for (size_t i = n; i-- > 0;)
		if ((e[i].bundled || attack_version_cmp(e[i].version, version) != 0) &&
		    !e[i].shadowed) {
			const struct rg_attack *db = rg_attack_open(e[i].version, err, sizeof(err));
			if (db != NULL)
				return db;
		}
	return NULL;
}

int rg_attack_import(const char *file, const char *version, struct rg_arena *a,
                     struct rg_attack_installed *res, char *err, size_t errsize)
{
	memset(res, 0, sizeof(*res));
	size_t len;
	char *buf = store_read_file(file, &len, err, errsize);
	if (buf == NULL)
		return 3;
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	char why[ATTACK_ERR];
	struct rg_attack *db = attack_import(a, buf, len, version, base, why);
	free(buf);
	if (db == NULL)
		return store_fail(err, errsize, 1, "%s: %s", file, why);
	const char *dirs[STORE_MAX_DIRS];
	if (rg_attack_dirs(a, dirs, STORE_MAX_DIRS) == 0)
		return store_fail(err, errsize, 3,
		                  "no data folder to install into: set XDG_DATA_HOME or HOME");
	res->db = db;
	res->against = store_newest_other(a, db->version);
	res->dir = rg_arena_printf(a, "%s/%s", dirs[0], db->version);
	char *tmp = rg_arena_printf(a, "%s/.%s.new.%ld", dirs[0], db->version, (long)getpid());
	char *old = rg_arena_printf(a, "%s/.%s.old.%ld", dirs[0], db->version, (long)getpid());
	if (store_mkdirs(tmp) != 0)
		return store_fail(err, errsize, 3, "cannot create %s: %s", tmp, strerror(errno));
	if (!attack_tsv_write(db, tmp, why)) {
		store_rmdir(tmp);
		return store_fail(err, errsize, 3, "%s", why);
	}
	res->replaced = store_isdir(res->dir);
	if (res->replaced && rename(res->dir, old) != 0) {
		store_rmdir(tmp);
		return store_fail(err, errsize, 3, "cannot replace %s: %s", res->dir,
		                  strerror(errno));
	}
	if (rename(tmp, res->dir) != 0) {
		int e = errno;
		if (res->replaced)
			rename(old, res->dir);
		store_rmdir(tmp);
		return store_fail(err, errsize, 3, "cannot install %s: %s", res->dir, strerror(e));
	}
	if (res->replaced)
		store_rmdir(old);
	db->dir = res->dir;
	return 0;
}
