/*
 * test_store.c - the SQLite store: schema and migrations, refusing files
 * that are not stores, transactions (busy, rollback), and round trips of the
 * shop and of plans. Raw SQLite is used here on purpose: the tests look at
 * the file the way other programs (the booking front-end) will.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "io/store.h"
#include "tests/tmpdir.h"

Suite *bp_suite_store(void);

static char dir[64], path[128];

static void setup(void)
{
	bp_test_tmpdir("store", dir, sizeof dir, path, sizeof path);
}

static void teardown(void)
{
	bp_test_rmdir(dir);
}

/* ---- raw SQLite, as another program sees the file ---- */

static sqlite3 *raw_open(const char *p)
{
	sqlite3 *db;
	ck_assert_int_eq(sqlite3_open(p, &db), SQLITE_OK);
	sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	return db;
}

static void raw_exec(const char *p, const char *sql)
{
	sqlite3 *db = raw_open(p);
	char *msg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	ck_assert_msg(rc == SQLITE_OK, "'%s': %s", sql, msg ? msg : "?");
	sqlite3_free(msg);
	sqlite3_close(db);
}

static long long raw_int(const char *p, const char *sql)
{
	sqlite3 *db = raw_open(p);
	sqlite3_stmt *s;
	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK, "'%s': %s", sql,
		      sqlite3_errmsg(db));
	long long v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -12345;
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

/* The first column of every row, joined by spaces. */
static void raw_list(const char *p, const char *sql, char *buf, size_t n)
{
	sqlite3 *db = raw_open(p);
	sqlite3_stmt *s;
	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK, "'%s': %s", sql,
		      sqlite3_errmsg(db));
	size_t len = 0;
	buf[0] = 0;
	while (sqlite3_step(s) == SQLITE_ROW && len < n) {
		const char *t = (const char *)sqlite3_column_text(s, 0);
		len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? " " : "", t ? t : "NULL");
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
}

/* Every table's rows as text (rowids aside), to prove a store did not change. */
static char *raw_dump(const char *p)
{
	sqlite3 *db = raw_open(p);
	sqlite3_stmt *t, *s;
	size_t cap = 1 << 16, len = 0;
	char *out = malloc(cap);
	ck_assert_ptr_nonnull(out);
	out[0] = 0;
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = "
					    "'table' ORDER BY name", -1, &t, NULL), SQLITE_OK);
	while (sqlite3_step(t) == SQLITE_ROW) {
		char sql[200];
		const char *name = (const char *)sqlite3_column_text(t, 0);
		snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", name);
		ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
		while (sqlite3_step(s) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(s); c++) {
				const char *v = (const char *)sqlite3_column_text(s, c);
				size_t need = len + strlen(name) + (v ? strlen(v) : 4) + 8;
				if (need >= cap) {
					cap = need * 2;
					out = realloc(out, cap);
					ck_assert_ptr_nonnull(out);
				}
				int last = c + 1 == sqlite3_column_count(s);
				len += (size_t)sprintf(out + len, "%s|%s%c", name, v ? v : "NULL",
						       last ? '\n' : ',');
			}
		}
		sqlite3_finalize(s);
	}
	sqlite3_finalize(t);
	sqlite3_close(db);
	return out;
}

static struct bp_store *open_ok(const char *p)
{
	struct bp_store *st = NULL;
	struct bp_err err = {0};
	int rc = bp_store_open(p, 1, &st, &err);
	ck_assert_msg(rc == BP_OK, "open %s: %d %s", p, rc, err.msg);
	return st;
}

/* ---- a shop that uses every field ---- */

static int day_of(const char *s)
{
	int d = -1;
	ck_assert_msg(bp_date_parse(s, &d) == 0, "bad date %s", s);
	return d;
}

static int hm(int h, int m)
{
	return h * 60 + m;
}

static void add_job(struct bp_shop *s, const char *id, const char *date, const char *svc,
		    enum bp_tier tier, int wstart, int wend, int has_window)
{
	struct bp_job *j = bp_shop_add_job(s);
	snprintf(j->id, sizeof j->id, "%s", id);
	j->date = day_of(date);
	j->service = bp_shop_service(s, svc);
	j->tier = tier;
	j->window = (struct bp_span){wstart, wend};
	j->has_window = has_window;
}

