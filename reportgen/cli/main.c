/* main.c: the reportgen command line (check, render, help); everything else is in rgcore. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <strings.h>
#include <sys/stat.h>

#include "batch.h"
#include "cli_attack.h"
#include "cli_hint.h"
#include "author.h"
#include "cli_output.h"
#include "cli_verify.h"
#include "manifest.h"
#include "name.h"
#include "datadir.h"
#include "reportgen.h"
#include "summary.h"
#include "timing.h"
#include "workers.h"
#include "watch.h"

#define CLI_MAX_FORMATS 16

enum cli_cmd { CLI_CHECK, CLI_RENDER };

struct cli {
	enum cli_cmd cmd;
	bool strict, json, no_defang;
	const struct rg_format *fmt[CLI_MAX_FORMATS];
	size_t nfmt;
	bool fmt_given;
	const char *outdir, *outfile, *template_path;
	const char *attack; /* --attack X.Y */
	const struct rg_attack *attack_db;
	enum rg_tlp max_tlp;
	size_t max_pages; /* 0: RG_MAX_PAGES */
	bool allow_leaks;
	enum rg_export_text export_text;
	bool stix1_oasis; /* --stix1-dialect 1.2.1 */
	int64_t epoch;
	char **files;
	size_t nfiles;
	bool to_stdout;       /* the one format goes to standard output */
	size_t nstdin;        /* inputs named "-" */
	bool watch;           /* render again on every save */
	bool draft;           /* --draft: every document is a draft */
	const char *manifest; /* --manifest: its file ("" = MANIFEST_DEFAULT), or NULL */
	char **written;       /* the outputs written in this run, in input order (heap) */
	size_t nwritten;
	/* batches */
	enum diag_form form;
	bool quiet;
	unsigned jobs, shard_k, shard_n; /* jobs 0: the default */
	bool has_name;
	struct name_tpl name;
	struct batch_inputs in; /* the inputs, folders expanded, of the shard */
	char **refused;         /* per input: why its --name is refused, or NULL */
	struct job_result *res; /* the result of the input being done */
	struct summary sum;
};

static const char *const cli_commands[] = {"check", "render", "attack",    "init", "schema",
                                           "help",  "--help", "--version", NULL};

/* ------------------------------------------------------------------ */
/* Help and usage errors                                               */
/* ------------------------------------------------------------------ */

static void cli_help_main(FILE *fp)
{
	fputs("usage: reportgen check [OPTION]... FILE...\n"
	      "       reportgen render [OPTION]... FILE...\n"
	      "       reportgen attack import|list ...\n"
	      "       reportgen init [--kind KIND] [-o FILE [--force]]\n"
	      "       reportgen schema\n"
	      "       reportgen help [COMMAND]\n"
	      "       reportgen --version\n"
	      "\n"
	      "Turns incident files (YAML, format version 1) into a PDF report, a STIX 1.2 XML\n"
	      "package and a STIX 2.1 JSON bundle.\n"
	      "\n"
	      "Commands:\n"
	      "  check    load and validate each FILE, print every diagnostic\n"
	      "  render   validate each FILE, then write its outputs\n"
	      "  attack   install MITRE ATT&CK releases (import), list the versions (list)\n"
	      "  init     write a skeleton incident that passes check\n"
	      "  schema   print the incident format's JSON Schema (for editors)\n"
	      "  help     show help for a command\n"
	      "\n"
	      "Main options (see 'reportgen help COMMAND' for all of a command's):\n"
	      "  -f, --format=F[,F...]  render: formats to write (pdf, stix1, stix2, tree)\n"
	      "  -d, --outdir=DIR       render: folder for the outputs\n"
	      "  -o, --output=FILE      render: the one output of one input\n"
	      "  -t, --template=NAME    render: PDF template (default, letter, compact, or a "
	      "file)\n"
	      "      --strict           ATT&CK warnings become errors\n"
	      "      --diagnostics=json diagnostics as one JSON array on standard output\n"
	      "  -h, --help             this help; -V, --version: version and data folder\n"
	      "\n"
	      "Exit status: 0 valid (warnings allowed), 1 invalid input, 2 usage error,\n"
	      "3 system or library failure; the worst over all files.\n"
	      "\n"
	      "Example: reportgen render incident.yaml --outdir out\n"
	      "Manual: man reportgen (every command, option, the environment and files).\n",
	      fp);
}

static void cli_help_check(FILE *fp)
{
	fputs("usage: reportgen check [OPTION]... FILE...\n"
	      "\n"
	      "Loads and validates each FILE and prints all diagnostics, file by file, sorted by\n"
	      "position. Nothing is written. FILE - reads standard input (named <stdin>). A\n"
	      "FOLDER stands for its *.yaml and *.yml files, recursively, sorted by name.\n"
	      "\n"
	      "  --strict              ATT&CK warnings (unknown id, wrong name or tactic,\n"
	      "                        deprecated or revoked technique) become errors\n"
	      "  --attack=X.Y          check against this ATT&CK version (see `reportgen attack\n"
	      "                        list`) instead of report.attack's or the bundled one;\n"
	      "                        what changed since the report's own version is warned\n"
	      "  --diagnostics=gcc     FILE:LINE:COL: SEVERITY: PATH: MESSAGE on standard error\n"
	      "                        (the default)\n"
	      "  --diagnostics=json    one JSON array of {file, line, column, severity, path,\n"
	      "                        code, message} on standard output, the summary last\n"
	      "  --diagnostics=github  GitHub Actions annotations on standard output\n"
	      "  --diagnostics=codequality  a GitLab code-quality report on standard output\n"
	      "  -j, --jobs=N          N files at once (default: the number of processors)\n"
	      "  -q, --quiet           print diagnostics only (no summary line)\n"
	      "      --shard=K/N       only the files of part K of N (split by a hash of the\n"
	      "                        path), for CI job matrices\n"
	      "  -h, --help            show this help\n"
	      "\n"
	      "Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage error, 3 system "
	      "error.\n",
	      fp);
}

