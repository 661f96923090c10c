/*
 * cmd_job.c - `bayplan job add|move|cancel|start|finish|no-show|list`:
 * bookings and their progress. A change reads the shop and writes its rows
 * and one events row inside one BEGIN IMMEDIATE transaction, so that what
 * was checked is what gets written; a refused change writes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/cli.h"
#include "io/cmd_util.h"
#include "io/out.h"
#include "io/records.h"
#include "io/store.h"
#include "io/store_events.h"
#include "io/store_jobs.h"
#include "io/store_status.h"
#include "model/day.h"
#include "model/validate.h"
#include "model/windows.h"

#define MAX_ARGS 256
#define MAX_SHOWN 3                /* later windows a refusal names */
#define MAX_AWAY 31                /* days a start or finish may be from the booking */

/* One change in progress: the store inside its transaction and the shop
 * read in it. */
struct jc {
	struct bp_ctx *ctx;
	struct bp_err *err;
	struct bp_store *st;
	struct bp_shop s;
	char command[24];          /* "job add", as the events row names it */
	/* The shop's service classes, as 'bayplan windows' names them. */
	struct bp_wclass *cls;
	int ncls;
	int *cls_of;               /* [service] */
	char said[200];            /* what the change did, printed once it is committed */
};

/* ---- the transaction ---- */

static int begin(struct jc *c, const char *verb)
{
	snprintf(c->command, sizeof c->command, "job %s", verb);
	/* The shop is read inside the write transaction: no other writer can
	 * book the last place in a window between the check and the write. */
	int rc = bp_write_open(c->ctx, &c->st, &c->s);
	if (rc)
		return rc;
	c->cls_of = calloc((size_t)c->s.nservices + 1, sizeof *c->cls_of);
	if (!c->cls_of)
		return bp_err_set(c->err, BP_EINTERNAL, "out of memory");
	return bp_windows_classes(&c->s, &c->cls, &c->ncls, c->cls_of, c->err);
}

/* Commit when rc is BP_OK, else roll back; then let go of everything. */
static int end(struct jc *c, int rc)
{
	rc = bp_write_end(c->ctx, c->st, rc);
	bp_write_close(c->st, &c->s);
	if (!rc && c->said[0])
		fprintf(c->ctx->out, "%s\n", c->said);
	free(c->cls);
	free(c->cls_of);
	return rc;
}

/* One events row for job j: before is the JSON text the caller kept. */
static int job_event(struct jc *c, const char *before, const struct bp_job *j)
{
	char *after = bp_job_json(&c->s, j);
	if (!after)
		return bp_err_set(c->err, BP_EINTERNAL, "out of memory");
	int rc = bp_store_event(c->st, c->command, BP_EV_JOB, j->id, before, after, c->err);
	free(after);
	return rc;
}

/* ---- reading the command line ---- */

/* --part SKU=QTY may be given many times, which bp_parse_opts does not
 * keep: take every one out of argv first (compacting it in place). */
static int take_parts(int *argc, char **argv, const char **vals, int max, int *n,
		      struct bp_err *err)
{
	int out = 0;
	*n = 0;
	for (int i = 0; i < *argc; i++) {
		const char *a = argv[i], *v = NULL;
		if (strcmp(a, "--") == 0) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strcmp(a, "--part") == 0) {
			if (i + 1 >= *argc)
				return bp_err_set(err, BP_EUSAGE, "--part needs a value");
			v = argv[++i];
		} else if (strncmp(a, "--part=", 7) == 0) {
			v = a + 7;
		} else {
			argv[out++] = argv[i];
			continue;
		}
		if (*n == max)
			return bp_err_set(err, BP_EUSAGE, "at most %d --part options", max);
		vals[(*n)++] = v;
	}
	*argc = out;
	return BP_OK;
}

/* "SKU=QTY" lines; QTY > 0, or >= 0 when zero is allowed (a part not used
 * after all). */
static int parse_lines(const struct bp_shop *s, const char **vals, int n, int allow_zero,
		       struct bp_part_line *lines, int *nlines, struct bp_err *err)
{
	*nlines = 0;
	for (int i = 0; i < n; i++) {
		const char *eq = strrchr(vals[i], '=');
		char sku[BP_ID_LEN], *end;
		if (!eq || eq == vals[i] || (size_t)(eq - vals[i]) >= sizeof sku)
			return bp_err_set(err, BP_EUSAGE, "--part wants SKU=QTY, not '%s'", vals[i]);
		memcpy(sku, vals[i], (size_t)(eq - vals[i]));
		sku[eq - vals[i]] = 0;
		long q = strtol(eq + 1, &end, 10);
		if (!eq[1] || *end || q < (allow_zero ? 0 : 1) || q > 100000)
			return bp_err_set(err, BP_EUSAGE, "--part %s wants a quantity of %s to 100000, "
					  "not '%s'", sku, allow_zero ? "0" : "1", eq + 1);
		int p = bp_shop_part(s, sku);
		if (p < 0)
			return bp_err_set(err, BP_EDATA, "no part '%s' in the shop", sku);
		for (int k = 0; k < *nlines; k++)
			if (lines[k].part == p)
				return bp_err_set(err, BP_EUSAGE, "--part %s is given twice", sku);
		if (*nlines == BP_MAX_LINES)
			return bp_err_set(err, BP_EUSAGE, "at most %d parts lines", BP_MAX_LINES);
		lines[(*nlines)++] = (struct bp_part_line){p, (int)q};
	}
	return BP_OK;
}

/* The one positional argument, the job's id, naming a job of the store. */
static int the_job(struct jc *c, int npos, char **pos, int *idx)
{
	if (npos != 1)
		return bp_err_set(c->err, BP_EUSAGE, "%s wants one job id", c->command);
	*idx = bp_shop_job(&c->s, pos[0]);
	if (*idx < 0)
		return bp_err_set(c->err, BP_EDATA, "no job '%s' in the store", pos[0]);
	return BP_OK;
}

