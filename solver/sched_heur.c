/*
 * sched_heur.c - the schedule's own incumbents: a priority list construction
 * (tier, scarcity, promised time), then ruin-and-recreate local search.
 * GLPK's primal heuristics are weak on this model; these plans are what the
 * branch-and-bound starts from and what its LP solutions are rounded into.
 */
#include "sched_int.h"
#include "stop.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int bp_state_init(struct bp_state *st, const struct bp_model *m)
{
	memset(st, 0, sizeof *st);
	st->m = m;
	size_t ns = (size_t)m->nslots, nci = (size_t)m->nac * ns;
	st->tuse = calloc((size_t)m->ntc * ns + 1, 1);
	st->buse = calloc((size_t)m->nbc * ns + 1, 1);
	st->stock_use = calloc((size_t)m->nstock + 1, sizeof(int));
	st->chosen = malloc(((size_t)m->njobs + 1) * sizeof(int));
	st->luse = calloc(ns + 1, sizeof(int));
	st->wuse = calloc(ns + 1, sizeof(int));
	st->ci_cnt = calloc(nci + 1, sizeof(int));
	st->ci_q = calloc(nci + ns + 1, sizeof(int)); /* + a scratch row */
	if (!st->tuse || !st->buse || !st->stock_use || !st->chosen || !st->luse || !st->wuse ||
	    !st->ci_cnt || !st->ci_q) {
		bp_state_free(st);
		return -1;
	}
	bp_state_clear(st);
	return 0;
}

void bp_state_free(struct bp_state *st)
{
	free(st->tuse);
	free(st->buse);
	free(st->stock_use);
	free(st->chosen);
	free(st->luse);
	free(st->wuse);
	free(st->ci_cnt);
	free(st->ci_q);
	memset(st, 0, sizeof *st);
}

void bp_state_clear(struct bp_state *st)
{
	const struct bp_model *m = st->m;
	size_t ns = (size_t)m->nslots;
	memset(st->tuse, 0, (size_t)m->ntc * ns);
	memset(st->buse, 0, (size_t)m->nbc * ns);
	memset(st->stock_use, 0, (size_t)m->nstock * sizeof(int));
	memset(st->luse, 0, ns * sizeof(int));
	memset(st->wuse, 0, ns * sizeof(int));
	memset(st->ci_cnt, 0, (size_t)m->nac * ns * sizeof(int));
	for (int j = 0; j < m->njobs; j++)
		st->chosen[j] = -1;
	st->value = 0;
	st->ci_dirty = 1;
}

void bp_state_copy(struct bp_state *dst, const struct bp_state *src)
{
	const struct bp_model *m = src->m;
	size_t ns = (size_t)m->nslots;
	memcpy(dst->tuse, src->tuse, (size_t)m->ntc * ns);
	memcpy(dst->buse, src->buse, (size_t)m->nbc * ns);
	memcpy(dst->stock_use, src->stock_use, (size_t)m->nstock * sizeof(int));
	memcpy(dst->chosen, src->chosen, (size_t)m->njobs * sizeof(int));
	if (m->loan_on)
		memcpy(dst->luse, src->luse, ns * sizeof(int));
	if (m->wash_on)
		memcpy(dst->wuse, src->wuse, ns * sizeof(int));
	if (m->ci_on) {
		memcpy(dst->ci_cnt, src->ci_cnt, (size_t)m->nac * ns * sizeof(int));
		if (!src->ci_dirty)
			memcpy(dst->ci_q, src->ci_q, (size_t)m->nac * ns * sizeof(int));
	}
	dst->ci_dirty = src->ci_dirty;
	dst->value = src->value;
}

/* The check-in slack table: for each class a and start slot s, the least
 * (capacity - demand) over the intervals [a', b'] with a' <= a and b' >= s,
 * which one more job of class a starting at s would enter. O(classes x
 * slots), redone only after a change. */
static void ci_refresh(struct bp_state *st)
{
	const struct bp_model *m = st->m;
	int ns = m->nslots;
	int *run = st->ci_q;
	int *acc = st->ci_q + (size_t)m->nac * ns; /* the scratch row */
	/* demand(a', b') = jobs of class >= a' starting by b', built from the
	 * last class down; slack and its suffix minimum in place. */
	for (int b = 0; b < ns; b++)
		acc[b] = 0;
	for (int a = m->nac - 1; a >= 0; a--) {
		const int *cnt = st->ci_cnt + (size_t)a * ns;
		const int *k = m->ci_k + (size_t)a * ns;
		int *q = run + (size_t)a * ns, pre = 0;
		for (int b = 0; b < ns; b++) {
			pre += cnt[b];
			acc[b] += pre;
			q[b] = k[b] - acc[b];
		}
		for (int b = ns - 2; b >= 0; b--)
			if (q[b + 1] < q[b])
				q[b] = q[b + 1];
	}
	/* Then the least over a' <= a. */
	for (int a = 1; a < m->nac; a++) {
		int *q = run + (size_t)a * ns;
		const int *p = q - ns;
		for (int b = 0; b < ns; b++)
			if (p[b] < q[b])
				q[b] = p[b];
	}
	st->ci_dirty = 0;
}

