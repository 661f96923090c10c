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

