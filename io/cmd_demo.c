/*
 * cmd_demo.c - `bayplan demo`: the tour on the bundled demo shop. It runs the
 * real commands in order (init, import, plan, reorder, windows, board) on
 * the store given by --db, exactly as a user would type them.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "io/cli.h"
#include "io/shopfile.h"

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
	if (!rc)
		rc = run(ctx, "create the store", "init", 0, NULL);
	if (!rc)
		rc = run(ctx, "load the shop and its bookings", "import", 1, a_import);
	if (!rc)
		rc = run(ctx, "tomorrow's plan for the service manager", "plan", 2, a_plan);
	if (!rc)
		rc = run(ctx, "the reorder list for the parts desk", "reorder", 2, a_reorder);
	if (!rc)
		rc = run(ctx, "appointment windows for the booking front-end", "windows", 4,
			 a_windows);
	if (!rc)
		rc = run(ctx, "the workshop board", "board", 4, a_board);
	if (!rc)
		fprintf(ctx->out, "\nOpen %s in a browser to see the board. The store %s now "
				  "holds the plan, the reorder list and the windows.\n",
			board, ctx->db_path);
	return rc;
}
