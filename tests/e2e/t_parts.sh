# bayplan parts on the demo: every verb, every refusal (exit code, the
# sentence, the store unchanged and no events row), the events rows each
# change writes, a delivery filling the open lines earliest first, the
# stock balance, and reorder counting what the store knows: a list placed
# with 'parts order' is not ordered again, and done or cancelled jobs need
# nothing.
. "$E2E_LIB"
db=$T/p.db
D=2026-11-24
q() { sqlite3 "$db" "$1"; }
events() { sqlite3 "$db" "SELECT count(*) FROM events"; }

expect_exit 66 "parts without a store is 66" -- "$B" --db "$db" parts list
"$B" --db "$db" import "$DEMO" >/dev/null 2>&1

# ---- usage ----
refuse 64 "parts without a verb" 'needs a verb' -- "$B" --db "$db" parts
refuse 64 "parts with an unknown verb" "no verb 'sell'" -- "$B" --db "$db" parts sell
refuse 64 "order with a SKU and no quantity" 'one line' -- "$B" --db "$db" parts order BULB-H7
refuse 64 "order of one line without --arrives" 'one line' -- "$B" --db "$db" parts order BULB-H7 4
refuse 64 "order with --run and a line" 'one line' -- \
	"$B" --db "$db" parts order BULB-H7 4 --arrives 09:00 --run 1
refuse 64 "order --run 0" '--run wants a run id' -- "$B" --db "$db" parts order --run 0
refuse 64 "order with a bad --arrives" '--arrives wants' -- \
	"$B" --db "$db" parts order BULB-H7 4 --arrives tomorrow
refuse 64 "order with a quantity that is not a number" 'whole number' -- \
	"$B" --db "$db" parts order BULB-H7 four --arrives 09:00
refuse 64 "receive without a quantity" 'a part and a quantity' -- "$B" --db "$db" parts receive BULB-H7
refuse 64 "receive with a bad --at" '--at wants' -- "$B" --db "$db" parts receive BULB-H7 3 --at 25:00
refuse 64 "count that is not a number" 'whole number' -- "$B" --db "$db" parts count BULB-H7 3.5
refuse 64 "parts has no ics" 'ics is for' -- "$B" --db "$db" --format ics parts list

# ---- refused changes ----
refuse 65 "order without a reorder run" 'no reorder list' -- "$B" --db "$db" parts order
refuse 65 "order of a run that is not there" 'no run 42' -- "$B" --db "$db" parts order --run 42
refuse 65 "order of an unknown SKU" "no part 'NOPE-1'" -- \
	"$B" --db "$db" parts order NOPE-1 4 --arrives 09:00
refuse 65 "order of 0 units" '1 unit or more' -- "$B" --db "$db" parts order BULB-H7 0 --arrives 09:00
refuse 65 "receive of an unknown SKU" "no part 'NOPE-1'" -- "$B" --db "$db" parts receive NOPE-1 3
refuse 65 "receive of 0 units" '1 unit or more' -- "$B" --db "$db" parts receive BULB-H7 0
refuse 65 "receive of -2 units" '1 unit or more' -- "$B" --db "$db" parts receive BULB-H7 -2
refuse 65 "count of an unknown SKU" "no part 'NOPE-1'" -- "$B" --db "$db" parts count NOPE-1 3
refuse 65 "a negative count" 'below zero' -- "$B" --db "$db" parts count BULB-H7 -1

# ---- count, order by hand, receive ----
P=BULB-H7
[ "$(q "SELECT count(*) FROM part_orders WHERE sku='$P'")" = 0 ] &&
	pass "$P starts with nothing on order" || fail "$P on order" "the demo changed"
init=$(q "SELECT on_hand FROM parts WHERE sku='$P'")
n0=$(events)
expect_exit 0 "count $P" -- "$B" --db "$db" parts count $P 10
expect_grep "count says before and after" "$T/out" "on hand $init -> 10"
[ "$(q "SELECT on_hand FROM parts WHERE sku='$P'")" = 10 ] && pass "count sets on_hand" ||
	fail "count sets on_hand" "$(q "SELECT on_hand FROM parts WHERE sku='$P'")"
