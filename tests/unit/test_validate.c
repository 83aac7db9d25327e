/* test_validate.c: semantic checks on documents built by hand (load-independent). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "imgmake.h"
#include "reportgen.h"

/* A document owned by one arena; fields are filled by each test. */
static struct rg_doc *mkdoc(void)
{
	struct rg_arena *a = rg_arena_new();
	struct rg_doc *doc = rg_arena_alloc(a, sizeof(*doc));
	doc->arena = a;
	doc->file = "t.yaml";
	doc->dir = ".";
	doc->version = 1;
	doc->report.pos = (struct rg_pos){3, 1};
	doc->report.id = (struct rg_text){"1", {4, 7}};
	doc->report.date =
	        (struct rg_time){.prec = RG_TIME_DATE, .raw = "2024-09-17", .pos = {5, 9}};
	return doc;
}

static struct rg_text txt(const char *s, int line, int col)
{
	return (struct rg_text){s, {line, col}};
}

static void *alloc(struct rg_doc *doc, size_t n, size_t size)
{
	return rg_arena_alloc(doc->arena, n * size);
}

/* Validates doc and returns the printed diagnostics (heap string) and the result. */
static char *run(struct rg_doc *doc, bool strict, bool *ok)
{
	struct rg_diags d;
	rg_diags_init(&d);
	d.strict = strict;
	bool r = rg_validate(doc, &d);
	if (ok != NULL)
		*ok = r;
	rg_diags_sort(&d);
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	rg_diags_print(&d, fp, false);
	fclose(fp);
	rg_diags_free(&d);
	return buf;
}

static void expect(struct rg_doc *doc, bool strict, bool want_ok, const char *want)
{
	bool ok;
	char *got = run(doc, strict, &ok);
	if (strcmp(got, want) != 0)
		fail_msg("diagnostics differ:\n--- got\n%s--- expected\n%s", got, want);
	free(got);
	assert_int_equal(ok, want_ok);
}

static void done(struct rg_doc *doc)
{
	rg_arena_free(doc->arena);
}

static void test_report_date(void **state)
{
	(void)state;
	struct rg_doc *doc = mkdoc();
	doc->report.date.prec = RG_TIME_ABSENT;
	doc->alert.present = true;
	doc->alert.time = (struct rg_time){.prec = RG_TIME_SECOND,
	                                   .has_offset = true,
	                                   .utc = 1726574700,
	                                   .raw = "2024-09-17T12:05:00Z",
	                                   .pos = {9, 9}};
	expect(doc, false, true, "");
	assert_int_equal(doc->report.date.prec, RG_TIME_SECOND);
	assert_int_equal(doc->report.date.utc, 1726574700);
	assert_string_equal(doc->report.date.raw, "2024-09-17T12:05:00Z");
	done(doc);

	doc = mkdoc();
	doc->report.date.prec = RG_TIME_ABSENT;
	expect(doc, false, false,
	       "t.yaml:3:1: error: report: missing required key \"date\"; add \"date: 2024-09-17\" "
	       "(it may "
	       "be left out when alert.time is given)\n");
	done(doc);
}

static void test_assets(void **state)
{
	(void)state;
	struct rg_doc *doc = mkdoc();
	doc->nassets = 4;
	doc->assets = alloc(doc, 4, sizeof(*doc->assets));
	doc->assets[0] = (struct rg_asset){.pos = {10, 5}, .name = txt("Mateo", 10, 11)};
	struct rg_text *ip = alloc(doc, 1, sizeof(*ip));
	ip[0] = txt("172.16.17.162", 12, 9);
	doc->assets[1] = (struct rg_asset){.pos = {11, 5}, .ip = {ip, 1, {12, 9}}};
	doc->assets[2] = (struct rg_asset){
	        .pos = {13, 5}, .kind = RG_KIND_ACCOUNT, .ip = {NULL, 0, {13, 13}}};
	doc->assets[3] = (struct rg_asset){.pos = {14, 5}, .name = txt("Mateo", 14, 11)};
	expect(doc, false, false,
	       "t.yaml:13:13: error: assets[2].ip: an asset needs a name or an ip; this ip list is "
	       "empty and "
	       "there is no name\n"
	       "t.yaml:14:11: error: assets[3].name: asset name \"Mateo\" is already used by "
	       "assets[0] "
	       "(line 10); asset names are unique\n");
	assert_string_equal(doc->assets[1].name.s, "172.16.17.162");
	assert_int_equal(doc->assets[1].name.pos.line, 12);
	assert_int_equal(doc->assets[0].kind, RG_KIND_HOST);
	assert_int_equal(doc->assets[2].kind, RG_KIND_ACCOUNT);
	done(doc);
}

