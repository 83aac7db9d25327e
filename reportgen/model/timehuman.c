/* timehuman.c: reads times as consoles and mail headers print them, and hints for numeric dates.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "timehuman.h"
#include "timeparse.h"

#define TH_MAX_OFFSET (18 * 60)

static const char *const th_month_names[] = {"January",   "February", "March",    "April",
                                             "May",       "June",     "July",     "August",
                                             "September", "October",  "November", "December"};
static const char *const th_days[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                      "Thursday", "Friday", "Saturday"};

/* Zone abbreviations analysts meet, with what they can mean: all refused, since the same
 * letters name different offsets; the first offset is the one the hint's example uses. */
static const struct th_abbrev {
	const char *name, *example, *meanings;
} th_abbrevs[] = {
        {"IST", "+05:30", "India +05:30, Israel +02:00 or Ireland +01:00"},
        {"CST", "-06:00", "US Central -06:00, China +08:00 or Cuba -05:00"},
        {"CDT", "-05:00", "US Central -05:00 or Cuba -04:00"},
        {"EST", "-05:00", "US Eastern -05:00 or Australian Eastern +10:00"},
        {"EDT", "-04:00", "US Eastern -04:00 or Australian Eastern +11:00"},
        {"MST", "-07:00", "US Mountain -07:00 or Malaysia +08:00"},
        {"MDT", "-06:00", "US Mountain -06:00"},
        {"PST", "-08:00", "US Pacific -08:00 or Philippines +08:00"},
        {"PDT", "-07:00", "US Pacific -07:00"},
        {"AST", "-04:00", "Atlantic -04:00 or Arabia +03:00"},
        {"BST", "+01:00", "British Summer +01:00 or Bangladesh +06:00"},
        {"CET", "+01:00", "Central European +01:00, or +02:00 in summer"},
        {"CEST", "+02:00", "Central European Summer +02:00"},
        {"EET", "+02:00", "Eastern European +02:00, or +03:00 in summer"},
        {"EEST", "+03:00", "Eastern European Summer +03:00"},
        {"WET", "+00:00", "Western European +00:00, or +01:00 in summer"},
        {"MSK", "+03:00", "Moscow +03:00"},
        {"JST", "+09:00", "Japan +09:00"},
        {"KST", "+09:00", "Korea +09:00"},
        {"HKT", "+08:00", "Hong Kong +08:00"},
        {"SGT", "+08:00", "Singapore +08:00"},
        {"AEST", "+10:00", "Australian Eastern +10:00"},
        {"AEDT", "+11:00", "Australian Eastern Summer +11:00"},
};

static bool th_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool th_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads 1..max digits (at least min); advances *p. */
static bool th_number(const char **p, int min, int max, int *out)
{
	int v = 0, n = 0;
	while (n < max && th_digit((*p)[n]))
		v = v * 10 + ((*p)[n++] - '0');
	if (n < min || th_digit((*p)[n]))
		return false;
	*p += n;
	*out = v;
	return true;
}

/* Skips spaces; true when there was at least one. */
static bool th_space(const char **p)
{
	const char *q = *p;
	while (**p == ' ')
		(*p)++;
	return *p > q;
}

/* The length of the word at p (ASCII letters). */
static size_t th_word(const char *p)
{
	size_t n = 0;
	while (th_alpha(p[n]))
		n++;
	return n;
}

/* Index of an English month name or its abbreviation (Sep, Sept) of length n at p, or -1. */
static int th_month(const char *p, size_t n)
{
	for (int i = 0; i < 12; i++)
		if ((n == 3 || n == strlen(th_month_names[i])) &&
		    strncasecmp(p, th_month_names[i], n) == 0)
			return i;
	return n == 4 && strncasecmp(p, "sept", 4) == 0 ? 8 : -1;
}

/* Index of an English day name or its abbreviation (Thu, Thurs, Tues) at p, or -1. */
static int th_day(const char *p, size_t n)
{
	for (int i = 0; i < 7; i++)
		if (n >= 3 && n <= strlen(th_days[i]) && strncasecmp(p, th_days[i], n) == 0 &&
		    (n == 3 || n == strlen(th_days[i]) || (i == 2 && n == 4) || (i == 4 && n <= 5)))
			return i;
	return -1;
}

