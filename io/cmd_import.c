/*
 * cmd_import.c - `bayplan import SHOP.yaml`: the shop file merged into the
 * store (master data replaced, bookings added or updated by id, the store's
 * records kept); `--replace` starts over from the file; `--bookings
 * FILE.csv` adds or updates bookings only. One transaction, one events row
 * per booking added or changed; a bad file or a refused merge changes nothing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/cli.h"
#include "io/csv_bookings.h"
#include "io/records.h"
#include "io/store.h"
#include "io/store_events.h"
#include "io/yaml_shop.h"
#include "model/merge.h"
#include "model/validate.h"

/* The events row of a booking, written by `cmd` ("import", "import
 * --replace", ...): before in `os` (oj NULL: it is new), after in `s` (j
 * NULL: it is gone). */
static int job_event(struct bp_store *st, const char *cmd, const struct bp_shop *os,
		     const struct bp_job *oj, const struct bp_shop *s, const struct bp_job *j,
		     struct bp_err *err)
{
	char *before = oj ? bp_job_json(os, oj) : NULL, *after = j ? bp_job_json(s, j) : NULL;
	int rc = (oj && !before) || (j && !after)
		? bp_err_set(err, BP_EINTERNAL, "out of memory")
		: bp_store_event(st, cmd, BP_EV_JOB, j ? j->id : oj->id, before, after, err);
	free(before);
	free(after);
	return rc;
}

/* The merged shop written in the caller's transaction, and an events row
 * for each booking the merge added or changed. */
static int save_merged(struct bp_store *st, const char *cmd, const struct bp_shop *old,
		       const struct bp_shop *m, const struct bp_merge_report *r, struct bp_err *err)
{
	int rc = bp_store_save_shop_keep(st, m, r->new_part, err);
	for (int i = 0; i < m->njobs && !rc; i++)
		if (r->state[i] == BP_MERGE_ADDED || r->state[i] == BP_MERGE_UPDATED)
			rc = job_event(st, cmd, old,
				       r->old_job[i] >= 0 ? &old->jobs[r->old_job[i]] : NULL, m,
				       &m->jobs[i], err);
	return rc;
}

/* Starting over: an events row for each booking that is new, differs from
 * the store's (its status included, which starts over too) or is gone. */
static int replace_events(struct bp_store *st, const struct bp_shop *old,
			  const struct bp_shop *s, int n[3], struct bp_err *err)
{
	int rc = BP_OK;
	for (int i = 0; i < s->njobs && !rc; i++) {
		int o = bp_shop_job(old, s->jobs[i].id);
		char *a = o >= 0 ? bp_job_json(old, &old->jobs[o]) : NULL;
		char *b = bp_job_json(s, &s->jobs[i]);
		if (!b || (o >= 0 && !a)) {
			rc = bp_err_set(err, BP_EINTERNAL, "out of memory");
		} else if (o < 0 || strcmp(a, b) != 0) {
			rc = bp_store_event(st, "import --replace", BP_EV_JOB, s->jobs[i].id, a,
					    b, err);
			n[o < 0 ? 0 : 1]++;
		}
		free(a);
		free(b);
	}
	for (int i = 0; i < old->njobs && !rc; i++)
		if (bp_shop_job(s, old->jobs[i].id) < 0) {
			rc = job_event(st, "import --replace", old, &old->jobs[i], s, NULL, err);
			n[2]++;
		}
	return rc;
}

/* What is printed once the transaction has committed. */
struct said {
	char text[1024];
	size_t len;
};

static void say(struct said *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct said *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (o->len < sizeof o->text)
		o->len += (size_t)vsnprintf(o->text + o->len, sizeof o->text - o->len, fmt, ap);
	va_end(ap);
}

static void summary(struct said *o, struct bp_ctx *ctx, const struct bp_shop *s,
		    const char *file)
{
	say(o, "imported %s into %s: %d bays, %d technicians, %d services, %d parts, "
	    "%d bookings, %d demand rows, %d actuals\n",
	    s->info.name[0] ? s->info.name : file, ctx->db_path, s->nbays, s->ntechs,
	    s->nservices, s->nparts, s->njobs, s->ndemand, s->nactuals - s->nstore_actuals);
}

/* Inside the open transaction: the file merged into the store's shop
 * (`has` = the store holds one), or with `replace` instead of it. A store
 * without a shop starts from the file: no booking changed, so no events. */
static int import_shop(struct bp_ctx *ctx, struct bp_store *st, const char *path,
		       const struct bp_shop *file, int has, int replace, struct said *o)
{
	struct bp_shop old, merged;
	struct bp_merge_report r;
	int rc = BP_OK;
	bp_shop_init(&old);
	bp_shop_init(&merged);
	memset(&r, 0, sizeof r);
	if (!has) {
		if (!(rc = bp_store_save_shop(st, file, &ctx->err))) {
			summary(o, ctx, file, path);
			say(o, "a new store: %d bookings loaded\n", file->njobs);
		}
		goto out;
	}
	if (replace) {
		int n[3] = {0, 0, 0};
		/* A shop that no longer loads is what starting over is for. */
		if (bp_store_load_shop(st, &old, &ctx->err) != BP_OK)
			bp_shop_free(&old);
		if (!(rc = bp_store_save_shop(st, file, &ctx->err)) &&
		    !(rc = replace_events(st, &old, file, n, &ctx->err))) {
			summary(o, ctx, file, path);
			say(o, "started over: %d bookings added, %d changed, %d removed; statuses, "
			    "roster changes, closures and orders cleared\n", n[0], n[1], n[2]);
		}
		goto out;
	}
	if ((rc = bp_store_load_shop(st, &old, &ctx->err)) ||
	    (rc = bp_shop_merge(&old, file, &merged, &r, &ctx->err)) ||
	    (rc = bp_shop_validate(&merged, path, &ctx->err)) ||
	    (rc = save_merged(st, "import", &old, &merged, &r, &ctx->err)))
		goto out;
	summary(o, ctx, &merged, path);
	say(o, "%d bookings added, %d updated, %d unchanged, %d kept from the store; master "
	    "data replaced\n", r.added, r.updated, r.same, r.kept);
out:
	bp_merge_report_free(&r);
	bp_shop_free(&merged);
	bp_shop_free(&old);
	return rc;
}

