/*
 * test_windows.c - the appointment-windows program: capacity follows the
 * technicians, bays and advisors of the day; classes sharing people share
 * their time; bookings already made are kept even when they do not fit,
 * and reported; no-shows allow bounded overbooking; history caps the offer;
 * cancelled and no-show bookings hold no place; a holiday offers nothing.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/windows.h"

Suite *bp_suite_windows(void);

enum { OIL, EVC, HYB };                 /* services */
enum { C_OIL, C_EV2, C_EV3 };           /* their classes */

static int tuesday(void)
{
	int d;
	bp_date_parse("2026-11-24", &d);
	return d;
}

/* Skills maintenance/ev; bay types general/ev (ev also takes general work);
 * OIL 45/35/30, EVC -/60/45, HYB -/-/180; open 08:00-18:00 + 60 overtime;
 * windows 08-09, 09-11, 14-16; advisors plenty. No technicians or bays yet. */
static void shop(struct bp_shop *s)
{
	bp_shop_init(s);
	s->info.open = 480;
	s->info.close = 1080;
	s->info.overtime_minutes = 60;
	s->info.advisors = 10;
	s->info.advisor_checkins_per_hour = 10;
	s->nskills = 2;
	strcpy(s->skills[0].id, "maintenance");
	strcpy(s->skills[1].id, "ev");
	s->nbay_types = 2;
	strcpy(s->bay_types[0].id, "general");
	s->bay_types[0].serves = 1u;
	strcpy(s->bay_types[1].id, "ev");
	s->bay_types[1].serves = 3u;
	static const struct { const char *code; int skill, level, bay, m[4]; } sv[] = {
		{"OIL", 0, 1, 0, {0, 45, 35, 30}},
		{"EVC", 1, 2, 1, {0, 0, 60, 45}},
		{"HYB", 1, 3, 1, {0, 0, 0, 180}},
	};
	for (int i = 0; i < 3; i++) {
		struct bp_service *S = bp_shop_add_service(s);
		strcpy(S->code, sv[i].code);
		S->skill = sv[i].skill;
		S->level = sv[i].level;
		S->bay_type = sv[i].bay;
		memcpy(S->minutes, sv[i].m, sizeof S->minutes);
	}
	s->nwindows = 3;
	s->windows[0] = (struct bp_span){480, 540};
	s->windows[1] = (struct bp_span){540, 660};
	s->windows[2] = (struct bp_span){840, 960};
}

static void tech(struct bp_shop *s, const char *id, int maint, int ev, int from, int to)
{
	struct bp_technician *t = bp_shop_add_tech(s);
	snprintf(t->id, sizeof t->id, "%s", id);
	t->shift = (struct bp_span){from, to};
	t->level[0] = (unsigned char)maint;
	t->level[1] = (unsigned char)ev;
}

static struct bp_bay *bay(struct bp_shop *s, const char *id, int type)
{
	struct bp_bay *b = bp_shop_add_bay(s);
	snprintf(b->id, sizeof b->id, "%s", id);
	b->type = type;
	return b;
}

static void booked(struct bp_shop *s, int service, int date, int win)
{
	struct bp_job *j = bp_shop_add_job(s);
	snprintf(j->id, sizeof j->id, "RO-%d", s->njobs);
	j->date = date;
	j->service = service;
	j->tier = BP_TIER_CORE;
	j->has_window = 1;
	j->window = s->windows[win];
}

static int solve(const struct bp_shop *s, const struct bp_learned *l, int days,
		 const struct bp_windows_opts *o, struct bp_windows *w)
{
	struct bp_err err;
	bp_err_clear(&err);
	int rc = bp_windows_solve(s, l, tuesday(), days, o, w, &err);
	ck_assert_msg(rc == BP_OK, "solve: %d %s", rc, err.msg);
	return rc;
}

static int cap(const struct bp_windows *w, int d, int win, int c)
{
	return bp_windows_cell(w, d, win, c)->capacity;
}

static int day_total(const struct bp_windows *w, int d, int c)
{
	int n = 0;
	for (int win = 0; win < w->nwindows; win++)
		n += cap(w, d, win, c);
	return n;
}

