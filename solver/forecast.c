/*
 * forecast.c - demand classification and forecasts (see forecast.h).
 * Everything works on a plain daily series; bp_forecast_shop builds the
 * series of every part from the shop's demand rows in one pass.
 */
#include "forecast.h"

#include "model/timeutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void bp_forecast_opts_init(struct bp_forecast_opts *o)
{
	o->alpha = 0.1;
	o->min_days = 28;
	o->min_nonzero = 2;
	o->lookback = 365;
}

double bp_forecast_on(const struct bp_forecast *f, int day)
{
	return f->rate * f->weekday[bp_weekday(day)];
}

int bp_forecast_weekday_profile(const double units[7], const int days[7], int min_days,
				double profile[7])
{
	double total = 0, chi2 = 0;
	int n = 0;
	for (int w = 0; w < 7; w++) {
		profile[w] = 1;
		total += units[w];
		n += days[w];
	}
	if (n < min_days || n < 14 || total <= 0)
		return 0;
	for (int w = 0; w < 7; w++) {
		double e = total * days[w] / n;
		if (e > 0)
			chi2 += (units[w] - e) * (units[w] - e) / e;
	}
	if (chi2 < BP_FC_WEEKDAY_CHI2)
		return 0;
	for (int w = 0; w < 7; w++)
		profile[w] = days[w] ? (units[w] / days[w]) / (total / n) : 1;
	return 1;
}

/* Chi-square 1 % points for 1 to 6 degrees of freedom. */
static const double chi2_1pct[7] = {0, 6.635, 9.210, 11.345, 13.277, 15.086, 16.812};

int bp_forecast_weekday_class(const double *y, int n, int first, const int closed[7], int min_days,
			      double profile[7])
{
	double units[7] = {0}, sq[7] = {0}, total = 0;
	int days[7] = {0}, nopen = 0, k = 0, all = 0;
	for (int t = 0; t < n; t++) {
		int w = bp_weekday(first + t);
		all++;
		if (closed[w])
			continue;
		days[w]++;
		units[w] += y[t];
		sq[w] += y[t] * y[t];
		total += y[t];
		nopen++;
	}
	for (int w = 0; w < 7; w++)
		k += days[w] > 0;
	/* flat over the open days: a calendar day's demand falls on them */
	for (int w = 0; w < 7; w++)
		profile[w] = closed[w] ? 0 : nopen > 0 ? (double)all / nopen : 1;
	if (nopen < min_days || nopen < 14 || total <= 0 || k < 2)
		return 0;
	double chi2 = 0, within = 0, mean = total / nopen;
	for (int w = 0; w < 7; w++) {
		if (!days[w])
			continue;
		double e = total * days[w] / nopen;
		chi2 += (units[w] - e) * (units[w] - e) / e;
		within += sq[w] - units[w] * units[w] / days[w];
	}
	/* quasi-Poisson: Poisson units spread as their mean; a lumpy class
	 * spreads far wider, and its chi-square grows with it */
	double phi = nopen > k ? within / (nopen - k) / mean : 1;
	if (phi < 1)
		phi = 1;
	if (chi2 / phi < chi2_1pct[k - 1])
		return 0;
	for (int w = 0; w < 7; w++)
		profile[w] = days[w] ? (units[w] / days[w]) / (total / all) : 0;
	return 1;
}

double bp_forecast_ses(const double *y, int n, double alpha, double *rmse)
{
	double level = n > 0 ? y[0] : 0, sse = 0;
	for (int t = 1; t < n; t++) {
		double e = y[t] - level;
		sse += e * e;
		level += alpha * e;
	}
	if (rmse)
		*rmse = n > 1 ? sqrt(sse / (n - 1)) : 0;
	return level;
}

double bp_forecast_croston(const double *y, int n, double alpha, int sba, double *rmse)
{
	double factor = sba ? 1 - alpha / 2 : 1;
	double size = 0, interval = 0, sse = 0;
	int last = -1, nerr = 0;
	for (int t = 0; t < n; t++) {
		if (last >= 0) {
			/* one-step-ahead forecast for t, made after t-1 */
			double e = y[t] - factor * size / interval;
			sse += e * e;
			nerr++;
		}
		if (y[t] <= 0)
			continue;
		double gap = t - last;   /* the first interval runs from period 0 */
		if (last < 0) {
			size = y[t];
			interval = gap;
		} else {
			size += alpha * (y[t] - size);
			interval += alpha * (gap - interval);
		}
		last = t;
	}
	if (rmse)
		*rmse = nerr ? sqrt(sse / nerr) : 0;
	return last < 0 ? 0 : factor * size / interval;
}

