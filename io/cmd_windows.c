/*
 * cmd_windows.c - `bayplan windows --from D [--days N]`: learn from the
 * actuals, tune the appointment windows of each day, write them (and the
 * learned figures) as one run in one transaction, and show the grid.
 * The store's bookings count, less cancelled and no-show ones; a shop
 * holiday offers nothing (solver/windows.h).
 */
#include <stdlib.h>
#include <string.h>

#include "io/cli.h"
#include "io/cmd_util.h"
#include "io/store.h"
#include "io/store_jobs.h"
#include "io/store_windows.h"
#include "io/windows_out.h"
#include "model/day.h"
#include "model/learn.h"
#include "model/timeutil.h"
#include "solver/windows.h"

#define MAX_DAYS 366

struct windows_rows {
	const struct bp_shop *shop;
	const struct bp_windows *windows;
	const struct bp_learned *learned;
};

static int save_rows(struct bp_store *st, long long run_id, void *arg, struct bp_err *err)
{
	const struct windows_rows *r = arg;
	int rc = bp_store_save_windows(st, run_id, r->shop, r->windows, err);
	return rc ? rc : bp_store_save_learned(st, run_id, r->shop, r->learned, err);
}

static int save(struct bp_store *st, const struct bp_shop *s, const struct bp_windows *w,
		const struct bp_learned *l, struct bp_run *run, struct bp_ctx *ctx)
{
	struct windows_rows rows = {s, w, l};
	bp_run_set(run, "windows", w->from, w->status, w->objective, w->bound, w->gap,
		   w->solve_ms);
	return bp_save_run(st, run, save_rows, &rows, &ctx->err);
}

/* Days the time limit did not reach keep the windows the store had for
 * them (never below what is booked); *kept counts the days that had some. */
static int keep_stored(struct bp_store *st, const struct bp_shop *s, struct bp_windows *w,
		       int *kept, struct bp_err *err)
{
	int first = -1;
	*kept = 0;
	for (int d = 0; d < w->days && first < 0; d++)
		if (w->day[d].untuned)
			first = w->day[d].day;
	if (first < 0)
		return BP_OK;
	unsigned char *had = calloc((size_t)w->days, 1);
	if (!had)
		return bp_err_set(err, BP_EINTERNAL, "out of memory");
	int rc = BP_OK;
	for (int c = 0; c < w->nclasses && !rc; c++) {
		struct bp_store_window *rows;
		int n;
		if ((rc = bp_store_class_windows(st, w->classes[c].name, first, &rows, &n, err)))
			break;
		for (int i = 0; i < n; i++) {
			int d = rows[i].date - w->from;
			if (d < 0 || d >= w->days || !w->day[d].untuned)
				continue;
			for (int win = 0; win < w->nwindows; win++) {
				struct bp_wcell *x = bp_windows_cell(w, d, win, c);
				if (s->windows[win].start != rows[i].span.start)
					continue;
				if (rows[i].capacity > x->capacity)
					x->capacity = rows[i].capacity;
				had[d] = 1;
			}
		}
		free(rows);
	}
	for (int d = 0; d < w->days; d++)
		*kept += had[d];
	free(had);
	return rc;
}

/* Days the time limit did not reach, named in ranges. */
static void untuned(struct bp_ctx *ctx, const struct bp_windows *w, int kept)
{
	char list[400] = "";
	size_t len = 0;
	int shown = 0;
	if (!w->untuned)
		return;
	for (int d = 0; d < w->days; d++) {
		if (!w->day[d].untuned || (d && w->day[d - 1].untuned))
			continue;
		int e = d;
		while (e + 1 < w->days && w->day[e + 1].untuned)
			e++;
		char a[12], b[12];
		bp_date_format(w->day[d].day, a, sizeof a);
		bp_date_format(w->day[e].day, b, sizeof b);
		if (shown++ == 4) {
			len += (size_t)snprintf(list + len, sizeof list - len, ", ...");
			break;
		}
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s%s%s", shown > 1 ? ", " : "",
					a, e > d ? " to " : "", e > d ? b : "");
		if (len >= sizeof list)
			break;
	}
	bp_warn(ctx, "bayplan windows: warning: the time limit ended the search before %d of "
		"the %d days (%s): %s; run 'bayplan windows' for them again with a longer "
		"--time-limit\n", w->untuned, w->days, list,
		kept == w->untuned ? "they keep the windows stored for them before"
		: kept ? "those with windows stored before keep them, the others offer only "
			 "what is booked"
		       : "they offer only what is booked");
}

