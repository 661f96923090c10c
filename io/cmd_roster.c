/*
 * cmd_roster.c - roster: dated absences and shift changes. (Being written.)
 */
#include "io/cli.h"

int bp_cmd_roster(int argc, char **argv, struct bp_ctx *ctx)
{
	(void)argc;
	(void)argv;
	return bp_err_set(&ctx->err, BP_EUSAGE, "not written yet");
}