enum bp_demand_class bp_forecast_classify(const double *y, int n, double *adi, double *cv2)
{
	double sum = 0, sq = 0;
	int nz = 0;
	for (int t = 0; t < n; t++)
		if (y[t] > 0) {
			nz++;
			sum += y[t];
			sq += y[t] * y[t];
		}
	double a = 0, c = 0;
	if (nz) {
		double mean = sum / nz;
		double var = sq / nz - mean * mean;
		a = (double)n / nz;
		c = var > 0 ? var / (mean * mean) : 0;
	}
	if (adi)
		*adi = a;
	if (cv2)
		*cv2 = c;
	if (!nz)
		return BP_DEMAND_NONE;
	if (a < BP_FC_ADI_CUT)
		return c < BP_FC_CV2_CUT ? BP_DEMAND_SMOOTH : BP_DEMAND_ERRATIC;
	return c < BP_FC_CV2_CUT ? BP_DEMAND_INTERMITTENT : BP_DEMAND_LUMPY;
}

/* Plain mean; sigma is the sample standard deviation, or sqrt(mean) (the
 * Poisson figure) when one day cannot give a deviation. */
static void plain_mean(const double *y, int n, struct bp_forecast *out)
{
	double sum = 0, sq = 0;
	for (int t = 0; t < n; t++) {
		sum += y[t];
		sq += y[t] * y[t];
	}
	out->method = BP_FC_MEAN;
	out->rate = n ? sum / n : 0;
	if (n > 1) {
		double var = (sq - sum * sum / n) / (n - 1);
		out->sigma = var > 0 ? sqrt(var) : 0;
	} else {
		out->sigma = sqrt(out->rate);
	}
}

void bp_forecast_series(const double *y, int n, const struct bp_forecast_opts *o,
			struct bp_forecast *out)
{
	memset(out, 0, sizeof *out);
	out->last_demand = -1;
	for (int w = 0; w < 7; w++)
		out->weekday[w] = 1;
	out->days = n;
	out->cls = bp_forecast_classify(y, n, &out->adi, &out->cv2);
	for (int t = 0; t < n; t++)
		out->nonzero += y[t] > 0;
	if (!out->nonzero) {
		out->method = BP_FC_ZERO;
		return;
	}
	if (n < o->min_days || out->nonzero < o->min_nonzero) {
		plain_mean(y, n, out);
		return;
	}
	switch (out->cls) {
	case BP_DEMAND_INTERMITTENT:
	case BP_DEMAND_LUMPY:
		out->method = BP_FC_SBA;
		out->rate = bp_forecast_croston(y, n, o->alpha, 1, &out->sigma);
		break;
	default:
		out->method = BP_FC_SES;
		out->rate = bp_forecast_ses(y, n, o->alpha, &out->sigma);
		break;
	}
	if (out->rate < 0)
		out->rate = 0;
}

