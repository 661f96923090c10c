/*
 * day.c - the store's facts applied to one date (see day.h).
 */
#include "day.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bp_day_free(struct bp_day *d)
{
	free(d->fixed);
	memset(d, 0, sizeof *d);
}

int bp_day_closed(const struct bp_shop *s, int date, char *reason, size_t n)
{
	for (int i = 0; i < s->nclosures; i++) {
		const struct bp_closure *c = &s->closures[i];
		if (c->date == date && c->bay < 0 && c->whole) {
			if (reason && n)
				snprintf(reason, n, "%s", c->reason);
			return 1;
		}
	}
	return 0;
}

int bp_day_next_open(const struct bp_shop *s, int date, int horizon)
{
	for (int d = date; d < date + horizon; d++)
		if (!bp_day_closed(s, d, NULL, 0))
			return d;
	return -1;
}

int bp_day_tech_free(const struct bp_shop *s, int t, int start, int end, int minutes)
{
	const struct bp_technician *tc = &s->techs[t];
	struct bp_span at = {start, start + 1};
	if (start < tc->shift.start || start >= tc->shift.end)
		return 0;
	for (int b = 0; b < tc->nbreaks; b++)
		if (bp_span_overlaps(tc->breaks[b], at))
			return 0;
	return bp_work_end(tc, start, minutes) == end;
}

void bp_day_mark_carried(struct bp_shop *s, int date)
{
	for (int i = 0; i < s->njobs; i++) {
		struct bp_job *j = &s->jobs[i];
		if (j->date < date)
			j->carried_from = j->date;
	}
}

void bp_day_drop_done(struct bp_shop *s)
{
	for (int i = 0; i < s->njobs; i++)
		if (s->jobs[i].status == BP_JOB_DONE)
			bp_shop_remove_job(s, i--);
}

/* Add a blocked span to a list, widening an overlapping one; 0 ok, -1 full. */
static int add_span(struct bp_span *sp, int *n, struct bp_span x)
{
	for (int i = 0; i < *n; i++)
		if (bp_span_overlaps(sp[i], x)) {
			if (x.start < sp[i].start)
				sp[i].start = x.start;
			if (x.end > sp[i].end)
				sp[i].end = x.end;
			return 0;
		}
	if (*n == BP_MAX_SPANS)
		return -1;
	sp[(*n)++] = x;
	return 0;
}

static void apply_shifts(struct bp_shop *s, int date)
{
	for (int i = 0; i < s->nroster; i++) {
		const struct bp_roster_change *c = &s->roster[i];
		if (c->date != date || c->kind != BP_ROSTER_SHIFT)
			continue;
		struct bp_technician *t = &s->techs[c->tech];
		t->shift = c->span;
		t->nbreaks = c->nbreaks;
		memcpy(t->breaks, c->breaks, sizeof t->breaks);
	}
}

/* An absence shortens the shift when it touches either end (and takes the
 * overtime after an end it cuts) and becomes a break in the middle; one that
 * covers the shift takes the technician out. */
static void apply_absences(struct bp_shop *s, int date, unsigned char *gone)
{
	for (int i = 0; i < s->nroster; i++) {
		const struct bp_roster_change *c = &s->roster[i];
		if (c->date != date || c->kind != BP_ROSTER_OFF)
			continue;
		struct bp_technician *t = &s->techs[c->tech];
		struct bp_span off = c->span;
		if (c->whole || (off.start <= t->shift.start && off.end >= t->shift.end)) {
			gone[c->tech] = 1;
		} else if (off.start <= t->shift.start) {
			t->shift.start = off.end;
		} else if (off.end >= t->shift.end) {
			/* Gone for the rest of the day, overtime too: the time
			 * after the new end is blocked like a break (with no
			 * room for one, overtime stays possible). */
			struct bp_span rest = {off.start, t->shift.end + s->info.overtime_minutes};
			t->shift.end = off.start;
			add_span(t->breaks, &t->nbreaks, rest);
		} else if (add_span(t->breaks, &t->nbreaks, off)) {
			/* No room for another break: lose the shorter end of the day. */
			if (off.start - t->shift.start > t->shift.end - off.end)
				t->shift.end = off.start;
			else
				t->shift.start = off.end;
		}
		if (t->shift.end <= t->shift.start)
			gone[c->tech] = 1;
	}
}

static void apply_closures(struct bp_shop *s, int date, struct bp_day *d, unsigned char *down)
{
	for (int i = 0; i < s->nclosures; i++) {
		const struct bp_closure *c = &s->closures[i];
		if (c->date != date)
			continue;
		if (c->bay < 0 && c->whole) {
			d->closed = 1;
			snprintf(d->closed_reason, sizeof d->closed_reason, "%s", c->reason);
			continue;
		}
		for (int b = 0; b < s->nbays; b++) {
			if (c->bay >= 0 && b != c->bay)
				continue;
			struct bp_bay *bay = &s->bays[b];
			if (c->whole || add_span(bay->closed, &bay->nclosed, c->span))
				down[b] = 1;
		}
	}
}

/* Where an under-way job's work ends: its expected duration from its
 * start, paused over the technician's breaks, what is left of it when it
 * began on an earlier day (that day's work counted with today's breaks),
 * and never before the next slot after `now` (it is still going). */
