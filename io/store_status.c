/*
 * store_status.c - the job_status rows (see store_status.h).
 */
#include <sqlite3.h>

#include "io/store_int.h"
#include "io/store_status.h"
#include "model/timeutil.h"

int bp_store_set_job_status(struct bp_store *st, const struct bp_shop *s, const struct bp_job *j,
			    struct bp_err *err)
{
	char started[20], finished[20], carried[12];
	sqlite3_stmt *q = NULL;
	int rc = bp_store_need_tx(st, "bp_store_set_job_status", err);
	if (rc)
		return rc;
	if (j->has_started)
		bp_datetime_format(j->started_day, j->started, started, sizeof started);
	if (j->has_finished)
		bp_datetime_format(j->finished_day, j->finished, finished, sizeof finished);
	if (j->carried_from > 0)
		bp_date_format(j->carried_from, carried, sizeof carried);
	if ((rc = bp_store_prepare(st, "INSERT INTO job_status (job_id, status, started, "
				   "finished, technician_id, bay_id, carried_from) VALUES "
				   "(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (job_id) DO UPDATE SET "
				   "status = ?2, started = ?3, finished = ?4, technician_id = ?5, "
				   "bay_id = ?6, carried_from = coalesce(?7, carried_from)",
				   &q, err)))
		return rc;
	rc = bp_store_exec(st, q, err, "ttttttt", j->id, bp_job_status_name(j->status),
			   j->has_started ? started : NULL, j->has_finished ? finished : NULL,
			   j->act_tech >= 0 ? s->techs[j->act_tech].id : NULL,
			   j->act_bay >= 0 ? s->bays[j->act_bay].id : NULL,
			   j->carried_from > 0 ? carried : NULL);
	sqlite3_finalize(q);
	return rc;
}

int bp_store_set_carried(struct bp_store *st, const char *id, int day, struct bp_err *err)
{
	char carried[12];
	sqlite3_stmt *q = NULL;
	int rc = bp_store_need_tx(st, "bp_store_set_carried", err);
	if (rc)
		return rc;
	bp_date_format(day, carried, sizeof carried);
	if ((rc = bp_store_prepare(st, "UPDATE job_status SET carried_from = ? WHERE job_id = ?",
				   &q, err)))
		return rc;
	rc = bp_store_exec(st, q, err, "tt", carried, id);
	sqlite3_finalize(q);
	return rc;
}
