/*
 * test_jobs.c - the store's side of 'bayplan job' (io/store_jobs.h): a
 * booking's rows round trip, a move, stock that never goes below zero, the
 * tuned windows and their booked count, the plan a start defaults to; and a
 * finished job read back as an actual the learning sees.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "io/store.h"
#include "tests/tmpdir.h"
#include "io/store_jobs.h"
#include "io/store_status.h"
#include "io/yaml_shop.h"

Suite *bp_suite_jobs(void);

static char dir[64], path[128];

static void setup(void)
{
	bp_test_tmpdir("jobs", dir, sizeof dir, path, sizeof path);
}

static void teardown(void)
{
	bp_test_rmdir(dir);
}

static int day_of(const char *s)
{
	int d = -1;
	ck_assert_msg(bp_date_parse(s, &d) == 0, "bad date %s", s);
	return d;
}

static void raw_exec(const char *sql)
{
	bp_test_sql_exec(path, sql);
}

static long long raw_int(const char *sql)
{
	return bp_test_sql_int(path, sql);
}

/* A store holding tests/data/good_shop.yaml (jobs RO-1001..1003). */
static struct bp_store *store(struct bp_shop *s)
{
	struct bp_store *st = NULL;
	struct bp_err err = {0};
	bp_shop_init(s);
	ck_assert_msg(bp_shopfile_read("data/good_shop.yaml", s, &err) == BP_OK, "%s", err.msg);
	ck_assert_int_eq(bp_store_open(path, 1, &st, &err), BP_OK);
	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	ck_assert_msg(bp_store_save_shop(st, s, &err) == BP_OK, "%s", err.msg);
	ck_assert_int_eq(bp_store_commit(st, &err), BP_OK);
	return st;
}

static void reload(struct bp_store *st, struct bp_shop *s)
{
	struct bp_err err = {0};
	bp_shop_free(s);
	bp_shop_init(s);
	int rc = bp_store_load_shop(st, s, &err);
	ck_assert_msg(rc == BP_OK, "load: %s", err.msg);
}

static struct bp_job new_job(const struct bp_shop *s)
{
	struct bp_job j;
	memset(&j, 0, sizeof j);
	snprintf(j.id, sizeof j.id, "BP-20261124-1");
	j.date = day_of("2026-11-24");
	j.service = bp_shop_service(s, "OIL");
	j.tier = BP_TIER_CORE;
	j.window = (struct bp_span){9 * 60, 11 * 60};
	j.has_window = 1;
	j.promised = 11 * 60 + 30;
	j.waiting = 1;
	j.minutes = 50;
	j.nparts = 1;
	j.parts[0] = (struct bp_part_line){bp_shop_part(s, "BRK-PAD-F"), 2};
	j.technician = bp_shop_tech(s, "T1");
	j.act_tech = j.act_bay = -1;
	return j;
}

START_TEST(add_job_round_trip)
{
	struct bp_shop s;
	struct bp_err err = {0};
	struct bp_store *st = store(&s);
	struct bp_job j = new_job(&s);
	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	ck_assert_msg(bp_store_add_job(st, &s, &j, &err) == BP_OK, "%s", err.msg);
	ck_assert_int_eq(bp_store_commit(st, &err), BP_OK);
	reload(st, &s);
	int i = bp_shop_job(&s, "BP-20261124-1");
	ck_assert_int_ge(i, 0);
	const struct bp_job *g = &s.jobs[i];
	ck_assert_int_eq(g->date, j.date);
	ck_assert_str_eq(s.services[g->service].code, "OIL");
	ck_assert_int_eq(g->tier, BP_TIER_CORE);
	ck_assert(g->has_window && g->window.start == 540 && g->window.end == 660);
	ck_assert_int_eq(g->promised, 690);
	ck_assert(g->waiting);
	ck_assert_int_eq(g->minutes, 50);
	ck_assert_str_eq(s.techs[g->technician].id, "T1");
	ck_assert_int_eq(g->nparts, 1);
	ck_assert_str_eq(s.parts[g->parts[0].part].sku, "BRK-PAD-F");
	ck_assert_int_eq(g->parts[0].qty, 2);
	ck_assert_int_eq(g->status, BP_JOB_BOOKED);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM job_status WHERE job_id='BP-20261124-1' "
				 "AND status='booked'"), 1);
	bp_store_close(st);
	bp_shop_free(&s);
}
END_TEST