static void cli_help_render(FILE *fp)
{
	fputs("usage: reportgen render [OPTION]... FILE...\n"
	      "\n"
	      "Validates each FILE exactly like `check`, then writes one output per format, named\n"
	      "STEM+EXTENSION (STEM = the file name without its last extension). An invalid FILE\n"
	      "gets no output at all; outputs are replaced atomically, never half-written.\n"
	      "\n"
	      "  -f, --format=F[,F...]   formats to write (default: every format marked *)\n"
	      "  -d, --outdir=DIR        write into DIR, created when missing (default: .)\n"
	      "  -o, --output=FILE       write to FILE (one input, one format; - = standard\n"
	      "                          output); never onto an input. Without -f, the format\n"
	      "                          is the one of FILE's extension (report.pdf: pdf)\n"
	      "  -t, --template=NAME|FILE  PDF template\n"
	      "      --strict            ATT&CK warnings become errors\n"
	      "      --attack=X.Y        ATT&CK version to use, as for check\n"
	      "      --no-defang         show indicators as they really are in the PDF\n"
	      "      --max-tlp=LEVEL     write the edition filtered to LEVEL (clear, green, "
	      "amber,\n"
	      "                          amber+strict, red): every output leaves out each portion\n"
	      "                          marked stricter, and fails when a withheld value remains\n"
	      "      --allow-leaks       a withheld value that remains is a warning, not an error\n"
	      "      --export-text=WHAT  narrative the STIX exports carry: none, summary (the\n"
	      "                          default: summary_line and summary) or all\n"
	      "      --max-pages=N       a PDF needing more than N pages is an error\n"
	      "                          (default 20000)\n"
	      "      --stix1-dialect=1.2|1.2.1  stix1 as STIX 1.2 in MITRE namespaces (default,\n"
	      "                          what python-stix and MISP read) or STIX 1.2.1 (OASIS)\n"
	      "      --name=TEMPLATE     output names from {stem} {id} {date} {tlp} {format}\n"
	      "                          (+ the format's extension), inside --outdir\n"
	      "      --diagnostics=gcc|json|github|codequality  as for check\n"
	      "  -j, --jobs=N            N files at once (default: the number of processors)\n"
	      "  -q, --quiet             print diagnostics only (no \"wrote\" lines, no summary)\n"
	      "      --shard=K/N         only the files of part K of N, as for check\n"
	      "      --watch             render again whenever a FILE, an image in its folder\n"
	      "                          or the template is saved; Ctrl-C stops\n"
	      "      --draft             every FILE is a draft (as report.draft: true): DRAFT\n"
	      "                          across every page of the PDF\n"
	      "      --manifest[=FILE]   after every output is written and checked, write the\n"
	      "                          SHA-256 of each, as sha256sum -c reads them, to FILE\n"
	      "                          (default: " MANIFEST_DEFAULT " in --outdir, else .)\n"
	      "  -h, --help              show this help\n"
	      "\n"
	      "With only --format=tree and neither -o nor --outdir, the tree goes to standard\n"
	      "output. FILE - reads standard input; it needs -o (or the tree on standard output).\n"
	      "SOURCE_DATE_EPOCH (seconds since 1970, digits only) is the date the outputs use\n"
	      "where the incident gives none; they never contain the wall-clock time.\n"
	      "\n"
	      "Formats:\n",
	      fp);
	for (size_t i = 0; rg_formats[i] != NULL; i++)
		fprintf(fp, "  %c %-8s %s\n", rg_formats[i]->is_default ? '*' : ' ',
		        rg_formats[i]->name, rg_formats[i]->extension);
	if (rg_formats[0] == NULL)
		fputs("  (none in this build)\n", fp);
}

/* Prints "reportgen: MESSAGE" and a pointer to the help; returns the usage exit status. */
static int cli_usage(const char *help_cmd, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
static int cli_usage(const char *help_cmd, const char *fmt, ...)
{
	va_list ap;
	fputs("reportgen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'reportgen help%s%s' for more information.\n", help_cmd ? " " : "",
	        help_cmd ? help_cmd : "");
	return 2;
}

/* ------------------------------------------------------------------ */
/* Option parsing                                                      */
/* ------------------------------------------------------------------ */

enum {
	OPT_STRICT = 256,
	OPT_DIAG,
	OPT_NO_DEFANG,
	OPT_MAX_TLP,
	OPT_ALLOW_LEAKS,
	OPT_EXPORT_TEXT,
	OPT_ATTACK,
	OPT_MAX_PAGES,
	OPT_STIX1_DIALECT,
	OPT_SHARD,
	OPT_NAME,
	OPT_WATCH,
	OPT_DRAFT,
	OPT_MANIFEST
};

static const struct option cli_options[] = {
        {"strict", no_argument, NULL, OPT_STRICT},
        {"diagnostics", required_argument, NULL, OPT_DIAG},
        {"help", no_argument, NULL, 'h'},
        {"attack", required_argument, NULL, OPT_ATTACK},
        {"jobs", required_argument, NULL, 'j'},
        {"quiet", no_argument, NULL, 'q'},
        {"shard", required_argument, NULL, OPT_SHARD},
        {"format", required_argument, NULL, 'f'},
        {"outdir", required_argument, NULL, 'd'},
        {"output", required_argument, NULL, 'o'},
        {"template", required_argument, NULL, 't'},
        {"no-defang", no_argument, NULL, OPT_NO_DEFANG},
        {"max-tlp", required_argument, NULL, OPT_MAX_TLP},
        {"allow-leaks", no_argument, NULL, OPT_ALLOW_LEAKS},
        {"export-text", required_argument, NULL, OPT_EXPORT_TEXT},
        {"max-pages", required_argument, NULL, OPT_MAX_PAGES},
        {"stix1-dialect", required_argument, NULL, OPT_STIX1_DIALECT},
        {"name", required_argument, NULL, OPT_NAME},
        {"watch", no_argument, NULL, OPT_WATCH},
        {"draft", no_argument, NULL, OPT_DRAFT},
        {"manifest", optional_argument, NULL, OPT_MANIFEST},
        {NULL, 0, NULL, 0},
};
#define CLI_CHECK_OPTIONS 7 /* the first rows of cli_options apply to check */

static const char *cli_cmd_name(const struct cli *c)
{
	return c->cmd == CLI_CHECK ? "check" : "render";
}

/* The listed formats' names ("pdf, stix1, ...") or extensions (".pdf, .stix.xml, ...") into
 * buf. */
static const char *cli_format_list(char *buf, size_t sz, bool extensions)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; rg_formats[i] != NULL && used + 1 < sz; i++) {
		int k = snprintf(buf + used, sz - used, "%s%s", i ? ", " : "",
		                 extensions ? rg_formats[i]->extension : rg_formats[i]->name);
		used = k < 0 || used + (size_t)k >= sz ? sz - 1 : used + (size_t)k;
	}
	return buf;
}

/* The listed format whose extension is the longest one file ends with (any case), or NULL. */
static const struct rg_format *cli_format_of_file(const char *file)
{
	const struct rg_format *best = NULL;
	size_t n = strlen(file), bestlen = 0;
	for (size_t i = 0; rg_formats[i] != NULL; i++) {
		size_t e = strlen(rg_formats[i]->extension);
		if (e > bestlen && e < n &&
		    strcasecmp(file + n - e, rg_formats[i]->extension) == 0) {
			best = rg_formats[i];
			bestlen = e;
		}
	}
	return best;
}

