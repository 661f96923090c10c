/*
 * cmd_parts.c - `bayplan parts order|receive|count|list`: a reorder list or
 * one line placed on order, a delivery received against the open lines
 * (earliest arrival first), a stock-take count, and the stock as it stands.
 * Each change is one transaction with an events row per record changed.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/cli.h"
#include "io/cmd_util.h"
#include "io/out.h"
#include "io/records.h"
#include "io/store_events.h"
#include "io/store_parts.h"
#include "model/timeutil.h"

static int find_part(const struct bp_shop *s, const char *sku, int *p, struct bp_err *err)
{
	*p = bp_shop_part(s, sku);
	if (*p < 0)
		return bp_err_set(err, BP_EDATA, "there is no part '%s' in the shop ('bayplan parts "
				  "list' shows them)", sku);
	return BP_OK;
}

/* A part_orders line as JSON for the events log; received_at only for a
 * delivery. NULL when out of memory. */
static char *line_json(const struct bp_order_line *l, const char *received_at)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	struct bp_json j;
	bp_json_init(&j, f);
	j.compact = 1;
	bp_json_obj(&j, NULL);
	bp_json_int(&j, "id", l->id);
	bp_json_str(&j, "sku", l->sku);
	bp_json_int(&j, "qty", l->qty);
	bp_json_int(&j, "received", l->received);
	bp_json_str(&j, "arrives", l->arrives);
	if (l->run_id > 0)
		bp_json_int(&j, "run_id", l->run_id);
	else
		bp_json_null(&j, "run_id");
	bp_json_str(&j, "source", l->source);
	if (received_at)
		bp_json_str(&j, "received_at", received_at);
	bp_json_end(&j);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static int order_event(struct bp_store *st, const char *command, const struct bp_order_line *old,
		       const struct bp_order_line *l, const char *received_at, struct bp_err *err)
{
	char *before = old ? line_json(old, NULL) : NULL, *after = line_json(l, received_at);
	int rc = !after || (old && !before)
			 ? bp_err_set(err, BP_EINTERNAL, "out of memory")
			 : bp_store_event(st, command, BP_EV_ORDER, l->sku, before, after, err);
	free(before);
	free(after);
	return rc;
}

/* parts.on_hand of part p := n, with its events row. */
static int set_stock(struct bp_store *st, struct bp_shop *s, int p, int n, const char *command,
		     const char *received_at, struct bp_err *err)
{
	const char *sku = s->parts[p].sku;
	char *before = bp_flat_json("si", "sku", sku, "on_hand",
				    (long long)s->parts[p].on_hand);
	char *after = received_at ? bp_flat_json("sis", "sku", sku, "on_hand", (long long)n,
						 "received_at", received_at)
				  : bp_flat_json("si", "sku", sku, "on_hand", (long long)n);
	int rc;
	if (!before || !after)
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory");
	else if (!(rc = bp_store_set_on_hand(st, sku, n, err)) &&
		 !(rc = bp_store_event(st, command, BP_EV_PART, sku, before, after, err)))
		s->parts[p].on_hand = n;
	free(before);
	free(after);
	return rc;
}

/* ---- parts order ---- */

static void now_minute(char *buf, size_t n)
{
	char at[24];
	bp_store_now(at, sizeof at);
	snprintf(buf, n, "%.16s", at);    /* YYYY-MM-DDTHH:MM */
}

