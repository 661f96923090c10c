/*
 * whatif_pool.c - solving the columns of `bayplan whatif` (whatif_int.h):
 * in turn, or in forked processes, each child solving one column and
 * sending its plan, reorder list and KPIs back through a pipe as fixed
 * binary records; only the parent touches the store.
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

#include "io/cmd_util.h"
#include "io/whatif_int.h"
#include "solver/reorder.h"
#include "solver/sched.h"

/* ---- solving one column ---- */

/* The reorder list this column's plan needs, with the same solver
 * settings; its spend (parts and delivery runs) is the column's reorder
 * cost, NAN when the solve fails (the column's schedule still counts). */
static void solve_reorder(struct wi_column *c, int date, double seconds,
			  const struct bp_ctx *ctx)
{
	struct bp_reorder_opts o;
	struct bp_err err;
	bp_reorder_opts_init(&o);
	o.time_limit = seconds;
	o.gap = ctx->gap;
	c->reorder_cost = NAN;
	if (bp_reorder_solve(&c->shop, date, &c->plan, &o, &c->reorder, &err) == BP_OK &&
	    c->reorder.status != BP_RUN_FAILED)
		c->reorder_cost = c->reorder.spend;
	else
		c->reorder.nlines = 0;
}

/* The time limit is the column's, plan and reorder list together (issue
 * 14): the plan gets most of it, the reorder list what the plan left
 * (it needs a few tens of milliseconds on the demo's parts). */
#define PLAN_SHARE 0.8
#define REORDER_MIN 0.05

static void solve_column(struct wi_column *c, int date, const struct bp_ctx *ctx)
{
	struct bp_sched_opts so;
	struct bp_sched_stats stats;
	double t0 = bp_clock();
	bp_sched_opts_init(&so);
	so.time_limit = ctx->time_limit * PLAN_SHARE;
	so.gap = ctx->gap;
	/* The solver's lines, about once a second: a long column is not silent. */
	so.progress = bp_report_progress;
	so.progress_arg = (void *)ctx;
	bp_plan_init(&c->plan);
	bp_err_clear(&c->err);
	memset(&stats, 0, sizeof stats);
	c->rc = bp_sched_solve(&c->shop, date, &so, &c->plan, &stats, &c->err);
	c->reorder_cost = NAN;
	bp_reorder_init(&c->reorder);
	if (!c->rc) {
		double left = ctx->time_limit - (bp_clock() - t0);
		solve_reorder(c, date, left > REORDER_MIN ? left : REORDER_MIN, ctx);
	}
	c->seconds = bp_clock() - t0;
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

static int send_column(int fd, const struct wi_column *c)
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
static void take_column(struct wi_column *c, const char *buf, size_t len, int status)
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

static void report_done(struct bp_ctx *ctx, const struct wi_column *c, int k, int n, int date)
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

static void run_serial(struct wi_column *cols, int n, int date, struct bp_ctx *ctx)
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
static int launch(struct slot *sl, struct wi_column *cols, int col, int date, struct bp_ctx *ctx)
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

static void finish(struct slot *sl, struct wi_column *cols, int *done, int n, int date,
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

static void run_parallel(struct wi_column *cols, int n, int njobs, int date, struct bp_ctx *ctx)
{
	struct slot sl[BP_WI_MAX_JOBS];
	struct pollfd pf[BP_WI_MAX_JOBS];
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
		int np = 0, map[BP_WI_MAX_JOBS];
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

void bp_wi_solve(struct wi_column *cols, int n, int njobs, int date, struct bp_ctx *ctx)
{
	if (njobs > 1 && n > 1)
		run_parallel(cols, n, njobs < n ? njobs : n, date, ctx);
	else
		run_serial(cols, n, date, ctx);
}
