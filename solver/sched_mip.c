/*
 * sched_mip.c - the schedule as a GLPK integer program. One binary per
 * column (job x technician class x bay class x start slot); rows: each job
 * at most once, each class's capacity per slot, each stock row. The root LP
 * is solved with glp_simplex, then glp_intopt runs without its presolver so
 * that our own incumbents (construction + local search, and LP roundings at
 * the nodes) can be handed in with glp_ios_heur_sol.
 */
#include "sched_int.h"

#include <float.h>
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glp.h"

struct rows {
	int *job_row;               /* per model job, 0 = none */
	int *tc_row, *bc_row;       /* per class x slot, 0 = never binding */
	int *stock_row;
	int nrows;
};

static void rows_free(struct rows *r)
{
	free(r->job_row);
	free(r->tc_row);
	free(r->bc_row);
	free(r->stock_row);
}

/* A capacity row is only needed where more jobs could be there than the
 * class has members. */
static int plan_rows(const struct bp_model *m, struct rows *r)
{
	size_t nt = (size_t)m->ntc * (size_t)m->nslots, nb = (size_t)m->nbc * (size_t)m->nslots;
	memset(r, 0, sizeof *r);
	r->job_row = calloc((size_t)m->njobs + 1, sizeof(int));
	r->tc_row = calloc(nt + 1, sizeof(int));
	r->bc_row = calloc(nb + 1, sizeof(int));
	r->stock_row = calloc((size_t)m->nstock + 1, sizeof(int));
	int *tlast = malloc((nt + 1) * sizeof(int)), *blast = malloc((nb + 1) * sizeof(int));
	if (!r->job_row || !r->tc_row || !r->bc_row || !r->stock_row || !tlast || !blast) {
		free(tlast);
		free(blast);
		rows_free(r);
		return -1;
	}
	/* Count distinct jobs that could cover each class-slot (columns are
	 * grouped by job, so remembering the last job seen is enough). */
	for (size_t i = 0; i < nt; i++)
		tlast[i] = -1;
	for (size_t i = 0; i < nb; i++)
		blast[i] = -1;
	for (int c = 0; c < m->ncols; c++) {
		const struct bp_col *col = &m->cols[c];
		for (int t = col->s; t < col->s + col->d; t++) {
			size_t ti = (size_t)col->tc * (size_t)m->nslots + (size_t)t;
			size_t bi = (size_t)col->bc * (size_t)m->nslots + (size_t)t;
			if (tlast[ti] != col->job) {
				tlast[ti] = col->job;
				r->tc_row[ti]++;
			}
			if (blast[bi] != col->job) {
				blast[bi] = col->job;
				r->bc_row[bi]++;
			}
		}
	}
	free(tlast);
	free(blast);
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
	r->nrows = n;
	return 0;
}

/* Fill the problem. Names only when writing LP files: they cost time. */
static glp_prob *build_prob(const struct bp_model *m, const struct rows *r, int names,
			    int *nnz_out)
{
	const struct bp_shop *s = m->shop;
	glp_prob *lp = glp_create_prob();
	glp_set_prob_name(lp, "bayplan_schedule");
	glp_set_obj_dir(lp, GLP_MAX);
	if (r->nrows)
		glp_add_rows(lp, r->nrows);
	if (m->ncols)
		glp_add_cols(lp, m->ncols);
	char nm[128];
	for (int j = 0; j < m->njobs; j++)
		if (r->job_row[j]) {
			glp_set_row_bnds(lp, r->job_row[j], GLP_UP, 0, 1);
			if (names) {
				snprintf(nm, sizeof nm, "once_%s", s->jobs[m->jobs[j].job].id);
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
			glp_set_row_name(lp, r->stock_row[k], nm);
		}
	}
	int maxlen = 1;
	for (int c = 0; c < m->ncols; c++) {
		int len = 1 + 2 * m->cols[c].d + m->srow_start[c + 1] - m->srow_start[c];
		if (len > maxlen)
			maxlen = len;
	}
	int *ind = malloc(((size_t)maxlen + 1) * sizeof(int));
	double *val = malloc(((size_t)maxlen + 1) * sizeof(double));
	int nnz = 0;
	for (int c = 0; ind && val && c < m->ncols; c++) {
		const struct bp_col *col = &m->cols[c];
		int n = 0;
		ind[++n] = r->job_row[col->job];
		val[n] = 1;
		for (int t = col->s; t < col->s + col->d; t++) {
			int ti = r->tc_row[col->tc * m->nslots + t];
			int bi = r->bc_row[col->bc * m->nslots + t];
			if (ti) {
				ind[++n] = ti;
				val[n] = 1;
			}
			if (bi) {
				ind[++n] = bi;
				val[n] = 1;
			}
		}
		for (int k = m->srow_start[c]; k < m->srow_start[c + 1]; k++) {
			ind[++n] = r->stock_row[m->srow_idx[k]];
			val[n] = m->srow_qty[k];
		}
		glp_set_mat_col(lp, c + 1, n, ind, val);
		glp_set_col_kind(lp, c + 1, GLP_BV);
		glp_set_obj_coef(lp, c + 1, col->value);
		nnz += n;
		if (names) {
			snprintf(nm, sizeof nm, "x_%s_t%d_b%d_s%d", s->jobs[m->jobs[col->job].job].id,
				 col->tc, col->bc, col->s);
			/* LP format names may not contain every character ids allow. */
			for (char *p = nm; *p; p++)
				if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
				      (*p >= '0' && *p <= '9') || *p == '_' || *p == '.'))
					*p = '_';
			glp_set_col_name(lp, c + 1, nm);
		}
	}
	free(ind);
	free(val);
	if (nnz_out)
		*nnz_out = nnz;
	return lp;
}

