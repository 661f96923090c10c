/*
 * replay.c - bp-replay: the reorder policy replayed over a shop's demand
 * history against a classic min/max rule. Each day of the last N days, both
 * policies review at the evening's close with the same stock rules, orders
 * arrive after their lead time, and the demand that really happened that
 * day is served from stock in time order. bayplan's side calls
 * bp_reorder_solve (what `bayplan reorder` runs) with the history before the
 * day only; min/max is the ERP rule. Prints markdown tables (bench/README.md).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench/lumpy.h"
#include "io/cli.h"
#include "io/yaml_shop.h"
#include "model/err.h"
#include "model/timeutil.h"
#include "solver/forecast.h"
#include "solver/reorder.h"
#include "solver/safety.h"

#define DAY 1440
#define MINMAX_LOOKBACK 90
#define MINMAX_REVIEW_DAYS 1.0

struct delivery {
	int part, qty, t;
};

struct policy {
	const char *name;
	double k;                   /* min/max safety factor; < 0: z of the part's level */
	int *on_hand;
	struct delivery *transit;
	int ntransit, cap;
	long demanded, served, lines, lines_full, order_lines, runs;
	double stock_area;          /* value x opening minutes */
	int days;
	long *p_lines, *p_full;     /* per part */
	long *p_demanded, *p_served;
	double solve_s, solve_max;  /* bayplan: seconds in bp_reorder_solve */
};

struct replay {
	struct bp_shop *s;
	int first, last;            /* history days */
	int from;                   /* first replayed day */
	int *demand;                /* [day - first][part] */
	double cycle;               /* min/max order cycle in days */
	FILE *trace;
	enum bp_demand_class *cls;  /* per part, from the history before `from` */
};

/* CPU seconds of this process: what a solve costs, whatever else the
 * machine runs. */
static double cpu_seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static int dem(const struct replay *r, int day, int p)
{
	return r->demand[(size_t)(day - r->first) * r->s->nparts + p];
}

static int policy_init(struct policy *pl, const char *name, double k, const struct bp_shop *s)
{
	memset(pl, 0, sizeof *pl);
	pl->name = name;
	pl->k = k;
	pl->on_hand = calloc((size_t)s->nparts, sizeof *pl->on_hand);
	pl->p_lines = calloc((size_t)s->nparts, sizeof *pl->p_lines);
	pl->p_full = calloc((size_t)s->nparts, sizeof *pl->p_full);
	pl->p_demanded = calloc((size_t)s->nparts, sizeof *pl->p_demanded);
	pl->p_served = calloc((size_t)s->nparts, sizeof *pl->p_served);
	if (!pl->on_hand || !pl->p_lines || !pl->p_full || !pl->p_demanded || !pl->p_served)
		return -1;
	/* Both policies start from the shop file's stock, nothing on order. */
	for (int p = 0; p < s->nparts; p++)
		pl->on_hand[p] = s->parts[p].on_hand;
	return 0;
}

static void policy_free(struct policy *pl)
{
	free(pl->on_hand);
	free(pl->transit);
	free(pl->p_lines);
	free(pl->p_full);
	free(pl->p_demanded);
	free(pl->p_served);
}

static int order(struct policy *pl, int part, int qty, int t)
{
	if (pl->ntransit == pl->cap) {
		int cap = pl->cap ? 2 * pl->cap : 64;
		struct delivery *d = realloc(pl->transit, (size_t)cap * sizeof *d);
		if (!d)
			return -1;
		pl->transit = d;
		pl->cap = cap;
	}
	pl->transit[pl->ntransit++] = (struct delivery){part, qty, t};
	pl->order_lines++;
	return 0;
}

/* Distinct (supply class, arrival) pairs among the orders placed at one
 * review: the delivery runs. */
