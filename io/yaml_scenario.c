/*
 * yaml_scenario.c - a what-if scenario file into struct bp_scenario, over
 * the strict reader of yaml_reader.h. Only the file's shape and values are
 * checked here; whether the ids it names exist is up to bp_scenario_apply,
 * which knows the shop (a file or the store's) and points back here.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/yaml_reader.h"
#include "io/yaml_scenario.h"
#include "io/yaml_shop.h"

#define BIG 1e12	/* as in the shop file: money and weights beyond it are typos */

struct rd {
	struct bp_yaml *y;
	struct bp_scenario *sc;
	struct bp_err *err;
	char what[200];
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

static struct bp_sc_op *new_op(struct rd *r, struct bp_sc_changes *c, enum bp_sc_kind kind)
{
	struct bp_sc_op *op = bp_sc_add_op(c, kind);
	if (!op)
		bp_yaml_oom(r->y);
	return op;
}

/* remove: [T3, T4] */
static int read_remove(struct rd *r, struct bp_sc_changes *c, enum bp_sc_kind kind,
		       const char *label)
{
	int more, rc = bp_yaml_seq(r->y, label, NULL);
	while (!rc && !(rc = bp_yaml_seq_next(r->y, &more)) && more) {
		struct bp_sc_op *op = new_op(r, c, kind);
		if (!op)
			return BP_EINTERNAL;
		rc = bp_yaml_str(r->y, label, op->id, sizeof op->id);
		op->pos = bp_yaml_pos(r->y);
	}
	return rc;
}

/* A list of mappings, each read into a new op by `item`. */
static int read_items(struct rd *r, struct bp_sc_changes *c, enum bp_sc_kind kind,
		      const char *label, int (*item)(struct rd *, struct bp_sc_op *, const char *))
{
	char lb[120];
	snprintf(lb, sizeof lb, "%s", label);
	int more, rc = bp_yaml_seq(r->y, lb, NULL);
	while (!rc && !(rc = bp_yaml_seq_next(r->y, &more)) && more) {
		struct bp_sc_op *op = new_op(r, c, kind);
		if (!op)
			return BP_EINTERNAL;
		rc = item(r, op, lb);
	}
	return rc;
}

static int missing(struct rd *r, struct bp_pos pos, const char *label, const char *key,
		   const char *hint)
{
	return bp_yaml_error(r->y, pos, "an item of %s has no '%s'%s", label, key, hint);
}

/* ---- technicians ---- */

static int read_tech_skills(struct rd *r, struct bp_sc_op *op, const char *label)
{
	char lb[300];
	const char *k;
	snprintf(lb, sizeof lb, "%.250s skills", label);
	int rc = bp_yaml_map(r->y, lb, NULL);
	while (!rc && !(rc = bp_yaml_key(r->y, NULL, lb, &k)) && k) {
		struct bp_pos pos = bp_yaml_pos(r->y);
		size_t len = strlen(k);
		if (op->nskills == BP_MAX_SKILLS)
			return bp_yaml_error(r->y, pos, "%s: more than %d skills", lb,
					     BP_MAX_SKILLS);
		if (!len || len >= BP_ID_LEN)
			return bp_yaml_error(r->y, pos, "%s: a skill name is empty or longer than "
					     "%d characters", lb, BP_ID_LEN - 1);
		int i = op->nskills++;
		memcpy(op->skill[i], k, len + 1);
		op->skill_pos[i] = pos;
		int lv;
		rc = bp_yaml_int(r->y, W(r, "%s level of %s (0 takes the skill away)", lb,
					 op->skill[i]), 0, BP_LEVELS, &lv);
		op->level[i] = (unsigned char)lv;
	}
	return rc;
}

static int read_tech(struct rd *r, struct bp_sc_op *op, const char *label)
{
	static const char *const keys[] = {"id", "name", "shift", "breaks", "skills",
		"cost_per_hour", "overtime_cost_per_hour", NULL};
	const char *k;
	int rc = bp_yaml_map(r->y, W(r, "an item of %s", label), &op->pos);
	while (!rc && !(rc = bp_yaml_key(r->y, keys, label, &k)) && k) {
		char lb[256];
		snprintf(lb, sizeof lb, "%s %s", label, op->id[0] ? op->id : "item");
		if (!strcmp(k, "id")) {
			rc = bp_yaml_str(r->y, W(r, "%s id", label), op->id, sizeof op->id);
		} else if (!strcmp(k, "name")) {
			rc = bp_yaml_str(r->y, W(r, "%s name", lb), op->name, sizeof op->name);
			op->set |= BP_SC_F_NAME;
		} else if (!strcmp(k, "shift")) {
			rc = bp_yaml_span(r->y, W(r, "%s shift", lb), &op->shift);
			op->set |= BP_SC_F_SHIFT;
		} else if (!strcmp(k, "breaks")) {
			rc = bp_yaml_spans(r->y, W(r, "%s breaks", lb), op->breaks, &op->nbreaks);
			op->set |= BP_SC_F_BREAKS;
		} else if (!strcmp(k, "skills")) {
			rc = read_tech_skills(r, op, lb);
			op->set |= BP_SC_F_SKILLS;
		} else if (!strcmp(k, "cost_per_hour")) {
			rc = bp_yaml_double(r->y, W(r, "%s cost_per_hour", lb), 0, BIG,
					    &op->cost_per_hour);
			op->set |= BP_SC_F_COST;
		} else {
			rc = bp_yaml_double(r->y, W(r, "%s overtime_cost_per_hour", lb), 0, BIG,
					    &op->overtime_cost_per_hour);
			op->set |= BP_SC_F_OT_COST;
		}
	}
	if (rc)
		return rc;
	if (!op->id[0])
		return missing(r, op->pos, label, "id", " (the technician's id)");
	if (op->kind == BP_SC_TECH_ADD && !(op->set & BP_SC_F_SHIFT))
		return missing(r, op->pos, label, "shift", " (e.g. \"08:00-17:00\")");
	if (op->kind == BP_SC_TECH_ADD && !(op->set & BP_SC_F_SKILLS))
		return missing(r, op->pos, label, "skills", " (e.g. {maintenance: 2})");
	return BP_OK;
}

/* `remove`, `add` and `modify` under `noun`; `first` is the group's
 * BP_SC_*_REMOVE, its MODIFY and ADD follow it in enum bp_sc_kind. */
_Static_assert(BP_SC_TECH_MODIFY == BP_SC_TECH_REMOVE + 1 && BP_SC_TECH_ADD == BP_SC_TECH_REMOVE + 2 &&
		       BP_SC_BAY_MODIFY == BP_SC_BAY_REMOVE + 1 && BP_SC_BAY_ADD == BP_SC_BAY_REMOVE + 2,
	       "read_group relies on the order remove, modify, add");

static int read_group(struct rd *r, struct bp_sc_changes *c, const char *label,
		      const char *noun, enum bp_sc_kind first,
		      int (*item)(struct rd *, struct bp_sc_op *, const char *))
{
	static const char *const keys[] = {"remove", "add", "modify", NULL};
	const char *k;
	int rc = bp_yaml_map(r->y, W(r, "%s %s", label, noun), NULL);
	while (!rc && !(rc = bp_yaml_key(r->y, keys, W(r, "%s %s", label, noun), &k)) && k) {
		char lb[120];
		snprintf(lb, sizeof lb, "%s %s", noun, k);
		if (!strcmp(k, "remove"))
			rc = read_remove(r, c, first, lb);
		else if (!strcmp(k, "add"))
			rc = read_items(r, c, first + 2, lb, item);
		else
			rc = read_items(r, c, first + 1, lb, item);
	}
	return rc;
}

static int read_techs(struct rd *r, struct bp_sc_changes *c, const char *label)
{
	return read_group(r, c, label, "technicians", BP_SC_TECH_REMOVE, read_tech);
}

/* ---- bays ---- */

static int read_bay(struct rd *r, struct bp_sc_op *op, const char *label)
{
	static const char *const keys[] = {"id", "type", "closed", NULL};
	const char *k;
	int rc = bp_yaml_map(r->y, W(r, "an item of %s", label), &op->pos);
	while (!rc && !(rc = bp_yaml_key(r->y, keys, label, &k)) && k) {
		char lb[256];
		snprintf(lb, sizeof lb, "%s %s", label, op->id[0] ? op->id : "item");
		if (!strcmp(k, "id")) {
			rc = bp_yaml_str(r->y, W(r, "%s id", label), op->id, sizeof op->id);
		} else if (!strcmp(k, "type")) {
			rc = bp_yaml_str(r->y, W(r, "%s type", lb), op->bay_type,
					 sizeof op->bay_type);
			op->type_pos = bp_yaml_pos(r->y);
			op->set |= BP_SC_F_TYPE;
		} else {
			rc = bp_yaml_spans(r->y, W(r, "%s closed", lb), op->closed, &op->nclosed);
			op->set |= BP_SC_F_CLOSED;
		}
	}
	if (rc)
		return rc;
	if (!op->id[0])
		return missing(r, op->pos, label, "id", " (the bay's id)");
	if (op->kind == BP_SC_BAY_ADD && !(op->set & BP_SC_F_TYPE))
		return missing(r, op->pos, label, "type", " (a bay type id)");
	return BP_OK;
}

static int read_bays(struct rd *r, struct bp_sc_changes *c, const char *label)
{
	return read_group(r, c, label, "bays", BP_SC_BAY_REMOVE, read_bay);
}

/* ---- services and parts ---- */

static int read_minutes(struct rd *r, struct bp_sc_op *op, const char *label)
{
	const char *k;
	int rc = bp_yaml_map(r->y, label, NULL);
	while (!rc && !(rc = bp_yaml_key(r->y, NULL, label, &k)) && k) {
		if (strlen(k) != 1 || k[0] < '1' || k[0] > '0' + BP_LEVELS)
			return bp_yaml_here(r->y, "%s: level '%s' is not 1, 2 or 3", label, k);
		int lv = k[0] - '0';
		rc = bp_yaml_int(r->y, W(r, "%s for level %d (0: that level cannot do it)",
					 label, lv), 0, 100000, &op->minutes[lv]);
	}
	return rc;
}

static int read_service(struct rd *r, struct bp_sc_op *op, const char *label)
{
	static const char *const keys[] = {"code", "minutes", NULL};
	const char *k;
	int rc = bp_yaml_map(r->y, W(r, "an item of %s", label), &op->pos);
	while (!rc && !(rc = bp_yaml_key(r->y, keys, label, &k)) && k) {
		if (!strcmp(k, "code")) {
			rc = bp_yaml_str(r->y, W(r, "%s code", label), op->id, sizeof op->id);
		} else {
			char lb[256];
			snprintf(lb, sizeof lb, "%s %s minutes", label, op->id[0] ? op->id : "item");
			rc = read_minutes(r, op, lb);
			op->set |= BP_SC_F_MINUTES;
		}
	}
	if (rc)
		return rc;
	if (!op->id[0])
		return missing(r, op->pos, label, "code", " (the service's code)");
	return BP_OK;
}

static int read_services(struct rd *r, struct bp_sc_changes *c, const char *label)
{
	static const char *const keys[] = {"modify", NULL};
	const char *k;
	int rc = bp_yaml_map(r->y, W(r, "%s services", label), NULL);
	while (!rc && !(rc = bp_yaml_key(r->y, keys, W(r, "%s services", label), &k)) && k)
		rc = read_items(r, c, BP_SC_SERVICE_MODIFY, "services modify", read_service);
	return rc;
}

static int read_part(struct rd *r, struct bp_sc_op *op, const char *label)
{
	static const char *const keys[] = {"sku", "on_hand", "supply", "service_level", NULL};
	const char *k, *v;
	int rc = bp_yaml_map(r->y, W(r, "an item of %s", label), &op->pos);
	while (!rc && !(rc = bp_yaml_key(r->y, keys, label, &k)) && k) {
		char lb[256];
		snprintf(lb, sizeof lb, "%s %s", label, op->id[0] ? op->id : "item");
		if (!strcmp(k, "sku")) {
			rc = bp_yaml_str(r->y, W(r, "%s sku", label), op->id, sizeof op->id);
		} else if (!strcmp(k, "on_hand")) {
			rc = bp_yaml_int(r->y, W(r, "%s on_hand", lb), 0, INT_MAX, &op->on_hand);
			op->set |= BP_SC_F_ON_HAND;
		} else if (!strcmp(k, "supply")) {
			if (!(rc = bp_yaml_scalar(r->y, W(r, "%s supply", lb), &v)) &&
			    bp_supply_parse(v, &op->supply))
				rc = bp_yaml_here(r->y, "%s supply: '%s' is not common or rare", lb, v);
			op->set |= BP_SC_F_SUPPLY;
		} else {
			rc = bp_yaml_service_level(r->y, W(r, "%s service_level", lb),
						   &op->service_level);
			op->set |= BP_SC_F_SERVICE_LEVEL;
		}
	}
	if (rc)
		return rc;
	if (!op->id[0])
		return missing(r, op->pos, label, "sku", " (the part's sku)");
	return BP_OK;
}

static int read_parts(struct rd *r, struct bp_sc_changes *c, const char *label)
{
	static const char *const keys[] = {"modify", NULL};
	const char *k;
	int rc = bp_yaml_map(r->y, W(r, "%s parts", label), NULL);
	while (!rc && !(rc = bp_yaml_key(r->y, keys, W(r, "%s parts", label), &k)) && k)
		rc = read_items(r, c, BP_SC_PART_MODIFY, "parts modify", read_part);
	return rc;
}

/* ---- supply, policy, demand ---- */

/* supply: {rare: {lead_hours: 72}} */
static int read_supply(struct rd *r, struct bp_sc_changes *c, const char *label)
{
	static const char *const classes[] = {"common", "rare", NULL};
	static const char *const keys[] = {"lead_hours", NULL};
	const char *k;
	int rc = bp_yaml_map(r->y, W(r, "%s supply", label), NULL);
	while (!rc && !(rc = bp_yaml_key(r->y, classes, W(r, "%s supply", label), &k)) && k) {
		enum bp_supply cls = strcmp(k, "common") ? BP_SUPPLY_RARE : BP_SUPPLY_COMMON;
		char lb[80];
		snprintf(lb, sizeof lb, "supply %s", k);
		rc = bp_yaml_map(r->y, lb, NULL);
		while (!rc && !(rc = bp_yaml_key(r->y, keys, lb, &k)) && k) {
			rc = bp_yaml_int(r->y, W(r, "%s lead_hours", lb), 0, 24 * 365,
					 &c->lead_hours[cls]);
			c->lead_pos[cls] = bp_yaml_pos(r->y);
		}
	}
	return rc;
}

static int read_policy_value(struct rd *r, struct bp_sc_changes *c, const char *name)
{
	int key = bp_sc_policy_find(name);
	double *x = &c->policy[key];
	int rc;
	if (key == BP_SC_P_SERVICE_LEVEL) {
		rc = bp_yaml_service_level(r->y, "policy service_level", x);
	} else if (key == BP_SC_P_EXCESS_DAYS) {
		int d;
		rc = bp_yaml_int(r->y, "policy excess_days", 0, 100000, &d);
		*x = d;
	} else {
		rc = bp_yaml_double(r->y, W(r, "policy %s", name), 0, BIG, x);
		if (!rc && key == BP_SC_P_MAX_OVERBOOK && *x <= 0)
			rc = bp_yaml_here(r->y, "policy max_overbook: %g is not above 0", *x);
	}
	c->policy_set |= 1u << key;
	c->policy_pos[key] = bp_yaml_pos(r->y);
	return rc;
}

static int read_policy(struct rd *r, struct bp_sc_changes *c, const char *label)
{
	const char *const *keys = bp_yaml_policy_keys;
	static const char *const tiers[] = {"core", "potential", "basic", NULL};
	const char *k;
	int rc = bp_yaml_map(r->y, W(r, "%s policy", label), NULL);
	while (!rc && !(rc = bp_yaml_key(r->y, keys, W(r, "%s policy", label), &k)) && k) {
		if (strcmp(k, "tier_weight")) {
			rc = read_policy_value(r, c, k);
			continue;
		}
		rc = bp_yaml_map(r->y, "policy tier_weight", NULL);
		while (!rc && !(rc = bp_yaml_key(r->y, tiers, "policy tier_weight", &k)) && k) {
			char name[40];
			snprintf(name, sizeof name, "tier_weight.%s", k);
			rc = read_policy_value(r, c, name);
		}
	}
	return rc;
}

static int read_seed(struct rd *r, unsigned long long *seed)
{
	const char *v;
	int rc = bp_yaml_scalar(r->y, "demand seed", &v);
	if (rc)
		return rc;
	unsigned long long x = 0;
	int ok = *v != 0;
	for (const char *p = v; *p && ok; p++) {
		if (*p < '0' || *p > '9' || x > (~0ull - 9) / 10)
			ok = 0;
		else
			x = x * 10 + (unsigned)(*p - '0');
	}
	if (!ok)
		return bp_yaml_here(r->y, "demand seed: '%s' is not a whole number >= 0", v);
	*seed = x;
	return BP_OK;
}

/* demand: {scale: 1.2, seed: 7} */
static int read_demand(struct rd *r, struct bp_sc_changes *c, const char *label)
{
	static const char *const keys[] = {"scale", "seed", NULL};
	const char *k;
	int has_scale = 0;
	int rc = bp_yaml_map(r->y, W(r, "%s demand", label), &c->demand_pos);
	while (!rc && !(rc = bp_yaml_key(r->y, keys, W(r, "%s demand", label), &k)) && k) {
		if (!strcmp(k, "scale")) {
			rc = bp_yaml_double(r->y, "demand scale", 0, 10, &c->scale);
			has_scale = 1;
		} else {
			rc = read_seed(r, &c->seed);
		}
	}
	if (rc)
		return rc;
	if (!has_scale)
		return bp_yaml_error(r->y, c->demand_pos, "demand has no 'scale' (e.g. {scale: "
				     "1.2, seed: 7})");
	c->has_demand = 1;
	return BP_OK;
}

/* ---- changes, variants, the file ---- */

static const char *const change_keys[] = {"technicians", "bays", "services", "parts",
	"supply", "policy", "demand", NULL};

/* The value of change key k (one of change_keys) into c. */
static int read_change(struct rd *r, struct bp_sc_changes *c, const char *k, const char *label)
{
	static int (*const readers[])(struct rd *, struct bp_sc_changes *, const char *) = {
		read_techs, read_bays, read_services, read_parts, read_supply, read_policy,
		read_demand};
	int i = 0;
	while (strcmp(change_keys[i], k))
		i++;
	return readers[i](r, c, label);
}

static int read_changes(struct rd *r, struct bp_sc_changes *c)
{
	const char *k;
	int rc = bp_yaml_map(r->y, "changes", &c->pos);
	while (!rc && !(rc = bp_yaml_key(r->y, change_keys, "changes", &k)) && k)
		rc = read_change(r, c, k, "changes");
	return rc;
}

static int read_variant(struct rd *r, struct bp_sc_changes *v, int idx)
{
	static const char *const keys[] = {"name", "technicians", "bays", "services", "parts",
		"supply", "policy", "demand", NULL};
	struct bp_scenario *sc = r->sc;
	const char *k;
	char label[80];
	snprintf(label, sizeof label, "variant #%d", idx + 1);
	int rc = bp_yaml_map(r->y, "a variant", &v->pos);
	while (!rc && !(rc = bp_yaml_key(r->y, keys, label, &k)) && k) {
		if (strcmp(k, "name")) {
			rc = read_change(r, v, k, label);
			continue;
		}
		char name[BP_SC_LABEL_MAX + 1];
		if ((rc = bp_yaml_str(r->y, "variant name", name, sizeof name)))
			return rc;
		if (!strcmp(name, "base"))
			return bp_yaml_here(r->y, "variant name 'base' is taken by the base column; call it "
				    "something else");
		for (int i = 0; i < idx; i++)
			if (!strcmp(sc->variants[i].name, name))
				return bp_yaml_here(r->y, "variant name '%s' is used twice (first at line %d)",
					    name, sc->variants[i].pos.line);
		memcpy(v->name, name, sizeof name);
		snprintf(label, sizeof label, "variant '%s'", name);
	}
	if (rc)
		return rc;
	if (!v->name[0])
		return bp_yaml_error(r->y, v->pos, "variant #%d has no 'name' (it heads its "
				     "column, e.g. name: \"+1 EV bay\")", idx + 1);
	return BP_OK;
}

static int read_variants(struct rd *r)
{
	int more, rc = bp_yaml_seq(r->y, "variants", NULL);
	while (!rc && !(rc = bp_yaml_seq_next(r->y, &more)) && more) {
		struct bp_sc_changes *v = bp_scenario_add_variant(r->sc);
		if (!v)
			return bp_yaml_oom(r->y);
		rc = read_variant(r, v, r->sc->nvariants - 1);
	}
	return rc;
}

static int read_file(struct rd *r)
{
	static const char *const keys[] = {"scenario", "base", "date", "changes", "variants",
		NULL};
	struct bp_scenario *sc = r->sc;
	const char *k;
	int rc = bp_yaml_begin(r->y, "scenario file");
	if (rc)
		return rc;
	struct bp_pos top = bp_yaml_pos(r->y);
	while (!(rc = bp_yaml_key(r->y, keys, "the scenario file", &k)) && k) {
		if (!strcmp(k, "scenario")) {
			char name[BP_SC_LABEL_MAX + 1];
			rc = bp_yaml_str(r->y, "scenario (its name)", name, sizeof name);
			if (!rc)
				memcpy(sc->name, name, sizeof name);
		} else if (!strcmp(k, "base")) {
			rc = bp_yaml_str(r->y, "base (a shop file)", sc->base, sizeof sc->base);
			sc->base_pos = bp_yaml_pos(r->y);
		} else if (!strcmp(k, "date")) {
			rc = bp_yaml_date(r->y, "date", &sc->date);
		} else if (!strcmp(k, "changes")) {
			rc = read_changes(r, &sc->changes);
		} else {
			rc = read_variants(r);
		}
		if (rc)
			return rc;
	}
	if (rc || (rc = bp_yaml_finish(r->y)))
		return rc;
	if (!sc->name[0])
		return bp_yaml_error(r->y, top, "the scenario file has no 'scenario' (its name, "
				     "e.g. scenario: \"Senior EV technician leaves\")");
	return BP_OK;
}

int bp_scenario_parse(const char *buf, size_t len, const char *name, const char *dir,
		      struct bp_scenario *sc, struct bp_err *err)
{
	struct rd r;
	memset(&r, 0, sizeof r);
	r.sc = sc;
	r.err = err;
	snprintf(sc->file, sizeof sc->file, "%s", name ? name : "");
	int rc = bp_yaml_open(&r.y, buf, len, name, err);
	if (rc)
		return rc;
	rc = read_file(&r);
	if (!rc && sc->base[0]) {
		size_t n;
		if (sc->base[0] == '/' || !dir || !dir[0] || !strcmp(dir, "."))
			n = (size_t)snprintf(sc->base_path, sizeof sc->base_path, "%s", sc->base);
		else
			n = (size_t)snprintf(sc->base_path, sizeof sc->base_path, "%s/%s", dir,
					     sc->base);
		if (n >= sizeof sc->base_path)
			rc = bp_yaml_error(r.y, sc->base_pos, "base: the path is too long");
	}
	bp_yaml_close(r.y);
	return rc;
}

int bp_scenario_read(const char *path, struct bp_scenario *sc, struct bp_err *err)
{
	char *buf, dir[PATH_MAX];
	size_t len;
	int rc = bp_shopfile_load(path, BP_YAML_MAX_BYTES, &buf, &len, err);
	if (rc)
		return rc;
	bp_path_dir(path, dir, sizeof dir);
	rc = bp_scenario_parse(buf, len, path, dir, sc, err);
	free(buf);
	return rc;
}