static void build_shop(struct bp_shop *s)
{
	bp_shop_init(s);
	struct bp_shop_info *in = &s->info;
	snprintf(in->name, sizeof in->name, "Riverside Motors Service");
	in->slot_minutes = 10;
	in->open = hm(7, 30);
	in->close = hm(18, 0);
	in->overtime_minutes = 75;
	in->advisors = 3;
	in->advisor_checkins_per_hour = 5;
	in->loan_cars = 4;
	in->wash_bays = 2;
	in->lead_hours[BP_SUPPLY_COMMON] = 5;
	in->lead_hours[BP_SUPPLY_RARE] = 72;
	snprintf(s->demand_file, sizeof s->demand_file, "demand.csv");
	snprintf(s->actuals_file, sizeof s->actuals_file, "history/actuals.csv");

	const char *skills[] = {"maintenance", "brakes", "ev", "alignment"};
	for (int k = 0; k < 4; k++)
		snprintf(s->skills[s->nskills++].id, BP_ID_LEN, "%s", skills[k]);
	const char *types[] = {"general", "alignment", "ev"};
	for (int t = 0; t < 3; t++) {
		snprintf(s->bay_types[t].id, BP_ID_LEN, "%s", types[t]);
		s->bay_types[t].serves = 1u << t | (t ? 1u : 0u); /* alignment, ev also general */
	}
	s->nbay_types = 3;

	struct bp_bay *b = bp_shop_add_bay(s);
	snprintf(b->id, sizeof b->id, "B1");
	b->type = 0;
	b = bp_shop_add_bay(s);
	snprintf(b->id, sizeof b->id, "A1");
	b->type = 1;
	b->closed[b->nclosed++] = (struct bp_span){hm(12, 0), hm(13, 0)};
	b->closed[b->nclosed++] = (struct bp_span){hm(16, 0), hm(16, 30)};
	b = bp_shop_add_bay(s);
	snprintf(b->id, sizeof b->id, "E1");
	b->type = 2;
	b->closed[b->nclosed++] = (struct bp_span){hm(7, 30), hm(8, 0)};

	struct bp_technician *t = bp_shop_add_tech(s);
	snprintf(t->id, sizeof t->id, "T1");
	snprintf(t->name, sizeof t->name, "Wang Fang");
	t->shift = (struct bp_span){hm(8, 0), hm(17, 0)};
	t->breaks[t->nbreaks++] = (struct bp_span){hm(12, 0), hm(12, 45)};
	t->breaks[t->nbreaks++] = (struct bp_span){hm(15, 0), hm(15, 10)};
	t->level[0] = 3;
	t->level[1] = 2;
	t->level[2] = 2;
	t->cost_per_hour = 32.5;
	t->overtime_cost_per_hour = 48.125;
	t = bp_shop_add_tech(s);
	snprintf(t->id, sizeof t->id, "T2");
	snprintf(t->name, sizeof t->name, "Li Na");
	t->shift = (struct bp_span){hm(7, 30), hm(24, 0)};
	t->level[0] = 1;
	t->level[3] = 3;
	t->cost_per_hour = 27.1;
	t->overtime_cost_per_hour = 0.1 + 0.2; /* not exact in binary: must survive anyway */

	struct bp_part *p = bp_shop_add_part(s);
	snprintf(p->sku, sizeof p->sku, "FLT-OIL-01");
	snprintf(p->name, sizeof p->name, "Oil filter 1.5T");
	p->on_hand = 14;
	p->on_order[p->non_order++] = (struct bp_delivery){20, day_of("2026-11-23"), hm(12, 0)};
	p->on_order[p->non_order++] = (struct bp_delivery){10, day_of("2026-11-25"), hm(8, 30)};
	p->supply = BP_SUPPLY_COMMON;
	p->unit_cost = 6.8;
	p->pack = 10;
	p->min_order = 10;
	p->service_level = 0.95;
	p->safety_stock = -1;
	p = bp_shop_add_part(s);
	snprintf(p->sku, sizeof p->sku, "BRK-PAD-F");
	snprintf(p->name, sizeof p->name, "Brake pads, front");
	p->on_hand = 0;
	/* 24:00 stays 24:00 of the same day, not 00:00 of the next. */
	p->on_order[p->non_order++] = (struct bp_delivery){2, day_of("2026-11-24"), hm(24, 0)};
	p->supply = BP_SUPPLY_RARE;
	p->unit_cost = 45.5;
	p->pack = 1;
	p->min_order = 0;
	p->service_level = 0.98;
	p->safety_stock = 4;
	p = bp_shop_add_part(s);
	snprintf(p->sku, sizeof p->sku, "OIL-5W30-L");
	p->on_hand = 120;
	p->supply = BP_SUPPLY_COMMON;
	p->unit_cost = 4.2;
	p->pack = 20;
	p->min_order = 40;
	p->service_level = 0.9;
	p->safety_stock = 0;

	struct bp_service *sv = bp_shop_add_service(s);
	snprintf(sv->code, sizeof sv->code, "OIL");
	snprintf(sv->name, sizeof sv->name, "Oil and filter service");
	sv->skill = 0;
	sv->level = 1;
	sv->bay_type = 0;
	sv->minutes[1] = 45;
	sv->minutes[2] = 35;
	sv->minutes[3] = 30;
	sv->parts[sv->nparts++] = (struct bp_part_line){0, 1};
	sv->parts[sv->nparts++] = (struct bp_part_line){2, 5};
	sv = bp_shop_add_service(s);
	snprintf(sv->code, sizeof sv->code, "BRK");
	snprintf(sv->name, sizeof sv->name, "Brake pads, one axle");
	sv->skill = 1;
	sv->level = 1;
	sv->bay_type = 0;
	sv->minutes[1] = 90;
	sv->minutes[2] = 75;
	sv->minutes[3] = 60;
	sv->parts[sv->nparts++] = (struct bp_part_line){1, 1};
	sv = bp_shop_add_service(s);
	snprintf(sv->code, sizeof sv->code, "EVB");
	snprintf(sv->name, sizeof sv->name, "EV battery health check");
	sv->skill = 2;
	sv->level = 2;
	sv->bay_type = 2;
	sv->minutes[2] = 60;
	sv->minutes[3] = 45;
	sv = bp_shop_add_service(s);
	snprintf(sv->code, sizeof sv->code, "ALN");
	sv->skill = 3;
	sv->level = 2;
	sv->bay_type = 1;
	sv->minutes[3] = 45;
	sv->handover_minutes = 20;
	sv->wash_minutes = 10;

	add_job(s, "RO-1001", "2026-11-23", "OIL", BP_TIER_CORE, hm(9, 0), hm(11, 0), 1);
	struct bp_job *j = &s->jobs[s->njobs - 1];
	j->promised = hm(11, 30);
	j->waiting = 1;
	j->parts[j->nparts++] = (struct bp_part_line){1, 1};
	j->parts[j->nparts++] = (struct bp_part_line){2, 2};
	j->technician = 0;
	add_job(s, "RO-1002", "2026-11-23", "EVB", BP_TIER_POTENTIAL, hm(8, 30), hm(8, 30), 0);
	s->jobs[s->njobs - 1].minutes = 75;
	s->jobs[s->njobs - 1].loan_car = 1;
	add_job(s, "RO-1003", "2026-11-24", "BRK", BP_TIER_BASIC, hm(14, 0), hm(16, 0), 1);
	s->jobs[s->njobs - 1].promised = hm(17, 0);
	s->jobs[s->njobs - 1].technician = 1;
	add_job(s, "RO-1004", "2026-11-23", "ALN", BP_TIER_CORE, hm(10, 0), hm(10, 0), 0);
	s->jobs[s->njobs - 1].promised = 0; /* midnight is a time, not "none" */
	add_job(s, "RO-1005", "2026-11-23", "BRK", BP_TIER_BASIC, hm(14, 0), hm(16, 0), 1);

	s->windows[s->nwindows++] = (struct bp_span){hm(8, 0), hm(9, 0)};
	s->windows[s->nwindows++] = (struct bp_span){hm(9, 0), hm(11, 0)};
	s->windows[s->nwindows++] = (struct bp_span){hm(14, 0), hm(16, 0)};

	/* Every policy value away from its default. */
	struct bp_policy *pol = &s->policy;
	pol->tier_weight[BP_TIER_CORE] = 5;
	pol->tier_weight[BP_TIER_POTENTIAL] = 2.5;
	pol->tier_weight[BP_TIER_BASIC] = 0.75;
	pol->job_value = 900;
	pol->late_per_minute = 3.5;
	pol->overtime_factor = 1.25;
	pol->overqual_per_minute = 0.3;
	pol->wait_per_minute = 0.6;
	pol->delivery_fee = 17.5;
	pol->holding_rate_per_day = 0.002;
	pol->missing_part_penalty = 4000;
	pol->safety_shortfall_penalty = 25;
	pol->excess_days = 45;
	pol->service_level = 0.97;
	pol->max_overbook = 1.2;
	pol->advisor_day_max = 10;
	pol->pause_per_minute = 0.125;
	pol->carry_per_minute = 1.5;

	struct bp_demand_row *d = bp_shop_add_demand(s);
	*d = (struct bp_demand_row){day_of("2026-11-01"), 0, 3};
	d = bp_shop_add_demand(s);
	*d = (struct bp_demand_row){day_of("2026-11-02"), 1, 1};
	d = bp_shop_add_demand(s);
	*d = (struct bp_demand_row){day_of("2026-11-02"), 0, 0};

	struct bp_actual *a = bp_shop_add_actual(s);
	snprintf(a->job_id, sizeof a->job_id, "RO-0901");
	a->service = 0;
	a->technician = 0;
	a->date = day_of("2026-11-10");
	a->tier = BP_TIER_CORE;
	a->window = 1;
	a->has_arrived = 1, a->arrived_day = a->date, a->arrived = hm(9, 10);
	a->has_started = 1, a->started_day = a->date, a->started = hm(9, 20);
	a->has_finished = 1, a->finished_day = a->date, a->finished = hm(10, 0);
	a->line = 2;
	a = bp_shop_add_actual(s);
	snprintf(a->job_id, sizeof a->job_id, "RO-0902");
	a->service = -1;
	a->technician = -1;
	a->date = day_of("2026-11-11");
	a->tier = BP_TIER_BASIC;
	a->window = -1;
	a->no_show = 1;
	a->line = 3;
	a = bp_shop_add_actual(s);
	snprintf(a->job_id, sizeof a->job_id, "RO-0903");
	a->service = 1;
	a->technician = 1;
	a->date = day_of("2026-11-12");
	a->tier = BP_TIER_POTENTIAL;
	a->window = 2;
	a->has_arrived = 1, a->arrived_day = a->date, a->arrived = hm(14, 40);
	a->has_finished = 1, a->finished_day = a->date + 1, a->finished = hm(8, 5);
	a->line = 4;
}

/* ---- field-by-field comparison ---- */

#define SAME_I(x, y, f) ck_assert_msg((x)->f == (y)->f, "%s: " #f " %d != %d", rec, \
				      (int)(x)->f, (int)(y)->f)
#define SAME_D(x, y, f) ck_assert_msg((x)->f == (y)->f, "%s: " #f " %.17g != %.17g", rec, \
				      (double)(x)->f, (double)(y)->f)
#define SAME_S(x, y, f) ck_assert_msg(strcmp((x)->f, (y)->f) == 0, "%s: " #f " '%s' != '%s'", \
				      rec, (x)->f, (y)->f)
/* After the named fields, the bytes: a field added to a struct later and
 * forgotten by the store shows up here. */
#define SAME_BYTES(x, y) ck_assert_msg(memcmp((x), (y), sizeof *(x)) == 0, \
				       "%s: differs in a field not compared by name", rec)

static void same_spans(const char *rec, const struct bp_span *a, const struct bp_span *b,
		       int n)
{
	for (int i = 0; i < n; i++) {
		SAME_I(&a[i], &b[i], start);
		SAME_I(&a[i], &b[i], end);
	}
}

static void same_lines(const char *rec, const struct bp_part_line *a,
		       const struct bp_part_line *b, int n)
{
	for (int i = 0; i < n; i++) {
		SAME_I(&a[i], &b[i], part);
		SAME_I(&a[i], &b[i], qty);
	}
}

