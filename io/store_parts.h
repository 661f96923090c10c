/*
 * store_parts.h - the store's side of 'bayplan parts': the stock balance
 * (parts.on_hand) and the on-order book (part_orders), and the reorder
 * list that 'parts order' places. Writes go inside the caller's
 * BEGIN IMMEDIATE transaction.
 */
#ifndef BP_STORE_PARTS_H
#define BP_STORE_PARTS_H

#include "io/store.h"

/* One part_orders row; open quantity = qty - received. */
struct bp_order_line {
	long long id;
	char sku[BP_ID_LEN];
	int qty, received;
	char arrives[20];              /* YYYY-MM-DDTHH:MM */
	char ordered_at[20];           /* YYYY-MM-DDTHH:MM, "" when not known */
	long long run_id;              /* the reorder run it came from; 0 = none */
	char source[12];               /* import | reorder | manual */
	char *jobs;                    /* comma-separated job ids (malloc'd), NULL = none */
};

void bp_order_lines_free(struct bp_order_line *l, int n);

/* parts.on_hand of `sku` := on_hand. BP_EDATA when the store has no such part. */
int bp_store_set_on_hand(struct bp_store *st, const char *sku, int on_hand,
			 struct bp_err *err);

/* The open lines of `sku` (qty > received), earliest arrival first (then
 * the order they were placed in); *out malloc'd, free with
 * bp_order_lines_free. */
int bp_store_open_orders(struct bp_store *st, const char *sku, struct bp_order_line **out,
			 int *n, struct bp_err *err);
/* part_orders row id: received := received. */
int bp_store_set_received(struct bp_store *st, long long id, int received, struct bp_err *err);
/* A new part_orders row from l (id ignored, then filled). */
int bp_store_add_order(struct bp_store *st, struct bp_order_line *l, struct bp_err *err);

/* The live reorder run to place: `want` itself (0 = the latest run of kind
 * 'reorder' with scenario ''). BP_EDATA with a sentence when there is no
 * such run, or when `want` is another kind of run or a what-if's. */
int bp_store_find_reorder_run(struct bp_store *st, long long want, long long *run_id,
			      struct bp_err *err);
/* The reorder rows of run_id with qty > 0 as order lines (source 'reorder',
 * received 0, ordered_at ""), in the run's order. A row without an
 * arrival is BP_EDATA naming it. */
int bp_store_reorder_orders(struct bp_store *st, long long run_id, struct bp_order_line **out,
			    int *n, struct bp_err *err);
/* How many part_orders rows came from run_id. */
int bp_store_run_ordered(struct bp_store *st, long long run_id, int *lines, struct bp_err *err);

#endif
