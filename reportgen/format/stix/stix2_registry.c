/* stix2_registry.c: the STIX 2.1 object registry, ids, object constructors and text helpers. */
#define _GNU_SOURCE /* fallocate */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "stix2.h"
#include "uuid.h"

/* ------------------------------------------------------------------ */
/* Registry                                                            */
/* ------------------------------------------------------------------ */

static uint32_t stix2_hash(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The slot holding `id` (of hash h), or the empty slot where it would go. */
static struct stix2_slot *stix2_slot(const struct stix2 *st, const char *id, uint32_t h)
{
	size_t mask = st->nslots - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct stix2_slot *s = &st->slots[i];
		if (s->k == 0 || (s->h == h && strcmp(st->v[s->k - 1].id, id) == 0))
			return s;
	}
}

/* The index + 1 of `id` in v, 0 when it is not registered. */
static size_t stix2_find(const struct stix2 *st, const char *id)
{
	return st->nslots && id != NULL ? stix2_slot(st, id, stix2_hash(id))->k : 0;
}

/* Asks for the registry's slot of a new object's id to be fetched into the cache while the
 * object is built, some microseconds before stix2_add reads it: past a few MiB the table
 * no longer fits the caches, and each add began with a miss to memory (at 100,000
 * artifacts, three quarters of stix2_add's time). */
static void stix2_expect(const struct stix2 *st, const char *id)
{
	if (st->nslots > 0 && id != NULL)
		__builtin_prefetch(&st->slots[stix2_hash(id) & (st->nslots - 1)], 1);
}

static void stix2_grow(struct stix2 *st)
{
	if (st->n + 1 > st->cap) {
		st->cap = st->cap ? st->cap * 2 : 64;
		st->v = rg_xrealloc(st->v, st->cap * sizeof(st->v[0]));
	}
	if ((st->n + 1) * 2 <= st->nslots)
		return;
	struct stix2_slot *old = st->slots;
	size_t nold = st->nslots;
	st->nslots = st->nslots ? st->nslots * 2 : 128;
	st->slots = rg_xcalloc(st->nslots, sizeof(st->slots[0]));
	size_t mask = st->nslots - 1;
	for (size_t j = 0; j < nold; j++) { /* ids are unique: each goes to the first free slot */
		if (old[j].k == 0)
			continue;
		size_t i = old[j].h & mask;
		while (st->slots[i].k != 0)
			i = (i + 1) & mask;
		st->slots[i] = old[j];
	}
	free(old);
}

char *stix2_print(const cJSON *o, size_t *len)
{
	char *text = cJSON_Print(o);
	size_t n = strlen(text), lines = 0;
	for (const char *p = text; (p = memchr(p, '\n', n - (size_t)(p - text))) != NULL; p++)
		lines++;
	char *out = rg_xmalloc(n + 2 * lines + 1), *q = out;
	for (const char *p = text, *nl; *p != '\0'; p = nl + 1) {
		nl = memchr(p, '\n', n - (size_t)(p - text));
		size_t k = nl ? (size_t)(nl - p) + 1 : n - (size_t)(p - text);
		memcpy(q, p, k);
		q += k;
		if (nl == NULL)
			break;
		*q++ = '\t';
		*q++ = '\t';
	}
	*q = '\0';
	cJSON_free(text);
	*len = (size_t)(q - out);
	return out;
}

/* Replaces an object's tree by its text in the bundle: in the spill file, or in memory. */
static void stix2_pack(struct stix2 *st, struct stix2_obj *o)
{
	char *text = stix2_print(o->json, &o->len);
	cJSON_Delete(o->json);
	o->json = NULL;
	if (st->spill != NULL && fwrite(text, 1, o->len, st->spill) == o->len) {
		o->at = st->spill_end;
		st->spill_end += (long long)o->len;
		free(text);
	} else {
		o->packed = text;
	}
}

const char *stix2_text(struct stix2 *st, const struct stix2_obj *o, char **buf, size_t *cap)
{
	if (o->packed != NULL)
		return o->packed;
	if (*cap < o->len + 1) {
		*cap = o->len + 1;
		free(*buf);
		*buf = rg_xmalloc(*cap);
	}
	if (fread(*buf, 1, o->len, st->spill) != o->len)
		return NULL;
	(*buf)[o->len] = '\0';
	return *buf;
}

/* Bytes of the spill file read back between releases of their pages. */
#define STIX2_SPILL_RELEASE (4 * 1024 * 1024)

void stix2_spill_done(struct stix2 *st, long long upto)
{
#ifdef FALLOC_FL_PUNCH_HOLE
	if (st->spill != NULL && upto - st->spill_freed >= STIX2_SPILL_RELEASE) {
		/* best effort: a file system without holes keeps the pages until the close */
		if (fallocate(fileno(st->spill), FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
		              (off_t)st->spill_freed, (off_t)(upto - st->spill_freed)) == 0)
			st->spill_freed = upto;
	}
#else
	(void)st;
	(void)upto;
#endif
}

