/*
 * reorder_heur.c - a primal heuristic for the reorder program. GLPK's own
 * search finds good answers to it slowly (many delivery times cost nearly
 * the same), so the program starts from this one: given the open delivery
 * runs and the jobs served, each part's orders are the cheapest for it (a
 * small dynamic program); runs are opened or closed one at a time while the
 * cost falls. Under a budget, the unbudgeted answer is cut down, least
 * valuable first (safety stock of the dearest parts, then jobs), and
 * refilled where the cuts left room.
 */
#include "reorder_int.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Sorting by keys: a, then b, ascending. */
struct key {
	double a, b;
	int i;
};

static int by_key(const void *pa, const void *pb)
{
	const struct key *x = pa, *y = pb;
	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return (x->b > y->b) - (x->b < y->b);
}

/* Fill list with the indexes of keys sorted; keys is scratch. */
static void sort_keys(struct key *keys, int n, int *list)
{
	qsort(keys, (size_t)n, sizeof *keys, by_key);
	for (int i = 0; i < n; i++)
		list[i] = keys[i].i;
}

struct heur {
	unsigned char *open;       /* per class and slot: off[c] + k */
	int off[BP_SUPPLIES];
	int nopen;                 /* size of open */
	unsigned char *covered;    /* per job */
	unsigned char *no_ss;      /* per part: buy nothing for safety stock */
	int *order;                /* need indexes by time, then job */
	int *list;                 /* per job: scratch */
	int *jfirst, *jn;          /* per job: its needs in order[] */
	struct key *keys;          /* scratch for sorting, jobs or parts */
	int *runs, *hard;          /* part_orders: open slots, packs each must bring */
	double *soft;              /* part_orders: per slot, units wanted before it */
	int *win;                  /* part_orders: per slot, open runs before it */
	double *dpa, *dpb;         /* part_orders: costs by packs so far */
	int *from;                 /* part_orders: runs x states */
	long work;                 /* part evaluations left (deterministic limit) */
	long evals;                /* part evaluations so far */
	int cut;                   /* the time limit ended the search */
};

static int heur_alloc(const struct ro_model *m, struct heur *h)
{
	memset(h, 0, sizeof *h);
	for (int c = 0; c < BP_SUPPLIES; c++) {
		h->off[c] = h->nopen;
		h->nopen += m->nslots[c];
	}
	h->open = calloc((size_t)h->nopen + 1, 1);
	h->covered = calloc((size_t)m->njobs + 1, 1);
	h->no_ss = calloc((size_t)m->s->nparts + 1, 1);
	h->order = malloc(((size_t)m->nneeds + 1) * sizeof *h->order);
	h->list = malloc(((size_t)m->njobs + 1) * sizeof *h->list);
	h->jfirst = calloc((size_t)m->njobs + 1, sizeof *h->jfirst);
	h->jn = calloc((size_t)m->njobs + 1, sizeof *h->jn);
	size_t nk = (size_t)m->nneeds + (size_t)m->njobs + (size_t)m->s->nparts + 1;
	h->keys = malloc(nk * sizeof *h->keys);
	size_t states = 1, runs = 1;
	for (int p = 0; p < m->s->nparts; p++) {
		const struct ro_part *pi = &m->parts[p];
		int minp = m->s->parts[p].min_order / pi->pack + 1;
		if (pi->active && (size_t)(pi->upper + minp + 1) > states)
			states = (size_t)(pi->upper + minp + 1);
	}
	for (int c = 0; c < BP_SUPPLIES; c++)
		if ((size_t)m->nslots[c] > runs)
			runs = (size_t)m->nslots[c];
	h->runs = malloc(runs * sizeof *h->runs);
	h->hard = malloc(runs * sizeof *h->hard);
	h->soft = malloc(runs * sizeof *h->soft);
	h->win = malloc(runs * sizeof *h->win);
	h->dpa = malloc(states * sizeof *h->dpa);
	h->dpb = malloc(states * sizeof *h->dpb);
	h->from = malloc(runs * states * sizeof *h->from);
	if (!h->open || !h->covered || !h->no_ss || !h->order || !h->list || !h->jfirst ||
	    !h->jn || !h->keys || !h->runs || !h->hard || !h->soft || !h->win || !h->dpa ||
	    !h->dpb || !h->from)
		return -1;
	for (int i = 0; i < m->nneeds; i++)
		h->keys[i] = (struct key){m->needs[i].t, m->needs[i].ji, i};
	sort_keys(h->keys, m->nneeds, h->order);
	for (int i = m->nneeds - 1; i >= 0; i--) {
		int j = m->needs[h->order[i]].ji;
		h->jfirst[j] = i;
		h->jn[j]++;
	}
	return 0;
}

