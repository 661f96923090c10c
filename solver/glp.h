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

#include <glpk.h>
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

/* GLPK's control parameters as every model sets them: the defaults, no
 * terminal output, the presolver GLP_ON or GLP_OFF (off where a basis or a
 * callback's columns must be ours). The caller adds the time limit and what
 * is particular to its model. */
void bp_glp_simplex_parm(glp_smcp *p, int presolve);
void bp_glp_intopt_parm(glp_iocp *p, int presolve);
/* Seconds of a time limit as GLPK's tm_lim (milliseconds): at least 1,
 * since 0 would stop at once and a negative one means no limit, and at
 * most 10^9 so that no int overflows. */
int bp_glp_tm_lim(double seconds);

#endif
