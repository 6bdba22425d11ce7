/* collate.h - Japanese dictionary order through ICU's "ja" collator (private).
 *
 * The one place the library compares text the way a Japanese reader orders
 * it (JIS X 4061 style, CLDR's Japanese tailoring): hiragana = katakana,
 * half-width = full-width; voiced (が), semi-voiced (ぱ) and small (ゃ) kana
 * compared as their plain letter first and told apart only when all else is
 * equal; the long-vowel mark as the vowel it lengthens (こーた = こおた
 * first); a space before every letter (family name first: いし たろう before
 * いしかわ); Latin before kana, kanji after (in JIS X 0208 order).  People
 * are ordered with it by tsunagu_attendees_reading_order (input/).
 *
 * We wrap ICU rather than carry tables of our own: its Japanese rules are
 * maintained with the Unicode data, and a hand-made table of kana misses
 * the cases (ゔ, ゕ, ー after each vowel) that the issue was about.
 *
 * A collator is for one thread at a time: make one per sort (opening one
 * costs under a microsecond once ICU has loaded its data; ICU's own cache
 * of that data is thread-safe).  Nothing here is process-wide. */
#ifndef TSUNAGU_COLLATE_H
#define TSUNAGU_COLLATE_H

#include <stddef.h>

#include "util/strbuf.h"

typedef struct collator collator;

/* A new collator for Japanese.  Cannot fail: aborts on out of memory; when
 * ICU has no collation data at all (a broken installation), keys fall back
 * to the code-point order of the matching form.  Free with collator_free. */
collator *collator_new(void);

/* Accepts NULL. */
void collator_free(collator *c);

/* Sort key of s (UTF-8; NULL is ""): keys of two texts compare with strcmp
 * as the texts do in Japanese order, at tertiary strength (texts that
 * differ only in kana script, width or case get equal keys).  s is taken in
 * its matching form first (tsunagu_text_key: NFKC, white space trimmed and
 * collapsed to one space); invalid UTF-8 is compared with U+FFFD in place
 * of each bad byte.  New string the caller frees; aborts on out of memory. */
char *collator_key(collator *c, const char *s);

/* The same key appended to keys, NUL and all: returns its offset there
 * (keys->data + offset, valid until keys grows again).  Many keys in one
 * buffer spare a sort of 100,000 people as many allocations.  Cannot fail:
 * aborts on out of memory. */
size_t collator_key_add(collator *c, const char *s, strbuf *keys);

#endif
