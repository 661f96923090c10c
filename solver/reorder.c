/*
 * reorder.c - the reorder list (see reorder.h): known demand of booked jobs
 * timed by the plan, unbooked demand from the forecasts, safety stock, the
 * candidate delivery times; then the heuristic and the integer program
 * (reorder_heur.c, reorder_ip.c) and the answer: lines with the jobs each
 * order serves, budget drops, slow movers. Times are absolute minutes.
 */
#include "reorder.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "reorder_int.h"
#include "safety.h"

#define DAY RO_DAY
#define NO_RECENT_DAYS 90

/* ---- time ---- */

static int clamp_open(const struct ro_model *m, int t)
{
	int day = t / DAY, clk = t % DAY;
	if (clk < m->open)
		return day * DAY + m->open;
	if (clk > m->close)
		return (day + 1) * DAY + m->open;
	return t;
}

static int lead_min(const struct ro_model *m, enum bp_supply c)
{
	return m->s->info.lead_hours[c] * 60;
}

/* Short leads run in opening hours (as safety.c counts them); long ones
 * in calendar time. */
static int in_hours(const struct ro_model *m, enum bp_supply c)
{
	return lead_min(m, c) < DAY && m->close > m->open;
}

/* The first opening at or after t: a delivery at close serves tomorrow. */
static int first_use(const struct ro_model *m, int t)
{
	int day = t / DAY, clk = t % DAY;
	if (clk < m->open)
		return day * DAY + m->open;
	if (clk >= m->close)
		return (day + 1) * DAY + m->open;
	return t;
}

/* When an order placed at `order` (in opening hours) can be used. */
static int arrival(const struct ro_model *m, enum bp_supply c, int order)
{
	int r = lead_min(m, c);
	if (in_hours(m, c)) {
		int day = order / DAY, clk = order % DAY;
		for (;;) {
			int avail = m->close - clk;
			if (r <= avail)
				return day * DAY + clk + r;
			r -= avail;
			day++;
			clk = m->open;
		}
	}
	return clamp_open(m, order + r);
}

/* The latest time in opening hours to order so that it arrives by `t`. */
static int latest_order(const struct ro_model *m, enum bp_supply c, int t)
{
	int r = lead_min(m, c);
	int day = t / DAY, clk = t % DAY;
	if (in_hours(m, c)) {
		if (clk > m->close)
			clk = m->close;
		if (clk < m->open) {
			day--;
			clk = m->close;
		}
		for (;;) {
			int used = clk - m->open;
			if (r <= used)
				return day * DAY + clk - r;
			r -= used;
			day--;
			clk = m->close;
		}
	}
	int o = t - r;
	day = o / DAY;
	clk = o % DAY;
	if (clk > m->close)
		return day * DAY + m->close;
	if (clk < m->open)
		return (day - 1) * DAY + m->close;
	return o;
}

/* ---- stock ---- */

int bp_ro_supply_by(const struct bp_part *p, int t)
{
	int q = p->on_hand;
	for (int i = 0; i < p->non_order && i < BP_MAX_ON_ORDER; i++)
		if (p->on_order[i].day * DAY + p->on_order[i].minute <= t)
			q += p->on_order[i].qty;
	return q;
}

/* Unbooked demand from the start of the horizon to t, spread evenly over
 * each day's opening hours. */
