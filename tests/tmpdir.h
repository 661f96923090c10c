/*
 * tmpdir.h - a fresh folder per test for the suites that write stores, and
 * its removal, so that each test starts from no file at all.
 */
#ifndef BP_TEST_TMPDIR_H
#define BP_TEST_TMPDIR_H

#include <stddef.h>

/* Make /tmp/bp_TAG_XXXXXX into dir (n bytes) and put dir/s.db in path. */
void bp_test_tmpdir(const char *tag, char *dir, size_t n, char *path, size_t pn);
/* Remove the folder and the files in it (not recursive: tests make none). */
void bp_test_rmdir(const char *dir);

#endif
