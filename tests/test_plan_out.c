/*
 * test_plan_out.c - the plan writers and their helpers: iCalendar folding,
 * escaping and UIDs; CSV quoting; JSON well-formedness; the table's content.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/out.h"
#include "io/plan_out.h"
#include "tests/plan_fixture.h"

Suite *bp_suite_plan_out(void);

/* ------------------------------------------------------------- helpers */

static char *render_plan(const struct bp_shop *s, const struct bp_plan *p,
			 enum bp_format fmt, int want_rc)
{
	char *buf = NULL;
	size_t len = 0;
	struct bp_err err = {0};
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	int rc = bp_plan_write(f, fmt, s, p, &err);
	fclose(f);
	ck_assert_msg(rc == want_rc, "bp_plan_write returned %d (wanted %d): %s", rc, want_rc,
		      err.msg);
	return buf;
}

static char *render(enum bp_format fmt)
{
	struct bp_shop s;
	struct bp_plan p;
	ck_assert_int_eq(bp_fixture_shop(&s), 0);
	ck_assert_int_eq(bp_fixture_plan(&s, &p), 0);
	char *out = render_plan(&s, &p, fmt, 0);
	bp_plan_free(&p);
	bp_shop_free(&s);
	return out;
}

/* Capture what a FILE-writing helper prints. */
#define CAPTURE(buf, call)                                      \
	do {                                                    \
		size_t len_;                                    \
		FILE *f = open_memstream(&(buf), &len_);        \
		call;                                           \
		fclose(f);                                      \
	} while (0)

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* RFC 5545 3.1: remove every CRLF followed by one space or tab. */
static char *unfold(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	while (*s) {
		if (s[0] == '\r' && s[1] == '\n' && (s[2] == ' ' || s[2] == '\t'))
			s += 3;
		else
			*o++ = *s++;
	}
	*o = 0;
	return out;
}

/* Undo TEXT escaping (3.3.11). */
static char *unescape_text(const char *s, size_t n)
{
	char *out = malloc(n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			i++;
			*o++ = (s[i] == 'n' || s[i] == 'N') ? '\n' : s[i];
		} else {
			*o++ = s[i];
		}
	}
	*o = 0;
	return out;
}

/* The value of the first unfolded property `name` after `from`, unescaped. */
static char *ics_value(const char *unfolded, const char *from, const char *name)
{
	const char *p = strstr(unfolded, from);
	ck_assert_msg(p != NULL, "'%s' not in the calendar", from);
	char key[64];
	snprintf(key, sizeof key, "\r\n%s:", name);
	p = strstr(p, key);
	ck_assert_msg(p != NULL, "no %s after '%s'", name, from);
	p += strlen(key);
	const char *e = strstr(p, "\r\n");
	return unescape_text(p, (size_t)(e - p));
}

/* Physical lines: each must end CRLF, hold at most 75 octets, and be valid
 * UTF-8 by itself (so no character was split by a fold). */
static int check_physical_lines(const char *s, int *folds)
{
	*folds = 0;
	while (*s) {
		const char *e = strstr(s, "\r\n");
		ck_assert_msg(e != NULL, "last line has no CRLF: '%.40s'", s);
		const char *lf = memchr(s, '\n', (size_t)(e - s));
		ck_assert_msg(lf == NULL, "bare LF inside '%.*s'", (int)(e - s), s);
		ck_assert_msg(memchr(s, '\r', (size_t)(e - s)) == NULL, "bare CR in a line");
		ck_assert_msg(e - s <= 75, "line of %d octets: '%.*s'", (int)(e - s), (int)(e - s),
			      s);
		if (*s == ' ')
			(*folds)++;
		for (const char *c = s; c < e;) {
			int n = bp_utf8_len(c);
			ck_assert_msg(n > 0 && c + n <= e, "split or invalid UTF-8 at octet %d of "
				      "'%.*s'", (int)(c - s), (int)(e - s), s);
			c += n;
		}
		s = e + 2;
	}
	return 0;
}

/* ------------------------------------------------------------- ics */

START_TEST(ics_lines_crlf_folded_whole_characters)
{
	char *ics = render(BP_FMT_ICS);
	int folds;
	check_physical_lines(ics, &folds);
	ck_assert_msg(folds >= 3, "only %d folded lines; the long descriptions should fold", folds);
	free(ics);
}
END_TEST

START_TEST(ics_unfolding_restores_description)
{
	struct bp_shop s;
	ck_assert_int_eq(bp_fixture_shop(&s), 0);
	char *ics = render(BP_FMT_ICS);
	char *u = unfold(ics);
	char *d = ics_value(u, "UID:RO-1005/Riverside%20Motors%20%26%20Sons@bayplan", "DESCRIPTION");
	char want[512];
	snprintf(want, sizeof want, "Service: %s (EVB)\nTechnician: T1 %s\nTier: potential\n"
		 "Promised: 12:00\nCustomer waits on site",
		 s.services[bp_shop_service(&s, "EVB")].name, s.techs[bp_shop_tech(&s, "T1")].name);
	ck_assert_str_eq(d, want);
	free(d);
	/* The workshop's calendar names the technician in the summary. */
	d = ics_value(u, "UID:RO-1005/Riverside%20Motors%20%26%20Sons@bayplan", "SUMMARY");
	snprintf(want, sizeof want, "RO-1005 \xe2\x80\x93 %s \xe2\x80\x93 T1",
		 s.services[bp_shop_service(&s, "EVB")].name);
	ck_assert_str_eq(d, want);
	free(d);
	d = ics_value(u, "UID:RO-1006/Riverside%20Motors%20%26%20Sons@bayplan", "DESCRIPTION");
	ck_assert_msg(strstr(d, "Parts arrive: 13:30") != NULL, "parts time missing: %s", d);
	free(d);
	free(u);
	free(ics);
	bp_shop_free(&s);
}
END_TEST

