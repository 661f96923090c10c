/*
 * yaml_shop.c - the shop file (doc/shop-file.md) into struct bp_shop.
 * Sections may come in any order, so names are collected with their
 * positions and resolved to indexes once the whole file is read; then the
 * history CSVs are read and the shop is validated.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/csv_history.h"
#include "io/yaml_reader.h"
#include "io/yaml_shop.h"
#include "model/validate.h"

#define BIG BP_MAX_AMOUNT	/* the validator's bounds (model/validate.h) */

/* A name that must be resolved once every section is read. */
enum ref_kind {
	R_ALSO,		/* bay_types[rec].also -> bay type */
	R_BAY_TYPE,	/* bays[rec].type */
	R_TECH_SKILL,	/* techs[rec].skills key, value = level */
	R_SVC_SKILL,
	R_SVC_BAY,
	R_SVC_PART,	/* services[rec].parts[slot] */
	R_JOB_SERVICE,
	R_JOB_TECH,
	R_JOB_PART	/* jobs[rec].parts[slot] */
};

struct ref {
	enum ref_kind kind;
	int rec, slot, value;
	char name[BP_ID_LEN];
	struct bp_pos pos;
};

struct rd {
	struct bp_yaml *y;
	struct bp_shop *s;
	struct bp_err *err;
	struct ref *refs;
	int nrefs, cap_refs;
	struct bp_pos demand_pos, actuals_pos;
	char what[200];		/* scratch: "technician T1 shift" */
	char label[120];	/* scratch: "technician T1" */
};

static const char *W(struct rd *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *W(struct rd *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->what, sizeof r->what, fmt, ap);
	va_end(ap);
	return r->what;
}

/* "technician T1", or "technician #3" while its id is not read yet. */
static const char *L(struct rd *r, const char *kind, const char *id, int idx)
{
	if (id[0])
		snprintf(r->label, sizeof r->label, "%s %s", kind, id);
	else
		snprintf(r->label, sizeof r->label, "%s #%d", kind, idx + 1);
	return r->label;
}

/* A new, zeroed reference at the end of the list (not counted yet). */
static struct ref *ref_new(struct rd *r)
{
	if (r->nrefs == r->cap_refs) {
		int nc = r->cap_refs ? r->cap_refs * 2 : 64;
		struct ref *n = realloc(r->refs, (size_t)nc * sizeof *n);
		if (!n)
			return NULL;
		r->refs = n;
		r->cap_refs = nc;
	}
	struct ref *f = &r->refs[r->nrefs];
	memset(f, 0, sizeof *f);
	return f;
}

/* Read a name that refers to another record, and remember where it was. */
static int ref_read(struct rd *r, enum ref_kind kind, int rec, int slot, const char *what)
{
	struct ref *f = ref_new(r);
	if (!f)
		return bp_yaml_oom(r->y);
	int rc = bp_yaml_str(r->y, what, f->name, sizeof f->name);
	if (rc)
		return rc;
	f->kind = kind;
	f->rec = rec;
	f->slot = slot;
	f->pos = bp_yaml_pos(r->y);
	r->nrefs++;
	return BP_OK;
}

/* The same for a name given as a mapping key ({maintenance: 3}). */
static int ref_key(struct rd *r, enum ref_kind kind, int rec, int slot, const char *key,
		   const char *what)
{
	struct bp_pos pos = bp_yaml_pos(r->y);
	size_t len = strlen(key);
	if (!len)
		return bp_yaml_error(r->y, pos, "%s: a name is empty", what);
	if (len >= BP_ID_LEN)
		return bp_yaml_error(r->y, pos, "%s: '%.24s...' is longer than %d characters",
				     what, key, BP_ID_LEN - 1);
	struct ref *f = ref_new(r);
	if (!f)
		return bp_yaml_oom(r->y);
	f->kind = kind;
	f->rec = rec;
	f->slot = slot;
	f->pos = pos;
	memcpy(f->name, key, len + 1);
	r->nrefs++;
	return BP_OK;
}

static int missing(struct rd *r, struct bp_pos pos, const char *rec, const char *key,
		   const char *hint)
{
	return bp_yaml_error(r->y, pos, "%s: missing '%s'%s", rec, key, hint);
}

/* ---- shop ---- */

static int read_lead_hours(struct rd *r)
{
	static const char *const keys[] = {"common", "rare", NULL};
	const char *k;
	int rc = bp_yaml_map(r->y, "shop lead_hours", NULL);
	while (!rc && !(rc = bp_yaml_key(r->y, keys, "shop lead_hours", &k)) && k) {
		int i = strcmp(k, "common") ? BP_SUPPLY_RARE : BP_SUPPLY_COMMON;
		rc = bp_yaml_int(r->y, W(r, "shop lead_hours %s", k), 0, BP_MAX_LEAD_HOURS,
				 &r->s->info.lead_hours[i]);
	}
	return rc;
}

