/*
 * sched_earliest.c - the first date a job left out of a plan would fit.
 *
 * For each later date within the horizon the shop is seen as that day will
 * be (bp_day_prepare: its roster, closures and bookings), the jobs left out
 * are added as trial jobs worth almost nothing (so that they never push a
 * booking out), the day is planned by the heuristic, and a trial job that is
 * placed has its date. Trial jobs come at opening with no promised time (a
 * rebooked car is dropped off in the morning), keep their requested
 * technician and loan car, and have their own parts delivered on the date
 * they could be there (ordered today). Jobs placed on an earlier date of the
 * search take their room on it, in priority order. Work the plan carries to
 * its next working day holds its technician and bay there.
 *
 * A date found is a date on which the heuristic fits the job beside the
 * bookings: a sufficient answer (an exact plan might fit it a little
 * sooner, never later).
 */
#include "sched_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/day.h"

/* Why a job did not fit on the dates tried. */
struct probe {
	int unsched;                /* index into plan->unsched */
	char id[BP_ID_LEN];
	int src;                    /* index of the job in the full shop */
	int from;                   /* first date its parts allow */
	int found;                  /* the date, -1 while none */
	int closed, off, full, other, tried;
	long rank;                  /* rebooking order */
	char why[sizeof ((struct bp_unscheduled *)0)->detail]; /* the last day's words
				       when it had no way at all that day */
};

static int cmp_rank(const void *a, const void *b)
{
	long x = ((const struct probe *)a)->rank, y = ((const struct probe *)b)->rank;
	return x < y ? -1 : x > y;
}

/* A copy of the shop without its history and without the jobs of `date` and
 * before (done, planned or the trial jobs themselves on that day). */
static int base_copy(const struct bp_shop *all, int date, struct bp_shop *b)
{
	if (bp_shop_copy(b, all))
		return -1;
	b->nactuals = b->nstore_actuals = 0;
	b->ndemand = 0;
	for (int i = 0; i < b->njobs; i++)
		if (b->jobs[i].date <= date)
			bp_shop_remove_job(b, i--);
	return 0;
}

/* The parts of job j delivered for it at opening on `day`. */
static void deliver_parts(struct bp_shop *s, const struct bp_job *j, int day)
{
	for (int p = 0; p < s->nparts; p++) {
		int q = bp_job_part_qty(s, j, p);
		if (!q)
			continue;
		struct bp_part *pt = &s->parts[p];
		if (pt->non_order < BP_MAX_ON_ORDER)
			pt->on_order[pt->non_order++] =
				(struct bp_delivery){q, day, s->info.open};
		else if (pt->on_order[pt->non_order - 1].day <= day)
			pt->on_order[pt->non_order - 1].qty += q;
	}
}

/* The trial job: the booking as a car dropped off at opening on `day`. */
static struct bp_job *add_trial(struct bp_shop *s, const struct bp_job *src, int day)
{
	struct bp_job *j = bp_shop_add_job(s);
	if (!j)
		return NULL;
	*j = *src;
	j->date = day;
	j->has_window = 0;
	j->window.start = j->window.end = s->info.open;
	j->promised = -1;
	j->status = BP_JOB_BOOKED;
	j->carried_from = 0;
	j->has_started = j->has_finished = 0;
	j->act_tech = j->act_bay = -1;
	return j;
}

/* Work of today's plan that goes on at `day`: its job, on its technician and
 * bay, from the start of the shift (or opening) for what is left. */
