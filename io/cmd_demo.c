/*
 * cmd_demo.c - `bayplan demo`: the tour on the bundled demo shop. It runs the
 * real commands in order (init, import, plan, reorder, windows, the morning,
 * board), exactly as a user would type them, in a store of its own:
 * demo.db unless --db names one, never the user's bayplan.db or $BAYPLAN_DB.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/cli.h"
#include "io/cmd_util.h"
#include "io/store.h"
#include "io/yaml_shop.h"

#define DEMO_SHOP "demo/shop.yaml"

/* The demo shop: in the source tree we are run from; beside the running
 * binary, in the source tree (./bayplan) or installed (PREFIX/bin/bayplan
 * and PREFIX/share/bayplan), so that an installed copy finds its data
 * wherever it was put, DESTDIR and a PREFIX changed since the build
 * included; last, the PREFIX it was built for. */
static const char *find_demo(char *buf, size_t n)
{
	if (access("scenarios/" DEMO_SHOP, R_OK) == 0)
		return "scenarios/" DEMO_SHOP;
	char exe[4096];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len > 0) {
		exe[len] = 0;
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = 0;
		static const char *const rel[] = {"/scenarios/", "/../share/bayplan/"};
		for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++)
			if ((size_t)snprintf(buf, n, "%s%s" DEMO_SHOP, exe, rel[i]) < n &&
			    access(buf, R_OK) == 0)
				return buf;
	}
	if (access(BP_DATADIR "/" DEMO_SHOP, R_OK) == 0)
		return BP_DATADIR "/" DEMO_SHOP;
	return NULL;
}

static int run(struct bp_ctx *ctx, const char *title, const char *name, int argc, char **argv)
{
	const struct bp_command *c = NULL;
	for (int i = 0; i < bp_ncommands; i++)
		if (strcmp(bp_commands[i].name, name) == 0)
			c = &bp_commands[i];
	fprintf(ctx->out, "\n==== %s: bayplan %s", title, name);
	for (int i = 0; i < argc; i++)
		fprintf(ctx->out, " %s", argv[i]);
	fprintf(ctx->out, "\n\n");
	fflush(ctx->out);
	return c->fn(argc, argv, ctx);
}

/* The first day with bookings: the demo's "tomorrow"; and the shop's name. */
static int demo_date(const char *shop, char *buf, size_t n, char *name, size_t nn,
		     struct bp_err *err)
{
	struct bp_shop s;
	bp_shop_init(&s);
	int rc = bp_shopfile_read(shop, &s, err);
	snprintf(name, nn, "%s", s.info.name);
	int first = -1;
	for (int j = 0; rc == BP_OK && j < s.njobs; j++)
		if (first < 0 || s.jobs[j].date < first)
			first = s.jobs[j].date;
	bp_shop_free(&s);
	if (rc == BP_OK && first < 0)
		rc = bp_err_set(err, BP_EDATA, "the demo shop %s has no bookings", shop);
	if (rc == BP_OK)
		bp_date_format(first, buf, n);
	return rc;
}

/* The morning of the planned day, from the stored plan: the shop records
 * its work as planned, except that the first job runs 20 minutes long and
 * the second 10 short; the technician with the most work after 11:00 goes
 * home sick then. */
struct morning_job {
	char id[BP_ID_LEN];
	int start, end;
};

struct morning {
	struct morning_job *job;   /* planned to start before 11:00, by start */
	int njobs;
	char sick[BP_ID_LEN];
};

#define SICK_AT (11 * 60)

static int by_start(const void *a, const void *b)
{
	const struct morning_job *x = a, *y = b;
	return x->start != y->start ? x->start - y->start : strcmp(x->id, y->id);
}

