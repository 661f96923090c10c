/*
 * store_jobs.c - a booking's rows, stock taken by finished work, tuned
 * windows and plans as 'bayplan job' reads and writes them (see
 * store_jobs.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "io/store_int.h"
#include "io/store_jobs.h"
#include "io/store_status.h"

static const char *col(sqlite3_stmt *q, int c)
{
	const unsigned char *t = sqlite3_column_text(q, c);
	return t ? (const char *)t : "";
}

/* The booking columns of a job as text: date, arrival or window, promised. */
struct booking {
	char date[12], a[8], b[8], promised[8];
};

static void booking_txt(const struct bp_job *j, struct booking *k)
{
	bp_date_format(j->date, k->date, sizeof k->date);
	bp_time_format(j->window.start, k->a, sizeof k->a);
	bp_time_format(j->window.end, k->b, sizeof k->b);
	if (j->promised >= 0)
		bp_time_format(j->promised, k->promised, sizeof k->promised);
}

int bp_store_add_job(struct bp_store *st, const struct bp_shop *s, const struct bp_job *j,
		     struct bp_err *err)
{
	static const char *const sql[3] = {
		"INSERT INTO jobs (id, date, service_code, tier, arrival, window_start, "
		"window_end, promised, waiting, minutes, technician_id, loan_car) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		"INSERT INTO job_parts (job_id, sku, qty) VALUES (?, ?, ?)",
		/* A status row can outlive its job (an import dropped it); a
		 * new booking of the same id starts clean. */
		"DELETE FROM job_status WHERE job_id = ?",
	};
	sqlite3_stmt *q[3] = {NULL};
	int rc = bp_store_need_tx(st, "bp_store_add_job", err);
	for (int i = 0; i < 3 && !rc; i++)
		rc = bp_store_prepare(st, sql[i], &q[i], err);
	if (rc)
		goto out;
	struct booking k;
	booking_txt(j, &k);
	int step = bp_store_step(q[0], "ttttttttinti", j->id, k.date,
				 s->services[j->service].code, bp_tier_name(j->tier),
				 j->has_window ? NULL : k.a, j->has_window ? k.a : NULL,
				 j->has_window ? k.b : NULL, j->promised >= 0 ? k.promised : NULL,
				 j->waiting ? 1 : 0, j->minutes > 0 ? j->minutes : -1,
				 j->technician >= 0 ? s->techs[j->technician].id : NULL,
				 j->loan_car ? 1 : 0);
	if (step != SQLITE_DONE) {
		rc = bp_store_fail(st, step, err);
		goto out;
	}
	for (int i = 0; i < j->nparts && !rc; i++)
		rc = bp_store_exec(st, q[1], err, "tti", j->id, s->parts[j->parts[i].part].sku,
				   j->parts[i].qty);
	if (!rc)
		rc = bp_store_exec(st, q[2], err, "t", j->id);
	if (!rc)
		rc = bp_store_set_job_status(st, s, j, err);
out:
	for (int i = 0; i < 3; i++)
		sqlite3_finalize(q[i]);
	return rc;
}

int bp_store_move_job(struct bp_store *st, const struct bp_job *j, struct bp_err *err)
{
	static const char *const sql[2] = {
		"UPDATE jobs SET date = ?, arrival = ?, window_start = ?, window_end = ? "
		"WHERE id = ?",
		"UPDATE job_status SET carried_from = NULL WHERE job_id = ?",
	};
	sqlite3_stmt *q[2] = {NULL};
	int rc = bp_store_need_tx(st, "bp_store_move_job", err);
	for (int i = 0; i < 2 && !rc; i++)
		rc = bp_store_prepare(st, sql[i], &q[i], err);
	struct booking k;
	booking_txt(j, &k);
	if (!rc)
		rc = bp_store_exec(st, q[0], err, "ttttt", k.date, j->has_window ? NULL : k.a,
				   j->has_window ? k.a : NULL, j->has_window ? k.b : NULL, j->id);
	if (!rc && sqlite3_changes(st->db) != 1)
		rc = bp_err_set(err, BP_EDATA, "the store has no job %s", j->id);
	if (!rc)
		rc = bp_store_exec(st, q[1], err, "t", j->id);
	for (int i = 0; i < 2; i++)
		sqlite3_finalize(q[i]);
	return rc;
}