/* Parses "--format a,b": returns 0 or the usage status. */
static int cli_parse_formats(struct cli *c, const char *arg)
{
	const char *names[CLI_MAX_FORMATS + 1];
	size_t n = 0;
	for (; rg_formats[n] != NULL && n < CLI_MAX_FORMATS; n++)
		names[n] = rg_formats[n]->name;
	names[n] = NULL;
	char *list = rg_xstrdup(arg);
	char *save = NULL;
	int rc = 0;
	c->fmt_given = true;
	for (char *tok = strtok_r(list, ",", &save); tok != NULL && rc == 0;
	     tok = strtok_r(NULL, ",", &save)) {
		const struct rg_format *f = rg_format_find(tok);
		const char *hint = f ? NULL : cli_suggest(tok, names, n);
		char known[256];
		if (f == NULL && hint != NULL)
			rc = cli_usage("render",
			               "unknown format '%s' (did you mean '%s'? formats: %s)", tok,
			               hint, cli_format_list(known, sizeof(known), false));
		else if (f == NULL)
			rc = cli_usage("render", "unknown format '%s' (formats: %s)", tok,
			               cli_format_list(known, sizeof(known), false));
		bool seen = false;
		for (size_t i = 0; f != NULL && i < c->nfmt; i++)
			seen = seen || c->fmt[i] == f;
		if (f != NULL && !seen && c->nfmt < CLI_MAX_FORMATS)
			c->fmt[c->nfmt++] = f;
	}
	free(list);
	if (rc == 0 && c->nfmt == 0)
		rc = cli_usage("render", "--format needs at least one format name");
	return rc;
}

static int cli_parse_tlp(struct cli *c, const char *arg)
{
	for (int i = 1; rg_tlp_names[i] != NULL; i++)
		if (strcasecmp(arg, rg_tlp_names[i]) == 0) {
			c->max_tlp = (enum rg_tlp)i;
			return 0;
		}
	const char *hint = cli_suggest(arg, rg_tlp_names + 1, RG_TLP_RED);
	if (hint != NULL)
		return cli_usage("render", "unknown TLP level '%s' (did you mean '%s'?)", arg,
		                 hint);
	return cli_usage(
	        "render",
	        "unknown TLP level '%s': expected clear, green, amber, amber+strict or red", arg);
}

/* Reports an option getopt rejected (unknown, or missing its argument); `arg` is the
 * option as written. Returns the usage status. */
static int cli_bad_option(const struct cli *c, const char *arg, bool missing, size_t nopts)
{
	const char *cmd = cli_cmd_name(c);
	if (missing)
		return cli_usage(cmd, "option '%s' needs an argument", arg);
	if (strncmp(arg, "--", 2) != 0)
		return cli_usage(cmd, "unknown option '%s'", arg);
	char name[64];
	snprintf(name, sizeof(name), "%s", arg + 2);
	name[strcspn(name, "=")] = '\0';
	enum { CLI_NAMES = sizeof(cli_options) / sizeof(cli_options[0]) };
	const char *names[CLI_NAMES];
	size_t nprefix = 0, used = 0, seen = 0;
	for (size_t i = 0; i < nopts && i < CLI_NAMES; i++) {
		names[i] = cli_options[i].name;
		nprefix += strncmp(names[i], name, strlen(name)) == 0;
	}
	char cands[256] = ""; /* "--a, --b or --c" */
	for (size_t i = 0; nprefix > 1 && i < nopts && i < CLI_NAMES; i++) {
		if (strncmp(names[i], name, strlen(name)) != 0)
			continue;
		seen++;
		int k = snprintf(cands + used, sizeof(cands) - used, "%s--%s",
		                 seen == 1         ? ""
		                 : seen == nprefix ? " or "
		                                   : ", ",
		                 names[i]);
		used = k < 0 || used + (size_t)k >= sizeof(cands) ? sizeof(cands) - 1
		                                                  : used + (size_t)k;
	}
	if (nprefix > 1)
		return cli_usage(cmd, "ambiguous option '--%s' (could be %s)", name, cands);
	const char *hint = cli_suggest(name, names, nopts);
	if (hint != NULL)
		return cli_usage(cmd, "unknown option '--%s' (did you mean '--%s'?)", name, hint);
	return cli_usage(cmd, "unknown option '--%s'", name);
}

/* -j, -q, --shard, --name; returns 0 or the usage status. */
static int cli_batch_option(struct cli *c, int opt, const char *arg)
{
	char err[512];
	if (opt == 'q') {
		c->quiet = true;
	} else if (opt == 'j') {
		size_t n = strspn(arg, "0123456789");
		if (n == 0 || n > 4 || arg[n] != '\0' || atoi(arg) < 1)
			return cli_usage(cli_cmd_name(c),
			                 "-j takes a number of jobs (1 or more), not '%s'", arg);
		c->jobs = (unsigned)atoi(arg);
	} else if (opt == OPT_SHARD) {
		if (!batch_parse_shard(arg, &c->shard_k, &c->shard_n))
			return cli_usage(cli_cmd_name(c),
			                 "--shard takes K/N with 1 <= K <= N (e.g. 2/4), not '%s'",
			                 arg);
	} else if (!name_parse(&c->name, arg, err, sizeof(err))) {
		return cli_usage("render", "%s", err);
	} else {
		c->has_name = true;
	}
	return 0;
}

/* Handles one recognised option; returns 0, -1 for --help, or the usage status. */
static int cli_option(struct cli *c, int opt, const char *arg)
{
	switch (opt) {
	case OPT_STRICT:
		c->strict = true;
		return 0;
	case OPT_DIAG:
		if (summary_form(arg) >= 0) {
			c->form = (enum diag_form)summary_form(arg);
			c->json = summary_form_uses_stdout(c->form);
			return 0;
		}
		return cli_usage(cli_cmd_name(c),
		                 "--diagnostics takes gcc, json, github or codequality, not '%s'",
		                 arg);
	case 'j':
	case 'q':
	case OPT_SHARD:
	case OPT_NAME:
		return cli_batch_option(c, opt, arg);
	case 'h':
		return -1;
	case 'f':
		return cli_parse_formats(c, arg);
	case 'd':
		c->outdir = arg;
		return 0;
	case 'o':
		c->outfile = arg;
		return 0;
	case 't':
		c->template_path = arg;
		return 0;
	case OPT_NO_DEFANG:
		c->no_defang = true;
		return 0;
	case OPT_MAX_TLP:
		return cli_parse_tlp(c, arg);
	case OPT_STIX1_DIALECT:
		if (strcmp(arg, "1.2") == 0 || strcmp(arg, "1.2.1") == 0) {
			c->stix1_oasis = arg[3] == '.';
			return 0;
		}
		return cli_usage("render", "--stix1-dialect takes 1.2 or 1.2.1, not '%s'", arg);
	case OPT_ATTACK:
		c->attack = arg;
		return 0;
	case OPT_ALLOW_LEAKS:
		c->allow_leaks = true;
		return 0;
	case OPT_EXPORT_TEXT:
		for (int i = 0; i <= RG_EXPORT_TEXT_ALL; i++)
			if (strcmp(arg, rg_export_text_names[i]) == 0) {
				c->export_text = (enum rg_export_text)i;
				return 0;
			}
		return cli_usage("render", "--export-text takes none, summary or all, not '%s'",
		                 arg);
	case OPT_MAX_PAGES: {
		char *end = NULL;
		errno = 0;
		unsigned long long n = strtoull(arg, &end, 10);
		if (arg[0] < '0' || arg[0] > '9' || *end != '\0' || errno != 0 || n == 0 ||
		    n > 100000000ull)
			return cli_usage(
			        "render",
			        "--max-pages needs a whole number from 1 to 100000000; got "
			        "'%s'",
			        arg);
		c->max_pages = (size_t)n;
		return 0;
	}
	case OPT_DRAFT:
		c->draft = true;
		return 0;
	case OPT_MANIFEST:
		if (arg != NULL && arg[0] == '\0')
			return cli_usage("render",
			                 "--manifest= needs a file name (or give "
			                 "--manifest alone for %s)",
			                 MANIFEST_DEFAULT);
		c->manifest = arg != NULL ? arg : "";
		return 0;
	case OPT_WATCH:
		c->watch = true;
		return 0;
	default:
		return 2;
	}
}

