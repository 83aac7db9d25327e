/* attack_gen.c: build-time generator turning the data/attack tables into the C table
 * attack_table.c. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GEN_MAX_ROWS 4096
#define GEN_MAX_TACTICS 64
#define GEN_MAX_FIELDS 8
#define GEN_LINE 4096

struct gen_tactic {
	char id[16], shortname[64], name[96];
	int order;
};

struct gen_tech {
	char id[16], name[256], tactics[512], revoked_by[16], url[128];
	bool sub, deprecated, revoked;
};

static struct gen_tactic tactics[GEN_MAX_TACTICS];
static size_t ntactics;
static struct gen_tech techs[GEN_MAX_ROWS];
static size_t ntechs;

static int gen_fail(const char *file, size_t line, const char *what)
{
	fprintf(stderr, "attack_gen: %s:%zu: %s\n", file, line, what);
	return -1;
}

/* Splits line in place at tabs; returns the field count (at most max). */
static size_t gen_split(char *line, char **f, size_t max)
{
	size_t n = 0;
	line[strcspn(line, "\r\n")] = '\0';
	while (n < max) {
		f[n++] = line;
		char *tab = strchr(line, '\t');
		if (tab == NULL)
			break;
		*tab = '\0';
		line = tab + 1;
	}
	return n;
}

/* Copies src into a fixed buffer; false when it does not fit. */
static bool gen_copy(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n >= cap)
		return false;
	memcpy(dst, src, n + 1);
	return true;
}

static bool gen_bool(const char *s, bool *out)
{
	if (strcmp(s, "true") == 0 || strcmp(s, "false") == 0) {
		*out = s[0] == 't';
		return true;
	}
	return false;
}

static int gen_read_tactics(const char *file)
{
	FILE *fp = fopen(file, "r");
	if (fp == NULL)
		return gen_fail(file, 0, "cannot open");
	char line[GEN_LINE], *f[GEN_MAX_FIELDS];
	size_t lineno = 0;
	int rc = 0;
	while (rc == 0 && fgets(line, sizeof(line), fp) != NULL) {
		if (++lineno == 1)
			continue;
		struct gen_tactic *t = &tactics[ntactics];
		if (ntactics == GEN_MAX_TACTICS || gen_split(line, f, GEN_MAX_FIELDS) != 4)
			rc = gen_fail(file, lineno, "expected 4 fields");
		else if (!gen_copy(t->id, sizeof(t->id), f[0]) ||
		         !gen_copy(t->shortname, sizeof(t->shortname), f[1]) ||
		         !gen_copy(t->name, sizeof(t->name), f[2]))
			rc = gen_fail(file, lineno, "field too long");
		else if ((t->order = atoi(f[3])) != (int)ntactics + 1)
			rc = gen_fail(file, lineno, "tactics must be listed in kill-chain order");
		else
			ntactics++;
	}
	fclose(fp);
	return rc;
}

static int gen_read_techs(const char *file)
{
	FILE *fp = fopen(file, "r");
	if (fp == NULL)
		return gen_fail(file, 0, "cannot open");
	char line[GEN_LINE], *f[GEN_MAX_FIELDS];
	size_t lineno = 0;
	int rc = 0;
	while (rc == 0 && fgets(line, sizeof(line), fp) != NULL) {
		if (++lineno == 1)
			continue;
		struct gen_tech *t = &techs[ntechs];
		if (ntechs == GEN_MAX_ROWS || gen_split(line, f, GEN_MAX_FIELDS) != 8)
			rc = gen_fail(file, lineno, "expected 8 fields");
		else if (!gen_copy(t->id, sizeof(t->id), f[0]) ||
		         !gen_copy(t->name, sizeof(t->name), f[1]) ||
		         !gen_copy(t->tactics, sizeof(t->tactics), f[2]) ||
		         !gen_copy(t->revoked_by, sizeof(t->revoked_by), f[6]) ||
		         !gen_copy(t->url, sizeof(t->url), f[7]))
			rc = gen_fail(file, lineno, "field too long");
		else if (!gen_bool(f[3], &t->sub) || !gen_bool(f[4], &t->deprecated) ||
		         !gen_bool(f[5], &t->revoked))
			rc = gen_fail(file, lineno, "expected true or false");
		else if (ntechs > 0 && strcmp(techs[ntechs - 1].id, t->id) >= 0)
			rc = gen_fail(file, lineno, "ids must be sorted and unique");
		else
			ntechs++;
	}
	fclose(fp);
	return rc;
}