int bp_state_fits_but(struct bp_state *st, int col, int ignore)
{
	const struct bp_model *m = st->m;
	const struct bp_col *c = &m->cols[col];
	const unsigned char *tu = st->tuse + c->tc * m->nslots;
	const unsigned char *tcap = m->tc_cap + c->tc * m->nslots;
	const unsigned char *bu = st->buse + c->bc * m->nslots;
	const unsigned char *bcap = m->bc_cap + c->bc * m->nslots;
	for (int t = c->s; t < c->s + c->dt; t++)
		if (tu[t] >= tcap[t])
			return 0;
	for (int t = c->s; t < c->s + c->d; t++)
		if (bu[t] >= bcap[t])
			return 0;
	if (!(ignore & BP_FIT_STOCK))
		for (int k = m->srow_start[col]; k < m->srow_start[col + 1]; k++) {
			int r = m->srow_idx[k];
			if (st->stock_use[r] + m->srow_qty[k] > m->stock[r].cap)
				return 0;
		}
	int a, b;
	if (m->loan_on && !(ignore & BP_FIT_LOAN)) {
		bp_col_loan(m, c, &a, &b);
		for (int t = a; t < b; t++)
			if (st->luse[t] >= m->loan_cap[t])
				return 0;
	}
	if (m->wash_on) {
		bp_col_wash(m, c, &a, &b);
		for (int t = a; t < b; t++)
			if (st->wuse[t] >= m->wash_cap[t])
				return 0;
	}
	int ac = m->jobs[c->job].ac;
	if (m->ci_on && ac >= 0 && !(ignore & BP_FIT_CHECKIN)) {
		if (st->ci_dirty)
			ci_refresh(st);
		if (st->ci_q[(size_t)ac * m->nslots + c->s] < 1)
			return 0;
	}
	return 1;
}

int bp_state_fits(struct bp_state *st, int col)
{
	return bp_state_fits_but(st, col, 0);
}

static void apply(struct bp_state *st, int col, int sign)
{
	const struct bp_model *m = st->m;
	const struct bp_col *c = &m->cols[col];
	unsigned char *tu = st->tuse + c->tc * m->nslots;
	unsigned char *bu = st->buse + c->bc * m->nslots;
	for (int t = c->s; t < c->s + c->dt; t++)
		tu[t] = (unsigned char)(tu[t] + sign);
	for (int t = c->s; t < c->s + c->d; t++)
		bu[t] = (unsigned char)(bu[t] + sign);
	for (int k = m->srow_start[col]; k < m->srow_start[col + 1]; k++)
		st->stock_use[m->srow_idx[k]] += sign * m->srow_qty[k];
	int a, b;
	if (m->loan_on) {
		bp_col_loan(m, c, &a, &b);
		for (int t = a; t < b; t++)
			st->luse[t] += sign;
	}
	if (m->wash_on) {
		bp_col_wash(m, c, &a, &b);
		for (int t = a; t < b; t++)
			st->wuse[t] += sign;
	}
	int ac = m->jobs[c->job].ac;
	if (m->ci_on && ac >= 0) {
		st->ci_cnt[(size_t)ac * m->nslots + c->s] += sign;
		st->ci_dirty = 1;
	}
	st->value += sign * c->value;
}

void bp_state_add(struct bp_state *st, int col)
{
	int j = st->m->cols[col].job;
	if (st->chosen[j] >= 0)
		bp_state_remove(st, j);
	apply(st, col, +1);
	st->chosen[j] = col;
}

void bp_state_remove(struct bp_state *st, int job)
{
	int col = st->chosen[job];
	if (col < 0)
		return;
	apply(st, col, -1);
	st->chosen[job] = -1;
}

/* Best column that fits; -1 if none. */
static int best_fit(struct bp_state *st, int job)
{
	const struct bp_model *m = st->m;
	int best = -1;
	double bv = 0;
	for (int c = m->jobs[job].c0; c < m->jobs[job].c1; c++)
		if ((best < 0 || m->cols[c].value > bv) && bp_state_fits(st, c)) {
			best = c;
			bv = m->cols[c].value;
		}
	return best;
}

