/*
 * test_merge.c - bp_shop_merge: a shop file merged into the store's shop
 * keeps what the store recorded, adds and updates bookings by id, and
 * refuses to drop what the store's records still name, saying which.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "io/yaml_shop.h"
#include "model/merge.h"
#include "model/validate.h"

Suite *bp_suite_merge(void);

static const char base_yaml[] =
	"shop: {name: Merge test, open: \"07:30\", close: \"18:00\"}\n"
	"skills: [maintenance]\n"
	"bay_types: [{id: general}]\n"
	"bays: [{id: B1, type: general}, {id: B2, type: general}]\n"
	"technicians:\n"
	"  - {id: T1, shift: \"08:00-17:00\", skills: {maintenance: 2}, cost_per_hour: 30}\n"
	"  - {id: T2, shift: \"08:00-17:00\", skills: {maintenance: 2}, cost_per_hour: 30}\n"
	"  - {id: T3, shift: \"08:00-17:00\", skills: {maintenance: 3}, cost_per_hour: 35}\n"
	"services:\n"
	"  - {code: OIL, name: Oil, skill: maintenance, level: 1, bay: general,\n"
	"     minutes: {1: 45, 2: 40, 3: 35}, parts: {P1: 1}}\n"
	"  - {code: BRK, name: Brakes, skill: maintenance, level: 2, bay: general,\n"
	"     minutes: {2: 90, 3: 80}}\n"
	"parts:\n"
	"  - {sku: P1, on_hand: 10, supply: common, unit_cost: 5,\n"
	"     on_order: [{qty: 4, arrives: \"2026-11-24T10:00\"}]}\n"
	"  - {sku: P2, on_hand: 3, supply: common, unit_cost: 9}\n"
	"jobs:\n"
	"  - {id: J1, date: \"2026-11-24\", service: OIL, window: \"08:00-09:00\"}\n"
	"  - {id: J2, date: \"2026-11-24\", service: BRK, arrival: \"10:00\", technician: T3,\n"
	"     parts: {P2: 1}}\n"
	"  - {id: J3, date: \"2026-11-25\", service: OIL}\n";

static void parse(struct bp_shop *s)
{
	struct bp_err err = {0};
	bp_shop_init(s);
	int rc = bp_shopfile_parse(base_yaml, sizeof base_yaml - 1, "merge.yaml", NULL, s, &err);
	ck_assert_msg(rc == BP_OK, "base shop: %s", err.msg);
}

static struct bp_job *job(struct bp_shop *s, const char *id)
{
	int j = bp_shop_job(s, id);
	ck_assert_msg(j >= 0, "no job %s", id);
	return &s->jobs[j];
}

/* The base shop as a store holds it after a day's work: J1 done by T1 on
 * B1, J2 under way by T3 on B2, T3 off on the 25th, B2 down on the 24th, a
 * stock count of P1 and a booking only the store has (J9, for T2). */
static void store_shop(struct bp_shop *s)
{
	parse(s);
	struct bp_job *j = job(s, "J1");
	j->status = BP_JOB_DONE;
	j->has_started = j->has_finished = 1;
	j->started_day = j->finished_day = j->date;
	j->started = 8 * 60, j->finished = 9 * 60;
	j->act_tech = bp_shop_tech(s, "T1");
	j->act_bay = bp_shop_bay(s, "B1");
	j = job(s, "J2");
	j->status = BP_JOB_IN_PROGRESS;
	j->has_started = 1;
	j->started_day = j->date, j->started = 10 * 60;
	j->act_tech = bp_shop_tech(s, "T3");
	j->act_bay = bp_shop_bay(s, "B2");
	struct bp_job *k = bp_shop_add_job(s);
	*k = s->jobs[0];
	strcpy(k->id, "J9");
	k->status = BP_JOB_BOOKED;
	k->has_started = k->has_finished = 0;
	k->act_tech = k->act_bay = -1;
	k->technician = bp_shop_tech(s, "T2");
	k->carried_from = k->date - 1;
	struct bp_roster_change *c = bp_shop_add_roster(s);
	c->tech = bp_shop_tech(s, "T3");
	bp_date_parse("2026-11-25", &c->date);
	c->kind = BP_ROSTER_OFF;
	c->whole = 1;
	struct bp_closure *cl = bp_shop_add_closure(s);
	bp_date_parse("2026-11-24", &cl->date);
	cl->bay = bp_shop_bay(s, "B2");
	cl->whole = 1;
	strcpy(cl->reason, "lift inspection");
	struct bp_part *p = &s->parts[bp_shop_part(s, "P1")];
	p->on_hand = 7;
	p->on_order[0].qty = 2;   /* half of the order received */
}