START_TEST(classes_are_skill_level_bay)
{
	struct bp_shop s;
	struct bp_wclass *c;
	int n, of[3];
	struct bp_err err;
	shop(&s);
	tech(&s, "J1", 1, 0, 480, 1020);
	ck_assert_int_eq(bp_windows_classes(&s, &c, &n, of, &err), BP_OK);
	ck_assert_int_eq(n, 3);
	ck_assert_str_eq(c[C_OIL].name, "maintenance/1/general");
	ck_assert_str_eq(c[C_EV2].name, "ev/2/ev");
	ck_assert_str_eq(c[C_EV3].name, "ev/3/ev");
	ck_assert_msg(of[OIL] == C_OIL && of[EVC] == C_EV2 && of[HYB] == C_EV3, "%d %d %d",
		      of[OIL], of[EVC], of[HYB]);
	ck_assert_msg(c[C_OIL].techs == 1 && c[C_EV2].techs == 0, "techs %d %d", c[C_OIL].techs,
		      c[C_EV2].techs);
	free(c);
	bp_shop_free(&s);
}
END_TEST

START_TEST(no_ev_technician_no_ev_capacity)
{
	struct bp_shop s;
	struct bp_windows w;
	shop(&s);
	tech(&s, "J1", 1, 0, 480, 1020);
	tech(&s, "J2", 1, 0, 480, 1020);
	bay(&s, "B1", 0);
	bay(&s, "B2", 0);
	bay(&s, "E1", 1);
	solve(&s, NULL, 1, NULL, &w);
	for (int win = 0; win < 3; win++)
		ck_assert_msg(cap(&w, 0, win, C_EV2) == 0 && cap(&w, 0, win, C_EV3) == 0,
			      "window %d: ev/2 %d ev/3 %d", win, cap(&w, 0, win, C_EV2),
			      cap(&w, 0, win, C_EV3));
	/* Two juniors, 2 x 540 min of 45-min services: 24 in all; from 14:00
	 * they have 2 x 180 min left, 8 services. */
	ck_assert_msg(day_total(&w, 0, C_OIL) == 24, "oil %d, wanted 24", day_total(&w, 0, C_OIL));
	ck_assert_msg(cap(&w, 0, 2, C_OIL) <= 8, "afternoon %d > 8", cap(&w, 0, 2, C_OIL));
	ck_assert_int_eq(w.status, BP_RUN_OPTIMAL);
	bp_windows_free(&w);
	bp_shop_free(&s);
}
END_TEST

START_TEST(advisor_limit_binds)
{
	struct bp_shop s;
	struct bp_windows w;
	shop(&s);
	s.info.advisors = 1;
	s.info.advisor_checkins_per_hour = 3;
	s.policy.advisor_day_max = 0;  /* the hourly rate alone (daily: below) */
	tech(&s, "J1", 1, 0, 480, 1020);
	tech(&s, "J2", 1, 0, 480, 1020);
	tech(&s, "M1", 2, 2, 480, 1020);
	bay(&s, "B1", 0);
	bay(&s, "B2", 0);
	bay(&s, "E1", 1);
	solve(&s, NULL, 1, NULL, &w);
	static const int limit[3] = {3, 6, 6};
	int all = 0;
	for (int win = 0; win < 3; win++) {
		int n = 0;
		for (int c = 0; c < w.nclasses; c++)
			n += cap(&w, 0, win, c);
		ck_assert_msg(w.day[0].checkins[win] == limit[win] && n == limit[win],
			      "window %d: %d offered, advisors take %d, wanted %d", win, n,
			      w.day[0].checkins[win], limit[win]);
		all += n;
	}
	ck_assert_int_eq(all, 15);     /* the technicians could take 35 */
	bp_windows_free(&w);
	bp_shop_free(&s);
}
END_TEST

