/*
 * sched_build.c - from a shop to the schedule model: classes of
 * interchangeable technicians and bays, every placement a job could take
 * (pruned by skill, bay type, arrival, shifts, breaks, closed periods and
 * parts), and the stock rows that make jobs share parts.
 */
#include "sched_int.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int same_spans(const struct bp_span *a, int na, const struct bp_span *b, int nb)
{
	if (na != nb)
		return 0;
	for (int i = 0; i < na; i++)
		if (a[i].start != b[i].start || a[i].end != b[i].end)
			return 0;
	return 1;
}

static int same_tech(const struct bp_shop *s, const struct bp_technician *a,
		     const struct bp_technician *b)
{
	return a->shift.start == b->shift.start && a->shift.end == b->shift.end &&
	       same_spans(a->breaks, a->nbreaks, b->breaks, b->nbreaks) &&
	       memcmp(a->level, b->level, (size_t)s->nskills) == 0 &&
	       a->cost_per_hour == b->cost_per_hour &&
	       a->overtime_cost_per_hour == b->overtime_cost_per_hour;
}

static int same_bay(const struct bp_bay *a, const struct bp_bay *b)
{
	return a->type == b->type && same_spans(a->closed, a->nclosed, b->closed, b->nclosed);
}

/* Group technicians; a technician some job asks for by name stays alone so
 * that the request can be honoured on the class. */
static int build_tclasses(struct bp_model *m, const struct bp_shop *s, int date)
{
	char *requested = calloc((size_t)s->ntechs + 1, 1);
	m->tech_class = malloc(((size_t)s->ntechs + 1) * sizeof *m->tech_class);
	m->tc = calloc((size_t)s->ntechs + 1, sizeof *m->tc);
	if (!requested || !m->tech_class || !m->tc) {
		free(requested);
		return -1;
	}
	for (int j = 0; j < s->njobs; j++)
		if (s->jobs[j].date == date && s->jobs[j].technician >= 0)
			requested[s->jobs[j].technician] = 1;
	for (int t = 0; t < s->ntechs; t++) {
		int c = -1;
		if (!requested[t])
			for (int k = 0; k < m->ntc && c < 0; k++)
				if (!requested[m->tc[k].rep] &&
				    same_tech(s, &s->techs[m->tc[k].rep], &s->techs[t]))
					c = k;
		if (c < 0) {
			c = m->ntc++;
			m->tc[c].rep = t;
		}
		m->tech_class[t] = c;
		m->tc[c].count++;
	}
	free(requested);
	for (int k = 0; k < m->ntc; k++) {
		m->tc[k].members = malloc((size_t)m->tc[k].count * sizeof(int));
		if (!m->tc[k].members)
			return -1;
		m->tc[k].count = 0;
	}
	for (int t = 0; t < s->ntechs; t++) {
		struct bp_tclass *c = &m->tc[m->tech_class[t]];
		c->members[c->count++] = t;
	}
	return 0;
}

static int build_bclasses(struct bp_model *m, const struct bp_shop *s)
{
	m->bay_class = malloc(((size_t)s->nbays + 1) * sizeof *m->bay_class);
	m->bc = calloc((size_t)s->nbays + 1, sizeof *m->bc);
	if (!m->bay_class || !m->bc)
		return -1;
	for (int b = 0; b < s->nbays; b++) {
		int c = -1;
		for (int k = 0; k < m->nbc && c < 0; k++)
			if (same_bay(&s->bays[m->bc[k].rep], &s->bays[b]))
				c = k;
		if (c < 0) {
			c = m->nbc++;
			m->bc[c].rep = b;
		}
		m->bay_class[b] = c;
		m->bc[c].count++;
	}
	for (int k = 0; k < m->nbc; k++) {
		m->bc[k].members = malloc((size_t)m->bc[k].count * sizeof(int));
		if (!m->bc[k].members)
			return -1;
		m->bc[k].count = 0;
	}
	for (int b = 0; b < s->nbays; b++) {
		struct bp_bclass *c = &m->bc[m->bay_class[b]];
		c->members[c->count++] = b;
	}
	return 0;
}

/* Where slot t stands against `avail` and the gaps: -1 not inside avail,
 * 1 inside and touching a gap, 0 inside and clear. */
static int slot_gap(const struct bp_model *m, int t, struct bp_span avail,
		    const struct bp_span *gaps, int ngaps)
{
	struct bp_span sl = {m->origin + t * m->len, m->origin + (t + 1) * m->len};
	if (sl.start < avail.start || sl.end > avail.end)
		return -1;
	for (int i = 0; i < ngaps; i++)
		if (bp_span_overlaps(sl, gaps[i]))
			return 1;
	return 0;
}

static int slot_clear(const struct bp_model *m, int t, struct bp_span avail,
		      const struct bp_span *gaps, int ngaps)
{
	return slot_gap(m, t, avail, gaps, ngaps) == 0;
}

/* Does slot t lie inside `avail` and touch one of the gaps? */
static int slot_in_gap(const struct bp_model *m, int t, struct bp_span avail,
		       const struct bp_span *gaps, int ngaps)
{
	return slot_gap(m, t, avail, gaps, ngaps) == 1;
}

/* The slots [a, b) of a loan car or wash taken by work that is fixed. */
static void fixed_ranges(const struct bp_model *m, const struct bp_shop *s,
			 const struct bp_assignment *a, int *l0, int *l1, int *w0, int *w1)
{
	const struct bp_job *j = &s->jobs[a->job];
	const struct bp_service *sv = &s->services[j->service];
	*l0 = *l1 = *w0 = *w1 = 0;
	if (j->loan_car) {
		*l0 = bp_slot_of(bp_job_arrival(j), m->origin, m->len);
		*l1 = bp_slot_ceil(bp_loan_back(s, a), m->origin, m->len);
	}
	if (sv->wash_minutes && a->carry == 0) {
		*w0 = bp_slot_of(a->end, m->origin, m->len);
		*w1 = bp_slot_ceil(a->end + sv->wash_minutes, m->origin, m->len);
	}
}

