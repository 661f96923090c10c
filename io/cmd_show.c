/*
 * cmd_show.c - show: a stored plan again. (Being written.)
 */
#include "io/cli.h"

int bp_cmd_show(int argc, char **argv, struct bp_ctx *ctx)
{
	(void)argc;
	(void)argv;
	return bp_err_set(&ctx->err, BP_EUSAGE, "not written yet");
}
