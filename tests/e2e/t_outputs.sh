# Outputs read by other people's tools: iCalendar files parsed by python's
# icalendar module (one VCALENDAR a file, UIDs that survive a re-plan that
# moves jobs, SEQUENCE that grows with the moves, DTSTAMP the run's time),
# and CSV from a spreadsheet-hostile shop parsed back by python's csv
# module (formula cells guarded, quotes and line breaks kept).
. "$E2E_LIB"

# The first python that has icalendar (Debian's python3-icalendar); none
# is a failure, not a skip: the calendars must be read by a real parser.
PY=
for p in python3 /usr/bin/python3 /usr/local/bin/python3; do
	if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import icalendar' 2>/dev/null; then
		PY=$p
		break
	fi
done
if [ -z "$PY" ]; then
	fail "a python with icalendar" "none of python3, /usr/bin/python3 can import icalendar (apt-get install python3-icalendar)"
	exit 0
fi
pass "python with icalendar: $PY"

D=2026-11-24
db=$T/s.db
"$B" --db "$db" --quiet init && "$B" --db "$db" --quiet import "$DEMO" >/dev/null ||
	{ fail "demo store" "init/import failed"; exit 0; }
expect_exit 0 "plan: the workshop's calendar" -- "$B" --db "$db" --quiet --time-limit 10 \
	--format ics plan --date $D
cp "$T/out" "$T/shop1.ics"
expect_exit 0 "show: one file per technician" -- "$B" --db "$db" --format ics show --date $D \
	--out-dir "$T/cal1"
expect_exit 0 "plan --technician T1 as ics" -- "$B" --db "$db" --quiet --time-limit 10 \
	--format ics plan --date $D --technician T1
cp "$T/out" "$T/t1.ics"
expect_exit 64 "--out-dir without ics refused" -- "$B" --db "$db" --quiet plan --date $D \
	--out-dir "$T/x"
expect_exit 65 "an unknown technician refused before solving" -- "$B" --db "$db" --quiet \
	--format ics plan --date $D --technician NOPE
run=$(sqlite3 "$db" "SELECT id FROM runs WHERE kind='schedule' ORDER BY id DESC LIMIT 1")
made=$(sqlite3 "$db" "SELECT created_at FROM runs WHERE id=$run")

# check.py FILE...: each file is exactly one VCALENDAR that icalendar reads;
# prints "events uids-unique stamps" per file.
cat >"$T/check.py" <<'PY'
import sys, icalendar
for path in sys.argv[1:]:
    raw = open(path, 'rb').read()
    assert raw.count(b'BEGIN:VCALENDAR') == 1, path + ': not one VCALENDAR'
    cal = icalendar.Calendar.from_ical(raw)
    ev = cal.walk('VEVENT')
    uids = [str(e['UID']) for e in ev]
    assert len(set(uids)) == len(uids), path + ': a UID repeats'
    for e in ev:
        for k in ('UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SEQUENCE', 'SUMMARY'):
            assert k in e, path + ': an event without ' + k
        assert e['DTSTART'].dt.tzinfo is None, 'not a floating time'
    print(len(ev), ';'.join(sorted({e['DTSTAMP'].dt.strftime('%Y%m%dT%H%M%SZ') for e in ev})))