static void placed_out(FILE *f, enum bp_format fmt, const struct bp_order_line *l, int n,
		       long long run)
{
	struct bp_json j;
	if (fmt == BP_FMT_JSON) {
		bp_json_init(&j, f);
		bp_json_arr(&j, NULL);
	} else if (fmt == BP_FMT_CSV) {
		fputs("id,sku,qty,arrives,run_id,source,jobs", f);
		bp_csv_end_row(f);
	} else {
		if (run > 0)
			fprintf(f, "Reorder run %lld placed on order: %d line%s\n", run, n,
				n == 1 ? "" : "s");
		fprintf(f, "%6s  %-16s %6s  %-16s  %s\n", "LINE", "SKU", "QTY", "ARRIVES", "JOBS");
	}
	for (int i = 0; i < n; i++) {
		if (fmt == BP_FMT_JSON) {
			bp_json_obj(&j, NULL);
			bp_json_int(&j, "id", l[i].id);
			bp_json_str(&j, "sku", l[i].sku);
			bp_json_int(&j, "qty", l[i].qty);
			bp_json_str(&j, "arrives", l[i].arrives);
			if (l[i].run_id > 0)
				bp_json_int(&j, "run_id", l[i].run_id);
			else
				bp_json_null(&j, "run_id");
			bp_json_str(&j, "source", l[i].source);
			bp_json_str(&j, "jobs", l[i].jobs ? l[i].jobs : "");
			bp_json_end(&j);
		} else if (fmt == BP_FMT_CSV) {
			fprintf(f, "%lld,", l[i].id);
			bp_csv_field(f, l[i].sku);
			fprintf(f, ",%d,%s,", l[i].qty, l[i].arrives);
			if (l[i].run_id > 0)
				fprintf(f, "%lld", l[i].run_id);
			fprintf(f, ",%s,", l[i].source);
			bp_csv_field(f, l[i].jobs ? l[i].jobs : "");
			bp_csv_end_row(f);
		} else {
			fprintf(f, "%6lld  ", l[i].id);
			bp_out_cell(f, l[i].sku, 16);
			fprintf(f, " %6d  %-16s  ", l[i].qty, l[i].arrives);
			bp_out_cell(f, l[i].jobs ? l[i].jobs : "", -1);
			fputc('\n', f);
		}
	}
	if (fmt == BP_FMT_JSON) {
		bp_json_end(&j);
		fputc('\n', f);
	}
}

/* Place lines l[0..n) (their ids are filled), one events row each. */
static int place(struct bp_store *st, const struct bp_shop *s, struct bp_order_line *l, int n,
		 struct bp_err *err)
{
	char now[20];
	int p, rc = BP_OK;
	now_minute(now, sizeof now);
	for (int i = 0; i < n && !rc; i++) {
		if ((rc = find_part(s, l[i].sku, &p, err)))
			break;
		snprintf(l[i].ordered_at, sizeof l[i].ordered_at, "%s", now);
		if (!(rc = bp_store_add_order(st, &l[i], err)))
			rc = order_event(st, "parts order", NULL, &l[i], NULL, err);
	}
	return rc;
}

/* The reorder run's lines become on order; a run placed once is refused,
 * so no need is ordered twice. */
static int order_run(struct bp_ctx *ctx, long long want)
{
	struct bp_store *st;
	struct bp_shop shop;
	struct bp_order_line *l = NULL;
	long long run = 0;
	int n = 0, placed = 0;
	int rc = bp_write_open(ctx, &st, &shop);
	if (rc)
		return rc;
	if (!(rc = bp_store_find_reorder_run(st, want, &run, &ctx->err)) &&
	    !(rc = bp_store_run_ordered(st, run, &placed, &ctx->err))) {
		if (placed)
			rc = bp_err_set(&ctx->err, BP_EDATA, "reorder run %lld is on order already (%d "
					"line%s placed); no need is ordered twice: run 'bayplan "
					"reorder' again for a new list", run, placed,
					placed == 1 ? "" : "s");
		else if (!(rc = bp_store_reorder_orders(st, run, &l, &n, &ctx->err)))
			rc = place(st, &shop, l, n, &ctx->err);
	}
	rc = bp_write_end(ctx, st, rc);
	if (!rc && !n)
		fprintf(ctx->out, "Reorder run %lld orders nothing; nothing was placed.\n", run);
	else if (!rc)
		placed_out(ctx->out, ctx->format, l, n, run);
	bp_order_lines_free(l, n);
	bp_write_close(st, &shop);
	return rc;
}

