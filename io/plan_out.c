/*
 * plan_out.c - the plan as a table (by technician, by bay, unscheduled,
 * KPIs), CSV rows, one JSON object, or one VCALENDAR (a technician's or the
 * workshop's). Deterministic: no wall clock (the calendar's stamp is the
 * caller's), stable orders.
 */
#include "io/plan_out.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/out.h"
#include "io/version.h"

/* Plans are for one day; the orders below sort the assignments once. */
enum order { BY_TECH, BY_BAY, BY_TIME };

struct view {
	const struct bp_shop *s;
	const struct bp_plan *p;
	int tech;          /* only this technician's work; -1 = everything */
	int n;             /* assignments in the orders (all, or the technician's) */
	int *order[3];     /* assignment indexes in each order */
	int *asg_of;       /* job -> assignment index, -1 */
	int *uns_of;       /* job -> unscheduled index, -1 */
};

struct key {
	int k[3], idx;
};

static int key_cmp(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	for (int i = 0; i < 3; i++)
		if (x->k[i] != y->k[i])
			return x->k[i] < y->k[i] ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

const char *bp_level_name(int level)
{
	static const char *names[] = {"-", "junior", "intermediate", "senior"};
	return level >= 1 && level <= BP_LEVELS ? names[level] : "-";
}

int bp_tech_top_level(const struct bp_shop *s, const struct bp_technician *t)
{
	int top = 1;
	for (int k = 0; k < s->nskills; k++)
		if (t->level[k] > top)
			top = t->level[k];
	return top;
}

int bp_plan_check_refs(const struct bp_shop *s, const struct bp_plan *p, struct bp_err *err)
{
	for (int j = 0; j < s->njobs; j++)
		if (s->jobs[j].service < 0 || s->jobs[j].service >= s->nservices)
			return bp_err_set(err, BP_EINTERNAL, "job %s has no valid service",
					  s->jobs[j].id);
	for (int b = 0; b < s->nbays; b++)
		if (s->bays[b].type < 0 || s->bays[b].type >= s->nbay_types)
			return bp_err_set(err, BP_EINTERNAL, "bay %s has no valid type",
					  s->bays[b].id);
	for (int i = 0; i < p->nassign; i++) {
		const struct bp_assignment *a = &p->assign[i];
		if (a->job < 0 || a->job >= s->njobs || a->tech < 0 || a->tech >= s->ntechs ||
		    a->bay < 0 || a->bay >= s->nbays)
			return bp_err_set(err, BP_EINTERNAL,
					  "plan assignment %d refers to job %d, technician %d, "
					  "bay %d, which the shop does not have", i, a->job,
					  a->tech, a->bay);
	}
	for (int i = 0; i < p->nunsched; i++) {
		int j = p->unsched[i].job;
		if (j < 0 || j >= s->njobs)
			return bp_err_set(err, BP_EINTERNAL,
					  "plan's unscheduled entry %d refers to job %d, which the "
					  "shop does not have", i, j);
	}
	return BP_OK;
}

static void view_free(struct view *v)
{
	for (int i = 0; i < 3; i++)
		free(v->order[i]);
	free(v->asg_of);
	free(v->uns_of);
}

static int view_init(struct view *v, const struct bp_shop *s, const struct bp_plan *p,
		     int tech, struct bp_err *err)
{
	memset(v, 0, sizeof *v);
	v->s = s;
	v->p = p;
	v->tech = tech;
	int rc = bp_plan_check_refs(s, p, err);
	if (rc)
		return rc;
	if (tech < -1 || tech >= s->ntechs)
		return bp_err_set(err, BP_EINTERNAL, "technician %d is not in the shop", tech);
	size_t na = (size_t)p->nassign + 1, nj = (size_t)s->njobs + 1;
	struct key *keys = malloc(na * sizeof *keys);
	v->asg_of = malloc(nj * sizeof *v->asg_of);
	v->uns_of = malloc(nj * sizeof *v->uns_of);
	for (int o = 0; o < 3; o++)
		v->order[o] = malloc(na * sizeof *v->order[o]);
	if (!keys || !v->asg_of || !v->uns_of || !v->order[0] || !v->order[1] || !v->order[2]) {
		free(keys);
		view_free(v);
		return bp_err_set(err, BP_EINTERNAL, "out of memory writing the plan");
	}
	for (int j = 0; j < s->njobs; j++)
		v->asg_of[j] = v->uns_of[j] = -1;
	for (int i = 0; i < p->nassign; i++)
		if (v->asg_of[p->assign[i].job] < 0)
			v->asg_of[p->assign[i].job] = i;
	for (int i = 0; i < p->nunsched; i++)
		if (v->uns_of[p->unsched[i].job] < 0)
			v->uns_of[p->unsched[i].job] = i;
	for (int o = 0; o < 3; o++) {
		v->n = 0;
		for (int i = 0; i < p->nassign; i++) {
			const struct bp_assignment *a = &p->assign[i];
			int t = a->tech, b = a->bay, st = a->start;
			struct key k = {{t, st, b}, i};
			if (tech >= 0 && t != tech)
				continue;
			if (o == BY_BAY)
				k = (struct key){{b, st, t}, i};
			else if (o == BY_TIME)
				k = (struct key){{st, t, b}, i};
			keys[v->n++] = k;
		}
		qsort(keys, (size_t)v->n, sizeof *keys, key_cmp);
		for (int i = 0; i < v->n; i++)
			v->order[o][i] = keys[i].idx;
	}
	free(keys);
	return BP_OK;
}

/* Jobs of the plan's date that neither the schedule nor the unscheduled
 * list mentions (a plan read back from an older run): still listed, so that
 * nothing booked disappears from the output without a word. */
static int is_orphan(const struct view *v, int j)
{
	return v->tech < 0 && v->s->jobs[j].date == v->p->date && v->asg_of[j] < 0 &&
	       v->uns_of[j] < 0;
}

/* Unscheduled jobs are nobody's work: a technician's view leaves them out. */
static int unsched_count(const struct view *v)
{
	return v->tech < 0 ? v->p->nunsched : 0;
}

/* The date job j was carried over from, as text; "" when it was booked for
 * the plan's date. A store may remember a carry-over of an earlier plan for
 * a job that has since been planned on its own date: not one here. */
static const char *carried_txt(const struct view *v, const struct bp_job *j, char buf[12])
{
	buf[0] = 0;
	if (j->carried_from > 0 && j->carried_from < v->p->date)
		bp_date_format(j->carried_from, buf, 12);
	return buf;
}

static const struct bp_service *svc_of(const struct bp_shop *s, int job)
{
	return &s->services[s->jobs[job].service];
}

/* Late by the time the car is ready (work, then handover). */
static int late_of(const struct view *v, const struct bp_assignment *a)
{
	return bp_assignment_late(v->s, a);
}

/* Minutes the bay is held while the technician's work pauses. */
static int paused_of(const struct view *v, const struct bp_assignment *a)
{
	return a->end - a->start - bp_work_between(&v->s->techs[a->tech], a->start, a->end);
}

static void hhmm(int m, char *buf)
{
	bp_time_format(m, buf, 6);
}

/* ---------------------------------------------------------------- table */

struct widths {
	int job, code, name, bay, tech;
};

static int maxi(int a, int b)
{
	return a > b ? a : b;
}

static void table_widths(const struct view *v, struct widths *w)
{
	const struct bp_shop *s = v->s;
	*w = (struct widths){3, 7, 7, 3, 2};
	for (int j = 0; j < s->njobs; j++) {
		if (s->jobs[j].date != v->p->date && v->asg_of[j] < 0 && v->uns_of[j] < 0)
			continue;
		const struct bp_service *sv = svc_of(s, j);
		w->job = maxi(w->job, bp_out_width(s->jobs[j].id));
		w->code = maxi(w->code, bp_out_width(sv->code));
		w->name = maxi(w->name, bp_out_width(sv->name));
	}
	for (int b = 0; b < s->nbays; b++)
		w->bay = maxi(w->bay, bp_out_width(s->bays[b].id));
	for (int t = 0; t < s->ntechs; t++)
		w->tech = maxi(w->tech, bp_out_width(s->techs[t].id));
	/* A very long name pushes only its own line out, not every line. */
	if (w->name > 32)
		w->name = 32;
}

/* The marks after a job line: lateness, waits, parts, overtime. */
static void table_marks(char *buf, size_t n, const struct view *v,
			const struct bp_assignment *a)
{
	const struct bp_job *j = &v->s->jobs[a->job];
	const struct bp_technician *t = &v->s->techs[a->tech];
	char tm[8], cf[12];
	size_t len = 0;
	int late = late_of(v, a);
	buf[0] = 0;
	if (carried_txt(v, j, cf)[0])
		len += (size_t)snprintf(buf + len, n - len, "  carried from %s", cf);
	if (j->status != BP_JOB_BOOKED && len < n)
		len += (size_t)snprintf(buf + len, n - len, "  %s", bp_job_status_name(j->status));
	if (late && len < n)
		len += (size_t)snprintf(buf + len, n - len, "  late %d min", late);
	if (j->waiting && len < n)
		len += (size_t)snprintf(buf + len, n - len, "  waiting %d min",
					maxi(0, a->start - bp_job_arrival(j)));
	if (a->parts_ready >= 0 && len < n) {
		hhmm(a->parts_ready, tm);
		len += (size_t)snprintf(buf + len, n - len, "  parts %s", tm);
	}
	if (a->end > t->shift.end && len < n)
		len += (size_t)snprintf(buf + len, n - len, "  overtime %d min",
					bp_work_between(t, maxi(a->start, t->shift.end), a->end));
	if (paused_of(v, a) > 0 && len < n)
		len += (size_t)snprintf(buf + len, n - len, "  paused %d min", paused_of(v, a));
	if (a->checkin > bp_job_arrival(j) && len < n) {
		hhmm(a->checkin, tm);
		len += (size_t)snprintf(buf + len, n - len, "  received %s", tm);
	}
	int ready = bp_assignment_ready(v->s, a);
	if (ready > a->end && len < n) {
		hhmm(ready, tm);
		len += (size_t)snprintf(buf + len, n - len, "  ready %s", tm);
	}
	if (j->loan_car && len < n)
		len += (size_t)snprintf(buf + len, n - len, "  loan car");
	if (a->carry > 0 && len < n) {
		char d[12] = "-";
		if (a->carry_date >= 0)
			bp_date_format(a->carry_date, d, sizeof d);
		snprintf(buf + len, n - len, "  continues %s (%d min)", d, a->carry);
	}
}

/* A column `width` display columns wide (cut with an ellipsis when longer),
 * then the two blanks that keep it off the next one. */
static void table_col(FILE *f, const char *s, int width)
{
	bp_out_cell(f, s, width);
	fputs("  ", f);
}

static void table_job(FILE *f, const struct view *v, const struct widths *w,
		      const struct bp_assignment *a, int by_tech)
{
	const struct bp_shop *s = v->s;
	const struct bp_job *j = &s->jobs[a->job];
	const struct bp_service *sv = svc_of(s, a->job);
	char t0[8], t1[8], marks[320];
	hhmm(a->start, t0);
	hhmm(a->end, t1);
	table_marks(marks, sizeof marks, v, a);
	fprintf(f, "  %s-%s  ", t0, t1);
	table_col(f, j->id, w->job);
	table_col(f, sv->code, w->code);
	table_col(f, sv->name, w->name);
	if (by_tech)
		table_col(f, s->bays[a->bay].id, w->bay);
	else
		table_col(f, s->techs[a->tech].id, w->tech);
	/* No padding after the last column: lines carry no trailing blanks. */
	bp_out_cell(f, bp_tier_name(j->tier), marks[0] ? 9 : -1);
	fprintf(f, "%s\n", marks);
}

static void table_spans(FILE *f, const char *what, const struct bp_span *sp, int n)
{
	char buf[16];
	for (int i = 0; i < n; i++) {
		bp_span_format(sp[i], buf, sizeof buf);
		fprintf(f, "%s%s", i ? ", " : what, buf);
	}
}

static void fmt_num(char *buf, size_t n, double v, const char *unit)
{
	if (isfinite(v))
		snprintf(buf, n, "%.2f%s", v, unit);
	else
		snprintf(buf, n, "-");
}

static void table_header(FILE *f, const struct view *v)
{
	const struct bp_plan *p = v->p;
	static const char *wd[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
				   "Saturday", "Sunday"};
	char date[16], obj[32], bound[32], gap[32];
	bp_date_format(p->date, date, sizeof date);
	fprintf(f, "Plan for %s (%s)", date, wd[bp_weekday(p->date)]);
	if (v->s->info.name[0]) {
		fputs(" - ", f);
		bp_out_cell(f, v->s->info.name, -1);
	}
	/* A failed solve may leave NaN or infinity in the figures. */
	fmt_num(obj, sizeof obj, p->objective, "");
	fmt_num(bound, sizeof bound, p->bound, "");
	fmt_num(gap, sizeof gap, p->gap * 100, " %");
	fprintf(f, "\nstatus %s   objective %s   bound %s   gap %s   solve %ld ms   "
		"durations %s\n", bp_run_status_name(p->status), obj, bound, gap, p->solve_ms,
		p->learned_durations ? "learned" : "standard");
	fprintf(f, "jobs %d booked, %d scheduled, %d unscheduled\n", p->kpi.jobs, p->nassign,
		p->nunsched);
	if (v->tech >= 0) {
		fputs("technician ", f);
		bp_out_cell(f, v->s->techs[v->tech].id, -1);
		fprintf(f, " only: %d jobs\n", v->n);
	}
}

static void table_by_tech(FILE *f, const struct view *v, const struct widths *w)
{
	const struct bp_shop *s = v->s;
	const struct bp_plan *p = v->p;
	char buf[16];
	fputs("\nBY TECHNICIAN\n", f);
	int k = 0;
	for (int t = 0; t < s->ntechs; t++) {
		const struct bp_technician *tc = &s->techs[t];
		if (v->tech >= 0 && t != v->tech)
			continue;
		bp_span_format(tc->shift, buf, sizeof buf);
		table_col(f, tc->id, w->tech);
		bp_out_cell(f, tc->name, -1);
		fprintf(f, "  %s  shift %s", bp_level_name(bp_tech_top_level(s, tc)),
			buf);
		table_spans(f, "  breaks ", tc->breaks, tc->nbreaks);
		fputc('\n', f);
		int any = 0;
		for (; k < v->n && p->assign[v->order[BY_TECH][k]].tech == t; k++, any++)
			table_job(f, v, w, &p->assign[v->order[BY_TECH][k]], 1);
		if (!any)
			fputs("  (no work)\n", f);
	}
}

static void table_by_bay(FILE *f, const struct view *v, const struct widths *w)
{
	const struct bp_shop *s = v->s;
	const struct bp_plan *p = v->p;
	fputs("\nBY BAY\n", f);
	int k = 0;
	for (int b = 0; b < s->nbays; b++) {
		const struct bp_bay *bay = &s->bays[b];
		/* A technician's view: the bays they work on. */
		if (v->tech >= 0 && !(k < v->n && p->assign[v->order[BY_BAY][k]].bay == b))
			continue;
		table_col(f, bay->id, w->bay);
		bp_out_cell(f, s->bay_types[bay->type].id, -1);
		table_spans(f, "  closed ", bay->closed, bay->nclosed);
		fputc('\n', f);
		int any = 0;
		for (; k < v->n && p->assign[v->order[BY_BAY][k]].bay == b; k++, any++)
			table_job(f, v, w, &p->assign[v->order[BY_BAY][k]], 0);
		if (!any)
			fputs("  (no work)\n", f);
	}
}

static void table_unsched_row(FILE *f, const struct view *v, const struct widths *w,
			      const struct bp_job *j, const struct bp_service *sv,
			      const char *reason, const char *earliest, const char *detail)
{
	char cf[12];
	fputs("  ", f);
	table_col(f, j->id, w->job);
	table_col(f, sv->code, w->code);
	table_col(f, bp_tier_name(j->tier), 9);
	table_col(f, reason, 8);
	table_col(f, earliest, 10);
	bp_out_cell(f, detail, -1);
	if (carried_txt(v, j, cf)[0])
		fprintf(f, " (carried from %s)", cf);
	if (j->status != BP_JOB_BOOKED)
		fprintf(f, " (%s)", bp_job_status_name(j->status));
	fputc('\n', f);
}

static void table_unsched(FILE *f, const struct view *v, const struct widths *w)
{
	const struct bp_shop *s = v->s;
	const struct bp_plan *p = v->p;
	int n = p->nunsched;
	for (int j = 0; j < s->njobs; j++)
		n += is_orphan(v, j);
	fprintf(f, "\nUNSCHEDULED (%d)\n", n);
	if (!n) {
		fputs("  (none)\n", f);
		return;
	}
	fputs("  ", f);
	table_col(f, "job", w->job);
	table_col(f, "service", w->code);
	table_col(f, "tier", 9);
	table_col(f, "reason", 8);
	table_col(f, "earliest", 10);
	fputs("detail\n", f);
	for (int i = 0; i < p->nunsched; i++) {
		const struct bp_unscheduled *u = &p->unsched[i];
		char d[16] = "-";
		if (u->earliest_date >= 0)
			bp_date_format(u->earliest_date, d, sizeof d);
		table_unsched_row(f, v, w, &s->jobs[u->job], svc_of(s, u->job),
				  bp_reason_name(u->reason), d, u->detail);
	}
	for (int j = 0; j < s->njobs; j++)
		if (is_orphan(v, j))
			table_unsched_row(f, v, w, &s->jobs[j], svc_of(s, j), "-", "-",
					  "not in this plan");
}

static void table_kpis(FILE *f, const struct view *v)
{
	const struct bp_shop *s = v->s;
	const struct bp_kpis *k = &v->p->kpi;
	fputs("\nKPIS\n", f);
	fprintf(f, "  %-20s %d of %d", "jobs done", k->done, k->jobs);
	for (int t = 0; t < BP_TIERS; t++)
		fprintf(f, "%s%s %d/%d", t ? ", " : "  (", bp_tier_name((enum bp_tier)t),
			k->done_by_tier[t], k->jobs_by_tier[t]);
	fputs(")\n", f);
	fprintf(f, "  %-20s %.1f of %.1f (%.1f %%)\n", "weighted done", k->weighted_done,
		k->weighted_jobs, k->weighted_jobs > 0 ? 100 * k->weighted_done / k->weighted_jobs
		: 0.0);
	fprintf(f, "  %-20s", "bay utilisation");
	int first = 1;
	for (int b = 0; b < s->nbay_types; b++) {
		int has = 0;
		for (int i = 0; i < s->nbays; i++)
			has |= s->bays[i].type == b;
		if (!has)
			continue;
		fprintf(f, "%s%s %.1f %%", first ? " " : ", ", s->bay_types[b].id,
			100 * k->bay_util[b]);
		first = 0;
	}
	fputc('\n', f);
	fprintf(f, "  %-20s %.1f %% overall", "technician util.", 100 * k->tech_util);
	for (int l = 1; l <= BP_LEVELS; l++) {
		int has = 0;
		for (int t = 0; t < s->ntechs; t++)
			has |= bp_tech_top_level(s, &s->techs[t]) == l;
		if (has)
			fprintf(f, ", %s %.1f %%", bp_level_name(l),
				100 * k->tech_util_by_level[l]);
	}
	fputc('\n', f);
	fprintf(f, "  %-20s %d min, cost %.2f\n", "overtime", k->overtime_minutes,
		k->overtime_cost);
	fprintf(f, "  %-20s %d jobs, %d min\n", "late", k->late_jobs, k->late_minutes);
	fprintf(f, "  %-20s %d level-minutes\n", "over-qualified", k->overqualified_minutes);
	fprintf(f, "  %-20s %.1f min (customers waiting on site)\n", "average wait",
		k->avg_wait_minutes);
	if (k->advisors > 0)
		fprintf(f, "  %-20s %d cars, %d advisors, %.0f each at most (policy %d)\n",
			"check-ins", k->checkins, k->advisors, k->checkins_per_advisor,
			s->policy.advisor_day_max);
	if (k->loan_jobs || s->info.loan_cars)
		fprintf(f, "  %-20s %d customers, at most %d of %d out at once\n", "loan cars",
			k->loan_jobs, k->loan_peak, s->info.loan_cars);
	if (k->pause_minutes)
		fprintf(f, "  %-20s %d min of bays held over breaks\n", "paused", k->pause_minutes);
	if (k->carry_jobs)
		fprintf(f, "  %-20s %d jobs, %d min of work on the next working day\n",
			"continued", k->carry_jobs, k->carry_minutes);
}

static void write_table(FILE *f, const struct view *v)
{
	struct widths w;
	table_widths(v, &w);
	table_header(f, v);
	table_by_tech(f, v, &w);
	table_by_bay(f, v, &w);
	/* The unscheduled and the figures are the whole plan's, not one
	 * technician's. */
	if (v->tech >= 0)
		return;
	table_unsched(f, v, &w);
	table_kpis(f, v);
}

/* ------------------------------------------------------------------ csv */

/* The first 19 columns are those of earlier versions, in place; the names
 * follow, then the KPI rows' own two. A row's `status` says what it is:
 * scheduled, unscheduled (the notices: why, and the earliest date), or kpi
 * (one figure of the whole plan, `kpi` naming it, `value` a number). */
#define CSV_COLS 24

static const char *const csv_head[CSV_COLS] = {
	"job_id", "service", "tier", "status", "technician", "bay", "start", "end",
	"promised", "late_minutes", "reason", "detail", "earliest_date", "carried_from",
	"checkin", "ready", "carry_minutes", "continues_on", "loan_car", "service_name",
	"technician_name", "bay_type", "kpi", "value"};

static void csv_fields(FILE *f, const char *const *fld, int n)
{
	for (int i = 0; i < n; i++) {
		if (i)
			fputc(',', f);
		bp_csv_field(f, fld[i]);
	}
	bp_csv_end_row(f);
}

static void csv_unsched(FILE *f, const struct view *v, int job, const char *reason,
			const char *detail, int earliest)
{
	const struct bp_job *j = &v->s->jobs[job];
	char prom[20] = "", ed[16] = "", cf[12];
	if (j->promised >= 0)
		bp_datetime_format(j->date, j->promised, prom, sizeof prom);
	if (earliest >= 0)
		bp_date_format(earliest, ed, sizeof ed);
	const char *row[CSV_COLS] = {j->id, svc_of(v->s, job)->code, bp_tier_name(j->tier),
				     "unscheduled", "", "", "", "", prom, "", reason, detail, ed,
				     carried_txt(v, j, cf), "", "", "", "", j->loan_car ? "1" : "0",
				     svc_of(v->s, job)->name, "", "", "", ""};
	csv_fields(f, row, CSV_COLS);
}

/* One figure as a kpi row: the name, the number (a plain number, never
 * guarded: the writer prints it itself). */
static void csv_kpi(FILE *f, const char *name, double value, int whole)
{
	for (int i = 0; i < CSV_COLS - 2; i++)
		fputs(i == 3 ? "kpi," : ",", f);
	bp_csv_field(f, name);
	if (!isfinite(value))
		fputs(",", f);
	else if (whole)
		fprintf(f, ",%.0f", value);
	else
		fprintf(f, ",%.4f", value);
	bp_csv_end_row(f);
}

static void csv_kpis(FILE *f, const struct view *v)
{
	const struct bp_shop *s = v->s;
	const struct bp_kpis *k = &v->p->kpi;
	char name[BP_ID_LEN + 48];
	csv_kpi(f, "jobs", k->jobs, 1);
	csv_kpi(f, "done", k->done, 1);
	for (int t = 0; t < BP_TIERS; t++) {
		snprintf(name, sizeof name, "done_%s", bp_tier_name((enum bp_tier)t));
		csv_kpi(f, name, k->done_by_tier[t], 1);
		snprintf(name, sizeof name, "jobs_%s", bp_tier_name((enum bp_tier)t));
		csv_kpi(f, name, k->jobs_by_tier[t], 1);
	}
	csv_kpi(f, "weighted_done", k->weighted_done, 0);
	csv_kpi(f, "weighted_jobs", k->weighted_jobs, 0);
	for (int r = 0; r < BP_REASONS; r++) {
		snprintf(name, sizeof name, "unscheduled_%s", bp_reason_name((enum bp_reason)r));
		csv_kpi(f, name, k->unscheduled_by_reason[r], 1);
	}
	for (int b = 0; b < s->nbay_types; b++) {
		snprintf(name, sizeof name, "bay_utilisation_%s", s->bay_types[b].id);
		csv_kpi(f, name, k->bay_util[b], 0);
	}
	csv_kpi(f, "technician_utilisation", k->tech_util, 0);
	for (int l = 1; l <= BP_LEVELS; l++) {
		snprintf(name, sizeof name, "technician_utilisation_%s", bp_level_name(l));
		csv_kpi(f, name, k->tech_util_by_level[l], 0);
	}
	csv_kpi(f, "overtime_minutes", k->overtime_minutes, 1);
	csv_kpi(f, "overtime_cost", k->overtime_cost, 0);
	csv_kpi(f, "late_jobs", k->late_jobs, 1);
	csv_kpi(f, "late_minutes", k->late_minutes, 1);
	csv_kpi(f, "overqualified_minutes", k->overqualified_minutes, 1);
	csv_kpi(f, "avg_wait_minutes", k->avg_wait_minutes, 0);
	csv_kpi(f, "pause_minutes", k->pause_minutes, 1);
	csv_kpi(f, "carry_jobs", k->carry_jobs, 1);
	csv_kpi(f, "carry_minutes", k->carry_minutes, 1);
	csv_kpi(f, "checkins", k->checkins, 1);
	csv_kpi(f, "loan_jobs", k->loan_jobs, 1);
	csv_kpi(f, "loan_peak", k->loan_peak, 1);
}

static void write_csv(FILE *f, const struct view *v)
{
	const struct bp_shop *s = v->s;
	const struct bp_plan *p = v->p;
	csv_fields(f, csv_head, CSV_COLS);
	for (int k = 0; k < v->n; k++) {
		const struct bp_assignment *a = &p->assign[v->order[BY_TIME][k]];
		const struct bp_job *j = &s->jobs[a->job];
		const struct bp_bay *bay = &s->bays[a->bay];
		char t0[20], t1[20], prom[20] = "", late[16], cf[12], in[20] = "", rd[20] = "";
		char carry[16], cont[12] = "";
		int ready = bp_assignment_ready(s, a);
		bp_datetime_format(p->date, a->start, t0, sizeof t0);
		bp_datetime_format(p->date, a->end, t1, sizeof t1);
		if (a->checkin >= 0)
			bp_datetime_format(p->date, a->checkin, in, sizeof in);
		if (ready >= 0)
			bp_datetime_format(p->date, ready, rd, sizeof rd);
		snprintf(carry, sizeof carry, "%d", a->carry);
		if (a->carry > 0 && a->carry_date >= 0)
			bp_date_format(a->carry_date, cont, sizeof cont);
		if (j->promised >= 0)
			bp_datetime_format(j->date, j->promised, prom, sizeof prom);
		snprintf(late, sizeof late, "%d", late_of(v, a));
		const char *row[CSV_COLS] = {
			j->id, svc_of(s, a->job)->code, bp_tier_name(j->tier), "scheduled",
			s->techs[a->tech].id, bay->id, t0, t1, prom, late, "", "", "",
			carried_txt(v, j, cf), in, rd, carry, cont, j->loan_car ? "1" : "0",
			svc_of(s, a->job)->name, s->techs[a->tech].name,
			s->bay_types[bay->type].id, "", ""};
		csv_fields(f, row, CSV_COLS);
	}
	for (int i = 0; i < unsched_count(v); i++) {
		const struct bp_unscheduled *u = &p->unsched[i];
		csv_unsched(f, v, u->job, bp_reason_name(u->reason), u->detail, u->earliest_date);
	}
	for (int j = 0; j < s->njobs; j++)
		if (is_orphan(v, j))
			csv_unsched(f, v, j, "", "not in this plan", -1);
	/* The figures are the whole plan's, not one technician's. */
	if (v->tech < 0)
		csv_kpis(f, v);
}

/* ----------------------------------------------------------------- json */

static void json_dt(struct bp_json *js, const char *key, int day, int minute)
{
	char buf[20];
	if (minute < 0) {
		bp_json_null(js, key);
		return;
	}
	bp_datetime_format(day, minute, buf, sizeof buf);
	bp_json_str(js, key, buf);
}

/* Where the job stands in the store, and whether the plan carried it over. */
static void json_job_state(struct bp_json *js, const struct view *v, const struct bp_job *j)
{
	char cf[12];
	bp_json_str(js, "status", bp_job_status_name(j->status));
	bp_json_str(js, "carried_from", carried_txt(v, j, cf)[0] ? cf : NULL);
}

static void json_schedule(struct bp_json *js, const struct view *v)
{
	const struct bp_shop *s = v->s;
	const struct bp_plan *p = v->p;
	bp_json_arr(js, "schedule");
	for (int k = 0; k < v->n; k++) {
		const struct bp_assignment *a = &p->assign[v->order[BY_TIME][k]];
		const struct bp_job *j = &s->jobs[a->job];
		const struct bp_service *sv = svc_of(s, a->job);
		const struct bp_bay *bay = &s->bays[a->bay];
		bp_json_obj(js, NULL);
		bp_json_str(js, "job_id", j->id);
		bp_json_str(js, "service", sv->code);
		bp_json_str(js, "service_name", sv->name);
		bp_json_str(js, "tier", bp_tier_name(j->tier));
		bp_json_str(js, "technician", s->techs[a->tech].id);
		bp_json_str(js, "technician_name", s->techs[a->tech].name);
		bp_json_str(js, "bay", bay->id);
		bp_json_str(js, "bay_type", s->bay_types[bay->type].id);
		json_dt(js, "start", p->date, a->start);
		json_dt(js, "end", p->date, a->end);
		json_dt(js, "promised", j->date, j->promised);
		bp_json_int(js, "late_minutes", late_of(v, a));
		bp_json_bool(js, "waiting", j->waiting);
		if (j->waiting)
			bp_json_int(js, "wait_minutes", maxi(0, a->start - bp_job_arrival(j)));
		else
			bp_json_null(js, "wait_minutes");
		json_dt(js, "parts_ready", p->date, a->parts_ready);
		json_dt(js, "checkin", p->date, a->checkin);
		json_dt(js, "ready", p->date, bp_assignment_ready(s, a));
		bp_json_int(js, "paused_minutes", paused_of(v, a));
		bp_json_int(js, "carry_minutes", a->carry);
		if (a->carry > 0 && a->carry_date >= 0) {
			char cd[12];
			bp_date_format(a->carry_date, cd, sizeof cd);
			bp_json_str(js, "continues_on", cd);
		} else {
			bp_json_null(js, "continues_on");
		}
		bp_json_bool(js, "loan_car", j->loan_car);
		json_job_state(js, v, j);
		bp_json_end(js);
	}
	bp_json_end(js);
}

static void json_unsched1(struct bp_json *js, const struct view *v, int job,
			  const char *reason, const char *detail, int earliest)
{
	const struct bp_job *j = &v->s->jobs[job];
	char ed[16];
	bp_json_obj(js, NULL);
	bp_json_str(js, "job_id", j->id);
	bp_json_str(js, "service", svc_of(v->s, job)->code);
	bp_json_str(js, "tier", bp_tier_name(j->tier));
	bp_json_str(js, "reason", reason);
	bp_json_str(js, "detail", detail);
	if (earliest >= 0) {
		bp_date_format(earliest, ed, sizeof ed);
		bp_json_str(js, "earliest_date", ed);
	} else {
		bp_json_null(js, "earliest_date");
	}
	json_job_state(js, v, j);
	bp_json_end(js);
}

static void json_kpis(struct bp_json *js, const struct view *v)
{
	const struct bp_shop *s = v->s;
	const struct bp_kpis *k = &v->p->kpi;
	bp_json_obj(js, "kpis");
	bp_json_int(js, "jobs", k->jobs);
	bp_json_int(js, "done", k->done);
	bp_json_obj(js, "jobs_by_tier");
	for (int t = 0; t < BP_TIERS; t++)
		bp_json_int(js, bp_tier_name((enum bp_tier)t), k->jobs_by_tier[t]);
	bp_json_end(js);
	bp_json_obj(js, "done_by_tier");
	for (int t = 0; t < BP_TIERS; t++)
		bp_json_int(js, bp_tier_name((enum bp_tier)t), k->done_by_tier[t]);
	bp_json_end(js);
	bp_json_num(js, "weighted_done", k->weighted_done);
	bp_json_num(js, "weighted_jobs", k->weighted_jobs);
	bp_json_obj(js, "unscheduled_by_reason");
	for (int r = 0; r < BP_REASONS; r++)
		bp_json_int(js, bp_reason_name((enum bp_reason)r), k->unscheduled_by_reason[r]);
	bp_json_end(js);
	bp_json_obj(js, "bay_utilisation");
	for (int b = 0; b < s->nbay_types; b++)
		bp_json_num(js, s->bay_types[b].id, k->bay_util[b]);
	bp_json_end(js);
	bp_json_num(js, "technician_utilisation", k->tech_util);
	bp_json_obj(js, "technician_utilisation_by_level");
	for (int l = 1; l <= BP_LEVELS; l++)
		bp_json_num(js, bp_level_name(l), k->tech_util_by_level[l]);
	bp_json_end(js);
	bp_json_int(js, "overtime_minutes", k->overtime_minutes);
	bp_json_num(js, "overtime_cost", k->overtime_cost);
	bp_json_int(js, "late_jobs", k->late_jobs);
	bp_json_int(js, "late_minutes", k->late_minutes);
	bp_json_int(js, "overqualified_minutes", k->overqualified_minutes);
	bp_json_num(js, "avg_wait_minutes", k->avg_wait_minutes);
	bp_json_int(js, "pause_minutes", k->pause_minutes);
	bp_json_int(js, "carry_jobs", k->carry_jobs);
	bp_json_int(js, "carry_minutes", k->carry_minutes);
	bp_json_obj(js, "advisors");
	bp_json_int(js, "advisors", k->advisors);
	bp_json_int(js, "checkins", k->checkins);
	bp_json_num(js, "checkins_per_advisor", k->checkins_per_advisor);
	bp_json_int(js, "day_max", s->policy.advisor_day_max);
	bp_json_end(js);
	bp_json_obj(js, "loan_cars");
	bp_json_int(js, "fleet", s->info.loan_cars);
	bp_json_int(js, "jobs", k->loan_jobs);
	bp_json_int(js, "peak", k->loan_peak);
	bp_json_end(js);
	bp_json_end(js);
}

static void write_json(FILE *f, const struct view *v)
{
	const struct bp_plan *p = v->p;
	struct bp_json js;
	char date[16];
	bp_json_init(&js, f);
	bp_json_obj(&js, NULL);
	bp_date_format(p->date, date, sizeof date);
	bp_json_str(&js, "date", date);
	bp_json_str(&js, "status", bp_run_status_name(p->status));
	bp_json_num(&js, "objective", p->objective);
	bp_json_num(&js, "bound", p->bound);
	bp_json_num(&js, "gap", p->gap);
	bp_json_int(&js, "solve_ms", p->solve_ms);
	bp_json_bool(&js, "learned_durations", p->learned_durations);
	if (v->tech >= 0)
		bp_json_str(&js, "technician", v->s->techs[v->tech].id);
	json_schedule(&js, v);
	bp_json_arr(&js, "unscheduled");
	for (int i = 0; i < unsched_count(v); i++) {
		const struct bp_unscheduled *u = &p->unsched[i];
		json_unsched1(&js, v, u->job, bp_reason_name(u->reason), u->detail,
			      u->earliest_date);
	}
	for (int j = 0; j < v->s->njobs; j++)
		if (is_orphan(v, j))
			json_unsched1(&js, v, j, NULL, "not in this plan", -1);
	bp_json_end(&js);
	json_kpis(&js, v);
	bp_json_end(&js);
}

/* ------------------------------------------------------------------ ics */

/* "YYYYMMDDTHHMMSS" local floating time; minutes past midnight roll over. */
static void ics_time(int day, int minute, char *out)
{
	char b[20];
	bp_datetime_format(day, minute, b, sizeof b);   /* YYYY-MM-DDTHH:MM */
	snprintf(out, 16, "%.4s%.2s%.2sT%.2s%.2s00", b, b + 5, b + 8, b + 11, b + 14);
}

/* A UID part: every byte outside [A-Za-z0-9._-] percent-encoded ('%' and
 * '/' too), so the '/' that joins parts cannot occur inside one and two
 * different ids never give the same UID (with '-' as the joiner, job "A-B"
 * of "C" and job "A" of "B-C" did). */
static void ics_uid_part(char *out, size_t n, size_t *len, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; *s && *len + 4 < n; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '_' || c == '-') {
			out[(*len)++] = (char)c;
		} else {
			out[(*len)++] = '%';
			out[(*len)++] = hex[c >> 4];
			out[(*len)++] = hex[c & 15];
		}
	}
	out[*len] = 0;
}

