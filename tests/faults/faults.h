/*
 * faults.h - what the modes of bp-faults (tests/faults/) share: the run's
 * settings, the two plans the writers alternate, PASS/FAIL lines, running
 * the bayplan binary, and the checks made on a store after every fault.
 * The checks read the file with SQLite directly, apart from io/store.c, so
 * that they do not trust the code they test.
 */
#ifndef BP_FAULTS_H
#define BP_FAULTS_H

#include <stdint.h>

#include "model/err.h"
#include "model/plan.h"
#include "model/shop.h"

struct bp_store;

struct fx {
	const char *bayplan;   /* the binary, for the CLI cases */
	const char *gen;       /* bp-gen, for the large day */
	const char *shop;      /* the demo shop file */
	const char *dir;       /* scratch folder (created) */
	char db[1024];         /* the demo store, with plan A as the latest */
	int date;
	uint64_t seed;
	int count;             /* kills */
	int step;              /* OOM sweep: every step-th allocation */
	int load_step;         /* the same, through the whole command's store work */
	int swaps;             /* replace and hardlink: rounds */
	long from;             /* OOM sweep: the first failure point */
	struct bp_shop shop_data;
	struct bp_plan plan[2];        /* A and B: what the writers alternate */
	uint64_t digest[2];            /* of A's and B's rows as stored */
	int fails;
};

/* One result line, as the e2e tests print them; FAIL counts. */
void fx_pass(struct fx *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void fx_fail(struct fx *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A figure for tests/RELIABILITY.md. */
void fx_figure(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

uint64_t fx_rand(uint64_t *s);
double fx_now(void);

/* Run argv (argv[0] a path) with extra environment `env` ("K=V" or NULL),
 * stdout and stderr to files in f->dir named out/err. Returns the exit
 * code, or 128 + signal; *ms the wall time. */
int fx_run(struct fx *f, const char *env, char *const argv[], double *ms);
/* The first 300 bytes of the last command's stderr. */
const char *fx_stderr(struct fx *f);

/* PRAGMA integrity_check is "ok" and foreign_key_check finds nothing; else
 * -1 with `why`. */
int fx_store_sound(const char *db, char *why, size_t n);
/* FNV-1a of the latest live schedule run's rows for `date` (schedule and
 * unscheduled, by rowid); 0 when there is none or it cannot be read. */
uint64_t fx_latest_plan(const char *db, int date);
/* FNV-1a of every table's rows; of the file's bytes. */
uint64_t fx_store_digest(const char *db);
uint64_t fx_file_digest(const char *path);
/* A byte copy (the -wal is not copied: copy closed stores). 0 or -1. */
int fx_copy_file(const char *from, const char *to);
/* How many runs rows the store has; -1 when it cannot be read. */
long fx_runs(const char *db);

/* Write plan k (0 = A, 1 = B) as `bayplan plan` does: open, one
 * bp_save_run, close. The BP_* status. */
/* Store plan p as the live plan for f's date in st (what `bayplan plan`
 * does after its solve: one run, one transaction). */
int fx_save_plan(struct fx *f, struct bp_store *st, const struct bp_plan *p, struct bp_err *err);
int fx_write_plan(struct fx *f, int k, char *msg, size_t n);
/* The full sound-and-whole check after a fault; 0 when the latest plan is
 * A or B (its index in *which). */
int fx_check(struct fx *f, int *which, char *why, size_t n);

int fx_kill(struct fx *f);
int fx_oom(struct fx *f, int always, int load);
int fx_oom_install(void);
int fx_busy(struct fx *f);
int fx_corrupt(struct fx *f);
int fx_glpk(struct fx *f);
int fx_timelimit(struct fx *f);
int fx_replace(struct fx *f);
int fx_hardlink(struct fx *f);

#endif
