/* json_out.c: registry types as JSON values (jansson) for the CLI and API */
#include "json_out.h"
#include "markdown.h"
#include "../core/xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *year_or_null(int y)
{
	return y ? json_integer(y) : json_null();
}

static json_t *strings(const struct strlist *l)
{
	json_t *a = json_array();
	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, json_string(l->items[i]));
	return a;
}

static json_t *provenance(const struct provenance *p)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:b}", "source", str_or_null(p->source),
			 "section", str_or_null(p->section), "url", str_or_null(p->url),
			 "as_of", str_or_null(p->as_of), "as_of_stated", !p->inferred);
}

json_t *json_process_summary(const struct process *p)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:{s:s, s:s}}",
			 "slug", p->slug, "acronym", p->acronym, "name", p->name,
			 "kind", p->kind ? p->kind : "rcp",
			 "established", p->established, "region", p->region, "scope", p->scope,
			 "secretariat", "arrangement", p->secretariat_arrangement,
			 "text", p->secretariat_text);
}

json_t *json_participation(const struct participation *pa)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o}",
			      "code", pa->code, "name", pa->name,
			      "kind", party_kind_name(pa->kind), "role", role_name(pa->role),
			      "status", status_name(pa->status),
			      "since", year_or_null(pa->since), "until", year_or_null(pa->until),
			      "label", str_or_null(pa->label), "note", str_or_null(pa->note),
			      "provenance", provenance(&pa->prov));
	json_object_set_new(o, "source_name", str_or_null(pa->source_name));
	json_object_set_new(o, "id", json_integer(pa->id));
	json_object_set_new(o, "version", json_integer(pa->version));
	if (pa->process_slug)
		json_object_set_new(o, "process", json_pack("{s:s, s:o}", "slug", pa->process_slug,
							    "acronym", str_or_null(pa->process_acronym)));
	return o;
}

json_t *json_participations(const struct participation_list *l)
{
	json_t *a = json_array();
	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, json_participation(&l->items[i]));
	return a;
}

json_t *json_participations_at(const struct participation_list *held,
			       const struct participation_list *unattested)
{
	json_t *a = json_array();
	const struct participation_list *lists[] = { held, unattested };
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; lists[k] && i < lists[k]->n; i++) {
			const struct participation *pa = &lists[k]->items[i];
			json_t *o = json_participation(pa);
			json_object_set_new(o, "attested", json_boolean(k == 0));
			json_object_set_new(o, "attested_from", year_or_null(participation_attested_from(pa)));
			json_array_append_new(a, o);
		}
	return a;
}

static json_t *leaders(const struct process *p, int year)
{
	json_t *a = json_array();
	for (size_t i = 0; i < p->nleaders; i++) {
		const struct leader *l = &p->leaders[i];
		if (year && !process_leader_at(p, i, year))
			continue;
		json_array_append_new(a, json_pack("{s:i, s:i, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o}",
						   "id", l->id, "version", l->version,
						   "position", l->position, "kind", party_kind_name(l->kind),
						   "code", l->code, "name", l->name,
						   "portfolio", str_or_null(l->portfolio),
						   "since", year_or_null(l->since), "until", year_or_null(l->until),
						   "succeeded_in", year_or_null(l->until ? 0 : leader_end(p, i)),
						   "provenance", provenance(&l->prov)));
	}
	return a;
}

static json_t *working_groups(const struct process *p, int year)
{
	json_t *a = json_array();
	for (size_t i = 0; i < p->ngroups; i++) {
		const struct working_group *g = &p->groups[i];
		if (!provenance_attested_at(fact_provenance(p, &g->prov), year))
			continue;
		json_array_append_new(a, json_pack("{s:s, s:o, s:o, s:o}", "name", g->name,
						   "chairs", strings(&g->chairs),
						   "co_chairs", strings(&g->co_chairs),
						   "provenance", provenance(fact_provenance(p, &g->prov))));
	}
	return a;
}

json_t *json_process_full(const struct process *p, int year)
{
	json_t *o = json_process_summary(p);
	json_t *sec = json_object_get(o, "secretariat");
	json_object_set_new(sec, "since", year_or_null(p->secretariat_since));
	json_object_set_new(sec, "organisations", strings(&p->secretariat_orgs));
	json_object_set_new(o, "aliases", strings(&p->aliases));
	json_t *alias_sources = json_array();
	for (size_t i = 0; i < p->aliases.n; i++) {
		const char *source = i < p->alias_sources.n ? p->alias_sources.items[i] : "";
		json_array_append_new(alias_sources, json_string(*source ? source : p->prov.source));
	}
	json_object_set_new(o, "alias_sources", alias_sources);
	json_object_set_new(o, "leadership", leaders(p, year));
	json_object_set_new(o, "working_groups", working_groups(p, year));
	for (enum text_kind k = 0; k < TEXT_KIND_COUNT; k++) {
		const struct text_list *l = process_text_list(p, k);
		json_t *texts = json_array(), *provs = json_array();
		for (size_t i = 0; i < l->texts.n; i++) {
			const struct provenance *prov = fact_provenance(p, &l->provs[i]);
			if (!provenance_attested_at(prov, year))
				continue;
			json_array_append_new(texts, json_string(l->texts.items[i]));
			json_array_append_new(provs, provenance(prov));
		}
		char *key = xasprintf("%s_provenance", text_kind_key(k));
		json_object_set_new(o, text_kind_key(k), texts);
		json_object_set_new(o, key, provs);
		free(key);
	}
	json_object_set_new(o, "participants", json_participations(&p->parts));
	json_object_set_new(o, "provenance", provenance(&p->prov));
	return o;
}