static int order_one(struct bp_ctx *ctx, const char *sku, const char *qty_s, const char *when)
{
	struct bp_order_line l;
	long long qty;
	memset(&l, 0, sizeof l);
	int rc = bp_arg_int("the quantity", qty_s, &qty, &ctx->err);
	if (rc || (rc = bp_arg_when("arrives", when, -1, l.arrives, sizeof l.arrives, &ctx->err)))
		return rc;
	if (qty <= 0)
		return bp_err_set(&ctx->err, BP_EDATA, "an order is for 1 unit or more, not %lld",
				  qty);
	if (strlen(sku) >= sizeof l.sku)
		return bp_err_set(&ctx->err, BP_EDATA, "there is no part '%s' in the shop", sku);
	snprintf(l.sku, sizeof l.sku, "%s", sku);
	snprintf(l.source, sizeof l.source, "manual");
	l.qty = (int)qty;

	struct bp_store *st;
	struct bp_shop shop;
	if ((rc = bp_write_open(ctx, &st, &shop)))
		return rc;
	rc = place(st, &shop, &l, 1, &ctx->err);
	rc = bp_write_end(ctx, st, rc);
	if (!rc)
		placed_out(ctx->out, ctx->format, &l, 1, 0);
	bp_write_close(st, &shop);
	return rc;
}

static int parts_order(int argc, char **argv, struct bp_ctx *ctx)
{
	const char *arrives = NULL;
	int run = 0;
	struct bp_opt opts[] = {
		BP_INT_OPT("run", &run, "N", "place that reorder run (default: the latest); a "
			   "list is placed once"),
		BP_STR_OPT("arrives", &arrives, "WHEN", "with SKU QTY: one line by hand, arriving "
			   "then"),
	};
	char *pos[2];
	int npos;
	int rc = bp_parse_opts(argc, argv, opts, BP_NOPTS(opts), pos, 2, &npos, &ctx->err);
	if (rc)
		return rc;
	if (npos == 0 && !arrives) {
		int given = bp_opt_given(opts, BP_NOPTS(opts), "run");
		if (given && run <= 0)
			return bp_err_set(&ctx->err, BP_EUSAGE, "--run wants a run id, not %d", run);
		return order_run(ctx, given ? run : 0);
	}
	if (npos == 2 && arrives && !bp_opt_given(opts, BP_NOPTS(opts), "run"))
		return order_one(ctx, pos[0], pos[1], arrives);
	return bp_err_set(&ctx->err, BP_EUSAGE, "parts order takes a reorder list (parts order "
			  "[--run N]) or one line (parts order SKU QTY --arrives WHEN)");
}

/* ---- parts receive ---- */

struct filled {
	long long id;
	int take, open_after;
};

/* Stock first, then the open lines earliest arrival first; what is left
 * over was not on order (*unordered). */
static int receive(struct bp_store *st, struct bp_shop *s, int p, int qty, const char *at,
		   struct filled **fill, int *nfill, int *unordered, struct bp_err *err)
{
	struct bp_order_line *l = NULL;
	int n = 0, left = qty;
	*fill = NULL;
	*nfill = 0;
	int rc = set_stock(st, s, p, s->parts[p].on_hand + qty, "parts receive", at, err);
	if (rc || (rc = bp_store_open_orders(st, s->parts[p].sku, &l, &n, err)))
		return rc;
	if (n && !(*fill = calloc((size_t)n, sizeof **fill)))
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory");
	for (int i = 0; i < n && left > 0 && !rc; i++) {
		struct bp_order_line old = l[i];
		int open = l[i].qty - l[i].received;
		int take = open < left ? open : left;
		l[i].received += take;
		left -= take;
		(*fill)[(*nfill)++] = (struct filled){l[i].id, take, open - take};
		if (!(rc = bp_store_set_received(st, l[i].id, l[i].received, err)))
			rc = order_event(st, "parts receive", &old, &l[i], at, err);
	}
	bp_order_lines_free(l, n);
	*unordered = left;
	return rc;
}