/* "JOB/SHOP@bayplan": one event per job and shop whoever works on it and
 * whenever, so that a re-plan moves the event a calendar holds instead of
 * adding a second one. Work carried over to a later day is an event of its
 * own, "JOB/DATE/SHOP@bayplan". */
static void ics_uid(char *out, size_t n, const struct view *v, const struct bp_job *j)
{
	size_t len = 0;
	char day[16];
	out[0] = 0;
	ics_uid_part(out, n, &len, j->id);
	out[len++] = '/';
	if (j->date != v->p->date) {
		bp_date_format(v->p->date, day, sizeof day);
		ics_uid_part(out, n, &len, day);
		out[len++] = '/';
	}
	ics_uid_part(out, n, &len, v->s->info.name[0] ? v->s->info.name : "shop");
	snprintf(out + len, n - len, "@bayplan");
}

static void ics_event(FILE *f, const struct view *v, const struct bp_assignment *a,
		      const struct bp_ics_opts *o)
{
	const struct bp_shop *s = v->s;
	const struct bp_job *j = &s->jobs[a->job];
	const struct bp_service *sv = svc_of(s, a->job);
	const struct bp_bay *bay = &s->bays[a->bay];
	const struct bp_technician *tc = &s->techs[a->tech];
	char buf[900], tm[16], cf[12];
	ics_uid(buf, sizeof buf, v, j);
	fputs("BEGIN:VEVENT\r\n", f);
	bp_ics_line(f, "UID", buf, 1);
	bp_ics_line(f, "DTSTAMP", o->stamp, 0);
	snprintf(tm, sizeof tm, "%d", o->moves ? o->moves[a->job] : 0);
	bp_ics_line(f, "SEQUENCE", tm, 0);
	ics_time(v->p->date, a->start, tm);
	bp_ics_line(f, "DTSTART", tm, 0);
	ics_time(v->p->date, a->end, tm);
	bp_ics_line(f, "DTEND", tm, 0);
	/* The workshop's calendar says who; a technician's own does not need to. */
	snprintf(buf, sizeof buf, "%s \xe2\x80\x93 %s%s%s", j->id, sv->name,
		 v->tech < 0 ? " \xe2\x80\x93 " : "", v->tech < 0 ? tc->id : "");
	bp_ics_line(f, "SUMMARY", buf, 1);
	snprintf(buf, sizeof buf, "Bay %s (%s)", bay->id, s->bay_types[bay->type].id);
	bp_ics_line(f, "LOCATION", buf, 1);

	int n = snprintf(buf, sizeof buf, "Service: %s (%s)\nTechnician: %s %s\nTier: %s",
			 sv->name, sv->code, tc->id, tc->name, bp_tier_name(j->tier));
	if (j->promised >= 0) {
		bp_time_format(j->promised, tm, sizeof tm);
		n += snprintf(buf + n, sizeof buf - (size_t)n, "\nPromised: %s", tm);
		if (late_of(v, a))
			n += snprintf(buf + n, sizeof buf - (size_t)n, " (ends %d min late)",
				      late_of(v, a));
	}
	if (j->waiting)
		n += snprintf(buf + n, sizeof buf - (size_t)n, "\nCustomer waits on site");
	if (carried_txt(v, j, cf)[0])
		n += snprintf(buf + n, sizeof buf - (size_t)n, "\nCarried over from %s", cf);
	if (a->parts_ready >= 0 && n < (int)sizeof buf) {
		bp_time_format(a->parts_ready, tm, sizeof tm);
		n += snprintf(buf + n, sizeof buf - (size_t)n, "\nParts arrive: %s", tm);
	}
	if (paused_of(v, a) > 0 && n < (int)sizeof buf)
		n += snprintf(buf + n, sizeof buf - (size_t)n, "\nWork pauses over the "
			      "technician's break (%d min); the car stays on the bay",
			      paused_of(v, a));
	if (a->carry > 0 && n < (int)sizeof buf) {
		char d[24] = "the next working day";
		if (a->carry_date >= 0)
			bp_date_format(a->carry_date, d, sizeof d);
		n += snprintf(buf + n, sizeof buf - (size_t)n, "\nContinues on %s: %d min left",
			      d, a->carry);
	}
	if (bp_assignment_ready(v->s, a) > a->end && n < (int)sizeof buf) {
		bp_time_format(bp_assignment_ready(v->s, a), tm, sizeof tm);
		snprintf(buf + n, sizeof buf - (size_t)n, "\nReady for the customer: %s "
			 "(after the handover)", tm);
	}
	bp_ics_line(f, "DESCRIPTION", buf, 1);
	bp_ics_line(f, "CATEGORIES", bp_tier_name(j->tier), 1);
	fputs("END:VEVENT\r\n", f);
}

