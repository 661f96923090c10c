# bayplan demo: the whole tour runs on a fresh store and leaves a plan and
# a board behind.
. "$E2E_LIB"
cd "$BP_ROOT" || exit 1
expect_exit 0 "demo runs" -- "$B" --db "$T/demo.db" --time-limit 10 demo --board "$T/board.html"
expect_grep "demo shows the plan" "$T/out" 'BY TECHNICIAN'
[ -s "$T/board.html" ] && pass "demo writes the board" || fail "demo writes the board" "missing"
n=$(sqlite3 "$T/demo.db" "SELECT count(*) FROM runs WHERE kind='schedule'")
[ "$n" -ge 1 ] && pass "demo stored a plan" || fail "demo stored a plan" "$n"
# The morning after the plan: work recorded, a technician off at 11:00, a re-plan.
expect_grep "demo re-plans from 11:00" "$T/out" '^==== re-plan the rest of the day from 11:00: bayplan plan --date [0-9-]+ --now 11:00'
n=$(sqlite3 "$T/demo.db" "SELECT count(*) FROM runs WHERE kind='schedule'")
[ "$n" -ge 2 ] && pass "demo stored the evening plan and the re-plan" || fail "demo re-plan stored" "$n runs"
n=$(sqlite3 "$T/demo.db" "SELECT count(*) FROM job_status WHERE status='done'")
[ "$n" -ge 2 ] && pass "demo recorded $n jobs done" || fail "demo recorded jobs done" "$n"
n=$(sqlite3 "$T/demo.db" "SELECT count(*) FROM roster WHERE kind='off' AND start='11:00'")
[ "$n" = 1 ] && pass "demo has a technician off from 11:00" || fail "demo technician off" "$n"
n=$(sqlite3 "$T/demo.db" "SELECT count(*) FROM part_orders WHERE source='reorder'")
[ "$n" -ge 1 ] && pass "demo placed the reorder list ($n lines)" || fail "demo placed the reorder list" "$n"
grep -q 'st-done' "$T/board.html" && pass "the board shows work done" || fail "the board shows work done" "no st-done"
