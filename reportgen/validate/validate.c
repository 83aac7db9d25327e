/* validate.c: the one place for semantic checks; fills the resolved and derived fields. */
#define _GNU_SOURCE /* qsort_r */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "imghdr.h"
#include "ioc.h"
#include "ioc_suspect.h"
#include "validate.h"
#include "suggest.h"
#include "timeparse.h"
#include "utf8.h"

#define VAL_PATH_MAX 512
#define VAL_LIST_MAX 8 /* names listed in a message before "..." */

/* ------------------------------------------------------------------ */
/* report                                                              */
/* ------------------------------------------------------------------ */

static void val_report_date(struct val *v)
{
	struct rg_report *r = &v->doc->report;
	if (r->date.prec != RG_TIME_ABSENT)
		return;
	if (v->doc->alert.time.prec != RG_TIME_ABSENT) {
		r->date = v->doc->alert.time;
		return;
	}
	if (r->pos.line > 0) /* an absent report was reported by the loader */
		val_report(v, r->pos, RG_E_MISSING_KEY, "report",
		           "missing required key \"date\"; add \"date: 2024-09-17\" (it may be "
		           "left out "
		           "when alert.time is given)");
}

/* ------------------------------------------------------------------ */
/* assets                                                              */
/* ------------------------------------------------------------------ */

static int val_asset_cmp(const void *a, const void *b)
{
	const struct rg_asset *x = *(const struct rg_asset *const *)a,
	                      *y = *(const struct rg_asset *const *)b;
	int c = strcmp(x->name.s, y->name.s);
	return c != 0 ? c : (x < y ? -1 : x > y);
}

