/*
 * merge.c - a shop file merged into the store's shop (see merge.h): master
 * data from the file, bookings added or updated by id, the store's records
 * kept, and a refusal naming the records that still need what the file drops.
 */
#include "merge.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bookings by id, for look-ups in shops of thousands of jobs. */
struct key {
	const char *id;
	int i;
};

static int key_cmp(const void *a, const void *b)
{
	return strcmp(((const struct key *)a)->id, ((const struct key *)b)->id);
}

static struct key *job_keys(const struct bp_shop *s)
{
	struct key *k = malloc(((size_t)s->njobs + 1) * sizeof *k);
	if (!k)
		return NULL;
	for (int i = 0; i < s->njobs; i++)
		k[i] = (struct key){s->jobs[i].id, i};
	qsort(k, (size_t)s->njobs, sizeof *k, key_cmp);
	return k;
}

static int find_job(const struct key *k, int n, const char *id)
{
	struct key want = {id, -1};
	const struct key *hit = bsearch(&want, k, (size_t)n, sizeof *k, key_cmp);
	return hit ? hit->i : -1;
}

/* ---- refusals ---- */

#define MAX_NAMED 4

/* The records that name one dropped technician, bay, service or part. */
struct refs {
	char list[320];
	size_t len;
	int n;
};

