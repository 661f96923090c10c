/*
 * plancheck.c - checks a plan against the shop: each job of the date once,
 * skills, durations (the work pauses over the technician's breaks; a job
 * longer than the technician's whole day stops at the end of the shift and
 * the rest is carried to a later date), bay types, arrival, shifts with
 * overtime, closed bays, no double booking of a technician or bay (the bay
 * held over pauses, and overnight for carried work), requested technicians,
 * parts (stock at hand when each job starts, deliveries, JIT common parts),
 * the advisors' check-ins (each car received after it arrives and before
 * its work starts, within the desk's hours, at most advisors x rate in any
 * hour, advisors in any 60/rate minutes, advisors x the policy's daily
 * figure), loan cars out at once, and wash bays in use at once.
 */
#include "plancheck.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int bad(char *why, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, n, fmt, ap);
	va_end(ap);
	return -1;
}

/* Time a resource is held: whole slots from the start. */
static int held_end(const struct bp_shop *s, const struct bp_assignment *a)
{
	int len = s->info.slot_minutes;
	int d = a->end - a->start;
	return a->start + (d + len - 1) / len * len;
}

/* The bay is held to the end of the day when the work goes on tomorrow. */
static int bay_end(const struct bp_shop *s, const struct bp_assignment *a)
{
	return a->carry > 0 ? s->info.close + s->info.overtime_minutes : held_end(s, a);
}

static int overlaps(int a0, int a1, int b0, int b1)
{
	return a0 < b1 && b0 < a1;
}

/* Minutes of [a, b) that are not in any of t's breaks, minute by minute
 * (written apart from the solver's interval arithmetic on purpose). */
static int worked(const struct bp_technician *t, int a, int b)
{
	int n = 0;
	for (int m = a; m < b; m++) {
		int off = 0;
		for (int k = 0; k < t->nbreaks && !off; k++)
			off = m >= t->breaks[k].start && m < t->breaks[k].end;
		n += !off;
	}
	return n;
}

static int in_break(const struct bp_technician *t, int m)
{
	for (int k = 0; k < t->nbreaks; k++)
		if (m >= t->breaks[k].start && m < t->breaks[k].end)
			return 1;
	return 0;
}

/* The most of the spans [a[i], b[i]) that hold one minute that a planned
 * span (mine[k], not a fact) holds too: checked at each span's start, where
 * the count can only rise. Facts that overlap each other are not the
 * plan's to answer for. */
static int most_at_once(const int *a, const int *b, const unsigned char *mine, int n,
			int *when)
{
	int best = 0;
	for (int i = 0; i < n; i++) {
		int c = 0, planned = 0;
		for (int k = 0; k < n; k++)
			if (a[k] <= a[i] && a[i] < b[k]) {
				c++;
				planned |= mine[k];
			}
		if (planned && c > best) {
			best = c;
			*when = a[i];
		}
	}
	return best;
}

static int available(const struct bp_shop *s, int p, int date, int at)
{
	const struct bp_part *pt = &s->parts[p];
	if (pt->supply == BP_SUPPLY_COMMON &&
	    at >= s->info.open + s->info.lead_hours[BP_SUPPLY_COMMON] * 60)
		return INT_MAX;
	int q = pt->on_hand;
	for (int i = 0; i < pt->non_order; i++)
		if (pt->on_order[i].day < date ||
		    (pt->on_order[i].day == date && pt->on_order[i].minute <= at))
			q += pt->on_order[i].qty;
	return q;
}

int bp_plancheck(const struct bp_shop *s, const struct bp_plan *p, char *why, size_t n)
{
	return bp_plancheck_day(s, p, NULL, why, n);
}

/* Work recorded as done or under way is a fact: it keeps the times it has,
 * so only its clashes with planned work are the plan's to answer for. */
static int is_fact(const struct bp_shop *s, const unsigned char *fact, int job)
{
	(void)s;
	return fact && fact[job];
}

static int carried(const struct bp_plan *p, const struct bp_job *j)
{
	return j->carried_from > 0 && j->carried_from < p->date;
}

/* The advisors: every planned car that comes today (after a re-plan's now)
 * is received once, between its arrival and its start, while the desk is
 * open; no hour holds more than advisors x rate check-ins, no 60/rate
 * minutes more than the advisors; the day no more than the policy allows. */
