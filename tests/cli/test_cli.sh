#!/bin/sh
# test_cli.sh: runs the real rcphub binary on a fresh database and checks annex facts.
# usage: test_cli.sh PATH/TO/rcphub
# With $RCPHUB_TEST_DB set to a postgresql:// URL the same checks run on
# that database (emptied first); checks about database files run on SQLite only.
set -u
RCPHUB=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/rcphub-cli-XXXXXX)
trap 'rm -rf "$work"' EXIT
pg=${RCPHUB_TEST_DB:-}
if [ -n "$pg" ]; then
	export RCPHUB_DB="$pg"
	psql -q "$pg" -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public' 2>/dev/null
else
	export RCPHUB_DB="$work/rcphub.db"
fi
export RCPHUB_SECRET_KEY="$work/secret.key"
# sql STATEMENT: runs SQL on the test database with its engine's shell.
sql() {
	if [ -n "$pg" ]; then psql -q "$pg" -c "$1"; else sqlite3 "$RCPHUB_DB" "$1"; fi
}
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
expect 0 "23 processes" -- init
expect 1 "use 'init --force'" -- init
expect 0 "23 processes" -- init --force
expect 0 "23 processes, [0-9]+ member governments and territories, 769 participations" -- summary
expect 0 "^    FRA +France +7$" -- summary
expect 2 "does not apply" -- summary --json
expect 0 "Budapest Process" -- processes
json 'len(j) == 23 and all(k in p for p in j for k in ("slug","acronym","name","established"))' processes --json
json '[p["established"] for p in j if p["slug"] == "igc"] == [1985]' processes --json

# membership over time
expect 0 "^NZL .*New Zealand" -- members APC --at 2002
expect 0 '^"New Zealand","NZL","government","member","former","",2003,.*"iom-mrs-38","Annex, Asia and Oceania: APC","","2009","inferred"' -- members APC --at 2002 --csv
expect 0 '^"party","code","kind","role","status","since","until"' -- members bali --csv
json '"NZL" not in [m["code"] for m in j]' members apc --json
json '[m["status"] for m in j if m["code"] == "ERI"] == ["suspended"]' members igad-rcp --json
json '[(m["role"], m["since"], m["until"]) for m in j if m["code"] == "AFG"] == [("observer", 2004, 2005)]' members "colombo process" --role all --at 2004 --json
json '"AFG" in [m["code"] for m in j]' members "colombo process" --at 2005 --json
json 'len(j) == 20' members "Abu Dhabi Dialogue" --json
# The annex's entities as it names them: the SADC community apart from its
# secretariat, the IGC process apart from the IGC Secretariat.
json '{"sadc-secretariat", "sadc-pf", "immigration-and-labour", "au-commission"} <= {m["code"] for m in j}' members midsa --role observer --json
json '"sadc" in [m["code"] for m in j] and "sadc-secretariat" not in [m["code"] for m in j]' members igad-rcp --role partner --json
json '"igc" in [m["code"] for m in j] and "igc-secretariat" not in [m["code"] for m in j]' members budapest --role observer --json
json '"igc-secretariat" in [m["code"] for m in j]' members bali --role observer --json
expect 0 "Establishing a common migrant resource centre and in the Gulf" -- show colombo
# every name the report uses resolves; names from elsewhere carry their own source
expect 0 "^APC \(apc\)" -- show "Intergovernmental Asia-Pacific Consultations on Refugees, Displaced Persons and Migrants"
expect 0 "^Colombo Process" -- show "Ministerial Consultations on Overseas Employment and Contractual Labour for Countries of Origin in Asia"
expect 0 "^MIDSA" -- show MDSA
expect 0 "^IGC \(igc\)" -- show "Inter-Governmental Consultations on Asylum, Refugee and Migration Policies"
expect 0 "Also known as: Puebla Process, Conferencia Regional sobre Migración \(rcmvs-org\), CRM \(rcmvs-org\)" -- show rcm
json 'dict(zip(j["aliases"], j["alias_sources"])) == {"Lima Declaration Process": "iom-rcps-region", "South American Meeting on Migration, Integration and Development": "iom-rcps-region"}' show sacm --json
expect 1 "did you mean: rcm" -- show pueblo
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
json 'len(j) == 253 and all(0 <= p["jaccard"] <= 1 for p in j)' overlap --matrix --json
expect 0 '^"process","midsa","midwa"' -- overlap --matrix --csv
expect 0 '^"apc",.*,1.0000,0.7500,' -- overlap --matrix --csv

# usage and bad input
expect 2 "name a process" -- members
expect 2 "not a year" -- members apc --at 20x2
# Time is never invented: the annex lists the Budapest Process's members
# undated, so they are attested from 2009, not from its founding in 1991.
expect 0 "^not attested in 1992 \(first attested 2009\): Albania, .*Armenia" -- members budapest --at 1992
json 'len(j) == 49 and not any(m["attested"] for m in j) and {m["attested_from"] for m in j} == {2009}' members budapest --at 1992 --json
json 'len(j) == 49 and all(m["attested"] for m in j)' members budapest --at 2009 --json
json '[(m["code"], m["attested"]) for m in j if m["code"] in ("NZL", "HKG")] == [("HKG", False), ("NZL", True)] or sorted((m["code"], m["attested"]) for m in j if m["code"] in ("NZL", "HKG")) == [("HKG", False), ("NZL", True)]' members apc --at 2002 --json
expect 1 "at: 2030 is after this year" -- members budapest --at 2030
expect 0 "^TUR +Türkiye \(Turkey in the source\) +member" -- members budapest
expect 0 "^GBR +United Kingdom +member" -- members budapest
json 'j["processes"] == [] or all(not p["attested"] for p in j["processes"])' state armenia --at 2000 --json
expect 0 "not attested in 2000 \(first attested 2009\): Budapest Process \(member\)" -- state armenia --at 2000
expect 0 "Jaccard index: 0.000" -- overlap bali apc --at 2002
json 'j["at"] == 2009 and len(j["shared"]) == 33' overlap bali apc --at 2009 --json
json '"bali-process" not in [p["slug"] for p in j] and [p["members"] for p in j if p["slug"] == "budapest-process"] == [0]' processes --at 2001 --json
json '[p["members"] for p in j if p["slug"] == "colombo-process"] == [10]' processes --at 2004 --json
json '{p["slug"]: p["kind"] for p in j if p["kind"] != "rcp"} == {"rabat-process": "irf", "khartoum-process": "irf"}' processes --json
json 'len(j) == 48 and all(m["attested"] for m in j) and [m["since"] for m in j if m["code"] == "BLR"] == [2010]' members prague --at 2018 --json
json '[m["code"] for m in j if m["attested"]] == ["BLR"]' members prague --at 2011 --json
json '[(l["name"], l["since"], l["provenance"]["source"]) for l in j["leadership"]] == [("Czechia", 2009, "prague-process-states"), ("Poland", 2011, "iom-prague-process"), ("Lithuania", 2018, "iom-prague-process"), ("Czechia", 2021, "prague-process-states")]' show prague --json
json 'len(j) == 38 and {m["provenance"]["as_of"] for m in j} == {"2014-11-25"}' members khartoum --json
json 'len(j) == 22 and sorted(m["code"] for m in j if m["kind"] == "territory") == ["ABW", "AIA", "CUW", "CYM", "MSR", "TCA"] and all(m["provenance"]["as_of_stated"] is False for m in j)' members cmc --json
expect 0 "may be Saint-Martin \(France\) or Sint Maarten" -- show cmc
expect 0 "dormant and inactive since 2016" -- show midcas
# the 14's own changes since 2010, each from its own source
json '[(m["code"], m["role"], m["attested"]) for m in j if m["code"] in ("AFG", "CHN")] == [("AFG", "participant", False), ("CHN", "observer", False)]' members budapest --role all --at 2010 --json
json '[(m["code"], m["provenance"]["as_of"]) for m in j if m["code"] in ("AFG", "IRN")] == [("AFG", "2015-02"), ("IRN", "2015-02")]' members budapest --role all --at 2015 --json
json '[(l["name"], l["since"], l["succeeded_in"], l["provenance"]["source"]) for l in j["leadership"]] == [("Sri Lanka", 2013, 2024, "iom-nepal-colombo-chair"), ("India", 2024, None, "devdiscourse-colombo-india-2024")]' show colombo --json
# a later chair ends an open earlier one: one chair a year
json '[l["name"] for l in j["leadership"]] == ["Sri Lanka"]' show colombo --at 2020 --json
json '[l["name"] for l in j["leadership"]] == ["India"]' show colombo --at 2024 --json
expect 0 "Sri Lanka, since 2013; succeeded in 2024" -- show colombo
expect 0 "not attested in 2010 \(first attested 2024\): Cambodia" -- members colombo --at 2010
# MIDSA's chairs since 2010 and the RCM's, each from its own source: a
# year answers with that year's chair alone.
expect 0 "chair +Mozambique, in 2012" -- show midsa --at 2012
out=$("$RCPHUB" show midsa --at 2012 2>&1); printf '%s\n' "$out" | grep -q "Namibia, in 2010" && bad "MIDSA in 2012 lists its 2010 chair" || ok
expect 0 "chair +Madagascar, since 2025" -- show midsa
json '[l["name"] for l in j["leadership"] if l["until"] is None] == ["Madagascar"] and j["leadership"][0]["provenance"]["url"] == "https://www.iom.int/migration-dialogue-southern-africa-midsa" and not j["leadership"][0]["provenance"]["as_of_stated"] and j["as_of"] == 2025' show midsa --json
expect 0 "not attested in 2009 \(first attested 2025\): 11 more" -- show midsa --at 2009
expect 0 "chair +Guatemala, in 2019" -- show rcm --at 2019
json '[l["name"] for l in j["leadership"]] == ["Panama"]' show rcm --at 2018 --json
json 'len(j) == 10 and {m["provenance"]["source"] for m in j} == {"iom-midcas-draft"} and j[0]["provenance"]["url"].startswith("https://docsbay.net/")' members midcas --json

