/* stix2.c: the STIX 2.1 back end: a bundle of SDOs, SCOs and SROs for one incident (cJSON). */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "ioc.h"
#include "stix2.h"
#include "uuid.h"

/* TLP 2.0 marking definitions published by OASIS (cti-stix-common-objects,
 * extension-definition-specifications/tlp-2.0), indexed by enum rg_tlp. */
#define STIX2_TLP_EXTENSION "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
static const char *const stix2_tlp_ids[] = {
	NULL,
	"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
	"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
	"marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
	"marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
	"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
};
static const char *const stix2_tlp_names[] = {
	NULL, "TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED",
};

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
	off_t at = st->spill ? ftello(st->spill) : -1;
	if (at >= 0 && fputs(text, st->spill) != EOF && putc('\n', st->spill) != EOF) {
		o->at = at;
		cJSON_free(text);
	} else {
		o->packed = text;
	}
}

/* The tree of an object however it is held; a new tree (the caller's) unless o->json. NULL
 * only when the spill file cannot be read back. `next` reads the spill file on from where
 * it stands instead of seeking (objects are read back in creation order). */
static cJSON *stix2_tree(struct stix2 *st, const struct stix2_obj *o, bool next)
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
static const char *stix2_sdo_id(struct stix2 *st, const char *type, const char *identity)
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

/* A relationship, marked with the stricter TLP of its two ends. */
const char *stix2_rel(struct stix2 *st, const char *type, const char *src,
                             const char *dst, const char *description)
{
	if (src == NULL || dst == NULL)
		return NULL;
	cJSON *o = stix2_sdo_new(st, "relationship", rg_arena_printf(st->arena, "%s\n%s\n%s", type, src, dst));
	cJSON_AddStringToObject(o, "relationship_type", type);
	stix2_str(o, "description", description);
	cJSON_AddStringToObject(o, "source_ref", src);
	cJSON_AddStringToObject(o, "target_ref", dst);
	enum rg_tlp ts = stix2_tlp_of(st, src), td = stix2_tlp_of(st, dst);
	return stix2_add(st, o, ts > td ? ts : td);
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

static const char *stix2_address(struct stix2 *st, const char *written);

/* Fact values may be written defanged: refanged like other addresses (and withheld alike). */
static void stix2_pairs(struct stix2 *st, struct stix2_text *t, const struct rg_pairs *p)
{
	for (size_t i = 0; i < p->n; i++)
		stix2_kv(t, p->v[i].key.s, stix2_address(st, p->v[i].value.s));
}

/* ------------------------------------------------------------------ */
/* Identity, report, incident, notes                                   */
/* ------------------------------------------------------------------ */

static void stix2_identity(struct stix2 *st)
{
	const struct rg_report *r = &st->doc->report;
	const char *name = r->organization.s, *cls = "organization";
	if (name == NULL || *name == '\0') {
		name = r->author.s;
		cls = "individual";
	}
	if (name == NULL || *name == '\0') {
		name = "Unknown";
		cls = "unknown";
	}
	cJSON *o = stix2_sdo_new(st, "identity", name);
	cJSON_AddStringToObject(o, "name", name);
	cJSON_AddStringToObject(o, "identity_class", cls);
	st->identity = stix2_add(st, o, r->tlp);
}

/* True for an absolute URI with a scheme, as STIX url properties require. */
static bool stix2_is_uri(const char *s)
{
	if (s == NULL || !isalpha((unsigned char)*s))
		return false;
	const char *p = s + 1;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	if (*p != ':')
		return false;
	for (; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || strchr("<>\"{}|\\^`", *p))
			return false;
	return true;
}

static cJSON *stix2_extref(const char *source, const char *id, const char *url, const char *desc)
{
	cJSON *r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "source_name", source);
	stix2_str(r, "external_id", id);
	if (stix2_is_uri(url))
		cJSON_AddStringToObject(r, "url", url);
	stix2_str(r, "description", desc);
	if (r->child->next == NULL) /* a source name alone is not a reference */
		cJSON_AddStringToObject(r, "description", source);
	return r;
}