static int job_id_ok(const char *id)
{
	size_t n = strlen(id);
	if (!n || n >= BP_ID_LEN || id[0] == '-')
		return 0;
	for (const char *p = id; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f || *p == ',' || *p == '"')
			return 0;
	return 1;
}

/* The booking's time: --window or --arrival (neither: keep j's). */
static int parse_booking(const char *window, const char *arrival, struct bp_job *j,
			 struct bp_err *err)
{
	if (window && arrival)
		return bp_err_set(err, BP_EUSAGE, "give --window or --arrival, not both");
	if (window) {
		struct bp_span w;
		if (bp_span_parse(window, &w) || w.end <= w.start || w.end > 1440)
			return bp_err_set(err, BP_EUSAGE, "--window wants HH:MM-HH:MM, the end after "
					  "the start, not '%s'", window);
		j->window = w;
		j->has_window = 1;
	} else if (arrival) {
		int a;
		if (bp_time_parse(arrival, &a) || a >= 1440)
			return bp_err_set(err, BP_EUSAGE, "--arrival wants HH:MM, not '%s'", arrival);
		j->window = (struct bp_span){a, a};
		j->has_window = 0;
	}
	return BP_OK;
}

/* ---- checks every change shares ---- */

static int open_on(struct jc *c, int date)
{
	char reason[BP_NAME_LEN], day[12];
	if (!bp_day_closed(&c->s, date, reason, sizeof reason))
		return BP_OK;
	bp_date_format(date, day, sizeof day);
	return bp_err_set(c->err, BP_EDATA, "the shop is closed on %s (%s); book "
			  "another date", day, reason[0] ? reason : "a shop holiday");
}

static int need_status(struct jc *c, const struct bp_job *j, enum bp_job_status want,
		       const char *done_what)
{
	if (j->status == want)
		return BP_OK;
	if (want == BP_JOB_IN_PROGRESS && j->status == BP_JOB_BOOKED)
		return bp_err_set(c->err, BP_EDATA, "job %s has not started "
				  "(it is booked); start it first with 'bayplan job start %s'",
				  j->id, j->id);
	return bp_err_set(c->err, BP_EDATA, "job %s is %s; only %s can be %s", j->id,
			  bp_job_status_name(j->status),
			  want == BP_JOB_BOOKED ? "a booked job" : "a job in progress", done_what);
}

/* Is job j one of the bookings a window counts? */
static int live(const struct bp_job *j)
{
	return j->status != BP_JOB_CANCELLED && j->status != BP_JOB_NO_SHOW;
}

/* Bookings of class k on `date` in the window starting at `start` (as
 * 'bayplan windows' counts them: a job in the template it was booked in or
 * arrives in), job `skip` left out. */
static int count_booked(const struct jc *c, int date, int start, int k, int skip)
{
	int n = 0;
	for (int i = 0; i < c->s.njobs; i++) {
		const struct bp_job *j = &c->s.jobs[i];
		if (i == skip || j->date != date || !live(j) || c->cls_of[j->service] != k)
			continue;
		int w = bp_windows_job_window(&c->s, j);
		n += w >= 0 && c->s.windows[w].start == start;
	}
	return n;
}

/* The tuned window that job j (booked as it says) takes a place in:
 * *row 1 and its start, or *row 0 when the shop has no templates. */
static void job_slot(const struct jc *c, const struct bp_job *j, int *row, int *start)
{
	int w = bp_windows_job_window(&c->s, j);
	*row = w >= 0;
	*start = w >= 0 ? c->s.windows[w].start : -1;
}

/* The capacity check of booking job j as it now says (`skip`: j's own
 * index in the shop, left out of the counts): refused when its tuned window
 * is full for its class, naming later windows with room; --force overbooks
 * with a warning. */
static int check_capacity(struct jc *c, const struct bp_job *j, int skip, int force)
{
	int k = c->cls_of[j->service], row, start;
	const char *cls = c->cls[k].name;
	char day[12], span[16];
	bp_date_format(j->date, day, sizeof day);
	job_slot(c, j, &row, &start);
	if (!row) {
		bp_progress(c->ctx, "%s: note: the shop has no window templates; booked without a "
			    "capacity check\n", c->command);
		return BP_OK;
	}
	struct bp_store_window *rows;
	int n, rc = bp_store_class_windows(c->st, cls, j->date, &rows, &n, c->err);
	if (rc)
		return rc;
	int at = -1;
	for (int i = 0; i < n && at < 0; i++)
		if (rows[i].date == j->date && rows[i].span.start == start)
			at = i;
	if (at < 0) {
		bp_progress(c->ctx, "%s: note: no tuned window for %s on %s (run 'bayplan windows "
			    "--from %s'); booked without a capacity check\n", c->command, cls, day,
			    day);
		free(rows);
		return BP_OK;
	}
	int booked = count_booked(c, j->date, start, k, skip);
	bp_span_format(rows[at].span, span, sizeof span);
	if (booked < rows[at].capacity) {
		free(rows);
		return BP_OK;
	}
	if (force) {
		bp_warn(c->ctx, "bayplan %s: warning: the window %s %s is full for %s (%d "
			"booked, capacity %d); overbooked as --force says\n", c->command, day, span,
			cls, booked, rows[at].capacity);
		free(rows);
		return BP_OK;
	}
	char more[MAX_SHOWN * 32 + 1] = "";
	size_t len = 0;
	int shown = 0;
	for (int i = 0; i < n && shown < MAX_SHOWN; i++) {
		const struct bp_store_window *r = &rows[i];
		char d[12], sp[16];
		if ((r->date == j->date && r->span.start <= start) ||
		    bp_day_closed(&c->s, r->date, NULL, 0) ||
		    count_booked(c, r->date, r->span.start, k, skip) >= r->capacity)
			continue;
		bp_date_format(r->date, d, sizeof d);
		bp_span_format(r->span, sp, sizeof sp);
		len += (size_t)snprintf(more + len, sizeof more - len, "\n%s %s", d, sp);
		shown++;
	}
	rc = bp_err_set(c->err, BP_EDATA, "the window %s %s is full for %s (%d "
			"booked, capacity %d; --force overbooks); %s%s", day, span, cls, booked,
			rows[at].capacity, shown ? "later windows with room:" :
			"no later tuned window has room", more);
	free(rows);
	return rc;
}

