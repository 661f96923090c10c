/*
 * calendars.h - a stored plan as calendars: the stamp and sequence numbers
 * from the store, and one file per technician in a folder. Shared by
 * `plan` and `show`.
 */
#ifndef BP_CALENDARS_H
#define BP_CALENDARS_H

#include "io/cli.h"
#include "io/plan_out.h"
#include "io/store.h"

/* o->stamp from run->created_at (local time, as the store keeps it) in UTC,
 * and *moves (malloc'ed, one per job of s; free it) from the store's runs
 * of p's date up to run->id. */
int bp_calendar_opts(struct bp_store *st, const struct bp_shop *s, const struct bp_plan *p,
		     const struct bp_run *run, struct bp_ics_opts *o, int **moves,
		     struct bp_err *err);

/* DIR/ID.ics for every technician of `all` (only `only`, an index in s,
 * when >= 0), each one VCALENDAR; those without work in p (or not in s,
 * the day's view) get an empty one, so their phone drops what an earlier
 * plan put there. Each file is written beside and renamed. */
int bp_write_calendars(struct bp_ctx *ctx, const char *dir, const struct bp_shop *all,
		       const struct bp_shop *s, const struct bp_plan *p, int only,
		       const struct bp_ics_opts *o);

#endif
