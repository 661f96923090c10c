/*
 * store_reorder.h - the store's side of 'bayplan reorder': the reorder
 * rows of a run (a contract table, doc/store.md). Writes go inside the
 * caller's BEGIN IMMEDIATE transaction.
 */
#ifndef BP_STORE_REORDER_H
#define BP_STORE_REORDER_H

#include "io/store.h"
#include "model/reorder.h"

/* Replace the reorder rows of run_id by r's lines: sku, qty, order_by and
 * arrives as YYYY-MM-DDTHH:MM, reason job | safety_stock | rare_ahead, jobs
 * as comma-separated job ids, cost (qty x unit cost). A line naming a part
 * or job that s does not have is BP_EINTERNAL; the caller rolls back. */
int bp_store_save_reorder(struct bp_store *st, long long run_id, const struct bp_shop *s,
			  const struct bp_reorder *r, struct bp_err *err);

/* The orders of the latest reorder run for `date` that arrive on that date,
 * as lines for people ("FLT-OIL-01 x 20: order by 07:30, arrives 11:30;
 * for RO-1001, RO-1002"), in order of arrival. None (n = 0) when there is no
 * reorder run for the date. Free with bp_store_free_lines. */
int bp_store_reorder_lines(struct bp_store *st, int date, char ***lines, int *n,
			   struct bp_err *err);
void bp_store_free_lines(char **lines, int n);

#endif
