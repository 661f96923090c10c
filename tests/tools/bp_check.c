/*
 * bp_check.c - bp-check: the independent plan checker run on a store, for
 * the end-to-end tests of day-to-day operation. It rebuilds the day as
 * `plan` saw it (the store's facts applied) and checks the latest stored
 * plan of the date against it.
 *
 *	bp-check STORE DATE [NOW]     exit 0 and "ok N jobs" when every rule
 *	                              holds, 1 and the broken rule when not
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/store.h"
#include "model/day.h"
#include "model/timeutil.h"
#include "tests/plancheck.h"

int main(int argc, char **argv)
{
	int date, now = -1;
	if (argc < 3 || argc > 4 || bp_date_parse(argv[2], &date) ||
	    (argc == 4 && bp_time_parse(argv[3], &now))) {
		fprintf(stderr, "usage: bp-check STORE YYYY-MM-DD [HH:MM]\n");
		return 64;
	}
	struct bp_store *st = NULL;
	struct bp_shop shop;
	struct bp_plan plan;
	struct bp_day day;
	struct bp_err err = {0};
	char why[600];
	unsigned char *fact = NULL;
	int rc = 1;
	bp_shop_init(&shop);
	bp_plan_init(&plan);
	memset(&day, 0, sizeof day);
	if (bp_store_open(argv[1], 0, &st, &err) || bp_store_load_shop(st, &shop, &err) ||
	    bp_day_prepare(&shop, date, now, &day, &err) ||
	    bp_store_load_plan(st, &shop, date, "schedule", &plan, NULL, &err)) {
		fprintf(stderr, "bp-check: %s\n", err.msg);
		goto out;
	}
	/* Cars that came before a re-plan's now were received then. */
	if (now > 0)
		plan.now = now;
	fact = calloc((size_t)shop.njobs + 1, 1);
	if (!fact)
		goto out;
	for (int j = 0; j < shop.njobs; j++)
		fact[j] = shop.jobs[j].status == BP_JOB_DONE ||
			  shop.jobs[j].status == BP_JOB_IN_PROGRESS;
	if (bp_plancheck_day(&shop, &plan, fact, why, sizeof why)) {
		printf("broken: %s\n", why);
		goto out;
	}
	printf("ok %d jobs placed, %d not\n", plan.nassign, plan.nunsched);
	rc = 0;
out:
	free(fact);
	bp_day_free(&day);
	bp_plan_free(&plan);
	bp_shop_free(&shop);
	bp_store_close(st);
	return rc;
}
