/*
 * cmd_whatif.c - `bayplan whatif SCENARIO.yaml`: build the base shop and
 * every variant's shop (all validated before anything is solved), solve each
 * for the scenario's date with the same settings, one after another or in
 * --jobs N forked processes, store every column as a 'whatif' run in one
 * transaction, and print the KPIs side by side with the differences.
 */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/cli.h"
#include "io/cmd_util.h"
#include "io/out.h"
#include "io/plan_out.h"
#include "io/scenario.h"
#include "io/shopfile.h"
#include "io/store.h"
#include "io/store_reorder.h"
#include "model/learn.h"
#include "model/scenario.h"
#include "solver/reorder.h"
#include "solver/sched.h"

#define MAX_JOBS 64	/* --jobs: more processes than this only thrash */

struct column {
	const char *name;
	char scenario[BP_NAME_LEN];    /* runs.scenario: "scenario / column" */
	struct bp_shop shop;
	struct bp_sc_notes notes;
	struct bp_plan plan;
	int rc;                        /* the solve's status; BP_OK when it ran */
	struct bp_err err;
	double seconds;
	double reorder_cost;           /* NAN: not computed (see solve_reorder) */
	struct bp_reorder reorder;     /* its lines, stored under the column's run */
	long long run_id;
};

/* ---- solving one column ---- */

/* The reorder list this column's plan needs, with the same solver
 * settings; its spend (parts and delivery runs) is the column's reorder
 * cost, NAN when the solve fails (the column's schedule still counts). */
static void solve_reorder(struct column *c, int date, const struct bp_ctx *ctx)
{
	struct bp_reorder_opts o;
	struct bp_err err;
	bp_reorder_opts_init(&o);
	o.time_limit = ctx->time_limit;
	o.gap = ctx->gap;
	c->reorder_cost = NAN;
	if (bp_reorder_solve(&c->shop, date, &c->plan, &o, &c->reorder, &err) == BP_OK &&
	    c->reorder.status != BP_RUN_FAILED)
		c->reorder_cost = c->reorder.spend;
	else
		c->reorder.nlines = 0;
}

static void solve_column(struct column *c, int date, const struct bp_ctx *ctx)
{
	struct bp_sched_opts so;
	struct bp_sched_stats stats;
	bp_sched_opts_init(&so);
	so.time_limit = ctx->time_limit;
	so.gap = ctx->gap;
	bp_plan_init(&c->plan);
	bp_err_clear(&c->err);
	memset(&stats, 0, sizeof stats);
	c->rc = bp_sched_solve(&c->shop, date, &so, &c->plan, &stats, &c->err);
	c->seconds = stats.seconds;
	c->reorder_cost = NAN;
	bp_reorder_init(&c->reorder);
	if (!c->rc)
		solve_reorder(c, date, ctx);
}

/* ---- the child's answer on a pipe: a fixed header, then the arrays ---- */

struct wire {
	int rc;
	struct bp_err err;
	double seconds, reorder_cost;
	struct bp_plan plan;           /* pointers meaningless; counts say what follows */
	int nlines, nline_jobs;        /* reorder lines, then all their jobs */
};

