/*
 * cmd_roster.c - `bayplan roster off|shift|list`: a technician's dated
 * absence or shift change, each one transaction with its events row, and
 * the list of them. What `plan` does with them is model/day.c's.
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

/* "T1, T2, ..." into buf, cut with "..." when it does not fit. */
static void tech_ids(const struct bp_shop *s, char *buf, size_t n)
{
	size_t at = 0;
	buf[0] = 0;
	for (int t = 0; t < s->ntechs; t++) {
		size_t len = strlen(s->techs[t].id);
		if (at + len + 8 > n) {
			snprintf(buf + at, n - at, ", ...");
			return;
		}
		at += (size_t)snprintf(buf + at, n - at, "%s%s", t ? ", " : "", s->techs[t].id);
	}
}

static int find_tech(const struct bp_shop *s, const char *id, int *t, struct bp_err *err)
{
	char known[300];
	*t = bp_shop_tech(s, id);
	if (*t >= 0)
		return BP_OK;
	tech_ids(s, known, sizeof known);
	return bp_err_set(err, BP_EDATA, "there is no technician '%s' (the technicians are %s)",
			  id, known);
}

/* The date's shift change of technician t in s->roster, or NULL. */
static const struct bp_roster_change *day_shift(const struct bp_shop *s, int t, int date)
{
	const struct bp_roster_change *found = NULL;
	for (int i = 0; i < s->nroster; i++) {
		const struct bp_roster_change *c = &s->roster[i];
		if (c->tech == t && c->date == date && c->kind == BP_ROSTER_SHIFT)
			found = c;
	}
	return found;
}

/* Technician t's shift on `date`: the date's shift change, else the
 * standing one. */
static struct bp_span shift_on(const struct bp_shop *s, int t, int date)
{
	const struct bp_roster_change *c = day_shift(s, t, date);
	return c ? c->span : s->techs[t].shift;
}

static int holiday(const struct bp_shop *s, int date, const char *tech, struct bp_err *err)
{
	char reason[BP_NAME_LEN], day[12];
	if (!bp_day_closed(s, date, reason, sizeof reason))
		return BP_OK;
	bp_date_format(date, day, sizeof day);
	return bp_err_set(err, BP_EDATA, "the shop is closed on %s%s%s%s: %s is not rostered "
			  "that day", day, reason[0] ? " (" : "", reason, reason[0] ? ")" : "", tech);
}

static char *change_json(const struct bp_shop *s, const struct bp_roster_change *c)
{
	char day[12], a[8], b[8], br[BP_SPANS_TEXT];
	bp_date_format(c->date, day, sizeof day);
	bp_time_format(c->span.start, a, sizeof a);
	bp_time_format(c->span.end, b, sizeof b);
	if (c->kind == BP_ROSTER_OFF)
		return bp_flat_json("sssss", "technician", s->techs[c->tech].id, "date", day, "kind",
				    "off", "from", c->whole ? NULL : a, "to", c->whole ? NULL : b);
	bp_spans_text(c->breaks, c->nbreaks, br, sizeof br);
	return bp_flat_json("ssssss", "technician", s->techs[c->tech].id, "date", day, "kind",
			    "shift", "from", a, "to", b, "breaks", br);
}

/* Write change c (row `id`, 0 = new) and its events row. */
static int record(struct bp_store *st, const struct bp_shop *s, const char *command,
		  long long id, const struct bp_roster_change *old,
		  const struct bp_roster_change *c, struct bp_err *err)
{
	char *before = old ? change_json(s, old) : NULL, *after = change_json(s, c);
	int rc;
	if (!after || (old && !before))
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory");
	else if (!(rc = bp_store_roster_put(st, id, s, c, err)))
		rc = bp_store_event(st, command, BP_EV_ROSTER, s->techs[c->tech].id, before, after,
				    err);
	free(before);
	free(after);
	return rc;
}

/* ---- roster off ---- */

struct off_args {
	const char *tech, *date, *from, *to;
	int day, from_m, to_m;
};

