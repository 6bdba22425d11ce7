/* jsonpos.c - a second, tiny JSON scan that remembers where values start. */
#include "util/jsonpos.h"
#include "util/strbuf.h"
#include "util/strmap.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsunagu/fileio.h"
#include "util/tr.h"
#include "tsunagu/text.h"

typedef struct {
    char *pointer;
    int line;
} entry;

struct tsunagu_jsonpos {
    entry *items;
    size_t count, cap;
    strmap index; /* pointer -> its first entry: a lookup per attendee of a
                     20,000-person file made reading it quadratic */
};

typedef struct {
    const char *s;
    size_t len, i;
    int line;
    char *path; /* the JSON Pointer of the value being scanned */
    size_t plen, pcap;
    tsunagu_jsonpos *out;
} scanner;

void tsunagu_jsonpos_free(tsunagu_jsonpos *pos)
{
    if (!pos)
        return;
    for (size_t i = 0; i < pos->count; i++)
        free(pos->items[i].pointer);
    free(pos->items);
    strmap_dispose(&pos->index);
    free(pos);
}

static void skip_space(scanner *sc)
{
    while (sc->i < sc->len) {
        char c = sc->s[sc->i];
        if (c == '\n')
            sc->line++;
        else if (c != ' ' && c != '\t' && c != '\r')
            break;
        sc->i++;
    }
}

static int record(scanner *sc)
{
    tsunagu_jsonpos *p = sc->out;
    if (p->count == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 256;
        entry *items = realloc(p->items, cap * sizeof *items);
        if (!items)
            return -1;
        p->items = items;
        p->cap = cap;
    }
    char *copy = malloc(sc->plen + 1);
    if (!copy)
        return -1;
    memcpy(copy, sc->path, sc->plen);
    copy[sc->plen] = '\0';
    p->items[p->count].pointer = copy;
    p->items[p->count].line = sc->line;
    if (strmap_get(&p->index, copy) < 0)
        strmap_put(&p->index, copy, (int)p->count);
    p->count++;
    return 0;
}

/* Append raw bytes to the current path. */
/* Bytes of "/key" with '~' and '/' escaped as RFC 6901 asks. */
static size_t escaped_len(const char *key)
{
    size_t n = 1;
    for (const char *k = key; *k; k++)
        n += *k == '~' || *k == '/' ? 2 : 1;
    return n;
}

/* Write "/key", escaped, and a NUL at dst (escaped_len(key) + 1 bytes). */
static void escape_into(char *dst, const char *key)
{
    *dst++ = '/';
    for (const char *k = key; *k; k++) {
        if (*k == '~' || *k == '/') {
            *dst++ = '~';
            *dst++ = *k == '~' ? '0' : '1';
        } else {
            *dst++ = *k;
        }
    }
    *dst = '\0';
}

/* Room for n more bytes and a NUL on the path; 0 or -1. */
static int path_reserve(scanner *sc, size_t n)
{
    if (sc->plen + n + 1 > sc->pcap) {
        size_t cap = (sc->plen + n + 1) * 2;
        char *path = realloc(sc->path, cap);
        if (!path)
            return -1;
        sc->path = path;
        sc->pcap = cap;
    }
    return 0;
}

static int path_add(scanner *sc, const char *text, size_t n)
{
    if (path_reserve(sc, n) != 0)
        return -1;
    memcpy(sc->path + sc->plen, text, n);
    sc->plen += n;
    sc->path[sc->plen] = '\0';
    return 0;
}

static int hex4(const char *s, unsigned *out)
{
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        char c = s[k];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

static size_t put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Scan a string starting at its opening quote.  With out, its decoded
 * text is returned in a new buffer (the caller frees it). */
static int scan_string(scanner *sc, char **out)
{
    if (sc->i >= sc->len || sc->s[sc->i] != '"')
        return -1;
    size_t start = ++sc->i;
    while (sc->i < sc->len && sc->s[sc->i] != '"')
        sc->i += sc->s[sc->i] == '\\' ? 2 : 1;
    if (sc->i >= sc->len)
        return -1;
    size_t end = sc->i++;
    if (!out)
        return 0;
    /* Decoded text is never longer than the escaped text. */
    char *d = malloc(end - start + 1);
    if (!d)
        return -1;
    size_t n = 0;
    for (size_t k = start; k < end; k++) {
        char c = sc->s[k];
        if (c != '\\') {
            d[n++] = c;
            continue;
        }
        c = sc->s[++k];
        switch (c) {
        case 'b': d[n++] = '\b'; break;
        case 'f': d[n++] = '\f'; break;
        case 'n': d[n++] = '\n'; break;
        case 'r': d[n++] = '\r'; break;
        case 't': d[n++] = '\t'; break;
        case 'u': {
            unsigned cp, lo;
            if (k + 4 >= end || hex4(sc->s + k + 1, &cp) != 0)
                goto bad;
            k += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && k + 6 < end && sc->s[k + 1] == '\\' &&
                sc->s[k + 2] == 'u' && hex4(sc->s + k + 3, &lo) == 0 && lo >= 0xDC00 &&
                lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                k += 6;
            }
            n += put_utf8(d + n, cp);
            break;
        }
        default: d[n++] = c; break; /* \" \\ \/ */
        }
    }
    d[n] = '\0';
    *out = d;
    return 0;
bad:
    free(d);
    return -1;
}

