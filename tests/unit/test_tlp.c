/* test_tlp.c: TLP through the reportgen executable: portion labels and per-page footers in the
 * PDF (pdftotext per page), filtered editions of every format (PDF text, XPath on STIX 1.2.1,
 * cJSON fields of STIX 2.1), the leak scan and its near misses, and --export-text. Needs
 * pdftotext (poppler-utils, installed by build.sh): fails, never skips, without it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <cjson/cJSON.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "testutil.h"

#define EXAMPLE RG_SOURCE_DIR "/examples/partner-share-credential-phish.yaml"
#define WORK "tlp-work"

static const char *const levels[] = {"clear", "green", "amber", "amber+strict", "red"};

/* Runs a shell command; returns its standard output and error (caller frees), *status its
 * exit status. */
static char *run(int *status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *run(int *status, const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char *buf = tu_read_stream(p);
	int st = pclose(p);
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return buf;
}

/* reportgen render ARGS... IN into the work folder; returns its diagnostics. */
static char *render(int *status, const char *in, const char *args)
{
	return run(status, "cd " WORK " && SOURCE_DATE_EPOCH=1726574700 '%s' render %s '%s' 2>&1",
	           RG_BINARY, args, in);
}

/* The text of each page of a PDF (pages[0] is page 1), from pdftotext. */
struct pages {
	char *buf;
	char *v[64];
	size_t n;
};

static void pages_read(struct pages *p, const char *pdf)
{
	int st;
	p->buf = run(&st, "pdftotext -layout -enc UTF-8 '%s' -", pdf);
	assert_int_equal(st, 0);
	p->n = 0;
	char *s = p->buf;
	for (char *ff; (ff = strchr(s, '\f')) != NULL && p->n < 64; s = ff + 1) {
		*ff = '\0';
		p->v[p->n++] = s;
	}
	assert_true(p->n > 0);
}

/* The TLP token of a page's footer: the whole "TLP:..." token on the line holding
 * "Page N of M" (static buffer), or "" when there is none. */
static const char *footer_token(const char *page)
{
	static char tok[64];
	tok[0] = '\0';
	const char *line = NULL;
	for (const char *q = page; (q = strstr(q, "Page ")) != NULL; q++)
		if (strstr(q, " of ") != NULL)
			line = q;
	if (line == NULL)
		return tok;
	const char *bol = line;
	while (bol > page && bol[-1] != '\n')
		bol--;
	const char *t = strstr(bol, "TLP:");
	if (t == NULL || t > line)
		return tok;
	size_t n = strcspn(t, " \t\n");
	snprintf(tok, sizeof(tok), "%.*s", (int)n, t);
	return tok;
}

/* "TLP:AMBER+STRICT" for "amber+strict" (static buffer). */
static const char *label(const char *level)
{
	static char l[32];
	snprintf(l, sizeof(l), "TLP:%s", level);
	for (char *c = l; *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	return l;
}

/* Whether s holds tok as a whole token (not followed by more of a TLP name). */
static bool has_token(const char *s, const char *tok)
{
	size_t n = strlen(tok);
	for (const char *q = s; (q = strstr(q, tok)) != NULL; q++) {
		char next = q[n];
		if (!(next == '+' || (next >= 'A' && next <= 'Z')))
			return true;
	}
	return false;
}

static void write_file(const char *path, const char *text)
{
	tu_spit(path, text);
}

/* A report of several pages at one level, with no portion marked. */
static void write_level_report(const char *path, const char *level)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);
	assert_non_null(fp);
	fprintf(fp,
	        "reportgen: 1\nreport:\n  id: \"L-1\"\n  date: 2024-09-17T12:00:00Z\n"
	        "  tlp: %s\n",
	        level);
	const char *secs[] = {"detection", "verification", "analysis", "eradication", "recovery"};
	for (size_t i = 0; i < 5; i++) {
		fprintf(fp, "%s:\n  text: |\n", secs[i]);
		for (int k = 0; k < 14; k++)
			fprintf(fp,
			        "    Paragraph %d of %s: the analyst looked at the logs of the "
			        "host "
			        "and wrote down what was seen, at some length, so that the "
			        "section takes room on the page.\n\n",
			        k, secs[i]);
	}
	fclose(fp);
	write_file(path, s);
	free(s);
}

