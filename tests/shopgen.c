/*
 * shopgen.c - random shops for property tests; deterministic per seed.
 */
#include "shopgen.h"

#include <stdio.h>
#include <string.h>

static unsigned long long next(unsigned long long *x)
{
	unsigned long long z = (*x += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static int pick(unsigned long long *x, int n)
{
	return (int)(next(x) % (unsigned long long)n);
}

int bp_shopgen_date(void)
{
	int d;
	bp_date_parse("2026-11-24", &d);
	return d;
}

static void service(struct bp_shop *s, const char *code, int skill, int level, int bay,
		    int m1, int m2, int m3, int part, int qty)
{
	struct bp_service *sv = bp_shop_add_service(s);
	snprintf(sv->code, sizeof sv->code, "%s", code);
	snprintf(sv->name, sizeof sv->name, "%s service", code);
	sv->skill = skill;
	sv->level = level;
	sv->bay_type = bay;
	sv->minutes[1] = m1;
	sv->minutes[2] = m2;
	sv->minutes[3] = m3;
	if (part >= 0) {
		sv->parts[0] = (struct bp_part_line){part, qty};
		sv->nparts = 1;
	}
}

static void part(struct bp_shop *s, const char *sku, int on_hand, enum bp_supply sup)
{
	struct bp_part *p = bp_shop_add_part(s);
	snprintf(p->sku, sizeof p->sku, "%s", sku);
	snprintf(p->name, sizeof p->name, "part %s", sku);
	p->on_hand = on_hand;
	p->supply = sup;
	p->unit_cost = 10;
	p->pack = 1;
	p->service_level = 0.95;
	p->safety_stock = -1;
}

void bp_shopgen_build(const struct bp_shopgen *g, int date, struct bp_shop *s)
{
	unsigned long long x = g->seed * 7919 + 17;
	bp_shop_init(s);
	snprintf(s->info.name, sizeof s->info.name, "Generated %llu", g->seed);
	s->nskills = 3;
	strcpy(s->skills[0].id, "maintenance");
	strcpy(s->skills[1].id, "brakes");
	strcpy(s->skills[2].id, "ev");
	s->nbay_types = 2;
	strcpy(s->bay_types[0].id, "general");
	s->bay_types[0].serves = 1u;
	strcpy(s->bay_types[1].id, "ev");
	s->bay_types[1].serves = 3u;
	int shorty = g->short_parts;
	part(s, "FLT", shorty ? 2 : 100, BP_SUPPLY_COMMON);
	part(s, "PAD", shorty ? 1 : 100, BP_SUPPLY_COMMON);
	part(s, "HVR", shorty ? 1 : 100, BP_SUPPLY_RARE);
	if (shorty) {
		s->parts[1].on_order[0] = (struct bp_delivery){2, date, 10 * 60};
		s->parts[1].non_order = 1;
		s->parts[2].on_order[0] = (struct bp_delivery){1, date, 13 * 60};
		s->parts[2].non_order = 1;
	}
	service(s, "OIL", 0, 1, 0, 45, 35, 30, 0, 1);
	service(s, "BRK", 1, 1, 0, 90, 75, 60, 1, 1);
	service(s, "EVC", 2, 2, 1, 0, 60, 45, -1, 0);
	service(s, "HYB", 2, 3, 1, 0, 0, 150, 2, 1);
	if (g->desk) {
		s->info.advisors = 1 + pick(&x, 2);
		s->info.advisor_checkins_per_hour = 2 + pick(&x, 5);
		s->policy.advisor_day_max = 8 + pick(&x, 8);
		s->info.loan_cars = 1 + pick(&x, 2);
		s->info.wash_bays = 1;
		for (int i = 0; i < s->nservices; i++) {
			s->services[i].handover_minutes = 10 + 5 * pick(&x, 3);
			s->services[i].wash_minutes = i % 2 ? 10 : 0;
		}
	} else {
		/* The desk never binds: the plans are about bays and people. */
		s->info.advisors = 50;
		s->info.advisor_checkins_per_hour = 60;
	}
	for (int i = 0; i < g->techs; i++) {
		struct bp_technician *t = bp_shop_add_tech(s);
		snprintf(t->id, sizeof t->id, "T%02d", i + 1);
		snprintf(t->name, sizeof t->name, "Tech %d", i + 1);
		int early = pick(&x, 2);
		t->shift = early ? (struct bp_span){480, 1020} : (struct bp_span){540, 1080};
		if (g->breaks) {
			t->breaks[0] = early ? (struct bp_span){720, 765} : (struct bp_span){780, 825};
			t->nbreaks = 1;
		}
		int role = pick(&x, 4);
		t->level[0] = (unsigned char)(1 + (role >= 2));
		t->level[1] = (unsigned char)(role == 0 ? 1 : 2);
		t->level[2] = (unsigned char)(role == 3 ? 3 : role == 2 ? 2 : 0);
		t->cost_per_hour = 30 + 5 * role;
		t->overtime_cost_per_hour = 1.5 * t->cost_per_hour;
	}
	for (int i = 0; i < g->bays; i++) {
		struct bp_bay *b = bp_shop_add_bay(s);
		snprintf(b->id, sizeof b->id, "B%02d", i + 1);
		b->type = i % 4 == 3 ? 1 : 0;
		if (g->closed && i % 3 == 1) {
			b->closed[0] = (struct bp_span){720, 780};
			b->nclosed = 1;
		}
	}
	static const struct bp_span windows[] = {{480, 540}, {540, 660}, {660, 780}, {840, 960}};
	for (int i = 0; i < g->jobs; i++) {
		struct bp_job *j = bp_shop_add_job(s);
		snprintf(j->id, sizeof j->id, "J%03d", i + 1);
		j->date = date;
		int r = pick(&x, 20);
		j->service = r < 9 ? 0 : r < 15 ? 1 : r < 19 ? 2 : 3;
		j->tier = (enum bp_tier)pick(&x, 3);
		if (pick(&x, 4)) {
			j->window = windows[pick(&x, 4)];
			j->has_window = 1;
		} else {
			int a = 450 + 15 * pick(&x, 30);
			j->window = (struct bp_span){a, a};
		}
		j->promised = j->window.end + 120 + 30 * pick(&x, 6);
		j->waiting = pick(&x, 3) == 0;
		if (g->requests && pick(&x, 8) == 0 && s->ntechs) {
			int t = pick(&x, s->ntechs);
			if (bp_job_minutes(s, j, &s->techs[t]))
				j->technician = t;
		}
		if (g->desk && !j->waiting && pick(&x, 4) == 0)
			j->loan_car = 1;
		if (g->desk && i == 0)
			j->minutes = 600 + 30 * pick(&x, 8); /* goes on tomorrow */
	}
}