static void same_head(const struct bp_shop *x, const struct bp_shop *y)
{
	const char *rec = "shop";
	SAME_S(&x->info, &y->info, name);
	SAME_I(&x->info, &y->info, slot_minutes);
	SAME_I(&x->info, &y->info, open);
	SAME_I(&x->info, &y->info, close);
	SAME_I(&x->info, &y->info, overtime_minutes);
	SAME_I(&x->info, &y->info, advisors);
	SAME_I(&x->info, &y->info, advisor_checkins_per_hour);
	SAME_I(&x->info, &y->info, loan_cars);
	SAME_I(&x->info, &y->info, wash_bays);
	SAME_I(&x->info, &y->info, lead_hours[BP_SUPPLY_COMMON]);
	SAME_I(&x->info, &y->info, lead_hours[BP_SUPPLY_RARE]);
	SAME_BYTES(&x->info, &y->info);
	SAME_S(x, y, demand_file);
	SAME_S(x, y, actuals_file);
	SAME_I(x, y, nskills);
	for (int k = 0; k < x->nskills; k++)
		SAME_S(x, y, skills[k].id);
	SAME_I(x, y, nbay_types);
	for (int t = 0; t < x->nbay_types; t++) {
		SAME_S(x, y, bay_types[t].id);
		SAME_I(x, y, bay_types[t].serves);
	}
	SAME_I(x, y, nwindows);
	same_spans("windows", x->windows, y->windows, x->nwindows);
	rec = "policy";
	for (int t = 0; t < BP_TIERS; t++)
		SAME_D(&x->policy, &y->policy, tier_weight[t]);
	SAME_D(&x->policy, &y->policy, job_value);
	SAME_D(&x->policy, &y->policy, late_per_minute);
	SAME_D(&x->policy, &y->policy, overtime_factor);
	SAME_D(&x->policy, &y->policy, overqual_per_minute);
	SAME_D(&x->policy, &y->policy, wait_per_minute);
	SAME_D(&x->policy, &y->policy, delivery_fee);
	SAME_D(&x->policy, &y->policy, holding_rate_per_day);
	SAME_D(&x->policy, &y->policy, missing_part_penalty);
	SAME_D(&x->policy, &y->policy, safety_shortfall_penalty);
	SAME_I(&x->policy, &y->policy, excess_days);
	SAME_D(&x->policy, &y->policy, service_level);
	SAME_D(&x->policy, &y->policy, max_overbook);
	SAME_I(&x->policy, &y->policy, advisor_day_max);
	SAME_D(&x->policy, &y->policy, pause_per_minute);
	SAME_D(&x->policy, &y->policy, carry_per_minute);
	SAME_BYTES(&x->policy, &y->policy);
}

static void same_resources(const struct bp_shop *x, const struct bp_shop *y)
{
	char rec[96] = "shop";
	SAME_I(x, y, nbays);
	for (int i = 0; i < x->nbays; i++) {
		const struct bp_bay *a = &x->bays[i], *b = &y->bays[i];
		snprintf(rec, sizeof rec, "bay %s", a->id);
		SAME_S(a, b, id);
		SAME_I(a, b, type);
		SAME_I(a, b, nclosed);
		same_spans(rec, a->closed, b->closed, a->nclosed);
		SAME_BYTES(a, b);
	}
	SAME_I(x, y, ntechs);
	for (int i = 0; i < x->ntechs; i++) {
		const struct bp_technician *a = &x->techs[i], *b = &y->techs[i];
		snprintf(rec, sizeof rec, "technician %s", a->id);
		SAME_S(a, b, id);
		SAME_S(a, b, name);
		SAME_I(a, b, shift.start);
		SAME_I(a, b, shift.end);
		SAME_I(a, b, nbreaks);
		same_spans(rec, a->breaks, b->breaks, a->nbreaks);
		for (int k = 0; k < BP_MAX_SKILLS; k++)
			SAME_I(a, b, level[k]);
		SAME_D(a, b, cost_per_hour);
		SAME_D(a, b, overtime_cost_per_hour);
		SAME_BYTES(a, b);
	}
	SAME_I(x, y, nparts);
	for (int i = 0; i < x->nparts; i++) {
		const struct bp_part *a = &x->parts[i], *b = &y->parts[i];
		snprintf(rec, sizeof rec, "part %s", a->sku);
		SAME_S(a, b, sku);
		SAME_S(a, b, name);
		SAME_I(a, b, on_hand);
		SAME_I(a, b, non_order);
		for (int k = 0; k < a->non_order; k++) {
			SAME_I(a, b, on_order[k].qty);
			SAME_I(a, b, on_order[k].day);
			SAME_I(a, b, on_order[k].minute);
		}
		SAME_I(a, b, supply);
		SAME_D(a, b, unit_cost);
		SAME_I(a, b, pack);
		SAME_I(a, b, min_order);
		SAME_D(a, b, service_level);
		SAME_I(a, b, safety_stock);
		SAME_BYTES(a, b);
	}
	SAME_I(x, y, nservices);
	for (int i = 0; i < x->nservices; i++) {
		const struct bp_service *a = &x->services[i], *b = &y->services[i];
		snprintf(rec, sizeof rec, "service %s", a->code);
		SAME_S(a, b, code);
		SAME_S(a, b, name);
		SAME_I(a, b, skill);
		SAME_I(a, b, level);
		SAME_I(a, b, bay_type);
		SAME_I(a, b, handover_minutes);
		SAME_I(a, b, wash_minutes);
		for (int l = 0; l <= BP_LEVELS; l++)
			SAME_I(a, b, minutes[l]);
		SAME_I(a, b, nparts);
		same_lines(rec, a->parts, b->parts, a->nparts);
		SAME_BYTES(a, b);
	}
}

static void same_bookings(const struct bp_shop *x, const struct bp_shop *y)
{
	char rec[96] = "shop";
	SAME_I(x, y, njobs);
	for (int i = 0; i < x->njobs; i++) {
		const struct bp_job *a = &x->jobs[i], *b = &y->jobs[i];
		snprintf(rec, sizeof rec, "job %s", a->id);
		SAME_S(a, b, id);
		SAME_I(a, b, date);
		SAME_I(a, b, service);
		SAME_I(a, b, tier);
		SAME_I(a, b, window.start);
		SAME_I(a, b, window.end);
		SAME_I(a, b, has_window);
		SAME_I(a, b, promised);
		SAME_I(a, b, waiting);
		SAME_I(a, b, minutes);
		SAME_I(a, b, nparts);
		same_lines(rec, a->parts, b->parts, a->nparts);
		SAME_I(a, b, technician);
		SAME_I(a, b, loan_car);
		SAME_BYTES(a, b);
	}
	SAME_I(x, y, ndemand);
	for (int i = 0; i < x->ndemand; i++) {
		snprintf(rec, sizeof rec, "demand row %d", i);
		SAME_I(&x->demand[i], &y->demand[i], day);
		SAME_I(&x->demand[i], &y->demand[i], part);
		SAME_I(&x->demand[i], &y->demand[i], qty);
	}
	SAME_I(x, y, nactuals);
	for (int i = 0; i < x->nactuals; i++) {
		const struct bp_actual *a = &x->actuals[i], *b = &y->actuals[i];
		snprintf(rec, sizeof rec, "actual %s", a->job_id);
		SAME_S(a, b, job_id);
		SAME_I(a, b, service);
		SAME_I(a, b, technician);
		SAME_I(a, b, date);
		SAME_I(a, b, tier);
		SAME_I(a, b, window);
		SAME_I(a, b, has_arrived);
		SAME_I(a, b, arrived_day);
		SAME_I(a, b, arrived);
		SAME_I(a, b, has_started);
		SAME_I(a, b, started_day);
		SAME_I(a, b, started);
		SAME_I(a, b, has_finished);
		SAME_I(a, b, finished_day);
		SAME_I(a, b, finished);
		SAME_I(a, b, no_show);
		SAME_I(a, b, line);
		SAME_BYTES(a, b);
	}
}

static void same_shop(const struct bp_shop *x, const struct bp_shop *y)
{
	same_head(x, y);
	same_resources(x, y);
	same_bookings(x, y);
}

static void save_committed(struct bp_store *st, const struct bp_shop *s)
{
	struct bp_err err = {0};
	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	int rc = bp_store_save_shop(st, s, &err);
	ck_assert_msg(rc == BP_OK, "save: %d %s / %s", rc, err.record, err.msg);
	ck_assert_int_eq(bp_store_commit(st, &err), BP_OK);
}

/* ---- schema and opening ---- */

static const char *const contract[][2] = {
	{"runs", "id kind date created_at status objective bound gap solve_ms scenario"},
	{"schedule", "run_id job_id technician_id bay_id start end checkin ready carry_minutes "
		     "continues_on"},
	{"unscheduled", "run_id job_id reason detail earliest_date"},
	{"reorder", "run_id sku qty order_by arrives reason jobs cost"},
	{"appointment_windows", "date start end service_class capacity booked run_id"},
};

