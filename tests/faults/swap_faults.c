/*
 * swap_faults.c - bp-faults replace and hardlink: the file behind the
 * store's name changes under a command that has it open.
 *
 * replace: a backup is restored the way people do it (copied beside the
 * store, renamed over it), or the store is renamed away, or it gains a
 * second name, at each point of a write (before BEGIN, inside the
 * transaction, just before COMMIT), through the library; then the real
 * `bayplan plan` has its store replaced while it solves. The write must
 * stop with BP_EIO (exit 74) and a sentence, and the file now at the name
 * must be exactly the backup, sound; a renamed store exactly as it was.
 *
 * hardlink: a store with two names is refused through either name by
 * every command (74), concurrently too, and is left as it was, with no
 * -wal for either name.
 */
#include "faults.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "io/store.h"

enum swap { SWAP_REPLACE, SWAP_RENAME, SWAP_LINK };
static const char *const swap_name[] = {"a backup renamed over it", "renamed away",
					 "a second name (ln)"};
enum when { BEFORE_BEGIN, IN_TX, BEFORE_COMMIT };
static const char *const when_name[] = {"before BEGIN", "inside the transaction",
					 "just before COMMIT"};

struct paths {
	char store[1100], backup[1100], tmp[1100], moved[1100], link[1100];
};

static void sleep_ms(long ms)
{
	struct timespec t = {ms / 1000, (ms % 1000) * 1000000};
	while (nanosleep(&t, &t) != 0)
		;
}

static void remove_db(const char *path)
{
	char side[1200];
	const char *ext[] = {"", "-wal", "-shm", "-journal"};
	for (int i = 0; i < 4; i++) {
		snprintf(side, sizeof side, "%s%s", path, ext[i]);
		remove(side);
	}
}

static int exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

/* A copy of the demo store with plan k as its latest. Stores are closed
 * when copied, so the copy is the whole store. */
static int store_with_plan(struct fx *f, const char *path, int k)
{
	struct bp_store *st;
	struct bp_err err;
	remove_db(path);
	if (fx_copy_file(f->db, path) || bp_store_open(path, 0, &st, &err))
		return -1;
	int rc = fx_save_plan(f, st, &f->plan[k], &err);
	bp_store_close(st);
	return rc;
}

static void set_paths(struct fx *f, struct paths *p)
{
	snprintf(p->store, sizeof p->store, "%s/swap.db", f->dir);
	snprintf(p->backup, sizeof p->backup, "%s/swap-backup.db", f->dir);
	snprintf(p->tmp, sizeof p->tmp, "%s/swap-new.db", f->dir);
	snprintf(p->moved, sizeof p->moved, "%s/swap-moved.db", f->dir);
	snprintf(p->link, sizeof p->link, "%s/swap-link.db", f->dir);
}

/* The change to the store's name, as a person or a tool makes it. */
static int do_swap(const struct paths *p, enum swap how)
{
	switch (how) {
	case SWAP_REPLACE:
		return fx_copy_file(p->backup, p->tmp) || rename(p->tmp, p->store) ? -1 : 0;
	case SWAP_RENAME:
		return rename(p->store, p->moved);
	case SWAP_LINK:
		return link(p->store, p->link);
	}
	return -1;
}

/* Where the store's content is to be found afterwards, and what it must be. */
static const char *where(const struct paths *p, enum swap how)
{
	return how == SWAP_RENAME ? p->moved : p->store;
}

/* One write of plan B (the store holds A) through the library, with the
 * name changed at `when`. */
