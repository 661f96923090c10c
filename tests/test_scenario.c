/*
 * test_scenario.c - what-if scenarios: the reader (refusals at the exact line
 * and column), every kind of change checked on the resulting shop, demand
 * scaling repeatable per seed, and two solver properties: removing everyone
 * with a skill makes those jobs no_skill; an extra bay never does worse.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "io/yaml_scenario.h"
#include "io/yaml_shop.h"
#include "model/scenario.h"
#include "shopgen.h"
#include "solver/sched.h"

Suite *bp_suite_scenario(void);

static int day_of(const char *d)
{
	int day = -1;
	bp_date_parse(d, &day);
	return day;
}

/* Read a scenario and its base; both must read. */
static void load(const char *path, struct bp_scenario *sc, struct bp_shop *base)
{
	struct bp_err e;
	char msg[1024];
	bp_scenario_init(sc);
	bp_shop_init(base);
	bp_err_clear(&e);
	int rc = bp_scenario_read(path, sc, &e);
	bp_err_format(&e, msg, sizeof msg);
	ck_assert_msg(rc == BP_OK, "%s: status %d (%s)", path, rc, msg);
	rc = bp_shopfile_read(sc->base_path, base, &e);
	bp_err_format(&e, msg, sizeof msg);
	ck_assert_msg(rc == BP_OK, "%s: base %s: status %d (%s)", path, sc->base_path, rc, msg);
}

/* Apply column col; it must apply. */
static void apply_ok(const struct bp_scenario *sc, int col, const struct bp_shop *base,
		     struct bp_shop *out, struct bp_sc_notes *notes)
{
	struct bp_err e;
	char msg[1024];
	bp_err_clear(&e);
	int rc = bp_scenario_apply(sc, col, base, sc->date, out, notes, &e);
	bp_err_format(&e, msg, sizeof msg);
	ck_assert_msg(rc == BP_OK, "%s column %d: status %d (%s)", sc->file, col, rc, msg);
}

static int has_note(const struct bp_sc_notes *n, const char *needle)
{
	for (int i = 0; i < n->n; i++)
		if (strstr(n->msg[i], needle))
			return 1;
	return 0;
}

static int jobs_on(const struct bp_shop *s, int date)
{
	int n = 0;
	for (int j = 0; j < s->njobs; j++)
		n += s->jobs[j].date == date;
	return n;
}

/* ---- the reader ---- */

START_TEST(reads_every_kind_of_change)
{
	struct bp_scenario sc;
	struct bp_shop base;
	load("data/scenario_all_changes.yaml", &sc, &base);
	ck_assert_str_eq(sc.name, "All changes");
	ck_assert_str_eq(sc.base_path, "data/scenario_shop.yaml");
	ck_assert_int_eq(sc.date, day_of("2026-11-24"));
	ck_assert_int_eq(sc.nvariants, 3);
	ck_assert_int_eq(bp_scenario_ncolumns(&sc), 4);
	ck_assert_str_eq(bp_scenario_column_name(&sc, 0), "base");
	ck_assert_str_eq(bp_scenario_column_name(&sc, 2), "busier");
	int kinds[BP_SC_KINDS] = {0};
	for (int i = 0; i < sc.changes.nops; i++)
		kinds[sc.changes.ops[i].kind]++;
	for (int k = 0; k < BP_SC_KINDS; k++)
		ck_assert_msg(kinds[k] == 1, "change kind %d read %d times, want 1", k, kinds[k]);
	ck_assert_int_eq(sc.changes.lead_hours[BP_SUPPLY_RARE], 72);
	ck_assert_int_eq(sc.changes.lead_hours[BP_SUPPLY_COMMON], 2);
	ck_assert_msg(sc.changes.policy_set == (1u << BP_SC_P_TIER_CORE | 1u << BP_SC_P_LATE |
						1u << BP_SC_P_SERVICE_LEVEL),
		      "policy keys read: %#x", sc.changes.policy_set);
	ck_assert(!sc.changes.has_demand);
	ck_assert(sc.variants[1].has_demand && sc.variants[1].seed == 11);
	ck_assert_double_eq_tol(sc.variants[1].scale, 1.5, 1e-12);
	bp_shop_free(&base);
	bp_scenario_free(&sc);
}
END_TEST

