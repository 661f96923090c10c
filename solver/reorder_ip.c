/*
 * reorder_ip.c - the reorder integer program on GLPK. Columns, per active
 * part p and candidate arrival slot k of its supply class c:
 *   x[p,k]  packs ordered (integer),  z[p,k] ordered at all (binary, only
 *           when the minimum order is more than one pack),
 *   s[p,d]  most units below safety stock at day d's checks (continuous),
 * per class and slot: y[c,k] a delivery run (binary); per job the program
 * decides: u[j] served (binary).
 */
#include "reorder_int.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "glp.h"

static void number_columns(struct ro_model *m)
{
	const struct bp_shop *s = m->s;
	int col = 1, x = 0;
	for (int p = 0; p < s->nparts; p++) {
		struct ro_part *pi = &m->parts[p];
		if (!pi->active)
			continue;
		int ns = m->nslots[s->parts[p].supply];
		pi->xoff = x;
		x += ns;
		pi->xcol = col;
		col += ns;
		pi->zcol = 0;
		if (s->parts[p].min_order > pi->pack) {
			pi->zcol = col;
			col += ns;
		}
		pi->scol = col;
		col += m->days;
	}
	for (int c = 0; c < BP_SUPPLIES; c++) {
		m->ycol[c] = col;
		col += m->nslots[c];
	}
	for (int j = 0; j < m->njobs; j++)
		m->jobs[j].col = m->jobs[j].fixed < 0 ? col++ : 0;
	m->nx = x;
	m->ncols = col - 1;
}

/* A job no order can serve goes without. Without a budget, a job that
 * orders can serve for less than its penalty is always served: adding its
 * parts to an answer that drops it costs less than the penalty saved. */
void bp_ro_fix_jobs(struct ro_model *m, int budgeted)
{
	for (int j = 0; j < m->njobs; j++) {
		struct ro_job *jb = &m->jobs[j];
		if (jb->impossible)
			jb->fixed = 0;
		else if (!budgeted && !jb->early && jb->worst < jb->value)
			jb->fixed = 1;
		else
			jb->fixed = -1;
	}
	number_columns(m);
}

static void set_col(glp_prob *lp, int col, int kind, double lo, double hi, double cost)
{
	glp_set_col_kind(lp, col, kind);
	if (kind != GLP_BV) {
		if (hi > lo)
			glp_set_col_bnds(lp, col, GLP_DB, lo, hi);
		else if (hi == lo)
			glp_set_col_bnds(lp, col, GLP_FX, lo, lo);
		else
			glp_set_col_bnds(lp, col, GLP_LO, lo, 0);
	}
	glp_set_obj_coef(lp, col, cost);
}

static void add_row(glp_prob *lp, const struct ro_model *m, int len, int type, double lo,
		    double hi)
{
	int r = glp_add_rows(lp, 1);
	glp_set_row_bnds(lp, r, type, lo, hi);
	glp_set_mat_row(lp, r, len, m->ind, m->val);
}

static void build_columns(glp_prob *lp, const struct ro_model *m)
{
	const struct bp_shop *s = m->s;
	const struct bp_policy *pol = &s->policy;
	double constant = 0;
	glp_add_cols(lp, m->ncols);
	for (int p = 0; p < s->nparts; p++) {
		const struct ro_part *pi = &m->parts[p];
		if (!pi->active)
			continue;
		int c = s->parts[p].supply;
		for (int k = 0; k < m->nslots[c]; k++) {
			set_col(lp, pi->xcol + k, GLP_IV, 0, pi->upper,
				bp_ro_unit_cost(m, p, m->slots[c][k]) * pi->pack);
			if (pi->zcol)
				set_col(lp, pi->zcol + k, GLP_BV, 0, 1, 0);
		}
		for (int d = 0; d < m->days; d++)
			set_col(lp, pi->scol + d, GLP_CV, 0, -1, pol->safety_shortfall_penalty);
	}
	for (int c = 0; c < BP_SUPPLIES; c++)
		for (int k = 0; k < m->nslots[c]; k++)
			set_col(lp, m->ycol[c] + k, GLP_BV, 0, 1, bp_ro_run_fee(m, c, k));
	for (int j = 0; j < m->njobs; j++) {
		if (!m->jobs[j].col)
			continue;
		/* penalty x (1 - u): the constant goes to column 0 */
		set_col(lp, m->jobs[j].col, GLP_BV, 0, 1, -m->jobs[j].value);
		constant += m->jobs[j].value;
	}
	glp_set_obj_coef(lp, 0, constant);
}

