/*
 * store_windows.c - writing appointment windows and learned figures (see
 * store_windows.h). The contract table is replaced by date range; the
 * learned tables are replaced whole.
 */
#include <sqlite3.h>

#include "io/store_int.h"
#include "io/store_windows.h"

static void finalize(sqlite3_stmt **q, int n)
{
	for (int i = 0; i < n; i++)
		sqlite3_finalize(q[i]);
}

int bp_store_save_windows(struct bp_store *st, long long run_id, const struct bp_shop *s,
			  const struct bp_windows *w, struct bp_err *err)
{
	int rc = bp_store_need_tx(st, "bp_store_save_windows", err);
	if (rc)
		return rc;
	sqlite3_stmt *q[2] = {NULL};
	static const char *const sql[2] = {
		"DELETE FROM appointment_windows WHERE date >= ? AND date <= ?",
		"INSERT INTO appointment_windows (date, start, \"end\", service_class, capacity, "
		"booked, run_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
	};
	for (int i = 0; i < 2 && !rc; i++)
		rc = bp_store_prepare(st, sql[i], &q[i], err);
	char first[12], last[12];
	bp_date_format(w->from, first, sizeof first);
	bp_date_format(w->from + w->days - 1, last, sizeof last);
	if (!rc)
		rc = bp_store_exec(st, q[0], err, "tt", first, last);
	for (int d = 0; d < w->days && !rc; d++) {
		char day[12];
		bp_date_format(w->day[d].day, day, sizeof day);
		for (int win = 0; win < w->nwindows && !rc; win++) {
			char start[20], end[20];
			int day0 = w->day[d].day;
			bp_datetime_format(day0, s->windows[win].start, start, sizeof start);
			bp_datetime_format(day0, s->windows[win].end, end, sizeof end);
			for (int c = 0; c < w->nclasses && !rc; c++) {
				const struct bp_wcell *x = bp_windows_cell(w, d, win, c);
				rc = bp_store_exec(st, q[1], err, "ttttiiL", day, start, end,
						   w->classes[c].name, x->capacity, x->booked,
						   run_id);
			}
		}
	}
	finalize(q, 2);
	return rc;
}

static const char *tier_name(int t)
{
	return t < BP_TIERS ? bp_tier_name((enum bp_tier)t) : "all";
}

int bp_store_save_learned(struct bp_store *st, long long run_id, const struct bp_shop *s,
			  const struct bp_learned *l, struct bp_err *err)
{
	int rc = bp_store_need_tx(st, "bp_store_save_learned", err);
	if (rc)
		return rc;
	sqlite3_stmt *q[6] = {NULL};
	static const char *const sql[6] = {
		"DELETE FROM learned_durations",
		"DELETE FROM learned_windows",
		"DELETE FROM learned_technicians",
		"INSERT INTO learned_durations (service_code, level, samples, standard, typical, "
		"learned, run_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
		"INSERT INTO learned_windows (start, \"end\", tier, booked, shows, show_rate, "
		"late_median, late_share, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		"INSERT INTO learned_technicians (technician_id, service_code, samples, ratio, "
		"bottleneck, run_id) VALUES (?, ?, ?, ?, ?, ?)",
	};
	for (int i = 0; i < 6 && !rc; i++)
		rc = bp_store_prepare(st, sql[i], &q[i], err);
	for (int i = 0; i < 3 && !rc; i++)
		rc = bp_store_exec(st, q[i], err, "");
	for (int sv = 0; sv < s->nservices && sv < l->nservices && !rc; sv++)
		for (int lv = 1; lv <= BP_LEVELS && !rc; lv++) {
			const struct bp_learned_duration *d = bp_learn_dur(l, sv, lv);
			if (!d->standard)
				continue;      /* that level cannot do the service */
			rc = bp_store_exec(st, q[3], err, "tiiidiL", s->services[sv].code, lv,
					   d->samples, d->standard, d->typical, d->learned, run_id);
		}
	for (int w = 0; w < s->nwindows && w < l->nwindows && !rc; w++) {
		char a[8], b[8];
		bp_time_format(s->windows[w].start, a, sizeof a);
		bp_time_format(s->windows[w].end, b, sizeof b);
		for (int t = 0; t <= BP_TIERS && !rc; t++) {
			const struct bp_learned_window *x = &l->win[w][t];
			rc = bp_store_exec(st, q[4], err, "tttiidddL", a, b, tier_name(t),
					   x->booked, x->shows, x->show_rate, x->late_median,
					   x->late_share, run_id);
		}
	}
	for (int i = 0; i < l->ntechs && !rc; i++) {
		const struct bp_learned_tech *r = &l->tech[i];
		if (r->tech < 0 || r->tech >= s->ntechs || r->service >= s->nservices)
			continue;
		rc = bp_store_exec(st, q[5], err, "ttidiL", s->techs[r->tech].id,
				   r->service >= 0 ? s->services[r->service].code : "", r->samples,
				   r->ratio, r->bottleneck, run_id);
	}
	finalize(q, 6);
	return rc;
}