/* How many rows of cli_options a command takes. */
static size_t cli_nopts(enum cli_cmd cmd)
{
	return cmd == CLI_CHECK ? CLI_CHECK_OPTIONS
	                        : sizeof(cli_options) / sizeof(cli_options[0]) - 1;
}

/* The getopt short options of a command. */
static const char *cli_shorts(enum cli_cmd cmd)
{
	return cmd == CLI_CHECK ? ":hj:q" : ":hj:qf:d:o:t:";
}

/* Parses the arguments after the command name. Returns 0, -1 for --help, or 2. */
static int cli_parse(struct cli *c, int argc, char **argv)
{
	size_t nopts = cli_nopts(c->cmd);
	const char *shorts = cli_shorts(c->cmd);
	opterr = 0;
	optind = 1;
	for (;;) {
		int longindex = -1;
		int opt = getopt_long(argc, argv, shorts, cli_options, &longindex);
		if (opt == -1)
			break;
		char shortopt[3] = {'-', (char)optopt, '\0'};
		const char *last = argv[optind - 1 < argc ? optind - 1 : argc - 1];
		const char *written = strncmp(last, "--", 2) == 0 ? last : shortopt;
		if (opt == '?' || opt == ':')
			return cli_bad_option(c, written, opt == ':', nopts);
		if (longindex >= (int)nopts)
			return cli_usage(cli_cmd_name(c), "option '--%s' is not for %s",
			                 cli_options[longindex].name, cli_cmd_name(c));
		int rc = cli_option(c, opt, optarg);
		if (rc != 0)
			return rc;
	}
	c->files = argv + optind;
	c->nfiles = (size_t)(argc - optind);
	return 0;
}

/* SOURCE_DATE_EPOCH: unset or empty means -1; anything but digits is a usage error. */
static int cli_epoch(struct cli *c)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	c->epoch = -1;
	if (s == NULL || *s == '\0')
		return 0;
	size_t n = strspn(s, "0123456789");
	if (s[n] != '\0' || n > 18)
		return cli_usage(
		        NULL,
		        "SOURCE_DATE_EPOCH must be a number of seconds (digits only), not '%s'", s);
	c->epoch = strtoll(s, NULL, 10);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Diagnostics of several files                                        */
/* ------------------------------------------------------------------ */

/* Reads standard input (up to one byte past the size limit, so the loader can report it)
 * and loads it under the name "<stdin>". */
static struct rg_doc *cli_load_stdin(struct rg_diags *d)
{
	size_t len = 0, cap = 65536;
	char *buf = rg_xmalloc(cap);
	size_t n;
	while (len <= RG_MAX_FILE && (n = fread(buf + len, 1, cap - len, stdin)) > 0) {
		len += n;
		if (len == cap)
			buf = rg_xrealloc(buf, cap *= 2);
	}
	struct rg_doc *doc = NULL;
	if (ferror(stdin))
		rg_diag(d, "<stdin>", (struct rg_pos){0, 0}, RG_F_IO, "", "cannot read: %s",
		        strerror(errno));
	else
		doc = rg_load_buffer("<stdin>", buf, len, d);
	free(buf);
	return doc;
}

/* Loads and validates one file ("-": standard input). Returns the document when it is
 * valid, else NULL. */
static struct rg_doc *cli_load(const struct cli *c, const char *file, struct rg_diags *d)
{
	bool in = strcmp(file, "-") == 0;
	uint64_t t0 = timing_start();
	struct rg_doc *doc = in ? cli_load_stdin(d) : rg_load_file(file, d);
	timing_end("load", t0);
	if (doc == NULL) {
		if (rg_diags_exit(d) == 0)
			rg_diag(d, file, (struct rg_pos){0, 0}, RG_E_OTHER, "",
			        "nothing could be read");
		return NULL;
	}
	doc->attack = c->attack_db;
	if (c->draft)
		doc->report.draft = true;
	t0 = timing_start();
	rg_validate(doc, d);
	timing_end("validate", t0);
	if (rg_diags_exit(d) != 0) {
		rg_doc_free(doc);
		return NULL;
	}
	return doc;
}

static int cli_max(int a, int b)
{
	return a > b ? a : b;
}

/* ------------------------------------------------------------------ */
/* render                                                              */
/* ------------------------------------------------------------------ */

/* "DIR/STEM.EXT" for an input file, or "DIR/" + the --name expansion + ".EXT"; heap
 * string. doc may be NULL unless the name needs it. NULL, with the reason in err, when
 * --name gives a value that cannot be part of a file name. */
static char *cli_target(const struct cli *c, const char *file, const struct rg_doc *doc,
                        const struct rg_format *f, char *err, size_t errlen)
{
	if (c->outfile != NULL)
		return rg_xstrdup(c->outfile);
	char *named = NULL;
	const char *base;
	size_t stem;
	if (c->has_name) {
		named = name_expand(&c->name, file, doc, f->name, err, errlen);
		if (named == NULL)
			return NULL;
		base = named, stem = strlen(named);
	} else {
		name_stem(file, &base, &stem);
	}
	const char *dir = c->outdir ? c->outdir : "";
	const char *sep = dir[0] != '\0' && dir[strlen(dir) - 1] != '/' ? "/" : "";
	size_t n = strlen(dir) + 1 + stem + strlen(f->extension) + 1;
	char *t = rg_xmalloc(n);
	snprintf(t, n, "%s%s%.*s%s", dir, sep, (int)stem, base, f->extension);
	free(named);
	return t;
}

/* The document an input's --name needs before rendering, loaded quietly (its diagnostics
 * come again when the input is done); NULL when the name needs none or it is invalid. */
static struct rg_doc *cli_name_doc(const struct cli *c, const char *file);

