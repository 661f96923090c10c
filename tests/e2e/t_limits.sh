# Limits that hold after the shop files (tests/RELIABILITY.md, "Ordinary
# operations and limits"): a store whose rows another program wrote is
# held to the shop file's rules (exit 65 naming table, record and field,
# before any solve); a shop file that starts with a UTF-8 byte order mark
# reads as without one; the last date plans and reads back.
. "$E2E_LIB"
D=2026-11-24
S=$T/s.db
"$B" --db "$S" import "$DEMO" >/dev/null 2>&1 || fail "import the demo" "exit $?"
cp "$S" "$T/clean.db"

# store_case NAME SQL TABLE RECORD-AND-FIELD: the row changed by SQL is
# refused by plan and by reorder, before solving, naming the table.
store_case() {
	local name=$1 sql=$2 table=$3 rec=$4
	cp "$T/clean.db" "$T/v.db"
	sqlite3 "$T/v.db" "PRAGMA foreign_keys = OFF; $sql" || { fail "$name: set up" "sqlite3"; return; }
	local before
	before=$(store_digest "$T/v.db")
	expect_exit 65 "$name: plan refuses the store" -- "$B" --db "$T/v.db" --time-limit 2 plan --date $D
	expect_grep "$name: names table, record and field" "$T/err" "$rec: .*\\(table $table of the store .*v.db"
	grep -q 'jobs booked' "$T/err" && fail "$name: refused before the solve" "it solved" ||
		pass "$name: refused before the solve"
	expect_exit 65 "$name: reorder refuses it too" -- "$B" --db "$T/v.db" --time-limit 2 reorder --date $D
	[ "$(store_digest "$T/v.db")" = "$before" ] && pass "$name: store unchanged" ||
		fail "$name: store unchanged" "changed"
}
store_case "negative overtime" "UPDATE shop SET overtime_minutes = -30" shop \
	"shop, overtime_minutes"
store_case "min_order -10" "UPDATE parts SET min_order = -10 WHERE rowid = 3" parts \
	"part [^,]+, min_order"
store_case "negative service minutes" "UPDATE service_minutes SET minutes = -45 WHERE rowid = 2" \
	service_minutes "service [^,]+, minutes"
store_case "on_hand -1000000" "UPDATE parts SET on_hand = -1000000 WHERE rowid = 1" parts \
	"part [^,]+, on_hand"
store_case "a delivery in 7026" \
	"UPDATE part_orders SET arrives = '7026' || substr(arrives, 5) WHERE id = 1" \
	part_orders "part [^,]+, on_order"
store_case "a job id with a trailing space" \
	"UPDATE jobs SET id = id || ' ' WHERE rowid = 1; UPDATE job_parts SET job_id = job_id || ' ' WHERE job_id = (SELECT id FROM jobs WHERE rowid = 1)" \
	jobs "job #1, id"
store_case "a job id with a comma" \
	"UPDATE jobs SET id = 'RO-1,RO-2' WHERE rowid = 1" jobs "job #1, id"
store_case "policy late_per_minute -2" "UPDATE policy SET value = -2 WHERE key = 'late_per_minute'" \
	policy "policy, late_per_minute"

# A UTF-8 byte order mark, as Windows editors write it, also before '---'.
mkdir "$T/bom"
cp "$DATA/good_demand.csv" "$DATA/good_actuals.csv" "$T/bom/"
{ printf '\xef\xbb\xbf'; cat "$DATA/good_shop.yaml"; } >"$T/bom/shop.yaml"
expect_exit 0 "a shop file with a BOM imports" -- "$B" --db "$T/bom.db" import "$T/bom/shop.yaml"
{ printf '\xef\xbb\xbf---\n'; cat "$DATA/good_shop.yaml"; } >"$T/bom/dash.yaml"
expect_exit 0 "a BOM before '---' imports" -- "$B" --db "$T/bom.db" import "$T/bom/dash.yaml"
a=$(sqlite3 "$T/bom.db" 'SELECT count(*) FROM jobs')
[ "$a" = 3 ] && pass "BOM: the same shop ($a jobs)" || fail "BOM: the same shop" "$a jobs"
{ printf '\xef\xbb\xbf'; sed 's/open: "07:30"/open: "7:30"/' "$DATA/good_shop.yaml"; } >"$T/bom/bad.yaml"
expect_exit 65 "BOM: an error after it" -- "$B" --db "$T/bom.db" import "$T/bom/bad.yaml"
expect_grep "BOM: columns count from after it" "$T/err" "bad.yaml:5:9: "

# The last date: a plan for 2199-12-31 stores and reads back; its
# iCalendar times are whole.
sed -e 's/"2026-11-24"/"2199-12-31"/' "$DATA/good_shop.yaml" >"$T/bom/last.yaml"
expect_exit 0 "a shop with a job on 2199-12-31" -- "$B" --db "$T/last.db" import "$T/bom/last.yaml"
expect_exit 0 "plan 2199-12-31" -- "$B" --db "$T/last.db" --quiet --time-limit 2 --format ics plan --date 2199-12-31
bad=$(grep -E '^DT(START|END):' "$T/out" | grep -cvE '^DT(START|END):21991231T[0-9]{6}'$'\r''$')
n=$(grep -cE '^DTEND:' "$T/out")
[ "$n" -gt 0 ] && [ "$bad" = 0 ] && pass "2199-12-31: $n events, times whole" || fail "2199-12-31 ICS times" "$bad bad of $n"
expect_exit 0 "board for 2199-12-31 reads the plan back" -- "$B" --db "$T/last.db" board --date 2199-12-31 --out "$T/last.html"
