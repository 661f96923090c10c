/*
 * yaml_reader.c - the strict event reader declared in yaml_reader.h.
 * Every event is checked as it arrives (anchors, aliases, tags, depth,
 * scalar size), so a hostile file stops early: libyaml 0.2.5 has no depth
 * limit of its own and slows down quadratically with depth.
 */
#include "io/yaml_reader.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* Keys of one open mapping. Most mappings are small: their first keys are
 * checked by a linear scan over a buffer the nesting level keeps and reuses;
 * keys past SMALL_KEYS of a big mapping go to one hash table for the file. */
#define SMALL_KEYS 16

struct frame {
	unsigned long map;	/* number of the mapping; 0 = a sequence */
	int nkeys;
	unsigned hash[SMALL_KEYS];
	int line[SMALL_KEYS];
	size_t off[SMALL_KEYS];
	char *buf;		/* the small keys, NUL-separated */
	size_t used, cap;
};

struct key_seen {
	unsigned long map;	/* 0 = empty slot */
	unsigned hash;
	int line;
	char *key;
};

struct bp_yaml {
	yaml_parser_t p;
	yaml_event_t ev;
	int have;		/* ev holds the next event, not taken yet */
	int failed;		/* sticky status once an error was made */
	int depth;		/* collections open, counted as events arrive */
	int level;		/* collections open, counted as events are taken */
	struct frame frame[BP_YAML_MAX_DEPTH + 2];
	unsigned long nmaps;
	const char *buf;
	size_t len;
	char name[256];
	struct bp_err *err;
	struct bp_pos last;
	char *text;		/* the last scalar taken, NUL-terminated */
	struct key_seen *keys;
	size_t nkeys, cap_keys;
};

static struct bp_pos mark_pos(yaml_mark_t m)
{
	struct bp_pos p = {(int)m.line + 1, (int)m.column + 1};
	return p;
}

static int verror(struct bp_yaml *y, int code, struct bp_pos pos, const char *fmt, va_list ap)
{
	char msg[sizeof y->err->msg];
	vsnprintf(msg, sizeof msg, fmt, ap);
	bp_err_at(y->err, code, y->name, pos.line, pos.col, "%s", msg);
	y->failed = code;
	return code;
}

int bp_yaml_error(struct bp_yaml *y, struct bp_pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	verror(y, BP_EDATA, pos, fmt, ap);
	va_end(ap);
	return BP_EDATA;
}

/* libyaml's reader reports a byte offset only: count lines and characters. */
static struct bp_pos offset_pos(const struct bp_yaml *y, size_t off)
{
	struct bp_pos p = {1, 1};
	if (off > y->len)
		off = y->len;
	for (size_t i = 0; i < off; i++) {
		unsigned char c = (unsigned char)y->buf[i];
		if (c == '\n') {
			p.line++;
			p.col = 1;
		} else if ((c & 0xC0) != 0x80) {
			p.col++;
		}
	}
	return p;
}

/* The byte at a 1-based line and character column, or 0. */
static int byte_at(const struct bp_yaml *y, struct bp_pos pos)
{
	size_t i = 0;
	for (int l = 1; l < pos.line && i < y->len; i++)
		if (y->buf[i] == '\n')
			l++;
	for (int c = 1; i < y->len; i++) {
		if (((unsigned char)y->buf[i] & 0xC0) == 0x80)
			continue;
		if (c++ == pos.col)
			return (unsigned char)y->buf[i];
	}
	return 0;
}

