/*
 * util.c - bp-faults' shared helpers (see faults.h): result lines, a PRNG,
 * running the CLI, and the independent checks of a store after a fault.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, putenv */
#include "faults.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "io/cmd_util.h"
#include "io/store.h"
#include "model/timeutil.h"

void fx_pass(struct fx *f, const char *fmt, ...)
{
	(void)f;
	va_list ap;
	va_start(ap, fmt);
	printf("PASS ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	fflush(stdout);
}

void fx_fail(struct fx *f, const char *fmt, ...)
{
	f->fails++;
	va_list ap;
	va_start(ap, fmt);
	printf("FAIL ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	fflush(stdout);
}

void fx_figure(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("FIGURE ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	fflush(stdout);
}

uint64_t fx_rand(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

double fx_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int fx_run(struct fx *f, const char *env, char *const argv[], double *ms)
{
	char out[1200], err[1200];
	snprintf(out, sizeof out, "%s/out", f->dir);
	snprintf(err, sizeof err, "%s/err", f->dir);
	fflush(stdout);
	double t0 = fx_now();
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (o < 0 || e < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0)
			_exit(127);
		if (env)
			putenv((char *)env);
		execv(argv[0], argv);
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	if (ms)
		*ms = (fx_now() - t0) * 1000;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

const char *fx_stderr(struct fx *f)
{
	static char buf[301];
	char path[1200];
	snprintf(path, sizeof path, "%s/err", f->dir);
	buf[0] = 0;
	FILE *fp = fopen(path, "r");
	if (fp) {
		size_t n = fread(buf, 1, sizeof buf - 1, fp);
		buf[n] = 0;
		while (n && buf[n - 1] == '\n')
			buf[--n] = 0;
		fclose(fp);
	}
	return buf;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

#define FNV0 0xcbf29ce484222325ULL

static sqlite3 *open_db(const char *db)
{
	sqlite3 *h = NULL;
	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		sqlite3_close(h);
		return NULL;
	}
	sqlite3_busy_timeout(h, 5000);
	return h;
}

/* Every row of a query into the hash; -1 when it fails. */
static int hash_rows(sqlite3 *h, const char *sql, long long arg, uint64_t *acc)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(h, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (arg >= 0)
		sqlite3_bind_int64(s, 1, arg);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (int c = 0; c < sqlite3_column_count(s); c++) {
			int t = sqlite3_column_type(s, c);
			const unsigned char *v = sqlite3_column_text(s, c);
			*acc = fnv(*acc, &t, sizeof t);
			if (v)
				*acc = fnv(*acc, v, strlen((const char *)v) + 1);
		}
		*acc = fnv(*acc, "\n", 1);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int fx_store_sound(const char *db, char *why, size_t n)
{
	sqlite3 *h = open_db(db);
	if (!h) {
		snprintf(why, n, "cannot open %s", db);
		return -1;
	}
	sqlite3_stmt *s;
	int bad = 0;
	if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK) {
		snprintf(why, n, "integrity_check: %s", sqlite3_errmsg(h));
		bad = 1;
	} else {
		int rc = sqlite3_step(s);
		const char *v = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
		if (!v || strcmp(v, "ok") != 0) {
			snprintf(why, n, "integrity_check: %s", v ? v : sqlite3_errmsg(h));
			bad = 1;
		}
		sqlite3_finalize(s);
	}
	if (!bad && sqlite3_prepare_v2(h, "PRAGMA foreign_key_check", -1, &s, NULL) == SQLITE_OK) {
		int rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			snprintf(why, n, "foreign_key_check: table %s row %lld",
				 sqlite3_column_text(s, 0), sqlite3_column_int64(s, 1));
			bad = 1;
		} else if (rc != SQLITE_DONE) {
			snprintf(why, n, "foreign_key_check: %s", sqlite3_errmsg(h));
			bad = 1;
		}
		sqlite3_finalize(s);
	} else if (!bad) {
		snprintf(why, n, "foreign_key_check: %s", sqlite3_errmsg(h));
		bad = 1;
	}
	sqlite3_close(h);
	return bad ? -1 : 0;
}

uint64_t fx_latest_plan(const char *db, int date)
{
	sqlite3 *h = open_db(db);
	if (!h)
		return 0;
	char day[12];
	uint64_t acc = FNV0;
	long long id = -1;
	sqlite3_stmt *s;
	bp_date_format(date, day, sizeof day);
	/* A read transaction: the run and its rows from one snapshot. */
	sqlite3_exec(h, "BEGIN", NULL, NULL, NULL);
	if (sqlite3_prepare_v2(h, "SELECT id FROM runs WHERE kind = 'schedule' AND date = ? "
			       "AND scenario = '' ORDER BY id DESC LIMIT 1", -1, &s, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_text(s, 1, day, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(s) == SQLITE_ROW)
			id = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	if (id < 0 ||
	    hash_rows(h, "SELECT job_id, technician_id, bay_id, start, \"end\" FROM schedule "
			 "WHERE run_id = ? ORDER BY rowid", id, &acc) ||
	    hash_rows(h, "SELECT job_id, reason, detail, earliest_date FROM unscheduled "
			 "WHERE run_id = ? ORDER BY rowid", id, &acc))
		acc = 0;
	sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(h);
	return acc;
}

uint64_t fx_store_digest(const char *db)
{
	sqlite3 *h = open_db(db);
	if (!h)
		return 0;
	uint64_t acc = FNV0;
	sqlite3_stmt *s;
	sqlite3_exec(h, "BEGIN", NULL, NULL, NULL);
	if (sqlite3_prepare_v2(h, "SELECT name FROM sqlite_master WHERE type = 'table' "
			       "ORDER BY name", -1, &s, NULL) != SQLITE_OK) {
		sqlite3_close(h);
		return 0;
	}
	while (acc && sqlite3_step(s) == SQLITE_ROW) {
		char sql[200];
		const char *t = (const char *)sqlite3_column_text(s, 0);
		snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" ORDER BY rowid", t);
		acc = fnv(acc, t, strlen(t) + 1);
		if (hash_rows(h, sql, -1, &acc))
			acc = 0;
	}
	sqlite3_finalize(s);
	sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(h);
	return acc;
}

int fx_copy_file(const char *from, const char *to)
{
	FILE *a = fopen(from, "rb"), *b = fopen(to, "wb");
	char buf[65536];
	size_t n;
	int rc = a && b ? 0 : -1;
	while (!rc && (n = fread(buf, 1, sizeof buf, a)) > 0)
		if (fwrite(buf, 1, n, b) != n)
			rc = -1;
	if (a)
		fclose(a);
	if (b && fclose(b))
		rc = -1;
	return rc;
}

uint64_t fx_file_digest(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return 0;
	uint64_t acc = FNV0;
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		acc = fnv(acc, buf, n);
	fclose(fp);
	return acc;
}

long fx_runs(const char *db)
{
	sqlite3 *h = open_db(db);
	if (!h)
		return -1;
	long n = -1;
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(h, "SELECT count(*) FROM runs", -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			n = (long)sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	sqlite3_close(h);
	return n;
}

struct rows {
	const struct bp_shop *shop;
	const struct bp_plan *plan;
};

static int save_rows(struct bp_store *st, long long run_id, void *arg, struct bp_err *err)
{
	const struct rows *r = arg;
	return bp_store_save_plan(st, run_id, r->shop, r->plan, err);
}

int fx_save_plan(struct fx *f, struct bp_store *st, const struct bp_plan *p, struct bp_err *err)
{
	struct bp_run run;
	struct rows r = {&f->shop_data, p};
	bp_run_set(&run, "schedule", f->date, p->status, p->objective, p->bound, p->gap,
		   p->solve_ms);
	return bp_save_run(st, &run, save_rows, &r, err);
}

int fx_write_plan(struct fx *f, int k, char *msg, size_t n)
{
	struct bp_store *st;
	struct bp_err err;
	bp_err_clear(&err);
	int rc = bp_store_open(f->db, 0, &st, &err);
	if (!rc) {
		rc = fx_save_plan(f, st, &f->plan[k], &err);
		bp_store_close(st);
	}
	if (msg)
		snprintf(msg, n, "%s", rc ? err.msg : "");
	return rc;
}

int fx_check(struct fx *f, int *which, char *why, size_t n)
{
	if (fx_store_sound(f->db, why, n))
		return -1;
	uint64_t d = fx_latest_plan(f->db, f->date);
	for (int k = 0; k < 2; k++)
		if (d == f->digest[k]) {
			*which = k;
			return 0;
		}
	snprintf(why, n, "the latest plan is neither A nor B (digest %016llx)",
		 (unsigned long long)d);
	return -1;
}
