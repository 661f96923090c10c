/*
 * whatif_out.c - the comparison `bayplan whatif` prints (whatif_int.h): a
 * table with each KPI's difference to the base, CSV with a value and a
 * difference column per variant, JSON with every column's KPIs and diffs.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/out.h"
#include "io/plan_out.h"
#include "io/whatif_int.h"

/* ---- the comparison ---- */

enum vkind { V_INT, V_NUM, V_PCT, V_MONEY, V_TEXT };

struct row {
	char key[64];                  /* for CSV and JSON */
	char label[64];                /* for the table */
	enum vkind kind;
	int what, arg;
};

enum {
	K_JOBS, K_DONE, K_DONE_TIER, K_WDONE, K_WDONE_TIER, K_UNSCHED, K_BAY_UTIL, K_TECH_UTIL,
	K_TECH_UTIL_LEVEL, K_OVERTIME, K_LATE_MIN, K_LATE_JOBS, K_OVERQUAL, K_WAIT, K_REORDER,
	K_BLOCKED, K_PARTS_DAYS, K_HELD, K_STATUS, K_GAP
};

static int add_row(struct row *rows, int n, const char *key, const char *label,
		   enum vkind kind, int what, int arg)
{
	struct row *r = &rows[n];
	snprintf(r->key, sizeof r->key, "%s", key);
	snprintf(r->label, sizeof r->label, "%s", label);
	r->kind = kind;
	r->what = what;
	r->arg = arg;
	return n + 1;
}

/* The rows, in the order the table shows them. Bay types are the base's:
 * scenarios add and remove bays, never bay types. */
static int build_rows(const struct bp_shop *s, struct row *rows)
{
	static const char *lv[] = {"", "junior", "intermediate", "senior"};
	char key[64], label[64];
	int n = 0;
	n = add_row(rows, n, "jobs", "jobs booked", V_INT, K_JOBS, 0);
	n = add_row(rows, n, "done", "jobs done", V_INT, K_DONE, 0);
	for (int t = 0; t < BP_TIERS; t++) {
		snprintf(key, sizeof key, "done.%s", bp_tier_name((enum bp_tier)t));
		snprintf(label, sizeof label, "  %s", bp_tier_name((enum bp_tier)t));
		n = add_row(rows, n, key, label, V_INT, K_DONE_TIER, t);
	}
	n = add_row(rows, n, "weighted_done", "weighted jobs done", V_NUM, K_WDONE, 0);
	for (int t = 0; t < BP_TIERS; t++) {
		snprintf(key, sizeof key, "weighted_done.%s", bp_tier_name((enum bp_tier)t));
		snprintf(label, sizeof label, "  %s", bp_tier_name((enum bp_tier)t));
		n = add_row(rows, n, key, label, V_NUM, K_WDONE_TIER, t);
	}
	for (int r = 0; r < BP_REASONS; r++) {
		snprintf(key, sizeof key, "unscheduled.%s", bp_reason_name((enum bp_reason)r));
		snprintf(label, sizeof label, "%s %s", r ? "              " : "unscheduled:",
			 bp_reason_name((enum bp_reason)r));
		n = add_row(rows, n, key, label, V_INT, K_UNSCHED, r);
	}
	for (int b = 0; b < s->nbay_types; b++) {
		snprintf(key, sizeof key, "bay_util.%.40s", s->bay_types[b].id);
		snprintf(label, sizeof label, "%s %.40s", b ? "              " : "bay util.:",
			 s->bay_types[b].id);
		n = add_row(rows, n, key, label, V_PCT, K_BAY_UTIL, b);
	}
	n = add_row(rows, n, "tech_util", "technician util.", V_PCT, K_TECH_UTIL, 0);
	for (int l = 1; l <= BP_LEVELS; l++) {
		snprintf(key, sizeof key, "tech_util.%s", lv[l]);
		snprintf(label, sizeof label, "  %s", lv[l]);
		n = add_row(rows, n, key, label, V_PCT, K_TECH_UTIL_LEVEL, l);
	}
	n = add_row(rows, n, "overtime_minutes", "overtime minutes", V_INT, K_OVERTIME, 0);
	n = add_row(rows, n, "late_minutes", "late minutes", V_INT, K_LATE_MIN, 0);
	n = add_row(rows, n, "late_jobs", "late jobs", V_INT, K_LATE_JOBS, 0);
	n = add_row(rows, n, "overqualified_minutes", "over-qualified level-min", V_INT,
		    K_OVERQUAL, 0);
	n = add_row(rows, n, "avg_wait_minutes", "avg wait, waiting (min)", V_NUM, K_WAIT, 0);
	n = add_row(rows, n, "reorder_cost", "reorder cost", V_MONEY, K_REORDER, 0);
	n = add_row(rows, n, "blocked_by_parts", "jobs blocked by parts", V_INT, K_BLOCKED, 0);
	n = add_row(rows, n, "parts_wait_days", "  days until parts (avg)", V_NUM, K_PARTS_DAYS,
		    0);
	n = add_row(rows, n, "held_for_parts", "jobs held for a delivery", V_INT, K_HELD, 0);
	n = add_row(rows, n, "status", "solve status", V_TEXT, K_STATUS, 0);
	n = add_row(rows, n, "gap", "gap", V_PCT, K_GAP, 0);
	return n;
}

