/*
 * test_outputs.c - what people read the outputs with: the board's class
 * colours under simulated colour-vision deficiency, the plan table's
 * columns with CJK text (display width, not bytes), and CSV cells that a
 * spreadsheet would otherwise run as formulas.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/board.h"
#include "io/out.h"
#include "io/plan_out.h"
#include "tests/plan_fixture.h"

Suite *bp_suite_outputs(void);

/* ------------------------------------------------- colour vision */

/* Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB. */
static const double cvd[4][3][3] = {
	{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
	{{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216},
	 {-0.003882, -0.048116, 1.051998}},    /* protanopia */
	{{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413},
	 {-0.011820, 0.042940, 0.968881}},     /* deuteranopia */
	{{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602},
	 {0.004733, 0.691367, 0.303900}},      /* tritanopia */
};
static const char *const cvd_name[4] = {"normal", "protanopia", "deuteranopia", "tritanopia"};

static double lin(int c)
{
	double v = c / 255.0;
	return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double lab_f(double t)
{
	return t > 0.008856 ? cbrt(t) : 7.787 * t + 16.0 / 116;
}

/* "#rrggbb" as seen with deficiency k, in CIELAB (D65). */
static void seen(const char *hex, int k, double lab[3])
{
	unsigned r, g, b;
	ck_assert_int_eq(sscanf(hex, "#%2x%2x%2x", &r, &g, &b), 3);
	double in[3] = {lin((int)r), lin((int)g), lin((int)b)}, c[3];
	for (int i = 0; i < 3; i++) {
		c[i] = cvd[k][i][0] * in[0] + cvd[k][i][1] * in[1] + cvd[k][i][2] * in[2];
		c[i] = c[i] < 0 ? 0 : c[i] > 1 ? 1 : c[i];
	}
	double x = 0.4124 * c[0] + 0.3576 * c[1] + 0.1805 * c[2];
	double y = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
	double z = 0.0193 * c[0] + 0.1192 * c[1] + 0.9505 * c[2];
	double fx = lab_f(x / 0.95047), fy = lab_f(y), fz = lab_f(z / 1.08883);
	lab[0] = 116 * fy - 16;
	lab[1] = 500 * (fx - fy);
	lab[2] = 200 * (fy - fz);
}

/* The smallest CIE76 distance between two of the colours as seen with k;
 * *a and *b name the pair. */
static double closest(const char *const *col, int n, int k, int *a, int *b)
{
	double best = 1e9;
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++) {
			double p[3], q[3];
			seen(col[i], k, p);
			seen(col[j], k, q);
			double d = sqrt((p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1]) +
					(p[2] - q[2]) * (p[2] - q[2]));
			if (d < best)
				best = d, *a = i, *b = j;
		}
	return best;
}

/* CIE76 15 is well past "just noticeable" (~2.3) for swatches side by
 * side; the board's colours must keep it with each deficiency. */
#define MIN_DELTA_E 15.0

START_TEST(palette_apart_under_cvd)
{
	const char *const *col;
	int n = bp_board_palette(&col), a, b;
	ck_assert_int_ge(n, 6);
	for (int k = 0; k < 4; k++) {
		double d = closest(col, n, k, &a, &b);
		ck_assert_msg(d >= MIN_DELTA_E, "%s: %s and %s only %.1f apart", cvd_name[k],
			      col[a], col[b], d);
	}
}
END_TEST

/* The measure can fail: the board's old oranges were near-identical. */
START_TEST(old_oranges_fail_the_measure)
{
	static const char *const old[] = {"#e9c46a", "#f6bd60", "#f4a261"};
	int a, b;
	ck_assert_msg(closest(old, 3, 0, &a, &b) < MIN_DELTA_E, "old palette passes");
	ck_assert_msg(closest(old, 3, 2, &a, &b) < MIN_DELTA_E, "old palette passes");
}
END_TEST

/* ------------------------------------------------- table, CJK */

/* Display columns at which each column of a table line starts: after the
 * first character, a character that follows two or more blanks. */
static int starts(const char *line, int *col, int max)
{
	int n = 0, w = 0, blanks = 0;
	for (const char *p = line; *p && *p != '\n';) {
		int len = bp_utf8_len(p);
		if (len == 0)
			len = 1;
		char ch[8];
		snprintf(ch, sizeof ch, "%.*s", len, p);
		if (*p == ' ') {
			blanks++;
		} else {
			if (blanks >= 2 && n < max)
				col[n++] = w;
			blanks = 0;
		}
		w += bp_out_width(ch);
		p += len;
	}
	return n;
}