/* Stock of part p at time t from orders and the jobs the program decides:
 * the terms of a cover or close row. Fixed jobs add to *used instead;
 * *nfree counts the u terms. */
static int stock_terms(const struct ro_model *m, int p, int t, int *used, int *nfree)
{
	const struct ro_part *pi = &m->parts[p];
	int c = m->s->parts[p].supply, len = 0;
	*used = *nfree = 0;
	for (int k = 0; k < m->nslots[c] && m->slots[c][k] <= t; k++) {
		len++;
		m->ind[len] = pi->xcol + k;
		m->val[len] = pi->pack;
	}
	for (int i = pi->first; i < pi->first + pi->n && m->needs[i].t <= t; i++) {
		const struct ro_job *jb = &m->jobs[m->needs[i].ji];
		if (jb->fixed >= 0) {
			*used += jb->fixed ? m->needs[i].qty : 0;
			continue;
		}
		len++;
		m->ind[len] = jb->col;
		m->val[len] = -m->needs[i].qty;
		(*nfree)++;
	}
	return len;
}

static void part_rows(glp_prob *lp, const struct ro_model *m, int p)
{
	const struct ro_part *pi = &m->parts[p];
	const struct bp_part *pt = &m->s->parts[p];
	int c = pt->supply, used, nfree;
	/* Booked jobs come first: stock by each need time covers the served
	 * jobs up to it (unbooked demand does not take it from them). */
	for (int i = pi->first; i < pi->first + pi->n; i++) {
		int t = m->needs[i].t;
		if (i + 1 < pi->first + pi->n && m->needs[i + 1].t == t)
			continue;
		int len = stock_terms(m, p, t, &used, &nfree);
		int short_by = used - bp_ro_supply_by(pt, t);
		if (nfree) {
			add_row(lp, m, len, GLP_LO, short_by, 0);
		} else if (short_by > 0) {
			/* packs alone: whole packs cover it, the rounding the
			 * LP would otherwise have to learn from cuts */
			for (int k = 1; k <= len; k++)
				m->val[k] = 1;
			add_row(lp, m, len, GLP_LO, (short_by + pi->pack - 1) / pi->pack, 0);
		}
	}
	/* The moment before each candidate delivery (closes included): stock
	 * from earlier deliveries after jobs and unbooked demand is safety
	 * stock less the day's shortfall. A check that no order or job can
	 * change is left out: its shortfall, fixed, would let the day's other
	 * checks fall as far for nothing. */
	for (int k = 0; k < m->nslots[c]; k++) {
		int t = m->slots[c][k];
		int len = stock_terms(m, p, t - 1, &used, &nfree);
		if (!len)
			continue;
		len++;
		m->ind[len] = pi->scol + bp_ro_check_day(m, t);
		m->val[len] = 1;
		add_row(lp, m, len, GLP_LO,
			pi->ss + bp_ro_fc_by(m, p, t) + used - bp_ro_supply_by(pt, t - 1), 0);
	}
	/* An order needs its delivery run, and the minimum when it is more
	 * than a pack. */
	for (int k = 0; k < m->nslots[c]; k++) {
		int y = m->ycol[c] + k, x = pi->xcol + k, z = pi->zcol + k;
		m->ind[1] = x, m->val[1] = 1;
		m->ind[2] = pi->zcol ? z : y, m->val[2] = -pi->upper;
		add_row(lp, m, 2, GLP_UP, 0, 0);
		if (!pi->zcol)
			continue;
		m->ind[1] = x, m->val[1] = pi->pack;
		m->ind[2] = z, m->val[2] = -pt->min_order;
		add_row(lp, m, 2, GLP_LO, 0, 0);
		m->ind[1] = z, m->val[1] = 1;
		m->ind[2] = y, m->val[2] = -1;
		add_row(lp, m, 2, GLP_UP, 0, 0);
	}
}