static void test_footer_each_level(void **state)
{
	(void)state;
	for (size_t i = 0; i < 5; i++) {
		write_level_report(WORK "/level.yaml", levels[i]);
		int st;
		char *out = render(&st, "level.yaml", "-f pdf -o level.pdf");
		if (st != 0)
			fail_msg("render at %s: %s", levels[i], out);
		free(out);
		struct pages p;
		pages_read(&p, WORK "/level.pdf");
		assert_true(p.n >= 3);
		const char *want = label(levels[i]);
		for (size_t k = 0; k < p.n; k++) {
			const char *got = footer_token(p.v[k]);
			if (strcmp(got, want) != 0)
				fail_msg("%s report, page %zu: footer \"%s\", expected \"%s\"",
				         levels[i], k + 1, got, want);
		}
		/* the cover agrees: its badge is the same whole token, and no other level */
		assert_true(has_token(p.v[0], want));
		for (size_t j = 0; j < 5; j++)
			if (j != i && has_token(p.v[0], label(levels[j])))
				fail_msg("%s cover also shows %s", levels[i], label(levels[j]));
		free(p.buf);
	}
}

/* A green report whose red artifact sits in the appendix, after pages of green text. */
static void write_green_with_red(const char *path, const char *extra)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);
	assert_non_null(fp);
	fputs("reportgen: 1\nreport:\n  id: \"G-1\"\n  date: 2024-09-17T12:00:00Z\n  tlp: green\n",
	      fp);
	fputs("analysis:\n  text: |\n", fp);
	for (int k = 0; k < 30; k++)
		fprintf(fp,
		        "    Paragraph %d: the analyst wrote down what was seen on the host, at "
		        "some length, so that the section takes room on the page.\n\n",
		        k);
	fputs(extra, fp);
	fputs("artifacts:\n  - value: 203.0.113.77\n    tlp: red\n    comment: internal only\n"
	      "  - value: shared.example\n",
	      fp);
	fclose(fp);
	write_file(path, s);
	free(s);
}

static void test_red_artifact_labelled(void **state)
{
	(void)state;
	write_green_with_red(WORK "/mixed.yaml", "");
	int st;
	char *out = render(&st, "mixed.yaml", "-f pdf -o mixed.pdf");
	assert_int_equal(st, 0);
	free(out);
	struct pages p;
	pages_read(&p, WORK "/mixed.pdf");
	size_t red_page = 0, plain_pages = 0;
	for (size_t k = 0; k < p.n; k++) {
		const char *row = strstr(p.v[k], "203[.]0[.]113[.]77");
		if (row != NULL) {
			red_page = k + 1;
			/* the row carries its own label */
			const char *bol = row;
			while (bol > p.v[k] && bol[-1] != '\n')
				bol--;
			char line[512];
			snprintf(line, sizeof(line), "%.*s", (int)strcspn(bol, "\n"), bol);
			if (!has_token(line, "TLP:RED"))
				fail_msg("the red artifact's row has no TLP:RED label: %s", line);
			assert_string_equal(footer_token(p.v[k]), "TLP:RED");
		} else if (k > 0) {
			/* a page without red portions does not say RED */
			assert_string_equal(footer_token(p.v[k]), "TLP:GREEN");
			plain_pages++;
		}
	}
	assert_true(red_page > 1);
	assert_true(plain_pages >= 1);
	/* the cover shows the overall marking and what is stricter inside */
	assert_string_equal(footer_token(p.v[0]), "TLP:RED");
	assert_non_null(strstr(p.v[0], "stricter markings inside: TLP:RED"));
	free(p.buf);
}