/* One VCALENDAR, never more: calendar programs and parsers take a file as
 * one calendar. A technician's (v->tech) is written even when empty, so a
 * phone that subscribes to it sees a day's work go away; without one, the
 * workshop's calendar holds every job, the technician in each summary. */
static void write_ics(FILE *f, const struct view *v, const struct bp_ics_opts *o)
{
	const struct bp_plan *p = v->p;
	char name[300], date[16];
	bp_date_format(p->date, date, sizeof date);
	fputs("BEGIN:VCALENDAR\r\n", f);
	bp_ics_line(f, "PRODID", "-//bayplan//bayplan " BP_VERSION "//EN", 0);
	bp_ics_line(f, "VERSION", "2.0", 0);
	bp_ics_line(f, "CALSCALE", "GREGORIAN", 0);
	bp_ics_line(f, "METHOD", "PUBLISH", 0);
	if (v->tech >= 0)
		snprintf(name, sizeof name, "%s %s %s", v->s->techs[v->tech].id,
			 v->s->techs[v->tech].name, date);
	else
		snprintf(name, sizeof name, "%s%s%s", v->s->info.name,
			 v->s->info.name[0] ? " " : "", date);
	bp_ics_line(f, "X-WR-CALNAME", name, 1);
	for (int k = 0; k < v->n; k++)
		ics_event(f, v, &p->assign[v->order[BY_TECH][k]], o);
	fputs("END:VCALENDAR\r\n", f);
}

