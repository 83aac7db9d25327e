/* loader_blocks.c: blocks-sections, blocks, tables, containment, timeline, remediation, custom
 * sections. */
#include <stdlib.h>
#include <string.h>

#include "loader.h"
#include "suggest.h"

/* The path of key i of the function's key table `keys` under p: each key name is written once. */
#define KP(i) (&YPATH_KEY(p, keys[i].name))
#define LD_MAX_LEVEL 3
#define LD_MAX_CELLS 1000000u /* as many as the alias limit's nodes */

/* A block's keys: its content keys first, in the order of enum rg_block_kind, then title. */
#define LD_NCONTENT 9
enum { BL_TITLE = LD_NCONTENT, BL_TLP };
static const struct ykey ld_block_keys[] = {
        {"text", false, NULL},  {"facts", false, NULL}, {"table", false, NULL},
        {"list", false, NULL},  {"code", false, NULL},  {"image", false, NULL},
        {"asset", false, NULL}, {"email", false, NULL}, {"blocks", false, NULL},
        {"title", false, NULL}, {"tlp", false, NULL},
};

static void ld_blocks(struct ld *, const struct ynode *, const struct ypath *, int level,
                      struct rg_blocks *);

enum { TB_COLUMNS, TB_ROWS, TB_CAPTION, TB_LANDSCAPE, TB_FONT_SIZE };
static const struct ykey ld_table_keys[] = {
        [TB_COLUMNS] = {"columns", true, "columns: [First, Second]"},
        [TB_ROWS] = {"rows", true, "rows:\" with one \"- [a, b]\" line per row"},
        [TB_CAPTION] = {"caption", false, NULL},
        [TB_LANDSCAPE] = {"landscape", false, NULL},
        [TB_FONT_SIZE] = {"font_size", false, NULL},
};
#define LD_FONT_MIN 4  /* a table's font_size: more than this, in pt */
#define LD_FONT_MAX 20 /* ... and at most this */

/* One table cell; NULL or empty leaves it absent. */
static void ld_cell(struct ld *l, const struct ynode *v, const struct ypath *p, struct rg_text *out)
{
	if (v == NULL || ynode_is_null(v))
		return;
	if (v->kind != YN_SCALAR) {
		yreport(&l->c, v, p, RG_E_TYPE,
		        "expected a single value in a table cell, not %s; quote it if it is text",
		        ynode_kind_name(v));
		return;
	}
	*out = (struct rg_text){v->s, v->pos};
}

/* A table's columns sorted by name, for lookups by mapping rows. */
struct ld_col {
	const char *name;
	size_t i;
};

static int ld_colcmp(const void *a, const void *b)
{
	const struct ld_col *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c != 0 ? c : (x->i > y->i) - (x->i < y->i);
}

static int ld_colfind(const void *key, const void *elem)
{
	return strcmp(key, ((const struct ld_col *)elem)->name);
}

static void ld_row_map(struct ld *l, const struct ynode *row, const struct ypath *p,
                       const struct rg_texts *cols, const struct ld_col *idx, struct rg_text *cells)
{
	const char *names[256];
	size_t nn = cols->n < 256 ? cols->n : 256;
	for (size_t i = 0; i < nn; i++)
		names[i] = cols->v[i].s;
	for (size_t j = 0; j < row->n; j++) {
		const struct ynode *k = row->pairs[j].key;
		struct ypath kp = YPATH_KEY(p, k->s);
		const struct ld_col *c = bsearch(k->s, idx, cols->n, sizeof(*idx), ld_colfind);
		if (c != NULL) {
			ld_cell(l, row->pairs[j].value, &kp, &cells[c->i]);
			continue;
		}
		const char *hint = suggest_name(k->s, names, nn);
		if (hint != NULL)
			yreport(&l->c, k, &kp, RG_E_TABLE_COLUMN,
			        "\"%.60s\" is not a column of this table (did you mean \"%s\"?)",
			        k->s, hint);
		else
			yreport(&l->c, k, &kp, RG_E_TABLE_COLUMN,
			        "\"%.60s\" is not a column of this table; use one of the names in "
			        "\"columns\"",
			        k->s);
	}
}

