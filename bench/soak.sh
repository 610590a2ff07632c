#!/bin/sh
# soak.sh: rcphub under mixed reads (wrk) and writes (a client posting, changing and deleting papers) for a long run: errors and memory growth.
# usage: bench/soak.sh [SECONDS]   (default 600; run from the repository; prints a Markdown table row)
#
# The server runs with 2 threads on a fresh SQLite database. wrk (2 threads,
# 32 connections, gzip taken) walks the home page, a process page, the
# registry JSON, the overlap and map pages and a state page; a writer posts a
# paper, changes it and deletes it, again and again, with a secretariat's
# token. Resident memory is read after a one-minute warm-up and at the end:
# the target is growth under 5% and no error.
set -eu
secs=${1:-600}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
./scripts/deps
./scripts/deps bench/packages.txt
make -s all >/dev/null
work=$(mktemp -d /tmp/rcphub-soak-XXXXXX)
rcphub="$top/build/release/rcphub"
export RCPHUB_DB="$work/rcphub.db" RCPHUB_SECRET_KEY="$work/secret.key"
server=""
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
. "$top/bench/lib.sh"

"$rcphub" init >/dev/null
printf 'soak test password\n' | "$rcphub" user add sec --org IOM --password-stdin >/dev/null
"$rcphub" user grant sec bali secretariat >/dev/null
token=$("$rcphub" user token sec --name soak)
port=$(free_port)
"$rcphub" serve --listen "127.0.0.1:$port" --threads 2 >"$work/serve.log" 2>&1 &
server=$!
wait_for "http://127.0.0.1:$port/api/v1"
base="http://127.0.0.1:$port"

cat >"$work/paths.lua" <<'LUA'
local paths = { "/", "/processes/bali-process", "/api/v1/processes/bali-process", "/overlap",
                "/map?process=apc", "/states/VNM", "/api/v1/processes?limit=50", "/processes" }
local i = 0
request = function()
	i = i % #paths + 1
	return wrk.format("GET", paths[i])
end
LUA

python3 - "$base" "$token" "$secs" >"$work/writer.out" 2>&1 <<'PY' &
import http.client, json, sys, time, urllib.parse
base, token, secs = sys.argv[1], sys.argv[2], float(sys.argv[3])
u = urllib.parse.urlparse(base)
conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
h = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
done = errors = 0
end = time.time() + secs
def call(method, path, body=None):
    global errors, conn
    try:
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=h)
        r = conn.getresponse()
        data = r.read()
    except (OSError, http.client.HTTPException):
        errors += 1
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
        return None, None
    if r.status >= 400:
        errors += 1
    return r.status, data
while time.time() < end:
    st, data = call("POST", "/api/v1/processes/bali/documents",
                    {"title": f"Soak paper {done}", "kind": "note", "level": "members", "body": "x" * 2000})
    if st == 201:
        doc = json.loads(data)["id"]
        call("PATCH", f"/api/v1/documents/{doc}", {"title": f"Soak paper {done}, changed"})
        call("GET", f"/api/v1/documents/{doc}")
        call("DELETE", f"/api/v1/documents/{doc}")
    done += 1
    time.sleep(0.02)
print(done, errors)
PY
writer=$!

rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
warm=$secs
[ "$secs" -gt 120 ] && warm=60
wrk -t2 -c32 -d"${secs}s" --latency -H "Accept-Encoding: gzip, deflate, br" -s "$work/paths.lua" "$base" \
	>"$work/wrk.out" 2>&1 &
wrkpid=$!
sleep "$warm"
rss_warm=$(rss)
wait "$wrkpid"
wait "$writer"
rss_end=$(rss)
requests=$(awk '/requests in/ {print $1}' "$work/wrk.out")
rps=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk.out")
non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.out")
sockerr=$(awk '/Socket errors/ {print $0}' "$work/wrk.out")
set -- $(cat "$work/writer.out")
writes=$1 werrors=$2
growth=$(awk -v a="$rss_warm" -v b="$rss_end" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')
echo "| seconds | reads | reads/s | read errors | write cycles | write errors | RSS after warm-up (MB) | RSS at end (MB) | growth |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s%% |\n' "$secs" "$requests" "$rps" \
	"${non2xx:-0} non-2xx${sockerr:+, $sockerr}" "$writes" "$werrors" \
	"$(awk -v k="$rss_warm" 'BEGIN { printf "%.1f", k / 1024 }')" \
	"$(awk -v k="$rss_end" 'BEGIN { printf "%.1f", k / 1024 }')" "$growth"