static int read_shop(struct rd *r)
{
	static const char *const keys[] = {"name", "slot_minutes", "open", "close",
		"overtime_minutes", "advisors", "advisor_checkins_per_hour", "lead_hours",
		"loan_cars", "wash_bays", NULL};
	struct bp_shop_info *in = &r->s->info;
	int has_name = 0, has_open = 0, has_close = 0;
	const char *k;
	int rc = bp_yaml_map(r->y, "shop", &in->pos);
	while (!rc && !(rc = bp_yaml_key(r->y, keys, "shop", &k)) && k) {
		if (!strcmp(k, "name")) {
			rc = bp_yaml_str(r->y, "shop name", in->name, sizeof in->name);
			has_name = 1;
		} else if (!strcmp(k, "slot_minutes")) {
			rc = bp_yaml_int(r->y, "shop slot_minutes", 1, 1440, &in->slot_minutes);
			int m = in->slot_minutes;
			if (!rc && m != 5 && m != 10 && m != 15 && m != 30)
				rc = bp_yaml_here(r->y, "shop slot_minutes: %d is not 5, 10, 15 or 30", m);
		} else if (!strcmp(k, "open")) {
			rc = bp_yaml_time(r->y, "shop open", &in->open);
			has_open = 1;
		} else if (!strcmp(k, "close")) {
			rc = bp_yaml_time(r->y, "shop close", &in->close);
			has_close = 1;
		} else if (!strcmp(k, "overtime_minutes")) {
			rc = bp_yaml_int(r->y, "shop overtime_minutes", 0, 1440,
					 &in->overtime_minutes);
		} else if (!strcmp(k, "advisors")) {
			rc = bp_yaml_int(r->y, "shop advisors", 0, 10000, &in->advisors);
		} else if (!strcmp(k, "advisor_checkins_per_hour")) {
			rc = bp_yaml_int(r->y, "shop advisor_checkins_per_hour", 0, 10000,
					 &in->advisor_checkins_per_hour);
		} else if (!strcmp(k, "loan_cars")) {
			rc = bp_yaml_int(r->y, "shop loan_cars", 0, 10000, &in->loan_cars);
		} else if (!strcmp(k, "wash_bays")) {
			rc = bp_yaml_int(r->y, "shop wash_bays", 0, 10000, &in->wash_bays);
		} else {
			rc = read_lead_hours(r);
		}
	}
	if (rc)
		return rc;
	if (!has_name)
		return missing(r, in->pos, "shop", "name", "");
	if (!has_open)
		return missing(r, in->pos, "shop", "open", " (opening time, e.g. \"07:30\")");
	if (!has_close)
		return missing(r, in->pos, "shop", "close", " (closing time, e.g. \"18:00\")");
	return BP_OK;
}

/* ---- skills, bay types, bays ---- */

static int read_skills(struct rd *r)
{
	struct bp_shop *s = r->s;
	int more, rc = bp_yaml_seq(r->y, "skills", NULL);
	while (!rc && !(rc = bp_yaml_seq_next(r->y, &more)) && more) {
		struct bp_pos pos;
		if ((rc = bp_yaml_peek(r->y, NULL, &pos)))
			return rc;
		if (s->nskills == BP_MAX_SKILLS)
			return bp_yaml_error(r->y, pos, "more than %d skills", BP_MAX_SKILLS);
		struct bp_skill *sk = &s->skills[s->nskills];
		rc = bp_yaml_str(r->y, "skill", sk->id, sizeof sk->id);
		sk->pos = bp_yaml_pos(r->y);
		s->nskills++;
	}
	return rc;
}

static int read_also(struct rd *r, int rec, const char *label)
{
	int more, rc = bp_yaml_seq(r->y, W(r, "%s also", label), NULL);
	while (!rc && !(rc = bp_yaml_seq_next(r->y, &more)) && more)
		rc = ref_read(r, R_ALSO, rec, 0, W(r, "%s also", label));
	return rc;
}

static int read_bay_types(struct rd *r)
{
	static const char *const keys[] = {"id", "also", NULL};
	struct bp_shop *s = r->s;
	int more, rc = bp_yaml_seq(r->y, "bay_types", NULL);
	while (!rc && !(rc = bp_yaml_seq_next(r->y, &more)) && more) {
		struct bp_pos pos;
		if ((rc = bp_yaml_peek(r->y, NULL, &pos)))
			return rc;
		if (s->nbay_types == BP_MAX_BAY_TYPES)
			return bp_yaml_error(r->y, pos, "more than %d bay types", BP_MAX_BAY_TYPES);
		int i = s->nbay_types++;
		struct bp_bay_type *t = &s->bay_types[i];
		const char *k;
		if ((rc = bp_yaml_map(r->y, "a bay type", &t->pos)))
			return rc;
		while (!(rc = bp_yaml_key(r->y, keys, "bay type", &k)) && k) {
			if (!strcmp(k, "id"))
				rc = bp_yaml_str(r->y, "bay type id", t->id, sizeof t->id);
			else
				rc = read_also(r, i, L(r, "bay type", t->id, i));
			if (rc)
				return rc;
		}
		if (rc)
			return rc;
		if (!t->id[0])
			return missing(r, t->pos, L(r, "bay type", t->id, i), "id", "");
		t->serves = 1u << i;
	}
	return rc;
}

static int read_bays(struct rd *r)
{
	static const char *const keys[] = {"id", "type", "closed", NULL};
	struct bp_shop *s = r->s;
	int more, rc = bp_yaml_seq(r->y, "bays", NULL);
	while (!rc && !(rc = bp_yaml_seq_next(r->y, &more)) && more) {
		struct bp_bay *b = bp_shop_add_bay(s);
		int i = s->nbays - 1, has_type = 0;
		const char *k;
		if (!b)
			return bp_yaml_oom(r->y);
		b->type = -1;
		if ((rc = bp_yaml_map(r->y, "a bay", &b->pos)))
			return rc;
		while (!(rc = bp_yaml_key(r->y, keys, "bay", &k)) && k) {
			if (!strcmp(k, "id")) {
				rc = bp_yaml_str(r->y, "bay id", b->id, sizeof b->id);
			} else if (!strcmp(k, "type")) {
				const char *lb = L(r, "bay", b->id, i);
				rc = ref_read(r, R_BAY_TYPE, i, 0, W(r, "%s type", lb));
				has_type = 1;
			} else {
				const char *lb = L(r, "bay", b->id, i);
				rc = bp_yaml_spans(r->y, W(r, "%s closed", lb), b->closed, &b->nclosed);
			}
			if (rc)
				return rc;
		}
		if (rc)
			return rc;
		if (!b->id[0])
			return missing(r, b->pos, L(r, "bay", b->id, i), "id", "");
		if (!has_type)
			return missing(r, b->pos, L(r, "bay", b->id, i), "type", " (a bay type id)");
	}
	return rc;
}

