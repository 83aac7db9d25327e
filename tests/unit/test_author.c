/* test_author.c: the authoring aids: the editor schema against the loader's key tables,
 * `reportgen schema`, `reportgen init` for every kind, and `render --watch`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "testutil.h"

#include "loader.h"
#include "reportgen.h"

#define SCHEMA RG_SOURCE_DIR "/docs/incident.schema.json"

static char tmpdir[512];

/* Runs a shell command line in tmpdir; returns its exit status. */
static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	int n = snprintf(cmd, sizeof(cmd), "cd '%s' && RG='%s' && ", tmpdir, RG_BINARY);
	vsnprintf(cmd + n, sizeof(cmd) - (size_t)n, fmt, ap);
	va_end(ap);
	int st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/rg-author-XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[1200];
	/* a failed watch test leaves its watcher running */
	snprintf(cmd, sizeof(cmd), "kill $(cat '%s/w/pid' 2>/dev/null) 2>/dev/null; rm -rf '%s'",
	         tmpdir, tmpdir);
	return system(cmd);
}

/* Schema objects that have no loader table of their own: each is a subset of the table
 * named beside it (nested block levels, a section without containment's actions). */
static const char *const schema_subsets[][2] = {
        {"block2", "block"}, {"block3", "block"}, {"section", "containment"}};

static const cJSON *schema_object(const cJSON *schema, const char *name)
{
	if (*name == '\0')
		return schema;
	return cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(schema, "$defs"),
	                                        name);
}

static bool table_has(const struct ld_table *t, const char *key)
{
	for (size_t i = 0; i < t->nkeys; i++)
		if (strcmp(t->keys[i].name, key) == 0)
			return true;
	return false;
}

/* Every key of every loader table is a property of its schema object and back, with the
 * same required keys. */
static void test_schema_keys(void **state)
{
	(void)state;
	char *text = tu_slurp(SCHEMA);
	assert_non_null(text);
	cJSON *schema = cJSON_Parse(text);
	assert_non_null(schema);
	struct ld_table tables[64];
	size_t n = ld_key_tables(tables, 64);
	assert_true(n > 10 && n <= 64);
	for (size_t i = 0; i < n; i++) {
		const struct ld_table *t = &tables[i];
		const cJSON *o = schema_object(schema, t->object);
		if (o == NULL)
			fail_msg("the schema has no object \"%s\" for a loader table", t->object);
		const cJSON *props = cJSON_GetObjectItemCaseSensitive(o, "properties");
		const cJSON *req = cJSON_GetObjectItemCaseSensitive(o, "required");
		for (size_t k = 0; k < t->nkeys; k++) {
			if (cJSON_GetObjectItemCaseSensitive(props, t->keys[k].name) == NULL)
				fail_msg("key \"%s\" of \"%s\" is missing from "
				         "docs/incident.schema.json",
				         t->keys[k].name, t->object);
			bool required = false;
			for (const cJSON *r = req ? req->child : NULL; r != NULL; r = r->next)
				required = required || strcmp(r->valuestring, t->keys[k].name) == 0;
			if (required != t->keys[k].required)
				fail_msg("key \"%s\" of \"%s\" is %srequired in the loader but not "
				         "in the "
				         "schema",
				         t->keys[k].name, t->object,
				         t->keys[k].required ? "" : "not ");
		}
		for (const cJSON *p = props->child; p != NULL; p = p->next)
			if (!table_has(t, p->string))
				fail_msg("the schema's \"%s\" has \"%s\", which the loader does "
				         "not know",
				         t->object, p->string);
	}
	/* the other objects are subsets of a table, and there are no others */
	for (const cJSON *d = cJSON_GetObjectItemCaseSensitive(schema, "$defs")->child; d != NULL;
	     d = d->next) {
		const cJSON *props = cJSON_GetObjectItemCaseSensitive(d, "properties");
		bool own = false;
		for (size_t i = 0; i < n; i++)
			own = own || strcmp(tables[i].object, d->string) == 0;
		if (own || props == NULL)
			continue;
		const struct ld_table *of = NULL;
		for (size_t s = 0; s < sizeof(schema_subsets) / sizeof(schema_subsets[0]); s++)
			for (size_t i = 0; i < n; i++)
				if (strcmp(schema_subsets[s][0], d->string) == 0 &&
				    strcmp(schema_subsets[s][1], tables[i].object) == 0)
					of = &tables[i];
		if (of == NULL)
			fail_msg("schema object \"%s\" has no loader table", d->string);
		for (const cJSON *p = props->child; p != NULL; p = p->next)
			if (!table_has(of, p->string))
				fail_msg("the schema's \"%s\" has \"%s\", which the loader's "
				         "\"%s\" lacks",
				         d->string, p->string, of->object);
	}
	cJSON_Delete(schema);
	free(text);
}

/* `reportgen schema` prints the file, byte for byte. */
static void test_schema_command(void **state)
{
	(void)state;
	assert_int_equal(sh("\"$RG\" schema > s.json && cmp -s s.json '%s'", SCHEMA), 0);
	assert_int_equal(sh("\"$RG\" schema extra 2>/dev/null"), 2);
}

