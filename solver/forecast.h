/*
 * forecast.h - daily demand forecasts per part from the demand history:
 * Syntetos-Boylan classification (ADI, CV^2), Croston and its SBA
 * correction for intermittent and lumpy demand, simple exponential
 * smoothing for smooth and erratic demand, a plain mean for short history.
 */
#ifndef BP_FORECAST_H
#define BP_FORECAST_H

#include "model/err.h"
#include "model/reorder.h"
#include "model/shop.h"

/* Syntetos-Boylan cut-offs. */
#define BP_FC_ADI_CUT 1.32
#define BP_FC_CV2_CUT 0.49

struct bp_forecast_opts {
	double alpha;      /* smoothing constant for SES and Croston (0.1) */
	int min_days;      /* shorter history: plain mean (28) */
	int min_nonzero;   /* fewer demands: plain mean (2) */
	int lookback;      /* days of history used at most (365) */
};

struct bp_forecast {
	enum bp_demand_class cls;
	enum bp_forecast_method method;
	int days;          /* length of the daily series */
	int nonzero;       /* days with demand */
	double adi;        /* days / days with demand; 0 without demand */
	double cv2;        /* squared coefficient of variation of non-zero demand */
	double rate;       /* forecast demand per day */
	double sigma;      /* RMSE of one-step-ahead forecasts, per day */
	int last_demand;   /* day (since epoch) of the last demand, -1 = none */
	double weekday[7]; /* the shop's weekday profile, Monday first: demand on
			      that weekday / demand per calendar day (all 1 when
			      the history shows none) */
};

void bp_forecast_opts_init(struct bp_forecast_opts *o);

/* A weekday profile matters when the units per weekday differ from an even
 * spread by more than chance: chi-square with 6 degrees of freedom above
 * its 1 % point. */
#define BP_FC_WEEKDAY_CHI2 16.812

/* The forecast for one day: rate x the profile of its weekday. */
double bp_forecast_on(const struct bp_forecast *f, int day);

/* The shop's weekday profile from units[w] sold on weekday w (0 = Monday)
 * over days[w] days: (units[w] / days[w]) / (units / days), or all 1 when
 * the history is shorter than min_days or the spread passes as chance.
 * Returns 1 when a profile was found. */
int bp_forecast_weekday_profile(const double units[7], const int days[7], int min_days,
				double profile[7]);

/* The weekday profile of one demand class from its daily units y[0..n-1]
 * (y[0] on day `first`), closed weekdays (closed[w], no units of any part)
 * left out: the units per open weekday against an even spread, chi-square
 * with (open weekdays - 1) degrees of freedom divided by the dispersion of
 * the daily units within their weekday (quasi-Poisson, at least 1), above
 * its 1 % point. Then profile[w] = (units[w] / days[w]) / (units per
 * calendar day); else flat over the open days (calendar days / open days,
 * 0 when closed). Returns 1 when the profile is significant. */
int bp_forecast_weekday_class(const double *y, int n, int first, const int closed[7], int min_days,
			      double profile[7]);

/* Simple exponential smoothing, level started at y[0]: the forecast for
 * period n (0-based); *rmse (may be NULL) over the one-step forecasts of
 * y[1..n-1]. n >= 1. */
double bp_forecast_ses(const double *y, int n, double alpha, double *rmse);
/* Croston: SES on the non-zero sizes and on the intervals between them (the
 * first interval counted from the start of the series, as Croston and
 * Hyndman's forecast::croston do); sba multiplies by 1 - alpha/2. Returns the
 * per-period forecast after y[n-1]; 0 when y has no demand. *rmse (may be
 * NULL) over the periods after the first demand. */
double bp_forecast_croston(const double *y, int n, double alpha, int sba, double *rmse);
/* Syntetos-Boylan class of a series; adi and cv2 may be NULL. */
enum bp_demand_class bp_forecast_classify(const double *y, int n, double *adi, double *cv2);
/* Pick the method for the series' class and history length, and forecast. */
void bp_forecast_series(const double *y, int n, const struct bp_forecast_opts *o,
			struct bp_forecast *out);
/* The non-zero daily quantities of each part's history (the days the
 * forecast used, before any weekday adjustment): part p's distinct sizes,
 * ascending, are size[first[p] .. first[p + 1] - 1], count[] the days each
 * was sold. The demand distribution of ltd.h draws from them. */
struct bp_fc_sizes {
	int *first;        /* nparts + 1 */
	int *size;
	int *count;
};

void bp_fc_sizes_free(struct bp_fc_sizes *z);

/* Every part from s->demand, using the days before `date` back to the
 * start of the shop's history (at most o->lookback days); missing days are
 * zero. Weekdays with no units of any part are closed. Each part's series
 * is divided by the weekday profile of its demand class
 * (bp_forecast_weekday_class: the class's units, overdispersion allowed
 * for; flat over the open days when not significant), closed days left
 * out, before classifying and smoothing: rate stays per calendar day,
 * sigma is per day of that seasonally adjusted series. out has s->nparts entries; sizes
 * (may be NULL) gets each part's non-zero quantities, to free with
 * bp_fc_sizes_free. Fails only when out of memory. */
int bp_forecast_shop(const struct bp_shop *s, int date, const struct bp_forecast_opts *o,
		     struct bp_forecast *out, struct bp_fc_sizes *sizes, struct bp_err *err);

#endif
