/*
 * cmd_board.c - `bayplan board --date D --out FILE.html`: the latest plan
 * for D as one self-contained page. Written to a temporary file and renamed
 * (io/outfile.c), so a lounge screen reloading the page never sees half of it.
 */
#include <stdio.h>

#include "io/board.h"
#include "io/cli.h"
#include "io/cmd_util.h"
#include "io/outfile.h"
#include "io/store.h"
#include "io/store_reorder.h"
#include "model/day.h"

struct page {
	const struct bp_shop *s;
	const struct bp_plan *p;
	const struct bp_board_opts *bo;
};

static int fill_page(FILE *f, void *arg, struct bp_err *err)
{
	const struct page *pg = arg;
	return bp_board_write(f, pg->s, pg->p, pg->bo, err);
}

int bp_cmd_board(int argc, char **argv, struct bp_ctx *ctx)
{
	const char *date_s = NULL, *out = NULL, *now_s = NULL, *title = NULL;
	int refresh = 300;
	struct bp_opt opts[] = {
		BP_STR_OPT("date", &date_s, "D", "the day whose latest plan is drawn (YYYY-MM-DD)"),
		BP_STR_OPT("out", &out, "FILE.html", "the page to write (replaced whole; never "
			   "the store)"),
		BP_STR_OPT("now", &now_s, "HH:MM", "draw a line at this time across the chart, "
			   "to show where the day stands"),
		BP_STR_OPT("title", &title, "TEXT", "the page's heading (default \"Workshop board "
			   "- SHOP - DATE\")"),
		BP_INT_OPT("refresh", &refresh, "SECONDS", "the page reloads itself this often, "
			   "for a wall screen (default 300; 0 = never)"),
	};
	char *pos[1];
	int npos, date, now = -1;
	int rc = bp_parse_opts(argc, argv, opts, BP_NOPTS(opts), pos, 0, &npos, &ctx->err);
	if (rc)
		return rc;
	if (!date_s || !out)
		return bp_err_set(&ctx->err, BP_EUSAGE, "board needs --date YYYY-MM-DD and --out FILE.html");
	if ((rc = bp_opt_date("date", date_s, &date, &ctx->err)))
		return rc;
	if (now_s && (rc = bp_opt_time("now", now_s, &now, &ctx->err)))
		return rc;
	if (refresh < 0 || refresh > 86400)
		return bp_err_set(&ctx->err, BP_EUSAGE, "--refresh is seconds from 0 (never) to "
				  "86400, not %d", refresh);
	if ((rc = bp_out_not_store("out", out, ctx->db_path, &ctx->err)))
		return rc;

	struct bp_store *st = NULL;
	struct bp_shop shop;
	struct bp_plan plan;
	struct bp_run run;
	bp_plan_init(&plan);
	rc = bp_open_shop(ctx, &st, &shop);
	if (rc)
		return rc;
	/* Jobs of earlier dates in the plan of this date were carried over. */
	bp_day_mark_carried(&shop, date);
	rc = bp_store_load_plan(st, &shop, date, "schedule", &plan, &run, &ctx->err);
	if (rc == BP_OK && run.status == BP_RUN_FAILED)
		rc = bp_err_set(&ctx->err, BP_EDATA,
				"the latest plan for %s failed; run 'bayplan plan --date %s' again",
				date_s, date_s);
	if (rc)
		goto out;
	plan.status = run.status;
	plan.objective = run.objective;
	plan.bound = run.bound;
	plan.gap = run.gap;
	plan.solve_ms = run.solve_ms;
	char **lines = NULL;
	int nlines = 0;
	rc = bp_store_reorder_lines(st, date, &lines, &nlines, &ctx->err);
	if (rc)
		goto out;
	struct bp_board_opts bo;
	bp_board_opts_init(&bo);
	bo.now = now;
	bo.refresh = refresh;
	bo.reorder_lines = (const char **)lines;
	bo.nreorder = nlines;
	if (title)
		bo.title = title;
	struct page pg = {&shop, &plan, &bo};
	rc = bp_out_replace(out, fill_page, &pg, &ctx->err);
	bp_store_free_lines(lines, nlines);
	if (rc == BP_OK)
		fprintf(ctx->out, "board for %s written to %s (%d jobs on bays, %d not placed)\n",
			date_s, out, plan.nassign, plan.nunsched);
out:
	bp_plan_free(&plan);
	bp_shop_free(&shop);
	bp_store_close(st);
	return rc;
}
