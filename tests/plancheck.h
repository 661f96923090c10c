/*
 * plancheck.h - an independent checker of every hard rule of a plan,
 * written apart from the solver so that it can catch the solver's mistakes.
 */
#ifndef BP_PLANCHECK_H
#define BP_PLANCHECK_H

#include <stddef.h>

#include "model/plan.h"

/* 0 when the plan keeps every rule; else -1 and `why` says which. */
int bp_plancheck(const struct bp_shop *s, const struct bp_plan *p, char *why, size_t n);
/* The same for a plan made on the store's facts: jobs marked in `fact`
 * (done or under way) keep their recorded times and are checked only for
 * clashes with planned work, and parts of done jobs have already left
 * stock. */
int bp_plancheck_day(const struct bp_shop *s, const struct bp_plan *p,
		     const unsigned char *fact, char *why, size_t n);

#endif