/* ---- technicians ---- */

static int read_tech_skills(struct rd *r, int i)
{
	char label[160];
	const char *k;
	snprintf(label, sizeof label, "%s skills", L(r, "technician", r->s->techs[i].id, i));
	int rc = bp_yaml_map(r->y, label, NULL);
	while (!rc && !(rc = bp_yaml_key(r->y, NULL, label, &k)) && k) {
		if ((rc = ref_key(r, R_TECH_SKILL, i, 0, k, label)))
			return rc;
		struct ref *f = &r->refs[r->nrefs - 1];
		rc = bp_yaml_int(r->y, W(r, "%s skill %s level",
					 L(r, "technician", r->s->techs[i].id, i), f->name),
				 1, BP_LEVELS, &f->value);
	}
	return rc;
}

static int read_techs(struct rd *r)
{
	static const char *const keys[] = {"id", "name", "shift", "breaks", "skills",
		"cost_per_hour", "overtime_cost_per_hour", NULL};
	struct bp_shop *s = r->s;
	int more, rc = bp_yaml_seq(r->y, "technicians", NULL);
	while (!rc && !(rc = bp_yaml_seq_next(r->y, &more)) && more) {
		struct bp_technician *t = bp_shop_add_tech(s);
		int i = s->ntechs - 1, has_shift = 0, has_skills = 0;
		const char *k;
		if (!t)
			return bp_yaml_oom(r->y);
		t->overtime_cost_per_hour = -1;
		if ((rc = bp_yaml_map(r->y, "a technician", &t->pos)))
			return rc;
		while (!(rc = bp_yaml_key(r->y, keys, "technician", &k)) && k) {
			const char *lb = L(r, "technician", t->id, i);
			if (!strcmp(k, "id")) {
				rc = bp_yaml_str(r->y, "technician id", t->id, sizeof t->id);
			} else if (!strcmp(k, "name")) {
				rc = bp_yaml_str(r->y, W(r, "%s name", lb), t->name, sizeof t->name);
			} else if (!strcmp(k, "shift")) {
				rc = bp_yaml_span(r->y, W(r, "%s shift", lb), &t->shift);
				has_shift = 1;
			} else if (!strcmp(k, "breaks")) {
				rc = bp_yaml_spans(r->y, W(r, "%s breaks", lb), t->breaks, &t->nbreaks);
			} else if (!strcmp(k, "skills")) {
				rc = read_tech_skills(r, i);
				t = &s->techs[i];
				has_skills = 1;
			} else if (!strcmp(k, "cost_per_hour")) {
				rc = bp_yaml_double(r->y, W(r, "%s cost_per_hour", lb), 0, BIG,
						    &t->cost_per_hour);
			} else {
				rc = bp_yaml_double(r->y, W(r, "%s overtime_cost_per_hour", lb), 0,
						    BIG, &t->overtime_cost_per_hour);
			}
			if (rc)
				return rc;
		}
		if (rc)
			return rc;
		const char *lb = L(r, "technician", t->id, i);
		if (!t->id[0])
			return missing(r, t->pos, lb, "id", "");
		if (!has_shift)
			return missing(r, t->pos, lb, "shift", " (e.g. \"08:00-17:00\")");
		if (!has_skills)
			return missing(r, t->pos, lb, "skills", " (e.g. {maintenance: 2})");
		/* Overtime is usually paid at time and a half. */
		if (t->overtime_cost_per_hour < 0)
			t->overtime_cost_per_hour = t->cost_per_hour * 1.5;
	}
	return rc;
}

/* ---- services ---- */

/* Callers pass a label built by W() in r->what, which W() overwrites:
 * read_minutes and read_lines keep their own copy. */
static int read_minutes(struct rd *r, struct bp_service *sv, const char *what)
{
	const char *k;
	char label[sizeof r->what];
	snprintf(label, sizeof label, "%s", what);
	int rc = bp_yaml_map(r->y, label, NULL);
	while (!rc && !(rc = bp_yaml_key(r->y, NULL, label, &k)) && k) {
		if (strlen(k) != 1 || k[0] < '1' || k[0] > '0' + BP_LEVELS)
			return bp_yaml_here(r->y, "%s: level '%s' is not 1, 2 or 3", label, k);
		int lv = k[0] - '0';
		rc = bp_yaml_int(r->y, W(r, "%s for level %d", label, lv), 1, BP_MAX_WORK_MINUTES,
				 &sv->minutes[lv]);
	}
	return rc;
}

/* {SKU: qty} into lines; each SKU becomes a reference to resolve. */
static int read_lines(struct rd *r, enum ref_kind kind, int rec, struct bp_part_line *lines,
		      int *n, const char *what)
{
	const char *k;
	char label[sizeof r->what];
	snprintf(label, sizeof label, "%s", what);
	int rc = bp_yaml_map(r->y, label, NULL);
	while (!rc && !(rc = bp_yaml_key(r->y, NULL, label, &k)) && k) {
		if (*n == BP_MAX_LINES)
			return bp_yaml_here(r->y, "%s: more than %d parts", label, BP_MAX_LINES);
		if ((rc = ref_key(r, kind, rec, *n, k, label)))
			return rc;
		struct ref *f = &r->refs[r->nrefs - 1];
		lines[*n].part = -1;
		rc = bp_yaml_int(r->y, W(r, "%s quantity of %s", label, f->name), 1, BP_MAX_LINE_QTY,
				 &lines[*n].qty);
		(*n)++;
	}
	return rc;
}

