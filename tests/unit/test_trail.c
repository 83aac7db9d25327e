/* test_trail.c: integrity and the review trail through the command line: the integrity
 * appendix against sha256sum, stated hashes checked at their position, the output manifest
 * with sha256sum -c, drafts on every page, the sign-off block, revisions in both exports (and
 * the shared validators on them), versions that move only where content changed, and
 * byte-identical outputs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "testutil.h"

#define TOOLS RG_SOURCE_DIR "/../shared/tools"

static char dir[64]; /* the case folder of this run */

/* The incident of these tests; status, a second revision and draft vary. */
static void write_case(const char *name, const char *status, bool second, bool draft,
                       const char *extra_report, const char *image_extra,
                       const char *attachment_extra)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp,
	        "reportgen: 1\n"
	        "report:\n"
	        "  id: \"77\"\n"
	        "  title: Trail test\n"
	        "  date: 2025-03-04T16:40:00Z\n"
	        "  status: %s\n"
	        "  severity: high\n"
	        "  verdict: true-positive\n"
	        "%s"
	        "  prepared_by: {name: Ana Novak, role: Analyst L2, date: 2025-03-04}\n"
	        "  reviewed_by: {name: Bert Roth, role: SOC lead, date: 2025-03-05}\n"
	        "  revisions:\n"
	        "    - {revision: \"1\", date: 2025-03-04T16:40:00Z, author: Ana Novak, note: "
	        "First issue}\n"
	        "%s"
	        "%s"
	        "alert:\n"
	        "  rule: R1\n"
	        "  time: 2025-03-04T14:00:00Z\n"
	        "emails:\n"
	        "  - from: billing@evil.example\n"
	        "    attachments:\n"
	        "      - name: invoice.pdf\n"
	        "        path: evidence/invoice.pdf\n"
	        "%s"
	        "analysis:\n"
	        "  blocks:\n"
	        "    - title: Screenshot\n"
	        "      image:\n"
	        "        path: shot.png\n"
	        "%s"
	        "artifacts:\n"
	        "  - value: 185.220.101.47\n"
	        "    disposition: malicious\n"
	        "  - value: evil.example\n"
	        "    disposition: malicious\n"
	        "    last_seen: 2025-03-04T15:00:00Z\n",
	        status, draft ? "  draft: true\n" : "",
	        second ? "    - {revision: \"2\", date: 2025-03-06T09:00:00Z, author: Bert Roth, "
	                 "note: Contained}\n"
	               : "",
	        extra_report, attachment_extra, image_extra);
	assert_int_equal(fclose(fp), 0);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/rg-trail-XXXXXX");
	assert_non_null(mkdtemp(dir));
	char *out = tu_popen(NULL,
	                     "mkdir -p '%s/evidence' && cp '%s/examples/img/beacon-intervals.png' "
	                     "'%s/shot.png' && printf 'invoice bytes\\n' > "
	                     "'%s/evidence/invoice.pdf' && echo ok",
	                     dir, RG_SOURCE_DIR, dir, dir);
	assert_string_equal(out, "ok\n");
	free(out);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(tu_popen(NULL, "rm -rf '%s'", dir));
	return 0;
}

/* sha256sum's digest of a file of the case folder. */
static char *sha256sum(const char *name)
{
	char *out = tu_popen(NULL, "cd '%s' && sha256sum '%s' | cut -c1-64", dir, name);
	assert_int_equal(strlen(out), 65);
	out[64] = '\0';
	return out;
}

/* Runs reportgen in the case folder with SOURCE_DATE_EPOCH set; returns its output (stdout
 * and stderr) and status. */
static char *reportgen(int *status, const char *args)
{
	return tu_popen(status, "cd '%s' && SOURCE_DATE_EPOCH=1700000000 '%s' %s 2>&1", dir,
	                RG_BINARY, args);
}

/* Fails with the whole text when needle is not in it. */
static void expect(const char *text, const char *needle)
{
	if (strstr(text, needle) == NULL)
		fail_msg("expected \"%s\" in:\n%s", needle, text);
}

