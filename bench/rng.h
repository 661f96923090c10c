/*
 * rng.h - the benches' random numbers: splitmix64, one independent stream
 * per (seed, tag), so that what one generator draws for one purpose does not
 * move what it draws for another (asking for history does not change the
 * bookings; a part's demand does not depend on the parts before it).
 */
#ifndef BP_BENCH_RNG_H
#define BP_BENCH_RNG_H

#include <stdint.h>

struct rng {
	uint64_t s;
};

static inline uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline struct rng rng_stream(uint64_t seed, uint64_t tag)
{
	struct rng r = {seed};
	r.s = rng_next(&r) ^ (tag * 0xd1342543de82ef95ULL);
	rng_next(&r);
	return r;
}

/* Uniform on [0, 1). */
static inline double rng_u01(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

#endif
