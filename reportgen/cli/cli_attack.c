/* cli_attack.c: `reportgen attack import|list`: installing MITRE's ATT&CK releases and
 * listing the versions a report can use. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli_attack.h"
#include "reportgen.h"

void cli_attack_help(FILE *fp)
{
	fputs("usage: reportgen attack import [--attack-version=X.Y] FILE\n"
	      "       reportgen attack list\n"
	      "\n"
	      "import  reads MITRE's Enterprise ATT&CK release file (enterprise-attack-X.Y.json,\n"
	      "        a STIX 2.0 or 2.1 bundle) and installs its tables, with MITRE's\n"
	      "        attribution, under the data folder (the first one `attack list` shows),\n"
	      "        replacing the same version; prints its counts and what changed against\n"
	      "        the newest other version there is\n"
	      "          --attack-version=X.Y  the release's version, for a file without an\n"
	      "                                x-mitre-collection object\n"
	      "list    shows every version a report can pin (report.attack, --attack) and\n"
	      "        where it lives; the bundled one is the default\n"
	      "\n"
	      "Exit status: 0 done, 1 not an Enterprise ATT&CK release file, 2 usage error,\n"
	      "3 system error.\n",
	      fp);
}

static int cli_attack_usage(const char *msg, const char *arg)
{
	fprintf(stderr,
	        "reportgen: attack: %s%s%s\nTry 'reportgen help attack' for more "
	        "information.\n",
	        msg, arg ? arg : "", arg ? "'" : "");
	return 2;
}

static void cli_attack_print_counts(const struct rg_attack *db)
{
	struct rg_attack_counts n;
	rg_attack_counts(db, &n);
	printf("  %zu tactics; %zu techniques and %zu sub-techniques, besides %zu revoked and %zu "
	       "deprecated (%zu rows)\n",
	       n.tactics, n.techniques, n.subtechniques, n.revoked, n.deprecated, n.rows);
}

static const struct option cli_attack_opts[] = {
        {"attack-version", required_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
};

void cli_attack_options(FILE *fp)
{
	for (const struct option *o = cli_attack_opts; o->name != NULL; o++)
		fprintf(fp, "--%s%s%s\n", o->name, o->has_arg != no_argument ? "=" : "",
		        o->val == 'h' ? " -h" : "");
}

static int cli_attack_import(int argc, char **argv)
{
	const struct option *opts = cli_attack_opts;
	const char *version = NULL;
	opterr = 0;
	optind = 1;
	for (int opt; (opt = getopt_long(argc, argv, ":h", opts, NULL)) != -1;) {
		if (opt == 'h') {
			cli_attack_help(stdout);
			return 0;
		}
		if (opt == 'v')
			version = optarg;
		else if (opt == ':')
			return cli_attack_usage("--attack-version needs a version like 18.1", NULL);
		else
			return cli_attack_usage("unknown option '", argv[optind - 1]);
	}
	if (argc - optind != 1)
		return cli_attack_usage("import needs exactly one file (MITRE's "
		                        "enterprise-attack-X.Y.json)",
		                        NULL);
	struct rg_arena *a = rg_arena_new();
	struct rg_attack_installed res;
	char err[1024];
	int rc = rg_attack_import(argv[optind], version, a, &res, err, sizeof(err));
	if (rc != 0) {
		fprintf(stderr, "reportgen: attack import: %s\n", err);
		rg_arena_free(a);
		return rc;
	}
	printf("%s MITRE ATT&CK Enterprise v%s from %s in %s\n",
	       res.replaced ? "replaced" : "installed", rg_attack_version(res.db), argv[optind],
	       res.dir);
	cli_attack_print_counts(res.db);
	if (res.against == NULL) {
		puts("  no other version to compare with");
	} else {
		/* changes read from the older version to the newer */
		const struct rg_attack *old = res.against, *new = res.db;
		if (rg_attack_version_cmp(rg_attack_version(old), rg_attack_version(new)) > 0)
			old = res.db, new = res.against;
		const char **lines;
		size_t n = rg_attack_changes(a, old, new, &lines);
		printf("  changes from v%s%s to v%s%s:%s\n", rg_attack_version(old),
		       rg_attack_dir(old) ? "" : " (bundled)", rg_attack_version(new),
		       rg_attack_dir(new) ? "" : " (bundled)", n ? "" : " none");
		for (size_t i = 0; i < n; i++)
			printf("    %s\n", lines[i]);
	}
	printf("  %s\n", rg_attack_attribution(res.db));
	rg_arena_free(a);
	return fflush(stdout) != 0 ? 3 : 0;
}

static int cli_attack_list(int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		return cli_attack_usage("list takes no arguments", NULL);
	struct rg_arena *a = rg_arena_new();
	struct rg_attack_entry *e;
	size_t n = rg_attack_list(a, &e);
	const char *dirs[4];
	size_t ndirs = rg_attack_dirs(a, dirs, 4);
	for (size_t i = 0; i < n; i++) {
		if (e[i].bundled)
			printf("%-8s bundled (the default)\n", e[i].version);
		else
			printf("%-8s %s%s\n", e[i].version, e[i].dir,
			       e[i].shadowed ? " (not used: an entry above has this version)" : "");
	}
	printf("imports go to %s\n", ndirs ? dirs[0] : "(none: set XDG_DATA_HOME or HOME)");
	rg_arena_free(a);
	return fflush(stdout) != 0 ? 3 : 0;
}

int cli_attack(int argc, char **argv)
{
	if (argc < 2)
		return cli_attack_usage("missing subcommand: import or list", NULL);
	if (strcmp(argv[1], "import") == 0)
		return cli_attack_import(argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return cli_attack_list(argc - 1, argv + 1);
	if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		cli_attack_help(stdout);
		return 0;
	}
	return cli_attack_usage("unknown subcommand '", argv[1]);
}
