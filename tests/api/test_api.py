#!/usr/bin/env python3
"""test_api.py: the JSON API over real HTTP against a started rcphub server.

usage: test_api.py PATH/TO/rcphub

With $RCPHUB_TEST_DB set to a postgresql:// URL the same checks run on that
database (emptied first).

Makes a fresh database, accounts for every role through the CLI, starts
`rcphub serve` on a free loopback port and checks what each kind of user
sees and may do, then bad input, sessions, TLS and shutdown.
"""
import base64
import csv
import gzip
import hashlib
import hmac
import http.client
import io
import json
import re
import os
import shutil
import signal
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse

RCPHUB = os.path.abspath(sys.argv[1])
WORK = tempfile.mkdtemp(prefix="rcphub-api-")
PG = os.environ.get("RCPHUB_TEST_DB", "")
DB = PG or os.path.join(WORK, "rcphub.db")
ENV = dict(os.environ, RCPHUB_DB=DB, RCPHUB_SECRET_KEY=os.path.join(WORK, "secret.key"))
PASSWORD = "correct horse battery"
passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, file=sys.stderr)
    return cond


def sql(statement):
    """Runs SQL on the test database with its engine's own shell; its output."""
    shell = ["psql", "-q", "-t", "-A", DB, "-c"] if PG else ["sqlite3", DB]
    return subprocess.run(shell + [statement], check=True, capture_output=True, text=True).stdout.strip()


def cli(*args, stdin=None, want=0):
    p = subprocess.run([RCPHUB, *args], input=stdin, capture_output=True, text=True, env=ENV)
    if p.returncode != want:
        raise SystemExit(f"rcphub {' '.join(args)}: exit {p.returncode}: {p.stderr}")
    return p.stdout


class Server:
    """An rcphub serve process on a free port, stopped with SIGTERM."""

    def __init__(self, *extra, tls=False, max_fds=None, second_factor="optional"):
        """second_factor: "optional" lets the suite's administrators and
        secretariats sign in with a password alone; "required" is the default
        of rcphub serve, tested on its own."""
        def limit():
            if max_fds:
                import resource
                resource.setrlimit(resource.RLIMIT_NOFILE, (max_fds, max_fds))
        self.proc = subprocess.Popen([RCPHUB, "serve", "--listen", "127.0.0.1:0", "--second-factor", second_factor,
                                      *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
                                     preexec_fn=limit)
        line = self.proc.stdout.readline()
        while line and "serving" not in line:
            line = self.proc.stdout.readline()
        if "serving" not in line:
            raise SystemExit("server did not start: " + self.proc.stderr.read())
        self.port = int(re.search(r":(\d+)/", line).group(1))
        self.tls = tls

    def conn(self):
        if self.tls:
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            return http.client.HTTPSConnection("127.0.0.1", self.port, timeout=10, context=ctx)
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=10)


class Response:
    def __init__(self, r):
        self.status = r.status
        self.headers = {k.lower(): v for k, v in r.getheaders()}
        self.body = r.read()

    def json(self):
        return json.loads(self.body)

    def error_code(self):
        try:
            return self.json()["error"]["code"]
        except Exception:
            return None


def request(server, method, path, body=None, headers=None, token=None, session=None):
    h = dict(headers or {})
    if token:
        h["Authorization"] = "Bearer " + token
    if session:
        h["Cookie"] = ("__Host-rcphub_session=" if getattr(server, "tls", False) else "rcphub_session=") + session["cookie"]
        h.setdefault("X-CSRF-Token", session["csrf"])
    if isinstance(body, (dict, list)):
        body = json.dumps(body).encode()
        h.setdefault("Content-Type", "application/json")
    c = server.conn()
    c.request(method, path, body=body, headers=h)
    r = Response(c.getresponse())
    c.close()
    return r


def login(server, user, password=PASSWORD):
    r = request(server, "POST", "/api/v1/session", {"login": user, "password": password})
    if r.status != 201:
        return r
    cookie = r.headers["set-cookie"].split(";")[0].split("=", 1)[1]
    return {"cookie": cookie, "csrf": r.json()["csrf_token"], "set-cookie": r.headers["set-cookie"]}


# ---- the platform: users in every role of the Bali Process ----

if PG:
    sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
cli("init")
USERS = {
    # login: (party flag, party, process, role)
    "admin": ("--admin", None, None, None),
    "sec": ("--org", "IOM", "bali", "secretariat"),
    "fp": ("--government", "Philippines", "bali", "focal-point"),
    "official": ("--government", "THA", "bali", "official"),
    "observer": ("--government", "Canada", "bali", "observer"),
    "cs": ("--org", "ICRC", "bali", "civil-society"),
    "outsider": ("--government", "France", "budapest", "official"),
    "reader": ("--government", "JPN", None, None),
}
for login_, (flag, party, process, role) in USERS.items():
    args = ["user", "add", login_, flag] + ([party] if party else []) + ["--password-stdin"]
    cli(*args, stdin=PASSWORD + "\n")
    if process:
        cli("user", "grant", login_, process, role)
def xlsx_cells(data):
    """Every cell of a workbook's first sheet, as text, read back by Debian's python3-openpyxl."""
    out = subprocess.run(["/usr/bin/python3", "-c", "import io, sys, openpyxl\n"
                          "ws = openpyxl.load_workbook(io.BytesIO(sys.stdin.buffer.read())).active\n"
                          "for row in ws.iter_rows(values_only=True): print('\\t'.join('' if v is None else str(v) "
                          "for v in row))"], input=data, capture_output=True, check=True)
    return out.stdout.decode()


TOKENS = {u: cli("user", "token", u).strip() for u in USERS}

# Grants that do not fit are refused with the reason.
p = subprocess.run([RCPHUB, "user", "grant", "observer", "bali", "official"], capture_output=True,
                   text=True, env=ENV)
check(p.returncode == 1 and "not a member government" in p.stderr, "official role needs a member government")

srv = Server("--threads", "2")

# ---- the public registry ----
r = request(srv, "GET", "/api/v1/processes")
j = r.json()
check(r.status == 200 and j["total"] == 23 and len(j["items"]) == 23, "23 processes listed")
check(all({"slug", "acronym", "name"} <= set(p) for p in j["items"]), "processes carry slug, acronym, name")
r = request(srv, "GET", "/api/v1/processes?limit=5&offset=10")
check(r.json()["total"] == 23 and len(r.json()["items"]) == 5, "pagination: 5 items (the limit) after offset 10")
r = request(srv, "GET", "/api/v1/processes/apc")
codes = {p["code"] for p in r.json()["participants"]}
check(r.status == 200 and "NZL" in codes and "FSM" in codes, "APC participants include New Zealand")
r = request(srv, "GET", "/api/v1/states/NZL")
check(r.status == 200 and "apc" in {p["process"]["slug"] for p in r.json()["processes"]},
      "New Zealand's processes include APC")
