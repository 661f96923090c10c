/*
 * records.h - a record as a JSON text, for the events log's before/after
 * columns and for 'job list --format json'. Each returns a malloc'd string
 * the caller frees, or NULL when out of memory.
 */
#ifndef BP_RECORDS_H
#define BP_RECORDS_H

#include "model/shop.h"

/* A booking with its status: id, date, service, tier, window or arrival,
 * promised, waiting, minutes, technician, parts, status, started, finished,
 * started_by, bay, carried_from. */
char *bp_job_json(const struct bp_shop *s, const struct bp_job *j);

/* Builds a flat JSON object from key/value pairs: kinds 's' (const char *,
 * NULL = null) and 'i' (long long), e.g.
 * bp_flat_json("si", "sku", sku, "on_hand", (long long)n). */
char *bp_flat_json(const char *kinds, ...);

#endif
