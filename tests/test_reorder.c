/*
 * test_reorder.c - the reorder integer program on shops built in code:
 * JIT timing against the plan, rare parts ahead, packs and minimums, safety
 * stock, deliveries before the demand they serve, dear parts, closed days,
 * budgets, excess stock, empty history, and the guarantee that a
 * job's parts are covered in time (checked independently on random shops).
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/reorder.h"
#include "solver/reorder.h"

Suite *bp_suite_reorder(void);

#define DAY 1440
#define OPEN 450     /* 07:30, the shop default */
#define CLOSE 1080   /* 18:00 */
#define HM(h, m) ((h) * 60 + (m))

static int D;        /* 2026-11-23 */

/* ---- building shops ---- */

static void shop_new(struct bp_shop *s)
{
	bp_shop_init(s);
	s->nskills = 1;
	strcpy(s->skills[0].id, "maintenance");
	s->nbay_types = 1;
	strcpy(s->bay_types[0].id, "general");
	s->bay_types[0].serves = 1;
}

/* A part with no safety stock of its own (0) unless the test sets one. */
static int add_part(struct bp_shop *s, const char *sku, enum bp_supply sup, int on_hand,
		    double unit_cost, int pack, int min_order)
{
	struct bp_part *p = bp_shop_add_part(s);
	ck_assert_ptr_nonnull(p);
	snprintf(p->sku, sizeof p->sku, "%s", sku);
	p->supply = sup;
	p->on_hand = on_hand;
	p->unit_cost = unit_cost;
	p->pack = pack;
	p->min_order = min_order;
	p->service_level = 0.95;
	p->safety_stock = 0;
	return s->nparts - 1;
}

/* A service using `qty` of `part` (part -1: none). */
static int add_service(struct bp_shop *s, const char *code, int part, int qty)
{
	struct bp_service *v = bp_shop_add_service(s);
	ck_assert_ptr_nonnull(v);
	snprintf(v->code, sizeof v->code, "%s", code);
	v->level = 1;
	v->minutes[1] = v->minutes[2] = v->minutes[3] = 60;
	if (part >= 0) {
		v->nparts = 1;
		v->parts[0] = (struct bp_part_line){part, qty};
	}
	return s->nservices - 1;
}

static int add_job(struct bp_shop *s, const char *id, int date, int service, int arrival,
		   enum bp_tier tier)
{
	struct bp_job *j = bp_shop_add_job(s);
	ck_assert_ptr_nonnull(j);
	snprintf(j->id, sizeof j->id, "%s", id);
	j->date = date;
	j->service = service;
	j->tier = tier;
	j->window = (struct bp_span){arrival, arrival};
	return s->njobs - 1;
}

static void add_job_part(struct bp_shop *s, int j, int part, int qty)
{
	struct bp_job *jb = &s->jobs[j];
	jb->parts[jb->nparts++] = (struct bp_part_line){part, qty};
}

static void assign(struct bp_plan *pl, int job, int start)
{
	struct bp_assignment a = {.job = job, .start = start, .end = start + 60,
				  .parts_ready = -1, .checkin = -1, .carry_date = -1};
	ck_assert_int_eq(bp_plan_add_assignment(pl, &a), 0);
}

static void solve(const struct bp_shop *s, const struct bp_plan *pl,
		  const struct bp_reorder_opts *o, struct bp_reorder *r)
{
	struct bp_err err;
	bp_err_clear(&err);
	bp_reorder_init(r);
	int rc = bp_reorder_solve(s, D, pl, o, r, &err);
	ck_assert_msg(rc == BP_OK, "solve failed (%d): %s", rc, err.msg);
	ck_assert_msg(r->status != BP_RUN_FAILED, "status %s", bp_run_status_name(r->status));
}

static void solve_default(const struct bp_shop *s, const struct bp_plan *pl,
			  struct bp_reorder *r)
{
	struct bp_reorder_opts o;
	bp_reorder_opts_init(&o);
	solve(s, pl, &o, r);
}

/* ---- reading answers ---- */

static int abs_t(int day, int min)
{
	return day * DAY + min;
}

static int serves(const struct bp_reorder_line *l, int job)
{
	for (int i = 0; i < l->njobs; i++)
		if (l->jobs[i] == job)
			return 1;
	return 0;
}

static const struct bp_reorder_line *line_for(const struct bp_reorder *r, int part, int job)
{
	for (int i = 0; i < r->nlines; i++)
		if (r->lines[i].part == part && (job < 0 || serves(&r->lines[i], job)))
			return &r->lines[i];
	return NULL;
}

static int qty_of(const struct bp_reorder *r, int part)
{
	int q = 0;
	for (int i = 0; i < r->nlines; i++)
		q += r->lines[i].part == part ? r->lines[i].qty : 0;
	return q;
}

/* The note that job must wait for its parts, or NULL. */
static const struct bp_reorder_rebook *rebooked(const struct bp_reorder *r, int job)
{
	for (int i = 0; i < r->nrebook; i++)
		if (r->rebook[i].job == job)
			return &r->rebook[i];
	return NULL;
}

static int is_uncovered(const struct bp_reorder *r, int job)
{
	for (int i = 0; i < r->nuncovered; i++)
		if (r->uncovered[i] == job)
			return 1;
	return 0;
}

/* Opening-hours minutes from a to b (both in opening hours, a <= b). */
static int working_minutes(int a, int b)
{
	int da = a / DAY, db = b / DAY;
	if (da == db)
		return b - a;
	return (CLOSE - a % DAY) + (db - da - 1) * (CLOSE - OPEN) + (b % DAY - OPEN);
}

/* Rules every line obeys whatever the shop: packs, minimum, the order in
 * opening hours no earlier than now, and the lead time between them. */