r = request(srv, "GET", "/api/v1/overlap?a=bali&b=apc")
check(r.status == 200 and len(r.json()["shared"]) == 33, "Bali Process and APC share 33 members")
r = request(srv, "GET", "/api/v1/overlap")
check(r.status == 200 and len(r.json()["pairs"]) == 23 * 22 // 2, "the overlap matrix has 253 pairs")
figure = lambda body: body[body.index(b'<figure class="heatmap">'):body.index(b"</main>")]
by_region, by_similarity = (request(srv, "GET", "/overlap" + q).body for q in ("", "?order=similarity"))
check(figure(by_region) != figure(by_similarity) and figure(request(srv, "GET", "/overlap").body) == figure(by_region)
      and figure(request(srv, "GET", "/overlap?order=similarity").body) == figure(by_similarity),
      "each order of the heatmap is drawn its own way, and kept apart when kept")
# ?at=YEAR: what the sources attest in that year, and what they do not
j = request(srv, "GET", "/api/v1/processes/budapest-process?at=1992").json()
check(j["at"] == 1992 and len(j["participants"]) == 75 and not any(p["attested"] for p in j["participants"]),
      "in 1992 no participant of the Budapest Process is attested: the annex lists them undated, as of 2009")
j = request(srv, "GET", "/api/v1/processes/apc?at=2002").json()
held = {p["code"] for p in j["participants"] if p["attested"]}
check(held == {"NZL"}, "APC in 2002: New Zealand is attested (a member until 2003), the others are not")
j = request(srv, "GET", "/api/v1/processes?at=2004").json()
check(j["at"] == 2004 and [p["members"] for p in j["items"] if p["slug"] == "colombo-process"] == [10] and
      "abu-dhabi-dialogue" not in [p["slug"] for p in j["items"]], "the process list as of 2004")
j = request(srv, "GET", "/api/v1/states/ARM?at=2000").json()
check(j["at"] == 2000 and [(p["process"]["slug"], p["attested"]) for p in j["processes"]] ==
      [("budapest-process", False)], "a state's processes as of a year")
check(request(srv, "GET", "/api/v1/overlap?a=bali&b=apc&at=2002").json()["jaccard"] == 0 and
      request(srv, "GET", "/api/v1/overlap?a=bali&b=apc&at=2009").json()["jaccard"] == 0.75,
      "overlap as of a year")
check(request(srv, "GET", "/api/v1/overlap?at=2009").json()["at"] == 2009, "the overlap matrix as of a year")
for path in ("/api/v1/processes?at=2030", "/api/v1/processes/apc?at=20x2", "/api/v1/states/ARM?at=1800",
             "/api/v1/overlap?at=3000"):
    r = request(srv, "GET", path)
    check(r.status == 400 and r.json()["error"]["message"].startswith("at:"), "a bad or future year is refused: " + path)
page = request(srv, "GET", "/processes/budapest-process?at=1992").body.decode()
check("<title>Budapest Process as of 1992" in page and 'id="not-attested">Not attested in 1992' in page and
      '<table class="participants">' not in page, "the process page as of 1992: no member attested, each listed apart")
page = request(srv, "GET", "/processes/apc?at=2002").body.decode()
check(page.count('<table class="participants">') == 1 and 'href="/states/NZL"' in page.split('id="not-attested"')[0] and
      'href="/states/AUS"' not in page.split('id="not-attested"')[0], "APC's page as of 2002: New Zealand attested, not Australia")
page = request(srv, "GET", "/processes/apc").body.decode()
check('Members <span class="count">(34 now, 1 former)' in page and
      'Members <span class="count">(6 now, 1 suspended)' in request(srv, "GET", "/processes/igad-rcp").body.decode(),
      "the process page counts members as the home page does, and says who else it lists")
check("as of 2009 (the latest source)" in request(srv, "GET", "/processes/apc").body.decode(),
      "without a year, the page says how recent its latest source is")
j = request(srv, "GET", "/api/v1/processes/midsa?at=2012").json()
check([l["name"] for l in j["leadership"]] == ["Mozambique"] and len(j["themes"]) == 7 and
      {t["source"] for t in j["themes_provenance"]} == {"iom-mrs-38"},
      "MIDSA as of 2012 through the API: that year's chair, and the report's themes alone")
j = request(srv, "GET", "/api/v1/processes/midsa").json()
check(len(j["themes"]) == 18 and j["themes_provenance"][-1]["url"] == "https://www.iom.int/migration-dialogue-southern-africa-midsa"
      and j["themes_provenance"][-1]["as_of_stated"] is False, "each theme carries its own source")
page = request(srv, "GET", "/processes/midsa?at=2012").body.decode()
lead = page.split('id="leadership"')[1].split("</section>")[0]
check("Mozambique" in lead and "Namibia" not in lead and "in 2012" in lead and
      "Not attested in 2012: 11 more, first attested in 2025." in page and "Border management" not in page,
      "MIDSA's page as of 2012: its chair that year; the themes IOM lists today counted apart")
page = request(srv, "GET", "/processes/midsa").body.decode()
check("Border management" in page and "migration-dialogue-southern-africa-midsa" in page.split('class="sources"')[1] and
      "as of 2025 (the latest source)" in page, "today's MIDSA page with IOM's themes and their source")
page = request(srv, "GET", "/states/ARM?at=2000").body.decode()
check("<title>Armenia as of 2000" in page and 'id="not-attested">Not attested in 2000' in page and
      "first attested 2009" in page, "a state's page as of a year: what no source attests then, apart")
page = request(srv, "GET", "/overlap?at=2002").body.decode()
check("<title>Overlap of processes as of 2002" in page and "those a source attests in 2002" in page,
      "the overlap page as of a year")
page = request(srv, "GET", "/map?process=almaty&at=2015").body.decode()
check("Who takes part in Almaty Process, as of 2015" in page and 'href="https://www.unhcr.org/centralasia/en/almaty-process-faq"' in page
      and re.findall(r"<title>([^<:]+): [a-z]", page) == ["Turkmenistan"],
      "a process's map as of a year, with its sources: Turkmenistan alone in 2015")
page = request(srv, "GET", "/compare?a=bali&b=apc&at=2002").body.decode()
check("<title>Compare processes as of 2002" in page and "member governments attested in 2002: <strong>0.000" in page and
      "current member governments: <strong>0.750" in request(srv, "GET", "/compare?a=bali&b=apc").body.decode(),
      "the comparison of two processes as of a year")
# ---- tables as CSV and Excel, each as of a year, with a citation on the page ----
rows = list(csv.DictReader(io.StringIO(request(srv, "GET", "/processes/apc/participants.csv?at=2002").body.decode())))
nz = [x for x in rows if x["code"] == "NZL"]
check(nz and nz[0]["role"] == "member" and nz[0]["until"] == "2003" and nz[0]["source_url"] == "" and
      nz[0]["source"] and nz[0]["as_of"] == "2009", f"APC's participants in 2002, as CSV, include New Zealand with its source: {nz}")
r = request(srv, "GET", "/processes/apc/participants.xlsx?at=2002")
cells = xlsx_cells(r.body)
check(r.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" and
      'filename="apc-participants-2002.xlsx"' in r.headers["content-disposition"] and
      cells.startswith("Inter-governmental Asia-Pacific Consultations") and "participants as of 2002" in cells and
      "rcphub, " in cells and "/processes/apc/participants.xlsx?at=2002" in cells and
      "\nNew Zealand\tNZL\tgovernment\tmember\tformer\t\t2003\t" in cells,
      "the same as an Excel workbook: title, citation, then the table with years as numbers")
rows = list(csv.DictReader(io.StringIO(request(srv, "GET", "/overlap.csv?at=2002").body.decode())))
pair = [x for x in rows if {x["process_a"], x["process_b"]} == {"Bali Process", "APC"}]
check(pair and pair[0]["shared"] == "0" and float(pair[0]["jaccard"]) == 0.0,
      f"the overlap of every pair as of 2002: Bali and APC shared no attested member then: {pair}")
rows = list(csv.DictReader(io.StringIO(request(srv, "GET", "/compare.csv?a=bali&b=apc").body.decode())))
check(len([x for x in rows if x["Bali Process"] == x["APC"] == "member"]) == 33 and
      [(x["Bali Process"], x["APC"]) for x in rows if x["code"] == "NZL"] == [("member", "")],
      "the comparison lists the 33 shared member governments, and New Zealand in the Bali Process alone")
rows = list(csv.DictReader(io.StringIO(request(srv, "GET", "/states/NZL/processes.csv?at=2002").body.decode())))
check([x["process"] for x in rows if x["role"] == "member"][:1] == ["APC"], f"New Zealand's processes in 2002: {rows[:2]}")
page = request(srv, "GET", "/processes/apc?at=2002").body.decode()
check('<a download href="/processes/apc-participants.csv' not in page and
      '<a download href="/processes/apc/participants.xlsx?at=2002">Excel</a>' in page and
      re.search(r'Cite as: rcphub, APC as of 2002, retrieved \d{4}-\d\d-\d\d, http://[^ ]+/processes/apc\?at=2002<', page),
      "the process page offers its table and says how to cite it")
check(request(srv, "GET", "/compare.csv?a=bali&b=nowhere").status == 404 and
      request(srv, "GET", "/processes/apc/participants.csv?at=1800").status == 400,
      "an unknown process or year is said, not exported empty")

page = request(srv, "GET", "/compare?a=bali&b=apc").body.decode()
shared = re.findall(r'<li><a href="/states/[A-Z]{3}">([^<]+)</a></li>', page.split('<ul class="codes">')[1].split("</ul>")[0])
check(len(shared) == 33 and shared == sorted(shared), f"the shared members listed by the names they are shown by: {shared[:5]}")
page = request(srv, "GET", "/search?q=pueblo").body.decode()
check('<p class="suggest">Did you mean <a href="/processes/rcm">RCM</a>?</p>' in page, "a near miss gets a suggestion")
check('href="/states/VNM"' in request(srv, "GET", "/search?q=vietnam").body.decode() and
      'href="/states/KOR"' in request(srv, "GET", "/search?q=South%20Korea").body.decode(),
      "common names find their states")
check('class="suggest"' not in request(srv, "GET", "/search?q=bali").body.decode(), "a hit needs no suggestion")
page = request(srv, "GET", "/search?q=Intelligence").body.decode()
check('<a href="/processes/bali-process#goals">Bali Process</a> <span class="meta">goals</span><p class="excerpt">More '
      'effective information and <mark>intelligence</mark> sharing.</p>' in page,
      "words of a process's goals find it, the words marked, linked to the section")
r = request(srv, "GET", "/api/v1/search?q=WORKING%20group%20irregular%20TRANSIT")
check(r.status == 200 and [(i["process"], i["what"]) for i in r.json()["items"]] == [("budapest-process", "working group")],
      "working groups are found by their names")
for q in ('"', 'intelligence" OR "x', "a:*&b|!(c)", "\\", "*", "NEAR(a b)", "\u00e9\u00e9\u00e9", "\u0627\u0644"):
    r = request(srv, "GET", "/api/v1/search?q=" + urllib.parse.quote(q))
    check(r.status in (200, 422) and "error" not in r.json() or r.json()["error"]["code"] == "invalid",
          f"the search takes {q!r} as words, never as the engine's syntax: {r.status}")
check(request(srv, "GET", "/overlap?at=2099").status == 400 and request(srv, "GET", "/states/ARM?at=x").status == 400,
      "and a bad year is a 400 page there too")
check(request(srv, "GET", "/processes/apc?at=2030").status == 400 and
      request(srv, "GET", "/processes/apc?at=soon").status == 400, "a year to come, or no year, is a 400 page")
j = request(srv, "GET", "/api/v1/processes/budapest-process").json()
tur = [p for p in j["participants"] if p["code"] == "TUR"][0]
check(tur["name"] == "Türkiye" and tur["source_name"] == "Turkey" and tur["provenance"]["as_of"] == "2009" and
      tur["provenance"]["as_of_stated"] is False and j["as_of"] == 2015 and j["kind"] == "rcp",
      "each participation says how its source names it, and when")
r = request(srv, "GET", "/api/v1/processes/bali-proces")
check(r.status == 404 and "bali-process" in r.json()["error"]["message"], "a misspelt process gets suggestions")
sql("UPDATE processes SET established = 2001 WHERE slug = 'rcm'; "
    "UPDATE registry_version SET version = version + 1")
for _ in range(4):  # every worker sees the change
    r = request(srv, "GET", "/api/v1/processes/rcm")
    check(r.json()["established"] == 2001, "a registry change reaches rendered answers")
sql("UPDATE processes SET established = 1996 WHERE slug = 'rcm'; "
    "INSERT INTO names (kind, name, id) VALUES ('process', 'conferencia regional sobre migracion', 'rcm'); "
    "UPDATE registry_version SET version = version + 1")
for _ in range(4):
    r = request(srv, "GET", "/api/v1/processes/Conferencia%20Regional%20sobre%20Migraci%C3%B3n")
    check(r.status == 200 and r.json()["slug"] == "rcm", "a name added by another server is known at once")
etag = request(srv, "GET", "/api/v1/processes/bali-process").headers.get("etag")
r = request(srv, "GET", "/api/v1/processes/bali-process", headers={"If-None-Match": etag})
check(etag and r.status == 304 and r.body == b"", "If-None-Match answers 304")
h = request(srv, "GET", "/api/v1/processes").headers
check("frame-ancestors 'none'" in h.get("content-security-policy", "") and "unsafe-inline" not in
      h.get("content-security-policy", "") and h.get("x-content-type-options") == "nosniff" and
      h.get("referrer-policy"), "security headers")

# gzip for anonymous visitors who accept it; never for signed-in ones (BREACH)
plain = request(srv, "GET", "/api/v1/processes/bali-process")
packed = request(srv, "GET", "/api/v1/processes/bali-process", headers={"Accept-Encoding": "gzip"})
check(packed.headers.get("content-encoding") == "gzip" and gzip.decompress(packed.body) == plain.body and
      packed.headers["etag"] == plain.headers["etag"][:-1] + '-gzip"' and len(packed.body) < len(plain.body) // 3,
      "anonymous answers are gzipped on request, with their own ETag")
for path in ("/api/v1/processes/bali-process", "/processes/bali-process", "/map?process=bali"):
    plain = request(srv, "GET", path).body
    answers = [request(srv, "GET", path, headers={"Accept-Encoding": ae})
               for ae in ("gzip, deflate, br", "br;q=1.0, gzip;q=0.8", "gzip, br;q=0", "br;q=0.000, gzip")]
    unpacked = subprocess.run(["/usr/bin/python3", "-c", "import sys, brotli\n"
                               "sys.stdout.buffer.write(brotli.decompress(sys.stdin.buffer.read()))"],
                              input=answers[0].body, capture_output=True).stdout
    check([a.headers.get("content-encoding") for a in answers] == ["br", "br", "gzip", "gzip"] and
          unpacked == plain and answers[0].headers["etag"].endswith('-br"') and
          len(answers[0].body) < len(answers[2].body) and gzip.decompress(answers[2].body) == plain,
          f"{path}: Brotli when the browser takes it (smaller than gzip), gzip when it refuses Brotli")
r = request(srv, "GET", "/processes/bali-process", headers={"Accept-Encoding": "gzip"}, token=TOKENS["sec"])
check("content-encoding" not in r.headers and b"<h1>" in r.body, "signed-in pages are not compressed")
pages = {path: request(srv, "GET", path).body for path in ("/overlap", "/states/NZL")}
answers = [(path, request(srv, "GET", path, headers={"Accept-Encoding": "gzip"})) for path in list(pages) * 3]
check(all(a.headers.get("content-encoding") == "gzip" and gzip.decompress(a.body) == pages[path] for path, a in answers),
      "each page's compressed form, kept by the workers, is that page's")
r = request(srv, "GET", "/overlap", headers={"Accept-Encoding": "gzip", "If-None-Match": answers[0][1].headers["etag"]})
check(r.status == 304, "a kept compressed page is still revalidated by its tag")

# pages kept whole for anonymous visitors stay current, and are never what a signed-in user gets
first = request(srv, "GET", "/processes/apc", headers={"Accept-Encoding": "br"})
kept = [request(srv, "GET", "/processes/apc", headers={"Accept-Encoding": "br"}) for _ in range(4)]
check(all(k.body == first.body and k.headers["etag"] == first.headers["etag"] for k in kept), "a kept page is the same bytes")
r = request(srv, "POST", "/api/v1/processes/apc/documents", {"title": "Kept page probe", "level": "public"},
            token=TOKENS["admin"])
probe = r.json()["id"]
check(all(b"Kept page probe" in request(srv, "GET", path).body for path in ("/processes/apc", "/documents") * 2),
      "a new public paper shows at once on the kept pages of every worker")
request(srv, "DELETE", f"/api/v1/documents/{probe}", token=TOKENS["admin"])
check(all(b"Kept page probe" not in request(srv, "GET", path).body for path in ("/processes/apc", "/documents") * 2),
      "and is gone at once when deleted")
added = cli("doc", "add", "apc", "--title", "Probe from the command line", "--level", "public").split()[-1]
check(all(b"Probe from the command line" in request(srv, "GET", "/processes/apc").body for _ in range(4)),
      "a paper added by the command line shows at once on the kept page of every worker")
sql(f"UPDATE documents SET title = 'Retitled in the shell' WHERE id = {added}; "
    "UPDATE registry_version SET documents = documents + 1 WHERE id = 1")
deadline = time.monotonic() + 3
while b"Retitled in the shell" not in request(srv, "GET", "/processes/apc").body and time.monotonic() < deadline:
    time.sleep(0.05)
check(all(b"Retitled in the shell" in request(srv, "GET", "/processes/apc").body for _ in range(4)),
      "a change made in the engine's own shell shows within a second or so")
cli("doc", "delete", added)
anonymous, signed = request(srv, "GET", "/processes/apc").body, request(srv, "GET", "/processes/apc", token=TOKENS["sec"]).body
check(b'href="/login">Sign in' in anonymous and b'href="/login">Sign in' not in signed and b'href="/account">sec' in signed,
      "a signed-in user gets their own page, never the kept one")

# the API's index names resources the router knows
for path in request(srv, "GET", "/api/v1").json()["resources"]:
    concrete = path.replace("{slug}", "bali").replace("{code}", "VNM").replace("{id}", "1")
    r = request(srv, "GET", concrete, token=TOKENS["admin"])
    check(r.status not in (405, 500) and not (r.status == 404 and r.error_code() == "not_found" and
                                              "no such resource" in r.body.decode()),
          f"the index's {path} is a route ({concrete}: {r.status})")

# ---- documents: one per level from the secretariat, one of the focal point's state ----
docs = {}
for level in ("public", "participants", "members", "restricted"):
    body = {"title": f"Bali {level} paper", "level": level, "kind": "report", "date": "2009-04-15",
            "body": f"# Findings\n\nOnly for **{level}**.<script>alert(1)</script>\n\nThe {level} annex on "
                    f"smuggling routes, code kestrel-{level}."}
    if level == "restricted":
        body["readers"] = ["reader"]
    r = request(srv, "POST", "/api/v1/processes/bali/documents", body, token=TOKENS["sec"])
    check(r.status == 201 and r.json()["level"] == level, f"secretariat adds a {level} document")
    docs[level] = r.json()["id"]
    check("<script>" not in r.json()["body_html"] and "<h1>Findings</h1>" in r.json()["body_html"],
          "Markdown rendered, raw HTML dropped")
r = request(srv, "POST", "/api/v1/processes/bali/documents",
            {"title": "Arrivals table", "level": "public", "kind": "note",
             "body": "| State | Arrivals |\n|---|---:|\n| Thailand | ~~12~~ 14 |\n\nSee https://www.baliprocess.net "
                     "and [this](javascript:alert(1)) <iframe src=x></iframe>"}, token=TOKENS["sec"])
html = r.json()["body_html"]
check(r.status == 201 and "<table>" in html and '<th align="right">Arrivals</th>' in html and "<del>12</del>" in html
      and '<a href="https://www.baliprocess.net">' in html and "javascript:" not in html and "<iframe" not in html,
      f"GitHub-flavoured Markdown: tables, strikethrough and autolinks; raw HTML and javascript: links still dropped: {html}")
request(srv, "DELETE", f"/api/v1/documents/{r.json()['id']}", token=TOKENS["sec"])
r = request(srv, "POST", "/api/v1/processes/bali/documents",
            {"title": "Philippines national report", "level": "members", "kind": "report"}, token=TOKENS["fp"])
check(r.status == 201 and r.json()["state"] == "PHL", "a focal point's paper belongs to their state")
docs["fp-members"] = r.json()["id"]
for key, doc_id in docs.items():
    r = request(srv, "PUT", f"/api/v1/documents/{doc_id}/file?name=annex.txt", b"annex of " + key.encode(),
                headers={"Content-Type": "text/plain"}, token=TOKENS["sec"])
    check(r.status == 200 and r.json()["file"]["size"] == len(b"annex of " + key.encode()), "file attached")

# files a browser may show are shown, sandboxed where the viewer allows it; anything else is saved, and
# a type the bytes do not bear out is not believed
png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
shown = request(srv, "POST", "/api/v1/processes/bali/documents", {"title": "Shown files", "level": "public"},
                token=TOKENS["sec"]).json()["id"]
for name, ctype, data, want_type, want_disposition, sandboxed in (
        ("chart.png", "image/png", png, "image/png", "inline", True),
        ("statement.pdf", "application/pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n%%EOF\n", "application/pdf", "inline", False),
        ("page.png", "image/png", b"<html><script>alert(1)</script></html>", "application/octet-stream", "attachment", None),
        ("map.svg", "image/svg+xml", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
         "application/octet-stream", "attachment", None),
        ("page.html", "text/html", b"<script>alert(1)</script>", "application/octet-stream", "attachment", None)):
    request(srv, "PUT", f"/api/v1/documents/{shown}/file?name={name}", data, headers={"Content-Type": ctype},
            token=TOKENS["sec"])
    for path in (f"/api/v1/documents/{shown}/file", f"/documents/{shown}/file"):
        r = request(srv, "GET", path)
        csp = r.headers.get("content-security-policy", "")
        check(r.status == 200 and r.body == data and r.headers["content-type"] == want_type and
              r.headers["content-disposition"].startswith(want_disposition + "; filename*=UTF-8''" + name) and
              r.headers.get("x-content-type-options") == "nosniff" and
              (sandboxed is None and "default-src 'self'" in csp or sandboxed is True and csp.startswith("sandbox;") or
               sandboxed is False and "sandbox" not in csp and "frame-ancestors 'none'" in csp),
              f"{path} {name} as {ctype}: sent as {want_type}, {want_disposition}: {r.headers['content-type']}, {csp}")
r = request(srv, "DELETE", f"/api/v1/documents/{shown}/file", token=TOKENS["sec"])
check(r.status == 200 and r.json()["file"] is None and request(srv, "GET", f"/documents/{shown}/file").status == 404 and
      request(srv, "DELETE", f"/api/v1/documents/{shown}/file", token=TOKENS["sec"]).status == 404 and
      request(srv, "DELETE", f"/api/v1/documents/{shown}/file", token=TOKENS["observer"]).status == 403,
      "a file is removed; removing none is 404; an observer removes nothing")
request(srv, "DELETE", f"/api/v1/documents/{shown}", token=TOKENS["sec"])

# ---- the confidentiality matrix: roles x levels x endpoints ----
LEVEL_OF = {"public": "public", "participants": "participants", "members": "members",
            "restricted": "restricted", "fp-members": "members"}
MAY_READ = {
    None: {"public"},
    "cs": {"public"},
    "outsider": {"public"},
    "observer": {"public", "participants"},
    "official": {"public", "participants", "members"},
    "fp": {"public", "participants", "members"},
    "reader": {"public", "restricted"},
    "sec": {"public", "participants", "members", "restricted"},
    "admin": {"public", "participants", "members", "restricted"},
}
missing = request(srv, "GET", "/api/v1/documents/999999", token=TOKENS["admin"])


def same_as_missing(r, doc_id):
    """A hidden document's answer is the missing one's, id aside."""
    return (r.status == missing.status and
            r.body.replace(str(doc_id).encode(), b"ID") == missing.body.replace(b"999999", b"ID"))


for who, allowed in MAY_READ.items():
    tok = TOKENS.get(who) if who else None
    listing = request(srv, "GET", "/api/v1/processes/bali/documents", token=tok).json()
    listed = {d["id"] for d in listing["items"]}
    visible = {k for k, lvl in LEVEL_OF.items() if lvl in allowed}
    check(listed == {docs[k] for k in visible} and listing["total"] == len(visible),
          f"{who}: the list shows exactly {sorted(visible)} (got {listed})")
    for key, doc_id in docs.items():
        may = LEVEL_OF[key] in allowed
        for path in (f"/api/v1/documents/{doc_id}", f"/api/v1/documents/{doc_id}/file",
                     f"/api/v1/documents/{doc_id}/versions", f"/api/v1/documents/{doc_id}/versions/1"):
            r = request(srv, "GET", path, token=tok)
            if may:
                check(r.status == 200, f"{who} reads {path} ({key})")
            else:
                check(r.status == 404 and same_as_missing(r, doc_id),
                      f"{who} is told {path} ({key}) does not exist, as for a missing one")
        # Changes: only the secretariat, admin, and the focal point for their own state.
        may_write = who in ("sec", "admin") or (who == "fp" and key == "fp-members")
        r = request(srv, "PATCH", f"/api/v1/documents/{doc_id}", {"title": f"{key} (revised)"}, token=tok)
        want = 200 if may_write else (404 if not may else (401 if who is None else 403))
        check(r.status == want, f"{who} PATCH {key}: {r.status}, want {want}")

# ---- versions: every change kept with who and when; an old version shown only at its own level ----
r = request(srv, "POST", "/api/v1/processes/bali/documents", {"title": "Draft statement", "level": "members",
            "body": "First draft."}, token=TOKENS["sec"])
draft = r.json()["id"]
check(r.json()["version"] == 1 and r.json()["changed_by"] == "sec", "a new paper is version 1")
request(srv, "PATCH", f"/api/v1/documents/{draft}", {"title": "Statement", "body": "Second draft."}, token=TOKENS["sec"])
r = request(srv, "PATCH", f"/api/v1/documents/{draft}", {"level": "public", "body": "Adopted text."},
            token=TOKENS["admin"])
check(r.json()["version"] == 3 and r.json()["changed_by"] == "admin", "each change is a new version, with who made it")
items = request(srv, "GET", f"/api/v1/documents/{draft}/versions", token=TOKENS["sec"]).json()["items"]
check([(v["version"], v["changed_by"], v["title"], v["level"]) for v in items] ==
      [(3, "admin", "Statement", "public"), (2, "sec", "Statement", "members"), (1, "sec", "Draft statement", "members")],
      f"the secretariat sees every version, newest first: {items}")
check(request(srv, "GET", f"/api/v1/documents/{draft}/versions/1", token=TOKENS["sec"]).json()["body"] == "First draft.",
      "an old version's text as it was")
anonymous = request(srv, "GET", f"/api/v1/documents/{draft}/versions").json()["items"]
check([v["version"] for v in anonymous] == [3] and
      request(srv, "GET", f"/api/v1/documents/{draft}/versions/2").status == 404 and
      request(srv, "GET", f"/api/v1/documents/{draft}/versions/2", token=TOKENS["observer"]).status == 404 and
      request(srv, "GET", f"/api/v1/documents/{draft}/versions/2", token=TOKENS["official"]).status == 200,
      "a version written for members stays theirs after the paper is made public")
page = request(srv, "GET", f"/documents/{draft}").body.decode()
check(re.search(r"<dt>Version</dt><dd>3, changed \d{4}-\d\d-\d\d by admin \(<a href=\"/documents/%d/versions\">" % draft,
                page) and "<dt>Process</dt><dd><a href=\"/processes/bali-process\">Bali Process</a>" in page,
      "the paper's page says its version, when and by whom, and names its process")
page = request(srv, "GET", f"/documents/{draft}/versions", token=TOKENS["sec"]).body.decode()
check(page.count('<tr><td class="num"><a href="/documents/%d/versions/' % draft) == 3 and
      "Versions written at a level" not in page, "the versions page lists them")
page = request(srv, "GET", f"/documents/{draft}/versions").body.decode()
check(page.count('<tr><td class="num">') == 1 and "Versions written at a level you may not read are not shown" in page,
      "and says when some are left out")
check("Second draft." in request(srv, "GET", f"/documents/{draft}/versions/2", token=TOKENS["sec"]).body.decode() and
      request(srv, "GET", f"/documents/{draft}/versions/2").status == 404 and
      request(srv, "GET", f"/documents/{draft}/versions/x").status == 404, "an old version's page")

# the pages obey the same rules: a hidden paper's page is the missing one's, its title is
# nowhere, and the search does not find it
for who, allowed in MAY_READ.items():
    tok = TOKENS.get(who) if who else None
    missing_page = request(srv, "GET", "/documents/999999", token=tok)
    page = request(srv, "GET", "/processes/bali-process", token=tok).body
    index = request(srv, "GET", "/documents", token=tok).body
    listed = request(srv, "GET", "/documents.csv", token=tok).body.decode()
    workbook = request(srv, "GET", "/documents.xlsx", token=tok).body
    for key, doc_id in docs.items():
        title = request(srv, "GET", f"/api/v1/documents/{doc_id}", token=TOKENS["admin"]).json()["title"]
        found = request(srv, "GET", "/search?q=" + urllib.parse.quote(title), token=tok).body
        shown = (title.encode() in page and f"/documents/{doc_id}\"".encode() in found and title.encode() in index
                 and [x["title"] for x in csv.DictReader(io.StringIO(listed)) if x["id"] == str(doc_id)] == [title]
                 and title in xlsx_cells(workbook))
        hidden = (title.encode() not in page and f"/documents/{doc_id}\"".encode() not in found and
                  title.encode() not in index and title not in listed and title not in xlsx_cells(workbook))
        check(shown if LEVEL_OF[key] in allowed else hidden, f"{who}: the pages show {key} iff allowed")
        if LEVEL_OF[key] not in allowed:
            r = request(srv, "GET", f"/documents/{doc_id}", token=tok)
            check(r.status == 404 and r.body.replace(f"no document {doc_id}<".encode(), b"ID") ==
                  missing_page.body.replace(b"no document 999999<", b"ID"),
                  f"{who}: hidden page {key} looks missing")

# the full-text search reads a paper's text only for those who may read the paper: the API and the page
for who, allowed in MAY_READ.items():
    tok = TOKENS.get(who) if who else None
    for key in ("public", "participants", "members", "restricted"):
        found = request(srv, "GET", f"/api/v1/search?q=kestrel%20{key}", token=tok).json()["items"]
        page = request(srv, "GET", f"/search?q=kestrel+{key}", token=tok).body.decode()
        ids = [i["id"] for i in found if i["kind"] == "document"]
        if LEVEL_OF[key] in allowed:
            hit = found[0]["excerpt"] if ids else {}
            marked = {hit["text"].encode()[at:at + n].decode() for at, n in hit.get("marks", [])}
            check(ids == [docs[key]] and marked == {"kestrel", key} and
                  f"code <mark>kestrel</mark>-<mark>{key}</mark>" in page,
                  f"{who}: a word of the {key} paper's text finds it, marked in its excerpt")
        else:
            check(not ids and f'/documents/{docs[key]}"' not in page and "<mark>" not in page,
                  f"{who}: the {key} paper's text finds nothing")

# hidden papers cost nothing to those who may not read them: texts are read only for those who may


def median_ms(path):
    times = []
    for _ in range(21):
        start = time.perf_counter()
        request(srv, "GET", path)
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)[10]


before_ms = median_ms("/api/v1/processes/bali/documents")
big = [request(srv, "POST", "/api/v1/processes/bali/documents", {"title": f"Large restricted paper {i}",
       "level": "restricted", "body": "x" * (1024 * 1024 - 64)}, token=TOKENS["sec"]).json()["id"] for i in range(24)]
with_hidden_ms = median_ms("/api/v1/processes/bali/documents")
check(with_hidden_ms < before_ms * 1.5 + 1.0, f"24 hidden papers of 1 MiB do not slow a visitor's list "
      f"({with_hidden_ms:.2f} ms against {before_ms:.2f} ms)")
for doc_id in big:
    request(srv, "DELETE", f"/api/v1/documents/{doc_id}", token=TOKENS["sec"])

# the focal point may not file papers for another state
r = request(srv, "POST", "/api/v1/processes/bali/documents",
            {"title": "Thai paper", "level": "public", "state": "THA"}, token=TOKENS["fp"])
check(r.status == 403 and r.error_code() == "forbidden", "focal point cannot file for Thailand")
r = request(srv, "POST", "/api/v1/processes/bali/documents", {"title": "x", "level": "public"})
check(r.status == 401, "anonymous cannot add documents")

# ---- audit: members-only reads are logged; the log is the secretariat's ----
r = request(srv, "GET", "/api/v1/audit?process=bali&limit=500", token=TOKENS["sec"])
entries = r.json()["items"]
check(any(e["action"] == "document.read" and e["user"] == "official" and
          e["object"] == f"document:{docs['members']}" for e in entries), "official's members-only read logged")
check(any(e["action"] == "document.add" and e["user"] == "sec" for e in entries), "document additions logged")
check(request(srv, "GET", "/api/v1/audit?process=bali", token=TOKENS["official"]).status == 403,
      "officials do not see the audit log")
check(request(srv, "GET", "/api/v1/audit", token=TOKENS["sec"]).status == 403, "the whole log is for admins")
# lists of members-only records are logged once an hour per reader, not at every view
listed = lambda: [e for e in request(srv, "GET", "/api/v1/audit?process=bali&action=document.list&limit=500",
                                     token=TOKENS["sec"]).json()["items"] if e["user"] == "official"]
before = len(listed())
for _ in range(3):
    request(srv, "GET", "/api/v1/processes/bali/documents", token=TOKENS["official"])
check(len(listed()) == before and before == 1, f"three list reads by the same user within the hour: one entry ({before})")
r = request(srv, "GET", "/api/v1/audit?process=bali&action=document&user=official", token=TOKENS["sec"]).json()
check(r["items"] and all(e["user"] == "official" and e["action"].startswith("document.") for e in r["items"]),
      "the log filtered by who and what (a family of actions)")
today = time.strftime("%Y-%m-%d", time.gmtime())
check(request(srv, "GET", f"/api/v1/audit?process=bali&from={today}&to={today}", token=TOKENS["sec"]).json()["items"]
      and not request(srv, "GET", "/api/v1/audit?process=bali&to=2020-01-01", token=TOKENS["sec"]).json()["items"],
      "and by days")
r = request(srv, "GET", "/api/v1/audit?process=bali&from=yesterday", token=TOKENS["sec"])
check(r.status == 422 and r.json()["error"]["field"] == "from", "a day that is no day is refused on its parameter")
check(request(srv, "GET", "/api/v1/audit?action=doc%25", token=TOKENS["admin"]).status == 422,
      "an action filter is letters and dots only")
r = request(srv, "GET", "/api/v1/audit?format=csv&limit=500", token=TOKENS["admin"])
rows = list(csv.reader(io.StringIO(r.body.decode())))
check(r.status == 200 and rows[0][:5] == ["id", "at", "user", "address", "action"] and
      any(row[4] == "document.read" for row in rows[1:]), "audit log as CSV")
check(request(srv, "GET", "/api/v1/users", token=TOKENS["admin"]).json()["total"] == len(USERS),
      "admin lists users")
seen = sorted(u["login"] for u in request(srv, "GET", "/api/v1/users", token=TOKENS["sec"]).json()["items"])
check(seen == ["cs", "fp", "observer", "official", "sec"],
      f"a secretariat lists the accounts of its own process only: {seen}")
check(request(srv, "GET", "/api/v1/users", token=TOKENS["official"]).status == 403, "others cannot list users")

# ---- one's own API tokens and sessions ----
s = login(srv, "reader")
r = request(srv, "POST", "/api/v1/session/tokens", {"name": "nightly export", "days": 30}, session=s)
mine = r.json()
check(r.status == 201 and mine["name"] == "nightly export" and len(mine["token"]) == 64,
      "a user makes a named API token from their session, shown once")
check(request(srv, "GET", "/api/v1/session", token=mine["token"]).json()["user"]["login"] == "reader",
      "the new token opens the API")
listed = request(srv, "GET", "/api/v1/session/tokens", session=s).json()["items"]
new = [t for t in listed if t["id"] == mine["id"]][0]
check("token" not in new and new["last_used_at"] is not None and not new["revoked"] and
      new["expires_at"] > new["created_at"] and len(listed) >= 2,
      "the list shows each token's name, end and last use, never the token")
check(request(srv, "POST", "/api/v1/session/tokens", {"name": "x"}, token=mine["token"]).status == 403,
      "a token cannot make more tokens")
check(request(srv, "POST", "/api/v1/session/tokens", {"name": "x", "days": 400}, session=s).status == 422,
      "a token lasts at most a year")
check(request(srv, "DELETE", f"/api/v1/session/tokens/{mine['id']}", token=TOKENS["observer"]).status == 404 and
      request(srv, "GET", "/api/v1/session", token=mine["token"]).json()["user"] is not None,
      "another user cannot revoke it (404: not theirs to see)")
check(request(srv, "DELETE", f"/api/v1/session/tokens/{mine['id']}", session=s).status == 204 and
      request(srv, "GET", "/api/v1/session", token=mine["token"]).status == 401 and
      request(srv, "GET", "/api/v1/session", token=TOKENS["reader"]).status == 200,
      "revoking one token ends it alone")
