/* decode.c - UTF-8, UTF-8 with BOM or CP932, told apart by the bytes. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "input/input_private.h"
#include "tsunagu/lang.h"
#include "tsunagu/text.h"

/* 1-based line of byte offset off in text. */
static int line_of_offset(const char *text, size_t len, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off && i < len; i++)
        line += text[i] == '\n';
    return line;
}

#define MAX_REPORTED_BYTES 5

static char *copy(const char *data, size_t len, size_t *out_len)
{
    char *out = malloc(len + 1);
    if (!out)
        abort();
    memcpy(out, data, len);
    out[len] = '\0';
    *out_len = len;
    return out;
}

/* CP932 to UTF-8 with iconv; NULL when some byte sequence is not CP932. */
static char *from_cp932(const char *data, size_t len, size_t *out_len)
{
    iconv_t cd = iconv_open("UTF-8", "CP932");
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = len * 3 + 1; /* a CP932 byte never becomes more than 3 UTF-8 bytes */
    char *out = malloc(cap);
    if (!out)
        abort();
    char *in = (char *)data, *o = out;
    size_t inleft = len, outleft = cap - 1;
    size_t rc = iconv(cd, &in, &inleft, &o, &outleft);
    iconv_close(cd);
    if (rc == (size_t)-1) {
        free(out);
        return NULL;
    }
    *o = '\0';
    *out_len = (size_t)(o - out);
    return out;
}

/* Name the first few bytes that are not UTF-8, with line and offset. */
static void report_invalid(const char *data, size_t len, const char *source, tsunagu_diags *diags)
{
    size_t off = 0, shown = 0, more = 0;
    while (off < len) {
        size_t bad;
        if (tsunagu_utf8_valid(data + off, len - off, &bad))
            break;
        off += bad;
        if (shown < MAX_REPORTED_BYTES) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, source,
                              line_of_offset(data, len, off),
                              TR("invalid byte 0x%02X at byte offset %zu: the file is neither "
                                 "UTF-8 nor Shift_JIS (CP932); save it as \"CSV UTF-8\"",
                                 "バイト位置 %2$zu に不正なバイト 0x%1$02X があります。UTF-8 でも "
                                 "Shift_JIS (CP932) でもありません。「CSV UTF-8」形式で保存し直してください"),
                              (unsigned char)data[off], off);
            shown++;
        } else {
            more++;
        }
        off++;
    }
    if (more)
        tsunagu_diags_add(diags, TSUNAGU_ERROR, source, 0,
                          TR("%zu more invalid bytes not listed", "ほかに不正なバイトが %zu 個あります"),
                          more);
}

char *tsunagu_decode(const char *data, size_t len, const char *source, size_t *out_len,
                     tsunagu_input_encoding *enc, tsunagu_diags *diags)
{
    const unsigned char *u = (const unsigned char *)data;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, source, 1, "%s",
                          TR("the file is UTF-16 (\"Unicode text\"); save it as \"CSV UTF-8\"",
                             "UTF-16（Unicode テキスト）のファイルです。「CSV UTF-8」形式で保存し直してください"));
        return NULL;
    }
    const char *nul = memchr(data, '\0', len);
    if (nul) {
        size_t off = (size_t)(nul - data);
        tsunagu_diags_add(diags, TSUNAGU_ERROR, source, line_of_offset(data, len, off),
                          TR("NUL byte at byte offset %zu: this is not a text file",
                             "バイト位置 %zu に NUL バイトがあります。テキストファイルではありません"),
                          off);
        return NULL;
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        /* A BOM says UTF-8: do not guess further. */
        if (!tsunagu_utf8_valid(data + 3, len - 3, NULL)) {
            report_invalid(data, len, source, diags);
            return NULL;
        }
        *enc = TSUNAGU_INPUT_UTF8_BOM;
        return copy(data + 3, len - 3, out_len);
    }
    if (tsunagu_utf8_valid(data, len, NULL)) {
        *enc = TSUNAGU_INPUT_UTF8;
        return copy(data, len, out_len);
    }
    char *text = from_cp932(data, len, out_len);
    if (text) {
        *enc = TSUNAGU_INPUT_CP932;
        return text;
    }
    report_invalid(data, len, source, diags);
    return NULL;
}
