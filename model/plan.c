/*
 * plan.c - building a plan and computing its KPIs from the shop.
 * KPIs are computed from the assignments alone, so a plan read back from the
 * store reports the same figures as the plan the solver produced.
 */
#include "plan.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bp_run_set(struct bp_run *run, const char *kind, int date, enum bp_run_status status,
		double objective, double bound, double gap, long solve_ms)
{
	memset(run, 0, sizeof *run);
	snprintf(run->kind, sizeof run->kind, "%s", kind);
	run->date = date;
	run->status = status;
	run->objective = objective;
	run->bound = bound;
	run->gap = gap;
	run->solve_ms = solve_ms;
}

void bp_plan_init(struct bp_plan *p)
{
	memset(p, 0, sizeof *p);
	p->status = BP_RUN_FAILED;
}

void bp_plan_free(struct bp_plan *p)
{
	free(p->assign);
	free(p->unsched);
	bp_plan_init(p);
}

static int cap_for(int n)
{
	int c = 16;
	while (c <= n)
		c *= 2;
	return c;
}

int bp_plan_add_assignment(struct bp_plan *p, const struct bp_assignment *a)
{
	/* Capacity follows the next power of two, so growth is amortised
	 * without storing a capacity field in the plain struct. */
	if (p->nassign == 0 || (p->nassign >= 16 && (p->nassign & (p->nassign - 1)) == 0)) {
		void *n = realloc(p->assign, (size_t)cap_for(p->nassign) * sizeof *p->assign);
		if (!n)
			return -1;
		p->assign = n;
	}
	p->assign[p->nassign++] = *a;
	return 0;
}

int bp_plan_add_unscheduled(struct bp_plan *p, int job, enum bp_reason r,
			    int earliest_date, const char *fmt, ...)
{
	if (p->nunsched == 0 || (p->nunsched >= 16 && (p->nunsched & (p->nunsched - 1)) == 0)) {
		void *n = realloc(p->unsched, (size_t)cap_for(p->nunsched) * sizeof *p->unsched);
		if (!n)
			return -1;
		p->unsched = n;
	}
	struct bp_unscheduled *u = &p->unsched[p->nunsched++];
	memset(u, 0, sizeof *u);
	u->job = job;
	u->reason = r;
	u->earliest_date = earliest_date;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(u->detail, sizeof u->detail, fmt, ap);
	va_end(ap);
	return 0;
}

static int overlap(int a0, int a1, int b0, int b1)
{
	int lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;
	return hi > lo ? hi - lo : 0;
}

static int tech_top_level(const struct bp_technician *t, int nskills)
{
	int top = 1;
	for (int k = 0; k < nskills; k++)
		if (t->level[k] > top)
			top = t->level[k];
	return top;
}

int bp_assignment_ready(const struct bp_shop *s, const struct bp_assignment *a)
{
	if (a->carry > 0)
		return -1;
	return a->end + s->services[s->jobs[a->job].service].handover_minutes;
}

int bp_assignment_late(const struct bp_shop *s, const struct bp_assignment *a)
{
	const struct bp_job *j = &s->jobs[a->job];
	if (j->promised < 0)
		return 0;
	int ready = bp_assignment_ready(s, a);
	if (ready < 0) {
		int day_end = s->info.close > j->promised ? s->info.close : j->promised;
		return day_end - j->promised + a->carry +
		       s->services[j->service].handover_minutes;
	}
	return ready > j->promised ? ready - j->promised : 0;
}

int bp_loan_back(const struct bp_shop *s, const struct bp_assignment *a)
{
	const struct bp_job *j = &s->jobs[a->job];
	int ready = bp_assignment_ready(s, a);
	if (ready < 0)
		return s->info.close + s->info.overtime_minutes;
	return j->promised > ready ? j->promised : ready;
}

/* The most loan cars out at once: a sweep over the loans' spans. */
static int loan_peak(const struct bp_shop *s, const struct bp_plan *p)
{
	int peak = 0;
	for (int i = 0; i < p->nassign; i++) {
		const struct bp_assignment *a = &p->assign[i];
		if (!s->jobs[a->job].loan_car)
			continue;
		/* Spans are half-open: count those holding a car at a's start. */
		int t = bp_job_arrival(&s->jobs[a->job]), n = 0;
		for (int k = 0; k < p->nassign; k++) {
			const struct bp_assignment *b = &p->assign[k];
			if (s->jobs[b->job].loan_car && bp_job_arrival(&s->jobs[b->job]) <= t &&
			    t < bp_loan_back(s, b))
				n++;
		}
		if (n > peak)
			peak = n;
	}
	return peak;
}