static void count_runs(struct policy *pl, const struct bp_shop *s, int before)
{
	for (int i = before; i < pl->ntransit; i++) {
		int dup = 0;
		for (int j = before; j < i && !dup; j++)
			dup = pl->transit[j].t == pl->transit[i].t &&
			      s->parts[pl->transit[j].part].supply == s->parts[pl->transit[i].part].supply;
		pl->runs += !dup;
	}
}

/* Arrival of an order placed at `t` (as solver/reorder.c counts leads: under
 * a day in opening hours, longer ones in calendar time, then into hours). */
static int arrival(const struct bp_shop *s, enum bp_supply c, int t)
{
	int r = s->info.lead_hours[c] * 60, open = s->info.open, close = s->info.close;
	int day = t / DAY, clk = t % DAY;
	if (r < DAY) {
		if (clk < open)
			clk = open;
		if (clk > close)
			clk = close;
		for (;;) {
			if (r <= close - clk)
				return day * DAY + clk + r;
			r -= close - clk;
			day++;
			clk = open;
		}
	}
	t += r;
	day = t / DAY;
	clk = t % DAY;
	if (clk < open)
		return day * DAY + open;
	if (clk > close)
		return (day + 1) * DAY + open;
	return t;
}

static int round_order(const struct bp_part *p, int want)
{
	int pack = p->pack > 0 ? p->pack : 1;
	if (want < p->min_order)
		want = p->min_order;
	return (want + pack - 1) / pack * pack;
}

/* ---- the two policies at the review before `day` ---- */

static int review_minmax(struct replay *r, struct policy *pl, int day)
{
	const struct bp_shop *s = r->s;
	int now = (day - 1) * DAY + s->info.close, before = pl->ntransit;
	int lo = day - MINMAX_LOOKBACK > r->first ? day - MINMAX_LOOKBACK : r->first;
	int n = day - lo;
	for (int p = 0; p < s->nparts && n > 0; p++) {
		const struct bp_part *pt = &s->parts[p];
		double sum = 0, sq = 0;
		for (int d = lo; d < day; d++) {
			sum += dem(r, d, p);
			sq += (double)dem(r, d, p) * dem(r, d, p);
		}
		double mean = sum / n, var = n > 1 ? (sq - sum * sum / n) / (n - 1) : 0;
		double cover = bp_safety_lead_days(s, pt->supply) + MINMAX_REVIEW_DAYS;
		double k = pl->k >= 0 ? pl->k : bp_safety_z(bp_safety_service_level(s, pt));
		double ss = pt->safety_stock >= 0 ? pt->safety_stock
						  : k * sqrt(var > 0 ? var : 0) * sqrt(cover);
		double rop = mean * cover + ss, upto = rop + mean * r->cycle;
		int ip = pl->on_hand[p];
		for (int i = 0; i < pl->ntransit; i++)
			ip += pl->transit[i].part == p ? pl->transit[i].qty : 0;
		if (mean <= 0 || ip > rop)
			continue;
		int q = round_order(pt, (int)ceil(upto - ip - 1e-9));
		if (q > 0 && order(pl, p, q, arrival(s, pt->supply, now)))
			return -1;
	}
	count_runs(pl, s, before);
	return 0;
}

static int cmp_delivery(const void *a, const void *b)
{
	const struct delivery *x = a, *y = b;
	return (x->t > y->t) - (x->t < y->t);
}

/* The shop as bayplan would see it at the review: stock on hand and the
 * deliveries on their way (the 8 the shop file can hold; later ones are
 * folded into the last, so supply is never overstated). */
static void load_state(struct replay *r, struct policy *pl)
{
	struct bp_shop *s = r->s;
	if (pl->ntransit > 1)
		qsort(pl->transit, (size_t)pl->ntransit, sizeof *pl->transit, cmp_delivery);
	for (int p = 0; p < s->nparts; p++) {
		s->parts[p].on_hand = pl->on_hand[p];
		s->parts[p].non_order = 0;
	}
	for (int i = 0; i < pl->ntransit; i++) {
		struct bp_part *pt = &s->parts[pl->transit[i].part];
		struct bp_delivery *d;
		if (pt->non_order < BP_MAX_ON_ORDER) {
			d = &pt->on_order[pt->non_order++];
			d->qty = 0;
		} else {
			d = &pt->on_order[BP_MAX_ON_ORDER - 1];
		}
		d->qty += pl->transit[i].qty;
		d->day = pl->transit[i].t / DAY;
		d->minute = pl->transit[i].t % DAY;
	}
}