static void expect_read_fail(const char *path, int line, int col, const char *needle)
{
	struct bp_scenario sc;
	struct bp_err e;
	char msg[1024];
	bp_scenario_init(&sc);
	bp_err_clear(&e);
	int rc = bp_scenario_read(path, &sc, &e);
	bp_err_format(&e, msg, sizeof msg);
	bp_scenario_free(&sc);
	ck_assert_msg(rc == BP_EDATA, "%s: status %d, want 65 (%s)", path, rc, msg);
	ck_assert_msg(e.line == line && e.col == col, "%s: at %d:%d, want %d:%d (%s)", path,
		      e.line, e.col, line, col, msg);
	ck_assert_msg(!strcmp(e.file, path), "%s: file '%s' in the error", path, e.file);
	ck_assert_msg(strstr(e.msg, needle), "%s: '%s' lacks '%s'", path, e.msg, needle);
}

START_TEST(bad_key_refused_at_its_place)
{
	expect_read_fail("data/scenario_bad_key.yaml", 7, 5, "unknown key 'remov'");
	expect_read_fail("data/scenario_bad_key.yaml", 7, 5, "remove, add, modify");
}
END_TEST

START_TEST(bad_type_refused_at_its_place)
{
	expect_read_fail("data/scenario_bad_type.yaml", 9, 31, "'lots' is not a number");
}
END_TEST

static void expect_parse_fail(const char *text, int line, int col, const char *needle)
{
	struct bp_scenario sc;
	struct bp_err e;
	char msg[1024];
	bp_scenario_init(&sc);
	bp_err_clear(&e);
	int rc = bp_scenario_parse(text, strlen(text), "buf.yaml", NULL, &sc, &e);
	bp_err_format(&e, msg, sizeof msg);
	bp_scenario_free(&sc);
	ck_assert_msg(rc == BP_EDATA, "status %d, want 65 (%s) for:\n%s", rc, msg, text);
	ck_assert_msg(e.line == line && e.col == col, "at %d:%d, want %d:%d (%s)", e.line,
		      e.col, line, col, msg);
	ck_assert_msg(strstr(e.msg, needle), "'%s' lacks '%s'", e.msg, needle);
}

START_TEST(reader_refusals)
{
	expect_parse_fail("scenario: x\nchanges:\n  technicians: [T1]\n", 3, 16,
			  "must be a mapping");
	expect_parse_fail("scenario: x\nvariants:\n  - {name: a}\n  - {name: a}\n", 4, 12,
			  "used twice (first at line 3)");
	expect_parse_fail("scenario: x\nvariants:\n  - {name: base}\n", 3, 12, "'base' is taken");
	expect_parse_fail("scenario: x\nvariants:\n  - {bays: {remove: [B1]}}\n", 3, 5,
			  "has no 'name'");
	expect_parse_fail("scenario: &a x\n", 1, 11, "anchor");
	expect_parse_fail("date: \"2026-11-24\"\n", 1, 1, "no 'scenario'");
	expect_parse_fail("scenario: x\nchanges:\n  demand: {seed: 4}\n", 3, 11, "no 'scale'");
	expect_parse_fail("scenario: x\nchanges:\n  demand: {scale: 11}\n", 3, 19, "0 to 10");
	expect_parse_fail("scenario: x\nchanges:\n  technicians:\n    add: [{id: T9}]\n", 4, 11,
			  "has no 'shift'");
	expect_parse_fail("scenario: x\nchanges:\n  technicians:\n    modify: [{id: T1, "
			  "skills: {ev: 4}}]\n", 4, 36, "from 0 to 3");
	expect_parse_fail("scenario: x\nchanges:\n  policy: {service_level: 1}\n", 3, 27,
			  "between 0 and 1");
	expect_parse_fail("scenario: x\nchanges:\n  supply: {slow: {lead_hours: 1}}\n", 3, 12,
			  "unknown key 'slow'");
}
END_TEST