static int read_services(struct rd *r)
{
	static const char *const keys[] = {"code", "name", "skill", "level", "bay", "minutes",
		"parts", "handover_minutes", "wash_minutes", NULL};
	struct bp_shop *s = r->s;
	int more, rc = bp_yaml_seq(r->y, "services", NULL);
	while (!rc && !(rc = bp_yaml_seq_next(r->y, &more)) && more) {
		struct bp_service *sv = bp_shop_add_service(s);
		int i = s->nservices - 1, seen = 0;
		const char *k;
		if (!sv)
			return bp_yaml_oom(r->y);
		sv->skill = sv->bay_type = -1;
		if ((rc = bp_yaml_map(r->y, "a service", &sv->pos)))
			return rc;
		while (!(rc = bp_yaml_key(r->y, keys, "service", &k)) && k) {
			char lb[120];
			snprintf(lb, sizeof lb, "%s", L(r, "service", sv->code, i));
			if (!strcmp(k, "code")) {
				rc = bp_yaml_str(r->y, "service code", sv->code, sizeof sv->code);
			} else if (!strcmp(k, "name")) {
				rc = bp_yaml_str(r->y, W(r, "%s name", lb), sv->name,
						 sizeof sv->name);
			} else if (!strcmp(k, "skill")) {
				rc = ref_read(r, R_SVC_SKILL, i, 0, W(r, "%s skill", lb));
				seen |= 1;
			} else if (!strcmp(k, "level")) {
				rc = bp_yaml_int(r->y, W(r, "%s level", lb), 1, BP_LEVELS,
						 &sv->level);
				seen |= 2;
			} else if (!strcmp(k, "bay")) {
				rc = ref_read(r, R_SVC_BAY, i, 0, W(r, "%s bay", lb));
				seen |= 4;
			} else if (!strcmp(k, "minutes")) {
				rc = read_minutes(r, sv, W(r, "%s minutes", lb));
				seen |= 8;
			} else if (!strcmp(k, "handover_minutes")) {
				rc = bp_yaml_int(r->y, W(r, "%s handover_minutes", lb), 0, 24 * 60,
						 &sv->handover_minutes);
			} else if (!strcmp(k, "wash_minutes")) {
				rc = bp_yaml_int(r->y, W(r, "%s wash_minutes", lb), 0, 24 * 60,
						 &sv->wash_minutes);
			} else {
				rc = read_lines(r, R_SVC_PART, i, sv->parts, &sv->nparts,
						W(r, "%s parts", lb));
			}
			if (rc)
				return rc;
		}
		if (rc)
			return rc;
		const char *lb = L(r, "service", sv->code, i);
		if (!sv->code[0])
			return missing(r, sv->pos, lb, "code", "");
		if (!(seen & 1))
			return missing(r, sv->pos, lb, "skill", "");
		if (!(seen & 2))
			return missing(r, sv->pos, lb, "level", " (the minimum level, 1-3)");
		if (!(seen & 4))
			return missing(r, sv->pos, lb, "bay", " (a bay type id)");
		if (!(seen & 8))
			return missing(r, sv->pos, lb, "minutes", " (e.g. {1: 45, 2: 35, 3: 30})");
	}
	return rc;
}

/* ---- parts ---- */

static int read_on_order(struct rd *r, struct bp_part *p, const char *label)
{
	static const char *const keys[] = {"qty", "arrives", NULL};
	char lb[160];
	snprintf(lb, sizeof lb, "%s on_order", label);
	int more, rc = bp_yaml_seq(r->y, lb, NULL);
	while (!rc && !(rc = bp_yaml_seq_next(r->y, &more)) && more) {
		struct bp_pos pos;
		int seen = 0;
		const char *k;
		if ((rc = bp_yaml_peek(r->y, NULL, &pos)))
			return rc;
		if (p->non_order == BP_MAX_ON_ORDER)
			return bp_yaml_error(r->y, pos, "%s: more than %d deliveries", lb,
					     BP_MAX_ON_ORDER);
		struct bp_delivery *d = &p->on_order[p->non_order++];
		if ((rc = bp_yaml_map(r->y, W(r, "a delivery in %s", lb), NULL)))
			return rc;
		while (!(rc = bp_yaml_key(r->y, keys, W(r, "a delivery in %s", lb), &k)) && k) {
			if (!strcmp(k, "qty")) {
				rc = bp_yaml_int(r->y, W(r, "%s qty", lb), 1, INT_MAX, &d->qty);
				seen |= 1;
			} else {
				rc = bp_yaml_datetime(r->y, W(r, "%s arrives", lb), &d->day,
						      &d->minute);
				seen |= 2;
			}
			if (rc)
				return rc;
		}
		if (rc)
			return rc;
		if (!(seen & 1))
			return missing(r, pos, lb, "qty", "");
		if (!(seen & 2))
			return missing(r, pos, lb, "arrives", " (e.g. \"2026-11-23T12:00\")");
	}
	return rc;
}

