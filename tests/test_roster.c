/*
 * test_roster.c - roster changes as the day view applies them: an absence
 * that runs to the end of a shift leaves no overtime after it, one in the
 * middle becomes a break, one at the start moves the start.
 */
#include <check.h>
#include <string.h>

#include "model/day.h"
#include "plan_fixture.h"

Suite *bp_suite_roster(void);

/* Is [a, b) blocked by one of technician t's breaks? */
static int blocked(const struct bp_technician *t, int a, int b)
{
	for (int i = 0; i < t->nbreaks; i++)
		if (t->breaks[i].start <= a && t->breaks[i].end >= b)
			return 1;
	return 0;
}

static void off(struct bp_shop *s, const char *tech, int date, int from, int to)
{
	struct bp_roster_change *c = bp_shop_add_roster(s);
	ck_assert_ptr_nonnull(c);
	c->tech = bp_shop_tech(s, tech);
	c->date = date;
	c->kind = BP_ROSTER_OFF;
	c->span = (struct bp_span){from, to};
}

START_TEST(absences_reshape_the_shift)
{
	struct bp_shop s;
	struct bp_day d;
	struct bp_err err = {0};
	int date;
	bp_date_parse(BP_FIXTURE_DATE, &date);
	ck_assert_int_eq(bp_fixture_shop(&s), 0);
	s.info.overtime_minutes = 60;
	off(&s, "T1", date, 15 * 60, 17 * 60);         /* 08:00-17:00: the rest of the day */
	off(&s, "T3", date, 9 * 60, 10 * 60);          /* 09:00-18:00: the first hour */
	off(&s, "T4", date, 14 * 60, 15 * 60);         /* 08:00-17:00: the middle */
	off(&s, "T2", date + 1, 7 * 60 + 30, 16 * 60 + 30);   /* another day */
	ck_assert_int_eq(bp_day_prepare(&s, date, -1, &d, &err), BP_OK);
	const struct bp_technician *t1 = &s.techs[bp_shop_tech(&s, "T1")];
	ck_assert_int_eq(t1->shift.end, 15 * 60);
	ck_assert_msg(blocked(t1, 15 * 60, 18 * 60), "T1 could work overtime after leaving");
	const struct bp_technician *t3 = &s.techs[bp_shop_tech(&s, "T3")];
	ck_assert_int_eq(t3->shift.start, 10 * 60);
	ck_assert(!blocked(t3, 18 * 60, 19 * 60));     /* overtime after a full end stays */
	const struct bp_technician *t4 = &s.techs[bp_shop_tech(&s, "T4")];
	ck_assert(t4->shift.start == 8 * 60 && t4->shift.end == 17 * 60);
	ck_assert(blocked(t4, 14 * 60, 15 * 60));
	ck_assert_int_eq(d.techs_off, 0);
	ck_assert_int_eq(s.ntechs, 4);
	bp_day_free(&d);
	bp_shop_free(&s);
}
END_TEST

Suite *bp_suite_roster(void)
{
	Suite *s = suite_create("roster");
	TCase *tc = tcase_create("roster");
	tcase_add_test(tc, absences_reshape_the_shift);
	suite_add_tcase(s, tc);
	return s;
}
