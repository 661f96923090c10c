# bayplan import: the demo loads; every class of bad shop file is refused
# with exit 65 (66 for a missing file) naming file:line:col, and the store
# is left exactly as it was. Then the merge: the store's records kept, the
# same file twice changes nothing, a dropped technician the store names is
# refused; --replace starts over; --bookings FILE.csv, good and bad.
. "$E2E_LIB"
db=$T/s.db
expect_exit 0 "import the demo shop" -- "$B" --db "$db" import "$DEMO"
expect_grep "import says what it loaded" "$T/out" 'imported .*72|bookings'
n=$(sqlite3 "$db" "SELECT count(*) FROM jobs")
[ "$n" -gt 60 ] && pass "jobs are in the store ($n)" || fail "jobs are in the store" "$n"
for t in runs schedule unscheduled reorder appointment_windows bays technicians services parts jobs; do
	sqlite3 "$db" .tables | grep -qw "$t" && pass "table $t exists" || fail "table $t exists" "missing"
done
expect_exit 0 "re-import merges" -- "$B" --db "$db" import "$DEMO"
[ "$(sqlite3 "$db" "SELECT count(*) FROM jobs")" = "$n" ] && pass "re-import does not duplicate" ||
	fail "re-import does not duplicate" "$(sqlite3 "$db" "SELECT count(*) FROM jobs") != $n"

before=$(store_digest "$db")
for f in bad_alias bad_anchor alias_bomb bad_date bad_time dangling_service duplicate_job_id \
	empty level_four negative_on_hand non_utf8 part_without_supply \
	syntax_error tab_indent top_level_list unknown_key window_ends_before_start; do
	expect_exit 65 "refuses $f" -- "$B" --db "$db" import "$DATA/$f.yaml"
	if [ "$f" = empty ]; then
		expect_grep "$f: names the file" "$T/err" "$f.yaml"
	else
		expect_grep "$f: file:line:col" "$T/err" "$f\.yaml:[0-9]+:[0-9]+: "
	fi
done
[ "$(store_digest "$db")" = "$before" ] && pass "store unchanged after bad imports" ||
	fail "store unchanged after bad imports" "digest changed"
expect_exit 66 "missing file is 66" -- "$B" --db "$db" import "$T/nope.yaml"
expect_grep "missing file named" "$T/err" "nope.yaml"
expect_exit 66 "a directory is refused" -- "$B" --db "$db" import "$T"
expect_exit 64 "import without a file" -- "$B" --db "$db" import
expect_exit 64 "import with two files" -- "$B" --db "$db" import "$DEMO" "$DEMO"
[ "$(store_digest "$db")" = "$before" ] && pass "store unchanged after refused commands" ||
	fail "store unchanged after refused commands" "digest changed"

# ---- import merges into the store's shop ----
# A small shop (the good shop and a third technician) and a day's records
# made in the store: statuses, a booking of its own, the roster, closures,
# a stock count, orders. Importing the file again keeps all of it.
W=$T/merge
mkdir -p "$W"
cp "$DATA/good_demand.csv" "$DATA/good_actuals.csv" "$W/"
t3='  - id: T3\n    name: Third Person\n    shift: "08:00-17:00"\n    skills: {maintenance: 2}\n    cost_per_hour: 25'
sed -e "/^services:/i\\$t3\n" "$DATA/good_shop.yaml" >"$W/shop.yaml"
m=$T/m.db
q() { sqlite3 "$m" "$1"; }
# The day-to-day tables and the stock, for "nothing changed".
day_digest() {
	for t in jobs job_parts job_status events roster closures part_orders parts; do
		sqlite3 "$1" "SELECT * FROM $t ORDER BY rowid"
	done | md5sum | cut -d' ' -f1
}
expect_exit 0 "merge: first import" -- "$B" --db "$m" import "$W/shop.yaml"
expect_grep "merge: first import loads the bookings" "$T/out" '^a new store: 3 bookings loaded'
[ "$(q "SELECT count(*) FROM events")" = 0 ] && pass "merge: a new store has no events yet" ||
	fail "merge: events of the first import" "$(q 'SELECT count(*) FROM events')"
