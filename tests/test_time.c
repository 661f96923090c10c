/*
 * test_time.c - clock times, dates and slots.
 */
#include <check.h>
#include <string.h>

#include "model/timeutil.h"

Suite *bp_suite_time(void);

START_TEST(time_parses_valid)
{
	int m;
	ck_assert_int_eq(bp_time_parse("07:30", &m), 0);
	ck_assert_int_eq(m, 450);
	ck_assert_int_eq(bp_time_parse("00:00", &m), 0);
	ck_assert_int_eq(m, 0);
	ck_assert_int_eq(bp_time_parse("24:00", &m), 0);
	ck_assert_int_eq(m, 1440);
}
END_TEST

START_TEST(time_refuses_invalid)
{
	int m;
	const char *bad[] = {"7:30", "07:60", "25:00", "24:01", "0730", "07:3a", "", "07:30 ",
			     "ab:cd"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(bp_time_parse(bad[i], &m) == -1, "'%s' accepted", bad[i]);
}
END_TEST

START_TEST(span_parses_and_keeps_order)
{
	struct bp_span s;
	ck_assert_int_eq(bp_span_parse("09:00-11:00", &s), 0);
	ck_assert_int_eq(s.start, 540);
	ck_assert_int_eq(s.end, 660);
	/* Reversed spans parse; refusing them is the validator's job. */
	ck_assert_int_eq(bp_span_parse("11:00-09:00", &s), 0);
	ck_assert_int_gt(s.start, s.end);
	ck_assert_int_eq(bp_span_parse("09:00 11:00", &s), -1);
	ck_assert_int_eq(bp_span_parse("09:00-1100", &s), -1);
}
END_TEST

START_TEST(date_round_trip)
{
	int d;
	char buf[16];
	const char *dates[] = {"1970-01-01", "2000-02-29", "2026-11-23", "2026-12-31",
			       "2099-03-01"};
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		ck_assert_int_eq(bp_date_parse(dates[i], &d), 0);
		bp_date_format(d, buf, sizeof buf);
		ck_assert_str_eq(buf, dates[i]);
	}
	ck_assert_int_eq(bp_date_parse("1970-01-02", &d), 0);
	ck_assert_int_eq(d, 1);
}
END_TEST

START_TEST(date_refuses_invalid)
{
	int d;
	const char *bad[] = {"2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-01",
			     "1900-02-29", "20261123", "2026-11-23T", "1969-12-31"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(bp_date_parse(bad[i], &d) == -1, "'%s' accepted", bad[i]);
}
END_TEST

START_TEST(datetime_parses_and_rolls_over)
{
	int d, m;
	char buf[20];
	ck_assert_int_eq(bp_datetime_parse("2026-11-23T12:00", &d, &m), 0);
	ck_assert_int_eq(m, 720);
	bp_datetime_format(d, m, buf, sizeof buf);
	ck_assert_str_eq(buf, "2026-11-23T12:00");
	/* Overtime past midnight lands on the next date. */
	bp_datetime_format(d, 1440 + 30, buf, sizeof buf);
	ck_assert_str_eq(buf, "2026-11-24T00:30");
	ck_assert_int_eq(bp_datetime_parse("2026-11-23 12:00", &d, &m), 0);
	ck_assert_int_eq(bp_datetime_parse("2026-11-23X12:00", &d, &m), -1);
}
END_TEST

/* Dates end at 2199-12-31, so minutes since 1970 fit an int; a date and
 * time may also fall on the day after, where the last day's overtime
 * ends. */
START_TEST(dates_stop_at_2199)
{
	int d, m;
	char buf[20];
	ck_assert_int_eq(bp_date_parse("2199-12-31", &d), 0);
	ck_assert_int_eq(d, BP_DAY_MAX);
	ck_assert_msg((long long)(BP_DAY_MAX + 2) * 1440 < 2147483647LL, "minutes overflow");
	const char *bad[] = {"2200-01-01", "7026-11-24", "9999-12-31"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(bp_date_parse(bad[i], &d) == -1, "'%s' accepted", bad[i]);
	ck_assert_int_eq(bp_datetime_parse("2200-01-01T00:15", &d, &m), 0);
	ck_assert_int_eq(d, BP_DAY_MAX + 1);
	bp_datetime_format(BP_DAY_MAX, 1440 + 15, buf, sizeof buf);
	ck_assert_str_eq(buf, "2200-01-01T00:15");
	ck_assert_int_eq(bp_datetime_parse("2200-01-02T00:00", &d, &m), -1);
	ck_assert_int_eq(bp_datetime_parse("9999-12-31T23:59", &d, &m), -1);
}
END_TEST

START_TEST(weekday_known_dates)
{
	int d;
	bp_date_parse("2026-11-23", &d);
	ck_assert_int_eq(bp_weekday(d), 0); /* a Monday */
	bp_date_parse("2026-11-29", &d);
	ck_assert_int_eq(bp_weekday(d), 6);
}
END_TEST

START_TEST(slots_round_the_right_way)
{
	ck_assert_int_eq(bp_slot_of(450, 450, 15), 0);
	ck_assert_int_eq(bp_slot_of(464, 450, 15), 0);
	ck_assert_int_eq(bp_slot_of(465, 450, 15), 1);
	ck_assert_int_eq(bp_slot_ceil(451, 450, 15), 1);
	ck_assert_int_eq(bp_slot_ceil(450, 450, 15), 0);
	ck_assert_int_eq(bp_slot_ceil(440, 450, 15), 0);
	ck_assert_int_eq(bp_slots_for(45, 15), 3);
	ck_assert_int_eq(bp_slots_for(46, 15), 4);
}
END_TEST

Suite *bp_suite_time(void)
{
	Suite *s = suite_create("time");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, time_parses_valid);
	tcase_add_test(tc, time_refuses_invalid);
	tcase_add_test(tc, span_parses_and_keeps_order);
	tcase_add_test(tc, date_round_trip);
	tcase_add_test(tc, date_refuses_invalid);
	tcase_add_test(tc, datetime_parses_and_rolls_over);
	tcase_add_test(tc, dates_stop_at_2199);
	tcase_add_test(tc, weekday_known_dates);
	tcase_add_test(tc, slots_round_the_right_way);
	suite_add_tcase(s, tc);
	return s;
}