static void ref_add(struct refs *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void ref_add(struct refs *r, const char *fmt, ...)
{
	if (r->n++ >= MAX_NAMED || r->len >= sizeof r->list)
		return;
	va_list ap;
	va_start(ap, fmt);
	r->len += (size_t)snprintf(r->list + r->len, sizeof r->list - r->len, "%s",
				   r->n > 1 ? ", " : "");
	if (r->len < sizeof r->list)
		r->len += (size_t)vsnprintf(r->list + r->len, sizeof r->list - r->len, fmt, ap);
	va_end(ap);
}

static int refused(struct bp_err *err, const char *what, const char *id, const struct refs *r)
{
	char more[48] = "";
	if (r->n > MAX_NAMED)
		snprintf(more, sizeof more, " and %d more", r->n - MAX_NAMED);
	return bp_err_set(err, BP_EDATA, "%s %s is not in the shop file, but the store still "
			  "names it: %s%s; keep %s in the file, or use import --replace to "
			  "start over", what, id, r->list, more, id);
}

static void day_txt(int day, char buf[12])
{
	bp_date_format(day, buf, 12);
}

/* Every store record that would lose what the file drops; kept[i] says
 * whether old job i stays as the store has it (the file lacks it). */
static int check_dropped(const struct bp_shop *old, const struct bp_shop *file,
			 const unsigned char *kept, struct bp_err *err)
{
	char d[12];
	for (int t = 0; t < old->ntechs; t++) {
		struct refs r = {.n = 0};
		if (bp_shop_tech(file, old->techs[t].id) >= 0)
			continue;
		for (int i = 0; i < old->njobs; i++) {
			const struct bp_job *j = &old->jobs[i];
			if (kept[i] && j->technician == t)
				ref_add(&r, "job %s (requested technician)", j->id);
			if (j->act_tech == t)
				ref_add(&r, "job_status %s (started by)", j->id);
		}
		for (int i = 0; i < old->nroster; i++)
			if (old->roster[i].tech == t) {
				day_txt(old->roster[i].date, d);
				ref_add(&r, "roster %s", d);
			}
		if (r.n)
			return refused(err, "technician", old->techs[t].id, &r);
	}
	for (int b = 0; b < old->nbays; b++) {
		struct refs r = {.n = 0};
		if (bp_shop_bay(file, old->bays[b].id) >= 0)
			continue;
		for (int i = 0; i < old->njobs; i++)
			if (old->jobs[i].act_bay == b)
				ref_add(&r, "job_status %s (bay)", old->jobs[i].id);
		for (int i = 0; i < old->nclosures; i++)
			if (old->closures[i].bay == b) {
				day_txt(old->closures[i].date, d);
				ref_add(&r, "closure %s", d);
			}
		if (r.n)
			return refused(err, "bay", old->bays[b].id, &r);
	}
	for (int s = 0; s < old->nservices; s++) {
		struct refs r = {.n = 0};
		if (bp_shop_service(file, old->services[s].code) >= 0)
			continue;
		for (int i = 0; i < old->njobs; i++)
			if (kept[i] && old->jobs[i].service == s)
				ref_add(&r, "job %s (service)", old->jobs[i].id);
		if (r.n)
			return refused(err, "service", old->services[s].code, &r);
	}
	for (int p = 0; p < old->nparts; p++) {
		struct refs r = {.n = 0};
		const struct bp_part *pt = &old->parts[p];
		if (bp_shop_part(file, pt->sku) >= 0)
			continue;
		for (int i = 0; i < old->njobs; i++)
			for (int k = 0; kept[i] && k < old->jobs[i].nparts; k++)
				if (old->jobs[i].parts[k].part == p) {
					ref_add(&r, "job %s (parts)", old->jobs[i].id);
					break;
				}
		int open = 0;
		for (int k = 0; k < pt->non_order; k++)
			open += pt->on_order[k].qty;
		if (pt->non_order)
			ref_add(&r, "part_orders (%d still on order)", open);
		if (r.n)
			return refused(err, "part", pt->sku, &r);
	}
	return BP_OK;
}

/* ---- merging ---- */

int bp_job_same_booking(const struct bp_shop *sa, const struct bp_job *a,
			const struct bp_shop *sb, const struct bp_job *b)
{
	if (strcmp(a->id, b->id) != 0 || a->date != b->date || a->tier != b->tier ||
	    a->has_window != b->has_window || a->window.start != b->window.start ||
	    (a->has_window && a->window.end != b->window.end) || a->promised != b->promised ||
	    !a->waiting != !b->waiting || !a->loan_car != !b->loan_car ||
	    (a->minutes > 0 ? a->minutes : 0) != (b->minutes > 0 ? b->minutes : 0) ||
	    a->nparts != b->nparts ||
	    strcmp(sa->services[a->service].code, sb->services[b->service].code) != 0)
		return 0;
	if ((a->technician < 0) != (b->technician < 0) ||
	    (a->technician >= 0 &&
	     strcmp(sa->techs[a->technician].id, sb->techs[b->technician].id) != 0))
		return 0;
	for (int k = 0; k < a->nparts; k++)
		if (a->parts[k].qty != b->parts[k].qty ||
		    strcmp(sa->parts[a->parts[k].part].sku, sb->parts[b->parts[k].part].sku) != 0)
			return 0;
	return 1;
}

/* Indexes of `old` as indexes of `out`, by id; -1 stays -1. check_dropped
 * has made sure that whatever a kept record names is there. */
static int tech_of(const struct bp_shop *old, const struct bp_shop *out, int t)
{
	return t < 0 ? -1 : bp_shop_tech(out, old->techs[t].id);
}

static int bay_of(const struct bp_shop *old, const struct bp_shop *out, int b)
{
	return b < 0 ? -1 : bp_shop_bay(out, old->bays[b].id);
}

/* The store's status and progress of `from` onto `to`. */
static void take_progress(struct bp_job *to, const struct bp_job *from,
			  const struct bp_shop *old, const struct bp_shop *out)
{
	to->status = from->status;
	to->carried_from = from->carried_from;
	to->has_started = from->has_started;
	to->started_day = from->started_day;
	to->started = from->started;
	to->has_finished = from->has_finished;
	to->finished_day = from->finished_day;
	to->finished = from->finished;
	to->act_tech = tech_of(old, out, from->act_tech);
	to->act_bay = bay_of(old, out, from->act_bay);
}

/* A booking only the store has, its references moved to `out`. */
static void keep_job(struct bp_job *to, const struct bp_job *from, const struct bp_shop *old,
		     const struct bp_shop *out)
{
	*to = *from;
	to->service = bp_shop_service(out, old->services[from->service].code);
	to->technician = tech_of(old, out, from->technician);
	for (int k = 0; k < from->nparts; k++)
		to->parts[k].part = bp_shop_part(out, old->parts[from->parts[k].part].sku);
	take_progress(to, from, old, out);
}

static int add_job(struct bp_shop *out, struct bp_merge_report *r, const struct bp_job *j,
		   int old_index, enum bp_merge_state state)
{
	struct bp_job *dst = bp_shop_add_job(out);
	if (!dst)
		return -1;
	*dst = *j;
	r->old_job[out->njobs - 1] = old_index;
	r->state[out->njobs - 1] = (unsigned char)state;
	r->njobs = out->njobs;
	switch (state) {
	case BP_MERGE_ADDED: r->added++; break;
	case BP_MERGE_UPDATED: r->updated++; break;
	case BP_MERGE_SAME: r->same++; break;
	default: r->kept++; break;
	}
	return 0;
}

static int merge_day(const struct bp_shop *old, struct bp_shop *out)
{
	for (int i = 0; i < old->nroster; i++) {
		struct bp_roster_change *c = bp_shop_add_roster(out);
		if (!c)
			return -1;
		*c = old->roster[i];
		c->tech = tech_of(old, out, c->tech);
	}
	for (int i = 0; i < old->nclosures; i++) {
		struct bp_closure *c = bp_shop_add_closure(out);
		if (!c)
			return -1;
		*c = old->closures[i];
		c->bay = bay_of(old, out, c->bay);
	}
	return 0;
}

/* Stock and the on-order book are the store's for the parts it knows. */
static void merge_parts(const struct bp_shop *old, struct bp_shop *out,
			struct bp_merge_report *r)
{
	for (int p = 0; p < out->nparts; p++) {
		struct bp_part *pt = &out->parts[p];
		int o = bp_shop_part(old, pt->sku);
		r->new_part[p] = o < 0;
		if (o < 0)
			continue;
		pt->on_hand = old->parts[o].on_hand;
		pt->non_order = old->parts[o].non_order;
		memcpy(pt->on_order, old->parts[o].on_order, sizeof pt->on_order);
	}
	r->nparts = out->nparts;
}

static int merge_jobs(const struct bp_shop *old, const struct bp_shop *file,
		      const struct key *fkeys, const struct key *okeys, struct bp_shop *out,
		      struct bp_merge_report *r)
{
	for (int i = 0; i < old->njobs; i++) {
		const struct bp_job *o = &old->jobs[i];
		int f = find_job(fkeys, file->njobs, o->id);
		struct bp_job j;
		enum bp_merge_state state = BP_MERGE_KEPT;
		if (f >= 0) {
			j = file->jobs[f];
			take_progress(&j, o, old, out);
			state = bp_job_same_booking(old, o, out, &j) ? BP_MERGE_SAME
								     : BP_MERGE_UPDATED;
		} else {
			keep_job(&j, o, old, out);
		}
		if (add_job(out, r, &j, i, state))
			return -1;
	}
	for (int f = 0; f < file->njobs; f++)
		if (find_job(okeys, old->njobs, file->jobs[f].id) < 0 &&
		    add_job(out, r, &file->jobs[f], -1, BP_MERGE_ADDED))
			return -1;
	return 0;
}

int bp_shop_merge(const struct bp_shop *old, const struct bp_shop *file, struct bp_shop *out,
		  struct bp_merge_report *r, struct bp_err *err)
{
	memset(r, 0, sizeof *r);
	bp_shop_init(out);
	struct key *fkeys = job_keys(file), *okeys = job_keys(old);
	unsigned char *kept = malloc((size_t)old->njobs + 1);
	size_t nj = (size_t)old->njobs + (size_t)file->njobs + 1;
	r->old_job = malloc(nj * sizeof *r->old_job);
	r->state = malloc(nj);
	r->new_part = malloc((size_t)file->nparts + 1);
	int rc = BP_OK;
	if (!fkeys || !okeys || !kept || !r->old_job || !r->state || !r->new_part) {
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory merging the shop");
		goto out;
	}
	for (int i = 0; i < old->njobs; i++)
		kept[i] = find_job(fkeys, file->njobs, old->jobs[i].id) < 0;
	if ((rc = check_dropped(old, file, kept, err)))
		goto out;
	if (bp_shop_copy(out, file)) {
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory merging the shop");
		goto out;
	}
	/* History only: the store adds its own actuals back when it loads. */
	out->nactuals = file->nactuals - file->nstore_actuals;
	out->nstore_actuals = 0;
	out->njobs = out->nroster = out->nclosures = 0;
	merge_parts(old, out, r);
	if (merge_jobs(old, file, fkeys, okeys, out, r) || merge_day(old, out))
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory merging the shop");
out:
	free(fkeys);
	free(okeys);
	free(kept);
	if (rc) {
		bp_shop_free(out);
		bp_merge_report_free(r);
	}
	return rc;
}

void bp_merge_report_free(struct bp_merge_report *r)
{
	free(r->old_job);
	free(r->state);
	free(r->new_part);
	memset(r, 0, sizeof *r);
}
