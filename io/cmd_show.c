/*
 * cmd_show.c - `bayplan show [--date D | --run N]`: a stored schedule run
 * printed again, without solving, by the writers `plan` uses (so the same
 * run gives the same output), for everyone or one technician; iCalendar
 * can go to one file per technician.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/calendars.h"
#include "io/cli.h"
#include "io/cmd_util.h"
#include "io/plan_out.h"
#include "io/store.h"
#include "model/day.h"
#include "model/learn.h"

/* The plan as read against the whole shop, moved by id into the date's own
 * view (bp_day_prepare: the shop as `plan` solved it). 0 when every job,
 * technician and bay it names is in that view; else -1 and `p` unchanged. */
static int move_plan(const struct bp_shop *all, struct bp_plan *p, const struct bp_shop *day)
{
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < p->nassign; i++) {
			struct bp_assignment *a = &p->assign[i];
			int j = bp_shop_job(day, all->jobs[a->job].id);
			int t = bp_shop_tech(day, all->techs[a->tech].id);
			int b = bp_shop_bay(day, all->bays[a->bay].id);
			if (j < 0 || t < 0 || b < 0)
				return -1;
			if (pass)
				a->job = j, a->tech = t, a->bay = b;
		}
		for (int i = 0; i < p->nunsched; i++) {
			int j = bp_shop_job(day, all->jobs[p->unsched[i].job].id);
			if (j < 0)
				return -1;
			if (pass)
				p->unsched[i].job = j;
		}
	}
	return 0;
}

/* Whether `plan` would have used learned durations: the run does not
 * record it, and the shop's actuals decide it the same way now. */
static int durations_learned(const struct bp_shop *s)
{
	struct bp_learned l;
	struct bp_err e;
	int used = bp_learn(s, NULL, &l, &e) == BP_OK && l.changed > 0;
	bp_learned_free(&l);
	return used;
}

int bp_cmd_show(int argc, char **argv, struct bp_ctx *ctx)
{
	const char *date_s = NULL, *run_s = NULL, *tech_s = NULL, *dir = NULL;
	struct bp_opt opts[] = {
		BP_STR_OPT("date", &date_s, "D", "the latest plan of that day (default: the latest "
			   "plan)"),
		BP_STR_OPT("run", &run_s, "N", "that schedule run (runs.id)"),
		BP_STR_OPT("technician", &tech_s, "ID", "only that technician's work"),
		BP_STR_OPT("out-dir", &dir, "DIR", "with --format ics: one calendar per technician, "
			   "written to DIR/ID.ics"),
	};
	char *pos[1];
	int npos, date = -1;
	long long run_id = 0;
	int rc = bp_parse_opts(argc, argv, opts, BP_NOPTS(opts), pos, 0, &npos, &ctx->err);
	if (rc)
		return rc;
	if (date_s && run_s)
		return bp_err_set(&ctx->err, BP_EUSAGE, "give --date or --run, not both");
	if (date_s && (rc = bp_opt_date("date", date_s, &date, &ctx->err)))
		return rc;
	if (run_s) {
		char *end;
		errno = 0;
		run_id = strtoll(run_s, &end, 10);
		if (errno || *end || end == run_s || run_id < 1)
			return bp_err_set(&ctx->err, BP_EUSAGE, "--run wants a run id (a whole "
					  "number from 1), not '%s'", run_s);
	}
	if (dir && ctx->format != BP_FMT_ICS)
		return bp_err_set(&ctx->err, BP_EUSAGE, "--out-dir is for --format ics");

	struct bp_store *st = NULL;
	struct bp_shop all, day;
	struct bp_plan plan;
	struct bp_run run;
	struct bp_ics_opts io;
	int *moves = NULL;
	struct bp_day dv = {0};
	bp_plan_init(&plan);
	bp_shop_init(&day);
	memset(&io, 0, sizeof io);
	if ((rc = bp_open_shop(ctx, &st, &all)))
		return rc;
	/* A run is read against the whole shop, so that jobs cancelled or
	 * technicians off since it was made still read back. */
	rc = date >= 0 ? bp_store_load_plan(st, &all, date, "schedule", &plan, &run, &ctx->err)
		       : bp_store_load_plan_run(st, &all, run_id, "schedule", &plan, &run,
						&ctx->err);
	if (rc)
		goto out;
	if (tech_s && bp_shop_tech(&all, tech_s) < 0) {
		rc = bp_err_set(&ctx->err, BP_EDATA, "no technician %s in the shop", tech_s);
		goto out;
	}
	plan.learned_durations = durations_learned(&all);
	/* The date as `plan` saw it (carry-over, absences, closures) when
	 * nothing the run names has changed since; else the whole shop, its
	 * jobs of earlier dates marked as carried. */
	const struct bp_shop *view = &all;
	if (bp_shop_copy(&day, &all)) {
		rc = bp_err_set(&ctx->err, BP_EINTERNAL, "out of memory");
		goto out;
	}
	if ((rc = bp_day_prepare(&day, plan.date, -1, &dv, &ctx->err)))
		goto out;
	int off = tech_s && bp_shop_tech(&day, tech_s) < 0;
	if (!off && move_plan(&all, &plan, &day) == 0) {
		view = &day;
		bp_plan_kpis(&day, &plan);
	} else {
		bp_day_mark_carried(&all, plan.date);
		if (!off)
			bp_progress(ctx, "show: jobs, technicians or bays of this plan have left "
				    "the day since (cancelled, off, down); shown as planned\n");
	}
	int tech = tech_s ? bp_shop_tech(view, tech_s) : -1;
	if (ctx->format == BP_FMT_ICS &&
	    (rc = bp_calendar_opts(st, view, &plan, &run, &io, &moves, &ctx->err)))
		goto out;
	if (dir)
		rc = bp_write_calendars(ctx, dir, &all, view, &plan, tech, &io);
	else
		rc = bp_plan_write_ics(ctx->out, ctx->format, view, &plan, tech, &io, &ctx->err);
out:
	free(moves);
	bp_day_free(&dv);
	bp_plan_free(&plan);
	bp_shop_free(&day);
	bp_shop_free(&all);
	bp_store_close(st);
	return rc;
}
