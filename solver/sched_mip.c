/*
 * sched_mip.c - the schedule as a GLPK integer program. One binary per
 * column (job x technician class x bay class x start slot); rows: each job
 * at most once, each class's capacity per slot, each stock row, the loan
 * cars and wash bays per slot, and the advisors' check-ins: for each
 * check-in class a (the jobs that can be received from instant a on) and
 * slot b where it could bind, the jobs of class >= a starting by b are at
 * most the instants between (Hall's condition), and one row for the day's
 * bound on check-ins. The root LP
 * is solved with glp_simplex, then glp_intopt runs without its presolver so
 * that our own incumbents (construction + local search, and LP roundings at
 * the nodes) can be handed in with glp_ios_heur_sol.
 */
#include "sched_int.h"
#include "stop.h"

#include <float.h>
#include <glpk.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glp.h"

struct rows {
	int *job_row;               /* per model job, 0 = none */
	int *tc_row, *bc_row;       /* per class x slot, 0 = never binding */
	int *stock_row;
	int *loan_row, *wash_row;   /* per slot, 0 = never binding */
	unsigned char *wash_lazy;   /* per slot: a wash row may bind but is not in the LP
				       yet; it is added when a solution breaks it */
	int *ci_row;                /* per check-in class x slot: Hall row, 0 = none */
	int npair, *pair_a, *pair_b;  /* the (class, slot) pairs that have a row */
	int day_row;                /* the day's check-ins, 0 = never binding */
	int nrows;
};

static void rows_free(struct rows *r)
{
	free(r->job_row);
	free(r->tc_row);
	free(r->bc_row);
	free(r->stock_row);
	free(r->loan_row);
	free(r->wash_row);
	free(r->wash_lazy);
	free(r->ci_row);
	free(r->pair_a);
	free(r->pair_b);
}

/* Which check-in rows are needed: (a, b) where more jobs of class >= a
 * could start by slot b than the advisors' instants between allow, and the
 * day's row where more jobs need a check-in than the day allows. Marked 1
 * in ci_row, numbered later. Rows are few (the morning's arrivals): each
 * column enters those with a <= its class and b >= its start. */
static int plan_hall(const struct bp_model *m, struct rows *r)
{
	int ns = m->nslots, total = 0;
	if (!m->ci_on)
		return 0;
	int *first = calloc((size_t)m->nac * (size_t)(ns + 1) + 1, sizeof(int));
	int *dmax = calloc((size_t)ns + 1, sizeof(int));
	if (!first || !dmax) {
		free(first);
		free(dmax);
		return -1;
	}
	for (int j = 0; j < m->njobs; j++) {
		const struct bp_mjob *J = &m->jobs[j];
		if (J->ac < 0 || J->c1 == J->c0)
			continue;
		int e = ns;
		for (int c = J->c0; c < J->c1; c++)
			if (m->cols[c].s < e)
				e = m->cols[c].s;
		first[J->ac * (ns + 1) + e]++;
		total++;
	}
	for (int a = m->nac - 1; a >= 0; a--) {
		int run = 0;
		for (int b = 0; b < ns; b++) {
			run += first[a * (ns + 1) + b];
			dmax[b] += run;
			if (dmax[b] > m->ci_krate[a * ns + b]) {
				r->ci_row[a * ns + b] = 1;
				r->npair++;
			}
		}
	}
	r->day_row = total > m->ci_total;
	free(first);
	free(dmax);
	r->pair_a = malloc(((size_t)r->npair + 1) * sizeof(int));
	r->pair_b = malloc(((size_t)r->npair + 1) * sizeof(int));
	return r->pair_a && r->pair_b ? 0 : -1;
}

/* A capacity row is only needed where more jobs could be there than the
 * class (or the fleet, or the wash bays) has. The wash rows, with `lazy`,
 * wait until a solution breaks them: a car's wash follows the end of its
 * work, so every slot could bind, few do, and rows in every slot slowed the
 * search five times on a day of 80 jobs with two wash bays. */
static int plan_rows(const struct bp_model *m, struct rows *r, int lazy)
{
	size_t nt = (size_t)m->ntc * (size_t)m->nslots, nb = (size_t)m->nbc * (size_t)m->nslots;
	size_t ns = (size_t)m->nslots, nci = (size_t)m->nac * ns;
	memset(r, 0, sizeof *r);
	r->job_row = calloc((size_t)m->njobs + 1, sizeof(int));
	r->tc_row = calloc(nt + 1, sizeof(int));
	r->bc_row = calloc(nb + 1, sizeof(int));
	r->stock_row = calloc((size_t)m->nstock + 1, sizeof(int));
	r->loan_row = calloc(ns + 1, sizeof(int));
	r->wash_row = calloc(ns + 1, sizeof(int));
	r->wash_lazy = calloc(ns + 1, 1);
	r->ci_row = calloc(nci + 1, sizeof(int));
	int *tlast = malloc((nt + 1) * sizeof(int)), *blast = malloc((nb + 1) * sizeof(int));
	int *llast = malloc((ns + 1) * sizeof(int)), *wlast = malloc((ns + 1) * sizeof(int));
	if (!r->job_row || !r->tc_row || !r->bc_row || !r->stock_row || !r->loan_row ||
	    !r->wash_row || !r->wash_lazy || !r->ci_row || !tlast || !blast || !llast ||
	    !wlast) {
		free(tlast);
		free(blast);
		free(llast);
		free(wlast);
		rows_free(r);
		return -1;
	}
	/* Count distinct jobs that could cover each class-slot (columns are
	 * grouped by job, so remembering the last job seen is enough). */
	for (size_t i = 0; i < nt; i++)
		tlast[i] = -1;
	for (size_t i = 0; i < nb; i++)
		blast[i] = -1;
	for (size_t i = 0; i < ns; i++)
		llast[i] = wlast[i] = -1;
	for (int c = 0; c < m->ncols; c++) {
		const struct bp_col *col = &m->cols[c];
		for (int t = col->s; t < col->s + col->dt; t++) {
			size_t ti = (size_t)col->tc * (size_t)m->nslots + (size_t)t;
			if (tlast[ti] != col->job) {
				tlast[ti] = col->job;
				r->tc_row[ti]++;
			}
		}
		for (int t = col->s; t < col->s + col->d; t++) {
			size_t bi = (size_t)col->bc * (size_t)m->nslots + (size_t)t;
			if (blast[bi] != col->job) {
				blast[bi] = col->job;
				r->bc_row[bi]++;
			}
		}
		int a, b;
		if (m->loan_on) {
			bp_col_loan(m, col, &a, &b);
			for (int t = a; t < b; t++)
				if (llast[t] != col->job) {
					llast[t] = col->job;
					r->loan_row[t]++;
				}
		}
		if (m->wash_on) {
			bp_col_wash(m, col, &a, &b);
			for (int t = a; t < b; t++)
				if (wlast[t] != col->job) {
					wlast[t] = col->job;
					r->wash_row[t]++;
				}
		}
	}
	free(tlast);
	free(blast);
	free(llast);
	free(wlast);
	if (plan_hall(m, r)) {
		rows_free(r);
		return -1;
	}
	int n = 0;
	for (int j = 0; j < m->njobs; j++)
		if (m->jobs[j].c1 > m->jobs[j].c0)
			r->job_row[j] = ++n;
	for (size_t i = 0; i < nt; i++)
		r->tc_row[i] = r->tc_row[i] > m->tc_cap[i] ? ++n : 0;
	for (size_t i = 0; i < nb; i++)
		r->bc_row[i] = r->bc_row[i] > m->bc_cap[i] ? ++n : 0;
	for (int k = 0; k < m->nstock; k++)
		r->stock_row[k] = ++n;
	for (size_t i = 0; i < ns; i++) {
		r->loan_row[i] = r->loan_row[i] > m->loan_cap[i] ? ++n : 0;
		int need = r->wash_row[i] > m->wash_cap[i];
		r->wash_lazy[i] = (unsigned char)(need && lazy);
		r->wash_row[i] = need && !lazy ? ++n : 0;
	}
	int k = 0;
	for (int a = 0; a < m->nac; a++)
		for (int t = 0; t < m->nslots; t++)
			if (r->ci_row[(size_t)a * ns + (size_t)t]) {
				r->ci_row[(size_t)a * ns + (size_t)t] = ++n;
				r->pair_a[k] = a;
				r->pair_b[k++] = t;
			}
	if (r->day_row)
		r->day_row = ++n;
	r->nrows = n;
	return 0;
}

