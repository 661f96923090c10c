/*
 * test_csv.c - the history CSVs: part demand and job actuals, RFC 4180
 * quoting, and errors that name file, line, column and the column's header.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv_history.h"
#include "io/yaml_shop.h"

Suite *bp_suite_csv(void);

static int day_of(const char *d)
{
	int day = -1;
	bp_date_parse(d, &day);
	return day;
}

/* The good shop without its history, so each test reads its own CSV. */
static void shop(struct bp_shop *s)
{
	static const char y[] =
		"shop: {name: A, open: \"07:30\", close: \"18:00\"}\n"
		"skills: [m]\nbay_types: [{id: g}]\n"
		"technicians: [{id: T1, shift: \"08:00-17:00\", skills: {m: 2}}]\n"
		"services: [{code: OIL, skill: m, level: 1, bay: g, minutes: {1: 40}}]\n"
		"parts: [{sku: FLT, supply: common}, {sku: \"PAD F\", supply: rare}]\n"
		"jobs: [{id: RO-1, date: \"2026-11-23\", service: OIL, tier: core, "
		"window: \"09:00-11:00\"}]\n"
		"windows: [\"08:00-09:00\", \"09:00-11:00\"]\n";
	struct bp_err e;
	bp_shop_init(s);
	int rc = bp_shopfile_parse(y, sizeof y - 1, "t.yaml", NULL, s, &e);
	ck_assert_msg(rc == BP_OK, "test shop refused: %s at %d:%d", e.msg, e.line, e.col);
}

static void demand_fails(const char *csv, int line, int col, const char *needle)
{
	struct bp_shop s;
	struct bp_err e;
	shop(&s);
	int rc = bp_csv_parse_demand(csv, strlen(csv), "d.csv", &s, &e);
	bp_shop_free(&s);
	ck_assert_msg(rc == BP_EDATA, "status %d for '%s'", rc, csv);
	ck_assert_msg(e.line == line && e.col == col, "at %d:%d, want %d:%d (%s)", e.line, e.col,
		      line, col, e.msg);
	ck_assert_msg(strstr(e.msg, needle), "message '%s' lacks '%s'", e.msg, needle);
	ck_assert_str_eq(e.file, "d.csv");
}

static void actuals_fails(const char *csv, int line, int col, const char *needle)
{
	struct bp_shop s;
	struct bp_err e;
	shop(&s);
	int rc = bp_csv_parse_actuals(csv, strlen(csv), "a.csv", &s, &e);
	bp_shop_free(&s);
	ck_assert_msg(rc == BP_EDATA, "status %d for '%s'", rc, csv);
	ck_assert_msg(e.line == line && e.col == col, "at %d:%d, want %d:%d (%s)", e.line, e.col,
		      line, col, e.msg);
	ck_assert_msg(strstr(e.msg, needle), "message '%s' lacks '%s'", e.msg, needle);
}

START_TEST(demand_good_file)
{
	struct bp_shop s;
	struct bp_err e;
	char *buf;
	size_t len;
	/* The good shop's own demand file, against the good shop's parts. */
	bp_shop_init(&s);
	ck_assert_int_eq(bp_shopfile_load("data/good_shop.yaml", BP_YAML_MAX_BYTES, &buf, &len,
					  &e), BP_OK);
	ck_assert_int_eq(bp_shopfile_parse(buf, len, "good_shop.yaml", NULL, &s, &e), BP_OK);
	free(buf);
	ck_assert_int_eq(bp_csv_read_demand("data/good_demand.csv", &s, &e), BP_OK);
	ck_assert_int_eq(s.ndemand, 4);
	ck_assert_int_eq(s.demand[0].day, day_of("2026-11-16"));
	ck_assert_int_eq(s.demand[0].part, 0);
	ck_assert_int_eq(s.demand[0].qty, 3);
	ck_assert_int_eq(s.demand[2].part, 2);
	ck_assert_int_eq(s.demand[2].qty, 0);
	ck_assert_int_eq(bp_csv_read_actuals("data/good_actuals.csv", &s, &e), BP_OK);
	ck_assert_int_eq(s.nactuals, 4);
	bp_shop_free(&s);
}
END_TEST