old = cli("user", "token", "reader", "--name", "short", "--days", "1").strip()
sql("UPDATE api_tokens SET expires_at = created_at - 1 WHERE name = 'short'")
check(request(srv, "GET", "/api/v1/session", token=old).status == 401, "a token past its end opens nothing")
s2 = login(srv, "reader")
sessions = request(srv, "GET", "/api/v1/session/sessions", session=s).json()["items"]
check(len(sessions) >= 2 and sum(x["current"] for x in sessions) == 1 and
      all(x["address"] == "127.0.0.1" for x in sessions), "a user lists where they are signed in, this one marked")
page = request(srv, "GET", "/account", session=s).body.decode()
check("nightly export" in page and "revoked" in page and "Sign out everywhere" in page and "(this browser)" in page,
      "the account page lists tokens and sessions")
r = request(srv, "POST", "/account/tokens", f"csrf_token={s['csrf']}&name=spreadsheet&days=30".encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=s)
made = re.search(r"Your new token \(shown this once\): <code>([0-9a-f]{64})</code>", r.body.decode())
check(r.status == 200 and made and request(srv, "GET", "/api/v1/session", token=made.group(1)).status == 200,
      "the account page's form makes a named token and shows it once")
check(request(srv, "POST", "/account/tokens", b"name=x&days=30",
              headers={"Content-Type": "application/x-www-form-urlencoded"}, token=TOKENS["reader"]).status == 403,
      "and not for a request signed with a token")
r = request(srv, "POST", "/account/sessions", f"csrf_token={s['csrf']}".encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=s)
check(r.status == 303 and request(srv, "GET", "/api/v1/session", session=s).json()["user"] is None and
      request(srv, "GET", "/api/v1/session", session=s2).json()["user"] is None and
      request(srv, "GET", "/api/v1/session", token=TOKENS["reader"]).status == 200,
      "signing out everywhere ends every session of the user (tokens stay until revoked)")
audit = [e["action"] for e in request(srv, "GET", "/api/v1/audit?limit=100", token=TOKENS["admin"]).json()["items"]
         if e["user"] == "reader"]
check({"token.issue", "token.revoke", "session.end_all"} <= set(audit), "each is in the audit log")
s = login(srv, "reader")
page = request(srv, "GET", "/account", session=s).body.decode()
changes = page[page.index('id="sign-in-changes"'):]
changes = changes[:changes.index("</section>")]
check("You made an API token" in changes and "You revoked an API token" in changes and
      "You signed out everywhere" in changes and "127.0.0.1" in changes,
      "the account page tells its user what changed in their sign-in, newest first")
changes = request(srv, "GET", "/api/v1/session/changes", session=s).json()["items"]
check([c["action"] for c in changes][:4] == ["session.end_all", "token.issue", "token.issue", "token.revoke"] and
      [c["user"] for c in changes][:2] == ["reader", "reader"] and changes[2]["user"].startswith("cli:") and
      changes[2]["address"] == "command line" and changes[1]["address"] == "127.0.0.1",
      f"and so does the API, newest first, with who made each (a token made on the command line): {changes[:4]}")
check(request(srv, "GET", "/api/v1/session/changes").status == 401, "to a signed-in user only")
page = request(srv, "GET", "/account", session=login(srv, "observer")).body.decode()
theirs = page[page.index('id="sign-in-changes"'):]
check("revoked an API token" not in theirs[:theirs.index("</section>")] and "signed out everywhere" not in theirs,
      "and nobody else's")

# ---- sessions ----
s = login(srv, "official")
check("HttpOnly" in s["set-cookie"] and "SameSite=Strict" in s["set-cookie"] and "Secure" not in s["set-cookie"],
      "session cookie is HttpOnly, SameSite=Strict")
r = request(srv, "GET", "/api/v1/session", session=s)
check(r.json()["user"]["login"] == "official", "the session knows its user")
r = request(srv, "GET", f"/api/v1/documents/{docs['members']}", session=s)
check(r.status == 200, "a session reads members-only papers")
s_fp = login(srv, "fp")
r = request(srv, "PATCH", f"/api/v1/documents/{docs['fp-members']}", {"title": "x"},
            headers={"X-CSRF-Token": "wrong"}, session=s_fp)
check(r.status == 403 and r.error_code() == "csrf", "a wrong CSRF token is refused")
r = request(srv, "PATCH", f"/api/v1/documents/{docs['fp-members']}", {"title": "Philippines report 2009"},
            session=s_fp)
check(r.status == 200 and r.json()["title"] == "Philippines report 2009", "the right CSRF token passes")
# refused requests are in the audit log: once a minute per user (or address) and status
refused = lambda: [e for e in request(srv, "GET", "/api/v1/audit?limit=500", token=TOKENS["admin"]).json()["items"]
                   if e["action"] in ("access.refused", "access.throttled")]
sql("UPDATE login_failures SET at = at - 120 WHERE key LIKE 'refused:%'")  # earlier refusals' minute is over
before = len(refused())
request(srv, "PATCH", f"/api/v1/documents/{docs['fp-members']}", {"title": "x"}, headers={"X-CSRF-Token": "wrong"},
        session=s_fp)
for _ in range(3):
    request(srv, "GET", "/api/v1/users", token=TOKENS["official"])
new = refused()[:len(refused()) - before]
check(sorted((e["user"], e["action"], e["detail"].split(";")[0]) for e in new) ==
      [("fp", "access.refused", f"PATCH /api/v1/documents/{docs['fp-members']} answered 403"),
       ("official", "access.refused", "GET /api/v1/users answered 403")],
      f"a refused CSRF token and a refused read are audited, three refusals within a minute once: {new}")
r = request(srv, "POST", "/api/v1/session", {"login": "official", "password": PASSWORD},
            headers={"Origin": "https://evil.example"})
anon = [e for e in refused() if e["user"] is None and "POST /api/v1/session answered 403" in e["detail"]]
check(r.status == 403 and len(anon) == 1 and anon[0]["address"] == "127.0.0.1",
      "a cross-site post refused before sign-in is audited by address")
again = request(srv, "POST", "/api/v1/session", {"login": "official", "password": PASSWORD}, session=s)
check(again.status == 201 and request(srv, "GET", "/api/v1/session", session=s).json()["user"] is None,
      "signing in again from the same browser ends its old session")
s = {"cookie": again.headers["set-cookie"].split(";")[0].split("=", 1)[1], "csrf": again.json()["csrf_token"]}
r = request(srv, "DELETE", "/api/v1/session", session=s)
check(r.status == 204, "logout")
r = request(srv, "GET", "/api/v1/session", session=s)
check(r.json()["user"] is None, "after logout the cookie is worth nothing")
s2 = login(srv, "observer")
sql("UPDATE sessions SET seen_at = seen_at - 3600 WHERE login = 'observer'")
r = request(srv, "GET", f"/api/v1/documents/{docs['participants']}", session=s2)
check(r.status == 404, "an idle session has expired")
r = request(srv, "POST", "/api/v1/processes/bali/documents", {"title": "x", "level": "public"}, session=s2)
check(r.status == 401, "an expired session cannot write")
r = request(srv, "GET", "/api/v1/processes", token="0" * 64)
check(r.status == 401 and "bearer" in r.headers.get("www-authenticate", "").lower(), "unknown token refused")
cli("user", "disable", "cs")
check(request(srv, "GET", "/api/v1/processes", token=TOKENS["cs"]).status == 401, "a disabled user's token dies")

# first login with a one-time password
r = request(srv, "POST", "/api/v1/users", {"login": "newsec", "organisation": "icmpd", "password": "one-time-pass-1"},
            token=TOKENS["admin"])
check(r.status == 201 and r.json()["must_change_password"] is True, "admin adds a user over the API")
s3 = login(srv, "newsec", "one-time-pass-1")
r = request(srv, "GET", "/api/v1/processes", session=s3)
check(r.status == 403 and r.error_code() == "password_change_required", "a one-time password must be changed")
r = request(srv, "POST", "/api/v1/session/password",
            {"current_password": "one-time-pass-1", "new_password": "short"}, session=s3)
check(r.status == 422 and "password" in r.json()["error"]["message"], "too short a password is refused")
r = request(srv, "POST", "/api/v1/session/password",
            {"current_password": "one-time-pass-1", "new_password": "a much better passphrase"}, session=s3)
check(r.status == 204 and request(srv, "GET", "/api/v1/processes", session=s3).status == 200,
      "after changing the password the user goes on")
# a change of password ends the user's other sessions and API tokens; wrong guesses are audited and throttled
elsewhere = login(srv, "newsec", "a much better passphrase")
newsec_token = cli("user", "token", "newsec").strip()
check(request(srv, "GET", "/api/v1/session", token=newsec_token).status == 200 and
      (request(srv, "GET", "/api/v1/session", session=elsewhere).json()["user"] or {}).get("login") == "newsec",
      "newsec's token and other session work")
for i in range(5):
    r = request(srv, "POST", "/api/v1/session/password", {"current_password": f"a wrong guess {i}",
                "new_password": "yet another passphrase"}, session=s3)
check(r.status == 422 and r.json()["error"]["field"] == "current_password", "a wrong current password is named")
r = request(srv, "POST", "/api/v1/session/password", {"current_password": "a much better passphrase",
            "new_password": "yet another passphrase"}, session=s3)
check(r.status == 429, "after five wrong guesses the change is throttled, even with the right password")
check(cli("audit", "--limit", "20").count("user.password.fail") >= 5, "each wrong guess is in the audit log")
sql("DELETE FROM login_failures WHERE key = 'password:newsec'")
r = request(srv, "POST", "/api/v1/session/password", {"current_password": "a much better passphrase",
            "new_password": "yet another passphrase"}, session=s3)
who_is = lambda **kw: (request(srv, "GET", "/api/v1/session", **kw).json().get("user") or {}).get("login")
check(r.status == 204 and who_is(session=s3) == "newsec" and who_is(session=elsewhere) is None and
      request(srv, "GET", "/api/v1/session", token=newsec_token).status == 401,
      "the change keeps this session and ends the other one and the API token")

# a second factor: TOTP codes, each accepted once
def totp(secret, at=None):
    key = base64.b32decode(secret)
    counter = struct.pack(">Q", int((at or time.time()) // 30))
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 15
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7fffffff) % 1000000)


uri = cli("user", "totp", "sec").strip()
secret = urllib.parse.parse_qs(urllib.parse.urlparse(uri).query)["secret"][0]
check(uri.startswith("otpauth://totp/rcphub:sec?") and len(secret) == 32, "TOTP enrolment gives an otpauth URI")
r = request(srv, "POST", "/api/v1/session", {"login": "sec", "password": PASSWORD})
check(r.status == 401 and "one-time code" in r.json()["error"]["message"], "without the code, no session")
r = request(srv, "POST", "/api/v1/session", {"login": "sec", "password": PASSWORD, "otp": "000000"
            if totp(secret) != "000000" else "111111"})
check(r.status == 401, "a wrong code is refused")
code = totp(secret)
r = request(srv, "POST", "/api/v1/session", {"login": "sec", "password": PASSWORD, "otp": code})
check(r.status == 201, "password and code open a session")
r = request(srv, "POST", "/api/v1/session", {"login": "sec", "password": PASSWORD, "otp": code})
check(r.status == 401, "the same code is not accepted twice")
stored = sql("SELECT totp_secret FROM users WHERE login = 'sec'")
check(stored.startswith("v1:") and secret not in stored and
      os.stat(ENV["RCPHUB_SECRET_KEY"]).st_mode & 0o777 == 0o600,
      "the secret is stored sealed, with a key kept outside the database (a 0600 file)")
sql(f"UPDATE users SET totp_secret = '{secret}' WHERE login = 'sec'")  # as an older version stored it
other = Server()
other.stop()
check("sealed 1 second-factor secrets stored in clear" in other.proc.stderr.read() and
      sql("SELECT totp_secret FROM users WHERE login = 'sec'").startswith("v1:"),
      "a secret stored in clear is sealed when the server starts")
r = request(srv, "POST", "/api/v1/session", {"login": "sec", "password": PASSWORD, "otp": totp(secret, time.time() + 30)})
check(r.status == 201, "and opens as before")
with open(os.path.join(WORK, "other.key"), "w") as f:
    f.write("ab" * 32 + "\n")
os.chmod(os.path.join(WORK, "other.key"), 0o600)
ENV["RCPHUB_SECRET_KEY"], key_file = os.path.join(WORK, "other.key"), ENV["RCPHUB_SECRET_KEY"]
other = Server()
r = request(other, "POST", "/api/v1/session", {"login": "sec", "password": PASSWORD, "otp": totp(secret)})
other.stop()
ENV["RCPHUB_SECRET_KEY"] = key_file
check(r.status == 500 and b"key" not in r.body and "does not open with the key" in other.proc.stderr.read(),
      "a server given another key refuses the sign-in and says why in its log, not to the client")
cli("user", "totp", "sec", "--off")

# a second factor required of administrators and secretariats (the default): set up on the account page
req = Server(second_factor="required")
cli("user", "add", "newadmin", "--org", "IOM", "--admin", "--password-stdin", stdin=PASSWORD + "\n")
s = login(req, "newadmin")
r = request(req, "GET", "/api/v1/users", session=s)
check(r.status == 403 and r.error_code() == "second_factor_required",
      "an administrator without a second factor is refused by the API until one is set up")
r = request(req, "GET", "/processes/bali-process", session=s)
check(r.status == 303 and r.headers["location"] == "/account?second_factor=required", "and sent to the account page")
check(request(req, "GET", "/api/v1/processes", session=login(req, "official")).status == 200,
      "an official is not asked for one")
page = request(req, "GET", "/account?second_factor=required", session=s).body.decode()
check("Administrators and secretariats sign in with a second factor" in page and 'value="start"' in page,
      "the account page says why and offers the set-up")
form = {"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}
r = request(req, "POST", "/account/second-factor", f"csrf_token={s['csrf']}&action=start".encode(), headers=form,
            session=s)
page = r.body.decode()
key = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
pending = re.search(r'name="pending" value="([^"]+)"', page).group(1)
side = re.search(r'<svg[^>]* class="qr" viewBox="0 0 (\d+) \1"', page)
check(r.status == 200 and side and (int(side.group(1)) - 8 - 17) % 4 == 0 and page.count("M") > 100 and
      len(key) == 32 and pending.startswith("v1:") and key not in pending,
      "set-up shows the new secret as a QR code (libqrencode, SVG) and as text, and keeps it only sealed")
confirm = lambda code: request(req, "POST", "/account/second-factor",
                               f"csrf_token={s['csrf']}&action=confirm&pending={urllib.parse.quote(pending)}&otp={code}"
                               .encode(), headers=form, session=s)
r = confirm("000000" if totp(key) != "000000" else "111111")
check(r.status == 422 and b'id="otp-error"' in r.body and b'class="qr"' in r.body,
      "a wrong code is marked on its field and the same QR code shown again")
r = confirm(totp(key))
codes = re.findall(r"<li><code>([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})</code></li>", r.body.decode())
check(r.status == 200 and len(set(codes)) == 10 and request(req, "GET", "/api/v1/users", session=s).status == 200,
      "the right code turns it on, shows ten recovery codes once, and the API opens")
check(request(req, "POST", "/api/v1/session", {"login": "newadmin", "password": PASSWORD,
                                                "otp": codes[3].lower()}).status == 201 and
      request(req, "POST", "/api/v1/session", {"login": "newadmin", "password": PASSWORD,
                                                "otp": codes[3]}).status == 401 and
      request(req, "POST", "/api/v1/session", {"login": "newadmin", "password": PASSWORD,
                                                "otp": codes[4].replace("-", " ")}).status == 201,
      "a recovery code signs in once in place of the app's code (case and dashes aside)")
stored = sql("SELECT code_hash FROM recovery_codes WHERE login = 'newadmin'").split()
check(len(stored) == 10 and not any(c.replace("-", "") in stored or c in stored for c in codes),
      "recovery codes are kept only as hashes")
check(request(req, "POST", "/api/v1/session", {"login": "newadmin", "password": PASSWORD}).status == 401 and
      request(req, "POST", "/api/v1/session", {"login": "newadmin", "password": PASSWORD,
                                                "otp": totp(key, time.time() + 30)}).status == 201,
      "from then on signing in needs the code")
check(confirm(totp(key)).status == 409, "a second set-up is refused while one is on")
check(request(req, "POST", "/account/second-factor",
              f"csrf_token={s['csrf']}&action=confirm&pending=v1%3Aforged&otp=123456".encode(), headers=form,
              session=s).status in (409, 422), "a forged pending secret is refused")
req.stop()

# throttling: five failures lock the account for a while
for i in range(5):
    r = request(srv, "POST", "/api/v1/session", {"login": "reader", "password": f"wrong {i}"})
check(r.status == 401 and r.error_code() == "unauthorized", "wrong password is 401")
r = request(srv, "POST", "/api/v1/session", {"login": "reader", "password": PASSWORD})
check(r.status == 429 and int(r.headers.get("retry-after", "0")) > 0, "the sixth attempt is throttled")
r = request(srv, "POST", "/api/v1/session", {"login": "nobody", "password": "whatever it is"})
check(r.status == 401 and r.body == request(srv, "POST", "/api/v1/session",
      {"login": "observer", "password": "wrong password"}).body, "unknown user and wrong password look alike")

# user administration from the page's forms: revoke a role, disable an account
admin = login(srv, "admin")
form = {"Content-Type": "application/x-www-form-urlencoded"}
page = request(srv, "GET", "/admin/users", session=admin).body
check(b'aria-label="Revoke outsider&#39;s role in budapest-process"' in page and
      b'<a href="/states/FRA">France</a>' in page, "the users page offers to revoke roles, and names countries")
r = request(srv, "POST", "/admin/users", b"action=revoke&login=outsider&process=budapest-process",
            headers=dict(form, **{"X-CSRF-Token": ""}), session=admin)
check(r.status == 403, "a form without its CSRF token is refused")
body = "action=revoke&login=outsider&process=budapest-process&csrf_token=" + admin["csrf"]
r = request(srv, "POST", "/admin/users", body.encode(), headers=dict(form, **{"X-CSRF-Token": ""}), session=admin)
check(r.status == 303, "revoking from the form")
body = "action=disable&login=outsider&csrf_token=" + admin["csrf"]
r = request(srv, "POST", "/admin/users", body.encode(), headers=dict(form, **{"X-CSRF-Token": ""}), session=admin)
users = {u["login"]: u for u in request(srv, "GET", "/api/v1/users", token=TOKENS["admin"]).json()["items"]}
check(r.status == 303 and users["outsider"]["roles"] == [] and users["outsider"]["disabled"],
      "the outsider has no role and is disabled")
check(request(srv, "GET", "/api/v1/processes", token=TOKENS["outsider"]).status == 401, "and their token is dead")
body = "action=disable&login=admin&csrf_token=" + admin["csrf"]
r = request(srv, "POST", "/admin/users", body.encode(), headers=dict(form, **{"X-CSRF-Token": ""}), session=admin)
check(r.status == 422 and b"you cannot disable your own account" in r.body and
      request(srv, "GET", "/api/v1/users", session=admin).status == 200, "an administrator cannot disable themselves")
# a secretariat runs the accounts of its own process: focal points and below, with a link to set a password
sec_s = login(srv, "sec")
post_users = lambda who, fields: request(srv, "POST", "/admin/users",
                                         (urllib.parse.urlencode(fields) + "&csrf_token=" + who["csrf"]).encode(),
                                         headers=dict(form, **{"X-CSRF-Token": ""}), session=who)
r = post_users(sec_s, {"action": "add", "login": "hanoi", "full_name": "Nguyễn Thị Lan", "email": "lan@mofa.gov.vn",
                       "government": "Viet Nam", "process": "bali-process", "role": "focal-point", "password": ""})
link = re.search(r"<code>(https?://[^<]+/reset/([0-9a-f]{64}))</code>", r.body.decode())
check(r.status == 200 and link and "Nguyễn Thị Lan" in r.body.decode() and "lan@mofa.gov.vn" in r.body.decode(),
      "the secretariat adds its own focal point by name and email, and is given a one-time link to hand over")
check(request(srv, "POST", "/api/v1/session", {"login": "hanoi", "password": PASSWORD}).status == 401,
      "the new account has no password anyone knows")
page = request(srv, "GET", "/reset/" + link.group(2)).body.decode()
check("Set your password" in page and "hanoi" in page, "the link opens a page to set the password")
r = request(srv, "POST", "/reset/" + link.group(2),
            urllib.parse.urlencode({"new_password": "short", "password": "short"}).encode(), headers=form)
check(r.status == 422 and b"Set your password" in r.body, "a weak password is refused there, on the same page")
r = request(srv, "POST", "/reset/" + link.group(2),
            urllib.parse.urlencode({"new_password": PASSWORD + " lan", "password": PASSWORD + " lan"}).encode(),
            headers=form)
check(r.status == 303 and request(srv, "POST", "/api/v1/session", {"login": "hanoi", "password": PASSWORD + " lan"})
      .status == 201, "the person sets their password through the link and signs in")
check(request(srv, "GET", "/reset/" + link.group(2)).status == 404, "the link works once")
for fields, why in (({"role": "secretariat"}, "a secretariat"), ({"process": "budapest-process"}, "another process")):
    r = post_users(sec_s, dict({"action": "add", "login": "nope", "government": "Viet Nam", "process": "bali-process",
                                "role": "official", "password": ""}, **fields))
    check(r.status == 403 and "nope" not in [u["login"] for u in request(srv, "GET", "/api/v1/users",
                                                                           token=TOKENS["admin"]).json()["items"]],
          f"a secretariat cannot add {why}")
check(post_users(sec_s, {"action": "disable", "login": "outsider"}).status == 403 and
      post_users(sec_s, {"action": "reset", "login": "admin"}).status == 403 and
      post_users(sec_s, {"action": "revoke", "login": "sec", "process": "bali-process"}).status == 403,
      "nor touch an account with roles elsewhere, an administrator, or a secretariat's role")
check(post_users(sec_s, {"action": "disable", "login": "hanoi"}).status == 303 and
      post_users(sec_s, {"action": "enable", "login": "hanoi"}).status == 303, "it disables and enables its own")
r = post_users(admin, {"action": "reset", "login": "reader"})
check(r.status == 200 and "/reset/" in r.body.decode(), "an administrator makes a link for anyone")
r = request(srv, "POST", "/admin/users", ("action=grant&login=observer&process=bali&role=chair&csrf_token=" +
            admin["csrf"]).encode(), headers=dict(form, **{"X-CSRF-Token": ""}), session=admin)
check(r.status == 422 and b"role: &quot;chair&quot; is not a role" in r.body and
      re.search(rb'name="login"[^>]* value="observer"', r.body),
      "a wrong role is explained and what was typed is kept")

# ---- bad input: a 4xx with a clear message, nothing written ----
count_before = len(request(srv, "GET", "/api/v1/processes/bali/documents", token=TOKENS["admin"]).json()["items"])
BAD = [
    ("POST", "/api/v1/processes/bali/documents", b'{"title": "x", "level": ', {"Content-Type": "application/json"},
     400, "line 1"),
    ("POST", "/api/v1/processes/bali/documents", b'title=x', {"Content-Type": "text/plain"}, 415, "application/json"),
    ("POST", "/api/v1/processes/bali/documents", {"title": "x", "level": "secret"}, None, 422, "level"),
    ("POST", "/api/v1/processes/bali/documents", {"title": "x", "level": "public", "date": "2009-02-30"}, None,
     422, "date"),
    ("POST", "/api/v1/processes/bali/documents", {"title": "x", "level": "public", "colour": "red"}, None,
     400, "colour"),
    ("POST", "/api/v1/processes/bali/documents", {"title": "", "level": "public"}, None, 422, "title"),
    ("POST", "/api/v1/processes/bali/documents", {"title": "x", "level": "public", "readers": ["reader"]}, None,
     422, "readers"),
    ("POST", "/api/v1/processes/bali/documents", {"title": "x", "level": "restricted", "readers": ["ghost"]},
     None, 422, "ghost"),
    ("POST", "/api/v1/processes/bali/documents", b'{"title": "\xff", "level": "public"}',
     {"Content-Type": "application/json"}, 400, "body"),
    ("GET", "/api/v1/processes/%FF", None, None, 400, "path"),
    ("GET", "/api/v1/documents/..%2F..%2Fetc%2Fpasswd", None, None, 400, "path"),
    ("GET", "/api/v1/processes?limit=many", None, None, 400, "limit"),
    ("GET", "/api/v1/processes?limit=%00", None, None, 400, "query"),
    ("GET", "/api/v1/nothing-here", None, None, 404, "api"),
    ("DELETE", "/api/v1/processes", None, None, 405, "GET"),
    ("GET", "/api/v1/documents/abc", None, None, 404, "abc"),
    ("GET", "/api/v1/overlap?a=bali", None, None, 400, "b:"),
]
for method, path, body, headers, want, words in BAD:
    r = request(srv, method, path, body, headers=headers, token=TOKENS["sec"])
    msg = r.json()["error"]["message"] if r.error_code() else ""
    check(r.status == want and words in msg, f"{method} {path}: {r.status} {msg!r}, want {want} mentioning {words!r}")
count_after = len(request(srv, "GET", "/api/v1/processes/bali/documents", token=TOKENS["admin"]).json()["items"])
check(count_before == count_after, "bad requests wrote nothing")

# multipart upload as a browser form sends it
boundary = "----rcphubtest"
form = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nMinutes of the SOM\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"level\"\r\n\r\nparticipants\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"minutes.pdf\"\r\n"
        f"Content-Type: application/pdf\r\n\r\n%PDF-1.4 \x00\x01 bytes\r\n--{boundary}--\r\n").encode("latin-1")