static int add_carried(struct bp_shop *s, const struct bp_shop *all, const struct bp_shop *day_shop,
		       const struct bp_plan *plan, int day, struct bp_assignment **fixed,
		       int *nfixed)
{
	for (int i = 0; i < plan->nassign; i++) {
		const struct bp_assignment *a = &plan->assign[i];
		if (a->carry <= 0 || a->carry_date != day)
			continue;
		int src = bp_shop_job(all, day_shop->jobs[a->job].id);
		int t = bp_shop_tech(s, day_shop->techs[a->tech].id);
		int b = bp_shop_bay(s, day_shop->bays[a->bay].id);
		if (src < 0 || t < 0 || b < 0)
			continue; /* its technician or bay is away: nothing held */
		struct bp_job *j = add_trial(s, &all->jobs[src], day);
		struct bp_assignment *grown = realloc(*fixed, ((size_t)*nfixed + 1) * sizeof **fixed);
		if (!j || !grown)
			return -1;
		*fixed = grown;
		const struct bp_technician *tc = &s->techs[t];
		int start = tc->shift.start > s->info.open ? tc->shift.start : s->info.open;
		grown[(*nfixed)++] = (struct bp_assignment){
			.job = s->njobs - 1, .tech = t, .bay = b, .start = start,
			.end = bp_work_end(tc, start, a->carry), .parts_ready = -1, .checkin = -1,
			.carry_date = -1};
	}
	return 0;
}

/* Plan `day` with the open probes as trial jobs; probes placed get the
 * date. */
static int try_day(const struct bp_shop *base, const struct bp_shop *all,
		   const struct bp_shop *day_shop, const struct bp_plan *plan, int day,
		   struct probe *pr, int npr, double deadline, int *stopped,
		   struct bp_err *err)
{
	struct bp_shop s;
	struct bp_day dv;
	struct bp_plan scratch;
	struct bp_model m;
	struct bp_state st;
	unsigned char *trial = NULL;
	int *order = NULL, rc = BP_OK, open = 0;
	memset(&dv, 0, sizeof dv);
	bp_plan_init(&scratch);
	if (bp_shop_copy(&s, base))
		return bp_err_set(err, BP_EINTERNAL, "out of memory");
	for (int k = 0; k < npr; k++) {
		if (pr[k].found >= 0 || pr[k].from > day)
			continue;
		struct bp_job *j = add_trial(&s, &all->jobs[pr[k].src], day);
		if (!j) {
			rc = bp_err_set(err, BP_EINTERNAL, "out of memory");
			goto out;
		}
		deliver_parts(&s, j, pr[k].from);
		open++;
	}
	if (!open)
		goto out;
	if ((rc = bp_day_prepare(&s, day, -1, &dv, err)))
		goto out;
	if (dv.closed) {
		for (int k = 0; k < npr; k++)
			if (pr[k].found < 0 && pr[k].from <= day)
				pr[k].closed++, pr[k].tried++;
		goto out;
	}
	if (add_carried(&s, all, day_shop, plan, day, &dv.fixed, &dv.nfixed)) {
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory");
		goto out;
	}
	trial = calloc((size_t)s.njobs + 1, 1);
	if (!trial) {
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory");
		goto out;
	}
	/* Trial jobs by id (the day view moved indexes); one whose technician
	 * is away that day cannot be done then, whoever else is in. */
	for (int k = 0; k < npr; k++) {
		if (pr[k].found >= 0 || pr[k].from > day)
			continue;
		int j = bp_shop_job(&s, pr[k].id);
		const struct bp_job *src = &all->jobs[pr[k].src];
		pr[k].tried++;
		if (j < 0) {
			pr[k].other++;
			continue;
		}
		if (src->technician >= 0 && bp_shop_tech(&s, all->techs[src->technician].id) < 0) {
			s.jobs[j].date = -1; /* not planned on this day */
			pr[k].off++;
			continue;
		}
		trial[j] = 1;
	}
	struct bp_sched_opts o;
	bp_sched_opts_init(&o);
	o.fixed = dv.fixed;
	o.nfixed = dv.nfixed;
	o.probe = trial;
	o.use_mip = 0;
	o.abandon_at = deadline < INFINITY ? deadline : 0;
	if ((rc = bp_sched_build(&m, &s, day, &o, &scratch, err)))
		goto out;
	if (m.abandoned || bp_clock() > deadline) {
		/* Out of time: the jobs not placed yet say how far it got. */
		bp_sched_model_free(&m);
		rc = BP_OK;
		*stopped = 1;
		goto out;
	}
	m.t0 = bp_clock();
	order = malloc(((size_t)m.njobs + 1) * sizeof(int));
	if (!order || bp_state_init(&st, &m)) {
		free(order);
		order = NULL;
		bp_sched_model_free(&m);
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory");
		goto out;
	}
	/* The day's bookings first (trial jobs are worth almost nothing, so
	 * they come last in the priority order and never displace one). */
	bp_sched_priority(&m, order);
	bp_sched_construct(&st, order);
	double until = bp_clock() + 0.5;
	bp_sched_improve(&st, until < deadline ? until : deadline, 10L * m.njobs + 200);
	for (int mj = 0; mj < m.njobs; mj++) {
		int j = m.jobs[mj].job;
		if (!trial[j])
			continue;
		for (int k = 0; k < npr; k++)
			if (!strcmp(pr[k].id, s.jobs[j].id) && pr[k].found < 0) {
				if (st.chosen[mj] >= 0)
					pr[k].found = day;
				else if (m.jobs[mj].c1 > m.jobs[mj].c0)
					pr[k].full++;
				break;
			}
	}
	/* Trial jobs with no way at all on this day: the reason, in the day's
	 * words. */
	for (int u = 0; u < scratch.nunsched; u++) {
		int j = scratch.unsched[u].job;
		if (!trial[j])
			continue;
		for (int k = 0; k < npr; k++)
			if (!strcmp(pr[k].id, s.jobs[j].id)) {
				pr[k].other++;
				memcpy(pr[k].why, scratch.unsched[u].detail, sizeof pr[k].why);
				break;
			}
	}
	bp_state_free(&st);
	bp_sched_model_free(&m);
out:
	free(order);
	free(trial);
	bp_plan_free(&scratch);
	bp_day_free(&dv);
	bp_shop_free(&s);
	return rc;
}