#define MAX_ROWS (32 + BP_MAX_BAY_TYPES)

/* Scheduled jobs whose start waited for a part to arrive. */
static int held_for_parts(const struct wi_column *c)
{
	int n = 0;
	for (int i = 0; i < c->plan.nassign; i++) {
		const struct bp_assignment *a = &c->plan.assign[i];
		if (a->parts_ready >= 0 && a->parts_ready > bp_job_arrival(&c->shop.jobs[a->job]))
			n++;
	}
	return n;
}

/* Blocked jobs: days from the plan's date to the earliest date their parts
 * allow (what a longer supplier lead time moves). */
static int parts_days(const struct wi_column *c, double *v)
{
	int n = 0;
	double sum = 0;
	for (int i = 0; i < c->plan.nunsched; i++) {
		const struct bp_unscheduled *u = &c->plan.unsched[i];
		if (u->reason == BP_REASON_PARTS && u->earliest_date >= 0) {
			sum += u->earliest_date - c->plan.date;
			n++;
		}
	}
	*v = n ? sum / n : 0;
	return n > 0;
}

/* The value of row r in column c; 0 when there is none (a failed solve,
 * reorder cost before the reorder library). */
static int value(const struct wi_column *c, const struct row *r, double *v)
{
	const struct bp_kpis *k = &c->plan.kpi;
	const struct bp_policy *pol = &c->shop.policy;
	*v = 0;
	if (c->rc && r->what != K_STATUS)
		return 0;
	switch (r->what) {
	case K_JOBS: *v = k->jobs; break;
	case K_DONE: *v = k->done; break;
	case K_DONE_TIER: *v = k->done_by_tier[r->arg]; break;
	case K_WDONE: *v = k->weighted_done; break;
	case K_WDONE_TIER: *v = k->done_by_tier[r->arg] * pol->tier_weight[r->arg]; break;
	case K_UNSCHED: *v = k->unscheduled_by_reason[r->arg]; break;
	case K_BAY_UTIL: *v = k->bay_util[r->arg]; break;
	case K_TECH_UTIL: *v = k->tech_util; break;
	case K_TECH_UTIL_LEVEL: *v = k->tech_util_by_level[r->arg]; break;
	case K_OVERTIME: *v = k->overtime_minutes; break;
	case K_LATE_MIN: *v = k->late_minutes; break;
	case K_LATE_JOBS: *v = k->late_jobs; break;
	case K_OVERQUAL: *v = k->overqualified_minutes; break;
	case K_WAIT: *v = k->avg_wait_minutes; break;
	case K_REORDER:
		if (isnan(c->reorder_cost))
			return 0;
		*v = c->reorder_cost;
		break;
	case K_BLOCKED: *v = k->unscheduled_by_reason[BP_REASON_PARTS]; break;
	case K_PARTS_DAYS: return parts_days(c, v);
	case K_HELD: *v = held_for_parts(c); break;
	case K_STATUS: return 1;
	case K_GAP: *v = c->plan.gap; break;
	default: return 0;
	}
	return 1;
}

