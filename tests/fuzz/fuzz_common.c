/*
 * fuzz_common.c - the base shops and the refusal contract of the fuzz
 * targets. The base shops are compiled in (BP_FUZZ_DATA points at
 * tests/data) so a target runs from any folder.
 */
#include "tests/fuzz/fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/yaml_shop.h"

#ifndef BP_FUZZ_DATA
#error "build with -DBP_FUZZ_DATA='\"/path/to/tests/data\"'"
#endif

static struct bp_shop base[2];
static int loaded[2];

const struct bp_shop *bp_fuzz_base(int which)
{
	static const char *const files[2] = {"good_shop.yaml", "scenario_shop.yaml"};
	if (!loaded[which]) {
		char path[1024], *buf;
		size_t len;
		struct bp_err err;
		bp_err_clear(&err);
		snprintf(path, sizeof path, "%s/%s", BP_FUZZ_DATA, files[which]);
		bp_shop_init(&base[which]);
		if (bp_shopfile_load(path, BP_YAML_MAX_BYTES, &buf, &len, &err) ||
		    bp_shopfile_parse(buf, len, path, NULL, &base[which], &err)) {
			fprintf(stderr, "fuzz: cannot read the base shop %s: %s\n", path, err.msg);
			abort();
		}
		free(buf);
		loaded[which] = 1;
	}
	return &base[which];
}

void bp_fuzz_check_refusal(int rc, const struct bp_err *err, const char *what)
{
	if (rc == BP_OK)
		return;
	if (rc != BP_EDATA || err->code != rc || !err->msg[0] ||
	    (err->line <= 0 && !err->record[0])) {
		char buf[1024];
		bp_err_format(err, buf, sizeof buf);
		fprintf(stderr, "fuzz: %s refused an input with status %d (err %d, line %d) "
			"and message '%s'; expected %d and a place\n", what, rc, err->code,
			err->line, buf, BP_EDATA);
		abort();
	}
}
