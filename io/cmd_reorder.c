/*
 * cmd_reorder.c - `bayplan reorder --date D [--days N] [--budget AMOUNT]
 * [--now WHEN]`: the parts reorder list for the days from D, timed by the
 * latest plan for D when there is one, stored as one run (runs + reorder,
 * one transaction) and shown as a table, CSV or JSON. The store's facts
 * count: open order lines are on order (bp_store_load_shop), and the list
 * is made for the day view of D (model/day.h) without the jobs already done,
 * whose parts left stock when they finished.
 */
#include <stdlib.h>
#include <string.h>

#include "io/cli.h"
#include "io/cmd_util.h"
#include "io/out.h"
#include "io/store.h"
#include "io/store_reorder.h"
#include "model/day.h"
#include "solver/reorder.h"

struct reorder_rows {
	const struct bp_shop *shop;
	const struct bp_reorder *reorder;
};

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

static void print_jobs(FILE *f, const struct bp_shop *s, const int *jobs, int n)
{
	for (int i = 0; i < n; i++)
		fprintf(f, "%s%s", i ? "," : "", s->jobs[jobs[i]].id);
}

static void table(FILE *f, const struct bp_shop *s, const struct bp_reorder *r,
		  const struct bp_run *run, long long plan_run)
{
	char a[20], b[20];
	bp_date_format(r->date, a, sizeof a);
	bp_date_format(r->date + r->days - 1, b, sizeof b);
	fprintf(f, "REORDER LIST %s to %s  (run %lld, %s", a, b, run->id,
		bp_run_status_name(r->status));
	if (plan_run > 0)
		fprintf(f, "; timed by plan run %lld)\n", plan_run);
	else
		fprintf(f, "; no plan for %s: jobs need their parts at arrival)\n", a);
	if (!r->nlines) {
		fprintf(f, "Nothing to order: stock and deliveries on order cover the jobs and "
			   "safety stock.\n");
	} else {
		fprintf(f, "%-16s %-22s %6s  %-16s  %-16s  %-12s %10s  %s\n", "SKU", "NAME", "QTY",
			"ORDER BY", "ARRIVES", "REASON", "COST", "JOBS");
		for (int i = 0; i < r->nlines; i++) {
			const struct bp_reorder_line *l = &r->lines[i];
			const struct bp_part *p = &s->parts[l->part];
			bp_datetime_format(l->order_day, l->order_min, a, sizeof a);
			bp_datetime_format(l->arrive_day, l->arrive_min, b, sizeof b);
			bp_out_cell(f, p->sku, 16);
			fputc(' ', f);
			bp_out_cell(f, p->name, 22);
			fprintf(f, " %6d  %-16s  %-16s  %-12s %10.2f  ", l->qty, a, b,
				bp_reorder_reason_name(l->reason), l->cost);
			print_jobs(f, s, l->jobs, l->njobs);
			fputc('\n', f);
		}
	}
	fprintf(f, "\n%d line%s, %d delivery run%s: parts %.2f + deliveries %.2f = %.2f", r->nlines,
		r->nlines == 1 ? "" : "s", r->deliveries, r->deliveries == 1 ? "" : "s",
		r->parts_cost, r->delivery_cost, r->spend);
	if (r->budget >= 0)
		fprintf(f, " (budget %.2f)", r->budget);
	fputc('\n', f);
	if (r->nuncovered) {
		fprintf(f, "\nJobs left without a part (no order can arrive in time%s): ",
			r->ndrops ? ", or the budget" : "");
		print_jobs(f, s, r->uncovered, r->nuncovered);
		fputc('\n', f);
	}
	if (r->nrebook) {
		fprintf(f, "\nJobs that must wait for a part (it is ordered for the first time "
			   "they can use it; move them):\n");
		for (int i = 0; i < r->nrebook; i++) {
			const struct bp_reorder_rebook *m = &r->rebook[i];
			const struct bp_job *jb = &s->jobs[m->job];
			bp_date_format(jb->date, a, sizeof a);
			bp_datetime_format(m->from_day, m->from_min, b, sizeof b);
			fprintf(f, "  ");
			bp_out_cell(f, jb->id, 14);
			fprintf(f, " booked %s, ", a);
			bp_datetime_format(m->arrive_day, m->arrive_min, a, sizeof a);
			fprintf(f, "%s here %s: from %s\n", s->parts[m->part].sku, a, b);
		}
	}
	if (r->ndrops) {
		fprintf(f, "\nDropped for the budget, least valuable first:\n");
		for (int i = 0; i < r->ndrops; i++) {
			const struct bp_reorder_drop *d = &r->drops[i];
			fprintf(f, "  ");
			bp_out_cell(f, s->parts[d->part].sku, 16);
			fprintf(f, " %6d  %10.2f  ", d->qty, d->cost);
			if (d->njobs) {
				fprintf(f, "jobs losing their part: ");
				print_jobs(f, s, d->jobs, d->njobs);
			} else {
				fprintf(f, "safety stock");
			}
			fputc('\n', f);
		}
	}
	if (r->nexcess) {
		fprintf(f, "\nSlow movers, stop buying (stock for more than %d days of demand, or "
			   "none in 90 days):\n", s->policy.excess_days);
		for (int i = 0; i < r->nexcess; i++) {
			const struct bp_reorder_excess *e = &r->excess[i];
			fprintf(f, "  ");
			bp_out_cell(f, s->parts[e->part].sku, 16);
			fprintf(f, " %6d on hand  %10.2f  ", e->on_hand, e->value);
			if (e->cover_days >= 0)
				fprintf(f, "%.0f days of demand", e->cover_days);
			else if (e->last_demand >= 0)
				fprintf(f, "last demand %d days ago", r->date - e->last_demand);
			else
				fprintf(f, "no demand on record");
			fputc('\n', f);
		}
	}
}