# Today's processes beside the annex, each fact with its own source; where
# sources disagree both are kept.
json '[(m["code"], m["role"], m["until"], m["provenance"]["source"]) for m in j["participants"] if m["code"] == "TKM"] == [("TKM", "observer", None, "iom-almaty-process"), ("TKM", "member", 2023, "unhcr-almaty-faq")]' show almaty --json
json '[m["code"] for m in j if m["attested"]] == ["TKM"]' members almaty --at 2015 --json
json '[m["provenance"]["url"] for m in j if m["code"] == "TUR"] == ["https://www.iom.int/almaty-process-refugee-protection-and-international-migration"]' members almaty --json
json 'len(j) == 21 and {m["code"] for m in j if m["provenance"]["source"] == "iom-pidc"} == {"FSM", "NCL", "NIU", "WLF"}' members pidc --json
json '[m["kind"] for m in j if m["code"] in ("ASM", "TKL")] == ["territory", "territory"]' members pidc --json
# MIDCOM and the ARCP, as IOM lists them: the names IOM writes resolve, a
# disagreement between two versions of a page is said, not settled.
json 'len(j) == 21 and {"TUN", "SOM", "SWZ"} <= {m["code"] for m in j} and j[0]["provenance"]["source"] == "iom-midcom"' members COMESA-RCP --json
expect 0 "Palestine, State of \(Palestinian Territories in the source\)" -- members arcp
json '[m["note"] for m in j if m["code"] == "SYR"][0].startswith("Listed among the 22") and len(j) == 22' members arcp --json
json 'j["secretariat"]["organisations"] == ["league-of-arab-states"] and j["leadership"][0]["name"] == "League of Arab States" and j["notes_provenance"][1]["source"] == "iom-news-arcp-2015"' show arcp --json
expect 0 "ARCP was established in 2015" -- members arcp --at 2014
json 'len(j) == 55 and "GBR" not in [m["code"] for m in j]' members rabat --json
json 'len(j) == 17 and [p["members"] for p in j if p["kind"] == "rcp" and p["established"] == 1996] == [34, 11, 0] and [p["members"] for p in j if p["slug"] == "igad-rcp"] == [6]' processes --at 2009 --json
json 'j["participants"][0]["provenance"]["as_of_stated"] is False and j["as_of"] == 2015' show budapest --json
json 'j["as_of"] == 2009' show apc --json
expect 0 "^not attested in 1995 \(first attested 2009\)" -- show budapest --at 1995
expect 0 "^  chair +Türkiye, since 2006" -- show budapest --at 2007
out=$("$RCPHUB" show igc --at 2007 2>&1); printf '%s\n' "$out" | grep -qE "^  chair +Sweden" && ! printf '%s\n' "$out" | grep -qE "^  chair +(Switzerland|Ireland)" && ok || bad "IGC's chair in 2007 is Sweden alone: $out"
expect 2 "not one of member" -- members apc --role chair
expect 2 "unknown command" -- frobnicate
expect 2 "--csv goes with --matrix" -- overlap apc bali --csv
if [ -z "$pg" ]; then
	expect 1 "no database at" -- --db "$work/none.db" processes
	echo "not a database at all, just some text that fills the header" >"$work/text.db"
	expect 1 "not an rcphub database" -- --db "$work/text.db" processes
fi
# an unreachable server is named by host and port, never with the password
expect 1 'cannot connect: .*Connection refused \(PostgreSQL at 127.0.0.1:1/rcp\)' -- --db postgresql://someone:s3cret@127.0.0.1:1/rcp processes
"$RCPHUB" --db postgresql://someone:s3cret@127.0.0.1:1/rcp processes 2>&1 | grep -q s3cret && bad "the password was shown" || ok
expect 1 'invalid integer value "notaport" for connection option "port"' -- --db "postgresql://x@127.0.0.1:notaport/rcp" processes
expect 1 "the database URL is malformed" -- --db "postgresql://x@[::1/rcp" processes

# a database from a newer rcphub is refused
sql "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, '0099_future', 0)"
expect 1 "newer than this rcphub" -- processes
sql "DELETE FROM schema_migrations WHERE version = 99"
expect 0 "23 processes" -- init --force

# a malformed seed file names file, line and field, and nothing is written
cp -r "$top/data" "$work/data"
sed -i 's/"Swaziland"/"Swaziand"/' "$work/data/processes/01-midsa.json"
if [ -z "$pg" ]; then
	RCPHUB_DATA="$work/data" expect 1 '01-midsa.json:[0-9]+: participants\[0\]\.countries\[12\]: unknown country "Swaziand"; did you mean SWZ' -- --db "$work/new.db" init
	[ ! -e "$work/new.db" ] && ok || bad "a failed init left $work/new.db"
	ls "$work" | grep -q 'new.db.new-' && bad "a failed init left a temporary file" || ok
else
	RCPHUB_DATA="$work/data" expect 1 '01-midsa.json:[0-9]+: participants\[0\]\.countries\[12\]: unknown country "Swaziand"; did you mean SWZ' -- init --force
	expect 0 "Jaccard index: 0.750" -- overlap bali apc
fi
cp "$top/data/processes/01-midsa.json" "$work/data/processes/01-midsa.json"
sed -i 's/"established": 2000/"established": "2000"/' "$work/data/processes/01-midsa.json"
RCPHUB_DATA="$work/data" expect 1 '01-midsa.json:[0-9]+: established: must be a year' -- init --force
cp "$top/data/processes/01-midsa.json" "$work/data/processes/01-midsa.json"
sed -i 's/"source": "rcmvs-org"}, {"name": "CRM"/"source": "nowhere"}, {"name": "CRM"/' "$work/data/processes/08-rcm.json"
RCPHUB_DATA="$work/data" expect 1 '08-rcm.json: aliases\[\]\.source: unknown source "nowhere"' -- init --force
cp "$top/data/processes/08-rcm.json" "$work/data/processes/08-rcm.json"
printf '{"slug": "x",\n"name": \n' >"$work/data/processes/99-broken.json"
RCPHUB_DATA="$work/data" expect 1 '99-broken.json:[0-9]+: \(syntax\)' -- init --force
# a failed --force keeps the old database whole
RCPHUB_DATA="$work/data" expect 1 '99-broken.json' -- init --force
expect 0 "Jaccard index: 0.750" -- overlap bali apc

# accounts: roles must fit the user's government; everything is audited
pw="a long enough password"
printf '%s\n' "$pw" >"$work/pw"
printf 'short\n' >"$work/short-pw"
add_user() { printf '%s\n' "$pw" | "$RCPHUB" user add "$@" >/dev/null 2>&1 || bad "user add $*"; }
add_user sec --org "International Organization for Migration" --password-stdin
add_user manila --government Philippines --name "María Santos" --email maria.santos@dfa.gov.ph --password-stdin
json '[(u["full_name"], u["email"]) for u in j if u["login"] == "manila"] == [("María Santos", "maria.santos@dfa.gov.ph")]' user list --json
out=$(printf '%s\n' "$pw" | "$RCPHUB" user add bad --government Philippines --email "not an address" --password-stdin 2>&1)
[ $? -eq 1 ] && printf '%s' "$out" | grep -q "email: an address such as" && ok || bad "a malformed email is refused: $out"
expect 0 "manila is now focal-point in bali" -- user grant manila bali focal-point
expect 1 "PHL is not a member government of Budapest Process" -- user grant manila budapest official
expect 1 "role: \"chair\" is not a role; use secretariat" -- user grant manila bali chair
expect 1 "user sec exists already" -- user add sec --org iom --password-stdin <"$work/pw"
expect 1 "password: must be 12 to 1024 characters" -- user add weak --government FRA --password-stdin <"$work/short-pw"
printf 'aaaaaaaaaaaaaaaa\n' >"$work/same-pw"
expect 1 "password: repeats one character" -- user add weak --government FRA --password-stdin <"$work/same-pw"
printf 'International\n' >"$work/word-pw"
expect 1 "password: is a common password or a single dictionary word" -- user add weak --government FRA --password-stdin <"$work/word-pw"
printf 'winniethepooh\n' >"$work/common-pw"
expect 1 "password: is a common password" -- user add weak --government FRA --password-stdin <"$work/common-pw"
expect 1 "government: no country or territory matches \"Atlantis\"" -- user add xy --government Atlantis --password-stdin <"$work/pw"
expect 2 "give the password on stdin" -- user add y --government FRA
expect 0 "sec +iom" -- user list
json 'any(u["login"] == "manila" and u["government"] == "PHL" and u["roles"] == [{"process": "bali-process", "role": "focal-point"}] for u in j)' user list --json
expect 0 "^[0-9a-f]{64}$" -- user token manila
expect 1 "no user ghost" -- user disable ghost
# no one disables the last administrator; a disabled account comes back; an
# administrator sets a password that must be changed at the next sign-in
add_user boss --government FRA --admin --password-stdin
expect 1 "boss is the last administrator who can sign in" -- user disable boss
expect 0 "" -- user disable manila
expect 0 "manila may sign in again" -- user enable manila
json '[u["disabled"] for u in j if u["login"] == "manila"] == [False]' user list --json
expect 1 "no user ghost" -- user enable ghost
expect 1 "password: must be 12 to 1024 characters" -- user password manila --password-stdin <"$work/short-pw"
printf 'another long enough password\n' >"$work/pw2"
expect 0 "manila has a new password, to be changed at the next sign-in" -- user password manila --password-stdin <"$work/pw2"
expect 0 "user.password +manila" -- audit
expect 2 "user password USER --password-stdin" -- user password manila --now
expect 0 "^otpauth://totp/rcphub:manila\?secret=[A-Z2-7]{32}&issuer=rcphub" -- user totp manila
expect 0 "signs in with a password only" -- user totp manila --off
expect 1 "no user ghost" -- user totp ghost
expect 0 "" -- user revoke manila bali
expect 1 "holds no role" -- user revoke manila bali