/* Capacity per class and slot: the members free then, less work already
 * under way (re-planning from `now`). A class's break slots get
 * BP_BREAK_CAP: work pauses there, and only the bay counts. */
static int build_capacity(struct bp_model *m, const struct bp_shop *s,
			  const struct bp_sched_opts *o)
{
	int day_end = m->day_end;
	size_t ns = (size_t)m->nslots;
	m->tc_cap = calloc((size_t)m->ntc * ns + 1, 1);
	m->tc_brk = calloc((size_t)m->ntc * ns + 1, 1);
	m->bc_cap = calloc((size_t)m->nbc * ns + 1, 1);
	m->loan_cap = calloc(ns + 1, sizeof(int));
	m->wash_cap = calloc(ns + 1, sizeof(int));
	if (!m->tc_cap || !m->tc_brk || !m->bc_cap || !m->loan_cap || !m->wash_cap)
		return -1;
	for (int k = 0; k < m->ntc; k++) {
		const struct bp_technician *t = &s->techs[m->tc[k].rep];
		int end = t->shift.end + s->info.overtime_minutes;
		struct bp_span avail = {t->shift.start, end < day_end ? end : day_end};
		int cnt = m->tc[k].count > 254 ? 254 : m->tc[k].count;
		for (int i = 0; i < m->nslots; i++) {
			if (slot_clear(m, i, avail, t->breaks, t->nbreaks)) {
				m->tc_cap[k * m->nslots + i] = (unsigned char)cnt;
			} else if (slot_in_gap(m, i, avail, t->breaks, t->nbreaks)) {
				m->tc_cap[k * m->nslots + i] = BP_BREAK_CAP;
				m->tc_brk[k * m->nslots + i] = 1;
			}
		}
	}
	for (int k = 0; k < m->nbc; k++) {
		const struct bp_bay *b = &s->bays[m->bc[k].rep];
		struct bp_span avail = {s->info.open, day_end};
		int cnt = m->bc[k].count > 254 ? 254 : m->bc[k].count;
		for (int i = 0; i < m->nslots; i++)
			if (slot_clear(m, i, avail, b->closed, b->nclosed))
				m->bc_cap[k * m->nslots + i] = (unsigned char)cnt;
	}
	for (int i = 0; i < m->nslots; i++) {
		m->loan_cap[i] = s->info.loan_cars;
		m->wash_cap[i] = s->info.wash_bays;
	}
	m->wash_on = s->info.wash_bays > 0;
	for (int f = 0; f < o->nfixed; f++) {
		const struct bp_assignment *a = &o->fixed[f];
		int t0 = bp_slot_of(a->start, m->origin, m->len);
		int t1 = bp_slot_ceil(a->end, m->origin, m->len);
		for (int i = t0 < 0 ? 0 : t0; i < t1 && i < m->nslots; i++) {
			size_t ti = (size_t)m->tech_class[a->tech] * ns + (size_t)i;
			unsigned char *bc = &m->bc_cap[m->bay_class[a->bay] * m->nslots + i];
			if (m->tc_cap[ti] && !m->tc_brk[ti])
				m->tc_cap[ti]--;
			if (*bc)
				(*bc)--;
		}
		int l0, l1, w0, w1;
		fixed_ranges(m, s, a, &l0, &l1, &w0, &w1);
		for (int i = l0 < 0 ? 0 : l0; i < l1 && i < m->nslots; i++)
			if (m->loan_cap[i] > 0)
				m->loan_cap[i]--;
		for (int i = w0 < 0 ? 0 : w0; i < w1 && i < m->nslots; i++)
			if (m->wash_cap[i] > 0)
				m->wash_cap[i]--;
	}
	return 0;
}

/* Is the car of job j at the shop already, received on an earlier day
 * (carried over) or before a re-plan's `now`? Then no advisor receives it. */
static int received_before(const struct bp_job *j, int date, int now)
{
	return (j->carried_from > 0 && j->carried_from < date) ||
	       (now >= 0 && bp_job_arrival(j) < now);
}

/* The advisors' instants and what the day leaves them. A shop with no
 * advisor or no check-in rate does not plan check-ins. */
static int build_checkins(struct bp_model *m, const struct bp_shop *s,
			  const struct bp_sched_opts *o, const unsigned char *fixed)
{
	int n = s->info.advisors, rate = s->info.advisor_checkins_per_hour;
	if (n <= 0 || rate <= 0)
		return 0;
	m->ci_per = n;
	/* Instants at open + floor(k x 60 / rate): any hour holds `rate` of
	 * them, and none is closer than floor(60 / rate) to the next. */
	int cap = (s->info.close - s->info.open) * rate / 60 + 2;
	m->inst = malloc((size_t)cap * sizeof(int));
	if (!m->inst)
		return -1;
	for (int k = 0;; k++) {
		int at = s->info.open + (int)((long)k * 60 / rate);
		if (at >= s->info.close || m->ninst == cap)
			break;
		if (o->now >= 0 && at < o->now)
			continue;
		if (m->ninst && m->inst[m->ninst - 1] == at)
			continue;
		m->inst[m->ninst++] = at;
	}
	/* A day's check-ins per advisor are bounded by policy; the cars
	 * received already today count. */
	long total = s->policy.advisor_day_max > 0 ? (long)n * s->policy.advisor_day_max
						   : 1L << 30;
	for (int j = 0; j < s->njobs; j++) {
		const struct bp_job *jb = &s->jobs[j];
		if (jb->date == m->date && !(jb->carried_from > 0 && jb->carried_from < m->date) &&
		    (fixed[j] || received_before(jb, m->date, o->now)))
			total--;
	}
	m->ci_total = total < 0 ? 0 : total > (1 << 30) ? 1 << 30 : (int)total;
	return 0;
}

