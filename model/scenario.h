/*
 * scenario.h - a what-if scenario as plain data (the changes to a shop and
 * the variants of a sweep) and applying one variant to a copy of a shop.
 * Records are named by id here and resolved against the shop when applied,
 * so one scenario runs on a shop file or on the store's shop alike.
 */
#ifndef BP_SCENARIO_H
#define BP_SCENARIO_H

#include "err.h"
#include "shop.h"

/* Kinds of change to one record, applied in this order (removals first, so
 * that "remove T3, add T3 with other skills" means a replacement). */
enum bp_sc_kind {
	BP_SC_TECH_REMOVE,
	BP_SC_TECH_MODIFY,
	BP_SC_TECH_ADD,
	BP_SC_BAY_REMOVE,
	BP_SC_BAY_MODIFY,
	BP_SC_BAY_ADD,
	BP_SC_SERVICE_MODIFY,
	BP_SC_PART_MODIFY,
	BP_SC_KINDS
};

/* Which fields an op gives (modify ops leave the others as they are). */
enum {
	BP_SC_F_NAME = 1u << 0,
	BP_SC_F_SHIFT = 1u << 1,
	BP_SC_F_BREAKS = 1u << 2,
	BP_SC_F_SKILLS = 1u << 3,
	BP_SC_F_COST = 1u << 4,
	BP_SC_F_OT_COST = 1u << 5,
	BP_SC_F_TYPE = 1u << 6,
	BP_SC_F_CLOSED = 1u << 7,
	BP_SC_F_MINUTES = 1u << 8,
	BP_SC_F_ON_HAND = 1u << 9,
	BP_SC_F_SUPPLY = 1u << 10,
	BP_SC_F_SERVICE_LEVEL = 1u << 11
};

/* One change to one record. Only the fields of its kind are used. */
struct bp_sc_op {
	enum bp_sc_kind kind;
	struct bp_pos pos;             /* the item in the scenario file */
	char id[BP_ID_LEN];            /* technician, bay, service code or sku */
	unsigned set;                  /* BP_SC_F_* */
	/* technicians */
	char name[BP_NAME_LEN];
	struct bp_span shift;
	int nbreaks;
	struct bp_span breaks[BP_MAX_SPANS];
	double cost_per_hour, overtime_cost_per_hour; /* overtime < 0: 1.5 x cost (add) */
	int nskills;                   /* skills by name; level 0 takes a skill away */
	char skill[BP_MAX_SKILLS][BP_ID_LEN];
	unsigned char level[BP_MAX_SKILLS];
	struct bp_pos skill_pos[BP_MAX_SKILLS];
	/* bays */
	char bay_type[BP_ID_LEN];
	struct bp_pos type_pos;
	int nclosed;                   /* replaces the bay's closed periods */
	struct bp_span closed[BP_MAX_SPANS];
	/* services: -1 unchanged, 0 that level can no longer do it */
	int minutes[BP_LEVELS + 1];
	/* parts */
	int on_hand;
	enum bp_supply supply;
	double service_level;
};

/* Policy keys a scenario may set, in the shop file's names. */
enum bp_sc_policy_key {
	BP_SC_P_TIER_CORE, BP_SC_P_TIER_POTENTIAL, BP_SC_P_TIER_BASIC,
	BP_SC_P_JOB_VALUE, BP_SC_P_LATE, BP_SC_P_OVERTIME, BP_SC_P_OVERQUAL, BP_SC_P_WAIT,
	BP_SC_P_DELIVERY_FEE, BP_SC_P_HOLDING, BP_SC_P_MISSING_PART, BP_SC_P_SAFETY_SHORTFALL,
	BP_SC_P_EXCESS_DAYS, BP_SC_P_SERVICE_LEVEL, BP_SC_P_MAX_OVERBOOK,
	BP_SC_POLICY_KEYS
};

