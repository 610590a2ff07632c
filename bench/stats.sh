#!/bin/sh
# stats.sh: bulk loading SDMX-CSV with `rcphub stats import` against the sqlite3 shell's .import, in one run.
# usage: bench/stats.sh [MILLIONS]   (run from the repository; prints a Markdown table; default 1)
#
# One indicator (monthly, by SEX and AGE) of the Budapest Process: 50
# member states x 2 sexes x 10 ages x 1,000 months = 1,000,000 rows of
# SDMX-CSV 2.0 (x10 ages for 10 million). The reference is the sqlite3
# shell importing the same file into a bare table with the same columns,
# at its fastest here (journal off, no syncs, one transaction); rcphub
# keeps its own settings (WAL) and checks every row. Peak memory (RSS)
# by GNU time at 1 and 10 million rows. The aggregate is the same
# sum by state and year over both databases in the shell. PostgreSQL (a
# throwaway server, scripts/with-postgres) is loaded through the same
# command.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${RCPHUB_PG_URL:-}" ]; then
	cd "$top"
	./scripts/deps
	./scripts/deps bench/packages.txt
	exec ./scripts/with-postgres "$0" "$@"
fi
cd "$top"
make -s all >/dev/null
rcphub="$top/build/release/rcphub"
work=$(mktemp -d /tmp/rcphub-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM

# rows FILE AGES: the SDMX-CSV file with 50 x 2 x AGES x 1000 rows.
rows() {
	"$rcphub" --db "$work/names.db" members budapest --json |
		python3 -c 'import json, sys; print("\n".join(m["code"] for m in json.load(sys.stdin)[:50]))' >"$work/states"
	awk -v ages="$2" 'BEGIN {
		print "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,SEX,AGE,TIME_PERIOD,OBS_VALUE,OBS_STATUS"
	}
	{ states[n++] = $1 }
	END {
		for (s = 0; s < n; s++) for (x = 0; x < 2; x++) for (a = 0; a < ages; a++)
			for (m = 0; m < 1000; m++)
				printf "dataflow,ICMPD:MIG_FLOW(1.0),I,%s,%s,Y%d,%d-%02d,%d,A\n", states[s], x ? "M" : "F", a,
					1920 + int(m / 12), m % 12 + 1, (s * 7919 + a * 104729 + m * 31) % 100000
	}' "$work/states" >"$1"
}

# seconds_and_rss COMMAND...: runs it, prints "seconds peak_rss_kb".
seconds_and_rss() {
	/usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
	cat "$work/time"
}

prepare() {
	"$rcphub" --db "$1" init >/dev/null
	"$rcphub" --db "$1" indicator add budapest MIG_FLOW --name "Immigration" --unit PS --periodicity M \
		--dimension SEX=F+M --dimension AGE >/dev/null
}

"$rcphub" --db "$work/names.db" init >/dev/null
millions=${1:-1}
rows "$work/obs.csv" $((10 * millions))
n=$(($(wc -l <"$work/obs.csv") - 1))

# the reference: the shell's .import into a bare table, at its fastest
cat >"$work/import.sql" <<SQL
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE obs (STRUCTURE TEXT, STRUCTURE_ID TEXT, ACTION TEXT, REF_AREA TEXT, SEX TEXT, AGE TEXT,
                  TIME_PERIOD TEXT, OBS_VALUE TEXT, OBS_STATUS TEXT);
.import --csv --skip 1 $work/obs.csv obs
SQL
shell=$(seconds_and_rss sqlite3 "$work/shell.db" ".read $work/import.sql")

prepare "$work/rcphub.db"
lite=$(seconds_and_rss "$rcphub" --db "$work/rcphub.db" stats import budapest "$work/obs.csv")
prepare "$RCPHUB_PG_URL"
pg=$(seconds_and_rss "$rcphub" --db "$RCPHUB_PG_URL" stats import budapest "$work/obs.csv")

# ten times the rows: the peak memory should not grow with the file
if [ "$millions" -eq 1 ]; then
	rows "$work/obs10.csv" 100
	prepare "$work/rcphub10.db"
	lite10=$(seconds_and_rss "$rcphub" --db "$work/rcphub10.db" stats import budapest "$work/obs10.csv")
fi

# the aggregate: the same sum by state and year, on the shell's table and on rcphub's
agg() {
	start=$(date +%s.%N)
	sqlite3 "$1" "$2" >"$3"
	end=$(date +%s.%N)
	echo "$end - $start" | bc
}
shell_agg=$(agg "$work/shell.db" "SELECT REF_AREA, substr(TIME_PERIOD, 1, 4) AS year, sum(CAST(OBS_VALUE AS REAL))
	FROM obs GROUP BY REF_AREA, year ORDER BY REF_AREA, year" "$work/agg-shell")
lite_agg=$(agg "$work/rcphub.db" "SELECT ref_area, substr(period, 1, 4) AS year, sum(CAST(value AS REAL))
	FROM observations GROUP BY ref_area, year ORDER BY ref_area, year" "$work/agg-rcphub")
cmp -s "$work/agg-shell" "$work/agg-rcphub" || { echo "bench: the two sums differ" >&2; exit 1; }

echo "$n rows of SDMX-CSV 2.0 ($(du -m "$work/obs.csv" | cut -f1) MB), $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| load | seconds | rows/s | peak RSS (MB) | speed against the shell |"
echo "|---|---:|---:|---:|---:|"
row() {
	awk -v name="$1" -v t="$2" -v ref="$shell" -v n="$n" 'BEGIN {
		split(t, a, " "); split(ref, r, " ")
		printf "| %s | %.2f | %.0f | %.1f | %.2f |\n", name, a[1], n / a[1], a[2] / 1024, r[1] / a[1] }'
}
row "sqlite3 shell, .import into a bare table" "$shell"
row "rcphub stats import, SQLite" "$lite"
row "rcphub stats import, PostgreSQL" "$pg"
if [ -n "${lite10:-}" ]; then
	echo
	awk -v a="$lite" -v b="$lite10" -v n="$n" 'BEGIN { split(a, x, " "); split(b, y, " ")
		printf "Peak RSS of rcphub stats import: %.1f MB at %d rows, %.1f MB at %d rows (%+.1f%%); %.2f s for the larger.\n",
			x[2] / 1024, n, y[2] / 1024, 10 * n, 100 * (y[2] - x[2]) / x[2], y[1] }'
fi
echo
awk -v s="$shell_agg" -v r="$lite_agg" 'BEGIN {
	printf "Sum by state and year in the sqlite3 shell: %.3f s on the bare table, %.3f s on rcphub'"'"'s (%.2f of the bare table'"'"'s speed).\n", s, r, s / r }'
