/* markdown.c: GitHub-flavoured Markdown to HTML through cmark-gfm (tables, strikethrough, autolinks), raw HTML and unsafe links removed */
#include "markdown.h"
#include "../core/xalloc.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* cmark-gfm is safe by default: CMARK_OPT_UNSAFE is what would let raw
 * HTML and javascript: links through, and it is never set; the tag filter
 * is on as well, for GitHub's list of tags that must never pass. */
#define OPTIONS (CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE)

static pthread_once_t registered = PTHREAD_ONCE_INIT;

static void register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

char *markdown_to_html(const char *text)
{
	static const char *const extensions[] = { "table", "strikethrough", "autolink", "tagfilter" };
	pthread_once(&registered, register_extensions);
	cmark_parser *parser = cmark_parser_new(OPTIONS);
	if (!parser)
		abort();
	for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(extensions[i]);
		if (!e || !cmark_parser_attach_syntax_extension(parser, e))
			abort();
	}
	cmark_parser_feed(parser, text, strlen(text));
	cmark_node *doc = cmark_parser_finish(parser);
	char *html = doc ? cmark_render_html(doc, OPTIONS, cmark_parser_get_syntax_extensions(parser)) : NULL;
	if (doc)
		cmark_node_free(doc);
	cmark_parser_free(parser);
	if (!html)
		abort();
	return html;
}