cJSON *stix2_tree(struct stix2 *st, const struct stix2_obj *o)
{
	if (o->json != NULL)
		return o->json;
	if (o->packed != NULL)
		return cJSON_Parse(o->packed);
	char *text = NULL;
	size_t cap = 0;
	cJSON *tree = NULL;
	if (fseeko(st->spill, (off_t)o->at, SEEK_SET) == 0 &&
	    stix2_text(st, o, &text, &cap) != NULL)
		tree = cJSON_Parse(text);
	free(text);
	if (fseeko(st->spill, 0, SEEK_END) != 0) { /* appends go on at the end */
		cJSON_Delete(tree);
		tree = NULL;
	}
	return tree;
}

const char *stix2_add(struct stix2 *st, cJSON *json, enum rg_tlp tlp)
{
	const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(json, "id"));
	if (st->dry) { /* stix2_artifact_pattern: the id only */
		id = rg_arena_strdup(st->arena, id);
		cJSON_Delete(json);
		return id;
	}
	stix2_grow(st);
	uint32_t h = stix2_hash(id);
	struct stix2_slot *slot = stix2_slot(st, id, h);
	if (slot->k != 0) {
		struct stix2_obj *o = &st->v[slot->k - 1];
		if (tlp > o->tlp)
			o->tlp = tlp;
		cJSON_Delete(json);
		return o->id;
	}
	struct stix2_obj *o = &st->v[st->n];
	*o = (struct stix2_obj){json, NULL, -1, 0, rg_arena_strdup(st->ids, id), tlp, 0};
	*slot = (struct stix2_slot){(uint32_t)++st->n, h};
	if (strncmp(id, "report--", 8) != 0 && strncmp(id, "attack-pattern--", 16) != 0)
		stix2_pack(st, o);
	return o->id;
}

cJSON *stix2_get(const struct stix2 *st, const char *id)
{
	size_t k = stix2_find(st, id);
	return k ? st->v[k - 1].json : NULL;
}

bool stix2_seen(struct stix2 *st, const char *id, size_t stamp)
{
	size_t k = stix2_find(st, id);
	if (k == 0)
		return false;
	if (st->v[k - 1].seen == stamp)
		return true;
	st->v[k - 1].seen = stamp;
	return false;
}

struct rg_arena *stix2_scratch(struct stix2 *st)
{
	struct rg_arena *kept = st->arena;
	st->arena = rg_arena_new();
	return kept;
}

void stix2_unscratch(struct stix2 *st, struct rg_arena *kept)
{
	rg_arena_free(st->arena);
	st->arena = kept;
}

const char *stix2_string(struct stix2 *st, const char *id, const char *key)
{
	size_t k = stix2_find(st, id);
	if (k == 0)
		return NULL;
	struct stix2_obj *o = &st->v[k - 1];
	cJSON *tree = stix2_tree(st, o);
	const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(tree, key));
	v = v ? rg_arena_strdup(st->arena, v) : NULL;
	if (tree != o->json)
		cJSON_Delete(tree);
	return v;
}

enum rg_tlp stix2_tlp_of(const struct stix2 *st, const char *id)
{
	size_t k = stix2_find(st, id);
	return k ? st->v[k - 1].tlp : RG_TLP_NONE;
}

/* ------------------------------------------------------------------ */
/* Object constructors                                                 */
/* ------------------------------------------------------------------ */

const char *stix2_sco_id(struct rg_arena *a, const char *type, const cJSON *contrib)
{
	char *canon = cJSON_PrintUnformatted(contrib);
	char uuid[37];
	uuid5(STIX2_SCO_NAMESPACE, canon, strlen(canon), uuid);
	cJSON_free(canon);
	return rg_arena_printf(a, "%s--%s", type, uuid);
}

cJSON *stix2_sco_new(struct stix2 *st, const char *type, cJSON *contrib)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", type);
	cJSON_AddStringToObject(o, "spec_version", "2.1");
	const char *id = stix2_sco_id(st->arena, type, contrib);
	stix2_expect(st, id);
	cJSON_AddStringToObject(o, "id", id);
	cJSON *item;
	while ((item = contrib->child) != NULL) {
		cJSON_DetachItemViaPointer(contrib, item);
		cJSON_AddItemToObject(o, item->string, item);
	}
	cJSON_Delete(contrib);
	return o;
}

/* An SDO or SRO id: "type--" and the document UUID of kind and identity, with the
 * version nibble of UUIDv4, which STIX 2.1 asks of SDOs; the rest stays name-based, so
 * that the same incident exports the same ids. */
const char *stix2_sdo_id(struct stix2 *st, const char *type, const char *identity)
{
	char *u = (char *)uuid_doc(st->arena, st->doc, type, identity);
	u[14] = '4';
	return rg_arena_printf(st->arena, "%s--%s", type, u);
}

cJSON *stix2_sdo_new(struct stix2 *st, const char *type, const char *identity)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", type);
	cJSON_AddStringToObject(o, "spec_version", "2.1");
	const char *id = stix2_sdo_id(st, type, identity);
	stix2_expect(st, id);
	cJSON_AddStringToObject(o, "id", id);
	if (st->identity != NULL)
		cJSON_AddStringToObject(o, "created_by_ref", st->identity);
	cJSON_AddStringToObject(o, "created", st->stamp);
	cJSON_AddStringToObject(o, "modified", st->stamp);
	return o;
}

