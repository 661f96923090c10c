/*
 * store_parts.c - stock balance and on-order book rows (see store_parts.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "io/store_int.h"
#include "io/store_parts.h"

void bp_order_lines_free(struct bp_order_line *l, int n)
{
	for (int i = 0; l && i < n; i++)
		free(l[i].jobs);
	free(l);
}

static void copy_col(sqlite3_stmt *q, int c, char *dst, size_t n)
{
	const unsigned char *t = sqlite3_column_text(q, c);
	snprintf(dst, n, "%s", t ? (const char *)t : "");
}

int bp_store_set_on_hand(struct bp_store *st, const char *sku, int on_hand,
			 struct bp_err *err)
{
	sqlite3_stmt *q = NULL;
	int rc = bp_store_need_tx(st, "bp_store_set_on_hand", err);
	if (rc)
		return rc;
	if ((rc = bp_store_prepare(st, "UPDATE parts SET on_hand = ? WHERE sku = ?", &q, err)))
		return rc;
	rc = bp_store_exec(st, q, err, "it", on_hand, sku);
	if (!rc && sqlite3_changes(st->db) != 1)
		rc = bp_err_rec(err, BP_EDATA, sku, "sku", "the store has no part %s", sku);
	sqlite3_finalize(q);
	return rc;
}

/* Rows of `q` (columns: id, sku, qty, received, arrives, ordered_at,
 * run_id, source, jobs) appended to *out. */
static int read_lines(struct bp_store *st, sqlite3_stmt *q, int step, struct bp_order_line **out,
		      int *n, struct bp_err *err)
{
	int cap = 0;
	*out = NULL;
	*n = 0;
	for (; step == SQLITE_ROW; step = sqlite3_step(q)) {
		if (*n == cap) {
			int nc = cap ? 2 * cap : 8;
			struct bp_order_line *m = realloc(*out, (size_t)nc * sizeof *m);
			if (!m)
				goto oom;
			*out = m;
			cap = nc;
		}
		struct bp_order_line *l = &(*out)[*n];
		memset(l, 0, sizeof *l);
		(*n)++;
		l->id = sqlite3_column_int64(q, 0);
		copy_col(q, 1, l->sku, sizeof l->sku);
		l->qty = sqlite3_column_int(q, 2);
		l->received = sqlite3_column_int(q, 3);
		copy_col(q, 4, l->arrives, sizeof l->arrives);
		copy_col(q, 5, l->ordered_at, sizeof l->ordered_at);
		l->run_id = sqlite3_column_int64(q, 6);
		copy_col(q, 7, l->source, sizeof l->source);
		const unsigned char *jobs = sqlite3_column_text(q, 8);
		if (jobs && *jobs && !(l->jobs = strdup((const char *)jobs)))
			goto oom;
		if (sqlite3_column_type(q, 4) == SQLITE_NULL) {
			char rec[96];
			snprintf(rec, sizeof rec, "reorder run %lld, %s", l->run_id, l->sku);
			bp_order_lines_free(*out, *n);
			*out = NULL;
			*n = 0;
			return bp_err_rec(err, BP_EDATA, rec, "arrives", "the line has no arrival time");
		}
	}
	if (step == SQLITE_DONE)
		return BP_OK;
	bp_order_lines_free(*out, *n);
	*out = NULL;
	*n = 0;
	return bp_store_fail(st, step, err);
oom:
	bp_order_lines_free(*out, *n);
	*out = NULL;
	*n = 0;
	return bp_err_set(err, BP_EINTERNAL, "out of memory");
}

int bp_store_open_orders(struct bp_store *st, const char *sku, struct bp_order_line **out,
			 int *n, struct bp_err *err)
{
	sqlite3_stmt *q = NULL;
	*out = NULL;
	*n = 0;
	int rc = bp_store_prepare(st, "SELECT id, sku, qty, received, arrives, ordered_at, "
				  "run_id, source, jobs FROM part_orders WHERE sku = ? AND "
				  "qty > received ORDER BY arrives, id", &q, err);
	if (rc)
		return rc;
	rc = read_lines(st, q, bp_store_step(q, "t", sku), out, n, err);
	sqlite3_finalize(q);
	return rc;
}

