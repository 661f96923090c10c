/*
 * cli.c - the option parser shared by every subcommand, the help it prints
 * from the option tables, verbs, and progress output.
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static int set_value(struct bp_opt *o, const char *v, struct bp_err *err)
{
	char *end;
	switch (o->kind) {
	case BP_OPT_STRING:
		*(const char **)o->dest = v;
		return BP_OK;
	case BP_OPT_INT: {
		errno = 0;
		long n = strtol(v, &end, 10);
		if (errno || *end || end == v || n < -1000000000L || n > 1000000000L)
			return bp_err_set(err, BP_EUSAGE, "--%s wants a whole number, not '%s'",
					  o->name, v);
		*(int *)o->dest = (int)n;
		return BP_OK;
	}
	case BP_OPT_DOUBLE: {
		errno = 0;
		double d = strtod(v, &end);
		if (errno || *end || end == v || d != d)
			return bp_err_set(err, BP_EUSAGE, "--%s wants a number, not '%s'",
					  o->name, v);
		*(double *)o->dest = d;
		return BP_OK;
	}
	case BP_OPT_FLAG:
		break;
	}
	return bp_err_set(err, BP_EINTERNAL, "option --%s has no value kind", o->name);
}

static int unknown(const char *arg, struct bp_opt *opts, int nopts, struct bp_err *err)
{
	char known[400] = "";
	size_t len = 0;
	for (int i = 0; i < nopts && len < sizeof known - 40; i++)
		len += (size_t)snprintf(known + len, sizeof known - len, "%s--%s", i ? ", " : "",
					opts[i].name);
	if (!nopts)
		return bp_err_set(err, BP_EUSAGE, "unknown option '%s' (this command takes none)",
				  arg);
	return bp_err_set(err, BP_EUSAGE, "unknown option '%s'; known here: %s", arg, known);
}

/* Words of text from column col (something is already printed before it
 * on the line when col > 0), later lines from column indent, at most 79
 * columns unless one word is longer. */
static void wrap(FILE *f, int col, int indent, const char *text)
{
	const int width = 79;
	int words = 0;		/* words on this line so far */
	const char *p = text;
	while (*p) {
		if (*p == '\n') {
			fputc('\n', f);
			col = words = 0;
			p++;
			continue;
		}
		size_t w = strcspn(p, " \n");
		if (words && col + 1 + (int)w > width) {
			fputc('\n', f);
			col = words = 0;
		}
		if (col == 0) {
			fprintf(f, "%*s", indent, "");
			col = indent;
		} else if (words) {
			fputc(' ', f);
			col++;
		}
		fwrite(p, 1, w, f);
		col += (int)w;
		words++;
		p += w;
		while (*p == ' ')
			p++;
	}
	if (col)
		fputc('\n', f);
}

void bp_help_wrap(FILE *f, int indent, const char *text)
{
	wrap(f, 0, indent, text);
}

void bp_help_usage(FILE *f, const char *lead, const char *usage)
{
	const char *nl = strrchr(lead, '\n');
	int col = (int)strlen(nl ? nl + 1 : lead);
	fputs(lead, f);
	wrap(f, col, col + 4, usage);
}

void bp_opt_help_line(FILE *f, int indent, const char *name, const char *arg,
		      const char *help)
{
	char head[80];
	int n = snprintf(head, sizeof head, "%*s--%s%s%s", indent, "", name, arg ? " " : "",
			 arg ? arg : "");
	int at = indent + 20;
	if (n + 2 > at) {
		fprintf(f, "%s\n", head);
		bp_help_wrap(f, at, help);
		return;
	}
	/* The first line of the sentence goes beside the option: wrap it into
	 * a buffer, then print the head over its indent. */
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m) {
		fprintf(f, "%s\n", head);
		bp_help_wrap(f, at, help);
		return;
	}
	bp_help_wrap(m, at, help);
	fclose(m);
	fprintf(f, "%s%s", head, buf + (len >= (size_t)n ? (size_t)n : len));
	free(buf);
}

/* Describe mode: the table instead of a parse. */
static int describe(const char *mode, const struct bp_opt *opts, int nopts)
{
	int names = strcmp(mode, BP_HELP_NAMES) == 0;
	int indent = strcmp(mode, BP_HELP_VERB) == 0 ? 4 : 2;
	if (!names && indent == 2 && nopts > 0)
		printf("\n");
	for (int i = 0; i < nopts; i++) {
		if (names)
			printf("--%s\n", opts[i].name);
		else
			bp_opt_help_line(stdout, indent, opts[i].name, opts[i].arg,
					 opts[i].help ? opts[i].help : "");
	}
	return BP_HELP;
}