# documents from the shell
printf '# Minutes\n\nAgreed.\n' >"$work/minutes.md"
printf 'attached bytes' >"$work/annex.pdf"
expect 0 "added document 1" -- doc add bali --title "Ministerial Declaration" --level public --kind declaration --date 2009-04-15 --body-file "$work/minutes.md"
json 'j["level"] == "members" and j["file"] == {"name": "annex.pdf", "type": "application/pdf", "size": 14} and "<h1>Minutes</h1>" in j["body_html"]' doc add bali --title "Senior officials' notes" --level members --file "$work/annex.pdf" --body-file "$work/minutes.md" --json
expect 1 "level: use public, participants, members or restricted" -- doc add bali --title T --level secret
expect 1 "date: use a real day" -- doc add bali --title T --level public --date 2009-13-01
expect 1 "state: Brazil does not take part in Colombo Process" -- doc add colombo --title T --level public --state Brazil
expect 1 "readers\[0\]: no user ghost" -- doc add bali --title T --level restricted --reader ghost
expect 1 "no process matches" -- doc add atlantis --title T --level public
json 'len(j) == 2 and j[0]["title"] == "Ministerial Declaration"' doc list bali --json
expect 0 "members +other +Senior officials' notes" -- doc list bali
expect 0 "document.add +bali-process document:2" -- audit --process bali
expect 0 '^"id","at","user"' -- audit --csv
json 'j[0]["action"] == "document.list" and j[-1]["action"] == "user.add"' audit --json
expect 0 "Ministerial Declaration" -- doc show 1
json 'j["title"] == "Ministerial Declaration, revised" and j["level"] == "members" and j["date"] is None' doc update 1 --title "Ministerial Declaration, revised" --level members --date "" --json
expect 1 "title: must not be empty" -- doc update 1 --title ""
expect 1 "level: use public, participants, members or restricted" -- doc update 1 --level secret
expect 2 "unknown option --colour" -- doc update 1 --colour red
expect 2 "is not a document number" -- doc show one
expect 1 "no document 99" -- doc delete 99
expect 0 "changed document 1" -- doc update 1 --title "Ministerial Declaration"
expect 0 "^3 +[0-9-]{10}  cli:[a-z0-9_-]+ +members +Ministerial Declaration$" -- doc versions 1
json '[(v["version"], v["title"], v["level"]) for v in j] == [(3, "Ministerial Declaration", "members"), (2, "Ministerial Declaration, revised", "members"), (1, "Ministerial Declaration", "public")]' doc versions 1 --json
expect 0 "document.update +bali-process document:1" -- audit --process bali
expect 0 "deleted document 2" -- doc delete 2
expect 1 "no document 2" -- doc show 2
expect 0 "added document 3" -- doc add bali --title "Senior officials' notes" --level members --file "$work/annex.pdf"
expect 1 "holds 3 users, 2 documents and 0 registry edits that a rebuild from the seed would delete" -- init --force
# Editing the registry where it lives: a change of the world is a new fact
# (the old one keeps answering for its years), a correction replaces one;
# every edit names its source and goes into the history.
expect 0 "^added fact 11 to almaty" -- fact add almaty --party Uzbekistan --role member --since 2025 --source "Baku Declaration" --section Participants --url https://example.org/baku --as-of 2025-04-24
json '"UZB" not in [m["code"] for m in j]' members almaty --at 2024 --json
json '[(m["since"], m["provenance"]["url"], m["source_name"]) for m in j if m["code"] == "UZB"] == [(2025, "https://example.org/baku", "Uzbekistan")]' members almaty --json
expect 1 "source: is required" -- fact add almaty --party Chile --role observer --section S --as-of 2025
expect 1 "until: 2019 is not after the start, 2020" -- fact add almaty --party Chile --role observer --since 2020 --until 2019 --source S --section S --as-of 2025
expect 1 "party: no state, territory or organisation matches \"Atlantis\"" -- fact add almaty --party Atlantis --role member --source S --section S --as-of 2025
expect 1 "role: International Organization for Migration is an organisation: members are governments" -- fact add almaty --party IOM --role member --source S --section S --as-of 2025
expect 1 "party: Kazakhstan is already a current member of Almaty Process \(fact 2\)" -- fact add almaty --party Kazakhstan --role member --source S --section S --as-of 2025
expect 1 "as_of: give the source's date as YYYY" -- fact add almaty --party Chile --role observer --source S --section S --as-of "last year"
expect 1 "until: 2022 is not after the fact's start, 2023" -- fact end almaty 0 --until 2022 --source S --section S --as-of 2025
expect 1 "Almaty Process has no participation 99" -- fact end almaty 99 --until 2025 --source S --section S --as-of 2025
expect 0 "^added post 5 to almaty" -- post add almaty --post chair --party Kazakhstan --since 2025 --source "Baku Declaration" --section Chair --as-of 2025-04-24
expect 0 "^ended post 4 of almaty" -- post end almaty 4 --until 2025 --source "Baku Declaration" --section Chair --as-of 2025-04-24
json '[(l["name"], l["since"], l["until"], l["provenance"]["source"]) for l in j["leadership"][-2:]] == [("Azerbaijan", 2023, 2025, "iom-almaty-process"), ("Kazakhstan", 2025, None, "src-1")]' show almaty --json
expect 0 "^corrected fact 9 of almaty" -- fact correct almaty 9 --role observer --note "an observer State, as IOM lists it" --source iom-almaty-process --section "Observer States" --as-of 2023 --as-of-stated no
json '[(e["action"], e["fact"], e["fact_id"], e["login"], e["source"]["id"]) for e in j] == [("correct", "participation", 9, "cli:root", "iom-almaty-process"), ("end", "post", 4, "cli:root", "src-1"), ("add", "post", 5, "cli:root", "src-1"), ("add", "participation", 11, "cli:root", "src-1")]' history almaty --json
json 'j[0]["before"].startswith("Turkmenistan (TKM): observer, active") and "an observer State" not in j[0]["before"]' history almaty --json
expect 0 "was: chair: Azerbaijan \(AZE\), 2023-;" -- history almaty
expect 0 "no edits since the registry was built" -- history bali
expect 1 "holds 3 users, 2 documents and 4 registry edits that a rebuild from the seed would delete" -- init --force
# Refreshing from the seed data without touching accounts or documents:
# on an unchanged data/ there is nothing to say; a changed copy is shown,
# applied in one transaction, recorded in the history, and then says nothing.
out=$("$RCPHUB" registry diff 2>&1) && [ -z "$out" ] && ok || bad "registry diff on the unchanged seed: $out"
cp -r "$(dirname "$0")/../../data" "$work/seed"
python3 - "$work/seed" <<'PY'
import json, sys
d = sys.argv[1] + "/processes/"
s = open(d + "05-bali-process.json").read()
s = s.replace('"participants": [\n', '"participants": [\n    {"role": "observer", "country": "Chile", "since": 2024, "source": '
              '{"document": "iom-almaty-process", "section": "Test", "as_of": "2024"}},\n', 1)
s = s.replace('"ADB", "APC Secretariat", ', '"APC Secretariat", ', 1)
open(d + "05-bali-process.json", "w").write(s)
s = open(d + "04-apc.json").read().replace('"until": 2003, "status": "former"', '"until": 2004, "status": "former"')
apc = json.loads(s)
apc["themes"].append({"text": "labour mobility", "source": {"document": "iom-almaty-process", "section": "Test",
                                                             "as_of": "2024", "as_of_stated": False}})
open(d + "04-apc.json", "w").write(json.dumps(apc, indent=2))
PY
expect 0 "^apc: corrected participation 34: New Zealand \(NZL\): member, former, -2004" -- registry diff "$work/seed"
expect 0 "^    was: New Zealand \(NZL\): member, former, -2003" -- registry diff "$work/seed"
expect 0 "^bali-process: added participation: Chile \(CHL\): observer, active, 2024-" -- registry diff "$work/seed"
expect 0 "^bali-process: removed participation [0-9]+: Asian Development Bank" -- registry diff "$work/seed"
expect 0 "^apc: replaced themes: .*; labour mobility$" -- registry diff "$work/seed"
expect 0 "^applied 4 changes from" -- registry apply "$work/seed"
out=$("$RCPHUB" registry diff "$work/seed" 2>&1) && [ -z "$out" ] && ok || bad "after apply, diff prints: $out"
json '[m["code"] for m in j if m["code"] in ("CHL", "adb")] == ["CHL"]' members bali --role observer --json
json '[e["action"] for e in j[:2]] == ["apply"] * 2 and j[0]["login"] == "cli:root"' history bali --json
json '[(e["action"], e["fact"], e["fact_id"]) for e in j] == [("apply", "themes", None), ("apply", "participation", 34)] and "-2004" in j[1]["after"] and j[0]["source"]["id"] == "iom-almaty-process"' history apc --json
json 'j["themes"][-1] == "labour mobility" and j["themes_provenance"][-1]["source"] == "iom-almaty-process" and not j["themes_provenance"][-1]["as_of_stated"] and j["themes_provenance"][0]["source"] == "iom-mrs-38"' show apc --json
expect 0 "not attested in 2010 \(first attested 2024\): 1 more" -- show apc --at 2010
expect 0 "labour mobility \(iom-almaty-process, as of 2024\)" -- show apc
expect 0 "^applied 4 changes from" -- registry apply
expect 0 "^ended fact 9 of almaty" -- fact end almaty 9 --until 2025 --source S --section S --as-of 2025
out=$("$RCPHUB" registry diff 2>&1) && [ -z "$out" ] && ok || bad "a fact edited here is the editors', not the seed's: $out"
out=$("$RCPHUB" registry diff 2>&1) && [ -z "$out" ] && ok || bad "the seed applied back still differs: $out"
json 'len(j) == 3' user list --json
json 'len(j) == 2' doc list bali --json
expect 0 "Ministerial Declaration" -- doc list bali