static int off_check(const struct bp_shop *s, const struct off_args *a, int t,
		     struct bp_roster_change *c, struct bp_err *err)
{
	char x[8], y[8], f[8], g[8];
	int rc = holiday(s, a->day, a->tech, err);
	if (rc)
		return rc;
	struct bp_span sh = shift_on(s, t, a->day);
	bp_time_format(sh.start, x, sizeof x);
	bp_time_format(sh.end, y, sizeof y);
	memset(c, 0, sizeof *c);
	c->tech = t;
	c->date = a->day;
	c->kind = BP_ROSTER_OFF;
	c->whole = !a->from && !a->to;
	c->span.start = a->from ? a->from_m : sh.start;
	c->span.end = a->to ? a->to_m : sh.end;
	bp_time_format(c->span.start, f, sizeof f);
	bp_time_format(c->span.end, g, sizeof g);
	if (a->from && a->to && a->to_m <= a->from_m)
		return bp_err_set(err, BP_EDATA, "the absence ends at %s, not after it starts at %s",
				  g, f);
	if (c->span.start < sh.start || c->span.end > sh.end || c->span.end <= c->span.start)
		return bp_err_set(err, BP_EDATA, "%s works %s-%s on %s: an absence from %s to %s "
				  "reaches outside the shift, when %s is not rostered", a->tech, x,
				  y, a->date, a->from ? f : x, a->to ? g : y, a->tech);
	for (int i = 0; i < s->nroster; i++) {
		const struct bp_roster_change *o = &s->roster[i];
		if (o->tech != t || o->date != a->day || o->kind != BP_ROSTER_OFF)
			continue;
		struct bp_span os = o->whole ? sh : o->span;
		if (!bp_span_overlaps(os, c->span))
			continue;
		if (o->whole)
			return bp_err_set(err, BP_EDATA, "%s is already off all day on %s", a->tech,
					  a->date);
		bp_time_format(os.start, x, sizeof x);
		bp_time_format(os.end, y, sizeof y);
		return bp_err_set(err, BP_EDATA, "%s is already off on %s from %s to %s, which "
				  "overlaps %s-%s", a->tech, a->date, x, y, f, g);
	}
	return BP_OK;
}

/* Bookings that asked for a technician who is now off all day are given
 * to anyone qualified by the plan; say so, since the customer was told. */
static void warn_requested(struct bp_ctx *ctx, const struct bp_shop *s, int t, int day,
			   const char *date)
{
	int n = 0;
	for (int i = 0; i < s->njobs; i++) {
		const struct bp_job *j = &s->jobs[i];
		n += j->technician == t && j->date == day &&
		     (j->status == BP_JOB_BOOKED || j->status == BP_JOB_IN_PROGRESS);
	}
	if (n)
		bp_warn(ctx, "bayplan roster: warning: %d booking%s on %s asked for %s; "
			"plan will give %s to another qualified technician\n", n, n == 1 ? "" : "s",
			date, s->techs[t].id, n == 1 ? "it" : "them");
}

static int roster_off(int argc, char **argv, struct bp_ctx *ctx)
{
	struct off_args a = {0};
	struct bp_opt opts[] = {
		BP_STR_OPT("date", &a.date, "D", "the day (YYYY-MM-DD)"),
		BP_STR_OPT("from", &a.from, "HH:MM", "absent from this time (alone: to the end of "
			   "the shift, and the overtime after it)"),
		BP_STR_OPT("to", &a.to, "HH:MM", "absent until this time (alone: from the "
			   "shift's start)"),
	};
	char *pos[1];
	int npos;
	int rc = bp_parse_opts(argc, argv, opts, BP_NOPTS(opts), pos, 1, &npos, &ctx->err);
	if (rc)
		return rc;
	if (npos != 1 || !a.date)
		return bp_err_set(&ctx->err, BP_EUSAGE, "roster off needs a technician and --date: "
				  "roster off TECH --date D [--from HH:MM] [--to HH:MM]");
	a.tech = pos[0];
	if ((rc = bp_opt_date("date", a.date, &a.day, &ctx->err)) ||
	    (a.from && (rc = bp_opt_time("from", a.from, &a.from_m, &ctx->err))) ||
	    (a.to && (rc = bp_opt_time("to", a.to, &a.to_m, &ctx->err))))
		return rc;

	struct bp_store *st;
	struct bp_shop shop;
	struct bp_roster_change c;
	int t;
	if ((rc = bp_write_open(ctx, &st, &shop)))
		return rc;
	if (!(rc = find_tech(&shop, a.tech, &t, &ctx->err)) &&
	    !(rc = off_check(&shop, &a, t, &c, &ctx->err)))
		rc = record(st, &shop, "roster off", 0, NULL, &c, &ctx->err);
	rc = bp_write_end(ctx, st, rc);
	if (!rc) {
		char f[8], g[8];
		bp_time_format(c.span.start, f, sizeof f);
		bp_time_format(c.span.end, g, sizeof g);
		if (c.whole) {
			fprintf(ctx->out, "%s (%s) is off all day on %s\n", a.tech, shop.techs[t].name,
				a.date);
			warn_requested(ctx, &shop, t, a.day, a.date);
		} else {
			fprintf(ctx->out, "%s (%s) is off on %s from %s to %s\n", a.tech,
				shop.techs[t].name, a.date, f, g);
		}
	}
	bp_write_close(st, &shop);
	return rc;
}

