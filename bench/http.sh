#!/bin/sh
# http.sh: rcphub's answers under wrk against nginx serving the same bytes, in one run.
# usage: bench/http.sh [SECONDS]   (run from the repository; prints a Markdown table)
#
# rcphub (2 worker threads, a fresh SQLite database) answers the Bali
# Process's JSON, its page and its map; nginx (Debian's, 2 workers, access
# log off) serves the very bytes rcphub sent as static files gzipped
# beforehand (gzip_static, its fastest way to answer a client that takes
# gzip), once with sendfile on and once off, the faster kept for each
# file. wrk: 2 threads, 64 connections, every request taking gzip as a
# browser's does. Then rcphub's other pages, a signed-in JSON answer
# (never compressed, against BREACH), and the same three answers to a
# browser that takes Brotli.
set -eu
secs=${1:-10}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
./scripts/deps
./scripts/deps bench/packages.txt
make -s all >/dev/null
work=$(mktemp -d /tmp/rcphub-bench-XXXXXX)
chmod 755 "$work"  # nginx workers (www-data) read the static copies
rcphub="$top/build/release/rcphub"
export RCPHUB_DB="$work/rcphub.db"
server=""
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
	for pid in "$work"/nginx-*.pid; do
		[ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null
	done
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

. "$top/bench/lib.sh"

"$rcphub" init >/dev/null
printf 'benchmark password\n' | "$rcphub" user add official --government Thailand --password-stdin >/dev/null
"$rcphub" user grant official bali official >/dev/null
rport=$(free_port)
"$rcphub" serve --listen "127.0.0.1:$rport" --threads 2 --second-factor optional >"$work/serve.log" 2>&1 &
server=$!
wait_for "http://127.0.0.1:$rport/api/v1"
json=/api/v1/processes/bali-process
page=/processes/bali-process
map="/map?process=bali-process"
mkdir -p "$work/www"
curl -sf "http://127.0.0.1:$rport$json" >"$work/www/process.json"
curl -sf "http://127.0.0.1:$rport$page" >"$work/www/page.html"
curl -sf "http://127.0.0.1:$rport$map" >"$work/www/map.html"
for f in process.json page.html map.html; do gzip -k -9 "$work/www/$f"; done
chmod -R a+rX "$work/www"
cookie=$(login "http://127.0.0.1:$rport" official "benchmark password")

# nginx_start on|off: nginx with sendfile on or off; prints its port.
nginx_start() {
	port=$(free_port)
	cat >"$work/nginx-$1.conf" <<CONF
worker_processes 2;
pid $work/nginx-$1.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
	include /etc/nginx/mime.types;
	access_log off;
	sendfile $1;
	gzip_static on;
	tcp_nodelay on;
	keepalive_requests 1000000;
	server { listen 127.0.0.1:$port; root $work/www; }
}
CONF
	nginx -c "$work/nginx-$1.conf"
	echo "$port"
}
on_port=$(nginx_start on)
off_port=$(nginx_start off)
sleep 0.5

# best FILE: nginx's faster run of FILE, sendfile on or off: "requests/s p99 mode".
best() {
	a=$(wrk_run "$secs" 2 64 "http://127.0.0.1:$on_port/$1")
	b=$(wrk_run "$secs" 2 64 "http://127.0.0.1:$off_port/$1")
	echo "$a $b" | awk '{ if ($1 >= $3) print $1, $2, "on"; else print $3, $4, "off" }'
}
n_json=$(best process.json)
n_page=$(best page.html)
n_map=$(best map.html)
r_json=$(wrk_run "$secs" 2 64 "http://127.0.0.1:$rport$json")
r_page=$(wrk_run "$secs" 2 64 "http://127.0.0.1:$rport$page")
r_map=$(wrk_run "$secs" 2 64 "http://127.0.0.1:$rport$map")
r_sess=$(wrk_run "$secs" 2 64 "http://127.0.0.1:$rport$json" "Cookie: $cookie")
r_home=$(wrk_run "$secs" 2 64 "http://127.0.0.1:$rport/")
r_state=$(wrk_run "$secs" 2 64 "http://127.0.0.1:$rport/states/VNM")
r_overlap=$(wrk_run "$secs" 2 64 "http://127.0.0.1:$rport/overlap")
b_json=$(ACCEPT="gzip, deflate, br" wrk_run "$secs" 2 64 "http://127.0.0.1:$rport$json")
b_page=$(ACCEPT="gzip, deflate, br" wrk_run "$secs" 2 64 "http://127.0.0.1:$rport$page")
b_map=$(ACCEPT="gzip, deflate, br" wrk_run "$secs" 2 64 "http://127.0.0.1:$rport$map")
rss=$(awk '/VmRSS/ {print $2 / 1024}' "/proc/$server/status")

size() { echo "$(wc -c <"$work/www/$1") bytes, $(wc -c <"$work/www/$1.gz") gzipped"; }
echo "The Bali Process's JSON ($(size process.json)), page ($(size page.html)) and map ($(size map.html));"
echo "wrk -t2 -c64 -d${secs}s, $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| server | requests/s | p99 (ms) | ratio to nginx, same bytes |"
echo "|---|---:|---:|---:|"
# row NAME "rps p99 [mode]" "reference rps"
row() {
	echo "$2" | awk -v n="$1" -v ref="${3%% *}" '{ printf "| %s | %.0f | %.2f | %.2f |\n", n, $1, $2, $1 / ref }'
}
row "nginx, JSON file (sendfile ${n_json##* })" "$n_json" "$n_json"
row "rcphub, process JSON, anonymous" "$r_json" "$n_json"
row "nginx, page file (sendfile ${n_page##* })" "$n_page" "$n_page"
row "rcphub, process page (HTML)" "$r_page" "$n_page"
row "nginx, map page file (sendfile ${n_map##* })" "$n_map" "$n_map"
row "rcphub, map page (HTML + SVG colours)" "$r_map" "$n_map"
row "rcphub, process JSON, session cookie (plain)" "$r_sess" "$n_json"
row "rcphub, home page (HTML)" "$r_home" "$n_page"
row "rcphub, state page (HTML)" "$r_state" "$n_page"
row "rcphub, overlap page (HTML + SVG)" "$r_overlap" "$n_page"
row "rcphub, process JSON, taking Brotli" "$b_json" "$n_json"
row "rcphub, process page, taking Brotli" "$b_page" "$n_page"
row "rcphub, map page, taking Brotli" "$b_map" "$n_map"
echo
echo "rcphub resident memory after the runs: ${rss} MB"