static int scan_value(scanner *sc);

/* After a member or element: back to the container's path, then ',' (1:
 * another follows), the closing bracket (0: done) or anything else (-1). */
static int next_member(scanner *sc, size_t base, char close)
{
    sc->plen = base;
    sc->path[base] = '\0';
    skip_space(sc);
    if (sc->i < sc->len && sc->s[sc->i] == ',') {
        sc->i++;
        return 1;
    }
    if (sc->i < sc->len && sc->s[sc->i] == close) {
        sc->i++;
        return 0;
    }
    return -1;
}

static int scan_object(scanner *sc)
{
    size_t base = sc->plen;
    sc->i++; /* { */
    skip_space(sc);
    if (sc->i < sc->len && sc->s[sc->i] == '}') {
        sc->i++;
        return 0;
    }
    for (;;) {
        skip_space(sc);
        char *key = NULL;
        if (scan_string(sc, &key) != 0)
            return -1;
        /* "/key" escaped, straight onto the path: every key of a plan passes here */
        size_t n = escaped_len(key);
        int added = path_reserve(sc, n);
        if (added == 0) {
            escape_into(sc->path + sc->plen, key);
            sc->plen += n;
        }
        free(key);
        if (added != 0)
            return -1;
        skip_space(sc);
        if (sc->i >= sc->len || sc->s[sc->i] != ':')
            return -1;
        sc->i++;
        if (scan_value(sc) != 0)
            return -1;
        int more = next_member(sc, base, '}');
        if (more <= 0)
            return more;
    }
}

static int scan_array(scanner *sc)
{
    size_t base = sc->plen;
    sc->i++; /* [ */
    skip_space(sc);
    if (sc->i < sc->len && sc->s[sc->i] == ']') {
        sc->i++;
        return 0;
    }
    for (size_t index = 0;; index++) {
        char buf[32];
        int n = snprintf(buf, sizeof buf, "/%zu", index);
        if (path_add(sc, buf, (size_t)n) != 0)
            return -1;
        if (scan_value(sc) != 0)
            return -1;
        int more = next_member(sc, base, ']');
        if (more <= 0)
            return more;
    }
}

static int scan_value(scanner *sc)
{
    skip_space(sc);
    if (sc->i >= sc->len)
        return -1;
    if (record(sc) != 0)
        return -1;
    switch (sc->s[sc->i]) {
    case '{': return scan_object(sc);
    case '[': return scan_array(sc);
    case '"': return scan_string(sc, NULL);
    default:
        /* number, true, false, null: no structure inside */
        while (sc->i < sc->len && strchr(",]} \t\r\n", sc->s[sc->i]) == NULL)
            sc->i++;
        return 0;
    }
}

tsunagu_jsonpos *tsunagu_jsonpos_scan(const char *text, size_t len)
{
    scanner sc = {.s = text, .len = len, .line = 1};
    sc.out = calloc(1, sizeof *sc.out);
    if (!sc.out || path_add(&sc, "", 0) != 0) {
        free(sc.out);
        return NULL;
    }
    /* A UTF-8 byte order mark is not part of the JSON text. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        sc.i = 3;
    int rc = scan_value(&sc);
    free(sc.path);
    if (rc != 0) {
        tsunagu_jsonpos_free(sc.out);
        return NULL;
    }
    return sc.out;
}

int tsunagu_jsonpos_line(const tsunagu_jsonpos *pos, const char *pointer)
{
    if (!pos || !pointer)
        return 0;
    char *p = tsunagu_strdup(pointer);
    int line = 0;
    for (size_t n = strlen(p);;) {
        p[n] = '\0';
        int i = strmap_get(&pos->index, p);
        if (i >= 0) {
            line = pos->items[i].line;
            break;
        }
        if (n == 0)
            break;
        while (n > 0 && p[n - 1] != '/')
            n--;
        if (n > 0)
            n--; /* drop the '/' too: "/a/b" -> "/a" -> "" */
    }
    free(p);
    return line;
}