/* ---- the green edition of the example, in every format ---- */

static const char *const red_strings[] = {
        "203.0.113.77",  "203[.]0[.]113[.]77",  "Sign-ins after the click",
        "m.ortiz",       "Reset the passwords", "198.51.100.23",
        "Valid Accounts"};

static void assert_no_red(const char *what, const char *text)
{
	for (size_t i = 0; i < sizeof(red_strings) / sizeof(red_strings[0]); i++)
		if (strstr(text, red_strings[i]) != NULL)
			fail_msg("%s still holds \"%s\"", what, red_strings[i]);
}

static void test_green_edition_pdf(void **state)
{
	(void)state;
	int st;
	char *out = render(&st, EXAMPLE, "--max-tlp green -f pdf -o green.pdf");
	if (st != 0)
		fail_msg("%s", out);
	free(out);
	struct pages p;
	pages_read(&p, WORK "/green.pdf");
	for (size_t k = 0; k < p.n; k++) {
		assert_string_equal(footer_token(p.v[k]), "TLP:GREEN");
		assert_no_red("the green PDF", p.v[k]);
		assert_false(has_token(p.v[k], "TLP:AMBER") || has_token(p.v[k], "TLP:RED"));
	}
	assert_non_null(strstr(p.v[0], "Edition filtered to TLP:GREEN"));
	bool partners = false, indicator = false;
	for (size_t k = 1; k < p.n; k++) {
		partners |= strstr(p.v[k], "Indicators for Partners") != NULL;
		indicator |= strstr(p.v[k], "sso-harborfreight[.]example") != NULL;
	}
	assert_true(partners && indicator); /* what is green stays */
	free(p.buf);
	/* the emptied block and the withheld technique are gone from the outline too */
	char *info = run(&st, "qpdf --qdf --object-streams=disable '" WORK "/green.pdf' - | "
	                      "grep -a -c 'Sign-ins\\|Valid Accounts'");
	assert_int_equal(atoi(info), 0);
	free(info);
}

/* The default stix1 dialect: STIX 1.2 in MITRE namespaces. */
static xmlXPathContextPtr stix1_ctx(xmlDocPtr d)
{
	xmlXPathContextPtr x = xmlXPathNewContext(d);
	xmlXPathRegisterNs(x, BAD_CAST "marking",
	                   BAD_CAST "http://data-marking.mitre.org/Marking-1");
	xmlXPathRegisterNs(x, BAD_CAST "stix", BAD_CAST "http://stix.mitre.org/stix-1");
	xmlXPathRegisterNs(x, BAD_CAST "incident", BAD_CAST "http://stix.mitre.org/Incident-1");
	return x;
}

static double xnum(xmlXPathContextPtr x, const char *expr)
{
	xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, x);
	assert_non_null(r);
	double v = xmlXPathCastToNumber(r);
	xmlXPathFreeObject(r);
	return v;
}

static void test_green_edition_stix1(void **state)
{
	(void)state;
	int st;
	char *out = render(&st, EXAMPLE, "--max-tlp green -f stix1 -o green.stix.xml");
	assert_int_equal(st, 0);
	free(out);
	char *text = tu_slurp(WORK "/green.stix.xml");
	assert_non_null(text);
	assert_no_red("the green STIX 1.2.1 package", text);
	xmlDocPtr d =
	        xmlReadMemory(text, (int)strlen(text), "green.stix.xml", NULL, XML_PARSE_NONET);
	assert_non_null(d);
	xmlXPathContextPtr x = stix1_ctx(d);
	assert_true(xnum(x, "count(//marking:Marking_Structure)") >= 1);
	assert_true(xnum(x, "count(//marking:Marking_Structure[@color != 'GREEN'])") == 0);
	assert_true(xnum(x, "count(//marking:Marking/marking:Controlled_Structure"
	                    "[. = '//node() | //@*'])") == 1);
	assert_true(xnum(x, "count(//*[contains(., '203.0.113.77')])") == 0);
	xmlXPathFreeContext(x);
	xmlFreeDoc(d);
	free(text);
}