/* The instant a job that needs a check-in can first be received at (index
 * into m->inst); -1 when it needs none, -2 when the advisors have none left
 * for it. */
static int checkin_instant(const struct bp_model *m, const struct bp_job *j)
{
	if (!m->inst || received_before(j, m->date, m->opts->now))
		return -1;
	if (m->ci_total <= 0)
		return -2;
	for (int i = 0; i < m->ninst; i++)
		if (m->inst[i] >= bp_job_arrival(j))
			return i;
	return -2;
}

/* Check-in classes: only the instants some job is first received at (Hall's
 * intervals need start only there), so that the tables stay small. On entry
 * J->ac holds the instant; on return the class. K(a, b) counts every
 * instant from class a's to the start of slot b. */
static int build_classes(struct bp_model *m)
{
	if (!m->inst)
		return 0;
	int *cls = malloc(((size_t)m->ninst + 1) * sizeof(int));
	m->ac_time = malloc(((size_t)m->ninst + 1) * sizeof(int));
	if (!cls || !m->ac_time) {
		free(cls);
		return -1;
	}
	for (int i = 0; i < m->ninst; i++)
		cls[i] = -1;
	for (int j = 0; j < m->njobs; j++)
		if (m->jobs[j].ac >= 0)
			cls[m->jobs[j].ac] = 0;
	for (int i = 0; i < m->ninst; i++)
		if (cls[i] == 0) {
			cls[i] = m->nac;
			m->ac_time[m->nac++] = m->inst[i];
		}
	for (int j = 0; j < m->njobs; j++)
		if (m->jobs[j].ac >= 0)
			m->jobs[j].ac = cls[m->jobs[j].ac];
	free(cls);
	m->ci_k = malloc(((size_t)m->nac * (size_t)m->nslots + 1) * sizeof(int));
	m->ci_krate = malloc(((size_t)m->nac * (size_t)m->nslots + 1) * sizeof(int));
	if (!m->ci_k || !m->ci_krate)
		return -1;
	for (int a = 0; a < m->nac; a++) {
		int q = 0;
		while (q < m->ninst && m->inst[q] < m->ac_time[a])
			q++;
		int q0 = q;
		for (int b = 0; b < m->nslots; b++) {
			int by = m->origin + b * m->len;
			while (q < m->ninst && m->inst[q] <= by)
				q++;
			long k = (long)(q - q0) * m->ci_per;
			m->ci_krate[a * m->nslots + b] = k < (1 << 30) ? (int)k : 1 << 30;
			m->ci_k[a * m->nslots + b] = k < m->ci_total ? (int)k : m->ci_total;
		}
	}
	return 0;
}

/* Can the check-in rows ever bind? Only when more jobs could start by some
 * slot than the advisors could receive by then. */
static void checkins_binding(struct bp_model *m)
{
	if (!m->ac_time)
		return;
	int *first = calloc((size_t)m->nac * (size_t)(m->nslots + 1) + 1, sizeof(int));
	if (!first) {
		m->ci_on = 1; /* cannot tell: keep the rows */
		return;
	}
	for (int j = 0; j < m->njobs; j++) {
		const struct bp_mjob *J = &m->jobs[j];
		if (J->ac < 0 || J->c1 == J->c0)
			continue;
		first[J->ac * (m->nslots + 1) + J->first_s]++;
	}
	/* Dmax(a, b): jobs of class >= a whose first start is by b. */
	int *dmax = calloc((size_t)m->nslots + 1, sizeof(int));
	if (!dmax) {
		free(first);
		m->ci_on = 1;
		return;
	}
	for (int a = m->nac - 1; a >= 0 && !m->ci_on; a--) {
		int run = 0;
		for (int b = 0; b < m->nslots; b++) {
			run += first[a * (m->nslots + 1) + b];
			dmax[b] += run;
			if (dmax[b] > m->ci_k[a * m->nslots + b])
				m->ci_on = 1;
		}
		/* dmax[b] now holds the counts of classes >= a up to b, as the
		 * next (smaller) class needs: the running sums accumulate. */
	}
	free(dmax);
	free(first);
}

/* Units of part p at hand at minute `at` on the plan date (on hand plus
 * deliveries that have arrived); deliveries before the date count as stock. */
static int stock_at(const struct bp_shop *s, int p, int date, int at)
{
	const struct bp_part *pt = &s->parts[p];
	int q = pt->on_hand;
	for (int i = 0; i < pt->non_order; i++) {
		const struct bp_delivery *d = &pt->on_order[i];
		if (d->day < date || (d->day == date && d->minute <= at))
			q += d->qty;
	}
	return q;
}

/* When a just-in-time order placed at open arrives; INT_MAX when it cannot
 * arrive on the date (rare parts). */
static int jit_time(const struct bp_shop *s, int p)
{
	const struct bp_part *pt = &s->parts[p];
	if (pt->supply == BP_SUPPLY_RARE)
		return INT_MAX;
	int at = s->info.open + s->info.lead_hours[pt->supply] * 60;
	return at < s->info.close + s->info.overtime_minutes ? at : INT_MAX;
}

/* Earliest minute the parts of job j are there for it alone; INT_MAX = not
 * on the date. */