/* Refuses outputs that would overwrite an input or each other: before any work as usage
 * errors, or, when --name takes values from the documents, per input (the later input of
 * a collision is refused; c->refused says why). */
static int cli_check_targets(struct cli *c)
{
	if (c->to_stdout)
		return 0;
	size_t n = c->nfiles * c->nfmt;
	char **t = rg_xcalloc(n + 1, sizeof(*t));
	bool late = c->has_name && name_needs_doc(&c->name);
	if (late)
		c->refused = rg_xcalloc(c->nfiles + 1, sizeof(*c->refused));
	int rc = 0;
	char err[512];
	struct rg_doc *doc = NULL;
	for (size_t i = 0; i < n && rc == 0; i++) {
		size_t in = i / c->nfmt;
		if (i % c->nfmt == 0) {
			rg_doc_free(doc);
			doc = late ? cli_name_doc(c, c->files[in]) : NULL;
		}
		if (late && (doc == NULL || c->refused[in] != NULL))
			continue;
		t[i] = cli_target(c, c->files[in], doc, c->fmt[i % c->nfmt], err, sizeof(err));
		const char *why = t[i] == NULL ? err : NULL;
		for (size_t j = 0; j < c->nfiles && why == NULL; j++)
			if (strcmp(t[i], c->files[j]) == 0 || output_same_file(t[i], c->files[j]))
				snprintf(err, sizeof(err),
				         "refusing to write '%s' over the input '%s'", t[i],
				         c->files[j]),
				        why = err;
		for (size_t j = 0; j < i && why == NULL; j++)
			if (t[j] != NULL && strcmp(t[i], t[j]) == 0)
				snprintf(err, sizeof(err), "two inputs would both write '%s'%s%s%s",
				         t[i], late ? " (--name; the first, '" : "",
				         late ? c->files[j / c->nfmt] : "",
				         late ? "', keeps it)" : ""),
				        why = err;
		if (why != NULL && late) {
			c->refused[in] = rg_xstrdup(why);
			for (size_t k = in * c->nfmt; k <= i; k++)
				free(t[k]), t[k] = NULL;
		} else if (why != NULL) {
			rc = cli_usage("render", "%s", why);
		}
	}
	rg_doc_free(doc);
	for (size_t i = 0; i < n; i++)
		free(t[i]);
	free(t);
	return rc;
}

/* Renders the one format into memory, then copies it to standard output, so that a failing
 * back end prints nothing. */
static int cli_render_stdout(const struct cli *c, const struct rg_doc *doc,
                             const struct rg_render_opts *o)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (mem == NULL) {
		rg_diag(o->diags, doc->file, (struct rg_pos){0, 0}, RG_F_IO, "",
		        "out of memory: %s", strerror(errno));
		return 3;
	}
	int rc = c->fmt[0]->render(doc, o, mem);
	if (fclose(mem) != 0)
		rc = cli_max(rc, 3);
	rc = cli_max(rc, rg_diags_exit(o->diags));
	char why[256];
	const char *bad = rc == 0 ? verify_output((const unsigned char *)buf, len,
	                                          c->fmt[0]->extension, why, sizeof(why))
	                          : NULL;
	if (bad != NULL) {
		rg_diag(o->diags, "<stdout>", (struct rg_pos){0, 0}, RG_F_IO, "",
		        "not written: %s (an internal failure)", bad);
		rc = 3;
	}
	if (rc == 0) { /* printed in input order with the input's diagnostics */
		c->res->out = buf;
		c->res->outlen = len;
		buf = NULL;
	}
	free(buf);
	return rc;
}

/* Writes every format of one document: all into temporary files first, and only when all
 * succeeded are they renamed into place. */
static int cli_render_files(const struct cli *c, const struct rg_doc *doc,
                            const struct rg_render_opts *o)
{
	struct output out[CLI_MAX_FORMATS];
	char *target[CLI_MAX_FORMATS];
	uint64_t pages[CLI_MAX_FORMATS] = {0};
	size_t nopen = 0;
	int rc = 0;
	char err[512];
	for (size_t i = 0; i < c->nfmt && rc == 0; i++) {
		target[i] = cli_target(c, doc->file, doc, c->fmt[i], err, sizeof(err));
		if (target[i] == NULL) { /* refused by cli_check_targets already */
			rg_diag(o->diags, doc->file, (struct rg_pos){0, 0}, RG_E_VALUE, "", "%s",
			        err);
			rc = 1;
			break;
		}
		char *slash = strrchr(target[i], '/');
		if (c->outfile == NULL && slash != NULL && slash != target[i]) { /* --name's too */
			*slash = '\0';
			rc = output_mkdirs(target[i], o->diags);
			*slash = '/';
		}
		if (rc == 0)
			rc = output_open(&out[i], target[i], o->diags);
		if (rc != 0) {
			free(target[i]);
			break;
		}
		nopen++;
		struct rg_render_opts fo = *o;
		fo.pages = &pages[i];
		uint64_t t0 = timing_start();
		rc = c->fmt[i]->render(doc, &fo, out[i].fp);
		timing_end(c->fmt[i]->name, t0);
		rc = cli_max(rc, rg_diags_exit(o->diags));
		if (rc == 0)
			output_written(&out[i]);
	}
	/* every output sealed and checked before the first rename */
	for (size_t i = 0; i < nopen && rc == 0; i++)
		rc = output_seal(&out[i], o->diags);
	if (rc == 0)
		rc = output_rename_all(out, nopen, o->diags);
	else
		for (size_t i = 0; i < nopen; i++)
			output_abort(&out[i]);
	struct stat st;
	for (size_t i = 0; i < nopen; i++) {
		if (rc == 0 && stat(target[i], &st) == 0)
			job_result_add_output(c->res, target[i], (uint64_t)st.st_size, pages[i]);
		free(target[i]);
	}
	return rc;
}

static int cli_render_one(const struct cli *c, const char *file, struct rg_diags *d)
{
	struct rg_doc *doc = cli_load(c, file, d);
	if (doc == NULL)
		return cli_max(rg_diags_exit(d), 1);
	struct rg_render_opts o = {
	        .template_path = c->template_path,
	        .no_defang = c->no_defang,
	        .max_tlp = c->max_tlp,
	        .export_text = c->export_text,
	        .epoch = c->epoch,
	        .max_pages = c->max_pages,
	        .diags = d,
	        .stix1_oasis = c->stix1_oasis,
	};
	/* every output is made from the one edition, and only when it leaks nothing */
	uint64_t t0 = timing_start();
	const struct rg_doc *ed = rg_edition(doc, c->max_tlp, d);
	timing_end("edition", t0);
	int rc = ed == NULL ? 1 : 0;
	if (ed != NULL && ed->nwithheld > 0) {
		char *names[CLI_MAX_FORMATS], err[512];
		for (size_t i = 0; i < c->nfmt; i++) {
			names[i] = c->to_stdout
			                   ? NULL
			                   : cli_target(c, file, ed, c->fmt[i], err, sizeof(err));
			names[i] = names[i] != NULL ? names[i] : rg_xstrdup("");
		}
		t0 = timing_start();
		rg_leak_scan(ed, (const char *const *)names, c->nfmt, c->allow_leaks, d);
		timing_end("leak-scan", t0);
		for (size_t i = 0; i < c->nfmt; i++)
			free(names[i]);
		rc = rg_diags_exit(d);
	}
	if (rc == 0)
		rc = c->to_stdout ? cli_render_stdout(c, ed, &o) : cli_render_files(c, ed, &o);
	rg_doc_free(doc);
	return rc;
}