void bp_fc_sizes_free(struct bp_fc_sizes *z)
{
	free(z->first);
	free(z->size);
	free(z->count);
	memset(z, 0, sizeof *z);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Each part's non-zero days of y (nparts series of n days), as distinct
 * sizes with their counts. 0 ok, -1 out of memory. */
static int gather_sizes(const double *y, int n, int nparts, struct bp_fc_sizes *z)
{
	size_t total = 0;
	for (size_t i = 0; i < (size_t)n * (size_t)nparts; i++)
		total += y[i] > 0;
	z->first = calloc((size_t)nparts + 1, sizeof *z->first);
	z->size = malloc((total + 1) * sizeof *z->size);
	z->count = malloc((total + 1) * sizeof *z->count);
	if (!z->first || !z->size || !z->count)
		return -1;
	int k = 0;
	for (int p = 0; p < nparts; p++) {
		int start = k, m = 0;
		z->first[p] = start;
		for (int t = 0; t < n; t++) {
			const double *yp = y + (size_t)p * (size_t)n;
			if (yp[t] > 0)
				z->size[start + m++] = (int)lround(yp[t]);
		}
		qsort(z->size + start, (size_t)m, sizeof *z->size, cmp_int);
		for (int i = 0; i < m; i++) {
			if (k > start && z->size[k - 1] == z->size[start + i]) {
				z->count[k - 1]++;
				continue;
			}
			z->size[k] = z->size[start + i];
			z->count[k++] = 1;
		}
	}
	z->first[nparts] = k;
	return 0;
}

int bp_forecast_shop(const struct bp_shop *s, int date, const struct bp_forecast_opts *o,
		     struct bp_forecast *out, struct bp_fc_sizes *sizes, struct bp_err *err)
{
	int first = date;
	for (int i = 0; i < s->ndemand; i++)
		if (s->demand[i].day < first)
			first = s->demand[i].day;
	if (first < date - o->lookback)
		first = date - o->lookback;
	int n = date - first;
	double *y = NULL;
	int *last = calloc((size_t)(s->nparts ? s->nparts : 1), sizeof *last);
	if (n > 0)
		y = calloc((size_t)n * (size_t)s->nparts, sizeof *y);
	if (!last || (n > 0 && s->nparts > 0 && !y)) {
		free(last);
		free(y);
		return bp_err_set(err, BP_EINTERNAL, "out of memory forecasting demand");
	}
	for (int p = 0; p < s->nparts; p++)
		last[p] = -1;
	for (int i = 0; i < s->ndemand; i++) {
		const struct bp_demand_row *r = &s->demand[i];
		if (r->part < 0 || r->part >= s->nparts || r->day >= date || r->qty <= 0)
			continue;
		if (r->day > last[r->part])
			last[r->part] = r->day;
		if (r->day >= first)
			y[(size_t)r->part * (size_t)n + (size_t)(r->day - first)] += r->qty;
	}
	if (sizes) {
		memset(sizes, 0, sizeof *sizes);
		if (gather_sizes(y, n > 0 ? n : 0, s->nparts, sizes)) {
			bp_fc_sizes_free(sizes);
			free(last);
			free(y);
			return bp_err_set(err, BP_EINTERNAL, "out of memory forecasting demand");
		}
	}
	/* Closed weekdays: none of any part's units in the history. */
	double units[7] = {0};
	int days[7] = {0}, closed[7] = {0};
	for (int t = 0; t < n; t++) {
		int w = bp_weekday(first + t);
		days[w]++;
		for (int p = 0; p < s->nparts; p++)
			units[w] += y[(size_t)p * (size_t)n + (size_t)t];
	}
	double all = 0;
	for (int w = 0; w < 7; w++)
		all += units[w];
	for (int w = 0; w < 7; w++)
		closed[w] = n >= o->min_days && n >= 14 && all > 0 && days[w] > 0 && units[w] <= 0;
	/* Each demand class's daily units, classes taken on the open days */
	double *tot = calloc((size_t)BP_DEMAND_CLASSES * (size_t)(n > 0 ? n : 1), sizeof *tot);
	double *buf = malloc((size_t)(n > 0 ? n : 1) * sizeof *buf);
	unsigned char *cls = malloc((size_t)(s->nparts ? s->nparts : 1));
	if (!tot || !buf || !cls) {
		free(tot);
		free(buf);
		free(cls);
		free(y);
		free(last);
		if (sizes)
			bp_fc_sizes_free(sizes);
		return bp_err_set(err, BP_EINTERNAL, "out of memory forecasting demand");
	}
	for (int p = 0; p < s->nparts; p++) {
		const double *yp = n > 0 ? y + (size_t)p * (size_t)n : NULL;
		int m = 0;
		for (int t = 0; t < n; t++)
			if (!closed[bp_weekday(first + t)])
				buf[m++] = yp[t];
		cls[p] = (unsigned char)bp_forecast_classify(buf, m, NULL, NULL);
		for (int t = 0; t < n; t++)
			tot[(size_t)cls[p] * (size_t)n + (size_t)t] += yp[t];
	}
	double profile[BP_DEMAND_CLASSES][7];
	for (int c = 0; c < BP_DEMAND_CLASSES; c++)
		bp_forecast_weekday_class(tot + (size_t)c * (size_t)n, n, first, closed,
					  o->min_days, profile[c]);
	for (int p = 0; p < s->nparts; p++) {
		double *yp = n > 0 ? y + (size_t)p * (size_t)n : NULL;
		const double *pf = profile[cls[p]];
		int np = 0;
		/* adjusted in place; closed weekdays drop out */
		for (int t = 0; t < n; t++) {
			double f = pf[bp_weekday(first + t)];
			if (f > 0)
				yp[np++] = yp[t] / f;
		}
		bp_forecast_series(yp, np, o, &out[p]);
		out[p].last_demand = last[p];
		memcpy(out[p].weekday, pf, sizeof out[p].weekday);
	}
	free(tot);
	free(buf);
	free(cls);
	free(y);
	free(last);
	return BP_OK;
}