static void heur_free(struct heur *h)
{
	free(h->open);
	free(h->covered);
	free(h->no_ss);
	free(h->order);
	free(h->list);
	free(h->jfirst);
	free(h->jn);
	free(h->keys);
	free(h->runs);
	free(h->soft);
	free(h->win);
	free(h->hard);
	free(h->dpa);
	free(h->dpb);
	free(h->from);
}

/* Can job j be served from stock at its early needs, on top of the jobs
 * served so far? Checked at its time and at each later need before an
 * order can arrive. */
static int fits(const struct ro_model *m, const struct heur *h, int j)
{
	for (int i = h->jfirst[j]; i < h->jfirst[j] + h->jn[j]; i++) {
		const struct ro_need *nd = &m->needs[h->order[i]];
		const struct bp_part *pt = &m->s->parts[nd->part];
		const struct ro_part *pi = &m->parts[nd->part];
		int early = m->earliest[pt->supply];
		if (nd->t >= early)
			continue;
		/* The needs are sorted by time, so the units served by each
		 * later need's time are a running sum: one pass, not one per
		 * need (a 10,000-job day has hundreds of needs per part). */
		int i2 = pi->first, end = pi->first + pi->n, served = 0;
		for (int k = pi->first; k < end && m->needs[k].t < early; k++) {
			int t = m->needs[k].t;
			if (t < nd->t)
				continue;
			for (; i2 < end && m->needs[i2].t <= t; i2++)
				served += h->covered[m->needs[i2].ji] ? m->needs[i2].qty : 0;
			if (served + nd->qty > bp_ro_supply_by(pt, t))
				return 0;
		}
	}
	return 1;
}

/* Share of the stock there is before orders can arrive that job j takes,
 * summed over its parts needed that early. */
static double stock_share(const struct ro_model *m, const struct heur *h, int j)
{
	double share = 0;
	for (int i = h->jfirst[j]; i < h->jfirst[j] + h->jn[j]; i++) {
		const struct ro_need *nd = &m->needs[h->order[i]];
		const struct bp_part *pt = &m->s->parts[nd->part];
		int early = m->earliest[pt->supply];
		if (nd->t < early) {
			int have = bp_ro_supply_by(pt, early - 1);
			share += (double)nd->qty / (have > 0 ? have : 1);
		}
	}
	return share;
}

/* Which jobs are served: fixed ones as fixed; one that needs a part before
 * any order can arrive if the stock is there, the most valuable first (per
 * share of that stock when dense); others only when a budget may still
 * drop them later. */
static void choose_covered(const struct ro_model *m, struct heur *h, int budgeted, int dense)
{
	int n = 0;
	for (int j = 0; j < m->njobs; j++) {
		const struct ro_job *jb = &m->jobs[j];
		h->covered[j] = (unsigned char)(jb->fixed >= 0 ? jb->fixed : !jb->early && budgeted);
		if (jb->fixed < 0 && jb->early) {
			double v = dense ? jb->value / (stock_share(m, h, j) + 1e-9) : jb->value;
			h->keys[n++] = (struct key){-v, jb->t, j};
		}
	}
	sort_keys(h->keys, n, h->list);
	for (int i = 0; i < n; i++)
		h->covered[h->list[i]] = (unsigned char)fits(m, h, h->list[i]);
}

/* Units part p must have had delivered by order by t: the served jobs, and
 * at a check (soft: the moment before t, deliveries at t not counted) its
 * safety stock and unbooked demand too. */
static double want(const struct ro_model *m, const struct heur *h, int p, int t, int soft)
{
	const struct ro_part *pi = &m->parts[p];
	int by = soft ? t - 1 : t;
	double w = bp_ro_jobs_by(m, h->covered, p, by) - bp_ro_supply_by(&m->s->parts[p], by);
	return soft ? w + pi->ss + bp_ro_fc_by(m, p, t) : w;
}

