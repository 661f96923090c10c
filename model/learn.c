/*
 * learn.c - figures learned from actuals: robust durations shrunk toward the
 * standard minutes, show rates shrunk toward wider groups, arrival lateness,
 * and technicians compared with their peers on the same work.
 */
#include "learn.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NL (BP_LEVELS + 1)

struct sample {
	int service, level, tech;
	double minutes;
};

void bp_learn_opts_init(struct bp_learn_opts *o)
{
	o->quantile = 0.5;
	o->min_samples = 5;
	o->prior_weight = 10;
	o->bottleneck_ratio = 1.15;
	o->bottleneck_min = 10;
}

void bp_learned_free(struct bp_learned *l)
{
	free(l->dur);
	free(l->tech);
	memset(l, 0, sizeof *l);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double bp_quantile(double *v, int n, double q)
{
	if (n <= 0)
		return 0;
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	double h = (n - 1) * (q < 0 ? 0 : q > 1 ? 1 : q);
	int lo = (int)floor(h);
	if (lo >= n - 1)
		return v[n - 1];
	return v[lo] + (h - lo) * (v[lo + 1] - v[lo]);
}

static int overlap(int a0, int a1, int b0, int b1)
{
	int lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;
	return hi > lo ? hi - lo : 0;
}

/* Working minutes of one actual, or -1 when it gives none. The generator and
 * real workshops alike take lunch in the middle of a job, so the technician's
 * breaks inside [started, finished) are not work. */
static double work_minutes(const struct bp_shop *s, const struct bp_actual *a)
{
	if (a->no_show || !a->has_started || !a->has_finished || a->technician < 0 ||
	    a->technician >= s->ntechs)
		return -1;
	int b = a->started, e = (a->finished_day - a->started_day) * 1440 + a->finished;
	int m = e - b;
	const struct bp_technician *t = &s->techs[a->technician];
	for (int k = 0; k < t->nbreaks; k++)
		m -= overlap(b, e, t->breaks[k].start, t->breaks[k].end);
	return m > 0 ? m : -1;
}

static int cmp_sample(const void *a, const void *b)
{
	const struct sample *x = a, *y = b;
	if (x->service != y->service)
		return x->service - y->service;
	if (x->level != y->level)
		return x->level - y->level;
	if (x->tech != y->tech)
		return x->tech - y->tech;
	return (x->minutes > y->minutes) - (x->minutes < y->minutes);
}

static int collect(const struct bp_shop *s, struct bp_learned *l, struct sample **out, int *n)
{
	struct sample *v = malloc(((size_t)s->nactuals + 1) * sizeof *v);
	if (!v)
		return -1;
	int k = 0;
	for (int i = 0; i < s->nactuals; i++) {
		const struct bp_actual *a = &s->actuals[i];
		if (a->no_show)
			continue;
		double m = work_minutes(s, a);
		int sv = a->service, lv = 0;
		if (m > 0 && sv >= 0 && sv < s->nservices) {
			const struct bp_service *S = &s->services[sv];
			lv = s->techs[a->technician].level[S->skill];
			if (lv < S->level || !S->minutes[lv])
				lv = 0;
		}
		if (!lv) {
			l->skipped++;
			continue;
		}
		v[k++] = (struct sample){sv, lv, a->technician, m};
	}
	qsort(v, (size_t)k, sizeof *v, cmp_sample);
	*out = v;
	*n = k;
	l->used = k;
	return 0;
}

/* Samples are sorted by service, level, tech: [*b, *e) is one (service, level). */
static void next_group(const struct sample *v, int n, int *b, int *e)
{
	*b = *e;
	int i = *b;
	while (i < n && v[i].service == v[*b].service && v[i].level == v[*b].level)
		i++;
	*e = i;
}

static void durations(const struct bp_shop *s, struct bp_learned *l, const struct sample *v,
		      int n, double *buf)
{
	const struct bp_learn_opts *o = &l->opts;
	for (int sv = 0; sv < s->nservices; sv++)
		for (int lv = 1; lv <= BP_LEVELS; lv++) {
			struct bp_learned_duration *d = &l->dur[sv * NL + lv];
			d->standard = d->learned = s->services[sv].minutes[lv];
		}
	for (int b = 0, e = 0; e < n;) {
		next_group(v, n, &b, &e);
		struct bp_learned_duration *d = &l->dur[v[b].service * NL + v[b].level];
		int k = e - b;
		for (int i = 0; i < k; i++)
			buf[i] = v[b + i].minutes;
		d->samples = k;
		d->typical = bp_quantile(buf, k, o->quantile);
		if (k < o->min_samples)
			continue;
		/* A few samples say little: weigh them against prior_weight
		 * pseudo-samples of the standard figure. */
		double w = k / (k + o->prior_weight);
		long m = lround(w * d->typical + (1 - w) * d->standard);
		d->learned = m < 1 ? 1 : (int)m;
	}
	for (int i = 0; i < s->nservices * NL; i++)
		l->changed += l->dur[i].learned != l->dur[i].standard;
}

static int add_tech(struct bp_learned *l, int *cap, struct bp_learned_tech r)
{
	if (l->ntechs == *cap) {
		int nc = *cap ? *cap * 2 : 32;
		void *p = realloc(l->tech, (size_t)nc * sizeof *l->tech);
		if (!p)
			return -1;
		l->tech = p;
		*cap = nc;
	}
	l->tech[l->ntechs++] = r;
	return 0;
}

/* Peers' typical minutes on (service, level) without technician t; 0 when
 * they have fewer than min_samples. */
static double peers(const struct sample *v, int b, int e, int t, int min, double q, double *buf)
{
	int k = 0;
	for (int i = b; i < e; i++)
		if (v[i].tech != t)
			buf[k++] = v[i].minutes;
	return k >= min ? bp_quantile(buf, k, q) : 0;
}

/* Each technician against the others at their level on the same service
 * (leave-one-out, so a slow technician does not hide in their own
 * yardstick): per service, and over all their work as the median of
 * per-job ratios. Rows: every technician's overall figure, then per service. */
struct jobratio {
	int tech;
	double r;
};

static int technicians(const struct bp_shop *s, struct bp_learned *l, const struct sample *v,
		       int n, double *buf, double *buf2)
{
	const struct bp_learn_opts *o = &l->opts;
	struct jobratio *jr = malloc(((size_t)n + 1) * sizeof *jr);
	struct bp_learned_tech *rows = malloc(((size_t)n + 1) * sizeof *rows);
	int nj = 0, nrows = 0, cap = 0, rc = -1;
	if (!jr || !rows)
		goto out;
	for (int b = 0, e = 0; e < n;) {
		next_group(v, n, &b, &e);
		for (int i = b, j; i < e; i = j) {
			int t = v[i].tech;
			for (j = i; j < e && v[j].tech == t; j++)
				;
			double pq = peers(v, b, e, t, o->min_samples, o->quantile, buf2);
			if (pq <= 0)
				continue;
			for (int x = i; x < j; x++) {
				buf[x - i] = v[x].minutes;
				jr[nj++] = (struct jobratio){t, v[x].minutes / pq};
			}
			int k = j - i;
			double r = bp_quantile(buf, k, o->quantile) / pq;
			rows[nrows++] = (struct bp_learned_tech){
				t, v[i].service, k, r,
				k >= o->min_samples && r >= o->bottleneck_ratio};
		}
	}
	for (int t = 0; t < s->ntechs; t++) {
		int k = 0;
		for (int i = 0; i < nj; i++)
			if (jr[i].tech == t)
				buf[k++] = jr[i].r;
		if (!k)
			continue;
		double r = bp_quantile(buf, k, o->quantile);
		struct bp_learned_tech row = {t, -1, k, r,
					      k >= o->bottleneck_min && r >= o->bottleneck_ratio};
		if (add_tech(l, &cap, row) < 0)
			goto out;
	}
	for (int i = 0; i < nrows; i++)
		if (add_tech(l, &cap, rows[i]) < 0)
			goto out;
	rc = 0;
out:
	free(jr);
	free(rows);
	return rc;
}

/* Beta-prior shrinkage: k pseudo-rows at the wider group's rate. */
static double shrink(int hits, int n, double k, double prior)
{
	return n + k > 0 ? (hits + k * prior) / (n + k) : prior;
}

static void show_rates(const struct bp_shop *s, struct bp_learned *l, double *buf)
{
	const double k = l->opts.prior_weight;
	int booked[BP_TIERS + 1] = {0}, shows[BP_TIERS + 1] = {0};
	l->nwindows = s->nwindows;
	for (int i = 0; i < s->nactuals; i++) {
		const struct bp_actual *a = &s->actuals[i];
		int w = a->window, t = (int)a->tier;
		if (t < 0 || t >= BP_TIERS)
			t = BP_TIER_BASIC;
		booked[t]++;
		booked[BP_TIERS]++;
		shows[t] += !a->no_show;
		shows[BP_TIERS] += !a->no_show;
		if (w < 0 || w >= s->nwindows)
			continue;
		l->win[w][t].booked++;
		l->win[w][BP_TIERS].booked++;
		l->win[w][t].shows += !a->no_show;
		l->win[w][BP_TIERS].shows += !a->no_show;
	}
	/* Everyone shows until history says otherwise; a tier's rate leans on
	 * the shop's, a window's on its tier's. */
	double all = booked[BP_TIERS] ? (double)shows[BP_TIERS] / booked[BP_TIERS] : 1;
	l->show_rate[BP_TIERS] = all;
	for (int t = 0; t < BP_TIERS; t++)
		l->show_rate[t] = shrink(shows[t], booked[t], k, all);
	for (int w = 0; w < s->nwindows; w++)
		for (int t = 0; t <= BP_TIERS; t++) {
			struct bp_learned_window *x = &l->win[w][t];
			x->show_rate = shrink(x->shows, x->booked, k, l->show_rate[t]);
		}
	/* Lateness: arrival against the window's start, over those who came. */
	for (int w = 0; w < s->nwindows; w++)
		for (int t = 0; t <= BP_TIERS; t++) {
			struct bp_span sp = s->windows[w];
			int m = 0, late = 0;
			for (int i = 0; i < s->nactuals; i++) {
				const struct bp_actual *a = &s->actuals[i];
				if (a->window != w || a->no_show || !a->has_arrived ||
				    (t < BP_TIERS && (int)a->tier != t))
					continue;
				int off = (a->arrived_day - a->date) * 1440 + a->arrived - sp.start;
				buf[m++] = off;
				late += off > sp.end - sp.start;
			}
			l->win[w][t].late_median = bp_quantile(buf, m, 0.5);
			l->win[w][t].late_share = m ? (double)late / m : 0;
		}
}

int bp_learn(const struct bp_shop *s, const struct bp_learn_opts *o, struct bp_learned *l,
	     struct bp_err *err)
{
	memset(l, 0, sizeof *l);
	if (o)
		l->opts = *o;
	else
		bp_learn_opts_init(&l->opts);
	l->nservices = s->nservices;
	l->dur = calloc((size_t)s->nservices * NL + 1, sizeof *l->dur);
	double *buf = malloc(((size_t)s->nactuals + 1) * sizeof *buf);
	double *buf2 = malloc(((size_t)s->nactuals + 1) * sizeof *buf2);
	struct sample *v = NULL;
	int n = 0, rc = BP_OK;
	if (!l->dur || !buf || !buf2 || collect(s, l, &v, &n) < 0) {
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory learning from actuals");
		goto out;
	}
	durations(s, l, v, n, buf);
	if (technicians(s, l, v, n, buf, buf2) < 0) {
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory learning from actuals");
		goto out;
	}
	show_rates(s, l, buf);
out:
	free(v);
	free(buf);
	free(buf2);
	return rc;
}

int bp_learn_apply(struct bp_shop *s, const struct bp_learned *l)
{
	int changed = 0;
	for (int sv = 0; sv < s->nservices && sv < l->nservices; sv++)
		for (int lv = 1; lv <= BP_LEVELS; lv++) {
			int *m = &s->services[sv].minutes[lv];
			int x = bp_learn_minutes(l, sv, lv);
			if (!*m || !x || x == *m)
				continue;
			*m = x;
			changed++;
		}
	return changed;
}

int bp_learn_copy(struct bp_shop *dst, const struct bp_shop *src, const struct bp_learned *l,
		  struct bp_err *err)
{
	if (bp_shop_copy(dst, src) < 0)
		return bp_err_set(err, BP_EINTERNAL, "out of memory copying the shop");
	bp_learn_apply(dst, l);
	return BP_OK;
}
