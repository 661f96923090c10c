/*
 * windows_out.h - tuned appointment windows written for the service manager
 * (a grid per service class: capacity/booked per window and day) and for
 * programs (CSV rows, JSON with the learned figures).
 */
#ifndef BP_WINDOWS_OUT_H
#define BP_WINDOWS_OUT_H

#include <stdio.h>

#include "io/cli.h"
#include "model/learn.h"
#include "model/plan.h"
#include "model/windows.h"

/* Write windows w of shop s, stored as run `run`, in fmt (table, csv or
 * json); l: what was learned from the actuals; learned: whether learned
 * durations were used. */
void bp_windows_write(FILE *f, enum bp_format fmt, const struct bp_shop *s,
		      const struct bp_windows *w, const struct bp_learned *l,
		      const struct bp_run *run, int learned);

#endif