json_t *json_country(const struct country *c)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:o, s:o}", "code", c->alpha3, "alpha2", c->alpha2,
			 "name", c->name, "iso_name", c->iso_name,
			 "official_name", str_or_null(c->official_name),
			 "territory_of", str_or_null(c->territory_of));
}

static json_t *codes(const char **v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

json_t *json_overlap(const char *a, const char *b, const struct overlap *o)
{
	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:f}", "a", a, "b", b,
			 "shared", codes(o->shared, o->nshared),
			 "only_a", codes(o->only_a, o->nonly_a),
			 "only_b", codes(o->only_b, o->nonly_b), "jaccard", o->jaccard);
}

int json_print(json_t *value)
{
	if (!value)
		return -1;
	int rc = json_dumpf(value, stdout, JSON_INDENT(2));
	json_decref(value);
	fputc('\n', stdout);
	return rc;
}

json_t *json_overlap_pairs(const struct process_list *all, const struct overlap_matrix *m)
{
	size_t n = m->n;
	json_t *pairs = json_array();
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			json_array_append_new(pairs, json_pack("{s:s, s:s, s:I, s:f}",
				"a", all->items[i].slug, "b", all->items[j].slug,
				"shared", (json_int_t)m->shared[i * n + j], "jaccard", m->jaccard[i * n + j]));
	return pairs;
}

/* Unix seconds as ISO 8601 UTC. */
static json_t *timestamp(long long t)
{
	char buf[32];
	time_t tt = (time_t)t;
	struct tm tm;
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&tt, &tm));
	return json_string(buf);
}

/* A paper's text into o: its Markdown (body) and the HTML it makes (body_html). */
static void set_body(json_t *o, const char *body)
{
	char *html = markdown_to_html(body ? body : "");
	json_object_set_new(o, "body", json_string(body ? body : ""));
	json_object_set_new(o, "body_html", json_string(html));
	free(html);
}

json_t *json_document(const struct document *d, int with_body)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:o, s:s, s:o, s:s, s:o, s:o}",
		"id", (json_int_t)d->id, "process", d->process, "title", d->title,
		"kind", doc_kind_name(d->kind), "date", str_or_null(d->issued),
		"level", level_name(d->level), "state", str_or_null(d->state),
		"created_by", d->created_by, "created_at", timestamp(d->created_at),
		"updated_at", timestamp(d->updated_at));
	if (d->attachment_name)
		json_object_set_new(o, "file", json_pack("{s:s, s:s, s:I}", "name", d->attachment_name,
			"type", d->attachment_type ? d->attachment_type : "application/octet-stream",
			"size", (json_int_t)d->attachment_size));
	else
		json_object_set_new(o, "file", json_null());
	if (d->level == LEVEL_RESTRICTED)
		json_object_set_new(o, "readers", strings(&d->readers));
	json_object_set_new(o, "version", json_integer(d->version));
	json_object_set_new(o, "changed_by", str_or_null(d->changed_by));
	if (with_body)
		set_body(o, d->body);
	return o;
}

json_t *json_document_version(const struct document *d, int with_body)
{
	json_t *o = json_pack("{s:i, s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:o}", "version", d->version,
		"title", d->title, "kind", doc_kind_name(d->kind), "date", str_or_null(d->issued),
		"level", level_name(d->level), "state", str_or_null(d->state),
		"file", str_or_null(d->attachment_name), "changed_by", str_or_null(d->changed_by),
		"changed_at", timestamp(d->updated_at));
	if (with_body)
		set_body(o, d->body);
	return o;
}

json_t *json_user(const struct user *u)
{
	json_t *roles = json_array();
	for (size_t i = 0; i < u->ngrants; i++)
		json_array_append_new(roles, json_pack("{s:s, s:s}", "process", u->grants[i].process,
						       "role", grant_role_name(u->grants[i].role)));
	return json_pack("{s:s, s:o, s:o, s:o, s:o, s:b, s:b, s:b, s:o, s:o}", "login", u->login,
		"full_name", str_or_null(u->full_name), "email", str_or_null(u->email),
		"government", str_or_null(u->government), "organisation", str_or_null(u->organisation),
		"admin", u->admin, "disabled", u->disabled,
		"must_change_password", u->must_change_password,
		"created_at", timestamp(u->created_at), "roles", roles);
}

static json_t *timestamp_or_null(long long t)
{
	return t ? timestamp(t) : json_null();
}

json_t *json_tokens(const struct token_list *l)
{
	json_t *a = json_array();
	for (size_t i = 0; i < l->n; i++) {
		const struct token_info *t = &l->items[i];
		json_array_append_new(a, json_pack("{s:I, s:s, s:o, s:o, s:o, s:b}", "id", (json_int_t)t->id, "name",
						   t->name ? t->name : "", "created_at", timestamp(t->created_at),
						   "expires_at", timestamp_or_null(t->expires_at),
						   "last_used_at", timestamp_or_null(t->last_used_at), "revoked",
						   t->revoked));
	}
	return json_pack("{s:o}", "items", a);
}

