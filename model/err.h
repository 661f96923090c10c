/*
 * err.h - the error record every fallible bayplan function fills.
 * Library code returns a BP_E* status and a plain sentence; only main()
 * prints it and turns the status into an exit code (the values are sysexits).
 */
#ifndef BP_ERR_H
#define BP_ERR_H

#include <stddef.h>

enum bp_status {
	BP_OK = 0,
	BP_ENOSOLVE = 1,   /* a solve ended without a usable answer */
	BP_EUSAGE = 64,    /* bad command line */
	BP_EDATA = 65,     /* bad input data */
	BP_ENOINPUT = 66,  /* input file missing */
	BP_EINTERNAL = 70, /* a bug, or a library that failed */
	BP_EIO = 74,       /* read/write failure */
	BP_EBUSY = 75,     /* store busy, try again */
	BP_ESCHEMA = 78    /* store schema newer than this binary */
};

struct bp_err {
	int code;          /* BP_OK when nothing went wrong */
	char msg[512];     /* one plain sentence, no trailing newline */
	char file[256];    /* input file, "" when not from a file */
	int line, col;     /* 1-based; 0 when not known */
	char record[96];   /* e.g. "job RO-1001"; "" when n/a */
	char field[64];    /* e.g. "window"; "" when n/a */
};

void bp_err_clear(struct bp_err *e);
/* Set code and message; returns code so callers can `return bp_err_set(...)`. */
int bp_err_set(struct bp_err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Same, with a position in a file. */
int bp_err_at(struct bp_err *e, int code, const char *file, int line, int col,
	      const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Same, naming a record and field (data that came from the store or a model). */
int bp_err_rec(struct bp_err *e, int code, const char *record, const char *field,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* "file:line:col: msg", "record, field: msg" or "msg". */
void bp_err_format(const struct bp_err *e, char *buf, size_t n);

#endif
