/* metrics.h: the incident's milestones (written on timeline events, or derived from the alert,
 * the containment actions and the report) and the metrics between them (time to detect,
 * contain, ...), with their report.sla targets. The one rule every back end and the
 * validator use; docs/metrics.md gives the definitions and their reasoning. */
#ifndef RG_METRICS_H
#define RG_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "reportgen.h"

struct metrics_value {
	enum rg_milestone from, to; /* the milestones it runs between (from: the one used) */
	bool known;                 /* both ends known and in order */
	int64_t sec;
	bool has_target; /* report.sla gives one */
	int64_t target;
	bool met; /* known && has_target && sec <= target */
};

struct metrics {
	struct rg_milestone_at ms[RG_MS__MAX];
	struct metrics_value m[RG_METRIC__MAX];
	size_t nknown; /* metrics known */
};

/* Derives every milestone of a validated document (markings in effect known) into out. An
 * explicit milestone wins over a derived one; of several events with the same milestone the
 * earliest counts for first-activity to triaged, the latest for contained to closed. */
void metrics_derive(const struct rg_doc *, struct rg_milestone_at out[RG_MS__MAX]);
/* The metrics of doc, from doc->milestones when the validator set them (an edition: those it
 * keeps), else derived. */
void metrics_compute(const struct rg_doc *, struct metrics *);

/* "Time to detect", ..., "Dwell time", ... */
const char *metrics_title(enum rg_metric);
/* "First activity", "Compromise", "Detected", ... */
const char *metrics_milestone_title(enum rg_milestone);
/* The key path of what set p ("timeline[3].milestone", "alert.time", ...) into buf. */
char *metrics_point_path(const struct rg_milestone_at *, char *buf, size_t size);

#endif