static int read_part(struct rd *r, struct bp_part *p, int i)
{
	static const char *const keys[] = {"sku", "name", "on_hand", "on_order", "supply",
		"unit_cost", "pack", "min_order", "service_level", "safety_stock", NULL};
	int has_supply = 0;
	const char *k, *v;
	int rc = bp_yaml_map(r->y, "a part", &p->pos);
	while (!rc && !(rc = bp_yaml_key(r->y, keys, "part", &k)) && k) {
		char lb[120];
		snprintf(lb, sizeof lb, "%s", L(r, "part", p->sku, i));
		if (!strcmp(k, "sku")) {
			rc = bp_yaml_str(r->y, "part sku", p->sku, sizeof p->sku);
		} else if (!strcmp(k, "name")) {
			rc = bp_yaml_str(r->y, W(r, "%s name", lb), p->name, sizeof p->name);
		} else if (!strcmp(k, "on_hand")) {
			rc = bp_yaml_int(r->y, W(r, "%s on_hand", lb), 0, INT_MAX, &p->on_hand);
		} else if (!strcmp(k, "on_order")) {
			rc = read_on_order(r, p, lb);
		} else if (!strcmp(k, "supply")) {
			if (!(rc = bp_yaml_scalar(r->y, W(r, "%s supply", lb), &v)) &&
			    bp_supply_parse(v, &p->supply))
				rc = bp_yaml_here(r->y, "%s supply: '%s' is not common or rare", lb, v);
			has_supply = 1;
		} else if (!strcmp(k, "unit_cost")) {
			rc = bp_yaml_double(r->y, W(r, "%s unit_cost", lb), 0, BIG, &p->unit_cost);
		} else if (!strcmp(k, "pack")) {
			rc = bp_yaml_int(r->y, W(r, "%s pack", lb), 1, INT_MAX, &p->pack);
		} else if (!strcmp(k, "min_order")) {
			rc = bp_yaml_int(r->y, W(r, "%s min_order", lb), 0, INT_MAX, &p->min_order);
		} else if (!strcmp(k, "service_level")) {
			rc = bp_yaml_service_level(r->y, W(r, "%s service_level", lb),
						   &p->service_level);
		} else {
			rc = bp_yaml_int(r->y, W(r, "%s safety_stock", lb), 0, INT_MAX,
					 &p->safety_stock);
		}
	}
	if (rc)
		return rc;
	if (!p->sku[0])
		return missing(r, p->pos, L(r, "part", p->sku, i), "sku", "");
	if (!has_supply)
		return missing(r, p->pos, L(r, "part", p->sku, i), "supply",
			       " (common: arrives 4 h after ordering; rare: 48 h)");
	return BP_OK;
}

static int read_parts(struct rd *r)
{
	int more, rc = bp_yaml_seq(r->y, "parts", NULL);
	while (!rc && !(rc = bp_yaml_seq_next(r->y, &more)) && more) {
		struct bp_part *p = bp_shop_add_part(r->s);
		if (!p)
			return bp_yaml_oom(r->y);
		p->pack = 1;
		p->service_level = -1;	/* policy.service_level, once policy is read */
		p->safety_stock = -1;
		rc = read_part(r, p, r->s->nparts - 1);
	}
	return rc;
}

/* ---- jobs ---- */

static int read_job(struct rd *r, struct bp_job *j, int i)
{
	static const char *const keys[] = {"id", "date", "service", "tier", "window", "arrival",
		"promised", "waiting", "minutes", "parts", "technician", "loan_car", NULL};
	int seen = 0;
	struct bp_pos when = {0, 0};
	const char *k, *v;
	int rc = bp_yaml_map(r->y, "a job", &j->pos);
	while (!rc && !(rc = bp_yaml_key(r->y, keys, "job", &k)) && k) {
		char lb[120];
		snprintf(lb, sizeof lb, "%s", L(r, "job", j->id, i));
		int is_window = !strcmp(k, "window");
		if (is_window || !strcmp(k, "arrival")) {
			if (when.line)
				return bp_yaml_here(r->y, "%s: give a window or an arrival time, not both "
					    "(the other is at %d:%d)", lb, when.line, when.col);
			when = bp_yaml_pos(r->y);
		}
		if (!strcmp(k, "id")) {
			rc = bp_yaml_str(r->y, "job id", j->id, sizeof j->id);
		} else if (!strcmp(k, "date")) {
			rc = bp_yaml_date(r->y, W(r, "%s date", lb), &j->date);
			seen |= 1;
		} else if (!strcmp(k, "service")) {
			rc = ref_read(r, R_JOB_SERVICE, i, 0, W(r, "%s service", lb));
			seen |= 2;
		} else if (!strcmp(k, "tier")) {
			if (!(rc = bp_yaml_scalar(r->y, W(r, "%s tier", lb), &v)) &&
			    bp_tier_parse(v, &j->tier))
				rc = bp_yaml_here(r->y, "%s tier: '%s' is not core, potential or basic",
					  lb, v);
		} else if (is_window) {
			rc = bp_yaml_span(r->y, W(r, "%s window", lb), &j->window);
			j->has_window = 1;
		} else if (!strcmp(k, "arrival")) {
			rc = bp_yaml_time(r->y, W(r, "%s arrival", lb), &j->window.start);
			j->window.end = j->window.start;
		} else if (!strcmp(k, "promised")) {
			rc = bp_yaml_time(r->y, W(r, "%s promised", lb), &j->promised);
		} else if (!strcmp(k, "waiting")) {
			rc = bp_yaml_bool(r->y, W(r, "%s waiting", lb), &j->waiting);
		} else if (!strcmp(k, "minutes")) {
			rc = bp_yaml_int(r->y, W(r, "%s minutes", lb), 1, BP_MAX_WORK_MINUTES, &j->minutes);
		} else if (!strcmp(k, "parts")) {
			rc = read_lines(r, R_JOB_PART, i, j->parts, &j->nparts, W(r, "%s parts", lb));
		} else if (!strcmp(k, "loan_car")) {
			rc = bp_yaml_bool(r->y, W(r, "%s loan_car", lb), &j->loan_car);
		} else {
			rc = ref_read(r, R_JOB_TECH, i, 0, W(r, "%s technician", lb));
		}
	}
	if (rc)
		return rc;
	const char *lb = L(r, "job", j->id, i);
	if (!j->id[0])
		return missing(r, j->pos, lb, "id", "");
	if (!(seen & 1))
		return missing(r, j->pos, lb, "date", " (e.g. \"2026-11-23\")");
	if (!(seen & 2))
		return missing(r, j->pos, lb, "service", " (a service code)");
	if (!when.line)
		j->window.start = j->window.end = -1;	/* shop open, once shop is read */
	return BP_OK;
}

