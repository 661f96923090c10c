# The board page in a real browser: headless Chromium renders the page the
# `board` command writes for the demo shop at 1920x1080 (the wall), 1024x768
# (a tablet) and phone size, and must produce non-trivial screenshots (kept
# in $BP_SHOTS, default build/shots), a DOM with every job block, and the
# page's own measurements after its script ran: no label outside its bar,
# no mark on a label, no panel clipped; #technician and #bay choose the
# view; the "now" line from the viewer's clock; one printed page per view.
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

shots=${BP_SHOTS:-$BP_ROOT/build/shots}
mkdir -p "$shots" 2>/dev/null || shots=$T
chrome --screenshot="$shots/board-1920x1080.png" --window-size=1920,1080 "file://$html" >/dev/null
png_ok "board screenshot at 1920x1080" "$shots/board-1920x1080.png" 1920 1080 40000
chrome --screenshot="$shots/board-1024x768-technician.png" --window-size=1024,768 \
	"file://$html#technician" >/dev/null
png_ok "board screenshot at 1024x768, technician view" "$shots/board-1024x768-technician.png" \
	1024 768 30000
chrome --screenshot="$shots/board-phone.png" --window-size=390,844 "file://$html" >/dev/null
png_ok "board screenshot at phone size" "$shots/board-phone.png" 390 844 15000

# body_attr FILE NAME: an attribute of <body> in a dumped DOM.
body_attr() {
	grep -o '<body[^>]*>' "$1" | grep -o " $2=\"[^\"]*\"" | head -1 | cut -d'"' -f2
}

# The page measures itself once its script ran (real fonts, real layout).
for size in 1920,1080 1600,900 1024,768; do
	chrome --window-size=$size --dump-dom "file://$html#technician" >"$T/dom" 2>/dev/null
	n=$(body_attr "$T/dom" data-labels)
	clip=$(body_attr "$T/dom" data-label-clipped)
	over=$(body_attr "$T/dom" data-mark-overlap)
	pan=$(body_attr "$T/dom" data-panel-overflow)
	if [ -z "$n" ]; then
		fail "$size: the page's self-check ran" "no data-labels on <body>"
		continue
	fi
	[ "$n" -gt 0 ] && [ "$clip" = 0 ] && pass "$size: all $n labels inside their bars" ||
		fail "$size: labels inside their bars" "$clip of $n outside: $(body_attr "$T/dom" data-label-bad)"
	[ "$over" = 0 ] && pass "$size: no mark drawn over a label" ||
		fail "$size: marks off the labels" "$over overlaps: $(body_attr "$T/dom" data-label-bad)"
	[ "$pan" = 0 ] && pass "$size: no panel clipped" || fail "$size: panels wrap" "$pan clipped"
	[ "$(body_attr "$T/dom" data-view)" = technician ] && pass "$size: #technician opens that view" ||
		fail "$size: #technician" "view $(body_attr "$T/dom" data-view)"
done
chrome --dump-dom "file://$html#bay" >"$T/dom" 2>/dev/null
[ "$(body_attr "$T/dom" data-view)" = bay ] && pass "#bay opens the bay view" ||
	fail "#bay" "view $(body_attr "$T/dom" data-view)"
grep -q '<meta http-equiv="refresh" content="300">' "$html" && pass "refreshes every 300 s" ||
	fail "meta refresh" "none"
step "board --refresh 0" "$B" --db "$db" --quiet board --date "$date" --out "$T/norefresh.html" \
	--refresh 0
grep -q 'http-equiv="refresh"' "$T/norefresh.html" && fail "--refresh 0" "still refreshes" ||
	pass "--refresh 0: no refresh"

# The "now" line from the viewer's clock: the same page dated today with an
# axis over the whole day draws it in both views; the demo's date does not.
[ "$(body_attr "$T/dom" data-live-now)" = 0 ] && pass "no now line on another day" ||
	fail "now line on another day" "$(body_attr "$T/dom" data-live-now)"
sed -e "s/data-date=\"$date\"/data-date=\"$(date +%F)\"/" \
	-e 's/data-t0="[0-9]*" data-t1="[0-9]*"/data-t0="0" data-t1="1440"/g' "$html" >"$T/today.html"
chrome --dump-dom "file://$T/today.html" >"$T/dom" 2>/dev/null
[ "$(body_attr "$T/dom" data-live-now)" = 2 ] && pass "today: the now line in both views" ||
	fail "today's now line" "data-live-now=$(body_attr "$T/dom" data-live-now)"

# Printed: each view on one landscape page. The lists after them take what
# they need, so the check prints the views alone, on Letter (the browser's
# default paper here) and on A4: 2 pages each.
pdf_pages() {
	grep -ao '/Count [0-9]*' "$1" 2>/dev/null | awk '{n = $2} END {print n + 0}'
}
for paper in Letter "A4 landscape"; do
	sed -e 's|</style>|.legend,.panels{display:none}'"${paper:+@page{size:$paper}}"'</style>|' \
		"$html" >"$T/print.html"
	[ "$paper" = Letter ] && sed -i 's|@page{size:Letter}||' "$T/print.html"
	rm -f "$T/board.pdf"
	chrome --print-to-pdf="$T/board.pdf" --no-pdf-header-footer "file://$T/print.html" \
		>/dev/null 2>&1
	pages=$(pdf_pages "$T/board.pdf")
	[ "$pages" = 2 ] && pass "printed on ${paper%% *}: one page per view" ||
		fail "print on ${paper%% *}" "$pages pages for the two views"
done
chrome --print-to-pdf="$T/all.pdf" --no-pdf-header-footer "file://$html" >/dev/null 2>&1
pages=$(pdf_pages "$T/all.pdf")
[ "$pages" -ge 3 ] && pass "printed whole: $pages pages (the views, then the lists)" ||
	fail "print whole" "$pages pages"