static int parse_error(struct bp_yaml *y)
{
	yaml_parser_t *p = &y->p;
	struct bp_pos pos;
	char ctx[160] = "";

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		pos = bp_yaml_pos(y);
		return bp_err_at(y->err, y->failed = BP_EINTERNAL, y->name, pos.line, pos.col,
				 "out of memory while reading the file");
	case YAML_READER_ERROR:
		pos = offset_pos(y, p->problem_offset);
		if (p->problem && strstr(p->problem, "UTF-8"))
			return bp_yaml_error(y, pos, "the file is not UTF-8 text (%s, byte 0x%02X)",
					     p->problem, (unsigned)p->problem_value & 0xFFu);
		if (p->problem_value >= 0)
			return bp_yaml_error(y, pos, "%s (character U+%04X)",
					     p->problem ? p->problem : "unreadable text",
					     (unsigned)p->problem_value);
		return bp_yaml_error(y, pos, "%s", p->problem ? p->problem : "unreadable text");
	case YAML_SCANNER_ERROR:
	case YAML_PARSER_ERROR:
		pos = mark_pos(p->problem_mark);
		if (p->context)
			snprintf(ctx, sizeof ctx, " (%s at line %d)", p->context,
				 (int)p->context_mark.line + 1);
		if (byte_at(y, pos) == '\t')
			return bp_yaml_error(y, pos, "YAML syntax: a tab here; indent with spaces, "
					     "YAML does not allow tabs for indentation");
		return bp_yaml_error(y, pos, "YAML syntax: %s%s",
				     p->problem ? p->problem : "unreadable YAML", ctx);
	default:
		pos = bp_yaml_pos(y);
		return bp_err_at(y->err, y->failed = BP_EINTERNAL, y->name, pos.line, pos.col,
				 "libyaml failed (error %d)", (int)p->error);
	}
}

/* Checks every event as it arrives; the refusals that protect the reader. */
static int screen(struct bp_yaml *y)
{
	yaml_event_t *e = &y->ev;
	struct bp_pos pos = mark_pos(e->start_mark);
	const yaml_char_t *anchor = NULL, *tag = NULL;

	switch (e->type) {
	case YAML_ALIAS_EVENT:
		return bp_yaml_error(y, pos, "aliases (*%s) are not allowed; write the value out "
				     "in full", (const char *)e->data.alias.anchor);
	case YAML_SCALAR_EVENT:
		anchor = e->data.scalar.anchor;
		tag = e->data.scalar.tag;
		if (e->data.scalar.length > BP_YAML_MAX_SCALAR)
			return bp_yaml_error(y, pos, "a value of %zu bytes is longer than the %d "
					     "allowed", e->data.scalar.length, BP_YAML_MAX_SCALAR);
		if (memchr(e->data.scalar.value, 0, e->data.scalar.length))
			return bp_yaml_error(y, pos, "a value holds a NUL character (\\0)");
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (e->type == YAML_SEQUENCE_START_EVENT) {
			anchor = e->data.sequence_start.anchor;
			tag = e->data.sequence_start.tag;
		} else {
			anchor = e->data.mapping_start.anchor;
			tag = e->data.mapping_start.tag;
		}
		if (++y->depth > BP_YAML_MAX_DEPTH)
			return bp_yaml_error(y, pos, "lists and mappings nest deeper than %d levels",
					     BP_YAML_MAX_DEPTH);
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		y->depth--;
		break;
	default:
		break;
	}
	if (anchor)
		return bp_yaml_error(y, pos, "anchors (&%s) are not allowed; write each value out "
				     "in full", (const char *)anchor);
	if (tag)
		return bp_yaml_error(y, pos, "tags (%s) are not allowed; write the plain value",
				     (const char *)tag);
	return BP_OK;
}

static int fetch(struct bp_yaml *y)
{
	if (y->failed)
		return y->failed;
	if (y->have)
		return BP_OK;
	if (!yaml_parser_parse(&y->p, &y->ev))
		return parse_error(y);
	y->have = 1;
	return screen(y);
}

static int take(struct bp_yaml *y)
{
	yaml_event_t *e = &y->ev;
	struct frame *f;
	y->last = mark_pos(e->start_mark);
	switch (e->type) {
	case YAML_SCALAR_EVENT:
		memcpy(y->text, e->data.scalar.value, e->data.scalar.length);
		y->text[e->data.scalar.length] = '\0';
		break;
	case YAML_SEQUENCE_START_EVENT:
		y->frame[++y->level].map = 0;
		break;
	case YAML_MAPPING_START_EVENT:
		f = &y->frame[++y->level];
		f->map = ++y->nmaps;
		f->nkeys = 0;
		f->used = 0;
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		y->level--;
		break;
	default:
		break;
	}
	yaml_event_delete(e);
	y->have = 0;
	return BP_OK;
}

