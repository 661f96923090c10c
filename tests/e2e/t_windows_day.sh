# bayplan windows and the day as it will be lived (issue 18): a date's
# roster absences and closed bays cut that date's offer and no other's; the
# offers keep the loan cars and the advisors' day (properties over the JSON
# figures); and a time limit too short for the range is an answer (exit 0,
# a warning naming the days, every day stored), never exit 1 (issue 14,
# item 10: the 90-day reproduction).
. "$E2E_LIB"
db=$T/s.db
"$B" --db "$db" import "$DEMO" >/dev/null 2>&1 || fail "import the demo" "exit $?"

# total DATE FILE: the offers of all classes and windows on DATE.
total() {
	python3 -c 'import json,sys
d=json.load(open(sys.argv[2]))
print(sum(c["capacity"] for c in d["windows"] if c["date"]==sys.argv[1]))' "$1" "$2"
}

expect_exit 0 "windows for two days" -- "$B" --db "$db" --format json windows --from 2026-11-25 --days 2
cp "$T/out" "$T/before.json"
wed=$(total 2026-11-25 "$T/before.json")
thu=$(total 2026-11-26 "$T/before.json")

for t in T1 T2 T3 T4 T5 T6; do
	"$B" --db "$db" roster off $t --date 2026-11-25 >/dev/null 2>&1 || fail "roster off $t" "exit $?"
done
for b in B1 B2 B3 B4; do
	"$B" --db "$db" shop close --date 2026-11-25 --bay $b --reason calibration >/dev/null 2>&1 ||
		fail "shop close --bay $b" "exit $?"
done
expect_exit 0 "windows after the roster and closures" -- "$B" --db "$db" --format json windows \
	--from 2026-11-25 --days 2
cp "$T/out" "$T/after.json"
expect_grep "says what the date lost" "$T/err" "2026-11-25: 6 technicians off and 4 bays closed"
wed2=$(total 2026-11-25 "$T/after.json")
thu2=$(total 2026-11-26 "$T/after.json")
[ "$wed2" -lt "$wed" ] && pass "the date's offer shrinks ($wed -> $wed2)" ||
	fail "the date's offer shrinks" "$wed -> $wed2"
[ "$thu2" = "$thu" ] && pass "the next date's offer stays ($thu)" || fail "next date" "$thu -> $thu2"
python3 - "$T/after.json" <<'EOF' && pass "the day figures say so" || fail "day figures" "see above"
import json, sys
d = json.load(open(sys.argv[1]))
day = {x["date"]: x for x in d["dates"]}
w, t = day["2026-11-25"], day["2026-11-26"]
assert (w["techs_off"], w["bays_down"]) == (6, 4), w
assert (t["techs_off"], t["bays_down"]) == (0, 0), t
EOF

# Properties on a week: loans booked plus the expected loans of the new
# offers fit the fleet, and the expected check-ins fit the advisors' day.
expect_exit 0 "windows for a week" -- "$B" --db "$db" --format json windows --from 2026-11-24 --days 7
cp "$T/out" "$T/week.json"
# (nothing is cancelled yet in the imported demo)
sqlite3 "$db" "SELECT date, count(*) FROM jobs WHERE loan_car = 1 GROUP BY date" >"$T/loans"
python3 - "$T/week.json" "$T/loans" <<'EOF' && pass "loans and check-ins within bounds" ||
import json, sys
d = json.load(open(sys.argv[1]))
loans = dict(l.strip().split("|") for l in open(sys.argv[2]) if l.strip())
for x in d["dates"]:
    cells = [c for c in d["windows"] if c["date"] == x["date"]]
    n = int(loans.get(x["date"], 0))   # out at once: at most all, at least one
    assert min(n, 1) <= x["loans_booked"] <= n, (x, loans)
    new = sum(c["capacity"] - c["booked"] for c in cells)
    if x["loans_booked"] <= x["loan_cars"]:
        assert x["loans_booked"] + x["loan_share"] * new <= x["loan_cars"] + 1e-6, x
    if x["checkins_day"] is not None:
        exp = sum(c["capacity"] * c["show_rate"] for c in cells)
        assert exp <= x["checkins_day"] + x["checkins_day_over"] + 1e-6, (x, exp)
EOF
	fail "loans and check-ins within bounds" "see above"
loan_days=$(python3 -c 'import json,sys; print(sum(1 for x in json.load(open(sys.argv[1]))["dates"] if x["loans_booked"]))' "$T/week.json")
[ "$loan_days" -ge 2 ] && pass "the demo's loan cars are counted ($loan_days days)" ||
	fail "loan cars counted" "$loan_days days"

# The 90-day reproduction: a time limit is an answer.
expect_exit 0 "windows --days 90 --time-limit 1 is exit 0" -- "$B" --db "$db" --time-limit 1 \
	windows --from 2026-11-20 --days 90
classes=$(sqlite3 "$db" "SELECT count(DISTINCT service_class) FROM appointment_windows")
run=$(sqlite3 "$db" "SELECT id FROM runs WHERE kind='windows' ORDER BY id DESC LIMIT 1")
rows=$(sqlite3 "$db" "SELECT count(*) FROM appointment_windows WHERE run_id=$run")
[ "$rows" = $((90 * 4 * classes)) ] && pass "all 90 days stored" || fail "90 days stored" "$rows rows"
expect_exit 0 "a limit too short for any day is exit 0" -- "$B" --db "$db" --time-limit 0.01 \
	windows --from 2026-11-20 --days 90
expect_grep "the warning names the days" "$T/err" \
	"warning: the time limit ended the search before [0-9]+ of the 90 days \\(2026-11-2"
expect_grep "they keep the stored windows" "$T/err" "keep the windows stored for them before"
st=$(sqlite3 "$db" "SELECT status FROM runs WHERE kind='windows' ORDER BY id DESC LIMIT 1")
[ "$st" = time_limit ] && pass "run status time_limit" || fail "run status" "$st"
bad=$(sqlite3 "$db" "SELECT count(*) FROM appointment_windows WHERE capacity < booked")
[ "$bad" = 0 ] && pass "booked never cut" || fail "booked cut" "$bad rows"