START_TEST(creates_contract_tables)
{
	struct bp_store *st = open_ok(path);
	ck_assert_int_eq(bp_store_found_version(st), -1);
	ck_assert_int_eq(bp_store_schema_version(st), BP_STORE_SCHEMA);
	bp_store_close(st);
	char cols[400], sql[200];
	for (size_t i = 0; i < sizeof contract / sizeof contract[0]; i++) {
		snprintf(sql, sizeof sql, "SELECT name FROM pragma_table_info('%s') ORDER BY cid",
			 contract[i][0]);
		raw_list(path, sql, cols, sizeof cols);
		ck_assert_msg(strcmp(cols, contract[i][1]) == 0, "table %s has columns '%s', "
			      "the contract says '%s'", contract[i][0], cols, contract[i][1]);
	}
	ck_assert_int_eq(raw_int(path, "SELECT pk FROM pragma_table_info('runs') "
				 "WHERE name = 'id' AND type = 'INTEGER'"), 1);
	raw_list(path, "SELECT name FROM pragma_table_info('appointment_windows') WHERE pk > 0 "
		 "ORDER BY pk", cols, sizeof cols);
	ck_assert_str_eq(cols, "date start service_class");
	for (size_t i = 1; i < sizeof contract / sizeof contract[0]; i++) {
		snprintf(sql, sizeof sql, "SELECT \"table\" || ':' || \"to\" || ':' || on_delete "
			 "FROM pragma_foreign_key_list('%s')", contract[i][0]);
		raw_list(path, sql, cols, sizeof cols);
		ck_assert_msg(strcmp(cols, "runs:id:CASCADE") == 0, "%s.run_id references '%s'",
			      contract[i][0], cols);
	}
	raw_list(path, "SELECT name FROM pragma_index_info('schedule_run')", cols, sizeof cols);
	ck_assert_str_eq(cols, "run_id");
	raw_list(path, "SELECT name FROM pragma_index_info('runs_kind_date')", cols, sizeof cols);
	ck_assert_str_eq(cols, "kind date");
}
END_TEST

START_TEST(creates_input_tables)
{
	bp_store_close(open_ok(path));
	const char *tables[] = {"shop", "skills", "bay_types", "bay_type_serves", "bays",
				"bay_closed", "technicians", "technician_skills",
				"technician_breaks", "services", "service_minutes",
				"service_parts", "parts", "part_on_order", "jobs", "job_parts",
				"windows", "policy", "part_demand", "actuals"};
	char sql[200];
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		snprintf(sql, sizeof sql, "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
			 "AND name = '%s'", tables[i]);
		ck_assert_msg(raw_int(path, sql) == 1, "no input table %s", tables[i]);
	}
}
END_TEST

START_TEST(sets_version_id_and_wal)
{
	bp_store_close(open_ok(path));
	ck_assert_int_eq(raw_int(path, "PRAGMA user_version"), BP_STORE_SCHEMA);
	ck_assert_int_eq(raw_int(path, "PRAGMA application_id"), BP_STORE_APP_ID);
	char mode[32];
	raw_list(path, "PRAGMA journal_mode", mode, sizeof mode);
	ck_assert_str_eq(mode, "wal");
}
END_TEST

START_TEST(reopen_is_up_to_date)
{
	bp_store_close(open_ok(path));
	struct bp_store *st = open_ok(path);
	ck_assert_int_eq(bp_store_found_version(st), BP_STORE_SCHEMA);
	bp_store_close(st);
	ck_assert_int_eq(raw_int(path, "SELECT count(*) FROM sqlite_master "
				 "WHERE name = 'runs'"), 1);
}
END_TEST

START_TEST(migrates_blank_sqlite_file)
{
	raw_exec(path, "CREATE TABLE x (a); DROP TABLE x;");
	ck_assert_int_eq(raw_int(path, "PRAGMA user_version"), 0);
	struct bp_store *st = open_ok(path);
	ck_assert_int_eq(bp_store_found_version(st), 0);
	ck_assert_int_eq(bp_store_schema_version(st), BP_STORE_SCHEMA);
	bp_store_close(st);
	ck_assert_int_eq(raw_int(path, "PRAGMA user_version"), BP_STORE_SCHEMA);
	ck_assert_int_eq(raw_int(path, "SELECT count(*) FROM sqlite_master WHERE name = "
				 "'schedule'"), 1);
}
END_TEST

START_TEST(empty_file_is_created)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	struct bp_store *st = open_ok(path);
	ck_assert_int_eq(bp_store_found_version(st), -1);
	bp_store_close(st);
}
END_TEST

START_TEST(refuses_newer_schema)
{
	bp_store_close(open_ok(path));
	raw_exec(path, "PRAGMA user_version = 99");
	struct bp_store *st = NULL;
	struct bp_err err = {0};
	char upto[32];
	snprintf(upto, sizeof upto, "up to %d", BP_STORE_SCHEMA);
	ck_assert_int_eq(bp_store_open(path, 1, &st, &err), BP_ESCHEMA);
	ck_assert_ptr_null(st);
	ck_assert_msg(strstr(err.msg, "schema 99") && strstr(err.msg, upto) &&
		      strstr(err.msg, "upgrade bayplan") && strstr(err.msg, path),
		      "message: %s", err.msg);
	ck_assert_int_eq(raw_int(path, "PRAGMA user_version"), 99);
}
END_TEST

START_TEST(refuses_text_file)
{
	const char text[] = "shop:\n  name: not a database\n";
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	struct bp_store *st = NULL;
	struct bp_err err = {0};
	ck_assert_int_eq(bp_store_open(path, 1, &st, &err), BP_EDATA);
	ck_assert_ptr_null(st);
	ck_assert_msg(strstr(err.msg, "is not a bayplan store") && strstr(err.msg, path),
		      "message: %s", err.msg);
	char back[100] = "";
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	size_t n = fread(back, 1, sizeof back - 1, f);
	fclose(f);
	back[n] = 0;
	ck_assert_str_eq(back, text);
}
END_TEST

START_TEST(refuses_foreign_database)
{
	raw_exec(path, "CREATE TABLE customers (id TEXT); INSERT INTO customers VALUES ('c1');");
	struct bp_store *st = NULL;
	struct bp_err err = {0};
	ck_assert_int_eq(bp_store_open(path, 1, &st, &err), BP_EDATA);
	ck_assert_msg(strstr(err.msg, "is not a bayplan store"), "message: %s", err.msg);
	/* Left as it was: not switched to WAL, no tables added. */
	char mode[32];
	raw_list(path, "PRAGMA journal_mode", mode, sizeof mode);
	ck_assert_str_eq(mode, "delete");
	ck_assert_int_eq(raw_int(path, "SELECT count(*) FROM sqlite_master"), 1);
}
END_TEST

START_TEST(refuses_other_application_id)
{
	raw_exec(path, "PRAGMA application_id = 1234");
	struct bp_store *st = NULL;
	struct bp_err err = {0};
	ck_assert_int_eq(bp_store_open(path, 1, &st, &err), BP_EDATA);
	ck_assert_int_eq(raw_int(path, "PRAGMA application_id"), 1234);
}
END_TEST

START_TEST(missing_without_create)
{
	struct bp_store *st = NULL;
	struct bp_err err = {0};
	ck_assert_int_eq(bp_store_open(path, 0, &st, &err), BP_ENOINPUT);
	ck_assert_msg(strstr(err.msg, path), "message: %s", err.msg);
	ck_assert_int_eq(access(path, F_OK), -1);
}
END_TEST

START_TEST(bad_busy_env_is_usage)
{
	setenv("BAYPLAN_BUSY_TIMEOUT_MS", "soon", 1);
	struct bp_store *st = NULL;
	struct bp_err err = {0};
	ck_assert_int_eq(bp_store_open(path, 1, &st, &err), BP_EUSAGE);
	ck_assert_msg(strstr(err.msg, "BAYPLAN_BUSY_TIMEOUT_MS"), "message: %s", err.msg);
	unsetenv("BAYPLAN_BUSY_TIMEOUT_MS");
}
END_TEST

/* A store with a second name: each name would get its own -wal. */
START_TEST(refuses_hard_link)
{
	char other[160];
	bp_store_close(open_ok(path));
	snprintf(other, sizeof other, "%s/other.db", dir);
	ck_assert_int_eq(link(path, other), 0);
	struct bp_store *st = NULL;
	struct bp_err err = {0};
	ck_assert_int_eq(bp_store_open(path, 1, &st, &err), BP_EIO);
	ck_assert_ptr_null(st);
	ck_assert_msg(strstr(err.msg, "has 2 names") && strstr(err.msg, "hard links") &&
		      strstr(err.msg, path), "message: %s", err.msg);
	ck_assert_int_eq(bp_store_open(other, 0, &st, &err), BP_EIO);
	char wal[200];
	snprintf(wal, sizeof wal, "%s-wal", other);
	ck_assert_msg(access(wal, F_OK) != 0, "a -wal was made for the second name");
	unlink(other);
	bp_store_close(open_ok(path));
}
END_TEST

