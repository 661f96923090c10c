# bench/lumpy_row.awk - one table row from a bp-replay --generate report:
# seed, asked level, fill of intermittent, lumpy and all parts, bayplan's
# stock value, its difference from min/max at the same fill rate (the
# sweep's line), order lines bayplan / min/max (k = z of the level).
/^\| bayplan \|/ { split($0, a, "|"); bl = a[7]; gsub(/ /, "", bl); st = a[6]; gsub(/ /, "", st) }
/^\| min\/max \(k = z/ { split($0, a, "|"); ml = a[7]; gsub(/ /, "", ml) }
/^\| intermittent \|/ { split($0, a, "|"); fi = a[6]; gsub(/^ +| +$/, "", fi) }
/^\| lumpy \|/ { split($0, a, "|"); fl = a[6]; gsub(/^ +| +$/, "", fl) }
/^\| all \|/ { split($0, a, "|"); fa = a[6]; gsub(/^ +| +$/, "", fa) }
/^At bayplan's fill rate/ { eq = $(NF - 1) " %" }
END { printf "| %s | %s | %s | %s | %s | %s | %s | %s / %s |\n", seed, lvl, fi, fl, fa, st, (eq == "" ? "-" : eq), bl, ml }
