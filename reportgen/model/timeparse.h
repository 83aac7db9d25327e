/* timeparse.h: the incident format's times and time zones: parsing, zone rules, display. */
#ifndef RG_TIMEPARSE_H
#define RG_TIMEPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "reportgen.h"

enum zone_kind { ZONE_UTC, ZONE_FIXED, ZONE_IANA, ZONE_UNKNOWN };

/* A POSIX TZ rule ("CET-1CEST,M3.5.0,M10.5.0/3") as found at the end of TZif files. */
struct tz_rule {
	bool has_dst;
	int32_t std_off, dst_off; /* seconds east of UTC */
	struct tz_date {
		char kind; /* 'J' (1..365, no Feb 29), 'D' (0..365), 'M' (month.week.day) */
		int n, m, w, d;
		int32_t time; /* seconds after local midnight */
	} start, end;
};

/* The time zone that applies to offset-less times: report.timezone. */
struct zone {
	enum zone_kind kind;
	int offset_min;   /* ZONE_FIXED */
	const char *name; /* ZONE_IANA: "Europe/Berlin" */
	/* ZONE_IANA, from the TZif file (arena memory) */
	int64_t *trans;     /* ntrans transition instants, ascending */
	int32_t *trans_off; /* offset in effect from trans[i] */
	size_t ntrans;
	int32_t first_off; /* before the first transition */
	bool has_rule;     /* after the last transition (or always, when ntrans == 0) */
	struct tz_rule rule;
};

/* Parses report.timezone: an IANA name (read from the system's tz database, TZDIR or
 * /usr/share/zoneinfo), a UTC offset (+02:00, +0200, +02), "UTC" or "unknown" (any case).
 * On failure writes a message saying what to write into err and returns false. */
bool zone_parse(struct rg_arena *, const char *s, struct zone *out, char *err, size_t errsz);
/* Reads the tz database entry of an IANA zone name into out; false when there is none. */
bool zone_load_iana(struct rg_arena *, const char *name, struct zone *out);
/* The UTC zone (the default). */
void zone_utc(struct zone *out);
/* Offset in seconds east of UTC in effect at the instant utc. */
int32_t zone_offset_at(const struct zone *, int64_t utc);

/* Parses a time as written (see the spec: 2024-09-17T12:05:00Z, 2024-09-17 12:05+02:00,
 * +0200, fractions, a date, a month, "unknown"). Offset-less times take the zone's offset
 * (local midnight for dates and months); under ZONE_UNKNOWN they are naive. A wall time
 * that the zone skips (a daylight-saving gap) is an error; one it repeats takes the earlier
 * instant. Fills everything but t->pos; t->raw points to s. On failure writes a message
 * saying what to write into err and returns false. */
bool time_parse(const char *s, const struct zone *, struct rg_time *t, char *err, size_t errsz);

/* Formats t with a strftime-like fmt (NULL: "%Y-%m-%d %H:%M %Z") in the time's own offset:
 * %Y %y %m %d %e %H %I %M %S %p %b %B %a %A %j %z (+0200) %:z (+02:00) %Z ("UTC" or
 * "UTC+02:00") %%. A date drops the time part of fmt (from its first time conversion on),
 * a month shows "%B %Y" (or "%Y-%m" when fmt starts with %Y), "unknown" shows "unknown",
 * and a naive time shows exactly as written. Returns arena memory; "" for an absent time. */
char *time_format(struct rg_arena *, const struct rg_time *, const char *fmt);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t time_days_from_civil(int64_t y, int m, int d);
void time_civil_from_days(int64_t days, int64_t *y, int *m, int *d);

#endif