START_TEST(add_job_arrival_and_stale_status)
{
	struct bp_shop s;
	struct bp_err err = {0};
	struct bp_store *st = store(&s);
	/* A status row left by a job an import dropped must not leak into a
	 * new booking of the same id. */
	raw_exec("INSERT INTO job_status (job_id, status, started, carried_from) VALUES "
		 "('BP-20261124-1', 'done', '2026-11-20T08:00', '2026-11-19')");
	struct bp_job j = new_job(&s);
	j.has_window = 0;
	j.window = (struct bp_span){8 * 60 + 30, 8 * 60 + 30};
	j.promised = -1;
	j.technician = -1;
	j.minutes = 0;
	j.nparts = 0;
	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	ck_assert_msg(bp_store_add_job(st, &s, &j, &err) == BP_OK, "%s", err.msg);
	ck_assert_int_eq(bp_store_commit(st, &err), BP_OK);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM jobs WHERE id='BP-20261124-1' AND "
				 "arrival='08:30' AND window_start IS NULL AND promised IS NULL AND "
				 "minutes IS NULL AND technician_id IS NULL"), 1);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM job_status WHERE job_id='BP-20261124-1' "
				 "AND status='booked' AND started IS NULL AND carried_from IS NULL"),
			 1);
	bp_store_close(st);
	bp_shop_free(&s);
}
END_TEST

START_TEST(add_job_duplicate_and_outside_tx)
{
	struct bp_shop s;
	struct bp_err err = {0};
	struct bp_store *st = store(&s);
	struct bp_job j = new_job(&s);
	ck_assert_int_eq(bp_store_add_job(st, &s, &j, &err), BP_EINTERNAL);
	snprintf(j.id, sizeof j.id, "RO-1001");
	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	ck_assert_int_eq(bp_store_add_job(st, &s, &j, &err), BP_EDATA);
	bp_store_rollback(st);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM jobs"), 3);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM job_parts WHERE qty = 2"), 0);
	bp_store_close(st);
	bp_shop_free(&s);
}
END_TEST

START_TEST(move_job_clears_carried)
{
	struct bp_shop s;
	struct bp_err err = {0};
	struct bp_store *st = store(&s);
	int i = bp_shop_job(&s, "RO-1003");
	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	ck_assert_int_eq(bp_store_set_carried(st, "RO-1003", day_of("2026-11-24"), &err), BP_OK);
	s.jobs[i].date = day_of("2026-11-26");
	s.jobs[i].has_window = 0;
	s.jobs[i].window = (struct bp_span){600, 600};
	ck_assert_msg(bp_store_move_job(st, &s.jobs[i], &err) == BP_OK, "%s", err.msg);
	ck_assert_int_eq(bp_store_commit(st, &err), BP_OK);
	reload(st, &s);
	i = bp_shop_job(&s, "RO-1003");
	ck_assert_int_eq(s.jobs[i].date, day_of("2026-11-26"));
	ck_assert(!s.jobs[i].has_window && s.jobs[i].window.start == 600);
	ck_assert_int_eq(s.jobs[i].carried_from, 0);
	struct bp_job ghost = s.jobs[i];
	snprintf(ghost.id, sizeof ghost.id, "NOPE");
	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	ck_assert_int_eq(bp_store_move_job(st, &ghost, &err), BP_EDATA);
	bp_store_rollback(st);
	bp_store_close(st);
	bp_shop_free(&s);
}
END_TEST

