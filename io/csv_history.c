/*
 * csv_history.c - the history CSVs a shop file names: part demand
 * (date,sku,qty) and job actuals (arrivals, starts, finishes, no-shows).
 * RFC 4180 fields (quotes, doubled quotes, CRLF); the header names the
 * columns in any order; every error carries file:line:col.
 */
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/csv_history.h"
#include "io/csv_int.h"
#include "io/yaml_shop.h"
#include "model/validate.h"

int bp_csv_error(struct bp_csv *c, int line, int col, const char *fmt, ...)
{
	char msg[sizeof c->err->msg];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return bp_err_at(c->err, BP_EDATA, c->name, line, col, "%s", msg);
}

static int put(struct bp_csv *c, char ch)
{
	if (c->used == c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 256;
		char *n = realloc(c->text, nc);
		if (!n)
			return bp_err_set(c->err, BP_EINTERNAL, "out of memory reading %s", c->name);
		c->text = n;
		c->cap = nc;
	}
	c->text[c->used++] = ch;
	return BP_OK;
}

static void adv(struct bp_csv *c)
{
	unsigned char ch = (unsigned char)*c->p++;
	if (ch == '\n') {
		c->line++;
		c->col = 1;
	} else if ((ch & 0xC0) != 0x80) {
		c->col++;
	}
}

/* At a record end: "\n", "\r\n", or the end of the buffer. */
static int at_eol(const struct bp_csv *c)
{
	return c->p == c->end || *c->p == '\n' ||
	       (*c->p == '\r' && (c->p + 1 == c->end || c->p[1] == '\n'));
}

static void skip_eol(struct bp_csv *c)
{
	if (c->p < c->end && *c->p == '\r')
		adv(c);
	if (c->p < c->end && *c->p == '\n')
		adv(c);
}

static int field(struct bp_csv *c)
{
	int rc, line = c->line, col = c->col;
	if (c->nf == CSV_MAX_FIELDS)
		return bp_csv_error(c, line, col, "more than %d columns", CSV_MAX_FIELDS);
	c->off[c->nf] = c->used;
	c->fline[c->nf] = line;
	c->fcol[c->nf] = col;
	c->nf++;
	if (c->p < c->end && *c->p == '"') {
		adv(c);
		for (;;) {
			if (c->p == c->end)
				return bp_csv_error(c, line, col, "a quoted field starts here and "
						    "never ends (a missing closing \")");
			if (*c->p == '"') {
				adv(c);
				if (c->p < c->end && *c->p == '"') {
					adv(c);
					if ((rc = put(c, '"')))
						return rc;
					continue;
				}
				break;
			}
			if ((rc = put(c, *c->p)))
				return rc;
			adv(c);
		}
		if (!at_eol(c) && *c->p != ',')
			return bp_csv_error(c, c->line, c->col, "after a closing quote, expected ',' "
					    "or the end of the line");
	} else {
		while (!at_eol(c) && *c->p != ',') {
			if (*c->p == '"')
				return bp_csv_error(c, c->line, c->col, "a quote inside an unquoted "
						    "field; put the whole field in quotes and double "
						    "the quote (\"\")");
			if ((rc = put(c, *c->p)))
				return rc;
			adv(c);
		}
	}
	return put(c, '\0');
}

/* The next record; *got = 0 at the end. Blank lines are skipped. */
static int record(struct bp_csv *c, int *got)
{
	int rc;
	*got = 0;
	while (c->p < c->end && at_eol(c))
		skip_eol(c);
	if (c->p == c->end)
		return BP_OK;
	c->used = 0;
	c->nf = 0;
	c->rline = c->line;
	for (;;) {
		if ((rc = field(c)))
			return rc;
		if (at_eol(c))
			break;
		adv(c);	/* the comma */
	}
	skip_eol(c);
	*got = 1;
	return BP_OK;
}

const char *bp_csv_text(const struct bp_csv *c, int i)
{
	return c->text + c->off[i];
}

