/*
 * test_learn.c - learning from actuals: durations from a known set, their
 * shrinkage toward the standard minutes, breaks inside a job, show rates and
 * lateness per window and tier, the slow technician, and applying the
 * learned minutes to a copy of the shop.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/yaml_shop.h"
#include "model/learn.h"

Suite *bp_suite_learn(void);

enum { OIL, EVC, HYB };                         /* services */
enum { J1, J2, M1, M2, M3, S1 };                /* technicians */

static int day0(void)
{
	int d;
	bp_date_parse("2026-09-01", &d);        /* a Tuesday */
	return d;
}

/* Skills maintenance/ev; bay types general/ev; OIL 45/35/30, EVC -/60/45,
 * HYB -/-/180; juniors J1 J2, intermediates M1-M3, senior S1, all 08:00-17:00
 * with lunch 12:00-12:45; windows 08-09, 09-11, 14-16. */
static void shop(struct bp_shop *s)
{
	bp_shop_init(s);
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
	static const struct { const char *id; int maint, ev; } tv[] = {
		{"J1", 1, 0}, {"J2", 1, 0}, {"M1", 2, 2}, {"M2", 2, 2}, {"M3", 2, 2}, {"S1", 3, 3},
	};
	for (int i = 0; i < 6; i++) {
		struct bp_technician *t = bp_shop_add_tech(s);
		strcpy(t->id, tv[i].id);
		t->shift = (struct bp_span){480, 1020};
		t->nbreaks = 1;
		t->breaks[0] = (struct bp_span){720, 765};
		t->level[0] = (unsigned char)tv[i].maint;
		t->level[1] = (unsigned char)tv[i].ev;
	}
	s->nwindows = 3;
	s->windows[0] = (struct bp_span){480, 540};
	s->windows[1] = (struct bp_span){540, 660};
	s->windows[2] = (struct bp_span){840, 960};
}

/* A job done by `tech` in window `win`, arriving `late` minutes after the
 * window's start, started at `start` and taking `min` minutes on the clock. */
static void done(struct bp_shop *s, int service, int tech, int win, int late, int start,
		 int min)
{
	struct bp_actual *a = bp_shop_add_actual(s);
	snprintf(a->job_id, sizeof a->job_id, "H-%05d", s->nactuals);
	a->service = service;
	a->technician = tech;
	a->date = day0();
	a->tier = BP_TIER_BASIC;
	a->window = win;
	a->has_arrived = a->has_started = a->has_finished = 1;
	a->arrived_day = a->started_day = a->finished_day = a->date;
	a->arrived = s->windows[win].start + late;
	a->started = start;
	a->finished = start + min;
}

static void no_show(struct bp_shop *s, int service, int win, enum bp_tier tier)
{
	struct bp_actual *a = bp_shop_add_actual(s);
	snprintf(a->job_id, sizeof a->job_id, "H-%05d", s->nactuals);
	a->service = service;
	a->technician = -1;
	a->date = day0();
	a->tier = tier;
	a->window = win;
	a->no_show = 1;
}

