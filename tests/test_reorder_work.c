/*
 * test_reorder_work.c - the reorder list at scale: the decomposition
 * (delivery runs by local search, each part's orders by its own program)
 * against GLPK's answer on a catalogue both can solve, a list that does not
 * depend on the clock, and one with almost no work allowed.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/reorder.h"
#include "model/timeutil.h"
#include "solver/reorder.h"

Suite *bp_suite_reorder_work(void);

static int D;   /* 2026-11-24 */

/* 80 slow movers, a third rare, with 120 days of history drawn by a fixed
 * recurrence; one service using the first part and a few bookings. */
static void catalogue(struct bp_shop *s)
{
	bp_shop_init(s);
	s->nskills = 1;
	strcpy(s->skills[0].id, "maintenance");
	s->nbay_types = 1;
	strcpy(s->bay_types[0].id, "general");
	s->bay_types[0].serves = 1;
	ck_assert_int_eq(bp_date_parse("2026-11-24", &D), 0);
	unsigned x = 12345;
	for (int i = 0; i < 80; i++) {
		struct bp_part *p = bp_shop_add_part(s);
		ck_assert_ptr_nonnull(p);
		snprintf(p->sku, sizeof p->sku, "P%02d", i);
		p->supply = i % 3 == 2 ? BP_SUPPLY_RARE : BP_SUPPLY_COMMON;
		p->unit_cost = 5 + (i * 37) % 300;
		p->pack = i % 5 == 4 ? 2 : 1;
		p->service_level = 0.95;
		p->safety_stock = -1;
		p->on_hand = i % 4;
		for (int d = D - 120; d < D; d++) {
			x = x * 1103515245u + 12345u;
			if ((x >> 16) % 100 < 55) {
				struct bp_demand_row *r = bp_shop_add_demand(s);
				ck_assert_ptr_nonnull(r);
				int q = 1 + (int)((x >> 8) % 3) + ((x >> 4) % 40 == 0 ? 12 : 0);
				*r = (struct bp_demand_row){d, i, q};
			}
		}
	}
	struct bp_service *v = bp_shop_add_service(s);
	ck_assert_ptr_nonnull(v);
	strcpy(v->code, "SVC");
	v->level = 1;
	v->minutes[1] = v->minutes[2] = v->minutes[3] = 60;
	v->nparts = 1;
	v->parts[0] = (struct bp_part_line){0, 2};
	for (int j = 0; j < 6; j++) {
		struct bp_job *jb = bp_shop_add_job(s);
		ck_assert_ptr_nonnull(jb);
		snprintf(jb->id, sizeof jb->id, "J%d", j);
		jb->date = D + j % 3;
		jb->service = 0;
		jb->tier = BP_TIER_BASIC;
		jb->window = (struct bp_span){540 + 60 * j, 540 + 60 * j};
		jb->parts[jb->nparts++] = (struct bp_part_line){10 + 7 * j, 1};
	}
}

static void solve(const struct bp_shop *s, const struct bp_reorder_opts *o, struct bp_reorder *r)
{
	struct bp_err err;
	bp_err_clear(&err);
	bp_reorder_init(r);
	ck_assert_int_eq(bp_reorder_solve(s, D, NULL, o, r, &err), BP_OK);
	ck_assert_msg(r->status != BP_RUN_FAILED, "no answer");
}

static int same_lines(const struct bp_reorder *a, const struct bp_reorder *b)
{
	if (a->nlines != b->nlines)
		return 0;
	for (int i = 0; i < a->nlines; i++) {
		const struct bp_reorder_line *x = &a->lines[i], *y = &b->lines[i];
		if (x->part != y->part || x->qty != y->qty || x->arrive_day != y->arrive_day ||
		    x->arrive_min != y->arrive_min || x->order_day != y->order_day ||
		    x->order_min != y->order_min)
			return 0;
	}
	return 1;
}

START_TEST(decomposition_matches_glpk)
{
	/* The decomposition once counted a shortfall at the check no order
	 * can change (and lost the orders of the first delivery from its
	 * count): its lists then cost thousands more than GLPK's. */
	struct bp_shop s;
	catalogue(&s);
	struct bp_reorder_opts o;
	bp_reorder_opts_init(&o);
	struct bp_reorder g, d;
	solve(&s, &o, &g);
	ck_assert_msg(g.status == BP_RUN_OPTIMAL, "GLPK: %s", bp_run_status_name(g.status));
	o.mip_cols = 0;
	solve(&s, &o, &d);
	ck_assert_msg(d.objective <= g.objective * 1.005 + 1e-6,
		      "decomposition %.2f against GLPK's optimum %.2f", d.objective, g.objective);
	ck_assert_msg(d.nuncovered == g.nuncovered, "jobs without a part: %d against %d",
		      d.nuncovered, g.nuncovered);
	bp_reorder_free(&g);
	bp_reorder_free(&d);
	bp_shop_free(&s);
}
END_TEST

START_TEST(list_does_not_depend_on_the_clock)
{
	/* Work limits end the search, not seconds: a limit a hundred times
	 * longer than one the search stays well within gives the same list,
	 * and so does a second run. A limit that does cut (a thousandth of
	 * a second) is a promise kept: the list is marked time_limit, and is
	 * still a whole list. */
	struct bp_shop s;
	catalogue(&s);
	struct bp_reorder_opts o;
	bp_reorder_opts_init(&o);
	o.mip_cols = 0;
	struct bp_reorder a, b, c, cut;
	solve(&s, &o, &a);
	ck_assert_msg(a.status != BP_RUN_TIME_LIMIT, "the default limit cut the list");
	solve(&s, &o, &c);
	ck_assert_msg(same_lines(&a, &c), "the list changed from one run to the next");
	o.time_limit = 3000;
	solve(&s, &o, &b);
	ck_assert_msg(same_lines(&a, &b), "the list changed with the time limit");
	o.time_limit = 0.001;
	solve(&s, &o, &cut);
	ck_assert_msg(cut.status == BP_RUN_TIME_LIMIT, "a cut list is %s",
		      bp_run_status_name(cut.status));
	for (int i = 0; i < cut.nlines; i++)
		ck_assert_msg(cut.lines[i].qty > 0 && cut.lines[i].part >= 0 &&
				      cut.lines[i].part < s.nparts,
			      "line %d of the cut list", i);
	bp_reorder_free(&a);
	bp_reorder_free(&b);
	bp_reorder_free(&c);
	bp_reorder_free(&cut);
	bp_shop_free(&s);
}
END_TEST

START_TEST(little_work_still_answers)
{
	/* one part evaluation allowed: the first answer stands, complete */
	struct bp_shop s;
	catalogue(&s);
	struct bp_reorder_opts o;
	bp_reorder_opts_init(&o);
	o.mip_cols = 0;
	o.heur_work = 1;
	struct bp_reorder r, full;
	solve(&s, &o, &r);
	ck_assert_int_gt(r.nlines, 0);
	o.heur_work = BP_REORDER_HEUR_WORK;
	solve(&s, &o, &full);
	ck_assert_msg(full.objective <= r.objective + 1e-6, "more work, dearer: %.2f > %.2f",
		      full.objective, r.objective);
	bp_reorder_free(&r);
	bp_reorder_free(&full);
	bp_shop_free(&s);
}
END_TEST

Suite *bp_suite_reorder_work(void)
{
	Suite *s = suite_create("reorder_work");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, decomposition_matches_glpk);
	tcase_add_test(tc, list_does_not_depend_on_the_clock);
	tcase_add_test(tc, little_work_still_answers);
	suite_add_tcase(s, tc);
	return s;
}
