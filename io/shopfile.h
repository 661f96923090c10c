/*
 * shopfile.h - reading shop files (YAML, libyaml's event API) and the
 * history CSVs they name. <yaml.h> is included in io/yaml*.c only.
 * Every error names file, line and column (1-based) and says what is wrong
 * in a plain sentence; unknown keys name the keys allowed there; anchors and
 * aliases are refused; depth, scalar length and file size are capped.
 */
#ifndef BP_SHOPFILE_H
#define BP_SHOPFILE_H

#include <stddef.h>

#include "model/err.h"
#include "model/shop.h"

#define BP_YAML_MAX_BYTES (16u << 20)  /* 16 MiB */
#define BP_YAML_MAX_DEPTH 32
#define BP_YAML_MAX_SCALAR 4096
#define BP_CSV_MAX_BYTES (64u << 20)   /* 64 MiB of history */

/* Read a shop file into `s` (bp_shop_init'ed by the caller), then the history
 * CSVs it names (relative to the shop file's folder), then validate. On error
 * `s` holds whatever was read and must still be freed. Missing file:
 * BP_ENOINPUT; a folder or unreadable file: BP_ENOINPUT/BP_EIO; bad content:
 * BP_EDATA. */
/* The folder a file is in ("." for a bare name), for relative references. */
void bp_path_dir(const char *path, char *dir, size_t n);

int bp_shopfile_read(const char *path, struct bp_shop *s, struct bp_err *err);
/* The same from a buffer (fuzzing, tests); `name` is used in messages and
 * `dir` resolves history file names (NULL: history files are not read). */
int bp_shopfile_parse(const char *buf, size_t len, const char *name, const char *dir,
		      struct bp_shop *s, struct bp_err *err);

/* History CSVs: header row names the columns (any order, extra columns
 * refused by name); errors carry file:line:col. */
int bp_csv_read_demand(const char *path, struct bp_shop *s, struct bp_err *err);
int bp_csv_read_actuals(const char *path, struct bp_shop *s, struct bp_err *err);
int bp_csv_parse_demand(const char *buf, size_t len, const char *name, struct bp_shop *s,
			struct bp_err *err);
int bp_csv_parse_actuals(const char *buf, size_t len, const char *name, struct bp_shop *s,
			 struct bp_err *err);
/* The bookings CSV of 'import --bookings' (columns id, date, service, tier,
 * window or arrival, promised, waiting, technician, minutes; only id is
 * required; an empty cell is not given): each row becomes a job appended to
 * `out`, whose master data are base's. A row whose id `base` holds starts
 * from that booking; a new one needs a date and a service. Jobs carry the
 * row's line as their position, for the validator's messages. */
int bp_csv_read_bookings(const char *path, const struct bp_shop *base, struct bp_shop *out,
			 struct bp_err *err);
int bp_csv_parse_bookings(const char *buf, size_t len, const char *name,
			  const struct bp_shop *base, struct bp_shop *out, struct bp_err *err);

/* Read a whole file (at most `cap` bytes) into a malloc'ed, NUL-terminated
 * buffer. Missing or unreadable: BP_ENOINPUT; a folder: BP_ENOINPUT; over
 * the cap: BP_EDATA; a read error: BP_EIO. */
int bp_shopfile_load(const char *path, size_t cap, char **buf, size_t *len,
		     struct bp_err *err);

#endif
