/*
 * kill.c - bp-faults kill: a child writes plans A and B in turn, each as a
 * command does it (open, one transaction, close), and is killed with
 * SIGKILL at a random moment; the store must then be sound and its latest
 * plan wholly A or wholly B. The delays are drawn from the seed over about
 * ten write cycles (the first, in a fresh child, is the slowest), so kills
 * land in the open, the rows, the commit and the checkpoint at close.
 */
#include "faults.h"

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void sleep_us(long us)
{
	struct timespec t = {us / 1000000, (us % 1000000) * 1000};
	while (nanosleep(&t, &t) != 0)
		;
}

int fx_kill(struct fx *f)
{
	char why[600];
	int which;
	/* How long one write cycle takes here, to spread the kills over it. */
	double t0 = fx_now();
	for (int k = 0; k < 4; k++)
		if (fx_write_plan(f, k & 1, why, sizeof why)) {
			fx_fail(f, "kill: a plain write fails: %s", why);
			return -1;
		}
	long cycle_us = (long)((fx_now() - t0) / 4 * 1e6);
	long span = 10 * cycle_us + 2000;
	uint64_t rng = f->seed;
	int survived = 0, as_b = 0, before_first = 0, cur = 1;
	long runs0 = fx_runs(f->db), runs = runs0;
	for (int i = 0; i < f->count; i++) {
		fflush(stdout);
		pid_t pid = fork();
		if (pid < 0) {
			fx_fail(f, "kill: fork");
			return -1;
		}
		if (pid == 0) {
			/* The other plan first: every commit changes the latest. */
			for (int k = !cur;; k ^= 1)
				if (fx_write_plan(f, k, NULL, 0))
					_exit(1);
		}
		long delay = (long)(fx_rand(&rng) % (uint64_t)span);
		sleep_us(delay);
		kill(pid, SIGKILL);
		int status;
		waitpid(pid, &status, 0);
		if (!WIFSIGNALED(status)) {
			fx_fail(f, "kill %d: the writer stopped by itself (status %d)", i, status);
			continue;
		}
		if (fx_check(f, &which, why, sizeof why)) {
			fx_fail(f, "kill %d after %ld us: %s", i, delay, why);
			return -1;
		}
		long now = fx_runs(f->db);
		before_first += now == runs;
		as_b += which == 1;
		cur = which;
		runs = now;
		survived++;
	}
	if (survived == f->count)
		fx_pass(f, "kill: %d SIGKILLs, store sound and latest plan whole each time",
			f->count);
	fx_figure("kill: %d kills (seed %llu, delays 0-%ld us, one write cycle %ld us), %d "
		  "survived; %ld plans committed between them; %d kills before the child's "
		  "first commit; latest plan A %d times, B %d times",
		  f->count, (unsigned long long)f->seed, span, cycle_us, survived,
		  runs - runs0, before_first, survived - as_b, as_b);
	return 0;
}
