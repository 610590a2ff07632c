#!/bin/sh
# http.sh: rcphub's JSON API under wrk against nginx serving the same bytes, in one run.
# usage: bench/http.sh [SECONDS]   (run from the repository; prints a Markdown table)
#
# nginx (Debian's, 2 workers, access log off) serves the answer of
# GET /api/v1/processes/bali-process as a static file; rcphub (2 worker
# threads) answers the same URL from its store, anonymously and with a
# session cookie. wrk: 2 threads, 64 connections.
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

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

"$rcphub" init >/dev/null
printf 'benchmark password\n' | "$rcphub" user add official --government Thailand --password-stdin >/dev/null
"$rcphub" user grant official bali official >/dev/null
rport=$(free_port)
"$rcphub" serve --listen "127.0.0.1:$rport" --threads 2 >"$work/serve.log" 2>&1 &
server=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do
	curl -sf "http://127.0.0.1:$rport/api/v1" >/dev/null && break
	sleep 0.3
done
path=/api/v1/processes/bali-process
mkdir -p "$work/www$(dirname $path)"
curl -sf "http://127.0.0.1:$rport$path" >"$work/www$path"
chmod -R a+rX "$work/www"
bytes=$(wc -c <"$work/www$path")
cookie=$(curl -si -H 'Content-Type: application/json' \
	-d '{"login": "official", "password": "benchmark password"}' \
	"http://127.0.0.1:$rport/api/v1/session" | sed -n 's/^Set-Cookie: \(rcphub_session=[0-9a-f]*\).*/\1/p')

nport=$(free_port)
cat >"$nginx_conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	tcp_nodelay on;
	keepalive_requests 1000000;
	default_type application/json;
	server { listen 127.0.0.1:$nport; root $work/www; }
}
CONF
nginx -c "$nginx_conf"
sleep 0.5

# run NAME URL [HEADER]: prints "rps p99_ms" of one wrk run.
run() {
	if [ -n "${3:-}" ]; then
		out=$(wrk -t2 -c64 -d"${secs}s" --latency -H "$3" "$2")
	else
		out=$(wrk -t2 -c64 -d"${secs}s" --latency "$2")
	fi
	rps=$(printf '%s\n' "$out" | awk '/^Requests\/sec/ {print $2}')
	p99=$(printf '%s\n' "$out" | awk '$1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us/, "", v); v /= 1000}
		else if (v ~ /ms$/) sub(/ms/, "", v); else if (v ~ /s$/) {sub(/s/, "", v); v *= 1000}; print v}')
	non2xx=$(printf '%s\n' "$out" | awk '/Non-2xx/ {print $NF}')
	[ -n "$non2xx" ] && echo "warning: $1: $non2xx non-2xx answers" >&2
	echo "$rps $p99"
}

nginx_r=$(run nginx "http://127.0.0.1:$nport$path")
anon_r=$(run rcphub-anonymous "http://127.0.0.1:$rport$path")
sess_r=$(run rcphub-session "http://127.0.0.1:$rport$path" "Cookie: $cookie")
rss=$(awk '/VmRSS/ {print $2 / 1024}' "/proc/$server/status")

nginx_rps=${nginx_r% *}
echo "GET $path ($bytes bytes), wrk -t2 -c64 -d${secs}s, $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| server | requests/s | p99 (ms) | ratio to nginx |"
echo "|---|---:|---:|---:|"
for row in "nginx (static file)|$nginx_r" "rcphub, anonymous|$anon_r" "rcphub, session cookie|$sess_r"; do
	name=${row%%|*}
	vals=${row#*|}
	awk -v n="$name" -v r="${vals% *}" -v p="${vals#* }" -v ref="$nginx_rps" \
		'BEGIN { printf "| %s | %.0f | %.2f | %.2f |\n", n, r, p, r / ref }'
done
echo
echo "rcphub resident memory after the runs: ${rss} MB"