/* Every kind's skeleton passes check, renders, and says what it is about. */
static void test_init_kinds(void **state)
{
	(void)state;
	static const char *const kinds[][2] = {{"generic", "Incident Report"},
	                                       {"phishing", "Phishing Incident Report"},
	                                       {"malware", "Malware Incident Report"},
	                                       {"web", "Web Attack Incident Report"},
	                                       {"false-positive", "False Positive Report"}};
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		const char *k = kinds[i][0];
		/* 2024-09-17 in every zone */
		assert_int_equal(
		        sh("SOURCE_DATE_EPOCH=1726574700 TZ=Europe/Berlin \"$RG\" init --kind "
		           "%s -o %s.yaml",
		           k, k),
		        0);
		assert_int_equal(
		        sh("grep -q '^  date: 2024-09-17 ' %s.yaml && grep -q '^  timezone: "
		           "Europe/Berlin$' %s.yaml",
		           k, k),
		        0);
		assert_int_equal(sh("\"$RG\" check --strict %s.yaml", k), 0);
		assert_int_equal(sh("\"$RG\" init --kind %s | \"$RG\" check -", k), 0);
		assert_int_equal(
		        sh("SOURCE_DATE_EPOCH=1726574700 \"$RG\" render --outdir out %s.yaml", k),
		        0);
		assert_int_equal(sh("pdftotext out/%s.pdf - | grep -qF '%s'", k, kinds[i][1]), 0);
	}
	assert_int_equal(sh("\"$RG\" init --kind phish 2>/dev/null"), 2);
}

/* -o onto an existing file is refused unless --force; the file stays as it was. */
static void test_init_refuses(void **state)
{
	(void)state;
	assert_int_equal(sh("echo keep > mine.yaml"), 0);
	assert_int_equal(
	        sh("\"$RG\" init -o mine.yaml 2>err; s=$?; grep -q -- --force err; exit $s"), 2);
	assert_int_equal(sh("test \"$(cat mine.yaml)\" = keep"), 0);
	assert_int_equal(sh("\"$RG\" init -o mine.yaml --force && \"$RG\" check mine.yaml"), 0);
	assert_int_equal(sh("ls -A | grep -c '^\\.' ; test -z \"$(ls -A | grep '^\\.')\""), 0);
}

/* Waits (at most 20 s) until out/w.pdf's text holds `word`; returns 0 when it does. */
static int wait_for(const char *word)
{
	return sh("for i in $(seq 200); do pdftotext out/w.pdf - 2>/dev/null | grep -qF '%s' && "
	          "exit 0; sleep 0.1; done; exit 1",
	          word);
}

/* render --watch sees an edit in place and a save by rename, and stops cleanly on SIGTERM
 * with nothing left behind but the outputs. */
static void test_watch(void **state)
{
	(void)state;
	assert_int_equal(sh("mkdir -p w && cd w && \"$RG\" init --kind web -o w.yaml"), 0);
	assert_int_equal(sh("cd w && { \"$RG\" render --watch --outdir out w.yaml 2>err & echo $! "
	                    ">pid; }"),
	                 0);
	char saved[256];
	snprintf(saved, sizeof(saved), "%.200s", tmpdir);
	snprintf(tmpdir, sizeof(tmpdir), "%s/w", saved);
	assert_int_equal(wait_for("Web Attack Incident Report"), 0);
	/* in place */
	assert_int_equal(sh("sed -i 's/Web Attack Incident Report/Edited In Place/' w.yaml"), 0);
	assert_int_equal(wait_for("Edited In Place"), 0);
	/* by rename, as editors that write a temporary file do */
	assert_int_equal(sh("sed 's/Edited In Place/Saved By Rename/' w.yaml > .w.yaml.tmp && mv "
	                    ".w.yaml.tmp w.yaml"),
	                 0);
	assert_int_equal(wait_for("Saved By Rename"), 0);
	assert_int_equal(sh("kill -TERM $(cat pid); for i in $(seq 100); do kill -0 $(cat pid) "
	                    "2>/dev/null || exit 0; sleep 0.1; done; exit 1"),
	                 0);
	assert_int_equal(sh("test $(grep -c 'rendered (exit status 0)' err) -ge 3"), 0);
	/* the outputs and nothing else: no temporary file anywhere */
	assert_int_equal(
	        sh("test \"$(ls -A out | tr '\\n' ' ')\" = 'w.pdf w.stix.json w.stix.xml ' && "
	           "test \"$(ls -A | tr '\\n' ' ')\" = 'err out pid w.yaml '"),
	        0);
	snprintf(tmpdir, sizeof(tmpdir), "%s", saved);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_schema_keys), cmocka_unit_test(test_schema_command),
	        cmocka_unit_test(test_init_kinds),  cmocka_unit_test(test_init_refuses),
	        cmocka_unit_test(test_watch),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
