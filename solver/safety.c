/*
 * safety.c - inverse normal CDF and safety stock (see safety.h).
 * Acklam's algorithm: P. J. Acklam, "An algorithm for computing the inverse
 * normal cumulative distribution function" (2003); relative error 1.15e-9
 * before the refinement step, near machine precision after it.
 */
#include "safety.h"

#include <math.h>
#include <stdlib.h>

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
	double n = 0, sum = 0;
	for (int i = 0; i < nsizes; i++) {
		n += count[i];
		sum += (double)size[i] * count[i];
	}
	double lead = bp_safety_lead_days(s, p->supply);
	int ndays = (int)floor(lead + BP_SAFETY_REVIEW_DAYS + 1e-9) + 1;
	struct bp_pmf *day = calloc((size_t)ndays, sizeof *day);
	if (!day)
		return BP_EINTERNAL;
	int fallback = n <= 0, rc = BP_OK;
	for (int d = 0; d < ndays && !fallback; d++) {
		double q = f->rate * f->weekday[bp_weekday(date + d)] / (sum / n);
		if (q > 1 + 1e-9 || bp_pmf_compound(q, size, count, nsizes, &day[d]))
			fallback = 1;
	}
	struct bp_ltd m;
	if (!fallback && !bp_ltd_build(day, ndays, lead, BP_SAFETY_REVIEW_DAYS, &m)) {
		double S = bp_ltd_level(&m, sl, bp_safety_batch(p));
		*ss = S - m.cover_mean;
		bp_ltd_free(&m);
	} else {
		/* a support too wide, or a size table that cannot carry the
		 * forecast: the normal approximation */
		*ss = bp_safety_fill_normal(s, p, f->rate, f->sigma);
	}
	for (int d = 0; d < ndays; d++)
		bp_pmf_free(&day[d]);
	free(day);
	return rc;
}