static void ld_row(struct ld *l, const struct ynode *row, const struct ypath *p,
                   const struct rg_texts *cols, const struct ld_col *idx, struct rg_text *cells)
{
	if (row->kind == YN_MAP) {
		ld_row_map(l, row, p, cols, idx, cells);
		return;
	}
	if (row->kind != YN_SEQ) {
		yreport(&l->c, row, p, RG_E_TABLE_ROW,
		        "expected a row: a list of %zu cells (- [a, b]) or a mapping of column "
		        "names, "
		        "not %s",
		        cols->n, ynode_kind_name(row));
		return;
	}
	if (row->n != cols->n) {
		yreport(&l->c, row, p, RG_E_TABLE_ROW,
		        "the row has %zu %s but the table has %zu %s; write one cell per column "
		        "(~ for an empty one)",
		        (size_t)row->n, row->n == 1 ? "cell" : "cells", (size_t)cols->n,
		        cols->n == 1 ? "column" : "columns");
		return;
	}
	for (size_t i = 0; i < row->n; i++) {
		struct ypath ip = YPATH_INDEX(p, i);
		ld_cell(l, row->items[i], &ip, &cells[i]);
	}
}

/* The sorted column index; NULL after reporting a repeated column name. */
static struct ld_col *ld_columns_index(struct ld *l, const struct rg_texts *cols,
                                       const struct ypath *p)
{
	struct ld_col *idx = rg_arena_alloc(l->c.arena, cols->n * sizeof(*idx));
	for (size_t i = 0; i < cols->n; i++)
		idx[i] = (struct ld_col){cols->v[i].s, i};
	qsort(idx, cols->n, sizeof(*idx), ld_colcmp);
	for (size_t i = 1; i < cols->n; i++) {
		if (strcmp(idx[i].name, idx[i - 1].name) != 0)
			continue;
		size_t again = idx[i].i, first = idx[i - 1].i;
		struct ypath ip = YPATH_INDEX(p, again);
		yreport_at(&l->c, cols->v[again].pos, &ip, RG_E_VALUE,
		           "column \"%.60s\" is already column %zu; give each column its own name",
		           cols->v[again].s, first + 1);
		return NULL;
	}
	return idx;
}

static void ld_table(struct ld *l, const struct ynode *v, const struct ypath *p, struct rg_table *t)
{
	const struct ykey *const keys = ld_table_keys;
	const struct ynode *f[LD_NKEYS(ld_table_keys)];
	if (!ykeys(&l->c, v, p, ld_table_keys, LD_NKEYS(ld_table_keys), f))
		return;
	ld_texts(l, f[TB_COLUMNS], KP(TB_COLUMNS), false, &t->columns);
	ld_text(l, f[TB_CAPTION], KP(TB_CAPTION), &t->caption);
	if (f[TB_LANDSCAPE] != NULL)
		yget_bool(&l->c, f[TB_LANDSCAPE], KP(TB_LANDSCAPE), &t->landscape);
	if (f[TB_FONT_SIZE] != NULL)
		yget_fraction(&l->c, f[TB_FONT_SIZE], KP(TB_FONT_SIZE), LD_FONT_MIN, LD_FONT_MAX,
		              &t->font_size);
	if (f[TB_COLUMNS] != NULL && t->columns.n == 0 && f[TB_COLUMNS]->kind == YN_SEQ)
		yreport(&l->c, f[TB_COLUMNS], KP(TB_COLUMNS), RG_E_VALUE,
		        "a table needs at least one column; write columns: [First, Second]");
	if (f[TB_ROWS] == NULL || !ld_is_list(l, f[TB_ROWS], KP(TB_ROWS)))
		return;
	struct ld_col *idx;
	if (t->columns.n == 0 || (idx = ld_columns_index(l, &t->columns, KP(TB_COLUMNS))) == NULL)
		return;
	const struct ynode *rows = f[TB_ROWS];
	if (rows->n > LD_MAX_CELLS / t->columns.n) {
		yreport(&l->c, rows, KP(TB_ROWS), RG_E_VALUE,
		        "%zu rows of %zu columns are more than %u cells; split the table or move "
		        "the "
		        "data to a file",
		        (size_t)rows->n, t->columns.n, LD_MAX_CELLS);
		return;
	}
	t->nrows = rows->n;
	t->cells = rg_arena_alloc(l->c.arena, (rows->n * t->columns.n + 1) * sizeof(*t->cells));
	t->row_pos = rg_arena_alloc(l->c.arena, (rows->n + 1) * sizeof(*t->row_pos));
	struct ypath rp = YPATH_KEY(p, keys[TB_ROWS].name);
	for (size_t i = 0; i < rows->n; i++) {
		struct ypath ip = YPATH_INDEX(&rp, i);
		t->row_pos[i] = rows->items[i]->pos;
		ld_row(l, rows->items[i], &ip, &t->columns, idx, t->cells + i * t->columns.n);
	}
}

