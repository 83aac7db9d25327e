/* test_verify.c: the check of an output before it is renamed into place: the streaming
 * JSON check (whole values pass, every kind of truncation or stray byte fails, chunk
 * boundaries anywhere give the same verdict as one buffer, cJSON agrees on a real export)
 * and the file check of each kind. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "cli_verify.h"
#include "json_check.h"

static const char *check_chunks(const char *s, size_t chunk)
{
	struct json_check j;
	json_check_init(&j);
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i += chunk)
		if (!json_check_feed(&j, (const unsigned char *)s + i,
		                     n - i < chunk ? n - i : chunk))
			break;
	return json_check_end(&j);
}

static const char *check(const char *s)
{
	const char *one = check_chunks(s, strlen(s) + 1);
	for (size_t c = 1; c <= 3; c++) { /* the verdict never depends on where chunks end */
		const char *k = check_chunks(s, c);
		assert_true((one == NULL) == (k == NULL));
	}
	return one;
}

static void test_valid(void **state)
{
	(void)state;
	const char *good[] = {
	        "{}",
	        "[]",
	        " {\n\t\"a\":\t1 } \n",
	        "[1, -2, 0, 0.5, -0.25e+3, 1E9, 10]",
	        "{\"k\": [true, false, null, {\"x\": \"y\"}], \"s\": "
	        "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}",
	        "\"\\u00e9\\uD83D\\uDE00\"",
	        "\"caf\xc3\xa9\"",
	        "0",
	        "-12.5",
	        "true",
	        "null",
	        "[[[[[]]]]]",
	        "{\"a\":{\"b\":{\"c\":[]}}}",
	        "[1\t,\n 2 \n\t]",
	        "{ \"a\" \t: \n\"b c\" }",
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		const char *why = check(good[i]);
		if (why != NULL)
			fail_msg("'%s' refused: %s", good[i], why);
	}
}