static int pick_morning(struct bp_ctx *ctx, int date, struct morning *m)
{
	struct bp_store *st = NULL;
	struct bp_shop shop;
	struct bp_plan plan;
	int rc = bp_open_shop(ctx, &st, &shop);
	if (rc)
		return rc;
	bp_plan_init(&plan);
	memset(m, 0, sizeof *m);
	rc = bp_store_load_plan(st, &shop, date, "schedule", &plan, NULL, &ctx->err);
	int *after = calloc((size_t)shop.ntechs + 1, sizeof *after);
	m->job = calloc((size_t)plan.nassign + 1, sizeof *m->job);
	if (!rc && (!after || !m->job))
		rc = bp_err_set(&ctx->err, BP_EINTERNAL, "out of memory");
	for (int i = 0; !rc && i < plan.nassign; i++) {
		const struct bp_assignment *a = &plan.assign[i];
		if (a->start >= SICK_AT) {
			after[a->tech]++;
			continue;
		}
		struct morning_job *mj = &m->job[m->njobs++];
		snprintf(mj->id, sizeof mj->id, "%s", shop.jobs[a->job].id);
		mj->start = a->start;
		mj->end = a->end;
	}
	if (!rc && m->njobs)
		qsort(m->job, (size_t)m->njobs, sizeof *m->job, by_start);
	int best = -1;
	for (int t = 0; !rc && t < shop.ntechs; t++)
		if (after[t] > 0 && (best < 0 || after[t] > after[best]))
			best = t;
	if (!rc && best >= 0)
		snprintf(m->sick, sizeof m->sick, "%s", shop.techs[best].id);
	free(after);
	bp_plan_free(&plan);
	bp_shop_free(&shop);
	bp_store_close(st);
	return rc;
}

/* A job command, shown in full for the first jobs and run quietly for the
 * rest (the demo says how many). A finish the stock cannot cover is left
 * under way rather than ending the tour. */
static int record(struct bp_ctx *ctx, FILE *sink, int shown, const char *title, char **a,
		  int *ok)
{
	FILE *out = ctx->out;
	int quiet = ctx->quiet;
	if (!shown) {
		ctx->out = sink;
		ctx->quiet = 1;
	}
	int rc = run(ctx, title, "job", 4, a);
	ctx->out = out;
	ctx->quiet = quiet;
	if (rc == BP_EDATA && !shown) {
		bp_err_clear(&ctx->err);
		return BP_OK;
	}
	*ok += rc == BP_OK;
	return rc;
}

static int the_morning(struct bp_ctx *ctx, const char *date, int day)
{
	struct morning m;
	int rc = pick_morning(ctx, day, &m), started = 0, finished = 0;
	FILE *sink = rc ? NULL : fopen("/dev/null", "w");
	if (!rc && !sink)
		rc = bp_err_set(&ctx->err, BP_EIO, "cannot open /dev/null");
	for (int i = 0; !rc && i < m.njobs; i++) {
		char at[8];
		bp_time_format(m.job[i].start, at, sizeof at);
		char *a[] = {"start", m.job[i].id, "--at", at};
		rc = record(ctx, sink, i < 2, i ? "and the next" : "the morning: work starts as planned",
			    a, &started);
	}
	for (int i = 0; !rc && i < m.njobs; i++) {
		int end = m.job[i].end + (i == 0 ? 20 : i == 1 ? -10 : 0);
		if (end > SICK_AT)
			continue;
		char at[8];
		bp_time_format(end, at, sizeof at);
		char *a[] = {"finish", m.job[i].id, "--at", at};
		rc = record(ctx, sink, i < 2, i ? "another finishes 10 minutes early"
					       : "it finishes 20 minutes late", a, &finished);
	}
	if (sink)
		fclose(sink);
	if (!rc)
		fprintf(ctx->out, "\n(the rest of the morning is recorded the same way: %d jobs "
			"started by 11:00, %d of them finished)\n", started, finished);
	if (!rc && m.sick[0]) {
		char *a[] = {"off", m.sick, "--date", (char *)date, "--from", "11:00"};
		rc = run(ctx, "a technician goes home sick at 11:00", "roster", 6, a);
	}
	if (!rc) {
		char *a[] = {"--date", (char *)date, "--now", "11:00"};
		rc = run(ctx, "re-plan the rest of the day from 11:00", "plan", 4, a);
	}
	if (!rc) {
		char *a[] = {"list", "--date", (char *)date, "--status", "in_progress"};
		rc = run(ctx, "what is under way at 11:00", "job", 5, a);
	}
	free(m.job);
	return rc;
}

/* Whether the tour may use the store, and whether it must start it over. A
 * store holding the demo's own shop (an earlier tour) starts over, so that
 * the morning's starts and finishes can be recorded again; one holding
 * another shop is somebody's work: replaced only when --replace asks. */