static double fc_raw(const struct ro_model *m, const struct ro_part *pi, int t)
{
	int d = t / DAY - m->date;
	double f = 0;
	if (d < 0)
		return 0;
	for (int i = 0; i < d && i < m->days; i++)
		f += pi->unbooked[i];
	if (d >= m->days)
		return f;
	double frac = (double)(t % DAY - m->open) / (m->close - m->open);
	if (frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	return f + pi->unbooked[d] * frac;
}

double bp_ro_fc_by(const struct ro_model *m, int p, int t)
{
	const struct ro_part *pi = &m->parts[p];
	double f = fc_raw(m, pi, t) - fc_raw(m, pi, m->now);
	return f > 0 ? f : 0;
}

int bp_ro_jobs_by(const struct ro_model *m, const unsigned char *covered, int p, int t)
{
	const struct ro_part *pi = &m->parts[p];
	int q = 0;
	for (int i = pi->first; i < pi->first + pi->n && m->needs[i].t <= t; i++)
		q += covered[m->needs[i].ji] ? m->needs[i].qty : 0;
	return q;
}

int bp_ro_day_close(const struct ro_model *m, int d)
{
	return (m->date + d) * DAY + m->close;
}

int bp_ro_check_day(const struct ro_model *m, int t)
{
	/* a delivery can come before the date when now is earlier: its
	 * check counts for the first day */
	int d = t / DAY - m->date;
	return d < 0 ? 0 : d < m->days ? d : m->days - 1;
}

double bp_ro_held_days(const struct ro_model *m, int arrive)
{
	return (double)(m->end - arrive) / DAY;
}

double bp_ro_unit_cost(const struct ro_model *m, int p, int t)
{
	const struct bp_shop *s = m->s;
	return s->parts[p].unit_cost *
	       (s->policy.holding_rate_per_day * (bp_ro_held_days(m, t) + 1) + BP_RO_PRICE_SHARE);
}

double bp_ro_run_fee(const struct ro_model *m, int c, int k)
{
	/* The list is drawn up again tomorrow, and that list will most
	 * likely have a run of its own: charging a later run the full fee
	 * had today's run bring the next days' parts, days of stock early. */
	int next = arrival(m, c, m->now + DAY);
	double fee = m->s->policy.delivery_fee;
	return m->slots[c][k] < next ? fee : fee * BP_RO_LATER_FEE_SHARE;
}

int bp_ro_past_deadline(const struct ro_model *m)
{
	return m->deadline > 0 && bp_clock() >= m->deadline;
}

void bp_ro_report(const struct ro_model *m, double incumbent, double bound)
{
	double t = bp_clock();
	if (!m->progress || t - *m->reported < 1)
		return;
	*m->reported = t;
	m->progress(m->progress_arg, incumbent, bound, t - m->t0);
}

double bp_ro_lost(const struct ro_model *m)
{
	double v = 0;
	for (int j = 0; j < m->njobs; j++)
		v += m->jobs[j].impossible ? m->jobs[j].value : 0;
	return v;
}

/* ---- known demand ---- */

static int cmp_need(const void *a, const void *b)
{
	const struct ro_need *x = a, *y = b;
	if (x->part != y->part)
		return x->part - y->part;
	if (x->t != y->t)
		return x->t - y->t;
	return x->job - y->job;
}

/* When job j needs its parts, or -1 when it needs none in the horizon;
 * *planned: the plan fixed that time. */
static int need_time(const struct ro_model *m, const struct bp_job *j, const struct bp_plan *plan,
		     int ji, int *planned)
{
	const int last = m->date + m->days - 1;
	*planned = 0;
	if (j->date < m->date || j->date > last)
		return -1;
	if (j->date > m->date)
		return j->date * DAY + m->open;
	if (plan) {
		for (int i = 0; i < plan->nassign; i++)
			if (plan->assign[i].job == ji) {
				*planned = 1;
				return m->date * DAY + plan->assign[i].start;
			}
		for (int i = 0; i < plan->nunsched; i++) {
			const struct bp_unscheduled *u = &plan->unsched[i];
			if (u->job != ji)
				continue;
			/* Not done today: a job waiting for parts needs them on
			 * the day it can be done (the horizon grows to reach
			 * it); any other reason, not at all. */
			if (u->reason != BP_REASON_PARTS)
				return -1;
			int e = u->earliest_date;
			if (e < 0)
				e = last;
			if (e <= m->date || e >= m->date + BP_REORDER_MAX_DAYS)
				return -1;
			return e * DAY + m->open;
		}
	}
	int a = bp_job_arrival(j);
	return m->date * DAY + (a > m->open ? a : m->open);
}

/* A booking not fixed by the plan that needs, at t, more of a part than
 * there is before any order could arrive cannot keep its time: it needs
 * its parts at the first opening an order can serve (*late_part says
 * which part decided), and the reorder list orders them for then. */
static int rebooked_time(const struct ro_model *m, const struct bp_job *jb, int t,
			 int *late_part)
{
	const struct bp_shop *s = m->s;
	const struct bp_service *sv = &s->services[jb->service];
	int when = t;
	for (int i = 0; i < sv->nparts + jb->nparts; i++) {
		int p = i < sv->nparts ? sv->parts[i].part : jb->parts[i - sv->nparts].part;
		if (p < 0 || p >= s->nparts)
			continue;
		const struct bp_part *pt = &s->parts[p];
		int c = pt->supply;
		if (t < m->earliest[c] && bp_job_part_qty(s, jb, p) > bp_ro_supply_by(pt, t) &&
		    m->first_use[c] > when) {
			when = m->first_use[c];
			*late_part = p;
		}
	}
	return when;
}

/* Days from the date to the last need, when that is past the horizon
 * asked for (a rebooked job, a rare part's lead time over the horizon). */
static int days_needed(const struct ro_model *m)
{
	int days = m->days;
	for (int i = 0; i < m->njobs; i++) {
		int d = m->jobs[i].t / DAY - m->date + 1;
		if (d > days)
			days = d;
	}
	return days < BP_REORDER_MAX_DAYS ? days : BP_REORDER_MAX_DAYS;
}

static int add_needs(struct ro_model *m, const struct bp_plan *plan)
{
	const struct bp_shop *s = m->s;
	size_t cap = 1;
	for (int j = 0; j < s->njobs; j++)
		cap += (size_t)s->services[s->jobs[j].service].nparts + (size_t)s->jobs[j].nparts;
	m->needs = calloc(cap, sizeof *m->needs);
	m->jobs = calloc((size_t)s->njobs + 1, sizeof *m->jobs);
	if (!m->needs || !m->jobs)
		return -1;
	for (int j = 0; j < s->njobs; j++) {
		const struct bp_job *jb = &s->jobs[j];
		int planned, t = need_time(m, jb, plan, j, &planned);
		if (t < 0 || t < m->now)
			continue;
		int late_part = -1, booked_t = t;
		if (!planned)
			t = rebooked_time(m, jb, t, &late_part);
		const struct bp_service *sv = &s->services[jb->service];
		int first = m->nneeds;
		for (int i = 0; i < sv->nparts + jb->nparts; i++) {
			int p = i < sv->nparts ? sv->parts[i].part : jb->parts[i - sv->nparts].part;
			int dup = 0;
			for (int k = first; k < m->nneeds; k++)
				dup |= m->needs[k].part == p;
			int q = bp_job_part_qty(s, jb, p);
			if (dup || q <= 0 || p < 0 || p >= s->nparts)
				continue;
			m->needs[m->nneeds++] = (struct ro_need){j, p, q, t, m->njobs};
		}
		if (m->nneeds > first) {
			double w = s->policy.tier_weight[jb->tier];
			m->jobs[m->njobs].job = j;
			m->jobs[m->njobs].t = t;
			m->jobs[m->njobs].booked_t = booked_t;
			m->jobs[m->njobs].late_part = late_part;
			m->jobs[m->njobs].value = s->policy.missing_part_penalty * (w > 0 ? w : 1);
			m->njobs++;
		}
	}
	qsort(m->needs, (size_t)m->nneeds, sizeof *m->needs, cmp_need);
	for (int i = 0; i < m->nneeds; i++) {
		struct ro_part *pi = &m->parts[m->needs[i].part];
		if (pi->n == 0)
			pi->first = i;
		pi->n++;
		pi->booked += m->needs[i].qty;
	}
	return 0;
}

/* ---- per part: forecast, safety stock, whether ordering can help ---- */

static int needs_orders(const struct ro_model *m, int p)
{
	const struct bp_part *pt = &m->s->parts[p];
	const struct ro_part *pi = &m->parts[p];
	int used = 0;
	for (int i = pi->first; i < pi->first + pi->n; i++) {
		used += m->needs[i].qty;
		if (used > bp_ro_supply_by(pt, m->needs[i].t))
			return 1;
	}
	/* Stock only falls between deliveries, so the checks before the
	 * earliest delivery and before each close see its lows. */
	for (int d = -1; d < m->days; d++) {
		int t = d < 0 ? m->earliest[pt->supply] : bp_ro_day_close(m, d);
		double jobs = 0;
		for (int i = pi->first; i < pi->first + pi->n; i++)
			if (m->needs[i].t < t)
				jobs += m->needs[i].qty;
		if (bp_ro_supply_by(pt, t - 1) - jobs - bp_ro_fc_by(m, p, t) < pi->ss - 1e-9)
			return 1;
	}
	return 0;
}

static int plan_parts(struct ro_model *m, struct bp_reorder *out)
{
	const struct bp_shop *s = m->s;
	double *ss = malloc((size_t)(s->nparts ? s->nparts : 1) * sizeof *ss);
	if (!ss || bp_safety_pooled_by(s, m->fc, &m->sizes, m->date, m->deadline, ss, &m->cut)) {
		free(ss);
		return -1;
	}
	for (int p = 0; p < s->nparts; p++)
		m->parts[p].ss = ss[p];
	free(ss);
	for (int p = 0; p < s->nparts; p++) {
		const struct bp_part *pt = &s->parts[p];
		struct ro_part *pi = &m->parts[p];
		const struct bp_forecast *f = &m->fc[p];
		double booked_day[BP_REORDER_MAX_DAYS] = {0};
		for (int i = pi->first; i < pi->first + pi->n; i++) {
			int d = m->needs[i].t / DAY - m->date;
			if (d >= 0 && d < m->days)
				booked_day[d] += m->needs[i].qty;
		}
		double total = pi->booked;
		/* History counts all demand; the booked part of a day is known,
		 * so only what the forecast expects beyond it is unbooked. */
		for (int d = 0; d < m->days; d++) {
			double u = bp_forecast_on(f, m->date + d) - booked_day[d];
			pi->unbooked[d] = u > 0 ? u : 0;
			total += pi->unbooked[d];
		}
		total += pi->ss > 0 ? pi->ss : 0;
		pi->pack = pt->pack > 0 ? pt->pack : 1;
		double most = total > pt->min_order ? total : pt->min_order;
		pi->upper = (int)ceil(most / pi->pack - 1e-9);
		pi->active = pi->upper > 0 && needs_orders(m, p);
		out->parts[p] = (struct bp_reorder_part){f->cls, f->method, f->rate, f->sigma,
							 pi->ss, pi->booked};
	}
	return 0;
}

/* ---- jobs ---- */

/* Per job: does it need a part before an order could arrive, can it not be
 * served at all (it needs more of it than there is), and the most its parts
 * could cost with a delivery run per supply class. */
static void rate_jobs(struct ro_model *m)
{
	const struct bp_shop *s = m->s;
	for (int i = 0; i < m->nneeds; i++) {
		const struct ro_need *nd = &m->needs[i];
		const struct bp_part *pt = &s->parts[nd->part];
		const struct ro_part *pi = &m->parts[nd->part];
		struct ro_job *jb = &m->jobs[nd->ji];
		int c = pt->supply;
		if (nd->t < m->earliest[c]) {
			jb->early = 1;
			jb->impossible |= nd->qty > bp_ro_supply_by(pt, nd->t);
		}
		int q = nd->qty > pt->min_order ? nd->qty : pt->min_order;
		jb->worst += (double)((q + pi->pack - 1) / pi->pack) * pi->pack *
			     bp_ro_unit_cost(m, nd->part, m->earliest[c]);
		if (!(jb->classes & 1u << c))
			jb->worst += s->policy.delivery_fee;
		jb->classes |= 1u << c;
	}
}

/* ---- delivery slots ---- */

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Arrival times worth considering for class c: the earliest possible one,
 * each time an active part of the class is needed, each day's close, and
 * each day's first delivery from an order at the close before (common
 * parts: opening + 4 h). An order arriving between two of them could as
 * well arrive at the next. */