START_TEST(refuses_negative_version)
{
	bp_store_close(open_ok(path));
	const int bad[] = {-1, -8, -100, -2147483647 - 1};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", bad[i]);
		raw_exec(path, sql);
		struct bp_store *st = NULL;
		struct bp_err err = {0};
		ck_assert_int_eq(bp_store_open(path, 1, &st, &err), BP_EDATA);
		snprintf(sql, sizeof sql, "schema %d, which no bayplan writes", bad[i]);
		ck_assert_msg(strstr(err.msg, sql), "message: %s", err.msg);
		ck_assert_int_eq(raw_int(path, "PRAGMA user_version"), bad[i]);
	}
}
END_TEST

/* SQLite takes a file of a few bytes for an empty database. */
START_TEST(refuses_tiny_file)
{
	for (int n = 1; n < 40; n += 9) {
		FILE *f = fopen(path, "w");
		ck_assert_ptr_nonnull(f);
		for (int i = 0; i < n; i++)
			fputc('x', f);
		fclose(f);
		struct bp_store *st = NULL;
		struct bp_err err = {0};
		ck_assert_int_eq(bp_store_open(path, 1, &st, &err), BP_EDATA);
		ck_assert_msg(strstr(err.msg, "is not a bayplan store"), "message: %s", err.msg);
		FILE *g = fopen(path, "r");
		ck_assert_ptr_nonnull(g);
		fseek(g, 0, SEEK_END);
		ck_assert_int_eq(ftell(g), n);
		fclose(g);
	}
}
END_TEST

/* ---- transactions ---- */

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1e3 + (t1.tv_nsec - t0->tv_nsec) / 1e6;
}

START_TEST(second_writer_is_busy)
{
	struct bp_store *a = open_ok(path), *b = open_ok(path);
	struct bp_err err = {0};
	ck_assert_int_eq(bp_store_begin(a, &err), BP_OK);
	bp_store_busy_timeout(b, 150);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = bp_store_begin(b, &err);
	double ms = ms_since(&t0);
	ck_assert_int_eq(rc, BP_EBUSY);
	ck_assert_msg(strstr(err.msg, "busy") && strstr(err.msg, "try again"), "message: %s",
		      err.msg);
	ck_assert_msg(ms >= 100 && ms < 3000, "gave up after %.0f ms, timeout 150", ms);
	bp_store_rollback(a);
	ck_assert_int_eq(bp_store_begin(b, &err), BP_OK);
	ck_assert_int_eq(bp_store_commit(b, &err), BP_OK);
	bp_store_close(a);
	bp_store_close(b);
}
END_TEST

START_TEST(busy_timeout_from_env)
{
	bp_store_close(open_ok(path));
	struct bp_store *a = open_ok(path);
	setenv("BAYPLAN_BUSY_TIMEOUT_MS", "50", 1);
	struct bp_store *b = open_ok(path);
	unsetenv("BAYPLAN_BUSY_TIMEOUT_MS");
	struct bp_err err = {0};
	struct bp_shop s;
	build_shop(&s);
	ck_assert_int_eq(bp_store_begin(a, &err), BP_OK);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert_int_eq(bp_store_begin(b, &err), BP_EBUSY);
	double ms = ms_since(&t0);
	ck_assert_msg(ms < 1000, "waited %.0f ms with BAYPLAN_BUSY_TIMEOUT_MS=50", ms);
	/* Reading does not wait for the writer (WAL). */
	struct bp_shop got;
	bp_shop_init(&got);
	ck_assert_int_eq(bp_store_load_shop(b, &got, &err), BP_EDATA);
	ck_assert_msg(strstr(err.msg, "holds no shop"), "message: %s", err.msg);
	bp_store_rollback(a);
	bp_store_close(a);
	bp_store_close(b);
	bp_shop_free(&s);
	bp_shop_free(&got);
}
END_TEST

START_TEST(write_needs_transaction)
{
	struct bp_store *st = open_ok(path);
	struct bp_shop s;
	struct bp_err err = {0};
	build_shop(&s);
	ck_assert_int_eq(bp_store_save_shop(st, &s, &err), BP_EINTERNAL);
	struct bp_run run = {.kind = "schedule"};
	ck_assert_int_eq(bp_store_add_run(st, &run, &err), BP_EINTERNAL);
	ck_assert_int_eq(raw_int(path, "SELECT count(*) FROM shop"), 0);
	bp_store_rollback(st); /* nothing open: a no-op */
	bp_store_close(st);
	bp_shop_free(&s);
}
END_TEST

/* Another store put in place of the open one (a restored backup): the
 * transaction must not commit into the -wal that now belongs to it. */
static void put_other_store(void)
{
	char other[160];
	snprintf(other, sizeof other, "%s/backup.db", dir);
	bp_store_close(open_ok(other));
	ck_assert_int_eq(rename(other, path), 0);
}

START_TEST(commit_refused_after_replace)
{
	struct bp_store *st = open_ok(path);
	struct bp_err err = {0};
	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	struct bp_run run = {.kind = "schedule", .date = 20000, .status = BP_RUN_OPTIMAL};
	ck_assert_int_eq(bp_store_add_run(st, &run, &err), BP_OK);
	put_other_store();
	ck_assert_int_eq(bp_store_commit(st, &err), BP_EIO);
	ck_assert_msg(strstr(err.msg, "was replaced while this command ran") &&
		      strstr(err.msg, "nothing was written"), "message: %s", err.msg);
	ck_assert_int_eq(bp_store_begin(st, &err), BP_EIO);
	bp_store_close(st);
	ck_assert_int_eq(raw_int(path, "SELECT count(*) FROM runs"), 0);
	char ok[16];
	raw_list(path, "PRAGMA integrity_check", ok, sizeof ok);
	ck_assert_str_eq(ok, "ok");
}
END_TEST

START_TEST(begin_refused_after_replace_or_rename)
{
	struct bp_store *st = open_ok(path);
	struct bp_err err = {0};
	put_other_store();
	ck_assert_int_eq(bp_store_begin(st, &err), BP_EIO);
	ck_assert_msg(strstr(err.msg, "was replaced"), "message: %s", err.msg);
	bp_store_close(st);
	st = open_ok(path);
	char moved[160];
	snprintf(moved, sizeof moved, "%s/moved.db", dir);
	ck_assert_int_eq(rename(path, moved), 0);
	ck_assert_int_eq(bp_store_begin(st, &err), BP_EIO);
	ck_assert_msg(strstr(err.msg, "was removed or renamed"), "message: %s", err.msg);
	bp_store_close(st);
}
END_TEST

START_TEST(begin_refused_after_hard_link)
{
	struct bp_store *st = open_ok(path);
	struct bp_err err = {0};
	char other[160];
	snprintf(other, sizeof other, "%s/other.db", dir);
	ck_assert_int_eq(link(path, other), 0);
	ck_assert_int_eq(bp_store_begin(st, &err), BP_EIO);
	ck_assert_msg(strstr(err.msg, "has 2 names"), "message: %s", err.msg);
	bp_store_close(st);
}
END_TEST

/* ---- the shop ---- */

START_TEST(shop_round_trip)
{
	struct bp_shop s, got;
	struct bp_err err = {0};
	build_shop(&s);
	bp_shop_init(&got);
	struct bp_store *st = open_ok(path);
	save_committed(st, &s);
	bp_store_close(st);
	st = open_ok(path);
	int rc = bp_store_load_shop(st, &got, &err);
	ck_assert_msg(rc == BP_OK, "load: %d %s: %s", rc, err.record, err.msg);
	same_shop(&s, &got);
	bp_store_close(st);
	bp_shop_free(&s);
	bp_shop_free(&got);
}
END_TEST

