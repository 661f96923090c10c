/*
 * csv_history.h - the history CSVs a shop file names: part demand
 * (date,sku,qty) and job actuals. The header row names the columns (any
 * order, unknown columns refused by name); errors carry file:line:col.
 */
#ifndef BP_CSV_HISTORY_H
#define BP_CSV_HISTORY_H

#include <stddef.h>

#include "model/err.h"
#include "model/shop.h"

#define BP_CSV_MAX_BYTES (64u << 20)   /* 64 MiB of history */

/* Append the file's rows to s's demand (actuals), checked against s's parts
 * (technicians, services, windows, bookings). */
int bp_csv_read_demand(const char *path, struct bp_shop *s, struct bp_err *err);
int bp_csv_read_actuals(const char *path, struct bp_shop *s, struct bp_err *err);
/* The same from a buffer; `name` is used in messages. */
int bp_csv_parse_demand(const char *buf, size_t len, const char *name, struct bp_shop *s,
			struct bp_err *err);
int bp_csv_parse_actuals(const char *buf, size_t len, const char *name, struct bp_shop *s,
			 struct bp_err *err);

#endif
