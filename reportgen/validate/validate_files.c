/* validate_files.c: the files an incident names (images, attachments' path): the one rule
 * that keeps them inside the incident file's folder, their SHA-256, and the hashes stated
 * for them checked against the files present. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "digest.h"
#include "ioc.h"
#include "validate.h"

const char *val_confine(struct val *v, const char *p, const char *noun, const char *empty,
                        const char **real_out, int *err)
{
	struct rg_arena *ar = v->doc->arena;
	const char *dir = v->doc->dir && v->doc->dir[0] ? v->doc->dir : ".";
	const char *why = NULL;
	struct stat st;
	*real_out = NULL;
	*err = 0;
	if (p[0] == '/' || p[0] == '\0')
		return p[0] ? "expected a path relative to the incident file's folder; got an "
		              "absolute path"
		            : empty;
	const char *joined = rg_arena_printf(ar, "%s/%s", dir, p);
	char *base = realpath(dir, NULL), *real = realpath(joined, NULL);
	if (base == NULL || real == NULL) {
		*err = errno;
		why = rg_arena_printf(ar, "cannot open %s %s: %s", noun, ioc_quote(ar, p),
		                      strerror(errno));
	} else if (strncmp(real, base, strlen(base)) != 0 ||
	           (real[strlen(base)] != '/' && strcmp(base, "/") != 0)) {
		why = rg_arena_printf(
		        ar,
		        "%s %s leaves the incident file's folder (through \"..\" or a "
		        "symbolic link); keep %ss inside it",
		        noun, ioc_quote(ar, p), noun);
	} else if (stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
		why = rg_arena_printf(ar, "%s %s is not a regular file", noun, ioc_quote(ar, p));
	} else {
		*real_out = rg_arena_strdup(ar, real);
	}
	free(base);
	free(real);
	return why;
}

/* One stated hash against the file's: a malformed one was reported by the caller's format
 * check (returns quietly), a different one is an error at the hash. */
static void val_hash_check(struct val *v, const struct rg_text *stated, const char *actual,
                           const char *algo, const char *what, const char *path)
{
	if (stated->s == NULL || actual == NULL || strlen(stated->s) != strlen(actual))
		return;
	if (strcasecmp(stated->s, actual) == 0)
		return;
	val_report(v, stated->pos, RG_E_HASH_MISMATCH, path,
	           "the %s of %s is %s, not the one written here; write \"%s\", or check that "
	           "the file is the evidence meant",
	           algo, what, actual, actual);
}

/* The SHA-256 of a resolved image, and its stated one checked. */
void val_image_digest(struct val *v, struct rg_image *img, const char *key)
{
	struct rg_arena *ar = v->doc->arena;
	char path[512];
	snprintf(path, sizeof(path), "%.*s.sha256", (int)(strlen(key) - strlen(".path")), key);
	if (img->sha256.s != NULL) {
		const char *msg = ioc_check(ar, RG_IOC_SHA256, img->sha256.s, NULL, NULL);
		if (msg != NULL) {
			val_report(v, img->sha256.pos, RG_E_VALUE, path, "%s", msg);
			return;
		}
	}
	if (img->resolved == NULL)
		return;
	struct digest_file d;
	if (!digest_file(img->resolved, &d)) {
		val_report(v, img->path.pos, RG_E_IMAGE, key, "cannot read image %s: %s",
		           ioc_quote(ar, img->path.s), strerror(errno));
		return;
	}
	img->digest = rg_arena_strdup(ar, d.sha256);
	val_hash_check(v, &img->sha256, img->digest, "SHA-256",
	               rg_arena_printf(ar, "image %s", ioc_quote(ar, img->path.s)), path);
}

/* An attachment's path: confined as images are; when the file is there its hashes are
 * computed and the stated ones checked; when it is not, a warning says they go unchecked. */
void val_attachment_file(struct val *v, struct rg_attachment *at, const char *up)
{
	struct rg_arena *ar = v->doc->arena;
	char path[512];
	if (at->path.s == NULL)
		return;
	snprintf(path, sizeof(path), "%s.path", up);
	const char *real;
	int err;
	const char *why = val_confine(v, at->path.s, "attachment",
	                              "expected a path to the attachment's file; got an empty "
	                              "string",
	                              &real, &err);
	if (why != NULL && (err == ENOENT || err == ENOTDIR)) {
		val_report(v, at->path.pos, RG_W_EVIDENCE_MISSING, path,
		           "attachment %s is not present beside the incident file; its hashes are "
		           "not checked against it",
		           ioc_quote(ar, at->path.s));
		return;
	}
	if (why != NULL) {
		val_report(v, at->path.pos, RG_E_EVIDENCE, path, "%s", why);
		return;
	}
	struct digest_file d;
	if (!digest_file(real, &d)) {
		val_report(v, at->path.pos, RG_E_EVIDENCE, path, "cannot read attachment %s: %s",
		           ioc_quote(ar, at->path.s), strerror(errno));
		return;
	}
	at->resolved = real;
	at->digest = rg_arena_strdup(ar, d.sha256);
	const char *what = rg_arena_printf(ar, "attachment %s", ioc_quote(ar, at->path.s));
	const struct {
		const struct rg_text *stated;
		const char *actual, *algo, *key;
	} hs[] = {{&at->sha256, d.sha256, "SHA-256", "sha256"},
	          {&at->sha1, d.sha1, "SHA-1", "sha1"},
	          {&at->md5, d.md5, "MD5", "md5"}};
	for (size_t i = 0; i < sizeof(hs) / sizeof(hs[0]); i++) {
		snprintf(path, sizeof(path), "%s.%s", up, hs[i].key);
		val_hash_check(v, hs[i].stated, hs[i].actual, hs[i].algo, what, path);
	}
}
