/*
 * plan_fixture.h - a small shop and a next-day plan built in code, for the
 * writer tests (and any suite that needs a plausible plan without a solve).
 */
#ifndef BP_PLAN_FIXTURE_H
#define BP_PLAN_FIXTURE_H

#include "model/plan.h"

/* The plan's date: 2026-11-24, a Tuesday. */
#define BP_FIXTURE_DATE "2026-11-24"

/* Four bays of three types, four technicians (T4 has no work), five
 * services whose names hold commas, quotes, semicolons and CJK text; nine
 * jobs for the date (one with the id "R<1&2>"), one for the next day.
 * The plan schedules seven (one late, one in overtime, one waiting for
 * parts, two waiting customers) and leaves two unscheduled.
 * 0 ok, -1 out of memory (s and p are then still safe to free). */
int bp_fixture_shop(struct bp_shop *s);
int bp_fixture_plan(const struct bp_shop *s, struct bp_plan *p);

#endif