static int review_bayplan(struct replay *r, struct policy *pl, int day, struct bp_err *err)
{
	struct bp_shop *s = r->s;
	struct bp_reorder_opts o;
	struct bp_reorder ro;
	bp_reorder_opts_init(&o);
	o.time_limit = 10;
	bp_reorder_init(&ro);
	load_state(r, pl);
	double t0 = cpu_seconds();
	int rc = bp_reorder_solve(s, day, NULL, &o, &ro, err);
	double dt = cpu_seconds() - t0;
	pl->solve_s += dt;
	if (dt > pl->solve_max)
		pl->solve_max = dt;
	if (!rc && ro.status == BP_RUN_FAILED)
		rc = bp_err_set(err, BP_ENOSOLVE, "the reorder program found no answer");
	int next = day * DAY + s->info.close, before = pl->ntransit;
	/* Lines due before the next review are placed now; later ones are
	 * planned again tomorrow. */
	for (int i = 0; !rc && i < ro.nlines; i++) {
		const struct bp_reorder_line *l = &ro.lines[i];
		if (l->order_day * DAY + l->order_min >= next)
			continue;
		if (order(pl, l->part, l->qty, l->arrive_day * DAY + l->arrive_min))
			rc = bp_err_set(err, BP_EINTERNAL, "out of memory");
	}
	if (!rc)
		count_runs(pl, s, before);
	bp_reorder_free(&ro);
	return rc;
}

/* ---- the day: deliveries and the demand that happened ---- */

static int take_arrivals(struct policy *pl, int p, int t)
{
	int got = 0;
	for (int i = 0; i < pl->ntransit; i++)
		if (pl->transit[i].part == p && pl->transit[i].t <= t) {
			got += pl->transit[i].qty;
			pl->transit[i--] = pl->transit[--pl->ntransit];
		}
	return got;
}

/* The day's units arrive evenly over opening hours (the history is daily,
 * the same timing for both policies); each is served from what is on hand
 * at its time or goes short. */
static void run_day(struct replay *r, struct policy *pl, int day)
{
	const struct bp_shop *s = r->s;
	int open = s->info.open, close = s->info.close, len = close - open;
	char date[16];
	bp_date_format(day, date, sizeof date);
	for (int p = 0; p < s->nparts; p++) {
		int q = dem(r, day, p), served = 0, last = day * DAY + open;
		int oh = pl->on_hand[p] + take_arrivals(pl, p, last);
		double area = 0;
		for (int i = 0; i < q; i++) {
			int t = day * DAY + open + (int)((2.0 * i + 1) * len / (2.0 * q));
			area += (double)oh * (t - last);
			last = t;
			oh += take_arrivals(pl, p, t);
			if (oh > 0) {
				oh--;
				served++;
			}
		}
		int end = day * DAY + close;
		area += (double)oh * (end - last);
		oh += take_arrivals(pl, p, end);
		pl->on_hand[p] = oh;
		pl->stock_area += area * s->parts[p].unit_cost;
		pl->demanded += q;
		pl->served += served;
		pl->p_demanded[p] += q;
		pl->p_served[p] += served;
		if (q > 0) {
			pl->lines++;
			pl->p_lines[p]++;
			pl->lines_full += served == q;
			pl->p_full[p] += served == q;
		}
		if (r->trace && (q > 0 || oh > 0))
			fprintf(r->trace, "%s,%s,%s,%d,%d,%d\n", pl->name, date, s->parts[p].sku, q,
				served, oh);
	}
	pl->days++;
}

