/*
 * store_shop.c - the shop's input tables. bp_store_save_shop replaces the
 * whole shop (delete children first, insert parents first); bp_store_load_shop
 * reads it back in the same order, turning every id into an index.
 */
#include <assert.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "io/store.h"
#include "io/store_int.h"
#include "model/validate.h"

/* Tables in the order they are written: every table after the ones it
 * references. */
enum {
	T_SHOP, T_SKILL, T_BAY_TYPE, T_SERVES, T_BAY, T_CLOSED, T_TECH, T_TECH_SKILL,
	T_BREAK, T_PART, T_SERVICE, T_MINUTES, T_SERVICE_PART, T_JOB,
	T_JOB_PART, T_WINDOW, T_POLICY, T_DEMAND, T_ACTUAL, T_ORDER, T_STATUS, T_STATUS_KEEP,
	T_ROSTER, T_CLOSURE, NTABLES
};

static const char *const insert_sql[NTABLES] = {
	[T_SHOP] = "INSERT INTO shop (id, name, slot_minutes, open, close, overtime_minutes, "
		   "advisors, advisor_checkins_per_hour, common_lead_hours, rare_lead_hours, "
		   "demand_file, actuals_file, loan_cars, wash_bays) "
		   "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[T_SKILL] = "INSERT INTO skills (id) VALUES (?)",
	[T_BAY_TYPE] = "INSERT INTO bay_types (id) VALUES (?)",
	[T_SERVES] = "INSERT INTO bay_type_serves (bay_type_id, serves_id) VALUES (?, ?)",
	[T_BAY] = "INSERT INTO bays (id, bay_type_id) VALUES (?, ?)",
	[T_CLOSED] = "INSERT INTO bay_closed (bay_id, start, \"end\") VALUES (?, ?, ?)",
	[T_TECH] = "INSERT INTO technicians (id, name, shift_start, shift_end, cost_per_hour, "
		   "overtime_cost_per_hour) VALUES (?, ?, ?, ?, ?, ?)",
	[T_TECH_SKILL] = "INSERT INTO technician_skills (technician_id, skill_id, level) "
			 "VALUES (?, ?, ?)",
	[T_BREAK] = "INSERT INTO technician_breaks (technician_id, start, \"end\") "
		    "VALUES (?, ?, ?)",
	[T_PART] = "INSERT INTO parts (sku, name, on_hand, supply, unit_cost, pack, min_order, "
		   "service_level, safety_stock) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[T_SERVICE] = "INSERT INTO services (code, name, skill_id, level, bay_type_id, "
		      "handover_minutes, wash_minutes) VALUES (?, ?, ?, ?, ?, ?, ?)",
	[T_MINUTES] = "INSERT INTO service_minutes (service_code, level, minutes) "
		      "VALUES (?, ?, ?)",
	[T_SERVICE_PART] = "INSERT INTO service_parts (service_code, sku, qty) VALUES (?, ?, ?)",
	[T_JOB] = "INSERT INTO jobs (id, date, service_code, tier, arrival, window_start, "
		  "window_end, promised, waiting, minutes, technician_id, loan_car) "
		  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[T_JOB_PART] = "INSERT INTO job_parts (job_id, sku, qty) VALUES (?, ?, ?)",
	[T_WINDOW] = "INSERT INTO windows (start, \"end\") VALUES (?, ?)",
	[T_POLICY] = "INSERT INTO policy (key, value) VALUES (?, ?)",
	[T_DEMAND] = "INSERT INTO part_demand (date, sku, qty) VALUES (?, ?, ?)",
	[T_ACTUAL] = "INSERT INTO actuals (job_id, service_code, technician_id, date, tier, "
		     "window_start, window_end, arrived, started, finished, no_show, csv_line) "
		     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[T_ORDER] = "INSERT INTO part_orders (sku, qty, arrives, source) VALUES (?, ?, ?, 'import')",
	[T_STATUS] = "INSERT INTO job_status (job_id, status, started, finished, technician_id, "
		     "bay_id, carried_from) VALUES (?, ?, ?, ?, ?, ?, ?)",
	[T_STATUS_KEEP] = "INSERT OR IGNORE INTO job_status (job_id) VALUES (?)",
	[T_ROSTER] = "INSERT INTO roster (technician_id, date, kind, start, \"end\", breaks) "
		     "VALUES (?, ?, ?, ?, ?, ?)",
	[T_CLOSURE] = "INSERT INTO closures (date, bay_id, start, \"end\", reason) "
		      "VALUES (?, ?, ?, ?, ?)",
};

/* The reverse of the writing order, so no foreign key dangles on the way. */
static const char delete_all[] =
	"DELETE FROM actuals; DELETE FROM part_demand; DELETE FROM policy;"
	"DELETE FROM windows; DELETE FROM job_parts; DELETE FROM jobs;"
	"DELETE FROM service_parts; DELETE FROM service_minutes; DELETE FROM services;"
	"DELETE FROM part_on_order; DELETE FROM parts; DELETE FROM technician_breaks;"
	"DELETE FROM technician_skills; DELETE FROM technicians; DELETE FROM bay_closed;"
	"DELETE FROM bays; DELETE FROM bay_type_serves; DELETE FROM bay_types;"
	"DELETE FROM skills; DELETE FROM shop;";

/* What only a full replace starts over: the day-to-day records. */
static const char delete_day[] =
	"DELETE FROM job_status; DELETE FROM roster; DELETE FROM closures;"
	"DELETE FROM part_orders;";

/* Policy keys as in the shop file's policy section; tier weights are
 * "tier_weight.core" and so on. */
static const struct {
	const char *key;
	size_t off;
	int integer;
} policy_keys[] = {
	{"tier_weight.core", offsetof(struct bp_policy, tier_weight[BP_TIER_CORE]), 0},
	{"tier_weight.potential", offsetof(struct bp_policy, tier_weight[BP_TIER_POTENTIAL]), 0},
	{"tier_weight.basic", offsetof(struct bp_policy, tier_weight[BP_TIER_BASIC]), 0},
	{"job_value", offsetof(struct bp_policy, job_value), 0},
	{"late_per_minute", offsetof(struct bp_policy, late_per_minute), 0},
	{"overtime_factor", offsetof(struct bp_policy, overtime_factor), 0},
	{"overqual_per_minute", offsetof(struct bp_policy, overqual_per_minute), 0},
	{"wait_per_minute", offsetof(struct bp_policy, wait_per_minute), 0},
	{"delivery_fee", offsetof(struct bp_policy, delivery_fee), 0},
	{"holding_rate_per_day", offsetof(struct bp_policy, holding_rate_per_day), 0},
	{"missing_part_penalty", offsetof(struct bp_policy, missing_part_penalty), 0},
	{"safety_shortfall_penalty", offsetof(struct bp_policy, safety_shortfall_penalty), 0},
	{"excess_days", offsetof(struct bp_policy, excess_days), 1},
	{"service_level", offsetof(struct bp_policy, service_level), 0},
	{"max_overbook", offsetof(struct bp_policy, max_overbook), 0},
	{"advisor_day_max", offsetof(struct bp_policy, advisor_day_max), 1},
	{"pause_per_minute", offsetof(struct bp_policy, pause_per_minute), 0},
	{"carry_per_minute", offsetof(struct bp_policy, carry_per_minute), 0},
};
#define NPOLICY (int)(sizeof policy_keys / sizeof policy_keys[0])

/* ---- writing ---- */

struct wr {
	struct bp_store *st;
	struct bp_err *err;
	int keep;                  /* merge: keep the day-to-day records */
	const unsigned char *new_part; /* merge: parts new to the store (their orders are written) */
	sqlite3_stmt *q[NTABLES];
	const char *kind, *id;     /* the record being written, for messages */
};

static int refused(struct wr *w, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int refused(struct wr *w, const char *field, const char *fmt, ...)
{
	char rec[96], msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(rec, sizeof rec, "%s %s", w->kind, w->id);
	return bp_err_rec(w->err, BP_EDATA, rec, field, "%s", msg);
}

static int put(struct wr *w, int table, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	int rc = bp_store_vstep(w->q[table], types, ap);
	va_end(ap);
	if (rc == SQLITE_DONE)
		return BP_OK;
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return refused(w, NULL, "the store refused it: %s", sqlite3_errmsg(w->st->db));
	return bp_store_fail(w->st, rc, w->err);
}

/* Times and dates go in as text readers can use; a value that would not
 * read back is refused here, so the store always loads. */
static int clock_txt(struct wr *w, int m, const char *field, char buf[8])
{
	if (m < 0 || m > 1440)
		return refused(w, field, "%d minutes is not a clock time (00:00-24:00)", m);
	bp_time_format(m, buf, 8);
	return BP_OK;
}

static int day_txt(struct wr *w, int d, const char *field, char buf[12])
{
	if (d < 0 || d > BP_DAY_MAX)
		return refused(w, field, "day %d is not a date from 1970 to 2199", d);
	bp_date_format(d, buf, 12);
	return BP_OK;
}

/* Date and clock time as written, not rolled over, so 24:00 reads back as
 * 24:00 of the same day. */
static int stamp_txt(struct wr *w, int d, int m, const char *field, char buf[20])
{
	char day[12], clock[8];
	int rc = day_txt(w, d, field, day);
	if (!rc)
		rc = clock_txt(w, m, field, clock);
	if (!rc)
		snprintf(buf, 20, "%sT%s", day, clock);
	return rc;
}

static int save_info(struct wr *w, const struct bp_shop *s)
{
	const struct bp_shop_info *in = &s->info;
	char open[8], close[8];
	int rc;
	w->kind = "shop";
	w->id = in->name;
	if ((rc = clock_txt(w, in->open, "open", open)) ||
	    (rc = clock_txt(w, in->close, "close", close)))
		return rc;
	return put(w, T_SHOP, "tittiiiiittii", in->name, in->slot_minutes, open, close,
		   in->overtime_minutes, in->advisors, in->advisor_checkins_per_hour,
		   in->lead_hours[BP_SUPPLY_COMMON], in->lead_hours[BP_SUPPLY_RARE],
		   s->demand_file, s->actuals_file, in->loan_cars, in->wash_bays);
}

static int save_kinds(struct wr *w, const struct bp_shop *s)
{
	int rc = BP_OK;
	w->kind = "skill";
	for (int k = 0; k < s->nskills && !rc; k++)
		rc = put(w, T_SKILL, "t", w->id = s->skills[k].id);
	w->kind = "bay type";
	for (int t = 0; t < s->nbay_types && !rc; t++)
		rc = put(w, T_BAY_TYPE, "t", w->id = s->bay_types[t].id);
	/* Every bit, the type's own included, so readers join without a rule. */
	for (int t = 0; t < s->nbay_types && !rc; t++)
		for (int u = 0; u < s->nbay_types && !rc; u++)
			if (bp_bay_serves(s, t, u))
				rc = put(w, T_SERVES, "tt", w->id = s->bay_types[t].id,
					 s->bay_types[u].id);
	return rc;
}

static int save_spans(struct wr *w, int table, const char *owner, const struct bp_span *sp,
		      int n, const char *field)
{
	int rc = BP_OK;
	for (int i = 0; i < n && !rc; i++) {
		char a[8], b[8];
		if (!(rc = clock_txt(w, sp[i].start, field, a)) &&
		    !(rc = clock_txt(w, sp[i].end, field, b)))
			rc = put(w, table, "ttt", owner, a, b);
	}
	return rc;
}

static int save_bays(struct wr *w, const struct bp_shop *s)
{
	int rc = BP_OK;
	w->kind = "bay";
	for (int i = 0; i < s->nbays && !rc; i++) {
		const struct bp_bay *b = &s->bays[i];
		assert(b->type >= 0 && b->type < s->nbay_types);
		w->id = b->id;
		rc = put(w, T_BAY, "tt", b->id, s->bay_types[b->type].id);
		if (!rc)
			rc = save_spans(w, T_CLOSED, b->id, b->closed, b->nclosed, "closed");
	}
	return rc;
}

static int save_techs(struct wr *w, const struct bp_shop *s)
{
	int rc = BP_OK;
	w->kind = "technician";
	for (int i = 0; i < s->ntechs && !rc; i++) {
		const struct bp_technician *t = &s->techs[i];
		char a[8], b[8];
		w->id = t->id;
		if ((rc = clock_txt(w, t->shift.start, "shift", a)) ||
		    (rc = clock_txt(w, t->shift.end, "shift", b)) ||
		    (rc = put(w, T_TECH, "ttttdd", t->id, t->name, a, b, t->cost_per_hour,
			      t->overtime_cost_per_hour)))
			break;
		for (int k = 0; k < s->nskills && !rc; k++)
			if (t->level[k])
				rc = put(w, T_TECH_SKILL, "tti", t->id, s->skills[k].id,
					 t->level[k]);
		if (!rc)
			rc = save_spans(w, T_BREAK, t->id, t->breaks, t->nbreaks, "breaks");
	}
	return rc;
}

static int save_parts(struct wr *w, const struct bp_shop *s)
{
	int rc = BP_OK;
	w->kind = "part";
	for (int i = 0; i < s->nparts && !rc; i++) {
		const struct bp_part *p = &s->parts[i];
		w->id = p->sku;
		rc = put(w, T_PART, "ttitdiidn", p->sku, p->name, p->on_hand,
			 bp_supply_name(p->supply), p->unit_cost, p->pack, p->min_order,
			 p->service_level, p->safety_stock);
		if (w->keep && !(w->new_part && w->new_part[i]))
			continue;
		for (int k = 0; k < p->non_order && !rc; k++) {
			char at[20];
			const struct bp_delivery *d = &p->on_order[k];
			if (!(rc = stamp_txt(w, d->day, d->minute, "on_order", at)))
				rc = put(w, T_ORDER, "tit", p->sku, d->qty, at);
		}
	}
	return rc;
}

static int save_lines(struct wr *w, const struct bp_shop *s, int table, const char *owner,
		      const struct bp_part_line *l, int n)
{
	int rc = BP_OK;
	for (int i = 0; i < n && !rc; i++) {
		assert(l[i].part >= 0 && l[i].part < s->nparts);
		rc = put(w, table, "tti", owner, s->parts[l[i].part].sku, l[i].qty);
	}
	return rc;
}

static int save_services(struct wr *w, const struct bp_shop *s)
{
	int rc = BP_OK;
	w->kind = "service";
	for (int i = 0; i < s->nservices && !rc; i++) {
		const struct bp_service *sv = &s->services[i];
		assert(sv->skill >= 0 && sv->skill < s->nskills);
		assert(sv->bay_type >= 0 && sv->bay_type < s->nbay_types);
		w->id = sv->code;
		rc = put(w, T_SERVICE, "tttitii", sv->code, sv->name, s->skills[sv->skill].id,
			 sv->level, s->bay_types[sv->bay_type].id, sv->handover_minutes,
			 sv->wash_minutes);
		for (int l = 1; l <= BP_LEVELS && !rc; l++)
			if (sv->minutes[l])
				rc = put(w, T_MINUTES, "tii", sv->code, l, sv->minutes[l]);
		if (!rc)
			rc = save_lines(w, s, T_SERVICE_PART, sv->code, sv->parts, sv->nparts);
	}
	return rc;
}

/* A job's status row: kept as it is in a merge (a new job is booked), else
 * written from the job. */
static int save_status(struct wr *w, const struct bp_shop *s, const struct bp_job *j)
{
	if (w->keep)
		return put(w, T_STATUS_KEEP, "t", j->id);
	char st[20] = "", fin[20] = "", carried[12] = "";
	int rc;
	if ((j->has_started && (rc = stamp_txt(w, j->started_day, j->started, "started", st))) ||
	    (j->has_finished &&
	     (rc = stamp_txt(w, j->finished_day, j->finished, "finished", fin))) ||
	    (j->carried_from > 0 && (rc = day_txt(w, j->carried_from, "carried_from", carried))))
		return rc;
	return put(w, T_STATUS, "ttttttt", j->id, bp_job_status_name(j->status),
		   st[0] ? st : NULL, fin[0] ? fin : NULL,
		   j->act_tech >= 0 ? s->techs[j->act_tech].id : NULL,
		   j->act_bay >= 0 ? s->bays[j->act_bay].id : NULL, carried[0] ? carried : NULL);
}

static int save_job(struct wr *w, const struct bp_shop *s, const struct bp_job *j)
{
	char day[12], a[8], b[8], prom[8];
	int rc;
	assert(j->service >= 0 && j->service < s->nservices);
	assert(j->technician >= -1 && j->technician < s->ntechs);
	w->id = j->id;
	if ((rc = day_txt(w, j->date, "date", day)) ||
	    (rc = clock_txt(w, j->window.start, j->has_window ? "window" : "arrival", a)) ||
	    (j->has_window && (rc = clock_txt(w, j->window.end, "window", b))) ||
	    (j->promised >= 0 && (rc = clock_txt(w, j->promised, "promised", prom))))
		return rc;
	rc = put(w, T_JOB, "ttttttttinti", j->id, day, s->services[j->service].code,
		 bp_tier_name(j->tier), j->has_window ? NULL : a, j->has_window ? a : NULL,
		 j->has_window ? b : NULL, j->promised >= 0 ? prom : NULL, j->waiting ? 1 : 0,
		 j->minutes > 0 ? j->minutes : -1,
		 j->technician >= 0 ? s->techs[j->technician].id : NULL, j->loan_car ? 1 : 0);
	if (!rc)
		rc = save_lines(w, s, T_JOB_PART, j->id, j->parts, j->nparts);
	if (!rc)
		rc = save_status(w, s, j);
	return rc;
}

static int save_jobs(struct wr *w, const struct bp_shop *s)
{
	int rc = BP_OK;
	w->kind = "job";
	for (int i = 0; i < s->njobs && !rc; i++)
		rc = save_job(w, s, &s->jobs[i]);
	return rc;
}

static int save_windows_policy(struct wr *w, const struct bp_shop *s)
{
	int rc = BP_OK;
	w->kind = "window";
	for (int i = 0; i < s->nwindows && !rc; i++) {
		char a[8], b[8], span[16];
		bp_span_format(s->windows[i], span, sizeof span);
		w->id = span;
		if (!(rc = clock_txt(w, s->windows[i].start, "windows", a)) &&
		    !(rc = clock_txt(w, s->windows[i].end, "windows", b)))
			rc = put(w, T_WINDOW, "tt", a, b);
	}
	w->kind = "policy";
	for (int i = 0; i < NPOLICY && !rc; i++) {
		const char *f = (const char *)&s->policy + policy_keys[i].off;
		double v;
		if (policy_keys[i].integer)
			v = *(const int *)(const void *)f;
		else
			v = *(const double *)(const void *)f;
		rc = put(w, T_POLICY, "td", w->id = policy_keys[i].key, v);
	}
	return rc;
}

static int save_actual(struct wr *w, const struct bp_shop *s, const struct bp_actual *a)
{
	char day[12], ws[8], we[8], arr[20], sta[20], fin[20];
	int rc;
	assert(a->service >= -1 && a->service < s->nservices);
	assert(a->technician >= -1 && a->technician < s->ntechs);
	assert(a->window >= -1 && a->window < s->nwindows);
	w->id = a->job_id;
	if ((rc = day_txt(w, a->date, "date", day)) ||
	    (a->window >= 0 && ((rc = clock_txt(w, s->windows[a->window].start, "window", ws)) ||
				(rc = clock_txt(w, s->windows[a->window].end, "window", we)))) ||
	    (a->has_arrived && (rc = stamp_txt(w, a->arrived_day, a->arrived, "arrived", arr))) ||
	    (a->has_started && (rc = stamp_txt(w, a->started_day, a->started, "started", sta))) ||
	    (a->has_finished &&
	     (rc = stamp_txt(w, a->finished_day, a->finished, "finished", fin))))
		return rc;
	return put(w, T_ACTUAL, "ttttttttttii", a->job_id,
		   a->service >= 0 ? s->services[a->service].code : NULL,
		   a->technician >= 0 ? s->techs[a->technician].id : NULL, day,
		   bp_tier_name(a->tier), a->window >= 0 ? ws : NULL, a->window >= 0 ? we : NULL,
		   a->has_arrived ? arr : NULL, a->has_started ? sta : NULL,
		   a->has_finished ? fin : NULL, a->no_show ? 1 : 0, a->line);
}

static int save_history(struct wr *w, const struct bp_shop *s)
{
	int rc = BP_OK;
	w->kind = "part demand for";
	for (int i = 0; i < s->ndemand && !rc; i++) {
		const struct bp_demand_row *d = &s->demand[i];
		char day[12];
		assert(d->part >= 0 && d->part < s->nparts);
		w->id = s->parts[d->part].sku;
		if (!(rc = day_txt(w, d->day, "date", day)))
			rc = put(w, T_DEMAND, "tti", day, w->id, d->qty);
	}
	/* The store's own actuals come back from job_status on every load. */
	w->kind = "actual for job";
	for (int i = 0; i < s->nactuals - s->nstore_actuals && !rc; i++)
		rc = save_actual(w, s, &s->actuals[i]);
	return rc;
}

/* "HH:MM-HH:MM,HH:MM-HH:MM" */
static int spans_txt(struct wr *w, const struct bp_span *sp, int n, char *buf, size_t len)
{
	size_t at = 0;
	buf[0] = 0;
	for (int i = 0; i < n; i++) {
		char a[8], b[8];
		int rc;
		if ((rc = clock_txt(w, sp[i].start, "breaks", a)) ||
		    (rc = clock_txt(w, sp[i].end, "breaks", b)))
			return rc;
		at += (size_t)snprintf(buf + at, len - at, "%s%s-%s", i ? "," : "", a, b);
		if (at >= len)
			return refused(w, "breaks", "too many breaks");
	}
	return BP_OK;
}

/* Dated roster changes and closures, written by a full replace only (a
 * shop file has none; a test may build some). */
static int save_day(struct wr *w, const struct bp_shop *s)
{
	int rc = BP_OK;
	w->kind = "roster change of";
	for (int i = 0; i < s->nroster && !rc; i++) {
		const struct bp_roster_change *c = &s->roster[i];
		char day[12], a[8] = "", b[8] = "", br[BP_MAX_SPANS * 12 + 1];
		w->id = s->techs[c->tech].id;
		if ((rc = day_txt(w, c->date, "date", day)) ||
		    (!c->whole && ((rc = clock_txt(w, c->span.start, "from", a)) ||
				   (rc = clock_txt(w, c->span.end, "to", b)))) ||
		    (rc = spans_txt(w, c->breaks, c->nbreaks, br, sizeof br)))
			return rc;
		rc = put(w, T_ROSTER, "tttttt", w->id, day,
			 c->kind == BP_ROSTER_OFF ? "off" : "shift", a[0] ? a : NULL,
			 b[0] ? b : NULL, br);
	}
	w->kind = "closure on";
	for (int i = 0; i < s->nclosures && !rc; i++) {
		const struct bp_closure *c = &s->closures[i];
		char day[12], a[8] = "", b[8] = "";
		if ((rc = day_txt(w, c->date, "date", day)))
			return rc;
		w->id = day;
		if (!c->whole && ((rc = clock_txt(w, c->span.start, "from", a)) ||
				  (rc = clock_txt(w, c->span.end, "to", b))))
			return rc;
		rc = put(w, T_CLOSURE, "ttttt", day, c->bay >= 0 ? s->bays[c->bay].id : NULL,
			 a[0] ? a : NULL, b[0] ? b : NULL, c->reason);
	}
	return rc;
}

static int write_shop(struct bp_store *st, const struct bp_shop *s, int keep,
		      const unsigned char *new_part, struct bp_err *err)
{
	struct wr w = {.st = st, .err = err, .keep = keep, .new_part = new_part};
	int rc = bp_store_need_tx(st, "bp_store_save_shop", err);
	if (rc)
		return rc;
	int src = sqlite3_exec(st->db, delete_all, NULL, NULL, NULL);
	if (src == SQLITE_OK && !keep)
		src = sqlite3_exec(st->db, delete_day, NULL, NULL, NULL);
	if (src != SQLITE_OK)
		return bp_store_fail(st, src, err);
	for (int t = 0; t < NTABLES && !rc; t++)
		rc = bp_store_prepare(st, insert_sql[t], &w.q[t], err);
	if (!rc && !(rc = save_info(&w, s)) && !(rc = save_kinds(&w, s)) &&
	    !(rc = save_bays(&w, s)) && !(rc = save_techs(&w, s)) &&
	    !(rc = save_parts(&w, s)) && !(rc = save_services(&w, s)) &&
	    !(rc = save_jobs(&w, s)) && !(rc = save_windows_policy(&w, s)) &&
	    !(rc = save_history(&w, s)) && !keep)
		rc = save_day(&w, s);
	for (int t = 0; t < NTABLES; t++)
		sqlite3_finalize(w.q[t]);
	return rc;
}

int bp_store_save_shop(struct bp_store *st, const struct bp_shop *s, struct bp_err *err)
{
	return write_shop(st, s, 0, NULL, err);
}

int bp_store_save_shop_keep(struct bp_store *st, const struct bp_shop *s,
			    const unsigned char *new_part, struct bp_err *err)
{
	return write_shop(st, s, 1, new_part, err);
}

/* ---- reading ---- */

struct sku_ix;

struct rd {
	struct bp_store *st;
	struct bp_shop *s;
	struct bp_err *err;
	sqlite3_stmt *q;           /* the query being read */
	char rec[96];              /* the record being read, for messages */
	int nshop;                 /* rows seen in table shop */
	struct sku_ix *by_sku;     /* parts sorted by sku, for the
				      demand rows (millions, against 10,000
				      parts: a linear search took minutes) */
	int nby_sku;
};

static int bad(struct rd *r, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int bad(struct rd *r, const char *field, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return bp_err_rec(r->err, BP_EDATA, r->rec, field, "%s", msg);
}

static const char *col(struct rd *r, int c)
{
	const char *t = (const char *)sqlite3_column_text(r->q, c);
	return t ? t : "";
}

static int is_null(struct rd *r, int c)
{
	return sqlite3_column_type(r->q, c) == SQLITE_NULL;
}

/* Name the record a row belongs to before anything in it can be wrong. */
static void label(struct rd *r, const char *kind, int c)
{
	snprintf(r->rec, sizeof r->rec, "%s %s", kind, col(r, c));
}

static int c_text(struct rd *r, int c, const char *field, char *dst, size_t n)
{
	const char *t = col(r, c);
	if (is_null(r, c) || strlen(t) >= n)
		return bad(r, field, "'%s' is missing or longer than %zu bytes", t, n - 1);
	memcpy(dst, t, strlen(t) + 1);
	return BP_OK;
}

static int c_int(struct rd *r, int c, const char *field, int *out)
{
	sqlite3_int64 v = sqlite3_column_int64(r->q, c);
	if (sqlite3_column_type(r->q, c) != SQLITE_INTEGER || v < -2147483647 - 1 ||
	    v > 2147483647)
		return bad(r, field, "'%s' is not a whole number", col(r, c));
	*out = (int)v;
	return BP_OK;
}

static int c_level(struct rd *r, int c, const char *field, int *out)
{
	int rc = c_int(r, c, field, out);
	if (!rc && (*out < 1 || *out > BP_LEVELS))
		return bad(r, field, "level %d is not 1, 2 or 3", *out);
	return rc;
}

static int c_num(struct rd *r, int c, const char *field, double *out)
{
	int t = sqlite3_column_type(r->q, c);
	if (t != SQLITE_INTEGER && t != SQLITE_FLOAT)
		return bad(r, field, "'%s' is not a number", col(r, c));
	*out = sqlite3_column_double(r->q, c);
	return BP_OK;
}

static int c_clock(struct rd *r, int c, const char *field, int *out)
{
	if (bp_time_parse(col(r, c), out))
		return bad(r, field, "'%s' is not a clock time (HH:MM)", col(r, c));
	return BP_OK;
}

static int c_day(struct rd *r, int c, const char *field, int *out)
{
	if (bp_date_parse(col(r, c), out))
		return bad(r, field, "'%s' is not a date (YYYY-MM-DD, 1970 to 2199)", col(r, c));
	return BP_OK;
}

/* An optional date and time: *has is 0 for NULL. */
static int c_stamp(struct rd *r, int c, const char *field, int *has, int *day, int *m)
{
	*has = !is_null(r, c);
	if (*has && bp_datetime_parse(col(r, c), day, m))
		return bad(r, field, "'%s' is not a date and time (YYYY-MM-DDTHH:MM, "
			   "1970 to 2199)", col(r, c));
	return BP_OK;
}

typedef int (*finder)(const struct bp_shop *s, const char *id);

/* A reference by id, to an index; NULL is -1 when `optional`. Foreign keys
 * make a miss unlikely, but a store written without them still loads safely. */
static int c_ref(struct rd *r, int c, const char *field, finder find, const char *what,
		 int optional, int *out)
{
	*out = -1;
	if (optional && is_null(r, c))
		return BP_OK;
	*out = find(r->s, col(r, c));
	if (*out < 0)
		return bad(r, field, "names %s '%s', which the store does not hold", what,
			   col(r, c));
	return BP_OK;
}

static int full(struct rd *r, int n, int max, const char *what)
{
	if (n < max)
		return BP_OK;
	return bad(r, NULL, "has more than %d %s; bayplan holds at most %d", max, what, max);
}

static int oom(struct rd *r)
{
	return bp_err_set(r->err, BP_EINTERNAL, "out of memory reading the store");
}

static int read_shop(struct rd *r)
{
	struct bp_shop_info *in = &r->s->info;
	struct bp_shop *s = r->s;
	int rc;
	snprintf(r->rec, sizeof r->rec, "shop");
	r->nshop++;
	if ((rc = c_text(r, 0, "name", in->name, sizeof in->name)) ||
	    (rc = c_int(r, 1, "slot_minutes", &in->slot_minutes)) ||
	    (rc = c_clock(r, 2, "open", &in->open)) || (rc = c_clock(r, 3, "close", &in->close)) ||
	    (rc = c_int(r, 4, "overtime_minutes", &in->overtime_minutes)) ||
	    (rc = c_int(r, 5, "advisors", &in->advisors)) ||
	    (rc = c_int(r, 6, "advisor_checkins_per_hour", &in->advisor_checkins_per_hour)) ||
	    (rc = c_int(r, 7, "common_lead_hours", &in->lead_hours[BP_SUPPLY_COMMON])) ||
	    (rc = c_int(r, 8, "rare_lead_hours", &in->lead_hours[BP_SUPPLY_RARE])) ||
	    (rc = c_text(r, 9, "demand_file", s->demand_file, sizeof s->demand_file)) ||
	    (rc = c_text(r, 10, "actuals_file", s->actuals_file, sizeof s->actuals_file)) ||
	    (rc = c_int(r, 11, "loan_cars", &in->loan_cars)))
		return rc;
	return c_int(r, 12, "wash_bays", &in->wash_bays);
}

static int read_skill(struct rd *r)
{
	label(r, "skill", 0);
	int rc = full(r, r->s->nskills, BP_MAX_SKILLS, "skills in the shop");
	if (!rc)
		rc = c_text(r, 0, "id", r->s->skills[r->s->nskills].id, BP_ID_LEN);
	if (!rc)
		r->s->nskills++;
	return rc;
}

static int read_bay_type(struct rd *r)
{
	label(r, "bay type", 0);
	int rc = full(r, r->s->nbay_types, BP_MAX_BAY_TYPES, "bay types in the shop");
	if (!rc)
		rc = c_text(r, 0, "id", r->s->bay_types[r->s->nbay_types].id, BP_ID_LEN);
	if (!rc)
		r->s->nbay_types++;
	return rc;
}

static int read_serves(struct rd *r)
{
	int t, u, rc;
	label(r, "bay type", 0);
	if ((rc = c_ref(r, 0, "id", bp_shop_bay_type, "bay type", 0, &t)) ||
	    (rc = c_ref(r, 1, "also", bp_shop_bay_type, "bay type", 0, &u)))
		return rc;
	r->s->bay_types[t].serves |= 1u << u;
	return BP_OK;
}

static int read_bay(struct rd *r)
{
	label(r, "bay", 0);
	struct bp_bay *b = bp_shop_add_bay(r->s);
	if (!b)
		return oom(r);
	int rc = c_text(r, 0, "id", b->id, sizeof b->id);
	return rc ? rc : c_ref(r, 1, "type", bp_shop_bay_type, "bay type", 0, &b->type);
}

/* A child span row (closed period, break): owner id, start, end. */
static int c_span(struct rd *r, int *n, struct bp_span *sp, const char *field,
		  const char *what)
{
	int rc = full(r, *n, BP_MAX_SPANS, what);
	if (!rc && !(rc = c_clock(r, 1, field, &sp[*n].start)) &&
	    !(rc = c_clock(r, 2, field, &sp[*n].end)))
		(*n)++;
	return rc;
}

static int read_closed(struct rd *r)
{
	int b, rc;
	label(r, "bay", 0);
	if ((rc = c_ref(r, 0, "id", bp_shop_bay, "bay", 0, &b)))
		return rc;
	struct bp_bay *bay = &r->s->bays[b];
	return c_span(r, &bay->nclosed, bay->closed, "closed", "closed periods");
}

static int read_tech(struct rd *r)
{
	label(r, "technician", 0);
	struct bp_technician *t = bp_shop_add_tech(r->s);
	if (!t)
		return oom(r);
	int rc;
	if ((rc = c_text(r, 0, "id", t->id, sizeof t->id)) ||
	    (rc = c_text(r, 1, "name", t->name, sizeof t->name)) ||
	    (rc = c_clock(r, 2, "shift", &t->shift.start)) ||
	    (rc = c_clock(r, 3, "shift", &t->shift.end)) ||
	    (rc = c_num(r, 4, "cost_per_hour", &t->cost_per_hour)))
		return rc;
	return c_num(r, 5, "overtime_cost_per_hour", &t->overtime_cost_per_hour);
}

static int read_tech_skill(struct rd *r)
{
	int t, k, lv, rc;
	label(r, "technician", 0);
	if ((rc = c_ref(r, 0, "id", bp_shop_tech, "technician", 0, &t)) ||
	    (rc = c_ref(r, 1, "skills", bp_shop_skill, "skill", 0, &k)) ||
	    (rc = c_level(r, 2, "skills", &lv)))
		return rc;
	r->s->techs[t].level[k] = (unsigned char)lv;
	return BP_OK;
}

static int read_break(struct rd *r)
{
	int t, rc;
	label(r, "technician", 0);
	if ((rc = c_ref(r, 0, "id", bp_shop_tech, "technician", 0, &t)))
		return rc;
	struct bp_technician *tc = &r->s->techs[t];
	return c_span(r, &tc->nbreaks, tc->breaks, "breaks", "breaks");
}

static int read_part(struct rd *r)
{
	label(r, "part", 0);
	struct bp_part *p = bp_shop_add_part(r->s);
	if (!p)
		return oom(r);
	int rc;
	if ((rc = c_text(r, 0, "sku", p->sku, sizeof p->sku)) ||
	    (rc = c_text(r, 1, "name", p->name, sizeof p->name)) ||
	    (rc = c_int(r, 2, "on_hand", &p->on_hand)))
		return rc;
	if (bp_supply_parse(col(r, 3), &p->supply))
		return bad(r, "supply", "'%s' is not common or rare", col(r, 3));
	p->safety_stock = -1;
	if ((rc = c_num(r, 4, "unit_cost", &p->unit_cost)) ||
	    (rc = c_int(r, 5, "pack", &p->pack)) ||
	    (rc = c_int(r, 6, "min_order", &p->min_order)) ||
	    (rc = c_num(r, 7, "service_level", &p->service_level)))
		return rc;
	return is_null(r, 8) ? BP_OK : c_int(r, 8, "safety_stock", &p->safety_stock);
}

static int read_on_order(struct rd *r)
{
	int i, has, rc;
	label(r, "part", 0);
	if ((rc = c_ref(r, 0, "sku", bp_shop_part, "part", 0, &i)))
		return rc;
	struct bp_part *p = &r->s->parts[i];
	struct bp_delivery d;
	if ((rc = c_int(r, 1, "on_order", &d.qty)) ||
	    (rc = c_stamp(r, 2, "on_order", &has, &d.day, &d.minute)))
		return rc;
	if (!has)
		return bad(r, "on_order", "a delivery has no arrival time");
	/* Open lines come in arrival order. Lines due at the same time are one
	 * delivery; past the model's limit the rest joins the last line kept,
	 * which arrives no later than they do, so nothing is counted early. */
	struct bp_delivery *last = p->non_order ? &p->on_order[p->non_order - 1] : NULL;
	if (last && ((last->day == d.day && last->minute == d.minute) ||
		     p->non_order == BP_MAX_ON_ORDER)) {
		if (d.qty > 2147483647 - last->qty)
			return bad(r, "on_order", "more than 2147483647 on order");
		last->qty += d.qty;
	} else {
		p->on_order[p->non_order++] = d;
	}
	return BP_OK;
}

static int read_service(struct rd *r)
{
	label(r, "service", 0);
	struct bp_service *sv = bp_shop_add_service(r->s);
	if (!sv)
		return oom(r);
	int rc;
	if ((rc = c_text(r, 0, "code", sv->code, sizeof sv->code)) ||
	    (rc = c_text(r, 1, "name", sv->name, sizeof sv->name)) ||
	    (rc = c_ref(r, 2, "skill", bp_shop_skill, "skill", 0, &sv->skill)) ||
	    (rc = c_level(r, 3, "level", &sv->level)) ||
	    (rc = c_ref(r, 4, "bay", bp_shop_bay_type, "bay type", 0, &sv->bay_type)) ||
	    (rc = c_int(r, 5, "handover_minutes", &sv->handover_minutes)))
		return rc;
	return c_int(r, 6, "wash_minutes", &sv->wash_minutes);
}

static int read_minutes(struct rd *r)
{
	int i, lv, rc;
	label(r, "service", 0);
	if ((rc = c_ref(r, 0, "code", bp_shop_service, "service", 0, &i)) ||
	    (rc = c_level(r, 1, "minutes", &lv)))
		return rc;
	return c_int(r, 2, "minutes", &r->s->services[i].minutes[lv]);
}

/* A parts line (service or job): owner id, sku, qty. */
static int c_line(struct rd *r, int *n, struct bp_part_line *l)
{
	int rc = full(r, *n, BP_MAX_LINES, "parts lines");
	if (!rc && !(rc = c_ref(r, 1, "parts", bp_shop_part, "part", 0, &l[*n].part)) &&
	    !(rc = c_int(r, 2, "parts", &l[*n].qty)))
		(*n)++;
	return rc;
}

static int read_service_part(struct rd *r)
{
	int i, rc;
	label(r, "service", 0);
	if ((rc = c_ref(r, 0, "code", bp_shop_service, "service", 0, &i)))
		return rc;
	return c_line(r, &r->s->services[i].nparts, r->s->services[i].parts);
}

/* The job's row in job_status (columns c..c+4); none reads as booked. */
static int c_job_status(struct rd *r, int c, struct bp_job *j)
{
	int rc;
	if (!is_null(r, c) && bp_job_status_parse(col(r, c), &j->status))
		return bad(r, "status", "'%s' is not booked, in_progress, done, no_show or "
			   "cancelled", col(r, c));
	if ((rc = c_stamp(r, c + 1, "started", &j->has_started, &j->started_day, &j->started)) ||
	    (rc = c_stamp(r, c + 2, "finished", &j->has_finished, &j->finished_day,
			  &j->finished)) ||
	    (rc = c_ref(r, c + 3, "technician_id", bp_shop_tech, "technician", 1, &j->act_tech)) ||
	    (rc = c_ref(r, c + 4, "bay_id", bp_shop_bay, "bay", 1, &j->act_bay)))
		return rc;
	/* carried_from is not read back: it is an output for other programs,
	 * and each day's view works it out afresh (a job moved since, or
	 * planned again on its own date, is not carried). */
	return BP_OK;
}

static int read_job(struct rd *r)
{
	label(r, "job", 0);
	struct bp_job *j = bp_shop_add_job(r->s);
	if (!j)
		return oom(r);
	int rc;
	if ((rc = c_text(r, 0, "id", j->id, sizeof j->id)) ||
	    (rc = c_day(r, 1, "date", &j->date)) ||
	    (rc = c_ref(r, 2, "service", bp_shop_service, "service", 0, &j->service)))
		return rc;
	if (bp_tier_parse(col(r, 3), &j->tier))
		return bad(r, "tier", "'%s' is not core, potential or basic", col(r, 3));
	j->has_window = !is_null(r, 5);
	if (j->has_window) {
		if ((rc = c_clock(r, 5, "window", &j->window.start)) ||
		    (rc = c_clock(r, 6, "window", &j->window.end)))
			return rc;
	} else {
		if ((rc = c_clock(r, 4, "arrival", &j->window.start)))
			return rc;
		j->window.end = j->window.start;
	}
	if ((!is_null(r, 7) && (rc = c_clock(r, 7, "promised", &j->promised))) ||
	    (rc = c_int(r, 8, "waiting", &j->waiting)) ||
	    (!is_null(r, 9) && (rc = c_int(r, 9, "minutes", &j->minutes))))
		return rc;
	if ((rc = c_ref(r, 10, "technician", bp_shop_tech, "technician", 1, &j->technician)) ||
	    (rc = c_int(r, 16, "loan_car", &j->loan_car)))
		return rc;
	return c_job_status(r, 11, j);
}

static int read_job_part(struct rd *r)
{
	int i, rc;
	label(r, "job", 0);
	if ((rc = c_ref(r, 0, "id", bp_shop_job, "job", 0, &i)))
		return rc;
	return c_line(r, &r->s->jobs[i].nparts, r->s->jobs[i].parts);
}

static int read_window(struct rd *r)
{
	struct bp_shop *s = r->s;
	snprintf(r->rec, sizeof r->rec, "window %s-%s", col(r, 0), col(r, 1));
	int rc = full(r, s->nwindows, BP_MAX_WINDOWS, "windows");
	if (!rc && !(rc = c_clock(r, 0, "windows", &s->windows[s->nwindows].start)) &&
	    !(rc = c_clock(r, 1, "windows", &s->windows[s->nwindows].end)))
		s->nwindows++;
	return rc;
}

static int read_policy(struct rd *r)
{
	label(r, "policy", 0);
	for (int i = 0; i < NPOLICY; i++) {
		if (strcmp(col(r, 0), policy_keys[i].key) != 0)
			continue;
		double v;
		int rc = c_num(r, 1, "value", &v);
		if (rc)
			return rc;
		char *f = (char *)&r->s->policy + policy_keys[i].off;
		if (!policy_keys[i].integer) {
			*(double *)(void *)f = v;
			return BP_OK;
		}
		if (v != (int)v)
			return bad(r, "value", "%g is not a whole number", v);
		*(int *)(void *)f = (int)v;
		return BP_OK;
	}
	return bad(r, NULL, "is not a policy key this bayplan knows");
}

struct sku_ix {
	const char *sku;
	int part;
};

static int cmp_sku(const void *a, const void *b)
{
	return strcmp(((const struct sku_ix *)a)->sku, ((const struct sku_ix *)b)->sku);
}

/* The part of a demand row by binary search (skus are unique). */
static int demand_part(struct rd *r, const char *sku)
{
	const struct bp_shop *s = r->s;
	if (r->nby_sku != s->nparts) {
		struct sku_ix *t = realloc(r->by_sku, (size_t)(s->nparts ? s->nparts : 1) * sizeof *t);
		if (!t)
			return bp_shop_part(s, sku);
		r->by_sku = t;
		for (int i = 0; i < s->nparts; i++)
			t[i] = (struct sku_ix){s->parts[i].sku, i};
		qsort(t, (size_t)s->nparts, sizeof *t, cmp_sku);
		r->nby_sku = s->nparts;
	}
	struct sku_ix key = {sku, -1};
	const struct sku_ix *hit = bsearch(&key, r->by_sku, (size_t)r->nby_sku, sizeof key, cmp_sku);
	return hit ? hit->part : -1;
}

static int read_demand(struct rd *r)
{
	label(r, "part demand for", 1);
	struct bp_demand_row *d = bp_shop_add_demand(r->s);
	if (!d)
		return oom(r);
	int rc;
	if ((rc = c_day(r, 0, "date", &d->day)))
		return rc;
	d->part = demand_part(r, col(r, 1));
	if (d->part < 0)
		return bad(r, "sku", "names part '%s', which the store does not hold", col(r, 1));
	return c_int(r, 2, "qty", &d->qty);
}

/* The window an actual was booked in, by its span. */
static int c_window(struct rd *r, int c, int *out)
{
	struct bp_span w;
	*out = -1;
	if (is_null(r, c))
		return BP_OK;
	int rc;
	if ((rc = c_clock(r, c, "window", &w.start)) || (rc = c_clock(r, c + 1, "window", &w.end)))
		return rc;
	for (int i = 0; i < r->s->nwindows; i++)
		if (r->s->windows[i].start == w.start && r->s->windows[i].end == w.end)
			*out = i;
	if (*out < 0)
		return bad(r, "window", "%s-%s is not one of the shop's windows", col(r, c),
			   col(r, c + 1));
	return BP_OK;
}

static int read_actual(struct rd *r)
{
	label(r, "actual for job", 0);
	struct bp_actual *a = bp_shop_add_actual(r->s);
	if (!a)
		return oom(r);
	int rc;
	if ((rc = c_text(r, 0, "job_id", a->job_id, sizeof a->job_id)) ||
	    (rc = c_ref(r, 1, "service", bp_shop_service, "service", 1, &a->service)) ||
	    (rc = c_ref(r, 2, "technician", bp_shop_tech, "technician", 1, &a->technician)) ||
	    (rc = c_day(r, 3, "date", &a->date)))
		return rc;
	if (bp_tier_parse(col(r, 4), &a->tier))
		return bad(r, "tier", "'%s' is not core, potential or basic", col(r, 4));
	if ((rc = c_window(r, 5, &a->window)) ||
	    (rc = c_stamp(r, 7, "arrived", &a->has_arrived, &a->arrived_day, &a->arrived)) ||
	    (rc = c_stamp(r, 8, "started", &a->has_started, &a->started_day, &a->started)) ||
	    (rc = c_stamp(r, 9, "finished", &a->has_finished, &a->finished_day, &a->finished)) ||
	    (rc = c_int(r, 10, "no_show", &a->no_show)))
		return rc;
	return c_int(r, 11, "csv_line", &a->line);
}

/* "HH:MM-HH:MM,..." */
static int c_spans(struct rd *r, int c, const char *field, struct bp_span *sp, int *n)
{
	char buf[BP_MAX_SPANS * 16];
	const char *t = col(r, c);
	*n = 0;
	if (!*t)
		return BP_OK;
	if (strlen(t) >= sizeof buf)
		return bad(r, field, "'%s' is too long", t);
	memcpy(buf, t, strlen(t) + 1);
	for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (*n == BP_MAX_SPANS)
			return bad(r, field, "more than %d spans", BP_MAX_SPANS);
		if (bp_span_parse(tok, &sp[*n]) || sp[*n].end <= sp[*n].start)
			return bad(r, field, "'%s' is not HH:MM-HH:MM", tok);
		(*n)++;
	}
	return BP_OK;
}

/* A span from two optional clock columns; both NULL is the whole day. */
static int c_part_of_day(struct rd *r, int c, int *whole, struct bp_span *sp)
{
	int rc;
	*whole = is_null(r, c) && is_null(r, c + 1);
	if (*whole)
		return BP_OK;
	if ((rc = c_clock(r, c, "from", &sp->start)) || (rc = c_clock(r, c + 1, "to", &sp->end)))
		return rc;
	if (sp->end <= sp->start)
		return bad(r, "to", "ends at %s, not after its start %s", col(r, c + 1), col(r, c));
	return BP_OK;
}

static int read_roster(struct rd *r)
{
	snprintf(r->rec, sizeof r->rec, "roster %s %s %s", col(r, 0), col(r, 1), col(r, 2));
	struct bp_roster_change *c = bp_shop_add_roster(r->s);
	if (!c)
		return oom(r);
	int rc;
	if ((rc = c_ref(r, 0, "technician_id", bp_shop_tech, "technician", 0, &c->tech)) ||
	    (rc = c_day(r, 1, "date", &c->date)))
		return rc;
	if (strcmp(col(r, 2), "off") == 0)
		c->kind = BP_ROSTER_OFF;
	else if (strcmp(col(r, 2), "shift") == 0)
		c->kind = BP_ROSTER_SHIFT;
	else
		return bad(r, "kind", "'%s' is not off or shift", col(r, 2));
	if ((rc = c_part_of_day(r, 3, &c->whole, &c->span)))
		return rc;
	if (c->kind == BP_ROSTER_SHIFT && c->whole)
		return bad(r, "start", "a shift change has no shift");
	return c_spans(r, 5, "breaks", c->breaks, &c->nbreaks);
}

static int read_closure(struct rd *r)
{
	snprintf(r->rec, sizeof r->rec, "closure %s%s%s", col(r, 0), is_null(r, 1) ? "" : " bay ",
		 col(r, 1));
	struct bp_closure *c = bp_shop_add_closure(r->s);
	if (!c)
		return oom(r);
	int rc;
	if ((rc = c_day(r, 0, "date", &c->date)) ||
	    (rc = c_ref(r, 1, "bay_id", bp_shop_bay, "bay", 1, &c->bay)) ||
	    (rc = c_part_of_day(r, 2, &c->whole, &c->span)))
		return rc;
	return c_text(r, 4, "reason", c->reason, sizeof c->reason);
}

/* The store's own actuals: what job start, finish and no-show recorded.
 * They teach the learning as the history CSV does; a job the CSV already
 * reports is taken from the CSV. */
static int store_actuals(struct rd *r)
{
	struct bp_shop *s = r->s;
	int ncsv = s->nactuals;
	for (int i = 0; i < s->njobs; i++) {
		const struct bp_job *j = &s->jobs[i];
		if (j->status != BP_JOB_NO_SHOW && !(j->status == BP_JOB_DONE && j->has_started &&
						     j->has_finished))
			continue;
		int seen = 0;
		for (int k = 0; k < ncsv && !seen; k++)
			seen = strcmp(s->actuals[k].job_id, j->id) == 0;
		if (seen)
			continue;
		struct bp_actual *a = bp_shop_add_actual(s);
		if (!a)
			return oom(r);
		memcpy(a->job_id, j->id, sizeof a->job_id);
		a->service = j->service;
		a->technician = j->act_tech;
		a->date = j->date;
		a->tier = j->tier;
		a->window = -1;
		for (int w = 0; w < s->nwindows && j->has_window; w++)
			if (s->windows[w].start == j->window.start && s->windows[w].end == j->window.end)
				a->window = w;
		a->no_show = j->status == BP_JOB_NO_SHOW;
		if (!a->no_show) {
			a->has_started = a->has_finished = 1;
			a->started_day = j->started_day;
			a->started = j->started;
			a->finished_day = j->finished_day;
			a->finished = j->finished;
		}
	}
	s->nstore_actuals = s->nactuals - ncsv;
	return BP_OK;
}

/* Queries in the order tables are written: a row's references are loaded
 * before it. ORDER BY rowid keeps the shop file's order, which indexes
 * depend on. */
static const struct {
	const char *sql;
	int (*row)(struct rd *r);
} readers[] = {
	{"SELECT name, slot_minutes, open, close, overtime_minutes, advisors, "
	 "advisor_checkins_per_hour, common_lead_hours, rare_lead_hours, demand_file, "
	 "actuals_file, loan_cars, wash_bays FROM shop", read_shop},
	{"SELECT id FROM skills ORDER BY rowid", read_skill},
	{"SELECT id FROM bay_types ORDER BY rowid", read_bay_type},
	{"SELECT bay_type_id, serves_id FROM bay_type_serves ORDER BY rowid", read_serves},
	{"SELECT id, bay_type_id FROM bays ORDER BY rowid", read_bay},
	{"SELECT bay_id, start, \"end\" FROM bay_closed ORDER BY rowid", read_closed},
	{"SELECT id, name, shift_start, shift_end, cost_per_hour, overtime_cost_per_hour "
	 "FROM technicians ORDER BY rowid", read_tech},
	{"SELECT technician_id, skill_id, level FROM technician_skills ORDER BY rowid",
	 read_tech_skill},
	{"SELECT technician_id, start, \"end\" FROM technician_breaks ORDER BY rowid",
	 read_break},
	{"SELECT sku, name, on_hand, supply, unit_cost, pack, min_order, service_level, "
	 "safety_stock FROM parts ORDER BY rowid", read_part},
	{"SELECT sku, qty - received, arrives FROM part_orders WHERE qty > received "
	 "ORDER BY arrives, id", read_on_order},
	{"SELECT code, name, skill_id, level, bay_type_id, handover_minutes, wash_minutes "
	 "FROM services ORDER BY rowid", read_service},
	{"SELECT service_code, level, minutes FROM service_minutes ORDER BY rowid",
	 read_minutes},
	{"SELECT service_code, sku, qty FROM service_parts ORDER BY rowid", read_service_part},
	{"SELECT id, date, service_code, tier, arrival, window_start, window_end, promised, "
	 "waiting, minutes, j.technician_id, s.status, s.started, s.finished, s.technician_id, "
	 "s.bay_id, j.loan_car FROM jobs j LEFT JOIN job_status s ON s.job_id = j.id "
	 "ORDER BY j.rowid", read_job},
	{"SELECT job_id, sku, qty FROM job_parts ORDER BY rowid", read_job_part},
	{"SELECT start, \"end\" FROM windows ORDER BY rowid", read_window},
	{"SELECT key, value FROM policy ORDER BY rowid", read_policy},
	{"SELECT date, sku, qty FROM part_demand ORDER BY rowid", read_demand},
	{"SELECT job_id, service_code, technician_id, date, tier, window_start, window_end, "
	 "arrived, started, finished, no_show, csv_line FROM actuals ORDER BY rowid",
	 read_actual},
	{"SELECT technician_id, date, kind, start, \"end\", breaks FROM roster ORDER BY id",
	 read_roster},
	{"SELECT date, bay_id, start, \"end\", reason FROM closures ORDER BY id", read_closure},
};

/* A refused row's message ends with where it is, so it can be found and
 * corrected: "... (table parts of the store s.db; ...)". */
static void name_table(struct bp_store *st, struct bp_err *err, const char *table, int len)
{
	size_t used = strlen(err->msg);
	snprintf(err->msg + used, sizeof err->msg - used, " (table %.*s of the store %s; "
		 "correct the row or import the shop file again)", len, table, st->path);
}

static int each_row(struct rd *r, const char *sql, int (*row)(struct rd *r))
{
	int rc = bp_store_prepare(r->st, sql, &r->q, r->err);
	int step = SQLITE_DONE;
	while (!rc && (step = sqlite3_step(r->q)) == SQLITE_ROW)
		rc = row(r);
	const char *from = strstr(sql, " FROM ");
	if (rc == BP_EDATA && from)
		name_table(r->st, r->err, from + 6, (int)strcspn(from + 6, " "));
	if (!rc && step != SQLITE_DONE)
		rc = bp_store_fail(r->st, step, r->err);
	sqlite3_finalize(r->q);
	r->q = NULL;
	return rc;
}

static int read_all(struct rd *r)
{
	int rc = each_row(r, readers[0].sql, readers[0].row);
	if (!rc && r->nshop == 0)
		return bp_err_set(r->err, BP_EDATA, "the store holds no shop; run "
				  "'bayplan import'");
	for (size_t i = 1; i < sizeof readers / sizeof readers[0] && !rc; i++)
		rc = each_row(r, readers[i].sql, readers[i].row);
	return rc ? rc : store_actuals(r);
}

int bp_store_has_shop(struct bp_store *st, int *has, struct bp_err *err)
{
	sqlite3_stmt *q;
	int rc = bp_store_prepare(st, "SELECT count(*) FROM shop", &q, err);
	if (rc)
		return rc;
	int step = sqlite3_step(q);
	*has = step == SQLITE_ROW && sqlite3_column_int(q, 0) > 0;
	rc = step == SQLITE_ROW ? BP_OK : bp_store_fail(st, step, err);
	sqlite3_finalize(q);
	return rc;
}

/* The table a validator complaint is about, from its record and field. */
static const char *table_of(const char *record, const char *field)
{
	static const struct {
		const char *kind, *field, *table;
	} map[] = {
		{"shop", NULL, "shop"},
		{"skill ", NULL, "skills"},
		{"bay type ", "also", "bay_type_serves"},
		{"bay type ", NULL, "bay_types"},
		{"bay ", "closed", "bay_closed"},
		{"bay ", NULL, "bays"},
		{"technician ", "skills", "technician_skills"},
		{"technician ", "breaks", "technician_breaks"},
		{"technician ", NULL, "technicians"},
		{"service ", "minutes", "service_minutes"},
		{"service ", "parts", "service_parts"},
		{"service ", NULL, "services"},
		{"part demand", NULL, "part_demand"},
		{"part ", "on_order", "part_orders"},
		{"part ", NULL, "parts"},
		{"job ", "parts", "job_parts"},
		{"job ", "status", "job_status"},
		{"job ", "started", "job_status"},
		{"job ", "finished", "job_status"},
		{"job ", "technician_id", "job_status"},
		{"job ", "bay_id", "job_status"},
		{"roster ", NULL, "roster"},
		{"closure ", NULL, "closures"},
		{"job ", NULL, "jobs"},
		{"window", NULL, "windows"},
		{"policy", NULL, "policy"},
		{"actuals", NULL, "actuals"},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strncmp(record, map[i].kind, strlen(map[i].kind)) &&
		    (!map[i].field || !strcmp(field, map[i].field)))
			return map[i].table;
	return "?";
}

/* A shop read back from the store meets every rule a shop file meets:
 * another program may have written the rows (negative stock, minutes,
 * min_order), and the solvers trust the validator, not the store. */
static int validate_loaded(struct bp_store *st, const struct bp_shop *s, struct bp_err *err)
{
	int rc = bp_shop_validate(s, NULL, err);
	if (rc == BP_EDATA) {
		const char *t = table_of(err->record, err->field);
		name_table(st, err, t, (int)strlen(t));
	}
	return rc;
}

int bp_store_load_shop(struct bp_store *st, struct bp_shop *s, struct bp_err *err)
{
	struct rd r = {.st = st, .s = s, .err = err};
	bp_shop_free(s);
	if (!st->db)
		return bp_store_fail(st, SQLITE_MISUSE, err);
	/* One read transaction, so an import committed meanwhile is seen
	 * whole or not at all. */
	int own = sqlite3_get_autocommit(st->db);
	int src = own ? sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) : SQLITE_OK;
	if (src != SQLITE_OK)
		return bp_store_fail(st, src, err);
	int rc = read_all(&r);
	free(r.by_sku);
	if (own)
		bp_store_rollback(st);
	/* A read that ended in a failed rollback lost the connection: say so
	 * now rather than at the next write. */
	if (!rc && !st->db)
		rc = bp_store_fail(st, SQLITE_MISUSE, err);
	if (!rc)
		rc = validate_loaded(st, s, err);
	if (rc)
		bp_shop_free(s);
	return rc;
}
