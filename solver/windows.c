/*
 * windows.c - the appointment-windows integer program, one per day.
 *
 * Offers. For class c and window w, x[c,w] integer = booked + sum_i y[c,w,i]
 * (y in [0,1]), booked <= x <= max(booked, cap): cap is the demand_quantile
 * (nearest rank) of the class's bookings in that window over the history's
 * days of that weekday; 0 for a weekday the history never opens (Sundays);
 * no cap without history (the advisors bound it). Offer i is worth
 * v[c,w] P(D >= i | D >= booked), D the bookings on such days: concave, so
 * the LP fills offers in order, where they are likely to be taken.
 * Work. A booking brings e[c,w] = max(show, 1/max_overbook) of its work
 * (overbooking for no-shows, bounded by policy.max_overbook). That work is
 * split as continuous flows over groups of identical technicians qualified
 * for c (n[c,w,g], minutes dur[c,g] at the group's level) and over groups
 * of bays that serve c's bay type (m[c,w,h], the class's mean minutes):
 *	sum_g n[c,w,g] + uT[c,w] = e x[c,w]     sum_h m[c,w,h] + uB[c,w] = e x[c,w]
 * Work released by windows that start at or after t (start + the learned
 * median lateness) must fit in what each group has left from t: one row per
 * group and distinct start, which couples classes sharing people or bays:
 *	sum_{c, w: start_w >= t} dur[c,g] n[c,w,g] <= minutes of g in [t, close+OT)
 *	sum_{c, w: start_w >= t} mins[c] m[c,w,h]  <= minutes of h in [t, close+OT)
 * Check-ins: sum_c e x[c,w] - uA[w] <= advisors x checkins_per_hour x the
 * window's hours on the desk (open to close), and over the day
 * sum_cw e x[c,w] - uD <= advisors x policy.advisor_day_max.
 * Loan cars go out when the car is dropped off and come back when it is
 * collected (the promised time; the day's end without one). A new booking's
 * collection time is not known, so its car counts as out at the busiest
 * time of the bookings' loans (bp_windows_loans_out); a share p of new
 * bookings takes one (the store's bookings say how many customers do),
 *	p sum_cw (x[c,w] - booked) + loans booked - uL <= loan_cars
 * (held in whole bookings: the row's right side rounded down).
 * Each date is the day the workshop will live (model/day.h): the roster's
 * absences and shifts and the bays closed that date.
 * Maximise sum v P y - M (uT + uB + uA + uD + uL); v is the tier-weighted value of a
 * booking that shows (tier mix and show rates from history). The u's only
 * ever carry bookings already made that do not fit; they are reported.
 */
#include "windows.h"

#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "glp.h"
#include "model/day.h"
#include "stop.h"

#define PENALTY 1000.0     /* per expected job that does not fit: >> any v */

struct wm {
	const struct bp_shop *s;
	const struct bp_shop *t;   /* the day's technicians and bays (model/day.h) */
	const struct bp_learned *l;
	const struct bp_windows_opts *o;
	int ncls, nw, ng, nh, nk;
	struct bp_wclass *cls;
	int *cls_of;               /* by service */
	int *tg_of, *tg_rep;       /* technician -> group; group -> a member */
	int *bg_of, *bg_rep;
	double *dur;               /* [c * ng + g]; 0 = g cannot do c */
	double *mins;              /* [c]: mean minutes over qualified technicians */
	unsigned char *bay_ok;     /* [c * nh + h] */
	double *e, *v, *show;      /* [c * nw + w] */
	int eff[BP_MAX_WINDOWS];   /* effective start of each window */
	int tau[BP_MAX_WINDOWS];   /* distinct effective starts, ascending */
	int adv[BP_MAX_WINDOWS];
	int adv_on;                /* check-ins are planned (advisors and a rate) */
	int adv_day;               /* the day's check-ins at most; -1 = no bound */
	double loan_p;             /* share of bookings whose customer takes a loan car */
	int ndates;                /* history days */
	int *dates;                /* sorted */
	int *hist;                 /* [(date * ncls + c) * nw + w] bookings */
	double *q;                 /* scratch, ndates */
	double *sw;                /* [service]: how often history asked for it, + 1 */
};

void bp_windows_opts_init(struct bp_windows_opts *o)
{
	o->demand_quantile = 0.9;
	o->use_lateness = 1;
	o->time_limit = 30;
	o->gap = 1e-4;
	o->progress = NULL;
	o->progress_arg = NULL;
}

static int overlap(int a0, int a1, int b0, int b1)
{
	int lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;
	return hi > lo ? hi - lo : 0;
}

/* A technician's working minutes from t to the day's end. Overtime is not
 * sold: it stays the buffer for over-runs and late arrivals. */
static int tech_from(const struct bp_shop *s, const struct bp_technician *T, int t)
{
	int b = t > T->shift.start ? t : T->shift.start;
	int e = T->shift.end;
	if (e > s->info.close + s->info.overtime_minutes)
		e = s->info.close + s->info.overtime_minutes;
	if (e <= b)
		return 0;
	int m = e - b;
	for (int k = 0; k < T->nbreaks; k++)
		m -= overlap(b, e, T->breaks[k].start, T->breaks[k].end);
	return m > 0 ? m : 0;
}

