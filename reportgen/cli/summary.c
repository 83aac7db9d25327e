/* summary.c: per-input reporting in input order, the summary line, and the diagnostic forms
 * for CI (GitHub workflow commands, GitLab code quality), built on the one JSON form. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <nettle/sha2.h>

#include "summary.h"

static const char *const summary_forms[] = {"gcc", "json", "github", "codequality", NULL};

int summary_form(const char *s)
{
	for (int i = 0; summary_forms[i] != NULL; i++)
		if (strcmp(s, summary_forms[i]) == 0)
			return i;
	return -1;
}

bool summary_form_uses_stdout(enum diag_form f)
{
	return f != DIAG_GCC;
}

static double summary_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void summary_init(struct summary *s, enum diag_form form, bool quiet, size_t total)
{
	memset(s, 0, sizeof(*s));
	s->form = form;
	s->quiet = quiet;
	s->total = total;
	/* standard error stays empty with the JSON forms, as documented */
	s->progress = !quiet && form != DIAG_JSON && form != DIAG_CODEQUALITY && isatty(2);
	s->start = summary_now();
	rg_diags_init(&s->all);
}

/* Writes s with GitHub's escapes: % \r \n always, and : , in properties. */
static void summary_gh_escape(FILE *fp, const char *s, bool property)
{
	for (; *s != '\0'; s++) {
		if (*s == '%')
			fputs("%25", fp);
		else if (*s == '\r')
			fputs("%0D", fp);
		else if (*s == '\n')
			fputs("%0A", fp);
		else if (property && *s == ':')
			fputs("%3A", fp);
		else if (property && *s == ',')
			fputs("%2C", fp);
		else
			fputc(*s, fp);
	}
}

void summary_github(const struct rg_diag *g, FILE *fp)
{
	fputs(g->sev == RG_SEV_WARNING ? "::warning " : "::error ", fp);
	if (g->file[0] != '\0') {
		fputs("file=", fp);
		summary_gh_escape(fp, g->file, true);
		fputc(',', fp);
	}
	if (g->pos.line > 0)
		fprintf(fp, "line=%d,col=%d,", g->pos.line, g->pos.col);
	fputs("title=", fp);
	summary_gh_escape(fp, "reportgen ", true);
	summary_gh_escape(fp, rg_diag_code_name(g->code), true);
	fputs("::", fp);
	if (g->path[0] != '\0') {
		summary_gh_escape(fp, g->path, false);
		fputs(": ", fp);
	}
	summary_gh_escape(fp, g->message, false);
	fputc('\n', fp);
}

static void summary_clear_progress(struct summary *s)
{
	if (s->progress_showing) {
		fputs("\r\033[K", stderr);
		s->progress_showing = false;
	}
}

static void summary_size(char *buf, size_t n, uint64_t bytes)
{
	if (bytes < 1024)
		snprintf(buf, n, "%llu B", (unsigned long long)bytes);
	else if (bytes < 1024 * 1024)
		snprintf(buf, n, "%llu KiB", (unsigned long long)((bytes + 512) / 1024));
	else
		snprintf(buf, n, "%.1f MiB", (double)bytes / (1024.0 * 1024.0));
}

static void summary_wrote(const struct job_output *o)
{
	char size[32];
	summary_size(size, sizeof(size), o->bytes);
	if (o->pages > 0)
		fprintf(stderr, "wrote %s (%llu page%s, %s)\n", o->path,
		        (unsigned long long)o->pages, o->pages == 1 ? "" : "s", size);
	else
		fprintf(stderr, "wrote %s (%s)\n", o->path, size);
}

