/*
 * store_roster.c - roster and closures rows (see store_roster.h).
 */
#include <stdio.h>

#include <sqlite3.h>

#include "io/store_int.h"
#include "io/store_roster.h"
#include "model/timeutil.h"

void bp_spans_text(const struct bp_span *sp, int n, char *buf, size_t len)
{
	size_t at = 0;
	buf[0] = 0;
	for (int i = 0; i < n && at < len; i++) {
		char a[8], b[8];
		bp_time_format(sp[i].start, a, sizeof a);
		bp_time_format(sp[i].end, b, sizeof b);
		at += (size_t)snprintf(buf + at, len - at, "%s%s-%s", i ? "," : "", a, b);
	}
}

int bp_store_roster_shift_id(struct bp_store *st, const char *tech_id, int date,
			     long long *id, struct bp_err *err)
{
	char day[12];
	sqlite3_stmt *q = NULL;
	*id = 0;
	bp_date_format(date, day, sizeof day);
	int rc = bp_store_prepare(st, "SELECT id FROM roster WHERE technician_id = ? AND "
				  "date = ? AND kind = 'shift' ORDER BY id DESC LIMIT 1", &q, err);
	if (rc)
		return rc;
	int step = bp_store_step(q, "tt", tech_id, day);
	if (step == SQLITE_ROW)
		*id = sqlite3_column_int64(q, 0);
	else if (step != SQLITE_DONE)
		rc = bp_store_fail(st, step, err);
	sqlite3_finalize(q);
	return rc;
}

int bp_store_roster_put(struct bp_store *st, long long id, const struct bp_shop *s,
			const struct bp_roster_change *c, struct bp_err *err)
{
	char day[12], a[8], b[8], br[BP_SPANS_TEXT];
	sqlite3_stmt *q = NULL;
	int rc = bp_store_need_tx(st, "bp_store_roster_put", err);
	if (rc)
		return rc;
	bp_date_format(c->date, day, sizeof day);
	bp_time_format(c->span.start, a, sizeof a);
	bp_time_format(c->span.end, b, sizeof b);
	bp_spans_text(c->breaks, c->kind == BP_ROSTER_SHIFT ? c->nbreaks : 0, br, sizeof br);
	const char *kind = c->kind == BP_ROSTER_OFF ? "off" : "shift";
	const char *from = c->whole ? NULL : a, *to = c->whole ? NULL : b;
	if (id > 0) {
		if ((rc = bp_store_prepare(st, "UPDATE roster SET technician_id = ?, date = ?, "
					   "kind = ?, start = ?, \"end\" = ?, breaks = ? WHERE id = ?",
					   &q, err)))
			return rc;
		rc = bp_store_exec(st, q, err, "ttttttL", s->techs[c->tech].id, day, kind, from, to,
				   br, id);
	} else {
		if ((rc = bp_store_prepare(st, "INSERT INTO roster (technician_id, date, kind, start, "
					   "\"end\", breaks) VALUES (?, ?, ?, ?, ?, ?)", &q, err)))
			return rc;
		rc = bp_store_exec(st, q, err, "tttttt", s->techs[c->tech].id, day, kind, from, to,
				   br);
	}
	sqlite3_finalize(q);
	return rc;
}

int bp_store_closure_add(struct bp_store *st, const struct bp_shop *s,
			 const struct bp_closure *c, struct bp_err *err)
{
	char day[12], a[8], b[8];
	sqlite3_stmt *q = NULL;
	int rc = bp_store_need_tx(st, "bp_store_closure_add", err);
	if (rc)
		return rc;
	bp_date_format(c->date, day, sizeof day);
	bp_time_format(c->span.start, a, sizeof a);
	bp_time_format(c->span.end, b, sizeof b);
	if ((rc = bp_store_prepare(st, "INSERT INTO closures (date, bay_id, start, \"end\", reason) "
				   "VALUES (?, ?, ?, ?, ?)", &q, err)))
		return rc;
	rc = bp_store_exec(st, q, err, "ttttt", day, c->bay >= 0 ? s->bays[c->bay].id : NULL,
			   c->whole ? NULL : a, c->whole ? NULL : b, c->reason);
	sqlite3_finalize(q);
	return rc;
}