/* s without its trailing line break. */
static char *chomp(char *s)
{
	size_t n = strlen(s);
	if (n > 0 && s[n - 1] == '\n')
		s[n - 1] = '\0';
	return s;
}

static char *pdf_text(const char *pdf, int page)
{
	return tu_popen(NULL, "cd '%s' && pdftotext -f %d -l %d '%s' - 2>/dev/null", dir, page,
	                page, pdf);
}

static int pdf_pages(const char *pdf)
{
	char *out = tu_popen(NULL, "cd '%s' && pdfinfo '%s' | sed -n 's/^Pages: *//p'", dir, pdf);
	int n = atoi(out);
	free(out);
	return n;
}

static cJSON *load_json(const char *name)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	char *text = tu_slurp(path);
	assert_non_null(text);
	cJSON *j = cJSON_Parse(text);
	free(text);
	assert_non_null(j);
	return j;
}

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const cJSON *find_type(const cJSON *bundle, const char *type)
{
	const cJSON *o;
	cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(
	                              bundle, "objects")) if (strcmp(str(o, "type"), type) ==
	                                                      0) return o;
	return NULL;
}

/* The SHA-256 the report's external references give for `source` named `name`. */
static const char *ref_hash(const cJSON *report, const char *source, const char *name)
{
	const cJSON *r;
	cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(report, "external_references"))
	{
		if (strcmp(str(r, "source_name"), source) != 0 ||
		    strncmp(str(r, "description"), name, strlen(name)) != 0)
			continue;
		return str(cJSON_GetObjectItemCaseSensitive(r, "hashes"), "SHA-256");
	}
	return NULL;
}

static void test_integrity_appendix(void **state)
{
	(void)state;
	write_case("inc.yaml", "investigating", false, false, "", "", "");
	int rc;
	free(reportgen(&rc, "render inc.yaml --outdir out -q"));
	assert_int_equal(rc, 0);
	const char *files[] = {"inc.yaml", "shot.png", "evidence/invoice.pdf"};
	char *want[3];
	for (int i = 0; i < 3; i++)
		want[i] = sha256sum(files[i]);
	/* the appendix: every file with the digest sha256sum computes */
	char *all = tu_popen(NULL, "cd '%s' && pdftotext -layout out/inc.pdf - | tr -s ' '", dir);
	assert_non_null(strstr(all, "Integrity"));
	char line[256];
	snprintf(line, sizeof(line), "inc.yaml %s\nincident file\n", want[0]);
	assert_non_null(strstr(all, line));
	snprintf(line, sizeof(line), "shot.png %s\nimage\n", want[1]);
	assert_non_null(strstr(all, line));
	snprintf(line, sizeof(line), "evidence/invoice.pdf %s\nattachment\n", want[2]);
	assert_non_null(strstr(all, line));
	free(all);
	/* STIX 2.1: the report's references, the attachment's file object */
	cJSON *b = load_json("out/inc.stix.json");
	const cJSON *report = find_type(b, "report");
	assert_string_equal(ref_hash(report, "incident-file", "inc.yaml"), want[0]);
	assert_string_equal(ref_hash(report, "evidence-file", "shot.png"), want[1]);
	const cJSON *file = find_type(b, "file");
	assert_non_null(file);
	assert_string_equal(str(cJSON_GetObjectItemCaseSensitive(file, "hashes"), "SHA-256"),
	                    want[2]);
	cJSON_Delete(b);
	/* STIX 1: the evidence observables and the attachment's hashes (XPath) */
	for (int i = 0; i < 3; i++) {
		char *got = tu_popen(
		        NULL,
		        "cd '%s' && xmllint --xpath \"//*[local-name()='Simple_Hash_Value' and "
		        "text()='%s']/text()\" out/inc.stix.xml 2>/dev/null",
		        dir, want[i]);
		assert_string_equal(chomp(got), want[i]);
		free(got);
	}
	for (int i = 0; i < 3; i++)
		free(want[i]);
}