static cJSON *stix2_report(struct stix2 *st)
{
	const struct rg_doc *d = st->doc;
	const char *title = stix2_nz(d->report.title.s) ? d->report.title.s : "Incident Report";
	cJSON *o = stix2_sdo_new(st, "report", "");
	cJSON_AddStringToObject(o, "name", stix2_nz(d->report.id.s) ? rg_arena_printf(st->arena, "%s %s", title, d->report.id.s) : title);
	const char *desc = d->report.summary_line.s ? d->report.summary_line.s : stix2_plain(st, d->summary.s);
	stix2_str(o, "description", desc);
	cJSON_AddItemToObject(o, "report_types", cJSON_CreateArray());
	const char *pub = stix2_ts(st, &d->report.date);
	cJSON_AddStringToObject(o, "published", pub ? pub : st->stamp);
	stix2_texts(o, "labels", &d->report.tags);
	cJSON *refs = NULL;
	for (size_t i = 0; i < d->nreferences; i++) {
		const struct rg_reference *ref = &d->references[i];
		if (refs == NULL)
			refs = cJSON_AddArrayToObject(o, "external_references");
		const char *url = ref->url.s ? ioc_refang(st->arena, ref->url.s) : NULL;
		const char *comment = stix2_plain(st, ref->comment.s);
		if (url != NULL && !stix2_is_uri(url))
			comment = comment ? rg_arena_printf(st->arena, "%s\n%s", url, comment) : url;
		const char *rtitle = stix2_nz(ref->title.s) ? ref->title.s : "reference";
		cJSON_AddItemToArray(refs, stix2_extref(rtitle, NULL, url, comment));
	}
	stix2_add(st, o, d->report.tlp);
	return o;
}

