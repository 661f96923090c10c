/*
 * timeutil.h - clock times, calendar dates and slots.
 * A clock time is minutes after midnight; a date is days since 1970-01-01
 * (proleptic Gregorian), so that both add and compare as integers.
 */
#ifndef BP_TIMEUTIL_H
#define BP_TIMEUTIL_H

#include <stddef.h>

/* A half-open span of clock minutes [start, end). */
struct bp_span {
	int start, end;
};

/* "HH:MM" (00:00-24:00) -> minutes; 0 ok, -1 not a time. */
int bp_time_parse(const char *s, int *minutes);
/* "HH:MM-HH:MM" -> span; -1 if either half is not a time. The caller decides
 * whether end <= start is an error (the validator refuses it). */
int bp_span_parse(const char *s, struct bp_span *out);
/* Dates run from 1970-01-01 (day 0) to 2199-12-31 (BP_DAY_MAX). Minutes
 * from 1970 then fit an int (BP_DAY_MAX * 1440 is about 1.2e8), so time
 * arithmetic cannot overflow, and a year typed wrong (7026 for 2026) is
 * refused where it is read instead of being taken for a date far away. */
#define BP_DAY_MAX 84005
#define BP_YEAR_MIN 1970
#define BP_YEAR_MAX 2199

/* "YYYY-MM-DD" -> days since epoch; -1 if not a valid calendar date from
 * 1970-01-01 to 2199-12-31. */
int bp_date_parse(const char *s, int *day);
/* "YYYY-MM-DDTHH:MM" (or with a space) -> day and minute. The date may
 * also be 2200-01-01 (day BP_DAY_MAX + 1), where overtime that runs past
 * midnight of the last date ends. */
int bp_datetime_parse(const char *s, int *day, int *minute);

/* Writers: buffers of at least 6, 12, 17 and 12 bytes. */
void bp_time_format(int minutes, char *buf, size_t n);
void bp_date_format(int day, char *buf, size_t n);
/* Minutes may exceed a day (overtime past midnight rolls the date). */
void bp_datetime_format(int day, int minutes, char *buf, size_t n);
void bp_span_format(struct bp_span s, char *buf, size_t n);

/* 0 = Monday ... 6 = Sunday. */
int bp_weekday(int day);

/* Seconds on the monotonic clock: the one clock every deadline and solve
 * time is measured with (not the wall clock, which may jump). */
double bp_clock(void);

static inline int bp_span_overlaps(struct bp_span a, struct bp_span b)
{
	return a.start < b.end && b.start < a.end;
}

/* Slots: slot k covers [origin + k*len, origin + (k+1)*len). */
static inline int bp_slot_of(int minute, int origin, int len)
{
	int d = minute - origin;
	return d >= 0 ? d / len : -((-d + len - 1) / len);
}
/* First slot that starts at or after minute. */
static inline int bp_slot_ceil(int minute, int origin, int len)
{
	int d = minute - origin;
	return d >= 0 ? (d + len - 1) / len : -((-d) / len);
}
static inline int bp_slots_for(int minutes, int len)
{
	return (minutes + len - 1) / len;
}

#endif