/* Two assets, one email, and blocks that name them. */
static void test_blocks(void **state)
{
	(void)state;
	struct rg_doc *doc = mkdoc();
	doc->nassets = 2;
	doc->assets = alloc(doc, 2, sizeof(*doc->assets));
	doc->assets[0] = (struct rg_asset){.pos = {10, 5}, .name = txt("Mateo", 10, 11)};
	doc->assets[1] = (struct rg_asset){.pos = {11, 5}, .name = txt("DC01", 11, 11)};
	doc->nemails = 1;
	doc->emails = alloc(doc, 1, sizeof(*doc->emails));
	doc->emails[0].from = txt("a@b.io", 20, 11);

	struct rg_block *inner = alloc(doc, 2, sizeof(*inner));
	inner[0] = (struct rg_block){.kind = RG_BLOCK_ASSET, .pos = {42, 11}, .level = 2};
	inner[0].u.asset.name = txt("Nobody", 42, 18);
	inner[1] = (struct rg_block){.kind = RG_BLOCK_EMAIL, .pos = {43, 11}, .level = 2};
	inner[1].u.email.index = 0;
	inner[1].u.email.pos = (struct rg_pos){43, 18};
	struct rg_block *top = alloc(doc, 3, sizeof(*top));
	top[0] = (struct rg_block){.kind = RG_BLOCK_ASSET, .pos = {40, 7}, .level = 1};
	top[0].u.asset.name = txt("DC01", 40, 14);
	top[1] = (struct rg_block){.kind = RG_BLOCK_EMAIL, .pos = {41, 7}, .level = 1};
	top[1].u.email.index = 1;
	top[1].u.email.pos = (struct rg_pos){41, 14};
	top[2] = (struct rg_block){.kind = RG_BLOCK_GROUP, .pos = {42, 7}, .level = 1};
	top[2].u.group = (struct rg_blocks){inner, 2, {42, 9}};
	doc->analysis =
	        (struct rg_section){.present = true, .pos = {39, 1}, .blocks = {top, 3, {40, 5}}};

	doc->nsections = 1;
	doc->sections = alloc(doc, 1, sizeof(*doc->sections));
	struct rg_block *cb = alloc(doc, 1, sizeof(*cb));
	cb[0] = (struct rg_block){.kind = RG_BLOCK_EMAIL, .pos = {61, 7}, .level = 1};
	cb[0].u.email.index = -1;
	cb[0].u.email.pos = (struct rg_pos){61, 14};
	doc->sections[0].s.blocks = (struct rg_blocks){cb, 1, {61, 5}};

	doc->containment.nactions = 2;
	doc->containment.actions = alloc(doc, 2, sizeof(struct rg_action));
	doc->containment.actions[0].target = txt("Mateo", 50, 15);
	doc->containment.actions[1].target = txt("the firewall", 51, 15);

	expect(doc, false, false,
	       "t.yaml:41:14: error: analysis.blocks[1].email: email index 1 is out of range: "
	       "emails has 1 "
	       "entry (0 to 0)\n"
	       "t.yaml:42:18: error: analysis.blocks[2].blocks[0].asset: unknown asset \"Nobody\"; "
	       "known "
	       "assets: \"Mateo\", \"DC01\"\n");
	assert_ptr_equal(top[0].u.asset.ref, &doc->assets[1]);
	assert_null(top[1].u.email.ref);
	assert_ptr_equal(inner[1].u.email.ref, &doc->emails[0]);
	assert_ptr_equal(doc->containment.actions[0].target_asset, &doc->assets[0]);
	assert_null(doc->containment.actions[1].target_asset);
	done(doc);
}