static const char *status_text(const struct wi_column *c)
{
	return c->rc ? "failed" : bp_run_status_name(c->plan.status);
}

/* "61", "73.3 %", "12.4"; with a base, the difference: "61 (+3)", "(=)". */
static void cell(char *buf, size_t n, const struct wi_column *c, const struct wi_column *base,
		 const struct row *r)
{
	double v, b;
	if (r->kind == V_TEXT) {
		snprintf(buf, n, "%s", status_text(c));
		return;
	}
	if (!value(c, r, &v)) {
		snprintf(buf, n, "n/a");
		return;
	}
	char val[40], d[48] = "";
	double scale = r->kind == V_PCT ? 100 : 1;
	const char *fmt = r->kind == V_INT ? "%.0f" : r->kind == V_MONEY ? "%.2f"
			: r->what == K_GAP ? "%.2f" : "%.1f";
	snprintf(val, sizeof val, fmt, v * scale);
	if (r->kind == V_PCT)
		strcat(val, " %");
	if (base && value(base, r, &b)) {
		char dd[40];
		snprintf(dd, sizeof dd, fmt, (v - b) * scale);
		if (strspn(dd, "-0.") == strlen(dd))
			snprintf(d, sizeof d, " (=)");
		else
			snprintf(d, sizeof d, " (%s%s)", dd[0] == '-' ? "" : "+", dd);
	}
	snprintf(buf, n, "%s%s", val, d);
}

static void write_table(FILE *f, const struct bp_scenario *sc, const struct wi_column *cols,
			int n, const struct row *rows, int nrows, int date)
{
	char day[12], buf[128];
	int width[64];
	bp_date_format(date, day, sizeof day);
	fprintf(f, "WHAT-IF  %s\n", sc->name);
	fprintf(f, "date %s, base %s, %s durations; %d variant%s\n\n", day,
		sc->base[0] ? sc->base : "the store's shop",
		cols[0].plan.learned_durations ? "learned" : "standard", n - 1, n == 2 ? "" : "s");
	for (int c = 0; c < n && c < 64; c++) {
		width[c] = bp_out_width(cols[c].name);
		if (width[c] > 28)
			width[c] = 28;
		for (int r = 0; r < nrows; r++) {
			cell(buf, sizeof buf, &cols[c], c ? &cols[0] : NULL, &rows[r]);
			int w = bp_out_width(buf);
			if (w > width[c])
				width[c] = w;
		}
	}
	bp_out_cell(f, "", 26);
	for (int c = 0; c < n && c < 64; c++) {
		fputs("  ", f);
		bp_out_cell(f, cols[c].name, c == n - 1 ? -1 : width[c]);
	}
	fputc('\n', f);
	for (int r = 0; r < nrows; r++) {
		bp_out_cell(f, rows[r].label, 26);
		for (int c = 0; c < n && c < 64; c++) {
			cell(buf, sizeof buf, &cols[c], c ? &cols[0] : NULL, &rows[r]);
			fputs("  ", f);
			bp_out_cell(f, buf, c == n - 1 ? -1 : width[c]);
		}
		fputc('\n', f);
	}
	int any_reorder = 0;
	for (int c = 0; c < n; c++)
		any_reorder |= !isnan(cols[c].reorder_cost);
	if (!any_reorder)
		fprintf(f, "\nreorder cost: n/a, no column's reorder list could be solved.\n");
	fprintf(f, "runs stored as kind 'whatif':");
	for (int c = 0; c < n; c++)
		fprintf(f, "%s #%lld", c ? "," : "", cols[c].run_id);
	fputc('\n', f);
}

static void num_text(char *buf, size_t n, const struct row *r, double v)
{
	if (r->kind == V_INT)
		snprintf(buf, n, "%.0f", v);
	else
		snprintf(buf, n, "%.6g", v);
}

