/*
 * board.h - the visual workshop board: one self-contained HTML page with a
 * Gantt chart of the plan by bay and by technician (inline SVG, inline CSS,
 * one small inline script, nothing fetched), the unscheduled jobs, the
 * KPIs and the parts the plan depends on.
 */
#ifndef BP_BOARD_H
#define BP_BOARD_H

#include <stdio.h>

#include "model/err.h"
#include "model/plan.h"

struct bp_board_opts {
	int now;                     /* clock minutes for a fixed "now" line; -1 = the
					viewer's clock draws it when the date is today */
	int refresh;                 /* meta refresh, seconds; 0 = none */
	const char *title;           /* NULL = "Workshop board - SHOP - DATE" */
	const char **reorder_lines;  /* "parts the plan depends on", built elsewhere */
	int nreorder;
};

/* now = -1, refresh 300, no title, no reorder lines. */
void bp_board_opts_init(struct bp_board_opts *o);

/* Write the page for plan p of shop s to f; o may be NULL for the defaults.
 * Each job block is an SVG <g class="job ..."> with data-job, data-start and
 * data-end (HH:MM), once in the bay view and once in the technician view.
 * The bytes depend only on s, p and o. BP_EINTERNAL when the plan refers to
 * records the shop lacks, BP_EIO when writing fails. */
int bp_board_write(FILE *f, const struct bp_shop *s, const struct bp_plan *p,
		   const struct bp_board_opts *o, struct bp_err *err);

/* The class colours, in order (the first classes get them plain, later
 * ones again with a pattern); their count. For the colour-vision test. */
int bp_board_palette(const char *const **colors);

#endif
