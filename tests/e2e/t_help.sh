# Help cannot drift: for every command (and every verb of job, roster,
# shop, parts), each option its option table declares (bayplan help
# --options CMD) appears in `bayplan help CMD` (in that verb's block) and in
# that command's section of the man page doc/bayplan.1, with a .TP entry;
# every option named in a usage line or a .TP entry of the man page is one
# the table declares; the common flags are in both. Help writes no store.
. "$E2E_LIB"
MAN=$BP_ROOT/doc/bayplan.1

cd "$T" || exit 1
expect_exit 0 "help help" -- "$B" help help
expect_grep "help help shows its usage" "$T/out" '^usage: bayplan help'
expect_exit 0 "help --help" -- "$B" help --help
expect_exit 64 "help for no such command" -- "$B" help frobnicate
expect_grep "help names the unknown command" "$T/err" "no command 'frobnicate'"
expect_exit 0 "help --commands" -- "$B" help --commands
cp "$T/out" "$T/commands"
[ "$(wc -l <"$T/commands")" -ge 14 ] && pass "help --commands lists the commands" ||
	fail "help --commands lists the commands" "$(tr '\n' ' ' <"$T/commands")"

# The man page with troff's escapes taken out: \- is -, \fB etc. vanish.
sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\(..//g' "$MAN" >"$T/man"

# man_section NAME: the lines of ".SS NAME" (or ".SS "NAME"") up to the next
# .SS or .SH.
man_section() {
	awk -v want="$1" '
		/^\.S[SH] / { s = $0; sub(/^\.S[SH] /, "", s); gsub(/"/, "", s);
			      on = ($1 == ".SS" && s == want); next }
		on' "$T/man"
}
# help_block CMD VERB: that verb's block of `bayplan help CMD` (from the
# line "CMD VERB ..." to the next blank line before a "CMD " heading).
help_block() {
	awk -v head="$1 $2" '
		index($0, head " ") == 1 || $0 == head { on = 1; print; next }
		on && /^$/ { exit }
		on' "$T/help"
}
# tp_options FILE: the options named by .TP entries (the line after .TP).
tp_options() {
	awk 'tp { if (match($0, /^--[a-z-]+/)) print substr($0, RSTART, RLENGTH); tp = 0 }
	     /^\.TP/ { tp = 1 }' "$1"
}

"$B" help --options >"$T/common" || fail "help --options" "exit $?"
[ -s "$T/common" ] && pass "help --options lists the common flags" ||
	fail "help --options lists the common flags" "empty"
awk '/^\.SH COMMON FLAGS/ { on = 1; next } /^\.S[HS] / { on = 0 } on' "$T/man" >"$T/man_common"
"$B" --help >"$T/top"
while read -r o; do
	tp_options "$T/man_common" | grep -qx -- "$o" && pass "man: common flag $o" ||
		fail "man: common flag $o" "no .TP entry under COMMON FLAGS"
	grep -q -- "^  $o\b" "$T/top" && pass "help: common flag $o" ||
		fail "help: common flag $o" "not in bayplan --help"
done <"$T/common"

# check_options CMD VERB OPTIONS_FILE: one command (or verb) against its
# help block and man section.
check_options() {
	local cmd=$1 verb=$2 opts=$3 name sec block
	name=$cmd${verb:+ $verb}
	man_section "$name" >"$T/sec"
	if [ -s "$T/sec" ]; then pass "man: a section for $name"; else
		fail "man: a section for $name" "no .SS $name in doc/bayplan.1"; return; fi
	if [ -n "$verb" ]; then help_block "$cmd" "$verb" >"$T/block"
	else cp "$T/help" "$T/block"; fi
	[ -s "$T/block" ] && pass "help $cmd: a block for $name" ||
		fail "help $cmd: a block for $name" "missing"
	while read -r o; do
		grep -q -- "^ *$o\b" "$T/block" && pass "help $name: $o" ||
			fail "help $name: $o" "declared but not in its help"
		tp_options "$T/sec" | grep -qx -- "$o" && pass "man $name: $o" ||
			fail "man $name: $o" "declared but no .TP entry in its man section"
	done <"$opts"
	# Whatever the man section or the usage line names must be declared.
	{ tp_options "$T/sec"; head -4 "$T/block" | grep -o -- '--[a-z][a-z-]*'; } |
		sort -u | while read -r o; do
		grep -qx -- "$o" "$opts" "$T/common" && pass "$name: $o is declared" ||
			fail "$name: $o is declared" "named in the man page or usage, not an option"
	done
}

while read -r cmd; do
	if ! "$B" help "$cmd" >"$T/help" 2>"$T/err"; then
		fail "help $cmd" "exit $?: $(head -c 200 "$T/err")"; continue; fi
	pass "help $cmd"
	"$B" help --options "$cmd" >"$T/opts" || { fail "help --options $cmd" "exit $?"; continue; }
	if grep -q '^verb ' "$T/opts"; then
		for verb in $(sed -n 's/^verb //p' "$T/opts"); do
			awk -v v="$verb" '/^verb / { on = ($2 == v); next } on' "$T/opts" >"$T/vopts"
			check_options "$cmd" "$verb" "$T/vopts"
		done
	else
		check_options "$cmd" "" "$T/opts"
	fi
done <"$T/commands"

# The checks can fail: against a table that declares --frobnicate and not
# --date, plan's help and man page are both wrong.
printf -- '--frobnicate\n' >"$T/fake"
"$B" help plan >"$T/help"
check_options plan "" "$T/fake" >"$T/drift"
grep -q '^FAIL man plan: --frobnicate' "$T/drift" && grep -q '^FAIL help plan: --frobnicate' "$T/drift" &&
	pass "a declared option missing from help and man page fails" ||
	fail "a declared option missing from help and man page fails" "$(head -3 "$T/drift")"
grep -q '^FAIL plan: --date is declared' "$T/drift" &&
	pass "an option the man page names but the table lacks fails" ||
	fail "an option the man page names but the table lacks fails" "$(head -3 "$T/drift")"

[ ! -e "$T/bayplan.db" ] && pass "help writes no store" || fail "help writes no store" "bayplan.db made"
