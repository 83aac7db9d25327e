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
	                    "write the date \"17.09.2024\" year first: 2024-09-17");
	assert_string_equal(bad("17 Sept", &utc),
	                    "expected a time such as 2024-09-17T12:05:00Z, 2024-09-17 12:05+02:00, "
	                    "Sep 17, 2024 12:05 PM UTC, 2024-09-17 or 2024-09; got \"17 Sept\"");
	bad("2024-09-17T12:05:00+25:00", &utc);
	bad("2024-09-17T12", &utc);
	bad("2024-09-17T12:05:00.Z", &utc);
	bad("2024-09-17T12:05:00Z ", &utc);
	bad("", &utc);
	bad("2024-9-17", &utc);
}

/* Times as consoles and mail headers print them. */
static void test_human_forms(void **state)
{
	(void)state;
	struct zone utc;
	zone_utc(&utc);
	struct rg_time t = ok("Mar 14, 2024 05:23 PM", &utc);
	assert_int_equal(t.prec, RG_TIME_MINUTE);
	assert_int_equal(t.utc, 1710436980);
	assert_false(t.has_offset);
	assert_string_equal(t.raw, "Mar 14, 2024 05:23 PM");
	assert_int_equal(ok("Sep. 17, 2024, 12:05 PM", &utc).utc, 1726574700);
	assert_int_equal(ok("sept 17 2024 12:05 pm", &utc).utc, 1726574700);
	assert_int_equal(ok("September 17, 2024 12:05 AM", &utc).utc, 1726574700 - 12 * 3600);
	assert_int_equal(ok("14 Mar 2024 17:23", &utc).utc, 1710436980);
	assert_int_equal(ok("2024-03-14 5:23 PM", &utc).utc, 1710436980);
	assert_int_equal(ok("2024-03-14 5:23 p.m.", &utc).utc, 1710436980);
	assert_int_equal(ok("Mar 14 2024 05:23PM", &utc).utc, 1710436980);
	t = ok("Fri, 22 Sep 2023 08:19:04 GMT", &utc);
	assert_int_equal(t.prec, RG_TIME_SECOND);
	assert_true(t.has_offset);
	assert_int_equal(t.utc, 1695370744);
	t = ok("Fri, 22 Sep 2023 08:19:04 +0200", &utc);
	assert_int_equal(t.utc, 1695370744 - 7200);
	assert_int_equal(t.offset_min, 120);
	assert_int_equal(ok("Mar 14, 2024 05:23 PM UTC", &utc).utc, 1710436980);
	assert_int_equal(ok("Mar 14, 2024 05:23 PM Z", &utc).utc, 1710436980);
	assert_int_equal(ok("Mar 14, 2024 05:23 PM +05:30", &utc).utc, 1710436980 - 19800);
	assert_int_equal(ok("Mar 14, 2024 05:23 PM UTC+02:00", &utc).offset_min, 120);
	assert_int_equal(ok("14 Mar 2024 17:23-04", &utc).offset_min, -240);
	assert_int_equal(ok("Mar 14, 2024 12:00 AM", &utc).utc, 1710374400);
	assert_int_equal(ok("Mar 14, 2024 12:30 PM", &utc).utc, 1710374400 + 45000);
	t = ok("Mar 14, 2024", &utc);
	assert_int_equal(t.prec, RG_TIME_DATE);
	assert_int_equal(t.utc, 1710374400);
	assert_int_equal(ok("Thursday, 14 March 2024", &utc).prec, RG_TIME_DATE);
	assert_int_equal(ok("Thurs, Mar 14, 2024 1:00 PM", &utc).utc, 1710374400 + 13 * 3600);
	/* the letter template's date format reads back */
	struct zone berlin = zone_of("Europe/Berlin");
	t = ok("2024-07-01 09:00", &berlin);
	const char *shown = time_format(arena, &t, "%b %e, %Y %I:%M %p %Z");
	assert_string_equal(shown, "Jul 1, 2024 09:00 AM UTC+02:00");
	assert_int_equal(ok(shown, &utc).utc, t.utc);
	shown = time_format(arena, &t, "%d %b %Y %H:%M %Z");
	assert_int_equal(ok(shown, &utc).utc, t.utc);
}

