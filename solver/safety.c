/*
 * safety.c - inverse normal CDF and safety stock (see safety.h).
 * Acklam's algorithm: P. J. Acklam, "An algorithm for computing the inverse
 * normal cumulative distribution function" (2003); relative error 1.15e-9
 * before the refinement step, near machine precision after it.
 */
#include "safety.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ltd.h"
#include "model/err.h"
#include "model/timeutil.h"

static const double ca[6] = {-3.969683028665376e+01, 2.209460984245205e+02,
			    -2.759285104469687e+02, 1.383577518672690e+02,
			    -3.066479806614716e+01, 2.506628277459239e+00};
static const double cb[5] = {-5.447609879822406e+01, 1.615858368580409e+02,
			    -1.556989798598866e+02, 6.680131188771972e+01,
			    -1.328068155288572e+01};
static const double cc[6] = {-7.784894002430293e-03, -3.223964580411365e-01,
			    -2.400758277161838e+00, -2.549732539343734e+00,
			    4.374664141464968e+00, 2.938163982698783e+00};
static const double cd[4] = {7.784695709041462e-03, 3.224671290700398e-01,
			    2.445134137142996e+00, 3.754408661907416e+00};

#define P_LOW 0.02425
#define SQRT_2PI 2.50662827463100050242

static double tail(double q)
{
	return (((((cc[0] * q + cc[1]) * q + cc[2]) * q + cc[3]) * q + cc[4]) * q + cc[5]) /
	       ((((cd[0] * q + cd[1]) * q + cd[2]) * q + cd[3]) * q + 1);
}

double bp_safety_z(double p)
{
	if (p < 1e-12)
		p = 1e-12;
	if (p > 1 - 1e-12)
		p = 1 - 1e-12;
	double x;
	if (p < P_LOW) {
		x = tail(sqrt(-2 * log(p)));
	} else if (p > 1 - P_LOW) {
		x = -tail(sqrt(-2 * log(1 - p)));
	} else {
		double q = p - 0.5, r = q * q;
		x = (((((ca[0] * r + ca[1]) * r + ca[2]) * r + ca[3]) * r + ca[4]) * r + ca[5]) * q /
		    (((((cb[0] * r + cb[1]) * r + cb[2]) * r + cb[3]) * r + cb[4]) * r + 1);
	}
	/* Halley step on the exact CDF, 0.5 erfc(-x/sqrt 2). */
	double e = 0.5 * erfc(-x / sqrt(2.0)) - p;
	double u = e * SQRT_2PI * exp(x * x / 2);
	return x - u / (1 + x * u / 2);
}

double bp_safety_lead_days(const struct bp_shop *s, enum bp_supply c)
{
	double hours = s->info.lead_hours[c];
	if (hours <= 0)
		return 0;
	if (hours < 24) {
		double open_h = (s->info.close - s->info.open) / 60.0;
		return open_h > 0 ? hours / open_h : hours / 24;
	}
	return hours / 24;
}

double bp_safety_cover_days(const struct bp_shop *s, enum bp_supply c)
{
	return bp_safety_lead_days(s, c) + BP_SAFETY_REVIEW_DAYS;
}

double bp_safety_service_level(const struct bp_shop *s, const struct bp_part *p)
{
	if (p->service_level > 0 && p->service_level < 1)
		return p->service_level;
	return s->policy.service_level;
}

double bp_safety_stock(const struct bp_shop *s, const struct bp_part *p, double sigma_day)
{
	if (p->safety_stock >= 0)
		return p->safety_stock;
	double sl = bp_safety_service_level(s, p);
	if (!(sl > 0 && sl < 1) || sigma_day <= 0)
		return 0;
	double ss = bp_safety_z(sl) * sigma_day * sqrt(bp_safety_cover_days(s, p->supply));
	return ss > 0 ? ss : 0;
}