/* ---- CSV and JSON ---- */

static void csv(FILE *f, const struct bp_shop *s, const struct bp_reorder *r)
{
	fputs("sku,qty,packs,order_by,arrives,reason,supply,jobs,cost", f);
	bp_csv_end_row(f);
	for (int i = 0; i < r->nlines; i++) {
		const struct bp_reorder_line *l = &r->lines[i];
		const struct bp_part *p = &s->parts[l->part];
		char a[20], b[20];
		bp_datetime_format(l->order_day, l->order_min, a, sizeof a);
		bp_datetime_format(l->arrive_day, l->arrive_min, b, sizeof b);
		bp_csv_field(f, p->sku);
		fprintf(f, ",%d,%d,%s,%s,%s,%s,", l->qty, l->packs, a, b,
			bp_reorder_reason_name(l->reason), bp_supply_name(p->supply));
		char *jobs = bp_reorder_line_jobs(s, l);
		bp_csv_field(f, jobs ? jobs : "");
		free(jobs);
		fprintf(f, ",%.2f", l->cost);
		bp_csv_end_row(f);
	}
}

static void json_jobs(struct bp_json *j, const char *key, const struct bp_shop *s,
		      const int *jobs, int n)
{
	bp_json_arr(j, key);
	for (int i = 0; i < n; i++)
		bp_json_str(j, NULL, s->jobs[jobs[i]].id);
	bp_json_end(j);
}