START_TEST(missing_file_is_no_input)
{
	struct bp_scenario sc;
	struct bp_err e;
	bp_scenario_init(&sc);
	int rc = bp_scenario_read("data/no_such_scenario.yaml", &sc, &e);
	bp_scenario_free(&sc);
	ck_assert_msg(rc == BP_ENOINPUT, "status %d, want 66", rc);
}
END_TEST

/* ---- applying ---- */

START_TEST(base_column_is_the_base)
{
	struct bp_scenario sc;
	struct bp_shop base, out;
	load("data/scenario_all_changes.yaml", &sc, &base);
	apply_ok(&sc, 0, &base, &out, NULL);
	ck_assert_int_eq(out.ntechs, base.ntechs);
	ck_assert_int_eq(out.nbays, base.nbays);
	ck_assert_int_eq(out.njobs, base.njobs);
	ck_assert_int_eq(out.info.lead_hours[BP_SUPPLY_RARE], 48);
	ck_assert_msg(out.techs[0].pos.line == 0, "base positions are cleared (line %d)",
		      out.techs[0].pos.line);
	bp_shop_free(&out);
	bp_shop_free(&base);
	bp_scenario_free(&sc);
}
END_TEST

START_TEST(technician_changes)
{
	struct bp_scenario sc;
	struct bp_shop base, s;
	struct bp_sc_notes notes;
	load("data/scenario_all_changes.yaml", &sc, &base);
	apply_ok(&sc, 1, &base, &s, &notes);
	int maint = bp_shop_skill(&s, "maintenance"), ev = bp_shop_skill(&s, "ev");
	/* remove: T1 gone, references re-mapped, T1's request dropped with a note */
	ck_assert_int_eq(s.ntechs, 3);
	ck_assert_int_eq(bp_shop_tech(&s, "T1"), -1);
	int t2 = bp_shop_tech(&s, "T2"), t3 = bp_shop_tech(&s, "T3"), t4 = bp_shop_tech(&s, "T4");
	ck_assert_msg(t2 == 0 && t3 == 1 && t4 == 2, "order T2 %d, T3 %d, T4 %d", t2, t3, t4);
	ck_assert_int_eq(s.jobs[bp_shop_job(&s, "J3")].technician, -1);
	ck_assert_msg(s.jobs[bp_shop_job(&s, "J4")].technician == t3,
		      "J4 asks for #%d, want T3 = #%d", s.jobs[bp_shop_job(&s, "J4")].technician,
		      t3);
	ck_assert_int_eq(s.jobs[bp_shop_job(&s, "J6")].technician, t3);
	ck_assert_msg(has_note(&notes, "job J3 asked for technician T1"), "notes: %d, first '%s'",
		      notes.n, notes.n ? notes.msg[0] : "");
	/* modify: shift replaced, skills merged, level 0 takes a skill away */
	ck_assert_int_eq(s.techs[t2].shift.start, 7 * 60 + 30);
	ck_assert_int_eq(s.techs[t2].shift.end, 16 * 60 + 30);
	ck_assert_int_eq(s.techs[t2].level[maint], 0);
	ck_assert_int_eq(s.techs[t2].level[ev], 3);
	ck_assert_str_eq(s.techs[t2].name, "Middle");
	ck_assert_int_eq(s.techs[t2].pos.line, 9);	/* the modify item */
	/* add: every field, overtime at time and a half */
	const struct bp_technician *n4 = &s.techs[t4];
	ck_assert_str_eq(n4->name, "New Hire");
	ck_assert_int_eq(n4->level[maint], 2);
	ck_assert_int_eq(n4->level[ev], 0);
	ck_assert_int_eq(n4->nbreaks, 1);
	ck_assert_int_eq(n4->breaks[0].start, 12 * 60 + 30);
	ck_assert_double_eq_tol(n4->cost_per_hour, 28, 1e-9);
	ck_assert_double_eq_tol(n4->overtime_cost_per_hour, 42, 1e-9);
	/* the base is left as it was */
	ck_assert_int_eq(base.ntechs, 3);
	ck_assert_int_eq(base.jobs[bp_shop_job(&base, "J3")].technician, 0);
	bp_shop_free(&s);
	bp_shop_free(&base);
	bp_scenario_free(&sc);
}
END_TEST