static void fix_name(char *nm)
{
	/* LP format names may not contain every character ids allow. */
	for (char *p = nm; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '.'))
			*p = '_';
}

/* The rows. Names only when writing LP files: they cost time. */
static glp_prob *build_rows(const struct bp_model *m, const struct rows *r, int names)
{
	const struct bp_shop *s = m->shop;
	glp_prob *lp = glp_create_prob();
	glp_set_prob_name(lp, "bayplan_schedule");
	glp_set_obj_dir(lp, GLP_MAX);
	if (r->nrows)
		glp_add_rows(lp, r->nrows);
	char nm[128];
	for (int j = 0; j < m->njobs; j++)
		if (r->job_row[j]) {
			glp_set_row_bnds(lp, r->job_row[j], GLP_UP, 0, 1);
			if (names) {
				snprintf(nm, sizeof nm, "once_%s", s->jobs[m->jobs[j].job].id);
				fix_name(nm);
				glp_set_row_name(lp, r->job_row[j], nm);
			}
		}
	for (int k = 0; k < m->ntc; k++)
		for (int t = 0; t < m->nslots; t++) {
			int i = r->tc_row[k * m->nslots + t];
			if (!i)
				continue;
			glp_set_row_bnds(lp, i, GLP_UP, 0, m->tc_cap[k * m->nslots + t]);
			if (names) {
				snprintf(nm, sizeof nm, "tech_class%d_slot%d", k, t);
				glp_set_row_name(lp, i, nm);
			}
		}
	for (int k = 0; k < m->nbc; k++)
		for (int t = 0; t < m->nslots; t++) {
			int i = r->bc_row[k * m->nslots + t];
			if (!i)
				continue;
			glp_set_row_bnds(lp, i, GLP_UP, 0, m->bc_cap[k * m->nslots + t]);
			if (names) {
				snprintf(nm, sizeof nm, "bay_class%d_slot%d", k, t);
				glp_set_row_name(lp, i, nm);
			}
		}
	for (int k = 0; k < m->nstock; k++) {
		glp_set_row_bnds(lp, r->stock_row[k], GLP_UP, 0, m->stock[k].cap);
		if (names) {
			snprintf(nm, sizeof nm, "stock_%s_before%d", s->parts[m->stock[k].part].sku,
				 m->stock[k].before);
			fix_name(nm);
			glp_set_row_name(lp, r->stock_row[k], nm);
		}
	}
	for (int t = 0; t < m->nslots; t++) {
		if (r->loan_row[t]) {
			glp_set_row_bnds(lp, r->loan_row[t], GLP_UP, 0, m->loan_cap[t]);
			if (names) {
				snprintf(nm, sizeof nm, "loan_cars_slot%d", t);
				glp_set_row_name(lp, r->loan_row[t], nm);
			}
		}
		if (r->wash_row[t]) {
			glp_set_row_bnds(lp, r->wash_row[t], GLP_UP, 0, m->wash_cap[t]);
			if (names) {
				snprintf(nm, sizeof nm, "wash_bays_slot%d", t);
				glp_set_row_name(lp, r->wash_row[t], nm);
			}
		}
	}
	for (int k = 0; k < r->npair; k++) {
		int a = r->pair_a[k], t = r->pair_b[k], i = r->ci_row[a * m->nslots + t];
		glp_set_row_bnds(lp, i, GLP_UP, 0, m->ci_krate[a * m->nslots + t]);
		if (names) {
			snprintf(nm, sizeof nm, "checkins_from_class%d_by_slot%d", a, t);
			glp_set_row_name(lp, i, nm);
		}
	}
	if (r->day_row) {
		glp_set_row_bnds(lp, r->day_row, GLP_UP, 0, m->ci_total);
		if (names)
			glp_set_row_name(lp, r->day_row, "checkins_of_the_day");
	}
	return lp;
}

/* The wash rows the LP solution in `lp` breaks, added to it with every
 * column there that washes in their slot. Returns how many, -1 when out of
 * memory. In the search this runs as GLPK's row generation, before a node's
 * solution can count as a plan. */