START_TEST(take_stock_never_below_zero)
{
	struct bp_shop s;
	struct bp_err err = {0};
	struct bp_store *st = store(&s);
	int left = -1;
	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	ck_assert_int_eq(bp_store_take_stock(st, "FLT-OIL-01", 4, &left, &err), BP_OK);
	ck_assert_int_eq(left, 10);
	ck_assert_int_eq(bp_store_take_stock(st, "FLT-OIL-01", 11, &left, &err), BP_EDATA);
	ck_assert_msg(strstr(err.msg, "FLT-OIL-01") && strstr(err.msg, "10 on hand") &&
		      strstr(err.msg, "receive or count it first"), "%s", err.msg);
	ck_assert_int_eq(bp_store_take_stock(st, "NOPE", 1, &left, &err), BP_EDATA);
	ck_assert_int_eq(bp_store_take_stock(st, "FLT-OIL-01", 10, &left, &err), BP_OK);
	ck_assert_int_eq(left, 0);
	ck_assert_int_eq(bp_store_commit(st, &err), BP_OK);
	ck_assert_int_eq(raw_int("SELECT on_hand FROM parts WHERE sku='FLT-OIL-01'"), 0);
	bp_store_close(st);
	bp_shop_free(&s);
}
END_TEST

START_TEST(class_windows_and_booked)
{
	struct bp_shop s;
	struct bp_err err = {0};
	struct bp_store *st = store(&s);
	raw_exec("INSERT INTO appointment_windows (date, start, \"end\", service_class, capacity, "
		 "booked) VALUES "
		 "('2026-11-25', '2026-11-25T08:00', '2026-11-25T09:00', 'm/1/g', 3, 1),"
		 "('2026-11-24', '2026-11-24T14:00', '2026-11-24T16:00', 'm/1/g', 2, 2),"
		 "('2026-11-24', '2026-11-24T08:00', '2026-11-24T09:00', 'm/1/g', 4, 0),"
		 "('2026-11-23', '2026-11-23T08:00', '2026-11-23T09:00', 'm/1/g', 4, 0),"
		 "('2026-11-24', '2026-11-24T08:00', '2026-11-24T09:00', 'e/2/e', 1, 1)");
	struct bp_store_window *w;
	int n;
	ck_assert_int_eq(bp_store_class_windows(st, "m/1/g", day_of("2026-11-24"), &w, &n, &err),
			 BP_OK);
	ck_assert_int_eq(n, 3);
	ck_assert(w[0].date == day_of("2026-11-24") && w[0].span.start == 480 &&
		  w[0].span.end == 540 && w[0].capacity == 4 && w[0].booked == 0);
	ck_assert(w[1].date == day_of("2026-11-24") && w[1].span.start == 840 &&
		  w[1].capacity == 2 && w[1].booked == 2);
	ck_assert(w[2].date == day_of("2026-11-25"));
	free(w);
	ck_assert_int_eq(bp_store_class_windows(st, "x/1/y", 0, &w, &n, &err), BP_OK);
	ck_assert(n == 0 && w == NULL);

	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	ck_assert_int_eq(bp_store_window_booked(st, day_of("2026-11-24"), 480, "m/1/g", 1, &err),
			 BP_OK);
	ck_assert_int_eq(bp_store_window_booked(st, day_of("2026-11-24"), 840, "m/1/g", -5, &err),
			 BP_OK);
	ck_assert_int_eq(bp_store_window_booked(st, day_of("2026-11-24"), 600, "m/1/g", 1, &err),
			 BP_OK);
	ck_assert_int_eq(bp_store_commit(st, &err), BP_OK);
	ck_assert_int_eq(raw_int("SELECT booked FROM appointment_windows WHERE "
				 "start='2026-11-24T08:00' AND service_class='m/1/g'"), 1);
	ck_assert_int_eq(raw_int("SELECT booked FROM appointment_windows WHERE "
				 "start='2026-11-24T14:00'"), 0);
	ck_assert_int_eq(raw_int("SELECT booked FROM appointment_windows WHERE "
				 "service_class='e/2/e'"), 1);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM appointment_windows"), 5);

	raw_exec("INSERT INTO appointment_windows (date, start, \"end\", service_class, capacity) "
		 "VALUES ('2026-11-26', '2026-11-27T08:00', '2026-11-27T09:00', 'm/1/g', 1)");
	ck_assert_int_eq(bp_store_class_windows(st, "m/1/g", 0, &w, &n, &err), BP_EDATA);
	ck_assert(w == NULL && n == 0);
	bp_store_close(st);
	bp_shop_free(&s);
}
END_TEST

