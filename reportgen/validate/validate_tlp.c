/* validate_tlp.c: the marking in effect on every portion (its own, else the strictest written on
 * an enclosing portion, else report.tlp), "has no effect" warnings, and the overall marking. */
#include <stdio.h>

#include "validate.h"

struct vt {
	struct val *v;
	enum rg_tlp deflt;
	unsigned present;
	enum rg_tlp overall;
};

/* Sets m->eff under an enclosing explicit marking `up` (NONE: none); returns the explicit
 * marking the portion's own parts inherit. */
static enum rg_tlp vt_mark(struct vt *t, struct rg_mark *m, enum rg_tlp up, const char *path)
{
	enum rg_tlp own = m->tlp;
	if (own != RG_TLP_NONE && up != RG_TLP_NONE && own < up) {
		val_report(t->v, m->pos, RG_W_TLP_NO_EFFECT, path,
		           "tlp: %s has no effect: it is withheld with its parent, marked %s; mark "
		           "the parent %s or move this portion out of it",
		           rg_tlp_names[own], rg_tlp_names[up], rg_tlp_names[own]);
		own = up;
	}
	enum rg_tlp inherit = own != RG_TLP_NONE ? own : up;
	m->eff = inherit != RG_TLP_NONE ? inherit : t->deflt;
	t->present |= 1u << m->eff;
	if (m->eff > t->overall)
		t->overall = m->eff;
	return inherit;
}

static void vt_blocks(struct vt *t, struct rg_blocks *bs, enum rg_tlp up, const char *path)
{
	for (size_t i = 0; i < bs->n; i++) {
		struct rg_block *b = &bs->v[i];
		char *p = rg_arena_printf(t->v->doc->arena, "%s.blocks[%zu]", path, i);
		enum rg_tlp in =
		        vt_mark(t, &b->mark, up, rg_arena_printf(t->v->doc->arena, "%s.tlp", p));
		if (b->kind == RG_BLOCK_GROUP)
			vt_blocks(t, &b->u.group, in, p);
	}
}

/* A section: its own text carries its marking; with no text, it is a container only. */
static enum rg_tlp vt_section(struct vt *t, struct rg_section *s, const char *path)
{
	if (!s->present)
		return RG_TLP_NONE;
	struct rg_arena *a = t->v->doc->arena;
	unsigned before = t->present;
	enum rg_tlp over = t->overall;
	enum rg_tlp in = vt_mark(t, &s->mark, RG_TLP_NONE, rg_arena_printf(a, "%s.tlp", path));
	if (s->text.s == NULL && s->mark.tlp == RG_TLP_NONE) {
		t->present = before; /* a heading over marked parts is not a portion of its own */
		t->overall = over;
	}
	vt_blocks(t, &s->blocks, in, path);
	return in;
}

static void vt_plain(struct vt *t, struct rg_mark *m, const char *fmt, size_t i)
{
	char path[64];
	snprintf(path, sizeof(path), fmt, i);
	vt_mark(t, m, RG_TLP_NONE, path);
}

void val_marks(struct val *v)
{
	struct rg_doc *d = v->doc;
	struct vt t = {.v = v, .deflt = d->report.tlp, .overall = RG_TLP_NONE};
	struct rg_arena *a = d->arena;
	if (d->alert.present)
		vt_mark(&t, &d->alert.mark, RG_TLP_NONE, "alert.tlp");
	for (size_t i = 0; i < d->nassets; i++)
		vt_plain(&t, &d->assets[i].mark, "assets[%zu].tlp", i);
	for (size_t i = 0; i < d->nemails; i++)
		vt_plain(&t, &d->emails[i].mark, "emails[%zu].tlp", i);
	struct rg_section *secs[] = {&d->detection, &d->verification, &d->analysis, &d->eradication,
	                             &d->recovery};
	const char *names[] = {"detection", "verification", "analysis", "eradication", "recovery"};
	for (size_t i = 0; i < 5; i++)
		vt_section(&t, secs[i], names[i]);
	enum rg_tlp in = vt_section(&t, &d->containment.s, "containment");
	for (size_t i = 0; i < d->containment.nactions; i++)
		vt_mark(&t, &d->containment.actions[i].mark, in,
		        rg_arena_printf(a, "containment.actions[%zu].tlp", i));
	if (d->summary.s != NULL)
		vt_mark(&t, &d->summary_mark, RG_TLP_NONE, "summary.tlp");
	for (size_t i = 0; i < d->ntimeline; i++)
		vt_plain(&t, &d->timeline[i].mark, "timeline[%zu].tlp", i);
	if (d->lessons.n > 0 && d->lessons_mark == NULL)
		d->lessons_mark = rg_arena_alloc(a, d->lessons.n * sizeof(*d->lessons_mark));
	for (size_t i = 0; i < d->lessons.n; i++)
		vt_plain(&t, &d->lessons_mark[i], "lessons[%zu].tlp", i);
	for (size_t i = 0; i < d->nremediation; i++)
		vt_plain(&t, &d->remediation[i].mark, "remediation[%zu].tlp", i);
	for (size_t i = 0; i < d->nsections; i++)
		vt_section(&t, &d->sections[i].s, rg_arena_printf(a, "sections[%zu]", i));
	for (size_t i = 0; i < d->nmitre; i++)
		vt_plain(&t, &d->mitre[i].mark, "mitre[%zu].tlp", i);
	for (size_t i = 0; i < d->nartifacts; i++) {
		vt_plain(&t, &d->artifacts[i].mark, "artifacts[%zu].tlp", i);
		d->artifacts[i].tlp = d->artifacts[i].mark.eff;
	}
	/* with no portion at all, the report's marking still covers its metadata */
	d->tlp_overall = t.present != 0 ? t.overall : d->report.tlp;
	d->tlp_present = t.present & ~1u;
}
