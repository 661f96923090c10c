/*
 * fuzz.h - what every fuzz target (tests/fuzz/fuzz_*.c) shares.
 * Each target is built twice: with clang's libFuzzer (make fuzz) and with
 * the plain replay driver replay_main.c (make test), which feeds it the
 * kept corpus in tests/corpus/.
 */
#ifndef BP_FUZZ_H
#define BP_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "model/err.h"
#include "model/shop.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A shop the CSV and scenario targets read into: tests/data/good_shop.yaml
 * (which = 0) or tests/data/scenario_shop.yaml (which = 1), parsed once, no
 * history. Aborts when it cannot be read: the harness is broken. */
const struct bp_shop *bp_fuzz_base(int which);

/* The contract of a refused input: BP_EDATA with a sentence that points at
 * the place (line and column, or record and field). Anything else aborts,
 * so the fuzzer reports it. */
void bp_fuzz_check_refusal(int rc, const struct bp_err *err, const char *what);

#endif