int tsunagu_jsonpos_append(char *buf, size_t cap, const char *key)
{
    size_t n = strlen(buf), need = escaped_len(key);
    if (n + need >= cap)
        return -1; /* all or nothing: a cut key could name another */
    escape_into(buf + n, key);
    return 0;
}

void tsunagu_jsonpos_error(tsunagu_diags *diags, const char *source,
                           const tsunagu_jsonpos *pos, const char *pointer,
                           const char *fmt, ...)
{
    strbuf text = {0};
    va_list ap;
    va_start(ap, fmt);
    strbuf_vaddf(&text, fmt, ap);
    va_end(ap);
    tsunagu_diags_add(diags, TSUNAGU_ERROR, source, tsunagu_jsonpos_line(pos, pointer), "%s",
                      text.data ? text.data : "");
    free(text.data);
}

void tsunagu_json_syntax_error(tsunagu_diags *diags, const char *source, const json_error_t *err)
{
    int line = err->line > 0 ? err->line : 0;
    if (strstr(err->text, "JSON_ALLOW_NUL"))
        tsunagu_diags_add(diags, TSUNAGU_ERROR, source, line, "%s",
                          TR("invalid JSON: a string holds \\u0000 (a NUL character), which is not allowed",
                             "JSON として読めません: 文字列に \\u0000（NUL 文字）は使えません"));
    else if (strstr(err->text, "duplicate object key") && strstr(err->text, "near '")) {
        /* jansson: duplicate object key near '"name"' */
        const char *key = strstr(err->text, "near '") + 6;
        int n = (int)strlen(key);
        if (n > 0 && key[n - 1] == '\'')
            n--;
        tsunagu_diags_add(diags, TSUNAGU_ERROR, source, line,
                          TR("invalid JSON: the key %.*s appears twice in one object",
                             "JSON として読めません: 1 つのオブジェクトにキー %.*s が 2 回あります"),
                          n, key);
    } else if (strstr(err->text, "end of file") || strstr(err->text, "premature end of input"))
        tsunagu_diags_add(diags, TSUNAGU_ERROR, source, line,
                          TR("invalid JSON: %s (the file ends too early: was it cut off?)",
                             "JSON として読めません: %s（ファイルが途中で終わっています。切れていませんか）"),
                          err->text);
    else
        tsunagu_diags_add(diags, TSUNAGU_ERROR, source, line,
                          TR("invalid JSON: %s", "JSON として読めません: %s"), err->text);
}

int tsunagu_json_check_utf8(const char *text, size_t len, const char *source,
                            tsunagu_diags *diags)
{
    size_t bad;
    if (tsunagu_utf8_valid(text, len, &bad))
        return 0;
    int line, column;
    tsunagu_text_position(text, len, bad, &line, &column);
    tsunagu_diags_add_at(diags, TSUNAGU_ERROR, source, line, column,
                         TR("invalid byte 0x%02X: the file must be UTF-8",
                            "不正なバイト 0x%02X があります。ファイルは UTF-8 で保存してください"),
                         (unsigned char)text[bad]);
    return -1;
}

json_t *tsunagu_json_read_buffer(const char *text, size_t len, size_t max_bytes,
                                 const char *source, tsunagu_diags *diags,
                                 tsunagu_jsonpos **pos)
{
    if (pos)
        *pos = NULL;
    if (max_bytes && len > max_bytes) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, source, 0,
                          TR("file is larger than %zu bytes", "ファイルが %zu バイトを超えています"),
                          max_bytes);
        return NULL;
    }
    size_t skip = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (tsunagu_json_check_utf8(text, len, source, diags) != 0)
        return NULL;
    size_t blank = skip;
    while (blank < len && strchr(" \t\r\n", text[blank]))
        blank++;
    if (blank == len) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, source, 0, "%s",
                          TR("the file is empty", "ファイルが空です"));
        return NULL;
    }
    json_error_t err;
    json_t *json = json_loadb(text + skip, len - skip, JSON_REJECT_DUPLICATES, &err);
    if (!json) {
        tsunagu_json_syntax_error(diags, source, &err);
    } else if (pos) {
        *pos = tsunagu_jsonpos_scan(text, len);
    }
    return json;
}

json_t *tsunagu_json_read_file(const char *path, size_t max_bytes, tsunagu_diags *diags,
                               tsunagu_jsonpos **pos)
{
    if (pos)
        *pos = NULL;
    size_t len = 0;
    char *text = tsunagu_file_read(path, max_bytes, &len, diags);
    if (!text)
        return NULL;
    const char *shown = strcmp(path, "-") == 0 ? "<stdin>" : path;
    json_t *json = tsunagu_json_read_buffer(text, len, max_bytes, shown, diags, pos);
    free(text);
    return json;
}
