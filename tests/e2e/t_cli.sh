# The command line itself: help, version, usage errors.
. "$E2E_LIB"
expect_exit 0 "help exits 0" -- "$B" --help
expect_grep "help lists the commands" "$T/out" 'init.*|import|plan|reorder|windows|whatif|board'
for c in init import plan reorder windows whatif board demo; do
	grep -qw "$c" "$T/out" && pass "help lists $c" || fail "help lists $c" "missing"
done
expect_exit 0 "version exits 0" -- "$B" --version
expect_grep "version prints a number" "$T/out" '^bayplan [0-9]+\.[0-9]+'
expect_exit 64 "unknown command is usage" -- "$B" frobnicate
expect_grep "unknown command named" "$T/err" "frobnicate"
expect_exit 64 "no command is usage" -- "$B"
expect_exit 0 "help for a command" -- "$B" help plan
expect_grep "help plan shows --date" "$T/out" '--date'
expect_exit 64 "bad --format" -- "$B" --format xml init
expect_exit 64 "bad --time-limit" -- "$B" --time-limit -3 init
expect_exit 64 "--db without value" -- "$B" init --db
# --time-limit 0 is not "no limit", and the message says what is wanted.
expect_exit 64 "--time-limit 0 is refused" -- "$B" --time-limit 0 init
expect_grep "--time-limit 0: more than 0" "$T/err" "--time-limit is the seconds a solve may take: more than 0 and at most 86400 \(a day\), not '0'"
expect_exit 64 "--time-limit not a number" -- "$B" --time-limit soon init
expect_grep "--time-limit not a number: says so" "$T/err" "--time-limit wants a number of seconds, not 'soon'"