START_TEST(booked_above_capacity_is_kept_and_reported)
{
	struct bp_shop s;
	struct bp_windows w;
	shop(&s);
	s.info.advisors = 1;
	s.info.advisor_checkins_per_hour = 2;
	tech(&s, "J1", 1, 0, 480, 600);        /* 08:00-10:00: 120 min */
	bay(&s, "B1", 0);
	for (int i = 0; i < 5; i++)
		booked(&s, OIL, tuesday(), 0);
	booked(&s, EVC, tuesday(), 1);         /* nobody can do it */
	booked(&s, OIL, tuesday() + 1, 0);     /* another day */
	solve(&s, NULL, 1, NULL, &w);
	const struct bp_wcell *x = bp_windows_cell(&w, 0, 0, C_OIL);
	/* 5 x 45 = 225 min booked against 120: 2.33 services' work has no room. */
	ck_assert_msg(x->capacity == 5 && x->booked == 5 && x->over == 3,
		      "capacity %d booked %d over %d, wanted 5 5 3", x->capacity, x->booked,
		      x->over);
	x = bp_windows_cell(&w, 0, 1, C_EV2);
	ck_assert_msg(x->capacity == 1 && x->booked == 1 && x->over == 1,
		      "ev: capacity %d booked %d over %d", x->capacity, x->booked, x->over);
	ck_assert_msg(cap(&w, 0, 1, C_OIL) == 0 && cap(&w, 0, 2, C_OIL) == 0,
		      "nothing more fits: %d %d", cap(&w, 0, 1, C_OIL), cap(&w, 0, 2, C_OIL));
	/* Five check-ins in an hour for one advisor who takes two. */
	ck_assert_msg(w.day[0].checkins[0] == 2 && w.day[0].checkins_over[0] == 3,
		      "check-ins %d over %d", w.day[0].checkins[0], w.day[0].checkins_over[0]);
	bp_windows_free(&w);
	bp_shop_free(&s);
}
END_TEST

START_TEST(classes_sharing_a_technician_share_the_time)
{
	struct bp_shop s;
	struct bp_windows w;
	shop(&s);
	s.nwindows = 1;
	tech(&s, "M1", 2, 2, 480, 720);        /* 240 min; OIL 35, EVC 60 */
	bay(&s, "B1", 0);
	bay(&s, "E1", 1);
	booked(&s, EVC, tuesday(), 0);
	solve(&s, NULL, 1, NULL, &w);
	int oil = cap(&w, 0, 0, C_OIL), ev = cap(&w, 0, 0, C_EV2);
	ck_assert_msg(35 * oil + 60 * ev <= 240 && ev == 1 && oil == 5,
		      "oil %d ev %d: %d min of 240", oil, ev, 35 * oil + 60 * ev);
	bp_windows_free(&w);
	bp_shop_free(&s);
}
END_TEST

START_TEST(special_bays_bound_their_class)
{
	struct bp_shop s;
	struct bp_windows w;
	shop(&s);
	s.nwindows = 1;
	tech(&s, "M1", 0, 2, 480, 1020);
	tech(&s, "M2", 0, 2, 480, 1020);
	bay(&s, "B1", 0);
	struct bp_bay *e = bay(&s, "E1", 1);
	e->nclosed = 1;
	e->closed[0] = (struct bp_span){540, 1140};   /* open 08:00-09:00 only */
	solve(&s, NULL, 1, NULL, &w);
	ck_assert_msg(cap(&w, 0, 0, C_EV2) == 1, "ev %d, wanted 1 (60 min of EV bay)",
		      cap(&w, 0, 0, C_EV2));
	ck_assert_msg(cap(&w, 0, 0, C_EV3) == 0, "ev/3 %d", cap(&w, 0, 0, C_EV3));
	bp_windows_free(&w);
	bp_shop_free(&s);
}
END_TEST

/* Show rates of 0.8 everywhere, no demand history. */
static void learned_shows(struct bp_learned *l, double rate)
{
	memset(l, 0, sizeof *l);
	bp_learn_opts_init(&l->opts);
	l->nwindows = 3;
	for (int win = 0; win < 3; win++)
		for (int t = 0; t <= BP_TIERS; t++)
			l->win[win][t].show_rate = rate;
}