static void stix2_incident(struct stix2 *st)
{
	const struct rg_doc *d = st->doc;
	const struct rg_report *r = &d->report;
	const char *name = r->summary_line.s;
	if (name == NULL || *name == '\0')
		name = d->alert.present ? d->alert.rule.s : NULL;
	if (name == NULL || *name == '\0')
		name = stix2_nz(r->title.s) ? r->title.s : "Incident";
	cJSON *o = stix2_sdo_new(st, "incident", "");
	cJSON_AddStringToObject(o, "name", name);
	struct stix2_text t = {st->arena, NULL, 0, 0};
	stix2_cat(&t, stix2_plain(st, d->summary.s), false);
	if (t.s == NULL && r->summary_line.s)
		stix2_cat(&t, r->summary_line.s, false);
	stix2_cat(&t, r->verdict_note.s ? rg_arena_printf(st->arena, "Verdict: %s (%s)",
	          r->verdict ? rg_verdict_names[r->verdict] : "unstated", r->verdict_note.s) : NULL, false);
	stix2_pairs(st, &t, &r->facts);
	stix2_str(o, "description", t.s);
	cJSON *labels = cJSON_CreateArray();
	if (r->severity)
		stix2_push_str(labels, rg_arena_printf(st->arena, "severity:%s", rg_level_names[r->severity]));
	if (r->verdict)
		stix2_push_str(labels, rg_arena_printf(st->arena, "verdict:%s", rg_verdict_names[r->verdict]));
	if (r->status)
		stix2_push_str(labels, rg_arena_printf(st->arena, "status:%s", rg_status_names[r->status]));
	for (size_t i = 0; i < r->tags.n; i++)
		if (r->tags.v[i].s && *r->tags.v[i].s)
			stix2_push_str(labels, r->tags.v[i].s);
	if (cJSON_GetArraySize(labels) > 0)
		cJSON_AddItemToObject(o, "labels", labels);
	else
		cJSON_Delete(labels);
	cJSON *refs = cJSON_AddArrayToObject(o, "external_references");
	const char *src = r->organization.s && *r->organization.s ? r->organization.s : "reportgen";
	cJSON_AddItemToArray(refs, stix2_extref(src, r->id.s, NULL, r->title.s));
	if (r->ticket.s && *r->ticket.s)
		cJSON_AddItemToArray(refs, stix2_extref("ticket", r->ticket.s, NULL, NULL));
	st->incident = stix2_add(st, o, r->tlp);
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

/* An address-like value as exports show it: refanged, or NULL when --max-tlp withholds it. */
static const char *stix2_address(struct stix2 *st, const char *written)
{
	const char *v = written ? ioc_refang(st->arena, written) : NULL;
	return v == NULL || export_is_withheld(&st->withheld, v) ? NULL : v;
}

static void stix2_alert_note(struct stix2 *st)
{
	const struct rg_doc *d = st->doc;
	const struct rg_alert *al = &d->alert;
	if (!al->present)
		return;
	struct stix2_text t = {st->arena, NULL, 0, 0};
	stix2_kv(&t, "Rule", al->rule.s);
	stix2_kv(&t, "Time", stix2_ts(st, &al->time));
	stix2_kv(&t, "Severity", al->severity ? rg_level_names[al->severity] : NULL);
	stix2_kv(&t, "Type", al->type.s);
	stix2_kv(&t, "Source", stix2_address(st, al->source.s));
	stix2_kv(&t, "Destination", stix2_address(st, al->destination.s));
	stix2_kv(&t, "Subject", al->subject.s);
	stix2_kv(&t, "Trigger reason", al->trigger_reason.s);
	stix2_kv(&t, "Device action", al->device_action ? rg_device_action_names[al->device_action] : NULL);
	for (size_t i = 0; i < al->fields.n; i++)
		stix2_kv(&t, al->fields.v[i].key.s, stix2_address(st, al->fields.v[i].value.s));
	stix2_cat(&t, stix2_plain(st, al->assessment.s), false);
	const char *refs[] = {st->incident, NULL};
	stix2_note(st, "alert", al->rule.s, t.s, refs, d->report.tlp);
}

/* A section's text and the titles and text of its text blocks, as a note. */
static void stix2_section_note(struct stix2 *st, const char *key, const char *title,
                               const struct rg_section *s)
{
	if (!s->present)
		return;
	struct stix2_text t = {st->arena, NULL, 0, 0};
	stix2_cat(&t, stix2_plain(st, s->text.s), false);
	for (size_t i = 0; i < s->blocks.n; i++) {
		const struct rg_block *b = &s->blocks.v[i];
		if (b->kind != RG_BLOCK_TEXT)
			continue;
		stix2_cat(&t, b->title.s, false);
		stix2_cat(&t, stix2_plain(st, b->u.text.s), b->title.s != NULL);
	}
	const char *refs[] = {st->incident, NULL};
	stix2_note(st, key, title, t.s, refs, st->doc->report.tlp);
}

static void stix2_notes(struct stix2 *st)
{
	const struct rg_doc *d = st->doc;
	stix2_alert_note(st);
	stix2_section_note(st, "detection", "Detection", &d->detection);
	stix2_section_note(st, "verification", "Verification", &d->verification);
	stix2_section_note(st, "analysis", "Analysis", &d->analysis);
	stix2_section_note(st, "containment", "Containment", &d->containment.s);
	stix2_section_note(st, "eradication", "Eradication", &d->eradication);
	stix2_section_note(st, "recovery", "Recovery", &d->recovery);
	for (size_t i = 0; i < d->nsections; i++)
		stix2_section_note(st, rg_arena_printf(st->arena, "section\n%zu", i),
		                   d->sections[i].title.s, &d->sections[i].s);
	struct stix2_text t = {st->arena, NULL, 0, 0};
	for (size_t i = 0; i < d->ntimeline; i++) {
		const struct rg_event *e = d->timeline_sorted ? d->timeline_sorted[i] : &d->timeline[i];
		const char *when = stix2_ts(st, &e->time);
		const char *what = stix2_plain(st, e->event.s);
		stix2_cat(&t, rg_arena_printf(st->arena, "%s%s%s", when ? when : "", when ? " " : "",
		                              what ? what : ""), true);
	}
	const char *refs[] = {st->incident, NULL};
	stix2_note(st, "timeline", "Timeline", t.s, refs, d->report.tlp);
	t = (struct stix2_text){st->arena, NULL, 0, 0};
	for (size_t i = 0; i < d->lessons.n; i++)
		stix2_cat(&t, stix2_plain(st, d->lessons.v[i].s), false);
	stix2_note(st, "lessons", "Lessons learned", t.s, refs, d->report.tlp);
}

/* ------------------------------------------------------------------ */
/* Techniques, courses of action, assets                               */
/* ------------------------------------------------------------------ */

static cJSON *stix2_phase(const char *tactic)
{
	cJSON *p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "kill_chain_name", "mitre-attack");
	cJSON_AddStringToObject(p, "phase_name", tactic);
	return p;
}

