/*
 * cmd_util.h - what several subcommands do the same way, in one place: read
 * a date, a time, a quantity or a WHEN; open the store and load the shop;
 * the write transaction of the day-to-day commands (the shop loaded inside
 * it, so what a command checks is what it changes, and a refusal leaves
 * nothing behind); learned durations; solver progress; signals.
 */
#ifndef BP_CMD_UTIL_H
#define BP_CMD_UTIL_H

#include <stddef.h>

#include "io/cli.h"
#include "io/store.h"
#include "model/shop.h"

/* "--date 2026-11-24" -> day; BP_EUSAGE with a sentence when not a date. */
int bp_opt_date(const char *opt, const char *val, int *day, struct bp_err *err);
/* "--now 13:30" -> minutes; BP_EUSAGE when not a time. */
int bp_opt_time(const char *opt, const char *val, int *minutes, struct bp_err *err);

/* Open ctx->db_path (it must exist) and load its shop into s (initialised
 * here). On failure nothing is left open. */
int bp_open_shop(struct bp_ctx *ctx, struct bp_store **st, struct bp_shop *s);

/* Writes the rows that belong to a run (schedule, reorder, windows ...). */
typedef int (*bp_run_rows_fn)(struct bp_store *st, long long run_id, void *arg,
			      struct bp_err *err);
/* One BEGIN IMMEDIATE transaction: the runs row (run->id is filled), then
 * rows(run_id, arg); all or nothing. */
int bp_save_run(struct bp_store *st, struct bp_run *run, bp_run_rows_fn rows, void *arg,
		struct bp_err *err);

/* Learned durations (from the shop's actuals) replace its standard minutes
 * in s unless !want, as plan and whatif do; a progress line says which.
 * name_slow: also learn when !want, and name the technicians who run
 * clearly slower than their peers (a training signal). Returns 1 when the
 * learned durations are in s. */
int bp_use_learned(struct bp_ctx *ctx, const char *cmd, struct bp_shop *s, int want,
		   int name_slow);

/* Progress of a solve on stderr, at most about once a second (it is the
 * solver that paces the calls); arg is the bp_ctx. */
void bp_report_progress(void *arg, double incumbent, double bound, double gap,
			double seconds);

/* SIGINT and SIGTERM during a solve stop the search, not the process: the
 * solver ends with its best plan, which the command stores (status
 * interrupted) before it exits 128 + the signal. bp_stop_catch installs the
 * handlers (a second signal of the same kind ends the process as usual),
 * bp_stop_release puts the defaults back; bp_stop_signal says which signal
 * came, 0 for none. */
void bp_stop_catch(void);
void bp_stop_release(void);
int bp_stop_signal(void);
/* The sentence and exit status for a solve stopped by signal `sig`. */
int bp_stop_err(struct bp_err *err, int sig, const char *what);

/* ---- the day-to-day commands' write transaction (job, roster, shop, parts) ---- */

/* Open ctx->db_path (it must exist), BEGIN IMMEDIATE, load the shop into s
 * (initialised here). On failure nothing is left open. */
int bp_write_open(struct bp_ctx *ctx, struct bp_store **st, struct bp_shop *s);
/* Commit when rc is BP_OK (the commit's failure is then the result), else
 * roll back; the store stays open. */
int bp_write_end(struct bp_ctx *ctx, struct bp_store *st, int rc);
/* Close the store and free the shop (after bp_write_end). */
void bp_write_close(struct bp_store *st, struct bp_shop *s);

/* A quantity argument: a whole number (BP_EUSAGE naming `what` when not). */
int bp_arg_int(const char *what, const char *val, long long *out, struct bp_err *err);
/* WHEN: YYYY-MM-DDTHH:MM, or HH:MM on `day` (-1: today, local time), as a
 * day and a clock minute; NULL is the local time now. BP_EUSAGE naming --opt
 * when it is neither. */
int bp_arg_when_at(const char *opt, const char *val, int day, int *d, int *m,
		   struct bp_err *err);
/* The same into YYYY-MM-DDTHH:MM in buf (17+ bytes); NULL is refused. */
int bp_arg_when(const char *opt, const char *val, int day, char *buf, size_t n,
		struct bp_err *err);
/* Today (local time) as days since the epoch. */
int bp_today(void);

#endif