static struct rg_time at(int64_t utc, int line)
{
	return (struct rg_time){
	        .prec = RG_TIME_SECOND, .has_offset = true, .utc = utc, .pos = {line, 11}};
}

static void test_timeline(void **state)
{
	(void)state;
	struct rg_doc *doc = mkdoc();
	doc->nassets = 1;
	doc->assets = alloc(doc, 1, sizeof(*doc->assets));
	doc->assets[0] = (struct rg_asset){.pos = {10, 5}, .name = txt("Mateo", 10, 11)};
	doc->ntimeline = 4;
	doc->timeline = alloc(doc, 4, sizeof(*doc->timeline));
	doc->timeline[0] =
	        (struct rg_event){.pos = {30, 5}, .time = at(300, 30), .event = txt("c", 31, 12)};
	doc->timeline[1] = (struct rg_event){.pos = {32, 5},
	                                     .time = at(100, 32),
	                                     .event = txt("a", 33, 12),
	                                     .asset = txt("Mateo", 34, 12)};
	doc->timeline[2] = (struct rg_event){.pos = {35, 5},
	                                     .time = at(300, 35),
	                                     .event = txt("d", 36, 12),
	                                     .asset = txt("mateo", 37, 12)};
	doc->timeline[3] =
	        (struct rg_event){.pos = {38, 5}, .time = at(200, 38), .event = txt("b", 39, 12)};
	expect(doc, false, true,
	       "t.yaml:37:12: warning: timeline[2].asset: unknown asset \"mateo\"; known assets: "
	       "\"Mateo\"\n");
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(doc->timeline_sorted[i]->event.s[0], "abcd"[i]);
	assert_ptr_equal(doc->timeline[1].asset_ref, &doc->assets[0]);
	assert_null(doc->timeline[2].asset_ref);

	/* one event without a time: file order */
	doc->timeline[3].time = (struct rg_time){0};
	free(run(doc, false, NULL));
	for (size_t i = 0; i < 4; i++)
		assert_ptr_equal(doc->timeline_sorted[i], &doc->timeline[i]);
	done(doc);
}

static void test_remediation_table(void **state)
{
	(void)state;
	struct rg_doc *doc = mkdoc();
	doc->nremediation = 2;
	doc->remediation = alloc(doc, 2, sizeof(*doc->remediation));
	doc->remediation[0] = (struct rg_remediation){.action = txt("Reset", 70, 5)};
	doc->remediation[1] =
	        (struct rg_remediation){.is_action = true, .action = txt("Patch", 71, 13)};
	free(run(doc, false, NULL));
	assert_false(doc->remediation_table);
	doc->remediation[1].status = RG_ASTAT_DONE;
	free(run(doc, false, NULL));
	assert_true(doc->remediation_table);
	done(doc);
}

static struct rg_artifact art(const char *value, int line)
{
	return (struct rg_artifact){.pos = {line, 5}, .value = txt(value, line, 12)};
}

