/*
 * plan.h - a next-day booking plan as plain data: which job runs on which
 * bay, by which technician, when; which jobs do not fit and why; the KPIs.
 * Produced by solver/schedule, read by every writer in io/.
 */
#ifndef BP_PLAN_H
#define BP_PLAN_H

#include "shop.h"

enum bp_reason {
	BP_REASON_NO_SKILL,
	BP_REASON_NO_BAY,
	BP_REASON_PARTS,
	BP_REASON_CAPACITY,
	BP_REASON_WINDOW,
	BP_REASON_CLOSED,              /* the shop is closed that day */
	BP_REASON_CHECK_IN,            /* the advisors cannot receive the car in time */
	BP_REASON_LOAN_CAR,            /* no courtesy car is free for the customer */
	BP_REASONS
};

enum bp_run_status {
	BP_RUN_OPTIMAL,
	BP_RUN_FEASIBLE,
	BP_RUN_TIME_LIMIT,
	BP_RUN_FAILED,
	BP_RUN_INTERRUPTED,
	BP_RUN_STATUSES
};

/* The car holds its bay over [start, end); the technician's work pauses
 * over their breaks in it. A job that does not fit in what is left of the
 * day stops at the end of the shift and continues on the next working day
 * (carry minutes of work, from carry_date's opening). The car can go back
 * at end + the service's handover (bp_assignment_ready). */
struct bp_assignment {
	int job, tech, bay;            /* indexes into the shop */
	int start, end;                /* clock minutes on the plan's date */
	int parts_ready;               /* minute the last needed part arrives; -1 = all on hand */
	int checkin;                   /* minute an advisor receives the car; -1 = no check-in
					  (carried over, under way, arrived before a re-plan) */
	int carry;                     /* minutes of work left for carry_date (0 = done today) */
	int carry_date;                /* days since epoch; -1 when carry is 0 */
};

struct bp_unscheduled {
	int job;
	enum bp_reason reason;
	char detail[256];              /* a plain sentence for the service manager */
	int earliest_date;             /* days since epoch; -1 = not known */
};

struct bp_kpis {
	int jobs;                      /* jobs booked for the date */
	int done;
	int jobs_by_tier[BP_TIERS];
	int done_by_tier[BP_TIERS];
	double weighted_done, weighted_jobs;
	int unscheduled_by_reason[BP_REASONS];
	double bay_util[BP_MAX_BAY_TYPES];   /* busy / open minutes, by bay type */
	double tech_util_by_level[BP_LEVELS + 1]; /* [1..3], by highest level held */
	double tech_util;              /* all technicians: busy / shift minutes */
	int overtime_minutes;
	int late_minutes;
	int late_jobs;
	int overqualified_minutes;     /* sum of (level - minimum) x minutes */
	double avg_wait_minutes;       /* waiting customers: start - arrival */
	double overtime_cost;
	int pause_minutes;             /* bays held while the work pauses over breaks */
	int carry_jobs, carry_minutes; /* work that continues on the next working day */
	int checkins;                  /* cars the advisors receive that day */
	int advisors;
	double checkins_per_advisor;   /* the busiest advisor's, shared out evenly */
	int loan_peak;                 /* courtesy cars out at once, at most */
	int loan_jobs;
};

struct bp_plan {
	int date;
	enum bp_run_status status;
	double objective, bound, gap;  /* gap = |bound - objective| / max(1, |objective|) */
	long solve_ms;
	int now;                       /* a re-plan from this minute; 0 for a whole day
					  (cars that came before it need no check-in) */
	int learned_durations;         /* 1 when learned durations were used */
	int nassign;
	struct bp_assignment *assign;
	int nunsched;
	struct bp_unscheduled *unsched;
	struct bp_kpis kpi;
};

/* One row of the store's runs table. */
struct bp_run {
	long long id;
	char kind[16];                 /* schedule | reorder | windows | whatif */
	int date;                      /* days since epoch */
	char created_at[24];           /* YYYY-MM-DDTHH:MM:SS, filled by the store */
	enum bp_run_status status;
	double objective, bound, gap;
	long solve_ms;
	char scenario[BP_NAME_LEN];    /* "" for live runs */
};

/* Fill a runs row for a solve of `kind` ("schedule", ...) on `date`. */
void bp_run_set(struct bp_run *run, const char *kind, int date, enum bp_run_status status,
		double objective, double bound, double gap, long solve_ms);

void bp_plan_init(struct bp_plan *p);
void bp_plan_free(struct bp_plan *p);
/* Append; 0 ok, -1 out of memory. */
int bp_plan_add_assignment(struct bp_plan *p, const struct bp_assignment *a);
int bp_plan_add_unscheduled(struct bp_plan *p, int job, enum bp_reason r,
			    int earliest_date, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Recompute p->kpi from the assignments and the shop. */
void bp_plan_kpis(const struct bp_shop *s, struct bp_plan *p);
/* When the car of assignment a can go back to its customer: the end of the
 * work plus the service's handover; -1 when the work continues on a later
 * day. */
int bp_assignment_ready(const struct bp_shop *s, const struct bp_assignment *a);
/* Minutes past the promised time at which the car is ready (0 when not
 * promised or on time). Work continuing on a later day is late by what is
 * left of the day after the promise plus the work and handover left. */
int bp_assignment_late(const struct bp_shop *s, const struct bp_assignment *a);
/* When a loan car taken for job j is back: the car ready, or the promised
 * time when later (the customer comes then); the end of the day when the work
 * continues on a later day. */
int bp_loan_back(const struct bp_shop *s, const struct bp_assignment *a);

const char *bp_reason_name(enum bp_reason r);
int bp_reason_parse(const char *s, enum bp_reason *out);
const char *bp_run_status_name(enum bp_run_status s);
int bp_run_status_parse(const char *s, enum bp_run_status *out);

#endif