json_t *json_sessions(const struct session_list *l)
{
	json_t *a = json_array();
	for (size_t i = 0; i < l->n; i++) {
		const struct session *se = &l->items[i];
		json_array_append_new(a, json_pack("{s:o, s:o, s:o, s:b}", "created_at", timestamp(se->created_at),
						   "seen_at", timestamp(se->seen_at), "address", str_or_null(se->address),
						   "current", se->token_hash != NULL));
	}
	return json_pack("{s:o}", "items", a);
}

json_t *json_audit_entry(const struct audit_entry *e)
{
	return json_pack("{s:I, s:o, s:o, s:o, s:s, s:o, s:o, s:o}", "id", (json_int_t)e->id,
		"at", timestamp(e->at), "user", str_or_null(e->login), "address", str_or_null(e->address),
		"action", e->action, "process", str_or_null(e->process), "object", str_or_null(e->object),
		"detail", str_or_null(e->detail));
}

json_t *json_page(json_t *items, long total, long limit, long offset)
{
	return json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total,
			 "limit", (json_int_t)limit, "offset", (json_int_t)offset);
}

json_t *json_focal_point(const struct focal_point *f)
{
	return json_pack("{s:I, s:s, s:{s:s, s:s, s:s}, s:s, s:s, s:o, s:s, s:s, s:o, s:o, s:o, s:o}",
		"id", (json_int_t)f->id, "process", f->process,
		"party", "code", f->party, "name", f->party_name,
		"kind", f->is_organisation ? "organisation" : "government",
		"position", f->alternate ? "alternate" : "focal-point", "name", f->name,
		"title", str_or_null(f->title), "ministry", f->ministry, "email", f->email,
		"phone", str_or_null(f->phone), "languages", strings(&f->languages),
		"verified", str_or_null(f->verified), "updated_at", timestamp(f->updated_at));
}

static json_t *party(const char *code, const char *name, int is_organisation)
{
	return json_pack("{s:s, s:s, s:s}", "code", code, "name", name ? name : code,
			 "kind", is_organisation ? "organisation" : "government");
}

json_t *json_meeting(const struct meeting *m, int with_delegates)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:b, s:s, s:s, s:o, s:o, s:s, s:o}",
		"id", (json_int_t)m->id, "process", m->process, "title", m->title, "type", m->type,
		"series", str_or_null(m->series), "working_group", str_or_null(m->working_group),
		"host", m->host ? json_pack("{s:s, s:s}", "code", m->host, "name", m->host_name ? m->host_name : m->host)
				: json_null(),
		"hosted_in_kind", m->in_kind, "start", m->start, "end", m->end, "venue", str_or_null(m->venue),
		"chair", str_or_null(m->chair), "level", level_name(m->level), "updated_at", timestamp(m->updated_at));
	json_object_set_new(o, "invitations_sent", str_or_null(m->invitations_sent));
	if (!with_delegates)
		return o;
	json_t *list = json_array();
	for (size_t i = 0; i < m->delegates.n; i++) {
		const struct delegate *d = &m->delegates.items[i];
		json_array_append_new(list, json_pack("{s:I, s:o, s:s, s:s, s:o}", "id", (json_int_t)d->id,
			"party", party(d->party, d->party_name, d->is_organisation), "name", d->name, "rank", d->rank,
			"department", str_or_null(d->department)));
	}
	json_object_set_new(o, "delegates", list);
	json_t *agenda = json_array(), *papers = json_array(), *minutes = json_array();
	for (size_t i = 0; i < m->nagenda; i++) {
		const struct agenda_item *a = &m->agenda[i];
		json_array_append_new(agenda, json_pack("{s:i, s:s, s:s, s:o}", "position", a->position, "title", a->title,
			"proposer", a->proposer_kind, "party", a->party ? json_pack("{s:s, s:s}", "code", a->party, "name",
			a->party_name ? a->party_name : a->party) : json_null()));
	}
	for (size_t i = 0; i < m->ndocuments; i++)
		json_array_append_new(papers, json_integer((json_int_t)m->documents[i]));
	for (size_t i = 0; i < m->nminutes; i++) {
		const struct minutes *mm = &m->minutes[i];
		char *html = markdown_to_html(mm->body);
		json_array_append_new(minutes, json_pack("{s:I, s:o, s:s, s:s, s:s, s:o}", "id", (json_int_t)mm->id,
			"corrects", mm->corrects ? json_integer((json_int_t)mm->corrects) : json_null(), "state", mm->state,
			"body", mm->body, "body_html", html, "updated_at", timestamp(mm->updated_at)));
		free(html);
	}
	json_object_set_new(o, "agenda", agenda);
	json_object_set_new(o, "documents", papers);
	json_object_set_new(o, "minutes", minutes);
	return o;
}

static json_t *ranks(const size_t *counts)
{
	json_t *o = json_object();
	for (int i = 0; i < MEETING_RANKS; i++)
		json_object_set_new(o, meeting_ranks[i], json_integer((json_int_t)counts[i]));
	return o;
}