START_TEST(bay_service_part_supply_policy_changes)
{
	struct bp_scenario sc;
	struct bp_shop base, s;
	load("data/scenario_all_changes.yaml", &sc, &base);
	apply_ok(&sc, 1, &base, &s, NULL);
	/* bays */
	ck_assert_int_eq(s.nbays, 3);
	ck_assert_int_eq(bp_shop_bay(&s, "B1"), -1);
	const struct bp_bay *b2 = &s.bays[bp_shop_bay(&s, "B2")];
	ck_assert_int_eq(b2->nclosed, 1);
	ck_assert_int_eq(b2->closed[0].start, 15 * 60);
	int e2 = bp_shop_bay(&s, "E2");
	ck_assert_int_ge(e2, 0);
	ck_assert_int_eq(s.bays[e2].type, bp_shop_bay_type(&s, "ev"));
	ck_assert_int_eq(s.bays[e2].closed[0].end, 9 * 60);
	/* services: given levels change, others stay */
	const struct bp_service *oil = &s.services[bp_shop_service(&s, "OIL")];
	ck_assert_int_eq(oil->minutes[1], 50);
	ck_assert_int_eq(oil->minutes[2], 45);
	ck_assert_int_eq(oil->minutes[3], 0);
	/* parts: the part's own service level wins over the policy's */
	const struct bp_part *flt = &s.parts[bp_shop_part(&s, "FLT")];
	const struct bp_part *hvr = &s.parts[bp_shop_part(&s, "HVR")];
	ck_assert_int_eq(flt->on_hand, 3);
	ck_assert_int_eq(flt->supply, BP_SUPPLY_RARE);
	ck_assert_double_eq_tol(flt->service_level, 0.99, 1e-12);
	ck_assert_double_eq_tol(hvr->service_level, 0.98, 1e-12);
	/* supply lead hours and policy weights */
	ck_assert_int_eq(s.info.lead_hours[BP_SUPPLY_RARE], 72);
	ck_assert_int_eq(s.info.lead_hours[BP_SUPPLY_COMMON], 2);
	ck_assert_double_eq_tol(s.policy.tier_weight[BP_TIER_CORE], 5, 1e-12);
	ck_assert_double_eq_tol(s.policy.tier_weight[BP_TIER_BASIC], 1, 1e-12);
	ck_assert_double_eq_tol(s.policy.late_per_minute, 4, 1e-12);
	ck_assert_double_eq_tol(s.policy.service_level, 0.98, 1e-12);
	bp_shop_free(&s);
	bp_shop_free(&base);
	bp_scenario_free(&sc);
}
END_TEST

START_TEST(variants_apply_on_top_of_changes)
{
	struct bp_scenario sc;
	struct bp_shop base, busy, quiet;
	struct bp_sc_notes notes;
	int date = day_of("2026-11-24");
	load("data/scenario_all_changes.yaml", &sc, &base);
	apply_ok(&sc, 2, &base, &busy, &notes);
	ck_assert_int_eq(jobs_on(&busy, date), 12);
	ck_assert_int_eq(busy.ntechs, 3);	/* the shared changes are there too */
	ck_assert_int_eq(bp_shop_bay(&busy, "B1"), -1);
	ck_assert_msg(has_note(&notes, "4 bookings added"), "notes: %d", notes.n);
	apply_ok(&sc, 3, &base, &quiet, &notes);
	ck_assert_int_eq(jobs_on(&quiet, date), 4);
	ck_assert_int_eq(jobs_on(&quiet, date + 1), 1);	/* other days untouched */
	/* the variant's policy comes after the shared part change */
	ck_assert_double_eq_tol(quiet.parts[bp_shop_part(&quiet, "FLT")].service_level, 0.9,
				1e-12);
	bp_shop_free(&busy);
	bp_shop_free(&quiet);
	bp_shop_free(&base);
	bp_scenario_free(&sc);
}
END_TEST