static const char *F(const struct bp_csv *c, int i)
{
	return bp_csv_text(c, i);
}

void bp_csv_init(struct bp_csv *c, const char *buf, size_t len, const char *name,
		 struct bp_err *err)
{
	memset(c, 0, sizeof *c);
	c->p = buf;
	c->end = buf + len;
	c->name = name;
	c->err = err;
	c->line = c->col = 1;
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))	/* spreadsheets write a BOM */
		c->p += 3;
}

/* The whole file is UTF-8 text without control characters (tabs and line
 * ends aside), as the YAML reader demands: messages quote fields, and a
 * spreadsheet's Latin-1 or a binary file must not reach a terminal raw. */
int bp_csv_text_check(struct bp_csv *c)
{
	const unsigned char *p = (const unsigned char *)c->p, *end = (const unsigned char *)c->end;
	int line = c->line, col = c->col;
	while (p < end) {
		unsigned ch = *p;
		int n = ch < 0x80 ? 0 : ch >= 0xC2 && ch <= 0xDF ? 1 : ch >= 0xE0 && ch <= 0xEF ? 2
			: ch >= 0xF0 && ch <= 0xF4 ? 3 : -1;
		if (n == 0 && ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || ch == 0x7F))
			return bp_csv_error(c, line, col, "control characters are not allowed "
					    "(character U+%04X)", ch);
		for (int k = 1; k <= n; k++)
			if (p + k >= end || (p[k] & 0xC0) != 0x80)
				n = -1;
		/* Overlong three- and four-byte forms, surrogates, beyond U+10FFFF. */
		if (n == 2 && ((ch == 0xE0 && p[1] < 0xA0) || (ch == 0xED && p[1] > 0x9F)))
			n = -1;
		if (n == 3 && ((ch == 0xF0 && p[1] < 0x90) || (ch == 0xF4 && p[1] > 0x8F)))
			n = -1;
		if (n < 0)
			return bp_csv_error(c, line, col, "the file is not UTF-8 text (byte 0x%02X); "
					    "save it as UTF-8", ch);
		if (ch == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
		p += n + 1;
	}
	return BP_OK;
}

static void join(char *buf, size_t n, const char *const *names, int count)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < count && used < n; i++)
		used += (size_t)snprintf(buf + used, n - used, "%s%s", i ? ", " : "", names[i]);
}

/* Map the header onto `names`: col[k] = field index of names[k], or -1.
 * The first `nreq` names are required. */
int bp_csv_header(struct bp_csv *c, const char *const *names, int count, int nreq, int *col)
{
	char list[300];
	int got, rc = record(c, &got);
	if (rc)
		return rc;
	join(list, sizeof list, names, nreq);
	if (!got)
		return bp_csv_error(c, 1, 1, "the file is empty; its first line must name the "
				    "columns: %s", list);
	for (int k = 0; k < count; k++)
		col[k] = -1;
	for (int i = 0; i < c->nf; i++) {
		int k = 0;
		while (k < count && strcmp(names[k], F(c, i)))
			k++;
		if (k == count) {
			char all[300];
			join(all, sizeof all, names, count);
			return bp_csv_error(c, c->fline[i], c->fcol[i], "unknown column '%s'; known "
					    "columns: %s", F(c, i), all);
		}
		if (col[k] >= 0)
			return bp_csv_error(c, c->fline[i], c->fcol[i], "column '%s' appears twice",
					    names[k]);
		col[k] = i;
	}
	for (int k = 0; k < nreq; k++)
		if (col[k] < 0)
			return bp_csv_error(c, c->rline, 1, "missing column '%s'; the header "
					    "must name %s", names[k], list);
	return BP_OK;
}

int bp_csv_row(struct bp_csv *c, int *got, int ncols)
{
	int rc = record(c, got);
	if (rc || !*got)
		return rc;
	if (c->nf != ncols)
		return bp_csv_error(c, c->rline, 1, "the row has %d column%s; the header has %d",
				    c->nf, c->nf == 1 ? "" : "s", ncols);
	return BP_OK;
}

