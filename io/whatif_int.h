/*
 * whatif_int.h - what the three files of `bayplan whatif` share: the
 * command (cmd_whatif.c: build the columns, store them), the pool that
 * solves them (whatif_pool.c: in turn or in forked processes) and the
 * writers of the comparison (whatif_out.c).
 */
#ifndef BP_WHATIF_INT_H
#define BP_WHATIF_INT_H

#include <stdio.h>

#include "io/cli.h"
#include "model/err.h"
#include "model/plan.h"
#include "model/reorder.h"
#include "model/scenario.h"
#include "model/shop.h"

#define BP_WI_MAX_JOBS 64	/* --jobs: more processes than this only thrash */

/* One column of the comparison: the base or a variant, its shop, and what
 * solving it gave. */
struct wi_column {
	const char *name;
	char scenario[BP_NAME_LEN];    /* runs.scenario: "scenario / column" */
	struct bp_shop shop;
	struct bp_sc_notes notes;
	struct bp_plan plan;
	int rc;                        /* the solve's status; BP_OK when it ran */
	struct bp_err err;
	double seconds;
	double reorder_cost;           /* NAN: not computed (see solve_reorder) */
	struct bp_reorder reorder;     /* its lines, stored under the column's run */
	long long run_id;
};

/* Solve every column for `date` (its plan, then its reorder list), njobs
 * at a time in forked processes when njobs > 1, else in turn; a progress
 * line per column. A column that fails keeps rc and err; the others go on. */
void bp_wi_solve(struct wi_column *cols, int n, int njobs, int date, struct bp_ctx *ctx);

/* The comparison in fmt: a row per KPI, a column per column, each with its
 * difference to the base (cols[0]). */
void bp_wi_write(FILE *f, enum bp_format fmt, const struct bp_scenario *sc,
		 const struct wi_column *cols, int n, int date);

#endif
