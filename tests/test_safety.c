/*
 * test_safety.c - inverse normal CDF against table values, lead time in
 * working days, the days a daily list must cover, and safety stock for
 * hand-computed cases.
 */
#include <check.h>
#include <math.h>

#include "model/shop.h"
#include "solver/safety.h"

Suite *bp_suite_safety(void);

START_TEST(z_matches_normal_table)
{
	/* standard normal quantiles (any statistics table, to 9+ digits) */
	static const struct {
		double p, z;
	} t[] = {
		{0.5, 0},
		{0.8413447460685429, 1},
		{0.9, 1.2815515655446004},
		{0.95, 1.6448536269514722},
		{0.975, 1.9599639845400538},
		{0.99, 2.3263478740408408},
		{0.999, 3.0902323061678132},
		{0.01, -2.3263478740408408},     /* lower tail branch */
		{0.001, -3.0902323061678132},
		{0.02, -2.0537489106318225},     /* just below the tail cut-off */
		{0.03, -1.8807936081512509},     /* just above it */
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		double z = bp_safety_z(t[i].p);
		ck_assert_msg(fabs(z - t[i].z) < 1e-9, "z(%.4f) = %.12f, expected %.12f", t[i].p, z,
			      t[i].z);
	}
	/* symmetric, and finite at the clamps */
	ck_assert_msg(fabs(bp_safety_z(0.3) + bp_safety_z(0.7)) < 1e-12, "z(0.3) != -z(0.7)");
	ck_assert_msg(isfinite(bp_safety_z(0)) && isfinite(bp_safety_z(1)), "clamps");
}
END_TEST

START_TEST(lead_days_in_opening_hours)
{
	struct bp_shop s;
	bp_shop_init(&s); /* 07:30-18:00: 10.5 h; leads 4 h and 48 h */
	double c = bp_safety_lead_days(&s, BP_SUPPLY_COMMON);
	double r = bp_safety_lead_days(&s, BP_SUPPLY_RARE);
	ck_assert_msg(fabs(c - 4 / 10.5) < 1e-12, "common lead %.4f days, expected 0.381", c);
	ck_assert_msg(fabs(r - 2) < 1e-12, "rare lead %.4f days, expected 2", r);
	s.info.lead_hours[BP_SUPPLY_RARE] = 72;
	r = bp_safety_lead_days(&s, BP_SUPPLY_RARE);
	ck_assert_msg(fabs(r - 3) < 1e-12, "72 h lead %.4f days, expected 3", r);
	bp_shop_free(&s);
}
END_TEST

START_TEST(cover_is_lead_plus_review)
{
	struct bp_shop s;
	bp_shop_init(&s);
	/* an order placed now is the last until the next daily list's orders
	 * arrive: one review day plus the lead */
	double c = bp_safety_cover_days(&s, BP_SUPPLY_COMMON);
	double r = bp_safety_cover_days(&s, BP_SUPPLY_RARE);
	ck_assert_msg(fabs(c - (1 + 4 / 10.5)) < 1e-12, "common cover %.4f, expected 1.381", c);
	ck_assert_msg(fabs(r - 3) < 1e-12, "rare cover %.4f, expected 3", r);
	bp_shop_free(&s);
}
END_TEST

START_TEST(safety_stock_by_hand)
{
	struct bp_shop s;
	bp_shop_init(&s);
	struct bp_part p = {0};
	p.service_level = 0.95;
	p.safety_stock = -1;
	p.supply = BP_SUPPLY_COMMON;
	/* over lead + review: 1.644854 x 2 x sqrt(4/10.5 + 1) = 1.644854 x 2 x 1.175139
	 * = 3.865864 (the lead alone, sqrt(4/10.5), gave 2.030451: too little
	 * for a list drawn up once a day) */
	double ss = bp_safety_stock(&s, &p, 2);
	ck_assert_msg(fabs(ss - 3.865864) < 1e-6, "common ss %.6f, expected 3.865864", ss);
	/* 1.644854 x 2 x sqrt(2 + 1) = 5.697940 */
	p.supply = BP_SUPPLY_RARE;
	ss = bp_safety_stock(&s, &p, 2);
	ck_assert_msg(fabs(ss - 5.697940) < 1e-6, "rare ss %.6f, expected 5.697940", ss);
	/* 0.99: 2.326348 x 1.5 x sqrt(3) = 6.044029 */
	p.service_level = 0.99;
	ss = bp_safety_stock(&s, &p, 1.5);
	ck_assert_msg(fabs(ss - 6.044029) < 1e-6, "rare 0.99 ss %.6f, expected 6.044029", ss);
	/* no service level on the part: the policy's 0.95 */
	p.service_level = 0;
	ss = bp_safety_stock(&s, &p, 2);
	ck_assert_msg(fabs(ss - 5.697940) < 1e-6, "policy level ss %.6f", ss);
	/* no forecast error: no safety stock */
	ck_assert_msg(bp_safety_stock(&s, &p, 0) == 0, "sigma 0 gives %.3f",
		      bp_safety_stock(&s, &p, 0));
	/* a level below one half would ask for negative stock: none */
	p.service_level = 0.3;
	ck_assert_msg(bp_safety_stock(&s, &p, 2) == 0, "level 0.3 gives %.3f",
		      bp_safety_stock(&s, &p, 2));
	/* the part's own figure wins, zero included */
	p.safety_stock = 7;
	ck_assert_msg(bp_safety_stock(&s, &p, 2) == 7, "fixed 7");
	p.safety_stock = 0;
	ck_assert_msg(bp_safety_stock(&s, &p, 2) == 0, "fixed 0");
	bp_shop_free(&s);
}
END_TEST

Suite *bp_suite_safety(void)
{
	Suite *su = suite_create("safety");
	TCase *tc = tcase_create("safety");
	tcase_add_test(tc, z_matches_normal_table);
	tcase_add_test(tc, cover_is_lead_plus_review);
	tcase_add_test(tc, lead_days_in_opening_hours);
	tcase_add_test(tc, safety_stock_by_hand);
	suite_add_tcase(su, tc);
	return su;
}