static void test_wrong_hash_fails_at_its_line(void **state)
{
	(void)state;
	const char *zeros = "0000000000000000000000000000000000000000000000000000000000000000";
	char img[128], att[128];
	snprintf(img, sizeof(img), "        sha256: %s\n", zeros);
	write_case("bad.yaml", "investigating", false, false, "", img, "");
	int rc;
	char *out = reportgen(&rc, "check bad.yaml -q");
	assert_int_equal(rc, 1);
	/* the image's sha256 is line 26 of the file, its value at column 17 */
	expect(out, "bad.yaml:26:17: error: analysis.blocks[0].image.sha256: "
	            "the SHA-256 of image \"shot.png\" is ");
	free(out);
	/* the right one passes */
	char *good = sha256sum("shot.png");
	snprintf(img, sizeof(img), "        sha256: %s\n", good);
	write_case("good.yaml", "investigating", false, false, "", img, "");
	out = reportgen(&rc, "check good.yaml -q");
	assert_int_equal(rc, 0);
	assert_string_equal(out, "");
	free(out);
	free(good);
	/* an attachment's stated md5 against its file */
	snprintf(att, sizeof(att), "        md5: 00000000000000000000000000000000\n");
	write_case("bad2.yaml", "investigating", false, false, "", "", att);
	out = reportgen(&rc, "check bad2.yaml -q");
	assert_int_equal(rc, 1);
	expect(out, "bad2.yaml:21:14: error: emails[0].attachments[0].md5: the "
	            "MD5 of attachment \"evidence/invoice.pdf\" is ");
	free(out);
	/* a path that leaves the folder is an error, a missing file a warning */
	char case2[512];
	snprintf(case2, sizeof(case2),
	         "sed 's|path: evidence/invoice.pdf|path: ../outside.pdf|' '%s/inc.yaml' > "
	         "'%s/out1.yaml' && sed 's|path: evidence/invoice.pdf|path: gone.pdf|' "
	         "'%s/inc.yaml' > '%s/gone.yaml' && touch '%s/../outside.pdf'",
	         dir, dir, dir, dir, dir);
	write_case("inc.yaml", "investigating", false, false, "", "", "");
	free(tu_popen(NULL, "%s", case2));
	out = reportgen(&rc, "check out1.yaml -q");
	assert_int_equal(rc, 1);
	expect(out, "error: emails[0].attachments[0].path: attachment "
	            "\"../outside.pdf\" leaves the incident file's folder");
	free(out);
	out = reportgen(&rc, "check gone.yaml -q");
	assert_int_equal(rc, 0);
	expect(out, "warning: emails[0].attachments[0].path: attachment "
	            "\"gone.pdf\" is not present");
	free(out);
	free(tu_popen(NULL, "rm -f '%s/../outside.pdf'", dir));
}

static void test_manifest(void **state)
{
	(void)state;
	write_case("inc.yaml", "investigating", false, false, "", "", "");
	int rc;
	free(tu_popen(NULL, "rm -rf '%s/m'", dir));
	char *out = reportgen(&rc, "render inc.yaml --outdir m --manifest");
	assert_int_equal(rc, 0);
	expect(out, "wrote m/SHA256SUMS (manifest of 3 outputs)");
	free(out);
	out = tu_popen(&rc, "cd '%s/m' && sha256sum -c SHA256SUMS 2>&1", dir);
	assert_int_equal(rc, 0);
	assert_string_equal(out, "inc.pdf: OK\ninc.stix.xml: OK\ninc.stix.json: OK\n");
	free(out);
	/* --manifest=FILE elsewhere: names relative to its folder */
	out = reportgen(&rc, "render inc.yaml --outdir m -q --manifest=sums.txt");
	assert_int_equal(rc, 0);
	free(out);
	out = tu_popen(&rc, "cd '%s' && cat sums.txt && sha256sum -c sums.txt 2>&1", dir);
	assert_int_equal(rc, 0);
	expect(out, "  m/inc.pdf\n");
	expect(out, "m/inc.stix.json: OK\n");
	free(out);
	/* the manifest catches a changed output */
	out = tu_popen(&rc,
	               "cd '%s/m' && echo x >> inc.stix.json && sha256sum -c --quiet "
	               "SHA256SUMS 2>&1",
	               dir);
	assert_int_not_equal(rc, 0);
	free(out);
	/* an invalid input writes no output, hence no manifest */
	write_case("inv.yaml", "no-such-status", false, false, "", "", "");
	out = reportgen(&rc, "render inv.yaml --outdir m2 --manifest -q");
	assert_int_equal(rc, 1);
	free(out);
	char path[256];
	snprintf(path, sizeof(path), "%s/m2/SHA256SUMS", dir);
	assert_int_equal(access(path, F_OK), -1);
}