START_TEST(planned_from_latest_live_run)
{
	struct bp_shop s;
	struct bp_err err = {0};
	struct bp_store *st = store(&s);
	char tech[BP_ID_LEN], bay[BP_ID_LEN];
	int found = -1;
	int d = day_of("2026-11-24");
	ck_assert_int_eq(bp_store_planned(st, "RO-1003", d, tech, bay, &found, &err), BP_OK);
	ck_assert_int_eq(found, 0);
	raw_exec("INSERT INTO runs (id, kind, date, created_at, status, scenario) VALUES "
		 "(1, 'schedule', '2026-11-24', 'x', 'optimal', ''),"
		 "(2, 'schedule', '2026-11-24', 'x', 'optimal', ''),"
		 "(3, 'schedule', '2026-11-24', 'x', 'optimal', 'whatif'),"
		 "(4, 'reorder', '2026-11-24', 'x', 'optimal', '');"
		 "INSERT INTO schedule (run_id, job_id, technician_id, bay_id, start, \"end\") VALUES "
		 "(1, 'RO-1003', 'T2', 'A1', '2026-11-24T08:00', '2026-11-24T09:00'),"
		 "(2, 'RO-1003', 'T1', 'B1', '2026-11-24T09:00', '2026-11-24T10:00'),"
		 "(3, 'RO-1003', 'T2', 'E1', '2026-11-24T09:00', '2026-11-24T10:00'),"
		 "(1, 'RO-1002', 'T1', 'E1', '2026-11-24T09:00', '2026-11-24T10:00')");
	ck_assert_int_eq(bp_store_planned(st, "RO-1003", d, tech, bay, &found, &err), BP_OK);
	ck_assert_int_eq(found, 1);
	ck_assert_str_eq(tech, "T1");
	ck_assert_str_eq(bay, "B1");
	/* Only in an older run: the latest plan does not place it. */
	ck_assert_int_eq(bp_store_planned(st, "RO-1002", d, tech, bay, &found, &err), BP_OK);
	ck_assert_int_eq(found, 0);
	ck_assert_int_eq(bp_store_planned(st, "RO-1003", d + 1, tech, bay, &found, &err), BP_OK);
	ck_assert_int_eq(found, 0);
	bp_store_close(st);
	bp_shop_free(&s);
}
END_TEST

/* What 'job start' and 'job finish' write is an actual once read back. */
START_TEST(finished_job_is_an_actual)
{
	struct bp_shop s;
	struct bp_err err = {0};
	struct bp_store *st = store(&s);
	reload(st, &s);
	int n0 = s.nactuals, i = bp_shop_job(&s, "RO-1003");
	struct bp_job *j = &s.jobs[i];
	j->status = BP_JOB_DONE;
	j->has_started = j->has_finished = 1;
	j->started_day = j->finished_day = j->date;
	j->started = 8 * 60 + 5;
	j->finished = 8 * 60 + 55;
	j->act_tech = bp_shop_tech(&s, "T2");
	j->act_bay = bp_shop_bay(&s, "B1");
	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	ck_assert_int_eq(bp_store_set_job_status(st, &s, j, &err), BP_OK);
	ck_assert_int_eq(bp_store_commit(st, &err), BP_OK);
	reload(st, &s);
	ck_assert_int_eq(s.nactuals, n0 + 1);
	const struct bp_actual *a = &s.actuals[s.nactuals - 1];
	ck_assert_str_eq(a->job_id, "RO-1003");
	ck_assert(a->has_started && a->has_finished && !a->no_show);
	ck_assert_int_eq(a->finished - a->started, 50);
	ck_assert_str_eq(s.techs[a->technician].id, "T2");
	ck_assert_str_eq(s.services[a->service].code, "OIL");
	bp_store_close(st);
	bp_shop_free(&s);
}
END_TEST

Suite *bp_suite_jobs(void)
{
	Suite *s = suite_create("jobs");
	TCase *tc = tcase_create("store");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, add_job_round_trip);
	tcase_add_test(tc, add_job_arrival_and_stale_status);
	tcase_add_test(tc, add_job_duplicate_and_outside_tx);
	tcase_add_test(tc, move_job_clears_carried);
	tcase_add_test(tc, take_stock_never_below_zero);
	tcase_add_test(tc, class_windows_and_booked);
	tcase_add_test(tc, planned_from_latest_live_run);
	tcase_add_test(tc, finished_job_is_an_actual);
	suite_add_tcase(s, tc);
	return s;
}
