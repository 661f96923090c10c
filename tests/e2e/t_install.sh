# make install (DESTDIR, PREFIX): the binary, both manual pages, the demo
# shop and examples; the installed binary finds its demo beside itself
# (../share/bayplan) when run from another folder, whatever PREFIX it was
# built for; make uninstall takes it all away again.
. "$E2E_LIB"
command -v make >/dev/null || { pass "install check skipped (no make)"; exit 0; }
root=$T/root
prefix=/opt/bp-test
# -o all: install the binary under test as it is, without building.
if make -s -C "$BP_ROOT" -o all BIN="$B" DESTDIR="$root" PREFIX="$prefix" install \
	>"$T/make.out" 2>&1; then pass "make install"; else
	fail "make install" "$(tail -5 "$T/make.out")"; exit 0; fi
for f in bin/bayplan share/man/man1/bayplan.1 share/man/man5/bayplan-shop.5 \
	share/bayplan/demo/shop.yaml share/bayplan/sweep.yaml share/doc/bayplan/store.md; do
	[ -e "$root$prefix/$f" ] && pass "installed $f" || fail "installed $f" "missing"
done
if command -v man >/dev/null; then
	man -l "$root$prefix/share/man/man1/bayplan.1" 2>/dev/null | grep -q 'job add' &&
		pass "man bayplan renders" || fail "man bayplan renders" "no 'job add'"
fi
mkdir -p "$T/elsewhere" && cd "$T/elsewhere" || exit 1
expect_exit 0 "the installed demo runs from another folder" -- \
	"$root$prefix/bin/bayplan" --quiet --time-limit 2 demo
expect_grep "it found its shop beside itself" "$T/out" "the shop $root$prefix/bin/../share/bayplan/demo/shop.yaml"
[ -s demo.db ] && [ -s demo.html ] && pass "demo.db and demo.html here" || fail "demo files" "$(ls)"
if make -s -C "$BP_ROOT" -o all BIN="$B" DESTDIR="$root" PREFIX="$prefix" uninstall \
	>"$T/make.out" 2>&1; then pass "make uninstall"; else fail "make uninstall" "$(tail -3 "$T/make.out")"; fi
left=$(find "$root" -type f | head -3)
[ -z "$left" ] && pass "uninstall leaves no file" || fail "uninstall leaves no file" "$left"