enum { IM_PATH, IM_CAPTION, IM_WIDTH, IM_SHA256 };
static const struct ykey ld_image_keys[] = {
        [IM_PATH] = {"path", true, "path: <image.png beside the incident file>"},
        [IM_CAPTION] = {"caption", false, NULL},
        [IM_WIDTH] = {"width", false, NULL},
        [IM_SHA256] = {"sha256", false, NULL},
};

static void ld_image(struct ld *l, const struct ynode *v, const struct ypath *p,
                     struct rg_image *im)
{
	const struct ykey *const keys = ld_image_keys;
	const struct ynode *f[LD_NKEYS(ld_image_keys)];
	if (!ykeys(&l->c, v, p, ld_image_keys, LD_NKEYS(ld_image_keys), f))
		return;
	ld_text(l, f[IM_PATH], KP(IM_PATH), &im->path);
	ld_text(l, f[IM_CAPTION], KP(IM_CAPTION), &im->caption);
	ld_text(l, f[IM_SHA256], KP(IM_SHA256), &im->sha256);
	if (f[IM_WIDTH] != NULL) {
		im->width_pos = f[IM_WIDTH]->pos;
		yget_fraction(&l->c, f[IM_WIDTH], KP(IM_WIDTH), 0, 1, &im->width);
	}
}

/* Loads the content of kind k (value v at key path p) into b. */
static void ld_content(struct ld *l, const struct ynode *v, const struct ypath *p,
                       struct rg_block *b)
{
	long long idx;
	switch (b->kind) {
	case RG_BLOCK_TEXT:
	case RG_BLOCK_CODE:
		ld_text(l, v, p, &b->u.text);
		break;
	case RG_BLOCK_FACTS:
		ld_pairs(l, v, p, &b->u.facts);
		break;
	case RG_BLOCK_TABLE:
		ld_table(l, v, p, &b->u.table);
		break;
	case RG_BLOCK_LIST:
		ld_texts(l, v, p, false, &b->u.list);
		break;
	case RG_BLOCK_IMAGE:
		ld_image(l, v, p, &b->u.image);
		break;
	case RG_BLOCK_ASSET:
		ld_text(l, v, p, &b->u.asset.name);
		break;
	case RG_BLOCK_EMAIL:
		/* -1 marks an unusable index (diagnosed here); the range is the validator's */
		b->u.email.index = -1;
		b->u.email.pos = v->pos;
		if (yget_int(&l->c, v, p, 0, 1000000000, &idx))
			b->u.email.index = (long)idx;
		break;
	case RG_BLOCK_GROUP:
		if (b->level >= LD_MAX_LEVEL)
			yreport(&l->c, v, p, RG_E_NESTING,
			        "blocks nest at most %d levels deep; move these blocks up a level",
			        LD_MAX_LEVEL);
		else
			ld_blocks(l, v, p, b->level + 1, &b->u.group);
		break;
	}
}

static void ld_block(struct ld *l, const struct ynode *v, const struct ypath *p, int level,
                     struct rg_block *b)
{
	const struct ykey *const keys = ld_block_keys;
	const struct ynode *f[LD_NKEYS(ld_block_keys)];
	b->pos = v->pos;
	b->level = level;
	if (!ykeys(&l->c, v, p, ld_block_keys, LD_NKEYS(ld_block_keys), f))
		return;
	ld_text(l, f[BL_TITLE], KP(BL_TITLE), &b->title);
	ld_mark(l, f[BL_TLP], KP(BL_TLP), &b->mark);
	const struct ynode *key = NULL, *val = NULL;
	for (size_t j = 0; j < v->n; j++) {
		const struct ynode *k = v->pairs[j].key;
		size_t c = 0;
		while (c < LD_NCONTENT && strcmp(k->s, keys[c].name) != 0)
			c++;
		if (c == LD_NCONTENT)
			continue;
		if (key != NULL) {
			yreport(&l->c, k, &YPATH_KEY(p, k->s), RG_E_BLOCK_CONTENT,
			        "a block has exactly one content key and this one already has "
			        "\"%s\"; "
			        "start a new block (\"- %s: ...\") for this content",
			        key->s, k->s);
			continue;
		}
		key = k;
		val = v->pairs[j].value;
		b->kind = (enum rg_block_kind)c;
	}
	if (key == NULL) {
		yreport(&l->c, v, p, RG_E_BLOCK_CONTENT,
		        "a block needs one content key: text, facts, table, list, code, image, "
		        "asset, "
		        "email or blocks");
	} else if (ynode_is_null(val)) {
		yreport(&l->c, key, &YPATH_KEY(p, key->s), RG_E_EMPTY_REQUIRED,
		        "the block's %s is empty; write its content or remove the block", key->s);
	} else {
		ld_content(l, val, &YPATH_KEY(p, key->s), b);
	}
}