static int add_wash_rows(const struct bp_model *m, struct rows *r, glp_prob *lp,
			 const int *inv)
{
	if (!m->wash_on)
		return 0;
	int ngc = glp_get_num_cols(lp), ns = m->nslots, added = 0, a, b;
	double *use = calloc((size_t)ns + 1, sizeof(double));
	int *ind = malloc(((size_t)ngc + 1) * sizeof(int));
	double *val = malloc(((size_t)ngc + 1) * sizeof(double));
	if (!use || !ind || !val) {
		free(use);
		free(ind);
		free(val);
		return -1;
	}
	for (int gc = 1; gc <= ngc; gc++) {
		if (inv[gc] < 0)
			continue;
		double x = glp_get_col_prim(lp, gc);
		if (x < 1e-7)
			continue;
		bp_col_wash(m, &m->cols[inv[gc]], &a, &b);
		for (int t = a; t < b; t++)
			use[t] += x;
	}
	for (int t = 0; t < ns; t++) {
		if (!r->wash_lazy[t] || use[t] <= m->wash_cap[t] + 1e-6)
			continue;
		int k = 0;
		for (int gc = 1; gc <= ngc; gc++) {
			if (inv[gc] < 0)
				continue;
			bp_col_wash(m, &m->cols[inv[gc]], &a, &b);
			if (a <= t && t < b) {
				ind[++k] = gc;
				val[k] = 1;
			}
		}
		int row = glp_add_rows(lp, 1);
		glp_set_row_bnds(lp, row, GLP_UP, 0, m->wash_cap[t]);
		glp_set_mat_row(lp, row, k, ind, val);
		r->wash_row[t] = row;
		r->wash_lazy[t] = 0;
		r->nrows++;
		added++;
	}
	free(use);
	free(ind);
	free(val);
	return added;
}

/* Append model columns list[0..n) to lp; colmap[c] = GLPK index. */
static int add_columns(const struct bp_model *m, const struct rows *r, glp_prob *lp,
		       const int *list, int n, int *colmap, int names)
{
	if (n == 0)
		return 0;
	int maxlen = 1;
	for (int i = 0; i < n; i++) {
		int c = list[i];
		int len = 2 + m->cols[c].dt + 3 * m->cols[c].d + m->nslots + r->npair +
			  m->srow_start[c + 1] - m->srow_start[c];
		if (len > maxlen)
			maxlen = len;
	}
	int *ind = malloc(((size_t)maxlen + 1) * sizeof(int));
	double *val = malloc(((size_t)maxlen + 1) * sizeof(double));
	if (!ind || !val) {
		free(ind);
		free(val);
		return -1;
	}
	int first = glp_add_cols(lp, n), nnz = 0;
	char nm[128];
	for (int i = 0; i < n; i++) {
		int c = list[i], gc = first + i, k = 0;
		const struct bp_col *col = &m->cols[c];
		colmap[c] = gc;
		ind[++k] = r->job_row[col->job];
		val[k] = 1;
		for (int t = col->s; t < col->s + col->dt; t++) {
			int ti = r->tc_row[col->tc * m->nslots + t];
			if (ti) {
				ind[++k] = ti;
				val[k] = 1;
			}
		}
		for (int t = col->s; t < col->s + col->d; t++) {
			int bi = r->bc_row[col->bc * m->nslots + t];
			if (bi) {
				ind[++k] = bi;
				val[k] = 1;
			}
		}
		for (int q = m->srow_start[c]; q < m->srow_start[c + 1]; q++) {
			ind[++k] = r->stock_row[m->srow_idx[q]];
			val[k] = m->srow_qty[q];
		}
		int a, b;
		if (m->loan_on) {
			bp_col_loan(m, col, &a, &b);
			for (int t = a; t < b; t++)
				if (r->loan_row[t]) {
					ind[++k] = r->loan_row[t];
					val[k] = 1;
				}
		}
		if (m->wash_on) {
			bp_col_wash(m, col, &a, &b);
			for (int t = a; t < b; t++)
				if (r->wash_row[t]) {
					ind[++k] = r->wash_row[t];
					val[k] = 1;
				}
		}
		int ac = m->jobs[col->job].ac;
		for (int q = 0; ac >= 0 && q < r->npair; q++)
			if (r->pair_a[q] <= ac && r->pair_b[q] >= col->s) {
				ind[++k] = r->ci_row[r->pair_a[q] * m->nslots + r->pair_b[q]];
				val[k] = 1;
			}
		if (ac >= 0 && r->day_row) {
			ind[++k] = r->day_row;
			val[k] = 1;
		}
		glp_set_mat_col(lp, gc, k, ind, val);
		glp_set_col_kind(lp, gc, GLP_BV);
		glp_set_obj_coef(lp, gc, col->value);
		nnz += k;
		if (names) {
			snprintf(nm, sizeof nm, "x_%s_t%d_b%d_s%d",
				 m->shop->jobs[m->jobs[col->job].job].id, col->tc, col->bc, col->s);
			fix_name(nm);
			glp_set_col_name(lp, gc, nm);
		}
	}
	free(ind);
	free(val);
	return nnz;
}

/* Prefix sums over slots of the duals of per-slot rows (0 = no row). */
static void dual_prefix(glp_prob *lp, const int *row, int n, double *out)
{
	out[0] = 0;
	for (int t = 0; t < n; t++)
		out[t + 1] = out[t] + (row[t] ? glp_get_row_dual(lp, row[t]) : 0);
}

/* Reduced costs of every model column from the duals of lp: value minus
 * the duals of the rows it uses (prefix sums over slots make it O(1); the
 * check-in rows' duals summed over the rows a column enters). */
static int price(const struct bp_model *m, const struct rows *r, glp_prob *lp, double *rc)
{
	int ns = m->nslots;
	size_t nt = (size_t)m->ntc * (size_t)(ns + 1);
	size_t nb = (size_t)m->nbc * (size_t)(ns + 1);
	size_t nci = (size_t)m->nac * (size_t)ns;
	double *tp = calloc(nt + 1, sizeof(double)), *bp = calloc(nb + 1, sizeof(double));
	double *sd = calloc((size_t)m->nstock + 1, sizeof(double));
	double *lp_ = calloc((size_t)ns + 2, sizeof(double)), *wp = calloc((size_t)ns + 2, sizeof(double));
	double *cp = calloc(nci + 1, sizeof(double));
	if (!tp || !bp || !sd || !lp_ || !wp || !cp) {
		free(tp);
		free(bp);
		free(sd);
		free(lp_);
		free(wp);
		free(cp);
		return -1;
	}
	for (int k = 0; k < m->ntc; k++)
		dual_prefix(lp, r->tc_row + (size_t)k * ns, ns, tp + (size_t)k * (ns + 1));
	for (int k = 0; k < m->nbc; k++)
		dual_prefix(lp, r->bc_row + (size_t)k * ns, ns, bp + (size_t)k * (ns + 1));
	dual_prefix(lp, r->loan_row, ns, lp_);
	dual_prefix(lp, r->wash_row, ns, wp);
	for (int k = 0; k < m->nstock; k++)
		sd[k] = glp_get_row_dual(lp, r->stock_row[k]);
	/* cp[a][s]: the duals of the rows (a', b') with a' <= a and b' >= s. */
	for (int q = 0; q < r->npair; q++) {
		size_t at = (size_t)r->pair_a[q] * ns + (size_t)r->pair_b[q];
		cp[at] = glp_get_row_dual(lp, r->ci_row[at]);
	}
	for (int a = 0; a < m->nac; a++)
		for (int t = ns - 1; t >= 0; t--) {
			double *c = &cp[(size_t)a * ns + t];
			if (t + 1 < ns)
				*c += cp[(size_t)a * ns + t + 1];
		}
	for (int a = 1; a < m->nac; a++)
		for (int t = 0; t < ns; t++)
			cp[(size_t)a * ns + t] += cp[(size_t)(a - 1) * ns + t];
	double day = r->day_row ? glp_get_row_dual(lp, r->day_row) : 0;
	for (int j = 0; j < m->njobs; j++) {
		if (!r->job_row[j])
			continue;
		double jd = glp_get_row_dual(lp, r->job_row[j]);
		int ac = m->jobs[j].ac;
		for (int c = m->jobs[j].c0; c < m->jobs[j].c1; c++) {
			const struct bp_col *col = &m->cols[c];
			const double *T = tp + col->tc * (ns + 1);
			const double *B = bp + col->bc * (ns + 1);
			double v = col->value - jd - (T[col->s + col->dt] - T[col->s]) -
				   (B[col->s + col->d] - B[col->s]);
			for (int q = m->srow_start[c]; q < m->srow_start[c + 1]; q++)
				v -= sd[m->srow_idx[q]] * m->srow_qty[q];
			int a, b;
			if (m->loan_on) {
				bp_col_loan(m, col, &a, &b);
				v -= lp_[b] - lp_[a];
			}
			if (m->wash_on) {
				bp_col_wash(m, col, &a, &b);
				v -= wp[b] - wp[a];
			}
			if (ac >= 0)
				v -= cp[(size_t)ac * ns + col->s] + day;
			rc[c] = v;
		}
	}
	free(tp);
	free(bp);
	free(sd);
	free(lp_);
	free(wp);
	free(cp);
	return 0;
}

