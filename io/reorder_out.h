/*
 * reorder_out.h - a reorder list written for the parts desk and for
 * programs: an aligned table, CSV rows, and JSON with each part's demand
 * class, forecast and safety stock.
 */
#ifndef BP_REORDER_OUT_H
#define BP_REORDER_OUT_H

#include <stdio.h>

#include "io/cli.h"
#include "model/plan.h"
#include "model/reorder.h"

/* Write list r of shop s, stored as run `run`, in fmt (table, csv or json);
 * plan_run is the schedule run that timed the jobs' needs (0: none). */
void bp_reorder_write(FILE *f, enum bp_format fmt, const struct bp_shop *s,
		      const struct bp_reorder *r, const struct bp_run *run, long long plan_run);

#endif
