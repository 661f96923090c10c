/*
 * ltd.c - demand distributions and the fill-rate arithmetic (see ltd.h).
 */
#include "ltd.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void bp_pmf_free(struct bp_pmf *d)
{
	free(d->p);
	free(d->loss);
	free(d->tail);
	memset(d, 0, sizeof *d);
}

static int pmf_alloc(struct bp_pmf *d, int n)
{
	memset(d, 0, sizeof *d);
	d->p = calloc((size_t)n, sizeof *d->p);
	if (!d->p)
		return -1;
	d->n = n;
	return 0;
}

int bp_pmf_zero(struct bp_pmf *out)
{
	if (pmf_alloc(out, 1))
		return -1;
	out->p[0] = 1;
	return bp_pmf_finish(out);
}

int bp_pmf_poisson(double mean, double eps, struct bp_pmf *out)
{
	if (!(mean > 0))
		return bp_pmf_zero(out);
	/* far enough that the tail is below eps for any eps we use */
	int n = (int)ceil(mean + 12 * sqrt(mean) + 12) + 1;
	if (n > BP_LTD_MAX_SUPPORT || pmf_alloc(out, n))
		return -1;
	double pk = exp(-mean), cum = 0;
	int k = 0;
	for (; k < n - 1; k++) {
		out->p[k] = pk;
		cum += pk;
		if (k >= mean && 1 - cum < eps)
			break;
		pk *= mean / (k + 1);
	}
	if (k < n - 1)
		k++;
	out->n = k + 1;
	out->p[k] += 1 - cum > 0 ? 1 - cum : 0;
	return bp_pmf_finish(out);
}

int bp_pmf_negbin(double mean, double var, double eps, struct bp_pmf *out)
{
	if (!(var > mean * (1 + 1e-9)))
		return bp_pmf_poisson(mean, eps, out);
	double p = mean / var, r = mean * mean / (var - mean);
	int n = (int)ceil(mean + 20 * sqrt(var) + 20) + 1;
	if (n > BP_LTD_MAX_SUPPORT || pmf_alloc(out, n))
		return -1;
	double pk = exp(r * log(p)), cum = 0;
	int k = 0;
	for (; k < n - 1; k++) {
		out->p[k] = pk;
		cum += pk;
		if (k >= mean && 1 - cum < eps)
			break;
		pk *= (k + r) / (k + 1) * (1 - p);
	}
	if (k < n - 1)
		k++;
	out->n = k + 1;
	out->p[k] += 1 - cum > 0 ? 1 - cum : 0;
	return bp_pmf_finish(out);
}

int bp_pmf_compound(double q, const int *size, const int *count, int n, struct bp_pmf *out)
{
	int top = 0;
	double total = 0;
	for (int i = 0; i < n; i++)
		if (size[i] > 0 && count[i] > 0) {
			top = size[i] > top ? size[i] : top;
			total += count[i];
		}
	if (!(q > 0) || total <= 0)
		return bp_pmf_zero(out);
	if (q > 1)
		q = 1;
	if (top + 1 > BP_LTD_MAX_SUPPORT || pmf_alloc(out, top + 1))
		return -1;
	out->p[0] = 1 - q;
	for (int i = 0; i < n; i++)
		if (size[i] > 0 && count[i] > 0)
			out->p[size[i]] += q * count[i] / total;
	return bp_pmf_finish(out);
}

int bp_pmf_convolve(const struct bp_pmf *a, const struct bp_pmf *b, struct bp_pmf *out)
{
	int n = a->n + b->n - 1;
	if (n > BP_LTD_MAX_SUPPORT || pmf_alloc(out, n))
		return -1;
	/* b is sparse for a compound day (a few sizes): skip its zeros */
	for (int j = 0; j < b->n; j++) {
		double pj = b->p[j];
		if (pj <= 0)
			continue;
		for (int i = 0; i < a->n; i++)
			out->p[i + j] += a->p[i] * pj;
	}
	return bp_pmf_finish(out);
}

int bp_pmf_finish(struct bp_pmf *d)
{
	free(d->loss);
	free(d->tail);
	d->loss = malloc(((size_t)d->n + 1) * sizeof *d->loss);
	d->tail = malloc(((size_t)d->n + 1) * sizeof *d->tail);
	if (!d->loss || !d->tail)
		return -1;
	/* from the top, so that small tails keep their digits */
	d->tail[d->n] = d->loss[d->n] = 0;
	d->mean = 0;
	for (int k = d->n - 1; k >= 0; k--) {
		d->tail[k] = d->tail[k + 1] + (k + 1 < d->n ? d->p[k + 1] : 0);
		d->loss[k] = d->loss[k + 1] + d->tail[k];
		d->mean += k * d->p[k];
	}
	return 0;
}