/* Offset of the first byte that does not start a valid UTF-8 sequence, or
 * len. libyaml finds these too but reports the offset of the octet after. */
static size_t utf8_bad(const unsigned char *b, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned c = b[i];
		size_t n;
		unsigned cp, min;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 2, cp = c & 0x1F, min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			n = 3, cp = c & 0x0F, min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			n = 4, cp = c & 0x07, min = 0x10000;
		} else {
			return i;
		}
		if (len - i < n)
			return i;
		for (size_t k = 1; k < n; k++) {
			if ((b[i + k] & 0xC0) != 0x80)
				return i;
			cp = cp << 6 | (b[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n;
	}
	return len;
}

int bp_yaml_open(struct bp_yaml **out, const char *buf, size_t len, const char *name,
		 struct bp_err *err)
{
	*out = NULL;
	if (len > BP_YAML_MAX_BYTES)
		return bp_err_at(err, BP_EDATA, name, 0, 0, "the file is %zu bytes; at most %u "
				 "are read", len, BP_YAML_MAX_BYTES);
	struct bp_yaml *y = calloc(1, sizeof *y);
	if (!y || !(y->text = malloc(BP_YAML_MAX_SCALAR + 1)) || !yaml_parser_initialize(&y->p)) {
		if (y)
			free(y->text);
		free(y);
		return bp_err_set(err, BP_EINTERNAL, "out of memory starting the YAML reader");
	}
	/* Editors on Windows start UTF-8 files with a byte order mark; with the
	 * encoding set, libyaml would read it as content. Lines and columns
	 * count from after it, as the editor shows them. */
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
		buf += 3;
		len -= 3;
	}
	yaml_parser_set_input_string(&y->p, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&y->p, YAML_UTF8_ENCODING);
	y->buf = buf;
	y->len = len;
	y->err = err;
	snprintf(y->name, sizeof y->name, "%s", name ? name : "");
	size_t bad = utf8_bad((const unsigned char *)buf, len);
	if (bad < len) {
		bp_yaml_error(y, offset_pos(y, bad), "the file is not UTF-8 text (byte 0x%02X); "
			      "save it as UTF-8", (unsigned char)buf[bad]);
		bp_yaml_close(y);
		return BP_EDATA;
	}
	*out = y;
	return BP_OK;
}

void bp_yaml_close(struct bp_yaml *y)
{
	if (!y)
		return;
	if (y->have)
		yaml_event_delete(&y->ev);
	yaml_parser_delete(&y->p);
	for (size_t i = 0; i < y->cap_keys; i++)
		free(y->keys[i].key);
	free(y->keys);
	for (int i = 0; i < BP_YAML_MAX_DEPTH + 2; i++)
		free(y->frame[i].buf);
	free(y->text);
	free(y);
}

const char *bp_yaml_name(const struct bp_yaml *y)
{
	return y->name;
}

struct bp_pos bp_yaml_pos(const struct bp_yaml *y)
{
	struct bp_pos p = y->last;
	if (p.line == 0)
		p.line = p.col = 1;
	return p;
}

static enum bp_yaml_kind kind_of(const yaml_event_t *e)
{
	switch (e->type) {
	case YAML_SCALAR_EVENT:
		return BP_YAML_SCALAR;
	case YAML_SEQUENCE_START_EVENT:
		return BP_YAML_SEQ;
	case YAML_MAPPING_START_EVENT:
		return BP_YAML_MAP;
	default:
		return BP_YAML_END;
	}
}

