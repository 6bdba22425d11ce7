/* collate_win.c - collate.h on Windows: sort keys from Windows' own
 * Japanese collation (LCMapStringEx with LCMAP_SORTKEY, locale ja-JP),
 * instead of ICU (collate.c), which Windows builds do not carry.  Same
 * contract: keys compare with strcmp; kana script, width and case are
 * ignored (NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH | NORM_IGNORECASE). */
#include "util/collate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <windows.h>

#include "tsunagu/text.h"
#include "util/strbuf.h"

struct collator {
    WCHAR *text; /* UTF-16 of the text being keyed, grown as needed */
    int text_cap;
    uint8_t *key; /* the last key made, grown as needed */
    int key_cap;
};

collator *collator_new(void)
{
    collator *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    return c;
}

void collator_free(collator *c)
{
    if (!c)
        return;
    free(c->text);
    free(c->key);
    free(c);
}

static void *grow(void *p, int *cap, int need, size_t size)
{
    if (need <= *cap)
        return p;
    free(p);
    *cap = need;
    p = malloc((size_t)need * size);
    if (!p)
        abort();
    return p;
}

/* The key of s in c->key; its length with the final NUL. */
static size_t make_key(collator *c, const char *s)
{
    char *form = tsunagu_text_key(s ? s : "");
    if (!form) /* not UTF-8: Windows substitutes U+FFFD below */
        form = tsunagu_strdup(s ? s : "");
    int n = MultiByteToWideChar(CP_UTF8, 0, form, -1, NULL, 0);
    c->text = grow(c->text, &c->text_cap, n > 0 ? n : 1, sizeof *c->text);
    if (n <= 0 || MultiByteToWideChar(CP_UTF8, 0, form, -1, c->text, n) <= 0)
        c->text[0] = 0;
    free(form);
    const DWORD flags = LCMAP_SORTKEY | NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH | NORM_IGNORECASE;
    /* The key ends in one NUL and holds no other, so it compares with
     * strcmp. */
    int need = LCMapStringEx(L"ja-JP", flags, c->text, -1, NULL, 0, NULL, NULL, 0);
    c->key = grow(c->key, &c->key_cap, need > 1 ? need : 1, 1);
    if (need <= 1 ||
        LCMapStringEx(L"ja-JP", flags, c->text, -1, (LPWSTR)c->key, need, NULL, NULL, 0) <= 0) {
        c->key[0] = 0; /* an internal error: compare as empty rather than stop */
        return 1;
    }
    return (size_t)need;
}

char *collator_key(collator *c, const char *s)
{
    size_t n = make_key(c, s);
    char *key = malloc(n);
    if (!key)
        abort();
    memcpy(key, c->key, n);
    return key;
}

size_t collator_key_add(collator *c, const char *s, strbuf *keys)
{
    size_t n = make_key(c, s), at = keys->len;
    strbuf_addn(keys, (const char *)c->key, n); /* the key's NUL stays in the buffer */
    return at;
}
