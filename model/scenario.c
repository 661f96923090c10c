/*
 * scenario.c - applying a what-if scenario to a copy of a shop: removals
 * with every index that pointed at or past the removed record re-mapped,
 * modifications, additions, supply lead times, policy and demand scaling
 * with a seeded PRNG (splitmix64), then validation of the result.
 */
#include "scenario.h"

#include <math.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "validate.h"

/* ---- construction ---- */

void bp_sc_changes_init(struct bp_sc_changes *c)
{
	memset(c, 0, sizeof *c);
	for (int i = 0; i < BP_SUPPLIES; i++)
		c->lead_hours[i] = -1;
	c->scale = 1;
	c->seed = 1;
}

void bp_sc_changes_free(struct bp_sc_changes *c)
{
	free(c->ops);
	bp_sc_changes_init(c);
}

void bp_scenario_init(struct bp_scenario *sc)
{
	memset(sc, 0, sizeof *sc);
	sc->date = -1;
	bp_sc_changes_init(&sc->changes);
}

void bp_scenario_free(struct bp_scenario *sc)
{
	bp_sc_changes_free(&sc->changes);
	for (int i = 0; i < sc->nvariants; i++)
		bp_sc_changes_free(&sc->variants[i]);
	free(sc->variants);
	bp_scenario_init(sc);
}

struct bp_sc_op *bp_sc_add_op(struct bp_sc_changes *c, enum bp_sc_kind kind)
{
	if (c->nops == c->cap_ops) {
		int nc = c->cap_ops ? c->cap_ops * 2 : 8;
		struct bp_sc_op *n = realloc(c->ops, (size_t)nc * sizeof *n);
		if (!n)
			return NULL;
		c->ops = n;
		c->cap_ops = nc;
	}
	struct bp_sc_op *op = &c->ops[c->nops++];
	memset(op, 0, sizeof *op);
	op->kind = kind;
	op->overtime_cost_per_hour = -1;
	for (int l = 0; l <= BP_LEVELS; l++)
		op->minutes[l] = -1;
	return op;
}

struct bp_sc_changes *bp_scenario_add_variant(struct bp_scenario *sc)
{
	if (sc->nvariants == sc->cap_variants) {
		int nc = sc->cap_variants ? sc->cap_variants * 2 : 8;
		struct bp_sc_changes *n = realloc(sc->variants, (size_t)nc * sizeof *n);
		if (!n)
			return NULL;
		sc->variants = n;
		sc->cap_variants = nc;
	}
	struct bp_sc_changes *v = &sc->variants[sc->nvariants++];
	bp_sc_changes_init(v);
	return v;
}

static const char *const policy_names[BP_SC_POLICY_KEYS] = {
	"tier_weight.core", "tier_weight.potential", "tier_weight.basic", "job_value",
	"late_per_minute", "overtime_factor", "overqual_per_minute", "wait_per_minute",
	"delivery_fee", "holding_rate_per_day", "missing_part_penalty",
	"safety_shortfall_penalty", "excess_days", "service_level", "max_overbook",
};

int bp_sc_policy_find(const char *name)
{
	for (int i = 0; i < BP_SC_POLICY_KEYS; i++)
		if (!strcmp(policy_names[i], name))
			return i;
	return -1;
}

const char *bp_sc_policy_name(int key)
{
	return key >= 0 && key < BP_SC_POLICY_KEYS ? policy_names[key] : "?";
}

int bp_scenario_ncolumns(const struct bp_scenario *sc)
{
	return 1 + (sc->nvariants ? sc->nvariants : 1);
}

const char *bp_scenario_column_name(const struct bp_scenario *sc, int col)
{
	if (col <= 0)
		return "base";
	if (!sc->nvariants)
		return "changes";
	return col <= sc->nvariants ? sc->variants[col - 1].name : "?";
}

