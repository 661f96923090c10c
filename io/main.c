/*
 * main.c - the bayplan command line: common flags, the table of
 * subcommands, help, and the one place that turns an error into an exit code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/cli.h"
#include "io/version.h"

static int cmd_help(int argc, char **argv, struct bp_ctx *ctx);

/* The commands, in the order `bayplan help` lists them. Each command's
 * options and their help are in its own option table (io/cmd_*.c); what is
 * here is the usage line, one sentence, and notes printed after the options. */
const struct bp_command bp_commands[] = {
	{"init", bp_cmd_init, "init", "create the store, or migrate it to this version", ""},
	{"import", bp_cmd_import, "import SHOP.yaml [--replace] | import --bookings FILE.csv",
	 "load a shop file (bays, technicians, services, parts, bookings, history) into the store",
	 "Merges: bays, technicians, services, the parts master, windows, policy and history "
	 "are the file's; bookings are added or updated by id; what the store recorded stays "
	 "(statuses, bookings it alone has, roster changes, closures, stock counts, orders). A "
	 "technician, bay, service or part the file drops while the store's records still name "
	 "it is refused, naming those records. One transaction; a bad file changes nothing. One "
	 "events row per booking added or changed."},
	{"plan", bp_cmd_plan,
	 "plan --date D [--now HH:MM] [--write-lp FILE] [--durations standard|learned]",
	 "next-day booking plan: every job on a bay, with a technician, at a time",
	 "Formats: table, csv, json, ics (one calendar per technician). The table lists the "
	 "work by technician and by bay, the jobs not placed with their reason (no_skill, "
	 "no_bay, parts, capacity, window, closed) and earliest date, and the day's KPIs. Jobs "
	 "of earlier days still booked or in progress are carried over."},
	{"reorder", bp_cmd_reorder, "reorder --date D [--days N] [--budget AMOUNT] [--now WHEN]",
	 "parts reorder list: what, how many, by when, for which jobs",
	 "Formats: table, csv, json. Jobs whose parts cannot come in time are listed to move "
	 "(a warning on stderr); --format json adds each part's forecast and safety stock."},
	{"windows", bp_cmd_windows, "windows --from D [--days N] [--durations standard|learned]",
	 "tune appointment windows and write them to the store for the booking front-end",
	 "Formats: table, csv, json. Learns durations, show rates, lateness and slow "
	 "technicians from the actuals and stores them with the run."},
	{"whatif", bp_cmd_whatif,
	 "whatif SCENARIO.yaml [--jobs N] [--date D] [--check] [--durations standard|learned]",
	 "compare a what-if scenario and its variants with the base",
	 "Formats: table, csv, json; --time-limit and --gap apply to each solve. Each column is "
	 "stored as a run of kind 'whatif'; the live plan is not touched."},
	{"board", bp_cmd_board, "board --date D --out FILE.html [--now HH:MM] [--title TEXT]",
	 "visual workshop board (Gantt) as one self-contained HTML page",
	 "Reads the latest stored plan of the date (it never solves) and shows each job's "
	 "status: done, in progress, carried over, booked."},
	{"show", bp_cmd_show, "show [--date D | --run N] [--technician ID] [--out-dir DIR]",
	 "print a stored plan again (table, CSV, JSON, iCalendar) without solving",
	 "Formats: table, csv, json, ics, as 'plan' printed it, with today's job statuses."},
	{"job", bp_cmd_job, "job add|move|cancel|start|finish|no-show|list ...",
	 "book, move, cancel a job; record its start, finish or no-show; list jobs",
	 "WHEN is YYYY-MM-DDTHH:MM, or HH:MM on the job's date (finish: the day it started); "
	 "default the local time now."},
	{"roster", bp_cmd_roster, "roster off|shift|list ...",
	 "a technician's absence or shift change for a date; list them", ""},
	{"shop", bp_cmd_shop, "shop close|list ...",
	 "a shop holiday, or a bay's downtime, for a date; list them", ""},
	{"parts", bp_cmd_parts, "parts order|receive|count|list ...",
	 "place a reorder list, receive a delivery, correct a stock count, list stock",
	 "WHEN is YYYY-MM-DDTHH:MM, or HH:MM today."},
	{"demo", bp_cmd_demo, "demo [--shop FILE] [--board FILE.html] [--replace]",
	 "the whole tour on the bundled demo shop, in its own store (demo.db unless --db)",
	 "The evening: init, import, plan, reorder, parts order, windows. The morning: jobs "
	 "start and finish, a technician goes home at 11:00, re-plan from 11:00. Then the "
	 "board."},
	{"help", cmd_help, "help [COMMAND] | help --commands | help --options [COMMAND]",
	 "the commands, or one command's options", ""},
};
const int bp_ncommands = (int)(sizeof bp_commands / sizeof bp_commands[0]);

