/* batch.c: expanding folders into incident files, in a deterministic order; shards. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <nettle/sha2.h>

#include "batch.h"

static void batch_push(struct batch_inputs *in, const char *s)
{
	if (in->n == in->cap) {
		in->cap = in->cap ? in->cap * 2 : 16;
		in->v = rg_xrealloc(in->v, in->cap * sizeof(*in->v));
	}
	in->v[in->n++] = rg_xstrdup(s);
}

static bool batch_is_incident(const char *name)
{
	size_t n = strlen(name);
	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static int batch_name_cmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int batch_visible(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

/* "dir/name" without doubling a trailing slash of dir; heap string. */
static char *batch_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	const char *sep = n > 0 && dir[n - 1] == '/' ? "" : "/";
	size_t len = n + strlen(sep) + strlen(name) + 1;
	char *p = rg_xmalloc(len);
	snprintf(p, len, "%s%s%s", dir, sep, name);
	return p;
}

/* Appends the incident files below dir; returns how many were found. */
static size_t batch_walk(struct batch_inputs *in, const char *dir, struct rg_diags *d, int depth)
{
	struct dirent **ents = NULL;
	int n = scandir(dir, &ents, batch_visible, batch_name_cmp);
	if (n < 0) {
		rg_diag(d, dir, (struct rg_pos){0, 0}, RG_F_IO, "", "cannot read the folder: %s",
		        strerror(errno));
		return 0;
	}
	size_t found = 0;
	for (int i = 0; i < n; i++) {
		char *path = batch_join(dir, ents[i]->d_name);
		struct stat ls, st;
		if (lstat(path, &ls) == 0 && stat(path, &st) == 0) {
			if (S_ISDIR(st.st_mode) && !S_ISLNK(ls.st_mode) && depth < 64)
				found += batch_walk(in, path, d, depth + 1);
			else if (S_ISREG(st.st_mode) && batch_is_incident(ents[i]->d_name)) {
				batch_push(in, path);
				found++;
			}
		}
		free(path);
		free(ents[i]);
	}
	free(ents);
	return found;
}

void batch_expand(struct batch_inputs *in, char *const *args, size_t nargs, struct rg_diags *d)
{
	for (size_t i = 0; i < nargs; i++) {
		struct stat st;
		if (strcmp(args[i], "-") != 0 && stat(args[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (batch_walk(in, args[i], d, 0) == 0 && d->worst < RG_SEV_FATAL)
				rg_diag(d, args[i], (struct rg_pos){0, 0}, RG_W_OTHER, "",
				        "no *.yaml or *.yml file in this folder");
		} else {
			batch_push(in, args[i]);
		}
	}
}

void batch_free(struct batch_inputs *in)
{
	for (size_t i = 0; i < in->n; i++)
		free(in->v[i]);
	free(in->v);
	memset(in, 0, sizeof(*in));
}

static bool batch_number(const char *s, size_t len, unsigned *out)
{
	if (len == 0 || len > 6 || strspn(s, "0123456789") < len)
		return false;
	*out = (unsigned)strtoul(s, NULL, 10);
	return true;
}

bool batch_parse_shard(const char *arg, unsigned *k, unsigned *n)
{
	const char *slash = strchr(arg, '/');
	if (slash == NULL)
		return false;
	return batch_number(arg, (size_t)(slash - arg), k) &&
	       batch_number(slash + 1, strlen(slash + 1), n) && *k >= 1 && *k <= *n &&
	       *n <= BATCH_MAX_SHARDS;
}

unsigned batch_shard_of(const char *path, unsigned n)
{
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_init(&ctx);
	sha256_update(&ctx, strlen(path), (const uint8_t *)path);
	sha256_digest(&ctx, sizeof(digest), digest);
	uint64_t h = 0;
	for (int i = 0; i < 8; i++)
		h = h << 8 | digest[i];
	return (unsigned)(h % n) + 1;
}

void batch_keep_shard(struct batch_inputs *in, unsigned k, unsigned n)
{
	size_t kept = 0;
	for (size_t i = 0; i < in->n; i++) {
		if (batch_shard_of(in->v[i], n) == k)
			in->v[kept++] = in->v[i];
		else
			free(in->v[i]);
	}
	in->n = kept;
}
