/*
 * test_validate.c - every refusal of bp_shop_validate on a shop built in
 * code: one valid small shop, one mutation per case, the record and field
 * named in the error.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "model/validate.h"

Suite *bp_suite_validate(void);

static void mini(struct bp_shop *s)
{
	bp_shop_init(s);
	snprintf(s->info.name, sizeof s->info.name, "Mini");
	s->nskills = 2;
	strcpy(s->skills[0].id, "maintenance");
	strcpy(s->skills[1].id, "ev");
	s->nbay_types = 2;
	strcpy(s->bay_types[0].id, "general");
	s->bay_types[0].serves = 1u;
	strcpy(s->bay_types[1].id, "ev");
	s->bay_types[1].serves = 3u;

	struct bp_bay *b = bp_shop_add_bay(s);
	strcpy(b->id, "B1");
	b = bp_shop_add_bay(s);
	strcpy(b->id, "E1");
	b->type = 1;
	b->nclosed = 1;
	b->closed[0] = (struct bp_span){720, 780};

	struct bp_technician *t = bp_shop_add_tech(s);
	strcpy(t->id, "T1");
	t->shift = (struct bp_span){480, 1020};
	t->nbreaks = 1;
	t->breaks[0] = (struct bp_span){720, 765};
	t->level[0] = 2;
	t->level[1] = 3;
	t->cost_per_hour = 30;
	t->overtime_cost_per_hour = 45;
	t = bp_shop_add_tech(s);
	strcpy(t->id, "T2");
	t->shift = (struct bp_span){480, 960};
	t->level[0] = 1;

	struct bp_part *p = bp_shop_add_part(s);
	strcpy(p->sku, "P1");
	p->on_hand = 5;
	p->pack = 1;
	p->service_level = 0.95;
	p->safety_stock = -1;
	p->non_order = 1;
	p->on_order[0] = (struct bp_delivery){10, 20415, 720};

	struct bp_service *sv = bp_shop_add_service(s);
	strcpy(sv->code, "OIL");
	sv->level = 1;
	sv->minutes[1] = 45;
	sv->minutes[2] = 35;
	sv->minutes[3] = 30;
	sv->nparts = 1;
	sv->parts[0] = (struct bp_part_line){0, 1};

	struct bp_job *j = bp_shop_add_job(s);
	strcpy(j->id, "J1");
	j->date = 20415;
	j->tier = BP_TIER_CORE;
	j->has_window = 1;
	j->window = (struct bp_span){540, 660};
	j = bp_shop_add_job(s);
	strcpy(j->id, "J2");
	j->date = 20415;
	j->tier = BP_TIER_BASIC;
	j->window = (struct bp_span){510, 510};

	s->nwindows = 1;
	s->windows[0] = (struct bp_span){540, 660};

	struct bp_demand_row *d = bp_shop_add_demand(s);
	d->day = 20400;
	d->qty = 2;
}

typedef void (*mutate_fn)(struct bp_shop *s);

struct vcase {
	const char *name;
	mutate_fn mutate;
	const char *record, *field, *needle;
};

static void dup_bay(struct bp_shop *s) { strcpy(bp_shop_add_bay(s)->id, "B1"); }
static void dup_tech(struct bp_shop *s)
{
	struct bp_technician *t = bp_shop_add_tech(s);
	*t = s->techs[1];
	strcpy(t->id, "T1");
}
static void dup_service(struct bp_shop *s)
{
	struct bp_service *sv = bp_shop_add_service(s);
	*sv = s->services[0];
}
static void dup_part(struct bp_shop *s)
{
	struct bp_part *p = bp_shop_add_part(s);
	*p = s->parts[0];
}
static void dup_job(struct bp_shop *s)
{
	struct bp_job *j = bp_shop_add_job(s);
	*j = s->jobs[1];
	strcpy(j->id, "J1");
}
static void dup_skill(struct bp_shop *s) { strcpy(s->skills[s->nskills++].id, "maintenance"); }
static void dup_bay_type(struct bp_shop *s)
{
	strcpy(s->bay_types[2].id, "ev");
	s->bay_types[2].serves = 4u;
	s->nbay_types = 3;
}
static void empty_tech_id(struct bp_shop *s) { s->techs[1].id[0] = '\0'; }
static void tech_level_4(struct bp_shop *s) { s->techs[0].level[0] = 4; }
static void service_level_0(struct bp_shop *s) { s->services[0].level = 0; }
static void service_level_4(struct bp_shop *s) { s->services[0].level = 4; }
static void shift_reversed(struct bp_shop *s) { s->techs[0].shift = (struct bp_span){1020, 480}; }
static void break_reversed(struct bp_shop *s) { s->techs[0].breaks[0] = (struct bp_span){780, 720}; }
static void break_outside(struct bp_shop *s) { s->techs[0].breaks[0] = (struct bp_span){1020, 1050}; }
static void closed_reversed(struct bp_shop *s) { s->bays[1].closed[0] = (struct bp_span){780, 720}; }
static void closed_past_day(struct bp_shop *s)
{
	s->bays[1].closed[0] = (struct bp_span){1400, 1500};
}
static void template_reversed(struct bp_shop *s) { s->windows[0] = (struct bp_span){660, 540}; }
static void job_window_empty(struct bp_shop *s) { s->jobs[0].window.end = 540; }
static void job_arrival_bad(struct bp_shop *s) { s->jobs[1].window = (struct bp_span){-5, -5}; }
static void close_before_open(struct bp_shop *s) { s->info.close = s->info.open; }
static void slot_20(struct bp_shop *s) { s->info.slot_minutes = 20; }
static void no_level_can(struct bp_shop *s)
{
	s->services[0].level = 2;
	s->services[0].minutes[2] = s->services[0].minutes[3] = 0;
}
static void wash_over_handover(struct bp_shop *s)
{
	s->services[0].handover_minutes = 5;
	s->services[0].wash_minutes = 10;
}
static void loan_and_waiting(struct bp_shop *s)
{
	s->jobs[0].waiting = 1;
	s->jobs[0].loan_car = 1;
}
static void neg_loan_cars(struct bp_shop *s) { s->info.loan_cars = -1; }
static void huge_day_max(struct bp_shop *s) { s->policy.advisor_day_max = 10001; }
static void neg_on_hand(struct bp_shop *s) { s->parts[0].on_hand = -1; }
static void neg_on_order(struct bp_shop *s) { s->parts[0].on_order[0].qty = -10; }
static void neg_unit_cost(struct bp_shop *s) { s->parts[0].unit_cost = -0.5; }
static void pack_0(struct bp_shop *s) { s->parts[0].pack = 0; }
static void neg_min_order(struct bp_shop *s) { s->parts[0].min_order = -1; }
static void part_level_1(struct bp_shop *s) { s->parts[0].service_level = 1.0; }
static void neg_safety(struct bp_shop *s) { s->parts[0].safety_stock = -2; }
static void policy_level_0(struct bp_shop *s) { s->policy.service_level = 0; }
static void neg_tier_weight(struct bp_shop *s) { s->policy.tier_weight[BP_TIER_CORE] = -1; }
static void neg_late(struct bp_shop *s) { s->policy.late_per_minute = -2; }
static void neg_advisors(struct bp_shop *s) { s->info.advisors = -1; }
static void neg_overtime(struct bp_shop *s) { s->info.overtime_minutes = -30; }
static void neg_cost(struct bp_shop *s) { s->techs[1].cost_per_hour = -1; }
static void neg_service_qty(struct bp_shop *s) { s->services[0].parts[0].qty = -1; }
static void neg_job_minutes(struct bp_shop *s) { s->jobs[0].minutes = -5; }
static void dangling_job_service(struct bp_shop *s) { s->jobs[0].service = 3; }
static void dangling_bay_type(struct bp_shop *s) { s->bays[0].type = 7; }
static void dangling_job_tech(struct bp_shop *s) { s->jobs[1].technician = 2; }
static void dangling_job_part(struct bp_shop *s)
{
	s->jobs[1].nparts = 1;
	s->jobs[1].parts[0] = (struct bp_part_line){4, 1};
}
static void dangling_service_skill(struct bp_shop *s) { s->services[0].skill = 2; }
static void promised_bad(struct bp_shop *s) { s->jobs[0].promised = 2000; }
static void neg_demand(struct bp_shop *s) { s->demand[0].qty = -3; }

/* Ids: what looks the same must be the same id; a comma separates ids in
 * the store's job lists. */
