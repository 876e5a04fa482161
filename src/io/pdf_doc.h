/* pdf_doc: a printable document written as PDF with cairo: a title, headings,
 * wrapped paragraphs, "label: value" fields and tables with wrapped cells, on US
 * Letter pages with margins, and a footer "<footer> - page N of M" on every page. The
 * document is built first and laid out when rendered (twice: once to count pages).
 * Text is UTF-8; the toy font API draws it in the system's sans-serif font. */
#ifndef CN_IO_PDF_DOC_H
#define CN_IO_PDF_DOC_H
#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"

enum { PDF_DOC_MAX_COLS = 8 };

struct pdf_doc;

/* A new empty document; footer and title (metadata) may be NULL. The caller frees it
 * with pdf_doc_free(). Every text given below is copied. */
struct pdf_doc *pdf_doc_new(const char *title, const char *footer);
void pdf_doc_free(struct pdf_doc *d);

void pdf_doc_title(struct pdf_doc *d, const char *text);
void pdf_doc_heading(struct pdf_doc *d, const char *text);
void pdf_doc_subheading(struct pdf_doc *d, const char *text);
/* A paragraph; new lines in text start new lines. NULL or "" adds nothing. */
void pdf_doc_text(struct pdf_doc *d, const char *text);
/* "Label: value", the value wrapped under itself. NULL or "" value shows "-". */
void pdf_doc_field(struct pdf_doc *d, const char *label, const char *value);
/* Starts a table of ncols (1..PDF_DOC_MAX_COLS) columns; widths are fractions of the
 * text width (summing to 1). The header repeats on each page the table spans. */
void pdf_doc_table(struct pdf_doc *d, size_t ncols, const double *widths,
		   const char *const *header);
/* A row of the table last started: ncols cells, NULL cells empty. */
void pdf_doc_row(struct pdf_doc *d, const char *const *cells);
/* Vertical space in points. */
void pdf_doc_space(struct pdf_doc *d, double points);

/* Lays the document out and appends the PDF to out; *pages (may be NULL) gets the
 * page count. The first call registers an exit handler that releases the font caches
 * cairo and fontconfig keep for the process. */
int pdf_doc_render(struct pdf_doc *d, struct buf *out, int *pages, struct cn_err *err);

#endif