/* Adds the technique's tactic to an attack-pattern already exported for the same id. */
static void stix2_more_phase(cJSON *o, const char *tactic)
{
	cJSON *phases = cJSON_GetObjectItemCaseSensitive(o, "kill_chain_phases"), *p;
	if (tactic == NULL)
		return;
	if (phases == NULL)
		phases = cJSON_AddArrayToObject(o, "kill_chain_phases");
	cJSON_ArrayForEach(p, phases)
		if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(p, "phase_name")), tactic) == 0)
			return;
	cJSON_AddItemToArray(phases, stix2_phase(tactic));
}

static void stix2_techniques(struct stix2 *st, const char ***ids, size_t *nids)
{
	const struct rg_doc *d = st->doc;
	*ids = rg_arena_alloc(st->arena, (d->nmitre + 1) * sizeof(**ids));
	*nids = 0;
	for (size_t i = 0; i < d->nmitre; i++) {
		const struct rg_technique *t = d->mitre_sorted ? d->mitre_sorted[i] : &d->mitre[i];
		const char *tid = t->id ? t->id : t->technique.s;
		const char *name = t->full_name ? t->full_name : stix2_nz(t->name.s) ? t->name.s : tid;
		if (stix2_nz(name) == NULL)
			continue;
		cJSON *o = stix2_sdo_new(st, "attack-pattern", tid ? tid : name);
		cJSON *old = stix2_get(st, cJSON_GetStringValue(cJSON_GetObjectItem(o, "id")));
		if (old != NULL) {
			stix2_more_phase(old, t->tactic_short);
			cJSON_Delete(o);
			continue;
		}
		cJSON_AddStringToObject(o, "name", name);
		stix2_str(o, "description", stix2_plain(st, t->comment.s));
		if (tid != NULL) {
			cJSON *refs = cJSON_AddArrayToObject(o, "external_references");
			cJSON_AddItemToArray(refs, stix2_extref("mitre-attack", tid, t->url, NULL));
		}
		if (t->tactic_short != NULL)
			cJSON_AddItemToArray(cJSON_AddArrayToObject(o, "kill_chain_phases"), stix2_phase(t->tactic_short));
		const char *id = stix2_add(st, o, d->report.tlp);
		(*ids)[(*nids)++] = id;
		stix2_rel(st, "uses", st->incident, id, NULL);
	}
}

