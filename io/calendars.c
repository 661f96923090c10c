/*
 * calendars.c - iCalendar files from a stored plan (calendars.h): DTSTAMP
 * the run's time, SEQUENCE the job's moves, one file per technician.
 */
#include "io/calendars.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "io/store_moves.h"

/* "YYYY-MM-DDTHH:MM:SS" local time to "YYYYMMDDTHHMMSSZ"; 0 when it reads. */
static int utc_stamp(const char *local, char *out, size_t n)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	if (sscanf(local, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
		   &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_isdst = -1;   /* the zone's rules say whether summer time applied */
	time_t t = mktime(&tm);
	struct tm u;
	if (t == (time_t)-1 || !gmtime_r(&t, &u) || !strftime(out, n, "%Y%m%dT%H%M%SZ", &u))
		return -1;
	return 0;
}

int bp_calendar_opts(struct bp_store *st, const struct bp_shop *s, const struct bp_plan *p,
		     const struct bp_run *run, struct bp_ics_opts *o, int **moves,
		     struct bp_err *err)
{
	memset(o, 0, sizeof *o);
	*moves = malloc(((size_t)s->njobs + 1) * sizeof **moves);
	if (!*moves)
		return bp_err_set(err, BP_EINTERNAL, "out of memory");
	if (utc_stamp(run->created_at, o->stamp, sizeof o->stamp) != 0)
		return bp_err_set(err, BP_EDATA, "run %lld: created_at '%s' is not a time "
				  "(YYYY-MM-DDTHH:MM:SS)", run->id, run->created_at);
	int rc = bp_store_job_moves(st, s, p->date, run->id, *moves, err);
	o->moves = *moves;
	return rc;
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
			  const struct bp_plan *p, int tech, const struct bp_ics_opts *o,
			  struct bp_err *err)
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
	int rc = bp_plan_write_ics(f, BP_FMT_ICS, s, p, tech, o, err);
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

int bp_write_calendars(struct bp_ctx *ctx, const char *dir, const struct bp_shop *all,
		       const struct bp_shop *s, const struct bp_plan *p, int only,
		       const struct bp_ics_opts *o)
{
	struct stat sb;
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return bp_err_set(&ctx->err, BP_EIO, "cannot create the folder %s: %s", dir,
				  strerror(errno));
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return bp_err_set(&ctx->err, BP_EIO, "%s is not a folder", dir);
	struct bp_plan none;
	struct bp_ics_opts empty = *o;
	bp_plan_init(&none);
	none.date = p->date;
	empty.moves = NULL;   /* indexed by s's jobs; an empty calendar has none */
	int n = 0, rc = BP_OK;
	for (int t = 0; t < all->ntechs && !rc; t++) {
		const char *id = all->techs[t].id;
		if (only >= 0 && strcmp(id, s->techs[only].id) != 0)
			continue;
		int here = bp_shop_tech(s, id);
		rc = here >= 0 ? write_calendar(dir, id, s, p, here, o, &ctx->err)
			       : write_calendar(dir, id, all, &none, t, &empty, &ctx->err);
		n++;
	}
	if (!rc)
		fprintf(ctx->out, "%d calendar%s written to %s\n", n, n == 1 ? "" : "s", dir);
	return rc;
}