/* Orders of part p at the open runs, the cheapest for the part given the
 * runs and the served jobs: a dynamic program over the runs whose state is
 * the packs ordered so far. Each run must bring what the served jobs need
 * until the next run; each check (the moment before a slot) below safety
 * stock plus unbooked demand costs the shortfall penalty per unit (not
 * counted under no_ss, so that nothing is bought for it; the program
 * charges a day's worst check, this its sum, an upper bound). Orders are
 * at least the minimum. */
static void part_orders(const struct ro_model *m, struct heur *h, int p, int *packs,
			double *short_units)
{
	const struct bp_shop *s = m->s;
	const struct ro_part *pi = &m->parts[p];
	const struct bp_part *pt = &s->parts[p];
	int c = pt->supply, ns = m->nslots[c], pack = pi->pack;
	const unsigned char *open = h->open + h->off[c];
	double ssp = h->no_ss[p] ? 0 : s->policy.safety_shortfall_penalty;
	int minp = pt->min_order > pack ? (pt->min_order + pack - 1) / pack : 1;
	int S = pi->upper + minp + 1, R = 0;
	double *soft = h->soft;
	int *win = h->win;

	memset(packs, 0, (size_t)ns * sizeof *packs);
	for (int k = 0; k < ns; k++)
		if (open[k]) {
			h->runs[R] = k;
			h->hard[R++] = 0;
		}
	for (int k = 0; k < ns; k++) {
		int t = m->slots[c][k];
		soft[k] = want(m, h, p, t, 1);
		win[k] = k ? win[k - 1] : 0;
		while (win[k] < R && m->slots[c][h->runs[win[k]]] < t)
			win[k]++;
	}
	for (int i = pi->first, w = 0; i < pi->first + pi->n; i++) {
		int t = m->needs[i].t;
		while (w < R && m->slots[c][h->runs[w]] <= t)
			w++;
		double v = want(m, h, p, t, 0);
		int need = v > 0 ? (int)ceil(v / pack - 1e-9) : 0;
		if (w > 0 && need > h->hard[w - 1])
			h->hard[w - 1] = need;
	}
	double *prev = h->dpa, *cur = h->dpb;
	for (int q = 0; q < S; q++)
		prev[q] = q ? HUGE_VAL : 0;
	for (int i = 0, k0 = 0; i < R; i++) {
		double unit = bp_ro_unit_cost(m, p, m->slots[c][h->runs[i]]) * pack;
		/* the checks after run i and before the next: win rises with k */
		while (k0 < ns && win[k0] < i + 1)
			k0++;
		double low = HUGE_VAL;   /* min over q' <= q - minp of prev[q'] - q' unit */
		int arg = -1;
		for (int q = 0; q < S; q++) {
			int q2 = q - minp;
			if (q2 >= 0 && prev[q2] < HUGE_VAL && prev[q2] - q2 * unit < low) {
				low = prev[q2] - q2 * unit;
				arg = q2;
			}
			double best = prev[q];
			int from = q;
			if (arg >= 0 && low + q * unit < best - 1e-9) {
				best = low + q * unit;
				from = arg;
			}
			if (q < h->hard[i])
				best = HUGE_VAL;
			for (int k = k0; k < ns && win[k] == i + 1 && best < HUGE_VAL; k++)
				if (soft[k] > q * pack)
					best += ssp * (soft[k] - q * pack);
			cur[q] = best;
			h->from[(size_t)i * S + q] = from;
		}
		double *t = prev;
		prev = cur;
		cur = t;
	}
	int q = 0;
	for (int k = 1; k < S; k++)
		if (prev[k] < prev[q] - 1e-9)
			q = k;
	for (int i = R - 1; i >= 0; i--) {
		int from = h->from[(size_t)i * S + q];
		packs[h->runs[i]] = q - from;
		q = from;
	}
	for (int d = 0; d < m->days; d++)
		short_units[d] = 0;
	/* the first check, before any delivery, is one no order can change:
	 * the program leaves it out, and so does this count (with it, the
	 * rare parts' first check 48 h out made a catalogue's answer look
	 * thousands dearer than GLPK's same list) */
	for (int k = 0, got = 0; k < ns; k++) {
		int d = bp_ro_check_day(m, m->slots[c][k]);
		double v = want(m, h, p, m->slots[c][k], 1) - got;
		if (k > 0 && v > short_units[d])
			short_units[d] = v;
		got += packs[k] * pack;
	}
}

