/*
 * test_forecast.c - Croston, SBA and SES against published worked examples;
 * Syntetos-Boylan classification; method choice; series built from a shop;
 * the weekday profile of a shop closed on Sundays.
 */
#include <check.h>
#include <math.h>
#include <string.h>

#include "model/shop.h"
#include "model/timeutil.h"
#include "solver/forecast.h"

Suite *bp_suite_forecast(void);

/*
 * Hyndman & Athanasopoulos, Forecasting: Principles and Practice (3rd ed.),
 * section 13.2 "Time series of counts" (https://otexts.com/fpp3/counts.html):
 * the first 24 months of sales of a lubricant (series productC of the R
 * package fma), split into demands q_i and inter-arrival times a_i:
 *   q = 2 1 11 2 6 3 7        a = 2 2 2 5 2 1 6
 * The book stops at the decomposition; Croston with alpha = 0.1, both
 * smoothers started at the first value (as forecast::croston does), by hand:
 *   q^: 2 -> .9*2+.1*1 = 1.9 -> 1.71+1.1 = 2.81 -> 2.529+.2 = 2.729
 *       -> 2.4561+.6 = 3.0561 -> 2.75049+.3 = 3.05049 -> 2.745441+.7 = 3.445441
 *   a^: 2 -> 2 -> 2 -> 1.8+.5 = 2.3 -> 2.07+.2 = 2.27 -> 2.043+.1 = 2.143
 *       -> 1.9287+.6 = 2.5287
 *   Croston = 3.445441 / 2.5287 = 1.362535;  SBA = (1 - 0.1/2) x 1.362535 = 1.294408
 */
static const double lubricant[24] = {0, 2, 0, 1, 0, 11, 0, 0, 0, 0, 2, 0,
				     6, 3, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0};

START_TEST(croston_matches_fpp_lubricant)
{
	double f = bp_forecast_croston(lubricant, 24, 0.1, 0, NULL);
	ck_assert_msg(fabs(f - 1.362535) < 1e-6, "Croston %.6f, expected 1.362535", f);
}
END_TEST

START_TEST(sba_matches_fpp_lubricant)
{
	double f = bp_forecast_croston(lubricant, 24, 0.1, 1, NULL);
	ck_assert_msg(fabs(f - 1.294408) < 1e-6, "SBA %.6f, expected 1.294408", f);
}
END_TEST

/*
 * Stephan Kolassa's answer to "Croston forecasting h-step ahead forecast
 * with last n values being zero" (Cross Validated): for y = 0,1,0,...,0 (ten
 * periods) the interval starts at P1 = 2 and the size at Q1 = 1, nothing
 * updates afterwards, so the forecast is Q1 / P1 = 0.5.
 */
START_TEST(croston_first_interval_counts_from_start)
{
	double y[10] = {0, 1};
	double f = bp_forecast_croston(y, 10, 0.1, 0, NULL);
	ck_assert_msg(fabs(f - 0.5) < 1e-12, "Croston %.6f, expected 0.5", f);
	double z[5] = {0};
	ck_assert_msg(bp_forecast_croston(z, 5, 0.1, 1, NULL) == 0, "no demand, no forecast");
}
END_TEST

/*
 * Steve Wong's "Time Series Forecasting Exercise: Simple Exponential
 * Smoothing" (wongsteve.com/Exponential_Smoothing.htm), alpha = 0.3, sales
 * 99 88 50 58 62 60 55 62 71 65: forecasts 99.0 95.7 82.0 74.8 71.0 67.7
 * 63.9 63.3 65.6, MSE 365.80, standard error 19.1, and "Forecast Period 11 =
 * 0.3 x 65 + 0.7 x 65.6 = 65.42" (the page rounds each forecast to one
 * decimal; unrounded the period-11 forecast is 65.4307 and the MSE 365.802).
 */
START_TEST(ses_matches_wong_example)
{
	double y[10] = {99, 88, 50, 58, 62, 60, 55, 62, 71, 65};
	double rmse;
	double f = bp_forecast_ses(y, 10, 0.3, &rmse);
	ck_assert_msg(fabs(f - 65.42) < 0.02, "SES %.4f, expected 65.42", f);
	ck_assert_msg(fabs(rmse * rmse - 365.80) < 0.01, "MSE %.3f, expected 365.80", rmse * rmse);
	ck_assert_msg(fabs(rmse - 19.1) < 0.05, "RMSE %.3f, expected 19.1", rmse);
}
END_TEST