int bp_safety_batch(const struct bp_part *p)
{
	int pack = p->pack > 0 ? p->pack : 1;
	int minp = (p->min_order + pack - 1) / pack * pack;
	return minp > pack ? minp : pack;
}

double bp_safety_fill_normal(const struct bp_shop *s, const struct bp_part *p, double rate,
			     double sigma_day)
{
	if (p->safety_stock >= 0)
		return p->safety_stock;
	double sl = bp_safety_service_level(s, p);
	if (!(sl > 0 && sl < 1) || sigma_day <= 0 || rate <= 0)
		return 0;
	double sd = sigma_day * sqrt(bp_safety_cover_days(s, p->supply));
	double k = bp_normal_loss_inverse((1 - sl) * rate * BP_SAFETY_REVIEW_DAYS / sd);
	return k * sd;
}

/* The distribution of part p's demand over lead + review from `date`;
 * 0 ok, 1 when it cannot be built (no sizes, a forecast the sizes cannot
 * carry, too wide), -1 out of memory. */
/* ---- the class's sizes as a prior for each part's ----
 *
 * A lumpy part's year holds two to six of its large orders, so its own
 * table says one in 50 or one in 150 demand days where the truth is one in
 * 70; the pooled levels then cut stock on the parts whose year happened to
 * be quiet, and lose the units when their large orders come (the replay
 * lost 4 % of its lumpy units against 2 % asked, most in single orders of
 * 40-90 on parts whose history held fewer). So each part's sizes, relative
 * to its mean size, are shrunk toward those of its demand class: weight
 * kappa / (n + kappa) on the class's for a part with n demand days, kappa
 * from how much the parts' shares of large orders (3 x their mean size and
 * more) differ beyond what n days alone would scatter (beta-binomial
 * moments: empirical Bayes, estimated on the catalogue, not set). */

#define PRIOR_BINS 48
#define PRIOR_LARGE 3.0

struct size_prior {
	double ratio[PRIOR_BINS];   /* mean size / the part's mean, per bin */
	double weight[PRIOR_BINS];  /* demand days, per bin */
	double kappa;               /* 0: no prior */
};

static int ratio_bin(double r)
{
	/* log2 from 1/8 to 64 in steps of 1/4 */
	int b = (int)floor((log2(r) + 3) * 4);
	return b < 0 ? 0 : b >= PRIOR_BINS ? PRIOR_BINS - 1 : b;
}

static double mean_size(const int *size, const int *count, int n, double *days)
{
	double k = 0, sum = 0;
	for (int i = 0; i < n; i++) {
		k += count[i];
		sum += (double)size[i] * count[i];
	}
	*days = k;
	return k > 0 ? sum / k : 0;
}

/* One prior per demand class, from every part of it with sizes. */
static void build_priors(const struct bp_shop *s, const struct bp_forecast *fc,
			 const struct bp_fc_sizes *z, struct size_prior *pr)
{
	memset(pr, 0, BP_DEMAND_CLASSES * sizeof *pr);
	double sum_share[BP_DEMAND_CLASSES] = {0}, sum_share2[BP_DEMAND_CLASSES] = {0};
	double sum_binom[BP_DEMAND_CLASSES] = {0}, large[BP_DEMAND_CLASSES] = {0};
	double days_all[BP_DEMAND_CLASSES] = {0};
	int nparts[BP_DEMAND_CLASSES] = {0};
	for (int p = 0; p < s->nparts; p++) {
		int c = (int)fc[p].cls, i0 = z->first[p], n = z->first[p + 1] - i0;
		double days, mean = mean_size(z->size + i0, z->count + i0, n, &days);
		if (c < 0 || c >= BP_DEMAND_CLASSES || days < 5 || mean <= 0)
			continue;
		double k = 0;
		for (int i = 0; i < n; i++) {
			double r = z->size[i0 + i] / mean;
			int b = ratio_bin(r);
			pr[c].ratio[b] += r * z->count[i0 + i];
			pr[c].weight[b] += z->count[i0 + i];
			k += r >= PRIOR_LARGE ? z->count[i0 + i] : 0;
		}
		sum_share[c] += k / days;
		sum_share2[c] += (k / days) * (k / days);
		sum_binom[c] += 1 / days;
		large[c] += k;
		days_all[c] += days;
		nparts[c]++;
	}
	for (int c = 0; c < BP_DEMAND_CLASSES; c++) {
		for (int b = 0; b < PRIOR_BINS; b++)
			if (pr[c].weight[b] > 0)
				pr[c].ratio[b] /= pr[c].weight[b];
		if (nparts[c] < 2 || large[c] <= 0)
			continue;
		/* the shares' spread between parts, less the binomial part of
		 * it: pi (1 - pi) / (kappa + 1) */
		double pi = large[c] / days_all[c], np = nparts[c];
		double mean = sum_share[c] / np;
		double var = (sum_share2[c] - np * mean * mean) / (np - 1);
		double between = var - pi * (1 - pi) * sum_binom[c] / np;
		double most = 10 * days_all[c] / np;   /* ten parts' history at most */
		double kappa = between > 0 ? pi * (1 - pi) / between - 1 : most;
		pr[c].kappa = kappa < 0 ? 0 : kappa > most ? most : kappa;
	}
}

