/*
 * sched.h - the next-day schedule: which job runs on which bay, by which
 * technician, at what time. A time-indexed integer program over classes of
 * interchangeable technicians and bays, solved by GLPK with our own
 * incumbents; people and bays are named afterwards by interval colouring.
 */
#ifndef BP_SCHED_H
#define BP_SCHED_H

#include "model/err.h"
#include "model/plan.h"
#include "model/shop.h"

/* Called about once a second while the solver runs (no I/O in solver/:
 * the caller decides where progress goes). bound is +inf before the LP. */
typedef void (*bp_sched_progress_fn)(void *arg, double incumbent, double bound, double gap,
				     double seconds);

struct bp_sched_opts {
	double time_limit;          /* seconds for the whole solve (default 30) */
	double gap;                 /* stop within this relative gap (default 0.005) */
	int now;                    /* re-plan from this clock minute; -1 = whole day */
	const struct bp_assignment *fixed; /* work already under way (with now) */
	int nfixed;
	int use_mip;                /* 0: heuristic only (for tests and comparisons) */
	bp_sched_progress_fn progress;
	void *progress_arg;
	int fault_for_test;         /* 1: make an invalid GLPK call after the root LP,
				       to prove the error hook holds (tests only) */
	double abandon_at;          /* > 0: bp_clock seconds after which building the
				       model stops half done (the earliest-date search,
				       which then tries no more days); 0 = never */
	const unsigned char *probe; /* per shop job, or NULL: 1 = a trial job worth almost
				       nothing, so that it never displaces a booking
				       (the earliest-date search) */
};

struct bp_sched_stats {
	int jobs, columns, rows, nonzeros;
	int columns_kept;           /* in the branch-and-bound, after reduced-cost fixing */
	int tech_classes, bay_classes;
	double heuristic_value;     /* the construction + local search plan */
	double fcfs_value;          /* first come, first served dispatch, for comparison */
	double fcfs_weighted;       /* its jobs done, each at its tier weight */
	double lp_bound;            /* root LP relaxation */
	double seconds;
	char warning[600];          /* "" or why the plan is only the heuristic's */
};

void bp_sched_opts_init(struct bp_sched_opts *o);

/* Plan `date` for shop `s` into `plan` (bp_plan_init'ed by the caller).
 * Returns BP_OK when it ran (plan->status says optimal, feasible or
 * time_limit), or a BP_E* code with err filled (GLPK failure, no memory). */
int bp_sched_solve(const struct bp_shop *s, int date, const struct bp_sched_opts *o,
		   struct bp_plan *plan, struct bp_sched_stats *stats, struct bp_err *err);

/* Honest earliest dates. For each job `plan` leaves out, the first date
 * after the plan's (within `horizon` days: 14 by default) on which it would
 * fit beside the bookings already there, the roster, closures and work
 * carried over of that day as the store has them: earliest_date, or -1 and
 * "none within N days" and why appended to the detail. `all` is the shop as
 * the store holds it (every date; learned durations applied as for the
 * plan); `day_shop` is the plan's day view, whose indexes the plan uses. */
#define BP_EARLIEST_HORIZON 14

/* Monotonic seconds, for timing solves. */
double bp_clock(void);
int bp_sched_earliest(const struct bp_shop *all, const struct bp_shop *day_shop,
		      struct bp_plan *plan, int horizon, struct bp_err *err);
/* The same, trying no further date after `deadline` (bp_clock seconds): the
 * jobs not placed by then say how far the search got. */
int bp_sched_earliest_until(const struct bp_shop *all, const struct bp_shop *day_shop,
			    struct bp_plan *plan, int horizon, double deadline,
			    struct bp_err *err);

/* Build the model for `date` and write it in CPLEX LP format to `path`.
 * This is the one place solver/ touches a file, on the caller's request,
 * through GLPK's writer, so other solvers can be compared on the same model.
 * GLPK formats the name into a 4096-byte message buffer and aborts the
 * process when it does not fit, so a longer name than
 * BP_SCHED_LP_PATH_MAX bytes is BP_EUSAGE here, before GLPK sees it. */
#define BP_SCHED_LP_PATH_MAX 3072
int bp_sched_write_lp(const struct bp_shop *s, int date, const struct bp_sched_opts *o,
		      const char *path, struct bp_err *err);

#endif
