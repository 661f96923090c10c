/*
 * store.c - the SQLite store's connection: opening and recognising the file,
 * per-connection settings, forward migrations, transactions, runs and plans.
 * The shop's input tables are in store_shop.c, the schema in store_schema.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "io/store.h"
#include "io/store_int.h"

#define BUSY_MS_DEFAULT 5000
#define BUSY_MS_MAX 600000

/* ---- helpers shared with store_shop.c ---- */

int bp_store_fail(struct bp_store *st, int rc, struct bp_err *err)
{
	if (!st->db)
		return bp_err_set(err, st->lost == SQLITE_NOMEM ? BP_EINTERNAL : BP_EIO,
				  "the connection to the store %s was closed after a failed "
				  "rollback (%s)", st->path, sqlite3_errstr(st->lost));
	if (rc == SQLITE_IOERR_NOMEM)
		rc = SQLITE_NOMEM;
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return bp_err_set(err, BP_EBUSY, "the store is busy (another bayplan or the "
				  "booking front-end is writing); try again");
	case SQLITE_NOTADB:
		return bp_err_set(err, BP_EDATA, "%s is not a bayplan store", st->path);
	case SQLITE_CORRUPT:
		return bp_err_set(err, BP_EDATA, "the store %s is damaged (%s); restore it from "
				  "a backup", st->path, sqlite3_errmsg(st->db));
	case SQLITE_NOMEM:
		return bp_err_set(err, BP_EINTERNAL, "out of memory in the store %s", st->path);
	case SQLITE_CONSTRAINT:
		return bp_err_set(err, BP_EDATA, "the store %s refused the data: %s", st->path,
				  sqlite3_errmsg(st->db));
	default:
		return bp_err_set(err, BP_EIO, "the store %s: %s", st->path,
				  sqlite3_errmsg(st->db));
	}
}

int bp_store_need_tx(struct bp_store *st, const char *who, struct bp_err *err)
{
	if (!st->db)
		return bp_store_fail(st, SQLITE_MISUSE, err);
	if (sqlite3_get_autocommit(st->db))
		return bp_err_set(err, BP_EINTERNAL, "%s writes outside a transaction "
				  "(bp_store_begin first)", who);
	return BP_OK;
}

int bp_store_prepare(struct bp_store *st, const char *sql, sqlite3_stmt **out,
		     struct bp_err *err)
{
	*out = NULL;
	if (!st->db)
		return bp_store_fail(st, SQLITE_MISUSE, err);
	int rc = sqlite3_prepare_v2(st->db, sql, -1, out, NULL);
	return rc == SQLITE_OK ? BP_OK : bp_store_fail(st, rc, err);
}

int bp_store_vstep(sqlite3_stmt *s, const char *types, va_list ap)
{
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	int rc = SQLITE_OK;
	for (int i = 1; rc == SQLITE_OK && types[i - 1]; i++) {
		switch (types[i - 1]) {
		case 't': {
			const char *v = va_arg(ap, const char *);
			rc = v ? sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT)
			       : sqlite3_bind_null(s, i);
			break;
		}
		case 'i':
			rc = sqlite3_bind_int(s, i, va_arg(ap, int));
			break;
		case 'n': {
			int v = va_arg(ap, int);
			rc = v < 0 ? sqlite3_bind_null(s, i) : sqlite3_bind_int(s, i, v);
			break;
		}
		case 'L':
			rc = sqlite3_bind_int64(s, i, va_arg(ap, long long));
			break;
		case 'd':
			rc = sqlite3_bind_double(s, i, va_arg(ap, double));
			break;
		default:
			rc = SQLITE_MISUSE;
		}
	}
	return rc == SQLITE_OK ? sqlite3_step(s) : rc;
}

int bp_store_step(sqlite3_stmt *s, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	int rc = bp_store_vstep(s, types, ap);
	va_end(ap);
	return rc;
}

int bp_store_exec(struct bp_store *st, sqlite3_stmt *s, struct bp_err *err,
		  const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	int rc = bp_store_vstep(s, types, ap);
	va_end(ap);
	return rc == SQLITE_DONE ? BP_OK : bp_store_fail(st, rc, err);
}

/* A statement without parameters (PRAGMA, BEGIN, DDL); SQL is constant. */
static int exec_sql(struct bp_store *st, const char *sql, struct bp_err *err)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? BP_OK : bp_store_fail(st, rc, err);
}

