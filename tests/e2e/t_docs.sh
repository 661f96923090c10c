# The documentation's examples work: the README's tour (a day and the
# morning after) runs command by command on the demo shop; the complete
# shop file of doc/shop-file.md and the example of bayplan-shop(5) import
# and plan; the scenario of doc/scenario-file.md passes whatif --check.
# Nothing in the repository points outside it.
. "$E2E_LIB"
cd "$T" || exit 1

# The README's tour, with a short time limit and the demo shop's path.
awk '/^## A day and the morning after/ { on = 1; next } on && /^```$/ { n++; if (n == 2) exit; next }
     on && n == 1' "$BP_ROOT/README.md" | sed -e 's/ *#.*$//' -e '/^$/d' >"$T/tour"
[ "$(wc -l <"$T/tour")" -ge 15 ] && pass "README: the tour has its commands" ||
	fail "README: the tour has its commands" "$(cat "$T/tour")"
while read -r line; do
	case $line in
	export\ *) eval "$line"; continue ;;
	bayplan\ *) ;;
	*) fail "README tour: $line" "not a bayplan command"; continue ;;
	esac
	eval "set -- ${line#bayplan }"
	args=()
	for a in "$@"; do args+=("${a/#scenarios\//$BP_ROOT/scenarios/}"); done
	expect_exit 0 "README tour: $line" -- "$B" --time-limit 3 --quiet "${args[@]}"
done <"$T/tour"
[ -s "$T/shop.db" ] && pass "README tour: the store is \$BAYPLAN_DB" || fail "README tour: the store" "$(ls)"
expect_grep "README tour: the morning after carries over" "$T/out" '.' # job list ran
unset BAYPLAN_DB

# doc/shop-file.md: the first yaml block is a whole shop.
awk '/^```yaml$/ && !done { on = 1; next } on && /^```$/ { exit } on' \
	"$BP_ROOT/doc/shop-file.md" >"$T/ref.yaml"
expect_exit 0 "shop-file.md: the example imports" -- "$B" --db "$T/ref.db" import "$T/ref.yaml"
expect_exit 0 "shop-file.md: and plans" -- "$B" --db "$T/ref.db" --quiet --time-limit 3 plan --date 2026-11-23
expect_grep "shop-file.md: its job is placed" "$T/out" 'jobs 1 booked, 1 scheduled'

# bayplan-shop(5): the EXAMPLE section.
sed -n '/^\.SH EXAMPLE/,/^\.fi/p' "$BP_ROOT/doc/bayplan-shop.5" |
	sed -e '/^\./d' -e 's/\\-/-/g' >"$T/man.yaml"
expect_exit 0 "bayplan-shop(5): the example imports" -- "$B" --db "$T/man.db" import "$T/man.yaml"

# doc/scenario-file.md: the example, against the demo shop.
mkdir -p "$T/sc/demo" && cp "$BP_ROOT"/scenarios/demo/* "$T/sc/demo/"
awk '/^```yaml$/ && !done { on = 1; next } on && /^```$/ { exit } on' \
	"$BP_ROOT/doc/scenario-file.md" >"$T/sc/ex.yaml"
expect_exit 0 "scenario-file.md: the example applies (whatif --check)" -- \
	"$B" --db "$T/sc.db" whatif "$T/sc/ex.yaml" --check

# Self-contained: no file names a document outside the repository.
hits=$(cd "$BP_ROOT" && grep -rln -e 'DESIGN\.md' -e 'DOMAIN\.md' -e 'SOLVER-NOTES' -e '\.\./shared/' \
	--exclude-dir=build --exclude-dir=build-asan --exclude-dir=build-fuzz --exclude-dir=.git \
	--exclude=t_docs.sh . 2>/dev/null)
[ -z "$hits" ] && pass "nothing points outside the repository" ||
	fail "nothing points outside the repository" "$hits"
