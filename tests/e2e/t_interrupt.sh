# Ctrl-C and SIGTERM during a solve stop the search, not the work done:
# the best plan so far is stored with status interrupted, a line says so,
# the exit status is 128 + the signal, and the latest complete plan of the
# date stays the one that show reads.
. "$E2E_LIB"
G=${BP_GEN:?}
db=$T/i.db D=2026-12-07
"$G" --size L --overload 1.6 --seed 2 --date $D --days 1 --out "$T/g" >/dev/null 2>&1
"$B" --db "$db" import "$T/g/shop.yaml" >/dev/null 2>&1
expect_exit 0 "a complete plan first" -- "$B" --db "$db" --quiet --time-limit 3 plan --date $D

for sig in INT TERM; do
	want=$((128 + $(kill -l $sig)))
	start=$(date +%s)
	"$B" --db "$db" --time-limit 120 plan --date $D --format csv >"$T/out" 2>"$T/err" &
	pid=$!
	sleep 2
	kill -$sig $pid
	wait $pid
	rc=$? took=$(( $(date +%s) - start ))
	[ $rc = $want ] && pass "SIG$sig: exit $want" || fail "SIG$sig: exit $want" "exit $rc"
	[ $took -lt 20 ] && pass "SIG$sig: stopped in ${took}s of 120" || fail "SIG$sig: stopped" "${took}s"
	expect_grep "SIG$sig: says so" "$T/err" "stopped by SIG$sig.*stored as run [0-9]+, status interrupted"
	run=$(sqlite3 "$db" "SELECT max(id) FROM runs WHERE kind='schedule'")
	st=$(sqlite3 "$db" "SELECT status FROM runs WHERE id=$run")
	[ "$st" = interrupted ] && pass "SIG$sig: run $run stored as interrupted" ||
		fail "SIG$sig: run stored as interrupted" "$st"
	n=$(sqlite3 "$db" "SELECT count(*) FROM schedule WHERE run_id=$run")
	[ "$n" -gt 0 ] && pass "SIG$sig: the best plan so far is kept ($n jobs)" ||
		fail "SIG$sig: the best plan so far is kept" "$n jobs"
	[ "$(($(wc -l <"$T/out") - 1))" -gt 0 ] && pass "SIG$sig: and printed" ||
		fail "SIG$sig: and printed" "empty"
	"$B" --db "$db" --quiet show --date $D --format json >"$T/show"
	expect_grep "SIG$sig: show still reads the complete plan" "$T/show" \
		'^  "status": "(optimal|feasible|time_limit)"'
	"$B" --db "$db" --quiet show --run $run --format csv >"$T/show" &&
		pass "SIG$sig: the interrupted run can be shown by id" ||
		fail "SIG$sig: the interrupted run can be shown by id" "$(cat "$T/show" | head -2)"
done

# windows: a stop stores nothing, so the booking front-end keeps reading
# the latest complete windows run.
"$G" --size XL --seed 1 --date $D --days 5 --out "$T/w" >/dev/null 2>&1
wdb=$T/w.db
"$B" --db "$wdb" import "$T/w/shop.yaml" >/dev/null 2>&1
"$B" --db "$wdb" --quiet --time-limit 2 windows --from $D --days 3 >/dev/null 2>&1
before=$(store_digest "$wdb")
for sig in INT TERM; do
	want=$((128 + $(kill -l $sig)))
	"$B" --db "$wdb" --time-limit 300 windows --from $D --days 366 >"$T/out" 2>"$T/err" &
	pid=$!
	sleep 2
	kill -$sig $pid
	wait $pid
	rc=$?
	[ $rc = $want ] && pass "windows SIG$sig: exit $want" || fail "windows SIG$sig: exit $want" "exit $rc"
	expect_grep "windows SIG$sig: says so" "$T/err" "stopped by SIG$sig.*nothing was stored"
	[ "$(store_digest "$wdb")" = "$before" ] && pass "windows SIG$sig: store unchanged" ||
		fail "windows SIG$sig: store unchanged" "the store changed"
done
