#!/bin/sh
# http.sh: rcphub's JSON API under wrk against nginx serving the same bytes, in one run.
# usage: bench/http.sh [SECONDS]   (run from the repository; prints a Markdown table)
#
# nginx (Debian's, 2 workers, access log off) serves the answer of
# GET /api/v1/processes/bali-process as a static file, gzipped beforehand
# (gzip_static, its fastest way to answer a client that takes gzip); rcphub
# (2 worker threads) answers the same URL from its store, anonymously and
# with a session cookie (signed-in answers are never compressed); then the
# HTML home, state, process, overlap and map pages. wrk: 2 threads, 64
# connections, every request taking gzip as a browser's does.
set -eu
secs=${1:-10}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
./scripts/deps
./scripts/deps bench/packages.txt
make -s all >/dev/null
work=$(mktemp -d /tmp/rcphub-bench-XXXXXX)
chmod 755 "$work"  # nginx workers (www-data) read the static copy
rcphub="$top/build/release/rcphub"
export RCPHUB_DB="$work/rcphub.db"
server=""
nginx_conf="$work/nginx.conf"
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
	[ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

. "$top/bench/lib.sh"

"$rcphub" init >/dev/null
printf 'benchmark password\n' | "$rcphub" user add official --government Thailand --password-stdin >/dev/null
"$rcphub" user grant official bali official >/dev/null
rport=$(free_port)
"$rcphub" serve --listen "127.0.0.1:$rport" --threads 2 >"$work/serve.log" 2>&1 &
server=$!
wait_for "http://127.0.0.1:$rport/api/v1"
path=/api/v1/processes/bali-process
mkdir -p "$work/www$(dirname $path)"
curl -sf "http://127.0.0.1:$rport$path" >"$work/www$path"
gzip -k -9 "$work/www$path"
chmod -R a+rX "$work/www"
bytes=$(wc -c <"$work/www$path")
cookie=$(login "http://127.0.0.1:$rport" official "benchmark password")

nport=$(free_port)
cat >"$nginx_conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	gzip_static on;
	tcp_nodelay on;
	keepalive_requests 1000000;
	default_type application/json;
	server { listen 127.0.0.1:$nport; root $work/www; }
}
CONF
nginx -c "$nginx_conf"
sleep 0.5

nginx_r=$(wrk_run "$secs" 2 64 "http://127.0.0.1:$nport$path")
anon_r=$(wrk_run "$secs" 2 64 "http://127.0.0.1:$rport$path")
sess_r=$(wrk_run "$secs" 2 64 "http://127.0.0.1:$rport$path" "Cookie: $cookie")
home_r=$(wrk_run "$secs" 2 64 "http://127.0.0.1:$rport/")
state_r=$(wrk_run "$secs" 2 64 "http://127.0.0.1:$rport/states/VNM")
page_r=$(wrk_run "$secs" 2 64 "http://127.0.0.1:$rport/processes/bali-process")
overlap_r=$(wrk_run "$secs" 2 64 "http://127.0.0.1:$rport/overlap")
map_r=$(wrk_run "$secs" 2 64 "http://127.0.0.1:$rport/map?process=bali-process")
rss=$(awk '/VmRSS/ {print $2 / 1024}' "/proc/$server/status")

nginx_rps=${nginx_r% *}
echo "GET $path ($bytes bytes, $(wc -c <"$work/www$path.gz") gzipped), wrk -t2 -c64 -d${secs}s, $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| server | requests/s | p99 (ms) | ratio to nginx |"
echo "|---|---:|---:|---:|"
for row in "nginx (static file)|$nginx_r" "rcphub, anonymous|$anon_r" "rcphub, session cookie|$sess_r" \
	"rcphub, home page (HTML)|$home_r" "rcphub, state page (HTML)|$state_r" \
	"rcphub, process page (HTML)|$page_r" "rcphub, overlap page (HTML + SVG)|$overlap_r" \
	"rcphub, map page (HTML + SVG)|$map_r"; do
	name=${row%%|*}
	vals=${row#*|}
	awk -v n="$name" -v r="${vals% *}" -v p="${vals#* }" -v ref="$nginx_rps" \
		'BEGIN { printf "| %s | %.0f | %.2f | %.2f |\n", n, r, p, r / ref }'
done
echo
echo "rcphub resident memory after the runs: ${rss} MB"