int bp_yaml_peek(struct bp_yaml *y, enum bp_yaml_kind *kind, struct bp_pos *pos)
{
	int rc = fetch(y);
	if (rc)
		return rc;
	if (kind)
		*kind = kind_of(&y->ev);
	if (pos)
		*pos = mark_pos(y->ev.start_mark);
	return BP_OK;
}

static const char *shape(const yaml_event_t *e)
{
	switch (e->type) {
	case YAML_SCALAR_EVENT:
		return e->data.scalar.length ? "a single value" : "empty";
	case YAML_SEQUENCE_START_EVENT:
		return "a list";
	case YAML_MAPPING_START_EVENT:
		return "a mapping";
	default:
		return "missing";
	}
}

int bp_yaml_begin(struct bp_yaml *y, const char *what)
{
	int rc;
	if ((rc = fetch(y)) || (rc = take(y)))	/* stream start */
		return rc;
	if ((rc = fetch(y)))
		return rc;
	if (y->ev.type == YAML_STREAM_END_EVENT)
		return bp_yaml_error(y, mark_pos(y->ev.start_mark), "the %s is empty", what);
	if ((rc = take(y)) || (rc = fetch(y)))	/* document start */
		return rc;
	struct bp_pos pos = mark_pos(y->ev.start_mark);
	if (y->ev.type == YAML_SCALAR_EVENT && y->ev.data.scalar.length == 0)
		return bp_yaml_error(y, pos, "the %s is empty", what);
	if (y->ev.type != YAML_MAPPING_START_EVENT)
		return bp_yaml_error(y, pos, "the %s must be a mapping of sections (name: ...), "
				     "not %s", what, shape(&y->ev));
	return take(y);
}

int bp_yaml_finish(struct bp_yaml *y)
{
	int rc;
	if ((rc = fetch(y)))
		return rc;
	if (y->ev.type != YAML_DOCUMENT_END_EVENT)
		return bp_yaml_error(y, mark_pos(y->ev.start_mark),
				     "internal: the top-level mapping has not ended");
	if ((rc = take(y)) || (rc = fetch(y)))
		return rc;
	if (y->ev.type == YAML_DOCUMENT_START_EVENT)
		return bp_yaml_error(y, mark_pos(y->ev.start_mark),
				     "a second YAML document ('---'); the file must hold one");
	return take(y);
}

static int expect(struct bp_yaml *y, yaml_event_type_t type, const char *what,
		  const char *want, struct bp_pos *pos)
{
	int rc = fetch(y);
	if (rc)
		return rc;
	if (y->ev.type != type)
		return bp_yaml_error(y, mark_pos(y->ev.start_mark), "%s must be %s, not %s", what,
				     want, shape(&y->ev));
	if (pos)
		*pos = mark_pos(y->ev.start_mark);
	return take(y);
}

int bp_yaml_map(struct bp_yaml *y, const char *what, struct bp_pos *pos)
{
	return expect(y, YAML_MAPPING_START_EVENT, what, "a mapping (key: value)", pos);
}

int bp_yaml_seq(struct bp_yaml *y, const char *what, struct bp_pos *pos)
{
	return expect(y, YAML_SEQUENCE_START_EVENT, what, "a list ([...] or '- ' lines)", pos);
}

int bp_yaml_seq_next(struct bp_yaml *y, int *more)
{
	int rc = fetch(y);
	*more = 0;
	if (rc)
		return rc;
	if (y->ev.type == YAML_SEQUENCE_END_EVENT)
		return take(y);
	*more = 1;
	return BP_OK;
}

static unsigned hash_str(const char *k)
{
	unsigned h = 2166136261u;
	for (; *k; k++)
		h = (h ^ (unsigned char)*k) * 16777619u;
	return h;
}

/* Spread the mapping's number over all bits: linear probing uses the low ones. */
static unsigned hash_mix(unsigned h, unsigned long map)
{
	h ^= (unsigned)map * 0x9E3779B9u;
	h ^= h >> 16;
	h *= 0x85EBCA6Bu;
	h ^= h >> 13;
	return h;
}