/* The answer for the open runs, and its cost as the program counts it. */
/* Part p's orders into x, and what they cost (holding and shortfall
 * penalties included); *spend gets the parts' price alone. */
static double part_cost(const struct ro_model *m, struct heur *h, int p, struct ro_sol *x,
			double *spend)
{
	const struct bp_shop *s = m->s;
	const struct ro_part *pi = &m->parts[p];
	int c = s->parts[p].supply;
	int *packs = x->packs + pi->xoff;
	double *sh = x->short_units + (size_t)p * m->days;
	double cost = 0;
	h->work--;
	/* the time limit: the work left goes, the searches stop at their
	 * next move; this evaluation is finished */
	if (++h->evals % 128 == 0) {
		if (!h->cut && bp_ro_past_deadline(m)) {
			h->cut = 1;
			h->work = 0;
		}
		bp_ro_report(m, NAN, NAN);
	}
	part_orders(m, h, p, packs, sh);
	*spend = 0;
	for (int k = 0; k < m->nslots[c]; k++) {
		cost += packs[k] * pi->pack * bp_ro_unit_cost(m, p, m->slots[c][k]);
		*spend += packs[k] * pi->pack * s->parts[p].unit_cost;
	}
	for (int d = 0; d < m->days; d++)
		cost += s->policy.safety_shortfall_penalty * sh[d];
	return cost;
}

static double evaluate(const struct ro_model *m, struct heur *h, struct ro_sol *x)
{
	const struct bp_shop *s = m->s;
	double obj = 0, spend;
	for (int p = 0; p < s->nparts; p++)
		if (m->parts[p].active)
			obj += part_cost(m, h, p, x, &spend);
	memcpy(x->covered, h->covered, (size_t)m->njobs);
	for (int j = 0; j < m->njobs; j++)
		obj += h->covered[j] ? 0 : m->jobs[j].value;
	obj += bp_ro_runs_fee(m, x);
	x->obj = obj;
	x->bound = 0;
	x->status = h->cut ? BP_RUN_TIME_LIMIT : BP_RUN_FEASIBLE;
	return obj;
}

/* Delivery-run fees of class c when slot k has used[k] orders. */
static double class_fee(const struct ro_model *m, int c, const int *used)
{
	double fee = 0;
	for (int k = 0; k < m->nslots[c]; k++)
		fee += used[k] > 0 ? bp_ro_run_fee(m, c, k) : 0;
	return fee;
}

/* Orders per slot of class c in x, over the parts of the class. */
static void count_used(const struct ro_model *m, const struct ro_sol *x, const int *parts, int n,
		       int c, int *used)
{
	memset(used, 0, (size_t)m->nslots[c] * sizeof *used);
	for (int i = 0; i < n; i++) {
		const struct ro_part *pi = &m->parts[parts[i]];
		for (int k = 0; k < m->nslots[c]; k++)
			used[k] += x->packs[pi->xoff + k] > 0;
	}
}

/* Local search over the delivery runs: open or close the one slot that
 * lowers the cost most, until none does or the work is spent. A slot of
 * class c changes only that class's parts: each move evaluates those
 * alone (the parts' own costs are kept per part), so a catalogue of
 * thousands of parts takes a move per slot and class, not per part. */
