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

# Its own store: demo.db in the current folder unless --db is given, even
# with $BAYPLAN_DB set; the board beside it (demo.html), not ./board.html.
mkdir -p "$T/w" && cd "$T/w" || exit 1
BAYPLAN_DB=$T/mine.db expect_exit 0 "demo without --db" -- "$B" --quiet --time-limit 2 demo --shop "$DEMO"
[ -s demo.db ] && pass "demo uses demo.db" || fail "demo uses demo.db" "$(ls)"
[ ! -e "$T/mine.db" ] && pass "demo leaves \$BAYPLAN_DB alone" || fail "demo leaves \$BAYPLAN_DB alone" "created"
[ -s demo.html ] && [ ! -e board.html ] && pass "the board goes beside the store (demo.html)" ||
	fail "the board goes beside the store" "$(ls)"
expect_exit 0 "demo again starts its store over" -- "$B" --quiet --time-limit 2 demo --shop "$DEMO"
expect_grep "the second tour replaces its own shop" "$T/out" 'bayplan import .*--replace'
# Another shop is not replaced unless asked.
"$BP_GEN" --size S --seed 2 --out "$T/s" 2>/dev/null
"$B" --db "$T/other.db" import "$T/s/shop.yaml" >/dev/null 2>&1
before=$(store_digest "$T/other.db")
expect_exit 64 "demo refuses a store with another shop" -- "$B" --db "$T/other.db" --quiet --time-limit 2 demo --shop "$DEMO"
expect_grep "says whose shop it is" "$T/err" "the store $T/other.db holds the shop '.*'; the demo would replace it"
[ "$(store_digest "$T/other.db")" = "$before" ] && pass "the other shop's store is unchanged" ||
	fail "the other shop's store is unchanged" "changed"
expect_exit 0 "demo --replace when asked" -- "$B" --db "$T/other.db" --quiet --time-limit 2 demo --shop "$DEMO" --replace
[ -s "$T/other.html" ] && pass "--db other.db: the board is other.html" || fail "board beside --db" "$(ls "$T")"