/* Error about field i, named by number and header name. */
int bp_csv_bad(struct bp_csv *c, int i, const char *colname, const char *fmt, ...)
{
	char what[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return bp_csv_error(c, c->fline[i], c->fcol[i], "column %d '%s': %s", i + 1, colname,
			    what);
}

int bp_csv_whole(const char *v, int max, int *out)
{
	long x = 0;
	if (!*v)
		return -1;
	for (const char *p = v; *p; p++)
		if (!isdigit((unsigned char)*p))
			return -1;
	for (const char *p = v; *p; p++) {
		x = x * 10 + (*p - '0');
		if (x > max)
			return -2;
	}
	*out = (int)x;
	return 0;
}

/* ---- demand ---- */

int bp_csv_parse_demand(const char *buf, size_t len, const char *name, struct bp_shop *s,
			struct bp_err *err)
{
	static const char *const names[] = {"date", "sku", "qty"};
	struct bp_csv c;
	int col[3], got, rc;
	if (len > BP_CSV_MAX_BYTES)
		return bp_err_at(err, BP_EDATA, name, 0, 0, "the file is %zu bytes; at most %u "
				 "are read", len, BP_CSV_MAX_BYTES);
	bp_csv_init(&c, buf, len, name, err);
	if ((rc = bp_csv_text_check(&c)))
		return rc;
	rc = bp_csv_header(&c, names, 3, 3, col);
	while (!rc && !(rc = bp_csv_row(&c, &got, 3)) && got) {
		int day, part, qty;
		const char *d = F(&c, col[0]), *sku = F(&c, col[1]), *q = F(&c, col[2]);
		if (bp_date_parse(d, &day)) {
			rc = bp_csv_bad(&c, col[0], "date", "'%s' is not a date; write YYYY-MM-DD "
					"(1970 to 2199)",
					d);
			break;
		}
		if ((part = bp_shop_part(s, sku)) < 0) {
			rc = bp_csv_bad(&c, col[1], "sku", "no part '%s' in the shop", sku);
			break;
		}
		int w = bp_csv_whole(q, BP_MAX_LINE_QTY, &qty);
		if (w) {
			rc = w == -1 ? bp_csv_bad(&c, col[2], "qty", "'%s' is not a whole number >= 0",
						  q)
				     : bp_csv_bad(&c, col[2], "qty", "%s is more than %d, the most "
						  "one day's demand for a part can be", q,
						  BP_MAX_LINE_QTY);
			break;
		}
		struct bp_demand_row *dr = bp_shop_add_demand(s);
		if (!dr) {
			rc = bp_err_set(err, BP_EINTERNAL, "out of memory reading %s", name);
			break;
		}
		dr->day = day;
		dr->part = part;
		dr->qty = qty;
	}
	free(c.text);
	return rc;
}

/* ---- actuals ---- */

enum { A_JOB, A_TECH, A_ARRIVED, A_STARTED, A_FINISHED, A_NOSHOW, A_SERVICE, A_DATE, A_TIER,
       A_WINDOW, A_COLS };

static const char *const actual_cols[A_COLS] = {"job_id", "technician", "arrived",
	"started", "finished", "no_show", "service", "date", "tier", "window"};

static int window_index(const struct bp_shop *s, struct bp_span w)
{
	for (int i = 0; i < s->nwindows; i++)
		if (s->windows[i].start == w.start && s->windows[i].end == w.end)
			return i;
	return -1;
}

/* Optional cell: its text, or NULL when the column is absent or empty. */
const char *bp_csv_cell(const struct bp_csv *c, const int *col, int k)
{
	return col[k] >= 0 && F(c, col[k])[0] ? F(c, col[k]) : NULL;
}

static int stamp(struct bp_csv *c, const int *col, int k, int *has, int *day, int *minute)
{
	const char *v = bp_csv_cell(c, col, k);
	*has = 0;
	if (!v)
		return BP_OK;
	if (bp_datetime_parse(v, day, minute))
		return bp_csv_bad(c, col[k], actual_cols[k], "'%s' is not a date and time; write "
				  "YYYY-MM-DDTHH:MM (1970 to 2199), e.g. 2026-11-23T08:10, or "
				  "leave it empty", v);
	*has = 1;
	return BP_OK;
}

/* A row's times stay within BP_ACTUAL_MAX_DAYS of its date, so learning's
 * minute arithmetic cannot overflow and a typo in a year is caught. */
#define BP_ACTUAL_MAX_DAYS 31

static int span_check(struct bp_csv *c, const int *col, const struct bp_actual *a)
{
	static const int ks[] = {A_ARRIVED, A_STARTED, A_FINISHED};
	const int has[] = {a->has_arrived, a->has_started, a->has_finished};
	const int day[] = {a->arrived_day, a->started_day, a->finished_day};
	for (int i = 0; i < 3; i++)
		if (has[i] && abs(day[i] - a->date) > BP_ACTUAL_MAX_DAYS) {
			char d[12];
			bp_date_format(a->date, d, sizeof d);
			return bp_csv_bad(c, col[ks[i]], actual_cols[ks[i]], "'%s' is more than "
					  "%d days from the job's date %s", F(c, col[ks[i]]),
					  BP_ACTUAL_MAX_DAYS, d);
		}
	return BP_OK;
}

static int actual_row(struct bp_csv *c, const int *col, struct bp_shop *s, struct bp_actual *a)
{
	const char *v;
	int rc;
	v = F(c, col[A_JOB]);
	if (!v[0])
		return bp_csv_bad(c, col[A_JOB], "job_id", "the job id is empty");
	if (strlen(v) >= BP_ID_LEN)
		return bp_csv_bad(c, col[A_JOB], "job_id", "'%.24s...' is longer than %d "
				  "characters", v, BP_ID_LEN - 1);
	memcpy(a->job_id, v, strlen(v) + 1);
	a->technician = a->service = a->window = a->date = -1;
	a->tier = BP_TIER_BASIC;
	a->line = c->rline;
	if ((v = bp_csv_cell(c, col, A_TECH)) && (a->technician = bp_shop_tech(s, v)) < 0)
		return bp_csv_bad(c, col[A_TECH], "technician", "no technician '%s' in the shop", v);
	if ((rc = stamp(c, col, A_ARRIVED, &a->has_arrived, &a->arrived_day, &a->arrived)) ||
	    (rc = stamp(c, col, A_STARTED, &a->has_started, &a->started_day, &a->started)) ||
	    (rc = stamp(c, col, A_FINISHED, &a->has_finished, &a->finished_day, &a->finished)))
		return rc;
	v = F(c, col[A_NOSHOW]);
	if (!strcmp(v, "1") || !strcasecmp(v, "true"))
		a->no_show = 1;
	else if (!strcmp(v, "0") || !strcasecmp(v, "false"))
		a->no_show = 0;
	else
		return bp_csv_bad(c, col[A_NOSHOW], "no_show", "'%s' is not 0 or 1", v);
	if (a->no_show && (a->has_arrived || a->has_started || a->has_finished))
		return bp_csv_bad(c, col[A_NOSHOW], "no_show", "the row is a no-show but has an "
				  "arrived, started or finished time");
	/* Days apart first: years up to 9999 times 1440 minutes overflow an int. */
	if (a->has_started && a->has_finished &&
	    (a->finished_day < a->started_day ||
	     (a->finished_day == a->started_day && a->finished < a->started)))
		return bp_csv_bad(c, col[A_FINISHED], "finished", "the job finished before it "
				  "started");
	if ((v = bp_csv_cell(c, col, A_SERVICE)) && (a->service = bp_shop_service(s, v)) < 0)
		return bp_csv_bad(c, col[A_SERVICE], "service", "no service '%s' in the shop", v);
	if ((v = bp_csv_cell(c, col, A_TIER)) && bp_tier_parse(v, &a->tier))
		return bp_csv_bad(c, col[A_TIER], "tier", "'%s' is not core, potential or basic", v);
	if ((v = bp_csv_cell(c, col, A_DATE)) && bp_date_parse(v, &a->date))
		return bp_csv_bad(c, col[A_DATE], "date", "'%s' is not a date; write YYYY-MM-DD "
					"(1970 to 2199)", v);
	if ((v = bp_csv_cell(c, col, A_WINDOW))) {
		struct bp_span w;
		if (bp_span_parse(v, &w))
			return bp_csv_bad(c, col[A_WINDOW], "window", "'%s' is not a time span; "
					  "write HH:MM-HH:MM, e.g. 09:00-11:00", v);
		a->window = window_index(s, w);
	}
	/* A booking the shop file still holds fills what the row leaves out. */
	int j = bp_shop_job(s, a->job_id);
	if (j >= 0) {
		const struct bp_job *job = &s->jobs[j];
		if (!bp_csv_cell(c, col, A_SERVICE))
			a->service = job->service;
		if (!bp_csv_cell(c, col, A_TIER))
			a->tier = job->tier;
		if (!bp_csv_cell(c, col, A_DATE))
			a->date = job->date;
		if (!bp_csv_cell(c, col, A_WINDOW) && job->has_window)
			a->window = window_index(s, job->window);
	}
	if (a->date < 0)
		a->date = a->has_arrived ? a->arrived_day
			: a->has_started ? a->started_day
			: a->has_finished ? a->finished_day : -1;
	if (a->date < 0)
		return bp_csv_error(c, c->rline, 1, "the row for job '%s' has no date: give a date "
				    "column, an arrived, started or finished time, or the id of a "
				    "booking in the shop file", a->job_id);
	return span_check(c, col, a);
}

int bp_csv_parse_actuals(const char *buf, size_t len, const char *name, struct bp_shop *s,
			 struct bp_err *err)
{
	struct bp_csv c;
	int col[A_COLS], got, rc, ncols;
	if (len > BP_CSV_MAX_BYTES)
		return bp_err_at(err, BP_EDATA, name, 0, 0, "the file is %zu bytes; at most %u "
				 "are read", len, BP_CSV_MAX_BYTES);
	bp_csv_init(&c, buf, len, name, err);
	if ((rc = bp_csv_text_check(&c)))
		return rc;
	rc = bp_csv_header(&c, actual_cols, A_COLS, A_SERVICE, col);
	ncols = c.nf;
	while (!rc && !(rc = bp_csv_row(&c, &got, ncols)) && got) {
		struct bp_actual a;
		memset(&a, 0, sizeof a);
		if ((rc = actual_row(&c, col, s, &a)))
			break;
		struct bp_actual *dst = bp_shop_add_actual(s);
		if (!dst) {
			rc = bp_err_set(err, BP_EINTERNAL, "out of memory reading %s", name);
			break;
		}
		*dst = a;
	}
	free(c.text);
	return rc;
}

static int read_file(const char *path, struct bp_shop *s, struct bp_err *err,
		     int (*parse)(const char *, size_t, const char *, struct bp_shop *,
				  struct bp_err *))
{
	char *buf;
	size_t len;
	int rc = bp_shopfile_load(path, BP_CSV_MAX_BYTES, &buf, &len, err);
	if (rc)
		return rc;
	rc = parse(buf, len, path, s, err);
	free(buf);
	return rc;
}

int bp_csv_read_demand(const char *path, struct bp_shop *s, struct bp_err *err)
{
	return read_file(path, s, err, bp_csv_parse_demand);
}

int bp_csv_read_actuals(const char *path, struct bp_shop *s, struct bp_err *err)
{
	return read_file(path, s, err, bp_csv_parse_actuals);
}
