/*
 * cmd_reorder.c - `bayplan reorder --date D [--days N] [--budget AMOUNT]
 * [--now WHEN]`: the parts reorder list for the days from D, timed by the
 * latest plan for D when there is one, stored as one run (runs + reorder,
 * one transaction) and shown as a table, CSV or JSON (reorder_out.c). The store's facts
 * count: open order lines are on order (bp_store_load_shop), and the list
 * is made for the day view of D (model/day.h) without the jobs already done,
 * whose parts left stock when they finished.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/cli.h"
#include "io/cmd_util.h"
#include "io/reorder_out.h"
#include "io/store.h"
#include "io/store_reorder.h"
#include "model/day.h"
#include "solver/reorder.h"

struct reorder_rows {
	const struct bp_shop *shop;
	const struct bp_reorder *reorder;
};

/* Once a second while the list is solved: the best list and the bound. */
static void progress(void *arg, double incumbent, double bound, double seconds)
{
	struct bp_ctx *ctx = arg;
	if (isnan(incumbent))
		bp_progress(ctx, "reorder: %.1fs, choosing the delivery runs\n", seconds);
	else if (isnan(bound))
		bp_progress(ctx, "reorder: %.1fs, best list %.2f\n", seconds, incumbent);
	else
		bp_progress(ctx, "reorder: %.1fs, best list %.2f, bound %.2f\n", seconds,
			    incumbent, bound);
}

static int save_rows(struct bp_store *st, long long run_id, void *arg, struct bp_err *err)
{
	const struct reorder_rows *r = arg;
	return bp_store_save_reorder(st, run_id, r->shop, r->reorder, err);
}

static int save(struct bp_store *st, const struct bp_shop *s, const struct bp_reorder *r,
		struct bp_run *run, struct bp_ctx *ctx)
{
	struct reorder_rows rows = {s, r};
	bp_run_set(run, "reorder", r->date, r->status, r->objective, r->bound, r->gap,
		   r->solve_ms);
	return bp_save_run(st, run, save_rows, &rows, &ctx->err);
}

/* "--now 2026-11-23T15:00", or "--now 15:00" on the day before the date. */
static int parse_now(const char *val, int date, struct bp_reorder_opts *o, struct bp_err *err)
{
	if (bp_datetime_parse(val, &o->now_day, &o->now_min) == 0)
		return BP_OK;
	if (bp_time_parse(val, &o->now_min) == 0) {
		o->now_day = date - 1;
		return BP_OK;
	}
	return bp_err_set(err, BP_EUSAGE, "--now wants YYYY-MM-DDTHH:MM (1970 to 2199; or "
			  "HH:MM, the day before --date), not '%s'", val);
}

/* The plan was loaded against the whole shop; the day view has other
 * indexes. Rows whose job, technician or bay the day view left out go:
 * a job that is done, cancelled or gone needs nothing. */
static void remap_plan(struct bp_plan *p, const struct bp_shop *all, const struct bp_shop *day)
{
	int n = 0;
	for (int i = 0; i < p->nassign; i++) {
		struct bp_assignment a = p->assign[i];
		a.job = bp_shop_job(day, all->jobs[a.job].id);
		a.tech = bp_shop_tech(day, all->techs[a.tech].id);
		a.bay = bp_shop_bay(day, all->bays[a.bay].id);
		if (a.job >= 0 && a.tech >= 0 && a.bay >= 0)
			p->assign[n++] = a;
	}
	p->nassign = n;
	n = 0;
	for (int i = 0; i < p->nunsched; i++) {
		struct bp_unscheduled u = p->unsched[i];
		if ((u.job = bp_shop_job(day, all->jobs[u.job].id)) >= 0)
			p->unsched[n++] = u;
	}
	p->nunsched = n;
}

/* A copy of `all` as `date` stands by the store's facts, less the jobs
 * that are done. */
static int day_view(const struct bp_shop *all, int date, struct bp_shop *out, struct bp_err *err)
{
	struct bp_day d;
	if (bp_shop_copy(out, all))
		return bp_err_set(err, BP_EINTERNAL, "out of memory");
	int rc = bp_day_prepare(out, date, -1, &d, err);
	bp_day_free(&d);
	if (!rc)
		bp_day_drop_done(out);
	return rc;
}

/* ---- table ---- */

/* What the parts desk should hear about on stderr. */
static void report(struct bp_ctx *ctx, const struct bp_shop *s, const struct bp_reorder *r)
{
	for (int i = 0; i < r->nuncovered; i++) {
		const struct bp_job *j = &s->jobs[r->uncovered[i]];
		char day[12];
		bp_date_format(j->date, day, sizeof day);
		bp_warn(ctx, "bayplan reorder: warning: job %s (%s) goes without a part: "
			"no order %s\n", j->id, day,
			r->ndrops ? "within the budget serves it" : "can arrive in time");
	}
	for (int i = 0; i < r->nrebook; i++) {
		const struct bp_reorder_rebook *m = &r->rebook[i];
		const struct bp_job *j = &s->jobs[m->job];
		char day[12], when[20];
		bp_date_format(j->date, day, sizeof day);
		bp_datetime_format(m->from_day, m->from_min, when, sizeof when);
		bp_warn(ctx, "bayplan reorder: warning: job %s (%s) cannot have %s in time: "
			"it is ordered; move the job to %s or later\n", j->id, day,
			s->parts[m->part].sku, when);
	}
	if (r->status == BP_RUN_TIME_LIMIT)
		bp_warn(ctx, "bayplan reorder: warning: the time limit ended the search; "
				   "the list is within %.2f%% of the best\n", 100 * r->gap);
}