int bp_store_take_stock(struct bp_store *st, const char *sku, int qty, int *left,
			struct bp_err *err)
{
	sqlite3_stmt *q[2] = {NULL};
	int rc = bp_store_need_tx(st, "bp_store_take_stock", err);
	if (!rc)
		rc = bp_store_prepare(st, "UPDATE parts SET on_hand = on_hand - ?1 "
				      "WHERE sku = ?2 AND on_hand >= ?1", &q[0], err);
	if (!rc)
		rc = bp_store_prepare(st, "SELECT on_hand FROM parts WHERE sku = ?", &q[1], err);
	if (!rc)
		rc = bp_store_exec(st, q[0], err, "it", qty, sku);
	int changed = rc ? 0 : sqlite3_changes(st->db);
	if (!rc) {
		int step = bp_store_step(q[1], "t", sku);
		if (step == SQLITE_ROW)
			*left = sqlite3_column_int(q[1], 0);
		else if (step == SQLITE_DONE)
			rc = bp_err_set(err, BP_EDATA, "the store has no part %s", sku);
		else
			rc = bp_store_fail(st, step, err);
	}
	if (!rc && !changed)
		rc = bp_err_set(err, BP_EDATA, "part %s: %d wanted but %d on "
				"hand; receive or count it first", sku, qty, *left);
	for (int i = 0; i < 2; i++)
		sqlite3_finalize(q[i]);
	return rc;
}

int bp_store_class_windows(struct bp_store *st, const char *cls, int from,
			   struct bp_store_window **out, int *n, struct bp_err *err)
{
	sqlite3_stmt *q = NULL;
	char day[12];
	int cap = 0, step, rc;
	*out = NULL;
	*n = 0;
	bp_date_format(from, day, sizeof day);
	if ((rc = bp_store_prepare(st, "SELECT date, start, \"end\", capacity, booked FROM "
				   "appointment_windows WHERE service_class = ? AND date >= ? "
				   "ORDER BY date, start", &q, err)))
		return rc;
	step = bp_store_step(q, "tt", cls, day);
	for (; step == SQLITE_ROW && !rc; step = sqlite3_step(q)) {
		struct bp_store_window w;
		int d0, d1;
		if (bp_date_parse(col(q, 0), &w.date) ||
		    bp_datetime_parse(col(q, 1), &d0, &w.span.start) ||
		    bp_datetime_parse(col(q, 2), &d1, &w.span.end) || d0 != w.date ||
		    d1 != w.date) {
			rc = bp_err_set(err, BP_EDATA,
					"%s %s-%s of %s is not a window of that date; run "
					"'bayplan windows' again", col(q, 0), col(q, 1), col(q, 2),
					cls);
			break;
		}
		w.capacity = sqlite3_column_int(q, 3);
		w.booked = sqlite3_column_int(q, 4);
		if (*n == cap) {
			int ncap = cap ? 2 * cap : 16;
			struct bp_store_window *p = realloc(*out, (size_t)ncap * sizeof *p);
			if (!p) {
				rc = bp_err_set(err, BP_EINTERNAL, "out of memory");
				break;
			}
			*out = p;
			cap = ncap;
		}
		(*out)[(*n)++] = w;
	}
	if (!rc && step != SQLITE_DONE)
		rc = bp_store_fail(st, step, err);
	sqlite3_finalize(q);
	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int bp_store_window_booked(struct bp_store *st, int date, int start, const char *cls,
			   int delta, struct bp_err *err)
{
	sqlite3_stmt *q = NULL;
	char day[12], at[20];
	int rc = bp_store_need_tx(st, "bp_store_window_booked", err);
	if (!rc)
		rc = bp_store_prepare(st, "UPDATE appointment_windows SET booked = "
				      "max(0, booked + ?) WHERE date = ? AND start = ? AND "
				      "service_class = ?", &q, err);
	bp_date_format(date, day, sizeof day);
	bp_datetime_format(date, start, at, sizeof at);
	if (!rc)
		rc = bp_store_exec(st, q, err, "ittt", delta, day, at, cls);
	sqlite3_finalize(q);
	return rc;
}

int bp_store_planned(struct bp_store *st, const char *id, int date, char *tech, char *bay,
		     int *found, struct bp_err *err)
{
	sqlite3_stmt *q = NULL;
	char day[12];
	*found = 0;
	bp_date_format(date, day, sizeof day);
	int rc = bp_store_prepare(st, "SELECT technician_id, bay_id FROM schedule WHERE "
				  "job_id = ? AND run_id = (SELECT id FROM runs WHERE kind = "
				  "'schedule' AND date = ? AND scenario = '' AND status != "
				  "'interrupted' ORDER BY id DESC LIMIT 1)", &q, err);
	if (rc)
		return rc;
	int step = bp_store_step(q, "tt", id, day);
	if (step == SQLITE_ROW) {
		snprintf(tech, BP_ID_LEN, "%s", col(q, 0));
		snprintf(bay, BP_ID_LEN, "%s", col(q, 1));
		*found = 1;
	} else if (step != SQLITE_DONE) {
		rc = bp_store_fail(st, step, err);
	}
	sqlite3_finalize(q);
	return rc;
}