/* Every prefix length puts the fold at a different octet of the 2-, 3- and
 * 4-octet characters and of the escapes; none may be split, and unfolding
 * plus unescaping must give the value back. */
START_TEST(ics_line_folds_any_alignment)
{
	const char *val = "Pr\xc3\xbc" "fung; \xe7\x94\xb5\xe6\xb1\xa0, \xf0\x9f\x94\x8b "
			  "back\\slash\n"
			  "second line \xe7\x94\xb5\xe6\xb1\xa0\xe5\x81\xa5\xe5\xba\xb7\xe6\xa3\x80"
			  "\xe6\x9f\xa5 \xf0\x9f\x9a\x97\xf0\x9f\x9a\x97\xf0\x9f\x9a\x97 end";
	for (int pad = 0; pad < 12; pad++) {
		char v[512], *out = NULL;
		snprintf(v, sizeof v, "%.*s%s", pad, "xxxxxxxxxxxx", val);
		CAPTURE(out, bp_ics_line(f, "DESCRIPTION", v, 1));
		int folds;
		check_physical_lines(out, &folds);
		ck_assert_msg(folds >= 1, "pad %d: no fold in a %zu-octet value", pad, strlen(v));
		char *u = unfold(out);
		ck_assert_msg(strncmp(u, "DESCRIPTION:", 12) == 0, "pad %d: %s", pad, u);
		size_t n = strlen(u);
		ck_assert(n >= 14 && strcmp(u + n - 2, "\r\n") == 0);
		char *back = unescape_text(u + 12, n - 14);
		ck_assert_msg(strcmp(back, v) == 0, "pad %d: got '%s'", pad, back);
		free(back);
		free(u);
		free(out);
	}
}
END_TEST

START_TEST(ics_text_escaping)
{
	char *out = NULL;
	CAPTURE(out, bp_ics_line(f, "SUMMARY", "a\\b;c,d\ne\r\nf", 1));
	ck_assert_str_eq(out, "SUMMARY:a\\\\b\\;c\\,d\\ne\\nf\r\n");
	free(out);
	/* Non-TEXT values (dates, versions) are written as they are. */
	CAPTURE(out, bp_ics_line(f, "DTSTART", "20261124T080000", 0));
	ck_assert_str_eq(out, "DTSTART:20261124T080000\r\n");
	free(out);
	char *ics = render(BP_FMT_ICS);
	char *u = unfold(ics);
	ck_assert_msg(strstr(u, "SUMMARY:RO-1002 \xe2\x80\x93 Brake pads\\, front axle \xe2"),
		      "comma in SUMMARY not escaped");
	ck_assert_msg(strstr(u, "(insulation\\; coolant\\, HV)"), "semicolon not escaped");
	free(u);
	free(ics);
}
END_TEST

START_TEST(ics_uids_stable_and_unique)
{
	char *a = render(BP_FMT_ICS), *b = render(BP_FMT_ICS);
	ck_assert_msg(strcmp(a, b) == 0, "two runs on the same plan differ");
	char *u = unfold(a);
	ck_assert_msg(strstr(u, "\r\nUID:RO-1001/Riverside%20Motors%20%26%20Sons@bayplan\r\n"), "UID of RO-1001");
	ck_assert_msg(strstr(u, "\r\nUID:R%3C1%262%3E/Riverside%20Motors%20%26%20Sons@bayplan\r\n"),
		      "UID of R<1&2> not percent-encoded");
	ck_assert_msg(strstr(u, "\r\nDTSTAMP:20261124T000000Z\r\n"), "DTSTAMP not from the plan");
	ck_assert_msg(strstr(u, "\r\nSEQUENCE:0\r\n"), "no SEQUENCE");
	ck_assert_msg(strstr(u, "\r\nDTSTART:20261124T164500\r\nDTEND:20261124T171500\r\n"),
		      "RO-1007's times");
	/* Unique: every UID line occurs once. */
	for (const char *p = strstr(u, "\r\nUID:"); p; p = strstr(p + 1, "\r\nUID:")) {
		const char *e = strstr(p + 2, "\r\n");
		char uid[160];
		snprintf(uid, sizeof uid, "%.*s", (int)(e - p + 2), p);
		ck_assert_msg(count(u, uid) == 1, "UID repeated: %s", uid + 2);
	}
	free(u);
	free(a);
	free(b);
}
END_TEST

/* Every UID line of an unfolded calendar occurs once. */
static void uids_unique(const char *u)
{
	for (const char *p = strstr(u, "\r\nUID:"); p; p = strstr(p + 1, "\r\nUID:")) {
		const char *e = strstr(p + 2, "\r\n");
		char uid[160];
		snprintf(uid, sizeof uid, "%.*s", (int)(e - p + 2), p);
		ck_assert_msg(count(u, uid) == 1, "UID repeated: %s", uid + 2);
	}
}

/* A UID is the job's and the shop's: a re-plan that gives the job to
 * another technician keeps it (the calendar moves the event instead of
 * adding one); ids with '-' and '/' stay apart ('/' joins the parts). */
