/*
 * test_weekday.c - the weekday profile per demand class with
 * overdispersion allowed for: a lumpy class whose few large orders happen
 * to fall on some weekdays is no weekday pattern; a smooth class closed on
 * Sundays and half open on Saturdays is one, in the same shop.
 */
#include <check.h>
#include <math.h>
#include <string.h>

#include "model/shop.h"
#include "model/timeutil.h"
#include "solver/forecast.h"

Suite *bp_suite_weekday(void);

/* 8 weeks from a Monday: 2 units every day, and four orders of 40 on a
 * Thursday, a Tuesday, a Saturday and a Monday of different weeks. */
static void lumpy_weeks(double *y)
{
	for (int t = 0; t < 56; t++)
		y[t] = 2;
	y[3] += 40;
	y[15] += 40;
	y[26] += 40;
	y[35] += 40;
}

START_TEST(lumpy_orders_are_no_weekday_pattern)
{
	/* Units per weekday 56 56 16 56 16 56 16 (272, 38.857 expected each):
	 * chi-square 4 x 17.143^2 / 38.857 + 3 x 22.857^2 / 38.857 = 70.6, far
	 * above 16.8. Within their weekdays the days spread: four weekdays of
	 * seven 2s and one 42 (sum of squares about the mean 1400 each), three
	 * of eight 2s (0): 5600 / (56 - 7) = 114.3 against a mean of 4.857, a
	 * dispersion of 23.5. 70.6 / 23.5 = 3.0: chance. */
	double y[56], prof[7];
	int closed[7] = {0}, d;
	lumpy_weeks(y);
	ck_assert_int_eq(bp_date_parse("2026-09-28", &d), 0);
	ck_assert_int_eq(bp_weekday(d), 0);
	ck_assert_int_eq(bp_forecast_weekday_class(y, 56, d, closed, 28, prof), 0);
	for (int w = 0; w < 7; w++)
		ck_assert_msg(fabs(prof[w] - 1) < 1e-12, "weekday %d: %.4f", w, prof[w]);
	/* Sundays closed: flat over the six open days, 7/6 each */
	closed[6] = 1;
	for (int t = 6; t < 56; t += 7)
		y[t] = 0;
	ck_assert_int_eq(bp_forecast_weekday_class(y, 56, d, closed, 28, prof), 0);
	ck_assert_msg(prof[6] == 0 && fabs(prof[0] - 7.0 / 6) < 1e-12, "Sunday %.3f Monday %.4f",
		      prof[6], prof[0]);
	/* without the large orders, spread by weekday as a workshop's units
	 * are (12 on weekdays, 6 on Saturdays): 96 a weekday against 88
	 * expected, Saturdays 48: chi-square 5 x 64 / 88 + 1600 / 88 = 21.8
	 * over the 6 open days (5 degrees of freedom, 15.09), no dispersion
	 * within a weekday: significant. (Half the units, 10.9, would not be.) */
	for (int t = 0; t < 56; t++)
		y[t] = t % 7 == 6 ? 0 : t % 7 == 5 ? 6 : 12;
	ck_assert_int_eq(bp_forecast_weekday_class(y, 56, d, closed, 28, prof), 1);
	/* 528 units over 56 calendar days: Monday 12 / 9.4286 = 1.2727 */
	ck_assert_msg(fabs(prof[0] - 12 / (528.0 / 56)) < 1e-12, "Monday %.4f", prof[0]);
	for (int t = 0; t < 56; t++)
		y[t] = t % 7 == 6 ? 0 : t % 7 == 5 ? 3 : 6;
	ck_assert_int_eq(bp_forecast_weekday_class(y, 56, d, closed, 28, prof), 0);
}
END_TEST

START_TEST(each_class_its_own_profile)
{
	/* A smooth part with the workshop's week and a lumpy part without one,
	 * in one shop: the smooth part is forecast by weekday, the lumpy part
	 * flat over the open days. Pooled, the lumpy orders would have bent
	 * every part's profile (the shop-wide test fired on them). */
	struct bp_shop s;
	bp_shop_init(&s);
	struct bp_part *p = bp_shop_add_part(&s);
	strcpy(p->sku, "OIL");
	p = bp_shop_add_part(&s);
	strcpy(p->sku, "PUMP");
	int d0, date;
	ck_assert_int_eq(bp_date_parse("2026-09-28", &d0), 0);
	date = d0 + 56;
	double y[56];
	lumpy_weeks(y);
	for (int t = 0; t < 56; t++) {
		struct bp_demand_row *r;
		int w = t % 7;
		if (w != 6) {
			r = bp_shop_add_demand(&s);
			*r = (struct bp_demand_row){d0 + t, 0, w == 5 ? 6 : 12};
		}
		/* the lumpy part: its orders, every other day's units */
		if (w != 6 && (y[t] > 2 || t % 2 == 0)) {
			r = bp_shop_add_demand(&s);
			*r = (struct bp_demand_row){d0 + t, 1, (int)y[t]};
		}
	}
	struct bp_forecast_opts o;
	bp_forecast_opts_init(&o);
	struct bp_forecast f[2];
	struct bp_err err;
	bp_err_clear(&err);
	ck_assert_int_eq(bp_forecast_shop(&s, date, &o, f, NULL, &err), BP_OK);
	ck_assert_msg(f[0].cls == BP_DEMAND_SMOOTH, "OIL is %s", bp_demand_class_name(f[0].cls));
	ck_assert_msg(f[1].cls == BP_DEMAND_LUMPY, "PUMP is %s", bp_demand_class_name(f[1].cls));
	ck_assert_msg(f[0].weekday[5] < 0.7 && f[0].weekday[0] > 1.2 && f[0].weekday[6] == 0,
		      "OIL: Saturday %.3f Monday %.3f Sunday %.3f", f[0].weekday[5],
		      f[0].weekday[0], f[0].weekday[6]);
	for (int w = 0; w < 6; w++)
		ck_assert_msg(fabs(f[1].weekday[w] - 7.0 / 6) < 1e-12, "PUMP weekday %d: %.4f", w,
			      f[1].weekday[w]);
	ck_assert_msg(f[1].weekday[6] == 0, "PUMP on Sunday %.3f", f[1].weekday[6]);
	bp_shop_free(&s);
}
END_TEST

Suite *bp_suite_weekday(void)
{
	Suite *s = suite_create("weekday");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, lumpy_orders_are_no_weekday_pattern);
	tcase_add_test(tc, each_class_its_own_profile);
	suite_add_tcase(s, tc);
	return s;
}