struct cb {
	const struct bp_model *m;
	struct bp_state *best;       /* our incumbent */
	struct bp_state trial;
	int *order, *cand;
	double *x;                   /* 1-based, for glp_ios_heur_sol */
	double t0, deadline, last_report, last_heur;
	double bound;
	int root_sent, stopped;
};

static const double *cand_x;
static const struct bp_model *cand_m;

static int cmp_cand(const void *a, const void *b)
{
	int i = *(const int *)a, j = *(const int *)b;
	if (cand_x[i + 1] != cand_x[j + 1])
		return cand_x[i + 1] > cand_x[j + 1] ? -1 : 1;
	double vi = cand_m->cols[i].value, vj = cand_m->cols[j].value;
	return (vi < vj) - (vi > vj);
}

/* Round the node's LP greedily (largest values first), complete it with the
 * construction, polish it briefly. */
static void round_lp(struct cb *d, glp_prob *P)
{
	const struct bp_model *m = d->m;
	int n = 0;
	for (int c = 0; c < m->ncols; c++) {
		d->x[c + 1] = glp_get_col_prim(P, c + 1);
		if (d->x[c + 1] > 1e-6)
			d->cand[n++] = c;
	}
	cand_x = d->x;
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
	bp_sched_improve(&d->trial, bp_clock() + (budget < 0.3 ? budget : 0.3));
	if (d->trial.value > d->best->value + 1e-7)
		bp_state_copy(d->best, &d->trial);
}

static void send_best(struct cb *d, glp_tree *tree)
{
	const struct bp_model *m = d->m;
	for (int c = 0; c < m->ncols; c++)
		d->x[c + 1] = 0;
	for (int j = 0; j < m->njobs; j++)
		if (d->best->chosen[j] >= 0)
			d->x[d->best->chosen[j] + 1] = 1;
	glp_ios_heur_sol(tree, d->x);
}

static void on_tree(glp_tree *tree, void *info)
{
	struct cb *d = info;
	glp_prob *P = glp_ios_get_prob(tree);
	double now = bp_clock();
	int best = glp_ios_best_node(tree);
	if (best)
		d->bound = glp_ios_node_bound(tree, best);
	switch (glp_ios_reason(tree)) {
	case GLP_IHEUR:
		if (!d->root_sent) {
			d->root_sent = 1;
			round_lp(d, P);
			send_best(d, tree);
			d->last_heur = bp_clock();
		} else if (now - d->last_heur > 1.0 && now < d->deadline) {
			double before = d->best->value;
			round_lp(d, P);
			if (d->best->value > before + 1e-7)
				send_best(d, tree);
			d->last_heur = bp_clock();
		}
		break;
	default:
		break;
	}
	if (d->m->opts->progress && now - d->last_report >= 1.0) {
		double inc = d->best->value;
		if (glp_mip_status(P) == GLP_FEAS && glp_mip_obj_val(P) > inc)
			inc = glp_mip_obj_val(P);
		double gap = fabs(d->bound - inc) / (fabs(inc) + DBL_EPSILON);
		d->m->opts->progress(d->m->opts->progress_arg, inc, d->bound, gap, now - d->t0);
		d->last_report = now;
	}
	if (now > d->deadline) {
		d->stopped = 1;
		glp_ios_terminate(tree);
	}
}

static double trivial_bound(const struct bp_model *m)
{
	double b = 0;
	for (int j = 0; j < m->njobs; j++) {
		double v = 0;
		for (int c = m->jobs[j].c0; c < m->jobs[j].c1; c++)
			if (m->cols[c].value > v)
				v = m->cols[c].value;
		b += v;
	}
	return b;
}