static int parts_ready(const struct bp_shop *s, const struct bp_job *j, int date)
{
	int ready = -1;
	const struct bp_service *sv = &s->services[j->service];
	for (int pass = 0; pass < 2; pass++) {
		const struct bp_part_line *l = pass ? j->parts : sv->parts;
		int n = pass ? j->nparts : sv->nparts;
		for (int i = 0; i < n; i++) {
			int p = l[i].part, q = bp_job_part_qty(s, j, p);
			int at = INT_MAX;
			if (stock_at(s, p, date, -1) >= q)
				at = -1;
			else {
				const struct bp_part *pt = &s->parts[p];
				for (int k = 0; k < pt->non_order; k++) {
					const struct bp_delivery *d = &pt->on_order[k];
					if (d->day == date && d->minute < at &&
					    stock_at(s, p, date, d->minute) >= q)
						at = d->minute;
				}
				int jt = jit_time(s, p);
				if (jt < at)
					at = jt;
			}
			if (at > ready)
				ready = at;
		}
	}
	return ready;
}

/* The date a part missing today could be there: ordered at open today. */
static int parts_earliest_date(const struct bp_shop *s, const struct bp_job *j, int date,
			       char *what, size_t n)
{
	int latest = date + 1;
	what[0] = 0;
	const struct bp_service *sv = &s->services[j->service];
	for (int pass = 0; pass < 2; pass++) {
		const struct bp_part_line *l = pass ? j->parts : sv->parts;
		int cnt = pass ? j->nparts : sv->nparts;
		for (int i = 0; i < cnt; i++) {
			int p = l[i].part, q = bp_job_part_qty(s, j, p);
			if (stock_at(s, p, date, 24 * 60) >= q)
				continue;
			const struct bp_part *pt = &s->parts[p];
			int mins = s->info.open + s->info.lead_hours[pt->supply] * 60;
			int day = date + mins / 1440;
			if (mins % 1440 > s->info.close)
				day++;
			/* A later delivery already on order may come sooner. */
			for (int k = 0; k < pt->non_order; k++)
				if (pt->on_order[k].day > date && pt->on_order[k].day < day &&
				    pt->on_order[k].qty + stock_at(s, p, date, 24 * 60) >= q)
					day = pt->on_order[k].day;
			if (day > latest)
				latest = day;
			if (!what[0])
				snprintf(what, n, "%d x %s (%s, %d on hand, %d on order for today)",
					 q, pt->sku, bp_supply_name(pt->supply),
					 stock_at(s, p, date, -1),
					 stock_at(s, p, date, 24 * 60) - stock_at(s, p, date, -1));
		}
	}
	return latest;
}

/* A column's worth: the job's value less what it costs to do it this way.
 * The work runs from `start`, `minutes` of it today, stopping at `end`
 * (pauses over the technician's breaks included), `carry` left for the next
 * working day. */
static double column_value(const struct bp_model *m, const struct bp_mjob *J,
			   const struct bp_technician *t, int start, int minutes, int end,
			   int carry)
{
	const struct bp_shop *s = m->shop;
	const struct bp_policy *pol = &s->policy;
	const struct bp_job *j = &s->jobs[J->job];
	const struct bp_service *sv = &s->services[j->service];
	double pen = 0;
	if (j->promised >= 0) {
		/* Late by the time the car is ready: the work, then the handover.
		 * Work that continues tomorrow is late by the rest of the day
		 * after the promise and the work left (bp_assignment_late). */
		int late;
		if (carry) {
			int de = s->info.close > j->promised ? s->info.close : j->promised;
			late = de - j->promised + carry + J->handover;
		} else {
			late = end + J->handover - j->promised;
		}
		if (late > 0)
			pen += pol->late_per_minute * late;
	}
	if (end > t->shift.end) {
		int from = start > t->shift.end ? start : t->shift.end;
		pen += pol->overtime_factor * bp_work_between(t, from, end) *
		       t->overtime_cost_per_hour / 60.0;
	}
	pen += pol->overqual_per_minute * (t->level[sv->skill] - sv->level) * minutes;
	if (j->waiting && start > bp_job_arrival(j))
		pen += pol->wait_per_minute * (start - bp_job_arrival(j));
	pen += pol->pause_per_minute * (end - start - minutes);
	pen += pol->carry_per_minute * carry;
	/* Doing a job must always beat leaving it out: cap what it may cost. */
	if (pen > 0.9 * J->base)
		pen = 0.9 * J->base;
	return J->base - pen;
}

static int add_col(struct bp_model *m, const struct bp_col *c)
{
	if (m->ncols == m->capcols) {
		int nc = m->capcols ? m->capcols * 2 : 4096;
		void *p = realloc(m->cols, (size_t)nc * sizeof *m->cols);
		if (!p)
			return -1;
		m->cols = p;
		m->capcols = nc;
	}
	m->cols[m->ncols++] = *c;
	return 0;
}

/* Technician class tc free over [s0, s0 + dt) (its break slots always are)
 * and bay class bc over [s0, s0 + d). */
static int occupancy_free(const struct bp_model *m, int tc, int bc, int s0, int dt, int d)
{
	if (s0 < 0 || s0 + d > m->nslots || s0 + dt > m->nslots)
		return 0;
	for (int i = s0; i < s0 + dt; i++)
		if (!m->tc_cap[tc * m->nslots + i])
			return 0;
	for (int i = s0; i < s0 + d; i++)
		if (!m->bc_cap[bc * m->nslots + i])
			return 0;
	return 1;
}