static void json(FILE *f, const struct bp_shop *s, const struct bp_reorder *r,
		 const struct bp_run *run, long long plan_run)
{
	struct bp_json j;
	char a[20], b[20];
	bp_json_init(&j, f);
	bp_json_obj(&j, NULL);
	bp_json_int(&j, "run_id", run->id);
	bp_date_format(r->date, a, sizeof a);
	bp_json_str(&j, "date", a);
	bp_json_int(&j, "days", r->days);
	if (plan_run > 0)
		bp_json_int(&j, "plan_run_id", plan_run);
	else
		bp_json_null(&j, "plan_run_id");
	bp_json_str(&j, "status", bp_run_status_name(r->status));
	bp_json_num(&j, "objective", r->objective);
	bp_json_num(&j, "bound", r->bound);
	bp_json_num(&j, "gap", r->gap);
	bp_json_int(&j, "solve_ms", r->solve_ms);
	bp_json_num(&j, "parts_cost", r->parts_cost);
	bp_json_num(&j, "delivery_cost", r->delivery_cost);
	bp_json_int(&j, "deliveries", r->deliveries);
	bp_json_num(&j, "spend", r->spend);
	if (r->budget >= 0)
		bp_json_num(&j, "budget", r->budget);
	else
		bp_json_null(&j, "budget");
	bp_json_arr(&j, "lines");
	for (int i = 0; i < r->nlines; i++) {
		const struct bp_reorder_line *l = &r->lines[i];
		const struct bp_part *p = &s->parts[l->part];
		bp_json_obj(&j, NULL);
		bp_json_str(&j, "sku", p->sku);
		bp_json_str(&j, "name", p->name);
		bp_json_int(&j, "qty", l->qty);
		bp_json_int(&j, "packs", l->packs);
		bp_datetime_format(l->order_day, l->order_min, a, sizeof a);
		bp_datetime_format(l->arrive_day, l->arrive_min, b, sizeof b);
		bp_json_str(&j, "order_by", a);
		bp_json_str(&j, "arrives", b);
		bp_json_str(&j, "reason", bp_reorder_reason_name(l->reason));
		bp_json_str(&j, "supply", bp_supply_name(p->supply));
		json_jobs(&j, "jobs", s, l->jobs, l->njobs);
		bp_json_num(&j, "cost", l->cost);
		bp_json_end(&j);
	}
	bp_json_end(&j);
	json_jobs(&j, "jobs_without_parts", s, r->uncovered, r->nuncovered);
	bp_json_arr(&j, "jobs_to_move");
	for (int i = 0; i < r->nrebook; i++) {
		const struct bp_reorder_rebook *m = &r->rebook[i];
		const struct bp_job *jb = &s->jobs[m->job];
		bp_json_obj(&j, NULL);
		bp_json_str(&j, "job", jb->id);
		bp_date_format(jb->date, a, sizeof a);
		bp_json_str(&j, "booked", a);
		bp_json_str(&j, "sku", s->parts[m->part].sku);
		bp_datetime_format(m->arrive_day, m->arrive_min, a, sizeof a);
		bp_json_str(&j, "arrives", a);
		bp_datetime_format(m->from_day, m->from_min, a, sizeof a);
		bp_json_str(&j, "from", a);
		bp_json_end(&j);
	}
	bp_json_end(&j);
	bp_json_arr(&j, "budget_drops");
	for (int i = 0; i < r->ndrops; i++) {
		const struct bp_reorder_drop *d = &r->drops[i];
		bp_json_obj(&j, NULL);
		bp_json_str(&j, "sku", s->parts[d->part].sku);
		bp_json_int(&j, "qty", d->qty);
		bp_json_num(&j, "cost", d->cost);
		json_jobs(&j, "jobs", s, d->jobs, d->njobs);
		bp_json_end(&j);
	}
	bp_json_end(&j);
	bp_json_arr(&j, "excess");
	for (int i = 0; i < r->nexcess; i++) {
		const struct bp_reorder_excess *e = &r->excess[i];
		bp_json_obj(&j, NULL);
		bp_json_str(&j, "sku", s->parts[e->part].sku);
		bp_json_int(&j, "on_hand", e->on_hand);
		bp_json_num(&j, "value", e->value);
		if (e->cover_days >= 0)
			bp_json_num(&j, "cover_days", e->cover_days);
		else
			bp_json_null(&j, "cover_days");
		if (e->last_demand >= 0) {
			bp_date_format(e->last_demand, a, sizeof a);
			bp_json_str(&j, "last_demand", a);
		} else {
			bp_json_null(&j, "last_demand");
		}
		bp_json_end(&j);
	}
	bp_json_end(&j);
	bp_json_arr(&j, "forecasts");
	for (int p = 0; p < r->nparts; p++) {
		const struct bp_reorder_part *x = &r->parts[p];
		if (x->forecast <= 0 && !x->booked && x->safety_stock <= 0)
			continue;
		bp_json_obj(&j, NULL);
		bp_json_str(&j, "sku", s->parts[p].sku);
		bp_json_str(&j, "demand", bp_demand_class_name(x->demand_class));
		bp_json_str(&j, "method", bp_forecast_method_name(x->method));
		bp_json_num(&j, "per_day", x->forecast);
		bp_json_num(&j, "sigma", x->sigma);
		bp_json_num(&j, "safety_stock", x->safety_stock);
		bp_json_int(&j, "booked", x->booked);
		bp_json_end(&j);
	}
	bp_json_end(&j);
	bp_json_end(&j);
	fputc('\n', f);
}

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
	long long pr = have_plan ? plan_run.id : 0;
	if (ctx->format == BP_FMT_CSV)
		csv(ctx->out, &shop, &r);
	else if (ctx->format == BP_FMT_JSON)
		json(ctx->out, &shop, &r, &run, pr);
	else
		table(ctx->out, &shop, &r, &run, pr);
out:
	bp_reorder_free(&r);
	bp_plan_free(&plan);
	bp_shop_free(&shop);
	bp_shop_free(&all);
	bp_store_close(st);
	return rc;
}