int bp_ro_heur_ideal(struct ro_model *m, long work, struct ro_sol *best)
{
	const struct bp_shop *s = m->s;
	struct heur h;
	struct ro_sol cur;
	int rc = -1;
	int np = s->nparts ? s->nparts : 1;
	double *pc = calloc((size_t)np, sizeof *pc), spend;
	int *parts = malloc((size_t)np * sizeof *parts);
	int *used = NULL, *tried = NULL;
	int nused = 0;
	memset(&cur, 0, sizeof cur);
	memset(&h, 0, sizeof h);
	for (int c = 0; c < BP_SUPPLIES; c++)
		nused = m->nslots[c] > nused ? m->nslots[c] : nused;
	used = malloc(((size_t)nused + 1) * sizeof *used);
	tried = malloc(((size_t)nused + 1) * sizeof *tried);
	if (!pc || !parts || !used || !tried || heur_alloc(m, &h) || bp_ro_sol_alloc(m, &cur))
		goto done;
	h.work = work;
	bp_ro_fix_jobs(m, 0);
	/* every need from the earliest arrival on can be met from here */
	for (int c = 0; c < BP_SUPPLIES; c++)
		if (m->nslots[c])
			h.open[h.off[c]] = 1;
	/* jobs competing for the stock there is: by value, or by value for
	 * the share of stock they take, whichever costs less */
	choose_covered(m, &h, 0, 1);
	evaluate(m, &h, best);
	if (h.cut || bp_ro_past_deadline(m)) {
		/* out of time already (a catalogue on a busy machine): the
		 * first list is whole, every run open */
		best->status = BP_RUN_TIME_LIMIT;
		rc = 0;
		goto done;
	}
	choose_covered(m, &h, 0, 0);
	if (evaluate(m, &h, &cur) < best->obj)
		bp_ro_sol_copy(m, best, &cur);
	else
		choose_covered(m, &h, 0, 1);
	for (int p = 0; p < s->nparts; p++)
		if (m->parts[p].active)
			pc[p] = part_cost(m, &h, p, best, &spend);
	for (int c = 0; c < BP_SUPPLIES; c++) {
		int n = 0;
		for (int p = 0; p < s->nparts; p++)
			if (m->parts[p].active && s->parts[p].supply == (enum bp_supply)c)
				parts[n++] = p;
		if (!n || m->nslots[c] < 2)
			continue;
		for (;;) {
			count_used(m, best, parts, n, c, used);
			double now = class_fee(m, c, used), low = -1e-9;
			int move = -1;
			for (int k = 1; k < m->nslots[c] && h.work > 0; k++) {
				int i = h.off[c] + k;
				h.open[i] ^= 1;
				double d = 0;
				for (int j = 0; j < n; j++)
					d += part_cost(m, &h, parts[j], &cur, &spend) - pc[parts[j]];
				h.open[i] ^= 1;
				count_used(m, &cur, parts, n, c, tried);
				d += class_fee(m, c, tried) - now;
				if (d < low) {
					low = d;
					move = i;
				}
			}
			if (move < 0)
				break;
			h.open[move] ^= 1;
			for (int j = 0; j < n; j++)
				pc[parts[j]] = part_cost(m, &h, parts[j], best, &spend);
			best->obj += low;
			if (h.work <= 0)
				break;
		}
	}
	/* the cost as evaluate counts it, rounding drift and all */
	evaluate(m, &h, best);
	rc = 0;
done:
	heur_free(&h);
	bp_ro_sol_free(&cur);
	free(pc);
	free(parts);
	free(used);
	free(tried);
	return rc;
}

/* Try one change; keep it when it costs less and stays within budget. */
static int try_keep(struct ro_model *m, struct heur *h, double budget, struct ro_sol *best,
		    struct ro_sol *cur)
{
	if (evaluate(m, h, cur) < best->obj - 1e-9 && bp_ro_spend(m, cur) <= budget + 1e-9) {
		bp_ro_sol_copy(m, best, cur);
		return 1;
	}
	return 0;
}

/* Budget items: a served job, or a part's safety stock; index j for jobs,
 * njobs + p for parts. item_flag is the byte that switches it (covered[j],
 * or no_ss[p], which is set when the stock is not bought). */
static unsigned char *item_flag(const struct ro_model *m, struct heur *h, int it)
{
	return it < m->njobs ? &h->covered[it] : &h->no_ss[it - m->njobs];
}

/* A job is on when served, a part's safety stock when it is bought. */
static int item_on(const struct ro_model *m, struct heur *h, int it)
{
	return *item_flag(m, h, it) == (it < m->njobs);
}

/* What switching item it changes, from the current answer whose per-part
 * cost and spend are pc and ps: *dobj the cost (penalties included), *dspend
 * the spend. Only the parts the item touches are recomputed (into tmp). */