r = request(srv, "POST", "/api/v1/processes/bali/documents", form,
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}, token=TOKENS["sec"])
check(r.status == 201 and r.json()["file"]["name"] == "minutes.pdf" and r.json()["file"]["size"] == 17,
      "multipart upload with a file")
if r.status == 201:
    f = request(srv, "GET", f"/api/v1/documents/{r.json()['id']}/file", token=TOKENS["observer"])
    check(f.body == b"%PDF-1.4 \x00\x01 bytes" and f.headers.get("content-type") == "application/pdf" and
          f.headers.get("content-disposition", "").startswith("inline; filename*=UTF-8''minutes.pdf"),
          "the file comes back byte for byte, a PDF shown as one")

# ---- deleting: the writer may, others are told what they would be told of a missing paper ----
r = request(srv, "POST", "/api/v1/processes/bali/documents", {"title": "Draft to withdraw", "level": "members"},
            token=TOKENS["sec"])
withdrawn = r.json()["id"]
r = request(srv, "DELETE", f"/api/v1/documents/{withdrawn}", token=TOKENS["observer"])
check(r.status == 404 and same_as_missing(r, withdrawn), "an observer cannot see, so cannot delete, a members paper")
r = request(srv, "DELETE", f"/api/v1/documents/{withdrawn}", token=TOKENS["official"])
check(r.status == 403, "an official may read but not delete")
r = request(srv, "DELETE", f"/api/v1/documents/{withdrawn}", token=TOKENS["sec"])
check(r.status == 204, "the secretariat deletes its paper")
r = request(srv, "GET", f"/api/v1/documents/{withdrawn}", token=TOKENS["sec"])
check(r.status == 404, "a deleted paper is gone")
r = request(srv, "DELETE", f"/api/v1/documents/{withdrawn}", token=TOKENS["sec"])
check(r.status == 404, "deleting twice finds nothing the second time")
r = request(srv, "POST", "/api/v1/processes/bali/documents", {"title": "Next paper", "level": "public"},
            token=TOKENS["sec"])
check(r.json()["id"] > withdrawn, f"a deleted paper's number is not given again ({r.json()['id']} after {withdrawn})")
log = request(srv, "GET", "/api/v1/audit?process=bali&limit=500", token=TOKENS["sec"]).json()["items"]
named = [e["action"] for e in log if e["object"] == f"document:{withdrawn}"]
check("document.delete" in named and "document.add" in named and
      all(e["detail"] != "Next paper" for e in log if e["object"] == f"document:{withdrawn}"),
      "the audit log's document number names one paper only")

# ---- the document forms, as a browser posts them ----
sec = login(srv, "sec")


def multipart(fields):
    """A multipart/form-data body of (name, value) pairs, as a browser sends a form."""
    b = "----rcphubform"
    parts = "".join(f"--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n" for k, v in fields)
    return (parts + f"--{b}--\r\n").encode(), {"Content-Type": f"multipart/form-data; boundary={b}"}


body, h = multipart([("csrf_token", sec["csrf"]), ("title", "Named readers"), ("kind", "note"),
                     ("level", "restricted"), ("readers", "reader, ghost"), ("date", ""), ("state", ""),
                     ("body", "")])
r = request(srv, "POST", "/processes/bali/documents", body, headers=h, session=sec)
check(r.status == 422 and b'id="readers" name="readers" aria-invalid="true" aria-describedby="readers-error"' in r.body
      and b'id="readers-error">no user ghost<' in r.body and b"Please correct the field marked below" in r.body
      and b'value="reader, ghost"' in r.body, "an unknown named reader is marked on the readers field")
body, h = multipart([("csrf_token", sec["csrf"]), ("title", "Named readers"), ("kind", "note"),
                     ("level", "restricted"), ("readers", "reader"), ("date", "2009-05-01"), ("state", ""),
                     ("body", "For *one* reader.")])
r = request(srv, "POST", "/processes/bali/documents", body, headers=h, session=sec)
check(r.status == 303 and r.headers["location"].startswith("/documents/"), "the form adds a document")
named = int(r.headers["location"].rsplit("/", 1)[1])
page = request(srv, "GET", f"/documents/{named}/edit", session=sec).body
check(b'value="Named readers"' in page and b"<option selected>restricted</option>" in page and
      b'value="reader"' in page and b'value="2009-05-01"' in page, "the edit form shows the document's values")
body, h = multipart([("csrf_token", sec["csrf"]), ("title", "Named readers, revised"), ("level", "members"),
                     ("readers", "")])
r = request(srv, "POST", f"/documents/{named}/edit", body, headers=h, session=sec)
j = request(srv, "GET", f"/api/v1/documents/{named}", token=TOKENS["sec"]).json()
check(r.status == 303 and j["title"] == "Named readers, revised" and j["level"] == "members" and
      j.get("readers", []) == [] and j["date"] == "2009-05-01", "the edit form changes what it sends and keeps the rest")
page = request(srv, "GET", f"/documents/{named}", session=sec).body.decode()
check(f'href="/documents/{named}/delete"' in page and f'action="/documents/{named}/delete"' not in page,
      "the paper's page asks before deleting: a link to a confirmation, not a one-click button")
page = request(srv, "GET", f"/documents/{named}/delete", session=sec).body.decode()
check("Delete “Named readers, revised”?" in page and f'action="/documents/{named}/delete"' in page and "Keep it" in page,
      "the confirmation names the paper and offers to keep it")
check(request(srv, "GET", f"/documents/{named}/delete", token=TOKENS["official"]).status == 403,
      "the confirmation is the secretariat's too")
r = request(srv, "POST", f"/documents/{named}/delete", ("csrf_token=" + sec["csrf"]).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=sec)
check(r.status == 303 and r.headers["location"] == f"/documents?deleted={named}" and
      request(srv, "GET", f"/api/v1/documents/{named}", token=TOKENS["sec"]).status == 404 and
      f"Paper {named} is deleted." in request(srv, "GET", r.headers["location"], session=sec).body.decode(),
      "deleting says so afterwards")
r = request(srv, "PATCH", f"/api/v1/documents/{docs['public']}", {"readers": ["reader", "nobody"]},
            token=TOKENS["sec"])
check(r.status == 422 and r.json()["error"].get("field") == "readers[1]", "the API names the item at fault")
# login CSRF: a page of another site posting the login form is refused, whatever the browser says it is
for cross in ({"Sec-Fetch-Site": "cross-site"}, {"Origin": "https://attacker.example"}, {"Origin": "null"}):
    r = request(srv, "POST", "/login", ("login=observer&password=" + urllib.parse.quote(PASSWORD)).encode(),
                headers=dict(cross, **{"Content-Type": "application/x-www-form-urlencoded"}))
    check(r.status == 403 and "set-cookie" not in r.headers, f"a login form posted from another site is refused ({cross})")
r = request(srv, "POST", "/login", ("login=observer&password=" + urllib.parse.quote(PASSWORD)).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin",
                     "Origin": f"http://127.0.0.1:{srv.port}"})
check(r.status == 303 and "rcphub_session=" in r.headers.get("set-cookie", ""), "the site's own login form signs in")
r = request(srv, "POST", "/api/v1/session", {"login": "observer", "password": PASSWORD},
            headers={"Origin": "https://attacker.example"})
check(r.status == 403 and r.error_code() == "cross_site", "so does the API's sign-in from another site's script")
check(request(srv, "GET", f"/api/v1/documents/{docs['members']}", token=TOKENS["sec"]).headers["cache-control"] ==
      "private, no-store" and request(srv, "GET", "/api/v1/processes/bali").headers["cache-control"] ==
      "private, no-cache", "what a signed-in user is shown is stored nowhere; public answers may be revalidated")
r = request(srv, "POST", "/api/v1/processes/bali/documents", {"title": "Twice", "level": "restricted",
            "readers": ["reader", "reader"]}, token=TOKENS["sec"])
check(r.status == 422 and r.json()["error"] == {"code": "invalid", "field": "readers[1]",
      "message": "readers[1]: reader is named twice"}, "a reader named twice is refused, not a server error")

# ---- focal points: contact details for the secretariat, focal points and member officials ----
r = request(srv, "POST", "/api/v1/processes/bali/focal-points",
            {"party": "Philippines", "name": "María Santos", "email": "maria.santos@dfa.gov.ph",
             "ministry": "foreign-affairs", "languages": ["en", "tl"], "verified": "2026-03-01"}, token=TOKENS["sec"])
check(r.status == 201 and r.headers.get("location") == f"/api/v1/focal-points/{r.json()['id']}" and
      r.json()["party"]["code"] == "PHL", "the secretariat adds the Philippines' focal point")
fp_phl = r.json()["id"]
r = request(srv, "POST", "/api/v1/processes/bali/focal-points",
            {"party": "THA", "name": "Somchai P.", "email": "somchai@mfa.go.th", "position": "alternate"},
            token=TOKENS["sec"])
fp_tha = r.json()["id"]
r = request(srv, "POST", "/api/v1/processes/bali/focal-points",
            {"party": "THA", "name": "Not mine", "email": "x@example.org"}, token=TOKENS["fp"])
check(r.status == 403, "a focal point cannot add another state's entry")
r = request(srv, "POST", "/api/v1/processes/bali/focal-points",
            {"party": "PHL", "name": "Juan Cruz", "email": "juan@dfa.gov.ph", "position": "alternate",
             "languages": ["en", "english"]}, token=TOKENS["fp"])
check(r.status == 422 and r.json()["error"]["field"] == "languages[1]", "a wrong language code is named by its place")
r = request(srv, "POST", "/api/v1/processes/bali/focal-points",
            {"party": "PHL", "name": "Juan Cruz", "email": "juan@dfa.gov.ph", "position": "alternate"}, token=TOKENS["fp"])
check(r.status == 201, "a focal point adds their own state's alternate")
fp_alt = r.json()["id"]
r = request(srv, "GET", "/api/v1/processes/bali/focal-points?stale=12&state=THA", token=TOKENS["sec"])
check([f["name"] for f in r.json()["items"]] == ["Somchai P."], "the freshness report: Thailand's never-verified alternate")
missing_fp = request(srv, "GET", "/api/v1/focal-points/999999", token=TOKENS["admin"])
MAY_CONTACT = {"sec", "admin", "fp", "official"}
for who in (None, "reader", "observer", "official", "fp", "sec", "admin"):
    tok = TOKENS.get(who) if who else None
    may = who in MAY_CONTACT
    for fmt, kind in (("json", "application/json"), ("csv", "text/csv"), ("vcard", "text/vcard")):
        r = request(srv, "GET", f"/api/v1/processes/bali/focal-points?format={fmt}", token=tok)
        want = 200 if may else 401 if who is None else 403
        check(r.status == want and (not may or r.headers["content-type"].startswith(kind)) and
              (may or b"maria" not in r.body.lower()), f"{who}: the focal points as {fmt}: {r.status}, want {want}")
    r = request(srv, "GET", f"/api/v1/focal-points/{fp_phl}", token=tok)
    check(r.status == 200 if may else (r.status == 404 and r.body.replace(str(fp_phl).encode(), b"ID") ==
          missing_fp.body.replace(b"999999", b"ID")), f"{who}: one focal point is seen iff allowed, else missing")
    for target, name in ((fp_phl, "PHL"), (fp_tha, "THA")):
        r = request(srv, "PATCH", f"/api/v1/focal-points/{target}", {"verified": "2026-06-01"}, token=tok)
        may_write = who in ("sec", "admin") or (who == "fp" and name == "PHL")
        want = 200 if may_write else 404 if not may else 401 if who is None else 403
        check(r.status == want, f"{who} PATCH the {name} focal point: {r.status}, want {want}")
r = request(srv, "GET", "/api/v1/processes/bali/focal-points?format=vcard", token=TOKENS["official"])
cards = subprocess.run(["/usr/bin/python3", "-c", "import sys, vobject\n"
                        "for c in vobject.readComponents(sys.stdin.read()): print(c.fn.value, '|', c.email.value)"],
                       input=r.body.decode(), capture_output=True, text=True)
check(cards.returncode == 0 and "María Santos | maria.santos@dfa.gov.ph" in cards.stdout and
      "Juan Cruz | juan@dfa.gov.ph" in cards.stdout, "the contact cards read back in python3-vobject")
r = request(srv, "GET", "/api/v1/processes/bali/focal-points?stale=0", token=TOKENS["sec"])
check(r.status == 400 and "stale" in r.json()["error"]["message"], "a stale period out of range is refused")
page = request(srv, "GET", "/processes/bali/focal-points", session=sec).body
check(b"Mar\xc3\xada Santos" in page and b'href="/focal-points/%d/edit"' % fp_phl in page and
      b"format=vcard" in page and b'class="stale">never<' in page, "the directory page lists entries, marks stale ones")
check(request(srv, "GET", "/processes/bali/focal-points", token=TOKENS["observer"]).status == 403,
      "an observer does not see the directory")
check(request(srv, "GET", "/processes/bali/focal-points").status == 303, "a stranger is sent to sign in")
page = request(srv, "GET", "/processes/bali-process", token=TOKENS["observer"]).body
check(b"/focal-points" not in page, "the process page links the directory only for those who may read it")
body = ("csrf_token=" + sec["csrf"] + "&party=VNM&name=Nguyen+Van+A&email=not-an-address&position=focal-point"
        "&ministry=labour&languages=vi&verified=&title=&phone=").encode()
r = request(srv, "POST", "/processes/bali/focal-points", body,
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=sec)
check(r.status == 422 and b'id="email-error">&quot;not-an-address&quot; is not an email address<' in r.body and
      b'value="Nguyen Van A"' in r.body, "the add form marks a wrong email and keeps what was typed")
