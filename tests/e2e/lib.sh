# Shared helpers for the end-to-end tests. Each test file sources this,
# then calls `expect_exit CODE name -- command...` and friends.
set -u
B=${BAYPLAN:?}
T=$(mktemp -d)
[ -n "${KEEP_T:-}" ] || trap 'rm -rf "$T"' EXIT
DATA=$BP_ROOT/tests/data
DEMO=$BP_ROOT/scenarios/demo/shop.yaml

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

# expect_exit CODE NAME -- CMD...: runs CMD, stdout in $T/out, stderr in $T/err.
expect_exit() {
	local want=$1 name=$2
	shift 3
	"$@" >"$T/out" 2>"$T/err"
	local got=$?
	if [ "$got" = "$want" ]; then pass "$name"; else
		fail "$name" "exit $got, wanted $want; stderr: $(head -c 300 "$T/err")"; fi
}

# expect_grep NAME FILE REGEX
expect_grep() {
	if grep -Eq -- "$3" "$2"; then pass "$1"; else
		fail "$1" "no /$3/ in $(basename "$2"): $(head -c 300 "$2")"; fi
}

# A digest of a store's content (all tables), to prove it did not change.
store_digest() {
	sqlite3 "$1" .dump 2>/dev/null | md5sum | cut -d' ' -f1
}

# refuse CODE NAME REGEX -- CMD...: a change to the store $db refused with
# CODE, the message on stderr matching REGEX, and nothing written (the whole
# store the same, no events row).
refuse() {
	local code=$1 name=$2 re=$3
	shift 4
	local before n0
	before=$(store_digest "$db")
	n0=$(sqlite3 "$db" "SELECT count(*) FROM events")
	expect_exit "$code" "$name" -- "$@"
	expect_grep "$name: says why" "$T/err" "$re"
	if [ "$(store_digest "$db")" = "$before" ] &&
	   [ "$(sqlite3 "$db" "SELECT count(*) FROM events")" = "$n0" ]; then
		pass "$name: store unchanged, no events row"
	else
		fail "$name: store unchanged, no events row" "the store changed"
	fi
}