/* The first asset (in file order) named name, or NULL. */
static const struct rg_asset *val_asset_find(const struct val *v, const char *name)
{
	size_t lo = 0, hi = v->nassets;
	if (name == NULL)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(v->assets[mid]->name.s, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < v->nassets && strcmp(v->assets[lo]->name.s, name) == 0 ? v->assets[lo] : NULL;
}

/* "known assets: a, b, c" or "no assets are defined"; arena string. */
static const char *val_asset_list(const struct val *v)
{
	const struct rg_doc *doc = v->doc;
	const char *s = NULL;
	size_t shown = 0;
	for (size_t i = 0; i < doc->nassets; i++) {
		const char *name = doc->assets[i].name.s;
		if (name == NULL || val_asset_find(v, name) != &doc->assets[i])
			continue; /* unnamed, or a duplicate name already listed */
		if (shown++ == VAL_LIST_MAX)
			return rg_arena_printf(doc->arena, "%s, ...", s);
		name = ioc_quote(doc->arena, name);
		s = s ? rg_arena_printf(doc->arena, "%s, %s", s, name)
		      : rg_arena_printf(doc->arena, "known assets: %s", name);
	}
	return s ? s : "no assets are defined";
}

static void val_assets(struct val *v)
{
	struct rg_doc *doc = v->doc;
	char path[VAL_PATH_MAX];
	v->assets = rg_arena_alloc(doc->arena, (doc->nassets + 1) * sizeof(*v->assets));
	for (size_t i = 0; i < doc->nassets; i++) {
		struct rg_asset *a = &doc->assets[i];
		if (a->kind == RG_KIND_NONE)
			a->kind = RG_KIND_HOST;
		if (a->name.s == NULL && a->ip.n > 0 && a->ip.v[0].s != NULL)
			a->name = a->ip.v[0];
		if (a->name.s == NULL) {
			/* with neither key the loader has reported it; an empty ip list is ours */
			snprintf(path, sizeof(path), "assets[%zu].ip", i);
			if (a->ip.pos.line > 0)
				val_report(v, a->ip.pos, RG_E_MISSING_KEY, path,
				           "an asset needs a name or an ip; this ip list is empty "
				           "and there is no name");
			continue;
		}
		v->assets[v->nassets++] = a;
	}
	qsort(v->assets, v->nassets, sizeof(*v->assets), val_asset_cmp);
	for (size_t i = 1, run = 0; i < v->nassets; i++) {
		const struct rg_asset *a = v->assets[i], *first = v->assets[run];
		if (strcmp(a->name.s, first->name.s) != 0) {
			run = i;
			continue;
		}
		bool from_ip = a->ip.n > 0 && a->name.s == a->ip.v[0].s;
		snprintf(path, sizeof(path), "assets[%zu].%s", (size_t)(a - doc->assets),
		         from_ip ? "ip" : "name");
		val_report(v, a->name.pos, RG_E_DUP_ASSET, path,
		           "asset name %s%s is already used by assets[%zu] (line %d); asset names "
		           "are unique",
		           ioc_quote(doc->arena, a->name.s), from_ip ? " (its first ip)" : "",
		           (size_t)(first - doc->assets), first->name.pos.line);
	}
}

/* ------------------------------------------------------------------ */
/* emails                                                              */
/* ------------------------------------------------------------------ */

/* An attachment hash that is not hex of its length would reach the exports as a bad hash. */
static void val_hash(struct val *v, const struct rg_text *t, enum rg_ioc_type type,
                     const char *path)
{
	if (t->s == NULL)
		return;
	const char *msg = ioc_check(v->doc->arena, type, t->s, NULL, NULL);
	if (msg != NULL)
		val_report(v, t->pos, RG_E_VALUE, path, "%s", msg);
}

static void val_emails(struct val *v)
{
	char path[VAL_PATH_MAX];
	for (size_t i = 0; i < v->doc->nemails; i++) {
		const struct rg_email *e = &v->doc->emails[i];
		for (size_t k = 0; k < e->nattachments; k++) {
			struct rg_attachment *at = &e->attachments[k];
			snprintf(path, sizeof(path), "emails[%zu].attachments[%zu].md5", i, k);
			val_hash(v, &at->md5, RG_IOC_MD5, path);
			snprintf(path, sizeof(path), "emails[%zu].attachments[%zu].sha1", i, k);
			val_hash(v, &at->sha1, RG_IOC_SHA1, path);
			snprintf(path, sizeof(path), "emails[%zu].attachments[%zu].sha256", i, k);
			val_hash(v, &at->sha256, RG_IOC_SHA256, path);
			snprintf(path, sizeof(path), "emails[%zu].attachments[%zu]", i, k);
			val_attachment_file(v, at, path);
		}
	}
}

/* ------------------------------------------------------------------ */
/* blocks                                                              */
/* ------------------------------------------------------------------ */

/* Holds a confined image to the caps from its header (imghdr.c): per image, and for the
 * distinct images of the document together. Returns the problem or NULL. */
static const char *val_image_header(struct val *v, const char *shown, const char *real)
{
	struct rg_arena *ar = v->doc->arena;
	struct img_info info;
	char why[256];
	if (!img_probe(real, &info, why, sizeof(why)))
		return info.kind == IMG_UNKNOWN
		               ? rg_arena_printf(ar, "image %s is not a PNG or JPEG file", shown)
		               : rg_arena_printf(ar, "image %s: %s", shown, why);
	for (size_t i = 0; i < v->nimages; i++)
		if (strcmp(v->images[i], real) == 0)
			return NULL;
	v->images = rg_xrealloc(v->images, (v->nimages + 1) * sizeof(*v->images));
	v->images[v->nimages++] = rg_arena_strdup(ar, real);
	v->image_pixels += (uint64_t)info.width * info.height;
	if (v->image_pixels > IMG_MAX_DOC_PIXELS)
		return rg_arena_printf(
		        ar,
		        "image %s: the document's images add up to %llu pixels, over "
		        "the cap of %u pixels a document",
		        shown, (unsigned long long)v->image_pixels, IMG_MAX_DOC_PIXELS);
	return NULL;
}

/* Resolves an image path inside the incident file's folder tree; returns the problem or NULL
 * and sets img->resolved. */
static const char *val_image_path(struct val *v, struct rg_image *img)
{
	const char *real, *why;
	int err;
	why = val_confine(v, img->path.s, "image",
	                  "expected a path to a PNG or JPEG file; got an empty string", &real,
	                  &err);
	if (why == NULL &&
	    (why = val_image_header(v, ioc_quote(v->doc->arena, img->path.s), real)) == NULL)
		img->resolved = real;
	return why;
}

static void val_blocks(struct val *v, struct rg_blocks *bs, const char *up)
{
	char path[VAL_PATH_MAX];
	for (size_t i = 0; i < bs->n; i++) {
		struct rg_block *b = &bs->v[i];
		const char *why;
		size_t nemails = v->doc->nemails;
		switch (b->kind) {
		case RG_BLOCK_ASSET:
			b->u.asset.ref = val_asset_find(v, b->u.asset.name.s);
			if (b->u.asset.ref != NULL || b->u.asset.name.s == NULL)
				break;
			snprintf(path, sizeof(path), "%s.blocks[%zu].asset", up, i);
			val_report(v, b->u.asset.name.pos, RG_E_UNKNOWN_ASSET, path,
			           "unknown asset %s; %s",
			           ioc_quote(v->doc->arena, b->u.asset.name.s), val_asset_list(v));
			break;
		case RG_BLOCK_EMAIL:
			if (b->u.email.index >= 0 && (size_t)b->u.email.index < nemails)
				b->u.email.ref = &v->doc->emails[b->u.email.index];
			if (b->u.email.index < 0 || b->u.email.ref != NULL)
				break; /* a negative index is a loader error, already reported */
			snprintf(path, sizeof(path), "%s.blocks[%zu].email", up, i);
			if (nemails == 0)
				val_report(v, b->u.email.pos, RG_E_UNKNOWN_EMAIL, path,
				           "email index %ld is out of range: there are no emails",
				           b->u.email.index);
			else
				val_report(v, b->u.email.pos, RG_E_UNKNOWN_EMAIL, path,
				           "email index %ld is out of range: emails has %zu %s (0 "
				           "to %zu)",
				           b->u.email.index, nemails,
				           nemails == 1 ? "entry" : "entries", nemails - 1);
			break;
		case RG_BLOCK_IMAGE:
			if (b->u.image.path.s == NULL)
				break;
			snprintf(path, sizeof(path), "%s.blocks[%zu].image.path", up, i);
			b->u.image.key = rg_arena_strdup(v->doc->arena, path);
			if ((why = val_image_path(v, &b->u.image)) != NULL)
				val_report(v, b->u.image.path.pos, RG_E_IMAGE, path, "%s", why);
			val_image_digest(v, &b->u.image, path);
			break;
		case RG_BLOCK_GROUP:
			snprintf(path, sizeof(path), "%s.blocks[%zu]", up, i);
			val_blocks(v, &b->u.group, path);
			break;
		default:
			break;
		}
	}
}

/* Marks the blocks with nothing to show (rg_block.empty); warns about groups and titled
 * blocks among them, whose heading would stand over nothing. Returns whether every block is
 * empty. */
static bool val_empty_blocks(struct val *v, struct rg_blocks *bs, const char *up)
{
	char path[VAL_PATH_MAX];
	bool all = true;
	for (size_t i = 0; i < bs->n; i++) {
		struct rg_block *b = &bs->v[i];
		snprintf(path, sizeof(path), "%s.blocks[%zu]", up, i);
		switch (b->kind) {
		case RG_BLOCK_TEXT:
		case RG_BLOCK_CODE:
			b->empty = b->u.text.s == NULL ||
			           b->u.text.s[strspn(b->u.text.s, " \t\r\n")] == 0;
			break;
		case RG_BLOCK_FACTS:
			b->empty = b->u.facts.n == 0;
			break;
		case RG_BLOCK_LIST:
			b->empty = b->u.list.n == 0;
			break;
		case RG_BLOCK_GROUP:
			b->empty = val_empty_blocks(v, &b->u.group, path);
			break;
		default:
			break;
		}
		if (b->empty && (b->kind == RG_BLOCK_GROUP || b->title.s != NULL))
			val_report(v, b->pos, RG_W_EMPTY_SECTION, path,
			           "%s has nothing to show and is left out of the PDF; give it "
			           "content "
			           "or remove it",
			           b->title.s != NULL ? ioc_quote(v->doc->arena, b->title.s)
			                              : "this group");
		all = all && b->empty;
	}
	return all;
}

/* A present section with no text and nothing to show in its blocks (nor actions, passed as
 * extra) is left out (rg_section.empty), with a warning at the section. */
static void val_empty_section(struct val *v, struct rg_section *s, const char *path, bool extra)
{
	if (!s->present)
		return;
	bool blocks = val_empty_blocks(v, &s->blocks, path);
	bool text = s->text.s != NULL && s->text.s[strspn(s->text.s, " \t\r\n")] != 0;
	s->empty = blocks && !text && !extra;
	if (s->empty)
		val_report(v, s->pos, RG_W_EMPTY_SECTION, path,
		           "section %s has nothing to show and is left out of the PDF; give it "
		           "text or blocks, or remove it",
		           path);
}

static void val_sections(struct val *v)
{
	struct rg_doc *doc = v->doc;
	char path[VAL_PATH_MAX];
	val_blocks(v, &doc->detection.blocks, "detection");
	val_blocks(v, &doc->verification.blocks, "verification");
	val_blocks(v, &doc->analysis.blocks, "analysis");
	val_blocks(v, &doc->containment.s.blocks, "containment");
	val_blocks(v, &doc->eradication.blocks, "eradication");
	val_blocks(v, &doc->recovery.blocks, "recovery");
	val_empty_section(v, &doc->detection, "detection", false);
	val_empty_section(v, &doc->verification, "verification", false);
	val_empty_section(v, &doc->analysis, "analysis", false);
	val_empty_section(v, &doc->containment.s, "containment", doc->containment.nactions > 0);
	val_empty_section(v, &doc->eradication, "eradication", false);
	val_empty_section(v, &doc->recovery, "recovery", false);
	for (size_t i = 0; i < doc->nsections; i++) {
		snprintf(path, sizeof(path), "sections[%zu]", i);
		val_blocks(v, &doc->sections[i].s.blocks, path);
		val_empty_section(v, &doc->sections[i].s, path, false);
	}
	/* a target that is no asset is free text */
	for (size_t i = 0; i < doc->containment.nactions; i++)
		doc->containment.actions[i].target_asset =
		        val_asset_find(v, doc->containment.actions[i].target.s);
}

/* ------------------------------------------------------------------ */
/* timeline and remediation                                            */
/* ------------------------------------------------------------------ */

static bool val_has_time(const struct rg_time *t)
{
	return t->prec != RG_TIME_ABSENT && t->prec != RG_TIME_UNKNOWN;
}

static int val_event_cmp(const void *a, const void *b)
{
	const struct rg_event *x = *(const struct rg_event *const *)a,
	                      *y = *(const struct rg_event *const *)b;
	if (x->time.utc != y->time.utc)
		return x->time.utc < y->time.utc ? -1 : 1;
	if (x->time.nsec != y->time.nsec)
		return x->time.nsec < y->time.nsec ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* A time the loader could not read (already an error) rather than "unknown" or absent. */
static bool val_time_unreadable(const struct rg_time *t)
{
	return t->prec == RG_TIME_UNKNOWN && t->raw != NULL && strcasecmp(t->raw, "unknown") != 0;
}

/* Some events have a time and some do not, so the timeline keeps file order: a warning at the
 * first untimed event says so and what to write (none after a time that is already an error). */
static void val_timeline_unsorted(struct val *v)
{
	const struct rg_doc *doc = v->doc;
	size_t ntimed = 0, first = doc->ntimeline;
	for (size_t i = 0; i < doc->ntimeline; i++) {
		const struct rg_time *t = &doc->timeline[i].time;
		if (val_time_unreadable(t))
			return;
		if (val_has_time(t))
			ntimed++;
		else if (first == doc->ntimeline)
			first = i;
	}
	if (ntimed == 0 || first == doc->ntimeline)
		return;
	const struct rg_event *e = &doc->timeline[first];
	char path[VAL_PATH_MAX];
	bool unknown = e->time.prec == RG_TIME_UNKNOWN;
	snprintf(path, sizeof(path), "timeline[%zu]%s", first, unknown ? ".time" : "");
	val_report(v, unknown ? e->time.pos : e->pos, RG_W_TIMELINE_UNSORTED, path,
	           "%s, so the timeline is shown in file order, not sorted by time (%zu of %zu "
	           "events have a time); give every event a time (a date such as 2024-09-18 is "
	           "enough) to sort it",
	           unknown ? "this event's time is unknown" : "this event has no time", ntimed,
	           doc->ntimeline);
}

static void val_timeline(struct val *v)
{
	struct rg_doc *doc = v->doc;
	char path[VAL_PATH_MAX];
	bool all_timed = true;
	const struct rg_event **sorted =
	        rg_arena_alloc(doc->arena, (doc->ntimeline + 1) * sizeof(*sorted));
	for (size_t i = 0; i < doc->ntimeline; i++) {
		struct rg_event *e = &doc->timeline[i];
		sorted[i] = e;
		all_timed = all_timed && val_has_time(&e->time);
		if (e->asset.s == NULL || (e->asset_ref = val_asset_find(v, e->asset.s)) != NULL)
			continue;
		snprintf(path, sizeof(path), "timeline[%zu].asset", i);
		val_report(v, e->asset.pos, RG_W_UNKNOWN_EVENT_ASSET, path, "unknown asset %s; %s",
		           ioc_quote(doc->arena, e->asset.s), val_asset_list(v));
	}
	/* naive times hold their wall time in utc, so one key orders both kinds */
	if (all_timed)
		qsort(sorted, doc->ntimeline, sizeof(*sorted), val_event_cmp);
	else
		val_timeline_unsorted(v);
	doc->timeline_sorted = sorted;
	for (size_t i = 0; i < doc->nremediation; i++) {
		const struct rg_remediation *r = &doc->remediation[i];
		if (r->is_action && (r->owner.s != NULL || r->due.prec != RG_TIME_ABSENT ||
		                     r->status != RG_ASTAT_NONE))
			doc->remediation_table = true;
	}
}

/* ------------------------------------------------------------------ */
/* artifacts                                                           */
/* ------------------------------------------------------------------ */

/* qsort_r comparators of artifact indexes; ctx is the artifact array. */
static int val_art_value_cmp(const void *a, const void *b, void *ctx)
{
	const struct rg_artifact *arts = ctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(arts[i].refanged, arts[j].refanged);
	return c != 0 ? c : (i < j ? -1 : i > j);
}

static int val_art_dup_cmp(const void *a, const void *b, void *ctx)
{
	const struct rg_artifact *arts = ctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const struct rg_artifact *x = &arts[i], *y = &arts[j];
	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	int c = ioc_type_info(x->type)->nocase ? strcasecmp(x->refanged, y->refanged)
	                                       : strcmp(x->refanged, y->refanged);
	return c != 0 ? c : (i < j ? -1 : i > j);
}

static void val_artifact(struct val *v, size_t i)
{
	struct rg_doc *doc = v->doc;
	struct rg_artifact *a = &doc->artifacts[i];
	char path[VAL_PATH_MAX];
	snprintf(path, sizeof(path), "artifacts[%zu].value", i);
	if (a->disposition == RG_DISP_NONE)
		a->disposition = doc->report.verdict == RG_VERDICT_FALSE_POSITIVE ||
		                                 doc->report.verdict == RG_VERDICT_BENIGN
		                         ? RG_DISP_BENIGN
		                         : RG_DISP_MALICIOUS;
	if (a->value.s == NULL)
		return; /* missing: reported by the loader */
	a->refanged = ioc_refang(doc->arena, a->value.s);
	/* counted in the value as written, which is what the reader has in front of them */
	long hidden = ioc_hidden_char(a->value.s);
	if (hidden >= 0)
		val_report(v, a->value.pos, RG_W_HIDDEN_CHARS, path,
		           "the value holds the invisible character %s (character %zu); such "
		           "characters "
		           "hide the real indicator",
		           ioc_hidden_char_name(a->value.s + hidden),
		           utf8_count(a->value.s, (size_t)hidden) + 1);
	if (a->type == RG_IOC_NONE) {
		a->type = ioc_infer(a->refanged);
		a->type_inferred = true;
	}
	struct ioc_suspect sus;
	if (a->type_inferred && a->type == RG_IOC_STRING &&
	    ioc_suspect(doc->arena, a->refanged, &sus))
		val_report(v, a->value.pos, RG_W_MALFORMED_INDICATOR, path,
		           "typed string (it fits no indicator type), but it looks like %s; "
		           "%s",
		           sus.looks, sus.advice);
	const char *msg =
	        ioc_check(doc->arena, a->type, a->refanged, &a->idn_ascii, &a->idn_unicode);
	if (msg != NULL)
		val_report(v, a->value.pos, RG_E_ARTIFACT_VALUE, path, "%s%s%s", msg,
		           a->type_inferred ? "; the type was inferred as " : "",
		           a->type_inferred ? rg_ioc_type_names[a->type] : "");
	v->arts[v->narts++] = i;
}

static void val_duplicates(struct val *v)
{
	const struct rg_doc *doc = v->doc;
	char path[VAL_PATH_MAX];
	size_t *idx = rg_xmalloc((v->narts + 1) * sizeof(*idx));
	memcpy(idx, v->arts, v->narts * sizeof(*idx));
	qsort_r(idx, v->narts, sizeof(*idx), val_art_dup_cmp, doc->artifacts);
	for (size_t k = 1, first = 0; k < v->narts; k++) {
		const struct rg_artifact *a = &doc->artifacts[idx[k]],
		                         *f = &doc->artifacts[idx[first]];
		bool same = a->type == f->type && (ioc_type_info(a->type)->nocase
		                                           ? strcasecmp(a->refanged, f->refanged)
		                                           : strcmp(a->refanged, f->refanged)) == 0;
		if (!same) {
			first = k;
			continue;
		}
		snprintf(path, sizeof(path), "artifacts[%zu].value", idx[k]);
		val_report(v, a->value.pos, RG_W_DUP_ARTIFACT, path,
		           "duplicate artifact: artifacts[%zu] (line %d) has the same %s %s",
		           idx[first], f->value.pos.line, rg_ioc_type_names[a->type],
		           ioc_quote(doc->arena, a->refanged));
	}
	free(idx);
	qsort_r(v->arts, v->narts, sizeof(*v->arts), val_art_value_cmp, doc->artifacts);
}

/* The first artifact other than self whose refanged value is value, or NULL. */
static const struct rg_artifact *val_artifact_find(const struct val *v, const char *value,
                                                   size_t self)
{
	const struct rg_artifact *arts = v->doc->artifacts;
	size_t lo = 0, hi = v->narts;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(arts[v->arts[mid]].refanged, value) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < v->narts && strcmp(arts[v->arts[lo]].refanged, value) == 0; lo++)
		if (v->arts[lo] != self)
			return &arts[v->arts[lo]];
	return NULL;
}

/* The NULL-terminated names joined with ", ", in the arena: the list of a message. */
static const char *val_join(struct rg_arena *ar, const char *const *names)
{
	size_t len = 1;
	for (size_t k = 0; names[k] != NULL; k++)
		len += strlen(names[k]) + 2;
	char *out = rg_arena_alloc(ar, len), *o = out;
	*o = '\0';
	for (size_t k = 0; names[k] != NULL; k++)
		o = stpcpy(stpcpy(o, k > 0 ? ", " : ""), names[k]);
	return out;
}

/* Parses a relation the loader did not (a document built by a caller) into r->kind, spelling
 * it as the table does; reports one that is not in rg_relation_names. */
static void val_relation(struct val *v, struct rg_related *r, const char *path)
{
	const char *const *names = rg_relation_names + 1;
	size_t n = 0;
	if (r->kind != RG_REL_NONE)
		return;
	for (; names[n] != NULL; n++)
		if (strcasecmp(r->relation.s, names[n]) == 0) {
			r->kind = (enum rg_relation)(n + 1);
			r->relation.s = names[n];
			return;
		}
	const char *hint = suggest_name(r->relation.s, names, n);
	val_report(v, r->relation.pos, RG_E_ENUM, path, "expected one of %s; got %s%s%s%s",
	           val_join(v->doc->arena, names), ioc_quote(v->doc->arena, r->relation.s),
	           hint ? " (did you mean \"" : "", hint ? hint : "", hint ? "\"?)" : "");
}

static void val_related(struct val *v, size_t i)
{
	struct rg_doc *doc = v->doc;
	struct rg_artifact *a = &doc->artifacts[i];
	char path[VAL_PATH_MAX];
	for (size_t k = 0; k < a->nrelated; k++) {
		struct rg_related *r = &a->related[k];
		if (r->relation.s != NULL) {
			snprintf(path, sizeof(path), "artifacts[%zu].related[%zu].relation", i, k);
			val_relation(v, r, path);
		}
		if (r->value.s == NULL)
			continue;
		const char *want = ioc_refang(doc->arena, r->value.s);
		if ((r->ref = val_artifact_find(v, want, i)) != NULL)
			continue;
		snprintf(path, sizeof(path), "artifacts[%zu].related[%zu].value", i, k);
		bool self = a->refanged != NULL && strcmp(a->refanged, want) == 0;
		val_report(v, r->value.pos, RG_E_UNKNOWN_RELATED, path,
		           "%s is not the value of another artifact%s", ioc_quote(doc->arena, want),
		           self ? " (an artifact cannot relate to itself)"
		                : "; add it to artifacts");
	}
}

static void val_artifacts(struct val *v)
{
	struct rg_doc *doc = v->doc;
	v->arts = rg_arena_alloc(doc->arena, (doc->nartifacts + 1) * sizeof(*v->arts));
	for (size_t i = 0; i < doc->nartifacts; i++)
		val_artifact(v, i);
	val_duplicates(v);
	for (size_t i = 0; i < doc->nartifacts; i++)
		val_related(v, i);
}

/* ------------------------------------------------------------------ */
/* entry point                                                         */
/* ------------------------------------------------------------------ */

bool rg_validate(struct rg_doc *doc, struct rg_diags *diags)
{
	struct val v = {.doc = doc, .diags = diags};
	size_t before = diags->n;
	if (doc->zone == NULL) { /* a document built without the loader */
		struct zone *z = rg_arena_alloc(doc->arena, sizeof(*z));
		zone_utc(z);
		doc->zone = z;
	}
	val_report_date(&v);
	val_review(&v);
	val_assets(&v);
	val_emails(&v);
	val_sections(&v);
	val_timeline(&v);
	val_artifacts(&v);
	val_objects(&v);
	val_mitre(&v);
	val_marks(&v);
	val_metrics(&v); /* after the markings: a milestone keeps the one of what set it */
	free(v.images);
	for (size_t i = before; i < diags->n; i++)
		if (diags->v[i].sev >= RG_SEV_ERROR)
			return false;
	return true;
}
