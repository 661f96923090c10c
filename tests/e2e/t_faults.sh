# Faults, the short version (make check-faults runs the full one; see
# tests/RELIABILITY.md): 20 kills of a plan writer, a sparse sweep of
# failing allocations, a busy store, damaged files, a GLPK failure, a
# one-second limit on an XL day, the store replaced, renamed or hard-linked
# under a write (one plan replaced while it solves), and a hard-linked store
# through both names. bp-faults prints the PASS/FAIL lines.
. "$E2E_LIB"
F=${BP_FAULTS:-$BP_ROOT/build/tests/faults/bp-faults}
if [ ! -x "$F" ]; then
	fail "bp-faults built" "no $F"
	exit 0
fi
"$F" --bayplan "$B" --gen "${BP_GEN:?}" --shop "$DEMO" --dir "$T/faults" --kills 20 \
	--step 41 --load-step 97 --swaps 1 oom busy corrupt glpk kill timelimit replace hardlink 2>&1 |
	grep -v '^FIGURE '
