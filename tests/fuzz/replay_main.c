/*
 * replay_main.c - feeds the kept corpus to the fuzz targets without clang
 * (make test, make check-asan). The four targets are compiled in under
 * their own names (-DLLVMFuzzerTestOneInput=bp_fuzz_NAME). Every input runs
 * in its own child process with a time limit, so one that crashes, aborts,
 * leaks (under LeakSanitizer) or hangs is counted and named, and the rest
 * still run.
 *
 *   replay shop=tests/corpus/shop scenario=tests/corpus/scenario ...
 */
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int bp_fuzz_shop(const uint8_t *data, size_t size);
int bp_fuzz_scenario(const uint8_t *data, size_t size);
int bp_fuzz_demand(const uint8_t *data, size_t size);
int bp_fuzz_actuals(const uint8_t *data, size_t size);

static const struct {
	const char *name;
	int (*run)(const uint8_t *, size_t);
} targets[] = {
	{"shop", bp_fuzz_shop},
	{"scenario", bp_fuzz_scenario},
	{"demand", bp_fuzz_demand},
	{"actuals", bp_fuzz_actuals},
};

#define SECONDS_PER_INPUT 20	/* generous for sanitizer builds; libFuzzer used 10 */

static int run_one(int (*run)(const uint8_t *, size_t), const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	size_t cap = 1 << 16, n = 0, got;
	uint8_t *buf = malloc(cap);
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			uint8_t *nb = realloc(buf, cap * 2);
			if (!nb)
				free(buf);
			buf = nb;
			cap *= 2;
		}
	}
	fclose(f);
	if (!buf) {
		fprintf(stderr, "%s: out of memory\n", path);
		return -1;
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		alarm(SECONDS_PER_INPUT);
		/* An exact-size copy, as libFuzzer gives, so ASan sees overreads. */
		uint8_t *exact = malloc(n ? n : 1);
		memcpy(exact, buf, n);
		free(buf);
		run(exact, n);
		free(exact);
		exit(0);
	}
	free(buf);
	if (pid < 0) {
		perror("fork");
		return -1;
	}
	int st;
	if (waitpid(pid, &st, 0) < 0) {
		perror("waitpid");
		return -1;
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	if (WIFSIGNALED(st))
		fprintf(stderr, "FAIL %s: %s\n", path, WTERMSIG(st) == SIGALRM
			? "hung (time limit)" : strsignal(WTERMSIG(st)));
	else
		fprintf(stderr, "FAIL %s: exit %d\n", path, WEXITSTATUS(st));
	return -1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	int inputs = 0, failures = 0;
	for (int i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		size_t t = 0;
		while (eq && t < sizeof targets / sizeof targets[0] &&
		       (strlen(targets[t].name) != (size_t)(eq - argv[i]) ||
			strncmp(targets[t].name, argv[i], (size_t)(eq - argv[i]))))
			t++;
		if (!eq || t == sizeof targets / sizeof targets[0]) {
			fprintf(stderr, "usage: %s TARGET=DIR ... (targets: shop, scenario, "
				"demand, actuals)\n", argv[0]);
			return 64;
		}
		const char *dir = eq + 1;
		DIR *d = opendir(dir);
		if (!d) {
			perror(dir);
			return 66;
		}
		char **names = NULL;
		size_t n = 0;
		struct dirent *e;
		while ((e = readdir(d))) {
			if (e->d_name[0] == '.')
				continue;
			char **nn = realloc(names, (n + 1) * sizeof *names);
			if (!nn || !(nn[n] = strdup(e->d_name))) {
				fprintf(stderr, "out of memory\n");
				return 70;
			}
			names = nn;
			n++;
		}
		closedir(d);
		qsort(names, n, sizeof *names, by_name);
		int here = 0, bad = 0;
		for (size_t k = 0; k < n; k++) {
			char path[4096];
			snprintf(path, sizeof path, "%s/%s", dir, names[k]);
			here++;
			if (run_one(targets[t].run, path))
				bad++;
			free(names[k]);
		}
		free(names);
		printf("corpus replay %s: %d inputs, %d failures\n", targets[t].name, here, bad);
		if (!here) {
			printf("corpus replay %s: the folder %s is empty\n", targets[t].name, dir);
			bad++;
		}
		inputs += here;
		failures += bad;
	}
	printf("corpus replay: %d inputs, %d failures\n", inputs, failures);
	return failures ? 1 : 0;
}
