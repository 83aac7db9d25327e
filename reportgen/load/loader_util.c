/* loader_util.c: the typed getters (text, time, enum, lists, pairs) every loader file uses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ioc.h"
#include "loader.h"

void ld_text(struct ld *l, const struct ynode *v, const struct ypath *p, struct rg_text *out)
{
	if (v != NULL)
		yget_text(&l->c, v, p, out);
}

void ld_time(struct ld *l, const struct ynode *v, const struct ypath *p, struct rg_time *out)
{
	if (v == NULL)
		return;
	if (v->kind != YN_SCALAR) {
		yreport(&l->c, v, p, RG_E_TYPE,
		        "expected a time such as 2024-09-17T12:05:00Z, not %s", ynode_kind_name(v));
		*out = (struct rg_time){.prec = RG_TIME_UNKNOWN, .raw = "", .pos = v->pos};
		return;
	}
	char err[LD_ERR];
	out->pos = v->pos;
	if (!time_parse(v->s, &l->zone, out, err, sizeof(err))) {
		yreport(&l->c, v, p, RG_E_TIME, "%s", err);
		/* present but unusable: "unknown", so that no "missing time" error follows */
		memset(out, 0, sizeof(*out));
		*out = (struct rg_time){.prec = RG_TIME_UNKNOWN, .raw = v->s, .pos = v->pos};
	}
}

void ld_enum(struct ld *l, const struct ynode *v, const struct ypath *p, const char *const *names,
             int *out)
{
	if (v == NULL)
		return;
	int i = yget_enum(&l->c, v, p, names);
	if (i >= 0)
		*out = i + 1;
}

void ld_ioc_type(struct ld *l, const struct ynode *v, const struct ypath *p,
                 const struct ynode *value, enum rg_ioc_type *out)
{
	if (v == NULL)
		return;
	int known = yenum_index(v, rg_ioc_type_names + 1);
	if (known >= 0) { /* the hint below (refang, infer) is only for a type that matches none */
		*out = (enum rg_ioc_type)(known + 1);
		return;
	}
	const char *hint = NULL;
	char why[160] = "";
	if (value != NULL && value->kind == YN_SCALAR) {
		enum rg_ioc_type t = ioc_infer(ioc_refang(l->c.arena, value->s));
		if (t != RG_IOC_NONE && t != RG_IOC_STRING) {
			const char *e = ioc_type_info(t)->expected, *like = strstr(e, " like ");
			hint = rg_ioc_type_names[t];
			snprintf(why, sizeof(why), "the value is %.*s",
			         like != NULL ? (int)(like - e) : (int)strlen(e), e);
		}
	}
	int i = yget_enum_hint(&l->c, v, p, rg_ioc_type_names + 1, hint, hint ? why : NULL);
	if (i >= 0)
		*out = (enum rg_ioc_type)(i + 1);
}

bool ld_is_list(struct ld *l, const struct ynode *v, const struct ypath *p)
{
	if (v->kind == YN_SEQ)
		return true;
	yreport(&l->c, v, p, RG_E_TYPE, "expected a list (lines starting with \"- \"), not %s",
	        ynode_kind_name(v));
	return false;
}

/* One string item of a list; empty items are errors. */
static bool ld_item_text(struct ld *l, const struct ynode *v, const struct ypath *p,
                         struct rg_text *out)
{
	if (ynode_is_null(v)) {
		yreport(&l->c, v, p, RG_E_EMPTY_REQUIRED,
		        "empty list item; write a value or remove the \"-\" line");
		return false;
	}
	return yget_text(&l->c, v, p, out);
}

void ld_texts(struct ld *l, const struct ynode *v, const struct ypath *p, bool single,
              struct rg_texts *out)
{
	if (v == NULL)
		return;
	out->pos = v->pos;
	if (single && v->kind == YN_SCALAR) {
		out->v = rg_arena_alloc(l->c.arena, sizeof(*out->v));
		if (yget_text(&l->c, v, p, &out->v[0]))
			out->n = 1;
		return;
	}
	if (v->kind != YN_SEQ) {
		yreport(&l->c, v, p, RG_E_TYPE, "expected %sa list of strings, not %s",
		        single ? "a string or " : "", ynode_kind_name(v));
		return;
	}
	out->v = rg_arena_alloc(l->c.arena, (v->n ? v->n : 1) * sizeof(*out->v));
	for (size_t i = 0; i < v->n; i++) {
		struct ypath ip = YPATH_INDEX(p, i);
		if (ld_item_text(l, v->items[i], &ip, &out->v[out->n]))
			out->n++;
	}
}