START_TEST(shop_rows_readable)
{
	struct bp_shop s;
	build_shop(&s);
	struct bp_store *st = open_ok(path);
	save_committed(st, &s);
	bp_store_close(st);
	char v[200];
	raw_list(path, "SELECT date || ' ' || coalesce(arrival, '-') || ' ' || "
		 "coalesce(window_start || '-' || window_end, '-') || ' ' || "
		 "coalesce(promised, '-') || ' ' || coalesce(technician_id, '-') "
		 "FROM jobs WHERE id IN ('RO-1001', 'RO-1002') ORDER BY id", v, sizeof v);
	ck_assert_str_eq(v, "2026-11-23 - 09:00-11:00 11:30 T1 2026-11-23 08:30 - - -");
	raw_list(path, "SELECT arrives FROM part_orders ORDER BY id", v, sizeof v);
	ck_assert_str_eq(v, "2026-11-23T12:00 2026-11-25T08:30 2026-11-24T24:00");
	raw_list(path, "SELECT serves_id FROM bay_type_serves WHERE bay_type_id = 'ev' "
		 "ORDER BY serves_id", v, sizeof v);
	ck_assert_str_eq(v, "ev general");
	ck_assert_int_eq(raw_int(path, "SELECT count(*) FROM policy"), 18);
	bp_shop_free(&s);
}
END_TEST

START_TEST(resave_replaces)
{
	struct bp_shop s, got;
	struct bp_err err = {0};
	build_shop(&s);
	bp_shop_init(&got);
	struct bp_store *st = open_ok(path);
	save_committed(st, &s);
	char *once = raw_dump(path);
	save_committed(st, &s);
	char *twice = raw_dump(path);
	ck_assert_msg(strcmp(once, twice) == 0, "a second save changed the rows");
	ck_assert_int_eq(raw_int(path, "SELECT count(*) FROM jobs"), s.njobs);
	ck_assert_int_eq(raw_int(path, "SELECT count(*) FROM job_parts"), 2);
	/* A smaller shop leaves nothing of the bigger one behind. */
	s.njobs = 1;
	s.nactuals = 0;
	save_committed(st, &s);
	ck_assert_int_eq(raw_int(path, "SELECT count(*) FROM jobs"), 1);
	ck_assert_int_eq(raw_int(path, "SELECT count(*) FROM actuals"), 0);
	ck_assert_int_eq(bp_store_load_shop(st, &got, &err), BP_OK);
	same_shop(&s, &got);
	bp_store_close(st);
	free(once);
	free(twice);
	bp_shop_free(&s);
	bp_shop_free(&got);
}
END_TEST

START_TEST(failed_save_changes_nothing)
{
	struct bp_shop s, bad, got;
	struct bp_err err = {0};
	build_shop(&s);
	bp_shop_init(&got);
	struct bp_store *st = open_ok(path);
	save_committed(st, &s);
	char *before = raw_dump(path);

	/* A duplicate job id: the save fails after most tables were rewritten. */
	ck_assert_int_eq(bp_shop_copy(&bad, &s), 0);
	snprintf(bad.info.name, sizeof bad.info.name, "Another shop");
	snprintf(bad.jobs[3].id, sizeof bad.jobs[3].id, "RO-1001");
	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	int rc = bp_store_save_shop(st, &bad, &err);
	ck_assert_msg(rc == BP_EDATA, "save of a duplicate id: %d %s", rc, err.msg);
	ck_assert_str_eq(err.record, "job RO-1001");
	ck_assert_msg(strstr(err.msg, "UNIQUE"), "message: %s", err.msg);
	bp_store_rollback(st);
	char *after = raw_dump(path);
	ck_assert_msg(strcmp(before, after) == 0, "the store changed after a failed save");
	ck_assert_int_eq(bp_store_load_shop(st, &got, &err), BP_OK);
	same_shop(&s, &got);

	/* A time that is not a clock time is refused by name. */
	bad.jobs[3] = s.jobs[3];
	bad.techs[1].shift.end = 1500;
	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	ck_assert_int_eq(bp_store_save_shop(st, &bad, &err), BP_EDATA);
	ck_assert_str_eq(err.record, "technician T2");
	ck_assert_str_eq(err.field, "shift");
	bp_store_rollback(st);

	/* A valid save rolled back by the caller leaves nothing either. */
	bad.techs[1].shift.end = s.techs[1].shift.end;
	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	ck_assert_int_eq(bp_store_save_shop(st, &bad, &err), BP_OK);
	bp_store_rollback(st);
	free(after);
	after = raw_dump(path);
	ck_assert_msg(strcmp(before, after) == 0, "the store changed after a rollback");

	bp_store_close(st);
	free(before);
	free(after);
	bp_shop_free(&s);
	bp_shop_free(&bad);
	bp_shop_free(&got);
}
END_TEST

START_TEST(load_empty_store)
{
	struct bp_store *st = open_ok(path);
	struct bp_shop got;
	struct bp_err err = {0};
	bp_shop_init(&got);
	ck_assert_int_eq(bp_store_load_shop(st, &got, &err), BP_EDATA);
	ck_assert_msg(strstr(err.msg, "holds no shop") && strstr(err.msg, "bayplan import"),
		      "message: %s", err.msg);
	bp_store_close(st);
}
END_TEST

START_TEST(load_names_bad_row)
{
	struct bp_shop s, got;
	struct bp_err err = {0};
	build_shop(&s);
	bp_shop_init(&got);
	struct bp_store *st = open_ok(path);
	save_committed(st, &s);
	raw_exec(path, "UPDATE jobs SET promised = '25:99' WHERE id = 'RO-1003'");
	ck_assert_int_eq(bp_store_load_shop(st, &got, &err), BP_EDATA);
	ck_assert_str_eq(err.record, "job RO-1003");
	ck_assert_str_eq(err.field, "promised");
	ck_assert_msg(strstr(err.msg, "25:99"), "message: %s", err.msg);
	ck_assert_int_eq(got.njobs, 0);
	raw_exec(path, "UPDATE jobs SET promised = NULL WHERE id = 'RO-1003';"
		 "INSERT INTO policy VALUES ('bonus_points', 3)");
	ck_assert_int_eq(bp_store_load_shop(st, &got, &err), BP_EDATA);
	ck_assert_str_eq(err.record, "policy bonus_points");
	bp_store_close(st);
	bp_shop_free(&s);
	bp_shop_free(&got);
}
END_TEST

/* Rows another program wrote pass the shop file's rules, or the load names
 * table, record and field; the shop comes back empty. */
START_TEST(load_validates_rows)
{
	static const struct {
		const char *sql, *record, *field, *table;
	} cases[] = {
		{"UPDATE shop SET overtime_minutes = -30", "shop", "overtime_minutes", "table shop"},
		{"UPDATE parts SET min_order = -10 WHERE sku = 'FLT-OIL-01'", "part FLT-OIL-01",
		 "min_order", "table parts"},
		{"UPDATE parts SET on_hand = -1000000 WHERE sku = 'FLT-OIL-01'", "part FLT-OIL-01",
		 "on_hand", "table parts"},
		{"UPDATE service_minutes SET minutes = -45 WHERE service_code = 'OIL'",
		 "service OIL", "minutes", "table service_minutes"},
		{"UPDATE jobs SET minutes = 100001 WHERE id = 'RO-1001'", "job RO-1001", "minutes",
		 "table jobs"},
		{"UPDATE job_parts SET qty = 0", "job RO-1001", "parts", "table job_parts"},
		{"UPDATE policy SET value = -2 WHERE key = 'late_per_minute'", "policy",
		 "late_per_minute", "table policy"},
	};
	struct bp_shop s, got;
	build_shop(&s);
	bp_shop_init(&got);
	struct bp_store *st = open_ok(path);
	save_committed(st, &s);
	bp_store_close(st);
	char clean[160];
	snprintf(clean, sizeof clean, "%s/clean.db", dir);
	ck_assert_int_eq(rename(path, clean), 0);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char cmd[400];
		snprintf(cmd, sizeof cmd, "cp '%s' '%s'", clean, path);
		ck_assert_int_eq(system(cmd), 0);
		raw_exec(path, cases[i].sql);
		struct bp_err err = {0};
		st = open_ok(path);
		ck_assert_msg(bp_store_load_shop(st, &got, &err) == BP_EDATA, "'%s' loaded",
			      cases[i].sql);
		bp_store_close(st);
		ck_assert_str_eq(err.record, cases[i].record);
		ck_assert_str_eq(err.field, cases[i].field);
		ck_assert_msg(strstr(err.msg, cases[i].table) && strstr(err.msg, path),
			      "'%s': message '%s' lacks '%s'", cases[i].sql, err.msg,
			      cases[i].table);
		ck_assert_int_eq(got.njobs, 0);
	}
	bp_shop_free(&s);
	bp_shop_free(&got);
}
END_TEST

/* ---- runs and plans ---- */

