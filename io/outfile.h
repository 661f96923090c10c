/*
 * outfile.h - files that commands write besides the store (the board page,
 * the LP model): never the store itself, and never half a file. A new file
 * is made beside the target, where nobody else can have put a link, filled,
 * flushed and renamed over the target.
 */
#ifndef BP_OUTFILE_H
#define BP_OUTFILE_H

#include <stdio.h>

#include "model/err.h"

/* BP_EUSAGE when `out` (the value of --`opt`) is the store `db` or one of
 * the files SQLite keeps beside it (-wal, -shm, -journal), by name (also
 * through a symbolic link to the store) or by inode: the rename would put
 * the output in the store's place. */
int bp_out_not_store(const char *opt, const char *out, const char *db, struct bp_err *err);

/* Writes the content into an open stream; BP_OK or a status with err set. */
typedef int (*bp_fill_stream)(FILE *f, void *arg, struct bp_err *err);
/* Writes the content into the file `path` (for writers that only take a
 * name, like GLPK's). */
typedef int (*bp_fill_named)(const char *path, void *arg, struct bp_err *err);

/* Replace `target` with what fill writes, whole: a file created with
 * mkstemp beside it (O_EXCL: a link planted there is never followed), mode
 * 0666 less the umask, fsync'ed, then renamed over target (a link at target
 * is replaced, not followed). On any failure the temporary file is removed
 * and target is as it was. BP_EIO naming target when the file system
 * refuses. */
int bp_out_replace(const char *target, bp_fill_stream fill, void *arg, struct bp_err *err);
/* The same for a writer that takes a file name: it writes into a folder
 * made with mkdtemp beside target (mode 0700, so nobody else can create or
 * swap a name in it), and the file is renamed from there. */
int bp_out_replace_named(const char *target, bp_fill_named fill, void *arg,
			 struct bp_err *err);

#endif
