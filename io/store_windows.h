/*
 * store_windows.h - the store's side of 'bayplan windows': appointment
 * windows (a contract table, doc/store.md) and the figures learned from
 * actuals. Writes go inside the caller's BEGIN IMMEDIATE transaction.
 */
#ifndef BP_STORE_WINDOWS_H
#define BP_STORE_WINDOWS_H

#include "io/store.h"
#include "model/learn.h"
#include "model/windows.h"

/* Replace every appointment_windows row dated from w->from to the last day
 * by w's cells (one row per day, window and class), tagged run_id. date is
 * YYYY-MM-DD, start and end YYYY-MM-DDTHH:MM. A reader never sees a mix:
 * the delete and the inserts commit together with the caller's run. */
int bp_store_save_windows(struct bp_store *st, long long run_id, const struct bp_shop *s,
			  const struct bp_windows *w, struct bp_err *err);

/* Replace learned_durations, learned_windows and learned_technicians by l's
 * figures (for the services, windows and technicians of s), tagged run_id. */
int bp_store_save_learned(struct bp_store *st, long long run_id, const struct bp_shop *s,
			  const struct bp_learned *l, struct bp_err *err);

#endif
