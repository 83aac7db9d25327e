/* manifest.c: writes the output manifest of a run. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli_output.h"
#include "cli_verify.h"
#include "digest.h"
#include "manifest.h"

/* The real folder of path (heap), or NULL. */
static char *manifest_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		return realpath(".", NULL);
	if (slash == path)
		return realpath("/", NULL);
	char *dir = rg_xstrdup(path);
	dir[slash - path] = '\0';
	char *real = realpath(dir, NULL);
	free(dir);
	return real;
}

/* A name as sha256sum writes it: a backslash before the line when the name holds a
 * backslash or a line break, each escaped. */
static void manifest_line(FILE *fp, const char *hex, const char *name)
{
	bool esc = strpbrk(name, "\\\n") != NULL;
	fprintf(fp, "%s%s  ", esc ? "\\" : "", hex);
	for (const char *p = name; *p != '\0'; p++) {
		if (*p == '\\')
			fputs("\\\\", fp);
		else if (*p == '\n')
			fputs("\\n", fp);
		else
			putc(*p, fp);
	}
	putc('\n', fp);
}

int manifest_write(const char *path, const char *const *outputs, size_t n, struct rg_diags *d)
{
	const struct rg_pos none = {0, 0};
	char *dir = manifest_dir(path);
	if (dir == NULL) {
		rg_diag(d, path, none, RG_F_IO, "", "cannot write the manifest: %s",
		        strerror(errno));
		return 3;
	}
	struct output out;
	int rc = output_open(&out, path, d);
	size_t ndir = strlen(dir);
	for (size_t i = 0; i < n && rc == 0; i++) {
		char why[256];
		const char *bad = verify_file(outputs[i], outputs[i], why, sizeof(why));
		struct digest_file dg;
		char *real = bad == NULL ? realpath(outputs[i], NULL) : NULL;
		if (bad == NULL && (real == NULL || !digest_file(real, &dg)))
			bad = strerror(errno);
		if (bad != NULL) {
			rg_diag(d, path, none, RG_F_IO, "", "not written: output '%s': %s",
			        outputs[i], bad);
			rc = 3;
		} else {
			const char *name = real;
			if (strncmp(real, dir, ndir) == 0 && real[ndir] == '/')
				name = real + ndir + 1;
			else if (strcmp(dir, "/") == 0)
				name = real + 1;
			manifest_line(out.fp, dg.sha256, name);
		}
		free(real);
	}
	if (rc == 0)
		rc = output_commit(&out, d);
	else
		output_abort(&out);
	free(dir);
	return rc;
}