/* The loan-car check of booking job j as it now says (`skip`: its own
 * index): refused when the fleet is all out at some time while j's car
 * would be (from its arrival to the promised time; the day's end without
 * one), naming the next dates with a car free; --force lends one anyway
 * (the plan then leaves a job out with reason loan_car if none comes back). */
static int check_loans(struct jc *c, const struct bp_job *j, int skip, int force)
{
	const struct bp_shop *s = &c->s;
	int fleet = s->info.loan_cars, from, to;
	char day[12];
	if (!j->loan_car)
		return BP_OK;
	bp_date_format(j->date, day, sizeof day);
	if (fleet == 0) {
		if (force) {
			bp_warn(c->ctx, "bayplan %s: warning: the shop lends no loan cars (loan_cars: "
				"0); booked with one as --force says\n", c->command);
			return BP_OK;
		}
		return bp_err_set(c->err, BP_EDATA, "the shop lends no loan cars (loan_cars: 0 in "
				  "the shop file); book without --loan-car, or --force");
	}
	bp_windows_loan_span(s, j, &from, &to);
	int out = bp_windows_loans_out(s, j->date, skip, from, to);
	if (out < fleet)
		return BP_OK;
	if (force) {
		bp_warn(c->ctx, "bayplan %s: warning: all %d loan cars are out on %s while this "
			"customer would need one; booked as --force says\n", c->command, fleet, day);
		return BP_OK;
	}
	char more[MAX_SHOWN * 16 + 1] = "";
	size_t len = 0;
	int shown = 0;
	for (int d = j->date + 1; d <= j->date + 14 && shown < MAX_SHOWN; d++) {
		char dd[12];
		if (bp_day_closed(s, d, NULL, 0) || bp_windows_loans_out(s, d, skip, from, to) >= fleet)
			continue;
		bp_date_format(d, dd, sizeof dd);
		len += (size_t)snprintf(more + len, sizeof more - len, "%s%s", shown ? ", " : "", dd);
		shown++;
	}
	return bp_err_set(c->err, BP_EDATA, "no loan car is free on %s while this customer "
			  "would have it: all %d are booked out then (--force lends one anyway); "
			  "%s%s", day, fleet, shown ? "a car is free at that time on " :
			  "no car is free at that time in the next 14 days", more);
}

/* Keep appointment_windows.booked current for the front-end. */
static int count_in(struct jc *c, const struct bp_job *j, int delta)
{
	int row, start;
	job_slot(c, j, &row, &start);
	if (!row)
		return BP_OK;
	return bp_store_window_booked(c->st, j->date, start, c->cls[c->cls_of[j->service]].name,
				      delta, c->err);
}

/* Can technician t do job j? */
static int tech_can(struct jc *c, const struct bp_job *j, int t)
{
	const struct bp_service *sv = &c->s.services[j->service];
	const struct bp_technician *tc = &c->s.techs[t];
	const char *skill = c->s.skills[sv->skill].id;
	int lv = tc->level[sv->skill];
	if (bp_job_minutes(&c->s, j, tc) > 0)
		return BP_OK;
	if (lv < sv->level)
		return bp_err_set(c->err, BP_EDATA, "technician %s cannot do "
				  "%s: it needs %s at level %d, and %s has %s", tc->id, sv->code,
				  skill, sv->level, tc->id, lv ? "a lower level" : "not that skill");
	return bp_err_set(c->err, BP_EDATA, "technician %s cannot do %s: the "
			  "service has no minutes for %s level %d", tc->id, sv->code, skill, lv);
}

/* ---- add ---- */

/* BP-YYYYMMDD-N, the first N the store does not have. */
static void new_id(const struct bp_shop *s, int date, char *id)
{
	char d[12];
	bp_date_format(date, d, sizeof d);
	for (int n = 1;; n++) {
		snprintf(id, BP_ID_LEN, "BP-%.4s%.2s%.2s-%d", d, d + 5, d + 8, n);
		if (bp_shop_job(s, id) < 0)
			return;
	}
}

