/* duration.c: durations written in the incident format, and their human form. */
#include <stdio.h>
#include <string.h>

#include "duration.h"

static const struct {
	char unit;
	int64_t sec;
} duration_units[] = {{'w', 7 * 86400}, {'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}};
#define DURATION_NUNITS (sizeof(duration_units) / sizeof(duration_units[0]))

static bool duration_fail(char *err, size_t errsz, const char *why)
{
	snprintf(err, errsz,
	         "%s; write a duration such as 30m, 4h, 2d or 1h30m (units w, d, h, m, s)", why);
	return false;
}

bool duration_parse(const char *s, int64_t *sec, char *err, size_t errsz)
{
	int64_t total = 0;
	size_t next = 0; /* the first unit still allowed */
	const char *p = s;
	if (s == NULL || *s == '\0')
		return duration_fail(err, errsz, "empty duration");
	while (*p != '\0') {
		if (*p < '0' || *p > '9')
			return duration_fail(err, errsz,
			                     *p == ' ' ? "a duration has no spaces"
			                               : "expected a number");
		int64_t n = 0;
		for (; *p >= '0' && *p <= '9'; p++) {
			n = n * 10 + (*p - '0');
			if (n > DURATION_MAX)
				return duration_fail(err, errsz,
				                     "the duration is too long (at most 366 days)");
		}
		char u = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
		size_t k = 0;
		while (k < DURATION_NUNITS && duration_units[k].unit != u)
			k++;
		if (*p == ' ')
			return duration_fail(err, errsz, "a duration has no spaces");
		if (*p == '\0' || k == DURATION_NUNITS)
			return duration_fail(err, errsz, "a number needs a unit after it");
		if (k < next)
			return duration_fail(err, errsz,
			                     "units are written once each, largest first");
		next = k + 1;
		total += n * duration_units[k].sec;
		if (total > DURATION_MAX)
			return duration_fail(err, errsz,
			                     "the duration is too long (at most 366 days)");
		p++;
	}
	if (total == 0)
		return duration_fail(err, errsz, "the duration must be more than zero");
	*sec = total;
	return true;
}

char *duration_format(char *buf, size_t size, int64_t sec)
{
	if (sec < 0)
		sec = 0;
	int64_t d = sec / 86400, h = sec % 86400 / 3600, m = sec % 3600 / 60;
	if (sec < 60)
		snprintf(buf, size, "%lld s", (long long)sec);
	else if (sec < 3600)
		snprintf(buf, size, "%lld min", (long long)m);
	else if (sec < 86400 && m == 0)
		snprintf(buf, size, "%lld h", (long long)h);
	else if (sec < 86400)
		snprintf(buf, size, "%lld h %lld min", (long long)h, (long long)m);
	else if (h == 0)
		snprintf(buf, size, "%lld d", (long long)d);
	else
		snprintf(buf, size, "%lld d %lld h", (long long)d, (long long)h);
	return buf;
}