/* Parts and delivery runs within the budget. */
static void budget_row(glp_prob *lp, const struct ro_model *m, double budget)
{
	const struct bp_shop *s = m->s;
	int len = 0;
	for (int p = 0; p < s->nparts; p++) {
		const struct ro_part *pi = &m->parts[p];
		if (!pi->active)
			continue;
		for (int k = 0; k < m->nslots[s->parts[p].supply]; k++) {
			len++;
			m->ind[len] = pi->xcol + k;
			m->val[len] = s->parts[p].unit_cost * pi->pack;
		}
	}
	for (int c = 0; c < BP_SUPPLIES; c++)
		for (int k = 0; k < m->nslots[c]; k++) {
			len++;
			m->ind[len] = m->ycol[c] + k;
			m->val[len] = s->policy.delivery_fee;
		}
	add_row(lp, m, len, GLP_UP, 0, budget);
}

/* Column values of a solution, for glp_ios_heur_sol. */
static void sol_columns(const struct ro_model *m, const struct ro_sol *x, double *v)
{
	const struct bp_shop *s = m->s;
	memset(v, 0, (size_t)(m->ncols + 1) * sizeof *v);
	for (int p = 0; p < s->nparts; p++) {
		const struct ro_part *pi = &m->parts[p];
		if (!pi->active)
			continue;
		int c = s->parts[p].supply;
		for (int k = 0; k < m->nslots[c]; k++) {
			int n = x->packs[pi->xoff + k];
			v[pi->xcol + k] = n;
			if (pi->zcol)
				v[pi->zcol + k] = n > 0;
			if (n > 0)
				v[m->ycol[c] + k] = 1;
		}
		for (int d = 0; d < m->days; d++)
			v[pi->scol + d] = x->short_units[(size_t)p * m->days + d];
	}
	for (int j = 0; j < m->njobs; j++)
		if (m->jobs[j].col)
			v[m->jobs[j].col] = x->covered[j];
}

/* Share of the time limit for RINS, before the full search. */
#define RINS_SHARE 0.3

struct search {
	const struct ro_model *m;
	const struct ro_sol *inc;
	int given;
	double bound;
	int have_bound;
	long it_stop;          /* simplex iterations (GLPK's count) to stop at */
};

static void on_search(glp_tree *tree, void *info)
{
	struct search *sr = info;
	/* the work limit: a count of simplex iterations, the same on any
	 * machine at any load, where a time limit is not */
	if (glp_get_it_cnt(glp_ios_get_prob(tree)) >= sr->it_stop) {
		glp_ios_terminate(tree);
		return;
	}
	if (glp_ios_reason(tree) == GLP_IHEUR && sr->inc && !sr->given) {
		sr->given = 1;
		sol_columns(sr->m, sr->inc, sr->m->colval);
		glp_ios_heur_sol(tree, sr->m->colval);
	}
	int best = glp_ios_best_node(tree);
	if (best) {
		sr->bound = glp_ios_node_bound(tree, best);
		sr->have_bound = 1;
	}
	glp_prob *lp = glp_ios_get_prob(tree);
	double lost = bp_ro_lost(sr->m);
	bp_ro_report(sr->m,
		     glp_mip_status(lp) == GLP_FEAS ? glp_mip_obj_val(lp) + lost
						    : sr->inc ? sr->inc->obj : NAN,
		     sr->have_bound ? sr->bound + lost : NAN);
}