static int part_ltd(const struct bp_shop *s, const struct bp_part *p, const struct bp_forecast *f,
		    const int *size, const int *count, int nsizes, int date,
		    const struct size_prior *pr, struct bp_ltd *m);

/* Day i of a part: its own sizes, mixed with the class's at weight w
 * (sizes = the class's ratios x the part's mean size), 0 on a share q of
 * the days. */
static int prior_day(double q, const int *size, const int *count, int nsizes,
		     const struct size_prior *pr, double w, double own_mean, struct bp_pmf *out)
{
	if (bp_pmf_compound(q, size, count, nsizes, out))
		return -1;
	if (w <= 0 || out->n <= 1)
		return 0;
	int psize[PRIOR_BINS], pcount[PRIOR_BINS], n = 0;
	double tot = 0;
	for (int b = 0; b < PRIOR_BINS; b++)
		tot += pr->weight[b];
	for (int b = 0; b < PRIOR_BINS; b++)
		if (pr->weight[b] > 0) {
			long v = lround(pr->ratio[b] * own_mean);
			psize[n] = v < 1 ? 1 : v > BP_LTD_MAX_SUPPORT - 2 ? BP_LTD_MAX_SUPPORT - 2 : (int)v;
			/* counts in millionths: compound takes whole counts */
			pcount[n] = (int)lround(1e6 * pr->weight[b] / tot);
			n += pcount[n] > 0;
		}
	struct bp_pmf prior;
	if (!n || bp_pmf_compound(q, psize, pcount, n, &prior)) {
		if (!n)
			return 0;
		bp_pmf_free(out);
		return -1;
	}
	int top = out->n > prior.n ? out->n : prior.n;
	double *mix = calloc((size_t)top, sizeof *mix);
	if (!mix) {
		bp_pmf_free(&prior);
		bp_pmf_free(out);
		return -1;
	}
	for (int k = 0; k < top; k++)
		mix[k] = (1 - w) * (k < out->n ? out->p[k] : 0) + w * (k < prior.n ? prior.p[k] : 0);
	free(out->p);
	out->p = mix;
	out->n = top;
	bp_pmf_free(&prior);
	return bp_pmf_finish(out);
}

