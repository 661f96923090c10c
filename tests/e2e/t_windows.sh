# bayplan windows on the demo: one row per day, window and class for the
# range, booked never cut, Sundays closed, the slow technician named, the
# learned figures stored, the output formats; re-tuning part of the range
# replaces just that part; and a reader in a second process never sees a
# mix of two runs while windows are rewritten.
. "$E2E_LIB"
db=$T/s.db
D=2026-11-24
expect_exit 66 "windows without a store is 66" -- "$B" --db "$db" windows --from $D
"$B" --db "$db" import "$DEMO" >/dev/null 2>&1
expect_exit 64 "windows without --from" -- "$B" --db "$db" windows
expect_exit 64 "windows with a bad date" -- "$B" --db "$db" windows --from 2026-13-01
expect_exit 64 "windows with --days 0" -- "$B" --db "$db" windows --from $D --days 0
expect_exit 64 "windows with a bad --durations" -- "$B" --db "$db" windows --from $D --durations x
expect_exit 64 "windows has no ics" -- "$B" --db "$db" --format ics windows --from $D

expect_exit 0 "windows for a week" -- "$B" --db "$db" windows --from $D
expect_grep "grid names a class" "$T/out" '^ev/3/ev '
expect_grep "grid has capacity/booked cells" "$T/out" '^  Tue 2026-11-24 +[0-9]+/[0-9]+'
expect_grep "says learned durations" "$T/out" 'learned durations'
expect_grep "names the slow technician" "$T/out" 'T5 .* 1\.[2-3][0-9]x their peers'
expect_grep "progress on stderr" "$T/err" '^windows: .*classes x 4 windows'
run=$(sqlite3 "$db" "SELECT id FROM runs WHERE kind='windows' ORDER BY id DESC LIMIT 1")
st=$(sqlite3 "$db" "SELECT status FROM runs WHERE id=$run")
case $st in optimal|feasible|time_limit) pass "run status $st" ;; *) fail "run status" "$st" ;; esac
classes=$(sqlite3 "$db" "SELECT count(DISTINCT service_class) FROM appointment_windows")
rows=$(sqlite3 "$db" "SELECT count(*) FROM appointment_windows WHERE run_id=$run")
[ "$rows" = $((7 * 4 * classes)) ] && pass "one row per day, window and class ($rows)" ||
	fail "rows" "$rows for $classes classes"
bad=$(sqlite3 "$db" "SELECT count(*) FROM appointment_windows WHERE capacity < booked")
[ "$bad" = 0 ] && pass "capacity never below booked" || fail "capacity below booked" "$bad rows"
b=$(sqlite3 "$db" "SELECT sum(booked) FROM appointment_windows WHERE date='$D'")
j=$(sqlite3 "$db" "SELECT count(*) FROM jobs WHERE date='$D'")
[ "$b" = "$j" ] && pass "every booking of $D counted ($j)" || fail "booked" "$b of $j"
sun=$(sqlite3 "$db" "SELECT sum(capacity) FROM appointment_windows WHERE date='2026-11-29'")
[ "$sun" = 0 ] && pass "nothing offered on Sunday (closed in the history)" || fail "Sunday" "$sun"
fmt=$(sqlite3 "$db" "SELECT count(*) FROM appointment_windows WHERE start NOT GLOB '$D*' AND date='$D'
	OR start NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]'")
[ "$fmt" = 0 ] && pass "start is YYYY-MM-DDTHH:MM on its date" || fail "start format" "$fmt"
ev=$(sqlite3 "$db" "SELECT count(*) FROM appointment_windows WHERE service_class='ev/3/ev'")
[ "$ev" = 28 ] && pass "classes named skill/level/bay" || fail "ev/3/ev rows" "$ev"
t5=$(sqlite3 "$db" "SELECT bottleneck, ratio > 1.2 AND ratio < 1.4 FROM learned_technicians
	WHERE technician_id='T5' AND service_code=''")
[ "$t5" = "1|1" ] && pass "T5 stored as a bottleneck" || fail "T5 learned" "$t5"
n=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM learned_durations WHERE run_id=$run) > 0 AND
	(SELECT count(*) FROM learned_windows WHERE tier='all') = 4")
