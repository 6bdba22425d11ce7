/* reading_order.c - people in あいうえお order: the one definition of the
 * order lists of people are printed in (keys from util/collate). */
#include <stdlib.h>
#include <string.h>

#include "tsunagu/roster.h"
#include "util/collate.h"
#include "util/strbuf.h"

typedef struct {
    const char *reading; /* collation key of the reading, or of the name without one */
    const char *name;    /* collation key of the name; made only for equal readings */
    size_t off;          /* a key's offset in its buffer, until the buffer is full */
    const char *id;
    size_t index;
} reading_item;

static int by_reading(const void *pa, const void *pb)
{
    const reading_item *a = pa, *b = pb;
    int c = strcmp(a->reading, b->reading);
    return c ? c : (a->index > b->index) - (a->index < b->index);
}

/* Within one reading: by name, then id (byte order), then position. */
static int by_name_id(const void *pa, const void *pb)
{
    const reading_item *a = pa, *b = pb;
    int c = strcmp(a->name, b->name);
    if (c == 0)
        c = strcmp(a->id ? a->id : "", b->id ? b->id : "");
    return c ? c : (a->index > b->index) - (a->index < b->index);
}

/* Sort each run of equal readings by name and id: the names' keys are made
 * only here, for the few who share a reading. */
static void break_ties(reading_item *it, size_t n, const tsunagu_attendee *items, collator *c)
{
    strbuf names = {0};
    for (size_t lo = 0, hi; lo < n; lo = hi) {
        for (hi = lo + 1; hi < n && strcmp(it[hi].reading, it[lo].reading) == 0; hi++)
            ;
        if (hi - lo < 2)
            continue;
        names.len = 0;
        for (size_t k = lo; k < hi; k++)
            it[k].off = collator_key_add(c, items[it[k].index].name, &names);
        for (size_t k = lo; k < hi; k++)
            it[k].name = names.data + it[k].off;
        qsort(it + lo, hi - lo, sizeof *it, by_name_id);
    }
    free(names.data);
}

size_t *tsunagu_attendees_reading_order(const tsunagu_attendee *items, size_t n)
{
    reading_item *it = malloc((n ? n : 1) * sizeof *it);
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    if (!it || !order)
        abort();
    /* A key once per person, all in one buffer, then n log n strcmp:
     * 20,000 people take a few hundredths of a second, most of it making
     * the keys. */
    collator *c = collator_new();
    strbuf keys = {0};
    for (size_t i = 0; i < n; i++) {
        const tsunagu_attendee *a = &items[i];
        it[i].off = collator_key_add(c, a->kana && *a->kana ? a->kana : a->name, &keys);
        it[i].name = NULL;
        it[i].id = a->id;
        it[i].index = i;
    }
    for (size_t i = 0; i < n; i++)
        it[i].reading = keys.data + it[i].off;
    qsort(it, n, sizeof *it, by_reading);
    break_ties(it, n, items, c);
    collator_free(c);
    for (size_t i = 0; i < n; i++)
        order[i] = it[i].index;
    free(keys.data);
    free(it);
    return order;
}

size_t *tsunagu_attendees_reading_rank(const tsunagu_attendee *items, size_t n)
{
    size_t *order = tsunagu_attendees_reading_order(items, n);
    size_t *rank = malloc((n ? n : 1) * sizeof *rank);
    if (!rank)
        abort();
    for (size_t i = 0; i < n; i++)
        rank[order[i]] = i;
    free(order);
    return rank;
}