/* Writes s as a C string literal; non-ASCII bytes as 3-digit octal escapes. */
static void gen_str(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f)
			fprintf(out, "\\%03o", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

static const struct gen_tech *gen_parent(const struct gen_tech *t)
{
	size_t len = strcspn(t->id, ".");
	for (size_t i = 0; i < ntechs; i++)
		if (strlen(techs[i].id) == len && strncmp(techs[i].id, t->id, len) == 0)
			return &techs[i];
	return NULL;
}

static int gen_tactic_index(const char *shortname, size_t len)
{
	for (size_t i = 0; i < ntactics; i++)
		if (strlen(tactics[i].shortname) == len &&
		    strncmp(tactics[i].shortname, shortname, len) == 0)
			return (int)i;
	return -1;
}

/* Writes one technique row; -1 when a tactic is unknown or there are too many. */
static int gen_tech_row(FILE *out, const struct gen_tech *t)
{
	char full[600];
	const struct gen_tech *parent = t->sub ? gen_parent(t) : NULL;
	snprintf(full, sizeof(full), "%s%s%s", parent ? parent->name : "", parent ? ": " : "",
	         t->name);
	fputs("\t{", out);
	gen_str(out, t->id);
	fputs(", ", out);
	gen_str(out, t->name);
	fputs(", ", out);
	gen_str(out, full);
	fputs(", ", out);
	gen_str(out, t->url);
	fputs(", ", out);
	if (t->revoked_by[0])
		gen_str(out, t->revoked_by);
	else
		fputs("NULL", out);
	fputs(", {", out);
	size_t n = 0;
	for (const char *p = t->tactics; *p; n++) {
		size_t len = strcspn(p, ",");
		int idx = gen_tactic_index(p, len);
		if (idx < 0 || n == 8)
			return gen_fail("techniques", 0, t->id);
		fprintf(out, "%s%d", n ? ", " : "", idx);
		p += len + (p[len] == ',');
	}
	fprintf(out, "}, %zu, %s, %s, %s},\n", n, t->sub ? "true" : "false",
	        t->deprecated ? "true" : "false", t->revoked ? "true" : "false");
	return 0;
}

/* The name index: each technique under its name and, for sub-techniques, its full name,
 * sorted by ASCII-case-folded name, then by id. */
struct gen_name {
	char text[600];
	size_t tech;
};

static struct gen_name names[2 * GEN_MAX_ROWS];
static size_t nnames;

static int gen_fold_cmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int x = *a >= 'A' && *a <= 'Z' ? *a - 'A' + 'a' : (unsigned char)*a;
		int y = *b >= 'A' && *b <= 'Z' ? *b - 'A' + 'a' : (unsigned char)*b;
		if (x != y || x == 0)
			return x - y;
	}
}

static int gen_name_cmp(const void *a, const void *b)
{
	const struct gen_name *x = a, *y = b;
	int c = gen_fold_cmp(x->text, y->text);
	return c != 0 ? c : (x->tech < y->tech ? -1 : x->tech > y->tech);
}

static void gen_names(FILE *out)
{
	for (size_t i = 0; i < ntechs; i++) {
		const struct gen_tech *parent = techs[i].sub ? gen_parent(&techs[i]) : NULL;
		names[nnames].tech = i;
		snprintf(names[nnames++].text, sizeof(names[0].text), "%s", techs[i].name);
		if (parent == NULL)
			continue;
		names[nnames].tech = i;
		snprintf(names[nnames++].text, sizeof(names[0].text), "%s: %s", parent->name,
		         techs[i].name);
	}
	qsort(names, nnames, sizeof(names[0]), gen_name_cmp);
	fputs("const struct attack_name attack_names[] = {\n", out);
	for (size_t i = 0; i < nnames; i++) {
		fputs("\t{", out);
		gen_str(out, names[i].text);
		fprintf(out, ", %zu},\n", names[i].tech);
	}
	fprintf(out, "};\nconst size_t attack_nnames = %zu;\n", nnames);
}

static int gen_write(FILE *out)
{
	fputs("/* attack_table.c: generated by attack_gen from data/attack (MITRE ATT&CK "
	      "Enterprise;\n"
	      " * (c) The MITRE Corporation, used with permission). Do not edit. */\n"
	      "#include <stddef.h>\n\n#include \"attack.h\"\n\n"
	      "const struct attack_tactic attack_tactics[] = {\n",
	      out);
	for (size_t i = 0; i < ntactics; i++) {
		fputs("\t{", out);
		gen_str(out, tactics[i].id);
		fputs(", ", out);
		gen_str(out, tactics[i].shortname);
		fputs(", ", out);
		gen_str(out, tactics[i].name);
		fprintf(out, ", %d, \"https://attack.mitre.org/tactics/%s\"},\n", tactics[i].order,
		        tactics[i].id);
	}
	fprintf(out, "};\nconst size_t attack_ntactics = %zu;\n\n", ntactics);
	fputs("const struct attack_technique attack_techniques[] = {\n", out);
	for (size_t i = 0; i < ntechs; i++)
		if (gen_tech_row(out, &techs[i]) != 0)
			return -1;
	fprintf(out, "};\nconst size_t attack_ntechniques = %zu;\n\n", ntechs);
	gen_names(out);
	return ferror(out) ? -1 : 0;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: attack_gen techniques.tsv tactics.tsv out.c\n");
		return 2;
	}
	if (gen_read_tactics(argv[2]) != 0 || gen_read_techs(argv[1]) != 0)
		return 1;
	if (ntactics == 0 || ntechs == 0)
		return gen_fail(argv[1], 0, "empty table"), 1;
	FILE *out = fopen(argv[3], "w");
	if (out == NULL)
		return gen_fail(argv[3], 0, "cannot create"), 1;
	int rc = gen_write(out);
	if (fclose(out) != 0 || rc != 0) {
		remove(argv[3]);
		return 1;
	}
	return 0;
}
