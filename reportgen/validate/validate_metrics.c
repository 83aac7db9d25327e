/* validate_metrics.c: times compared with each other: milestones out of order, milestones
 * without a time, artifacts seen last before they were seen first. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "metrics.h"
#include "validate.h"

#define VM_PATH 128

/* Each metric's end before its start is one warning at the end, once per end milestone
 * (contained ends two metrics). */
static void vm_order(struct val *v, const struct metrics *m)
{
	bool warned[RG_MS__MAX] = {false};
	for (int k = 0; k < RG_METRIC__MAX; k++) {
		const struct metrics_value *x = &m->m[k];
		const struct rg_milestone_at *a = &m->ms[x->from], *b = &m->ms[x->to];
		if (x->known || a->time == NULL || b->time == NULL || warned[x->to])
			continue;
		warned[x->to] = true;
		char pa[VM_PATH], pb[VM_PATH], what[64];
		snprintf(what, sizeof(what), "%s", metrics_title((enum rg_metric)k));
		what[0] = (char)(what[0] - 'A' + 'a');
		val_report(v, b->pos, RG_W_MILESTONE_ORDER, metrics_point_path(b, pb, sizeof(pb)),
		           "milestone %s (%s, %s) is before %s (%s, %s), so the %s is not shown; "
		           "check both times",
		           rg_milestone_names[x->to], b->time->raw ? b->time->raw : "", pb,
		           rg_milestone_names[x->from], a->time->raw ? a->time->raw : "",
		           metrics_point_path(a, pa, sizeof(pa)), what);
	}
}

static void vm_untimed(struct val *v)
{
	const struct rg_doc *d = v->doc;
	for (size_t i = 0; i < d->ntimeline; i++) {
		const struct rg_event *e = &d->timeline[i];
		if (e->milestone == RG_MS_NONE)
			continue;
		const struct rg_time *t = &e->time;
		if (t->prec == RG_TIME_UNKNOWN && t->raw != NULL &&
		    strcasecmp(t->raw, "unknown") != 0)
			continue; /* unreadable: already an error */
		if (t->prec != RG_TIME_ABSENT && t->prec != RG_TIME_UNKNOWN)
			continue;
		char path[VM_PATH];
		snprintf(path, sizeof(path), "timeline[%zu].milestone", i);
		val_report(v, e->milestone_pos, RG_W_MILESTONE_UNTIMED, path,
		           "milestone %s on an event %s counts for no metric; give the event a "
		           "time such as 2024-09-17T12:05:00Z",
		           rg_milestone_names[e->milestone],
		           t->prec == RG_TIME_UNKNOWN ? "whose time is unknown" : "without a time");
	}
}

static void vm_seen(struct val *v)
{
	const struct rg_doc *d = v->doc;
	for (size_t i = 0; i < d->nartifacts; i++) {
		const struct rg_artifact *a = &d->artifacts[i];
		const struct rg_time *f = &a->first_seen, *l = &a->last_seen;
		bool ft = f->prec > RG_TIME_UNKNOWN, lt = l->prec > RG_TIME_UNKNOWN;
		if (!ft || !lt || f->utc < l->utc || (f->utc == l->utc && f->nsec <= l->nsec))
			continue;
		char path[VM_PATH];
		snprintf(path, sizeof(path), "artifacts[%zu].first_seen", i);
		val_report(v, f->pos, RG_W_SEEN_ORDER, path,
		           "first_seen %s is after last_seen %s; swap them or correct one", f->raw,
		           l->raw);
	}
}

void val_metrics(struct val *v)
{
	struct metrics m;
	metrics_derive(v->doc, v->doc->milestones);
	v->doc->milestones_set = true;
	metrics_compute(v->doc, &m);
	vm_order(v, &m);
	vm_untimed(v);
	vm_seen(v);
}
