/* account.h: users, their roles per process, documents and audit entries */
#ifndef RCPHUB_ACCOUNT_H
#define RCPHUB_ACCOUNT_H

#include "model.h"

#include <stddef.h>

/* A user's role in one process, weakest first. */
enum grant_role {
	GRANT_CIVIL_SOCIETY,
	GRANT_OBSERVER,
	GRANT_OFFICIAL,
	GRANT_FOCAL_POINT,
	GRANT_SECRETARIAT,
	GRANT_COUNT
};

/* Who may read a record, least restrictive first. */
enum level {
	LEVEL_PUBLIC,        /* anyone */
	LEVEL_PARTICIPANTS,  /* members, observers, secretariat of the process */
	LEVEL_MEMBERS,       /* member governments and secretariat */
	LEVEL_RESTRICTED,    /* named users (and the secretariat) */
	LEVEL_COUNT
};

enum doc_kind { DOC_DECLARATION, DOC_PLAN, DOC_REPORT, DOC_NOTE, DOC_OTHER, DOC_KIND_COUNT };

struct grant {
	char *process;
	enum grant_role role;
};

struct user {
	char *login;
	char *government;    /* alpha-3, or NULL */
	char *organisation;  /* slug, or NULL */
	char *full_name;     /* as the person writes it, or NULL */
	char *email;         /* or NULL */
	int admin, disabled, must_change_password;
	long long created_at;
	char *password_hash; /* filled only by the reads that say so */
	char *totp_secret;   /* likewise; base32, or NULL without a second factor */
	long long totp_last_step;
	int has_totp;        /* whether the user signs in with a one-time code too */
	struct grant *grants;
	size_t ngrants;
};

struct user_list {
	struct user *items;
	size_t n;
};

struct document {
	long long id;
	char *process;
	char *title;
	enum doc_kind kind;
	char *issued;        /* YYYY-MM-DD, or NULL */
	enum level level;
	char *state;         /* the government whose paper it is, or NULL */
	char *body;          /* Markdown */
	char *attachment_name, *attachment_type;  /* NULL without attachment */
	long long attachment_size;
	char *created_by;
	long long created_at, updated_at;
	struct strlist readers;  /* logins, for restricted documents */
	int version;             /* 1 when written, raised by every change */
	char *changed_by;        /* who wrote this version */
};

struct document_list {
	struct document *items;
	size_t n;
};

/* A signed-in browser: only the hash of its cookie's token is kept. */
struct session {
	char *token_hash;
	char *login;
	char *csrf;          /* the token every state-changing request repeats */
	long long created_at, seen_at;
	char *address;
};

/* Which audit entries to list; NULL or 0 leaves that out. */
struct audit_filter {
	const char *process;  /* a slug */
	const char *login;
	const char *action;   /* a whole action ("document.read") or a family ("document") */
	long long from, until;  /* at >= from, at < until (Unix seconds) */
};

struct session_list {
	struct session *items;
	size_t n;
};

/* A personal API token as its holder sees it (never the token itself). */
struct token_info {
	long long id;
	char *name;
	long long created_at;
	long long expires_at;    /* 0: never (tokens of older versions' feeds) */
	long long last_used_at;  /* 0: never used; noted at most once an hour */
	int revoked;
};

struct token_list {
	struct token_info *items;
	size_t n;
};

void session_list_free(struct session_list *l);
void token_list_free(struct token_list *l);

struct audit_entry {
	long long id, at;
	char *login, *address, *action, *process, *object, *detail;
};

struct audit_list {
	struct audit_entry *items;
	size_t n;
};

/* Names as written in the database, the CLI and the API, and back.
 * The *_parse functions return -1 for an unknown name. */
const char *grant_role_name(enum grant_role r);
int grant_role_parse(const char *s);
const char *level_name(enum level l);
int level_parse(const char *s);
const char *doc_kind_name(enum doc_kind k);
int doc_kind_parse(const char *s);

/* The user's role in process, or -1 without one. */
int user_role_in(const struct user *u, const char *process);

void user_free(struct user *u);
void user_list_free(struct user_list *l);
void document_free(struct document *d);
void document_list_free(struct document_list *l);
void session_free(struct session *s);
void audit_entry_free(struct audit_entry *e);
void audit_list_free(struct audit_list *l);

/* One person a state or organisation sent to a meeting. */
struct delegate {
	long long id, meeting;
	char *party, *party_name;  /* alpha-3 or organisation slug, and its name */
	int is_organisation;
	char *name;
	char *name_key;            /* the name folded: the same person across meetings */
	char *rank;                /* technical, mid-level, senior, political */
	char *department;
};

struct delegate_list {
	struct delegate *items;
	size_t n;
};

/* An item of a meeting's agenda and who proposed it: a state (party its
 * alpha-3), the secretariat (party NULL) or a partner organisation (party
 * its slug). */
struct agenda_item {
	long long id;
	int position;
	char *title;
	char *proposer_kind;  /* state, secretariat, partner */
	char *party, *party_name;
};

/* A meeting's minutes, or a corrigendum to final minutes (corrects is
 * then the id of the minutes it corrects). */
struct minutes {
	long long id, meeting, corrects;
	char *state;  /* draft, circulated, final */
	char *body;
	char *created_by;
	long long created_at, updated_at;
};

/* A meeting of a process, with its delegates when read whole. */
struct meeting {
	long long id;
	char *process, *title, *type, *series, *working_group;
	char *host, *host_name;    /* alpha-3 and name, or NULL */
	int in_kind;
	char *start, *end;         /* YYYY-MM-DD */
	char *venue, *chair;
	char *invitations_sent;    /* YYYY-MM-DD, or NULL: not yet */
	enum level level;
	char *created_by;
	long long created_at, updated_at;
	struct delegate_list delegates;
	/* Read whole only: */
	struct agenda_item *agenda;
	size_t nagenda;
	long long *documents;  /* ids of the papers attached */
	size_t ndocuments;
	struct minutes *minutes;  /* the minutes, then their corrigenda, oldest first */
	size_t nminutes;
};

struct meeting_list {
	struct meeting *items;
	size_t n;
};

/* One report of progress on a commitment. */
struct progress {
	long long id;
	char *status;    /* not-started, in-progress, done, dropped */
	char *reported;  /* YYYY-MM-DD */
	char *note;
	long long evidence;  /* a document's id, or 0 */
	char *evidence_link; /* an http(s) address, or NULL */
	char *created_by;
};

/* What one owner (a government's alpha-3, or "secretariat") took on for
 * an item, with its progress reports, oldest first. */
struct commitment {
	long long id;
	char *owner, *owner_name;
	struct progress *progress;
	size_t nprogress;
};

struct plan_item {
	long long id;
	int position;
	char *text, *due, *output;
	struct commitment *commitments;
	size_t ncommitments;
};

/* A plan of action of a process, with its items read whole. */
struct plan {
	long long id;
	char *process, *title, *adopted, *body, *created_by;
	long long meeting;  /* 0 for none */
	enum level level;
	long long created_at, updated_at;
	struct plan_item *items;
	size_t nitems;
};

struct plan_list {
	struct plan *items;
	size_t n;
};

void plan_free(struct plan *p);
void plan_list_free(struct plan_list *l);

void delegate_free(struct delegate *d);
void delegate_list_free(struct delegate_list *l);
void minutes_free(struct minutes *m);
void meeting_free(struct meeting *m);
void meeting_list_free(struct meeting_list *l);

#endif