/* The first line of plain text, cut at a space before 120 bytes: a course of action's name. */
static const char *stix2_headline(struct stix2 *st, const char *plain)
{
	size_t n = strcspn(plain, "\n");
	if (n > 120) {
		size_t cut = 120;
		while (cut > 40 && plain[cut] != ' ')
			cut--;
		if (plain[cut] != ' ') /* no space: back off to a UTF-8 boundary */
			for (cut = 120; cut > 0 && ((unsigned char)plain[cut] & 0xC0) == 0x80; cut--)
				;
		return rg_arena_printf(st->arena, "%.*s...", (int)cut, plain);
	}
	return rg_arena_strndup(st->arena, plain, n);
}

static const char *stix2_coa(struct stix2 *st, const char *identity, const char *action,
                             struct stix2_text *details)
{
	const char *plain = stix2_plain(st, action);
	if (plain == NULL)
		return NULL;
	cJSON *o = stix2_sdo_new(st, "course-of-action", identity);
	const char *name = stix2_headline(st, plain);
	cJSON_AddStringToObject(o, "name", name);
	struct stix2_text t = {st->arena, NULL, 0, 0};
	if (strcmp(name, plain) != 0)
		stix2_cat(&t, plain, false);
	stix2_cat(&t, details->s, false);
	stix2_str(o, "description", t.s);
	return stix2_add(st, o, st->doc->report.tlp);
}

static void stix2_courses(struct stix2 *st)
{
	const struct rg_doc *d = st->doc;
	for (size_t i = 0; i < d->nremediation; i++) {
		const struct rg_remediation *r = &d->remediation[i];
		struct stix2_text t = {st->arena, NULL, 0, 0};
		stix2_kv(&t, "Owner", r->owner.s);
		stix2_kv(&t, "Due", stix2_ts(st, &r->due));
		stix2_kv(&t, "Status", r->status ? rg_action_status_names[r->status] : NULL);
		stix2_kv(&t, "Note", r->note.s);
		stix2_coa(st, rg_arena_printf(st->arena, "remediation\n%zu", i), r->action.s, &t);
	}
	for (size_t i = 0; i < d->containment.nactions; i++) {
		const struct rg_action *a = &d->containment.actions[i];
		struct stix2_text t = {st->arena, NULL, 0, 0};
		stix2_kv(&t, "Phase", "containment");
		stix2_kv(&t, "Target", a->target.s);
		stix2_kv(&t, "Time", stix2_ts(st, &a->time));
		stix2_kv(&t, "By", a->by.s);
		stix2_kv(&t, "Status", a->status ? rg_action_status_names[a->status] : NULL);
		stix2_kv(&t, "Note", a->note.s);
		const char *coa = stix2_coa(st, rg_arena_printf(st->arena, "containment\n%zu", i), a->action.s, &t);
		const struct rg_asset *as = a->target_asset;
		if (coa && as && as >= d->assets && as < d->assets + d->nassets)
			stix2_rel(st, "related-to", coa, st->assets[as - d->assets], "target of the action");
	}
}

static void stix2_assets(struct stix2 *st)
{
	const struct rg_doc *d = st->doc;
	st->assets = rg_arena_alloc(st->arena, (d->nassets + 1) * sizeof(*st->assets));
	for (size_t i = 0; i < d->nassets; i++) {
		const struct rg_asset *a = &d->assets[i];
		if (stix2_nz(a->name.s) == NULL)
			continue;
		cJSON *o = stix2_sdo_new(st, "identity", rg_arena_printf(st->arena, "asset\n%s", a->name.s));
		cJSON_AddStringToObject(o, "name", a->name.s);
		struct stix2_text t = {st->arena, NULL, 0, 0};
		stix2_kv(&t, "Kind", a->kind ? rg_asset_kind_names[a->kind] : NULL);
		for (size_t k = 0; k < a->ip.n; k++)
			stix2_kv(&t, "IP", stix2_address(st, a->ip.v[k].s));
		stix2_kv(&t, "Domain", a->domain.s);
		stix2_kv(&t, "OS", a->os.s);
		stix2_kv(&t, "Bits", a->bits.s);
		stix2_kv(&t, "Role", a->role.s);
		stix2_kv(&t, "Primary user", a->primary_user.s);
		stix2_kv(&t, "Last login", stix2_ts(st, &a->last_login));
		stix2_kv(&t, "Status", a->status ? rg_asset_status_names[a->status] : NULL);
		stix2_pairs(st, &t, &a->facts);
		stix2_str(o, "description", t.s);
		cJSON_AddStringToObject(o, "identity_class", a->kind == RG_KIND_ACCOUNT ? "individual" : "system");
		const char *id = stix2_add(st, o, d->report.tlp);
		st->assets[i] = id;
		stix2_rel(st, "related-to", st->incident, id,
		          a->status ? rg_arena_printf(st->arena, "asset of the incident (%s)",
		                                      rg_asset_status_names[a->status]) : "asset of the incident");
	}
}

