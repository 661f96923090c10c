/*
 * reorder_int.h - what the reorder solver's files share (not public): the
 * model of one reorder run, a solution, and the stock arithmetic. Times are
 * absolute minutes, day x 1440 + clock minute.
 *   reorder.c       the entry point: demand, slots, the answer
 *   reorder_ip.c    the GLPK integer program
 *   reorder_heur.c  a primal heuristic that gives the program an incumbent
 */
#ifndef BP_REORDER_INT_H
#define BP_REORDER_INT_H

#include "model/err.h"
#include "model/reorder.h"
#include "model/shop.h"
#include "forecast.h"
#include "reorder.h"

#define RO_DAY 1440

struct ro_need {               /* one job's need of one part */
	int job, part, qty;
	int t;                 /* absolute minute */
	int ji;                /* index into ro_model.jobs */
};

struct ro_job {                /* a job that needs parts in the horizon */
	int job;
	int t;                 /* when it needs them */
	int booked_t;          /* when its booking needs them; t is later when
				  no order can reach the booking in time */
	int late_part;         /* the part that moved it, -1 none */
	double value;          /* penalty when it is left without a part */
	int fixed;             /* -1 the program decides, 0 goes without, 1 served */
	int early;             /* needs a part before an order could arrive */
	int impossible;        /* ... and more of it than there is */
	unsigned classes;      /* supply classes of its parts, as bits */
	double worst;          /* most its parts could cost, runs included */
	int col;               /* its u column; 0 when fixed */
};

struct ro_part {
	int active;            /* an order could help: it gets columns */
	int pack;              /* >= 1 */
	double ss;
	double unbooked[BP_REORDER_MAX_DAYS];  /* per day, by the weekday profile */
	int booked;            /* units booked jobs need in the horizon */
	int upper;             /* packs per order at most */
	int first, n;          /* its needs: needs[first .. first + n - 1], by time */
	int xoff;              /* offset of its slots in ro_sol.packs */
	int xcol, zcol, scol;  /* first GLPK columns; zcol 0 = no z */
};

struct ro_sol {
	int *packs;            /* per active part and slot of its class */
	unsigned char *covered;/* per ro_model.jobs */
	double *short_units;   /* per part and day: most units below safety stock
				  at any of the day's checks */
	enum bp_run_status status;
	double obj, bound;     /* penalties no order can avoid included */
};

struct ro_model {
	const struct bp_shop *s;
	int date, days;
	int now;                       /* clamped into opening hours */
	int end;                       /* the last day's close */
	int open, close;
	int earliest[BP_SUPPLIES];     /* first possible arrival from now */
	int first_use[BP_SUPPLIES];    /* the first opening a job can use it */
	int nslots[BP_SUPPLIES];
	int *slots[BP_SUPPLIES];       /* candidate arrival times, ascending;
					  slots[c][0] is earliest[c] */
	int ycol[BP_SUPPLIES];
	struct ro_need *needs;         /* by part, then time */
	int nneeds;
	struct ro_job *jobs;
	int njobs;
	struct ro_part *parts;         /* one per shop part */
	struct bp_forecast *fc;
	struct bp_fc_sizes sizes;      /* per part: non-zero daily quantities */
	int nx;                        /* size of ro_sol.packs */
	int ncols;
	int *ind;                      /* GLPK row buffers, ncols + 1 */
	double *val;
	double *colval;                /* an incumbent's column values, ncols + 1 */
	int *save_type;                /* column bounds kept while RINS fixes them */
	double *save_lo, *save_hi;
	double deadline;               /* bp_clock() at which the time limit ends */
	double t0;                     /* bp_clock() at the start */
	double *reported;              /* ... at the last report (the solve's own) */
	bp_reorder_progress_fn progress;
	void *progress_arg;
	int cut;                       /* the limit cut the safety stock short */
};

/* Has the time limit run out? The heuristic's searches look every few
 * hundred part evaluations, between moves, so a cut answer is always a
 * whole one. */
int bp_ro_past_deadline(const struct ro_model *m);
/* A progress report when a second has passed since the last. */
void bp_ro_report(const struct ro_model *m, double incumbent, double bound);

