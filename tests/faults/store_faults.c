/*
 * store_faults.c - bp-faults busy and corrupt. busy: another process holds
 * the write lock; bayplan waits its busy timeout, exits 75 with a message,
 * and the store is unchanged. corrupt: files that are not a bayplan store,
 * or a store with junk pages or cut short, are refused (65) with a message
 * that says so, and left as they were.
 */
#include "faults.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "io/cmd_util.h"
#include "io/store.h"

#define BUSY_MS 1500

/* A child that takes the write lock and keeps it until `release` closes. */
static pid_t hold_lock(struct fx *f, int *release)
{
	int ready[2], rel[2];
	if (pipe(ready) || pipe(rel))
		return -1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(ready[0]);
		close(rel[1]);
		sqlite3 *h;
		char c = 'x';
		if (sqlite3_open_v2(f->db, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
		    sqlite3_exec(h, "BEGIN IMMEDIATE; INSERT INTO skills VALUES ('held')", NULL,
				 NULL, NULL) != SQLITE_OK)
			c = 'e';
		if (write(ready[1], &c, 1) != 1)
			_exit(1);
		while (read(rel[0], &c, 1) > 0)
			;
		sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(h);
		_exit(0);
	}
	close(ready[1]);
	close(rel[0]);
	char c = 0;
	if (pid < 0 || read(ready[0], &c, 1) != 1 || c != 'x') {
		close(rel[1]);
		if (pid > 0)
			waitpid(pid, NULL, 0);
		close(ready[0]);
		return -1;
	}
	close(ready[0]);
	*release = rel[1];
	return pid;
}

int fx_busy(struct fx *f)
{
	uint64_t before = fx_store_digest(f->db);
	int release;
	pid_t holder = hold_lock(f, &release);
	if (holder < 0) {
		fx_fail(f, "busy: could not take the write lock");
		return -1;
	}
	char env[64];
	snprintf(env, sizeof env, "BAYPLAN_BUSY_TIMEOUT_MS=%d", BUSY_MS);
	double ms_plan, ms_import, ms_lib;
	char *plan[] = {(char *)f->bayplan, "--db", f->db, "plan", "--date", "2026-11-24",
			"--time-limit", "1", "--quiet", NULL};
	int rc_plan = fx_run(f, env, plan, &ms_plan);
	char msg_plan[301];
	snprintf(msg_plan, sizeof msg_plan, "%s", fx_stderr(f));
	char *imp[] = {(char *)f->bayplan, "--db", f->db, "import", (char *)f->shop, NULL};
	int rc_import = fx_run(f, env, imp, &ms_import);
	/* The library alone: how long the write waited, without a solve or a read. */
	struct bp_store *st;
	struct bp_err err;
	int rc_lib = bp_store_open(f->db, 0, &st, &err);
	double t0 = fx_now();
	if (!rc_lib) {
		bp_store_busy_timeout(st, BUSY_MS);
		rc_lib = bp_store_begin(st, &err);
		if (!rc_lib)
			bp_store_rollback(st);
		bp_store_close(st);
	}
	ms_lib = (fx_now() - t0) * 1000;
	close(release);
	waitpid(holder, NULL, 0);

	if (rc_plan == 75 && strstr(msg_plan, "the store is busy") && strstr(msg_plan, "try again"))
		fx_pass(f, "busy: plan exits 75 with '%s'", msg_plan);
	else
		fx_fail(f, "busy: plan exit %d, wanted 75: %s", rc_plan, msg_plan);
	if (rc_import == 75)
		fx_pass(f, "busy: import exits 75");
	else
		fx_fail(f, "busy: import exit %d, wanted 75: %s", rc_import, fx_stderr(f));
	if (rc_lib == BP_EBUSY && ms_lib >= BUSY_MS * 0.95 && ms_lib < BUSY_MS + 2000)
		fx_pass(f, "busy: BEGIN IMMEDIATE waited %.0f ms for a %d ms timeout", ms_lib,
			BUSY_MS);
	else
		fx_fail(f, "busy: BEGIN IMMEDIATE gave %d after %.0f ms (timeout %d ms)", rc_lib,
			ms_lib, BUSY_MS);
	if (fx_store_digest(f->db) == before && before)
		fx_pass(f, "busy: store unchanged");
	else
		fx_fail(f, "busy: the store changed");
	fx_figure("busy: timeout %d ms; BEGIN IMMEDIATE gave up after %.0f ms; bayplan import "
		  "exit %d after %.0f ms in all; bayplan plan --time-limit 1 exit %d after %.0f "
		  "ms in all (solve included)", BUSY_MS, ms_lib, rc_import, ms_import, rc_plan,
		  ms_plan);
	return 0;
}

