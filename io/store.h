/*
 * store.h - the SQLite store: input tables (the shop), output tables (the
 * contract in doc/store.md) and runs. <sqlite3.h> is included in io/store*.c
 * only. Every write goes through one BEGIN IMMEDIATE transaction per command.
 */
#ifndef BP_STORE_H
#define BP_STORE_H

#include "model/err.h"
#include "model/plan.h"
#include "model/shop.h"

#define BP_STORE_SCHEMA 4          /* PRAGMA user_version written by this binary */
#define BP_STORE_APP_ID 0x42617950 /* "BayP", PRAGMA application_id */

struct bp_store;

/* Open (creating the file when `create`), migrate forward, set WAL,
 * synchronous=FULL, foreign_keys=ON, busy_timeout. An empty file or blank
 * SQLite database becomes a store; anything else without our application_id
 * is BP_EDATA ("x.db is not a bayplan store") and is left untouched, and so
 * is a damaged store (bp_store_check, quick). A newer
 * schema is BP_ESCHEMA; a busy store BP_EBUSY; a missing file without
 * `create` BP_ENOINPUT; out of memory BP_EINTERNAL; other SQLite failures
 * BP_EIO. The busy timeout is
 * 5000 ms, or $BAYPLAN_BUSY_TIMEOUT_MS (BP_EUSAGE when not a number). */
int bp_store_open(const char *path, int create, struct bp_store **out, struct bp_err *err);
void bp_store_close(struct bp_store *st);
/* Is the file whole? PRAGMA quick_check (full = 0; bp_store_open runs it on
 * every existing store), or integrity_check and foreign_key_check (full =
 * 1). BP_EDATA "the store x.db is damaged (...); restore it from a backup"
 * when not; out of memory BP_EINTERNAL; other failures as bp_store_open. */
int bp_store_check(struct bp_store *st, int full, struct bp_err *err);
int bp_store_schema_version(struct bp_store *st);
/* The schema version the file had before this open migrated it: -1 when
 * this open created the store (a missing or empty file), 0 for a blank
 * SQLite database, BP_STORE_SCHEMA when it was up to date. */
int bp_store_found_version(struct bp_store *st);
/* How long to wait for another writer before BP_EBUSY (default 5000 ms, or
 * $BAYPLAN_BUSY_TIMEOUT_MS when set at open). */
void bp_store_busy_timeout(struct bp_store *st, int ms);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. A failed rollback is tried once
 * more, then closes the handle (the next call reports it, BP_EINTERNAL when
 * the rollback ran out of memory, else BP_EIO). Busy is BP_EBUSY. A failed commit rolls back;
 * rollback without an open transaction does nothing. Writes (save_shop,
 * add_run, save_plan) outside a transaction are refused (BP_EINTERNAL). */
int bp_store_begin(struct bp_store *st, struct bp_err *err);
int bp_store_commit(struct bp_store *st, struct bp_err *err);
void bp_store_rollback(struct bp_store *st);

/* Replace the whole shop (inside the caller's transaction). A record the
 * store refuses (a duplicate id, a level outside 1-3, a time that is not a
 * clock time) is BP_EDATA naming the record; the caller then rolls back. */
int bp_store_save_shop(struct bp_store *st, const struct bp_shop *s, struct bp_err *err);
/* The same for a merge ('bayplan import' without --replace): the shop's
 * tables are rewritten from `s`, but job_status, roster, closures and the
 * on-order book are kept; a job new to the store gets a 'booked' status row,
 * and the on_order lines of parts marked in new_part (indexes into s->parts)
 * are added to the on-order book. */
int bp_store_save_shop_keep(struct bp_store *st, const struct bp_shop *s,
			    const unsigned char *new_part, struct bp_err *err);
/* Load the shop (in one read transaction of its own unless the caller has
 * one open); BP_EDATA "the store holds no shop; run 'bayplan import'" when
 * empty, BP_EDATA naming record and field for a row that does not read
 * (a time that is not a time, a policy key this binary does not know).
 * `s` must be bp_shop_init'ed; it is filled, or left empty on error. The
 * store's own actuals follow the history's (s->nstore_actuals of them). */
int bp_store_load_shop(struct bp_store *st, struct bp_shop *s, struct bp_err *err);
/* Does the store hold a shop (has 'bayplan import' run)? */
int bp_store_has_shop(struct bp_store *st, int *has, struct bp_err *err);

/* Insert a runs row (created_at is set here); run->id is filled. */
int bp_store_add_run(struct bp_store *st, struct bp_run *run, struct bp_err *err);
/* schedule and unscheduled rows for run_id (replacing any it had); start
 * and end on the plan's date, minutes past 24:00 on the next date. */
int bp_store_save_plan(struct bp_store *st, long long run_id, const struct bp_shop *s,
		       const struct bp_plan *p, struct bp_err *err);
/* The latest run of `kind` (NULL = "schedule") for `date` with scenario ''
 * back into a plan: assignments and unscheduled jobs as indexes into `s`,
 * status and objective from the runs row, then bp_plan_kpis. BP_EDATA with a
 * sentence when there is no such run, or when a row names a job, technician
 * or bay that `s` no longer has. `p` is filled (bp_plan_init'ed by the
 * caller; left empty on error), `run` too if not NULL. parts_ready is not
 * stored and reads back as -1; learned_durations as 0. */
int bp_store_load_plan(struct bp_store *st, const struct bp_shop *s, int date,
		       const char *kind, struct bp_plan *p, struct bp_run *run,
		       struct bp_err *err);
/* The same for run `run_id` (any date or scenario), or with run_id <= 0 the
 * latest run of `kind` (scenario ''); p->date is the run's date. BP_EDATA
 * when there is no such run, or when it is not of `kind` (NULL =
 * "schedule"). */
int bp_store_load_plan_run(struct bp_store *st, const struct bp_shop *s, long long run_id,
			   const char *kind, struct bp_plan *p, struct bp_run *run,
			   struct bp_err *err);

/* The assignments of the latest schedule run of `date`, for a re-plan's
 * pins: rows naming a job, technician or bay that `s` does not have are
 * left out and counted in *skipped, so one job gone does not lose the
 * others. BP_EDATA when there is no such run. */
int bp_store_load_pins(struct bp_store *st, const struct bp_shop *s, int date,
		       struct bp_plan *p, int *skipped, struct bp_err *err);

#endif
