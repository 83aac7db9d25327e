/* pdf_metrics.c: the incident metrics in the PDF: the box on the cover, the line of the
 * executive summary, and the timeline chart (a typesetter chart fed with the milestones,
 * the events and the dwell and containment periods). */
#include <string.h>

#include "duration.h"
#include "metrics.h"
#include "pdf_build.h"
#include "utf8.h"

#define PDF_MET_COLOR 0x2E7D32    /* badge of a met target */
#define PDF_MISSED_COLOR 0xC62828 /* and of a missed one */
#define PDF_DWELL_BAND 0xF5C6C0   /* the dwell band */
#define PDF_CONTAIN_BAND 0xC7E3F4 /* the containment band */

static enum rg_tlp pdf_tlp_max(enum rg_tlp a, enum rg_tlp b)
{
	return a > b ? a : b;
}

static const char *pdf_duration(struct pdf_ctx *c, int64_t sec)
{
	char buf[64];
	return rg_arena_strdup(c->a, duration_format(buf, sizeof(buf), sec));
}

/* What shows metrics ranks (for the page's TLP label) at least as the strictest marking of
 * the milestones they come from; returns the rank to restore. */
static unsigned char pdf_metrics_rank(struct pdf_ctx *c, const struct metrics *m)
{
	unsigned char old = c->flow->rank;
	enum rg_tlp t = RG_TLP_NONE;
	for (int k = 0; k < RG_METRIC__MAX; k++)
		if (m->m[k].known)
			t = pdf_tlp_max(
			        t, pdf_tlp_max(m->ms[m->m[k].from].tlp, m->ms[m->m[k].to].tlp));
	if ((unsigned char)t > old)
		c->flow->rank = (unsigned char)t;
	return old;
}

/* One column per known metric: its name over its duration, target and MET/MISSED badge. */
void pdf_cover_metrics(struct pdf_ctx *c)
{
	struct metrics m;
	metrics_compute(c->doc, &m);
	if (m.nknown == 0)
		return;
	unsigned char rank = pdf_metrics_rank(c, &m);
	struct lay_table *t = pdf_table_new(c, m.nknown, 2, true);
	size_t col = 0;
	for (int k = 0; k < RG_METRIC__MAX; k++) {
		const struct metrics_value *v = &m.m[k];
		if (!v->known)
			continue;
		pdf_cell_text(c, pdf_cell(t, 0, col), metrics_title((enum rg_metric)k),
		              LAY_SANS_BOLD);
		struct lay_cell *cell = pdf_cell(t, 1, col);
		pdf_cell_text(c, cell, pdf_duration(c, v->sec), LAY_SANS_BOLD);
		if (v->has_target) {
			pdf_cell_text(
			        c, cell,
			        rg_arena_printf(c->a, "  target %s ", pdf_duration(c, v->target)),
			        LAY_SANS);
			pdf_badge(c, &cell->runs, v->met ? "MET" : "MISSED", PDF_BADGE_FG,
			          v->met ? PDF_MET_COLOR : PDF_MISSED_COLOR);
		}
		col++;
	}
	t->anchor = "metrics";
	t->space_before = 2;
	t->space_after = 10;
	pdf_table_add(c, t);
	c->flow->rank = rank;
}

void pdf_metrics_line(struct pdf_ctx *c)
{
	struct metrics m;
	metrics_compute(c->doc, &m);
	if (m.nknown == 0)
		return;
	unsigned char rank = pdf_metrics_rank(c, &m);
	struct lay_elem *e = lay_flow_add(c->flow, LAY_E_PARA);
	struct lay_para *p = &e->u.para;
	p->size = c->tpl->font_size;
	p->color = c->tpl->colors.text;
	p->leading = 1.4;
	p->bg = p->bar = LAY_NOCOLOR;
	p->space_after = 6;
	pdf_run(c, &p->runs, "Metrics: ", LAY_SANS_BOLD);
	bool first = true;
	for (int k = 0; k < RG_METRIC__MAX; k++) {
		const struct metrics_value *v = &m.m[k];
		if (!v->known)
			continue;
		const char *title = metrics_title((enum rg_metric)k);
		pdf_run(c, &p->runs,
		        rg_arena_printf(c->a, "%s%c%s ", first ? "" : "  " UTF8_MIDDOT "  ",
		                        first ? title[0] : title[0] - 'A' + 'a', title + 1),
		        LAY_SANS);
		pdf_run(c, &p->runs, pdf_duration(c, v->sec), LAY_SANS_BOLD);
		if (v->has_target)
			pdf_run(c, &p->runs,
			        rg_arena_printf(c->a, " (target %s, %s)",
			                        pdf_duration(c, v->target),
			                        v->met ? "met" : "missed"),
			        LAY_SANS);
		first = false;
	}
	c->flow->rank = rank;
}

