/*
 * cmd_plan.c - `bayplan plan --date D`: tomorrow's schedule from the store,
 * solved, stored as one run (runs + schedule + unscheduled, one
 * transaction), and shown as a table, CSV, JSON or iCalendar.
 */
#include <stdlib.h>
#include <string.h>

#include "io/cli.h"
#include "io/cmd_util.h"
#include "io/outfile.h"
#include "io/plan_out.h"
#include "io/store.h"
#include "model/learn.h"
#include "solver/sched.h"

struct plan_args {
	const char *date, *now, *write_lp, *durations;
};

/* With --now, work of the latest plan that has already started stays
 * where it is; everything else is planned again from now. */
static int started_work(struct bp_store *st, const struct bp_shop *s, int date, int now,
			struct bp_assignment **fixed, int *nfixed, struct bp_ctx *ctx)
{
	struct bp_plan prev;
	struct bp_err e;
	bp_plan_init(&prev);
	*fixed = NULL;
	*nfixed = 0;
	if (bp_store_load_plan(st, s, date, "schedule", &prev, NULL, &e) != BP_OK) {
		bp_progress(ctx, "plan: no earlier plan for this date (%s); planning from now\n",
			    e.msg);
		return BP_OK;
	}
	*fixed = malloc(((size_t)prev.nassign + 1) * sizeof **fixed);
	if (!*fixed) {
		bp_plan_free(&prev);
		return bp_err_set(&ctx->err, BP_EINTERNAL, "out of memory");
	}
	for (int i = 0; i < prev.nassign; i++)
		if (prev.assign[i].start < now)
			(*fixed)[(*nfixed)++] = prev.assign[i];
	bp_plan_free(&prev);
	bp_progress(ctx, "plan: %d jobs already started before now stay as planned\n", *nfixed);
	return BP_OK;
}

/* Learned durations replace the shop's standard minutes (in this run's copy
 * of the shop only) unless --durations standard; the slow technicians the
 * actuals show are named, as a training signal. Returns 1 when used. */
static int use_learned(struct bp_shop *shop, int want, struct bp_ctx *ctx)
{
	struct bp_learned l;
	struct bp_err e;
	int used = 0;
	if (bp_learn(shop, NULL, &l, &e) != BP_OK) {
		bp_progress(ctx, "plan: could not learn durations (%s); using the standard ones\n",
			    e.msg);
		bp_learned_free(&l);
		return 0;
	}
	for (int i = 0; i < l.ntechs; i++) {
		const struct bp_learned_tech *t = &l.tech[i];
		if (t->service < 0 && t->bottleneck)
			bp_progress(ctx, "plan: note: %s (%s) takes %.2fx the time of their level's "
					 "peers over %d jobs: a training signal\n",
				    shop->techs[t->tech].id, shop->techs[t->tech].name, t->ratio,
				    t->samples);
	}
	if (want && l.changed > 0) {
		bp_learn_apply(shop, &l);
		used = 1;
		bp_progress(ctx, "plan: durations learned from %d actuals (%d service/level "
				 "figures differ from standard)\n", l.used, l.changed);
	} else {
		bp_progress(ctx, "plan: standard durations%s\n",
			    want ? " (no actuals to learn from)" : "");
	}
	bp_learned_free(&l);
	return used;
}

struct plan_rows {
	const struct bp_shop *shop;
	const struct bp_plan *plan;
};

static int save_rows(struct bp_store *st, long long run_id, void *arg, struct bp_err *err)
{
	const struct plan_rows *r = arg;
	return bp_store_save_plan(st, run_id, r->shop, r->plan, err);
}

/* The LP file goes through a private folder and a rename (io/outfile.c):
 * GLPK opens the name it is given as it stands. Names longer than
 * LP_NAME_MAX are refused before the solve; GLPK itself aborts on names of
 * about 4 KB (BP_SCHED_LP_PATH_MAX). */
#define LP_NAME_MAX 2048

struct lp_job {
	const struct bp_shop *shop;
	int date;
	const struct bp_sched_opts *so;
};

static int fill_lp(const char *path, void *arg, struct bp_err *err)
{
	const struct lp_job *j = arg;
	return bp_sched_write_lp(j->shop, j->date, j->so, path, err);
}

static int lp_name_ok(const char *name, const char *db, struct bp_err *err)
{
	if (strlen(name) > LP_NAME_MAX)
		return bp_err_set(err, BP_EUSAGE, "--write-lp: the file name is %zu bytes; at "
				  "most %d are allowed", strlen(name), LP_NAME_MAX);
	return bp_out_not_store("write-lp", name, db, err);
}

