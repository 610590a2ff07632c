/* markdown.h: GitHub-flavoured Markdown to HTML through cmark-gfm, raw HTML and unsafe links removed */
#ifndef RCPHUB_MARKDOWN_H
#define RCPHUB_MARKDOWN_H

/* The HTML of a CommonMark text (caller frees). Raw HTML in the text is
 * replaced by a comment and javascript:/data: links are dropped. */
char *markdown_to_html(const char *text);

#endif
