#!/usr/bin/env bash
# bench/limits.sh - is a time limit a promise (issue 14 item 10)? For plan,
# reorder, windows (90 days) and whatif (base and one variant, --jobs 1) at
# --time-limit 1 and 3 on generated shops S, M, L, XL and the 10,000-job
# day (bp-gen --size 10k), the wall time of the whole command (store read,
# model building and the first answer included) against limit + 10 % + 0.2 s,
# for whatif each column's own seconds (its progress line), the exit status,
# the longest silence on stderr (progress at least every 2 s) and the peak
# memory. Rewrites the "## Time limits" section of bench/RESULTS.md.
#   bash bench/limits.sh [--quick] [--print] [--sizes "S M"] [--limits "1 3"]
#                        [--commands "plan windows"] [--cap SEC]
#   (--quick: S and M at limit 1; --print: print, do not record; --cap: a
#   command still running after SEC seconds, 90 by default, gets SIGTERM
#   (plan stops and stores its best plan) and counts as not held)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
B=${BAYPLAN:-$root/bayplan}
GEN=${BP_GEN:-$root/build/bench/bp-gen}
sizes="S M L XL 10k" limits="1 3" commands="plan reorder windows whatif" quick=0 cap=90
while [ $# -gt 0 ]; do
	case $1 in
	--quick) quick=1 sizes="S M" limits=1 ;;
	--print) quick=1 ;;
	--cap) cap=$2; shift ;;
	--sizes) sizes=$2; shift ;;
	--limits) limits=$2; shift ;;
	--commands) commands=$2; shift ;;
	*) echo "usage: bench/limits.sh [--quick] [--print] [--sizes LIST] [--limits LIST] [--commands LIST] [--cap SEC]" >&2
	   exit 64 ;;
	esac
	shift