/* The first column of the first row of a constant query, as an int. */
static int query_int(struct bp_store *st, const char *sql, int *out, struct bp_err *err)
{
	sqlite3_stmt *s;
	int rc = bp_store_prepare(st, sql, &s, err);
	if (rc)
		return rc;
	int step = sqlite3_step(s);
	*out = step == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	rc = step == SQLITE_ROW || step == SQLITE_DONE ? BP_OK : bp_store_fail(st, step, err);
	sqlite3_finalize(s);
	return rc;
}

/* ---- the file behind the path ---- */

/* SQLite takes a file of a few bytes for an empty database and would turn
 * it into a store; only an empty file, or one that starts like a SQLite
 * database, is opened at all. A file we cannot read is left to SQLite to
 * report. */
static int sqlite_header(const char *path, struct bp_err *err)
{
	static const char magic[16] = "SQLite format 3";
	char head[16];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return BP_OK;
	ssize_t n = read(fd, head, sizeof head);
	close(fd);
	if (n != (ssize_t)sizeof head || memcmp(head, magic, sizeof magic) != 0)
		return bp_err_set(err, BP_EDATA, "%s is not a bayplan store", path);
	return BP_OK;
}

/* SQLite finds a database's -wal and -shm by its name. A second name (a
 * hard link, from ln, cp -al or a snapshot tool) gets a -wal of its own, and
 * commits through the two names overwrite each other's pages. */
static int linked(const char *path, long nlink, struct bp_err *err)
{
	return bp_err_set(err, BP_EIO, "the store %s has %ld names (hard links, as ln, cp -al "
			  "or a snapshot tool make); SQLite would keep a -wal file for each name "
			  "and the writes through one would damage the other: give the store "
			  "one name (copy it with cp, not ln)", path, nlink);
}

/* The handle must not write once its path names another file: the commit
 * would go to a -wal that now belongs to that file. It is closed without a
 * checkpoint and without removing the -wal or -shm, which are no longer
 * its own to remove. */
static void detach(struct bp_store *st)
{
	st->detached = 1;
}

/* Is st->path still the file this handle opened, under one name? */
static int same_file(struct bp_store *st, struct bp_err *err)
{
	struct stat sb;
	if (stat(st->path, &sb) != 0) {
		detach(st);
		return bp_err_set(err, BP_EIO, "the store %s was removed or renamed while this "
				  "command ran; nothing was written", st->path);
	}
	if (sb.st_dev != st->dev || sb.st_ino != st->ino) {
		detach(st);
		return bp_err_set(err, BP_EIO, "the store %s was replaced while this command ran "
				  "(another file is at its path now); nothing was written",
				  st->path);
	}
	if (sb.st_nlink > 1) {
		detach(st);
		return linked(st->path, (long)sb.st_nlink, err);
	}
	return BP_OK;
}

/* Remember which file the handle has open: the path's device and inode
 * now, checked against SQLite's own descriptor (it could have been
 * swapped between SQLite's open and this stat). */
