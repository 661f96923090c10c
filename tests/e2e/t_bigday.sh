# Very large and overbooked days at a short time limit (issue 14 item 10,
# issue 15): a 10,000-job day plans with exit 0 and a warning, the plan keeps
# every rule, the jobs left out before the search say why, progress comes
# before the end, and the plan never does fewer tier-weighted jobs than
# first-come-first-served dispatch. No timing is asserted here (bench/ has
# the limit-vs-wall table): a shared machine makes any threshold flaky.
. "$E2E_LIB"
CHK=${BP_CHECK:?}
GEN=${BP_GEN:?}
D=2026-11-24

"$GEN" --size XL --overload 31.25 --seed 1 --date $D --out "$T/big" 2>/dev/null
db=$T/big.db
"$B" --db "$db" --quiet import "$T/big/shop.yaml" >/dev/null 2>&1
jobs=$(sqlite3 "$db" "SELECT count(*) FROM jobs WHERE date='$D'")
[ "$jobs" = 10000 ] && pass "bp-gen makes a 10,000-job day" || fail "10,000-job day" "$jobs jobs"

expect_exit 0 "10,000 jobs at --time-limit 1 is exit 0" -- "$B" --db "$db" --time-limit 1 plan --date $D
expect_grep "a warning that the limit ended the search" "$T/err" 'warning: the time limit ended the search'
expect_grep "a warning that the model was thinned" "$T/err" 'start times every'
n=$(grep -c 'incumbent' "$T/err")
[ "$n" -ge 2 ] && pass "progress lines before the end ($n)" || fail "progress lines" "$n"
"$CHK" "$db" $D >"$T/chk" 2>&1 && pass "the plan keeps every rule" || fail "plan check" "$(head -3 "$T/chk")"
run=$(sqlite3 "$db" "SELECT max(id) FROM runs WHERE kind='schedule'")
acc=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM schedule WHERE run_id=$run) + (SELECT count(*) FROM unscheduled WHERE run_id=$run)")
[ "$acc" = "$jobs" ] && pass "every job accounted for" || fail "every job accounted for" "$acc of $jobs"
left=$(sqlite3 "$db" "SELECT count(*) FROM unscheduled WHERE run_id=$run AND detail LIKE '%was not considered%'")
[ "$left" -gt 0 ] && pass "jobs left out before the search say so ($left)" || fail "left out" "$left"
ok=$(sqlite3 "$db" "SELECT objective <= bound + 0.001 AND status = 'time_limit' FROM runs WHERE id=$run")
[ "$ok" = 1 ] && pass "objective within the bound, status time_limit" || fail "bound" "$ok"

# Overbooked XL: never fewer tier-weighted jobs than first come, first served.
"$GEN" --size XL --overload 1.6 --seed 2 --date $D --out "$T/ob" 2>/dev/null
db2=$T/ob.db
"$B" --db "$db2" --quiet import "$T/ob/shop.yaml" >/dev/null 2>&1
expect_exit 0 "overbooked XL at --time-limit 1" -- "$B" --db "$db2" --time-limit 1 plan --date $D
line=$(grep 'first come, first served would do' "$T/err")
own=$(printf '%s\n' "$line" | sed -n 's/^plan: \([0-9.]*\) tier-weighted.*/\1/p')
fcfs=$(printf '%s\n' "$line" | sed -n 's/.*would do \([0-9.]*\) .*/\1/p')
if [ -n "$own" ] && [ -n "$fcfs" ] && awk -v a="$own" -v b="$fcfs" 'BEGIN {exit !(a >= b)}'; then
	pass "tier-weighted jobs $own >= FCFS $fcfs"
else
	fail "not below FCFS" "'$line'"
fi
"$CHK" "$db2" $D >"$T/chk" 2>&1 && pass "the overbooked plan keeps every rule" || fail "plan check" "$(head -3 "$T/chk")"
