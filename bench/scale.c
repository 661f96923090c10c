/*
 * scale.c - bp-scale: the reorder list at a dealer's scale. A generated
 * shop with a week of bookings (bp-gen --days 7) gets a catalogue of
 * generated slow movers (lumpy.h) with a year of daily history; a share of
 * its bookings carry one or two of them as parts found at diagnosis. The
 * list is drawn up --repeat times; each time its CPU and wall seconds are
 * printed, and every list must be the same line for line (determinism:
 * the answer may not depend on how busy the machine is).
 *   bp-scale --shop FILE [--parts N] [--history DAYS] [--date D] [--repeat K]
 *            [--days N] [--time-limit S] [--mip-cols N] [--load]
 * --mip-cols: programs with more columns skip GLPK (default the solver's).
 * --load runs a busy child process beside the solves, so that the repeats
 * see another machine load than the first.
 */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench/lumpy.h"
#include "io/cli.h"
#include "io/yaml_shop.h"
#include "model/err.h"
#include "model/timeutil.h"
#include "solver/reorder.h"

static double clock_of(clockid_t id)
{
	struct timespec t;
	clock_gettime(id, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* Order-free digest of a list: every line's part, quantity and times. */
static unsigned long long digest(const struct bp_reorder *r)
{
	unsigned long long h = 1469598103934665603ULL;
	for (int i = 0; i < r->nlines; i++) {
		const struct bp_reorder_line *l = &r->lines[i];
		int v[6] = {l->part, l->qty, l->order_day, l->order_min, l->arrive_day,
			    l->arrive_min};
		for (int k = 0; k < 6; k++) {
			h ^= (unsigned long long)(unsigned)v[k];
			h *= 1099511628211ULL;
		}
	}
	return h;
}

/* Diagnosis finds one or two catalogue parts on a share of the jobs. */
static void spread_bookings(struct bp_shop *s, int first_gen)
{
	unsigned long long x = 88172645463325252ULL;
	int ngen = s->nparts - first_gen;
	for (int j = 0; j < s->njobs && ngen > 0; j++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		if (x % 100 >= 30)
			continue;
		struct bp_job *jb = &s->jobs[j];
		int extra = 1 + (int)(x >> 32) % 2;
		for (int k = 0; k < extra && jb->nparts < BP_MAX_LINES; k++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			int p = first_gen + (int)((x >> 16) % (unsigned long long)ngen);
			jb->parts[jb->nparts++] = (struct bp_part_line){p, 1 + (int)(x % 2)};
		}
	}
}

int main(int argc, char **argv)
{
	const char *shop = NULL, *date_s = "2026-11-24";
	int parts = 10000, history = 365, repeat = 3, load = 0, days = 3, mip_cols = -1;
	double tlim = 30;
	struct bp_err err;
	bp_err_clear(&err);
	struct bp_opt opts[] = {
		BP_STR_OPT("shop", &shop, "FILE", "the shop with a week of bookings (required)"),
		BP_INT_OPT("parts", &parts, "N", "generated parts to add (default 10000)"),
		BP_INT_OPT("history", &history, "DAYS", "days of their history (default 365)"),
		BP_STR_OPT("date", &date_s, "D", "the first day of the list (default 2026-11-24)"),
		BP_INT_OPT("repeat", &repeat, "K", "draw the list up K times (default 3)"),
		BP_FLAG_OPT("load", &load, "a busy process beside the second and later lists"),
		BP_NUM_OPT("time-limit", &tlim, "S", "the list's time limit (default 30)"),
		BP_INT_OPT("days", &days, "N", "days covered (default 3)"),
		BP_INT_OPT("mip-cols", &mip_cols, "N", "where GLPK stops being used (0: the "
			   "decomposition always)"),
	};
	char *pos[1];
	int npos, date;
	int rc = bp_parse_opts(argc - 1, argv + 1, opts, BP_NOPTS(opts), pos, 0, &npos, &err);
	if (rc == BP_HELP)
		return 0;
	if (!rc && (!shop || parts < 0 || history < 1 || repeat < 1 ||
		    bp_date_parse(date_s, &date)))
		rc = bp_err_set(&err, BP_EUSAGE, "--shop FILE, --parts >= 0, --history >= 1, "
				"--repeat >= 1, --date YYYY-MM-DD");
	if (rc) {
		fprintf(stderr, "bp-scale: %s\nusage: bp-scale --shop FILE [--parts N] "
			"[--history DAYS] [--date D] [--repeat K] [--days N] [--load] [--time-limit S]\n"
			"                [--mip-cols N]\n",
			err.msg);
		return rc;
	}
	struct bp_shop s;
	bp_shop_init(&s);
	if ((rc = bp_shopfile_read(shop, &s, &err))) {
		fprintf(stderr, "bp-scale: %s\n", err.msg);
		bp_shop_free(&s);
		return rc;
	}
	int own = s.nparts;
	struct lumpy_opts lo;
	lumpy_opts_init(&lo);
	lo.parts = parts > own ? parts - own : 0;
	lo.days = history;
	lo.first_day = date - history;
	lo.level = 0;
	if (lumpy_add(&s, &lo)) {
		fprintf(stderr, "bp-scale: out of memory\n");
		bp_shop_free(&s);
		return BP_EINTERNAL;
	}
	spread_bookings(&s, own);
	int booked = 0;
	for (int j = 0; j < s.njobs; j++)
		booked += s.jobs[j].date >= date && s.jobs[j].date < date + 7;
	printf("%d parts (%d generated), %d demand rows over %d days, %d bookings in the week\n",
	       s.nparts, lo.parts, s.ndemand, history, booked);

	pid_t busy = -1;
	unsigned long long first = 0;
	int same = 1;
	for (int i = 0; i < repeat && !rc; i++) {
		if (load && i == 1 && (busy = fork()) == 0) {
			volatile double x = 0;   /* a core's worth of other work */
			for (;;)
				x += 1;
		}
		struct bp_reorder_opts o;
		bp_reorder_opts_init(&o);
		o.days = days;
		o.time_limit = tlim;
		if (mip_cols >= 0)
			o.mip_cols = mip_cols;
		struct bp_reorder r;
		bp_reorder_init(&r);
		double c0 = clock_of(CLOCK_PROCESS_CPUTIME_ID), w0 = clock_of(CLOCK_MONOTONIC);
		rc = bp_reorder_solve(&s, date, NULL, &o, &r, &err);
		double cpu = clock_of(CLOCK_PROCESS_CPUTIME_ID) - c0;
		double wall = clock_of(CLOCK_MONOTONIC) - w0;
		if (rc) {
			fprintf(stderr, "bp-scale: %s\n", err.msg);
			bp_reorder_free(&r);
			break;
		}
		unsigned long long h = digest(&r);
		if (i == 0)
			first = h;
		same &= h == first;
		printf("run %d%s: %.2f s CPU, %.2f s wall; %s, %d lines, %d delivery runs, "
		       "objective %.1f (penalties %.1f, %d jobs without a part), gap %.2f %%, list %016llx\n", i + 1,
		       busy > 0 ? " (beside a busy process)" : "", cpu, wall,
		       bp_run_status_name(r.status), r.nlines, r.deliveries, r.objective, r.penalty, r.nuncovered,
		       100 * r.gap, h);
		bp_reorder_free(&r);
	}
	if (busy > 0) {
		kill(busy, SIGKILL);
		waitpid(busy, NULL, 0);
	}
	if (!rc)
		printf("%s\n", same ? "every list the same" : "LISTS DIFFER");
	bp_shop_free(&s);
	return rc ? rc : same ? 0 : 1;
}
