/* timehuman.h: times as consoles and mail headers print them ("Mar 14, 2024 05:23 PM UTC"). */
#ifndef RG_TIMEHUMAN_H
#define RG_TIMEHUMAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "reportgen.h"

/* The fields of a time as written, before ranges are checked and a zone is applied. */
struct time_fields {
	int y, mo, d, h, mi, s, off;
	int32_t nsec;
	enum rg_time_prec prec;
	bool has_offset;
	bool human; /* one of the forms of time_human_parse, not ISO 8601 */
	int dow;    /* day of the week written (0 = Sunday), or -1 */
};

enum time_human_result { TH_NO_MATCH, TH_OK, TH_ERROR };

/* Reads the human forms: an optional day of the week ("Fri,"), then "Mar 14, 2024",
 * "Sep. 17, 2024,", "14 Mar 2024" or "2024-03-14", then optionally a 12-hour ("5:23 PM") or
 * 24-hour ("17:23", "08:19:04") clock and a zone (UTC, GMT, Z, +02:00, +0200, UTC+02:00).
 * TH_NO_MATCH when s is not in one of these forms (nothing written to err); TH_ERROR with a
 * message saying what to write when it is one with a mistake (an unknown month, a 12-hour
 * clock out of range, a zone abbreviation such as IST). */
enum time_human_result time_human_parse(const char *s, struct time_fields *f, char *err,
                                        size_t errsz);

/* A hint for a numeric date such as 03/04/2024 or 17.09.2024 (what to write instead, in
 * year-month-day order); false when s is not one. */
bool time_human_numeric_hint(const char *s, char *err, size_t errsz);

/* Checks the day of the week written against the (valid) date; false with a message that
 * names the right day. */
bool time_human_check_dow(const struct time_fields *f, char *err, size_t errsz);

#endif
