/*
 * sched.c - bp_sched_solve: build the model, find a plan with our own
 * heuristic, hand it to GLPK as incumbent, then name the technicians and bays
 * of each class by interval colouring (exact for identical machines).
 */
#include "sched_int.h"
#include "stop.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "model/day.h"

void bp_sched_opts_init(struct bp_sched_opts *o)
{
	memset(o, 0, sizeof *o);
	o->time_limit = 30;
	o->gap = 0.005;
	o->now = -1;
	o->use_mip = 1;
}

struct item {
	int s, e, mj;
};

static int cmp_item(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	if (x->s != y->s)
		return x->s - y->s;
	return x->mj - y->mj;
}

/* Does member `who` (a technician or bay index) have work under way that
 * overlaps slots [a, b)? */
static int fixed_clash(const struct bp_model *m, int is_tech, int who, int a, int b)
{
	for (int f = 0; f < m->opts->nfixed; f++) {
		const struct bp_assignment *x = &m->opts->fixed[f];
		if ((is_tech ? x->tech : x->bay) != who)
			continue;
		int s = bp_slot_of(x->start, m->origin, m->len);
		int e = bp_slot_ceil(x->end, m->origin, m->len);
		if (a < e && s < b)
			return 1;
	}
	return 0;
}

/* Interval colouring of one class: jobs in start order, each to the free
 * member that became free last (best fit), skipping members whose work
 * under way (kept where it is) overlaps the job. The capacity rows make
 * this exact without such work; with it in mid-day a job may find no
 * member, and is then left unplaced (who = -1) for the caller to report. */
static int colour(const struct bp_model *m, const struct bp_state *st, int is_tech, int k,
		  int *who)
{
	const int *members = is_tech ? m->tc[k].members : m->bc[k].members;
	int count = is_tech ? m->tc[k].count : m->bc[k].count;
	struct item *it = malloc(((size_t)m->njobs + 1) * sizeof *it);
	int *free_from = calloc((size_t)count + 1, sizeof(int));
	if (!it || !free_from) {
		free(it);
		free(free_from);
		return -1;
	}
	int n = 0;
	for (int j = 0; j < m->njobs; j++) {
		int c = st->chosen[j];
		if (c < 0)
			continue;
		const struct bp_col *col = &m->cols[c];
		if ((is_tech ? col->tc : col->bc) != k)
			continue;
		it[n++] = (struct item){col->s, col->s + (is_tech ? col->dt : col->d), j};
	}
	qsort(it, (size_t)n, sizeof *it, cmp_item);
	for (int i = 0; i < n; i++) {
		int pick = -1;
		for (int q = 0; q < count; q++)
			if (free_from[q] <= it[i].s && (pick < 0 || free_from[q] > free_from[pick]) &&
			    !fixed_clash(m, is_tech, members[q], it[i].s, it[i].e))
				pick = q;
		if (pick < 0) {
			who[it[i].mj] = -1;
			continue;
		}
		free_from[pick] = it[i].e;
		who[it[i].mj] = members[pick];
	}
	free(it);
	free(free_from);
	return 0;
}

void bp_sched_checkins(const struct bp_model *m, const struct bp_state *st, int *checkin)
{
	for (int j = 0; j < m->njobs; j++)
		checkin[j] = -1;
	int left = m->ci_total;
	/* Each instant receives up to ci_per cars: of those there by then, the
	 * ones that start first. */
	for (int i = 0; i < m->ninst && left > 0; i++) {
		int at = m->inst[i];
		for (int k = 0; k < m->ci_per && left > 0; k++) {
			int pick = -1, due = INT_MAX;
			for (int j = 0; j < m->njobs; j++) {
				int c = st->chosen[j];
				if (c < 0 || m->jobs[j].ac < 0 || m->ac_time[m->jobs[j].ac] > at ||
				    checkin[j] >= 0)
					continue;
				int start = m->origin + m->cols[c].s * m->len;
				if (start >= at && start < due) {
					due = start;
					pick = j;
				}
			}
			if (pick < 0)
				break;
			checkin[pick] = at;
			left--;
		}
	}
}