static int replay_policy(struct replay *r, struct policy *pl, int bayplan, struct bp_err *err)
{
	if (policy_init(pl, pl->name, pl->k, r->s))
		return bp_err_set(err, BP_EINTERNAL, "out of memory");
	for (int day = r->from; day <= r->last; day++) {
		int rc = bayplan ? review_bayplan(r, pl, day, err) : review_minmax(r, pl, day);
		if (rc < 0)
			return bp_err_set(err, BP_EINTERNAL, "out of memory");
		if (rc)
			return rc;
		run_day(r, pl, day);
	}
	return BP_OK;
}

/* ---- results ---- */

static double fill(const struct policy *pl)
{
	return pl->demanded ? (double)pl->served / pl->demanded : 1;
}

static double stock_value(const struct replay *r, const struct policy *pl)
{
	int len = r->s->info.close - r->s->info.open;
	return pl->days ? pl->stock_area / len / pl->days : 0;
}

/* Demand-weighted service level asked, and the parts whose share of days
 * fully served (the cycle service the level stands for) falls short. */
static double asked(const struct replay *r, const struct policy *pl, int *below)
{
	const struct bp_shop *s = r->s;
	double w = 0, sum = 0;
	*below = 0;
	for (int p = 0; p < s->nparts; p++) {
		double sl = bp_safety_service_level(s, &s->parts[p]), q = 0;
		for (int d = r->from; d <= r->last; d++)
			q += dem(r, d, p);
		w += q;
		sum += q * sl;
		if (pl->p_lines[p] && (double)pl->p_full[p] / pl->p_lines[p] < sl)
			(*below)++;
	}
	return w > 0 ? sum / w : 0;
}

static double line_fill(const struct policy *pl)
{
	return pl->lines ? (double)pl->lines_full / pl->lines : 1;
}

/* What the shop's own policy says the replay cost: delivery fees and
 * holding on the average stock. */
static double running_cost(const struct replay *r, const struct policy *pl)
{
	const struct bp_policy *po = &r->s->policy;
	return pl->runs * po->delivery_fee +
	       stock_value(r, pl) * po->holding_rate_per_day * pl->days;
}

static void row(const struct replay *r, const struct policy *pl)
{
	int below;
	double a = asked(r, pl, &below);
	printf("| %s | %.1f %% | %.1f %% | %.1f %% | %.0f | %ld | %ld | %ld | %d | %.0f |\n",
	       pl->name, 100 * fill(pl), 100 * line_fill(pl), 100 * a, stock_value(r, pl),
	       pl->order_lines, pl->runs, pl->lines - pl->lines_full, below, running_cost(r, pl));
}

static int read_history(struct replay *r, int days, int warmup, struct bp_err *err)
{
	const struct bp_shop *s = r->s;
	if (s->ndemand == 0)
		return bp_err_set(err, BP_EDATA, "the shop has no part_demand history to replay");
	r->first = r->last = s->demand[0].day;
	for (int i = 0; i < s->ndemand; i++) {
		if (s->demand[i].day < r->first)
			r->first = s->demand[i].day;
		if (s->demand[i].day > r->last)
			r->last = s->demand[i].day;
	}
	r->from = r->last - days + 1;
	if (r->from < r->first + warmup)
		r->from = r->first + warmup;
	if (r->from > r->last)
		return bp_err_set(err, BP_EDATA, "the history has %d days, too few for a %d-day "
				  "warm-up", r->last - r->first + 1, warmup);
	size_t n = (size_t)(r->last - r->first + 1) * (size_t)s->nparts;
	r->demand = calloc(n ? n : 1, sizeof *r->demand);
	if (!r->demand)
		return bp_err_set(err, BP_EINTERNAL, "out of memory");
	for (int i = 0; i < s->ndemand; i++)
		if (s->demand[i].qty > 0)
			r->demand[(size_t)(s->demand[i].day - r->first) * s->nparts +
				  s->demand[i].part] += s->demand[i].qty;
	/* Syntetos-Boylan class on the history before the replay, as a
	 * planner would have seen it when the replay began */
	int nh = r->from - r->first;
	r->cls = calloc((size_t)(s->nparts ? s->nparts : 1), sizeof *r->cls);
	double *y = malloc((size_t)(nh > 0 ? nh : 1) * sizeof *y);
	if (!r->cls || !y) {
		free(y);
		return bp_err_set(err, BP_EINTERNAL, "out of memory");
	}
	for (int p = 0; p < s->nparts; p++) {
		for (int d = 0; d < nh; d++)
			y[d] = dem(r, r->first + d, p);
		r->cls[p] = bp_forecast_classify(y, nh, NULL, NULL);
	}
	free(y);
	return BP_OK;
}

