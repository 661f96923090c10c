/*
 * reorder.h - a parts reorder list as plain data: what to order, how many,
 * by when, why and for which jobs; the slow movers to stop buying; what a
 * budget dropped. Produced by solver/reorder, read by the store and writers.
 */
#ifndef BP_REORDER_H
#define BP_REORDER_H

#include "plan.h"
#include "shop.h"

#define BP_REORDER_MAX_DAYS 14

enum bp_reorder_reason {
	BP_REORDER_JOB,            /* a common part for booked jobs */
	BP_REORDER_SAFETY_STOCK,   /* no job needs it: back up to safety stock */
	BP_REORDER_RARE_AHEAD,     /* a rare part ordered now for bookings 2+ days out */
	BP_REORDER_REASONS
};

/* Demand pattern (Syntetos-Boylan classes) and the forecast method used. */
enum bp_demand_class {
	BP_DEMAND_NONE,            /* no demand in the history */
	BP_DEMAND_SMOOTH,
	BP_DEMAND_ERRATIC,
	BP_DEMAND_INTERMITTENT,
	BP_DEMAND_LUMPY,
	BP_DEMAND_CLASSES
};

enum bp_forecast_method {
	BP_FC_ZERO,                /* no demand seen: forecast 0 */
	BP_FC_MEAN,                /* short history: plain mean */
	BP_FC_SES,                 /* simple exponential smoothing */
	BP_FC_CROSTON,
	BP_FC_SBA,                 /* Croston with the Syntetos-Boylan correction */
	BP_FC_METHODS
};

struct bp_reorder_line {
	int part;                      /* index into parts */
	int qty;                       /* units, packs x pack */
	int packs;
	int order_day, order_min;      /* order by: the latest time that still arrives in time */
	int arrive_day, arrive_min;
	enum bp_reorder_reason reason;
	int njobs;
	int *jobs;                     /* job indexes this order serves, by need time */
	double cost;                   /* qty x unit cost */
};

/* What the solver knew about each part (one per shop part). */
struct bp_reorder_part {
	enum bp_demand_class demand_class;
	enum bp_forecast_method method;
	double forecast;               /* units per day, all demand */
	double sigma;                  /* forecast error per day */
	double safety_stock;           /* units */
	int booked;                    /* units that booked jobs in the horizon need */
};

/* A slow mover: stock for more than excess_days of demand, or none in 90 days. */
struct bp_reorder_excess {
	int part;
	int on_hand;
	double cover_days;             /* on_hand / forecast per day; -1 = no forecast demand */
	int last_demand;               /* day of the last demand, -1 = none in the history */
	double value;                  /* on_hand x unit cost */
};

/* A booked job whose part cannot be there in time: the part is ordered for
 * the first day it can be used, and the job should move to that day. */
struct bp_reorder_rebook {
	int job;
	int part;                      /* the part that holds it up */
	int arrive_day, arrive_min;    /* the earliest an order of it can arrive */
	int from_day, from_min;        /* the first opening the job can use it */
};

/* Units the budget took off the list, and the jobs that lose their parts. */
struct bp_reorder_drop {
	int part;
	int qty;
	double cost;                   /* qty x unit cost */
	int njobs;
	int *jobs;
};

struct bp_reorder {
	int date, days;
	enum bp_run_status status;
	double objective, bound, gap;  /* gap = |bound - objective| / max(1, |objective|) */
	long solve_ms;
	double parts_cost, delivery_cost, holding_cost;
	int deliveries;                /* supplier delivery runs */
	double penalty;                /* missing parts and safety shortfall */
	double budget;                 /* < 0: none */
	double spend;                  /* parts_cost + delivery_cost */
	int nlines;
	struct bp_reorder_line *lines;
	int nparts;
	struct bp_reorder_part *parts; /* nparts = shop parts */
	int nexcess;
	struct bp_reorder_excess *excess;
	int ndrops;
	struct bp_reorder_drop *drops; /* least valuable first */
	int nuncovered;
	int *uncovered;                /* jobs in the horizon left without a part */
	int nrebook;
	struct bp_reorder_rebook *rebook;  /* jobs to move, their parts ordered */
};

void bp_reorder_init(struct bp_reorder *r);
void bp_reorder_free(struct bp_reorder *r);
/* Append a copy (jobs copied too); 0 ok, -1 out of memory. */
int bp_reorder_add_line(struct bp_reorder *r, const struct bp_reorder_line *l);
int bp_reorder_add_excess(struct bp_reorder *r, const struct bp_reorder_excess *e);
int bp_reorder_add_drop(struct bp_reorder *r, const struct bp_reorder_drop *d);
int bp_reorder_add_uncovered(struct bp_reorder *r, int job);
int bp_reorder_add_rebook(struct bp_reorder *r, const struct bp_reorder_rebook *b);

/* "RO-1,RO-7": the ids of the line's jobs, malloc'ed; NULL when out of
 * memory. */
char *bp_reorder_line_jobs(const struct bp_shop *s, const struct bp_reorder_line *l);

const char *bp_reorder_reason_name(enum bp_reorder_reason r);
int bp_reorder_reason_parse(const char *s, enum bp_reorder_reason *out);
const char *bp_demand_class_name(enum bp_demand_class c);
const char *bp_forecast_method_name(enum bp_forecast_method m);

#endif