static const struct bp_model *sort_model;

static int cmp_priority(const void *a, const void *b)
{
	const struct bp_model *m = sort_model;
	const struct bp_mjob *x = &m->jobs[*(const int *)a], *y = &m->jobs[*(const int *)b];
	if (x->base != y->base)
		return x->base > y->base ? -1 : 1;
	int nx = x->c1 - x->c0, ny = y->c1 - y->c0;
	if (nx != ny)
		return nx < ny ? -1 : 1; /* scarce first: fewest ways to do it */
	const struct bp_job *jx = &m->shop->jobs[x->job], *jy = &m->shop->jobs[y->job];
	int px = jx->promised >= 0 ? jx->promised : 1 << 20;
	int py = jy->promised >= 0 ? jy->promised : 1 << 20;
	if (px != py)
		return px < py ? -1 : 1;
	return x->job - y->job;
}

void bp_sched_priority(const struct bp_model *m, int *order)
{
	for (int j = 0; j < m->njobs; j++)
		order[j] = j;
	sort_model = m;
	qsort(order, (size_t)m->njobs, sizeof *order, cmp_priority);
	sort_model = NULL;
}

/* Shortest work a job can take, in slots. */
static int min_slots(const struct bp_model *m, int j)
{
	int d = 1 << 20;
	for (int c = m->jobs[j].c0; c < m->jobs[j].c1; c++)
		if (m->cols[c].dt < d)
			d = m->cols[c].dt;
	return d;
}

static const int *sort_slots;

static int cmp_density(const void *a, const void *b)
{
	const struct bp_model *m = sort_model;
	int x = *(const int *)a, y = *(const int *)b;
	/* Value per slot of work: when not everything fits, two oil changes
	 * may be worth more than one long repair of a higher tier. */
	double dx = m->jobs[x].base / sort_slots[x], dy = m->jobs[y].base / sort_slots[y];
	if (dx != dy)
		return dx > dy ? -1 : 1;
	return cmp_priority(a, b);
}

void bp_sched_priority_density(const struct bp_model *m, int *order)
{
	int *slots = malloc(((size_t)m->njobs + 1) * sizeof(int));
	if (!slots) {
		bp_sched_priority(m, order);
		return;
	}
	for (int j = 0; j < m->njobs; j++) {
		order[j] = j;
		slots[j] = min_slots(m, j);
	}
	sort_model = m;
	sort_slots = slots;
	qsort(order, (size_t)m->njobs, sizeof *order, cmp_density);
	sort_model = NULL;
	sort_slots = NULL;
	free(slots);
}

void bp_sched_construct(struct bp_state *st, const int *order)
{
	for (int i = 0; i < st->m->njobs; i++) {
		int j = order[i];
		if (st->chosen[j] >= 0 || st->m->jobs[j].c1 == st->m->jobs[j].c0)
			continue;
		int c = best_fit(st, j);
		if (c >= 0)
			bp_state_add(st, c);
	}
}

/* Arrival order: when the car is there (window start or arrival time),
 * then booking order. */
static int cmp_arrival(const void *a, const void *b)
{
	const struct bp_model *m = sort_model;
	int x = *(const int *)a, y = *(const int *)b;
	int ax = m->shop->jobs[m->jobs[x].job].window.start;
	int ay = m->shop->jobs[m->jobs[y].job].window.start;
	if (ax != ay)
		return ax < ay ? -1 : 1;
	return m->jobs[x].job - m->jobs[y].job;
}

/* First come, first served, as a dispatcher without a plan works: each car
 * in arrival order to the placement that starts soonest (the first
 * technician and bay free). A plan must never do fewer tier-weighted jobs
 * than this, so it is one of the starts the search keeps the best of. */
void bp_sched_construct_fcfs(struct bp_state *st)
{
	const struct bp_model *m = st->m;
	int *order = malloc(((size_t)m->njobs + 1) * sizeof(int));
	if (!order)
		return;
	for (int j = 0; j < m->njobs; j++)
		order[j] = j;
	sort_model = m;
	qsort(order, (size_t)m->njobs, sizeof *order, cmp_arrival);
	sort_model = NULL;
	for (int i = 0; i < m->njobs; i++) {
		int j = order[i], pick = -1;
		if (st->chosen[j] >= 0)
			continue;
		for (int c = m->jobs[j].c0; c < m->jobs[j].c1; c++)
			if ((pick < 0 || m->cols[c].s < m->cols[pick].s) && bp_state_fits(st, c))
				pick = c;
		if (pick >= 0)
			bp_state_add(st, pick);
	}
	free(order);
}

