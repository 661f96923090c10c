/*
 * windows.h - appointment windows as plain data: the service classes they
 * are sold by, and for each day, window template and class what is offered
 * and booked. Produced by solver/windows, read by the store, the writers and
 * `job add` (which counts the bookings of a window's class).
 */
#ifndef BP_MODEL_WINDOWS_H
#define BP_MODEL_WINDOWS_H

#include "err.h"
#include "plan.h"
#include "shop.h"

#define BP_WCLASS_LEN (2 * BP_ID_LEN + 8)

/* Services that need the same skill, minimum level and bay type. */
struct bp_wclass {
	char name[BP_WCLASS_LEN];  /* "skill/level/bay", e.g. "ev/3/ev" */
	int skill, level, bay_type;
	int nservices;
	int techs;                 /* technicians qualified for it */
	int bays;                  /* bays that can take it */
};

/* One day, window template and class. */
struct bp_wcell {
	int capacity;              /* bookings offered in all, booked included */
	int booked;                /* jobs already booked (never cut) */
	int over;                  /* booked jobs whose expected work does not fit */
	int demand_cap;            /* the offer's cap from history; -1 = no history */
	double show_rate;          /* expected share that shows (tier mix of history) */
	double value;              /* expected value of one booking */
	double minutes;            /* expected minutes of one booking */
};

struct bp_wday {
	int day;                   /* days since epoch */
	enum bp_run_status status;
	double objective, bound;
	int checkins[BP_MAX_WINDOWS];      /* what the advisors can receive, by window */
	int checkins_over[BP_MAX_WINDOWS]; /* expected booked check-ins above that */
	int start[BP_MAX_WINDOWS];         /* effective start used (start + lateness) */
	int checkins_day;          /* the advisors' daily limit (advisors x advisor_day_max);
				      -1 = none */
	int checkins_day_over;     /* expected booked check-ins above it */
	int loan_cars;             /* the fleet (loans go out for the day) */
	int loans_booked;          /* loan cars the bookings have out at once, at most */
	double loan_share;         /* expected share of new bookings taking one */
	int techs_off, bays_down;  /* the day's roster and closures (model/day.h) */
	int untuned;               /* not reached within the time limit: each cell
				      keeps what is booked */
};

struct bp_windows {
	int from, days;
	int nwindows;              /* the shop's templates, in the shop's order */
	int nclasses;
	struct bp_wclass *classes;
	struct bp_wcell *cells;    /* use bp_windows_cell() */
	struct bp_wday *day;       /* days entries */
	int history_days;          /* days with actuals: the demand caps' sample */
	enum bp_run_status status; /* the worst day's */
	double objective, bound, gap;
	long solve_ms;
	int rows, cols;            /* of the largest day's model */
	int untuned;               /* days not reached within the time limit */
};

/* The shop's service classes, sorted by skill, level and bay type; cls[i]
 * (nservices entries, may be NULL) is service i's class. */
int bp_windows_classes(const struct bp_shop *s, struct bp_wclass **out, int *n, int *cls,
		       struct bp_err *err);
/* The window template a booked job counts in: the one it was booked in, or
 * the one containing its arrival, else the last one starting before it,
 * else the first; -1 when the shop has none. */
int bp_windows_job_window(const struct bp_shop *s, const struct bp_job *j);

/* When job j's loan car is out: [*from, *to) from the car's arrival to the
 * promised time (the end of the day, overtime included, without one). */
void bp_windows_loan_span(const struct bp_shop *s, const struct bp_job *j, int *from, int *to);
/* The most loan cars out at once over [from, to) on `date` for the bookings
 * that take one (cancelled, no-show and done ones, and job `skip`, left out):
 * what `windows` and `job add` count against the fleet. */
int bp_windows_loans_out(const struct bp_shop *s, int date, int skip, int from, int to);

/* Free w's arrays (also after a failed solve) and zero it. */
void bp_windows_free(struct bp_windows *w);

static inline struct bp_wcell *bp_windows_cell(const struct bp_windows *w, int d, int win,
					       int cls)
{
	return &w->cells[((size_t)d * w->nwindows + win) * w->nclasses + cls];
}

#endif