# focal points: the directory, its exports and freshness
json 'j["party"] == {"code": "PHL", "name": "Philippines", "kind": "government"} and j["languages"] == ["en", "tl"] and j["ministry"] == "foreign-affairs"' focal add bali Philippines --name "María Santos" --email maria.santos@dfa.gov.ph --title "Director, Office of Migrant Workers Affairs" --ministry foreign-affairs --phone "+63 2 8834 4000" --languages en,tl --verified 2026-03-01 --json
expect 0 "added focal point 2" -- focal add bali "Kingdom of Thailand" --name "Somchai P." --email somchai@mfa.go.th --position alternate
expect 0 "added focal point 3" -- focal add bali IOM --name "Regional desk" --email rso@iom.int --verified 2020-01-10
expect 1 "party: Brazil does not take part in Bali Process" -- focal add bali Brazil --name X --email x@example.org
expect 1 "party: no state or organisation matches \"Atlantis\"" -- focal add bali Atlantis --name X --email x@example.org
expect 1 "email: \"nope\" is not an email address" -- focal add bali THA --name X --email nope
expect 1 "name: is required" -- focal add bali THA --email x@example.org
expect 1 "languages\[1\]: \"english\" is not an ISO 639-1 code" -- focal add bali THA --name X --email x@example.org --languages en,english
expect 1 "verified: 2999-01-01 is in the future" -- focal add bali THA --name X --email x@example.org --verified 2999-01-01
expect 1 "ministry: use foreign-affairs, interior, justice, labour, immigration or other" -- focal update 1 --ministry defence
expect 2 "unknown option --colour" -- focal add bali THA --name X --email x@example.org --colour red
json 'len(j) == 3 and {f["name"] for f in j} == {"María Santos", "Somchai P.", "Regional desk"}' focal list bali --json
json '{f["name"] for f in j} == {"Somchai P.", "Regional desk"} and len(j) == 2' focal list --stale 12 --json
json '[f["name"] for f in j] == ["María Santos"]' focal list bali --state "the Philippines" --json
expect 0 '^"bali-process","PHL","Philippines","focal-point","María Santos"' -- focal list bali --csv
"$RCPHUB" focal list bali --vcard >"$work/cards.vcf"
/usr/bin/python3 -c '
import sys, vobject
cards = {c.fn.value: c for c in vobject.readComponents(open(sys.argv[1], encoding="utf-8").read())}
m = cards["María Santos"]
assert m.version.value == "4.0"
assert m.org.value == ["Philippines", "Ministry of Foreign Affairs"], m.org.value
assert m.title.value == "Director, Office of Migrant Workers Affairs"
assert [l.value for l in m.lang_list] == ["en", "tl"]
assert m.email.value == "maria.santos@dfa.gov.ph" and m.tel.value == "+63 2 8834 4000"
assert cards["Somchai P."].role.value.startswith("Alternate focal point, Bali Process")
assert len(cards) == 3
' "$work/cards.vcf" && ok || bad "focal list --vcard: the cards do not read back in python3-vobject"
json 'j["verified"] == "2026-05-02" and j["languages"] == ["en"] and j["title"] is None' focal update 1 --verified 2026-05-02 --languages en --title "" --json
expect 0 "focal.update +bali-process focal-point:1 María Santos" -- audit --process bali
expect 0 "deleted focal point 3" -- focal delete 3
expect 1 "no focal point 3" -- focal show 3

# meetings and delegations, with figures checked by hand
expect 0 "added meeting 1" -- meeting add budapest --title "Senior Officials Meeting, Antalya" --type senior-officials --start 2009-03-10 --end 2009-03-11 --series "Senior Officials Meeting" --host Turkey --venue Antalya --level public
expect 0 "added meeting 2" -- meeting add budapest --title "Senior Officials Meeting, Budapest" --type senior-officials --start 2010-04-05 --series "Senior Officials Meeting" --host Hungary
json 'j["working_group"] == "Working Group on Return and Readmission" and j["level"] == "participants" and j["end"] == "2010-06-01"' meeting add budapest --title "Workshop on return" --type technical-workshop --start 2010-06-01 --working-group "working group on return and readmission" --level participants --json
expect 1 "end: 2010-01-01 is before the first day, 2010-01-05" -- meeting add budapest --title X --type ad-hoc --start 2010-01-05 --end 2010-01-01
expect 1 "type: use technical-workshop, thematic-seminar, working-group, senior-officials, ministerial or ad-hoc" -- meeting add budapest --title X --type party --start 2010-01-05
expect 1 "working_group: Budapest Process has no working group \"Nothing\"" -- meeting add budapest --title X --type ad-hoc --start 2010-01-05 --working-group Nothing
expect 1 "host: no country or territory matches \"Atlantis\"" -- meeting add budapest --title X --type ad-hoc --start 2010-01-05 --host Atlantis
expect 0 "added delegate 1 to meeting 1" -- delegate add 1 TUR --name "Ayşe Yılmaz" --rank senior --department foreign-affairs
expect 0 "added delegate 2 to meeting 1" -- delegate add 1 TUR --name "Mehmet Kaya" --rank technical --department interior
expect 0 "added delegate 3 to meeting 1" -- delegate add 1 Hungary --name "Kovács Anna" --rank mid-level
expect 0 "added delegate 4 to meeting 2" -- delegate add 2 TUR --name "AYSE  YILMAZ" --rank senior
expect 0 "added delegate 5 to meeting 2" -- delegate add 2 HUN --name "Szabó Péter" --rank political
expect 1 "name: szabo peter is already a delegate at this meeting" -- delegate add 2 HUN --name "szabo peter" --rank political
expect 1 "rank: use technical, mid-level, senior or political" -- delegate add 2 HUN --name X --rank minister
expect 1 "party: no state or organisation matches \"Atlantis\"" -- delegate add 2 Atlantis --name X --rank senior
expect 1 "no meeting 99" -- delegate add 99 HUN --name X --rank senior
expect 0 "added delegate 6 to meeting 3" -- delegate add 3 POL --name "Jan Nowak" --rank technical --department interior
json '[(m["id"], m["number"], m["continuity"], m["ranks"], m["delegations"], m["mixed_delegations"]) for m in j["meetings"]] == [(1, 1, None, {"technical": 1, "mid-level": 1, "senior": 1, "political": 0}, 2, 1), (2, 2, 0.5, {"technical": 0, "mid-level": 0, "senior": 1, "political": 1}, 2, 0), (3, None, None, {"technical": 1, "mid-level": 0, "senior": 0, "political": 0}, 1, 0)]' meeting indicators budapest --json
json '[(y["year"], y["meetings"], y["members_attending"]) for y in j["years"]] == [(2009, 1, 2), (2010, 2, 3)] and j["state_hosted"] == 2 and [h["code"] for h in j["hosts"]] == ["HUN", "TUR"]' meeting indicators budapest --json
json 'len(j) == 2 and j[0]["id"] == 2' meeting list budapest --year 2010 --json
json '[d["name"] for d in j["delegates"]] == ["Kovács Anna", "Ayşe Yılmaz", "Mehmet Kaya"] and j["host"]["code"] == "TUR"' meeting show 1 --json
"$RCPHUB" meeting calendar budapest >"$work/budapest.ics"
/usr/bin/python3 -c '
import sys, icalendar, datetime
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
antalya = events["Senior Officials Meeting, Antalya"]
assert antalya["DTSTART"].dt == datetime.date(2009, 3, 10) and antalya["DTEND"].dt == datetime.date(2009, 3, 12)
assert str(antalya["LOCATION"]).startswith("Antalya") and str(antalya["UID"]) == "meeting-1@rcphub"
assert len(events) == 3
' "$work/budapest.ics" && ok || bad "meeting calendar: the feed does not read back in python3-icalendar"
json 'j["title"] == "SOM Budapest" and j["end"] == "2010-04-06"' meeting update 2 --title "SOM Budapest" --end 2010-04-06 --json
expect 0 "meeting.delegate +budapest-process meeting:2 delegate Szabó Péter \(HUN\)" -- audit --process budapest

# plans of action: commitments per state, progress, and the follow-up report, checked by hand
expect 0 "added meeting 4" -- meeting add colombo --title "Fourth Ministerial Consultation, Dhaka" --type ministerial --start 2011-04-19 --host Bangladesh --level public
json 'j["adopted"] == "2011-04-19" and j["meeting"] == 4 and j["level"] == "public"' plan add colombo --title "Dhaka Declaration follow-up" --meeting 4 --level public --json
expect 0 "added item 1 to plan 1" -- plan item add 1 --text "Pre-departure orientation for workers" --owner all-members --due 2011-12-31
expect 0 "added item 2 to plan 1" -- plan item add 1 --text "Regional study on recruitment costs" --owner Philippines --owner secretariat --due 2012-06-30
expect 1 "owners\[0\]: Brazil did not take part in Colombo Process in 2011" -- plan item add 1 --text X --owner Brazil
expect 1 "due: 2011-01-01 is before the plan's adoption, 2011-04-19" -- plan item add 1 --text X --owner PHL --due 2011-01-01
expect 1 "owners: is required" -- plan item add 1 --text X
expect 0 "recorded progress on item 1 for Philippines" -- plan progress 1 Philippines --status done --date 2011-10-01 --note "Orientation in all regions"
expect 0 "recorded progress on item 1 for Sri Lanka" -- plan progress 1 "Sri Lanka" --status in-progress --date 2011-08-01
expect 0 "recorded progress on item 2 for PHL" -- plan progress 2 PHL --status done --date 2012-01-10
expect 1 "state: Brazil has no commitment on item 1" -- plan progress 1 Brazil --status done
expect 1 "date: 2011-01-01 is before the plan's adoption, 2011-04-19" -- plan progress 1 PHL --status done --date 2011-01-01
expect 1 "status: use not-started, in-progress, done or dropped" -- plan progress 2 secretariat --status finished
json 'len(j["items"][0]["commitments"]) == 11 and j["overdue"] == 10 and abs(j["done_share"] - 2 / 13) < 1e-9 and [i["done_share"] for i in j["items"]] == [1 / 11, 0.5] and [o["done_share"] for o in j["owners"] if o["owner"] == "PHL"] == [1.0]' plan report 1 --at 2012-01-15 --json
json '[c["status"] for c in j["items"][0]["commitments"] if c["owner"] in ("PHL", "LKA")] == ["in-progress", "not-started"] and j["overdue"] == 0' plan report 1 --at 2011-09-01 --json
expect 0 '^"1","Pre-departure orientation for workers","2011-12-31","PHL","Philippines","done","2011-10-01","no"' -- plan report 1 --at 2012-01-15 --csv
expect 0 "^   AFG +Afghanistan +0 of 1 done, 1 overdue$" -- plan report 1 --at 2012-01-15
expect 0 "^   PHL +Philippines +2 of 2 done$" -- plan report 1 --at 2012-01-15
json 'len(j) == 10 and all(o["item"] == 1 for o in j) and "PHL" not in [o["owner"] for o in j]' plan overdue colombo --at 2012-01-15 --json
expect 0 "plan.progress +colombo-process plan:1 item 2 PHL: done" -- audit --process colombo
json 'j["id"] == 2' plan add budapest --title "Return and readmission work plan" --adopted 2010-05-01 --json
json '[c["owner"] for c in j["items"][0]["commitments"]] == ["group:Working Group on Return and Readmission"]' plan item add 2 --text "Compile readmission agreements" --owner "group:working group on return and readmission" --json
expect 1 "owners\[0\]: Budapest Process has no working group \"Nothing\"" -- plan item add 2 --text X --owner group:Nothing
expect 0 "recorded progress" -- plan progress 3 "group:Working Group on Return and Readmission" --status in-progress --date 2010-09-01 --evidence https://www.budapestprocess.org/
json 'j["items"][0]["commitments"][0]["progress"][0]["evidence_link"] == "https://www.budapestprocess.org/"' plan show 2 --json
expect 1 "evidence: no document 999" -- plan progress 3 "group:Working Group on Return and Readmission" --status done --evidence 999

