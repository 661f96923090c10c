/*
 * stop.c - the stop flag (see stop.h). One flag per process: a signal stops
 * whatever solve is running.
 */
#include <signal.h>

#include "solver/stop.h"

static volatile sig_atomic_t stop_flag;

void bp_solver_request_stop(void)
{
	stop_flag = 1;
}

int bp_solver_stop_requested(void)
{
	return stop_flag != 0;
}

void bp_solver_clear_stop(void)
{
	stop_flag = 0;
}