static int write_all(int fd, const void *p, size_t n)
{
	const char *b = p;
	while (n) {
		ssize_t w = write(fd, b, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

static int send_column(int fd, const struct column *c)
{
	struct wire w;
	memset(&w, 0, sizeof w);
	w.rc = c->rc;
	w.err = c->err;
	w.seconds = c->seconds;
	w.reorder_cost = c->reorder_cost;
	w.plan = c->plan;
	w.plan.assign = NULL;
	w.plan.unsched = NULL;
	w.nlines = c->reorder.nlines;
	for (int i = 0; i < c->reorder.nlines; i++)
		w.nline_jobs += c->reorder.lines[i].njobs;
	if (write_all(fd, &w, sizeof w) ||
	    write_all(fd, c->plan.assign, (size_t)c->plan.nassign * sizeof *c->plan.assign) ||
	    write_all(fd, c->plan.unsched, (size_t)c->plan.nunsched * sizeof *c->plan.unsched) ||
	    write_all(fd, c->reorder.lines, (size_t)w.nlines * sizeof *c->reorder.lines))
		return -1;
	for (int i = 0; i < c->reorder.nlines; i++)
		if (write_all(fd, c->reorder.lines[i].jobs,
			      (size_t)c->reorder.lines[i].njobs * sizeof(int)))
			return -1;
	return 0;
}

/* The reorder lines after the plan in a child's answer (`len` bytes at
 * `b`): 0, or -1 when they do not add up or memory runs out. */
static int take_lines(struct bp_reorder *r, const char *b, size_t len, int nlines, int njobs)
{
	size_t nl = (size_t)nlines * sizeof(struct bp_reorder_line);
	if (len != nl + (size_t)njobs * sizeof(int))
		return -1;
	const int *jobs = (const int *)(const void *)(b + nl);
	for (int i = 0; i < nlines; i++) {
		struct bp_reorder_line l;
		memcpy(&l, b + i * sizeof l, sizeof l);
		if (l.njobs < 0 || l.njobs > njobs)
			return -1;
		njobs -= l.njobs;
		l.jobs = (int *)jobs;  /* bp_reorder_add_line copies them */
		if (bp_reorder_add_line(r, &l))
			return -1;
		jobs += l.njobs;
	}
	return njobs ? -1 : 0;
}

/* Decode what a child sent; a short or inconsistent message (the child
 * died) makes the column failed with a sentence saying so. */
static void take_column(struct column *c, const char *buf, size_t len, int status)
{
	struct wire w;
	bp_plan_init(&c->plan);
	bp_reorder_init(&c->reorder);
	bp_err_clear(&c->err);
	c->reorder_cost = NAN;
	if (len >= sizeof w)
		memcpy(&w, buf, sizeof w);
	size_t need = 0;
	if (len >= sizeof w && w.plan.nassign >= 0 && w.plan.nunsched >= 0 &&
	    w.plan.nassign <= 10000000 && w.plan.nunsched <= 10000000 && w.nlines >= 0 &&
	    w.nline_jobs >= 0 && w.nlines <= 10000000 && w.nline_jobs <= 10000000)
		need = sizeof w + (size_t)w.plan.nassign * sizeof *w.plan.assign +
		       (size_t)w.plan.nunsched * sizeof *w.plan.unsched;
	if (!need || len < need) {
		char how[80];
		if (WIFSIGNALED(status))
			snprintf(how, sizeof how, "killed by signal %d", WTERMSIG(status));
		else
			snprintf(how, sizeof how, "exit status %d", WEXITSTATUS(status));
		c->rc = bp_err_set(&c->err, BP_EINTERNAL, "the process solving '%s' ended "
				   "without an answer (%s)", c->name, how);
		return;
	}
	c->rc = w.rc;
	c->err = w.err;
	c->seconds = w.seconds;
	c->reorder_cost = w.reorder_cost;
	struct bp_plan p = w.plan;
	p.assign = NULL;
	p.unsched = NULL;
	size_t na = (size_t)p.nassign * sizeof *p.assign;
	size_t nu = (size_t)p.nunsched * sizeof *p.unsched;
	if ((na && !(p.assign = malloc(na))) || (nu && !(p.unsched = malloc(nu)))) {
		free(p.assign);
		c->rc = bp_err_set(&c->err, BP_EINTERNAL, "out of memory reading a variant's plan");
		return;
	}
	if (na)
		memcpy(p.assign, buf + sizeof w, na);
	if (nu)
		memcpy(p.unsched, buf + sizeof w + na, nu);
	c->plan = p;
	if (take_lines(&c->reorder, buf + need, len - need, w.nlines, w.nline_jobs)) {
		bp_reorder_free(&c->reorder);
		bp_reorder_init(&c->reorder);
		c->reorder_cost = NAN;  /* shown as n/a; the schedule still counts */
	}
}

/* ---- running the columns ---- */

static void report_done(struct bp_ctx *ctx, const struct column *c, int k, int n, int date)
{
	if (c->rc) {
		bp_progress(ctx, "whatif: [%d/%d] %s: the solve failed: %s\n", k, n, c->name,
			    c->err.msg);
		return;
	}
	int jobs = 0;
	for (int j = 0; j < c->shop.njobs; j++)
		jobs += c->shop.jobs[j].date == date;
	bp_progress(ctx, "whatif: [%d/%d] %s: %d of %d jobs placed, %s, gap %.2f %% (%.1f s)\n",
		    k, n, c->name, c->plan.kpi.done, jobs, bp_run_status_name(c->plan.status),
		    100 * c->plan.gap, c->seconds);
}

static void run_serial(struct column *cols, int n, int date, struct bp_ctx *ctx)
{
	for (int i = 0; i < n; i++) {
		solve_column(&cols[i], date, ctx);
		report_done(ctx, &cols[i], i + 1, n, date);
	}
}

struct slot {
	pid_t pid;
	int fd, col;
	char *buf;
	size_t len, cap;
};

/* Fork a child for column `col`; it solves, writes its answer and ends
 * with _exit so that nothing of the parent (stdio buffers, atexit handlers,
 * the sanitizers' leak check of the parent's heap) runs twice. -1 when the
 * fork fails; the caller then solves the column itself. */
static int launch(struct slot *sl, struct column *cols, int col, int date, struct bp_ctx *ctx)
{
	int fds[2];
	if (pipe(fds))
		return -1;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		solve_column(&cols[col], date, ctx);
		int bad = send_column(fds[1], &cols[col]);
		close(fds[1]);
		_exit(bad ? 1 : 0);
	}
	close(fds[1]);
	memset(sl, 0, sizeof *sl);
	sl->pid = pid;
	sl->fd = fds[0];
	sl->col = col;
	return 0;
}

/* Read what is there; 1 at end of file, 0 more to come, -1 out of memory. */
static int drain(struct slot *sl)
{
	for (;;) {
		if (sl->cap - sl->len < 65536) {
			size_t nc = sl->cap ? sl->cap * 2 : 131072;
			char *nb = realloc(sl->buf, nc);
			if (!nb)
				return -1;
			sl->buf = nb;
			sl->cap = nc;
		}
		ssize_t got = read(sl->fd, sl->buf + sl->len, sl->cap - sl->len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return 1;
		sl->len += (size_t)got;
		if ((size_t)got < 65536)
			return 0;
	}
}

static void finish(struct slot *sl, struct column *cols, int *done, int n, int date,
		   struct bp_ctx *ctx, int oom)
{
	int status = 0;
	close(sl->fd);
	while (waitpid(sl->pid, &status, 0) < 0 && errno == EINTR)
		;
	if (oom) {
		bp_plan_init(&cols[sl->col].plan);
		cols[sl->col].rc = bp_err_set(&cols[sl->col].err, BP_EINTERNAL,
					      "out of memory reading a variant's plan");
	} else {
		take_column(&cols[sl->col], sl->buf, sl->len, status);
	}
	free(sl->buf);
	sl->buf = NULL;
	sl->pid = 0;
	report_done(ctx, &cols[sl->col], ++*done, n, date);
}

static void run_parallel(struct column *cols, int n, int njobs, int date, struct bp_ctx *ctx)
{
	struct slot sl[MAX_JOBS];
	struct pollfd pf[MAX_JOBS];
	int next = 0, running = 0, done = 0;
	memset(sl, 0, sizeof sl);
	while (next < n || running) {
		for (int s = 0; s < njobs && next < n; s++) {
			if (sl[s].pid)
				continue;
			if (launch(&sl[s], cols, next, date, ctx)) {
				bp_progress(ctx, "whatif: could not start a process (%s); solving "
					    "'%s' here\n", strerror(errno), cols[next].name);
				solve_column(&cols[next], date, ctx);
				report_done(ctx, &cols[next], ++done, n, date);
			} else {
				running++;
			}
			next++;
		}
		if (!running)
			continue;
		int np = 0, map[MAX_JOBS];
		for (int s = 0; s < njobs; s++)
			if (sl[s].pid) {
				pf[np] = (struct pollfd){sl[s].fd, POLLIN, 0};
				map[np++] = s;
			}
		if (poll(pf, (nfds_t)np, -1) < 0) {
			if (errno == EINTR)
				continue;
			/* Should not happen; read them one by one instead. */
			for (int i = 0; i < np; i++)
				pf[i].revents = POLLIN;
		}
		for (int i = 0; i < np; i++) {
			if (!pf[i].revents)
				continue;
			struct slot *s = &sl[map[i]];
			int r = drain(s);
			if (r) {
				finish(s, cols, &done, n, date, ctx, r < 0);
				running--;
			}
		}
	}
}

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
static int held_for_parts(const struct column *c)
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
static int parts_days(const struct column *c, double *v)
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
static int value(const struct column *c, const struct row *r, double *v)
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

static const char *status_text(const struct column *c)
{
	return c->rc ? "failed" : bp_run_status_name(c->plan.status);
}

/* "61", "73.3 %", "12.4"; with a base, the difference: "61 (+3)", "(=)". */
static void cell(char *buf, size_t n, const struct column *c, const struct column *base,
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

static void write_table(FILE *f, const struct bp_scenario *sc, const struct column *cols,
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

static void write_csv(FILE *f, const struct column *cols, int n, const struct row *rows,
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

static void write_json(FILE *f, const struct bp_scenario *sc, const struct column *cols, int n,
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
		const struct column *col = &cols[c];
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

/* ---- the store ---- */

static int store_runs(struct bp_ctx *ctx, int create, struct column *cols, int n, int date)
{
	struct bp_store *st = NULL;
	int rc = bp_store_open(ctx->db_path, create, &st, &ctx->err);
	if (rc == BP_ENOINPUT)
		return bp_err_set(&ctx->err, BP_ENOINPUT, "no store at %s to keep the runs in; "
				  "run 'bayplan init' first (or give --db)", ctx->db_path);
	if (rc)
		return rc;
	if ((rc = bp_store_begin(st, &ctx->err)))
		goto out;
	for (int c = 0; c < n && !rc; c++) {
		struct bp_run run;
		const struct bp_plan *p = &cols[c].plan;
		if (cols[c].rc)
			bp_run_set(&run, "whatif", date, BP_RUN_FAILED, 0, 0, 0, 0);
		else
			bp_run_set(&run, "whatif", date, p->status, p->objective, p->bound,
				   p->gap, p->solve_ms);
		snprintf(run.scenario, sizeof run.scenario, "%s", cols[c].scenario);
		rc = bp_store_add_run(st, &run, &ctx->err);
		if (!rc && !cols[c].rc)
			rc = bp_store_save_plan(st, run.id, &cols[c].shop, &cols[c].plan, &ctx->err);
		if (!rc && !isnan(cols[c].reorder_cost))
			rc = bp_store_save_reorder(st, run.id, &cols[c].shop, &cols[c].reorder,
						   &ctx->err);
		cols[c].run_id = run.id;
	}
	if (!rc)
		rc = bp_store_commit(st, &ctx->err);
	if (rc)
		bp_store_rollback(st);
out:
	bp_store_close(st);
	return rc;
}

/* ---- the command ---- */

/* The base shop: the file the scenario names, or the store's. */
static int load_base(struct bp_ctx *ctx, const struct bp_scenario *sc, struct bp_shop *base)
{
	bp_shop_init(base);
	if (!sc->base[0]) {
		struct bp_store *st = NULL;
		int rc = bp_open_shop(ctx, &st, base);
		bp_store_close(st);
		return rc;
	}
	int rc = bp_shopfile_read(sc->base_path, base, &ctx->err);
	if (rc == BP_ENOINPUT) {
		char note[400];
		snprintf(note, sizeof note, " (the base named at %s:%d:%d)", sc->file,
			 sc->base_pos.line, sc->base_pos.col);
		size_t used = strlen(ctx->err.msg);
		snprintf(ctx->err.msg + used, sizeof ctx->err.msg - used, "%s", note);
	}
	return rc;
}

/* As `plan` does: learned durations (from the base's actuals) replace the
 * standard minutes unless --durations standard. They go into the base
 * before the scenario is applied, so a scenario's own `minutes` for a
 * service still say what it takes, and every column plans like `plan`. */
static int learn_durations(struct bp_ctx *ctx, struct bp_shop *base, int want)
{
	struct bp_learned l;
	struct bp_err e;
	int used = 0;
	if (!want) {
		bp_progress(ctx, "whatif: standard durations\n");
		return 0;
	}
	if (bp_learn(base, NULL, &l, &e) != BP_OK) {
		bp_progress(ctx, "whatif: could not learn durations (%s); using the standard "
			    "ones\n", e.msg);
	} else if (l.changed > 0) {
		bp_learn_apply(base, &l);
		used = 1;
		bp_progress(ctx, "whatif: durations learned from %d actuals (%d service/level "
			    "figures differ from standard)\n", l.used, l.changed);
	} else {
		bp_progress(ctx, "whatif: standard durations (no actuals to learn from)\n");
	}
	bp_learned_free(&l);
	return used;
}

static int build_columns(struct bp_ctx *ctx, const struct bp_scenario *sc,
			 const struct bp_shop *base, int date, struct column *cols, int n)
{
	for (int c = 0; c < n; c++) {
		struct column *col = &cols[c];
		col->name = bp_scenario_column_name(sc, c);
		/* Both names are at most BP_SC_LABEL_MAX bytes (the reader's limit). */
		snprintf(col->scenario, sizeof col->scenario, "%.60s / %.60s", sc->name,
			 col->name);
		int rc = bp_scenario_apply(sc, c, base, date, &col->shop, &col->notes, &ctx->err);
		if (rc)
			return rc;
		for (int k = 0; k < col->notes.n; k++)
			bp_progress(ctx, "whatif: %s: %s\n", col->name, col->notes.msg[k]);
		if (col->notes.more)
			bp_progress(ctx, "whatif: %s: and %d more notes like these\n", col->name,
				    col->notes.more);
	}
	return BP_OK;
}

int bp_cmd_whatif(int argc, char **argv, struct bp_ctx *ctx)
{
	const char *date_opt = NULL, *durations = NULL;
	int njobs = 1, check = 0;
	struct bp_opt opts[] = {
		BP_INT_OPT("jobs", &njobs, "N", "solve N columns at a time, in parallel processes "
			   "(default 1)"),
		BP_STR_OPT("date", &date_opt, "D", "plan this day instead of the scenario's date"),
		BP_FLAG_OPT("check", &check, "only read, apply and validate every column; solve "
			    "and write nothing"),
		BP_STR_OPT("durations", &durations, "KIND", "standard or learned (from the base's "
			   "actuals; the default), as for plan"),
	};
	char *pos[1];
	int npos, date = -1;
	int rc = bp_parse_opts(argc, argv, opts, BP_NOPTS(opts), pos, 1, &npos, &ctx->err);
	if (rc)
		return rc;
	if (npos != 1)
		return bp_err_set(&ctx->err, BP_EUSAGE,
				  "whatif needs the scenario file: whatif SCENARIO.yaml");
	if (njobs < 1 || njobs > MAX_JOBS)
		return bp_err_set(&ctx->err, BP_EUSAGE, "--jobs wants a number from 1 to %d, not "
				  "%d", MAX_JOBS, njobs);
	if (date_opt && (rc = bp_opt_date("date", date_opt, &date, &ctx->err)))
		return rc;
	if (durations && strcmp(durations, "standard") && strcmp(durations, "learned"))
		return bp_err_set(&ctx->err, BP_EUSAGE,
				  "--durations is standard or learned, not '%s'", durations);

	struct bp_scenario sc;
	struct bp_shop base;
	struct column *cols = NULL;
	int n = 0;
	bp_scenario_init(&sc);
	bp_shop_init(&base);
	/* Everything is read, applied and validated before the first solve
	 * and long before the store is written: a bad scenario changes nothing. */
	if ((rc = bp_scenario_read(pos[0], &sc, &ctx->err)))
		goto out;
	if (date < 0)
		date = sc.date;
	if (date < 0) {
		rc = bp_err_set(&ctx->err, BP_EUSAGE, "%s gives no date: add date: \"YYYY-MM-DD\" "
				"to it, or --date", pos[0]);
		goto out;
	}
	if ((rc = load_base(ctx, &sc, &base)))
		goto out;
	int learned = check ? 0 : learn_durations(ctx, &base, !durations ||
						  !strcmp(durations, "learned"));
	n = bp_scenario_ncolumns(&sc);
	if (n > 64) {
		rc = bp_err_set(&ctx->err, BP_EDATA, "%s has %d variants; at most 63 are compared "
				"in one run (split the sweep)", pos[0], n - 1);
		n = 0;
		goto out;
	}
	cols = calloc((size_t)n, sizeof *cols);
	if (!cols) {
		rc = bp_err_set(&ctx->err, BP_EINTERNAL, "out of memory");
		n = 0;
		goto out;
	}
	for (int c = 0; c < n; c++) {
		bp_shop_init(&cols[c].shop);
		bp_reorder_init(&cols[c].reorder);
		bp_plan_init(&cols[c].plan);
	}
	if ((rc = build_columns(ctx, &sc, &base, date, cols, n)))
		goto out;

	char day[12];
	bp_date_format(date, day, sizeof day);
	if (check) {
		fprintf(ctx->out, "%s: scenario '%s' for %s applies and validates:", pos[0], sc.name,
			day);
		for (int c = 0; c < n; c++) {
			int jobs = 0;
			for (int j = 0; j < cols[c].shop.njobs; j++)
				jobs += cols[c].shop.jobs[j].date == date;
			fprintf(ctx->out, "%s %s (%d technicians, %d bays, %d jobs)", c ? ";" : "",
				cols[c].name, cols[c].shop.ntechs, cols[c].shop.nbays, jobs);
		}
		fputc('\n', ctx->out);
		goto out;
	}
	bp_progress(ctx, "whatif: %s, %s: base and %d variant%s, time limit %gs and gap %g%% "
		    "each, %d at a time\n", sc.name, day, n - 1, n == 2 ? "" : "s",
		    ctx->time_limit, 100 * ctx->gap, njobs < n ? njobs : n);
	if (njobs > 1 && n > 1)
		run_parallel(cols, n, njobs < n ? njobs : n, date, ctx);
	else
		run_serial(cols, n, date, ctx);
	for (int c = 0; c < n; c++)
		cols[c].plan.learned_durations = learned;

	if ((rc = store_runs(ctx, sc.base[0] != 0, cols, n, date)))
		goto out;
	struct row rows[MAX_ROWS];
	int nrows = build_rows(&cols[0].shop, rows);
	if (ctx->format == BP_FMT_CSV)
		write_csv(ctx->out, cols, n, rows, nrows);
	else if (ctx->format == BP_FMT_JSON)
		write_json(ctx->out, &sc, cols, n, rows, nrows, date);
	else
		write_table(ctx->out, &sc, cols, n, rows, nrows, date);

	for (int c = 0; c < n; c++)
		if (!cols[c].rc && cols[c].plan.status == BP_RUN_TIME_LIMIT)
			bp_warn(ctx, "bayplan whatif: warning: the time limit ended the "
				"search for '%s'; its plan is within %.2f%% of the best possible\n",
				cols[c].name, 100 * cols[c].plan.gap);
	for (int c = 0; c < n; c++)
		if (cols[c].rc) {
			rc = bp_err_set(&ctx->err, BP_ENOSOLVE, "'%s' has no plan: %s",
					cols[c].name, cols[c].err.msg);
			break;
		}
out:
	for (int c = 0; c < n; c++) {
		bp_shop_free(&cols[c].shop);
		bp_plan_free(&cols[c].plan);
		bp_reorder_free(&cols[c].reorder);
	}
	free(cols);
	bp_shop_free(&base);
	bp_scenario_free(&sc);
	return rc;
}