static void test_artifacts(void **state)
{
	(void)state;
	struct rg_doc *doc = mkdoc();
	doc->nartifacts = 8;
	struct rg_artifact *a = doc->artifacts = alloc(doc, 8, sizeof(*a));
	a[0] = art("hxxp://letsdefwnd[.]io/", 100);
	a[1] = art("letsdefwnd[.]io", 101);
	a[2] = art("LetsDefwnd.io", 102);
	a[3] = art("45.33.23", 103);
	a[3].type = RG_IOC_IPV4;
	a[4] = art("\xd1\x80\xd0\xb0\xd1\x83\xd1\x80\xd0\xb0l.com", 104);
	a[4].disposition = RG_DISP_SUSPICIOUS;
	a[5] = art("invoice\xe2\x80\xaegpj.exe", 105);
	a[6] = art("http:///nohost", 106);
	a[7] = art("d41d8cd98f00b204e9800998ecf8427e", 107);
	a[7].type = RG_IOC_MD5;
	struct rg_related *rel = alloc(doc, 4, sizeof(*rel));
	rel[0] = (struct rg_related){.value = txt("letsdefwnd[.]io", 110, 16),
	                             .relation = txt("Resolves-To", 111, 19)};
	rel[1] = (struct rg_related){.value = txt("evil.example", 112, 16),
	                             .relation = txt("dorps", 113, 19)};
	rel[2] = (struct rg_related){.value = txt("hxxp://letsdefwnd.io/", 114, 16),
	                             .relation = txt("related-to", 115, 19)};
	rel[3] = (struct rg_related){.value = txt("letsdefwnd[.]io", 116, 16),
	                             .relation = txt("related-to", 117, 19)};
	a[0].related = rel;
	a[0].nrelated = 3;
	a[2].related = rel + 3;
	a[2].nrelated = 1;
	expect(doc, false, false,
	       "t.yaml:102:12: warning: artifacts[2].value: duplicate artifact: artifacts[1] (line "
	       "101) has "
	       "the same domain \"LetsDefwnd.io\"\n"
	       "t.yaml:103:12: error: artifacts[3].value: expected an IPv4 address like 192.0.2.1; "
	       "got \"45.33.23\"\n"
	       "t.yaml:105:12: warning: artifacts[5].value: the value holds the invisible "
	       "character U+202E "
	       "RIGHT-TO-LEFT OVERRIDE (character 8); such characters hide the real indicator\n"
	       "t.yaml:106:12: error: artifacts[6].value: expected a URL like "
	       "https://example.com/path; got "
	       "\"http:///nohost\" (it has no host); the type was inferred as url\n"
	       "t.yaml:112:16: error: artifacts[0].related[1].value: \"evil.example\" is not the "
	       "value of "
	       "another artifact; add it to artifacts\n"
	       "t.yaml:113:19: error: artifacts[0].related[1].relation: expected one of "
	       "resolves-to, "
	       "communicates-with, drops, downloads, contains, sent-from, creates, related-to; got "
	       "\"dorps\" "
	       "(did you mean \"drops\"?)\n"
	       "t.yaml:114:16: error: artifacts[0].related[2].value: \"http://letsdefwnd.io/\" is "
	       "not the "
	       "value of another artifact (an artifact cannot relate to itself)\n");
	assert_string_equal(a[0].refanged, "http://letsdefwnd.io/");
	assert_int_equal(a[0].type, RG_IOC_URL);
	assert_true(a[0].type_inferred);
	assert_int_equal(a[1].type, RG_IOC_DOMAIN);
	assert_false(a[3].type_inferred);
	assert_int_equal(a[4].type, RG_IOC_DOMAIN);
	assert_string_equal(a[4].idn_ascii, "xn--l-7sba6dbr.com");
	assert_string_equal(a[4].idn_unicode, a[4].value.s);
	assert_null(a[1].idn_ascii);
	assert_int_equal(a[5].type, RG_IOC_FILENAME);
	assert_int_equal(a[0].disposition, RG_DISP_MALICIOUS);
	assert_int_equal(a[4].disposition, RG_DISP_SUSPICIOUS);
	assert_ptr_equal(rel[0].ref, &a[1]);
	assert_string_equal(rel[0].relation.s, "resolves-to");
	assert_null(rel[1].ref);
	assert_ptr_equal(rel[3].ref, &a[1]);
	done(doc);
}

static void test_disposition_default(void **state)
{
	(void)state;
	static const enum rg_verdict verdicts[] = {RG_VERDICT_NONE, RG_VERDICT_TRUE_POSITIVE,
	                                           RG_VERDICT_FALSE_POSITIVE, RG_VERDICT_BENIGN,
	                                           RG_VERDICT_UNDETERMINED};
	static const enum rg_disposition want[] = {RG_DISP_MALICIOUS, RG_DISP_MALICIOUS,
	                                           RG_DISP_BENIGN, RG_DISP_BENIGN,
	                                           RG_DISP_MALICIOUS};
	for (size_t i = 0; i < 5; i++) {
		struct rg_doc *doc = mkdoc();
		doc->report.verdict = verdicts[i];
		doc->nartifacts = 2;
		doc->artifacts = alloc(doc, 2, sizeof(*doc->artifacts));
		doc->artifacts[0] = art("evil.com", 100);
		doc->artifacts[1] = art("good.com", 101);
		doc->artifacts[1].disposition = RG_DISP_UNKNOWN;
		expect(doc, false, true, "");
		assert_int_equal(doc->artifacts[0].disposition, want[i]);
		assert_int_equal(doc->artifacts[1].disposition, RG_DISP_UNKNOWN);
		done(doc);
	}
}

