/*
 * store_reorder.h - the store's side of 'bayplan reorder': the reorder
 * rows of a run (the contract table of DESIGN.md). Writes go inside the
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

#endif