START_TEST(table_columns_align_with_cjk)
{
	struct bp_shop s;
	struct bp_plan p;
	struct bp_err err = {0};
	ck_assert_int_eq(bp_fixture_shop(&s), 0);
	ck_assert_int_eq(bp_fixture_plan(&s, &p), 0);
	/* Wide names, one of them past the name column's 32 display columns. */
	static const char *const names[] = {
		"\xe6\x9c\xba\xe6\xb2\xb9\xe6\x9b\xb4\xe6\x8d\xa2",   /* 机油更换 */
		"\xe5\x88\xb6\xe5\x8a\xa8\xe7\x89\x87",                 /* 制动片 */
		"\xe5\x9b\x9b\xe8\xbd\xae\xe5\xae\x9a\xe4\xbd\x8d\xe5\x92\x8c\xe8\xbd\xae\xe8\x83"
		"\x8e\xe6\x8d\xa2\xe5\xad\xa3\xe6\x9b\xb4\xe6\x8d\xa2\xe4\xbb\xa5\xe5\x8f\x8a\xe5"
		"\x85\xa8\xe8\xbd\xa6\xe6\xa3\x80\xe6\x9f\xa5",       /* 20 characters */
		"\xe7\x94\xb5",                                         /* 电 */
		"EV\xe7\x94\xb5\xe6\xb1\xa0\xe6\xa3\x80\xe6\x9f\xa5",   /* EV电池检查 */
	};
	for (int i = 0; i < s.nservices; i++)
		snprintf(s.services[i].name, sizeof s.services[i].name, "%s", names[i % 5]);
	snprintf(s.jobs[p.assign[0].job].id, BP_ID_LEN, "\xe5\xb7\xa5\xe5\x8d\x95-1");
	snprintf(s.techs[0].name, sizeof s.techs[0].name, "\xe9\x99\x88\xe9\xbe\x99");
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_int_eq(bp_plan_write(f, BP_FMT_TABLE, &s, &p, &err), 0);
	fclose(f);
	/* Job lines: "  HH:MM-HH:MM  job  code  name  bay  tier  marks". */
	int ref[8], nref = -1, lines = 0;
	for (char *l = buf; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		if (strncmp(l, "BY BAY", 6) == 0)
			nref = -1;   /* the bay section has its own widths */
		if (!(l[0] == ' ' && l[1] == ' ' && l[2] >= '0' && l[2] <= '9' && l[7] == '-'))
			continue;
		int col[8], n = starts(l, col, 8);
		ck_assert_msg(n >= 5, "too few columns: %.120s", l);
		if (nref < 0) {
			memcpy(ref, col, sizeof ref);
			nref = n;
		}
		for (int k = 0; k < 5; k++)
			ck_assert_msg(col[k] == ref[k], "column %d starts at %d, not %d: %.160s", k,
				      col[k], ref[k], l);
		lines++;
	}
	ck_assert_int_eq(lines, 2 * p.nassign);
	free(buf);
	bp_plan_free(&p);
	bp_shop_free(&s);
}
END_TEST

/* ------------------------------------------------- csv cells */

START_TEST(csv_cells_formula_safe)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""},
		{"+1", "'+1"},
		{"-cmd", "'-cmd"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\tx", "'\tx"},
		{"\rx", "\"'\rx\""},
		{"a,b", "\"a,b\""},
		{"say \"hi\"\nthere", "\"say \"\"hi\"\"\nthere\""},
		{"RO-1", "RO-1"},
		{"", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		bp_csv_field(f, cases[i].in);
		fclose(f);
		ck_assert_msg(strcmp(buf, cases[i].out) == 0, "case %zu: [%s], wanted [%s]", i, buf,
			      cases[i].out);
		free(buf);
	}
}
END_TEST

Suite *bp_suite_outputs(void)
{
	Suite *s = suite_create("outputs");
	TCase *tc = tcase_create("colour");
	tcase_add_test(tc, palette_apart_under_cvd);
	tcase_add_test(tc, old_oranges_fail_the_measure);
	suite_add_tcase(s, tc);
	tc = tcase_create("table");
	tcase_add_test(tc, table_columns_align_with_cjk);
	suite_add_tcase(s, tc);
	tc = tcase_create("csv");
	tcase_add_test(tc, csv_cells_formula_safe);
	suite_add_tcase(s, tc);
	return s;
}
