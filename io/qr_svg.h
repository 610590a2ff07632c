/* qr_svg.h: a QR code (libqrencode) drawn as an SVG image for a page */
#ifndef RCPHUB_QR_SVG_H
#define RCPHUB_QR_SVG_H

/* An <svg> element drawing text as a QR code (error correction level M,
 * a quiet zone of four modules), labelled label for screen readers; NULL
 * when text is too long to encode. The caller frees it. */
char *qr_svg(const char *text, const char *label);

#endif