static void test_invalid(void **state)
{
	(void)state;
	const char *bad[] = {
	        "",         "{",        "[1, 2",       "{\"a\": 1",   "{\"a\" 1}",
	        "{\"a\":}", "{1: 2}",   "[1,]",        "{\"a\": 1,}", "[1 2]",
	        "\"abc",    "\"a\\x\"", "\"\\u12g4\"", "\"a\nb\"",    "01",
	        "-",        "1.",       "1e",          "1e+",         ".5",
	        "tru",      "nul",      "truex",       "[] []",       "{} x",
	        "]",        "[}",       "{]",          "{\"a\": [1}", "[\"a\": 1]",
	        "{,}",      "[,1]",     "\"\\u12\"",   "{\"k\":1}}",  "\"a\\ n\"",
	        "t rue",    "1 .5",     "- 1",         "\"\\u 123\"",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (check(bad[i]) == NULL)
			fail_msg("'%s' accepted", bad[i]);
	/* the messages say what is wrong */
	assert_string_equal(check("[1] 2"), "the JSON has bytes after its value");
	assert_string_equal(check("{\"a\": [1, 2"), "the JSON is not one complete value");
}

static void test_depth(void **state)
{
	(void)state;
	size_t n = JSON_CHECK_DEPTH + 1;
	char *s = malloc(2 * n + 1);
	memset(s, '[', n);
	memset(s + n, ']', n);
	s[2 * n] = '\0';
	assert_string_equal(check_chunks(s, 2 * n), "the JSON is nested too deeply");
	s[n - 1] = ' ', s[n] = ' '; /* exactly the limit passes */
	assert_null(check_chunks(s, 2 * n));
	free(s);
}

/* Every prefix of a real bundle is refused, the whole passes, as cJSON says too. */
static void test_truncated_export(void **state)
{
	(void)state;
	const char *doc =
	        "{\n\t\"type\":\t\"bundle\",\n\t\"id\":\t\"bundle--1\",\n\t\"objects\":\t[{\n"
	        "\t\t\t\"type\":\t\"indicator\",\n\t\t\t\"pattern\":\t\"[ipv4-addr:value = "
	        "'10.0.0.1']\",\n\t\t\t\"confidence\":\t85,\n\t\t\t\"labels\":\t[]\n\t\t}]\n}\n";
	size_t n = strlen(doc);
	char *p = malloc(n + 1);
	for (size_t k = 0; k <= n; k++) {
		memcpy(p, doc, k);
		p[k] = '\0';
		cJSON *c = cJSON_ParseWithOpts(p, NULL, true);
		bool whole = c != NULL;
		cJSON_Delete(c);
		assert_int_equal(check_chunks(p, 7) == NULL, whole);
	}
	free(p);
	assert_null(verify_output((const unsigned char *)doc, n, ".stix.json", NULL, 0));
}

static void write_file(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(s, f);
	fclose(f);
}

static void test_files(void **state)
{
	(void)state;
	char dir[] = "/tmp/rg-test-verify.XXXXXX", path[64], buf[256];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/x.json", dir);
	/* a JSON file longer than one read chunk */
	FILE *f = fopen(path, "w");
	fputs("[", f);
	for (int i = 0; i < 50000; i++)
		fprintf(f, "%s{\"n\": %d, \"s\": \"value %d\"}", i ? ", " : "", i, i);
	fputs("]\n", f);
	fclose(f);
	assert_null(verify_file(path, ".stix.json", buf, sizeof(buf)));
	assert_int_equal(truncate(path, 300000), 0);
	assert_string_equal(verify_file(path, ".stix.json", buf, sizeof(buf)),
	                    "the JSON is not one complete value");
	snprintf(path, sizeof(path), "%s/x.xml", dir);
	write_file(path, "<?xml version=\"1.0\"?>\n<a><b>text</b></a>\n");
	assert_null(verify_file(path, ".stix.xml", buf, sizeof(buf)));
	write_file(path, "<?xml version=\"1.0\"?>\n<a><b>text</b>\n");
	const char *why = verify_file(path, ".stix.xml", buf, sizeof(buf));
	assert_non_null(why);
	assert_non_null(strstr(why, "not well-formed"));
	snprintf(path, sizeof(path), "%s/x.pdf", dir);
	write_file(path, "%PDF-1.3\n%...\n");
	assert_string_equal(verify_file(path, ".pdf", buf, sizeof(buf)),
	                    "the PDF does not end with %%EOF");
	write_file(path, "");
	assert_string_equal(verify_file(path, ".pdf", buf, sizeof(buf)), "the output is empty");
	unlink(path);
	snprintf(path, sizeof(path), "%s/x.json", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/x.xml", dir);
	unlink(path);
	rmdir(dir);
}

/* XML, from memory and from a file longer than a read chunk: well-formed passes, each kind
 * of malformation is refused with the line it is on. */
static void test_xml(void **state)
{
	(void)state;
	char dir[] = "/tmp/rg-test-verify.XXXXXX", path[64], buf[256];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/x.xml", dir);
	static const char *const bad[][2] = {
	        {"<a><b>text</a>", "line 3"},
	        {"<a b=1/>", "line 3"},
	        {"<a><p:b/></a>", "line 3"},
	        {"<a x=\"1\" x=\"2\"/>", "line 3"},
	        {"<a>&undefined;</a>", "line 3"},
	        {"<a>\x01</a>", "line 3"},
	        {"<a>", "line 3"},
	};
	for (int variant = -1; variant < (int)(sizeof(bad) / sizeof(bad[0])); variant++) {
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs("<?xml version=\"1.0\"?>\n<r xmlns:s=\"urn:s\">\n", f);
		fputs(variant < 0 ? "<s:a/>" : bad[variant][0], f);
		fputs("\n", f);
		for (int i = 0; i < 20000; i++)
			fprintf(f, "<s:item n=\"%d\">value &amp; %d</s:item>\n", i, i);
		fputs("</r>\n", f);
		fclose(f);
		const char *why = verify_file(path, ".stix.xml", buf, sizeof(buf));
		f = fopen(path, "rb");
		char *m = malloc(1 << 21);
		size_t n = fread(m, 1, 1 << 21, f);
		fclose(f);
		char mbuf[256];
		const char *mwhy =
		        verify_output((unsigned char *)m, n, ".stix.xml", mbuf, sizeof(mbuf));
		free(m);
		if (variant < 0) {
			assert_null(why);
			assert_null(mwhy);
			continue;
		}
		if (why == NULL || mwhy == NULL)
			fail_msg("'%s' accepted", bad[variant][0]);
		assert_non_null(strstr(why, "not well-formed"));
		assert_non_null(strstr(why, bad[variant][1]));
		assert_string_equal(why, mwhy);
	}
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_valid), cmocka_unit_test(test_invalid),
	        cmocka_unit_test(test_depth), cmocka_unit_test(test_truncated_export),
	        cmocka_unit_test(test_files), cmocka_unit_test(test_xml),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