/* What a service manager should hear about on stderr. */
static void report(struct bp_ctx *ctx, const struct bp_shop *s, const struct bp_windows *w,
		   const struct bp_learned *l, int kept)
{
	for (int i = 0; i < l->ntechs; i++) {
		const struct bp_learned_tech *r = &l->tech[i];
		if (r->service < 0 && r->bottleneck)
			bp_progress(ctx, "windows: %s runs %.2fx their peers on the same work "
					 "(%d jobs): a training signal\n",
				    s->techs[r->tech].id, r->ratio, r->samples);
	}
	for (int d = 0; d < w->days; d++) {
		char day[12], span[16], why[BP_NAME_LEN];
		bp_date_format(w->day[d].day, day, sizeof day);
		if (bp_day_closed(s, w->day[d].day, why, sizeof why)) {
			int n = 0;
			for (int i = 0; i < w->nwindows * w->nclasses; i++)
				n += bp_windows_cell(w, d, i / w->nclasses, i % w->nclasses)->booked;
			/* With bookings there it is a warning; without, a note. */
			if (n)
				bp_warn(ctx, "bayplan windows: warning: %s is a shop holiday%s%s: "
					"nothing is offered; %d booking%s there %s kept (move %s)\n",
					day, why[0] ? ", " : "", why, n, n == 1 ? "" : "s",
					n == 1 ? "is" : "are", n == 1 ? "it" : "them");
			else
				bp_progress(ctx, "bayplan windows: %s is a shop holiday%s%s: nothing "
					    "is offered\n", day, why[0] ? ", " : "", why);
			continue;
		}
		for (int win = 0; win < w->nwindows; win++) {
			bp_span_format(s->windows[win], span, sizeof span);
			for (int c = 0; c < w->nclasses; c++) {
				const struct bp_wcell *x = bp_windows_cell(w, d, win, c);
				if (x->over)
					bp_warn(ctx, "bayplan windows: warning: %s %s %s: %d booked, "
						"the work of %d does not fit the technicians and "
						"bays; the bookings are kept\n", day, span,
						w->classes[c].name, x->booked, x->over);
			}
			if (w->day[d].checkins_over[win])
				bp_warn(ctx, "bayplan windows: warning: %s %s: %d check-ins "
					"booked above what the advisors can take (%d)\n", day, span,
					w->day[d].checkins_over[win], w->day[d].checkins[win]);
		}
		const struct bp_wday *Y = &w->day[d];
		if (Y->checkins_day_over)
			bp_warn(ctx, "bayplan windows: warning: %s: %d check-ins booked above the "
				"advisors' day (%d advisors, at most %d each by policy)\n", day,
				Y->checkins_day_over, s->info.advisors, s->policy.advisor_day_max);
		if (Y->loans_booked > Y->loan_cars)
			bp_warn(ctx, "bayplan windows: warning: %s: the bookings have %d loan "
				"cars out at once; the shop has %d\n", day, Y->loans_booked,
				Y->loan_cars);
		if (Y->techs_off || Y->bays_down)
			bp_progress(ctx, "windows: %s: %d technician%s off and %d bay%s closed "
					 "for the day (roster, shop close)\n", day, Y->techs_off,
				    Y->techs_off == 1 ? "" : "s", Y->bays_down,
				    Y->bays_down == 1 ? "" : "s");
	}
	untuned(ctx, w, kept);
	if (w->status == BP_RUN_TIME_LIMIT && !w->untuned)
		bp_warn(ctx, "bayplan windows: warning: the time limit ended the search; "
				   "the windows are within %.2f%% of the best\n", 100 * w->gap);
}

