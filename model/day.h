/*
 * day.h - one date as the workshop will live it: the store's facts applied
 * to a copy of the shop before a plan, a reorder or the windows are solved.
 * Jobs still open from earlier dates are carried over (from the days the
 * shop has already worked: up to the latest start, finish or no-show
 * recorded, so that planning two days ahead does not carry tomorrow's
 * bookings), done and under-way
 * work becomes fixed assignments, cancelled and no-show jobs leave, and the
 * date's roster changes and closures reshape shifts and bays.
 */
#ifndef BP_DAY_H
#define BP_DAY_H

#include "err.h"
#include "plan.h"
#include "shop.h"

struct bp_day {
	int date;
	int closed;                    /* the whole shop is closed (a holiday) */
	char closed_reason[BP_NAME_LEN];
	int carried;                   /* jobs carried over from earlier dates */
	int done, in_progress;         /* jobs of the date done, under way */
	int dropped;                   /* cancelled, no-show, or done on another date */
	int techs_off, bays_down;      /* removed for the whole day */
	int nfixed;                    /* done and under-way work, as it stands */
	struct bp_assignment *fixed;
};

/* Apply the facts for `date` to `s` (the caller's own copy; indexes into it
 * change). `now` is the clock minute of a re-plan, -1 for a whole day: an
 * under-way job whose expected end has passed is taken to run until the
 * next slot after now. Returns BP_OK, or BP_EINTERNAL when out of memory
 * (then `s` may be half changed and must be freed). */
int bp_day_prepare(struct bp_shop *s, int date, int now, struct bp_day *d, struct bp_err *err);
void bp_day_free(struct bp_day *d);

/* Is `date` a shop holiday? The reason is copied when `reason` is not NULL. */
int bp_day_closed(const struct bp_shop *s, int date, char *reason, size_t n);
/* The first date from `date` on (at most `horizon` days) that is not a
 * holiday; -1 when there is none. */
int bp_day_next_open(const struct bp_shop *s, int date, int horizon);
/* Can technician t still do `minutes` of work over [start, end) on this
 * day: on shift and off any break at the start, and the work, paused over
 * t's breaks, ending at `end` as planned (an absence that came since, in
 * the middle of it, would move the end)? */
int bp_day_tech_free(const struct bp_shop *s, int t, int start, int end, int minutes);
/* Mark jobs booked before `date` as carried over to it (carried_from),
 * without moving anything: for the writers of a stored plan of `date`,
 * whose jobs of earlier dates can only be carried ones. */
void bp_day_mark_carried(struct bp_shop *s, int date);
/* Remove the jobs that are done (their parts have left stock already):
 * for the reorder list. Invalidates a bp_day's fixed indexes. */
void bp_day_drop_done(struct bp_shop *s);

#endif
