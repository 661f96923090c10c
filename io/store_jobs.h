/*
 * store_jobs.h - the store's side of 'bayplan job': a booking's rows, the
 * stock its finished work takes, the tuned windows a booking is checked
 * against (and their booked count), and where the latest plan put a job.
 * Writes go inside the caller's BEGIN IMMEDIATE transaction.
 */
#ifndef BP_STORE_JOBS_H
#define BP_STORE_JOBS_H

#include "io/store.h"

/* Insert job j of s: its jobs row, job_parts lines and job_status row.
 * A duplicate id is BP_EDATA naming it. */
int bp_store_add_job(struct bp_store *st, const struct bp_shop *s, const struct bp_job *j,
		     struct bp_err *err);
/* Rewrite the booking of job j (date, window or arrival) as j says, and
 * clear its carried_from: a moved job is booked afresh for its new date. */
int bp_store_move_job(struct bp_store *st, const struct bp_job *j, struct bp_err *err);

/* Take qty of part sku out of stock; *left is what is on hand after.
 * BP_EDATA when fewer than qty are on hand (nothing is changed), so that
 * stock never goes below zero whatever the caller checked before. */
int bp_store_take_stock(struct bp_store *st, const char *sku, int qty, int *left,
			struct bp_err *err);

/* One appointment_windows row of a class, as 'bayplan windows' tuned it. */
struct bp_store_window {
	int date;                  /* days since epoch */
	struct bp_span span;       /* clock minutes on that date */
	int capacity, booked;
};
/* The rows of service class `cls` dated `from` or later, by date and start
 * (malloc'd, *out NULL when none; free it). */
int bp_store_class_windows(struct bp_store *st, const char *cls, int from,
			   struct bp_store_window **out, int *n, struct bp_err *err);
/* Add delta to the booked count of the row (date, start, cls), never below
 * zero; no row, no change. */
int bp_store_window_booked(struct bp_store *st, int date, int start, const char *cls,
			   int delta, struct bp_err *err);

/* The technician and bay that the latest schedule run of `date` (scenario
 * '') gives job `id`, copied into tech and bay (BP_ID_LEN bytes each);
 * *found is 0 when there is no such run or it does not place the job. */
int bp_store_planned(struct bp_store *st, const char *id, int date, char *tech, char *bay,
		     int *found, struct bp_err *err);

#endif
