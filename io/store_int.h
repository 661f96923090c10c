/*
 * store_int.h - what io/store.c and io/store_*.c share: the handle and the
 * statement helpers. Private to those files. SQLite's types are named by
 * their struct tags, so <sqlite3.h> itself stays in the .c files.
 */
#ifndef BP_STORE_INT_H
#define BP_STORE_INT_H

#include <stdarg.h>
#include <sys/types.h>

#include "model/err.h"

struct sqlite3;
struct sqlite3_stmt;

/* Migration step i takes user_version i to i + 1 (store_schema.c);
 * there are BP_STORE_SCHEMA of them. */
extern const char *const bp_store_migrations[];

struct bp_store {
	struct sqlite3 *db;        /* NULL once a failed rollback closed it */
	int lost;                  /* then: the SQLite code the rollback failed with */
	char path[1024];
	int version;               /* PRAGMA user_version now */
	int found;                 /* user_version when opened; -1 = this open created it */
	int busy_ms;
	/* The file at `path` when it was opened: every write checks that the
	 * path still names it (see bp_store_begin). */
	dev_t dev;
	ino_t ino;
	int detached;              /* it does not: close without touching the -wal */
};

/* Map a SQLite result code (and the handle's message) to a BP_E* status:
 * busy/locked BP_EBUSY, not a database, a damaged file or a refused
 * constraint BP_EDATA, out of memory BP_EINTERNAL, anything else BP_EIO. */
int bp_store_fail(struct bp_store *st, int rc, struct bp_err *err);
/* BP_EINTERNAL unless a transaction is open (writes need one); when the
 * handle was closed by a failed rollback, as bp_store_fail says. */
int bp_store_need_tx(struct bp_store *st, const char *who, struct bp_err *err);
int bp_store_prepare(struct bp_store *st, const char *sql, struct sqlite3_stmt **out,
		     struct bp_err *err);
/* Reset `s`, bind the arguments by `types` and step it once; returns the
 * SQLite code (SQLITE_ROW, SQLITE_DONE or an error). Types, one per
 * parameter: 't' const char * (NULL binds NULL), 'i' int, 'n' int with
 * negative binding NULL, 'L' long long, 'd' double. */
int bp_store_vstep(struct sqlite3_stmt *s, const char *types, va_list ap);
int bp_store_step(struct sqlite3_stmt *s, const char *types, ...);
/* bp_store_step that expects no row back: BP_OK or the mapped failure. */
int bp_store_exec(struct bp_store *st, struct sqlite3_stmt *s, struct bp_err *err,
		  const char *types, ...);

#endif
