/*
 * store_reorder.c - writing a reorder list (see store_reorder.h), in the
 * way io/store.c writes a plan: delete the run's rows, insert one per line.
 */
#include <sqlite3.h>
#include <stdlib.h>

#include "io/store_int.h"
#include "io/store_reorder.h"

static int line_refs_ok(const struct bp_shop *s, const struct bp_reorder_line *l)
{
	if (l->part < 0 || l->part >= s->nparts)
		return 0;
	for (int i = 0; i < l->njobs; i++)
		if (l->jobs[i] < 0 || l->jobs[i] >= s->njobs)
			return 0;
	return 1;
}

int bp_store_save_reorder(struct bp_store *st, long long run_id, const struct bp_shop *s,
			  const struct bp_reorder *r, struct bp_err *err)
{
	int rc = bp_store_need_tx(st, "bp_store_save_reorder", err);
	if (rc)
		return rc;
	sqlite3_stmt *q[2] = {NULL};
	static const char *const sql[2] = {
		"DELETE FROM reorder WHERE run_id = ?",
		"INSERT INTO reorder (run_id, sku, qty, order_by, arrives, reason, jobs, cost) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	};
	for (int i = 0; i < 2 && !rc; i++)
		rc = bp_store_prepare(st, sql[i], &q[i], err);
	if (!rc)
		rc = bp_store_exec(st, q[0], err, "L", run_id);
	for (int i = 0; i < r->nlines && !rc; i++) {
		const struct bp_reorder_line *l = &r->lines[i];
		if (!line_refs_ok(s, l)) {
			rc = bp_err_set(err, BP_EINTERNAL, "reorder line %d points outside the shop",
					i);
			break;
		}
		char order_by[20], arrives[20];
		bp_datetime_format(l->order_day, l->order_min, order_by, sizeof order_by);
		bp_datetime_format(l->arrive_day, l->arrive_min, arrives, sizeof arrives);
		char *jobs = bp_reorder_line_jobs(s, l);
		if (!jobs) {
			rc = bp_err_set(err, BP_EINTERNAL, "out of memory");
			break;
		}
		rc = bp_store_exec(st, q[1], err, "Ltittttd", run_id, s->parts[l->part].sku, l->qty,
				   order_by, arrives, bp_reorder_reason_name(l->reason), jobs,
				   l->cost);
		free(jobs);
	}
	for (int i = 0; i < 2; i++)
		sqlite3_finalize(q[i]);
	return rc;
}
