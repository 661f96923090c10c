/*
 * shop.c - construction, copying and look-ups for struct bp_shop.
 */
#include "shop.h"

#include <stdlib.h>
#include <string.h>

void bp_shop_policy_defaults(struct bp_policy *p)
{
	memset(p, 0, sizeof *p);
	p->tier_weight[BP_TIER_CORE] = 3;
	p->tier_weight[BP_TIER_POTENTIAL] = 2;
	p->tier_weight[BP_TIER_BASIC] = 1;
	p->job_value = 1000;
	p->late_per_minute = 2;
	p->overtime_factor = 1;
	p->overqual_per_minute = 0.2;
	p->wait_per_minute = 0.5;
	p->delivery_fee = 15;
	p->holding_rate_per_day = 0.001;
	p->missing_part_penalty = 5000;
	p->safety_shortfall_penalty = 20;
	p->excess_days = 60;
	p->service_level = 0.95;
	p->max_overbook = 1.15;
	/* Advisors receive 8-10 cars a day at best; quality drops above 12. */
	p->advisor_day_max = 12;
	/* A tie-break: finish before a break rather than leave a car on a
	 * lift over lunch, when it costs nothing else. */
	p->pause_per_minute = 0.05;
	p->carry_per_minute = 1;
}

void bp_shop_init(struct bp_shop *s)
{
	memset(s, 0, sizeof *s);
	s->info.slot_minutes = 15;
	s->info.open = 7 * 60 + 30;
	s->info.close = 18 * 60;
	s->info.overtime_minutes = 60;
	s->info.advisors = 1;
	s->info.advisor_checkins_per_hour = 4;
	s->info.lead_hours[BP_SUPPLY_COMMON] = 4;
	s->info.lead_hours[BP_SUPPLY_RARE] = 48;
	bp_shop_policy_defaults(&s->policy);
}

void bp_shop_free(struct bp_shop *s)
{
	free(s->bays);
	free(s->techs);
	free(s->services);
	free(s->parts);
	free(s->jobs);
	free(s->demand);
	free(s->actuals);
	free(s->roster);
	free(s->closures);
	bp_shop_init(s);
}

static void *grow(void **arr, int *n, int *cap, size_t size)
{
	if (*n == *cap) {
		int nc = *cap ? *cap * 2 : 16;
		void *p = realloc(*arr, (size_t)nc * size);
		if (!p)
			return NULL;
		*arr = p;
		*cap = nc;
	}
	char *slot = (char *)*arr + (size_t)(*n)++ * size;
	memset(slot, 0, size);
	return slot;
}

#define ADDER(fn, type, field, count, capf)                                    \
	type *fn(struct bp_shop *s)                                            \
	{                                                                      \
		return grow((void **)&s->field, &s->count, &s->capf, sizeof(type)); \
	}

ADDER(bp_shop_add_bay, struct bp_bay, bays, nbays, cap_bays)
ADDER(bp_shop_add_tech, struct bp_technician, techs, ntechs, cap_techs)
ADDER(bp_shop_add_service, struct bp_service, services, nservices, cap_services)
ADDER(bp_shop_add_part, struct bp_part, parts, nparts, cap_parts)
ADDER(bp_shop_add_demand, struct bp_demand_row, demand, ndemand, cap_demand)
ADDER(bp_shop_add_actual, struct bp_actual, actuals, nactuals, cap_actuals)
ADDER(bp_shop_add_roster, struct bp_roster_change, roster, nroster, cap_roster)
ADDER(bp_shop_add_closure, struct bp_closure, closures, nclosures, cap_closures)

struct bp_job *bp_shop_add_job(struct bp_shop *s)
{
	struct bp_job *j = grow((void **)&s->jobs, &s->njobs, &s->cap_jobs, sizeof *j);
	if (j) {
		j->promised = -1;
		j->technician = -1;
		j->act_tech = -1;
		j->act_bay = -1;
	}
	return j;
}

/* An index into an array from which `gone` was removed: -1 for gone itself. */
static int remap(int idx, int gone)
{
	return idx == gone ? -1 : idx > gone ? idx - 1 : idx;
}

