/*
 * cli.c - the option parser shared by every subcommand, and progress output.
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

int bp_parse_opts(int argc, char **argv, struct bp_opt *opts, int nopts,
		  char **pos, int maxpos, int *npos, struct bp_err *err)
{
	*npos = 0;
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
