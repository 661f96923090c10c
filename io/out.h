/*
 * out.h - small helpers every writer shares: UTF-8 stepping, JSON strings and
 * a comma-tracking JSON emitter, CSV field quoting (RFC 4180), HTML escaping,
 * iCalendar content lines (TEXT escaping, folding at 75 octets, CRLF).
 */
#ifndef BP_OUT_H
#define BP_OUT_H

#include <stdio.h>

/* Length of the well-formed UTF-8 sequence at s (1-4), or 0 when the bytes
 * there are not one (stray continuation, overlong, surrogate, truncated). */
int bp_utf8_len(const char *s);
/* Terminal columns of s: code points, East Asian wide ones count twice. */
int bp_out_width(const char *s);
/* A table cell: s on one line (control characters become spaces), cut to
 * `width` columns with an ellipsis when longer, padded to `width`. A negative
 * width prints the whole of s, flattened, unpadded. */
void bp_out_cell(FILE *f, const char *s, int width);

/* A JSON string literal with quotes. Control characters become \n, \t, ...
 * or \u00XX; bytes that are not UTF-8 become U+FFFD, so output always parses. */
void bp_json_string(FILE *f, const char *s);

/* A pretty-printing emitter that places commas, colons and indentation.
 * `key` names the member inside an object and is NULL inside arrays. */
#define BP_JSON_DEPTH 16
struct bp_json {
	FILE *f;
	int depth;
	char close[BP_JSON_DEPTH];   /* '}' or ']' for each open level */
	char any[BP_JSON_DEPTH];     /* a member was written at this level */
	int compact;                 /* one line, no final newline (set after init) */
};
void bp_json_init(struct bp_json *j, FILE *f);
void bp_json_obj(struct bp_json *j, const char *key);
void bp_json_arr(struct bp_json *j, const char *key);
void bp_json_end(struct bp_json *j);   /* closes the innermost object or array */
void bp_json_str(struct bp_json *j, const char *key, const char *v);  /* NULL -> null */
void bp_json_int(struct bp_json *j, const char *key, long long v);
void bp_json_num(struct bp_json *j, const char *key, double v);      /* not finite -> null */
void bp_json_bool(struct bp_json *j, const char *key, int v);
void bp_json_null(struct bp_json *j, const char *key);

/* One CSV field, quoted when it holds a comma, quote, CR or LF, or starts or
 * ends with a space; quotes inside are doubled. The writer puts the commas. */
void bp_csv_field(FILE *f, const char *s);
/* Row terminator. LF, not RFC 4180's CRLF: the files are read by Unix tools
 * and spreadsheets alike, and both take LF; fields keep their own newlines. */
void bp_csv_end_row(FILE *f);

/* Text or attribute value for HTML: & < > " ' become references; C0 control
 * characters other than tab and newline become spaces. */
void bp_html(FILE *f, const char *s);

/* One iCalendar content line "NAME:VALUE" ending CRLF, folded so that no
 * physical line exceeds 75 octets and no UTF-8 sequence or TEXT escape is
 * split. When `text` is set, VALUE is escaped as TEXT (RFC 5545 3.3.11):
 * backslash, semicolon and comma get a backslash, newlines become "\n". */
void bp_ics_line(FILE *f, const char *name, const char *value, int text);

#endif