/* "Mar" / "Mar." / "March" at *p into f->mo; advances *p. TH_ERROR (with a message) for a
 * word that is no month name. */
static enum time_human_result th_month_word(const char **p, struct time_fields *f, char *err,
                                            size_t errsz)
{
	size_t n = th_word(*p);
	int m = n > 0 ? th_month(*p, n) : -1;
	if (m < 0) {
		if (n == 0)
			return TH_NO_MATCH;
		snprintf(err, errsz,
		         "\"%.*s\" is not an English month name; write Jan, Feb, Mar, Apr, May, "
		         "Jun, Jul, Aug, Sep, Oct, Nov or Dec (or the full name)",
		         (int)(n > 20 ? 20 : n), *p);
		return TH_ERROR;
	}
	f->mo = m + 1;
	*p += n;
	if (**p == '.')
		(*p)++;
	return TH_OK;
}

/* The date part: "Mar 14, 2024", "Sep. 17, 2024", "14 Mar 2024" or "2024-03-14". */
static enum time_human_result th_date(const char **pp, struct time_fields *f, char *err,
                                      size_t errsz)
{
	const char *p = *pp;
	enum time_human_result r;
	if (th_digit(p[0]) && th_digit(p[1]) && th_digit(p[2]) && th_digit(p[3]) && p[4] == '-') {
		if (!th_number(&p, 4, 4, &f->y) || *p++ != '-' || !th_number(&p, 2, 2, &f->mo) ||
		    *p++ != '-' || !th_number(&p, 2, 2, &f->d))
			return TH_NO_MATCH;
	} else if (th_digit(p[0])) { /* 14 Mar 2024 */
		if (!th_number(&p, 1, 2, &f->d) || !th_space(&p))
			return TH_NO_MATCH;
		if ((r = th_month_word(&p, f, err, errsz)) != TH_OK)
			return r;
		if (!th_space(&p) || !th_number(&p, 4, 4, &f->y))
			return TH_NO_MATCH;
	} else { /* Mar 14, 2024 */
		size_t n = th_word(p);
		const char *after = p + n + (p[n] == '.');
		if (n == 0 || !th_space(&after) || !th_digit(*after))
			return TH_NO_MATCH; /* a word that is not followed by a day: not a date */
		if ((r = th_month_word(&p, f, err, errsz)) != TH_OK)
			return r;
		if (!th_space(&p) || !th_number(&p, 1, 2, &f->d))
			return TH_NO_MATCH;
		if (*p == ',')
			p++;
		if (!th_space(&p) || !th_number(&p, 4, 4, &f->y))
			return TH_NO_MATCH;
	}
	if (*p == ',')
		p++;
	*pp = p;
	return TH_OK;
}

/* "5:23", "05:23", "08:19:04", "08:19:04.5". */
static bool th_clock(const char **pp, struct time_fields *f)
{
	const char *p = *pp;
	if (!th_number(&p, 1, 2, &f->h) || *p++ != ':' || !th_number(&p, 2, 2, &f->mi))
		return false;
	f->prec = RG_TIME_MINUTE;
	if (*p == ':') {
		p++;
		if (!th_number(&p, 2, 2, &f->s))
			return false;
		f->prec = RG_TIME_SECOND;
		if (*p == '.') {
			p++;
			if (!th_digit(*p))
				return false;
			int digits = 0;
			for (; th_digit(*p); p++)
				if (digits < 9) {
					f->nsec = f->nsec * 10 + (*p - '0');
					digits++;
				}
			for (; digits < 9; digits++)
				f->nsec *= 10;
		}
	}
	*pp = p;
	return true;
}

/* AM or PM (a.m., p.m., any case) at *p: 0 for AM, 12 for PM, -1 for neither. */
static int th_meridiem(const char **pp)
{
	const char *p = *pp;
	char c = (char)(p[0] | 0x20);
	if (c != 'a' && c != 'p')
		return -1;
	if ((p[1] | 0x20) == 'm' && !th_alpha(p[2]) && p[2] != '.') {
		*pp = p + 2;
		return c == 'a' ? 0 : 12;
	}
	if (p[1] == '.' && (p[2] | 0x20) == 'm' && p[3] == '.') {
		*pp = p + 4;
		return c == 'a' ? 0 : 12;
	}
	return -1;
}