START_TEST(median_of_a_known_set_shrunk_toward_standard)
{
	struct bp_shop s;
	struct bp_learned l;
	struct bp_err err;
	shop(&s);
	/* Nine oil services by juniors: 40..56, median 48 (standard 45). */
	for (int i = 0; i < 9; i++)
		done(&s, OIL, i % 2 ? J1 : J2, 0, 0, 500, 40 + 2 * i);
	ck_assert_int_eq(bp_learn(&s, NULL, &l, &err), BP_OK);
	const struct bp_learned_duration *d = bp_learn_dur(&l, OIL, 1);
	ck_assert_msg(d->samples == 9 && fabs(d->typical - 48) < 1e-9,
		      "samples %d typical %.2f, wanted 9 and 48", d->samples, d->typical);
	/* (9 x 48 + 10 x 45) / 19 = 46.4 */
	ck_assert_msg(d->learned == 46, "learned %d, wanted 46", d->learned);
	ck_assert_int_eq(bp_learn_minutes(&l, OIL, 2), 35);   /* no samples there */
	ck_assert_int_eq(l.used, 9);
	ck_assert_int_eq(l.changed, 1);
	bp_learned_free(&l);

	/* Without a prior the median stands; the 0.8 quantile is higher. */
	struct bp_learn_opts o;
	bp_learn_opts_init(&o);
	o.prior_weight = 0;
	ck_assert_int_eq(bp_learn(&s, &o, &l, &err), BP_OK);
	ck_assert_int_eq(bp_learn_minutes(&l, OIL, 1), 48);
	bp_learned_free(&l);
	o.quantile = 0.8;      /* (9-1) x 0.8 = 6.4: 52 + 0.4 x 2 = 52.8 */
	ck_assert_int_eq(bp_learn(&s, &o, &l, &err), BP_OK);
	ck_assert_msg(fabs(bp_learn_dur(&l, OIL, 1)->typical - 52.8) < 1e-9, "q80 %.3f",
		      bp_learn_dur(&l, OIL, 1)->typical);
	ck_assert_int_eq(bp_learn_minutes(&l, OIL, 1), 53);
	bp_learned_free(&l);
	bp_shop_free(&s);
}
END_TEST

START_TEST(few_samples_keep_the_standard)
{
	struct bp_shop s;
	struct bp_learned l;
	struct bp_err err;
	shop(&s);
	/* Four EV checks of 100 min at level 2 (standard 60): below min_samples. */
	for (int i = 0; i < 4; i++)
		done(&s, EVC, M1 + i % 3, 1, 0, 560, 100);
	ck_assert_int_eq(bp_learn(&s, NULL, &l, &err), BP_OK);
	const struct bp_learned_duration *d = bp_learn_dur(&l, EVC, 2);
	ck_assert_msg(d->samples == 4 && d->learned == 60,
		      "samples %d learned %d, wanted 4 samples and the standard 60", d->samples,
		      d->learned);
	bp_learned_free(&l);
	/* The fifth counts, weighed against ten of the standard: 850/15 = 56.7,
	 * (5 x 100 + 10 x 60) / 15 = 73.3. */
	done(&s, EVC, M2, 1, 0, 560, 100);
	ck_assert_int_eq(bp_learn(&s, NULL, &l, &err), BP_OK);
	ck_assert_msg(bp_learn_minutes(&l, EVC, 2) == 73, "learned %d, wanted 73",
		      bp_learn_minutes(&l, EVC, 2));
	bp_learned_free(&l);
	/* Many samples pull almost all the way: 90 of 100 -> (9000 + 600) / 100 = 96. */
	for (int i = 0; i < 85; i++)
		done(&s, EVC, M1 + i % 3, 1, 0, 560, 100);
	ck_assert_int_eq(bp_learn(&s, NULL, &l, &err), BP_OK);
	ck_assert_msg(bp_learn_minutes(&l, EVC, 2) == 96, "learned %d, wanted 96",
		      bp_learn_minutes(&l, EVC, 2));
	bp_learned_free(&l);
	bp_shop_free(&s);
}
END_TEST

START_TEST(lunch_inside_a_job_is_not_work)
{
	struct bp_shop s;
	struct bp_learned l;
	struct bp_err err;
	struct bp_learn_opts o;
	shop(&s);
	bp_learn_opts_init(&o);
	o.prior_weight = 0;
	o.min_samples = 1;
	/* 11:30 to 13:15 on the clock, lunch 12:00-12:45 inside: 60 minutes. */
	done(&s, HYB, S1, 1, 0, 690, 105);
	ck_assert_int_eq(bp_learn(&s, &o, &l, &err), BP_OK);
	ck_assert_msg(bp_learn_minutes(&l, HYB, 3) == 60, "learned %d, wanted 60",
		      bp_learn_minutes(&l, HYB, 3));
	bp_learned_free(&l);
	bp_shop_free(&s);
}
END_TEST