# statistics: indicators, SDMX-CSV in both versions and plain CSV, all or nothing, round trips, checks
expect 0 "added indicator MIG_STOCK to budapest-process" -- indicator add budapest MIG_STOCK --name "Stock of foreign-born residents" --unit PS --dimension SEX=F+M+_T
json 'j["periodicity"] == "Q" and j["level"] == "public" and j["dimensions"] == []' indicator add budapest ASY_APP --name "First-time asylum applications" --unit PS --periodicity Q --level public --json
expect 1 "code: Budapest Process has an indicator MIG_STOCK already" -- indicator add budapest MIG_STOCK --name X --unit PS
expect 1 "dimensions\[0\]: REF_AREA is a column rcphub reads itself" -- indicator add budapest X1 --name X --unit PS --dimension REF_AREA
expect 1 "unit: is required|unit: .*required" -- indicator add budapest X2 --name X
# SDMX-CSV 2.0 with labels, a byte order mark, CRLF, alpha-2 codes and a comment over two lines
printf '\357\273\277STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA: Reference area,SEX: Sex,TIME_PERIOD,OBS_VALUE,OBS_STATUS,COMMENT\r\n' >"$work/stock.csv"
printf 'dataflow,ICMPD:MIG_STOCK(1.0): Migrant stock,I,TR: Turkey,F: Female,2019,1200,A,"first, provisional\nthen final"\r\n' >>"$work/stock.csv"
printf 'dataflow,ICMPD:MIG_STOCK(1.0): Migrant stock,I,TR: Turkey,M: Male,2019,1300,P,\r\n' >>"$work/stock.csv"
printf 'dataflow,ICMPD:MIG_STOCK(1.0): Migrant stock,I,HUN: Hungary,_T: Total,2020,NaN,M,\r\n' >>"$work/stock.csv"
json 'j["dry_run"] and j["added"] == 3 and j["import"] == 0' stats import budapest "$work/stock.csv" --dry-run --json
json 'len(j["observations"]) == 0' stats export budapest --format json
expect 0 "imported .*stock.csv \(sdmx-csv-2.0, 3 rows\): 3 added, 0 revised, 0 deleted, 0 unchanged" -- stats import budapest "$work/stock.csv"
json '[(o["ref_area"], o["dims"]["SEX"], o["value"], o["status"]) for o in j["observations"]] == [("HUN", "_T", None, "M"), ("TUR", "F", 1200, "A"), ("TUR", "M", 1300, "P")]' stats export budapest --indicator MIG_STOCK --format json
json '[o["comment"] for o in j["observations"] if o["dims"]["SEX"] == "F"] == ["first, provisional\nthen final"]' stats export budapest --format json
# an export read back changes nothing, in both label forms
"$RCPHUB" stats export budapest >"$work/export.csv"
expect 0 ": 0 added, 0 revised, 0 deleted, 3 unchanged" -- stats import budapest "$work/export.csv"
"$RCPHUB" stats export budapest --labels >"$work/export-labels.csv"
expect 0 ": 0 added, 0 revised, 0 deleted, 3 unchanged" -- stats import budapest "$work/export-labels.csv"
expect 0 '^"dataflow","budapest-process:MIG_STOCK\(1.0\): Stock of foreign-born residents","I","TUR: Türkiye","F"' -- stats export budapest --labels
# SDMX-CSV 1.0: a revision, a deletion is not in 1.0, the dataflow names the indicator
printf 'DATAFLOW,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE\nICMPD:MIG_STOCK(1.0),TUR,M,2019,1350\nICMPD:MIG_STOCK(1.0),DEU,F,2019,9000\n' >"$work/v1.csv"
expect 0 "\(sdmx-csv-1.0, 2 rows\): 1 added, 1 revised, 0 deleted, 0 unchanged" -- stats import budapest "$work/v1.csv"
json '[(o["value"], o["status"]) for o in j["observations"] if o["ref_area"] == "TUR" and o["dims"]["SEX"] == "M"] == [(1350, "P")]' stats export budapest --format json
json '[(v["value"], v["file_name"].rsplit("/", 1)[-1], v["ended_by"]) for v in j["revisions"]] == [(1300, "stock.csv", "revised"), (1350, "v1.csv", "still held")]' stats history budapest MIG_STOCK Turkey 2019 --dims M --json
expect 1 "dims: MIG_STOCK has 1 dimension" -- stats history budapest MIG_STOCK Turkey 2019
# actions of SDMX-CSV 2.0: D deletes, R replaces whole (the comment goes)
printf 'STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE\ndataflow,X:MIG_STOCK(1.0),D,DEU,F,2019,\ndataflow,X:MIG_STOCK(1.0),R,TUR,F,2019,1210\n' >"$work/actions.csv"
expect 0 ": 0 added, 1 revised, 1 deleted, 0 unchanged" -- stats import budapest "$work/actions.csv"
json '[o["ref_area"] for o in j["observations"]] == ["HUN", "TUR", "TUR"] and j["observations"][1]["comment"] is None' stats export budapest --indicator MIG_STOCK --format json
# plain CSV through a column mapping, the indicator named on the command line
printf 'Country,Quarter,Applications,Note\nAT,2023-Q1,12000,x\nAT,2023-Q3,13000,\nAT,2024-Q1,11000,\nAT,2024-Q2,12500,\nAT,2024-Q3,90000,\nDE,2024-Q1,70000,\n' >"$work/plain.csv"
expect 0 "\(csv, 6 rows\): 6 added" -- stats import budapest "$work/plain.csv" --indicator ASY_APP --map Country=REF_AREA --map Quarter=TIME_PERIOD --map Applications=OBS_VALUE --map Note=
json 'len(j["observations"]) == 2 and j["observations"][0]["period"] == "2024-Q1"' stats export budapest --indicator ASY_APP --state Austria --from 2024 --to 2024-Q2 --format json
# every bad row named by line and column; nothing kept
printf 'STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE\n' >"$work/bad.csv"
printf 'dataflow,X:MIG_STOCK(1.0),I,FRA,F,2019,100\n' >>"$work/bad.csv"
printf 'dataflow,X:MIG_STOCK(1.0),X,FRA,F,2019,1\n' >>"$work/bad.csv"
printf 'dataflow,X:MIG_STOCK(1.0),I,XX,F,2019,1\n' >>"$work/bad.csv"
printf 'dataflow,X:MIG_STOCK(1.0),I,FRA,Q,2019,1\n' >>"$work/bad.csv"
printf 'dataflow,X:MIG_STOCK(1.0),I,FRA,F,2019-Q1,1\n' >>"$work/bad.csv"
printf 'dataflow,X:MIG_STOCK(1.0),I,FRA,M,2019,abc\n' >>"$work/bad.csv"
printf 'dataflow,X:MIG_STOCK(1.0),I,FRA,F,2019,2\n' >>"$work/bad.csv"
printf 'dataflow,X:NOPE(1.0),I,FRA,F,2019,2\n' >>"$work/bad.csv"
printf 'dataflow,X:MIG_STOCK(1.0),I,FRA,F,2018\n' >>"$work/bad.csv"
printf 'dataflow,X:MIG_STOCK(1.0),I,FRA,F,2017,"1\n' >>"$work/bad.csv"
out=$("$RCPHUB" stats import budapest "$work/bad.csv" 2>&1)
[ $? -eq 1 ] && ok || bad "a file with bad rows: exit 1"
for want in "bad.csv:3: column 3 \(ACTION\): \"X\": use I" "bad.csv:4: column 4 \(REF_AREA\): \"XX\" is not an ISO 3166-1" \
	"bad.csv:5: column 5 \(SEX\): \"Q\" is not a code of SEX" "bad.csv:6: column 6 \(TIME_PERIOD\): \"2019-Q1\" does not fit" \
	"bad.csv:7: column 7 \(OBS_VALUE\): \"abc\" is not a number" "bad.csv:8: the same cell \(MIG_STOCK, FRA, 2019, F\) as an earlier row" \
	"bad.csv:9: column 2 \(STRUCTURE_ID\): Budapest Process has no indicator NOPE" "bad.csv:10: 6 fields where the header has 7" \
	"bad.csv:11: column 7 \(OBS_VALUE\): a quoted field is not closed" "9 problems in .*bad.csv; nothing was imported"; do
	printf '%s\n' "$out" | grep -qE -- "$want" && ok || bad "stats import bad.csv: no /$want/ in: $out"
done
json 'not [o for o in j["observations"] if o["ref_area"] == "FRA"]' stats export budapest --format json
# a file longer than one batch of rows: a repeated cell deep inside it is still named by its line
expect 0 "added indicator MIG_MONTHLY" -- indicator add budapest MIG_MONTHLY --name "Monthly arrivals" --unit PS --periodicity M
awk 'BEGIN { print "REF_AREA,TIME_PERIOD,OBS_VALUE"; for (m = 0; m < 200; m++) {
	printf "AUT,%d-%02d,%d\n", 2000 + int(m / 12), m % 12 + 1, m; if (m == 90) print "AUT,2000-10,99" } }' >"$work/long.csv"
