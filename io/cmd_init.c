/*
 * cmd_init.c - `bayplan init`: create the store, or migrate it to this
 * binary's schema, and say which of the two happened in one line.
 */
#include "io/cli.h"
#include "io/store.h"

int bp_cmd_init(int argc, char **argv, struct bp_ctx *ctx)
{
	char *pos[1];
	int npos;
	int rc = bp_parse_opts(argc, argv, NULL, 0, pos, 0, &npos, &ctx->err);
	if (rc)
		return rc;
	struct bp_store *st;
	if ((rc = bp_store_open(ctx->db_path, 1, &st, &ctx->err)))
		return rc;
	/* An empty write transaction: "up to date" should also mean that the
	 * next command can write, so a store held by another writer is busy. */
	if (!(rc = bp_store_begin(st, &ctx->err)))
		rc = bp_store_commit(st, &ctx->err);
	int found = bp_store_found_version(st), now = bp_store_schema_version(st);
	bp_store_close(st);
	if (rc)
		return rc;
	if (found < 0)
		fprintf(ctx->out, "store %s: schema %d (created)\n", ctx->db_path, now);
	else if (found < now)
		fprintf(ctx->out, "store %s: schema %d (migrated from %d)\n", ctx->db_path, now,
			found);
	else
		fprintf(ctx->out, "store %s: schema %d (up to date)\n", ctx->db_path, now);
	return BP_OK;
}
