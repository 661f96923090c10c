/*
 * cmd_write.c - the write transaction and arguments of the day-to-day
 * commands (see cmd_write.h).
 */
#include "io/cmd_write.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "io/store_events.h"
#include "model/timeutil.h"

int bp_write_open(struct bp_ctx *ctx, struct bp_store **st, struct bp_shop *s)
{
	bp_shop_init(s);
	*st = NULL;
	int rc = bp_store_open(ctx->db_path, 0, st, &ctx->err);
	if (rc == BP_ENOINPUT)
		return bp_err_set(&ctx->err, BP_ENOINPUT,
				  "no store at %s; run 'bayplan init' and 'bayplan import SHOP.yaml' "
				  "first (or give --db)", ctx->db_path);
	if (rc)
		return rc;
	if ((rc = bp_store_begin(*st, &ctx->err)) == BP_OK &&
	    (rc = bp_store_load_shop(*st, s, &ctx->err)) != BP_OK)
		bp_store_rollback(*st);
	if (rc) {
		bp_store_close(*st);
		*st = NULL;
		bp_shop_free(s);
	}
	return rc;
}

int bp_write_end(struct bp_ctx *ctx, struct bp_store *st, int rc)
{
	if (!st)
		return rc;
	if (rc == BP_OK)
		return bp_store_commit(st, &ctx->err);
	bp_store_rollback(st);
	return rc;
}

void bp_write_close(struct bp_store *st, struct bp_shop *s)
{
	bp_store_close(st);
	bp_shop_free(s);
}

int bp_arg_int(const char *what, const char *val, long long *out, struct bp_err *err)
{
	char *end;
	errno = 0;
	long long v = val ? strtoll(val, &end, 10) : 0;
	if (!val || !*val || *end || errno || v < -2147483647LL || v > 2147483647LL)
		return bp_err_set(err, BP_EUSAGE, "%s wants a whole number, not '%s'", what,
				  val ? val : "");
	*out = v;
	return BP_OK;
}

int bp_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	char buf[16];
	int day;
	if (!localtime_r(&now, &tm) || !strftime(buf, sizeof buf, "%Y-%m-%d", &tm) ||
	    bp_date_parse(buf, &day))
		return 0;
	return day;
}

int bp_arg_when_at(const char *opt, const char *val, int day, int *d, int *m,
		   struct bp_err *err)
{
	if (!val) {
		char now[24];
		bp_store_now(now, sizeof now);
		now[16] = 0;   /* the seconds go */
		if (bp_datetime_parse(now, d, m))
			return bp_err_set(err, BP_EINTERNAL, "cannot read the local time");
		return BP_OK;
	}
	if (bp_datetime_parse(val, d, m) == 0 && *m < 1440)
		return BP_OK;
	if (bp_time_parse(val, m) == 0 && *m < 1440) {
		*d = day >= 0 ? day : bp_today();
		return BP_OK;
	}
	return bp_err_set(err, BP_EUSAGE, "--%s wants YYYY-MM-DDTHH:MM or HH:MM, not '%s'", opt,
			  val);
}

int bp_arg_when(const char *opt, const char *val, int day, char *buf, size_t n,
		struct bp_err *err)
{
	int d, m;
	if (!val)
		return bp_err_set(err, BP_EUSAGE, "--%s wants YYYY-MM-DDTHH:MM or HH:MM", opt);
	int rc = bp_arg_when_at(opt, val, day, &d, &m, err);
	if (!rc)
		bp_datetime_format(d, m, buf, n);
	return rc;
}