struct cb {
	const struct bp_model *m;
	struct rows *r;
	struct bp_state *best;       /* our incumbent */
	struct bp_state trial;
	int *order, *cand;
	const int *colmap;           /* model column -> GLPK column, 0 = left out */
	const int *inv;              /* GLPK column -> model column, -1 = a U variable */
	int ngc;
	double *x;                   /* 1-based over GLPK columns */
	double *mx;                  /* LP values by model column */
	double t0, deadline, last_report;
	long heur_calls;             /* GLP_IHEUR calls seen: rounding every 25th */
	double bound;                /* valid for the full model */
	int tree_bounds_global;      /* the tree holds every column that can help */
	int root_sent, stopped, reached;
	int nomem;                   /* a lazy row could not be added */
};

static const double *cand_x;
static const struct bp_model *cand_m;

static int cmp_cand(const void *a, const void *b)
{
	int i = *(const int *)a, j = *(const int *)b;
	if (cand_x[i] != cand_x[j])
		return cand_x[i] > cand_x[j] ? -1 : 1;
	double vi = cand_m->cols[i].value, vj = cand_m->cols[j].value;
	return (vi < vj) - (vi > vj);
}

/* Round the node's LP greedily (largest values first), complete it with the
 * construction, polish it briefly. */
static void round_lp(struct cb *d, glp_prob *P)
{
	const struct bp_model *m = d->m;
	int n = 0;
	for (int gc = 1; gc <= d->ngc; gc++) {
		int c = d->inv[gc];
		if (c < 0)
			continue;
		d->mx[c] = glp_get_col_prim(P, gc);
		if (d->mx[c] > 1e-6)
			d->cand[n++] = c;
	}
	cand_x = d->mx;
	cand_m = m;
	qsort(d->cand, (size_t)n, sizeof(int), cmp_cand);
	bp_state_clear(&d->trial);
	for (int i = 0; i < n; i++) {
		int c = d->cand[i];
		if (d->trial.chosen[m->cols[c].job] < 0 && bp_state_fits(&d->trial, c))
			bp_state_add(&d->trial, c);
	}
	bp_sched_construct(&d->trial, d->order);
	double budget = (d->deadline - bp_clock()) * 0.05;
	bp_sched_improve(&d->trial, bp_clock() + (budget < 0.3 ? budget : 0.3),
			 10L * m->njobs + 100);
	if (d->trial.value > d->best->value + 1e-7)
		bp_state_copy(d->best, &d->trial);
}

/* Hand our incumbent to GLPK. A plan better than the one the columns were
 * fixed against only uses kept columns; anything else is not sent. */
static void send_best(struct cb *d, glp_tree *tree)
{
	const struct bp_model *m = d->m;
	for (int gc = 1; gc <= d->ngc; gc++)
		d->x[gc] = 0;
	for (int j = 0; j < m->njobs; j++) {
		int c = d->best->chosen[j];
		if (c < 0)
			continue;
		if (!d->colmap[c])
			return;
		d->x[d->colmap[c]] = 1;
	}
	glp_ios_heur_sol(tree, d->x);
}

static void on_tree(glp_tree *tree, void *info)
{
	struct cb *d = info;
	glp_prob *P = glp_ios_get_prob(tree);
	double now = bp_clock();
	int best = d->tree_bounds_global ? glp_ios_best_node(tree) : 0;
	if (best) {
		double b = glp_ios_node_bound(tree, best);
		if (b < d->bound)
			d->bound = b;
	}
	if (glp_ios_reason(tree) == GLP_IROWGEN && add_wash_rows(d->m, d->r, P, d->inv) < 0) {
		/* Without the row the search could accept a plan that breaks
		 * it: stop, and keep our own. */
		d->nomem = 1;
		glp_ios_terminate(tree);
	}
	if (glp_ios_reason(tree) == GLP_IHEUR) {
		if (!d->root_sent) {
			d->root_sent = 1;
			round_lp(d, P);
			send_best(d, tree);
		} else if (++d->heur_calls % 25 == 0 && now < d->deadline) {
			double before = d->best->value;
			round_lp(d, P);
			if (d->best->value > before + 1e-7)
				send_best(d, tree);
		}
	}
	/* GLPK's own incumbent counts too: search() takes it (checked) when it
	 * beats ours. */
	double inc = d->best->value;
	if (glp_mip_status(P) == GLP_FEAS && glp_mip_obj_val(P) > inc)
		inc = glp_mip_obj_val(P);
	if (d->m->opts->progress && now - d->last_report >= 1.0) {
		double gap = fabs(d->bound - inc) / (fabs(inc) + DBL_EPSILON);
		d->m->opts->progress(d->m->opts->progress_arg, inc, d->bound, gap, now - d->t0);
		d->last_report = now;
	}
	if (now > d->deadline || bp_solver_stop_requested()) {
		d->stopped = 1;
		glp_ios_terminate(tree);
	} else if (d->bound - inc <= d->m->opts->gap * fabs(inc)) {
		/* Within the target against the full model's bound: done, even if
		 * GLPK's own gap (on the columns it has) is not. */
		d->reached = 1;
		glp_ios_terminate(tree);
	}
}