static void write_csv(FILE *f, const struct wi_column *cols, int n, const struct row *rows,
		      int nrows)
{
	char buf[160];
	bp_csv_field(f, "kpi");
	for (int c = 0; c < n; c++) {
		fputc(',', f);
		bp_csv_field(f, cols[c].name);
		if (c) {
			snprintf(buf, sizeof buf, "%s vs base", cols[c].name);
			fputc(',', f);
			bp_csv_field(f, buf);
		}
	}
	bp_csv_end_row(f);
	for (int r = 0; r < nrows; r++) {
		double v, b;
		bp_csv_field(f, rows[r].key);
		for (int c = 0; c < n; c++) {
			fputc(',', f);
			int has = value(&cols[c], &rows[r], &v);
			if (rows[r].kind == V_TEXT)
				bp_csv_field(f, status_text(&cols[c]));
			else if (has) {
				num_text(buf, sizeof buf, &rows[r], v);
				fputs(buf, f);
			}
			if (!c)
				continue;
			fputc(',', f);
			if (rows[r].kind != V_TEXT && has && value(&cols[0], &rows[r], &b)) {
				num_text(buf, sizeof buf, &rows[r], v - b);
				fputs(buf, f);
			}
		}
		bp_csv_end_row(f);
	}
}

static void json_value(struct bp_json *j, const struct row *r, int has, double v)
{
	if (!has)
		bp_json_null(j, r->key);
	else if (r->kind == V_INT)
		bp_json_int(j, r->key, (long long)llround(v));
	else
		bp_json_num(j, r->key, v);
}

static void write_json(FILE *f, const struct bp_scenario *sc, const struct wi_column *cols, int n,
		       const struct row *rows, int nrows, int date)
{
	struct bp_json j;
	char day[12];
	bp_date_format(date, day, sizeof day);
	bp_json_init(&j, f);
	bp_json_obj(&j, NULL);
	bp_json_str(&j, "scenario", sc->name);
	bp_json_str(&j, "file", sc->file);
	bp_json_str(&j, "base", sc->base[0] ? sc->base : NULL);
	bp_json_str(&j, "date", day);
	bp_json_str(&j, "durations", cols[0].plan.learned_durations ? "learned" : "standard");
	bp_json_arr(&j, "columns");
	for (int c = 0; c < n; c++) {
		const struct wi_column *col = &cols[c];
		bp_json_obj(&j, NULL);
		bp_json_str(&j, "name", col->name);
		bp_json_str(&j, "scenario", col->scenario);
		bp_json_int(&j, "run_id", col->run_id);
		bp_json_str(&j, "status", status_text(col));
		if (col->rc)
			bp_json_str(&j, "error", col->err.msg);
		bp_json_num(&j, "objective", col->rc ? NAN : col->plan.objective);
		bp_json_num(&j, "bound", col->rc ? NAN : col->plan.bound);
		bp_json_num(&j, "gap", col->rc ? NAN : col->plan.gap);
		bp_json_int(&j, "solve_ms", col->rc ? 0 : col->plan.solve_ms);
		bp_json_arr(&j, "notes");
		for (int k = 0; k < col->notes.n; k++)
			bp_json_str(&j, NULL, col->notes.msg[k]);
		bp_json_end(&j);
		for (int pass = 0; pass < (c ? 2 : 1); pass++) {
			bp_json_obj(&j, pass ? "diff" : "kpis");
			for (int r = 0; r < nrows; r++) {
				if (rows[r].kind == V_TEXT)
					continue;
				double v, b = 0;
				int has = value(col, &rows[r], &v);
				if (pass)
					has = has && value(&cols[0], &rows[r], &b);
				json_value(&j, &rows[r], has, v - b);
			}
			bp_json_end(&j);
		}
		bp_json_end(&j);
	}
	bp_json_end(&j);
	bp_json_end(&j);
	fputc('\n', f);
}

void bp_wi_write(FILE *f, enum bp_format fmt, const struct bp_scenario *sc,
		 const struct wi_column *cols, int n, int date)
{
	struct row rows[MAX_ROWS];
	int nrows = build_rows(&cols[0].shop, rows);
	if (fmt == BP_FMT_CSV)
		write_csv(f, cols, n, rows, nrows);
	else if (fmt == BP_FMT_JSON)
		write_json(f, sc, cols, n, rows, nrows, date);
	else
		write_table(f, sc, cols, n, rows, nrows, date);
}
