/*
 * cmd_util.c - shared pieces of the subcommands (see cmd_util.h).
 */
#include "io/cmd_util.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/store_events.h"
#include "model/learn.h"
#include "model/timeutil.h"
#include "solver/stop.h"

int bp_opt_date(const char *opt, const char *val, int *day, struct bp_err *err)
{
	if (!val || bp_date_parse(val, day))
		return bp_err_set(err, BP_EUSAGE, "--%s wants a date as YYYY-MM-DD (1970 to 2199), "
				  "not '%s'", opt,
				  val ? val : "");
	return BP_OK;
}

int bp_opt_time(const char *opt, const char *val, int *minutes, struct bp_err *err)
{
	if (!val || bp_time_parse(val, minutes))
		return bp_err_set(err, BP_EUSAGE, "--%s wants a time as HH:MM, not '%s'", opt,
				  val ? val : "");
	return BP_OK;
}

int bp_open_shop(struct bp_ctx *ctx, struct bp_store **st, struct bp_shop *s)
{
	bp_shop_init(s);
	int rc = bp_store_open(ctx->db_path, 0, st, &ctx->err);
	if (rc == BP_ENOINPUT)
		return bp_err_set(&ctx->err, BP_ENOINPUT,
				  "no store at %s; run 'bayplan init' and 'bayplan import SHOP.yaml' "
				  "first (or give --db)", ctx->db_path);
	if (rc)
		return rc;
	rc = bp_store_load_shop(*st, s, &ctx->err);
	if (rc) {
		bp_store_close(*st);
		*st = NULL;
		bp_shop_free(s);
	}
	return rc;
}

int bp_save_run(struct bp_store *st, struct bp_run *run, bp_run_rows_fn rows, void *arg,
		struct bp_err *err)
{
	int rc = bp_store_begin(st, err);
	if (rc)
		return rc;
	rc = bp_store_add_run(st, run, err);
	if (!rc)
		rc = rows(st, run->id, arg, err);
	if (!rc)
		rc = bp_store_commit(st, err);
	if (rc)
		bp_store_rollback(st);
	return rc;
}

void bp_report_progress(void *arg, double incumbent, double bound, double gap, double seconds)
{
	struct bp_ctx *ctx = arg;
	if (isinf(bound))
		bp_progress(ctx, "  %6.1fs  incumbent %.1f  (bound not known yet)\n", seconds,
			    incumbent);
	else
		bp_progress(ctx, "  %6.1fs  incumbent %.1f  bound %.1f  gap %.2f%%\n", seconds,
			    incumbent, bound, 100 * gap);
}

static volatile sig_atomic_t stop_sig;

static void on_stop(int sig)
{
	stop_sig = sig;
	bp_solver_request_stop();
}

void bp_stop_catch(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;
	sa.sa_flags = SA_RESETHAND;   /* a second Ctrl-C ends the process */
	sigemptyset(&sa.sa_mask);
	stop_sig = 0;
	bp_solver_clear_stop();
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

void bp_stop_release(void)
{
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
}

int bp_stop_signal(void)
{
	return stop_sig;
}

int bp_stop_err(struct bp_err *err, int sig, const char *what)
{
	return bp_err_set(err, 128 + sig, "stopped by %s: %s", sig == SIGINT ? "SIGINT (Ctrl-C)"
			  : "SIGTERM", what);
}

int bp_use_learned(struct bp_ctx *ctx, const char *cmd, struct bp_shop *s, int want,
		   int name_slow)
{
	struct bp_learned l;
	struct bp_err e;
	int used = 0;
	if (!want && !name_slow) {
		bp_progress(ctx, "%s: standard durations\n", cmd);
		return 0;
	}
	if (bp_learn(s, NULL, &l, &e) != BP_OK) {
		bp_progress(ctx, "%s: could not learn durations (%s); using the standard ones\n",
			    cmd, e.msg);
		bp_learned_free(&l);
		return 0;
	}
	for (int i = 0; name_slow && i < l.ntechs; i++) {
		const struct bp_learned_tech *t = &l.tech[i];
		if (t->service < 0 && t->bottleneck)
			bp_progress(ctx, "%s: note: %s (%s) takes %.2fx the time of their level's "
					 "peers over %d jobs: a training signal\n", cmd,
				    s->techs[t->tech].id, s->techs[t->tech].name, t->ratio,
				    t->samples);
	}
	if (want && l.changed > 0) {
		bp_learn_apply(s, &l);
		used = 1;
		bp_progress(ctx, "%s: durations learned from %d actuals (%d service/level "
				 "figures differ from standard)\n", cmd, l.used, l.changed);
	} else {
		bp_progress(ctx, "%s: standard durations%s\n", cmd,
			    want ? " (no actuals to learn from)" : "");
	}
	bp_learned_free(&l);
	return used;
}

/* ---- the day-to-day commands' write transaction ---- */

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