static int part_ltd(const struct bp_shop *s, const struct bp_part *p, const struct bp_forecast *f,
		    const int *size, const int *count, int nsizes, int date,
		    const struct size_prior *pr, struct bp_ltd *m)
{
	double n = 0, sum = 0;
	for (int i = 0; i < nsizes; i++) {
		n += count[i];
		sum += (double)size[i] * count[i];
	}
	if (n <= 0 || f->rate <= 0)
		return 1;
	double w = pr && pr->kappa > 0 ? pr->kappa / (n + pr->kappa) : 0;
	/* the class's ratios keep the part's mean size, up to rounding:
	 * q follows the mixed mean */
	double msize = sum / n;
	if (w > 0) {
		double pm = 0, pt = 0;
		for (int b = 0; b < PRIOR_BINS; b++) {
			double v = lround(pr->ratio[b] * msize);
			pm += (v < 1 ? 1 : v) * pr->weight[b];
			pt += pr->weight[b];
		}
		if (pt > 0)
			msize = (1 - w) * msize + w * pm / pt;
	}
	double lead = bp_safety_lead_days(s, p->supply);
	int ndays = (int)floor(lead + BP_SAFETY_REVIEW_DAYS + 1e-9) + 1;
	struct bp_pmf *day = calloc((size_t)ndays, sizeof *day);
	if (!day)
		return -1;
	int rc = 0;
	for (int d = 0; d < ndays && !rc; d++) {
		double q = f->rate * f->weekday[bp_weekday(date + d)] / msize;
		if (q > 1 + 1e-9)
			rc = 1;
		else if (prior_day(q, size, count, nsizes, pr, w, sum / n, &day[d]))
			rc = 1;   /* too wide (or out of memory): the normal approximation */
	}
	if (!rc && bp_ltd_build(day, ndays, lead, BP_SAFETY_REVIEW_DAYS, m))
		rc = 1;
	/* a customer the shelf cannot serve buys elsewhere */
	if (!rc && bp_ltd_lost(m, day, ndays, lead, BP_SAFETY_REVIEW_DAYS)) {
		bp_ltd_free(m);
		rc = 1;
	}
	for (int d = 0; d < ndays; d++)
		bp_pmf_free(&day[d]);
	free(day);
	return rc;
}

int bp_safety_fill(const struct bp_shop *s, const struct bp_part *p, const struct bp_forecast *f,
		   const int *size, const int *count, int nsizes, int date, double *ss)
{
	*ss = 0;
	if (p->safety_stock >= 0) {
		*ss = p->safety_stock;
		return BP_OK;
	}
	double sl = bp_safety_service_level(s, p);
	if (!(sl > 0 && sl < 1) || f->rate <= 0)
		return BP_OK;
	struct bp_ltd m;
	int rc = part_ltd(s, p, f, size, count, nsizes, date, NULL, &m);
	if (rc < 0)
		return BP_EINTERNAL;
	if (rc == 0) {
		double S = bp_ltd_level(&m, sl, bp_safety_batch(p));
		*ss = S - m.cover_mean;
		bp_ltd_free(&m);
	} else {
		/* a support too wide, or a size table that cannot carry the
		 * forecast: the normal approximation */
		*ss = bp_safety_fill_normal(s, p, f->rate, f->sigma);
	}
	return BP_OK;
}

/* ---- pooled levels ---- */

struct pooled {
	int part;
	int key;             /* demand class x 10000 + level in thousandths */
	double price;        /* what a unit held costs, relatively */
	double cycle;        /* units demanded per review */
	double cover_mean;   /* E[D(lead + review)] */
	double top;          /* the most D(lead + review) can be: never hold more */
	int off, n;          /* short[off .. off + n - 1]: units short per review at
				S = 0 .. n - 1 (0 from n - 1 on); hull[] the same
				span: its lower convex envelope */
	int lo;              /* the least S the part's own floor allows */
	int S;
};

static int by_key(const void *a, const void *b)
{
	const struct pooled *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->part > y->part) - (x->part < y->part);
}

/* The least S >= lo at which one unit more saves at most price / lambda,
 * on the convex envelope: a lumpy part's short can fall slowly and then
 * fast (the second unit covers more than the first), and marginal
 * analysis on the raw curve would stop before the fast part. The least
 * such S is a corner of the envelope, where it meets the curve. */