START_TEST(no_shows_allow_bounded_overbooking)
{
	struct bp_shop s;
	struct bp_windows w;
	struct bp_learned l;
	shop(&s);
	s.nwindows = 1;
	tech(&s, "J1", 1, 0, 480, 1020);
	tech(&s, "J2", 1, 0, 480, 1020);
	bay(&s, "B1", 0);
	bay(&s, "B2", 0);
	learned_shows(&l, 0.8);
	/* 1080 min / 45 = 24 when all show; with 80 % showing the overbooking
	 * stops at max_overbook 1.15: 24 x 1.15 = 27.6. */
	solve(&s, &l, 1, NULL, &w);
	ck_assert_msg(cap(&w, 0, 0, C_OIL) == 27, "oil %d, wanted 27", cap(&w, 0, 0, C_OIL));
	ck_assert_msg(fabs(bp_windows_cell(&w, 0, 0, C_OIL)->show_rate - 0.8) < 1e-9, "show %.3f",
		      bp_windows_cell(&w, 0, 0, C_OIL)->show_rate);
	bp_windows_free(&w);
	/* A looser bound lets the show rate decide: 24 / 0.8 = 30. */
	s.policy.max_overbook = 1.5;
	solve(&s, &l, 1, NULL, &w);
	ck_assert_msg(cap(&w, 0, 0, C_OIL) == 30, "oil %d, wanted 30", cap(&w, 0, 0, C_OIL));
	bp_windows_free(&w);
	bp_shop_free(&s);
}
END_TEST

START_TEST(late_arrivals_delay_the_window)
{
	struct bp_shop s;
	struct bp_windows w;
	struct bp_learned l;
	struct bp_windows_opts o;
	shop(&s);
	s.nwindows = 1;
	s.windows[0] = (struct bp_span){840, 960};      /* 14:00-16:00 */
	tech(&s, "J1", 1, 0, 480, 960);                 /* until 16:00 */
	bay(&s, "B1", 0);
	learned_shows(&l, 1);
	l.win[0][BP_TIERS].late_median = 60;            /* half are there by 15:00 */
	solve(&s, &l, 1, NULL, &w);
	ck_assert_msg(cap(&w, 0, 0, C_OIL) == 1 && w.day[0].start[0] == 900,
		      "oil %d from %d, wanted 1 from 900", cap(&w, 0, 0, C_OIL), w.day[0].start[0]);
	bp_windows_free(&w);
	bp_windows_opts_init(&o);
	o.use_lateness = 0;
	solve(&s, &l, 1, &o, &w);
	ck_assert_msg(cap(&w, 0, 0, C_OIL) == 2, "oil %d, wanted 2", cap(&w, 0, 0, C_OIL));
	bp_windows_free(&w);
	bp_shop_free(&s);
}
END_TEST

static void history_row(struct bp_shop *s, int date, int service, int win)
{
	struct bp_actual *a = bp_shop_add_actual(s);
	snprintf(a->job_id, sizeof a->job_id, "H-%d", s->nactuals);
	a->date = date;
	a->service = service;
	a->technician = -1;
	a->tier = BP_TIER_BASIC;
	a->window = win;
}