/* "none within N days" and why, after the detail there is. */
static void none_found(struct bp_unscheduled *u, const struct probe *p, int horizon, int last)
{
	char why[sizeof p->why + 32], d[12];
	if (p->from > last) {
		bp_date_format(p->from, d, sizeof d);
		snprintf(why, sizeof why, "its parts cannot be here before %s", d);
	} else if (p->tried && p->closed == p->tried) {
		snprintf(why, sizeof why, "the shop is closed on all of them");
	} else if (p->other && p->other + p->closed == p->tried && p->why[0]) {
		snprintf(why, sizeof why, "on every day it is open: %s", p->why);
	} else if (p->off && p->off + p->closed == p->tried) {
		snprintf(why, sizeof why, "its requested technician is off on every day the shop "
			 "is open");
	} else if (p->full && p->full + p->closed == p->tried) {
		snprintf(why, sizeof why, "every day the shop is open is fully booked for this "
			 "work");
	} else {
		snprintf(why, sizeof why, "fully booked on %d days, no way to do it on %d, its "
			 "technician off on %d, closed on %d", p->full, p->other, p->off, p->closed);
	}
	/* The detail keeps its start; what does not fit is cut. */
	char all[sizeof u->detail + sizeof why + 64];
	snprintf(all, sizeof all, "%s%snone within %d days: %s", u->detail,
		 u->detail[0] ? "; " : "", horizon, why);
	memcpy(u->detail, all, sizeof u->detail - 1);
	u->detail[sizeof u->detail - 1] = 0;
	u->earliest_date = -1;
}

int bp_sched_earliest(const struct bp_shop *all, const struct bp_shop *day_shop,
		      struct bp_plan *plan, int horizon, struct bp_err *err)
{
	return bp_sched_earliest_until(all, day_shop, plan, horizon, INFINITY, err);
}