static struct rg_technique tech(const char *id, const char *name, const char *tactic, int line)
{
	return (struct rg_technique){.pos = {line, 5},
	                             .technique = txt(id, line, 16),
	                             .name = txt(name, line + 1, 11),
	                             .tactic = txt(tactic, line + 2, 13)};
}

static struct rg_doc *mitre_doc(void)
{
	struct rg_doc *doc = mkdoc();
	doc->nmitre = 12;
	struct rg_technique *m = doc->mitre = alloc(doc, 12, sizeof(*m));
	m[0] = tech("T1656", "Impersonation", "Defense Evasion", 200);
	m[1] = tech("T1598.003", "Spearphishing Link", "Reconnaissance", 210);
	m[2] = tech("T1566", NULL, NULL, 220);
	m[3] = tech("T1204-002", "Malicious File", "Execution", 230);
	m[4] = tech("T9999", "Phishing", NULL, 240);
	m[5] = tech("T1566", "Fishing", "Execution", 250);
	m[6] = tech(NULL, "phishing for information: spearphishing link", NULL, 260);
	m[7] = tech(NULL, "Spearphishing Link", NULL, 270);
	m[8] = tech("T1064", NULL, "Initail Access", 280);
	m[9] = tech("T1150", NULL, "ta0005", 290);
	m[10] = tech("T1055.013", NULL, NULL, 300);
	m[11] = tech(NULL, "Spearphishing Link", "initial-access", 310);
	return doc;
}

static const char mitre_diags[] =
        "t.yaml:230:16: error: mitre[3].technique: expected an ATT&CK technique id like T1566 or "
        "T1598.003; got \"T1204-002\" (did you mean \"T1204.002\"?)\n"
        "t.yaml:240:16: %s: mitre[4].technique: T9999 is not a technique in ATT&CK v18.1; "
        "\"Phishing\" is T1566\n"
        "t.yaml:251:11: %s: mitre[5].name: T1566 is \"Phishing\" in ATT&CK v18.1, not \"Fishing\"\n"
        "t.yaml:252:13: %s: mitre[5].tactic: T1566 (Phishing) is not under Execution (TA0002) in "
        "ATT&CK "
        "v18.1; its tactic is: Initial Access (TA0001)\n"
        "t.yaml:271:11: %s: mitre[7].name: \"Spearphishing Link\" names several techniques in "
        "ATT&CK "
        "v18.1: T1566.002 (Phishing: Spearphishing Link), T1598.003 (Phishing for Information: "
        "Spearphishing Link); write the technique id or a tactic\n"
        "t.yaml:280:16: %s: mitre[8].technique: T1064 (Scripting) is deprecated in ATT&CK v18.1 "
        "and has "
        "no replacement\n"
        "t.yaml:282:13: %s: mitre[8].tactic: no tactic is named \"Initail Access\" in ATT&CK v18.1 "
        "(did "
        "you mean \"Initial Access\"?); T1064 (Scripting) is under Execution (TA0002), Defense "
        "Evasion "
        "(TA0005)\n"
        "t.yaml:290:16: %s: mitre[9].technique: T1150 (Plist Modification) is revoked in ATT&CK "
        "v18.1; "
        "use T1647 (Plist File Modification), which replaces T1547.011, itself revoked\n";