static void check_lines(const struct bp_shop *s, const struct bp_reorder *r, int now)
{
	for (int i = 0; i < r->nlines; i++) {
		const struct bp_reorder_line *l = &r->lines[i];
		const struct bp_part *p = &s->parts[l->part];
		int o = abs_t(l->order_day, l->order_min), a = abs_t(l->arrive_day, l->arrive_min);
		ck_assert_msg(l->qty == l->packs * p->pack && l->packs > 0,
			      "%s: %d units in %d packs of %d", p->sku, l->qty, l->packs, p->pack);
		ck_assert_msg(l->qty >= p->min_order, "%s: %d units below the minimum %d", p->sku,
			      l->qty, p->min_order);
		ck_assert_msg(o >= now, "%s ordered at %d before now %d", p->sku, o, now);
		ck_assert_msg(l->order_min >= OPEN && l->order_min <= CLOSE,
			      "%s ordered at %d, outside opening hours", p->sku, l->order_min);
		int lead = s->info.lead_hours[p->supply] * 60;
		if (p->supply == BP_SUPPLY_COMMON)
			ck_assert_msg(working_minutes(o, a) == lead,
				      "%s: %d working minutes from order to arrival, not %d",
				      p->sku, working_minutes(o, a), lead);
		else
			ck_assert_msg(a - o == lead, "%s: %d minutes from order to arrival, not %d",
				      p->sku, a - o, lead);
		ck_assert_msg(fabs(l->cost - l->qty * p->unit_cost) < 1e-9, "%s cost %.2f", p->sku,
			      l->cost);
		if (l->njobs)
			ck_assert_msg(l->reason == (p->supply == BP_SUPPLY_RARE ?
						    BP_REORDER_RARE_AHEAD : BP_REORDER_JOB),
				      "%s serves jobs but says %s", p->sku,
				      bp_reorder_reason_name(l->reason));
		else
			ck_assert_int_eq(l->reason, BP_REORDER_SAFETY_STOCK);
	}
}

/* Independent stock check: for every part, at every time a covered job
 * needs it, stock on hand + deliveries already on order + new orders that
 * have arrived covers the covered jobs so far. need[j] is the test's own
 * idea of when job j needs its parts (-1: not in the horizon). */
static void check_stock(const struct bp_shop *s, const struct bp_reorder *r, const int *need)
{
	for (int p = 0; p < s->nparts; p++) {
		const struct bp_part *pt = &s->parts[p];
		for (int j = 0; j < s->njobs; j++) {
			if (need[j] < 0 || is_uncovered(r, j) || !bp_job_part_qty(s, &s->jobs[j], p))
				continue;
			int t = need[j], used = 0, have = pt->on_hand;
			for (int k = 0; k < s->njobs; k++)
				if (need[k] >= 0 && need[k] <= t && !is_uncovered(r, k))
					used += bp_job_part_qty(s, &s->jobs[k], p);
			for (int i = 0; i < pt->non_order; i++)
				if (abs_t(pt->on_order[i].day, pt->on_order[i].minute) <= t)
					have += pt->on_order[i].qty;
			for (int i = 0; i < r->nlines; i++)
				if (r->lines[i].part == p &&
				    abs_t(r->lines[i].arrive_day, r->lines[i].arrive_min) <= t)
					have += r->lines[i].qty;
			ck_assert_msg(have >= used, "%s at %d: %d in stock for %d needed (job %s)",
				      pt->sku, t, have, used, s->jobs[j].id);
		}
	}
}

/* ---- tests ---- */

START_TEST(jit_timing_against_plan_start)
{
	struct bp_shop s;
	shop_new(&s);
	int oil = add_part(&s, "OIL", BP_SUPPLY_COMMON, 0, 5, 1, 0);
	int flt = add_part(&s, "FLT", BP_SUPPLY_COMMON, 5, 3, 1, 0);
	int s_oil = add_service(&s, "OIL", oil, 1), s_flt = add_service(&s, "FLT", flt, 1);
	int j1 = add_job(&s, "J1", D, s_oil, HM(8, 0), BP_TIER_BASIC);
	int j2 = add_job(&s, "J2", D, s_oil, HM(8, 0), BP_TIER_BASIC);
	int j3 = add_job(&s, "J3", D, s_flt, HM(8, 0), BP_TIER_BASIC);
	struct bp_plan pl;
	bp_plan_init(&pl);
	pl.date = D;
	assign(&pl, j1, HM(12, 0));
	assign(&pl, j2, HM(15, 30));
	assign(&pl, j3, HM(8, 0));

	struct bp_reorder r;
	solve_default(&s, &pl, &r);
	const struct bp_reorder_line *l1 = line_for(&r, oil, j1), *l2 = line_for(&r, oil, j2);
	ck_assert_msg(l1 && l2, "J1 and J2 need an oil order (%d lines)", r.nlines);
	ck_assert_msg(abs_t(l1->arrive_day, l1->arrive_min) <= abs_t(D, HM(12, 0)),
		      "J1's oil arrives %d:%02d, after its 12:00 start", l1->arrive_min / 60,
		      l1->arrive_min % 60);
	ck_assert_msg(abs_t(l2->arrive_day, l2->arrive_min) <= abs_t(D, HM(15, 30)),
		      "J2's oil arrives after its 15:30 start");
	/* One delivery run beats two (the fee is 15); the latest that serves
	 * both arrives at J1's start, ordered 4 working hours before. */
	ck_assert_msg(r.deliveries == 1 && r.nlines == 1, "%d runs, %d lines", r.deliveries,
		      r.nlines);
	ck_assert_msg(l1->qty == 2 && l1->arrive_day == D && l1->arrive_min == HM(12, 0) &&
			      l1->order_day == D && l1->order_min == HM(8, 0),
		      "oil: %d units ordered day %+d %d, arriving %d", l1->qty, l1->order_day - D,
		      l1->order_min, l1->arrive_min);
	ck_assert_msg(!line_for(&r, flt, -1), "FLT is on hand for J3; nothing to order");
	ck_assert_int_eq(r.nuncovered, 0);
	check_lines(&s, &r, abs_t(D - 1, CLOSE));
	bp_reorder_free(&r);
	bp_plan_free(&pl);
	bp_shop_free(&s);
}
END_TEST