json_t *json_meeting_figures(const struct meeting_indicators *f)
{
	json_t *meetings = json_array(), *years = json_array(), *hosts = json_array();
	for (size_t i = 0; i < f->n; i++) {
		const struct meeting_figures *m = &f->meetings[i];
		json_array_append_new(meetings, json_pack("{s:I, s:o, s:o, s:o, s:I, s:I}", "id", (json_int_t)m->id,
			"number", m->number ? json_integer(m->number) : json_null(),
			"continuity", m->has_continuity ? json_real(m->continuity) : json_null(),
			"ranks", ranks(m->ranks), "delegations", (json_int_t)m->delegations,
			"mixed_delegations", (json_int_t)m->mixed_delegations));
	}
	for (size_t i = 0; i < f->nyears; i++) {
		const struct year_figures *y = &f->years[i];
		json_array_append_new(years, json_pack("{s:i, s:I, s:o, s:I, s:I}", "year", y->year,
			"meetings", (json_int_t)y->meetings, "ranks", ranks(y->ranks), "members", (json_int_t)y->members,
			"members_attending", (json_int_t)y->members_attending));
	}
	for (size_t i = 0; i < f->nhosts; i++)
		json_array_append_new(hosts, json_pack("{s:s, s:s, s:I}", "code", f->hosts[i].code, "name",
			f->hosts[i].name ? f->hosts[i].name : f->hosts[i].code, "meetings", (json_int_t)f->hosts[i].meetings));
	return json_pack("{s:o, s:o, s:o, s:I, s:I}", "meetings", meetings, "years", years, "hosts", hosts,
			 "state_hosted", (json_int_t)f->state_hosted, "meetings_total", (json_int_t)f->n);
}

json_t *json_plan(const struct plan *p)
{
	json_t *items = json_array();
	for (size_t i = 0; i < p->nitems; i++) {
		const struct plan_item *it = &p->items[i];
		json_t *commitments = json_array();
		for (size_t k = 0; k < it->ncommitments; k++) {
			const struct commitment *c = &it->commitments[k];
			json_t *progress = json_array();
			for (size_t j = 0; j < c->nprogress; j++)
				json_array_append_new(progress, json_pack("{s:s, s:s, s:o, s:o, s:o}", "status",
					c->progress[j].status, "date", c->progress[j].reported, "note", str_or_null(c->progress[j].note),
					"evidence", c->progress[j].evidence ? json_integer((json_int_t)c->progress[j].evidence)
									   : json_null(),
					"evidence_link", str_or_null(c->progress[j].evidence_link)));
			json_array_append_new(commitments, json_pack("{s:s, s:s, s:o}", "owner", c->owner, "name",
				c->owner_name ? c->owner_name : c->owner, "progress", progress));
		}
		json_array_append_new(items, json_pack("{s:I, s:i, s:s, s:o, s:o, s:o}", "id", (json_int_t)it->id,
			"position", it->position, "text", it->text, "due", str_or_null(it->due),
			"output", str_or_null(it->output), "commitments", commitments));
	}
	return json_pack("{s:I, s:s, s:o, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)p->id, "process", p->process,
		"meeting", p->meeting ? json_integer((json_int_t)p->meeting) : json_null(), "title", p->title,
		"adopted", p->adopted, "level", level_name(p->level), "body", p->body ? p->body : "", "items", items);
}

static json_t *id_or_null(long long id)
{
	return id ? json_integer((json_int_t)id) : json_null();
}

json_t *json_evidence(const struct evidence *e)
{
	const struct effect_info *eff = effect_of(e->effect);
	json_t *states = json_array();
	for (size_t i = 0; i < e->states.n; i++)
		json_array_append_new(states, json_pack("{s:s, s:s}", "code", e->states.items[i], "name",
			i < e->state_names.n ? e->state_names.items[i] : e->states.items[i]));
	json_t *o = json_pack("{s:I, s:s, s:i, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)e->id, "process",
		e->process, "phase", e->phase, "phase_name", e->phase >= 1 && e->phase <= PHASE_COUNT ?
		phase_names[e->phase] : "", "effect", e->effect, "effect_name", eff ? eff->label : e->effect,
		"description", e->description, "kind", e->kind);
	json_object_set_new(o, "source", json_string(e->source));
	json_object_set_new(o, "source_title", str_or_null(e->source_title));
	json_object_set_new(o, "source_url", str_or_null(e->source_url));
	json_object_set_new(o, "section", str_or_null(e->section));
	json_object_set_new(o, "document", id_or_null(e->document));
	json_object_set_new(o, "meeting", id_or_null(e->meeting));
	json_object_set_new(o, "date", str_or_null(e->happened));
	json_object_set_new(o, "states", states);
	json_object_set_new(o, "strength", json_string(e->strength));
	json_object_set_new(o, "confidence", json_string(e->confidence));
	json_object_set_new(o, "level", json_string(level_name(e->level)));
	return o;
}

