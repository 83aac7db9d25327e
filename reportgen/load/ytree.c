/* ytree.c: builds the positioned node tree from libyaml events, enforcing the input limits. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "utf8.h"
#include "ytree.h"

#define YT_POOL_CHUNK (64u * 1024)
#define YT_POOL_BIG 1024u
#define YT_PATH_MAX 256

struct yt_frame {
	struct ynode *node;
	size_t first;         /* index of its first child in yt.kids */
	uint64_t nodes, text; /* expanded weight so far (saturating) */
	char *anchor;         /* heap copy, or NULL */
};

struct yt_anchor {
	char *name; /* heap copy; NULL = empty slot */
	struct ynode *node;
	uint64_t nodes, text;
};

struct yt {
	struct rg_arena *arena; /* the nodes, their item and pair arrays */
	struct rg_arena *text;  /* the scalars' text */
	const char *file;
	struct rg_diags *diags;
	size_t first;    /* diags->n at the start */
	const char *buf; /* after the byte-order mark */
	size_t len;
	struct ynode **kids;
	size_t nkids, capkids;
	struct yt_frame *frames;
	size_t nframes, capframes;
	struct yt_anchor *anchors; /* open-addressing table, capanchors a power of two */
	size_t nanchors, capanchors;
	uint64_t alias_nodes, alias_text;
	size_t own_nodes; /* scalars, sequences and mappings written in the file */
	char *pool;
	size_t poolfree;
	struct ynode *nodepool; /* nodes are carved from blocks: 24 bytes each, not the arena's
	                           16-byte-aligned 32 */
	size_t nodefree;
	struct ynode *root;
	int ndocs;
	bool failed;
};

