/* sort.h - a stable sort of index arrays with a context pointer (private).
 *
 * qsort has no context argument, which pushed the library to keep the
 * array being sorted in a static variable: two threads sorting at once
 * then compared each other's people.  Every index sort goes through here. */
#ifndef TSUNAGU_SORT_H
#define TSUNAGU_SORT_H

#include <stddef.h>

/* Negative, zero or positive as a sorts before, with or after b. */
typedef int (*sort_index_cmp)(size_t a, size_t b, const void *ctx);

/* Sort idx[0..n) stably (merge sort).  Cannot fail: aborts on out of
 * memory, like the other small allocations of the library. */
void sort_indices(size_t *idx, size_t n, sort_index_cmp cmp, const void *ctx);

/* Sort idx[0..n) by rank[idx[k]], smallest first: a table's members by
 * their place in an order worked out once for everybody (the reading
 * order, tsunagu_attendees_reading_rank).  Cannot fail, like sort_indices. */
void sort_indices_by_rank(size_t *idx, size_t n, const size_t *rank);

#endif