r = request(srv, "POST", "/processes/bali/focal-points", body.replace(b"not-an-address", b"nva%40molisa.gov.vn"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=sec)
check(r.status == 303, "the add form adds")
r = request(srv, "POST", f"/focal-points/{fp_alt}/delete", ("csrf_token=" + sec["csrf"]).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=sec)
check(r.status == 303 and request(srv, "GET", f"/api/v1/focal-points/{fp_alt}", token=TOKENS["sec"]).status == 404,
      "the secretariat removes an entry")

# ---- meetings: each follows its level in lists, counts, calendars and pages ----
meetings = {}
for level, start in (("public", "2009-03-10"), ("participants", "2009-09-01"), ("members", "2010-04-05"),
                     ("restricted", "2010-06-01")):
    r = request(srv, "POST", "/api/v1/processes/bali/meetings",
                {"title": f"Bali {level} meeting", "type": "senior-officials", "start": start, "level": level,
                 "series": "Senior Officials Meeting", "host": "Indonesia"}, token=TOKENS["sec"])
    check(r.status == 201 and r.json()["level"] == level, f"the secretariat adds a {level} meeting")
    meetings[level] = r.json()["id"]
r = request(srv, "POST", "/api/v1/processes/bali/meetings", {"title": "x", "type": "ad-hoc", "start": "2010-01-01"},
            token=TOKENS["fp"])
check(r.status == 403, "a focal point does not add meetings")
r = request(srv, "POST", "/api/v1/processes/bali/meetings",
            {"title": "x", "type": "ad-hoc", "start": "2010-01-05", "end": "2010-01-01"}, token=TOKENS["sec"])
check(r.status == 422 and r.json()["error"]["field"] == "end", "an end before the start is named")
r = request(srv, "POST", f"/api/v1/meetings/{meetings['members']}/delegates",
            {"party": "PHL", "name": "María Santos", "rank": "senior"}, token=TOKENS["fp"])
check(r.status == 201 and r.json()["delegates"][0]["name"] == "María Santos", "a focal point records their delegate")
r = request(srv, "POST", f"/api/v1/meetings/{meetings['members']}/delegates",
            {"party": "THA", "name": "Somchai", "rank": "senior"}, token=TOKENS["fp"])
check(r.status == 403, "but not another state's")
r = request(srv, "POST", f"/api/v1/meetings/{meetings['members']}/delegates",
            {"party": "PHL", "name": "MARIA SANTOS", "rank": "senior"}, token=TOKENS["sec"])
check(r.status == 409 and r.json()["error"]["field"] == "name", "the same person twice at one meeting is a conflict")
missing_meeting = request(srv, "GET", "/api/v1/meetings/999999", token=TOKENS["admin"])
# a meeting has no named readers: "reader" reads restricted documents, not meetings
for who, allowed in MAY_READ.items():
    if who in ("cs", "outsider"):
        continue  # disabled earlier
    allowed = allowed - {"restricted"} if who == "reader" else allowed
    tok = TOKENS.get(who) if who else None
    visible = {meetings[k] for k in meetings if k in allowed}
    listed = {m["id"] for m in request(srv, "GET", "/api/v1/processes/bali/meetings", token=tok).json()["items"]}
    check(listed == visible, f"{who}: the meetings listed are exactly those allowed ({listed})")
    figures = request(srv, "GET", "/api/v1/processes/bali/meetings/indicators", token=tok).json()
    check(figures["meetings_total"] == len(visible), f"{who}: the indicators count only visible meetings")
    ics = request(srv, "GET", "/api/v1/processes/bali/calendar.ics", token=tok)
    check(ics.headers["content-type"].startswith("text/calendar") and
          ics.body.count(b"BEGIN:VEVENT") == len(visible), f"{who}: the calendar holds only visible meetings")
    for level, mid in meetings.items():
        r = request(srv, "GET", f"/api/v1/meetings/{mid}", token=tok)
        if level in allowed:
            check(r.status == 200, f"{who} reads the {level} meeting")
        else:
            check(r.status == 404 and r.body.replace(str(mid).encode(), b"ID") ==
                  missing_meeting.body.replace(b"999999", b"ID"), f"{who}: the {level} meeting looks missing")
        page = request(srv, "GET", f"/meetings/{mid}", token=tok)
        check(page.status == (200 if level in allowed else 404), f"{who}: the {level} meeting's page")
    r = request(srv, "PATCH", f"/api/v1/meetings/{meetings['public']}", {"venue": "Bali"}, token=tok)
    want = 200 if who in ("sec", "admin") else 401 if who is None else 403
    check(r.status == want, f"{who} changes a meeting: {r.status}, want {want}")
cal = subprocess.run(["/usr/bin/python3", "-c", "import sys, icalendar\n"
                      "c = icalendar.Calendar.from_ical(sys.stdin.buffer.read())\n"
                      "print(sorted(str(e['SUMMARY']) for e in c.walk('VEVENT')))"],
                     input=request(srv, "GET", "/api/v1/processes/bali/calendar.ics", token=TOKENS["sec"]).body,
                     capture_output=True)
check(cal.returncode == 0 and b"Bali restricted meeting" in cal.stdout, "the feed reads back in python3-icalendar")
figures = request(srv, "GET", "/api/v1/processes/bali/meetings/indicators", token=TOKENS["sec"]).json()
check([m["number"] for m in figures["meetings"]] == [1, 2, 3, 4] and figures["hosts"][0]["code"] == "IDN" and
      figures["hosts"][0]["meetings"] == 4, "the series is numbered and Indonesia hosted all four")
page = request(srv, "GET", "/processes/bali-process/meetings", token=TOKENS["observer"]).body
check(b"Bali participants meeting" in page and b"Bali members meeting" not in page,
      "an observer's meetings page leaves the members' meeting out")
body = ("csrf_token=" + sec["csrf"] + "&title=Workshop&type=technical-workshop&start=2010-13-01&level=members"
        "&hosted_in_kind=no").encode()
r = request(srv, "POST", "/processes/bali/meetings", body,
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=sec)
check(r.status == 422 and b'id="start-error">use a real day as YYYY-MM-DD<' in r.body, "the meeting form marks a wrong day")

# ---- a meeting's records: agenda, papers, minutes from draft to final, then a corrigendum ----
pm = meetings["participants"]
r = request(srv, "POST", f"/api/v1/meetings/{pm}/agenda", {"title": "Regional cooperation framework",
            "proposer": "state", "party": "Indonesia"}, token=TOKENS["sec"])
check(r.status == 201 and r.json()["agenda"][0] == {"position": 1, "title": "Regional cooperation framework",
      "proposer": "state", "party": {"code": "IDN", "name": "Indonesia"}}, "an agenda item with who proposed it")
r = request(srv, "POST", f"/api/v1/meetings/{pm}/agenda", {"title": "x", "proposer": "partner"}, token=TOKENS["sec"])
check(r.status == 422 and r.json()["error"]["field"] == "party", "a partner's item names the partner")
r = request(srv, "POST", f"/api/v1/meetings/{pm}/documents", {"document": docs["public"]}, token=TOKENS["sec"])
check(r.status == 200 and r.json()["documents"] == [docs["public"]], "a paper of the library attached")
request(srv, "POST", f"/api/v1/meetings/{pm}/documents", {"document": docs["members"]}, token=TOKENS["sec"])
r = request(srv, "GET", f"/api/v1/meetings/{pm}", token=TOKENS["observer"])
check(r.json()["documents"] == [docs["public"]], "an observer sees only the attached papers they may read")
r = request(srv, "PUT", f"/api/v1/meetings/{pm}/minutes", {"body": "# Minutes\n\nDraft."}, token=TOKENS["sec"])
check(r.status == 200 and r.json()["minutes"][0]["state"] == "draft", "minutes begin as a draft")
check(request(srv, "GET", f"/api/v1/meetings/{pm}", token=TOKENS["observer"]).json()["minutes"] == [],
      "a draft is the secretariat's alone")
r = request(srv, "PUT", f"/api/v1/meetings/{pm}/minutes", {"body": "x"}, token=TOKENS["official"])
check(r.status == 403, "an official does not write minutes")
r = request(srv, "POST", f"/api/v1/meetings/{pm}/minutes/state", {"state": "circulated"}, token=TOKENS["sec"])
check(r.status == 200, "the minutes are circulated for comment")
check([m["state"] for m in request(srv, "GET", f"/api/v1/meetings/{pm}", token=TOKENS["observer"]).json()["minutes"]]
      == ["circulated"], "circulated minutes reach the meeting's readers")
r = request(srv, "POST", f"/api/v1/meetings/{pm}/corrigenda", {"body": "too early"}, token=TOKENS["sec"])
check(r.status == 409 and r.json()["error"]["field"] == "body", "no corrigendum before the minutes are final")
request(srv, "PUT", f"/api/v1/meetings/{pm}/minutes", {"body": "# Minutes\n\nAs agreed."}, token=TOKENS["sec"])
r = request(srv, "POST", f"/api/v1/meetings/{pm}/minutes/state", {"state": "final"}, token=TOKENS["sec"])
check(r.status == 200 and r.json()["minutes"][0]["body"] == "# Minutes\n\nAs agreed.", "final minutes")
r = request(srv, "PUT", f"/api/v1/meetings/{pm}/minutes", {"body": "changed"}, token=TOKENS["sec"])
check(r.status == 409 and "corrigendum" in r.json()["error"]["message"], "final minutes are locked")
r = request(srv, "POST", f"/api/v1/meetings/{pm}/minutes/state", {"state": "draft"}, token=TOKENS["sec"])
check(r.status == 422 and r.json()["error"]["field"] == "state", "minutes never go back to a draft")
r = request(srv, "POST", f"/api/v1/meetings/{pm}/corrigenda", {"body": "Item 1: read *framework*."},
            token=TOKENS["sec"])
j = r.json()["minutes"]
check(r.status == 200 and len(j) == 2 and j[1]["corrects"] == j[0]["id"] and j[1]["state"] == "draft" and
      j[0]["body"] == "# Minutes\n\nAs agreed.", "a corrigendum points to the final minutes, which stay as they were")
page = request(srv, "GET", f"/meetings/{pm}", session=sec).body
public_title = request(srv, "GET", f"/api/v1/documents/{docs['public']}", token=TOKENS["sec"]).json()["title"]
check(b"Regional cooperation framework" in page and public_title.encode() in page and b"<h1>Minutes</h1>" in page
      and b"Corrigendum" in page, "the meeting's page shows agenda, papers, minutes and the corrigendum")
body = ("csrf_token=" + sec["csrf"] + "&action=save&body=changed").encode()
r = request(srv, "POST", f"/meetings/{pm}/minutes", body,
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=sec)
check(r.status == 303, "the page's minutes form changes the open corrigendum")
log = request(srv, "GET", "/api/v1/audit?process=bali&limit=500", token=TOKENS["sec"]).json()["items"]
check(any(e["action"] == "meeting.minutes" and e["detail"] == "minutes final" for e in log), "each step is audited")

# ---- the secretariat's checklist: the next meeting, and minutes still pending ----
r = request(srv, "POST", "/api/v1/processes/bali/meetings", {"title": "Ministerial Conference 2099",
            "type": "ministerial", "start": "2099-03-01", "level": "members"}, token=TOKENS["sec"])
future = r.json()["id"]
request(srv, "POST", f"/api/v1/meetings/{future}/agenda", {"title": "Declaration", "proposer": "secretariat"},
        token=TOKENS["sec"])
page = request(srv, "GET", "/processes/bali/meetings/checklist", session=sec).body
check(b"Ministerial Conference 2099" in page and b'class="done">\xe2\x9c\x93 1 agenda items' in page and
      b'class="todo">\xe2\x80\x94 0 papers attached' in page, "the checklist's next meeting and what it lacks")
check(b"Bali public meeting</a> <span class=\"meta\">2009-03-10; minutes: none" in page and
      b"Bali participants meeting</a>" not in page, "minutes pending: every meeting held but the finalised one")
check(b'class="todo">\xe2\x80\x94 invitations not sent yet' in page, "the checklist says the invitations are not out")
r = request(srv, "PATCH", f"/api/v1/meetings/{future}", {"invitations_sent": "2026-11-20"}, token=TOKENS["sec"])
check(r.status == 200 and r.json()["invitations_sent"] == "2026-11-20", "the day the invitations went out")
page = request(srv, "GET", "/processes/bali/meetings/checklist", session=sec).body
check(b'class="done">\xe2\x9c\x93 invitations sent on 2026-11-20' in page, "and the checklist ticks it")
check(request(srv, "GET", "/processes/bali/meetings/checklist", token=TOKENS["official"]).status == 403,
      "the checklist is the secretariat's")

body = ("csrf_token=" + sec["csrf"] + "&title=Ministerial+Conference+2099&type=ministerial&start=2099-03-01"
        "&end=2099-02-01&level=members").encode()
r = request(srv, "POST", f"/meetings/{future}/edit", body,
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=sec)
check(r.status == 422 and b'id="meeting-end-error">2099-02-01 is before the first day' in r.body and
      b'id="delegate-party"' in r.body and r.body.count(b'id="meeting-title"') == 1,
      "the meeting's own form marks its field, apart from the page's other forms")
r = request(srv, "POST", f"/meetings/{future}/edit", body.replace(b"end=2099-02-01", b"end=2099-03-03"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=sec)
check(r.status == 303 and request(srv, "GET", f"/api/v1/meetings/{future}", token=TOKENS["sec"]).json()["end"] ==
      "2099-03-03", "the meeting's form changes it")
page = request(srv, "GET", "/processes/bali/meetings", session=sec).body
check(b'meetings were hosted by a state: <a href="/states/IDN">Indonesia</a> (4)' in page, "the meetings page names its hosts")
r = request(srv, "POST", "/api/v1/processes/bali/meetings", {"title": "Cancelled", "type": "ad-hoc",
            "start": "2098-01-01"}, token=TOKENS["sec"])
cancelled = r.json()["id"]
r = request(srv, "POST", f"/meetings/{cancelled}/delete", ("csrf_token=" + sec["csrf"]).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=sec)
check(r.status == 303 and request(srv, "GET", f"/api/v1/meetings/{cancelled}", token=TOKENS["sec"]).status == 404,
      "the secretariat deletes a meeting from its page")

# ---- personal calendar feeds: a secret address per user, holding what that user may see ----
obs = login(srv, "observer")
r = request(srv, "POST", "/api/v1/session/calendar", session=obs)
feed = r.json()["url"] if r.status == 201 else ""
check(r.status == 201 and re.fullmatch(r"/calendar/[0-9a-f]{64}\.ics", feed), "an observer gets a calendar address")
r = request(srv, "GET", feed)
check(r.status == 200 and r.headers["content-type"].startswith("text/calendar") and
      b"Bali participants meeting" in r.body and b"Bali members meeting" not in r.body,
      "the feed holds the observer's meetings and no more, without signing in")
r = request(srv, "GET", "/api/v1/processes", token=feed[len("/calendar/"):-4])
check(r.status == 401, "a calendar address opens no API")
again = request(srv, "POST", "/api/v1/session/calendar", session=obs).json()["url"]
check(request(srv, "GET", feed).status == 404 and request(srv, "GET", again).status == 200,
      "a new address stops the old one")
check(request(srv, "DELETE", "/api/v1/session/calendar", session=obs).status == 204 and
      request(srv, "GET", again).status == 404, "and the feed can be stopped")
check(request(srv, "GET", "/calendar/nothing.ics").status == 404, "an unknown address is not found")
check(request(srv, "POST", "/api/v1/session/calendar").status == 401, "a stranger has no feed")
r = request(srv, "GET", f"/meetings/{meetings['public']}/calendar.ics")
check(r.status == 200 and r.body.count(b"BEGIN:VEVENT") == 1, "one meeting's 'add to calendar'")
check(request(srv, "GET", f"/meetings/{meetings['members']}/calendar.ics").status == 404,
      "a hidden meeting has no calendar entry")

# ---- plans of action: commitments, progress by focal points, the follow-up report ----
r = request(srv, "POST", "/api/v1/processes/bali/plans", {"title": "Regional Cooperation Framework plan",
            "meeting": str(meetings["public"]), "level": "public"}, token=TOKENS["sec"])
check(r.status == 201 and r.json()["adopted"] == "2009-03-10", "a plan adopted at a meeting takes its first day")
plan = r.json()["id"]
r = request(srv, "POST", "/api/v1/processes/bali/plans", {"title": "x"}, token=TOKENS["fp"])
check(r.status == 403, "a focal point does not adopt plans")
r = request(srv, "POST", f"/api/v1/plans/{plan}/items", {"text": "Share trafficking data", "owners": ["PHL", "THA"],
            "due": "2010-12-31"}, token=TOKENS["sec"])
check(r.status == 201 and [c["owner"] for c in r.json()["items"][0]["commitments"]] == ["PHL", "THA"],
      "an item with one commitment per owner")
item = r.json()["items"][0]["id"]
r = request(srv, "POST", f"/api/v1/plans/{plan}/items", {"text": "x", "owners": []}, token=TOKENS["sec"])
check(r.status == 422 and r.json()["error"]["field"] == "owners", "an item with no owner is refused")
r = request(srv, "POST", f"/api/v1/plan-items/{item}/progress", {"state": "THA", "status": "done"},
            token=TOKENS["fp"])
check(r.status == 403, "the Philippines' focal point cannot report Thailand's progress")
r = request(srv, "POST", f"/api/v1/plan-items/{item}/progress",
            {"state": "PHL", "status": "done", "date": "2010-06-01", "note": "Agreement signed with Malaysia"},
            token=TOKENS["fp"])
check(r.status == 204, "a focal point reports their own state's progress")
r = request(srv, "POST", f"/api/v1/plan-items/{item}/progress", {"state": "PHL", "status": "later"},
            token=TOKENS["fp"])
check(r.status == 422 and r.json()["error"]["field"] == "status", "an unknown status is named")
r = request(srv, "GET", f"/api/v1/plans/{plan}/report?at=2011-01-01", token=TOKENS["observer"])
j = r.json()
check(r.status == 200 and j["done_share"] == 0.5 and j["overdue"] == 1 and
      [c["status"] for c in j["items"][0]["commitments"]] == ["done", "not-started"], "the follow-up report")
check([(o["name"], o["done"], o["total"], o["overdue"]) for o in j["owners"]] == [("Philippines", 1, 1, 0),
      ("Thailand", 0, 1, 1)], "the report tallies each owner")
notes = request(srv, "GET", f"/api/v1/plans/{plan}", token=TOKENS["observer"]).json()["items"][0]["commitments"][0]
check(notes["progress"][0]["note"] is None, "an observer sees the public plan's progress but not its notes")
notes = request(srv, "GET", f"/api/v1/plans/{plan}", token=TOKENS["official"]).json()["items"][0]["commitments"][0]
check(notes["progress"][0]["note"] == "Agreement signed with Malaysia", "a member official reads the notes")
r = request(srv, "GET", f"/api/v1/plans/{plan}/report?at=2011-01-01&format=csv", token=TOKENS["sec"])
check(r.headers["content-type"].startswith("text/csv") and b'"THA","Thailand","not-started","","yes"' in r.body,
      "the report as CSV")
r = request(srv, "GET", "/api/v1/processes/bali/plans/overdue?at=2011-01-01", token=TOKENS["sec"])
check([o["owner"] for o in r.json()["items"]] == ["THA"], "what is overdue")
r = request(srv, "POST", "/api/v1/processes/bali/plans", {"title": "Members' plan", "adopted": "2010-01-01",
            "level": "members"}, token=TOKENS["sec"])
hidden_plan = r.json()["id"]
listed = [p["id"] for p in request(srv, "GET", "/api/v1/processes/bali/plans", token=TOKENS["observer"]).json()["items"]]
check(plan in listed and hidden_plan not in listed and
      request(srv, "GET", f"/api/v1/plans/{hidden_plan}", token=TOKENS["observer"]).status == 404,
      "an observer sees only the plans at their level")

# the plan's pages: the grid, a focal point's "what we owe" with its forms, and the digest
page = request(srv, "GET", f"/plans/{plan}?at=2011-01-01", token=TOKENS["observer"]).body
check(b'<td class="status-done">done</td>' in page and b'class="status-not-started overdue">not-started (overdue)' in page
      and b"1 of 2 commitments done" in page, "the plan's grid, coloured by status, overdue marked")
check(b'<th scope="row">Thailand</th><td class="status-not-started overdue">not-started (overdue)</td>'
      b'<td class="share">0 of 1</td>' in page, "the grid gives each owner's share done")
fps = login(srv, "fp")
page = request(srv, "GET", "/processes/bali/owe", session=fps).body
check(b"What PHL owes in Bali Process" in page and b"Share trafficking data" in page and
      b'name="state" value="PHL"' in page and b'id="item-%d-status"' % item in page, "what the Philippines owes")
digest = request(srv, "GET", "/processes/bali/owe.txt", session=fps)
check(digest.headers["content-type"].startswith("text/plain") and b"- Share trafficking data" in digest.body and
      b"now: done" in digest.body, "the digest, a text file ready to send")
form = {"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}
r = request(srv, "POST", f"/plan-items/{item}/progress", ("csrf_token=" + fps["csrf"] + "&state=PHL&process=bali-process"
            "&status=done&date=2010-07-01&note=&evidence=").encode(), headers=form, session=fps)
check(r.status == 303 and r.headers["location"] == "/processes/bali-process/owe", "the focal point reports from the page")
r = request(srv, "POST", f"/plan-items/{item}/progress", ("csrf_token=" + fps["csrf"] + "&state=THA&process=bali-process"
            "&status=done").encode(), headers=form, session=fps)
check(r.status == 403, "but not for Thailand, from the page either")
check(len(request(srv, "GET", f"/api/v1/plans/{plan}", token=TOKENS["sec"]).json()["items"][0]["commitments"][1]
          ["progress"]) == 0, "and nothing was written for Thailand")

# ---- statistics: indicators at every level, data from focal points, exports and SDMX under the one policy ----
LEVELS = ("public", "participants", "members", "restricted")
for lvl in LEVELS:
    r = request(srv, "POST", "/api/v1/processes/bali/indicators", {"code": "IND_" + lvl.upper(), "name": lvl +
                " figures", "unit": "PS", "level": lvl, "definition": "Persons counted at " + lvl + " level"},
                token=TOKENS["sec"])
    check(r.status == 201 and r.json()["level"] == lvl and r.headers["location"].endswith("/IND_" + lvl.upper()),
          f"the secretariat defines a {lvl} indicator")
r = request(srv, "POST", "/api/v1/processes/bali/indicators", {"code": "FP_OWN", "name": "x", "unit": "PS"},
            token=TOKENS["fp"])
check(r.status == 403, "a focal point does not define indicators")
r = request(srv, "POST", "/api/v1/processes/bali/indicators", {"code": "bad code", "name": "x", "unit": "PS"},
            token=TOKENS["sec"])
check(r.status == 422 and r.json()["error"]["field"] == "code", "a malformed code is named")


# ---- full-text search over every kind of record: each role finds exactly what its lists show ----
r = request(srv, "POST", "/api/v1/processes/bali/documents", {"title": "Regional lessons", "level": "public",
            "body": "What the S\u00f6derk\u00f6ping Process taught T\u00fcrkiye and C\u00f4te d'Ivoire."},
            token=TOKENS["sec"])
lessons = r.json()["id"]
found = request(srv, "GET", "/api/v1/search?q=soderkoping%20TURKIYE%20cote").json()["items"]
check([i["id"] for i in found if i["kind"] == "document"] == [lessons], "accents and case set aside in texts")
page = request(srv, "GET", "/search?q=soderkoping").body.decode()
check("What the <mark>S\u00f6derk\u00f6ping</mark> Process taught" in page, "the word is marked as written")
for who in [None] + sorted(w for w in TOKENS if request(srv, "GET", "/api/v1/session", token=TOKENS[w]).status == 200):
    tok = TOKENS.get(who) if who else None
    r = request(srv, "GET", "/api/v1/search?q=bali%20meeting", token=tok)
    check(r.status == 200, f"{who}: the search answers: {r.status} {r.body[:200]}")
    found = r.json()["items"]
    listed = {m["id"] for m in request(srv, "GET", "/api/v1/processes/bali/meetings", token=tok).json()["items"]
              if re.fullmatch(r"Bali \w+ meeting", m["title"])}
    check({i["id"] for i in found if i["kind"] == "meeting"} == listed and listed,
          f"{who}: the search finds the meetings their list shows, no more: {sorted(listed)}")
    found = request(srv, "GET", "/api/v1/search?q=plan", token=tok).json()["items"]
    listed = {p["id"] for p in request(srv, "GET", "/api/v1/processes/bali/plans", token=tok).json()["items"]}
    check({i["id"] for i in found if i["kind"] == "plan"} == listed and listed, f"{who}: and the plans")
    found = request(srv, "GET", "/api/v1/search?q=persons%20counted", token=tok).json()["items"]
    listed = {i["code"] for i in request(srv, "GET", "/api/v1/processes/bali/indicators", token=tok).json()["items"]}
    check({i["key"] for i in found if i["kind"] == "indicator"} == listed and listed, f"{who}: and the indicators")


def sdmx_rows(*rows):
    head = "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,TIME_PERIOD,OBS_VALUE\r\n"
    return (head + "".join(f"dataflow,bali-process:{code}(1.0),I,{area},{period},{value}\r\n"
                           for code, area, period, value in rows)).encode()


CSV = {"Content-Type": "text/csv"}
philippines = sdmx_rows(*[("IND_" + lvl.upper(), "PH", "2019", 10 + i) for i, lvl in enumerate(LEVELS)])
r = request(srv, "POST", "/api/v1/processes/bali/statistics", philippines, headers=CSV, token=TOKENS["fp"])
check(r.status == 422 and r.json()["problems"][0]["message"] == "Bali Process has no indicator IND_RESTRICTED",
      "an indicator the focal point may not read is one that does not exist")
r = request(srv, "POST", "/api/v1/processes/bali/statistics", philippines[:philippines.index(b"dataflow,bali-process:IND_R")],
            headers=CSV, token=TOKENS["fp"])
check(r.status == 201 and r.json()["added"] == 3 and r.json()["format"] == "sdmx-csv-2.0",
      "the Philippines' focal point submits its own data")
r = request(srv, "POST", "/api/v1/processes/bali/statistics", sdmx_rows(("IND_PUBLIC", "PHL", "2020", 11),
            ("IND_PUBLIC", "THA", "2020", 5)), headers=CSV, token=TOKENS["fp"])
j = r.json()
check(r.status == 422 and j["problems"] == [{"line": 3, "column": 4, "column_name": "REF_AREA",
      "message": "you may not submit data for THA"}] and j["error"]["code"] == "invalid",
      "but not Thailand's: the row is named")
r = request(srv, "GET", "/api/v1/processes/bali/statistics?indicator=IND_PUBLIC", token=TOKENS["sec"])
check([o["period"] for o in r.json()["observations"]] == ["2019"], "and none of that file was kept")
thailand = sdmx_rows(*[("IND_" + lvl.upper(), "THA", "2019", 20 + i) for i, lvl in enumerate(LEVELS)],
                     ("IND_RESTRICTED", "PHL", "2019", 13))
r = request(srv, "POST", "/api/v1/processes/bali/statistics?dry_run=1", thailand, headers=CSV, token=TOKENS["sec"])
check(r.status == 200 and r.json()["dry_run"] and r.json()["added"] == 5, "a dry run says what would be added")
r = request(srv, "POST", "/api/v1/processes/bali/statistics", thailand, headers=CSV, token=TOKENS["sec"])
check(r.status == 201 and r.json()["added"] == 5, "the secretariat submits for any member")
check(request(srv, "POST", "/api/v1/processes/bali/statistics", thailand, headers=CSV).status == 401,
      "a visitor submits nothing")
check(request(srv, "POST", "/api/v1/processes/bali/statistics", thailand, headers=CSV,
              token=TOKENS["observer"]).status == 403, "nor does an observer")
r = request(srv, "POST", "/api/v1/processes/bali/statistics?map=Land%3DREF_AREA%2CYear%3DTIME_PERIOD%2CN%3DOBS_VALUE"
            "&indicator=IND_PUBLIC", b"Land,Year,N\nIDN,2019,7\n", headers=CSV, token=TOKENS["sec"])
check(r.status == 201 and r.json()["format"] == "csv" and r.json()["added"] == 1, "plain CSV through a mapping")

# civil society and an official of another process, in place of the accounts disabled above
for login_, flag, party, process, role in (("cs2", "--org", "ICRC", "bali", "civil-society"),
                                           ("outsider2", "--government", "France", "budapest", "official")):
    cli("user", "add", login_, flag, party, "--password-stdin", stdin=PASSWORD + "\n")
    cli("user", "grant", login_, process, role)
    TOKENS[login_] = cli("user", "token", login_).strip()
STAT_MAY = {None: {"public"}, "cs2": {"public"}, "outsider2": {"public"}, "reader": {"public"},
            "observer": {"public", "participants"}, "official": {"public", "participants", "members"},
            "fp": {"public", "participants", "members"}, "sec": set(LEVELS), "admin": set(LEVELS)}
missing_ind = request(srv, "GET", "/api/v1/processes/bali/indicators/IND_NONE", token=TOKENS["admin"])
for who, allowed in STAT_MAY.items():
    tok = TOKENS.get(who) if who else None
    codes = {"IND_" + lvl.upper() for lvl in allowed}
    listed = {i["code"] for i in request(srv, "GET", "/api/v1/processes/bali/indicators", token=tok).json()["items"]}
    check(listed == codes, f"{who}: the indicator list holds exactly {sorted(codes)} (got {sorted(listed)})")
    j = request(srv, "GET", "/api/v1/processes/bali/statistics", token=tok).json()
    check({i["code"] for i in j["indicators"]} == codes and {o["indicator"] for o in j["observations"]} == codes,
          f"{who}: the JSON export holds only what they may read")
    body = request(srv, "GET", "/api/v1/processes/bali/statistics?format=sdmx-csv", token=tok).body
    check({c for c in re.findall(rb"bali-process:(IND_[A-Z]+)", body)} == {c.encode() for c in codes},
          f"{who}: so does the SDMX-CSV export")
    body = request(srv, "GET", "/api/v1/processes/bali/statistics?format=csv", token=tok).body
    check({c for c in re.findall(rb'^"(IND_[A-Z]+)"', body, re.M)} == {c.encode() for c in codes},
          f"{who}: and the plain CSV export")
    checked = {i["indicator"] for i in request(srv, "GET", "/api/v1/processes/bali/statistics/check",
                                                token=tok).json()["items"]}
    check(checked == codes, f"{who}: the comparability checks cover only those")
    page = request(srv, "GET", "/processes/bali/statistics", token=tok).body
    members_level = "members" in allowed
    r = request(srv, "GET", "/api/v1/processes/bali/statistics/imports", token=tok)
    check(r.status == (200 if members_level else 404) and (b"Latest submissions" in page) == members_level and
          (not members_level or r.json()["items"][0]["by"] == "sec"),
          f"{who}: who submitted what is for the members' level only ({r.status})")
    r = request(srv, "GET", "/api/v1/processes/bali/indicators/IND_PUBLIC/history?state=Philippines&period=2019",
                token=tok)
    check(r.status == 200 and [v["value"] for v in r.json()["revisions"]] == [10] and
          r.json()["revisions"][0]["written_by"] == ("fp" if members_level else None),
          f"{who}: a cell's history, its writer named for the members' level only")
    for lvl in LEVELS:
        code = "IND_" + lvl.upper()
        may = lvl in allowed
        r = request(srv, "GET", f"/api/v1/processes/bali/indicators/{code}", token=tok)
        check(r.status == 200 if may else (r.status == 404 and r.body.replace(code.encode(), b"X") ==
              missing_ind.body.replace(b"IND_NONE", b"X")), f"{who}: {code} is {'readable' if may else 'missing'}")
        r = request(srv, "GET", f"/sdmx/data/bali-process,{code}", token=tok)
        check(r.status == (200 if may else 404), f"{who}: /sdmx/data for {code}: {r.status}")
        r = request(srv, "GET", f"/processes/bali/statistics/{code}", token=tok)
        check(r.status == (200 if may else 404) and (not may or b"Thailand" in r.body),
              f"{who}: the page of {code}: {r.status}")
        check(((lvl + " figures").encode() in page) == may, f"{who}: the statistics page lists {code} iff allowed")
r = request(srv, "GET", "/sdmx/data/bali-process,IND_PUBLIC/PHL+THA?startPeriod=2019&endPeriod=2019", token=TOKENS["official"])
rows = list(csv.reader(io.StringIO(r.body.decode())))
check(r.status == 200 and r.headers["content-type"].startswith("application/vnd.sdmx.data+csv") and
      rows[0][:4] == ["STRUCTURE", "STRUCTURE_ID", "ACTION", "REF_AREA"] and
      [(row[3], row[5]) for row in rows[1:]] == [("PHL", "10"), ("THA", "20")], "the SDMX REST data query, by key and period")
r = request(srv, "GET", "/sdmx/data/bali-process,IND_PUBLIC/IDN?labels=both")
check(b'"IDN: Indonesia"' in r.body and b'"REF_AREA: Reference area"' in r.body, "labels=both")
check(request(srv, "GET", "/sdmx/data/nothing").status == 400, "a flow without its process is refused")
export = request(srv, "GET", "/api/v1/processes/bali/statistics?format=sdmx-csv", token=TOKENS["sec"]).body
r = request(srv, "POST", "/api/v1/processes/bali/statistics", export, headers=CSV, token=TOKENS["sec"])
check(r.status == 201 and r.json()["unchanged"] == 9 and r.json()["added"] == 0, "an export read back changes nothing")

# the statistics pages: a row-level report for an upload, and the indicator's table and chart
b = "----rcphubupload"
upload = lambda name, data, extra=(): ("".join(f"--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
                                               for k, v in (("csrf_token", fps["csrf"]),) + tuple(extra)) +
                                       f"--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                                       f"Content-Type: text/csv\r\n\r\n").encode() + data + f"\r\n--{b}--\r\n".encode()
fps = login(srv, "fp")
UP = {"Content-Type": f"multipart/form-data; boundary={b}", "X-CSRF-Token": ""}
r = request(srv, "POST", "/processes/bali/statistics", upload("ph-2020.csv", sdmx_rows(("IND_MEMBERS", "PHL", "2020", 13),
            ("IND_MEMBERS", "PHL", "20x0", 1))), headers=UP, session=fps)
check(r.status == 422 and b"ph-2020.csv: not imported" in r.body and b"<td class=\"num\">3</td><td>5 (TIME_PERIOD)</td>"
      in r.body and b"is not a period" in r.body, "an upload with a bad row: the page names its line and column")
r = request(srv, "POST", "/processes/bali/statistics", upload("ph-2020.csv", sdmx_rows(("IND_MEMBERS", "PHL", "2020", 13))),
            headers=UP, session=fps)
check(r.status == 200 and b"ph-2020.csv: imported" in r.body and b"<dt>added</dt><dd>1</dd>" in r.body,
      "a good upload is imported and counted")
page = request(srv, "GET", "/processes/bali/statistics/IND_MEMBERS", session=fps).body
check(b"<th scope=\"row\">Philippines</th><td class=\"num\">12</td><td class=\"num\">13</td>" in page and
      b"<polyline" in page and b"Philippines, 2020: 13" in page, "the indicator's table and chart")
check(b'<figure class="map">' in page and b"<title>Philippines: 13 in 2020</title>" in page,
      "the map gives each state's latest value")
page = request(srv, "GET", "/processes/bali/statistics", session=fps).body
row = page[page.index(b'href="/states/IDN"'):]
row = row[:row.index(b"</tr>")]
check(row.count(b"<td") == 3 and b"<td>2019</td>" in row and row.count(b'<td class="none">nothing yet</td>') == 2,
      "the grid shows where each member stands: Indonesia gave the public figures for 2019 only")
r = request(srv, "POST", "/processes/bali/indicators", ("csrf_token=" + sec["csrf"] + "&code=IND_FORM&name=From+the+form"
            "&unit=PS&periodicity=M&level=public&unit_mult=3&dimensions=AGE").encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=sec)
j = request(srv, "GET", "/api/v1/processes/bali/indicators/IND_FORM").json()
check(r.status == 303 and r.headers["location"] == "/processes/bali-process/statistics/IND_FORM" and
      j["periodicity"] == "M" and j["unit_mult"] == 3 and j["dimensions"][0]["name"] == "AGE", "the page's form defines one")

# ---- policy matrices: dated answers, convergence, each matrix at its level ----
matrix_ids = {}
for lvl in LEVELS:
    r = request(srv, "POST", "/api/v1/processes/bali/matrices", {"name": f"Smuggling law ({lvl})", "level": lvl},
                token=TOKENS["sec"])
    check(r.status == 201 and r.headers["location"] == f"/api/v1/matrices/{r.json()['id']}", f"a {lvl} matrix")
    matrix_ids[lvl] = r.json()["id"]
    r = request(srv, "POST", f"/api/v1/matrices/{matrix_ids[lvl]}/questions", {"code": "SMUGGLING_CRIME", "text":
                "Is migrant smuggling a crime of its own?", "answers": ["no", "bill", "yes"], "ordered": "yes"},
                token=TOKENS["sec"])
    check(r.status == 201 and r.json()["questions"][0]["scores"] == [0, 1, 2], "an ordered question scored by place")
check(request(srv, "POST", "/api/v1/processes/bali/matrices", {"name": "x"}, token=TOKENS["fp"]).status == 403,
      "a focal point makes no matrices")
members_matrix = matrix_ids["members"]
answer = lambda state, value, day, tok: request(srv, "POST", f"/api/v1/matrices/{members_matrix}/answers",
                                                {"question": "SMUGGLING_CRIME", "state": state, "answer": value,
                                                 "date": day, "source": "national law"}, token=TOKENS[tok])
check(answer("PHL", "bill", "2008-05-01", "fp").status == 204, "the focal point answers for the Philippines")
check(answer("THA", "yes", "2008-05-01", "fp").status == 403, "not for Thailand")
check(answer("THA", "yes", "2008-05-01", "sec").status == 204 and answer("IDN", "yes", "2009-01-10", "sec").status == 204
      and answer("PHL", "yes", "2010-03-01", "fp").status == 204, "the secretariat answers for any member")
r = answer("PHL", "perhaps", "2011-01-01", "fp")
check(r.status == 422 and r.json()["error"]["field"] == "answer", "an answer not allowed is named")
r = request(srv, "GET", f"/api/v1/matrices/{members_matrix}/snapshot?at=2009-06-30", token=TOKENS["official"])
states = r.json()["questions"][0]["states"]
check(r.status == 200 and states["PHL"]["answer"] == "bill" and states["IDN"]["answer"] == "yes" and
      states["AUS"] is None, "the matrix on a day: each answer holding then")
r = request(srv, "GET", f"/api/v1/matrices/{members_matrix}/convergence", token=TOKENS["official"])
years = r.json()["questions"][0]["years"]
check([y["year"] for y in years] == [2008, 2009, 2010] and [y["modal"] for y in years] == ["bill", "yes", "yes"] and
      abs(years[2]["modal_share"] - 3 / years[2]["members"]) < 1e-9,
      "convergence: the most common answer and its share of the members, by year")
check([(m["state"], m["move"]) for m in r.json()["questions"][0]["movers"]] == [("PHL", "toward")],
      "the Philippines moved toward the majority")
for who, allowed in STAT_MAY.items():
    tok = TOKENS.get(who) if who else None
    listed = {m["id"] for m in request(srv, "GET", "/api/v1/processes/bali/matrices", token=tok).json()["items"]}
    check(listed == {matrix_ids[l] for l in allowed}, f"{who}: the matrices at their level only")
    page = request(srv, "GET", "/processes/bali/matrices", token=tok).body
    for lvl in LEVELS:
        may = lvl in allowed
        for path in (f"/api/v1/matrices/{matrix_ids[lvl]}", f"/api/v1/matrices/{matrix_ids[lvl]}/convergence",
                     f"/api/v1/matrices/{matrix_ids[lvl]}/snapshot", f"/matrices/{matrix_ids[lvl]}"):
            check(request(srv, "GET", path, token=tok).status == (200 if may else 404), f"{who}: {path} ({lvl})")
        check((f"Smuggling law ({lvl})".encode() in page) == may, f"{who}: the matrices page lists {lvl} iff allowed")
page = request(srv, "GET", f"/matrices/{members_matrix}?at=2009-06-30", session=fps).body
check(b"<td>bill <span class=\"meta\">since 2008-05-01; national law</span></td>" in page and b"<polyline" in page and
      b"moved toward the majority on 2010-03-01" in page and b'<option value="PHL">Philippines</option>' in page and
      b'<option value="THA">' not in page, "the matrix page: the snapshot, the chart, and the focal point's own state to answer for")
r = request(srv, "POST", f"/matrices/{members_matrix}/answers", ("csrf_token=" + fps["csrf"] + "&question=SMUGGLING_CRIME"
            "&state=PHL&answer=no&date=2012-01-01&source=").encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=fps)
check(r.status == 303 and request(srv, "GET", f"/api/v1/matrices/{members_matrix}/snapshot?at=2012-06-30",
      token=TOKENS["sec"]).json()["questions"][0]["states"]["PHL"]["answer"] == "no", "the answer form records it")
r = request(srv, "POST", f"/matrices/{members_matrix}/questions", ("csrf_token=" + sec["csrf"] + "&code=VISA&text=Visa"
            "+regime%3F&answers=only&ordered=no&scores=").encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=sec)
check(r.status == 422 and b'id="question-answers-error">give two or more allowed answers<' in r.body and
      b'value="Visa regime?"' in r.body, "the question form marks its field and keeps what was typed")

# the people who wrote a paper are named as they name themselves, where they gave a name
cli("user", "add", "santos", "--government", "PHL", "--name", "María Santos", "--password-stdin", stdin=PASSWORD + "\n")
cli("user", "grant", "santos", "bali", "secretariat")
santos = cli("user", "token", "santos").strip()
r = request(srv, "POST", "/api/v1/processes/bali/documents", {"title": "Note by the secretariat", "level": "public",
            "body": "Text."}, token=santos)
named = r.json()["id"]
page = request(srv, "GET", f"/documents/{named}").body.decode()
check(re.search(r"<dt>Version</dt><dd>1, written \d{4}-\d\d-\d\d by María Santos</dd>", page) and
      "<dt>Added by</dt><dd>María Santos</dd>" in page and ">santos<" not in page, "the page names the writer")
check("<td>María Santos</td>" in request(srv, "GET", f"/documents/{named}/versions").body.decode(),
      "and so do its versions")

# ---- assessment: evidence at each level, the lessons from what each role may read ----
evidence_ids = {}
for lvl in LEVELS:
    r = request(srv, "POST", "/api/v1/processes/bali/evidence", {"phase": "2", "effect": "networks", "description":
                f"Officials called counterparts after the meeting ({lvl})", "source": "minutes", "level": lvl,
                "states": ["Thailand", "Indonesia"], "date": "2009-05"}, token=TOKENS["sec"])
    check(r.status == 201 and r.headers["location"] == f"/api/v1/evidence/{r.json()['id']}" and
          [s["code"] for s in r.json()["states"]] == ["THA", "IDN"], f"{lvl} evidence recorded")
    evidence_ids[lvl] = r.json()["id"]
r = request(srv, "POST", "/api/v1/processes/bali/evidence", {"phase": "2", "effect": "networks", "description":
            "An interviewee recalls the calls", "source": "interview 7 (government, English)", "kind": "interview"},
            token=TOKENS["sec"])
check(r.status == 201 and r.json()["level"] == "restricted", "interview evidence is restricted unless said otherwise")
interview = r.json()["id"]
r = request(srv, "POST", "/api/v1/processes/bali/evidence", {"phase": "4", "effect": "networks", "description": "x",
            "source": "y"}, token=TOKENS["sec"])
check(r.status == 422 and r.json()["error"]["field"] == "phase", "a phase not 1, 2 or 3 is named")
r = request(srv, "POST", "/api/v1/processes/bali/evidence", {"phase": "3", "effect": "policy-change",
            "description": "x", "source": "y", "meeting": "999999"}, token=TOKENS["sec"])
check(r.status == 422 and r.json()["error"] == {"code": "invalid", "message": "meeting: no meeting 999999", "field": "meeting"},
      f"a meeting that is not there is named: {r.body}")
check(request(srv, "POST", "/api/v1/processes/bali/evidence", {"phase": "1", "effect": "networks", "description": "x",
              "source": "y"}, token=TOKENS["fp"]).status == 403, "a focal point records no evidence")
check(request(srv, "POST", "/api/v1/processes/bali/evidence", {"phase": "1", "effect": "networks", "description": "x",
              "source": "y"}).status == 401, "nor does a visitor")
missing_evidence = request(srv, "GET", "/api/v1/evidence/999999", token=TOKENS["admin"])
for who, allowed in STAT_MAY.items():
    tok = TOKENS.get(who) if who else None
    want = {evidence_ids[l] for l in allowed} | ({interview} if "restricted" in allowed else set())
    listed = {e["id"] for e in request(srv, "GET", "/api/v1/processes/bali/evidence", token=tok).json()["items"]}
    everywhere = {e["id"] for e in request(srv, "GET", "/api/v1/evidence?phase=2", token=tok).json()["items"]}
    assessed = request(srv, "GET", "/api/v1/processes/bali/assessment", token=tok).json()
    in_report = {e["id"] for e in assessed["evidence"]}
    mine = set(evidence_ids.values()) | {interview}
    check(listed & mine == want and everywhere & mine == want and in_report & mine == want,
          f"{who}: the evidence lists and the assessment hold exactly what they may read")
    page = request(srv, "GET", "/processes/bali/assessment", token=tok).body
    found = request(srv, "GET", "/api/v1/search?q=officials+called+counterparts", token=tok).json()
    check({x["id"] for x in found["items"] if x["kind"] == "evidence"} == {evidence_ids[l] for l in allowed},
          f"{who}: the search finds the evidence they may read, and no other")
    for lvl in LEVELS:
        may = lvl in allowed
        r = request(srv, "GET", f"/api/v1/evidence/{evidence_ids[lvl]}", token=tok)
        check(r.status == 200 if may else (r.status == 404 and r.body.replace(str(evidence_ids[lvl]).encode(), b"ID")
              == missing_evidence.body.replace(b"999999", b"ID")), f"{who}: /api/v1/evidence ({lvl})")
        check((f"after the meeting ({lvl})".encode() in page) == may, f"{who}: the assessment page shows {lvl} iff allowed")
    check((b"An interviewee recalls" in page) == ("restricted" in allowed), f"{who}: the interview only at restricted")
    if who not in ("sec", "admin"):
        r = request(srv, "DELETE", f"/api/v1/evidence/{evidence_ids['public']}", token=tok)
        check(r.status == (401 if who is None else 403), f"{who}: may not remove evidence")
    # the lessons name only records the reader may see
    lessons = request(srv, "GET", "/api/v1/processes/bali/lessons", token=tok).json()
    seen = {f"meeting:{m['id']}" for m in request(srv, "GET", "/api/v1/processes/bali/meetings", token=tok).json()["items"]}
    seen |= {f"plan:{p['id']}" for p in request(srv, "GET", "/api/v1/processes/bali/plans", token=tok).json()["items"]}
    seen |= {f"document:{d['id']}" for d in request(srv, "GET", "/api/v1/processes/bali/documents?limit=500",
                                                  token=tok).json()["items"]}
    used = {x for l in lessons["lessons"] for x in l["records"] if x.split(":")[0] in ("meeting", "plan", "document")}
    check(len(lessons["lessons"]) == 11 and used <= seen, f"{who}: the lessons use only records they may see: {used - seen}")
check(request(srv, "DELETE", f"/api/v1/evidence/{interview}", token=TOKENS["sec"]).status == 204 and
      request(srv, "GET", f"/api/v1/evidence/{interview}", token=TOKENS["sec"]).status == 404, "the secretariat removes evidence")
reads = lambda: [e for e in request(srv, "GET", "/api/v1/audit?process=bali&user=official&action=meeting&limit=500",
                                    token=TOKENS["admin"]).json()["items"]]
before = reads()
for path in ("/api/v1/processes/bali/assessment", "/processes/bali/assessment", "/api/v1/processes/bali/lessons"):
    request(srv, "GET", path, token=TOKENS["official"])
after = reads()
single = lambda entries: len([e for e in entries if e["action"] == "meeting.read"])
check(single(after) == single(before) and len(after) - len(before) <= 1,
      f"an assessment is one read of the meetings list, not one per meeting: {len(after) - len(before)} entries")
form = lambda session, fields: request(srv, "POST", "/processes/bali/evidence", ("csrf_token=" + session["csrf"] + "&" +
                                    urllib.parse.urlencode(fields)).encode(),
                                    headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""},
                                    session=session)
r = form(sec, {"phase": "3", "effect": "policy-change", "description": "A law drafted on the model", "source":
               "national gazette", "states": "Thailand, Viet Nam", "date": "2011", "level": "public"})
check(r.status == 303 and re.fullmatch(r"/processes/bali-process/assessment#evidence-\d+", r.headers["location"]),
      f"the secretariat records evidence on the assessment page: {r.status} {r.headers.get('location')}")
added = int(r.headers["location"].rsplit("-", 1)[1])
check([s["code"] for s in request(srv, "GET", f"/api/v1/evidence/{added}").json()["states"]] == ["THA", "VNM"],
      "the form's states, named as people write them")
r = form(sec, {"phase": "3", "effect": "policy-change", "description": "x", "source": "y", "date": "2011-13"})
check(r.status == 422 and b'id="evidence-date-error">give YYYY, YYYY-MM or YYYY-MM-DD' in r.body and
      b'value="2011-13"' in r.body, "a wrong date is marked on its field and kept")
officials = login(srv, "official")
check(form(officials, {"phase": "1", "effect": "networks", "description": "x", "source": "y"}).status == 403 and
      b"Record evidence" not in request(srv, "GET", "/processes/bali/assessment", session=officials).body and
      b"Record evidence" in request(srv, "GET", "/processes/bali/assessment", session=sec).body,
      "only the secretariat sees and uses the form")
r = request(srv, "GET", "/api/v1/assessment")
check(r.status == 200 and r.json()["total"] == len(request(srv, "GET", "/api/v1/processes").json()["items"]) and
      all(len(x["lessons"]) == 11 for x in r.json()["items"]), "every process compared on the eleven lessons")
check(request(srv, "GET", "/api/v1/processes/bali/lessons?at=20x").status == 422 and
      request(srv, "GET", "/api/v1/processes/atlantis/lessons").status == 404, "a bad day and an unknown process")
page = request(srv, "GET", "/assessment").body.decode()
check("<th scope=\"col\">Knit your networks</th>" in page and "/processes/bali-process/assessment" in page,
      "the comparison page")

# ---- interviews: restricted always; the method public; the assessment quotes no one ----
r = request(srv, "POST", "/api/v1/interview-protocols", {"name": "Semi-structured, 2009", "questions":
            "What changed?\nWhom do you call?"}, token=TOKENS["sec"])
check(r.status == 201, "a secretariat adds an interview protocol")
protocol = r.json()["id"]
check(request(srv, "POST", "/api/v1/interview-protocols", {"name": "x", "questions": "y"},
              token=TOKENS["official"]).status == 403, "an official does not")
r = request(srv, "POST", "/api/v1/processes/bali/interviews", {"protocol": str(protocol), "affiliation":
            "international-organisation", "language": "fr", "interviewee": "Jean Témoin", "organisation":
            "Organisation X"}, token=TOKENS["sec"])
check(r.status == 201 and r.json()["level"] == "restricted" and r.headers["location"] == f"/api/v1/interviews/{r.json()['id']}",
      "the secretariat records an interview")
interview_id = r.json()["id"]
r = request(srv, "POST", f"/api/v1/interviews/{interview_id}/statements", {"effect": "building-trust", "text":
            "We speak freely because nothing leaves the room."}, token=TOKENS["sec"])
check(r.status == 201 and r.json()["statements"][0]["effect"] == "building-trust", "a statement coded against an effect")
r = request(srv, "POST", f"/api/v1/interviews/{interview_id}/statements", {"effect": "magic", "text": "x"},
            token=TOKENS["sec"])
check(r.status == 422 and r.json()["error"]["field"] == "effect", "an effect the report does not name is refused")
missing_interview = request(srv, "GET", "/api/v1/interviews/999999", token=TOKENS["admin"])
for who in STAT_MAY:
    tok = TOKENS.get(who) if who else None
    may = who in ("sec", "admin")
    r = request(srv, "GET", f"/api/v1/interviews/{interview_id}", token=tok)
    check(r.status == 200 if may else (r.status == 404 and r.body.replace(str(interview_id).encode(), b"ID") ==
          missing_interview.body.replace(b"999999", b"ID")), f"{who}: an interview is read only at restricted")
    r = request(srv, "GET", "/api/v1/processes/bali/interviews", token=tok)
    check(r.status == (200 if may else 401 if who is None else 403), f"{who}: the list of interviews")
    r = request(srv, "POST", f"/api/v1/interviews/{interview_id}/statements", {"effect": "networks", "text": "x"},
                token=tok)
    check(r.status == 201 if may else r.status == 404, f"{who}: codes statements only where they may read")
    page = request(srv, "GET", "/processes/bali/assessment", token=tok).body
    check((b"Interviews (restricted)" in page) == may and b"Jean T" not in page and b"Organisation X" not in page,
          f"{who}: the assessment counts interviews for restricted readers, and names no one")
    assessed = request(srv, "GET", "/api/v1/processes/bali/assessment", token=tok)
    check(("interviews" in assessed.json()) == may and b"Jean T" not in assessed.body and
          (not may or assessed.json()["interviews"]["by_language"].get("fr", 0) >= 1),
          f"{who}: the assessment's JSON counts interviews for restricted readers only")
    check(request(srv, "GET", "/api/v1/interview-protocols", token=tok).json()["items"][-1]["questions"] ==
          ["What changed?", "Whom do you call?"], f"{who}: the protocol is public")

# ---- duplication: meetings in the same weeks only as each reader may see them ----
r1 = request(srv, "POST", "/api/v1/processes/bali/meetings", {"title": "Closed workshop", "type": "technical-workshop",
             "start": "2015-03-02", "level": "members"}, token=TOKENS["sec"])
check(r1.status == 201, "a members' meeting of the Bali Process")
apc_meeting = cli("meeting", "add", "apc", "--title", "APC plenary", "--type", "ad-hoc", "--start", "2015-03-05",
                  "--level", "public", "--json")
apc_meeting = json.loads(apc_meeting)["id"]
for who, allowed in STAT_MAY.items():
    tok = TOKENS.get(who) if who else None
    j = request(srv, "GET", "/api/v1/duplication?a=bali&b=apc", token=tok).json()
    pairs = [(w["meeting_a"], w["meeting_b"]) for w in j["same_weeks"]]
    check(j["verdict"] == "merger" and ((r1.json()["id"], apc_meeting) in pairs) == ("members" in allowed),
          f"{who}: meetings in the same weeks only where they may see both: {pairs}")
    page = request(srv, "GET", "/assessment/duplication?a=bali&b=apc", token=tok).body
    check((f"/meetings/{r1.json()['id']}\"".encode() in page) == ("members" in allowed),
          f"{who}: the duplication page links the hidden meeting iff allowed")
page = request(srv, "GET", "/assessment/duplication").body.decode()
check("APC</a> and <a href=\"/processes/bali-process\">Bali Process</a>: a candidate for merger" in page,
      "the candidates page puts the Bali Process and the APC first")
check(request(srv, "GET", "/api/v1/duplication?a=bali&b=atlantis").status == 404 and
      request(srv, "GET", "/api/v1/duplication?at=1700").status == 422, "an unknown process, a year out of range")

# ---- the glossary: shared terms public, each process's at its level ----
r = request(srv, "POST", "/api/v1/glossary", {"term": "smuggling of migrants", "lang": "en", "definition":
            "The procurement of the illegal entry of a person into a State of which the person is not a national.",
            "source": "Protocol against the Smuggling of Migrants (2000), art. 3"}, token=TOKENS["admin"])
check(r.status == 201, "an administrator adds to the shared glossary")
check(request(srv, "POST", "/api/v1/glossary", {"term": "x", "lang": "en", "definition": "x"},
              token=TOKENS["sec"]).status == 403, "a secretariat does not change the shared glossary")
glossary_entries = {}
for lvl in LEVELS:
    r = request(srv, "POST", "/api/v1/glossary", {"term": f"readmission {lvl}", "lang": "en", "definition":
                f"Readmission as the Bali Process uses it ({lvl})", "process": "bali", "level": lvl},
                token=TOKENS["sec"])
    check(r.status == 201, f"the secretariat adds a {lvl} term to its glossary")
    glossary_entries[lvl] = r.json()["entry"]
check(request(srv, "POST", "/api/v1/glossary", {"term": "y", "lang": "en", "definition": "y", "process": "bali"},
              token=TOKENS["fp"]).status == 403, "a focal point does not change the glossary")
r = request(srv, "POST", "/api/v1/glossary", {"term": "réadmission", "lang": "fr", "definition": "Réadmission",
            "process": "bali", "same_as": "READMISSION PUBLIC"}, token=TOKENS["sec"])
check(r.status == 201 and r.json()["entry"] == glossary_entries["public"], "a French term joins its English entry")
r = request(srv, "POST", "/api/v1/glossary/import?process=bali&level=members",
            b'<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>interception</term></tig></langSet>'
            b'<langSet xml:lang="xx"><tig><term>y</term></tig></langSet></termEntry></body></text></martif>',
            headers={"Content-Type": "application/xml"}, token=TOKENS["sec"])
check(r.status == 422 and r.json()["error"]["field"] == "file" and "line 1" in r.json()["error"]["message"],
      "a TBX file with a bad language is refused, the line named")
for who, allowed in STAT_MAY.items():
    tok = TOKENS.get(who) if who else None
    seen = {e["id"] for e in request(srv, "GET", "/api/v1/glossary?process=bali", token=tok).json()["items"]}
    check(seen == {glossary_entries[l] for l in allowed}, f"{who}: the Bali glossary at their level only")
    found = {e["id"] for e in request(srv, "GET", "/api/v1/glossary?q=readmission", token=tok).json()["items"]}
    check(found == {glossary_entries[l] for l in allowed}, f"{who}: the search finds only what they may read")
    glossary_csv = request(srv, "GET", "/api/v1/glossary/export?format=csv", token=tok).body
    glossary_page = request(srv, "GET", "/glossary?process=bali", token=tok).body
    check(all((f"readmission {l}".encode() in glossary_csv) == (l in allowed) and
              (f"readmission {l}".encode() in glossary_page) == (l in allowed) for l in LEVELS),
          f"{who}: the CSV export and the glossary page hold only what they may read")
    tbx = request(srv, "GET", "/api/v1/glossary/export?format=tbx", token=tok).body
    check(b"smuggling of migrants" in tbx and all((f"readmission {l}".encode() in tbx) == (l in allowed)
          for l in LEVELS), f"{who}: the TBX export holds only what they may read")
    for lvl in LEVELS:
        r = request(srv, "GET", "/api/v1/glossary/terms/" + urllib.parse.quote(f"Readmission {lvl.upper()}"), token=tok)
        check(r.status == (200 if lvl in allowed else 404), f"{who}: the term page of the {lvl} entry: {r.status}")
        page = request(srv, "GET", "/glossary/" + urllib.parse.quote(f"readmission {lvl}"), token=tok)
        check(page.status == (200 if lvl in allowed else 404), f"{who}: /glossary/readmission {lvl}: {page.status}")
page = request(srv, "GET", "/glossary/" + urllib.parse.quote("Réadmission"), token=TOKENS["observer"]).body
check(b'<td lang="fr"><strong>r\xc3\xa9admission</strong>' in page and b'<td lang="en"><strong>readmission public' in page,
      "a term's page compares its languages")
r = request(srv, "POST", "/glossary", ("csrf_token=" + sec["csrf"] + "&term=pushback&lang=en&definition=Forcing+back"
            "&process=bali&level=public&source=&same_as=&related=&contested=refoulement&subject=").encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=sec)
check(r.status == 303 and r.headers["location"] == "/glossary/pushback" and
      request(srv, "GET", "/api/v1/glossary/terms/pushback").json()["items"][0]["contested"] == ["refoulement"],
      "the glossary's form adds a term")

# ---- index pages, the icon and robots.txt ----
page = request(srv, "GET", "/processes?sort=members").body.decode()
rows = re.findall(r'<tr><th scope="row"><a href="/processes/([^"]+)"', page)
members_of = {p["slug"]: len([m for m in request(srv, "GET", f"/api/v1/processes/{p['slug']}").json()["participants"]
                              if m["role"] == "member" and m["status"] == "active" and not m.get("until")])
              for p in request(srv, "GET", "/api/v1/processes").json()["items"]}
check(len(rows) == 23 and [members_of[x] for x in rows] == sorted(members_of.values(), reverse=True),
      "/processes sorted by members: the most members first")
asia = re.findall(r'<tr><th scope="row"><a href="/processes/([^"]+)"',
                  request(srv, "GET", "/processes?region=Asia%20and%20Oceania").body.decode())
check(asia and all(request(srv, "GET", f"/api/v1/processes/{x}").json()["region"] == "Asia and Oceania" for x in asia) and
      len(asia) < 14, f"/processes filtered by region: {asia}")
page = request(srv, "GET", "/processes?at=2005&kind=rcp").body.decode()
rows2005 = re.findall(r'<tr><th scope="row"><a href="/processes/([^"]+)"', page)
check("<title>Processes as of 2005" in page and "colombo-process" in rows2005 and "abu-dhabi-dialogue" not in rows2005 and
      "rabat-process" not in rows2005 and 'href="/processes?sort=since&amp;at=2005&amp;kind=rcp"' in page,
      "/processes as of a year: those established by then, the filters kept in every link")
irf = re.findall(r'<tr><th scope="row"><a href="/processes/([^"]+)"', request(srv, "GET", "/processes?kind=irf").body.decode())
check(sorted(irf) == ["khartoum-process", "rabat-process"] and
      [p["slug"] for p in request(srv, "GET", "/api/v1/processes?limit=100").json()["items"] if p["kind"] == "irf"]
      == ["rabat-process", "khartoum-process"], f"/processes filtered by kind, as IOM classes them: {irf}")
page = request(srv, "GET", "/states").body
check(b'<a href="/states/VNM">Viet Nam</a> <span class="meta">4</span>' in page, "/states: Viet Nam in four processes")
page = request(srv, "GET", "/states?at=2002").body.decode()
check("<title>States as of 2002" in page and '<a href="/states/NZL">New Zealand</a> <span class="meta">1</span>' in page
      and 'href="/states/VNM"' not in page, "/states as of 2002: New Zealand, the one member a source attests then")
page = request(srv, "GET", "/organisations?at=2010").body.decode()
check("<title>Organisations as of 2010" in page and 'href="/organisations/iom"' in page and
      'href="/organisations/comesa"' not in page and 'href="/organisations/comesa"' in
      request(srv, "GET", "/organisations").body.decode(),
      "/organisations as of 2010: COMESA, secretariat of MIDCOM (2013), not yet")
check(request(srv, "GET", "/states?at=2099").status == 400 and request(srv, "GET", "/organisations?at=x").status == 400,
      "the index pages refuse a year to come or no year")
page = request(srv, "GET", "/organisations").body.decode()
iom = page[page.index('<a href="/organisations/iom">'):]
iom = iom[:iom.index("</tr>")]
secretariats = sum("iom" in p.get("secretariat", {}).get("organisations", []) for p in
                   [request(srv, "GET", f"/api/v1/processes/{x['slug']}").json()
                    for x in request(srv, "GET", "/api/v1/processes").json()["items"]])
check(re.findall(r'<td class="num">(\d+)</td>', iom)[1] == str(secretariats) and secretariats > 0,
      f"/organisations: IOM serves {secretariats} processes as secretariat")
r = request(srv, "GET", "/robots.txt")
check(r.status == 200 and r.headers["content-type"].startswith("text/plain") and b"Disallow: /api/" in r.body,
      "robots.txt keeps crawlers out of the API and accounts")
r = request(srv, "GET", "/favicon.ico")
check(r.status == 200 and r.headers["content-type"] == "image/svg+xml", "a favicon")

# ---- the other pages a signed-in user reaches ----
page = request(srv, "GET", "/states/VNM").body
check(b"<h1>Viet Nam</h1>" in page and b"Neighbours in membership" in page and b'href="/states/THA"' in page
      and b'href="/processes/apc"' in page, "a state's page: its processes and neighbours")
check(request(srv, "GET", "/states/Atlantis").status == 404, "an unknown state's page is 404")
page = request(srv, "GET", "/organisations/iom").body
check(b"Secretariat of" in page and b'href="/processes/bali-process"' in page, "IOM's page: the secretariats it serves")
check(request(srv, "GET", "/account").status == 303, "the account page sends strangers to sign in")
page = request(srv, "GET", "/account", session=sec).body
check(b"<dd>sec</dd>" in page and b"secretariat in" in page, "the account page shows the login and roles")
page = request(srv, "GET", "/audit", session=sec).body.decode()
check("deleted a paper" in page and 'title="document.delete"' in page and 'href="/processes/bali-process"' in page
      and re.search(r'<a href="/documents/\d+">document \d+</a>', page) and 'href="/audit?user=official"' in page,
      "the secretariat reads its audit log in words, with links to the records and people")
page = request(srv, "GET", "/audit?user=official&action=document", session=sec).body.decode()
rows = re.findall(r"<tr><td>[^<]+</td><td><a href=\"/audit\?user=([^\"]+)\"", page)
check(rows and set(rows) == {"official"} and '<option value="document" selected>' in page and
      "/api/v1/audit?format=csv&amp;limit=500&amp;user=official&amp;action=document" in page,
      "the audit page filters by who and what, and its CSV link keeps the filters")
check(request(srv, "GET", "/audit", token=TOKENS["official"]).status == 403, "an official does not")
page = request(srv, "GET", "/map?process=apc").body
check(b"Who takes part in APC" in page and b'<a tabindex="-1" href="/states/AUS"><use href="/map/shapes.svg?v=' in page and
      b'<th scope="row"><a href="/states/AUS">Australia</a></th><td>member</td>' in page, "the map of one process, and the same as a table")
shapes = re.search(rb'<use href="(/map/shapes\.svg\?v=[0-9a-f]{12})#s036"', page).group(1).decode()
r = request(srv, "GET", shapes, headers={"Accept-Encoding": "gzip"})
check(r.status == 200 and r.headers["content-type"] == "image/svg+xml" and
      r.headers["cache-control"] == "public, max-age=31536000, immutable" and
      b'<path id="s036" d="M' in gzip.decompress(r.body) and len(page) < 60000,
      "the outlines come once, kept by the browser for good; each map page carries only its colours")
check(request(srv, "GET", "/map/shapes.svg?v=000000000000").headers["cache-control"] == "private, no-cache",
      "outlines asked at another version are not kept for good")

# ---- the registry edited by its secretariat, with a version check and its history ----
uzb = {"party": "Uzbekistan", "role": "observer", "since": "2024", "source": "Test declaration",
       "section": "Participants", "url": "https://example.org/declaration", "as_of": "2024-05-01"}
for who in ("official", "fp", "observer", "cs2", "outsider2", "reader"):
    check(request(srv, "POST", "/api/v1/processes/bali/participants", uzb, token=TOKENS[who]).status == 403,
          f"{who} may not edit the Bali Process's registry")
check(request(srv, "POST", "/api/v1/processes/bali/participants", uzb).status == 401, "nor anyone signed out")
r = request(srv, "POST", "/api/v1/processes/bali/participants", uzb, token=TOKENS["sec"])
j = r.json()
check(r.status == 201 and j["code"] == "UZB" and j["role"] == "observer" and j["since"] == 2024 and
      j["provenance"]["url"] == "https://example.org/declaration" and j["version"] == 1 and
      r.headers["location"] == f"/api/v1/processes/bali-process/participants/{j['id']}",
      "the secretariat records a new observer, with its source")
fid = j["id"]
check("UZB" in [p["code"] for p in request(srv, "GET", "/api/v1/processes/bali").json()["participants"]] and
      "UZB" not in [p["code"] for p in request(srv, "GET", "/api/v1/processes/bali?at=2023").json()["participants"]],
      "the registry answers with it at once, and not for a year before it")
for body, field in ((dict(uzb, source=""), "source"), (dict(uzb, party="Atlantis"), "party"),
                    (dict(uzb, until="2020"), "until"), (dict(uzb, party="UNHCR", role="member"), "role"),
                    (dict(uzb, as_of="soon"), "as_of"), (dict(uzb, since="1850"), "since")):
    r = request(srv, "POST", "/api/v1/processes/bali/participants", body, token=TOKENS["sec"])
    check(r.status == 422 and r.json()["error"]["field"] == field, f"a bad {field} is refused, naming it")
check(len([p for p in request(srv, "GET", "/api/v1/processes/bali").json()["participants"] if p["code"] == "UZB"]) == 1,
      "and nothing was written")
end = {"until": "2025", "source": "Test declaration", "section": "Participants", "as_of": "2025"}
r = request(srv, "POST", f"/api/v1/processes/bali/participants/{fid}/end", end, headers={"If-Match": '"1"'},
            token=TOKENS["sec"])
check(r.status == 200 and r.json()["until"] == 2025 and r.json()["status"] == "former" and r.json()["version"] == 2,
      "ending a fact: it stops holding in that year")
r = request(srv, "POST", f"/api/v1/processes/bali/participants/{fid}/end", dict(end, until="2026"),
            headers={"If-Match": '"1"'}, token=TOKENS["sec"])
check(r.status == 409 and r.json()["error"]["field"] == "version", "a second editor of version 1 is told the fact changed")
r = request(srv, "PATCH", f"/api/v1/processes/bali/participants/{fid}",
            {"role": "partner", "source": "Test declaration", "section": "Annex", "as_of": "2024-05-01"},
            headers={"If-Match": '"2"'}, token=TOKENS["sec"])
check(r.status == 200 and r.json()["role"] == "partner" and r.json()["until"] == 2025 and r.json()["version"] == 3,
      "a correction replaces the fact")
check(request(srv, "PATCH", f"/api/v1/processes/bali/participants/{fid}", {"role": "member"},
              headers={"If-Match": '"x"'}, token=TOKENS["sec"]).status == 400, "a bad If-Match is a 400")
check(request(srv, "PATCH", "/api/v1/processes/bali/participants/999", {"role": "member", "source": "S",
              "section": "S", "as_of": "2025"}, token=TOKENS["sec"]).status == 404, "a fact that is not there is 404")
r = request(srv, "POST", "/api/v1/processes/bali/leaders", {"post": "co-chair", "party": "Indonesia", "since": "2025",
            "source": "Test declaration", "section": "Co-Chairs", "as_of": "2025"}, token=TOKENS["sec"])
check(r.status == 201 and r.json()["name"] == "Indonesia" and r.json()["since"] == 2025 and
      r.json()["provenance"]["source"].startswith("src-"), "the secretariat records a co-chair")
h = request(srv, "GET", "/api/v1/processes/bali/history").json()
check(h["total"] == 4 and [(e["action"], e["fact"]) for e in h["items"]] ==
      [("add", "post"), ("correct", "participation"), ("end", "participation"), ("add", "participation")] and
      all(e["login"] is None for e in h["items"]) and h["items"][1]["before"].startswith("Uzbekistan (UZB): observer"),
      "anyone reads the history; who edited only those who read the audit log")
h = request(srv, "GET", "/api/v1/processes/bali/history", token=TOKENS["sec"]).json()
check([e["login"] for e in h["items"]] == ["sec"] * 4, "the secretariat sees who edited")
check(request(srv, "GET", "/api/v1/processes/apc/history").json()["total"] == 0, "an unedited process has no history")
r = request(srv, "GET", "/api/v1/audit?process=bali&limit=500", token=TOKENS["sec"]).json()
check(sum(e["action"].startswith("registry.") for e in r["items"]) == 4, "every edit is in the audit log")
page = request(srv, "GET", "/processes/bali-process/history").body.decode()
check(page.count("<tr><td>") == 4 and "<td>sec</td>" not in page and "Test declaration" in page and
      "Edit the registry" not in page, "the history page: every edit, the editors hidden from the public")
page = request(srv, "GET", "/processes/bali-process/history", session=sec).body.decode()
check(page.count("<td>sec</td>") == 4 and "/registry/edit" in page, "the secretariat sees who, and may edit")
check(request(srv, "GET", "/processes/bali-process/registry/edit").status == 401, "the edit page asks strangers to sign in")
for who in ("official", "fp", "observer", "cs2", "outsider2", "reader"):
    for path in ("/processes/bali-process/registry/edit", "/processes/bali-process/registry/correct?fact=participation:0:1"):
        check(request(srv, "GET", path, token=TOKENS[who]).status == 403, f"{path} refuses {who}")
    r = request(srv, "POST", "/processes/bali-process/facts/correct",
                b"fact=participation:0:1&party=BTN&role=observer&source=S&section=S&as_of=2025",
                headers={"Content-Type": "application/x-www-form-urlencoded"}, token=TOKENS[who])
    check(r.status == 403, f"a correction posted by {who} is refused")
check(request(srv, "GET", "/processes/bali-process/registry/correct?fact=participation:0:1").status == 401,
      "the correction page asks strangers to sign in")
page = request(srv, "GET", "/processes/bali-process/registry/edit", session=sec).body.decode()
check('id="part-party"' in page and 'id="post-post"' in page and 'name="csrf_token"' in page,
      "the secretariat's edit page: a form for a participant and one for a post")
r = request(srv, "POST", "/processes/bali-process/participants",
            ("csrf_token=" + sec["csrf"] + "&party=Atlantis&role=member&source=S&section=S&as_of=2025").encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=sec)
check(r.status == 422 and b'id="part-party-error">no state, territory or organisation matches' in r.body,
      "a bad party in the browser form is marked on its field")
co = [l for l in request(srv, "GET", "/api/v1/processes/bali").json()["leadership"] if l["position"] == "co-chair" and l["code"] == "IDN" and l["since"] == 2025][0]
end_form = lambda fact: ("csrf_token=" + sec["csrf"] + "&fact=" + fact + "&until=2026&source=Test+declaration"
                         "&section=Co-Chairs&as_of=2026").encode()
r = request(srv, "POST", "/processes/bali-process/facts/end", end_form(f"post:{co['id']}:{co['version']}"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=sec)
check(r.status == 303 and r.headers["location"] == "/processes/bali-process/history" and
      [l["until"] for l in request(srv, "GET", "/api/v1/processes/bali").json()["leadership"] if l["id"] == co["id"]] == [2026],
      "the secretariat ends a post from the edit page")
r = request(srv, "POST", "/processes/bali-process/facts/end", end_form(f"post:{co['id']}:{co['version']}"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=sec)
check(r.status == 409 and b"the fact changed since you read it" in r.body, "a second end from an old page is told the fact changed")
r = request(srv, "POST", "/processes/bali-process/facts/end", end_form("nothing"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=sec)
check(r.status == 422 and b"choose the fact that ended" in r.body, "an end form naming no fact is refused")
# correcting a fact in the browser: the form opens with the fact as it reads,
# a wrong value is marked, a good one replaces the fact for every year
uzb = [p for p in request(srv, "GET", "/api/v1/processes/bali").json()["participants"] if p["code"] == "UZB"][0]
fact = f"participation:{uzb['id']}:{uzb['version']}"
page = request(srv, "GET", "/processes/bali-process/registry/edit", session=sec).body.decode()
check('action="/processes/bali-process/registry/correct"' in page and f'value="{fact}"' in page,
      "the edit page offers every fact for correction")
page = request(srv, "GET", "/processes/bali-process/registry/correct?fact=" + fact, session=sec).body.decode()
check(re.search(r'name="party"[^>]* value="UZB"', page) and f'<option selected>{uzb["role"]}</option>' in page and
      re.search(r'name="until"[^>]* value="2025"', page) and
      f'name="fact" value="{fact}"' in page and 'id="correct-source"' in page,
      "the correction form opens with the fact as it reads now")
check(request(srv, "GET", "/processes/bali-process/registry/correct?fact=participation:9999:1", session=sec).status == 404 and
      request(srv, "GET", "/processes/bali-process/registry/correct?fact=" + fact, token=TOKENS["official"]).status == 403,
      "no such fact is 404; an official may not correct")
form = lambda f, role: ("csrf_token=" + sec["csrf"] + "&fact=" + f + "&party=UZB&role=" + role +
                        "&status=former&until=2025&source=Test+declaration&section=Observers&as_of=2025").encode()
r = request(srv, "POST", "/processes/bali-process/facts/correct", form(fact, "emperor"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=sec)
check(r.status == 422 and b'id="correct-role-error"' in r.body, "a wrong role in the correction is marked on its field")
r = request(srv, "POST", "/processes/bali-process/facts/correct", form(fact, "participant"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=sec)
now = [p for p in request(srv, "GET", "/api/v1/processes/bali").json()["participants"] if p["id"] == uzb["id"]][0]
check(r.status == 303 and r.headers["location"] == "/processes/bali-process/history" and now["role"] == "participant"
      and now["version"] == uzb["version"] + 1, "the secretariat corrects a fact from the browser")
h = request(srv, "GET", "/api/v1/processes/bali/history").json()["items"][0]
check((h["action"], h["fact"], h["fact_id"]) == ("correct", "participation", uzb["id"]) and uzb["role"] in h["before"]
      and "participant" in h["after"],
      "the correction is in the history with what it read")
r = request(srv, "POST", "/processes/bali-process/facts/correct", form(fact, "member"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=sec)
check(r.status == 409 and b"the fact changed since you read it" in r.body, "a correction from an old form is told the fact changed")
r = request(srv, "POST", "/processes/bali-process/participants", b"party=Chile&role=observer&source=S&section=S&as_of=2025",
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=sec)
check(r.status == 403, "the browser form without its CSRF token is refused")

# ---- a password to change first ----
cli("user", "add", "newcomer", "--government", "THA", "--password-stdin", stdin=PASSWORD + "\n")
sql("UPDATE users SET must_change_password = 1 WHERE login = 'newcomer'")
newcomer = login(srv, "newcomer")
r = request(srv, "GET", "/processes/bali-process", session=newcomer)
check(r.status == 303 and r.headers["location"] == "/account", "a page sends a must-change user to their account")
r = request(srv, "GET", "/api/v1/processes", session=newcomer)
check(r.status == 403 and r.error_code() == "password_change_required", "the API refuses them with the reason")
r = request(srv, "POST", "/account", ("csrf_token=" + newcomer["csrf"] + "&current_password=" +
            urllib.parse.quote(PASSWORD) + "&new_password=another+long+one&password=another+long+two").encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=newcomer)
check(r.status == 422 and b'id="password-error">the two new passwords differ<' in r.body,
      "two different new passwords are marked on the repeat field")
r = request(srv, "POST", "/account", ("csrf_token=" + newcomer["csrf"] + "&current_password=" +
            urllib.parse.quote(PASSWORD) + "&new_password=another+long+one&password=another+long+one").encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": ""}, session=newcomer)
check(r.status == 303 and request(srv, "GET", "/processes/bali-process", session=newcomer).status == 200,
      "after the change, pages open")

# ---- a store that fails mid-change keeps nothing and answers 500 ----
before = request(srv, "GET", "/api/v1/processes/bali/documents", token=TOKENS["sec"]).json()["total"]
if PG:
    sql("CREATE FUNCTION fail_audit() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'injected failure'; END; $$; "
        "CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fail_audit()")
else:
    sql("CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
r = request(srv, "GET", f"/api/v1/documents/{docs['members']}", token=TOKENS["sec"])
check(r.status == 500, "a read that must be audited is refused when the audit log cannot be written")
r = request(srv, "POST", "/api/v1/processes/bali/documents", {"title": "Doomed", "level": "members"},
            token=TOKENS["sec"])
check(r.status == 500 and r.error_code() == "internal" and b"injected" not in r.body,
      "a failed audit write answers 500 without its cause")
r = request(srv, "DELETE", f"/api/v1/documents/{docs['public']}", token=TOKENS["sec"])
check(r.status == 500, "a delete whose audit entry fails is refused")
body, h = multipart([("csrf_token", sec["csrf"]), ("title", "Doomed too"), ("level", "members")])
r = request(srv, "POST", "/processes/bali/documents", body, headers=h, session=sec)
check(r.status == 500, "the page answers 500 too")
sql("DROP TRIGGER fail_audit ON audit_log; DROP FUNCTION fail_audit()" if PG else "DROP TRIGGER fail_audit")
# a registry the database cannot read is an error, never "not found"
sql("DROP TABLE registry_version")
r = request(srv, "GET", "/api/v1/processes/bali-process")
check(r.status == 500 and r.error_code() == "internal", "a failed registry read answers 500, not 404")
r = request(srv, "GET", "/processes/no-such-process")
check(r.status == 500, "a page answers 500 too, not 'no such process'")
sql("CREATE TABLE registry_version (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL, "
    "documents BIGINT NOT NULL DEFAULT 1); INSERT INTO registry_version (id, version) VALUES (1, 1000)")
check(request(srv, "GET", "/api/v1/processes/bali-process").status == 200, "and it recovers when the table is back")
after = request(srv, "GET", "/api/v1/processes/bali/documents", token=TOKENS["sec"]).json()
check(after["total"] == before and all(d["title"] not in ("Doomed", "Doomed too") for d in after["items"]) and
      request(srv, "GET", f"/api/v1/documents/{docs['public']}", token=TOKENS["sec"]).status == 200,
      "nothing of the failed changes was kept")

# an oversized body is refused before it is read in full
c = srv.conn()
try:
    c.request("POST", "/api/v1/processes/bali/documents", body=b"x" * (13 * 1024 * 1024),
              headers={"Content-Type": "application/json", "Authorization": "Bearer " + TOKENS["sec"]})
except ConnectionError:
    pass  # the server stopped reading; its answer is still there
try:
    status = c.getresponse().status
except (ConnectionError, http.client.HTTPException):
    status = None
check(status == 413, f"a 13 MiB body is refused: {status}")
c.close()

# a request cut short and garbage bytes do not hurt the server
for junk in (b"GET /api/v1/processes HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab",
             b"\x16\x03\x01garbage\r\n\r\n", b"GET " + b"/a" * 20000 + b" HTTP/1.1\r\n\r\n"):
    s_ = socket.create_connection(("127.0.0.1", srv.port))
    s_.sendall(junk)
    s_.close()
check(request(srv, "GET", "/api/v1/processes").status == 200, "the server survives junk")

# what libevent answers itself (a request it cannot parse, a body over --max-body) carries the site's headers too
def raw_head(data, wrap=lambda sock: sock):
    """Sends data on a connection of its own (wrap: TLS around it); the answer's status line and headers."""
    with wrap(socket.create_connection(("127.0.0.1", srv.port), timeout=5)) as s_:
        s_.sendall(data)
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = s_.recv(4096)
            if not chunk:
                break
            head += chunk
    return head.split(b"\r\n\r\n")[0]


for data, status in ((b"GARBAGE\r\n\r\n", b"400"),
                     (b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n", b"413")):
    head = raw_head(data)
    check(head.startswith(b"HTTP/1.1 " + status) and b"\r\nContent-Security-Policy: default-src 'self'" in head and
          b"\r\nX-Content-Type-Options: nosniff" in head and b"\r\nX-Frame-Options: DENY" in head and
          b"\r\nCache-Control: no-store" in head and head.count(b"Content-Security-Policy") == 1,
          f"libevent's own {status.decode()} carries the security headers once: {head[:60]}")
head = raw_head(b"GET /api/v1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
check(head.startswith(b"HTTP/1.1 200") and head.count(b"Content-Security-Policy") == 1 and b"no-store" not in head,
      "the router's own answers are left as they are")

# every method libevent parses reaches the router: a method no route takes is 405 with the site's headers
for method, path in (("TRACE", "/"), ("OPTIONS", "/api/v1"), ("CONNECT", "example.org:443")):
    head = raw_head(f"{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    status_line = head.split(b"\r\n")[0]
    check(status_line in (b"HTTP/1.1 405 Method Not Allowed", b"HTTP/1.1 400 Bad Request") and
          b"Content-Security-Policy: default-src 'self'" in head and b"X-Content-Type-Options: nosniff" in head,
          f"{method} {path}: answered by rcphub with its headers: {status_line}")

# ---- behind a reverse proxy: its X-Forwarded-For counts only when it is trusted ----
forged = {"X-Forwarded-For": "198.51.100.7", "X-Forwarded-Proto": "https"}
request(srv, "POST", "/api/v1/session", {"login": "observer", "password": "not it"}, headers=forged)
proxied = Server("--threads", "1", "--trust-proxy", "127.0.0.1")
request(proxied, "POST", "/api/v1/session", {"login": "observer", "password": "not it either"},
        headers={"X-Forwarded-For": "203.0.113.5, 192.0.2.44"})
r = request(proxied, "POST", "/api/v1/session", {"login": "official", "password": PASSWORD}, headers=forged)
check(r.status == 201 and "Secure" in r.headers.get("set-cookie", ""),
      "behind a trusted TLS proxy the session cookie is Secure")
# guesses from one address never lock the owner out at another; throttled attempts are logged once a minute
attacker, owner = {"X-Forwarded-For": "203.0.113.9"}, {"X-Forwarded-For": "198.51.100.20"}
for i in range(7):
    r = request(proxied, "POST", "/api/v1/session", {"login": "official", "password": f"a guess {i}"}, headers=attacker)
check(r.status == 429, "an address that keeps guessing is throttled")
check(request(proxied, "POST", "/api/v1/session", {"login": "official", "password": PASSWORD},
              headers=attacker).status == 429, "even with the right password from that address")
check(request(proxied, "POST", "/api/v1/session", {"login": "official", "password": PASSWORD},
              headers=owner).status == 201, "while the owner signs in from their own")
throttled = [e for e in request(srv, "GET", "/api/v1/audit?limit=500", token=TOKENS["admin"]).json()["items"]
             if e["action"] == "login.throttled" and e["object"] == "official"]
check(len(throttled) == 1 and throttled[0]["address"] == "203.0.113.9",
      "throttled attempts are in the audit log, once a minute per login and address")
check(proxied.stop() == 0, "the proxied server stops cleanly")
fails = [e for e in request(srv, "GET", "/api/v1/audit?limit=500", token=TOKENS["admin"]).json()["items"]
         if e["action"] == "login.fail" and e["object"] == "observer"]
addresses = {e["address"] for e in fails}
check("192.0.2.44" in addresses and "198.51.100.7" not in addresses and "203.0.113.5" not in addresses,
      f"the audit log believes only the trusted proxy, and only its own entry: {addresses}")

# ---- two servers on one database share sessions, logouts and throttling ----
other = Server("--threads", "1")
s = login(srv, "official")
r = request(other, "GET", f"/api/v1/documents/{docs['members']}", session=s)
check(r.status == 200, "a session opened on one server works on another")
request(srv, "DELETE", "/api/v1/session", session=s)
r = request(other, "GET", f"/api/v1/documents/{docs['members']}", session=s)
check(r.status == 404, "a logout on one server ends the session on the other")
r = request(other, "POST", "/api/v1/session", {"login": "reader", "password": PASSWORD})
check(r.status == 429, "throttling counts failures made on another server")
check(other.stop() == 0, "the second server stops cleanly")

check(srv.stop() == 0, "SIGTERM stops the server cleanly")

# ---- connection limit ----
srv = Server("--threads", "1", "--max-connections", "2")
held = [srv.conn(), srv.conn()]
for c in held:
    c.request("GET", "/api/v1/processes?limit=1")
    c.getresponse().read()
r = request(srv, "GET", "/api/v1/processes?limit=1")
check(r.status == 200, f"a third connection takes the place of the oldest idle one: {r.status}")
try:
    held[0].request("GET", "/api/v1/processes?limit=1")
    gone = held[0].getresponse().status != 200
except (OSError, http.client.HTTPException):
    gone = True
check(gone, "and that idle kept-alive connection was closed")
for c in held:
    c.close()
srv.stop()


def slow_clients(srv, n):
    """n connections that send the start of a request and no more."""
    out = []
    for _ in range(n):
        s = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
        s.sendall(b"GET /api/v1/processes HTTP/1.1\r\nHost: x\r\n")
        out.append(s)
    return out


def still_open(socks):
    """How many of socks the server has not closed (a byte more is sent on each)."""
    n = 0
    for s in socks:
        try:
            s.sendall(b"X")
            s.setblocking(False)
            try:
                n += s.recv(1) != b""
            except BlockingIOError:
                n += 1
        except OSError:
            pass
    return n


# ---- slow clients (slowloris): more of them than the cap, an honest client still served ----
srv = Server("--threads", "1", "--max-connections", "32", "--request-timeout", "3")
slow = slow_clients(srv, 120)
start = time.time()
r = request(srv, "GET", "/api/v1/processes?limit=1")
check(r.status == 200 and time.time() - start < 2,
      f"an honest client is served beside 120 slow connections over a cap of 32 ({time.time() - start:.2f} s)")
check(still_open(slow) <= 32, "the slow connections over the cap were shed")
time.sleep(4.5)
check(still_open(slow) == 0, "a connection that sends no whole request within the timeout is closed")
check(request(srv, "GET", "/api/v1/processes?limit=1").status == 200, "and the server still answers")
for s in slow:
    s.close()
srv.stop()
log = srv.proc.stderr.read()
check(0 < len(log.splitlines()) <= 8, f"warnings come rate-limited, not one per connection: {len(log.splitlines())} lines")

# ---- a low descriptor limit: the caps are fitted to it, accept never spins ----
srv = Server("--threads", "2", max_fds=128)
slow = slow_clients(srv, 200)
r = request(srv, "GET", "/api/v1/processes?limit=1")
check(r.status == 200, "with 128 descriptors and 200 slow connections, an honest client is served")
for s in slow:
    s.close()
srv.stop()
log = srv.proc.stderr.read()
check("--max-connections lowered from 1024" in log and len(log) < 4000,
      f"the caps are lowered to fit the descriptor limit, and said once: {log[:300]!r}")

# ---- TLS ----
cert, key = os.path.join(WORK, "cert.pem"), os.path.join(WORK, "key.pem")
subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                "-days", "1", "-keyout", key, "-out", cert], check=True, capture_output=True)
srv = Server("--tls-cert", cert, "--tls-key", key, tls=True)
r = request(srv, "GET", "/api/v1/processes/colombo")
check(r.status == 200 and "max-age" in r.headers.get("strict-transport-security", ""), "HTTPS with HSTS")
s = login(srv, "official")
check("Secure" in s["set-cookie"] and s["set-cookie"].startswith("__Host-rcphub_session=") and
      "Path=/;" in s["set-cookie"] and "Domain" not in s["set-cookie"],
      "under TLS the session cookie is Secure, for the whole host only (__Host- prefix)")
check(request(srv, "GET", "/api/v1/session", session=s).json()["via"] == "session", "and it signs the user in")
r = request(srv, "GET", "/api/v1/session", headers={"Cookie": "rcphub_session=" + s["cookie"]})
check(r.json()["user"] is None, "under TLS a cookie without the prefix (one a plain-HTTP answer could plant) is ignored")
context = ssl.create_default_context()
context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
head = raw_head(b"GARBAGE\r\n\r\n", context.wrap_socket)
check(head.startswith(b"HTTP/1.1 400") and b"\r\nStrict-Transport-Security: max-age=" in head and
      b"\r\nContent-Security-Policy: " in head, "under TLS libevent's own 400 carries HSTS and the other headers")
check(srv.stop() == 0, "the TLS server stops cleanly")

# ---- the first start of a platform without users ----
fresh = os.path.join(WORK, "fresh.db")
subprocess.run([RCPHUB, "--db", fresh, "init"], check=True, capture_output=True)
first = subprocess.Popen([RCPHUB, "--db", fresh, "serve", "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
said = first.stdout.readline()
one_time = re.search(r"user admin, one-time password (\S+)", said)
port = int(re.search(r":(\d+)/", first.stdout.readline()).group(1))
first_srv = type("Started", (), {"conn": lambda self: http.client.HTTPConnection("127.0.0.1", port, timeout=10)})()
s = login(first_srv, "admin", one_time.group(1)) if one_time else None
check(one_time and isinstance(s, dict) and
      request(first_srv, "GET", "/api/v1/users", session=s).error_code() == "password_change_required",
      "the first start makes admin with a one-time password that must be changed")
first.send_signal(signal.SIGTERM)
first.wait(timeout=10)
second = subprocess.Popen([RCPHUB, "--db", fresh, "serve", "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
check("one-time password" not in second.stdout.readline(), "the second start makes no one")
second.send_signal(signal.SIGTERM)
second.wait(timeout=10)

shutil.rmtree(WORK)
print(f"api: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