static int job_add(struct jc *c, int argc, char **argv)
{
	const char *date = NULL, *service = NULL, *id = NULL, *tier = NULL, *window = NULL,
		   *arrival = NULL, *promised = NULL, *tech = NULL, *dummy = NULL;
	const char *partv[BP_MAX_LINES + 1];
	int waiting = 0, loan = 0, minutes = 0, force = 0, nparts, npos, day, rc;
	struct bp_opt opts[] = {
		BP_STR_OPT("date", &date, "D", "the day booked (YYYY-MM-DD)"),
		BP_STR_OPT("service", &service, "CODE", "the service"),
		BP_STR_OPT("id", &id, "ID", "the job's id (default BP-YYYYMMDD-N)"),
		BP_STR_OPT("tier", &tier, "TIER", "core, potential or basic (default basic)"),
		BP_STR_OPT("window", &window, "HH:MM-HH:MM", "the booked window; refused when "
			   "the tuned window is full for the job's class (later windows with room "
			   "are named)"),
		BP_STR_OPT("arrival", &arrival, "HH:MM", "an arrival time instead of a window "
			   "(default: at opening)"),
		BP_STR_OPT("promised", &promised, "HH:MM", "the time promised to the customer"),
		BP_FLAG_OPT("waiting", &waiting, "the customer waits on site"),
		BP_STR_OPT("technician", &tech, "ID", "the technician the customer asks for"),
		BP_INT_OPT("minutes", &minutes, "N", "this job's duration, instead of the "
			   "service's (1-1440)"),
		BP_STR_OPT("part", &dummy, "SKU=QTY", "an extra part found at diagnosis; give "
			   "it once per part"),
		BP_FLAG_OPT("loan-car", &loan, "the customer takes a loan car while the car is "
			    "in; refused when every loan car is booked out then"),
		BP_FLAG_OPT("force", &force, "book even when the window is full (overbook) or "
			    "no loan car is free"),
	};
	char *pos[1];
	struct bp_job j;
	memset(&j, 0, sizeof j);
	j.tier = BP_TIER_BASIC;
	j.promised = -1;
	j.technician = j.act_tech = j.act_bay = -1;
	if ((rc = take_parts(&argc, argv, partv, BP_MAX_LINES + 1, &nparts, c->err)) ||
	    (rc = bp_parse_opts(argc, argv, opts, BP_NOPTS(opts), pos, 0, &npos, c->err)))
		return rc;
	if (!date || !service)
		return bp_err_set(c->err, BP_EUSAGE, "job add needs --date YYYY-MM-DD and "
				  "--service CODE");
	if ((rc = bp_opt_date("date", date, &day, c->err)))
		return rc;
	j.date = day;
	if (tier && bp_tier_parse(tier, &j.tier))
		return bp_err_set(c->err, BP_EUSAGE, "--tier is core, potential or basic, not '%s'",
				  tier);
	if ((rc = parse_booking(window, arrival, &j, c->err)))
		return rc;
	if (promised && ((rc = bp_opt_time("promised", promised, &j.promised, c->err))))
		return rc;
	if (bp_opt_given(opts, BP_NOPTS(opts), "minutes") && (minutes < 1 || minutes > 24 * 60))
		return bp_err_set(c->err, BP_EUSAGE, "--minutes is 1 to 1440, not %d", minutes);
	if (id && !job_id_ok(id))
		return bp_err_set(c->err, BP_EUSAGE, "--id wants 1 to %d characters without spaces, "
				  "commas or quotes, not '%s'", BP_ID_LEN - 1, id);
	j.waiting = waiting;
	j.loan_car = loan;
	j.minutes = minutes;

	if ((rc = begin(c, "add")))
		return rc;
	struct bp_shop *s = &c->s;
	if (!window && !arrival)
		j.window = (struct bp_span){s->info.open, s->info.open};
	if ((j.service = bp_shop_service(s, service)) < 0)
		return bp_err_set(c->err, BP_EDATA, "no service '%s' in the shop",
				  service);
	if (tech && (j.technician = bp_shop_tech(s, tech)) < 0)
		return bp_err_set(c->err, BP_EDATA,
				  "no technician '%s' in the shop", tech);
	if (j.technician >= 0 && (rc = tech_can(c, &j, j.technician)))
		return rc;
	if ((rc = parse_lines(s, partv, nparts, 0, j.parts, &j.nparts, c->err)))
		return rc;
	if (id && bp_shop_job(s, id) >= 0)
		return bp_err_set(c->err, BP_EDATA, "the store already has a job %s", id);
	if (id)
		snprintf(j.id, sizeof j.id, "%s", id);
	else
		new_id(s, day, j.id);
	if ((rc = open_on(c, day)))
		return rc;
	/* The shop file's rules, job length and all. */
	struct bp_job *added = bp_shop_add_job(s);
	if (!added)
		return bp_err_set(c->err, BP_EINTERNAL, "out of memory");
	*added = j;
	if ((rc = bp_shop_validate(s, NULL, c->err)))
		return rc;
	if ((rc = check_capacity(c, &j, s->njobs - 1, force)) ||
	    (rc = check_loans(c, &j, s->njobs - 1, force)) ||
	    (rc = bp_store_add_job(c->st, s, &j, c->err)) || (rc = count_in(c, &j, +1)) ||
	    (rc = job_event(c, NULL, &j)))
		return rc;
	snprintf(c->said, sizeof c->said, "%s", j.id);
	return BP_OK;
}

/* ---- move, cancel, no-show ---- */

static int job_move(struct jc *c, int argc, char **argv)
{
	const char *date = NULL, *window = NULL, *arrival = NULL;
	int force = 0, npos, idx = -1, day, rc;
	struct bp_opt opts[] = {
		BP_STR_OPT("date", &date, "D", "the new day (YYYY-MM-DD)"),
		BP_STR_OPT("window", &window, "HH:MM-HH:MM", "the new window (refused when full)"),
		BP_STR_OPT("arrival", &arrival, "HH:MM", "a new arrival time instead"),
		BP_FLAG_OPT("force", &force, "move even into a full window, or when no loan car "
			    "is free then"),
	};
	char *pos[2];
	struct bp_job to;
	if ((rc = bp_parse_opts(argc, argv, opts, BP_NOPTS(opts), pos, 2, &npos, c->err)))
		return rc;
	if (!date)
		return bp_err_set(c->err, BP_EUSAGE, "job move needs --date YYYY-MM-DD");
	if ((rc = bp_opt_date("date", date, &day, c->err)))
		return rc;
	memset(&to, 0, sizeof to);
	if ((rc = parse_booking(window, arrival, &to, c->err)))
		return rc;
	if (npos != 1)
		return bp_err_set(c->err, BP_EUSAGE, "job move wants one job id");
	if ((rc = begin(c, "move")) || (rc = the_job(c, npos, pos, &idx)))
		return rc;
	struct bp_job *j = &c->s.jobs[idx];
	if ((rc = need_status(c, j, BP_JOB_BOOKED, "moved")))
		return rc;
	struct bp_job from = *j;
	j->date = day;
	if (window || arrival) {
		j->window = to.window;
		j->has_window = to.has_window;
	}
	j->carried_from = 0;
	if (j->date == from.date && j->has_window == from.has_window &&
	    j->window.start == from.window.start && j->window.end == from.window.end) {
		char d[12];
		bp_date_format(day, d, sizeof d);
		return bp_err_set(c->err, BP_EDATA, "job %s is already booked for %s "
				  "at that time; nothing to move", j->id, d);
	}
	if ((rc = open_on(c, day)) || (rc = bp_shop_validate(&c->s, NULL, c->err)))
		return rc;
	int r0, s0, r1, s1;
	job_slot(c, &from, &r0, &s0);
	job_slot(c, j, &r1, &s1);
	int same = from.date == j->date && s0 == s1;
	char *before = bp_job_json(&c->s, &from);
	if (!before)
		return bp_err_set(c->err, BP_EINTERNAL, "out of memory");
	/* The loan car goes with the booking: checked again at its new time. */
	if ((same || !(rc = check_capacity(c, j, idx, force))) &&
	    !(rc = check_loans(c, j, idx, force)) && !(rc = bp_store_move_job(c->st, j, c->err)) &&
	    (same || (!(rc = count_in(c, &from, -1)) && !(rc = count_in(c, j, +1)))))
		rc = job_event(c, before, j);
	free(before);
	if (!rc) {
		char d[12], w[16];
		bp_date_format(j->date, d, sizeof d);
		if (j->has_window)
			bp_span_format(j->window, w, sizeof w);
		else
			bp_time_format(j->window.start, w, sizeof w);
		snprintf(c->said, sizeof c->said, "%s moved to %s %s", j->id, d, w);
	}
	return rc;
}