/* The common flags, taken out of argv wherever they stand (take_common). */
enum common_flag { C_DB, C_FORMAT, C_TIME_LIMIT, C_GAP, C_QUIET, C_HELP, C_VERSION };
static const struct {
	const char *name, *arg, *help;
} common[] = {
	[C_DB] = {"db", "FILE", "the store (default $BAYPLAN_DB, else ./bayplan.db)"},
	[C_FORMAT] = {"format", "FMT", "table (default), csv or json; plan and show also ics"},
	[C_TIME_LIMIT] = {"time-limit", "SEC", "stop a solve after this many seconds with the "
			  "best answer found (default 30; more than 0, at most 86400)"},
	[C_GAP] = {"gap", "FRACTION", "stop a solve within this relative gap of its bound "
		   "(default 0.005)"},
	[C_QUIET] = {"quiet", NULL, "no progress on stderr (warnings are still printed)"},
	[C_HELP] = {"help", NULL, "this help, or the command's"},
	[C_VERSION] = {"version", NULL, "the version"},
};
#define NCOMMON ((int)(sizeof common / sizeof common[0]))

static void common_help(FILE *f)
{
	fprintf(f, "Common flags (before or after the command):\n");
	for (int i = 0; i < NCOMMON; i++)
		bp_opt_help_line(f, 2, common[i].name, common[i].arg, common[i].help);
}

static void usage_all(FILE *f)
{
	fprintf(f, "usage: bayplan [common flags] COMMAND [options]\n\n"
		   "bayplan plans a dealership service workshop: bookings onto bays and\n"
		   "technicians, parts reorders and appointment windows, with GLPK.\n\n"
		   "Commands:\n");
	for (int i = 0; i < bp_ncommands; i++)
		fprintf(f, "  %-9s %s\n", bp_commands[i].name, bp_commands[i].summary);
	fprintf(f, "\n");
	common_help(f);
	fprintf(f, "\nExit codes: 0 done, 1 no usable answer, 64 usage, 65 bad data, "
		   "66 input missing,\n70 internal, 74 I/O, 75 store busy, 78 store newer than "
		   "this binary, 130/143 plan\nstopped by Ctrl-C/SIGTERM. 'bayplan help COMMAND' "
		   "for a command's options; man bayplan.\n");
}

static const struct bp_command *find_command(const char *name)
{
	for (int i = 0; i < bp_ncommands; i++)
		if (strcmp(bp_commands[i].name, name) == 0)
			return &bp_commands[i];
	return NULL;
}

/* A command's help: its usage, what it is for, its options (from its own
 * table: the command runs in describe mode), notes, the common flags. */
static int usage_one(struct bp_ctx *ctx, const struct bp_command *c)
{
	char arg[] = BP_HELP_ARG;
	char *argv[] = {arg, NULL};
	FILE *f = stdout;
	char sentence[300];
	bp_help_usage(f, "usage: bayplan ", c->usage);
	snprintf(sentence, sizeof sentence, "\n%s.\n", c->summary);
	bp_help_wrap(f, 0, sentence);
	fflush(f);
	int rc = c->fn(1, argv, ctx);
	if (rc != BP_HELP)
		return rc ? rc : bp_err_set(&ctx->err, BP_EINTERNAL, "%s did not describe its "
					    "options", c->name);
	if (c->notes[0]) {
		fprintf(f, "\n");
		bp_help_wrap(f, 2, c->notes);
	}
	fprintf(f, "\n");
	common_help(f);
	return BP_OK;
}

/* `bayplan help`: the commands, one command's help, or (for scripts and
 * tests) the command names and each command's option names. */
static int cmd_help(int argc, char **argv, struct bp_ctx *ctx)
{
	int commands = 0, options = 0;
	struct bp_opt opts[] = {
		BP_FLAG_OPT("commands", &commands, "list the command names, one a line"),
		BP_FLAG_OPT("options", &options, "list the options of COMMAND (without COMMAND: "
			    "the common flags), one a line; a command made of verbs gives "
			    "\"verb NAME\" before each verb's options"),
	};
	char *pos[1];
	int npos;
	int rc = bp_parse_opts(argc, argv, opts, BP_NOPTS(opts), pos, 1, &npos, &ctx->err);
	if (rc)
		return rc;
	const struct bp_command *c = NULL;
	if (npos && !(c = find_command(pos[0])))
		return bp_err_set(&ctx->err, BP_EUSAGE, "no command '%s'; see 'bayplan help'",
				  pos[0]);
	if (commands) {
		for (int i = 0; i < bp_ncommands; i++)
			fprintf(ctx->out, "%s\n", bp_commands[i].name);
		return BP_OK;
	}
	if (options && !c) {
		for (int i = 0; i < NCOMMON; i++)
			fprintf(ctx->out, "--%s\n", common[i].name);
		return BP_OK;
	}
	if (options) {
		char arg[] = BP_HELP_NAMES;
		char *sub[] = {arg, NULL};
		fflush(ctx->out);
		rc = c->fn(1, sub, ctx);
		return rc == BP_HELP ? BP_OK : rc;
	}
	if (!c) {
		usage_all(ctx->out);
		return BP_OK;
	}
	return usage_one(ctx, c);
}

static int parse_format(const char *s, enum bp_format *f)
{
	static const char *names[] = {"table", "csv", "json", "ics"};
	for (int i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0) {
			*f = (enum bp_format)i;
			return 0;
		}
	return -1;
}