static void id_trailing_space(struct bp_shop *s) { strcpy(s->techs[1].id, "T2 "); }
static void id_leading_space(struct bp_shop *s) { strcpy(s->jobs[1].id, " J2"); }
static void id_trailing_nbsp(struct bp_shop *s) { strcpy(s->techs[1].id, "T2\xc2\xa0"); }
static void id_comma(struct bp_shop *s) { strcpy(s->jobs[1].id, "J2,J3"); }
static void id_zero_width(struct bp_shop *s) { strcpy(s->parts[0].sku, "P\xe2\x80\x8b" "1"); }
static void id_control(struct bp_shop *s) { strcpy(s->bays[0].id, "B\a1"); }
static void id_bom(struct bp_shop *s) { strcpy(s->skills[1].id, "\xef\xbb\xbf" "ev"); }
static void id_rtl_override(struct bp_shop *s) { strcpy(s->services[0].code, "O\xe2\x80\xaeIL"); }
static void id_not_utf8(struct bp_shop *s) { strcpy(s->bay_types[1].id, "e\xffv"); }

/* The shop file reader's bounds, for shops from the store or a scenario. */
static void overtime_day(struct bp_shop *s) { s->info.overtime_minutes = 1441; }
static void lead_year(struct bp_shop *s) { s->info.lead_hours[BP_SUPPLY_RARE] = 24 * 365 + 1; }
static void cost_huge(struct bp_shop *s) { s->techs[0].overtime_cost_per_hour = 1e13; }
static void minutes_huge(struct bp_shop *s) { s->services[0].minutes[2] = 100001; }
static void job_minutes_huge(struct bp_shop *s) { s->jobs[1].minutes = 100001; }
static void line_qty_0(struct bp_shop *s) { s->services[0].parts[0].qty = 0; }
static void line_qty_huge(struct bp_shop *s)
{
	s->jobs[0].nparts = 1;
	s->jobs[0].parts[0] = (struct bp_part_line){0, 1000001};
}
static void unit_cost_huge(struct bp_shop *s) { s->parts[0].unit_cost = 2e12; }
static void excess_days_huge(struct bp_shop *s) { s->policy.excess_days = 100001; }
static void demand_huge(struct bp_shop *s) { s->demand[0].qty = 1000001; }