static void test_mitre(void **state)
{
	(void)state;
	char want[4096];
	for (int strict = 0; strict < 2; strict++) {
		struct rg_doc *doc = mitre_doc();
		const char *w = strict ? "error" : "warning";
		snprintf(want, sizeof(want), mitre_diags, w, w, w, w, w, w, w);
		expect(doc, strict, false, want);
		struct rg_technique *m = doc->mitre;
		assert_string_equal(m[1].id, "T1598.003");
		assert_string_equal(m[1].full_name, "Phishing for Information: Spearphishing Link");
		assert_string_equal(m[1].url, "https://attack.mitre.org/techniques/T1598/003");
		assert_string_equal(m[1].tactic_id, "TA0043");
		assert_int_equal(m[1].tactic_order, 1);
		assert_string_equal(m[2].tactic_name, "Initial Access");
		assert_string_equal(m[2].tactic_short, "initial-access");
		assert_null(m[3].id);
		assert_int_equal(m[3].tactic_order, 99);
		assert_null(m[4].id);
		assert_string_equal(m[5].tactic_name, "Execution"); /* as written, warned */
		assert_string_equal(m[6].id, "T1598.003");
		assert_null(m[7].id);
		assert_string_equal(m[8].tactic_name,
		                    "Execution"); /* unknown tactic: the first one */
		assert_string_equal(m[9].id, "T1150");
		assert_string_equal(m[9].tactic_short, "defense-evasion");
		assert_string_equal(m[10].tactic_name,
		                    "Privilege Escalation"); /* first in kill-chain order */
		assert_string_equal(m[11].id, "T1566.002");
		/* kill-chain order, stable */
		static const size_t order[] = {1, 6, 2, 11, 5, 8, 10, 0, 9, 3, 4, 7};
		for (size_t i = 0; i < 12; i++)
			if (doc->mitre_sorted[i] != &m[order[i]])
				fail_msg("mitre_sorted[%zu] is mitre[%td], expected mitre[%zu]", i,
				         doc->mitre_sorted[i] - m, order[i]);
		done(doc);
	}
}

/* Images are checked on disk: inside the folder tree, existing, PNG or JPEG. */
static void test_images(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/rgvalXXXXXX";
	char *root = mkdtemp(tmpl);
	assert_non_null(root);
	char p[512], q[512];
	snprintf(p, sizeof(p), "%s/case", root);
	assert_int_equal(mkdir(p, 0700), 0);
	snprintf(p, sizeof(p), "%s/case/img", root);
	assert_int_equal(mkdir(p, 0700), 0);
	snprintf(p, sizeof(p), "%s/case-evil", root); /* a sibling named like the folder */
	assert_int_equal(mkdir(p, 0700), 0);
	const struct im_png png = {16, 8, PNG_COLOR_TYPE_RGB, 8, false, false, false};
	const struct im_jpeg jpg = {16, 8, IM_JPEG_RGB, false, 0};
	static const char *const pngs[] = {"case/img/a.png", "outside.png", "case-evil/x.png"};
	for (size_t i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "%s/%s", root, pngs[i]);
		assert_true(im_write_png(p, &png));
	}
	snprintf(p, sizeof(p), "%s/case/b.jpg", root);
	assert_true(im_write_jpeg(p, &jpg));
	snprintf(p, sizeof(p), "%s/case/c.png", root);
	assert_true(im_spit(p, "GIF89a", 6));
	snprintf(p, sizeof(p), "%s/outside.png", root);
	snprintf(q, sizeof(q), "%s/case/link.png", root);
	assert_int_equal(symlink(p, q), 0);
	snprintf(p, sizeof(p), "%s/case/img/a.png", root);
	snprintf(q, sizeof(q), "%s/case/inner.png", root);
	assert_int_equal(symlink(p, q), 0);

	static const char *const paths[] = {
	        "img/a.png",   "b.jpg",       "c.png", "../outside.png",    "link.png", "inner.png",
	        "missing.png", "/etc/passwd", "img",   "../case-evil/x.png"};
	struct rg_doc *doc = mkdoc();
	snprintf(p, sizeof(p), "%s/case", root);
	doc->dir = p;
	struct rg_block *b = alloc(doc, 10, sizeof(*b));
	for (int i = 0; i < 10; i++) {
		b[i] = (struct rg_block){.kind = RG_BLOCK_IMAGE, .pos = {80 + i, 7}, .level = 1};
		b[i].u.image.path = txt(paths[i], 80 + i, 21);
	}
	doc->recovery.blocks = (struct rg_blocks){b, 10, {80, 5}};
	expect(doc, false, false,
	       "t.yaml:82:21: error: recovery.blocks[2].image.path: image \"c.png\" is not a PNG "
	       "or JPEG file\n"
	       "t.yaml:83:21: error: recovery.blocks[3].image.path: image \"../outside.png\" "
	       "leaves the "
	       "incident file's folder (through \"..\" or a symbolic link); keep images inside it\n"
	       "t.yaml:84:21: error: recovery.blocks[4].image.path: image \"link.png\" leaves the "
	       "incident "
	       "file's folder (through \"..\" or a symbolic link); keep images inside it\n"
	       "t.yaml:86:21: error: recovery.blocks[6].image.path: cannot open image "
	       "\"missing.png\": No "
	       "such file or directory\n"
	       "t.yaml:87:21: error: recovery.blocks[7].image.path: expected a path relative to "
	       "the incident "
	       "file's folder; got an absolute path\n"
	       "t.yaml:88:21: error: recovery.blocks[8].image.path: image \"img\" is not a regular "
	       "file\n"
	       "t.yaml:89:21: error: recovery.blocks[9].image.path: image \"../case-evil/x.png\" "
	       "leaves the incident file's folder (through \"..\" or a symbolic link); keep images "
	       "inside it\n");
	snprintf(q, sizeof(q), "%s/case/img/a.png", root);
	char *want = realpath(q, NULL);
	assert_string_equal(b[0].u.image.resolved, want);
	assert_string_equal(b[5].u.image.resolved, want); /* a link that stays inside is fine */
	free(want);
	assert_non_null(b[1].u.image.resolved);
	assert_null(b[2].u.image.resolved);
	assert_null(b[4].u.image.resolved);
	done(doc);

	static const char *const rm[] = {"case/img/a.png", "case/b.jpg",    "case/c.png",
	                                 "outside.png",    "case/link.png", "case/inner.png",
	                                 "case-evil/x.png"};
	for (size_t i = 0; i < 7; i++) {
		snprintf(p, sizeof(p), "%s/%s", root, rm[i]);
		unlink(p);
	}
	snprintf(p, sizeof(p), "%s/case/img", root);
	rmdir(p);
	snprintf(p, sizeof(p), "%s/case", root);
	rmdir(p);
	snprintf(p, sizeof(p), "%s/case-evil", root);
	rmdir(p);
	rmdir(root);
}