START_TEST(unknown_technician_refused_at_its_place)
{
	struct bp_scenario sc;
	struct bp_shop base, out;
	struct bp_err e;
	char msg[1024];
	load("data/scenario_unknown_tech.yaml", &sc, &base);
	bp_err_clear(&e);
	int rc = bp_scenario_apply(&sc, 1, &base, sc.date, &out, NULL, &e);
	bp_err_format(&e, msg, sizeof msg);
	ck_assert_msg(rc == BP_EDATA, "status %d (%s)", rc, msg);
	ck_assert_msg(e.line == 7 && e.col == 18, "at %d:%d, want 7:18 (%s)", e.line, e.col, msg);
	ck_assert_str_eq(e.file, "data/scenario_unknown_tech.yaml");
	ck_assert_msg(strstr(e.msg, "no technician 'T9'"), "message: %s", e.msg);
	bp_shop_free(&out);
	bp_shop_free(&base);
	bp_scenario_free(&sc);
}
END_TEST

START_TEST(every_variant_is_validated)
{
	struct bp_scenario sc;
	struct bp_shop base, out;
	struct bp_err e;
	char msg[1024];
	load("data/scenario_bad_variant.yaml", &sc, &base);
	apply_ok(&sc, 1, &base, &out, NULL);
	bp_shop_free(&out);
	bp_err_clear(&e);
	int rc = bp_scenario_apply(&sc, 2, &base, sc.date, &out, NULL, &e);
	bp_err_format(&e, msg, sizeof msg);
	ck_assert_msg(rc == BP_EDATA, "status %d (%s)", rc, msg);
	ck_assert_msg(e.line == 11 && e.col == 16, "at %d:%d, want 11:16 (%s)", e.line, e.col,
		      msg);
	ck_assert_msg(strstr(e.msg, "variant 'broken'") && strstr(e.msg, "outside the shift"),
		      "message: %s", e.msg);
	bp_shop_free(&out);
	bp_shop_free(&base);
	bp_scenario_free(&sc);
}
END_TEST

START_TEST(shipped_examples_apply_to_the_demo)
{
	static const char *files[] = {"ev_senior_leaves", "alignment_rig", "bookings_plus_20",
		"rare_supplier_72h", "service_level_98", "sweep"};
	for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
		char path[128];
		struct bp_scenario sc;
		struct bp_shop base, out;
		snprintf(path, sizeof path, "../scenarios/%s.yaml", files[f]);
		load(path, &sc, &base);
		ck_assert_msg(sc.date == day_of("2026-11-24"), "%s: date %d", path, sc.date);
		for (int c = 0; c < bp_scenario_ncolumns(&sc); c++) {
			apply_ok(&sc, c, &base, &out, NULL);
			bp_shop_free(&out);
		}
		bp_shop_free(&base);
		bp_scenario_free(&sc);
	}
}
END_TEST

/* ---- demand ---- */

static void scaled(const char *path, double scale, unsigned long long seed, struct bp_shop *s)
{
	struct bp_err e;
	struct bp_shop base;
	bp_shop_init(&base);
	ck_assert_int_eq(bp_shopfile_read(path, &base, &e), BP_OK);
	ck_assert_int_eq(bp_shop_copy(s, &base), 0);
	bp_shop_free(&base);
	int rc = bp_scenario_scale_demand(s, day_of("2026-11-24"), scale, seed, NULL, &e);
	ck_assert_int_eq(rc, BP_OK);
}

