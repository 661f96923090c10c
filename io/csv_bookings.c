/*
 * csv_bookings.c - the bookings CSV of 'import --bookings', a DMS export:
 * one booking per row, the header naming the columns in any order. A row
 * whose id the store holds updates that booking (an empty cell leaves its
 * field as it is); any other row is a new booking. Errors carry
 * file:line:col, as the history CSVs' do (csv_int.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/csv_bookings.h"
#include "io/csv_int.h"
#include "io/yaml_shop.h"

enum { B_ID, B_DATE, B_SERVICE, B_TIER, B_WINDOW, B_ARRIVAL, B_PROMISED, B_WAITING, B_TECH,
       B_MINUTES, B_COLS };

static const char *const booking_cols[B_COLS] = {"id", "date", "service", "tier", "window",
	"arrival", "promised", "waiting", "technician", "minutes"};

#define MAX_JOB_MINUTES 100000   /* as the shop file allows */

static int bad(struct bp_csv *c, const int *col, int k, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int bad(struct bp_csv *c, const int *col, int k, const char *fmt, ...)
{
	char what[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return bp_csv_bad(c, col[k], booking_cols[k], "%s", what);
}

static int parse_bool(const char *v, int *out)
{
	static const char *const yes[] = {"true", "1", "yes"}, *const no[] = {"false", "0", "no"};
	for (int i = 0; i < 3; i++) {
		if (!strcasecmp(v, yes[i]))
			return *out = 1, 0;
		if (!strcasecmp(v, no[i]))
			return *out = 0, 0;
	}
	return -1;
}

/* A new booking needs what the shop file would make it give. */
static int need(struct bp_csv *c, const int *col, int k, const char *id, const char *what)
{
	int at = col[k] >= 0 ? col[k] : col[B_ID];
	return bp_csv_error(c, c->fline[at], c->fcol[at], "booking '%s' is new to the store, so "
			    "it needs %s (column '%s')", id, what, booking_cols[k]);
}

/* Fields of one row over `j`, which holds the store's booking or the
 * defaults of a new one. */
static int booking_fields(struct bp_csv *c, const int *col, const struct bp_shop *s,
			  struct bp_job *j)
{
	const char *v;
	if ((v = bp_csv_cell(c, col, B_DATE)) && bp_date_parse(v, &j->date))
		return bad(c, col, B_DATE, "'%s' is not a date; write YYYY-MM-DD", v);
	if ((v = bp_csv_cell(c, col, B_SERVICE)) && (j->service = bp_shop_service(s, v)) < 0)
		return bad(c, col, B_SERVICE, "no service '%s' in the shop", v);
	if ((v = bp_csv_cell(c, col, B_TIER)) && bp_tier_parse(v, &j->tier))
		return bad(c, col, B_TIER, "'%s' is not core, potential or basic", v);
	const char *w = bp_csv_cell(c, col, B_WINDOW), *a = bp_csv_cell(c, col, B_ARRIVAL);
	if (w && a)
		return bad(c, col, B_ARRIVAL, "'%s': give a window or an arrival time, not both", a);
	if (w) {
		if (bp_span_parse(w, &j->window))
			return bad(c, col, B_WINDOW, "'%s' is not a time span; write HH:MM-HH:MM, "
				   "e.g. 09:00-11:00", w);
		j->has_window = 1;
	}
	if (a) {
		if (bp_time_parse(a, &j->window.start))
			return bad(c, col, B_ARRIVAL, "'%s' is not a time; write HH:MM", a);
		j->window.end = j->window.start;
		j->has_window = 0;
	}
	if ((v = bp_csv_cell(c, col, B_PROMISED)) && bp_time_parse(v, &j->promised))
		return bad(c, col, B_PROMISED, "'%s' is not a time; write HH:MM", v);
	if ((v = bp_csv_cell(c, col, B_WAITING)) && parse_bool(v, &j->waiting))
		return bad(c, col, B_WAITING, "'%s' is not true or false (or yes/no, 1/0)", v);
	if ((v = bp_csv_cell(c, col, B_TECH)) && (j->technician = bp_shop_tech(s, v)) < 0)
		return bad(c, col, B_TECH, "no technician '%s' in the shop", v);
	if ((v = bp_csv_cell(c, col, B_MINUTES)) &&
	    (bp_csv_whole(v, MAX_JOB_MINUTES, &j->minutes) || j->minutes < 1))
		return bad(c, col, B_MINUTES, "'%s' is not a whole number of minutes from 1 to "
			   "100000", v);
	return BP_OK;
}

static int booking_row(struct bp_csv *c, const int *col, const struct bp_shop *base,
		       struct bp_shop *out)
{
	const char *id = bp_csv_text(c, col[B_ID]);
	int at = col[B_ID];
	if (!id[0])
		return bad(c, col, B_ID, "the booking id is empty");
	if (strlen(id) >= BP_ID_LEN)
		return bad(c, col, B_ID, "'%.24s...' is longer than %d characters", id,
			   BP_ID_LEN - 1);
	int dup = bp_shop_job(out, id);
	if (dup >= 0)
		return bad(c, col, B_ID, "booking '%s' appears twice (first on line %d)", id,
			   out->jobs[dup].pos.line);
	int had = bp_shop_job(base, id);
	struct bp_job *j = bp_shop_add_job(out);
	if (!j)
		return bp_err_set(c->err, BP_EINTERNAL, "out of memory reading %s", c->name);
	if (had >= 0) {
		*j = base->jobs[had];
	} else {
		memcpy(j->id, id, strlen(id) + 1);
		j->service = -1;
		j->date = -1;
		j->window.start = j->window.end = base->info.open;
	}
	j->pos = (struct bp_pos){c->rline, c->fcol[at]};
	int rc = booking_fields(c, col, base, j);
	if (!rc && j->date < 0)
		rc = need(c, col, B_DATE, id, "a date");
	if (!rc && j->service < 0)
		rc = need(c, col, B_SERVICE, id, "a service");
	return rc;
}

int bp_csv_parse_bookings(const char *buf, size_t len, const char *name,
			  const struct bp_shop *base, struct bp_shop *out, struct bp_err *err)
{
	struct bp_csv c;
	int col[B_COLS], got, rc, ncols;
	if (len > BP_CSV_MAX_BYTES)
		return bp_err_at(err, BP_EDATA, name, 0, 0, "the file is %zu bytes; at most %u "
				 "are read", len, BP_CSV_MAX_BYTES);
	bp_csv_init(&c, buf, len, name, err);
	if ((rc = bp_csv_text_check(&c)))
		return rc;
	rc = bp_csv_header(&c, booking_cols, B_COLS, 1, col);
	ncols = c.nf;
	while (!rc && !(rc = bp_csv_row(&c, &got, ncols)) && got)
		rc = booking_row(&c, col, base, out);
	free(c.text);
	return rc;
}

int bp_csv_read_bookings(const char *path, const struct bp_shop *base, struct bp_shop *out,
			 struct bp_err *err)
{
	char *buf;
	size_t len;
	int rc = bp_shopfile_load(path, BP_CSV_MAX_BYTES, &buf, &len, err);
	if (rc)
		return rc;
	rc = bp_csv_parse_bookings(buf, len, path, base, out, err);
	free(buf);
	return rc;
}