/* Dates past 2199-12-31: minutes since 1970 would overflow an int. */
static void job_far(struct bp_shop *s) { s->jobs[0].date = BP_DAY_MAX + 1; }
static void delivery_far(struct bp_shop *s) { s->parts[0].on_order[0].day = 2006000; }
static void demand_far(struct bp_shop *s) { s->demand[0].day = BP_DAY_MAX + 1; }
static void actual_far(struct bp_shop *s)
{
	struct bp_actual *a = bp_shop_add_actual(s);
	snprintf(a->job_id, sizeof a->job_id, "J9");
	a->service = a->technician = a->window = -1;
	a->date = BP_DAY_MAX;
	a->has_finished = 1;
	a->finished_day = BP_DAY_MAX + 1;
}

static const struct vcase cases[] = {
	{"duplicate bay", dup_bay, "bay B1", "id", "the id 'B1' is used twice (first by bay #1)"},
	{"duplicate technician", dup_tech, "technician T1", "id", "used twice"},
	{"duplicate service", dup_service, "service OIL", "code", "the code 'OIL' is used twice"},
	{"duplicate part", dup_part, "part P1", "sku", "the sku 'P1' is used twice"},
	{"duplicate job", dup_job, "job J1", "id", "(first by job #1)"},
	{"duplicate skill", dup_skill, "skill maintenance", "id", "used twice"},
	{"duplicate bay type", dup_bay_type, "bay type ev", "id", "used twice"},
	{"empty id", empty_tech_id, "technician #2", "id", "the id is empty"},
	{"technician level 4", tech_level_4, "technician T1", "skills",
	 "level 4 in maintenance is outside 1-3"},
	{"service level 0", service_level_0, "service OIL", "level", "level 0 is outside 1-3"},
	{"service level 4", service_level_4, "service OIL", "level", "level 4 is outside 1-3"},
	{"shift reversed", shift_reversed, "technician T1", "shift",
	 "shift 17:00-08:00 ends before it starts"},
	{"break reversed", break_reversed, "technician T1", "breaks",
	 "break 13:00-12:00 ends before it starts"},
	{"break outside shift", break_outside, "technician T1", "breaks",
	 "break 17:00-17:30 is outside the shift 08:00-17:00"},
	{"closed reversed", closed_reversed, "bay E1", "closed",
	 "closed period 13:00-12:00 ends before it starts"},
	{"closed past midnight", closed_past_day, "bay E1", "closed", "is outside the day"},
	{"window template reversed", template_reversed, "window #1", "window",
	 "window 11:00-09:00 ends before it starts"},
	{"job window empty", job_window_empty, "job J1", "window",
	 "window 09:00-09:00 ends when it starts"},
	{"job arrival outside day", job_arrival_bad, "job J2", "arrival", "not a time of day"},
	{"close not after open", close_before_open, "shop", "close",
	 "close 07:30 is not after open 07:30"},
	{"slot minutes", slot_20, "shop", "slot_minutes", "slot_minutes 20 is not 5, 10, 15 or 30"},
	{"no level can do it", no_level_can, "service OIL", "minutes",
	 "no level can do it: it gives no minutes for level 2 or above"},
	{"wash longer than handover", wash_over_handover, "service OIL", "wash_minutes",
	 "wash_minutes 10 is more than its handover_minutes 5"},
	{"waits and takes a loan car", loan_and_waiting, "job J1", "loan_car",
	 "a customer who waits on site takes no loan car"},
	{"negative loan cars", neg_loan_cars, "shop", "loan_cars", "loan_cars -1 is negative"},
	{"advisor day max", huge_day_max, "policy", "advisor_day_max",
	 "advisor_day_max 10001 is more than 10000"},
	{"negative on_hand", neg_on_hand, "part P1", "on_hand", "on_hand -1 is negative"},
	{"negative delivery", neg_on_order, "part P1", "on_order", "a delivery of -10 is negative"},
	{"negative unit cost", neg_unit_cost, "part P1", "unit_cost", "unit_cost -0.5 is negative"},
	{"pack 0", pack_0, "part P1", "pack", "pack 0 is less than 1"},
	{"negative min_order", neg_min_order, "part P1", "min_order", "negative"},
	{"part service level 1", part_level_1, "part P1", "service_level",
	 "service_level 1 is not between 0 and 1"},
	{"negative safety stock", neg_safety, "part P1", "safety_stock", "negative"},
	{"policy service level 0", policy_level_0, "policy", "service_level",
	 "service_level 0 is not between 0 and 1"},
	{"negative tier weight", neg_tier_weight, "policy", "tier_weight core",
	 "tier_weight core -1 is negative"},
	{"negative late weight", neg_late, "policy", "late_per_minute", "negative"},
	{"negative advisors", neg_advisors, "shop", "advisors", "advisors -1 is negative"},
	{"negative overtime", neg_overtime, "shop", "overtime_minutes", "negative"},
	{"negative cost", neg_cost, "technician T2", "cost_per_hour", "cost_per_hour -1 is negative"},
	{"negative service quantity", neg_service_qty, "service OIL", "parts",
	 "quantity -1 of P1 is not from 1 to 1000000"},
	{"negative job minutes", neg_job_minutes, "job J1", "minutes", "minutes -5 is negative"},
	{"dangling job service", dangling_job_service, "job J1", "service", "not in the shop"},
	{"dangling bay type", dangling_bay_type, "bay B1", "type", "is not a bay type"},
	{"dangling requested technician", dangling_job_tech, "job J2", "technician",
	 "not in the shop"},
	{"dangling job part", dangling_job_part, "job J2", "parts", "part #4 is not"},
	{"dangling service skill", dangling_service_skill, "service OIL", "skill", "skill (#2)"},
	{"promised outside day", promised_bad, "job J1", "promised", "not a time of day"},
	{"negative demand", neg_demand, "part demand row 1", "qty",
	 "quantity -3 is not from 0 to 1000000"},
	{"id ends with a space", id_trailing_space, "technician #2", "id",
	 "the id 'T2 ' ends with a space"},
	{"id starts with a space", id_leading_space, "job #2", "id",
	 "the id ' J2' starts with a space"},
	{"id ends with a no-break space", id_trailing_nbsp, "technician #2", "id",
	 "ends with a space"},
	{"id with a comma", id_comma, "job #2", "id", "the id 'J2,J3' holds a comma"},
	{"id with a zero-width space", id_zero_width, "part #1", "sku",
	 "the sku holds an invisible or control character (U+200B)"},
	{"id with a control character", id_control, "bay #1", "id", "(U+0007)"},
	{"id with a byte order mark", id_bom, "skill #2", "id", "(U+FEFF)"},
	{"id with a direction override", id_rtl_override, "service #1", "code", "(U+202E)"},
	{"id not UTF-8", id_not_utf8, "bay type #2", "id", "the id is not UTF-8 text"},
	{"overtime over a day", overtime_day, "shop", "overtime_minutes",
	 "overtime_minutes 1441 is more than 1440"},
	{"lead hours over a year", lead_year, "shop", "lead_hours",
	 "lead_hours for rare parts 8761 is not from 0 to 8760"},
	{"overtime cost over the bound", cost_huge, "technician T1", "overtime_cost_per_hour",
	 "is more than 1e+12"},
	{"service minutes over the bound", minutes_huge, "service OIL", "minutes",
	 "minutes for level 2 (100001) are more than 100000"},
	{"job minutes over the bound", job_minutes_huge, "job J2", "minutes",
	 "minutes 100001 is more than 100000"},
	{"service quantity 0", line_qty_0, "service OIL", "parts", "quantity 0 of P1 is not from 1"},
	{"job quantity over the bound", line_qty_huge, "job J1", "parts",
	 "quantity 1000001 of P1 is not from 1 to 1000000"},
	{"unit cost over the bound", unit_cost_huge, "part P1", "unit_cost", "is more than 1e+12"},
	{"excess days over the bound", excess_days_huge, "policy", "excess_days",
	 "excess_days 100001 is more than 100000"},
	{"demand over the bound", demand_huge, "part demand row 1", "qty",
	 "quantity 1000001 is not from 0 to 1000000"},
	{"job after 2199", job_far, "job J1", "date", "is not from 1970 to 2199"},
	{"delivery in 7462", delivery_far, "part P1", "on_order", "no valid date and time"},
	{"demand after 2199", demand_far, "part demand row 1", "date", "not from 1970 to 2199"},
	{"actual finished after 2199", actual_far, "actuals for job J9", "date",
	 "not from 1970 to 2199"},
};

