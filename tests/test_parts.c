/*
 * test_parts.c - the store's side of the day-to-day commands: the on-order
 * book (open lines earliest first, receipts, manual and reorder lines),
 * the stock balance, finding the reorder list to place, and roster changes
 * and closures written and read back through bp_store_load_shop.
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
#include "io/store_parts.h"
#include "io/store_roster.h"
#include "plan_fixture.h"

Suite *bp_suite_parts(void);

static char dir[64], path[128];

static void setup(void)
{
	bp_test_tmpdir("parts", dir, sizeof dir, path, sizeof path);
}

static void teardown(void)
{
	bp_test_rmdir(dir);
}

static void raw_exec(const char *sql)
{
	bp_test_sql_exec(path, sql);
}

static long long raw_int(const char *sql)
{
	return bp_test_sql_int(path, sql);
}

static void add_part(struct bp_shop *s, const char *sku, int on_hand)
{
	struct bp_part *p = bp_shop_add_part(s);
	ck_assert_ptr_nonnull(p);
	snprintf(p->sku, sizeof p->sku, "%s", sku);
	snprintf(p->name, sizeof p->name, "part %s", sku);
	p->on_hand = on_hand;
	p->unit_cost = 10;
	p->pack = 1;
	p->service_level = 0.95;
	p->safety_stock = -1;
}

/* The fixture shop with parts FLT-1 (5 on hand) and PAD-2 (none), stored
 * and committed; the store is returned open. */
static struct bp_store *fresh(void)
{
	struct bp_shop s;
	struct bp_store *st = NULL;
	struct bp_err err = {0};
	ck_assert_int_eq(bp_fixture_shop(&s), 0);
	add_part(&s, "FLT-1", 5);
	add_part(&s, "PAD-2", 0);
	ck_assert_int_eq(bp_store_open(path, 1, &st, &err), BP_OK);
	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	int rc = bp_store_save_shop(st, &s, &err);
	ck_assert_msg(rc == BP_OK, "save: %s", err.msg);
	ck_assert_int_eq(bp_store_commit(st, &err), BP_OK);
	bp_shop_free(&s);
	return st;
}

static long long add_line(struct bp_store *st, const char *sku, int qty, int received,
			  const char *arrives)
{
	struct bp_order_line l;
	struct bp_err err = {0};
	memset(&l, 0, sizeof l);
	snprintf(l.sku, sizeof l.sku, "%s", sku);
	snprintf(l.arrives, sizeof l.arrives, "%s", arrives);
	snprintf(l.ordered_at, sizeof l.ordered_at, "2026-11-23T16:00");
	snprintf(l.source, sizeof l.source, "manual");
	l.qty = qty;
	l.received = received;
	int rc = bp_store_add_order(st, &l, &err);
	ck_assert_msg(rc == BP_OK, "add_order: %s", err.msg);
	ck_assert(l.id > 0);
	return l.id;
}

START_TEST(open_lines_come_earliest_first)
{
	struct bp_store *st = fresh();
	struct bp_err err = {0};
	struct bp_order_line *l;
	int n;
	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	long long later = add_line(st, "FLT-1", 4, 0, "2026-11-25T10:00");
	long long first = add_line(st, "FLT-1", 3, 1, "2026-11-24T15:00");
	long long second = add_line(st, "FLT-1", 2, 0, "2026-11-24T15:00");
	add_line(st, "FLT-1", 6, 6, "2026-11-24T08:00");   /* received in full */
	add_line(st, "PAD-2", 9, 0, "2026-11-24T08:00");   /* another part */
	ck_assert_int_eq(bp_store_commit(st, &err), BP_OK);
	ck_assert_int_eq(bp_store_open_orders(st, "FLT-1", &l, &n, &err), BP_OK);
	ck_assert_int_eq(n, 3);
	ck_assert(l[0].id == first && l[1].id == second && l[2].id == later);
	ck_assert_int_eq(l[0].qty - l[0].received, 2);
	ck_assert_str_eq(l[0].source, "manual");
	ck_assert_str_eq(l[0].ordered_at, "2026-11-23T16:00");
	ck_assert_int_eq(l[0].run_id, 0);
	bp_order_lines_free(l, n);
	/* A line from no run has no run id, not 0. */
	ck_assert_int_eq(raw_int("SELECT count(*) FROM part_orders WHERE run_id IS NULL"), 5);
	ck_assert_int_eq(bp_store_open_orders(st, "NONE", &l, &n, &err), BP_OK);
	ck_assert_int_eq(n, 0);
	bp_order_lines_free(l, n);
	bp_store_close(st);
}
END_TEST

