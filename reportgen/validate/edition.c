/* edition.c: the edition of a document filtered to a TLP level, the one place where portions
 * are withheld: every back end renders what this keeps. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reportgen.h"

struct ed {
	const struct rg_doc *src;
	struct rg_doc *e;
	struct rg_arena *arena;
	enum rg_tlp max;
	size_t *asset_map, *email_map; /* old index -> new index, SIZE_MAX when withheld */
	size_t kept;                   /* portions kept */
	unsigned present;
	enum rg_tlp overall;
};

static bool ed_allowed(const struct ed *x, enum rg_tlp t)
{
	return t == RG_TLP_NONE || t <= x->max;
}

/* Whether a portion is kept; counts it when it is. */
static bool ed_keep(struct ed *x, const struct rg_mark *m)
{
	if (!ed_allowed(x, m->eff))
		return false;
	x->kept++;
	x->present |= 1u << m->eff;
	if (m->eff > x->overall)
		x->overall = m->eff;
	return true;
}

static const char *ed_value(const struct rg_artifact *a)
{
	return a->refanged ? a->refanged : a->value.s;
}

static int ed_art_cmp(const void *a, const void *b)
{
	return strcmp(ed_value(*(const struct rg_artifact *const *)a),
	              ed_value(*(const struct rg_artifact *const *)b));
}

static bool ed_is_withheld(const struct rg_doc *e, const char *value)
{
	if (value == NULL || e->nwithheld == 0)
		return false;
	struct rg_artifact key = {.refanged = value};
	const struct rg_artifact *kp = &key;
	return bsearch(&kp, e->withheld, e->nwithheld, sizeof(*e->withheld), ed_art_cmp) != NULL;
}

static size_t *ed_map(struct ed *x, size_t n)
{
	size_t *m = rg_arena_alloc(x->arena, (n + 1) * sizeof(*m));
	for (size_t i = 0; i <= n; i++)
		m[i] = SIZE_MAX;
	return m;
}

/* Artifacts: a value withheld once is withheld everywhere (duplicates included). */
static void ed_artifacts(struct ed *x)
{
	const struct rg_doc *d = x->src;
	struct rg_doc *e = x->e;
	const struct rg_artifact **w = rg_arena_alloc(x->arena, (d->nartifacts + 1) * sizeof(*w));
	size_t nw = 0;
	for (size_t i = 0; i < d->nartifacts; i++)
		if (!ed_allowed(x, d->artifacts[i].mark.eff) && ed_value(&d->artifacts[i]) != NULL)
			w[nw++] = &d->artifacts[i];
	qsort(w, nw, sizeof(*w), ed_art_cmp);
	e->withheld = w;
	e->nwithheld = nw;
	struct rg_artifact *out = rg_arena_alloc(x->arena, (d->nartifacts + 1) * sizeof(*out));
	size_t *map = ed_map(x, d->nartifacts);
	size_t n = 0;
	for (size_t i = 0; i < d->nartifacts; i++) {
		const struct rg_artifact *a = &d->artifacts[i];
		if (ed_is_withheld(e, ed_value(a)) || !ed_keep(x, &a->mark))
			continue;
		out[n] = *a;
		out[n].related = rg_arena_alloc(x->arena, (a->nrelated + 1) * sizeof(*a->related));
		out[n].nrelated = 0;
		for (size_t j = 0; j < a->nrelated; j++) {
			const struct rg_related *r = &a->related[j];
			if (ed_is_withheld(e, r->value.s) ||
			    (r->ref != NULL && ed_is_withheld(e, ed_value(r->ref))))
				continue;
			out[n].related[out[n].nrelated++] = *r;
		}
		map[i] = n++;
	}
	/* related[].ref points into the new array */
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < out[i].nrelated; j++) {
			const struct rg_artifact *old = out[i].related[j].ref;
			size_t k = old != NULL ? map[old - d->artifacts] : SIZE_MAX;
			out[i].related[j].ref = k != SIZE_MAX ? &out[k] : NULL;
		}
	e->artifacts = out;
	e->nartifacts = n;
}

