/* iconv_win.c - iconv for Windows: CP932 <-> UTF-8 one character at a
 * time through Windows' code page 932 (src/util/win/iconv.h).  Debian
 * builds use glibc's iconv instead. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <windows.h>

#include "util/win/iconv.h"

struct win_iconv {
    bool to_cp932; /* else from CP932 */
};

static bool is_cp932(const char *name)
{
    return strcasecmp(name, "CP932") == 0 || strcasecmp(name, "SHIFT_JIS") == 0 ||
           strcasecmp(name, "SJIS") == 0 || strcasecmp(name, "WINDOWS-31J") == 0;
}

iconv_t iconv_open(const char *to, const char *from)
{
    bool utf8_to = strcasecmp(to, "UTF-8") == 0, utf8_from = strcasecmp(from, "UTF-8") == 0;
    if (!((utf8_to && is_cp932(from)) || (utf8_from && is_cp932(to)))) {
        errno = EINVAL;
        return (iconv_t)-1;
    }
    iconv_t cd = malloc(sizeof *cd);
    if (!cd)
        abort();
    cd->to_cp932 = utf8_from;
    return cd;
}

int iconv_close(iconv_t cd)
{
    free(cd);
    return 0;
}

/* One UTF-8 character at s (n bytes left): its code point and length, 0
 * when cut short, -1 when invalid. */
static int utf8_char(const unsigned char *s, size_t n, uint32_t *cp)
{
    int len = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3
                                : (s[0] & 0xF8) == 0xF0 ? 4 : -1;
    if (len < 0)
        return -1;
    if ((size_t)len > n)
        return 0;
    uint32_t c = len == 1 ? s[0] : s[0] & (0x7F >> len);
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return -1;
        c = (c << 6) | (s[i] & 0x3F);
    }
    static const uint32_t least[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < least[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return -1;
    *cp = c;
    return len;
}

static int utf8_put(uint32_t c, unsigned char *o)
{
    if (c < 0x80)
        return o[0] = (unsigned char)c, 1;
    if (c < 0x800)
        return o[0] = (unsigned char)(0xC0 | c >> 6), o[1] = (unsigned char)(0x80 | (c & 0x3F)), 2;
    if (c < 0x10000) {
        o[0] = (unsigned char)(0xE0 | c >> 12);
        o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | c >> 18);
    o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (c & 0x3F));
    return 4;
}

/* One character of CP932 at s: its UTF-8 in o (up to 4 bytes) and the
 * bytes it took; 0 when cut short, -1 when not CP932. */
static int from_cp932(const unsigned char *s, size_t n, unsigned char *o, int *olen)
{
    /* Lead bytes of two-byte characters; 0x80, 0xA0 and 0xFD-0xFF are no
     * characters (as in glibc's CP932, which Windows would map to private
     * code points). */
    bool lead = (s[0] >= 0x81 && s[0] <= 0x9F) || (s[0] >= 0xE0 && s[0] <= 0xFC);
    if (s[0] == 0x80 || s[0] == 0xA0 || s[0] >= 0xFD)
        return -1;
    int len = lead ? 2 : 1;
    if ((size_t)len > n)
        return 0;
    if (s[0] < 0x80) {
        o[0] = s[0];
        *olen = 1;
        return 1;
    }
    WCHAR w[2];
    int nw = MultiByteToWideChar(932, MB_ERR_INVALID_CHARS, (const char *)s, len, w, 2);
    if (nw != 1 || w[0] == 0xFFFD)
        return -1; /* MB_ERR_INVALID_CHARS: an unmapped pair fails */
    *olen = utf8_put(w[0], o);
    return len;
}

/* One code point as CP932 in o (1 or 2 bytes); 0 when CP932 has none. */
static int to_cp932(uint32_t c, unsigned char *o)
{
    if (c < 0x80) {
        o[0] = (unsigned char)c;
        return 1;
    }
    WCHAR w[2];
    int nw = 1;
    if (c >= 0x10000) {
        w[0] = (WCHAR)(0xD800 + ((c - 0x10000) >> 10));
        w[1] = (WCHAR)(0xDC00 + ((c - 0x10000) & 0x3FF));
        nw = 2;
    } else {
        w[0] = (WCHAR)c;
    }
    BOOL used_default = FALSE;
    int n = WideCharToMultiByte(932, WC_NO_BEST_FIT_CHARS, w, nw, (char *)o, 2, NULL, &used_default);
    return used_default || n <= 0 ? 0 : n;
}

size_t iconv(iconv_t cd, char **in, size_t *inleft, char **out, size_t *outleft)
{
    if (!in || !*in)
        return 0; /* reset: no shift state in either encoding */
    while (*inleft > 0) {
        const unsigned char *s = (const unsigned char *)*in;
        unsigned char buf[4];
        int used, made;
        if (cd->to_cp932) {
            uint32_t c;
            used = utf8_char(s, *inleft, &c);
            made = used > 0 ? to_cp932(c, buf) : 0;
            if (used > 0 && made == 0)
                used = -1;
        } else {
            used = from_cp932(s, *inleft, buf, &made);
        }
        if (used <= 0) {
            errno = used == 0 ? EINVAL : EILSEQ;
            return (size_t)-1;
        }
        if ((size_t)made > *outleft) {
            errno = E2BIG;
            return (size_t)-1;
        }
        memcpy(*out, buf, (size_t)made);
        *out += made;
        *outleft -= (size_t)made;
        *in += used;
        *inleft -= (size_t)used;
    }
    return 0;
}
