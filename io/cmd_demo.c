/*
 * cmd_demo.c - `bayplan demo`: the tour on the bundled demo shop. It runs the
 * real commands in order (init, import, plan, reorder, windows, board) on
 * the store given by --db, exactly as a user would type them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/cli.h"
#include "io/cmd_util.h"
#include "io/shopfile.h"
#include "io/store.h"

static const char *find_demo(void)
{
	static const char *places[] = {"scenarios/demo/shop.yaml", BP_DATADIR "/demo/shop.yaml"};
	for (size_t i = 0; i < sizeof places / sizeof places[0]; i++)
		if (access(places[i], R_OK) == 0)
			return places[i];
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

/* The first day with bookings: the demo's "tomorrow". */
static int demo_date(const char *shop, char *buf, size_t n, struct bp_err *err)
{
	struct bp_shop s;
	bp_shop_init(&s);
	int rc = bp_shopfile_read(shop, &s, err);
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

/* The morning of the planned day, from the stored plan: the first jobs
 * start as planned, one runs 20 minutes long and one 10 short, and the
 * technician with the most work after 11:00 goes home sick then. */
struct morning {
	char job[4][BP_ID_LEN], start[4][8], finish[2][8], sick[BP_ID_LEN];
	int njobs;
};

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
	if (!rc && !after)
		rc = bp_err_set(&ctx->err, BP_EINTERNAL, "out of memory");
	for (int pass = 0; !rc && pass < 2 * 24 * 60 && m->njobs < 4; pass += 5) {
		/* earliest starts first, in five-minute steps */
		for (int i = 0; i < plan.nassign && m->njobs < 4; i++) {
			const struct bp_assignment *a = &plan.assign[i];
			if (a->start < pass || a->start >= pass + 5 || a->start >= 10 * 60)
				continue;
			snprintf(m->job[m->njobs], sizeof m->job[0], "%s", shop.jobs[a->job].id);
			bp_time_format(a->start, m->start[m->njobs], sizeof m->start[0]);
			if (m->njobs < 2)
				bp_time_format(a->end + (m->njobs ? -10 : 20), m->finish[m->njobs],
					       sizeof m->finish[0]);
			m->njobs++;
		}
	}
	for (int i = 0; !rc && i < plan.nassign; i++)
		if (plan.assign[i].start >= 11 * 60)
			after[plan.assign[i].tech]++;
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

static int the_morning(struct bp_ctx *ctx, const char *date, int day)
{
	struct morning m;
	int rc = pick_morning(ctx, day, &m);
	for (int i = 0; !rc && i < m.njobs; i++) {
		char *a[] = {"start", m.job[i], "--at", m.start[i]};
		rc = run(ctx, i ? "and the next" : "the morning: a job starts", "job", 4, a);
	}
	for (int i = 0; !rc && i < m.njobs && i < 2; i++) {
		char *a[] = {"finish", m.job[i], "--at", m.finish[i]};
		rc = run(ctx, i ? "another finishes early" : "it finishes 20 minutes late", "job",
			 4, a);
	}
	if (!rc && m.sick[0]) {
		char *a[] = {"off", m.sick, "--date", (char *)date, "--from", "11:00"};
		rc = run(ctx, "a technician goes home sick at 11:00", "roster", 6, a);
	}
	if (!rc) {
		char *a[] = {"--date", (char *)date, "--now", "11:00"};
		rc = run(ctx, "re-plan the rest of the day from 11:00", "plan", 4, a);
	}
	if (!rc) {
		char *a[] = {"list", "--date", (char *)date, "--status", "done"};
		rc = run(ctx, "what is done so far", "job", 5, a);
	}
	return rc;
}

int bp_cmd_demo(int argc, char **argv, struct bp_ctx *ctx)
{
	const char *shop = NULL, *board = "board.html";
	struct bp_opt opts[] = {
		{"shop", BP_OPT_STRING, &shop, 0},
		{"board", BP_OPT_STRING, &board, 0},
	};
	char *pos[1];
	int npos;
	int rc = bp_parse_opts(argc, argv, opts, 2, pos, 0, &npos, &ctx->err);
	if (rc)
		return rc;
	if (!shop && !(shop = find_demo()))
		return bp_err_set(&ctx->err, BP_ENOINPUT,
				  "cannot find the demo shop (scenarios/demo/shop.yaml here, or "
				  "%s/demo/shop.yaml); give --shop FILE", BP_DATADIR);
	char date[16];
	if ((rc = demo_date(shop, date, sizeof date, &ctx->err)))
		return rc;
	ctx->format = BP_FMT_TABLE;
	fprintf(ctx->out, "bayplan demo: the store is %s, the shop %s, tomorrow is %s.\n",
		ctx->db_path, shop, date);
	char *a_import[] = {(char *)shop};
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
		rc = run(ctx, "load the shop and its bookings", "import", 1, a_import);
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
