/*
 * cmd_job.c - job: bookings and their progress. (Being written.)
 */
#include "io/cli.h"

int bp_cmd_job(int argc, char **argv, struct bp_ctx *ctx)
{
	(void)argc;
	(void)argv;
	return bp_err_set(&ctx->err, BP_EUSAGE, "not written yet");
}
