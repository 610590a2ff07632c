# lib.sh: what the benchmarks share: free ports, waiting for a server, wrk runs. Sourced, not run.

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_for URL: until it answers, at most 5 seconds.
wait_for() {
	for _ in $(seq 1 50); do
		curl -sf "$1" >/dev/null && return 0
		sleep 0.1
	done
	echo "bench: $1 does not answer" >&2
	return 1
}

# login URL USER PASSWORD: the "rcphub_session=..." cookie of a new session.
login() {
	curl -si -H 'Content-Type: application/json' -d "{\"login\": \"$2\", \"password\": \"$3\"}" \
		"$1/api/v1/session" | sed -n 's/^Set-Cookie: \(rcphub_session=[0-9a-f]*\).*/\1/p'
}

# wrk_run SECONDS THREADS CONNECTIONS URL [HEADER]: prints "requests/s p99_ms".
# Every request takes gzip, as a browser's does ($ACCEPT to ask otherwise:
# nginx as Debian builds it has no Brotli, so comparisons with it ask for gzip).
wrk_run() {
	accept="Accept-Encoding: ${ACCEPT:-gzip}"
	if [ -n "${5:-}" ]; then
		out=$(wrk -t"$2" -c"$3" -d"$1s" --latency -H "$accept" -H "$5" "$4")
	else
		out=$(wrk -t"$2" -c"$3" -d"$1s" --latency -H "$accept" "$4")
	fi
	non2xx=$(printf '%s\n' "$out" | awk '/Non-2xx/ {print $NF}')
	[ -n "$non2xx" ] && echo "warning: $4: $non2xx non-2xx answers" >&2
	printf '%s\n' "$out" | awk '
		/^Requests\/sec/ { rps = $2 }
		$1 == "99%" { v = $2
			if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 }
			else if (v ~ /ms$/) sub(/ms/, "", v)
			else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 }
			p99 = v }
		END { print rps, p99 }'
}