static int same_jobs(const struct bp_shop *a, const struct bp_shop *b)
{
	if (a->njobs != b->njobs)
		return 0;
	for (int j = 0; j < a->njobs; j++) {
		const struct bp_job *x = &a->jobs[j], *y = &b->jobs[j];
		if (strcmp(x->id, y->id) || x->service != y->service || x->tier != y->tier ||
		    x->window.start != y->window.start || x->window.end != y->window.end ||
		    x->date != y->date)
			return 0;
	}
	return 1;
}

START_TEST(demand_scale_repeatable_per_seed)
{
	struct bp_shop a, b, c;
	scaled("data/scenario_shop.yaml", 3.0, 7, &a);
	scaled("data/scenario_shop.yaml", 3.0, 7, &b);
	scaled("data/scenario_shop.yaml", 3.0, 8, &c);
	ck_assert_int_eq(jobs_on(&a, day_of("2026-11-24")), 24);
	ck_assert_msg(same_jobs(&a, &b), "seed 7 twice gave different bookings");
	ck_assert_msg(!same_jobs(&a, &c), "seeds 7 and 8 gave the same bookings");
	/* Every added booking copies one of the day's own. */
	for (int j = 9; j < a.njobs; j++) {
		const struct bp_job *x = &a.jobs[j];
		int found = 0;
		for (int k = 0; k < 8 && !found; k++) {
			const struct bp_job *t = &a.jobs[k];
			found = t->service == x->service && t->tier == x->tier &&
				t->window.start == x->window.start && t->waiting == x->waiting &&
				t->promised == x->promised;
		}
		ck_assert_msg(found, "added %s matches no booking of the day", x->id);
		ck_assert_msg(!strncmp(x->id, "WI-", 3) && x->technician == -1 && !x->minutes &&
			      !x->nparts, "added %s: technician %d, minutes %d, parts %d", x->id,
			      x->technician, x->minutes, x->nparts);
	}
	bp_shop_free(&a);
	bp_shop_free(&b);
	bp_shop_free(&c);
}
END_TEST

START_TEST(demand_drop_repeatable_per_seed)
{
	struct bp_shop a, b, c, d;
	int date = day_of("2026-11-24");
	scaled("data/scenario_shop.yaml", 0.5, 3, &a);
	scaled("data/scenario_shop.yaml", 0.5, 3, &b);
	scaled("data/scenario_shop.yaml", 0.5, 4, &c);
	scaled("data/scenario_shop.yaml", 1.0, 3, &d);
	ck_assert_int_eq(jobs_on(&a, date), 4);
	ck_assert_int_eq(jobs_on(&a, date + 1), 1);
	ck_assert_msg(same_jobs(&a, &b), "seed 3 twice dropped different bookings");
	ck_assert_msg(!same_jobs(&a, &c), "seeds 3 and 4 dropped the same bookings");
	ck_assert_int_eq(d.njobs, 9);
	bp_shop_free(&a);
	bp_shop_free(&b);
	bp_shop_free(&c);
	bp_shop_free(&d);
}
END_TEST

START_TEST(splitmix64_reference_values)
{
	/* The published first outputs for seed 0, so the sequence (and every
	 * scenario's draw) stays the same across versions. */
	unsigned long long x = 0;
	ck_assert(bp_splitmix64(&x) == 0xE220A8397B1DCDAFull);
	ck_assert(bp_splitmix64(&x) == 0x6E789E6AA1B965F4ull);
}
END_TEST

/* ---- solving ---- */

static void solve(const struct bp_shop *s, int date, double limit, struct bp_plan *p)
{
	struct bp_sched_opts o;
	struct bp_sched_stats st;
	struct bp_err e;
	bp_sched_opts_init(&o);
	o.time_limit = limit;
	o.gap = 0;
	bp_plan_init(p);
	int rc = bp_sched_solve(s, date, &o, p, &st, &e);
	ck_assert_msg(rc == BP_OK, "solve: %d (%s)", rc, e.msg);
}

