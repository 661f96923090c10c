#!/usr/bin/env bash
# make check-valgrind: the Check suites in one process (CK_FORK=no) and a
# day of CLI commands, good and bad, under valgrind; any error or leak
# fails. tests/valgrind.supp holds the few reports that are not ours.
set -u
here=$(cd "$(dirname "$0")" && pwd)
B=${BAYPLAN:?} CHECK=${CHECK_BIN:?}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
VG=(valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect,possible
	--error-exitcode=99 --num-callers=30 --suppressions="$here/valgrind.supp")
pass=0 fail=0
# run NAME WANT-EXIT CMD...: valgrind's own exit 99 means errors or leaks.
run() {
	local name=$1 want=$2
	shift 2
	"${VG[@]}" "$@" >"$T/out" 2>"$T/err"
	local got=$?
	if [ "$got" = "$want" ] && ! grep -q '^==[0-9]*== ' "$T/err"; then
		echo "PASS $name"; pass=$((pass + 1))
	else
		echo "FAIL $name: exit $got, wanted $want"; grep '^==' "$T/err" | head -40
		fail=$((fail + 1))
	fi
}

out=$(cd "$here" && CK_FORK=no BP_TEST_TIME_SCALE=10 "${VG[@]}" "$CHECK" 2>&1)
rc=$?
printf "%s\n" "$out" | grep -E "^[0-9]+%: Checks|:[FE]:"
if [ "$rc" = 0 ] && ! printf '%s\n' "$out" | grep -q '^==[0-9]*== '; then
	echo "PASS Check suites under valgrind"; pass=$((pass + 1))
else
	echo "FAIL Check suites under valgrind: exit $rc"
	printf '%s\n' "$out" | grep '^==' | head -60; fail=$((fail + 1))
fi

D=$T/s.db
DEMO=$here/../scenarios/demo/shop.yaml
run "init" 0 "$B" --db "$D" init
run "import" 0 "$B" --db "$D" import "$DEMO"
run "plan" 0 "$B" --db "$D" plan --date 2026-11-24 --time-limit 5 --quiet
run "plan --now, json" 0 "$B" --db "$D" plan --date 2026-11-24 --now 13:00 --time-limit 3 --format json --quiet
run "reorder" 0 "$B" --db "$D" reorder --date 2026-11-24 --time-limit 5 --quiet
run "windows" 0 "$B" --db "$D" windows --from 2026-11-24 --days 2 --time-limit 5 --quiet
run "whatif" 0 "$B" --db "$D" whatif "$here/../scenarios/ev_senior_leaves.yaml" --time-limit 3 --quiet
run "board" 0 "$B" --db "$D" board --date 2026-11-24 --out "$T/board.html"
run "usage error" 64 "$B" --db "$D" plan
run "missing store" 66 "$B" --db "$T/none.db" plan --date 2026-11-24
printf 'shop:\n  name: x\n  nope: 1\n' >"$T/bad.yaml"
run "bad shop file" 65 "$B" --db "$D" import "$T/bad.yaml"
printf 'not a store\n' >"$T/text.db"
run "not a store" 65 "$B" --db "$T/text.db" plan --date 2026-11-24
cp "$D" "$T/cut.db"
truncate -s $(($(stat -c %s "$D") / 2)) "$T/cut.db"
run "damaged store" 65 "$B" --db "$T/cut.db" plan --date 2026-11-24

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
