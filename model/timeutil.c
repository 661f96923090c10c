/*
 * timeutil.c - parsing and formatting of clock times and dates.
 * Strict on purpose: "7:5" or "2026-02-30" are not times or dates.
 */
#include "timeutil.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

double bp_clock(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int time5(const char *s, int *minutes)
{
	int h, m;
	if (digits(s, 2, &h) || s[2] != ':' || digits(s + 3, 2, &m))
		return -1;
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

int bp_time_parse(const char *s, int *minutes)
{
	if (!s || strlen(s) != 5)
		return -1;
	return time5(s, minutes);
}

int bp_span_parse(const char *s, struct bp_span *out)
{
	if (!s || strlen(s) != 11 || s[5] != '-')
		return -1;
	if (time5(s, &out->start) || time5(s + 6, &out->end))
		return -1;
	return 0;
}

/* Howard Hinnant's days_from_civil. */
static int days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int date10(const char *s, int max_day, int *day)
{
	int y, m, d;
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &m) || s[7] != '-' ||
	    digits(s + 8, 2, &d))
		return -1;
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return -1;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return -1;
	int z = days_from_civil(y, m, d);
	if (z > max_day)
		return -1;
	*day = z;
	return 0;
}

int bp_date_parse(const char *s, int *day)
{
	if (!s || strlen(s) != 10)
		return -1;
	return date10(s, BP_DAY_MAX, day);
}

int bp_datetime_parse(const char *s, int *day, int *minute)
{
	if (!s || strlen(s) != 16 || (s[10] != 'T' && s[10] != ' '))
		return -1;
	if (date10(s, BP_DAY_MAX + 1, day) || time5(s + 11, minute))
		return -1;
	return 0;
}

void bp_time_format(int minutes, char *buf, size_t n)
{
	snprintf(buf, n, "%02d:%02d", minutes / 60, minutes % 60);
}

void bp_date_format(int day, char *buf, size_t n)
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
}

void bp_datetime_format(int day, int minutes, char *buf, size_t n)
{
	int y, m, d;
	day += minutes / 1440;
	minutes %= 1440;
	civil_from_days(day, &y, &m, &d);
	snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d", y, m, d, minutes / 60, minutes % 60);
}

void bp_span_format(struct bp_span s, char *buf, size_t n)
{
	snprintf(buf, n, "%02d:%02d-%02d:%02d", s.start / 60, s.start % 60, s.end / 60,
		 s.end % 60);
}

int bp_weekday(int day)
{
	/* 1970-01-01 was a Thursday (3). */
	int w = (day + 3) % 7;
	return w < 0 ? w + 7 : w;
}
