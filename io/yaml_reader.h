/*
 * yaml_reader.h - a small strict reader over libyaml's event API, shared by the
 * shop file and the what-if scenario readers. It refuses anchors, aliases and
 * tags, duplicate keys, deep nesting and long scalars, and every error it
 * makes carries "file:line:col" (1-based) and a plain sentence.
 */
#ifndef BP_YAML_READER_H
#define BP_YAML_READER_H

#include <stddef.h>

#include "io/yaml_shop.h"
#include "model/err.h"
#include "model/shop.h"

struct bp_yaml;	/* opaque: <yaml.h> stays in io/yaml*.c */

enum bp_yaml_kind {
	BP_YAML_SCALAR = 1,
	BP_YAML_SEQ,		/* a sequence starts */
	BP_YAML_MAP,		/* a mapping starts */
	BP_YAML_END		/* the current sequence or mapping ends */
};

/* Start reading `len` bytes of `buf` (not copied: it must outlive the
 * reader). `name` is used in messages. Errors go to `err`, which must
 * outlive the reader too. BP_EDATA for a buffer over BP_YAML_MAX_BYTES. */
int bp_yaml_open(struct bp_yaml **out, const char *buf, size_t len, const char *name,
		 struct bp_err *err);
void bp_yaml_close(struct bp_yaml *y);
const char *bp_yaml_name(const struct bp_yaml *y);

/* Stream and document start, then the top-level mapping's start. An empty
 * file or a top level that is not a mapping is refused; `what` names the
 * file's kind in messages ("shop file"). */
int bp_yaml_begin(struct bp_yaml *y, const char *what);
/* After the top-level mapping's end: nothing may follow (one document). */
int bp_yaml_finish(struct bp_yaml *y);

/* Kind and position of the next event, without taking it. */
int bp_yaml_peek(struct bp_yaml *y, enum bp_yaml_kind *kind, struct bp_pos *pos);
/* Position of the last event taken (a key, a scalar, a collection start). */
struct bp_pos bp_yaml_pos(const struct bp_yaml *y);

/* Take the start of a mapping / sequence; `what` names it in the message
 * when something else is there ("technician must be a mapping ..."). `pos`
 * (may be NULL) gets the start's position. */
int bp_yaml_map(struct bp_yaml *y, const char *what, struct bp_pos *pos);
int bp_yaml_seq(struct bp_yaml *y, const char *what, struct bp_pos *pos);

/* Inside a sequence: *more = 1 when an item follows (not taken), 0 when the
 * sequence ended (its end is taken). */
int bp_yaml_seq_next(struct bp_yaml *y, int *more);

/* Inside a mapping: the next key into *key (valid until the next call on
 * `y`), or *key = NULL when the mapping ended (its end is taken). `known`
 * is a NULL-terminated list of allowed keys, or NULL to allow any key; an
 * unknown key is refused naming the known ones, a repeated key is refused
 * naming the first one's line. `what` names the mapping ("technician"). */
int bp_yaml_key(struct bp_yaml *y, const char *const *known, const char *what,
		const char **key);

/* Scalars. `what` names the value in messages ("technician T1 shift").
 * Collections where a value is expected are refused. */
/* The raw text, valid until the next call on `y`. */
int bp_yaml_scalar(struct bp_yaml *y, const char *what, const char **val);
/* Text into buf; refused when empty or longer than n - 1 bytes. */
int bp_yaml_str(struct bp_yaml *y, const char *what, char *buf, size_t n);
/* A whole number in [min, max]. */
int bp_yaml_int(struct bp_yaml *y, const char *what, int min, int max, int *out);
/* A finite decimal number in [min, max]. */
int bp_yaml_double(struct bp_yaml *y, const char *what, double min, double max,
		   double *out);
/* true or false (also True/TRUE/False/FALSE). */
int bp_yaml_bool(struct bp_yaml *y, const char *what, int *out);
/* "HH:MM" -> minutes after midnight. */
int bp_yaml_time(struct bp_yaml *y, const char *what, int *minutes);
/* "HH:MM-HH:MM"; a span that ends at or before its start is refused. */
int bp_yaml_span(struct bp_yaml *y, const char *what, struct bp_span *out);
/* A list of at most BP_MAX_SPANS spans into out[0..*n). */
int bp_yaml_spans(struct bp_yaml *y, const char *what, struct bp_span *out, int *n);
/* "YYYY-MM-DD" -> days since epoch. */
int bp_yaml_date(struct bp_yaml *y, const char *what, int *day);
/* "YYYY-MM-DDTHH:MM" -> day and minute. */
int bp_yaml_datetime(struct bp_yaml *y, const char *what, int *day, int *minute);

/* Fill the reader's error with "file:line:col: <sentence>" at pos; returns
 * BP_EDATA so callers can `return bp_yaml_error(...)`. */
int bp_yaml_error(struct bp_yaml *y, struct bp_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same at the value just read. */
int bp_yaml_here(struct bp_yaml *y, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* BP_EINTERNAL "out of memory" at the value just read. */
int bp_yaml_oom(struct bp_yaml *y);

/* What the shop file and a scenario's changes share. */
/* A service level: a number strictly between 0 and 1. */
int bp_yaml_service_level(struct bp_yaml *y, const char *what, double *out);
/* The keys of `policy:` (NULL-terminated), in the shop file and in a
 * scenario's changes alike. */
extern const char *const bp_yaml_policy_keys[];

#endif