static cJSON *json_file(const char *path)
{
	char *text = tu_slurp(path);
	assert_non_null(text);
	cJSON *b = cJSON_Parse(text);
	assert_non_null(b);
	free(text);
	return b;
}

static const char *jstr(const cJSON *o, const char *k)
{
	const char *s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, k));
	return s ? s : "";
}

#define GREEN_ID "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
#define CLEAR_ID "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"

static void test_green_edition_stix2(void **state)
{
	(void)state;
	int st;
	char *out = render(&st, EXAMPLE, "--max-tlp green -f stix2 -o green.stix.json");
	assert_int_equal(st, 0);
	free(out);
	char *text = tu_slurp(WORK "/green.stix.json");
	assert_no_red("the green STIX 2.1 bundle", text);
	free(text);
	cJSON *b = json_file(WORK "/green.stix.json");
	const cJSON *o;
	size_t marked = 0, defs = 0;
	cJSON_ArrayForEach(o, cJSON_GetObjectItem(b, "objects"))
	{
		if (strcmp(jstr(o, "type"), "marking-definition") == 0) {
			if (strcmp(jstr(o, "id"), CLEAR_ID) != 0)
				assert_string_equal(jstr(o, "id"), GREEN_ID);
			defs++;
			continue;
		}
		const cJSON *refs = cJSON_GetObjectItem(o, "object_marking_refs");
		assert_int_equal(cJSON_GetArraySize(refs), 1);
		/* attack-patterns are MITRE's public reference data: TLP:CLEAR */
		assert_string_equal(cJSON_GetStringValue(cJSON_GetArrayItem(refs, 0)),
		                    strcmp(jstr(o, "type"), "attack-pattern") == 0 ? CLEAR_ID
		                                                                   : GREEN_ID);
		marked++;
	}
	assert_true(defs >= 1 && defs <= 2); /* GREEN, and CLEAR when it has techniques */
	assert_true(marked > 10);
	cJSON_Delete(b);
}

/* ---- the leak scan ---- */

static void test_leak_fails_at_its_line(void **state)
{
	(void)state;
	write_file(WORK "/leak.yaml",
	           "reportgen: 1\n"
	           "report:\n"
	           "  id: \"1\"\n"
	           "  date: 2024-09-17\n"
	           "  tlp: green\n"
	           "analysis:\n"
	           "  text: The beacon went to 203[.]0[.]113[.]77 every minute.\n"
	           "summary: Also seen from XN--BCHER-KVA.example.\n"
	           "artifacts:\n"
	           "  - value: 203.0.113.77\n"
	           "    tlp: red\n"
	           "  - value: bücher.example\n"
	           "    tlp: amber\n");
	unlink(WORK "/leak.pdf");
	int st;
	char *out = render(&st, "leak.yaml", "--max-tlp green -f pdf -o leak.pdf");
	assert_int_equal(st, 1);
	assert_non_null(strstr(out, "leak.yaml:7:9: error: the analysis text: still holds "
	                            "\"203.0.113.77\""));
	assert_non_null(strstr(out, "leak.yaml:8:10: error: the summary: still holds"));
	assert_int_equal(access(WORK "/leak.pdf", F_OK), -1); /* nothing written */
	free(out);
	out = render(&st, "leak.yaml", "--max-tlp green --allow-leaks -f pdf -o leak.pdf");
	assert_int_equal(st, 0);
	assert_non_null(strstr(out, "leak.yaml:7:9: warning: the analysis text: still holds"));
	assert_null(strstr(out, "error:"));
	assert_int_equal(access(WORK "/leak.pdf", F_OK), 0);
	free(out);
	/* without --max-tlp nothing is withheld, so nothing leaks */
	out = render(&st, "leak.yaml", "-f pdf -o leak.pdf");
	assert_int_equal(st, 0);
	assert_null(strstr(out, "still holds"));
	free(out);
}

