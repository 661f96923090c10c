/*
 * tmpdir.c - the suites' temporary folders (see tmpdir.h).
 */
#include "tests/tmpdir.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

void bp_test_tmpdir(const char *tag, char *dir, size_t n, char *path, size_t pn)
{
	snprintf(dir, n, "/tmp/bp_%s_XXXXXX", tag);
	ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp failed");
	snprintf(path, pn, "%s/s.db", dir);
}

void bp_test_rmdir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char f[400];
	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(f, sizeof f, "%s/%s", dir, e->d_name);
			unlink(f);
		}
	if (d)
		closedir(d);
	rmdir(dir);
}

void bp_test_sql_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	char *msg = NULL;
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	ck_assert_msg(rc == SQLITE_OK, "'%s': %s", sql, msg ? msg : "?");
	sqlite3_free(msg);
	sqlite3_close(db);
}

long long bp_test_sql_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK, "'%s': %s", sql,
		      sqlite3_errmsg(db));
	long long v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -12345;
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}