static void skill_detail(const struct bp_shop *s, const struct bp_job *j, char *buf, size_t n)
{
	const struct bp_service *sv = &s->services[j->service];
	int best = 0, who = -1;
	for (int t = 0; t < s->ntechs; t++)
		if (s->techs[t].level[sv->skill] > best) {
			best = s->techs[t].level[sv->skill];
			who = t;
		}
	if (j->technician >= 0 && bp_job_minutes(s, j, &s->techs[j->technician]) == 0)
		snprintf(buf, n, "needs %s level %d; the requested technician %s has level %d",
			 s->skills[sv->skill].id, sv->level, s->techs[j->technician].id,
			 s->techs[j->technician].level[sv->skill]);
	else if (who < 0)
		snprintf(buf, n, "needs %s level %d; nobody on the roster has %s",
			 s->skills[sv->skill].id, sv->level, s->skills[sv->skill].id);
	else
		snprintf(buf, n, "needs %s level %d; the best on the roster is level %d (%s)",
			 s->skills[sv->skill].id, sv->level, best, s->techs[who].id);
}

/* How one technician class could do a job from each start slot: the end
 * of the work, the slots the technician and the bay are held, the minutes
 * done today and the minutes left for the next working day; dt = 0 where it
 * cannot start. */
struct way {
	int end, dt, d, minutes, carry;
};

static void class_ways(const struct bp_model *m, int tc, int minutes, int s0, struct way *w)
{
	const struct bp_shop *s = m->shop;
	const struct bp_technician *t = &s->techs[m->tc[tc].rep];
	int ot_end = t->shift.end + s->info.overtime_minutes;
	int avail_end = ot_end < m->day_end ? ot_end : m->day_end;
	int from = t->shift.start > m->origin ? t->shift.start : m->origin;
	/* A job longer than the class's whole day stops at the end of the shift
	 * and continues on the next working day; any other fits in the day. */
	int whole = bp_work_between(t, from, avail_end) >= minutes;
	int stop = t->shift.end < m->day_end ? t->shift.end : m->day_end;
	for (int st = 0; st < m->nslots; st++)
		w[st].dt = 0;
	for (int st = s0 < 0 ? 0 : s0; st < m->nslots; st++) {
		int start = m->origin + st * m->len;
		/* Work starts on shift and never in a break. */
		if (!m->tc_cap[tc * m->nslots + st] || m->tc_brk[tc * m->nslots + st])
			continue;
		struct way *x = &w[st];
		if (whole) {
			int end = bp_work_end(t, start, minutes);
			if (end > avail_end)
				break;
			x->end = end;
			x->dt = x->d = bp_slot_ceil(end, m->origin, m->len) - st;
			x->minutes = minutes;
			x->carry = 0;
		} else {
			if (start >= stop)
				break;
			int done = bp_work_between(t, start, stop);
			if (done <= 0)
				continue;
			x->end = stop;
			x->dt = bp_slot_ceil(stop, m->origin, m->len) - st;
			x->d = m->nslots - st; /* the car stays on its bay overnight */
			x->minutes = done;
			x->carry = minutes - done;
		}
	}
}

static int unsched_checkin(struct bp_model *m, struct bp_plan *plan, int job)
{
	const struct bp_shop *s = m->shop;
	const struct bp_job *j = &s->jobs[job];
	char a[8], l[8];
	bp_time_format(bp_job_arrival(j), a, sizeof a);
	if (m->ci_total <= 0)
		return bp_plan_add_unscheduled(
			plan, job, BP_REASON_CHECK_IN, -1,
			"the advisors have received all the cars they may today (%d advisors, at "
			"most %d each by policy)", s->info.advisors, s->policy.advisor_day_max);
	bp_time_format(m->ninst ? m->inst[m->ninst - 1] : s->info.close, l, sizeof l);
	return bp_plan_add_unscheduled(plan, job, BP_REASON_CHECK_IN, -1,
				       "arrives at %s; the advisors receive their last car at %s",
				       a, l);
}