double bp_pmf_loss(const struct bp_pmf *d, double x)
{
	if (x <= 0)
		return d->mean - x;
	int k = (int)floor(x);
	if (k >= d->n)
		return 0;
	double v = d->loss[k] - (x - k) * d->tail[k];
	return v > 0 ? v : 0;
}

/* E[(A + f B - x)+]: B's share f of a day on top of whole days A. */
static double mix_loss(const struct bp_pmf *a, const struct bp_pmf *b, double f, double x)
{
	if (f <= 0 || !b->n)
		return bp_pmf_loss(a, x);
	double v = 0;
	for (int j = 0; j < b->n; j++)
		if (b->p[j] > 0)
			v += b->p[j] * bp_pmf_loss(a, x - f * j);
	return v;
}

void bp_ltd_free(struct bp_ltd *m)
{
	bp_pmf_free(&m->cover);
	bp_pmf_free(&m->cover_next);
	bp_pmf_free(&m->lead);
	bp_pmf_free(&m->lead_next);
	bp_pmf_free(&m->period);
	free(m->pcdf);
	free(m->pg);
	free(m->hk);
	free(m->hs);
	memset(m, 0, sizeof *m);
}

static int pmf_copy(const struct bp_pmf *src, struct bp_pmf *dst)
{
	if (pmf_alloc(dst, src->n))
		return -1;
	memcpy(dst->p, src->p, (size_t)src->n * sizeof *dst->p);
	return bp_pmf_finish(dst);
}

/* Whole days and the share of the next in t days (t = 1.38: 1 and 0.38). */
static void split_days(double t, int *whole, double *frac)
{
	*whole = (int)floor(t + 1e-9);
	*frac = t - *whole;
	if (*frac < 1e-9)
		*frac = 0;
}

int bp_ltd_build(const struct bp_pmf *day, int ndays, double lead, double review,
		 struct bp_ltd *out)
{
	memset(out, 0, sizeof *out);
	int nc, nl;
	double fc, fl;
	split_days(lead + review, &nc, &fc);
	split_days(lead, &nl, &fl);
	if (nc + (fc > 0) > ndays || nl > nc)
		return -1;
	struct bp_pmf acc, next;
	if (bp_pmf_zero(&acc))
		return -1;
	int rc = 0;
	for (int d = 0; d <= nc && !rc; d++) {
		if (d == nl) {
			rc = pmf_copy(&acc, &out->lead);
			out->lead_f = fl;
			if (!rc && fl > 0)
				rc = pmf_copy(&day[d], &out->lead_next);
		}
		if (d == nc || rc)
			break;
		rc = bp_pmf_convolve(&acc, &day[d], &next);
		bp_pmf_free(&acc);
		acc = next;
	}
	if (!rc) {
		out->cover = acc;
		memset(&acc, 0, sizeof acc);
		out->cover_f = fc;
		if (fc > 0)
			rc = pmf_copy(&day[nc], &out->cover_next);
	}
	bp_pmf_free(&acc);
	if (rc) {
		bp_ltd_free(out);
		return -1;
	}
	out->cover_mean = out->cover.mean + fc * (fc > 0 ? out->cover_next.mean : 0);
	double lm = out->lead.mean + fl * (fl > 0 ? out->lead_next.mean : 0);
	out->cycle_mean = out->cover_mean - lm;
	return 0;
}

int bp_ltd_lost(struct bp_ltd *m, const struct bp_pmf *day, int ndays, double lead,
		double review)
{
	int nl, nr;
	double fl, fr;
	split_days(lead, &nl, &fl);
	split_days(review, &nr, &fr);
	if (nr < 1)
		nr = 1;
	if (nl + nr > ndays)
		return -1;
	struct bp_pmf acc, next;
	if (pmf_copy(&day[nl], &acc))
		return -1;
	for (int d = nl + 1; d < nl + nr; d++) {
		if (bp_pmf_convolve(&acc, &day[d], &next)) {
			bp_pmf_free(&acc);
			return -1;
		}
		bp_pmf_free(&acc);
		acc = next;
	}
	int n = acc.n;
	double *cdf = malloc((size_t)n * sizeof *cdf), *pg = malloc((size_t)n * sizeof *pg);
	if (!cdf || !pg) {
		free(cdf);
		free(pg);
		bp_pmf_free(&acc);
		return -1;
	}
	double *hk = malloc(((size_t)n + 1) * sizeof *hk), *hs = malloc((size_t)n * sizeof *hs);
	if (!hk || !hs) {
		free(cdf);
		free(pg);
		free(hk);
		free(hs);
		bp_pmf_free(&acc);
		return -1;
	}
	double c = 0, g = 0;
	for (int b = 0; b < n; b++) {
		c += acc.p[b];
		g += acc.p[b] * acc.loss[b];
		cdf[b] = c;
		pg[b] = g;
		hk[b] = c * acc.loss[b] - g;
		hs[b] = c * acc.tail[b];
	}
	hk[n] = -g;   /* past the support: P(Dp <= x) = 1, g(x) = 0 */
	bp_pmf_free(&m->period);
	free(m->pcdf);
	free(m->pg);
	free(m->hk);
	free(m->hs);
	m->period = acc;
	m->pcdf = cdf;
	m->pg = pg;
	m->hk = hk;
	m->hs = hs;
	m->lost = 1;
	return 0;
}

