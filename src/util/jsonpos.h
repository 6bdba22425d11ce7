/* jsonpos.h - where each value of a JSON text starts (private).
 *
 * jansson reports lines for syntax errors only; once a document is parsed
 * its values carry no position.  To name FILE:LINE for a semantic error
 * ("unknown profession in a track"), the text is scanned once more and the
 * line of every value is recorded under its JSON Pointer (RFC 6901), e.g.
 * "/sessions/1/tracks/0". */
#ifndef TSUNAGU_JSONPOS_H
#define TSUNAGU_JSONPOS_H

#include <stddef.h>
#include <jansson.h>
#include "tsunagu/diag.h"

typedef struct tsunagu_jsonpos tsunagu_jsonpos;

/* Scan text, which jansson has already accepted.  Returns a new map the
 * caller frees with tsunagu_jsonpos_free, or NULL when memory runs out or
 * the text is not JSON after all (lines are then simply unknown). */
tsunagu_jsonpos *tsunagu_jsonpos_scan(const char *text, size_t len);
void tsunagu_jsonpos_free(tsunagu_jsonpos *pos); /* accepts NULL */

/* Line (1-based) where the value at pointer starts; for a pointer that was
 * not recorded, the line of its nearest recorded ancestor.  0 when pos is
 * NULL or nothing matches.  Cannot fail. */
int tsunagu_jsonpos_line(const tsunagu_jsonpos *pos, const char *pointer);

/* Append "/key" to a JSON Pointer held in buf (capacity cap), with '~'
 * and '/' escaped as RFC 6901 asks.  When it does not fit, buf is left as it
 * was (it still names the parent, whose line is the nearest right one) and
 * -1 is returned; 0 otherwise. */
int tsunagu_jsonpos_append(char *buf, size_t cap, const char *key);

/* Add an error at the line of pointer (see tsunagu_jsonpos_line; line 0,
 * the whole file, when unknown). */
void tsunagu_jsonpos_error(tsunagu_diags *diags, const char *source,
                           const tsunagu_jsonpos *pos, const char *pointer,
                           const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Add jansson's syntax error err for source as FILE:LINE: reason, in the
 * user's terms where jansson's own words would puzzle (a file cut short, a
 * NUL character). */
void tsunagu_json_syntax_error(tsunagu_diags *diags, const char *source, const json_error_t *err);

/* Check that text is UTF-8 before jansson sees it, so a bad byte is named
 * with its line and byte offset.  0 when valid; else -1 with an error. */
int tsunagu_json_check_utf8(const char *text, size_t len, const char *source,
                            tsunagu_diags *diags);

/* Read and parse a JSON file (at most max_bytes; "-" = standard input),
 * duplicate keys rejected.  Syntax errors go to diags as FILE:LINE: reason.
 * On success returns a new reference (caller decrefs) and, when pos is not
 * NULL, sets *pos to the value positions (caller frees; may be NULL when
 * memory is short).  Returns NULL on failure. */
json_t *tsunagu_json_read_file(const char *path, size_t max_bytes, tsunagu_diags *diags,
                               tsunagu_jsonpos **pos);
/* The same for text in memory (a leading byte order mark is skipped),
 * refused when longer than max_bytes (0: no limit); source names it in
 * messages.  Does not keep text. */
json_t *tsunagu_json_read_buffer(const char *text, size_t len, size_t max_bytes,
                                 const char *source, tsunagu_diags *diags,
                                 tsunagu_jsonpos **pos);

#endif
