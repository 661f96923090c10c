/*
 * merge.h - a shop file merged into the shop the store holds ('bayplan
 * import' without --replace): the file's master data, the store's records.
 * Pure data; the caller validates the result and writes it.
 */
#ifndef BP_MERGE_H
#define BP_MERGE_H

#include "err.h"
#include "shop.h"

/* What became of each booking of the merged shop. */
enum bp_merge_state {
	BP_MERGE_ADDED,        /* in the file only */
	BP_MERGE_UPDATED,      /* in both; the file changed the booking */
	BP_MERGE_SAME,         /* in both, as it was */
	BP_MERGE_KEPT          /* in the store only: kept as it is */
};

struct bp_merge_report {
	int added, updated, same, kept;   /* bookings in each state */
	int njobs;
	int *old_job;                     /* per merged job: its index in `old`, -1 = added */
	unsigned char *state;             /* per merged job: enum bp_merge_state */
	int nparts;
	unsigned char *new_part;          /* per merged part: 1 = new to the store */
};

/* Merge `file` into `old` as `out` (initialised here): skills, bay types,
 * bays, technicians, services, the parts master, windows, policy, demand
 * and history actuals are the file's; bookings are the store's in their
 * order, each updated from the file's booking of the same id, then the
 * file's new bookings; a booking keeps the store's status and progress.
 * The store's roster changes, closures, stock (on_hand) and on-order lines
 * of parts it knows are kept; a part new to the store takes the file's.
 * A technician, bay, service or part the file drops while a store record
 * still names it (a kept booking, a job's status, the roster, a closure, an
 * open order) is BP_EDATA with a sentence naming those records; `out` and
 * `r` are then empty. Out of memory: BP_EINTERNAL. */
int bp_shop_merge(const struct bp_shop *old, const struct bp_shop *file, struct bp_shop *out,
		  struct bp_merge_report *r, struct bp_err *err);
void bp_merge_report_free(struct bp_merge_report *r);

/* Do two bookings say the same (date, service, tier, window or arrival,
 * promised, waiting, minutes, technician, parts), compared by id across
 * their shops? Status and progress are not compared. */
int bp_job_same_booking(const struct bp_shop *sa, const struct bp_job *a,
			const struct bp_shop *sb, const struct bp_job *b);

#endif