START_TEST(demand_columns_any_order_crlf_bom)
{
	static const char csv[] = "\xEF\xBB\xBFqty,sku,date\r\n2,FLT,2026-11-20\r\n\r\n"
				  "7,\"PAD F\",2026-11-21\r\n";
	struct bp_shop s;
	struct bp_err e;
	shop(&s);
	int rc = bp_csv_parse_demand(csv, sizeof csv - 1, "d.csv", &s, &e);
	ck_assert_msg(rc == BP_OK, "%s at %d:%d", e.msg, e.line, e.col);
	ck_assert_int_eq(s.ndemand, 2);
	ck_assert_int_eq(s.demand[0].qty, 2);
	ck_assert_int_eq(s.demand[1].part, 1);
	ck_assert_int_eq(s.demand[1].qty, 7);
	ck_assert_int_eq(s.demand[1].day, day_of("2026-11-21"));
	bp_shop_free(&s);
}
END_TEST

START_TEST(demand_qty_bound_accepted)
{
	static const char csv[] = "date,sku,qty\n2026-11-20,FLT,1000000\n";
	struct bp_shop s;
	struct bp_err e;
	shop(&s);
	int rc = bp_csv_parse_demand(csv, sizeof csv - 1, "d.csv", &s, &e);
	ck_assert_msg(rc == BP_OK, "%s at %d:%d", e.msg, e.line, e.col);
	ck_assert_int_eq(s.demand[0].qty, 1000000);
	bp_shop_free(&s);
}
END_TEST

START_TEST(demand_bad_header)
{
	demand_fails("date,sku,quantity\n2026-11-20,FLT,1\n", 1, 10,
		     "unknown column 'quantity'; known columns: date, sku, qty");
	demand_fails("date,sku,sku,qty\n", 1, 10, "column 'sku' appears twice");
	demand_fails("", 1, 1, "the file is empty; its first line must name the columns: "
		     "date, sku, qty");
}
END_TEST

START_TEST(demand_missing_column)
{
	demand_fails("sku,date\nFLT,2026-11-20\n", 1, 1,
		     "missing column 'qty'; the header must name date, sku, qty");
	demand_fails("date,sku,qty\n2026-11-20,FLT\n", 2, 1, "the row has 2 columns; the header "
		     "has 3");
}
END_TEST

START_TEST(demand_unknown_sku)
{
	demand_fails("date,sku,qty\n2026-11-20,FLT,1\n2026-11-20,OIL-9,1\n", 3, 12,
		     "column 2 'sku': no part 'OIL-9' in the shop");
}
END_TEST

START_TEST(demand_bad_number)
{
	demand_fails("date,sku,qty\n2026-11-20,FLT,-2\n", 2, 16,
		     "column 3 'qty': '-2' is not a whole number >= 0");
	demand_fails("date,sku,qty\n2026-11-20,FLT,1.5\n", 2, 16, "'1.5' is not a whole number");
	/* Too big is too big, not "not a whole number". */
	demand_fails("date,sku,qty\n2026-11-20,FLT,99999999999\n", 2, 16,
		     "column 3 'qty': 99999999999 is more than 1000000");
	demand_fails("date,sku,qty\n2026-11-20,FLT,2147483648\n", 2, 16,
		     "column 3 'qty': 2147483648 is more than 1000000");
	demand_fails("date,sku,qty\n2026-11-20,FLT,1000001\n", 2, 16, "is more than 1000000");
	demand_fails("date,sku,qty\n2026-11-31,FLT,1\n", 2, 1, "column 1 'date': '2026-11-31' "
		     "is not a date");
}
END_TEST

