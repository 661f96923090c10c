/*
 * solver_faults.c - bp-faults glpk and timelimit. glpk: the scheduler's
 * test switch makes an invalid GLPK call after the root LP; glp_error_hook
 * must catch it, the message must name GLPK's complaint, the plan must
 * still keep every rule, and the store must take it and stay sound.
 * timelimit: a one-second limit on a large generated day gives a valid
 * plan marked time_limit with jobs in it, exit 0 with a warning.
 */
#include "faults.h"

#include <stdio.h>
#include <string.h>

#include "io/cmd_util.h"
#include "io/store.h"
#include "model/timeutil.h"
#include "solver/sched.h"
#include "tests/plancheck.h"

int fx_glpk(struct fx *f)
{
	struct bp_sched_opts o;
	struct bp_sched_stats stats;
	struct bp_plan p;
	struct bp_err err;
	char why[600];
	int which;
	bp_sched_opts_init(&o);
	o.time_limit = 5;
	o.fault_for_test = 1;
	bp_plan_init(&p);
	bp_err_clear(&err);
	int rc = bp_sched_solve(&f->shop_data, f->date, &o, &p, &stats, &err);
	if (rc == BP_OK && strstr(stats.warning, "GLPK") &&
	    strstr(stats.warning, "column number out of range"))
		fx_pass(f, "glpk: the error hook caught it: '%s'", stats.warning);
	else
		fx_fail(f, "glpk: solve gave %d ('%s'), warning '%s'", rc, err.msg, stats.warning);
	if (rc == BP_OK && p.nassign > 0 && bp_plancheck(&f->shop_data, &p, why, sizeof why) == 0)
		fx_pass(f, "glpk: the heuristic's plan (%d jobs, status %s) keeps every rule",
			p.nassign, bp_run_status_name(p.status));
	else
		fx_fail(f, "glpk: plan with %d jobs: %s", p.nassign, rc ? err.msg : why);

	/* The process goes on: the plan is stored and the store is sound. */
	struct bp_store *st;
	rc = bp_store_open(f->db, 0, &st, &err);
	if (!rc) {
		rc = fx_save_plan(f, st, &p, &err);
		bp_store_close(st);
	}
	if (!rc && fx_store_sound(f->db, why, sizeof why) == 0)
		fx_pass(f, "glpk: the plan was stored and the store is sound");
	else
		fx_fail(f, "glpk: storing the plan: %s", rc ? err.msg : why);
	char *warn = stats.warning;
	char figure[700];
	snprintf(figure, sizeof figure, "%s", warn);

	/* GLPK was reset: the next solve uses it normally. */
	struct bp_plan q;
	bp_plan_init(&q);
	o.fault_for_test = 0;
	o.time_limit = 3;
	rc = bp_sched_solve(&f->shop_data, f->date, &o, &q, &stats, &err);
	if (rc == BP_OK && !stats.warning[0] && q.nassign > 0)
		fx_pass(f, "glpk: the next solve in the same process uses GLPK (status %s, gap "
			   "%.2f%%)", bp_run_status_name(q.status), 100 * q.gap);
	else
		fx_fail(f, "glpk: the next solve gave %d, warning '%s'", rc, stats.warning);
	fx_figure("glpk: fault after the root LP: caught, warning '%s'; plan of %d jobs kept "
		  "every rule and was stored; the next solve: %s, gap %.2f%%", figure, p.nassign,
		  bp_run_status_name(q.status), 100 * q.gap);
	bp_plan_free(&q);
	bp_plan_free(&p);
	/* The latest plan is now this one: put A back for the other modes. */
	if (fx_write_plan(f, 0, why, sizeof why) || fx_check(f, &which, why, sizeof why))
		fx_fail(f, "glpk: restoring plan A: %s", why);
	return 0;
}

int fx_timelimit(struct fx *f)
{
	char dir[1200], shop[1300], db[1300];
	snprintf(dir, sizeof dir, "%s/xl", f->dir);
	snprintf(shop, sizeof shop, "%s/shop.yaml", dir);
	snprintf(db, sizeof db, "%s/xl.db", f->dir);
	remove(db);
	char *gen[] = {(char *)f->gen, "--size", "XL", "--seed", "5", "--overload", "1.3",
		       "--out", dir, NULL};
	char *imp[] = {(char *)f->bayplan, "--db", db, "import", shop, NULL};
	char *plan[] = {(char *)f->bayplan, "--db", db, "plan", "--date", "2026-11-24",
			"--time-limit", "1", "--durations", "standard", "--format", "csv", NULL};
	if (fx_run(f, NULL, gen, NULL) || fx_run(f, NULL, imp, NULL)) {
		fx_fail(f, "timelimit: making the XL shop: %s", fx_stderr(f));
		return -1;
	}
	double ms;
	int exit_code = fx_run(f, NULL, plan, &ms);
	const char *msg = fx_stderr(f);
	if (exit_code == 0 && strstr(msg, "time limit"))
		fx_pass(f, "timelimit: exit 0 after %.0f ms, with a warning", ms);
	else
		fx_fail(f, "timelimit: exit %d after %.0f ms: '%s'", exit_code, ms, msg);
	int rc;

	struct bp_store *st;
	struct bp_shop s;
	struct bp_plan p;
	struct bp_run run;
	struct bp_err err;
	char why[600];
	int date;
	bp_date_parse("2026-11-24", &date);
	bp_shop_init(&s);
	bp_plan_init(&p);
	rc = bp_store_open(db, 0, &st, &err);
	if (!rc) {
		rc = bp_store_load_shop(st, &s, &err);
		if (!rc)
			rc = bp_store_load_plan(st, &s, date, "schedule", &p, &run, &err);
		bp_store_close(st);
	}
	int jobs = 0;
	for (int j = 0; !rc && j < s.njobs; j++)
		jobs += s.jobs[j].date == date;
	if (rc)
		fx_fail(f, "timelimit: reading the plan back: %s", err.msg);
	else if (p.status != BP_RUN_TIME_LIMIT || p.nassign == 0)
		fx_fail(f, "timelimit: status %s with %d jobs", bp_run_status_name(p.status),
			p.nassign);
	else if (bp_plancheck(&s, &p, why, sizeof why))
		fx_fail(f, "timelimit: the stored plan breaks a rule: %s", why);
	else
		fx_pass(f, "timelimit: stored plan is time_limit, %d of %d jobs, every rule kept",
			p.nassign, jobs);
	fx_figure("timelimit: XL seed 5 overload 1.3, %d jobs booked; --time-limit 1: exit %d "
		  "after %.0f ms wall, status %s, %d jobs placed, gap %.2f%%, plancheck %s", jobs,
		  exit_code, ms, bp_run_status_name(p.status), p.nassign, 100 * p.gap,
		  rc == 0 && bp_plancheck(&s, &p, why, sizeof why) == 0 ? "ok" : "FAILED");
	bp_plan_free(&p);
	bp_shop_free(&s);
	return 0;
}
