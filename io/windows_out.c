/*
 * windows_out.c - the appointment windows' writers (windows_out.h).
 */
#include <stdlib.h>
#include <string.h>

#include "io/out.h"
#include "io/windows_out.h"

static const char *const wdays[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

/* ---- table ---- */

static void table(FILE *f, const struct bp_shop *s, const struct bp_windows *w,
		  const struct bp_learned *l, const struct bp_run *run, int learned)
{
	char a[12], b[12];
	bp_date_format(w->from, a, sizeof a);
	bp_date_format(w->from + w->days - 1, b, sizeof b);
	fprintf(f, "APPOINTMENT WINDOWS %s to %s  (run %lld, %s, %s durations)\n", a, b, run->id,
		bp_run_status_name(w->status), learned ? "learned" : "standard");
	fprintf(f, "capacity/booked per window; '!' = booked work beyond what the floor can "
		   "take (kept)\n");
	for (int c = 0; c < w->nclasses; c++) {
		const struct bp_wclass *C = &w->classes[c];
		fprintf(f, "\n%s  (%d technician%s, %d bay%s)\n%-16s", C->name, C->techs,
			C->techs == 1 ? "" : "s", C->bays, C->bays == 1 ? "" : "s", "");
		for (int win = 0; win < w->nwindows; win++) {
			char span[16];
			bp_span_format(s->windows[win], span, sizeof span);
			fprintf(f, " %12s", span);
		}
		fputc('\n', f);
		for (int d = 0; d < w->days; d++) {
			char day[12];
			bp_date_format(w->day[d].day, day, sizeof day);
			fprintf(f, "  %s %s", wdays[bp_weekday(w->day[d].day)], day);
			for (int win = 0; win < w->nwindows; win++) {
				const struct bp_wcell *x = bp_windows_cell(w, d, win, c);
				char cell[24];
				snprintf(cell, sizeof cell, "%d/%d%s", x->capacity, x->booked,
					 x->over ? "!" : "");
				fprintf(f, " %12s", cell);
			}
			fputc('\n', f);
		}
	}
	/* -1: the shop plans no check-ins (no advisors or no rate). */
	fprintf(f, "\nAdvisors can check in per window:");
	for (int win = 0; win < w->nwindows; win++)
		if (w->day[0].checkins[win] >= 0)
			fprintf(f, " %d", w->day[0].checkins[win]);
		else
			fputs(" -", f);
	if (w->days && w->day[0].checkins_day > 0)
		fprintf(f, " (at most %d in a day)", w->day[0].checkins_day);
	fprintf(f, "\nLearned from %d past jobs: %d duration figures differ from the standard "
		   "minutes.\n", l->used, l->changed);
	for (int i = 0; i < l->ntechs; i++) {
		const struct bp_learned_tech *r = &l->tech[i];
		if (r->service < 0 && r->bottleneck)
			fprintf(f, "Slow on the same work (a training signal): %s %s, %.2fx their "
				   "peers over %d jobs\n", s->techs[r->tech].id,
				s->techs[r->tech].name, r->ratio, r->samples);
	}
}

/* ---- CSV and JSON ---- */

static void csv_int(FILE *f, long v, int last)
{
	fprintf(f, "%ld%s", v, last ? "" : ",");
}

static void csv(FILE *f, const struct bp_shop *s, const struct bp_windows *w)
{
	fputs("date,start,end,service_class,capacity,booked,over,demand_cap", f);
	bp_csv_end_row(f);
	for (int d = 0; d < w->days; d++)
		for (int win = 0; win < w->nwindows; win++)
			for (int c = 0; c < w->nclasses; c++) {
				const struct bp_wcell *x = bp_windows_cell(w, d, win, c);
				char day[12], a[8], b[8];
				bp_date_format(w->day[d].day, day, sizeof day);
				bp_time_format(s->windows[win].start, a, sizeof a);
				bp_time_format(s->windows[win].end, b, sizeof b);
				const char *f4[4] = {day, a, b, w->classes[c].name};
				for (int i = 0; i < 4; i++) {
					bp_csv_field(f, f4[i]);
					fputc(',', f);
				}
				csv_int(f, x->capacity, 0);
				csv_int(f, x->booked, 0);
				csv_int(f, x->over, 0);
				if (x->demand_cap >= 0)
					csv_int(f, x->demand_cap, 1);
				bp_csv_end_row(f);
			}
}

static void json(FILE *f, const struct bp_shop *s, const struct bp_windows *w,
		 const struct bp_learned *l, const struct bp_run *run, int learned)
{
	struct bp_json j;
	char day[12], a[8], b[8];
	bp_json_init(&j, f);
	bp_json_obj(&j, NULL);
	bp_json_int(&j, "run_id", run->id);
	bp_date_format(w->from, day, sizeof day);
	bp_json_str(&j, "from", day);
	bp_json_int(&j, "days", w->days);
	bp_json_str(&j, "status", bp_run_status_name(w->status));
	bp_json_str(&j, "durations", learned ? "learned" : "standard");
	bp_json_num(&j, "objective", w->objective);
	bp_json_int(&j, "solve_ms", w->solve_ms);
	bp_json_arr(&j, "classes");
	for (int c = 0; c < w->nclasses; c++) {
		bp_json_obj(&j, NULL);
		bp_json_str(&j, "service_class", w->classes[c].name);
		bp_json_int(&j, "technicians", w->classes[c].techs);
		bp_json_int(&j, "bays", w->classes[c].bays);
		bp_json_end(&j);
	}
	bp_json_end(&j);
	bp_json_arr(&j, "windows");
	for (int d = 0; d < w->days; d++)
		for (int win = 0; win < w->nwindows; win++) {
			bp_date_format(w->day[d].day, day, sizeof day);
			bp_time_format(s->windows[win].start, a, sizeof a);
			bp_time_format(s->windows[win].end, b, sizeof b);
			for (int c = 0; c < w->nclasses; c++) {
				const struct bp_wcell *x = bp_windows_cell(w, d, win, c);
				bp_json_obj(&j, NULL);
				bp_json_str(&j, "date", day);
				bp_json_str(&j, "start", a);
				bp_json_str(&j, "end", b);
				bp_json_str(&j, "service_class", w->classes[c].name);
				bp_json_int(&j, "capacity", x->capacity);
				bp_json_int(&j, "booked", x->booked);
				bp_json_int(&j, "over", x->over);
				if (x->demand_cap >= 0)
					bp_json_int(&j, "demand_cap", x->demand_cap);
				else
					bp_json_null(&j, "demand_cap");
				bp_json_num(&j, "show_rate", x->show_rate);
				bp_json_num(&j, "minutes", x->minutes);
				bp_json_end(&j);
			}
		}
	bp_json_end(&j);
	bp_json_arr(&j, "advisors");
	for (int d = 0; d < w->days; d++)
		for (int win = 0; win < w->nwindows; win++) {
			bp_date_format(w->day[d].day, day, sizeof day);
			bp_time_format(s->windows[win].start, a, sizeof a);
			bp_json_obj(&j, NULL);
			bp_json_str(&j, "date", day);
			bp_json_str(&j, "start", a);
			if (w->day[d].checkins[win] >= 0)
				bp_json_int(&j, "checkins", w->day[d].checkins[win]);
			else
				bp_json_null(&j, "checkins");
			bp_json_int(&j, "over", w->day[d].checkins_over[win]);
			bp_json_end(&j);
		}
	bp_json_end(&j);
	bp_json_arr(&j, "dates");
	for (int d = 0; d < w->days; d++) {
		const struct bp_wday *Y = &w->day[d];
		bp_date_format(Y->day, day, sizeof day);
		bp_json_obj(&j, NULL);
		bp_json_str(&j, "date", day);
		if (Y->checkins_day >= 0)
			bp_json_int(&j, "checkins_day", Y->checkins_day);
		else
			bp_json_null(&j, "checkins_day");
		bp_json_int(&j, "checkins_day_over", Y->checkins_day_over);
		bp_json_int(&j, "loan_cars", Y->loan_cars);
		bp_json_int(&j, "loans_booked", Y->loans_booked);
		bp_json_num(&j, "loan_share", Y->loan_share);
		bp_json_int(&j, "techs_off", Y->techs_off);
		bp_json_int(&j, "bays_down", Y->bays_down);
		bp_json_bool(&j, "tuned", !Y->untuned);
		bp_json_end(&j);
	}
	bp_json_end(&j);
	bp_json_arr(&j, "slow_technicians");
	for (int i = 0; i < l->ntechs; i++) {
		const struct bp_learned_tech *r = &l->tech[i];
		if (!r->bottleneck)
			continue;
		bp_json_obj(&j, NULL);
		bp_json_str(&j, "technician", s->techs[r->tech].id);
		bp_json_str(&j, "service", r->service >= 0 ? s->services[r->service].code : NULL);
		bp_json_num(&j, "ratio", r->ratio);
		bp_json_int(&j, "samples", r->samples);
		bp_json_end(&j);
	}
	bp_json_end(&j);
	bp_json_end(&j);
	fputc('\n', f);
}

void bp_windows_write(FILE *f, enum bp_format fmt, const struct bp_shop *s,
		      const struct bp_windows *w, const struct bp_learned *l,
		      const struct bp_run *run, int learned)
{
	if (fmt == BP_FMT_CSV)
		csv(f, s, w);
	else if (fmt == BP_FMT_JSON)
		json(f, s, w, l, run, learned);
	else
		table(f, s, w, l, run, learned);
}