int bp_cmd_reorder(int argc, char **argv, struct bp_ctx *ctx)
{
	const char *date_s = NULL, *now_s = NULL;
	struct bp_reorder_opts o;
	bp_reorder_opts_init(&o);
	struct bp_opt opts[] = {
		BP_STR_OPT("date", &date_s, "D", "the first day covered (YYYY-MM-DD); its latest "
			   "plan times the jobs' needs"),
		BP_INT_OPT("days", &o.days, "N", "days covered (default 3, so that rare parts "
			   "come in time; grows to reach jobs that must wait for a part)"),
		BP_NUM_OPT("budget", &o.budget, "AMOUNT", "spend at most this; the orders that "
			   "serve the least are dropped"),
		BP_STR_OPT("now", &now_s, "WHEN", "orders are placed from this time "
			   "(YYYY-MM-DDTHH:MM, or HH:MM the day before D; default the day before "
			   "D at closing time)"),
	};
	char *pos[1];
	int npos, date;
	int rc = bp_parse_opts(argc, argv, opts, BP_NOPTS(opts), pos, 0, &npos, &ctx->err);
	if (rc)
		return rc;
	if (!date_s)
		return bp_err_set(&ctx->err, BP_EUSAGE, "reorder needs --date YYYY-MM-DD");
	if ((rc = bp_opt_date("date", date_s, &date, &ctx->err)))
		return rc;
	if (o.days < 1 || o.days > BP_REORDER_MAX_DAYS)
		return bp_err_set(&ctx->err, BP_EUSAGE, "--days is 1 to %d, not %d",
				  BP_REORDER_MAX_DAYS, o.days);
	if (bp_opt_given(opts, BP_NOPTS(opts), "budget") && !(o.budget >= 0))
		return bp_err_set(&ctx->err, BP_EUSAGE, "--budget is an amount >= 0");
	if (now_s && (rc = parse_now(now_s, date, &o, &ctx->err)))
		return rc;
	if (ctx->format == BP_FMT_ICS)
		return bp_err_set(&ctx->err, BP_EUSAGE,
				  "reorder writes table, csv or json; ics is for plan");
	o.time_limit = ctx->time_limit;
	o.progress = progress;
	o.progress_arg = ctx;
	if (ctx->gap >= 0 && ctx->gap < 1)
		o.gap = ctx->gap;

	struct bp_store *st = NULL;
	struct bp_shop all, shop;
	struct bp_plan plan;
	struct bp_run run, plan_run;
	struct bp_reorder r;
	struct bp_err e;
	bp_plan_init(&plan);
	bp_reorder_init(&r);
	memset(&plan_run, 0, sizeof plan_run);
	bp_shop_init(&shop);
	if ((rc = bp_open_shop(ctx, &st, &all)))
		return rc;
	int have_plan = 0;
	rc = bp_store_load_plan(st, &all, date, "schedule", &plan, &plan_run, &e);
	if (rc == BP_OK) {
		have_plan = 1;
	} else if (rc == BP_EDATA) {
		bp_progress(ctx, "reorder: %s; the day's jobs need their parts when they arrive\n",
			    e.msg);
		rc = BP_OK;
	} else {
		ctx->err = e;
		goto out;
	}
	if ((rc = day_view(&all, date, &shop, &ctx->err)))
		goto out;
	if (have_plan)
		remap_plan(&plan, &all, &shop);
	bp_progress(ctx, "reorder: %s and %d day%s after; %d parts, %d demand rows; %s; "
			 "time limit %gs, gap %g%%\n", date_s, o.days - 1, o.days == 2 ? "" : "s",
		    shop.nparts, shop.ndemand,
		    have_plan ? "timed by the latest plan" : "no plan", o.time_limit, 100 * o.gap);
	if ((rc = bp_reorder_solve(&shop, date, have_plan ? &plan : NULL, &o, &r, &ctx->err)))
		goto out;
	bp_progress(ctx, "reorder: %d lines in %d delivery runs, spend %.2f; %s, gap %.2f%% "
			 "after %ld ms\n", r.nlines, r.deliveries, r.spend,
		    bp_run_status_name(r.status), 100 * r.gap, r.solve_ms);
	if (r.days > o.days)
		bp_progress(ctx, "reorder: the horizon grew to %d days to reach the jobs that "
			    "wait for parts\n", r.days);
	if (r.status == BP_RUN_FAILED) {
		rc = bp_err_set(&ctx->err, BP_ENOSOLVE, "the reorder program found no answer; the "
				"store keeps the lists it had");
		goto out;
	}
	report(ctx, &shop, &r);
	if ((rc = save(st, &shop, &r, &run, ctx)))
		goto out;
	bp_reorder_write(ctx->out, ctx->format, &shop, &r, &run, have_plan ? plan_run.id : 0);
out:
	bp_reorder_free(&r);
	bp_plan_free(&plan);
	bp_shop_free(&shop);
	bp_shop_free(&all);
	bp_store_close(st);
	return rc;
}
