/*
 * lumpy.h - spare parts with demand like a dealer's slow movers, for the
 * replay and the scale bench: each part a compound process, demand on a
 * share 1/ADI of the days (ADI 1.3-2.2), sizes 1 + Poisson (intermittent,
 * CV^2 of sizes under 0.49) or 1 + negative binomial with now and then a
 * single order 3-8 times the usual (lumpy, CV^2 about 0.5-1.5), as real
 * car-part sets show them. Deterministic for a seed (splitmix64).
 */
#ifndef BP_BENCH_LUMPY_H
#define BP_BENCH_LUMPY_H

#include <stdint.h>

#include "model/shop.h"

struct lumpy_opts {
	int parts;            /* how many */
	double lumpy_share;   /* of them lumpy (1/3), the rest intermittent */
	double rare_share;    /* of them rare, 48 h (1/3) */
	double level;         /* service level of every part; <= 0: 0.90-0.98 */
	int first_day, days;  /* the history: first_day .. first_day + days - 1 */
	uint64_t seed;
};

void lumpy_opts_init(struct lumpy_opts *o);

/* Replace the shop's parts and demand history with generated ones (the
 * services lose their parts lists, so no booking can name the old ones).
 * Returns 0, or -1 when out of memory. */
int lumpy_generate(struct bp_shop *s, const struct lumpy_opts *o);

/* Add n generated parts (with history) after the shop's own, skus
 * "GEN-....": the scale bench's catalogue. 0 or -1. */
int lumpy_add(struct bp_shop *s, const struct lumpy_opts *o);

#endif