/* Asked against achieved fill per demand class: units served / demanded
 * over the parts of the class, and the level asked weighted the same way. */
static void class_table(const struct replay *r, const struct policy *bp, const struct policy *mm)
{
	const struct bp_shop *s = r->s;
	printf("\n| class | parts | units demanded | asked (fill rate) | bayplan fill | %s fill |\n"
	       "|---|---|---|---|---|---|\n", mm->name);
	for (int c = BP_DEMAND_SMOOTH; c <= BP_DEMAND_CLASSES; c++) {
		long n = 0, dem_u = 0, sb = 0, sm = 0;
		double asked_w = 0;
		for (int p = 0; p < s->nparts; p++) {
			if (c < BP_DEMAND_CLASSES && r->cls[p] != (enum bp_demand_class)c)
				continue;
			n++;
			dem_u += bp->p_demanded[p];
			sb += bp->p_served[p];
			sm += mm->p_served[p];
			asked_w += bp->p_demanded[p] * bp_safety_service_level(s, &s->parts[p]);
		}
		if (!n || !dem_u)
			continue;
		printf("| %s | %ld | %ld | %.1f %% | %.1f %% | %.1f %% |\n",
		       c < BP_DEMAND_CLASSES ? bp_demand_class_name((enum bp_demand_class)c) : "all",
		       n, dem_u, 100 * asked_w / dem_u, 100.0 * sb / dem_u, 100.0 * sm / dem_u);
	}
}

static const double sweep_k[] = {0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4};
#define NSWEEP (int)(sizeof sweep_k / sizeof sweep_k[0])

/* Stock value of min/max interpolated at `target` of a service measure
 * between the two sweep points around it; -1 when the sweep does not
 * reach it. The sweep's measure need not rise with k at every step (the
 * stock does): the first bracket counts. */
static double stock_at(const struct replay *r, const struct policy *sw,
		       double (*measure)(const struct policy *), double target, double *k)
{
	for (int i = 0; i + 1 < NSWEEP; i++) {
		double f0 = measure(&sw[i]), f1 = measure(&sw[i + 1]);
		if (f0 <= target && target <= f1) {
			double w = f1 > f0 ? (target - f0) / (f1 - f0) : 0;
			*k = sw[i].k + w * (sw[i + 1].k - sw[i].k);
			return stock_value(r, &sw[i]) +
			       w * (stock_value(r, &sw[i + 1]) - stock_value(r, &sw[i]));
		}
	}
	return -1;
}

static void compare(const struct replay *r, const struct policy *bp, const struct policy *sw,
		    double (*measure)(const struct policy *), const char *what)
{
	double k, v = stock_at(r, sw, measure, measure(bp), &k);
	if (v > 0)
		printf("At bayplan's %s %.1f %%, min/max (k = %.2f) holds %.0f of stock value; "
		       "bayplan %.0f, %+.1f %%.\n", what, 100 * measure(bp), k, v,
		       stock_value(r, bp), 100 * (stock_value(r, bp) / v - 1));
	else
		printf("The sweep does not reach bayplan's %s %.1f %%.\n", what, 100 * measure(bp));
}