/* Inside the open transaction: the CSV's bookings over the store's shop. */
static int import_bookings(struct bp_ctx *ctx, struct bp_store *st, const char *path,
			   const char *buf, size_t len, int has, struct said *o)
{
	struct bp_shop old, file, merged;
	struct bp_merge_report r;
	int rc;
	bp_shop_init(&old);
	bp_shop_init(&file);
	bp_shop_init(&merged);
	memset(&r, 0, sizeof r);
	if (!has) {
		rc = bp_err_set(&ctx->err, BP_EDATA, "the store %s holds no shop to add bookings to; "
				"import the shop file first (bayplan import SHOP.yaml)",
				ctx->db_path);
		goto out;
	}
	if ((rc = bp_store_load_shop(st, &old, &ctx->err)))
		goto out;
	/* The store's master data, and the file's bookings only. */
	if (bp_shop_copy(&file, &old)) {
		rc = bp_err_set(&ctx->err, BP_EINTERNAL, "out of memory");
		goto out;
	}
	file.njobs = 0;
	if ((rc = bp_csv_parse_bookings(buf, len, path, &old, &file, &ctx->err)) ||
	    (rc = bp_shop_merge(&old, &file, &merged, &r, &ctx->err)) ||
	    (rc = bp_shop_validate(&merged, path, &ctx->err)) ||
	    (rc = save_merged(st, "import --bookings", &old, &merged, &r, &ctx->err)))
		goto out;
	say(o, "bookings from %s: %d added, %d updated, %d unchanged; nothing else changed\n",
	    path, r.added, r.updated, r.same);
out:
	bp_merge_report_free(&r);
	bp_shop_free(&merged);
	bp_shop_free(&file);
	bp_shop_free(&old);
	return rc;
}

int bp_cmd_import(int argc, char **argv, struct bp_ctx *ctx)
{
	int replace = 0;
	const char *bookings = NULL;
	struct bp_opt opts[] = {
		BP_FLAG_OPT("replace", &replace, "start over from the file: the store's "
			    "bookings, statuses, roster changes, closures and orders go"),
		BP_STR_OPT("bookings", &bookings, "FILE.csv", "add or update bookings only, from a "
			   "CSV export: a header row naming columns id, date, service, tier, window "
			   "(HH:MM-HH:MM) or arrival (HH:MM), promised, waiting (true/false, "
			   "yes/no, 1/0), technician, minutes; an empty cell leaves that field as "
			   "it is"),
	};
	char *pos[1];
	int npos;
	int rc = bp_parse_opts(argc, argv, opts, BP_NOPTS(opts), pos, 1, &npos, &ctx->err);
	if (rc)
		return rc;
	if (bookings && (npos || replace))
		return bp_err_set(&ctx->err, BP_EUSAGE, "import --bookings FILE.csv takes no shop "
				  "file and no --replace");
	if (!bookings && npos != 1)
		return bp_err_set(&ctx->err, BP_EUSAGE, "import needs the shop file: import "
				  "SHOP.yaml (or --bookings FILE.csv)");

	struct bp_shop shop;
	char *buf = NULL;
	size_t len = 0;
	bp_shop_init(&shop);
	/* Read everything first: the store is not touched by a file that fails. */
	rc = bookings ? bp_shopfile_load(bookings, BP_CSV_MAX_BYTES, &buf, &len, &ctx->err)
		      : bp_shopfile_read(pos[0], &shop, &ctx->err);
	struct bp_store *st = NULL;
	struct said o = {.len = 0};
	int has = 0;
	if (!rc)
		rc = bp_store_open(ctx->db_path, !bookings, &st, &ctx->err);
	if (rc == BP_ENOINPUT && !st && bookings && buf)
		rc = bp_err_set(&ctx->err, BP_ENOINPUT, "no store at %s; run 'bayplan import "
				"SHOP.yaml' first (or give --db)", ctx->db_path);
	/* The store's shop is read under the write lock, so that no command
	 * changes it between the read and the write. */
	if (!rc && !(rc = bp_store_begin(st, &ctx->err))) {
		if (!(rc = bp_store_has_shop(st, &has, &ctx->err)))
			rc = bookings ? import_bookings(ctx, st, bookings, buf, len, has, &o)
				      : import_shop(ctx, st, pos[0], &shop, has, replace, &o);
		if (!rc)
			rc = bp_store_commit(st, &ctx->err);
		if (rc)
			bp_store_rollback(st);
	}
	if (!rc)
		fputs(o.text, ctx->out);
	bp_store_close(st);
	bp_shop_free(&shop);
	free(buf);
	return rc;
}
