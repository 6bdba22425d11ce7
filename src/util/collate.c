/* collate.c - Japanese sort keys from ICU's "ja" collator (ucol). */
#include "util/collate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include "tsunagu/text.h"
#include "util/strbuf.h"

struct collator {
    UCollator *ucol; /* NULL: ICU has no data; keys are the matching form */
    UChar *text;     /* UTF-16 of the text being keyed, grown as needed */
    int32_t text_cap;
    uint8_t *key; /* the last key made, grown as needed */
    int32_t key_cap;
};

collator *collator_new(void)
{
    collator *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    UErrorCode err = U_ZERO_ERROR;
    /* "ja" at its default, tertiary strength; a fallback to the root
     * order (no Japanese data) is a warning, not a failure. */
    c->ucol = ucol_open("ja", &err);
    if (U_FAILURE(err)) {
        if (err == U_MEMORY_ALLOCATION_ERROR)
            abort();
        ucol_close(c->ucol);
        c->ucol = NULL;
    }
    return c;
}

void collator_free(collator *c)
{
    if (!c)
        return;
    ucol_close(c->ucol);
    free(c->text);
    free(c->key);
    free(c);
}

/* The text as UTF-16 in c->text; its length. */
static int32_t to_utf16(collator *c, const char *s)
{
    for (;;) {
        UErrorCode err = U_ZERO_ERROR;
        int32_t len = 0;
        u_strFromUTF8WithSub(c->text, c->text_cap, &len, s, -1, 0xFFFD, NULL, &err);
        if (err == U_BUFFER_OVERFLOW_ERROR || err == U_STRING_NOT_TERMINATED_WARNING ||
            len >= c->text_cap) {
            c->text_cap = len + 1;
            free(c->text);
            c->text = malloc((size_t)c->text_cap * sizeof *c->text);
            if (!c->text)
                abort();
            continue;
        }
        if (U_FAILURE(err))
            return 0; /* not reached with a substitution character */
        return len;
    }
}

/* The key of s in c->key; its length with the final NUL. */
static size_t make_key(collator *c, const char *s)
{
    char *form = tsunagu_text_key(s ? s : "");
    if (!form) /* not UTF-8: ICU substitutes U+FFFD below */
        form = tsunagu_strdup(s ? s : "");
    size_t n = strlen(form) + 1;
    if (!c->ucol) {
        if (n > (size_t)c->key_cap) {
            free(c->key);
            c->key_cap = (int32_t)n;
            c->key = malloc(n);
            if (!c->key)
                abort();
        }
        memcpy(c->key, form, n);
        free(form);
        return n;
    }
    int32_t len = to_utf16(c, form);
    free(form);
    for (;;) {
        /* The key ends in one NUL and holds no other (ICU's contract), so
         * it compares with strcmp. */
        int32_t need = ucol_getSortKey(c->ucol, c->text, len, c->key, c->key_cap);
        if (need <= 0) /* an internal error: compare as empty rather than stop */
            need = 0;
        if (need > 0 && need <= c->key_cap)
            return (size_t)need;
        free(c->key);
        c->key_cap = need > 64 ? need : 64;
        c->key = malloc((size_t)c->key_cap);
        if (!c->key)
            abort();
        if (need == 0) {
            c->key[0] = 0;
            return 1;
        }
    }
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
