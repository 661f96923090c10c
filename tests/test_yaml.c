/*
 * test_yaml.c - the strict YAML reader and the shop file: a complete good
 * file read value by value, and each class of bad input refused at the
 * exact line and column with a plain sentence.
 */
#include <check.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "io/yaml_reader.h"
#include "io/yaml_shop.h"

Suite *bp_suite_yaml(void);

static int day_of(const char *d)
{
	int day = -1;
	bp_date_parse(d, &day);
	return day;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Read a fixture that must fail: status, position and a piece of the message. */
static void expect_fail(const char *path, int code, int line, int col, const char *needle)
{
	struct bp_shop s;
	struct bp_err e;
	char msg[1024];
	bp_shop_init(&s);
	bp_err_clear(&e);
	int rc = bp_shopfile_read(path, &s, &e);
	bp_err_format(&e, msg, sizeof msg);
	bp_shop_free(&s);
	ck_assert_msg(rc == code, "%s: status %d, want %d (%s)", path, rc, code, msg);
	ck_assert_msg(e.line == line && e.col == col, "%s: at %d:%d, want %d:%d (%s)", path,
		      e.line, e.col, line, col, msg);
	ck_assert_msg(strstr(e.msg, needle), "%s: message '%s' lacks '%s'", path, e.msg, needle);
	if (line)
		ck_assert_msg(!strcmp(e.file, path), "%s: file '%s' in the error", path, e.file);
}

/* The same for a buffer. */
static void expect_parse_fail(const char *buf, size_t len, int line, int col,
			      const char *needle)
{
	struct bp_shop s;
	struct bp_err e;
	bp_shop_init(&s);
	bp_err_clear(&e);
	int rc = bp_shopfile_parse(buf, len, "mem.yaml", NULL, &s, &e);
	bp_shop_free(&s);
	ck_assert_msg(rc == BP_EDATA, "status %d (%s)", rc, e.msg);
	ck_assert_msg(e.line == line && e.col == col, "at %d:%d, want %d:%d (%s)", e.line, e.col,
		      line, col, e.msg);
	ck_assert_msg(strstr(e.msg, needle), "message '%s' lacks '%s'", e.msg, needle);
}

/* data/good_shop.yaml, with `prefix` in front and the first `from` (if
 * given) replaced by `to`; parsed with its history from data/. */
static int parse_good_with(const char *prefix, const char *from, const char *to,
			   struct bp_shop *s, struct bp_err *e)
{
	char *buf;
	size_t len;
	ck_assert_int_eq(bp_shopfile_load("data/good_shop.yaml", BP_YAML_MAX_BYTES, &buf, &len,
					  e), BP_OK);
	const char *at = from ? strstr(buf, from) : NULL;
	ck_assert_msg(!from || at, "'%s' is not in good_shop.yaml", from);
	size_t n = strlen(prefix) + len + (to ? strlen(to) : 0) + 1, k = 0;
	char *out = malloc(n);
	ck_assert_ptr_nonnull(out);
	k += (size_t)snprintf(out, n, "%s", prefix);
	if (at) {
		memcpy(out + k, buf, (size_t)(at - buf));
		k += (size_t)(at - buf);
		k += (size_t)snprintf(out + k, n - k, "%s", to);
		size_t rest = len - (size_t)(at - buf) - strlen(from);
		memcpy(out + k, at + strlen(from), rest);
		k += rest;
	} else {
		memcpy(out + k, buf, len);
		k += len;
	}
	free(buf);
	bp_shop_init(s);
	bp_err_clear(e);
	int rc = bp_shopfile_parse(out, k, "good_shop.yaml", "data", s, e);
	free(out);
	return rc;
}

/* The label of a value inside a service's minutes or parts, or a job's
 * parts, names the record: W() used to format its own buffer into itself. */
START_TEST(labels_in_minutes_and_parts)
{
	static const struct {
		const char *from, *to, *msg;
	} cases[] = {
		{"minutes: {1: 45, 2: 35, 3: 30}", "minutes: {1: 0, 2: 35, 3: 30}",
		 "service OIL minutes for level 1: '0' is not a whole number from 1 to 100000"},
		{"minutes: {2: 90, 3: 60}", "minutes: {2: 90, 3: 100001}",
		 "service EVCHK minutes for level 3: '100001'"},
		{"{FLT-OIL-01: 1, OIL-5W30-L: 5}", "{FLT-OIL-01: 1, OIL-5W30-L: 0}",
		 "service OIL parts quantity of OIL-5W30-L: '0' is not a whole number"},
		{"parts: {BRK-PAD-F: 1}", "parts: {BRK-PAD-F: -1}",
		 "job RO-1001 parts quantity of BRK-PAD-F: '-1'"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct bp_shop s;
		struct bp_err e;
		int rc = parse_good_with("", cases[i].from, cases[i].to, &s, &e);
		bp_shop_free(&s);
		ck_assert_int_eq(rc, BP_EDATA);
		ck_assert_msg(!strncmp(e.msg, cases[i].msg, strlen(cases[i].msg)),
			      "message '%s', want '%s...'", e.msg, cases[i].msg);
	}
}
END_TEST

/* A UTF-8 byte order mark (Windows editors write one) is not content:
 * the file reads as without it, a document marker after it still counts,
 * and positions count from after it. */
START_TEST(byte_order_mark_skipped)
{
	struct bp_shop s;
	struct bp_err e;
	int rc = parse_good_with("\xEF\xBB\xBF", NULL, NULL, &s, &e);
	ck_assert_msg(rc == BP_OK, "with a BOM: %s at %d:%d", e.msg, e.line, e.col);
	ck_assert_int_eq(s.njobs, 3);
	bp_shop_free(&s);
	rc = parse_good_with("\xEF\xBB\xBF---\n", NULL, NULL, &s, &e);
	ck_assert_msg(rc == BP_OK, "BOM and '---': %s at %d:%d", e.msg, e.line, e.col);
	ck_assert_str_eq(s.info.name, "Riverside Motors Service");
	bp_shop_free(&s);
	rc = parse_good_with("\xEF\xBB\xBF", "open: \"07:30\"", "open: \"7:30\"", &s, &e);
	bp_shop_free(&s);
	ck_assert_int_eq(rc, BP_EDATA);
	ck_assert_msg(e.line == 5 && e.col == 9, "at %d:%d, want 5:9 (%s)", e.line, e.col, e.msg);
}
END_TEST

/* Ids that look like another id, or hold a comma, are refused at their
 * place in the file. */
START_TEST(refuses_ids_that_do_not_read_back)
{
	static const struct {
		const char *to, *msg;
	} cases[] = {
		{"  - id: \"RO-1001 \"\n", "job #1: the id 'RO-1001 ' ends with a space"},
		{"  - id: \" RO-1001\"\n", "job #1: the id ' RO-1001' starts with a space"},
		{"  - id: \"RO-1001,RO-1002\"\n", "the id 'RO-1001,RO-1002' holds a comma"},
		{"  - id: \"RO-1001\\u200b\"\n", "(U+200B)"},
		{"  - id: \"RO-1001\\u00a0\"\n", "ends with a space"},
		{"  - id: \"RO\\u20601001\"\n", "(U+2060)"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct bp_shop s;
		struct bp_err e;
		int rc = parse_good_with("", "  - id: RO-1001\n", cases[i].to, &s, &e);
		bp_shop_free(&s);
		ck_assert_msg(rc == BP_EDATA, "'%s' accepted", cases[i].to);
		ck_assert_msg(e.line == 77 && e.col == 5, "at %d:%d, want 77:5 (%s)", e.line, e.col,
			      e.msg);
		ck_assert_msg(strstr(e.msg, cases[i].msg), "message '%s' lacks '%s'", e.msg,
			      cases[i].msg);
	}
}
END_TEST

/* A year typed wrong is refused where it is typed, not counted as a
 * delivery that arrived long ago or comes in 5000 years. */
START_TEST(refuses_far_dates)
{
	struct bp_shop s;
	struct bp_err e;
	int rc = parse_good_with("", "arrives: \"2026-11-23T12:00\"",
				 "arrives: \"7026-11-23T12:00\"", &s, &e);
	bp_shop_free(&s);
	ck_assert_int_eq(rc, BP_EDATA);
	ck_assert_msg(e.line == 58 && strstr(e.msg, "'7026-11-23T12:00' is not a date and time"),
		      "at %d: %s", e.line, e.msg);
	rc = parse_good_with("", "date: \"2026-11-24\"", "date: \"2200-01-01\"", &s, &e);
	bp_shop_free(&s);
	ck_assert_int_eq(rc, BP_EDATA);
	ck_assert_msg(strstr(e.msg, "'2200-01-01' is not a date; write YYYY-MM-DD (1970 to 2199)"),
		      "%s", e.msg);
	rc = parse_good_with("", "date: \"2026-11-24\"", "date: \"2199-12-31\"", &s, &e);
	ck_assert_msg(rc == BP_OK, "2199-12-31 refused: %s", e.msg);
	bp_shop_free(&s);
}
END_TEST

START_TEST(good_shop_info_and_kinds)
{
	struct bp_shop s;
	struct bp_err e;
	bp_shop_init(&s);
	int rc = bp_shopfile_read("data/good_shop.yaml", &s, &e);
	ck_assert_msg(rc == BP_OK, "good_shop.yaml refused: %s at %d:%d", e.msg, e.line, e.col);
	ck_assert_str_eq(s.info.name, "Riverside Motors Service");
	ck_assert_int_eq(s.info.slot_minutes, 15);
	ck_assert_int_eq(s.info.open, 7 * 60 + 30);
	ck_assert_int_eq(s.info.close, 18 * 60);
	ck_assert_int_eq(s.info.overtime_minutes, 60);
	ck_assert_int_eq(s.info.advisors, 3);
	ck_assert_int_eq(s.info.advisor_checkins_per_hour, 4);
	ck_assert_int_eq(s.info.lead_hours[BP_SUPPLY_COMMON], 6);
	ck_assert_int_eq(s.info.lead_hours[BP_SUPPLY_RARE], 72);
	ck_assert_int_eq(s.info.pos.line, 3);
	ck_assert_int_eq(s.info.pos.col, 3);

	ck_assert_int_eq(s.nskills, 4);
	ck_assert_str_eq(s.skills[3].id, "ev");
	ck_assert_int_eq(s.nbay_types, 3);
	/* alignment also serves general and ev, which are defined after it. */
	ck_assert_uint_eq(s.bay_types[0].serves, 7u);
	ck_assert_uint_eq(s.bay_types[1].serves, 2u);
	ck_assert_uint_eq(s.bay_types[2].serves, 6u);

	ck_assert_int_eq(s.nbays, 3);
	ck_assert_int_eq(s.bays[0].type, 1);
	ck_assert_int_eq(s.bays[1].type, 0);
	const struct bp_bay *e1 = &s.bays[2];
	ck_assert_str_eq(e1->id, "E1");
	ck_assert_int_eq(e1->type, 2);
	ck_assert_int_eq(e1->nclosed, 2);
	ck_assert_int_eq(e1->closed[0].start, 720);
	ck_assert_int_eq(e1->closed[1].end, 990);
	ck_assert_msg(e1->pos.line == 22 && e1->pos.col == 5, "E1 at %d:%d", e1->pos.line,
		      e1->pos.col);
	bp_shop_free(&s);
}
END_TEST

START_TEST(good_shop_people_and_work)
{
	struct bp_shop s;
	struct bp_err e;
	bp_shop_init(&s);
	ck_assert_int_eq(bp_shopfile_read("data/good_shop.yaml", &s, &e), BP_OK);
	ck_assert_int_eq(s.ntechs, 2);
	const struct bp_technician *t1 = &s.techs[0], *t2 = &s.techs[1];
	ck_assert_str_eq(t1->name, "Wang Fang");
	ck_assert_int_eq(t1->shift.start, 480);
	ck_assert_int_eq(t1->shift.end, 1020);
	ck_assert_int_eq(t1->nbreaks, 1);
	ck_assert_int_eq(t1->breaks[0].end, 765);
	ck_assert_int_eq(t1->level[0], 3);	/* maintenance */
	ck_assert_int_eq(t1->level[1], 0);	/* tyres: lacks it */
	ck_assert_int_eq(t1->level[2], 2);
	ck_assert_int_eq(t1->level[3], 2);
	ck_assert_double_eq(t1->cost_per_hour, 32);
	ck_assert_double_eq(t1->overtime_cost_per_hour, 48);
	ck_assert_msg(t1->pos.line == 25 && t1->pos.col == 5, "T1 at %d:%d", t1->pos.line,
		      t1->pos.col);
	ck_assert_int_eq(t2->nbreaks, 2);
	ck_assert_int_eq(t2->level[1], 2);
	/* No overtime rate given: time and a half. */
	ck_assert_double_eq_tol(t2->overtime_cost_per_hour, 36.75, 1e-9);

	ck_assert_int_eq(s.nservices, 2);
	const struct bp_service *oil = &s.services[0], *ev = &s.services[1];
	ck_assert_str_eq(oil->name, "Oil and filter service");
	ck_assert_int_eq(oil->skill, 0);
	ck_assert_int_eq(oil->level, 1);
	ck_assert_int_eq(oil->bay_type, 1);
	ck_assert_int_eq(oil->minutes[1], 45);
	ck_assert_int_eq(oil->minutes[3], 30);
	ck_assert_int_eq(oil->nparts, 2);
	ck_assert_int_eq(oil->parts[1].part, 1);
	ck_assert_int_eq(oil->parts[1].qty, 5);
	ck_assert_int_eq(ev->minutes[1], 0);
	ck_assert_int_eq(ev->minutes[2], 90);
	ck_assert_int_eq(ev->bay_type, 2);

	ck_assert_int_eq(s.nparts, 3);
	const struct bp_part *flt = &s.parts[0], *oil5 = &s.parts[1];
	ck_assert_int_eq(flt->on_hand, 14);
	ck_assert_int_eq(flt->non_order, 1);
	ck_assert_int_eq(flt->on_order[0].qty, 20);
	ck_assert_int_eq(flt->on_order[0].day, day_of("2026-11-23"));
	ck_assert_int_eq(flt->on_order[0].minute, 720);
	ck_assert_int_eq(flt->supply, BP_SUPPLY_COMMON);
	ck_assert_double_eq_tol(flt->unit_cost, 6.80, 1e-9);
	ck_assert_int_eq(flt->pack, 10);
	ck_assert_int_eq(flt->min_order, 10);
	ck_assert_double_eq_tol(flt->service_level, 0.9, 1e-12);
	ck_assert_int_eq(flt->safety_stock, 4);
	ck_assert_int_eq(flt->pos.line, 55);
	/* Defaults: pack 1, no minimum, the policy's service level, computed stock. */
	ck_assert_int_eq(oil5->pack, 1);
	ck_assert_int_eq(oil5->min_order, 0);
	ck_assert_double_eq_tol(oil5->service_level, 0.97, 1e-12);
	ck_assert_int_eq(oil5->safety_stock, -1);
	ck_assert_int_eq(s.parts[2].supply, BP_SUPPLY_RARE);
	bp_shop_free(&s);
}
END_TEST

START_TEST(good_shop_jobs_windows_policy)
{
	struct bp_shop s;
	struct bp_err e;
	bp_shop_init(&s);
	ck_assert_int_eq(bp_shopfile_read("data/good_shop.yaml", &s, &e), BP_OK);
	ck_assert_int_eq(s.njobs, 3);
	const struct bp_job *j1 = &s.jobs[0], *j2 = &s.jobs[1], *j3 = &s.jobs[2];
	ck_assert_str_eq(j1->id, "RO-1001");
	ck_assert_int_eq(j1->date, day_of("2026-11-23"));
	ck_assert_int_eq(j1->service, 0);
	ck_assert_int_eq(j1->tier, BP_TIER_CORE);
	ck_assert_int_eq(j1->has_window, 1);
	ck_assert_int_eq(j1->window.start, 540);
	ck_assert_int_eq(j1->window.end, 660);
	ck_assert_int_eq(j1->promised, 690);
	ck_assert_int_eq(j1->waiting, 1);
	ck_assert_int_eq(j1->minutes, 60);
	ck_assert_int_eq(j1->nparts, 1);
	ck_assert_int_eq(j1->parts[0].part, 2);
	ck_assert_int_eq(j1->technician, 0);
	ck_assert_msg(j1->pos.line == 77 && j1->pos.col == 5, "RO-1001 at %d:%d", j1->pos.line,
		      j1->pos.col);
	/* An arrival time: a window of no width. */
	ck_assert_int_eq(j2->service, 1);
	ck_assert_int_eq(j2->tier, BP_TIER_POTENTIAL);
	ck_assert_int_eq(j2->has_window, 0);
	ck_assert_int_eq(j2->window.start, 510);
	ck_assert_int_eq(j2->window.end, 510);
	ck_assert_int_eq(j2->promised, -1);
	ck_assert_int_eq(j2->technician, -1);
	ck_assert_int_eq(j2->waiting, 0);
	/* Neither: arrives at open; tier defaults to basic. */
	ck_assert_int_eq(j3->has_window, 0);
	ck_assert_int_eq(j3->window.start, s.info.open);
	ck_assert_int_eq(j3->window.end, s.info.open);
	ck_assert_int_eq(j3->tier, BP_TIER_BASIC);
	ck_assert_int_eq(j3->date, day_of("2026-11-24"));

	ck_assert_int_eq(s.nwindows, 3);
	ck_assert_int_eq(s.windows[2].start, 840);
	ck_assert_msg(s.window_pos[1].line == 100 && s.window_pos[1].col == 26,
		      "window 2 at %d:%d", s.window_pos[1].line, s.window_pos[1].col);

	const struct bp_policy *p = &s.policy;
	ck_assert_double_eq(p->tier_weight[BP_TIER_CORE], 5);
	ck_assert_double_eq(p->tier_weight[BP_TIER_POTENTIAL], 2.5);
	ck_assert_double_eq(p->tier_weight[BP_TIER_BASIC], 1);
	ck_assert_double_eq(p->job_value, 900);
	ck_assert_double_eq(p->late_per_minute, 3);
	ck_assert_double_eq(p->overtime_factor, 1.5);
	ck_assert_double_eq(p->overqual_per_minute, 0.25);
	ck_assert_double_eq(p->wait_per_minute, 0.75);
	ck_assert_double_eq(p->delivery_fee, 12);
	ck_assert_double_eq_tol(p->holding_rate_per_day, 0.002, 1e-15);
	ck_assert_double_eq(p->missing_part_penalty, 4000);
	ck_assert_double_eq(p->safety_shortfall_penalty, 25);
	ck_assert_int_eq(p->excess_days, 45);
	ck_assert_double_eq_tol(p->service_level, 0.97, 1e-15);
	ck_assert_double_eq_tol(p->max_overbook, 1.2, 1e-15);
	bp_shop_free(&s);
}
END_TEST

/* The workshop beyond the bays (issue 18): every key optional, with
 * defaults that keep older shops as they were. */
START_TEST(desk_loan_handover_keys)
{
	struct bp_shop s;
	struct bp_err e;
	ck_assert_int_eq(parse_good_with("", NULL, NULL, &s, &e), BP_OK);
	ck_assert_int_eq(s.info.loan_cars, 0);
	ck_assert_int_eq(s.info.wash_bays, 0);
	ck_assert_int_eq(s.services[0].handover_minutes, 0);
	ck_assert_int_eq(s.jobs[1].loan_car, 0);
	ck_assert_int_eq(s.policy.advisor_day_max, 12);
	bp_shop_free(&s);

	ck_assert_int_eq(parse_good_with("", "  lead_hours: {common: 6, rare: 72}",
					 "  lead_hours: {common: 6, rare: 72}\n  loan_cars: 3\n"
					 "  wash_bays: 1", &s, &e), BP_OK);
	ck_assert_int_eq(s.info.loan_cars, 3);
	ck_assert_int_eq(s.info.wash_bays, 1);
	bp_shop_free(&s);
	ck_assert_int_eq(parse_good_with("", "    minutes: {2: 90, 3: 60}",
					 "    minutes: {2: 90, 3: 60}\n    handover_minutes: 20\n"
					 "    wash_minutes: 10", &s, &e), BP_OK);
	ck_assert_int_eq(s.services[1].handover_minutes, 20);
	ck_assert_int_eq(s.services[1].wash_minutes, 10);
	bp_shop_free(&s);
	ck_assert_int_eq(parse_good_with("", "    arrival: \"08:30\"",
					 "    arrival: \"08:30\"\n    loan_car: true", &s, &e), BP_OK);
	ck_assert_int_eq(s.jobs[1].loan_car, 1);
	bp_shop_free(&s);
	ck_assert_int_eq(parse_good_with("", "  max_overbook: 1.2",
					 "  max_overbook: 1.2\n  advisor_day_max: 10\n"
					 "  pause_per_minute: 0.1\n  carry_per_minute: 2", &s, &e),
			 BP_OK);
	ck_assert_int_eq(s.policy.advisor_day_max, 10);
	ck_assert_double_eq_tol(s.policy.pause_per_minute, 0.1, 1e-15);
	ck_assert_double_eq(s.policy.carry_per_minute, 2);
	bp_shop_free(&s);

	/* Refused, at the record: a wash longer than the handover it is part
	 * of, and a customer who both waits and takes a loan car. */
	ck_assert_int_eq(parse_good_with("", "    minutes: {2: 90, 3: 60}",
					 "    minutes: {2: 90, 3: 60}\n    handover_minutes: 5\n"
					 "    wash_minutes: 10", &s, &e), BP_EDATA);
	ck_assert_msg(strstr(e.msg, "wash_minutes 10 is more than its handover_minutes 5"),
		      "%s", e.msg);
	bp_shop_free(&s);
	ck_assert_int_eq(parse_good_with("", "    waiting: true",
					 "    waiting: true\n    loan_car: true", &s, &e), BP_EDATA);
	ck_assert_msg(strstr(e.msg, "RO-1001") && strstr(e.msg, "takes no loan car"), "%s",
		      e.msg);
	bp_shop_free(&s);
}
END_TEST

START_TEST(good_shop_history)
{
	struct bp_shop s;
	struct bp_err e;
	bp_shop_init(&s);
	ck_assert_int_eq(bp_shopfile_read("data/good_shop.yaml", &s, &e), BP_OK);
	ck_assert_str_eq(s.demand_file, "good_demand.csv");
	ck_assert_str_eq(s.actuals_file, "good_actuals.csv");
	ck_assert_int_eq(s.ndemand, 4);
	ck_assert_int_eq(s.demand[1].part, 1);
	ck_assert_int_eq(s.demand[1].qty, 15);
	ck_assert_int_eq(s.demand[2].day, day_of("2026-11-17"));
	ck_assert_int_eq(s.nactuals, 4);
	const struct bp_actual *a = s.actuals;
	ck_assert_str_eq(a[0].job_id, "RO-0901");
	ck_assert_int_eq(a[0].technician, 0);
	ck_assert_int_eq(a[0].window, 1);
	ck_assert_int_eq(a[0].arrived, 8 * 60 + 55);
	ck_assert_int_eq(a[0].date, day_of("2026-11-16"));
	ck_assert_int_eq(a[1].no_show, 1);
	ck_assert_int_eq(a[1].has_arrived, 0);
	ck_assert_int_eq(a[1].technician, -1);
	ck_assert_int_eq(a[1].date, day_of("2026-11-16"));	/* a no-show needs its date */
	/* A booking the shop holds fills service, tier, window and date. */
	ck_assert_int_eq(a[2].service, 0);
	ck_assert_int_eq(a[2].tier, BP_TIER_CORE);
	ck_assert_int_eq(a[2].window, 1);
	ck_assert_int_eq(a[2].date, day_of("2026-11-23"));
	ck_assert_str_eq(a[3].job_id, "RO-0903, late");
	ck_assert_int_eq(a[3].window, -1);	/* not a template */
	ck_assert_int_eq(a[3].line, 5);
	bp_shop_free(&s);
}
END_TEST

START_TEST(parse_without_dir_leaves_history)
{
	char *buf;
	size_t len;
	struct bp_shop s;
	struct bp_err e;
	ck_assert_int_eq(bp_shopfile_load("data/good_shop.yaml", BP_YAML_MAX_BYTES, &buf, &len,
					  &e), BP_OK);
	bp_shop_init(&s);
	ck_assert_int_eq(bp_shopfile_parse(buf, len, "good_shop.yaml", NULL, &s, &e), BP_OK);
	ck_assert_str_eq(s.demand_file, "good_demand.csv");
	ck_assert_int_eq(s.ndemand, 0);
	ck_assert_int_eq(s.nactuals, 0);
	bp_shop_free(&s);
	bp_shop_init(&s);
	ck_assert_int_eq(bp_shopfile_parse(buf, len, "good_shop.yaml", "data", &s, &e), BP_OK);
	ck_assert_int_eq(s.ndemand, 4);
	bp_shop_free(&s);
	free(buf);
}
END_TEST

START_TEST(refuses_unknown_key)
{
	expect_fail("data/unknown_key.yaml", BP_EDATA, 8, 5,
		    "unknown key 'shfit' in technician; known keys: id, name, shift, breaks, "
		    "skills, cost_per_hour, overtime_cost_per_hour");
}
END_TEST

START_TEST(refuses_bad_time)
{
	expect_fail("data/bad_time.yaml", BP_EDATA, 4, 9,
		    "shop open: '7:30' is not a time; write HH:MM, e.g. 07:30");
}
END_TEST

START_TEST(refuses_bad_date)
{
	expect_fail("data/bad_date.yaml", BP_EDATA, 11, 22,
		    "'2026-11-31' is not a date; write YYYY-MM-DD");
}
END_TEST

START_TEST(refuses_level_four)
{
	expect_fail("data/level_four.yaml", BP_EDATA, 9, 27, "'4' is not a whole number from 1 to 3");
}
END_TEST

START_TEST(refuses_window_ending_before_start)
{
	expect_fail("data/window_ends_before_start.yaml", BP_EDATA, 14, 13,
		    "job RO-1 window: '11:00-09:00' ends before it starts");
}
END_TEST

/* Longer than any shift: no longer refused, the work continues on the
 * next working day (issue 18). */
START_TEST(accepts_job_longer_than_any_shift)
{
	struct bp_shop s;
	struct bp_err e;
	bp_shop_init(&s);
	ck_assert_msg(bp_shopfile_read("data/job_longer_than_shift.yaml", &s, &e) == BP_OK, "%s",
		      e.msg);
	ck_assert_int_eq(s.services[0].minutes[3], 660);
	bp_shop_free(&s);
}
END_TEST

START_TEST(refuses_dangling_service)
{
	expect_fail("data/dangling_service.yaml", BP_EDATA, 12, 48,
		    "job RO-1001: no service 'OILX'; services are OIL, TYRE");
}
END_TEST

START_TEST(refuses_duplicate_job_id)
{
	expect_fail("data/duplicate_job_id.yaml", BP_EDATA, 13, 5,
		    "job RO-1: the id 'RO-1' is used twice (first at line 11)");
}
END_TEST

START_TEST(refuses_alias)
{
	expect_fail("data/bad_alias.yaml", BP_EDATA, 7, 44, "aliases (*senior) are not allowed");
}
END_TEST

START_TEST(refuses_anchor)
{
	expect_fail("data/bad_anchor.yaml", BP_EDATA, 7, 21, "anchors (&day) are not allowed");
}
END_TEST

START_TEST(refuses_alias_bomb_fast)
{
	double t0 = now_s();
	expect_fail("data/alias_bomb.yaml", BP_EDATA, 4, 5, "anchors (&a) are not allowed");
	double dt = now_s() - t0;
	ck_assert_msg(dt < 0.5, "alias bomb took %.3f s", dt);
}
END_TEST

/* 10000 '[' as the whole file: refused at the first, before libyaml goes deep. */
START_TEST(refuses_deep_nesting_fast)
{
	size_t n = 10000;
	char *buf = malloc(n + 8);
	memcpy(buf, "a: ", 3);
	memset(buf + 3, '[', n);
	double t0 = now_s();
	expect_parse_fail(buf + 3, n, 1, 1, "must be a mapping of sections");

	/* Through the reader, the depth cap itself: the top mapping is level 1,
	 * so the 32nd '[' (column 3 + 32) is one level too deep. */
	struct bp_yaml *y;
	struct bp_err e;
	const char *k;
	int rc;
	ck_assert_int_eq(bp_yaml_open(&y, buf, n + 3, "deep.yaml", &e), BP_OK);
	ck_assert_int_eq(bp_yaml_begin(y, "test file"), BP_OK);
	ck_assert_int_eq(bp_yaml_key(y, NULL, "test file", &k), BP_OK);
	int levels = 0;
	while (!(rc = bp_yaml_seq(y, "a", NULL)))
		levels++;
	bp_yaml_close(y);
	double dt = now_s() - t0;
	free(buf);
	ck_assert_int_eq(rc, BP_EDATA);
	ck_assert_int_eq(levels, BP_YAML_MAX_DEPTH - 1);
	ck_assert_msg(e.line == 1 && e.col == 3 + BP_YAML_MAX_DEPTH, "at %d:%d (%s)", e.line,
		      e.col, e.msg);
	ck_assert_msg(strstr(e.msg, "nest deeper than 32 levels"), "%s", e.msg);
	ck_assert_msg(dt < 0.5, "deep nesting took %.3f s", dt);
}
END_TEST

START_TEST(refuses_long_scalar)
{
	size_t n = BP_YAML_MAX_SCALAR + 1;
	char *buf = malloc(n + 64);
	int off = sprintf(buf, "shop:\n  name: ");
	memset(buf + off, 'x', n);
	strcpy(buf + off + n, "\n");
	expect_parse_fail(buf, strlen(buf), 2, 9, "a value of 4097 bytes is longer than the "
			  "4096 allowed");
	free(buf);
}
END_TEST

START_TEST(refuses_empty_file)
{
	expect_fail("data/empty.yaml", BP_EDATA, 1, 1, "the shop file is empty");
	expect_parse_fail("# nothing but a comment\n", 24, 2, 1, "the shop file is empty");
	expect_parse_fail("---\n", 4, 2, 1, "the shop file is empty");
}
END_TEST

START_TEST(refuses_top_level_list)
{
	expect_fail("data/top_level_list.yaml", BP_EDATA, 2, 1,
		    "the shop file must be a mapping of sections (name: ...), not a list");
	expect_parse_fail("just words\n", 11, 1, 1, "not a single value");
}
END_TEST

START_TEST(refuses_non_utf8)
{
	expect_fail("data/non_utf8.yaml", BP_EDATA, 3, 13, "not UTF-8 text (byte 0xE9)");
	/* A truncated sequence at the very end, and an overlong encoding. */
	expect_parse_fail("shop: \xC3", 7, 1, 7, "byte 0xC3");
	expect_parse_fail("shop:\n  name: \xC0\xAF\n", 18, 2, 9, "byte 0xC0");
}
END_TEST

START_TEST(refuses_tabs_and_syntax_errors)
{
	expect_fail("data/tab_indent.yaml", BP_EDATA, 4, 1, "indent with spaces");
	expect_fail("data/syntax_error.yaml", BP_EDATA, 4, 10,
		    "YAML syntax: did not find expected ',' or ']'");
}
END_TEST

START_TEST(refuses_part_without_supply)
{
	expect_fail("data/part_without_supply.yaml", BP_EDATA, 7, 5,
		    "part FLT-OIL-01: missing 'supply'");
}
END_TEST

START_TEST(refuses_negative_on_hand)
{
	expect_fail("data/negative_on_hand.yaml", BP_EDATA, 8, 14,
		    "part FLT-OIL-01 on_hand: '-3' is not a whole number >= 0");
}
END_TEST

START_TEST(refuses_structure_mistakes)
{
	static const char dupkey[] = "shop: {name: A, name: B}\n";
	expect_parse_fail(dupkey, sizeof dupkey - 1, 1, 17,
			  "key 'name' appears twice in shop (first at line 1)");
	static const char twodocs[] = "shop: {name: A, open: \"08:00\", close: \"17:00\"}\n"
				      "---\nshop: {}\n";
	expect_parse_fail(twodocs, sizeof twodocs - 1, 2, 1, "a second YAML document");
	static const char tag[] = "shop: {name: !!str A, open: \"08:00\", close: \"17:00\"}\n";
	expect_parse_fail(tag, sizeof tag - 1, 1, 14, "tags (tag:yaml.org,2002:str) are not");
	static const char noshop[] = "skills: [a]\n";
	expect_parse_fail(noshop, sizeof noshop - 1, 1, 1, "has no 'shop' section");
	static const char noname[] = "shop:\n  open: \"08:00\"\n  close: \"17:00\"\n";
	expect_parse_fail(noname, sizeof noname - 1, 2, 3, "shop: missing 'name'");
	static const char slot[] = "shop: {name: A, open: \"08:00\", close: \"17:00\", "
				   "slot_minutes: 7}\n";
	expect_parse_fail(slot, sizeof slot - 1, 1, 62, "slot_minutes: 7 is not 5, 10, 15 or 30");
	static const char seq[] = "shop: {name: A, open: \"08:00\", close: \"17:00\"}\n"
				  "skills: {a: 1}\n";
	expect_parse_fail(seq, sizeof seq - 1, 2, 9, "skills must be a list");
	static const char nul[] = "shop: {name: \"A\\0B\", open: \"08:00\", close: \"17:00\"}\n";
	expect_parse_fail(nul, sizeof nul - 1, 1, 14, "NUL");
}
END_TEST

START_TEST(refuses_window_and_arrival)
{
	static const char y[] =
		"shop: {name: A, open: \"08:00\", close: \"17:00\"}\n"
		"skills: [m]\nbay_types: [{id: g}]\n"
		"services: [{code: S, skill: m, level: 1, bay: g, minutes: {1: 30}}]\n"
		"jobs:\n"
		"  - id: J\n"
		"    date: \"2026-11-23\"\n"
		"    service: S\n"
		"    window: \"09:00-10:00\"\n"
		"    arrival: \"09:00\"\n";
	expect_parse_fail(y, sizeof y - 1, 10, 5, "job J: give a window or an arrival time, not "
			  "both (the other is at 9:5)");
}
END_TEST

START_TEST(refuses_dangling_names)
{
	static const char part[] =
		"shop: {name: A, open: \"08:00\", close: \"17:00\"}\n"
		"skills: [m]\nbay_types: [{id: g, also: [ev]}]\n";
	expect_parse_fail(part, sizeof part - 1, 3, 28, "bay type g also: no bay type 'ev'; "
			  "bay types are g");
	static const char skill[] =
		"shop: {name: A, open: \"08:00\", close: \"17:00\"}\n"
		"technicians: [{id: T1, shift: \"08:00-17:00\", skills: {ev: 2}}]\n"
		"skills: [m, n]\n";
	expect_parse_fail(skill, sizeof skill - 1, 2, 55, "technician T1: no skill 'ev'; skills "
			  "are m, n");
	static const char sku[] =
		"shop: {name: A, open: \"08:00\", close: \"17:00\"}\n"
		"skills: [m]\nbay_types: [{id: g}]\n"
		"services: [{code: S, skill: m, level: 1, bay: g, minutes: {1: 30}, "
		"parts: {X-1: 2}}]\n";
	expect_parse_fail(sku, sizeof sku - 1, 4, 76, "service S: no part 'X-1'; the file "
			  "defines no parts");
}
END_TEST

START_TEST(file_errors)
{
	struct bp_shop s;
	struct bp_err e;
	bp_shop_init(&s);
	ck_assert_int_eq(bp_shopfile_read("data/no_such_shop.yaml", &s, &e), BP_ENOINPUT);
	ck_assert_msg(strstr(e.msg, "cannot open data/no_such_shop.yaml: No such file"), "%s",
		      e.msg);
	ck_assert_int_eq(bp_shopfile_read("data", &s, &e), BP_ENOINPUT);
	ck_assert_msg(strstr(e.msg, "folder"), "%s", e.msg);

	/* Over the cap: a sparse file, refused before it is read. */
	char path[] = "/tmp/bp_big_XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, (off_t)BP_YAML_MAX_BYTES + 1), 0);
	close(fd);
	ck_assert_int_eq(bp_shopfile_read(path, &s, &e), BP_EDATA);
	unlink(path);
	ck_assert_msg(strstr(e.msg, "bytes; at most 16777216"), "%s", e.msg);

	/* A history file that is missing names the shop file's line. */
	static const char y[] = "shop: {name: A, open: \"08:00\", close: \"17:00\"}\n"
				"history: {actuals: missing.csv}\n";
	ck_assert_int_eq(bp_shopfile_parse(y, sizeof y - 1, "h.yaml", "data", &s, &e),
			 BP_ENOINPUT);
	ck_assert_msg(strstr(e.msg, "data/missing.csv") && strstr(e.msg, "h.yaml:2:20"), "%s",
		      e.msg);
	bp_shop_free(&s);
}
END_TEST

/* Keys past the 16th of a mapping take another path; a repeat is still found. */
START_TEST(duplicate_keys_in_big_mapping)
{
	char doc[4096];
	for (int dup = 3; dup <= 50; dup += 47) {
		int off = sprintf(doc, "m:\n");
		for (int i = 0; i < 60; i++)
			off += sprintf(doc + off, "  k%d: 1\n", i);
		sprintf(doc + off, "  k%d: 2\n", dup);
		struct bp_yaml *y;
		struct bp_err e;
		const char *k;
		int rc, n = 0, v;
		ck_assert_int_eq(bp_yaml_open(&y, doc, strlen(doc), "big.yaml", &e), BP_OK);
		ck_assert_int_eq(bp_yaml_begin(y, "test file"), BP_OK);
		ck_assert_int_eq(bp_yaml_key(y, NULL, "test file", &k), BP_OK);
		ck_assert_int_eq(bp_yaml_map(y, "m", NULL), BP_OK);
		while (!(rc = bp_yaml_key(y, NULL, "m", &k)) && k) {
			ck_assert_int_eq(bp_yaml_int(y, "v", 0, 9, &v), BP_OK);
			n++;
		}
		bp_yaml_close(y);
		ck_assert_int_eq(rc, BP_EDATA);
		ck_assert_int_eq(n, 60);
		ck_assert_msg(e.line == 62 && e.col == 3, "k%d repeat at %d:%d", dup, e.line, e.col);
		char want[80];
		snprintf(want, sizeof want, "key 'k%d' appears twice in m (first at line %d)", dup,
			 dup + 2);
		ck_assert_str_eq(e.msg, want);
	}
}
END_TEST

START_TEST(reader_scalars)
{
	static const char doc[] = "i: -12\nd: 2.5e1\nb: True\nt: \"24:00\"\n"
				  "w: 2026-11-23T07:05\nbad: 0x10\n";
	struct bp_yaml *y;
	struct bp_err e;
	const char *k;
	int i, b, m, day;
	double d;
	ck_assert_int_eq(bp_yaml_open(&y, doc, sizeof doc - 1, "s.yaml", &e), BP_OK);
	ck_assert_int_eq(bp_yaml_begin(y, "test file"), BP_OK);
	ck_assert_int_eq(bp_yaml_key(y, NULL, "t", &k), BP_OK);
	ck_assert_int_eq(bp_yaml_int(y, "i", -100, 100, &i), BP_OK);
	ck_assert_int_eq(i, -12);
	ck_assert_int_eq(bp_yaml_key(y, NULL, "t", &k), BP_OK);
	ck_assert_int_eq(bp_yaml_double(y, "d", 0, 100, &d), BP_OK);
	ck_assert_double_eq(d, 25);
	ck_assert_int_eq(bp_yaml_key(y, NULL, "t", &k), BP_OK);
	ck_assert_int_eq(bp_yaml_bool(y, "b", &b), BP_OK);
	ck_assert_int_eq(b, 1);
	ck_assert_int_eq(bp_yaml_key(y, NULL, "t", &k), BP_OK);
	ck_assert_int_eq(bp_yaml_time(y, "t", &m), BP_OK);
	ck_assert_int_eq(m, 1440);
	ck_assert_int_eq(bp_yaml_key(y, NULL, "t", &k), BP_OK);
	ck_assert_int_eq(bp_yaml_datetime(y, "w", &day, &m), BP_OK);
	ck_assert_int_eq(m, 425);
	ck_assert_int_eq(bp_yaml_key(y, NULL, "t", &k), BP_OK);
	ck_assert_str_eq(k, "bad");
	ck_assert_int_eq(bp_yaml_double(y, "bad", 0, 1e300, &d), BP_EDATA);
	ck_assert_msg(e.line == 6 && e.col == 6, "at %d:%d", e.line, e.col);
	ck_assert_str_eq(e.msg, "bad: '0x10' is not a number >= 0");
	bp_yaml_close(y);

	static const char nums[] = "a: 1.5\nb: nan\nc: yes\n";
	ck_assert_int_eq(bp_yaml_open(&y, nums, sizeof nums - 1, "n.yaml", &e), BP_OK);
	ck_assert_int_eq(bp_yaml_begin(y, "test file"), BP_OK);
	ck_assert_int_eq(bp_yaml_key(y, NULL, "t", &k), BP_OK);
	ck_assert_int_eq(bp_yaml_int(y, "a", 0, 10, &i), BP_EDATA);
	ck_assert_str_eq(e.msg, "a: '1.5' is not a whole number from 0 to 10");
	bp_yaml_close(y);
}
END_TEST

Suite *bp_suite_yaml(void)
{
	Suite *s = suite_create("yaml");
	TCase *good = tcase_create("good");
	tcase_add_test(good, good_shop_info_and_kinds);
	tcase_add_test(good, good_shop_people_and_work);
	tcase_add_test(good, good_shop_jobs_windows_policy);
	tcase_add_test(good, desk_loan_handover_keys);
	tcase_add_test(good, good_shop_history);
	tcase_add_test(good, parse_without_dir_leaves_history);
	tcase_add_test(good, reader_scalars);
	tcase_add_test(good, duplicate_keys_in_big_mapping);
	suite_add_tcase(s, good);

	TCase *bad = tcase_create("bad");
	tcase_add_test(bad, refuses_unknown_key);
	tcase_add_test(bad, refuses_bad_time);
	tcase_add_test(bad, refuses_bad_date);
	tcase_add_test(bad, refuses_level_four);
	tcase_add_test(bad, refuses_window_ending_before_start);
	tcase_add_test(bad, accepts_job_longer_than_any_shift);
	tcase_add_test(bad, refuses_dangling_service);
	tcase_add_test(bad, refuses_duplicate_job_id);
	tcase_add_test(bad, refuses_alias);
	tcase_add_test(bad, refuses_anchor);
	tcase_add_test(bad, refuses_alias_bomb_fast);
	tcase_add_test(bad, refuses_deep_nesting_fast);
	tcase_add_test(bad, refuses_long_scalar);
	tcase_add_test(bad, refuses_empty_file);
	tcase_add_test(bad, refuses_top_level_list);
	tcase_add_test(bad, refuses_non_utf8);
	tcase_add_test(bad, refuses_tabs_and_syntax_errors);
	tcase_add_test(bad, refuses_part_without_supply);
	tcase_add_test(bad, refuses_negative_on_hand);
	tcase_add_test(bad, refuses_structure_mistakes);
	tcase_add_test(bad, refuses_window_and_arrival);
	tcase_add_test(bad, refuses_dangling_names);
	tcase_add_test(bad, file_errors);
	tcase_add_test(bad, labels_in_minutes_and_parts);
	tcase_add_test(bad, refuses_ids_that_do_not_read_back);
	tcase_add_test(bad, refuses_far_dates);
	tcase_add_test(good, byte_order_mark_skipped);
	suite_add_tcase(s, bad);
	return s;
}