/* One set of changes: the scenario's shared `changes`, or one variant. */
struct bp_sc_changes {
	char name[BP_NAME_LEN];        /* variant name; "" for the shared changes */
	struct bp_pos pos;
	struct bp_sc_op *ops;
	int nops, cap_ops;
	int lead_hours[BP_SUPPLIES];   /* -1 = unchanged */
	struct bp_pos lead_pos[BP_SUPPLIES];
	unsigned policy_set;           /* bit k: policy[k] is given */
	double policy[BP_SC_POLICY_KEYS];
	struct bp_pos policy_pos[BP_SC_POLICY_KEYS];
	int has_demand;
	double scale;                  /* bookings on the date x scale, rounded */
	unsigned long long seed;
	struct bp_pos demand_pos;
};

struct bp_scenario {
	char name[BP_NAME_LEN];
	char file[256];                /* the scenario file, for messages */
	char base[256];                /* as written; "" = the store's shop */
	char base_path[512];           /* base resolved against the file's folder */
	struct bp_pos base_pos;
	int date;                      /* days since epoch; -1 = not given */
	struct bp_sc_changes changes;
	struct bp_sc_changes *variants;
	int nvariants, cap_variants;
};

/* Notes for the user about what applying did on its own initiative
 * (a dropped request, bookings added or dropped). */
#define BP_SC_MAX_NOTES 24
struct bp_sc_notes {
	int n;                         /* kept in msg */
	int more;                      /* further notes not kept */
	char msg[BP_SC_MAX_NOTES][200];
};

void bp_scenario_init(struct bp_scenario *sc);
void bp_scenario_free(struct bp_scenario *sc);
void bp_sc_changes_init(struct bp_sc_changes *c);
void bp_sc_changes_free(struct bp_sc_changes *c);
/* Append a new op of `kind` with every "unchanged" marker set; NULL when out
 * of memory. Valid until the next append to the same set. */
struct bp_sc_op *bp_sc_add_op(struct bp_sc_changes *c, enum bp_sc_kind kind);
/* Append an empty variant; NULL when out of memory. */
struct bp_sc_changes *bp_scenario_add_variant(struct bp_scenario *sc);

/* The policy key called `name` in a shop file ("late_per_minute",
 * "tier_weight.core"), or -1; and the other way round. */
int bp_sc_policy_find(const char *name);
const char *bp_sc_policy_name(int key);

/* Columns of a comparison: 0 is the base, 1..ncolumns-1 the variants (or
 * the shared changes alone when there are no variants). */
int bp_scenario_ncolumns(const struct bp_scenario *sc);
/* "base", the variant's name, or "changes" for the changes alone. */
const char *bp_scenario_column_name(const struct bp_scenario *sc, int col);

/* Build the shop of column `col` for `date`: a copy of `base` with the
 * shared changes and then the variant's applied (col 0: the copy alone).
 * A variant's demand replaces the shared demand (both are relative to the
 * base's bookings). Positions of base records are cleared and records the
 * scenario adds or modifies point into the scenario file, and the result
 * is validated (bp_shop_validate), so every error names the scenario file,
 * line and column where it can. A technician that bookings ask for and
 * that is removed: the request is dropped with a note. `out` is
 * initialised here and must be freed, also on error; notes may be NULL. */
int bp_scenario_apply(const struct bp_scenario *sc, int col, const struct bp_shop *base,
		      int date, struct bp_shop *out, struct bp_sc_notes *notes,
		      struct bp_err *err);

/* Scale the bookings on `date` by `scale` with the PRNG seeded by `seed`
 * (splitmix64): extra bookings copy the service, tier, window or arrival,
 * promised time and waiting of bookings drawn at random from that date (the
 * shop's own mix), with the service's standard minutes, no extra parts and
 * no requested technician, ids "WI-0001"...; a scale below 1 drops bookings
 * drawn at random. The same shop, scale and seed give the same bookings.
 * BP_EINTERNAL when out of memory. */
int bp_scenario_scale_demand(struct bp_shop *s, int date, double scale,
			     unsigned long long seed, struct bp_sc_notes *notes,
			     struct bp_err *err);

/* splitmix64: the next value of the sequence whose state is *x. */
unsigned long long bp_splitmix64(unsigned long long *x);

#endif
