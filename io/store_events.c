/*
 * store_events.c - writing the events log (see store_events.h).
 */
#include <stdio.h>
#include <time.h>

#include <sqlite3.h>

#include "io/store_events.h"
#include "io/store_int.h"

void bp_store_now(char *buf, size_t n)
{
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm) || !strftime(buf, n, "%Y-%m-%dT%H:%M:%S", &tm))
		snprintf(buf, n, "1970-01-01T00:00:00");
}

int bp_store_event(struct bp_store *st, const char *command, const char *kind,
		   const char *record, const char *before, const char *after,
		   struct bp_err *err)
{
	char at[24];
	sqlite3_stmt *q = NULL;
	int rc = bp_store_need_tx(st, "bp_store_event", err);
	if (rc)
		return rc;
	bp_store_now(at, sizeof at);
	if ((rc = bp_store_prepare(st, "INSERT INTO events (at, command, kind, record, before, "
				   "after) VALUES (?, ?, ?, ?, ?, ?)", &q, err)))
		return rc;
	rc = bp_store_exec(st, q, err, "tttttt", at, command, kind, record, before, after);
	sqlite3_finalize(q);
	return rc;
}