static struct rg_doc *cli_name_doc(const struct cli *c, const char *file)
{
	struct rg_diags d;
	rg_diags_init(&d);
	d.strict = c->strict;
	struct rg_doc *doc = cli_load(c, file, &d);
	rg_diags_free(&d);
	return doc;
}

/* The manifest's file: as given, or MANIFEST_DEFAULT in --outdir (heap). */
static char *cli_manifest_path(const struct cli *c)
{
	if (c->manifest[0] != '\0')
		return rg_xstrdup(c->manifest);
	const char *dir = c->outdir != NULL ? c->outdir : ".";
	size_t n = strlen(dir) + sizeof(MANIFEST_DEFAULT) + 1;
	char *p = rg_xmalloc(n);
	snprintf(p, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", MANIFEST_DEFAULT);
	return p;
}

/* Checks the combination of render options; returns 0 or the usage status. */
static int cli_render_setup(struct cli *c)
{
	if (!c->fmt_given)
		for (size_t i = 0; rg_formats[i] != NULL && c->nfmt < CLI_MAX_FORMATS; i++)
			if (rg_formats[i]->is_default)
				c->fmt[c->nfmt++] = rg_formats[i];
	int rc = cli_epoch(c);
	if (rc != 0)
		return rc;
	if (c->outfile != NULL && c->outdir != NULL)
		return cli_usage("render", "give either -o or --outdir, not both");
	if (c->outfile != NULL && c->has_name)
		return cli_usage("render", "give either -o or --name, not both");
	if (c->nfmt == 0) {
		fputs("reportgen: this build has no output formats\n", stderr);
		return 3;
	}
	if (c->outfile != NULL && c->outfile[0] != '\0' && strcmp(c->outfile, "-") != 0) {
		const struct rg_format *by_ext = cli_format_of_file(c->outfile);
		char known[256];
		if (!c->fmt_given && by_ext == NULL)
			return cli_usage(
			        "render",
			        "cannot tell the format of '%s' from its extension (known: "
			        "%s); give --format",
			        c->outfile, cli_format_list(known, sizeof(known), true));
		if (!c->fmt_given) {
			c->fmt[0] = by_ext;
			c->nfmt = 1;
		} else if (by_ext != NULL && c->nfmt == 1 && c->fmt[0] != by_ext) {
			return cli_usage(
			        "render",
			        "'%s' is named for format %s (%s), but --format is %s (%s); "
			        "change the file name or the format",
			        c->outfile, by_ext->name, by_ext->extension, c->fmt[0]->name,
			        c->fmt[0]->extension);
		}
	}
	if (c->outfile != NULL && (c->nfiles != 1 || c->nfmt != 1))
		return cli_usage("render",
		                 "-o needs exactly one input file and one format (use --outdir)");
	if (c->outfile != NULL && c->outfile[0] == '\0')
		return cli_usage("render", "-o needs a file name");
	c->to_stdout =
	        (c->outfile != NULL && strcmp(c->outfile, "-") == 0) ||
	        (c->outfile == NULL && c->outdir == NULL && c->nfmt == 1 && c->fmt[0]->to_stdout);
	if (c->nstdin > 0 && !c->to_stdout && c->outfile == NULL)
		return cli_usage("render", "standard input (-) has no file name: give -o FILE");
	if (c->to_stdout && c->json)
		return cli_usage(
		        "render",
		        "--diagnostics=json and the output cannot both go to standard output");
	if (c->to_stdout && c->manifest != NULL)
		return cli_usage("render", "--manifest lists output files; this output goes to "
		                           "standard output");
	if (c->to_stdout)
		c->outfile = NULL;
	if (c->manifest != NULL) {
		char *m = cli_manifest_path(c);
		for (size_t j = 0; j < c->nfiles; j++)
			if (strcmp(m, c->files[j]) == 0 || output_same_file(m, c->files[j])) {
				int rc = cli_usage("render",
				                   "refusing to write the manifest '%s' over the "
				                   "input '%s'",
				                   m, c->files[j]);
				free(m);
				return rc;
			}
		free(m);
	}
	return cli_check_targets(c);
}

/* Loads --template once, before any input, so that a wrong one is reported once: an unknown
 * name is a usage error, a template with errors is invalid input (its diagnostics printed). */
static int cli_template_check(const struct cli *c)
{
	const struct rg_format *f = NULL;
	for (size_t i = 0; i < c->nfmt && f == NULL; i++)
		if (c->fmt[i]->uses_template && c->fmt[i]->check_template != NULL)
			f = c->fmt[i];
	if (c->template_path == NULL || f == NULL)
		return 0;
	struct rg_arena *a = rg_arena_new();
	struct rg_diags d;
	rg_diags_init(&d);
	const char *names = NULL;
	int rc = f->check_template(c->template_path, &d, a, &names);
	bool name = strpbrk(c->template_path, "/.") == NULL;
	if (rc == 3 && name) {
		char *copy = rg_xstrdup(names != NULL ? names : ""), *save = NULL;
		const char *cands[32];
		size_t n = 0;
		for (char *tok = strtok_r(copy, ", ", &save); tok != NULL && n < 31;
		     tok = strtok_r(NULL, ", ", &save))
			cands[n++] = tok;
		cands[n] = NULL;
		const char *hint = cli_suggest(c->template_path, cands, n);
		char dym[96] = "";
		if (hint != NULL)
			snprintf(dym, sizeof(dym), "did you mean '%s'? ", hint);
		rc = cli_usage("render",
		               "no template named '%s' (%sinstalled: %s; or give a template "
		               "file's path)",
		               c->template_path, dym, names != NULL ? names : "none");
		free(copy);
	} else if (rc != 0) {
		rg_diags_sort(&d);
		for (size_t i = 0; c->form == DIAG_GITHUB && i < d.n; i++)
			summary_github(&d.v[i], stdout);
		if (c->form != DIAG_GITHUB)
			rg_diags_print(&d, c->json ? stdout : stderr, c->json);
	}
	rg_diags_free(&d);
	rg_arena_free(a);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Commands                                                            */
/* ------------------------------------------------------------------ */

/* One input, in this process or in a worker: its diagnostics, outputs and status. */
static void cli_job(size_t i, struct job_result *r, void *ctx)
{
	struct cli *c = ctx;
	c->res = r;
	const char *file = c->files[i];
	if (c->refused != NULL && c->refused[i] != NULL) {
		rg_diag(&r->diags, file, (struct rg_pos){0, 0}, RG_E_VALUE, "", "%s",
		        c->refused[i]);
		r->status = 1;
	} else if (c->cmd == CLI_RENDER) {
		r->status = cli_render_one(c, file, &r->diags);
	} else {
		rg_doc_free(cli_load(c, file, &r->diags));
	}
	r->status = cli_max(r->status, rg_diags_exit(&r->diags));
	c->res = NULL;
}

static void cli_job_done(size_t i, struct job_result *r, void *ctx)
{
	struct cli *c = ctx;
	summary_file(&c->sum, c->files[i], r);
	if (c->manifest == NULL || r->noutputs == 0)
		return;
	c->written = rg_xrealloc(c->written, (c->nwritten + r->noutputs) * sizeof(*c->written));
	for (size_t k = 0; k < r->noutputs; k++)
		c->written[c->nwritten++] = rg_xstrdup(r->outputs[k].path);
}

/* After every output of the run is written: the manifest of them (none when nothing was
 * written). */
static void cli_manifest(struct cli *c)
{
	if (c->manifest == NULL || c->nwritten == 0)
		return;
	char *path = cli_manifest_path(c);
	struct rg_diags d;
	rg_diags_init(&d);
	int rc = manifest_write(path, (const char *const *)c->written, c->nwritten, &d);
	summary_diags(&c->sum, &d);
	if (rc != 0 && c->sum.worst < rc)
		c->sum.worst = rc;
	if (rc == 0) {
		c->sum.outputs++;
		if (!c->quiet && c->form != DIAG_JSON && c->form != DIAG_CODEQUALITY)
			fprintf(stderr, "wrote %s (manifest of %zu output%s)\n", path, c->nwritten,
			        c->nwritten == 1 ? "" : "s");
	}
	rg_diags_free(&d);
	free(path);
	for (size_t i = 0; i < c->nwritten; i++)
		free(c->written[i]);
	free(c->written);
	c->written = NULL;
	c->nwritten = 0;
}

/* Folders become their incident files; --shard keeps its part. Returns the worst status
 * of what that found (an unreadable folder). */
static void cli_inputs(struct cli *c, char **args, size_t nargs, struct rg_diags *d)
{
	batch_expand(&c->in, args, nargs, d);
	if (c->shard_n > 0)
		batch_keep_shard(&c->in, c->shard_k, c->shard_n);
	c->files = c->in.v;
	c->nfiles = c->in.n;
}

static int cli_run(struct cli *c)
{
	if (c->nfiles == 0)
		return cli_usage(cli_cmd_name(c), "no input file");
	struct rg_diags pre;
	rg_diags_init(&pre);
	cli_inputs(c, c->files, c->nfiles, &pre);
	for (size_t i = 0; i < c->nfiles; i++)
		c->nstdin += strcmp(c->files[i], "-") == 0;
	int rc = 0;
	if (c->nstdin > 1)
		rc = cli_usage(cli_cmd_name(c), "standard input (-) can be read only once");
	char err[1024];
	if (rc == 0 && c->attack != NULL &&
	    (c->attack_db = rg_attack_open(c->attack, err, sizeof(err))) == NULL) {
		fprintf(stderr, "reportgen: --attack: %s\n", err);
		rc = 2;
	}
	if (rc == 0 && c->cmd == CLI_RENDER) {
		rc = cli_render_setup(c);
		if (rc == 0)
			rc = cli_template_check(c);
		if (rc == 0)
			output_catch_signals();
	}
	if (rc == 0) {
		summary_init(&c->sum, c->form, c->quiet, c->nfiles);
		summary_diags(&c->sum, &pre);
		unsigned jobs = c->jobs > 0 ? c->jobs : workers_default();
		for (size_t i = 0; c->cmd == CLI_RENDER && i < c->nfmt; i++)
			if (c->fmt[i]->prepare != NULL)
				c->fmt[i]->prepare(workers_fork(c->nfiles, jobs));
		workers_run(c->nfiles, jobs, c->strict, (const char *const *)c->files, cli_job,
		            cli_job_done, c);
		cli_manifest(c);
		rc = summary_end(&c->sum);
	}
	rg_diags_free(&pre);
	for (size_t i = 0; c->refused != NULL && i < c->nfiles; i++)
		free(c->refused[i]);
	free(c->refused);
	batch_free(&c->in);
	return rc;
}

/* render --watch: renders, then again after every save, until SIGINT or SIGTERM. Each run
 * starts from the options as parsed (a run completes its settings in place). */
static int cli_watch(const struct cli *c)
{
	for (size_t i = 0; i < c->nfiles; i++)
		if (strcmp(c->files[i], "-") == 0)
			return cli_usage("render", "--watch needs files, not standard input (-)");
	struct watch *w = watch_new(c->files, c->nfiles, c->template_path);
	if (w == NULL)
		return 3;
	int rc;
	for (;;) {
		struct cli run = *c;
		rc = cli_run(&run);
		time_t now = time(NULL);
		struct tm tm;
		char when[16] = "";
		if (localtime_r(&now, &tm) != NULL)
			strftime(when, sizeof(when), "%H:%M:%S", &tm);
		fprintf(stderr,
		        "reportgen: %s %s (exit status %d); watching for changes, Ctrl-C stops\n",
		        when,
		        rc == 0   ? "rendered"
		        : rc == 1 ? "invalid input, nothing written"
		                  : "failed",
		        rc);
		if (rc == 2)
			break;
		int w_rc = watch_wait(w);
		if (w_rc != 0) {
			rc = w_rc == 1 ? 0 : w_rc;
			break;
		}
	}
	watch_free(w);
	return rc;
}

static int cli_command(enum cli_cmd cmd, int argc, char **argv)
{
	struct cli c;
	memset(&c, 0, sizeof(c));
	c.cmd = cmd;
	c.epoch = -1;
	int rc = cli_parse(&c, argc, argv);
	if (rc == -1) {
		(cmd == CLI_CHECK ? cli_help_check : cli_help_render)(stdout);
		return 0;
	}
	if (rc != 0)
		return rc;
	rc = c.watch ? cli_watch(&c) : cli_run(&c);
	rg_attack_close_all();
	return rc;
}

/* "help --options [COMMAND]": the options a command accepts, read from its option table, one
 * a line: the long spelling ("=" after it when it takes a value), then the short one if any.
 * Without a command, the options that stand in place of one. For shell completion and for
 * the test that the manual lists every option. */
static void cli_print_options(const struct option *opts, size_t n, const char *shorts)
{
	for (size_t i = 0; i < n; i++) {
		const struct option *o = &opts[i];
		bool arg = o->has_arg != no_argument;
		bool has_short = o->val < 128 && o->val != ':' && strchr(shorts, o->val) != NULL;
		printf("--%s%s", o->name, arg ? "=" : "");
		if (has_short)
			printf(" -%c", o->val);
		putchar('\n');
	}
}

static int cli_list_options(const char *cmd)
{
	if (cmd == NULL) {
		puts("--help -h\n--version -V");
		return 0;
	}
	enum cli_cmd k;
	if (strcmp(cmd, "check") == 0)
		k = CLI_CHECK;
	else if (strcmp(cmd, "render") == 0)
		k = CLI_RENDER;
	else if (strcmp(cmd, "help") == 0 || strcmp(cmd, "schema") == 0)
		return 0;
	else if (strcmp(cmd, "init") == 0) {
		const char *shorts;
		const struct option *o = author_init_options(&shorts);
		size_t n = 0;
		while (o[n].name != NULL)
			n++;
		cli_print_options(o, n, shorts);
		return 0;
	} else if (strcmp(cmd, "attack") == 0) {
		cli_attack_options(stdout);
		return 0;
	} else
		return cli_usage(NULL,
		                 "no options for '%s': the commands are check, render, attack, "
		                 "init and schema",
		                 cmd);
	cli_print_options(cli_options, cli_nopts(k), cli_shorts(k));
	return 0;
}

/* "help --templates": the names of the templates in the data folder's templates/. */
static int cli_list_templates(void)
{
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/templates", datadir_path(NULL));
	struct dirent **ents = NULL;
	int n = scandir(dir, &ents, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		size_t len = strlen(ents[i]->d_name);
		if (len > 5 && strcmp(ents[i]->d_name + len - 5, ".yaml") == 0)
			printf("%.*s\n", (int)(len - 5), ents[i]->d_name);
		free(ents[i]);
	}
	free(ents);
	return 0;
}

/* "help --commands", "--formats", "--templates", "--options [COMMAND]": word lists for shell
 * completion. */
static int cli_help_list(int argc, char **argv)
{
	if (strcmp(argv[1], "--commands") == 0 && argc == 2) {
		for (size_t i = 0; cli_commands[i] != NULL; i++)
			if (cli_commands[i][0] != '-')
				puts(cli_commands[i]);
		return 0;
	}
	if (strcmp(argv[1], "--formats") == 0 && argc == 2) {
		for (size_t i = 0; rg_formats[i] != NULL; i++)
			puts(rg_formats[i]->name);
		return 0;
	}
	if (strcmp(argv[1], "--templates") == 0 && argc == 2)
		return cli_list_templates();
	if (strcmp(argv[1], "--options") == 0 && argc <= 3)
		return cli_list_options(argc == 3 ? argv[2] : NULL);
	return cli_usage(NULL, "help takes a command name, --commands, --formats, --templates "
	                       "or --options [COMMAND]");
}

static int cli_help(int argc, char **argv)
{
	if (argc < 2) {
		cli_help_main(stdout);
		return 0;
	}
	if (argv[1][0] == '-')
		return cli_help_list(argc, argv);
	if (strcmp(argv[1], "init") == 0)
		fputs("usage: reportgen init [--kind KIND] [-o FILE [--force]]\n"
		      "\n"
		      "Writes a commented incident with every section and one realistic entry of "
		      "each,\n"
		      "dated today (SOURCE_DATE_EPOCH when set) in the local time zone, that "
		      "passes\n"
		      "check. KIND: generic (default), phishing, malware, web, false-positive.\n"
		      "\n"
		      "  -k, --kind=KIND   the kind of incident\n"
		      "  -o, --output=FILE write FILE instead of standard output; an existing "
		      "FILE\n"
		      "                    is refused (exit 2) unless --force\n"
		      "  -f, --force       replace FILE\n",
		      stdout);
	else if (strcmp(argv[1], "schema") == 0)
		fputs("usage: reportgen schema\n"
		      "\n"
		      "Prints the JSON Schema (2020-12) of the incident format, for the YAML "
		      "language\n"
		      "server: reportgen schema > incident.schema.json, then start an incident "
		      "with\n"
		      "# yaml-language-server: $schema=incident.schema.json\n",
		      stdout);
	else if (strcmp(argv[1], "check") == 0)
		cli_help_check(stdout);
	else if (strcmp(argv[1], "render") == 0)
		cli_help_render(stdout);
	else if (strcmp(argv[1], "attack") == 0)
		cli_attack_help(stdout);
	else
		return cli_usage(
		        NULL,
		        "no help for '%s': the commands are check, render, attack, init and schema",
		        argv[1]);
	return 0;
}

/* --version: the version, the ATT&CK release(s) it knows and where its data folder is. */
static int cli_version(void)
{
	enum datadir_from from;
	const char *dir = datadir_path(&from);
	printf("reportgen %s\nATT&CK: Enterprise v%s (built in)", RG_VERSION,
	       rg_attack_version(rg_attack_bundled()));
	struct rg_arena *a = rg_arena_new();
	struct rg_attack_entry *e;
	size_t n = rg_attack_list(a, &e), shown = 0;
	for (size_t i = 0; i < n; i++)
		if (!e[i].bundled && !e[i].shadowed)
			printf("%s v%s (%s)", shown++ ? "," : "; imported:", e[i].version,
			       e[i].dir);
	rg_arena_free(a);
	printf("\ndata: %s (%s)\n", dir, datadir_from_name(from));
	return fflush(stdout) != 0 ? 3 : 0;
}

int main(int argc, char **argv)
{
	/* Large documents free and allocate much memory: without these, glibc gives heap back
	 * to the system and takes it again over and over (measured: 10-33% of the time at
	 * 10,000-100,000 artifacts). Peak memory is unchanged. */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_TOP_PAD, 16 << 20);
	if (argc < 2)
		return cli_usage(NULL, "missing command");
	const char *cmd = argv[1];
	if (strcmp(cmd, "check") == 0)
		return cli_command(CLI_CHECK, argc - 1, argv + 1);
	if (strcmp(cmd, "render") == 0)
		return cli_command(CLI_RENDER, argc - 1, argv + 1);
	if (strcmp(cmd, "attack") == 0)
		return cli_attack(argc - 1, argv + 1);
	if (strcmp(cmd, "init") == 0)
		return author_init(argc - 1, argv + 1);
	if (strcmp(cmd, "schema") == 0)
		return author_schema(argc - 1, argv + 1);
	if (strcmp(cmd, "help") == 0)
		return cli_help(argc - 1, argv + 1);
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		cli_help_main(stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
		return cli_version();
	}
	const char *hint =
	        cli_suggest(cmd, cli_commands, sizeof(cli_commands) / sizeof(cli_commands[0]) - 1);
	if (hint != NULL)
		return cli_usage(NULL, "unknown command '%s' (did you mean '%s'?)", cmd, hint);
	return cli_usage(NULL, "unknown command '%s'", cmd);
}
