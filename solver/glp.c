/*
 * glp.c - GLPK error and terminal hooks (see glp.h for the pattern).
 */
#include "glp.h"

#include <glpk.h>
#include <stdio.h>
#include <string.h>

static struct bp_glp_guard *active;

static void on_error(void *info)
{
	struct bp_glp_guard *g = info;
	/* GLPK's state is undefined after glp_error; leave through the guard. */
	longjmp(g->jb, 1);
}

static int on_term(void *info, const char *s)
{
	struct bp_glp_guard *g = info;
	size_t n = strlen(s);
	if (n > 1 || (n == 1 && s[0] != '\n')) {
		memcpy(g->prev, g->last, sizeof g->prev);
		snprintf(g->last, sizeof g->last, "%s", s);
		size_t k = strlen(g->last);
		while (k && (g->last[k - 1] == '\n' || g->last[k - 1] == ' '))
			g->last[--k] = 0;
	}
	return 1; /* never print */
}

void bp_glp_begin(struct bp_glp_guard *g)
{
	g->last[0] = 0;
	g->prev[0] = 0;
	g->armed = 1;
	active = g;
	glp_term_hook(on_term, g);
	glp_error_hook(on_error, g);
}

void bp_glp_end(struct bp_glp_guard *g)
{
	if (!g->armed)
		return;
	glp_error_hook(NULL, NULL);
	glp_term_hook(NULL, NULL);
	g->armed = 0;
	active = NULL;
}

int bp_glp_failure(struct bp_glp_guard *g, struct bp_err *err)
{
	char last[256], why[256];
	snprintf(last, sizeof last, "%s", g->last);
	snprintf(why, sizeof why, "%s", g->prev);
	g->armed = 0;
	active = NULL;
	/* Frees every GLPK object, as the GLPK manual requires after an error. */
	glp_free_env();
	/* The reason is the line before GLPK's "Error detected in file ..."
	 * (which only names its own source line); keep both. */
	if (strncmp(last, "Error detected", 14) == 0 && why[0])
		return bp_err_set(err, BP_EINTERNAL, "the GLPK solver failed: %s (%s)", why, last);
	return bp_err_set(err, BP_EINTERNAL, "the GLPK solver failed: %s",
			  last[0] ? last : "no message");
}

void bp_glp_simplex_parm(glp_smcp *p, int presolve)
{
	glp_init_smcp(p);
	p->msg_lev = GLP_MSG_OFF;
	p->presolve = presolve;
}

void bp_glp_intopt_parm(glp_iocp *p, int presolve)
{
	glp_init_iocp(p);
	p->msg_lev = GLP_MSG_OFF;
	p->presolve = presolve;
}

int bp_glp_tm_lim(double seconds)
{
	return !(seconds * 1000 >= 1) ? 1 : seconds > 1e6 ? 1000000000 : (int)(seconds * 1000);
}