/* ---- roster shift ---- */

struct shift_args {
	const char *tech, *date, *shift, *breaks;
	int day;
	struct bp_span span;
	int nbreaks;
	struct bp_span br[BP_MAX_SPANS];
};

/* "HH:MM-HH:MM,..." ("" = none); BP_EUSAGE for what is not a span,
 * BP_EDATA for more than BP_MAX_SPANS. */
static int parse_breaks(const char *text, struct shift_args *a, struct bp_err *err)
{
	char buf[256];
	a->nbreaks = 0;
	if (strlen(text) >= sizeof buf)
		return bp_err_set(err, BP_EUSAGE, "--breaks is too long");
	memcpy(buf, text, strlen(text) + 1);
	for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		struct bp_span x;
		if (bp_span_parse(tok, &x))
			return bp_err_set(err, BP_EUSAGE, "--breaks wants HH:MM-HH:MM,..., and '%s' "
					  "is not HH:MM-HH:MM", tok);
		if (a->nbreaks == BP_MAX_SPANS)
			return bp_err_set(err, BP_EDATA, "a shift has at most %d breaks",
					  BP_MAX_SPANS);
		a->br[a->nbreaks++] = x;
	}
	return BP_OK;
}

static int shift_check(const struct bp_shop *s, struct shift_args *a, int t,
		       struct bp_roster_change *c, struct bp_err *err)
{
	char x[8], y[8], o[8], e[8], m[8];
	int rc = holiday(s, a->day, a->tech, err);
	if (rc)
		return rc;
	bp_time_format(a->span.start, x, sizeof x);
	bp_time_format(a->span.end, y, sizeof y);
	if (a->span.end <= a->span.start)
		return bp_err_set(err, BP_EDATA, "the shift ends at %s, not after it starts at %s", y,
				  x);
	int last = s->info.close + s->info.overtime_minutes;
	if (a->span.start < s->info.open || a->span.end > last) {
		bp_time_format(s->info.open, o, sizeof o);
		bp_time_format(s->info.close, e, sizeof e);
		bp_time_format(last, m, sizeof m);
		return bp_err_set(err, BP_EDATA, "the shop is open %s-%s (until %s with overtime); "
				  "a shift %s-%s is outside that", o, e, m, x, y);
	}
	if (!a->breaks) {
		/* The standing breaks that still fall in the new shift. */
		const struct bp_technician *tc = &s->techs[t];
		a->nbreaks = 0;
		for (int b = 0; b < tc->nbreaks; b++)
			if (tc->breaks[b].start >= a->span.start && tc->breaks[b].end <= a->span.end)
				a->br[a->nbreaks++] = tc->breaks[b];
	}
	for (int b = 0; b < a->nbreaks; b++) {
		char p[8], q[8];
		bp_time_format(a->br[b].start, p, sizeof p);
		bp_time_format(a->br[b].end, q, sizeof q);
		if (a->br[b].end <= a->br[b].start)
			return bp_err_set(err, BP_EDATA, "the break %s-%s ends before it starts", p,
					  q);
		if (a->br[b].start < a->span.start || a->br[b].end > a->span.end)
			return bp_err_set(err, BP_EDATA, "the break %s-%s is outside the shift %s-%s",
					  p, q, x, y);
		for (int k = 0; k < b; k++)
			if (bp_span_overlaps(a->br[k], a->br[b]))
				return bp_err_set(err, BP_EDATA, "the break %s-%s overlaps another "
						  "break", p, q);
	}
	/* An absence already recorded must stay inside the day's shift. */
	for (int i = 0; i < s->nroster; i++) {
		const struct bp_roster_change *r = &s->roster[i];
		if (r->tech != t || r->date != a->day || r->kind != BP_ROSTER_OFF || r->whole)
			continue;
		if (r->span.start < a->span.start || r->span.end > a->span.end) {
			char p[8], q[8];
			bp_time_format(r->span.start, p, sizeof p);
			bp_time_format(r->span.end, q, sizeof q);
			return bp_err_set(err, BP_EDATA, "%s is off on %s from %s to %s, outside the "
					  "shift %s-%s", a->tech, a->date, p, q, x, y);
		}
	}
	memset(c, 0, sizeof *c);
	c->tech = t;
	c->date = a->day;
	c->kind = BP_ROSTER_SHIFT;
	c->span = a->span;
	c->nbreaks = a->nbreaks;
	memcpy(c->breaks, a->br, sizeof c->breaks);
	return BP_OK;
}

