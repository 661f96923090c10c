/*
 * lumpy.c - generated intermittent and lumpy spare-part demand (lumpy.h).
 */
#include "lumpy.h"

#include "bench/rng.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static double uniform(struct rng *r, double lo, double hi)
{
	return lo + (hi - lo) * rng_u01(r);
}

static int poisson(struct rng *r, double mean)
{
	double l = exp(-mean), p = rng_u01(r);
	int k = 0;
	while (p > l && k < 10000) {
		p *= rng_u01(r);
		k++;
	}
	return k;
}

/* Gamma(shape, 1) by Marsaglia-Tsang (shape < 1 boosted). */
static double gamma1(struct rng *r, double shape)
{
	if (shape < 1)
		return gamma1(r, shape + 1) * pow(rng_u01(r) + 1e-300, 1 / shape);
	double d = shape - 1.0 / 3, c = 1 / sqrt(9 * d);
	for (;;) {
		double u1 = 1 - rng_u01(r), u2 = rng_u01(r);
		double x = sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2);
		double v = 1 + c * x;
		if (v <= 0)
			continue;
		v = v * v * v;
		double u = rng_u01(r);
		if (log(u + 1e-300) < 0.5 * x * x + d - d * v + d * log(v))
			return d * v;
	}
}

/* Negative binomial of this mean and shape (variance mean + mean^2/shape):
 * a gamma-mixed Poisson. */
static int negbin(struct rng *r, double mean, double shape)
{
	return poisson(r, gamma1(r, shape) * mean / shape);
}

void lumpy_opts_init(struct lumpy_opts *o)
{
	memset(o, 0, sizeof *o);
	o->parts = 150;
	o->lumpy_share = 1.0 / 3;
	o->rare_share = 1.0 / 3;
	o->level = 0.95;
	o->days = 365;
	o->seed = 1;
}

struct kind {
	double adi, size;      /* mean interval and mean size */
	double shape;          /* lumpy: negative binomial shape of size - 1 */
	double big;            /* lumpy: share of demand days with a large order */
	int lumpy;
};

static void draw_kind(struct rng *r, int lumpy, struct kind *k)
{
	k->lumpy = lumpy;
	k->adi = uniform(r, 1.3, 2.2);
	if (lumpy) {
		k->size = uniform(r, 2, 6);
		k->shape = uniform(r, 1.2, 3.5);
		k->big = uniform(r, 0.01, 0.03);
	} else {
		k->size = uniform(r, 1.3, 4);
	}
}

static int draw_size(struct rng *r, const struct kind *k)
{
	if (!k->lumpy)
		return 1 + poisson(r, k->size - 1);
	int q = 1 + negbin(r, k->size - 1, k->shape);
	if (rng_u01(r) < k->big)   /* a fleet or body-shop order */
		q = (int)ceil(q * uniform(r, 3, 8));
	return q;
}

static int add_parts(struct bp_shop *s, const struct lumpy_opts *o)
{
	int nl = (int)lround(o->parts * o->lumpy_share);
	for (int i = 0; i < o->parts; i++) {
		struct rng r = rng_stream(o->seed, (uint64_t)i + 1);
		int lumpy = i < nl;
		struct kind k;
		draw_kind(&r, lumpy, &k);
		struct bp_part *p = bp_shop_add_part(s);
		if (!p)
			return -1;
		memset(p, 0, sizeof *p);
		snprintf(p->sku, sizeof p->sku, "GEN-%c-%05d", lumpy ? 'L' : 'I', i + 1);
		snprintf(p->name, sizeof p->name, "Generated %s part %d",
			 lumpy ? "lumpy" : "intermittent", i + 1);
		p->supply = rng_u01(&r) < o->rare_share ? BP_SUPPLY_RARE : BP_SUPPLY_COMMON;
		p->unit_cost = round(exp(uniform(&r, log(5), log(400))) * 100) / 100;
		double u = rng_u01(&r);
		p->pack = u < 0.8 ? 1 : u < 0.93 ? 2 : 5;
		p->min_order = 0;
		p->service_level = o->level > 0 ? o->level : round(uniform(&r, 0.90, 0.98) * 100) / 100;
		p->safety_stock = -1;
		p->on_hand = (int)ceil(3 * k.size / k.adi);
		int idx = s->nparts - 1;
		for (int d = 0; d < o->days; d++) {
			if (rng_u01(&r) >= 1 / k.adi)
				continue;
			struct bp_demand_row *row = bp_shop_add_demand(s);
			if (!row)
				return -1;
			*row = (struct bp_demand_row){o->first_day + d, idx, draw_size(&r, &k)};
		}
	}
	return 0;
}

int lumpy_generate(struct bp_shop *s, const struct lumpy_opts *o)
{
	s->nparts = 0;
	s->ndemand = 0;
	s->njobs = 0;
	for (int i = 0; i < s->nservices; i++)
		s->services[i].nparts = 0;
	return add_parts(s, o);
}

int lumpy_add(struct bp_shop *s, const struct lumpy_opts *o)
{
	return add_parts(s, o);
}