START_TEST(history_caps_the_offer_by_weekday)
{
	struct bp_shop s;
	struct bp_windows w;
	shop(&s);
	tech(&s, "J1", 1, 0, 480, 1020);
	tech(&s, "J2", 1, 0, 480, 1020);
	tech(&s, "M1", 2, 2, 480, 1020);
	bay(&s, "B1", 0);
	bay(&s, "E1", 1);
	/* Ten past Tuesdays with 1..10 oil bookings in 09-11 and one EV check
	 * on the first two: the 0.9 quantile (nearest rank) is 9 and 0. */
	for (int k = 1; k <= 10; k++) {
		for (int i = 0; i < k; i++)
			history_row(&s, tuesday() - 7 * k, OIL, 1);
		if (k <= 2)
			history_row(&s, tuesday() - 7 * k, EVC, 2);
	}
	booked(&s, EVC, tuesday(), 2);         /* booked beyond the cap: kept */
	solve(&s, NULL, 2, NULL, &w);
	const struct bp_wcell *x = bp_windows_cell(&w, 0, 1, C_OIL);
	ck_assert_msg(x->capacity == 9 && x->demand_cap == 9,
		      "tuesday 09-11 oil %d cap %d, wanted 9", x->capacity, x->demand_cap);
	ck_assert_msg(cap(&w, 0, 0, C_OIL) == 0 && cap(&w, 0, 2, C_OIL) == 0,
		      "nobody asks for oil then: %d %d", cap(&w, 0, 0, C_OIL),
		      cap(&w, 0, 2, C_OIL));
	ck_assert_msg(cap(&w, 0, 2, C_EV2) == 1, "ev booked %d", cap(&w, 0, 2, C_EV2));
	/* Wednesday never appears in the history: nothing offered. */
	ck_assert_msg(day_total(&w, 1, C_OIL) == 0 && day_total(&w, 1, C_EV2) == 0,
		      "wednesday %d %d", day_total(&w, 1, C_OIL), day_total(&w, 1, C_EV2));
	ck_assert_int_eq(w.history_days, 10);
	bp_windows_free(&w);
	bp_shop_free(&s);
}
END_TEST

START_TEST(jobs_count_in_their_window)
{
	struct bp_shop s;
	shop(&s);
	struct bp_job j = {.has_window = 1, .window = {540, 660}};
	ck_assert_int_eq(bp_windows_job_window(&s, &j), 1);
	j = (struct bp_job){.has_window = 0, .window = {600, 600}};
	ck_assert_int_eq(bp_windows_job_window(&s, &j), 1);
	j.window = (struct bp_span){465, 465};         /* before the first */
	ck_assert_int_eq(bp_windows_job_window(&s, &j), 0);
	j.window = (struct bp_span){990, 990};         /* after the last */
	ck_assert_int_eq(bp_windows_job_window(&s, &j), 2);
	j.window = (struct bp_span){700, 700};         /* between */
	ck_assert_int_eq(bp_windows_job_window(&s, &j), 1);
	bp_shop_free(&s);
}
END_TEST

START_TEST(offers_go_where_they_are_likely_taken)
{
	struct bp_shop s;
	struct bp_windows w;
	shop(&s);
	s.nwindows = 1;
	tech(&s, "S1", 0, 3, 480, 1020);       /* 540 min: EVC 45, HYB 180 */
	bay(&s, "E1", 1);
	/* Eleven past Tuesdays: 2..12 EV checks and one hybrid fault each. A
	 * hybrid is sure to be asked for; the 9th-12th EV checks seldom are, so
	 * one hybrid and 8 checks (540 min) beat 12 checks. */
	for (int k = 1; k <= 11; k++) {
		for (int i = 0; i < k + 1; i++)
			history_row(&s, tuesday() - 7 * k, EVC, 0);
		history_row(&s, tuesday() - 7 * k, HYB, 0);
	}
	solve(&s, NULL, 1, NULL, &w);
	ck_assert_msg(cap(&w, 0, 0, C_EV3) == 1 && cap(&w, 0, 0, C_EV2) == 8,
		      "hybrid %d checks %d, wanted 1 and 8", cap(&w, 0, 0, C_EV3),
		      cap(&w, 0, 0, C_EV2));
	ck_assert_int_eq(bp_windows_cell(&w, 0, 0, C_EV2)->demand_cap, 11);
	bp_windows_free(&w);
	bp_shop_free(&s);
}
END_TEST