static void ld_blocks(struct ld *l, const struct ynode *v, const struct ypath *p, int level,
                      struct rg_blocks *out)
{
	out->pos = v->pos;
	if (!ld_is_list(l, v, p))
		return;
	out->v = rg_arena_alloc(l->c.arena, (v->n ? v->n : 1) * sizeof(*out->v));
	out->n = v->n;
	for (size_t i = 0; i < v->n; i++) {
		struct ypath ip = YPATH_INDEX(p, i);
		ld_block(l, v->items[i], &ip, level, &out->v[i]);
	}
}

/* ---- sections ---- */

enum { SE_TEXT, SE_BLOCKS, SE_TLP, SE_ACTIONS };
static const struct ykey ld_section_keys[] = {
        [SE_TEXT] = {"text", false, NULL},
        [SE_BLOCKS] = {"blocks", false, NULL},
        [SE_TLP] = {"tlp", false, NULL},
        [SE_ACTIONS] = {"actions", false, NULL},
};

/* Loads a section with the first nkeys keys of ld_section_keys; f receives the values. */
static bool ld_section_keys_n(struct ld *l, const struct ynode *v, const struct ypath *p,
                              size_t nkeys, struct rg_section *out, const struct ynode **f)
{
	const struct ykey *const keys = ld_section_keys;
	out->pos = v->pos;
	if (!ykeys(&l->c, v, p, ld_section_keys, nkeys, f))
		return false;
	out->present = true;
	ld_text(l, f[SE_TEXT], KP(SE_TEXT), &out->text);
	ld_mark(l, f[SE_TLP], KP(SE_TLP), &out->mark);
	if (f[SE_BLOCKS] != NULL)
		ld_blocks(l, f[SE_BLOCKS], KP(SE_BLOCKS), 1, &out->blocks);
	return true;
}

void ld_section(struct ld *l, const struct ynode *v, const struct ypath *p, struct rg_section *out)
{
	const struct ynode *f[3];
	if (v != NULL)
		ld_section_keys_n(l, v, p, 3, out, f);
}

enum { AC_ACTION, AC_TARGET, AC_TIME, AC_BY, AC_STATUS, AC_NOTE, AC_TLP };
static const struct ykey ld_action_keys[] = {
        [AC_ACTION] = {"action", true, "action: <what was done>"},
        [AC_TARGET] = {"target", false, NULL},
        [AC_TIME] = {"time", false, NULL},
        [AC_BY] = {"by", false, NULL},
        [AC_STATUS] = {"status", false, NULL},
        [AC_NOTE] = {"note", false, NULL},
        [AC_TLP] = {"tlp", false, NULL},
};

static void ld_action(struct ld *l, const struct ynode *v, const struct ypath *p,
                      struct rg_action *a)
{
	const struct ykey *const keys = ld_action_keys;
	const struct ynode *f[LD_NKEYS(ld_action_keys)];
	a->pos = v->pos;
	if (!ykeys(&l->c, v, p, ld_action_keys, LD_NKEYS(ld_action_keys), f))
		return;
	ld_text(l, f[AC_ACTION], KP(AC_ACTION), &a->action);
	ld_text(l, f[AC_TARGET], KP(AC_TARGET), &a->target);
	ld_time(l, f[AC_TIME], KP(AC_TIME), &a->time);
	ld_text(l, f[AC_BY], KP(AC_BY), &a->by);
	ld_enum(l, f[AC_STATUS], KP(AC_STATUS), rg_action_status_names + 1, (int *)&a->status);
	ld_text(l, f[AC_NOTE], KP(AC_NOTE), &a->note);
	ld_mark(l, f[AC_TLP], KP(AC_TLP), &a->mark);
}

