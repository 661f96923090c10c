/*
 * shop.h - the workshop as plain data: bay types, bays, technicians,
 * services, parts, jobs (bookings), history and policy.
 * Everything refers to everything else by index; ids are kept for output.
 * Positions (pos) remember where a record came from so that the validator's
 * errors can point into the shop file; they are zero for records built in code.
 */
#ifndef BP_SHOP_H
#define BP_SHOP_H

#include "timeutil.h"

#define BP_ID_LEN 48       /* ids, codes, skus: at most 47 bytes */
#define BP_NAME_LEN 128
#define BP_MAX_SKILLS 32
#define BP_MAX_BAY_TYPES 32
#define BP_MAX_SPANS 8     /* breaks per technician, closed periods per bay */
#define BP_MAX_LINES 16    /* parts lines per service or job */
#define BP_MAX_ON_ORDER 24  /* open order lines per part (the store merges beyond) */
#define BP_MAX_WINDOWS 16
#define BP_LEVELS 3        /* 1 junior, 2 intermediate, 3 senior */

struct bp_pos {
	int line, col;     /* 1-based; 0 = not from a file */
};

enum bp_tier { BP_TIER_CORE, BP_TIER_POTENTIAL, BP_TIER_BASIC, BP_TIERS };
enum bp_supply { BP_SUPPLY_COMMON, BP_SUPPLY_RARE, BP_SUPPLIES };

struct bp_shop_info {
	char name[BP_NAME_LEN];
	int slot_minutes;              /* 5, 10, 15 or 30 */
	int open, close;               /* clock minutes */
	int overtime_minutes;
	int advisors;                  /* on the desk from open to close; 0 = check-ins
					  are not planned */
	int advisor_checkins_per_hour;
	int loan_cars;                 /* courtesy cars the shop lends (0 = none) */
	int wash_bays;                 /* 0 = the wash is not planned as a resource */
	int lead_hours[BP_SUPPLIES];   /* 4 and 48 unless a scenario says otherwise */
	struct bp_pos pos;
};

struct bp_skill {
	char id[BP_ID_LEN];
	struct bp_pos pos;
};

struct bp_bay_type {
	char id[BP_ID_LEN];
	unsigned serves;               /* bit t set: can take work for bay type t (own bit set) */
	struct bp_pos pos;
};

struct bp_bay {
	char id[BP_ID_LEN];
	int type;                      /* index into bay_types */
	int nclosed;
	struct bp_span closed[BP_MAX_SPANS];
	struct bp_pos pos;
};

struct bp_technician {
	char id[BP_ID_LEN];
	char name[BP_NAME_LEN];
	struct bp_span shift;
	int nbreaks;
	struct bp_span breaks[BP_MAX_SPANS];
	unsigned char level[BP_MAX_SKILLS]; /* 0 = lacks the skill, else 1-3 */
	double cost_per_hour;
	double overtime_cost_per_hour;
	struct bp_pos pos;
};

struct bp_part_line {
	int part;                      /* index into parts */
	int qty;
};

struct bp_service {
	char code[BP_ID_LEN];
	char name[BP_NAME_LEN];
	int skill;                     /* index into skills */
	int level;                     /* minimum level, 1-3 */
	int bay_type;                  /* index into bay_types */
	int minutes[BP_LEVELS + 1];    /* [1..3]; 0 = that level cannot do it */
	int nparts;
	struct bp_part_line parts[BP_MAX_LINES];
	int handover_minutes;          /* quality check and wash between the end of
					  work and the car being ready (0 = none) */
	int wash_minutes;              /* the part of handover_minutes spent in a wash
					  bay, first thing after the work */
	struct bp_pos pos;
};

struct bp_delivery {
	int qty;
	int day, minute;               /* arrival */
};

struct bp_part {
	char sku[BP_ID_LEN];
	char name[BP_NAME_LEN];
	int on_hand;
	int non_order;
	struct bp_delivery on_order[BP_MAX_ON_ORDER];
	enum bp_supply supply;
	double unit_cost;
	int pack;                      /* order in multiples of this (>= 1) */
	int min_order;                 /* at least this when ordering (>= 0) */
	double service_level;          /* (0,1) */
	int safety_stock;              /* fixed safety stock; -1 = compute it */
	struct bp_pos pos;
};

/* Where a booking stands in the workshop's day (the store's job_status). */
enum bp_job_status {
	BP_JOB_BOOKED,                 /* 0: what every shop-file booking is */
	BP_JOB_IN_PROGRESS,
	BP_JOB_DONE,
	BP_JOB_NO_SHOW,
	BP_JOB_CANCELLED,
	BP_JOB_STATUSES
};