static int check_desk(const struct bp_shop *s, const struct bp_plan *p,
		      const unsigned char *fact, char *why, size_t n)
{
	int adv = s->info.advisors, rate = s->info.advisor_checkins_per_hour;
	if (adv <= 0 || rate <= 0)
		return 0;
	int today = 0, nc = 0;
	int *at = malloc(((size_t)p->nassign + 1) * sizeof(int));
	if (!at)
		return bad(why, n, "out of memory");
	int rc = 0;
	for (int i = 0; i < p->nassign && !rc; i++) {
		const struct bp_assignment *a = &p->assign[i];
		const struct bp_job *j = &s->jobs[a->job];
		if (carried(p, j))
			continue;
		today++;
		if (a->checkin < 0) {
			if (!is_fact(s, fact, a->job) && j->window.start >= p->now)
				rc = bad(why, n, "%s: no advisor receives the car", j->id);
			continue;
		}
		if (a->checkin < j->window.start || a->checkin < s->info.open ||
		    a->checkin >= s->info.close || a->checkin < p->now || a->checkin > a->start)
			rc = bad(why, n, "%s: received at %d: arrives %d, starts %d, desk %d-%d",
				 j->id, a->checkin, j->window.start, a->start, s->info.open,
				 s->info.close);
		at[nc++] = a->checkin;
	}
	int gap = 60 / rate;
	for (int i = 0; i < nc && !rc; i++) {
		int hour = 0, close = 0;
		for (int k = 0; k < nc; k++) {
			hour += at[k] >= at[i] && at[k] < at[i] + 60;
			close += at[k] >= at[i] && at[k] < at[i] + gap;
		}
		if (hour > adv * rate)
			rc = bad(why, n, "%d check-ins in the hour from minute %d; %d advisors take "
				 "%d an hour", hour, at[i], adv, adv * rate);
		else if (gap >= 1 && close > adv)
			rc = bad(why, n, "%d check-ins in the %d minutes from minute %d; %d "
				 "advisors", close, gap, at[i], adv);
	}
	if (!rc && s->policy.advisor_day_max > 0 && today > adv * s->policy.advisor_day_max)
		rc = bad(why, n, "%d cars received today; %d advisors take %d a day at most", today,
			 adv, adv * s->policy.advisor_day_max);
	free(at);
	return rc;
}

/* Loan cars out at once (from the customer's arrival until the car is ready
 * or the promised time, whichever is later; all day for work carried on),
 * and wash bays in use at once (the wash right after the work, within the
 * day). */
static int check_fleet(const struct bp_shop *s, const struct bp_plan *p,
		       const unsigned char *fact, char *why, size_t n)
{
	size_t sz = ((size_t)p->nassign + 1) * sizeof(int);
	int *a0 = malloc(sz), *a1 = malloc(sz), *w0 = malloc(sz), *w1 = malloc(sz);
	unsigned char *lm = malloc(sz), *wm = malloc(sz);
	int nl = 0, nw = 0, rc = 0, when = 0;
	int day_end = s->info.close + s->info.overtime_minutes;
	if (!a0 || !a1 || !w0 || !w1 || !lm || !wm) {
		rc = bad(why, n, "out of memory");
		goto out;
	}
	for (int i = 0; i < p->nassign; i++) {
		const struct bp_assignment *a = &p->assign[i];
		const struct bp_job *j = &s->jobs[a->job];
		const struct bp_service *sv = &s->services[j->service];
		unsigned char mine = !is_fact(s, fact, a->job);
		if (j->loan_car) {
			int ready = a->carry > 0 ? day_end : a->end + sv->handover_minutes;
			lm[nl] = mine;
			a0[nl] = j->window.start;
			a1[nl++] = a->carry > 0 ? day_end : j->promised > ready ? j->promised : ready;
		}
		if (s->info.wash_bays > 0 && sv->wash_minutes > 0 && a->carry == 0 &&
		    a->end < day_end) {
			wm[nw] = mine;
			w0[nw] = a->end;
			w1[nw++] = a->end + sv->wash_minutes < day_end ? a->end + sv->wash_minutes
								       : day_end;
		}
	}
	int most = most_at_once(a0, a1, lm, nl, &when);
	if (most > s->info.loan_cars) {
		rc = bad(why, n, "%d loan cars out at minute %d; the shop has %d", most, when,
			 s->info.loan_cars);
		goto out;
	}
	most = most_at_once(w0, w1, wm, nw, &when);
	if (s->info.wash_bays > 0 && most > s->info.wash_bays)
		rc = bad(why, n, "%d cars in the wash at minute %d; the shop has %d wash bays",
			 most, when, s->info.wash_bays);
out:
	free(a0);
	free(a1);
	free(w0);
	free(w1);
	free(lm);
	free(wm);
	return rc;
}