q "UPDATE job_status SET status='done', started='2026-11-23T09:30', finished='2026-11-23T10:15', technician_id='T1', bay_id='B1' WHERE job_id='RO-1001';
   UPDATE job_status SET status='in_progress', started='2026-11-23T08:45', technician_id='T3', bay_id='E1' WHERE job_id='RO-1002';
   INSERT INTO jobs (id, date, service_code, tier, arrival, waiting, technician_id) VALUES ('RO-2001', '2026-11-24', 'OIL', 'basic', '10:00', 0, 'T3');
   INSERT INTO job_parts (job_id, sku, qty) VALUES ('RO-2001', 'FLT-OIL-01', 1);
   INSERT INTO job_status (job_id) VALUES ('RO-2001');
   INSERT INTO roster (technician_id, date, kind) VALUES ('T3', '2026-11-25', 'off');
   INSERT INTO closures (date, reason) VALUES ('2026-11-26', 'holiday');
   INSERT INTO closures (date, bay_id, start, \"end\", reason) VALUES ('2026-11-24', 'A1', '10:00', '12:00', 'lift');
   UPDATE part_orders SET received = 5 WHERE sku = 'FLT-OIL-01';
   INSERT INTO part_orders (sku, qty, arrives, source) VALUES ('OIL-5W30-L', 30, '2026-11-25T09:00', 'manual');
   UPDATE parts SET on_hand = 9 WHERE sku = 'FLT-OIL-01';"
d1=$(day_digest "$m")
all1=$(store_digest "$m")
expect_exit 0 "merge: the same file again" -- "$B" --db "$m" import "$W/shop.yaml"
expect_grep "merge: says nothing changed" "$T/out" '^0 bookings added, 0 updated, 3 unchanged, 1 kept from the store; master data replaced'
[ "$(day_digest "$m")" = "$d1" ] && pass "merge: same file twice: day tables and events unchanged" ||
	fail "merge: same file twice" "day tables changed"
[ "$(store_digest "$m")" = "$all1" ] && pass "merge: same file twice: the whole store unchanged" ||
	fail "merge: same file twice" "the store changed"

# A changed file: a booking moved, one added, a part restocked in the file
# (the store's count stands) and a new part, a technician renamed.
sed -e 's/arrival: "08:30"/arrival: "09:15"/' -e 's/    on_hand: 14/    on_hand: 99/' \
	-e 's/name: Ola Nordmann/name: Kari Nordmann/' -e 's/    unit_cost: 7.25/    unit_cost: 7.5/' \
	"$W/shop.yaml" >"$W/shop2.yaml"
python3 - "$W/shop2.yaml" <<'EOF'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("jobs:\n", "jobs:\n  - {id: RO-1004, date: \"2026-11-24\", service: OIL, window: \"08:00-09:00\"}\n", 1)
s = s.replace("parts:\n  - sku: FLT-OIL-01", "parts:\n  - {sku: NEW-1, on_hand: 5, supply: common, unit_cost: 2,\n     on_order: [{qty: 3, arrives: \"2026-11-25T08:00\"}]}\n  - sku: FLT-OIL-01", 1)
open(p, "w").write(s)
EOF
ev=$(q "SELECT count(*) FROM events")
expect_exit 0 "merge: a changed file" -- "$B" --db "$m" import "$W/shop2.yaml"
expect_grep "merge: counts what changed" "$T/out" '^1 bookings added, 1 updated, 2 unchanged, 1 kept from the store'
[ "$(q "SELECT status || ' ' || technician_id || ' ' || bay_id FROM job_status WHERE job_id='RO-1002'")" = "in_progress T3 E1" ] &&
	pass "merge: an updated booking keeps its status" || fail "merge: status kept" "$(q "SELECT * FROM job_status WHERE job_id='RO-1002'")"
[ "$(q "SELECT arrival FROM jobs WHERE id='RO-1002'")" = "09:15" ] && pass "merge: the booking is the file's" ||
	fail "merge: booking updated" "$(q "SELECT arrival FROM jobs WHERE id='RO-1002'")"
[ "$(q "SELECT status FROM job_status WHERE job_id='RO-1001'")" = done ] && pass "merge: a done job stays done" || fail "merge: done kept" "changed"
[ "$(q "SELECT technician_id FROM jobs WHERE id='RO-2001'")" = T3 ] && pass "merge: the store's own booking is kept" || fail "merge: RO-2001 kept" "gone"
[ "$(q "SELECT status FROM job_status WHERE job_id='RO-1004'")" = booked ] && pass "merge: a new booking is booked" || fail "merge: RO-1004" "no status"
[ "$(q "SELECT count(*) FROM roster") $(q "SELECT count(*) FROM closures")" = "1 2" ] &&
	pass "merge: roster and closures kept" || fail "merge: roster and closures" "$(q 'SELECT count(*) FROM roster')"
[ "$(q "SELECT on_hand FROM parts WHERE sku='FLT-OIL-01'")" = 9 ] && pass "merge: the store's stock count stands" ||
	fail "merge: stock" "$(q "SELECT on_hand FROM parts WHERE sku='FLT-OIL-01'")"
[ "$(q "SELECT unit_cost FROM parts WHERE sku='OIL-5W30-L'")" = 7.5 ] && pass "merge: the parts master is the file's" || fail "merge: unit cost" "not updated"
[ "$(q "SELECT on_hand FROM parts WHERE sku='NEW-1'")" = 5 ] && pass "merge: a new part takes the file's stock" || fail "merge: new part" "missing"
[ "$(q "SELECT group_concat(sku || ':' || qty || ':' || received || ':' || source, ' ') FROM (SELECT * FROM part_orders ORDER BY id)")" = \
  "FLT-OIL-01:20:5:import OIL-5W30-L:30:0:manual NEW-1:3:0:import" ] && pass "merge: the order book kept, the new part's order added" ||
	fail "merge: part_orders" "$(q 'SELECT * FROM part_orders')"
[ "$(q "SELECT name FROM technicians WHERE id='T2'")" = "Kari Nordmann" ] && pass "merge: technicians are the file's" || fail "merge: technician name" "old"
[ "$(q "SELECT count(*) FROM events WHERE command='import' AND kind='job'") " = "$((ev + 2)) " ] &&
	pass "merge: two events rows (added, updated)" ||
	fail "merge: events rows" "$(q 'SELECT count(*) FROM events') after $ev"
q "SELECT before, after FROM events WHERE record='RO-1002' ORDER BY id DESC LIMIT 1" >"$T/ev"
expect_grep "merge: the event holds before and after" "$T/ev" '"arrival": "08:30".*\|.*"arrival": "09:15".*"status": "in_progress"'
[ "$(q "SELECT before IS NULL FROM events WHERE record='RO-1004' ORDER BY id DESC LIMIT 1")" = 1 ] &&
	pass "merge: an added booking's event has no before" || fail "merge: event of RO-1004" "wrong"
d2=$(day_digest "$m")
expect_exit 0 "merge: the changed file again" -- "$B" --db "$m" import "$W/shop2.yaml"
[ "$(day_digest "$m")" = "$d2" ] && pass "merge: again, nothing changes" || fail "merge: again" "changed"

# A technician the file drops but the store still names: refused, naming the
# records, the store untouched.
sed -e '/^  - id: T3$/,/cost_per_hour: 25$/d' "$W/shop2.yaml" >"$W/no_t3.yaml"
grep -q 'id: T3' "$W/no_t3.yaml" && fail "merge: test file without T3" "T3 still there"
all2=$(store_digest "$m")
expect_exit 65 "merge: a dropped technician the store names is refused" -- "$B" --db "$m" import "$W/no_t3.yaml"
for want in "technician T3 is not in the shop file, but the store still names it" "job RO-2001 \\(requested technician\\)" \
	"job_status RO-1002 \\(started by\\)" "roster 2026-11-25" "keep T3 in the file, or use import --replace"; do
	expect_grep "merge: the refusal names: $want" "$T/err" "$want"
done
[ "$(store_digest "$m")" = "$all2" ] && pass "merge: refused, the store unchanged" || fail "merge: refused" "the store changed"
sed -e '/^  - {id: B1, type: general}$/d' "$W/shop2.yaml" >"$W/no_b1.yaml"
expect_exit 65 "merge: a dropped bay the store names is refused" -- "$B" --db "$m" import "$W/no_b1.yaml"
expect_grep "merge: names the status that names the bay" "$T/err" "bay B1 is not in the shop file.*job_status RO-1001 \\(bay\\)"

# --replace starts over.
expect_exit 0 "replace: starts over" -- "$B" --db "$m" import --replace "$W/no_t3.yaml"
expect_grep "replace: says so" "$T/out" "^started over: 0 bookings added, 2 changed, 1 removed"
[ "$(q "SELECT count(*) FROM jobs") $(q "SELECT count(*) FROM job_status WHERE status='booked'")" = "4 4" ] &&
	pass "replace: the file's bookings, all booked" || fail "replace: bookings" "$(q 'SELECT * FROM job_status')"
[ "$(q "SELECT count(*) FROM roster") $(q "SELECT count(*) FROM closures") $(q "SELECT count(*) FROM part_orders WHERE source <> 'import'")" = "0 0 0" ] &&
	pass "replace: roster, closures and orders cleared" || fail "replace: cleared" "some left"
[ "$(q "SELECT on_hand FROM parts WHERE sku='FLT-OIL-01'")" = 99 ] && pass "replace: the file's stock" || fail "replace: stock" "kept"
[ "$(q "SELECT count(*) FROM events WHERE record='RO-2001' AND after IS NULL")" = 1 ] &&
	pass "replace: a removed booking has its events row" || fail "replace: RO-2001 event" "missing"
[ "$(q "SELECT count(*) FROM events WHERE command='import --replace'")" = 3 ] &&
	pass "replace: an events row per booking changed or removed" || fail "replace: events" "$(q "SELECT record FROM events WHERE command='import --replace'")"

# --bookings FILE.csv: add or update bookings from a DMS export.
cat >"$W/bk.csv" <<'EOF'
promised,id,date,service,window,waiting,technician,tier,minutes
12:00,RO-1003,,,,,,,
11:00,RO-3001,2026-11-24,OIL,09:00-11:00,yes,T1,potential,50
EOF
other_digest() {
	sqlite3 "$1" .dump | grep -v -e '^INSERT INTO "\?\(jobs\|job_status\|job_parts\|events\|sqlite_sequence\)"\? ' | md5sum
}
o1=$(other_digest "$m")
ev=$(q "SELECT count(*) FROM events")
expect_exit 0 "bookings: a good file" -- "$B" --db "$m" import --bookings "$W/bk.csv"
expect_grep "bookings: counts them" "$T/out" "1 added, 1 updated, 0 unchanged; nothing else changed"
[ "$(q "SELECT date || ' ' || service_code || ' ' || promised FROM jobs WHERE id='RO-1003'")" = "2026-11-24 OIL 12:00" ] &&
	pass "bookings: an update changes only the cells given" || fail "bookings: RO-1003" "$(q "SELECT * FROM jobs WHERE id='RO-1003'")"
[ "$(q "SELECT window_start || '-' || window_end || ' ' || waiting || ' ' || technician_id || ' ' || tier || ' ' || minutes FROM jobs WHERE id='RO-3001'")" = "09:00-11:00 1 T1 potential 50" ] &&
	pass "bookings: a new booking with every column" || fail "bookings: RO-3001" "$(q "SELECT * FROM jobs WHERE id='RO-3001'")"
[ "$(q "SELECT status FROM job_status WHERE job_id='RO-3001'")" = booked ] && pass "bookings: the new one is booked" || fail "bookings: status" "none"
[ "$(q "SELECT count(*) FROM events")" = $((ev + 2)) ] &&
	[ "$(q "SELECT group_concat(record) FROM events WHERE command='import --bookings'")" = "RO-1003,RO-3001" ] &&
	pass "bookings: two events rows" || fail "bookings: events" "$(q 'SELECT count(*) FROM events')"
[ "$(other_digest "$m")" = "$o1" ] && pass "bookings: nothing else changed" || fail "bookings: other tables" "changed"
d3=$(day_digest "$m")
expect_exit 0 "bookings: the same file again" -- "$B" --db "$m" import --bookings "$W/bk.csv"
expect_grep "bookings: again, unchanged" "$T/out" "0 added, 0 updated, 2 unchanged"
[ "$(day_digest "$m")" = "$d3" ] && pass "bookings: again, nothing changes" || fail "bookings: again" "changed"

# Bad bookings files: 65, file:line:col, the store untouched.
all3=$(store_digest "$m")
bk_bad() {
	local name=$1 re=$2
	expect_exit 65 "bookings: $name" -- "$B" --db "$m" import --bookings "$W/$name.csv"
	expect_grep "bookings: $name: file:line:col" "$T/err" "$name\\.csv:$re"
	[ "$(store_digest "$m")" = "$all3" ] && pass "bookings: $name: store unchanged" || fail "bookings: $name" "store changed"
}
printf 'id,date,service,window\nRO-5,2026-11-24,OIL,09:00-11:00\nRO-6,2026-11-24,NOPE,09:00-11:00\n' >"$W/b_service.csv"
bk_bad b_service "3:17: column 3 'service': no service 'NOPE' in the shop"
printf 'id,date,service,window\nRO-5,2026-11-24,OIL,9-11\n' >"$W/b_window.csv"
bk_bad b_window "2:21: column 4 'window': '9-11' is not a time span"
printf 'id,waiting\nRO-1001,maybe\n' >"$W/b_waiting.csv"
bk_bad b_waiting "2:9: column 2 'waiting': 'maybe' is not true or false"
printf 'id,colour\nRO-1001,red\n' >"$W/b_column.csv"
bk_bad b_column "1:4: unknown column 'colour'; known columns: id, date, service"
printf 'id,date\nRO-1001,2026-11-2\xe4\n' >"$W/b_latin1.csv"
bk_bad b_latin1 "2:18: the file is not UTF-8 text \\(byte 0xE4\\)"
printf 'id,service\nRO-7,OIL\n' >"$W/b_nodate.csv"
bk_bad b_nodate "2:1: booking 'RO-7' is new to the store, so it needs a date"
printf 'id,date,service\nRO-7,2026-11-24,OIL\nRO-8,2026-11-24,OIL\nRO-7,2026-11-25,OIL\n' >"$W/b_dup.csv"
bk_bad b_dup "4:1: column 1 'id': booking 'RO-7' appears twice \\(first on line 2\\)"
printf 'id,technician\nRO-1001,T9\n' >"$W/b_tech.csv"
bk_bad b_tech "2:9: column 2 'technician': no technician 'T9' in the shop"
# Longer than any shift is a booking like any other (it goes on the next
# working day); past the shop file's bound it is not.
printf 'id,date,service,arrival,minutes\nRO-9,2026-11-24,OIL,08:00,200000\n' >"$W/b_long.csv"
bk_bad b_long "2:27: column 5 'minutes': '200000' is not a whole number of minutes from 1 to 100000"
printf 'id,window,arrival\nRO-1001,09:00-11:00,08:00\n' >"$W/b_both.csv"
bk_bad b_both "2:21: column 3 'arrival': '08:00': give a window or an arrival time, not both"
expect_exit 66 "bookings: a missing file" -- "$B" --db "$m" import --bookings "$W/nope.csv"
expect_exit 66 "bookings: no store" -- "$B" --db "$T/none.db" import --bookings "$W/bk.csv"
[ ! -e "$T/none.db" ] && pass "bookings: no store is made" || fail "bookings: no store" "created"
expect_exit 65 "bookings: a store without a shop" -- sh -c "'$B' --db '$T/empty.db' init >/dev/null && '$B' --db '$T/empty.db' import --bookings '$W/bk.csv'"
expect_grep "bookings: says to import the shop first" "$T/err" "holds no shop"
expect_exit 64 "bookings and a shop file" -- "$B" --db "$m" import --bookings "$W/bk.csv" "$W/shop.yaml"
expect_exit 64 "bookings and --replace" -- "$B" --db "$m" import --replace --bookings "$W/bk.csv"
[ "$(store_digest "$m")" = "$all3" ] && pass "bookings: refused commands change nothing" || fail "bookings: refused commands" "store changed"