static void lib_round(struct fx *f, const struct paths *p, enum swap how, enum when when,
		      int *cases)
{
	struct bp_store *st;
	struct bp_err err;
	char why[600];
	remove_db(p->moved);
	remove(p->link);
	if (store_with_plan(f, p->store, 0)) {
		fx_fail(f, "replace: cannot make the store");
		return;
	}
	uint64_t before = fx_store_digest(p->store), backup = fx_store_digest(p->backup);
	uint64_t want = how == SWAP_REPLACE ? backup : before;
	if (bp_store_open(p->store, 0, &st, &err)) {
		fx_fail(f, "replace: open: %s", err.msg);
		return;
	}
	struct bp_run run;
	bp_run_set(&run, "schedule", f->date, f->plan[1].status, f->plan[1].objective,
		   f->plan[1].bound, f->plan[1].gap, f->plan[1].solve_ms);
	int rc = 0, swapped = 0;
	if (when == BEFORE_BEGIN)
		swapped = !do_swap(p, how);
	rc = bp_store_begin(st, &err);
	if (!rc && when == IN_TX)
		swapped = !do_swap(p, how);
	if (!rc && !(rc = bp_store_add_run(st, &run, &err)))
		rc = bp_store_save_plan(st, run.id, &f->shop_data, &f->plan[1], &err);
	if (!rc && when == BEFORE_COMMIT)
		swapped = !do_swap(p, how);
	if (!rc)
		rc = bp_store_commit(st, &err);
	bp_store_rollback(st);
	bp_store_close(st);
	(*cases)++;
	const char *said = how == SWAP_REPLACE ? "was replaced while this command ran"
			 : how == SWAP_RENAME ? "was removed or renamed while this command ran"
					      : "has 2 names";
	const char *at = where(p, how);
	int sound = fx_store_sound(at, why, sizeof why) == 0;
	uint64_t now = fx_store_digest(at);
	if (swapped && rc == BP_EIO && strstr(err.msg, said) && sound && now == want)
		fx_pass(f, "replace: %s %s: 74, '%s'; the file is %s, sound", swap_name[how],
			when_name[when], err.msg, how == SWAP_REPLACE ? "the backup" : "unchanged");
	else
		fx_fail(f, "replace: %s %s: swapped %d, status %d '%s'; sound %d (%s); content %s",
			swap_name[how], when_name[when], swapped, rc, rc ? err.msg : "", sound,
			sound ? "" : why, now == want ? "as expected" : "CHANGED");
	/* The store at the name works for the next command. */
	if (how == SWAP_REPLACE) {
		char *init[] = {(char *)f->bayplan, "--db", (char *)p->store, "init", NULL};
		int irc = fx_run(f, NULL, init, NULL);
		if (irc != 0)
			fx_fail(f, "replace: the restored store: init exit %d: %s", irc, fx_stderr(f));
	}
}

/* `bayplan plan` solving while the store is replaced: exit 74, and the
 * restored file is the backup, whole. */
static void cli_round(struct fx *f, const struct paths *p, long delay_ms, int *cases)
{
	char err_path[1200], why[600];
	snprintf(err_path, sizeof err_path, "%s/swap-plan.err", f->dir);
	if (store_with_plan(f, p->store, 0)) {
		fx_fail(f, "replace: cannot make the store");
		return;
	}
	uint64_t want = fx_store_digest(p->backup);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		int o = open("/dev/null", O_WRONLY), e = open(err_path, O_WRONLY | O_CREAT | O_TRUNC,
							      0644);
		if (o < 0 || e < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0)
			_exit(127);
		execl(f->bayplan, f->bayplan, "--db", p->store, "--gap", "0", "--time-limit", "3",
		      "plan", "--date", "2026-11-24", (char *)NULL);
		_exit(127);
	}
	/* Until the shop is loaded and the solve has begun. */
	int started = 0;
	double t0 = fx_now();
	while (!started && fx_now() - t0 < 20) {
		FILE *fp = fopen(err_path, "r");
		char line[600];
		while (fp && fgets(line, sizeof line, fp))
			started |= strstr(line, "jobs booked") != NULL;
		if (fp)
			fclose(fp);
		if (!started)
			sleep_ms(20);
	}
	sleep_ms(delay_ms);
	int swapped = started && !do_swap(p, SWAP_REPLACE);
	int status;
	waitpid(pid, &status, 0);
	int rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	char msg[600] = "";
	FILE *fp = fopen(err_path, "r");
	char line[600];
	while (fp && fgets(line, sizeof line, fp))
		if (strstr(line, "bayplan plan:"))
			snprintf(msg, sizeof msg, "%s", line);
	if (fp)
		fclose(fp);
	msg[strcspn(msg, "\n")] = 0;
	int sound = fx_store_sound(p->store, why, sizeof why) == 0;
	uint64_t now = fx_store_digest(p->store);
	(*cases)++;
	if (swapped && rc == 74 && strstr(msg, "was replaced while this command ran") && sound &&
	    now == want)
		fx_pass(f, "replace: bayplan plan, store replaced %ld ms into the solve: 74, the "
			"backup whole", delay_ms);
	else
		fx_fail(f, "replace: bayplan plan, store replaced %ld ms into the solve (swapped "
			"%d): exit %d '%s'; sound %d %s; content %s", delay_ms, swapped, rc, msg,
			sound, sound ? "" : why, now == want ? "the backup" : "NOT the backup");
}

int fx_replace(struct fx *f)
{
	struct paths p;
	int cases = 0;
	set_paths(f, &p);
	if (store_with_plan(f, p.backup, 1)) {
		fx_fail(f, "replace: cannot make the backup");
		return -1;
	}
	for (int how = SWAP_REPLACE; how <= SWAP_LINK; how++)
		for (int when = BEFORE_BEGIN; when <= BEFORE_COMMIT; when++)
			lib_round(f, &p, (enum swap)how, (enum when)when, &cases);
	uint64_t rng = f->seed * 31 + 7;
	int rounds = f->swaps < 1 ? 1 : f->swaps;
	for (int i = 0; i < rounds; i++)
		cli_round(f, &p, (long)(fx_rand(&rng) % 1500), &cases);
	remove_db(p.store);
	remove_db(p.moved);
	remove_db(p.backup);
	remove(p.link);
	fx_figure("replace: %d cases: 3 changes of the name (backup renamed over it, renamed "
		  "away, hard link) x 3 points of a write, and %d runs of bayplan plan with the "
		  "store replaced 0-1500 ms into a 3 s solve", cases, rounds);
	return 0;
}

