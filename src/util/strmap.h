/* strmap.h - a hash map from strings to non-negative ints (private to the
 * library).
 *
 * Keys are borrowed: the map keeps the caller's pointer, so a key must
 * outlive the map and stay unchanged.  Used wherever people are grouped by
 * a string (organisations, seating-type keys): a linear scan per person
 * made those steps quadratic in the list's length.  Start from {0}; free
 * with strmap_dispose.  Growing aborts on out of memory, like strbuf. */
#ifndef TSUNAGU_STRMAP_H
#define TSUNAGU_STRMAP_H

#include <stddef.h>

typedef struct {
    const char **keys;  /* per slot, NULL = empty */
    unsigned *hashes;
    int *values;
    size_t cap;         /* a power of two, or 0 */
    size_t count;
} strmap;

/* FNV-1a of s.  Cannot fail. */
unsigned strmap_hash(const char *s);
/* The value stored under key, or -1.  Cannot fail. */
int strmap_get(const strmap *m, const char *key);
/* Store value (>= 0) under key, replacing any earlier value; key is
 * borrowed.  Cannot fail (aborts on out of memory). */
void strmap_put(strmap *m, const char *key, int value);
/* Frees the map's own arrays (not the keys); accepts a zeroed map. */
void strmap_dispose(strmap *m);

#endif
