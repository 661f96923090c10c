/*
 * outfile.c - output files beside the store (see outfile.h).
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "io/outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The files SQLite keeps beside a database, found by its name. */
static const char *const side[] = {"", "-wal", "-shm", "-journal"};
#define NSIDE (sizeof side / sizeof side[0])

/* The folder part of a path ("." when it has none), as a new string, and
 * where its last component starts. NULL when out of memory. */
static char *dir_of(const char *path, const char **base)
{
	const char *slash = strrchr(path, '/');
	*base = slash ? slash + 1 : path;
	if (!slash)
		return strdup(".");
	size_t n = slash == path ? 1 : (size_t)(slash - path);
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, path, n);
		d[n] = 0;
	}
	return d;
}

/* Do two paths name the same entry of the same folder, whether or not it
 * exists yet? (A -wal that is not there now will be once the store is
 * written.) */
static int same_entry(const char *a, const char *b)
{
	const char *ba, *bb;
	char *da = dir_of(a, &ba), *db = dir_of(b, &bb);
	struct stat sa, sb;
	int same = da && db && *ba && strcmp(ba, bb) == 0 && stat(da, &sa) == 0 &&
		   stat(db, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	free(da);
	free(db);
	return same;
}

static int names_store(const char *out, const char *db)
{
	struct stat so, ss;
	int have_out = stat(out, &so) == 0;
	size_t n = strlen(db) + 16;
	char *name = malloc(n);
	if (!name)
		return 0;
	int hit = 0;
	for (size_t i = 0; i < NSIDE && !hit; i++) {
		snprintf(name, n, "%s%s", db, side[i]);
		hit = same_entry(out, name) ||
		      (have_out && stat(name, &ss) == 0 && so.st_dev == ss.st_dev &&
		       so.st_ino == ss.st_ino);
	}
	free(name);
	return hit;
}

int bp_out_not_store(const char *opt, const char *out, const char *db, struct bp_err *err)
{
	/* SQLite follows a symbolic link to the database and keeps the -wal
	 * beside the file it points to, so the resolved name counts too. */
	char *real = db ? realpath(db, NULL) : NULL;
	int hit = db && (names_store(out, db) || (real && names_store(out, real)));
	free(real);
	if (hit)
		return bp_err_set(err, BP_EUSAGE, "--%s %s is the store %s or a file SQLite keeps "
				  "beside it; writing there would destroy the store: give another "
				  "file name", opt, out, db);
	return BP_OK;
}

static int io_fail(const char *target, const char *what, struct bp_err *err)
{
	return bp_err_set(err, BP_EIO, "cannot %s %s: %s", what, target, strerror(errno));
}

/* "DIR/.bayplan-XXXXXX" beside target: the same file system, so the
 * rename is atomic; a short fixed name, so a long target name still fits
 * NAME_MAX. */
static char *temp_name(const char *target)
{
	const char *base;
	char *dir = dir_of(target, &base);
	if (!dir)
		return NULL;
	size_t n = strlen(dir) + 24;
	char *t = malloc(n);
	if (t)
		snprintf(t, n, "%s/.bayplan-XXXXXX", dir);
	free(dir);
	return t;
}

static mode_t file_mode(void)
{
	mode_t mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

int bp_out_replace(const char *target, bp_fill_stream fill, void *arg, struct bp_err *err)
{
	char *tmp = temp_name(target);
	if (!tmp)
		return bp_err_set(err, BP_EINTERNAL, "out of memory");
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int rc = io_fail(target, "write", err);
		free(tmp);
		return rc;
	}
	FILE *f = fdopen(fd, "w");
	int rc = BP_OK;
	if (!f) {
		rc = io_fail(target, "write", err);
		close(fd);
	} else {
		if (fchmod(fd, file_mode()) != 0)
			rc = io_fail(target, "write", err);
		if (!rc)
			rc = fill(f, arg, err);
		if (!rc && (fflush(f) != 0 || fsync(fd) != 0))
			rc = io_fail(target, "write", err);
		if (fclose(f) != 0 && !rc)
			rc = io_fail(target, "write", err);
	}
	if (!rc && rename(tmp, target) != 0)
		rc = io_fail(target, "put in place", err);
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

int bp_out_replace_named(const char *target, bp_fill_named fill, void *arg,
			 struct bp_err *err)
{
	char *dir = temp_name(target);
	if (!dir)
		return bp_err_set(err, BP_EINTERNAL, "out of memory");
	if (!mkdtemp(dir)) {
		int rc = io_fail(target, "write", err);
		free(dir);
		return rc;
	}
	size_t n = strlen(dir) + 8;
	char *path = malloc(n);
	int rc = BP_OK;
	if (!path) {
		rc = bp_err_set(err, BP_EINTERNAL, "out of memory");
	} else {
		snprintf(path, n, "%s/out", dir);
		rc = fill(path, arg, err);
		if (!rc && chmod(path, file_mode()) != 0)
			rc = io_fail(target, "write", err);
		if (!rc && rename(path, target) != 0)
			rc = io_fail(target, "put in place", err);
		if (rc)
			unlink(path);
	}
	rmdir(dir);
	free(path);
	free(dir);
	return rc;
}