static int parts_receive(int argc, char **argv, struct bp_ctx *ctx)
{
	const char *at_s = NULL;
	struct bp_opt opts[] = {BP_STR_OPT("at", &at_s, "WHEN", "when it came (default now)")};
	char *pos[2], at[20];
	int npos;
	long long qty;
	int rc = bp_parse_opts(argc, argv, opts, BP_NOPTS(opts), pos, 2, &npos, &ctx->err);
	if (rc)
		return rc;
	if (npos != 2)
		return bp_err_set(&ctx->err, BP_EUSAGE, "parts receive needs a part and a quantity: "
				  "parts receive SKU QTY [--at WHEN]");
	if ((rc = bp_arg_int("the quantity", pos[1], &qty, &ctx->err)))
		return rc;
	if (at_s)
		rc = bp_arg_when("at", at_s, -1, at, sizeof at, &ctx->err);
	else
		now_minute(at, sizeof at);
	if (rc)
		return rc;
	if (qty <= 0)
		return bp_err_set(&ctx->err, BP_EDATA, "a delivery is of 1 unit or more, not %lld",
				  qty);

	struct bp_store *st;
	struct bp_shop shop;
	struct filled *fill = NULL;
	int p = -1, nfill = 0, unordered = 0, before = 0;
	if ((rc = bp_write_open(ctx, &st, &shop)))
		return rc;
	if (!(rc = find_part(&shop, pos[0], &p, &ctx->err))) {
		before = shop.parts[p].on_hand;
		if (qty > INT_MAX - before)
			rc = bp_err_set(&ctx->err, BP_EDATA, "%s would have more than %d on hand",
					pos[0], INT_MAX);
		else
			rc = receive(st, &shop, p, (int)qty, at, &fill, &nfill, &unordered,
				     &ctx->err);
	}
	rc = bp_write_end(ctx, st, rc);
	if (!rc) {
		fprintf(ctx->out, "Received %lld x %s at %s: on hand %d -> %d\n", qty, pos[0], at,
			before, shop.parts[p].on_hand);
		for (int i = 0; i < nfill; i++)
			fprintf(ctx->out, "  order line %lld: %d received, %d still open\n",
				fill[i].id, fill[i].take, fill[i].open_after);
		if (unordered)
			bp_warn(ctx, "bayplan parts: warning: nothing was ordered for %d of "
				"them; taken into stock all the same\n", unordered);
	}
	free(fill);
	bp_write_close(st, &shop);
	return rc;
}

/* ---- parts count ---- */

static int parts_count(int argc, char **argv, struct bp_ctx *ctx)
{
	char *pos[2];
	int npos;
	long long qty;
	int rc = bp_parse_opts(argc, argv, NULL, 0, pos, 2, &npos, &ctx->err);
	if (rc)
		return rc;
	if (npos != 2)
		return bp_err_set(&ctx->err, BP_EUSAGE, "parts count needs a part and the count: "
				  "parts count SKU QTY");
	if ((rc = bp_arg_int("the count", pos[1], &qty, &ctx->err)))
		return rc;
	if (qty < 0)
		return bp_err_set(&ctx->err, BP_EDATA, "a count is 0 or more, not %lld (stock never "
				  "goes below zero)", qty);
	struct bp_store *st;
	struct bp_shop shop;
	int p = -1, before = 0;
	if ((rc = bp_write_open(ctx, &st, &shop)))
		return rc;
	if (!(rc = find_part(&shop, pos[0], &p, &ctx->err))) {
		before = shop.parts[p].on_hand;
		rc = set_stock(st, &shop, p, (int)qty, "parts count", NULL, &ctx->err);
	}
	rc = bp_write_end(ctx, st, rc);
	if (!rc)
		fprintf(ctx->out, "Counted %s: on hand %d -> %lld%s\n", pos[0], before, qty,
			before == qty ? " (no change)" : "");
	bp_write_close(st, &shop);
	return rc;
}