START_TEST(unusable_rows_are_skipped)
{
	struct bp_shop s;
	struct bp_learned l;
	struct bp_err err;
	shop(&s);
	done(&s, EVC, J1, 1, 0, 560, 50);      /* a junior cannot do EV work */
	done(&s, OIL, J1, 1, 0, 560, 0);       /* no time taken */
	no_show(&s, OIL, 1, BP_TIER_CORE);     /* not a duration, but a booking */
	ck_assert_int_eq(bp_learn(&s, NULL, &l, &err), BP_OK);
	ck_assert_msg(l.used == 0 && l.skipped == 2, "used %d skipped %d, wanted 0 and 2",
		      l.used, l.skipped);
	ck_assert_int_eq(bp_learn_minutes(&l, EVC, 2), 60);
	ck_assert_int_eq(l.win[1][BP_TIER_CORE].booked, 1);
	bp_learned_free(&l);
	bp_shop_free(&s);
}
END_TEST

START_TEST(show_rates_per_window_and_tier)
{
	struct bp_shop s;
	struct bp_learned l;
	struct bp_err err;
	struct bp_learn_opts o;
	shop(&s);
	/* Window 0: core 9 of 10 show; basic 6 of 10. Window 2: basic 10 of 10. */
	for (int i = 0; i < 10; i++) {
		if (i < 9) {
			done(&s, OIL, J1, 0, 10, 500, 45);
			s.actuals[s.nactuals - 1].tier = BP_TIER_CORE;
		} else {
			no_show(&s, OIL, 0, BP_TIER_CORE);
		}
		if (i < 6)
			done(&s, OIL, J2, 0, 20, 500, 45);
		else
			no_show(&s, OIL, 0, BP_TIER_BASIC);
		done(&s, OIL, J2, 2, 90 + i, 900, 45);
	}
	bp_learn_opts_init(&o);
	o.prior_weight = 0;
	ck_assert_int_eq(bp_learn(&s, &o, &l, &err), BP_OK);
	ck_assert_msg(fabs(l.win[0][BP_TIER_CORE].show_rate - 0.9) < 1e-9, "core %.3f",
		      l.win[0][BP_TIER_CORE].show_rate);
	ck_assert_msg(fabs(l.win[0][BP_TIER_BASIC].show_rate - 0.6) < 1e-9, "basic %.3f",
		      l.win[0][BP_TIER_BASIC].show_rate);
	ck_assert_msg(fabs(l.win[0][BP_TIERS].show_rate - 0.75) < 1e-9, "window 0 %.3f",
		      l.win[0][BP_TIERS].show_rate);
	ck_assert_msg(fabs(l.show_rate[BP_TIERS] - 25.0 / 30) < 1e-9, "shop %.3f",
		      l.show_rate[BP_TIERS]);
	/* Lateness: window 0 arrivals 10 (x9) and 20 (x6) after start: median
	 * 10, none after the end; window 2: 90..99 after a 120-min window start. */
	ck_assert_msg(fabs(l.win[0][BP_TIERS].late_median - 10) < 1e-9, "late %.1f",
		      l.win[0][BP_TIERS].late_median);
	ck_assert_msg(fabs(l.win[0][BP_TIER_BASIC].late_median - 20) < 1e-9, "late %.1f",
		      l.win[0][BP_TIER_BASIC].late_median);
	ck_assert_msg(fabs(l.win[2][BP_TIERS].late_median - 94.5) < 1e-9, "late %.1f",
		      l.win[2][BP_TIERS].late_median);
	ck_assert_msg(l.win[2][BP_TIERS].late_share == 0 && l.win[1][BP_TIERS].booked == 0,
		      "late share %.2f", l.win[2][BP_TIERS].late_share);
	/* A window without rows takes its tier's rate. */
	ck_assert_msg(fabs(l.win[1][BP_TIER_BASIC].show_rate - l.show_rate[BP_TIER_BASIC]) < 1e-9,
		      "empty window %.3f vs tier %.3f", l.win[1][BP_TIER_BASIC].show_rate,
		      l.show_rate[BP_TIER_BASIC]);
	bp_learned_free(&l);

	/* Shrinkage: core in window 0 with 9 of 10 leans toward the tier's
	 * 9/10 (same here) and basic 6/10 toward basic over windows 16/20. */
	ck_assert_int_eq(bp_learn(&s, NULL, &l, &err), BP_OK);
	double tier = (16 + 10 * (25.0 / 30)) / (20 + 10);
	double want = (6 + 10 * tier) / 20;
	ck_assert_msg(fabs(l.win[0][BP_TIER_BASIC].show_rate - want) < 1e-9,
		      "shrunk basic %.4f, wanted %.4f", l.win[0][BP_TIER_BASIC].show_rate, want);
	bp_learned_free(&l);
	bp_shop_free(&s);
}
END_TEST

