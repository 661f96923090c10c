# bp-replay (bench/replay.c) on a short horizon: usage errors, and the
# invariants of its day-by-day trace whatever the numbers: stock never
# negative, served within demanded, both policies facing the same demand on
# the same days, and the table's fill rates what the trace adds up to.
. "$E2E_LIB"
R=${BP_REPLAY:?}
expect_exit 64 "replay with --days 0" -- "$R" --shop "$DEMO" --days 0
expect_exit 64 "replay with an unknown option" -- "$R" --shop "$DEMO" --bogus 1
expect_exit 66 "replay of a missing shop" -- "$R" --shop "$T/none.yaml"
"${BP_GEN:?}" --size S --seed 1 --out "$T/nohist" 2>/dev/null
expect_exit 65 "replay needs a history" -- "$R" --shop "$T/nohist/shop.yaml"

expect_exit 0 "replay of the demo, 10 days" -- \
	"$R" --shop "$DEMO" --days 10 --no-sweep --trace "$T/trace.csv"
cp "$T/out" "$T/table"
expect_grep "table has bayplan" "$T/table" '^\| bayplan \|'
expect_grep "table has min/max" "$T/table" '^\| min/max \(k = z of asked level\) \|'
expect_grep "10 days replayed" "$T/table" ' 10 days replayed'
tr=$T/trace.csv
head -1 "$tr" | grep -qx 'policy,date,sku,demand,served,on_hand' && pass "trace header" ||
	fail "trace header" "$(head -1 "$tr")"

bad=$(awk -F, 'NR > 1 && ($6 < 0 || $5 < 0 || $5 > $4)' "$tr" | head -3)
[ -z "$bad" ] && pass "stock never negative, served within demanded" ||
	fail "stock and service" "$bad"
for p in bayplan 'min/max (k = z of asked level)'; do
	n=$(awk -F, -v p="$p" 'NR > 1 && $1 == p {print $2}' "$tr" | sort -u | wc -l)
	[ "$n" = 10 ] && pass "$p: 10 days in the trace" || fail "$p days" "$n"
done
awk -F, 'NR > 1 && $1 == "bayplan" && $4 > 0 {print $2, $3, $4}' "$tr" | sort >"$T/d1"
awk -F, 'NR > 1 && $1 != "bayplan" && $4 > 0 {print $2, $3, $4}' "$tr" | sort >"$T/d2"
if [ -s "$T/d1" ] && cmp -s "$T/d1" "$T/d2"; then pass "both policies see the same demand"
else fail "same demand" "$(diff "$T/d1" "$T/d2" | head -3)"; fi

# The table's fill rate is the trace's served / demanded, in [0, 100].
for p in bayplan 'min/max (k = z of asked level)'; do
	want=$(awk -F, -v p="$p" 'NR > 1 && $1 == p {d += $4; s += $5}
		END {printf "%.1f", d ? 100 * s / d : 100}' "$tr")
	got=$(grep -F "| $p |" "$T/table" | awk -F'|' '{gsub(/[ %]/, "", $3); print $3}')
	ok=$(awk -v g="$got" -v w="$want" 'BEGIN {print (g == w && g >= 0 && g <= 100)}')
	[ "$ok" = 1 ] && pass "$p fill rate $got % from the trace" ||
		fail "$p fill rate" "table $got, trace $want"
done

# Generated slow movers: the class table adds up to the policy rows.
expect_exit 64 "replay with --level 1" -- "$R" --shop "$DEMO" --level 1
expect_exit 0 "replay of 30 generated parts, 5 days" -- \
	"$R" --shop "$DEMO" --generate 30 --warmup 120 --days 5 --no-sweep --level 0.9
cp "$T/out" "$T/gen"
expect_grep "30 generated parts" "$T/gen" ' 30 parts;'
expect_grep "class table" "$T/gen" '^\| class \| parts \| units demanded \| asked \(fill rate\)'
want=$(grep -F '| bayplan |' "$T/gen" | awk -F'|' '{gsub(/[ %]/, "", $3); print $3}')
got=$(grep -E '^\| all \|' "$T/gen" | awk -F'|' '{gsub(/[ %]/, "", $6); print $6}')
[ -n "$want" ] && [ "$want" = "$got" ] && pass "the classes add up to bayplan's fill ($got %)" ||
	fail "class total" "row $want, classes $got"
expect_grep "asked 90 % everywhere" "$T/gen" '^\| all \| 30 \| [0-9]+ \| 90\.0 % \|'
