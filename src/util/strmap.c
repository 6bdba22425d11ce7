/* strmap.c - open addressing with linear probing, at most half full. */
#include "util/strmap.h"

#include <stdlib.h>
#include <string.h>

unsigned strmap_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static size_t find_slot(const strmap *m, const char *key, unsigned h)
{
    size_t mask = m->cap - 1, i = h & mask;
    while (m->keys[i] && !(m->hashes[i] == h && strcmp(m->keys[i], key) == 0))
        i = (i + 1) & mask;
    return i;
}

int strmap_get(const strmap *m, const char *key)
{
    if (m->cap == 0)
        return -1;
    size_t i = find_slot(m, key, strmap_hash(key));
    return m->keys[i] ? m->values[i] : -1;
}

static void grow(strmap *m)
{
    strmap bigger = {0};
    bigger.cap = m->cap ? m->cap * 2 : 64;
    bigger.keys = calloc(bigger.cap, sizeof *bigger.keys);
    bigger.hashes = calloc(bigger.cap, sizeof *bigger.hashes);
    bigger.values = calloc(bigger.cap, sizeof *bigger.values);
    if (!bigger.keys || !bigger.hashes || !bigger.values)
        abort();
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i]) {
            size_t j = find_slot(&bigger, m->keys[i], m->hashes[i]);
            bigger.keys[j] = m->keys[i];
            bigger.hashes[j] = m->hashes[i];
            bigger.values[j] = m->values[i];
        }
    bigger.count = m->count;
    strmap_dispose(m);
    *m = bigger;
}

void strmap_put(strmap *m, const char *key, int value)
{
    if (2 * (m->count + 1) > m->cap)
        grow(m);
    unsigned h = strmap_hash(key);
    size_t i = find_slot(m, key, h);
    if (!m->keys[i]) {
        m->keys[i] = key;
        m->hashes[i] = h;
        m->count++;
    }
    m->values[i] = value;
}

void strmap_dispose(strmap *m)
{
    free(m->keys);
    free(m->hashes);
    free(m->values);
    memset(m, 0, sizeof *m);
}