static int cmp_desc(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? 1 : x > y ? -1 : 0;
}

/* The bound at one price mu of a technician minute: mu x the minutes the
 * technicians have, plus each job's value less mu x its least work today
 * where positive, of the advisors' jobs only the day's number of cars. */
static double price_bound(const double *v, const double *w, const unsigned char *ci, int n,
			  int k, double mu, double cap, double *scratch)
{
	double b = mu * cap;
	int nc = 0;
	for (int j = 0; j < n; j++) {
		double r = v[j] - mu * w[j];
		if (r <= 0)
			continue;
		if (ci[j])
			scratch[nc++] = r;
		else
			b += r;
	}
	if (nc > k) {
		qsort(scratch, (size_t)nc, sizeof *scratch, cmp_desc);
		nc = k;
	}
	for (int q = 0; q < nc; q++)
		b += scratch[q];
	return b;
}

/* A bound valid for the full model that needs no LP: each job at its best
 * placement (on a thinned model at its value before penalties, which no
 * placement exceeds); of the jobs the advisors receive, only the day's
 * number of cars; and the technicians' minutes (each job counted at its
 * least work today) priced by a Lagrange multiplier, the best price found
 * by golden-section search (the bound is convex in it). On an overbooked
 * day the desk and the technicians' time are what binds. */
double bp_sched_trivial_bound(const struct bp_model *m)
{
	size_t n = (size_t)m->njobs + (size_t)m->nx + 1;
	double *v = malloc(n * sizeof *v), *w = malloc(n * sizeof *w);
	double *scratch = malloc(n * sizeof *scratch);
	unsigned char *ci = malloc(n);
	int k = m->ci_on ? (m->ci_total > 0 ? m->ci_total : 0) : m->njobs + m->nx;
	if (!v || !w || !scratch || !ci) {
		free(v);
		free(w);
		free(scratch);
		free(ci);
		double b = 0;
		for (int j = 0; j < m->njobs; j++)
			b += m->jobs[j].base;
		for (int x = 0; x < m->nx; x++)
			b += m->xval[x];
		return b;
	}
	int nn = 0;
	double cap = 0;
	for (int tc = 0; tc < m->ntc; tc++)
		for (int t = 0; t < m->nslots; t++)
			if (!m->tc_brk[tc * m->nslots + t])
				cap += m->tc_cap[tc * m->nslots + t];
	cap *= m->len;
	double wmax = 0;
	for (int j = 0; j < m->njobs; j++) {
		const struct bp_mjob *J = &m->jobs[j];
		if (J->c1 == J->c0)
			continue;
		double best = 0, least = 1e30;
		for (int c = J->c0; c < J->c1; c++) {
			if (m->cols[c].value > best)
				best = m->cols[c].value;
			if (m->cols[c].minutes < least)
				least = m->cols[c].minutes;
		}
		/* Thinned, a later start (less work today before a carry) may be
		 * missing: no work is counted then. */
		v[nn] = m->stride > 1 ? J->base : best;
		w[nn] = m->stride > 1 ? 0 : least;
		ci[nn] = m->ci_on && J->ac >= 0;
		if (w[nn] > 0 && v[nn] / w[nn] > wmax)
			wmax = v[nn] / w[nn];
		nn++;
	}
	for (int x = 0; x < m->nx; x++) {
		v[nn] = m->xval[x];
		w[nn] = 0;
		ci[nn++] = m->ci_on && m->xci[x];
	}
	double lo = 0, hi = wmax, b = price_bound(v, w, ci, nn, k, 0, cap, scratch);
	const double g = 0.6180339887498949;
	double a1 = hi - g * (hi - lo), a2 = lo + g * (hi - lo);
	double f1 = price_bound(v, w, ci, nn, k, a1, cap, scratch);
	double f2 = price_bound(v, w, ci, nn, k, a2, cap, scratch);
	for (int it = 0; it < 60 && hi - lo > 1e-9 * (wmax + 1); it++) {
		if (f1 < f2) {
			hi = a2;
			a2 = a1;
			f2 = f1;
			a1 = hi - g * (hi - lo);
			f1 = price_bound(v, w, ci, nn, k, a1, cap, scratch);
		} else {
			lo = a1;
			a1 = a2;
			f1 = f2;
			a2 = lo + g * (hi - lo);
			f2 = price_bound(v, w, ci, nn, k, a2, cap, scratch);
		}
	}
	if (f1 < b)
		b = f1;
	if (f2 < b)
		b = f2;
	free(v);
	free(w);
	free(scratch);
	free(ci);
	return b;
}

static int simplex(glp_prob *lp, double deadline)
{
	glp_smcp sm;
	/* Warm starts after adding columns need the basis: no presolver. */
	bp_glp_simplex_parm(&sm, GLP_OFF);
	double left = deadline - bp_clock();
	if (left < 0.001 || bp_solver_stop_requested())
		return -1;
	sm.tm_lim = bp_glp_tm_lim(left);
	if (glp_simplex(lp, &sm) != 0 || glp_get_status(lp) != GLP_OPT)
		return -1;
	return 0;
}

struct cg {
	int *list, n;                /* model columns to add this round */
	double *rc;                  /* reduced cost by model column */
	int *colmap;                 /* model column -> GLPK column */
	int *inv;                    /* GLPK column -> model column */
	double *maxpos;              /* per job: its best positive reduced cost */
	double lag;                  /* Lagrangian bound at the last duals */
};

static int add_and_map(const struct bp_model *m, const struct rows *r, glp_prob *lp,
		       struct cg *g, struct cb *d)
{
	int nz = add_columns(m, r, lp, g->list, g->n, g->colmap, 0);
	if (nz < 0)
		return -1;
	for (int i = 0; i < g->n; i++)
		g->inv[g->colmap[g->list[i]]] = g->list[i];
	d->ngc = glp_get_num_cols(lp);
	return nz;
}

/* Column generation for the root LP: start from our plan and a few columns
 * per job, add the most attractive columns per job until none prices out,
 * or until the Lagrangian bound (the restricted LP plus, per job, its best
 * positive reduced cost: valid for the full model at any duals) is within
 * a quarter of the gap target. The restricted LPs are rounded into plans
 * along the way, so a good incumbent exists even if time runs out here. */