static int read_jobs(struct rd *r)
{
	int more, rc = bp_yaml_seq(r->y, "jobs", NULL);
	while (!rc && !(rc = bp_yaml_seq_next(r->y, &more)) && more) {
		struct bp_job *j = bp_shop_add_job(r->s);
		if (!j)
			return bp_yaml_oom(r->y);
		j->tier = BP_TIER_BASIC;
		rc = read_job(r, j, r->s->njobs - 1);
	}
	return rc;
}

/* ---- history, windows, policy ---- */

static int read_history(struct rd *r)
{
	static const char *const keys[] = {"part_demand", "actuals", NULL};
	struct bp_shop *s = r->s;
	const char *k;
	int rc = bp_yaml_map(r->y, "history", NULL);
	while (!rc && !(rc = bp_yaml_key(r->y, keys, "history", &k)) && k) {
		if (!strcmp(k, "part_demand")) {
			rc = bp_yaml_str(r->y, "history part_demand", s->demand_file,
					 sizeof s->demand_file);
			r->demand_pos = bp_yaml_pos(r->y);
		} else {
			rc = bp_yaml_str(r->y, "history actuals", s->actuals_file,
					 sizeof s->actuals_file);
			r->actuals_pos = bp_yaml_pos(r->y);
		}
	}
	return rc;
}

static int read_windows(struct rd *r)
{
	struct bp_shop *s = r->s;
	int more, rc = bp_yaml_seq(r->y, "windows", NULL);
	while (!rc && !(rc = bp_yaml_seq_next(r->y, &more)) && more) {
		struct bp_pos pos;
		if ((rc = bp_yaml_peek(r->y, NULL, &pos)))
			return rc;
		if (s->nwindows == BP_MAX_WINDOWS)
			return bp_yaml_error(r->y, pos, "more than %d windows", BP_MAX_WINDOWS);
		rc = bp_yaml_span(r->y, "window", &s->windows[s->nwindows]);
		s->window_pos[s->nwindows++] = pos;
	}
	return rc;
}

static int read_tier_weights(struct rd *r)
{
	static const char *const keys[] = {"core", "potential", "basic", NULL};
	const char *k;
	int rc = bp_yaml_map(r->y, "policy tier_weight", NULL);
	while (!rc && !(rc = bp_yaml_key(r->y, keys, "policy tier_weight", &k)) && k) {
		enum bp_tier t = BP_TIER_BASIC;
		bp_tier_parse(k, &t);
		rc = bp_yaml_double(r->y, W(r, "policy tier_weight %s", k), 0, BIG,
				    &r->s->policy.tier_weight[t]);
	}
	return rc;
}

static int read_policy(struct rd *r)
{
	/* The scenario file's policy keys and the shop's own day figures. */
	static const char *const keys[] = {"tier_weight", "job_value", "late_per_minute",
		"overtime_factor", "overqual_per_minute", "wait_per_minute", "delivery_fee",
		"holding_rate_per_day", "missing_part_penalty", "safety_shortfall_penalty",
		"excess_days", "service_level", "max_overbook", "advisor_day_max",
		"pause_per_minute", "carry_per_minute", NULL};
	struct bp_policy *p = &r->s->policy;
	struct {
		const char *key;
		double *dst;
	} nums[] = {
		{"job_value", &p->job_value}, {"late_per_minute", &p->late_per_minute},
		{"overtime_factor", &p->overtime_factor},
		{"overqual_per_minute", &p->overqual_per_minute},
		{"wait_per_minute", &p->wait_per_minute}, {"delivery_fee", &p->delivery_fee},
		{"holding_rate_per_day", &p->holding_rate_per_day},
		{"missing_part_penalty", &p->missing_part_penalty},
		{"safety_shortfall_penalty", &p->safety_shortfall_penalty},
		{"max_overbook", &p->max_overbook},
		{"pause_per_minute", &p->pause_per_minute},
		{"carry_per_minute", &p->carry_per_minute},
	};
	const char *k;
	int rc = bp_yaml_map(r->y, "policy", NULL);
	while (!rc && !(rc = bp_yaml_key(r->y, keys, "policy", &k)) && k) {
		if (!strcmp(k, "tier_weight")) {
			rc = read_tier_weights(r);
		} else if (!strcmp(k, "excess_days")) {
			rc = bp_yaml_int(r->y, "policy excess_days", 0, BP_MAX_EXCESS_DAYS, &p->excess_days);
		} else if (!strcmp(k, "advisor_day_max")) {
			rc = bp_yaml_int(r->y, "policy advisor_day_max", 0, 10000,
					 &p->advisor_day_max);
		} else if (!strcmp(k, "service_level")) {
			rc = bp_yaml_service_level(r->y, "policy service_level",
						   &p->service_level);
		} else {
			size_t i = 0;
			while (strcmp(nums[i].key, k))
				i++;
			rc = bp_yaml_double(r->y, W(r, "policy %s", nums[i].key), 0, BIG,
					    nums[i].dst);
		}
	}
	return rc;
}

