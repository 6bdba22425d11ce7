/* text.c - UTF-8 validation, NFKC matching keys, display width (utf8proc). */
#include "tsunagu/text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

char *tsunagu_strdup(const char *s)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        abort();
    return d;
}

bool tsunagu_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0 || cp < 0) {
            if (bad_offset)
                *bad_offset = i;
            return false;
        }
        i += (size_t)n;
    }
    return true;
}

void tsunagu_text_position(const char *text, size_t len, size_t off, int *line, int *column)
{
    *line = 1;
    *column = 1;
    for (size_t i = 0; i < off && i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0 || cp < 0)
            n = 1; /* an invalid byte takes one column */
        if (n == 1 && text[i] == '\n') {
            ++*line;
            *column = 1;
        } else {
            ++*column;
        }
        i += (size_t)n;
    }
}

static bool is_space(utf8proc_int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' ||
           cp == 0x3000 || cp == 0xA0 || cp == 0xFEFF;
}

char *tsunagu_text_key(const char *s)
{
    if (!s)
        return NULL;
    utf8proc_uint8_t *norm = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &norm,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                          UTF8PROC_COMPAT);
    if (n < 0)
        return NULL;
    /* Collapse white space and fold ASCII case, in place (output never grows). */
    char *out = (char *)norm;
    size_t w = 0;
    bool pending_space = false;
    for (utf8proc_ssize_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(norm + i, n - i, &cp);
        if (k <= 0)
            break;
        if (is_space(cp)) {
            pending_space = w > 0;
        } else {
            if (pending_space)
                out[w++] = ' ';
            pending_space = false;
            if (cp >= 'A' && cp <= 'Z')
                out[w++] = (char)(cp - 'A' + 'a');
            else {
                memmove(out + w, norm + i, (size_t)k);
                w += (size_t)k;
            }
        }
        i += k;
    }
    out[w] = '\0';
    return out;
}

char *tsunagu_text_name_key(const char *s)
{
    char *k = tsunagu_text_key(s);
    if (!k)
        return NULL;
    /* In place: a katakana letter and its hiragana are both three bytes. */
    size_t len = strlen(k), w = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)k + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) /* cannot happen: tsunagu_text_key's output is valid */
            break;
        i += (size_t)n;
        if (cp == ' ')
            continue;
        /* U+30A1..U+30F6 (ァ..ヶ) sit 0x60 above U+3041..U+3096 (ぁ..ゖ), letter
         * for letter; the prolonged sound mark ー is shared by both. */
        if (cp >= 0x30A1 && cp <= 0x30F6)
            cp -= 0x60;
        w += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)k + w);
    }
    k[w] = '\0';
    return k;
}

char *tsunagu_text_trim(const char *s)
{
    if (!s)
        return NULL;
    size_t len = strlen(s), start = 0, end = len;
    while (start < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + start,
                                              (utf8proc_ssize_t)(len - start), &cp);
        if (k <= 0 || !is_space(cp))
            break;
        start += (size_t)k;
    }
    /* Scan forward, remembering the end of the last non-space character. */
    size_t last = start;
    for (size_t i = start; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0) {
            i++;
            last = i;
            continue;
        }
        i += (size_t)k;
        if (!is_space(cp))
            last = i;
    }
    end = last;
    char *d = malloc(end - start + 1);
    if (!d)
        return NULL;
    memcpy(d, s + start, end - start);
    d[end - start] = '\0';
    return d;
}

int tsunagu_text_width(const char *s)
{
    int width = 0;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0) {
            width++;
            i++;
            continue;
        }
        i += (size_t)k;
        int cw = utf8proc_charwidth(cp);
        /* utf8proc gives 1 to ambiguous-width characters; Japanese terminals agree. */
        width += cw < 0 ? 0 : cw;
    }
    return width;
}

void tsunagu_text_pad(char **buf, size_t *len, size_t *cap, const char *s, int width)
{
    size_t sl = strlen(s);
    int w = tsunagu_text_width(s);
    size_t pad = w < width ? (size_t)(width - w) : 0;
    size_t need = *len + sl + pad + 1;
    if (need > *cap) {
        size_t c = *cap ? *cap : 256;
        while (c < need)
            c *= 2;
        char *b = realloc(*buf, c);
        if (!b)
            abort();
        *buf = b;
        *cap = c;
    }
    memcpy(*buf + *len, s, sl);
    memset(*buf + *len + sl, ' ', pad);
    *len += sl + pad;
    (*buf)[*len] = '\0';
}

bool tsunagu_text_is_bidi_control(int32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

int tsunagu_text_strip_bidi(char *s)
{
    size_t len = s ? strlen(s) : 0, w = 0;
    int gone = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        size_t n = k > 0 ? (size_t)k : 1;
        if (k > 0 && tsunagu_text_is_bidi_control(cp))
            gone++;
        else
            memmove(s + w, s + i, n), w += n;
        i += n;
    }
    if (s)
        s[w] = '\0';
    return gone;
}

char *tsunagu_text_printable(const char *s)
{
    size_t len = s ? strlen(s) : 0, w = 0;
    char *out = malloc(len * 3 + 1); /* a bad byte becomes U+FFFD, 3 bytes */
    if (!out)
        abort();
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        bool control = k <= 0 || (cp < 0x20 && cp != '\t') || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
        if (k > 0 && tsunagu_text_is_bidi_control(cp)) {
            /* dropped: it would reorder the rest of the line */
        } else if (control) {
            memcpy(out + w, "\xEF\xBF\xBD", 3);
            w += 3;
        } else if (cp == '\t' || cp == 0x2028 || cp == 0x2029) {
            out[w++] = ' '; /* a line or paragraph separator would split the line for some readers */
        } else {
            memcpy(out + w, s + i, (size_t)k);
            w += (size_t)k;
        }
        i += k > 0 ? (size_t)k : 1;
    }
    out[w] = '\0';
    return out;
}