/* The one reporting function of the YAML layer: stops after YTREE_MAX_DIAGS. */
static void yt_diag(struct yt *t, struct rg_pos pos, enum rg_diag_code code, const char *path,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void yt_diag(struct yt *t, struct rg_pos pos, enum rg_diag_code code, const char *path,
                    const char *fmt, ...)
{
	size_t k = t->diags->n - t->first;
	if (k > YTREE_MAX_DIAGS)
		return;
	if (k == YTREE_MAX_DIAGS) {
		rg_diag(t->diags, t->file, pos, RG_E_OTHER, "",
		        "too many errors (%d); fix these and run again", YTREE_MAX_DIAGS);
		return;
	}
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	rg_diag(t->diags, t->file, pos, code, path, "%s", msg);
}

static struct rg_pos yt_pos(yaml_mark_t m)
{
	struct rg_pos p = {(int)(m.line > INT32_MAX - 1 ? INT32_MAX - 1 : m.line) + 1,
	                   (int)(m.column > INT32_MAX - 1 ? INT32_MAX - 1 : m.column) + 1};
	return p;
}

/* Line and column (characters) of byte offset off in buf. */
/* Bytes of the line break at buf[i] (CR LF, LF, CR, NEL, LS, PS: libyaml's breaks), or 0. */
static size_t yt_break_len(const char *buf, size_t len, size_t i)
{
	const unsigned char *s = (const unsigned char *)buf + i;
	size_t n = len - i;
	if (s[0] == '\r')
		return n > 1 && s[1] == '\n' ? 2 : 1;
	if (s[0] == '\n')
		return 1;
	uint32_t cp;
	size_t k = s[0] < 0x80 ? 0 : utf8_decode(buf + i, n, &cp);
	return k > 0 && (cp == UTF8_NEL_CP || cp == UTF8_LS_CP || cp == UTF8_PS_CP) ? k : 0;
}

/* Line and column (characters) of byte offset off in buf, counting lines as libyaml does. */
static struct rg_pos yt_offset_pos(const char *buf, size_t len, size_t off)
{
	struct rg_pos p = {1, 1};
	for (size_t i = 0; i < off && i < len;) {
		size_t br = yt_break_len(buf, len, i);
		if (br > 0) {
			p.line++;
			p.col = 1;
			i += br;
			continue;
		}
		if (!utf8_is_cont((unsigned char)buf[i]))
			p.col++;
		i++;
	}
	return p;
}

/* Reports the first invalid UTF-8 sequence or NUL byte; returns false then. */
static bool yt_check_utf8(struct yt *t)
{
	const unsigned char *s = (const unsigned char *)t->buf;
	for (size_t i = 0; i < t->len;) {
		uint32_t cp;
		size_t k = s[i] == 0     ? 0
		           : s[i] < 0x80 ? 1
		                         : utf8_decode(t->buf + i, t->len - i, &cp);
		if (k == 0) {
			struct rg_pos p = yt_offset_pos(t->buf, t->len, i);
			if (s[i] == 0)
				yt_diag(t, p, RG_E_UTF8, "",
				        "NUL byte in the file; save it as UTF-8 text (not UTF-16)");
			else
				yt_diag(t, p, RG_E_UTF8, "",
				        "invalid UTF-8 (byte 0x%02x); save the file as UTF-8",
				        s[i]);
			return false;
		}
		i += k;
	}
	return true;
}

/* Strips a UTF-8 byte-order mark; refuses UTF-16/32 ones. */
static bool yt_bom(struct yt *t)
{
	const unsigned char *s = (const unsigned char *)t->buf;
	if (t->len >= 3 && memcmp(s, UTF8_BOM, 3) == 0) {
		t->buf += 3;
		t->len -= 3;
		return true;
	}
	if (t->len >= 2 && ((s[0] == 0xFE && s[1] == 0xFF) || (s[0] == 0xFF && s[1] == 0xFE))) {
		yt_diag(t, (struct rg_pos){1, 1}, RG_E_UTF8, "",
		        "the file is UTF-16 or UTF-32 (byte-order mark); save it as UTF-8");
		return false;
	}
	return true;
}

static char *yt_strdup(struct yt *t, const char *s, size_t len)
{
	if (len + 1 > YT_POOL_BIG)
		return rg_arena_strndup(t->text, s, len);
	if (t->poolfree < len + 1) {
		t->pool = rg_arena_alloc(t->text, YT_POOL_CHUNK);
		t->poolfree = YT_POOL_CHUNK;
	}
	char *p = t->pool;
	memcpy(p, s, len);
	p[len] = '\0';
	t->pool += len + 1;
	t->poolfree -= len + 1;
	return p;
}

_Static_assert(sizeof(void *) != 8 || sizeof(struct ynode) == 24, "a node is 24 bytes");

static struct ynode *yt_node(struct yt *t)
{
	if (t->nodefree == 0) {
		t->nodefree = YT_POOL_CHUNK / sizeof(struct ynode);
		t->nodepool = rg_arena_alloc(t->arena, t->nodefree * sizeof(struct ynode));
	}
	t->nodefree--;
	return t->nodepool++;
}

static uint64_t yt_sat_add(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

static uint64_t yt_hash(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static struct yt_anchor *yt_anchor_slot(struct yt *t, const char *name)
{
	size_t mask = t->capanchors - 1;
	for (size_t i = yt_hash(name) & mask;; i = (i + 1) & mask)
		if (t->anchors[i].name == NULL || strcmp(t->anchors[i].name, name) == 0)
			return &t->anchors[i];
}

/* Defines (or redefines: the latest definition wins) an anchor. Takes ownership of name. */
static void yt_anchor_set(struct yt *t, char *name, struct ynode *n, uint64_t nodes, uint64_t text)
{
	if (2 * (t->nanchors + 1) > t->capanchors) {
		struct yt_anchor *old = t->anchors;
		size_t oldcap = t->capanchors;
		t->capanchors = oldcap ? oldcap * 2 : 64;
		t->anchors = rg_xcalloc(t->capanchors, sizeof(*t->anchors));
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].name != NULL)
				*yt_anchor_slot(t, old[i].name) = old[i];
		free(old);
	}
	struct yt_anchor *a = yt_anchor_slot(t, name);
	if (a->name == NULL)
		t->nanchors++;
	else
		free(a->name);
	*a = (struct yt_anchor){name, n, nodes, text};
}

static void yt_push_kid(struct yt *t, struct ynode *n)
{
	if (t->nkids == t->capkids) {
		t->capkids = t->capkids ? t->capkids * 2 : 256;
		t->kids = rg_xrealloc(t->kids, t->capkids * sizeof(*t->kids));
	}
	t->kids[t->nkids++] = n;
}

/* Hangs a finished node (own or aliased) on its parent, or makes it the root. */
static void yt_attach(struct yt *t, struct ynode *n, uint64_t nodes, uint64_t text, char *anchor)
{
	if (anchor != NULL)
		yt_anchor_set(t, anchor, n, nodes, text);
	if (t->nframes == 0) {
		t->root = n;
		return;
	}
	struct yt_frame *f = &t->frames[t->nframes - 1];
	f->nodes = yt_sat_add(f->nodes, nodes);
	f->text = yt_sat_add(f->text, text);
	yt_push_kid(t, n);
}

/* The path of the node being built ("report.tags[2]"), with leaf appended when not NULL. */
static const char *yt_path(const struct yt *t, const char *leaf, char *buf, size_t sz)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < t->nframes && used + 1 < sz; i++) {
		const struct yt_frame *f = &t->frames[i];
		size_t end = i + 1 < t->nframes ? t->frames[i + 1].first : t->nkids;
		size_t k = end - f->first;
		int n;
		if (f->node->kind == YN_SEQ)
			n = snprintf(buf + used, sz - used, "[%zu]", k);
		else if (k % 2 == 1 && t->kids[end - 1]->kind == YN_SCALAR)
			n = snprintf(buf + used, sz - used, "%s%s", used ? "." : "",
			             t->kids[end - 1]->s);
		else
			break;
		used = n < 0 || used + (size_t)n >= sz ? sz - 1 : used + (size_t)n;
	}
	if (leaf != NULL && used + 1 < sz)
		snprintf(buf + used, sz - used, "%s%s", used ? "." : "", leaf);
	return buf;
}
#define YT_PATH(t, leaf) yt_path((t), (leaf), (char[YT_PATH_MAX]){0}, YT_PATH_MAX)

