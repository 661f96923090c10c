/*
 * cmd_shop.c - `bayplan shop close|list`: a shop holiday, the shop closed
 * for part of a day, or one bay's downtime, each one transaction with its
 * events row (record: the date, or the bay id for a bay); and the list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/cli.h"
#include "io/cmd_util.h"
#include "io/out.h"
#include "io/records.h"
#include "io/store_events.h"
#include "io/store_roster.h"
#include "model/day.h"
#include "model/timeutil.h"

static void bay_ids(const struct bp_shop *s, char *buf, size_t n)
{
	size_t at = 0;
	buf[0] = 0;
	for (int b = 0; b < s->nbays; b++) {
		size_t len = strlen(s->bays[b].id);
		if (at + len + 8 > n) {
			snprintf(buf + at, n - at, ", ...");
			return;
		}
		at += (size_t)snprintf(buf + at, n - at, "%s%s", b ? ", " : "", s->bays[b].id);
	}
}

/* "all day" or "from 12:00 to 14:00". */
static void when_txt(const struct bp_closure *c, char *buf, size_t n)
{
	char a[8], b[8];
	if (c->whole) {
		snprintf(buf, n, "all day");
		return;
	}
	bp_time_format(c->span.start, a, sizeof a);
	bp_time_format(c->span.end, b, sizeof b);
	snprintf(buf, n, "from %s to %s", a, b);
}

static char *closure_json(const struct bp_shop *s, const struct bp_closure *c)
{
	char day[12], a[8], b[8];
	bp_date_format(c->date, day, sizeof day);
	bp_time_format(c->span.start, a, sizeof a);
	bp_time_format(c->span.end, b, sizeof b);
	return bp_flat_json("sssss", "date", day, "bay", c->bay >= 0 ? s->bays[c->bay].id : NULL,
			    "from", c->whole ? NULL : a, "to", c->whole ? NULL : b, "reason",
			    c->reason);
}

struct close_args {
	const char *date, *bay, *from, *to, *reason;
	int day, from_m, to_m;
};

/* A closure the shop already has that the new one repeats or overlaps:
 * the same scope (the whole shop, or the same bay) at overlapping times;
 * and nothing more can close on a holiday. A holiday over earlier partial
 * closures is taken: it covers them. */
static int check(const struct bp_shop *s, const struct close_args *a, struct bp_closure *c,
		 struct bp_err *err)
{
	char known[300], x[8], y[8], o[8], m[8], w[32];
	memset(c, 0, sizeof *c);
	c->date = a->day;
	c->bay = -1;
	c->whole = !a->from;
	c->span.start = a->from ? a->from_m : 0;
	c->span.end = a->to ? a->to_m : 24 * 60;
	snprintf(c->reason, sizeof c->reason, "%s", a->reason ? a->reason : "");
	if (a->bay && (c->bay = bp_shop_bay(s, a->bay)) < 0) {
		bay_ids(s, known, sizeof known);
		return bp_err_set(err, BP_EDATA, "there is no bay '%s' (the bays are %s)", a->bay,
				  known);
	}
	bp_time_format(c->span.start, x, sizeof x);
	bp_time_format(c->span.end, y, sizeof y);
	if (!c->whole && c->span.end <= c->span.start)
		return bp_err_set(err, BP_EDATA, "the closure ends at %s, not after it starts at %s",
				  y, x);
	int last = s->info.close + s->info.overtime_minutes;
	if (!c->whole && (c->span.end <= s->info.open || c->span.start >= last)) {
		bp_time_format(s->info.open, o, sizeof o);
		bp_time_format(last, m, sizeof m);
		return bp_err_set(err, BP_EDATA, "the shop works %s-%s (overtime included); a "
				  "closure from %s to %s closes nothing", o, m, x, y);
	}
	char reason[BP_NAME_LEN];
	if (bp_day_closed(s, a->day, reason, sizeof reason))
		return bp_err_set(err, BP_EDATA, "the shop is already closed all day on %s%s%s%s",
				  a->date, reason[0] ? " (" : "", reason, reason[0] ? ")" : "");
	for (int i = 0; i < s->nclosures; i++) {
		const struct bp_closure *e = &s->closures[i];
		if (e->date != a->day || e->bay != c->bay)
			continue;
		if (c->bay < 0 && c->whole)
			continue;
		struct bp_span es = e->whole ? (struct bp_span){0, 24 * 60} : e->span;
		if (!bp_span_overlaps(es, c->span))
			continue;
		when_txt(e, w, sizeof w);
		if (c->bay >= 0)
			return bp_err_set(err, BP_EDATA, "bay %s is already down on %s %s", a->bay,
					  a->date, w);
		return bp_err_set(err, BP_EDATA, "the shop is already closed on %s %s", a->date, w);
	}
	return BP_OK;
}