START_TEST(jit_without_plan_and_now)
{
	/* No plan: the day's jobs need their parts at arrival. From the
	 * default "now" (the day before, at close) a common part cannot arrive
	 * before 11:30, so the 09:00 job must wait for it: its pads are ordered
	 * for 11:30 and it is reported as waiting; ordering from 12:00 the day
	 * before, they arrive in time. */
	struct bp_shop s;
	shop_new(&s);
	int pad = add_part(&s, "PAD", BP_SUPPLY_COMMON, 0, 20, 1, 0);
	int sv = add_service(&s, "BRK", pad, 1);
	int early = add_job(&s, "EARLY", D, sv, HM(9, 0), BP_TIER_CORE);
	int late = add_job(&s, "LATE", D, sv, HM(13, 0), BP_TIER_CORE);

	struct bp_reorder r;
	solve_default(&s, NULL, &r);
	ck_assert_int_eq(r.nuncovered, 0);
	const struct bp_reorder_rebook *b = rebooked(&r, early);
	ck_assert_msg(b && r.nrebook == 1 && b->part == pad && b->arrive_day == D &&
			      b->arrive_min == HM(11, 30) && b->from_day == D &&
			      b->from_min == HM(11, 30),
		      "the 09:00 job waits for pads arriving at 11:30 (%d notes; %d %d from %d %d)",
		      r.nrebook, b ? b->arrive_day - D : -9, b ? b->arrive_min : -1,
		      b ? b->from_day - D : -9, b ? b->from_min : -1);
	const struct bp_reorder_line *l = line_for(&r, pad, late);
	ck_assert_msg(l && l->arrive_day == D && l->arrive_min <= HM(13, 0), "13:00 job's pads");
	l = line_for(&r, pad, early);
	ck_assert_msg(l && l->arrive_day == D && l->arrive_min == HM(11, 30), "09:00 job's pads");
	check_lines(&s, &r, abs_t(D - 1, CLOSE));
	bp_reorder_free(&r);

	struct bp_reorder_opts o;
	bp_reorder_opts_init(&o);
	o.now_day = D - 1;
	o.now_min = HM(12, 0);
	solve(&s, NULL, &o, &r);
	ck_assert_int_eq(r.nuncovered, 0);
	l = line_for(&r, pad, early);
	ck_assert_msg(l != NULL, "the 09:00 job's pads are ordered");
	/* latest order for 09:00: 1.5 h of today, 2.5 h of yesterday: 15:30 */
	ck_assert_msg(l->arrive_day == D && l->arrive_min == HM(9, 0) && l->order_day == D - 1 &&
			      l->order_min == HM(15, 30),
		      "ordered day %+d %d arriving day %+d %d", l->order_day - D, l->order_min,
		      l->arrive_day - D, l->arrive_min);
	check_lines(&s, &r, abs_t(D - 1, HM(12, 0)));
	bp_reorder_free(&r);
	bp_shop_free(&s);
}
END_TEST

START_TEST(replanning_during_the_day)
{
	/* now is D 10:00: the 09:00 job has its parts already (or not: it is
	 * past), the 15:00 job's are ordered by 11:00 at the latest */
	struct bp_shop s;
	shop_new(&s);
	int pad = add_part(&s, "PAD", BP_SUPPLY_COMMON, 0, 20, 1, 0);
	int sv = add_service(&s, "BRK", pad, 1);
	int past = add_job(&s, "PAST", D, sv, HM(9, 0), BP_TIER_CORE);
	int later = add_job(&s, "LATER", D, sv, HM(15, 0), BP_TIER_CORE);
	struct bp_reorder_opts o;
	bp_reorder_opts_init(&o);
	o.now_day = D;
	o.now_min = HM(10, 0);
	struct bp_reorder r;
	solve(&s, NULL, &o, &r);
	ck_assert_msg(!line_for(&r, pad, past) && !is_uncovered(&r, past), "the past job is "
		      "not planned for");
	const struct bp_reorder_line *l = line_for(&r, pad, later);
	ck_assert_msg(l && l->qty == 1 && l->order_day == D && l->order_min == HM(11, 0) &&
			      l->arrive_min == HM(15, 0),
		      "LATER: order by %d arriving %d", l ? l->order_min : -1,
		      l ? l->arrive_min : -1);
	check_lines(&s, &r, abs_t(D, HM(10, 0)));
	bp_reorder_free(&r);
	bp_shop_free(&s);
}
END_TEST

START_TEST(rare_parts_ordered_ahead)
{
	struct bp_shop s;
	shop_new(&s);
	int bat = add_part(&s, "BAT", BP_SUPPLY_RARE, 0, 120, 1, 0);
	int sv = add_service(&s, "EVB", bat, 1);
	int k1 = add_job(&s, "K1", D + 2, sv, HM(9, 0), BP_TIER_BASIC);
	int k2 = add_job(&s, "K2", D + 1, sv, HM(9, 0), BP_TIER_BASIC);
	int k3 = add_job(&s, "K3", D, sv, HM(9, 0), BP_TIER_BASIC);
	struct bp_plan pl;
	bp_plan_init(&pl);
	pl.date = D;
	bp_plan_add_unscheduled(&pl, k3, BP_REASON_PARTS, D + 2, "battery on order");

	struct bp_reorder r;
	solve_default(&s, &pl, &r);
	const struct bp_reorder_line *l = line_for(&r, bat, k1);
	ck_assert_msg(l != NULL, "K1 (two days out) gets its battery");
	ck_assert_msg(l->reason == BP_REORDER_RARE_AHEAD, "reason %s",
		      bp_reorder_reason_name(l->reason));
	ck_assert_msg(serves(l, k3) && serves(l, k2) && l->qty == 3, "one order of 3 also "
		      "serves K3, waiting for parts, and K2 (%d units)", l->qty);
	ck_assert_msg(abs_t(l->arrive_day, l->arrive_min) <= abs_t(D + 2, OPEN),
		      "arrives day %+d %d, after D+2 opens", l->arrive_day - D, l->arrive_min);
	ck_assert_msg(l->order_day == D && l->order_min == OPEN, "order by day %+d %d",
		      l->order_day - D, l->order_min);
	/* 48 h from yesterday's close is tomorrow's close: too late for K2,
	 * which must move to the day after; its battery comes in the order. */
	const struct bp_reorder_rebook *b = rebooked(&r, k2);
	ck_assert_msg(r.nuncovered == 0 && r.nrebook == 1 && b && b->part == bat &&
			      b->from_day == D + 2 && b->from_min == OPEN &&
			      b->arrive_day == D + 1 && b->arrive_min == CLOSE,
		      "K2 moves to D+2");
	check_lines(&s, &r, abs_t(D - 1, CLOSE));
	bp_reorder_free(&r);
	bp_plan_free(&pl);
	bp_shop_free(&s);
}
END_TEST

