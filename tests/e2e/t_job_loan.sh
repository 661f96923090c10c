# job add --loan-car (issue 18): the booking is stored and listed with its
# loan car; a loan car counts from the car's arrival to the promised time
# (the day's end without one), so a seventh customer of a six-car fleet is
# refused while all six are out (exit 65, next dates with a car named,
# nothing written) and taken once they are back; --force lends one anyway
# with a warning; job move keeps the loan car and checks the fleet again;
# a shop without loan cars refuses --loan-car; --waiting excludes it.
. "$E2E_LIB"
db=$T/s.db
"$B" --db "$db" import "$DEMO" >/dev/null 2>&1 || fail "import the demo" "exit $?"
fleet=$(sqlite3 "$db" "SELECT loan_cars FROM shop")
[ "$fleet" = 6 ] && pass "the demo lends 6 loan cars" || fail "fleet" "$fleet"

D=2026-12-02   # a Wednesday without bookings
for i in 1 2 3 4 5 6; do
	"$B" --db "$db" job add --date $D --service OIL --id L$i --window 08:00-09:00 --loan-car \
		>/dev/null 2>"$T/add_err" || fail "loan booking $i" "$(cat "$T/add_err")"
done
[ "$(sqlite3 "$db" "SELECT count(*) FROM jobs WHERE date='$D' AND loan_car=1")" = 6 ] &&
	pass "six loan bookings stored with loan_car" || fail "stored loan_car" "not 6"
before=$(store_digest "$db")
expect_exit 65 "a seventh loan car is refused" -- "$B" --db "$db" job add --date $D --service OIL \
	--id L7 --window 14:00-16:00 --loan-car
expect_grep "says none is free" "$T/err" "no loan car is free on $D while this customer would have it: all 6 are booked out then"
expect_grep "names a date with a free car" "$T/err" "a car is free at that time on 2026-12-03"
[ "$(store_digest "$db")" = "$before" ] && pass "refusal writes nothing" || fail "refusal" "store changed"
expect_exit 0 "a booking without a loan car still goes in" -- "$B" --db "$db" job add --date $D \
	--service OIL --id N1 --window 14:00-16:00
expect_exit 0 "--force lends one anyway" -- "$B" --db "$db" job add --date $D --service OIL \
	--id L7 --window 14:00-16:00 --loan-car --force
expect_grep "--force warns" "$T/err" "warning: all 6 loan cars are out on $D"

# Cars promised back at 11:00 are free again for an afternoon customer.
E=2026-12-03
for i in 1 2 3 4 5 6; do
	"$B" --db "$db" job add --date $E --service OIL --id M$i --arrival 08:00 --promised 11:00 \
		--loan-car >/dev/null 2>"$T/add_err" || fail "morning loan $i" "$(cat "$T/add_err")"
done
expect_exit 65 "a loan car at 10:00 is refused" -- "$B" --db "$db" job add --date $E \
	--service OIL --id M7 --arrival 10:00 --promised 12:00 --loan-car
expect_exit 0 "a loan car at 12:00 is taken (the morning's are back)" -- "$B" --db "$db" \
	job add --date $E --service OIL --id M8 --arrival 12:00 --promised 16:00 --loan-car

# job move keeps the loan car and checks the fleet at the new time.
expect_exit 65 "moving a loan booking into a full morning is refused" -- "$B" --db "$db" \
	job move M8 --date $E --arrival 09:00
expect_grep "move names the loan car" "$T/err" "no loan car is free on $E"
expect_exit 0 "moving it to a free date" -- "$B" --db "$db" job move M8 --date 2026-12-04 --arrival 09:00
[ "$(sqlite3 "$db" "SELECT loan_car FROM jobs WHERE id='M8'")" = 1 ] &&
	pass "the moved job keeps its loan car" || fail "move keeps loan_car" "lost"

# job list shows it in every format.
expect_exit 0 "job list" -- "$B" --db "$db" job list --date 2026-12-04
expect_grep "table has a LOAN column" "$T/out" "^JOB .* LOAN +CARRIED"
expect_grep "table marks the loan" "$T/out" "^M8 .* yes "
expect_exit 0 "job list csv" -- "$B" --db "$db" --format csv job list --date 2026-12-04
expect_grep "csv ends with loan_car" "$T/out" "^M8,.*,1$"
expect_exit 0 "job list json" -- "$B" --db "$db" --format json job list --date 2026-12-04
expect_grep "json has loan_car" "$T/out" '"loan_car": true'

# Waiting customers take no loan car; a shop without a fleet lends none.
expect_exit 65 "--loan-car with --waiting is refused" -- "$B" --db "$db" job add --date $D \
	--service OIL --waiting --loan-car
cp "$db" "$T/nofleet.db"
sqlite3 "$T/nofleet.db" "UPDATE shop SET loan_cars = 0"
expect_exit 65 "a shop without loan cars refuses --loan-car" -- "$B" --db "$T/nofleet.db" \
	job add --date $D --service OIL --loan-car
expect_grep "says the shop lends none" "$T/err" "the shop lends no loan cars"