START_TEST(croston_rmse_is_one_step_ahead)
{
	/* y = 0 2 0 2, alpha 0.5: after t=1 the forecast is 2/2 = 1, so the
	 * errors at t=2 and t=3 are -1 and +1 (the size and interval stay 2). */
	double y[4] = {0, 2, 0, 2};
	double rmse;
	double f = bp_forecast_croston(y, 4, 0.5, 0, &rmse);
	ck_assert_msg(fabs(f - 1) < 1e-12, "forecast %.6f, expected 1", f);
	ck_assert_msg(fabs(rmse - 1) < 1e-12, "rmse %.6f, expected 1", rmse);
}
END_TEST

START_TEST(classify_by_adi_and_cv2)
{
	double adi, cv2;
	/* lubricant: 24 months / 7 demands = 3.43; sizes mean 32/7, variance
	 * 11.102, CV^2 = 11.102 / 20.898 = 0.531: lumpy. */
	enum bp_demand_class c = bp_forecast_classify(lubricant, 24, &adi, &cv2);
	ck_assert_msg(c == BP_DEMAND_LUMPY, "lubricant is %s", bp_demand_class_name(c));
	ck_assert_msg(fabs(adi - 24.0 / 7) < 1e-9, "ADI %.4f", adi);
	ck_assert_msg(fabs(cv2 - 0.53125) < 1e-9, "CV2 %.5f", cv2);

	double smooth[6] = {5, 6, 5, 4, 5, 6};
	c = bp_forecast_classify(smooth, 6, &adi, &cv2);
	ck_assert_msg(c == BP_DEMAND_SMOOTH, "smooth is %s (adi %.2f cv2 %.3f)",
		      bp_demand_class_name(c), adi, cv2);
	/* mean 5.5, variance 20.25: CV^2 0.669 */
	double erratic[6] = {1, 10, 1, 10, 1, 10};
	c = bp_forecast_classify(erratic, 6, &adi, &cv2);
	ck_assert_msg(c == BP_DEMAND_ERRATIC, "erratic is %s (cv2 %.3f)", bp_demand_class_name(c),
		      cv2);
	double intermittent[9] = {0, 0, 3, 0, 0, 3, 0, 0, 4};
	c = bp_forecast_classify(intermittent, 9, &adi, &cv2);
	ck_assert_msg(c == BP_DEMAND_INTERMITTENT, "intermittent is %s (adi %.2f cv2 %.3f)",
		      bp_demand_class_name(c), adi, cv2);
	double none[4] = {0};
	ck_assert_int_eq(bp_forecast_classify(none, 4, NULL, NULL), BP_DEMAND_NONE);
	ck_assert_int_eq(bp_forecast_classify(NULL, 0, NULL, NULL), BP_DEMAND_NONE);
}
END_TEST

START_TEST(classify_at_the_cutoffs)
{
	/* ADI exactly 1.32 counts as intermittent side (>= cut-off):
	 * 33 days with 25 demands of equal size. */
	double y[33] = {0};
	for (int i = 0; i < 25; i++)
		y[(i * 33) / 25] = 2;
	double adi;
	enum bp_demand_class c = bp_forecast_classify(y, 33, &adi, NULL);
	ck_assert_msg(fabs(adi - 1.32) < 1e-12, "ADI %.4f", adi);
	ck_assert_msg(c == BP_DEMAND_INTERMITTENT, "ADI 1.32 CV2 0 is %s",
		      bp_demand_class_name(c));
}
END_TEST

START_TEST(method_follows_class_and_history)
{
	struct bp_forecast_opts o;
	bp_forecast_opts_init(&o);
	struct bp_forecast f;
	double y[60] = {0};

	bp_forecast_series(y, 60, &o, &f);
	ck_assert_msg(f.method == BP_FC_ZERO && f.rate == 0 && f.sigma == 0,
		      "no demand: %s rate %.3f", bp_forecast_method_name(f.method), f.rate);

	bp_forecast_series(NULL, 0, &o, &f);
	ck_assert_msg(f.method == BP_FC_ZERO && f.rate == 0, "empty history: %s",
		      bp_forecast_method_name(f.method));

	/* one demand of 6 in 60 days: too few for Croston, plain mean 0.1 */
	y[10] = 6;
	bp_forecast_series(y, 60, &o, &f);
	ck_assert_msg(f.method == BP_FC_MEAN && fabs(f.rate - 0.1) < 1e-12,
		      "one demand: %s rate %.4f", bp_forecast_method_name(f.method), f.rate);

	/* short history (10 days < 28): plain mean even when it is regular */
	double shortish[10] = {1, 2, 1, 2, 1, 2, 1, 2, 1, 2};
	bp_forecast_series(shortish, 10, &o, &f);
	ck_assert_msg(f.method == BP_FC_MEAN && fabs(f.rate - 1.5) < 1e-12,
		      "short history: %s rate %.4f", bp_forecast_method_name(f.method), f.rate);
	/* sample sd of 1,2,...: sqrt(10 x 0.25 / 9) */
	ck_assert_msg(fabs(f.sigma - sqrt(2.5 / 9)) < 1e-12, "sigma %.4f", f.sigma);

	/* intermittent over 60 days: SBA */
	for (int t = 0; t < 60; t++)
		y[t] = t % 4 == 3 ? 2 : 0;
	bp_forecast_series(y, 60, &o, &f);
	ck_assert_msg(f.cls == BP_DEMAND_INTERMITTENT && f.method == BP_FC_SBA,
		      "every 4th day: %s by %s", bp_demand_class_name(f.cls),
		      bp_forecast_method_name(f.method));
	/* size 2 and interval 4 throughout: 0.95 x 2/4 */
	ck_assert_msg(fabs(f.rate - 0.475) < 1e-9, "SBA rate %.4f, expected 0.475", f.rate);

	/* smooth over 60 days: SES */
	for (int t = 0; t < 60; t++)
		y[t] = 3;
	bp_forecast_series(y, 60, &o, &f);
	ck_assert_msg(f.method == BP_FC_SES && fabs(f.rate - 3) < 1e-9 && f.sigma < 1e-9,
		      "constant 3: %s rate %.4f sigma %.4f", bp_forecast_method_name(f.method),
		      f.rate, f.sigma);
}
END_TEST