START_TEST(removing_every_ev_technician_makes_no_skill)
{
	struct bp_scenario sc;
	struct bp_shop base, s;
	struct bp_plan p;
	struct bp_sc_notes notes;
	load("data/scenario_no_ev.yaml", &sc, &base);
	apply_ok(&sc, 1, &base, &s, &notes);
	ck_assert_msg(has_note(&notes, "J4") && has_note(&notes, "J6"), "notes %d", notes.n);
	solve(&s, sc.date, 10, &p);
	ck_assert_int_eq(p.kpi.unscheduled_by_reason[BP_REASON_NO_SKILL], 3);
	for (int u = 0; u < p.nunsched; u++) {
		const char *id = s.jobs[p.unsched[u].job].id;
		int ev = !strcmp(id, "J4") || !strcmp(id, "J5") || !strcmp(id, "J6");
		ck_assert_msg(!ev || p.unsched[u].reason == BP_REASON_NO_SKILL,
			      "%s left out for %s", id, bp_reason_name(p.unsched[u].reason));
	}
	bp_plan_free(&p);
	bp_shop_free(&s);
	bp_shop_free(&base);
	bp_scenario_free(&sc);
}
END_TEST

/* A day whose bottleneck is the bays: two general bays, six technicians
 * with one skill, more bookings (60-180 minutes, random windows and tiers)
 * than two bays can take; deterministic per seed. */
static void bay_bound_shop(unsigned long long seed, int date, struct bp_shop *s)
{
	bp_shop_init(s);
	snprintf(s->info.name, sizeof s->info.name, "bay bound %llu", seed);
	s->info.open = 8 * 60;
	s->info.close = 17 * 60;
	s->info.overtime_minutes = 0;
	/* The desk receives every car at once: the bays are the bottleneck. */
	s->info.advisors = 12;
	s->info.advisor_checkins_per_hour = 60;
	s->nskills = 1;
	strcpy(s->skills[0].id, "maintenance");
	s->nbay_types = 1;
	strcpy(s->bay_types[0].id, "general");
	s->bay_types[0].serves = 1u;
	for (int i = 0; i < 2; i++) {
		struct bp_bay *b = bp_shop_add_bay(s);
		snprintf(b->id, sizeof b->id, "B%d", i + 1);
	}
	for (int i = 0; i < 6; i++) {
		struct bp_technician *t = bp_shop_add_tech(s);
		snprintf(t->id, sizeof t->id, "T%d", i + 1);
		t->shift = (struct bp_span){8 * 60, 17 * 60};
		t->level[0] = 2;
		t->cost_per_hour = 30;
		t->overtime_cost_per_hour = 45;
	}
	for (int i = 0; i < 3; i++) {
		struct bp_service *sv = bp_shop_add_service(s);
		snprintf(sv->code, sizeof sv->code, "S%d", i + 1);
		sv->level = 1;
		sv->minutes[1] = sv->minutes[2] = sv->minutes[3] = 60 * (i + 1);
	}
	unsigned long long x = seed;
	for (int i = 0; i < 12; i++) {
		struct bp_job *j = bp_shop_add_job(s);
		snprintf(j->id, sizeof j->id, "J%02d", i + 1);
		j->date = date;
		j->service = (int)(bp_splitmix64(&x) % 3);
		j->tier = (enum bp_tier)(bp_splitmix64(&x) % 3);
		int start = 8 * 60 + 60 * (int)(bp_splitmix64(&x) % 5);
		j->window = (struct bp_span){start, start + 60};
		j->has_window = 1;
	}
}

/* Solved to optimality: one more bay only adds options, so weighted jobs
 * done (and the objective) never get worse; on these days they get better. */