/* ---- the timeline chart ---- */

static bool pdf_timed(const struct rg_time *t)
{
	return t->prec != RG_TIME_ABSENT && t->prec != RG_TIME_UNKNOWN;
}

/* Local wall-clock seconds of an instant in the report's zone (a naive time: as written). */
static int64_t pdf_local(const struct pdf_ctx *c, int64_t utc)
{
	return c->doc->report.tz_unknown ? utc : utc + zone_offset_at(c->doc->zone, utc);
}

static const char *const pdf_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* A label for the local time `local`: "14:05", "17 Sep", or "17 Sep 14:05". */
static const char *pdf_clock(struct pdf_ctx *c, int64_t local, bool date, bool clock)
{
	int64_t days = local / 86400 - (local % 86400 < 0), y, sec = local - days * 86400;
	int mo, d;
	time_civil_from_days(days, &y, &mo, &d);
	if (date && clock)
		return rg_arena_printf(c->a, "%d %s %02d:%02d", d, pdf_months[mo - 1],
		                       (int)(sec / 3600), (int)(sec / 60 % 60));
	if (date)
		return rg_arena_printf(c->a, "%d %s", d, pdf_months[mo - 1]);
	return rg_arena_printf(c->a, "%02d:%02d", (int)(sec / 3600), (int)(sec / 60 % 60));
}

/* Scale ticks: the smallest step of the list that gives at most about one tick per 60 pt,
 * at local multiples of the step (days at local midnight); labels carry the date at
 * midnight and when the step is a day or more. */
static void pdf_chart_ticks(struct pdf_ctx *c, struct lay_chart *ch, double width)
{
	static const int64_t steps[] = {60,      120,     300,     600,     900,     1800,   3600,
	                                7200,    10800,   21600,   43200,   86400,   172800, 604800,
	                                1209600, 2419200, 4838400, 7257600, 14515200};
	double span = ch->t1 - ch->t0;
	size_t want = (size_t)(width / 60);
	if (want < 2)
		want = 2;
	int64_t step = steps[sizeof(steps) / sizeof(steps[0]) - 1];
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (span / (double)steps[i] <= (double)want) {
			step = steps[i];
			break;
		}
	int64_t t0 = (int64_t)ch->t0, off = pdf_local(c, t0) - t0;
	int64_t local = pdf_local(c, t0), first = local - (local % step + step) % step + step;
	size_t n = 0, cap = (size_t)(span / (double)step) + 2;
	ch->ticks = rg_arena_alloc(c->a, cap * sizeof(*ch->ticks));
	for (int64_t l = first; n < cap; l += step) {
		int64_t t = l - off;
		t = l - (pdf_local(c, t) - t); /* the offset in effect there */
		if ((double)t > ch->t1)
			break;
		bool midnight = l % 86400 == 0;
		ch->ticks[n].t = (double)t;
		ch->ticks[n].label = pdf_clock(c, l, step >= 86400 || midnight, step < 86400);
		n++;
	}
	ch->nticks = n;
}

static void pdf_chart_range(struct lay_chart *ch, int64_t t)
{
	if ((double)t < ch->t0)
		ch->t0 = (double)t;
	if ((double)t > ch->t1)
		ch->t1 = (double)t;
}

/* The label of a mark: its milestones (several at one instant share it) and the time. */
static const char *pdf_mark_label(struct pdf_ctx *c, const char *names, int64_t t, bool days)
{
	return rg_arena_printf(c->a, "%s %s", names, pdf_clock(c, pdf_local(c, t), days, true));
}