expect 1 "long.csv:93: the same cell \(MIG_MONTHLY, AUT, 2000-10\) as an earlier row" -- stats import budapest "$work/long.csv" --indicator MIG_MONTHLY
json 'j["observations"] == 0' indicator show budapest MIG_MONTHLY
grep -v '^AUT,2000-10,99$' "$work/long.csv" >"$work/long-ok.csv"
expect 0 ": 200 added, 0 revised" -- stats import budapest "$work/long-ok.csv" --indicator MIG_MONTHLY
printf 'REF_AREA,TIME_PERIOD\nFRA,2019\n' >"$work/nohead.csv"
expect 1 "header: no OBS_VALUE column" -- stats import budapest "$work/nohead.csv" --indicator MIG_STOCK
# comparability: Austria's 90000 stands out, the quarter 2023-Q2 is missing, Germany reports one quarter
expect 0 "outlier +AUT +90000 is far from the series' median of 12500" -- stats check budapest
expect 0 "gap +AUT +1 period without a value from 2023-Q2, before 2023-Q3" -- stats check budapest
json '[f["ref_area"] for f in j[0]["findings"] if f["kind"] == "silent"][:2] == ["ALB", "BEL"] and j[0]["states"] == 2' stats check budapest --indicator ASY_APP --json
expect 0 "stats.import +budapest-process import:" -- audit --process budapest

# policy matrices: dated answers that hold until the next, snapshots on any day, convergence by year
expect 0 "^added matrix 1$" -- matrix add budapest "Carrier sanctions" --level public
expect 1 "name: Budapest Process has a matrix \"Carrier sanctions\" already" -- matrix add budapest "Carrier sanctions"
json '[q["answers"] for q in j["questions"]] == [["none", "fines", "fines and detention costs"]] and j["questions"][0]["ordered"]' matrix question add 1 CARRIER --text "Are carriers fined for passengers without documents?" --answers "none,fines,fines and detention costs" --ordered --json
expect 1 "answers: give two or more allowed answers" -- matrix question add 1 VISA --text "Visa?" --answers yes
expect 0 "recorded Austria's answer" -- matrix answer 1 CARRIER Austria fines --date 2005-03-01 --source "Fremdenpolizeigesetz 2005"
expect 0 "recorded" -- matrix answer 1 CARRIER Germany none --date 2005-06-01
expect 0 "recorded" -- matrix answer 1 CARRIER Germany fines --date 2007-02-01
expect 0 "recorded" -- matrix answer 1 CARRIER Hungary "fines and detention costs" --date 2006-01-01
expect 1 "answer: \"maybe\" is not an allowed answer to CARRIER" -- matrix answer 1 CARRIER Hungary maybe --date 2006-01-01
expect 1 "date: HUN answered this question on 2006-01-01 already" -- matrix answer 1 CARRIER Hungary fines --date 2006-01-01
expect 1 "state: Japan was not a member government of Budapest Process in 2006" -- matrix answer 1 CARRIER Japan fines --date 2006-05-01
expect 1 "question: the matrix asks no question NOPE" -- matrix answer 1 NOPE Austria fines --date 2006-05-01
expect 1 "date: is required|date: .*required" -- matrix answer 1 CARRIER Austria fines
expect 0 "^   DEU  none +since 2005-06-01" -- matrix show 1 --at 2006-12-31
json 'j["questions"][0]["states"]["DEU"]["answer"] == "fines" and j["questions"][0]["states"]["FRA"] is None' matrix show 1 --at 2007-12-31 --json
# 49 member governments; 2005: AUT fines, DEU none (a tie goes to the first allowed, none); 2007: AUT, DEU fines, HUN more
json '[(y["year"], y["answered"], y["modal"], round(y["modal_share"] * 49)) for y in j["questions"][0]["years"]] == [(2005, 2, "none", 1), (2006, 3, "none", 1), (2007, 3, "fines", 2)]' matrix convergence 1 --json
json 'round(j["questions"][0]["years"][2]["spread"], 4) == 0.4714 and [(m["state"], m["move"], m["date"]) for m in j["questions"][0]["movers"]] == [("DEU", "toward", "2007-02-01")]' matrix convergence 1 --json
expect 0 "DEU moved toward the majority on 2007-02-01: none -> fines" -- matrix convergence 1
expect 0 "matrix.answer +budapest-process matrix:1 CARRIER DEU: fines \(2007-02-01\)" -- audit --process budapest

# the common language: terms in five languages, found however they are typed, TBX and CSV in and out
expect 0 "added \"irregular migration\" to entry 1" -- term add "irregular migration" --lang en --definition "Movement of persons that takes place outside the laws, regulations, or international agreements governing entry or exit." --source "IOM Glossary on Migration (2019)" --contested "illegal migration"
expect 0 "to entry 1" -- term add "migration irrégulière" --lang fr --definition "Mouvement de personnes en dehors des lois." --same-as "Irregular Migration"
expect 0 "to entry 1" -- term add "нерегулярная миграция" --lang ru --definition "Перемещение лиц вне законов." --same-as "irregular migration"
expect 0 "to entry 2" -- term add repatriation --lang en --definition "The return of a refugee to the country of origin, of their own will." --process bali --level public
expect 0 "to entry 3" -- term add repatriation --lang en --definition "The removal of a person by the State." --process budapest --level members
expect 1 "term: \"Irregular  MIGRATION\" \(en\) is in the shared glossary already \(entry 1\)" -- term add "Irregular  MIGRATION" --lang en --definition x
expect 1 "lang: entry 1 has a fr term already" -- term add "migration clandestine" --lang fr --definition x --same-as "irregular migration"
expect 1 "same_as: no term \"nothing\" in that glossary" -- term add "x" --lang es --definition x --same-as nothing
expect 1 "lang: use en, fr, es, ru or ar" -- term add "x" --lang de --definition x
json 'sorted(t["lang"] for t in j[0]["terms"]) == ["en", "fr", "ru"] and j[0]["contested"] == ["illegal migration"]' term show "MIGRATION IRREGULIERE" --json
json '[t["term"] for t in j[0]["terms"] if t["lang"] == "en"] == ["irregular migration"]' term show "НЕРЕГУЛЯРНАЯ МИГРАЦИЯ" --json
json '[e["process"] for e in j] == ["bali-process", "budapest-process"] and len(set(e["terms"][0]["definition"] for e in j)) == 2' term show Repatriation --json
json '[e["id"] for e in j] == [1]' term search "laws REGULATIONS" --json
json '[e["id"] for e in j] == [1]' term search "ПЕРЕМЕЩЕНИЕ зак" --json
json '[e["id"] for e in j] == [3]' term search "repatriation STATE" --json
json '[e["id"] for e in j] == [2]' term list --process bali --json
json '[e["id"] for e in j] == [1]' term list --process shared --lang ru --json
printf '<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX" xml:lang="en"><text><body>\n<termEntry id="t1">\n<descrip type="subjectField">return</descrip>\n<descrip type="definition">Sending a person back against their will.</descrip>\n<langSet xml:lang="en-GB"><tig><term>deportation</term></tig><tig><term>removal</term></tig></langSet>\n<langSet xml:lang="es"><ntig><termGrp><term>deportación</term></termGrp></ntig><descrip type="definition">Envío forzoso.</descrip></langSet>\n</termEntry>\n</body></text></martif>\n' >"$work/old.tbx"
expect 0 "imported 1 entry from .*old.tbx \(tbx\)" -- glossary import "$work/old.tbx" --process bali --level members
json 'j[0]["subject"] == "return" and j[0]["related"] == ["removal"] and [t["definition"] for t in j[0]["terms"]] == ["Sending a person back against their will.", "Envío forzoso."]' term show DEPORTACION --json
printf '<martif><text><body>\n<termEntry><langSet xml:lang="de"><tig><term>Abschiebung</term></tig></langSet></termEntry></body></text></martif>\n' >"$work/de.tbx"
expect 1 "file: line 2: language \"de\" is none of en, fr, es, ru, ar" -- glossary import "$work/de.tbx"
printf '<martif><text><body>\n<termEntry><langSet xml:lang="en"><tig><term>x</term></tig></langSet>\n</termEntry></body></martif>\n' >"$work/broken.tbx"
expect 1 "file: line 3, column [0-9]+: mismatched tag" -- glossary import "$work/broken.tbx"
printf '<!DOCTYPE lol [<!ENTITY a "aaaa">]>\n<martif/>\n' >"$work/doctype.tbx"
expect 1 "file: line 1: a document type declaration \(DOCTYPE\) is not accepted" -- glossary import "$work/doctype.tbx"
printf 'entry,lang,term,definition\nk1,en,smuggling of migrants,Procuring illegal entry.\nk1,xx,x,y\n' >"$work/bad-glossary.csv"
expect 1 "file: line 3, column lang: \"xx\" is none of en, fr, es, ru, ar" -- glossary import "$work/bad-glossary.csv"
json 'not [e for e in j if e["terms"][0]["term"] == "smuggling of migrants"]' term list --json
# the shared glossary read back from its own export changes nothing but the numbers
"$RCPHUB" glossary export --process shared --format tbx >"$work/shared.tbx"
"$RCPHUB" glossary export --process shared >"$work/shared.csv"
if [ -z "$pg" ]; then
	"$RCPHUB" --db "$work/glossary2.db" init >/dev/null
	"$RCPHUB" --db "$work/glossary2.db" glossary import "$work/shared.tbx" >/dev/null
	"$RCPHUB" --db "$work/glossary2.db" glossary export --process shared --format tbx | cmp -s - "$work/shared.tbx" && ok ||
		bad "a TBX export read back into an empty glossary is written out the same"
	"$RCPHUB" --db "$work/glossary3.db" init >/dev/null
	"$RCPHUB" --db "$work/glossary3.db" glossary import "$work/shared.csv" >/dev/null
	"$RCPHUB" --db "$work/glossary3.db" glossary export --process shared | cmp -s - "$work/shared.csv" && ok ||
		bad "so is a CSV export"
fi