START_TEST(no_history_means_standard_and_everyone_shows)
{
	struct bp_shop s;
	struct bp_learned l;
	struct bp_err err;
	shop(&s);
	ck_assert_int_eq(bp_learn(&s, NULL, &l, &err), BP_OK);
	for (int sv = 0; sv < s.nservices; sv++)
		for (int lv = 1; lv <= BP_LEVELS; lv++)
			ck_assert_int_eq(bp_learn_minutes(&l, sv, lv), s.services[sv].minutes[lv]);
	ck_assert_msg(l.win[1][BP_TIER_BASIC].show_rate == 1 && l.changed == 0 && l.ntechs == 0,
		      "show %.2f changed %d techs %d", l.win[1][BP_TIER_BASIC].show_rate,
		      l.changed, l.ntechs);
	bp_learned_free(&l);
	bp_shop_free(&s);
}
END_TEST

/* Deterministic noise in [-0.1, 0.1]. */
static double wobble(int i)
{
	return ((i * 7919) % 201 - 100) / 1000.0;
}

START_TEST(slow_technician_is_flagged)
{
	struct bp_shop s;
	struct bp_learned l;
	struct bp_err err;
	shop(&s);
	/* Thirty oil services each by M1, M2, M3 (level 2, standard 35), M3
	 * 1.3 times slower; thirty EV checks each, M3 1.3 times slower again. */
	for (int i = 0; i < 90; i++) {
		int t = M1 + i % 3;
		double f = (t == M3 ? 1.3 : 1.0) * (1 + wobble(i));
		done(&s, OIL, t, 0, 0, 500, (int)lround(35 * f));
		done(&s, EVC, t, 1, 0, 560, (int)lround(60 * f));
	}
	ck_assert_int_eq(bp_learn(&s, NULL, &l, &err), BP_OK);
	int seen = 0;
	for (int i = 0; i < l.ntechs; i++) {
		const struct bp_learned_tech *r = &l.tech[i];
		if (r->service >= 0)
			continue;
		seen++;
		if (r->tech == M3)
			ck_assert_msg(r->bottleneck && r->ratio > 1.25 && r->ratio < 1.36 &&
					      r->samples == 60,
				      "M3 ratio %.3f samples %d flagged %d", r->ratio, r->samples,
				      r->bottleneck);
		else
			ck_assert_msg(!r->bottleneck && r->ratio < 1.05,
				      "%s ratio %.3f flagged %d", s.techs[r->tech].id, r->ratio,
				      r->bottleneck);
	}
	ck_assert_int_eq(seen, 3);
	/* Per service too. */
	int per = 0;
	for (int i = 0; i < l.ntechs; i++)
		if (l.tech[i].service >= 0 && l.tech[i].tech == M3) {
			per++;
			ck_assert_msg(l.tech[i].bottleneck, "M3 on %s ratio %.3f",
				      s.services[l.tech[i].service].code, l.tech[i].ratio);
		}
	ck_assert_int_eq(per, 2);
	bp_learned_free(&l);
	bp_shop_free(&s);
}
END_TEST

