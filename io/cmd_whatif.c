/*
 * cmd_whatif.c - `bayplan whatif SCENARIO.yaml`: build the base shop and
 * every variant's shop (all validated before anything is solved), solve each
 * for the scenario's date with the same settings, one after another or in
 * --jobs N forked processes (whatif_pool.c), store every column as a
 * 'whatif' run in one transaction, and print the KPIs side by side with the
 * differences (whatif_out.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/cli.h"
#include "io/cmd_util.h"
#include "io/store.h"
#include "io/store_reorder.h"
#include "io/whatif_int.h"
#include "io/yaml_scenario.h"
#include "io/yaml_shop.h"
#include "model/scenario.h"
#include "solver/reorder.h"

/* ---- the store ---- */

static int store_runs(struct bp_ctx *ctx, int create, struct wi_column *cols, int n, int date)
{
	struct bp_store *st = NULL;
	int rc = bp_store_open(ctx->db_path, create, &st, &ctx->err);
	if (rc == BP_ENOINPUT)
		return bp_err_set(&ctx->err, BP_ENOINPUT, "no store at %s to keep the runs in; "
				  "run 'bayplan init' first (or give --db)", ctx->db_path);
	if (rc)
		return rc;
	if ((rc = bp_store_begin(st, &ctx->err)))
		goto out;
	for (int c = 0; c < n && !rc; c++) {
		struct bp_run run;
		const struct bp_plan *p = &cols[c].plan;
		if (cols[c].rc)
			bp_run_set(&run, "whatif", date, BP_RUN_FAILED, 0, 0, 0, 0);
		else
			bp_run_set(&run, "whatif", date, p->status, p->objective, p->bound,
				   p->gap, p->solve_ms);
		snprintf(run.scenario, sizeof run.scenario, "%s", cols[c].scenario);
		rc = bp_store_add_run(st, &run, &ctx->err);
		if (!rc && !cols[c].rc)
			rc = bp_store_save_plan(st, run.id, &cols[c].shop, &cols[c].plan, &ctx->err);
		if (!rc && !isnan(cols[c].reorder_cost))
			rc = bp_store_save_reorder(st, run.id, &cols[c].shop, &cols[c].reorder,
						   &ctx->err);
		cols[c].run_id = run.id;
	}
	if (!rc)
		rc = bp_store_commit(st, &ctx->err);
	if (rc)
		bp_store_rollback(st);
out:
	bp_store_close(st);
	return rc;
}

/* ---- the command ---- */

/* The base shop: the file the scenario names, or the store's. */
static int load_base(struct bp_ctx *ctx, const struct bp_scenario *sc, struct bp_shop *base)
{
	bp_shop_init(base);
	if (!sc->base[0]) {
		struct bp_store *st = NULL;
		int rc = bp_open_shop(ctx, &st, base);
		bp_store_close(st);
		return rc;
	}
	int rc = bp_shopfile_read(sc->base_path, base, &ctx->err);
	if (rc == BP_ENOINPUT) {
		char note[400];
		snprintf(note, sizeof note, " (the base named at %s:%d:%d)", sc->file,
			 sc->base_pos.line, sc->base_pos.col);
		size_t used = strlen(ctx->err.msg);
		snprintf(ctx->err.msg + used, sizeof ctx->err.msg - used, "%s", note);
	}
	return rc;
}

static int build_columns(struct bp_ctx *ctx, const struct bp_scenario *sc,
			 const struct bp_shop *base, int date, struct wi_column *cols, int n)
{
	for (int c = 0; c < n; c++) {
		struct wi_column *col = &cols[c];
		col->name = bp_scenario_column_name(sc, c);
		/* Both names are at most BP_SC_LABEL_MAX bytes (the reader's limit). */
		snprintf(col->scenario, sizeof col->scenario, "%.60s / %.60s", sc->name,
			 col->name);
		int rc = bp_scenario_apply(sc, c, base, date, &col->shop, &col->notes, &ctx->err);
		if (rc)
			return rc;
		for (int k = 0; k < col->notes.n; k++)
			bp_progress(ctx, "whatif: %s: %s\n", col->name, col->notes.msg[k]);
		if (col->notes.more)
			bp_progress(ctx, "whatif: %s: and %d more notes like these\n", col->name,
				    col->notes.more);
	}
	return BP_OK;
}

