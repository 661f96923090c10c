#!/usr/bin/env bash
# bench/run.sh - the schedule benchmark: generated days of every size (and
# overloaded ones, where choices matter) planned by bayplan, and the same
# model (--write-lp) given to CBC for the same time when cbc is installed.
# Records bench/RESULTS.md with the machine it ran on.
#   bash bench/run.sh [--quick] [--time-limit S]
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
B=${BAYPLAN:-$root/bayplan}
GEN=${BP_GEN:-$root/build/bench/bp-gen}
TL=30
quick=0
while [ $# -gt 0 ]; do
	case $1 in
	--quick) quick=1 ;;
	--time-limit) TL=$2; shift ;;
	*) echo "usage: bench/run.sh [--quick] [--time-limit S]" >&2; exit 64 ;;
	esac
	shift
done
[ -x "$B" ] && [ -x "$GEN" ] || { echo "bench: run make first" >&2; exit 1; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
DATE=2026-11-24
out=$here/RESULTS.md
[ $quick = 1 ] && out=$W/RESULTS.md

cases="S:1 M:1 L:1 XL:1 M:1.6 L:1.6 XL:1.6"
[ $quick = 1 ] && cases="S:1 M:1 M:1.6"

{
	echo "# Schedule benchmark results"
	echo
	echo "Recorded by \`bash bench/run.sh\` (\`make bench\`) on $(date -u +%Y-%m-%d)."
	echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo),"
	echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); GLPK $(glpsol --version 2>/dev/null | head -1 | awk '{print $NF}');"
	echo "one solver process at a time (bayplan is single-threaded). Time limit ${TL}s, gap target 0.5 %."
	echo "Instances: \`bp-gen --size SIZE --overload F --seed 1 --date $DATE\`."
	echo
	echo "| instance | jobs | status | placed | objective | bound | gap | seconds | CBC objective (same model, ${TL}s) |"
	echo "|---|---|---|---|---|---|---|---|---|"
} >"$out.tmp"

for c in $cases; do
	size=${c%%:*} ov=${c##*:}
	name=$size; [ "$ov" != 1 ] && name="$size x$ov"
	d=$W/$size-$ov
	"$GEN" --size "$size" --overload "$ov" --seed 1 --date $DATE --out "$d" 2>/dev/null || { echo "bench: gen failed for $name" >&2; continue; }
	db=$d/bench.db
	"$B" --db "$db" --quiet init >/dev/null && "$B" --db "$db" --quiet import "$d/shop.yaml" >/dev/null || { echo "bench: import failed for $name" >&2; continue; }
	"$B" --db "$db" --quiet plan --date $DATE --time-limit "$TL" --format json --write-lp "$d/model.lp" >"$d/plan.json" 2>"$d/plan.err"
	rc=$?
	row=$(sqlite3 -separator ' ' "$db" "SELECT status, printf('%.1f', objective), printf('%.1f', bound), printf('%.3f', 100*gap), printf('%.2f', solve_ms/1000.0) FROM runs ORDER BY id DESC LIMIT 1")
	set -- $row
	jobs=$(sqlite3 "$db" "SELECT count(*) FROM jobs WHERE date='$DATE'")
	placed=$(sqlite3 "$db" "SELECT count(*) FROM schedule WHERE run_id=(SELECT max(id) FROM runs)")
	cbc_obj="-"
	if command -v cbc >/dev/null 2>&1 && [ -f "$d/model.lp" ]; then
		cbc_out=$(timeout $((TL + 60)) cbc "$d/model.lp" sec "$TL" threads 1 solve 2>&1)
		cbc_obj=$(printf '%s\n' "$cbc_out" | grep -m1 -E '^Objective value:' | awk '{print $3}')
		cbc_st=$(printf '%s\n' "$cbc_out" | grep -m1 -E '^Result - ' | sed 's/Result - //')
		[ -n "$cbc_obj" ] && cbc_obj=$(printf '%.1f (%s)' "$cbc_obj" "$cbc_st") || cbc_obj="no plan ($cbc_st)"
	fi
	echo "| $name | $jobs | $1 (exit $rc) | $placed | $2 | $3 | $4 % | $5 | $cbc_obj |" >>"$out.tmp"
	echo "bench: $name done: $1 gap $4 % in $5 s; CBC $cbc_obj" >&2
done
# Other benchmarks' sections (overbooked days, the reorder replay) stay.
[ -f "$out" ] && awk '/^## (Overbooked days|Reorder replay)/ {keep = 1} keep' "$out" | { read -r l || exit 0
	printf '\n%s\n' "$l"; cat; } >>"$out.tmp"
mv "$out.tmp" "$out"
cat "$out"