static void switch_effect(const struct ro_model *m, struct heur *h, int it, struct ro_sol *tmp,
			  const double *pc, const double *ps, double *dobj, double *dspend)
{
	unsigned char *flag = item_flag(m, h, it);
	double value = it < m->njobs ? m->jobs[it].value : 0;
	*dobj = item_on(m, h, it) ? value : -value;
	*dspend = 0;
	*flag ^= 1;
	double spend;
	if (it < m->njobs) {
		for (int i = h->jfirst[it]; i < h->jfirst[it] + h->jn[it]; i++) {
			int p = m->needs[h->order[i]].part;
			if (!m->parts[p].active)
				continue;
			*dobj += part_cost(m, h, p, tmp, &spend) - pc[p];
			*dspend += spend - ps[p];
		}
	} else {
		int p = it - m->njobs;
		*dobj += part_cost(m, h, p, tmp, &spend) - pc[p];
		*dspend += spend - ps[p];
	}
	*flag ^= 1;
}

static void part_costs(const struct ro_model *m, struct heur *h, struct ro_sol *tmp, double *pc,
		       double *ps)
{
	for (int p = 0; p < m->s->nparts; p++)
		if (m->parts[p].active)
			pc[p] = part_cost(m, h, p, tmp, &ps[p]);
}

/* Swap an item that is out for one that is on, while that lowers the cost
 * within the budget, until none does or the work is spent. */
static void swaps(struct ro_model *m, struct heur *h, const int *items, int n, double budget,
		  struct ro_sol *best, struct ro_sol *cur)
{
	for (int better = 1; better && h->work > 0;) {
		better = 0;
		for (int a = 0; a < n && !better && h->work > 0; a++) {
			if (item_on(m, h, items[a]))
				continue;
			*item_flag(m, h, items[a]) ^= 1;
			for (int b = 0; b < n && !better; b++) {
				if (b == a || !item_on(m, h, items[b]))
					continue;
				*item_flag(m, h, items[b]) ^= 1;
				better = try_keep(m, h, budget, best, cur);
				if (!better)
					*item_flag(m, h, items[b]) ^= 1;
			}
			if (!better)
				*item_flag(m, h, items[a]) ^= 1;
		}
	}
}

/* Add items while one fits the budget: the most cost saved per currency
 * spent first (what costs nothing at once), each checked on the whole
 * answer before it stays. */
static void add_greedy(struct ro_model *m, struct heur *h, const int *items, int n,
		       double budget, struct ro_sol *best, struct ro_sol *cur, double *pc,
		       double *ps, unsigned char *tried, long stop)
{
	memset(tried, 0, (size_t)n);
	evaluate(m, h, best);
	while (h->work > stop) {
		part_costs(m, h, cur, pc, ps);
		double spend = bp_ro_spend(m, best), top = 0;
		int pick = -1;
		for (int i = 0; i < n; i++) {
			if (tried[i] || item_on(m, h, items[i]))
				continue;
			double dobj, dspend;
			switch_effect(m, h, items[i], cur, pc, ps, &dobj, &dspend);
			if (dobj > -1e-9 || spend + dspend > budget + 1e-9)
				continue;
			double r = dspend > 1e-9 ? -dobj / dspend : HUGE_VAL;
			if (r > top) {
				top = r;
				pick = i;
			}
		}
		if (pick < 0)
			break;
		tried[pick] = 1;
		*item_flag(m, h, items[pick]) ^= 1;
		if (!try_keep(m, h, budget, best, cur))
			*item_flag(m, h, items[pick]) ^= 1;
	}
}

/* Drop items from the answer until its spend fits: the one that loses
 * least for what it saves first (the LP's least wanted among equals); then
 * put back, last dropped first, what still fits. */
static void drop_greedy(struct ro_model *m, struct heur *h, const int *items, int n,
			const double *served, double budget, struct ro_sol *best,
			struct ro_sol *cur, double *pc, double *ps, int *dropped, long stop)
{
	int ndrop = 0;
	evaluate(m, h, best);
	while (bp_ro_spend(m, best) > budget + 1e-9) {
		part_costs(m, h, cur, pc, ps);
		int pick = -1;
		double low = HUGE_VAL, tie = HUGE_VAL;
		for (int i = 0; i < n; i++) {
			int it = items[i];
			if (!item_on(m, h, it))
				continue;
			double dobj, dspend;
			switch_effect(m, h, it, cur, pc, ps, &dobj, &dspend);
			if (dspend > -1e-9)
				continue;
			double r = dobj / -dspend;
			double lp = it < m->njobs && served && served[it] >= 0 ? served[it] : 1;
			if (r < low - 1e-9 || (r < low + 1e-9 && lp < tie)) {
				low = r;
				tie = lp;
				pick = it;
			}
		}
		if (pick < 0 || h->work <= stop)
			break;   /* over budget still: the caller takes the other start */
		*item_flag(m, h, pick) ^= 1;
		dropped[ndrop++] = pick;
		evaluate(m, h, best);
	}
	for (int i = ndrop - 1; i >= 0; i--) {
		unsigned char *flag = item_flag(m, h, dropped[i]);
		*flag ^= 1;
		if (!try_keep(m, h, budget, best, cur))
			*flag ^= 1;
	}
}