static char *yt_heapdup(const yaml_char_t *s)
{
	return s == NULL ? NULL : rg_xstrdup((const char *)s);
}

static void yt_scalar(struct yt *t, const yaml_event_t *ev)
{
	struct ynode *n = yt_node(t);
	n->kind = YN_SCALAR;
	n->pos = yt_pos(ev->start_mark);
	n->len = (uint32_t)ev->data.scalar.length; /* <= RG_MAX_FILE */
	n->s = yt_strdup(t, (const char *)ev->data.scalar.value, n->len);
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && ev->data.scalar.tag == NULL;
	if (memchr(n->s, '\0', n->len) != NULL) {
		yt_diag(t, n->pos, RG_E_VALUE, YT_PATH(t, NULL),
		        "the value contains a NUL character; remove the \\0 escape");
		n->len = (uint32_t)strlen(n->s);
	}
	yt_attach(t, n, 1, n->len, yt_heapdup(ev->data.scalar.anchor));
}

static bool yt_start(struct yt *t, const yaml_event_t *ev, enum ynode_kind kind)
{
	struct rg_pos pos = yt_pos(ev->start_mark);
	if (t->nframes >= RG_MAX_DEPTH) {
		yt_diag(t, pos, RG_E_LIMIT_DEPTH, YT_PATH(t, NULL),
		        "nesting deeper than %d levels; flatten the structure", RG_MAX_DEPTH);
		return false;
	}
	if (t->nframes == t->capframes) {
		t->capframes = t->capframes ? t->capframes * 2 : 16;
		t->frames = rg_xrealloc(t->frames, t->capframes * sizeof(*t->frames));
	}
	struct ynode *n = yt_node(t);
	n->kind = kind;
	n->pos = pos;
	const yaml_char_t *anchor =
	        kind == YN_SEQ ? ev->data.sequence_start.anchor : ev->data.mapping_start.anchor;
	t->frames[t->nframes++] = (struct yt_frame){n, t->nkids, 1, 0, yt_heapdup(anchor)};
	return true;
}

