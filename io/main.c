/*
 * main.c - the bayplan command line: common flags, the table of
 * subcommands, help, and the one place that turns an error into an exit code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/cli.h"
#include "io/version.h"

const struct bp_command bp_commands[] = {
	{"init", bp_cmd_init, "init [--db FILE]", "create the store, or migrate it to this version",
	 ""},
	{"import", bp_cmd_import, "import SHOP.yaml [--replace] | import --bookings FILE.csv",
	 "load a shop file (bays, technicians, services, parts, bookings, history) into the store",
	 "  Merges: bays, technicians, services, the parts master, windows, policy and\n"
	 "  history are the file's; bookings are added or updated by id; what the store\n"
	 "  recorded stays (statuses, bookings it alone has, roster changes, closures,\n"
	 "  stock counts, orders). A technician, bay, service or part the file drops\n"
	 "  while the store's records still name it is refused, naming those records.\n"
	 "  One transaction; a bad file changes nothing. One events row per booking\n"
	 "  added or changed.\n"
	 "  --replace          start over from the file: the store's bookings, statuses,\n"
	 "                     roster changes, closures and orders go\n"
	 "  --bookings FILE    add or update bookings only, from a CSV export: a header\n"
	 "                     row naming columns id, date, service, tier, window\n"
	 "                     (HH:MM-HH:MM) or arrival (HH:MM), promised, waiting\n"
	 "                     (true/false, yes/no, 1/0), technician, minutes; empty\n"
	 "                     cells leave a booking's field as it is\n"},
	{"plan", bp_cmd_plan, "plan --date D [--now HH:MM] [--write-lp FILE] [--durations standard|learned]",
	 "next-day booking plan: every job on a bay, with a technician, at a time",
	 "  --date D           the day to plan (YYYY-MM-DD)\n"
	 "  --now HH:MM        re-plan from this time: work already started stays put\n"
	 "  --write-lp FILE    also write the integer program in CPLEX LP format\n"
	 "  --durations KIND   standard (the shop's minutes) or learned (from actuals; default)\n"
	 "  --format table|csv|json|ics\n"},
	{"reorder", bp_cmd_reorder, "reorder --date D [--days N] [--budget AMOUNT] [--now WHEN]",
	 "parts reorder list: what, how many, by when, for which jobs",
	 "  --date D           first day covered (YYYY-MM-DD); its latest plan times the needs\n"
	 "  --days N           days covered (default 3, so rare parts are in time)\n"
	 "  --budget AMOUNT    spend at most this; the least valuable orders are dropped\n"
	 "  --now WHEN         orders from this time (YYYY-MM-DDTHH:MM, or HH:MM the day\n"
	 "                     before D); default: the day before D at closing time\n"
	 "  --format table|csv|json\n"},
	{"windows", bp_cmd_windows, "windows --from D [--days N]",
	 "tune appointment windows and write them to the store for the booking front-end",
	 "  --from D           first day (YYYY-MM-DD)\n"
	 "  --days N           days to tune (default 7)\n"
	 "  --durations KIND   standard (the shop's minutes) or learned (from actuals; default)\n"
	 "  --format table|csv|json\n"},
	{"whatif", bp_cmd_whatif, "whatif SCENARIO.yaml [--jobs N] [--date D] [--check] [--durations standard|learned]",
	 "compare a what-if scenario and its variants with the base",
	 "  --jobs N           solve the base and the variants in N parallel processes\n"
	 "  --date D           plan this day instead of the scenario's date\n"
	 "  --check            only read, apply and validate every variant; solve nothing\n"
	 "  --durations KIND   standard or learned (from the base's actuals; default), as plan\n"
	 "  --format table|csv|json; --time-limit and --gap apply to each solve\n"},
	{"board", bp_cmd_board, "board --date D --out FILE.html [--now HH:MM]",
	 "visual workshop board (Gantt) as one self-contained HTML page", ""},
	{"show", bp_cmd_show, "show [--date D | --run N] [--technician ID] [--out-dir DIR]",
	 "print a stored plan again (table, CSV, JSON, iCalendar) without solving",
	 "  --date D           the latest plan of that day (default: the latest plan)\n"
	 "  --run N            that schedule run (runs.id)\n"
	 "  --technician ID    only that technician's work\n"
	 "  --out-dir DIR      with --format ics: one calendar per technician, DIR/ID.ics\n"
	 "  --format table|csv|json|ics   as 'plan' printed it, with today's job statuses\n"},
	{"job", bp_cmd_job, "job add|move|cancel|start|finish|no-show|list ...",
	 "book, move, cancel a job; record its start, finish or no-show; list jobs",
	 "  job add --date D --service CODE [--id ID] [--tier core|potential|basic]\n"
	 "          [--window HH:MM-HH:MM | --arrival HH:MM] [--promised HH:MM] [--waiting]\n"
	 "          [--technician ID] [--minutes N] [--part SKU=QTY]... [--force]\n"
	 "                     book (tier basic, arrival at opening unless given); prints\n"
	 "                     the id (default BP-YYYYMMDD-N). Refused when the tuned\n"
	 "                     window is full for the job's class (later windows with\n"
	 "                     room are named); --force overbooks\n"
	 "  job move ID --date D [--window W | --arrival HH:MM] [--force]\n"
	 "  job cancel ID       a booked job\n"
	 "  job start ID [--at WHEN] [--technician ID] [--bay ID]\n"
	 "                     technician and bay default to the latest plan's\n"
	 "  job finish ID [--at WHEN] [--part SKU=QTY]...\n"
	 "                     parts used leave stock (default: the service's and the\n"
	 "                     job's; --part replaces them, SKU=0 for none)\n"
	 "  job no-show ID      a booked job\n"
	 "  job list [--date D] [--status S]   --format table|csv|json\n"
	 "  WHEN is YYYY-MM-DDTHH:MM, or HH:MM on the job's date (finish: the day it\n"
	 "  started); default the local time now.\n"},
	{"roster", bp_cmd_roster, "roster off|shift|list ...",
	 "a technician's absence or shift change for a date; list them",
	 "  roster off TECH --date D [--from HH:MM] [--to HH:MM]\n"
	 "                     absent: all day, or from/to (one alone: to the shift's end,\n"
	 "                     from its start); inside that day's shift, no overlap\n"
	 "  roster shift TECH --date D --shift HH:MM-HH:MM [--breaks HH:MM-HH:MM,...]\n"
	 "                     another shift that day (replaces an earlier change); without\n"
	 "                     --breaks the standing breaks inside it stay; --breaks \"\" none\n"
	 "  roster list [--date D]   --format table|csv|json\n"},
	{"shop", bp_cmd_shop, "shop close --date D [--bay ID] [--from HH:MM --to HH:MM] [--reason TEXT]",
	 "a shop holiday, or a bay's downtime, for a date",
	 "  shop close --date D          a holiday: the whole shop, all day (bookings are kept;\n"
	 "                               plan reports them as closed)\n"
	 "  shop close --date D --from HH:MM --to HH:MM   the shop closed for part of the day\n"
	 "  shop close --date D --bay ID [--from HH:MM --to HH:MM]   a bay down\n"
	 "  --reason TEXT                why (shown by plan and shop list)\n"
	 "  shop list [--date D]         the closures; --format table|csv|json\n"},
	{"parts", bp_cmd_parts, "parts order|receive|count|list ...",
	 "place a reorder list, receive a delivery, correct a stock count, list stock",
	 "  parts order [--run N]        the reorder list (default: the latest) goes on order;\n"
	 "                               a list is placed once\n"
	 "  parts order SKU QTY --arrives WHEN   one line by hand\n"
	 "  parts receive SKU QTY [--at WHEN]    a delivery: on hand += QTY; fills the open\n"
	 "                               lines earliest arrival first\n"
	 "  parts count SKU QTY          a stock-take: on hand := QTY\n"
	 "  parts list                   stock, on order, next arrival; --format table|csv|json\n"
	 "  WHEN is YYYY-MM-DDTHH:MM, or HH:MM today\n"},
	{"demo", bp_cmd_demo, "demo",
	 "the whole tour on the bundled demo shop: import, plan, reorder, windows", ""},
};
const int bp_ncommands = (int)(sizeof bp_commands / sizeof bp_commands[0]);

static const char common_help[] =
	"Common flags (before or after the command):\n"
	"  --db FILE          the store (default $BAYPLAN_DB, else ./bayplan.db)\n"
	"  --format FMT       table (default), csv or json; plan also takes ics\n"
	"  --time-limit SEC   solver time limit in seconds (default 30)\n"
	"  --gap FRACTION     stop when within this relative gap of the bound (default 0.005)\n"
	"  --quiet            no progress on stderr\n"
	"  --help, --version\n";

static void usage_all(FILE *f)
{
	fprintf(f, "usage: bayplan [common flags] COMMAND [options]\n\n"
		   "bayplan plans a dealership service workshop: bookings onto bays and\n"
		   "technicians, parts reorders and appointment windows, with GLPK.\n\n"
		   "Commands:\n");
	for (int i = 0; i < bp_ncommands; i++)
		fprintf(f, "  %-9s %s\n", bp_commands[i].name, bp_commands[i].summary);
	fprintf(f, "\n%s\nExit codes: 0 done, 1 no usable answer, 64 usage, 65 bad data, "
		   "66 input missing,\n70 internal, 74 I/O, 75 store busy, 78 store newer than "
		   "this binary.\n'bayplan help COMMAND' for a command's options.\n",
		common_help);
}

static const struct bp_command *find_command(const char *name)
{
	for (int i = 0; i < bp_ncommands; i++)
		if (strcmp(bp_commands[i].name, name) == 0)
			return &bp_commands[i];
	return NULL;
}

static void usage_one(FILE *f, const struct bp_command *c)
{
	fprintf(f, "usage: bayplan %s\n\n%s.\n\n%s%s%s", c->usage, c->summary, c->help,
		c->help[0] ? "\n" : "", common_help);
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
		const char *names[] = {"--db", "--format", "--time-limit", "--gap"};
		int which = -1;
		for (int k = 0; k < 4; k++) {
			size_t n = strlen(names[k]);
			if (strncmp(a, names[k], n) == 0 && (a[n] == 0 || a[n] == '=')) {
				which = k;
				if (a[n] == '=')
					val = a + n + 1;
				else if (i + 1 < *argc)
					val = argv[++i];
				else
					return bp_err_set(&ctx->err, BP_EUSAGE, "%s needs a value",
							  names[k]);
			}
		}
		char *end;
		switch (which) {
		case 0:
			ctx->db_path = val;
			continue;
		case 1:
			if (parse_format(val, &ctx->format))
				return bp_err_set(&ctx->err, BP_EUSAGE,
						  "--format is table, csv, json or ics, not '%s'", val);
			continue;
		case 2:
			ctx->time_limit = strtod(val, &end);
			if (*end || end == val || !(ctx->time_limit > 0) || ctx->time_limit > 86400)
				return bp_err_set(&ctx->err, BP_EUSAGE,
						  "--time-limit wants seconds between 0 and 86400, not '%s'",
						  val);
			continue;
		case 3:
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
	if (rc == BP_OK && strcmp(argv[1], "help") == 0) {
		if (argc < 3) {
			usage_all(stdout);
			return 0;
		}
		cmd = find_command(argv[2]);
		if (!cmd) {
			fprintf(stderr, "bayplan: no command '%s'; see 'bayplan --help'\n", argv[2]);
			return BP_EUSAGE;
		}
		usage_one(stdout, cmd);
		return 0;
	}
	if (rc == BP_OK) {
		cmd = find_command(argv[1]);
		if (!cmd)
			rc = bp_err_set(&ctx.err, BP_EUSAGE, "no command '%s'; see 'bayplan --help'",
					argv[1]);
	}
	if (rc == BP_OK && help) {
		usage_one(stdout, cmd);
		return 0;
	}
	if (rc == BP_OK && ctx.format == BP_FMT_ICS && strcmp(cmd->name, "plan") != 0 &&
	    strcmp(cmd->name, "show") != 0)
		rc = bp_err_set(&ctx.err, BP_EUSAGE, "--format ics is for 'plan' and 'show' only");
	if (rc == BP_OK)
		rc = cmd->fn(argc - 2, argv + 2, &ctx);
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
