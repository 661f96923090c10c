/*
 * validate.h - the rules a shop must meet before anything is planned.
 */
#ifndef BP_VALIDATE_H
#define BP_VALIDATE_H

#include "err.h"
#include "shop.h"

/* The bounds the shop file's reader (io/yaml_shop.c) puts on numbers; the
 * validator holds shops from anywhere else (the store, a scenario) to the
 * same ones. */
#define BP_MAX_AMOUNT 1e12        /* money and weights: beyond it is a typo */
#define BP_MAX_WORK_MINUTES 100000
#define BP_MAX_LINE_QTY 1000000   /* a parts line, a day's demand for a part */
#define BP_MAX_LEAD_HOURS (24 * 365)
#define BP_MAX_EXCESS_DAYS 100000

/* First problem found: BP_EDATA with a sentence, the record and field, and
 * the record's position (err->line/col) when it came from a file; `file`
 * names that file (may be NULL). Refuses: duplicate ids, dangling references,
 * levels outside 1-3, spans that end before they start or fall outside the
 * day, negative quantities, numbers past the
 * bounds above, dates past 2199-12-31, a service no level can do,
 * slot_minutes not 5/10/15/30, close before open, ids that are empty, start
 * or end with a space, or hold a comma, a control or an invisible
 * character, ... */
int bp_shop_validate(const struct bp_shop *s, const char *file, struct bp_err *err);
/* Only the ids (empty, badly formed, repeated), in the same words. A reader runs it before it
 * resolves references, so a repeated id is reported as such and not as the
 * dangling reference that the renamed record leaves behind. */
int bp_shop_validate_ids(const struct bp_shop *s, const char *file, struct bp_err *err);

#endif