START_TEST(every_day_is_solved)
{
	struct bp_shop s;
	struct bp_windows w;
	shop(&s);
	tech(&s, "J1", 1, 0, 480, 1020);
	tech(&s, "S1", 0, 3, 480, 1020);
	bay(&s, "B1", 0);
	bay(&s, "E1", 1);
	solve(&s, NULL, 7, NULL, &w);
	ck_assert_int_eq(w.days, 7);
	for (int d = 0; d < 7; d++) {
		ck_assert_int_eq(w.day[d].day, tuesday() + d);
		ck_assert_msg(w.day[d].status == BP_RUN_OPTIMAL, "day %d status %d", d,
			      w.day[d].status);
		ck_assert_msg(day_total(&w, d, C_OIL) == 12 && day_total(&w, d, C_EV2) == 12,
			      "day %d: oil %d ev %d, wanted 12 and 12", d, day_total(&w, d, C_OIL),
			      day_total(&w, d, C_EV2));
	}
	bp_windows_free(&w);
	bp_shop_free(&s);
}
END_TEST

/* Cancelled and no-show bookings hold no place: the offer is as if they
 * were never made. */
START_TEST(cancelled_and_no_show_bookings_hold_no_place)
{
	struct bp_shop s;
	struct bp_windows w;
	shop(&s);
	tech(&s, "J1", 1, 0, 480, 1020);
	bay(&s, "B1", 0);
	for (int i = 0; i < 4; i++)
		booked(&s, OIL, tuesday(), 0);
	s.jobs[1].status = BP_JOB_CANCELLED;
	s.jobs[2].status = BP_JOB_NO_SHOW;
	s.jobs[3].status = BP_JOB_DONE;
	solve(&s, NULL, 1, NULL, &w);
	ck_assert_int_eq(bp_windows_cell(&w, 0, 0, C_OIL)->booked, 2);
	/* One junior, 540 minutes of 45-minute services: 12 in all. */
	ck_assert_msg(day_total(&w, 0, C_OIL) == 12, "oil %d, wanted 12", day_total(&w, 0, C_OIL));
	bp_windows_free(&w);
	bp_shop_free(&s);
}
END_TEST

/* A shop holiday offers nothing: each cell keeps what is booked there,
 * all of it over; the day after is solved as usual. */
START_TEST(holiday_offers_nothing)
{
	struct bp_shop s;
	struct bp_windows w;
	shop(&s);
	tech(&s, "J1", 1, 0, 480, 1020);
	bay(&s, "B1", 0);
	booked(&s, OIL, tuesday(), 1);
	booked(&s, OIL, tuesday(), 1);
	struct bp_closure *c = bp_shop_add_closure(&s);
	c->date = tuesday();
	c->bay = -1;
	c->whole = 1;
	solve(&s, NULL, 2, NULL, &w);
	for (int win = 0; win < 3; win++)
		for (int k = 0; k < w.nclasses; k++) {
			const struct bp_wcell *x = bp_windows_cell(&w, 0, win, k);
			int b = win == 1 && k == C_OIL ? 2 : 0;
			ck_assert_msg(x->capacity == b && x->booked == b && x->over == b,
				      "window %d class %d: %d/%d over %d", win, k, x->capacity,
				      x->booked, x->over);
		}
	ck_assert_int_eq(w.day[0].checkins[0], 0);
	ck_assert_int_eq(w.day[0].status, BP_RUN_OPTIMAL);
	ck_assert_msg(day_total(&w, 1, C_OIL) == 12, "the day after: oil %d, wanted 12",
		      day_total(&w, 1, C_OIL));
	bp_windows_free(&w);
	bp_shop_free(&s);
}
END_TEST

/* The advisors' day: 1 advisor at 3 an hour could receive 15 in the three
 * windows, but policy lets one advisor take 4 in a day. */
START_TEST(advisor_day_limit_binds)
{
	struct bp_shop s;
	struct bp_windows w;
	shop(&s);
	s.info.advisors = 1;
	s.info.advisor_checkins_per_hour = 3;
	s.policy.advisor_day_max = 4;
	tech(&s, "J1", 1, 0, 480, 1020);
	tech(&s, "J2", 1, 0, 480, 1020);
	bay(&s, "B1", 0);
	bay(&s, "B2", 0);
	solve(&s, NULL, 1, NULL, &w);
	ck_assert_int_eq(w.day[0].checkins_day, 4);
	ck_assert_int_eq(day_total(&w, 0, C_OIL), 4);
	ck_assert_int_eq(w.day[0].checkins_day_over, 0);
	bp_windows_free(&w);
	/* Six booked: all kept, two reported above the advisor's day. */
	for (int i = 0; i < 6; i++)
		booked(&s, OIL, tuesday(), i % 3);
	solve(&s, NULL, 1, NULL, &w);
	ck_assert_int_eq(day_total(&w, 0, C_OIL), 6);
	ck_assert_int_eq(w.day[0].checkins_day_over, 2);
	bp_windows_free(&w);
	bp_shop_free(&s);
}
END_TEST

