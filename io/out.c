/*
 * out.c - escaping and framing shared by the CSV, JSON, iCalendar and HTML
 * writers. Everything here streams to a FILE; callers check ferror() once at
 * the end, so these helpers return nothing.
 */
#include "io/out.h"

#include <assert.h>
#include <math.h>
#include <string.h>

int bp_utf8_len(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0];
	int n;
	unsigned min;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, min = 0x80;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, min = 0x800;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, min = 0x10000;
	else
		return 0;
	unsigned cp = c & (0x3f >> (n - 1));
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;   /* also stops at the terminating NUL */
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

static unsigned utf8_cp(const unsigned char *s, int n)
{
	if (n == 1)
		return s[0];
	unsigned cp = s[0] & (0x3f >> (n - 1));
	for (int i = 1; i < n; i++)
		cp = cp << 6 | (s[i] & 0x3f);
	return cp;
}

static int wide(unsigned cp)
{
	return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	       (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	       (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	       (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) ||
	       (cp >= 0x20000 && cp <= 0x3fffd);
}

int bp_out_width(const char *s)
{
	int w = 0;
	while (*s) {
		int n = bp_utf8_len(s);
		if (n == 0) {
			w++, s++;
			continue;
		}
		w += wide(utf8_cp((const unsigned char *)s, n)) ? 2 : 1;
		s += n;
	}
	return w;
}

void bp_out_cell(FILE *f, const char *s, int width)
{
	int cut = width >= 0 && bp_out_width(s) > width;
	int w = 0, room = cut ? width - 1 : width;   /* the ellipsis takes a column */
	while (*s) {
		int n = bp_utf8_len(s), cw = 1;
		if (n == 0)
			n = 1;
		else if (n > 1)
			cw = wide(utf8_cp((const unsigned char *)s, n)) ? 2 : 1;
		if (width >= 0 && w + cw > room)
			break;
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			fputc(' ', f);
		else
			fwrite(s, 1, (size_t)n, f);
		w += cw;
		s += n;
	}
	if (cut) {
		fputs("\xe2\x80\xa6", f);
		w++;
	}
	for (; w < width; w++)
		fputc(' ', f);
}

void bp_json_string(FILE *f, const char *s)
{
	fputc('"', f);
	while (*s) {
		unsigned char c = (unsigned char)*s;
		int n = bp_utf8_len(s);
		if (n == 0) {
			fputs("\\ufffd", f);
			s++;
			continue;
		}
		switch (c) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		case '\b': fputs("\\b", f); break;
		case '\f': fputs("\\f", f); break;
		default:
			if (c < 0x20 || c == 0x7f)
				fprintf(f, "\\u%04x", c);
			else
				fwrite(s, 1, (size_t)n, f);
		}
		s += n;
	}
	fputc('"', f);
}

static void json_indent(struct bp_json *j)
{
	if (j->compact)
		return;
	fputc('\n', j->f);
	for (int i = 0; i < j->depth; i++)
		fputs("  ", j->f);
}

/* Comma, newline, indentation and "key": before any value. */
static void json_member(struct bp_json *j, const char *key)
{
	if (j->depth == 0)
		return;
	if (j->any[j->depth - 1])
		fputc(',', j->f);
	j->any[j->depth - 1] = 1;
	json_indent(j);
	if (key) {
		bp_json_string(j->f, key);
		fputs(": ", j->f);
	}
}

void bp_json_init(struct bp_json *j, FILE *f)
{
	memset(j, 0, sizeof *j);
	j->f = f;
}

static void json_open(struct bp_json *j, const char *key, char open, char close)
{
	assert(j->depth < BP_JSON_DEPTH);
	json_member(j, key);
	fputc(open, j->f);
	j->close[j->depth] = close;
	j->any[j->depth] = 0;
	j->depth++;
}

void bp_json_obj(struct bp_json *j, const char *key)
{
	json_open(j, key, '{', '}');
}

void bp_json_arr(struct bp_json *j, const char *key)
{
	json_open(j, key, '[', ']');
}

void bp_json_end(struct bp_json *j)
{
	assert(j->depth > 0);
	j->depth--;
	if (j->any[j->depth])
		json_indent(j);
	fputc(j->close[j->depth], j->f);
	if (j->depth == 0 && !j->compact)
		fputc('\n', j->f);
}

void bp_json_str(struct bp_json *j, const char *key, const char *v)
{
	json_member(j, key);
	if (v)
		bp_json_string(j->f, v);
	else
		fputs("null", j->f);
}

void bp_json_int(struct bp_json *j, const char *key, long long v)
{
	json_member(j, key);
	fprintf(j->f, "%lld", v);
}

void bp_json_num(struct bp_json *j, const char *key, double v)
{
	json_member(j, key);
	if (!isfinite(v)) {
		fputs("null", j->f);
		return;
	}
	/* Round-trippable but short: 15 significant digits hide binary noise
	 * such as 0.30000000000000004 while keeping every figure a plan has. */
	char buf[40];
	snprintf(buf, sizeof buf, "%.15g", v == 0 ? 0.0 : v);   /* no "-0" */
	fputs(buf, j->f);
}

void bp_json_bool(struct bp_json *j, const char *key, int v)
{
	json_member(j, key);
	fputs(v ? "true" : "false", j->f);
}

void bp_json_null(struct bp_json *j, const char *key)
{
	json_member(j, key);
	fputs("null", j->f);
}

/* OWASP's rule for CSV injection: a text cell that a spreadsheet would read
 * as a formula (=, +, -, @, or a tab or CR that some strip first) gets a
 * leading apostrophe, which spreadsheets show as text. Numbers never come
 * through here (the writers print them), so -5 stays a number. */
static int formula_like(const char *s)
{
	return s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
	       s[0] == '\r';
}

void bp_csv_field(FILE *f, const char *s)
{
	size_t n = strlen(s);
	int guard = formula_like(s);
	int quote = n > 0 && (s[0] == ' ' || s[n - 1] == ' ');
	if (!quote)
		quote = strpbrk(s, ",\"\r\n") != NULL;
	if (!quote) {
		fprintf(f, "%s%s", guard ? "'" : "", s);
		return;
	}
	fputs(guard ? "\"'" : "\"", f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void bp_csv_end_row(FILE *f)
{
	fputc('\n', f);
}

void bp_html(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:
			fputc(c < 0x20 && c != '\t' && c != '\n' ? ' ' : c, f);
		}
	}
}

/* Folding state: octets on the current physical line. */
struct fold {
	FILE *f;
	int used;
};

/* Emit one unit that must stay whole (a character or a TEXT escape). */
static void fold_put(struct fold *st, const char *p, int n)
{
	if (st->used + n > 75) {
		fputs("\r\n ", st->f);
		st->used = 1;   /* the leading space counts */
	}
	fwrite(p, 1, (size_t)n, st->f);
	st->used += n;
}

static void fold_str(struct fold *st, const char *s, int text)
{
	while (*s) {
		if (text && (*s == '\\' || *s == ';' || *s == ',')) {
			char esc[2] = {'\\', *s};
			fold_put(st, esc, 2);
			s++;
		} else if (text && (*s == '\n' || *s == '\r')) {
			fold_put(st, "\\n", 2);
			/* CRLF inside a value is one line break, not two. */
			s += (s[0] == '\r' && s[1] == '\n') ? 2 : 1;
		} else if ((unsigned char)*s < 0x20 && *s != '\t') {
			/* Other controls are not allowed in any value type. */
			fold_put(st, " ", 1);
			s++;
		} else {
			int n = bp_utf8_len(s);
			if (n == 0) {
				/* Not UTF-8: the content would be invalid; U+FFFD. */
				fold_put(st, "\xef\xbf\xbd", 3);
				s++;
			} else {
				fold_put(st, s, n);
				s += n;
			}
		}
	}
}

void bp_ics_line(FILE *f, const char *name, const char *value, int text)
{
	struct fold st = {f, 0};
	fold_str(&st, name, 0);
	fold_put(&st, ":", 1);
	fold_str(&st, value, text);
	fputs("\r\n", f);
}
