# The board page in a real browser: headless Chromium renders the page the
# `board` command writes for the demo shop, at 1920x1080 and at phone size,
# and must produce a non-trivial screenshot and a DOM with every job block.
# Skips (as a PASS line saying why) when chromium, the board command or the
# demo shop is not there yet.
. "$E2E_LIB"

skip() {
	pass "board browser check skipped ($1)"
	exit 0
}

command -v chromium >/dev/null 2>&1 || skip "no chromium"
"$B" help board 2>/dev/null | grep -q -- '--out' || skip "board has no --out"
[ -f "$DEMO" ] || skip "no demo shop"
date=${BP_BOARD_DATE:-$(grep -oE 'date: *"?[0-9]{4}-[0-9]{2}-[0-9]{2}' "$DEMO" |
	grep -oE '[0-9]{4}-[0-9]{2}-[0-9]{2}' | head -1)}
[ -n "$date" ] || skip "no job date in the demo shop"

# step NAME CMD...: run a bayplan step; a command still marked "not built
# yet" (exit 70) skips the check, any other failure fails it.
step() {
	local name=$1
	shift
	"$@" >"$T/out" 2>"$T/err"
	local rc=$?
	if [ "$rc" = 70 ] && grep -q 'not built yet' "$T/err"; then
		skip "'$name' not built yet"
	fi
	if [ "$rc" != 0 ]; then
		fail "board browser: $name" "exit $rc: $(head -c 300 "$T/err")"
		exit 0
	fi
}

db=$T/board.db
html=$T/board.html
step init "$B" --db "$db" --quiet init
step import "$B" --db "$db" --quiet import "$DEMO"
step plan "$B" --db "$db" --quiet plan --date "$date"
step board "$B" --db "$db" --quiet board --date "$date" --out "$html"
[ -s "$html" ] && pass "board wrote $(wc -c <"$html") bytes" ||
	{ fail "board wrote a page" "no $html"; exit 0; }

chrome() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$(mktemp -d "$T/chrome.XXXXXX")" "$@" \
		2>>"$T/chrome.log"
}

# png_ok NAME FILE W H MINBYTES: PNG signature, the window's size, and more
# bytes than a blank page compresses to (about 8 KB at 1920x1080).
png_ok() {
	local name=$1 f=$2 w=$3 h=$4 min=$5
	if [ ! -s "$f" ]; then
		fail "$name" "no screenshot; $(tail -c 300 "$T/chrome.log")"
		return
	fi
	local sig dims size
	sig=$(od -An -tx1 -N8 "$f" | tr -d ' \n')
	dims=$(od -An -tu1 -j16 -N8 "$f" | awk '{printf "%d %d", $3*256+$4, $7*256+$8}')
	size=$(wc -c <"$f")
	if [ "$sig" != 89504e470d0a1a0a ]; then
		fail "$name" "not a PNG ($sig)"
	elif [ "$dims" != "$w $h" ]; then
		fail "$name" "screenshot is $dims, wanted $w $h"
	elif [ "$size" -lt "$min" ]; then
		fail "$name" "only $size bytes: a blank page?"
	else
		pass "$name ($size bytes)"
	fi
}

chrome --screenshot="$T/desk.png" --window-size=1920,1080 "file://$html" >/dev/null
png_ok "board screenshot at 1920x1080" "$T/desk.png" 1920 1080 40000
chrome --screenshot="$T/phone.png" --window-size=390,844 "file://$html" >/dev/null
png_ok "board screenshot at phone size" "$T/phone.png" 390 844 15000

# The browser's own DOM holds every job block the file holds (both views).
want=$(grep -o '<g class="job' "$html" | wc -l)
got=$(chrome --dump-dom "file://$html" | grep -o '<g class="job' | wc -l)
if [ "$want" -gt 0 ] && [ "$got" = "$want" ]; then
	pass "browser DOM has all $got job blocks"
else
	fail "browser DOM has the job blocks" "file has $want, DOM has $got"
fi
