/*
 * reorder_out.c - the reorder list's writers (reorder_out.h): a table for
 * the parts desk, CSV and JSON for programs.
 */
#include <stdlib.h>
#include <string.h>

#include "io/out.h"
#include "io/reorder_out.h"

static void print_jobs(FILE *f, const struct bp_shop *s, const int *jobs, int n)
{
	for (int i = 0; i < n; i++)
		fprintf(f, "%s%s", i ? "," : "", s->jobs[jobs[i]].id);
}

/* The jobs column of the table: ids while they fit in `room` columns, then
 * "+N more" (the CSV and JSON keep every id), so a line stays one line. */
#define JOBS_ROOM 40
static void print_jobs_cut(FILE *f, const struct bp_shop *s, const int *jobs, int n, int room)
{
	int w = 0;
	for (int i = 0; i < n; i++) {
		const char *id = s->jobs[jobs[i]].id;
		int iw = bp_out_width(id) + (i ? 2 : 0);
		char more[32];
		int mw = i + 1 < n ? snprintf(more, sizeof more, " +%d more", n - i - 1) : 0;
		if (w + iw + mw > room && i > 0) {
			fprintf(f, " +%d more", n - i);
			return;
		}
		fprintf(f, "%s", i ? ", " : "");
		bp_out_cell(f, id, -1);
		w += iw;
	}
}

/* Order-by time, then SKU: the parts desk works down the list. */
static const struct bp_shop *sort_shop;
static const struct bp_reorder *sort_r;

static int line_cmp(const void *a, const void *b)
{
	const struct bp_reorder_line *x = &sort_r->lines[*(const int *)a];
	const struct bp_reorder_line *y = &sort_r->lines[*(const int *)b];
	if (x->order_day != y->order_day)
		return x->order_day < y->order_day ? -1 : 1;
	if (x->order_min != y->order_min)
		return x->order_min < y->order_min ? -1 : 1;
	int c = strcmp(sort_shop->parts[x->part].sku, sort_shop->parts[y->part].sku);
	if (c)
		return c;
	return *(const int *)a - *(const int *)b;
}

/* Indexes of r's lines in order-by order; NULL when out of memory (the
 * caller then writes them as they come). */
static int *line_order(const struct bp_shop *s, const struct bp_reorder *r)
{
	int *o = malloc(((size_t)r->nlines + 1) * sizeof *o);
	if (!o)
		return NULL;
	for (int i = 0; i < r->nlines; i++)
		o[i] = i;
	sort_shop = s;
	sort_r = r;
	qsort(o, (size_t)r->nlines, sizeof *o, line_cmp);
	return o;
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
		fprintf(f, "%-16s %-16s  %-16s %-22s %6s  %-12s %10s  %s\n", "ORDER BY", "SKU",
			"ARRIVES", "NAME", "QTY", "REASON", "COST", "JOBS");
		int *o = line_order(s, r);
		for (int i = 0; i < r->nlines; i++) {
			const struct bp_reorder_line *l = &r->lines[o ? o[i] : i];
			const struct bp_part *p = &s->parts[l->part];
			bp_datetime_format(l->order_day, l->order_min, a, sizeof a);
			bp_datetime_format(l->arrive_day, l->arrive_min, b, sizeof b);
			fprintf(f, "%-16s ", a);
			bp_out_cell(f, p->sku, 16);
			fprintf(f, "  %-16s ", b);
			bp_out_cell(f, p->name, 22);
			fprintf(f, " %6d  %-12s %10.2f%s", l->qty, bp_reorder_reason_name(l->reason),
				l->cost, l->njobs ? "  " : "");
			print_jobs_cut(f, s, l->jobs, l->njobs, JOBS_ROOM);
			fputc('\n', f);
		}
		free(o);
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

/* One row of the CSV: the first nine columns as earlier versions wrote
 * them, then the part's name and what the row is: an order line, a job
 * that must move to a later time (kind must_move: the part arrives too
 * late for its booking) or a job left without its part (uncovered). */
static void csv_row(FILE *f, const struct bp_part *p, const char *qty_packs, const char *ob,
		    const char *arr, const char *reason, const char *jobs, const char *cost,
		    const char *kind, const char *job, const char *detail)
{
	bp_csv_field(f, p ? p->sku : "");
	fprintf(f, ",%s,%s,%s,", qty_packs, ob, arr);
	bp_csv_field(f, reason);
	fprintf(f, ",%s,", p ? bp_supply_name(p->supply) : "");
	bp_csv_field(f, jobs);
	fprintf(f, ",%s,", cost);
	bp_csv_field(f, p ? p->name : "");
	fprintf(f, ",%s,", kind);
	bp_csv_field(f, job);
	fputc(',', f);
	bp_csv_field(f, detail);
	bp_csv_end_row(f);
}

static void csv(FILE *f, const struct bp_shop *s, const struct bp_reorder *r)
{
	fputs("sku,qty,packs,order_by,arrives,reason,supply,jobs,cost,name,kind,job,detail", f);
	bp_csv_end_row(f);
	int *o = line_order(s, r);
	for (int i = 0; i < r->nlines; i++) {
		const struct bp_reorder_line *l = &r->lines[o ? o[i] : i];
		char a[20], b[20], qp[32], cost[32];
		bp_datetime_format(l->order_day, l->order_min, a, sizeof a);
		bp_datetime_format(l->arrive_day, l->arrive_min, b, sizeof b);
		snprintf(qp, sizeof qp, "%d,%d", l->qty, l->packs);
		snprintf(cost, sizeof cost, "%.2f", l->cost);
		char *jobs = bp_reorder_line_jobs(s, l);
		csv_row(f, &s->parts[l->part], qp, a, b, bp_reorder_reason_name(l->reason),
			jobs ? jobs : "", cost, "line", "", "");
		free(jobs);
	}
	free(o);
	for (int i = 0; i < r->nrebook; i++) {
		const struct bp_reorder_rebook *m = &r->rebook[i];
		char a[20], b[20], d[12], detail[80];
		bp_datetime_format(m->arrive_day, m->arrive_min, a, sizeof a);
		bp_datetime_format(m->from_day, m->from_min, b, sizeof b);
		bp_date_format(s->jobs[m->job].date, d, sizeof d);
		snprintf(detail, sizeof detail, "booked %s; move it to %s or later", d, b);
		csv_row(f, &s->parts[m->part], ",", "", a, "", "", "", "must_move",
			s->jobs[m->job].id, detail);
	}
	for (int i = 0; i < r->nuncovered; i++)
		csv_row(f, NULL, ",", "", "", "", "", "", "uncovered", s->jobs[r->uncovered[i]].id,
			"no order can bring its part in time");
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

void bp_reorder_write(FILE *f, enum bp_format fmt, const struct bp_shop *s,
		      const struct bp_reorder *r, const struct bp_run *run, long long plan_run)
{
	if (fmt == BP_FMT_CSV)
		csv(f, s, r);
	else if (fmt == BP_FMT_JSON)
		json(f, s, r, run, plan_run);
	else
		table(f, s, r, run, plan_run);
}