START_TEST(quoted_fields)
{
	/* Doubled quotes, a comma and a line break inside quotes; the line count
	 * goes on across the break, so the next error is on line 5. */
	static const char csv[] = "job_id,technician,arrived,started,finished,no_show,date\n"
				  "\"RO \"\"A\"\", 1\",T1,,,,0,2026-11-20\n"
				  "\"RO\nB\",,,,,1,2026-11-20\n"
				  "RO-C,T9,,,,0,2026-11-20\n";
	struct bp_shop s;
	struct bp_err e;
	shop(&s);
	int rc = bp_csv_parse_actuals(csv, sizeof csv - 1, "a.csv", &s, &e);
	ck_assert_int_eq(rc, BP_EDATA);
	ck_assert_int_eq(s.nactuals, 2);
	ck_assert_str_eq(s.actuals[0].job_id, "RO \"A\", 1");
	ck_assert_str_eq(s.actuals[1].job_id, "RO\nB");
	ck_assert_int_eq(s.actuals[1].line, 3);
	ck_assert_msg(e.line == 5 && e.col == 6, "at %d:%d (%s)", e.line, e.col, e.msg);
	ck_assert_str_eq(e.msg, "column 2 'technician': no technician 'T9' in the shop");
	bp_shop_free(&s);
}
END_TEST

START_TEST(not_text)
{
	/* Messages quote fields: bytes that are not UTF-8 text stop at their place. */
	demand_fails("date,sku,qty\n2026-11-20,FL\xE4,1\n", 2, 14,
		     "the file is not UTF-8 text (byte 0xE4); save it as UTF-8");
	demand_fails("\x89PNG\r\n", 1, 1, "not UTF-8 text (byte 0x89)");
	demand_fails("date,sku,qty\n2026-11-20,\xED\xA0\x80,1\n", 2, 12, "not UTF-8");
	demand_fails("date,sku,qty\n2026-11-20,\xC3", 2, 12, "not UTF-8");
	demand_fails("date,sku,qty\n2026-11-20,F\x01,1\n", 2, 13,
		     "control characters are not allowed (character U+0001)");
	actuals_fails("job_id,technician,arrived,started,finished,no_show\nR\xC3\xA9-1\x7F", 2, 5,
		      "control characters");
}
END_TEST

START_TEST(quote_errors)
{
	demand_fails("date,sku,qty\n2026-11-20,\"FLT,1\n", 2, 12, "never ends");
	demand_fails("date,sku,qty\n2026-11-20,\"FLT\"x,1\n", 2, 17, "after a closing quote");
	demand_fails("date,sku,qty\n2026-11-20,FL\"T,1\n", 2, 14, "a quote inside an unquoted");
}
END_TEST

START_TEST(actuals_fill_from_jobs)
{
	static const char csv[] =
		"no_show,finished,started,arrived,technician,job_id,window,tier,date\n"
		"0,2026-11-23T10:00,2026-11-23T09:20,2026-11-23T09:05,T1,RO-1,,,\n"
		"1,,,,,RO-0,08:00-09:00,potential,2026-11-20\n"
		"true,,,,,RO-X,07:00-08:00,,2026-11-21\n";
	struct bp_shop s;
	struct bp_err e;
	shop(&s);
	int rc = bp_csv_parse_actuals(csv, sizeof csv - 1, "a.csv", &s, &e);
	ck_assert_msg(rc == BP_OK, "%s at %d:%d", e.msg, e.line, e.col);
	ck_assert_int_eq(s.nactuals, 3);
	const struct bp_actual *a = s.actuals;
	ck_assert_int_eq(a[0].service, 0);
	ck_assert_int_eq(a[0].tier, BP_TIER_CORE);
	ck_assert_int_eq(a[0].window, 1);
	ck_assert_int_eq(a[0].date, day_of("2026-11-23"));
	ck_assert_int_eq(a[0].has_finished, 1);
	ck_assert_int_eq(a[0].finished, 600);
	ck_assert_int_eq(a[0].started, 560);
	ck_assert_int_eq(a[0].arrived, 545);
	ck_assert_int_eq(a[0].technician, 0);
	ck_assert_int_eq(a[1].service, -1);
	ck_assert_int_eq(a[1].tier, BP_TIER_POTENTIAL);
	ck_assert_int_eq(a[1].window, 0);
	ck_assert_int_eq(a[1].no_show, 1);
	ck_assert_int_eq(a[1].date, day_of("2026-11-20"));
	ck_assert_int_eq(a[2].no_show, 1);
	ck_assert_int_eq(a[2].window, -1);
	ck_assert_int_eq(a[2].tier, BP_TIER_BASIC);
	bp_shop_free(&s);
}
END_TEST