void ld_containment(struct ld *l, const struct ynode *v, const struct ypath *p)
{
	const struct ykey *const keys = ld_section_keys;
	struct rg_containment *c = &l->doc->containment;
	const struct ynode *f[4];
	if (v == NULL || !ld_section_keys_n(l, v, p, 4, &c->s, f) || f[SE_ACTIONS] == NULL)
		return;
	const struct ynode *acts = f[SE_ACTIONS];
	if (!ld_is_list(l, acts, KP(SE_ACTIONS)))
		return;
	c->actions = rg_arena_alloc(l->c.arena, (acts->n ? acts->n : 1) * sizeof(*c->actions));
	c->nactions = acts->n;
	struct ypath ap = YPATH_KEY(p, keys[SE_ACTIONS].name);
	for (size_t i = 0; i < acts->n; i++) {
		struct ypath ip = YPATH_INDEX(&ap, i);
		ld_action(l, acts->items[i], &ip, &c->actions[i]);
	}
}

enum { CU_TITLE, CU_TEXT, CU_BLOCKS, CU_AFTER, CU_TLP };
static const struct ykey ld_custom_keys[] = {
        [CU_TITLE] = {"title", true, "title: Root Cause"},
        [CU_TEXT] = {"text", false, NULL},
        [CU_BLOCKS] = {"blocks", false, NULL},
        [CU_AFTER] = {"after", false, NULL},
        [CU_TLP] = {"tlp", false, NULL},
};

static void ld_custom(struct ld *l, const struct ynode *v, const struct ypath *p,
                      struct rg_custom *cs)
{
	const struct ykey *const keys = ld_custom_keys;
	const struct ynode *f[LD_NKEYS(ld_custom_keys)];
	cs->pos = v->pos;
	cs->s.pos = v->pos;
	cs->after = RG_AFTER_REMEDIATION;
	if (!ykeys(&l->c, v, p, ld_custom_keys, LD_NKEYS(ld_custom_keys), f))
		return;
	cs->s.present = true;
	ld_text(l, f[CU_TITLE], KP(CU_TITLE), &cs->title);
	ld_text(l, f[CU_TEXT], KP(CU_TEXT), &cs->s.text);
	ld_mark(l, f[CU_TLP], KP(CU_TLP), &cs->s.mark);
	if (f[CU_BLOCKS] != NULL)
		ld_blocks(l, f[CU_BLOCKS], KP(CU_BLOCKS), 1, &cs->s.blocks);
	int after = 0;
	ld_enum(l, f[CU_AFTER], KP(CU_AFTER), rg_anchor_names, &after);
	if (after > 0)
		cs->after = (enum rg_anchor)(after - 1);
}

void ld_customs(struct ld *l, const struct ynode *v, const struct ypath *p)
{
	struct rg_doc *d = l->doc;
	if (v == NULL || !ld_is_list(l, v, p))
		return;
	d->sections = rg_arena_alloc(l->c.arena, (v->n ? v->n : 1) * sizeof(*d->sections));
	d->nsections = v->n;
	for (size_t i = 0; i < v->n; i++) {
		struct ypath ip = YPATH_INDEX(p, i);
		ld_custom(l, v->items[i], &ip, &d->sections[i]);
	}
}

/* ---- timeline and remediation ---- */

enum { EV_TIME, EV_EVENT, EV_SOURCE, EV_ASSET, EV_TLP, EV_MILESTONE };
static const struct ykey ld_event_keys[] = {
        [EV_TIME] = {"time", false, NULL},
        [EV_EVENT] = {"event", true, "event: <what happened>"},
        [EV_SOURCE] = {"source", false, NULL},
        [EV_ASSET] = {"asset", false, NULL},
        [EV_TLP] = {"tlp", false, NULL},
        [EV_MILESTONE] = {"milestone", false, NULL},
};

void ld_timeline(struct ld *l, const struct ynode *v, const struct ypath *p)
{
	const struct ykey *const keys = ld_event_keys;
	struct rg_doc *d = l->doc;
	if (v == NULL)
		return;
	d->timeline_pos = v->pos;
	if (!ld_is_list(l, v, p))
		return;
	d->timeline = rg_arena_alloc(l->c.arena, (v->n ? v->n : 1) * sizeof(*d->timeline));
	d->ntimeline = v->n;
	for (size_t i = 0; i < v->n; i++) {
		struct ypath ip = YPATH_INDEX(p, i);
		const struct ypath *q = &ip;
		struct rg_event *e = &d->timeline[i];
		const struct ynode *f[LD_NKEYS(ld_event_keys)];
		e->pos = v->items[i]->pos;
		if (!ykeys(&l->c, v->items[i], q, ld_event_keys, LD_NKEYS(ld_event_keys), f))
			continue;
		ld_time(l, f[EV_TIME], &YPATH_KEY(q, keys[EV_TIME].name), &e->time);
		ld_text(l, f[EV_EVENT], &YPATH_KEY(q, keys[EV_EVENT].name), &e->event);
		ld_text(l, f[EV_SOURCE], &YPATH_KEY(q, keys[EV_SOURCE].name), &e->source);
		ld_text(l, f[EV_ASSET], &YPATH_KEY(q, keys[EV_ASSET].name), &e->asset);
		ld_mark(l, f[EV_TLP], &YPATH_KEY(q, keys[EV_TLP].name), &e->mark);
		ld_enum(l, f[EV_MILESTONE], &YPATH_KEY(q, keys[EV_MILESTONE].name),
		        rg_milestone_names + 1, (int *)&e->milestone);
		if (f[EV_MILESTONE] != NULL)
			e->milestone_pos = f[EV_MILESTONE]->pos;
	}
}

