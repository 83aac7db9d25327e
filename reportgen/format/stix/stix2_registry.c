/* stix2_registry.c: the STIX 2.1 object registry, ids, object constructors and text helpers. */
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "stix2.h"
#include "uuid.h"

/* ------------------------------------------------------------------ */
/* Registry                                                            */
/* ------------------------------------------------------------------ */

static size_t stix2_hash(const char *s)
{
	size_t h = 1469598103934665603ULL & (size_t)-1;
	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
	return h;
}

/* The slot holding `id`, or the empty slot where it would go. */
static size_t *stix2_slot(const struct stix2 *st, const char *id)
{
	size_t mask = st->nslots - 1;
	for (size_t i = stix2_hash(id) & mask;; i = (i + 1) & mask) {
		size_t k = st->slots[i];
		if (k == 0 || strcmp(st->v[k - 1].id, id) == 0)
			return &st->slots[i];
	}
}

static void stix2_grow(struct stix2 *st)
{
	if (st->n + 1 > st->cap) {
		st->cap = st->cap ? st->cap * 2 : 64;
		st->v = rg_xrealloc(st->v, st->cap * sizeof(st->v[0]));
	}
	if ((st->n + 1) * 2 <= st->nslots)
		return;
	free(st->slots);
	st->nslots = st->nslots ? st->nslots * 2 : 128;
	st->slots = rg_xcalloc(st->nslots, sizeof(st->slots[0]));
	for (size_t k = 0; k < st->n; k++)
		*stix2_slot(st, st->v[k].id) = k + 1;
}

/* Replaces an object's tree by its compact text: a line of the spill file, or in memory. */
static void stix2_pack(struct stix2 *st, struct stix2_obj *o)
{
	char *text = cJSON_PrintUnformatted(o->json);
	cJSON_Delete(o->json);
	o->json = NULL;
	size_t len = strlen(text);
	if (st->spill != NULL && fwrite(text, 1, len, st->spill) == len &&
	    putc('\n', st->spill) != EOF) {
		o->at = st->spill_end;
		st->spill_end += (long long)len + 1;
		cJSON_free(text);
	} else {
		o->packed = text;
	}
}

/* The tree of an object however it is held; a new tree (the caller's) unless o->json. NULL
 * only when the spill file cannot be read back. `next` reads the spill file on from where
 * it stands instead of seeking (objects are read back in creation order). */
cJSON *stix2_tree(struct stix2 *st, const struct stix2_obj *o, bool next)
{
	if (o->json != NULL || o->packed != NULL)
		return o->json ? o->json : cJSON_Parse(o->packed);
	char *line = NULL;
	size_t cap = 0;
	cJSON *tree = NULL;
	if ((next || fseeko(st->spill, (off_t)o->at, SEEK_SET) == 0) &&
	    getline(&line, &cap, st->spill) > 0)
		tree = cJSON_Parse(line);
	free(line);
	if (!next && fseeko(st->spill, 0, SEEK_END) != 0) { /* appends go on at the end */
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
	size_t *slot = stix2_slot(st, id);
	if (*slot != 0) {
		struct stix2_obj *o = &st->v[*slot - 1];
		if (tlp > o->tlp)
			o->tlp = tlp;
		cJSON_Delete(json);
		return o->id;
	}
	struct stix2_obj *o = &st->v[st->n];
	*o = (struct stix2_obj){json, NULL, -1, rg_arena_strdup(st->ids, id), tlp, 0};
	*slot = ++st->n;
	if (strncmp(id, "report--", 8) != 0 && strncmp(id, "attack-pattern--", 16) != 0)
		stix2_pack(st, o);
	return o->id;
}

cJSON *stix2_get(const struct stix2 *st, const char *id)
{
	if (st->nslots == 0)
		return NULL;
	size_t k = *stix2_slot(st, id);
	return k ? st->v[k - 1].json : NULL;
}

bool stix2_seen(struct stix2 *st, const char *id, size_t stamp)
{
	size_t k = st->nslots ? *stix2_slot(st, id) : 0;
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
	size_t k = st->nslots && id != NULL ? *stix2_slot(st, id) : 0;
	if (k == 0)
		return NULL;
	struct stix2_obj *o = &st->v[k - 1];
	cJSON *tree = stix2_tree(st, o, false);
	const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(tree, key));
	v = v ? rg_arena_strdup(st->arena, v) : NULL;
	if (tree != o->json)
		cJSON_Delete(tree);
	return v;
}

enum rg_tlp stix2_tlp_of(const struct stix2 *st, const char *id)
{
	size_t k = st->nslots ? *stix2_slot(st, id) : 0;
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
	cJSON_AddStringToObject(o, "id", stix2_sco_id(st->arena, type, contrib));
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
	cJSON_AddStringToObject(o, "id", stix2_sdo_id(st, type, identity));
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
