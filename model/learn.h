/*
 * learn.h - what the shop's history (actuals) says about itself: typical
 * durations per service and technician level, show rates and arrival
 * lateness per window and tier, and technicians who run clearly slower than
 * their peers (a training signal). Pure computation on struct bp_shop.
 */
#ifndef BP_LEARN_H
#define BP_LEARN_H

#include "err.h"
#include "shop.h"

struct bp_learn_opts {
	double quantile;           /* of the durations: 0.5 = median (default) */
	int min_samples;           /* fewer: the standard minutes stand (default 5) */
	double prior_weight;       /* shrinkage: pseudo-samples of the standard (10) */
	double bottleneck_ratio;   /* flag a technician this much slower (1.15) */
	int bottleneck_min;        /* samples a technician needs to be flagged (10) */
};

/* One service at one level (of the technician who did the work). */
struct bp_learned_duration {
	int samples;
	int standard;              /* the shop's minutes; 0 = the level cannot do it */
	double typical;            /* the chosen quantile of the samples; 0 = none */
	int learned;               /* minutes to plan with (shrunk toward standard) */
};

/* One window template and tier (tier BP_TIERS: all tiers together). */
struct bp_learned_window {
	int booked;                /* history rows booked in it */
	int shows;
	double show_rate;          /* shrunk toward the tier's rate over all windows */
	double late_median;        /* arrival minus window start, median over shows */
	double late_share;         /* share of shows arriving after the window's end */
};

/* A technician on one service (service -1: over all their work), against
 * peers at the same level on the same services. */
struct bp_learned_tech {
	int tech, service;
	int samples;
	double ratio;              /* technician's typical / peers' typical */
	int bottleneck;            /* ratio >= bottleneck_ratio with enough samples */
};

struct bp_learned {
	struct bp_learn_opts opts;
	int nservices;
	struct bp_learned_duration *dur;   /* [service * (BP_LEVELS + 1) + level] */
	int nwindows;
	struct bp_learned_window win[BP_MAX_WINDOWS][BP_TIERS + 1];
	double show_rate[BP_TIERS + 1];    /* over all windows; 1 with no history */
	int ntechs;
	struct bp_learned_tech *tech;      /* per-technician rows, then per service */
	int used;                  /* actuals that gave a duration */
	int skipped;               /* shown-up actuals without a usable duration */
	int changed;               /* (service, level) figures that differ from standard */
};

void bp_learn_opts_init(struct bp_learn_opts *o);
/* Learn from s->actuals (technician levels and breaks from the shop as it is
 * now; a job's duration is finished - started less the technician's breaks
 * inside it). `o` NULL = defaults. `l` is filled and must be freed with
 * bp_learned_free, also after an error (BP_EINTERNAL: out of memory). */
int bp_learn(const struct bp_shop *s, const struct bp_learn_opts *o, struct bp_learned *l,
	     struct bp_err *err);
void bp_learned_free(struct bp_learned *l);

/* Minutes to plan service `service` at `level`: the learned figure. */
static inline int bp_learn_minutes(const struct bp_learned *l, int service, int level)
{
	return l->dur[service * (BP_LEVELS + 1) + level].learned;
}
static inline const struct bp_learned_duration *
bp_learn_dur(const struct bp_learned *l, int service, int level)
{
	return &l->dur[service * (BP_LEVELS + 1) + level];
}

/* Replace every service's minutes in `s` by the learned ones (the levels
 * that cannot do a service stay 0; job overrides are left alone). `l` must
 * come from a shop with the same services. Returns how many (service, level)
 * figures changed. Copy the shop first (bp_shop_copy) to keep the original;
 * bp_learn_copy does both. */
int bp_learn_apply(struct bp_shop *s, const struct bp_learned *l);
/* dst = a copy of src with learned minutes; BP_EINTERNAL when out of memory. */
int bp_learn_copy(struct bp_shop *dst, const struct bp_shop *src, const struct bp_learned *l,
		  struct bp_err *err);

/* The q-quantile of v[0..n-1] (sorts v), linear between order statistics;
 * 0 when n == 0. */
double bp_quantile(double *v, int n, double q);

#endif