START_TEST(receipts_and_stock_read_back)
{
	struct bp_store *st = fresh();
	struct bp_err err = {0};
	struct bp_shop s;
	bp_shop_init(&s);
	ck_assert_int_eq(bp_store_set_on_hand(st, "FLT-1", 7, &err), BP_EINTERNAL);
	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	long long a = add_line(st, "FLT-1", 4, 0, "2026-11-24T10:00");
	add_line(st, "FLT-1", 5, 0, "2026-11-24T12:00");
	ck_assert_int_eq(bp_store_set_received(st, a, 4, &err), BP_OK);
	ck_assert_int_eq(bp_store_set_on_hand(st, "FLT-1", 9, &err), BP_OK);
	ck_assert_int_eq(bp_store_set_on_hand(st, "NOPE", 1, &err), BP_EDATA);
	ck_assert_msg(strstr(err.msg, "no part NOPE") != NULL, "%s", err.msg);
	ck_assert_int_eq(bp_store_commit(st, &err), BP_OK);
	ck_assert_int_eq(bp_store_load_shop(st, &s, &err), BP_OK);
	const struct bp_part *p = &s.parts[bp_shop_part(&s, "FLT-1")];
	ck_assert_int_eq(p->on_hand, 9);
	ck_assert_int_eq(p->non_order, 1);      /* the received line is not on order */
	ck_assert_int_eq(p->on_order[0].qty, 5);
	ck_assert_int_eq(p->on_order[0].minute, 12 * 60);
	bp_shop_free(&s);
	bp_store_close(st);
}
END_TEST

START_TEST(finds_the_live_reorder_list)
{
	struct bp_store *st = fresh();
	struct bp_err err = {0};
	long long run;
	ck_assert_int_eq(bp_store_find_reorder_run(st, 0, &run, &err), BP_EDATA);
	ck_assert_msg(strstr(err.msg, "no reorder list") != NULL, "%s", err.msg);
	raw_exec("INSERT INTO runs (id, kind, date, created_at, status, scenario) VALUES "
		 "(1, 'schedule', '2026-11-24', 'x', 'optimal', ''),"
		 "(2, 'reorder', '2026-11-24', 'x', 'optimal', ''),"
		 "(3, 'reorder', '2026-11-24', 'x', 'optimal', 'rare 72h'),"
		 "(4, 'schedule', '2026-11-25', 'x', 'optimal', '')");
	ck_assert_int_eq(bp_store_find_reorder_run(st, 0, &run, &err), BP_OK);
	ck_assert_int_eq(run, 2);
	ck_assert_int_eq(bp_store_find_reorder_run(st, 2, &run, &err), BP_OK);
	ck_assert_int_eq(run, 2);
	ck_assert_int_eq(bp_store_find_reorder_run(st, 1, &run, &err), BP_EDATA);
	ck_assert_msg(strstr(err.msg, "run 1 is a schedule run") != NULL, "%s", err.msg);
	ck_assert_int_eq(bp_store_find_reorder_run(st, 3, &run, &err), BP_EDATA);
	ck_assert_msg(strstr(err.msg, "what-if 'rare 72h'") != NULL, "%s", err.msg);
	ck_assert_int_eq(bp_store_find_reorder_run(st, 99, &run, &err), BP_EDATA);
	ck_assert_msg(strstr(err.msg, "no run 99") != NULL, "%s", err.msg);
	ck_assert_int_eq(run, 0);
	bp_store_close(st);
}
END_TEST

START_TEST(reorder_rows_become_lines_once)
{
	struct bp_store *st = fresh();
	struct bp_err err = {0};
	struct bp_order_line *l;
	int n, placed;
	raw_exec("INSERT INTO runs (id, kind, date, created_at, status) VALUES "
		 "(5, 'reorder', '2026-11-24', 'x', 'optimal');"
		 "INSERT INTO reorder (run_id, sku, qty, order_by, arrives, reason, jobs, cost) VALUES "
		 "(5, 'FLT-1', 4, '2026-11-24T07:30', '2026-11-24T11:30', 'job', 'RO-1001,RO-1007', 40),"
		 "(5, 'PAD-2', 0, '2026-11-24T07:30', '2026-11-24T11:30', 'safety_stock', '', 0),"
		 "(5, 'FLT-1', 6, '2026-11-25T14:00', '2026-11-26T07:30', 'safety_stock', '', 60)");
	ck_assert_int_eq(bp_store_reorder_orders(st, 5, &l, &n, &err), BP_OK);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(l[0].sku, "FLT-1");
	ck_assert_int_eq(l[0].qty, 4);
	ck_assert_str_eq(l[0].jobs, "RO-1001,RO-1007");
	ck_assert_str_eq(l[0].source, "reorder");
	ck_assert_int_eq(l[0].run_id, 5);
	ck_assert_ptr_null(l[1].jobs);
	ck_assert_str_eq(l[1].arrives, "2026-11-26T07:30");
	ck_assert_int_eq(bp_store_run_ordered(st, 5, &placed, &err), BP_OK);
	ck_assert_int_eq(placed, 0);
	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	for (int i = 0; i < n; i++)
		ck_assert_int_eq(bp_store_add_order(st, &l[i], &err), BP_OK);
	ck_assert_int_eq(bp_store_commit(st, &err), BP_OK);
	bp_order_lines_free(l, n);
	ck_assert_int_eq(bp_store_run_ordered(st, 5, &placed, &err), BP_OK);
	ck_assert_int_eq(placed, 2);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM part_orders WHERE run_id = 5 AND "
				 "source = 'reorder' AND received = 0"), 2);
	/* A row with no arrival cannot go on order. */
	raw_exec("INSERT INTO reorder (run_id, sku, qty, reason) VALUES (5, 'PAD-2', 3, 'job')");
	ck_assert_int_eq(bp_store_reorder_orders(st, 5, &l, &n, &err), BP_EDATA);
	ck_assert_int_eq(n, 0);
	ck_assert_msg(strstr(err.record, "PAD-2") != NULL, "%s", err.record);
	bp_store_close(st);
}
END_TEST

