/*
 * safety.h - safety stock from a part's service level and its forecast
 * error over the time one order must last: ss = z(service level) x sigma per
 * day x sqrt(lead time + review period in days), unless the part fixes its
 * own safety stock.
 */
#ifndef BP_SAFETY_H
#define BP_SAFETY_H

#include "model/shop.h"
#include "forecast.h"

/* Inverse of the standard normal CDF (Acklam's rational approximation with
 * one Halley refinement step): z such that P(Z <= z) = p. p is clamped into
 * [1e-12, 1 - 1e-12]. */
double bp_safety_z(double p);

/* Lead time of a supply class in working days. A lead shorter than a day
 * runs in opening hours (4 h of a 10.5 h day is 0.38 days); a longer one is
 * counted in calendar days (48 h is 2 days). */
double bp_safety_lead_days(const struct bp_shop *s, enum bp_supply c);

/* The reorder list is drawn up once a day: an order placed now is the last
 * one to arrive until the next list's orders do, a review period plus a
 * lead time later. */
#define BP_SAFETY_REVIEW_DAYS 1.0

/* Days of demand the safety stock protects: lead time + review period. */
double bp_safety_cover_days(const struct bp_shop *s, enum bp_supply c);

/* Service level of part p: its own when in (0,1), else the policy's. */
double bp_safety_service_level(const struct bp_shop *s, const struct bp_part *p);

/* Safety stock of part p in units given its forecast error per day; the
 * part's fixed safety_stock when >= 0. Never negative. */
double bp_safety_stock(const struct bp_shop *s, const struct bp_part *p, double sigma_day);

/* What `service_level` means: the fill rate, the share of the units asked
 * for over the counter or by unbooked work that stock serves at once
 * (booked jobs' parts are ordered for them and do not count). Safety stock
 * is what the order-up-to level reaching it holds above the mean demand
 * over lead + review: S* - E[D(L + R)], negative when a fill below one
 * needs less than the mean (a smooth part at 90 %).
 *
 * The demand over lead + review is the part's own distribution (ltd.h):
 * each day 0 or one of the non-zero daily quantities of its history, on a
 * share q of the days such that the mean is the forecast (rate x the
 * weekday's profile / the mean size); the days from `date` on. Orders come
 * in packs and minimums, so the stock after ordering spreads over a batch
 * (the larger of the two) and the fill is its mean over it. When the
 * history has no sizes, or the forecast needs more than a sale a day of
 * the sizes seen, or the support is too wide: the normal approximation
 * for a fill rate (bp_safety_fill_normal). The part's own safety_stock
 * wins when >= 0. BP_OK, or BP_EINTERNAL when out of memory. */
int bp_safety_fill(const struct bp_shop *s, const struct bp_part *p, const struct bp_forecast *f,
		   const int *size, const int *count, int nsizes, int date, double *ss);

/* Each part's safety stock, the levels pooled: `service_level` is the fill
 * rate promised over the units of all the parts of one demand class that
 * ask the same level (what a parts counter's fill rate counts), not part by
 * part. Within such a pool the order-up-to levels are the cheapest in stock
 * value that reach it: each part's level S where one more unit would save
 * fewer units short than its price is worth at the pool's rate lambda
 * (Lagrangian), lambda the least that meets the pool's fill. So a cheap
 * part holds more than its level asks and a dear lumpy one less, but never
 * below 1 - BP_SAFETY_POOL_FLOOR x (1 - level) on its own. Parts with a
 * fixed safety stock, and those bp_safety_fill leaves to the normal
 * approximation, are not pooled. ss has s->nparts entries; sizes as
 * bp_forecast_shop gives them. BP_OK, or BP_EINTERNAL when out of memory. */
#define BP_SAFETY_POOL_FLOOR 4.0
int bp_safety_pooled(const struct bp_shop *s, const struct bp_forecast *fc,
		     const struct bp_fc_sizes *z, int date, double *ss);
/* The same within a time limit: from bp_clock() = deadline on (0: none),
 * the parts not yet done get the normal approximation, which costs
 * nothing, so a list cut by the limit still has a safety stock for every
 * part. *cut is set when that happened. */
int bp_safety_pooled_by(const struct bp_shop *s, const struct bp_forecast *fc,
			const struct bp_fc_sizes *z, int date, double deadline, double *ss,
			int *cut);

/* The normal approximation for a fill rate: k with sigma_T x G(k) = (1 -
 * fill) x rate x review, sigma_T = sigma x sqrt(lead + review), G the
 * standard normal loss; ss = k x sigma_T (negative when k is). */
double bp_safety_fill_normal(const struct bp_shop *s, const struct bp_part *p, double rate,
			     double sigma_day);

/* Orders of part p move its stock in steps of this: the pack, or the
 * minimum order rounded up to packs when that is more. */
int bp_safety_batch(const struct bp_part *p);

#endif
