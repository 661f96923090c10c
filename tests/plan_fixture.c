/*
 * plan_fixture.c - the fixture shop and plan described in plan_fixture.h.
 * Built by hand rather than solved, so writer tests do not depend on GLPK
 * and every awkward case (late, overtime, parts, odd ids) is there on purpose.
 */
#include "tests/plan_fixture.h"

#include <stdio.h>
#include <string.h>

static int tm(const char *hhmm)
{
	int m = -1;
	bp_time_parse(hhmm, &m);
	return m;
}

static int add_bay(struct bp_shop *s, const char *id, int type, const char *closed)
{
	struct bp_bay *b = bp_shop_add_bay(s);
	if (!b)
		return -1;
	snprintf(b->id, sizeof b->id, "%s", id);
	b->type = type;
	if (closed && bp_span_parse(closed, &b->closed[b->nclosed]) == 0)
		b->nclosed++;
	return 0;
}

/* levels: maintenance, brakes, ev, alignment */
static int add_tech(struct bp_shop *s, const char *id, const char *name, const char *shift,
		    const char *brk, const unsigned char lv[4])
{
	struct bp_technician *t = bp_shop_add_tech(s);
	if (!t)
		return -1;
	snprintf(t->id, sizeof t->id, "%s", id);
	snprintf(t->name, sizeof t->name, "%s", name);
	bp_span_parse(shift, &t->shift);
	if (brk && bp_span_parse(brk, &t->breaks[0]) == 0)
		t->nbreaks = 1;
	memcpy(t->level, lv, 4);
	t->cost_per_hour = 30;
	t->overtime_cost_per_hour = 48;
	return 0;
}

static int add_service(struct bp_shop *s, const char *code, const char *name, int skill,
		       int level, int bay_type, int m1, int m2, int m3)
{
	struct bp_service *v = bp_shop_add_service(s);
	if (!v)
		return -1;
	snprintf(v->code, sizeof v->code, "%s", code);
	snprintf(v->name, sizeof v->name, "%s", name);
	v->skill = skill;
	v->level = level;
	v->bay_type = bay_type;
	v->minutes[1] = m1;
	v->minutes[2] = m2;
	v->minutes[3] = m3;
	return 0;
}

static int add_job(struct bp_shop *s, const char *id, const char *date, const char *svc,
		   enum bp_tier tier, const char *arrive, const char *until,
		   const char *promised, int waiting)
{
	struct bp_job *j = bp_shop_add_job(s);
	if (!j)
		return -1;
	snprintf(j->id, sizeof j->id, "%s", id);
	bp_date_parse(date, &j->date);
	j->service = bp_shop_service(s, svc);
	j->tier = tier;
	j->window.start = tm(arrive);
	j->window.end = tm(until ? until : arrive);
	j->has_window = until != NULL;
	j->promised = promised ? tm(promised) : -1;
	j->waiting = waiting;
	j->technician = -1;
	return 0;
}