json_t *json_duplication(const char *a, const char *b, const struct duplication *d)
{
	json_t *shared = json_array(), *weeks = json_array();
	for (size_t i = 0; i < d->ntopics; i++)
		json_array_append_new(shared, json_pack("{s:s, s:s, s:s, s:s, s:b}", "topic", d->topics[i].topic->key,
			"label", d->topics[i].topic->label, "text_a", d->topics[i].text_a, "text_b", d->topics[i].text_b,
			"working_groups", d->topics[i].in_groups));
	for (size_t i = 0; i < d->nweeks; i++)
		json_array_append_new(weeks, json_pack("{s:I, s:s, s:I, s:s}", "meeting_a", (json_int_t)d->weeks[i].a->id,
			"start_a", d->weeks[i].a->start, "meeting_b", (json_int_t)d->weeks[i].b->id, "start_b",
			d->weeks[i].b->start));
	json_t *o = json_pack("{s:s, s:s, s:I, s:f, s:o, s:o, s:o, s:s, s:o}", "a", a, "b", b, "shared_members",
		(json_int_t)d->shared_members, "jaccard", round(d->jaccard * 1000) / 1000, "topics", shared,
		"regional_bodies", strings(&d->bodies), "same_weeks", weeks, "verdict", d->verdict, "reasons",
		strings(&d->reasons));
	return o;
}

json_t *json_interview(const struct interview *i)
{
	json_t *statements = json_array();
	for (size_t k = 0; k < i->nstatements; k++) {
		const struct interview_statement *t = &i->statements[k];
		json_array_append_new(statements, json_pack("{s:I, s:i, s:s, s:s, s:o}", "id", (json_int_t)t->id,
			"position", t->position, "effect", t->effect, "text", t->text, "evidence", id_or_null(t->evidence)));
	}
	json_t *o = json_pack("{s:I, s:s, s:I, s:s, s:s, s:s}", "id", (json_int_t)i->id, "process", i->process,
		"protocol", (json_int_t)i->protocol, "protocol_name", i->protocol_name, "affiliation", i->affiliation,
		"language", i->language);
	json_object_set_new(o, "held", str_or_null(i->held));
	json_object_set_new(o, "interviewee", str_or_null(i->interviewee));
	json_object_set_new(o, "organisation", str_or_null(i->organisation));
	json_object_set_new(o, "notes", str_or_null(i->notes));
	json_object_set_new(o, "level", json_string("restricted"));
	json_object_set_new(o, "statements", statements);
	return o;
}

json_t *json_protocol(const struct interview_protocol *p)
{
	json_t *questions = json_array();
	const char *q = p->questions;
	while (*q) {
		size_t n = strcspn(q, "\n");
		size_t len = n;
		while (len && (q[len - 1] == '\r' || q[len - 1] == ' '))
			len--;
		if (len)
			json_array_append_new(questions, json_stringn(q, len));
		q += n + (q[n] == '\n');
	}
	return json_pack("{s:I, s:s, s:o}", "id", (json_int_t)p->id, "name", p->name, "questions", questions);
}

json_t *json_lessons(const char *process, const char *day, const struct lessons *l)
{
	json_t *items = json_array();
	for (size_t i = 0; i < LESSON_COUNT; i++) {
		const struct lesson *x = &l->items[i];
		json_t *o = json_pack("{s:i, s:s, s:s, s:s}", "number", x->number, "key", x->key, "name", x->name,
				      "section", x->section);
		json_object_set_new(o, "value", !x->has_value ? json_null()
					: strcmp(x->unit, "share") == 0 ? json_real(round(x->value * 1000) / 1000)
					: json_integer((json_int_t)x->value));
		json_object_set_new(o, "unit", json_string(x->unit));
		json_object_set_new(o, "state", json_string(lesson_state_name(x->state)));
		json_object_set_new(o, "reading", str_or_null(x->reading));
		json_object_set_new(o, "summary", json_string(x->summary));
		json_object_set_new(o, "rule", json_string(x->rule));
		json_object_set_new(o, "records", strings(&x->records));
		json_object_set_new(o, "cannot_show", json_string(x->cannot_show));
		json_array_append_new(items, o);
	}
	json_t *o = json_pack("{s:s, s:s, s:s}", "process", process, "date", day, "stage", l->stage.stage);
	json_object_set_new(o, "age", l->stage.age >= 0 ? json_integer(l->stage.age) : json_null());
	json_object_set_new(o, "lessons", items);
	return o;
}

/* Adds one to o[key]. */
static void tally_in(json_t *o, const char *key)
{
	json_object_set_new(o, key, json_integer(json_integer_value(json_object_get(o, key)) + 1));
}

json_t *json_evidence_list(const struct evidence_list *l)
{
	json_t *items = json_array();
	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(items, json_evidence(&l->items[i]));
	return items;
}

json_t *json_assessment(const char *process, const char *day, const struct lessons *l,
			const struct evidence_list *evidence, const struct interview_list *interviews)
{
	json_t *o = json_lessons(process, day, l);
	json_object_set_new(o, "evidence", json_evidence_list(evidence));
	if (!interviews)
		return o;
	json_t *affiliations = json_object(), *languages = json_object(), *effects_coded = json_object();
	for (size_t i = 0; i < interviews->n; i++) {
		tally_in(affiliations, interviews->items[i].affiliation);
		tally_in(languages, interviews->items[i].language);
		for (size_t k = 0; k < interviews->items[i].nstatements; k++)
			tally_in(effects_coded, interviews->items[i].statements[k].effect);
	}
	json_object_set_new(o, "interviews", json_pack("{s:I, s:o, s:o, s:o}", "total", (json_int_t)interviews->n,
		"by_affiliation", affiliations, "by_language", languages, "statements_by_effect", effects_coded));
	return o;
}

