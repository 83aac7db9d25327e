/* timeparse.c: parses the incident format's times and report.timezone, and formats times. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "timehuman.h"
#include "timeparse.h"

#define TP_EXAMPLES                                                                            \
	"2024-09-17T12:05:00Z, 2024-09-17 12:05+02:00, Sep 17, 2024 12:05 PM UTC, 2024-09-17 " \
	"or 2024-09"
#define TP_MAX_OFFSET (18 * 60)

static bool tp_iequal(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
		if (x != y)
			return false;
	}
	return *a == *b;
}

/* Reads exactly n digits at *p; advances *p. */
static bool tp_digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		char c = (*p)[i];
		if (c < '0' || c > '9')
			return false;
		v = v * 10 + (c - '0');
	}
	*p += n;
	*out = v;
	return true;
}

/* [+-]HH[[:]MM] into minutes east of UTC; advances *p. */
static bool tp_offset(const char **p, int *out)
{
	int sign = **p == '-' ? -1 : 1, h, m = 0;
	if (**p != '+' && **p != '-')
		return false;
	(*p)++;
	if (!tp_digits(p, 2, &h))
		return false;
	if (**p == ':') {
		(*p)++;
		if (!tp_digits(p, 2, &m))
			return false;
	} else if (**p >= '0' && **p <= '9' && !tp_digits(p, 2, &m)) {
		return false;
	}
	if (m > 59)
		return false;
	*out = sign * (h * 60 + m);
	return true;
}

void zone_utc(struct zone *z)
{
	memset(z, 0, sizeof(*z));
	z->kind = ZONE_UTC;
}

bool zone_parse(struct rg_arena *a, const char *s, struct zone *z, char *err, size_t errsz)
{
	zone_utc(z);
	if (tp_iequal(s, "unknown")) {
		z->kind = ZONE_UNKNOWN;
		return true;
	}
	if (tp_iequal(s, "UTC") || tp_iequal(s, "Z"))
		return true;
	const char *p = s;
	if (strncasecmp(s, "UTC", 3) == 0 && (s[3] == '+' || s[3] == '-'))
		p = s + 3;
	int off;
	if (*p == '+' || *p == '-') {
		if (tp_offset(&p, &off) && *p == '\0' && off >= -TP_MAX_OFFSET &&
		    off <= TP_MAX_OFFSET) {
			z->kind = off == 0 ? ZONE_UTC : ZONE_FIXED;
			z->offset_min = off;
			return true;
		}
	} else if (zone_load_iana(a, s, z)) {
		return true;
	}
	snprintf(
	        err, errsz,
	        "expected an IANA time zone name (e.g. Europe/Berlin), a UTC offset (e.g. +02:00), "
	        "UTC or unknown; got \"%.60s\"",
	        s);
	return false;
}

/* Reads the clock part "HH:MM[:SS[.frac]][offset]" at p. */
static bool tp_clock(const char *p, struct time_fields *f)
{
	if (!tp_digits(&p, 2, &f->h) || *p++ != ':' || !tp_digits(&p, 2, &f->mi))
		return false;
	f->prec = RG_TIME_MINUTE;
	if (*p == ':') {
		p++;
		if (!tp_digits(&p, 2, &f->s))
			return false;
		f->prec = RG_TIME_SECOND;
		if (*p == '.' || *p == ',') {
			p++;
			if (*p < '0' || *p > '9')
				return false;
			int digits = 0;
			for (; *p >= '0' && *p <= '9'; p++)
				if (digits < 9) {
					f->nsec = f->nsec * 10 + (*p - '0');
					digits++;
				}
			for (; digits < 9; digits++)
				f->nsec *= 10;
		}
	}
	if (*p == 'Z' || *p == 'z') {
		f->has_offset = true;
		p++;
	} else if (*p == '+' || *p == '-') {
		if (!tp_offset(&p, &f->off))
			return false;
		f->has_offset = true;
	}
	return *p == '\0';
}