static void summary_print_diags(struct summary *s, struct rg_diags *d)
{
	rg_diags_sort(d);
	if (d->n > 0)
		summary_clear_progress(s);
	if (s->form == DIAG_GCC)
		rg_diags_print(d, stderr, false);
	else if (s->form == DIAG_GITHUB)
		for (size_t i = 0; i < d->n; i++)
			summary_github(&d->v[i], stdout);
	for (size_t i = 0; i < d->n; i++) {
		s->warnings += d->v[i].sev == RG_SEV_WARNING;
		s->errors += d->v[i].sev >= RG_SEV_ERROR;
	}
	int rc = rg_diags_exit(d);
	s->worst = rc > s->worst ? rc : s->worst;
	if (s->form == DIAG_JSON || s->form == DIAG_CODEQUALITY)
		rg_diags_move(&s->all, d);
}

void summary_diags(struct summary *s, struct rg_diags *d)
{
	summary_print_diags(s, d);
}

void summary_file(struct summary *s, const char *name, struct job_result *r)
{
	(void)name;
	summary_print_diags(s, &r->diags);
	s->worst = r->status > s->worst ? r->status : s->worst;
	s->files++;
	if (r->out != NULL && r->outlen > 0 && fwrite(r->out, 1, r->outlen, stdout) != r->outlen)
		s->worst = 3;
	for (size_t i = 0; i < r->noutputs; i++) {
		s->outputs++;
		s->pages += r->outputs[i].pages;
		if (!s->quiet && !s->progress && s->form != DIAG_JSON &&
		    s->form != DIAG_CODEQUALITY)
			summary_wrote(&r->outputs[i]);
	}
	if (s->progress) {
		fprintf(stderr, "\r\033[K[%llu/%zu] %s", (unsigned long long)s->files, s->total,
		        name);
		s->progress_showing = true;
	}
}

static void summary_count(char *buf, size_t n, uint64_t v, const char *one, const char *many)
{
	snprintf(buf, n, "%llu %s", (unsigned long long)v, v == 1 ? one : many);
}

/* "3 files, 7 pages, 9 outputs, 1 warning, 0 errors, 0.42 s" */
static void summary_line(const struct summary *s, double secs, char *buf, size_t n)
{
	char f[32], p[32], o[32], w[32], e[32];
	summary_count(f, sizeof(f), s->files, "file", "files");
	summary_count(p, sizeof(p), s->pages, "page", "pages");
	summary_count(o, sizeof(o), s->outputs, "output", "outputs");
	summary_count(w, sizeof(w), s->warnings, "warning", "warnings");
	summary_count(e, sizeof(e), s->errors, "error", "errors");
	snprintf(buf, n, "%s, %s, %s, %s, %s, %.2f s", f, p, o, w, e, secs);
}

/* The diagnostics as the documented JSON array (the one place that builds it). */
static cJSON *summary_json_array(const struct rg_diags *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (mem == NULL)
		return NULL;
	rg_diags_print(d, mem, true);
	fclose(mem);
	cJSON *arr = cJSON_Parse(buf);
	free(buf);
	return arr;
}

static int summary_put(cJSON *doc, bool pretty)
{
	char *text = pretty ? cJSON_Print(doc) : cJSON_PrintUnformatted(doc);
	int rc = 0;
	if (text == NULL || fputs(text, stdout) == EOF || fputc('\n', stdout) == EOF)
		rc = 3;
	cJSON_free(text);
	return rc;
}

/* The JSON form: the diagnostics, then one element with "code": "summary". */
static int summary_json(struct summary *s, const char *line, double secs)
{
	cJSON *arr = summary_json_array(&s->all);
	if (arr == NULL)
		return 3;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "file", "");
	cJSON_AddNumberToObject(o, "line", 0);
	cJSON_AddNumberToObject(o, "column", 0);
	cJSON_AddStringToObject(o, "severity", "note");
	cJSON_AddStringToObject(o, "path", "");
	cJSON_AddStringToObject(o, "code", "summary");
	cJSON_AddStringToObject(o, "message", line);
	cJSON_AddNumberToObject(o, "files", (double)s->files);
	cJSON_AddNumberToObject(o, "pages", (double)s->pages);
	cJSON_AddNumberToObject(o, "outputs", (double)s->outputs);
	cJSON_AddNumberToObject(o, "warnings", (double)s->warnings);
	cJSON_AddNumberToObject(o, "errors", (double)s->errors);
	cJSON_AddNumberToObject(o, "seconds", round(secs * 100) / 100);
	cJSON_AddNumberToObject(o, "status", s->worst);
	cJSON_AddItemToArray(arr, o);
	int rc = summary_put(arr, true);
	cJSON_Delete(arr);
	return rc;
}