static int best_level(const struct pooled *q, const double *hull, double lambda)
{
	double bar = q->price / lambda;
	int a = q->lo, b = q->n - 1;
	while (a < b) {
		int mid = a + (b - a) / 2;
		if (hull[q->off + mid] - hull[q->off + mid + 1] <= bar)
			b = mid;
		else
			a = mid + 1;
	}
	return a;
}

static double pool_short(struct pooled *q, int n, const double *sh, const double *hull,
			 double lambda)
{
	double t = 0;
	for (int i = 0; i < n; i++) {
		q[i].S = best_level(&q[i], hull, lambda);
		t += sh[q[i].off + q[i].S];
	}
	return t;
}

/* The least lambda whose levels keep the pool's units short within its
 * allowance; the levels are left in q. */
static void solve_pool(struct pooled *q, int n, const double *sh, const double *hull,
		       double level)
{
	double allow = 0;
	for (int i = 0; i < n; i++)
		allow += (1 - level) * q[i].cycle;
	double lo = 1e-9, hi = 1e12;
	if (pool_short(q, n, sh, hull, lo) <= allow)
		return;
	for (int it = 0; it < 200 && hi / lo > 1 + 1e-12; it++) {
		double mid = sqrt(lo * hi);
		if (pool_short(q, n, sh, hull, mid) <= allow)
			hi = mid;
		else
			lo = mid;
	}
	pool_short(q, n, sh, hull, hi);
}

/* The lower convex envelope of y[lo .. n - 1] into h (y left alone; h
 * below lo is y). */
static void envelope(const double *y, int lo, int n, double *h, int *stack)
{
	int top = 0;
	for (int i = 0; i < lo && i < n; i++)
		h[i] = y[i];
	for (int i = lo; i < n; i++) {
		/* drop the last corner while it lies on or above the chord */
		while (top >= 2) {
			int a = stack[top - 2], b = stack[top - 1];
			if ((y[b] - y[a]) * (i - a) >= (y[i] - y[a]) * (b - a))
				top--;
			else
				break;
		}
		stack[top++] = i;
	}
	for (int k = 0; k + 1 < top; k++) {
		int a = stack[k], b = stack[k + 1];
		for (int i = a; i <= b; i++)
			h[i] = y[a] + (y[b] - y[a]) * (i - a) / (b - a);
	}
	if (top == 1)
		h[stack[0]] = y[stack[0]];
}

int bp_safety_pooled(const struct bp_shop *s, const struct bp_forecast *fc,
		     const struct bp_fc_sizes *z, int date, double *ss)
{
	return bp_safety_pooled_by(s, fc, z, date, 0, ss, NULL);
}

