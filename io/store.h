/*
 * store.h - the SQLite store: input tables (the shop), output tables (the
 * contract in DESIGN.md) and runs. <sqlite3.h> is included in io/store*.c
 * only. Every write goes through one BEGIN IMMEDIATE transaction per command.
 */
#ifndef BP_STORE_H
#define BP_STORE_H

#include "model/err.h"
#include "model/plan.h"
#include "model/shop.h"

#define BP_STORE_SCHEMA 1          /* PRAGMA user_version written by this binary */
#define BP_STORE_APP_ID 0x42617950 /* "BayP", PRAGMA application_id */

struct bp_store;

/* Open (creating the file and schema when `create`), migrate forward, set
 * WAL, synchronous=FULL, foreign_keys=ON, busy_timeout. A newer schema is
 * BP_ESCHEMA; a file that is not a bayplan store is BP_EDATA; a busy store
 * BP_EBUSY; a missing file without `create` BP_ENOINPUT. */
int bp_store_open(const char *path, int create, struct bp_store **out, struct bp_err *err);
void bp_store_close(struct bp_store *st);
int bp_store_schema_version(struct bp_store *st);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. Rollback failure closes the handle
 * (the next call reports it). Busy is BP_EBUSY. */
int bp_store_begin(struct bp_store *st, struct bp_err *err);
int bp_store_commit(struct bp_store *st, struct bp_err *err);
void bp_store_rollback(struct bp_store *st);

/* Replace the whole shop (inside the caller's transaction). */
int bp_store_save_shop(struct bp_store *st, const struct bp_shop *s, struct bp_err *err);
/* Load the shop; BP_EDATA "the store holds no shop; run 'bayplan import'"
 * when empty. `s` must be bp_shop_init'ed; it is filled. */
int bp_store_load_shop(struct bp_store *st, struct bp_shop *s, struct bp_err *err);

/* Insert a runs row (created_at is set here); run->id is filled. */
int bp_store_add_run(struct bp_store *st, struct bp_run *run, struct bp_err *err);
/* schedule and unscheduled rows for run_id. */
int bp_store_save_plan(struct bp_store *st, long long run_id, const struct bp_shop *s,
		       const struct bp_plan *p, struct bp_err *err);
/* The latest schedule run for `date` (kind = "schedule", scenario = "" unless
 * scenario given) back into a plan; BP_EDATA with a sentence when there is
 * none. `p` is filled (bp_plan_init'ed by the caller), `run` too if not NULL. */
int bp_store_load_plan(struct bp_store *st, const struct bp_shop *s, int date,
		       const char *kind, struct bp_plan *p, struct bp_run *run,
		       struct bp_err *err);

#endif
