/*
 * yaml_shop.h - reading shop files (YAML, libyaml's event API; the format
 * is doc/shop-file.md) and the history CSVs they name (csv_history.h).
 * <yaml.h> is included in io/yaml*.c only. Every error names file, line and
 * column (1-based) and says what is wrong in a plain sentence; unknown keys
 * name the keys allowed there; anchors and aliases are refused; depth,
 * scalar length and file size are capped.
 */
#ifndef BP_YAML_SHOP_H
#define BP_YAML_SHOP_H

#include <stddef.h>

#include "model/err.h"
#include "model/shop.h"

#define BP_YAML_MAX_BYTES (16u << 20)  /* 16 MiB */
#define BP_YAML_MAX_DEPTH 32
#define BP_YAML_MAX_SCALAR 4096

/* Read a shop file into `s` (bp_shop_init'ed by the caller), then the history
 * CSVs it names (relative to the shop file's folder), then validate. On error
 * `s` holds whatever was read and must still be freed. Missing file:
 * BP_ENOINPUT; a folder or unreadable file: BP_ENOINPUT/BP_EIO; bad content:
 * BP_EDATA. */
int bp_shopfile_read(const char *path, struct bp_shop *s, struct bp_err *err);
/* The same from a buffer (fuzzing, tests); `name` is used in messages and
 * `dir` resolves history file names (NULL: history files are not read). */
int bp_shopfile_parse(const char *buf, size_t len, const char *name, const char *dir,
		      struct bp_shop *s, struct bp_err *err);

/* Read a whole file (at most `cap` bytes) into a malloc'ed, NUL-terminated
 * buffer; every reader of input files uses it. Missing or unreadable:
 * BP_ENOINPUT; a folder: BP_ENOINPUT; over the cap: BP_EDATA; a read error:
 * BP_EIO. */
int bp_shopfile_load(const char *path, size_t cap, char **buf, size_t *len,
		     struct bp_err *err);
/* The folder a file is in ("." for a bare name), for relative references. */
void bp_path_dir(const char *path, char *dir, size_t n);

#endif
