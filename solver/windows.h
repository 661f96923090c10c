/*
 * windows.h - tuning the appointment windows: for each day, window template
 * and service class, how many bookings to offer (the result, struct
 * bp_windows, is in model/windows.h), so that the expected work fits the
 * technicians, bays and advisors, bookings already made first. One small
 * GLPK integer program per day (the formulation is in windows.c).
 */
#ifndef BP_WINDOWS_H
#define BP_WINDOWS_H

#include "model/err.h"
#include "model/learn.h"
#include "model/plan.h"
#include "model/shop.h"
#include "model/windows.h"

/* Progress of the solve: the days done so far (objective and bound) and
 * the seconds since it began; called about once a second. */
typedef void (*bp_windows_progress_fn)(void *arg, double objective, double bound, double gap,
				       double seconds);

struct bp_windows_opts {
	double demand_quantile;    /* cap offers at this quantile of history (0.9) */
	int use_lateness;          /* window work starts at start + median lateness (1) */
	double time_limit;         /* seconds for all days together (30); the days
				      share it, and a day the clock does not reach
				      keeps what is booked (bp_wday.untuned) */
	double gap;                /* relative MIP gap per day (0.0001) */
	bp_windows_progress_fn progress; /* NULL: none */
	void *progress_arg;
};

void bp_windows_opts_init(struct bp_windows_opts *o);

/* Tune the windows of `days` days from `from`. Durations are the shop's
 * minutes as given (apply learned ones first with bp_learn_copy); `l` gives
 * show rates and lateness (NULL: everyone shows, on time); demand and tier
 * mix come from s->actuals. Bookings count as booked unless cancelled or
 * no-show. A shop holiday (bp_day_closed) offers nothing: each cell's
 * capacity is what is booked there (0 when nothing), all of it over.
 * Each date's technicians and bays are its day view (bp_day_prepare: the
 * roster's absences and shifts, bays closed that date); loan cars and the
 * advisors' hourly rate and daily limit bound the offers.
 * `out` is filled; free it with bp_windows_free, also after an error. */
int bp_windows_solve(const struct bp_shop *s, const struct bp_learned *l, int from, int days,
		     const struct bp_windows_opts *o, struct bp_windows *out, struct bp_err *err);
#endif
