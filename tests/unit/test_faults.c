/* test_faults.c: every write path with an I/O error or a failed allocation injected at each step in turn, as SQLite's own tests do, and on PostgreSQL ($RCPHUB_TEST_DB) with the connection lost at each message: an error answer, nothing half-written */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../../core/text.h"
#include "../../core/xalloc.h"
#include "../../services/accounts.h"
#include "../../services/documents.h"
#include "../../services/evidence.h"
#include "../../services/interviews.h"
#include "../../services/facts.h"
#include "../../services/focal_points.h"
#include "../../services/glossary.h"
#include "../../services/matrices.h"
#include "../../services/meetings.h"
#include "../../services/plans.h"
#include "../../services/statistics.h"
#include "../../services/registry.h"
#include "../../services/seed.h"

/* ---- the fault: the nth write, sync or truncate, the nth allocation, or the nth message sent to PostgreSQL, after arming ---- */

static _Atomic long io_countdown, mem_countdown, net_countdown;  /* 0: disarmed */
static _Atomic int fired;

static int fail_now(_Atomic long *countdown)
{
	if (*countdown <= 0 || --*countdown > 0)
		return 0;
	fired = 1;
	return 1;
}

struct faulty_file {
	sqlite3_file base;
	sqlite3_file *real;
};

static sqlite3_vfs *real_vfs;

#define REAL(f) (((struct faulty_file *)(f))->real)
static int f_close(sqlite3_file *f)
{
	int rc = REAL(f)->pMethods ? REAL(f)->pMethods->xClose(REAL(f)) : SQLITE_OK;
	sqlite3_free(REAL(f));
	return rc;
}
static int f_read(sqlite3_file *f, void *p, int n, sqlite3_int64 o) { return REAL(f)->pMethods->xRead(REAL(f), p, n, o); }
static int f_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 o)
{
	return fail_now(&io_countdown) ? SQLITE_IOERR_WRITE : REAL(f)->pMethods->xWrite(REAL(f), p, n, o);
}
static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return fail_now(&io_countdown) ? SQLITE_IOERR_TRUNCATE : REAL(f)->pMethods->xTruncate(REAL(f), size);
}
static int f_sync(sqlite3_file *f, int flags)
{
	return fail_now(&io_countdown) ? SQLITE_IOERR_FSYNC : REAL(f)->pMethods->xSync(REAL(f), flags);
}
static int f_size(sqlite3_file *f, sqlite3_int64 *s) { return REAL(f)->pMethods->xFileSize(REAL(f), s); }
static int f_lock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xLock(REAL(f), l); }
static int f_unlock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xUnlock(REAL(f), l); }
static int f_reserved(sqlite3_file *f, int *r) { return REAL(f)->pMethods->xCheckReservedLock(REAL(f), r); }
static int f_control(sqlite3_file *f, int op, void *a) { return REAL(f)->pMethods->xFileControl(REAL(f), op, a); }
static int f_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int f_device(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }
static int f_shm_map(sqlite3_file *f, int pg, int sz, int ext, void volatile **p)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), pg, sz, ext, p);
}
static int f_shm_lock(sqlite3_file *f, int off, int n, int flags) { return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags); }
static void f_shm_barrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }
static int f_shm_unmap(sqlite3_file *f, int del) { return REAL(f)->pMethods->xShmUnmap(REAL(f), del); }

static const sqlite3_io_methods faulty_io = {
	2, f_close, f_read, f_write, f_truncate, f_sync, f_size, f_lock, f_unlock, f_reserved, f_control,
	f_sector, f_device, f_shm_map, f_shm_lock, f_shm_barrier, f_shm_unmap, NULL, NULL,
};