static int bay_from(const struct bp_shop *s, const struct bp_bay *B, int t)
{
	int b = t > s->info.open ? t : s->info.open;
	int e = s->info.close + s->info.overtime_minutes;
	if (e <= b)
		return 0;
	int m = e - b;
	for (int k = 0; k < B->nclosed; k++)
		m -= overlap(b, e, B->closed[k].start, B->closed[k].end);
	return m > 0 ? m : 0;
}

static int same_tech(const struct bp_technician *a, const struct bp_technician *b)
{
	return memcmp(a->level, b->level, sizeof a->level) == 0 &&
	       a->shift.start == b->shift.start && a->shift.end == b->shift.end &&
	       a->nbreaks == b->nbreaks &&
	       memcmp(a->breaks, b->breaks, (size_t)a->nbreaks * sizeof a->breaks[0]) == 0;
}

static int same_bay(const struct bp_bay *a, const struct bp_bay *b)
{
	return a->type == b->type && a->nclosed == b->nclosed &&
	       memcmp(a->closed, b->closed, (size_t)a->nclosed * sizeof a->closed[0]) == 0;
}

static void groups(struct wm *m)
{
	const struct bp_shop *s = m->t;
	m->ng = m->nh = 0;
	for (int t = 0; t < s->ntechs; t++) {
		int g = 0;
		while (g < m->ng && !same_tech(&s->techs[m->tg_rep[g]], &s->techs[t]))
			g++;
		if (g == m->ng)
			m->tg_rep[m->ng++] = t;
		m->tg_of[t] = g;
	}
	for (int b = 0; b < s->nbays; b++) {
		int h = 0;
		while (h < m->nh && !same_bay(&s->bays[m->bg_rep[h]], &s->bays[b]))
			h++;
		if (h == m->nh)
			m->bg_rep[m->nh++] = b;
		m->bg_of[b] = h;
	}
}

/* Minutes of a service at level lv: its figure there, else the nearest
 * level that has one (a shop may leave a higher level blank). */
static int svc_minutes(const struct bp_service *S, int lv)
{
	for (int d = 0; d < BP_LEVELS; d++) {
		if (lv - d >= S->level && S->minutes[lv - d])
			return S->minutes[lv - d];
		if (lv + d <= BP_LEVELS && S->minutes[lv + d])
			return S->minutes[lv + d];
	}
	return 0;
}

/* Expected minutes of a class-c booking at level lv: services weighted by
 * how often history asked for them (each at least once, so a new service
 * counts). */
static double class_minutes(const struct wm *m, int c, int lv)
{
	double sum = 0, wt = 0;
	for (int i = 0; i < m->s->nservices; i++) {
		if (m->cls_of[i] != c)
			continue;
		int x = svc_minutes(&m->s->services[i], lv);
		if (!x)
			continue;
		sum += m->sw[i] * x;
		wt += m->sw[i];
	}
	return wt > 0 ? sum / wt : 0;
}

static void weights(struct wm *m)
{
	const struct bp_shop *s = m->s;
	for (int i = 0; i < s->nservices; i++)
		m->sw[i] = 1;
	for (int i = 0; i < s->nactuals; i++)
		if (s->actuals[i].service >= 0 && s->actuals[i].service < s->nservices)
			m->sw[s->actuals[i].service] += 1;
}