/* A booked job leaves the day: cancelled (its place in the window is
 * given back) or a no-show (the place was used). */
static int job_drop(struct jc *c, int argc, char **argv, const char *verb,
		    enum bp_job_status to)
{
	int npos, idx = -1, rc;
	char *pos[2];
	if ((rc = bp_parse_opts(argc, argv, NULL, 0, pos, 2, &npos, c->err)))
		return rc;
	if (npos != 1)
		return bp_err_set(c->err, BP_EUSAGE, "job %s wants one job id", verb);
	if ((rc = begin(c, verb)) || (rc = the_job(c, npos, pos, &idx)))
		return rc;
	struct bp_job *j = &c->s.jobs[idx];
	if ((rc = need_status(c, j, BP_JOB_BOOKED,
			      to == BP_JOB_CANCELLED ? "cancelled" : "marked a no-show")))
		return rc;
	char *before = bp_job_json(&c->s, j);
	if (!before)
		return bp_err_set(c->err, BP_EINTERNAL, "out of memory");
	j->status = to;
	if (!(rc = bp_store_set_job_status(c->st, &c->s, j, c->err)) &&
	    (to != BP_JOB_CANCELLED || !(rc = count_in(c, j, -1))))
		rc = job_event(c, before, j);
	free(before);
	if (!rc)
		snprintf(c->said, sizeof c->said, "%s is %s", j->id, bp_job_status_name(to));
	return rc;
}

/* ---- start, finish ---- */

static int near_booking(struct jc *c, const struct bp_job *j, int day, const char *what)
{
	if (abs(day - j->date) <= MAX_AWAY)
		return BP_OK;
	char d[12];
	bp_date_format(j->date, d, sizeof d);
	return bp_err_set(c->err, BP_EDATA, "job %s is booked for %s; a %s more "
			  "than %d days from that is not taken", j->id, d, what, MAX_AWAY);
}

/* Is technician t off at `minute` of `day` by the roster? */
static int tech_off(struct jc *c, int t, int day, int minute)
{
	for (int i = 0; i < c->s.nroster; i++) {
		const struct bp_roster_change *r = &c->s.roster[i];
		if (r->tech != t || r->date != day || r->kind != BP_ROSTER_OFF)
			continue;
		char d[12], sp[16];
		bp_date_format(day, d, sizeof d);
		if (r->whole)
			return bp_err_set(c->err, BP_EDATA, "technician %s is off "
					  "on %s (roster); give another --technician",
					  c->s.techs[t].id, d);
		if (minute >= r->span.start && minute < r->span.end) {
			bp_span_format(r->span, sp, sizeof sp);
			return bp_err_set(c->err, BP_EDATA, "technician %s is "
					  "off %s on %s (roster); give another --technician",
					  c->s.techs[t].id, sp, d);
		}
	}
	return BP_OK;
}

/* Is bay b down at `minute` of `day`? */
static int bay_down(struct jc *c, int b, int day, int minute)
{
	for (int i = 0; i < c->s.nclosures; i++) {
		const struct bp_closure *x = &c->s.closures[i];
		if (x->bay != b || x->date != day ||
		    (!x->whole && (minute < x->span.start || minute >= x->span.end)))
			continue;
		char d[12];
		bp_date_format(day, d, sizeof d);
		return bp_err_set(c->err, BP_EDATA, "bay %s is closed on %s%s%s; give "
				  "another --bay", c->s.bays[b].id, d, x->reason[0] ? ": " : "",
				  x->reason);
	}
	return BP_OK;
}

