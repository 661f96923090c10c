/*
 * csv_bookings.h - the bookings CSV of 'import --bookings', a DMS export.
 */
#ifndef BP_CSV_BOOKINGS_H
#define BP_CSV_BOOKINGS_H

#include <stddef.h>

#include "io/csv_history.h"
#include "model/err.h"
#include "model/shop.h"

/* The bookings CSV of 'import --bookings' (columns id, date, service, tier,
 * window or arrival, promised, waiting, technician, minutes; only id is
 * required; an empty cell is not given): each row becomes a job appended to
 * `out`, whose master data are base's. A row whose id `base` holds starts
 * from that booking; a new one needs a date and a service. Jobs carry the
 * row's line as their position, for the validator's messages. */
int bp_csv_read_bookings(const char *path, const struct bp_shop *base, struct bp_shop *out,
			 struct bp_err *err);
int bp_csv_parse_bookings(const char *buf, size_t len, const char *name,
			  const struct bp_shop *base, struct bp_shop *out, struct bp_err *err);

#endif