START_TEST(shop_series_fills_missing_days)
{
	struct bp_shop s;
	bp_shop_init(&s);
	struct bp_part *p = bp_shop_add_part(&s);
	strcpy(p->sku, "A");
	p = bp_shop_add_part(&s);
	strcpy(p->sku, "B");
	p = bp_shop_add_part(&s);
	strcpy(p->sku, "C");
	int date = 20000;
	/* The shop's history starts 60 days back (B's one sale). A: 2 units
	 * every 4th day; C: nothing before the date. Rows on or after the
	 * date are not history and must be ignored. */
	struct bp_demand_row *r = bp_shop_add_demand(&s);
	*r = (struct bp_demand_row){date - 60, 1, 1};
	for (int t = 0; t < 60; t++)
		if (t % 4 == 3) {
			r = bp_shop_add_demand(&s);
			*r = (struct bp_demand_row){date - 60 + t, 0, 2};
		}
	r = bp_shop_add_demand(&s);
	*r = (struct bp_demand_row){date, 0, 50};
	r = bp_shop_add_demand(&s);
	*r = (struct bp_demand_row){date + 3, 2, 50};

	struct bp_forecast_opts o;
	bp_forecast_opts_init(&o);
	struct bp_forecast f[3];
	struct bp_err err;
	bp_err_clear(&err);
	ck_assert_int_eq(bp_forecast_shop(&s, date, &o, f, NULL, &err), BP_OK);
	ck_assert_msg(f[0].days == 60 && f[0].nonzero == 15, "A: %d days, %d with demand",
		      f[0].days, f[0].nonzero);
	ck_assert_msg(f[0].method == BP_FC_SBA && fabs(f[0].rate - 0.475) < 1e-9,
		      "A: %s rate %.4f", bp_forecast_method_name(f[0].method), f[0].rate);
	ck_assert_int_eq(f[0].last_demand, date - 1);
	ck_assert_msg(f[1].method == BP_FC_MEAN && fabs(f[1].rate - 1.0 / 60) < 1e-12,
		      "B: %s rate %.4f", bp_forecast_method_name(f[1].method), f[1].rate);
	ck_assert_msg(f[2].method == BP_FC_ZERO && f[2].rate == 0 && f[2].last_demand == -1,
		      "C: %s rate %.3f last %d", bp_forecast_method_name(f[2].method), f[2].rate,
		      f[2].last_demand);

	/* lookback cuts the series */
	o.lookback = 20;
	ck_assert_int_eq(bp_forecast_shop(&s, date, &o, f, NULL, &err), BP_OK);
	ck_assert_msg(f[0].days == 20 && f[0].method == BP_FC_MEAN,
		      "lookback 20: %d days by %s", f[0].days, bp_forecast_method_name(f[0].method));

	/* a shop without history: every part forecasts zero */
	s.ndemand = 0;
	ck_assert_int_eq(bp_forecast_shop(&s, date, &o, f, NULL, &err), BP_OK);
	ck_assert_msg(f[0].days == 0 && f[0].method == BP_FC_ZERO && f[0].rate == 0,
		      "no history: %d days %s", f[0].days, bp_forecast_method_name(f[0].method));
	bp_shop_free(&s);
}
END_TEST