struct gen {
	int parts;              /* > 0: replace the shop's parts (lumpy.h) */
	double level;           /* > 0: every part's service level */
	long seed;
};

static int run(const char *path, int days, int warmup, double cycle, double fee,
	       const char *trace, int sweep, const struct gen *g, struct bp_err *err)
{
	struct bp_shop s;
	struct replay r;
	struct policy bp, mm, sw[NSWEEP];
	int rc, nsw = 0;
	memset(&r, 0, sizeof r);
	memset(&bp, 0, sizeof bp);
	memset(&mm, 0, sizeof mm);
	bp_shop_init(&s);
	r.s = &s;
	r.cycle = cycle;
	if ((rc = bp_shopfile_read(path, &s, err)))
		goto out;
	s.njobs = 0;   /* the history has no bookings: forecast alone */
	if (g->parts > 0) {
		struct lumpy_opts lo;
		lumpy_opts_init(&lo);
		lo.parts = g->parts;
		lo.seed = (uint64_t)g->seed;
		lo.days = warmup + days;
		lo.level = g->level;
		int end;
		bp_date_parse("2026-11-23", &end);
		lo.first_day = end - lo.days + 1;
		if (lumpy_generate(&s, &lo)) {
			rc = bp_err_set(err, BP_EINTERNAL, "out of memory");
			goto out;
		}
	}
	for (int p = 0; g->level > 0 && p < s.nparts; p++)
		s.parts[p].service_level = g->level;
	if (fee >= 0)  /* what a delivery run costs bayplan's list */
		s.policy.delivery_fee = fee;
	if ((rc = read_history(&r, days, warmup, err)))
		goto out;
	if (trace && !(r.trace = fopen(trace, "w"))) {
		rc = bp_err_set(err, BP_EIO, "cannot write %s", trace);
		goto out;
	}
	if (r.trace)
		fprintf(r.trace, "policy,date,sku,demand,served,on_hand\n");
	bp.name = "bayplan";
	mm.name = "min/max (k = z of asked level)";
	mm.k = -1;
	int *start = malloc((size_t)(s.nparts ? s.nparts : 1) * sizeof *start);
	if (!start) {
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory");
		goto out;
	}
	for (int p = 0; p < s.nparts; p++)
		start[p] = s.parts[p].on_hand;
	rc = replay_policy(&r, &bp, 1, err);
	/* bayplan's runs overwrite the shop's stock; min/max starts from the
	 * same stock as bayplan did. */
	for (int p = 0; p < s.nparts; p++)
		s.parts[p].on_hand = start[p];
	free(start);
	if (!rc)
		rc = replay_policy(&r, &mm, 0, err);
	if (r.trace) {   /* the trace has the two policies of the table */
		fclose(r.trace);
		r.trace = NULL;
	}
	for (int i = 0; !rc && sweep && i < NSWEEP; i++, nsw++) {
		sw[i].name = "min/max sweep";
		sw[i].k = sweep_k[i];
		rc = replay_policy(&r, &sw[i], 0, err);
	}
	if (rc)
		goto out;
	char a[16], b[16];
	bp_date_format(r.from, a, sizeof a);
	bp_date_format(r.last, b, sizeof b);
	printf("Shop %s: %s to %s, %d days replayed (history from the %d days before each), "
	       "%d parts; min/max order cycle %g days; delivery fee %g.\n\n", s.info.name, a, b,
	       r.last - r.from + 1, r.from - r.first, s.nparts, cycle, s.policy.delivery_fee);
	printf("| policy | fill rate | line fill | asked level | avg stock value | order lines "
	       "| delivery runs | blocked lines | parts below level | fees + holding |\n");
	printf("|---|---|---|---|---|---|---|---|---|---|\n");
	row(&r, &bp);
	row(&r, &mm);
	class_table(&r, &bp, &mm);
	printf("\nbayplan's reorder solves: %.2f s CPU in all, %.3f s the longest (%d lists).\n",
	       bp.solve_s, bp.solve_max, bp.days);
	if (!sweep)
		goto out;
	printf("\nmin/max safety factor sweep (k x sigma x sqrt(lead + review)):\n\n");
	printf("| k | fill rate | line fill | avg stock value | order lines | delivery runs | "
	       "blocked lines |\n|---|---|---|---|---|---|---|\n");
	for (int i = 0; i < nsw; i++)
		printf("| %.2f | %.1f %% | %.1f %% | %.0f | %ld | %ld | %ld |\n", sw[i].k,
		       100 * fill(&sw[i]), 100.0 * sw[i].lines_full / sw[i].lines,
		       stock_value(&r, &sw[i]), sw[i].order_lines, sw[i].runs,
		       sw[i].lines - sw[i].lines_full);
	printf("\n");
	compare(&r, &bp, sw, fill, "fill rate");
	compare(&r, &bp, sw, line_fill, "line fill");
out:
	if (r.trace)
		fclose(r.trace);
	policy_free(&bp);
	policy_free(&mm);
	for (int i = 0; i < nsw; i++)
		policy_free(&sw[i]);
	free(r.demand);
	free(r.cls);
	bp_shop_free(&s);
	return rc;
}

