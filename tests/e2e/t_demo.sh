# bayplan demo: the whole tour runs on a fresh store and leaves a plan and
# a board behind.
. "$E2E_LIB"
cd "$BP_ROOT" || exit 1
expect_exit 0 "demo runs" -- "$B" --db "$T/demo.db" --time-limit 10 demo --board "$T/board.html"
expect_grep "demo shows the plan" "$T/out" 'BY TECHNICIAN'
[ -s "$T/board.html" ] && pass "demo writes the board" || fail "demo writes the board" "missing"
n=$(sqlite3 "$T/demo.db" "SELECT count(*) FROM runs WHERE kind='schedule'")
[ "$n" -ge 1 ] && pass "demo stored a plan" || fail "demo stored a plan" "$n"
