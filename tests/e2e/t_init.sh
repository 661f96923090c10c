# bayplan init: creates or migrates the store, refuses what is not a store,
# reports a busy store, and never changes a file it refuses.
. "$E2E_LIB"
F=$T/s.db

expect_exit 0 "init creates a store" -- "$B" --db "$F" init
expect_grep "init says created" "$T/out" "^store $F: schema 4 \(created\)$"
[ -f "$F" ] && pass "the file exists" || fail "the file exists" "no $F"
tables=$(sqlite3 "$F" "SELECT name FROM sqlite_master WHERE type = 'table'" | tr '\n' ' ')
for t in runs schedule unscheduled reorder appointment_windows shop jobs technicians bays parts; do
	grep -qw "$t" <<<"$tables" && pass "table $t" || fail "table $t" "missing from: $tables"
done
[ "$(sqlite3 "$F" 'PRAGMA user_version')" = 4 ] && pass "user_version 4" ||
	fail "user_version 4" "$(sqlite3 "$F" 'PRAGMA user_version')"
[ "$(sqlite3 "$F" 'PRAGMA journal_mode')" = wal ] && pass "WAL mode" ||
	fail "WAL mode" "$(sqlite3 "$F" 'PRAGMA journal_mode')"

expect_exit 0 "re-init" -- "$B" init --db "$F"
expect_grep "re-init is up to date" "$T/out" "schema 4 \(up to date\)"
expect_exit 0 "--db after init creates" -- "$B" init --db "$T/after.db"
expect_grep "--db after init names the file" "$T/out" "store $T/after.db: schema 4 \(created\)"
expect_exit 0 "BAYPLAN_DB names the store" -- env BAYPLAN_DB="$T/env.db" "$B" init
[ -f "$T/env.db" ] && pass "BAYPLAN_DB file exists" || fail "BAYPLAN_DB file exists" "none"

sqlite3 "$T/blank.db" 'CREATE TABLE x (a); DROP TABLE x;'
expect_exit 0 "init migrates a blank database" -- "$B" --db "$T/blank.db" init
expect_grep "says migrated from 0" "$T/out" "schema 4 \(migrated from 0\)"

# A schema-1 store (before the learned tables) is brought forward.
cp "$F" "$T/v1.db"
sqlite3 "$T/v1.db" 'DROP TABLE learned_durations; DROP TABLE learned_windows;
	DROP TABLE learned_technicians; DROP TABLE job_status; DROP TABLE events;
	DROP TABLE roster; DROP TABLE closures; DROP TABLE part_orders;
	ALTER TABLE shop DROP COLUMN loan_cars; ALTER TABLE shop DROP COLUMN wash_bays;
	ALTER TABLE services DROP COLUMN handover_minutes;
	ALTER TABLE services DROP COLUMN wash_minutes; ALTER TABLE jobs DROP COLUMN loan_car;
	ALTER TABLE schedule DROP COLUMN checkin; ALTER TABLE schedule DROP COLUMN ready;
	ALTER TABLE schedule DROP COLUMN carry_minutes;
	ALTER TABLE schedule DROP COLUMN continues_on;
	PRAGMA user_version = 1;'
expect_exit 0 "init migrates schema 1" -- "$B" --db "$T/v1.db" init
expect_grep "says migrated from 1" "$T/out" "schema 4 \(migrated from 1\)"
n=$(sqlite3 "$T/v1.db" "SELECT count(*) FROM sqlite_master WHERE name LIKE 'learned_%'")
[ "$n" = 3 ] && pass "learned tables added" || fail "learned tables added" "$n"

expect_exit 64 "init takes no arguments" -- "$B" --db "$F" init extra

# Refusals leave the file as it was.
cp "$F" "$T/new.db"
sqlite3 "$T/new.db" 'PRAGMA user_version = 99'
before=$(store_digest "$T/new.db"); v_before=$(sqlite3 "$T/new.db" 'PRAGMA user_version')
expect_exit 78 "newer schema is refused" -- "$B" --db "$T/new.db" init
expect_grep "newer schema says upgrade" "$T/err" "has schema 99; this bayplan knows up to 4: upgrade bayplan"
[ "$(store_digest "$T/new.db")" = "$before" ] && [ "$(sqlite3 "$T/new.db" 'PRAGMA user_version')" = "$v_before" ] &&
	pass "newer store unchanged" || fail "newer store unchanged" "content or version changed"

printf 'shop:\n  name: not a store\n' >"$T/shop.txt"
sum=$(md5sum <"$T/shop.txt")
expect_exit 65 "a text file is refused" -- "$B" --db "$T/shop.txt" init
expect_grep "text file is not a store" "$T/err" "shop.txt is not a bayplan store"
[ "$(md5sum <"$T/shop.txt")" = "$sum" ] && pass "text file unchanged" || fail "text file unchanged" "changed"

sqlite3 "$T/other.db" "CREATE TABLE customers (id TEXT); INSERT INTO customers VALUES ('c1');"
sum=$(md5sum <"$T/other.db")
expect_exit 65 "another program's database is refused" -- "$B" --db "$T/other.db" init
[ "$(md5sum <"$T/other.db")" = "$sum" ] && [ "$(sqlite3 "$T/other.db" 'PRAGMA journal_mode')" = delete ] &&
	pass "foreign database unchanged" || fail "foreign database unchanged" "changed"

expect_exit 74 "a folder that does not exist" -- "$B" --db "$T/no/such/dir/s.db" init

# Another writer holds the store: busy (75), and the store is unchanged.
before=$(store_digest "$F")
(echo '.timeout 5000'; echo 'BEGIN IMMEDIATE;'; echo "INSERT INTO skills VALUES ('held');"; sleep 3; echo 'ROLLBACK;') |
	sqlite3 "$F" &
holder=$!
for _ in $(seq 50); do  # until the holder has the lock
	sqlite3 "$F" '.timeout 0' 'BEGIN IMMEDIATE; ROLLBACK;' 2>/dev/null || break
	sleep 0.05
done
start=$(date +%s%N)
expect_exit 75 "a store held by another writer is busy" -- env BAYPLAN_BUSY_TIMEOUT_MS=300 "$B" --db "$F" init
ms=$((($(date +%s%N) - start) / 1000000))
expect_grep "busy says try again" "$T/err" "the store is busy .*try again"
[ "$ms" -lt 2500 ] && pass "busy after the short timeout (${ms} ms)" || fail "busy after the short timeout" "${ms} ms"
wait "$holder"
[ "$(store_digest "$F")" = "$before" ] && pass "busy store unchanged" || fail "busy store unchanged" "changed"
expect_exit 0 "init after the writer left" -- "$B" --db "$F" init
