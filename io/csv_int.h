/*
 * csv_int.h - the CSV reading that io/csv_history.c and io/csv_bookings.c
 * share: RFC 4180 records, a header that names the columns in any order,
 * the UTF-8 check, and errors that carry file:line:col. Private to io/.
 */
#ifndef BP_CSV_INT_H
#define BP_CSV_INT_H

#include <stddef.h>

#include "model/err.h"

#define CSV_MAX_FIELDS 32

struct bp_csv {
	const char *p, *end;
	const char *name;
	struct bp_err *err;
	int line, col;			/* position of p */
	/* The current record: fields NUL-separated in text. */
	char *text;                     /* malloc'd; the reader frees it */
	size_t used, cap;
	int nf;
	size_t off[CSV_MAX_FIELDS];
	int fline[CSV_MAX_FIELDS], fcol[CSV_MAX_FIELDS];
	int rline;			/* line the record starts on */
};

/* Start reading buf (a leading UTF-8 BOM is skipped); `name` is the file
 * named in errors. */
void bp_csv_init(struct bp_csv *c, const char *buf, size_t len, const char *name,
		 struct bp_err *err);
/* BP_EDATA at the place when the text is not UTF-8 or has control
 * characters (tabs and line ends aside). */
int bp_csv_text_check(struct bp_csv *c);
/* Read the header and map it onto `names`: col[k] = field index of
 * names[k], or -1. The first `nreq` names are required; an unknown or
 * repeated column is refused by name. */
int bp_csv_header(struct bp_csv *c, const char *const *names, int count, int nreq, int *col);
/* The next row (*got = 0 at the end); it must have `ncols` fields. */
int bp_csv_row(struct bp_csv *c, int *got, int ncols);
/* Field i of the current row. */
const char *bp_csv_text(const struct bp_csv *c, int i);
/* Column k of the header's names: its text, or NULL when the column is
 * absent or the cell empty. */
const char *bp_csv_cell(const struct bp_csv *c, const int *col, int k);
/* BP_EDATA at line:col of the file. */
int bp_csv_error(struct bp_csv *c, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* BP_EDATA about field i: "column N 'colname': ...". */
int bp_csv_bad(struct bp_csv *c, int i, const char *colname, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* A whole number >= 0 (digits only) and at most max: 0 ok, -1 not digits,
 * -2 more than max. */
int bp_csv_whole(const char *v, int max, int *out);

#endif