static void read_solution(glp_prob *lp, const struct ro_model *m, struct ro_sol *x)
{
	const struct bp_shop *s = m->s;
	for (int p = 0; p < s->nparts; p++) {
		const struct ro_part *pi = &m->parts[p];
		if (!pi->active)
			continue;
		for (int k = 0; k < m->nslots[s->parts[p].supply]; k++)
			x->packs[pi->xoff + k] = (int)lround(glp_mip_col_val(lp, pi->xcol + k));
		for (int d = 0; d < m->days; d++)
			x->short_units[(size_t)p * m->days + d] = glp_mip_col_val(lp, pi->scol + d);
	}
	for (int j = 0; j < m->njobs; j++)
		x->covered[j] = m->jobs[j].col ? glp_mip_col_val(lp, m->jobs[j].col) > 0.5
					       : m->jobs[j].fixed == 1;
	x->obj = glp_mip_obj_val(lp);
}

/* Iterations left before `stop`, as GLPK's it_lim wants them. */
static int its_left(glp_prob *lp, long stop)
{
	long left = stop - glp_get_it_cnt(lp);
	return left < 1 ? 1 : left > 1000000000L ? 1000000000 : (int)left;
}

static void solve_lp(glp_prob *lp, double tlim, long it_stop, double *bound)
{
	glp_smcp sp;
	bp_glp_simplex_parm(&sp, GLP_ON);
	sp.tm_lim = bp_glp_tm_lim(tlim);
	sp.it_lim = its_left(lp, it_stop);
	if (glp_simplex(lp, &sp) == 0 && glp_get_status(lp) == GLP_OPT)
		*bound = glp_get_obj_val(lp);
}

static void build(glp_prob *lp, const struct ro_model *m, double budget)
{
	glp_set_obj_dir(lp, GLP_MIN);
	build_columns(lp, m);
	for (int p = 0; p < m->s->nparts; p++)
		if (m->parts[p].active)
			part_rows(lp, m, p);
	if (budget >= 0)
		budget_row(lp, m, budget);
}

int bp_ro_lp_served(struct ro_model *m, double budget, double tlim, long iters,
		    double *served, struct bp_err *err)
{
	bp_ro_fix_jobs(m, budget >= 0);
	double bound = -HUGE_VAL;
	struct bp_glp_guard g;
	glp_prob *volatile lp = NULL;
	if (BP_GLP_FAILED(&g))
		return bp_glp_failure(&g, err);
	lp = glp_create_prob();
	build(lp, m, budget);
	solve_lp(lp, tlim, iters, &bound);
	for (int j = 0; j < m->njobs; j++) {
		const struct ro_job *jb = &m->jobs[j];
		if (jb->col)
			served[j] = bound > -HUGE_VAL ? glp_get_col_prim(lp, jb->col) : -1;
		else
			served[j] = jb->fixed;
	}
	glp_delete_prob(lp);
	bp_glp_end(&g);
	return BP_OK;
}

/* RINS (relaxation induced neighbourhood search): fix every column on
 * which the root LP and the incumbent agree, solve what is left within
 * tlim, and take the answer when it is better; then free the columns again
 * and re-solve the LP, as glp_intopt without presolver needs its basis. */
static void rins(glp_prob *lp, struct ro_model *m, struct search *sr, double tlim,
		 long iters, double gap, struct ro_sol *better)
{
	long it_stop = sr->it_stop;
	int n = m->ncols;
	sol_columns(m, sr->inc, m->colval);
	int nfix = 0;
	for (int c = 1; c <= n; c++) {
		m->save_type[c] = glp_get_col_type(lp, c);
		m->save_lo[c] = glp_get_col_lb(lp, c);
		m->save_hi[c] = glp_get_col_ub(lp, c);
		if (fabs(glp_get_col_prim(lp, c) - m->colval[c]) < 1e-6) {
			glp_set_col_bnds(lp, c, GLP_FX, m->colval[c], m->colval[c]);
			nfix++;
		}
	}
	glp_iocp parm;
	bp_glp_intopt_parm(&parm, GLP_OFF);
	parm.mip_gap = gap;
	parm.cb_func = on_search;
	parm.cb_info = sr;
	double t0 = bp_clock(), b;
	sr->given = 0;
	sr->it_stop = glp_get_it_cnt(lp) + iters;
	if (nfix < n) {
		solve_lp(lp, tlim, sr->it_stop, &b);
		if (glp_get_status(lp) == GLP_OPT) {
			parm.tm_lim = bp_glp_tm_lim(tlim - (bp_clock() - t0));
			glp_intopt(lp, &parm);
			int st = glp_mip_status(lp);
			if ((st == GLP_OPT || st == GLP_FEAS) &&
			    glp_mip_obj_val(lp) + bp_ro_lost(m) < sr->inc->obj - 1e-6) {
				read_solution(lp, m, better);
				better->obj += bp_ro_lost(m);
				sr->inc = better;
			}
		}
	}
	for (int c = 1; c <= n; c++)
		glp_set_col_bnds(lp, c, m->save_type[c], m->save_lo[c], m->save_hi[c]);
	sr->given = 0;
	sr->it_stop = it_stop;
	solve_lp(lp, tlim, it_stop, &b);
}