int bp_cmd_whatif(int argc, char **argv, struct bp_ctx *ctx)
{
	const char *date_opt = NULL, *durations = NULL;
	int njobs = 1, check = 0;
	struct bp_opt opts[] = {
		BP_INT_OPT("jobs", &njobs, "N", "solve N columns at a time, in parallel processes "
			   "(default 1)"),
		BP_STR_OPT("date", &date_opt, "D", "plan this day instead of the scenario's date"),
		BP_FLAG_OPT("check", &check, "only read, apply and validate every column; solve "
			    "and write nothing"),
		BP_STR_OPT("durations", &durations, "KIND", "standard or learned (from the base's "
			   "actuals; the default), as for plan"),
	};
	char *pos[1];
	int npos, date = -1;
	int rc = bp_parse_opts(argc, argv, opts, BP_NOPTS(opts), pos, 1, &npos, &ctx->err);
	if (rc)
		return rc;
	if (npos != 1)
		return bp_err_set(&ctx->err, BP_EUSAGE,
				  "whatif needs the scenario file: whatif SCENARIO.yaml");
	if (njobs < 1 || njobs > BP_WI_MAX_JOBS)
		return bp_err_set(&ctx->err, BP_EUSAGE, "--jobs wants a number from 1 to %d, not "
				  "%d", BP_WI_MAX_JOBS, njobs);
	if (date_opt && (rc = bp_opt_date("date", date_opt, &date, &ctx->err)))
		return rc;
	if (durations && strcmp(durations, "standard") && strcmp(durations, "learned"))
		return bp_err_set(&ctx->err, BP_EUSAGE,
				  "--durations is standard or learned, not '%s'", durations);

	struct bp_scenario sc;
	struct bp_shop base;
	struct wi_column *cols = NULL;
	int n = 0;
	bp_scenario_init(&sc);
	bp_shop_init(&base);
	/* Everything is read, applied and validated before the first solve
	 * and long before the store is written: a bad scenario changes nothing. */
	if ((rc = bp_scenario_read(pos[0], &sc, &ctx->err)))
		goto out;
	if (date < 0)
		date = sc.date;
	if (date < 0) {
		rc = bp_err_set(&ctx->err, BP_EUSAGE, "%s gives no date: add date: \"YYYY-MM-DD\" "
				"to it, or --date", pos[0]);
		goto out;
	}
	if ((rc = load_base(ctx, &sc, &base)))
		goto out;
	/* Into the base before the scenario applies, so that a scenario's own
	 * minutes for a service still say what it takes. */
	int learned = check ? 0 : bp_use_learned(ctx, "whatif", &base, !durations ||
						 !strcmp(durations, "learned"), 0);
	n = bp_scenario_ncolumns(&sc);
	if (n > 64) {
		rc = bp_err_set(&ctx->err, BP_EDATA, "%s has %d variants; at most 63 are compared "
				"in one run (split the sweep)", pos[0], n - 1);
		n = 0;
		goto out;
	}
	cols = calloc((size_t)n, sizeof *cols);
	if (!cols) {
		rc = bp_err_set(&ctx->err, BP_EINTERNAL, "out of memory");
		n = 0;
		goto out;
	}
	for (int c = 0; c < n; c++) {
		bp_shop_init(&cols[c].shop);
		bp_reorder_init(&cols[c].reorder);
		bp_plan_init(&cols[c].plan);
	}
	if ((rc = build_columns(ctx, &sc, &base, date, cols, n)))
		goto out;

	char day[12];
	bp_date_format(date, day, sizeof day);
	if (check) {
		fprintf(ctx->out, "%s: scenario '%s' for %s applies and validates:", pos[0], sc.name,
			day);
		for (int c = 0; c < n; c++) {
			int jobs = 0;
			for (int j = 0; j < cols[c].shop.njobs; j++)
				jobs += cols[c].shop.jobs[j].date == date;
			fprintf(ctx->out, "%s %s (%d technicians, %d bays, %d jobs)", c ? ";" : "",
				cols[c].name, cols[c].shop.ntechs, cols[c].shop.nbays, jobs);
		}
		fputc('\n', ctx->out);
		goto out;
	}
	bp_progress(ctx, "whatif: %s, %s: base and %d variant%s, time limit %gs and gap %g%% "
		    "each, %d at a time\n", sc.name, day, n - 1, n == 2 ? "" : "s",
		    ctx->time_limit, 100 * ctx->gap, njobs < n ? njobs : n);
	bp_wi_solve(cols, n, njobs, date, ctx);
	for (int c = 0; c < n; c++)
		cols[c].plan.learned_durations = learned;

	if ((rc = store_runs(ctx, sc.base[0] != 0, cols, n, date)))
		goto out;
	bp_wi_write(ctx->out, ctx->format, &sc, cols, n, date);

	for (int c = 0; c < n; c++)
		if (!cols[c].rc && cols[c].plan.status == BP_RUN_TIME_LIMIT)
			bp_warn(ctx, "bayplan whatif: warning: the time limit ended the "
				"search for '%s'; its plan is within %.2f%% of the best possible\n",
				cols[c].name, 100 * cols[c].plan.gap);
	for (int c = 0; c < n; c++)
		if (cols[c].rc) {
			rc = bp_err_set(&ctx->err, BP_ENOSOLVE, "'%s' has no plan: %s",
					cols[c].name, cols[c].err.msg);
			break;
		}
out:
	for (int c = 0; c < n; c++) {
		bp_shop_free(&cols[c].shop);
		bp_plan_free(&cols[c].plan);
		bp_reorder_free(&cols[c].reorder);
	}
	free(cols);
	bp_shop_free(&base);
	bp_scenario_free(&sc);
	return rc;
}