static const struct rg_asset *ed_asset_ref(struct ed *x, const struct rg_asset *old)
{
	if (old == NULL)
		return NULL;
	size_t k = x->asset_map[old - x->src->assets];
	return k == SIZE_MAX ? NULL : &x->e->assets[k];
}

static void ed_assets_emails(struct ed *x)
{
	const struct rg_doc *d = x->src;
	struct rg_doc *e = x->e;
	x->asset_map = ed_map(x, d->nassets);
	e->assets = rg_arena_alloc(x->arena, (d->nassets + 1) * sizeof(*e->assets));
	e->nassets = 0;
	for (size_t i = 0; i < d->nassets; i++)
		if (ed_keep(x, &d->assets[i].mark)) {
			x->asset_map[i] = e->nassets;
			e->assets[e->nassets++] = d->assets[i];
		}
	x->email_map = ed_map(x, d->nemails);
	e->emails = rg_arena_alloc(x->arena, (d->nemails + 1) * sizeof(*e->emails));
	e->nemails = 0;
	for (size_t i = 0; i < d->nemails; i++)
		if (ed_keep(x, &d->emails[i].mark)) {
			x->email_map[i] = e->nemails;
			e->emails[e->nemails++] = d->emails[i];
		}
}

static bool ed_blocks(struct ed *x, const struct rg_blocks *in, struct rg_blocks *out);

/* One block into *out; false when it is withheld or left empty. */
static bool ed_block(struct ed *x, const struct rg_block *b, struct rg_block *out)
{
	if (!ed_allowed(x, b->mark.eff))
		return false;
	*out = *b;
	switch (b->kind) {
	case RG_BLOCK_ASSET:
		/* shows the asset: withheld with it */
		if (b->u.asset.ref != NULL &&
		    (out->u.asset.ref = ed_asset_ref(x, b->u.asset.ref)) == NULL)
			return false;
		break;
	case RG_BLOCK_EMAIL:
		if (b->u.email.ref != NULL) {
			size_t k = x->email_map[b->u.email.ref - x->src->emails];
			if (k == SIZE_MAX)
				return false;
			out->u.email.ref = &x->e->emails[k];
		}
		break;
	case RG_BLOCK_GROUP:
		if (!ed_blocks(x, &b->u.group, &out->u.group))
			return false; /* a group left empty disappears */
		break;
	default:
		break;
	}
	return ed_keep(x, &b->mark);
}

static bool ed_blocks(struct ed *x, const struct rg_blocks *in, struct rg_blocks *out)
{
	*out = *in;
	out->v = rg_arena_alloc(x->arena, (in->n + 1) * sizeof(*out->v));
	out->n = 0;
	for (size_t i = 0; i < in->n; i++)
		if (ed_block(x, &in->v[i], &out->v[out->n]))
			out->n++;
	if (out->n == 0 && (in->v == NULL || in->n > 0))
		out->v = NULL;
	return out->n > 0;
}

/* A section keeps its text when its marking is allowed, and the blocks allowed; one left
 * empty is absent. */
static void ed_section(struct ed *x, const struct rg_section *in, struct rg_section *out,
                       bool has_more)
{
	*out = *in;
	if (!in->present)
		return;
	if (in->text.s != NULL && !ed_keep(x, &in->mark))
		out->text = (struct rg_text){0};
	ed_blocks(x, &in->blocks, &out->blocks);
	out->present = out->text.s != NULL || out->blocks.n > 0 || has_more;
}

