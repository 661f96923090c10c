/*
 * cmd_write.h - how the day-to-day commands (roster, shop, parts) change
 * the store: one write transaction that the shop is loaded inside, so what
 * a command checks is what it changes, and a refusal leaves nothing behind.
 */
#ifndef BP_CMD_WRITE_H
#define BP_CMD_WRITE_H

#include "io/cli.h"
#include "io/store.h"
#include "model/shop.h"

/* Open ctx->db_path (it must exist), BEGIN IMMEDIATE, load the shop into s
 * (initialised here). On failure nothing is left open. */
int bp_write_open(struct bp_ctx *ctx, struct bp_store **st, struct bp_shop *s);
/* Commit when rc is BP_OK (the commit's failure is then the result), else
 * roll back; the store stays open. */
int bp_write_end(struct bp_ctx *ctx, struct bp_store *st, int rc);
/* Close the store and free the shop (after bp_write_end). */
void bp_write_close(struct bp_store *st, struct bp_shop *s);

/* A quantity argument: a whole number (BP_EUSAGE naming `what` when not). */
int bp_arg_int(const char *what, const char *val, long long *out, struct bp_err *err);
/* WHEN: YYYY-MM-DDTHH:MM, or HH:MM on `day` (-1: today, local time), as a
 * day and a clock minute; NULL is the local time now. BP_EUSAGE naming --opt
 * when it is neither. */
int bp_arg_when_at(const char *opt, const char *val, int day, int *d, int *m,
		   struct bp_err *err);
/* The same into YYYY-MM-DDTHH:MM in buf (17+ bytes); NULL is refused. */
int bp_arg_when(const char *opt, const char *val, int day, char *buf, size_t n,
		struct bp_err *err);
/* Today (local time) as days since the epoch. */
int bp_today(void);

#endif