START_TEST(actuals_refusals)
{
	static const char h[] = "job_id,technician,arrived,started,finished,no_show\n";
	char buf[512];
	actuals_fails("job_id,technician,arrived,started,no_show\n", 1, 1,
		      "missing column 'finished'; the header must name job_id, technician, "
		      "arrived, started, finished, no_show");
	actuals_fails("job_id,technician,arrived,started,finished,no_show,bay\n", 1, 52,
		      "unknown column 'bay'");
	snprintf(buf, sizeof buf, "%sRO-1,T1,2026-11-23 09:05,2026-11-23T9:20,,0\n", h);
	actuals_fails(buf, 2, 26, "column 4 'started': '2026-11-23T9:20' is not a date and time");
	snprintf(buf, sizeof buf, "%sRO-1,T1,,,,maybe\n", h);
	actuals_fails(buf, 2, 12, "column 6 'no_show': 'maybe' is not 0 or 1");
	snprintf(buf, sizeof buf, "%sRO-1,,2026-11-23T09:05,,,1\n", h);
	actuals_fails(buf, 2, 26, "a no-show but has an arrived");
	snprintf(buf, sizeof buf, "%sRO-1,T1,,2026-11-23T10:00,2026-11-23T09:00,0\n", h);
	actuals_fails(buf, 2, 27, "column 5 'finished': the job finished before it started");
	snprintf(buf, sizeof buf, "%s,T1,,,,0\n", h);
	actuals_fails(buf, 2, 1, "column 1 'job_id': the job id is empty");
	actuals_fails("job_id,technician,arrived,started,finished,no_show,service\n"
		      "RO-1,,,,,1,TYRE\n", 2, 12, "column 7 'service': no service 'TYRE'");
	/* Nothing dates a no-show of a job the shop does not hold. */
	snprintf(buf, sizeof buf, "%sRO-9,,,,,1\n", h);
	actuals_fails(buf, 2, 1, "the row for job 'RO-9' has no date");
	/* A year typo: learning would multiply the days apart into minutes. */
	snprintf(buf, sizeof buf, "%sRO-1,T1,2026-11-23T09:00,2026-11-23T09:10,"
		 "2126-11-23T10:00,0\n", h);
	actuals_fails(buf, 2, 43, "column 5 'finished': '2126-11-23T10:00' is more than 31 "
		      "days from the job's date 2026-11-23");
	/* Past 2199 it is no date at all (model/timeutil.h). */
	snprintf(buf, sizeof buf, "%sRO-1,T1,2026-11-23T09:00,2026-11-23T09:10,"
		 "9999-11-23T10:00,0\n", h);
	actuals_fails(buf, 2, 43, "column 5 'finished': '9999-11-23T10:00' is not a date and "
		      "time; write YYYY-MM-DDTHH:MM (1970 to 2199)");
}
END_TEST

START_TEST(missing_file)
{
	struct bp_shop s;
	struct bp_err e;
	bp_shop_init(&s);
	ck_assert_int_eq(bp_csv_read_demand("data/nope.csv", &s, &e), BP_ENOINPUT);
	ck_assert_msg(strstr(e.msg, "cannot open data/nope.csv: No such file"), "%s", e.msg);
	bp_shop_free(&s);
}
END_TEST

Suite *bp_suite_csv(void)
{
	Suite *s = suite_create("csv");
	TCase *tc = tcase_create("history");
	tcase_add_test(tc, demand_good_file);
	tcase_add_test(tc, demand_columns_any_order_crlf_bom);
	tcase_add_test(tc, demand_qty_bound_accepted);
	tcase_add_test(tc, demand_bad_header);
	tcase_add_test(tc, demand_missing_column);
	tcase_add_test(tc, demand_unknown_sku);
	tcase_add_test(tc, demand_bad_number);
	tcase_add_test(tc, quoted_fields);
	tcase_add_test(tc, quote_errors);
	tcase_add_test(tc, not_text);
	tcase_add_test(tc, actuals_fill_from_jobs);
	tcase_add_test(tc, actuals_refusals);
	tcase_add_test(tc, missing_file);
	suite_add_tcase(s, tc);
	return s;
}