#define NCASES ((int)(sizeof cases / sizeof cases[0]))

START_TEST(valid_shop_passes)
{
	struct bp_shop s;
	struct bp_err e;
	mini(&s);
	bp_err_clear(&e);
	int rc = bp_shop_validate(&s, NULL, &e);
	ck_assert_msg(rc == BP_OK, "valid shop refused: %s, %s: %s", e.record, e.field, e.msg);
	bp_shop_free(&s);
}
END_TEST

START_TEST(refusal)
{
	const struct vcase *c = &cases[_i];
	struct bp_shop s;
	struct bp_err e;
	mini(&s);
	c->mutate(&s);
	bp_err_clear(&e);
	int rc = bp_shop_validate(&s, NULL, &e);
	bp_shop_free(&s);
	ck_assert_msg(rc == BP_EDATA, "%s: status %d", c->name, rc);
	ck_assert_msg(!strcmp(e.record, c->record), "%s: record '%s', want '%s' (%s)", c->name,
		      e.record, c->record, e.msg);
	ck_assert_msg(!strcmp(e.field, c->field), "%s: field '%s', want '%s' (%s)", c->name,
		      e.field, c->field, e.msg);
	ck_assert_msg(strstr(e.msg, c->needle), "%s: message '%s' lacks '%s'", c->name, e.msg,
		      c->needle);
	ck_assert_msg(e.file[0] == '\0' && e.line == 0, "%s: a position %s:%d for a shop "
		      "built in code", c->name, e.file, e.line);
}
END_TEST

