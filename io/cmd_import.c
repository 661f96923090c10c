/*
 * cmd_import.c - `bayplan import SHOP.yaml`: read and validate a shop file
 * and its history, then replace the store's shop in one transaction. A bad
 * file changes nothing.
 */
#include <string.h>

#include "io/cli.h"
#include "io/shopfile.h"
#include "io/store.h"

int bp_cmd_import(int argc, char **argv, struct bp_ctx *ctx)
{
	char *pos[1];
	int npos;
	int rc = bp_parse_opts(argc, argv, NULL, 0, pos, 1, &npos, &ctx->err);
	if (rc)
		return rc;
	if (npos != 1)
		return bp_err_set(&ctx->err, BP_EUSAGE, "import needs the shop file: import SHOP.yaml");

	struct bp_shop shop;
	bp_shop_init(&shop);
	/* Read everything first: the store is not touched by a file that fails. */
	rc = bp_shopfile_read(pos[0], &shop, &ctx->err);
	if (rc) {
		bp_shop_free(&shop);
		return rc;
	}
	struct bp_store *st = NULL;
	rc = bp_store_open(ctx->db_path, 1, &st, &ctx->err);
	if (!rc)
		rc = bp_store_begin(st, &ctx->err);
	if (!rc) {
		rc = bp_store_save_shop(st, &shop, &ctx->err);
		if (!rc)
			rc = bp_store_commit(st, &ctx->err);
		if (rc)
			bp_store_rollback(st);
	}
	if (!rc) {
		fprintf(ctx->out,
			"imported %s into %s: %d bays, %d technicians, %d services, %d parts, "
			"%d bookings, %d demand rows, %d actuals\n",
			shop.info.name[0] ? shop.info.name : pos[0], ctx->db_path, shop.nbays,
			shop.ntechs, shop.nservices, shop.nparts, shop.njobs, shop.ndemand,
			shop.nactuals);
	}
	bp_store_close(st);
	bp_shop_free(&shop);
	return rc;
}