static long long add_run(struct bp_store *st, const char *kind, int date, const char *scenario,
			 struct bp_run *out)
{
	struct bp_run run = {0};
	struct bp_err err = {0};
	snprintf(run.kind, sizeof run.kind, "%s", kind);
	snprintf(run.scenario, sizeof run.scenario, "%s", scenario);
	run.date = date;
	run.status = BP_RUN_FEASIBLE;
	run.objective = 1234.5;
	run.bound = 1300.25;
	run.gap = 0.0532;
	run.solve_ms = 1520;
	int rc = bp_store_add_run(st, &run, &err);
	ck_assert_msg(rc == BP_OK, "add_run: %s", err.msg);
	if (out)
		*out = run;
	return run.id;
}

static void make_plan(const struct bp_shop *s, struct bp_plan *p, int date)
{
	bp_plan_init(p);
	p->date = date;
	struct bp_assignment a[] = {
		{bp_shop_job(s, "RO-1001"), 0, 0, hm(9, 0), hm(9, 30), -1, hm(8, 45), 0, -1},
		/* Work left for the next working day, and when it is. */
		{bp_shop_job(s, "RO-1002"), 0, 2, hm(9, 30), hm(10, 45), -1, -1, 95, date + 2},
		/* Overtime past midnight: the end lands on the next date. */
		{bp_shop_job(s, "RO-1004"), 1, 1, hm(17, 30), hm(24, 30), -1, -1, 0, -1},
	};
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(bp_plan_add_assignment(p, &a[i]), 0);
	bp_plan_add_unscheduled(p, bp_shop_job(s, "RO-1005"), BP_REASON_PARTS, date + 2,
				"needs %s, a rare part", "BRK-PAD-F");
	bp_plan_add_unscheduled(p, bp_shop_job(s, "RO-1003"), BP_REASON_CAPACITY, -1,
				"no technician free in the window");
}

static void save_plan_committed(struct bp_store *st, const struct bp_shop *s,
				const struct bp_plan *p, struct bp_run *run)
{
	struct bp_err err = {0};
	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	long long id = add_run(st, "schedule", p->date, "", run);
	int rc = bp_store_save_plan(st, id, s, p, &err);
	ck_assert_msg(rc == BP_OK, "save_plan: %s", err.msg);
	ck_assert_int_eq(bp_store_commit(st, &err), BP_OK);
}

START_TEST(plan_round_trip)
{
	struct bp_shop s;
	struct bp_plan p, got;
	struct bp_run run, back;
	struct bp_err err = {0};
	int date = day_of("2026-11-23");
	build_shop(&s);
	struct bp_store *st = open_ok(path);
	save_committed(st, &s);
	make_plan(&s, &p, date);
	save_plan_committed(st, &s, &p, &run);

	char v[300];
	raw_list(path, "SELECT job_id || ' ' || technician_id || ' ' || bay_id || ' ' || start "
		 "|| ' ' || \"end\" FROM schedule ORDER BY rowid", v, sizeof v);
	ck_assert_str_eq(v, "RO-1001 T1 B1 2026-11-23T09:00 2026-11-23T09:30 "
			 "RO-1002 T1 E1 2026-11-23T09:30 2026-11-23T10:45 "
			 "RO-1004 T2 A1 2026-11-23T17:30 2026-11-24T00:30");
	raw_list(path, "SELECT coalesce(checkin, '-') || ' ' || coalesce(ready, '-') || ' ' || "
		 "carry_minutes || ' ' || coalesce(continues_on, '-') FROM schedule ORDER BY rowid",
		 v, sizeof v);
	ck_assert_str_eq(v, "2026-11-23T08:45 2026-11-23T09:30 0 - "
			 "- - 95 2026-11-25 - 2026-11-24T00:50 0 -");
	raw_list(path, "SELECT job_id || ' ' || reason || ' ' || coalesce(earliest_date, '-') "
		 "FROM unscheduled ORDER BY rowid", v, sizeof v);
	ck_assert_str_eq(v, "RO-1005 parts 2026-11-25 RO-1003 capacity -");
	raw_list(path, "SELECT kind || ' ' || date || ' ' || status || ' ' || objective || ' ' "
		 "|| bound || ' ' || solve_ms || ' [' || scenario || ']' FROM runs", v, sizeof v);
	ck_assert_str_eq(v, "schedule 2026-11-23 feasible 1234.5 1300.25 1520 []");

	bp_plan_init(&got);
	int rc = bp_store_load_plan(st, &s, date, NULL, &got, &back, &err);
	ck_assert_msg(rc == BP_OK, "load_plan: %s", err.msg);
	ck_assert_int_eq(back.id, run.id);
	ck_assert_str_eq(back.created_at, run.created_at);
	ck_assert_str_eq(back.kind, "schedule");
	ck_assert_int_eq(got.status, BP_RUN_FEASIBLE);
	ck_assert_double_eq(got.objective, 1234.5);
	ck_assert_double_eq(got.bound, 1300.25);
	ck_assert_double_eq(got.gap, 0.0532);
	ck_assert_int_eq(got.solve_ms, 1520);
	ck_assert_int_eq(got.date, date);
	ck_assert_int_eq(got.nassign, p.nassign);
	for (int i = 0; i < p.nassign; i++) {
		const struct bp_assignment *a = &p.assign[i], *b = &got.assign[i];
		ck_assert_msg(a->job == b->job && a->tech == b->tech && a->bay == b->bay &&
			      a->start == b->start && a->end == b->end,
			      "assignment %d: job %d/%d tech %d/%d bay %d/%d %d-%d / %d-%d", i,
			      a->job, b->job, a->tech, b->tech, a->bay, b->bay, a->start, a->end,
			      b->start, b->end);
		ck_assert_int_eq(b->parts_ready, -1);
		ck_assert_int_eq(a->checkin, b->checkin);
		ck_assert_int_eq(a->carry, b->carry);
		ck_assert_int_eq(a->carry_date, b->carry_date);
	}
	ck_assert_int_eq(got.nunsched, p.nunsched);
	for (int i = 0; i < p.nunsched; i++) {
		const struct bp_unscheduled *a = &p.unsched[i], *b = &got.unsched[i];
		ck_assert_int_eq(a->job, b->job);
		ck_assert_int_eq(a->reason, b->reason);
		ck_assert_int_eq(a->earliest_date, b->earliest_date);
		ck_assert_str_eq(a->detail, b->detail);
	}
	bp_plan_kpis(&s, &p);
	ck_assert_msg(memcmp(&p.kpi, &got.kpi, sizeof p.kpi) == 0, "KPIs differ: done %d/%d, "
		      "overtime %d/%d", p.kpi.done, got.kpi.done, p.kpi.overtime_minutes,
		      got.kpi.overtime_minutes);
	ck_assert_int_eq(got.kpi.done, 3);
	ck_assert_int_eq(got.kpi.unscheduled_by_reason[BP_REASON_PARTS], 1);
	bp_store_close(st);
	bp_plan_free(&p);
	bp_plan_free(&got);
	bp_shop_free(&s);
}
END_TEST

START_TEST(run_created_at_is_local_time)
{
	struct bp_store *st = open_ok(path);
	struct bp_err err = {0};
	struct bp_run run;
	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	ck_assert_int_gt(add_run(st, "reorder", day_of("2026-11-23"), "", &run), 0);
	ck_assert_int_eq(bp_store_commit(st, &err), BP_OK);
	const char *c = run.created_at;
	ck_assert_msg(strlen(c) == 19 && c[4] == '-' && c[7] == '-' && c[10] == 'T' &&
		      c[13] == ':' && c[16] == ':', "created_at '%s'", c);
	time_t now = time(NULL);
	struct tm tm;
	char today[12];
	localtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	ck_assert_msg(strncmp(c, today, 10) == 0, "created_at '%s', today %s", c, today);
	struct bp_run bogus = {.kind = "nightly"};
	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	ck_assert_int_eq(bp_store_add_run(st, &bogus, &err), BP_EINTERNAL);
	bp_store_rollback(st);
	bp_store_close(st);
}
END_TEST

