/* test_ytree.c: the YAML node tree: positions, scalars as written, keys, aliases, limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ytree.h"

struct fix {
	struct rg_arena *a;
	struct rg_diags d;
	char line[1024];
};

static struct ynode *parse(struct fix *f, const char *text)
{
	f->a = rg_arena_new();
	rg_diags_init(&f->d);
	return ytree_parse(f->a, "t.yaml", text, strlen(text), &f->d);
}

/* The i-th diagnostic as "line:col code: path: message". */
static const char *diag(struct fix *f, size_t i)
{
	assert_true(i < f->d.n);
	const struct rg_diag *g = &f->d.v[i];
	snprintf(f->line, sizeof(f->line), "%d:%d %s: %s: %s", g->pos.line, g->pos.col,
	         rg_diag_code_name(g->code), g->path, g->message);
	return f->line;
}

static void done(struct fix *f)
{
	rg_diags_free(&f->d);
	rg_arena_free(f->a);
}

static void test_scalars_and_positions(void **state)
{
	(void)state;
	struct fix f;
	struct ynode *r = parse(&f, "# c\nid: 304\nok: yes\nq: \"\"\nn:\nlist:\n  - a\n  - 'b'\n");
	assert_non_null(r);
	assert_int_equal(f.d.n, 0);
	assert_int_equal(r->kind, YN_MAP);
	assert_int_equal(r->n, 5);
	assert_int_equal(r->pos.line, 2);
	assert_string_equal(ynode_get(r, "id")->s, "304");
	assert_string_equal(ynode_get(r, "ok")->s, "yes");
	assert_false(ynode_is_null(ynode_get(r, "q")));
	assert_true(ynode_is_null(ynode_get(r, "n")));
	const struct ynode *l = ynode_get(r, "list");
	assert_int_equal(l->kind, YN_SEQ);
	assert_int_equal(l->n, 2);
	assert_int_equal(l->items[1]->pos.line, 8);
	assert_int_equal(l->items[1]->pos.col, 5);
	assert_true(l->items[0]->plain);
	assert_false(l->items[1]->plain);
	done(&f);
}

static void test_columns_count_characters(void **state)
{
	(void)state;
	struct fix f;
	struct ynode *r = parse(&f, "\xEF\xBB\xBFk: [\xC3\xA4\xC3\xB6\xC3\xBC, x]\n");
	assert_non_null(r);
	const struct ynode *l = ynode_get(r, "k");
	assert_int_equal(l->items[1]->pos.line, 1);
	assert_int_equal(l->items[1]->pos.col, 10);
	done(&f);
}

static void test_duplicate_and_merge_keys(void **state)
{
	(void)state;
	struct fix f;
	struct ynode *r = parse(&f, "a: 1\nb: &x {c: 1}\na: 2\nm:\n  <<: *x\n");
	assert_non_null(r);
	assert_int_equal(f.d.n, 2);
	rg_diags_sort(&f.d);
	assert_string_equal(
	        diag(&f, 0),
	        "3:1 duplicate-key: a: duplicate key \"a\" (first at line 1); keep only one");
	assert_string_equal(diag(&f, 1),
	                    "5:3 merge-key: m: YAML merge keys (<<) are not supported; "
	                    "write the keys out in full");
	assert_int_equal(r->n, 3);
	assert_string_equal(ynode_get(r, "a")->s, "1");
	assert_int_equal(ynode_get(r, "m")->n, 0);
	done(&f);
}

static void test_bad_utf8_and_bom(void **state)
{
	(void)state;
	struct fix f;
	assert_null(parse(&f, "a: b\nc: d\xff\n"));
	assert_string_equal(
	        diag(&f, 0),
	        "2:5 invalid-utf8: : invalid UTF-8 (byte 0xff); save the file as UTF-8");
	done(&f);
	assert_null(parse(&f, "\xff\xfe"
	                      "a\0"));
	assert_int_equal(f.d.v[0].code, RG_E_UTF8);
	done(&f);
}