struct yt_keyref {
	const struct ynode *key;
	size_t i;
};

static int yt_keycmp(const void *a, const void *b)
{
	const struct yt_keyref *x = a, *y = b;
	int c = strcmp(x->key->s, y->key->s);
	if (c != 0)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Marks (sets key NULL) pairs to drop: non-scalar keys, merge keys, later duplicates. */
static void yt_check_keys(struct yt *t, struct ypair *pairs, size_t n)
{
	struct yt_keyref *refs = rg_xmalloc((n ? n : 1) * sizeof(*refs));
	size_t nrefs = 0;
	for (size_t i = 0; i < n; i++) {
		struct ynode *k = pairs[i].key;
		if (k->kind != YN_SCALAR) {
			yt_diag(t, k->pos, RG_E_TYPE, YT_PATH(t, NULL),
			        "a mapping key must be a plain string, not %s", ynode_kind_name(k));
			pairs[i].key = NULL;
		} else if (k->plain && strcmp(k->s, "<<") == 0) {
			yt_diag(t, k->pos, RG_E_MERGE_KEY, YT_PATH(t, NULL),
			        "YAML merge keys (<<) are not supported; write the keys out in "
			        "full");
			pairs[i].key = NULL;
		} else {
			refs[nrefs++] = (struct yt_keyref){k, i};
		}
	}
	qsort(refs, nrefs, sizeof(*refs), yt_keycmp);
	for (size_t i = 1; i < nrefs; i++) {
		size_t first = i - 1;
		while (i < nrefs && strcmp(refs[i].key->s, refs[first].key->s) == 0) {
			yt_diag(t, refs[i].key->pos, RG_E_DUP_KEY, YT_PATH(t, refs[i].key->s),
			        "duplicate key \"%s\" (first at line %d); keep only one",
			        refs[i].key->s, refs[first].key->pos.line);
			pairs[refs[i].i].key = NULL;
			i++;
		}
	}
	free(refs);
}

static void yt_end(struct yt *t)
{
	struct yt_frame f = t->frames[--t->nframes];
	struct ynode *n = f.node;
	size_t k = t->nkids - f.first;
	struct ynode **kids = t->kids + f.first;
	if (n->kind == YN_SEQ) {
		n->items = rg_arena_alloc(t->arena, (k ? k : 1) * sizeof(*n->items));
		if (k > 0)
			memcpy(n->items, kids, k * sizeof(*kids));
		n->n = (uint32_t)k; /* <= RG_MAX_NODES */
	} else {
		size_t np = k / 2, kept = 0;
		struct ypair *pairs = rg_arena_alloc(t->arena, (np ? np : 1) * sizeof(*pairs));
		for (size_t i = 0; i < np; i++)
			pairs[i] = (struct ypair){kids[2 * i], kids[2 * i + 1]};
		t->nkids = f.first; /* the mapping's own path is its parent's */
		yt_check_keys(t, pairs, np);
		for (size_t i = 0; i < np; i++)
			if (pairs[i].key != NULL)
				pairs[kept++] = pairs[i];
		n->pairs = pairs;
		n->n = (uint32_t)kept;
	}
	t->nkids = f.first;
	yt_attach(t, n, f.nodes, f.text, f.anchor);
}

static bool yt_alias(struct yt *t, const yaml_event_t *ev)
{
	struct rg_pos pos = yt_pos(ev->start_mark);
	const char *name = (const char *)ev->data.alias.anchor;
	struct yt_anchor *a = t->capanchors ? yt_anchor_slot(t, name) : NULL;
	if (a == NULL || a->name == NULL) {
		yt_diag(t, pos, RG_E_SYNTAX, YT_PATH(t, NULL),
		        "alias *%s names no anchor defined before it; define &%s first", name,
		        name);
		return false;
	}
	t->alias_nodes = yt_sat_add(t->alias_nodes, a->nodes);
	t->alias_text = yt_sat_add(t->alias_text, a->text);
	if (t->alias_nodes > RG_MAX_ALIAS_NODES || t->alias_text > RG_MAX_ALIAS_TEXT) {
		yt_diag(t, pos, RG_E_LIMIT_ALIAS, YT_PATH(t, NULL),
		        "alias *%s expands the document past %s; use fewer aliases", name,
		        t->alias_nodes > RG_MAX_ALIAS_NODES ? "1,000,000 nodes" : "16 MiB of text");
		return false;
	}
	yt_attach(t, a->node, a->nodes, a->text, NULL);
	return true;
}

/* The byte at line/column pos of the buffer, or 0 past its end. */
static unsigned char yt_byte_at(const struct yt *t, struct rg_pos pos)
{
	size_t i = 0;
	for (int line = 1; line < pos.line && i < t->len;) {
		size_t br = yt_break_len(t->buf, t->len, i);
		line += br > 0;
		i += br > 0 ? br : 1;
	}
	for (int col = 1; col < pos.col && i < t->len; col++) { /* one character per column */
		i++;
		while (i < t->len && utf8_is_cont((unsigned char)t->buf[i]))
			i++;
	}
	return i < t->len ? (unsigned char)t->buf[i] : 0;
}

/* Start and length (without its break) of line `line` of the buffer; NULL past its end. */
static const char *yt_line(const struct yt *t, int line, size_t *len)
{
	size_t i = 0;
	for (int l = 1; l < line && i < t->len;) {
		size_t br = yt_break_len(t->buf, t->len, i);
		l += br > 0;
		i += br > 0 ? br : 1;
	}
	if (i >= t->len && line > 1)
		return NULL;
	size_t j = i;
	while (j < t->len && yt_break_len(t->buf, t->len, j) == 0)
		j++;
	*len = j - i;
	return t->buf + i;
}

/* What a line holds after its indentation: a list item ("- "), a plain key ("name:"), both
 * ("- name:"), or neither; *open when it ends with ":" (a key whose value follows). */
struct yt_lineinfo {
	bool blank, item, open;
	const char *key;
	size_t keylen;
};

static struct yt_lineinfo yt_lineinfo(const char *s, size_t n)
{
	struct yt_lineinfo li = {0};
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	li.blank = i == n || s[i] == '#';
	if (i < n && s[i] == '-' && (i + 1 == n || s[i + 1] == ' ' || s[i + 1] == '\t')) {
		li.item = true;
		for (i++; i < n && (s[i] == ' ' || s[i] == '\t');)
			i++;
	}
	size_t k = i;
	while (k < n && s[k] != ':' && s[k] != '#' && s[k] != '"' && s[k] != '\'' && s[k] != '{' &&
	       s[k] != '[')
		k++;
	if (k > i && k < n && s[k] == ':' && (k + 1 == n || s[k + 1] == ' ' || s[k + 1] == '\t')) {
		li.key = s + i;
		li.keylen = k - i;
		while (li.keylen > 0 && li.key[li.keylen - 1] == ' ')
			li.keylen--;
	}
	size_t e = n;
	for (size_t c = i; c < n; c++)
		if (s[c] == '#' && (c == 0 || s[c - 1] == ' ' || s[c - 1] == '\t')) {
			e = c;
			break;
		}
	while (e > i && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	li.open = e > 0 && s[e - 1] == ':';
	return li;
}

/* The path of the line a tab stops the parse at (rather than of the node being built, which
 * may be the previous line's key): its key in the mapping it belongs to, or its item's index. */
static const char *yt_tab_path(const struct yt *t, struct rg_pos pos, char *buf, size_t sz)
{
	size_t n = 0, pn = 0;
	const char *s = yt_line(t, pos.line, &n), *ps = NULL;
	int pline = pos.line - 1;
	for (; pline > 0; pline--) { /* the previous line with content */
		ps = yt_line(t, pline, &pn);
		if (ps != NULL && !yt_lineinfo(ps, pn).blank)
			break;
	}
	if (s == NULL || t->nframes == 0 || pline == 0)
		return yt_path(t, NULL, buf, sz);
	struct yt_lineinfo li = yt_lineinfo(s, n), prev = yt_lineinfo(ps, pn);
	size_t keep = t->nframes, index = 0;
	bool with_key = true, set_index = false;
	const struct yt_frame *f = &t->frames[keep - 1];
	size_t k = t->nkids - f->first;
	bool last_on_prev = k > 0 && t->kids[t->nkids - 1]->pos.line == pline;
	if (f->node->kind == YN_MAP) {
		bool child = k % 2 == 1 && prev.open && last_on_prev;
		with_key = child;
		if (!child && li.item && keep >= 2 && t->frames[keep - 2].node->kind == YN_SEQ) {
			keep--; /* the next item of the list this mapping is an item of */
			index = f->first - t->frames[keep - 1].first + 1;
			set_index = true;
			li.key = NULL;
		} else if (child && li.item) {
			li.key = "[0]";
			li.keylen = 3;
		}
	} else {
		index = k + (prev.item && !last_on_prev && li.item);
		set_index = true;
		if (!li.item)
			li.key = NULL;
	}
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < keep && used + 1 < sz; i++) {
		const struct yt_frame *g = &t->frames[i];
		size_t end = i + 1 < t->nframes ? t->frames[i + 1].first : t->nkids,
		       m = end - g->first;
		int w = 0;
		if (g->node->kind == YN_SEQ)
			w = snprintf(buf + used, sz - used, "[%zu]",
			             i + 1 == keep && set_index ? index : m);
		else if (m % 2 == 1 && (i + 1 < keep || with_key) &&
		         t->kids[end - 1]->kind == YN_SCALAR)
			w = snprintf(buf + used, sz - used, "%s%s", used ? "." : "",
			             t->kids[end - 1]->s);
		else if (m % 2 == 1 || i + 1 < keep)
			break;
		used = w < 0 || used + (size_t)w >= sz ? sz - 1 : used + (size_t)w;
	}
	if (li.key != NULL && used + 1 < sz)
		snprintf(buf + used, sz - used, "%s%.*s", used && li.key[0] != '[' ? "." : "",
		         (int)(li.keylen > 60 ? 60 : li.keylen), li.key);
	return buf;
}

static void yt_parser_error(struct yt *t, const yaml_parser_t *p)
{
	const char *path = YT_PATH(t, NULL);
	if (p->error ==
	    YAML_MEMORY_ERROR) { /* libyaml's allocation failed: not the input's fault */
		yt_diag(t, (struct rg_pos){0, 0}, RG_F_LIBRARY, "",
		        "out of memory reading the YAML");
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		struct rg_pos pos = yt_offset_pos(t->buf, t->len, p->problem_offset);
		yt_diag(t, pos, RG_E_SYNTAX, path,
		        "the file contains a control character (0x%02x); remove it, or write it as "
		        "an "
		        "escape in a double-quoted string",
		        p->problem_value < 256 ? (unsigned)p->problem_value : 0u);
		return;
	}
	struct rg_pos pos = yt_pos(p->problem_mark);
	const char *problem = p->problem ? p->problem : "unreadable input";
	char context[128] = "";
	if (p->context != NULL)
		snprintf(context, sizeof(context), " %s (line %d)", p->context,
		         yt_pos(p->context_mark).line);
	if (yt_byte_at(t, pos) == '\t')
		yt_diag(t, pos, RG_E_SYNTAX,
		        yt_tab_path(t, pos, (char[YT_PATH_MAX]){0}, YT_PATH_MAX),
		        "invalid YAML: a tab character here; indent with spaces, not tabs");
	else
		yt_diag(t, pos, RG_E_SYNTAX, path,
		        "invalid YAML: %s%s; check the indentation, and quote values that contain "
		        "\": \" or \" #\"",
		        problem, context);
}

/* Handles one event; false stops the parse. */
static bool yt_event(struct yt *t, const yaml_event_t *ev)
{
	if ((ev->type == YAML_SCALAR_EVENT || ev->type == YAML_SEQUENCE_START_EVENT ||
	     ev->type == YAML_MAPPING_START_EVENT) &&
	    ++t->own_nodes > RG_MAX_NODES) {
		/* bounds time and memory of node-dense files (millions of one-character items) */
		yt_diag(t, yt_pos(ev->start_mark), RG_E_LIMIT_SIZE, YT_PATH(t, NULL),
		        "the file holds more than 1,000,000 values; move large logs or data out of "
		        "it");
		return false;
	}
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++t->ndocs > 1) {
			yt_diag(t, yt_pos(ev->start_mark), RG_E_SYNTAX, "",
			        "a second YAML document; a file holds one document, remove the "
			        "\"---\"");
			return false;
		}
		return true;
	case YAML_SCALAR_EVENT:
		yt_scalar(t, ev);
		return true;
	case YAML_SEQUENCE_START_EVENT:
		return yt_start(t, ev, YN_SEQ);
	case YAML_MAPPING_START_EVENT:
		return yt_start(t, ev, YN_MAP);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		yt_end(t);
		return true;
	case YAML_ALIAS_EVENT:
		return yt_alias(t, ev);
	default:
		return true;
	}
}

