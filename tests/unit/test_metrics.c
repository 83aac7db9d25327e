/* test_metrics.c: durations as written and shown, and the incident metrics in every output
 * of the reportgen executable: the PDF's cover box and the compact summary line (pdftotext),
 * the STIX 2.1 property extension (fields, its definition, its JSON schema), the STIX 1
 * Time children (XPath, in the schema's order), and an edition that withholds the portion
 * a milestone comes from. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "testutil.h"
#include <cjson/cJSON.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "duration.h"
#include "reportgen.h"

#define MALWARE RG_SOURCE_DIR "/examples/malware-registry-run-key.yaml"
#define PARTNER RG_SOURCE_DIR "/examples/partner-share-credential-phish.yaml"
#define EXT "extension-definition--f6015303-ab1c-4c2f-a6db-d60af020211d"
#define SHARED RG_SOURCE_DIR "/../shared/tools"

static void test_durations(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		int64_t sec;
	} ok[] = {{"30m", 1800},    {"4h", 14400}, {"2d", 172800},   {"1h30m", 5400},
	          {"1w2d", 777600}, {"90S", 90},   {"1d12h", 129600}};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		int64_t sec = -1;
		char err[256];
		assert_true(duration_parse(ok[i].s, &sec, err, sizeof(err)));
		assert_int_equal(sec, ok[i].sec);
	}
	static const char *const bad[] = {
	        "", "30", "4 h", "30m2h", "0m", "1x", "h", "367d", "99999999999999999999m", "1h1h"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int64_t sec = -1;
		char err[256] = "";
		assert_false(duration_parse(bad[i], &sec, err, sizeof(err)));
		assert_non_null(strstr(err, "30m, 4h, 2d or 1h30m"));
	}
	static const struct {
		int64_t sec;
		const char *s;
	} shown[] = {{0, "0 s"},       {45, "45 s"},
	             {2400, "40 min"}, {6720, "1 h 52 min"},
	             {7200, "2 h"},    {3 * 86400 + 4 * 3600 + 59, "3 d 4 h"},
	             {86400, "1 d"},   {86399, "23 h 59 min"}};
	for (size_t i = 0; i < sizeof(shown) / sizeof(shown[0]); i++) {
		char buf[64];
		assert_string_equal(duration_format(buf, sizeof(buf), shown[i].sec), shown[i].s);
	}
}

static void render(const char *in, const char *out, const char *extra)
{
	int st;
	char *o = tu_popen(&st, "'%s' render %s -o '%s' '%s' 2>&1", RG_BINARY, extra, out, in);
	if (st != 0)
		fail_msg("render %s: %s", in, o);
	free(o);
}

static char *pdf_text(const char *pdf, int first, int last)
{
	int st;
	char *t = tu_popen(&st, "pdftotext -f %d -l %d '%s' - 2>/dev/null", first, last, pdf);
	assert_int_equal(st, 0);
	return t;
}

static void test_pdf_cover(void **state)
{
	(void)state;
	render(MALWARE, "test_metrics.pdf", "--format pdf");
	char *t = pdf_text("test_metrics.pdf", 1, 1);
	static const char *const want[] = {"Time to detect",  "17 min",      "30 min",     "MET",
	                                   "Time to contain", "18 min",      "Dwell time", "19 min",
	                                   "Time to recover", "20 h 23 min", "2 d"};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (strstr(t, want[i]) == NULL)
			fail_msg("cover lacks \"%s\":\n%s", want[i], t);
	assert_null(strstr(t, "MISSED"));
	assert_null(strstr(t, "SLA")); /* the hand-typed fact is gone */
	free(t);
	render(MALWARE, "test_metrics-compact.pdf",
	       "--format pdf --template " RG_SOURCE_DIR "/templates/compact.yaml");
	t = pdf_text("test_metrics-compact.pdf", 1, 2);
	assert_non_null(strstr(t, "Metrics: Time to detect 17 min (target 30 min, met)"));
	assert_non_null(strstr(t, "time to recover 20 h 23 min (target 2 d, met)"));
	free(t);
	unlink("test_metrics.pdf");
	unlink("test_metrics-compact.pdf");
}

