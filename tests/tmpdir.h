/*
 * tmpdir.h - a fresh folder per test for the suites that write stores, its
 * removal (each test starts from no file at all), and SQL on the file as
 * another program would run it.
 */
#ifndef BP_TEST_TMPDIR_H
#define BP_TEST_TMPDIR_H

#include <stddef.h>

/* Make /tmp/bp_TAG_XXXXXX into dir (n bytes) and put dir/s.db in path. */
void bp_test_tmpdir(const char *tag, char *dir, size_t n, char *path, size_t pn);
/* Remove the folder and the files in it (not recursive: tests make none). */
void bp_test_rmdir(const char *dir);

/* Run `sql` on the file at `path` (failing the test when it fails). */
void bp_test_sql_exec(const char *path, const char *sql);
/* The first column of the first row of `sql`, -12345 when there is none. */
long long bp_test_sql_int(const char *path, const char *sql);

#endif