static int job_start(struct jc *c, int argc, char **argv)
{
	const char *at = NULL, *tech = NULL, *bay = NULL;
	int npos, idx = -1, rc;
	struct bp_opt opts[] = {
		BP_STR_OPT("at", &at, "WHEN", "when it started (default now)"),
		BP_STR_OPT("technician", &tech, "ID", "who started it (default: the latest "
			   "plan's technician)"),
		BP_STR_OPT("bay", &bay, "ID", "on which bay (default: the latest plan's bay)"),
	};
	char *pos[2];
	if ((rc = bp_parse_opts(argc, argv, opts, BP_NOPTS(opts), pos, 2, &npos, c->err)))
		return rc;
	if (npos != 1)
		return bp_err_set(c->err, BP_EUSAGE, "job start wants one job id");
	int day = 0, minute = 0;
	if (at && (rc = bp_arg_when_at("at", at, 0, &day, &minute, c->err)))
		return rc;     /* a bad --at is a usage error before the store is opened */
	if ((rc = begin(c, "start")) || (rc = the_job(c, npos, pos, &idx)))
		return rc;
	struct bp_job *j = &c->s.jobs[idx];
	if ((rc = need_status(c, j, BP_JOB_BOOKED, "started")) ||
	    (rc = bp_arg_when_at("at", at, j->date, &day, &minute, c->err)) ||
	    (rc = near_booking(c, j, day, "start")))
		return rc;
	/* Who and where: as given, else as the latest plan has it (of the
	 * start's date, where a carried-over job is planned, else the job's). */
	char ptech[BP_ID_LEN] = "", pbay[BP_ID_LEN] = "";
	int found = 0;
	if ((!tech || !bay) &&
	    ((rc = bp_store_planned(c->st, j->id, day, ptech, pbay, &found, c->err)) ||
	     (!found && day != j->date &&
	      (rc = bp_store_planned(c->st, j->id, j->date, ptech, pbay, &found, c->err)))))
		return rc;
	if (!tech)
		tech = found ? ptech : NULL;
	if (!bay)
		bay = found ? pbay : NULL;
	if (!tech || !bay) {
		char d[12];
		bp_date_format(j->date, d, sizeof d);
		return bp_err_set(c->err, BP_EDATA, "no stored plan of %s places "
				  "job %s; give --technician and --bay", d, j->id);
	}
	int t = bp_shop_tech(&c->s, tech), b = bp_shop_bay(&c->s, bay);
	if (t < 0)
		return bp_err_set(c->err, BP_EDATA,
				  "no technician '%s' in the shop", tech);
	if (b < 0)
		return bp_err_set(c->err, BP_EDATA, "no bay '%s' in the shop", bay);
	const struct bp_service *sv = &c->s.services[j->service];
	if ((rc = tech_can(c, j, t)))
		return rc;
	if (!bp_bay_serves(&c->s, c->s.bays[b].type, sv->bay_type))
		return bp_err_set(c->err, BP_EDATA, "bay %s (%s) cannot take %s, which "
				  "needs a %s bay", c->s.bays[b].id,
				  c->s.bay_types[c->s.bays[b].type].id, sv->code,
				  c->s.bay_types[sv->bay_type].id);
	if ((rc = tech_off(c, t, day, minute)) || (rc = bay_down(c, b, day, minute)))
		return rc;
	char *before = bp_job_json(&c->s, j);
	if (!before)
		return bp_err_set(c->err, BP_EINTERNAL, "out of memory");
	j->status = BP_JOB_IN_PROGRESS;
	j->has_started = 1;
	j->started_day = day;
	j->started = minute;
	j->act_tech = t;
	j->act_bay = b;
	if (!(rc = bp_store_set_job_status(c->st, &c->s, j, c->err)))
		rc = job_event(c, before, j);
	free(before);
	if (!rc) {
		char when[20];
		bp_datetime_format(day, minute, when, sizeof when);
		snprintf(c->said, sizeof c->said, "%s started %s by %s on %s", j->id, when,
			 c->s.techs[t].id, c->s.bays[b].id);
	}
	return rc;
}

/* The parts a finished job used by default: its service's and its own
 * extra lines, one line per part. */
static void default_parts(const struct bp_shop *s, const struct bp_job *j,
			  struct bp_part_line *lines, int *n)
{
	const struct bp_service *sv = &s->services[j->service];
	*n = 0;
	for (int pass = 0; pass < 2; pass++) {
		const struct bp_part_line *l = pass ? j->parts : sv->parts;
		int m = pass ? j->nparts : sv->nparts;
		for (int i = 0; i < m; i++) {
			int k = 0;
			while (k < *n && lines[k].part != l[i].part)
				k++;
			if (k == *n) {
				if (*n == 2 * BP_MAX_LINES)
					continue;
				lines[(*n)++] = (struct bp_part_line){l[i].part, 0};
			}
			lines[k].qty += l[i].qty;
		}
	}
}

static int part_event(struct jc *c, const char *sku, int before, int after)
{
	char *b = bp_flat_json("si", "sku", sku, "on_hand", (long long)before);
	char *a = bp_flat_json("si", "sku", sku, "on_hand", (long long)after);
	int rc = !a || !b ? bp_err_set(c->err, BP_EINTERNAL, "out of memory")
			  : bp_store_event(c->st, c->command, BP_EV_PART, sku, b, a, c->err);
	free(a);
	free(b);
	return rc;
}

static int job_finish(struct jc *c, int argc, char **argv)
{
	const char *at = NULL, *dummy = NULL;
	const char *partv[BP_MAX_LINES + 1];
	int npos, idx = -1, nparts, rc;
	struct bp_opt opts[] = {
		BP_STR_OPT("at", &at, "WHEN", "when it finished (default now)"),
		BP_STR_OPT("part", &dummy, "SKU=QTY", "a part used, once per part; replaces the "
			   "default (the service's and the job's parts), SKU=0 for none"),
	};
	char *pos[2];
	if ((rc = take_parts(&argc, argv, partv, BP_MAX_LINES + 1, &nparts, c->err)) ||
	    (rc = bp_parse_opts(argc, argv, opts, BP_NOPTS(opts), pos, 2, &npos, c->err)))
		return rc;
	if (npos != 1)
		return bp_err_set(c->err, BP_EUSAGE, "job finish wants one job id");
	int day = 0, minute = 0;
	if (at && (rc = bp_arg_when_at("at", at, 0, &day, &minute, c->err)))
		return rc;
	if ((rc = begin(c, "finish")) || (rc = the_job(c, npos, pos, &idx)))
		return rc;
	struct bp_shop *s = &c->s;
	struct bp_job *j = &s->jobs[idx];
	/* HH:MM is on the day the work started (the job's date unless it was
	 * carried over). */
	if ((rc = need_status(c, j, BP_JOB_IN_PROGRESS, "finished")) ||
	    (rc = bp_arg_when_at("at", at, j->started_day, &day, &minute, c->err)) ||
	    (rc = near_booking(c, j, day, "finish")))
		return rc;
	long long fin = (long long)day * 1440 + minute,
		  sta = (long long)j->started_day * 1440 + j->started;
	if (fin <= sta) {
		char f[20], st[20];
		bp_datetime_format(day, minute, f, sizeof f);
		bp_datetime_format(j->started_day, j->started, st, sizeof st);
		return bp_err_set(c->err, BP_EDATA, "job %s cannot finish at %s, "
				  "%s its start at %s", j->id, f, fin < sta ? "before" : "at", st);
	}
	struct bp_part_line used[2 * BP_MAX_LINES];
	int nused;
	if (nparts)
		rc = parse_lines(s, partv, nparts, 1, used, &nused, c->err);
	else
		default_parts(s, j, used, &nused);
	if (rc)
		return rc;
	/* All or nothing: stock never goes below zero. */
	for (int i = 0; i < nused; i++) {
		const struct bp_part *p = &s->parts[used[i].part];
		if (used[i].qty > p->on_hand)
			return bp_err_set(c->err, BP_EDATA, "part %s: job %s uses "
					  "%d but %d %s on hand; receive or count it first", p->sku,
					  j->id, used[i].qty, p->on_hand, p->on_hand == 1 ? "is" : "are");
	}
	char *before = bp_job_json(s, j);
	if (!before)
		return bp_err_set(c->err, BP_EINTERNAL, "out of memory");
	j->status = BP_JOB_DONE;
	j->has_finished = 1;
	j->finished_day = day;
	j->finished = minute;
	if (!(rc = bp_store_set_job_status(c->st, s, j, c->err)))
		rc = job_event(c, before, j);
	free(before);
	int taken = 0;
	for (int i = 0; i < nused && !rc; i++) {
		struct bp_part *p = &s->parts[used[i].part];
		int left;
		if (!used[i].qty)
			continue;
		if (!(rc = bp_store_take_stock(c->st, p->sku, used[i].qty, &left, c->err)))
			rc = part_event(c, p->sku, p->on_hand, left);
		taken++;
	}
	if (!rc)
		snprintf(c->said, sizeof c->said, "%s done; %d part%s left stock", j->id, taken,
			 taken == 1 ? "" : "s");
	return rc;
}