static int is_describe(const char *a)
{
	return !strcmp(a, BP_HELP_ARG) || !strcmp(a, BP_HELP_VERB) || !strcmp(a, BP_HELP_NAMES);
}

int bp_opt_given(const struct bp_opt *opts, int nopts, const char *name)
{
	for (int i = 0; i < nopts; i++)
		if (strcmp(opts[i].name, name) == 0)
			return opts[i].seen;
	return 0;
}

int bp_parse_opts(int argc, char **argv, struct bp_opt *opts, int nopts,
		  char **pos, int maxpos, int *npos, struct bp_err *err)
{
	*npos = 0;
	if (argc > 0 && is_describe(argv[0]))
		return describe(argv[0], opts, nopts);
	int only_pos = 0;
	for (int i = 0; i < argc; i++) {
		char *a = argv[i];
		if (only_pos || a[0] != '-' || a[1] != '-' || !a[2]) {
			if (!only_pos && strcmp(a, "--") == 0) {
				only_pos = 1;
				continue;
			}
			if (*npos >= maxpos)
				return bp_err_set(err, BP_EUSAGE, "unexpected argument '%s'", a);
			pos[(*npos)++] = a;
			continue;
		}
		const char *name = a + 2;
		const char *eq = strchr(name, '=');
		size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
		struct bp_opt *o = NULL;
		for (int k = 0; k < nopts; k++)
			if (strlen(opts[k].name) == nlen && strncmp(opts[k].name, name, nlen) == 0)
				o = &opts[k];
		if (!o)
			return unknown(a, opts, nopts, err);
		o->seen = 1;
		if (o->kind == BP_OPT_FLAG) {
			if (eq)
				return bp_err_set(err, BP_EUSAGE, "--%s takes no value", o->name);
			*(int *)o->dest = 1;
			continue;
		}
		const char *v = eq ? eq + 1 : NULL;
		if (!v) {
			if (i + 1 >= argc)
				return bp_err_set(err, BP_EUSAGE, "--%s needs a value", o->name);
			v = argv[++i];
		}
		int rc = set_value(o, v, err);
		if (rc)
			return rc;
	}
	return BP_OK;
}

static void verb_list(char *buf, size_t n, const struct bp_verb *verbs, int nverbs)
{
	size_t used = 0;
	buf[0] = 0;
	for (int i = 0; i < nverbs && used < n; i++)
		used += (size_t)snprintf(buf + used, n - used, "%s%s", i == 0 ? ""
					 : i == nverbs - 1 ? " or " : ", ", verbs[i].name);
}

int bp_run_verb(const char *cmd, const struct bp_verb *verbs, int nverbs, int argc,
		char **argv, struct bp_ctx *ctx)
{
	char list[300];
	verb_list(list, sizeof list, verbs, nverbs);
	if (argc < 1)
		return bp_err_set(&ctx->err, BP_EUSAGE, "%s needs a verb: %s", cmd, list);
	if (is_describe(argv[0])) {
		int names = strcmp(argv[0], BP_HELP_NAMES) == 0;
		char mode[] = BP_HELP_VERB, names_mode[] = BP_HELP_NAMES;
		char *sub[] = {names ? names_mode : mode, NULL};
		for (int i = 0; i < nverbs; i++) {
			if (names) {
				printf("verb %s\n", verbs[i].name);
			} else {
				char lead[40];
				snprintf(lead, sizeof lead, "\n%s ", cmd);
				bp_help_usage(stdout, lead, verbs[i].usage);
				bp_help_wrap(stdout, 4, verbs[i].summary);
			}
			int rc = verbs[i].fn(1, sub, ctx);
			if (rc != BP_HELP)
				return rc ? rc : bp_err_set(&ctx->err, BP_EINTERNAL, "%s %s did "
							    "not describe its options", cmd,
							    verbs[i].name);
		}
		return BP_HELP;
	}
	for (int i = 0; i < nverbs; i++)
		if (strcmp(argv[0], verbs[i].name) == 0)
			return verbs[i].fn(argc - 1, argv + 1, ctx);
	return bp_err_set(&ctx->err, BP_EUSAGE, "%s has no verb '%s'; it takes %s", cmd, argv[0],
			  list);
}

void bp_progress(struct bp_ctx *ctx, const char *fmt, ...)
{
	if (ctx->quiet || !ctx->diag)
		return;
	va_list ap;
	va_start(ap, fmt);
	vfprintf(ctx->diag, fmt, ap);
	va_end(ap);
	fflush(ctx->diag);
}

void bp_warn(struct bp_ctx *ctx, const char *fmt, ...)
{
	if (!ctx->diag)
		return;
	va_list ap;
	va_start(ap, fmt);
	vfprintf(ctx->diag, fmt, ap);
	va_end(ap);
	fflush(ctx->diag);
}
