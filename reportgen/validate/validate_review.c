/* validate_review.c: the review trail: the report's first and revision times, its revision,
 * and sign-offs that do not fit a draft. */
#include <string.h>

#include "validate.h"

static bool val_dated(const struct rg_time *t)
{
	return t->prec != RG_TIME_ABSENT && t->prec != RG_TIME_UNKNOWN;
}

static bool val_later(const struct rg_time *a, const struct rg_time *b)
{
	return a->utc > b->utc || (a->utc == b->utc && a->nsec > b->nsec);
}

void val_review(struct val *v)
{
	struct rg_report *r = &v->doc->report;
	const struct rg_time *first = val_dated(&r->date) ? &r->date : NULL, *last = first;
	const struct rg_revision *latest = NULL;
	for (size_t i = 0; i < r->nrevisions; i++) {
		const struct rg_time *t = &r->revisions[i].date;
		if (!val_dated(t))
			continue;
		if (first == NULL || val_later(first, t))
			first = t;
		if (last == NULL || !val_later(last, t))
			last = t;
		if (latest == NULL || !val_later(&latest->date, t))
			latest = &r->revisions[i];
	}
	if (first != NULL)
		r->first_time = *first;
	if (val_dated(&r->revised)) {
		if (last != NULL && val_later(last, &r->revised))
			val_report(v, r->revised.pos, RG_E_VALUE, "report.revised",
			           "the revision time is before %s (line %d), a date the report "
			           "gives; write a time after it, or leave \"revised\" out (the "
			           "latest date is the revision time)",
			           last->raw ? last->raw : "a date", last->pos.line);
		last = &r->revised;
	}
	if (last != NULL)
		r->revision_time = *last;
	if (r->revision.s == NULL && latest != NULL)
		r->revision = latest->revision;
	if (r->draft && r->approved_by.present)
		val_report(v, r->approved_by.pos, RG_W_SIGNOFF, "report.approved_by",
		           "an approver on a draft: a draft is not approved yet; remove "
		           "\"approved_by\" until it is, or remove \"draft: true\"");
}