/* On hand plus what is already on order and has arrived by t. */
int bp_ro_supply_by(const struct bp_part *p, int t);
/* Unbooked demand of part p consumed from now to t. */
double bp_ro_fc_by(const struct ro_model *m, int p, int t);
/* Units of part p that the covered jobs take by t. */
int bp_ro_jobs_by(const struct ro_model *m, const unsigned char *covered, int p, int t);
int bp_ro_day_close(const struct ro_model *m, int d);
/* Safety stock is checked the moment before each candidate delivery time
 * of the part's class (a close is one): stock only falls between
 * deliveries, so those are its lows, and what arrives at that moment has
 * not served the demand before it. The day (0 to days - 1) whose
 * shortfall column a check at t uses. */
int bp_ro_check_day(const struct ro_model *m, int t);
/* Days from arrival to the end of the horizon: what holding is charged on. */
double bp_ro_held_days(const struct ro_model *m, int arrive);
/* What buying a unit costs the shop is holding it, not its price: a part
 * used by a job or by the forecast demand is sold on with the job, and
 * one left at the horizon's end is still on the shelf. Charging the price
 * (as this program once did) against a shortfall penalty of 20 a unit
 * meant that no part dearer than about 60 was ever stocked for unbooked
 * demand. Holding runs from arrival to the horizon's end plus a day (the
 * stock waits at least for the next list); a sliver of the price breaks
 * ties when holding is free, so nothing is bought for nothing. */
#define BP_RO_PRICE_SHARE 1e-4
/* Cost of one unit of part p arriving at t in the objective. */
double bp_ro_unit_cost(const struct ro_model *m, int p, int t);
/* What the program charges for a delivery run of class c at slot k: the
 * fee when it must be ordered before the next daily list; a share of it
 * when it arrives late enough for that list to order it. */
#define BP_RO_LATER_FEE_SHARE 0.1
double bp_ro_run_fee(const struct ro_model *m, int c, int k);
/* The program's fees for the runs a solution uses. */
double bp_ro_runs_fee(const struct ro_model *m, const struct ro_sol *x);
/* Penalty of the jobs that no order can serve. */
double bp_ro_lost(const struct ro_model *m);
/* Decide the jobs the program need not (see reorder_ip.c) and number the
 * columns; budgeted: a budget may drop any job. */
void bp_ro_fix_jobs(struct ro_model *m, int budgeted);

int bp_ro_sol_alloc(const struct ro_model *m, struct ro_sol *x);
void bp_ro_sol_free(struct ro_sol *x);
void bp_ro_sol_copy(const struct ro_model *m, struct ro_sol *dst, const struct ro_sol *src);
int bp_ro_runs_used(const struct ro_model *m, const struct ro_sol *x);
double bp_ro_spend(const struct ro_model *m, const struct ro_sol *x);

/* Solve with GLPK within `iters` simplex iterations (the work limit: the
 * same answer at any machine load) and tlim seconds (a guard the work
 * limit should reach first); inc (may be NULL) is a feasible answer handed
 * in as the incumbent and kept when GLPK finds nothing better. With
 * `better` (scratch of the same shape), a RINS step around inc runs first.
 * BP_OK, or BP_EINTERNAL when GLPK failed. */
int bp_ro_run_ip(struct ro_model *m, double budget, double tlim, long iters, double gap,
		 const struct ro_sol *inc, struct ro_sol *better, struct ro_sol *x,
		 struct bp_err *err);

/* The LP relaxation's u per job (served[j] in [0, 1]; fixed jobs as fixed;
 * -1 for all when the LP did not solve in its limits). BP_OK or
 * BP_EINTERNAL. */
int bp_ro_lp_served(struct ro_model *m, double budget, double tlim, long iters,
		    double *served, struct bp_err *err);

/* Heuristic answers: without a budget, delivery runs picked by local search;
 * with one, the delivery runs of the unbudgeted answer, filled within the
 * budget with jobs in the order of `served` (the LP's, or NULL), then safety
 * stock. `work` bounds the part evaluations (one part's orders for a set of
 * runs): a count, not seconds, so that the answer does not depend on how
 * busy the machine is. 0 ok, -1 out of memory. */
int bp_ro_heur_ideal(struct ro_model *m, long work, struct ro_sol *best);
int bp_ro_heur_budget(struct ro_model *m, const struct ro_sol *ideal, const double *served,
		      double budget, long work, struct ro_sol *best);

#endif
