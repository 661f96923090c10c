# The store cannot be damaged by ordinary operations (tests/RELIABILITY.md,
# "Ordinary operations"): a store replaced or renamed while a command runs,
# a hard-linked store, a read-only store, output paths that are the store,
# links planted where a temporary file would go, a version no bayplan
# writes, a file of a few bytes given as the store, an LP name GLPK cannot
# take.
. "$E2E_LIB"
D=2026-11-24
S=$T/s.db
"$B" --db "$S" import "$DEMO" >/dev/null 2>&1 || fail "import the demo" "exit $?"
"$B" --db "$S" --quiet --time-limit 2 plan --date $D >/dev/null 2>&1 || fail "first plan" "exit $?"
cp "$S" "$T/clean.db"   # closed: no -wal; a store with a plan, for the cases below

sound() { [ "$(sqlite3 "$1" 'PRAGMA integrity_check' 2>&1)" = ok ]; }

# wait_for FILE REGEX: until a running command has printed REGEX (10 s at most).
wait_for() {
	for _ in $(seq 200); do grep -Eq -- "$2" "$1" 2>/dev/null && return 0; sleep 0.05; done
	return 1
}

# 1. A backup restored (copied in and renamed over the store) while a plan
# solves: the plan must not commit into the restored file.
cp "$T/clean.db" "$T/backup.db"
"$B" --db "$T/backup.db" --quiet windows --from 2026-11-20 --days 2 >/dev/null 2>&1
want=$(store_digest "$T/backup.db")
cp "$T/clean.db" "$T/r.db"
"$B" --db "$T/r.db" --gap 0 --time-limit 4 plan --date $D >"$T/r.out" 2>"$T/r.err" &
pid=$!
if wait_for "$T/r.err" 'jobs booked'; then
	cp "$T/backup.db" "$T/n.db" && mv "$T/n.db" "$T/r.db"
fi
wait $pid
rc=$?
[ "$rc" = 74 ] && pass "plan over a replaced store exits 74" ||
	fail "plan over a replaced store exits 74" "exit $rc: $(head -c 300 "$T/r.err")"
expect_grep "says the store was replaced" "$T/r.err" "the store .*r.db was replaced while this command ran.*nothing was written"
sound "$T/r.db" && pass "the restored store is sound" ||
	fail "the restored store is sound" "$(sqlite3 "$T/r.db" 'PRAGMA integrity_check' 2>&1 | head -2)"
[ "$(store_digest "$T/r.db")" = "$want" ] && pass "the restored store holds the backup" ||
	fail "the restored store holds the backup" "content differs"
expect_exit 0 "the restored store plans again" -- "$B" --db "$T/r.db" --quiet --time-limit 1 plan --date $D

# The store renamed away while a plan solves: nothing written anywhere.
cp "$T/clean.db" "$T/m.db"
runs=$(sqlite3 "$T/m.db" 'SELECT count(*) FROM runs')
"$B" --db "$T/m.db" --gap 0 --time-limit 3 plan --date $D >"$T/m.out" 2>"$T/m.err" &
pid=$!
wait_for "$T/m.err" 'jobs booked' && mv "$T/m.db" "$T/moved.db"
wait $pid
rc=$?
[ "$rc" = 74 ] && grep -q "was removed or renamed while this command ran" "$T/m.err" &&
	pass "plan over a renamed store exits 74" ||
	fail "plan over a renamed store exits 74" "exit $rc: $(head -c 300 "$T/m.err")"
[ "$(sqlite3 "$T/moved.db" 'SELECT count(*) FROM runs')" = "$runs" ] && sound "$T/moved.db" &&
	pass "the renamed store has no new run" || fail "the renamed store has no new run" "changed"

# 2. A store with two names (ln, cp -al): refused through either, untouched.
cp "$T/clean.db" "$T/a.db"
ln "$T/a.db" "$T/h.db"
before=$(md5sum <"$T/a.db")
expect_exit 74 "init refuses a hard-linked store" -- "$B" --db "$T/a.db" init
expect_grep "says why: two names" "$T/err" "the store .*a.db has 2 names \(hard links"
expect_exit 74 "plan through the other name" -- "$B" --db "$T/h.db" --time-limit 1 plan --date $D
grep -q 'jobs booked' "$T/err" && fail "refused before the solve" "it solved" || pass "refused before the solve"
expect_exit 74 "windows through the first name" -- "$B" --db "$T/a.db" windows --from $D --days 1
[ "$(md5sum <"$T/a.db")" = "$before" ] && [ ! -e "$T/a.db-wal" ] && [ ! -e "$T/h.db-wal" ] &&
	pass "hard-linked store unchanged, no -wal" || fail "hard-linked store unchanged" "changed"
rm "$T/h.db"
expect_exit 0 "one name again: accepted" -- "$B" --db "$T/a.db" init

# 3. Output paths that are the store: refused (64), the store intact.
cp "$T/clean.db" "$T/o.db"
ln -s o.db "$T/olink.db"
before=$(store_digest "$T/o.db")
for out in "$T/o.db" "$T/o.db-wal" "$T/o.db-shm" "$T/./o.db" "$T/olink.db"; do
	expect_exit 64 "board --out $(basename "$out") refused" -- "$B" --db "$T/o.db" board --date $D --out "$out"
