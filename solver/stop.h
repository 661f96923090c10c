/*
 * stop.h - a stop asked for from outside a solve (the user's Ctrl-C, a
 * service manager's SIGTERM): every search loop checks it beside its
 * deadline and ends with the best plan it has. Setting it is
 * async-signal-safe, so a signal handler may call bp_solver_request_stop.
 */
#ifndef BP_STOP_H
#define BP_STOP_H

void bp_solver_request_stop(void);
int bp_solver_stop_requested(void);
/* Forget an earlier request (tests; a new solve in the same process). */
void bp_solver_clear_stop(void);

#endif