static int keys_grow(struct bp_yaml *y)
{
	size_t ncap = y->cap_keys ? y->cap_keys * 2 : 64;
	struct key_seen *nk = calloc(ncap, sizeof *nk);
	if (!nk)
		return -1;
	for (size_t i = 0; i < y->cap_keys; i++) {
		struct key_seen *o = &y->keys[i];
		if (!o->map)
			continue;
		size_t j = o->hash & (ncap - 1);
		while (nk[j].map)
			j = (j + 1) & (ncap - 1);
		nk[j] = *o;
	}
	free(y->keys);
	y->keys = nk;
	y->cap_keys = ncap;
	return 0;
}

static int big_remember(struct bp_yaml *y, unsigned long map, unsigned h, const char *k,
			int line)
{
	if ((y->nkeys + 1) * 2 > y->cap_keys && keys_grow(y))
		return -1;
	size_t j = h & (y->cap_keys - 1);
	for (; y->keys[j].map; j = (j + 1) & (y->cap_keys - 1))
		if (y->keys[j].map == map && y->keys[j].hash == h && !strcmp(y->keys[j].key, k))
			return y->keys[j].line;
	if (!(y->keys[j].key = strdup(k)))
		return -1;
	y->keys[j].map = map;
	y->keys[j].hash = h;
	y->keys[j].line = line;
	y->nkeys++;
	return 0;
}

/* Remember key k of the current mapping; the line of its first use if it
 * was seen before, 0 if new, -1 out of memory. */
static int key_remember(struct bp_yaml *y, const char *k, int line)
{
	struct frame *f = &y->frame[y->level];
	unsigned h = hash_str(k);
	int nsmall = f->nkeys < SMALL_KEYS ? f->nkeys : SMALL_KEYS;
	for (int i = 0; i < nsmall; i++)
		if (f->hash[i] == h && !strcmp(f->buf + f->off[i], k))
			return f->line[i];
	if (f->nkeys >= SMALL_KEYS) {
		int first = big_remember(y, f->map, hash_mix(h, f->map), k, line);
		if (first == 0)
			f->nkeys++;
		return first;
	}
	size_t n = strlen(k) + 1;
	if (f->used + n > f->cap) {
		size_t nc = f->cap ? f->cap : 256;
		while (nc < f->used + n)
			nc *= 2;
		char *nb = realloc(f->buf, nc);
		if (!nb)
			return -1;
		f->buf = nb;
		f->cap = nc;
	}
	memcpy(f->buf + f->used, k, n);
	f->off[f->nkeys] = f->used;
	f->hash[f->nkeys] = h;
	f->line[f->nkeys] = line;
	f->used += n;
	f->nkeys++;
	return 0;
}

static int known_list(char *buf, size_t n, const char *const *known)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; known[i]; i++) {
		int w = snprintf(buf + used, n - used, "%s%s", i ? ", " : "", known[i]);
		if (w < 0 || (size_t)w >= n - used)
			return -1;
		used += (size_t)w;
	}
	return 0;
}

int bp_yaml_key(struct bp_yaml *y, const char *const *known, const char *what,
		const char **key)
{
	int rc = fetch(y);
	*key = NULL;
	if (rc)
		return rc;
	if (y->ev.type == YAML_MAPPING_END_EVENT)
		return take(y);
	if (y->ev.type != YAML_SCALAR_EVENT)
		return bp_yaml_error(y, mark_pos(y->ev.start_mark), "a key in %s must be a plain "
				     "name, not %s", what, shape(&y->ev));
	take(y);
	if (known) {
		int i = 0;
		while (known[i] && strcmp(known[i], y->text))
			i++;
		if (!known[i]) {
			char list[400];
			known_list(list, sizeof list, known);
			return bp_yaml_error(y, y->last, "unknown key '%s' in %s; known keys: %s",
					     y->text, what, list);
		}
	}
	int first = key_remember(y, y->text, y->last.line);
	if (first < 0)
		return bp_err_at(y->err, y->failed = BP_EINTERNAL, y->name, y->last.line,
				 y->last.col, "out of memory while reading the file");
	if (first > 0)
		return bp_yaml_error(y, y->last, "key '%s' appears twice in %s (first at line %d)",
				     y->text, what, first);
	*key = y->text;
	return BP_OK;
}