/* Overwrite `count` pages from page `first` (1-based) with junk. */
static int junk_pages(const char *path, long first, int count, uint64_t *rng)
{
	int fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	unsigned char page[4096];
	int rc = 0;
	for (int p = 0; p < count && !rc; p++) {
		for (size_t i = 0; i < sizeof page; i += 8) {
			uint64_t r = fx_rand(rng);
			memcpy(page + i, &r, 8);
		}
		if (pwrite(fd, page, sizeof page, (off_t)(first - 1 + p) * 4096) != sizeof page)
			rc = -1;
	}
	close(fd);
	return rc;
}

struct bad_file {
	const char *name;
	const char *expect;   /* in the message */
};

/* Every command that opens the store must refuse `path` with 65 and leave it
 * byte for byte as it was. */
static void refused(struct fx *f, const char *path, const struct bad_file *b, int *cases)
{
	uint64_t before = fx_file_digest(path);
	char *cmds[][10] = {
		{(char *)f->bayplan, "--db", (char *)path, "init", NULL},
		{(char *)f->bayplan, "--db", (char *)path, "plan", "--date", "2026-11-24",
		 "--time-limit", "1", "--quiet", NULL},
		{(char *)f->bayplan, "--db", (char *)path, "import", (char *)f->shop, NULL},
	};
	for (size_t c = 0; c < sizeof cmds / sizeof cmds[0]; c++) {
		int rc = fx_run(f, NULL, cmds[c], NULL);
		const char *msg = fx_stderr(f);
		(*cases)++;
		if (rc == 65 && strstr(msg, b->expect) && strstr(msg, path) &&
		    fx_file_digest(path) == before)
			fx_pass(f, "corrupt: %s: %s refused, unchanged: '%s'", b->name, cmds[c][3],
				msg);
		else
			fx_fail(f, "corrupt: %s: %s exit %d, file %s: '%s'", b->name, cmds[c][3], rc,
				fx_file_digest(path) == before ? "unchanged" : "CHANGED", msg);
	}
}

int fx_corrupt(struct fx *f)
{
	char path[1200], side[1300];
	uint64_t rng = f->seed * 7 + 1;
	int cases = 0;
	struct stat sb;
	/* The store closed cleanly: every page is in the main file. */
	if (stat(f->db, &sb)) {
		fx_fail(f, "corrupt: no store");
		return -1;
	}
	long pages = (long)sb.st_size / 4096;
	const struct bad_file files[] = {
		{"a text file", "is not a bayplan store"},
		{"another program's SQLite database", "is not a bayplan store"},
		{"a store with junk over its header page", "is not a bayplan store"},
		{"a store with 8 junk pages in the middle", "is damaged"},
		{"a store with its last page junk", "is damaged"},
		{"a store cut to half its length", "is damaged"},
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/bad%zu.db", f->dir, i);
		for (int k = 0; k < 2; k++) {
			snprintf(side, sizeof side, "%s%s", path, k ? "-shm" : "-wal");
			remove(side);
		}
		int rc = 0;
		if (i == 0) {
			FILE *fp = fopen(path, "w");
			rc = !fp || fputs("shop:\n  name: not a store\n", fp) < 0 || fclose(fp);
		} else if (i == 1) {
			sqlite3 *h;
			remove(path);
			rc = sqlite3_open(path, &h) != SQLITE_OK ||
			     sqlite3_exec(h, "CREATE TABLE customers (id TEXT); INSERT INTO customers "
					     "VALUES ('c1')", NULL, NULL, NULL) != SQLITE_OK;
			sqlite3_close(h);
		} else {
			rc = fx_copy_file(f->db, path);
			if (!rc && i == 2)
				rc = junk_pages(path, 1, 1, &rng);
			if (!rc && i == 3)
				rc = junk_pages(path, pages / 2, 8, &rng);
			if (!rc && i == 4)
				rc = junk_pages(path, pages, 1, &rng);
			if (!rc && i == 5)
				rc = truncate(path, (off_t)(pages / 2) * 4096);
		}
		if (rc) {
			fx_fail(f, "corrupt: cannot make %s", files[i].name);
			continue;
		}
		refused(f, path, &files[i], &cases);
	}
	fx_figure("corrupt: %zu damaged or foreign files x 3 commands (init, plan, import) = %d "
		  "cases; the demo store has %ld pages of 4096 bytes",
		  sizeof files / sizeof files[0], cases, pages);
	return 0;
}