/* A holiday keeps the day's bookings: plan reports them as closed. */
static void warn_bookings(struct bp_ctx *ctx, const struct bp_shop *s, const struct bp_closure *c,
			  const char *date)
{
	int n = 0;
	if (c->bay >= 0 || !c->whole)
		return;
	for (int i = 0; i < s->njobs; i++) {
		const struct bp_job *j = &s->jobs[i];
		n += j->date == c->date &&
		     (j->status == BP_JOB_BOOKED || j->status == BP_JOB_IN_PROGRESS);
	}
	if (n)
		bp_warn(ctx, "bayplan shop: warning: %d booking%s on %s %s kept; 'plan' will "
			"report %s as closed (move %s with 'bayplan job move')\n", n,
			n == 1 ? "" : "s", date, n == 1 ? "is" : "are", n == 1 ? "it" : "them",
			n == 1 ? "it" : "them");
}

static int shop_close(int argc, char **argv, struct bp_ctx *ctx)
{
	struct close_args a = {0};
	struct bp_opt opts[] = {
		BP_STR_OPT("date", &a.date, "D", "the day (YYYY-MM-DD); alone, a holiday: the whole "
			   "shop, all day (bookings are kept; plan reports them as closed)"),
		BP_STR_OPT("bay", &a.bay, "ID", "only this bay is down"),
		BP_STR_OPT("from", &a.from, "HH:MM", "closed from this time (with --to)"),
		BP_STR_OPT("to", &a.to, "HH:MM", "closed until this time (with --from)"),
		BP_STR_OPT("reason", &a.reason, "TEXT", "why (shown by plan and shop list)"),
	};
	char *pos[1];
	int npos;
	int rc = bp_parse_opts(argc, argv, opts, BP_NOPTS(opts), pos, 0, &npos, &ctx->err);
	if (rc)
		return rc;
	if (!a.date)
		return bp_err_set(&ctx->err, BP_EUSAGE, "shop close needs --date YYYY-MM-DD");
	if (!a.from != !a.to)
		return bp_err_set(&ctx->err, BP_EUSAGE, "--from and --to go together (neither: all "
				  "day)");
	if ((rc = bp_opt_date("date", a.date, &a.day, &ctx->err)) ||
	    (a.from && (rc = bp_opt_time("from", a.from, &a.from_m, &ctx->err))) ||
	    (a.to && (rc = bp_opt_time("to", a.to, &a.to_m, &ctx->err))))
		return rc;
	if (a.reason && strlen(a.reason) >= BP_NAME_LEN)
		return bp_err_set(&ctx->err, BP_EUSAGE, "--reason is at most %d bytes",
				  BP_NAME_LEN - 1);

	struct bp_store *st;
	struct bp_shop shop;
	struct bp_closure c;
	char day[12];
	if ((rc = bp_write_open(ctx, &st, &shop)))
		return rc;
	bp_date_format(a.day, day, sizeof day);
	if (!(rc = check(&shop, &a, &c, &ctx->err))) {
		char *after = closure_json(&shop, &c);
		if (!after)
			rc = bp_err_set(&ctx->err, BP_EINTERNAL, "out of memory");
		else if (!(rc = bp_store_closure_add(st, &shop, &c, &ctx->err)))
			rc = bp_store_event(st, "shop close", BP_EV_CLOSURE,
					    c.bay >= 0 ? shop.bays[c.bay].id : day, NULL, after,
					    &ctx->err);
		free(after);
	}
	rc = bp_write_end(ctx, st, rc);
	if (!rc) {
		char w[32];
		when_txt(&c, w, sizeof w);
		if (c.bay >= 0)
			fprintf(ctx->out, "Bay %s is down on %s %s", a.bay, day, w);
		else if (c.whole)
			fprintf(ctx->out, "The shop is closed on %s (a holiday)", day);
		else
			fprintf(ctx->out, "The shop is closed on %s %s", day, w);
		fprintf(ctx->out, "%s%s\n", c.reason[0] ? ": " : "", c.reason);
		warn_bookings(ctx, &shop, &c, day);
	}
	bp_write_close(st, &shop);
	return rc;
}

