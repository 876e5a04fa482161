/* letter: the body of a message capnet sends, written once and given as both plain
 * text and HTML (every piece of text escaped), so that what the two say never
 * differs: a greeting, paragraphs, links shown as buttons, a closing note. */
#ifndef CN_LETTER_H
#define CN_LETTER_H

#include "core/arena.h"
#include "core/buf.h"

struct letter {
	struct buf text;
	struct buf html;
};

/* Starts with "Hello NAME," (or "Hello," when name is NULL or empty). */
void letter_begin(struct letter *l, const char *name);
void letter_para(struct letter *l, const char *text);
/* A call to action: label, then the URL on a line of its own in the text. */
void letter_link(struct letter *l, const char *label, const char *url);
/* A closing line in small print, e.g. why the message was sent. */
void letter_note(struct letter *l, const char *text);
/* Finishes; *text and *html are copied into a and the letter's buffers freed. */
void letter_end(struct letter *l, struct arena *a, const char **text, const char **html);

#endif
