/* tzfile.c: time zones: TZif files of the system tz database, POSIX TZ rules, offsets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeparse.h"

#define TZ_MAX_FILE (1024u * 1024)

int64_t time_days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void time_civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static bool tz_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int tz_mdays(int64_t y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && tz_leap(y) ? 29 : days[m - 1];
}

/* ---- POSIX TZ rule strings ---- */

static const char *tz_name(const char *p)
{
	if (*p == '<') {
		const char *q = strchr(p, '>');
		return q ? q + 1 : NULL;
	}
	const char *q = p;
	while ((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z'))
		q++;
	return q - p >= 3 ? q : NULL;
}

/* [+-]hh[:mm[:ss]] into seconds; NULL when malformed. */
static const char *tz_hms(const char *p, int32_t *out)
{
	int sign = 1;
	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	int32_t v = 0, part = 0, nparts = 0;
	while (nparts < 3) {
		if (*p < '0' || *p > '9')
			return NULL;
		part = 0;
		while (*p >= '0' && *p <= '9' && part < 1000)
			part = part * 10 + (*p++ - '0');
		v = v * 60 + part;
		nparts++;
		if (*p != ':')
			break;
		p++;
	}
	for (; nparts < 3; nparts++)
		v *= 60;
	*out = sign * v;
	return p;
}

static const char *tz_num(const char *p, int *out)
{
	if (*p < '0' || *p > '9')
		return NULL;
	int v = 0;
	while (*p >= '0' && *p <= '9' && v < 10000)
		v = v * 10 + (*p++ - '0');
	*out = v;
	return p;
}

static const char *tz_date(const char *p, struct tz_date *r)
{
	r->time = 7200;
	if (*p == 'M') {
		r->kind = 'M';
		if ((p = tz_num(p + 1, &r->m)) == NULL || *p++ != '.' ||
		    (p = tz_num(p, &r->w)) == NULL || *p++ != '.' || (p = tz_num(p, &r->d)) == NULL)
			return NULL;
		if (r->m < 1 || r->m > 12 || r->w < 1 || r->w > 5 || r->d > 6)
			return NULL;
	} else {
		r->kind = *p == 'J' ? 'J' : 'D';
		if ((p = tz_num(p + (*p == 'J'), &r->n)) == NULL || r->n > 365)
			return NULL;
	}
	if (*p == '/' && (p = tz_hms(p + 1, &r->time)) == NULL)
		return NULL;
	return p;
}

/* Parses a POSIX TZ string; false when malformed. */
static bool tz_rule_parse(const char *p, struct tz_rule *r)
{
	memset(r, 0, sizeof(*r));
	int32_t v;
	if ((p = tz_name(p)) == NULL || (p = tz_hms(p, &v)) == NULL)
		return false;
	r->std_off = -v;
	if (*p == '\0')
		return true;
	if ((p = tz_name(p)) == NULL)
		return false;
	r->has_dst = true;
	r->dst_off = r->std_off + 3600;
	if (*p != ',' && *p != '\0') {
		if ((p = tz_hms(p, &v)) == NULL)
			return false;
		r->dst_off = -v;
	}
	if (*p == '\0') { /* no rule: POSIX default of the US rules */
		r->start = (struct tz_date){'M', 0, 3, 2, 0, 7200};
		r->end = (struct tz_date){'M', 0, 11, 1, 0, 7200};
		return true;
	}
	if (*p++ != ',' || (p = tz_date(p, &r->start)) == NULL || *p++ != ',' ||
	    (p = tz_date(p, &r->end)) == NULL)
		return false;
	return *p == '\0';
}

/* Local seconds (since 1970, as if UTC) at which rule date r falls in year y. */
static int64_t tz_rule_local(const struct tz_date *r, int64_t y)
{
	int64_t day;
	if (r->kind == 'J')
		day = time_days_from_civil(y, 1, 1) + r->n - 1 + (tz_leap(y) && r->n >= 60);
	else if (r->kind == 'D')
		day = time_days_from_civil(y, 1, 1) + r->n;
	else {
		int64_t first = time_days_from_civil(y, r->m, 1);
		int dow = (int)(((first + 4) % 7 + 7) % 7); /* 1970-01-01 was a Thursday */
		int mday = 1 + (r->d - dow + 7) % 7 + (r->w - 1) * 7;
		while (mday > tz_mdays(y, r->m))
			mday -= 7;
		day = first + mday - 1;
	}
	return day * 86400 + r->time;
}

static int32_t tz_rule_offset(const struct tz_rule *r, int64_t utc)
{
	if (!r->has_dst)
		return r->std_off;
	int64_t y;
	int m, d;
	time_civil_from_days((utc + r->std_off) / 86400 - ((utc + r->std_off) % 86400 < 0), &y, &m,
	                     &d);
	int64_t start = tz_rule_local(&r->start, y) - r->std_off;
	int64_t end = tz_rule_local(&r->end, y) - r->dst_off;
	bool dst = start < end ? utc >= start && utc < end : !(utc >= end && utc < start);
	return dst ? r->dst_off : r->std_off;
}

int32_t zone_offset_at(const struct zone *z, int64_t utc)
{
	switch (z->kind) {
	case ZONE_FIXED:
		return z->offset_min * 60;
	case ZONE_IANA:
		break;
	default:
		return 0;
	}
	if (z->ntrans == 0 || utc >= z->trans[z->ntrans - 1]) {
		if (z->has_rule)
			return tz_rule_offset(&z->rule, utc);
		return z->ntrans ? z->trans_off[z->ntrans - 1] : z->first_off;
	}
	if (utc < z->trans[0])
		return z->first_off;
	size_t lo = 0, hi = z->ntrans - 1; /* trans[lo] <= utc < trans[hi + 1] */
	while (lo < hi) {
		size_t mid = lo + (hi - lo + 1) / 2;
		if (z->trans[mid] <= utc)
			lo = mid;
		else
			hi = mid - 1;
	}
	return z->trans_off[lo];
}

/* ---- TZif files ---- */

static uint32_t tz_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t tz_be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)tz_be32(p) << 32 | tz_be32(p + 4));
}

