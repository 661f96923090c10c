/*
 * main.c - bp-faults: kills, allocation failures, a busy store, damaged
 * files and GLPK failures against bayplan's store and solver, with the
 * store checked after each (tests/RELIABILITY.md has the figures).
 *
 *	bp-faults [--bayplan B] [--gen G] [--shop YAML] [--dir D] [--seed N]
 *		  [--kills N] [--from N] [--step K] [--load-step K] [--swaps N] MODE...
 *	MODE: kill oom busy corrupt glpk timelimit replace hardlink
 *
 * Prints PASS/FAIL lines like the e2e tests, and FIGURE lines; exits 1 when
 * any case failed.
 */
#include "faults.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/cmd_util.h"
#include "io/store.h"
#include "model/timeutil.h"
#include "solver/sched.h"

#define DEMO_DATE "2026-11-24"

/* Plan A: the heuristic's plan for the demo day. Plan B: the same with its
 * second half of jobs left unscheduled, so that a half-written B cannot
 * pass for either. */
static int make_plans(struct fx *f)
{
	struct bp_store *st;
	struct bp_err err;
	struct bp_sched_opts o;
	struct bp_sched_stats stats;
	char why[600];
	if (bp_store_open(f->db, 0, &st, &err) ||
	    bp_store_load_shop(st, &f->shop_data, &err)) {
		fprintf(stderr, "bp-faults: %s\n", err.msg);
		return -1;
	}
	bp_store_close(st);
	bp_sched_opts_init(&o);
	o.use_mip = 0;
	o.time_limit = 1;
	for (int k = 0; k < 2; k++)
		bp_plan_init(&f->plan[k]);
	if (bp_sched_solve(&f->shop_data, f->date, &o, &f->plan[0], &stats, &err) ||
	    f->plan[0].nassign < 2) {
		fprintf(stderr, "bp-faults: no plan A: %s\n", err.msg);
		return -1;
	}
	struct bp_plan *a = &f->plan[0], *b = &f->plan[1];
	b->date = a->date;
	b->status = BP_RUN_FEASIBLE;
	b->objective = a->objective / 2;
	int half = a->nassign / 2;
	for (int i = 0; i < a->nassign; i++)
		if (i < half ? bp_plan_add_assignment(b, &a->assign[i])
			     : bp_plan_add_unscheduled(b, a->assign[i].job, BP_REASON_CAPACITY, -1,
						       "left out by the fault test"))
			return -1;
	for (int k = 0; k < 2; k++) {
		if (fx_write_plan(f, k, why, sizeof why)) {
			fprintf(stderr, "bp-faults: writing plan %c: %s\n", 'A' + k, why);
			return -1;
		}
		f->digest[k] = fx_latest_plan(f->db, f->date);
	}
	if (!f->digest[0] || f->digest[0] == f->digest[1] || fx_write_plan(f, 0, why, sizeof why))
		return -1;
	return 0;
}

static int setup(struct fx *f)
{
	if (mkdir(f->dir, 0755) && errno != EEXIST) {
		fprintf(stderr, "bp-faults: cannot create %s\n", f->dir);
		return -1;
	}
	snprintf(f->db, sizeof f->db, "%s/demo.db", f->dir);
	char path[1200];
	const char *ext[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s%s", f->db, ext[i]);
		remove(path);
	}
	char *argv[] = {(char *)f->bayplan, "--db", f->db, "import", (char *)f->shop, NULL};
	if (fx_run(f, NULL, argv, NULL) != 0) {
		fprintf(stderr, "bp-faults: import failed: %s\n", fx_stderr(f));
		return -1;
	}
	bp_date_parse(DEMO_DATE, &f->date);
	bp_shop_init(&f->shop_data);
	return make_plans(f);
}

int main(int argc, char **argv)
{
	/* Before SQLite starts: the OOM mode's allocator can only go in now. */
	if (fx_oom_install()) {
		fprintf(stderr, "bp-faults: cannot install the test allocator\n");
		return 2;
	}
	struct fx f = {
		.bayplan = "./bayplan", .gen = "build/bench/bp-gen",
		.shop = "scenarios/demo/shop.yaml", .dir = "build/faults", .seed = 1,
		.count = 200, .step = 1, .load_step = 11, .from = 1, .swaps = 5,
	};
	int i = 1;
	for (; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
		const char *o = argv[i] + 2, *v = argv[i + 1];
		if (!strcmp(o, "bayplan"))
			f.bayplan = v;
		else if (!strcmp(o, "gen"))
			f.gen = v;
		else if (!strcmp(o, "shop"))
			f.shop = v;
		else if (!strcmp(o, "dir"))
			f.dir = v;
		else if (!strcmp(o, "seed"))
			f.seed = strtoull(v, NULL, 10);
		else if (!strcmp(o, "kills"))
			f.count = atoi(v);
		else if (!strcmp(o, "load-step"))
			f.load_step = atoi(v) > 0 ? atoi(v) : 1;
		else if (!strcmp(o, "from"))
			f.from = atol(v);
		else if (!strcmp(o, "step"))
			f.step = atoi(v) > 0 ? atoi(v) : 1;
		else if (!strcmp(o, "swaps"))
			f.swaps = atoi(v) > 0 ? atoi(v) : 1;
		else
			break;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: bp-faults [--bayplan B] [--gen G] [--shop YAML] [--dir D] "
				"[--seed N] [--kills N] [--from N] [--step K] [--load-step K] [--swaps N] "
				"kill|oom|busy|corrupt|glpk|timelimit|replace|hardlink...\n");
		return 2;
	}
	if (setup(&f))
		return 2;
	for (; i < argc; i++) {
		const char *m = argv[i];
		int rc = !strcmp(m, "kill")        ? fx_kill(&f)
			 : !strcmp(m, "oom")       ? (fx_oom(&f, 0, 0), fx_oom(&f, 1, 0), fx_oom(&f, 0, 1),
						      fx_oom(&f, 1, 1))
			 : !strcmp(m, "busy")      ? fx_busy(&f)
			 : !strcmp(m, "corrupt")   ? fx_corrupt(&f)
			 : !strcmp(m, "glpk")      ? fx_glpk(&f)
			 : !strcmp(m, "timelimit") ? fx_timelimit(&f)
			 : !strcmp(m, "replace")   ? fx_replace(&f)
			 : !strcmp(m, "hardlink")  ? fx_hardlink(&f)
						   : -2;
		if (rc == -2) {
			fprintf(stderr, "bp-faults: no mode '%s'\n", m);
			return 2;
		}
	}
	for (int k = 0; k < 2; k++)
		bp_plan_free(&f.plan[k]);
	bp_shop_free(&f.shop_data);
	return f.fails ? 1 : 0;
}
