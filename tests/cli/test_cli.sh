#!/bin/sh
# test_cli.sh: runs the real rcphub binary on a fresh database and checks annex facts.
# usage: test_cli.sh PATH/TO/rcphub
set -u
RCPHUB=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/rcphub-cli-XXXXXX)
trap 'rm -rf "$work"' EXIT
export RCPHUB_DB="$work/rcphub.db"
passed=0
failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

# expect STATUS GREP-PATTERN -- ARGS...: exit status and a line of stdout+stderr
expect() {
	want=$1 pattern=$2
	shift 3
	out=$("$RCPHUB" "$@" 2>&1)
	got=$?
	if [ "$got" -ne "$want" ]; then
		bad "rcphub $*: exit $got, want $want: $out"
	elif [ -n "$pattern" ] && ! printf '%s\n' "$out" | grep -qE -- "$pattern"; then
		bad "rcphub $*: no line matches /$pattern/ in: $out"
	else
		ok
	fi
}

# json ARGS... -- PYTHON-EXPRESSION over j: the parsed JSON output must satisfy it
json() {
	expr=$1
	shift
	out=$("$RCPHUB" "$@" 2>&1) || { bad "rcphub $*: failed: $out"; return; }
	if printf '%s' "$out" | python3 -c "import json,sys; j=json.load(sys.stdin); sys.exit(0 if ($expr) else 1)"; then
		ok
	else
		bad "rcphub $* --json: not ($expr)"
	fi
}

expect 1 "rcphub init" -- processes
expect 0 "14 processes" -- init
expect 1 "exists; use 'init --force'" -- init
expect 0 "14 processes" -- init --force
expect 0 "Budapest Process" -- processes
json 'len(j) == 14 and all(k in p for p in j for k in ("slug","acronym","name","established"))' processes --json
json '[p["established"] for p in j if p["slug"] == "igc"] == [1985]' processes --json

# membership over time
expect 0 "^NZL .*New Zealand" -- members APC --at 2002
json '"NZL" not in [m["code"] for m in j]' members apc --json
json '[m["status"] for m in j if m["code"] == "ERI"] == ["suspended"]' members igad-rcp --json
json '[(m["role"], m["since"], m["until"]) for m in j if m["code"] == "AFG"] == [("observer", 2004, 2005)]' members "colombo process" --role all --at 2004 --json
json '"AFG" in [m["code"] for m in j]' members "colombo process" --at 2005 --json
json 'len(j) == 20' members "Abu Dhabi Dialogue" --json
json 'len(j) == 37 and "BGR" in [m["code"] for m in j] and "HRV" not in [m["code"] for m in j]' members mtm --json
json 'sorted(m["code"] for m in j) == ["IOM", "UNHCR"] or sorted(m["code"] for m in j) == ["iom", "unhcr"]' members bali --role participant --json
json 'all(set(("code","name","role","status","since","until")) <= set(m) for m in j)' members bali --role all --json

# lookup by any name
expect 0 "^RCM \(rcm\)" -- show "puebla process"
expect 0 "^CBCP" -- show soderkoping
expect 0 "^CBCP" -- show "Söderköping Process"
expect 0 "Working Group on Return and Readmission; chair: POL; co-chair: GBR" -- show budapest
json 'j["slug"] == "bali-process" and len([l for l in j["leadership"] if l["position"] == "co-chair"]) == 2' show bali --json
expect 1 "did you mean: rcm" -- show pueblo

# states
expect 0 "Budapest Process +member" -- state "Macedonia (FYR)"
expect 0 "Hong Kong SAR .*territory of CHN" -- state "Hong Kong SAR"
json 'j["code"] == "VNM" and {p["process"]["slug"] for p in j["processes"]} == {"apc","bali-process","colombo-process","abu-dhabi-dialogue"}' state "Viet Nam" --json
expect 1 "did you mean: SWZ" -- state Swaziand

# overlap
expect 0 "Jaccard index: 0.750" -- overlap "Bali Process" APC
json 'len(j["shared"]) == 33 and j["only_b"] == ["FSM"]' overlap bali apc --json
json 'len(j) == 91 and all(0 <= p["jaccard"] <= 1 for p in j)' overlap --matrix --json
expect 0 '^"process","midsa","midwa"' -- overlap --matrix --csv
expect 0 '^"apc",.*,1.0000,0.7500,' -- overlap --matrix --csv

# usage and bad input
expect 2 "name a process" -- members
expect 2 "not a year" -- members apc --at 20x2
expect 2 "not one of member" -- members apc --role chair
expect 2 "unknown command" -- frobnicate
expect 2 "--csv goes with --matrix" -- overlap apc bali --csv
expect 1 "no database at" -- --db "$work/none.db" processes
echo "not a database at all, just some text that fills the header" >"$work/text.db"
expect 1 "not an rcphub database" -- --db "$work/text.db" processes

# a database from a newer rcphub is refused
sqlite3 "$RCPHUB_DB" "INSERT INTO schema_migrations (version, name) VALUES (99, '0099_future')"
expect 1 "newer than this rcphub" -- processes
expect 0 "14 processes" -- init --force

# a malformed seed file names file, line and field, and nothing is written
cp -r "$top/data" "$work/data"
sed -i 's/"Swaziland"/"Swaziand"/' "$work/data/processes/01-midsa.json"
RCPHUB_DATA="$work/data" expect 1 '01-midsa.json:[0-9]+: participants\[0\]\.countries\[12\]: unknown country "Swaziand"; did you mean SWZ' -- --db "$work/new.db" init
[ ! -e "$work/new.db" ] && ok || bad "a failed init left $work/new.db"
ls "$work" | grep -q 'new.db.new-' && bad "a failed init left a temporary file" || ok
cp "$top/data/processes/01-midsa.json" "$work/data/processes/01-midsa.json"
sed -i 's/"established": 2000/"established": "2000"/' "$work/data/processes/01-midsa.json"
RCPHUB_DATA="$work/data" expect 1 '01-midsa.json:[0-9]+: established: must be a year' -- --db "$work/new.db" init
cp "$top/data/processes/01-midsa.json" "$work/data/processes/01-midsa.json"
printf '{"slug": "x",\n"name": \n' >"$work/data/processes/99-broken.json"
RCPHUB_DATA="$work/data" expect 1 '99-broken.json:[0-9]+: \(syntax\)' -- --db "$work/new.db" init
# a failed --force keeps the old database whole
RCPHUB_DATA="$work/data" expect 1 '99-broken.json' -- init --force
expect 0 "Jaccard index: 0.750" -- overlap bali apc

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