static int merge(const struct bp_shop *old, const struct bp_shop *file, struct bp_shop *out,
		 struct bp_merge_report *r, struct bp_err *err)
{
	memset(err, 0, sizeof *err);
	return bp_shop_merge(old, file, out, r, err);
}

START_TEST(same_file_changes_nothing)
{
	struct bp_shop old, file, out;
	struct bp_merge_report r;
	struct bp_err err;
	store_shop(&old);
	parse(&file);
	ck_assert_int_eq(merge(&old, &file, &out, &r, &err), BP_OK);
	ck_assert_int_eq(r.added, 0);
	ck_assert_int_eq(r.updated, 0);
	ck_assert_int_eq(r.same, 3);
	ck_assert_int_eq(r.kept, 1);
	ck_assert_int_eq(out.njobs, 4);
	/* The store's order, so that writing it again changes no row. */
	for (int i = 0; i < 4; i++) {
		ck_assert_str_eq(out.jobs[i].id, old.jobs[i].id);
		ck_assert_int_eq(r.old_job[i], i);
		ck_assert_int_eq(out.jobs[i].status, old.jobs[i].status);
		ck_assert_int_eq(out.jobs[i].act_tech, old.jobs[i].act_tech);
		ck_assert_int_eq(out.jobs[i].act_bay, old.jobs[i].act_bay);
		ck_assert_int_eq(out.jobs[i].carried_from, old.jobs[i].carried_from);
		ck_assert(bp_job_same_booking(&old, &old.jobs[i], &out, &out.jobs[i]));
	}
	ck_assert_int_eq(r.state[3], BP_MERGE_KEPT);
	ck_assert_int_eq(out.nroster, 1);
	ck_assert_int_eq(out.nclosures, 1);
	ck_assert_int_eq(out.parts[0].on_hand, 7);
	ck_assert_int_eq(out.parts[0].on_order[0].qty, 2);
	ck_assert_int_eq(r.nparts, 2);
	ck_assert(!r.new_part[0] && !r.new_part[1]);
	ck_assert_msg(bp_shop_validate(&out, NULL, &err) == BP_OK, "%s", err.msg);
	bp_merge_report_free(&r);
	bp_shop_free(&out);
	bp_shop_free(&file);
	bp_shop_free(&old);
}
END_TEST

START_TEST(adds_updates_keeps)
{
	struct bp_shop old, file, out;
	struct bp_merge_report r;
	struct bp_err err;
	store_shop(&old);
	parse(&file);
	/* The file moves T3 to the front (indexes change), changes J2's
	 * arrival, renames a service, restocks P1 (ignored: the store counts),
	 * adds part P3 with stock and an order, and books J4. */
	struct bp_technician t3 = file.techs[2];
	memmove(&file.techs[1], &file.techs[0], 2 * sizeof t3);
	file.techs[0] = t3;
	for (int i = 0; i < file.njobs; i++)
		if (file.jobs[i].technician >= 0)
			file.jobs[i].technician = 0;
	job(&file, "J2")->window.start = job(&file, "J2")->window.end = 11 * 60;
	strcpy(file.services[0].name, "Oil and filter");
	file.parts[0].on_hand = 99;
	struct bp_part *p3 = bp_shop_add_part(&file);
	*p3 = file.parts[1];
	strcpy(p3->sku, "P3");
	p3->on_hand = 5;
	p3->non_order = 1;
	p3->on_order[0] = (struct bp_delivery){.qty = 6, .day = old.jobs[0].date, .minute = 600};
	struct bp_job *j4 = bp_shop_add_job(&file);
	*j4 = file.jobs[2];
	strcpy(j4->id, "J4");

	ck_assert_msg(merge(&old, &file, &out, &r, &err) == BP_OK, "%s", err.msg);
	ck_assert_int_eq(r.added, 1);
	ck_assert_int_eq(r.updated, 1);
	ck_assert_int_eq(r.same, 2);
	ck_assert_int_eq(r.kept, 1);
	ck_assert_int_eq(out.njobs, 5);
	ck_assert_str_eq(out.jobs[4].id, "J4");
	ck_assert_int_eq(r.state[4], BP_MERGE_ADDED);
	ck_assert_int_eq(r.old_job[4], -1);
	ck_assert_int_eq(out.jobs[4].status, BP_JOB_BOOKED);
	struct bp_job *j2 = job(&out, "J2");
	ck_assert_int_eq(r.state[1], BP_MERGE_UPDATED);
	ck_assert_int_eq(j2->window.start, 11 * 60);            /* the file's booking */
	ck_assert_int_eq(j2->status, BP_JOB_IN_PROGRESS);       /* the store's progress */
	ck_assert_str_eq(out.techs[j2->act_tech].id, "T3");     /* by id, not index */
	ck_assert_str_eq(out.bays[j2->act_bay].id, "B2");
	ck_assert_str_eq(out.techs[j2->technician].id, "T3");
	struct bp_job *j9 = job(&out, "J9");
	ck_assert_str_eq(out.techs[j9->technician].id, "T2");
	ck_assert_int_eq(j9->carried_from, j9->date - 1);
	ck_assert_str_eq(out.techs[out.roster[0].tech].id, "T3");
	ck_assert_str_eq(out.services[0].name, "Oil and filter");
	ck_assert_int_eq(out.parts[0].on_hand, 7);
	ck_assert_int_eq(out.parts[0].on_order[0].qty, 2);
	ck_assert_int_eq(r.nparts, 3);
	ck_assert_str_eq(out.parts[2].sku, "P3");
	ck_assert(r.new_part[2] && !r.new_part[0] && !r.new_part[1]);
	ck_assert_int_eq(out.parts[2].on_hand, 5);
	ck_assert_int_eq(out.parts[2].non_order, 1);
	ck_assert_msg(bp_shop_validate(&out, NULL, &err) == BP_OK, "%s", err.msg);
	bp_merge_report_free(&r);
	bp_shop_free(&out);
	bp_shop_free(&file);
	bp_shop_free(&old);
}
END_TEST

