/* qr_svg.c: a QR code (libqrencode) drawn as an SVG image for a page */
#include "qr_svg.h"
#include "html.h"
#include "../core/buf.h"

#include <qrencode.h>
#include <stdlib.h>

#define QUIET 4  /* modules of white around the code, as the standard asks */

char *qr_svg(const char *text, const char *label)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!qr)
		return NULL;
	int side = qr->width + 2 * QUIET;
	struct buf b = { 0 };
	buf_appendf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 %d %d\" width=\"%d\" "
		    "height=\"%d\" role=\"img\" aria-label=\"", side, side, side * 5, side * 5);
	html_attr(&b, label);
	buf_appendf(&b, "\" shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
		    "<path fill=\"#000\" d=\"", side, side);
	/* one horizontal run of dark modules per subpath */
	for (int y = 0; y < qr->width; y++)
		for (int x = 0; x < qr->width;) {
			if (!(qr->data[y * qr->width + x] & 1)) {
				x++;
				continue;
			}
			int run = 1;
			while (x + run < qr->width && (qr->data[y * qr->width + x + run] & 1))
				run++;
			buf_appendf(&b, "M%d %dh%dv1h-%dz", x + QUIET, y + QUIET, run, run);
			x += run;
		}
	buf_appendf(&b, "\"/></svg>");
	QRcode_free(qr);
	return buf_release(&b, NULL);
}