static void count_in(json_t *o, int done)
{
	json_object_set_new(o, "total", json_integer(json_integer_value(json_object_get(o, "total")) + 1));
	json_object_set_new(o, "done", json_integer(json_integer_value(json_object_get(o, "done")) + done));
}

static void set_share(json_t *o)
{
	json_int_t total = json_integer_value(json_object_get(o, "total"));
	json_object_set_new(o, "done_share", json_real(total ? (double)json_integer_value(json_object_get(o, "done")) /
							       (double)total : 0));
}

json_t *json_plan_report(const struct plan *p, const char *at, const struct plan_report *r)
{
	json_t *items = json_array(), *owners = json_array(), *item = NULL;
	const struct plan_item *current = NULL;
	size_t overdue = 0;
	for (size_t i = 0; i < r->n; i++) {
		const struct standing *s = &r->rows[i];
		if (s->item != current) {
			current = s->item;
			item = json_pack("{s:I, s:i, s:s, s:o, s:[], s:i, s:i}", "id", (json_int_t)current->id,
				"position", current->position, "text", current->text, "due", str_or_null(current->due),
				"commitments", "done", 0, "total", 0);
			json_array_append_new(items, item);
		}
		int done = strcmp(s->status, "done") == 0;
		overdue += s->overdue;
		json_array_append_new(json_object_get(item, "commitments"), json_pack("{s:s, s:s, s:s, s:o, s:b}",
			"owner", s->commitment->owner, "name", s->commitment->owner_name ? s->commitment->owner_name
										  : s->commitment->owner,
			"status", s->status, "date", s->latest ? json_string(s->latest->reported) : json_null(),
			"overdue", s->overdue));
		count_in(item, done);
	}
	size_t i;
	json_t *o;
	json_array_foreach(items, i, o) {
		set_share(o);
		json_object_del(o, "done");
		json_object_del(o, "total");
	}
	for (i = 0; i < r->nowners; i++) {
		const struct owner_standing *w = &r->owners[i];
		json_array_append_new(owners, json_pack("{s:s, s:s, s:I, s:I, s:f, s:I}", "owner", w->first->owner,
			"name", w->first->owner_name ? w->first->owner_name : w->first->owner, "done", (json_int_t)w->done,
			"total", (json_int_t)w->total, "done_share", (double)w->done / (double)w->total,
			"overdue", (json_int_t)w->overdue));
	}
	return json_pack("{s:I, s:s, s:o, s:o, s:f, s:I}", "plan", (json_int_t)p->id, "at", at, "items", items,
		"owners", owners, "done_share", r->total ? (double)r->done / (double)r->total : 0.0,
		"overdue", (json_int_t)overdue);
}

json_t *json_indicator(const struct indicator *i)
{
	char periodicity[2] = { i->periodicity, '\0' };
	json_t *dims = json_array();
	for (size_t k = 0; k < i->ndims; k++) {
		json_t *codes = json_array();
		for (size_t c = 0; c < i->dims[k].codes.n; c++)
			json_array_append_new(codes, json_string(i->dims[k].codes.items[c]));
		json_array_append_new(dims, json_pack("{s:s, s:o}", "name", i->dims[k].name, "codes", codes));
	}
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:o, s:I}", "process", i->process, "code",
			 i->code, "name", i->name, "definition", i->definition ? i->definition : "", "unit", i->unit,
			 "unit_mult", i->unit_mult, "periodicity", periodicity, "notes", i->notes ? i->notes : "",
			 "level", level_name(i->level), "dimensions", dims, "observations", (json_int_t)i->nobs);
}

/* A whole number as a JSON integer (1200, not 1200.0), else a real. */
static json_t *json_number(double v)
{
	return v == (double)(json_int_t)v && v > -9007199254740992.0 && v < 9007199254740992.0
		       ? json_integer((json_int_t)v) : json_real(v);
}

json_t *json_observation(const struct indicator *ind, const struct observation *o)
{
	char status[2] = { o->status, '\0' };
	json_t *dims = json_object();
	const char *code = o->dims;
	for (size_t k = 0; k < ind->ndims && code; k++) {
		const char *dot = strchr(code, '.');
		size_t len = dot ? (size_t)(dot - code) : strlen(code);
		json_object_set_new(dims, ind->dims[k].name, json_stringn(code, len));
		code = dot ? dot + 1 : NULL;
	}
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:s, s:o, s:o}", "indicator", ind->code, "ref_area", o->ref_area,
			 "period", o->period, "dims", dims, "value", o->missing ? json_null() : json_number(o->value),
			 "status", status, "comment", o->comment ? json_string(o->comment) : json_null(), "unit",
			 json_string(o->unit ? o->unit : ind->unit));
}