static int make_slots(struct ro_model *m, enum bp_supply c)
{
	const struct bp_shop *s = m->s;
	int *t = malloc((2 * (size_t)m->days + (size_t)m->nneeds + 1) * sizeof *t);
	if (!t)
		return -1;
	int n = 0, any = 0;
	for (int p = 0; p < s->nparts; p++)
		any |= m->parts[p].active && s->parts[p].supply == c;
	if (any) {
		t[n++] = m->earliest[c];
		for (int d = 0; d < m->days; d++) {
			t[n++] = bp_ro_day_close(m, d);
			t[n++] = arrival(m, c, bp_ro_day_close(m, d - 1));
		}
		for (int i = 0; i < m->nneeds; i++) {
			int p = m->needs[i].part;
			if (m->parts[p].active && s->parts[p].supply == c)
				t[n++] = m->needs[i].t;
		}
	}
	qsort(t, (size_t)n, sizeof *t, cmp_int);
	int k = 0;
	for (int i = 0; i < n; i++)
		if (t[i] >= m->earliest[c] && t[i] <= m->end && (k == 0 || t[i] != t[k - 1]))
			t[k++] = t[i];
	m->slots[c] = t;
	m->nslots[c] = k;
	return 0;
}

/* ---- solutions ---- */

int bp_ro_sol_alloc(const struct ro_model *m, struct ro_sol *x)
{
	memset(x, 0, sizeof *x);
	x->packs = calloc((size_t)m->nx + 1, sizeof *x->packs);
	x->covered = calloc((size_t)m->njobs + 1, 1);
	x->short_units = calloc((size_t)m->s->nparts * (size_t)m->days + 1,
				sizeof *x->short_units);
	x->status = BP_RUN_FAILED;
	return x->packs && x->covered && x->short_units ? 0 : -1;
}