/* E[(D' - I)+] with I = max(S - a, min(S, Dp)) for a lead demand a:
 * Dp <= S - a leaves the shelf at S - a after the delivery (x = S - a),
 * Dp between lost what the lead demand took beyond the shelf, Dp >= S
 * emptied it (the delivery brings it to S). With g(x) = E[(D' - x)+]:
 *   [x >= 0] (P(Dp <= x) g(x) - sum_{b <= x} p(b) g(b))
 *   + sum_{b < S} p(b) g(b) + P(Dp >= S) g(S).
 * The first part, h(x), is linear between whole units: h(k) - (x - k)
 * P(Dp <= k) P(D' > k), precomputed (hk, hs); the rest does not depend
 * on a. */
static double lost_h(const struct bp_ltd *m, double x)
{
	if (x < 0)
		return 0;
	int k = (int)floor(x + 1e-12), n = m->period.n;
	if (k >= n)
		return m->hk[n];
	return m->hk[k] - (x - k) * m->hs[k];
}

static double lost_short(const struct bp_ltd *m, double S)
{
	const struct bp_pmf *a = &m->lead, *b = &m->lead_next, *w = &m->period;
	double f = m->lead_f, v = 0;
	int frac = f > 0 && b->n;
	for (int i = 0; i < a->n; i++) {
		if (a->p[i] <= 0)
			continue;
		if (!frac) {
			v += a->p[i] * lost_h(m, S - i);
			continue;
		}
		double u = 0;
		for (int j = 0; j < b->n; j++)
			if (b->p[j] > 0)
				u += b->p[j] * lost_h(m, S - i - f * j);
		v += a->p[i] * u;
	}
	/* integer b strictly below S: b <= ceil(S) - 1 */
	int below = (int)ceil(S - 1e-9) - 1;
	if (below >= 0) {
		int k = below < w->n ? below : w->n - 1;
		v += m->pg[k] + (1 - m->pcdf[k]) * bp_pmf_loss(w, S);
	} else {
		v += bp_pmf_loss(w, S);
	}
	return v > 0 ? v : 0;
}

double bp_ltd_short(const struct bp_ltd *m, double S)
{
	if (m->lost)
		return lost_short(m, S);
	double v = mix_loss(&m->cover, &m->cover_next, m->cover_f, S) -
		   mix_loss(&m->lead, &m->lead_next, m->lead_f, S);
	return v > 0 ? v : 0;
}

/* Points of a batch averaged at most: enough for a smooth mean. */
#define BATCH_POINTS 32

double bp_ltd_fill(const struct bp_ltd *m, double S, int batch)
{
	if (m->cycle_mean <= 1e-12)
		return 1;
	if (batch < 1)
		batch = 1;
	int pts = batch < BATCH_POINTS ? batch : BATCH_POINTS;
	double sum = 0;
	for (int i = 0; i < pts; i++) {
		double j = pts > 1 ? (double)i * (batch - 1) / (pts - 1) : 0;
		sum += bp_ltd_short(m, S + floor(j + 0.5));
	}
	double f = 1 - sum / pts / m->cycle_mean;
	return f < 0 ? 0 : f > 1 ? 1 : f;
}

double bp_ltd_level(const struct bp_ltd *m, double target, int batch)
{
	if (m->cycle_mean <= 1e-12)
		return 0;
	/* past every demand the interval can hold nothing is short */
	int lo = 0, hi = m->cover.n + (m->cover_f > 0 ? m->cover_next.n : 0);
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (bp_ltd_fill(m, mid, batch) >= target)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (lo == 0)
		return 0;
	/* within the last unit: a part that sells 2.76 over the interval
	 * every time needs 2.76, not 3 (stock rounds up where it is held) */
	double a = lo - 1, b = lo;
	for (int i = 0; i < 40 && b - a > 1e-9; i++) {
		double mid = (a + b) / 2;
		if (bp_ltd_fill(m, mid, batch) >= target)
			b = mid;
		else
			a = mid;
	}
	return b;
}

double bp_normal_loss(double k)
{
	double pdf = exp(-k * k / 2) / 2.50662827463100050242;
	return pdf - k * 0.5 * erfc(k / sqrt(2.0));
}

double bp_normal_loss_inverse(double ratio)
{
	double lo = -8, hi = 8;
	if (ratio >= bp_normal_loss(lo))
		return lo;
	if (ratio <= bp_normal_loss(hi))
		return hi;
	for (int i = 0; i < 100 && hi - lo > 1e-12; i++) {
		double mid = (lo + hi) / 2;
		if (bp_normal_loss(mid) > ratio)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}