static void test_draft_pages(void **state)
{
	(void)state;
	int rc;
	write_case("draft.yaml", "investigating", false, true, "", "", "");
	write_case("final.yaml", "investigating", false, false, "", "", "");
	free(reportgen(&rc, "render draft.yaml final.yaml --outdir d -f pdf -q"));
	assert_int_equal(rc, 0);
	free(reportgen(&rc, "render final.yaml -o d/flag.pdf --draft -q"));
	assert_int_equal(rc, 0);
	const char *drafts[] = {"d/draft.pdf", "d/flag.pdf"};
	for (int k = 0; k < 2; k++) {
		int n = pdf_pages(drafts[k]);
		assert_true(n >= 2);
		for (int p = 1; p <= n; p++) {
			char *t = pdf_text(drafts[k], p);
			if (strstr(t, "DRAFT") == NULL)
				fail_msg("%s page %d carries no DRAFT", drafts[k], p);
			free(t);
		}
		char *info =
		        tu_popen(NULL, "cd '%s' && pdfinfo '%s' | grep '^Title:'", dir, drafts[k]);
		assert_non_null(strstr(info, "Draft: Trail test"));
		free(info);
	}
	int n = pdf_pages("d/final.pdf");
	for (int p = 1; p <= n; p++) {
		char *t = pdf_text("d/final.pdf", p);
		assert_null(strstr(t, "DRAFT"));
		assert_null(strstr(t, "Draft"));
		free(t);
	}
	/* the watermark is each page's first drawing (behind everything), on the diagonal */
	char *lay = reportgen(&rc, "render draft.yaml -f layout -o -");
	assert_int_equal(rc, 0);
	size_t pages = 0, first = 0;
	for (const char *p = strstr(lay, "\npage "); p != NULL; p = strstr(p + 1, "\npage ")) {
		pages++;
		const char *op = strstr(p, "\n  ");
		while (op != NULL && strncmp(op, "\n  heading ", 11) == 0)
			op = strstr(op + 1, "\n  ");
		first += op != NULL && strncmp(op, "\n  text ", 8) == 0 &&
		         strstr(op, "\"DRAFT\" angle 54.") == strchr(op, '"');
	}
	assert_true(pages >= 2);
	assert_int_equal(first, pages);
	free(lay);
	/* the sign-off block names the preparer and the reviewer, the revision table */
	char *all = tu_popen(NULL, "cd '%s' && pdftotext -layout d/final.pdf - | tr -s ' '", dir);
	assert_non_null(strstr(all, "Review and Sign-off"));
	assert_non_null(strstr(all, "Prepared by Ana Novak Analyst L2"));
	assert_non_null(strstr(all, "Reviewed by Bert Roth SOC lead"));
	assert_non_null(strstr(all, "1 2025-03-04 16:40 UTC Ana Novak First issue"));
	free(all);
	/* a template that asks for an approver: a final report without one is a warning */
	free(tu_popen(NULL,
	              "cd '%s' && printf 'name: signed\\nrequire_approval: true\\n' > signed.yaml",
	              dir));
	char *out = reportgen(&rc, "render final.yaml -t ./signed.yaml -o d/s.pdf -q");
	assert_int_equal(rc, 0);
	expect(out, "warning: report: the template asks for an approver");
	free(out);
	out = reportgen(&rc, "render draft.yaml -t ./signed.yaml -o d/s.pdf -q");
	assert_int_equal(rc, 0);
	assert_string_equal(out, "");
	free(out);
	write_case("signed-off.yaml", "investigating", false, false,
	           "  approved_by: {name: Cleo Hart, role: CISO, date: 2025-03-06}\n", "", "");
	out = reportgen(&rc, "render signed-off.yaml -t ./signed.yaml -o d/s.pdf -q");
	assert_int_equal(rc, 0);
	assert_string_equal(out, "");
	free(out);
	all = tu_popen(NULL, "cd '%s' && pdftotext -layout d/s.pdf - | tr -s ' '", dir);
	assert_non_null(strstr(all, "Approved by Cleo Hart CISO 2025-03-06"));
	free(all);
	/* an approver on a draft is a warning */
	write_case("appr.yaml", "investigating", false, true,
	           "  approved_by: {name: Cleo Hart, role: CISO}\n", "", "");
	out = reportgen(&rc, "check appr.yaml -q");
	assert_int_equal(rc, 0);
	expect(out, "warning: report.approved_by: an approver on a draft");
	free(out);
}