int bp_sched_name(const struct bp_model *m, const struct bp_state *st, struct bp_plan *plan,
		  struct bp_err *err)
{
	int *tech = malloc(((size_t)m->njobs + 1) * sizeof(int));
	int *bay = malloc(((size_t)m->njobs + 1) * sizeof(int));
	int *checkin = malloc(((size_t)m->njobs + 1) * sizeof(int));
	int rc = BP_OK;
	int next = -1;
	if (!tech || !bay || !checkin) {
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory naming technicians and bays");
		goto out;
	}
	for (int k = 0; k < m->ntc && rc == BP_OK; k++)
		if (colour(m, st, 1, k, tech))
			rc = bp_err_set(err, BP_EINTERNAL, "out of memory naming technicians");
	for (int k = 0; k < m->nbc && rc == BP_OK; k++)
		if (colour(m, st, 0, k, bay))
			rc = bp_err_set(err, BP_EINTERNAL, "out of memory naming bays");
	if (rc == BP_OK)
		bp_sched_checkins(m, st, checkin);
	for (int j = 0; j < m->njobs && rc == BP_OK; j++) {
		int c = st->chosen[j];
		if (c < 0)
			continue;
		if (tech[j] < 0 || bay[j] < 0) {
			if (bp_plan_add_unscheduled(plan, m->jobs[j].job, BP_REASON_CAPACITY, -1,
						    "no %s is free then once the work under way "
						    "keeps its place", tech[j] < 0 ? "technician" : "bay"))
				rc = bp_err_set(err, BP_EINTERNAL, "out of memory");
			continue;
		}
		const struct bp_col *col = &m->cols[c];
		if (col->carry && next < 0)
			next = bp_day_next_open(m->shop, m->date + 1, 366);
		struct bp_assignment a = {
			.job = m->jobs[j].job, .tech = tech[j], .bay = bay[j],
			.start = m->origin + col->s * m->len, .end = col->end,
			.parts_ready = m->jobs[j].ready, .checkin = checkin[j],
			.carry = col->carry, .carry_date = col->carry ? next : -1};
		if (bp_plan_add_assignment(plan, &a))
			rc = bp_err_set(err, BP_EINTERNAL, "out of memory");
	}
out:
	free(tech);
	free(bay);
	free(checkin);
	return rc;
}

static int cmp_assign(const void *a, const void *b)
{
	const struct bp_assignment *x = a, *y = b;
	if (x->start != y->start)
		return x->start - y->start;
	return x->job - y->job;
}

/* Jobs that could be done but were not chosen: capacity, or what else
 * kept them out (parts that went to other jobs, the advisors, the loan
 * cars), in plain words. */
static int report_capacity(const struct bp_model *m, struct bp_state *st,
			   struct bp_plan *plan)
{
	const struct bp_shop *s = m->shop;
	for (int j = 0; j < m->njobs; j++) {
		if (st->chosen[j] >= 0 || m->jobs[j].c1 == m->jobs[j].c0)
			continue;
		const struct bp_job *job = &s->jobs[m->jobs[j].job];
		const struct bp_service *sv = &s->services[job->service];
		/* The first resource whose absence would let it in names the
		 * reason; anything else is capacity. */
		static const int only[] = {BP_FIT_STOCK, BP_FIT_CHECKIN, BP_FIT_LOAN};
		int why = 0;
		for (int k = 0; k < 3 && !why; k++)
			for (int c = m->jobs[j].c0; c < m->jobs[j].c1 && !why; c++)
				if (bp_state_fits_but(st, c, only[k]))
					why = only[k];
		int rc;
		char a[8], e[8];
		bp_time_format(m->origin + m->cols[m->jobs[j].c0].s * m->len, a, sizeof a);
		bp_time_format(m->day_end, e, sizeof e);
		if (why == BP_FIT_STOCK) {
			rc = bp_plan_add_unscheduled(
				plan, m->jobs[j].job, BP_REASON_PARTS, -1,
				"%s: a technician and bay are free, but the parts on hand and on "
				"order today go to higher-priority jobs", sv->name);
		} else if (why == BP_FIT_CHECKIN) {
			rc = bp_plan_add_unscheduled(
				plan, m->jobs[j].job, BP_REASON_CHECK_IN, -1,
				"%s: a technician and bay are free, but the advisors (%d, %d cars "
				"an hour each, at most %d a day) cannot receive the car in time "
				"once higher-priority cars are received", sv->name,
				s->info.advisors, s->info.advisor_checkins_per_hour,
				s->policy.advisor_day_max);
		} else if (why == BP_FIT_LOAN) {
			rc = bp_plan_add_unscheduled(
				plan, m->jobs[j].job, BP_REASON_LOAN_CAR, -1,
				"%s: a technician and bay are free, but all %d loan cars are out "
				"while the car would be in", sv->name, s->info.loan_cars);
		} else {
			rc = bp_plan_add_unscheduled(
				plan, m->jobs[j].job, BP_REASON_CAPACITY, -1,
				"%s (%s level %d+, %s bay): no technician and bay%s free long "
				"enough between %s and %s once higher-priority work is placed",
				sv->name, s->skills[sv->skill].id, sv->level,
				s->bay_types[sv->bay_type].id,
				m->wash_on && m->jobs[j].wash ? " (and wash bay)" : "", a, e);
		}
		if (rc)
			return -1;
	}
	return 0;
}