/* Common flags are taken out of argv wherever they stand; what is left
 * (the command and its own options) is compacted in place. */
static int take_common(int *argc, char **argv, struct bp_ctx *ctx, int *help, int *version)
{
	int out = 1;
	for (int i = 1; i < *argc; i++) {
		char *a = argv[i];
		const char *val = NULL;
		int which = -1;
		for (int k = C_DB; k <= C_GAP; k++) {
			size_t n = strlen(common[k].name);
			if (a[0] == '-' && a[1] == '-' && strncmp(a + 2, common[k].name, n) == 0 &&
			    (a[n + 2] == 0 || a[n + 2] == '=')) {
				which = k;
				if (a[n + 2] == '=')
					val = a + n + 3;
				else if (i + 1 < *argc)
					val = argv[++i];
				else
					return bp_err_set(&ctx->err, BP_EUSAGE, "--%s needs a value",
							  common[k].name);
			}
		}
		char *end;
		switch (which) {
		case C_DB:
			ctx->db_path = val;
			ctx->db_given = 1;
			continue;
		case C_FORMAT:
			if (parse_format(val, &ctx->format))
				return bp_err_set(&ctx->err, BP_EUSAGE,
						  "--format is table, csv, json or ics, not '%s'", val);
			continue;
		case C_TIME_LIMIT:
			ctx->time_limit = strtod(val, &end);
			if (*end || end == val || ctx->time_limit != ctx->time_limit)
				return bp_err_set(&ctx->err, BP_EUSAGE, "--time-limit wants a number "
						  "of seconds, not '%s'", val);
			/* 0 does not mean "no limit": a solve must stop. */
			if (!(ctx->time_limit > 0) || ctx->time_limit > 86400)
				return bp_err_set(&ctx->err, BP_EUSAGE, "--time-limit is the "
						  "seconds a solve may take: more than 0 and at "
						  "most 86400 (a day), not '%s'", val);
			continue;
		case C_GAP:
			ctx->gap = strtod(val, &end);
			if (*end || end == val || !(ctx->gap >= 0) || ctx->gap >= 1)
				return bp_err_set(&ctx->err, BP_EUSAGE,
						  "--gap wants a fraction in [0, 1), not '%s'", val);
			continue;
		default:
			break;
		}
		if (strncmp(a, "--quiet=", 8) == 0)
			return bp_err_set(&ctx->err, BP_EUSAGE, "--quiet takes no value, not '%s'",
					  a + 8);
		if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
			ctx->quiet = 1;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			*help = 1;
			continue;
		}
		if (strcmp(a, "--version") == 0) {
			*version = 1;
			continue;
		}
		argv[out++] = a;
	}
	*argc = out;
	argv[out] = NULL;
	return BP_OK;
}

int main(int argc, char **argv)
{
	struct bp_ctx ctx;
	memset(&ctx, 0, sizeof ctx);
	ctx.db_path = getenv("BAYPLAN_DB");
	if (!ctx.db_path || !*ctx.db_path)
		ctx.db_path = "bayplan.db";
	ctx.time_limit = 30;
	ctx.gap = 0.005;
	ctx.out = stdout;
	ctx.diag = stderr;

	int help = 0, version = 0;
	int rc = take_common(&argc, argv, &ctx, &help, &version);
	const struct bp_command *cmd = NULL;
	if (rc == BP_OK && version) {
		printf("bayplan %s\n", BP_VERSION);
		return 0;
	}
	if (rc == BP_OK && argc < 2) {
		usage_all(help ? stdout : stderr);
		return help ? 0 : BP_EUSAGE;
	}
	if (rc == BP_OK) {
		cmd = find_command(argv[1]);
		if (!cmd)
			rc = bp_err_set(&ctx.err, BP_EUSAGE, "no command '%s'; see 'bayplan help'",
					argv[1]);
	}
	if (rc == BP_OK && help)
		rc = usage_one(&ctx, cmd);
	else if (rc == BP_OK && ctx.format == BP_FMT_ICS && strcmp(cmd->name, "plan") != 0 &&
		 strcmp(cmd->name, "show") != 0)
		rc = bp_err_set(&ctx.err, BP_EUSAGE, "--format ics is for 'plan' and 'show' only");
	else if (rc == BP_OK)
		rc = cmd->fn(argc - 2, argv + 2, &ctx);
	/* A command asked to describe itself (plan --help=names) has done so. */
	if (rc == BP_HELP)
		rc = BP_OK;
	if (fflush(stdout) != 0 && rc == BP_OK)
		rc = bp_err_set(&ctx.err, BP_EIO, "could not write the results to stdout");
	if (rc != BP_OK) {
		char buf[1200];
		if (ctx.err.code == 0)
			bp_err_set(&ctx.err, rc, "failed without a message (status %d)", rc);
		bp_err_format(&ctx.err, buf, sizeof buf);
		fprintf(stderr, "bayplan%s%s: %s\n", cmd ? " " : "", cmd ? cmd->name : "", buf);
		if (rc == BP_EUSAGE && cmd)
			fprintf(stderr, "usage: bayplan %s\n", cmd->usage);
	}
	return rc;
}