static int expected_end(const struct bp_shop *s, const struct bp_job *j, int date, int now,
			int *start)
{
	const struct bp_technician *t = &s->techs[j->act_tech];
	int total = bp_job_minutes(s, j, t);
	if (total <= 0)
		total = s->services[j->service].minutes[s->services[j->service].level];
	int slot = s->info.slot_minutes;
	int end;
	if (j->started_day == date) {
		*start = j->started;
		end = bp_work_end(t, j->started, total);
	} else {
		int worked = j->started < t->shift.end ? bp_work_between(t, j->started, t->shift.end)
						       : 0;
		int left = total - worked;
		*start = t->shift.start > s->info.open ? t->shift.start : s->info.open;
		end = bp_work_end(t, *start, left > slot ? left : slot);
	}
	if (now >= 0 && end <= now)
		end = now - now % slot + slot;
	return end;
}

static int add_fixed(struct bp_day *d, int job, int tech, int bay, int start, int end)
{
	struct bp_assignment *a = realloc(d->fixed, ((size_t)d->nfixed + 1) * sizeof *a);
	if (!a)
		return -1;
	d->fixed = a;
	d->fixed[d->nfixed++] = (struct bp_assignment){
		.job = job, .tech = tech, .bay = bay, .start = start, .end = end, .parts_ready = -1,
		.checkin = -1, .carry_date = -1};
	return 0;
}

/* The last day the shop has worked by the store's records: the latest
 * start, finish or no-show recorded. Days up to it are behind us; later
 * ones have not happened yet, however the calendar reads. */
static int last_worked_day(const struct bp_shop *s)
{
	int last = -1;
	for (int i = 0; i < s->njobs; i++) {
		const struct bp_job *j = &s->jobs[i];
		if (j->has_started && j->started_day > last)
			last = j->started_day;
		if (j->has_finished && j->finished_day > last)
			last = j->finished_day;
		if (j->status == BP_JOB_NO_SHOW && j->date > last)
			last = j->date;
	}
	return last;
}

/* Whether job j stays in the day's shop; done and under-way work on a
 * known technician and bay becomes a fixed assignment. */
static int keep_job(struct bp_shop *s, int i, int date, int now, int worked, struct bp_day *d,
		    int *rc)
{
	struct bp_job *j = &s->jobs[i];
	int placed = j->act_tech >= 0 && j->act_bay >= 0;
	switch (j->status) {
	case BP_JOB_CANCELLED:
	case BP_JOB_NO_SHOW:
		return 0;
	case BP_JOB_DONE:
		if (!(j->has_finished && j->finished_day == date))
			return 0;
		if (!placed || !j->has_started)
			return 0;
		d->done++;
		j->date = date;
		*rc = add_fixed(d, i, j->act_tech, j->act_bay,
				j->started_day == date ? j->started : s->info.open, j->finished);
		return 1;
	case BP_JOB_IN_PROGRESS:
		if (j->date > date)
			return 1;
		if (j->date < date)
			j->carried_from = j->date, d->carried++;
		j->date = date;
		d->in_progress++;
		if (placed) {
			int start, end = expected_end(s, j, date, now, &start);
			*rc = add_fixed(d, i, j->act_tech, j->act_bay, start, end);
		}
		return 1;
	default:
		if (j->date < date && j->date <= worked) {
			/* The car is already here: it can start at opening, and its
			 * promise is already broken, so lateness counts from the
			 * start of the day. */
			j->carried_from = j->date;
			j->date = date;
			j->has_window = 0;
			j->window.start = j->window.end = s->info.open;
			if (j->promised >= 0)
				j->promised = s->info.open;
			d->carried++;
		}
		return 1;
	}
}

int bp_day_prepare(struct bp_shop *s, int date, int now, struct bp_day *d, struct bp_err *err)
{
	memset(d, 0, sizeof *d);
	d->date = date;
	size_t n = (size_t)(s->ntechs > s->nbays ? s->ntechs : s->nbays) + 1;
	unsigned char *gone = calloc(n, 1), *down = calloc(n, 1);
	if (!gone || !down) {
		free(gone);
		free(down);
		return bp_err_set(err, BP_EINTERNAL, "out of memory");
	}
	apply_shifts(s, date);
	apply_absences(s, date, gone);
	apply_closures(s, date, d, down);
	/* Remove from the back so the indexes still to visit hold. */
	for (int t = s->ntechs - 1; t >= 0; t--)
		if (gone[t]) {
			bp_shop_remove_tech(s, t);
			d->techs_off++;
		}
	for (int b = s->nbays - 1; b >= 0; b--)
		if (down[b]) {
			bp_shop_remove_bay(s, b);
			d->bays_down++;
		}
	free(gone);
	free(down);
	int rc = 0, worked = last_worked_day(s);
	for (int i = 0; i < s->njobs && !rc; i++)
		if (!keep_job(s, i, date, now, worked, d, &rc)) {
			bp_shop_remove_job(s, i--);
			d->dropped++;
		}
	/* A fixed assignment names the index its job has after the removals
	 * before it, and removals only happen at or past the current index. */
	if (rc) {
		bp_day_free(d);
		return bp_err_set(err, BP_EINTERNAL, "out of memory");
	}
	return BP_OK;
}