/* Jobs done, each counted at its tier's weight (the plan's weighted_done). */
static double weighted_jobs(const struct bp_model *m, const struct bp_state *st)
{
	double w = 0;
	for (int j = 0; j < m->njobs; j++)
		if (st->chosen[j] >= 0)
			w += m->shop->policy.tier_weight[m->shop->jobs[m->jobs[j].job].tier];
	return w;
}

int bp_sched_solve(const struct bp_shop *s, int date, const struct bp_sched_opts *o,
		   struct bp_plan *plan, struct bp_sched_stats *stats, struct bp_err *err)
{
	struct bp_model m;
	struct bp_state best;
	struct bp_sched_stats dummy;
	double t0 = bp_clock();
	double deadline = t0 + (o->time_limit > 0 ? o->time_limit : 30);
	if (!stats)
		stats = &dummy;
	memset(stats, 0, sizeof *stats);
	plan->date = date;
	int rc = bp_sched_build(&m, s, date, o, plan, err);
	if (rc)
		return rc;
	m.t0 = t0;
	if (bp_state_init(&best, &m)) {
		bp_sched_model_free(&m);
		return bp_err_set(err, BP_EINTERNAL, "out of memory");
	}
	stats->jobs = m.njobs;
	stats->columns = m.ncols;
	stats->tech_classes = m.ntc;
	stats->bay_classes = m.nbc;

	int *order = malloc(((size_t)m.njobs + 1) * sizeof(int));
	if (!order) {
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory");
		goto out;
	}
	if (o->progress)
		o->progress(o->progress_arg, 0, INFINITY, INFINITY, bp_clock() - t0);
	/* Three starts: tier first (right when the day fits), value per slot
	 * of work first (right when it is overbooked), and first come, first
	 * served, the plan a dispatcher would make; the search starts from
	 * the best, so it never ends below any. Each is a few hundredths of
	 * a second even on the largest days, so they run whatever time is
	 * left. */
	bp_sched_priority(&m, order);
	bp_sched_construct(&best, order);
	struct bp_state alt;
	if (bp_state_init(&alt, &m) == 0) {
		bp_sched_priority_density(&m, order);
		bp_sched_construct(&alt, order);
		if (alt.value > best.value)
			bp_state_copy(&best, &alt);
		bp_state_clear(&alt);
		bp_sched_construct_fcfs(&alt);
		stats->fcfs_value = alt.value;
		stats->fcfs_weighted = weighted_jobs(&m, &alt);
		if (alt.value > best.value)
			bp_state_copy(&best, &alt);
		bp_state_free(&alt);
	}
	free(order);
	if (o->progress)
		o->progress(o->progress_arg, best.value, INFINITY, INFINITY, bp_clock() - t0);
	/* The heuristic gets a tenth of the time (at most two seconds): the LP
	 * bound and the tree are what prove a plan good. */
	/* On a thinned model the LP proves nothing about the day (the bound
	 * is the cheap one either way): the time goes to the local search. */
	int use_mip = o->use_mip && m.stride == 1;
	double h = (deadline - t0) * (use_mip ? 0.1 : 1.0);
	if (use_mip && h > 2.0)
		h = 2.0;
	if (bp_clock() + h > deadline)
		h = deadline - bp_clock();
	if (h > 0)
		bp_sched_improve(&best, bp_clock() + h, 60L * m.njobs + 500);
	stats->heuristic_value = best.value;