static int root_lp(const struct bp_model *m, struct rows *r, glp_prob *lp,
		   struct bp_state *best, double deadline, struct cg *g, struct cb *d,
		   struct bp_mip_result *res)
{
	g->n = 0;
	for (int j = 0; j < m->njobs; j++) {
		const struct bp_mjob *J = &m->jobs[j];
		if (best->chosen[j] >= 0)
			g->list[g->n++] = best->chosen[j];
		int span = J->c1 - J->c0, step = span / 4 + 1;
		for (int c = J->c0; c < J->c1; c += step)
			if (c != best->chosen[j])
				g->list[g->n++] = c;
	}
	for (int round = 0;; round++) {
		int nz = add_and_map(m, r, lp, g, d);
		if (nz < 0)
			return -1;
		res->nonzeros += nz;
		if (simplex(lp, deadline))
			return 1; /* out of time: the bound so far stands */
		int lazy;
		while ((lazy = add_wash_rows(m, r, lp, g->inv)) > 0)
			if (simplex(lp, deadline))
				return 1;
		if (lazy < 0)
			return -1;
		if (round % 4 == 3)
			round_lp(d, lp);
		if (price(m, r, lp, g->rc))
			return -1;
		double z = glp_get_obj_val(lp), lag = z;
		g->n = 0;
		for (int j = 0; j < m->njobs; j++) {
			const struct bp_mjob *J = &m->jobs[j];
			double top = 0;
			/* Up to four new columns per job, the best priced. */
			int pick[4] = {-1, -1, -1, -1};
			for (int c = J->c0; c < J->c1; c++) {
				if (g->rc[c] > top)
					top = g->rc[c];
				if (g->colmap[c] || g->rc[c] <= 1e-6)
					continue;
				for (int k = 0; k < 4; k++)
					if (pick[k] < 0 || g->rc[c] > g->rc[pick[k]]) {
						for (int q = 3; q > k; q--)
							pick[q] = pick[q - 1];
						pick[k] = c;
						break;
					}
			}
			g->maxpos[j] = top;
			lag += top;
			for (int k = 0; k < 4; k++)
				if (pick[k] >= 0)
					g->list[g->n++] = pick[k];
		}
		g->lag = lag;
		if (lag < res->bound)
			res->bound = lag;
		if (d->m->opts->progress && bp_clock() - d->last_report >= 1.0) {
			double inc = best->value;
			d->m->opts->progress(d->m->opts->progress_arg, inc, res->bound,
					     (res->bound - inc) / (fabs(inc) + DBL_EPSILON),
					     bp_clock() - d->t0);
			d->last_report = bp_clock();
		}
		/* Converged, close enough, or half the time gone: the search on
		 * the columns so far gives better plans than more rounds would. */
		if (g->n == 0 || lag - z <= 0.25 * m->opts->gap * fabs(z) ||
		    bp_clock() > d->t0 + 0.5 * (deadline - d->t0)) {
			res->lp_bound = lag;
			return 0;
		}
	}
}

/* One glp_intopt over the columns in lp, fed with our incumbents; GLPK's
 * plan replaces ours when better. Returns glp_intopt's code, -1 when the
 * time was already up. */
static int search(glp_prob *lp, struct cb *d, double gap, double until,
		  struct bp_state *best)
{
	double left = until - bp_clock();
	if (left < 0.01 || bp_solver_stop_requested())
		return -1;
	glp_iocp io;
	bp_glp_intopt_parm(&io, GLP_OFF);
	io.br_tech = GLP_BR_MFV;
	io.bt_tech = GLP_BT_BLB;
	io.clq_cuts = GLP_ON;
	io.mip_gap = gap;
	io.cb_func = on_tree;
	io.cb_info = d;
	io.tm_lim = bp_glp_tm_lim(left);
	int iprc = glp_intopt(lp, &io);
	int st = glp_mip_status(lp);
	if ((st == GLP_OPT || st == GLP_FEAS) && glp_mip_obj_val(lp) > best->value + 1e-7 &&
	    !d->nomem) {
		/* GLPK's plan, checked against every rule on our side (rows it
		 * never saw included) before it replaces ours. */
		int ok = 1;
		bp_state_clear(&d->trial);
		for (int gc = 1; gc <= d->ngc && ok; gc++) {
			int c = d->inv[gc];
			if (c < 0 || glp_mip_col_val(lp, gc) <= 0.5)
				continue;
			ok = d->trial.chosen[d->m->cols[c].job] < 0 && bp_state_fits(&d->trial, c);
			if (ok)
				bp_state_add(&d->trial, c);
		}
		if (ok && d->trial.value > best->value + 1e-7)
			bp_state_copy(best, &d->trial);
	}
	return iprc;
}

/* Columns a plan better than ours may use: reduced cost, less the job's best
 * positive reduced cost, no lower than (plan - Lagrangian bound). */
static int keep_column(const struct bp_model *m, const struct cg *g, double best, int c)
{
	return g->rc[c] - g->maxpos[m->cols[c].job] >= best - g->lag - 1e-6;
}

/* Above this many columns left after fixing, GLPK's search over all of them
 * is slower than our own local search for the remaining time. */
#define FULL_SEARCH_MAX_COLUMNS 150000
/* The share of the time left the root LP may take (see bp_sched_mip). */
#define CG_SHARE 0.8

int bp_sched_mip(const struct bp_model *m, struct bp_state *best, double deadline,
		 struct bp_mip_result *res, struct bp_err *err)
{
	struct rows r;
	struct cb d;
	struct cg g;
	memset(res, 0, sizeof *res);
	res->bound = bp_sched_trivial_bound(m);
	res->lp_bound = res->bound;
	if (m->ncols == 0) {
		res->proven = 1;
		res->bound = 0;
		return BP_OK;
	}
	if (plan_rows(m, &r, 1))
		return bp_err_set(err, BP_EINTERNAL, "out of memory building the schedule rows");
	memset(&d, 0, sizeof d);
	memset(&g, 0, sizeof g);
	size_t nc = (size_t)m->ncols + 1, ngl = nc;
	d.m = m;
	d.r = &r;
	d.best = best;
	d.order = malloc(((size_t)m->njobs + 1) * sizeof(int));
	d.cand = malloc(nc * sizeof(int));
	d.x = malloc(ngl * sizeof(double));
	d.mx = calloc(nc, sizeof(double));
	g.inv = calloc(ngl, sizeof(int));
	g.list = malloc(nc * sizeof(int));
	g.rc = calloc(nc, sizeof(double));
	g.colmap = calloc(nc, sizeof(int));
	g.maxpos = calloc((size_t)m->njobs + 1, sizeof(double));
	int rc = BP_OK;
	if (!d.order || !d.cand || !d.x || !d.mx || !g.inv || !g.list || !g.rc || !g.colmap ||
	    !g.maxpos || bp_state_init(&d.trial, m)) {
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory for the solver");
		goto out;
	}
	bp_sched_priority(m, d.order);
	d.t0 = m->t0;
	d.deadline = deadline;
	d.colmap = g.colmap;
	d.inv = g.inv;
	res->rows = r.nrows;

