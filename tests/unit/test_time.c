/* test_time.c: time parsing, time zones (fixed, IANA with DST edges, unknown) and display. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "timeparse.h"

static struct rg_arena *arena;
static char err[512];

static struct zone zone_of(const char *spec)
{
	struct zone z;
	err[0] = '\0';
	assert_true(zone_parse(arena, spec, &z, err, sizeof(err)));
	return z;
}

static struct rg_time ok(const char *s, const struct zone *z)
{
	struct rg_time t = {0};
	err[0] = '\0';
	if (!time_parse(s, z, &t, err, sizeof(err)))
		fail_msg("%s: %s", s, err);
	return t;
}

static const char *bad(const char *s, const struct zone *z)
{
	struct rg_time t = {0};
	err[0] = '\0';
	assert_false(time_parse(s, z, &t, err, sizeof(err)));
	return err;
}

static int setup(void **state)
{
	(void)state;
	arena = rg_arena_new();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rg_arena_free(arena);
	return 0;
}

static void test_forms(void **state)
{
	(void)state;
	struct zone utc;
	zone_utc(&utc);
	struct rg_time t = ok("2024-09-17T12:05:00Z", &utc);
	assert_int_equal(t.prec, RG_TIME_SECOND);
	assert_true(t.has_offset);
	assert_int_equal(t.utc, 1726574700);
	assert_string_equal(t.raw, "2024-09-17T12:05:00Z");
	t = ok("2024-09-17 12:05+02:00", &utc);
	assert_int_equal(t.prec, RG_TIME_MINUTE);
	assert_int_equal(t.utc, 1726567500);
	assert_int_equal(t.offset_min, 120);
	assert_int_equal(ok("2024-09-17T12:05:00+0200", &utc).utc, 1726567500);
	assert_int_equal(ok("2024-09-17t12:05:00+02", &utc).utc, 1726567500);
	t = ok("2024-09-17T12:05:00.5Z", &utc);
	assert_int_equal(t.nsec, 500000000);
	assert_int_equal(ok("2024-09-17T12:05:00,1234567891Z", &utc).nsec, 123456789);
	t = ok("2024-09-17", &utc);
	assert_int_equal(t.prec, RG_TIME_DATE);
	assert_int_equal(t.utc, 1726531200);
	assert_false(t.has_offset);
	t = ok("2024-09", &utc);
	assert_int_equal(t.prec, RG_TIME_MONTH);
	assert_int_equal(t.utc, 1725148800);
	assert_int_equal(ok("Unknown", &utc).prec, RG_TIME_UNKNOWN);
	assert_int_equal(ok("2024-02-29", &utc).prec, RG_TIME_DATE);
}

static void test_invalid(void **state)
{
	(void)state;
	struct zone utc;
	zone_utc(&utc);
	assert_string_equal(bad("2024-02-30", &utc),
	                    "2024-02-30 is not a date (2024-02 has 29 days)");
	assert_string_equal(bad("2023-02-29T10:00Z", &utc),
	                    "2023-02-29 is not a date (2023-02 has 28 days)");
	assert_string_equal(bad("2024-09-17T25:00", &utc),
	                    "hour 25 is out of range (00 to 23) in \"2024-09-17T25:00\"");
	assert_string_equal(bad("2024-09-17T12:60Z", &utc),
	                    "minute 60 is out of range (00 to 59) in \"2024-09-17T12:60Z\"");
	assert_string_equal(bad("2024-13", &utc),
	                    "month 13 is out of range (01 to 12) in \"2024-13\"");
	assert_string_equal(bad("17.09.2024", &utc),
	                    "expected a time such as 2024-09-17T12:05:00Z, 2024-09-17 12:05+02:00, "
	                    "2024-09-17 or 2024-09; got \"17.09.2024\"");
	bad("2024-09-17T12:05:00+25:00", &utc);
	bad("2024-09-17T12", &utc);
	bad("2024-09-17T12:05:00.Z", &utc);
	bad("2024-09-17T12:05:00Z ", &utc);
	bad("", &utc);
	bad("2024-9-17", &utc);
}

static void test_berlin_dst(void **state)
{
	(void)state;
	struct zone z = zone_of("Europe/Berlin");
	assert_int_equal(z.kind, ZONE_IANA);
	struct rg_time t = ok("2024-03-31 01:59", &z);
	assert_int_equal(t.utc, 1711846740);
	assert_int_equal(t.offset_min, 60);
	assert_false(t.has_offset);
	assert_string_equal(
	        bad("2024-03-31 02:30", &z),
	        "2024-03-31 02:30 does not exist in Europe/Berlin (the clocks skip it); "
	        "write the offset, e.g. 2024-03-31T02:30+01:00 or +02:00");
	t = ok("2024-03-31 03:00", &z);
	assert_int_equal(t.utc, 1711846800);
	assert_int_equal(t.offset_min, 120);
	t = ok("2024-10-27 02:30", &z); /* repeated: the earlier instant */
	assert_int_equal(t.utc, 1729989000);
	assert_int_equal(t.offset_min, 120);
	t = ok("2024-10-27 03:00", &z);
	assert_int_equal(t.utc, 1729994400);
	assert_int_equal(t.offset_min, 60);
	t = ok("2024-07-01", &z);
	assert_int_equal(t.utc, 1719784800);
	/* past the file's transitions: the POSIX rule at its end applies */
	t = ok("2100-07-01 12:00", &z);
	assert_int_equal(t.utc, 4118119200);
	/* an explicit offset wins over the zone */
	assert_int_equal(ok("2024-09-17T12:05:00Z", &z).utc, 1726574700);
}