int bp_plancheck_day(const struct bp_shop *s, const struct bp_plan *p,
		     const unsigned char *fact, char *why, size_t n)
{
	int *seen = calloc((size_t)s->njobs + 1, sizeof(int));
	if (!seen)
		return bad(why, n, "out of memory");
	int rc = 0;
	for (int i = 0; i < p->nassign && !rc; i++)
		seen[p->assign[i].job]++;
	for (int i = 0; i < p->nunsched && !rc; i++)
		seen[p->unsched[i].job]++;
	for (int j = 0; j < s->njobs && !rc; j++) {
		int want = s->jobs[j].date == p->date;
		if (seen[j] != want)
			rc = bad(why, n, "job %s appears %d times (wanted %d)", s->jobs[j].id,
				 seen[j], want);
	}
	free(seen);
	int day_end = s->info.close + s->info.overtime_minutes;
	for (int i = 0; i < p->nassign && !rc; i++) {
		const struct bp_assignment *a = &p->assign[i];
		const struct bp_job *j = &s->jobs[a->job];
		const struct bp_service *sv = &s->services[j->service];
		const struct bp_technician *t = &s->techs[a->tech];
		const struct bp_bay *b = &s->bays[a->bay];
		int lv = t->level[sv->skill];
		int he = held_end(s, a), be = bay_end(s, a);
		int want = j->minutes > 0 ? j->minutes : sv->minutes[lv];
		if (is_fact(s, fact, a->job))
			goto clashes;
		if (lv < sv->level || !sv->minutes[lv])
			rc = bad(why, n, "%s: %s has %s level %d, needs %d", j->id, t->id,
				 s->skills[sv->skill].id, lv, sv->level);
		else if (a->carry < 0 || (a->carry > 0 && a->carry_date <= p->date))
			rc = bad(why, n, "%s: carries %d min to day %d", j->id, a->carry,
				 a->carry_date);
		else if (worked(t, a->start, a->end) + a->carry != want)
			rc = bad(why, n, "%s: works %d min (+%d carried), should be %d", j->id,
				 worked(t, a->start, a->end), a->carry, want);
		else if (in_break(t, a->start))
			rc = bad(why, n, "%s: starts in %s's break", j->id, t->id);
		else if (a->carry == 0 && in_break(t, a->end - 1))
			rc = bad(why, n, "%s: ends in %s's break", j->id, t->id);
		else if (!((s->bay_types[b->type].serves >> sv->bay_type) & 1u))
			rc = bad(why, n, "%s: bay %s (%s) cannot take %s work", j->id, b->id,
				 s->bay_types[b->type].id, s->bay_types[sv->bay_type].id);
		else if (a->start < j->window.start)
			rc = bad(why, n, "%s: starts %d before arrival %d", j->id, a->start,
				 j->window.start);
		else if (a->start < s->info.open || he > day_end)
			rc = bad(why, n, "%s: %d-%d outside the day", j->id, a->start, he);
		else if (a->start < t->shift.start || he > t->shift.end + s->info.overtime_minutes)
			rc = bad(why, n, "%s: %d-%d outside %s's shift plus overtime", j->id,
				 a->start, he, t->id);
		else if (j->technician >= 0 && j->technician != a->tech)
			rc = bad(why, n, "%s: asked for %s, got %s", j->id,
				 s->techs[j->technician].id, t->id);
		if (!rc && a->carry > 0) {
			/* Only work that cannot be done in a day goes on tomorrow,
			 * and it stops at the end of the shift. */
			int from = t->shift.start > s->info.open ? t->shift.start : s->info.open;
			int to = t->shift.end + s->info.overtime_minutes;
			int stop = t->shift.end < day_end ? t->shift.end : day_end;
			if (worked(t, from, to < day_end ? to : day_end) >= want)
				rc = bad(why, n, "%s: carries %d min though %s could do it in a day",
					 j->id, a->carry, t->id);
			else if (a->end != stop)
				rc = bad(why, n, "%s: carried work stops at %d, not at the end of "
					 "the shift %d", j->id, a->end, stop);
		}
		for (int k = 0; k < b->nclosed && !rc; k++)
			if (overlaps(a->start, be, b->closed[k].start, b->closed[k].end))
				rc = bad(why, n, "%s: bay %s is closed then", j->id, b->id);
clashes:
		for (int k = 0; k < p->nassign && !rc; k++) {
			const struct bp_assignment *o = &p->assign[k];
			if (k == i)
				continue;
			if (is_fact(s, fact, a->job) && is_fact(s, fact, o->job))
				continue;
			if (o->tech == a->tech && overlaps(a->start, he, o->start, held_end(s, o)))
				rc = bad(why, n, "%s and %s overlap on technician %s", j->id,
					 s->jobs[o->job].id, t->id);
			else if (o->bay == a->bay && overlaps(a->start, be, o->start, bay_end(s, o)))
				rc = bad(why, n, "%s and %s overlap on bay %s", j->id,
					 s->jobs[o->job].id, b->id);
		}
	}
	if (!rc)
		rc = check_desk(s, p, fact, why, n);
	if (!rc)
		rc = check_fleet(s, p, fact, why, n);
	/* Parts: when each job starts, what all jobs started so far used must be
	 * there by then. */
	for (int pi = 0; pi < s->nparts && !rc; pi++)
		for (int i = 0; i < p->nassign && !rc; i++) {
			const struct bp_assignment *a = &p->assign[i];
			if (!bp_job_part_qty(s, &s->jobs[a->job], pi) ||
			    s->jobs[a->job].status == BP_JOB_DONE)
				continue;
			long used = 0;
			for (int k = 0; k < p->nassign; k++)
				if (p->assign[k].start <= a->start &&
				    s->jobs[p->assign[k].job].status != BP_JOB_DONE)
					used += bp_job_part_qty(s, &s->jobs[p->assign[k].job], pi);
			int have = available(s, pi, p->date, a->start);
			if (have != INT_MAX && used > have)
				rc = bad(why, n, "part %s: %ld used by %d, only %d there",
					 s->parts[pi].sku, used, a->start, have);
		}
	return rc;
}
