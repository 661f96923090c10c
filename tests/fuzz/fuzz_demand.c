/*
 * fuzz_demand.c - the part-demand CSV reader, into a copy of a small shop,
 * then the validator on the result.
 */
#include "tests/fuzz/fuzz.h"

#include <stdlib.h>

#include "io/csv_history.h"
#include "model/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bp_shop s;
	struct bp_err err;
	bp_err_clear(&err);
	bp_shop_init(&s);
	if (bp_shop_copy(&s, bp_fuzz_base(0)))
		abort();
	int rc = bp_csv_parse_demand((const char *)data, size, "fuzz.csv", &s, &err);
	bp_fuzz_check_refusal(rc, &err, "the demand reader");
	if (!rc) {
		rc = bp_shop_validate(&s, "fuzz.yaml", &err);
		bp_fuzz_check_refusal(rc, &err, "the validator");
	}
	bp_shop_free(&s);
	return 0;
}