static void test_human_zones(void **state)
{
	(void)state;
	struct zone z = zone_of("Europe/Berlin");
	struct rg_time t = ok("Mar 14, 2024 05:23 PM", &z);
	assert_int_equal(t.utc, 1710436980 - 3600);
	assert_int_equal(t.offset_min, 60);
	assert_int_equal(ok("Jul 14, 2024 05:23 PM", &z).offset_min, 120);
	assert_int_equal(ok("Jul 14, 2024 05:23 PM GMT", &z).offset_min, 0);
	assert_string_equal(bad("Mar 31, 2024 2:30 AM", &z),
	                    "2024-03-31 02:30 does not exist in Europe/Berlin (the clocks skip "
	                    "it); write the offset, e.g. 2024-03-31T02:30+01:00 or +02:00");
	struct zone unk = zone_of("unknown");
	assert_string_equal(bad("Mar 14, 2024 05:23 PM", &unk),
	                    "\"Mar 14, 2024 05:23 PM\" has no time zone and report.timezone is "
	                    "unknown; add the zone to the time (e.g. \"Mar 14, 2024 05:23 PM "
	                    "UTC\" or \"Mar 14, 2024 05:23 PM +02:00\") or set report.timezone");
	bad("14 Mar 2024 17:23", &unk);
	t = ok("14 Mar 2024 17:23 UTC", &unk);
	assert_false(t.naive);
	assert_int_equal(t.utc, 1710436980);
	assert_true(ok("Mar 14, 2024", &unk).naive);
	assert_true(ok("2024-03-14 17:23", &unk).naive); /* ISO forms stay naive */
	struct zone utc;
	zone_utc(&utc);
	assert_string_equal(bad("Mar 14, 2024 05:23 PM IST", &utc),
	                    "the time zone abbreviation \"IST\" is ambiguous (India +05:30, "
	                    "Israel +02:00 or Ireland +01:00); write the offset instead, e.g. "
	                    "\"Mar 14, 2024 05:23 PM +05:30\"");
	assert_non_null(strstr(bad("14 Mar 2024 17:23 CST", &utc), "China +08:00"));
	assert_non_null(strstr(bad("14 Mar 2024 17:23 ABC", &utc), "only UTC, GMT and Z"));
}

static void test_human_invalid(void **state)
{
	(void)state;
	struct zone utc;
	zone_utc(&utc);
	assert_string_equal(bad("Thu, 22 Sep 2023 08:19:04 GMT", &utc),
	                    "2023-09-22 is a Friday, not a Thursday; correct the day of the week "
	                    "or the date");
	assert_string_equal(bad("03/04/2024", &utc),
	                    "\"03/04/2024\" is ambiguous (3 April or March 4); write the date "
	                    "year first: 2024-04-03 for 3 April, 2024-03-04 for March 4");
	assert_string_equal(bad("09/17/2024 12:05", &utc),
	                    "write the date \"09/17/2024\" year first: 2024-09-17 12:05");
	assert_string_equal(bad("Mar 14, 2024 17:23 PM", &utc),
	                    "hour 17 is not on a 12-hour clock (1 to 12 with AM or PM); write "
	                    "\"Mar 14, 2024 17:23\" (24-hour, without PM) or \"Mar 14, 2024 5:23 "
	                    "PM\"");
	assert_non_null(strstr(bad("Mar 14, 2024 0:23 AM", &utc), "12:23 AM"));
	assert_non_null(strstr(bad("Mrz 14, 2024", &utc), "not an English month name"));
	assert_string_equal(bad("Feb 30, 2024 10:00", &utc),
	                    "2024-02-30 is not a date (2024-02 has 29 days)");
	bad("Mar 14, 2024 05:23 PM ", &utc);
	bad("Mar 14, 24 05:23 PM", &utc);
	bad("Mar 14, 2024 05:23 PM UTC extra", &utc);
	bad("Mar 14, 2024 5 PM", &utc);
	bad("Mar 14, 2024 05:23 PM +25:00", &utc);
	bad("Mar 14, 2024,", &utc);
	bad("14 Mar", &utc);
	bad("Fri,22 Sep 2023", &utc);
	bad("14 Mar 2024 17:23 +023", &utc);
	bad("14 Mar 2024 17:23 +0", &utc);
	bad("14 Mar 2024 17:23 +", &utc);
	bad("14 Mar 2024 17:23 UTC+", &utc);
	bad("14 Mar 2024 5:23 a.", &utc);
	assert_int_equal(ok("14 Mar 2024 17:23 UTC+2", &utc).offset_min, 120);
	bad("yesterday", &utc);
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
	        cmocka_unit_test(test_forms),         cmocka_unit_test(test_invalid),
	        cmocka_unit_test(test_berlin_dst),    cmocka_unit_test(test_southern_and_fixed),
	        cmocka_unit_test(test_unknown_zone),  cmocka_unit_test(test_bad_zones),
	        cmocka_unit_test(test_format),        cmocka_unit_test(test_civil),
	        cmocka_unit_test(test_human_forms),   cmocka_unit_test(test_human_zones),
	        cmocka_unit_test(test_human_invalid),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