START_TEST(roster_and_closures_read_back)
{
	struct bp_store *st = fresh();
	struct bp_err err = {0};
	struct bp_shop s, got;
	char buf[BP_SPANS_TEXT];
	long long id;
	bp_shop_init(&got);
	ck_assert_int_eq(bp_fixture_shop(&s), 0);
	int d;
	bp_date_parse(BP_FIXTURE_DATE, &d);
	struct bp_roster_change off = {.tech = 0, .date = d, .kind = BP_ROSTER_OFF, .whole = 1};
	struct bp_roster_change part = {.tech = 1, .date = d, .kind = BP_ROSTER_OFF,
					.span = {600, 660}};
	struct bp_roster_change sh = {.tech = 2, .date = d, .kind = BP_ROSTER_SHIFT,
				      .span = {600, 1140}, .nbreaks = 2,
				      .breaks = {{720, 750}, {900, 915}}};
	bp_spans_text(sh.breaks, sh.nbreaks, buf, sizeof buf);
	ck_assert_str_eq(buf, "12:00-12:30,15:00-15:15");
	ck_assert_int_eq(bp_store_roster_shift_id(st, "T3", d, &id, &err), BP_OK);
	ck_assert_int_eq(id, 0);
	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	ck_assert_int_eq(bp_store_roster_put(st, 0, &s, &off, &err), BP_OK);
	ck_assert_int_eq(bp_store_roster_put(st, 0, &s, &part, &err), BP_OK);
	ck_assert_int_eq(bp_store_roster_put(st, 0, &s, &sh, &err), BP_OK);
	ck_assert_int_eq(bp_store_roster_shift_id(st, "T3", d, &id, &err), BP_OK);
	ck_assert(id > 0);
	sh.span.end = 1080;
	sh.nbreaks = 1;
	ck_assert_int_eq(bp_store_roster_put(st, id, &s, &sh, &err), BP_OK);
	struct bp_closure hol = {.date = d + 2, .bay = -1, .whole = 1, .reason = "Holiday"};
	struct bp_closure down = {.date = d, .bay = 3, .span = {480, 600}, .reason = "lift"};
	ck_assert_int_eq(bp_store_closure_add(st, &s, &hol, &err), BP_OK);
	ck_assert_int_eq(bp_store_closure_add(st, &s, &down, &err), BP_OK);
	ck_assert_int_eq(bp_store_commit(st, &err), BP_OK);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM roster"), 3);
	ck_assert_int_eq(bp_store_load_shop(st, &got, &err), BP_OK);
	ck_assert_int_eq(got.nroster, 3);
	ck_assert(got.roster[0].whole && got.roster[0].kind == BP_ROSTER_OFF &&
		  got.roster[0].tech == 0);
	ck_assert(!got.roster[1].whole && got.roster[1].span.start == 600 &&
		  got.roster[1].span.end == 660);
	ck_assert(got.roster[2].kind == BP_ROSTER_SHIFT && got.roster[2].span.end == 1080 &&
		  got.roster[2].nbreaks == 1 && got.roster[2].breaks[0].start == 720);
	ck_assert_int_eq(got.nclosures, 2);
	ck_assert(got.closures[0].bay == -1 && got.closures[0].whole &&
		  !strcmp(got.closures[0].reason, "Holiday"));
	ck_assert(got.closures[1].bay == 3 && !got.closures[1].whole &&
		  got.closures[1].span.start == 480 && got.closures[1].span.end == 600);
	bp_shop_free(&s);
	bp_shop_free(&got);
	bp_store_close(st);
}
END_TEST

Suite *bp_suite_parts(void)
{
	Suite *s = suite_create("parts");
	TCase *tc = tcase_create("parts");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, open_lines_come_earliest_first);
	tcase_add_test(tc, receipts_and_stock_read_back);
	tcase_add_test(tc, finds_the_live_reorder_list);
	tcase_add_test(tc, reorder_rows_become_lines_once);
	tcase_add_test(tc, roster_and_closures_read_back);
	suite_add_tcase(s, tc);
	return s;
}