START_TEST(rare_lead_past_the_horizon)
{
	/* A 72 h rare supplier and the default 3-day horizon: ordered at
	 * yesterday's close, a part comes at close on D+2, past every booking
	 * in the horizon. The job booked for D+1 still gets its part, ordered
	 * for D+3's opening; the horizon grows to reach it. */
	struct bp_shop s;
	shop_new(&s);
	s.info.lead_hours[BP_SUPPLY_RARE] = 72;
	int hv = add_part(&s, "HV", BP_SUPPLY_RARE, 0, 300, 1, 0);
	int sv = add_service(&s, "HYB", hv, 1);
	int k = add_job(&s, "K", D + 1, sv, HM(9, 0), BP_TIER_CORE);
	struct bp_reorder r;
	solve_default(&s, NULL, &r);
	ck_assert_int_eq(r.days, 4);
	ck_assert_int_eq(r.nuncovered, 0);
	const struct bp_reorder_line *l = line_for(&r, hv, k);
	ck_assert_msg(l && l->qty == 1 && l->reason == BP_REORDER_RARE_AHEAD &&
			      abs_t(l->arrive_day, l->arrive_min) <= abs_t(D + 3, OPEN),
		      "K's part arrives by D+3's opening");
	const struct bp_reorder_rebook *b = rebooked(&r, k);
	ck_assert_msg(b && b->from_day == D + 3 && b->arrive_day == D + 2 &&
			      b->arrive_min == CLOSE, "K moves to D+3");
	check_lines(&s, &r, abs_t(D - 1, CLOSE));
	bp_reorder_free(&r);
	bp_shop_free(&s);
}
END_TEST

START_TEST(planned_jobs_keep_their_time)
{
	/* The plan's start is the plan's promise: a planned job is never
	 * moved by the reorder list, even when its part cannot make it. */
	struct bp_shop s;
	shop_new(&s);
	int pad = add_part(&s, "PAD", BP_SUPPLY_COMMON, 0, 20, 1, 0);
	int sv = add_service(&s, "BRK", pad, 1);
	int j = add_job(&s, "J", D, sv, HM(8, 0), BP_TIER_CORE);
	struct bp_plan pl;
	bp_plan_init(&pl);
	pl.date = D;
	assign(&pl, j, HM(8, 0));
	struct bp_reorder r;
	solve_default(&s, &pl, &r);
	ck_assert_msg(is_uncovered(&r, j) && r.nrebook == 0, "the planned job is not moved");
	bp_reorder_free(&r);
	bp_plan_free(&pl);
	bp_shop_free(&s);
}
END_TEST

START_TEST(unscheduled_jobs_need_nothing_today)
{
	struct bp_shop s;
	shop_new(&s);
	int p = add_part(&s, "DISC", BP_SUPPLY_COMMON, 0, 40, 1, 0);
	int sv = add_service(&s, "BRK", p, 2);
	int j = add_job(&s, "CAP", D, sv, HM(9, 0), BP_TIER_CORE);
	struct bp_plan pl;
	bp_plan_init(&pl);
	pl.date = D;
	bp_plan_add_unscheduled(&pl, j, BP_REASON_CAPACITY, -1, "no bay free");

	struct bp_reorder r;
	solve_default(&s, &pl, &r);
	ck_assert_msg(r.nlines == 0 && r.nuncovered == 0,
		      "a job the plan does not do today needs no part (%d lines)", r.nlines);
	ck_assert_int_eq(r.parts[p].booked, 0);
	bp_reorder_free(&r);
	bp_plan_free(&pl);
	bp_shop_free(&s);
}
END_TEST

START_TEST(packs_and_minimum_rounding)
{
	struct bp_shop s;
	shop_new(&s);
	int a = add_part(&s, "A", BP_SUPPLY_COMMON, 0, 1, 10, 25); /* need 3: 3 packs of 10 */
	int b = add_part(&s, "B", BP_SUPPLY_COMMON, 0, 1, 6, 0);   /* need 7: 2 packs of 6 */
	int c = add_part(&s, "C", BP_SUPPLY_COMMON, 1, 1, 4, 4);   /* need 5-1: 1 pack of 4 */
	int sa = add_service(&s, "SA", a, 3), sb = add_service(&s, "SB", b, 7);
	int sc = add_service(&s, "SC", c, 5);
	add_job(&s, "JA", D + 1, sa, HM(9, 0), BP_TIER_BASIC);
	add_job(&s, "JB", D + 1, sb, HM(9, 0), BP_TIER_BASIC);
	add_job(&s, "JC", D + 1, sc, HM(9, 0), BP_TIER_BASIC);

	struct bp_reorder r;
	solve_default(&s, NULL, &r);
	ck_assert_msg(qty_of(&r, a) == 30, "A: %d units, expected 30 (min 25, packs of 10)",
		      qty_of(&r, a));
	ck_assert_msg(qty_of(&r, b) == 12, "B: %d units, expected 12 (packs of 6)", qty_of(&r, b));
	ck_assert_msg(qty_of(&r, c) == 4, "C: %d units, expected 4", qty_of(&r, c));
	ck_assert_int_eq(r.nuncovered, 0);
	check_lines(&s, &r, abs_t(D - 1, CLOSE));
	bp_reorder_free(&r);
	bp_shop_free(&s);
}
END_TEST

START_TEST(job_extra_parts_count)
{
	/* parts found at diagnosis add to the service's own */
	struct bp_shop s;
	shop_new(&s);
	int oil = add_part(&s, "OIL", BP_SUPPLY_COMMON, 0, 5, 1, 0);
	int pad = add_part(&s, "PAD", BP_SUPPLY_COMMON, 0, 20, 1, 0);
	int sv = add_service(&s, "OIL", oil, 5);
	int j = add_job(&s, "J", D + 1, sv, HM(9, 0), BP_TIER_BASIC);
	add_job_part(&s, j, pad, 2);
	add_job_part(&s, j, oil, 1);

	struct bp_reorder r;
	solve_default(&s, NULL, &r);
	ck_assert_msg(qty_of(&r, oil) == 6 && qty_of(&r, pad) == 2, "oil %d (6), pads %d (2)",
		      qty_of(&r, oil), qty_of(&r, pad));
	ck_assert_msg(line_for(&r, pad, j) && line_for(&r, oil, j), "both lines serve J");
	bp_reorder_free(&r);
	bp_shop_free(&s);
}
END_TEST