/* Merge a file from which `edit` took something; expect a refusal whose
 * message holds every one of `want`, and nothing handed back. */
static void refused(void (*edit)(struct bp_shop *), const char *const *want, int n)
{
	struct bp_shop old, file, out;
	struct bp_merge_report r;
	struct bp_err err;
	store_shop(&old);
	parse(&file);
	edit(&file);
	ck_assert_int_eq(merge(&old, &file, &out, &r, &err), BP_EDATA);
	for (int i = 0; i < n; i++)
		ck_assert_msg(strstr(err.msg, want[i]), "'%s' not in: %s", want[i], err.msg);
	ck_assert_msg(strstr(err.msg, "import --replace"), "no way out in: %s", err.msg);
	ck_assert_int_eq(out.njobs, 0);
	ck_assert_ptr_null(r.state);
	ck_assert_ptr_null(r.new_part);
	bp_shop_free(&file);
	bp_shop_free(&old);
}

static void drop_t3(struct bp_shop *s)
{
	bp_shop_remove_tech(s, bp_shop_tech(s, "T3"));
}

static void drop_t2(struct bp_shop *s)
{
	bp_shop_remove_tech(s, bp_shop_tech(s, "T2"));
}

static void drop_b2(struct bp_shop *s)
{
	bp_shop_remove_bay(s, bp_shop_bay(s, "B2"));
}

/* Renaming is dropping the old id (and adding a new one). */
static void drop_oil(struct bp_shop *s)
{
	strcpy(s->services[bp_shop_service(s, "OIL")].code, "OIL-NEW");
}

static void drop_p1(struct bp_shop *s)
{
	strcpy(s->parts[bp_shop_part(s, "P1")].sku, "P1-NEW");
}

START_TEST(refuses_dropped_technician)
{
	/* J2 is in the file (its request goes), but its status names T3. */
	const char *const t3[] = {"technician T3 is not in the shop file, but the store still "
				  "names it", "job_status J2 (started by)", "roster 2026-11-25",
				  "keep T3 in the file"};
	refused(drop_t3, t3, 4);
	const char *const t2[] = {"technician T2", "job J9 (requested technician)"};
	refused(drop_t2, t2, 2);
}
END_TEST

START_TEST(refuses_dropped_bay_service_part)
{
	const char *const b2[] = {"bay B2 is not in the shop file", "job_status J2 (bay)",
				  "closure 2026-11-24"};
	refused(drop_b2, b2, 3);
	/* J1 and J3 are in the file under the new code; J9 only the store has. */
	const char *const oil[] = {"service OIL is not in the shop file", "job J9 (service)"};
	refused(drop_oil, oil, 2);
	const char *const p1[] = {"part P1 is not in the shop file",
				  "part_orders (2 still on order)"};
	refused(drop_p1, p1, 2);
}
END_TEST