/* ---- parts list ---- */

static void list_out(FILE *f, enum bp_format fmt, const struct bp_shop *s)
{
	struct bp_json j;
	if (fmt == BP_FMT_JSON) {
		bp_json_init(&j, f);
		bp_json_arr(&j, NULL);
	} else if (fmt == BP_FMT_CSV) {
		fputs("sku,name,on_hand,on_order,next_arrival,supply", f);
		bp_csv_end_row(f);
	} else {
		fprintf(f, "%-16s %-26s %7s %8s  %-16s  %s\n", "SKU", "NAME", "ON HAND", "ON ORDER",
			"NEXT ARRIVAL", "SUPPLY");
	}
	for (int p = 0; p < s->nparts; p++) {
		const struct bp_part *pt = &s->parts[p];
		long long on_order = 0;
		char next[20] = "";
		for (int k = 0; k < pt->non_order; k++)
			on_order += pt->on_order[k].qty;
		/* The store loads open lines by arrival. */
		if (pt->non_order)
			bp_datetime_format(pt->on_order[0].day, pt->on_order[0].minute, next,
					   sizeof next);
		if (fmt == BP_FMT_JSON) {
			bp_json_obj(&j, NULL);
			bp_json_str(&j, "sku", pt->sku);
			bp_json_str(&j, "name", pt->name);
			bp_json_int(&j, "on_hand", pt->on_hand);
			bp_json_int(&j, "on_order", on_order);
			bp_json_str(&j, "next_arrival", next[0] ? next : NULL);
			bp_json_str(&j, "supply", bp_supply_name(pt->supply));
			bp_json_end(&j);
		} else if (fmt == BP_FMT_CSV) {
			bp_csv_field(f, pt->sku);
			fputc(',', f);
			bp_csv_field(f, pt->name);
			fprintf(f, ",%d,%lld,%s,%s", pt->on_hand, on_order, next,
				bp_supply_name(pt->supply));
			bp_csv_end_row(f);
		} else {
			bp_out_cell(f, pt->sku, 16);
			fputc(' ', f);
			bp_out_cell(f, pt->name, 26);
			fprintf(f, " %7d %8lld  %-16s  %s\n", pt->on_hand, on_order,
				next[0] ? next : "-", bp_supply_name(pt->supply));
		}
	}
	if (fmt == BP_FMT_JSON) {
		bp_json_end(&j);
		fputc('\n', f);
	}
}

static int parts_list(int argc, char **argv, struct bp_ctx *ctx)
{
	char *pos[1];
	int npos;
	int rc = bp_parse_opts(argc, argv, NULL, 0, pos, 0, &npos, &ctx->err);
	if (rc)
		return rc;
	struct bp_store *st = NULL;
	struct bp_shop shop;
	if ((rc = bp_open_shop(ctx, &st, &shop)))
		return rc;
	list_out(ctx->out, ctx->format, &shop);
	bp_shop_free(&shop);
	bp_store_close(st);
	return rc;
}

static const struct bp_verb verbs[] = {
	{"order", parts_order, "order [--run N] | order SKU QTY --arrives WHEN",
	 "a reorder list, or one line by hand, goes on order."},
	{"receive", parts_receive, "receive SKU QTY [--at WHEN]",
	 "a delivery: on hand grows by QTY; the open order lines are filled, earliest "
	 "arrival first."},
	{"count", parts_count, "count SKU QTY", "a stock-take: on hand becomes QTY."},
	{"list", parts_list, "list",
	 "stock, on order and the next arrival of every part (--format table, csv or json)."},
};

int bp_cmd_parts(int argc, char **argv, struct bp_ctx *ctx)
{
	return bp_run_verb("parts", verbs, BP_NVERBS(verbs), argc, argv, ctx);
}