int bp_safety_pooled_by(const struct bp_shop *s, const struct bp_forecast *fc,
			const struct bp_fc_sizes *z, int date, double deadline, double *ss,
			int *cut)
{
	int late = 0;
	if (cut)
		*cut = 0;
	int np = s->nparts;
	struct pooled *q = calloc((size_t)(np ? np : 1), sizeof *q);
	size_t cap = 1024, used = 0;
	double *sh = malloc(cap * sizeof *sh), *hull = NULL;
	int *stack = NULL;
	int nq = 0, rc = BP_OK;
	struct size_prior prior[BP_DEMAND_CLASSES];
	if (!q || !sh) {
		rc = BP_EINTERNAL;
		goto done;
	}
	build_priors(s, fc, z, prior);
	for (int p = 0; p < np; p++) {
		const struct bp_part *pt = &s->parts[p];
		const struct bp_forecast *f = &fc[p];
		double sl = bp_safety_service_level(s, pt);
		ss[p] = 0;
		if (pt->safety_stock >= 0) {
			ss[p] = pt->safety_stock;
			continue;
		}
		if (!(sl > 0 && sl < 1) || f->rate <= 0)
			continue;
		if (deadline > 0 && !late && p % 64 == 0 && bp_clock() >= deadline)
			late = 1;
		if (late) {
			ss[p] = bp_safety_fill_normal(s, pt, f->rate, f->sigma);
			continue;
		}
		int i0 = z->first[p];
		struct bp_ltd m;
		const struct size_prior *pr = f->cls >= 0 && (int)f->cls < BP_DEMAND_CLASSES
						      ? &prior[f->cls] : NULL;
		int r = part_ltd(s, pt, f, z->size + i0, z->count + i0, z->first[p + 1] - i0, date,
				 pr, &m);
		if (r < 0) {
			rc = BP_EINTERNAL;
			goto done;
		}
		if (r > 0) {
			ss[p] = bp_safety_fill_normal(s, pt, f->rate, f->sigma);
			continue;
		}
		int batch = bp_safety_batch(pt);
		int hi = m.cover.n + (m.cover_f > 0 ? m.cover_next.n : 0) + 1;
		if (used + (size_t)hi + (size_t)batch > cap) {
			while (used + (size_t)hi + (size_t)batch > cap)
				cap *= 2;
			double *t = realloc(sh, cap * sizeof *sh);
			if (!t) {
				bp_ltd_free(&m);
				rc = BP_EINTERNAL;
				goto done;
			}
			sh = t;
		}
		/* short at whole S, then averaged over a batch (the stock after
		 * ordering spreads over S .. S + batch - 1) */
		double *w = sh + used;
		/* short falls with S: once it is nothing, it stays nothing (a
		 * lumpy part's support reaches far past where its mass ends) */
		for (int k = 0, gone = 0; k < hi + batch; k++) {
			w[k] = k < hi && !gone ? bp_ltd_short(&m, k) : 0;
			gone = gone || w[k] <= 1e-12 * m.cycle_mean;
		}
		double run = 0;
		for (int k = 0; k < batch; k++)
			run += w[k];
		for (int k = 0; k < hi; k++) {
			double v = run / batch;
			run += w[k + batch] - w[k];
			w[k] = v;
		}
		struct pooled *e = &q[nq++];
		e->part = p;
		e->key = (int)f->cls * 10000 + (int)lround(sl * 1000);
		e->price = pt->unit_cost > 1e-6 ? pt->unit_cost : 1e-6;
		e->cycle = m.cycle_mean;
		e->cover_mean = m.cover_mean;
		e->top = (m.cover.n - 1) + m.cover_f * (m.cover_f > 0 ? m.cover_next.n - 1 : 0);
		e->off = (int)used;
		e->n = hi;
		double floor_fill = 1 - BP_SAFETY_POOL_FLOOR * (1 - sl);
		e->lo = 0;
		while (e->lo < hi - 1 && m.cycle_mean > 0 &&
		       1 - w[e->lo] / m.cycle_mean < floor_fill)
			e->lo++;
		used += (size_t)hi;
		bp_ltd_free(&m);
	}
	hull = malloc((used + 1) * sizeof *hull);
	stack = malloc((used + 1) * sizeof *stack);
	if (!hull || !stack) {
		rc = BP_EINTERNAL;
		goto done;
	}
	for (int i = 0; i < nq; i++)
		envelope(sh + q[i].off, q[i].lo, q[i].n, hull + q[i].off, stack);
	qsort(q, (size_t)nq, sizeof *q, by_key);
	for (int a = 0, b; a < nq; a = b) {
		for (b = a; b < nq && q[b].key == q[a].key; b++)
			;
		solve_pool(q + a, b - a, sh, hull, (q[a].key % 10000) / 1000.0);
	}
	for (int i = 0; i < nq; i++) {
		/* never more than the most the interval can sell: a part that
		 * sells 2.76 every time needs 2.76, not 3 */
		double S = q[i].S < q[i].top ? q[i].S : q[i].top;
		ss[q[i].part] = S - q[i].cover_mean;
	}
	if (cut)
		*cut = late;
done:
	free(q);
	free(sh);
	free(hull);
	free(stack);
	return rc;
}
