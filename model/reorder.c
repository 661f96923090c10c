/*
 * reorder.c - building and freeing a reorder list; the names of its enums
 * as they appear in the store and the writers.
 */
#include "reorder.h"

#include <stdlib.h>
#include <string.h>

void bp_reorder_init(struct bp_reorder *r)
{
	memset(r, 0, sizeof *r);
	r->status = BP_RUN_FAILED;
	r->budget = -1;
}

void bp_reorder_free(struct bp_reorder *r)
{
	for (int i = 0; i < r->nlines; i++)
		free(r->lines[i].jobs);
	for (int i = 0; i < r->ndrops; i++)
		free(r->drops[i].jobs);
	free(r->lines);
	free(r->parts);
	free(r->excess);
	free(r->drops);
	free(r->uncovered);
	free(r->rebook);
	bp_reorder_init(r);
}

/* Room for one more element; capacity follows powers of two (as plan.c),
 * so the plain structs need no capacity fields. */
static int room(void **arr, int n, size_t size)
{
	if (n && (n < 16 || (n & (n - 1))))
		return 0;
	size_t cap = 16;
	while (cap <= (size_t)n)
		cap *= 2;
	void *p = realloc(*arr, cap * size);
	if (!p)
		return -1;
	*arr = p;
	return 0;
}

static int *dup_ints(const int *a, int n)
{
	if (n <= 0)
		return NULL;
	int *d = malloc((size_t)n * sizeof *d);
	if (d)
		memcpy(d, a, (size_t)n * sizeof *d);
	return d;
}

int bp_reorder_add_line(struct bp_reorder *r, const struct bp_reorder_line *l)
{
	if (room((void **)&r->lines, r->nlines, sizeof *r->lines))
		return -1;
	struct bp_reorder_line *d = &r->lines[r->nlines];
	*d = *l;
	d->jobs = dup_ints(l->jobs, l->njobs);
	if (l->njobs > 0 && !d->jobs)
		return -1;
	r->nlines++;
	return 0;
}

int bp_reorder_add_excess(struct bp_reorder *r, const struct bp_reorder_excess *e)
{
	if (room((void **)&r->excess, r->nexcess, sizeof *r->excess))
		return -1;
	r->excess[r->nexcess++] = *e;
	return 0;
}

int bp_reorder_add_drop(struct bp_reorder *r, const struct bp_reorder_drop *d)
{
	if (room((void **)&r->drops, r->ndrops, sizeof *r->drops))
		return -1;
	struct bp_reorder_drop *c = &r->drops[r->ndrops];
	*c = *d;
	c->jobs = dup_ints(d->jobs, d->njobs);
	if (d->njobs > 0 && !c->jobs)
		return -1;
	r->ndrops++;
	return 0;
}

int bp_reorder_add_uncovered(struct bp_reorder *r, int job)
{
	if (room((void **)&r->uncovered, r->nuncovered, sizeof *r->uncovered))
		return -1;
	r->uncovered[r->nuncovered++] = job;
	return 0;
}

int bp_reorder_add_rebook(struct bp_reorder *r, const struct bp_reorder_rebook *b)
{
	if (room((void **)&r->rebook, r->nrebook, sizeof *r->rebook))
		return -1;
	r->rebook[r->nrebook++] = *b;
	return 0;
}

char *bp_reorder_line_jobs(const struct bp_shop *s, const struct bp_reorder_line *l)
{
	size_t n = 1;
	for (int i = 0; i < l->njobs; i++)
		n += strlen(s->jobs[l->jobs[i]].id) + 1;
	char *buf = malloc(n), *p = buf;
	if (!buf)
		return NULL;
	*p = 0;
	for (int i = 0; i < l->njobs; i++) {
		size_t k = strlen(s->jobs[l->jobs[i]].id);
		if (i)
			*p++ = ',';
		memcpy(p, s->jobs[l->jobs[i]].id, k + 1);
		p += k;
	}
	return buf;
}

static const char *reason_names[BP_REORDER_REASONS] = {"job", "safety_stock", "rare_ahead"};
static const char *class_names[BP_DEMAND_CLASSES] = {"none", "smooth", "erratic",
						     "intermittent", "lumpy"};
static const char *method_names[BP_FC_METHODS] = {"zero", "mean", "ses", "croston", "sba"};

const char *bp_reorder_reason_name(enum bp_reorder_reason r)
{
	return (unsigned)r < BP_REORDER_REASONS ? reason_names[r] : "?";
}

int bp_reorder_reason_parse(const char *s, enum bp_reorder_reason *out)
{
	for (int i = 0; i < BP_REORDER_REASONS; i++)
		if (strcmp(s, reason_names[i]) == 0) {
			*out = (enum bp_reorder_reason)i;
			return 0;
		}
	return -1;
}

const char *bp_demand_class_name(enum bp_demand_class c)
{
	return (unsigned)c < BP_DEMAND_CLASSES ? class_names[c] : "?";
}

const char *bp_forecast_method_name(enum bp_forecast_method m)
{
	return (unsigned)m < BP_FC_METHODS ? method_names[m] : "?";
}
