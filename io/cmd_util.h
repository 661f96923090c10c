/*
 * cmd_util.h - what several subcommands do the same way: read a date or a
 * time option, open the store and load the shop, report solver progress.
 */
#ifndef BP_CMD_UTIL_H
#define BP_CMD_UTIL_H

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

#endif