void bp_shop_remove_tech(struct bp_shop *s, int i)
{
	if (i < 0 || i >= s->ntechs)
		return;
	memmove(&s->techs[i], &s->techs[i + 1], (size_t)(s->ntechs - i - 1) * sizeof *s->techs);
	s->ntechs--;
	for (int j = 0; j < s->njobs; j++) {
		s->jobs[j].technician = remap(s->jobs[j].technician, i);
		s->jobs[j].act_tech = remap(s->jobs[j].act_tech, i);
	}
	for (int a = 0; a < s->nactuals; a++)
		s->actuals[a].technician = remap(s->actuals[a].technician, i);
	int k = 0;
	for (int r = 0; r < s->nroster; r++)
		if (s->roster[r].tech != i) {
			s->roster[k] = s->roster[r];
			s->roster[k++].tech = remap(s->roster[r].tech, i);
		}
	s->nroster = k;
}

void bp_shop_remove_bay(struct bp_shop *s, int i)
{
	if (i < 0 || i >= s->nbays)
		return;
	memmove(&s->bays[i], &s->bays[i + 1], (size_t)(s->nbays - i - 1) * sizeof *s->bays);
	s->nbays--;
	for (int j = 0; j < s->njobs; j++)
		s->jobs[j].act_bay = remap(s->jobs[j].act_bay, i);
	int k = 0;
	for (int c = 0; c < s->nclosures; c++)
		if (s->closures[c].bay != i || i < 0) {
			s->closures[k] = s->closures[c];
			s->closures[k++].bay = s->closures[c].bay < 0 ? -1 : remap(s->closures[c].bay, i);
		}
	s->nclosures = k;
}

void bp_shop_remove_job(struct bp_shop *s, int i)
{
	if (i < 0 || i >= s->njobs)
		return;
	memmove(&s->jobs[i], &s->jobs[i + 1], (size_t)(s->njobs - i - 1) * sizeof *s->jobs);
	s->njobs--;
}

static int dup_array(void **dst, const void *src, int n, size_t size)
{
	*dst = NULL;
	if (n == 0)
		return 0;
	*dst = malloc((size_t)n * size);
	if (!*dst)
		return -1;
	memcpy(*dst, src, (size_t)n * size);
	return 0;
}

int bp_shop_copy(struct bp_shop *dst, const struct bp_shop *src)
{
	*dst = *src;
	dst->cap_bays = dst->nbays;
	dst->cap_techs = dst->ntechs;
	dst->cap_services = dst->nservices;
	dst->cap_parts = dst->nparts;
	dst->cap_jobs = dst->njobs;
	dst->cap_demand = dst->ndemand;
	dst->cap_actuals = dst->nactuals;
	dst->cap_roster = dst->nroster;
	dst->cap_closures = dst->nclosures;
	int bad = 0;
	bad |= dup_array((void **)&dst->bays, src->bays, src->nbays, sizeof *src->bays);
	bad |= dup_array((void **)&dst->techs, src->techs, src->ntechs, sizeof *src->techs);
	bad |= dup_array((void **)&dst->services, src->services, src->nservices,
			 sizeof *src->services);
	bad |= dup_array((void **)&dst->parts, src->parts, src->nparts, sizeof *src->parts);
	bad |= dup_array((void **)&dst->jobs, src->jobs, src->njobs, sizeof *src->jobs);
	bad |= dup_array((void **)&dst->demand, src->demand, src->ndemand, sizeof *src->demand);
	bad |= dup_array((void **)&dst->actuals, src->actuals, src->nactuals,
			 sizeof *src->actuals);
	bad |= dup_array((void **)&dst->roster, src->roster, src->nroster, sizeof *src->roster);
	bad |= dup_array((void **)&dst->closures, src->closures, src->nclosures,
			 sizeof *src->closures);
	if (bad) {
		bp_shop_free(dst);
		return -1;
	}
	return 0;
}

#define FINDER(fn, arr, count, key)                                  \
	int fn(const struct bp_shop *s, const char *id)              \
	{                                                            \
		for (int i = 0; i < s->count; i++)                   \
			if (strcmp(s->arr[i].key, id) == 0)          \
				return i;                            \
		return -1;                                           \
	}

FINDER(bp_shop_skill, skills, nskills, id)
FINDER(bp_shop_bay_type, bay_types, nbay_types, id)
FINDER(bp_shop_bay, bays, nbays, id)
FINDER(bp_shop_tech, techs, ntechs, id)
FINDER(bp_shop_service, services, nservices, code)
FINDER(bp_shop_part, parts, nparts, sku)
FINDER(bp_shop_job, jobs, njobs, id)

