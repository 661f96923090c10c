/*
 * safety.h - safety stock from a part's service level and its forecast
 * error over the time one order must last: ss = z(service level) x sigma per
 * day x sqrt(lead time + review period in days), unless the part fixes its
 * own safety stock.
 */
#ifndef BP_SAFETY_H
#define BP_SAFETY_H

#include "model/shop.h"

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

#endif
