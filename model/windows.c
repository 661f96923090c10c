/*
 * windows.c - service classes and the window a booking counts in, the rules
 * that the windows' solver, the store and `job add` share; freeing a result.
 */
#include "windows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_class(const void *a, const void *b)
{
	const struct bp_wclass *x = a, *y = b;
	if (x->skill != y->skill)
		return x->skill - y->skill;
	if (x->level != y->level)
		return x->level - y->level;
	return x->bay_type - y->bay_type;
}

int bp_windows_classes(const struct bp_shop *s, struct bp_wclass **out, int *n, int *cls,
		       struct bp_err *err)
{
	struct bp_wclass *c = calloc((size_t)s->nservices + 1, sizeof *c);
	if (!c)
		return bp_err_set(err, BP_EINTERNAL, "out of memory");
	int k = 0;
	for (int i = 0; i < s->nservices; i++) {
		const struct bp_service *S = &s->services[i];
		int j = 0;
		while (j < k && !(c[j].skill == S->skill && c[j].level == S->level &&
				  c[j].bay_type == S->bay_type))
			j++;
		if (j == k) {
			c[k] = (struct bp_wclass){.skill = S->skill, .level = S->level,
						  .bay_type = S->bay_type};
			snprintf(c[k].name, sizeof c[k].name, "%s/%d/%s", s->skills[S->skill].id,
				 S->level, s->bay_types[S->bay_type].id);
			k++;
		}
		c[j].nservices++;
	}
	qsort(c, (size_t)k, sizeof *c, cmp_class);
	for (int i = 0; cls && i < s->nservices; i++) {
		const struct bp_service *S = &s->services[i];
		for (int j = 0; j < k; j++)
			if (c[j].skill == S->skill && c[j].level == S->level &&
			    c[j].bay_type == S->bay_type)
				cls[i] = j;
	}
	for (int j = 0; j < k; j++) {
		for (int t = 0; t < s->ntechs; t++)
			c[j].techs += s->techs[t].level[c[j].skill] >= c[j].level;
		for (int b = 0; b < s->nbays; b++)
			c[j].bays += bp_bay_serves(s, s->bays[b].type, c[j].bay_type);
	}
	*out = c;
	*n = k;
	return BP_OK;
}

int bp_windows_job_window(const struct bp_shop *s, const struct bp_job *j)
{
	if (!s->nwindows)
		return -1;
	for (int w = 0; j->has_window && w < s->nwindows; w++)
		if (s->windows[w].start == j->window.start && s->windows[w].end == j->window.end)
			return w;
	int t = j->window.start, last = -1, first = 0;
	for (int w = 0; w < s->nwindows; w++) {
		struct bp_span x = s->windows[w];
		if (t >= x.start && t < x.end)
			return w;
		if (x.start <= t && (last < 0 || x.start > s->windows[last].start))
			last = w;
		if (x.start < s->windows[first].start)
			first = w;
	}
	return last >= 0 ? last : first;
}

void bp_windows_free(struct bp_windows *w)
{
	free(w->classes);
	free(w->cells);
	free(w->day);
	memset(w, 0, sizeof *w);
}


/* A loan car is out from the car's arrival until it is collected: the
 * promised time, or the end of the day (overtime included) without one. */
static void loan_span(const struct bp_shop *s, const struct bp_job *j, int *a, int *b)
{
	*a = bp_job_arrival(j);
	*b = j->promised > *a ? j->promised : s->info.close + s->info.overtime_minutes;
	if (*b <= *a)
		*b = *a + 1;
}

static int loan_live(const struct bp_job *j, int date, int i, int skip)
{
	return i != skip && j->date == date && j->loan_car && j->status != BP_JOB_CANCELLED &&
	       j->status != BP_JOB_NO_SHOW && j->status != BP_JOB_DONE;
}

int bp_windows_loans_out(const struct bp_shop *s, int date, int skip, int from, int to)
{
	int peak = 0;
	/* The most at once is reached where some loan starts (or at from). */
	for (int i = -1; i < s->njobs; i++) {
		int t = from;
		if (i >= 0) {
			int a, b;
			if (!loan_live(&s->jobs[i], date, i, skip))
				continue;
			loan_span(s, &s->jobs[i], &a, &b);
			if (a < from || a >= to)
				continue;
			t = a;
		}
		int n = 0;
		for (int k = 0; k < s->njobs; k++) {
			int a, b;
			if (!loan_live(&s->jobs[k], date, k, skip))
				continue;
			loan_span(s, &s->jobs[k], &a, &b);
			n += a <= t && t < b;
		}
		if (n > peak)
			peak = n;
	}
	return peak;
}

void bp_windows_loan_span(const struct bp_shop *s, const struct bp_job *j, int *from, int *to)
{
	loan_span(s, j, from, to);
}