static int by_date(const void *x, const void *y)
{
	const struct bp_closure *a = *(const struct bp_closure *const *)x;
	const struct bp_closure *b = *(const struct bp_closure *const *)y;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if (a->bay != b->bay)
		return a->bay < b->bay ? -1 : 1;
	return a < b ? -1 : a > b;
}

static void list_out(FILE *f, enum bp_format fmt, const struct bp_shop *s,
		     const struct bp_closure **rows, int n)
{
	struct bp_json j;
	if (fmt == BP_FMT_JSON) {
		bp_json_init(&j, f);
		bp_json_arr(&j, NULL);
	} else if (fmt == BP_FMT_CSV) {
		fputs("date,bay,from,to,reason", f);
		bp_csv_end_row(f);
	} else if (n) {
		fprintf(f, "%-10s  %-8s  %-5s  %-5s  %s\n", "DATE", "BAY", "FROM", "TO", "REASON");
	} else {
		fprintf(f, "No closures.\n");
	}
	for (int i = 0; i < n; i++) {
		const struct bp_closure *c = rows[i];
		char day[12], a[8] = "", b[8] = "";
		bp_date_format(c->date, day, sizeof day);
		if (!c->whole) {
			bp_time_format(c->span.start, a, sizeof a);
			bp_time_format(c->span.end, b, sizeof b);
		}
		const char *bay = c->bay >= 0 ? s->bays[c->bay].id : NULL;
		if (fmt == BP_FMT_JSON) {
			bp_json_obj(&j, NULL);
			bp_json_str(&j, "date", day);
			bp_json_str(&j, "bay", bay);
			bp_json_str(&j, "from", c->whole ? NULL : a);
			bp_json_str(&j, "to", c->whole ? NULL : b);
			bp_json_str(&j, "reason", c->reason);
			bp_json_end(&j);
		} else if (fmt == BP_FMT_CSV) {
			const char *v[5] = {day, bay ? bay : "", a, b, c->reason};
			for (int k = 0; k < 5; k++) {
				if (k)
					fputc(',', f);
				bp_csv_field(f, v[k]);
			}
			bp_csv_end_row(f);
		} else {
			fprintf(f, "%-10s  ", day);
			bp_out_cell(f, bay ? bay : "(shop)", 8);
			fprintf(f, "  %-5s  %-5s  ", c->whole ? "all" : a, c->whole ? "day" : b);
			bp_out_cell(f, c->reason, -1);
			fputc('\n', f);
		}
	}
	if (fmt == BP_FMT_JSON) {
		bp_json_end(&j);
		fputc('\n', f);
	}
}

static int shop_list(int argc, char **argv, struct bp_ctx *ctx)
{
	const char *date = NULL;
	struct bp_opt opts[] = {BP_STR_OPT("date", &date, "D", "only the closures of that day")};
	char *pos[1];
	int npos, day = -1;
	int rc = bp_parse_opts(argc, argv, opts, BP_NOPTS(opts), pos, 0, &npos, &ctx->err);
	if (rc || (date && (rc = bp_opt_date("date", date, &day, &ctx->err))))
		return rc;
	struct bp_store *st = NULL;
	struct bp_shop shop;
	if ((rc = bp_open_shop(ctx, &st, &shop)))
		return rc;
	const struct bp_closure **rows = malloc(((size_t)shop.nclosures + 1) * sizeof *rows);
	int n = 0;
	if (!rows) {
		rc = bp_err_set(&ctx->err, BP_EINTERNAL, "out of memory");
	} else {
		for (int i = 0; i < shop.nclosures; i++)
			if (day < 0 || shop.closures[i].date == day)
				rows[n++] = &shop.closures[i];
		qsort(rows, (size_t)n, sizeof *rows, by_date);
		list_out(ctx->out, ctx->format, &shop, rows, n);
	}
	free(rows);
	bp_shop_free(&shop);
	bp_store_close(st);
	return rc;
}

static const struct bp_verb verbs[] = {
	{"close", shop_close, "close --date D [--bay ID] [--from HH:MM --to HH:MM] [--reason TEXT]",
	 "the shop closed on a day (a holiday) or part of it, or one bay down."},
	{"list", shop_list, "list [--date D]", "the closures (--format table, csv or json)."},
};

int bp_cmd_shop(int argc, char **argv, struct bp_ctx *ctx)
{
	return bp_run_verb("shop", verbs, BP_NVERBS(verbs), argc, argv, ctx);
}