void bp_plan_kpis(const struct bp_shop *s, struct bp_plan *p)
{
	struct bp_kpis *k = &p->kpi;
	memset(k, 0, sizeof *k);
	const struct bp_policy *pol = &s->policy;
	for (int j = 0; j < s->njobs; j++) {
		if (s->jobs[j].date != p->date)
			continue;
		k->jobs++;
		k->jobs_by_tier[s->jobs[j].tier]++;
		k->weighted_jobs += pol->tier_weight[s->jobs[j].tier];
	}
	for (int u = 0; u < p->nunsched; u++)
		k->unscheduled_by_reason[p->unsched[u].reason]++;

	double bay_open[BP_MAX_BAY_TYPES] = {0}, bay_busy[BP_MAX_BAY_TYPES] = {0};
	for (int b = 0; b < s->nbays; b++) {
		const struct bp_bay *bay = &s->bays[b];
		int open = s->info.close - s->info.open;
		for (int c = 0; c < bay->nclosed; c++)
			open -= overlap(bay->closed[c].start, bay->closed[c].end, s->info.open,
					s->info.close);
		bay_open[bay->type] += open;
	}
	double lvl_shift[BP_LEVELS + 1] = {0}, lvl_busy[BP_LEVELS + 1] = {0};
	double shift_all = 0, busy_all = 0;
	for (int t = 0; t < s->ntechs; t++) {
		const struct bp_technician *tc = &s->techs[t];
		int m = tc->shift.end - tc->shift.start;
		for (int b = 0; b < tc->nbreaks; b++)
			m -= overlap(tc->breaks[b].start, tc->breaks[b].end, tc->shift.start,
				     tc->shift.end);
		lvl_shift[tech_top_level(tc, s->nskills)] += m;
		shift_all += m;
	}

	double wait_sum = 0;
	int wait_n = 0;
	for (int i = 0; i < p->nassign; i++) {
		const struct bp_assignment *a = &p->assign[i];
		const struct bp_job *j = &s->jobs[a->job];
		const struct bp_technician *t = &s->techs[a->tech];
		const struct bp_service *sv = &s->services[j->service];
		/* The bay is held the whole span; the technician works it less
		 * their breaks. */
		int held = a->end - a->start;
		int work = bp_work_between(t, a->start, a->end);
		k->done++;
		k->done_by_tier[j->tier]++;
		k->weighted_done += pol->tier_weight[j->tier];
		bay_busy[s->bays[a->bay].type] += held;
		lvl_busy[tech_top_level(t, s->nskills)] += work;
		busy_all += work;
		k->pause_minutes += held - work;
		if (a->end > t->shift.end) {
			int from = a->start > t->shift.end ? a->start : t->shift.end;
			int ot = bp_work_between(t, from, a->end);
			k->overtime_minutes += ot;
			k->overtime_cost += ot * t->overtime_cost_per_hour / 60.0;
		}
		int late = bp_assignment_late(s, a);
		if (late > 0) {
			k->late_minutes += late;
			k->late_jobs++;
		}
		int lv = t->level[sv->skill];
		if (lv > sv->level)
			k->overqualified_minutes += (lv - sv->level) * work;
		if (j->waiting) {
			wait_sum += a->start - bp_job_arrival(j);
			wait_n++;
		}
		if (a->carry > 0) {
			k->carry_jobs++;
			k->carry_minutes += a->carry;
		}
		/* Every car of the date that is not carried over from an earlier
		 * one was received at the desk today. */
		if (!(j->carried_from > 0 && j->carried_from < p->date))
			k->checkins++;
		k->loan_jobs += j->loan_car != 0;
	}
	for (int b = 0; b < s->nbay_types; b++)
		k->bay_util[b] = bay_open[b] > 0 ? bay_busy[b] / bay_open[b] : 0;
	for (int l = 1; l <= BP_LEVELS; l++)
		k->tech_util_by_level[l] = lvl_shift[l] > 0 ? lvl_busy[l] / lvl_shift[l] : 0;
	k->tech_util = shift_all > 0 ? busy_all / shift_all : 0;
	k->avg_wait_minutes = wait_n ? wait_sum / wait_n : 0;
	k->advisors = s->info.advisors;
	k->checkins_per_advisor = k->advisors > 0
		? (double)((k->checkins + k->advisors - 1) / k->advisors) : 0;
	k->loan_peak = loan_peak(s, p);
}

static const char *reason_names[BP_REASONS] = {"no_skill", "no_bay", "parts", "capacity",
					       "window", "closed", "check_in", "loan_car"};
static const char *status_names[BP_RUN_STATUSES] = {"optimal", "feasible", "time_limit",
						    "failed", "interrupted"};

const char *bp_reason_name(enum bp_reason r)
{
	return (unsigned)r < BP_REASONS ? reason_names[r] : "?";
}

int bp_reason_parse(const char *s, enum bp_reason *out)
{
	for (int i = 0; i < BP_REASONS; i++)
		if (strcmp(s, reason_names[i]) == 0) {
			*out = (enum bp_reason)i;
			return 0;
		}
	return -1;
}

const char *bp_run_status_name(enum bp_run_status s)
{
	return (unsigned)s < BP_RUN_STATUSES ? status_names[s] : "?";
}

int bp_run_status_parse(const char *s, enum bp_run_status *out)
{
	for (int i = 0; i < BP_RUN_STATUSES; i++)
		if (strcmp(s, status_names[i]) == 0) {
			*out = (enum bp_run_status)i;
			return 0;
		}
	return -1;
}
