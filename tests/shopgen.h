/*
 * shopgen.h - small random shops built in code for property tests of the
 * solvers (the benchmark generator in bench/ writes realistic YAML instead).
 */
#ifndef BP_SHOPGEN_H
#define BP_SHOPGEN_H

#include "model/shop.h"

struct bp_shopgen {
	unsigned long long seed;
	int jobs, techs, bays;
	int breaks;          /* technicians take breaks */
	int closed;          /* some bays close for an hour */
	int requests;        /* some jobs ask for a technician */
	int short_parts;     /* stock short: deliveries, JIT and rare parts */
	int desk;            /* few advisors, loan cars, handover and a wash bay, a
				job longer than a day; 0: advisors enough for anyone */
};

/* A shop with skills maintenance/brakes/ev, bay types general/ev (ev also
 * general), services of each, and jobs on `date`. */
void bp_shopgen_build(const struct bp_shopgen *g, int date, struct bp_shop *s);
/* The fixed date tests plan: 2026-11-24. */
int bp_shopgen_date(void);

#endif
