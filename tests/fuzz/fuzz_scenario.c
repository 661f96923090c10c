/*
 * fuzz_scenario.c - the scenario reader; what it accepts is applied, column
 * by column, to two small base shops (bp_scenario_apply validates each
 * result), so the changes and the validator are fuzzed too.
 */
#include "tests/fuzz/fuzz.h"

#include <stdio.h>
#include <stdlib.h>

#include "io/yaml_scenario.h"
#include "model/scenario.h"

static void apply_all(const struct bp_scenario *sc, const struct bp_shop *base)
{
	int date = sc->date >= 0 ? sc->date : base->njobs ? base->jobs[0].date : 20416;
	for (int col = 0; col < bp_scenario_ncolumns(sc); col++) {
		struct bp_shop out;
		struct bp_sc_notes notes;
		struct bp_err err;
		bp_err_clear(&err);
		int rc = bp_scenario_apply(sc, col, base, date, &out, &notes, &err);
		/* A scenario may name ids the base lacks: refused, with a place. */
		bp_fuzz_check_refusal(rc, &err, "applying the scenario");
		bp_shop_free(&out);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bp_scenario sc;
	struct bp_err err;
	bp_err_clear(&err);
	bp_scenario_init(&sc);
	int rc = bp_scenario_parse((const char *)data, size, "fuzz.yaml", NULL, &sc, &err);
	bp_fuzz_check_refusal(rc, &err, "the scenario reader");
	if (!rc) {
		apply_all(&sc, bp_fuzz_base(0));
		apply_all(&sc, bp_fuzz_base(1));
	}
	bp_scenario_free(&sc);
	return 0;
}