# evidence of effects: the report's own, seeded with its sections; new evidence checked as it comes
json 'any("MERCOSUR Residency Agreement" in e["description"] and e["source"] == "iom-mrs-38" and e["section"] == "3 (iii) Shaping public policy" and e["phase"] == 3 and [s["code"] for s in e["states"]] == ["ARG"] for e in j)' evidence list SACM --json
json 'any(e["effect"] == "networks" and [s["name"] for s in e["states"]] == ["Ireland"] for e in j) and all(e["phase"] == 2 for e in j)' evidence list igc --phase 2 --json
json 'any("Palermo Protocols" in e["description"] and e["date"] == "2004" for e in j)' evidence list budapest --phase 3 --json
json 'any("model legislation" in e["description"] for e in j) and j[0]["source_title"] == "An Assessment of Principal Regional Consultative Processes on Migration"' evidence list bali --json
json 'any("Belarus introduced complementary protection" in e["description"] and {s["code"] for s in e["states"]} == {"BLR", "UKR"} for e in j)' evidence list "Söderköping Process" --json
expect 0 "source: An Assessment of Principal Regional Consultative Processes on Migration, section 3 \(iii\) Shaping public policy" -- evidence list rcm --phase 3
# the report's evidence into a platform made before it: what is there already is left alone, a bad file changes nothing
expect 0 "loaded 0 new pieces of evidence from .*assessment/evidence.json" -- evidence load
printf '{"source": "iom-mrs-38", "evidence": [{"process": "IGC", "phase": 2, "effect": "networks", "description": "Loaded before the bad one"},\n {"process": "Atlantis", "phase": 1, "effect": "networks", "description": "y"}]}' >"$work/bad-evidence.json"
expect 1 "evidence\[1\]\.process: .*bad-evidence.json:2: no process \"Atlantis\"" -- evidence load "$work/bad-evidence.json"
json 'not any(e["description"] == "Loaded before the bad one" for e in j)' evidence list igc --json
printf '{"source": "iom-mrs-38", "evidence": [{"process": "IGC", "phase": 4, "effect": "networks", "description": "y"}]}' >"$work/bad-evidence.json"
expect 1 "evidence\[0\]\.phase: .*bad-evidence.json:1: must be 1, 2 or 3" -- evidence load "$work/bad-evidence.json"
expect 1 "date: give YYYY, YYYY-MM or YYYY-MM-DD, not \"2010-02-30\"" -- evidence add bali --phase 3 --effect policy-change --description X --source Y --date 2010-02-30
expect 1 "effect: use building-trust, " -- evidence add bali --phase 3 --effect miracle --description X --source Y
expect 1 "states\[1\]: no country or territory matches \"Atlantis\"" -- evidence add bali --phase 3 --effect policy-change --description X --source Y --state Thailand --state Atlantis
expect 1 "description: is required" -- evidence add bali --phase 3 --effect policy-change --source Y
expect 2 "give 1, 2 or 3" -- evidence list bali --phase 4
json 'j["kind"] == "interview" and j["level"] == "restricted" and j["strength"] == "claimed" and j["date"] == "2009-05"' evidence add bali --phase 2 --effect networks --description "A delegate recalls calling counterparts after the 2009 ministerial meeting" --source "interview 12 (government, English)" --kind interview --strength claimed --date 2009-05 --json
json 'j["kind"] == "publication" and j["level"] == "members" and j["strength"] == "coincided" and j["source_title"] is not None' evidence add bali --phase 3 --effect policy-change --description "Model law adopted" --source iom-mrs-38 --section "3 (iii)" --json