static const cJSON *find_type(const cJSON *bundle, const char *type)
{
	const cJSON *o;
	cJSON_ArrayForEach(o, cJSON_GetObjectItem(bundle, "objects"))
	{
		const cJSON *t = cJSON_GetObjectItem(o, "type");
		if (cJSON_IsString(t) && strcmp(t->valuestring, type) == 0)
			return o;
	}
	return NULL;
}

static cJSON *bundle_of(const char *in, const char *out, const char *extra)
{
	render(in, out, extra);
	char *s = tu_slurp(out);
	assert_non_null(s);
	cJSON *b = cJSON_Parse(s);
	free(s);
	assert_non_null(b);
	return b;
}

static const char *str_at(const cJSON *o, const char *a, const char *b)
{
	const cJSON *x = cJSON_GetObjectItem(cJSON_GetObjectItem(o, a), b);
	return cJSON_IsString(x) ? x->valuestring : NULL;
}

static void test_stix2_extension(void **state)
{
	(void)state;
	cJSON *b = bundle_of(MALWARE, "test_metrics.stix.json", "--format stix2");
	const cJSON *inc = find_type(b, "incident");
	assert_non_null(inc);
	const cJSON *ext = cJSON_GetObjectItem(cJSON_GetObjectItem(inc, "extensions"), EXT);
	assert_non_null(ext);
	assert_string_equal(cJSON_GetObjectItem(ext, "extension_type")->valuestring,
	                    "property-extension");
	assert_string_equal(str_at(ext, "milestones", "first_activity"),
	                    "2025-03-04T13:31:05.000Z");
	assert_string_equal(str_at(ext, "milestones", "contained"), "2025-03-04T14:06:30.000Z");
	assert_string_equal(str_at(ext, "milestones", "recovered"), "2025-03-05T10:30:00.000Z");
	assert_null(str_at(ext, "milestones", "closed")); /* status eradicated: not closed */
	const cJSON *contain = cJSON_GetObjectItem(cJSON_GetObjectItem(ext, "metrics"), "contain");
	assert_int_equal(cJSON_GetObjectItem(contain, "seconds")->valueint, 1098);
	assert_int_equal(cJSON_GetObjectItem(contain, "target_seconds")->valueint, 3600);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(contain, "met")));
	const cJSON *def = find_type(b, "extension-definition");
	assert_non_null(def);
	assert_string_equal(cJSON_GetObjectItem(def, "id")->valuestring, EXT);
	assert_string_equal(
	        cJSON_GetArrayItem(cJSON_GetObjectItem(def, "extension_types"), 0)->valuestring,
	        "property-extension");
	/* no deprecated custom properties */
	const cJSON *p;
	cJSON_ArrayForEach(p, inc) assert_false(strncmp(p->string, "x_", 2) == 0);
	/* the extension's value against its schema in docs/ */
	char *v = cJSON_PrintUnformatted(ext);
	tu_spit("test_metrics-ext.json", v);
	free(v);
	int st;
	char *o = tu_popen(&st,
	                   "/usr/bin/python3 -c 'import json,sys,jsonschema; "
	                   "jsonschema.validate(json.load(open(sys.argv[2])), "
	                   "json.load(open(sys.argv[1])))' '%s/docs/incident-metrics.schema.json' "
	                   "test_metrics-ext.json 2>&1",
	                   RG_SOURCE_DIR);
	if (st != 0)
		fail_msg("the extension does not follow its schema: %s", o);
	free(o);
	if (access(SHARED "/stix2-validate", X_OK) == 0) {
		o = tu_popen(&st,
		             "'%s/stix2-validate' -q --strict test_metrics.stix.json 2>&1; "
		             "'%s/stix-clients' -q test_metrics.stix.json 2>&1",
		             SHARED, SHARED);
		if (st != 0)
			fail_msg("the bundle is refused: %s", o);
		free(o);
	} else {
		printf("skip: stix2-validate and stix-clients (../shared is absent)\n");
	}
	cJSON_Delete(b);
	unlink("test_metrics.stix.json");
	unlink("test_metrics-ext.json");
}