void bp_ro_sol_free(struct ro_sol *x)
{
	free(x->packs);
	free(x->covered);
	free(x->short_units);
	memset(x, 0, sizeof *x);
}

void bp_ro_sol_copy(const struct ro_model *m, struct ro_sol *dst, const struct ro_sol *src)
{
	memcpy(dst->packs, src->packs, (size_t)m->nx * sizeof *dst->packs);
	memcpy(dst->covered, src->covered, (size_t)m->njobs);
	memcpy(dst->short_units, src->short_units,
	       (size_t)m->s->nparts * (size_t)m->days * sizeof *dst->short_units);
	dst->status = src->status;
	dst->obj = src->obj;
	dst->bound = src->bound;
}

/* ---- the answer ---- */

static int part_packs(const struct ro_model *m, const struct ro_sol *x, int p)
{
	const struct ro_part *pi = &m->parts[p];
	int n = 0;
	if (pi->active)
		for (int k = 0; k < m->nslots[m->s->parts[p].supply]; k++)
			n += x->packs[pi->xoff + k];
	return n;
}

/* Lines of part p: each covered job draws first on stock and deliveries
 * already on order, then on the new orders in arrival order; an order
 * serves the jobs that draw on it. */
static int part_lines(const struct ro_model *m, const struct ro_sol *x, int p,
		      struct bp_reorder *out)
{
	const struct bp_shop *s = m->s;
	const struct ro_part *pi = &m->parts[p];
	const struct bp_part *pt = &s->parts[p];
	int c = pt->supply, ns = m->nslots[c], pack = pi->pack;
	const int *packs = x->packs + pi->xoff;
	int *left = calloc((size_t)ns, sizeof *left);
	int *jobs = calloc((size_t)ns * (size_t)(pi->n ? pi->n : 1), sizeof *jobs);
	int *njobs = calloc((size_t)ns, sizeof *njobs);
	int rc = -1;
	if (!left || !jobs || !njobs)
		goto done;
	for (int k = 0; k < ns; k++)
		left[k] = packs[k] * pack;
	int pool_used = 0;
	for (int i = pi->first; i < pi->first + pi->n; i++) {
		const struct ro_need *nd = &m->needs[i];
		if (!x->covered[nd->ji])
			continue;
		int q = nd->qty, pool = bp_ro_supply_by(pt, nd->t) - pool_used;
		int take = q < pool ? q : pool > 0 ? pool : 0;
		pool_used += take;
		q -= take;
		for (int k = 0; k < ns && q > 0 && m->slots[c][k] <= nd->t; k++) {
			if (left[k] <= 0)
				continue;
			take = q < left[k] ? q : left[k];
			left[k] -= take;
			q -= take;
			jobs[(size_t)k * pi->n + njobs[k]++] = nd->job;
		}
	}
	for (int k = 0; k < ns; k++) {
		if (!packs[k])
			continue;
		struct bp_reorder_line l = {0};
		int a = m->slots[c][k], o = latest_order(m, c, a);
		if (o < m->now)
			o = m->now;
		l.part = p;
		l.packs = packs[k];
		l.qty = packs[k] * pack;
		l.order_day = o / DAY;
		l.order_min = o % DAY;
		l.arrive_day = a / DAY;
		l.arrive_min = a % DAY;
		l.njobs = njobs[k];
		l.jobs = jobs + (size_t)k * pi->n;
		if (!l.njobs)
			l.reason = BP_REORDER_SAFETY_STOCK;
		else
			l.reason = c == BP_SUPPLY_RARE ? BP_REORDER_RARE_AHEAD : BP_REORDER_JOB;
		l.cost = l.qty * pt->unit_cost;
		if (bp_reorder_add_line(out, &l))
			goto done;
		out->parts_cost += l.cost;
		out->holding_cost += l.cost * s->policy.holding_rate_per_day * bp_ro_held_days(m, a);
	}
	rc = 0;
done:
	free(left);
	free(jobs);
	free(njobs);
	return rc;
}