/* Both exports of a case with hashes and revisions through the shared validators. */
static void test_exports_validate(void **state)
{
	(void)state;
	if (access(TOOLS "/stix1-validate", X_OK) != 0) {
		print_message("SKIP: %s absent, exports not validated\n", TOOLS);
		return;
	}
	write_case("v.yaml", "contained", true, false, "", "", "");
	int rc;
	free(reportgen(&rc, "render v.yaml --outdir v -f stix1,stix2 -q"));
	assert_int_equal(rc, 0);
	free(reportgen(&rc, "render v.yaml -o v/v-oasis.stix.xml --stix1-dialect 1.2.1 -q"));
	assert_int_equal(rc, 0);
	const char *cmds[] = {
	        "'" TOOLS "/stix1-validate' -q v/v.stix.xml v/v-oasis.stix.xml",
	        "'" TOOLS "/stix2-validate' -q --strict v/v.stix.json",
	        "'" TOOLS "/stix-clients' -q v/v.stix.xml v/v.stix.json",
	};
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		char *out = tu_popen(&rc, "cd '%s' && %s 2>&1", dir, cmds[i]);
		if (rc != 0)
			fail_msg("%s: status %d\n%s", cmds[i], rc, out);
		free(out);
	}
	/* both carry the revision */
	cJSON *b = load_json("v/v.stix.json");
	const cJSON *r;
	bool found = false;
	cJSON_ArrayForEach(
	        r, cJSON_GetObjectItemCaseSensitive(find_type(b, "report"), "external_references"))
	        found |= strcmp(str(r, "source_name"), "report-revision") == 0 &&
	                 strcmp(str(r, "external_id"), "2") == 0;
	assert_true(found);
	cJSON_Delete(b);
	char *x = tu_popen(NULL,
	                   "cd '%s' && xmllint --xpath \"string(//*[local-name()="
	                   "'Information_Source']/*[local-name()='Description'])\" v/v.stix.xml",
	                   dir);
	assert_string_equal(chomp(x), "Revision 2 of 2025-03-06T09:00:00Z");
	free(x);
}

static void test_reproducible(void **state)
{
	(void)state;
	write_case("inc.yaml", "investigating", true, true, "", "", "");
	int rc;
	free(reportgen(&rc, "render inc.yaml --outdir r1 --manifest -q"));
	assert_int_equal(rc, 0);
	free(reportgen(&rc, "render inc.yaml --outdir r2 --manifest -q"));
	assert_int_equal(rc, 0);
	char *out = tu_popen(&rc, "cd '%s' && diff -r r1 r2 && echo same", dir);
	assert_string_equal(out, "same\n");
	free(out);
}

/* The object of bundle b with id, or NULL. */
static const cJSON *by_id(const cJSON *b, const char *id)
{
	const cJSON *o;
	cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(
	                              b, "objects")) if (strcmp(str(o, "id"), id) == 0) return o;
	return NULL;
}

/* The object as text without its modified time. */
static char *content(const cJSON *o)
{
	cJSON *c = cJSON_Duplicate(o, true);
	cJSON_DeleteItemFromObjectCaseSensitive(c, "modified");
	char *s = cJSON_PrintUnformatted(c);
	cJSON_Delete(c);
	return s;
}