START_TEST(safety_stock_line)
{
	struct bp_shop s;
	shop_new(&s);
	int p = add_part(&s, "WIPER", BP_SUPPLY_COMMON, 1, 5, 2, 0);
	s.parts[p].safety_stock = 5;
	int q = add_part(&s, "BULB", BP_SUPPLY_COMMON, 8, 5, 2, 0);
	s.parts[q].safety_stock = 5;

	struct bp_reorder r;
	solve_default(&s, NULL, &r);
	const struct bp_reorder_line *l = line_for(&r, p, -1);
	ck_assert_msg(l != NULL, "stock 1 below safety stock 5: an order");
	ck_assert_msg(l->reason == BP_REORDER_SAFETY_STOCK && l->qty == 4 && l->njobs == 0,
		      "%s, %d units", bp_reorder_reason_name(l->reason), l->qty);
	ck_assert_msg(abs_t(l->arrive_day, l->arrive_min) <= abs_t(D, CLOSE),
		      "back to safety stock by the first close");
	ck_assert_msg(!line_for(&r, q, -1), "BULB holds 8 >= 5");
	ck_assert_msg(fabs(r.parts[p].safety_stock - 5) < 1e-12, "reported ss %.2f",
		      r.parts[p].safety_stock);
	check_lines(&s, &r, abs_t(D - 1, CLOSE));
	bp_reorder_free(&r);
	bp_shop_free(&s);
}
END_TEST

static void add_daily_demand(struct bp_shop *s, int part, int from, int to, int qty)
{
	for (int d = from; d < to; d++) {
		struct bp_demand_row *row = bp_shop_add_demand(s);
		*row = (struct bp_demand_row){d, part, qty};
	}
}

START_TEST(forecast_demand_is_ordered)
{
	/* 2 a day for 60 days: SES forecasts 2 with no error, so no computed
	 * safety stock; a booked job takes D+1's 2 out of the forecast.
	 * 3 days x 2 - 1 on hand = 5, in packs of 1. */
	struct bp_shop s;
	shop_new(&s);
	int p = add_part(&s, "OIL", BP_SUPPLY_COMMON, 1, 5, 1, 0);
	s.parts[p].safety_stock = -1;
	int sv = add_service(&s, "OIL", p, 2);
	int j = add_job(&s, "J", D + 1, sv, HM(9, 0), BP_TIER_BASIC);
	add_daily_demand(&s, p, D - 60, D, 2);

	struct bp_reorder r;
	solve_default(&s, NULL, &r);
	ck_assert_msg(r.parts[p].method == BP_FC_SES && fabs(r.parts[p].forecast - 2) < 1e-9,
		      "%s forecast %.3f", bp_forecast_method_name(r.parts[p].method),
		      r.parts[p].forecast);
	ck_assert_msg(r.parts[p].safety_stock < 1e-9, "ss %.3f", r.parts[p].safety_stock);
	ck_assert_msg(qty_of(&r, p) == 5, "ordered %d, expected 5", qty_of(&r, p));
	ck_assert_msg(line_for(&r, p, j) != NULL, "the job's share is marked");
	check_lines(&s, &r, abs_t(D - 1, CLOSE));
	bp_reorder_free(&r);
	bp_shop_free(&s);
}
END_TEST

START_TEST(delivery_comes_before_the_demand)
{
	/* 10 a day, none on hand, no safety stock, a one-day list. Demand runs
	 * through opening hours, so what arrives at the close (18:00) serves
	 * none of the day's: all 10 must come with the earliest delivery,
	 * 11:30, though holding makes a later one cheaper. The check before
	 * each delivery is what says so; the close alone counted an 18:00
	 * delivery against the whole day. */
	struct bp_shop s;
	shop_new(&s);
	int p = add_part(&s, "FILTER", BP_SUPPLY_COMMON, 0, 7, 1, 0);
	add_daily_demand(&s, p, D - 60, D, 10);
	struct bp_reorder_opts o;
	bp_reorder_opts_init(&o);
	o.days = 1;
	struct bp_reorder r;
	solve(&s, NULL, &o, &r);
	int early = 0, late = 0;
	for (int i = 0; i < r.nlines; i++) {
		int a = abs_t(r.lines[i].arrive_day, r.lines[i].arrive_min);
		if (a <= abs_t(D, HM(11, 30)))
			early += r.lines[i].qty;
		else
			late += r.lines[i].qty;
	}
	ck_assert_msg(early == 10 && late == 0, "%d units by 11:30, %d later; expected 10 and 0",
		      early, late);
	check_lines(&s, &r, abs_t(D - 1, CLOSE));
	bp_reorder_free(&r);
	bp_shop_free(&s);
}
END_TEST

START_TEST(later_days_left_to_later_lists)
{
	/* 10 a day of a part at 200, none on hand, no safety stock, the 3-day
	 * list. Tomorrow's list can order a delivery arriving from D+1 11:30
	 * on, so today's run need only bring what is used before then: D's 10
	 * and D+1's morning, 10 x 240/630 = 3.8 -> 14 units. Bringing the other
	 * 16 today costs (6.2 x 1 + 10 x 2 days) x 200 x 0.001 = 5.2 of holding;
	 * later runs, which tomorrow's lists will most likely have anyway, cost
	 * a tenth of the fee each, 2 x 1.5 = 3. At the full fee (2 x 15) one
	 * run today brought all 30. */
	struct bp_shop s;
	shop_new(&s);
	int p = add_part(&s, "INJECTOR", BP_SUPPLY_COMMON, 0, 200, 1, 0);
	add_daily_demand(&s, p, D - 60, D, 10);
	struct bp_reorder r;
	solve_default(&s, NULL, &r);
	int now = 0, all = 0;
	for (int i = 0; i < r.nlines; i++) {
		all += r.lines[i].qty;
		if (abs_t(r.lines[i].arrive_day, r.lines[i].arrive_min) < abs_t(D + 1, HM(11, 30)))
			now += r.lines[i].qty;
	}
	ck_assert_msg(now == 14 && all == 30, "%d units before D+1 11:30 (expected 14), %d in all "
		      "(expected 30)", now, all);
	check_lines(&s, &r, abs_t(D - 1, CLOSE));
	bp_reorder_free(&r);
	bp_shop_free(&s);
}
END_TEST