int bp_sched_earliest_until(const struct bp_shop *all, const struct bp_shop *day_shop,
			    struct bp_plan *plan, int horizon, double deadline,
			    struct bp_err *err)
{
	int date = plan->date, npr = 0, rc = BP_OK;
	if (!plan->nunsched || horizon <= 0)
		return BP_OK;
	/* Thousands of jobs left out take most of a second to look up alone:
	 * with less than a second left that is no time either. */
	if (bp_clock() > deadline ||
	    ((double)plan->nunsched * all->njobs > 5e6 && deadline - bp_clock() < 1.0)) {
		/* No time at all (a day of thousands of jobs at a short limit):
		 * say so rather than look each job up. */
		for (int i = 0; i < plan->nunsched; i++) {
			struct bp_unscheduled *u = &plan->unsched[i];
			char text[sizeof u->detail + 96];
			snprintf(text, sizeof text, "%s%sthe time limit left no time to look for a "
				 "later date", u->detail, u->detail[0] ? "; " : "");
			memcpy(u->detail, text, sizeof u->detail - 1);
			u->detail[sizeof u->detail - 1] = 0;
		}
		return BP_OK;
	}
	struct probe *pr = calloc((size_t)plan->nunsched, sizeof *pr);
	struct bp_shop base;
	if (!pr)
		return bp_err_set(err, BP_EINTERNAL, "out of memory");
	if (base_copy(all, date, &base)) {
		free(pr);
		return bp_err_set(err, BP_EINTERNAL, "out of memory");
	}
	for (int i = 0; i < plan->nunsched; i++) {
		const struct bp_unscheduled *u = &plan->unsched[i];
		const char *id = day_shop->jobs[u->job].id;
		int src = bp_shop_job(all, id);
		if (src < 0)
			continue;
		struct probe *p = &pr[npr++];
		p->unsched = i;
		p->src = src;
		p->found = -1;
		snprintf(p->id, sizeof p->id, "%s", id);
		/* A part that cannot come today comes on the date its reason
		 * gives; any other job's parts are kept for it from tomorrow. */
		p->from = u->reason == BP_REASON_PARTS && u->earliest_date > date
				  ? u->earliest_date : date + 1;
	}
	/* Trial jobs in the order they would be rebooked: higher tiers first
	 * (stable: the plan's order within a tier). */
	for (int k = 0; k < npr; k++)
		pr[k].rank = (long)all->jobs[pr[k].src].tier * (npr + 1) + k;
	qsort(pr, (size_t)npr, sizeof *pr, cmp_rank);
	int last = date + horizon, left = npr, stopped = 0;
	for (int day = date + 1; day <= last && left > 0 && !rc; day++) {
		int out_of_time = bp_clock() > deadline;
		if (!out_of_time)
			rc = try_day(&base, all, day_shop, plan, day, pr, npr, deadline,
				     &out_of_time, err);
		if (out_of_time) {
			stopped = day;
			break;
		}
		left = 0;
		for (int k = 0; k < npr; k++)
			left += pr[k].found < 0;
	}
	for (int k = 0; k < npr && !rc; k++) {
		struct bp_unscheduled *u = &plan->unsched[pr[k].unsched];
		if (pr[k].found >= 0) {
			u->earliest_date = pr[k].found;
			/* The date the reason gave was full: say so. */
			if (u->reason == BP_REASON_PARTS && pr[k].found > pr[k].from) {
				char d[12], text[sizeof u->detail + 64];
				bp_date_format(pr[k].found, d, sizeof d);
				snprintf(text, sizeof text, "%s; that day is full, it fits on %s",
					 u->detail, d);
				memcpy(u->detail, text, sizeof u->detail - 1);
				u->detail[sizeof u->detail - 1] = 0;
			}
		} else if (stopped) {
			/* The time limit came first: say how far the search got
			 * rather than claim there is no date. */
			char d[12], text[sizeof u->detail + 96];
			bp_date_format(stopped - 1, d, sizeof d);
			snprintf(text, sizeof text, "%s%sno date found up to %s; the time limit "
				 "stopped the search for later dates", u->detail,
				 u->detail[0] ? "; " : "", d);
			memcpy(u->detail, text, sizeof u->detail - 1);
			u->detail[sizeof u->detail - 1] = 0;
			u->earliest_date = -1;
		} else {
			none_found(u, &pr[k], horizon, last);
		}
	}
	bp_shop_free(&base);
	free(pr);
	return rc;
}