static const char usage[] =
	"usage: bp-replay [--shop FILE] [--days N] [--warmup N] [--cycle DAYS] [--fee AMOUNT]\n"
	"                 [--trace CSV] [--no-sweep] [--generate PARTS [--seed N]] [--level L]\n";

int main(int argc, char **argv)
{
	const char *shop = "scenarios/demo/shop.yaml", *trace = NULL;
	int days = 120, warmup = 28, nosweep = 0;
	double cycle = 3, fee = -1;
	struct gen g = {0, 0, 1};
	int seedi = 1;
	struct bp_err err;
	bp_err_clear(&err);
	struct bp_opt opts[] = {
		BP_STR_OPT("shop", &shop, "FILE", "the shop and its history"),
		BP_INT_OPT("days", &days, "N", "days replayed (default 120)"),
		BP_INT_OPT("warmup", &warmup, "N", "days of history before the first (default 28)"),
		BP_NUM_OPT("cycle", &cycle, "DAYS", "min/max order cycle (default 3)"),
		BP_STR_OPT("trace", &trace, "CSV", "write each policy's day per part"),
		BP_FLAG_OPT("no-sweep", &nosweep, "skip the min/max safety factor sweep"),
		BP_NUM_OPT("fee", &fee, "AMOUNT", "delivery fee instead of the shop's"),
		BP_INT_OPT("generate", &g.parts, "PARTS", "replay PARTS generated slow movers "
			   "instead of the shop's parts"),
		BP_INT_OPT("seed", &seedi, "N", "the generator's seed"),
		BP_NUM_OPT("level", &g.level, "L", "every part's service level (with or without "
			   "--generate)"),
	};
	char *pos[1];
	int npos;
	int rc = bp_parse_opts(argc - 1, argv + 1, opts, BP_NOPTS(opts), pos, 0, &npos, &err);
	if (rc == BP_HELP)
		return 0;
	if (!rc && (days < 1 || warmup < 0 || !(cycle >= 0) ||
		    (bp_opt_given(opts, BP_NOPTS(opts), "fee") && !(fee >= 0)) || g.parts < 0 ||
		    (bp_opt_given(opts, BP_NOPTS(opts), "level") && !(g.level > 0 && g.level < 1))))
		rc = bp_err_set(&err, BP_EUSAGE, "--days >= 1, --warmup >= 0, --cycle >= 0, "
				"--fee >= 0, --generate >= 0, --level in (0, 1)");
	g.seed = seedi;
	if (rc) {
		fprintf(stderr, "bp-replay: %s\n%s", err.msg, usage);
		return rc;
	}
	rc = run(shop, days, warmup, cycle, fee, trace, !nosweep, &g, &err);
	if (rc)
		fprintf(stderr, "bp-replay: %s\n", err.msg);
	return rc;
}