void stix2_revised(struct stix2 *st, cJSON *o)
{
	cJSON_ReplaceItemInObjectCaseSensitive(o, "modified", cJSON_CreateString(st->revised));
}

void stix2_modified(struct stix2 *st, cJSON *o, const struct rg_time *t)
{
	const char *when = export_utc(st->arena, export_modified(st->doc, st->opts, t), 0, true);
	cJSON_ReplaceItemInObjectCaseSensitive(o, "modified", cJSON_CreateString(when));
}

/* Adds key: s unless s is NULL or empty (STIX forbids empty strings nowhere, but an empty
 * optional value says nothing). */
void stix2_str(cJSON *o, const char *key, const char *s)
{
	if (s != NULL && *s != '\0')
		cJSON_AddStringToObject(o, key, s);
}

const char *stix2_nz(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

void stix2_push_str(cJSON *arr, const char *s)
{
	cJSON_AddItemToArray(arr, cJSON_CreateString(s));
}

/* Adds key: [strings of texts] unless no string is present. */
void stix2_texts(cJSON *o, const char *key, const struct rg_texts *t)
{
	cJSON *arr = NULL;
	for (size_t i = 0; i < t->n; i++) {
		if (t->v[i].s == NULL || t->v[i].s[0] == '\0')
			continue;
		if (arr == NULL)
			arr = cJSON_AddArrayToObject(o, key);
		stix2_push_str(arr, t->v[i].s);
	}
}

const char *stix2_rel(struct stix2 *st, const char *type, const char *src, const char *dst,
                      const char *description)
{
	return stix2_rel_marked(st, type, src, dst, description, RG_TLP_NONE);
}

/* A relationship, marked with the strictest TLP of its two ends and `tlp`. */
const char *stix2_rel_marked(struct stix2 *st, const char *type, const char *src, const char *dst,
                             const char *description, enum rg_tlp tlp)
{
	if (src == NULL || dst == NULL)
		return NULL;
	cJSON *o = stix2_sdo_new(st, "relationship",
	                         rg_arena_printf(st->arena, "%s\n%s\n%s", type, src, dst));
	cJSON_AddStringToObject(o, "relationship_type", type);
	stix2_str(o, "description", description);
	cJSON_AddStringToObject(o, "source_ref", src);
	cJSON_AddStringToObject(o, "target_ref", dst);
	enum rg_tlp ts = stix2_tlp_of(st, src), td = stix2_tlp_of(st, dst);
	return stix2_add(st, o, export_stricter(tlp, ts > td ? ts : td));
}

const char *stix2_ts(struct stix2 *st, const struct rg_time *t)
{
	return export_time(st->arena, t, true);
}

const char *stix2_plain(struct stix2 *st, const char *markdown)
{
	return export_plain(st->arena, markdown);
}

/* ------------------------------------------------------------------ */
/* Text assembly for descriptions and notes                            */
/* ------------------------------------------------------------------ */

/* Appends a paragraph (separated by a blank line) or, with `line`, a line. */
void stix2_cat(struct stix2_text *t, const char *piece, bool line)
{
	if (piece == NULL || *piece == '\0')
		return;
	size_t sep = t->n == 0 ? 0 : line ? 1 : 2, len = strlen(piece);
	if (t->n + sep + len + 1 > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		while (cap < t->n + sep + len + 1)
			cap *= 2;
		char *s = rg_arena_alloc(t->arena, cap);
		if (t->n > 0)
			memcpy(s, t->s, t->n);
		t->s = s;
		t->cap = cap;
	}
	memcpy(t->s + t->n, "\n\n", sep);
	memcpy(t->s + t->n + sep, piece, len + 1);
	t->n += sep + len;
}

void stix2_kv(struct stix2_text *t, const char *key, const char *value)
{
	if (value != NULL && *value != '\0')
		stix2_cat(t, rg_arena_printf(t->arena, "%s: %s", key, value), true);
}

/* A note on `refs` (NULL-terminated), unless content is empty. */
const char *stix2_note(struct stix2 *st, const char *identity, const char *abstract,
                       const char *content, const char *const *refs, enum rg_tlp tlp)
{
	if (content == NULL || *content == '\0')
		return NULL;
	cJSON *o = stix2_sdo_new(st, "note", identity);
	stix2_str(o, "abstract", abstract);
	cJSON_AddStringToObject(o, "content", content);
	const char *author = st->doc->report.author.s;
	if (author != NULL && *author != '\0')
		stix2_push_str(cJSON_AddArrayToObject(o, "authors"), author);
	cJSON *arr = cJSON_AddArrayToObject(o, "object_refs");
	for (size_t i = 0; refs[i] != NULL; i++) {
		stix2_push_str(arr, refs[i]);
		enum rg_tlp t = stix2_tlp_of(st, refs[i]);
		if (t > tlp)
			tlp = t;
	}
	return stix2_add(st, o, tlp);
}
