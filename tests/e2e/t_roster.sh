# bayplan roster and shop close on the demo: every refusal (exit code, the
# sentence, the store unchanged and no events row), the rows and events
# rows of each change, roster list and shop list; what plan makes of them
# (an absent technician, a shift change, a bay down, a holiday); and
# windows counting the store: no place for cancelled or no-show bookings,
# nothing offered on a holiday.
. "$E2E_LIB"
db=$T/s.db
D=2026-11-24
q() { sqlite3 "$db" "$1"; }
events() { sqlite3 "$db" "SELECT count(*) FROM events"; }

# changed NAME KIND RECORD COMMAND: the last command wrote exactly one
# events row, of this kind, record and command, after $n0.
changed() {
	local row
	row=$(q "SELECT count(*), min(kind), min(record), min(command) FROM events WHERE id > $n0")
	[ "$row" = "1|$2|$3|$4" ] && pass "$1: one events row" || fail "$1: one events row" "$row"
}

expect_exit 66 "roster without a store is 66" -- "$B" --db "$db" roster list
"$B" --db "$db" import "$DEMO" >/dev/null 2>&1

# ---- roster: usage ----
refuse 64 "roster without a verb" 'needs a verb' -- "$B" --db "$db" roster
refuse 64 "roster with an unknown verb" "no verb 'swap'" -- "$B" --db "$db" roster swap T1
refuse 64 "off without a technician" 'needs a technician' -- "$B" --db "$db" roster off --date $D
refuse 64 "off without --date" 'needs a technician and --date' -- "$B" --db "$db" roster off T1
refuse 64 "off with a bad date" '--date wants a date' -- "$B" --db "$db" roster off T1 --date 2026-02-30
refuse 64 "off with a bad --from" '--from wants a time' -- "$B" --db "$db" roster off T1 --date $D --from 7:5
refuse 64 "shift without --shift" 'needs a technician, --date and --shift' -- \
	"$B" --db "$db" roster shift T1 --date $D
refuse 64 "shift with a bad --shift" '--shift wants HH:MM-HH:MM' -- \
	"$B" --db "$db" roster shift T1 --date $D --shift 08:00
refuse 64 "shift with bad --breaks" "'12:00' is not HH:MM-HH:MM" -- \
	"$B" --db "$db" roster shift T1 --date $D --shift 08:00-16:00 --breaks 12:00

# ---- roster: refused changes ----
refuse 65 "off for an unknown technician" "no technician 'TX' \(the technicians are T1, T2" -- \
	"$B" --db "$db" roster off TX --date $D
refuse 65 "off ending before it starts" 'ends at 13:00, not after it starts at 14:00' -- \
	"$B" --db "$db" roster off T5 --date $D --from 14:00 --to 13:00
refuse 65 "off reaching outside the shift" 'T5 works 08:00-17:00 .* not rostered' -- \
	"$B" --db "$db" roster off T5 --date $D --from 07:00 --to 09:00
refuse 65 "off from the shift's end" 'outside the shift' -- \
	"$B" --db "$db" roster off T5 --date $D --from 17:00
refuse 65 "shift outside the shop's hours" 'open 07:30-18:00 \(until 19:00 with overtime\)' -- \
	"$B" --db "$db" roster shift T6 --date $D --shift 06:00-15:00
refuse 65 "shift ending before it starts" 'ends at 09:00, not after it starts at 15:00' -- \
	"$B" --db "$db" roster shift T6 --date $D --shift 15:00-09:00
refuse 65 "a break outside the shift" 'break 17:00-17:30 is outside the shift 08:00-17:00' -- \
	"$B" --db "$db" roster shift T6 --date $D --shift 08:00-17:00 --breaks 17:00-17:30
refuse 65 "overlapping breaks" 'overlaps another break' -- \
	"$B" --db "$db" roster shift T6 --date $D --shift 08:00-17:00 --breaks 12:00-12:45,12:30-13:00
