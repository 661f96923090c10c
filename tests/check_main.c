/*
 * check_main.c - one Check runner for every suite, so a run ends with a
 * single summary line. The suite list is generated from tests/test_*.c.
 */
#include <check.h>
#include <stdlib.h>

#define SUITE(name) Suite *bp_suite_##name(void);
#include "suites.h"
#undef SUITE

int main(void)
{
	SRunner *sr = srunner_create(NULL);
#define SUITE(name) srunner_add_suite(sr, bp_suite_##name());
#include "suites.h"
#undef SUITE
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
