/* page_home.c: the home page: every process by region, with its members, observers and secretariat */
#include "pages.h"
#include "../../core/xalloc.h"

#include <string.h>

static void secretariat(struct buf *b, struct req *r, const struct process *p)
{
	static const struct {
		const char *arrangement, *words;
	} words[] = {
		{ "none", "no standing secretariat" }, { "joint", "joint secretariat" },
		{ "permanent", "permanent secretariat" }, { "steering-group", "steering group" },
		{ "hosted", "secretariat hosted by an organisation" }, { "technical", "technical secretariat" },
		{ "unknown", "not named in the sources" },
	};
	const char *w = p->secretariat_arrangement;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (w && strcmp(words[i].arrangement, w) == 0)
			w = words[i].words;
	html_txt(b, w);
	for (size_t i = 0; i < p->secretariat_orgs.n; i++) {
		html_raw(b, i ? ", " : ": ");
		page_link_org_named(b, r, p->secretariat_orgs.items[i]);
	}
}

static void process_row(struct buf *b, struct req *r, const struct process *p)
{
	html_raw(b, "<tr><th scope=\"row\">");
	page_link_process(b, p->slug, p->acronym);
	html_raw(b, "<div class=\"sub\">");
	html_txt(b, p->name);
	html_raw(b, "</div></th><td class=\"num\">");
	html_int(b, p->established);
	html_raw(b, "</td><td class=\"num\">");
	html_int(b, (long long)registry_count(p, &(struct participant_filter){ ROLE_MEMBER, 0, 1 }));
	html_raw(b, "</td><td class=\"num\">");
	html_int(b, (long long)registry_count(p, &(struct participant_filter){ ROLE_OBSERVER, 0, 0 }));
	html_raw(b, "</td><td>");
	secretariat(b, r, p);
	html_raw(b, "</td></tr>\n");
}

static void region_table(struct buf *b, struct req *r, const struct process_list *all, const char *region)
{
	html_raw(b, "<section><h2>");
	html_txt(b, region);
	html_raw(b, "</h2><table class=\"processes\"><thead><tr><th scope=\"col\">Process</th>"
		    "<th scope=\"col\">Since</th><th scope=\"col\">Members</th><th scope=\"col\">Observers</th>"
		    "<th scope=\"col\">Secretariat</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < all->n; i++)
		if (strcmp(all->items[i].region, region) == 0)
			process_row(b, r, &all->items[i]);
	html_raw(b, "</tbody></table></section>\n");
}

void page_home(struct req *r)
{
	const struct process_list *all = registry_all(r->reg);
	struct buf b = { 0 };
	page_begin(&b, r, "Regional Consultative Processes on migration");
	html_raw(&b, "<h1>Regional Consultative Processes on migration</h1>"
		     "<p class=\"lead\">Informal, repeated forums in which governments talk about migration. "
		     "Who takes part, as member, observer or partner; how the processes overlap; and the "
		     "papers each process shares with whom it chooses.</p>\n");
	for (size_t i = 0; i < all->n; i++) {
		int seen = 0;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(all->items[j].region, all->items[i].region) == 0;
		if (!seen)
			region_table(&b, r, all, all->items[i].region);
	}
	page_end(&b, r);
	page_send(r, 200, &b);
}