refuse 65 "nine breaks" 'at most 8 breaks' -- "$B" --db "$db" roster shift T6 --date $D \
	--shift 08:00-17:00 --breaks 08:10-08:15,09:10-09:15,10:10-10:15,11:10-11:15,12:10-12:15,13:10-13:15,14:10-14:15,15:10-15:15,16:10-16:15

# ---- roster: changes ----
n0=$(events)
expect_exit 0 "T1 off all day" -- "$B" --db "$db" roster off T1 --date $D
expect_grep "says so" "$T/out" 'T1 \(Cheng Long\) is off all day on 2026-11-24'
changed "T1 off" roster T1 "roster off"
row=$(q "SELECT kind, start IS NULL, \"end\" IS NULL FROM roster WHERE technician_id='T1'")
[ "$row" = "off|1|1" ] && pass "a whole day has no start and end" || fail "T1 row" "$row"
row=$(q "SELECT before IS NULL, json_extract(after, '$.kind'), json_extract(after, '$.date'),
	json_extract(after, '$.from') IS NULL FROM events ORDER BY id DESC LIMIT 1")
[ "$row" = "1|off|$D|1" ] && pass "the events row: no before, the absence after" || fail "T1 event" "$row"
refuse 65 "T1 off twice" 'T1 is already off all day on 2026-11-24' -- "$B" --db "$db" roster off T1 --date $D
refuse 65 "T1 off for part of a day off" 'already off all day' -- \
	"$B" --db "$db" roster off T1 --date $D --from 10:00 --to 11:00

n0=$(events)
expect_exit 0 "T2 off from 15:00" -- "$B" --db "$db" roster off T2 --date $D --from 15:00
changed "T2 off" roster T2 "roster off"
[ "$(q "SELECT start || '-' || \"end\" FROM roster WHERE technician_id='T2'")" = "15:00-17:00" ] &&
	pass "--from alone runs to the shift's end" || fail "T2 span" "$(q "SELECT * FROM roster")"
refuse 65 "an absence overlapping another" 'T2 is already off on 2026-11-24 from 15:00 to 17:00' -- \
	"$B" --db "$db" roster off T2 --date $D --from 16:00 --to 16:30
refuse 65 "all day over part of a day" 'already off' -- "$B" --db "$db" roster off T2 --date $D
refuse 65 "a shift change leaving an absence out" 'T2 is off on 2026-11-24 from 15:00 to 17:00, outside the shift 08:00-16:00' -- \
	"$B" --db "$db" roster shift T2 --date $D --shift 08:00-16:00
expect_exit 0 "T3 off until 10:00" -- "$B" --db "$db" roster off T3 --date 2026-11-25 --to 10:00
[ "$(q "SELECT start || '-' || \"end\" FROM roster WHERE technician_id='T3'")" = "09:00-10:00" ] &&
	pass "--to alone starts at the shift's start" || fail "T3 span" "$(q "SELECT * FROM roster")"

expect_exit 0 "T10 off all day, asked for by a booking" -- "$B" --db "$db" roster off T10 --date $D
expect_grep "warns of the booking that asked for T10" "$T/err" \
	'warning: 1 booking on 2026-11-24 asked for T10; plan will give it to another'

n0=$(events)
expect_exit 0 "T4 works 10:00-19:00" -- "$B" --db "$db" roster shift T4 --date $D --shift 10:00-19:00
expect_grep "keeps the standing break inside" "$T/out" 'T4 \(Zeng Lin\) works 10:00-19:00 on 2026-11-24, breaks 11:30-12:15$'
changed "T4 shift" roster T4 "roster shift"
refuse 65 "off outside the day's new shift" 'T4 works 10:00-19:00 on 2026-11-24' -- \
	"$B" --db "$db" roster off T4 --date $D --from 08:00 --to 09:00
n0=$(events)
expect_exit 0 "T4's shift changed again" -- "$B" --db "$db" roster shift T4 --date $D --shift 10:00-18:30 --breaks ""
expect_grep "says it replaces" "$T/out" 'breaks none \(replaces the change made before\)'
changed "T4 shift again" roster T4 "roster shift"
row=$(q "SELECT count(*), min(start || '-' || \"end\"), min(breaks) FROM roster WHERE technician_id='T4'")
[ "$row" = "1|10:00-18:30|" ] && pass "the change replaces the row" || fail "T4 rows" "$row"
row=$(q "SELECT json_extract(before, '$.to') || ' ' || json_extract(before, '$.breaks') || ' ' ||
	json_extract(after, '$.to') FROM events ORDER BY id DESC LIMIT 1")
[ "$row" = "19:00 11:30-12:15 18:30" ] && pass "the events row has before and after" || fail "T4 event" "$row"
expect_exit 0 "T9 works 08:00-16:00 with two breaks" -- \
	"$B" --db "$db" roster shift T9 --date $D --shift 08:00-16:00 --breaks 10:00-10:15,12:30-13:00
[ "$(q "SELECT breaks FROM roster WHERE technician_id='T9'")" = "10:00-10:15,12:30-13:00" ] &&
	pass "breaks stored as given" || fail "T9 breaks" "$(q "SELECT breaks FROM roster WHERE technician_id='T9'")"

# ---- roster list ----
expect_exit 0 "roster list" -- "$B" --db "$db" roster list
expect_grep "list header" "$T/out" '^TECHNICIAN +NAME +DATE +KIND +FROM +TO +BREAKS'
expect_grep "list: a whole day" "$T/out" '^T1 +Cheng Long +2026-11-24 +off +all +day'
expect_grep "list: a shift" "$T/out" '^T9 +Ma Yan +2026-11-24 +shift +08:00 +16:00 +10:00-10:15,12:30-13:00'
expect_exit 0 "roster list for a date as CSV" -- "$B" --db "$db" --format csv roster list --date $D
expect_grep "CSV header" "$T/out" '^technician,name,date,kind,from,to,breaks$'
n=$(($(wc -l <"$T/out") - 1))
[ "$n" = "$(q "SELECT count(*) FROM roster WHERE date='$D'")" ] && [ "$n" = 5 ] &&
	pass "a CSV row per change of the date ($n)" || fail "CSV rows" "$n"
if command -v python3 >/dev/null; then
	expect_exit 0 "roster list as JSON" -- "$B" --db "$db" --format json roster list
	python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 6, len(rows)
t1 = [r for r in rows if r["technician"] == "T1"][0]
assert t1["kind"] == "off" and t1["from"] is None and t1["to"] is None and t1["name"] == "Cheng Long", t1
assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
' "$T/out" && pass "JSON rows, a whole day with null times, by date" || fail "roster JSON" "$(head -c 300 "$T/out")"
fi

# ---- shop close: usage ----
refuse 64 "shop without a verb" 'needs a verb' -- "$B" --db "$db" shop
refuse 64 "shop with an unknown verb" "no verb 'open'" -- "$B" --db "$db" shop open --date $D
refuse 64 "close without --date" 'needs --date' -- "$B" --db "$db" shop close
refuse 64 "close with --from alone" '--from and --to go together' -- \
	"$B" --db "$db" shop close --date $D --from 10:00
refuse 64 "close with --to alone" '--from and --to go together' -- \
	"$B" --db "$db" shop close --date $D --bay B1 --to 10:00
refuse 64 "close with a bad --to" '--to wants a time' -- \
	"$B" --db "$db" shop close --date $D --from 10:00 --to 1000

# ---- shop close: changes and refusals ----
refuse 65 "an unknown bay" "no bay 'B9' \(the bays are B1, B2" -- "$B" --db "$db" shop close --date $D --bay B9
refuse 65 "a closure ending before it starts" 'ends at 09:00, not after it starts at 10:00' -- \
	"$B" --db "$db" shop close --date $D --bay B1 --from 10:00 --to 09:00
refuse 65 "a closure outside the shop's hours" 'closes nothing' -- \
	"$B" --db "$db" shop close --date $D --from 05:00 --to 07:00
n0=$(events)
expect_exit 0 "B1 down 10:00-12:00" -- "$B" --db "$db" shop close --date $D --bay B1 --from 10:00 --to 12:00 --reason "lift service"
expect_grep "says so" "$T/out" 'Bay B1 is down on 2026-11-24 from 10:00 to 12:00: lift service'
changed "B1 down" closure B1 "shop close"
row=$(q "SELECT bay_id, start, \"end\", reason FROM closures")
[ "$row" = "B1|10:00|12:00|lift service" ] && pass "the closures row" || fail "B1 row" "$row"
row=$(q "SELECT json_extract(after, '$.bay') || ' ' || json_extract(after, '$.date') FROM events
	ORDER BY id DESC LIMIT 1")
[ "$row" = "B1 $D" ] && pass "the events row names bay and date" || fail "B1 event" "$row"
refuse 65 "B1 down again, overlapping" 'bay B1 is already down on 2026-11-24 from 10:00 to 12:00' -- \
	"$B" --db "$db" shop close --date $D --bay B1 --from 11:00 --to 13:00
n0=$(events)
expect_exit 0 "B1 down again later" -- "$B" --db "$db" shop close --date $D --bay B1 --from 16:00 --to 17:00
changed "B1 later" closure B1 "shop close"
n0=$(events)
expect_exit 0 "the shop closed 16:30-19:00 on the 27th" -- \
	"$B" --db "$db" shop close --date 2026-11-27 --from 16:30 --to 19:00 --reason "staff meeting"
changed "shop closed part of a day" closure 2026-11-27 "shop close"
refuse 65 "the shop closed again, overlapping" 'the shop is already closed on 2026-11-27 from 16:30 to 19:00' -- \
	"$B" --db "$db" shop close --date 2026-11-27 --from 18:00 --to 18:30

H=2026-11-28
nb=$(q "SELECT count(*) FROM jobs WHERE date='$H'")
n0=$(events)
expect_exit 0 "a holiday on a day with bookings" -- "$B" --db "$db" shop close --date $H --reason "Staff day"
expect_grep "says so" "$T/out" 'The shop is closed on 2026-11-28 \(a holiday\): Staff day'
expect_grep "warns of the bookings, kept" "$T/err" "warning: $nb bookings on 2026-11-28 are kept; 'plan' will report them as closed"
changed "holiday" closure $H "shop close"
[ "$(q "SELECT count(*) FROM job_status s JOIN jobs j ON j.id=s.job_id WHERE j.date='$H' AND s.status='booked'")" = "$nb" ] &&
	pass "the holiday cancels nothing" || fail "holiday bookings" "changed"
refuse 65 "the holiday twice" 'already closed all day on 2026-11-28 \(Staff day\)' -- "$B" --db "$db" shop close --date $H
refuse 65 "a bay down on a holiday" 'already closed all day' -- "$B" --db "$db" shop close --date $H --bay E1
refuse 65 "part of a holiday" 'already closed all day' -- "$B" --db "$db" shop close --date $H --from 08:00 --to 09:00
refuse 65 "off on a holiday" 'closed on 2026-11-28 \(Staff day\): T5 is not rostered that day' -- \
	"$B" --db "$db" roster off T5 --date $H
refuse 65 "a shift on a holiday" 'T5 is not rostered that day' -- \
	"$B" --db "$db" roster shift T5 --date $H --shift 08:00-12:00
n0=$(events)
expect_exit 0 "a holiday with no bookings" -- "$B" --db "$db" shop close --date 2026-12-01
[ ! -s "$T/err" ] && pass "no warning without bookings" || fail "holiday warning" "$(cat "$T/err")"

expect_exit 0 "shop list" -- "$B" --db "$db" shop list
expect_grep "shop list header" "$T/out" '^DATE +BAY +FROM +TO +REASON'
expect_grep "shop list: the holiday" "$T/out" '^2026-11-28 +\(shop\) +all +day +Staff day'
expect_exit 0 "shop list as CSV for a date" -- "$B" --db "$db" --format csv shop list --date $D
[ "$(cat "$T/out")" = "date,bay,from,to,reason
$D,B1,10:00,12:00,lift service
$D,B1,16:00,17:00," ] && pass "CSV closures of the date" || fail "shop CSV" "$(cat "$T/out")"

# ---- what plan makes of it ----
expect_exit 0 "plan the day" -- "$B" --db "$db" --quiet --time-limit 10 plan --date $D
run=$(q "SELECT id FROM runs WHERE kind='schedule' ORDER BY id DESC LIMIT 1")
n=$(q "SELECT count(*) FROM schedule WHERE run_id=$run AND technician_id IN ('T1', 'T10')")
[ "$n" = 0 ] && pass "no work for technicians off all day" || fail "T1/T10 work" "$n"
n=$(q "SELECT count(*) FROM schedule WHERE run_id=$run AND technician_id='T2' AND start < '${D}T17:00' AND \"end\" > '${D}T15:00'")
[ "$n" = 0 ] && pass "no work for T2 while off" || fail "T2 work while off" "$n"
n=$(q "SELECT count(*) FROM schedule WHERE run_id=$run AND technician_id='T4' AND start < '${D}T10:00'")
[ "$n" = 0 ] && pass "no work for T4 before the day's shift" || fail "T4 early" "$n"
n=$(q "SELECT count(*) FROM schedule WHERE run_id=$run AND bay_id='B1' AND start < '${D}T12:00' AND \"end\" > '${D}T10:00'")
[ "$n" = 0 ] && pass "no work on B1 while down" || fail "B1 work" "$n"
expect_exit 0 "plan the holiday" -- "$B" --db "$db" --quiet plan --date $H
run=$(q "SELECT id FROM runs WHERE kind='schedule' ORDER BY id DESC LIMIT 1")
row=$(q "SELECT (SELECT count(*) FROM schedule WHERE run_id=$run) || ' ' || (SELECT count(*) FROM unscheduled
	WHERE run_id=$run AND reason='closed')")
[ "$row" = "0 $nb" ] && pass "the holiday's bookings reported as closed" || fail "holiday plan" "$row"

# ---- windows counts the store ----
W=2026-11-25
jobs=$(q "SELECT count(*) FROM jobs WHERE date='$W'")
sqlite3 "$db" "UPDATE job_status SET status='cancelled' WHERE job_id IN (SELECT id FROM jobs WHERE date='$W' ORDER BY id LIMIT 3);
	UPDATE job_status SET status='no_show' WHERE job_id IN (SELECT id FROM jobs WHERE date='$W' ORDER BY id DESC LIMIT 2)"
expect_exit 0 "windows with cancelled and no-show bookings" -- "$B" --db "$db" --quiet windows --from $W --days 1
b=$(q "SELECT sum(booked) FROM appointment_windows WHERE date='$W'")
[ "$b" = $((jobs - 5)) ] && pass "cancelled and no-show bookings hold no place ($b of $jobs)" || fail "booked" "$b of $jobs"
expect_exit 0 "windows over a holiday with bookings" -- "$B" --db "$db" windows --from 2026-11-27 --days 2
expect_grep "warns of the holiday's bookings" "$T/err" "2026-11-28 is a shop holiday, Staff day: nothing is offered; $nb bookings there are kept"
row=$(q "SELECT sum(capacity), sum(booked), sum(capacity != booked) FROM appointment_windows WHERE date='$H'")
[ "$row" = "$nb|$nb|0" ] && pass "a holiday offers nothing beyond its bookings" || fail "holiday cells" "$row"
n=$(q "SELECT sum(capacity - booked) FROM appointment_windows WHERE date='2026-11-27'")
[ "$n" -gt 0 ] && pass "the day before still offers ($n)" || fail "day before" "$n"
expect_exit 0 "windows over an empty holiday" -- "$B" --db "$db" --quiet windows --from 2026-12-01 --days 2
row=$(q "SELECT sum(capacity), count(*) FROM appointment_windows WHERE date='2026-12-01'")
n=$(q "SELECT sum(capacity) FROM appointment_windows WHERE date='2026-12-02'")
[ "${row%|*}" = 0 ] && [ "${row#*|}" -gt 0 ] && [ "$n" -gt 0 ] &&
	pass "an empty holiday: rows of capacity 0 (the next day offers $n)" || fail "empty holiday" "$row; next $n"