START_TEST(dear_parts_are_stocked_for_the_forecast)
{
	/* 1 a day of a part at 500, none on hand, no safety stock. Charged at
	 * its price, a unit bought for unbooked demand cost 500 against at most
	 * 3 days x 20 of shortfall penalty, so it was never bought; charged as
	 * holding (the price comes back when it is sold), the 3 days' forecast
	 * is ordered, as for a cheap part. */
	struct bp_shop s;
	shop_new(&s);
	int dear = add_part(&s, "INJECTOR", BP_SUPPLY_COMMON, 0, 500, 1, 0);
	int cheap = add_part(&s, "WASHER", BP_SUPPLY_COMMON, 0, 0.5, 1, 0);
	add_daily_demand(&s, dear, D - 60, D, 1);
	add_daily_demand(&s, cheap, D - 60, D, 1);
	struct bp_reorder r;
	solve_default(&s, NULL, &r);
	ck_assert_msg(qty_of(&r, dear) == 3, "dear part: %d ordered, expected 3",
		      qty_of(&r, dear));
	ck_assert_msg(qty_of(&r, cheap) == 3, "cheap part: %d ordered, expected 3",
		      qty_of(&r, cheap));
	check_lines(&s, &r, abs_t(D - 1, CLOSE));
	bp_reorder_free(&r);
	bp_shop_free(&s);
}
END_TEST

START_TEST(closed_day_needs_no_stock)
{
	/* 6 a day Monday to Saturday, nothing on Sundays, for 8 weeks: the
	 * weekday profile is 7/6 on open days and 0 on Sundays, so the list
	 * for Saturday to Monday expects 7 x 6/7 = 6, 0 and 6: 12 units, where
	 * a per-calendar-day forecast (36/7 a day) would buy 15.4 -> 16. */
	struct bp_shop s;
	shop_new(&s);
	int p = add_part(&s, "PADS", BP_SUPPLY_COMMON, 0, 40, 1, 0);
	int sat = D - 2;   /* 2026-11-23 is a Monday */
	ck_assert_int_eq(bp_weekday(sat), 5);
	for (int d = sat - 56; d < sat; d++)
		if (bp_weekday(d) != 6)
			add_daily_demand(&s, p, d, d + 1, 6);
	int save = D;
	D = sat;
	struct bp_reorder r;
	solve_default(&s, NULL, &r);
	D = save;
	ck_assert_msg(fabs(r.parts[p].forecast - 36.0 / 7) < 1e-9, "rate %.4f, expected 36/7",
		      r.parts[p].forecast);
	ck_assert_msg(qty_of(&r, p) == 12, "ordered %d for Sat, Sun, Mon; expected 12",
		      qty_of(&r, p));
	bp_reorder_free(&r);
	bp_shop_free(&s);
}
END_TEST

START_TEST(budget_drops_least_valuable_first)
{
	struct bp_shop s;
	shop_new(&s);
	int a = add_part(&s, "A", BP_SUPPLY_COMMON, 0, 300, 1, 0);
	int b = add_part(&s, "B", BP_SUPPLY_COMMON, 0, 300, 1, 0);
	int c = add_part(&s, "C", BP_SUPPLY_COMMON, 0, 50, 1, 0);
	s.parts[c].safety_stock = 2;
	int ja = add_job(&s, "BASIC", D + 1, add_service(&s, "SA", a, 1), HM(9, 0),
			 BP_TIER_BASIC);
	int jb = add_job(&s, "CORE", D + 1, add_service(&s, "SB", b, 1), HM(9, 0),
			 BP_TIER_CORE);

	struct bp_reorder r;
	solve_default(&s, NULL, &r);
	ck_assert_msg(qty_of(&r, a) == 1 && qty_of(&r, b) == 1 && qty_of(&r, c) == 2,
		      "unbudgeted: A %d B %d C %d", qty_of(&r, a), qty_of(&r, b), qty_of(&r, c));
	ck_assert_msg(r.ndrops == 0 && r.budget < 0, "no budget, no drops");
	double full = r.spend;
	bp_reorder_free(&r);

	/* 400 buys B (300) and one C (50) with one delivery (15): the basic
	 * job's part and one unit of safety stock go. Solved to optimality:
	 * the second unit of C is worth 10 against an objective of 5400, inside
	 * the default gap. */
	struct bp_reorder_opts o;
	bp_reorder_opts_init(&o);
	o.budget = 400;
	o.gap = 0;
	solve(&s, NULL, &o, &r);
	ck_assert_msg(r.spend <= 400 + 1e-9 && r.spend < full, "spent %.2f of 400 (full %.2f)",
		      r.spend, full);
	ck_assert_msg(qty_of(&r, b) == 1 && qty_of(&r, a) == 0 && qty_of(&r, c) == 1,
		      "budgeted: A %d B %d C %d", qty_of(&r, a), qty_of(&r, b), qty_of(&r, c));
	ck_assert_msg(is_uncovered(&r, ja) && !is_uncovered(&r, jb), "the basic job loses");
	ck_assert_msg(r.ndrops == 2, "%d drops", r.ndrops);
	ck_assert_msg(r.drops[0].part == c && r.drops[0].qty == 1 && r.drops[0].njobs == 0,
		      "first drop: safety stock of C (part %d, %d units)", r.drops[0].part,
		      r.drops[0].qty);
	ck_assert_msg(r.drops[1].part == a && r.drops[1].qty == 1 && r.drops[1].njobs == 1 &&
			      r.drops[1].jobs[0] == ja && fabs(r.drops[1].cost - 300) < 1e-9,
		      "second drop: A for the basic job");
	check_lines(&s, &r, abs_t(D - 1, CLOSE));
	bp_reorder_free(&r);

	/* a budget that does not bind changes nothing */
	o.budget = 10000;
	solve(&s, NULL, &o, &r);
	ck_assert_msg(r.ndrops == 0 && fabs(r.spend - full) < 1e-9, "loose budget");
	bp_reorder_free(&r);
	bp_shop_free(&s);
}
END_TEST

