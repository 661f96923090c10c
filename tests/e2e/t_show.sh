# bayplan show: a stored plan printed again without solving gives exactly
# what plan printed (CSV, JSON, table, iCalendar), by date or run; one
# technician's part; one calendar file per technician; carried-over jobs and
# job statuses in the output; refusals for runs that are not there.
. "$E2E_LIB"
db=$T/s.db
D=2026-11-24
N=2026-11-25
P() { "$B" --db "$db" --quiet --time-limit 5 "$@"; }
"$B" --db "$db" import "$DEMO" >/dev/null 2>&1 || fail "import the demo" "failed"

expect_exit 65 "show before any plan" -- "$B" --db "$db" show --date $D
expect_grep "names the date it has no plan for" "$T/err" "no schedule run for $D"
expect_exit 65 "show without a date before any plan" -- "$B" --db "$db" show
expect_grep "says there is no plan yet" "$T/err" "no schedule run yet"

# The same run, printed twice: byte for byte.
for f in csv json table ics; do
	P --format $f plan --date $D >"$T/plan.$f" 2>/dev/null || fail "plan --format $f" "failed"
	expect_exit 0 "show --format $f" -- "$B" --db "$db" --format $f show --date $D
	cmp -s "$T/plan.$f" "$T/out" && pass "show --format $f is what plan printed" ||
		fail "show --format $f is what plan printed" "$(diff "$T/plan.$f" "$T/out" | head -5)"
done
run=$(sqlite3 "$db" "SELECT max(id) FROM runs WHERE kind='schedule'")
expect_exit 0 "show --run" -- "$B" --db "$db" --format ics show --run "$run"
cmp -s "$T/plan.ics" "$T/out" && pass "show --run N is that run" || fail "show --run N" "differs"
expect_exit 0 "show with neither: the latest plan" -- "$B" --db "$db" --format ics show
cmp -s "$T/plan.ics" "$T/out" && pass "the latest plan by default" || fail "the latest plan" "differs"
# An older run stays readable by its id after a newer plan of the date.
P --format csv plan --date $D --durations standard >/dev/null 2>&1
expect_exit 0 "show an older run" -- "$B" --db "$db" --format ics show --run "$run"
cmp -s "$T/plan.ics" "$T/out" && pass "an older run by id" || fail "an older run by id" "differs"
[ "$(grep -c '"carried_from": null' "$T/plan.json")" -gt 0 ] &&
	pass "JSON jobs have carried_from" || fail "JSON jobs have carried_from" "none"
grep -q '"status": "booked"' "$T/plan.json" && pass "JSON jobs have their status" ||
	fail "JSON jobs have their status" "none"
head -1 "$T/plan.csv" | grep -q ',earliest_date,carried_from,checkin,ready,carry_minutes,continues_on,loan_car,service_name,technician_name,bay_type,kpi,value$' &&
	pass "CSV ends with carried_from" || fail "CSV header" "$(head -1 "$T/plan.csv")"

# Refusals: exit 65 naming the run or date, 64 for usage.
expect_exit 65 "no such run" -- "$B" --db "$db" show --run 99999
expect_grep "names the run" "$T/err" "no run 99999"
rid=$(sqlite3 "$db" "INSERT INTO runs (kind, date, created_at, status) VALUES ('reorder', '$D', '$D', 'optimal'); SELECT last_insert_rowid();")
expect_exit 65 "a reorder run is not a plan" -- "$B" --db "$db" show --run "$rid"
expect_grep "says what the run is" "$T/err" "run $rid is a reorder run, not a schedule run"
expect_exit 65 "no plan for the date" -- "$B" --db "$db" show --date 2026-12-24
expect_grep "names the date" "$T/err" "2026-12-24"
expect_exit 65 "unknown technician" -- "$B" --db "$db" show --date $D --technician T99
expect_grep "names the technician" "$T/err" "T99"
expect_exit 64 "--date and --run" -- "$B" --db "$db" show --date $D --run "$run"
expect_exit 64 "--run not a number" -- "$B" --db "$db" show --run x
expect_exit 64 "--out-dir without ics" -- "$B" --db "$db" --format csv show --out-dir "$T/cal"
expect_exit 64 "bad date" -- "$B" --db "$db" show --date 2026-13-01
expect_exit 66 "no store" -- "$B" --db "$T/none.db" show --date $D

# One technician (of the latest run).
"$B" --db "$db" --format csv show --date $D >"$T/latest.csv"
"$B" --db "$db" --format ics show --date $D >"$T/latest.ics"
expect_exit 0 "show --technician T1" -- "$B" --db "$db" --format csv show --date $D --technician T1
want=$(awk -F, '$5 == "T1"' "$T/latest.csv" | wc -l)
got=$(tail -n +2 "$T/out" | wc -l)
other=$(tail -n +2 "$T/out" | awk -F, '$5 != "T1"' | wc -l)
[ "$want" -gt 0 ] && [ "$got" = "$want" ] && [ "$other" = 0 ] && pass "only T1's $want jobs" ||
	fail "only T1's jobs" "$got rows, $other not T1's, wanted $want"
