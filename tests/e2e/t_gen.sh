# The instance generator (bench/gen.c): deterministic for a seed, every size,
# overload, several days, history files, and only keys the shop format knows.
. "$E2E_LIB"
G=${BP_GEN:?}

# jobs_on FILE DATE: bookings on that date.
jobs_on() { grep -c "date: \"$2\"" "$1"; }

expect_exit 0 "M seed 7 runs" -- "$G" --size M --seed 7 --history 20 --out "$T/a"
expect_exit 0 "M seed 7 again" -- "$G" --size M --seed 7 --history 20 --out "$T/b"
for f in shop.yaml demand.csv actuals.csv; do
	if cmp -s "$T/a/$f" "$T/b/$f"; then pass "same seed, same $f"; else
		fail "same seed, same $f" "$(diff "$T/a/$f" "$T/b/$f" | head -5)"; fi
done
"$G" --size M --seed 8 --history 20 --out "$T/c" 2>/dev/null
for f in shop.yaml actuals.csv; do
	if cmp -s "$T/a/$f" "$T/c/$f"; then fail "seeds 7 and 8 differ in $f" "identical"; else
		pass "seeds 7 and 8 differ in $f"; fi
done
# Asking for history or more days must not change the first day's bookings.
"$G" --size M --seed 7 --out "$T/d" 2>/dev/null
if diff <(grep '^  - {id: "RO-' "$T/a/shop.yaml") <(grep '^  - {id: "RO-' "$T/d/shop.yaml") \
	>/dev/null; then pass "history leaves the bookings alone"; else
	fail "history leaves the bookings alone" "bookings differ"; fi

