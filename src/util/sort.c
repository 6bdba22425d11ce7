/* sort.c - a stable merge sort of index arrays with a context pointer. */
#include "util/sort.h"

#include <stdlib.h>
#include <string.h>

static void merge(size_t *idx, size_t *tmp, size_t lo, size_t mid, size_t hi, sort_index_cmp cmp,
                  const void *ctx)
{
    size_t i = lo, j = mid, k = lo;
    while (i < mid && j < hi)
        tmp[k++] = cmp(idx[j], idx[i], ctx) < 0 ? idx[j++] : idx[i++]; /* ties keep order */
    while (i < mid)
        tmp[k++] = idx[i++];
    while (j < hi)
        tmp[k++] = idx[j++];
    memcpy(idx + lo, tmp + lo, (hi - lo) * sizeof *idx);
}

static int by_rank(size_t a, size_t b, const void *ctx)
{
    const size_t *rank = ctx;
    return (rank[a] > rank[b]) - (rank[a] < rank[b]);
}

void sort_indices_by_rank(size_t *idx, size_t n, const size_t *rank)
{
    sort_indices(idx, n, by_rank, rank);
}

void sort_indices(size_t *idx, size_t n, sort_index_cmp cmp, const void *ctx)
{
    if (n < 2)
        return;
    size_t *tmp = malloc(n * sizeof *tmp);
    if (!tmp)
        abort();
    /* bottom-up: runs of 1, 2, 4, ... merged pairwise; no recursion depth */
    for (size_t width = 1; width < n; width *= 2)
        for (size_t lo = 0; lo + width < n; lo += 2 * width) {
            size_t mid = lo + width, hi = lo + 2 * width < n ? lo + 2 * width : n;
            merge(idx, tmp, lo, mid, hi, cmp, ctx);
        }
    free(tmp);
}
