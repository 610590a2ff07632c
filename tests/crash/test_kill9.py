#!/usr/bin/env python3
"""test_kill9.py: rcphub killed with SIGKILL at random points while it writes, and nothing acknowledged is lost.

Each cycle starts the server, lets a client post documents (remembering each one
the server acknowledged with 201) while `rcphub stats import` loads a file of
some thousand values, and kills both with SIGKILL after a random time. Then,
with nothing running: the database is whole (SQLite's integrity_check;
PostgreSQL's amcheck on every B-tree index), every acknowledged document is
there with its title, and each import is all or nothing (none of its values, or
all of them with its record). Runs on SQLite, or on $RCPHUB_TEST_DB.

Usage: test_kill9.py RCPHUB [CYCLES]"""
import http.client, json, os, random, re, signal, subprocess, sys, tempfile, threading, time

RCPHUB = os.path.abspath(sys.argv[1])
CYCLES = int(sys.argv[2]) if len(sys.argv) > 2 else 50
WORK = tempfile.mkdtemp(prefix="rcphub-kill9-")
PG = os.environ.get("RCPHUB_TEST_DB", "")
DB = PG or os.path.join(WORK, "rcphub.db")
ENV = dict(os.environ, RCPHUB_DB=DB, RCPHUB_SECRET_KEY=os.path.join(WORK, "secret.key"))
PASSWORD = "correct horse battery"
random.seed(int(os.environ.get("KILL9_SEED", time.time())))


def run(*args, stdin=None):
    p = subprocess.run([RCPHUB, *args], input=stdin, capture_output=True, text=True, env=ENV)
    if p.returncode:
        raise SystemExit(f"rcphub {' '.join(args)}: {p.stderr}")
    return p.stdout


def sql(statement):
    shell = ["psql", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", DB, "-c"] if PG else ["sqlite3", DB]
    p = subprocess.run(shell + [statement], capture_output=True, text=True)
    if p.returncode:
        raise SystemExit(f"sql {statement}: {p.stderr}")
    return p.stdout.strip()


def whole():
    """Whether the database passes its engine's own consistency checks."""
    if not PG:
        return sql("PRAGMA integrity_check") == "ok"
    sql("CREATE EXTENSION IF NOT EXISTS amcheck")
    sql("SELECT bt_index_check(c.oid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE a.amname = 'btree' AND n.nspname = 'public'")
    return True


def values_per_indicator():
    """The number of values each of the Bali Process's indicators holds."""
    rows = sql("SELECT i.code || ' ' || count(o.indicator) FROM indicators i LEFT JOIN observations o "
               "ON o.indicator = i.id WHERE i.process = 'bali-process' GROUP BY i.code")
    return {c: int(n) for c, n in (line.split() for line in rows.splitlines())}


def start_server():
    proc = subprocess.Popen([RCPHUB, "serve", "--listen", "127.0.0.1:0", "--threads", "2"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=ENV)
    line = proc.stdout.readline()
    while line and "serving" not in line:
        line = proc.stdout.readline()
    return proc, int(re.search(r":(\d+)/", line).group(1))


def writer(port, token, cycle, acked, stop):
    """Posts documents until the server is gone, noting each acknowledged."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    n = 0
    while not stop.is_set():
        title = f"cycle {cycle} paper {n}"
        body = json.dumps({"title": title, "kind": "note", "level": "members", "body": "x" * random.randint(10, 5000)})
        try:
            conn.request("POST", "/api/v1/processes/bali/documents", body=body,
                         headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
            r = conn.getresponse()
            r.read()
        except (OSError, http.client.HTTPException):
            return
        if r.status == 201:
            acked.append(title)
        n += 1


def main():
    if PG:
        sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    run("init")
    run("user", "add", "sec", "--org", "IOM", "--password-stdin", stdin=PASSWORD + "\n")
    run("user", "grant", "sec", "bali", "secretariat")
    token = run("user", "token", "sec").strip()
    states = [m["code"] for m in json.loads(run("members", "bali", "--json")) if m.get("kind") == "government"]
    acked, failures, imports = [], [], []
    for cycle in range(CYCLES):
        code = f"K{cycle}"
        run("indicator", "add", "bali", code, "--name", f"Kill test {cycle}", "--unit", "PS", "--periodicity", "M")
        rows = [f"dataflow,X:{code}(1.0),I,{s},{y}-{m:02d},{random.randint(0, 10 ** 6)}"
                for s in states for y in range(1990 if PG else 1900, 2010) for m in range(1, 13)]
        path = os.path.join(WORK, f"{code}.csv")
        with open(path, "w") as f:
            f.write("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,TIME_PERIOD,OBS_VALUE\n" + "\n".join(rows) + "\n")
        imports.append((code, len(rows)))
        server, port = start_server()
        stop = threading.Event()
        t = threading.Thread(target=writer, args=(port, token, cycle, acked, stop))
        t.start()
        importer = subprocess.Popen([RCPHUB, "stats", "import", "bali", path], stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, env=ENV)
        time.sleep(random.uniform(0.01, 0.3) if random.random() < 0.7 else random.uniform(0.3, 0.8))
        server.send_signal(signal.SIGKILL)
        importer.send_signal(signal.SIGKILL)
        server.wait()
        importer.wait()
        stop.set()
        t.join()
        if not whole():
            failures.append(f"cycle {cycle}: the database is not whole")
        titles = set(sql("SELECT title FROM documents").splitlines())
        lost = [x for x in acked if x not in titles]
        if lost:
            failures.append(f"cycle {cycle}: {len(lost)} acknowledged documents lost, e.g. {lost[0]}")
        counts = values_per_indicator()
        for c, n in imports:
            if counts.get(c, 0) not in (0, n):
                failures.append(f"cycle {cycle}: import of {c} half done: {counts[c]} of {n} values")
    counts = values_per_indicator()
    done = sum(1 for c, n in imports if counts.get(c, 0) == n)
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    print(f"kill -9: {CYCLES} cycles on {'PostgreSQL' if PG else 'SQLite'}, {len(acked)} acknowledged documents, "
          f"{done} of {len(imports)} imports complete, the others absent; {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
