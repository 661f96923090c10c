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
	int db_given;              /* whether --db was on the command line */
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
	const char *notes;         /* printed after the options; "" for none */
};

/* Options a command declares for the shared parser: one entry per option,
 * which is also where its help comes from, so `bayplan help CMD` cannot
 * drift from what the command takes. Build entries with the macros below
 * (they check the type of dest) and pass the count as BP_NOPTS(opts). */
enum bp_opt_kind { BP_OPT_FLAG, BP_OPT_STRING, BP_OPT_INT, BP_OPT_DOUBLE };
struct bp_opt {
	const char *name;          /* without the dashes: "date" */
	enum bp_opt_kind kind;
	void *dest;                /* int*, const char**, int*, double* */
	int seen;                  /* set by the parser */
	const char *arg;           /* what the value is: "D", "FILE"; NULL for a flag */
	const char *help;          /* one sentence: what the option does */
};
#define BP_STR_OPT(name, dest, arg, help) \
	{(name), BP_OPT_STRING, (void *)(1 ? (dest) : (const char **)0), 0, (arg), (help)}
#define BP_INT_OPT(name, dest, arg, help) \
	{(name), BP_OPT_INT, (void *)(1 ? (dest) : (int *)0), 0, (arg), (help)}
#define BP_NUM_OPT(name, dest, arg, help) \
	{(name), BP_OPT_DOUBLE, (void *)(1 ? (dest) : (double *)0), 0, (arg), (help)}
#define BP_FLAG_OPT(name, dest, help) \
	{(name), BP_OPT_FLAG, (void *)(1 ? (dest) : (int *)0), 0, NULL, (help)}
#define BP_NOPTS(opts) ((int)(sizeof(opts) / sizeof((opts)[0])))

/* Describe mode. A command called with one of these as its first argument
 * does not run: bp_parse_opts prints its option table to stdout and
 * returns BP_HELP, which the command passes up unchanged (so a command
 * must parse its options before it does anything else). BP_HELP_ARG gives
 * the help lines, BP_HELP_VERB the same indented under a verb's heading,
 * BP_HELP_NAMES one "--name" a line (for scripts and the tests). */
#define BP_HELP_ARG "--help"
#define BP_HELP_VERB "--help=verb"
#define BP_HELP_NAMES "--help=names"
#define BP_HELP (-1)

/* Parse `--name value`, `--name=value` and flags; everything else is
 * positional and collected into pos[] (at most maxpos). Unknown options are
 * usage errors naming the options allowed. Returns BP_OK or BP_EUSAGE, or
 * BP_HELP in describe mode. */
int bp_parse_opts(int argc, char **argv, struct bp_opt *opts, int nopts,
		  char **pos, int maxpos, int *npos, struct bp_err *err);
/* Whether an option named `name` was given (for options whose value alone
 * cannot tell, as a number that may be 0). */
int bp_opt_given(const struct bp_opt *opts, int nopts, const char *name);

/* One option's help line, as describe mode prints it: "--name ARG" at
 * `indent`, the sentence from column indent + 20, wrapped at 79. */
void bp_opt_help_line(FILE *f, int indent, const char *name, const char *arg,
		      const char *help);
/* Text wrapped at 79 columns, every line starting at column `indent`. */
void bp_help_wrap(FILE *f, int indent, const char *text);
/* `lead` (no newline in it but a leading one), then a usage line wrapped
 * under it with a hanging indent. */
void bp_help_usage(FILE *f, const char *lead, const char *usage);

/* A command made of verbs (job add, roster off): each verb is a function
 * with the command's signature, its own options, a usage line (after the
 * command's name) and one sentence. */
struct bp_verb {
	const char *name;
	bp_cmd_fn fn;
	const char *usage;         /* "add --date D --service CODE [...]" */
	const char *summary;
};
#define BP_NVERBS(verbs) ((int)(sizeof(verbs) / sizeof((verbs)[0])))
/* Run the verb argv[0] names; in describe mode, describe every verb. */
int bp_run_verb(const char *cmd, const struct bp_verb *verbs, int nverbs, int argc,
		char **argv, struct bp_ctx *ctx);

/* Progress and notes on stderr unless --quiet; a line ends with '\n' by the
 * caller. */
void bp_progress(struct bp_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A warning on stderr ("bayplan CMD: warning: ..."), --quiet or not: what a
 * user must hear about the result (a job that must move, a time limit that
 * cut the search), which a script reading --format csv would otherwise lose. */
void bp_warn(struct bp_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

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