row=$(q "SELECT command, kind, record, json_extract(before, '$.on_hand'),
	json_extract(after, '$.on_hand') FROM events ORDER BY id DESC LIMIT 1")
[ "$row" = "parts count|part|$P|$init|10" ] && [ "$(events)" = $((n0 + 1)) ] &&
	pass "count writes one events row, before and after" || fail "count event" "$row"

n0=$(events)
expect_exit 0 "order $P by hand, arriving later" -- \
	"$B" --db "$db" parts order $P 5 --arrives 2026-11-25T10:00
expect_exit 0 "order $P by hand, arriving sooner" -- \
	"$B" --db "$db" parts order $P 7 --arrives 2026-11-24T15:00
expect_grep "prints the line placed" "$T/out" "$P +7 +2026-11-24T15:00"
row=$(q "SELECT count(*), sum(qty), sum(received), count(run_id), min(source), max(source)
	FROM part_orders WHERE sku='$P'")
[ "$row" = "2|12|0|0|manual|manual" ] && pass "two manual lines, no run" || fail "manual lines" "$row"
bad=$(q "SELECT count(*) FROM part_orders WHERE sku='$P' AND
	ordered_at NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]'")
[ "$bad" = 0 ] && pass "ordered_at is YYYY-MM-DDTHH:MM" || fail "ordered_at" "$bad"
row=$(q "SELECT count(*), min(kind), min(before IS NULL), min(json_extract(after, '$.qty'))
	FROM events WHERE id > (SELECT max(id) - 2 FROM events)")
[ "$row" = "2|order|1|5" ] && [ "$(events)" = $((n0 + 2)) ] &&
	pass "an order events row per line" || fail "order events" "$row"

expect_exit 0 "parts list" -- "$B" --db "$db" parts list
expect_grep "list header" "$T/out" '^SKU +NAME +ON HAND +ON ORDER +NEXT ARRIVAL +SUPPLY'
expect_grep "list shows on order and the next arrival" "$T/out" "^$P .* 10 +12 +2026-11-24T15:00 +common"
expect_exit 0 "parts list as CSV" -- "$B" --db "$db" --format csv parts list
expect_grep "CSV header" "$T/out" '^sku,name,on_hand,on_order,next_arrival,supply$'
n=$(($(wc -l <"$T/out") - 1))
[ "$n" = "$(q "SELECT count(*) FROM parts")" ] && pass "a CSV row per part ($n)" || fail "CSV rows" "$n"
if command -v python3 >/dev/null; then
	expect_exit 0 "parts list as JSON" -- "$B" --db "$db" --format json parts list
	python3 - "$T/out" "$db" <<'EOF' && pass "JSON on_order is the open quantity of every part" ||
import json, sqlite3, sys
rows = json.load(open(sys.argv[1]))
db = sqlite3.connect(sys.argv[2])
open_qty = dict(db.execute("SELECT sku, sum(qty - received) FROM part_orders GROUP BY sku"))
nxt = dict(db.execute("SELECT sku, min(arrives) FROM part_orders WHERE qty > received GROUP BY sku"))
assert len(rows) == db.execute("SELECT count(*) FROM parts").fetchone()[0]
for r in rows:
    assert r["on_order"] == open_qty.get(r["sku"], 0), r
    assert r["next_arrival"] == nxt.get(r["sku"]), r
EOF
		fail "JSON parts list" "$(head -c 300 "$T/out")"
fi

# 15 arrive against 7 (sooner) and 5 (later): both filled, earliest first,
# and 3 nobody ordered, taken with a warning.
n0=$(events)
expect_exit 0 "receive more than is on order" -- "$B" --db "$db" parts receive $P 15 --at 2026-11-24T14:40
expect_grep "receive: warning for what was not ordered" "$T/err" 'nothing was ordered for 3 of them'
expect_grep "receive says before and after" "$T/out" "on hand 10 -> 25"
[ "$(q "SELECT group_concat(received, ' ') FROM (SELECT received FROM part_orders WHERE sku='$P'
	ORDER BY id)")" = "5 7" ] && pass "both lines filled" || fail "lines filled" \
	"$(q "SELECT group_concat(received) FROM part_orders WHERE sku='$P'")"
row=$(q "SELECT group_concat(kind || ':' || coalesce(json_extract(after, '$.on_hand'),
	json_extract(after, '$.received')), ' ') FROM (SELECT * FROM events WHERE id > $n0 ORDER BY id)")
[ "$row" = "part:25 order:7 order:5" ] && pass "events: the stock, then each line, earliest first" ||
	fail "receive events" "$row"
at=$(q "SELECT count(*) FROM events WHERE id > $n0 AND json_extract(after, '$.received_at') =
	'2026-11-24T14:40'")
[ "$at" = 3 ] && pass "--at is recorded with the delivery" || fail "received_at" "$at"

expect_exit 0 "order 6 more" -- "$B" --db "$db" parts order $P 6 --arrives 16:00
[ "$(q "SELECT arrives FROM part_orders WHERE sku='$P' ORDER BY id DESC LIMIT 1")" = \
	"$(date +%Y-%m-%d)T16:00" ] && pass "--arrives HH:MM is today" || fail "--arrives HH:MM" \
	"$(q "SELECT arrives FROM part_orders WHERE sku='$P' ORDER BY id DESC LIMIT 1")"
expect_exit 0 "receive part of a line" -- "$B" --db "$db" parts receive $P 4
[ -s "$T/err" ] && fail "no warning when everything was ordered" "$(cat "$T/err")" ||
	pass "no warning when everything was ordered"
[ "$(q "SELECT qty - received FROM part_orders WHERE sku='$P' ORDER BY id DESC LIMIT 1")" = 2 ] &&
	pass "the line stays open for the rest" || fail "partial receive" "$(q "SELECT * FROM part_orders WHERE sku='$P'")"

# The stock balance: initial + received - used, restarted by each count;
# and the events log alone tells it (each before is the last after).
expect_exit 0 "count again" -- "$B" --db "$db" parts count $P 20
expect_exit 0 "receive after the count" -- "$B" --db "$db" parts receive $P 2
[ "$(q "SELECT on_hand FROM parts WHERE sku='$P'")" = 22 ] && pass "balance: count 20 + received 2" ||
	fail "balance after a count" "$(q "SELECT on_hand FROM parts WHERE sku='$P'")"
chain=$(q "SELECT count(*) FROM (SELECT before, lag(after) OVER (ORDER BY id) AS prev FROM events
	WHERE kind='part' AND record='$P') WHERE prev IS NOT NULL AND
	json_extract(before, '$.on_hand') != json_extract(prev, '$.on_hand')")
last=$(q "SELECT json_extract(after, '$.on_hand') FROM events WHERE kind='part' AND record='$P'
	ORDER BY id DESC LIMIT 1")
[ "$chain" = 0 ] && [ "$last" = 22 ] && pass "the events log chains the balance" ||
	fail "events chain" "$chain breaks, last $last"
tot=$(q "SELECT sum(received) FROM part_orders WHERE sku='$P'")
[ "$tot" = 18 ] && pass "received on the lines: 12 of 15, then 4, then 2 of 2 open" ||
	fail "received on lines" "$tot"

# ---- reorder: placed orders are on order, done jobs need nothing ----
r=$T/r.db
"$B" --db "$r" import "$DEMO" >/dev/null 2>&1
"$B" --db "$r" --quiet --time-limit 10 plan --date $D >/dev/null 2>&1
plan=$(sqlite3 "$r" "SELECT id FROM runs WHERE kind='schedule' ORDER BY id DESC LIMIT 1")
db=$r
refuse 65 "order of a schedule run" "run $plan is a schedule run" -- "$B" --db "$r" parts order --run "$plan"
expect_exit 0 "reorder A" -- "$B" --db "$r" --quiet reorder --date $D
ra=$(q "SELECT id FROM runs WHERE kind='reorder' ORDER BY id DESC LIMIT 1")
na=$(q "SELECT count(*) FROM reorder WHERE run_id=$ra AND qty > 0")
[ "$na" -gt 0 ] && pass "list A has lines ($na)" || fail "list A" "empty"
n0=$(events)
expect_exit 0 "parts order places the latest list" -- "$B" --db "$r" parts order
expect_grep "says which run" "$T/out" "Reorder run $ra placed on order: $na lines"
row=$(q "SELECT count(*), min(source), min(received), sum(qty) FROM part_orders WHERE run_id=$ra")
want=$(q "SELECT $na || '|reorder|0|' || sum(qty) FROM reorder WHERE run_id=$ra")
[ "$row" = "$want" ] && pass "each line of A is on order" || fail "A on order" "$row vs $want"
diff=$(q "SELECT count(*) FROM reorder r WHERE run_id=$ra AND NOT EXISTS (SELECT 1 FROM part_orders o
	WHERE o.run_id=$ra AND o.sku=r.sku AND o.qty=r.qty AND o.arrives=r.arrives AND o.jobs=r.jobs)")
[ "$diff" = 0 ] && pass "lines keep sku, qty, arrival and jobs" || fail "line fields" "$diff"
[ "$(events)" = $((n0 + na)) ] && [ "$(q "SELECT count(*) FROM events WHERE id > $n0 AND kind='order'
	AND command='parts order' AND json_extract(after, '$.run_id')=$ra")" = "$na" ] &&
	pass "one order events row per line" || fail "order events" "$(($(events) - n0))"
refuse 65 "the same list twice" 'no need is ordered twice' -- "$B" --db "$r" parts order
refuse 65 "the same list by --run" "reorder run $ra is on order already" -- "$B" --db "$r" parts order --run "$ra"

expect_exit 0 "reorder B after placing A" -- "$B" --db "$r" --quiet reorder --date $D
rb=$(q "SELECT id FROM runs WHERE kind='reorder' ORDER BY id DESC LIMIT 1")
again=$(q "SELECT count(*) FROM reorder b, reorder a WHERE b.run_id=$rb AND a.run_id=$ra
	AND a.reason='job' AND b.sku=a.sku AND b.reason IN ('job','rare_ahead') AND EXISTS (
	SELECT 1 FROM json_each('[\"' || replace(b.jobs, ',', '\",\"') || '\"]') x
	WHERE instr(',' || a.jobs || ',', ',' || x.value || ',') > 0)")
[ "$again" = 0 ] && pass "B orders nothing again for A's jobs" || fail "ordered twice" "$again lines"
short=$(q "SELECT count(*) FROM (SELECT sku, sum(qty) q FROM reorder WHERE run_id=$rb AND
	reason='job' GROUP BY sku) b WHERE b.sku IN (SELECT sku FROM reorder WHERE run_id=$ra
	AND reason='job')")
[ "$short" = 0 ] && pass "no job line in B for a SKU A covered" || fail "B job lines" "$short SKUs"

# A job done (its parts left stock) or cancelled needs nothing: mark two of
# A's jobs as job finish and job cancel leave them, and reorder again.
jd=$(q "SELECT s.job_id FROM schedule s JOIN reorder r ON r.run_id=$ra AND r.reason='job' AND
	instr(',' || r.jobs || ',', ',' || s.job_id || ',') > 0 WHERE s.run_id=$plan ORDER BY s.start LIMIT 1")
jc=$(q "SELECT s.job_id FROM schedule s JOIN reorder r ON r.run_id=$ra AND r.reason='job' AND
	instr(',' || r.jobs || ',', ',' || s.job_id || ',') > 0 WHERE s.run_id=$plan AND s.job_id != '$jd'
	ORDER BY s.start DESC LIMIT 1")
[ -n "$jd" ] && [ -n "$jc" ] && pass "two of A's jobs to finish and cancel ($jd, $jc)" || fail "jobs" "none"
r2=$T/r2.db
sqlite3 "$r" ".backup '$r2'"
sqlite3 "$r2" "DELETE FROM part_orders WHERE run_id IS NOT NULL;
	UPDATE job_status SET status='done', started='$D' || 'T08:00', finished='$D' || 'T09:00',
	technician_id=(SELECT technician_id FROM schedule WHERE run_id=$plan AND job_id='$jd'),
	bay_id=(SELECT bay_id FROM schedule WHERE run_id=$plan AND job_id='$jd') WHERE job_id='$jd';
	UPDATE job_status SET status='cancelled' WHERE job_id='$jc'"
expect_exit 0 "reorder with a job done and one cancelled" -- "$B" --db "$r2" --quiet reorder --date $D
rc2=$(sqlite3 "$r2" "SELECT id FROM runs WHERE kind='reorder' ORDER BY id DESC LIMIT 1")
left=$(sqlite3 "$r2" "SELECT count(*) FROM reorder WHERE run_id=$rc2 AND
	(instr(',' || jobs || ',', ',$jd,') > 0 OR instr(',' || jobs || ',', ',$jc,') > 0)")
[ "$left" = 0 ] && pass "done and cancelled jobs need no parts" || fail "done jobs counted" "$left lines"
still=$(sqlite3 "$r2" "SELECT count(*) FROM reorder WHERE run_id=$rc2 AND reason='job'")
[ "$still" -gt 0 ] && pass "the other jobs still have their parts ordered ($still lines)" ||
	fail "other jobs" "no job lines"

# Receiving what A ordered fills A's lines: the stock balance holds.
S=$(q "SELECT sku FROM part_orders WHERE run_id=$ra GROUP BY sku HAVING count(*) >= 2 LIMIT 1")
if [ -n "$S" ]; then
	h0=$(q "SELECT on_hand FROM parts WHERE sku='$S'")
	open=$(q "SELECT sum(qty - received) FROM part_orders WHERE sku='$S'")
	expect_exit 0 "receive all of $S on order" -- "$B" --db "$r" parts receive "$S" "$open"
	[ ! -s "$T/err" ] && pass "no warning: all of it was ordered" || fail "receive warning" "$(cat "$T/err")"
	row=$(q "SELECT (SELECT on_hand FROM parts WHERE sku='$S') - $h0,
		(SELECT count(*) FROM part_orders WHERE sku='$S' AND received < qty)")
	[ "$row" = "$open|0" ] && pass "on hand + $open, every $S line received" || fail "receive $S" "$row"
fi

# A finished job's parts left stock (job finish, when this build has it):
# initial + received - used.
J=$(q "SELECT s.job_id || ' ' || s.technician_id || ' ' || s.bay_id || ' ' || substr(s.start, 12, 5)
	|| ' ' || substr(s.\"end\", 12, 5) FROM schedule s JOIN jobs j ON j.id=s.job_id JOIN service_parts sp
	ON sp.service_code=j.service_code WHERE s.run_id=$plan AND sp.sku='GASKET-DRN' ORDER BY s.start LIMIT 1")
set -- $J
if [ $# = 5 ] && ! "$B" --db "$r" job list 2>&1 | grep -q 'not written yet'; then
	h0=$(q "SELECT on_hand FROM parts WHERE sku='GASKET-DRN'")
	use=$(q "SELECT sum(qty) FROM (SELECT sp.qty FROM jobs j JOIN service_parts sp ON
		sp.service_code=j.service_code AND sp.sku='GASKET-DRN' WHERE j.id='$1' UNION ALL
		SELECT qty FROM job_parts WHERE job_id='$1' AND sku='GASKET-DRN')")
	expect_exit 0 "job start $1" -- "$B" --db "$r" job start "$1" --at "$4" --technician "$2" --bay "$3"
	expect_exit 0 "job finish $1" -- "$B" --db "$r" job finish "$1" --at "$5"
	expect_exit 0 "receive 5 GASKET-DRN" -- "$B" --db "$r" parts receive GASKET-DRN 5
	h1=$(q "SELECT on_hand FROM parts WHERE sku='GASKET-DRN'")
	[ "$h1" = $((h0 + 5 - use)) ] && pass "balance: $h0 + 5 received - $use used = $h1" ||
		fail "balance with a finish" "$h0 + 5 - $use != $h1"
fi