/* Loan cars: half the store's customers take one (2 of 4 bookings), the
 * fleet is 2 and one is booked out on the Tuesday: one car is left, so two
 * new bookings at most, though the technicians could take many more. */
START_TEST(loan_cars_bound_the_offer)
{
	struct bp_shop s;
	struct bp_windows w;
	shop(&s);
	s.info.loan_cars = 2;
	s.policy.advisor_day_max = 0;
	tech(&s, "J1", 1, 0, 480, 1020);
	tech(&s, "J2", 1, 0, 480, 1020);
	bay(&s, "B1", 0);
	bay(&s, "B2", 0);
	booked(&s, OIL, tuesday(), 0);
	s.jobs[0].loan_car = 1;
	booked(&s, OIL, tuesday() + 1, 0);
	s.jobs[1].loan_car = 1;
	booked(&s, OIL, tuesday() + 1, 1);
	booked(&s, OIL, tuesday() + 1, 2);
	solve(&s, NULL, 1, NULL, &w);
	ck_assert_int_eq(w.day[0].loans_booked, 1);
	ck_assert_int_eq(w.day[0].loan_cars, 2);
	ck_assert_double_eq_tol(w.day[0].loan_share, 0.5, 1e-9);
	ck_assert_int_eq(day_total(&w, 0, C_OIL), 1 + 2);
	bp_windows_free(&w);
	/* Without a fleet the shop lends no cars: the offer is the floor's. */
	s.info.loan_cars = 0;
	solve(&s, NULL, 1, NULL, &w);
	ck_assert_int_gt(day_total(&w, 0, C_OIL), 10);
	bp_windows_free(&w);
	bp_shop_free(&s);
}
END_TEST

/* The windows of a date are that date's day: a technician on leave and a
 * bay closed on the Tuesday cut its offer; the Wednesday keeps both. */
START_TEST(roster_and_closures_of_the_date_count)
{
	struct bp_shop s;
	struct bp_windows w;
	shop(&s);
	s.policy.advisor_day_max = 0;
	tech(&s, "J1", 1, 0, 480, 1020);
	tech(&s, "J2", 1, 0, 480, 1020);
	bay(&s, "B1", 0);
	bay(&s, "B2", 0);
	solve(&s, NULL, 2, NULL, &w);
	int tue = day_total(&w, 0, C_OIL), wed = day_total(&w, 1, C_OIL);
	ck_assert_int_eq(tue, wed);
	bp_windows_free(&w);
	struct bp_roster_change *r = bp_shop_add_roster(&s);
	r->tech = 1;
	r->date = tuesday();
	r->kind = BP_ROSTER_OFF;
	r->whole = 1;
	solve(&s, NULL, 2, NULL, &w);
	ck_assert_int_eq(w.day[0].techs_off, 1);
	ck_assert_int_le(2 * day_total(&w, 0, C_OIL), tue + 1);
	ck_assert_int_eq(day_total(&w, 1, C_OIL), wed);
	bp_windows_free(&w);
	/* Both bays closed on the Tuesday (shop close --bay): nothing to offer. */
	for (int b = 0; b < 2; b++) {
		struct bp_closure *c = bp_shop_add_closure(&s);
		c->date = tuesday();
		c->bay = b;
		c->whole = 1;
	}
	solve(&s, NULL, 2, NULL, &w);
	ck_assert_int_eq(w.day[0].bays_down, 2);
	ck_assert_int_eq(day_total(&w, 0, C_OIL), 0);
	ck_assert_int_eq(day_total(&w, 1, C_OIL), wed);
	bp_windows_free(&w);
	bp_shop_free(&s);
}
END_TEST