/* Columns of one job, or the reason it has none. */
static int job_columns(struct bp_model *m, int mj, struct bp_plan *plan, struct way *w)
{
	const struct bp_shop *s = m->shop;
	struct bp_mjob *J = &m->jobs[mj];
	const struct bp_job *j = &s->jobs[J->job];
	const struct bp_service *sv = &s->services[j->service];
	char buf[200];
	int any_tech = 0, any_bay = 0;
	J->c0 = J->c1 = m->ncols;
	J->first_s = m->nslots;
	for (int t = 0; t < s->ntechs; t++)
		if (bp_job_minutes(s, j, &s->techs[t]) > 0 &&
		    (j->technician < 0 || j->technician == t))
			any_tech = 1;
	if (!any_tech) {
		skill_detail(s, j, buf, sizeof buf);
		return bp_plan_add_unscheduled(plan, J->job, BP_REASON_NO_SKILL, -1, "%s", buf);
	}
	for (int b = 0; b < s->nbays; b++)
		if (bp_bay_serves(s, s->bays[b].type, sv->bay_type))
			any_bay = 1;
	if (!any_bay)
		return bp_plan_add_unscheduled(plan, J->job, BP_REASON_NO_BAY, -1,
					       "needs a %s bay; the shop has none that takes %s work",
					       s->bay_types[sv->bay_type].id,
					       s->bay_types[sv->bay_type].id);
	if (J->loan && s->info.loan_cars == 0)
		return bp_plan_add_unscheduled(plan, J->job, BP_REASON_LOAN_CAR, -1,
					       "the customer takes a loan car while the car is in; "
					       "the shop has none (loan_cars: 0)");
	int ready = parts_ready(s, j, m->date);
	J->ready = ready;
	if (ready == INT_MAX) {
		int day = parts_earliest_date(s, j, m->date, buf, sizeof buf);
		char ds[12];
		bp_date_format(day, ds, sizeof ds);
		return bp_plan_add_unscheduled(plan, J->job, BP_REASON_PARTS, day,
					       "needs %s; ordered now it can be done on %s", buf, ds);
	}
	if (J->ac == -2) {
		J->ac = -1;
		return unsched_checkin(m, plan, J->job);
	}
	int earliest = bp_job_arrival(j);
	if (ready > earliest)
		earliest = ready;
	if (m->opts->now > earliest)
		earliest = m->opts->now;
	if (J->ac >= 0 && m->ac_time[J->ac] > earliest)
		earliest = m->ac_time[J->ac]; /* received by an advisor first */
	int s0 = bp_slot_ceil(earliest, m->origin, m->len);
	if (s0 < 0)
		s0 = 0;
	for (int tc = 0; tc < m->ntc; tc++) {
		const struct bp_technician *t = &s->techs[m->tc[tc].rep];
		if (j->technician >= 0 && m->tech_class[j->technician] != tc)
			continue;
		int minutes = bp_job_minutes(s, j, t);
		if (!minutes)
			continue;
		class_ways(m, tc, minutes, s0, w);
		for (int bc = 0; bc < m->nbc; bc++) {
			if (!bp_bay_serves(s, s->bays[m->bc[bc].rep].type, sv->bay_type))
				continue;
			int first = -1;
			for (int st = s0; st < m->nslots; st++) {
				const struct way *x = &w[st];
				/* Thinned: the classes take turns, so that every start
				 * slot is still open to the job with some class. */
				if (first >= 0 && (st + tc + bc) % m->stride)
					continue;
				if (!x->dt || !occupancy_free(m, tc, bc, st, x->dt, x->d))
					continue;
				if (first < 0)
					first = st;
				if (st < J->first_s)
					J->first_s = st;
				int start = m->origin + st * m->len;
				struct bp_col c = {mj, tc, bc, st, x->d, x->dt, x->minutes, x->end,
						   x->carry,
						   column_value(m, J, t, start, x->minutes, x->end,
								x->carry)};
				if (add_col(m, &c))
					return -1;
			}
		}
	}
	J->c1 = m->ncols;
	if (J->c1 > J->c0)
		return 0;
	char a[8], e[8];
	bp_time_format(earliest, a, sizeof a);
	bp_time_format(m->day_end, e, sizeof e);
	return bp_plan_add_unscheduled(
		plan, J->job, BP_REASON_WINDOW, -1,
		"can start at %s at the earliest (arrival%s%s%s) and needs %d min or more; no "
		"technician and bay are free that long before %s, closed times included", a,
		ready > bp_job_arrival(j) ? ", parts" : "",
		m->opts->now > bp_job_arrival(j) ? ", now" : "",
		J->ac >= 0 && m->ac_time[J->ac] > bp_job_arrival(j) ? ", check-in" : "",
		j->minutes > 0 ? j->minutes : sv->minutes[sv->level] ? sv->minutes[sv->level] : 0, e);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Stock rows: for each delivery of a part that jobs compete for, the jobs
 * starting before it share what was there before it. */
static int build_stock(struct bp_model *m)
{
	const struct bp_shop *s = m->shop;
	int maxrows = 0;
	for (int p = 0; p < s->nparts; p++)
		maxrows += s->parts[p].non_order + 2;
	m->stock = malloc(((size_t)maxrows + 1) * sizeof *m->stock);
	if (!m->stock)
		return -1;
	for (int p = 0; p < s->nparts; p++) {
		int demand = 0;
		for (int mj = 0; mj < m->njobs; mj++)
			if (m->jobs[mj].c1 > m->jobs[mj].c0)
				demand += bp_job_part_qty(s, &s->jobs[m->jobs[mj].job], p);
		if (demand == 0)
			continue;
		int ev[BP_MAX_ON_ORDER + 2], nev = 0;
		const struct bp_part *pt = &s->parts[p];
		for (int k = 0; k < pt->non_order; k++)
			if (pt->on_order[k].day == m->date)
				ev[nev++] = pt->on_order[k].minute;
		int jt = jit_time(s, p);
		if (jt != INT_MAX)
			ev[nev++] = jt;
		else
			ev[nev++] = INT_MAX; /* the whole day shares what comes */
		qsort(ev, (size_t)nev, sizeof *ev, cmp_int);
		for (int k = 0; k < nev; k++) {
			if (k && ev[k] == ev[k - 1])
				continue;
			if (jt != INT_MAX && ev[k] > jt)
				break; /* after the JIT order, supply is not the limit */
			int cap = ev[k] == INT_MAX ? stock_at(s, p, m->date, 24 * 60)
						   : stock_at(s, p, m->date, ev[k] - 1);
			if (cap >= demand)
				continue;
			m->stock[m->nstock++] = (struct bp_stock_row){p, ev[k], cap};
		}
	}
	m->srow_start = calloc((size_t)m->ncols + 1, sizeof(int));
	if (!m->srow_start)
		return -1;
	int nnz = 0;
	for (int pass = 0; pass < 2; pass++) {
		nnz = 0;
		for (int c = 0; c < m->ncols; c++) {
			const struct bp_col *col = &m->cols[c];
			const struct bp_job *j = &s->jobs[m->jobs[col->job].job];
			int start = m->origin + col->s * m->len;
			if (!pass)
				m->srow_start[c] = nnz;
			for (int r = 0; r < m->nstock; r++) {
				if (start >= m->stock[r].before)
					continue;
				int q = bp_job_part_qty(s, j, m->stock[r].part);
				if (!q)
					continue;
				if (pass) {
					m->srow_idx[nnz] = r;
					m->srow_qty[nnz] = q;
				}
				nnz++;
			}
		}
		if (!pass) {
			m->srow_start[m->ncols] = nnz;
			m->srow_idx = malloc(((size_t)nnz + 1) * sizeof(int));
			m->srow_qty = malloc(((size_t)nnz + 1) * sizeof(int));
			if (!m->srow_idx || !m->srow_qty)
				return -1;
		}
	}
	return 0;
}

static const double *sel_key;

static int cmp_key(const void *a, const void *b)
{
	double x = sel_key[*(const int *)a], y = sel_key[*(const int *)b];
	if (x != y)
		return x > y ? -1 : 1;
	return *(const int *)a - *(const int *)b;
}

/* How far beyond the shop's day the bookings may go before the jobs worth
 * least per minute of work are left out of the model: 3 x the technicians'
 * minutes and 3 x the cars the advisors may receive. */
#define KEEP_FACTOR 3.0

static int select_jobs(struct bp_model *m, struct bp_plan *plan)
{
	const struct bp_shop *s = m->shop;
	double cap = 0, work = 0;
	for (int tc = 0; tc < m->ntc; tc++)
		for (int t = 0; t < m->nslots; t++)
			if (!m->tc_brk[tc * m->nslots + t])
				cap += m->tc_cap[tc * m->nslots + t];
	cap *= m->len;
	double *key = malloc(((size_t)m->njobs + 1) * sizeof *key);
	double *mins = malloc(((size_t)m->njobs + 1) * sizeof *mins);
	int *order = malloc(((size_t)m->njobs + 1) * sizeof *order);
	int rc = -1;
	if (!key || !mins || !order)
		goto out;
	int nci = 0;
	for (int mj = 0; mj < m->njobs; mj++) {
		const struct bp_job *j = &s->jobs[m->jobs[mj].job];
		int best = 0;
		for (int t = 0; t < s->ntechs; t++) {
			int x = bp_job_minutes(s, j, &s->techs[t]);
			if (x > 0 && (!best || x < best))
				best = x;
		}
		mins[mj] = best > 0 ? best : 1e9;
		key[mj] = m->jobs[mj].base / (best > 0 ? best : 1e9);
		work += best;
		nci += m->jobs[mj].ac >= 0;
		order[mj] = mj;
	}
	int ci_over = m->ci_on && nci > KEEP_FACTOR * m->ci_total;
	if (work <= KEEP_FACTOR * cap && !ci_over) {
		rc = 0;
		goto out;
	}
	sel_key = key;
	qsort(order, (size_t)m->njobs, sizeof *order, cmp_key);
	sel_key = NULL;
	/* Keep, in that order, until both the work and the check-ins reach
	 * their multiple (or the jobs run out). */
	unsigned char *keep = calloc((size_t)m->njobs + 1, 1);
	m->xval = malloc(((size_t)m->njobs + 1) * sizeof *m->xval);
	m->xci = malloc((size_t)m->njobs + 1);
	if (!keep || !m->xval || !m->xci) {
		free(keep);
		goto out;
	}
	double kw = 0;
	int kc = 0;
	for (int i = 0; i < m->njobs; i++) {
		int mj = order[i];
		const struct bp_mjob *J = &m->jobs[mj];
		if (kw < KEEP_FACTOR * cap || (m->ci_on && J->ac >= 0 && kc < KEEP_FACTOR * m->ci_total) ||
		    (J->ac < 0 && kw < KEEP_FACTOR * cap)) {
			keep[mj] = 1;
			kw += mins[mj] < 1e9 ? mins[mj] : 0;
			kc += J->ac >= 0;
		}
	}
	int n = 0;
	rc = 0;
	for (int mj = 0; mj < m->njobs && !rc; mj++) {
		if (keep[mj]) {
			m->jobs[n++] = m->jobs[mj];
			continue;
		}
		m->xval[m->nx] = m->jobs[mj].base;
		m->xci[m->nx++] = m->jobs[mj].ac >= 0;
		rc = bp_plan_add_unscheduled(
			plan, m->jobs[mj].job, BP_REASON_CAPACITY, -1,
			"the day is booked for %.0f%% of the technicians' time; this job, worth "
			"less per minute of work than those planned, was not considered",
			100 * work / (cap > 0 ? cap : 1)) ? -1 : 0;
	}
	m->njobs = n;
	free(keep);
out:
	free(key);
	free(mins);
	free(order);
	return rc;
}

/* Columns the full model would have, from the classes alone (every start
 * after arrival; breaks and closures left out, so it errs high). */
static long long estimate_columns(const struct bp_model *m)
{
	const struct bp_shop *s = m->shop;
	long long n = 0;
	for (int mj = 0; mj < m->njobs; mj++) {
		const struct bp_job *j = &s->jobs[m->jobs[mj].job];
		const struct bp_service *sv = &s->services[j->service];
		int ntc = 0, nbc = 0;
		for (int tc = 0; tc < m->ntc; tc++)
			if ((j->technician < 0 || m->tech_class[j->technician] == tc) &&
			    bp_job_minutes(s, j, &s->techs[m->tc[tc].rep]) > 0)
				ntc++;
		for (int bc = 0; bc < m->nbc; bc++)
			if (bp_bay_serves(s, s->bays[m->bc[bc].rep].type, sv->bay_type))
				nbc++;
		int s0 = bp_slot_ceil(bp_job_arrival(j), m->origin, m->len);
		if (s0 < 0)
			s0 = 0;
		if (s0 < m->nslots)
			n += (long long)ntc * nbc * (m->nslots - s0);
	}
	return n;
}

/* About what this machine enumerates, prices and searches in a second on
 * one core with room to spare (the build alone runs at 3-5 million columns
 * a second), and the most kept at all: 48 bytes each, so about 290 MB. */
#define COLUMNS_PER_SECOND 1.5e6
#define COLUMNS_MIN 3.5e6
#define COLUMNS_MAX 6.0e6
/* The share of the time limit building the columns may take. */
#define BUILD_SHARE 0.6

static void choose_stride(struct bp_model *m)
{
	double tl = m->opts->time_limit > 0 ? m->opts->time_limit : 30;
	double cap = COLUMNS_PER_SECOND * tl;
	if (cap < COLUMNS_MIN)
		cap = COLUMNS_MIN;
	if (cap > COLUMNS_MAX)
		cap = COLUMNS_MAX;
	m->full_cols = estimate_columns(m);
	m->stride = 1;
	while (m->full_cols / m->stride > cap && m->stride < m->nslots)
		m->stride++;
}

int bp_sched_build(struct bp_model *m, const struct bp_shop *s, int date,
		   const struct bp_sched_opts *o, struct bp_plan *plan, struct bp_err *err)
{
	memset(m, 0, sizeof *m);
	m->shop = s;
	m->date = date;
	m->opts = o;
	m->origin = s->info.open;
	m->len = s->info.slot_minutes > 0 ? s->info.slot_minutes : 15;
	m->day_end = s->info.close + s->info.overtime_minutes;
	m->nslots = bp_slots_for(m->day_end - m->origin, m->len);
	if (m->nslots < 1)
		return bp_err_set(err, BP_EDATA, "the shop closes before it opens");
	plan->now = o->now > 0 ? o->now : 0;
	unsigned char *fixed = calloc((size_t)s->njobs + 1, 1);
	struct way *w = malloc(((size_t)m->nslots + 1) * sizeof *w);
	if (!fixed || !w)
		goto nomem;
	for (int f = 0; f < o->nfixed; f++)
		if (o->fixed[f].job >= 0 && o->fixed[f].job < s->njobs)
			fixed[o->fixed[f].job] = 1;
	if (build_tclasses(m, s, date) || build_bclasses(m, s) || build_capacity(m, s, o) ||
	    build_checkins(m, s, o, fixed))
		goto nomem;
	m->jobs = calloc((size_t)s->njobs + 1, sizeof *m->jobs);
	if (!m->jobs)
		goto nomem;
	for (int j = 0; j < s->njobs; j++) {
		const struct bp_job *jb = &s->jobs[j];
		if (jb->date != date || fixed[j])
			continue;
		const struct bp_service *sv = &s->services[jb->service];
		struct bp_mjob *J = &m->jobs[m->njobs++];
		J->job = j;
		J->base = s->policy.tier_weight[jb->tier] * s->policy.job_value;
		if (J->base <= 0)
			J->base = 1e-3 * s->policy.job_value;
		if (o->probe && o->probe[j])
			J->base = 1e-3 * s->policy.job_value;
		J->ac = checkin_instant(m, jb);
		J->loan = jb->loan_car != 0;
		J->l0 = bp_slot_of(bp_job_arrival(jb), m->origin, m->len);
		if (J->l0 < 0)
			J->l0 = 0;
		J->handover = sv->handover_minutes;
		J->wash = sv->wash_minutes;
		J->promised = jb->promised;
		m->loan_on |= J->loan;
	}
	if (select_jobs(m, plan) || build_classes(m))
		goto nomem;
	choose_stride(m);
	/* The estimate is of work, not of this machine's speed today: when the
	 * jobs built so far say the rest would take more than their share of
	 * BUILD_SHARE of the time limit, the rest are thinned further. */
	double b0 = bp_clock(), t_mark = b0;
	double budget = BUILD_SHARE * (o->time_limit > 0 ? o->time_limit : 30);
	int mj_mark = 0;
	for (int mj = 0; mj < m->njobs; mj++) {
		if (o->abandon_at > 0 && (mj & 15) == 0 && bp_clock() > o->abandon_at) {
			m->abandoned = 1;
			break;
		}
		/* The rate since the last change, over 32 jobs at least. */
		if ((mj & 15) == 15 && mj - mj_mark >= 32 && m->stride < m->nslots) {
			double now = bp_clock(), el = now - b0;
			if ((now - t_mark) / (mj - mj_mark) * (m->njobs - mj) > budget - el) {
				m->stride = m->stride * 2 < m->nslots ? m->stride * 2 : m->nslots;
				t_mark = now;
				mj_mark = mj;
			}
		}
		if (job_columns(m, mj, plan, w))
			goto nomem;
	}
	checkins_binding(m);
	if (build_stock(m))
		goto nomem;
	free(fixed);
	free(w);
	return BP_OK;
nomem:
	free(fixed);
	free(w);
	bp_sched_model_free(m);
	return bp_err_set(err, BP_EINTERNAL, "out of memory while building the schedule model");
}

void bp_sched_model_free(struct bp_model *m)
{
	for (int k = 0; m->tc && k < m->ntc; k++)
		free(m->tc[k].members);
	for (int k = 0; m->bc && k < m->nbc; k++)
		free(m->bc[k].members);
	free(m->tc);
	free(m->bc);
	free(m->tech_class);
	free(m->bay_class);
	free(m->tc_cap);
	free(m->tc_brk);
	free(m->bc_cap);
	free(m->loan_cap);
	free(m->wash_cap);
	free(m->ac_time);
	free(m->inst);
	free(m->ci_k);
	free(m->ci_krate);
	free(m->jobs);
	free(m->xval);
	free(m->xci);
	free(m->cols);
	free(m->stock);
	free(m->srow_start);
	free(m->srow_idx);
	free(m->srow_qty);
	memset(m, 0, sizeof *m);
}
