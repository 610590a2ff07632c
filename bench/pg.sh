#!/bin/sh
# pg.sh: two rcphub servers sharing one PostgreSQL against one rcphub server on SQLite, under wrk, in one run.
# usage: bench/pg.sh [SECONDS]   (run from the repository; prints a Markdown table)
#
# SQLite: one `rcphub serve --threads 2`. PostgreSQL: a throwaway server
# (scripts/with-postgres) and two `rcphub serve --threads 1` on it, each
# loaded by its own wrk (1 thread, 32 connections) at the same time, their
# rates added. The same worker threads and connections in all: 2 and 64.
# GET /api/v1/processes/bali-process, anonymous and with a session cookie.
set -eu
secs=${1:-10}
top=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${RCPHUB_PG_URL:-}" ]; then
	cd "$top"
	./scripts/deps
	./scripts/deps bench/packages.txt
	exec ./scripts/with-postgres "$0" "$@"
fi
cd "$top"
make -s all >/dev/null
. "$top/bench/lib.sh"
rcphub="$top/build/release/rcphub"
work=$(mktemp -d /tmp/rcphub-bench-XXXXXX)
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

prepare() {
	"$rcphub" --db "$1" init >/dev/null
	printf 'benchmark password\n' | "$rcphub" --db "$1" user add official --government Thailand --password-stdin >/dev/null
	"$rcphub" --db "$1" user grant official bali official >/dev/null
}
# serve DB THREADS: starts a server and prints its base URL.
serve() {
	port=$(free_port)
	"$rcphub" --db "$1" serve --listen "127.0.0.1:$port" --threads "$2" >>"$work/serve.log" 2>&1 &
	pids="$pids $!"
	wait_for "http://127.0.0.1:$port/api/v1"
	echo "http://127.0.0.1:$port"
}

prepare "$work/rcphub.db"
prepare "$RCPHUB_PG_URL"
lite=$(serve "$work/rcphub.db" 2)
pg_a=$(serve "$RCPHUB_PG_URL" 1)
pg_b=$(serve "$RCPHUB_PG_URL" 1)
path=/api/v1/processes/bali-process
lite_cookie=$(login "$lite" official "benchmark password")
pg_cookie=$(login "$pg_a" official "benchmark password")

# pair SECONDS [HEADER]: both PostgreSQL servers at once; "requests/s p99_ms" summed and worst.
pair() {
	wrk_run "$1" 1 32 "$pg_a$path" "${2:-}" >"$work/a" &
	a=$!
	wrk_run "$1" 1 32 "$pg_b$path" "${2:-}" >"$work/b"
	wait "$a"
	awk '{ rps += $1; if ($2 > p99) p99 = $2 } END { print rps, p99 }' "$work/a" "$work/b"
}

lite_anon=$(wrk_run "$secs" 2 64 "$lite$path")
pg_anon=$(pair "$secs")
lite_sess=$(wrk_run "$secs" 2 64 "$lite$path" "Cookie: $lite_cookie")
pg_sess=$(pair "$secs" "Cookie: $pg_cookie")

echo "GET $path, $secs s per run, 64 connections in all, $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| request | SQLite, 1 server x 2 threads: req/s (p99 ms) | PostgreSQL, 2 servers x 1 thread: req/s (p99 ms) | ratio |"
echo "|---|---:|---:|---:|"
row() {
	awk -v n="$1" -v l="$2" -v p="$3" 'BEGIN {
		split(l, a, " "); split(p, b, " ")
		printf "| %s | %.0f (%.2f) | %.0f (%.2f) | %.2f |\n", n, a[1], a[2], b[1], b[2], b[1] / a[1] }'
}
row anonymous "$lite_anon" "$pg_anon"
row "session cookie" "$lite_sess" "$pg_sess"