START_TEST(ics_uid_per_job_not_technician)
{
	struct bp_shop s;
	struct bp_plan p;
	ck_assert_int_eq(bp_fixture_shop(&s), 0);
	ck_assert_int_eq(bp_fixture_plan(&s, &p), 0);
	snprintf(s.jobs[p.assign[0].job].id, BP_ID_LEN, "X-Y");
	snprintf(s.jobs[p.assign[1].job].id, BP_ID_LEN, "X/Y");
	char *ics = render_plan(&s, &p, BP_FMT_ICS, 0);
	char *u = unfold(ics);
	ck_assert_msg(strstr(u, "\r\nUID:X-Y/Riverside%20Motors%20%26%20Sons@bayplan\r\n"), "UID of X-Y");
	ck_assert_msg(strstr(u, "\r\nUID:X%2FY/Riverside%20Motors%20%26%20Sons@bayplan\r\n"), "UID of X/Y");
	uids_unique(u);
	/* Another technician for the first job: the same UIDs. */
	int t = p.assign[0].tech;
	p.assign[0].tech = t == 0 ? 1 : 0;
	char *again = render_plan(&s, &p, BP_FMT_ICS, 0);
	char *u2 = unfold(again);
	for (const char *q = strstr(u, "\r\nUID:"); q; q = strstr(q + 1, "\r\nUID:")) {
		const char *e = strstr(q + 2, "\r\n");
		char uid[160];
		snprintf(uid, sizeof uid, "%.*s", (int)(e - q + 2), q);
		ck_assert_msg(strstr(u2, uid), "UID changed with the technician: %s", uid + 2);
	}
	free(u2);
	free(again);
	free(u);
	free(ics);
	bp_plan_free(&p);
	bp_shop_free(&s);
}
END_TEST

START_TEST(ics_one_calendar_per_file)
{
	/* The workshop's: one VCALENDAR with every scheduled job. */
	char *ics = render(BP_FMT_ICS);
	ck_assert_int_eq(count(ics, "BEGIN:VCALENDAR\r\n"), 1);
	ck_assert_int_eq(count(ics, "END:VCALENDAR\r\n"), 1);
	ck_assert_int_eq(count(ics, "VERSION:2.0\r\n"), 1);
	ck_assert_int_eq(count(ics, "BEGIN:VEVENT\r\n"), 7);
	ck_assert_int_eq(count(ics, "END:VEVENT\r\n"), 7);
	ck_assert_msg(strncmp(ics, "BEGIN:VCALENDAR\r\n", 17) == 0, "stream starts elsewhere");
	ck_assert_msg(strstr(ics, "X-WR-CALNAME:Riverside") != NULL, "not the shop's name");
	free(ics);
	/* A technician's: their events only, and T4's (no work) empty. */
	struct bp_shop s;
	struct bp_plan p;
	struct bp_err err = {0};
	ck_assert_int_eq(bp_fixture_shop(&s), 0);
	ck_assert_int_eq(bp_fixture_plan(&s, &p), 0);
	char *t3 = NULL, *t4 = NULL;
	CAPTURE(t3, ck_assert_int_eq(bp_plan_write_tech(f, BP_FMT_ICS, &s, &p,
							bp_shop_tech(&s, "T3"), &err), 0));
	CAPTURE(t4, ck_assert_int_eq(bp_plan_write_tech(f, BP_FMT_ICS, &s, &p,
							bp_shop_tech(&s, "T4"), &err), 0));
	ck_assert_int_eq(count(t3, "BEGIN:VCALENDAR\r\n"), 1);
	ck_assert_int_eq(count(t3, "BEGIN:VEVENT"), 2);
	ck_assert_msg(strstr(t3, "X-WR-CALNAME:T3") != NULL, "T3's calendar not named");
	ck_assert_int_eq(count(t4, "BEGIN:VCALENDAR\r\n"), 1);
	ck_assert_int_eq(count(t4, "BEGIN:VEVENT"), 0);
	free(t3);
	free(t4);
	/* The caller's stamp and sequence numbers. */
	int moves[64] = {0};
	struct bp_ics_opts o;
	memset(&o, 0, sizeof o);
	snprintf(o.stamp, sizeof o.stamp, "20261123T171500Z");
	moves[p.assign[0].job] = 3;
	o.moves = moves;
	char *st = NULL;
	CAPTURE(st, ck_assert_int_eq(bp_plan_write_ics(f, BP_FMT_ICS, &s, &p, -1, &o, &err), 0));
	ck_assert_int_eq(count(st, "DTSTAMP:20261123T171500Z\r\n"), 7);
	ck_assert_int_eq(count(st, "SEQUENCE:3\r\n"), 1);
	ck_assert_int_eq(count(st, "SEQUENCE:0\r\n"), 6);
	free(st);
	bp_plan_free(&p);
	bp_shop_free(&s);
}
END_TEST

/* ------------------------------------------------------------- csv */

/* A strict RFC 4180 reader: rows of fields; quoted fields may hold commas,
 * doubled quotes and line breaks. Returns rows read, -1 on malformed input. */
#define MAXF 24
#define MAXR 96
static int csv_parse(const char *s, char *cell[MAXR][MAXF], int nf[MAXR])
{
	int r = 0;
	while (*s && r < MAXR) {
		nf[r] = 0;
		for (;;) {
			char *v = malloc(strlen(s) + 1), *o = v;
			if (*s == '"') {
				s++;
				for (;;) {
					if (!*s) {
						free(v);
						return -1;
					}
					if (*s == '"' && s[1] == '"') {
						*o++ = '"';
						s += 2;
					} else if (*s == '"') {
						s++;
						break;
					} else {
						*o++ = *s++;
					}
				}
			} else {
				while (*s && *s != ',' && *s != '\n') {
					if (*s == '"') {
						free(v);
						return -1;
					}
					*o++ = *s++;
				}
			}
			*o = 0;
			cell[r][nf[r]++] = v;
			if (*s == ',') {
				s++;
				continue;
			}
			if (*s == '\n' || *s == 0) {
				if (*s)
					s++;
				break;
			}
			return -1;   /* junk after a closing quote */
		}
		r++;
	}
	return r;
}

static void csv_free(char *cell[MAXR][MAXF], int nf[MAXR], int rows)
{
	for (int r = 0; r < rows; r++)
		for (int i = 0; i < nf[r]; i++)
			free(cell[r][i]);
}