/* From a file, the message names the record itself after file:line:col;
 * without one, bp_err_format puts "record, field:" first. */
START_TEST(messages_name_the_record)
{
	struct bp_shop s;
	struct bp_err e;
	char buf[700];
	mini(&s);
	break_reversed(&s);
	bp_shop_validate(&s, NULL, &e);
	bp_err_format(&e, buf, sizeof buf);
	ck_assert_str_eq(buf, "technician T1, breaks: break 13:00-12:00 ends before it starts");
	s.techs[0].pos = (struct bp_pos){12, 5};
	bp_shop_validate(&s, "shop.yaml", &e);
	bp_err_format(&e, buf, sizeof buf);
	ck_assert_str_eq(buf, "shop.yaml:12:5: technician T1: break 13:00-12:00 ends before it "
			 "starts");
	ck_assert_str_eq(e.record, "technician T1");
	ck_assert_str_eq(e.field, "breaks");
	bp_shop_free(&s);

	mini(&s);
	s.jobs[0].pos = (struct bp_pos){40, 5};
	s.jobs[1].pos = (struct bp_pos){47, 5};
	strcpy(s.jobs[1].id, "J1");
	bp_shop_validate(&s, "shop.yaml", &e);
	ck_assert_int_eq(e.line, 47);
	ck_assert_msg(strstr(e.msg, "job J1: the id 'J1' is used twice (first at line 40)"), "%s",
		      e.msg);
	bp_shop_free(&s);
}
END_TEST