static int roster_shift(int argc, char **argv, struct bp_ctx *ctx)
{
	struct shift_args a;
	memset(&a, 0, sizeof a);
	struct bp_opt opts[] = {
		BP_STR_OPT("date", &a.date, "D", "the day (YYYY-MM-DD)"),
		BP_STR_OPT("shift", &a.shift, "HH:MM-HH:MM", "that day's shift; replaces an earlier "
			   "change of that day"),
		BP_STR_OPT("breaks", &a.breaks, "HH:MM-HH:MM,...", "that day's breaks (default: "
			   "the standing breaks inside the new shift; \"\" for none)"),
	};
	char *pos[1];
	int npos;
	int rc = bp_parse_opts(argc, argv, opts, BP_NOPTS(opts), pos, 1, &npos, &ctx->err);
	if (rc)
		return rc;
	if (npos != 1 || !a.date || !a.shift)
		return bp_err_set(&ctx->err, BP_EUSAGE, "roster shift needs a technician, --date and "
				  "--shift: roster shift TECH --date D --shift HH:MM-HH:MM "
				  "[--breaks HH:MM-HH:MM,...]");
	a.tech = pos[0];
	if ((rc = bp_opt_date("date", a.date, &a.day, &ctx->err)))
		return rc;
	if (bp_span_parse(a.shift, &a.span))
		return bp_err_set(&ctx->err, BP_EUSAGE, "--shift wants HH:MM-HH:MM, not '%s'",
				  a.shift);
	if (a.breaks && (rc = parse_breaks(a.breaks, &a, &ctx->err)))
		return rc;

	struct bp_store *st;
	struct bp_shop shop;
	struct bp_roster_change c, old;
	int t, had = 0;
	long long id = 0;
	if ((rc = bp_write_open(ctx, &st, &shop)))
		return rc;
	if (!(rc = find_tech(&shop, a.tech, &t, &ctx->err)) &&
	    !(rc = shift_check(&shop, &a, t, &c, &ctx->err)) &&
	    !(rc = bp_store_roster_shift_id(st, a.tech, a.day, &id, &ctx->err))) {
		const struct bp_roster_change *o = day_shift(&shop, t, a.day);
		if (o && id > 0) {
			old = *o;
			had = 1;
		}
		rc = record(st, &shop, "roster shift", id, had ? &old : NULL, &c, &ctx->err);
	}
	rc = bp_write_end(ctx, st, rc);
	if (!rc) {
		char br[BP_SPANS_TEXT];
		bp_spans_text(c.breaks, c.nbreaks, br, sizeof br);
		fprintf(ctx->out, "%s (%s) works %s on %s, breaks %s%s\n", a.tech,
			shop.techs[t].name, a.shift, a.date, br[0] ? br : "none",
			had ? " (replaces the change made before)" : "");
	}
	bp_write_close(st, &shop);
	return rc;
}

/* ---- roster list ---- */

static int by_date(const void *x, const void *y)
{
	const struct bp_roster_change *a = *(const struct bp_roster_change *const *)x;
	const struct bp_roster_change *b = *(const struct bp_roster_change *const *)y;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if (a->tech != b->tech)
		return a->tech < b->tech ? -1 : 1;
	return a < b ? -1 : a > b;
}

struct row_txt {
	char date[12], from[8], to[8], breaks[BP_SPANS_TEXT];
};

static void row_txt(const struct bp_roster_change *c, struct row_txt *r)
{
	bp_date_format(c->date, r->date, sizeof r->date);
	r->from[0] = r->to[0] = 0;
	if (!c->whole) {
		bp_time_format(c->span.start, r->from, sizeof r->from);
		bp_time_format(c->span.end, r->to, sizeof r->to);
	}
	bp_spans_text(c->breaks, c->kind == BP_ROSTER_SHIFT ? c->nbreaks : 0, r->breaks,
		      sizeof r->breaks);
}