/* A time limit the days cannot be reached in is an answer, not a failure:
 * every day keeps what is booked and says it was not tuned. */
START_TEST(time_limit_keeps_the_bookings)
{
	struct bp_shop s;
	struct bp_windows w;
	struct bp_windows_opts o;
	shop(&s);
	tech(&s, "J1", 1, 0, 480, 1020);
	bay(&s, "B1", 0);
	booked(&s, OIL, tuesday() + 3, 1);
	bp_windows_opts_init(&o);
	o.time_limit = 1e-9;
	solve(&s, NULL, 30, &o, &w);
	ck_assert_int_eq(w.status, BP_RUN_TIME_LIMIT);
	ck_assert_int_eq(w.untuned, 30);
	for (int d = 0; d < 30; d++) {
		ck_assert(w.day[d].untuned);
		ck_assert_int_eq(day_total(&w, d, C_OIL), d == 3);
	}
	bp_windows_free(&w);
	bp_shop_free(&s);
}
END_TEST

/* Loan cars out at once: 08:00-12:00, 09:00-11:00 (promised) and one from
 * 13:00 without a promise (out to the day's end) peak at two; from 12:00
 * on one; a cancelled booking and the job left out count for nothing. */
START_TEST(loans_out_at_once)
{
	struct bp_shop s;
	shop(&s);
	static const int arr[4] = {480, 540, 780, 600}, prom[4] = {720, 660, -1, 900};
	for (int i = 0; i < 4; i++) {
		booked(&s, OIL, tuesday(), 0);
		s.jobs[i].has_window = 0;
		s.jobs[i].window = (struct bp_span){arr[i], arr[i]};
		s.jobs[i].promised = prom[i];
		s.jobs[i].loan_car = 1;
	}
	s.jobs[3].status = BP_JOB_CANCELLED;
	ck_assert_int_eq(bp_windows_loans_out(&s, tuesday(), -1, 0, 1440), 2);
	ck_assert_int_eq(bp_windows_loans_out(&s, tuesday(), -1, 720, 1440), 1);
	ck_assert_int_eq(bp_windows_loans_out(&s, tuesday(), 1, 0, 1440), 1);
	ck_assert_int_eq(bp_windows_loans_out(&s, tuesday() + 1, -1, 0, 1440), 0);
	int a, b;
	bp_windows_loan_span(&s, &s.jobs[2], &a, &b);
	ck_assert_int_eq(a, 780);
	ck_assert_int_eq(b, 1080 + 60);
	bp_shop_free(&s);
}
END_TEST

Suite *bp_suite_windows(void)
{
	Suite *s = suite_create("windows");
	TCase *tc = tcase_create("windows");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, classes_are_skill_level_bay);
	tcase_add_test(tc, no_ev_technician_no_ev_capacity);
	tcase_add_test(tc, advisor_limit_binds);
	tcase_add_test(tc, booked_above_capacity_is_kept_and_reported);
	tcase_add_test(tc, classes_sharing_a_technician_share_the_time);
	tcase_add_test(tc, special_bays_bound_their_class);
	tcase_add_test(tc, no_shows_allow_bounded_overbooking);
	tcase_add_test(tc, late_arrivals_delay_the_window);
	tcase_add_test(tc, history_caps_the_offer_by_weekday);
	tcase_add_test(tc, jobs_count_in_their_window);
	tcase_add_test(tc, offers_go_where_they_are_likely_taken);
	tcase_add_test(tc, every_day_is_solved);
	tcase_add_test(tc, cancelled_and_no_show_bookings_hold_no_place);
	tcase_add_test(tc, holiday_offers_nothing);
	tcase_add_test(tc, advisor_day_limit_binds);
	tcase_add_test(tc, loan_cars_bound_the_offer);
	tcase_add_test(tc, roster_and_closures_of_the_date_count);
	tcase_add_test(tc, time_limit_keeps_the_bookings);
	tcase_add_test(tc, loans_out_at_once);
	suite_add_tcase(s, tc);
	return s;
}
