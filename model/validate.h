/*
 * validate.h - the rules a shop must meet before anything is planned.
 */
#ifndef BP_VALIDATE_H
#define BP_VALIDATE_H

#include "err.h"
#include "shop.h"

/* First problem found: BP_EDATA with a sentence, the record and field, and
 * the record's position (err->line/col) when it came from a file; `file`
 * names that file (may be NULL). Refuses: duplicate ids, dangling references,
 * levels outside 1-3, spans that end before they start or fall outside the
 * day, a job longer than every shift, negative quantities, a service no
 * level can do, slot_minutes not 5/10/15/30, close before open, ... */
int bp_shop_validate(const struct bp_shop *s, const char *file, struct bp_err *err);
/* Only the duplicate ids, in the same words. A reader runs it before it
 * resolves references, so a repeated id is reported as such and not as the
 * dangling reference that the renamed record leaves behind. */
int bp_shop_validate_ids(const struct bp_shop *s, const char *file, struct bp_err *err);

#endif