int bp_yaml_scalar(struct bp_yaml *y, const char *what, const char **val)
{
	int rc = fetch(y);
	*val = NULL;
	if (rc)
		return rc;
	if (y->ev.type != YAML_SCALAR_EVENT)
		return bp_yaml_error(y, mark_pos(y->ev.start_mark), "%s must be a single value, "
				     "not %s", what, shape(&y->ev));
	take(y);
	*val = y->text;
	return BP_OK;
}

int bp_yaml_str(struct bp_yaml *y, const char *what, char *buf, size_t n)
{
	const char *v;
	int rc = bp_yaml_scalar(y, what, &v);
	if (rc)
		return rc;
	size_t len = strlen(v);
	if (len == 0)
		return bp_yaml_error(y, y->last, "%s is empty", what);
	if (len >= n)
		return bp_yaml_error(y, y->last, "%s '%.24s...' is longer than %zu characters",
				     what, v, n - 1);
	for (const char *c = v; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return bp_yaml_error(y, y->last, "%s holds a control character (a line "
					     "break or tab?); write it on one line", what);
	memcpy(buf, v, len + 1);
	return BP_OK;
}

/* Strict decimal: optional sign, digits, nothing else. */
static int parse_whole(const char *v, long long *out)
{
	const char *c = v;
	long long x = 0;
	int neg = 0;
	if (*c == '+' || *c == '-')
		neg = *c++ == '-';
	if (!*c)
		return -1;
	for (; *c; c++) {
		if (*c < '0' || *c > '9')
			return -1;
		if (x > (LLONG_MAX - 9) / 10)
			return -1;
		x = x * 10 + (*c - '0');
	}
	*out = neg ? -x : x;
	return 0;
}

int bp_yaml_int(struct bp_yaml *y, const char *what, int min, int max, int *out)
{
	const char *v;
	long long x;
	int rc = bp_yaml_scalar(y, what, &v);
	if (rc)
		return rc;
	if (parse_whole(v, &x) || x < min || x > max) {
		if (max == INT_MAX)
			return bp_yaml_error(y, y->last, "%s: '%s' is not a whole number >= %d",
					     what, v, min);
		return bp_yaml_error(y, y->last, "%s: '%s' is not a whole number from %d to %d",
				     what, v, min, max);
	}
	*out = (int)x;
	return BP_OK;
}

int bp_yaml_double(struct bp_yaml *y, const char *what, double min, double max,
		   double *out)
{
	const char *v;
	char *end;
	int rc = bp_yaml_scalar(y, what, &v);
	if (rc)
		return rc;
	/* strtod alone would take "inf", "nan" and hex. */
	int ok = *v && strspn(v, "0123456789+-.eE") == strlen(v);
	errno = 0;
	double x = ok ? strtod(v, &end) : 0;
	if (!ok || *end || errno || !isfinite(x) || x < min || x > max) {
		if (max >= 1e300)
			return bp_yaml_error(y, y->last, "%s: '%s' is not a number >= %g", what, v,
					     min);
		return bp_yaml_error(y, y->last, "%s: '%s' is not a number from %g to %g", what,
				     v, min, max);
	}
	*out = x;
	return BP_OK;
}

int bp_yaml_bool(struct bp_yaml *y, const char *what, int *out)
{
	const char *v;
	int rc = bp_yaml_scalar(y, what, &v);
	if (rc)
		return rc;
	if (!strcmp(v, "true") || !strcmp(v, "True") || !strcmp(v, "TRUE"))
		*out = 1;
	else if (!strcmp(v, "false") || !strcmp(v, "False") || !strcmp(v, "FALSE"))
		*out = 0;
	else
		return bp_yaml_error(y, y->last, "%s: '%s' is not true or false", what, v);
	return BP_OK;
}

int bp_yaml_time(struct bp_yaml *y, const char *what, int *minutes)
{
	const char *v;
	int rc = bp_yaml_scalar(y, what, &v);
	if (rc)
		return rc;
	if (bp_time_parse(v, minutes))
		return bp_yaml_error(y, y->last, "%s: '%s' is not a time; write HH:MM, e.g. 07:30",
				     what, v);
	return BP_OK;
}

int bp_yaml_span(struct bp_yaml *y, const char *what, struct bp_span *out)
{
	const char *v;
	int rc = bp_yaml_scalar(y, what, &v);
	if (rc)
		return rc;
	if (bp_span_parse(v, out))
		return bp_yaml_error(y, y->last, "%s: '%s' is not a time span; write "
				     "HH:MM-HH:MM, e.g. 09:00-11:00", what, v);
	if (out->end < out->start)
		return bp_yaml_error(y, y->last, "%s: '%s' ends before it starts", what, v);
	if (out->end == out->start)
		return bp_yaml_error(y, y->last, "%s: '%s' ends when it starts", what, v);
	return BP_OK;
}

int bp_yaml_spans(struct bp_yaml *y, const char *what, struct bp_span *out, int *n)
{
	int more, rc = bp_yaml_seq(y, what, NULL);
	*n = 0;
	while (!rc && !(rc = bp_yaml_seq_next(y, &more)) && more) {
		struct bp_pos pos;
		if ((rc = bp_yaml_peek(y, NULL, &pos)))
			return rc;
		if (*n == BP_MAX_SPANS)
			return bp_yaml_error(y, pos, "%s: more than %d time spans", what,
					     BP_MAX_SPANS);
		rc = bp_yaml_span(y, what, &out[(*n)++]);
	}
	return rc;
}

int bp_yaml_date(struct bp_yaml *y, const char *what, int *day)
{
	const char *v;
	int rc = bp_yaml_scalar(y, what, &v);
	if (rc)
		return rc;
	if (bp_date_parse(v, day))
		return bp_yaml_error(y, y->last, "%s: '%s' is not a date; write YYYY-MM-DD "
				     "(1970 to 2199), e.g. 2026-11-23", what, v);
	return BP_OK;
}

int bp_yaml_datetime(struct bp_yaml *y, const char *what, int *day, int *minute)
{
	const char *v;
	int rc = bp_yaml_scalar(y, what, &v);
	if (rc)
		return rc;
	if (bp_datetime_parse(v, day, minute))
		return bp_yaml_error(y, y->last, "%s: '%s' is not a date and time; write "
				     "YYYY-MM-DDTHH:MM (1970 to 2199), e.g. 2026-11-23T12:00", what, v);
	return BP_OK;
}

int bp_yaml_here(struct bp_yaml *y, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return bp_yaml_error(y, bp_yaml_pos(y), "%s", msg);
}

int bp_yaml_oom(struct bp_yaml *y)
{
	struct bp_pos p = bp_yaml_pos(y);
	return bp_err_at(y->err, BP_EINTERNAL, bp_yaml_name(y), p.line, p.col, "out of memory");
}

int bp_yaml_service_level(struct bp_yaml *y, const char *what, double *out)
{
	int rc = bp_yaml_double(y, what, 0, 1, out);
	if (!rc && (*out <= 0 || *out >= 1))
		rc = bp_yaml_here(y, "%s: %g is not between 0 and 1 (e.g. 0.95)", what, *out);
	return rc;
}

const char *const bp_yaml_policy_keys[] = {"tier_weight", "job_value", "late_per_minute",
	"overtime_factor", "overqual_per_minute", "wait_per_minute", "delivery_fee",
	"holding_rate_per_day", "missing_part_penalty", "safety_shortfall_penalty",
	"excess_days", "service_level", "max_overbook", NULL};