/* One "- key: value" item into out; false when it is not a single pair of scalars. */
static bool ld_pair(struct ld *l, const struct ynode *it, const struct ypath *p,
                    struct rg_pair *out)
{
	if (it->kind != YN_MAP || it->n != 1) {
		if (it->kind == YN_MAP)
			yreport(&l->c, it, p, RG_E_SINGLE_PAIR,
			        "expected one \"key: value\" pair per item, got %zu; start each "
			        "pair "
			        "with its own \"- \"",
			        (size_t)it->n);
		else
			yreport(&l->c, it, p, RG_E_SINGLE_PAIR,
			        "expected a \"key: value\" pair (e.g. \"- Domain: example.com\"), "
			        "not %s",
			        ynode_kind_name(it));
		return false;
	}
	const struct ynode *k = it->pairs[0].key, *v = it->pairs[0].value;
	struct ypath kp = YPATH_KEY(p, k->s);
	out->key = (struct rg_text){k->s, k->pos};
	if (ynode_is_null(v)) {
		out->value = (struct rg_text){"", v->pos};
		return true;
	}
	if (v->kind != YN_SCALAR) {
		yreport(&l->c, v, &kp, RG_E_TYPE,
		        "expected a single value, not %s; quote it if it is meant as text",
		        ynode_kind_name(v));
		return false;
	}
	out->value = (struct rg_text){v->s, v->pos};
	return true;
}

void ld_pairs(struct ld *l, const struct ynode *v, const struct ypath *p, struct rg_pairs *out)
{
	if (v == NULL)
		return;
	out->pos = v->pos;
	if (v->kind == YN_MAP) {
		yreport(&l->c, v, p, RG_E_TYPE,
		        "expected a list of \"- key: value\" items, not a mapping; put \"- \" "
		        "before "
		        "each pair");
		return;
	}
	if (!ld_is_list(l, v, p))
		return;
	out->v = rg_arena_alloc(l->c.arena, (v->n ? v->n : 1) * sizeof(*out->v));
	for (size_t i = 0; i < v->n; i++) {
		struct ypath ip = YPATH_INDEX(p, i);
		if (ld_pair(l, v->items[i], &ip, &out->v[out->n]))
			out->n++;
	}
}

void ld_mark(struct ld *l, const struct ynode *v, const struct ypath *p, struct rg_mark *out)
{
	if (v == NULL)
		return;
	int t = 0;
	ld_enum(l, v, p, rg_tlp_names + 1, &t);
	out->tlp = (enum rg_tlp)t;
	out->pos = v->pos;
}

static const struct ykey ld_marked_keys[] = {
        {"text", true, "text: <the markdown>"},
        {"tlp", false, NULL},
};

size_t ld_util_key_tables(struct ld_table *out, size_t max)
{
	if (max > 0)
		out[0] = (struct ld_table){"marked_text", ld_marked_keys, LD_NKEYS(ld_marked_keys)};
	return 1;
}

void ld_marked_text(struct ld *l, const struct ynode *v, const struct ypath *p, struct rg_text *out,
                    struct rg_mark *mark)
{
	if (v == NULL)
		return;
	if (v->kind != YN_MAP) {
		yget_text(&l->c, v, p, out);
		return;
	}
	const struct ynode *f[LD_NKEYS(ld_marked_keys)];
	if (!ykeys(&l->c, v, p, ld_marked_keys, LD_NKEYS(ld_marked_keys), f))
		return;
	if (f[0] != NULL)
		yget_text(&l->c, f[0], &YPATH_KEY(p, ld_marked_keys[0].name), out);
	ld_mark(l, f[1], &YPATH_KEY(p, ld_marked_keys[1].name), mark);
}

void ld_marked_texts(struct ld *l, const struct ynode *v, const struct ypath *p,
                     struct rg_texts *out, struct rg_mark **marks)
{
	if (v == NULL)
		return;
	out->pos = v->pos;
	if (!ld_is_list(l, v, p))
		return;
	out->v = rg_arena_alloc(l->c.arena, (v->n ? v->n : 1) * sizeof(*out->v));
	*marks = rg_arena_alloc(l->c.arena, (v->n ? v->n : 1) * sizeof(**marks));
	for (size_t i = 0; i < v->n; i++) {
		struct ypath ip = YPATH_INDEX(p, i);
		const struct ynode *it = v->items[i];
		if (it->kind == YN_MAP) {
			struct rg_text t = {0};
			ld_marked_text(l, it, &ip, &t, &(*marks)[out->n]);
			if (t.s != NULL)
				out->v[out->n++] = t;
			else
				(*marks)[out->n] = (struct rg_mark){0};
		} else if (ld_item_text(l, it, &ip, &out->v[out->n])) {
			out->n++;
		}
	}
}
