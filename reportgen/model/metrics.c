/* metrics.c: milestones and the metrics between them (see metrics.h, docs/metrics.md). */
#include <stdio.h>
#include <string.h>

#include "metrics.h"

static bool metrics_timed(const struct rg_time *t)
{
	return t->prec != RG_TIME_ABSENT && t->prec != RG_TIME_UNKNOWN;
}

static int metrics_cmp(const struct rg_time *a, const struct rg_time *b)
{
	if (a->utc != b->utc)
		return a->utc < b->utc ? -1 : 1;
	return a->nsec < b->nsec ? -1 : a->nsec > b->nsec;
}

/* Milestones that mark the end of a phase take the latest of several, the others the
 * earliest. */
static bool metrics_latest(enum rg_milestone m)
{
	return m >= RG_MS_CONTAINED;
}

static void metrics_set(struct rg_milestone_at *p, enum rg_milestone m, enum rg_ms_source src,
                        size_t index, const struct rg_time *t, struct rg_pos pos, enum rg_tlp tlp)
{
	if (p->time != NULL) {
		int c = metrics_cmp(t, p->time);
		if (metrics_latest(m) ? c <= 0 : c >= 0)
			return;
	}
	*p = (struct rg_milestone_at){src, index, t, pos, tlp};
}

void metrics_derive(const struct rg_doc *d, struct rg_milestone_at ms[RG_MS__MAX])
{
	memset(ms, 0, RG_MS__MAX * sizeof(*ms));
	for (size_t i = 0; i < d->ntimeline; i++) {
		const struct rg_event *e = &d->timeline[i];
		if (e->milestone > RG_MS_NONE && e->milestone < RG_MS__MAX &&
		    metrics_timed(&e->time))
			metrics_set(&ms[e->milestone], e->milestone, RG_MSRC_EVENT, i, &e->time,
			            e->milestone_pos, e->mark.eff);
	}
	if (ms[RG_MS_DETECTED].time == NULL && d->alert.present && metrics_timed(&d->alert.time))
		metrics_set(&ms[RG_MS_DETECTED], RG_MS_DETECTED, RG_MSRC_ALERT, 0, &d->alert.time,
		            d->alert.time.pos, d->alert.mark.eff);
	if (ms[RG_MS_CONTAINED].time == NULL) {
		struct rg_milestone_at p = {0};
		for (size_t i = 0; i < d->containment.nactions; i++) {
			const struct rg_action *a = &d->containment.actions[i];
			if (a->status == RG_ASTAT_DONE && metrics_timed(&a->time))
				metrics_set(&p, RG_MS_CONTAINED, RG_MSRC_ACTION, i, &a->time,
				            a->time.pos, a->mark.eff);
		}
		ms[RG_MS_CONTAINED] = p;
	}
	if (ms[RG_MS_CLOSED].time == NULL && d->report.status == RG_STATUS_CLOSED &&
	    metrics_timed(&d->report.date))
		metrics_set(&ms[RG_MS_CLOSED], RG_MS_CLOSED, RG_MSRC_REPORT, 0, &d->report.date,
		            d->report.date.pos, RG_TLP_NONE);
}

/* The start of a metric: the milestone it runs from, per metrics.h's definitions. */
static enum rg_milestone metrics_from(const struct metrics *m, enum rg_metric k)
{
	const struct rg_milestone_at *fa = &m->ms[RG_MS_FIRST_ACTIVITY],
	                             *co = &m->ms[RG_MS_COMPROMISE];
	switch (k) {
	case RG_METRIC_DETECT: /* first activity, or compromise when that is earlier */
		if (fa->time != NULL && (co->time == NULL || metrics_cmp(fa->time, co->time) <= 0))
			return RG_MS_FIRST_ACTIVITY;
		return co->time != NULL ? RG_MS_COMPROMISE : RG_MS_FIRST_ACTIVITY;
	case RG_METRIC_DWELL: /* compromise, or first activity when that is unknown */
		return co->time != NULL ? RG_MS_COMPROMISE : RG_MS_FIRST_ACTIVITY;
	case RG_METRIC_RECOVER:
		return RG_MS_CONTAINED;
	default:
		return RG_MS_DETECTED;
	}
}

static const enum rg_milestone metrics_to[RG_METRIC__MAX] = {
        [RG_METRIC_DETECT] = RG_MS_DETECTED,   [RG_METRIC_TRIAGE] = RG_MS_TRIAGED,
        [RG_METRIC_CONTAIN] = RG_MS_CONTAINED, [RG_METRIC_DWELL] = RG_MS_CONTAINED,
        [RG_METRIC_RECOVER] = RG_MS_RECOVERED, [RG_METRIC_CLOSE] = RG_MS_CLOSED,
};

void metrics_compute(const struct rg_doc *d, struct metrics *out)
{
	memset(out, 0, sizeof(*out));
	if (d->milestones_set)
		memcpy(out->ms, d->milestones, sizeof(out->ms));
	else
		metrics_derive(d, out->ms);
	for (int k = 0; k < RG_METRIC__MAX; k++) {
		struct metrics_value *v = &out->m[k];
		v->from = metrics_from(out, (enum rg_metric)k);
		v->to = metrics_to[k];
		const struct rg_time *a = out->ms[v->from].time, *b = out->ms[v->to].time;
		const struct rg_duration *sla = &d->report.sla[k];
		v->has_target = sla->text.s != NULL;
		v->target = sla->sec;
		if (a == NULL || b == NULL || metrics_cmp(a, b) > 0)
			continue;
		v->known = true;
		v->sec = b->utc - a->utc - (b->nsec < a->nsec);
		v->met = v->has_target && v->sec <= v->target;
		out->nknown++;
	}
}

const char *metrics_title(enum rg_metric k)
{
	static const char *const t[RG_METRIC__MAX] = {"Time to detect",  "Time to triage",
	                                              "Time to contain", "Dwell time",
	                                              "Time to recover", "Time to close"};
	return (unsigned)k < RG_METRIC__MAX ? t[k] : "";
}

const char *metrics_milestone_title(enum rg_milestone m)
{
	static const char *const t[RG_MS__MAX] = {
	        "",        "First activity", "Compromise", "Detected",  "Reported",
	        "Triaged", "Contained",      "Eradicated", "Recovered", "Closed"};
	return (unsigned)m < RG_MS__MAX ? t[m] : "";
}

char *metrics_point_path(const struct rg_milestone_at *p, char *buf, size_t size)
{
	switch (p->source) {
	case RG_MSRC_EVENT:
		snprintf(buf, size, "timeline[%zu].milestone", p->index);
		break;
	case RG_MSRC_ALERT:
		snprintf(buf, size, "alert.time");
		break;
	case RG_MSRC_ACTION:
		snprintf(buf, size, "containment.actions[%zu].time", p->index);
		break;
	case RG_MSRC_REPORT:
		snprintf(buf, size, "report.date");
		break;
	default:
		snprintf(buf, size, "%s", "");
	}
	return buf;
}