static bool tp_syntax(const char *s, struct time_fields *f)
{
	const char *p = s;
	memset(f, 0, sizeof(*f));
	f->d = 1;
	f->dow = -1;
	if (!tp_digits(&p, 4, &f->y) || *p++ != '-' || !tp_digits(&p, 2, &f->mo))
		return false;
	f->prec = RG_TIME_MONTH;
	if (*p == '\0')
		return true;
	if (*p++ != '-' || !tp_digits(&p, 2, &f->d))
		return false;
	f->prec = RG_TIME_DATE;
	if (*p == '\0')
		return true;
	if (*p != 'T' && *p != 't' && *p != ' ')
		return false;
	return tp_clock(p + 1, f);
}

static int tp_mdays(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

static bool tp_ranges(const char *s, const struct time_fields *f, char *err, size_t errsz)
{
	if (f->y < 1)
		snprintf(err, errsz, "year 0000 is out of range; write a year from 0001 on");
	else if (f->mo < 1 || f->mo > 12)
		snprintf(err, errsz, "month %02d is out of range (01 to 12) in \"%.40s\"", f->mo,
		         s);
	else if (f->d < 1 || f->d > tp_mdays(f->y, f->mo))
		snprintf(err, errsz, "%04d-%02d-%02d is not a date (%04d-%02d has %d days)", f->y,
		         f->mo, f->d, f->y, f->mo, tp_mdays(f->y, f->mo));
	else if (f->h > 23)
		snprintf(err, errsz, "hour %02d is out of range (00 to 23) in \"%.40s\"", f->h, s);
	else if (f->mi > 59)
		snprintf(err, errsz, "minute %02d is out of range (00 to 59) in \"%.40s\"", f->mi,
		         s);
	else if (f->s > 59)
		snprintf(err, errsz, "second %02d is out of range (00 to 59) in \"%.40s\"", f->s,
		         s);
	else if (f->off < -TP_MAX_OFFSET || f->off > TP_MAX_OFFSET)
		snprintf(err, errsz, "offset %c%02d:%02d is out of range (-18:00 to +18:00)",
		         f->off < 0 ? '-' : '+', (f->off < 0 ? -f->off : f->off) / 60,
		         (f->off < 0 ? -f->off : f->off) % 60);
	else
		return true;
	return false;
}

/* Instant of wall time `wall` (local seconds as if UTC) in an IANA or fixed zone: the earlier
 * one when the wall time repeats; false (with the offsets before and after) when it is skipped. */
static bool tp_resolve(const struct zone *z, int64_t wall, int64_t *utc, int32_t *off,
                       int32_t *before, int32_t *after)
{
	int32_t cand[3] = {zone_offset_at(z, wall - 86400), zone_offset_at(z, wall),
	                   zone_offset_at(z, wall + 86400)};
	bool found = false;
	for (int i = 0; i < 3; i++) {
		if (zone_offset_at(z, wall - cand[i]) != cand[i])
			continue;
		if (!found || wall - cand[i] < *utc) {
			*utc = wall - cand[i];
			*off = cand[i];
		}
		found = true;
	}
	*before = cand[0];
	*after = cand[2];
	return found;
}

static void tp_offset_text(char *buf, size_t sz, int32_t sec)
{
	int m = (sec < 0 ? -sec : sec) / 60;
	snprintf(buf, sz, "%c%02d:%02d", sec < 0 ? '-' : '+', m / 60, m % 60);
}

/* Applies the zone to an offset-less time. */
static bool tp_zone(const struct zone *z, const struct time_fields *f, int64_t wall,
                    struct rg_time *t, char *err, size_t errsz)
{
	int32_t off = 0, before, after;
	switch (z->kind) {
	case ZONE_UNKNOWN:
		t->naive = true;
		t->utc = wall;
		return true;
	case ZONE_UTC:
		t->utc = wall;
		return true;
	default:
		break;
	}
	if (!tp_resolve(z, wall, &t->utc, &off, &before, &after)) {
		if (f->prec <= RG_TIME_DATE) { /* a day starting in a gap starts after it */
			t->utc = wall - before;
			off = after;
		} else {
			char b[16], a[16];
			tp_offset_text(b, sizeof(b), before);
			tp_offset_text(a, sizeof(a), after);
			snprintf(err, errsz,
			         "%04d-%02d-%02d %02d:%02d does not exist in %s (the clocks skip "
			         "it); "
			         "write the offset, e.g. %04d-%02d-%02dT%02d:%02d%s or %s",
			         f->y, f->mo, f->d, f->h, f->mi, z->name ? z->name : "this zone",
			         f->y, f->mo, f->d, f->h, f->mi, b, a);
			return false;
		}
	}
	t->offset_min = off / 60;
	return true;
}

bool time_parse(const char *s, const struct zone *z, struct rg_time *t, char *err, size_t errsz)
{
	/* every field but pos, which the caller may have set (or left uninitialized) */
	t->prec = RG_TIME_ABSENT;
	t->has_offset = t->naive = false;
	t->offset_min = 0;
	t->utc = 0;
	t->nsec = 0;
	t->raw = s;
	if (tp_iequal(s, "unknown")) {
		t->prec = RG_TIME_UNKNOWN;
		return true;
	}
	struct time_fields f;
	if (!tp_syntax(s, &f)) {
		enum time_human_result r = time_human_parse(s, &f, err, errsz);
		if (r == TH_ERROR)
			return false;
		if (r == TH_NO_MATCH) {
			if (!time_human_numeric_hint(s, err, errsz))
				snprintf(err, errsz, "expected a time such as %s; got \"%.60s\"",
				         TP_EXAMPLES, s);
			return false;
		}
	}
	if (!tp_ranges(s, &f, err, errsz) || !time_human_check_dow(&f, err, errsz))
		return false;
	if (f.human && !f.has_offset && f.prec > RG_TIME_DATE && z->kind == ZONE_UNKNOWN) {
		snprintf(err, errsz,
		         "\"%.60s\" has no time zone and report.timezone is unknown; add the zone "
		         "to the time (e.g. \"%.60s UTC\" or \"%.60s +02:00\") or set "
		         "report.timezone",
		         s, s, s);
		return false;
	}
	int64_t wall = time_days_from_civil(f.y, f.mo, f.d) * 86400 + f.h * 3600 + f.mi * 60 + f.s;
	t->prec = f.prec;
	t->nsec = f.nsec;
	if (f.has_offset) {
		t->has_offset = true;
		t->offset_min = f.off;
		t->utc = wall - (int64_t)f.off * 60;
		return true;
	}
	if (!tp_zone(z, &f, wall, t, err, errsz)) {
		t->prec = RG_TIME_ABSENT;
		return false;
	}
	return true;
}

/* ---- display ---- */

static const char *const tp_months[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
static const char *const tp_days[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                      "Thursday", "Friday", "Saturday"};

struct tp_buf {
	char v[512];
	size_t n;
};

static void tp_put(struct tp_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tp_put(struct tp_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(b->v + b->n, sizeof(b->v) - b->n, fmt, ap);
	va_end(ap);
	if (k > 0)
		b->n = b->n + (size_t)k < sizeof(b->v) ? b->n + (size_t)k : sizeof(b->v) - 1;
}

struct tp_wall {
	int64_t y;
	int mo, d, h, mi, s, dow, yday, off;
};

static void tp_wall_of(const struct rg_time *t, struct tp_wall *w)
{
	int64_t secs = t->utc + (t->naive ? 0 : (int64_t)t->offset_min * 60);
	int64_t days = secs / 86400 - (secs % 86400 < 0);
	int64_t rem = secs - days * 86400;
	time_civil_from_days(days, &w->y, &w->mo, &w->d);
	w->h = (int)(rem / 3600);
	w->mi = (int)(rem / 60 % 60);
	w->s = (int)(rem % 60);
	w->dow = (int)(((days + 4) % 7 + 7) % 7);
	w->yday = (int)(days - time_days_from_civil(w->y, 1, 1)) + 1;
	w->off = t->offset_min;
}

static bool tp_is_time_conv(const char *p)
{
	return strchr("HIMSpzZTR", p[0]) != NULL || (p[0] == ':' && p[1] == 'z');
}

/* The date-only prefix of fmt: up to its first time conversion, trailing separators trimmed. */
static size_t tp_date_part(const char *fmt)
{
	size_t n = 0;
	for (const char *p = fmt; *p; p++) {
		if (*p == '%' && p[1] != '\0') {
			if (tp_is_time_conv(p + 1))
				break;
			p++;
		}
		n = (size_t)(p - fmt) + 1;
	}
	while (n > 0 && strchr(" ,T-:/@", fmt[n - 1]) != NULL && !(n > 1 && fmt[n - 2] == '%'))
		n--;
	return n;
}

static void tp_conv(struct tp_buf *b, const char **pp, const struct tp_wall *w)
{
	const char *p = *pp;
	int a = w->off < 0 ? -w->off : w->off;
	char sign = w->off < 0 ? '-' : '+';
	switch (*p) {
	case 'Y':
		tp_put(b, "%04lld", (long long)w->y);
		break;
	case 'y':
		tp_put(b, "%02d", (int)(w->y % 100));
		break;
	case 'm':
		tp_put(b, "%02d", w->mo);
		break;
	case 'd':
		tp_put(b, "%02d", w->d);
		break;
	case 'e':
		tp_put(b, "%d", w->d);
		break;
	case 'H':
		tp_put(b, "%02d", w->h);
		break;
	case 'I':
		tp_put(b, "%02d", w->h % 12 == 0 ? 12 : w->h % 12);
		break;
	case 'M':
		tp_put(b, "%02d", w->mi);
		break;
	case 'S':
		tp_put(b, "%02d", w->s);
		break;
	case 'p':
		tp_put(b, "%s", w->h < 12 ? "AM" : "PM");
		break;
	case 'b':
		tp_put(b, "%.3s", tp_months[w->mo - 1]);
		break;
	case 'B':
		tp_put(b, "%s", tp_months[w->mo - 1]);
		break;
	case 'a':
		tp_put(b, "%.3s", tp_days[w->dow]);
		break;
	case 'A':
		tp_put(b, "%s", tp_days[w->dow]);
		break;
	case 'j':
		tp_put(b, "%03d", w->yday);
		break;
	case 'T':
		tp_put(b, "%02d:%02d:%02d", w->h, w->mi, w->s);
		break;
	case 'R':
		tp_put(b, "%02d:%02d", w->h, w->mi);
		break;
	case 'z':
		tp_put(b, "%c%02d%02d", sign, a / 60, a % 60);
		break;
	case 'Z':
		if (w->off == 0)
			tp_put(b, "UTC");
		else
			tp_put(b, "UTC%c%02d:%02d", sign, a / 60, a % 60);
		break;
	case ':':
		if (p[1] == 'z') {
			tp_put(b, "%c%02d:%02d", sign, a / 60, a % 60);
			p++;
			break;
		}
		tp_put(b, "%%:");
		break;
	case '%':
		tp_put(b, "%%");
		break;
	default:
		tp_put(b, "%%%c", *p);
		break;
	}
	*pp = p;
}

char *time_format(struct rg_arena *a, const struct rg_time *t, const char *fmt)
{
	if (t == NULL || t->prec == RG_TIME_ABSENT)
		return rg_arena_strdup(a, "");
	if (t->prec == RG_TIME_UNKNOWN)
		return rg_arena_strdup(a, "unknown");
	if (t->naive)
		return rg_arena_strdup(a, t->raw ? t->raw : "");
	if (fmt == NULL)
		fmt = "%Y-%m-%d %H:%M %Z";
	if (t->prec == RG_TIME_MONTH)
		fmt = strncmp(fmt, "%Y", 2) == 0 ? "%Y-%m" : "%B %Y";
	size_t n = t->prec == RG_TIME_DATE ? tp_date_part(fmt) : strlen(fmt);
	struct tp_wall w;
	tp_wall_of(t, &w);
	struct tp_buf b = {.n = 0};
	b.v[0] = '\0';
	for (const char *p = fmt; p < fmt + n && *p; p++) {
		if (*p == '%' && p[1] != '\0') {
			p++;
			tp_conv(&b, &p, &w);
		} else {
			tp_put(&b, "%c", *p);
		}
	}
	return rg_arena_strdup(a, b.v);
}