/* ----------------------------------------------------------------- entry */

int bp_plan_write(FILE *f, enum bp_format fmt, const struct bp_shop *s,
		  const struct bp_plan *p, struct bp_err *err)
{
	return bp_plan_write_tech(f, fmt, s, p, -1, err);
}

int bp_plan_write_tech(FILE *f, enum bp_format fmt, const struct bp_shop *s,
		       const struct bp_plan *p, int tech, struct bp_err *err)
{
	return bp_plan_write_ics(f, fmt, s, p, tech, NULL, err);
}

int bp_plan_write_ics(FILE *f, enum bp_format fmt, const struct bp_shop *s,
		      const struct bp_plan *p, int tech, const struct bp_ics_opts *o,
		      struct bp_err *err)
{
	struct bp_ics_opts none;
	struct view v;
	if (!o) {
		/* Reproducible: midnight UTC of the plan's date, nothing moved. */
		memset(&none, 0, sizeof none);
		ics_time(p->date, 0, none.stamp);
		strcat(none.stamp, "Z");
		o = &none;
	}
	errno = 0;   /* so that a failed write reports its own cause */
	int rc = view_init(&v, s, p, tech, err);
	if (rc)
		return rc;
	switch (fmt) {
	case BP_FMT_TABLE: write_table(f, &v); break;
	case BP_FMT_CSV: write_csv(f, &v); break;
	case BP_FMT_JSON: write_json(f, &v); break;
	case BP_FMT_ICS: write_ics(f, &v, o); break;
	default:
		view_free(&v);
		return bp_err_set(err, BP_EINTERNAL, "unknown output format %d", (int)fmt);
	}
	view_free(&v);
	if (fflush(f) != 0 || ferror(f))
		return bp_err_set(err, BP_EIO, "cannot write the plan: %s",
				  errno ? strerror(errno) : "write failed");
	return BP_OK;
}
