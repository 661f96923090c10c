/*
 * glp.h - GLPK plumbing shared by every model: GLPK must never take the
 * process down or write to the terminal. A guarded section catches
 * glp_error through glp_error_hook + longjmp and turns it into a bp_err;
 * GLPK's own output is swallowed and the last line kept for that message.
 *
 *	struct bp_glp_guard g;
 *	glp_prob *volatile lp = NULL;
 *	if (BP_GLP_FAILED(&g))
 *		return bp_glp_failure(&g, err);   // every GLPK object is gone
 *	lp = glp_create_prob(); ... solve ...
 *	glp_delete_prob(lp);
 *	bp_glp_end(&g);
 *
 * Locals changed between the guard and a failure must be volatile.
 */
#ifndef BP_GLP_H
#define BP_GLP_H

#include <setjmp.h>

#include "model/err.h"

struct bp_glp_guard {
	jmp_buf jb;
	char last[256];        /* last line GLPK tried to print */
	char prev[256];        /* the one before: glp_error prints its reason, then
				  "Error detected in file ..." */
	int armed;
};

/* Arm the hooks; called by BP_GLP_FAILED on the first pass. */
void bp_glp_begin(struct bp_glp_guard *g);
/* Disarm; GLPK objects must have been deleted by the caller. */
void bp_glp_end(struct bp_glp_guard *g);
/* After a caught failure: free GLPK's environment and fill err. */
int bp_glp_failure(struct bp_glp_guard *g, struct bp_err *err);

#define BP_GLP_FAILED(g) (setjmp((g)->jb) ? 1 : (bp_glp_begin(g), 0))

#endif