static void test_empty_and_syntax(void **state)
{
	(void)state;
	struct fix f;
	struct ynode *r = parse(&f, "# only a comment\n");
	assert_non_null(r);
	assert_int_equal(r->kind, YN_SCALAR);
	assert_true(ynode_is_null(r));
	assert_int_equal(f.d.n, 0);
	done(&f);
	assert_null(parse(&f, "a: b\n c: d\n"));
	assert_int_equal(f.d.n, 1);
	assert_int_equal(f.d.v[0].code, RG_E_SYNTAX);
	assert_int_equal(f.d.v[0].pos.line, 2);
	done(&f);
	assert_null(parse(&f, "a: 1\n---\nb: 2\n"));
	assert_string_equal(diag(&f, 0), "2:1 syntax: : a second YAML document; a file holds one "
	                                 "document, remove the \"---\"");
	done(&f);
	assert_null(parse(&f, "a: *nope\n"));
	assert_int_equal(f.d.v[0].code, RG_E_SYNTAX);
	done(&f);
}

static void test_alias_bomb(void **state)
{
	(void)state;
	struct fix f;
	char text[2048];
	size_t n = (size_t)snprintf(text, sizeof(text), "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
	for (int i = 1; i < 10; i++)
		n += (size_t)snprintf(
		        text + n, sizeof(text) - n,
		        "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, "
		        "*a%d]\n",
		        i, i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
	assert_null(parse(&f, text));
	assert_int_equal(f.d.n, 1);
	assert_int_equal(f.d.v[0].code, RG_E_LIMIT_ALIAS);
	assert_int_equal(f.d.v[0].pos.line, 6); /* 10^5 nodes per *a4: the 10th crosses 1,000,000 */
	done(&f);
}

static void test_depth(void **state)
{
	(void)state;
	struct fix f;
	char text[400];
	for (int depth = 64; depth <= 65; depth++) {
		memset(text, '[', (size_t)depth);
		memset(text + depth, ']', (size_t)depth);
		text[2 * depth] = '\0';
		struct ynode *r = parse(&f, text);
		if (depth == 64) {
			assert_non_null(r);
			assert_int_equal(f.d.n, 0);
		} else {
			assert_null(r);
			assert_string_equal(f.d.v[0].message,
			                    "nesting deeper than 64 levels; flatten the "
			                    "structure");
			assert_int_equal(f.d.v[0].pos.col, 65);
			assert_int_equal(strlen(f.d.v[0].path), 3 * 64);
		}
		done(&f);
	}
}

static void test_schema_helpers(void **state)
{
	(void)state;
	struct fix f;
	struct ynode *r = parse(&f, "titel: x\nlevel: Medum\nn: 12x\nreq:\n");
	struct yctx c = {f.a, "t.yaml", &f.d, 0};
	static const struct ykey keys[] = {{"title", false, NULL},
	                                   {"level", false, NULL},
	                                   {"n", false, NULL},
	                                   {"req", true, NULL},
	                                   {"id", true, "id: \"304\""}};
	const struct ynode *found[5];
	struct ypath root = YPATH_KEY(NULL, "report");
	assert_true(ykeys(&c, r, &root, keys, 5, found));
	struct ypath lp = YPATH_KEY(&root, "level");
	assert_int_equal(yget_enum(&c, found[1], &lp, rg_level_names + 1), -1);
	long long x;
	assert_false(yget_int(&c, found[2], &root, 0, 10, &x));
	rg_diags_sort(&f.d);
	assert_int_equal(f.d.n, 5);
	assert_string_equal(diag(&f, 0),
	                    "1:1 unknown-key: report.titel: unknown key \"titel\" (did "
	                    "you mean \"title\"?)");
	assert_string_equal(diag(&f, 1),
	                    "1:1 missing-key: report: missing required key \"id\"; add "
	                    "\"id: \"304\"\"");
	assert_string_equal(diag(&f, 2),
	                    "2:8 enum: report.level: expected one of informational, low, "
	                    "medium, high, critical; got \"Medum\" (did you mean "
	                    "\"medium\"?)");
	assert_string_equal(diag(&f, 3), "3:4 type: report: expected an integer (digits only); got "
	                                 "\"12x\"");
	assert_string_equal(diag(&f, 4), "4:1 empty-required: report.req: required value is empty; "
	                                 "write a value (\"\" for an empty string)");
	done(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_scalars_and_positions),
	        cmocka_unit_test(test_columns_count_characters),
	        cmocka_unit_test(test_duplicate_and_merge_keys),
	        cmocka_unit_test(test_bad_utf8_and_bom),
	        cmocka_unit_test(test_empty_and_syntax),
	        cmocka_unit_test(test_alias_bomb),
	        cmocka_unit_test(test_depth),
	        cmocka_unit_test(test_schema_helpers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