[ "$n" = 1 ] && pass "learned figures stored" || fail "learned figures" "$n"

expect_exit 0 "windows as CSV" -- "$B" --db "$db" --quiet --format csv windows --from $D --days 2
expect_grep "CSV header" "$T/out" '^date,start,end,service_class,capacity,booked,over,demand_cap$'
[ "$(wc -l <"$T/out")" = $((2 * 4 * classes + 1)) ] && pass "CSV rows" || fail "CSV rows" "$(wc -l <"$T/out")"
if command -v python3 >/dev/null; then
	expect_exit 0 "windows as JSON" -- "$B" --db "$db" --quiet --format json windows --from $D --days 1 --durations standard
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["durations"]=="standard" and len(d["windows"])>0' "$T/out" &&
		pass "JSON parses" || fail "JSON parses" "$(head -c 200 "$T/out")"
fi

# Re-tuning two days replaces those two and leaves the rest of the week.
old=$(sqlite3 "$db" "SELECT DISTINCT run_id FROM appointment_windows WHERE date='2026-11-30'")
expect_exit 0 "re-tune two days" -- "$B" --db "$db" --quiet windows --from 2026-11-26 --days 2
new=$(sqlite3 "$db" "SELECT id FROM runs WHERE kind='windows' ORDER BY id DESC LIMIT 1")
got=$(sqlite3 "$db" "SELECT group_concat(r) FROM (SELECT DISTINCT date || '=' || run_id AS r
	FROM appointment_windows WHERE date IN ('2026-11-26','2026-11-27','2026-11-30') ORDER BY r)")
[ "$got" = "2026-11-26=$new,2026-11-27=$new,2026-11-30=$old" ] && pass "only the range is replaced" ||
	fail "range replaced" "$got (new $new, old $old)"
total=$(sqlite3 "$db" "SELECT count(*) FROM appointment_windows WHERE date BETWEEN '$D' AND '2026-11-30'")
[ "$total" = $((7 * 4 * classes)) ] && pass "no rows lost or doubled" || fail "rows after re-tune" "$total"

# A reader in another process while the week is rewritten again and again:
# every read sees all rows of one run (one run_id, the full count), never a mix.
"$B" --db "$db" --quiet windows --from $D >/dev/null 2>&1
want="1|$((7 * 4 * classes))"
: >"$T/reads"
(
	while [ ! -e "$T/stop" ]; do
		sqlite3 "$db" ".timeout 5000" "SELECT count(DISTINCT run_id) || '|' || count(*) || '|' ||
			min(run_id) FROM appointment_windows WHERE date BETWEEN '$D' AND '2026-11-30'" \
			>>"$T/reads" 2>>"$T/read_err"
	done
) &
reader=$!
wrote=0
for _ in 1 2 3 4 5 6; do
	"$B" --db "$db" --quiet windows --from $D >/dev/null 2>>"$T/write_err" && wrote=$((wrote + 1))
done
touch "$T/stop"
wait "$reader"
reads=$(wc -l <"$T/reads")
mixed=$(cut -d'|' -f1,2 "$T/reads" | grep -vc "^$want\$")
seen=$(cut -d'|' -f3 "$T/reads" | sort -u | wc -l)
[ "$wrote" = 6 ] && pass "six rewrites beside the reader" || fail "rewrites" "$wrote of 6: $(head -c 300 "$T/write_err")"
[ "$reads" -ge 20 ] && [ "$mixed" = 0 ] && pass "reader saw one whole run in each of $reads reads" ||
	fail "reader saw a mix" "$mixed of $reads reads differ from $want: $(grep -v "^$want|" "$T/reads" | head -3)"
[ "$seen" -ge 2 ] && pass "reader read across $seen runs" || fail "reader overlap" "only $seen run(s) seen"
[ ! -s "$T/read_err" ] && pass "reader never failed" || fail "reader errors" "$(head -c 300 "$T/read_err")"