	struct bp_mip_result res;
	memset(&res, 0, sizeof res);
	/* Building a very large day may have used most of the time: with too
	 * little left for the LP, the plan is the heuristic's and the bound
	 * the cheap one, now rather than late. */
	int mip = use_mip && deadline - bp_clock() > 0.05 * (deadline - t0) + 0.02;
	if (o->use_mip && !mip) {
		res.bound = bp_sched_trivial_bound(&m);
		res.lp_bound = res.bound;
		res.stopped_by_time = 1;
	} else if (mip) {
		if (o->progress)
			o->progress(o->progress_arg, best.value, INFINITY, INFINITY,
				    bp_clock() - t0);
		struct bp_err merr;
		bp_err_clear(&merr);
		if (bp_sched_mip(&m, &best, deadline, &res, &merr) != BP_OK) {
			/* The heuristic's plan is still a good, valid plan: keep it
			 * and say why nothing better was proven. */
			snprintf(stats->warning, sizeof stats->warning,
				 "%s; the plan is the heuristic's, bounded by the trivial bound",
				 merr.msg);
			memset(&res, 0, sizeof res);
			res.bound = bp_sched_trivial_bound(&m);
			res.lp_bound = res.bound;
			res.stopped_by_time = 1;
		}
	} else {
		res.bound = bp_sched_trivial_bound(&m);
		res.lp_bound = res.bound;
		res.proven = res.bound - best.value < 1e-7;
	}
	/* Time left and no proof: large-neighbourhood search on the plan. */
	if (o->use_mip && !res.proven && deadline - bp_clock() > 0.05 &&
	    !bp_solver_stop_requested()) {
		struct bp_err lerr;
		bp_err_clear(&lerr);
		if (bp_sched_lns(&m, &best, res.bound, deadline, &lerr) != BP_OK &&
		    !stats->warning[0])
			snprintf(stats->warning, sizeof stats->warning,
				 "%s; the plan is the best found before it", lerr.msg);
		if (res.bound < best.value)
			res.bound = best.value;
	}
	if (m.stride > 1 && !stats->warning[0])
		snprintf(stats->warning, sizeof stats->warning,
			 "the day has about %lld ways to place its jobs, too many for the time "
			 "limit: start times every %d min were tried, and the bound is the simple "
			 "one (each job at its value, the advisors' cars counted)",
			 m.full_cols, m.stride * m.len);
	stats->rows = res.rows;
	stats->nonzeros = res.nonzeros;
	stats->columns_kept = res.columns_kept;
	stats->lp_bound = res.lp_bound;

	rc = bp_sched_name(&m, &best, plan, err);
	if (rc)
		goto out;
	/* Work under way (re-planning) belongs to the plan as it is. */
	for (int f = 0; f < o->nfixed; f++)
		if (bp_plan_add_assignment(plan, &o->fixed[f])) {
			rc = bp_err_set(err, BP_EINTERNAL, "out of memory");
			goto out;
		}
	if (plan->nassign)     /* qsort(NULL, 0, ...) is undefined */
		qsort(plan->assign, (size_t)plan->nassign, sizeof *plan->assign, cmp_assign);
	if (report_capacity(&m, &best, plan)) {
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory");
		goto out;
	}
	plan->objective = best.value;
	plan->bound = res.bound;
	plan->gap = fabs(res.bound - best.value) / (fabs(best.value) + DBL_EPSILON);
	if (best.value == 0 && res.bound < 1e-9)
		plan->gap = 0;
	if (bp_solver_stop_requested())
		plan->status = BP_RUN_INTERRUPTED;
	else if (plan->gap < 1e-6)
		plan->status = BP_RUN_OPTIMAL;
	else if (res.stopped_by_time || !res.proven)
		plan->status = BP_RUN_TIME_LIMIT;
	else
		plan->status = BP_RUN_FEASIBLE;
	stats->seconds = bp_clock() - t0;
	plan->solve_ms = (long)(stats->seconds * 1000);
	bp_plan_kpis(s, plan);
	if (o->progress)
		o->progress(o->progress_arg, plan->objective, plan->bound, plan->gap,
			    stats->seconds);
out:
	bp_state_free(&best);
	bp_sched_model_free(&m);
	return rc;
}

int bp_sched_write_lp(const struct bp_shop *s, int date, const struct bp_sched_opts *o,
		      const char *path, struct bp_err *err)
{
	struct bp_model m;
	struct bp_plan scratch;
	if (strlen(path) > BP_SCHED_LP_PATH_MAX)
		return bp_err_set(err, BP_EUSAGE, "the LP file name is %zu bytes; GLPK takes at "
				  "most %d", strlen(path), BP_SCHED_LP_PATH_MAX);
	bp_plan_init(&scratch);
	int rc = bp_sched_build(&m, s, date, o, &scratch, err);
	bp_plan_free(&scratch);
	if (rc)
		return rc;
	rc = bp_sched_mip_write(&m, path, err);
	bp_sched_model_free(&m);
	return rc;
}