PY
if out=$("$PY" "$T/check.py" "$T/shop1.ics" "$T/t1.ics" "$T/cal1"/*.ics 2>&1); then
	pass "every calendar parses, one VCALENDAR each ($(ls "$T/cal1" | wc -l) files)"
else
	fail "calendars parse" "$out"
fi
n_shop=$(echo "$out" | sed -n 1p | cut -d' ' -f1)
n_files=$(echo "$out" | tail -n +3 | awk '{s += $1} END {print s}')
[ "$n_shop" -gt 0 ] && [ "$n_shop" = "$n_files" ] &&
	pass "the technicians' files hold the workshop's $n_shop jobs" ||
	fail "files hold every job" "$n_shop in the shop's, $n_files in the files"
# DTSTAMP: the run's stored time (local) in UTC.
want=$("$PY" -c 'import sys, datetime
t = datetime.datetime.strptime(sys.argv[1], "%Y-%m-%dT%H:%M:%S").astimezone(datetime.timezone.utc)
print(t.strftime("%Y%m%dT%H%M%SZ"))' "$made")
stamp=$(echo "$out" | sed -n 2p | cut -d' ' -f2)   # t1.ics, of the latest run
[ "$stamp" = "$want" ] && pass "DTSTAMP is the run's time in UTC ($want)" ||
	fail "DTSTAMP" "$stamp, wanted $want (run at $made)"

# Move jobs: T1 goes home at 12:00; the re-plan gives their afternoon to
# others. The same jobs keep their UIDs; those that moved get a higher
# SEQUENCE, those that did not keep theirs.
# The latest plan (plan --technician stored one too) is the one before.
"$B" --db "$db" --format ics show --date $D >"$T/before.ics"
"$B" --db "$db" --quiet roster off T1 --date $D --from 12:00 >/dev/null 2>&1 ||
	fail "roster off" "$(cat "$T/err")"
expect_exit 0 "re-plan after T1 leaves" -- "$B" --db "$db" --quiet --time-limit 10 \
	--format ics plan --date $D
cp "$T/out" "$T/shop2.ics"
cat >"$T/moves.py" <<'PY'
import sys, icalendar
def events(p):
    c = icalendar.Calendar.from_ical(open(p, 'rb').read())
    return {str(e['UID']): (e['DTSTART'].dt, str(e['LOCATION']), str(e['SUMMARY']).rsplit(' ', 1)[-1],
                            int(e['SEQUENCE'])) for e in c.walk('VEVENT')}
a, b = events(sys.argv[1]), events(sys.argv[2])
both = set(a) & set(b)
moved = [u for u in both if a[u][:3] != b[u][:3]]
same = [u for u in both if a[u][:3] == b[u][:3]]
bad = [u for u in moved if b[u][3] <= a[u][3]] + [u for u in same if b[u][3] != a[u][3]]
print(len(both), len(a), len(moved), len(bad), ' '.join(bad[:5]))
PY
read -r both n1 moved bad which < <("$PY" "$T/moves.py" "$T/before.ics" "$T/shop2.ics")
[ "$both" -ge $((n1 - 3)) ] && pass "UIDs survive the re-plan ($both of $n1)" ||
	fail "UIDs survive the re-plan" "$both of $n1"
[ "$moved" -gt 0 ] && pass "the re-plan moved $moved jobs" || fail "jobs moved" "none"
[ "$bad" = 0 ] && pass "SEQUENCE grows with a move and only then" ||
	fail "SEQUENCE" "$bad events wrong: $which"

# ---- CSV from a shop whose ids and names a spreadsheet would run
cat >"$T/hostile.yaml" <<'YAML'
shop: {name: "=cmd|' /C calc'!A0", open: "07:30", close: "18:00"}
skills: [m]
bay_types: [{id: g}]
bays: [{id: "@BAY", type: g}, {id: "B\"2", type: g}]
technicians:
  - {id: "+T1", name: "=HYPERLINK(\"http://x\",\"y\")", shift: "08:00-17:00", skills: {m: 2}}
  - {id: "-T2", name: "Smith, \"Jo\"; line two", shift: "08:00-17:00", skills: {m: 2}}
services:
  - {code: "=OIL", name: "@SUM(A1:A9)", skill: m, level: 1, bay: g, minutes: {1: 40}}
  - {code: "TAB", name: "-tabbed, and \"quoted\"", skill: m, level: 1, bay: g, minutes: {1: 30}}
parts: [{sku: "-PART", name: "+1 filter", supply: common, on_hand: 5}]
jobs:
  - {id: "=HYPERLINK(\"x\")", date: "2026-11-24", service: "=OIL", tier: core, window: "08:00-10:00"}
  - {id: "+1", date: "2026-11-24", service: TAB, tier: basic, window: "08:00-12:00"}
  - {id: "-cmd", date: "2026-11-24", service: "=OIL", tier: potential, window: "09:00-12:00"}
  - {id: "@SUM", date: "2026-11-24", service: TAB, tier: basic, window: "10:00-14:00"}
  - {id: "quote\"d", date: "2026-11-24", service: "=OIL", tier: basic, window: "13:00-15:00"}
YAML
hdb=$T/h.db
"$B" --db "$hdb" --quiet init
expect_exit 0 "the hostile shop imports" -- "$B" --db "$hdb" --quiet import "$T/hostile.yaml"
expect_exit 0 "plan it as CSV" -- "$B" --db "$hdb" --quiet --time-limit 5 --format csv plan --date $D
cp "$T/out" "$T/h.csv"
expect_exit 0 "its job list as CSV" -- "$B" --db "$hdb" --format csv job list
cp "$T/out" "$T/hj.csv"
cat >"$T/csvcheck.py" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
width = len(rows[0])
assert all(len(r) == width for r in rows), 'rows of different widths'
live = [c for r in rows for c in r if c[:1] in ('=', '+', '@', '\t', '\r')
        or (c[:1] == '-' and not c.lstrip('-').replace('.', '', 1).isdigit())]
assert not live, 'cells a spreadsheet would run: %r' % live[:3]
cells = {c for r in rows for c in r}
for want in sys.argv[2:]:
    assert want in cells, 'no cell %r' % want
print(len(rows) - 1)
PY
if out=$("$PY" "$T/csvcheck.py" "$T/h.csv" "'=HYPERLINK(\"x\")" "'+1" "'-cmd" "'@SUM" \
	'quote"d' "'=OIL" "'@SUM(A1:A9)" "'-tabbed, and \"quoted\"" 2>&1); then
	pass "plan CSV: $out rows parse back, formulas guarded, names kept"
else
	fail "plan CSV parses back safely" "$out"
fi
"$B" --db "$hdb" --quiet roster off +T1 --date 2026-11-25 >/dev/null 2>&1
expect_exit 0 "the roster as CSV" -- "$B" --db "$hdb" --format csv roster list --date 2026-11-25
if out=$("$PY" "$T/csvcheck.py" "$T/out" "'+T1" "'=HYPERLINK(\"http://x\",\"y\")" 2>&1); then
	pass "roster CSV: technicians' ids and names guarded and kept"
else
	fail "roster CSV parses back safely" "$out"
fi
if out=$("$PY" "$T/csvcheck.py" "$T/hj.csv" "'=HYPERLINK(\"x\")" "'-cmd" 2>&1); then
	pass "job list CSV: $out rows, formulas guarded"
else
	fail "job list CSV parses back safely" "$out"
fi