int bp_cmd_plan(int argc, char **argv, struct bp_ctx *ctx)
{
	struct plan_args a = {0};
	struct bp_opt opts[] = {
		{"date", BP_OPT_STRING, &a.date, 0},
		{"now", BP_OPT_STRING, &a.now, 0},
		{"write-lp", BP_OPT_STRING, &a.write_lp, 0},
		{"durations", BP_OPT_STRING, &a.durations, 0},
	};
	char *pos[1];
	int npos, date, now = -1;
	int rc = bp_parse_opts(argc, argv, opts, 4, pos, 0, &npos, &ctx->err);
	if (rc)
		return rc;
	if (!a.date)
		return bp_err_set(&ctx->err, BP_EUSAGE, "plan needs --date YYYY-MM-DD");
	if ((rc = bp_opt_date("date", a.date, &date, &ctx->err)))
		return rc;
	if (a.now && (rc = bp_opt_time("now", a.now, &now, &ctx->err)))
		return rc;
	if (a.durations && strcmp(a.durations, "standard") && strcmp(a.durations, "learned"))
		return bp_err_set(&ctx->err, BP_EUSAGE,
				  "--durations is standard or learned, not '%s'", a.durations);
	if (a.write_lp && (rc = lp_name_ok(a.write_lp, ctx->db_path, &ctx->err)))
		return rc;

	struct bp_store *st = NULL;
	struct bp_shop shop;
	rc = bp_open_shop(ctx, &st, &shop);
	if (rc)
		return rc;
	struct bp_sched_opts so;
	struct bp_plan plan;
	struct bp_sched_stats stats;
	struct bp_assignment *fixed = NULL;
	bp_plan_init(&plan);
	bp_sched_opts_init(&so);
	so.time_limit = ctx->time_limit;
	so.gap = ctx->gap;
	so.now = now;
	so.progress = bp_report_progress;
	so.progress_arg = ctx;
	int learned = use_learned(&shop, !a.durations || strcmp(a.durations, "learned") == 0, ctx);
	if (now >= 0) {
		rc = started_work(st, &shop, date, now, &fixed, &so.nfixed, ctx);
		if (rc)
			goto out;
		so.fixed = fixed;
	}
	if (a.write_lp) {
		struct lp_job lj = {&shop, date, &so};
		rc = bp_out_replace_named(a.write_lp, fill_lp, &lj, &ctx->err);
		if (rc)
			goto out;
		bp_progress(ctx, "plan: model written to %s (CPLEX LP format)\n", a.write_lp);
	}
	int jobs = 0;
	for (int j = 0; j < shop.njobs; j++)
		jobs += shop.jobs[j].date == date;
	bp_progress(ctx, "plan: %s, %d jobs booked; %d technicians, %d bays; time limit %gs, "
			 "gap %g%%\n", a.date, jobs, shop.ntechs, shop.nbays, so.time_limit,
		    100 * so.gap);
	rc = bp_sched_solve(&shop, date, &so, &plan, &stats, &ctx->err);
	if (rc)
		goto out;
	plan.learned_durations = learned;
	if (stats.warning[0] && !ctx->quiet)
		fprintf(ctx->diag, "bayplan plan: warning: %s\n", stats.warning);
	bp_progress(ctx, "plan: %d of %d jobs placed; %s, gap %.2f%% after %.1fs (%d columns in "
			 "%d+%d classes, %d kept for the search)\n", plan.kpi.done, jobs,
		    bp_run_status_name(plan.status), 100 * plan.gap, stats.seconds, stats.columns,
		    stats.tech_classes, stats.bay_classes, stats.columns_kept);
	if (plan.status == BP_RUN_TIME_LIMIT && !ctx->quiet)
		fprintf(ctx->diag, "bayplan plan: warning: the time limit ended the search; the "
				   "plan is within %.2f%% of the best possible\n", 100 * plan.gap);
	struct bp_run run;
	struct plan_rows rows = {&shop, &plan};
	bp_run_set(&run, "schedule", date, plan.status, plan.objective, plan.bound, plan.gap,
		   plan.solve_ms);
	rc = bp_save_run(st, &run, save_rows, &rows, &ctx->err);
	if (rc)
		goto out;
	rc = bp_plan_write(ctx->out, ctx->format, &shop, &plan, &ctx->err);
out:
	free(fixed);
	bp_plan_free(&plan);
	bp_shop_free(&shop);
	bp_store_close(st);
	return rc;
}