bool pdf_timeline_chart(struct pdf_ctx *c)
{
	const struct rg_doc *d = c->doc;
	struct metrics m;
	metrics_compute(d, &m);
	struct lay_chart ch = {.t0 = 1e300, .t1 = -1e300};
	enum rg_tlp tlp = RG_TLP_NONE; /* the strictest marking of what the chart shows */
	ch.events = rg_arena_alloc(c->a, (d->ntimeline + 1) * sizeof(*ch.events));
	for (size_t i = 0; i < d->ntimeline; i++)
		if (pdf_timed(&d->timeline[i].time)) {
			ch.events[ch.nevents++] = (double)d->timeline[i].time.utc;
			tlp = pdf_tlp_max(tlp, d->timeline[i].mark.eff);
			pdf_chart_range(&ch, d->timeline[i].time.utc);
		}
	for (int k = 1; k < RG_MS__MAX; k++)
		if (m.ms[k].time != NULL) {
			pdf_chart_range(&ch, m.ms[k].time->utc);
			tlp = pdf_tlp_max(tlp, m.ms[k].tlp);
		}
	if (ch.t0 > ch.t1 || (ch.nevents < 2 && m.ms[RG_MS_DETECTED].time == NULL))
		return false;
	double span = ch.t1 - ch.t0;
	if (span < 1800) { /* at least half an hour shown */
		ch.t0 -= (1800 - span) / 2;
		ch.t1 += (1800 - span) / 2;
		span = 1800;
	}
	ch.t0 -= span * 0.03;
	ch.t1 += span * 0.03;
	bool days = pdf_local(c, (int64_t)ch.t0) / 86400 != pdf_local(c, (int64_t)ch.t1) / 86400;
	/* marks: milestones in time order, those at one instant merged */
	ch.marks = rg_arena_alloc(c->a, RG_MS__MAX * sizeof(*ch.marks));
	bool done[RG_MS__MAX] = {false};
	for (;;) {
		int best = 0;
		for (int k = 1; k < RG_MS__MAX; k++)
			if (!done[k] && m.ms[k].time != NULL &&
			    (best == 0 || m.ms[k].time->utc < m.ms[best].time->utc))
				best = k;
		if (best == 0)
			break;
		int64_t t = m.ms[best].time->utc;
		const char *names = NULL;
		for (int k = 1; k < RG_MS__MAX; k++)
			if (!done[k] && m.ms[k].time != NULL && m.ms[k].time->utc == t) {
				done[k] = true;
				const char *s = metrics_milestone_title((enum rg_milestone)k);
				names = names ? rg_arena_printf(c->a, "%s, %c%s", names,
				                                s[0] - 'A' + 'a', s + 1)
				              : s;
			}
		struct lay_chart_mark *mk = &ch.marks[ch.nmarks++];
		mk->t = (double)t;
		mk->label = pdf_mark_label(c, names, t, days);
		mk->color = c->tpl->colors.accent;
	}
	/* bands: dwell (compromise to containment) and containment (detection to it) */
	ch.bands = rg_arena_alloc(c->a, 2 * sizeof(*ch.bands));
	const struct metrics_value *dw = &m.m[RG_METRIC_DWELL], *co = &m.m[RG_METRIC_CONTAIN];
	if (dw->known)
		ch.bands[ch.nbands++] = (struct lay_chart_band){
		        (double)m.ms[dw->from].time->utc, (double)m.ms[dw->to].time->utc,
		        rg_arena_printf(c->a, "Dwell time %s", pdf_duration(c, dw->sec)),
		        PDF_DWELL_BAND};
	if (co->known)
		ch.bands[ch.nbands++] = (struct lay_chart_band){
		        (double)m.ms[co->from].time->utc, (double)m.ms[co->to].time->utc,
		        rg_arena_printf(c->a, "Time to contain %s", pdf_duration(c, co->sec)),
		        PDF_CONTAIN_BAND};
	const struct lay_page_spec *ps = &c->tpl->page;
	pdf_chart_ticks(c, &ch, ps->width - ps->margin_left - ps->margin_right);
	ch.size = c->tpl->font_size * 0.8;
	ch.axis_color = c->tpl->colors.text;
	ch.event_color = c->tpl->colors.muted;
	ch.text_color = c->tpl->colors.text;
	ch.band_text_color = c->tpl->colors.text;
	ch.space_before = 4;
	ch.space_after = 2;
	unsigned char rank = c->flow->rank;
	if ((unsigned char)tlp > rank)
		c->flow->rank = (unsigned char)tlp;
	lay_flow_add(c->flow, LAY_E_CHART)->u.chart = ch;
	const char *zone = d->report.tz_unknown ? "as written"
	                   : d->report.timezone.s != NULL
	                           ? rg_arena_printf(c->a, "in %s", d->report.timezone.s)
	                           : "in UTC";
	pdf_note(c,
	         rg_arena_printf(c->a,
	                         "Times %s. Squares: milestones; ticks on the axis: the %zu "
	                         "timed events.",
	                         zone, ch.nevents),
	         LAY_SANS_OBLIQUE, ch.size, c->tpl->colors.muted);
	c->flow->rank = rank;
	return true;
}