static int check_store(struct bp_ctx *ctx, const char *name, int replace, int *over)
{
	struct bp_store *st = NULL;
	struct bp_shop s;
	int has = 0, rc;
	*over = 0;
	if (access(ctx->db_path, F_OK) != 0)
		return BP_OK;
	bp_shop_init(&s);
	if ((rc = bp_store_open(ctx->db_path, 0, &st, &ctx->err)) ||
	    (rc = bp_store_has_shop(st, &has, &ctx->err)) ||
	    (has && (rc = bp_store_load_shop(st, &s, &ctx->err))))
		goto out;
	if (has && strcmp(s.info.name, name) != 0 && !replace)
		rc = bp_err_set(&ctx->err, BP_EUSAGE, "the store %s holds the shop '%s'; the demo "
				"would replace it: give the demo its own store (--db FILE), or "
				"--replace", ctx->db_path, s.info.name);
	*over = has;
out:
	bp_shop_free(&s);
	bp_store_close(st);
	return rc;
}

/* FILE.db -> FILE.html: the board goes beside the demo's store. */
static void board_name(const char *db, char *buf, size_t n)
{
	size_t len = strlen(db);
	if (len > 3 && strcmp(db + len - 3, ".db") == 0)
		len -= 3;
	snprintf(buf, n, "%.*s.html", (int)len, db);
}

int bp_cmd_demo(int argc, char **argv, struct bp_ctx *ctx)
{
	const char *shop = NULL, *board = NULL;
	int replace = 0;
	struct bp_opt opts[] = {
		BP_STR_OPT("shop", &shop, "FILE", "the shop to tour (default: the bundled demo "
			   "shop)"),
		BP_STR_OPT("board", &board, "FILE.html", "where the board goes (default: beside "
			   "the store, demo.html for demo.db)"),
		BP_FLAG_OPT("replace", &replace, "start the store over even when it holds "
			    "another shop"),
	};
	char *pos[1];
	int npos;
	int rc = bp_parse_opts(argc, argv, opts, BP_NOPTS(opts), pos, 0, &npos, &ctx->err);
	if (rc)
		return rc;
	if (!ctx->db_given)
		ctx->db_path = "demo.db";
	char board_buf[4096];
	if (!board) {
		board_name(ctx->db_path, board_buf, sizeof board_buf);
		board = board_buf;
	}
	char found[4200];
	if (!shop && !(shop = find_demo(found, sizeof found)))
		return bp_err_set(&ctx->err, BP_ENOINPUT,
				  "cannot find the demo shop (scenarios/" DEMO_SHOP " here or "
				  "beside bayplan, ../share/bayplan/" DEMO_SHOP " from it, or "
				  BP_DATADIR "/" DEMO_SHOP "); give --shop FILE");
	char date[16], name[BP_NAME_LEN];
	int over;
	if ((rc = demo_date(shop, date, sizeof date, name, sizeof name, &ctx->err)) ||
	    (rc = check_store(ctx, name, replace, &over)))
		return rc;
	ctx->format = BP_FMT_TABLE;
	fprintf(ctx->out, "bayplan demo: the store is %s, the shop %s, tomorrow is %s.\n",
		ctx->db_path, shop, date);
	char replace_arg[] = "--replace";
	char *a_import[] = {(char *)shop, replace_arg};
	char *a_plan[] = {"--date", date};
	char *a_reorder[] = {"--date", date};
	char *a_windows[] = {"--from", date, "--days", "3"};
	char *a_board[] = {"--date", date, "--out", (char *)board};
	char *a_order[] = {"order"};
	int day;
	bp_date_parse(date, &day);
	if (!rc)
		rc = run(ctx, "create the store", "init", 0, NULL);
	if (!rc)
		rc = run(ctx, over ? "load the shop and its bookings, starting the store over"
			 : "load the shop and its bookings", "import", over ? 2 : 1, a_import);
	if (!rc)
		rc = run(ctx, "tomorrow's plan for the service manager", "plan", 2, a_plan);
	if (!rc)
		rc = run(ctx, "the reorder list for the parts desk", "reorder", 2, a_reorder);
	if (!rc)
		rc = run(ctx, "the parts desk places it: the lines are on order", "parts", 1,
			 a_order);
	if (!rc)
		rc = run(ctx, "appointment windows for the booking front-end", "windows", 4,
			 a_windows);
	if (!rc)
		rc = the_morning(ctx, date, day);
	if (!rc)
		rc = run(ctx, "the workshop board, with what is done and under way", "board", 4,
			 a_board);
	if (!rc)
		fprintf(ctx->out, "\nOpen %s in a browser to see the board. The store %s now "
				  "holds the plan, the reorder list and the windows.\n",
			board, ctx->db_path);
	return rc;
}