static int pin_file(struct bp_store *st, struct bp_err *err)
{
	struct stat sb;
	int moved = 0;
	if (stat(st->path, &sb) != 0)
		return bp_err_set(err, BP_EIO, "cannot open the store %s: %s", st->path,
				  strerror(errno));
	st->dev = sb.st_dev;
	st->ino = sb.st_ino;
	if (sqlite3_file_control(st->db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK &&
	    moved) {
		detach(st);
		return bp_err_set(err, BP_EIO, "the store %s was replaced while it was being "
				  "opened; try again", st->path);
	}
	return same_file(st, err);
}

/* A file this user cannot write opens read-only without a word from
 * SQLite; every command writes (even readers write the -shm), so say it
 * now rather than after a solve. */
static int writable(struct bp_store *st, struct bp_err *err)
{
	if (sqlite3_db_readonly(st->db, "main") != 1)
		return BP_OK;
	const char *why = access(st->path, W_OK) != 0 ? strerror(errno) : "read-only";
	return bp_err_set(err, BP_EIO, "cannot write the store %s (%s): bayplan writes to it; "
			  "check the file's permissions", st->path, why);
}

/* ---- opening ---- */

static int busy_ms_from_env(int *ms, struct bp_err *err)
{
	const char *v = getenv("BAYPLAN_BUSY_TIMEOUT_MS");
	*ms = BUSY_MS_DEFAULT;
	if (!v || !*v)
		return BP_OK;
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (errno || *end || n < 0 || n > BUSY_MS_MAX)
		return bp_err_set(err, BP_EUSAGE, "BAYPLAN_BUSY_TIMEOUT_MS wants milliseconds "
				  "from 0 to %d, not '%s'", BUSY_MS_MAX, v);
	*ms = (int)n;
	return BP_OK;
}

static int bad_version(struct bp_store *st, int ver, struct bp_err *err)
{
	return bp_err_set(err, BP_EDATA, "the store %s has schema %d, which no bayplan writes; "
			  "it is damaged: restore it from a backup", st->path, ver);
}

/* A bayplan store carries our application_id; a blank database (no id, no
 * version, no objects) may become one. Anything else belongs to someone
 * else and is left untouched, not even switched to WAL. */
static int recognise(struct bp_store *st, struct bp_err *err)
{
	int app, ver, nobj, rc;
	if ((rc = query_int(st, "PRAGMA application_id", &app, err)) ||
	    (rc = query_int(st, "PRAGMA user_version", &ver, err)) ||
	    (rc = query_int(st, "SELECT count(*) FROM sqlite_master", &nobj, err)))
		return rc;
	if (app != BP_STORE_APP_ID && !(app == 0 && ver == 0 && nobj == 0))
		return bp_err_set(err, BP_EDATA, "%s is not a bayplan store", st->path);
	/* The version indexes the migrations: one that no bayplan writes is
	 * damage, refused before anything (even WAL mode) is written. */
	if (ver < 0)
		return bad_version(st, ver, err);
	if (ver > BP_STORE_SCHEMA)
		return bp_err_set(err, BP_ESCHEMA, "the store %s has schema %d; this bayplan "
				  "knows up to %d: upgrade bayplan", st->path, ver,
				  BP_STORE_SCHEMA);
	st->version = ver;
	if (st->found != -1)
		st->found = ver;
	return BP_OK;
}

int bp_store_check(struct bp_store *st, int full, struct bp_err *err)
{
	sqlite3_stmt *s;
	int rc = bp_store_prepare(st, full ? "PRAGMA integrity_check(1)" : "PRAGMA quick_check(1)",
				  &s, err);
	if (rc)
		return rc;
	int step = sqlite3_step(s);
	const char *v = step == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
	const char *code = v ? strstr(v, "error code=") : NULL;
	if (step != SQLITE_ROW)
		rc = bp_store_fail(st, step, err);
	else if (!v)
		rc = bp_store_fail(st, sqlite3_errcode(st->db), err);
	else if (code)   /* a page it could not read (no memory, I/O): not damage */
		rc = bp_store_fail(st, atoi(code + 11), err);
	else if (strcmp(v, "ok") != 0) {
		/* "*** in database main ***\nPage 171: ..." -> "page 171: ..." */
		const char *nl = strrchr(v, '\n');
		char what[200];
		snprintf(what, sizeof what, "%s", nl ? nl + 1 : v);
		what[0] = what[0] == 'P' ? 'p' : what[0];
		rc = bp_err_set(err, BP_EDATA, "the store %s is damaged (%s); restore it from a "
				"backup", st->path, what);
	}
	sqlite3_finalize(s);
	if (rc || !full)
		return rc;
	if ((rc = bp_store_prepare(st, "PRAGMA foreign_key_check", &s, err)))
		return rc;
	step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		rc = bp_err_set(err, BP_EDATA, "the store %s is damaged (a row of %s refers to "
				"a %s row that is not there); restore it from a backup", st->path,
				sqlite3_column_text(s, 0), sqlite3_column_text(s, 2));
	else if (step != SQLITE_DONE)
		rc = bp_store_fail(st, step, err);
	sqlite3_finalize(s);
	return rc;
}

/* Settings that SQLite keeps per connection (all but WAL), so every open
 * sets them again. */
static int configure(struct bp_store *st, struct bp_err *err)
{
	sqlite3_stmt *s;
	int rc = bp_store_prepare(st, "PRAGMA journal_mode = WAL", &s, err);
	if (rc)
		return rc;
	int step = sqlite3_step(s);
	char mode[16] = "";
	if (step == SQLITE_ROW && sqlite3_column_text(s, 0))
		snprintf(mode, sizeof mode, "%s", (const char *)sqlite3_column_text(s, 0));
	rc = step == SQLITE_ROW ? BP_OK : bp_store_fail(st, step, err);
	sqlite3_finalize(s);
	if (rc)
		return rc;
	if (strcmp(mode, "wal") != 0)
		return bp_err_set(err, BP_EIO, "the store %s cannot use WAL mode (it stays in "
				  "'%s' mode); put it on a local disk", st->path, mode);
	int fk;
	if ((rc = exec_sql(st, "PRAGMA foreign_keys = ON", err)) ||
	    (rc = exec_sql(st, "PRAGMA synchronous = FULL", err)) ||
	    (rc = query_int(st, "PRAGMA foreign_keys", &fk, err)))
		return rc;
	if (fk != 1)
		return bp_err_set(err, BP_EINTERNAL, "this SQLite cannot enforce foreign keys");
	return BP_OK;
}

/* One step per transaction. The version is read again under the write lock:
 * another bayplan may have migrated the file since we looked. */
static int migrate(struct bp_store *st, struct bp_err *err)
{
	while (st->version < BP_STORE_SCHEMA) {
		int rc = bp_store_begin(st, err);
		if (rc)
			return rc;
		int v;
		char sql[96];
		rc = query_int(st, "PRAGMA user_version", &v, err);
		if (!rc && v < 0)
			rc = bad_version(st, v, err);
		else if (!rc && v > BP_STORE_SCHEMA)
			rc = bp_err_set(err, BP_ESCHEMA, "the store %s has schema %d; this "
					"bayplan knows up to %d: upgrade bayplan", st->path, v,
					BP_STORE_SCHEMA);
		if (!rc && v < BP_STORE_SCHEMA) {
			/* Constants only: the id and the version are not data. */
			snprintf(sql, sizeof sql, "PRAGMA application_id = %d; "
				 "PRAGMA user_version = %d", BP_STORE_APP_ID, v + 1);
			rc = exec_sql(st, bp_store_migrations[v], err);
			if (!rc)
				rc = exec_sql(st, sql, err);
			v++;
		}
		if (!rc)
			rc = bp_store_commit(st, err);
		if (rc) {
			bp_store_rollback(st);
			return rc;
		}
		st->version = v;
	}
	return BP_OK;
}

int bp_store_open(const char *path, int create, struct bp_store **out, struct bp_err *err)
{
	*out = NULL;
	if (!path || !*path)
		return bp_err_set(err, BP_EUSAGE, "the store needs a file name (--db FILE)");
	struct stat sb;
	int exists = stat(path, &sb) == 0, rc;
	if (!exists && !create)
		return bp_err_set(err, BP_ENOINPUT, "the store %s does not exist; run "
				  "'bayplan init' or 'bayplan import' first", path);
	if (exists && S_ISREG(sb.st_mode) && sb.st_nlink > 1)
		return linked(path, (long)sb.st_nlink, err);
	if (exists && S_ISREG(sb.st_mode) && sb.st_size > 0 && (rc = sqlite_header(path, err)))
		return rc;
	struct bp_store *st = calloc(1, sizeof *st);
	if (!st)
		return bp_err_set(err, BP_EINTERNAL, "out of memory opening %s", path);
	if ((size_t)snprintf(st->path, sizeof st->path, "%s", path) >= sizeof st->path) {
		free(st);
		return bp_err_set(err, BP_EUSAGE, "the store's file name is too long");
	}
	/* An empty file holds no database yet: opening it creates one. */
	st->found = exists && sb.st_size > 0 ? 0 : -1;
	rc = busy_ms_from_env(&st->busy_ms, err);
	if (rc) {
		free(st);
		return rc;
	}
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	int src = sqlite3_open_v2(path, &st->db, flags, NULL);
	if (src != SQLITE_OK) {
		rc = bp_err_set(err, src == SQLITE_NOMEM ? BP_EINTERNAL : BP_EIO,
				"cannot open the store %s: %s", path,
				st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(src));
		bp_store_close(st);
		return rc;
	}
	sqlite3_busy_timeout(st->db, st->busy_ms);
	if ((rc = writable(st, err)) || (rc = pin_file(st, err))) {
		bp_store_close(st);
		return rc;
	}
	/* A damaged file is refused before anything is written to it: a few
	 * milliseconds per megabyte, against a command that would fail half-way
	 * or, worse, write beside the damage. A new store needs no check. */
	if ((rc = recognise(st, err)) || (st->found >= 0 && (rc = bp_store_check(st, 0, err))) ||
	    (rc = configure(st, err)) || (rc = migrate(st, err))) {
		bp_store_close(st);
		return rc;
	}
	*out = st;
	return BP_OK;
}

void bp_store_close(struct bp_store *st)
{
	if (!st)
		return;
	if (st->db && st->detached) {
		int on = 1;
		sqlite3_file_control(st->db, "main", SQLITE_FCNTL_PERSIST_WAL, &on);
		sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
	}
	if (st->db)
		sqlite3_close_v2(st->db);
	free(st);
}

int bp_store_schema_version(struct bp_store *st)
{
	return st->version;
}

int bp_store_found_version(struct bp_store *st)
{
	return st->found;
}

void bp_store_busy_timeout(struct bp_store *st, int ms)
{
	st->busy_ms = ms < 0 ? 0 : ms;
	if (st->db)
		sqlite3_busy_timeout(st->db, st->busy_ms);
}

/* ---- transactions ---- */

int bp_store_begin(struct bp_store *st, struct bp_err *err)
{
	if (!st->db)
		return bp_store_fail(st, SQLITE_MISUSE, err);
	int rc = same_file(st, err);
	return rc ? rc : exec_sql(st, "BEGIN IMMEDIATE", err);
}

int bp_store_commit(struct bp_store *st, struct bp_err *err)
{
	if (!st->db)
		return bp_store_fail(st, SQLITE_MISUSE, err);
	/* Again here: a command holds its transaction through a solve. */
	int rc = same_file(st, err);
	if (!rc)
		rc = exec_sql(st, "COMMIT", err);
	if (rc)
		bp_store_rollback(st);
	return rc;
}

void bp_store_rollback(struct bp_store *st)
{
	if (!st->db || sqlite3_get_autocommit(st->db))
		return;
	/* ROLLBACK itself can fail (out of memory preparing it): try again
	 * once. A connection whose rollback failed twice is in a state nobody
	 * can reason about; closing it drops the transaction (in WAL mode its
	 * frames were never committed), and the next call reports why. */
	int rc = sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	if (rc != SQLITE_OK && !sqlite3_get_autocommit(st->db))
		rc = sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	if (rc != SQLITE_OK && !sqlite3_get_autocommit(st->db)) {
		st->lost = rc == SQLITE_IOERR_NOMEM ? SQLITE_NOMEM : rc & 0xff;
		sqlite3_close_v2(st->db);
		st->db = NULL;
	}
}

/* ---- runs and plans ---- */

static const char *const run_kinds[] = {"schedule", "reorder", "windows", "whatif"};

static int known_kind(const char *kind)
{
	for (size_t i = 0; i < sizeof run_kinds / sizeof run_kinds[0]; i++)
		if (strcmp(kind, run_kinds[i]) == 0)
			return 1;
	return 0;
}

int bp_store_add_run(struct bp_store *st, struct bp_run *run, struct bp_err *err)
{
	int rc = bp_store_need_tx(st, "bp_store_add_run", err);
	if (rc)
		return rc;
	if (!known_kind(run->kind))
		return bp_err_set(err, BP_EINTERNAL, "run kind '%s' is not schedule, reorder, "
				  "windows or whatif", run->kind);
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm) ||
	    !strftime(run->created_at, sizeof run->created_at, "%Y-%m-%dT%H:%M:%S", &tm))
		return bp_err_set(err, BP_EINTERNAL, "cannot read the local time");
	char date[12];
	bp_date_format(run->date, date, sizeof date);
	sqlite3_stmt *s;
	if ((rc = bp_store_prepare(st, "INSERT INTO runs (kind, date, created_at, status, "
				   "objective, bound, gap, solve_ms, scenario) "
				   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", &s, err)))
		return rc;
	rc = bp_store_exec(st, s, err, "ttttdddLt", run->kind, date, run->created_at,
			   bp_run_status_name(run->status), run->objective, run->bound, run->gap,
			   (long long)run->solve_ms, run->scenario);
	sqlite3_finalize(s);
	if (!rc)
		run->id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

static int valid_index(int i, int n)
{
	return i >= 0 && i < n;
}

int bp_store_save_plan(struct bp_store *st, long long run_id, const struct bp_shop *s,
		       const struct bp_plan *p, struct bp_err *err)
{
	int rc = bp_store_need_tx(st, "bp_store_save_plan", err);
	if (rc)
		return rc;
	sqlite3_stmt *q[4] = {NULL};
	static const char *const sql[4] = {
		"DELETE FROM schedule WHERE run_id = ?",
		"DELETE FROM unscheduled WHERE run_id = ?",
		"INSERT INTO schedule (run_id, job_id, technician_id, bay_id, start, \"end\", "
		"checkin, ready, carry_minutes, continues_on) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		"INSERT INTO unscheduled (run_id, job_id, reason, detail, earliest_date) "
		"VALUES (?, ?, ?, ?, ?)",
	};
	for (int i = 0; i < 4 && !rc; i++)
		rc = bp_store_prepare(st, sql[i], &q[i], err);
	if (!rc)
		rc = bp_store_exec(st, q[0], err, "L", run_id);
	if (!rc)
		rc = bp_store_exec(st, q[1], err, "L", run_id);
	for (int i = 0; i < p->nassign && !rc; i++) {
		const struct bp_assignment *a = &p->assign[i];
		if (!valid_index(a->job, s->njobs) || !valid_index(a->tech, s->ntechs) ||
		    !valid_index(a->bay, s->nbays)) {
			rc = bp_err_set(err, BP_EINTERNAL, "assignment %d points outside the shop",
					i);
			break;
		}
		char start[20], end[20], in[20], ready[20], cont[12];
		int rd = bp_assignment_ready(s, a);
		bp_datetime_format(p->date, a->start, start, sizeof start);
		bp_datetime_format(p->date, a->end, end, sizeof end);
		if (a->checkin >= 0)
			bp_datetime_format(p->date, a->checkin, in, sizeof in);
		if (rd >= 0)
			bp_datetime_format(p->date, rd, ready, sizeof ready);
		if (a->carry > 0 && a->carry_date >= 0)
			bp_date_format(a->carry_date, cont, sizeof cont);
		rc = bp_store_exec(st, q[2], err, "Ltttttttit", run_id, s->jobs[a->job].id,
				   s->techs[a->tech].id, s->bays[a->bay].id, start, end,
				   a->checkin >= 0 ? in : NULL, rd >= 0 ? ready : NULL,
				   a->carry > 0 ? a->carry : 0,
				   a->carry > 0 && a->carry_date >= 0 ? cont : NULL);
	}
	for (int i = 0; i < p->nunsched && !rc; i++) {
		const struct bp_unscheduled *u = &p->unsched[i];
		if (!valid_index(u->job, s->njobs)) {
			rc = bp_err_set(err, BP_EINTERNAL, "unscheduled entry %d is not a job of "
					"the shop", i);
			break;
		}
		char day[12];
		if (u->earliest_date >= 0)
			bp_date_format(u->earliest_date, day, sizeof day);
		rc = bp_store_exec(st, q[3], err, "Ltttt", run_id, s->jobs[u->job].id,
				   bp_reason_name(u->reason), u->detail,
				   u->earliest_date >= 0 ? day : NULL);
	}
	for (int i = 0; i < 4; i++)
		sqlite3_finalize(q[i]);
	return rc;
}

static const char *col_text(sqlite3_stmt *q, int c)
{
	const char *t = (const char *)sqlite3_column_text(q, c);
	return t ? t : "";
}

/* The runs row `q` has stepped onto (columns id, kind, date, created_at,
 * status, objective, bound, gap, solve_ms, scenario). */
static int read_run(sqlite3_stmt *q, struct bp_run *run, struct bp_err *err)
{
	char rec[40];
	memset(run, 0, sizeof *run);
	run->id = sqlite3_column_int64(q, 0);
	snprintf(rec, sizeof rec, "run %lld", run->id);
	snprintf(run->kind, sizeof run->kind, "%s", col_text(q, 1));
	if (bp_date_parse(col_text(q, 2), &run->date))
		return bp_err_rec(err, BP_EDATA, rec, "date", "'%s' is not a date (YYYY-MM-DD)",
				  col_text(q, 2));
	snprintf(run->created_at, sizeof run->created_at, "%s", col_text(q, 3));
	run->objective = sqlite3_column_double(q, 5);
	run->bound = sqlite3_column_double(q, 6);
	run->gap = sqlite3_column_double(q, 7);
	run->solve_ms = (long)sqlite3_column_int64(q, 8);
	snprintf(run->scenario, sizeof run->scenario, "%s", col_text(q, 9));
	if (bp_run_status_parse(col_text(q, 4), &run->status))
		return bp_err_rec(err, BP_EDATA, rec, "status", "'%s' is not optimal, "
				  "feasible, time_limit or failed", col_text(q, 4));
	return BP_OK;
}

#define RUN_COLS "SELECT id, kind, date, created_at, status, objective, bound, gap, " \
		 "solve_ms, scenario FROM runs "

/* The run row the plan belongs to. */
static int find_run(struct bp_store *st, int date, const char *kind, struct bp_run *run,
		    struct bp_err *err)
{
	char day[12];
	bp_date_format(date, day, sizeof day);
	sqlite3_stmt *q;
	/* An interrupted solve is kept, but the latest complete plan stays the
	 * one that is read: the user stopped the search, not the plan. */
	int rc = bp_store_prepare(st, RUN_COLS "WHERE kind = ? AND date = ? AND scenario = '' "
				  "AND status != 'interrupted' ORDER BY id DESC LIMIT 1", &q, err);
	if (rc)
		return rc;
	int step = bp_store_step(q, "tt", kind, day);
	if (step == SQLITE_DONE)
		rc = bp_err_set(err, BP_EDATA, "the store holds no %s run for %s; run "
				"'bayplan %s --date %s' first", kind, day,
				strcmp(kind, "schedule") == 0 ? "plan" : kind, day);
	else if (step != SQLITE_ROW)
		rc = bp_store_fail(st, step, err);
	else
		rc = read_run(q, run, err);
	sqlite3_finalize(q);
	return rc;
}

/* Run `id`, or with id <= 0 the latest run of `kind` (scenario ''). */
static int find_run_id(struct bp_store *st, long long id, const char *kind,
		       struct bp_run *run, struct bp_err *err)
{
	sqlite3_stmt *q;
	int rc = bp_store_prepare(st, id > 0 ? RUN_COLS "WHERE id = ?"
				  : RUN_COLS "WHERE kind = ? AND scenario = '' AND status != "
				  "'interrupted' ORDER BY id DESC LIMIT 1", &q, err);
	if (rc)
		return rc;
	int step = id > 0 ? bp_store_step(q, "L", id) : bp_store_step(q, "t", kind);
	if (step == SQLITE_DONE && id > 0)
		rc = bp_err_set(err, BP_EDATA, "the store holds no run %lld", id);
	else if (step == SQLITE_DONE)
		rc = bp_err_set(err, BP_EDATA, "the store holds no %s run yet; run 'bayplan "
				"%s' first", kind, strcmp(kind, "schedule") == 0 ? "plan" : kind);
	else if (step != SQLITE_ROW)
		rc = bp_store_fail(st, step, err);
	else if (!(rc = read_run(q, run, err)) && strcmp(run->kind, kind) != 0)
		rc = bp_err_set(err, BP_EDATA, "run %lld is a %s run, not a %s run", id,
				run->kind, kind);
	sqlite3_finalize(q);
	return rc;
}

/* A job, technician or bay named by a plan row, back to its index. */
static int plan_ref(int idx, const char *what, const char *id, long long run_id,
		    struct bp_err *err)
{
	if (idx >= 0)
		return BP_OK;
	char rec[40];
	snprintf(rec, sizeof rec, "run %lld", run_id);
	return bp_err_rec(err, BP_EDATA, rec, NULL, "the plan names %s %s, which is no longer "
			  "in the shop; plan the date again", what, id);
}

/* "YYYY-MM-DDTHH:MM" back to minutes on the plan's date (past midnight > 1440). */
static int plan_time(const char *t, int date, long long run_id, const char *job,
		     const char *field, int *out, struct bp_err *err)
{
	int day, m;
	if (bp_datetime_parse(t, &day, &m) == 0 && day >= date && day <= date + 1) {
		*out = (day - date) * 1440 + m;
		return BP_OK;
	}
	char rec[96];
	snprintf(rec, sizeof rec, "run %lld, job %s", run_id, job);
	return bp_err_rec(err, BP_EDATA, rec, field, "'%s' is not a time (YYYY-MM-DDTHH:MM) "
			  "on the plan's date or the next", t);
}

/* With `skipped`, a row that names a job, technician or bay the shop no
 * longer has is counted there and left out instead of failing the load. */
static int load_assignments(struct bp_store *st, const struct bp_shop *s, long long run_id,
			    struct bp_plan *p, int *skipped, struct bp_err *err)
{
	sqlite3_stmt *q;
	int rc = bp_store_prepare(st, "SELECT job_id, technician_id, bay_id, start, \"end\", "
				  "checkin, carry_minutes, continues_on "
				  "FROM schedule WHERE run_id = ? ORDER BY rowid", &q, err);
	int step = rc ? SQLITE_DONE : bp_store_step(q, "L", run_id);
	for (; !rc && step == SQLITE_ROW; step = sqlite3_step(q)) {
		struct bp_assignment a = {.parts_ready = -1, .checkin = -1, .carry_date = -1};
		const char *job = col_text(q, 0);
		a.job = bp_shop_job(s, job);
		a.tech = bp_shop_tech(s, col_text(q, 1));
		a.bay = bp_shop_bay(s, col_text(q, 2));
		if (skipped && (a.job < 0 || a.tech < 0 || a.bay < 0)) {
			(*skipped)++;
			continue;
		}
		if ((rc = plan_ref(a.job, "job", job, run_id, err)) ||
		    (rc = plan_ref(a.tech, "technician", col_text(q, 1), run_id, err)) ||
		    (rc = plan_ref(a.bay, "bay", col_text(q, 2), run_id, err)) ||
		    (rc = plan_time(col_text(q, 3), p->date, run_id, job, "start", &a.start,
				    err)) ||
		    (rc = plan_time(col_text(q, 4), p->date, run_id, job, "end", &a.end, err)) ||
		    (sqlite3_column_type(q, 5) != SQLITE_NULL &&
		     (rc = plan_time(col_text(q, 5), p->date, run_id, job, "checkin", &a.checkin,
				     err))))
			break;
		a.carry = sqlite3_column_int(q, 6);
		if (a.carry < 0 || a.carry > 100000 ||
		    (a.carry > 0 && bp_date_parse(col_text(q, 7), &a.carry_date))) {
			char rec[96];
			snprintf(rec, sizeof rec, "run %lld, job %s", run_id, job);
			rc = bp_err_rec(err, BP_EDATA, rec, "carry_minutes", "%d minutes "
					"continuing on '%s' is not work left for a date",
					a.carry, col_text(q, 7));
			break;
		}
		if (bp_plan_add_assignment(p, &a))
			rc = bp_err_set(err, BP_EINTERNAL, "out of memory reading the plan");
	}
	if (!rc && step != SQLITE_DONE)
		rc = bp_store_fail(st, step, err);
	sqlite3_finalize(q);
	return rc;
}

static int load_unscheduled(struct bp_store *st, const struct bp_shop *s, long long run_id,
			    struct bp_plan *p, struct bp_err *err)
{
	sqlite3_stmt *q;
	int rc = bp_store_prepare(st, "SELECT job_id, reason, detail, earliest_date "
				  "FROM unscheduled WHERE run_id = ? ORDER BY rowid", &q, err);
	int step = rc ? SQLITE_DONE : bp_store_step(q, "L", run_id);
	for (; !rc && step == SQLITE_ROW; step = sqlite3_step(q)) {
		const char *job = col_text(q, 0);
		int j = bp_shop_job(s, job), day = -1;
		enum bp_reason r;
		char rec[96];
		snprintf(rec, sizeof rec, "run %lld, job %s", run_id, job);
		if ((rc = plan_ref(j, "job", job, run_id, err)))
			break;
		if (bp_reason_parse(col_text(q, 1), &r)) {
			rc = bp_err_rec(err, BP_EDATA, rec, "reason", "'%s' is not a reason "
					"bayplan knows", col_text(q, 1));
			break;
		}
		if (sqlite3_column_type(q, 3) != SQLITE_NULL &&
		    bp_date_parse(col_text(q, 3), &day)) {
			rc = bp_err_rec(err, BP_EDATA, rec, "earliest_date", "'%s' is not a date "
					"(YYYY-MM-DD)", col_text(q, 3));
			break;
		}
		if (bp_plan_add_unscheduled(p, j, r, day, "%s", col_text(q, 2)))
			rc = bp_err_set(err, BP_EINTERNAL, "out of memory reading the plan");
	}
	if (!rc && step != SQLITE_DONE)
		rc = bp_store_fail(st, step, err);
	sqlite3_finalize(q);
	return rc;
}

/* The plan of run `r` (found by date or id). */
static int load_run_plan(struct bp_store *st, const struct bp_shop *s, const struct bp_run *r,
			 struct bp_plan *p, struct bp_run *run, struct bp_err *err)
{
	int rc;
	p->date = r->date;
	p->status = r->status;
	p->objective = r->objective;
	p->bound = r->bound;
	p->gap = r->gap;
	p->solve_ms = r->solve_ms;
	if ((rc = load_assignments(st, s, r->id, p, NULL, err)) ||
	    (rc = load_unscheduled(st, s, r->id, p, err))) {
		bp_plan_free(p);
		return rc;
	}
	bp_plan_kpis(s, p);
	if (run)
		*run = *r;
	return BP_OK;
}

int bp_store_load_plan(struct bp_store *st, const struct bp_shop *s, int date,
		       const char *kind, struct bp_plan *p, struct bp_run *run,
		       struct bp_err *err)
{
	struct bp_run r;
	if (!kind)
		kind = "schedule";
	bp_plan_free(p);
	int rc = find_run(st, date, kind, &r, err);
	return rc ? rc : load_run_plan(st, s, &r, p, run, err);
}

int bp_store_load_plan_run(struct bp_store *st, const struct bp_shop *s, long long run_id,
			   const char *kind, struct bp_plan *p, struct bp_run *run,
			   struct bp_err *err)
{
	struct bp_run r;
	if (!kind)
		kind = "schedule";
	bp_plan_free(p);
	int rc = find_run_id(st, run_id, kind, &r, err);
	return rc ? rc : load_run_plan(st, s, &r, p, run, err);
}

int bp_store_load_pins(struct bp_store *st, const struct bp_shop *s, int date,
		       struct bp_plan *p, int *skipped, struct bp_err *err)
{
	struct bp_run r;
	bp_plan_free(p);
	*skipped = 0;
	int rc = find_run(st, date, "schedule", &r, err);
	if (rc)
		return rc;
	p->date = date;
	p->status = r.status;
	if ((rc = load_assignments(st, s, r.id, p, skipped, err)))
		bp_plan_free(p);
	return rc;
}
