/* duration.h: durations as the incident format writes them ("30m", "4h", "2d", "1h30m") and
 * as reports show them ("40 min", "1 h 52 min", "3 d 4 h"). */
#ifndef RG_DURATION_H
#define RG_DURATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "reportgen.h"

/* The longest duration accepted: 366 days. */
#define DURATION_MAX ((int64_t)366 * 86400)

/* Parses one or more <number><unit> parts, units w (weeks), d, h, m, s, each at most once and
 * largest first, with no spaces: "30m", "4h", "2d", "1h30m", "1w2d". The total must be more
 * than zero and at most DURATION_MAX. On failure writes what to write into err and returns
 * false. */
bool duration_parse(const char *s, int64_t *sec, char *err, size_t errsz);

/* sec (>= 0) in a human form, to the minute: under a minute "N s", under an hour "N min",
 * under a day "H h M min" ("2 h" when M is 0), else "D d H h" ("3 d" when H is 0), rounded
 * down. Writes into buf; returns buf. */
char *duration_format(char *buf, size_t size, int64_t sec);

#endif
