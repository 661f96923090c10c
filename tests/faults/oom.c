/*
 * oom.c - bp-faults oom: SQLite's allocator is wrapped by one that fails at
 * its Nth call, once or from then on, and N rises from 1 through a plan
 * write as `bayplan plan` makes it (open, one transaction, close) until a
 * write runs without meeting the failure; a second, sparser sweep covers
 * the whole command's store work (open, load the shop, write, close). Each N runs in a child, so a
 * crash shows as a signal; the parent, with the normal allocator, then
 * checks the store. The command must fail with exit status 70 (out of
 * memory is an internal error) and a message, or succeed with the new
 * plan whole; never crash, never report success with the old plan.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, putenv */
#include "faults.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "io/cmd_util.h"
#include "io/store.h"

#define MAX_N 200000

static sqlite3_mem_methods orig;

/* Shared with the parent (MAP_SHARED) so it learns what the child met. */
struct oom_state {
	long calls;        /* allocations counted since armed */
	long open_calls;   /* of those, made by bp_store_open */
	long fail_at;      /* 0: never */
	int always;
	int fired;         /* failures handed out */
	int armed;
	char msg[512];
};
static struct oom_state *oom;

static int should_fail(void)
{
	if (!oom || !oom->armed)
		return 0;
	long c = ++oom->calls;
	if (!oom->fail_at)
		return 0;
	if (c == oom->fail_at || (oom->always && c > oom->fail_at)) {
		oom->fired++;
		return 1;
	}
	return 0;
}

static void *x_malloc(int n)
{
	return should_fail() ? NULL : orig.xMalloc(n);
}

static void *x_realloc(void *p, int n)
{
	return should_fail() ? NULL : orig.xRealloc(p, n);
}

int fx_oom_install(void)
{
	if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &orig) != SQLITE_OK)
		return -1;
	sqlite3_mem_methods m = orig;
	m.xMalloc = x_malloc;
	m.xRealloc = x_realloc;
	oom = mmap(NULL, sizeof *oom, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (oom == MAP_FAILED) {
		oom = NULL;
		return -1;
	}
	memset(oom, 0, sizeof *oom);
	return sqlite3_config(SQLITE_CONFIG_MALLOC, &m) == SQLITE_OK ? 0 : -1;
}

/* What `bayplan plan` does with the store, less the solve (and, without
 * `load`, less reading the shop). */
static int command(struct fx *f, int k, int load, struct bp_err *err)
{
	struct bp_store *st;
	struct bp_shop shop;
	bp_shop_init(&shop);
	int rc = bp_store_open(f->db, 0, &st, err);
	oom->open_calls = oom->calls;
	if (rc)
		return rc;
	rc = load ? bp_store_load_shop(st, &shop, err) : BP_OK;
	if (!rc)
		rc = fx_save_plan(f, st, &f->plan[k], err);
	bp_shop_free(&shop);
	bp_store_close(st);
	return rc;
}

int fx_oom(struct fx *f, int always, int load)
{
	char mode[40];
	int step = load ? f->load_step : f->step;
	snprintf(mode, sizeof mode, "%s%s", always ? "always" : "once",
		 load ? " (whole command)" : "");
	char why[600];
	int cur;
	if (fx_check(f, &cur, why, sizeof why)) {
		fx_fail(f, "oom %s: the store is not sound to begin with: %s", mode, why);
		return -1;
	}
	/* Most allocations are the open's (its quick_check reads every page);
	 * the points after it, where the plan is written, are swept `step`
	 * apart, the open's ten times sparser. A first run, failing nothing,
	 * tells where the open ends. */
	long open_calls = 0;
	{
		memset(oom, 0, sizeof *oom);
		fflush(stdout);
		pid_t pid = fork();
		if (pid == 0) {
			struct bp_err err;
			oom->armed = 1;
			_exit(command(f, cur, load, &err));
		}
		int status;
		waitpid(pid, &status, 0);
		open_calls = oom->open_calls;
		if (!WIFEXITED(status) || WEXITSTATUS(status) || fx_check(f, &cur, why, sizeof why)) {
			fx_fail(f, "oom %s: the write fails with no failure injected", mode);
			return -1;
		}
	}
	long tried = 0, failed = 0, ok_anyway = 0, last_n = 0;
	int bad = 0;
	for (long n = f->from; n < MAX_N; n += n < open_calls ? 10 * step : step) {
		memset(oom, 0, sizeof *oom);
		oom->fail_at = n;
		oom->always = always;
		fflush(stdout);
		pid_t pid = fork();
		if (pid < 0)
			return -1;
		if (pid == 0) {
			struct bp_err err;
			bp_err_clear(&err);
			oom->armed = 1;
			int rc = command(f, !cur, load, &err);
			oom->armed = 0;
			snprintf(oom->msg, sizeof oom->msg, "%s", err.msg);
			_exit(rc);
		}
		int status, which;
		waitpid(pid, &status, 0);
		tried++;
		last_n = n;
		if (WIFSIGNALED(status)) {
			fx_fail(f, "oom %s at allocation %ld: the command died of signal %d", mode, n,
				WTERMSIG(status));
			bad = 1;
			break;
		}
		int rc = WEXITSTATUS(status);
		if (fx_check(f, &which, why, sizeof why)) {
			fx_fail(f, "oom %s at allocation %ld (exit %d): %s", mode, n, rc, why);
			bad = 1;
			break;
		}
		if (rc == 0 && which != !cur) {
			fx_fail(f, "oom %s at allocation %ld: success reported, but the latest plan "
				   "is the old one", mode, n);
			bad = 1;
			break;
		}
		if (rc != 0 && (which != cur || rc != 70 || !oom->msg[0])) {
			fx_fail(f, "oom %s at allocation %ld: exit %d ('%s'), latest plan %s", mode, n,
				rc, oom->msg, which == cur ? "unchanged" : "changed");
			bad = 1;
			break;
		}
		failed += rc != 0;
		ok_anyway += rc == 0 && oom->fired;
		cur = which;
		if (!oom->fired && rc == 0)
			break;   /* the whole command ran below N allocations */
	}
	if (!bad)
		fx_pass(f, "oom %s: %ld failure points, the store sound and the plan whole after "
			   "each, every failure exit 70", mode, tried);
	fx_figure("oom %s: failure points %ld..%ld, step %d in the open (%ld allocations) and "
		  "%d after: %ld tried, %ld failed with exit 70 "
		  "and the old plan, %ld succeeded despite the failure (SQLite recovered) with "
		  "the new plan, %s",
		  mode, f->from, last_n, 10 * step, open_calls, step, tried, failed, ok_anyway, bad ? "STOPPED AT A FAILURE" :
		  "no crash");
	return bad ? -1 : 0;
}
