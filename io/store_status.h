/*
 * store_status.h - writing a job's row in job_status (DESIGN contract:
 * status, started, finished, technician_id, bay_id, carried_from).
 */
#ifndef BP_STORE_STATUS_H
#define BP_STORE_STATUS_H

#include "io/store.h"

/* Write the status row of shop job j as the job says (status, started,
 * finished, act_tech, act_bay; carried_from as stored unless the job's is
 * set). Inside the caller's transaction. */
int bp_store_set_job_status(struct bp_store *st, const struct bp_shop *s, const struct bp_job *j,
			    struct bp_err *err);
/* A plan of a later date carried job `id` over from `day`. */
int bp_store_set_carried(struct bp_store *st, const char *id, int day, struct bp_err *err);

#endif
