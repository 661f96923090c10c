/*
 * store_moves.c - counting a job's moves over the stored plans of a day
 * (store_moves.h), so a calendar that holds an earlier plan's event takes
 * the later one as the newer version.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "io/store_int.h"
#include "io/store_moves.h"
#include "model/timeutil.h"

static const char *col(sqlite3_stmt *q, int c)
{
	const char *t = (const char *)sqlite3_column_text(q, c);
	return t ? t : "";
}

int bp_store_job_moves(struct bp_store *st, const struct bp_shop *s, int date, long long upto,
		       int *moves, struct bp_err *err)
{
	char day[12], job[BP_ID_LEN] = "", where[3 * BP_ID_LEN + 24] = "";
	int j = -1;
	for (int i = 0; i < s->njobs; i++)
		moves[i] = 0;
	bp_date_format(date, day, sizeof day);
	sqlite3_stmt *q;
	int rc = bp_store_prepare(st, "SELECT s.job_id, s.technician_id, s.bay_id, s.start "
				  "FROM schedule s JOIN runs r ON r.id = s.run_id "
				  "WHERE r.kind = 'schedule' AND r.scenario = '' AND r.date = ? "
				  "AND r.id <= ? ORDER BY s.job_id, r.id", &q, err);
	if (rc)
		return rc;
	int step = bp_store_step(q, "tL", day, upto);
	for (; step == SQLITE_ROW; step = sqlite3_step(q)) {
		char now[sizeof where];
		snprintf(now, sizeof now, "%s\x1f%s\x1f%s", col(q, 1), col(q, 2), col(q, 3));
		if (strcmp(job, col(q, 0)) != 0) {
			snprintf(job, sizeof job, "%s", col(q, 0));
			j = bp_shop_job(s, job);
		} else if (j >= 0 && strcmp(now, where) != 0) {
			moves[j]++;
		}
		memcpy(where, now, sizeof where);
	}
	if (step != SQLITE_DONE)
		rc = bp_store_fail(st, step, err);
	sqlite3_finalize(q);
	return rc;
}
