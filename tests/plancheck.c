/*
 * plancheck.c - checks a plan against the shop: each job of the date once,
 * skills, durations, bay types, arrival, shifts with overtime, breaks, closed
 * bays, no double booking of a technician or bay, requested technicians, and
 * parts (stock at hand when each job starts, deliveries, JIT common parts).
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

static int overlaps(int a0, int a1, int b0, int b1)
{
	return a0 < b1 && b0 < a1;
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
		int he = held_end(s, a);
		if (is_fact(s, fact, a->job))
			goto clashes;
		if (lv < sv->level || !sv->minutes[lv])
			rc = bad(why, n, "%s: %s has %s level %d, needs %d", j->id, t->id,
				 s->skills[sv->skill].id, lv, sv->level);
		else if (a->end - a->start != (j->minutes > 0 ? j->minutes : sv->minutes[lv]))
			rc = bad(why, n, "%s: lasts %d min, should be %d", j->id, a->end - a->start,
				 j->minutes > 0 ? j->minutes : sv->minutes[lv]);
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
		for (int k = 0; k < t->nbreaks && !rc; k++)
			if (overlaps(a->start, he, t->breaks[k].start, t->breaks[k].end))
				rc = bad(why, n, "%s: crosses %s's break", j->id, t->id);
		for (int k = 0; k < b->nclosed && !rc; k++)
			if (overlaps(a->start, he, b->closed[k].start, b->closed[k].end))
				rc = bad(why, n, "%s: bay %s is closed then", j->id, b->id);
clashes:
		for (int k = 0; k < p->nassign && !rc; k++) {
			const struct bp_assignment *o = &p->assign[k];
			if (k == i || !overlaps(a->start, he, o->start, held_end(s, o)))
				continue;
			if (is_fact(s, fact, a->job) && is_fact(s, fact, o->job))
				continue;
			if (o->tech == a->tech)
				rc = bad(why, n, "%s and %s overlap on technician %s", j->id,
					 s->jobs[o->job].id, t->id);
			else if (o->bay == a->bay)
				rc = bad(why, n, "%s and %s overlap on bay %s", j->id,
					 s->jobs[o->job].id, b->id);
		}
	}
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