enum { RM_ACTION, RM_OWNER, RM_DUE, RM_STATUS, RM_NOTE, RM_TLP };
static const struct ykey ld_remediation_keys[] = {
        [RM_ACTION] = {"action", true, "action: <what to do>"},
        [RM_OWNER] = {"owner", false, NULL},
        [RM_DUE] = {"due", false, NULL},
        [RM_STATUS] = {"status", false, NULL},
        [RM_NOTE] = {"note", false, NULL},
        [RM_TLP] = {"tlp", false, NULL},
};

static void ld_remedy(struct ld *l, const struct ynode *v, const struct ypath *p,
                      struct rg_remediation *r)
{
	const struct ykey *const keys = ld_remediation_keys;
	const struct ynode *f[LD_NKEYS(ld_remediation_keys)];
	r->pos = v->pos;
	if (v->kind == YN_SCALAR) {
		if (ynode_is_null(v))
			yreport(&l->c, v, p, RG_E_EMPTY_REQUIRED,
			        "empty list item; write a value or remove the \"-\" line");
		else
			ld_text(l, v, p, &r->action);
		return;
	}
	if (v->kind == YN_SEQ) {
		yreport(&l->c, v, p, RG_E_TYPE,
		        "expected text or a mapping with action, owner, due, status, note; not a "
		        "list");
		return;
	}
	if (ynode_get(v, "text") != NULL &&
	    ynode_get(v, ld_remediation_keys[RM_ACTION].name) == NULL) {
		ld_marked_text(l, v, p, &r->action, &r->mark); /* {text: ..., tlp: ...} */
		return;
	}
	r->is_action = true;
	ykeys(&l->c, v, p, ld_remediation_keys, LD_NKEYS(ld_remediation_keys), f);
	ld_text(l, f[RM_ACTION], KP(RM_ACTION), &r->action);
	ld_text(l, f[RM_OWNER], KP(RM_OWNER), &r->owner);
	ld_time(l, f[RM_DUE], KP(RM_DUE), &r->due);
	ld_enum(l, f[RM_STATUS], KP(RM_STATUS), rg_action_status_names + 1, (int *)&r->status);
	ld_text(l, f[RM_NOTE], KP(RM_NOTE), &r->note);
	ld_mark(l, f[RM_TLP], KP(RM_TLP), &r->mark);
}

void ld_remediation(struct ld *l, const struct ynode *v, const struct ypath *p)
{
	struct rg_doc *d = l->doc;
	if (v == NULL)
		return;
	d->remediation_pos = v->pos;
	if (!ld_is_list(l, v, p))
		return;
	d->remediation = rg_arena_alloc(l->c.arena, (v->n ? v->n : 1) * sizeof(*d->remediation));
	d->nremediation = v->n;
	for (size_t i = 0; i < v->n; i++) {
		struct ypath ip = YPATH_INDEX(p, i);
		ld_remedy(l, v->items[i], &ip, &d->remediation[i]);
	}
}

size_t ld_blocks_key_tables(struct ld_table *out, size_t max)
{
#define LD_T(o, t)                \
	{                         \
		o, t, LD_NKEYS(t) \
	}
	static const struct ld_table own[] = {
	        LD_T("block", ld_block_keys),   LD_T("table", ld_table_keys),
	        LD_T("image", ld_image_keys),   LD_T("containment", ld_section_keys),
	        LD_T("action", ld_action_keys), LD_T("custom", ld_custom_keys),
	        LD_T("event", ld_event_keys),   LD_T("remediation_action", ld_remediation_keys),
	};
#undef LD_T
	for (size_t i = 0; i < LD_NKEYS(own) && i < max; i++)
		out[i] = own[i];
	return LD_NKEYS(own);
}