/* [+-]HH[[:]MM] (with one_digit, also [+-]H[:MM]: UTC+2) into minutes east of UTC; advances
 * *p. */
static bool th_offset(const char **pp, int *out, bool one_digit)
{
	const char *p = *pp;
	int sign = *p == '-' ? -1 : 1, h = 0, m = 0;
	if (*p != '+' && *p != '-')
		return false;
	p++;
	int n = !th_digit(p[0])                    ? 0
	        : !th_digit(p[1])                  ? 1
	        : th_digit(p[2]) && th_digit(p[3]) ? 4
	                                           : 2;
	if (n == 0 || (n == 1 && !one_digit) || (n == 2 && th_digit(p[2])) ||
	    (n == 4 && th_digit(p[4])))
		return false;
	if (n == 4) { /* +0200 */
		h = (p[0] - '0') * 10 + (p[1] - '0');
		m = (p[2] - '0') * 10 + (p[3] - '0');
		p += 4;
	} else {
		th_number(&p, 1, 2, &h);
		if (*p == ':') {
			p++;
			if (!th_number(&p, 2, 2, &m))
				return false;
		}
	}
	if (m > 59 || h * 60 + m > TH_MAX_OFFSET)
		return false;
	*out = sign * (h * 60 + m);
	*pp = p;
	return true;
}

/* A zone abbreviation other than UTC and GMT: refused with a hint that writes the offset. */
static enum time_human_result th_abbrev_error(const char *s, const char *word, size_t n, char *err,
                                              size_t errsz)
{
	const struct th_abbrev *a = NULL;
	for (size_t i = 0; i < sizeof(th_abbrevs) / sizeof(th_abbrevs[0]); i++)
		if (strlen(th_abbrevs[i].name) == n &&
		    strncasecmp(word, th_abbrevs[i].name, n) == 0)
			a = &th_abbrevs[i];
	int pre = (int)(word - s);
	if (a != NULL)
		snprintf(err, errsz,
		         "the time zone abbreviation \"%s\" is ambiguous (%s); write the offset "
		         "instead, e.g. \"%.*s%s\"",
		         a->name, a->meanings, pre > 60 ? 60 : pre, s, a->example);
	else
		snprintf(
		        err, errsz,
		        "the time zone abbreviation \"%.*s\" is not one reportgen reads (only UTC, "
		        "GMT and Z are); write the offset instead, e.g. \"%.*s+02:00\"",
		        (int)n, word, pre > 60 ? 60 : pre, s);
	return TH_ERROR;
}

/* The zone after the clock: Z, UTC, GMT, UT (optionally followed by an offset), or an offset. */
static enum time_human_result th_zone(const char *s, const char **pp, struct time_fields *f,
                                      char *err, size_t errsz)
{
	const char *p = *pp;
	size_t n = th_word(p);
	if (n > 0) {
		bool utc = (n == 1 && (*p | 0x20) == 'z') ||
		           (n == 3 &&
		            (strncasecmp(p, "utc", 3) == 0 || strncasecmp(p, "gmt", 3) == 0)) ||
		           (n == 2 && strncasecmp(p, "ut", 2) == 0);
		if (!utc) {
			bool upper = n >= 2 && n <= 5;
			for (size_t i = 0; i < n; i++)
				upper = upper && p[i] >= 'A' && p[i] <= 'Z';
			if (upper && p[n] == '\0')
				return th_abbrev_error(s, p, n, err, errsz);
			return TH_NO_MATCH;
		}
		p += n;
		f->has_offset = true;
		f->off = 0;
		if ((*p == '+' || *p == '-') && n > 1 && !th_offset(&p, &f->off, true))
			return TH_NO_MATCH;
	} else if (*p == '+' || *p == '-') {
		if (!th_offset(&p, &f->off, false))
			return TH_NO_MATCH;
		f->has_offset = true;
	} else {
		return TH_NO_MATCH;
	}
	*pp = p;
	return TH_OK;
}