struct tz_counts {
	uint32_t isut, isstd, leap, time, type, chars;
};

static bool tz_header(const unsigned char *p, size_t n, struct tz_counts *c)
{
	if (n < 44 || memcmp(p, "TZif", 4) != 0)
		return false;
	*c = (struct tz_counts){tz_be32(p + 20), tz_be32(p + 24), tz_be32(p + 28),
	                        tz_be32(p + 32), tz_be32(p + 36), tz_be32(p + 40)};
	return c->type > 0 && c->type <= 256 && c->time <= 100000 && c->chars <= 100000 &&
	       c->leap <= 100000 && c->isut <= 256 && c->isstd <= 256;
}

static size_t tz_data_size(const struct tz_counts *c, size_t tsz)
{
	return c->time * tsz + c->time + c->type * 6u + c->chars + c->leap * (tsz + 4) + c->isstd +
	       c->isut;
}

/* Fills the zone's transitions from one data block (tsz 4 or 8 byte times). */
static bool tz_block(struct rg_arena *a, const unsigned char *p, size_t n,
                     const struct tz_counts *c, size_t tsz, struct zone *z)
{
	if (tz_data_size(c, tsz) > n)
		return false;
	const unsigned char *idx = p + c->time * tsz, *types = idx + c->time;
	z->ntrans = c->time;
	z->trans = rg_arena_alloc(a, (c->time + 1) * sizeof(*z->trans));
	z->trans_off = rg_arena_alloc(a, (c->time + 1) * sizeof(*z->trans_off));
	for (size_t i = 0; i < c->time; i++) {
		z->trans[i] = tsz == 8 ? tz_be64(p + 8 * i) : (int32_t)tz_be32(p + 4 * i);
		if (idx[i] >= c->type || (i > 0 && z->trans[i] <= z->trans[i - 1]))
			return false;
		z->trans_off[i] = (int32_t)tz_be32(types + 6 * idx[i]);
	}
	z->first_off = (int32_t)tz_be32(types);
	return true;
}

/* Parses a TZif file image (RFC 8536) into z. */
static bool tz_parse(struct rg_arena *a, const unsigned char *p, size_t n, struct zone *z)
{
	struct tz_counts c;
	if (!tz_header(p, n, &c))
		return false;
	if (p[4] < '2')
		return tz_block(a, p + 44, n - 44, &c, 4, z);
	size_t skip = 44 + tz_data_size(&c, 4);
	if (skip > n || !tz_header(p + skip, n - skip, &c))
		return false;
	const unsigned char *d = p + skip + 44;
	size_t left = n - skip - 44;
	if (!tz_block(a, d, left, &c, 8, z))
		return false;
	size_t used = tz_data_size(&c, 8);
	const char *foot = (const char *)d + used, *end = (const char *)p + n;
	if (foot < end && *foot == '\n') {
		const char *nl = memchr(foot + 1, '\n', (size_t)(end - foot - 1));
		if (nl != NULL && nl > foot + 1) {
			char *rule = rg_arena_strndup(a, foot + 1, (size_t)(nl - foot - 1));
			z->has_rule = tz_rule_parse(rule, &z->rule);
		}
	}
	return true;
}

/* A zone name is safe to use as a path: letters, digits, "/_+-", no "." component. */
static bool tz_name_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 200 || s[0] == '/' || s[0] == '.')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		          (c >= '0' && c <= '9') || c == '/' || c == '_' || c == '+' || c == '-' ||
		          (c == '.' && s[i - 1] != '/');
		if (!ok)
			return false;
	}
	return strstr(s, "..") == NULL;
}

bool zone_load_iana(struct rg_arena *a, const char *name, struct zone *z)
{
	if (!tz_name_ok(name))
		return false;
	const char *dir = getenv("TZDIR");
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return false;
	unsigned char *buf = rg_xmalloc(TZ_MAX_FILE);
	size_t n = fread(buf, 1, TZ_MAX_FILE, fp);
	bool ok = !ferror(fp) && n < TZ_MAX_FILE && tz_parse(a, buf, n, z);
	fclose(fp);
	free(buf);
	if (ok) {
		z->kind = ZONE_IANA;
		z->name = rg_arena_strdup(a, name);
	}
	return ok;
}