done
expect_grep "board names the store" "$T/err" "is the store .*o.db or a file SQLite keeps beside it"
expect_exit 64 "board --out the store through a link to it" -- "$B" --db "$T/olink.db" board --date $D --out "$T/o.db-wal"
expect_exit 64 "plan --write-lp the store" -- "$B" --db "$T/o.db" --time-limit 1 plan --date $D --write-lp "$T/o.db"
grep -q 'jobs booked' "$T/err" && fail "write-lp refused before the solve" "it solved" || pass "write-lp refused before the solve"
expect_exit 64 "plan --write-lp the -wal" -- "$B" --db "$T/o.db" --time-limit 1 plan --date $D --write-lp "$T/o.db-wal"
[ "$(head -c 15 "$T/o.db")" = "SQLite format 3" ] && [ "$(store_digest "$T/o.db")" = "$before" ] && sound "$T/o.db" &&
	pass "the store is still the store" || fail "the store is still the store" "overwritten"

# 4. A link planted at the old temporary name (and anywhere else) is never
# followed; nothing is left beside the page.
mkdir "$T/web"
echo "keep me" >"$T/web/victim"
ln -s victim "$T/web/board.html.tmp"
expect_exit 0 "board beside a planted link" -- "$B" --db "$T/o.db" board --date $D --out "$T/web/board.html"
[ "$(cat "$T/web/victim")" = "keep me" ] && pass "the link's target is untouched" ||
	fail "the link's target is untouched" "overwritten: $(head -c 60 "$T/web/victim")"
grep -q '<!DOCTYPE html>' "$T/web/board.html" && pass "the page is written" || fail "the page is written" "no page"
left=$(ls -A "$T/web" | grep -v -x -e board.html -e victim -e board.html.tmp)
[ -z "$left" ] && pass "no temporary file left" || fail "no temporary file left" "$left"
mode=$(umask 022; "$B" --db "$T/o.db" board --date $D --out "$T/web/b2.html" >/dev/null 2>&1; stat -c %a "$T/web/b2.html")
[ "$mode" = 644 ] && pass "the page is readable by others (umask 022)" || fail "page mode" "$mode"
ln -s victim "$T/web/m.lp"
expect_exit 0 "LP written over a link" -- "$B" --db "$T/o.db" --quiet --time-limit 1 plan --date $D --write-lp "$T/web/m.lp"
[ "$(cat "$T/web/victim")" = "keep me" ] && [ ! -L "$T/web/m.lp" ] && grep -q '^Maximize' "$T/web/m.lp" &&
	pass "the LP file replaced the link, not its target" || fail "LP over a link" "target written or no LP"
expect_exit 74 "LP into a missing folder" -- "$B" --db "$T/o.db" --quiet --time-limit 1 plan --date $D --write-lp "$T/no/such/m.lp"

# 6. An LP file name GLPK cannot print: refused (64) before the solve, no abort.
long=$T/$(printf 'x%.0s' $(seq 4070)).lp
expect_exit 64 "a 4 KB --write-lp name is refused" -- "$B" --db "$T/o.db" --time-limit 1 plan --date $D --write-lp "$long"
expect_grep "says the limit" "$T/err" "the file name is [0-9]+ bytes; at most 2048"

# 5. A schema version no bayplan writes: refused (65), the file unchanged.
for v in -1 -8 -100; do
	cp "$T/clean.db" "$T/v.db"
	sqlite3 "$T/v.db" "PRAGMA user_version = $v"
	sum=$(md5sum <"$T/v.db")
	expect_exit 65 "user_version $v is refused" -- "$B" --db "$T/v.db" init
	expect_grep "user_version $v: says damaged" "$T/err" "has schema $v, which no bayplan writes"
	expect_exit 65 "user_version $v: plan refuses too" -- "$B" --db "$T/v.db" --quiet --time-limit 1 plan --date $D
	[ "$(md5sum <"$T/v.db")" = "$sum" ] && pass "user_version $v: unchanged" || fail "user_version $v: unchanged" "changed"
done

# 12. A file of a few bytes is not an empty store.
for n in 1 7 31; do
	head -c "$n" /dev/zero | tr '\0' x >"$T/tiny.db"
	sum=$(md5sum <"$T/tiny.db")
	expect_exit 65 "a $n-byte file is not a store" -- "$B" --db "$T/tiny.db" init
	expect_grep "$n-byte file: says so" "$T/err" "tiny.db is not a bayplan store"
	[ "$(md5sum <"$T/tiny.db")" = "$sum" ] && pass "$n-byte file unchanged" || fail "$n-byte file unchanged" "changed"
done
: >"$T/empty.db"
expect_exit 0 "an empty file still becomes a store" -- "$B" --db "$T/empty.db" init

# 9. A store this user cannot write: refused at open (74), before any solve.
# root writes anything, so as root the commands run as nobody.
cp "$T/clean.db" "$T/ro.db"
chmod 444 "$T/ro.db"
as=()
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null; then
		chmod 777 "$T"
		as=(setpriv --reuid 65534 --regid 65534 --clear-groups)
	else
		as=(skip)
	fi
fi
if [ "${as[0]:-}" = skip ]; then
	pass "read-only store: skipped (root without setpriv)"
else
	sum=$(md5sum <"$T/ro.db")
	expect_exit 74 "init on a read-only store" -- "${as[@]}" "$B" --db "$T/ro.db" init
	expect_grep "read-only: says so" "$T/err" "cannot write the store .*ro.db"
	grep -q "up to date" "$T/out" && fail "read-only is not up to date" "$(cat "$T/out")" || pass "read-only is not up to date"
	expect_exit 74 "plan on a read-only store" -- "${as[@]}" "$B" --db "$T/ro.db" --time-limit 1 plan --date $D
	grep -q 'jobs booked' "$T/err" && fail "read-only: refused before the solve" "it solved" ||
		pass "read-only: refused before the solve"
	[ "$(md5sum <"$T/ro.db")" = "$sum" ] && pass "read-only store unchanged" || fail "read-only store unchanged" "changed"
	chmod 700 "$T"
fi