int bp_job_tech_level(const struct bp_shop *s, const struct bp_job *j,
		      const struct bp_technician *t)
{
	const struct bp_service *sv = &s->services[j->service];
	int lv = t->level[sv->skill];
	return lv >= sv->level ? lv : 0;
}

int bp_job_minutes(const struct bp_shop *s, const struct bp_job *j,
		   const struct bp_technician *t)
{
	int lv = bp_job_tech_level(s, j, t);
	if (!lv)
		return 0;
	const struct bp_service *sv = &s->services[j->service];
	if (!sv->minutes[lv])
		return 0;
	return j->minutes > 0 ? j->minutes : sv->minutes[lv];
}

/* The breaks of t, sorted, overlapping ones merged; returns how many. */
static int merged_breaks(const struct bp_technician *t, struct bp_span *out)
{
	int n = 0;
	for (int i = 0; i < t->nbreaks && i < BP_MAX_SPANS; i++) {
		struct bp_span b = t->breaks[i];
		int k = n;
		while (k > 0 && out[k - 1].start > b.start) {
			out[k] = out[k - 1];
			k--;
		}
		out[k] = b;
		n++;
	}
	int m = 0;
	for (int i = 0; i < n; i++) {
		if (m && out[i].start <= out[m - 1].end) {
			if (out[i].end > out[m - 1].end)
				out[m - 1].end = out[i].end;
		} else {
			out[m++] = out[i];
		}
	}
	return m;
}

int bp_work_end(const struct bp_technician *t, int start, int minutes)
{
	struct bp_span br[BP_MAX_SPANS];
	int n = merged_breaks(t, br), e = start, left = minutes;
	for (int i = 0; i < n; i++) {
		if (br[i].end <= e)
			continue;
		if (br[i].start >= e + left)
			break;
		if (br[i].start > e)
			left -= br[i].start - e;
		e = br[i].end;
	}
	return e + left;
}

int bp_work_between(const struct bp_technician *t, int start, int end)
{
	struct bp_span br[BP_MAX_SPANS];
	int n = merged_breaks(t, br), w = end - start;
	for (int i = 0; i < n; i++) {
		int lo = br[i].start > start ? br[i].start : start;
		int hi = br[i].end < end ? br[i].end : end;
		if (hi > lo)
			w -= hi - lo;
	}
	return w > 0 ? w : 0;
}

int bp_job_part_qty(const struct bp_shop *s, const struct bp_job *j, int p)
{
	const struct bp_service *sv = &s->services[j->service];
	int q = 0;
	for (int i = 0; i < sv->nparts; i++)
		if (sv->parts[i].part == p)
			q += sv->parts[i].qty;
	for (int i = 0; i < j->nparts; i++)
		if (j->parts[i].part == p)
			q += j->parts[i].qty;
	return q;
}

static const char *tier_names[BP_TIERS] = {"core", "potential", "basic"};
static const char *supply_names[BP_SUPPLIES] = {"common", "rare"};

const char *bp_tier_name(enum bp_tier t)
{
	return (unsigned)t < BP_TIERS ? tier_names[t] : "?";
}

int bp_tier_parse(const char *s, enum bp_tier *out)
{
	for (int i = 0; i < BP_TIERS; i++)
		if (strcmp(s, tier_names[i]) == 0) {
			*out = (enum bp_tier)i;
			return 0;
		}
	return -1;
}

const char *bp_supply_name(enum bp_supply s)
{
	return (unsigned)s < BP_SUPPLIES ? supply_names[s] : "?";
}

int bp_supply_parse(const char *s, enum bp_supply *out)
{
	for (int i = 0; i < BP_SUPPLIES; i++)
		if (strcmp(s, supply_names[i]) == 0) {
			*out = (enum bp_supply)i;
			return 0;
		}
	return -1;
}

static const char *status_names[BP_JOB_STATUSES] = {"booked", "in_progress", "done",
						    "no_show", "cancelled"};

const char *bp_job_status_name(enum bp_job_status st)
{
	return (unsigned)st < BP_JOB_STATUSES ? status_names[st] : "?";
}

int bp_job_status_parse(const char *s, enum bp_job_status *out)
{
	for (int i = 0; i < BP_JOB_STATUSES; i++)
		if (strcmp(s, status_names[i]) == 0) {
			*out = (enum bp_job_status)i;
			return 0;
		}
	return -1;
}
