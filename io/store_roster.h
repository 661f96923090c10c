/*
 * store_roster.h - the store's side of 'bayplan roster' and 'bayplan shop
 * close': dated roster changes (absences, shift changes) and closures
 * (holidays, shop or bay downtime). Writes go inside the caller's
 * BEGIN IMMEDIATE transaction; reading is bp_store_load_shop's.
 */
#ifndef BP_STORE_ROSTER_H
#define BP_STORE_ROSTER_H

#include "io/store.h"

/* Longest "HH:MM-HH:MM,..." text of BP_MAX_SPANS spans, with its NUL. */
#define BP_SPANS_TEXT (BP_MAX_SPANS * 12 + 1)

/* "08:00-09:00,12:00-12:45" ("" for none) into buf (BP_SPANS_TEXT bytes). */
void bp_spans_text(const struct bp_span *sp, int n, char *buf, size_t len);

/* The roster row id of technician tech_id's shift change on `date`, or 0
 * when there is none. */
int bp_store_roster_shift_id(struct bp_store *st, const char *tech_id, int date,
			     long long *id, struct bp_err *err);
/* Write roster change c of shop s: a new row when id is 0, else row id
 * rewritten. An absence for the whole day has NULL start and end. */
int bp_store_roster_put(struct bp_store *st, long long id, const struct bp_shop *s,
			const struct bp_roster_change *c, struct bp_err *err);

/* A new closures row for closure c of shop s (bay_id NULL for the whole
 * shop; start and end NULL for the whole day). */
int bp_store_closure_add(struct bp_store *st, const struct bp_shop *s,
			 const struct bp_closure *c, struct bp_err *err);

#endif