static void test_southern_and_fixed(void **state)
{
	(void)state;
	struct zone z = zone_of("Australia/Sydney");
	assert_int_equal(ok("2100-01-15 12:00", &z).utc, 4103658000);
	assert_int_equal(ok("2100-01-15 12:00", &z).offset_min, 660);
	z = zone_of("+05:30");
	assert_int_equal(z.kind, ZONE_FIXED);
	struct rg_time t = ok("2024-01-01 00:00", &z);
	assert_int_equal(t.utc, 1704047400);
	assert_int_equal(t.offset_min, 330);
	assert_int_equal(zone_of("-0800").offset_min, -480);
	assert_int_equal(zone_of("UTC+01").offset_min, 60);
	assert_int_equal(zone_of("utc").kind, ZONE_UTC);
}

static void test_unknown_zone(void **state)
{
	(void)state;
	struct zone z = zone_of("unknown");
	assert_int_equal(z.kind, ZONE_UNKNOWN);
	struct rg_time t = ok("2024-09-17 12:05", &z);
	assert_true(t.naive);
	assert_int_equal(t.utc, 1726574700);
	assert_string_equal(time_format(arena, &t, "%b %d, %Y"), "2024-09-17 12:05");
	t = ok("2024-09-17T12:05+02:00", &z);
	assert_false(t.naive);
	assert_int_equal(t.utc, 1726567500);
}

static void test_bad_zones(void **state)
{
	(void)state;
	struct zone z;
	assert_false(zone_parse(arena, "Mars/Olympus", &z, err, sizeof(err)));
	assert_string_equal(err,
	                    "expected an IANA time zone name (e.g. Europe/Berlin), a UTC offset "
	                    "(e.g. +02:00), UTC or unknown; got \"Mars/Olympus\"");
	assert_false(zone_parse(arena, "../../etc/passwd", &z, err, sizeof(err)));
	assert_false(zone_parse(arena, "/etc/localtime", &z, err, sizeof(err)));
	assert_false(zone_parse(arena, "Europe", &z, err, sizeof(err)));
	assert_false(zone_parse(arena, "+19:00", &z, err, sizeof(err)));
	assert_false(zone_parse(arena, "+02:61", &z, err, sizeof(err)));
}

static void test_format(void **state)
{
	(void)state;
	struct zone utc;
	zone_utc(&utc);
	struct rg_time t = ok("2024-09-18T13:32:13Z", &utc);
	assert_string_equal(time_format(arena, &t, "%b %d, %Y, %I:%M %p"),
	                    "Sep 18, 2024, 01:32 PM");
	assert_string_equal(time_format(arena, &t, NULL), "2024-09-18 13:32 UTC");
	assert_string_equal(time_format(arena, &t, "%A %e %B %y %j %T %z %%"),
	                    "Wednesday 18 September 24 262 13:32:13 +0000 %");
	t = ok("2024-09-18T13:32:13-04:30", &utc);
	assert_string_equal(time_format(arena, &t, "%Y-%m-%dT%H:%M:%S%:z %Z"),
	                    "2024-09-18T13:32:13-04:30 UTC-04:30");
	t = ok("2024-09-18", &utc);
	assert_string_equal(time_format(arena, &t, "%b %d, %Y, %I:%M %p"), "Sep 18, 2024");
	assert_string_equal(time_format(arena, &t, "%Y-%m-%dT%H:%M"), "2024-09-18");
	t = ok("2024-09", &utc);
	assert_string_equal(time_format(arena, &t, "%b %d, %Y"), "September 2024");
	assert_string_equal(time_format(arena, &t, "%Y-%m-%d"), "2024-09");
	t = ok("unknown", &utc);
	assert_string_equal(time_format(arena, &t, NULL), "unknown");
	struct rg_time absent = {0};
	assert_string_equal(time_format(arena, &absent, NULL), "");
	struct zone berlin = zone_of("Europe/Berlin");
	t = ok("2024-07-01 09:00", &berlin);
	assert_string_equal(time_format(arena, &t, "%H:%M %Z"), "09:00 UTC+02:00");
}

static void test_civil(void **state)
{
	(void)state;
	int64_t y;
	int m, d;
	for (int64_t days = -800000; days < 800000; days += 997) {
		time_civil_from_days(days, &y, &m, &d);
		assert_int_equal(time_days_from_civil(y, m, d), days);
	}
	assert_int_equal(time_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(time_days_from_civil(2000, 3, 1), 11017);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_forms),        cmocka_unit_test(test_invalid),
	        cmocka_unit_test(test_berlin_dst),   cmocka_unit_test(test_southern_and_fixed),
	        cmocka_unit_test(test_unknown_zone), cmocka_unit_test(test_bad_zones),
	        cmocka_unit_test(test_format),       cmocka_unit_test(test_civil),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