unsigned long long bp_splitmix64(unsigned long long *x)
{
	unsigned long long z = (*x += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* ---- applying ---- */

struct ap {
	const struct bp_scenario *sc;
	struct bp_shop *s;
	struct bp_sc_notes *notes;
	struct bp_err *err;
};

static void note(struct bp_sc_notes *n, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct bp_sc_notes *n, const char *fmt, ...)
{
	if (!n)
		return;
	if (n->n == BP_SC_MAX_NOTES) {
		n->more++;
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(n->msg[n->n++], sizeof n->msg[0], fmt, ap);
	va_end(ap);
}

static int fail_at(struct ap *a, struct bp_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail_at(struct ap *a, struct bp_pos pos, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (pos.line > 0)
		return bp_err_at(a->err, BP_EDATA, a->sc->file, pos.line, pos.col, "%s", msg);
	return bp_err_set(a->err, BP_EDATA, "%s", msg);
}

static int oom(struct ap *a)
{
	return bp_err_set(a->err, BP_EINTERNAL, "out of memory applying the scenario");
}

/* "T1, T2, T3" (shortened when long) for "no technician 'T9'; ..." messages. */
static void id_list(char *buf, size_t n, const void *ids, size_t stride, int count)
{
	size_t used = 0;
	buf[0] = 0;
	if (!count) {
		snprintf(buf, n, "none");
		return;
	}
	for (int i = 0; i < count; i++) {
		const char *id = (const char *)ids + (size_t)i * stride;
		if (i == 12 || used + strlen(id) + 8 >= n) {
			snprintf(buf + used, n - used, ", ...");
			return;
		}
		used += (size_t)snprintf(buf + used, n - used, "%s%s", i ? ", " : "", id);
	}
}

/* The records' ids are their first members, so the array itself is the first
 * id; it may be NULL when count is 0 (an empty array is never allocated). */
_Static_assert(offsetof(struct bp_technician, id) == 0 && offsetof(struct bp_bay, id) == 0 &&
	       offsetof(struct bp_service, code) == 0 && offsetof(struct bp_part, sku) == 0,
	       "ids first");
static int no_such(struct ap *a, const struct bp_sc_op *op, const char *section,
		   const char *kind, const void *ids, size_t stride, int count)
{
	char list[300];
	id_list(list, sizeof list, ids, stride, count);
	return fail_at(a, op->pos, "%s: no %s '%s' in the shop; its %ss are %s", section, kind,
		       op->id, kind, list);
}

static int skill_of(struct ap *a, const struct bp_sc_op *op, int k, int *x)
{
	*x = bp_shop_skill(a->s, op->skill[k]);
	if (*x >= 0)
		return BP_OK;
	char list[300];
	id_list(list, sizeof list, a->s->skills[0].id, sizeof a->s->skills[0], a->s->nskills);
	return fail_at(a, op->skill_pos[k], "technician %s skills: no skill '%s' in the shop; "
		       "its skills are %s", op->id, op->skill[k], list);
}

static int bay_type_of(struct ap *a, const struct bp_sc_op *op, int *x)
{
	*x = bp_shop_bay_type(a->s, op->bay_type);
	if (*x >= 0)
		return BP_OK;
	char list[300];
	id_list(list, sizeof list, a->s->bay_types[0].id, sizeof a->s->bay_types[0],
		a->s->nbay_types);
	return fail_at(a, op->type_pos, "bay %s type: no bay type '%s' in the shop; its bay "
		       "types are %s", op->id, op->bay_type, list);
}

static void tech_fields(struct bp_technician *t, const struct bp_sc_op *op)
{
	if (op->set & BP_SC_F_NAME)
		memcpy(t->name, op->name, sizeof t->name);
	if (op->set & BP_SC_F_SHIFT)
		t->shift = op->shift;
	if (op->set & BP_SC_F_BREAKS) {
		t->nbreaks = op->nbreaks;
		memcpy(t->breaks, op->breaks, sizeof t->breaks);
	}
	if (op->set & BP_SC_F_COST)
		t->cost_per_hour = op->cost_per_hour;
	if (op->set & BP_SC_F_OT_COST)
		t->overtime_cost_per_hour = op->overtime_cost_per_hour;
	t->pos = op->pos;
}

/* Skills by name into t->level; returns BP_OK or the error status. */
static int tech_skills(struct ap *a, struct bp_technician *t, const struct bp_sc_op *op)
{
	for (int k = 0; k < op->nskills; k++) {
		int x, rc = skill_of(a, op, k, &x);
		if (rc)
			return rc;
		t->level[x] = op->level[k];
	}
	return BP_OK;
}

static int tech_remove(struct ap *a, const struct bp_sc_op *op)
{
	struct bp_shop *s = a->s;
	int i = bp_shop_tech(s, op->id);
	if (i < 0)
		return no_such(a, op, "technicians remove", "technician", s->techs,
			       sizeof *s->techs, s->ntechs);
	/* Bookings that asked for this technician keep their slot in the day:
	 * only the wish goes, and the user is told. */
	for (int j = 0; j < s->njobs; j++) {
		struct bp_job *jb = &s->jobs[j];
		if (jb->technician == i) {
			note(a->notes, "job %s asked for technician %s, who is removed: the "
			     "request is dropped", jb->id, op->id);
			jb->technician = -1;
		} else if (jb->technician > i) {
			jb->technician--;
		}
	}
	for (int k = 0; k < s->nactuals; k++) {
		struct bp_actual *ac = &s->actuals[k];
		if (ac->technician == i)
			ac->technician = -1;
		else if (ac->technician > i)
			ac->technician--;
	}
	memmove(&s->techs[i], &s->techs[i + 1], (size_t)(s->ntechs - i - 1) * sizeof *s->techs);
	s->ntechs--;
	return BP_OK;
}

static int tech_modify(struct ap *a, const struct bp_sc_op *op)
{
	struct bp_shop *s = a->s;
	int i = bp_shop_tech(s, op->id);
	if (i < 0)
		return no_such(a, op, "technicians modify", "technician", s->techs,
			       sizeof *s->techs, s->ntechs);
	tech_fields(&s->techs[i], op);
	return tech_skills(a, &s->techs[i], op);
}

static int tech_add(struct ap *a, const struct bp_sc_op *op)
{
	struct bp_shop *s = a->s;
	if (bp_shop_tech(s, op->id) >= 0)
		return fail_at(a, op->pos, "technicians add: technician '%s' is already in the "
			       "shop (remove it too, to replace it)", op->id);
	struct bp_technician *t = bp_shop_add_tech(s);
	if (!t)
		return oom(a);
	memcpy(t->id, op->id, sizeof t->id);
	tech_fields(t, op);
	if (!(op->set & BP_SC_F_OT_COST))
		t->overtime_cost_per_hour = t->cost_per_hour * 1.5;
	return tech_skills(a, t, op);
}

static int bay_remove(struct ap *a, const struct bp_sc_op *op)
{
	struct bp_shop *s = a->s;
	int i = bp_shop_bay(s, op->id);
	if (i < 0)
		return no_such(a, op, "bays remove", "bay", s->bays, sizeof *s->bays,
			       s->nbays);
	/* Nothing in a shop points at a bay by index (plans are made later). */
	memmove(&s->bays[i], &s->bays[i + 1], (size_t)(s->nbays - i - 1) * sizeof *s->bays);
	s->nbays--;
	return BP_OK;
}

static int bay_fields(struct ap *a, struct bp_bay *b, const struct bp_sc_op *op)
{
	if (op->set & BP_SC_F_TYPE) {
		int x, rc = bay_type_of(a, op, &x);
		if (rc)
			return rc;
		b->type = x;
	}
	if (op->set & BP_SC_F_CLOSED) {
		b->nclosed = op->nclosed;
		memcpy(b->closed, op->closed, sizeof b->closed);
	}
	b->pos = op->pos;
	return BP_OK;
}

static int bay_modify(struct ap *a, const struct bp_sc_op *op)
{
	struct bp_shop *s = a->s;
	int i = bp_shop_bay(s, op->id);
	if (i < 0)
		return no_such(a, op, "bays modify", "bay", s->bays, sizeof *s->bays,
			       s->nbays);
	return bay_fields(a, &s->bays[i], op);
}

static int bay_add(struct ap *a, const struct bp_sc_op *op)
{
	struct bp_shop *s = a->s;
	if (bp_shop_bay(s, op->id) >= 0)
		return fail_at(a, op->pos, "bays add: bay '%s' is already in the shop (remove "
			       "it too, to replace it)", op->id);
	struct bp_bay *b = bp_shop_add_bay(s);
	if (!b)
		return oom(a);
	memcpy(b->id, op->id, sizeof b->id);
	b->type = -1;
	return bay_fields(a, b, op);
}

static int service_modify(struct ap *a, const struct bp_sc_op *op)
{
	struct bp_shop *s = a->s;
	int i = bp_shop_service(s, op->id);
	if (i < 0)
		return no_such(a, op, "services modify", "service", s->services,
			       sizeof *s->services, s->nservices);
	struct bp_service *sv = &s->services[i];
	for (int l = 1; l <= BP_LEVELS; l++)
		if (op->minutes[l] >= 0)
			sv->minutes[l] = op->minutes[l];
	sv->pos = op->pos;
	return BP_OK;
}

static int part_modify(struct ap *a, const struct bp_sc_op *op)
{
	struct bp_shop *s = a->s;
	int i = bp_shop_part(s, op->id);
	if (i < 0)
		return no_such(a, op, "parts modify", "part", s->parts, sizeof *s->parts,
			       s->nparts);
	struct bp_part *p = &s->parts[i];
	if (op->set & BP_SC_F_ON_HAND)
		p->on_hand = op->on_hand;
	if (op->set & BP_SC_F_SUPPLY)
		p->supply = op->supply;
	if (op->set & BP_SC_F_SERVICE_LEVEL)
		p->service_level = op->service_level;
	p->pos = op->pos;
	return BP_OK;
}

static void set_policy(struct bp_shop *s, int key, double v)
{
	struct bp_policy *p = &s->policy;
	switch (key) {
	case BP_SC_P_TIER_CORE: p->tier_weight[BP_TIER_CORE] = v; break;
	case BP_SC_P_TIER_POTENTIAL: p->tier_weight[BP_TIER_POTENTIAL] = v; break;
	case BP_SC_P_TIER_BASIC: p->tier_weight[BP_TIER_BASIC] = v; break;
	case BP_SC_P_JOB_VALUE: p->job_value = v; break;
	case BP_SC_P_LATE: p->late_per_minute = v; break;
	case BP_SC_P_OVERTIME: p->overtime_factor = v; break;
	case BP_SC_P_OVERQUAL: p->overqual_per_minute = v; break;
	case BP_SC_P_WAIT: p->wait_per_minute = v; break;
	case BP_SC_P_DELIVERY_FEE: p->delivery_fee = v; break;
	case BP_SC_P_HOLDING: p->holding_rate_per_day = v; break;
	case BP_SC_P_MISSING_PART: p->missing_part_penalty = v; break;
	case BP_SC_P_SAFETY_SHORTFALL: p->safety_shortfall_penalty = v; break;
	case BP_SC_P_EXCESS_DAYS: p->excess_days = (int)v; break;
	case BP_SC_P_SERVICE_LEVEL:
		/* In a shop file the policy's service level is only the default for
		 * parts that give none; by the time a shop is loaded that default is
		 * filled in, so a scenario's "service level 98 %" means every part. */
		p->service_level = v;
		for (int i = 0; i < s->nparts; i++)
			s->parts[i].service_level = v;
		break;
	case BP_SC_P_MAX_OVERBOOK: p->max_overbook = v; break;
	default: break;
	}
}

static int (*const appliers[BP_SC_KINDS])(struct ap *, const struct bp_sc_op *) = {
	tech_remove, tech_modify, tech_add, bay_remove, bay_modify, bay_add,
	service_modify, part_modify,
};

/* Lead times and policy first, so that a part's own service level (parts
 * modify) wins over the policy's; then the record ops kind by kind. */
static int apply_changes(struct ap *a, const struct bp_sc_changes *c)
{
	for (int i = 0; i < BP_SUPPLIES; i++)
		if (c->lead_hours[i] >= 0)
			a->s->info.lead_hours[i] = c->lead_hours[i];
	for (int k = 0; k < BP_SC_POLICY_KEYS; k++)
		if (c->policy_set >> k & 1u)
			set_policy(a->s, k, c->policy[k]);
	for (int kind = 0; kind < BP_SC_KINDS; kind++)
		for (int i = 0; i < c->nops; i++) {
			if ((int)c->ops[i].kind != kind)
				continue;
			int rc = appliers[kind](a, &c->ops[i]);
			if (rc)
				return rc;
		}
	return BP_OK;
}

/* Positions in a loaded shop point into its own file; the scenario's
 * messages name the scenario file, so they are cleared here. */
static void clear_positions(struct bp_shop *s)
{
	struct bp_pos none = {0, 0};
	s->info.pos = none;
	for (int i = 0; i < s->nskills; i++)
		s->skills[i].pos = none;
	for (int i = 0; i < s->nbay_types; i++)
		s->bay_types[i].pos = none;
	for (int i = 0; i < s->nwindows; i++)
		s->window_pos[i] = none;
	for (int i = 0; i < s->nbays; i++)
		s->bays[i].pos = none;
	for (int i = 0; i < s->ntechs; i++)
		s->techs[i].pos = none;
	for (int i = 0; i < s->nservices; i++)
		s->services[i].pos = none;
	for (int i = 0; i < s->nparts; i++)
		s->parts[i].pos = none;
	for (int i = 0; i < s->njobs; i++)
		s->jobs[i].pos = none;
}

int bp_scenario_apply(const struct bp_scenario *sc, int col, const struct bp_shop *base,
		      int date, struct bp_shop *out, struct bp_sc_notes *notes,
		      struct bp_err *err)
{
	struct ap a = {sc, out, notes, err};
	bp_shop_init(out);
	if (notes)
		memset(notes, 0, sizeof *notes);
	if (col < 0 || col >= bp_scenario_ncolumns(sc))
		return bp_err_set(err, BP_EINTERNAL, "scenario column %d does not exist", col);
	if (bp_shop_copy(out, base))
		return oom(&a);
	clear_positions(out);
	if (col == 0)
		return bp_shop_validate(out, sc->file, err);

	const struct bp_sc_changes *v = sc->nvariants ? &sc->variants[col - 1] : NULL;
	int rc = apply_changes(&a, &sc->changes);
	if (!rc && v)
		rc = apply_changes(&a, v);
	const struct bp_sc_changes *d = v && v->has_demand ? v
					: sc->changes.has_demand ? &sc->changes : NULL;
	if (!rc && d)
		rc = bp_scenario_scale_demand(out, date, d->scale, d->seed, notes, err);
	if (!rc && (rc = bp_shop_validate(out, sc->file, err))) {
		char msg[sizeof err->msg], head[160];
		memcpy(msg, err->msg, sizeof msg);
		snprintf(head, sizeof head, "with %s '%.100s' applied: ",
			 v ? "variant" : "the scenario", v ? v->name : sc->name);
		size_t h = strlen(head);
		memcpy(err->msg, head, h);
		snprintf(err->msg + h, sizeof err->msg - h, "%s", msg);
	}
	return rc;
}

/* ---- demand ---- */

static void fresh_id(const struct bp_shop *s, int *counter, char *id, size_t n)
{
	do
		snprintf(id, n, "WI-%04d", ++*counter);
	while (bp_shop_job(s, id) >= 0);
}

int bp_scenario_scale_demand(struct bp_shop *s, int date, double scale,
			     unsigned long long seed, struct bp_sc_notes *notes,
			     struct bp_err *err)
{
	char day[12];
	bp_date_format(date, day, sizeof day);
	if (!(scale >= 0) || !isfinite(scale))
		return bp_err_set(err, BP_EINTERNAL, "demand scale %g is not a number >= 0", scale);
	int n = 0;
	int *idx = malloc(((size_t)s->njobs + 1) * sizeof *idx);
	if (!idx)
		return bp_err_set(err, BP_EINTERNAL, "out of memory scaling demand");
	for (int j = 0; j < s->njobs; j++)
		if (s->jobs[j].date == date)
			idx[n++] = j;
	double want = floor(n * scale + 0.5);
	long target = want > 1e7 ? 10000000L : (long)want;
	unsigned long long x = seed;
	if (n == 0) {
		if (scale != 1)
			note(notes, "demand x%g: there are no bookings on %s to draw from", scale,
			     day);
	} else if (target < n) {
		/* The first `drop` places of a partial Fisher-Yates shuffle. */
		int drop = n - (int)target;
		for (int k = 0; k < drop; k++) {
			int r = k + (int)(bp_splitmix64(&x) % (unsigned long long)(n - k));
			int t = idx[k];
			idx[k] = idx[r];
			idx[r] = t;
		}
		char *gone = calloc((size_t)s->njobs + 1, 1);
		if (!gone) {
			free(idx);
			return bp_err_set(err, BP_EINTERNAL, "out of memory scaling demand");
		}
		for (int k = 0; k < drop; k++)
			gone[idx[k]] = 1;
		int w = 0;
		for (int j = 0; j < s->njobs; j++)
			if (!gone[j])
				s->jobs[w++] = s->jobs[j];
		s->njobs = w;
		free(gone);
		note(notes, "demand x%g: %d of the %d bookings on %s dropped at random (seed %llu)",
		     scale, drop, n, day, seed);
	} else if (target > n) {
		int extra = (int)(target - n), counter = 0;
		for (int k = 0; k < extra; k++) {
			/* By value: adding a job may move the array. */
			struct bp_job tpl = s->jobs[idx[bp_splitmix64(&x) % (unsigned long long)n]];
			char id[BP_ID_LEN];
			fresh_id(s, &counter, id, sizeof id);	/* before the new job is in */
			struct bp_job *j = bp_shop_add_job(s);
			if (!j) {
				free(idx);
				return bp_err_set(err, BP_EINTERNAL, "out of memory scaling demand");
			}
			memcpy(j->id, id, sizeof j->id);
			j->date = date;
			j->service = tpl.service;
			j->tier = tpl.tier;
			j->window = tpl.window;
			j->has_window = tpl.has_window;
			j->promised = tpl.promised;
			j->waiting = tpl.waiting;
		}
		note(notes, "demand x%g: %d bookings added on %s, drawn from its %d (seed %llu), "
		     "ids WI-0001...", scale, extra, day, n, seed);
	}
	free(idx);
	return BP_OK;
}
