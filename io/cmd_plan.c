/*
 * cmd_plan.c - `bayplan plan --date D`: tomorrow's schedule from the store,
 * solved, stored as one run (runs + schedule + unscheduled, one
 * transaction), and shown as a table, CSV, JSON or iCalendar.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/calendars.h"
#include "io/cli.h"
#include "io/cmd_util.h"
#include "io/outfile.h"
#include "io/plan_out.h"
#include "io/store.h"
#include "io/store_status.h"
#include "model/day.h"
#include "solver/sched.h"

struct plan_args {
	const char *date, *now, *write_lp, *durations, *tech, *dir;
};

/* With --now on a day with no progress recorded, jobs of the latest plan
 * of the date that were to start before now are taken to have started as
 * planned (a shop that records nothing keeps its plan).
 * The plan is read against the whole shop (`all`) and mapped by id into
 * the day's shop, so a job or technician gone since costs only its own pin,
 * and a pin whose technician is now off at that time is dropped. Pins are
 * appended to d->fixed. */
static int planned_pins(struct bp_store *st, const struct bp_shop *all,
			const struct bp_shop *s, int date, int now, struct bp_day *d,
			struct bp_ctx *ctx)
{
	struct bp_plan prev;
	struct bp_err e;
	int skipped = 0, kept = 0, off = 0;
	bp_plan_init(&prev);
	if (bp_store_load_pins(st, all, date, &prev, &skipped, &e) != BP_OK) {
		bp_progress(ctx, "plan: no earlier plan for this date (%s); planning from now\n",
			    e.msg);
		return BP_OK;
	}
	int rc = BP_OK;
	for (int i = 0; i < prev.nassign && !rc; i++) {
		const struct bp_assignment *a = &prev.assign[i];
		if (a->start >= now)
			continue;
		int job = bp_shop_job(s, all->jobs[a->job].id);
		int tech = bp_shop_tech(s, all->techs[a->tech].id);
		int bay = bp_shop_bay(s, all->bays[a->bay].id);
		/* Gone from the day (cancelled, no-show, done) or under way
		 * by the facts: the facts decide. */
		if (job < 0 || s->jobs[job].status != BP_JOB_BOOKED || s->jobs[job].carried_from > 0)
			continue;
		/* The work the plan gave it: its minutes for this technician,
		 * less what goes on tomorrow. */
		int work = tech < 0 ? 0 : bp_job_minutes(s, &s->jobs[job], &s->techs[tech]) - a->carry;
		if (tech < 0 || bay < 0 || !bp_day_tech_free(s, tech, a->start, a->end, work)) {
			off++;
			continue;
		}
		struct bp_assignment pin = *a;
		pin.job = job, pin.tech = tech, pin.bay = bay;
		struct bp_assignment *grown =
			realloc(d->fixed, ((size_t)d->nfixed + 1) * sizeof *grown);
		if (!grown)
			rc = bp_err_set(&ctx->err, BP_EINTERNAL, "out of memory");
		else
			(d->fixed = grown)[d->nfixed++] = pin, kept++;
	}
	bp_plan_free(&prev);
	if (kept)
		bp_progress(ctx, "plan: %d jobs planned to start before now have no start recorded; "
			    "they stay as planned\n", kept);
	if (off)
		bp_warn(ctx, "bayplan plan: warning: %d jobs planned to start before now "
			"lost their technician or bay (absence, downtime); they are planned "
			"again\n", off);
	if (skipped)
		bp_warn(ctx, "bayplan plan: warning: the earlier plan names %d jobs, "
			"technicians or bays no longer in the store; the other pins stay\n",
			skipped);
	return rc;
}

/* A holiday: every job of the date is unscheduled with reason closed. */
static int closed_plan(const struct bp_shop *s, const struct bp_day *d, struct bp_plan *p,
		       struct bp_err *err)
{
	int next = bp_day_next_open(s, d->date + 1, 366);
	p->date = d->date;
	p->status = BP_RUN_OPTIMAL;
	for (int j = 0; j < s->njobs; j++)
		if (s->jobs[j].date == d->date &&
		    bp_plan_add_unscheduled(p, j, BP_REASON_CLOSED, next,
					    "the shop is closed on this date%s%s",
					    d->closed_reason[0] ? ": " : "", d->closed_reason))
			return bp_err_set(err, BP_EINTERNAL, "out of memory");
	bp_plan_kpis(s, p);
	return BP_OK;
}

struct plan_rows {
	const struct bp_shop *shop;
	const struct bp_plan *plan;
};