static const char *summary_cq_severity(const char *sev, const char *code)
{
	if (strcmp(sev, "warning") == 0)
		return "minor";
	if (strcmp(code, "io") == 0 || strcmp(code, "library") == 0)
		return "critical";
	return "major";
}

/* The GitLab code-quality report: one issue per diagnostic, converted from the JSON form;
 * the fingerprint is the SHA-256 of file, line, column, code and message. */
static int summary_codequality(struct summary *s)
{
	cJSON *arr = summary_json_array(&s->all);
	if (arr == NULL)
		return 3;
	cJSON *out = cJSON_CreateArray();
	const cJSON *g;
	cJSON_ArrayForEach(g, arr)
	{
		const char *file = cJSON_GetObjectItem(g, "file")->valuestring;
		const char *sev = cJSON_GetObjectItem(g, "severity")->valuestring;
		const char *code = cJSON_GetObjectItem(g, "code")->valuestring;
		const char *path = cJSON_GetObjectItem(g, "path")->valuestring;
		const char *msg = cJSON_GetObjectItem(g, "message")->valuestring;
		int line = cJSON_GetObjectItem(g, "line")->valueint;
		int col = cJSON_GetObjectItem(g, "column")->valueint;
		size_t n = strlen(path) + strlen(msg) + 3;
		char *desc = rg_xmalloc(n);
		snprintf(desc, n, "%s%s%s", path, path[0] ? ": " : "", msg);
		char *key = rg_xmalloc(strlen(file) + strlen(code) + strlen(desc) + 64);
		sprintf(key, "%s\n%d\n%d\n%s\n%s", file, line, col, code, desc);
		struct sha256_ctx ctx;
		uint8_t dg[SHA256_DIGEST_SIZE];
		sha256_init(&ctx);
		sha256_update(&ctx, strlen(key), (const uint8_t *)key);
		sha256_digest(&ctx, sizeof(dg), dg);
		char hex[2 * SHA256_DIGEST_SIZE + 1];
		for (size_t i = 0; i < sizeof(dg); i++)
			sprintf(hex + 2 * i, "%02x", dg[i]);
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "description", desc);
		char check[96];
		snprintf(check, sizeof(check), "reportgen/%s", code);
		cJSON_AddStringToObject(o, "check_name", check);
		cJSON_AddStringToObject(o, "fingerprint", hex);
		cJSON_AddStringToObject(o, "severity", summary_cq_severity(sev, code));
		cJSON *loc = cJSON_AddObjectToObject(o, "location");
		cJSON_AddStringToObject(loc, "path", file);
		cJSON *lines = cJSON_AddObjectToObject(loc, "lines");
		cJSON_AddNumberToObject(lines, "begin", line > 0 ? line : 1);
		cJSON_AddItemToArray(out, o);
		free(key);
		free(desc);
	}
	int rc = summary_put(out, true);
	cJSON_Delete(out);
	cJSON_Delete(arr);
	return rc;
}

int summary_end(struct summary *s)
{
	double secs = summary_now() - s->start;
	char line[256];
	summary_line(s, secs, line, sizeof(line));
	summary_clear_progress(s);
	int rc = 0;
	if (s->form == DIAG_JSON)
		rc = summary_json(s, line, secs);
	else if (s->form == DIAG_CODEQUALITY)
		rc = summary_codequality(s);
	else if (!s->quiet)
		fprintf(stderr, "%s\n", line);
	rg_diags_free(&s->all);
	if (fflush(stdout) != 0)
		rc = 3;
	return rc > s->worst ? rc : s->worst;
}
