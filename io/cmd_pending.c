/*
 * cmd_pending.c - commands whose capability is not built yet. Each says so
 * plainly and exits 70, rather than pretending; each moves to its own
 * io/cmd_NAME.c file when its issue is done.
 */
#include "io/cli.h"

static int pending(struct bp_ctx *ctx, const char *what)
{
	return bp_err_set(&ctx->err, BP_EINTERNAL, "'%s' is not built yet in this version", what);
}

#define PENDING(fn, name)                                       \
	int fn(int argc, char **argv, struct bp_ctx *ctx)       \
	{                                                       \
		(void)argc;                                     \
		(void)argv;                                     \
		return pending(ctx, name);                      \
	}

PENDING(bp_cmd_whatif, "whatif")