enum time_human_result time_human_parse(const char *s, struct time_fields *f, char *err,
                                        size_t errsz)
{
	const char *p = s;
	enum time_human_result r;
	memset(f, 0, sizeof(*f));
	f->d = 1;
	f->dow = -1;
	f->human = true;
	size_t n = th_word(p);
	int dow = n > 0 ? th_day(p, n) : -1;
	if (dow >= 0) { /* "Fri, " */
		p += n;
		p += *p == '.';
		p += *p == ',';
		if (!th_space(&p))
			return TH_NO_MATCH;
		f->dow = dow;
	}
	if ((r = th_date(&p, f, err, errsz)) != TH_OK)
		return r;
	f->prec = RG_TIME_DATE;
	if (*p == '\0')
		return p[-1] == ',' ? TH_NO_MATCH : TH_OK;
	if (!th_space(&p))
		return TH_NO_MATCH;
	int date_len = (int)(p - s) > 60 ? 60 : (int)(p - s);
	if (!th_clock(&p, f))
		return TH_NO_MATCH;
	bool sp = th_space(&p);
	int mer = th_meridiem(&p);
	if (mer >= 0 && (f->h < 1 || f->h > 12)) {
		int h12 = f->h == 0 ? 12 : f->h > 12 ? f->h - 12 : f->h;
		snprintf(err, errsz,
		         "hour %d is not on a 12-hour clock (1 to 12 with AM or PM); write "
		         "\"%.*s%02d:%02d\" (24-hour, without %s) or \"%.*s%d:%02d %s\"",
		         f->h, date_len, s, f->h, f->mi, mer ? "PM" : "AM", date_len, s, h12, f->mi,
		         f->h >= 12 ? "PM" : "AM");
		return TH_ERROR;
	}
	if (mer >= 0)
		f->h = f->h % 12 + mer;
	if (mer >= 0)
		sp = th_space(&p);
	if (*p == '\0')
		return sp ? TH_NO_MATCH : TH_OK;
	if ((r = th_zone(s, &p, f, err, errsz)) != TH_OK)
		return r;
	return *p == '\0' ? TH_OK : TH_NO_MATCH;
}

bool time_human_numeric_hint(const char *s, char *err, size_t errsz)
{
	const char *p = s;
	int a, b, y;
	if (!th_number(&p, 1, 2, &a))
		return false;
	char sep = *p;
	if (sep != '/' && sep != '.' && sep != '-')
		return false;
	p++;
	if (!th_number(&p, 1, 2, &b) || *p++ != sep || !th_number(&p, 4, 4, &y))
		return false;
	if (*p != '\0' && *p != ' ' && *p != ',')
		return false;
	const char *rest = *p == ',' ? p + 1 : p;
	int len = (int)(p - s);
	if (a >= 1 && a <= 12 && b >= 1 && b <= 12 && a != b)
		snprintf(err, errsz,
		         "\"%.*s\" is ambiguous (%d %s or %s %d); write the date year first: "
		         "%04d-%02d-%02d%.40s for %d %s, %04d-%02d-%02d%.40s for %s %d",
		         len, s, a, th_month_names[b - 1], th_month_names[a - 1], b, y, b, a, rest,
		         a, th_month_names[b - 1], y, a, b, rest, th_month_names[a - 1], b);
	else if (a >= 1 && a <= 31 && b >= 1 && b <= 12)
		snprintf(err, errsz, "write the date \"%.*s\" year first: %04d-%02d-%02d%.40s", len,
		         s, y, b, a, rest);
	else if (a >= 1 && a <= 12 && b >= 1 && b <= 31)
		snprintf(err, errsz, "write the date \"%.*s\" year first: %04d-%02d-%02d%.40s", len,
		         s, y, a, b, rest);
	else
		return false;
	return true;
}

bool time_human_check_dow(const struct time_fields *f, char *err, size_t errsz)
{
	if (f->dow < 0)
		return true;
	int64_t days = time_days_from_civil(f->y, f->mo, f->d);
	int dow = (int)(((days + 4) % 7 + 7) % 7);
	if (dow == f->dow)
		return true;
	snprintf(err, errsz,
	         "%04d-%02d-%02d is a %s, not a %s; correct the day of the week or the date", f->y,
	         f->mo, f->d, th_days[dow], th_days[f->dow]);
	return false;
}
