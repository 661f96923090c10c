/*
 * yaml_scenario.h - reading what-if scenario files (doc/scenario-file.md) with
 * the same strict YAML reader as shop files: file:line:col in
 * every error, unknown keys named with the ones allowed, no anchors/aliases.
 */
#ifndef BP_YAML_SCENARIO_H
#define BP_YAML_SCENARIO_H

#include <stddef.h>

#include "model/err.h"
#include "model/scenario.h"

#define BP_SC_LABEL_MAX 60	/* scenario and variant names, so "a / b" fits a runs row */

/* Read a scenario file into `sc` (bp_scenario_init'ed by the caller; free it
 * also on error). `base` is resolved against the scenario file's folder
 * into sc->base_path. Ids are checked against a shop only when applied
 * (bp_scenario_apply). Missing file: BP_ENOINPUT; bad content: BP_EDATA. */
int bp_scenario_read(const char *path, struct bp_scenario *sc, struct bp_err *err);
/* The same from a buffer; `name` is used in messages, `dir` resolves base
 * (NULL: base_path = base as written). */
int bp_scenario_parse(const char *buf, size_t len, const char *name, const char *dir,
		      struct bp_scenario *sc, struct bp_err *err);

#endif
