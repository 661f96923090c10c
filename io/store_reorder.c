/*
 * store_reorder.c - writing a reorder list (see store_reorder.h), in the
 * way io/store.c writes a plan: delete the run's rows, insert one per line.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static const char *text(sqlite3_stmt *q, int col)
{
	const unsigned char *t = sqlite3_column_text(q, col);
	return t ? (const char *)t : "";
}

void bp_store_free_lines(char **lines, int n)
{
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

int bp_store_reorder_lines(struct bp_store *st, int date, char ***lines, int *n,
			   struct bp_err *err)
{
	char day[12];
	bp_date_format(date, day, sizeof day);
	*lines = NULL;
	*n = 0;
	sqlite3_stmt *q;
	int rc = bp_store_prepare(
		st, "SELECT sku, qty, order_by, arrives, reason, jobs FROM reorder WHERE run_id = "
		    "(SELECT id FROM runs WHERE kind = 'reorder' AND date = ?1 AND scenario = '' "
		    "ORDER BY id DESC LIMIT 1) AND substr(arrives, 1, 10) = ?1 "
		    "ORDER BY arrives, sku", &q, err);
	if (rc)
		return rc;
	int cap = 0;
	int step = bp_store_step(q, "t", day);
	for (; step == SQLITE_ROW; step = sqlite3_step(q)) {
		const char *ob = text(q, 2), *ar = text(q, 3), *jobs = text(q, 5);
		size_t len = strlen(text(q, 0)) + strlen(jobs) + strlen(ob) + 96;
		char *line = malloc(len);
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			char **nl = realloc(*lines, (size_t)cap * sizeof *nl);
			if (!nl) {
				free(line);
				line = NULL;
			} else {
				*lines = nl;
			}
		}
		if (!line) {
			rc = bp_err_set(err, BP_EINTERNAL, "out of memory reading the reorder list");
			break;
		}
		/* Same-day order times are shown as clock times; others in full. */
		int same = strncmp(ob, day, 10) == 0;
		snprintf(line, len, "%s x %d: order by %s, arrives %s (%s)%s%s", text(q, 0),
			 sqlite3_column_int(q, 1), same && strlen(ob) >= 16 ? ob + 11 : ob,
			 strlen(ar) >= 16 ? ar + 11 : ar, text(q, 4), jobs[0] ? "; for " : "", jobs);
		(*lines)[(*n)++] = line;
	}
	if (!rc && step != SQLITE_DONE)
		rc = bp_store_fail(st, step, err);
	sqlite3_finalize(q);
	if (rc) {
		bp_store_free_lines(*lines, *n);
		*lines = NULL;
		*n = 0;
	}
	return rc;
}