newid() { "$RCPHUB" "$@" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
# interviews: a protocol anyone may read; the interviews themselves restricted, named in no audit entry
printf 'How did the process change how your ministry sees migration?\nWhom have you called since a meeting?\n\n' >"$work/protocol.txt"
expect 0 "added protocol 1" -- interview protocol add --name "Assessment of RCPs, 2009" --questions-file "$work/protocol.txt"
expect 1 "name: there is a protocol \"Assessment of RCPs, 2009\" already" -- interview protocol add --name "Assessment of RCPs, 2009" --questions "x"
json 'j == [{"id": 1, "name": "Assessment of RCPs, 2009", "questions": ["How did the process change how your ministry sees migration?", "Whom have you called since a meeting?"]}]' interview protocol list
json 'j["level"] == "restricted" and j["interviewee"] == "Jane Doe" and j["affiliation"] == "government" and j["protocol_name"] == "Assessment of RCPs, 2009"' interview add bali --protocol 1 --affiliation government --language en --interviewee "Jane Doe" --organisation "Department of Immigration" --held 2009-05-10 --json
expect 1 "protocol: no protocol 99" -- interview add bali --protocol 99 --affiliation government --language en
expect 1 "affiliation: use government, international-organisation, ngo, academia or other" -- interview add bali --protocol 1 --affiliation press --language en
iv_evidence=$(newid evidence add bali --phase 2 --effect networks --description "Officials call counterparts between meetings" --source "interview (government, English)" --kind interview)
public_evidence=$("$RCPHUB" evidence list bali --phase 3 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
json '[(s["position"], s["effect"], s["evidence"]) for s in j["statements"]] == [(1, "networks", '"$iv_evidence"')]' interview statement 1 --effect networks --text "I called my Thai counterpart the week after" --evidence "$iv_evidence" --json
expect 1 "evidence: evidence $public_evidence is not drawn from an interview" -- interview statement 1 --effect networks --text x --evidence "$public_evidence"
expect 0 "^1  government, en  1 statement$" -- interview list bali
expect 0 "interview.add +bali-process interview:1 government" -- audit --process bali
"$RCPHUB" audit --process bali | grep -q "Jane Doe" && bad "an audit entry names the interviewee" || ok

# the eleven lessons, checked by hand on the 5+5 Dialogue (ten member governments) at the end of 2010
m1=$(newid meeting add 5plus5 --title "Ministerial conference" --type ministerial --start 2009-03-01 --host Spain --level public)
m2=$(newid meeting add 5plus5 --title "Workshop on data" --type technical-workshop --start 2010-05-01 --level members)
m3=$(newid meeting add 5plus5 --title "Working group on return" --type working-group --start 2010-11-01 --host Italy --level members)
m4=$(newid meeting add 5plus5 --title "Ministerial conference" --type ministerial --start 2011-02-01 --host France --level public)
expect 0 "added delegate" -- delegate add "$m1" Spain --name "A. García" --rank political
expect 0 "added delegate" -- delegate add "$m1" Morocco --name "B. Alaoui" --rank technical
expect 0 "added delegate" -- delegate add "$m2" France --name "C. Martin" --rank technical
expect 0 "added delegate" -- delegate add "$m2" Morocco --name "B. Alaoui" --rank technical
expect 0 "added delegate" -- delegate add "$m3" Italy --name "D. Rossi" --rank senior
expect 0 "added delegate" -- delegate add "$m3" Tunisia --name "E. Ben Ali" --rank mid-level
expect 0 "added delegate" -- delegate add "$m4" France --name "C. Martin" --rank political
expect 0 "" -- meeting agenda "$m1" --title "Circular migration" --proposer state --party Spain
expect 0 "" -- meeting agenda "$m1" --title "Report of the secretariat" --proposer secretariat
expect 0 "" -- meeting agenda "$m2" --title "Comparable data on stocks" --proposer state --party Morocco
expect 0 "added focal point" -- focal add 5plus5 Spain --name "F. López" --email f@example.es --verified 2010-06-01
expect 0 "added focal point" -- focal add 5plus5 Morocco --name "G. Idrissi" --email g@example.ma --verified 2008-01-01
expect 0 "added focal point" -- focal add 5plus5 Italy --name "H. Bianchi" --email h@example.it --position alternate
expect 0 "added document" -- doc add 5plus5 --title "Rules of engagement for observers" --level public
expect 0 "added indicator" -- indicator add 5plus5 STOCK --name "Migrant stock" --unit PS --level public
printf 'STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,TIME_PERIOD,OBS_VALUE\ndataflow,X:STOCK(1.0),I,ES,2010,5\ndataflow,X:STOCK(1.0),I,MA,2009,7\n' >"$work/5plus5.csv"
expect 0 "2 added" -- stats import 5plus5 "$work/5plus5.csv"
p55=$(newid plan add 5plus5 --title "Action plan" --adopted 2009-03-01 --level members)
expect 0 "added item" -- plan item add "$p55" --text "Exchange return data" --owner Spain --owner Morocco
expect 0 "added item" -- plan item add "$p55" --text "Regional study" --owner secretariat --due 2010-06-30
item1=$("$RCPHUB" plan show "$p55" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
expect 0 "recorded progress" -- plan progress "$item1" Spain --status done --date 2010-01-01
expect 0 "recorded progress" -- plan progress "$item1" Morocco --status in-progress --date 2010-02-01
lessons=$("$RCPHUB" lessons 5plus5 --at 2010-12-31 --json)
check_lesson() {
	printf '%s' "$lessons" | python3 -c "import json,sys; l={x['key']: x for x in json.load(sys.stdin)['lessons']}; x=l['$1']; sys.exit(0 if ($2) else 1)" && ok || bad "lessons 5plus5 --at 2010-12-31: $1: not ($2): $(printf '%s' "$lessons" | python3 -c "import json,sys; print([x for x in json.load(sys.stdin)['lessons'] if x['key']=='$1'])")"
}
check_lesson networks 'x["summary"].startswith("Networking needs contact after meetings") and x["section"] == "4 Knit your networks" and x["value"] == 0.3 and x["state"] == "weak" and x["reading"] == "3 of 10 member governments name a focal point; 1 of 3 focal points verified since 2009-12-31"'
check_lesson numbers 'x["value"] == 10 and x["state"] == "strong"'
check_lesson data 'x["value"] == 0.2 and x["state"] == "weak" and "2 of 10 member-indicator pairs" in x["reading"] and "2 of them reach 2009" in x["reading"]'
check_lesson lead 'x["value"] == 0 and x["state"] == "weak" and "secretariat: none" in x["reading"]'
check_lesson people 'x["value"] == 0.667 and x["state"] == "strong" and x["reading"].startswith("2 of 3 meetings with delegates mixed both levels (6 delegates)")'
check_lesson structure 'x["value"] == 3 and x["state"] == "strong" and "1 at technical level, 1 at political level, 1 other" not in x["reading"] and "2 at technical level, 1 at political level" in x["reading"]'
check_lesson confidentiality 'x["value"] == 1 and x["state"] == "strong" and "2 of 3 meetings recorded as closed" in x["reading"] and len([r for r in x["records"] if r.startswith("document:")]) == 1'
check_lesson ownership 'x["value"] == 0.667 and x["state"] == "partial" and "2 of 3 agenda items proposed by states" in x["reading"]'
check_lesson issues 'x["value"] == 10 and x["state"] == "partial"'
check_lesson formality 'x["value"] == 0.333 and x["state"] == "partial" and x["reading"] == "1 of 3 commitments done in 1 plan; 1 overdue"'
check_lesson vitality 'x["value"] == 1 and x["state"] == "strong" and "2009: 2 of 10 members attended; 2010: 4 of 10 members attended" in x["reading"] and x["records"] == ["meeting:'"$m3"'"]'
json 'j["stage"] == "developing" and j["age"] == 8' lessons 5plus5 --at 2010 --json
json '[x["value"] for x in j["lessons"] if x["key"] == "vitality"] == [1] and [x["value"] for x in j["lessons"] if x["key"] == "formality"] == [0.333]' lessons 5plus5 --at 2010 --json
# with no records a lesson says so, never 0; a process in its first years is not expected to gather data yet
json 'all(x["value"] is None and x["state"] == "no records" for x in j["lessons"] if x["key"] in ("networks", "data", "people", "structure", "ownership", "formality", "vitality"))' lessons midcom --json
json '[x["state"] for x in j["lessons"] if x["key"] in ("data", "formality")] == ["not expected yet", "not expected yet"] and j["stage"] == "founding"' lessons khartoum --at 2015 --json
expect 1 "at: 2999 is still to come" -- lessons 5plus5 --at 2999
expect 1 "at: give a year \(YYYY\) or a day \(YYYY-MM-DD\)" -- lessons 5plus5 --at yesterday
expect 0 "^ *1. Knit your networks +30% +weak" -- lessons 5plus5 --at 2010-12-31
json 'len(j) == 23 and [x["lessons"][1]["value"] for x in j if x["process"] == "5plus5"] == [10]' lessons --json
# duplication: the report's question, does it make sense to have both the Bali Process and the APC?
json 'j["verdict"] == "merger" and j["shared_members"] == 33 and j["jaccard"] == 0.75 and {"trafficking", "smuggling"} <= {t["topic"] for t in j["topics"]}' duplication bali apc --json
m_mtm=$(newid meeting add mtm --title "Expert meeting" --type technical-workshop --start 2010-11-04 --level public)
json '[(w["meeting_a"], w["meeting_b"]) for w in j["same_weeks"]] == [('"$m3"', '"$m_mtm"')] and "1 meetings held within a week of one of the other'"'"'s" in j["reasons"]' duplication 5plus5 mtm --json
json '{"frontex", "europol"} <= set(j["regional_bodies"])' duplication budapest mtm --json
json '[(x["a"], x["b"]) for x in j if x["verdict"] == "merger"][0] == ("apc", "bali-process") and all(x["verdict"] != "distinct" for x in j)' duplication --json
expect 0 "^APC and Bali Process: merger$" -- duplication apc bali
expect 1 "b: no process matches \"atlantis\"" -- duplication bali atlantis
# the assessment: evidence by phase and the lessons, as JSON and as a printable page
json 'j["process"] == "rcm" and any("memorandum of understanding" in e["description"] and e["date"] == "2009" for e in j["evidence"]) and len(j["lessons"]) == 11' assess rcm --json
json 'not any(e["date"] == "2009" for e in j["evidence"])' assess rcm --at 2006 --json
"$RCPHUB" assess 5plus5 --at 2010-12-31 --html >"$work/assess.html" && python3 -c '
import sys, html.parser
class P(html.parser.HTMLParser):
    def __init__(s):
        super().__init__(); s.stack = []; s.text = []
    def handle_starttag(s, t, a):
        if t not in ("meta", "br", "img", "input", "link"): s.stack.append(t)
    def handle_endtag(s, t):
        assert s.stack and s.stack[-1] == t, (t, s.stack[-3:]); s.stack.pop()
    def handle_data(s, d): s.text.append(d)
p = P(); p.feed(open(sys.argv[1]).read())
t = "".join(p.text)
assert not p.stack, p.stack
assert "Assessment of Regional Ministerial Conference on Migration in the Western Mediterranean, as of 2010-12-31" in t
assert "No evidence recorded for this phase" in t and "What the records cannot show" in t
' "$work/assess.html" && ok || bad "assess --html: not a well-formed printable report"

# copy-store: the whole platform to another backend and back, with the same answers
# same_answers A B: the two databases answer every question alike
same_answers() {
	for q in "audit --json" "processes --json" "show bali --json" "overlap --matrix --json" \
		"state NZL --json" "user list --json" "doc list bali --json" "stats export budapest --labels" \
		"indicator list budapest --json" \
		"matrix convergence 1 --json" "evidence list --json" "lessons 5plus5 --at 2010-12-31 --json"; do
		# shellcheck disable=SC2086
		a=$("$RCPHUB" --db "$1" $q 2>&1)
		# shellcheck disable=SC2086
		b=$("$RCPHUB" --db "$2" $q 2>&1)
		[ "$a" = "$b" ] && ok || bad "copy-store: '$q' differs between $1 and $2"
	done
}
# dump FILE: a SQLite file's every row and table, sorted, as text to compare byte for byte;
# the full-text indexes' own pages are left out (their layout depends on the order rows came in;
# the rows they index are compared)
dump() { sqlite3 "$1" .dump | grep -v "^INSERT INTO \(schema_migrations\|search_index_\|glossary_search_\)" | sort; }
expect 0 "added document 5" -- doc add bali --title "Restricted note" --level restricted --reader sec --file "$work/annex.pdf"
expect 0 "^otpauth://totp/rcphub:sec" -- user totp sec
expect 0 "copied and verified" -- copy-store --from "$RCPHUB_DB" --to "$work/copy.db"
# compared before anything reads either side (reads of members' papers are audited)
if [ -z "$pg" ]; then
	dump "$RCPHUB_DB" >"$work/source.sql"
	dump "$work/copy.db" >"$work/copy.sql"
	diff "$work/source.sql" "$work/copy.sql" >&2 && ok || bad "copy-store: the copy's rows differ from the source's"
fi
same_answers "$RCPHUB_DB" "$work/copy.db"
[ "$(sqlite3 "$work/copy.db" "SELECT substr(totp_secret, 1, 3) FROM users WHERE login = 'sec'")" = "v1:" ] && ok ||
	bad "copy-store lost sec's second factor, or it is not sealed"
if [ -z "$pg" ]; then
	# numbering goes on where the source's was, past deleted documents
	sqlite3 "$work/copy.db" "UPDATE id_sequences SET last = 7 WHERE name = 'documents'"
	expect 0 "copied and verified" -- copy-store --from "$work/copy.db" --to "$work/copy-more.db"
	expect 0 "added document 8" -- --db "$work/copy-more.db" doc add bali --title "After the copy" --level public
fi
expect 1 "copy.db exists; copy-store writes only a new file" -- copy-store --from "$RCPHUB_DB" --to "$work/copy.db"
expect 1 "no database at" -- copy-store --from "$work/none.db" --to "$work/copy2.db"
[ ! -e "$work/copy2.db" ] && ok || bad "a failed copy-store left a file"
if [ -n "$pg" ]; then
	psql -q "$pg" -c 'SET client_min_messages = warning' -c 'DROP DATABASE IF EXISTS rcphub_copy' -c 'CREATE DATABASE rcphub_copy'
	pg2=$(printf '%s' "$pg" | sed 's|/[^/]*$|/rcphub_copy|')
	expect 0 "document_readers +1 rows" -- copy-store --from "$work/copy.db" --to "$pg2"
	# before anything reads either side (reads of members' papers are audited)
	expect 0 "copied and verified" -- copy-store --from "$pg2" --to "$work/round-trip.db"
	dump "$work/copy.db" >"$work/copy.sql"
	dump "$work/round-trip.db" >"$work/round-trip.sql"
	diff "$work/copy.sql" "$work/round-trip.sql" >&2 && ok || bad "copy-store: SQLite to PostgreSQL and back changed rows"
	same_answers "$work/copy.db" "$pg2"
	expect 1 "already holds a platform" -- copy-store --from "$work/copy.db" --to "$pg2"
	psql -q "$pg" -c 'DROP DATABASE rcphub_copy'
fi

# backups: one consistent moment, read back and compared; a restore puts it back whole
expect 0 "backed .* up into .*backup.db: [0-9]+ tables, [0-9]+ rows, each compared with the platform" -- backup "$work/backup.db"
expect 1 "file: .*backup.db exists; a backup is written only to a new file" -- backup "$work/backup.db"
expect 0 "added document" -- doc add bali --title "Written after the backup" --level public
if [ -z "$pg" ]; then
	expect 0 "restored .* from .*backup.db: [0-9]+ tables" -- restore "$work/backup.db"
	# compared before anything reads the platform (reads of members' papers are audited)
	dump "$work/backup.db" >"$work/backup.sql"
	dump "$RCPHUB_DB" >"$work/restored.sql"
	diff "$work/backup.sql" "$work/restored.sql" >&2 && ok || bad "restore: the platform's rows differ from the backup's"
	json 'j and not [d for d in j if d["title"] == "Written after the backup"]' doc list bali --json
else
	# a PostgreSQL platform is backed up into a SQLite file, and restored into an empty database
	psql -q "$pg" -c 'SET client_min_messages = warning' -c 'DROP DATABASE IF EXISTS rcphub_restore' -c 'CREATE DATABASE rcphub_restore'
	pg3=$(printf '%s' "$pg" | sed 's|/[^/]*$|/rcphub_restore|')
	expect 0 "restored .* from .*backup.db" -- --db "$pg3" restore "$work/backup.db"
	json 'j and not [d for d in j if d["title"] == "Written after the backup"]' --db "$pg3" doc list bali --json
	expect 1 "already holds a platform" -- --db "$pg3" restore "$work/backup.db"
	psql -q "$pg" -c 'DROP DATABASE rcphub_restore'
fi
expect 1 "file: no backup at .*none.db" -- restore "$work/none.db"

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
