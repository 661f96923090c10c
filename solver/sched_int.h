/*
 * sched_int.h - what the schedule's parts share inside solver/: the classes,
 * the candidate placements (columns) and the capacity bookkeeping that both
 * the heuristic and the GLPK callback work on.
 */
#ifndef BP_SCHED_INT_H
#define BP_SCHED_INT_H

#include "sched.h"

/* Interchangeable technicians: same skills, shift, breaks and costs. */
struct bp_tclass {
	int rep;                    /* a member, for its attributes */
	int count;
	int *members;               /* technician indexes */
};

/* Interchangeable bays: same type and closed periods. */
struct bp_bclass {
	int rep;
	int count;
	int *members;
};

/* One way to do a job: technician class, bay class, start slot. */
struct bp_col {
	int job;                    /* index into the model's job list (not the shop's) */
	int tc, bc;
	int s, d;                   /* start slot, slots occupied */
	int minutes;                /* real duration */
	double value;               /* objective contribution */
};

/* A stock row: jobs starting before `before` (minute) may use at most `cap`
 * units of `part` in total. */
struct bp_stock_row {
	int part;
	int before;
	int cap;
};

struct bp_mjob {
	int job;                    /* shop index */
	int c0, c1;                 /* its columns: [c0, c1) */
	double base;                /* tier weight x job value */
	int ready;                  /* minute its parts are there for it alone; -1 = at open */
};

struct bp_model {
	const struct bp_shop *shop;
	int date;
	int origin, len, nslots;    /* slot k starts at origin + k*len */
	int ntc, nbc;
	struct bp_tclass *tc;
	struct bp_bclass *bc;
	int *tech_class;            /* technician -> class */
	int *bay_class;             /* bay -> class */
	unsigned char *tc_cap;      /* [tc * nslots + t] capacity after fixed work */
	unsigned char *bc_cap;
	int njobs;
	struct bp_mjob *jobs;
	int ncols, capcols;
	struct bp_col *cols;
	int nstock;
	struct bp_stock_row *stock;
	/* For each column, the stock rows it draws on, as a CSR list with qty. */
	int *srow_start;            /* ncols + 1 */
	int *srow_idx, *srow_qty;
	const struct bp_sched_opts *opts;
	double t0;                  /* when the solve started (bp_clock) */
};

/* Build classes and columns; jobs that cannot be done at all go straight
 * into plan->unsched with their reason. */
int bp_sched_build(struct bp_model *m, const struct bp_shop *s, int date,
		   const struct bp_sched_opts *o, struct bp_plan *plan, struct bp_err *err);
void bp_sched_model_free(struct bp_model *m);

/* Capacity bookkeeping for a partial schedule. */
struct bp_state {
	const struct bp_model *m;
	unsigned char *tuse, *buse; /* [class * nslots + t] */
	int *stock_use;             /* per stock row */
	int *chosen;                /* per model job: column or -1 */
	double value;
};

int bp_state_init(struct bp_state *st, const struct bp_model *m);
void bp_state_free(struct bp_state *st);
void bp_state_clear(struct bp_state *st);
void bp_state_copy(struct bp_state *dst, const struct bp_state *src);
int bp_state_fits(const struct bp_state *st, int col);
void bp_state_add(struct bp_state *st, int col);
void bp_state_remove(struct bp_state *st, int job);

/* Greedy construction; local search for at most `iters` ruin-and-recreate
 * steps (so equal inputs give equal plans), stopping early at `deadline`
 * (monotonic seconds) on large days. */
void bp_sched_construct(struct bp_state *st, const int *order);
void bp_sched_improve(struct bp_state *st, double deadline, long iters);
/* Priority order of jobs for the construction. */
void bp_sched_priority(const struct bp_model *m, int *order);
/* Value per slot of work first: the better order when the day is overbooked. */
void bp_sched_priority_density(const struct bp_model *m, int *order);

/* Name technicians and bays for the chosen columns (interval colouring)
 * and append assignments to the plan. */
int bp_sched_name(const struct bp_model *m, const struct bp_state *st, struct bp_plan *plan,
		  struct bp_err *err);

/* The GLPK phase: root LP, then branch-and-bound fed with incumbents from
 * `best` (improved in place). Fills the bound, status and stats. */
struct bp_mip_result {
	double bound;
	int stopped_by_time;        /* time limit (ours or GLPK's) */
	int proven;                 /* search finished or gap closed */
	int rows, nonzeros;
	int columns_kept;            /* after reduced-cost fixing */
	double lp_bound;
};
int bp_sched_mip(const struct bp_model *m, struct bp_state *best, double deadline,
		 struct bp_mip_result *res, struct bp_err *err);
/* Sum over jobs of their best column: a bound that needs no LP. */
double bp_sched_trivial_bound(const struct bp_model *m);
int bp_sched_mip_write(const struct bp_model *m, const char *path, struct bp_err *err);

#endif
