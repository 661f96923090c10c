/*
 * store_events.h - the events log (DESIGN contract): one row per change the
 * day-to-day commands make, written inside the command's own transaction so
 * that a refused or failed command leaves no row.
 */
#ifndef BP_STORE_EVENTS_H
#define BP_STORE_EVENTS_H

#include "io/store.h"

/* Kinds of record a change is about. */
#define BP_EV_JOB "job"
#define BP_EV_ROSTER "roster"
#define BP_EV_CLOSURE "closure"
#define BP_EV_PART "part"
#define BP_EV_ORDER "order"

/* One events row: at = the local time now, command as typed ("job add"),
 * kind one of BP_EV_*, record its id; before/after are JSON texts or NULL
 * (a record that did not exist before, or no longer exists after). Must be
 * inside bp_store_begin/commit. */
int bp_store_event(struct bp_store *st, const char *command, const char *kind,
		   const char *record, const char *before, const char *after,
		   struct bp_err *err);

/* The local time now as YYYY-MM-DDTHH:MM:SS (buf of at least 20 bytes). */
void bp_store_now(char *buf, size_t n);

#endif
