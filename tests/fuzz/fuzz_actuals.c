/*
 * fuzz_actuals.c - the actuals CSV reader, into a copy of a small shop,
 * then the validator and the learning from actuals (model/learn.c), which
 * does arithmetic on every time the file gives.
 */
#include "tests/fuzz/fuzz.h"

#include <stdlib.h>

#include "io/csv_history.h"
#include "model/learn.h"
#include "model/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bp_shop s;
	struct bp_err err;
	bp_err_clear(&err);
	bp_shop_init(&s);
	if (bp_shop_copy(&s, bp_fuzz_base(0)))
		abort();
	int rc = bp_csv_parse_actuals((const char *)data, size, "fuzz.csv", &s, &err);
	bp_fuzz_check_refusal(rc, &err, "the actuals reader");
	if (!rc) {
		rc = bp_shop_validate(&s, "fuzz.yaml", &err);
		bp_fuzz_check_refusal(rc, &err, "the validator");
	}
	if (!rc) {
		struct bp_learned l;
		if (bp_learn(&s, NULL, &l, &err))
			abort();	/* only out of memory may fail */
		bp_learned_free(&l);
	}
	bp_shop_free(&s);
	return 0;
}
