/*
 * reorder.h - the parts reorder list: known demand of booked jobs (timed by
 * the day's plan), a forecast of unbooked demand, safety stock, and a GLPK
 * integer program that picks order quantities and times at least cost:
 * packs per part and candidate arrival time (integer), a delivery run per
 * supply class and time (binary, the fee), served or not per job (binary,
 * the missing-part penalty), units below safety stock at each close; stock
 * covers the served jobs at their times and safety stock plus unbooked
 * demand at each close; minimum orders, an optional budget. Cost: parts with
 * holding until the horizon's end, fees, penalties (docs-reorder.md).
 *
 *	struct bp_reorder_opts o;
 *	bp_reorder_opts_init(&o);
 *	struct bp_reorder r;
 *	bp_reorder_init(&r);
 *	rc = bp_reorder_solve(&shop, date, &plan_or_NULL, &o, &r, &err);
 *	... r.status, r.lines ...
 *	bp_reorder_free(&r);
 */
#ifndef BP_SOLVER_REORDER_H
#define BP_SOLVER_REORDER_H

#include "model/err.h"
#include "model/plan.h"
#include "model/reorder.h"
#include "model/shop.h"

/* Progress during a solve, about once a second: the best list's cost and
 * the bound so far (NAN while there is none), seconds since the start.
 * Only reports: the answer never depends on when it is called. */
typedef void (*bp_reorder_progress_fn)(void *arg, double incumbent, double bound, double seconds);

struct bp_reorder_opts {
	int days;               /* horizon from the date, 1..BP_REORDER_MAX_DAYS (3) */
	int now_day, now_min;   /* orders no earlier than this; now_day -1: the day
				   before the date, at close */
	double budget;          /* most to spend on parts and deliveries; < 0: none */
	double time_limit;      /* seconds for the solve (30), model building
				   included: the work limits below end the
				   search first at the default, so that the
				   list does not depend on machine load; a
				   shorter limit is a promise (status
				   time_limit, the best list so far: safety
				   stock by the normal approximation for the
				   parts not reached) */
	bp_reorder_progress_fn progress;   /* NULL: none */
	void *progress_arg;
	long heur_work;         /* part evaluations the heuristics may use */
	long mip_iters;         /* simplex iterations per GLPK program */
	int mip_cols;           /* programs with more columns are not given to
				   GLPK: the heuristic's answer stands */
	double gap;             /* relative MIP gap to stop at (0.005) */
	double alpha;           /* smoothing constant of the forecasts (0.1) */
	int min_history_days;   /* shorter history: plain mean (28) */
};

/* The default work limits: measured to end well within the time limit on
 * one core (bench/README.md, "bp-scale"). */
#define BP_REORDER_HEUR_WORK 4000000L
#define BP_REORDER_MIP_ITERS 200000L
#define BP_REORDER_MIP_COLS 15000

void bp_reorder_opts_init(struct bp_reorder_opts *o);

/* Solve the reorder list for `days` days from `date`. `plan` (may be NULL)
 * is the latest plan for `date`: its start times time the day's needs, and
 * its unscheduled jobs need no part that day unless the reason is parts
 * (then the part is needed on the job's earliest date). `out` must be
 * bp_reorder_init'ed. Returns BP_OK when the solve ran (out->status says
 * optimal, feasible, time_limit or failed), BP_EUSAGE for bad options,
 * BP_EINTERNAL when GLPK or memory failed. */
int bp_reorder_solve(const struct bp_shop *s, int date, const struct bp_plan *plan,
		     const struct bp_reorder_opts *o, struct bp_reorder *out,
		     struct bp_err *err);

#endif