struct bp_job {
	char id[BP_ID_LEN];
	int date;                      /* days since epoch */
	int service;                   /* index into services */
	enum bp_tier tier;
	struct bp_span window;         /* arrival time: window.start == window.end */
	int has_window;                /* 0: an arrival time was given */
	int promised;                  /* clock minutes, -1 = none */
	int waiting;
	int minutes;                   /* override, 0 = the service's */
	int nparts;
	struct bp_part_line parts[BP_MAX_LINES]; /* extra parts found at diagnosis */
	int technician;                /* requested, -1 = anyone */
	int loan_car;                  /* the customer takes a courtesy car while the
					  car is in (never with waiting) */
	/* Progress recorded in the store (all zero/-1 for a shop file). */
	enum bp_job_status status;
	int carried_from;              /* > 0: the day it was booked for, when a
					  plan of a later day carries it over */
	int has_started, started_day, started;
	int has_finished, finished_day, finished;
	int act_tech, act_bay;         /* who started it, on which bay; -1 = not known */
	struct bp_pos pos;
};

/* A dated change to a technician's standing shift: absent for all or part
 * of the day, or another shift (and breaks) for that day. */
enum bp_roster_kind { BP_ROSTER_OFF, BP_ROSTER_SHIFT };

struct bp_roster_change {
	int tech;                      /* index into techs */
	int date;
	enum bp_roster_kind kind;
	struct bp_span span;           /* off: the absence (whole shift when whole);
					  shift: the day's shift */
	int whole;                     /* off for the whole day */
	int nbreaks;                   /* shift: the day's breaks */
	struct bp_span breaks[BP_MAX_SPANS];
};

/* A dated closure: a shop holiday (bay -1, whole), the shop closed for part
 * of a day (bay -1), or one bay down for all or part of a day. */
struct bp_closure {
	int date;
	int bay;                       /* index into bays, -1 = the whole shop */
	int whole;
	struct bp_span span;           /* when not whole */
	char reason[BP_NAME_LEN];
};

struct bp_demand_row {
	int day, part, qty;
};

struct bp_actual {
	char job_id[BP_ID_LEN];
	int service;                   /* -1 when not known */
	int technician;                /* -1 when not known */
	int date;                      /* day of the booking */
	enum bp_tier tier;             /* BP_TIER_BASIC when not known */
	int window;                    /* index into windows, -1 when not known */
	int has_arrived, arrived_day, arrived;
	int has_started, started_day, started;
	int has_finished, finished_day, finished;
	int no_show;
	int line;                      /* CSV line, for messages */
};

struct bp_policy {
	double tier_weight[BP_TIERS];  /* 3, 2, 1 */
	double job_value;              /* objective points per unit of tier weight done */
	double late_per_minute;        /* points per minute past promised */
	double overtime_factor;        /* points per currency unit of overtime cost */
	double overqual_per_minute;    /* points per (level above minimum) x minute */
	double wait_per_minute;        /* points per minute a waiting customer waits */
	double delivery_fee;           /* per supplier delivery run (reorder) */
	double holding_rate_per_day;   /* fraction of unit cost per day held */
	double missing_part_penalty;   /* per planned job left without its part */
	double safety_shortfall_penalty; /* per unit below safety stock */
	int excess_days;               /* stock above this many days of demand is excess */
	double service_level;          /* default when a part gives none */
	double max_overbook;           /* windows: offered work / capacity, at most */
	int advisor_day_max;           /* check-ins one advisor takes in a day, at most
					  (0 = no daily bound) */
	double pause_per_minute;       /* points per minute a job's bay is held while
					  its work pauses over a break */
	double carry_per_minute;       /* points per minute of work left for the next
					  working day */
};

struct bp_shop {
	struct bp_shop_info info;
	int nskills;
	struct bp_skill skills[BP_MAX_SKILLS];
	int nbay_types;
	struct bp_bay_type bay_types[BP_MAX_BAY_TYPES];
	int nwindows;
	struct bp_span windows[BP_MAX_WINDOWS];
	struct bp_pos window_pos[BP_MAX_WINDOWS];
	struct bp_policy policy;