expect_exit 0 "show --technician as a table" -- "$B" --db "$db" show --date $D --technician T1
expect_grep "the table names the technician" "$T/out" "^technician T1 only: $want jobs"

# One calendar per technician, in a folder made for them.
expect_exit 0 "calendars to a folder" -- "$B" --db "$db" --format ics show --date $D --out-dir "$T/cal"
ntech=$(sqlite3 "$db" "SELECT count(*) FROM technicians")
[ "$(ls "$T/cal" | wc -l)" = "$ntech" ] && pass "a file per technician ($ntech)" ||
	fail "a file per technician" "$(ls "$T/cal" | wc -l) of $ntech"
[ -z "$(ls -A "$T/cal" | grep '^\.')" ] && pass "no temporary files left" || fail "temporary files" "$(ls -A "$T/cal")"
ev=$(grep -c '^BEGIN:VEVENT' "$T/cal/T1.ics")
[ "$ev" = "$want" ] && pass "T1.ics holds T1's $want jobs" || fail "T1.ics" "$ev events"
all=$(cat "$T/cal"/*.ics | grep -c '^BEGIN:VEVENT')
[ "$all" = "$(grep -c '^BEGIN:VEVENT' "$T/latest.ics")" ] && pass "the calendars hold every job" ||
	fail "the calendars hold every job" "$all"
for f in "$T/cal"/*.ics; do
	head -1 "$f" | grep -q '^BEGIN:VCALENDAR' || fail "$(basename "$f") is a calendar" "$(head -1 "$f")"
done
expect_grep "says where they went" "$T/out" "$ntech calendars written to"
expect_exit 0 "one technician's calendar" -- "$B" --db "$db" --format ics show --date $D --technician T2 --out-dir "$T/cal2"
[ "$(ls "$T/cal2")" = "T2.ics" ] && pass "only T2.ics" || fail "only T2.ics" "$(ls "$T/cal2")"
touch "$T/afile"
expect_exit 74 "out-dir that is a file" -- "$B" --db "$db" --format ics show --date $D --out-dir "$T/afile"

# Statuses and carry-over: a day worked on the 24th (one job done), then the
# 25th planned: the open jobs of the 24th are carried, and show says so.
job=$(awk -F, 'NR == 2 {print $1}' "$T/plan.csv")
sqlite3 "$db" "UPDATE job_status SET status='done', started='${D}T08:00', finished='${D}T09:00', technician_id='T1', bay_id='B1' WHERE job_id='$job'"
P --format json plan --date $N >"$T/plan2.json" 2>/dev/null
expect_exit 0 "show the 25th as JSON" -- "$B" --db "$db" --format json show --date $N
cmp -s "$T/plan2.json" "$T/out" && pass "carried plan: JSON as plan printed" || fail "carried plan JSON" "differs"
expect_grep "JSON names the day carried from" "$T/out" "\"carried_from\": \"$D\""
P --format csv plan --date $N >"$T/plan2.csv" 2>/dev/null
expect_exit 0 "show the 25th as CSV" -- "$B" --db "$db" --format csv show --date $N
cmp -s "$T/plan2.csv" "$T/out" && pass "carried plan: CSV as plan printed" || fail "carried plan CSV" "differs"
n=$(awk -F, -v d=$D '$14 == d' "$T/out" | wc -l)
[ "$n" -gt 0 ] && pass "carried jobs marked in CSV ($n)" || fail "carried jobs marked in CSV" "none"
expect_exit 0 "show the 25th as a table" -- "$B" --db "$db" show --date $N
expect_grep "table marks carried jobs" "$T/out" "carried from $D"
# A job started since the plan: show gives its status now.
j2=$(awk -F, 'NR == 2 {print $1}' "$T/plan2.csv")
sqlite3 "$db" "UPDATE job_status SET status='in_progress', started='${N}T08:00', technician_id='T2', bay_id='B2' WHERE job_id='$j2'"
expect_exit 0 "show after a job started" -- "$B" --db "$db" --format json show --date $N
python3 - "$T/out" "$j2" <<'EOF' && pass "the started job shows in_progress" || fail "status of a started job" "not in_progress"
import json, sys
d = json.load(open(sys.argv[1]))
s = [j["status"] for j in d["schedule"] if j["job_id"] == sys.argv[2]]
sys.exit(0 if s == ["in_progress"] else 1)
EOF
# A job of the plan cancelled since: still shown (against the whole shop).
j3=$(awk -F, 'NR == 3 {print $1}' "$T/plan2.csv")
sqlite3 "$db" "UPDATE job_status SET status='cancelled' WHERE job_id='$j3'"
expect_exit 0 "show after a job was cancelled" -- "$B" --db "$db" --format csv show --date $N
grep -q "^$j3," "$T/out" && pass "the cancelled job is still in the stored plan" ||
	fail "cancelled job in the stored plan" "missing"
[ "$(wc -l <"$T/out")" = "$(wc -l <"$T/plan2.csv")" ] && pass "every row of the run shown" ||
	fail "every row of the run shown" "$(wc -l <"$T/out") lines"