static int v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out)
{
	(void)vfs;
	struct faulty_file *ff = (struct faulty_file *)f;
	ff->real = sqlite3_malloc(real_vfs->szOsFile);
	if (!ff->real)
		return SQLITE_NOMEM;
	memset(ff->real, 0, (size_t)real_vfs->szOsFile);
	int rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out);
	ff->base.pMethods = rc == SQLITE_OK ? &faulty_io : NULL;
	if (rc != SQLITE_OK) {
		sqlite3_free(ff->real);
		ff->real = NULL;
	}
	return rc;
}
static int v_delete(sqlite3_vfs *v, const char *n, int s) { (void)v; return real_vfs->xDelete(real_vfs, n, s); }
static int v_access(sqlite3_vfs *v, const char *n, int fl, int *o) { (void)v; return real_vfs->xAccess(real_vfs, n, fl, o); }
static int v_full(sqlite3_vfs *v, const char *n, int sz, char *o) { (void)v; return real_vfs->xFullPathname(real_vfs, n, sz, o); }
static void *v_dlopen(sqlite3_vfs *v, const char *n) { (void)v; return real_vfs->xDlOpen(real_vfs, n); }
static void v_dlerror(sqlite3_vfs *v, int n, char *m) { (void)v; real_vfs->xDlError(real_vfs, n, m); }
static void (*v_dlsym(sqlite3_vfs *v, void *h, const char *s))(void) { (void)v; return real_vfs->xDlSym(real_vfs, h, s); }
static void v_dlclose(sqlite3_vfs *v, void *h) { (void)v; real_vfs->xDlClose(real_vfs, h); }
static int v_random(sqlite3_vfs *v, int n, char *o) { (void)v; return real_vfs->xRandomness(real_vfs, n, o); }
static int v_sleep(sqlite3_vfs *v, int us) { (void)v; return real_vfs->xSleep(real_vfs, us); }
static int v_time(sqlite3_vfs *v, double *t) { (void)v; return real_vfs->xCurrentTime(real_vfs, t); }
static int v_lasterr(sqlite3_vfs *v, int n, char *m) { (void)v; return real_vfs->xGetLastError(real_vfs, n, m); }
static int v_time64(sqlite3_vfs *v, sqlite3_int64 *t) { (void)v; return real_vfs->xCurrentTimeInt64(real_vfs, t); }

static sqlite3_vfs faulty_vfs = {
	2, 0, 1024, NULL, "faulty", NULL, v_open, v_delete, v_access, v_full, v_dlopen, v_dlerror, v_dlsym,
	v_dlclose, v_random, v_sleep, v_time, v_lasterr, v_time64, NULL, NULL, NULL,
};

static sqlite3_mem_methods real_mem;

static void *m_malloc(int n) { return fail_now(&mem_countdown) ? NULL : real_mem.xMalloc(n); }
static void *m_realloc(void *p, int n) { return fail_now(&mem_countdown) ? NULL : real_mem.xRealloc(p, n); }
static void m_free(void *p) { real_mem.xFree(p); }
static int m_size(void *p) { return real_mem.xSize(p); }
static int m_roundup(int n) { return real_mem.xRoundup(n); }
static int m_init(void *a) { return real_mem.xInit(a); }
static void m_shutdown(void *a) { real_mem.xShutdown(a); }

/* ---- a proxy between the store and PostgreSQL that loses the connection at the nth message ---- */

static struct sockaddr_in server_address;  /* the PostgreSQL server the proxy forwards to */

/* Copies what one side of a connection sends to the other: 1, or 0
 * when the side closed or the fault fired on a message to the server. */
static int forward(int from, int to, int to_server)
{
	char buf[65536];
	ssize_t n = recv(from, buf, sizeof buf, 0);
	if (n <= 0 || (to_server && fail_now(&net_countdown)))
		return 0;
	for (ssize_t sent = 0; sent < n;) {
		ssize_t k = send(to, buf + sent, (size_t)(n - sent), MSG_NOSIGNAL);
		if (k <= 0)
			return 0;
		sent += k;
	}
	return 1;
}

/* One client's connection, forwarded until either side closes or the
 * fault fires; then both are closed, as a network that failed would. */
static void *proxy_connection(void *arg)
{
	int client = (int)(intptr_t)arg, one = 1;
	int server = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	/* no waiting to fill a packet: each message goes on as the client sent it */
	setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	setsockopt(server, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (server >= 0 && connect(server, (struct sockaddr *)&server_address, sizeof server_address) == 0) {
		struct pollfd fds[2] = { { .fd = client, .events = POLLIN }, { .fd = server, .events = POLLIN } };
		while (poll(fds, 2, -1) > 0) {
			if ((fds[0].revents && !forward(client, server, 1)) ||
			    (fds[1].revents && !forward(server, client, 0)))
				break;
		}
	}
	if (server >= 0)
		close(server);
	close(client);
	return NULL;
}

static void *proxy_accept(void *arg)
{
	int listener = (int)(intptr_t)arg;
	for (;;) {
		int client = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
		pthread_t t;
		if (client >= 0 && pthread_create(&t, NULL, proxy_connection, (void *)(intptr_t)client) == 0)
			pthread_detach(t);
		else if (client >= 0)
			close(client);
	}
	return NULL;
}

/* Starts the proxy in front of the server url names; the URL to reach
 * the same database through it (caller frees), or NULL. */
static char *proxy_start(const char *url)
{
	char *msg = NULL;
	PQconninfoOption *opts = PQconninfoParse(url, &msg);
	if (!opts)
		return NULL;
	const char *host = NULL, *port = NULL, *user = NULL, *db = NULL;
	for (PQconninfoOption *o = opts; o->keyword; o++) {
		if (o->val && strcmp(o->keyword, "host") == 0)
			host = o->val;
		else if (o->val && strcmp(o->keyword, "port") == 0)
			port = o->val;
		else if (o->val && strcmp(o->keyword, "user") == 0)
			user = o->val;
		else if (o->val && strcmp(o->keyword, "dbname") == 0)
			db = o->val;
	}
	server_address = (struct sockaddr_in){ .sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(port ? port : "5432")) };
	int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_in at = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof at;
	pthread_t t;
	char *through = NULL;
	if (host && inet_pton(AF_INET, host, &server_address.sin_addr) == 1 && listener >= 0 &&
	    bind(listener, (struct sockaddr *)&at, sizeof at) == 0 && listen(listener, 16) == 0 &&
	    getsockname(listener, (struct sockaddr *)&at, &len) == 0 &&
	    pthread_create(&t, NULL, proxy_accept, (void *)(intptr_t)listener) == 0) {
		pthread_detach(t);
		through = xasprintf("postgresql://%s@127.0.0.1:%d/%s", user ? user : "postgres", ntohs(at.sin_port),
				    db ? db : "postgres");
	}
	PQconninfoFree(opts);
	return through;
}

