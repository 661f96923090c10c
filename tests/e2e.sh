#!/usr/bin/env bash
# End-to-end CLI tests: runs every tests/e2e/*.sh, each of which prints
# "PASS name" or "FAIL name: why" lines (see tests/e2e/lib.sh), and ends with
# the totals line "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
export BAYPLAN=${BAYPLAN:-$here/../bayplan}
export BP_GEN=${BP_GEN:-$here/../build/bench/bp-gen}
export BP_FAULTS=${BP_FAULTS:-$here/../build/tests/faults/bp-faults}
export BP_REPLAY=${BP_REPLAY:-$here/../build/bench/bp-replay}
export E2E_LIB=$here/e2e/lib.sh
export BP_ROOT=$here/..
pass=0 fail=0
for f in "$here"/e2e/t_*.sh; do
	[ -e "$f" ] || continue
	out=$(bash "$f" 2>&1)
	printf '%s\n' "$out" | grep -E '^(PASS|FAIL) ' | sed "s|^|$(basename "$f" .sh): |"
	p=$(printf '%s\n' "$out" | grep -c '^PASS ')
	q=$(printf '%s\n' "$out" | grep -c '^FAIL ')
	if [ "$p" = 0 ] && [ "$q" = 0 ]; then
		echo "$(basename "$f"): FAIL ran no case"; printf '%s\n' "$out" | tail -5; q=1
	fi
	pass=$((pass + p)) fail=$((fail + q))
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
