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

/* One way to do a job: technician class, bay class, start slot. The bay is
 * held over slots [s, s + d); the technician over [s, s + dt) less their
 * break slots (capacity BP_BREAK_CAP there, so that their work pauses and
 * nobody counts it). A job longer than the class's whole day stops at the
 * end of the shift (dt < d: the bay stays taken to the end of the day) and
 * continues on the next working day. */
struct bp_col {
	int job;                    /* index into the model's job list (not the shop's) */
	int tc, bc;
	int s, d, dt;               /* start slot; slots the bay, the technician holds */
	int minutes;                /* work done today */
	int end;                    /* clock minute the work stops today */
	int carry;                  /* work minutes left for the next working day */
	double value;               /* objective contribution */
};

/* A technician class's capacity in its break slots: more than any count,
 * so that no row is ever needed there. */
#define BP_BREAK_CAP 255

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
	int ac;                     /* check-in class (first instant it can be received
				       at); -1 = needs no check-in */
	int loan;                   /* takes a loan car from slot l0 on */
	int l0;
	int handover, wash;         /* minutes after the work; of them in a wash bay */
	int promised;               /* -1 = none */
	int first_s;                /* its earliest start slot among its columns */
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
	int day_end;                /* close + overtime */
	unsigned char *tc_brk;      /* [tc * nslots + t]: a break slot of the class */
	/* Check-ins: advisors receive a car at instants (each advisor every
	 * 60/rate minutes from open, or from now); a job of class a may be
	 * received at instant a or later, and starts at or after that. The
	 * plan is feasible when, for every class a and slot b, the jobs of
	 * class >= a starting by slot b are at most ci_k[a][b], the instants
	 * between them (Hall's condition; exact for this interval structure). */
	int ci_on;                  /* some job needs a check-in */
	int ninst;                  /* the advisors' instants (each receives ci_per cars) */
	int *inst;                  /* their minutes, ascending */
	int nac;                    /* classes: the instants some job is first received at */
	int *ac_time;               /* minute of class a's instant */
	int *ci_k;                  /* [a * nslots + b], at most ci_total */
	int *ci_krate;              /* the same before the day's bound */
	int ci_per;                 /* advisors: cars received per instant */
	int ci_total;               /* cars the advisors may still receive today */
	/* A day too large to enumerate within the time limit (or memory)
	 * keeps, per technician and bay class, the first start that fits and
	 * then every stride-th slot, the classes taking turns: the plans stay valid, the LP bound is then
	 * for the thinned model only, so the reported bound is the cheap one. */
	int stride;                 /* 1 = every start slot */
	int abandoned;              /* opts->abandon_at passed: jobs left without columns */
	/* A day booked far beyond what the shop can do keeps only the jobs
	 * worth most per minute of work, a few times what fits; the others
	 * are left out before the search, their values kept for the bound. */
	int nx;
	double *xval;               /* values of the jobs left out */
	unsigned char *xci;         /* ...and whether an advisor receives them */
	long long full_cols;        /* estimated columns of the whole model */
	/* Loan cars out and cars in a wash bay, per slot. */
	int loan_on, wash_on;
	int *loan_cap, *wash_cap;   /* [nslots] */
};

/* The slots a column holds a loan car, a wash bay ([*a, *b), empty when
 * the job takes none). */
static inline void bp_col_loan(const struct bp_model *m, const struct bp_col *c, int *a, int *b)
{
	const struct bp_mjob *J = &m->jobs[c->job];
	*a = *b = 0;
	if (!J->loan)
		return;
	int back = m->nslots;
	if (!c->carry) {
		int at = c->end + J->handover;
		if (J->promised > at)
			at = J->promised;
		back = bp_slot_ceil(at, m->origin, m->len);
	}
	*a = J->l0;
	*b = back < m->nslots ? back : m->nslots;
	if (*b < *a)
		*b = *a;
}

static inline void bp_col_wash(const struct bp_model *m, const struct bp_col *c, int *a, int *b)
{
	const struct bp_mjob *J = &m->jobs[c->job];
	*a = *b = 0;
	if (!m->wash_on || !J->wash || c->carry)
		return;
	int w0 = bp_slot_of(c->end, m->origin, m->len);
	int w1 = bp_slot_ceil(c->end + J->wash, m->origin, m->len);
	/* A wash past the end of the day is done first thing the next day. */
	if (w0 >= m->nslots)
		return;
	*a = w0;
	*b = w1 < m->nslots ? w1 : m->nslots;
}

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
	int *luse, *wuse;           /* loan cars out, cars in a wash bay, per slot */
	int *ci_cnt;                /* [a * nslots + t]: chosen jobs of class a starting at t */
	int *ci_q;                  /* [a * nslots + s]: the least slack of the check-in
				       intervals a job of class a starting at s would
				       enter; a cache, stale while ci_dirty */
	int ci_dirty;
};

/* What bp_state_fits_but may leave out of its check. */
enum {
	BP_FIT_STOCK = 1,
	BP_FIT_CHECKIN = 2,
	BP_FIT_LOAN = 4
};

int bp_state_init(struct bp_state *st, const struct bp_model *m);
void bp_state_free(struct bp_state *st);
void bp_state_clear(struct bp_state *st);
void bp_state_copy(struct bp_state *dst, const struct bp_state *src);
int bp_state_fits(struct bp_state *st, int col);
/* The same, leaving out the resources in `ignore` (BP_FIT_*): what keeps a
 * job out, in the words of the unscheduled list. */
int bp_state_fits_but(struct bp_state *st, int col, int ignore);
/* When an advisor receives each chosen job's car (earliest deadline first
 * over the instants; Hall's condition makes it place every one): checkin[j]
 * per model job, -1 for none. */
void bp_sched_checkins(const struct bp_model *m, const struct bp_state *st, int *checkin);
void bp_state_add(struct bp_state *st, int col);
void bp_state_remove(struct bp_state *st, int job);

/* Greedy construction; local search for at most `iters` ruin-and-recreate
 * steps (so equal inputs give equal plans), stopping early at `deadline`
 * (monotonic seconds) on large days. */
void bp_sched_construct(struct bp_state *st, const int *order);
void bp_sched_improve(struct bp_state *st, double deadline, long iters);
/* First come, first served: arrival order, the soonest placement that fits. */
void bp_sched_construct_fcfs(struct bp_state *st);
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
/* Large-neighbourhood search: windows of time freed, the rest fixed, each
 * sub-problem solved by GLPK; alternates with ruin-and-recreate until
 * `deadline`. */
int bp_sched_lns(const struct bp_model *m, struct bp_state *best, double bound,
		 double deadline, struct bp_err *err);
/* Sum over jobs of their best column: a bound that needs no LP. */
double bp_sched_trivial_bound(const struct bp_model *m);
int bp_sched_mip_write(const struct bp_model *m, const char *path, struct bp_err *err);

#endif
