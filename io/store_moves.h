/*
 * store_moves.h - how often each job of a day has moved between the day's
 * stored plans: the SEQUENCE of its calendar event.
 */
#ifndef BP_STORE_MOVES_H
#define BP_STORE_MOVES_H

#include "io/store.h"

/* moves[j] (one per job of s) = the number of schedule runs of `date`
 * (live, id <= upto) in which job j's start, technician or bay differed
 * from the run before that held it; 0 for a job placed once or never. A
 * run that left the job out is no move: its event came and went. */
int bp_store_job_moves(struct bp_store *st, const struct bp_shop *s, int date, long long upto,
		       int *moves, struct bp_err *err);

#endif