static void yt_run(struct yt *t)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p)) {
		yt_diag(t, (struct rg_pos){0, 0}, RG_F_LIBRARY, "",
		        "cannot initialize the YAML parser");
		t->failed = true;
		return;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)t->buf, t->len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	for (bool done = false; !done;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			yt_parser_error(t, &p);
			t->failed = true;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		if (!yt_event(t, &ev)) {
			t->failed = true;
			done = true;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
}

static void yt_cleanup(struct yt *t)
{
	for (size_t i = 0; i < t->nframes; i++)
		free(t->frames[i].anchor);
	for (size_t i = 0; i < t->capanchors; i++)
		free(t->anchors[i].name);
	free(t->frames);
	free(t->anchors);
	free(t->kids);
}

struct ynode *ytree_parse(struct rg_arena *arena, const char *file, const char *buf, size_t len,
                          struct rg_diags *diags)
{
	return ytree_parse_split(arena, arena, file, buf, len, diags);
}

struct ynode *ytree_parse_split(struct rg_arena *text, struct rg_arena *arena, const char *file,
                                const char *buf, size_t len, struct rg_diags *diags)
{
	struct yt t = {.arena = arena,
	               .text = text,
	               .file = file,
	               .diags = diags,
	               .first = diags->n,
	               .buf = buf,
	               .len = len};
	if (len > RG_MAX_FILE) {
		rg_diag(diags, file, (struct rg_pos){1, 1}, RG_E_LIMIT_SIZE, "",
		        "the file is larger than 16 MiB (%u bytes); move large logs or data out of "
		        "it",
		        RG_MAX_FILE);
		return NULL;
	}
	if (!yt_bom(&t) || !yt_check_utf8(&t))
		return NULL;
	yt_run(&t);
	yt_cleanup(&t);
	if (t.failed)
		return NULL;
	if (t.root == NULL) { /* no document at all: an empty plain scalar stands for it */
		t.root = rg_arena_alloc(arena, sizeof(*t.root));
		t.root->kind = YN_SCALAR;
		t.root->plain = true;
		t.root->pos = (struct rg_pos){1, 1};
		t.root->s = "";
	}
	return t.root;
}