START_TEST(weekday_profile_by_hand)
{
	/* 4 weeks: 12 a day Monday to Friday, 6 on Saturdays, none on Sundays.
	 * 264 units in 28 days = 9.428571 a day; Monday 12 / 9.428571 =
	 * 1.272727, Saturday 0.636364, Sunday 0. Chi-square against an even
	 * spread (37.714 a weekday): 5 x 2.805 + 4.987 + 37.714 = 56.7 > 16.8. */
	double units[7] = {48, 48, 48, 48, 48, 24, 0}, prof[7];
	int days[7] = {4, 4, 4, 4, 4, 4, 4};
	ck_assert_int_eq(bp_forecast_weekday_profile(units, days, 28, prof), 1);
	ck_assert_msg(fabs(prof[0] - 12 / (264.0 / 28)) < 1e-12, "Monday %.6f", prof[0]);
	ck_assert_msg(fabs(prof[5] - 6 / (264.0 / 28)) < 1e-12, "Saturday %.6f", prof[5]);
	ck_assert_msg(prof[6] == 0, "Sunday %.6f", prof[6]);
	/* the same in 2 weeks is under the 28 days asked: flat */
	int two[7] = {2, 2, 2, 2, 2, 2, 2};
	double half[7] = {24, 24, 24, 24, 24, 12, 0};
	ck_assert_int_eq(bp_forecast_weekday_profile(half, two, 28, prof), 0);
	ck_assert_msg(prof[6] == 1 && prof[0] == 1, "short history not flat");
	/* a spread chance explains: 10 12 9 11 10 8 10 (chi-square 1.0) */
	double even[7] = {10, 12, 9, 11, 10, 8, 10};
	ck_assert_int_eq(bp_forecast_weekday_profile(even, days, 28, prof), 0);
	for (int w = 0; w < 7; w++)
		ck_assert_msg(prof[w] == 1, "weekday %d: %.3f", w, prof[w]);
}
END_TEST

START_TEST(shop_forecast_by_weekday)
{
	/* 8 weeks of the shape above, ending on a Sunday. Divided by the
	 * profile every open day is 9.428571 and Sundays drop out: 48 days of
	 * a constant, SES rate 9.428571 with no error; the forecast is 12 for
	 * a Monday, 6 for a Saturday, 0 for a Sunday. */
	struct bp_shop s;
	bp_shop_init(&s);
	struct bp_part *p = bp_shop_add_part(&s);
	strcpy(p->sku, "A");
	int date;
	ck_assert_int_eq(bp_date_parse("2026-11-23", &date), 0);
	ck_assert_int_eq(bp_weekday(date), 0);
	for (int d = date - 56; d < date; d++) {
		int w = bp_weekday(d);
		if (w == 6)
			continue;
		struct bp_demand_row *r = bp_shop_add_demand(&s);
		*r = (struct bp_demand_row){d, 0, w == 5 ? 6 : 12};
	}
	struct bp_forecast_opts o;
	bp_forecast_opts_init(&o);
	struct bp_forecast f;
	struct bp_err err;
	bp_err_clear(&err);
	ck_assert_int_eq(bp_forecast_shop(&s, date, &o, &f, NULL, &err), BP_OK);
	ck_assert_msg(f.method == BP_FC_SES && f.days == 48, "%s over %d days",
		      bp_forecast_method_name(f.method), f.days);
	ck_assert_msg(fabs(f.rate - 264.0 / 28) < 1e-9 && f.sigma < 1e-9, "rate %.6f sigma %.6f",
		      f.rate, f.sigma);
	ck_assert_msg(fabs(bp_forecast_on(&f, date) - 12) < 1e-9, "Monday %.4f",
		      bp_forecast_on(&f, date));
	ck_assert_msg(fabs(bp_forecast_on(&f, date + 5) - 6) < 1e-9, "Saturday %.4f",
		      bp_forecast_on(&f, date + 5));
	ck_assert_msg(bp_forecast_on(&f, date + 6) == 0, "Sunday %.4f",
		      bp_forecast_on(&f, date + 6));
	bp_shop_free(&s);
}
END_TEST

Suite *bp_suite_forecast(void)
{
	Suite *su = suite_create("forecast");
	TCase *tc = tcase_create("forecast");
	tcase_add_test(tc, croston_matches_fpp_lubricant);
	tcase_add_test(tc, sba_matches_fpp_lubricant);
	tcase_add_test(tc, croston_first_interval_counts_from_start);
	tcase_add_test(tc, ses_matches_wong_example);
	tcase_add_test(tc, croston_rmse_is_one_step_ahead);
	tcase_add_test(tc, classify_by_adi_and_cv2);
	tcase_add_test(tc, classify_at_the_cutoffs);
	tcase_add_test(tc, method_follows_class_and_history);
	tcase_add_test(tc, shop_series_fills_missing_days);
	tcase_add_test(tc, weekday_profile_by_hand);
	tcase_add_test(tc, shop_forecast_by_weekday);
	suite_add_tcase(su, tc);
	return su;
}