static uint64_t rng_next(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* Two jobs are related when their placements compete: same class of
 * technician or bay and overlapping (or nearly) in time. */
static int related(const struct bp_model *m, int ca, int cb)
{
	const struct bp_col *a = &m->cols[ca], *b = &m->cols[cb];
	if (a->tc != b->tc && a->bc != b->bc)
		return 0;
	return a->s < b->s + b->d + 4 && b->s < a->s + a->d + 4;
}

/* Ruin and recreate: take out a few related jobs around a random one, put
 * everything unscheduled back in a shuffled priority order, keep the result
 * when it is no worse. Plans of equal value are accepted so the search
 * drifts across plateaus. */
void bp_sched_improve(struct bp_state *st, double deadline, long iters)
{
	const struct bp_model *m = st->m;
	if (m->njobs == 0)
		return;
	struct bp_state trial;
	if (bp_state_init(&trial, m))
		return;
	int *order = malloc((size_t)m->njobs * sizeof(int));
	int *dense = malloc((size_t)m->njobs * sizeof(int));
	int *pool = malloc((size_t)m->njobs * sizeof(int));
	if (!order || !dense || !pool)
		goto out;
	bp_sched_priority(m, order);
	bp_sched_priority_density(m, dense);
	/* First, every job re-placed at its best spot given the others. */
	for (int i = 0; i < m->njobs; i++) {
		int j = order[i], old = st->chosen[j];
		if (old < 0)
			continue;
		bp_state_remove(st, j);
		int c = best_fit(st, j);
		bp_state_add(st, c >= 0 && m->cols[c].value > m->cols[old].value ? c : old);
	}
	uint64_t rng = 0x5eed;
	long iter = 0;
	int stale = 0;
	while (stale < 40 * m->njobs + 200 && iter < iters) {
		/* Every step: on a day of a thousand jobs one takes milliseconds. */
		iter++;
		if (bp_clock() > deadline || bp_solver_stop_requested())
			break;
		bp_state_copy(&trial, st);
		int seed = (int)(rng_next(&rng) % (uint64_t)m->njobs);
		if (trial.chosen[seed] < 0) {
			/* An unscheduled seed: clear room around one of its placements. */
			const struct bp_mjob *J = &m->jobs[seed];
			if (J->c1 == J->c0) {
				stale++;
				continue;
			}
			int c = J->c0 + (int)(rng_next(&rng) % (uint64_t)(J->c1 - J->c0));
			int k = 1 + (int)(rng_next(&rng) % 3);
			for (int j = 0; j < m->njobs && k > 0; j++)
				if (trial.chosen[j] >= 0 && related(m, c, trial.chosen[j]) &&
				    m->jobs[j].base <= J->base && (rng_next(&rng) & 1)) {
					bp_state_remove(&trial, j);
					k--;
				}
		} else {
			int sc = trial.chosen[seed];
			int k = 2 + (int)(rng_next(&rng) % 6);
			bp_state_remove(&trial, seed);
			for (int j = 0; j < m->njobs && k > 0; j++)
				if (trial.chosen[j] >= 0 && related(m, sc, trial.chosen[j]) &&
				    (rng_next(&rng) % 3) == 0) {
					bp_state_remove(&trial, j);
					k--;
				}
		}
		/* Recreate: one of the two priority orders, with a little noise
		 * between neighbours. */
		const int *ord = (rng_next(&rng) & 1) ? order : dense;
		int n = 0;
		for (int i = 0; i < m->njobs; i++)
			if (trial.chosen[ord[i]] < 0)
				pool[n++] = ord[i];
		for (int i = 0; i + 1 < n; i++)
			if ((rng_next(&rng) % 4) == 0) {
				int t = pool[i];
				pool[i] = pool[i + 1];
				pool[i + 1] = t;
			}
		for (int i = 0; i < n; i++) {
			int c = best_fit(&trial, pool[i]);
			if (c >= 0)
				bp_state_add(&trial, c);
		}
		if (trial.value > st->value + 1e-9) {
			bp_state_copy(st, &trial);
			stale = 0;
		} else {
			if (trial.value >= st->value - 1e-9)
				bp_state_copy(st, &trial);
			stale++;
		}
	}
out:
	free(order);
	free(dense);
	free(pool);
	bp_state_free(&trial);
}
