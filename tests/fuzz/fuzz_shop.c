/*
 * fuzz_shop.c - the shop-file reader and the validator behind it
 * (bp_shopfile_parse validates what it read). No history files are read:
 * the CSV readers have their own targets.
 */
#include "tests/fuzz/fuzz.h"

#include "io/yaml_shop.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bp_shop s;
	struct bp_err err;
	bp_err_clear(&err);
	bp_shop_init(&s);
	int rc = bp_shopfile_parse((const char *)data, size, "fuzz.yaml", NULL, &s, &err);
	bp_fuzz_check_refusal(rc, &err, "the shop reader");
	bp_shop_free(&s);
	return 0;
}