	struct bp_glp_guard guard;
	glp_prob *volatile lp = NULL;
	if (BP_GLP_FAILED(&guard)) {
		rc = bp_glp_failure(&guard, err);
		goto out;
	}
	lp = build_rows(m, &r, 0);
	/* The root LP's rounds stop once half the time is gone (root_lp), and
	 * one restricted LP may run to CG_SHARE of it: on a large overbooked
	 * day a single LP can take all of it, and the rest is better spent on
	 * plans (bp_sched_lns, after this) than on a bound it may not reach. */
	double cg_until = bp_clock() + CG_SHARE * (deadline - bp_clock());
	int cg = root_lp(m, &r, lp, best, cg_until, &g, &d, res);
	if (cg < 0) {
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory in column generation");
		goto done;
	}
	if (cg > 0) {
		res->stopped_by_time = 1;
		goto done;
	}
	d.bound = res->bound;
	res->columns_kept = d.ngc;
	if (m->opts->fault_for_test)
		glp_set_col_bnds(lp, glp_get_num_cols(lp) + 1, GLP_FX, 0, 0); /* no such column */

	/* Phase A: branch-and-bound on the generated columns only. Plans come
	 * fast; their gap is measured against the full model's bound. */
	double left = deadline - bp_clock();
	int iprc = search(lp, &d, m->opts->gap * 0.5, bp_clock() + left * 0.4, best);
	if (iprc < 0) {
		res->stopped_by_time = 1;
		goto done;
	}
	double gap = (res->bound - best->value) / (fabs(best->value) + DBL_EPSILON);
	if (gap <= m->opts->gap) {
		res->proven = 1;
		goto done;
	}

	/* Phase B: reduced-cost fixing against the (better) plan; the columns
	 * left go into a search whose bound holds for the full model. */
	int kept = 0;
	for (int c = 0; c < m->ncols; c++)
		kept += keep_column(m, &g, best->value, c);
	if (kept > FULL_SEARCH_MAX_COLUMNS) {
		/* The rest of the time is the caller's large-neighbourhood
		 * search. */
		res->columns_kept = kept;
		res->stopped_by_time = 1;
		goto done;
	}
	g.n = 0;
	for (int c = 0; c < m->ncols; c++)
		if (!g.colmap[c] && keep_column(m, &g, best->value, c))
			g.list[g.n++] = c;
	int nz = add_and_map(m, &r, lp, &g, &d);
	if (nz < 0) {
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory adding columns");
		goto done;
	}
	res->nonzeros += nz;
	res->columns_kept = kept;
	for (int c = 0; c < m->ncols; c++)
		if (g.colmap[c] && !keep_column(m, &g, best->value, c))
			glp_set_col_bnds(lp, g.colmap[c], GLP_FX, 0, 0);
	d.stopped = 0;
	d.root_sent = 0;
	d.tree_bounds_global = 1;
	if (simplex(lp, deadline)) {
		res->stopped_by_time = 1;
		goto done;
	}
	iprc = search(lp, &d, m->opts->gap, deadline, best);
	if (iprc < 0) {
		res->stopped_by_time = 1;
		goto done;
	}
	if ((((iprc == 0 && glp_mip_status(lp) == GLP_OPT) || iprc == GLP_EMIPGAP) &&
	     !d.stopped) || d.reached) {
		res->proven = 1;
		/* Finished: the plan is optimal. Within mip_gap: the bound is the
		 * best open node's as last seen (it only falls). */
		res->bound = iprc == 0 ? best->value : d.bound;
	} else {
		res->stopped_by_time = 1;
		if (d.bound < res->bound)
			res->bound = d.bound;
	}
done:
	glp_delete_prob(lp);
	bp_glp_end(&guard);
out:
	rows_free(&r);
	bp_state_free(&d.trial);
	free(d.order);
	free(d.cand);
	free(d.x);
	free(d.mx);
	free(g.inv);
	free(g.list);
	free(g.rc);
	free(g.colmap);
	free(g.maxpos);
	if (m->stride > 1) {
		/* The LP saw the thinned model: its bound and its proofs are for
		 * that model only. */
		res->bound = bp_sched_trivial_bound(m);
		res->proven = 0;
		res->stopped_by_time = 1;
	}
	if (res->bound < best->value)
		res->bound = best->value;
	return rc;
}