/* ---- the platform under test ---- */

static char dir[] = "/tmp/rcphub-test-faults-XXXXXX";
static char *db_path;
static PGconn *server;  /* on PostgreSQL: a connection of the test's own, past the proxy */
static struct registry *reg;
static struct user admin = { .login = "admin", .admin = 1 };
static struct actor as_admin = { .user = &admin, .address = "test" };

/* The number of rows of table, read on a connection of its own. */
static long rows(const char *table)
{
	if (server) {
		char *q = xasprintf("SELECT count(*) FROM %s", table);
		PGresult *r = PQexec(server, q);
		assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
		long n = atol(PQgetvalue(r, 0, 0));
		PQclear(r);
		free(q);
		return n;
	}
	sqlite3 *db;
	sqlite3_stmt *st;
	char *q = xasprintf("SELECT count(*) FROM %s", table);
	assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, "unix"), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(q);
	return n;
}

/* Whether the database passes the engine's own check (SQLite's; a
 * PostgreSQL server keeps its own pages whole whatever a client does). */
static int whole(void)
{
	if (server)
		return 1;
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, "unix"), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
	int ok = sqlite3_step(st) == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
	sqlite3_finalize(st);
	sqlite3_close(db);
	return ok;
}

static int make_parents(void);

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir) || text_init())
		return -1;
	as_admin.now = (long long)time(NULL);
	db_path = xasprintf("%s/rcphub.db", dir);
	char *err = NULL;
	struct seed_paths paths = { RCPHUB_DATA_DIR, "/usr/share/iso-codes/json/iso_3166-1.json" };
	struct svc_error why = { 0 };
	if (seed_init(&paths, db_path, 0, &err) || !(reg = registry_open(db_path, &why))) {
		fprintf(stderr, "%s\n", err ? err : why.message);
		return -1;
	}
	return accounts_init() || make_parents();
}

/* The platform made afresh on the server url names, the registry opened
 * through the proxy, and a connection of the test's own to count rows. */