START_TEST(csv_field_quoting)
{
	struct {
		const char *in, *out;
	} cases[] = {
		{"plain", "plain"}, {"a,b", "\"a,b\""}, {"say \"hi\"", "\"say \"\"hi\"\"\""},
		{"two\nlines", "\"two\nlines\""}, {"cr\rx", "\"cr\rx\""}, {" lead", "\" lead\""},
		{"", ""}, {"\xe7\x94\xb5", "\xe7\x94\xb5"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *out = NULL;
		CAPTURE(out, bp_csv_field(f, cases[i].in));
		ck_assert_msg(strcmp(out, cases[i].out) == 0, "'%s' -> '%s', wanted '%s'",
			      cases[i].in, out, cases[i].out);
		free(out);
	}
}
END_TEST

START_TEST(csv_rows_parse_back)
{
	char *csv = render(BP_FMT_CSV);
	char *cell[MAXR][MAXF];
	int nf[MAXR];
	int rows = csv_parse(csv, cell, nf);
	int jobs = 0, kpis = 0;
	for (int r = 0; r < rows; r++) {
		ck_assert_msg(nf[r] == 24, "row %d has %d fields", r, nf[r]);
		if (r && strcmp(cell[r][3], "kpi") == 0)
			kpis++;
		else if (r)
			jobs++;
	}
	ck_assert_msg(jobs == 9, "%d job rows, wanted the 9 jobs of the date", jobs);
	ck_assert_msg(kpis >= 20, "%d kpi rows", kpis);
	/* The names beside the ids, and the KPI rows' own columns, after. */
	ck_assert_str_eq(cell[0][19], "service_name");
	ck_assert_str_eq(cell[0][20], "technician_name");
	ck_assert_str_eq(cell[0][21], "bay_type");
	ck_assert_str_eq(cell[0][22], "kpi");
	ck_assert_str_eq(cell[0][23], "value");
	ck_assert_str_eq(cell[0][0], "job_id");
	ck_assert_str_eq(cell[0][12], "earliest_date");
	ck_assert_str_eq(cell[0][13], "carried_from");
	/* New columns go at the end, so readers of the old ones keep working. */
	ck_assert_str_eq(cell[0][14], "checkin");
	ck_assert_str_eq(cell[0][15], "ready");
	ck_assert_str_eq(cell[0][16], "carry_minutes");
	ck_assert_str_eq(cell[0][17], "continues_on");
	ck_assert_str_eq(cell[0][18], "loan_car");
	int seen_odd = 0, seen_cap = 0;
	for (int r = 1; r < rows; r++) {
		if (strcmp(cell[r][3], "kpi") == 0) {
			ck_assert_str_eq(cell[r][0], "");
			if (strcmp(cell[r][22], "jobs") == 0)
				ck_assert_str_eq(cell[r][23], "9");
			continue;
		}
		ck_assert_msg(strcmp(cell[r][0], "RO-2001") != 0,
			      "a job of another date is listed");
		if (strcmp(cell[r][0], "R<1&2>") == 0) {
			seen_odd = 1;
			ck_assert_str_eq(cell[r][3], "scheduled");
			ck_assert_str_eq(cell[r][6], "2026-11-24T09:00");
			ck_assert_str_eq(cell[r][7], "2026-11-24T09:45");
			ck_assert_str_eq(cell[r][8], "2026-11-24T09:30");
			ck_assert_str_eq(cell[r][9], "15");
			ck_assert_msg(cell[r][20][0] != 0, "no technician name");
		}
		if (strcmp(cell[r][0], "RO-1009") == 0) {
			seen_cap = 1;
			ck_assert_str_eq(cell[r][3], "unscheduled");
			ck_assert_str_eq(cell[r][10], "capacity");
			ck_assert_str_eq(cell[r][11],
					 "the \"only\" alignment bay is full, all day;\n"
					 "next free\tslot: none\x01");
			ck_assert_str_eq(cell[r][12], "");
			ck_assert_str_eq(cell[r][13], "");
		}
		if (strcmp(cell[r][0], "RO-1008") == 0)
			ck_assert_str_eq(cell[r][12], "2026-11-26");
	}
	ck_assert_msg(seen_odd && seen_cap, "rows missing: R<1&2> %d, RO-1009 %d", seen_odd,
		      seen_cap);
	csv_free(cell, nf, rows);
	free(csv);
}
END_TEST

/* ------------------------------------------------------------- json */

/* A strict validating JSON scanner (RFC 8259): returns the position after
 * one value, or NULL. Raw control characters in strings are errors. */
static const char *jv(const char *p, int depth);

static const char *jws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static const char *jstr(const char *p)
{
	if (*p++ != '"')
		return NULL;
	while (*p != '"') {
		unsigned char c = (unsigned char)*p;
		if (c < 0x20)
			return NULL;
		if (c == '\\') {
			p++;
			if (*p == 'u') {
				for (int i = 1; i <= 4; i++)
					if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
						return NULL;
				p += 5;
			} else if (*p && strchr("\"\\/bfnrt", *p)) {
				p++;
			} else {
				return NULL;
			}
		} else {
			int n = bp_utf8_len(p);
			if (n == 0)
				return NULL;
			p += n;
		}
	}
	return p + 1;
}

static const char *jnum(const char *p)
{
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return NULL;
	if (*p == '.') {
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return NULL;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return NULL;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return p;
}

static const char *jv(const char *p, int depth)
{
	if (depth > 32)
		return NULL;
	p = jws(p);
	if (*p == '{' || *p == '[') {
		char close = *p == '{' ? '}' : ']';
		int obj = *p == '{';
		p = jws(p + 1);
		if (*p == close)
			return p + 1;
		for (;;) {
			if (obj) {
				p = jstr(jws(p));
				if (!p)
					return NULL;
				p = jws(p);
				if (*p++ != ':')
					return NULL;
			}
			p = jv(p, depth + 1);
			if (!p)
				return NULL;
			p = jws(p);
			if (*p == ',') {
				p++;
				continue;
			}
			return *p == close ? p + 1 : NULL;
		}
	}
	if (*p == '"')
		return jstr(p);
	if (strncmp(p, "true", 4) == 0)
		return p + 4;
	if (strncmp(p, "false", 5) == 0)
		return p + 5;
	if (strncmp(p, "null", 4) == 0)
		return p + 4;
	return jnum(p);
}

static int json_valid(const char *s)
{
	const char *e = jv(s, 0);
	return e && *jws(e) == 0;
}

START_TEST(json_checker_refuses_bad_json)
{
	const char *bad[] = {"{\"a\":1,}", "[1 2]", "{\"a\" 1}", "\"ctl\x01\"", "NaN", "01",
			     "{\"a\":nan}", "[\"\\x\"]", "\"\xff\"", "[1.]", "{}{}"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(!json_valid(bad[i]), "checker accepted '%s'", bad[i]);
	ck_assert(json_valid("{\"a\":[1,-2.5e3,true,null,\"\\u00e9\"]}"));
}
END_TEST

START_TEST(json_plan_is_well_formed)
{
	char *js = render(BP_FMT_JSON);
	ck_assert_msg(json_valid(js), "invalid JSON:\n%s", js);
	ck_assert_msg(js[0] == '{', "not one object");
	const char *keys[] = {"\"date\": \"2026-11-24\"", "\"status\": \"optimal\"",
			      "\"objective\": 22950.5", "\"bound\": 22960", "\"gap\": ",
			      "\"solve_ms\": 1234", "\"schedule\": [", "\"unscheduled\": [",
			      "\"kpis\": {", "\"job_id\": \"R<1&2>\"",
			      "\"earliest_date\": \"2026-11-26\"", "\"late_minutes\": 15"};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		ck_assert_msg(strstr(js, keys[i]), "missing %s", keys[i]);
	ck_assert_int_eq(count(js, "\"job_id\""), 9);
	/* Control characters escaped, quotes and newlines too. */
	ck_assert_msg(strstr(js, "the \\\"only\\\" alignment bay is full, all day;\\nnext "
			     "free\\tslot: none\\u0001"), "detail not escaped");
	free(js);
}
END_TEST

START_TEST(json_numbers_stay_finite)
{
	struct bp_shop s;
	struct bp_plan p;
	ck_assert_int_eq(bp_fixture_shop(&s), 0);
	ck_assert_int_eq(bp_fixture_plan(&s, &p), 0);
	p.status = BP_RUN_FAILED;
	p.objective = NAN;
	p.bound = INFINITY;
	p.gap = -INFINITY;
	char *js = render_plan(&s, &p, BP_FMT_JSON, 0);
	ck_assert_msg(json_valid(js), "invalid JSON with NaN figures:\n%s", js);
	ck_assert_msg(strstr(js, "\"objective\": null") && strstr(js, "\"bound\": null") &&
		      strstr(js, "\"gap\": null"), "non-finite numbers not null");
	free(js);
	char *tab = render_plan(&s, &p, BP_FMT_TABLE, 0);
	ck_assert_msg(strstr(tab, "objective -") && !strstr(tab, "nan") && !strstr(tab, "inf"),
		      "table prints non-finite figures: %.200s", tab);
	free(tab);
	bp_plan_free(&p);
	bp_shop_free(&s);
}
END_TEST

START_TEST(json_string_escapes_everything)
{
	char *out = NULL;
	CAPTURE(out, bp_json_string(f, "q\"b\\s/\x01\x1f\x7f\b\f\r\n\t\xff\xc3\xa9"));
	ck_assert_str_eq(out, "\"q\\\"b\\\\s/\\u0001\\u001f\\u007f"
			 "\\b\\f\\r\\n\\t\\ufffd\xc3\xa9\"");
	ck_assert(json_valid(out));
	free(out);
	/* Overlong, surrogate and truncated sequences are not UTF-8. */
	CAPTURE(out, bp_json_string(f, "\xc0\xaf|\xed\xa0\x80|\xe7\x94"));
	ck_assert_msg(json_valid(out), "invalid: %s", out);
	ck_assert_int_eq(count(out, "\\ufffd"), 2 + 3 + 2);
	free(out);
}
END_TEST

START_TEST(json_emitter_nests)
{
	char *out = NULL;
	struct bp_json j;
	CAPTURE(out, (bp_json_init(&j, f), bp_json_obj(&j, NULL), bp_json_arr(&j, "a"),
		      bp_json_int(&j, NULL, 1), bp_json_obj(&j, NULL), bp_json_end(&j),
		      bp_json_arr(&j, NULL), bp_json_end(&j), bp_json_end(&j),
		      bp_json_num(&j, "x", -0.0), bp_json_bool(&j, "t", 1),
		      bp_json_str(&j, "s", NULL), bp_json_end(&j)));
	ck_assert_msg(json_valid(out), "invalid: %s", out);
	ck_assert_msg(strstr(out, "\"x\": 0,"), "negative zero printed: %s", out);
	free(out);
}
END_TEST

/* ------------------------------------------------------------- table */

START_TEST(table_lists_every_job)
{
	struct bp_shop s;
	ck_assert_int_eq(bp_fixture_shop(&s), 0);
	char *tab = render(BP_FMT_TABLE);
	for (int j = 0; j < s.njobs; j++) {
		int of_date = strcmp(s.jobs[j].id, "RO-2001") != 0;
		ck_assert_msg(!!strstr(tab, s.jobs[j].id) == of_date, "job %s %s the table",
			      s.jobs[j].id, of_date ? "missing from" : "wrongly in");
	}
	const char *parts[] = {"BY TECHNICIAN", "BY BAY", "UNSCHEDULED (2)", "KPIS",
			       "status optimal", "late 15 min", "parts 13:30", "overtime 15 min",
			       "waiting 15 min", "(no work)", "2026-11-26", "jobs done"};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		ck_assert_msg(strstr(tab, parts[i]), "table lacks '%s'", parts[i]);
	/* By technician, in time order: RO-1002 (08:00) before RO-1005 (10:15). */
	const char *t1 = strstr(tab, "\nT1 ");
	ck_assert_ptr_nonnull(t1);
	ck_assert_msg(strstr(t1, "RO-1002") < strstr(t1, "RO-1005"), "T1's jobs out of order");
	/* One line per cell: the newline in a detail does not break the row. */
	ck_assert_msg(strstr(tab, "all day; next free slot"), "detail newline kept in table");
	/* The one trailing blank is the detail's \x01, flattened to a space. */
	ck_assert_msg(count(tab, " \n") == 1, "%d lines end in a blank", count(tab, " \n"));
	free(tab);
	bp_shop_free(&s);
}
END_TEST

START_TEST(out_cell_cuts_by_columns)
{
	char *out = NULL;
	CAPTURE(out, bp_out_cell(f, "\xe7\x94\xb5\xe6\xb1\xa0\xe5\x81\xa5", 5));
	/* Two wide characters (4 columns) and the ellipsis fill 5 columns. */
	ck_assert_str_eq(out, "\xe7\x94\xb5\xe6\xb1\xa0\xe2\x80\xa6");
	free(out);
	CAPTURE(out, bp_out_cell(f, "ab", 4));
	ck_assert_str_eq(out, "ab  ");
	free(out);
	CAPTURE(out, bp_out_cell(f, "a\nb", -1));
	ck_assert_str_eq(out, "a b");
	free(out);
	ck_assert_int_eq(bp_out_width("a\xe7\x94\xb5\xc3\xa9"), 4);
}
END_TEST

/* ------------------------------------------- job status and carry-over */

/* The fixture with RO-1004 carried over from the day before and under way,
 * and RO-1009 (unscheduled) carried from two days before. */
static char *render_carried(enum bp_format fmt, int tech)
{
	struct bp_shop s;
	struct bp_plan p;
	struct bp_err err = {0};
	ck_assert_int_eq(bp_fixture_shop(&s), 0);
	ck_assert_int_eq(bp_fixture_plan(&s, &p), 0);
	struct bp_job *j = &s.jobs[bp_shop_job(&s, "RO-1004")];
	j->carried_from = p.date - 1;
	j->status = BP_JOB_IN_PROGRESS;
	s.jobs[bp_shop_job(&s, "RO-1009")].carried_from = p.date - 2;
	/* A carry-over the store remembers from an earlier plan of a job now
	 * on its own date is not one. */
	s.jobs[bp_shop_job(&s, "RO-1001")].carried_from = p.date;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_int_eq(bp_plan_write_tech(f, fmt, &s, &p, tech, &err), 0);
	fclose(f);
	bp_plan_free(&p);
	bp_shop_free(&s);
	return buf;
}

START_TEST(carried_and_status_in_every_format)
{
	char *csv = render_carried(BP_FMT_CSV, -1);
	char *cell[MAXR][MAXF];
	int nf[MAXR], rows = csv_parse(csv, cell, nf), seen = 0;
	for (int r = 1; r < rows; r++) {
		const char *want = !strcmp(cell[r][0], "RO-1004") ? "2026-11-23"
				   : !strcmp(cell[r][0], "RO-1009") ? "2026-11-22" : "";
		ck_assert_msg(!strcmp(cell[r][13], want), "%s carried_from '%s', wanted '%s'",
			      cell[r][0], cell[r][13], want);
		seen += want[0] != 0;
	}
	ck_assert_int_eq(seen, 2);
	csv_free(cell, nf, rows);
	free(csv);

	char *js = render_carried(BP_FMT_JSON, -1);
	ck_assert_msg(json_valid(js), "invalid JSON:\n%s", js);
	const char *o = strstr(js, "\"job_id\": \"RO-1004\"");
	ck_assert_ptr_nonnull(o);
	const char *end = strchr(o, '}');
	const char *st = strstr(o, "\"status\": \"in_progress\"");
	const char *cf = strstr(o, "\"carried_from\": \"2026-11-23\"");
	ck_assert_msg(st && st < end && cf && cf < end, "RO-1004 lacks status or carried_from");
	o = strstr(js, "\"job_id\": \"RO-1001\"");
	end = strchr(o, '}');
	cf = strstr(o, "\"carried_from\": null");
	ck_assert_msg(cf && cf < end, "RO-1001 is not carried in this plan");
	ck_assert_int_eq(count(js, "\"status\": \"booked\""), 8);
	o = strstr(js, "\"job_id\": \"RO-1009\"");
	ck_assert_msg(o && strstr(o, "\"carried_from\": \"2026-11-22\""), "unscheduled carried");
	free(js);

	char *tab = render_carried(BP_FMT_TABLE, -1);
	const char *line = strstr(tab, "RO-1004");
	ck_assert_ptr_nonnull(line);
	const char *eol = strchr(line, '\n');
	const char *mark = strstr(line, "carried from 2026-11-23");
	ck_assert_msg(mark && mark < eol, "table does not mark RO-1004 as carried");
	mark = strstr(line, "in_progress");
	ck_assert_msg(mark && mark < eol, "table does not show RO-1004 under way");
	ck_assert_msg(strstr(tab, "(carried from 2026-11-22)"), "unscheduled row not marked");
	ck_assert_int_eq(count(tab, "carried from"), 3);   /* by technician, by bay, unscheduled */
	free(tab);

	char *ics = render_carried(BP_FMT_ICS, -1);
	char *u = unfold(ics);
	ck_assert_msg(strstr(u, "Carried over from 2026-11-23"), "ICS lacks the carry-over");
	free(u);
	free(ics);
}
END_TEST

START_TEST(one_technician_only)
{
	struct bp_shop s;
	ck_assert_int_eq(bp_fixture_shop(&s), 0);
	int t1 = bp_shop_tech(&s, "T1"), t4 = bp_shop_tech(&s, "T4");
	char *csv = render_carried(BP_FMT_CSV, t1);
	char *cell[MAXR][MAXF];
	int nf[MAXR], rows = csv_parse(csv, cell, nf);
	ck_assert_int_eq(rows, 4);   /* the header and T1's three jobs, nothing unscheduled */
	for (int r = 1; r < rows; r++)
		ck_assert_str_eq(cell[r][4], "T1");
	csv_free(cell, nf, rows);
	free(csv);
	char *js = render_carried(BP_FMT_JSON, t1);
	ck_assert_msg(json_valid(js), "invalid JSON:\n%s", js);
	ck_assert_msg(strstr(js, "\"technician\": \"T1\""), "JSON does not name T1");
	ck_assert_int_eq(count(js, "\"technician\": \"T2\""), 0);
	ck_assert_msg(strstr(js, "\"unscheduled\": []"), "a technician's view lists unscheduled");
	free(js);
	char *tab = render_carried(BP_FMT_TABLE, t1);
	ck_assert_msg(strstr(tab, "technician T1 only: 3 jobs"), "table:\n%s", tab);
	ck_assert_msg(!strstr(tab, "\nT2 ") && !strstr(tab, "UNSCHEDULED") && !strstr(tab, "KPIS"),
		      "table shows more than T1:\n%s", tab);
	ck_assert_msg(!strstr(tab, "\nA1 "), "table lists a bay T1 does not work on");
	free(tab);
	/* A technician without work still gets a calendar, empty. */
	char *ics = render_carried(BP_FMT_ICS, t4);
	ck_assert_int_eq(count(ics, "BEGIN:VCALENDAR\r\n"), 1);
	ck_assert_int_eq(count(ics, "BEGIN:VEVENT"), 0);
	ck_assert_msg(strstr(ics, "X-WR-CALNAME:T4"), "not T4's calendar");
	free(ics);
	bp_shop_free(&s);
}
END_TEST

/* ------------------------------------------------------------- errors */

START_TEST(bad_references_refused)
{
	struct bp_shop s;
	struct bp_plan p;
	ck_assert_int_eq(bp_fixture_shop(&s), 0);
	ck_assert_int_eq(bp_fixture_plan(&s, &p), 0);
	p.assign[2].tech = 99;
	for (int fmt = BP_FMT_TABLE; fmt <= BP_FMT_ICS; fmt++)
		free(render_plan(&s, &p, (enum bp_format)fmt, BP_EINTERNAL));
	p.assign[2].tech = 0;
	p.unsched[0].job = -1;
	free(render_plan(&s, &p, BP_FMT_CSV, BP_EINTERNAL));
	p.unsched[0].job = 0;
	s.bays[1].type = s.nbay_types;
	free(render_plan(&s, &p, BP_FMT_ICS, BP_EINTERNAL));
	s.bays[1].type = 0;
	s.jobs[bp_shop_job(&s, "RO-2001")].service = -1;
	free(render_plan(&s, &p, BP_FMT_TABLE, BP_EINTERNAL));
	bp_plan_free(&p);
	bp_shop_free(&s);
}
END_TEST

/* -------------------------- the workshop beyond the bays (issue 18) */

/* The fixture with: RO-1005's work across T1's lunch (paused), OIL's 20
 * min handover, RO-1004's customer on a loan car, RO-1006's work going on
 * tomorrow, RO-1007 received by an advisor 30 min after it came. */
static void desk_fixture(struct bp_shop *s, struct bp_plan *p)
{
	ck_assert_int_eq(bp_fixture_shop(s), 0);
	ck_assert_int_eq(bp_fixture_plan(s, p), 0);
	s->services[bp_shop_service(s, "OIL")].handover_minutes = 20;
	s->jobs[bp_shop_job(s, "RO-1004")].loan_car = 1;
	s->info.loan_cars = 3;
	for (int i = 0; i < p->nassign; i++) {
		struct bp_assignment *a = &p->assign[i];
		const char *id = s->jobs[a->job].id;
		if (!strcmp(id, "RO-1005"))
			a->start = 11 * 60 + 30, a->end = 13 * 60 + 15;
		if (!strcmp(id, "RO-1006"))
			a->carry = 120, a->carry_date = p->date + 1;
		if (!strcmp(id, "RO-1007"))
			a->checkin = 16 * 60 + 30;
	}
	bp_plan_kpis(s, p);
}

START_TEST(desk_loan_pause_carry_in_every_format)
{
	struct bp_shop s;
	struct bp_plan p;
	desk_fixture(&s, &p);
	char *tab = render_plan(&s, &p, BP_FMT_TABLE, 0);
	const char *line = strstr(tab, "RO-1005"), *eol = strchr(line, '\n');
	ck_assert_msg(strstr(line, "paused 45 min") < eol && strstr(line, "paused 45 min"),
		      "RO-1005 not marked paused");
	line = strstr(tab, "RO-1001");
	ck_assert_msg(strstr(line, "ready 08:55") && strstr(line, "ready 08:55") < strchr(line, '\n'),
		      "OIL's handover not shown");
	ck_assert_msg(strstr(tab, "loan car"), "loan car not shown");
	ck_assert_msg(strstr(tab, "continues 2026-11-25 (120 min)"), "carry not shown:\n%s", tab);
	ck_assert_msg(strstr(tab, "received 16:30"), "check-in not shown");
	ck_assert_msg(strstr(tab, "paused               45 min"), "pause KPI:\n%s", tab);
	ck_assert_msg(strstr(tab, "1 jobs, 120 min of work on the next working day"), "carry KPI");
	ck_assert_msg(strstr(tab, "1 customers, at most 1 of 3 out at once"), "loan KPI");
	free(tab);

	char *csv = render_plan(&s, &p, BP_FMT_CSV, 0);
	char *cell[MAXR][MAXF];
	int nf[MAXR], rows = csv_parse(csv, cell, nf), seen = 0;
	for (int r = 1; r < rows; r++) {
		if (!strcmp(cell[r][0], "RO-1006")) {
			seen++;
			ck_assert_str_eq(cell[r][16], "120");
			ck_assert_str_eq(cell[r][17], "2026-11-25");
		} else if (!strcmp(cell[r][0], "RO-1007")) {
			seen++;
			ck_assert_str_eq(cell[r][14], "2026-11-24T16:30");
		} else if (!strcmp(cell[r][0], "RO-1001")) {
			seen++;
			ck_assert_str_eq(cell[r][15], "2026-11-24T08:55");
		} else if (!strcmp(cell[r][0], "RO-1004")) {
			seen++;
			ck_assert_str_eq(cell[r][18], "1");
		}
	}
	ck_assert_int_eq(seen, 4);
	csv_free(cell, nf, rows);
	free(csv);

	char *js = render_plan(&s, &p, BP_FMT_JSON, 0);
	ck_assert_msg(json_valid(js), "invalid JSON:\n%s", js);
	const char *o = strstr(js, "\"job_id\": \"RO-1006\""), *end = strchr(o, '}');
	const char *c = strstr(o, "\"continues_on\": \"2026-11-25\"");
	ck_assert_msg(c && c < end, "RO-1006 lacks continues_on");
	o = strstr(js, "\"job_id\": \"RO-1005\"");
	end = strchr(o, '}');
	c = strstr(o, "\"paused_minutes\": 45");
	ck_assert_msg(c && c < end, "RO-1005 lacks paused_minutes");
	ck_assert_msg(strstr(js, "\"ready\": \"2026-11-24T08:55\""), "no ready time");
	ck_assert_msg(strstr(js, "\"loan_cars\": {"), "no loan car KPIs");
	ck_assert_msg(strstr(js, "\"checkins_per_advisor\""), "no advisor KPIs");
	free(js);

	char *ics = render_plan(&s, &p, BP_FMT_ICS, 0);
	char *u = unfold(ics);
	ck_assert_msg(strstr(u, "Continues on 2026-11-25: 120 min left"), "ICS lacks the carry");
	ck_assert_msg(strstr(u, "Work pauses over the technician's break (45 min)"), "ICS lacks the pause");
	ck_assert_msg(strstr(u, "Ready for the customer: 08:55"), "ICS lacks the ready time");
	free(u);
	free(ics);
	bp_plan_free(&p);
	bp_shop_free(&s);
}
END_TEST

START_TEST(write_failure_is_io_error)
{
	FILE *f = fopen("/dev/full", "w");
	if (!f)
		return;   /* not Linux: nothing to test with */
	struct bp_shop s;
	struct bp_plan p;
	struct bp_err err = {0};
	ck_assert_int_eq(bp_fixture_shop(&s), 0);
	ck_assert_int_eq(bp_fixture_plan(&s, &p), 0);
	int rc = bp_plan_write(f, BP_FMT_JSON, &s, &p, &err);
	fclose(f);
	ck_assert_msg(rc == BP_EIO, "rc %d: %s", rc, err.msg);
	bp_plan_free(&p);
	bp_shop_free(&s);
}
END_TEST

Suite *bp_suite_plan_out(void)
{
	Suite *su = suite_create("plan_out");
	TCase *tc = tcase_create("ics");
	tcase_add_test(tc, ics_lines_crlf_folded_whole_characters);
	tcase_add_test(tc, ics_unfolding_restores_description);
	tcase_add_test(tc, ics_line_folds_any_alignment);
	tcase_add_test(tc, ics_text_escaping);
	tcase_add_test(tc, ics_uids_stable_and_unique);
	tcase_add_test(tc, ics_uid_per_job_not_technician);
	tcase_add_test(tc, ics_one_calendar_per_file);
	suite_add_tcase(su, tc);
	tc = tcase_create("csv");
	tcase_add_test(tc, csv_field_quoting);
	tcase_add_test(tc, csv_rows_parse_back);
	suite_add_tcase(su, tc);
	tc = tcase_create("json");
	tcase_add_test(tc, json_checker_refuses_bad_json);
	tcase_add_test(tc, json_plan_is_well_formed);
	tcase_add_test(tc, json_numbers_stay_finite);
	tcase_add_test(tc, json_string_escapes_everything);
	tcase_add_test(tc, json_emitter_nests);
	suite_add_tcase(su, tc);
	tc = tcase_create("table");
	tcase_add_test(tc, table_lists_every_job);
	tcase_add_test(tc, carried_and_status_in_every_format);
	tcase_add_test(tc, desk_loan_pause_carry_in_every_format);
	tcase_add_test(tc, one_technician_only);
	tcase_add_test(tc, out_cell_cuts_by_columns);
	tcase_add_test(tc, bad_references_refused);
	tcase_add_test(tc, write_failure_is_io_error);
	suite_add_tcase(su, tc);
	return su;
}