static void test_near_misses_do_not_leak(void **state)
{
	(void)state;
	write_file(WORK "/near.yaml",
	           "reportgen: 1\n"
	           "report:\n"
	           "  id: \"1\"\n"
	           "  date: 2024-09-17\n"
	           "  tlp: green\n"
	           "analysis:\n"
	           "  text: >-\n"
	           "    Longer values only: 10.0.0.12, 110.0.0.1, 10.0.0.1.5, sub.evil.example,\n"
	           "    evil.example.org, myevil.example, evil.examples, evil-example,\n"
	           "    xn--bcher-kva.example.net, 44d88612fea8a8f36de82e1278abb02fa, and\n"
	           "    https://evil.example.org/path.\n"
	           "artifacts:\n"
	           "  - value: 10.0.0.1\n"
	           "    tlp: red\n"
	           "  - value: evil.example\n"
	           "    tlp: red\n"
	           "  - value: bücher.example\n"
	           "    tlp: red\n"
	           "  - value: 44d88612fea8a8f36de82e1278abb02f\n"
	           "    tlp: red\n"
	           "  - value: ok.example\n");
	int st;
	char *out = render(&st, "near.yaml", "--max-tlp green -f tree -o near.tree");
	if (st != 0 || strstr(out, "still holds") != NULL)
		fail_msg("near misses reported: %s", out);
	free(out);
	/* and the same text with the values themselves does fail, once per value */
	write_file(
	        WORK "/hit.yaml",
	        "reportgen: 1\n"
	        "report:\n"
	        "  id: \"1\"\n"
	        "  date: 2024-09-17\n"
	        "  tlp: green\n"
	        "analysis:\n"
	        "  text: \"Seen: 10.0.0.1, EVIL.example. and (44d88612fea8a8f36de82e1278abb02f)\"\n"
	        "artifacts:\n"
	        "  - value: 10.0.0.1\n"
	        "    tlp: red\n"
	        "  - value: evil.example\n"
	        "    tlp: red\n"
	        "  - value: 44d88612fea8a8f36de82e1278abb02f\n"
	        "    tlp: red\n"
	        "  - value: ok.example\n");
	out = render(&st, "hit.yaml", "--max-tlp green -f tree -o hit.tree");
	assert_int_equal(st, 1);
	size_t n = 0;
	for (const char *q = out; (q = strstr(q, "still holds")) != NULL; q++)
		n++;
	assert_int_equal(n, 3);
	free(out);
}

static void test_edition_empty(void **state)
{
	(void)state;
	int st;
	char *out = render(&st, EXAMPLE, "--max-tlp clear -f pdf -o clear.pdf");
	assert_int_equal(st, 1);
	assert_non_null(strstr(out, "error: report.tlp: with --max-tlp clear nothing but the "
	                            "report's metadata would remain"));
	free(out);
}

/* ---- --export-text ---- */

static size_t notes_with(const cJSON *b, const char *abstract)
{
	size_t n = 0;
	const cJSON *o;
	cJSON_ArrayForEach(
	        o, cJSON_GetObjectItem(b, "objects")) if (strcmp(jstr(o, "type"), "note") == 0 &&
	                                                  (abstract == NULL ||
	                                                   strcmp(jstr(o, "abstract"), abstract) ==
	                                                           0)) n++;
	return n;
}

/* Narrative notes (--export-text all): on the incident, and not the note of a containment
 * action or remediation item, which every mode exports with its object (stix-mapping.md). */
static size_t narrative_notes(const cJSON *b)
{
	size_t n = 0;
	const cJSON *o;
	cJSON_ArrayForEach(o, cJSON_GetObjectItem(b, "objects"))
	{
		if (strcmp(jstr(o, "type"), "note") != 0 || strstr(jstr(o, "content"), "\nPhase: "))
			continue;
		const cJSON *ref = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "object_refs"), 0);
		n += strncmp(cJSON_GetStringValue(ref), "incident--", 10) == 0;
	}
	return n;
}

