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