static void ed_sections(struct ed *x)
{
	const struct rg_doc *d = x->src;
	struct rg_doc *e = x->e;
	ed_section(x, &d->detection, &e->detection, false);
	ed_section(x, &d->verification, &e->verification, false);
	ed_section(x, &d->analysis, &e->analysis, false);
	ed_section(x, &d->eradication, &e->eradication, false);
	ed_section(x, &d->recovery, &e->recovery, false);
	const struct rg_containment *c = &d->containment;
	struct rg_containment *co = &e->containment;
	co->actions = rg_arena_alloc(x->arena, (c->nactions + 1) * sizeof(*co->actions));
	co->nactions = 0;
	for (size_t i = 0; i < c->nactions; i++)
		if (ed_keep(x, &c->actions[i].mark)) {
			co->actions[co->nactions] = c->actions[i];
			co->actions[co->nactions].target_asset =
			        ed_asset_ref(x, c->actions[i].target_asset);
			co->nactions++;
		}
	ed_section(x, &c->s, &co->s, co->nactions > 0);
	e->sections = rg_arena_alloc(x->arena, (d->nsections + 1) * sizeof(*e->sections));
	e->nsections = 0;
	for (size_t i = 0; i < d->nsections; i++) {
		e->sections[e->nsections] = d->sections[i];
		ed_section(x, &d->sections[i].s, &e->sections[e->nsections].s, false);
		if (e->sections[e->nsections].s.present)
			e->nsections++;
	}
}

static void ed_lists(struct ed *x)
{
	const struct rg_doc *d = x->src;
	struct rg_doc *e = x->e;
	if (d->summary.s != NULL && !ed_keep(x, &d->summary_mark))
		e->summary = (struct rg_text){0};
	e->lessons.v = rg_arena_alloc(x->arena, (d->lessons.n + 1) * sizeof(*e->lessons.v));
	e->lessons_mark = rg_arena_alloc(x->arena, (d->lessons.n + 1) * sizeof(*e->lessons_mark));
	e->lessons.n = 0;
	for (size_t i = 0; i < d->lessons.n; i++)
		if (ed_keep(x, &d->lessons_mark[i])) {
			e->lessons_mark[e->lessons.n] = d->lessons_mark[i];
			e->lessons.v[e->lessons.n++] = d->lessons.v[i];
		}
	e->remediation = rg_arena_alloc(x->arena, (d->nremediation + 1) * sizeof(*e->remediation));
	e->nremediation = 0;
	e->remediation_table = false;
	for (size_t i = 0; i < d->nremediation; i++) {
		const struct rg_remediation *r = &d->remediation[i];
		if (!ed_keep(x, &r->mark))
			continue;
		e->remediation[e->nremediation++] = *r;
		if (r->is_action && (r->owner.s != NULL || r->due.prec != RG_TIME_ABSENT ||
		                     r->status != RG_ASTAT_NONE))
			e->remediation_table = true;
	}
	/* timeline and techniques, with their sorted views */
	size_t *tm = ed_map(x, d->ntimeline);
	e->timeline = rg_arena_alloc(x->arena, (d->ntimeline + 1) * sizeof(*e->timeline));
	e->ntimeline = 0;
	for (size_t i = 0; i < d->ntimeline; i++)
		if (ed_keep(x, &d->timeline[i].mark)) {
			tm[i] = e->ntimeline;
			e->timeline[e->ntimeline] = d->timeline[i];
			e->timeline[e->ntimeline].asset_ref =
			        ed_asset_ref(x, d->timeline[i].asset_ref);
			e->ntimeline++;
		}
	const struct rg_event **ts = rg_arena_alloc(x->arena, (d->ntimeline + 1) * sizeof(*ts));
	for (size_t i = 0, n = 0; d->timeline_sorted != NULL && i < d->ntimeline; i++) {
		size_t k = tm[d->timeline_sorted[i] - d->timeline];
		if (k != SIZE_MAX)
			ts[n++] = &e->timeline[k];
	}
	e->timeline_sorted = d->timeline_sorted != NULL ? ts : NULL;
	size_t *mm = ed_map(x, d->nmitre);
	e->mitre = rg_arena_alloc(x->arena, (d->nmitre + 1) * sizeof(*e->mitre));
	e->nmitre = 0;
	for (size_t i = 0; i < d->nmitre; i++)
		if (ed_keep(x, &d->mitre[i].mark)) {
			mm[i] = e->nmitre;
			e->mitre[e->nmitre++] = d->mitre[i];
		}
	const struct rg_technique **ms = rg_arena_alloc(x->arena, (d->nmitre + 1) * sizeof(*ms));
	for (size_t i = 0, n = 0; d->mitre_sorted != NULL && i < d->nmitre; i++) {
		size_t k = mm[d->mitre_sorted[i] - d->mitre];
		if (k != SIZE_MAX)
			ms[n++] = &e->mitre[k];
	}
	e->mitre_sorted = d->mitre_sorted != NULL ? ms : NULL;
}