static int setup_postgresql(void **state)
{
	(void)state;
	const char *url = getenv("RCPHUB_TEST_DB");
	char *err = NULL, *through = NULL;
	struct seed_paths paths = { RCPHUB_DATA_DIR, "/usr/share/iso-codes/json/iso_3166-1.json" };
	struct svc_error why = { 0 };
	as_admin.now = (long long)time(NULL);
	server = PQconnectdb(url);
	PGresult *r = PQexec(server, "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
	int emptied = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	if (text_init() || !emptied || seed_init(&paths, url, 0, &err) || !(through = proxy_start(url)) ||
	    !(reg = registry_open(through, &why))) {
		fprintf(stderr, "%s\n", err ? err : why.message ? why.message : PQerrorMessage(server));
		free(through);
		return -1;
	}
	free(through);
	return accounts_init() || make_parents();
}

static int teardown_postgresql(void **state)
{
	(void)state;
	registry_close(reg);
	PQfinish(server);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	registry_close(reg);
	char *cmd = xasprintf("rm -rf %s", dir);
	int rc = system(cmd);
	free(cmd);
	free(db_path);
	return rc;
}

/* One write path: the nth attempt, and the table it adds a row to. */
struct path {
	const char *name, *table;
	enum svc_status (*write)(int n, struct svc_error *err);
};

static enum svc_status add_document(int n, struct svc_error *err)
{
	struct field_values v;
	fields_init(&v, documents_fields, documents_nfields);
	char *title = xasprintf("Paper written under faults %d", n);
	enum svc_status st = fields_set(&v, "title", title, "a paper", err) || fields_set(&v, "level", "members", "a paper", err) ||
			     fields_set(&v, "body", "The text of the paper.", "a paper", err)
				     ? SVC_INVALID
				     : documents_add(reg, &as_admin, "bali", &v, NULL, &(long long){ 0 }, err);
	free(title);
	fields_free(&v);
	return st;
}

static enum svc_status add_participant(int n, struct svc_error *err)
{
	struct field_values v;
	fields_init(&v, facts_participation_fields, facts_participation_nfields);
	char *label = xasprintf("faults %d", n);
	int id;
	enum svc_status st = fields_set(&v, "party", "Chile", "a fact", err) || fields_set(&v, "role", "observer", "a fact", err) ||
			     fields_set(&v, "label", label, "a fact", err) || fields_set(&v, "source", "Test", "a fact", err) ||
			     fields_set(&v, "section", "Observers", "a fact", err) || fields_set(&v, "as_of", "2024", "a fact", err) ||
			     fields_set(&v, "until", "2025", "a fact", err) || fields_set(&v, "since", "2024", "a fact", err)
				     ? SVC_INVALID
				     : facts_add(reg, &as_admin, "bali", FACT_PARTICIPATION, &v, &id, err);
	free(label);
	fields_free(&v);
	return st;
}

static enum svc_status add_user(int n, struct svc_error *err)
{
	char *login = xasprintf("faults%d", n);
	struct new_user nu = { .login = login, .government = "Thailand", .password = "a long password for faults",
			       .process = "bali", .role = "official" };
	enum svc_status st = accounts_add(reg, &as_admin, &nu, err);
	free(login);
	return st;
}

/* The values given as name, value pairs (ended by NULL) into v, for a
 * resource of fields; 0, or -1 with err. */
static int values(struct field_values *v, const struct field *fields, size_t n, const char *const *pairs,
		  struct svc_error *err)
{
	fields_init(v, fields, n);
	for (size_t i = 0; pairs[i]; i += 2)
		if (fields_set(v, pairs[i], pairs[i + 1], "a record", err))
			return -1;
	return 0;
}

static enum svc_status change_document(int n, struct svc_error *err)
{
	char *body = xasprintf("The text as changed under faults, %d.", n);
	struct field_values v;
	enum svc_status st = values(&v, documents_fields, documents_nfields, (const char *[]){ "body", body, NULL }, err)
				     ? SVC_INVALID
				     : documents_update(reg, &as_admin, 1, &v, NULL, err);  /* the first paper the loop added */
	fields_free(&v);
	free(body);
	return st;
}

static enum svc_status add_meeting(int n, struct svc_error *err)
{
	char *title = xasprintf("Meeting under faults %d", n);
	struct field_values v;
	long long id;
	enum svc_status st = values(&v, meetings_fields, meetings_nfields, (const char *[]){ "title", title,
				    "type", "technical-workshop", "start", "2024-05-06", "level", "public", NULL }, err)
				     ? SVC_INVALID
				     : meetings_add(reg, &as_admin, "bali", &v, &id, err);
	fields_free(&v);
	free(title);
	return st;
}

static enum svc_status add_plan(int n, struct svc_error *err)
{
	char *title = xasprintf("Plan under faults %d", n);
	struct field_values v;
	long long id;
	enum svc_status st = values(&v, plans_fields, plans_nfields, (const char *[]){ "title", title,
				    "adopted", "2024-05-06", NULL }, err)
				     ? SVC_INVALID
				     : plans_add(reg, &as_admin, "bali", &v, &id, err);
	fields_free(&v);
	free(title);
	return st;
}

static enum svc_status add_evidence(int n, struct svc_error *err)
{
	char *description = xasprintf("Evidence under faults %d", n);
	struct field_values v;
	long long id;
	enum svc_status st = values(&v, evidence_fields, evidence_nfields, (const char *[]){ "phase", "3", "effect",
				    "policy-change", "description", description, "source", "iom-mrs-38", "states",
				    "Thailand", "date", "2009", NULL }, err)
				     ? SVC_INVALID
				     : evidence_add(reg, &as_admin, "bali", &v, &id, err);
	fields_free(&v);
	free(description);
	return st;
}

static enum svc_status add_indicator(int n, struct svc_error *err)
{
	char *code = xasprintf("FAULTS_%d", n);
	struct field_values v;
	struct indicator ind = { 0 };
	enum svc_status st = values(&v, indicators_fields, indicators_nfields, (const char *[]){ "code", code,
				    "name", "Arrivals under faults", "unit", "PS", NULL }, err)
				     ? SVC_INVALID
				     : stats_indicator_add(reg, &as_admin, "bali", &v, &ind, err);
	indicator_free(&ind);
	fields_free(&v);
	free(code);
	return st;
}

static enum svc_status add_term(int n, struct svc_error *err)
{
	char *term = xasprintf("faultword%d", n);
	struct field_values v;
	long long entry;
	enum svc_status st = values(&v, terms_fields, terms_nfields, (const char *[]){ "term", term, "lang", "en",
				    "definition", "A word written under faults.", "process", "bali", NULL }, err)
				     ? SVC_INVALID
				     : glossary_add_term(reg, &as_admin, &v, &entry, err);
	fields_free(&v);
	free(term);
	return st;
}

static enum svc_status add_matrix(int n, struct svc_error *err)
{
	char *name = xasprintf("Matrix under faults %d", n);
	struct field_values v;
	long long id;
	enum svc_status st = values(&v, matrices_fields, matrices_nfields, (const char *[]){ "name", name, NULL }, err)
				     ? SVC_INVALID
				     : matrices_add(reg, &as_admin, "bali", &v, &id, err);
	fields_free(&v);
	free(name);
	return st;
}

static enum svc_status add_focal_point(int n, struct svc_error *err)
{
	char *email = xasprintf("focal%d@example.org", n);
	struct field_values v;
	long long id;
	enum svc_status st = values(&v, focal_points_fields, focal_points_nfields, (const char *[]){ "party", "Thailand",
				    "position", "alternate", "name", "A focal point", "email", email, NULL }, err)
				     ? SVC_INVALID
				     : focal_points_add(reg, &as_admin, "bali", &v, &id, err);
	fields_free(&v);
	free(email);
	return st;
}

/* Records of records the paths above made first: meeting 1, plan 1, matrix 1. */
static enum svc_status add_delegate(int n, struct svc_error *err)
{
	char *name = xasprintf("Delegate %d", n);
	struct field_values v;
	long long id;
	enum svc_status st = values(&v, delegates_fields, delegates_nfields, (const char *[]){ "party", "Thailand",
				    "name", name, "rank", "senior", NULL }, err)
				     ? SVC_INVALID
				     : meetings_add_delegate(reg, &as_admin, 1, &v, &id, err);
	fields_free(&v);
	free(name);
	return st;
}

static enum svc_status add_agenda_item(int n, struct svc_error *err)
{
	char *title = xasprintf("Item under faults %d", n);
	struct field_values v;
	enum svc_status st = values(&v, agenda_fields, agenda_nfields, (const char *[]){ "title", title,
				    "proposer", "secretariat", NULL }, err)
				     ? SVC_INVALID
				     : meetings_add_agenda_item(reg, &as_admin, 1, &v, err);
	fields_free(&v);
	free(title);
	return st;
}

static enum svc_status add_plan_item(int n, struct svc_error *err)
{
	char *text = xasprintf("Share data under faults %d", n);
	struct field_values v;
	long long id;
	enum svc_status st = values(&v, plan_items_fields, plan_items_nfields, (const char *[]){ "text", text,
				    "owners", "Thailand", NULL }, err)
				     ? SVC_INVALID
				     : plans_add_item(reg, &as_admin, 1, &v, &id, err);
	fields_free(&v);
	free(text);
	return st;
}

static enum svc_status add_question(int n, struct svc_error *err)
{
	char *code = xasprintf("Q%d", n);
	struct field_values v;
	enum svc_status st = values(&v, questions_fields, questions_nfields, (const char *[]){ "code", code,
				    "text", "Is it done?", "answers", "no", "answers", "yes", NULL }, err)
				     ? SVC_INVALID
				     : matrices_add_question(reg, &as_admin, 1, &v, err);
	fields_free(&v);
	free(code);
	return st;
}

/* The parents the paths below write under, made before any fault: a
 * plan with an item Thailand owns, a matrix with a question, an indicator. */
static long long parent_item, parent_matrix, parent_interview;
/* Meetings for the minutes paths, each taken once its minutes or its
 * corrigendum are written (a write may go through though a fault fired,
 * and the loop then tries again): some without minutes, some with final
 * minutes to correct. */
#define MINUTES_POOL 24
static long long minutes_meeting[MINUTES_POOL], corrected_meeting[MINUTES_POOL];

/* A public meeting of the Bali Process into *id. */
static int parent_meeting(const char *title, long long *id, struct svc_error *err)
{
	struct field_values v;
	int rc = values(&v, meetings_fields, meetings_nfields, (const char *[]){ "title", title, "type", "ad-hoc",
			"start", "2024-01-10", "level", "public", NULL }, err) ||
		 meetings_add(reg, &as_admin, "bali", &v, id, err);
	fields_free(&v);
	return rc;
}

static int make_parents(void)
{
	struct svc_error err = { 0 };
	struct field_values v;
	long long plan = 0;
	struct indicator ind = { 0 };
	int rc = values(&v, plans_fields, plans_nfields, (const char *[]){ "title", "Parent plan", "adopted", "2010-01-01",
			NULL }, &err) || plans_add(reg, &as_admin, "bali", &v, &plan, &err);
	fields_free(&v);
	rc = rc || values(&v, plan_items_fields, plan_items_nfields, (const char *[]){ "text", "Parent item", "owners",
			  "Thailand", NULL }, &err) || plans_add_item(reg, &as_admin, plan, &v, &parent_item, &err);
	fields_free(&v);
	rc = rc || values(&v, matrices_fields, matrices_nfields, (const char *[]){ "name", "Parent matrix", NULL }, &err) ||
	     matrices_add(reg, &as_admin, "bali", &v, &parent_matrix, &err);
	fields_free(&v);
	rc = rc || values(&v, questions_fields, questions_nfields, (const char *[]){ "code", "PARENT", "text", "Done?",
			  "answers", "no", "answers", "yes", NULL }, &err) ||
	     matrices_add_question(reg, &as_admin, parent_matrix, &v, &err);
	fields_free(&v);
	rc = rc || values(&v, indicators_fields, indicators_nfields, (const char *[]){ "code", "PARENT", "name",
			  "Parent indicator", "unit", "PS", "periodicity", "M", NULL }, &err) ||
	     stats_indicator_add(reg, &as_admin, "bali", &v, &ind, &err);
	fields_free(&v);
	indicator_free(&ind);
	long long protocol = 0;
	rc = rc || values(&v, protocols_fields, protocols_nfields, (const char *[]){ "name", "Parent protocol",
			  "questions", "What changed?", NULL }, &err) ||
	     interviews_add_protocol(reg, &as_admin, &v, &protocol, &err);
	fields_free(&v);
	char number[24];
	snprintf(number, sizeof number, "%lld", protocol);
	rc = rc || values(&v, interviews_fields, interviews_nfields, (const char *[]){ "protocol", number,
			  "affiliation", "government", "language", "en", NULL }, &err) ||
	     interviews_add(reg, &as_admin, "bali", &v, &parent_interview, &err);
	fields_free(&v);
	for (int k = 0; k < MINUTES_POOL && !rc; k++) {
		rc = parent_meeting("Minutes to write", &minutes_meeting[k], &err) ||
		     parent_meeting("Minutes to correct", &corrected_meeting[k], &err) ||
		     meetings_write_minutes(reg, &as_admin, corrected_meeting[k], "Adopted text.", &err) ||
		     meetings_advance_minutes(reg, &as_admin, corrected_meeting[k], "final", &err);
	}
	if (rc)
		fprintf(stderr, "making the parents: %s\n", err.message ? err.message : "?");
	svc_error_free(&err);
	return rc ? -1 : 0;
}

/* The day n days after 2010-01-01, so that each attempt's record differs. */
static void nth_day(int n, char out[11])
{
	time_t t = (time_t)1262304000 + (time_t)(n % 5000) * 86400;
	struct tm tm;
	strftime(out, 11, "%Y-%m-%d", gmtime_r(&t, &tm));
}

static enum svc_status add_progress(int n, struct svc_error *err)
{
	char day[11];
	nth_day(n, day);
	struct field_values v;
	enum svc_status st = values(&v, progress_fields, progress_nfields, (const char *[]){ "status", "in-progress",
				    "date", day, NULL }, err)
				     ? SVC_INVALID
				     : plans_record_progress(reg, &as_admin, parent_item, "THA", &v, err);
	fields_free(&v);
	return st;
}

static enum svc_status add_answer(int n, struct svc_error *err)
{
	char day[11];
	nth_day(n, day);
	struct field_values v;
	enum svc_status st = values(&v, matrix_answers_fields, matrix_answers_nfields, (const char *[]){ "answer", "yes",
				    "date", day, NULL }, err)
				     ? SVC_INVALID
				     : matrices_answer(reg, &as_admin, parent_matrix, "PARENT", "Thailand", &v, err);
	fields_free(&v);
	return st;
}

static enum svc_status import_row(int n, struct svc_error *err)
{
	/* a month of its own for each attempt, and a state of its own for each loop */
	int k = n % 100000 % 1800;
	char *file = xasprintf("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,TIME_PERIOD,OBS_VALUE\r\n"
			       "dataflow,bali-process:PARENT(1.0),I,%s,%d-%02d,%d\r\n", n >= 100000 ? "VN" : "TH",
			       1900 + k / 12, k % 12 + 1, n);
	struct stats_import_options o = { 0 };
	struct stats_import_report rep = { 0 };
	enum svc_status st = stats_import_bytes(reg, &as_admin, "bali", file, strlen(file), "faults.csv", &o, &rep, err);
	if (getenv("FAULTS_VERBOSE") && rep.nproblems)
		fprintf(stderr, "problem: %s\n", rep.problems[0].message);
	stats_import_report_free(&rep);
	free(file);
	return st;
}

static enum svc_status add_statement(int n, struct svc_error *err)
{
	char *text = xasprintf("Said under faults %d", n);
	struct field_values v;
	long long id;
	enum svc_status st = values(&v, statements_fields, statements_nfields, (const char *[]){ "effect", "networks",
				    "text", text, NULL }, err)
				     ? SVC_INVALID
				     : interviews_add_statement(reg, &as_admin, parent_interview, &v, &id, err);
	fields_free(&v);
	free(text);
	return st;
}

/* The minutes of a meeting that had none. */
static enum svc_status write_minutes(int n, struct svc_error *err)
{
	static size_t next;
	(void)n;
	assert_true(next < MINUTES_POOL);
	enum svc_status st = meetings_write_minutes(reg, &as_admin, minutes_meeting[next], "Written under faults.", err);
	next += st == SVC_OK;
	return st;
}

/* A corrigendum to final minutes that had none. */
static enum svc_status add_corrigendum(int n, struct svc_error *err)
{
	static size_t next;
	(void)n;
	assert_true(next < MINUTES_POOL);
	enum svc_status st = meetings_add_corrigendum(reg, &as_admin, corrected_meeting[next], "The date was wrong.", err);
	next += st == SVC_OK;
	return st;
}

/* The report's evidence file as an administrator loads it: one new piece
 * each time. */
static enum svc_status load_evidence(int n, struct svc_error *err)
{
	char *file = xasprintf("{\"source\": \"iom-mrs-38\", \"evidence\": [{\"process\": \"Bali Process\", "
			       "\"phase\": 2, \"effect\": \"networks\", \"states\": [\"Thailand\"], "
			       "\"description\": \"Loaded under faults %d\"}]}", n);
	size_t added;
	enum svc_status st = evidence_load(reg, &as_admin, "faults.json", file, strlen(file), &added, err);
	free(file);
	return st;
}

static const struct path paths[] = {
	{ "a paper", "documents", add_document },
	{ "a paper changed", "document_versions", change_document },
	{ "a registry fact", "participations", add_participant },
	{ "an account with a role", "grants", add_user },
	{ "a meeting", "meetings", add_meeting },
	{ "a plan of action", "plans", add_plan },
	{ "evidence with its states", "evidence_states", add_evidence },
	{ "an interview's statement", "interview_statements", add_statement },
	{ "the report's evidence loaded", "evidence_states", load_evidence },
	{ "a meeting's first minutes", "minutes", write_minutes },
	{ "a corrigendum to final minutes", "minutes", add_corrigendum },
	{ "an indicator", "indicators", add_indicator },
	{ "a glossary term", "glossary_terms", add_term },
	{ "a policy matrix", "matrices", add_matrix },
	{ "a focal point", "focal_points", add_focal_point },
	{ "a delegate", "delegates", add_delegate },
	{ "an agenda item", "agenda_items", add_agenda_item },
	{ "a plan's item with its owner", "plan_items", add_plan_item },
	{ "a matrix question", "matrix_questions", add_question },
	{ "a progress report", "progress", add_progress },
	{ "a matrix answer", "matrix_answers", add_answer },
	{ "a statistics file of one row", "observations", import_row },
};

/* Runs each path with the fault at its 1st, 2nd, ... step until it goes
 * through untouched (spaced out past the every-th); each time the answer must be an error or a whole
 * write (the row and its audit entry), and the database whole. */
static void loop(_Atomic long *countdown, const char *kind, int every)
{
	for (size_t k = 0; k < sizeof paths / sizeof paths[0]; k++) {
		const struct path *p = &paths[k];
		/* every step up to every, then every sixteenth part further: the
		 * writes that re-read the whole registry allocate tens of
		 * thousands of times */
		int n, tried = 0;
		for (n = 1; n < 1000000; n = n < every ? n + 1 : n + n / 16, tried++) {
			long before = rows(p->table), audited = rows("audit_log");
			struct svc_error err = { 0 };
			fired = 0;
			*countdown = n;
			enum svc_status st = p->write(n + (int)(countdown == &mem_countdown) * 100000, &err);
			*countdown = 0;
			long after = rows(p->table), audited_after = rows("audit_log");
			if (!whole())
				fail_msg("%s, %s at step %d: the database is not whole", p->name, kind, n);
			if (st == SVC_OK && (after != before + 1 || audited_after <= audited))
				fail_msg("%s, %s at step %d: answered OK but %ld rows and %ld audit entries", p->name, kind, n,
					 after - before, audited_after - audited);
			if (st != SVC_OK && (after != before || audited_after != audited))
				fail_msg("%s, %s at step %d: failed (%s) but kept %ld rows", p->name, kind, n,
					 err.message ? err.message : "?", after - before);
			if (st != SVC_OK && !fired)
				fail_msg("%s, %s at step %d: failed with no fault: %s", p->name, kind, n,
					 err.message ? err.message : "?");
			if (getenv("FAULTS_VERBOSE"))
				fprintf(stderr, "%s %s %d: %d %s\n", p->name, kind, n, st, err.message ? err.message : "");
			svc_error_free(&err);
			if (!fired)
				break;
		}
		printf("  %s: %s at %d of its %d steps, then through\n", p->name, kind, tried, n - 1);
		assert_true(n > 1 && n < 1000000);
	}
}

/* A refused file rolls its transaction back; with a failed allocation at
 * each step of it in turn (the rollback's own included), the next write
 * on the connection still goes through. */
static void refused_file_leaves_no_transaction_open(void **state)
{
	(void)state;
	const char *file = "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,TIME_PERIOD,OBS_VALUE\r\n"
			   "dataflow,bali-process:PARENT(1.0),I,TH,not a period,1\r\n";
	int n;
	for (n = 1; n < 100000; n++) {
		struct stats_import_options o = { 0 };
		struct stats_import_report rep = { 0 };
		struct svc_error err = { 0 };
		fired = 0;
		mem_countdown = n;
		enum svc_status st = stats_import_bytes(reg, &as_admin, "bali", file, strlen(file), "refused.csv", &o, &rep,
							&err);
		mem_countdown = 0;
		stats_import_report_free(&rep);
		svc_error_free(&err);
		if (st == SVC_OK)
			fail_msg("a refused file answered OK at step %d", n);
		st = add_document(-n, &err);
		if (st != SVC_OK)
			fail_msg("after a failed allocation at step %d of a refused file, the next write failed: %s", n,
				 err.message ? err.message : "?");
		svc_error_free(&err);
		if (!fired)
			break;
	}
	printf("  a refused file: a failed allocation at each of its %d steps, each followed by a write\n", n - 1);
}

static void io_errors_at_every_step(void **state)
{
	(void)state;
	loop(&io_countdown, "an I/O error", 300);
}

static void failed_allocations_at_every_step(void **state)
{
	(void)state;
	loop(&mem_countdown, "a failed allocation", 300);
}

/* Each message to the server, up to the 40th: every write but those that
 * re-read the whole registry, whose reads are sampled after that. */
static void lost_connections_at_every_step(void **state)
{
	(void)state;
	loop(&net_countdown, "the connection lost", 40);
}

int main(void)
{
	const char *url = getenv("RCPHUB_TEST_DB");
	if (url && *url) {
		const struct CMUnitTest tests[] = { cmocka_unit_test(lost_connections_at_every_step) };
		return cmocka_run_group_tests_name("faults (PostgreSQL)", tests, setup_postgresql, teardown_postgresql);
	}
	sqlite3_mem_methods faulty_mem = { m_malloc, m_free, m_realloc, m_size, m_roundup, m_init, m_shutdown, NULL };
	if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real_mem) != SQLITE_OK ||
	    sqlite3_config(SQLITE_CONFIG_MALLOC, &faulty_mem) != SQLITE_OK ||
	    sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0) != SQLITE_OK || sqlite3_initialize() != SQLITE_OK ||
	    !(real_vfs = sqlite3_vfs_find(NULL)))
		return 1;
	faulty_vfs.szOsFile = (int)sizeof(struct faulty_file);
	faulty_vfs.mxPathname = real_vfs->mxPathname;
	if (sqlite3_vfs_register(&faulty_vfs, 1) != SQLITE_OK)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(io_errors_at_every_step),
		cmocka_unit_test(failed_allocations_at_every_step),
		cmocka_unit_test(refused_file_leaves_no_transaction_open),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