static const char *incident_description(const cJSON *b)
{
	const cJSON *o;
	cJSON_ArrayForEach(
	        o, cJSON_GetObjectItem(b, "objects")) if (strcmp(jstr(o, "type"), "incident") ==
	                                                  0) return jstr(o, "description");
	return "";
}

static void test_export_text_modes(void **state)
{
	(void)state;
	const char *summary = "collected two helpdesk passwords";
	const char *modes[] = {"none", "summary", "all"};
	for (size_t m = 0; m < 3; m++) {
		char args[256];
		snprintf(args, sizeof(args), "--export-text %s -f stix2,stix1 --outdir text-%s",
		         modes[m], modes[m]);
		int st;
		char *out = render(&st, EXAMPLE, args);
		if (st != 0)
			fail_msg("%s: %s", modes[m], out);
		free(out);
		char path[256];
		snprintf(path, sizeof(path),
		         WORK "/text-%s/partner-share-credential-phish.stix.json", modes[m]);
		cJSON *b = json_file(path);
		bool has_summary = strstr(incident_description(b), summary) != NULL;
		assert_true(has_summary == (m != 0));
		assert_int_equal(notes_with(b, "Analysis"), m == 2);
		assert_int_equal(notes_with(b, "Lessons learned"), m == 2);
		assert_int_equal(notes_with(b, "Indicators for Partners"), m == 2);
		assert_int_equal(narrative_notes(b) > 0, m == 2);
		/* the actions' notes are in every mode */
		assert_true(notes_with(b, NULL) > narrative_notes(b));
		cJSON_Delete(b);
		snprintf(path, sizeof(path),
		         WORK "/text-%s/partner-share-credential-phish.stix.xml", modes[m]);
		xmlDocPtr d = xmlReadFile(path, NULL, XML_PARSE_NONET);
		assert_non_null(d);
		xmlXPathContextPtr x = stix1_ctx(d);
		assert_true(xnum(x, "count(//stix:Incident/incident:Description)") ==
		            (m != 0 ? 1 : 0));
		assert_true(xnum(x, "count(//stix:STIX_Header/stix:Description[contains(., "
		                    "'collected two')])") == 0); /* summary_line wins */
		xmlXPathFreeContext(x);
		xmlFreeDoc(d);
	}
	/* the red block's text is in the all-mode analysis note, marked red */
	cJSON *b = json_file(WORK "/text-all/partner-share-credential-phish.stix.json");
	const cJSON *o;
	cJSON_ArrayForEach(o, cJSON_GetObjectItem(b, "objects"))
	{
		if (strcmp(jstr(o, "abstract"), "Analysis") != 0)
			continue;
		assert_non_null(strstr(jstr(o, "content"), "203.0.113.77"));
		const cJSON *refs = cJSON_GetObjectItem(o, "object_marking_refs");
		assert_string_equal(cJSON_GetStringValue(cJSON_GetArrayItem(refs, 0)),
		                    "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");
	}
	cJSON_Delete(b);
}

static int setup(void **state)
{
	(void)state;
	int st;
	free(run(&st, "command -v pdftotext >/dev/null 2>&1"));
	if (st != 0) {
		fprintf(stderr,
		        "test_tlp: pdftotext is missing (poppler-utils; ./build.sh installs it)\n");
		return -1;
	}
	mkdir(WORK, 0777);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_footer_each_level),
	        cmocka_unit_test(test_red_artifact_labelled),
	        cmocka_unit_test(test_green_edition_pdf),
	        cmocka_unit_test(test_green_edition_stix1),
	        cmocka_unit_test(test_green_edition_stix2),
	        cmocka_unit_test(test_leak_fails_at_its_line),
	        cmocka_unit_test(test_near_misses_do_not_leak),
	        cmocka_unit_test(test_edition_empty),
	        cmocka_unit_test(test_export_text_modes),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