/* The classes' minutes on the day's technicians and bays (after groups). */
static void durations(struct wm *m)
{
	const struct bp_shop *s = m->t;
	memset(m->dur, 0, (size_t)m->ncls * ((size_t)m->s->ntechs + 1) * sizeof *m->dur);
	for (int c = 0; c < m->ncls; c++) {
		const struct bp_wclass *C = &m->cls[c];
		double tot = 0;
		int n = 0;
		for (int g = 0; g < m->ng; g++) {
			int lv = s->techs[m->tg_rep[g]].level[C->skill];
			if (lv >= C->level)
				m->dur[c * m->ng + g] = class_minutes(m, c, lv);
		}
		for (int t = 0; t < s->ntechs; t++) {
			double d = m->dur[c * m->ng + m->tg_of[t]];
			if (d > 0) {
				tot += d;
				n++;
			}
		}
		m->mins[c] = n ? tot / n : class_minutes(m, c, C->level);
		for (int h = 0; h < m->nh; h++)
			m->bay_ok[c * m->nh + h] =
				bp_bay_serves(s, s->bays[m->bg_rep[h]].type, C->bay_type);
	}
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static int cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int date_index(const struct wm *m, int day)
{
	int lo = 0, hi = m->ndates - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (m->dates[mid] == day)
			return mid;
		if (m->dates[mid] < day)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* Bookings per history day, class and window; tier mix and show rate per
 * class and window. */
static int history(struct wm *m)
{
	const struct bp_shop *s = m->s;
	int n = 0;
	m->dates = malloc(((size_t)s->nactuals + 1) * sizeof *m->dates);
	if (!m->dates)
		return -1;
	for (int i = 0; i < s->nactuals; i++)
		m->dates[n++] = s->actuals[i].date;
	qsort(m->dates, (size_t)n, sizeof *m->dates, cmp_int);
	int k = 0;
	for (int i = 0; i < n; i++)
		if (!k || m->dates[k - 1] != m->dates[i])
			m->dates[k++] = m->dates[i];
	m->ndates = k;
	m->hist = calloc((size_t)k * m->ncls * m->nw + 1, sizeof *m->hist);
	m->q = malloc(((size_t)k + 1) * sizeof *m->q);
	double *tc = calloc((size_t)m->ncls * m->nw * BP_TIERS + 1, sizeof *tc);
	if (!m->hist || !m->q || !tc) {
		free(tc);
		return -1;
	}
	double all[BP_TIERS] = {0}, nall = 0;
	for (int i = 0; i < s->nactuals; i++) {
		const struct bp_actual *a = &s->actuals[i];
		int t = a->tier >= 0 && a->tier < BP_TIERS ? (int)a->tier : BP_TIER_BASIC;
		all[t]++;
		nall++;
		if (a->service < 0 || a->service >= s->nservices || a->window < 0 ||
		    a->window >= m->nw)
			continue;
		int c = m->cls_of[a->service], cw = c * m->nw + a->window;
		m->hist[(size_t)date_index(m, a->date) * m->ncls * m->nw + cw]++;
		tc[cw * BP_TIERS + t]++;
	}
	const double kp = m->l ? m->l->opts.prior_weight : 10;
	for (int c = 0; c < m->ncls; c++)
		for (int w = 0; w < m->nw; w++) {
			int cw = c * m->nw + w;
			double ncw = 0, show = 0, val = 0;
			for (int t = 0; t < BP_TIERS; t++)
				ncw += tc[cw * BP_TIERS + t];
			for (int t = 0; t < BP_TIERS; t++) {
				/* A class's mix leans on the shop's; no history: even. */
				double p = nall ? all[t] / nall : 1.0 / BP_TIERS;
				double mix = (tc[cw * BP_TIERS + t] + kp * p) / (ncw + kp);
				double sr = 1;
				if (m->l && w < m->l->nwindows)
					sr = m->l->win[w][t].show_rate;
				show += mix * sr;
				val += mix * sr * s->policy.tier_weight[t];
			}
			double mo = s->policy.max_overbook > 1 ? s->policy.max_overbook : 1;
			m->show[cw] = show;
			m->e[cw] = show > 1 / mo ? show : 1 / mo;
			m->v[cw] = val;
		}
	free(tc);
	return 0;
}

/* The offer's cap for class c in window w on weekday wd: the
 * demand_quantile of bookings on the history's days of that weekday
 * (nearest rank, zeros included, so it is a count that happened); 0 when
 * the history has no such weekday (the shop was closed); -1 without history. */
static int demand_cap(struct wm *m, int c, int w, int wd)
{
	if (!m->ndates)
		return -1;
	int k = 0;
	for (int d = 0; d < m->ndates; d++)
		if (bp_weekday(m->dates[d]) == wd)
			m->q[k++] = m->hist[((size_t)d * m->ncls + c) * m->nw + w];
	if (!k)
		return 0;
	qsort(m->q, (size_t)k, sizeof *m->q, cmp_dbl);
	int r = (int)ceil(m->o->demand_quantile * k - 1e-9);
	if (r < 1)
		r = 1;
	return (int)m->q[r - 1];
}

/* One day's model: column numbers to read the answer back. */
struct day {
	int day, wd;
	int *booked, *ub;          /* [c * nw + w] */
	int *cx, *cuT, *cuB;
	int cuA[BP_MAX_WINDOWS];
	int cuD, cuL;
	int loans;                 /* booked jobs taking a loan car */
	int rows, cols;
};

static int add_col(glp_prob *lp, int kind, double lb, double ub, double obj, int n,
		   const int *ind, const double *val)
{
	int j = glp_add_cols(lp, 1);
	glp_set_col_kind(lp, j, kind);
	if (ub < 0)
		glp_set_col_bnds(lp, j, GLP_LO, lb, 0);
	else if (ub <= lb)
		glp_set_col_bnds(lp, j, GLP_FX, lb, lb);
	else
		glp_set_col_bnds(lp, j, GLP_DB, lb, ub);
	glp_set_obj_coef(lp, j, obj);
	glp_set_mat_col(lp, j, n, ind, val);
	return j;
}

/* Share of the history's days of weekday wd with at least i bookings of
 * class c in window w: the chance that an i-th offer is taken. */
static double taken(const struct wm *m, int c, int w, int wd, int i)
{
	if (!m->ndates)
		return 1;
	int n = 0, k = 0;
	for (int d = 0; d < m->ndates; d++)
		if (bp_weekday(m->dates[d]) == wd) {
			n++;
			k += m->hist[((size_t)d * m->ncls + c) * m->nw + w] >= i;
		}
	return n ? (double)k / n : 0;
}

static void build(const struct wm *m, struct day *D, glp_prob *lp)
{
	const struct bp_shop *s = m->t;
	const int ncw = m->ncls * m->nw;
	const int rX = 2 * ncw, rT = 3 * ncw, rB = rT + m->ng * m->nk, rA = rB + m->nh * m->nk;
	const int rD = rA + m->nw + 1, rL = rD + 1;
	int ind[BP_MAX_WINDOWS + 8];
	double val[BP_MAX_WINDOWS + 8];
	double booked_loans = 0;   /* what the booked ones count in the loan row */

	glp_set_obj_dir(lp, GLP_MAX);
	D->rows = rA + m->nw + 2;
	glp_add_rows(lp, D->rows);
	for (int i = 1; i <= 2 * ncw; i++)
		glp_set_row_bnds(lp, i, GLP_FX, 0, 0);
	for (int i = 0; i < ncw; i++)
		glp_set_row_bnds(lp, rX + i + 1, GLP_FX, D->booked[i], D->booked[i]);
	for (int k = 0; k < m->nk; k++) {
		for (int g = 0; g < m->ng; g++) {
			double cap = 0;
			for (int t = 0; t < s->ntechs; t++)
				if (m->tg_of[t] == g)
					cap += tech_from(s, &s->techs[t], m->tau[k]);
			glp_set_row_bnds(lp, rT + g * m->nk + k + 1, GLP_UP, 0, cap);
		}
		for (int h = 0; h < m->nh; h++) {
			double cap = 0;
			for (int b = 0; b < s->nbays; b++)
				if (m->bg_of[b] == h)
					cap += bay_from(s, &s->bays[b], m->tau[k]);
			glp_set_row_bnds(lp, rB + h * m->nk + k + 1, GLP_UP, 0, cap);
		}
	}
	for (int w = 0; w < m->nw; w++)
		if (m->adv_on)
			glp_set_row_bnds(lp, rA + w + 1, GLP_UP, 0, m->adv[w]);
	if (m->adv_day >= 0)
		glp_set_row_bnds(lp, rD, GLP_UP, 0, m->adv_day);
	/* In whole bookings (each new one takes a car with chance p): a
	 * row of ones is what keeps the search short. */
	for (int i = 0; i < ncw; i++)
		booked_loans += D->booked[i];
	if (m->loan_p > 0 && m->s->info.loan_cars > 0)
		glp_set_row_bnds(lp, rL, GLP_UP, 0,
				 booked_loans + floor((m->s->info.loan_cars - D->loans) /
							      m->loan_p +
						      1e-9));

	for (int c = 0; c < m->ncls; c++)
		for (int w = 0; w < m->nw; w++) {
			int cw = c * m->nw + w, b = D->booked[cw];
			ind[1] = cw + 1, val[1] = -m->e[cw];
			ind[2] = ncw + cw + 1, val[2] = -m->e[cw];
			ind[3] = rA + w + 1, val[3] = m->e[cw];
			ind[4] = rX + cw + 1, val[4] = 1;
			ind[5] = rD, val[5] = m->e[cw];
			ind[6] = rL, val[6] = 1;
			D->cx[cw] = add_col(lp, GLP_IV, b, D->ub[cw], 0, 6, ind, val);
			/* The i-th offer beyond the booked ones is worth v times
			 * the chance it is taken, given that b already were:
			 * concave, so the LP fills them in order. */
			double pb = b ? taken(m, c, w, D->wd, b) : 1;
			ind[1] = rX + cw + 1, val[1] = -1;
			for (int i = b + 1; i <= D->ub[cw]; i++) {
				double p = pb > 0 ? taken(m, c, w, D->wd, i) / pb : 0;
				add_col(lp, GLP_CV, 0, 1, m->v[cw] * (p < 1 ? p : 1), 1, ind, val);
			}
			ind[1] = cw + 1, val[1] = 1;
			D->cuT[cw] = add_col(lp, GLP_CV, 0, -1, -PENALTY, 1, ind, val);
			ind[1] = ncw + cw + 1;
			D->cuB[cw] = add_col(lp, GLP_CV, 0, -1, -PENALTY, 1, ind, val);
			for (int g = 0; g < m->ng; g++) {
				double d = m->dur[c * m->ng + g];
				int n = 1;
				if (d <= 0)
					continue;
				ind[1] = cw + 1, val[1] = 1;
				for (int k = 0; k < m->nk && m->tau[k] <= m->eff[w]; k++)
					ind[++n] = rT + g * m->nk + k + 1, val[n] = d;
				add_col(lp, GLP_CV, 0, -1, 0, n, ind, val);
			}
			for (int h = 0; h < m->nh; h++) {
				int n = 1;
				if (!m->bay_ok[c * m->nh + h] || m->mins[c] <= 0)
					continue;
				ind[1] = ncw + cw + 1, val[1] = 1;
				for (int k = 0; k < m->nk && m->tau[k] <= m->eff[w]; k++)
					ind[++n] = rB + h * m->nk + k + 1, val[n] = m->mins[c];
				add_col(lp, GLP_CV, 0, -1, 0, n, ind, val);
			}
		}
	for (int w = 0; w < m->nw; w++) {
		ind[1] = rA + w + 1, val[1] = -1;
		D->cuA[w] = add_col(lp, GLP_CV, 0, -1, -PENALTY, 1, ind, val);
	}
	ind[1] = rD, val[1] = -1;
	D->cuD = add_col(lp, GLP_CV, 0, -1, -PENALTY, 1, ind, val);
	ind[1] = rL;
	D->cuL = add_col(lp, GLP_CV, 0, -1, -PENALTY, 1, ind, val);
	D->cols = glp_get_num_cols(lp);
}

/* What the branch-and-bound callback keeps: the best bound of the open
 * nodes, so that a search stopped by the gap or the clock reports a bound
 * tighter than the root LP's, and the progress pacing. */
struct tree_info {
	double bound;
	struct pace *pace;
};

/* Progress on the caller's callback about once a second. */
struct pace {
	const struct bp_windows_opts *o;
	double t0, last;
	double objective, bound;   /* of the days done */
};

static void pace_report(struct pace *p, int force)
{
	double now = bp_clock();
	if (!p->o->progress || (!force && now - p->last < 1))
		return;
	p->last = now;
	double gap = fabs(p->bound - p->objective) /
		     (fabs(p->objective) > 1 ? fabs(p->objective) : 1);
	p->o->progress(p->o->progress_arg, p->objective, p->bound, gap, now - p->t0);
}

static void on_tree(glp_tree *tree, void *info)
{
	struct tree_info *ti = info;
	int best = glp_ios_best_node(tree);
	if (best)
		ti->bound = glp_ios_node_bound(tree, best);
	pace_report(ti->pace, 0);
	if (bp_solver_stop_requested())
		glp_ios_terminate(tree);
}

static enum bp_run_status mip_status(int ret, int st)
{
	if (st == GLP_OPT)
		return BP_RUN_OPTIMAL;
	if (st == GLP_FEAS)
		return ret == GLP_ETMLIM || ret == GLP_ESTOP ? BP_RUN_TIME_LIMIT
							     : BP_RUN_FEASIBLE;
	return BP_RUN_FAILED;
}

/* A column's value in the answer: the integer one, or (mip == 0) the LP
 * relaxation's, whose offers rounded down still fit (every row holds
 * offers with non-negative coefficients, and the flows shrink with them). */
static double col_val(glp_prob *lp, int mip, int j)
{
	return mip ? glp_mip_col_val(lp, j) : glp_get_col_prim(lp, j);
}

static void read_back(const struct wm *m, const struct day *D, glp_prob *lp, int ok, int mip,
		      struct bp_windows *out, int di)
{
	struct bp_wday *Y = &out->day[di];
	for (int c = 0; c < m->ncls; c++)
		for (int w = 0; w < m->nw; w++) {
			int cw = c * m->nw + w;
			struct bp_wcell *x = bp_windows_cell(out, di, w, c);
			x->booked = D->booked[cw];
			x->capacity = D->booked[cw];
			if (!ok)
				continue;
			double v = col_val(lp, mip, D->cx[cw]);
			long cap = mip ? lround(v) : (long)floor(v + 1e-6);
			if (cap > x->capacity)
				x->capacity = (int)cap;
			/* The offers fill in order: the i-th beyond the booked
			 * ones is column cx + i (build). */
			for (int i = 1; !mip && i <= x->capacity - x->booked; i++)
				Y->objective += glp_get_obj_coef(lp, D->cx[cw] + i);
			double u = col_val(lp, mip, D->cuT[cw]);
			double ub = col_val(lp, mip, D->cuB[cw]);
			if (ub > u)
				u = ub;
			int over = (int)ceil(u / m->e[cw] - 1e-6);
			x->over = over < 0 ? 0 : over > x->booked ? x->booked : over;
		}
	for (int w = 0; w < m->nw && ok; w++) {
		int over = (int)ceil(col_val(lp, mip, D->cuA[w]) - 1e-6);
		Y->checkins_over[w] = over > 0 ? over : 0;
	}
	if (ok) {
		int over = (int)ceil(col_val(lp, mip, D->cuD) - 1e-6);
		Y->checkins_day_over = over > 0 ? over : 0;
	}
}

/* A shop holiday offers nothing: each cell holds what is booked, and all
 * of that is over (no one works that day); the advisors receive no one. */
static void closed_day(const struct wm *m, const struct day *D, struct bp_windows *out, int di)
{
	struct bp_wday *Y = &out->day[di];
	Y->status = BP_RUN_OPTIMAL;
	Y->objective = Y->bound = 0;
	for (int c = 0; c < m->ncls; c++)
		for (int w = 0; w < m->nw; w++) {
			int cw = c * m->nw + w;
			struct bp_wcell *x = bp_windows_cell(out, di, w, c);
			x->booked = x->capacity = x->over = D->booked[cw];
			x->demand_cap = 0;
			x->show_rate = m->show[cw];
			x->value = m->v[cw];
			x->minutes = m->mins[c];
		}
	for (int w = 0; w < m->nw; w++) {
		Y->checkins[w] = Y->checkins_over[w] = 0;
		Y->start[w] = m->eff[w];
	}
	Y->checkins_day = 0;
}

/* Bookings of the day by class and window, and the most loan cars they
 * have out at once. */
static void count_booked(const struct wm *m, struct day *D)
{
	const struct bp_shop *s = m->s;
	for (int i = 0; i < m->ncls * m->nw; i++)
		D->booked[i] = 0;
	D->loans = 0;
	for (int i = 0; i < s->njobs; i++) {
		const struct bp_job *j = &s->jobs[i];
		/* A cancelled or no-show booking holds no place. */
		if (j->status == BP_JOB_CANCELLED || j->status == BP_JOB_NO_SHOW)
			continue;
		int w = bp_windows_job_window(s, j);
		if (j->date == D->day && w >= 0 && j->service >= 0 && j->service < s->nservices)
			D->booked[m->cls_of[j->service] * m->nw + w]++;
	}
	/* A new booking's car may be out all day: it meets the busiest hour. */
	if (s->info.loan_cars > 0)
		D->loans = bp_windows_loans_out(s, D->day, -1, 0, 2 * 24 * 60);
}

/* The offers' upper bounds and the cells' figures that do not need the
 * solve; the class must have a technician and a bay on the day. */
static void day_bounds(struct wm *m, struct day *D, struct bp_windows *out, int di)
{
	struct bp_wday *Y = &out->day[di];
	for (int c = 0; c < m->ncls; c++) {
		int has_t = 0, has_b = 0;
		double mins = 0;
		for (int g = 0; g < m->ng; g++)
			has_t |= m->dur[c * m->ng + g] > 0;
		for (int h = 0; h < m->nh; h++)
			has_b |= m->bay_ok[c * m->nh + h];
		for (int w = 0; w < m->nw; w++) {
			int cw = c * m->nw + w, cap = demand_cap(m, c, w, D->wd);
			struct bp_wcell *x = bp_windows_cell(out, di, w, c);
			int ub = cap;
			if (cap < 0) {
				/* Without history the advisors bound the offer, or
				 * without them what the technicians can do. */
				if (m->adv_on) {
					ub = (int)ceil(m->adv[w] / m->e[cw]);
				} else {
					mins = 0;
					for (int t = 0; t < m->t->ntechs; t++)
						if (m->dur[c * m->ng + m->tg_of[t]] > 0)
							mins += tech_from(m->t, &m->t->techs[t],
									  m->eff[w]);
					ub = m->mins[c] > 0 ? (int)ceil(mins / m->mins[c] / m->e[cw])
							    : 0;
				}
			}
			if (!has_t || !has_b)
				ub = 0;
			D->ub[cw] = ub > D->booked[cw] ? ub : D->booked[cw];
			x->demand_cap = cap;
			x->show_rate = m->show[cw];
			x->value = m->v[cw];
			x->minutes = m->mins[c];
		}
	}
	for (int w = 0; w < m->nw; w++) {
		Y->checkins[w] = m->adv_on ? m->adv[w] : -1;
		Y->start[w] = m->eff[w];
	}
	Y->checkins_day = m->adv_day;
	Y->loan_cars = m->s->info.loan_cars;
	Y->loans_booked = D->loans;
	Y->loan_share = m->loan_p;
}

/* Solve one day within `seconds`. *reached is 0 when the clock ran out
 * before any answer (not even the LP's): the day keeps what is booked. */
static int solve_day(struct wm *m, struct day *D, struct bp_windows *out, int di,
		     double seconds, struct pace *pace, int *reached, struct bp_err *err)
{
	struct bp_wday *Y = &out->day[di];
	*reached = 1;
	day_bounds(m, D, out, di);

	struct bp_glp_guard g;
	glp_prob *volatile lp = NULL;
	struct tree_info ti = {0, pace};
	if (BP_GLP_FAILED(&g))
		return bp_glp_failure(&g, err);
	lp = glp_create_prob();
	build(m, D, lp);
	glp_smcp sm;
	bp_glp_simplex_parm(&sm, GLP_OFF);  /* glp_intopt below starts from this basis */
	sm.tm_lim = bp_glp_tm_lim(seconds);
	double t0 = bp_clock();
	int sret = glp_simplex(lp, &sm);
	int ok = sret == 0 && glp_get_status(lp) == GLP_OPT, mip = 0;
	Y->status = BP_RUN_FAILED;
	if (!ok && (sret == GLP_ETMLIM || bp_solver_stop_requested()))
		*reached = 0;
	if (ok) {
		Y->bound = ti.bound = glp_get_obj_val(lp);
		glp_iocp io;
		bp_glp_intopt_parm(&io, GLP_OFF);
		io.mip_gap = m->o->gap;
		/* Measured on the demo week: without cuts GLPK wanders among
		 * near-equal roundings until the time limit; with them each
		 * day closes in a few milliseconds. */
		io.mir_cuts = GLP_ON;
		io.gmi_cuts = GLP_ON;
		io.cov_cuts = GLP_ON;
		io.clq_cuts = GLP_ON;
		io.cb_func = on_tree;
		io.cb_info = &ti;
		double left = seconds - (bp_clock() - t0);
		io.tm_lim = bp_glp_tm_lim(left > 0.001 ? left : 0.001);
		int ret = glp_intopt(lp, &io);
		Y->status = mip_status(ret, glp_mip_status(lp));
		mip = Y->status != BP_RUN_FAILED;
		if (!mip && (ret == GLP_ETMLIM || ret == GLP_ESTOP)) {
			/* The clock ran out before a whole-number answer: the LP's
			 * offers, rounded down, still fit. */
			Y->status = BP_RUN_TIME_LIMIT;
			Y->objective = 0;  /* read_back adds the rounded offers' worth */
		}
		ok = mip || Y->status == BP_RUN_TIME_LIMIT;
	}
	if (mip) {
		Y->objective = glp_mip_obj_val(lp);
		Y->bound = Y->status == BP_RUN_OPTIMAL ? Y->objective
			   : ti.bound < Y->bound ? ti.bound : Y->bound;
	}
	/* Without an answer every cell keeps exactly what is booked. */
	read_back(m, D, lp, ok, mip, out, di);
	if (D->rows > out->rows)
		out->rows = D->rows;
	if (D->cols > out->cols)
		out->cols = D->cols;
	glp_delete_prob(lp);
	bp_glp_end(&g);
	return BP_OK;
}
static void wm_free(struct wm *m)
{
	free(m->cls_of);
	free(m->tg_of);
	free(m->tg_rep);
	free(m->bg_of);
	free(m->bg_rep);
	free(m->dur);
	free(m->mins);
	free(m->bay_ok);
	free(m->e);
	free(m->v);
	free(m->show);
	free(m->dates);
	free(m->hist);
	free(m->q);
	free(m->sw);
}

static int wm_alloc(struct wm *m)
{
	const struct bp_shop *s = m->s;
	size_t ncw = (size_t)m->ncls * m->nw + 1;
	m->tg_of = calloc((size_t)s->ntechs + 1, sizeof(int));
	m->tg_rep = calloc((size_t)s->ntechs + 1, sizeof(int));
	m->bg_of = calloc((size_t)s->nbays + 1, sizeof(int));
	m->bg_rep = calloc((size_t)s->nbays + 1, sizeof(int));
	m->dur = calloc((size_t)m->ncls * ((size_t)s->ntechs + 1), sizeof(double));
	m->mins = calloc((size_t)m->ncls + 1, sizeof(double));
	m->bay_ok = calloc((size_t)m->ncls * ((size_t)s->nbays + 1), 1);
	m->e = calloc(ncw, sizeof(double));
	m->v = calloc(ncw, sizeof(double));
	m->show = calloc(ncw, sizeof(double));
	m->sw = calloc((size_t)s->nservices + 1, sizeof(double));
	return m->tg_of && m->tg_rep && m->bg_of && m->bg_rep && m->dur && m->mins &&
			       m->bay_ok && m->e && m->v && m->show && m->sw
		       ? 0
		       : -1;
}

/* Window starts as the model sees them: the learned median arrival, as
 * work cannot start before the car is there (never before the start, never
 * after the end). Advisors: what they receive in the window's hours on the
 * desk (they are there from open to close), and in the day by policy. */
static void window_times(struct wm *m)
{
	const struct bp_shop *s = m->s;
	m->nk = 0;
	m->adv_on = s->info.advisors > 0 && s->info.advisor_checkins_per_hour > 0;
	m->adv_day = m->adv_on && s->policy.advisor_day_max > 0
			     ? s->info.advisors * s->policy.advisor_day_max
			     : -1;
	for (int w = 0; w < m->nw; w++) {
		struct bp_span x = s->windows[w];
		int late = 0;
		if (m->o->use_lateness && m->l && w < m->l->nwindows)
			late = (int)lround(m->l->win[w][BP_TIERS].late_median);
		if (late > x.end - x.start)
			late = x.end - x.start;
		m->eff[w] = x.start + (late > 0 ? late : 0);
		int desk = overlap(x.start, x.end, s->info.open, s->info.close);
		m->adv[w] = (int)floor((double)s->info.advisors *
					       s->info.advisor_checkins_per_hour * desk / 60.0 +
				       1e-9);
		m->tau[m->nk++] = m->eff[w];
	}
	qsort(m->tau, (size_t)m->nk, sizeof m->tau[0], cmp_int);
	int k = 0;
	for (int i = 0; i < m->nk; i++)
		if (!k || m->tau[k - 1] != m->tau[i])
			m->tau[k++] = m->tau[i];
	m->nk = k;
}

/* The share of the store's bookings whose customer takes a loan car: what
 * new bookings are expected to ask for. */
static double loan_share(const struct bp_shop *s)
{
	int n = 0, k = 0;
	for (int i = 0; i < s->njobs; i++) {
		const struct bp_job *j = &s->jobs[i];
		if (j->status == BP_JOB_CANCELLED)
			continue;
		n++;
		k += j->loan_car != 0;
	}
	return n ? (double)k / n : 0;
}

/* Has `date` roster changes or closures of its own? */
static int dated_facts(const struct bp_shop *s, int date)
{
	for (int i = 0; i < s->nroster; i++)
		if (s->roster[i].date == date)
			return 1;
	for (int i = 0; i < s->nclosures; i++)
		if (s->closures[i].date == date)
			return 1;
	return 0;
}

/* The technicians and bays of `date`: the shop's own, or on a date with
 * roster changes or closures the day view of a copy (`day`, freed by the
 * caller) of the shop without its jobs and history (`bare`). */
static int day_view(struct wm *m, const struct bp_shop *bare, struct bp_shop *day, int date,
		    struct bp_wday *Y, struct bp_err *err)
{
	m->t = m->s;
	if (dated_facts(m->s, date)) {
		struct bp_day dv;
		if (bp_shop_copy(day, bare) < 0)
			return bp_err_set(err, BP_EINTERNAL, "out of memory");
		int rc = bp_day_prepare(day, date, -1, &dv, err);
		if (rc)
			return rc;
		Y->techs_off = dv.techs_off;
		Y->bays_down = dv.bays_down;
		bp_day_free(&dv);
		m->t = day;
	}
	groups(m);
	durations(m);
	return BP_OK;
}

/* A day the clock did not reach: what is booked, nothing more. */
static void untuned_day(struct wm *m, struct day *D, struct bp_windows *out, int di)
{
	struct bp_wday *Y = &out->day[di];
	m->t = m->s;
	groups(m);
	durations(m);
	day_bounds(m, D, out, di);
	for (int c = 0; c < m->ncls; c++)
		for (int w = 0; w < m->nw; w++) {
			struct bp_wcell *x = bp_windows_cell(out, di, w, c);
			x->booked = x->capacity = D->booked[c * m->nw + w];
			x->over = 0;
		}
	Y->status = BP_RUN_TIME_LIMIT;
	Y->objective = Y->bound = 0;
	Y->untuned = 1;
	out->untuned++;
}

int bp_windows_solve(const struct bp_shop *s, const struct bp_learned *l, int from, int days,
		     const struct bp_windows_opts *o, struct bp_windows *out, struct bp_err *err)
{
	struct bp_windows_opts def;
	if (!o) {
		bp_windows_opts_init(&def);
		o = &def;
	}
	memset(out, 0, sizeof *out);
	out->from = from;
	out->days = days;
	out->nwindows = s->nwindows;
	if (days < 1)
		return bp_err_set(err, BP_EUSAGE, "the number of days must be at least 1, not %d",
				  days);
	double t0 = bp_clock();
	struct wm m = {.s = s, .t = s, .l = l, .o = o, .nw = s->nwindows};
	struct day D = {0};
	struct bp_shop bare, day, noj = *s;
	int rc = BP_OK;
	bp_shop_init(&bare);
	bp_shop_init(&day);
	noj.njobs = noj.nactuals = noj.ndemand = 0;
	m.cls_of = calloc((size_t)s->nservices + 1, sizeof(int));
	if (!m.cls_of || bp_shop_copy(&bare, &noj) < 0) {
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory");
		goto out;
	}
	if ((rc = bp_windows_classes(s, &out->classes, &out->nclasses, m.cls_of, err)))
		goto out;
	m.ncls = out->nclasses;
	m.cls = out->classes;
	size_t ncw = (size_t)m.ncls * m.nw + 1;
	out->cells = calloc((size_t)days * ncw, sizeof *out->cells);
	out->day = calloc((size_t)days, sizeof *out->day);
	D.booked = calloc(ncw, sizeof(int));
	D.ub = calloc(ncw, sizeof(int));
	D.cx = calloc(ncw, sizeof(int));
	D.cuT = calloc(ncw, sizeof(int));
	D.cuB = calloc(ncw, sizeof(int));
	if (!out->cells || !out->day || !D.booked || !D.ub || !D.cx || !D.cuT || !D.cuB ||
	    wm_alloc(&m) < 0 || history(&m) < 0) {
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory");
		goto out;
	}
	out->history_days = m.ndates;
	weights(&m);
	window_times(&m);
	m.loan_p = s->info.loan_cars > 0 ? loan_share(s) : 0;
	double deadline = t0 + (o->time_limit > 0 ? o->time_limit : 30);
	struct pace pace = {o, t0, t0, 0, 0};
	out->status = BP_RUN_OPTIMAL;
	for (int di = 0; di < days; di++) {
		struct bp_wday *Y = &out->day[di];
		D.day = from + di;
		D.wd = bp_weekday(D.day);
		Y->day = D.day;
		count_booked(&m, &D);
		double left = deadline - bp_clock();
		if (bp_day_closed(s, D.day, NULL, 0)) {
			m.t = s;
			groups(&m);
			durations(&m);
			closed_day(&m, &D, out, di);
		} else if (left <= 0 || bp_solver_stop_requested()) {
			untuned_day(&m, &D, out, di);
		} else {
			int reached;
			/* The days still to go share what is left; a day that
			 * needs less leaves the rest to the others. */
			double share = left / (days - di);
			if ((rc = day_view(&m, &bare, &day, D.day, Y, err)) ||
			    (rc = solve_day(&m, &D, out, di, share, &pace, &reached, err)))
				goto out;
			bp_shop_free(&day);
			bp_shop_init(&day);
			if (!reached) {
				int toff = Y->techs_off, bdown = Y->bays_down;
				untuned_day(&m, &D, out, di);
				Y->techs_off = toff;
				Y->bays_down = bdown;
			}
		}
		if (Y->status > out->status)
			out->status = Y->status;
		out->objective += Y->objective;
		out->bound += Y->bound;
		pace.objective = out->objective;
		pace.bound = out->bound;
		pace_report(&pace, 0);
	}
	out->gap = fabs(out->bound - out->objective) /
		   (fabs(out->objective) > 1 ? fabs(out->objective) : 1);
out:
	out->solve_ms = (long)((bp_clock() - t0) * 1000);
	wm_free(&m);
	bp_shop_free(&day);
	bp_shop_free(&bare);
	free(D.booked);
	free(D.ub);
	free(D.cx);
	free(D.cuT);
	free(D.cuB);
	return rc;
}