static void list_out(FILE *f, enum bp_format fmt, const struct bp_shop *s,
		     const struct bp_roster_change **rows, int n)
{
	struct bp_json j;
	struct row_txt r;
	if (fmt == BP_FMT_JSON) {
		bp_json_init(&j, f);
		bp_json_arr(&j, NULL);
	} else if (fmt == BP_FMT_CSV) {
		fputs("technician,name,date,kind,from,to,breaks", f);
		bp_csv_end_row(f);
	} else if (n) {
		fprintf(f, "%-10s %-22s %-10s  %-5s  %-5s  %-5s  %s\n", "TECHNICIAN", "NAME", "DATE",
			"KIND", "FROM", "TO", "BREAKS");
	} else {
		fprintf(f, "No roster changes.\n");
	}
	for (int i = 0; i < n; i++) {
		const struct bp_roster_change *c = rows[i];
		const struct bp_technician *t = &s->techs[c->tech];
		const char *kind = c->kind == BP_ROSTER_OFF ? "off" : "shift";
		row_txt(c, &r);
		if (fmt == BP_FMT_JSON) {
			bp_json_obj(&j, NULL);
			bp_json_str(&j, "technician", t->id);
			bp_json_str(&j, "name", t->name);
			bp_json_str(&j, "date", r.date);
			bp_json_str(&j, "kind", kind);
			bp_json_str(&j, "from", c->whole ? NULL : r.from);
			bp_json_str(&j, "to", c->whole ? NULL : r.to);
			bp_json_str(&j, "breaks", r.breaks);
			bp_json_end(&j);
		} else if (fmt == BP_FMT_CSV) {
			const char *v[7] = {t->id, t->name, r.date, kind, r.from, r.to, r.breaks};
			for (int k = 0; k < 7; k++) {
				if (k)
					fputc(',', f);
				bp_csv_field(f, v[k]);
			}
			bp_csv_end_row(f);
		} else {
			bp_out_cell(f, t->id, 10);
			fputc(' ', f);
			bp_out_cell(f, t->name, 22);
			fprintf(f, " %-10s  %-5s  %-5s  %-5s  %s\n", r.date, kind,
				c->whole ? "all" : r.from, c->whole ? "day" : r.to,
				r.breaks[0] ? r.breaks : c->kind == BP_ROSTER_SHIFT ? "none" : "");
		}
	}
	if (fmt == BP_FMT_JSON) {
		bp_json_end(&j);
		fputc('\n', f);
	}
}

static int roster_list(int argc, char **argv, struct bp_ctx *ctx)
{
	const char *date = NULL;
	struct bp_opt opts[] = {BP_STR_OPT("date", &date, "D", "only the changes of that day")};
	char *pos[1];
	int npos, day = -1;
	int rc = bp_parse_opts(argc, argv, opts, BP_NOPTS(opts), pos, 0, &npos, &ctx->err);
	if (rc || (date && (rc = bp_opt_date("date", date, &day, &ctx->err))))
		return rc;
	struct bp_store *st = NULL;
	struct bp_shop shop;
	if ((rc = bp_open_shop(ctx, &st, &shop)))
		return rc;
	const struct bp_roster_change **rows = malloc(((size_t)shop.nroster + 1) * sizeof *rows);
	int n = 0;
	if (!rows) {
		rc = bp_err_set(&ctx->err, BP_EINTERNAL, "out of memory");
	} else {
		for (int i = 0; i < shop.nroster; i++)
			if (day < 0 || shop.roster[i].date == day)
				rows[n++] = &shop.roster[i];
		qsort(rows, (size_t)n, sizeof *rows, by_date);
		list_out(ctx->out, ctx->format, &shop, rows, n);
	}
	free(rows);
	bp_shop_free(&shop);
	bp_store_close(st);
	return rc;
}

static const struct bp_verb verbs[] = {
	{"off", roster_off, "off TECH --date D [--from HH:MM] [--to HH:MM]",
	 "a technician is absent: all day, or for part of it. The absence lies inside that "
	 "day's shift and does not overlap another."},
	{"shift", roster_shift, "shift TECH --date D --shift HH:MM-HH:MM [--breaks HH:MM-HH:MM,...]",
	 "a technician works another shift that day."},
	{"list", roster_list, "list [--date D]", "the roster changes (--format table, csv or json)."},
};

int bp_cmd_roster(int argc, char **argv, struct bp_ctx *ctx)
{
	return bp_run_verb("roster", verbs, BP_NVERBS(verbs), argc, argv, ctx);
}