START_TEST(empty_history_no_crash)
{
	struct bp_shop s;
	shop_new(&s);
	struct bp_reorder r;
	/* no parts, no jobs */
	solve_default(&s, NULL, &r);
	ck_assert_msg(r.nlines == 0 && r.nexcess == 0 && r.status == BP_RUN_OPTIMAL,
		      "empty shop");
	bp_reorder_free(&r);

	int p = add_part(&s, "P", BP_SUPPLY_COMMON, 3, 4, 1, 0);
	int q = add_part(&s, "Q", BP_SUPPLY_RARE, 2, 4, 1, 0);
	s.parts[p].safety_stock = s.parts[q].safety_stock = -1;
	int sv = add_service(&s, "S", p, 5);
	add_job(&s, "J", D + 1, sv, HM(9, 0), BP_TIER_BASIC);
	solve_default(&s, NULL, &r);
	ck_assert_msg(r.parts[p].method == BP_FC_ZERO && r.parts[p].forecast == 0 &&
			      r.parts[p].safety_stock == 0,
		      "no history: %s %.2f ss %.2f", bp_forecast_method_name(r.parts[p].method),
		      r.parts[p].forecast, r.parts[p].safety_stock);
	ck_assert_msg(qty_of(&r, p) == 2 && qty_of(&r, q) == 0, "P %d (2), Q %d (0)",
		      qty_of(&r, p), qty_of(&r, q));
	ck_assert_msg(r.nexcess == 0, "no history says nothing about slow movers");
	bp_reorder_free(&r);

	/* a short history: plain mean of 4 units over 10 days */
	struct bp_demand_row *row = bp_shop_add_demand(&s);
	*row = (struct bp_demand_row){D - 10, q, 4};
	solve_default(&s, NULL, &r);
	ck_assert_msg(r.parts[q].method == BP_FC_MEAN && fabs(r.parts[q].forecast - 0.4) < 1e-9,
		      "short history: %s %.3f", bp_forecast_method_name(r.parts[q].method),
		      r.parts[q].forecast);
	bp_reorder_free(&r);
	bp_shop_free(&s);
}
END_TEST

START_TEST(excess_stock_listed)
{
	struct bp_shop s;
	shop_new(&s);
	int fast = add_part(&s, "FAST", BP_SUPPLY_COMMON, 100, 2, 1, 0);
	int idle = add_part(&s, "IDLE", BP_SUPPLY_COMMON, 5, 30, 1, 0);
	int fine = add_part(&s, "FINE", BP_SUPPLY_COMMON, 10, 2, 1, 0);
	add_daily_demand(&s, fast, D - 120, D, 1);
	add_daily_demand(&s, fine, D - 120, D, 1);
	struct bp_demand_row *row = bp_shop_add_demand(&s);
	*row = (struct bp_demand_row){D - 110, idle, 1};

	struct bp_reorder r;
	solve_default(&s, NULL, &r);
	ck_assert_msg(r.nexcess == 2, "%d excess parts", r.nexcess);
	/* by value: IDLE 5 x 30 = 150, FAST 100 x 2 = 200 */
	ck_assert_msg(r.excess[0].part == fast && fabs(r.excess[0].value - 200) < 1e-9 &&
			      fabs(r.excess[0].cover_days - 100) < 1e-6,
		      "first: FAST, 100 days of cover");
	ck_assert_msg(r.excess[1].part == idle && r.excess[1].last_demand == D - 110 &&
			      fabs(r.excess[1].value - 150) < 1e-9,
		      "second: IDLE, last demand 110 days ago");
	bp_reorder_free(&r);
	bp_shop_free(&s);
}
END_TEST

START_TEST(bad_options_refused)
{
	struct bp_shop s;
	shop_new(&s);
	struct bp_reorder_opts o;
	struct bp_reorder r;
	struct bp_err err;
	bp_reorder_init(&r);
	bp_reorder_opts_init(&o);
	o.days = 0;
	ck_assert_int_eq(bp_reorder_solve(&s, D, NULL, &o, &r, &err), BP_EUSAGE);
	o.days = BP_REORDER_MAX_DAYS + 1;
	ck_assert_int_eq(bp_reorder_solve(&s, D, NULL, &o, &r, &err), BP_EUSAGE);
	bp_reorder_opts_init(&o);
	o.now_day = D + 5;
	o.now_min = HM(9, 0);
	ck_assert_int_eq(bp_reorder_solve(&s, D, NULL, &o, &r, &err), BP_EUSAGE);
	bp_reorder_opts_init(&o);
	struct bp_plan pl;
	bp_plan_init(&pl);
	pl.date = D + 1;
	ck_assert_int_eq(bp_reorder_solve(&s, D, &pl, &o, &r, &err), BP_EUSAGE);
	ck_assert_msg(strstr(err.msg, "another date") != NULL, "message: %s", err.msg);
	bp_reorder_free(&r);
	bp_shop_free(&s);
}
END_TEST

/* ---- property: random shops, no budget: every job's parts in time ---- */

static unsigned rnd_state;

static int rnd(int n)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (int)((rnd_state >> 16) % (unsigned)n);
}

/* Common parts for any day (D's jobs start from 11:30, when an order from
 * yesterday's close can be in); rare parts only for D+2, the first day a
 * rare order from now can serve. So every need can be met. */