int bp_store_set_received(struct bp_store *st, long long id, int received, struct bp_err *err)
{
	sqlite3_stmt *q = NULL;
	int rc = bp_store_need_tx(st, "bp_store_set_received", err);
	if (rc)
		return rc;
	if ((rc = bp_store_prepare(st, "UPDATE part_orders SET received = ? WHERE id = ?", &q,
				   err)))
		return rc;
	rc = bp_store_exec(st, q, err, "iL", received, id);
	sqlite3_finalize(q);
	return rc;
}

int bp_store_add_order(struct bp_store *st, struct bp_order_line *l, struct bp_err *err)
{
	sqlite3_stmt *q = NULL;
	int rc = bp_store_need_tx(st, "bp_store_add_order", err);
	if (rc)
		return rc;
	/* A line from no run has run_id NULL: 0 is not a run. */
	if ((rc = bp_store_prepare(st, "INSERT INTO part_orders (sku, qty, received, ordered_at, "
				   "arrives, run_id, jobs, source) VALUES (?, ?, ?, ?, ?, "
				   "nullif(?, 0), ?, ?)", &q, err)))
		return rc;
	rc = bp_store_exec(st, q, err, "tiittLtt", l->sku, l->qty, l->received,
			   l->ordered_at[0] ? l->ordered_at : NULL, l->arrives,
			   l->run_id > 0 ? l->run_id : 0LL, l->jobs ? l->jobs : "", l->source);
	if (!rc)
		l->id = sqlite3_last_insert_rowid(st->db);
	sqlite3_finalize(q);
	return rc;
}

int bp_store_find_reorder_run(struct bp_store *st, long long want, long long *run_id,
			      struct bp_err *err)
{
	sqlite3_stmt *q = NULL;
	*run_id = 0;
	int rc = bp_store_prepare(st, want > 0 ? "SELECT id, kind, scenario, date FROM runs "
						 "WHERE id = ?"
					       : "SELECT id, kind, scenario, date FROM runs WHERE "
						 "kind = 'reorder' AND scenario = '' AND id > ? "
						 "ORDER BY id DESC LIMIT 1",
				  &q, err);
	if (rc)
		return rc;
	int step = bp_store_step(q, "L", want);
	if (step == SQLITE_ROW) {
		char kind[32], scen[BP_NAME_LEN];
		copy_col(q, 1, kind, sizeof kind);
		copy_col(q, 2, scen, sizeof scen);
		if (strcmp(kind, "reorder") != 0)
			rc = bp_err_set(err, BP_EDATA, "run %lld is a %s run, not a reorder list",
					want, kind);
		else if (scen[0])
			rc = bp_err_set(err, BP_EDATA, "run %lld is the reorder list of the what-if "
					"'%s', not a live one", want, scen);
		else
			*run_id = sqlite3_column_int64(q, 0);
	} else if (step == SQLITE_DONE) {
		rc = want > 0 ? bp_err_set(err, BP_EDATA, "the store has no run %lld", want)
			      : bp_err_set(err, BP_EDATA, "the store has no reorder list; run "
					   "'bayplan reorder --date D' first");
	} else {
		rc = bp_store_fail(st, step, err);
	}
	sqlite3_finalize(q);
	return rc;
}

int bp_store_reorder_orders(struct bp_store *st, long long run_id, struct bp_order_line **out,
			    int *n, struct bp_err *err)
{
	sqlite3_stmt *q = NULL;
	*out = NULL;
	*n = 0;
	int rc = bp_store_prepare(st, "SELECT 0, sku, qty, 0, arrives, '', run_id, 'reorder', "
				  "jobs FROM reorder WHERE run_id = ? AND qty > 0 ORDER BY rowid",
				  &q, err);
	if (rc)
		return rc;
	rc = read_lines(st, q, bp_store_step(q, "L", run_id), out, n, err);
	sqlite3_finalize(q);
	return rc;
}

int bp_store_run_ordered(struct bp_store *st, long long run_id, int *lines, struct bp_err *err)
{
	sqlite3_stmt *q = NULL;
	*lines = 0;
	int rc = bp_store_prepare(st, "SELECT count(*) FROM part_orders WHERE run_id = ?", &q, err);
	if (rc)
		return rc;
	int step = bp_store_step(q, "L", run_id);
	if (step == SQLITE_ROW)
		*lines = sqlite3_column_int(q, 0);
	else
		rc = bp_store_fail(st, step, err);
	sqlite3_finalize(q);
	return rc;
}