/* ---- references ---- */

/* "OIL, TYRE, BRAKE" (shortened when long), or a note that there are none. */
static void id_list(char *buf, size_t n, const char *what, const char *ids, size_t stride,
		    int count)
{
	size_t used;
	if (count == 0) {
		snprintf(buf, n, "the file defines no %s", what);
		return;
	}
	used = (size_t)snprintf(buf, n, "%s are ", what);
	for (int i = 0; i < count && used < n; i++) {
		const char *id = ids + (size_t)i * stride;
		if (used + strlen(id) + 8 >= n || i == 12) {
			snprintf(buf + used, n - used, ", ...");
			return;
		}
		used += (size_t)snprintf(buf + used, n - used, "%s%s", i ? ", " : "", id);
	}
}

static int dangling(struct rd *r, const struct ref *f, const char *owner, const char *what,
		    const char *kind, const char *ids, size_t stride, int count)
{
	char list[300];
	id_list(list, sizeof list, what, ids, stride, count);
	return bp_yaml_error(r->y, f->pos, "%s: no %s '%s'; %s", owner, kind, f->name, list);
}

#define IDS(arr, field) (arr)[0].field, sizeof (arr)[0]

static int resolve(struct rd *r, const struct ref *f)
{
	struct bp_shop *s = r->s;
	char owner[120];
	int x;

	switch (f->kind) {
	case R_ALSO:
	case R_BAY_TYPE:
	case R_SVC_BAY:
		if (f->kind == R_ALSO)
			snprintf(owner, sizeof owner, "bay type %s also", s->bay_types[f->rec].id);
		else if (f->kind == R_BAY_TYPE)
			snprintf(owner, sizeof owner, "bay %s", s->bays[f->rec].id);
		else
			snprintf(owner, sizeof owner, "service %s", s->services[f->rec].code);
		if ((x = bp_shop_bay_type(s, f->name)) < 0)
			return dangling(r, f, owner, "bay types", "bay type",
					IDS(s->bay_types, id), s->nbay_types);
		if (f->kind == R_ALSO)
			s->bay_types[f->rec].serves |= 1u << x;
		else if (f->kind == R_BAY_TYPE)
			s->bays[f->rec].type = x;
		else
			s->services[f->rec].bay_type = x;
		return BP_OK;
	case R_TECH_SKILL:
	case R_SVC_SKILL:
		if (f->kind == R_TECH_SKILL)
			snprintf(owner, sizeof owner, "technician %s", s->techs[f->rec].id);
		else
			snprintf(owner, sizeof owner, "service %s", s->services[f->rec].code);
		if ((x = bp_shop_skill(s, f->name)) < 0)
			return dangling(r, f, owner, "skills", "skill", IDS(s->skills, id),
					s->nskills);
		if (f->kind == R_TECH_SKILL)
			s->techs[f->rec].level[x] = (unsigned char)f->value;
		else
			s->services[f->rec].skill = x;
		return BP_OK;
	case R_SVC_PART:
	case R_JOB_PART:
		if (f->kind == R_SVC_PART)
			snprintf(owner, sizeof owner, "service %s", s->services[f->rec].code);
		else
			snprintf(owner, sizeof owner, "job %s", s->jobs[f->rec].id);
		if ((x = bp_shop_part(s, f->name)) < 0)
			return dangling(r, f, owner, "parts", "part",
					s->nparts ? s->parts[0].sku : "", sizeof *s->parts,
					s->nparts);
		if (f->kind == R_SVC_PART)
			s->services[f->rec].parts[f->slot].part = x;
		else
			s->jobs[f->rec].parts[f->slot].part = x;
		return BP_OK;
	case R_JOB_SERVICE:
		snprintf(owner, sizeof owner, "job %s", s->jobs[f->rec].id);
		if ((x = bp_shop_service(s, f->name)) < 0)
			return dangling(r, f, owner, "services", "service",
					s->nservices ? s->services[0].code : "",
					sizeof *s->services, s->nservices);
		s->jobs[f->rec].service = x;
		return BP_OK;
	case R_JOB_TECH:
		snprintf(owner, sizeof owner, "job %s", s->jobs[f->rec].id);
		if ((x = bp_shop_tech(s, f->name)) < 0)
			return dangling(r, f, owner, "technicians", "technician",
					s->ntechs ? s->techs[0].id : "", sizeof *s->techs,
					s->ntechs);
		s->jobs[f->rec].technician = x;
		return BP_OK;
	}
	return BP_OK;
}

/* Values that default to another section's value. */
static void fill_defaults(struct bp_shop *s)
{
	for (int i = 0; i < s->njobs; i++)
		if (s->jobs[i].window.start < 0)
			s->jobs[i].window.start = s->jobs[i].window.end = s->info.open;
	for (int i = 0; i < s->nparts; i++)
		if (s->parts[i].service_level < 0)
			s->parts[i].service_level = s->policy.service_level;
}

/* ---- the file ---- */

