/*
 * cmd_parts.c - parts: the on-order book and stock. (Being written.)
 */
#include "io/cli.h"

int bp_cmd_parts(int argc, char **argv, struct bp_ctx *ctx)
{
	(void)argc;
	(void)argv;
	return bp_err_set(&ctx->err, BP_EUSAGE, "not written yet");
}