/* ------------------------------------------------------------------ */
/* Markings, bundle, render                                            */
/* ------------------------------------------------------------------ */

static cJSON *stix2_marking(enum rg_tlp tlp)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "marking-definition");
	cJSON_AddStringToObject(o, "spec_version", "2.1");
	cJSON_AddStringToObject(o, "id", stix2_tlp_ids[tlp]);
	cJSON_AddStringToObject(o, "created", "2022-10-01T00:00:00.000Z");
	cJSON_AddStringToObject(o, "name", stix2_tlp_names[tlp]);
	cJSON *ext = cJSON_AddObjectToObject(cJSON_AddObjectToObject(o, "extensions"), STIX2_TLP_EXTENSION);
	cJSON_AddStringToObject(ext, "extension_type", "property-extension");
	cJSON_AddStringToObject(ext, "tlp_2_0", rg_tlp_names[tlp]);
	return o;
}

/* The report's types: "incident", then the report-type-ov words for what it carries. */
static void stix2_report_types(struct stix2 *st, cJSON *report)
{
	static const char *const kinds[] = {"attack-pattern", "indicator", "observed-data", "vulnerability"};
	cJSON *types = cJSON_GetObjectItemCaseSensitive(report, "report_types");
	stix2_push_str(types, "incident");
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		size_t len = strlen(kinds[k]);
		for (size_t i = 0; i < st->n; i++) {
			if (strncmp(st->v[i].id, kinds[k], len) == 0 && st->v[i].id[len] == '-') {
				stix2_push_str(types, kinds[k]);
				break;
			}
		}
	}
}

/* Adds the report's object_refs (every other object) and report_types; returns which TLP
 * markings the objects use. */
static void stix2_finish_report(struct stix2 *st, cJSON *report, bool used[RG_TLP_RED + 1])
{
	cJSON *refs = cJSON_AddArrayToObject(report, "object_refs");
	for (size_t i = 0; i < st->n; i++) {
		if (st->v[i].tlp > RG_TLP_NONE && st->v[i].tlp <= RG_TLP_RED)
			used[st->v[i].tlp] = true;
		if (st->v[i].json != report)
			stix2_push_str(refs, st->v[i].id);
	}
	stix2_report_types(st, report);
}

/* Writes one object of the bundle's objects array exactly as cJSON_Print would print it
 * inside the whole bundle (two more tabs after each line break), then frees it. */
static bool stix2_write_obj(FILE *fp, cJSON *o, bool first)
{
	char *text = cJSON_Print(o);
	bool ok = text != NULL && (first || fputs(", ", fp) != EOF);
	for (const char *p = text; ok && *p != '\0';) {
		size_t n = strcspn(p, "\n");
		ok = fwrite(p, 1, n, fp) == n && (p[n] == '\0' || fputs("\n\t\t", fp) != EOF);
		p += n + (p[n] != '\0');
	}
	cJSON_free(text);
	cJSON_Delete(o);
	return ok;
}

/* Writes the bundle: the TLP marking definitions in use first, then the objects in creation
 * order, each with its object_marking_refs. Each object is printed and freed in turn, so
 * the text of the whole bundle is never held in memory; the bytes are those cJSON_Print
 * gives for the whole tree. */
