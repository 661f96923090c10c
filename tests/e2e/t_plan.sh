# bayplan plan and board on the demo: every job of the date is either on the
# schedule or unscheduled with a reason; the output formats; re-planning from
# now keeps started work; the LP export; the board has one block per job.
. "$E2E_LIB"
db=$T/s.db
D=2026-11-24
expect_exit 66 "plan without a store is 66" -- "$B" --db "$db" plan --date $D
"$B" --db "$db" import "$DEMO" >/dev/null 2>&1
expect_exit 64 "plan without --date" -- "$B" --db "$db" plan
expect_exit 64 "plan with a bad date" -- "$B" --db "$db" plan --date 2026-02-30
expect_exit 64 "plan with a bad --now" -- "$B" --db "$db" plan --date $D --now 25:00
expect_exit 64 "plan with a bad --durations" -- "$B" --db "$db" plan --date $D --durations fast

expect_exit 0 "plan the demo day" -- "$B" --db "$db" --time-limit 20 plan --date $D
expect_grep "plan shows technicians" "$T/out" 'BY TECHNICIAN'
expect_grep "plan reports progress" "$T/err" 'incumbent'
run=$(sqlite3 "$db" "SELECT id FROM runs WHERE kind='schedule' ORDER BY id DESC LIMIT 1")
st=$(sqlite3 "$db" "SELECT status FROM runs WHERE id=$run")
case $st in optimal|feasible|time_limit) pass "run status $st" ;; *) fail "run status" "$st" ;; esac
jobs=$(sqlite3 "$db" "SELECT count(*) FROM jobs WHERE date='$D'")
acc=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM schedule WHERE run_id=$run) + (SELECT count(*) FROM unscheduled WHERE run_id=$run)")
[ "$jobs" = "$acc" ] && pass "every job accounted for ($jobs)" || fail "every job accounted for" "$acc of $jobs"
dup=$(sqlite3 "$db" "SELECT count(*) FROM (SELECT job_id FROM schedule WHERE run_id=$run UNION ALL SELECT job_id FROM unscheduled WHERE run_id=$run) GROUP BY job_id HAVING count(*) > 1")
[ -z "$dup" ] && pass "no job twice" || fail "no job twice" "$dup"
bad=$(sqlite3 "$db" "SELECT count(*) FROM unscheduled WHERE run_id=$run AND reason NOT IN ('no_skill','no_bay','parts','capacity','window')")
[ "$bad" = 0 ] && pass "reasons are from the contract" || fail "reasons" "$bad"
ov=$(sqlite3 "$db" "SELECT count(*) FROM schedule a JOIN schedule b ON a.run_id=b.run_id AND a.rowid<b.rowid AND (a.technician_id=b.technician_id OR a.bay_id=b.bay_id) AND a.start<b.end AND b.start<a.end WHERE a.run_id=$run")
[ "$ov" = 0 ] && pass "no technician or bay double-booked" || fail "double booking" "$ov pairs"

expect_exit 0 "plan as CSV" -- "$B" --db "$db" --quiet --time-limit 5 plan --date $D --format csv
expect_grep "CSV header" "$T/out" '^job_id,'
if command -v python3 >/dev/null; then
	expect_exit 0 "plan as JSON" -- "$B" --db "$db" --quiet --time-limit 5 --format json plan --date $D
	python3 -m json.tool "$T/out" >/dev/null 2>&1 && pass "JSON parses" || fail "JSON parses" "invalid"
fi
expect_exit 0 "plan as iCalendar" -- "$B" --db "$db" --quiet --time-limit 5 plan --date $D --format ics
expect_grep "ICS has calendars" "$T/out" 'BEGIN:VCALENDAR'
[ "$(grep -c $'\r$' "$T/out")" = "$(wc -l <"$T/out")" ] && pass "ICS lines end in CRLF" || fail "ICS CRLF" "bare LF"
expect_exit 64 "ics only for plan" -- "$B" --db "$db" --format ics board --date $D --out "$T/b.html"

expect_exit 0 "write the LP model" -- "$B" --db "$db" --quiet --time-limit 5 plan --date $D --write-lp "$T/m.lp"
expect_grep "LP file is CPLEX LP" "$T/m.lp" '^Maximize'

# Re-plan from 12:00: what started before noon stays exactly as it was.
prev=$(sqlite3 "$db" "SELECT id FROM runs WHERE kind='schedule' ORDER BY id DESC LIMIT 1")
expect_exit 0 "re-plan from now" -- "$B" --db "$db" --quiet --time-limit 10 plan --date $D --now 12:00
new=$(sqlite3 "$db" "SELECT id FROM runs WHERE kind='schedule' ORDER BY id DESC LIMIT 1")
a=$(sqlite3 "$db" "SELECT job_id,technician_id,bay_id,start,end FROM schedule WHERE run_id=$prev AND start < '${D}T12:00' ORDER BY job_id")
b=$(sqlite3 "$db" "SELECT job_id,technician_id,bay_id,start,end FROM schedule WHERE run_id=$new AND start < '${D}T12:00' ORDER BY job_id")
[ -n "$a" ] && [ "$a" = "$b" ] && pass "started work kept" || fail "started work kept" "differs"

expect_exit 0 "plan an empty day" -- "$B" --db "$db" --quiet plan --date 2026-11-29
expect_exit 0 "board for the date" -- "$B" --db "$db" board --date $D --out "$T/board.html"
placed=$(sqlite3 "$db" "SELECT count(*) FROM schedule WHERE run_id=(SELECT max(id) FROM runs WHERE kind='schedule' AND date='$D')")
blocks=$(grep -o 'data-job=' "$T/board.html" | wc -l)
[ "$blocks" = $((2 * placed)) ] && pass "board: a block per job per view" || fail "board blocks" "$blocks for $placed jobs"
expect_exit 65 "board without a plan for the date" -- "$B" --db "$db" board --date 2026-12-24 --out "$T/x.html"
expect_exit 74 "board into a missing folder" -- "$B" --db "$db" board --date $D --out "$T/no/such/b.html"
# After a reorder run, the board lists the orders arriving that day.
expect_exit 0 "reorder for the date" -- "$B" --db "$db" --quiet --time-limit 10 reorder --date $D
expect_exit 0 "board after reorder" -- "$B" --db "$db" board --date $D --out "$T/board2.html"
n=$(sqlite3 "$db" "SELECT count(*) FROM reorder WHERE run_id=(SELECT max(id) FROM runs WHERE kind='reorder') AND substr(arrives,1,10)='$D'")
m=$(grep -o ': order by ' "$T/board2.html" | wc -l)
[ "$n" -gt 0 ] && [ "$m" = "$n" ] && pass "board lists the day's $n orders" || fail "board lists orders" "$m of $n"
