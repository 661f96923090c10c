/*
 * cmd_show.c - `bayplan show [--date D | --run N]`: a stored schedule run
 * printed again, without solving, by the writers `plan` uses (so the same
 * run gives the same output), for everyone or one technician; iCalendar
 * can go to one file per technician.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/cli.h"
#include "io/cmd_util.h"
#include "io/plan_out.h"
#include "io/store.h"
#include "model/day.h"
#include "model/learn.h"

/* The plan as read against the whole shop, moved by id into the date's own
 * view (bp_day_prepare: the shop as `plan` solved it). 0 when every job,
 * technician and bay it names is in that view; else -1 and `p` unchanged. */
static int move_plan(const struct bp_shop *all, struct bp_plan *p, const struct bp_shop *day)
{
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < p->nassign; i++) {
			struct bp_assignment *a = &p->assign[i];
			int j = bp_shop_job(day, all->jobs[a->job].id);
			int t = bp_shop_tech(day, all->techs[a->tech].id);
			int b = bp_shop_bay(day, all->bays[a->bay].id);
			if (j < 0 || t < 0 || b < 0)
				return -1;
			if (pass)
				a->job = j, a->tech = t, a->bay = b;
		}
		for (int i = 0; i < p->nunsched; i++) {
			int j = bp_shop_job(day, all->jobs[p->unsched[i].job].id);
			if (j < 0)
				return -1;
			if (pass)
				p->unsched[i].job = j;
		}
	}
	return 0;
}

/* Whether `plan` would have used learned durations: the run does not
 * record it, and the shop's actuals decide it the same way now. */
static int durations_learned(const struct bp_shop *s)
{
	struct bp_learned l;
	struct bp_err e;
	int used = bp_learn(s, NULL, &l, &e) == BP_OK && l.changed > 0;
	bp_learned_free(&l);
	return used;
}

/* A technician id as a file name: bytes outside [A-Za-z0-9_-] (and a
 * leading dot) percent-encoded, so no id can leave the folder or clash. */
static void file_name(const char *id, char *out, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t len = 0;
	for (const char *c = id; *c && len + 4 < n; c++) {
		unsigned char ch = (unsigned char)*c;
		if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		    ch == '_' || ch == '-' || (ch == '.' && c != id)) {
			out[len++] = (char)ch;
		} else {
			out[len++] = '%';
			out[len++] = hex[ch >> 4];
			out[len++] = hex[ch & 15];
		}
	}
	out[len] = 0;
}

/* DIR/ID.ics, written to a file created beside it (so never one a phone is
 * reading half-written, nor one someone else made) and renamed. */
static int write_calendar(const char *dir, const char *id, const struct bp_shop *s,
			  const struct bp_plan *p, int tech, struct bp_err *err)
{
	char name[3 * BP_ID_LEN + 8], path[4096], tmp[4096];
	file_name(id, name, sizeof name);
	if ((size_t)snprintf(path, sizeof path, "%s/%s.ics", dir, name) >= sizeof path ||
	    (size_t)snprintf(tmp, sizeof tmp, "%s/.%s.ics.XXXXXX", dir, name) >= sizeof tmp)
		return bp_err_set(err, BP_EUSAGE, "the folder name %s is too long", dir);
	int fd = mkstemp(tmp);
	if (fd < 0)
		return bp_err_set(err, BP_EIO, "cannot write in %s: %s", dir, strerror(errno));
	/* mkstemp makes it private; a calendar is for sharing, as umask says. */
	mode_t mask = umask(0);
	umask(mask);
	FILE *f = fchmod(fd, 0666 & ~mask) == 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		int e = errno;
		close(fd);
		unlink(tmp);
		return bp_err_set(err, BP_EIO, "cannot write %s: %s", tmp, strerror(e));
	}
	int rc = bp_plan_write_tech(f, BP_FMT_ICS, s, p, tech, err);
	if (rc == BP_OK && fsync(fileno(f)) != 0)
		rc = bp_err_set(err, BP_EIO, "cannot write %s: %s", path, strerror(errno));
	if (fclose(f) != 0 && rc == BP_OK)
		rc = bp_err_set(err, BP_EIO, "cannot write %s: %s", path, strerror(errno));
	if (rc == BP_OK && rename(tmp, path) != 0)
		rc = bp_err_set(err, BP_EIO, "cannot put %s in place: %s", path, strerror(errno));
	if (rc)
		unlink(tmp);
	return rc;
}

/* One calendar per technician of the shop (only `only` when >= 0): those
 * without work that day (or not in the day's view, off all day) get an
 * empty one, so that their phone drops what an earlier plan put there. */