/* Does x order anything of class c for arrival slot k (a delivery run)? */
static int run_used(const struct ro_model *m, const struct ro_sol *x, int c, int k)
{
	const struct bp_shop *s = m->s;
	for (int p = 0; p < s->nparts; p++)
		if (m->parts[p].active && s->parts[p].supply == (enum bp_supply)c &&
		    x->packs[m->parts[p].xoff + k] > 0)
			return 1;
	return 0;
}

/* Delivery runs: class and arrival times with at least one order. */
int bp_ro_runs_used(const struct ro_model *m, const struct ro_sol *x)
{
	int runs = 0;
	for (int c = 0; c < BP_SUPPLIES; c++)
		for (int k = 0; k < m->nslots[c]; k++)
			runs += run_used(m, x, c, k);
	return runs;
}

double bp_ro_runs_fee(const struct ro_model *m, const struct ro_sol *x)
{
	double fee = 0;
	for (int c = 0; c < BP_SUPPLIES; c++)
		for (int k = 0; k < m->nslots[c]; k++)
			fee += run_used(m, x, c, k) ? bp_ro_run_fee(m, c, k) : 0;
	return fee;
}

/* What a solution spends: parts and delivery runs. */
double bp_ro_spend(const struct ro_model *m, const struct ro_sol *x)
{
	const struct bp_shop *s = m->s;
	double spend = bp_ro_runs_used(m, x) * s->policy.delivery_fee;
	for (int p = 0; p < s->nparts; p++)
		spend += part_packs(m, x, p) * m->parts[p].pack * s->parts[p].unit_cost;
	return spend;
}

static int fill_answer(const struct ro_model *m, const struct ro_sol *x, struct bp_reorder *out)
{
	const struct bp_shop *s = m->s;
	for (int p = 0; p < s->nparts; p++)
		if (m->parts[p].active && part_lines(m, x, p, out))
			return -1;
	out->deliveries = bp_ro_runs_used(m, x);
	out->delivery_cost = out->deliveries * s->policy.delivery_fee;
	out->spend = out->parts_cost + out->delivery_cost;
	for (int j = 0; j < m->njobs; j++) {
		const struct ro_job *jb = &m->jobs[j];
		if (!x->covered[j]) {
			out->penalty += jb->value;
			if (bp_reorder_add_uncovered(out, jb->job))
				return -1;
		} else if (jb->t != jb->booked_t) {
			int a = m->earliest[s->parts[jb->late_part].supply];
			struct bp_reorder_rebook b = {jb->job, jb->late_part, a / DAY, a % DAY,
						      jb->t / DAY, jb->t % DAY};
			if (bp_reorder_add_rebook(out, &b))
				return -1;
		}
	}
	for (size_t i = 0; i < (size_t)s->nparts * (size_t)m->days; i++)
		out->penalty += s->policy.safety_shortfall_penalty * x->short_units[i];
	out->status = x->status;
	out->objective = x->obj;
	out->bound = x->bound;
	double den = fabs(x->obj) > 1 ? fabs(x->obj) : 1;
	out->gap = fabs(x->obj - x->bound) / den;
	return 0;
}