/* Spaces inside an id, and letters beyond ASCII, are fine. */
START_TEST(ids_inner_space_and_letters_pass)
{
	struct bp_shop s;
	struct bp_err e;
	mini(&s);
	strcpy(s.techs[1].id, "T 2");
	strcpy(s.bays[0].id, "\xc3\x89" "1");   /* É1 */
	strcpy(s.jobs[1].id, "RO-1002/b");
	int rc = bp_shop_validate(&s, NULL, &e);
	ck_assert_msg(rc == BP_OK, "refused: %s, %s: %s", e.record, e.field, e.msg);
	bp_shop_free(&s);
}
END_TEST

/* The repeat reported is the first one in file order, not in sort order. */
START_TEST(first_duplicate_in_order)
{
	struct bp_shop s;
	struct bp_err e;
	mini(&s);
	const char *ids[] = {"Z", "A", "Z", "A"};
	for (int i = 0; i < 4; i++) {
		struct bp_job *j = bp_shop_add_job(&s);
		*j = s.jobs[1];
		strcpy(j->id, ids[i]);
	}
	ck_assert_int_eq(bp_shop_validate(&s, NULL, &e), BP_EDATA);
	ck_assert_str_eq(e.record, "job Z");
	ck_assert_msg(strstr(e.msg, "first by job #3"), "%s", e.msg);
	bp_shop_free(&s);
}
END_TEST

Suite *bp_suite_validate(void)
{
	Suite *s = suite_create("validate");
	TCase *tc = tcase_create("rules");
	tcase_add_test(tc, valid_shop_passes);
	tcase_add_loop_test(tc, refusal, 0, NCASES);
	tcase_add_test(tc, messages_name_the_record);
	tcase_add_test(tc, first_duplicate_in_order);
	tcase_add_test(tc, ids_inner_space_and_letters_pass);
	suite_add_tcase(s, tc);
	return s;
}