static int write_calendars(struct bp_ctx *ctx, const char *dir, const struct bp_shop *all,
			   const struct bp_shop *s, const struct bp_plan *p, int only)
{
	struct stat sb;
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return bp_err_set(&ctx->err, BP_EIO, "cannot create the folder %s: %s", dir,
				  strerror(errno));
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return bp_err_set(&ctx->err, BP_EIO, "%s is not a folder", dir);
	struct bp_plan none;
	bp_plan_init(&none);
	none.date = p->date;
	int n = 0, rc = BP_OK;
	for (int t = 0; t < all->ntechs && !rc; t++) {
		const char *id = all->techs[t].id;
		if (only >= 0 && strcmp(id, s->techs[only].id) != 0)
			continue;
		int here = bp_shop_tech(s, id);
		rc = here >= 0 ? write_calendar(dir, id, s, p, here, &ctx->err)
			       : write_calendar(dir, id, all, &none, t, &ctx->err);
		n++;
	}
	if (!rc)
		fprintf(ctx->out, "%d calendar%s written to %s\n", n, n == 1 ? "" : "s", dir);
	return rc;
}

int bp_cmd_show(int argc, char **argv, struct bp_ctx *ctx)
{
	const char *date_s = NULL, *run_s = NULL, *tech_s = NULL, *dir = NULL;
	struct bp_opt opts[] = {
		BP_STR_OPT("date", &date_s, "D", "the latest plan of that day (default: the latest "
			   "plan)"),
		BP_STR_OPT("run", &run_s, "N", "that schedule run (runs.id)"),
		BP_STR_OPT("technician", &tech_s, "ID", "only that technician's work"),
		BP_STR_OPT("out-dir", &dir, "DIR", "with --format ics: one calendar per technician, "
			   "written to DIR/ID.ics"),
	};
	char *pos[1];
	int npos, date = -1;
	long long run_id = 0;
	int rc = bp_parse_opts(argc, argv, opts, BP_NOPTS(opts), pos, 0, &npos, &ctx->err);
	if (rc)
		return rc;
	if (date_s && run_s)
		return bp_err_set(&ctx->err, BP_EUSAGE, "give --date or --run, not both");
	if (date_s && (rc = bp_opt_date("date", date_s, &date, &ctx->err)))
		return rc;
	if (run_s) {
		char *end;
		errno = 0;
		run_id = strtoll(run_s, &end, 10);
		if (errno || *end || end == run_s || run_id < 1)
			return bp_err_set(&ctx->err, BP_EUSAGE, "--run wants a run id (a whole "
					  "number from 1), not '%s'", run_s);
	}
	if (dir && ctx->format != BP_FMT_ICS)
		return bp_err_set(&ctx->err, BP_EUSAGE, "--out-dir is for --format ics");

	struct bp_store *st = NULL;
	struct bp_shop all, day;
	struct bp_plan plan;
	struct bp_day dv = {0};
	bp_plan_init(&plan);
	bp_shop_init(&day);
	if ((rc = bp_open_shop(ctx, &st, &all)))
		return rc;
	/* A run is read against the whole shop, so that jobs cancelled or
	 * technicians off since it was made still read back. */
	rc = date >= 0 ? bp_store_load_plan(st, &all, date, "schedule", &plan, NULL, &ctx->err)
		       : bp_store_load_plan_run(st, &all, run_id, "schedule", &plan, NULL,
						&ctx->err);
	if (rc)
		goto out;
	if (tech_s && bp_shop_tech(&all, tech_s) < 0) {
		rc = bp_err_set(&ctx->err, BP_EDATA, "no technician %s in the shop", tech_s);
		goto out;
	}
	plan.learned_durations = durations_learned(&all);
	/* The date as `plan` saw it (carry-over, absences, closures) when
	 * nothing the run names has changed since; else the whole shop, its
	 * jobs of earlier dates marked as carried. */
	const struct bp_shop *view = &all;
	if (bp_shop_copy(&day, &all)) {
		rc = bp_err_set(&ctx->err, BP_EINTERNAL, "out of memory");
		goto out;
	}
	if ((rc = bp_day_prepare(&day, plan.date, -1, &dv, &ctx->err)))
		goto out;
	int off = tech_s && bp_shop_tech(&day, tech_s) < 0;
	if (!off && move_plan(&all, &plan, &day) == 0) {
		view = &day;
		bp_plan_kpis(&day, &plan);
	} else {
		bp_day_mark_carried(&all, plan.date);
		if (!off)
			bp_progress(ctx, "show: jobs, technicians or bays of this plan have left "
				    "the day since (cancelled, off, down); shown as planned\n");
	}
	int tech = tech_s ? bp_shop_tech(view, tech_s) : -1;
	if (dir)
		rc = write_calendars(ctx, dir, &all, view, &plan, tech);
	else
		rc = bp_plan_write_tech(ctx->out, ctx->format, view, &plan, tech, &ctx->err);
out:
	bp_day_free(&dv);
	bp_plan_free(&plan);
	bp_shop_free(&day);
	bp_shop_free(&all);
	bp_store_close(st);
	return rc;
}