START_TEST(drops_what_nothing_names)
{
	struct bp_shop old, file, out;
	struct bp_merge_report r;
	struct bp_err err;
	/* T2 named by nothing but the history: the file's history replaces it. */
	parse(&old);
	struct bp_actual *a = bp_shop_add_actual(&old);
	strcpy(a->job_id, "J0");
	a->technician = bp_shop_tech(&old, "T2");
	a->service = a->window = -1;
	parse(&file);
	drop_t2(&file);
	ck_assert_msg(merge(&old, &file, &out, &r, &err) == BP_OK, "%s", err.msg);
	ck_assert_int_eq(out.ntechs, 2);
	ck_assert_int_eq(out.nactuals, 0);
	bp_merge_report_free(&r);
	bp_shop_free(&out);
	bp_shop_free(&file);
	bp_shop_free(&old);
}
END_TEST

START_TEST(many_records_named_briefly)
{
	struct bp_shop old, file, out;
	struct bp_merge_report r;
	struct bp_err err;
	parse(&old);
	for (int i = 0; i < 9; i++) {
		struct bp_roster_change *c = bp_shop_add_roster(&old);
		c->tech = bp_shop_tech(&old, "T2");
		c->date = old.jobs[0].date + i;
		c->whole = 1;
	}
	parse(&file);
	drop_t2(&file);
	ck_assert_int_eq(merge(&old, &file, &out, &r, &err), BP_EDATA);
	ck_assert_msg(strstr(err.msg, "roster 2026-11-27 and 5 more;"), "%s", err.msg);
	ck_assert_msg(!strstr(err.msg, "2026-11-28"), "%s", err.msg);
	bp_shop_free(&file);
	bp_shop_free(&old);
}
END_TEST

START_TEST(store_actuals_are_not_history)
{
	struct bp_shop old, file, out;
	struct bp_merge_report r;
	struct bp_err err;
	parse(&old);
	/* As a --bookings import builds it: the store's shop as the file, its
	 * last actual the store's own (a finished job), not history. */
	parse(&file);
	for (int i = 0; i < 3; i++)
		strcpy(bp_shop_add_actual(&file)->job_id, i < 2 ? "H" : "J1");
	for (int i = 0; i < 3; i++)
		file.actuals[i].technician = file.actuals[i].service = file.actuals[i].window = -1;
	file.nstore_actuals = 1;
	ck_assert_int_eq(merge(&old, &file, &out, &r, &err), BP_OK);
	ck_assert_int_eq(out.nactuals, 2);
	ck_assert_int_eq(out.nstore_actuals, 0);
	bp_merge_report_free(&r);
	bp_shop_free(&out);
	bp_shop_free(&file);
	bp_shop_free(&old);
}
END_TEST

START_TEST(same_booking_compares_by_id)
{
	struct bp_shop a, b;
	parse(&a);
	parse(&b);
	struct bp_job *x = job(&a, "J2"), *y = job(&b, "J2");
	ck_assert(bp_job_same_booking(&a, x, &b, y));
	/* Progress is not booking. */
	y->status = BP_JOB_DONE;
	ck_assert(bp_job_same_booking(&a, x, &b, y));
	y->parts[0].qty = 2;
	ck_assert(!bp_job_same_booking(&a, x, &b, y));
	y->parts[0].qty = 1;
	y->technician = -1;
	ck_assert(!bp_job_same_booking(&a, x, &b, y));
	y->technician = x->technician;
	y->waiting = 1;
	ck_assert(!bp_job_same_booking(&a, x, &b, y));
	y->waiting = 0;
	/* The same technician at another index is the same technician. */
	strcpy(b.techs[0].id, "T3");
	strcpy(b.techs[2].id, "T1");
	y->technician = 0;
	ck_assert(bp_job_same_booking(&a, x, &b, y));
	y->minutes = 50;
	ck_assert(!bp_job_same_booking(&a, x, &b, y));
	bp_shop_free(&a);
	bp_shop_free(&b);
}
END_TEST

Suite *bp_suite_merge(void)
{
	Suite *su = suite_create("merge");
	TCase *tc = tcase_create("merge");
	tcase_add_test(tc, same_file_changes_nothing);
	tcase_add_test(tc, adds_updates_keeps);
	tcase_add_test(tc, refuses_dropped_technician);
	tcase_add_test(tc, refuses_dropped_bay_service_part);
	tcase_add_test(tc, drops_what_nothing_names);
	tcase_add_test(tc, many_records_named_briefly);
	tcase_add_test(tc, store_actuals_are_not_history);
	tcase_add_test(tc, same_booking_compares_by_id);
	suite_add_tcase(su, tc);
	return su;
}
