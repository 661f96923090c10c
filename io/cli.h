/*
 * cli.h - what every subcommand shares: the context built from the common
 * flags, the option parser, and the entry-point shape (as git's builtin/).
 */
#ifndef BP_CLI_H
#define BP_CLI_H

#include <stdio.h>

#include "model/err.h"

enum bp_format { BP_FMT_TABLE, BP_FMT_CSV, BP_FMT_JSON, BP_FMT_ICS };

struct bp_ctx {
	const char *db_path;       /* --db, $BAYPLAN_DB, or "bayplan.db" */
	enum bp_format format;     /* --format */
	double time_limit;         /* --time-limit seconds (default 30) */
	double gap;                /* --gap fraction (default 0.005) */
	int quiet;                 /* --quiet: no progress on stderr */
	FILE *out;                 /* results (stdout) */
	FILE *diag;                /* progress and warnings (stderr) */
	struct bp_err err;         /* a command that fails fills this */
};

typedef int (*bp_cmd_fn)(int argc, char **argv, struct bp_ctx *ctx);

struct bp_command {
	const char *name;
	bp_cmd_fn fn;
	const char *usage;         /* one line: "plan --date D [--now HH:MM]" */
	const char *summary;       /* what it is for, one line */
	const char *help;          /* options, several lines */
};

/* Options a subcommand declares for the shared parser. */
enum bp_opt_kind { BP_OPT_FLAG, BP_OPT_STRING, BP_OPT_INT, BP_OPT_DOUBLE };
struct bp_opt {
	const char *name;          /* without the dashes: "date" */
	enum bp_opt_kind kind;
	void *dest;                /* int*, const char**, int*, double* */
	int seen;                  /* set by the parser */
};

/* Parse `--name value`, `--name=value` and flags; everything else is
 * positional and collected into pos[] (at most maxpos). Unknown options are
 * usage errors naming the options allowed. Returns BP_OK or BP_EUSAGE. */
int bp_parse_opts(int argc, char **argv, struct bp_opt *opts, int nopts,
		  char **pos, int maxpos, int *npos, struct bp_err *err);

/* Progress on stderr unless --quiet; a line ends with '\n' by the caller. */
void bp_progress(struct bp_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Every subcommand's entry point. */
int bp_cmd_init(int argc, char **argv, struct bp_ctx *ctx);
int bp_cmd_import(int argc, char **argv, struct bp_ctx *ctx);
int bp_cmd_plan(int argc, char **argv, struct bp_ctx *ctx);
int bp_cmd_reorder(int argc, char **argv, struct bp_ctx *ctx);
int bp_cmd_windows(int argc, char **argv, struct bp_ctx *ctx);
int bp_cmd_whatif(int argc, char **argv, struct bp_ctx *ctx);
int bp_cmd_board(int argc, char **argv, struct bp_ctx *ctx);
int bp_cmd_demo(int argc, char **argv, struct bp_ctx *ctx);
int bp_cmd_show(int argc, char **argv, struct bp_ctx *ctx);
int bp_cmd_job(int argc, char **argv, struct bp_ctx *ctx);
int bp_cmd_roster(int argc, char **argv, struct bp_ctx *ctx);
int bp_cmd_shop(int argc, char **argv, struct bp_ctx *ctx);
int bp_cmd_parts(int argc, char **argv, struct bp_ctx *ctx);

extern const struct bp_command bp_commands[];
extern const int bp_ncommands;

#endif