int bp_fixture_shop(struct bp_shop *s)
{
	static const unsigned char senior[4] = {3, 2, 3, 2}, mid[4] = {2, 2, 0, 2},
				   junior[4] = {1, 1, 0, 0};
	const char *d = BP_FIXTURE_DATE;
	int rc = 0;

	bp_shop_init(s);
	snprintf(s->info.name, sizeof s->info.name, "Riverside Motors & Sons");
	s->info.open = tm("07:30");
	s->info.close = tm("18:00");
	s->info.overtime_minutes = 60;
	const char *skills[] = {"maintenance", "brakes", "ev", "alignment"};
	for (int i = 0; i < 4; i++)
		snprintf(s->skills[i].id, BP_ID_LEN, "%s", skills[i]);
	s->nskills = 4;
	const char *types[] = {"general", "alignment", "ev"};
	for (int i = 0; i < 3; i++)
		snprintf(s->bay_types[i].id, BP_ID_LEN, "%s", types[i]);
	s->bay_types[0].serves = 1u;
	s->bay_types[1].serves = 1u | 2u;
	s->bay_types[2].serves = 1u | 4u;
	s->nbay_types = 3;

	rc |= add_bay(s, "B1", 0, NULL);
	rc |= add_bay(s, "B2", 0, NULL);
	rc |= add_bay(s, "A1", 1, NULL);
	rc |= add_bay(s, "E1", 2, "12:00-13:00");
	rc |= add_tech(s, "T1", "Wang Fang", "08:00-17:00", "12:00-12:45", senior);
	rc |= add_tech(s, "T2", "Li Lei", "07:30-16:30", "11:30-12:00", mid);
	rc |= add_tech(s, "T3", "Zhao Min", "09:00-18:00", "13:00-13:30", junior);
	rc |= add_tech(s, "T4", "O'Brien \"Idle\"", "08:00-17:00", NULL, junior);

	rc |= add_service(s, "OIL", "Oil and filter service", 0, 1, 0, 45, 35, 30);
	rc |= add_service(s, "BRK", "Brake pads, front axle", 1, 1, 0, 90, 75, 60);
	rc |= add_service(s, "ALN", "Wheel alignment", 3, 2, 1, 0, 60, 45);
	rc |= add_service(s, "EVB",
			  "EV battery health check \xe2\x80\x94 \xe7\x94\xb5\xe6\xb1\xa0\xe5\x81"
			  "\xa5\xe5\xba\xb7\xe6\xa3\x80\xe6\x9f\xa5 (insulation; coolant, HV)",
			  2, 2, 2, 0, 60, 45);
	rc |= add_service(s, "HYB", "Hybrid system fault \"HV\"", 2, 3, 2, 0, 0, 180);

	rc |= add_job(s, "RO-1001", d, "OIL", BP_TIER_CORE, "08:00", "09:00", "10:00", 1);
	rc |= add_job(s, "RO-1002", d, "BRK", BP_TIER_POTENTIAL, "08:00", NULL, "11:00", 0);
	rc |= add_job(s, "R<1&2>", d, "OIL", BP_TIER_BASIC, "09:00", NULL, "09:30", 0);
	rc |= add_job(s, "RO-1004", d, "ALN", BP_TIER_CORE, "09:00", "11:00", "12:00", 0);
	rc |= add_job(s, "RO-1005", d, "EVB", BP_TIER_POTENTIAL, "10:00", NULL, "12:00", 1);
	rc |= add_job(s, "RO-1006", d, "BRK", BP_TIER_BASIC, "13:00", NULL, "15:00", 0);
	rc |= add_job(s, "RO-1007", d, "OIL", BP_TIER_CORE, "16:00", NULL, "17:00", 0);
	rc |= add_job(s, "RO-1008", d, "HYB", BP_TIER_CORE, "08:00", NULL, "17:00", 1);
	rc |= add_job(s, "RO-1009", d, "ALN", BP_TIER_BASIC, "14:00", "16:00", NULL, 0);
	rc |= add_job(s, "RO-2001", "2026-11-25", "OIL", BP_TIER_CORE, "08:00", NULL, NULL, 0);
	return rc ? -1 : 0;
}

static int assign(const struct bp_shop *s, struct bp_plan *p, const char *job,
		  const char *tech, const char *bay, const char *start, const char *end,
		  const char *parts)
{
	struct bp_assignment a = {
		.job = bp_shop_job(s, job), .tech = bp_shop_tech(s, tech),
		.bay = bp_shop_bay(s, bay), .start = tm(start), .end = tm(end),
		.parts_ready = parts ? tm(parts) : -1, .checkin = -1, .carry_date = -1,
	};
	return bp_plan_add_assignment(p, &a);
}

int bp_fixture_plan(const struct bp_shop *s, struct bp_plan *p)
{
	int rc = 0, nd;
	bp_plan_init(p);
	bp_date_parse(BP_FIXTURE_DATE, &p->date);
	p->status = BP_RUN_OPTIMAL;
	p->objective = 22950.5;
	p->bound = 22960;
	p->gap = (p->bound - p->objective) / p->objective;
	p->solve_ms = 1234;
	rc |= assign(s, p, "RO-1001", "T2", "B1", "08:00", "08:35", NULL);
	rc |= assign(s, p, "RO-1002", "T1", "B2", "08:00", "09:15", NULL);
	rc |= assign(s, p, "R<1&2>", "T3", "B1", "09:00", "09:45", NULL);
	rc |= assign(s, p, "RO-1004", "T2", "A1", "09:00", "10:00", NULL);
	rc |= assign(s, p, "RO-1005", "T1", "E1", "10:15", "11:00", NULL);
	rc |= assign(s, p, "RO-1006", "T3", "B2", "13:30", "15:00", "13:30");
	rc |= assign(s, p, "RO-1007", "T1", "B1", "16:45", "17:15", NULL);
	bp_date_parse("2026-11-26", &nd);
	rc |= bp_plan_add_unscheduled(p, bp_shop_job(s, "RO-1008"), BP_REASON_PARTS, nd,
				      "needs HV-RELAY-7, a rare part: 48 h lead time");
	rc |= bp_plan_add_unscheduled(p, bp_shop_job(s, "RO-1009"), BP_REASON_CAPACITY, -1,
				      "the \"only\" alignment bay is full, all day;\n"
				      "next free\tslot: none\x01");
	bp_plan_kpis(s, p);
	return rc ? -1 : 0;
}