static double drop_value(const struct ro_model *m, const struct bp_reorder_drop *d)
{
	double v = 0;
	for (int i = 0; i < d->njobs; i++)
		for (int j = 0; j < m->njobs; j++)
			v += m->jobs[j].job == d->jobs[i] ? m->jobs[j].value : 0;
	return v;
}

/* Least valuable first: the penalty of the jobs lost, then the dearer. */
static int drop_after(const struct ro_model *m, const struct bp_reorder_drop *x,
		      const struct bp_reorder_drop *y)
{
	double vx = drop_value(m, x), vy = drop_value(m, y);
	if (vx != vy)
		return vx > vy;
	return x->cost < y->cost;
}

/* What the budget took off: per part, units of the unbudgeted answer that
 * are gone, and the jobs covered there but not here. */
static int add_drops(const struct ro_model *m, const struct ro_sol *ideal, const struct ro_sol *x,
		     struct bp_reorder *out)
{
	const struct bp_shop *s = m->s;
	int *jobs = malloc((size_t)(m->njobs ? m->njobs : 1) * sizeof *jobs);
	if (!jobs)
		return -1;
	for (int p = 0; p < s->nparts; p++) {
		if (!m->parts[p].active)
			continue;
		int pack = m->parts[p].pack;
		int lost = (part_packs(m, ideal, p) - part_packs(m, x, p)) * pack;
		int nj = 0;
		const struct ro_part *pi = &m->parts[p];
		for (int i = pi->first; i < pi->first + pi->n; i++) {
			int ji = m->needs[i].ji;
			if (ideal->covered[ji] && !x->covered[ji])
				jobs[nj++] = m->needs[i].job;
		}
		if (lost <= 0)
			continue;
		struct bp_reorder_drop d = {p, lost, 0, nj, jobs};
		d.cost = d.qty * s->parts[p].unit_cost;
		if (bp_reorder_add_drop(out, &d)) {
			free(jobs);
			return -1;
		}
	}
	free(jobs);
	/* insertion sort: few drops, and the comparison needs the model */
	for (int i = 1; i < out->ndrops; i++)
		for (int j = i; j > 0 && drop_after(m, &out->drops[j - 1], &out->drops[j]); j--) {
			struct bp_reorder_drop t = out->drops[j];
			out->drops[j] = out->drops[j - 1];
			out->drops[j - 1] = t;
		}
	return 0;
}

/* Slow movers: stock beyond excess_days of forecast demand, or no demand
 * for 90 days when the history reaches that far back. */
static int add_excess(const struct ro_model *m, struct bp_reorder *out)
{
	const struct bp_shop *s = m->s;
	int first = m->date;
	for (int i = 0; i < s->ndemand; i++)
		if (s->demand[i].day < first)
			first = s->demand[i].day;
	int long_history = m->date - first >= NO_RECENT_DAYS;
	for (int p = 0; p < s->nparts; p++) {
		const struct bp_part *pt = &s->parts[p];
		const struct bp_forecast *f = &m->fc[p];
		if (pt->on_hand <= 0)
			continue;
		struct bp_reorder_excess e = {p, pt->on_hand, -1, f->last_demand,
					      pt->on_hand * pt->unit_cost};
		if (f->rate > 0)
			e.cover_days = pt->on_hand / f->rate;
		int slow = s->policy.excess_days > 0 && e.cover_days > s->policy.excess_days;
		int idle = long_history && m->parts[p].booked == 0 &&
			   (f->last_demand < 0 || m->date - f->last_demand > NO_RECENT_DAYS);
		if ((slow || idle) && bp_reorder_add_excess(out, &e))
			return -1;
	}
	for (int i = 1; i < out->nexcess; i++)
		for (int j = i; j > 0 && out->excess[j - 1].value < out->excess[j].value; j--) {
			struct bp_reorder_excess t = out->excess[j];
			out->excess[j] = out->excess[j - 1];
			out->excess[j - 1] = t;
		}
	return 0;
}

/* ---- entry ---- */

void bp_reorder_opts_init(struct bp_reorder_opts *o)
{
	o->days = 3;
	o->now_day = -1;
	o->now_min = 0;
	o->budget = -1;
	o->time_limit = 30;
	o->gap = 0.005;
	o->heur_work = BP_REORDER_HEUR_WORK;
	o->mip_iters = BP_REORDER_MIP_ITERS;
	o->mip_cols = BP_REORDER_MIP_COLS;
	o->alpha = 0.1;
	o->min_history_days = 28;
	o->progress = NULL;
	o->progress_arg = NULL;
}

