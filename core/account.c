/* account.c: names and lifetimes of users, documents and audit entries */
#include "account.h"

#include <stdlib.h>
#include <string.h>

static const char *const grant_role_names[GRANT_COUNT] = {
	"civil-society", "observer", "official", "focal-point", "secretariat",
};
static const char *const level_names[LEVEL_COUNT] = {
	"public", "participants", "members", "restricted",
};
static const char *const doc_kind_names[DOC_KIND_COUNT] = {
	"declaration", "plan", "report", "note", "other",
};

static int parse_name(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

const char *grant_role_name(enum grant_role r) { return grant_role_names[r]; }
int grant_role_parse(const char *s) { return parse_name(grant_role_names, GRANT_COUNT, s); }
const char *level_name(enum level l) { return level_names[l]; }
int level_parse(const char *s) { return parse_name(level_names, LEVEL_COUNT, s); }
const char *doc_kind_name(enum doc_kind k) { return doc_kind_names[k]; }
int doc_kind_parse(const char *s) { return parse_name(doc_kind_names, DOC_KIND_COUNT, s); }

int user_role_in(const struct user *u, const char *process)
{
	for (size_t i = 0; u && process && i < u->ngrants; i++)
		if (strcmp(u->grants[i].process, process) == 0)
			return (int)u->grants[i].role;
	return -1;
}

void user_free(struct user *u)
{
	if (!u)
		return;
	free(u->full_name);
	free(u->email);
	free(u->login);
	free(u->government);
	free(u->organisation);
	free(u->password_hash);
	free(u->totp_secret);
	for (size_t i = 0; i < u->ngrants; i++)
		free(u->grants[i].process);
	free(u->grants);
	memset(u, 0, sizeof *u);
}

void user_list_free(struct user_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		user_free(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

void document_free(struct document *d)
{
	if (!d)
		return;
	free(d->process);
	free(d->title);
	free(d->issued);
	free(d->state);
	free(d->body);
	free(d->attachment_name);
	free(d->attachment_type);
	free(d->created_by);
	free(d->changed_by);
	strlist_free(&d->readers);
	memset(d, 0, sizeof *d);
}

void document_list_free(struct document_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		document_free(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

void session_free(struct session *s)
{
	free(s->token_hash);
	free(s->login);
	free(s->csrf);
	free(s->address);
	memset(s, 0, sizeof *s);
}

void session_list_free(struct session_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		session_free(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

void token_list_free(struct token_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i].name);
	free(l->items);
	memset(l, 0, sizeof *l);
}

void audit_entry_free(struct audit_entry *e)
{
	free(e->login);
	free(e->address);
	free(e->action);
	free(e->process);
	free(e->object);
	free(e->detail);
	memset(e, 0, sizeof *e);
}

void audit_list_free(struct audit_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		audit_entry_free(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

void delegate_free(struct delegate *d)
{
	char *strings[] = { d->party, d->party_name, d->name, d->name_key, d->rank, d->department };
	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
		free(strings[i]);
	memset(d, 0, sizeof *d);
}

void delegate_list_free(struct delegate_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		delegate_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

void minutes_free(struct minutes *m)
{
	free(m->state);
	free(m->body);
	free(m->created_by);
	memset(m, 0, sizeof *m);
}

void meeting_free(struct meeting *m)
{
	char *strings[] = { m->process, m->title, m->type, m->series, m->working_group, m->host, m->host_name,
			    m->start, m->end, m->venue, m->chair, m->invitations_sent, m->created_by };
	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
		free(strings[i]);
	delegate_list_free(&m->delegates);
	for (size_t i = 0; i < m->nagenda; i++) {
		free(m->agenda[i].title);
		free(m->agenda[i].proposer_kind);
		free(m->agenda[i].party);
		free(m->agenda[i].party_name);
	}
	free(m->agenda);
	free(m->documents);
	for (size_t i = 0; i < m->nminutes; i++)
		minutes_free(&m->minutes[i]);
	free(m->minutes);
	memset(m, 0, sizeof *m);
}

void meeting_list_free(struct meeting_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		meeting_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

static void commitment_free(struct commitment *c)
{
	for (size_t i = 0; i < c->nprogress; i++) {
		free(c->progress[i].status);
		free(c->progress[i].reported);
		free(c->progress[i].note);
		free(c->progress[i].evidence_link);
		free(c->progress[i].created_by);
	}
	free(c->progress);
	free(c->owner);
	free(c->owner_name);
}

void plan_free(struct plan *p)
{
	for (size_t i = 0; i < p->nitems; i++) {
		struct plan_item *it = &p->items[i];
		for (size_t k = 0; k < it->ncommitments; k++)
			commitment_free(&it->commitments[k]);
		free(it->commitments);
		free(it->text);
		free(it->due);
		free(it->output);
	}
	free(p->items);
	char *strings[] = { p->process, p->title, p->adopted, p->body, p->created_by };
	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
		free(strings[i]);
	memset(p, 0, sizeof *p);
}

void plan_list_free(struct plan_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		plan_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}
