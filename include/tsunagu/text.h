/* text.h - UTF-8 text helpers: validation, NFKC matching keys, display width. */
#ifndef TSUNAGU_TEXT_H
#define TSUNAGU_TEXT_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

/* True when s[0..len) is valid UTF-8.  On false, *bad_offset (if not NULL)
 * is the byte offset of the first invalid sequence. */
bool tsunagu_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Line and column (both 1-based) of byte offset off in text[0..len): the
 * column counts characters, a valid UTF-8 sequence as one and an invalid
 * byte as one, as a text editor shows them.  Cannot fail. */
void tsunagu_text_position(const char *text, size_t len, size_t off, int *line, int *column);

/* Matching key of a text: NFKC, case-folded ASCII, leading/trailing white
 * space removed and inner runs of white space collapsed to one ASCII space.
 * Full-width letters, digits and spaces thus match their ASCII forms.
 * Returns a new string the caller frees with free(), or NULL if s is not
 * valid UTF-8 or memory runs out. */
char *tsunagu_text_key(const char *s);

/* Matching key of a person's name or reading: tsunagu_text_key with no
 * white space at all, and katakana folded to hiragana.  Japanese names are
 * written with a full-width space, an ASCII space or none between family
 * and given name (中村　千尋, 中村 千尋, 中村千尋 all match), and readings in
 * either kana (ナカムラ, なかむら and half-width ﾅｶﾑﾗ match).  Returns a new
 * string the caller frees, or NULL as tsunagu_text_key does. */
char *tsunagu_text_name_key(const char *s);

/* True for a bidirectional control (U+202A-U+202E embeddings and
 * overrides, U+2066-U+2069 isolates): one in a name would reverse or
 * reorder whatever follows it on a page, a printout or a terminal. */
bool tsunagu_text_is_bidi_control(int32_t cp);
/* Remove every bidirectional control from s in place; returns how many
 * there were.  s must be valid UTF-8 (or NULL). */
int tsunagu_text_strip_bidi(char *s);

/* Copy of s safe to print on a terminal: control characters (an escape
 * sequence in a name, a stray CR) and bytes that are not UTF-8 become
 * U+FFFD, tabs and the line and paragraph separators U+2028/U+2029 a
 * space.  NULL is "".  Caller frees; aborts on OOM. */
char *tsunagu_text_printable(const char *s);

/* Copy of s with leading/trailing white space (ASCII and U+3000) removed;
 * the inner text keeps its original form.  Caller frees.  NULL on OOM. */
char *tsunagu_text_trim(const char *s);

/* Columns s takes on a terminal: East Asian wide and full-width characters
 * count two, combining marks zero.  Invalid bytes count one each. */
int tsunagu_text_width(const char *s);

/* Append s to out padded with spaces to `width` columns (never truncates). */
void tsunagu_text_pad(char **buf, size_t *len, size_t *cap, const char *s, int width);

/* Duplicate a string; NULL stays NULL.  Aborts on out of memory. */
char *tsunagu_strdup(const char *s);

#endif