START_TEST(apply_to_a_copy)
{
	struct bp_shop s, c;
	struct bp_learned l;
	struct bp_err err;
	shop(&s);
	struct bp_job *j = bp_shop_add_job(&s);
	strcpy(j->id, "RO-1");
	j->service = OIL;
	j->minutes = 70;
	for (int i = 0; i < 40; i++)
		done(&s, OIL, J1, 0, 0, 500, 55);
	ck_assert_int_eq(bp_learn(&s, NULL, &l, &err), BP_OK);
	ck_assert_int_eq(bp_learn_copy(&c, &s, &l, &err), BP_OK);
	/* (40 x 55 + 10 x 45) / 50 = 53 */
	ck_assert_msg(c.services[OIL].minutes[1] == 53 && s.services[OIL].minutes[1] == 45,
		      "copy %d original %d", c.services[OIL].minutes[1],
		      s.services[OIL].minutes[1]);
	ck_assert_int_eq(c.services[OIL].minutes[2], 35);
	ck_assert_int_eq(c.services[EVC].minutes[1], 0);
	ck_assert_int_eq(c.jobs[0].minutes, 70);
	/* In place: the count of figures that changed. */
	ck_assert_int_eq(bp_learn_apply(&s, &l), 1);
	ck_assert_int_eq(bp_learn_apply(&s, &l), 0);
	bp_learned_free(&l);
	bp_shop_free(&c);
	bp_shop_free(&s);
}
END_TEST

START_TEST(quantile_interpolates)
{
	double v[] = {5, 1, 3, 2, 4};
	ck_assert_msg(fabs(bp_quantile(v, 5, 0.5) - 3) < 1e-12, "median");
	ck_assert_msg(fabs(bp_quantile(v, 5, 0.9) - 4.6) < 1e-12, "q90 %.3f",
		      bp_quantile(v, 5, 0.9));
	ck_assert_msg(bp_quantile(v, 0, 0.5) == 0, "empty");
	double one = 7;
	ck_assert_msg(bp_quantile(&one, 1, 0.3) == 7, "one");
}
END_TEST

/* The demo's generator makes T5 30 % slower on everything and draws the
 * rest lognormal around the standard minutes (median = standard). */
START_TEST(demo_history_names_t5)
{
	struct bp_shop s;
	struct bp_learned l;
	struct bp_err err;
	bp_shop_init(&s);
	ck_assert_msg(bp_shopfile_read("../scenarios/demo/shop.yaml", &s, &err) == BP_OK,
		      "demo: %s", err.msg);
	ck_assert_int_eq(bp_learn(&s, NULL, &l, &err), BP_OK);
	int t5 = bp_shop_tech(&s, "T5"), flagged = 0;
	for (int i = 0; i < l.ntechs; i++) {
		const struct bp_learned_tech *r = &l.tech[i];
		if (r->service >= 0)
			continue;
		flagged += r->bottleneck;
		if (r->tech == t5)
			ck_assert_msg(r->bottleneck && r->ratio > 1.2 && r->ratio < 1.38,
				      "T5 ratio %.3f flagged %d", r->ratio, r->bottleneck);
	}
	ck_assert_msg(flagged == 1, "%d technicians flagged, wanted only T5", flagged);
	/* Oil at level 1 has hundreds of samples around 45. */
	int oil = bp_shop_service(&s, "OIL");
	const struct bp_learned_duration *d = bp_learn_dur(&l, oil, 1);
	ck_assert_msg(d->samples > 300 && abs(d->learned - 45) <= 2, "OIL L1 n=%d learned %d",
		      d->samples, d->learned);
	ck_assert_msg(l.show_rate[BP_TIERS] > 0.85 && l.show_rate[BP_TIERS] < 0.95,
		      "show rate %.3f", l.show_rate[BP_TIERS]);
	bp_learned_free(&l);
	bp_shop_free(&s);
}
END_TEST

Suite *bp_suite_learn(void)
{
	Suite *s = suite_create("learn");
	TCase *tc = tcase_create("learn");
	tcase_add_test(tc, median_of_a_known_set_shrunk_toward_standard);
	tcase_add_test(tc, few_samples_keep_the_standard);
	tcase_add_test(tc, lunch_inside_a_job_is_not_work);
	tcase_add_test(tc, unusable_rows_are_skipped);
	tcase_add_test(tc, show_rates_per_window_and_tier);
	tcase_add_test(tc, no_history_means_standard_and_everyone_shows);
	tcase_add_test(tc, slow_technician_is_flagged);
	tcase_add_test(tc, apply_to_a_copy);
	tcase_add_test(tc, quantile_interpolates);
	tcase_add_test(tc, demo_history_names_t5);
	suite_add_tcase(s, tc);
	return s;
}