static int save_rows(struct bp_store *st, long long run_id, void *arg, struct bp_err *err)
{
	const struct plan_rows *r = arg;
	int rc = bp_store_save_plan(st, run_id, r->shop, r->plan, err);
	for (int j = 0; j < r->shop->njobs && !rc; j++)
		if (r->shop->jobs[j].carried_from > 0)
			rc = bp_store_set_carried(st, r->shop->jobs[j].id,
						  r->shop->jobs[j].carried_from, err);
	return rc;
}

static void report_day(struct bp_ctx *ctx, const struct bp_day *d)
{
	if (d->carried || d->done || d->in_progress || d->techs_off || d->bays_down)
		bp_progress(ctx, "plan: %d jobs carried over, %d done, %d under way; %d "
			    "technicians off and %d bays down all day\n", d->carried, d->done,
			    d->in_progress, d->techs_off, d->bays_down);
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

/* The plan as asked: everyone's, one technician's (an empty day when they
 * are off), or calendars in a folder; calendars stamped with the run. */
static int write_out(struct bp_ctx *ctx, struct bp_store *st, const struct bp_shop *all,
		     const struct bp_shop *shop, const struct bp_plan *plan,
		     const struct bp_run *run, const struct plan_args *a)
{
	struct bp_ics_opts io;
	memset(&io, 0, sizeof io);
	int *moves = NULL, rc = BP_OK;
	int tech = a->tech ? bp_shop_tech(shop, a->tech) : -1;
	if (ctx->format == BP_FMT_ICS &&
	    (rc = bp_calendar_opts(st, shop, plan, run, &io, &moves, &ctx->err)))
		goto out;
	if (a->dir) {
		rc = bp_write_calendars(ctx, a->dir, all, shop, plan, tech, &io);
	} else if (a->tech && tech < 0) {
		struct bp_plan none;
		bp_plan_init(&none);
		none.date = plan->date;
		io.moves = NULL;
		rc = bp_plan_write_ics(ctx->out, ctx->format, all, &none,
				       bp_shop_tech(all, a->tech), &io, &ctx->err);
	} else {
		rc = bp_plan_write_ics(ctx->out, ctx->format, shop, plan, tech, &io, &ctx->err);
	}
out:
	free(moves);
	return rc;
}

int bp_cmd_plan(int argc, char **argv, struct bp_ctx *ctx)
{
	double t_start = bp_clock();
	struct plan_args a = {0};
	struct bp_opt opts[] = {
		BP_STR_OPT("date", &a.date, "D", "the day to plan (YYYY-MM-DD)"),
		BP_STR_OPT("now", &a.now, "HH:MM", "re-plan the rest of the day from this time: "
			   "done work keeps its actual times, work under way stays with its "
			   "technician and bay, the rest is planned from now"),
		BP_STR_OPT("write-lp", &a.write_lp, "FILE", "also write the integer program in "
			   "CPLEX LP format, for other solvers"),
		BP_STR_OPT("durations", &a.durations, "KIND", "standard (the shop's minutes) or "
			   "learned (from the actuals; the default)"),
		BP_STR_OPT("technician", &a.tech, "ID", "print only that technician's day (a "
			   "sheet to hand out, or their calendar)"),
		BP_STR_OPT("out-dir", &a.dir, "DIR", "with --format ics: one calendar per "
			   "technician, written to DIR/ID.ics"),
	};
	char *pos[1];
	int npos, date, now = -1;
	int rc = bp_parse_opts(argc, argv, opts, BP_NOPTS(opts), pos, 0, &npos, &ctx->err);
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
	if (a.dir && ctx->format != BP_FMT_ICS)
		return bp_err_set(&ctx->err, BP_EUSAGE, "--out-dir is for --format ics");

	struct bp_store *st = NULL;
	struct bp_shop shop, all;
	struct bp_day day = {0};
	rc = bp_open_shop(ctx, &st, &all);
	if (rc)
		return rc;
	/* Before the solve, so a typo costs no search. */
	if (a.tech && bp_shop_tech(&all, a.tech) < 0) {
		rc = bp_err_set(&ctx->err, BP_EDATA, "no technician %s in the shop", a.tech);
		bp_shop_free(&all);
		bp_store_close(st);
		return rc;
	}
	struct bp_sched_opts so;
	struct bp_plan plan;
	struct bp_sched_stats stats;
	bp_plan_init(&plan);
	bp_shop_init(&shop);
	bp_sched_opts_init(&so);
	so.time_limit = ctx->time_limit;
	so.gap = ctx->gap;
	so.now = now;
	so.progress = bp_report_progress;
	so.progress_arg = ctx;
	int learned = bp_use_learned(ctx, "plan", &all,
				     !a.durations || strcmp(a.durations, "learned") == 0, 1);
	if (bp_shop_copy(&shop, &all)) {
		rc = bp_err_set(&ctx->err, BP_EINTERNAL, "out of memory");
		goto out;
	}
	if ((rc = bp_day_prepare(&shop, date, now, &day, &ctx->err)))
		goto out;
	/* Where the shop records its day, the records are the truth: a job
	 * with no start recorded has not started. Where it records nothing,
	 * the morning is taken to have gone as planned. */
	if (now >= 0 && !day.closed && day.nfixed == 0 &&
	    (rc = planned_pins(st, &all, &shop, date, now, &day, ctx)))
		goto out;
	if (now >= 0 && day.nfixed > 0)
		bp_progress(ctx, "plan: the day's records decide what has started: %d jobs done "
			    "or under way keep their place\n", day.nfixed);
	so.fixed = day.fixed;
	so.nfixed = day.nfixed;
	report_day(ctx, &day);
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
	if (day.closed) {
		if ((rc = closed_plan(&shop, &day, &plan, &ctx->err)))
			goto out;
		memset(&stats, 0, sizeof stats);
		bp_warn(ctx, "bayplan plan: warning: the shop is closed on %s%s%s; "
				"nothing is placed\n", a.date, day.closed_reason[0] ? ": " : "",
				day.closed_reason);
	} else {
		bp_stop_catch();
		/* The limit is for the command: reading the store counts. */
		double spent = bp_clock() - t_start;
		so.time_limit = so.time_limit - spent > 0.05 * so.time_limit
					? so.time_limit - spent : 0.05 * so.time_limit;
		rc = bp_sched_solve(&shop, date, &so, &plan, &stats, &ctx->err);
		so.time_limit = ctx->time_limit;
		bp_stop_release();
		if (rc)
			goto out;
	}
	plan.learned_durations = learned;
	/* Jobs left out get the first date they would fit, looking at the
	 * days ahead as the store has them. */
	if (plan.nunsched) {
		double t0 = bp_clock();
		/* The time limit holds for the whole command (limit + 10 % +
		 * 0.2 s at most): the search for dates gets what is left of
		 * that, less room to store the plan. */
		double extra = 0.08 * so.time_limit < 1.5 ? 0.08 * so.time_limit : 1.5;
		double until = t_start + so.time_limit + extra + 0.12;
		if ((rc = bp_sched_earliest_until(&all, &shop, &plan, BP_EARLIEST_HORIZON, until,
						  &ctx->err)))
			goto out;
		bp_progress(ctx, "plan: earliest dates for %d jobs left out, looking %d days "
			    "ahead, in %.1fs\n", plan.nunsched, BP_EARLIEST_HORIZON,
			    bp_clock() - t0);
	}
	if (stats.warning[0])
		bp_warn(ctx, "bayplan plan: warning: %s\n", stats.warning);
	bp_progress(ctx, "plan: %d of %d jobs placed; %s, gap %.2f%% after %.1fs (%d columns in "
			 "%d+%d classes, %d kept for the search)\n", plan.kpi.done, jobs,
		    bp_run_status_name(plan.status), 100 * plan.gap, stats.seconds, stats.columns,
		    stats.tech_classes, stats.bay_classes, stats.columns_kept);
	if (!day.closed && jobs > 0)
		bp_progress(ctx, "plan: %g tier-weighted jobs done; first come, first served "
			    "would do %g (objective %.1f)\n", plan.kpi.weighted_done,
			    stats.fcfs_weighted, stats.fcfs_value);
	if (plan.status == BP_RUN_TIME_LIMIT)
		bp_warn(ctx, "bayplan plan: warning: the time limit ended the search; the "
				   "plan is within %.2f%% of the best possible\n", 100 * plan.gap);
	struct bp_run run;
	struct plan_rows rows = {&shop, &plan};
	bp_run_set(&run, "schedule", date, plan.status, plan.objective, plan.bound, plan.gap,
		   plan.solve_ms);
	rc = bp_save_run(st, &run, save_rows, &rows, &ctx->err);
	if (rc)
		goto out;
	rc = write_out(ctx, st, &all, &shop, &plan, &run, &a);
	if (!rc && bp_stop_signal()) {
		char what[200];
		snprintf(what, sizeof what, "the best plan found (%d of %d jobs placed) is stored "
			 "as run %lld, status interrupted; the date's latest complete plan is still "
			 "the one show, board and reorder read", plan.kpi.done, jobs, run.id);
		rc = bp_stop_err(&ctx->err, bp_stop_signal(), what);
	}
out:
	bp_day_free(&day);
	bp_plan_free(&plan);
	bp_shop_free(&shop);
	bp_shop_free(&all);
	bp_store_close(st);
	return rc;
}