static void random_shop(struct bp_shop *s, struct bp_plan *pl, int *need)
{
	shop_new(s);
	int ncommon = 6, nrare = 3;
	for (int i = 0; i < ncommon + nrare; i++) {
		char sku[16];
		snprintf(sku, sizeof sku, "P%d", i);
		int p = add_part(s, sku, i < ncommon ? BP_SUPPLY_COMMON : BP_SUPPLY_RARE, rnd(4),
				 1 + rnd(60), 1 + rnd(5), rnd(9));
		s->parts[p].safety_stock = rnd(3);
		if (rnd(3) == 0) {
			s->parts[p].non_order = 1;
			s->parts[p].on_order[0] = (struct bp_delivery){1 + rnd(4), D + rnd(2),
								       HM(10 + rnd(6), 0)};
		}
		if (rnd(2))
			add_daily_demand(s, p, D - 40 + rnd(10), D, rnd(2));
	}
	for (int i = 0; i < 8; i++) {
		char code[16];
		snprintf(code, sizeof code, "S%d", i);
		int sv = add_service(s, code, i < 5 ? rnd(ncommon) : -1, 1 + rnd(3));
		if (i >= 5) {   /* rare services also take a common part */
			s->services[sv].nparts = 2;
			s->services[sv].parts[0] = (struct bp_part_line){ncommon + rnd(nrare), 1};
			s->services[sv].parts[1] = (struct bp_part_line){rnd(ncommon), 1 + rnd(2)};
		}
	}
	bp_plan_init(pl);
	pl->date = D;
	for (int i = 0; i < 30; i++) {
		char id[16];
		snprintf(id, sizeof id, "J%02d", i);
		int day = rnd(3);
		int sv = day == 2 ? rnd(8) : rnd(5);
		int j = add_job(s, id, D + day, sv, HM(8, 0), (enum bp_tier)rnd(BP_TIERS));
		if (rnd(4) == 0)
			add_job_part(s, j, rnd(ncommon), 1 + rnd(2));
		if (day == 0) {
			int start = HM(11, 30) + 15 * rnd(23);
			assign(pl, j, start);
			need[j] = abs_t(D, start);
		} else {
			need[j] = abs_t(D + day, OPEN);
		}
	}
}

START_TEST(every_job_covered_without_budget)
{
	for (unsigned seed = 1; seed <= 25; seed++) {
		rnd_state = seed;
		struct bp_shop s;
		struct bp_plan pl;
		int need[30];
		random_shop(&s, &pl, need);
		struct bp_reorder r;
		solve_default(&s, &pl, &r);
		ck_assert_msg(r.nuncovered == 0, "seed %u: %d jobs without parts", seed,
			      r.nuncovered);
		check_lines(&s, &r, abs_t(D - 1, CLOSE));
		check_stock(&s, &r, need);
		/* the guarantee as stated: a planned job whose part is not on
		 * hand nor on order has a line arriving by its start */
		for (int a = 0; a < pl.nassign; a++) {
			int j = pl.assign[a].job;
			for (int p = 0; p < s.nparts; p++) {
				if (!bp_job_part_qty(&s, &s.jobs[j], p) || s.parts[p].on_hand ||
				    s.parts[p].non_order)
					continue;
				const struct bp_reorder_line *l = line_for(&r, p, j);
				ck_assert_msg(l && abs_t(l->arrive_day, l->arrive_min) <=
							   abs_t(D, pl.assign[a].start),
					      "seed %u: job %s has no %s in time", seed, s.jobs[j].id,
					      s.parts[p].sku);
			}
		}
		ck_assert_msg(r.objective >= r.bound - 1e-6 && r.gap <= 0.005 + 1e-9,
			      "seed %u: objective %.3f bound %.3f gap %.5f", seed, r.objective,
			      r.bound, r.gap);
		bp_reorder_free(&r);
		bp_plan_free(&pl);
		bp_shop_free(&s);
	}
}
END_TEST

START_TEST(time_limit_still_answers)
{
	/* a limit too short for GLPK's root LP: the heuristic's answer
	 * stands, with every rule kept */
	rnd_state = 7;
	struct bp_shop s;
	struct bp_plan pl;
	int need[30];
	random_shop(&s, &pl, need);
	struct bp_reorder_opts o;
	bp_reorder_opts_init(&o);
	o.time_limit = 1e-4;
	struct bp_reorder r;
	solve(&s, &pl, &o, &r);
	ck_assert_msg(r.status == BP_RUN_TIME_LIMIT || r.status == BP_RUN_OPTIMAL ||
			      r.status == BP_RUN_FEASIBLE,
		      "status %s", bp_run_status_name(r.status));
	ck_assert_msg(r.nlines > 0 && r.nuncovered == 0, "%d lines, %d jobs without parts",
		      r.nlines, r.nuncovered);
	ck_assert_msg(r.bound <= r.objective + 1e-6, "bound %.2f above objective %.2f", r.bound,
		      r.objective);
	check_lines(&s, &r, abs_t(D - 1, CLOSE));
	check_stock(&s, &r, need);
	bp_reorder_free(&r);
	bp_plan_free(&pl);
	bp_shop_free(&s);
}
END_TEST

static void setup_date(void)
{
	ck_assert_int_eq(bp_date_parse("2026-11-23", &D), 0);
}

Suite *bp_suite_reorder(void)
{
	Suite *su = suite_create("reorder");
	TCase *tc = tcase_create("reorder");
	tcase_add_checked_fixture(tc, setup_date, NULL);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, jit_timing_against_plan_start);
	tcase_add_test(tc, jit_without_plan_and_now);
	tcase_add_test(tc, replanning_during_the_day);
	tcase_add_test(tc, rare_parts_ordered_ahead);
	tcase_add_test(tc, rare_lead_past_the_horizon);
	tcase_add_test(tc, planned_jobs_keep_their_time);
	tcase_add_test(tc, unscheduled_jobs_need_nothing_today);
	tcase_add_test(tc, packs_and_minimum_rounding);
	tcase_add_test(tc, job_extra_parts_count);
	tcase_add_test(tc, safety_stock_line);
	tcase_add_test(tc, forecast_demand_is_ordered);
	tcase_add_test(tc, delivery_comes_before_the_demand);
	tcase_add_test(tc, later_days_left_to_later_lists);
	tcase_add_test(tc, dear_parts_are_stocked_for_the_forecast);
	tcase_add_test(tc, closed_day_needs_no_stock);
	tcase_add_test(tc, budget_drops_least_valuable_first);
	tcase_add_test(tc, empty_history_no_crash);
	tcase_add_test(tc, excess_stock_listed);
	tcase_add_test(tc, bad_options_refused);
	tcase_add_test(tc, every_job_covered_without_budget);
	tcase_add_test(tc, time_limit_still_answers);
	suite_add_tcase(su, tc);
	return su;
}