static int read_sections(struct rd *r)
{
	static const char *const keys[] = {"shop", "skills", "bay_types", "bays",
		"technicians", "services", "parts", "jobs", "history", "windows", "policy",
		NULL};
	static int (*const readers[])(struct rd *) = {read_shop, read_skills, read_bay_types,
		read_bays, read_techs, read_services, read_parts, read_jobs, read_history,
		read_windows, read_policy};
	struct bp_pos top = {1, 1};
	int has_shop = 0, rc;
	const char *k;

	if ((rc = bp_yaml_begin(r->y, "shop file")))
		return rc;
	top = bp_yaml_pos(r->y);
	while (!(rc = bp_yaml_key(r->y, keys, "the shop file", &k)) && k) {
		int i = 0;
		while (strcmp(keys[i], k))
			i++;
		has_shop |= i == 0;
		if ((rc = readers[i](r)))
			return rc;
	}
	if (rc || (rc = bp_yaml_finish(r->y)))
		return rc;
	if (!has_shop)
		return bp_yaml_error(r->y, top, "the shop file has no 'shop' section (name, open, "
				     "close, ...)");
	if ((rc = bp_shop_validate_ids(r->s, bp_yaml_name(r->y), r->err)))
		return rc;
	for (int i = 0; i < r->nrefs; i++)
		if ((rc = resolve(r, &r->refs[i])))
			return rc;
	fill_defaults(r->s);
	return BP_OK;
}

static int read_history_file(struct rd *r, const char *dir, const char *file,
			     struct bp_pos pos, const char *key, struct bp_err *err)
{
	char path[PATH_MAX];
	int rc;
	if (file[0] == '/' || !dir || !dir[0])
		snprintf(path, sizeof path, "%s", file);
	else if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, file) >= sizeof path)
		return bp_yaml_error(r->y, pos, "history %s: the path is too long", key);
	if (!strcmp(key, "part_demand"))
		rc = bp_csv_read_demand(path, r->s, err);
	else
		rc = bp_csv_read_actuals(path, r->s, err);
	if (rc == BP_ENOINPUT) {
		char note[160];
		snprintf(note, sizeof note, " (named by history %s at %s:%d:%d)", key,
			 bp_yaml_name(r->y), pos.line, pos.col);
		size_t used = strlen(err->msg);
		snprintf(err->msg + used, sizeof err->msg - used, "%s", note);
	}
	return rc;
}

int bp_shopfile_parse(const char *buf, size_t len, const char *name, const char *dir,
		      struct bp_shop *s, struct bp_err *err)
{
	struct rd r;
	memset(&r, 0, sizeof r);
	r.s = s;
	r.err = err;
	int rc = bp_yaml_open(&r.y, buf, len, name, err);
	if (rc)
		return rc;
	rc = read_sections(&r);
	/* The shop itself first: a CSV row naming a technician whose id is
	 * mistyped twice in the shop would otherwise be blamed. */
	if (!rc)
		rc = bp_shop_validate(s, name, err);
	if (!rc && dir && s->demand_file[0])
		rc = read_history_file(&r, dir, s->demand_file, r.demand_pos, "part_demand", err);
	if (!rc && dir && s->actuals_file[0])
		rc = read_history_file(&r, dir, s->actuals_file, r.actuals_pos, "actuals", err);
	bp_yaml_close(r.y);
	free(r.refs);
	if (rc)
		return rc;
	return bp_shop_validate(s, name, err);
}

int bp_shopfile_load(const char *path, size_t cap, char **out, size_t *len,
		     struct bp_err *err)
{
	struct stat st;
	char *buf = NULL;
	size_t n = 0, size = 0;
	*out = NULL;
	*len = 0;
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		int code = errno == ENOENT || errno == EACCES || errno == ENOTDIR ? BP_ENOINPUT
										  : BP_EIO;
		return bp_err_set(err, code, "cannot open %s: %s", path, strerror(errno));
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return bp_err_set(err, BP_ENOINPUT, "cannot read %s: it is a folder, not a file",
				  path);
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > cap) {
		close(fd);
		return bp_err_set(err, BP_EDATA, "%s is %lld bytes; at most %zu are read", path,
				  (long long)st.st_size, cap);
	}
	/* Not trusting st_size alone: pipes have none and files grow. */
	for (;;) {
		if (n == size) {
			size_t ns = size ? size * 2 : 64 * 1024;
			char *nb = realloc(buf, ns + 1);
			if (!nb) {
				free(buf);
				close(fd);
				return bp_err_set(err, BP_EINTERNAL, "out of memory reading %s",
						  path);
			}
			buf = nb;
			size = ns;
		}
		ssize_t got = read(fd, buf + n, size - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int e = errno;
			free(buf);
			close(fd);
			return bp_err_set(err, BP_EIO, "cannot read %s: %s", path, strerror(e));
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if (n > cap) {
			free(buf);
			close(fd);
			return bp_err_set(err, BP_EDATA, "%s is more than %zu bytes; at most that "
					  "many are read", path, cap);
		}
	}
	close(fd);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return BP_OK;
}

void bp_path_dir(const char *path, char *dir, size_t n)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(dir, n, ".");
	else if (slash == path)
		snprintf(dir, n, "/");
	else
		snprintf(dir, n, "%.*s", (int)(slash - path), path);
}

int bp_shopfile_read(const char *path, struct bp_shop *s, struct bp_err *err)
{
	char *buf, dir[PATH_MAX];
	size_t len;
	int rc = bp_shopfile_load(path, BP_YAML_MAX_BYTES, &buf, &len, err);
	if (rc)
		return rc;
	bp_path_dir(path, dir, sizeof dir);
	rc = bp_shopfile_parse(buf, len, path, dir, s, err);
	free(buf);
	return rc;
}