done
[ -x "$B" ] && [ -x "$GEN" ] || { echo "bench: run make first" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (GNU time)" >&2; exit 1; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
DATE=2026-11-24

# Each stderr line with the seconds since the command started (bash's own
# clock: a helper process would start late on a busy machine); the last
# line is "END seconds". The longest silence is then the largest gap.
stamp() {
	local l
	while IFS= read -r l; do
		printf '%s %s\n' "$EPOCHREALTIME" "$l"
	done
	printf '%s END\n' "$EPOCHREALTIME"
}
silence() {
	awk 'BEGIN { p = 0; m = 0 } { if ($1 - p > m) m = $1 - p; p = $1 } END { printf "%.1f", m }' "$1"
}

# run NAME LIMIT CMD...: one measured command; sets wall, rss, rc, quiet.
run() {
	local name=$1
	shift 2
	local t0=$EPOCHREALTIME
	{ /usr/bin/time -f "%e %M" -o "$W/time" timeout -k 10 "$cap" "$@" 2>&1 >/dev/null
	  echo "rc $?" >"$W/rc"; } |
		stamp | awk -v t0="$t0" '{ $1 = sprintf("%.3f", $1 - t0); print }' >"$W/$name.err"
	# GNU time prints "Command exited with non-zero status N" first then.
	wall=$(tail -1 "$W/time" | cut -d' ' -f1)
	rss=$(tail -1 "$W/time" | cut -d' ' -f2)
	rc=$(cut -d' ' -f2 "$W/rc")
	quiet=$(silence "$W/$name.err")
}

row() {   # size command limit measured-seconds note
	local bound held
	bound=$(awk -v l="$3" 'BEGIN { printf "%.2f", l * 1.1 + 0.2 }')
	held=$(awk -v w="$4" -v b="$bound" 'BEGIN { print (w <= b ? "yes" : "**no**") }')
	printf '| %s | %s | %s | %s | %s | %s | %s | %s | %d | %s |\n' "$1" "$2" "$3" "$4" "$bound" \
		"$held" "$rc" "$quiet" $((rss / 1024)) "$5"
}

{
	echo "## Time limits"
	echo
	echo "Recorded by \`bash bench/limits.sh\` (\`make bench-limits\`) on $(date -u +%Y-%m-%d)."
	echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'),"
	echo "shared with other work; load before: $(cut -d' ' -f1-3 /proc/loadavg)."
	echo "Shops: \`bp-gen --size SIZE --seed 1 --date $DATE --days 7 --history 30\` (10k: \`--days 1\`)."
	echo "Commands (\`--time-limit L\`): \`plan --date $DATE\`, \`reorder --date $DATE\`,"
	echo "\`windows --from $DATE --days 90\`, \`whatif\` of the store's shop and one variant"
	echo "(bookings x1.2) with \`--jobs 1\`. *seconds*: the whole command's wall time, for whatif"
	echo "the slowest column's own (its progress line; the whole command is in the note). The"
	echo "promise: seconds <= L x 1.1 + 0.2. *silence*: the longest time without a line on"
	echo "stderr (the promise: 2 s). *MB*: peak resident memory."
	echo
	echo "| size | command | limit | seconds | promise | held | exit | silence | MB | note |"
	echo "|---|---|---|---|---|---|---|---|---|---|"
} >"$W/section.md"

for size in $sizes; do
	d=$W/$size
	days=7
	[ "$size" = 10k ] && days=1
	"$GEN" --size "$size" --seed 1 --date $DATE --days $days --history 30 --out "$d" 2>/dev/null ||
		{ echo "bench: bp-gen failed for $size" >&2; continue; }
	"$B" --db "$d/s.db" --quiet import "$d/shop.yaml" >/dev/null 2>&1 ||
		{ echo "bench: import failed for $size" >&2; continue; }
	jobs=$(sqlite3 "$d/s.db" "SELECT count(*) FROM jobs WHERE date='$DATE'")
	printf 'scenario: limits bench\ndate: "%s"\nvariants:\n  - {name: "x1.2", demand: {scale: 1.2, seed: 7}}\n' \
		$DATE >"$d/wi.yaml"
	for L in $limits; do
		for cmd in $commands; do
			cp "$d/s.db" "$d/t.db"
			case $cmd in
			plan) run plan "$L" "$B" --db "$d/t.db" --time-limit "$L" plan --date $DATE ;;
			reorder) run reorder "$L" "$B" --db "$d/t.db" --time-limit "$L" reorder --date $DATE ;;
			windows) run windows "$L" "$B" --db "$d/t.db" --time-limit "$L" windows --from $DATE --days 90 ;;
			whatif) run whatif "$L" "$B" --db "$d/t.db" --time-limit "$L" whatif "$d/wi.yaml" --jobs 1 ;;
			esac
			note="$jobs jobs"
			secs=$wall
			grep -q 'warning: the time limit' "$W/$cmd.err" && note="$note; time-limit warning"
			if [ "$cmd" = windows ]; then
				u=$(grep -o 'before [0-9]* of the 90 days' "$W/windows.err" | cut -d' ' -f2)
				[ -n "$u" ] && note="$note; $u days not reached"
			fi
			if [ "$cmd" = whatif ]; then
				secs=$(grep -o '(\([0-9.]*\) s)$' "$W/whatif.err" | tr -d '()s ' | sort -g | tail -1)
				[ -n "$secs" ] || secs=$wall
				note="$note; whole command ${wall} s, 2 columns"
			fi
			case $rc in 124|137) note="$note; **stopped by the bench after $cap s**" ;; esac
			[ "$rc" = 0 ] || note="$note; $(grep -v ' END$' "$W/$cmd.err" | tail -1 | cut -d' ' -f2- | cut -c1-80)"
			row "$size" "$cmd" "$L" "$secs" "$note" >>"$W/section.md"
			echo "bench: $size $cmd --time-limit $L: ${secs} s (exit $rc)" >&2
		done
	done
done
echo >>"$W/section.md"
echo "Load after: $(cut -d' ' -f1-3 /proc/loadavg)." >>"$W/section.md"

if [ $quick = 1 ]; then
	cat "$W/section.md"
	exit 0
fi
out=$here/RESULTS.md
awk '/^## Time limits/ {skip = 1; next} skip && /^## / {skip = 0} !skip' "$out" |
	sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >"$W/rest.md"
{ cat "$W/rest.md"; echo; cat "$W/section.md"; } >"$out"
echo "bench: recorded the time limits in $out"