START_TEST(extra_bay_never_worse)
{
	unsigned long long seed = 1000 + (unsigned long long)_i;
	int date = bp_shopgen_date();
	struct bp_shop base, more;
	struct bp_plan pb, pm;
	struct bp_scenario sc;
	struct bp_err e;
	bay_bound_shop(seed, date, &base);
	bp_scenario_init(&sc);
	snprintf(sc.name, sizeof sc.name, "extra bay");
	struct bp_sc_changes *v = bp_scenario_add_variant(&sc);
	ck_assert_ptr_nonnull(v);
	snprintf(v->name, sizeof v->name, "+1 general bay");
	struct bp_sc_op *op = bp_sc_add_op(v, BP_SC_BAY_ADD);
	ck_assert_ptr_nonnull(op);
	snprintf(op->id, sizeof op->id, "X1");
	snprintf(op->bay_type, sizeof op->bay_type, "general");
	op->set = BP_SC_F_TYPE;
	ck_assert_int_eq(bp_scenario_apply(&sc, 1, &base, date, &more, NULL, &e), BP_OK);
	ck_assert_int_eq(more.nbays, base.nbays + 1);
	solve(&base, date, 30, &pb);
	solve(&more, date, 30, &pm);
	ck_assert_msg(pb.status == BP_RUN_OPTIMAL && pm.status == BP_RUN_OPTIMAL,
		      "seed %llu: statuses %s and %s (gaps %g, %g): not exact", seed,
		      bp_run_status_name(pb.status), bp_run_status_name(pm.status), pb.gap,
		      pm.gap);
	ck_assert_msg(pm.kpi.weighted_done >= pb.kpi.weighted_done - 1e-9,
		      "seed %llu: weighted done %g with the extra bay, %g without", seed,
		      pm.kpi.weighted_done, pb.kpi.weighted_done);
	ck_assert_msg(pm.objective >= pb.objective - 1e-6 * (1 + pb.objective),
		      "seed %llu: objective %g with the extra bay, %g without", seed,
		      pm.objective, pb.objective);
	ck_assert_msg(pb.kpi.done < pb.kpi.jobs && pm.kpi.weighted_done > pb.kpi.weighted_done,
		      "seed %llu: the day is not bay bound (%d of %d done; %g -> %g weighted)",
		      seed, pb.kpi.done, pb.kpi.jobs, pb.kpi.weighted_done, pm.kpi.weighted_done);
	bp_plan_free(&pb);
	bp_plan_free(&pm);
	bp_shop_free(&more);
	bp_shop_free(&base);
	bp_scenario_free(&sc);
}
END_TEST

Suite *bp_suite_scenario(void)
{
	Suite *s = suite_create("scenario");
	TCase *rd = tcase_create("reader");
	tcase_add_test(rd, reads_every_kind_of_change);
	tcase_add_test(rd, bad_key_refused_at_its_place);
	tcase_add_test(rd, bad_type_refused_at_its_place);
	tcase_add_test(rd, reader_refusals);
	tcase_add_test(rd, missing_file_is_no_input);
	suite_add_tcase(s, rd);
	TCase *ap = tcase_create("apply");
	tcase_set_timeout(ap, 60);
	tcase_add_test(ap, base_column_is_the_base);
	tcase_add_test(ap, technician_changes);
	tcase_add_test(ap, bay_service_part_supply_policy_changes);
	tcase_add_test(ap, variants_apply_on_top_of_changes);
	tcase_add_test(ap, unknown_technician_refused_at_its_place);
	tcase_add_test(ap, every_variant_is_validated);
	tcase_add_test(ap, shipped_examples_apply_to_the_demo);
	suite_add_tcase(s, ap);
	TCase *dm = tcase_create("demand");
	tcase_add_test(dm, demand_scale_repeatable_per_seed);
	tcase_add_test(dm, demand_drop_repeatable_per_seed);
	tcase_add_test(dm, splitmix64_reference_values);
	suite_add_tcase(s, dm);
	TCase *sv = tcase_create("solve");
	tcase_set_timeout(sv, 240);
	tcase_add_test(sv, removing_every_ev_technician_makes_no_skill);
	tcase_add_loop_test(sv, extra_bay_never_worse, 0, 3);
	suite_add_tcase(s, sv);
	return s;
}