for spec in S:30 M:80 L:180 XL:320 demo:72; do
	z=${spec%%:*} n=${spec#*:}
	expect_exit 0 "size $z runs" -- "$G" --size "$z" --seed 3 --out "$T/$z"
	got=$(jobs_on "$T/$z/shop.yaml" 2026-11-24)
	[ "$got" = "$n" ] && pass "size $z books $n jobs" || fail "size $z books $n jobs" "got $got"
done
bays() { grep -c '^  - {id: "[BAEH][0-9]*", type:' "$1"; }
techs() { grep -c '^  - id: "T[0-9]*"' "$1"; }
for spec in S:6:6 M:12:14 L:24:30 XL:40:50 demo:12:14; do
	IFS=: read -r z nb nt <<<"$spec"
	got="$(bays "$T/$z/shop.yaml")/$(techs "$T/$z/shop.yaml")"
	[ "$got" = "$nb/$nt" ] && pass "size $z has $nb bays, $nt technicians" ||
		fail "size $z has $nb bays, $nt technicians" "got $got"
done
expect_grep "demo is Riverside Motors" "$T/demo/shop.yaml" '^  name: "Riverside Motors Service"'
expect_grep "header names the command" "$T/demo/shop.yaml" '^#   bp-gen --size demo --seed 3 '

expect_exit 0 "overload 1.6 runs" -- "$G" --size M --seed 3 --overload 1.6 --out "$T/o"
got=$(jobs_on "$T/o/shop.yaml" 2026-11-24)
[ "$got" = 128 ] && pass "overload 1.6 books 1.6x" || fail "overload 1.6 books 1.6x" "got $got"
expect_grep "overload load reported" "$T/err" 'books [0-9]+ of 6930 technician minutes \(1[3-5][0-9] %\)'
"$G" --size M --seed 3 --out "$T/M1" 2>"$T/err1"
expect_grep "normal load is 85-95 %" "$T/err1" '\((8[5-9]|9[0-5]) %\)'

expect_exit 0 "seven days" -- "$G" --size demo --seed 5 --days 7 --out "$T/w"
d0=$(jobs_on "$T/w/shop.yaml" 2026-11-24) d1=$(jobs_on "$T/w/shop.yaml" 2026-11-25)
d3=$(jobs_on "$T/w/shop.yaml" 2026-11-27)
[ "$d0" -gt "$d1" ] && [ "$d1" -gt "$d3" ] && [ "$d3" -gt 0 ] &&
	pass "later days less booked ($d0 $d1 $d3)" || fail "later days less booked" "$d0 $d1 $d3"

expect_exit 0 "history" -- "$G" --size S --seed 2 --date 2026-03-02 --history 60 --out "$T/h"
expect_grep "demand header" "$T/h/demand.csv" '^date,sku,qty$'
expect_grep "actuals header" "$T/h/actuals.csv" \
	'^job_id,date,service,tier,window,technician,arrived,started,finished,no_show$'
expect_grep "history names its files" "$T/h/shop.yaml" '^  actuals: "actuals.csv"$'
first=$(sed -n 2p "$T/h/demand.csv" | cut -d, -f1) last=$(tail -1 "$T/h/demand.csv" | cut -d, -f1)
[ "$first $last" = "2026-01-01 2026-03-01" ] && pass "history spans the 60 days before" ||
	fail "history spans the 60 days before" "$first .. $last"
if awk -F, 'NR > 1 && $1 !~ /^H-[0-9][0-9][0-9][0-9][0-9]$/ { bad = 1 } END { exit bad }' "$T/h/actuals.csv"
then pass "past job ids are H-nnnnn"; else fail "past job ids are H-nnnnn" "other ids"; fi
ns=$(awk -F, 'NR > 1 { n++; s += $10 } END { printf "%d", 100 * s / n }' "$T/h/actuals.csv")
[ "$ns" -ge 4 ] && [ "$ns" -le 16 ] && pass "no-shows ${ns} %" || fail "no-shows 4-16 %" "$ns %"
if awk -F, 'NR > 1 && $10 == 1 && ($7 != "" || $8 != "" || $6 != "") { bad = 1 }
	NR > 1 && $10 == 0 && ($7 == "" || $8 < $7 || $9 <= $8) { bad = 1 } END { exit bad }' \
	"$T/h/actuals.csv"; then pass "actual times are ordered, no-shows empty"; else
	fail "actual times are ordered, no-shows empty" "a bad row"; fi

# The bundled demo is exactly what its header's command writes.
if [ -f "$DEMO" ]; then
	cmd=$(sed -n 's/^#   bp-gen \(.*\) --out DIR$/\1/p' "$DEMO")
	# shellcheck disable=SC2086
	"$G" $cmd --out "$T/demo-again" 2>/dev/null
	for f in shop.yaml demand.csv actuals.csv; do
		if cmp -s "$T/demo-again/$f" "$(dirname "$DEMO")/$f"; then
			pass "demo $f is the generator's output"; else
			fail "demo $f is the generator's output" "regenerate: bp-gen $cmd --out scenarios/demo"
		fi
	done
fi

expect_exit 64 "no --out is usage" -- "$G" --size M
expect_exit 64 "bad size is usage" -- "$G" --size XXL --out "$T/x"
expect_grep "bad size named" "$T/err" 'XXL'
expect_exit 64 "bad date is usage" -- "$G" --size S --date 2026-02-30 --out "$T/x"
expect_exit 64 "bad seed is usage" -- "$G" --size S --seed -4 --out "$T/x"

# YAML syntax, the keys of doc/shop-file.md (loan cars, wash bays, handover and
# loan-car customers included) and nothing else, and references that hold.
if ! python3 -c 'import yaml' 2>/dev/null; then
	pass "YAML check skipped (no PyYAML)"
	exit 0
fi
cat >"$T/check.py" <<'EOF'
import re, sys, yaml
KEYS = {
    None: {"shop", "skills", "bay_types", "bays", "technicians", "services", "parts",
           "jobs", "history", "windows", "policy"},
    "shop": {"name", "slot_minutes", "open", "close", "overtime_minutes", "advisors",
             "advisor_checkins_per_hour", "loan_cars", "wash_bays"},
    "bay_types": {"id", "also"}, "bays": {"id", "type", "closed"},
    "technicians": {"id", "name", "shift", "breaks", "skills", "cost_per_hour",
                    "overtime_cost_per_hour"},
    "services": {"code", "name", "skill", "level", "bay", "minutes", "parts",
                 "handover_minutes", "wash_minutes"},
    "parts": {"sku", "name", "on_hand", "on_order", "supply", "unit_cost", "pack",
              "min_order", "service_level"},
    "on_order": {"qty", "arrives"},
    "jobs": {"id", "date", "service", "tier", "window", "arrival", "promised", "waiting",
             "minutes", "parts", "technician", "loan_car"},
    "history": {"part_demand", "actuals"},
}
TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
def tm(s): return int(s[:2]) * 60 + int(s[3:])
def span(s):
    a, b = s.split("-")
    assert TIME.match(a) and TIME.match(b) and tm(a) < tm(b), s
    return tm(a), tm(b)
def keys(obj, where):
    extra = set(obj) - KEYS[where]
    assert not extra, f"{where}: unknown keys {extra}"
for path in sys.argv[1:]:
    d = yaml.safe_load(open(path))
    keys(d, None)
    keys(d["shop"], "shop")
    skills = set(d["skills"])
    types = {t["id"] for t in d["bay_types"]}
    for t in d["bay_types"]:
        keys(t, "bay_types")
        assert set(t.get("also", [])) <= types
    for b in d["bays"]:
        keys(b, "bays"); assert b["type"] in types
        for c in b.get("closed", []): span(c)
    techs = {}
    for t in d["technicians"]:
        keys(t, "technicians"); span(t["shift"]); [span(x) for x in t["breaks"]]
        assert set(t["skills"]) <= skills and all(1 <= v <= 3 for v in t["skills"].values())
        techs[t["id"]] = t
    parts = {}
    for p in d["parts"]:
        keys(p, "parts"); parts[p["sku"]] = p
        assert p["supply"] in ("common", "rare") and 0 < p["service_level"] < 1
        for o in p.get("on_order", []):
            keys(o, "on_order")
            assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d$", o["arrives"])
    svcs = {}
    for s in d["services"]:
        keys(s, "services"); svcs[s["code"]] = s
        assert s["skill"] in skills and s["bay"] in types and 1 <= s["level"] <= 3
        assert min(s["minutes"]) == s["level"], s["code"]
        assert set(s.get("parts", {})) <= set(parts), s["code"]
    ids = set()
    longest = max(span(t["shift"])[1] - span(t["shift"])[0] for t in techs.values())
    for j in d["jobs"]:
        keys(j, "jobs"); assert j["id"] not in ids; ids.add(j["id"])
        s = svcs[j["service"]]
        assert j["tier"] in ("core", "potential", "basic") and isinstance(j["waiting"], bool)
        assert ("window" in j) != ("arrival" in j), j["id"]
        start = span(j["window"])[0] if "window" in j else tm(j["arrival"])
        assert TIME.match(j["promised"]) and tm(j["promised"]) > start, j["id"]
        assert j.get("minutes", 1) <= longest and set(j.get("parts", {})) <= set(parts)
        if "technician" in j:
            assert techs[j["technician"]]["skills"].get(s["skill"], 0) >= s["level"], j["id"]
    for w in d["windows"]: span(w)
    if "history" in d: keys(d["history"], "history")
print("ok")
EOF
files=$(ls "$T"/*/shop.yaml)
# shellcheck disable=SC2086
if python3 "$T/check.py" $files >"$T/out" 2>&1; then pass "YAML parses, known keys only, references hold"
else fail "YAML parses, known keys only, references hold" "$(tail -3 "$T/out")"; fi
if [ -f "$BP_ROOT/scenarios/demo/shop.yaml" ]; then
	if python3 "$T/check.py" "$BP_ROOT/scenarios/demo/shop.yaml" >"$T/out" 2>&1; then
		pass "bundled demo passes the same check"; else
		fail "bundled demo passes the same check" "$(tail -3 "$T/out")"; fi
fi