/* The names of the Time children of the incident, space-separated. */
static char *stix1_times(const char *xml)
{
	xmlDocPtr doc = xmlReadFile(xml, NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	xmlXPathContextPtr x = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r = xmlXPathEvalExpression(
	        (const xmlChar *)"//*[local-name()='Incident']/*[local-name()='Time']/*", x);
	assert_non_null(r);
	char *out = rg_xcalloc(1, 1024);
	for (int i = 0; r->nodesetval != NULL && i < r->nodesetval->nodeNr; i++) {
		strcat(out, i ? " " : "");
		strncat(out, (const char *)r->nodesetval->nodeTab[i]->name, 100);
	}
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(x);
	xmlFreeDoc(doc);
	return out;
}

static void test_stix1_times(void **state)
{
	(void)state;
	const char *dialects[] = {"1.2", "1.2.1"};
	for (int d = 0; d < 2; d++) {
		char extra[64];
		snprintf(extra, sizeof(extra), "--format stix1 --stix1-dialect %s", dialects[d]);
		render(MALWARE, "test_metrics.stix.xml", extra);
		char *t = stix1_times("test_metrics.stix.xml");
		assert_string_equal(t,
		                    "First_Malicious_Action Initial_Compromise Incident_Discovery "
		                    "Containment_Achieved Restoration_Achieved Incident_Reported");
		free(t);
		if (access(SHARED "/stix1-validate", X_OK) == 0) {
			int st;
			char *o = tu_popen(&st, "'%s/stix1-validate' -q test_metrics.stix.xml 2>&1",
			                   SHARED);
			if (st != 0)
				fail_msg("STIX %s package invalid: %s", dialects[d], o);
			free(o);
		} else {
			printf("skip: stix1-validate (../shared is absent)\n");
		}
	}
	render(PARTNER, "test_metrics.stix.xml", "--format stix1"); /* first_seen stands in */
	char *t = stix1_times("test_metrics.stix.xml");
	assert_string_equal(t, "First_Malicious_Action Incident_Discovery Containment_Achieved "
	                       "Incident_Reported Incident_Closed");
	free(t);
	unlink("test_metrics.stix.xml");
}

/* The partner example's latest containment action is TLP:RED: the green edition does not
 * show a shorter time to contain computed from the green action, but none. */
static void test_edition(void **state)
{
	(void)state;
	cJSON *b = bundle_of(PARTNER, "test_metrics-green.stix.json",
	                     "--format stix2 --max-tlp green");
	const cJSON *ext = cJSON_GetObjectItem(
	        cJSON_GetObjectItem(find_type(b, "incident"), "extensions"), EXT);
	assert_non_null(ext);
	assert_null(str_at(ext, "milestones", "contained"));
	assert_non_null(str_at(ext, "milestones", "closed"));
	assert_null(cJSON_GetObjectItem(cJSON_GetObjectItem(ext, "metrics"), "contain"));
	cJSON_Delete(b);
	render(PARTNER, "test_metrics-green.pdf", "--format pdf --max-tlp green");
	char *t = pdf_text("test_metrics-green.pdf", 1, 1);
	assert_null(strstr(t, "Time to contain"));
	assert_non_null(strstr(t, "Time to close"));
	free(t);
	render(PARTNER, "test_metrics-full.pdf", "--format pdf");
	t = pdf_text("test_metrics-full.pdf", 1, 1);
	assert_non_null(strstr(t, "Time to contain"));
	assert_non_null(strstr(t, "39 min"));
	free(t);
	unlink("test_metrics-green.stix.json");
	unlink("test_metrics-green.pdf");
	unlink("test_metrics-full.pdf");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_durations),       cmocka_unit_test(test_pdf_cover),
	        cmocka_unit_test(test_stix2_extension), cmocka_unit_test(test_stix1_times),
	        cmocka_unit_test(test_edition),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
