/*
 * err.c - filling and formatting struct bp_err.
 */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void bp_err_clear(struct bp_err *e)
{
	if (e)
		memset(e, 0, sizeof *e);
}

static void vset(struct bp_err *e, int code, const char *fmt, va_list ap)
{
	e->code = code;
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
}

int bp_err_set(struct bp_err *e, int code, const char *fmt, ...)
{
	va_list ap;
	if (!e)
		return code;
	bp_err_clear(e);
	va_start(ap, fmt);
	vset(e, code, fmt, ap);
	va_end(ap);
	return code;
}

int bp_err_at(struct bp_err *e, int code, const char *file, int line, int col,
	      const char *fmt, ...)
{
	va_list ap;
	if (!e)
		return code;
	bp_err_clear(e);
	va_start(ap, fmt);
	vset(e, code, fmt, ap);
	va_end(ap);
	snprintf(e->file, sizeof e->file, "%s", file ? file : "");
	e->line = line;
	e->col = col;
	return code;
}

int bp_err_rec(struct bp_err *e, int code, const char *record, const char *field,
	       const char *fmt, ...)
{
	va_list ap;
	if (!e)
		return code;
	bp_err_clear(e);
	va_start(ap, fmt);
	vset(e, code, fmt, ap);
	va_end(ap);
	snprintf(e->record, sizeof e->record, "%s", record ? record : "");
	snprintf(e->field, sizeof e->field, "%s", field ? field : "");
	return code;
}

void bp_err_format(const struct bp_err *e, char *buf, size_t n)
{
	if (e->file[0] && e->line > 0)
		snprintf(buf, n, "%s:%d:%d: %s", e->file, e->line, e->col, e->msg);
	else if (e->file[0])
		snprintf(buf, n, "%s: %s", e->file, e->msg);
	else if (e->record[0] && e->field[0])
		snprintf(buf, n, "%s, %s: %s", e->record, e->field, e->msg);
	else if (e->record[0])
		snprintf(buf, n, "%s: %s", e->record, e->msg);
	else
		snprintf(buf, n, "%s", e->msg);
}