static bool stix2_write(struct stix2 *st, cJSON *report, FILE *fp)
{
	bool used[RG_TLP_RED + 1] = {false}, first = true, ok;
	stix2_finish_report(st, report, used);
	if (st->spill != NULL && (fflush(st->spill) != 0 || ferror(st->spill) || fseeko(st->spill, 0, SEEK_SET) != 0))
		return false;
	cJSON *bid = cJSON_CreateString(stix2_sdo_id(st, "bundle", ""));
	char *id = cJSON_PrintUnformatted(bid);
	cJSON_Delete(bid);
	ok = id != NULL && fprintf(fp, "{\n\t\"type\":\t\"bundle\",\n\t\"id\":\t%s,\n\t\"objects\":\t[", id) > 0;
	cJSON_free(id);
	for (int t = RG_TLP_CLEAR; ok && t <= RG_TLP_RED; t++) {
		if (!used[t])
			continue;
		ok = stix2_write_obj(fp, stix2_marking((enum rg_tlp)t), first);
		first = false;
	}
	for (size_t i = 0; ok && i < st->n; i++) {
		struct stix2_obj *o = &st->v[i];
		cJSON *tree = stix2_tree(st, o, true);
		o->json = NULL;
		cJSON_free(o->packed);
		o->packed = NULL;
		if (tree == NULL) /* the spill file could not be read back */
			return false;
		if (o->tlp > RG_TLP_NONE && o->tlp <= RG_TLP_RED)
			stix2_push_str(cJSON_AddArrayToObject(tree, "object_marking_refs"), stix2_tlp_ids[o->tlp]);
		ok = stix2_write_obj(fp, tree, first);
		first = false;
	}
	return ok && fputs("]\n}\n", fp) != EOF && fflush(fp) != EOF;
}

/* Builds every object of the document into the registry; returns the report object. */
static cJSON *stix2_build(struct stix2 *st)
{
	stix2_identity(st);
	cJSON *report = stix2_report(st);
	stix2_incident(st);
	stix2_notes(st);
	const char **techs;
	size_t ntech;
	stix2_techniques(st, &techs, &ntech);
	stix2_observables(st, techs, ntech);
	stix2_assets(st);
	stix2_courses(st);
	return report;
}

static void *stix2_malloc(size_t n)
{
	return rg_xmalloc(n);
}

static int stix2_render(const struct rg_doc *doc, const struct rg_render_opts *opts, FILE *fp)
{
	/* cJSON allocates through the one allocation wrapper: out of memory exits 3. */
	cJSON_Hooks hooks = {stix2_malloc, free};
	cJSON_InitHooks(&hooks);
	struct stix2 st = {.doc = doc, .opts = opts, .arena = rg_arena_new(), .ids = rg_arena_new(),
	                   .spill = tmpfile()};
	st.stamp = export_utc(st.arena, export_epoch(doc, opts), 0, true);
	st.withheld = export_withheld_new(st.arena, doc, opts);
	int rc = 0;
	if (!stix2_write(&st, stix2_build(&st), fp)) {
		if (opts->diags != NULL)
			rg_diag(opts->diags, doc->file, (struct rg_pos){0, 0}, RG_F_IO, "",
			        "cannot write the STIX 2.1 bundle: %s", strerror(errno));
		rc = 3;
	}
	for (size_t i = 0; i < st.n; i++) {
		cJSON_Delete(st.v[i].json);
		cJSON_free(st.v[i].packed);
	}
	free(st.v);
	free(st.slots);
	rg_arena_free(st.arena);
	rg_arena_free(st.ids);
	if (st.spill != NULL)
		fclose(st.spill);
	return rc;
}

const struct rg_format format_stix2 = {"stix2", ".stix.json", true, false, stix2_render, false, NULL};