int bp_cmd_windows(int argc, char **argv, struct bp_ctx *ctx)
{
	const char *from = NULL, *durations = NULL;
	int days = 7;
	struct bp_opt opts[] = {
		BP_STR_OPT("from", &from, "D", "the first day (YYYY-MM-DD)"),
		BP_INT_OPT("days", &days, "N", "days to tune (default 7)"),
		BP_STR_OPT("durations", &durations, "KIND", "standard (the shop's minutes) or "
			   "learned (from the actuals; the default)"),
	};
	char *pos[1];
	int npos, day0;
	/* The time limit covers the whole command: reading the store and
	 * learning are paid out of it. */
	double t0 = bp_clock();
	int rc = bp_parse_opts(argc, argv, opts, BP_NOPTS(opts), pos, 0, &npos, &ctx->err);
	if (rc)
		return rc;
	if (!from)
		return bp_err_set(&ctx->err, BP_EUSAGE, "windows needs --from YYYY-MM-DD");
	if ((rc = bp_opt_date("from", from, &day0, &ctx->err)))
		return rc;
	if (days < 1 || days > MAX_DAYS)
		return bp_err_set(&ctx->err, BP_EUSAGE, "--days is 1 to %d, not %d", MAX_DAYS,
				  days);
	if (durations && strcmp(durations, "standard") && strcmp(durations, "learned"))
		return bp_err_set(&ctx->err, BP_EUSAGE,
				  "--durations is standard or learned, not '%s'", durations);
	if (ctx->format == BP_FMT_ICS)
		return bp_err_set(&ctx->err, BP_EUSAGE,
				  "windows writes table, csv or json; ics is for plan");
	int learned = !durations || !strcmp(durations, "learned");

	struct bp_store *st = NULL;
	struct bp_shop shop, tuned;
	struct bp_learned l;
	struct bp_windows w;
	struct bp_run run;
	memset(&l, 0, sizeof l);
	memset(&w, 0, sizeof w);
	bp_shop_init(&tuned);
	if ((rc = bp_open_shop(ctx, &st, &shop)))
		return rc;
	if (!shop.nwindows) {
		rc = bp_err_set(&ctx->err, BP_EDATA, "the shop has no window templates "
				"(windows: [...] in the shop file); nothing to tune");
		goto out;
	}
	if ((rc = bp_learn(&shop, NULL, &l, &ctx->err)))
		goto out;
	if (learned)
		rc = bp_learn_copy(&tuned, &shop, &l, &ctx->err);
	else if (bp_shop_copy(&tuned, &shop) < 0)
		rc = bp_err_set(&ctx->err, BP_EINTERNAL, "out of memory");
	if (rc)
		goto out;
	bp_progress(ctx, "windows: %s, %d days; %d past jobs (%d usable durations), %s "
			 "durations (%d figures differ from the standard)\n", from, days,
		    shop.nactuals, l.used, learned ? "learned" : "standard", l.changed);
	struct bp_windows_opts wo;
	bp_windows_opts_init(&wo);
	/* What the save and the output need is kept back: the store's
	 * transaction and the grid take a few tens of milliseconds. */
	wo.time_limit = ctx->time_limit - (bp_clock() - t0) - 0.05;
	if (wo.time_limit < 0.01)
		wo.time_limit = 0.01;
	wo.progress = bp_report_progress;
	wo.progress_arg = ctx;
	if (ctx->gap >= 0 && ctx->gap < 1)
		wo.gap = ctx->gap;
	bp_stop_catch();
	rc = bp_windows_solve(&tuned, &l, day0, days, &wo, &w, &ctx->err);
	bp_stop_release();
	if (rc)
		goto out;
	/* A stop keeps the store as it was rather than storing half-tuned
	 * days: the booking front-end reads the latest windows run, and a
	 * run nobody wanted finished should not become it. */
	if (bp_stop_signal()) {
		rc = bp_stop_err(&ctx->err, bp_stop_signal(), "nothing was stored; the "
				 "booking front-end keeps the windows of the latest run");
		goto out;
	}
	bp_progress(ctx, "windows: %d classes x %d windows a day; %s in %ld ms (largest day: "
			 "%d rows, %d columns); demand from %d days of history\n",
		    w.nclasses, w.nwindows, bp_run_status_name(w.status), w.solve_ms, w.rows,
		    w.cols, w.history_days);
	if (w.status == BP_RUN_FAILED) {
		rc = bp_err_set(&ctx->err, BP_ENOSOLVE, "the windows program found no answer; "
				"the store keeps the windows it had");
		goto out;
	}
	int kept = 0;
	if ((rc = keep_stored(st, &shop, &w, &kept, &ctx->err)))
		goto out;
	report(ctx, &shop, &w, &l, kept);
	if ((rc = save(st, &shop, &w, &l, &run, ctx)))
		goto out;
	bp_windows_write(ctx->out, ctx->format, &shop, &w, &l, &run, learned);
out:
	bp_windows_free(&w);
	bp_learned_free(&l);
	bp_shop_free(&tuned);
	bp_shop_free(&shop);
	bp_store_close(st);
	return rc;
}
