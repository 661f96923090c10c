# bayplan import: the demo loads; every class of bad shop file is refused
# with exit 65 (66 for a missing file) naming file:line:col, and the store
# is left exactly as it was.
. "$E2E_LIB"
db=$T/s.db
expect_exit 0 "import the demo shop" -- "$B" --db "$db" import "$DEMO"
expect_grep "import says what it loaded" "$T/out" 'imported .*72|bookings'
n=$(sqlite3 "$db" "SELECT count(*) FROM jobs")
[ "$n" -gt 60 ] && pass "jobs are in the store ($n)" || fail "jobs are in the store" "$n"
for t in runs schedule unscheduled reorder appointment_windows bays technicians services parts jobs; do
	sqlite3 "$db" .tables | grep -qw "$t" && pass "table $t exists" || fail "table $t exists" "missing"
done
expect_exit 0 "re-import replaces" -- "$B" --db "$db" import "$DEMO"
[ "$(sqlite3 "$db" "SELECT count(*) FROM jobs")" = "$n" ] && pass "re-import does not duplicate" ||
	fail "re-import does not duplicate" "$(sqlite3 "$db" "SELECT count(*) FROM jobs") != $n"

before=$(store_digest "$db")
for f in bad_alias bad_anchor alias_bomb bad_date bad_time dangling_service duplicate_job_id \
	empty job_longer_than_shift level_four negative_on_hand non_utf8 part_without_supply \
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