static void test_versions_move(void **state)
{
	(void)state;
	int rc;
	write_case("inc.yaml", "investigating", false, false, "", "", "");
	free(reportgen(&rc, "render inc.yaml --outdir v1 -f stix1,stix2 -q"));
	assert_int_equal(rc, 0);
	/* the same incident, contained, recorded as revision 2 */
	write_case("inc.yaml", "contained", true, false, "", "", "");
	free(reportgen(&rc, "render inc.yaml --outdir v2 -f stix1,stix2 -q"));
	assert_int_equal(rc, 0);
	cJSON *a = load_json("v1/inc.stix.json"), *b = load_json("v2/inc.stix.json");
	size_t changed = 0, same = 0;
	const cJSON *o;
	cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(b, "objects"))
	{
		const cJSON *old = by_id(a, str(o, "id"));
		/* attack-patterns are MITRE's objects, with MITRE's created and modified */
		if (old == NULL || str(o, "modified") == NULL ||
		    strcmp(str(o, "type"), "attack-pattern") == 0)
			continue;
		/* created is the report's own first time, never SOURCE_DATE_EPOCH (2023) */
		assert_string_equal(str(o, "created"), "2025-03-04T16:40:00.000Z");
		assert_string_equal(str(old, "created"), str(o, "created"));
		char *x = content(old), *y = content(o);
		if (strcmp(x, y) == 0) {
			assert_string_equal(str(o, "modified"), str(old, "modified"));
			same++;
		} else {
			if (strcmp(str(o, "modified"), str(old, "modified")) <= 0)
				fail_msg("%s changed but its modified did not move", str(o, "id"));
			assert_string_equal(str(o, "modified"), "2025-03-06T09:00:00.000Z");
			changed++;
		}
		free(x);
		free(y);
	}
	assert_string_equal(str(find_type(b, "incident"), "modified"), "2025-03-06T09:00:00.000Z");
	assert_string_equal(str(find_type(a, "incident"), "modified"), "2025-03-04T16:40:00.000Z");
	assert_int_equal(changed, 2); /* the report (its revision) and the incident (status) */
	assert_true(same > 5);
	cJSON_Delete(a);
	cJSON_Delete(b);
	/* STIX 1: the incident's and the package's timestamps move, an indicator's stays */
	const char *xp[] = {"//*[local-name()='Incident']/@timestamp",
	                    "/*[local-name()='STIX_Package']/@timestamp",
	                    "(//*[local-name()='Indicator'])[1]/@timestamp"};
	const char *want[][2] = {{"2025-03-04T16:40:00Z", "2025-03-06T09:00:00Z"},
	                         {"2025-03-04T16:40:00Z", "2025-03-06T09:00:00Z"},
	                         {"2025-03-04T16:40:00Z", "2025-03-04T16:40:00Z"}};
	for (int i = 0; i < 3; i++)
		for (int v = 0; v < 2; v++) {
			char *t = tu_popen(
			        NULL, "cd '%s' && xmllint --xpath \"string(%s)\" v%d/inc.stix.xml",
			        dir, xp[i], v + 1);
			assert_string_equal(chomp(t), want[i][v]);
			free(t);
		}
	/* report.revised before a date the file gives is an error at it */
	write_case("early.yaml", "contained", true, false, "  revised: 2025-03-05\n", "", "");
	char *out = reportgen(&rc, "check early.yaml -q");
	assert_int_equal(rc, 1);
	expect(out, "early.yaml:14:12: error: report.revised: the revision time "
	            "is before 2025-03-06T09:00:00Z");
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_integrity_appendix),
	        cmocka_unit_test(test_wrong_hash_fails_at_its_line),
	        cmocka_unit_test(test_manifest),
	        cmocka_unit_test(test_draft_pages),
	        cmocka_unit_test(test_exports_validate),
	        cmocka_unit_test(test_reproducible),
	        cmocka_unit_test(test_versions_move),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
