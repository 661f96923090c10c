# bayplan whatif: the comparison table and its CSV/JSON forms, 'whatif' runs
# stored beside (never over) the live plan, --jobs N giving the same answer,
# a base from the store, and bad scenarios refused at file:line:col with the
# store unchanged.
. "$E2E_LIB"
F=$T/s.db
Q="$B --db $F --quiet --time-limit 5"
runs() { sqlite3 "$F" "SELECT count(*) FROM runs WHERE kind = '$1'"; }

"$B" --db "$F" init >/dev/null 2>&1
"$B" --db "$F" import "$DATA/scenario_shop.yaml" >/dev/null 2>&1
"$B" --db "$F" --quiet plan --date 2026-11-24 >/dev/null 2>&1
live=$(sqlite3 "$F" "SELECT r.id, s.job_id, s.start FROM runs r JOIN schedule s ON s.run_id = r.id
	WHERE r.kind = 'schedule' ORDER BY 1, 2" | md5sum)
[ "$(runs schedule)" = 1 ] && pass "a live plan to keep" || fail "a live plan to keep" "$(runs schedule)"

# The table, and the runs it stores.
expect_exit 0 "whatif runs a sweep" -- $Q whatif "$DATA/scenario_all_changes.yaml"
expect_grep "table heads its columns" "$T/out" "^ +base +as changed +busier +quieter"
expect_grep "table shows differences" "$T/out" "^jobs booked +8 +8 \(=\) +12 \(\+4\) +4 \(-4\)"
for k in "weighted jobs done" "unscheduled: no_skill" "bay util.: general" "technician util." \
	"overtime minutes" "late minutes" "over-qualified" "avg wait" "reorder cost" \
	"jobs blocked by parts" "solve status" "^gap"; do
	expect_grep "table row $k" "$T/out" "$k"
done
[ "$(runs whatif)" = 4 ] && pass "four whatif runs" || fail "four whatif runs" "$(runs whatif)"
names=$(sqlite3 "$F" "SELECT scenario FROM runs WHERE kind = 'whatif' ORDER BY id" | tr '\n' '|')
[ "$names" = "All changes / base|All changes / as changed|All changes / busier|All changes / quieter|" ] &&
	pass "runs named scenario / variant" || fail "runs named scenario / variant" "$names"
n=$(sqlite3 "$F" "SELECT count(DISTINCT run_id) FROM schedule s JOIN runs r ON r.id = s.run_id
	WHERE r.kind = 'whatif'")
[ "$n" = 4 ] && pass "every run has schedule rows" || fail "every run has schedule rows" "$n"
n=$(sqlite3 "$F" "SELECT count(*) FROM schedule s JOIN runs r ON r.id = s.run_id
	WHERE r.scenario = 'All changes / busier' AND s.job_id LIKE 'WI-%'")
[ "$n" -gt 0 ] && pass "added bookings are in the busier plan" ||
	fail "added bookings are in the busier plan" "$n"
[ "$(runs schedule)" = 1 ] && pass "no schedule run added" || fail "no schedule run added" "$(runs schedule)"
now=$(sqlite3 "$F" "SELECT r.id, s.job_id, s.start FROM runs r JOIN schedule s ON s.run_id = r.id
	WHERE r.kind = 'schedule' ORDER BY 1, 2" | md5sum)
[ "$live" = "$now" ] && pass "the live plan is untouched" || fail "the live plan is untouched" "changed"

# CSV and JSON.
expect_exit 0 "whatif --format csv" -- $Q --format csv whatif "$DATA/scenario_all_changes.yaml"
expect_grep "csv header" "$T/out" "^kpi,base,as changed,as changed vs base,busier,busier vs base,"
expect_grep "csv jobs row" "$T/out" "^jobs,8,8,0,12,4,4,-4$"
expect_grep "csv reorder cost is a number" "$T/out" "^reorder_cost,[0-9.]+,[0-9.]+,-?[0-9.]+,"
cp "$T/out" "$T/serial.csv"
expect_exit 0 "whatif --format json" -- $Q --format json whatif "$DATA/scenario_all_changes.yaml"
if command -v python3 >/dev/null; then
	python3 - "$T/out" <<'EOF' && pass "json parses, 4 columns with kpis and diffs" ||
import json, sys
d = json.load(open(sys.argv[1]))
c = d["columns"]
assert d["scenario"] == "All changes" and len(c) == 4, d
assert d["durations"] == "standard", d["durations"]  # the test shop has no actuals
assert c[0]["name"] == "base" and "diff" not in c[0]
assert c[2]["kpis"]["jobs"] == 12 and c[2]["diff"]["jobs"] == 4, c[2]
assert c[1]["kpis"]["reorder_cost"] >= 0 and c[1]["run_id"] > 0
assert any("T1" in n for n in c[1]["notes"]), c[1]["notes"]
EOF
		fail "json parses, 4 columns with kpis and diffs" "$(head -c 300 "$T/out")"
else
	expect_grep "json has columns" "$T/out" '"columns"'
fi

# Parallel processes give the same numbers (the small shop solves to optimal).
expect_exit 0 "whatif --jobs 3" -- "$B" --db "$F" --time-limit 5 --format csv whatif --jobs 3 \
	"$DATA/scenario_all_changes.yaml"
expect_grep "progress counts the columns" "$T/err" "\[4/4\]"
a=$(grep -E '^(jobs|done|weighted_done|unscheduled)' "$T/serial.csv")
b=$(grep -E '^(jobs|done|weighted_done|unscheduled)' "$T/out")
[ "$a" = "$b" ] && pass "--jobs 3 agrees with one at a time" ||
	fail "--jobs 3 agrees with one at a time" "$(diff <(echo "$a") <(echo "$b") | head -5)"

# Each column's reorder list is stored under its run, the same with --jobs.
cat >"$T/short.yaml" <<EOF
scenario: Short of filters
base: $DATA/scenario_shop.yaml
date: "2026-11-24"
variants:
  - name: two filters
    parts: {modify: [{sku: FLT, on_hand: 2}]}
EOF
rows() { sqlite3 "$F" "SELECT o.sku, o.qty, o.order_by, o.arrives, o.reason, o.jobs FROM reorder o
	JOIN runs r ON r.id = o.run_id WHERE r.id = (SELECT max(id) FROM runs
	WHERE scenario = 'Short of filters / $1') ORDER BY 1, 3"; }
expect_exit 0 "whatif short of filters" -- $Q whatif "$T/short.yaml"
serial=$(rows "two filters")
echo "$serial" | grep -Eq '^FLT\|[0-9]+\|2026-11-2[34]T[0-9:]+\|2026-11-24T[0-9:]+\|job\|J' &&
	pass "the variant's filter order is stored with its jobs" ||
	fail "the variant's filter order is stored with its jobs" "$serial"
expect_exit 0 "whatif short of filters --jobs 2" -- $Q whatif --jobs 2 "$T/short.yaml"
[ "$serial" = "$(rows "two filters")" ] && pass "--jobs 2 stores the same reorder rows" ||
	fail "--jobs 2 stores the same reorder rows" "$(rows "two filters")"
[ "$(runs reorder)" = 0 ] && pass "no reorder run added" || fail "no reorder run added" "$(runs reorder)"

# Removing every EV technician: their jobs are no_skill; requests dropped with a note.
expect_exit 0 "whatif without EV technicians" -- "$B" --db "$F" --time-limit 5 whatif \
	"$DATA/scenario_no_ev.yaml"
expect_grep "note on the dropped request" "$T/err" "job J4 asked for technician T3"
n=$(sqlite3 "$F" "SELECT group_concat(u.job_id) FROM unscheduled u JOIN runs r ON r.id = u.run_id
	WHERE r.scenario = 'Nobody does EV work / changes' AND u.reason = 'no_skill'")
[ "$n" = "J4,J5,J6" ] && pass "EV jobs are no_skill" || fail "EV jobs are no_skill" "$n"

# The base from the store.
expect_exit 0 "whatif on the store's shop" -- $Q whatif "$DATA/scenario_no_base.yaml"
expect_grep "says the base is the store's" "$T/out" "the store's shop"
n=$(sqlite3 "$F" "SELECT count(*) FROM runs WHERE scenario = 'From the store / +1 general bay'")
[ "$n" = 1 ] && pass "store-based run stored" || fail "store-based run stored" "$n"

# Refusals: file:line:col, exit 65, the store unchanged.
before=$(store_digest "$F")
expect_exit 65 "unknown technician refused" -- $Q whatif "$DATA/scenario_unknown_tech.yaml"
expect_grep "names the technician's place" "$T/err" "scenario_unknown_tech.yaml:7:18: .*'T9'"
expect_exit 65 "bad key refused" -- $Q whatif "$DATA/scenario_bad_key.yaml"
expect_grep "names the key's place" "$T/err" "scenario_bad_key.yaml:7:5: unknown key 'remov'"
expect_exit 65 "bad type refused" -- $Q whatif "$DATA/scenario_bad_type.yaml"
expect_grep "names the value's place" "$T/err" "scenario_bad_type.yaml:9:31: .*'lots'"
expect_exit 65 "a variant that does not validate is refused" -- $Q whatif \
	"$DATA/scenario_bad_variant.yaml"
expect_grep "names the variant" "$T/err" "scenario_bad_variant.yaml:11:16: with variant 'broken'"
[ "$before" = "$(store_digest "$F")" ] && pass "refusals leave the store unchanged" ||
	fail "refusals leave the store unchanged" "digest changed"

expect_exit 66 "missing scenario file" -- $Q whatif "$T/nope.yaml"
expect_exit 64 "no scenario file" -- $Q whatif
expect_exit 64 "--jobs 0" -- $Q whatif --jobs 0 "$DATA/scenario_no_ev.yaml"
expect_exit 64 "--durations sometimes" -- $Q whatif --durations sometimes "$DATA/scenario_no_ev.yaml"
printf 'scenario: undated\nbase: %s\n' "$DATA/scenario_shop.yaml" >"$T/undated.yaml"
expect_exit 64 "no date anywhere" -- $Q whatif "$T/undated.yaml"
expect_grep "asks for a date" "$T/err" "gives no date"
expect_exit 0 "--date gives the date" -- $Q whatif --check --date 2026-11-24 "$T/undated.yaml"

# The shipped examples apply to the demo shop (--check solves nothing).
for f in "$BP_ROOT"/scenarios/*.yaml; do
	expect_exit 0 "example $(basename "$f") applies" -- "$B" --db "$T/none.db" whatif --check "$f"
done
[ ! -e "$T/none.db" ] && pass "--check writes no store" || fail "--check writes no store" "created"