static uint64_t lns_rng(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* Most jobs one sub-problem frees, and most placements each may try. */
#define LNS_JOBS 40
#define LNS_WAYS 60

static const struct bp_model *lns_m;

static int cmp_value(const void *a, const void *b)
{
	double x = lns_m->cols[*(const int *)a].value, y = lns_m->cols[*(const int *)b].value;
	return x < y ? 1 : x > y ? -1 : *(const int *)a - *(const int *)b;
}

/* One sub-problem: the jobs placed in slots [t0, t0 + w) and the jobs left
 * out that could start there are freed, with the placements starting in
 * the window that fit beside the rest; everything else stays as it is
 * (columns fixed at 1). GLPK solves it to optimality (or its short limit);
 * the result is checked on our side and kept when better. 1 = improved. */
static int lns_step(const struct bp_model *m, struct rows *r, struct bp_state *best,
		    struct bp_state *trial, int t0, int w, double until, int *list,
		    int *colmap, unsigned char *freed, int *nfreed, uint64_t *seed)
{
	bp_state_copy(trial, best);
	int nf = 0, off = (int)(lns_rng(seed) % (uint64_t)m->njobs);
	memset(freed, 0, (size_t)m->njobs);
	/* From a random job on, so that no job is always first in. */
	for (int i = 0; i < m->njobs && nf < LNS_JOBS; i++) {
		int j = (i + off) % m->njobs;
		int c = best->chosen[j];
		if (c >= 0 && m->cols[c].s < t0 + w && m->cols[c].s + m->cols[c].d > t0) {
			freed[j] = 1;
			nf++;
			bp_state_remove(trial, j);
		}
	}
	/* Jobs left out that could start in the window, as room allows (a
	 * third of the sub-problem at least). */
	int lim = nf + LNS_JOBS / 3 > LNS_JOBS ? nf + LNS_JOBS / 3 : LNS_JOBS;
	for (int i = 0; i < m->njobs && nf < lim; i++) {
		int j = (i + off) % m->njobs;
		const struct bp_mjob *J = &m->jobs[j];
		if (best->chosen[j] >= 0 || J->c1 == J->c0)
			continue;
		for (int c = J->c0; c < J->c1; c++)
			if (m->cols[c].s >= t0 && m->cols[c].s < t0 + w) {
				freed[j] = 1;
				nf++;
				break;
			}
	}
	*nfreed = nf;
	int n = 0;
	for (int j = 0; j < m->njobs; j++) {
		if (!freed[j]) {
			if (best->chosen[j] >= 0)
				list[n++] = best->chosen[j];
			continue;
		}
		const struct bp_mjob *J = &m->jobs[j];
		int n0 = n;
		if (best->chosen[j] >= 0)
			list[n++] = best->chosen[j];
		for (int c = J->c0; c < J->c1; c++)
			if (c != best->chosen[j] && m->cols[c].s >= t0 && m->cols[c].s < t0 + w &&
			    bp_state_fits(trial, c))
				list[n++] = c;
		if (n - n0 > LNS_WAYS) {
			lns_m = m;
			qsort(list + n0, (size_t)(n - n0), sizeof *list, cmp_value);
			lns_m = NULL;
			/* The current placement stays among them. */
			int keep = 0;
			for (int i = n0; i < n0 + LNS_WAYS; i++)
				keep |= list[i] == best->chosen[j];
			if (!keep && best->chosen[j] >= 0)
				list[n0 + LNS_WAYS - 1] = best->chosen[j];
			n = n0 + LNS_WAYS;
		}
	}
	glp_prob *lp = build_rows(m, r, 0);
	if (add_columns(m, r, lp, list, n, colmap, 0) < 0) {
		glp_delete_prob(lp);
		return -1;
	}
	for (int i = 0; i < n; i++)
		if (!freed[m->cols[list[i]].job])
			glp_set_col_bnds(lp, colmap[list[i]], GLP_FX, 1, 1);
	glp_iocp io;
	bp_glp_intopt_parm(&io, GLP_ON);
	io.mip_gap = 1e-6;
	io.tm_lim = bp_glp_tm_lim(until - bp_clock());
	int improved = 0;
	int rc = glp_intopt(lp, &io);
	int st = glp_mip_status(lp);
	if ((rc == 0 || rc == GLP_ETMLIM) && (st == GLP_OPT || st == GLP_FEAS) &&
	    glp_mip_obj_val(lp) > best->value + 1e-6) {
		/* Checked against every rule (the lazy rows included). */
		int ok = 1;
		bp_state_clear(trial);
		for (int i = 0; i < n && ok; i++) {
			int c = list[i];
			if (glp_mip_col_val(lp, colmap[c]) <= 0.5)
				continue;
			ok = trial->chosen[m->cols[c].job] < 0 && bp_state_fits(trial, c);
			if (ok)
				bp_state_add(trial, c);
		}
		if (ok && trial->value > best->value + 1e-6) {
			bp_state_copy(best, trial);
			improved = 1;
		}
	}
	glp_delete_prob(lp);
	return improved;
}

int bp_sched_lns(const struct bp_model *m, struct bp_state *best, double bound,
		 double deadline, struct bp_err *err)
{
	struct rows r;
	if (m->ncols == 0 || m->njobs == 0 || bp_clock() > deadline)
		return BP_OK;
	if (plan_rows(m, &r, 0))
		return bp_err_set(err, BP_EINTERNAL, "out of memory building the schedule rows");
	int *list = malloc(((size_t)m->njobs * (LNS_WAYS + 1) + 1) * sizeof(int));
	int *colmap = calloc((size_t)m->ncols + 1, sizeof(int));
	unsigned char *freed = malloc((size_t)m->njobs + 1);
	struct bp_state trial;
	int rc = BP_OK, have_trial = bp_state_init(&trial, m) == 0;
	if (!list || !colmap || !freed || !have_trial) {
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory for the search");
		goto out;
	}
	struct bp_glp_guard guard;
	if (BP_GLP_FAILED(&guard)) {
		rc = bp_glp_failure(&guard, err);
		goto out;
	}
	uint64_t seed = 0x1a5eed;
	double last = bp_clock();
	int w = m->nslots / 6 > 4 ? m->nslots / 6 : 4;
	while (bp_clock() < deadline - 0.01 && !bp_solver_stop_requested()) {
		int t0 = (int)(lns_rng(&seed) % (uint64_t)(m->nslots > w ? m->nslots - w + 1 : 1));
		double now = bp_clock(), until = now + 0.3 < deadline ? now + 0.3 : deadline;
		int nf = 0;
		int k = lns_step(m, &r, best, &trial, t0, w, until, list, colmap, freed, &nf,
				 &seed);
		if (k < 0) {
			rc = bp_err_set(err, BP_EINTERNAL, "out of memory in the search");
			break;
		}
		/* Windows that fill the sub-problem, or take long, shrink. */
		if ((nf >= LNS_JOBS + LNS_JOBS / 3 || bp_clock() - now > 0.2) && w > 2)
			w--;
		else if (nf < LNS_JOBS && w < m->nslots)
			w++;
		if (m->opts->progress && bp_clock() - last >= 1.0) {
			last = bp_clock();
			m->opts->progress(m->opts->progress_arg, best->value, bound,
					  (bound - best->value) / (fabs(best->value) + DBL_EPSILON),
					  last - m->t0);
		}
		/* And the local search between: it moves what GLPK left. */
		double until2 = bp_clock() + 0.05;
		bp_sched_improve(best, until2 < deadline ? until2 : deadline, 2L * m->njobs + 50);
	}
	bp_glp_end(&guard);
out:
	if (have_trial)
		bp_state_free(&trial);
	free(list);
	free(colmap);
	free(freed);
	rows_free(&r);
	return rc;
}

int bp_sched_mip_write(const struct bp_model *m, const char *path, struct bp_err *err)
{
	struct rows r;
	if (plan_rows(m, &r, 0))
		return bp_err_set(err, BP_EINTERNAL, "out of memory building the schedule rows");
	int *all = malloc(((size_t)m->ncols + 1) * sizeof(int));
	int *map = calloc((size_t)m->ncols + 1, sizeof(int));
	if (!all || !map) {
		free(all);
		free(map);
		rows_free(&r);
		return bp_err_set(err, BP_EINTERNAL, "out of memory writing the model");
	}
	for (int c = 0; c < m->ncols; c++)
		all[c] = c;
	struct bp_glp_guard g;
	glp_prob *volatile lp = NULL;
	int rc = BP_OK;
	if (BP_GLP_FAILED(&g)) {
		rows_free(&r);
		free(all);
		free(map);
		return bp_glp_failure(&g, err);
	}
	lp = build_rows(m, &r, 1);
	if (add_columns(m, &r, lp, all, m->ncols, map, 1) < 0)
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory writing the model");
	else if (glp_write_lp(lp, NULL, path) != 0)
		rc = bp_err_set(err, BP_EIO, "could not write the LP file %s", path);
	glp_delete_prob(lp);
	bp_glp_end(&g);
	rows_free(&r);
	free(all);
	free(map);
	return rc;
}