const struct rg_doc *rg_edition(struct rg_doc *doc, enum rg_tlp max, struct rg_diags *g)
{
	if (max == RG_TLP_NONE)
		return doc;
	struct rg_doc *e = rg_arena_alloc(doc->arena, sizeof(*e));
	*e = *doc;
	struct ed x = {.src = doc, .e = e, .arena = doc->arena, .max = max};
	e->edition_max = max;
	if (doc->alert.present && !ed_keep(&x, &doc->alert.mark))
		e->alert.present = false;
	ed_assets_emails(&x);
	ed_sections(&x);
	ed_lists(&x);
	ed_artifacts(&x);
	/* a milestone set by a withheld portion is unknown here, not derived from what is left */
	for (int k = 0; k < RG_MS__MAX; k++)
		if (!ed_allowed(&x, e->milestones[k].tlp))
			e->milestones[k] = (struct rg_milestone_at){0};
	if (x.kept == 0) {
		rg_diag(g, doc->file, doc->report.pos, RG_E_EDITION_EMPTY, "report.tlp",
		        "with --max-tlp %s nothing but the report's metadata would remain: every "
		        "portion is marked stricter (report.tlp, the default, is %s); write "
		        "\"tlp: %s\" on the sections, blocks, artifacts or other portions that "
		        "may be shared",
		        rg_tlp_names[max],
		        doc->report.tlp ? rg_tlp_names[doc->report.tlp] : "not set",
		        rg_tlp_names[max]);
		return NULL;
	}
	/* lists left empty disappear */
	if (e->nassets == 0)
		e->assets = NULL;
	if (e->nemails == 0)
		e->emails = NULL;
	if (e->ntimeline == 0)
		e->timeline = NULL, e->timeline_sorted = NULL;
	if (e->nremediation == 0)
		e->remediation = NULL;
	if (e->nmitre == 0)
		e->mitre = NULL, e->mitre_sorted = NULL;
	if (e->nartifacts == 0)
		e->artifacts = NULL;
	if (e->lessons.n == 0)
		e->lessons.v = NULL;
	if (e->containment.nactions == 0)
		e->containment.actions = NULL;
	e->tlp_present = x.present & ~1u;
	e->tlp_overall = x.overall;
	/* the edition is marked with the strictest level it keeps */
	e->report.tlp = x.overall;
	/* a section whose own text is withheld is a heading over what it keeps: unmarked */
	struct rg_section *secs[] = {&e->detection,     &e->verification, &e->analysis,
	                             &e->containment.s, &e->eradication,  &e->recovery};
	for (size_t i = 0; i < sizeof(secs) / sizeof(secs[0]); i++)
		if (secs[i]->text.s == NULL)
			secs[i]->mark = (struct rg_mark){.eff = e->report.tlp};
	for (size_t i = 0; i < e->nsections; i++)
		if (e->sections[i].s.text.s == NULL)
			e->sections[i].s.mark = (struct rg_mark){.eff = e->report.tlp};
	return e;
}