static int check_opts(const struct bp_shop *s, int date, const struct bp_plan *plan,
		      const struct bp_reorder_opts *o, struct bp_err *err)
{
	if (o->days < 1 || o->days > BP_REORDER_MAX_DAYS)
		return bp_err_set(err, BP_EUSAGE, "--days must be 1 to %d, not %d",
				  BP_REORDER_MAX_DAYS, o->days);
	if (date < 0)
		return bp_err_set(err, BP_EUSAGE, "the reorder date is not a date");
	if (plan && plan->date != date)
		return bp_err_set(err, BP_EUSAGE, "the plan given is for another date than the "
				  "reorder list");
	if (!(o->alpha > 0 && o->alpha <= 1))
		return bp_err_set(err, BP_EUSAGE, "the smoothing constant must be in (0, 1]");
	if (o->now_day >= 0 && (o->now_min < 0 || o->now_min > DAY))
		return bp_err_set(err, BP_EUSAGE, "'now' is not a time of day");
	if (s->info.close <= s->info.open)
		return bp_err_set(err, BP_EDATA, "the shop closes before it opens");
	return BP_OK;
}

static int setup(struct ro_model *m, const struct bp_shop *s, int date, const struct bp_plan *plan,
		 const struct bp_reorder_opts *o, struct bp_reorder *out, struct bp_err *err)
{
	m->s = s;
	m->date = date;
	m->days = o->days;
	m->open = s->info.open;
	m->close = s->info.close;
	int now = o->now_day >= 0 ? o->now_day * DAY + o->now_min : (date - 1) * DAY + m->close;
	m->now = clamp_open(m, now);
	m->end = bp_ro_day_close(m, m->days - 1);
	if (m->now > m->end)
		return bp_err_set(err, BP_EUSAGE, "'now' is after the end of the reorder horizon");
	for (int c = 0; c < BP_SUPPLIES; c++) {
		m->earliest[c] = arrival(m, c, m->now);
		m->first_use[c] = first_use(m, m->earliest[c]);
	}

	struct bp_forecast_opts fo;
	bp_forecast_opts_init(&fo);
	fo.alpha = o->alpha;
	fo.min_days = o->min_history_days;
	int n = s->nparts ? s->nparts : 1;
	m->fc = calloc((size_t)n, sizeof *m->fc);
	m->parts = calloc((size_t)n, sizeof *m->parts);
	out->parts = calloc((size_t)n, sizeof *out->parts);
	if (!m->fc || !m->parts || !out->parts)
		return bp_err_set(err, BP_EINTERNAL, "out of memory building the reorder model");
	out->nparts = s->nparts;
	int rc = bp_forecast_shop(s, date, &fo, m->fc, &m->sizes, err);
	if (rc)
		return rc;
	if (add_needs(m, plan))
		return bp_err_set(err, BP_EINTERNAL, "out of memory building the reorder model");
	m->days = days_needed(m);
	m->end = bp_ro_day_close(m, m->days - 1);
	out->days = m->days;
	if (plan_parts(m, out))
		return bp_err_set(err, BP_EINTERNAL, "out of memory computing safety stock");
	for (int c = 0; c < BP_SUPPLIES; c++)
		if (make_slots(m, c))
			return bp_err_set(err, BP_EINTERNAL, "out of memory building the reorder model");
	rate_jobs(m);
	bp_ro_fix_jobs(m, 1);   /* the most columns any solve has */
	m->ind = malloc(((size_t)m->ncols + 1) * sizeof *m->ind);
	m->val = malloc(((size_t)m->ncols + 1) * sizeof *m->val);
	m->colval = malloc(((size_t)m->ncols + 1) * sizeof *m->colval);
	m->save_type = malloc(((size_t)m->ncols + 1) * sizeof *m->save_type);
	m->save_lo = malloc(((size_t)m->ncols + 1) * sizeof *m->save_lo);
	m->save_hi = malloc(((size_t)m->ncols + 1) * sizeof *m->save_hi);
	if (!m->ind || !m->val || !m->colval || !m->save_type || !m->save_lo || !m->save_hi)
		return bp_err_set(err, BP_EINTERNAL, "out of memory building the reorder model");
	return BP_OK;
}

static void teardown(struct ro_model *m)
{
	for (int c = 0; c < BP_SUPPLIES; c++)
		free(m->slots[c]);
	free(m->needs);
	free(m->jobs);
	free(m->parts);
	free(m->fc);
	bp_fc_sizes_free(&m->sizes);
	free(m->ind);
	free(m->val);
	free(m->colval);
	free(m->save_type);
	free(m->save_lo);
	free(m->save_hi);
}

/* No part can use an order: nothing to solve, every job is covered. */
static int any_active(const struct ro_model *m)
{
	for (int p = 0; p < m->s->nparts; p++)
		if (m->parts[p].active)
			return 1;
	return 0;
}

/* What is left of the time limit (a limit is a promise: nothing past it). */
static double time_left(const struct bp_reorder_opts *o, double t0)
{
	double left = o->time_limit - (bp_clock() - t0);
	return left > 0 ? left : 0;
}