	/* Growable arrays: n used, cap allocated. */
	struct bp_bay *bays;               int nbays, cap_bays;
	struct bp_technician *techs;       int ntechs, cap_techs;
	struct bp_service *services;       int nservices, cap_services;
	struct bp_part *parts;             int nparts, cap_parts;
	struct bp_job *jobs;               int njobs, cap_jobs;
	struct bp_demand_row *demand;      int ndemand, cap_demand;
	struct bp_actual *actuals;         int nactuals, cap_actuals;
	struct bp_roster_change *roster;   int nroster, cap_roster;
	struct bp_closure *closures;       int nclosures, cap_closures;

	char demand_file[256];             /* as named in the shop file, "" = none */
	char actuals_file[256];
	int nstore_actuals;                /* the last n actuals are the store's own
					      (finished and no-show jobs), not history */
};

/* Defaults for every field (policy included); arrays empty. */
void bp_shop_init(struct bp_shop *s);
void bp_shop_policy_defaults(struct bp_policy *p);
void bp_shop_free(struct bp_shop *s);
/* Deep copy; 0 ok, -1 out of memory (dst is then empty but valid). */
int bp_shop_copy(struct bp_shop *dst, const struct bp_shop *src);

/* Append a zeroed record; NULL when out of memory. The pointer is valid
 * until the next append to the same array. */
struct bp_bay *bp_shop_add_bay(struct bp_shop *s);
struct bp_technician *bp_shop_add_tech(struct bp_shop *s);
struct bp_service *bp_shop_add_service(struct bp_shop *s);
struct bp_part *bp_shop_add_part(struct bp_shop *s);
struct bp_job *bp_shop_add_job(struct bp_shop *s);
struct bp_demand_row *bp_shop_add_demand(struct bp_shop *s);
struct bp_actual *bp_shop_add_actual(struct bp_shop *s);
struct bp_roster_change *bp_shop_add_roster(struct bp_shop *s);
struct bp_closure *bp_shop_add_closure(struct bp_shop *s);

/* Remove record i, keeping order; indexes that pointed past it are not
 * fixed up here (callers that remove referenced records must re-map). */
void bp_shop_remove_job(struct bp_shop *s, int i);
/* Remove technician or bay i and re-map every index that points at the
 * ones after it; references to i itself become -1 (anyone / not known),
 * and roster changes or closures of i are dropped. */
void bp_shop_remove_tech(struct bp_shop *s, int i);
void bp_shop_remove_bay(struct bp_shop *s, int i);

/* Look-ups by id; -1 when absent. Linear: shops are small. */
int bp_shop_skill(const struct bp_shop *s, const char *id);
int bp_shop_bay_type(const struct bp_shop *s, const char *id);
int bp_shop_bay(const struct bp_shop *s, const char *id);
int bp_shop_tech(const struct bp_shop *s, const char *id);
int bp_shop_service(const struct bp_shop *s, const char *code);
int bp_shop_part(const struct bp_shop *s, const char *sku);
int bp_shop_job(const struct bp_shop *s, const char *id);

/* Job helpers. */
static inline int bp_job_arrival(const struct bp_job *j) { return j->window.start; }
/* Minutes for job j done by technician t: the override if any, else the
 * service's figure for t's level in its skill; 0 if t cannot do it. */
int bp_job_minutes(const struct bp_shop *s, const struct bp_job *j,
		   const struct bp_technician *t);
/* When `minutes` of work that t starts at `start` are done: the work pauses
 * over t's breaks (the car keeps its bay). */
int bp_work_end(const struct bp_technician *t, int start, int minutes);
/* Minutes t works in [start, end): the span less t's breaks in it. */
int bp_work_between(const struct bp_technician *t, int start, int end);
/* Technician's level in the job's skill if it meets the minimum, else 0. */
int bp_job_tech_level(const struct bp_shop *s, const struct bp_job *j,
		      const struct bp_technician *t);
/* Can a bay of type `bay_type` take work that needs type `need`? */
static inline int bp_bay_serves(const struct bp_shop *s, int bay_type, int need)
{
	return (s->bay_types[bay_type].serves >> need) & 1u;
}
/* Total quantity of part p that job j consumes (service parts + extras). */
int bp_job_part_qty(const struct bp_shop *s, const struct bp_job *j, int p);

const char *bp_tier_name(enum bp_tier t);
int bp_tier_parse(const char *s, enum bp_tier *out);
const char *bp_job_status_name(enum bp_job_status st);
int bp_job_status_parse(const char *s, enum bp_job_status *out);
const char *bp_supply_name(enum bp_supply s);
int bp_supply_parse(const char *s, enum bp_supply *out);

#endif