int bp_sched_mip(const struct bp_model *m, struct bp_state *best, double deadline,
		 struct bp_mip_result *res, struct bp_err *err)
{
	struct rows r;
	struct cb d;
	memset(res, 0, sizeof *res);
	res->bound = trivial_bound(m);
	res->lp_bound = res->bound;
	if (m->ncols == 0) {
		res->proven = 1;
		res->bound = 0;
		return BP_OK;
	}
	if (plan_rows(m, &r))
		return bp_err_set(err, BP_EINTERNAL, "out of memory building the schedule rows");
	memset(&d, 0, sizeof d);
	d.m = m;
	d.best = best;
	d.order = malloc(((size_t)m->njobs + 1) * sizeof(int));
	d.cand = malloc(((size_t)m->ncols + 1) * sizeof(int));
	d.x = malloc(((size_t)m->ncols + 1) * sizeof(double));
	if (!d.order || !d.cand || !d.x || bp_state_init(&d.trial, m)) {
		rows_free(&r);
		free(d.order);
		free(d.cand);
		free(d.x);
		return bp_err_set(err, BP_EINTERNAL, "out of memory for the solver callback");
	}
	bp_sched_priority(m, d.order);
	d.t0 = bp_clock();
	d.deadline = deadline;
	d.bound = res->bound;
	res->rows = r.nrows;

	struct bp_glp_guard g;
	glp_prob *volatile lp = NULL;
	int rc = BP_OK;
	if (BP_GLP_FAILED(&g)) {
		rc = bp_glp_failure(&g, err);
		goto out;
	}
	lp = build_prob(m, &r, 0, &res->nonzeros);

	glp_smcp sm;
	glp_init_smcp(&sm);
	sm.msg_lev = GLP_MSG_OFF;
	sm.presolve = GLP_ON;
	double left = deadline - bp_clock();
	sm.tm_lim = left > 0.001 ? (int)(left * 1000) : 1;
	int lprc = glp_simplex(lp, &sm);
	if (lprc != 0 || glp_get_status(lp) != GLP_OPT) {
		/* No LP in time: our plan stands, bounded by the trivial bound. */
		res->stopped_by_time = 1;
		goto done;
	}
	res->lp_bound = glp_get_obj_val(lp);
	if (res->lp_bound < res->bound)
		res->bound = res->lp_bound;
	d.bound = res->bound;

	glp_iocp io;
	glp_init_iocp(&io);
	io.msg_lev = GLP_MSG_OFF;
	io.presolve = GLP_OFF;
	io.br_tech = GLP_BR_MFV;
	io.bt_tech = GLP_BT_BLB;
	io.clq_cuts = GLP_ON;
	io.mip_gap = m->opts->gap;
	io.cb_func = on_tree;
	io.cb_info = &d;
	left = deadline - bp_clock();
	io.tm_lim = left > 0.001 ? (int)(left * 1000) : 1;
	int iprc = glp_intopt(lp, &io);
	int st = glp_mip_status(lp);
	if (st == GLP_OPT || st == GLP_FEAS) {
		/* GLPK's incumbent may have beaten ours: take it over. */
		double v = glp_mip_obj_val(lp);
		if (v > best->value + 1e-7) {
			bp_state_clear(best);
			for (int c = 0; c < m->ncols; c++)
				if (glp_mip_col_val(lp, c + 1) > 0.5)
					bp_state_add(best, c);
		}
	}
	if (iprc == 0 && st == GLP_OPT && !d.stopped) {
		res->proven = 1;
		/* Finished, or stopped within mip_gap: the bound is the best open
		 * node's as last seen (it only falls), never below the plan. */
		res->bound = d.bound > best->value ? d.bound : best->value;
	} else {
		res->stopped_by_time = 1;
		if (d.bound < res->bound)
			res->bound = d.bound;
	}
done:
	glp_delete_prob(lp);
	bp_glp_end(&g);
out:
	rows_free(&r);
	bp_state_free(&d.trial);
	free(d.order);
	free(d.cand);
	free(d.x);
	if (res->bound < best->value)
		res->bound = best->value;
	return rc;
}

int bp_sched_mip_write(const struct bp_model *m, const char *path, struct bp_err *err)
{
	struct rows r;
	if (plan_rows(m, &r))
		return bp_err_set(err, BP_EINTERNAL, "out of memory building the schedule rows");
	struct bp_glp_guard g;
	glp_prob *volatile lp = NULL;
	int rc = BP_OK;
	if (BP_GLP_FAILED(&g)) {
		rows_free(&r);
		return bp_glp_failure(&g, err);
	}
	lp = build_prob(m, &r, 1, NULL);
	if (glp_write_lp(lp, NULL, path) != 0)
		rc = bp_err_set(err, BP_EIO, "could not write the LP file %s", path);
	glp_delete_prob(lp);
	bp_glp_end(&g);
	rows_free(&r);
	return rc;
}
