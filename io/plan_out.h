/*
 * plan_out.h - a next-day plan written for people and programs: an aligned
 * table for the service manager, CSV and JSON rows for other programs, and
 * iCalendar for the technicians' phones and the workshop's calendar.
 */
#ifndef BP_PLAN_OUT_H
#define BP_PLAN_OUT_H

#include <stdio.h>

#include "io/cli.h"
#include "model/err.h"
#include "model/plan.h"

/* Write plan p of shop s to f in fmt. The output depends only on s and p
 * (no wall clock), so two runs on the same plan give the same bytes.
 * BP_EINTERNAL when the plan refers to records the shop lacks, BP_EIO when
 * writing fails. */
int bp_plan_write(FILE *f, enum bp_format fmt, const struct bp_shop *s,
		  const struct bp_plan *p, struct bp_err *err);
/* The same for technician `tech` only (-1 = everyone): their assignments,
 * the bays they work on, no unscheduled jobs; the table leaves out the
 * plan-wide figures, JSON keeps them and names the technician; iCalendar
 * writes their calendar even when it is empty. */
int bp_plan_write_tech(FILE *f, enum bp_format fmt, const struct bp_shop *s,
		       const struct bp_plan *p, int tech, struct bp_err *err);

/* What a calendar needs beyond the plan. */
struct bp_ics_opts {
	char stamp[20];       /* DTSTAMP: the run's time in UTC, "YYYYMMDDTHHMMSSZ" */
	const int *moves;     /* per job of the shop: its SEQUENCE (times moved); NULL = 0 */
};
/* bp_plan_write_tech with o for iCalendar (NULL: DTSTAMP midnight UTC of
 * the plan's date, SEQUENCE 0). iCalendar is always one VCALENDAR: the
 * technician's, or with tech = -1 the workshop's (every job, its
 * technician in the summary). UIDs are per job and shop. */
int bp_plan_write_ics(FILE *f, enum bp_format fmt, const struct bp_shop *s,
		      const struct bp_plan *p, int tech, const struct bp_ics_opts *o,
		      struct bp_err *err);

/* Names the writers share with the board: "junior", "intermediate", "senior"
 * for 1-3; a technician's highest level over all skills (at least 1). */
const char *bp_level_name(int level);
int bp_tech_top_level(const struct bp_shop *s, const struct bp_technician *t);

/* BP_EINTERNAL naming the first index that points outside the shop: an
 * assignment's job, technician or bay, an unscheduled job, a job's service
 * or a bay's type. Writers call it first and can then index freely. */
int bp_plan_check_refs(const struct bp_shop *s, const struct bp_plan *p, struct bp_err *err);

#endif