json_t *json_stats_check(const struct indicator *ind, const struct finding_list *l, size_t states)
{
	json_t *findings = json_array();
	for (size_t i = 0; i < l->n; i++) {
		const struct finding *f = &l->items[i];
		json_array_append_new(findings, json_pack("{s:s, s:s, s:s, s:o, s:s}", "kind",
			finding_kind_name(f->kind), "ref_area", f->ref_area, "series", f->series, "period",
			f->period ? json_string(f->period) : json_null(), "detail", f->detail));
	}
	return json_pack("{s:s, s:s, s:I, s:o}", "indicator", ind->code, "name", ind->name, "states",
			 (json_int_t)states, "findings", findings);
}

int json_stats_begin(void *ctx, const struct indicator *inds, size_t n)
{
	struct stats_json *j = ctx;
	for (size_t i = 0; i < n; i++)
		json_array_append_new(j->indicators, json_indicator(&inds[i]));
	return 0;
}

int json_stats_row(void *ctx, const struct indicator *ind, const struct observation *o)
{
	struct stats_json *j = ctx;
	return json_array_append_new(j->observations, json_observation(ind, o));
}

json_t *json_stats_import(const struct stats_import_report *rep, int dry_run)
{
	json_t *problems = json_array();
	for (size_t i = 0; i < rep->nproblems; i++) {
		const struct stats_problem *p = &rep->problems[i];
		json_array_append_new(problems, json_pack("{s:I, s:i, s:o, s:s}", "line", (json_int_t)p->line, "column",
			p->column, "column_name", p->column_name ? json_string(p->column_name) : json_null(), "message",
			p->message));
	}
	return json_pack("{s:b, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:I}", "dry_run", dry_run, "format",
			 rep->format, "import", (json_int_t)rep->import, "rows", (json_int_t)rep->rows, "added",
			 (json_int_t)rep->counts.added, "revised", (json_int_t)rep->counts.revised, "deleted",
			 (json_int_t)rep->counts.deleted, "unchanged", (json_int_t)rep->counts.unchanged, "problems",
			 problems, "more_problems", (json_int_t)rep->more);
}

static void utc(long long seconds, char out[32]);

json_t *json_stat_import(const struct stat_import *i)
{
	char at[32];
	utc(i->created_at, at);
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I}", "id", (json_int_t)i->id, "file_name",
			 i->file_name, "format", i->format, "by", i->created_by, "at", at, "added",
			 (json_int_t)i->counts.added, "revised", (json_int_t)i->counts.revised, "deleted",
			 (json_int_t)i->counts.deleted, "unchanged", (json_int_t)i->counts.unchanged);
}

/* Unix seconds as "2026-11-27T09:15:32Z", into out. */
static void utc(long long seconds, char out[32])
{
	time_t t = (time_t)seconds;
	struct tm tm;
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
}

json_t *json_revisions(const struct indicator *ind, const struct revision_list *l)
{
	json_t *items = json_array();
	for (size_t i = 0; i < l->n; i++) {
		const struct revision *v = &l->items[i];
		char at[32], until[32];
		utc(v->at, at);
		utc(v->until, until);
		json_t *o = json_observation(ind, &v->o);
		json_object_set_new(o, "written_at", json_string(at));
		json_object_set_new(o, "written_by", v->by ? json_string(v->by) : json_null());
		json_object_set_new(o, "file_name", v->file_name ? json_string(v->file_name) : json_null());
		json_object_set_new(o, "until", v->until ? json_string(until) : json_null());
		json_object_set_new(o, "ended_by", json_string(!v->until ? "still held" : v->deleted ? "deleted" : "revised"));
		json_array_append_new(items, o);
	}
	return json_pack("{s:o}", "revisions", items);
}

static json_t *json_strings(const struct strlist *l)
{
	json_t *a = json_array();
	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, json_string(l->items[i]));
	return a;
}

json_t *json_matrix(const struct matrix *m)
{
	json_t *questions = json_array();
	for (size_t i = 0; i < m->nquestions; i++) {
		const struct question *q = &m->questions[i];
		json_t *given = json_array(), *scores = json_array();
		for (size_t k = 0; k < q->ngiven; k++) {
			const struct matrix_answer *a = &q->given[k];
			json_array_append_new(given, json_pack("{s:s, s:s, s:s, s:s, s:o}", "state", a->state, "name",
				a->state_name ? a->state_name : a->state, "answer", a->answer, "date", a->answered, "source",
				a->source ? json_string(a->source) : json_null()));
		}
		for (size_t k = 0; q->ordered && k < q->answers.n; k++)
			json_array_append_new(scores, json_number(q->scores ? q->scores[k] : (double)k));
		json_array_append_new(questions, json_pack("{s:s, s:s, s:o, s:b, s:o, s:o}", "code", q->code, "text",
			q->text, "answers", json_strings(&q->answers), "ordered", q->ordered, "scores", scores, "given",
			given));
	}
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)m->id, "process", m->process, "name",
			 m->name, "description", m->description ? m->description : "", "level", level_name(m->level),
			 "questions", questions);
}

json_t *json_matrix_snapshot(const struct matrix *m, const char *day, const char *const *states, size_t n)
{
	json_t *questions = json_array();
	for (size_t i = 0; i < m->nquestions; i++) {
		json_t *by_state = json_object();
		for (size_t k = 0; k < n; k++) {
			const struct matrix_answer *a = question_answer_on(&m->questions[i], states[k], day);
			json_object_set_new(by_state, states[k], a ? json_pack("{s:s, s:s}", "answer", a->answer, "since",
									 a->answered) : json_null());
		}
		json_array_append_new(questions, json_pack("{s:s, s:o}", "code", m->questions[i].code, "states",
							   by_state));
	}
	return json_pack("{s:I, s:s, s:o}", "matrix", (json_int_t)m->id, "at", day, "questions", questions);
}