/* 3,000 artifacts with duplicates and relations validate in well under 100 ms. */
static void test_many_artifacts(void **state)
{
	(void)state;
	enum { N = 3000 };
	struct rg_doc *doc = mkdoc();
	doc->nartifacts = N;
	doc->artifacts = alloc(doc, N, sizeof(*doc->artifacts));
	struct rg_related *rel = alloc(doc, N, sizeof(*rel));
	for (size_t i = 0; i < N; i++) {
		const char *v;
		switch (i % 4) {
		case 0:
			v = rg_arena_printf(doc->arena, "host%zu[.]example[.]com", i % 1000);
			break;
		case 1:
			v = rg_arena_printf(doc->arena, "10.%zu.%zu.%zu", i / 65536,
			                    (i / 256) % 256, i % 256);
			break;
		case 2:
			v = rg_arena_printf(doc->arena, "hxxps://h%zu.example.net/p?q=%zu", i, i);
			break;
		default:
			v = rg_arena_printf(doc->arena, "%032zx", i);
			break;
		}
		doc->artifacts[i] = art(v, (int)i + 10);
		rel[i] = (struct rg_related){
		        .value = txt(doc->artifacts[i / 2 * 2 == i ? i + 1 : i - 1].value.s, 1, 1),
		        .relation = txt("related-to", 1, 1)};
		doc->artifacts[i].related = &rel[i];
		doc->artifacts[i].nrelated = 1;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct rg_diags d;
	rg_diags_init(&d);
	rg_validate(doc, &d);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	printf("validated %d artifacts in %.1f ms\n", N, ms);
	/* i % 4 == 0 gives 250 host names three times each: 2 duplicates per name */
	size_t dups = 0;
	for (size_t i = 0; i < d.n; i++)
		dups += d.v[i].code == RG_W_DUP_ARTIFACT;
	assert_int_equal(dups, 500);
	assert_int_equal(d.worst, RG_SEV_WARNING);
	rg_diags_free(&d);
	assert_true(ms < 500); /* generous for sanitizer builds; a release build takes a few ms */
	done(doc);
}

/* Through the loader: a small file exercising several rules at once. */
static void test_through_loader(void **state)
{
	(void)state;
	static const char yaml[] = "reportgen: 1\n"
	                           "report:\n"
	                           "  id: \"9\"\n"
	                           "  verdict: benign\n"
	                           "alert:\n"
	                           "  rule: R\n"
	                           "  time: 2024-09-17T12:05:00Z\n"
	                           "mitre:\n"
	                           "  - name: Phishing\n"
	                           "    tactic: Execution\n"
	                           "artifacts:\n"
	                           "  - value: hxxp://evil[.]example/x\n"
	                           "  - value: evil[.]example\n"
	                           "    related:\n"
	                           "      - value: hxxp://evil.example/x\n"
	                           "        relation: downloads\n";
	struct rg_diags d;
	rg_diags_init(&d);
	struct rg_doc *doc = rg_load_buffer("mem.yaml", yaml, sizeof(yaml) - 1, &d);
	assert_non_null(doc);
	assert_true(rg_validate(doc, &d));
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].message,
	                    "T1566 (Phishing) is not under Execution (TA0002) in ATT&CK "
	                    "v18.1; its tactic is: Initial Access (TA0001)");
	assert_int_equal(d.v[0].pos.line, 10);
	assert_string_equal(d.v[0].path, "mitre[0].tactic");
	assert_string_equal(doc->report.date.raw, "2024-09-17T12:05:00Z");
	assert_string_equal(doc->mitre[0].id, "T1566");
	assert_int_equal(doc->artifacts[0].type, RG_IOC_URL);
	assert_int_equal(doc->artifacts[0].disposition, RG_DISP_BENIGN);
	assert_ptr_equal(doc->artifacts[1].related[0].ref, &doc->artifacts[0]);
	rg_doc_free(doc);
	rg_diags_free(&d);
}