START_TEST(load_plan_takes_latest_live_run)
{
	struct bp_shop s;
	struct bp_plan p, got;
	struct bp_run run2, back;
	struct bp_err err = {0};
	int date = day_of("2026-11-23");
	build_shop(&s);
	struct bp_store *st = open_ok(path);
	save_committed(st, &s);
	make_plan(&s, &p, date);
	save_plan_committed(st, &s, &p, NULL);
	p.nassign = 1;                         /* a second, smaller plan */
	save_plan_committed(st, &s, &p, &run2);
	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	long long id = add_run(st, "schedule", date, "one more EV bay", NULL);
	p.nassign = 2;
	ck_assert_int_eq(bp_store_save_plan(st, id, &s, &p, &err), BP_OK);
	add_run(st, "windows", date, "", NULL);
	ck_assert_int_eq(bp_store_commit(st, &err), BP_OK);

	bp_plan_init(&got);
	ck_assert_int_eq(bp_store_load_plan(st, &s, date, "schedule", &got, &back, &err), BP_OK);
	ck_assert_int_eq(back.id, run2.id);
	ck_assert_int_eq(got.nassign, 1);
	int rc = bp_store_load_plan(st, &s, date + 1, NULL, &got, NULL, &err);
	ck_assert_int_eq(rc, BP_EDATA);
	ck_assert_msg(strstr(err.msg, "no schedule run for 2026-11-24"), "message: %s", err.msg);
	ck_assert_int_eq(got.nassign, 0);
	bp_store_close(st);
	bp_plan_free(&p);
	bp_plan_free(&got);
	bp_shop_free(&s);
}
END_TEST

START_TEST(load_plan_names_missing_job)
{
	struct bp_shop s, smaller;
	struct bp_plan p, got;
	struct bp_err err = {0};
	int date = day_of("2026-11-23");
	build_shop(&s);
	struct bp_store *st = open_ok(path);
	save_committed(st, &s);
	make_plan(&s, &p, date);
	save_plan_committed(st, &s, &p, NULL);
	ck_assert_int_eq(bp_shop_copy(&smaller, &s), 0);
	bp_shop_remove_job(&smaller, bp_shop_job(&smaller, "RO-1004"));
	bp_plan_init(&got);
	ck_assert_int_eq(bp_store_load_plan(st, &smaller, date, NULL, &got, NULL, &err), BP_EDATA);
	ck_assert_msg(strstr(err.msg, "job RO-1004") && strstr(err.msg, "no longer"),
		      "message: %s", err.msg);
	ck_assert_int_eq(got.nassign, 0);
	bp_store_close(st);
	bp_plan_free(&p);
	bp_plan_free(&got);
	bp_shop_free(&s);
	bp_shop_free(&smaller);
}
END_TEST

START_TEST(plan_rows_follow_their_run)
{
	struct bp_shop s;
	struct bp_plan p;
	struct bp_err err = {0};
	struct bp_run run;
	build_shop(&s);
	struct bp_store *st = open_ok(path);
	save_committed(st, &s);
	make_plan(&s, &p, day_of("2026-11-23"));
	/* Foreign keys are on in the store's connection: no rows for a run
	 * that does not exist. */
	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	ck_assert_int_eq(bp_store_save_plan(st, 999, &s, &p, &err), BP_EDATA);
	bp_store_rollback(st);
	save_plan_committed(st, &s, &p, &run);
	/* Saving the same run again replaces its rows. */
	ck_assert_int_eq(bp_store_begin(st, &err), BP_OK);
	ck_assert_int_eq(bp_store_save_plan(st, run.id, &s, &p, &err), BP_OK);
	ck_assert_int_eq(bp_store_commit(st, &err), BP_OK);
	ck_assert_int_eq(raw_int(path, "SELECT count(*) FROM schedule"), 3);
	raw_exec(path, "DELETE FROM runs");
	ck_assert_int_eq(raw_int(path, "SELECT count(*) FROM schedule"), 0);
	ck_assert_int_eq(raw_int(path, "SELECT count(*) FROM unscheduled"), 0);
	bp_store_close(st);
	bp_plan_free(&p);
	bp_shop_free(&s);
}
END_TEST

/* A byte-for-byte copy of a file, to show a refusal left it alone. */
static size_t slurp(const char *p, char *buf, size_t n)
{
	FILE *f = fopen(p, "rb");
	ck_assert_ptr_nonnull(f);
	size_t got = fread(buf, 1, n, f);
	fclose(f);
	return got;
}

START_TEST(refuses_damaged_store)
{
	struct bp_store *st = NULL;
	struct bp_err err = {0};
	ck_assert_int_eq(bp_store_open(path, 1, &st, &err), BP_OK);
	bp_store_close(st);
	/* Enough rows for a table of several pages, then junk over one of them. */
	raw_exec(path, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
		       "WHERE i < 3000) INSERT INTO skills SELECT 'skill-' || i FROM n");
	long long pages = raw_int(path, "PRAGMA page_count");
	long long size = raw_int(path, "PRAGMA page_size");
	ck_assert_int_gt(pages, 8);
	FILE *f = fopen(path, "r+b");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fseek(f, (long)((pages - 2) * size), SEEK_SET), 0);
	for (long long i = 0; i < size; i++)
		fputc((int)((i * 131 + 7) & 0xff), f);
	fclose(f);
	static char before[1 << 20], after[1 << 20];
	size_t n = slurp(path, before, sizeof before);
	ck_assert_int_eq(bp_store_open(path, 0, &st, &err), BP_EDATA);
	ck_assert_ptr_null(st);
	ck_assert_msg(strstr(err.msg, "is damaged") && strstr(err.msg, path) &&
		      strstr(err.msg, "backup"), "message: %s", err.msg);
	ck_assert_uint_eq(slurp(path, after, sizeof after), n);
	ck_assert_msg(memcmp(before, after, n) == 0, "the damaged file was changed");
}
END_TEST

START_TEST(full_check_finds_dangling_reference)
{
	struct bp_store *st = NULL;
	struct bp_err err = {0};
	ck_assert_int_eq(bp_store_open(path, 1, &st, &err), BP_OK);
	ck_assert_int_eq(bp_store_check(st, 1, &err), BP_OK);
	bp_store_close(st);
	/* Another program, foreign keys off, leaves a schedule row without its run. */
	sqlite3 *db;
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, "PRAGMA foreign_keys = OFF; INSERT INTO schedule "
				      "(run_id, job_id, technician_id, bay_id, start, \"end\") "
				      "VALUES (77, 'J', 'T', 'B', '2026-11-24T08:00', "
				      "'2026-11-24T09:00')", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	ck_assert_int_eq(bp_store_open(path, 0, &st, &err), BP_OK);
	ck_assert_int_eq(bp_store_check(st, 0, &err), BP_OK);
	ck_assert_int_eq(bp_store_check(st, 1, &err), BP_EDATA);
	ck_assert_msg(strstr(err.msg, "is damaged") && strstr(err.msg, "schedule") &&
		      strstr(err.msg, "runs"), "message: %s", err.msg);
	bp_store_close(st);
}
END_TEST

Suite *bp_suite_store(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("schema");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, creates_contract_tables);
	tcase_add_test(tc, creates_input_tables);
	tcase_add_test(tc, sets_version_id_and_wal);
	tcase_add_test(tc, reopen_is_up_to_date);
	tcase_add_test(tc, migrates_blank_sqlite_file);
	tcase_add_test(tc, empty_file_is_created);
	tcase_add_test(tc, refuses_newer_schema);
	tcase_add_test(tc, refuses_text_file);
	tcase_add_test(tc, refuses_foreign_database);
	tcase_add_test(tc, refuses_other_application_id);
	tcase_add_test(tc, refuses_damaged_store);
	tcase_add_test(tc, full_check_finds_dangling_reference);
	tcase_add_test(tc, missing_without_create);
	tcase_add_test(tc, bad_busy_env_is_usage);
	tcase_add_test(tc, refuses_hard_link);
	tcase_add_test(tc, refuses_negative_version);
	tcase_add_test(tc, refuses_tiny_file);
	suite_add_tcase(s, tc);

	tc = tcase_create("transactions");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, second_writer_is_busy);
	tcase_add_test(tc, busy_timeout_from_env);
	tcase_add_test(tc, write_needs_transaction);
	tcase_add_test(tc, commit_refused_after_replace);
	tcase_add_test(tc, begin_refused_after_replace_or_rename);
	tcase_add_test(tc, begin_refused_after_hard_link);
	suite_add_tcase(s, tc);

	tc = tcase_create("shop");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, shop_round_trip);
	tcase_add_test(tc, shop_rows_readable);
	tcase_add_test(tc, resave_replaces);
	tcase_add_test(tc, failed_save_changes_nothing);
	tcase_add_test(tc, load_empty_store);
	tcase_add_test(tc, load_names_bad_row);
	tcase_add_test(tc, load_validates_rows);
	suite_add_tcase(s, tc);

	tc = tcase_create("plans");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, plan_round_trip);
	tcase_add_test(tc, run_created_at_is_local_time);
	tcase_add_test(tc, load_plan_takes_latest_live_run);
	tcase_add_test(tc, load_plan_names_missing_job);
	tcase_add_test(tc, plan_rows_follow_their_run);
	suite_add_tcase(s, tc);
	return s;
}
