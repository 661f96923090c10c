/*
 * records.c - records as JSON texts (see records.h), through the same
 * emitter as the JSON writers so that every text parses.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "io/out.h"
#include "io/records.h"
#include "model/timeutil.h"

static void put_stamp(struct bp_json *jw, const char *key, int has, int day, int minute)
{
	char buf[20];
	if (!has) {
		bp_json_null(jw, key);
		return;
	}
	bp_datetime_format(day, minute, buf, sizeof buf);
	bp_json_str(jw, key, buf);
}

static void put_job(struct bp_json *jw, const struct bp_shop *s, const struct bp_job *j)
{
	char buf[20];
	bp_json_obj(jw, NULL);
	bp_json_str(jw, "job_id", j->id);
	bp_date_format(j->date, buf, sizeof buf);
	bp_json_str(jw, "date", buf);
	bp_json_str(jw, "service", s->services[j->service].code);
	bp_json_str(jw, "tier", bp_tier_name(j->tier));
	if (j->has_window) {
		bp_span_format(j->window, buf, sizeof buf);
		bp_json_str(jw, "window", buf);
	} else {
		bp_time_format(j->window.start, buf, sizeof buf);
		bp_json_str(jw, "arrival", buf);
	}
	if (j->promised >= 0) {
		bp_time_format(j->promised, buf, sizeof buf);
		bp_json_str(jw, "promised", buf);
	} else {
		bp_json_null(jw, "promised");
	}
	bp_json_bool(jw, "waiting", j->waiting);
	bp_json_bool(jw, "loan_car", j->loan_car);
	if (j->minutes > 0)
		bp_json_int(jw, "minutes", j->minutes);
	bp_json_str(jw, "technician", j->technician >= 0 ? s->techs[j->technician].id : NULL);
	if (j->nparts) {
		bp_json_obj(jw, "parts");
		for (int i = 0; i < j->nparts; i++)
			bp_json_int(jw, s->parts[j->parts[i].part].sku, j->parts[i].qty);
		bp_json_end(jw);
	}
	bp_json_str(jw, "status", bp_job_status_name(j->status));
	put_stamp(jw, "started", j->has_started, j->started_day, j->started);
	put_stamp(jw, "finished", j->has_finished, j->finished_day, j->finished);
	bp_json_str(jw, "started_by", j->act_tech >= 0 ? s->techs[j->act_tech].id : NULL);
	bp_json_str(jw, "bay", j->act_bay >= 0 ? s->bays[j->act_bay].id : NULL);
	if (j->carried_from > 0) {
		bp_date_format(j->carried_from, buf, sizeof buf);
		bp_json_str(jw, "carried_from", buf);
	} else {
		bp_json_null(jw, "carried_from");
	}
	bp_json_end(jw);
}

/* A memory stream whose text is returned once closed; compact JSON would be
 * nicer in a column, but one emitter for everything keeps escaping in one
 * place. */
static char *finish(FILE *f, char **buf)
{
	/* *buf is set by fclose, so it is read only after. */
	if (fclose(f) != 0) {
		free(*buf);
		return NULL;
	}
	return *buf;
}

char *bp_job_json(const struct bp_shop *s, const struct bp_job *j)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	struct bp_json jw;
	bp_json_init(&jw, f);
	jw.compact = 1;
	put_job(&jw, s, j);
	return finish(f, &buf);
}

char *bp_flat_json(const char *kinds, ...)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	struct bp_json jw;
	va_list ap;
	va_start(ap, kinds);
	bp_json_init(&jw, f);
	jw.compact = 1;
	bp_json_obj(&jw, NULL);
	for (const char *k = kinds; *k; k++) {
		const char *key = va_arg(ap, const char *);
		if (*k == 's')
			bp_json_str(&jw, key, va_arg(ap, const char *));
		else
			bp_json_int(&jw, key, va_arg(ap, long long));
	}
	bp_json_end(&jw);
	va_end(ap);
	return finish(f, &buf);
}