/* Every command through either name: 74, nothing written, no -wal. */
int fx_hardlink(struct fx *f)
{
	struct paths p;
	char why[600], wal[1200];
	set_paths(f, &p);
	remove(p.link);
	if (store_with_plan(f, p.store, 0) || link(p.store, p.link)) {
		fx_fail(f, "hardlink: cannot make the store");
		return -1;
	}
	uint64_t before = fx_file_digest(p.store);
	const char *names[] = {p.store, p.link};
	int cases = 0;
	for (int n = 0; n < 2; n++) {
		char *cmds[][10] = {
			{(char *)f->bayplan, "--db", (char *)names[n], "init", NULL},
			{(char *)f->bayplan, "--db", (char *)names[n], "--time-limit", "1", "plan",
			 "--date", "2026-11-24", NULL},
			{(char *)f->bayplan, "--db", (char *)names[n], "windows", "--from",
			 "2026-11-24", "--days", "1", NULL},
			{(char *)f->bayplan, "--db", (char *)names[n], "import", (char *)f->shop, NULL},
		};
		for (size_t c = 0; c < sizeof cmds / sizeof cmds[0]; c++) {
			const char *cmd = cmds[c][3][0] == '-' ? cmds[c][5] : cmds[c][3];
			int rc = fx_run(f, NULL, cmds[c], NULL);
			const char *msg = fx_stderr(f);
			cases++;
			if (rc == 74 && strstr(msg, "has 2 names (hard links") && !strstr(msg, "booked"))
				fx_pass(f, "hardlink: %s through %s: 74 before any work", cmd,
					n ? "the link" : "the first name");
			else
				fx_fail(f, "hardlink: %s through %s: exit %d: '%s'", cmd,
					n ? "the link" : "the first name", rc, msg);
		}
	}
	/* The rounds: plans through one name while windows run through
	 * the other, at the same time. */
	int rounds = f->swaps < 1 ? 1 : f->swaps, refused = 0;
	for (int i = 0; i < rounds; i++) {
		pid_t pid[2];
		for (int n = 0; n < 2; n++) {
			fflush(stdout);
			pid[n] = fork();
			if (pid[n] == 0) {
				int o = open("/dev/null", O_WRONLY);
				if (o < 0 || dup2(o, 1) < 0 || dup2(o, 2) < 0)
					_exit(127);
				if (n == 0)
					execl(f->bayplan, f->bayplan, "--db", p.store, "--time-limit", "1",
					      "plan", "--date", "2026-11-24", (char *)NULL);
				else
					execl(f->bayplan, f->bayplan, "--db", p.link, "windows", "--from",
					      "2026-11-20", "--days", "2", (char *)NULL);
				_exit(127);
			}
		}
		for (int n = 0; n < 2; n++) {
			int status;
			waitpid(pid[n], &status, 0);
			refused += WIFEXITED(status) && WEXITSTATUS(status) == 74;
		}
	}
	cases += 2 * rounds;
	if (refused == 2 * rounds)
		fx_pass(f, "hardlink: %d rounds of plan and windows at once through the two names: "
			"all refused", rounds);
	else
		fx_fail(f, "hardlink: %d of %d concurrent commands refused", refused, 2 * rounds);
	int no_wal = 1;
	for (int n = 0; n < 2; n++) {
		snprintf(wal, sizeof wal, "%s-wal", names[n]);
		no_wal &= !exists(wal);
	}
	if (fx_file_digest(p.store) == before && no_wal && fx_store_sound(p.store, why, sizeof why) == 0)
		fx_pass(f, "hardlink: the store is byte for byte as it was, no -wal for either name");
	else
		fx_fail(f, "hardlink: the store changed or a -wal was made (%s)", why);
	/* One name again: accepted. */
	remove(p.link);
	char *init[] = {(char *)f->bayplan, "--db", p.store, "init", NULL};
	int rc = fx_run(f, NULL, init, NULL);
	if (rc == 0)
		fx_pass(f, "hardlink: with one name again the store opens");
	else
		fx_fail(f, "hardlink: with one name again: exit %d: %s", rc, fx_stderr(f));
	remove_db(p.store);
	fx_figure("hardlink: %d cases: init, plan, windows, import through each of two names, "
		  "and %d rounds of plan and windows at once through the two names", cases, rounds);
	return 0;
}
