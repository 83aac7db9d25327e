/* author.c: `reportgen schema` and `reportgen init`, from files compiled into the binary. */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "author.h"
#include "cli_hint.h"
#include "cli_output.h"

extern const struct cli_embedded cli_embedded[];

static const char *const author_kinds[] = {"generic", "phishing",       "malware",
                                           "web",     "false-positive", NULL};

const struct cli_embedded *author_embedded(const char *name)
{
	for (const struct cli_embedded *e = cli_embedded; e->name != NULL; e++)
		if (strcmp(e->name, name) == 0)
			return e;
	return NULL;
}

static int author_usage(const char *cmd, const char *msg, const char *arg)
{
	fprintf(stderr, "reportgen: %s", msg);
	if (arg != NULL)
		fprintf(stderr, " '%s'", arg);
	fprintf(stderr, "\nTry 'reportgen help %s' for more information.\n", cmd);
	return 2;
}

int author_schema(int argc, char **argv)
{
	if (argc > 1)
		return author_usage("schema", "schema takes no argument; got", argv[1]);
	const struct cli_embedded *e = author_embedded("incident.schema.json");
	if (e == NULL || fwrite(e->data, 1, e->size, stdout) != e->size || fflush(stdout) != 0) {
		fprintf(stderr, "reportgen: cannot write the schema: %s\n", strerror(errno));
		return 3;
	}
	return 0;
}

/* The local zone's IANA name: $TZ, else the target of /etc/localtime, else /etc/timezone;
 * "UTC" when none is a plain Area/Location name. Written into buf. */
static const char *author_zone(char *buf, size_t size)
{
	const char *tz = getenv("TZ");
	char link[PATH_MAX];
	if (tz != NULL && *tz == ':')
		tz++;
	if (tz == NULL || *tz == '\0') {
		ssize_t n = readlink("/etc/localtime", link, sizeof(link) - 1);
		const char *z = n > 0 ? (link[n] = '\0', strstr(link, "zoneinfo/")) : NULL;
		tz = z != NULL ? z + strlen("zoneinfo/") : NULL;
	}
	if (tz == NULL) {
		FILE *fp = fopen("/etc/timezone", "r");
		if (fp != NULL && fgets(link, sizeof(link), fp) != NULL) {
			link[strcspn(link, "\r\n ")] = '\0';
			tz = link;
		}
		if (fp != NULL)
			fclose(fp);
	}
	if (tz == NULL || strcmp(tz, "UTC") == 0 || strchr(tz, '/') == NULL ||
	    strspn(tz, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+-") !=
	            strlen(tz))
		tz = "UTC";
	snprintf(buf, size, "%s", tz);
	return buf;
}

/* Today's date (from SOURCE_DATE_EPOCH when it is set) as YYYY-MM-DD in the local zone. */
static int author_today(char *buf, size_t size)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t now = time(NULL);
	if (sde != NULL && *sde != '\0') {
		char *end;
		errno = 0;
		long long v = strtoll(sde, &end, 10);
		if (errno != 0 || *end != '\0' || v < 0 || strspn(sde, "0123456789") != strlen(sde))
			return author_usage("init", "SOURCE_DATE_EPOCH must be digits only; got",
			                    sde);
		now = (time_t)v;
	}
	struct tm tm;
	if (localtime_r(&now, &tm) == NULL || strftime(buf, size, "%Y-%m-%d", &tm) == 0)
		return 3;
	return 0;
}

/* Writes the skeleton with @DATE@ and @TZ@ replaced to fp. */
static void author_fill(FILE *fp, const struct cli_embedded *e, const char *date, const char *zone)
{
	for (const char *s = e->data; *s != '\0';) {
		if (strncmp(s, "@DATE@", 6) == 0)
			fputs(date, fp), s += 6;
		else if (strncmp(s, "@TZ@", 4) == 0)
			fputs(zone, fp), s += 4;
		else
			fputc(*s++, fp);
	}
}

static int author_write(const char *out, bool force, const struct cli_embedded *e, const char *date,
                        const char *zone)
{
	if (out == NULL || strcmp(out, "-") == 0) {
		author_fill(stdout, e, date, zone);
		return fflush(stdout) == 0 ? 0 : 3;
	}
	if (!force && access(out, F_OK) == 0)
		return author_usage("init", "the file exists (--force replaces it):", out);
	struct rg_diags d;
	rg_diags_init(&d);
	struct output o;
	int rc = output_open(&o, out, &d);
	if (rc == 0) {
		author_fill(o.fp, e, date, zone);
		rc = output_commit(&o, &d);
	}
	rg_diags_print(&d, stderr, false);
	rg_diags_free(&d);
	return rc;
}

static const struct option author_init_opts[] = {{"kind", required_argument, NULL, 'k'},
                                                 {"output", required_argument, NULL, 'o'},
                                                 {"force", no_argument, NULL, 'f'},
                                                 {"help", no_argument, NULL, 'h'},
                                                 {NULL, 0, NULL, 0}};
#define AUTHOR_INIT_SHORTS "k:o:fh"

const struct option *author_init_options(const char **shorts)
{
	*shorts = AUTHOR_INIT_SHORTS;
	return author_init_opts;
}

int author_init(int argc, char **argv)
{
	const struct option *opts = author_init_opts;
	const char *kind = "generic", *out = NULL;
	bool force = false;
	optind = 1;
	opterr = 0;
	for (int o; (o = getopt_long(argc, argv, AUTHOR_INIT_SHORTS, opts, NULL)) != -1;) {
		if (o == 'k')
			kind = optarg;
		else if (o == 'o')
			out = optarg;
		else if (o == 'f')
			force = true;
		else if (o == 'h')
			return author_usage("init", "see", "reportgen help init");
		else
			return author_usage("init", "unknown or incomplete option",
			                    argv[optind - 1]);
	}
	if (optind < argc)
		return author_usage("init", "init takes no file argument (use -o FILE); got",
		                    argv[optind]);
	char name[64];
	snprintf(name, sizeof(name), "%s.yaml", kind);
	const struct cli_embedded *e = NULL;
	for (size_t i = 0; author_kinds[i] != NULL; i++)
		if (strcmp(kind, author_kinds[i]) == 0)
			e = author_embedded(name);
	if (e == NULL) {
		const char *hint = cli_suggest(kind, author_kinds, 5);
		fprintf(stderr,
		        "reportgen: unknown kind '%s'%s%s%s; the kinds are generic, phishing, "
		        "malware, "
		        "web, false-positive\n",
		        kind, hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
		return 2;
	}
	char date[32], zone[256];
	int rc = author_today(date, sizeof(date));
	if (rc != 0)
		return rc;
	return author_write(out, force, e, date, author_zone(zone, sizeof(zone)));
}