/* Large files stay fast: every list long, with unknown names that invite hints. */
static void test_large_file(void **state)
{
	(void)state;
	enum { N = 20000 };
	size_t cap = (size_t)N * 200, len = 0;
	char *buf = rg_xmalloc(cap);
	len += (size_t)snprintf(buf + len, cap - len,
	                        "reportgen: 1\nreport:\n  id: \"1\"\n  date: 2024-09-17\n"
	                        "assets:\n  - name: A\nmitre:\n");
	for (int i = 0; i < N; i++)
		len += (size_t)snprintf(buf + len, cap - len, "  - name: Unknown Technique %d\n",
		                        i);
	len += (size_t)snprintf(buf + len, cap - len, "timeline:\n");
	for (int i = 0; i < N; i++)
		len += (size_t)snprintf(buf + len, cap - len,
		                        "  - time: 2024-09-17T%02d:%02d:00Z\n    event: e\n"
		                        "    asset: B%d\n",
		                        (N - i) / 60 % 24, (N - i) % 60, i);
	len += (size_t)snprintf(buf + len, cap - len, "artifacts:\n");
	for (int i = 0; i < N; i++)
		len += (size_t)snprintf(buf + len, cap - len, "  - value: h%d[.]example[.]com\n",
		                        i % (N / 2));
	struct rg_diags d;
	rg_diags_init(&d);
	struct rg_doc *doc = rg_load_buffer("big.yaml", buf, len, &d);
	assert_non_null(doc);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rg_validate(doc, &d);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	printf("validated %d techniques, events and artifacts in %.1f ms\n", N, ms);
	assert_int_equal(d.n, 3 * N - N / 2);
	assert_true(ms < 3000);
	rg_doc_free(doc);
	rg_diags_free(&d);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_report_date),
	        cmocka_unit_test(test_assets),
	        cmocka_unit_test(test_blocks),
	        cmocka_unit_test(test_timeline),
	        cmocka_unit_test(test_remediation_table),
	        cmocka_unit_test(test_artifacts),
	        cmocka_unit_test(test_disposition_default),
	        cmocka_unit_test(test_mitre),
	        cmocka_unit_test(test_images),
	        cmocka_unit_test(test_many_artifacts),
	        cmocka_unit_test(test_through_loader),
	        cmocka_unit_test(test_large_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