json_t *json_convergence(const struct matrix *m, const struct convergence *conv)
{
	json_t *questions = json_array();
	for (size_t i = 0; i < m->nquestions; i++) {
		const struct question *q = &m->questions[i];
		const struct convergence *c = &conv[i];
		json_t *years = json_array(), *movers = json_array();
		for (size_t k = 0; k < c->nyears; k++) {
			const struct convergence_year *y = &c->years[k];
			json_array_append_new(years, json_pack("{s:i, s:I, s:I, s:o, s:f, s:o}", "year", y->year, "members",
				(json_int_t)y->members, "answered", (json_int_t)y->answered, "modal",
				y->modal >= 0 ? json_string(q->answers.items[y->modal]) : json_null(), "modal_share",
				y->modal_share, "spread", y->has_spread ? json_real(y->spread) : json_null()));
		}
		for (size_t k = 0; k < c->nmovers; k++) {
			const struct mover *mv = &c->movers[k];
			json_array_append_new(movers, json_pack("{s:s, s:i, s:s, s:s, s:s, s:s}", "state", mv->state, "year",
				mv->year, "date", mv->day, "from", q->answers.items[mv->from], "to", q->answers.items[mv->to],
				"move", move_name(mv->move)));
		}
		json_array_append_new(questions, json_pack("{s:s, s:s, s:b, s:o, s:o}", "code", q->code, "text", q->text,
							   "ordered", q->ordered, "years", years, "movers", movers));
	}
	return json_pack("{s:I, s:s, s:o}", "matrix", (json_int_t)m->id, "name", m->name, "questions", questions);
}

json_t *json_glossary_entry(const struct glossary_entry *e)
{
	json_t *terms = json_array();
	for (size_t i = 0; i < e->nterms; i++) {
		const struct term *t = &e->terms[i];
		json_array_append_new(terms, json_pack("{s:s, s:s, s:s, s:o}", "lang", t->lang, "term", t->text,
			"definition", t->definition ? t->definition : "", "source",
			t->source ? json_string(t->source) : json_null()));
	}
	return json_pack("{s:I, s:o, s:s, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)e->id, "process",
			 e->process ? json_string(e->process) : json_null(), "level",
			 level_name(e->process ? e->level : LEVEL_PUBLIC), "subject",
			 e->subject ? json_string(e->subject) : json_null(), "note",
			 e->note ? json_string(e->note) : json_null(), "terms", terms, "related",
			 json_strings(&e->related), "contested", json_strings(&e->contested));
}

json_t *json_glossary(const struct glossary *g)
{
	json_t *items = json_array();
	for (size_t i = 0; i < g->n; i++)
		json_array_append_new(items, json_glossary_entry(&g->items[i]));
	return items;
}

json_t *json_registry_edits(const struct registry_edit_list *l)
{
	json_t *a = json_array();
	for (size_t i = 0; i < l->n; i++) {
		const struct registry_edit *e = &l->items[i];
		char when[32];
		time_t t = (time_t)e->at;
		struct tm tm;
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
		json_array_append_new(a, json_pack("{s:I, s:s, s:o, s:s, s:s, s:o, s:o, s:o, s:{s:s, s:o, s:s, s:o, s:s}}",
			"id", (json_int_t)e->id, "at", when, "login", str_or_null(e->login), "action", e->action,
			"fact", e->fact, "fact_id", e->position >= 0 ? json_integer(e->position) : json_null(), "before", str_or_null(e->before),
			"after", str_or_null(e->after), "source", "id", e->prov.source,
			"title", str_or_null(e->source_title), "section", e->prov.section,
			"url", str_or_null(e->prov.url), "as_of", e->prov.as_of));
	}
	return a;
}

static json_t *json_snippet(const struct snippet *sn)
{
	json_t *marks = json_array();
	for (size_t i = 0; i < sn->nmarks; i++)
		json_array_append_new(marks, json_pack("[I,I]", (json_int_t)sn->marks[i].at,
						       (json_int_t)sn->marks[i].len));
	return json_pack("{s:s, s:o, s:b, s:b}", "text", sn->text, "marks", marks, "cut_before", sn->cut_before,
			 "cut_after", sn->cut_after);
}

json_t *json_found_list(const struct found_list *l)
{
	json_t *items = json_array();
	for (size_t i = 0; i < l->n; i++) {
		const struct found *f = &l->items[i];
		json_t *o = json_pack("{s:s, s:s, s:o}", "kind", found_kind_keys[f->kind], "title", f->title,
				      "excerpt", json_snippet(&f->snippet));
		if (f->id)
			json_object_set_new(o, "id", json_integer(f->id));
		json_object_set_new(o, "process", f->process ? json_string(f->process) : json_null());
		if (f->what)
			json_object_set_new(o, "what", json_string(f->what));
		if (f->key)
			json_object_set_new(o, "key", json_string(f->key));
		json_array_append_new(items, o);
	}
	return items;
}
