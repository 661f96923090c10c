# The bad-input catalogue (tests/RELIABILITY.md, "Bad input"): malformed
# shop files, history CSVs, scenario files and command lines. Each case
# checks its exit code, that the message points at the place (file:line:col,
# the record and field, or the argument), and that the store is unchanged.
. "$E2E_LIB"
db=$T/s.db
W=$T/w
mkdir -p "$W"
cp "$DATA/good_shop.yaml" "$DATA/good_demand.csv" "$DATA/good_actuals.csv" "$W/"
"$B" --db "$db" import "$W/good_shop.yaml" >/dev/null 2>&1 ||
	fail "the good shop imports" "$(cat "$T/err" 2>/dev/null)"
before=$(store_digest "$db")
cases=0

# bad NAME EXIT REGEX -- CMD...: one catalogue entry.
bad() {
	local name=$1 code=$2 re=$3
	shift 4
	cases=$((cases + 1))
	expect_exit "$code" "$name: exit $code" -- "$@"
	expect_grep "$name: message" "$T/err" "$re"
	[ "$(store_digest "$db")" = "$before" ] && pass "$name: store unchanged" ||
		fail "$name: store unchanged" "digest changed"
	# BP_CATALOGUE=FILE: one Markdown row per case, for tests/RELIABILITY.md.
	if [ -n "${BP_CATALOGUE:-}" ]; then
		local cmd=$* msg
		cmd=${cmd//"$W"\//}
		cmd=${cmd//"$DATA"\//}
		cmd=${cmd/#imp /import }
		cmd=${cmd/#wi /whatif }
		cmd=${cmd/#p /}
		msg=$(head -1 "$T/err" | sed -e "s|$W/||g" -e 's/^bayplan[a-z ]*: //' \
			-e 's/|/\\|/g' | iconv -c -f UTF-8 -t UTF-8 2>/dev/null | cut -c1-110)
		printf '| %d | %s | `%s` | %s | %s |\n' "$cases" "$name" "$cmd" "$code" "$msg" \
			>>"$BP_CATALOGUE"
	fi
}
imp() { "$B" --db "$db" import "$@"; }
wi() { "$B" --db "$db" --quiet --time-limit 2 whatif "$@"; }
p() { "$B" --db "$db" "$@"; }

# shop NAME SED-SCRIPT: the good shop with one edit, as $W/NAME.yaml.
shop() { sed -e "$2" "$W/good_shop.yaml" >"$W/$1.yaml"; }
# raw NAME: stdin as $W/NAME.
raw() { cat >"$W/$1"; }
# at FILE [TEXT]: the regex of "FILE:line:col: ...TEXT".
at() { printf '%s:[0-9]+:[0-9]+: .*%s' "$1" "${2:-}"; }

# ---- shop files: syntax and encoding ----
raw empty.yaml </dev/null
bad "shop: empty file" 65 "empty.yaml.*empty" -- imp "$W/empty.yaml"
printf '# nothing but a comment\n\n' | raw comment.yaml
bad "shop: only a comment" 65 "comment.yaml.*(empty|no shop)" -- imp "$W/comment.yaml"
printf '\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00\x3e\x00\xff\xfe\x00\x01' | raw junk.yaml
bad "shop: binary junk" 65 "$(at junk.yaml)" -- imp "$W/junk.yaml"
printf 'shop:\n  name: Riverside\x00Motors\n' | raw nul.yaml
bad "shop: NUL byte" 65 "$(at nul.yaml)" -- imp "$W/nul.yaml"
shop latin1 's/Wang Fang/Wang F\xe4ng/'
bad "shop: non-UTF-8 (Latin-1)" 65 "$(at latin1.yaml)" -- imp "$W/latin1.yaml"
printf '\xff\xfes\x00h\x00o\x00p\x00:\x00\n\x00' | raw utf16.yaml
bad "shop: UTF-16 with BOM" 65 "$(at utf16.yaml)" -- imp "$W/utf16.yaml"
{ printf 'shop: '; head -c 10000 /dev/zero | tr '\0' '['; echo; } | raw deep_seq.yaml
# The reader checks each event as it arrives, so deep nesting stops at the
# first level where the format wants something else (the cap of 32 is a
# backstop); either way early, at a place.
bad "shop: 10000-deep [[[" 65 "$(at deep_seq.yaml 'must be a mapping|nesting deeper')" -- imp "$W/deep_seq.yaml"
{ printf 'shop: '; for _ in $(seq 2000); do printf '{a: '; done; echo; } | raw deep_map.yaml
bad "shop: 2000-deep {a: {a:" 65 "$(at deep_map.yaml "unknown key 'a'|nesting deeper")" -- imp "$W/deep_map.yaml"
cp "$DATA/alias_bomb.yaml" "$W/alias_bomb.yaml"
bad "shop: alias bomb" 65 "$(at alias_bomb.yaml 'anchors')" -- imp "$W/alias_bomb.yaml"
shop alias 's/^  name: Riverside Motors Service/  name: *n/'
bad "shop: alias" 65 "$(at alias.yaml 'aliases')" -- imp "$W/alias.yaml"
shop tag 's/^  advisors: 3/  advisors: !!python\/object 3/'
bad "shop: tag" 65 "$(at tag.yaml 'tags')" -- imp "$W/tag.yaml"
printf 'shop:\n\tname: x\n' | raw tab.yaml
bad "shop: tab indent" 65 "$(at tab.yaml)" -- imp "$W/tab.yaml"
shop unclosed 's/^  open: "07:30"/  open: "07:30/'
bad "shop: unclosed quote" 65 "$(at unclosed.yaml)" -- imp "$W/unclosed.yaml"
{ cat "$W/good_shop.yaml"; printf -- '---\nshop: {name: again}\n'; } | raw twodocs.yaml
bad "shop: two documents" 65 "$(at twodocs.yaml 'one document|document')" -- imp "$W/twodocs.yaml"
printf -- '- shop\n- bays\n' | raw list.yaml
bad "shop: top level a list" 65 "$(at list.yaml)" -- imp "$W/list.yaml"
{ printf 'shop: {name: "'; head -c 5000 /dev/zero | tr '\0' x; printf '"}\n'; } | raw longscalar.yaml
bad "shop: scalar over 4 KiB" 65 "$(at longscalar.yaml '4096|KiB|long')" -- imp "$W/longscalar.yaml"
cp "$W/good_shop.yaml" "$W/huge.yaml" && truncate -s 17M "$W/huge.yaml"
bad "shop: file over 16 MiB" 65 "huge.yaml is [0-9]+ bytes; at most" -- imp "$W/huge.yaml"
mkdir -p "$W/adir.yaml"
bad "shop: a directory" 66 "adir.yaml: it is a folder" -- imp "$W/adir.yaml"
bad "shop: missing file" 66 "cannot open .*nope.yaml" -- imp "$W/nope.yaml"

# ---- shop files: structure and types ----
shop unknown_top 's/^windows:/window:/'
bad "shop: unknown top-level key" 65 "$(at unknown_top.yaml "unknown key 'window'.*windows")" -- imp "$W/unknown_top.yaml"
shop unknown_tech 's/^    cost_per_hour: 32/    cost_per_hr: 32/'
bad "shop: unknown technician key" 65 "$(at unknown_tech.yaml "'cost_per_hr'.*cost_per_hour")" -- imp "$W/unknown_tech.yaml"
shop dupkey 's/^  advisors: 3/  advisors: 3\n  advisors: 4/'
bad "shop: key given twice" 65 "$(at dupkey.yaml 'advisors')" -- imp "$W/dupkey.yaml"
shop skills_scalar 's/^skills: .*/skills: maintenance/'
bad "shop: scalar for a list" 65 "$(at skills_scalar.yaml)" -- imp "$W/skills_scalar.yaml"
shop shop_list 's/^shop:$/shop: [1, 2]\nxshop:/'
bad "shop: list for a mapping" 65 "$(at shop_list.yaml)" -- imp "$W/shop_list.yaml"
shop slot_text 's/^  slot_minutes: 15/  slot_minutes: fifteen/'
bad "shop: text for a number" 65 "$(at slot_text.yaml 'slot_minutes')" -- imp "$W/slot_text.yaml"
shop slot_huge 's/^  slot_minutes: 15/  slot_minutes: 99999999999999999999999/'
bad "shop: huge number" 65 "$(at slot_huge.yaml 'slot_minutes')" -- imp "$W/slot_huge.yaml"
shop slot_7 's/^  slot_minutes: 15/  slot_minutes: 7/'
bad "shop: slot of 7 minutes" 65 "slot_7.yaml.*slot_minutes" -- imp "$W/slot_7.yaml"
shop cost_inf 's/^    cost_per_hour: 32/    cost_per_hour: .inf/'
bad "shop: infinite cost" 65 "$(at cost_inf.yaml 'cost_per_hour')" -- imp "$W/cost_inf.yaml"
shop cost_nan 's/^    cost_per_hour: 32/    cost_per_hour: .nan/'
bad "shop: NaN cost" 65 "$(at cost_nan.yaml 'cost_per_hour')" -- imp "$W/cost_nan.yaml"
shop cost_exp 's/^    cost_per_hour: 32/    cost_per_hour: 1e999/'
bad "shop: 1e999 cost" 65 "$(at cost_exp.yaml 'cost_per_hour')" -- imp "$W/cost_exp.yaml"
shop onhand_neg 's/^    on_hand: 14/    on_hand: -3/'
bad "shop: negative stock" 65 "$(at onhand_neg.yaml 'on_hand')" -- imp "$W/onhand_neg.yaml"
shop sl_over 's/^    service_level: 0.9$/    service_level: 1.5/'
bad "shop: service level 1.5" 65 "$(at sl_over.yaml 'service_level')" -- imp "$W/sl_over.yaml"
shop waiting 's/^    waiting: true/    waiting: maybe/'
bad "shop: not a boolean" 65 "$(at waiting.yaml 'waiting')" -- imp "$W/waiting.yaml"
shop tier 's/^    tier: core/    tier: gold/'
bad "shop: unknown tier" 65 "$(at tier.yaml 'gold')" -- imp "$W/tier.yaml"
shop supply 's/^    supply: rare/    supply: sometimes/'
bad "shop: unknown supply class" 65 "$(at supply.yaml 'sometimes')" -- imp "$W/supply.yaml"

# ---- shop files: levels, times, dates ----
shop level0 's/skills: {maintenance: 3, brakes: 2, ev: 2}/skills: {maintenance: 0, brakes: 2, ev: 2}/'
bad "shop: skill level 0" 65 "$(at level0.yaml '(level|0)')" -- imp "$W/level0.yaml"
shop level4 's/skills: {maintenance: 3, brakes: 2, ev: 2}/skills: {maintenance: 4, brakes: 2, ev: 2}/'
bad "shop: skill level 4" 65 "$(at level4.yaml '(level|4)')" -- imp "$W/level4.yaml"
shop svclevel 's/^    level: 2$/    level: two/'
bad "shop: level as text" 65 "$(at svclevel.yaml 'level')" -- imp "$W/svclevel.yaml"
shop open25 's/^  open: "07:30"/  open: "25:00"/'
bad "shop: open at 25:00" 65 "$(at open25.yaml '25:00')" -- imp "$W/open25.yaml"
shop close_short 's/^  close: "18:00"/  close: "7:5"/'
bad "shop: close 7:5" 65 "$(at close_short.yaml '7:5')" -- imp "$W/close_short.yaml"
shop close_first 's/^  close: "18:00"/  close: "07:00"/'
bad "shop: closes before it opens" 65 "close_first.yaml.*(close|open)" -- imp "$W/close_first.yaml"
shop shift_back 's/^    shift: "08:00-17:00"/    shift: "17:00-08:00"/'
bad "shop: shift ends before it starts" 65 "$(at shift_back.yaml 'shift')" -- imp "$W/shift_back.yaml"
shop break_out 's/breaks: \["12:00-12:45"\]/breaks: ["19:00-19:30"]/'
bad "shop: break outside the shift" 65 "$(at break_out.yaml 'break')" -- imp "$W/break_out.yaml"
shop window_back 's/^    window: "09:00-11:00"/    window: "11:00-09:00"/'
bad "shop: window ends before it starts" 65 "$(at window_back.yaml 'window')" -- imp "$W/window_back.yaml"
shop closed_back 's/closed: \["12:00-13:00"/closed: ["13:00-12:00"/'
bad "shop: closed period backwards" 65 "$(at closed_back.yaml 'closed')" -- imp "$W/closed_back.yaml"
shop feb30 's/^    date: "2026-11-24"/    date: "2026-02-30"/'
bad "shop: 30 February" 65 "$(at feb30.yaml '2026-02-30')" -- imp "$W/feb30.yaml"
shop bigyear 's/^    date: "2026-11-24"/    date: "99999999-11-24"/'
bad "shop: year 99999999" 65 "$(at bigyear.yaml '99999999')" -- imp "$W/bigyear.yaml"
shop arrives 's/arrives: "2026-11-23T12:00"/arrives: "2026-11-23T24:30"/'
bad "shop: delivery at 24:30" 65 "$(at arrives.yaml 'arrives')" -- imp "$W/arrives.yaml"
shop toolong 's/^    minutes: 60$/    minutes: 200000/'
bad "shop: job minutes past the bound" 65 "$(at toolong.yaml 'minutes')" -- imp "$W/toolong.yaml"
shop neg_minutes 's/^    minutes: 60$/    minutes: -60/'
bad "shop: negative job minutes" 65 "$(at neg_minutes.yaml 'minutes')" -- imp "$W/neg_minutes.yaml"

# ---- shop files: ids and references ----
shop dup_tech 's/^  - id: T2$/  - id: T1/'
bad "shop: duplicate technician id" 65 "$(at dup_tech.yaml "the id 'T1' is used twice")" -- imp "$W/dup_tech.yaml"
shop dup_job 's/^  - id: RO-1002$/  - id: RO-1001/'
bad "shop: duplicate job id" 65 "$(at dup_job.yaml "the id 'RO-1001' is used twice")" -- imp "$W/dup_job.yaml"
shop dup_bay 's/^  - {id: A1, type: alignment}/  - {id: B1, type: alignment}/'
bad "shop: duplicate bay id" 65 "$(at dup_bay.yaml "the id 'B1' is used twice")" -- imp "$W/dup_bay.yaml"
shop dup_sku 's/^  - sku: BRK-PAD-F/  - sku: OIL-5W30-L/'
bad "shop: duplicate sku" 65 "$(at dup_sku.yaml "the sku 'OIL-5W30-L' is used twice")" -- imp "$W/dup_sku.yaml"
shop dang_service 's/^    service: EVCHK/    service: EVCHECK/'
bad "shop: job names a missing service" 65 "$(at dang_service.yaml "EVCHECK")" -- imp "$W/dang_service.yaml"
shop dang_type 's/^  - {id: B1, type: general}/  - {id: B1, type: generic}/'
bad "shop: bay names a missing type" 65 "$(at dang_type.yaml "generic")" -- imp "$W/dang_type.yaml"
shop dang_skill 's/^    skill: ev$/    skill: hydrogen/'
bad "shop: service names a missing skill" 65 "$(at dang_skill.yaml "hydrogen")" -- imp "$W/dang_skill.yaml"
shop dang_part 's/parts: {FLT-OIL-01: 1, OIL-5W30-L: 5}/parts: {FLT-OIL-99: 1, OIL-5W30-L: 5}/'
bad "shop: service names a missing part" 65 "$(at dang_part.yaml "FLT-OIL-99")" -- imp "$W/dang_part.yaml"
shop dang_techreq 's/^    technician: T1$/    technician: T9/'
bad "shop: job asks for a missing technician" 65 "$(at dang_techreq.yaml "T9")" -- imp "$W/dang_techreq.yaml"
shop dang_also 's/{id: ev, also: \[general\]}/{id: ev, also: [diesel]}/'
bad "shop: bay type serves a missing type" 65 "$(at dang_also.yaml "diesel")" -- imp "$W/dang_also.yaml"

# ---- history CSVs (named by the shop file) ----
# csv KIND NAME: stdin as $W/NAME.csv, and $W/NAME.yaml naming it.
csv() {
	cat >"$W/$2.csv"
	if [ "$1" = demand ]; then shop "$2" "s/good_demand.csv/$2.csv/"
	else shop "$2" "s/good_actuals.csv/$2.csv/"; fi
}
printf 'date,sku,qty\n2026-11-16,FLT-OIL-01,3\n2026-11-17,NOPE,1\n' | csv demand d_sku
bad "demand: unknown sku" 65 "$(at d_sku.csv "column 2 'sku': no part 'NOPE'")" -- imp "$W/d_sku.yaml"
printf 'date,sku,qty\n2026-13-01,FLT-OIL-01,3\n' | csv demand d_date
bad "demand: month 13" 65 "$(at d_date.csv "'2026-13-01' is not a date")" -- imp "$W/d_date.yaml"
printf 'date,sku,qty\n2026-11-16,FLT-OIL-01,-1\n' | csv demand d_neg
bad "demand: negative qty" 65 "$(at d_neg.csv "'-1' is not a whole number")" -- imp "$W/d_neg.yaml"
printf 'date,sku,qty\n2026-11-16,FLT-OIL-01,99999999999999999999\n' | csv demand d_huge
bad "demand: huge qty" 65 "$(at d_huge.csv "99999999999999999999 is more than 1000000")" -- imp "$W/d_huge.yaml"
printf 'date,sku,qty\n2026-11-16,FLT-OIL-01\n' | csv demand d_short
bad "demand: short row" 65 "$(at d_short.csv "the row has 2 columns; the header has 3")" -- imp "$W/d_short.yaml"
printf 'date,sku,quantity\n' | csv demand d_col
bad "demand: unknown column" 65 "$(at d_col.csv "unknown column 'quantity'; known columns: date, sku, qty")" -- imp "$W/d_col.yaml"
: | csv demand d_empty
bad "demand: empty file" 65 "$(at d_empty.csv "the file is empty")" -- imp "$W/d_empty.yaml"
printf 'date,sku,qty\n2026-11-16,"FLT-OIL-01,3\n' | csv demand d_quote
bad "demand: unclosed quote" 65 "$(at d_quote.csv "never ends")" -- imp "$W/d_quote.yaml"
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00' | csv demand d_junk
bad "demand: binary junk" 65 "$(at d_junk.csv "not UTF-8 text \\(byte 0x89\\)")" -- imp "$W/d_junk.yaml"
printf 'date,sku,qty\n2026-11-16,FLT-OIL-01,3\n2026-11-17,\xc9TRIER,1\n' | csv demand d_latin1
bad "demand: non-UTF-8 (Latin-1)" 65 "$(at d_latin1.csv "not UTF-8 text \\(byte 0xC9\\)")" -- imp "$W/d_latin1.yaml"
: | csv demand d_big && truncate -s 65M "$W/d_big.csv"
bad "demand: file over 64 MiB" 65 "d_big.csv is [0-9]+ bytes; at most" -- imp "$W/d_big.yaml"
shop d_missing 's/good_demand.csv/nope.csv/'
bad "demand: missing file" 66 "nope.csv.*named by history part_demand at .*d_missing.yaml:[0-9]+:[0-9]+" -- imp "$W/d_missing.yaml"
mkdir -p "$W/d_dir.csv" && shop d_dir 's/good_demand.csv/d_dir.csv/'
bad "demand: a directory" 66 "d_dir.csv: it is a folder" -- imp "$W/d_dir.yaml"
H=job_id,technician,arrived,started,finished,no_show
printf '%s\nRO-1,T1,,,,maybe\n' $H | csv actuals a_noshow
bad "actuals: no_show maybe" 65 "$(at a_noshow.csv "column 6 'no_show': 'maybe' is not 0 or 1")" -- imp "$W/a_noshow.yaml"
printf '%s\nRO-1,T1,,2026-11-23T10:00,2026-11-23T09:00,0\n' $H | csv actuals a_back
bad "actuals: finished before started" 65 "$(at a_back.csv "finished before it started")" -- imp "$W/a_back.yaml"
printf '%s\nRO-1,,2026-11-23T09:05,,,1\n' $H | csv actuals a_showtime
bad "actuals: a no-show that arrived" 65 "$(at a_showtime.csv "no-show but has an arrived")" -- imp "$W/a_showtime.yaml"
printf '%s\nRO-9,,,,,1\n' $H | csv actuals a_nodate
bad "actuals: no-show without a date" 65 "$(at a_nodate.csv "has no date")" -- imp "$W/a_nodate.yaml"
printf '%s\nRO-1,T1,2026-11-23T09:00,2026-11-23T09:10,9999-11-23T10:00,0\n' $H | csv actuals a_year
bad "actuals: year typo (9999)" 65 "$(at a_year.csv "'9999-11-23T10:00' is not a date and time.*1970 to 2199")" -- imp "$W/a_year.yaml"
printf '%s\nRO-1,T1,2026-11-23T09:00,2026-11-23T09:10,2126-11-23T10:00,0\n' $H | csv actuals a_year2
bad "actuals: year typo (2126)" 65 "$(at a_year2.csv "more than 31 days")" -- imp "$W/a_year2.yaml"
printf '%s\nRO-1,T7,,,,0\n' $H | csv actuals a_tech
bad "actuals: unknown technician" 65 "$(at a_tech.csv "no technician 'T7'")" -- imp "$W/a_tech.yaml"
printf 'job_id,technician,arrived,started,no_show\n' | csv actuals a_missing
bad "actuals: missing column" 65 "$(at a_missing.csv "missing column 'finished'")" -- imp "$W/a_missing.yaml"
printf '%s,no_show\n' $H | csv actuals a_twice
bad "actuals: column twice" 65 "$(at a_twice.csv "column 'no_show' appears twice")" -- imp "$W/a_twice.yaml"
printf '%s\nRO-1,T1\0,,,,0\n' $H | csv actuals a_nul
bad "actuals: NUL byte" 65 "$(at a_nul.csv "control characters are not allowed \\(character U\\+0000\\)")" -- imp "$W/a_nul.yaml"
printf '%s\nRO-1,T1,2026-11-23T25:00,,,0\n' $H | csv actuals a_25
bad "actuals: arrived at 25:00" 65 "$(at a_25.csv "'2026-11-23T25:00' is not a date and time")" -- imp "$W/a_25.yaml"

# ---- scenario files (whatif; the base is the store's shop) ----
sc() { cat >"$W/$1.yaml"; }
printf 'scenario: s\ndate: "2026-11-23"\nchanges:\n  technician: {remove: [T1]}\n' | sc s_key
bad "scenario: unknown key" 65 "$(at s_key.yaml "'technician'.*technicians")" -- wi "$W/s_key.yaml"
printf 'scenario: s\ndate: "2026-11-23"\nchanges:\n  technicians: {remove: [T9]}\n' | sc s_dang
bad "scenario: removes a missing technician" 65 "$(at s_dang.yaml "no technician 'T9'")" -- wi "$W/s_dang.yaml"
printf 'scenario: s\ndate: "2026-11-23"\nchanges:\n  demand: {scale: 11}\n' | sc s_scale
bad "scenario: scale 11" 65 "$(at s_scale.yaml "scale")" -- wi "$W/s_scale.yaml"
printf 'scenario: s\ndate: "2026-11-23"\nvariants:\n  - name: base\n' | sc s_vbase
bad "scenario: a variant called base" 65 "$(at s_vbase.yaml "base")" -- wi "$W/s_vbase.yaml"
printf 'scenario: s\ndate: "2026-11-23"\nvariants:\n  - name: %s\n' "$(head -c 80 /dev/zero | tr '\0' v)" | sc s_vlong
bad "scenario: variant name over 60" 65 "$(at s_vlong.yaml "60")" -- wi "$W/s_vlong.yaml"
printf 'scenario: s\ndate: "2026-11-23"\nchanges:\n  technicians: {modify: [{id: T1, skills: {ev: 4}}]}\n' | sc s_level
bad "scenario: level 4" 65 "$(at s_level.yaml)" -- wi "$W/s_level.yaml"
printf 'scenario: s\ndate: "2026-11-31"\n' | sc s_date
bad "scenario: 31 November" 65 "$(at s_date.yaml "2026-11-31")" -- wi "$W/s_date.yaml"
printf 'scenario: s\nbase: nope/shop.yaml\ndate: "2026-11-23"\n' | sc s_base
bad "scenario: base file missing" 66 "nope/shop.yaml" -- wi "$W/s_base.yaml"
printf 'scenario: &a s\ndate: *a\n' | sc s_alias
bad "scenario: anchor and alias" 65 "$(at s_alias.yaml "anchors")" -- wi "$W/s_alias.yaml"
sc s_empty </dev/null
bad "scenario: empty file" 65 "s_empty.yaml" -- wi "$W/s_empty.yaml"
{ printf 'scenario: s\nchanges: '; head -c 10000 /dev/zero | tr '\0' '['; echo; } | sc s_deep
bad "scenario: 10000-deep nesting" 65 "$(at s_deep.yaml "must be a mapping|nesting deeper")" -- wi "$W/s_deep.yaml"
printf 'scenario: s\ndate: "2026-11-23"\nchanges:\n  technicians:\n    add: [{id: T1, name: Twin, shift: "08:00-17:00", skills: {ev: 1}, cost_per_hour: 1}]\n' | sc s_dupadd
bad "scenario: adds an existing id" 65 "$(at s_dupadd.yaml "T1")" -- wi "$W/s_dupadd.yaml"
printf 'scenario: s\ndate: "2026-11-23"\nchanges:\n  bays: {modify: [{id: E1, closed: ["14:00-13:00"]}]}\n' | sc s_closed
bad "scenario: closed period backwards" 65 "$(at s_closed.yaml)" -- wi "$W/s_closed.yaml"
mkdir -p "$W/s_dir.yaml"
bad "scenario: a directory" 66 "s_dir.yaml: it is a folder" -- wi "$W/s_dir.yaml"

# ---- command lines ----
bad "cli: unknown command" 64 "no command 'frobnicate'" -- p frobnicate
bad "cli: unknown flag" 64 "unknown option '--dat'.*--date" -- p plan --dat 2026-11-23
bad "cli: month 13" 64 "--date .*'2026-13-01'" -- p plan --date 2026-13-01
bad "cli: year 99999" 64 "--date .*'99999-01-01'" -- p plan --date 99999-01-01
bad "cli: date before 1970" 64 "--date .*'1969-12-31'" -- p plan --date 1969-12-31
bad "cli: --date without a value" 64 "--date needs a value" -- p plan --date
bad "cli: negative time limit" 64 "--time-limit .*'-1'" -- p --time-limit -1 plan --date 2026-11-23
bad "cli: time limit nan" 64 "--time-limit .*'nan'" -- p --time-limit nan plan --date 2026-11-23
bad "cli: time limit 1e400" 64 "--time-limit .*'1e400'" -- p --time-limit 1e400 plan --date 2026-11-23
bad "cli: gap 2" 64 "--gap .*'2'" -- p --gap 2 plan --date 2026-11-23
bad "cli: --now 25:00" 64 "--now .*'25:00'" -- p plan --date 2026-11-23 --now 25:00
bad "cli: unknown format" 64 "--format .*'xml'" -- p --format xml plan --date 2026-11-23
bad "cli: reorder --days 0" 64 "--days is 1 to 14, not 0" -- p reorder --date 2026-11-23 --days 0
bad "cli: windows --days 10^9" 64 "--days is 1 to 366, not 1000000000" -- p windows --from 2026-11-23 --days 1000000000
bad "cli: --days 12abc" 64 "--days wants a whole number, not '12abc'" -- p reorder --date 2026-11-23 --days 12abc
bad "cli: negative budget" 64 "--budget" -- p reorder --date 2026-11-23 --budget -5
bad "cli: whatif --jobs 0" 64 "--jobs .*0" -- p whatif "$DATA/scenario_all_changes.yaml" --jobs 0
bad "cli: import two files" 64 "unexpected argument" -- p import "$W/good_shop.yaml" "$W/good_shop.yaml"
bad "cli: a flag with a value it takes none" 64 "--quiet takes no value" -- p plan --date 2026-11-23 --quiet=yes
bad "cli: board without --out" 64 "--out" -- p board --date 2026-11-23

# ---- round two (tests/RELIABILITY.md, "Ordinary operations and limits") ----
# Far dates: minutes since 1970 overflowed an int; dates end at 2199-12-31.
shop far_delivery 's/arrives: "2026-11-23T12:00"/arrives: "7026-11-23T12:00"/'
bad "shop: a delivery in 7026" 65 "$(at far_delivery.yaml "'7026-11-23T12:00' is not a date and time.*1970 to 2199")" -- imp "$W/far_delivery.yaml"
shop far_job 's/^    date: "2026-11-24"/    date: "2200-01-01"/'
bad "shop: a job on 2200-01-01" 65 "$(at far_job.yaml "'2200-01-01' is not a date")" -- imp "$W/far_job.yaml"
bad "cli: plan --date 9999-12-31" 64 "--date wants a date as YYYY-MM-DD \(1970 to 2199\), not '9999-12-31'" -- p plan --date 9999-12-31
bad "cli: reorder --date 9999-12-31" 64 "--date .*'9999-12-31'" -- p reorder --date 9999-12-31
bad "cli: windows --from 2200-01-01" 64 "--from .*'2200-01-01'" -- p windows --from 2200-01-01
bad "cli: reorder --now 9999-12-31T23:59" 64 "--now .*1970 to 2199.*'9999-12-31T23:59'" -- p reorder --date 2026-11-23 --now 9999-12-31T23:59
bad "cli: reorder --now after the horizon" 64 "'now' is after the end of the reorder horizon" -- p --time-limit 2 reorder --date 2026-11-23 --now 2199-12-31T23:59
# Ids: what looks the same is the same id; commas separate ids in reorder.jobs.
shop id_trailing 's/^  - id: RO-1001$/  - id: "RO-1001 "/'
bad "shop: an id ending with a space" 65 "$(at id_trailing.yaml "job #1: the id 'RO-1001 ' ends with a space")" -- imp "$W/id_trailing.yaml"
shop id_leading 's/^  - id: T2$/  - id: " T2"/'
bad "shop: an id starting with a space" 65 "$(at id_leading.yaml "technician #2: the id ' T2' starts with a space")" -- imp "$W/id_leading.yaml"
shop id_comma 's/^  - id: RO-1002$/  - id: "RO-1002,RO-1003"/'
bad "shop: an id with a comma" 65 "$(at id_comma.yaml "holds a comma, which separates ids in lists")" -- imp "$W/id_comma.yaml"
shop id_zwsp 's/^  - sku: BRK-PAD-F$/  - sku: "BRK-PAD-F\\u200B"/'
bad "shop: an id with a zero-width space" 65 "$(at id_zwsp.yaml "the sku holds an invisible or control character \(U\+200B\)")" -- imp "$W/id_zwsp.yaml"
shop id_bidi 's/^  - {id: B1, type: general}$/  - {id: "B\\u202E1", type: general}/'
bad "shop: an id with a direction override" 65 "$(at id_bidi.yaml "\(U\+202E\)")" -- imp "$W/id_bidi.yaml"
shop id_ctl 's/^  - id: T2$/  - id: "T\\a2"/'
bad "shop: an id with a control character" 65 "$(at id_ctl.yaml "control character")" -- imp "$W/id_ctl.yaml"
# Labels inside minutes and parts name their record (W() wrote over itself).
shop lbl_minutes 's/minutes: {1: 45, 2: 35, 3: 30}/minutes: {1: 0, 2: 35, 3: 30}/'
bad "shop: minutes 0 names the service" 65 "$(at lbl_minutes.yaml "service OIL minutes for level 1: '0'")" -- imp "$W/lbl_minutes.yaml"
shop lbl_parts 's/parts: {FLT-OIL-01: 1, OIL-5W30-L: 5}/parts: {FLT-OIL-01: 1, OIL-5W30-L: 0}/'
bad "shop: parts 0 names the service" 65 "$(at lbl_parts.yaml "service OIL parts quantity of OIL-5W30-L: '0'")" -- imp "$W/lbl_parts.yaml"
printf 'date,sku,qty\n2026-11-16,FLT-OIL-01,2147483648\n' | csv demand d_int
bad "demand: qty 2147483648" 65 "$(at d_int.csv "column 3 'qty': 2147483648 is more than 1000000")" -- imp "$W/d_int.yaml"

echo "catalogue: $cases malformed inputs"
[ "$cases" -ge 40 ] && pass "at least 40 catalogue entries ($cases)" || fail "at least 40 catalogue entries" "$cases"