/* ---- list ---- */

static int cmp_job(const void *a, const void *b)
{
	const struct bp_job *x = *(const struct bp_job *const *)a,
			    *y = *(const struct bp_job *const *)b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->window.start != y->window.start)
		return x->window.start < y->window.start ? -1 : 1;
	return strcmp(x->id, y->id);
}

static void stamp(int has, int day, int minute, char *buf, size_t n)
{
	if (has)
		bp_datetime_format(day, minute, buf, n);
	else
		buf[0] = 0;
}

static void list_csv(FILE *f, const struct bp_shop *s, const struct bp_job **js, int n)
{
	fputs("job_id,date,service,tier,window,arrival,promised,waiting,minutes,technician,"
	      "parts,status,started,finished,started_by,bay,carried_from,loan_car", f);
	bp_csv_end_row(f);
	for (int i = 0; i < n; i++) {
		const struct bp_job *j = js[i];
		char day[12], win[16] = "", arr[8] = "", prom[8] = "", mins[12] = "", st[20],
		     fin[20], car[12] = "", parts[BP_MAX_LINES * (BP_ID_LEN + 12)] = "";
		size_t len = 0;
		bp_date_format(j->date, day, sizeof day);
		if (j->has_window)
			bp_span_format(j->window, win, sizeof win);
		else
			bp_time_format(j->window.start, arr, sizeof arr);
		if (j->promised >= 0)
			bp_time_format(j->promised, prom, sizeof prom);
		if (j->minutes > 0)
			snprintf(mins, sizeof mins, "%d", j->minutes);
		for (int k = 0; k < j->nparts; k++)
			len += (size_t)snprintf(parts + len, sizeof parts - len, "%s%s=%d",
						k ? " " : "", s->parts[j->parts[k].part].sku,
						j->parts[k].qty);
		stamp(j->has_started, j->started_day, j->started, st, sizeof st);
		stamp(j->has_finished, j->finished_day, j->finished, fin, sizeof fin);
		if (j->carried_from > 0)
			bp_date_format(j->carried_from, car, sizeof car);
		const char *f17[17] = {j->id, day, s->services[j->service].code,
			bp_tier_name(j->tier), win, arr, prom, j->waiting ? "1" : "0", mins,
			j->technician >= 0 ? s->techs[j->technician].id : "", parts,
			bp_job_status_name(j->status), st, fin,
			j->act_tech >= 0 ? s->techs[j->act_tech].id : "",
			j->act_bay >= 0 ? s->bays[j->act_bay].id : "", car};
		for (int k = 0; k < 17; k++) {
			if (k)
				fputc(',', f);
			bp_csv_field(f, f17[k]);
		}
		fputs(j->loan_car ? ",1" : ",0", f);
		bp_csv_end_row(f);
	}
}

static int list_json(FILE *f, const struct bp_shop *s, const struct bp_job **js, int n,
		     struct bp_err *err)
{
	fputs(n ? "[\n" : "[]\n", f);
	for (int i = 0; i < n; i++) {
		char *t = bp_job_json(s, js[i]);
		if (!t)
			return bp_err_set(err, BP_EINTERNAL, "out of memory");
		fprintf(f, "  %s%s\n", t, i + 1 < n ? "," : "");
		free(t);
	}
	if (n)
		fputs("]\n", f);
	return BP_OK;
}

/* A time of the job's own date as HH:MM, of another date in full. */
static void clock_of(const struct bp_job *j, int has, int day, int minute, char *buf, size_t n)
{
	if (!has)
		snprintf(buf, n, "-");
	else if (day == j->date)
		bp_time_format(minute, buf, n);
	else
		bp_datetime_format(day, minute, buf, n);
}