/* Build and solve once; the guard turns a GLPK failure into err. With an
 * incumbent the MIP presolver stays off, so that the incumbent's columns
 * are GLPK's: the root LP is solved first (its presolver is fine). */
int bp_ro_run_ip(struct ro_model *m, double budget, double tlim, long iters, double gap,
		 const struct ro_sol *inc, struct ro_sol *better, struct ro_sol *x,
		 struct bp_err *err)
{
	double t0 = bp_clock();
	bp_ro_fix_jobs(m, budget >= 0);
	double lost = bp_ro_lost(m);
	struct search sr = {m, inc, 0, -HUGE_VAL, 0, iters};
	double lp_bound = -HUGE_VAL;
	struct bp_glp_guard g;
	glp_prob *volatile lp = NULL;
	if (BP_GLP_FAILED(&g))
		return bp_glp_failure(&g, err);
	lp = glp_create_prob();
	build(lp, m, budget);

	glp_iocp parm;
	bp_glp_intopt_parm(&parm, inc ? GLP_OFF : GLP_ON);
	parm.mir_cuts = GLP_ON;
	parm.cov_cuts = GLP_ON;
	parm.gmi_cuts = GLP_ON;
	parm.mip_gap = gap;
	parm.cb_func = on_search;
	parm.cb_info = &sr;
	int ret = GLP_EROOT;
	if (inc)
		solve_lp(lp, tlim, iters, &lp_bound);
	if (inc && lp_bound > -HUGE_VAL && better) {
		rins(lp, m, &sr, RINS_SHARE * (tlim - (bp_clock() - t0)),
		     (long)(RINS_SHARE * (iters - glp_get_it_cnt(lp))), gap, better);
		if (glp_get_status(lp) != GLP_OPT)
			lp_bound = -HUGE_VAL;
	}
	if (!inc || lp_bound > -HUGE_VAL) {
		parm.tm_lim = bp_glp_tm_lim(tlim - (bp_clock() - t0));
		ret = glp_intopt(lp, &parm);
	}
	int st = ret == GLP_EROOT ? GLP_UNDEF : glp_mip_status(lp);
	if (st == GLP_OPT || st == GLP_FEAS) {
		read_solution(lp, m, x);
		if (st == GLP_OPT)
			x->status = BP_RUN_OPTIMAL;
		else
			x->status = ret == GLP_ETMLIM ? BP_RUN_TIME_LIMIT : BP_RUN_FEASIBLE;
		x->bound = st == GLP_OPT ? x->obj : sr.have_bound ? sr.bound : lp_bound;
		x->obj += lost;
		x->bound += lost;
	} else {
		x->status = BP_RUN_FAILED;
	}
	if (sr.inc && (x->status == BP_RUN_FAILED || sr.inc->obj < x->obj - 1e-6)) {
		/* GLPK found nothing better in time: the incumbent stands.
		 * Every cost is >= 0, so without an LP the bound is the
		 * penalty no order can avoid. */
		double bound = sr.have_bound ? sr.bound : lp_bound;
		bp_ro_sol_copy(m, x, sr.inc);
		x->status = BP_RUN_TIME_LIMIT;
		x->bound = (bound > 0 ? bound : 0) + lost;
	}
	if (x->bound > x->obj)
		x->bound = x->obj;
	glp_delete_prob(lp);
	bp_glp_end(&g);
	return BP_OK;
}