/* Unbudgeted first; when that spends more than the budget, solve again
 * within it and report what went. */
static int solve(struct ro_model *m, const struct bp_reorder_opts *o, struct bp_reorder *out,
		 double t0, struct bp_err *err)
{
	struct ro_sol ideal, cut, inc, rins;
	int rc = BP_OK;
	const char *oom = "out of memory solving the reorder model";
	memset(&ideal, 0, sizeof ideal);
	memset(&cut, 0, sizeof cut);
	memset(&inc, 0, sizeof inc);
	memset(&rins, 0, sizeof rins);
	if (bp_ro_sol_alloc(m, &ideal) || bp_ro_sol_alloc(m, &cut) || bp_ro_sol_alloc(m, &inc) ||
	    bp_ro_sol_alloc(m, &rins)) {
		rc = bp_err_set(err, BP_EINTERNAL, "%s", oom);
		goto done;
	}
	if (!any_active(m)) {
		memset(ideal.covered, 1, (size_t)m->njobs);
		ideal.status = BP_RUN_OPTIMAL;
		ideal.obj = ideal.bound = 0;
	} else {
		if (bp_ro_heur_ideal(m, o->heur_work, &inc)) {
			rc = bp_err_set(err, BP_EINTERNAL, "%s", oom);
			goto done;
		}
		if (m->ncols > o->mip_cols || inc.status == BP_RUN_TIME_LIMIT ||
		    bp_ro_past_deadline(m)) {
			/* A catalogue this large is left to the decomposition: the
			 * delivery runs by local search, each part's orders the
			 * cheapest for them. GLPK's search would be cut by a limit
			 * long before its bound told anything. */
			bp_ro_sol_copy(m, &ideal, &inc);
			ideal.bound = bp_ro_lost(m);
			if (bp_ro_past_deadline(m))
				ideal.status = BP_RUN_TIME_LIMIT;
		} else if ((rc = bp_ro_run_ip(m, -1, time_left(o, t0), o->mip_iters, o->gap, &inc,
					      NULL, &ideal, err))) {
			goto done;
		}
	}
	struct ro_sol *final = &ideal;
	out->budget = o->budget;
	if (o->budget >= 0 && bp_ro_spend(m, &ideal) > o->budget + 1e-6) {
		double *served = malloc(((size_t)m->njobs + 1) * sizeof *served);
		if (!served) {
			rc = bp_err_set(err, BP_EINTERNAL, "%s", oom);
			goto done;
		}
		int large = m->ncols > o->mip_cols || bp_ro_past_deadline(m);
		if (large)
			for (int j = 0; j <= m->njobs; j++)
				served[j] = -1;
		else
			rc = bp_ro_lp_served(m, o->budget, time_left(o, t0), o->mip_iters, served,
					     err);
		if (!rc && bp_ro_heur_budget(m, &ideal, served, o->budget, o->heur_work, &inc))
			rc = bp_err_set(err, BP_EINTERNAL, "%s", oom);
		free(served);
		if (rc)
			goto done;
		if (large || bp_ro_past_deadline(m)) {
			bp_ro_sol_copy(m, &cut, &inc);
			cut.bound = bp_ro_lost(m);
			if (bp_ro_past_deadline(m))
				cut.status = BP_RUN_TIME_LIMIT;
		} else if ((rc = bp_ro_run_ip(m, o->budget, time_left(o, t0), o->mip_iters, o->gap,
					      &inc, &rins, &cut, err))) {
			goto done;
		}
		final = &cut;
		if (add_drops(m, &ideal, &cut, out)) {
			rc = bp_err_set(err, BP_EINTERNAL, "out of memory listing drops");
			goto done;
		}
	}
	if (fill_answer(m, final, out))
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory listing the reorder lines");
done:
	bp_ro_sol_free(&ideal);
	bp_ro_sol_free(&cut);
	bp_ro_sol_free(&inc);
	bp_ro_sol_free(&rins);
	return rc;
}

int bp_reorder_solve(const struct bp_shop *s, int date, const struct bp_plan *plan,
		     const struct bp_reorder_opts *o, struct bp_reorder *out,
		     struct bp_err *err)
{
	double t0 = bp_clock();
	int rc = check_opts(s, date, plan, o, err);
	if (rc)
		return rc;
	bp_reorder_free(out);
	out->date = date;
	out->days = o->days;
	struct ro_model m;
	memset(&m, 0, sizeof m);
	m.deadline = t0 + o->time_limit;
	double reported = t0;
	m.t0 = t0;
	m.reported = &reported;
	m.progress = o->progress;
	m.progress_arg = o->progress_arg;
	rc = setup(&m, s, date, plan, o, out, err);
	if (!rc)
		rc = solve(&m, o, out, t0, err);
	if (!rc && add_excess(&m, out))
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory listing excess stock");
	teardown(&m);
	out->solve_ms = (long)((bp_clock() - t0) * 1000);
	return rc;
}