/* Two starts: the unbudgeted answer cut down (drop_greedy) and nothing
 * built up (add_greedy), both on the unbudgeted answer's delivery runs;
 * the better one, improved by swaps. Items: the jobs that can be served at
 * all (any that orders can reach, and those the stock before the first
 * delivery serves together) and the parts' safety stock. */
int bp_ro_heur_budget(struct ro_model *m, const struct ro_sol *ideal, const double *served,
		      double budget, long work, struct ro_sol *best)
{
	const struct bp_shop *s = m->s;
	struct heur h;
	struct ro_sol cur, other;
	int rc = -1, n = 0;
	size_t nitems = (size_t)s->nparts + (size_t)m->njobs + 1;
	int *items = malloc(nitems * sizeof *items);
	int *dropped = malloc(nitems * sizeof *dropped);
	unsigned char *tried = malloc(nitems);
	unsigned char *keep = malloc(nitems);
	double *pc = calloc((size_t)s->nparts + 1, sizeof *pc);
	double *ps = calloc((size_t)s->nparts + 1, sizeof *ps);
	memset(&cur, 0, sizeof cur);
	memset(&other, 0, sizeof other);
	memset(&h, 0, sizeof h);
	if (heur_alloc(m, &h) || bp_ro_sol_alloc(m, &cur) || bp_ro_sol_alloc(m, &other) ||
	    !items || !dropped || !tried || !keep || !pc || !ps)
		goto done;
	bp_ro_fix_jobs(m, 1);
	h.work = work;
	for (int p = 0; p < s->nparts; p++) {
		const struct ro_part *pi = &m->parts[p];
		int c = s->parts[p].supply;
		for (int k = 0; pi->active && k < m->nslots[c]; k++)
			h.open[h.off[c] + k] |= ideal->packs[pi->xoff + k] > 0 || k == 0;
	}
	choose_covered(m, &h, 0, 1);
	for (int j = 0; j < m->njobs; j++)
		if (m->jobs[j].fixed < 0 && (!m->jobs[j].early || h.covered[j]))
			items[n++] = j;
	for (int p = 0; p < s->nparts; p++)
		if (m->parts[p].active && m->parts[p].ss > 0)
			items[n++] = m->njobs + p;

	/* nothing, built up */
	for (int j = 0; j < m->njobs; j++)
		if (m->jobs[j].fixed < 0)
			h.covered[j] = 0;
	memset(h.no_ss, 1, (size_t)s->nparts);
	add_greedy(m, &h, items, n, budget, &other, &cur, pc, ps, tried, work * 3 / 4);
	for (int i = 0; i < n; i++)
		keep[i] = (unsigned char)item_on(m, &h, items[i]);

	/* the unbudgeted answer, cut down */
	memcpy(h.covered, ideal->covered, (size_t)m->njobs);
	memset(h.no_ss, 0, (size_t)s->nparts);
	drop_greedy(m, &h, items, n, served, budget, best, &cur, pc, ps, dropped, work / 2);
	if (other.obj < best->obj || bp_ro_spend(m, best) > budget + 1e-9) {
		bp_ro_sol_copy(m, best, &other);
		for (int i = 0; i < n; i++)
			if (item_on(m, &h, items[i]) != keep[i])
				*item_flag(m, &h, items[i]) ^= 1;
	}
	swaps(m, &h, items, n, budget, best, &cur);
	rc = 0;
done:
	free(items);
	free(dropped);
	free(tried);
	free(keep);
	free(pc);
	free(ps);
	bp_ro_sol_free(&cur);
	bp_ro_sol_free(&other);
	heur_free(&h);
	return rc;
}