static void list_table(FILE *f, const struct bp_shop *s, const struct bp_job **js, int n)
{
	fprintf(f, "%-16s %-10s %-11s %-10s %-9s %-11s %-6s %-5s %-5s %-5s %-4s %s\n", "JOB",
		"DATE", "WINDOW", "SERVICE", "TIER", "STATUS", "TECH", "BAY", "START", "END", "LOAN",
		"CARRIED");
	for (int i = 0; i < n; i++) {
		const struct bp_job *j = js[i];
		char day[12], win[16], st[20], fin[20], car[12] = "-";
		bp_date_format(j->date, day, sizeof day);
		if (j->has_window)
			bp_span_format(j->window, win, sizeof win);
		else
			bp_time_format(j->window.start, win, sizeof win);
		clock_of(j, j->has_started, j->started_day, j->started, st, sizeof st);
		clock_of(j, j->has_finished, j->finished_day, j->finished, fin, sizeof fin);
		if (j->carried_from > 0)
			bp_date_format(j->carried_from, car, sizeof car);
		int t = j->act_tech >= 0 ? j->act_tech : j->technician;
		bp_out_cell(f, j->id, 16);
		fprintf(f, " %-10s %-11s ", day, win);
		bp_out_cell(f, s->services[j->service].code, 10);
		fprintf(f, " %-9s %-11s ", bp_tier_name(j->tier), bp_job_status_name(j->status));
		bp_out_cell(f, t >= 0 ? s->techs[t].id : "-", 6);
		fputc(' ', f);
		bp_out_cell(f, j->act_bay >= 0 ? s->bays[j->act_bay].id : "-", 5);
		fprintf(f, " %-5s %-5s %-4s %s\n", st, fin, j->loan_car ? "yes" : "-", car);
	}
	fprintf(f, "%d job%s\n", n, n == 1 ? "" : "s");
}

static int job_list(int argc, char **argv, struct bp_ctx *ctx)
{
	const char *date = NULL, *status = NULL;
	struct bp_opt opts[] = {
		BP_STR_OPT("date", &date, "D", "only the jobs of that day"),
		BP_STR_OPT("status", &status, "S", "only jobs in that status: booked, in_progress, "
			   "done, no_show or cancelled"),
	};
	char *pos[1];
	int npos, day = -1, rc;
	enum bp_job_status want = BP_JOB_BOOKED;
	if ((rc = bp_parse_opts(argc, argv, opts, BP_NOPTS(opts), pos, 0, &npos, &ctx->err)))
		return rc;
	if (date && (rc = bp_opt_date("date", date, &day, &ctx->err)))
		return rc;
	if (status && bp_job_status_parse(status, &want))
		return bp_err_set(&ctx->err, BP_EUSAGE, "--status is booked, in_progress, done, "
				  "no_show or cancelled, not '%s'", status);
	struct bp_store *st = NULL;
	struct bp_shop s;
	if ((rc = bp_open_shop(ctx, &st, &s)))
		return rc;
	const struct bp_job **js = malloc(((size_t)s.njobs + 1) * sizeof *js);
	int n = 0;
	if (!js) {
		rc = bp_err_set(&ctx->err, BP_EINTERNAL, "out of memory");
		goto out;
	}
	for (int i = 0; i < s.njobs; i++)
		if ((!date || s.jobs[i].date == day) && (!status || s.jobs[i].status == want))
			js[n++] = &s.jobs[i];
	qsort(js, (size_t)n, sizeof *js, cmp_job);
	if (ctx->format == BP_FMT_CSV)
		list_csv(ctx->out, &s, js, n);
	else if (ctx->format == BP_FMT_JSON)
		rc = list_json(ctx->out, &s, js, n, &ctx->err);
	else
		list_table(ctx->out, &s, js, n);
out:
	free(js);
	bp_shop_free(&s);
	bp_store_close(st);
	return rc;
}

/* A verb that changes the store runs inside a struct jc: begin() opens the
 * transaction, end() commits or rolls back. */
static int in_jc(int (*fn)(struct jc *, int, char **), int argc, char **argv,
		 struct bp_ctx *ctx)
{
	struct jc c;
	memset(&c, 0, sizeof c);
	c.ctx = ctx;
	c.err = &ctx->err;
	bp_shop_init(&c.s);
	return end(&c, fn(&c, argc, argv));
}

static int job_cancel(struct jc *c, int argc, char **argv)
{
	return job_drop(c, argc, argv, "cancel", BP_JOB_CANCELLED);
}

static int job_no_show(struct jc *c, int argc, char **argv)
{
	return job_drop(c, argc, argv, "no-show", BP_JOB_NO_SHOW);
}

#define JC_VERB(name, fn) \
	static int name(int argc, char **argv, struct bp_ctx *ctx) \
	{ \
		return in_jc(fn, argc, argv, ctx); \
	}
JC_VERB(verb_add, job_add)
JC_VERB(verb_move, job_move)
JC_VERB(verb_cancel, job_cancel)
JC_VERB(verb_start, job_start)
JC_VERB(verb_finish, job_finish)
JC_VERB(verb_no_show, job_no_show)

static const struct bp_verb verbs[] = {
	{"add", verb_add, "add --date D --service CODE [--id ID] [--tier T] [--window W | "
	 "--arrival HH:MM] [--promised HH:MM] [--waiting | --loan-car] [--technician ID] "
	 "[--minutes N] [--part SKU=QTY]... [--force]",
	 "book a job; prints its id. It is checked as a shop file's job would be."},
	{"move", verb_move, "move ID --date D [--window W | --arrival HH:MM] [--force]",
	 "move a booked job to another day, window or arrival time."},
	{"cancel", verb_cancel, "cancel ID", "cancel a booked job."},
	{"start", verb_start, "start ID [--at WHEN] [--technician ID] [--bay ID]",
	 "record that a booked job started."},
	{"finish", verb_finish, "finish ID [--at WHEN] [--part SKU=QTY]...",
	 "record that a job in progress is done; the parts used leave stock."},
	{"no-show", verb_no_show, "no-show ID", "record that a booked job's customer did not come."},
	{"list", job_list, "list [--date D] [--status S]",
	 "list jobs with their status (--format table, csv or json)."},
};

int bp_cmd_job(int argc, char **argv, struct bp_ctx *ctx)
{
	if (argc > MAX_ARGS)
		return bp_err_set(&ctx->err, BP_EUSAGE, "job takes at most %d arguments", MAX_ARGS);
	return bp_run_verb("job", verbs, BP_NVERBS(verbs), argc, argv, ctx);
}
